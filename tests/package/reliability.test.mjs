// Reliability of the installed package against the emulator's fault modes: timeouts,
// aborts, which calls are retried, `outcome_unknown` for calls that create something or
// move money, ticket renewal under load and odd response bodies.
//
// The client sets no custom headers, so every fault is armed ahead of the call through
// `POST /_emulator/faults`. The emulator records a request only after its `latency`
// wait, so tests with a `latency` fault wait for that entry before they count requests.

import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import net from 'node:net';
import { after, beforeEach, describe, test } from 'node:test';

import { startEmulator } from './support/emulator.mjs';
import { CASH_DESK, DEMO_LOGIN, DEMO_PASSWORD, PARTNER, PERSONAL_ACCOUNT, rejectionOf, uniqueSuffix } from './support/helpers.mjs';
import { loadPackage } from './support/package.mjs';

const { esm } = await loadPackage();
const { OksoftClient, OksoftError } = esm;
const emulator = await startEmulator();

/** Latency of the slow faults. Every timeout below is a fraction of it. */
const SLOW_MS = 2000;

/** Maximum wait for the emulator to record a slow request. */
const RECORD_WAIT_MS = 15_000;

function newClient(options = {}) {
  return new OksoftClient({ baseUrl: emulator.baseUrl, login: DEMO_LOGIN, password: DEMO_PASSWORD, locale: 'en', ...options });
}

// One client goes through every fault of this file, and the last test checks that it still works.
const client = newClient();
await client.usersLogin();

beforeEach(clearFaults);

async function callEmulator(method, endpoint, body) {
  const init = { method };
  if (body !== undefined) {
    init.headers = { 'Content-Type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  const response = await fetch(`${emulator.baseUrl}/_emulator/${endpoint}`, init);
  if (!response.ok) {
    throw new Error(`${method} /_emulator/${endpoint} returned HTTP ${response.status}: ${await response.text()}`);
  }
  return response.json();
}

/** Arms `spec` for the next `count` calls of `operation`. */
function armFault(spec, operation, count = 1) {
  return callEmulator('POST', 'faults', { spec, operation, count });
}

function clearFaults() {
  return callEmulator('DELETE', 'faults');
}

function expireTickets() {
  return callEmulator('POST', 'tickets/expire');
}

/** Returns the sequence number of the latest recorded request, 0 when there is none. */
async function lastSeq() {
  const { requests } = await emulator.requests();
  return requests.at(-1)?.seq ?? 0;
}

/** Returns the requests recorded after `seq`, of `operation` only when it is given. */
async function requestsSince(seq, operation) {
  const { requests } = await emulator.inspect(`requests?since=${seq}`);
  return operation === undefined ? requests : requests.filter((request) => request.operation === operation);
}

/**
 * Waits until at least `expected` requests of `operation` are recorded after `seq` and
 * returns all of them. A request slowed by `latency` is recorded only when its wait ends.
 */
async function waitForRequests(seq, operation, expected) {
  const deadline = Date.now() + RECORD_WAIT_MS;
  for (;;) {
    const requests = await requestsSince(seq, operation);
    if (requests.length >= expected) {
      return requests;
    }
    if (Date.now() > deadline) {
      assert.fail(`the emulator recorded ${requests.length} ${operation} requests after seq ${seq}, expected ${expected}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Returns a loopback port that was free a moment ago and has no listener now. */
async function closedPort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Returns the balance of partner 24's personal account in roubles, in kopecks. */
async function personalKopecks() {
  const accounts = await client.accountsListGet({ accountsShortName: 'PLA', partnersCode: PARTNER.code, currencyCode: 1 });
  return Math.round(Number(accounts[0].stock) * 100);
}

function assertKind(error, kind, code) {
  assert.ok(error instanceof OksoftError, `an OksoftError, got ${error}`);
  assert.equal(error.kind, kind);
  assert.equal(error.code, code);
}

function transfer(overrides) {
  return {
    validationTransaction: 'transaction',
    accountsRsCode: PERSONAL_ACCOUNT,
    accountsKsCode: CASH_DESK,
    currencyCode: 1,
    ...overrides,
  };
}

function newRegistration() {
  const suffix = uniqueSuffix();
  return {
    name: 'Соколова',
    firstName: 'Ирина',
    email: `irina.${suffix}@example.ru`,
    login: `irina-${suffix}`.slice(0, 50),
    birthday: '1990-07-21',
    password: 'Vt4-mR8!',
  };
}

describe('timeouts', () => {
  test('call timeoutMs', async () => {
    const seq = await lastSeq();
    await armFault(`latency=${SLOW_MS}`, 'PartnersGet');

    const error = await rejectionOf(client.partnersGet({ partnersCode: PARTNER.code }, { timeoutMs: 200, maxRetries: 0 }));
    const requests = await waitForRequests(seq, 'PartnersGet', 1);

    assertKind(error, 'timeout', 'timeout');
    assert.equal(error.method, 'PartnersGet');
    assert.equal(error.notSent, false);
    assert.match(error.message, /within 200 ms/);
    assert.equal(requests.length, 1);
  });

  test('client timeoutMs', async () => {
    const impatient = newClient({ timeoutMs: 200, maxRetries: 0 });
    await impatient.usersLogin();
    const seq = await lastSeq();
    await armFault(`latency=${SLOW_MS}`, 'PartnersGet');

    const error = await rejectionOf(impatient.partnersGet({ partnersCode: PARTNER.code }));
    const requests = await waitForRequests(seq, 'PartnersGet', 1);

    assertKind(error, 'timeout', 'timeout');
    assert.equal(error.method, 'PartnersGet');
    assert.equal(requests.length, 1);
  });

  test('call timeoutMs covers the login', async () => {
    const fresh = newClient();
    const seq = await lastSeq();
    await armFault(`latency=${SLOW_MS}`, 'UsersLogin');

    const outcome = await fresh.countriesListGet({}, { timeoutMs: 200, maxRetries: 0 }).then(
      (countries) => ({ countries }),
      (error) => ({ error }),
    );
    await waitForRequests(seq, 'UsersLogin', 1);

    assert.equal(outcome.countries, undefined, 'the call rejects');
    assertKind(outcome.error, 'timeout', 'timeout');
  });

  test('login outlives the caller that started it', async () => {
    const fresh = newClient();
    const seq = await lastSeq();
    await armFault(`latency=${SLOW_MS}`, 'UsersLogin');

    // The impatient call stops waiting first. The shared login must go on for the patient
    // call, which still waits for it.
    const patient = fresh.sexListGet();
    const impatient = rejectionOf(fresh.countriesListGet({}, { timeoutMs: 200, maxRetries: 0 }));
    const error = await impatient;
    const sexes = await patient;

    assertKind(error, 'timeout', 'timeout');
    assert.ok(sexes.length > 0, 'the waiting call resolves once the shared login completes');
    assert.equal((await requestsSince(seq, 'UsersLogin')).length, 1, 'one login served both calls');
  });
  test('usersLogin timeoutMs', async () => {
    const fresh = newClient();
    const seq = await lastSeq();
    await armFault(`latency=${SLOW_MS}`, 'UsersLogin');

    const started = Date.now();
    const error = await rejectionOf(fresh.usersLogin(undefined, { timeoutMs: 200 }));
    const waitedMs = Date.now() - started;
    await waitForRequests(seq, 'UsersLogin', 1);

    assertKind(error, 'timeout', 'timeout');
    assert.equal(error.method, 'UsersLogin');
    assert.equal(error.notSent, false, 'the login may have reached the server');
    assert.ok(waitedMs < SLOW_MS, `rejects before the slow login ends, after ${waitedMs} ms`);
  });
});

describe('abort', () => {
  test('abort during a call', async () => {
    let markSent;
    const requestSent = new Promise((resolve) => {
      markSent = resolve;
    });
    const watching = newClient({
      fetch: (url, init) => {
        if (String(url).includes('/PartnersGet')) {
          markSent();
        }
        return fetch(url, init);
      },
    });
    await watching.usersLogin();
    const seq = await lastSeq();
    await armFault(`latency=${SLOW_MS}`, 'PartnersGet');

    const controller = new AbortController();
    const pending = watching.partnersGet({ partnersCode: PARTNER.code }, { signal: controller.signal });
    await requestSent;
    // fetch() having been called does not mean the bytes left; give them time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    controller.abort();
    const error = await rejectionOf(pending);
    const requests = await waitForRequests(seq, 'PartnersGet', 1);

    assertKind(error, 'aborted', 'aborted');
    assert.equal(error.method, 'PartnersGet');
    assert.equal(error.notSent, false);
    assert.equal(requests.length, 1, 'an aborted call is not retried');
  });

  test('aborted signal sends nothing', async () => {
    const seq = await lastSeq();

    const error = await rejectionOf(client.countriesListGet({}, { signal: AbortSignal.abort() }));

    assertKind(error, 'aborted', 'aborted');
    assert.equal(error.notSent, true);
    assert.match(error.message, /safe to repeat/);
    assert.deepEqual(await requestsSince(seq), []);
  });

  test('aborted signal skips the login', async () => {
    const fresh = newClient();
    const seq = await lastSeq();

    const error = await rejectionOf(fresh.countriesListGet({}, { signal: AbortSignal.abort() }));

    assertKind(error, 'aborted', 'aborted');
    assert.equal(error.notSent, true);
    const operations = (await requestsSince(seq)).map((request) => request.operation);
    assert.deepEqual(operations, []);
  });

  test('abort during usersLogin', async () => {
    const fresh = newClient();
    const seq = await lastSeq();
    await armFault(`latency=${SLOW_MS}`, 'UsersLogin');

    const controller = new AbortController();
    const started = Date.now();
    const pending = fresh.usersLogin(undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    const error = await rejectionOf(pending);
    const waitedMs = Date.now() - started;
    await waitForRequests(seq, 'UsersLogin', 1);

    assertKind(error, 'aborted', 'aborted');
    assert.equal(error.method, 'UsersLogin');
    assert.ok(waitedMs < SLOW_MS, `rejects before the slow login ends, after ${waitedMs} ms`);
  });

  test('abort of a sent transaction', async () => {
    const comment = `abort ${uniqueSuffix()}`;
    let markSent;
    const requestSent = new Promise((resolve) => {
      markSent = resolve;
    });
    const watching = newClient({
      fetch: (url, init) => {
        if (String(url).includes('/FinInCome')) {
          markSent();
        }
        return fetch(url, init);
      },
    });
    await watching.usersLogin();
    const seq = await lastSeq();
    await armFault(`latency=${SLOW_MS}`, 'FinInCome');

    const controller = new AbortController();
    const pending = watching.finInCome(transfer({ amount: '2.34', comment }), { signal: controller.signal });
    await requestSent;
    // fetch() having been called does not mean the bytes left; give them time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    controller.abort();
    const error = await rejectionOf(pending);
    await waitForRequests(seq, 'FinInCome', 1);
    const posted = (await emulator.ledger()).transactions.filter((entry) => entry.comment === comment);

    assert.equal(posted.length, 1, 'the emulator posted the transaction');
    assertKind(error, 'outcome_unknown', 'aborted');
    assert.equal(error.requestParams?.Amount, '2.34');
  });

  for (const [label, signal] of [
    ['plain object', {}],
    ['string', 'abort'],
    ['AbortController', new AbortController()],
  ]) {
    test(`signal as ${label}`, async () => {
      const seq = await lastSeq();

      const error = await rejectionOf(client.countriesListGet({}, { signal }));

      assertKind(error, 'validation', 'invalid_type');
      assert.equal(error.field, 'signal');
      assert.deepEqual(await requestsSince(seq), []);
    });
  }
});

describe('retries of idempotent calls', () => {
  test('503 twice then success', async () => {
    const seq = await lastSeq();
    await armFault('status=503', 'CountriesListGet', 2);

    const countries = await client.countriesListGet();

    assert.ok(countries.length > 0);
    const statuses = (await requestsSince(seq, 'CountriesListGet')).map((request) => request.status);
    assert.deepEqual(statuses, [503, 503, 200]);
  });

  test('default maxRetries is 2', async () => {
    const seq = await lastSeq();
    await armFault('status=503', 'CountriesListGet', 5);

    const error = await rejectionOf(client.countriesListGet());

    assertKind(error, 'http', 'http_error');
    assert.equal(error.status, 503);
    assert.equal(error.method, 'CountriesListGet');
    assert.equal((await requestsSince(seq, 'CountriesListGet')).length, 3);
  });

  test('call maxRetries 0', async () => {
    const seq = await lastSeq();
    await armFault('status=503', 'CountriesListGet', 5);

    const error = await rejectionOf(client.countriesListGet({}, { maxRetries: 0 }));

    assertKind(error, 'http', 'http_error');
    assert.equal((await requestsSince(seq, 'CountriesListGet')).length, 1);
  });

  test('call maxRetries over client', async () => {
    const once = newClient({ maxRetries: 0 });
    await once.usersLogin();
    const seq = await lastSeq();
    await armFault('status=503', 'CountriesListGet', 5);

    const error = await rejectionOf(once.countriesListGet({}, { maxRetries: 1 }));

    assertKind(error, 'http', 'http_error');
    assert.equal((await requestsSince(seq, 'CountriesListGet')).length, 2);
  });

  const idempotentCalls = [
    ['PartnersLogin', () => client.partnersLogin({ login: PARTNER.login, password: PARTNER.password })],
    ['PartnersGet', () => client.partnersGet({ partnersCode: PARTNER.code })],
    ['SexListGet', () => client.sexListGet()],
    ['CurrenciesList', () => client.currenciesList()],
    ['AccountsListGet', () => client.accountsListGet({ accountsShortName: 'KASSA', currencyCode: 1 })],
    ['FinOutCome', () => client.finOutCome(transfer({ validationTransaction: 'validation', amount: '0.50' }))],
  ];
  for (const [operation, call] of idempotentCalls) {
    test(`${operation} retried after 504`, async () => {
      const seq = await lastSeq();
      await armFault('status=504', operation);

      await call();

      const statuses = (await requestsSince(seq, operation)).map((request) => request.status);
      assert.deepEqual(statuses, [504, 200]);
    });
  }

  test('FinInCome validation retried', async () => {
    const seq = await lastSeq();
    await armFault('status=503', 'FinInCome', 5);

    const error = await rejectionOf(client.finInCome(transfer({ validationTransaction: 'validation', amount: '1.00' })));

    assertKind(error, 'http', 'http_error');
    assert.equal(error.status, 503);
    assert.equal(error.requestParams, null);
    assert.equal((await requestsSince(seq, 'FinInCome')).length, 3);
  });

  test('dropped connection retried', async () => {
    const seq = await lastSeq();
    await armFault('drop-before', 'CountriesListGet');

    const countries = await client.countriesListGet();

    assert.ok(countries.length > 0);
    const statuses = (await requestsSince(seq, 'CountriesListGet')).map((request) => request.status);
    assert.deepEqual(statuses, [null, 200]);
  });

  test('timed-out attempt retried', async () => {
    const seq = await lastSeq();
    await armFault(`latency=${SLOW_MS}`, 'CountriesListGet');

    const countries = await client.countriesListGet({}, { timeoutMs: 500 });
    const requests = await waitForRequests(seq, 'CountriesListGet', 2);

    assert.ok(countries.length > 0);
    assert.equal(requests.length, 2);
    assert.equal(requests.filter((request) => request.fault === `latency=${SLOW_MS}`).length, 1);
  });

  test('429 retried after Retry-After', async () => {
    const seq = await lastSeq();
    await armFault('rate-limit=1', 'CountriesListGet');

    const countries = await client.countriesListGet();

    assert.ok(countries.length > 0);
    const statuses = (await requestsSince(seq, 'CountriesListGet')).map((request) => request.status);
    assert.deepEqual(statuses, [429, 200]);
  });

  test('500 not retried', async () => {
    const seq = await lastSeq();
    await armFault('status=500', 'CountriesListGet', 3);

    const error = await rejectionOf(client.countriesListGet());

    assertKind(error, 'http', 'http_error');
    assert.equal(error.status, 500);
    assert.equal((await requestsSince(seq, 'CountriesListGet')).length, 1);
  });
});

describe('no retry of transactions', () => {
  // `applied` is whether the emulator runs the operation under the fault, as emulator/README.md lists it.
  const cases = [
    { spec: 'status=503', code: 'http_error', applied: false },
    { spec: 'drop-before', code: 'network_error', applied: false },
    { spec: 'drop-after', code: 'network_error', applied: true },
    { spec: `latency=${SLOW_MS}`, code: 'timeout', applied: true },
    { spec: 'html', code: 'html_response', applied: false },
    { spec: 'empty', code: 'empty_response', applied: false },
    { spec: 'truncate', code: 'invalid_json', applied: true },
  ];
  cases.forEach(({ spec, code, applied }, index) => {
    test(`FinInCome under ${spec}`, async () => {
      const amount = `3.${String(index + 10)}`;
      const comment = `reliability ${spec} ${uniqueSuffix()}`;
      const balanceBefore = await personalKopecks();
      const seq = await lastSeq();
      await armFault(spec, 'FinInCome');

      const requestOptions = spec.startsWith('latency') ? { timeoutMs: 200, maxRetries: 3 } : { maxRetries: 3 };
      const error = await rejectionOf(client.finInCome(transfer({ amount, comment }), requestOptions));
      const requests = await waitForRequests(seq, 'FinInCome', 1);

      assertKind(error, 'outcome_unknown', code);
      assert.equal(error.method, 'FinInCome');
      assert.equal(error.notSent, false);
      assert.equal(requests.length, 1, 'sent once');
      assert.equal(error.requestParams.Amount, amount);
      assert.equal(error.requestParams.Ticket, '***');
      assert.equal(error.requestParams.ValidationTransaction, 'transaction');
      assert.match(error.message, /AccountsListGet/);

      const posted = (await emulator.ledger()).transactions.filter((entry) => entry.comment === comment);
      assert.equal(posted.length, applied ? 1 : 0, 'transactions posted');
      const expectedChange = applied ? Math.round(Number(amount) * 100) : 0;
      assert.equal(await personalKopecks(), balanceBefore + expectedChange);
    });
  });

  test('FinOutCome under status=503', async () => {
    const seq = await lastSeq();
    await armFault('status=503', 'FinOutCome');

    const error = await rejectionOf(client.finOutCome(transfer({ amount: '0.25' })));

    assertKind(error, 'outcome_unknown', 'http_error');
    assert.equal(error.status, 503);
    assert.equal(error.requestParams.Amount, '0.25');
    assert.match(error.message, /AccountsListGet/);
    assert.equal((await requestsSince(seq, 'FinOutCome')).length, 1);
  });
});

describe('no retry of registrations', () => {
  test('PartnersCreate under status=503', async () => {
    const registration = newRegistration();
    const seq = await lastSeq();
    await armFault('status=503', 'PartnersCreate');

    const error = await rejectionOf(client.partnersCreate(registration));

    assertKind(error, 'outcome_unknown', 'http_error');
    assert.equal(error.status, 503);
    assert.equal(error.method, 'PartnersCreate');
    assert.equal(error.requestParams.Email, registration.email);
    assert.equal(error.requestParams.Password, '***');
    assert.equal(error.requestParams.ConfirmPassword, '***');
    assert.equal(error.requestParams.Ticket, '***');
    assert.match(error.message, /PartnersGet/);
    assert.equal((await requestsSince(seq, 'PartnersCreate')).length, 1);
  });

  test('PartnersCreate under drop-after', async () => {
    const registration = newRegistration();
    const seq = await lastSeq();
    await armFault('drop-after', 'PartnersCreate');

    const error = await rejectionOf(client.partnersCreate(registration));

    assertKind(error, 'outcome_unknown', 'network_error');
    assert.equal((await requestsSince(seq, 'PartnersCreate')).length, 1);
    const session = await client.partnersLogin({ login: registration.login, password: registration.password });
    assert.equal(typeof session.partnersCode, 'number', 'the partner was created once');
  });

  test('PasswordResetCreate under status=503', async () => {
    const resetsBefore = (await emulator.passwordResets()).count;
    const seq = await lastSeq();
    await armFault('status=503', 'PartnersPasswordResetCreate');

    const error = await rejectionOf(client.partnersPasswordResetCreate({ email: PARTNER.email }));

    assertKind(error, 'outcome_unknown', 'http_error');
    assert.equal(error.method, 'PartnersPasswordResetCreate');
    assert.equal(error.requestParams.Email, PARTNER.email);
    assert.match(error.message, /may or may not have happened/);
    assert.equal((await requestsSince(seq, 'PartnersPasswordResetCreate')).length, 1);
    assert.equal((await emulator.passwordResets()).count, resetsBefore);
  });

  test('PasswordResetCreate under drop-after', async () => {
    const resetsBefore = (await emulator.passwordResets()).count;
    const seq = await lastSeq();
    await armFault('drop-after', 'PartnersPasswordResetCreate');

    const error = await rejectionOf(client.partnersPasswordResetCreate({ email: PARTNER.email }));

    assertKind(error, 'outcome_unknown', 'network_error');
    assert.equal((await requestsSince(seq, 'PartnersPasswordResetCreate')).length, 1);
    assert.equal((await emulator.passwordResets()).count, resetsBefore + 1);
  });
});

describe('connection refused', () => {
  test('refused login', async () => {
    const port = await closedPort();
    const unreachable = newClient({ baseUrl: `http://127.0.0.1:${port}` });

    const error = await rejectionOf(unreachable.partnersCreate(newRegistration()));

    assertKind(error, 'network', 'network_error');
    assert.equal(error.method, 'UsersLogin', 'the lazy login fails first');
    assert.equal(error.notSent, true);
    assert.equal(error.requestParams, null);
    assert.match(error.message, /ECONNREFUSED/);
    assert.match(error.message, /safe to repeat/);
  });

  test('port that fetch blocks', async () => {
    // The fetch standard blocks port 1, so Node's fetch fails without connecting.
    const blocked = newClient({ baseUrl: 'http://127.0.0.1:1' });

    const error = await rejectionOf(blocked.usersLogin());

    assertKind(error, 'network', 'network_error');
    assert.match(error.message, /bad port/);
  });

  test('refused call after login', async () => {
    const own = await startEmulator();
    const closedBase = `http://127.0.0.1:${await closedPort()}`;
    // After the login, requests go to a closed port. Stopping the emulator instead
    // leaves kept-alive connections, which the stopping server may close under the next
    // request: that is a reset, not a refusal.
    let redirectToClosedPort = false;
    const redirectingFetch = (url, init) => fetch(redirectToClosedPort ? url.replace(own.baseUrl, closedBase) : url, init);
    const stranded = new OksoftClient({ baseUrl: own.baseUrl, login: DEMO_LOGIN, password: DEMO_PASSWORD, locale: 'en', fetch: redirectingFetch });
    await stranded.usersLogin();
    redirectToClosedPort = true;

    const error = await rejectionOf(stranded.partnersCreate(newRegistration()));
    own.stop();

    assertKind(error, 'network', 'network_error');
    assert.equal(error.method, 'PartnersCreate');
    assert.equal(error.notSent, true);
    assert.equal(error.requestParams, null);
    assert.match(error.message, /ECONNREFUSED/);
  });
});

describe('ticket renewal', () => {
  // Expiring tickets also expires the shared client's, and a renewal would add requests
  // to the counts of later tests.
  after(() => client.usersLogin());

  test('one login for 100 calls', async () => {
    const busy = newClient();
    await busy.usersLogin();
    const seq = await lastSeq();
    await expireTickets();

    const results = await Promise.all(Array.from({ length: 100 }, () => busy.countriesListGet()));

    assert.ok(results.every((countries) => countries.length > 0), 'every call resolves to the countries');
    assert.equal((await requestsSince(seq, 'UsersLogin')).length, 1);
    assert.equal((await requestsSince(seq, 'CountriesListGet')).length, 200, 'each call sent twice');
  });

  test('shareLogin false logs in per call', async () => {
    const separate = newClient({ shareLogin: false });
    await separate.usersLogin();
    const seq = await lastSeq();
    await expireTickets();
    // Slow logins keep every call's rejection ahead of the first new ticket. A call
    // rejected after another call's login has finished would use that ticket instead.
    await armFault('latency=300', 'UsersLogin', 3);

    const results = await Promise.all(Array.from({ length: 3 }, () => separate.sexListGet()));
    const later = await separate.sexListGet();

    assert.ok(results.every((sexes) => sexes.length > 0), 'every call resolves');
    assert.ok(later.length > 0);
    assert.equal((await requestsSince(seq, 'UsersLogin')).length, 3, 'one login per call that found no ticket');
    assert.equal((await requestsSince(seq, 'SexListGet')).length, 7, 'three rejected, three repeated, one later');
  });

  test('second rejection ends the call', async () => {
    const fresh = newClient();
    const seq = await lastSeq();
    await armFault('expire-ticket', 'CountriesListGet', 2);

    const error = await rejectionOf(fresh.countriesListGet());

    assertKind(error, 'auth', 'ticket_rejected');
    assert.equal(error.method, 'CountriesListGet');
    assert.equal((await requestsSince(seq, 'UsersLogin')).length, 2);
    assert.equal((await requestsSince(seq, 'CountriesListGet')).length, 2);
    const countries = await fresh.countriesListGet();
    assert.ok(countries.length > 0, 'the next call logs in again');
  });
});

describe('odd bodies', () => {
  for (const spec of ['bom', 'wrap=d', 'wrap=result']) {
    test(`PartnersGet with ${spec}`, async () => {
      const seq = await lastSeq();
      await armFault(spec, 'PartnersGet');

      const partner = await client.partnersGet({ partnersCode: PARTNER.code });

      assert.equal(partner.code, PARTNER.code);
      assert.equal(partner.fio, PARTNER.fio);
      const faults = (await requestsSince(seq, 'PartnersGet')).map((request) => request.fault);
      assert.deepEqual(faults, [spec]);
    });
  }

  // The client reads an empty PartnersGet body as partner_not_found, because a WCF
  // service returns no object that way, and the emulator does so for an unknown Id.
  const failures = [
    { spec: 'html', kind: 'decode', code: 'html_response' },
    { spec: 'empty', kind: 'api', code: 'partner_not_found' },
    { spec: 'truncate', kind: 'decode', code: 'invalid_json' },
  ];
  for (const { spec, kind, code } of failures) {
    test(`PartnersGet with ${spec}`, async () => {
      const seq = await lastSeq();
      await armFault(spec, 'PartnersGet');

      const error = await rejectionOf(client.partnersGet({ partnersCode: PARTNER.code }));

      assertKind(error, kind, code);
      assert.equal(error.method, 'PartnersGet');
      assert.equal((await requestsSince(seq, 'PartnersGet')).length, 1, 'not retried');
    });
  }

  test('CountriesListGet with empty', async () => {
    await armFault('empty', 'CountriesListGet');

    const error = await rejectionOf(client.countriesListGet());

    assertKind(error, 'decode', 'empty_response');
  });

  test('CountriesListGet with bom and wrap', async () => {
    await armFault('wrap=d,bom', 'CountriesListGet');

    const countries = await client.countriesListGet();

    assert.deepEqual(countries[0], { code: 13, name: 'Россия', kod: null });
  });
});

describe('cleanup after a call', () => {
  function pendingTimers() {
    return process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
  }

  test('login race leaves nothing armed', async () => {
    const controller = new AbortController();
    const timersBefore = pendingTimers();

    // Each fresh client logs in first, racing the login against the call's deadline.
    for (let round = 0; round < 3; round++) {
      const fresh = newClient();
      await fresh.partnersGet({ partnersCode: PARTNER.code }, { timeoutMs: 60_000, signal: controller.signal });
    }

    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
    assert.equal(pendingTimers(), timersBefore);
  });

  test('abandoned login stops retrying', async () => {
    // Each login attempt hangs until its own timeout aborts it.
    let loginAttempts = 0;
    const hangingFetch = (url, init) => {
      loginAttempts += 1;
      return new Promise((_resolve, reject) => {
        init.signal.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
      });
    };
    const timersBefore = pendingTimers();
    const fresh = newClient({ fetch: hangingFetch, timeoutMs: 300, maxRetries: 2 });

    const error = await rejectionOf(fresh.sexListGet({}, { timeoutMs: 50 }));
    // Past the first attempt's timeout and the longest wait before a second attempt.
    await new Promise((resolve) => setTimeout(resolve, 800));

    assertKind(error, 'timeout', 'timeout');
    assert.equal(loginAttempts, 1, 'no call waits for the login, so it is not retried');
    assert.equal(pendingTimers(), timersBefore, 'nothing keeps Node running');
  });

  test('failed calls leave nothing armed', async () => {
    const controller = new AbortController();
    const timersBefore = pendingTimers();
    await armFault('status=503', 'SexListGet', 2);

    await client.sexListGet(undefined, { timeoutMs: 60_000, signal: controller.signal });
    await rejectionOf(client.sexListGet({ unknownOption: 1 }, { signal: controller.signal }));

    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
    assert.equal(pendingTimers(), timersBefore);
  });
});

describe('injected fetch', () => {
  /** Returns a client that logs in with the real fetch and sends its other calls through `send`. */
  async function clientSendingWith(send) {
    const injected = newClient({ fetch: (url, init) => (url.includes('UsersLogin') ? fetch(url, init) : send(url, init)) });
    await injected.usersLogin();
    return injected;
  }

  test('Response-like object works', async () => {
    const injected = await clientSendingWith(async (url, init) => {
      const response = await fetch(url, init);
      return { status: response.status, headers: { get: (name) => response.headers.get(name) }, arrayBuffer: () => response.arrayBuffer() };
    });

    const countries = await injected.countriesListGet();

    assert.deepEqual(countries[0], { code: 13, name: 'Россия', kod: null });
  });

  test('resolving to a non-Response', async () => {
    const injected = await clientSendingWith(async () => ({ ok: true }));

    const error = await rejectionOf(injected.sexListGet(undefined, { maxRetries: 0 }));

    assertKind(error, 'network', 'network_error');
    assert.match(error.message, /not a Response/);
  });

  test('arrayBuffer throwing at once', async () => {
    const injected = await clientSendingWith(async () => ({
      status: 200,
      headers: { get: () => null },
      arrayBuffer: () => {
        throw new TypeError('body already used');
      },
    }));

    const error = await rejectionOf(injected.sexListGet(undefined, { maxRetries: 0 }));

    assertKind(error, 'network', 'network_error');
    assert.match(error.message, /TypeError: body already used/);
    assert.equal(error.notSent, false);
  });

  test('fetch throwing at once sends nothing', async () => {
    const injected = await clientSendingWith(() => {
      throw new TypeError('invalid URL');
    });

    const error = await rejectionOf(injected.finInCome(transfer({ amount: '1.00' })));

    assertKind(error, 'network', 'network_error');
    assert.equal(error.notSent, true);
    assert.match(error.message, /invalid URL/);
  });
});

describe('after the faults', () => {
  test('same client still works', async () => {
    const partner = await client.partnersGet({ partnersCode: PARTNER.code });
    assert.equal(partner.code, PARTNER.code);

    const result = await client.finInCome(transfer({ validationTransaction: 'validation', amount: '1.00' }));
    assert.equal(result.resultNumber, 1);

    const countries = await client.countriesListGet();
    assert.ok(countries.length > 0);
  });
});
