// Browser and bundler entry, the `default` export condition: an ES module over the web
// build of the wasm. That build leaves out the partner gateway's exports, which only a
// server runs; workers and edge runtimes get worker.js instead.
import * as wasm from './web/oksoft_client.js';
import { OksoftError } from './oksoft-error.js';
import { toNodeHandler, webEntry } from './web-entry.js';

const { init, initSync, md5Hex, wasmMemorySize, OksoftClient } = webEntry(wasm);

/**
 * Throws, because a partner gateway uses the integration account and so runs on a server.
 * This build does not contain it.
 */
export function createPartnerGateway() {
  throw new Error('oksoft-client: createPartnerGateway runs on a server (Node, Deno, workers), so the browser build leaves it out; a page calls the gateway with `new OksoftClient({ gatewayUrl })`, and a bundle for workers gets it under the workerd, worker or edge-light export condition');
}

export { init as default, init, initSync, md5Hex, wasmMemorySize, OksoftClient, OksoftError, toNodeHandler };
