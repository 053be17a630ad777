'use strict';
// Node entry (require): the wasm is loaded synchronously by the nodejs build.
const wasm = require('./node/oksoft_client.js');
const { webcrypto } = require('node:crypto');
const { OksoftError } = require('./oksoft-error.cjs');
const gateway = require('./gateway.cjs');
const { toNodeHandler } = require('./node-handler.cjs');

wasm.__setErrorClass(OksoftError);

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
