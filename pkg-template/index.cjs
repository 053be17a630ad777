'use strict';
// Node entry (require): the wasm is loaded synchronously by the nodejs build.
const wasm = require('./node/oksoft_client.js');
const { OksoftError } = require('./oksoft-error.cjs');

wasm.__setErrorClass(OksoftError);

module.exports = {
  OksoftClient: wasm.OksoftClient,
  OksoftError,
  md5Hex: wasm.md5Hex,
};
