// The partner gateway in this process, through the packed package's Node entry: the
// shared security checks (support/gateway-checks.mjs) with requests passed straight to
// `handle`, and the browser entry's gateway mode against such a gateway.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';

import { startEmulator } from './support/emulator.mjs';
import { defineGatewayChecks } from './support/gateway-checks.mjs';
import { GATEWAY_PRESETS, ORIGIN } from './support/gateway-presets.mjs';
import { DEMO_LOGIN, DEMO_PASSWORD, PARTNER, thrownBy } from './support/helpers.mjs';
import { loadPackage } from './support/package.mjs';

const { esm, projectDir } = await loadPackage();
const { OksoftClient, OksoftError, createPartnerGateway, toNodeHandler } = esm;
const emulator = await startEmulator();

const serviceTickets = new Set();

/** The global fetch, recording every service Ticket that UsersLogin returns. */
async function recordingFetch(url, init) {
  const response = await fetch(url, init);
  if (String(url).includes('/UsersLogin')) {
    const body = await response.clone().json().catch(() => null);
    if (typeof body?.Ticket === 'string') {
      serviceTickets.add(body.Ticket);
    }
  }
  return response;
}

const serviceClient = new OksoftClient({
  baseUrl: emulator.baseUrl,
  login: DEMO_LOGIN,
  password: DEMO_PASSWORD,
  fetch: recordingFetch,
  locale: 'en',
});

/** Gateways created in this process, requests passed to `handle` as they are. */
const inProcessTarget = {
  https: true,
  setsClientAddress: true,
  serviceTickets: () => serviceTickets,
  open(preset) {
    const gateway = newGateway(GATEWAY_PRESETS[preset]);
    return {
      send: (route, init, clientAddress) => gateway.handle(new Request(`${ORIGIN}/${route}`, init), { clientAddress }),
    };
  },
};

function newGateway(settings = {}) {
  return createPartnerGateway({ client: serviceClient, allowedOrigins: [ORIGIN], ...settings });
}

defineGatewayChecks({ target: inProcessTarget, emulator });

/** Returns a body that sends `chunks` of 1 MB and never ends, so only an early response arrives. */
function endlessBody(chunks) {
  const chunk = new Uint8Array(1 << 20).fill(97);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent < chunks) {
        sent += 1;
        controller.enqueue(chunk);
      }
      // After the last chunk the stream stays open, as a slow or hostile client's would.
      return new Promise(() => {});
    },
  });
}

test('node adapter refuses unread bodies', async (t) => {
  const server = http.createServer(toNodeHandler(newGateway({ basePath: '/api' })));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.closeAllConnections());
  t.after(() => server.close());
  const url = `http://127.0.0.1:${server.address().port}/api/partnersLogin`;

  const foreign = await fetch(url, { method: 'POST', body: endlessBody(1), duplex: 'half' });
  assert.equal(foreign.status, 403, 'no Origin: refused without waiting for the body to end');

  const oversized = await fetch(url, { method: 'POST', headers: { Origin: ORIGIN }, body: endlessBody(2), duplex: 'half' });
  assert.equal(oversized.status, 413, 'reading stops at the size limit');

  const declaredStatus = await new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { Origin: ORIGIN, 'Content-Length': '99999999' } });
    request.on('response', (response) => resolve(response.statusCode));
    request.on('error', reject);
    request.write('{"options":{}}');
  });
  assert.equal(declaredStatus, 413, 'a declared length over the limit is refused at once');
});

/** Serves `handler` on a loopback port until the test ends; resolves to the server's URL. */
async function serve(t, handler) {
  const server = http.createServer(handler);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.closeAllConnections());
  t.after(() => server.close());
  return `http://127.0.0.1:${server.address().port}`;
}

/** Sends a partner login with a wrong password and resolves to the HTTP status. */
async function failedLoginStatus(baseUrl, login, headers = {}) {
  const response = await fetch(`${baseUrl}/partnersLogin`, {
    method: 'POST',
    headers: { Origin: ORIGIN, ...headers },
    body: JSON.stringify({ options: { login, password: 'wrong' } }),
  });
  await response.arrayBuffer();
  return response.status;
}

test('node adapter counts by socket address', async (t) => {
  const baseUrl = await serve(t, toNodeHandler(newGateway({ maxAttempts: 2 })));
  const statuses = [];
  for (const [index, forwarded] of ['203.0.113.1', '203.0.113.2', '203.0.113.3'].entries()) {
    statuses.push(await failedLoginStatus(baseUrl, `visitor-${index}`, { 'X-Forwarded-For': forwarded }));
  }
  assert.deepEqual(statuses, [401, 401, 429], 'X-Forwarded-For is ignored by default');
});

test('node adapter trusts proxy address', async (t) => {
  const baseUrl = await serve(t, toNodeHandler(newGateway({ maxAttempts: 2 }), { trustProxy: true }));
  const sameClient = [
    '198.51.100.1, 203.0.113.7',
    '198.51.100.2, 203.0.113.7',
    '198.51.100.3,203.0.113.7',
  ];
  const statuses = [];
  for (const [index, forwarded] of sameClient.entries()) {
    statuses.push(await failedLoginStatus(baseUrl, `visitor-${index}`, { 'X-Forwarded-For': forwarded }));
  }
  assert.deepEqual(statuses, [401, 401, 429], 'the last address counts; the ones before it are the client\'s own');
  assert.equal(await failedLoginStatus(baseUrl, 'visitor-3', { 'X-Forwarded-For': '203.0.113.8' }), 401, 'another client');
  assert.equal(await failedLoginStatus(baseUrl, 'visitor-4'), 401, 'no header: the socket address');
});

test('node adapter custom client address', async (t) => {
  const clientAddress = (req) => req.headers['x-real-ip'];
  const baseUrl = await serve(t, toNodeHandler(newGateway({ maxAttempts: 2 }), { clientAddress }));
  const statuses = [];
  for (const index of [0, 1, 2]) {
    statuses.push(await failedLoginStatus(baseUrl, `visitor-${index}`, { 'X-Real-IP': '203.0.113.9' }));
  }
  assert.deepEqual(statuses, [401, 401, 429]);
  assert.equal(await failedLoginStatus(baseUrl, 'visitor-3', { 'X-Real-IP': '203.0.113.10' }), 401, 'another client');
  assert.equal(await failedLoginStatus(baseUrl, 'visitor-4'), 401, 'no header: the socket address');
});

test('node adapter rejects invalid options', () => {
  const gateway = newGateway();
  const cases = [
    ['misspelt option', { trustproxy: true }, 'trustproxy'],
    ['trustProxy a string', { trustProxy: 'yes' }, 'trustProxy'],
    ['clientAddress a string', { clientAddress: 'x-real-ip' }, 'clientAddress'],
    ['both ways at once', { trustProxy: true, clientAddress: () => '203.0.113.1' }, 'clientAddress'],
    ['a number', 42, 'options'],
  ];
  for (const [label, options, field] of cases) {
    const error = thrownBy(() => toNodeHandler(gateway, options));
    assert.ok(error instanceof OksoftError, `${label}: throws an OksoftError, got ${error}`);
    assert.equal(error.kind, 'validation', label);
    assert.equal(error.field, field, label);
    assert.ok(error.message.includes(field), `${label}: the message names ${field}: ${error.message}`);
  }
});

/** Resolves to a loopback URL where nothing listens: a server's port, after it closed. */
async function closedPortUrl() {
  const server = http.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

test('password reset reports network failure', async () => {
  const unreachableClient = new OksoftClient({ baseUrl: await closedPortUrl(), login: DEMO_LOGIN, password: DEMO_PASSWORD, maxRetries: 0, locale: 'en' });
  const gateway = createPartnerGateway({ client: unreachableClient, allowedOrigins: [ORIGIN] });
  const response = await gateway.handle(new Request(`${ORIGIN}/partnersPasswordResetCreate`, {
    method: 'POST',
    headers: { Origin: ORIGIN },
    body: JSON.stringify({ options: { email: PARTNER.email } }),
  }));
  const body = await response.json();
  assert.equal(response.status, 502);
  assert.equal(body.error.kind, 'network');
});

test('refusal codes are declared', () => {
  const declarations = readFileSync(path.join(projectDir, 'node_modules/oksoft-client/web/oksoft_client.d.ts'), 'utf8');
  const gatewaySource = readFileSync(path.join(projectDir, 'node_modules/oksoft-client/gateway.js'), 'utf8');
  const refusalTable = gatewaySource.slice(gatewaySource.indexOf('const REFUSAL_KINDS'), gatewaySource.indexOf('};', gatewaySource.indexOf('const REFUSAL_KINDS')));
  const codes = [...refusalTable.matchAll(/^\s+(\w+):/gm)].map((match) => match[1]);

  assert.ok(codes.length >= 10, `refusal codes found in gateway.js: ${codes.join(', ')}`);
  for (const code of [...codes, 'invalid_option']) {
    assert.ok(declarations.includes(`'${code}'`), `${code} missing from the ErrorCode type`);
  }
});

describe('gateway options', () => {
  const client = serviceClient;
  const cases = [
    ['no options', undefined, ['client']],
    ['a number', 42, ['options']],
    ['client missing', { allowedOrigins: [ORIGIN] }, ['client']],
    ['client not a client', { client: {} }, ['client']],
    ['allowedOrigins misspelt', { client, allowedOrigin: [ORIGIN] }, ['allowedOrigin'], /did you mean allowedOrigins\?/],
    ['basePath in lower case', { client, basepath: '/api' }, ['basepath'], /did you mean basePath\?/],
    ['maxAttempts misspelt', { client, maxAttempt: 3 }, ['maxAttempt'], /did you mean maxAttempts\?/],
    ['unknown option', { client, origins: [ORIGIN] }, ['origins'], /\(the options are client, allowedOrigins, basePath, /],
    ['sessionTtlMs negative', { client, sessionTtlMs: -5 }, ['sessionTtlMs'], /at least 1000, got -5/],
    ['sessionTtlMs under a second', { client, sessionTtlMs: 999 }, ['sessionTtlMs'], /at least 1000, got 999/],
    ['maxSessions zero', { client, maxSessions: 0 }, ['maxSessions'], /at least 1, got 0/],
    ['maxBodyBytes a string', { client, maxBodyBytes: 'big' }, ['maxBodyBytes'], /got a value of type string/],
    ['maxAttempts fractional', { client, maxAttempts: 2.5 }, ['maxAttempts'], /got 2\.5/],
    ['maxAttempts over 32 bits', { client, maxAttempts: 2 ** 32 }, ['maxAttempts'], /from 1 to 4294967295/],
    ['attemptWindowMs infinite', { client, attemptWindowMs: Infinity }, ['attemptWindowMs'], /got Infinity/],
    ['allowedOrigins a string', { client, allowedOrigins: ORIGIN }, ['allowedOrigins'], /expected an array/],
    ['allowedOrigins empty', { client, allowedOrigins: [] }, ['allowedOrigins'], /every request would be rejected/],
    ['origin without scheme', { client, allowedOrigins: [ORIGIN, 'shop.example.ru'] }, ['allowedOrigins'], /item 1, "shop\.example\.ru", is not an origin/],
    ['origin with a path', { client, allowedOrigins: [`${ORIGIN}/cabinet`] }, ['allowedOrigins'], /is not an origin/],
    ['basePath without slash', { client, basePath: 'api/oksoft' }, ['basePath'], /did you mean \/api\/oksoft\?/],
    ['basePath with a query', { client, basePath: '/api?x=1' }, ['basePath'], /is not a URL path/],
    ['basePath of two slashes', { client, basePath: '//' }, ['basePath'], /"\/\/" is not a URL path/],
    ['basePath with a space', { client, basePath: '/a b' }, ['basePath'], /is not a URL path/],
    ['basePath with a leading space', { client, basePath: '/ api' }, ['basePath'], /is not a URL path/],
    ['origin with a wildcard', { client, allowedOrigins: ['https://*.a.ru'] }, ['allowedOrigins'], /has a wildcard, but origins are compared exactly/],
    ['cookieName with a semicolon', { client, cookieName: 'a;b' }, ['cookieName'], /is not a cookie name/],
    ['cookieName with __Host-', { client, cookieName: '__Host-s' }, ['cookieName'], /starts with __Host-, which browsers refuse/],
    ['cookieName with __secure-', { client, cookieName: '__secure-s' }, ['cookieName'], /starts with __Secure-/],
    ['getter that throws', { client, get basePath() { throw new Error('getter failed'); } }, ['basePath'], /reading the value threw/],
    ['origin item that throws', { client, allowedOrigins: Object.defineProperty([], 0, { get() { throw new Error('item failed'); }, enumerable: true }) }, ['allowedOrigins'], /reading the value threw/],
    ['keys that throw', new Proxy({ client }, { ownKeys() { throw new Error('ownKeys failed'); } }), ['options'], /reading the value threw/],
    [
      'every problem listed',
      { client: null, allowedOrigin: [ORIGIN], maxAttempts: 0, cookieName: '' },
      ['allowedOrigin', 'client', 'maxAttempts', 'cookieName'],
    ],
  ];

  for (const [label, options, fields, pattern] of cases) {
    test(`options ${label}`, () => {
      const error = thrownBy(() => createPartnerGateway(options));
      assert.ok(error instanceof OksoftError, `throws an OksoftError, got ${error}`);
      assert.equal(error.kind, 'validation');
      assert.equal(error.method, null);
      assert.equal(error.field, fields[0]);
      assert.deepEqual(error.problems.map((problem) => problem.field), fields);
      for (const field of fields) {
        assert.ok(error.message.includes(field), `the message names ${field}: ${error.message}`);
      }
      if (pattern !== undefined) {
        assert.match(error.message, pattern);
      }
    });
  }

  test('inherited options ignored', async () => {
    Object.prototype.allowedOrigins = ['https://evil.example'];
    Object.prototype.maxAttempts = 4294967295;
    let gateway;
    try {
      gateway = createPartnerGateway({ client, basePath: '/api' });
    } finally {
      delete Object.prototype.allowedOrigins;
      delete Object.prototype.maxAttempts;
    }
    const send = (origin) => gateway.handle(new Request(`${ORIGIN}/api/session`, { headers: { Origin: origin } }));
    assert.equal((await send(ORIGIN)).status, 200, 'the request URL\'s own origin is allowed');
    assert.equal((await send('https://evil.example')).status, 403);
  });

  test('options accepted as documented', async () => {
    const gateway = createPartnerGateway({
      client,
      allowedOrigins: [`${ORIGIN}/`, 'HTTP://127.0.0.1:8080'],
      basePath: '/api/oksoft',
      sessionTtlMs: null,
      maxBodyBytes: undefined,
      cookieName: 'shop_session',
    });
    const response = await gateway.handle(new Request(`${ORIGIN}/api/oksoft/partnersLogin`, {
      method: 'POST',
      headers: { Origin: ORIGIN },
      body: JSON.stringify({ options: { login: PARTNER.id, password: PARTNER.password } }),
    }));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('set-cookie'), /^shop_session=[A-Za-z0-9_-]{43}; /);
    assert.match(response.headers.get('set-cookie'), /Max-Age=1800/, 'a null sessionTtlMs takes the default of 30 minutes');
  });

  test('options checked in worker entry', async () => {
    const installed = path.join(projectDir, 'node_modules', 'oksoft-client');
    const worker = await import(pathToFileURL(path.join(installed, 'worker.js')).href);
    worker.initSync(readFileSync(path.join(installed, 'worker', 'oksoft_client_bg.wasm')));
    const workerClient = new worker.OksoftClient({ baseUrl: emulator.baseUrl, login: DEMO_LOGIN, password: DEMO_PASSWORD });

    const error = thrownBy(() => worker.createPartnerGateway({ client: workerClient, allowedOrigin: [ORIGIN] }));

    assert.ok(error instanceof worker.OksoftError, `throws the worker entry's OksoftError, got ${error}`);
    assert.equal(error.code, 'unknown_field');
    assert.match(error.message, /did you mean allowedOrigins\?/);
  });
});

test('browser gateway mode', async () => {
  const installed = path.join(projectDir, 'node_modules', 'oksoft-client');
  const browser = await import(pathToFileURL(path.join(installed, 'browser.js')).href);
  browser.initSync(readFileSync(path.join(installed, 'web', 'oksoft_client_bg.wasm')));
  const gateway = newGateway({ basePath: '/api/oksoft' });
  let cookie = '';
  const gatewayFetch = async (url, init) => {
    const headers = { ...(init.headers ?? {}), Origin: ORIGIN, Cookie: cookie };
    const response = await gateway.handle(new Request(`${ORIGIN}${url}`, { ...init, headers }), { clientAddress: '10.0.2.1' });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      cookie = setCookie.split(';')[0];
    }
    return response;
  };
  const visitor = new browser.OksoftClient({ gatewayUrl: '/api/oksoft/', fetch: gatewayFetch, locale: 'en' });

  const session = await visitor.partnersLogin({ login: PARTNER.id, password: PARTNER.password });
  assert.equal(session.partnersCode, PARTNER.code);
  const partner = await visitor.partnersGet({});
  assert.equal(partner.fio, PARTNER.fio);
  const invalid = await visitor.partnersCreate({ name: 'A', firstName: 'B', email: 'nope', birthday: '1990-01-01' }).catch((error) => error);
  assert.ok(invalid instanceof browser.OksoftError);
  assert.equal(invalid.kind, 'validation');
  assert.equal(invalid.field, 'email');
  const refused = await visitor.partnersGet({ partnersCode: 3 }).catch((error) => error);
  assert.ok(refused instanceof browser.OksoftError);
  assert.equal(refused.code, 'foreign_partner');
  await visitor.logout();
  assert.equal(await visitor.session(), null);
});
