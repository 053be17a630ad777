// The partner gateway: what a visitor may and may not do, table-driven, against the
// emulator through the packed package. Nothing the gateway sends back may contain the
// integration ticket or the integration password's hash.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';

import { startEmulator } from './support/emulator.mjs';
import { DEMO_LOGIN, DEMO_PASSWORD, DEMO_PASSWORD_MD5, PARTNER } from './support/helpers.mjs';
import { loadPackage } from './support/package.mjs';

const { esm, projectDir } = await loadPackage();
const { OksoftClient, createPartnerGateway } = esm;
const emulator = await startEmulator();

const ORIGIN = 'https://shop.example.ru';
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

/** Every response the gateway produced, as text, for the secrets check. */
const responses = [];

function newGateway(settings = {}) {
  return createPartnerGateway({ client: serviceClient, allowedOrigins: [ORIGIN], ...settings });
}

async function call(gateway, route, { options, cookie, origin = ORIGIN, method = 'POST', body, address = '10.0.0.1' } = {}) {
  const headers = { 'Content-Type': 'application/json' };
  if (origin !== null) {
    headers.Origin = origin;
  }
  if (cookie) {
    headers.Cookie = cookie;
  }
  const request = new Request(`https://shop.example.ru/${route}`, {
    method,
    headers,
    body: method === 'GET' ? undefined : (body ?? JSON.stringify({ options })),
  });
  const response = await gateway.handle(request, { clientAddress: address });
  const text = await response.text();
  responses.push(`${[...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n')}\n\n${text}`);
  return { status: response.status, headers: response.headers, body: JSON.parse(text) };
}

async function logIn(gateway, login = PARTNER.id, password = PARTNER.password) {
  const response = await call(gateway, 'partnersLogin', { options: { login, password } });
  const setCookie = response.headers.get('set-cookie') ?? '';
  return { response, cookie: setCookie.split(';')[0] };
}

async function requestCount(operation) {
  const log = await emulator.requests();
  return log.requests.filter((entry) => entry.operation === operation).length;
}

describe('partner session', () => {
  test('login sets a safe cookie', async () => {
    const { response, cookie } = await logIn(newGateway());
    assert.equal(response.status, 200);
    assert.equal(response.body.result.partnersCode, PARTNER.code);
    assert.equal(response.body.result.fio, PARTNER.fio);
    assert.equal('partnersTicket' in response.body.result, false, 'the partner ticket stays on the server');
    const setCookie = response.headers.get('set-cookie');
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    assert.match(setCookie, /Secure/);
    assert.match(cookie, /^oksoft_session=[A-Za-z0-9_-]{43}$/, 'an opaque random id, no OKsoft data');
  });

  test('own profile without naming the code', async () => {
    const gateway = newGateway();
    const { cookie } = await logIn(gateway);
    const response = await call(gateway, 'partnersGet', { options: {}, cookie });
    assert.equal(response.status, 200);
    assert.equal(response.body.result.code, PARTNER.code);
  });

  test('own accounts', async () => {
    const gateway = newGateway();
    const { cookie } = await logIn(gateway);
    const response = await call(gateway, 'accountsListGet', { options: { accountsShortName: 'PLA', currencyCode: 6 }, cookie });
    assert.equal(response.status, 200);
    assert.equal(response.body.result[0].stock, '1234.50');
  });

  test('logout ends the session', async () => {
    const gateway = newGateway();
    const { cookie } = await logIn(gateway);
    const logout = await call(gateway, 'logout', { options: {}, cookie });
    assert.equal(logout.status, 200);
    assert.match(logout.headers.get('set-cookie'), /Max-Age=0/);
    const after = await call(gateway, 'partnersGet', { options: {}, cookie });
    assert.equal(after.status, 401);
    assert.equal(after.body.error.code, 'login_required');
  });

  test('session reports the partner', async () => {
    const gateway = newGateway();
    const { cookie } = await logIn(gateway);
    const response = await call(gateway, 'session', { method: 'GET', cookie });
    assert.deepEqual(response.body.result, { partnersCode: PARTNER.code, fio: PARTNER.fio });
  });

  test('expired session refused', async () => {
    const gateway = newGateway({ sessionTtlMs: 1 });
    const { cookie } = await logIn(gateway);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const response = await call(gateway, 'partnersGet', { options: {}, cookie });
    assert.equal(response.status, 401);
    assert.equal(response.body.error.code, 'login_required');
  });
});

describe('refusals', () => {
  const gateway = newGateway();
  const sessionPromise = logIn(gateway);

  const rows = [
    ['another partner by code', 'partnersGet', { partnersCode: 3 }, 403, 'foreign_partner'],
    ['another partner by id', 'partnersGet', { id: '1001' }, 403, 'foreign_partner'],
    ['another partner accounts', 'accountsListGet', { accountsShortName: 'PLA', partnersCode: 3, currencyCode: 1 }, 403, 'foreign_partner'],
    ['cash desks', 'accountsListGet', { accountsShortName: 'KASSA', currencyCode: 1 }, 403, 'forbidden_value'],
    ['money in', 'finInCome', { validationTransaction: 'transaction', accountsRsCode: 15162, accountsKsCode: 100, amount: 1, currencyCode: 1 }, 404, 'operation_not_allowed'],
    ['money out', 'finOutCome', { validationTransaction: 'validation', accountsRsCode: 15162, accountsKsCode: 100, amount: 1, currencyCode: 1 }, 404, 'operation_not_allowed'],
    ['service login', 'usersLogin', {}, 404, 'operation_not_allowed'],
    ['unknown route', '__proto__', {}, 404, 'operation_not_allowed'],
  ];
  for (const [label, route, options, status, code] of rows) {
    test(label, async () => {
      const { cookie } = await sessionPromise;
      const before = await requestCount('FinInCome');
      const response = await call(gateway, route, { options, cookie });
      assert.equal(response.status, status);
      assert.equal(response.body.error.code, code);
      assert.equal(await requestCount('FinInCome'), before, 'nothing reached OKsoft');
    });
  }

  test('own data without login', async () => {
    const response = await call(gateway, 'partnersGet', { options: { partnersCode: PARTNER.code } });
    assert.equal(response.status, 401);
    assert.equal(response.body.error.code, 'login_required');
  });

  test('forged cookie', async () => {
    const response = await call(gateway, 'partnersGet', { options: {}, cookie: 'oksoft_session=forged-session-id' });
    assert.equal(response.status, 401);
    assert.equal(response.body.error.code, 'login_required');
  });

  for (const [label, origin] of [['no origin', null], ['foreign origin', 'https://evil.example'], ['null origin', 'null']]) {
    test(label, async () => {
      const { cookie } = await sessionPromise;
      const response = await call(gateway, 'partnersGet', { options: {}, cookie, origin });
      assert.equal(response.status, 403);
      assert.equal(response.body.error.code, 'origin_rejected');
    });
  }

  test('oversized body', async () => {
    const body = JSON.stringify({ options: { email: `${'x'.repeat(20_000)}@example.ru` } });
    const response = await call(gateway, 'partnersPasswordResetCreate', { body });
    assert.equal(response.status, 413);
    assert.equal(response.body.error.code, 'body_too_large');
  });

  test('invalid input refused first', async () => {
    const response = await call(gateway, 'partnersCreate', { options: { name: 'Иванов', email: 'nope' } });
    assert.equal(response.status, 400);
    assert.equal(response.body.error.kind, 'validation');
    assert.ok(response.body.error.problems.some((problem) => problem.field === 'email'));
  });
});

test('twenty wrong passwords hit the limit', async () => {
  const gateway = newGateway();
  const statuses = [];
  let retryAfter = null;
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const response = await call(gateway, 'partnersLogin', { options: { login: PARTNER.id, password: `wrong-${attempt}` } });
    statuses.push(response.status);
    retryAfter ??= response.headers.get('retry-after');
  }
  assert.deepEqual(statuses.slice(0, 10), Array(10).fill(401));
  assert.deepEqual(statuses.slice(10), Array(10).fill(429));
  assert.ok(Number(retryAfter) > 0, `Retry-After ${retryAfter}`);
});

test('limit counts per login too', async () => {
  const gateway = newGateway({ maxAttempts: 3 });
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await call(gateway, 'partnersLogin', { options: { login: 'antonina', password: 'x' }, address: `10.0.1.${attempt}` });
  }
  const response = await call(gateway, 'partnersLogin', { options: { login: 'antonina', password: 'x' }, address: '10.0.1.99' });
  assert.equal(response.status, 429);
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

test('no secret in any response', () => {
  assert.ok(serviceTickets.size > 0, 'the service client logged in');
  const all = responses.join('\n');
  for (const ticket of serviceTickets) {
    assert.equal(all.includes(ticket), false, 'the integration ticket leaked');
  }
  assert.equal(all.toUpperCase().includes(DEMO_PASSWORD_MD5), false, 'the password hash leaked');
  assert.equal(/PartnersTicket|partnersTicket/.test(all), false, 'a partner ticket leaked');
});
