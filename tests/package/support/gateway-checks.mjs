// The partner gateway's security checks as node:test tests: what a visitor may and may
// not do, table-driven. The in-process test calls gateway.handle directly; the runtime
// tests reach a gateway served by Deno or workerd over HTTP. Nothing the gateway sends
// back may contain a ticket or the integration password's hash.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { ORIGIN } from './gateway-presets.mjs';
import { DEMO_PASSWORD_MD5, PARTNER } from './helpers.mjs';

/** Shape of the emulator's tickets, service and partner alike: an upper-case UUID. */
const TICKET_SHAPE = /[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}/i;

/** A body over the 16 KB default limit. */
const OVERSIZED_OPTIONS = { options: { email: `${'x'.repeat(20_000)}@example.ru` } };

/** An e-mail of no partner in the emulator's seed data. */
const UNREGISTERED_EMAIL = 'nobody@example.ru';

/**
 * Returns a target whose gateways a test server mounts at `BASE_URL/g/PRESET-N/`, one
 * per name, with the settings of the preset (see gateway-presets.mjs). Every request
 * comes from this process, so all of them have one client address.
 */
export function httpTarget(baseUrl) {
  let opened = 0;
  return {
    https: false,
    setsClientAddress: false,
    serviceTickets: () => null,
    open(preset) {
      opened += 1;
      const prefix = `${baseUrl}/g/${preset}-${opened}`;
      return { send: (route, init) => fetch(`${prefix}/${route}`, { ...init, redirect: 'manual' }) };
    },
  };
}

/**
 * Defines the checks against `target`:
 * - `open(preset)` returns a new gateway with the options of GATEWAY_PRESETS[preset] as
 *   `{ send(route, init, clientAddress) }`, which resolves to the gateway's Response;
 * - `https` is true when the gateway receives https request URLs and so sets Secure cookies;
 * - `setsClientAddress` is true when `clientAddress` reaches the gateway;
 * - `serviceTickets()` returns the Tickets the integration client received, or null
 *   when the target cannot see them.
 * `emulator` is the emulator the gateway's client calls.
 */
export function defineGatewayChecks({ target, emulator }) {
  /** Every response the gateways produced, as text, for the secrets check. */
  const responses = [];

  function open(preset = 'standard') {
    const gateway = target.open(preset);
    return { call: (route, request) => call(gateway, route, request) };
  }

  async function call(gateway, route, { options, cookie, origin = ORIGIN, method = 'POST', body, address = '10.0.0.1' } = {}) {
    const headers = { 'Content-Type': 'application/json' };
    if (origin !== null) {
      headers.Origin = origin;
    }
    if (cookie) {
      headers.Cookie = cookie;
    }
    const init = { method, headers };
    if (method !== 'GET') {
      init.body = body ?? JSON.stringify({ options });
      // A stream body is sent chunked, without Content-Length.
      if (init.body instanceof ReadableStream) {
        init.duplex = 'half';
      }
    }
    const response = await gateway.send(route, init, address);
    const text = await response.text();
    responses.push(`${[...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n')}\n\n${text}`);
    return { status: response.status, headers: response.headers, body: JSON.parse(text) };
  }

  async function logIn(gateway, login = PARTNER.id, password = PARTNER.password) {
    const response = await gateway.call('partnersLogin', { options: { login, password } });
    const setCookie = response.headers.get('set-cookie') ?? '';
    return { response, cookie: setCookie.split(';')[0] };
  }

  async function requestCount(operation) {
    const log = await emulator.requests();
    return log.requests.filter((entry) => entry.operation === operation).length;
  }

  describe('partner session', () => {
    test('login sets a safe cookie', async () => {
      const { response, cookie } = await logIn(open());
      assert.equal(response.status, 200);
      assert.equal(response.body.result.partnersCode, PARTNER.code);
      assert.equal(response.body.result.fio, PARTNER.fio);
      assert.equal('partnersTicket' in response.body.result, false, 'the partner ticket stays on the server');
      const setCookie = response.headers.get('set-cookie');
      assert.match(setCookie, /HttpOnly/);
      assert.match(setCookie, /SameSite=Strict/);
      if (target.https) {
        assert.match(setCookie, /Secure/);
      } else {
        assert.doesNotMatch(setCookie, /Secure/, 'a Secure cookie would not come back over http');
      }
      assert.match(cookie, /^oksoft_session=[A-Za-z0-9_-]{43}$/, 'an opaque random id, no OKsoft data');
    });

    test('own profile without naming the code', async () => {
      const gateway = open();
      const { cookie } = await logIn(gateway);
      const response = await gateway.call('partnersGet', { options: {}, cookie });
      assert.equal(response.status, 200);
      assert.equal(response.body.result.code, PARTNER.code);
    });

    test('own accounts', async () => {
      const gateway = open();
      const { cookie } = await logIn(gateway);
      const response = await gateway.call('accountsListGet', { options: { accountsShortName: 'PLA', currencyCode: 6 }, cookie });
      assert.equal(response.status, 200);
      assert.equal(response.body.result[0].stock, '1234.50');
    });

    test('logout ends the session', async () => {
      const gateway = open();
      const { cookie } = await logIn(gateway);
      const logout = await gateway.call('logout', { options: {}, cookie });
      assert.equal(logout.status, 200);
      assert.match(logout.headers.get('set-cookie'), /Max-Age=0/);
      const after = await gateway.call('partnersGet', { options: {}, cookie });
      assert.equal(after.status, 401);
      assert.equal(after.body.error.code, 'login_required');
    });

    test('session reports the partner', async () => {
      const gateway = open();
      const { cookie } = await logIn(gateway);
      const response = await gateway.call('session', { method: 'GET', cookie });
      assert.deepEqual(response.body.result, { partnersCode: PARTNER.code, fio: PARTNER.fio });
    });

    test('expired session refused', async () => {
      const gateway = open('shortSession');
      const { cookie } = await logIn(gateway);
      await new Promise((resolve) => setTimeout(resolve, 1_050));
      const response = await gateway.call('partnersGet', { options: {}, cookie });
      assert.equal(response.status, 401);
      assert.equal(response.body.error.code, 'login_required');
    });

    test('full table ends oldest session', async () => {
      const gateway = open('twoSessions');
      const sessionOf = async (cookie) => (await gateway.call('session', { method: 'GET', cookie })).body.result;
      const first = await logIn(gateway);
      const second = await logIn(gateway);
      const third = await logIn(gateway);

      assert.equal(await sessionOf(first.cookie), null, 'the oldest session made room');
      assert.equal((await sessionOf(second.cookie))?.partnersCode, PARTNER.code);
      assert.equal((await sessionOf(third.cookie))?.partnersCode, PARTNER.code);
    });
  });

  describe('refusals', () => {
    const gateway = open();
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
        const response = await gateway.call(route, { options, cookie });
        assert.equal(response.status, status);
        assert.equal(response.body.error.code, code);
        assert.equal(await requestCount('FinInCome'), before, 'nothing reached OKsoft');
      });
    }

    test('own data without login', async () => {
      const response = await gateway.call('partnersGet', { options: { partnersCode: PARTNER.code } });
      assert.equal(response.status, 401);
      assert.equal(response.body.error.code, 'login_required');
    });

    test('forged cookie', async () => {
      const response = await gateway.call('partnersGet', { options: {}, cookie: 'oksoft_session=forged-session-id' });
      assert.equal(response.status, 401);
      assert.equal(response.body.error.code, 'login_required');
    });

    for (const [label, origin] of [['no origin', null], ['foreign origin', 'https://evil.example'], ['null origin', 'null']]) {
      test(label, async () => {
        const { cookie } = await sessionPromise;
        const response = await gateway.call('partnersGet', { options: {}, cookie, origin });
        assert.equal(response.status, 403);
        assert.equal(response.body.error.code, 'origin_rejected');
      });
    }

    test('oversized body', async () => {
      const response = await gateway.call('partnersPasswordResetCreate', { body: JSON.stringify(OVERSIZED_OPTIONS) });
      assert.equal(response.status, 413);
      assert.equal(response.body.error.code, 'body_too_large');
    });

    test('oversized chunked body', async () => {
      const bytes = new TextEncoder().encode(JSON.stringify(OVERSIZED_OPTIONS));
      const body = new ReadableStream({
        start(controller) {
          // Two chunks, each under the limit, so only their sum exceeds it.
          const half = Math.floor(bytes.length / 2);
          controller.enqueue(bytes.slice(0, half));
          controller.enqueue(bytes.slice(half));
          controller.close();
        },
      });
      const before = await emulator.passwordResets();
      const response = await gateway.call('partnersPasswordResetCreate', { body });
      assert.equal(response.status, 413);
      assert.equal(response.body.error.code, 'body_too_large');
      assert.equal((await emulator.passwordResets()).count, before.count, 'nothing reached OKsoft');
    });

    test('invalid input refused first', async () => {
      const response = await gateway.call('partnersCreate', { options: { name: 'Иванов', email: 'nope' } });
      assert.equal(response.status, 400);
      assert.equal(response.body.error.kind, 'validation');
      assert.ok(response.body.error.problems.some((problem) => problem.field === 'email'));
    });
  });

  describe('password reset', () => {
    const resetOf = (gateway, email) => gateway.call('partnersPasswordResetCreate', { options: { email } });

    test('same answer for any e-mail', async () => {
      const gateway = open();
      const before = await emulator.passwordResets();
      const registered = await resetOf(gateway, PARTNER.email);
      const unregistered = await resetOf(gateway, UNREGISTERED_EMAIL);

      assert.equal(registered.status, 200);
      assert.equal(unregistered.status, 200);
      assert.deepEqual(registered.body, { result: { resultNumber: 1, resultText: null } });
      assert.deepEqual(unregistered.body, registered.body);
      assert.equal(unregistered.headers.get('set-cookie'), registered.headers.get('set-cookie'));
      assert.equal((await emulator.passwordResets()).count, before.count + 2, 'both requests reached OKsoft');
    });

    test('invalid e-mail still refused', async () => {
      const response = await resetOf(open(), 'not-an-email');
      assert.equal(response.status, 400);
      assert.equal(response.body.error.kind, 'validation');
      assert.equal(response.body.error.field, 'email');
    });

    test('limit applies to any e-mail', async () => {
      for (const email of [PARTNER.email, UNREGISTERED_EMAIL]) {
        const gateway = open('fewAttempts');
        const statuses = [];
        for (let attempt = 0; attempt < 4; attempt += 1) {
          statuses.push((await resetOf(gateway, email)).status);
        }
        assert.deepEqual(statuses, [200, 200, 200, 429], email);
      }
    });
  });

  test('twenty wrong passwords hit the limit', async () => {
    const gateway = open();
    const statuses = [];
    let retryAfter = null;
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const response = await gateway.call('partnersLogin', { options: { login: PARTNER.id, password: `wrong-${attempt}` } });
      statuses.push(response.status);
      retryAfter ??= response.headers.get('retry-after');
    }
    assert.deepEqual(statuses.slice(0, 10), Array(10).fill(401));
    assert.deepEqual(statuses.slice(10), Array(10).fill(429));
    assert.ok(Number(retryAfter) > 0, `Retry-After ${retryAfter}`);
  });

  test('correct logins not counted', async () => {
    const gateway = open();
    const statuses = [];
    for (let attempt = 0; attempt < 15; attempt += 1) {
      statuses.push((await logIn(gateway)).response.status);
    }
    assert.deepEqual(statuses, Array(15).fill(200));
  });

  test('failed logins still counted', async () => {
    const gateway = open('fewAttempts');
    const statuses = [];
    for (const password of ['wrong', PARTNER.password, 'wrong', PARTNER.password, 'wrong', PARTNER.password]) {
      statuses.push((await logIn(gateway, PARTNER.id, password)).response.status);
    }
    assert.deepEqual(statuses, [401, 200, 401, 200, 401, 429], 'the third failure used up the limit of 3');
  });

  test('invalid login input not counted', async () => {
    const gateway = open('fewAttempts');
    const statuses = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      statuses.push((await gateway.call('partnersLogin', { options: { login: PARTNER.id } })).status);
    }
    statuses.push((await logIn(gateway)).response.status);
    assert.deepEqual(statuses, [400, 400, 400, 400, 400, 200]);
  });

  test('limit counts per login too', { skip: !target.setsClientAddress && 'every request comes from one address' }, async () => {
    const gateway = open('fewAttempts');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await gateway.call('partnersLogin', { options: { login: 'antonina', password: 'x' }, address: `10.0.1.${attempt}` });
    }
    const response = await gateway.call('partnersLogin', { options: { login: 'antonina', password: 'x' }, address: '10.0.1.99' });
    assert.equal(response.status, 429);
  });

  test('correct logins limited per address', async () => {
    const gateway = open('fewAttempts');
    const statuses = [];
    // fewAttempts allows 3 failed and 30 successful logins per address.
    for (let attempt = 0; attempt < 31; attempt += 1) {
      statuses.push((await logIn(gateway)).response.status);
    }
    assert.deepEqual(statuses.slice(0, 30), Array(30).fill(200));
    assert.equal(statuses[30], 429);
    const wrong = await logIn(gateway, PARTNER.id, 'wrong');
    assert.equal(wrong.response.status, 429, 'a failed login is refused by the same limit');
  });

  test('correct logins limited, others free', { skip: !target.setsClientAddress && 'every request comes from one address' }, async () => {
    const gateway = open('fewAttempts');
    for (let attempt = 0; attempt < 30; attempt += 1) {
      await gateway.call('partnersLogin', { options: { login: PARTNER.id, password: PARTNER.password }, address: '10.0.2.1' });
    }
    const limited = await gateway.call('partnersLogin', { options: { login: PARTNER.id, password: PARTNER.password }, address: '10.0.2.1' });
    const other = await gateway.call('partnersLogin', { options: { login: PARTNER.id, password: PARTNER.password }, address: '10.0.2.2' });
    assert.equal(limited.status, 429);
    assert.equal(other.status, 200, 'another address still logs in');
  });

  test('registration limited per address', async () => {
    const gateway = open('fewAttempts');
    const before = await requestCount('PartnersCreate');
    const registrationWithTakenEmail = { name: 'Иванов', firstName: 'Иван', birthday: '1990-01-01', email: PARTNER.email, login: 'new-login-zz' };
    const statuses = [];
    statuses.push((await gateway.call('partnersCreate', { options: { name: 'Иванов', email: 'nope' } })).status);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      statuses.push((await gateway.call('partnersCreate', { options: registrationWithTakenEmail })).status);
    }
    assert.deepEqual(statuses, [400, 422, 422, 429], 'invalid input counts too');
    assert.equal(await requestCount('PartnersCreate'), before + 2, 'the refused call never reached OKsoft');
  });

  test('reset limit ignores trim and case', { skip: !target.setsClientAddress && 'every request comes from one address' }, async () => {
    const gateway = open('fewAttempts');
    const before = await emulator.passwordResets();
    const variants = [PARTNER.email, `\u0085${PARTNER.email}`, ` ${PARTNER.email.toUpperCase()}\u0085`, `\u0085\u0085${PARTNER.email}`];
    const statuses = [];
    for (const [index, email] of variants.entries()) {
      statuses.push((await gateway.call('partnersPasswordResetCreate', { options: { email }, address: `10.0.3.${index}` })).status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    assert.equal((await emulator.passwordResets()).count, before.count + 3, 'the fourth reset never reached OKsoft');
  });

  test('no secret in any response', async () => {
    assert.ok(await requestCount('UsersLogin') > 0, 'the integration client logged in');
    const all = responses.join('\n');
    const tickets = target.serviceTickets();
    if (tickets !== null) {
      assert.ok(tickets.size > 0, 'the integration client received a Ticket');
      for (const ticket of tickets) {
        assert.equal(all.includes(ticket), false, 'the integration ticket leaked');
      }
    }
    assert.equal(TICKET_SHAPE.exec(all)?.[0] ?? null, null, 'no response carries anything shaped like a ticket');
    assert.equal(all.toUpperCase().includes(DEMO_PASSWORD_MD5), false, 'the password hash leaked');
    assert.equal(/PartnersTicket|partnersTicket/.test(all), false, 'a partner ticket leaked');
  });
}
