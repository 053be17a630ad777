// Node ES module case: loads the installed package with import and runs the scenario
// against the emulator whose URL is the first argument.

import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as api from 'oksoft-client';
import { assertScenarioResults } from './expectations.mjs';
import { runScenario } from './scenario.mjs';

const baseUrl = process.argv[2];
assert.ok(baseUrl, 'usage: node import-check.mjs EMULATOR_URL');
const entry = path.basename(fileURLToPath(import.meta.resolve('oksoft-client')));
assert.equal(entry, 'index.mjs', 'import resolves to the ES module entry');

const results = await runScenario(api, baseUrl);
console.log(`fio of partner ${results.partnersCode}: ${results.fio}`);
console.log(`rejected call: ${results.wrongPassword.kind}/${results.wrongPassword.code}: ${results.wrongPassword.message}`);
assertScenarioResults(results);
