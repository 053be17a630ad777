// The gateway mode of the browser entry, `new OksoftClient({ gatewayUrl })`: the call
// options that every method takes as its second argument.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';

import { startEmulator } from './support/emulator.mjs';
import { ORIGIN } from './support/gateway-presets.mjs';
import { DEMO_LOGIN, DEMO_PASSWORD, PARTNER, rejectionOf } from './support/helpers.mjs';
import { loadPackage } from './support/package.mjs';

const { esm, projectDir } = await loadPackage();
const installedDir = path.join(projectDir, 'node_modules', 'oksoft-client');
const browser = await import(pathToFileURL(path.join(installedDir, 'browser.js')).href);
browser.initSync(readFileSync(path.join(installedDir, 'web', 'oksoft_client_bg.wasm')));
const emulator = await startEmulator();

const serviceClient = new esm.OksoftClient({ baseUrl: emulator.baseUrl, login: DEMO_LOGIN, password: DEMO_PASSWORD, locale: 'en' });
const gateway = esm.createPartnerGateway({ client: serviceClient, basePath: '/api/oksoft', allowedOrigins: [ORIGIN] });

/**
 * Returns a fetch for the browser client that passes requests to the in-process gateway
 * with the storefront's Origin and one visitor's cookie, and counts them in `sent`.
 */
function visitorFetch() {
  let cookie = '';
  const fetchFunction = async (url, init) => {
    fetchFunction.sent += 1;
    const headers = { ...(init.headers ?? {}), Origin: ORIGIN, Cookie: cookie };
    const response = await gateway.handle(new Request(`${ORIGIN}${url}`, { ...init, headers }), { clientAddress: '10.0.3.1' });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      cookie = setCookie.split(';')[0];
    }
    return response;
  };
  fetchFunction.sent = 0;
  return fetchFunction;
}

/** Maximum run of a test whose fetch never responds, so a call that never settles fails it. */
const SLOW_TEST_TIMEOUT_MS = 10_000;

/** Returns a fetch that never responds and ignores its signal, recording each call's init. */
function silentFetch() {
  const fetchFunction = (url, init) => {
    fetchFunction.requests.push(init);
    return new Promise(() => {});
  };
  fetchFunction.requests = [];
  return fetchFunction;
}

function visitor(options = {}) {
  return new browser.OksoftClient({ gatewayUrl: '/api/oksoft', fetch: visitorFetch(), ...options });
}

// ---------------------------------------------------------------------------
// Call options

test('aborted signal sends nothing', async () => {
  const fetchFunction = visitorFetch();
  const client = visitor({ fetch: fetchFunction, locale: 'en' });
  const error = await rejectionOf(client.countriesListGet({}, { signal: AbortSignal.abort() }));
  assert.ok(error instanceof browser.OksoftError, `rejects with OksoftError, got ${error}`);
  assert.equal(error.kind, 'aborted');
  assert.equal(error.code, 'aborted');
  assert.equal(error.method, 'CountriesListGet');
  assert.equal(error.notSent, true);
  assert.match(error.message, /^CountriesListGet: the request was aborted by the caller\. The request never reached the server/);
  assert.equal(fetchFunction.sent, 0, 'no request reached the gateway');
});

test('abort during call rejects', { timeout: SLOW_TEST_TIMEOUT_MS }, async () => {
  const fetchFunction = silentFetch();
  const client = new browser.OksoftClient({ gatewayUrl: '/api/oksoft', fetch: fetchFunction });
  const controller = new AbortController();
  const pending = client.sexListGet(undefined, { signal: controller.signal });
  setTimeout(() => controller.abort(), 20);
  const error = await rejectionOf(pending);
  assert.equal(error.kind, 'aborted');
  assert.equal(error.notSent, false, 'the request had left');
  assert.match(error.message, /^SexListGet: запрос отменён вызывающим кодом$/);
  assert.equal(fetchFunction.requests[0].signal.aborted, true, 'the fetch was told to stop');
});

test('timeoutMs ends slow call', { timeout: SLOW_TEST_TIMEOUT_MS }, async () => {
  const fetchFunction = silentFetch();
  const client = new browser.OksoftClient({ gatewayUrl: '/api/oksoft', fetch: fetchFunction, locale: 'en' });
  const started = Date.now();
  const error = await rejectionOf(client.partnersGet({}, { timeoutMs: 50 }));
  assert.ok(Date.now() - started < 5_000, 'rejects soon after the timeout');
  assert.equal(error.kind, 'timeout');
  assert.equal(error.code, 'timeout');
  assert.equal(error.method, 'PartnersGet');
  assert.equal(error.notSent, false);
  assert.equal(error.message, 'PartnersGet: no response within 50 ms; retry later or raise timeoutMs');
  assert.equal(fetchFunction.requests[0].signal.aborted, true, 'the fetch was told to stop');
});

test('sent-once call timeout is outcome_unknown', { timeout: SLOW_TEST_TIMEOUT_MS }, async () => {
  const client = new browser.OksoftClient({ gatewayUrl: '/api/oksoft', fetch: silentFetch(), locale: 'en' });
  const registration = { name: 'Тест', firstName: 'Таймаут', email: 'timeout@example.ru', birthday: '1990-01-01' };
  const error = await rejectionOf(client.partnersCreate(registration, { timeoutMs: 30 }));
  assert.equal(error.kind, 'outcome_unknown');
  assert.equal(error.code, 'timeout');
  assert.equal(error.notSent, false);
  assert.match(error.message, /The operation may or may not have happened/);
});

test('valid call options reach gateway', async () => {
  const client = visitor();
  const countries = await client.countriesListGet({}, { timeoutMs: 10_000, signal: new AbortController().signal });
  assert.ok(countries.length > 0, 'the directory arrives');
  await client.partnersLogin({ login: PARTNER.id, password: PARTNER.password }, { timeoutMs: 10_000 });
  const partner = await client.partnersGet(undefined, { timeoutMs: null, signal: undefined });
  assert.equal(partner.code, PARTNER.code);
});

/** Wrong second arguments, each with the field and code of the expected error. */
const WRONG_CALL_OPTIONS = [
  [{ bogus: 1 }, 'bogus', 'unknown_field'],
  [{ timeout: 5 }, 'timeout', 'unknown_field'],
  [{ timeoutMs: 0 }, 'timeoutMs', 'invalid_integer'],
  [{ timeoutMs: 1.5 }, 'timeoutMs', 'invalid_integer'],
  [{ timeoutMs: 600_001 }, 'timeoutMs', 'invalid_integer'],
  [{ timeoutMs: '5' }, 'timeoutMs', 'invalid_type'],
  [{ signal: 'stop' }, 'signal', 'invalid_type'],
  [5, 'options', 'invalid_type'],
  [[1], 'options', 'invalid_type'],
];

test('wrong call options send nothing', async () => {
  for (const locale of ['ru', 'en']) {
    const fetchFunction = visitorFetch();
    const client = visitor({ fetch: fetchFunction, locale });
    const direct = new esm.OksoftClient({ baseUrl: emulator.baseUrl, login: DEMO_LOGIN, password: DEMO_PASSWORD, locale });
    for (const [requestOptions, field, code] of WRONG_CALL_OPTIONS) {
      const label = `${locale} ${JSON.stringify(requestOptions)}`;
      const error = await rejectionOf(client.countriesListGet({}, requestOptions));
      assert.ok(error instanceof browser.OksoftError, `${label}: rejects with OksoftError, got ${error}`);
      assert.equal(error.kind, 'validation', label);
      assert.equal(error.code, code, label);
      assert.equal(error.field, field, label);
      assert.equal(error.method, 'CountriesListGet', label);
      assert.equal(error.notSent, true, label);

      // The direct client words the same problem the same way.
      const directError = await rejectionOf(direct.countriesListGet({}, requestOptions));
      assert.deepEqual(error.problems, directError.problems, label);
      assert.equal(error.message, directError.message, label);
    }
    assert.equal(fetchFunction.sent, 0, `${locale}: no request reached the gateway`);
  }
});

test('maxRetries rejected in gateway mode', async () => {
  const fetchFunction = visitorFetch();
  const client = visitor({ fetch: fetchFunction, locale: 'en' });
  const error = await rejectionOf(client.currenciesList(undefined, { maxRetries: 1 }));
  assert.equal(error.kind, 'validation');
  assert.equal(error.code, 'invalid_option');
  assert.equal(error.field, 'maxRetries');
  assert.match(error.message, /maxRetries: in gateway mode the gateway's own client retries on the server/);
  assert.equal(fetchFunction.sent, 0);
});

test('session and logout take call options', async () => {
  const fetchFunction = visitorFetch();
  const client = visitor({ fetch: fetchFunction, locale: 'en' });

  const aborted = await rejectionOf(client.session({ signal: AbortSignal.abort() }));
  assert.equal(aborted.kind, 'aborted');
  assert.equal(aborted.method, 'session');
  const invalid = await rejectionOf(client.logout({ timeoutMs: -1 }));
  assert.equal(invalid.kind, 'validation');
  assert.equal(invalid.method, 'logout');
  assert.equal(invalid.field, 'timeoutMs');
  assert.equal(fetchFunction.sent, 0);

  await client.partnersLogin({ login: PARTNER.id, password: PARTNER.password });
  assert.deepEqual(await client.session({ timeoutMs: 10_000 }), { partnersCode: PARTNER.code, fio: PARTNER.fio });
  assert.equal(await client.logout({ timeoutMs: 10_000 }), undefined);
  assert.equal(await client.session(), null);
});
