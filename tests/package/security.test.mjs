// Secrets, the wire format and transport failures, seen through an injected `fetch`
// that records what the package sends, and through the emulator's request log.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { describe, test } from 'node:test';

import { startEmulator } from './support/emulator.mjs';
import {
  CASH_DESK,
  DEMO_LOGIN,
  DEMO_PASSWORD,
  DEMO_PASSWORD_MD5,
  PARTNER,
  PERSONAL_ACCOUNT,
  rejectionOf,
  thrownBy,
  uniqueSuffix,
} from './support/helpers.mjs';
import { loadPackage } from './support/package.mjs';

const { esm } = await loadPackage();
const { OksoftClient, OksoftError } = esm;
const emulator = await startEmulator();

const md5 = (text) => createHash('md5').update(text, 'utf8').digest('hex');

/**
 * Returns a `fetch` that records each request and then responds with `respond(url, init)`.
 * By default it passes the request on to the emulator with the global fetch.
 */
function recordingFetch(respond = (url, init) => fetch(url, init)) {
  const calls = [];
  const record = async (url, init = {}) => {
    const parsed = new URL(url);
    calls.push({
      url: String(url),
      operation: parsed.pathname.split('/').at(-1),
      query: parsed.searchParams,
      method: init.method,
      contentType: new Headers(init.headers ?? {}).get('content-type'),
      body: init.body,
      signal: init.signal,
    });
    return respond(String(url), init);
  };
  return { fetch: record, calls };
}

function newClient(options = {}) {
  return new OksoftClient({ baseUrl: emulator.baseUrl, login: DEMO_LOGIN, password: DEMO_PASSWORD, ...options });
}

/** Collects every service Ticket that a recorded request carried, in the URL or in a form body. */
function ticketsIn(calls) {
  const tickets = calls.map((call) => call.query.get('Ticket') ?? new URLSearchParams(call.body ?? '').get('Ticket'));
  return tickets.filter(Boolean);
}

/** Asserts that none of `secrets` appears in the message, String() or JSON of `error`. */
function assertNoSecrets(error, secrets) {
  assert.ok(error instanceof OksoftError, `an OksoftError, got ${error}`);
  assert.ok(secrets.length > 0, 'there are secrets to look for');
  const views = { message: error.message, string: String(error), json: JSON.stringify(error) };
  for (const secret of secrets) {
    for (const [view, text] of Object.entries(views)) {
      assert.ok(!text.includes(secret), `${view} contains the secret ${secret}: ${text}`);
    }
  }
}

/** Returns a password and both letter cases of its MD5. */
function passwordForms(password) {
  return [password, md5(password), md5(password).toUpperCase()];
}

const transfer = {
  validationTransaction: 'validation',
  accountsRsCode: PERSONAL_ACCOUNT,
  accountsKsCode: CASH_DESK,
  amount: '1.00',
  currencyCode: 1,
};

describe('wire format', () => {
  const wireNames = [
    'UsersLogin', 'PartnersLogin', 'PartnersPasswordResetCreate', 'PartnersGet', 'CountriesListGet', 'SexListGet',
    'PhoneTypesListGet', 'LanguagesListGet', 'PartnersGroupsListGet', 'PartnersCreate', 'CurrenciesList',
    'AccountsListGet', 'FinInCome', 'FinOutCome',
  ];
  const recorder = recordingFetch();
  const suffix = uniqueSuffix();

  test('all operations succeed', async () => {
    const client = newClient({ fetch: recorder.fetch });
    await client.usersLogin();
    await client.partnersLogin({ login: PARTNER.login, password: PARTNER.password });
    await client.partnersPasswordResetCreate({ email: PARTNER.email });
    await client.partnersGet({ partnersCode: PARTNER.code });
    await client.countriesListGet();
    await client.sexListGet();
    await client.phoneTypesListGet();
    await client.languagesListGet();
    await client.partnersGroupsListGet();
    await client.partnersCreate({
      name: 'Орлова', firstName: 'Инна', email: `inna.${suffix}@example.ru`, birthday: '1990-01-02', password: 'Inna-Pass-1',
    });
    await client.currenciesList();
    await client.accountsListGet({ accountsShortName: 'PLA', partnersCode: PARTNER.code, currencyCode: 1 });
    await client.finInCome(transfer);
    await client.finOutCome(transfer);
    assert.deepEqual(recorder.calls.map((call) => call.operation), wireNames);
  });

  for (const wireName of wireNames) {
    const expectedVerb = wireName === 'PartnersCreate' ? 'POST' : 'GET';
    test(`${wireName} sent with ${expectedVerb}`, () => {
      const call = recorder.calls.find((candidate) => candidate.operation === wireName);
      assert.ok(call, `${wireName} was sent`);
      assert.equal(call.method, expectedVerb);
      assert.equal(call.query.get('Format'), 'json');
    });
  }

  test('GET requests have no body', () => {
    const gets = recorder.calls.filter((call) => call.method === 'GET');
    assert.equal(gets.length, 13);
    for (const call of gets) {
      assert.equal(call.body, undefined, call.operation);
      assert.equal(call.contentType, null, call.operation);
    }
  });

  test('PartnersCreate form body', () => {
    const call = recorder.calls.find((candidate) => candidate.operation === 'PartnersCreate');
    assert.match(call.contentType, /^application\/x-www-form-urlencoded\b/);
    assert.equal(typeof call.body, 'string');
    const form = new URLSearchParams(call.body);
    assert.equal(form.get('Name'), 'Орлова');
    assert.equal(form.get('Email'), `inna.${suffix}@example.ru`);
    assert.equal(form.get('Birthday'), '02-01-1990');
    assert.equal(form.get('Password'), md5('Inna-Pass-1').toUpperCase());
    assert.equal(form.get('ConfirmPassword'), md5('Inna-Pass-1').toUpperCase());
    assert.ok(form.get('Ticket'), 'Ticket in the body');
    assert.equal(call.query.get('Ticket'), null, 'Ticket not in the URL');
    assert.deepEqual([...call.query.keys()], ['Format']);
  });

  test('every call carries a signal', () => {
    for (const call of recorder.calls) {
      assert.ok(call.signal instanceof AbortSignal, call.operation);
    }
  });

  test('login sends MD5 in upper case', () => {
    const login = recorder.calls.find((call) => call.operation === 'UsersLogin');
    assert.equal(login.query.get('Login'), DEMO_LOGIN);
    assert.equal(login.query.get('Password'), DEMO_PASSWORD_MD5);
  });

  test('md5Case lower', async () => {
    const lower = recordingFetch();
    await newClient({ fetch: lower.fetch, md5Case: 'lower' }).usersLogin();
    assert.equal(lower.calls[0].query.get('Password'), DEMO_PASSWORD_MD5.toLowerCase());
  });

  test('sendFormatJson false gets XML', async () => {
    const plain = recordingFetch();
    const error = await rejectionOf(newClient({ fetch: plain.fetch, sendFormatJson: false }).usersLogin());
    assert.equal(plain.calls[0].query.get('Format'), null);
    assert.equal(error.kind, 'decode');
    assert.equal(error.code, 'xml_response');
  });
});

describe('percent-encoding', () => {
  test('reserved characters in a login', async () => {
    const recorder = recordingFetch();
    await rejectionOf(newClient({ fetch: recorder.fetch }).partnersLogin({ login: 'qwe?rt%y', password: 'x' }));
    const call = recorder.calls.find((candidate) => candidate.operation === 'PartnersLogin');
    assert.ok(call.url.includes('Login=qwe%3Frt%25y&'), call.url);
    const logged = (await emulator.requests()).requests.at(-1);
    assert.equal(logged.params.Login, 'qwe?rt%y');
  });

  test('Cyrillic login', async () => {
    const recorder = recordingFetch();
    await rejectionOf(newClient({ fetch: recorder.fetch }).partnersLogin({ login: 'Антонина', password: 'x' }));
    const call = recorder.calls.find((candidate) => candidate.operation === 'PartnersLogin');
    assert.ok(call.url.includes('Login=%D0%90%D0%BD%D1%82%D0%BE%D0%BD%D0%B8%D0%BD%D0%B0&'), call.url);
  });

  test('comment round trip', async () => {
    const comment = 'Оплата #7: a+b & c=d, 50% 😀';
    const recorder = recordingFetch();
    const client = newClient({ fetch: recorder.fetch });
    const result = await client.finInCome({ ...transfer, validationTransaction: 'transaction', comment });

    const call = recorder.calls.find((candidate) => candidate.operation === 'FinInCome');
    const encoded = '%D0%9E%D0%BF%D0%BB%D0%B0%D1%82%D0%B0%20%237%3A%20a%2Bb%20%26%20c%3Dd%2C%2050%25%20%F0%9F%98%80';
    assert.ok(call.url.includes(`Comment=${encoded}&`), call.url);
    assert.ok(!call.url.includes('+'), 'no literal plus in the URL');

    const posted = (await emulator.ledger()).transactions.find((entry) => entry.number === result.transactionNumber);
    assert.equal(posted.comment, comment);
  });

  test('form body round trip', async () => {
    const suffix = uniqueSuffix();
    const email = `a+b.${suffix}@example.ru`;
    const city = 'Ростов-на-Дону & Co = #1 50% 😀';
    const client = newClient();
    const created = await client.partnersCreate({ name: 'Зайцева', firstName: 'Ольга', email, birthday: '01.02.1980', city });
    const partner = await client.partnersGet({ partnersCode: created.partnersCode });
    assert.equal(partner.email, email);
    assert.equal(partner.city, city);
  });
});

describe('secrets', () => {
  test('wrong service password', async () => {
    const error = await rejectionOf(newClient({ password: 'Service-Secret-9' }).countriesListGet());
    assert.equal(error.code, 'service_login_failed');
    assertNoSecrets(error, passwordForms('Service-Secret-9'));
  });

  test('wrong service passwordMd5', async () => {
    const hash = md5('Other-Secret-3');
    const error = await rejectionOf(newClient({ password: undefined, passwordMd5: hash }).usersLogin());
    assert.equal(error.code, 'service_login_failed');
    assertNoSecrets(error, [hash, hash.toUpperCase()]);
  });

  test('wrong partner password', async () => {
    const recorder = recordingFetch();
    const error = await rejectionOf(newClient({ fetch: recorder.fetch }).partnersLogin({ login: PARTNER.login, password: 'Partner-Secret-7' }));
    assert.equal(error.code, 'partner_login_failed');
    assertNoSecrets(error, [...passwordForms('Partner-Secret-7'), ...ticketsIn(recorder.calls)]);
  });

  test('network error quoting the URL', async () => {
    const recorder = recordingFetch((url, init) => {
      if (url.includes('/CurrenciesList')) {
        throw Object.assign(new TypeError(`request to ${url} failed`), { cause: { code: 'ECONNRESET' } });
      }
      return fetch(url, init);
    });
    const error = await rejectionOf(newClient({ fetch: recorder.fetch }).currenciesList());
    assert.equal(error.kind, 'network');
    assert.equal(error.method, 'CurrenciesList');
    assert.match(error.message, /ECONNRESET/);
    assert.match(error.message, /Ticket=\*\*\*/);
    assertNoSecrets(error, ticketsIn(recorder.calls));
  });

  test('network error at login quoting the URL', async () => {
    const recorder = recordingFetch((url) => Promise.reject(new TypeError(`cannot reach ${url}`)));
    const error = await rejectionOf(newClient({ fetch: recorder.fetch }).sexListGet());
    assert.equal(error.kind, 'network');
    assert.equal(error.method, 'UsersLogin');
    assertNoSecrets(error, passwordForms(DEMO_PASSWORD).slice(1));
  });

  test('HTML page quoting the ticket', async () => {
    const recorder = recordingFetch((url, init) => {
      if (url.includes('/PartnersGet')) {
        const page = `<html><body>Ticket ${new URL(url).searchParams.get('Ticket')} rejected</body></html>`;
        return new Response(page, { status: 200, headers: { 'Content-Type': 'text/html' } });
      }
      return fetch(url, init);
    });
    const error = await rejectionOf(newClient({ fetch: recorder.fetch }).partnersGet({ partnersCode: 24 }));
    assert.equal(error.code, 'html_response');
    assertNoSecrets(error, ticketsIn(recorder.calls));
  });

  test('XML login answer with a ticket', async () => {
    // A server that ignores Format=json returns a successful login as XML.
    const ticket = '5CEE2279-3293-4A1E-957D-51026F262178';
    const xml = `<UsersLoginResult><ResultNumber>1</ResultNumber><ResultText>OK</ResultText><Ticket>${ticket}</Ticket></UsersLoginResult>`;
    const answering = async () => new Response(xml, { status: 200, headers: { 'Content-Type': 'application/xml' } });
    const error = await rejectionOf(newClient({ fetch: answering }).usersLogin());
    assert.equal(error.code, 'xml_response');
    assertNoSecrets(error, [ticket]);
  });

  test('HTTP error page quoting the password', async () => {
    const recorder = recordingFetch((url) => {
      const page = `<html><body>Password ${new URL(url).searchParams.get('Password')} rejected</body></html>`;
      return new Response(page, { status: 400 });
    });
    const error = await rejectionOf(newClient({ fetch: recorder.fetch }).usersLogin());
    assert.equal(error.kind, 'http');
    assertNoSecrets(error, passwordForms(DEMO_PASSWORD).slice(1));
  });

  test('mismatched registration passwords', async () => {
    const error = await rejectionOf(
      newClient().partnersCreate({
        name: 'Орлова', firstName: 'Инна', email: 'not-an-email', birthday: '1990-01-02',
        password: 'First-Secret-1', confirmPassword: 'Second-Secret-2',
      }),
    );
    assert.equal(error.kind, 'validation');
    assert.ok(error.message.includes('"not-an-email"'), `the e-mail is quoted: ${error.message}`);
    assert.ok(error.problems.some((problem) => problem.code === 'password_mismatch'));
    assertNoSecrets(error, [...passwordForms('First-Secret-1'), ...passwordForms('Second-Secret-2')]);
  });

  test('invalid passwordMd5 not echoed', async () => {
    const error = await rejectionOf(newClient().partnersLogin({ login: 'antonina', passwordMd5: 'my-secret-not-md5' }));
    assert.equal(error.code, 'invalid_md5');
    assertNoSecrets(error, ['my-secret-not-md5']);
  });

  test('invalid client passwordMd5 not echoed', () => {
    const error = thrownBy(() => new OksoftClient({ baseUrl: emulator.baseUrl, login: 'demo', passwordMd5: 'client-secret-value' }));
    assert.equal(error.field, 'passwordMd5');
    assertNoSecrets(error, ['client-secret-value']);
  });

  test('wrong-type password not echoed', () => {
    const error = thrownBy(() => new OksoftClient({ baseUrl: emulator.baseUrl, login: 'demo', password: 987_654_321 }));
    assert.equal(error.field, 'password');
    assertNoSecrets(error, ['987654321']);
  });

  test('results carry no service ticket', async () => {
    const recorder = recordingFetch();
    const client = newClient({ fetch: recorder.fetch });
    const results = [
      await client.usersLogin(),
      await client.partnersLogin({ login: PARTNER.login, password: PARTNER.password }),
      await client.partnersGet({ partnersCode: PARTNER.code }),
      await client.finInCome(transfer),
    ];
    const [ticket] = ticketsIn(recorder.calls);
    assert.ok(ticket, 'a ticket was sent');
    assert.ok(!JSON.stringify(results).includes(ticket));
    assert.ok(!JSON.stringify(client).includes(ticket));
  });

  test('emulator log redacts secrets', async () => {
    const { requests } = await emulator.requests();
    const secretNames = ['Password', 'ConfirmPassword', 'Ticket'];
    const logged = requests.flatMap((request) => Object.entries(request.params)).filter(([name]) => secretNames.includes(name));
    assert.ok(logged.some(([name]) => name === 'Password'), 'some request sent a Password');
    assert.ok(logged.some(([name]) => name === 'Ticket'), 'some request sent a Ticket');
    assert.ok(logged.some(([name]) => name === 'ConfirmPassword'), 'some request sent a ConfirmPassword');
    for (const [name, value] of logged) {
      assert.equal(value, '***', `${name} is redacted`);
    }
    const text = JSON.stringify(requests);
    for (const secret of [DEMO_PASSWORD_MD5, DEMO_PASSWORD_MD5.toLowerCase(), md5('Inna-Pass-1').toUpperCase()]) {
      assert.ok(!text.includes(secret), `the log contains ${secret}`);
    }
  });
});

describe('transport failures', () => {
  test('fetch rejects', async () => {
    const failing = async () => {
      throw new TypeError('fetch failed');
    };
    const error = await rejectionOf(newClient({ fetch: failing }).countriesListGet());
    assert.ok(error instanceof OksoftError);
    assert.equal(error.kind, 'network');
    assert.equal(error.code, 'network_error');
    assert.equal(error.method, 'UsersLogin');
    assert.equal(error.status, null);
  });

  test('fetch throws synchronously', async () => {
    const throwing = () => {
      throw new Error('blocked by policy');
    };
    const error = await rejectionOf(newClient({ fetch: throwing }).countriesListGet());
    assert.equal(error.kind, 'network');
    assert.match(error.message, /blocked by policy/);
  });

  test('fetch resolves to a non-Response', async () => {
    const error = await rejectionOf(newClient({ fetch: async () => ({ ok: true }) }).countriesListGet());
    assert.equal(error.kind, 'network');
  });

  test('fetch aborted by caller', async () => {
    const aborting = async () => {
      throw new DOMException('The operation was aborted.', 'AbortError');
    };
    const error = await rejectionOf(newClient({ fetch: aborting }).countriesListGet());
    assert.equal(error.kind, 'aborted');
    assert.equal(error.code, 'aborted');
  });

  test('status 500', async () => {
    const recorder = recordingFetch((url, init) => {
      if (url.includes('/CurrenciesList')) {
        return new Response('Internal Server Error', { status: 500 });
      }
      return fetch(url, init);
    });
    const error = await rejectionOf(newClient({ fetch: recorder.fetch }).currenciesList());
    assert.ok(error instanceof OksoftError);
    assert.equal(error.kind, 'http');
    assert.equal(error.code, 'http_error');
    assert.equal(error.status, 500);
    assert.equal(error.method, 'CurrenciesList');
    assert.match(error.message, /HTTP 500/);
  });

  test('status 500 with a login envelope', async () => {
    const envelope = JSON.stringify({ ResultNumber: -1, ResultText: 'Неправильный логин или пароль', Ticket: null });
    const error = await rejectionOf(newClient({ fetch: async () => new Response(envelope, { status: 500 }) }).usersLogin());
    assert.equal(error.kind, 'auth');
    assert.equal(error.code, 'service_login_failed');
  });

  test('HTML instead of JSON', async () => {
    const page = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>';
    const recorder = recordingFetch((url, init) => {
      if (url.includes('/SexListGet')) {
        return new Response(page, { status: 200, headers: { 'Content-Type': 'text/html' } });
      }
      return fetch(url, init);
    });
    const error = await rejectionOf(newClient({ fetch: recorder.fetch }).sexListGet());
    assert.ok(error instanceof OksoftError);
    assert.equal(error.kind, 'decode');
    assert.equal(error.code, 'html_response');
    assert.equal(error.method, 'SexListGet');
  });

  test('empty body for a list', async () => {
    const recorder = recordingFetch((url, init) => (url.includes('/CountriesListGet') ? new Response('') : fetch(url, init)));
    const error = await rejectionOf(newClient({ fetch: recorder.fetch }).countriesListGet());
    assert.equal(error.kind, 'decode');
    assert.equal(error.code, 'empty_response');
  });

  test('truncated JSON', async () => {
    const recorder = recordingFetch((url, init) => (url.includes('/CountriesListGet') ? new Response('[{"Code": 13,') : fetch(url, init)));
    const error = await rejectionOf(newClient({ fetch: recorder.fetch }).countriesListGet());
    assert.equal(error.kind, 'decode');
    assert.equal(error.code, 'invalid_json');
  });

  test('timeout honoured by signal', async () => {
    let receivedSignal = null;
    const hanging = (url, init) => {
      receivedSignal = init.signal;
      return new Promise((resolve, reject) => {
        init.signal.addEventListener('abort', () => reject(init.signal.reason));
      });
    };
    const startedAt = performance.now();
    const error = await rejectionOf(newClient({ fetch: hanging, timeoutMs: 50 }).countriesListGet());
    const elapsed = performance.now() - startedAt;

    assert.ok(error instanceof OksoftError);
    assert.equal(error.kind, 'timeout');
    assert.equal(error.code, 'timeout');
    assert.equal(error.method, 'UsersLogin');
    assert.match(error.message, /50/);
    assert.ok(receivedSignal instanceof AbortSignal);
    assert.ok(receivedSignal.aborted, 'the signal fired');
    assert.ok(elapsed >= 40, `waited ${elapsed} ms`);
    assert.ok(elapsed < 5_000, `gave up after ${elapsed} ms`);
  });

  test('unreachable loopback port', async () => {
    const server = createServer();
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address();
    await new Promise((resolve) => server.close(resolve));

    const client = new OksoftClient({ baseUrl: `http://127.0.0.1:${port}`, login: DEMO_LOGIN, password: DEMO_PASSWORD, timeoutMs: 5_000 });
    const error = await rejectionOf(client.currenciesList());
    assert.ok(error instanceof OksoftError);
    assert.equal(error.kind, 'network');
    assert.equal(error.code, 'network_error');
    assert.equal(error.method, 'UsersLogin');
    assert.match(error.message, /ECONNREFUSED/);
    assertNoSecrets(error, passwordForms(DEMO_PASSWORD).slice(1));
  });
});
