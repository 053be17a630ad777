// The browser entry (browser.js) run in Node: its OksoftClient wrapper loads the wasm on
// the first call, matches the wasm class method for method, and behaves the same.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';

import { startEmulator } from './support/emulator.mjs';
import { DEMO_LOGIN, DEMO_PASSWORD, PARTNER, thrownBy } from './support/helpers.mjs';
import { loadPackage } from './support/package.mjs';

const { esm, projectDir } = await loadPackage();
const installedDir = path.join(projectDir, 'node_modules', 'oksoft-client');
const browser = await import(pathToFileURL(path.join(installedDir, 'browser.js')).href);
const emulator = await startEmulator();
const clientOptions = { baseUrl: emulator.baseUrl, login: DEMO_LOGIN, password: DEMO_PASSWORD };

test('wrapper has every wasm method', () => {
  const wasmMethods = Object.getOwnPropertyNames(esm.OksoftClient.prototype)
    .filter((name) => !['constructor', 'free', 'locale'].includes(name) && !name.startsWith('__'));
  const wrapperMethods = Object.getOwnPropertyNames(browser.OksoftClient.prototype)
    .filter((name) => !['constructor', 'free', 'locale'].includes(name));
  assert.deepEqual([...wrapperMethods].sort(), [...wasmMethods].sort());
});

test('md5Hex before loading throws', () => {
  assert.throws(() => browser.md5Hex('demo'), /init\(\)/);
});

test('gateway absent from browser build', () => {
  const client = new browser.OksoftClient(clientOptions);
  const error = thrownBy(() => browser.createPartnerGateway({ client }));
  assert.ok(error instanceof Error, `throws, got ${error}`);
  assert.match(error.message, /runs on a server \(Node, Deno, workers\)/);
  assert.match(error.message, /new OksoftClient\(\{ gatewayUrl \}\)/);
});

test('constructor before loading defers checks', async () => {
  const client = new browser.OksoftClient({ baseUrl: 'not a url' });
  assert.equal(client.locale, 'ru');
  // Loading here would use fetch on a file URL, so load a compiled module in the
  // `{ module }` form that workers use; gateway.test.mjs loads from bytes.
  const wasmModule = new WebAssembly.Module(readFileSync(path.join(installedDir, 'web', 'oksoft_client_bg.wasm')));
  browser.initSync({ module: wasmModule });
  const error = await client.sexListGet().then(() => null, (thrown) => thrown);
  assert.ok(error instanceof browser.OksoftError, `rejects with OksoftError, got ${error}`);
  assert.equal(error.kind, 'validation');
  assert.equal(error.field, 'baseUrl');
});

test('locale before loading as after', async () => {
  const fresh = await import(`${pathToFileURL(path.join(installedDir, 'browser.js')).href}?locale`);
  for (const locale of ['en', ' EN ', 'ru', 'Ru', undefined]) {
    const loaded = new esm.OksoftClient({ ...clientOptions, locale });
    const pending = new fresh.OksoftClient({ ...clientOptions, locale });
    assert.equal(pending.locale, loaded.locale, `locale ${JSON.stringify(locale)}`);
  }
});

test('concurrent first calls share one client', async () => {
  // A fresh copy of the entry, whose module is not loaded yet: each call waits for the
  // load, and all of them must use the client that the first one creates.
  const fresh = await import(`${pathToFileURL(path.join(installedDir, 'browser.js')).href}?concurrent`);
  const client = new fresh.OksoftClient(clientOptions);
  const loading = fresh.init(new WebAssembly.Module(readFileSync(path.join(installedDir, 'web', 'oksoft_client_bg.wasm'))));
  const calls = await Promise.allSettled([client.sexListGet(), client.countriesListGet(), client.currenciesList()]);
  await loading;
  for (const call of calls) {
    assert.equal(call.status, 'fulfilled', `resolves, got ${call.reason?.message}`);
  }
});

test('free during the first load rejects as freed', async () => {
  const fresh = await import(`${pathToFileURL(path.join(installedDir, 'browser.js')).href}?freed-while-loading`);
  const client = new fresh.OksoftClient(clientOptions);
  const loading = fresh.init(new WebAssembly.Module(readFileSync(path.join(installedDir, 'web', 'oksoft_client_bg.wasm'))));
  const call = client.sexListGet();
  client.free();
  await assert.rejects(call, /was freed/);
  await loading;
});

test('wrapper calls reach the emulator', async () => {
  const client = new browser.OksoftClient(clientOptions);
  const session = await client.partnersLogin({ login: PARTNER.id, password: PARTNER.password });
  assert.equal(session.partnersCode, PARTNER.code);
  const partner = await client.partnersGet({ partnersCode: session.partnersCode });
  assert.equal(partner.fio, PARTNER.fio);
  assert.equal(browser.md5Hex('demo'), 'FE01CE2A7FBAC8FAFAED7C982A04E229');
});

test('toNodeHandler absent from browser build', () => {
  assert.throws(() => browser.toNodeHandler(), /Node entry/);
});

test('constructor after loading throws at once', () => {
  assert.throws(() => new browser.OksoftClient({ login: 'demo' }), browser.OksoftError);
});

test('freed wrapper rejects', async () => {
  const client = new browser.OksoftClient(clientOptions);
  client.free();
  await assert.rejects(client.sexListGet(), /was freed/);
});
