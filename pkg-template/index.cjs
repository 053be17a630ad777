'use strict';
// Node entry (require): the wasm is loaded synchronously by the nodejs build.
const wasm = require('./node/oksoft_client.js');
const { webcrypto } = require('node:crypto');
const { OksoftError } = require('./oksoft-error.cjs');
const { renderMessage } = require('./messages.cjs');
const gateway = require('./gateway.cjs');
const { toNodeHandler } = require('./node-handler.cjs');

wasm.__setErrorClass(OksoftError, renderMessage);

// After free() the wasm-bindgen class would throw "null pointer passed to rust" at once.
// Its methods reject instead, and its getters throw, with the browser entry's message.
const FREED_MESSAGE = 'oksoft-client: this OksoftClient was freed; create a new one';
for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(wasm.OksoftClient.prototype))) {
  if (name === 'constructor' || name.startsWith('__')) {
    continue;
  }
  if (name === 'free') {
    // A second free() does nothing, as in the browser entry.
    const free = descriptor.value;
    descriptor.value = function () {
      if (this.__wbg_ptr !== 0) {
        free.call(this);
      }
    };
  } else if (typeof descriptor.value === 'function') {
    const method = descriptor.value;
    descriptor.value = function (...args) {
      return this.__wbg_ptr === 0 ? Promise.reject(new Error(FREED_MESSAGE)) : method.apply(this, args);
    };
  } else if (typeof descriptor.get === 'function') {
    const getter = descriptor.get;
    descriptor.get = function () {
      if (this.__wbg_ptr === 0) {
        throw new Error(FREED_MESSAGE);
      }
      return getter.call(this);
    };
  }
  Object.defineProperty(wasm.OksoftClient.prototype, name, descriptor);
}
if (Symbol.dispose) {
  wasm.OksoftClient.prototype[Symbol.dispose] = wasm.OksoftClient.prototype.free;
}

/** Resolves at once: in Node the module is loaded on require. Kept for code shared with browsers. */
function init() {
  return Promise.resolve();
}

/** Does nothing in Node, where the module is already loaded. */
function initSync() {}

module.exports = {
  OksoftClient: wasm.OksoftClient,
  OksoftError,
  md5Hex: wasm.md5Hex,
  wasmMemorySize: wasm.wasmMemorySize,
  init,
  initSync,
  default: init,
  // Node 18 has no globalThis.crypto, so the gateway gets node:crypto's Web Crypto.
  createPartnerGateway: (options) => gateway.createPartnerGateway(wasm, options, webcrypto),
  toNodeHandler,
};
