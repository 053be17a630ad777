'use strict';
// Node bundle case: esbuild bundles this file with the package for Node, and the bundle
// runs from a folder that holds only the bundle and the package's .wasm file. The
// emulator's URL is the first argument.

const assert = require('node:assert/strict');

const api = require('oksoft-client');
const { runScenario } = require('./scenario.mjs');
const { assertScenarioResults } = require('./expectations.mjs');

async function main() {
  const baseUrl = process.argv[2];
  assert.ok(baseUrl, 'usage: node bundle.cjs EMULATOR_URL');

  const results = await runScenario(api, baseUrl);
  console.log(`fio of partner ${results.partnersCode}: ${results.fio}`);
  assertScenarioResults(results);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
