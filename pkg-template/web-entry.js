// The functions that the browser entry (browser.js) and the worker entry (worker.js)
// share: init, initSync, md5Hex, wasmMemorySize and the OksoftClient wrapper, over the web
// build of the wasm that the entry passes in. The two builds differ only in the partner
// gateway's exports, which the browser build leaves out.
//
// The wasm module loads asynchronously there, so OksoftClient is a thin wrapper: its
// first method call loads the module unless init() already did.

import { createGatewayClient } from './gateway-client.js';
import { OksoftError } from './oksoft-error.js';
import { renderMessage } from './messages.js';

/** The methods of OksoftClient; the package tests check this list against the wasm class. */
const METHODS = [
  'usersLogin',
  'partnersLogin',
  'partnersPasswordResetCreate',
  'partnersGet',
  'countriesListGet',
  'sexListGet',
  'phoneTypesListGet',
  'languagesListGet',
  'partnersGroupsListGet',
  'partnersCreate',
  'currenciesList',
  'accountsListGet',
  'finInCome',
  'finOutCome',
];

/**
 * Builds the entry's functions over `wasm`, the namespace of a web build's glue module
 * (`import * as wasm from './web/oksoft_client.js'`). `isLoaded()` returns whether the wasm
 * module is instantiated, for entry functions that need it at once.
 */
export function webEntry(wasm) {
  let loading = null;
  let loaded = false;

  function markLoaded() {
    wasm.__setErrorClass(OksoftError, renderMessage);
    loaded = true;
  }

  /**
   * Loads the wasm module once; later calls return the same promise. Optional: the first
   * method call does it too. `moduleOrPath` is a URL, Response, bytes or WebAssembly.Module.
   */
  function init(moduleOrPath) {
    if (loading === null) {
      const options = moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath };
      loading = wasm.default(options).then(markLoaded);
      // A failed load may be retried by the next call.
      loading.catch(() => {
        loading = null;
      });
    }
    return loading;
  }

  /**
   * Instantiates the wasm module synchronously from its bytes or a compiled
   * WebAssembly.Module, given alone or as `{ module }` like wasm-bindgen's initSync.
   */
  function initSync(moduleOrBytes) {
    if (!loaded) {
      const isWrapped = typeof moduleOrBytes === 'object' && moduleOrBytes !== null && Object.getPrototypeOf(moduleOrBytes) === Object.prototype;
      wasm.initSync({ module: isWrapped ? moduleOrBytes.module : moduleOrBytes });
      markLoaded();
      loading = Promise.resolve();
    }
  }

  /**
   * MD5 of the UTF-8 bytes of `text` in hexadecimal. Needs the module loaded: call
   * `await init()` first, or any client method.
   */
  function md5Hex(text, letterCase) {
    if (!loaded) {
      throw new Error('oksoft-client: md5Hex needs the wasm module; call `await init()` first');
    }
    return wasm.md5Hex(text, letterCase);
  }

  /** Size of the wasm module's memory in bytes; 0 before the module is loaded. */
  function wasmMemorySize() {
    return loaded ? wasm.wasmMemorySize() : 0;
  }

  /** The wasm client behind each wrapper, created once the module is loaded. */
  const wasmClients = new WeakMap();

  /** The options each wrapper was constructed with, until its wasm client exists. */
  const pendingOptions = new WeakMap();

  /** Wrappers whose free() was called. */
  const freedClients = new WeakSet();

  async function wasmClientOf(wrapper) {
    if (!wasmClients.has(wrapper)) {
      await init();
    }
    // Checked after the wait, because another call may have created the client, or
    // free() may have run, while it lasted.
    if (freedClients.has(wrapper)) {
      throw new Error('oksoft-client: this OksoftClient was freed; create a new one');
    }
    let client = wasmClients.get(wrapper);
    if (client === undefined) {
      client = new wasm.OksoftClient(pendingOptions.get(wrapper));
      wasmClients.set(wrapper, client);
      pendingOptions.delete(wrapper);
    }
    return client;
  }

  class OksoftClient {
    /**
     * Checks the options at once when the module is loaded. Otherwise it checks them on
     * the first call, which then rejects with the same OksoftError the constructor would throw.
     */
    constructor(options) {
      // With gatewayUrl the client talks to the storefront's partner gateway instead.
      if (options !== null && typeof options === 'object' && 'gatewayUrl' in options) {
        return createGatewayClient(options, { ensureLoaded: init, validate: wasm.__validateOptions });
      }
      if (loaded) {
        wasmClients.set(this, new wasm.OksoftClient(options));
      } else {
        pendingOptions.set(this, options);
      }
    }

    /** The locale of the library's messages: `ru` or `en`. */
    get locale() {
      const client = wasmClients.get(this);
      if (client !== undefined) {
        return client.locale;
      }
      // Read as the wasm client reads it: white space and letter case do not matter.
      const requested = pendingOptions.get(this)?.locale;
      return typeof requested === 'string' && requested.trim().toLowerCase() === 'en' ? 'en' : 'ru';
    }

    /** Releases the wasm memory the client holds; the client cannot be used afterwards. */
    free() {
      wasmClients.get(this)?.free();
      wasmClients.delete(this);
      pendingOptions.delete(this);
      freedClients.add(this);
    }
  }

  for (const name of METHODS) {
    Object.defineProperty(OksoftClient.prototype, name, {
      async value(options, requestOptions) {
        const client = await wasmClientOf(this);
        return client[name](options, requestOptions);
      },
      writable: true,
      configurable: true,
    });
  }

  return { init, initSync, md5Hex, wasmMemorySize, OksoftClient, isLoaded: () => loaded };
}

/** Throws, because the node:http adapter of the partner gateway comes only with the package's Node entry. */
export function toNodeHandler() {
  throw new Error('oksoft-client: toNodeHandler adapts the gateway to node:http and comes with the Node entry; elsewhere pass gateway.handle to the runtime\'s server');
}
