// Browser test page: runs the scenario (scenario.mjs) against the emulator named by the
// `emulator` query parameter and writes the results as JSON into #result, whose
// data-status becomes `done` or, when the scenario throws, `failed`.
// It calls no init(), because the package initialises the wasm on first use.

import * as api from 'oksoft-client';
import { runScenario } from './scenario.mjs';

const result = document.getElementById('result');
const fio = document.getElementById('fio');

async function main() {
  const baseUrl = new URL(window.location.href).searchParams.get('emulator');
  if (!baseUrl) {
    throw new Error('missing query parameter "emulator" (the emulator URL)');
  }
  return runScenario(api, baseUrl);
}

main().then(
  (results) => {
    fio.textContent = results.fio;
    result.textContent = JSON.stringify(results, null, 2);
    result.dataset.status = 'done';
  },
  (error) => {
    result.textContent = String(error && error.stack ? error.stack : error);
    result.dataset.status = 'failed';
  },
);
