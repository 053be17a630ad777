// Worker and edge entry, the `workerd`, `worker` and `edge-light` export conditions: an
// ES module over the web build of the wasm with the partner gateway's exports, so a
// worker can run the gateway. Everything else is as in browser.js.
import * as wasm from './worker/oksoft_client.js';
import { createPartnerGateway as createGateway } from './gateway.js';
import { OksoftError } from './oksoft-error.js';
import { toNodeHandler, webEntry } from './web-entry.js';

const { init, initSync, md5Hex, wasmMemorySize, OksoftClient, isLoaded } = webEntry(wasm);

/**
 * Creates a partner gateway in a worker or an edge runtime. The wasm module must be
 * loaded first, with `await init()` or, where the worker imports the .wasm file as a
 * module, `initSync(wasmModule)`.
 */
export function createPartnerGateway(options) {
  // A page would hold the integration account; pages use the gateway mode instead.
  if (typeof document !== 'undefined') {
    throw new Error('oksoft-client: createPartnerGateway runs on a server or in a worker; in pages use new OksoftClient({ gatewayUrl })');
  }
  if (!isLoaded()) {
    throw new Error('oksoft-client: createPartnerGateway needs the wasm module; call `await init()` first, or `initSync(wasmModule)` where the .wasm file is imported as a module');
  }
  return createGateway(wasm, options);
}

export { init as default, init, initSync, md5Hex, wasmMemorySize, OksoftClient, OksoftError, toNodeHandler };
