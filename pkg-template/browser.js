// Browser and bundler entry: an ES module over the web build of the wasm.
import initWasm, { initSync as initWasmSync, OksoftClient, md5Hex, __setErrorClass } from './web/oksoft_client.js';
import { OksoftError } from './oksoft-error.js';

let ready = null;

/** Loads the wasm module once; later calls return the same promise. */
export default function init(moduleOrPath) {
  if (ready === null) {
    const options = moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath };
    ready = initWasm(options).then(() => __setErrorClass(OksoftError));
  }
  return ready;
}

/** Instantiates the wasm module from its bytes, synchronously. */
export function initSync(bytes) {
  initWasmSync({ module: bytes });
  __setErrorClass(OksoftError);
  ready = Promise.resolve();
}

export { init, OksoftClient, OksoftError, md5Hex };
