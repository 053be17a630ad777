'use strict';
// Node CommonJS case: loads the installed package with require() and runs the scenario
// against the emulator whose URL is the first argument.

const assert = require('node:assert/strict');
const path = require('node:path');

const api = require('oksoft-client');

async function main() {
  const baseUrl = process.argv[2];
  assert.ok(baseUrl, 'usage: node require-check.cjs EMULATOR_URL');
  assert.equal(path.basename(require.resolve('oksoft-client')), 'index.cjs', 'require() resolves to the CommonJS entry');

  const { runScenario } = await import('./scenario.mjs');
  const { assertScenarioResults } = await import('./expectations.mjs');
  const results = await runScenario(api, baseUrl);
  console.log(`fio of partner ${results.partnersCode}: ${results.fio}`);
  console.log(`rejected call: ${results.wrongPassword.kind}/${results.wrongPassword.code}: ${results.wrongPassword.message}`);
  assertScenarioResults(results);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
