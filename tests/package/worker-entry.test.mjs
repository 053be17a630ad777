// The worker entry (worker.js) run in Node: the entry of the workerd, worker and
// edge-light export conditions, with the same functions as the browser entry and a
// partner gateway over its own web build of the wasm.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';

import { startEmulator } from './support/emulator.mjs';
import { ORIGIN } from './support/gateway-presets.mjs';
import { DEMO_LOGIN, DEMO_PASSWORD, PARTNER } from './support/helpers.mjs';
import { loadPackage } from './support/package.mjs';

const { projectDir } = await loadPackage();
const installedDir = path.join(projectDir, 'node_modules', 'oksoft-client');
const worker = await import(pathToFileURL(path.join(installedDir, 'worker.js')).href);
const browser = await import(pathToFileURL(path.join(installedDir, 'browser.js')).href);
const emulator = await startEmulator();
const clientOptions = { baseUrl: emulator.baseUrl, login: DEMO_LOGIN, password: DEMO_PASSWORD };

test('same exports as browser entry', () => {
  assert.deepEqual(Object.keys(worker).sort(), Object.keys(browser).sort());
  assert.equal(worker.OksoftError, browser.OksoftError, 'both entries share one error class');
});

test('gateway before loading throws', () => {
  const client = new worker.OksoftClient(clientOptions);
  assert.throws(() => worker.createPartnerGateway({ client }), /await init\(\)/);
});

test('gateway over the worker build', async () => {
  // A worker imports the .wasm file as a compiled module and passes it as `{ module }`.
  worker.initSync({ module: new WebAssembly.Module(readFileSync(path.join(installedDir, 'worker', 'oksoft_client_bg.wasm'))) });
  const gateway = worker.createPartnerGateway({ client: new worker.OksoftClient(clientOptions), allowedOrigins: [ORIGIN] });

  const login = await gateway.handle(new Request(`${ORIGIN}/partnersLogin`, {
    method: 'POST',
    headers: { Origin: ORIGIN },
    body: JSON.stringify({ options: { login: PARTNER.id, password: PARTNER.password } }),
  }));
  assert.equal(login.status, 200);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const profile = await gateway.handle(new Request(`${ORIGIN}/partnersGet`, {
    method: 'POST',
    headers: { Origin: ORIGIN, Cookie: cookie },
    body: '{"options": {}}',
  }));
  assert.equal(profile.status, 200);
  assert.equal((await profile.json()).result.fio, PARTNER.fio);
});

test('toNodeHandler absent from worker build', () => {
  assert.throws(() => worker.toNodeHandler(), /Node entry/);
});
