// Input validation of every operation: each bad input rejects with a validation
// OksoftError naming the field, and nothing reaches the server, not even a login.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { startEmulator } from './support/emulator.mjs';
import { CASH_DESK, DEMO_LOGIN, DEMO_PASSWORD, DEMO_PASSWORD_MD5, PERSONAL_ACCOUNT, thrownBy } from './support/helpers.mjs';
import { loadPackage } from './support/package.mjs';

const { esm } = await loadPackage();
const { OksoftClient, OksoftError } = esm;
const emulator = await startEmulator();

const clientOptions = { baseUrl: emulator.baseUrl, login: DEMO_LOGIN, password: DEMO_PASSWORD };

const registration = {
  name: 'Кузнецова',
  firstName: 'Антонина',
  email: 'new.partner@example.ru',
  birthday: '1971-11-11',
};

const transfer = {
  validationTransaction: 'validation',
  accountsRsCode: PERSONAL_ACCOUNT,
  accountsKsCode: CASH_DESK,
  amount: '10.00',
  currencyCode: 1,
};

const cyrillic = (count) => 'Я'.repeat(count);
const without = (object, key) => Object.fromEntries(Object.entries(object).filter(([name]) => name !== key));

/** Rows shared by the five directory lists and currenciesList, which take no options. */
const noOptionRows = [
  ['unknown option', { code: 13 }, 'code'],
  ['number instead of options', 42, 'options'],
  ['array instead of options', [], 'options'],
  ['string instead of options', 'all', 'options'],
];

/** Rows shared by finInCome and finOutCome. */
const transferRows = [
  ['options missing', undefined, 'validationTransaction'],
  ['mode missing', without(transfer, 'validationTransaction'), 'validationTransaction'],
  ['mode unknown', { ...transfer, validationTransaction: 'commit' }, 'validationTransaction'],
  ['mode not a string', { ...transfer, validationTransaction: true }, 'validationTransaction'],
  ['account missing', without(transfer, 'accountsRsCode'), 'accountsRsCode'],
  ['account a word', { ...transfer, accountsRsCode: 'счёт' }, 'accountsRsCode'],
  ['account fractional', { ...transfer, accountsRsCode: 15162.5 }, 'accountsRsCode'],
  ['cash desk zero', { ...transfer, accountsKsCode: 0 }, 'accountsKsCode'],
  ['cash desk negative', { ...transfer, accountsKsCode: -100 }, 'accountsKsCode'],
  ['currency missing', without(transfer, 'currencyCode'), 'currencyCode'],
  ['currency an object', { ...transfer, currencyCode: { code: 1 } }, 'currencyCode'],
  ['amount missing', without(transfer, 'amount'), 'amount'],
  ['amount NaN', { ...transfer, amount: Number.NaN }, 'amount'],
  ['amount Infinity', { ...transfer, amount: Number.POSITIVE_INFINITY }, 'amount'],
  ['amount negative', { ...transfer, amount: -5 }, 'amount'],
  ['amount negative string', { ...transfer, amount: '-5.00' }, 'amount'],
  ['amount zero', { ...transfer, amount: 0 }, 'amount'],
  ['amount zero string', { ...transfer, amount: '0.00' }, 'amount'],
  ['amount three decimals', { ...transfer, amount: 1.005 }, 'amount'],
  ['amount three decimals string', { ...transfer, amount: '10.125' }, 'amount'],
  ['amount with thousands separators', { ...transfer, amount: '1,000.00' }, 'amount'],
  ['amount float sum', { ...transfer, amount: 0.1 + 0.2 }, 'amount'],
  ['amount a word', { ...transfer, amount: 'десять' }, 'amount'],
  ['amount too large', { ...transfer, amount: 1e300 }, 'amount'],
  ['amount a boolean', { ...transfer, amount: true }, 'amount'],
  ['comment too long', { ...transfer, comment: cyrillic(501) }, 'comment'],
  ['comment an object', { ...transfer, comment: { text: 'x' } }, 'comment'],
  ['comment lone surrogate', { ...transfer, comment: 'a\uD800b' }, 'comment'],
  ['amount with comma and three decimals', { ...transfer, amount: '1,000' }, 'amount'],
  ['amount in exponent form', { ...transfer, amount: '1e3' }, 'amount'],
  ['comment misspelt', { ...transfer, coment: 'x' }, 'coment'],
  ['array instead of options', [transfer], 'options'],
];

/** Bad inputs of all fourteen operations, as `[method, rows]` pairs. Each row is `[case, options, expected field]`. */
const table = [
  ['usersLogin', [
    ['unknown option', { login: 'demo' }, 'login'],
    ['number instead of options', 42, 'options'],
    ['array instead of options', ['demo'], 'options'],
  ]],
  ['partnersLogin', [
    ['options missing', undefined, 'login'],
    ['login missing', { password: 'demo' }, 'login'],
    ['login blank', { login: '   ', password: 'demo' }, 'login'],
    ['login an object', { login: { id: 24 }, password: 'demo' }, 'login'],
    ['login too long', { login: cyrillic(51), password: 'demo' }, 'login'],
    ['password missing', { login: 'antonina' }, 'password'],
    ['password and passwordMd5', { login: 'antonina', password: 'demo', passwordMd5: DEMO_PASSWORD_MD5 }, 'password'],
    ['password a number', { login: 'antonina', password: 1234 }, 'password'],
    ['passwordMd5 too short', { login: 'antonina', passwordMd5: 'FE01CE2A' }, 'passwordMd5'],
    ['passwordMd5 not hex', { login: 'antonina', passwordMd5: 'Z'.repeat(32) }, 'passwordMd5'],
    ['password misspelt', { login: 'antonina', pasword: 'demo' }, 'pasword'],
    ['number instead of options', 42, 'options'],
  ]],
  ['partnersPasswordResetCreate', [
    ['options missing', undefined, 'email'],
    ['email missing', {}, 'email'],
    ['email without at sign', { email: 'antonina.bk.ru' }, 'email'],
    ['email without domain dot', { email: 'antonina@bk' }, 'email'],
    ['email with space', { email: 'anto nina@bk.ru' }, 'email'],
    ['email a number', { email: 24 }, 'email'],
    ['email too long', { email: `${'a'.repeat(45)}@bk.ru` }, 'email'],
    ['email misspelt', { emial: 'antonina@bk.ru' }, 'emial'],
    ['string instead of options', 'antonina@bk.ru', 'options'],
  ]],
  ['partnersGet', [
    ['neither key', {}, 'partnersCode'],
    ['options missing', undefined, 'partnersCode'],
    ['both keys', { partnersCode: 24, id: '5518' }, 'partnersCode'],
    ['code a word', { partnersCode: 'двадцать четыре' }, 'partnersCode'],
    ['code with letters', { partnersCode: '24a' }, 'partnersCode'],
    ['code fractional', { partnersCode: 24.5 }, 'partnersCode'],
    ['code negative', { partnersCode: -24 }, 'partnersCode'],
    ['code zero', { partnersCode: 0 }, 'partnersCode'],
    ['code NaN', { partnersCode: Number.NaN }, 'partnersCode'],
    ['code beyond 32 bits', { partnersCode: 2 ** 31 }, 'partnersCode'],
    ['code a boolean', { partnersCode: true }, 'partnersCode'],
    ['code an object', { partnersCode: { code: 24 } }, 'partnersCode'],
    ['code a Date', { partnersCode: new Date(0) }, 'partnersCode'],
    ['id too long', { id: 'x'.repeat(21) }, 'id'],
    ['id an array', { id: ['5518'] }, 'id'],
    ['code misspelt', { partnerCode: 24 }, 'partnerCode'],
    ['array instead of options', [24], 'options'],
  ]],
  ['countriesListGet', noOptionRows],
  ['sexListGet', noOptionRows],
  ['phoneTypesListGet', noOptionRows],
  ['languagesListGet', noOptionRows],
  ['partnersGroupsListGet', noOptionRows],
  ['partnersCreate', [
    ['options missing', undefined, 'name'],
    ['name missing', without(registration, 'name'), 'name'],
    ['name blank', { ...registration, name: '  ' }, 'name'],
    ['name an object', { ...registration, name: { last: 'Кузнецова' } }, 'name'],
    ['name a boolean', { ...registration, name: false }, 'name'],
    ['name 151 Cyrillic characters', { ...registration, name: cyrillic(151) }, 'name'],
    ['firstName missing', without(registration, 'firstName'), 'firstName'],
    ['firstName too long', { ...registration, firstName: cyrillic(51) }, 'firstName'],
    ['patronymic too long', { ...registration, patronymic: cyrillic(51) }, 'patronymic'],
    ['email missing', without(registration, 'email'), 'email'],
    ['email invalid', { ...registration, email: 'new.partner@' }, 'email'],
    ['email2 invalid', { ...registration, email2: 'second' }, 'email2'],
    ['email misspelt', { ...without(registration, 'email'), emial: registration.email }, 'emial'],
    ['birthday missing', without(registration, 'birthday'), 'birthday'],
    ['birthday 31 February', { ...registration, birthday: '31.02.2000' }, 'birthday'],
    ['birthday 30 February ISO', { ...registration, birthday: '2000-02-30' }, 'birthday'],
    ['birthday invalid Date', { ...registration, birthday: new Date('x') }, 'birthday'],
    ['birthday fake Date', { ...registration, birthday: Object.create(Date.prototype) }, 'birthday'],
    ['birthday month 13', { ...registration, birthday: '11.13.1971' }, 'birthday'],
    ['birthday free text', { ...registration, birthday: 'вчера' }, 'birthday'],
    ['birthday before 1900', { ...registration, birthday: '1899-12-31' }, 'birthday'],
    ['birthday a number', { ...registration, birthday: 19711111 }, 'birthday'],
    ['passportIssueDate impossible', { ...registration, passportIssueDate: '29.02.2001' }, 'passportIssueDate'],
    ['inn too long', { ...registration, inn: '1234567890123' }, 'inn'],
    ['kpp too long', { ...registration, kpp: '1234567890' }, 'kpp'],
    ['info too long', { ...registration, info: cyrillic(501) }, 'info'],
    ['sex a word', { ...registration, sex: 'женский' }, 'sex'],
    ['sex fractional', { ...registration, sex: 1.5 }, 'sex'],
    ['country negative', { ...registration, country: -13 }, 'country'],
    ['languages a boolean', { ...registration, languages: true }, 'languages'],
    ['phoneTypes an array', { ...registration, phoneTypes: [1] }, 'phoneTypes'],
    ['flagEmailDoubleCheck yes', { ...registration, flagEmailDoubleCheck: 'yes' }, 'flagEmailDoubleCheck'],
    ['flagEmailDoubleCheck a number', { ...registration, flagEmailDoubleCheck: 1 }, 'flagEmailDoubleCheck'],
    ['password and passwordMd5', { ...registration, password: 'demo', passwordMd5: DEMO_PASSWORD_MD5 }, 'password'],
    ['passwordMd5 invalid', { ...registration, passwordMd5: 'not-a-hash' }, 'passwordMd5'],
    ['confirmation differs', { ...registration, password: 'demo', confirmPassword: 'dem0' }, 'confirmPassword'],
    ['confirmation alone', { ...registration, confirmPassword: 'demo' }, 'password'],
    ['array instead of options', [registration], 'options'],
  ]],
  ['currenciesList', noOptionRows],
  ['accountsListGet', [
    ['options missing', undefined, 'accountsShortName'],
    ['PLA without partnersCode', { accountsShortName: 'PLA', currencyCode: 1 }, 'partnersCode'],
    ['group missing', { partnersCode: 24, currencyCode: 1 }, 'accountsShortName'],
    ['group unknown', { accountsShortName: 'CASH', currencyCode: 1 }, 'accountsShortName'],
    ['group a number', { accountsShortName: 1, currencyCode: 1 }, 'accountsShortName'],
    ['currency missing', { accountsShortName: 'KASSA' }, 'currencyCode'],
    ['currency a word', { accountsShortName: 'KASSA', currencyCode: 'рубль' }, 'currencyCode'],
    ['partnersCode a word', { accountsShortName: 'PLA', partnersCode: 'Антонина', currencyCode: 1 }, 'partnersCode'],
    ['currency misspelt', { accountsShortName: 'KASSA', currency: 1 }, 'currency'],
    ['number instead of options', 42, 'options'],
  ]],
  ['finInCome', transferRows],
  ['finOutCome', transferRows],
];

/** Formats a row's options for assertion messages. */
function describeOptions(options) {
  if (options === undefined) {
    return 'undefined';
  }
  const describeValue = (key, value) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value);
  // A fake Date (one that only inherits Date.prototype) throws from toJSON, so it is
  // described by hand.
  const isFakeDate = (value) => {
    if (!(value instanceof Date)) {
      return false;
    }
    try {
      Date.prototype.getTime.call(value);
      return false;
    } catch {
      return true;
    }
  };
  const safeOptions = typeof options === 'object' && options !== null && !Array.isArray(options)
    ? Object.fromEntries(Object.entries(options).map(([key, value]) => [key, isFakeDate(value) ? '[fake Date]' : value]))
    : options;
  const text = JSON.stringify(safeOptions, describeValue);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

test('table covers fourteen operations', () => {
  const methods = table.map(([method]) => method);
  assert.equal(new Set(methods).size, 14);
  for (const method of methods) {
    assert.equal(typeof OksoftClient.prototype[method], 'function', method);
  }
});

for (const [method, rows] of table) {
  describe(method, () => {
    for (const [label, options, field] of rows) {
      test(label, async () => {
        const call = `${method}(${describeOptions(options)})`;
        const countBefore = await emulator.requestCount();
        const client = new OksoftClient(clientOptions);

        let error = null;
        try {
          await client[method](options);
        } catch (thrown) {
          error = thrown;
        }

        assert.ok(error instanceof OksoftError, `${call} rejects with an OksoftError, got ${error}`);
        assert.equal(error.kind, 'validation', call);
        assert.equal(error.field, field, call);
        assert.ok(error.message.includes(field), `${call}: message names ${field}: ${error.message}`);
        assert.equal(error.problems[0].field, field, call);
        assert.ok(error.problems[0].message.includes(field), `${call}: problem message names ${field}`);
        assert.equal(error.resultNumber, null, call);
        assert.equal(error.status, null, call);
        assert.equal(await emulator.requestCount(), countBefore, `${call} sent no request`);
      });
    }
  });
}

describe('problems list', () => {
  test('registration lists every problem', async () => {
    const client = new OksoftClient(clientOptions);
    const error = await client.partnersCreate({ name: cyrillic(151), email: 'x', birthday: '31.02.2000', sex: 'm' }).catch((thrown) => thrown);
    assert.ok(error instanceof OksoftError);
    const fields = error.problems.map((problem) => problem.field);
    assert.deepEqual(fields, ['name', 'firstName', 'sex', 'email', 'birthday']);
    const codes = error.problems.map((problem) => problem.code);
    assert.deepEqual(codes, ['too_long', 'missing_field', 'invalid_integer', 'invalid_email', 'invalid_date']);
  });

  test('too long counts characters', async () => {
    const client = new OksoftClient({ ...clientOptions, locale: 'en' });
    const error = await client.partnersCreate({ ...registration, name: cyrillic(151) }).catch((thrown) => thrown);
    assert.equal(error.code, 'too_long');
    assert.match(error.problems[0].message, /at most 150 characters allowed, got 151/);
  });

  test('misspelt option suggests the name', async () => {
    const client = new OksoftClient({ ...clientOptions, locale: 'en' });
    const error = await client.partnersPasswordResetCreate({ emial: 'antonina@bk.ru' }).catch((thrown) => thrown);
    assert.equal(error.code, 'unknown_field');
    assert.match(error.problems[0].message, /did you mean email\?/);
    assert.deepEqual(error.problems.map((problem) => problem.field), ['emial', 'email']);
  });

  test('150 Cyrillic characters accepted', async () => {
    const countBefore = await emulator.requestCount();
    const client = new OksoftClient(clientOptions);
    const created = await client.partnersCreate({ ...registration, name: cyrillic(150), email: `long.name.${process.pid}@example.ru` });
    assert.equal(typeof created.partnersCode, 'number');
    assert.equal(await emulator.requestCount(), countBefore + 2, 'UsersLogin and PartnersCreate were sent');
  });
});

describe('hostile options objects', () => {
  // A method that returns a promise must report every failure through it, so that
  // `await` and `.catch()` see it, even when reading the options object throws.
  const throwingGetter = {
    get partnersCode() {
      throw new Error('getter failed');
    },
  };
  const throwingProxy = new Proxy({}, {
    ownKeys() {
      throw new Error('ownKeys trap failed');
    },
  });
  const hostileOptions = [
    ['throwing getter', throwingGetter],
    ['throwing Proxy', throwingProxy],
  ];

  for (const [label, options] of hostileOptions) {
    test(`${label} rejects`, async () => {
      const countBefore = await emulator.requestCount();
      const client = new OksoftClient(clientOptions);

      let returned = null;
      let thrownSynchronously = null;
      try {
        returned = client.partnersGet(options);
      } catch (thrown) {
        thrownSynchronously = thrown;
      }

      assert.equal(thrownSynchronously, null, `partnersGet threw synchronously: ${thrownSynchronously}`);
      assert.equal(typeof returned?.then, 'function', 'partnersGet returned a promise');
      await assert.rejects(returned);
      assert.equal(await emulator.requestCount(), countBefore, 'no request reached the emulator');
    });
  }
});

describe('client constructor', () => {
  const constructorCases = [
    ['no options', undefined, ['baseUrl', 'login', 'password']],
    ['number instead of options', 42, ['options']],
    ['array instead of options', [clientOptions], ['options']],
    ['baseUrl without scheme', { ...clientOptions, baseUrl: '127.0.0.1:8080' }, ['baseUrl']],
    ['baseUrl with credentials', { ...clientOptions, baseUrl: 'http://user:pw@127.0.0.1' }, ['baseUrl']],
    ['baseUrl with unclosed IPv6 address', { ...clientOptions, baseUrl: 'http://[::1' }, ['baseUrl']],
    ['baseUrl with port 0', { ...clientOptions, baseUrl: 'http://127.0.0.1:0' }, ['baseUrl']],
    ['baseUrl a number', { ...clientOptions, baseUrl: 42 }, ['baseUrl']],
    ['login a number', { ...clientOptions, login: 42 }, ['login']],
    ['servicePath with dot segments', { ...clientOptions, servicePath: '/../../x' }, ['servicePath']],
    ['servicePath relative', { ...clientOptions, servicePath: 'api/Service' }, ['servicePath']],
    ['password and passwordMd5', { ...clientOptions, passwordMd5: DEMO_PASSWORD_MD5 }, ['password']],
    ['passwordMd5 not hex', { ...without(clientOptions, 'password'), passwordMd5: 'xyz' }, ['passwordMd5']],
    ['timeoutMs zero', { ...clientOptions, timeoutMs: 0 }, ['timeoutMs']],
    ['timeoutMs a string', { ...clientOptions, timeoutMs: '50' }, ['timeoutMs']],
    ['locale unknown', { ...clientOptions, locale: 'de' }, ['locale']],
    ['md5Case unknown', { ...clientOptions, md5Case: 'mixed' }, ['md5Case']],
    ['dateFormat unknown', { ...clientOptions, dateFormat: 'YYYY-MM-DD' }, ['dateFormat']],
    ['sendFormatJson a string', { ...clientOptions, sendFormatJson: 'yes' }, ['sendFormatJson']],
    ['shareLogin a number', { ...clientOptions, shareLogin: 0 }, ['shareLogin']],
    ['fetch not a function', { ...clientOptions, fetch: 'fetch' }, ['fetch']],
    ['option misspelt', { ...clientOptions, timeout: 50 }, ['timeout']],
    [
      'every problem listed',
      { baseUrl: 'localhost', timeoutMs: -1, locale: 'en', fetch: 1, timeout: 5, md5Case: 'x' },
      ['timeout', 'md5Case', 'baseUrl', 'login', 'password', 'timeoutMs', 'fetch'],
    ],
  ];

  for (const [label, options, fields] of constructorCases) {
    test(`constructor ${label}`, () => {
      const error = thrownBy(() => new OksoftClient(options));
      assert.ok(error instanceof OksoftError, `throws an OksoftError, got ${error}`);
      assert.equal(error.kind, 'validation');
      assert.equal(error.method, null);
      assert.deepEqual(error.problems.map((problem) => problem.field), fields);
      assert.equal(error.field, fields[0]);
      for (const field of fields) {
        assert.ok(error.message.includes(field), `message names ${field}: ${error.message}`);
      }
    });
  }

  test('constructor sends nothing', async () => {
    const countBefore = await emulator.requestCount();
    const client = new OksoftClient(clientOptions);
    assert.equal(client.locale, 'ru');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(await emulator.requestCount(), countBefore);
  });

  test('freed client rejects calls', async () => {
    const countBefore = await emulator.requestCount();
    const client = new OksoftClient(clientOptions);
    client.free();
    client.free();

    const call = client.sexListGet();

    assert.ok(call instanceof Promise, 'a call still returns a promise');
    await assert.rejects(call, /was freed; create a new one/);
    assert.throws(() => client.locale, /was freed/);
    assert.equal(await emulator.requestCount(), countBefore);
  });
});
