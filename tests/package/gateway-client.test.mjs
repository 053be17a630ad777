// The gateway mode of the browser entry, `new OksoftClient({ gatewayUrl })`: its call
// options, its checks of the constructor's options, its errors when the gateway cannot
// be reached or its response is not the gateway's JSON, and its methods against the
// declarations.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';

import { startEmulator } from './support/emulator.mjs';
import { ORIGIN } from './support/gateway-presets.mjs';
import { DEMO_LOGIN, DEMO_PASSWORD, PARTNER, rejectionOf, thrownBy, uniqueSuffix } from './support/helpers.mjs';
import { loadPackage } from './support/package.mjs';

const { esm, projectDir } = await loadPackage();
const installedDir = path.join(projectDir, 'node_modules', 'oksoft-client');
const browser = await import(pathToFileURL(path.join(installedDir, 'browser.js')).href);
browser.initSync(readFileSync(path.join(installedDir, 'web', 'oksoft_client_bg.wasm')));
const emulator = await startEmulator();

const serviceClient = new esm.OksoftClient({ baseUrl: emulator.baseUrl, login: DEMO_LOGIN, password: DEMO_PASSWORD, locale: 'en' });
const gateway = esm.createPartnerGateway({ client: serviceClient, basePath: '/api/oksoft', allowedOrigins: [ORIGIN] });

/**
 * Returns a fetch for the browser client that passes requests to an in-process gateway
 * with `origin` and one visitor's cookie, and counts them in `sent`.
 */
function visitorFetch(targetGateway = gateway, origin = ORIGIN) {
  let cookie = '';
  const fetchFunction = async (url, init) => {
    fetchFunction.sent += 1;
    const headers = { ...(init.headers ?? {}), Origin: origin, Cookie: cookie };
    const response = await targetGateway.handle(new Request(`${ORIGIN}${url}`, { ...init, headers }), { clientAddress: '10.0.3.1' });
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

/** Returns a fetch that responds to every request with `status` and `body`. */
function fixedFetch(status, body, contentType = 'text/html') {
  return async () => new Response(body, { status, headers: { 'Content-Type': contentType } });
}

function visitor(options = {}) {
  return new browser.OksoftClient({ gatewayUrl: '/api/oksoft', fetch: visitorFetch(), ...options });
}

/** Starts a server on a loopback port and closes it, so connections to the port are refused. */
async function closedPort() {
  const server = http.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
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

// ---------------------------------------------------------------------------
// Constructor options

test('locale de rejected like direct client', () => {
  const error = thrownBy(() => new browser.OksoftClient({ gatewayUrl: '/api/oksoft', locale: 'de' }));
  assert.ok(error instanceof browser.OksoftError, `throws OksoftError, got ${error}`);
  assert.equal(error.kind, 'validation');
  assert.equal(error.code, 'invalid_choice');
  assert.equal(error.field, 'locale');
  assert.equal(error.method, null);
  assert.equal(error.notSent, true);

  const directError = thrownBy(() => new esm.OksoftClient({ baseUrl: emulator.baseUrl, login: DEMO_LOGIN, password: DEMO_PASSWORD, locale: 'de' }));
  assert.deepEqual(error.problems, directError.problems);
  assert.equal(error.message, directError.message);
});

/** Wrong gateway-mode options, each with the field and code of the expected error. */
const WRONG_GATEWAY_OPTIONS = [
  [{ gatewayUrl: 5 }, 'gatewayUrl', 'invalid_type'],
  [{ gatewayUrl: '  ' }, 'gatewayUrl', 'missing_field'],
  [{ gatewayUrl: undefined }, 'gatewayUrl', 'missing_field'],
  [{ gatewayUrl: '/api/oksoft?x=1' }, 'gatewayUrl', 'invalid_url'],
  [{ gatewayUrl: 'ftp://shop.example.ru/api' }, 'gatewayUrl', 'invalid_url'],
  [{ gatewayUrl: 'https://user:secret@shop.example.ru/api' }, 'gatewayUrl', 'invalid_url'],
  [{ gatewayUrl: '//evil.example/api' }, 'gatewayUrl', 'invalid_url'],
  [{ gatewayUrl: '/\\evil.example/api' }, 'gatewayUrl', 'invalid_url'],
  [{ gatewayUrl: '\\\\evil.example/api' }, 'gatewayUrl', 'invalid_url'],
  [{ gatewayUrl: '/api/oksoft', locale: 7 }, 'locale', 'invalid_type'],
  [{ gatewayUrl: '/api/oksoft', fetch: 'fetch' }, 'fetch', 'invalid_type'],
  [{ gatewayUrl: '/api/oksoft', lcoale: 'en' }, 'lcoale', 'unknown_field'],
  [{ gatewayUrl: '/api/oksoft', password: 'demo' }, 'password', 'invalid_option'],
  [{ gatewayUrl: '/api/oksoft', maxRetries: 1 }, 'maxRetries', 'invalid_option'],
];

test('wrong gateway options throw', () => {
  for (const [options, field, code] of WRONG_GATEWAY_OPTIONS) {
    const label = JSON.stringify(options);
    const error = thrownBy(() => new browser.OksoftClient(options));
    assert.ok(error instanceof browser.OksoftError, `${label}: throws OksoftError, got ${error}`);
    assert.equal(error.kind, 'validation', label);
    assert.equal(error.code, code, label);
    assert.equal(error.field, field, label);
    assert.match(error.message, /^настройки клиента: неверные параметры, запрос не отправлен\. /, label);
  }
});

test('gateway options errors in English', () => {
  const error = thrownBy(() => new browser.OksoftClient({ gatewayUrl: '/api/oksoft', locale: 'en', lcoale: 'en', fetch: 1 }));
  assert.equal(error.message, 'client options: invalid input, nothing was sent. lcoale: unknown option; did you mean locale?; fetch: expected a function, got a value of type number');
  assert.deepEqual(error.problems.map((problem) => [problem.field, problem.code]), [['lcoale', 'unknown_field'], ['fetch', 'invalid_type']]);
  assert.doesNotMatch(error.message, /secret/);
  const withCredentials = thrownBy(() => new browser.OksoftClient({ gatewayUrl: 'https://u:secret@shop.example.ru/api', locale: 'en' }));
  assert.match(withCredentials.message, /gatewayUrl: .* is not usable; expected a path such as \/api\/oksoft/);
});

test('page rejects cross-origin gatewayUrl', (t) => {
  // A page's client runs where `location` is the page's; Node has none, so one is put in.
  t.after(() => {
    delete globalThis.location;
  });
  globalThis.location = new URL('https://shop.example.ru/cabinet/');

  const error = thrownBy(() => new browser.OksoftClient({ gatewayUrl: 'https://gateway.example.ru/api', locale: 'en' }));
  assert.ok(error instanceof browser.OksoftError, `throws OksoftError, got ${error}`);
  assert.equal(error.code, 'invalid_url');
  assert.equal(error.field, 'gatewayUrl');
  assert.match(error.message, /is on another origin than the page \(https:\/\/shop\.example\.ru\)/);
  const russian = thrownBy(() => new browser.OksoftClient({ gatewayUrl: 'http://shop.example.ru/api' }));
  assert.match(russian.message, /ведёт на другой источник, чем страница/);

  assert.equal(new browser.OksoftClient({ gatewayUrl: 'https://shop.example.ru/api/oksoft' }).locale, 'ru');
  assert.equal(new browser.OksoftClient({ gatewayUrl: '/api/oksoft' }).locale, 'ru');
  assert.equal(new browser.OksoftClient({ gatewayUrl: 'api/oksoft' }).locale, 'ru');
  assert.equal(thrownBy(() => new browser.OksoftClient({ gatewayUrl: '//gateway.example.ru/api' })).code, 'invalid_url');
});

test('gateway locale option accepted', () => {
  assert.equal(new browser.OksoftClient({ gatewayUrl: '/api/oksoft' }).locale, 'ru');
  assert.equal(new browser.OksoftClient({ gatewayUrl: '/api/oksoft', locale: ' EN ' }).locale, 'en');
  assert.equal(new browser.OksoftClient({ gatewayUrl: 'https://shop.example.ru/api/oksoft/', locale: null }).locale, 'ru');
});

// ---------------------------------------------------------------------------
// Errors of the exchange with the gateway

test('unreachable gateway names method', async () => {
  const port = await closedPort();
  for (const [locale, pattern] of [
    ['ru', /^PartnersLogin: сетевая ошибка, шлюз http:\/\/127\.0\.0\.1:\d+\/api не ответил \(TypeError: fetch failed \(ECONNREFUSED\)\); проверьте gatewayUrl и сеть\. Запрос не дошёл до сервера/],
    ['en', /^PartnersLogin: network error, no response from the gateway http:\/\/127\.0\.0\.1:\d+\/api \(TypeError: fetch failed \(ECONNREFUSED\)\); check gatewayUrl and the network\. The request never reached the server/],
  ]) {
    const client = new browser.OksoftClient({ gatewayUrl: `http://127.0.0.1:${port}/api`, locale });
    const error = await rejectionOf(client.partnersLogin({ login: PARTNER.id, password: PARTNER.password }));
    assert.ok(error instanceof browser.OksoftError, `${locale}: rejects with OksoftError, got ${error}`);
    assert.equal(error.kind, 'network', locale);
    assert.equal(error.code, 'network_error', locale);
    assert.equal(error.method, 'PartnersLogin', locale);
    assert.equal(error.notSent, true, `${locale}: a refused connection sent nothing`);
    assert.match(error.message, pattern, locale);
  }
});

test('browser fetch failure described', async () => {
  // Browsers reject a fetch that got no response with this TypeError and no cause.
  const failingFetch = async () => {
    throw new TypeError('Failed to fetch');
  };
  const client = new browser.OksoftClient({ gatewayUrl: '/api/oksoft', fetch: failingFetch, locale: 'en' });
  const error = await rejectionOf(client.session());
  assert.equal(error.code, 'network_error');
  assert.equal(error.method, 'session');
  assert.equal(error.notSent, false, 'the request may have reached the gateway');
  assert.equal(error.message, 'session: network error, no response from the gateway /api/oksoft (TypeError: Failed to fetch); check gatewayUrl and the network');

  const registration = await rejectionOf(client.partnersPasswordResetCreate({ email: PARTNER.email }));
  assert.equal(registration.kind, 'outcome_unknown');
  assert.equal(registration.code, 'network_error');
});

test('proxy error page localized', async () => {
  const client = new browser.OksoftClient({ gatewayUrl: '/api/oksoft', fetch: fixedFetch(502, '<html>Bad Gateway</html>') });
  const error = await rejectionOf(client.countriesListGet());
  assert.equal(error.kind, 'http');
  assert.equal(error.code, 'http_error');
  assert.equal(error.status, 502);
  assert.equal(error.method, 'CountriesListGet');
  assert.equal(error.message, 'CountriesListGet: шлюз /api/oksoft ответил HTTP 502; ошибка на стороне сервера, повторите позже');

  const suffix = uniqueSuffix();
  const registration = { name: 'Тест', firstName: 'Прокси', email: `proxy.${suffix}@example.ru`, birthday: '1990-01-01' };
  const unknown = await rejectionOf(client.partnersCreate(registration));
  assert.equal(unknown.kind, 'outcome_unknown', 'a 5xx may hide a registration that was made');
  assert.equal(unknown.code, 'http_error');
});

test('HTML instead of JSON detected', async () => {
  const client = new browser.OksoftClient({ gatewayUrl: '/api/oksoft', fetch: fixedFetch(200, '<!doctype html><title>Shop</title>'), locale: 'en' });
  const error = await rejectionOf(client.sexListGet());
  assert.equal(error.kind, 'decode');
  assert.equal(error.code, 'html_response');
  assert.equal(error.message, 'SexListGet: an HTML page instead of JSON (wrong address or a server error?); check gatewayUrl (/api/oksoft)');

  const empty = new browser.OksoftClient({ gatewayUrl: '/api/oksoft', fetch: fixedFetch(200, '', 'application/json'), locale: 'en' });
  assert.equal((await rejectionOf(empty.sexListGet())).code, 'empty_response');
  const shapeless = new browser.OksoftClient({ gatewayUrl: '/api/oksoft', fetch: fixedFetch(200, '{"rows":[]}', 'application/json'), locale: 'en' });
  assert.equal((await rejectionOf(shapeless.sexListGet())).code, 'unexpected_response');
});

test('gateway refusal keeps its fields', async () => {
  const error = await rejectionOf(visitor({ locale: 'en' }).partnersGet({}));
  assert.equal(error.kind, 'auth');
  assert.equal(error.code, 'login_required');
  assert.equal(error.status, 401);
  assert.equal(error.method, 'PartnersGet', 'the refusal names the method the page called');
});

test('own-data getter throw is validation', async () => {
  for (const method of ['partnersGet', 'accountsListGet']) {
    const fetchFunction = visitorFetch();
    const client = visitor({ fetch: fetchFunction, locale: 'en' });
    const options = {
      get currencyCode() {
        throw new Error('getter failed');
      },
    };
    const error = await rejectionOf(client[method](options));
    assert.ok(error instanceof browser.OksoftError, `${method}: rejects with OksoftError, got ${error}`);
    assert.equal(error.kind, 'validation', method);
    assert.equal(error.code, 'invalid_type', method);
    assert.equal(error.field, 'currencyCode', method);
    assert.equal(error.notSent, true, method);
    assert.match(error.message, /currencyCode: reading the value threw/, method);
    assert.equal(fetchFunction.sent, 0, `${method}: no request reached the gateway`);

    const unlisted = new Proxy({}, {
      ownKeys() {
        throw new Error('ownKeys failed');
      },
    });
    const proxyError = await rejectionOf(client[method](unlisted));
    assert.ok(proxyError instanceof browser.OksoftError, `${method} Proxy: rejects with OksoftError, got ${proxyError}`);
    assert.equal(proxyError.kind, 'validation', `${method} Proxy`);
    assert.equal(fetchFunction.sent, 0, `${method} Proxy: no request reached the gateway`);
  }
});

test('refusals before OKsoft are notSent', async () => {
  const limitedGateway = esm.createPartnerGateway({ client: serviceClient, basePath: '/api/oksoft', allowedOrigins: [ORIGIN], maxAttempts: 1 });
  const client = new browser.OksoftClient({ gatewayUrl: '/api/oksoft', fetch: visitorFetch(limitedGateway), locale: 'en' });
  await client.partnersPasswordResetCreate({ email: PARTNER.email });
  const limited = await rejectionOf(client.partnersPasswordResetCreate({ email: PARTNER.email }));
  assert.equal(limited.code, 'rate_limited');
  assert.equal(limited.notSent, true, 'rate_limited');
  assert.match(limited.message, /^PartnersPasswordResetCreate: too many attempts; retry in \d+ s$/);

  const loggedOut = await rejectionOf(visitor({ locale: 'en' }).partnersGet({}));
  assert.equal(loggedOut.code, 'login_required');
  assert.equal(loggedOut.notSent, true, 'login_required');

  const foreign = new browser.OksoftClient({ gatewayUrl: '/api/oksoft', fetch: visitorFetch(gateway, 'https://evil.example'), locale: 'en' });
  const rejected = await rejectionOf(foreign.countriesListGet());
  assert.equal(rejected.code, 'origin_rejected');
  assert.equal(rejected.notSent, true, 'origin_rejected');

  // A refusal by OKsoft itself came after the request reached it.
  const wrongPassword = await rejectionOf(visitor({ locale: 'en' }).partnersLogin({ login: PARTNER.id, password: 'wrong-password' }));
  assert.equal(wrongPassword.code, 'partner_login_failed');
  assert.equal(wrongPassword.notSent, false, 'partner_login_failed');
});

test('relayed errors follow client locale', async () => {
  const russianServiceClient = new esm.OksoftClient({ baseUrl: emulator.baseUrl, login: DEMO_LOGIN, password: DEMO_PASSWORD });
  const russianGateway = esm.createPartnerGateway({ client: russianServiceClient, basePath: '/api/oksoft', allowedOrigins: [ORIGIN] });
  const cases = [
    ['en', russianGateway, /^PartnersLogin: partner login rejected; check the partner's login \(or Id\) and password/],
    ['ru', gateway, /^PartnersLogin: проверьте логин \(или Id\) и пароль контрагента/],
  ];
  for (const [locale, targetGateway, pattern] of cases) {
    const client = new browser.OksoftClient({ gatewayUrl: '/api/oksoft', fetch: visitorFetch(targetGateway), locale });
    const error = await rejectionOf(client.partnersLogin({ login: PARTNER.id, password: 'wrong-password' }));
    assert.equal(error.kind, 'auth', locale);
    assert.equal(error.code, 'partner_login_failed', locale);
    assert.match(error.message, pattern, locale);
    assert.equal(typeof error.resultText, 'string', `${locale}: OKsoft's resultText is kept`);
    assert.ok(error.message.includes(`«${error.resultText.trim()}»`), `${locale}: the message quotes resultText unchanged`);
  }

  const loggedOut = await rejectionOf(visitor().partnersGet({}));
  assert.equal(loggedOut.message, 'PartnersGet: нужен вход партнёра; сначала вызовите partnersLogin');
  const loggedOutEnglish = await rejectionOf(visitor({ locale: 'en' }).partnersGet({}));
  assert.equal(loggedOutEnglish.message, 'PartnersGet: a partner login is required; call partnersLogin first');
});

test('unknown refusal code keeps message', async () => {
  const body = JSON.stringify({ error: { kind: 'auth', code: 'code_from_a_later_version', message: 'gateway text', status: 403 } });
  const client = new browser.OksoftClient({ gatewayUrl: '/api/oksoft', fetch: fixedFetch(403, body, 'application/json'), locale: 'en' });
  const error = await rejectionOf(client.countriesListGet());
  assert.equal(error.message, 'gateway text');
  assert.equal(error.notSent, false);
  for (const name of ['constructor', 'toString', '__proto__']) {
    const inherited = JSON.stringify({ error: { kind: 'auth', code: name, message: `text of ${name}`, status: 403 } });
    const inheritedClient = new browser.OksoftClient({ gatewayUrl: '/api/oksoft', fetch: fixedFetch(403, inherited, 'application/json'), locale: 'en' });
    assert.equal((await rejectionOf(inheritedClient.countriesListGet())).message, `text of ${name}`, name);
  }
});

// ---------------------------------------------------------------------------
// Methods against the declarations

/** Member names of `export interface NAME { ... }` in the package's index.d.ts. */
function declaredMembers(name) {
  const declarations = readFileSync(path.join(installedDir, 'index.d.ts'), 'utf8');
  const start = declarations.indexOf(`export interface ${name} {`);
  assert.ok(start >= 0, `interface ${name} is declared`);
  const body = declarations.slice(declarations.indexOf('{', start) + 1, declarations.indexOf('\n}', start));
  const withoutComments = body.replace(/\/\*\*[\s\S]*?\*\//g, '');
  return [...withoutComments.matchAll(/^\s+(?:readonly\s+)?(\w+)[(?:]/gm)].map((match) => match[1]).sort();
}

test('gateway client matches declarations', () => {
  const client = new browser.OksoftClient({ gatewayUrl: '/api/oksoft' });
  assert.deepEqual(Object.keys(client).sort(), declaredMembers('GatewayClient'));
  for (const name of ['finInCome', 'finOutCome', 'usersLogin']) {
    assert.equal(client[name], undefined, `${name} is not a gateway-mode method`);
  }
});
