// Every OKsoft operation through the installed package against the emulator: its
// success result and the documented error of each, as plain JS values.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';

import { startEmulator } from './support/emulator.mjs';
import {
  assertPlainObject,
  CASH_DESK,
  DEMO_LOGIN,
  DEMO_PASSWORD,
  DEMO_PASSWORD_MD5,
  ONLINE_CASH_DESK,
  PARTNER,
  PERSONAL_ACCOUNT,
  rejectionOf,
  thrownBy,
  uniqueSuffix,
} from './support/helpers.mjs';
import { loadPackage } from './support/package.mjs';

const { esm, cjs } = await loadPackage();
const { OksoftClient, OksoftError, md5Hex } = esm;
const emulator = await startEmulator();

function newClient(options = {}) {
  return new OksoftClient({ baseUrl: emulator.baseUrl, login: DEMO_LOGIN, password: DEMO_PASSWORD, ...options });
}

const client = newClient();

/** Asserts the fields every OKsoft error envelope maps to. */
function assertOksoftError(error, { kind, code, method }) {
  assert.ok(error instanceof OksoftError, 'instanceof OksoftError');
  assert.ok(error instanceof Error, 'instanceof Error');
  assert.equal(error.name, 'OksoftError');
  assert.equal(error.kind, kind);
  assert.equal(error.code, code);
  assert.equal(error.method, method);
}

/** Reads the `stock` of one account in one currency through the package. */
async function stockOf(accountsShortName, accountCode, currencyCode) {
  const options = { accountsShortName, currencyCode };
  if (accountsShortName === 'PLA') {
    options.partnersCode = PARTNER.code;
  }
  const accounts = await client.accountsListGet(options);
  const account = accounts.find((entry) => entry.code === accountCode);
  assert.ok(account, `account ${accountCode} is listed`);
  return account.stock;
}

/** Builds a registration that the emulator accepts, unique per call. */
function newRegistration() {
  const suffix = uniqueSuffix();
  return {
    name: 'Петрова',
    firstName: 'Мария',
    patronymic: 'Ивановна',
    email: `maria.${suffix}@example.ru`,
    login: `maria-${suffix}`.slice(0, 50),
    birthday: '1985-03-14',
    password: 'Kp7-xQ2!',
    city: 'Таганрог',
    sex: 2,
  };
}

describe('package entry points', () => {
  test('import and require share classes', () => {
    assert.equal(esm.OksoftClient, cjs.OksoftClient);
    assert.equal(esm.OksoftError, cjs.OksoftError);
    assert.equal(esm.md5Hex, cjs.md5Hex);
  });

  test('require flavour calls the emulator', async () => {
    const required = new cjs.OksoftClient({ baseUrl: emulator.baseUrl, login: DEMO_LOGIN, password: DEMO_PASSWORD });
    const sexes = await required.sexListGet();
    assert.deepEqual(sexes.map((entry) => entry.code), [1, 2, 3, 4]);
    const error = await rejectionOf(required.partnersGet({ partnersCode: 999_999 }));
    assert.ok(error instanceof esm.OksoftError, 'error of a require() client is the import() class');
  });

  test('OksoftError is an Error subclass', () => {
    assert.equal(typeof OksoftError, 'function');
    assert.equal(Object.getPrototypeOf(OksoftError.prototype), Error.prototype);
  });

  test('md5Hex upper and lower case', () => {
    assert.equal(md5Hex('demo'), DEMO_PASSWORD_MD5);
    assert.equal(md5Hex('demo', 'lower'), DEMO_PASSWORD_MD5.toLowerCase());
    const utf8Md5 = createHash('md5').update('Пароль: ключ 😀', 'utf8').digest('hex');
    assert.equal(md5Hex('Пароль: ключ 😀'), utf8Md5.toUpperCase());
  });

  test('md5Hex invalid letter case', () => {
    const error = thrownBy(() => md5Hex('demo', 'mixed'));
    assert.ok(error instanceof OksoftError);
    assert.equal(error.kind, 'validation');
    assert.equal(error.field, 'letterCase');
  });
});

describe('UsersLogin', () => {
  test('usersLogin success', async () => {
    const result = await newClient().usersLogin();
    assertPlainObject(result);
    assert.deepEqual(result, { resultNumber: 1, resultText: 'OK' });
  });

  test('usersLogin with passwordMd5', async () => {
    const hashed = newClient({ password: undefined, passwordMd5: DEMO_PASSWORD_MD5.toLowerCase() });
    const result = await hashed.usersLogin();
    assert.equal(result.resultNumber, 1);
  });

  test('usersLogin wrong password', async () => {
    const error = await rejectionOf(newClient({ password: 'wrong' }).usersLogin());
    assertOksoftError(error, { kind: 'auth', code: 'service_login_failed', method: 'UsersLogin' });
    assert.equal(error.resultNumber, -1);
    assert.equal(error.resultText, 'Неправильный логин или пароль');
    assert.equal(error.status, null);
  });

  test('lazy login failure rejects the call', async () => {
    const error = await rejectionOf(newClient({ login: 'nobody' }).countriesListGet());
    assertOksoftError(error, { kind: 'auth', code: 'service_login_failed', method: 'UsersLogin' });
  });

  test('one login serves concurrent calls', async () => {
    const before = await emulator.requestCount();
    const fresh = newClient();
    await Promise.all([fresh.sexListGet(), fresh.phoneTypesListGet(), fresh.countriesListGet()]);
    const { requests } = await emulator.requests();
    const logins = requests.slice(before).filter((request) => request.operation === 'UsersLogin');
    assert.equal(logins.length, 1);
  });

  test('ticket renewed after emulator reset', async () => {
    const own = await startEmulator();
    const renewing = new OksoftClient({ baseUrl: own.baseUrl, login: DEMO_LOGIN, password: DEMO_PASSWORD });
    await renewing.usersLogin();
    await own.reset();

    const countries = await renewing.countriesListGet();
    assert.ok(countries.length > 0);
    const operations = (await own.requests()).requests.map((request) => request.operation);
    assert.deepEqual(operations, ['CountriesListGet', 'UsersLogin', 'CountriesListGet']);
  });
});

describe('PartnersLogin', () => {
  for (const [label, login] of [['external Id', PARTNER.id], ['login', PARTNER.login]]) {
    test(`partnersLogin by ${label}`, async () => {
      const session = await client.partnersLogin({ login, password: PARTNER.password });
      assertPlainObject(session);
      assert.equal(session.partnersCode, PARTNER.code);
      assert.equal(session.fio, PARTNER.fio);
      assert.match(session.partnersTicket, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.equal(session.resultText, 'Ok');
    });
  }

  test('partnersLogin with passwordMd5', async () => {
    const session = await client.partnersLogin({ login: PARTNER.login, passwordMd5: md5Hex(PARTNER.password) });
    assert.equal(session.partnersCode, PARTNER.code);
  });

  test('partnersLogin wrong password', async () => {
    const error = await rejectionOf(client.partnersLogin({ login: PARTNER.login, password: 'wrong' }));
    assertOksoftError(error, { kind: 'auth', code: 'partner_login_failed', method: 'PartnersLogin' });
    assert.equal(error.resultNumber, -1);
    assert.equal(error.resultText, 'Покупатель не найден/Неверный пароль');
  });
});

describe('PartnersPasswordResetCreate', () => {
  test('reset known e-mail', async () => {
    const result = await client.partnersPasswordResetCreate({ email: PARTNER.email });
    assertPlainObject(result);
    assert.equal(result.resultNumber, 1);
    assert.equal(result.resultText, 'Успешный запрос восстановления пароля');
    const { passwordResets } = await emulator.passwordResets();
    const last = passwordResets.at(-1);
    assert.equal(last.email, PARTNER.email);
    assert.equal(last.partnersCode, PARTNER.code);
  });

  test('reset unknown e-mail', async () => {
    const error = await rejectionOf(client.partnersPasswordResetCreate({ email: 'nobody@example.ru' }));
    assertOksoftError(error, { kind: 'api', code: 'email_not_registered', method: 'PartnersPasswordResetCreate' });
    assert.equal(error.resultNumber, -1);
    assert.equal(error.resultText, 'Пользователь с данным E-mail не зарегистрирован');
  });
});

describe('PartnersGet', () => {
  test('partnersGet guide example', async () => {
    const partner = await client.partnersGet({ partnersCode: PARTNER.code });
    assertPlainObject(partner);
    assert.equal(partner.code, 24);
    assert.equal(partner.id, '5518');
    assert.equal(partner.login, null);
    assert.equal(partner.fio, PARTNER.fio);
    assert.equal(partner.name, 'Кузнецова');
    assert.equal(partner.firstName, 'Антонина');
    assert.equal(partner.patronymic, 'Петровна');
    assert.equal(partner.email, PARTNER.email);
    assert.equal(partner.phone, '9895000345');
    assert.equal(partner.phone2, '8-495-424-56-89');
    assert.equal(partner.city, 'Таганрог');
    assert.equal(partner.info, 'хороший клиент');
    assert.equal(partner.createDate, null);
    assert.equal(partner.registrationAllowed, false);
    assert.equal(partner.serviceStop, null);
    assert.equal(partner.sponsorCode, 3);
    assert.equal(partner.webAlias, '123123123');
  });

  test('partnersGet nested values', async () => {
    const partner = await client.partnersGet({ partnersCode: PARTNER.code });
    assert.ok(Array.isArray(partner.partnersGroupsList));
    assert.deepEqual(partner.partnersGroupsList, [
      { code: 2, name: 'Дистрибьютор', checked: true },
      { code: 108, name: 'Купил стартовый пакет', checked: true },
    ]);
    for (const group of partner.partnersGroupsList) {
      assertPlainObject(group, 'group');
    }
    assertPlainObject(partner.sex, 'sex');
    assert.deepEqual(partner.sex, { code: 2, name: 'Женский' });
  });

  test('partnersGet by code string', async () => {
    const partner = await client.partnersGet({ partnersCode: '24' });
    assert.equal(partner.code, 24);
  });

  test('partnersGet by external Id', async () => {
    const partner = await client.partnersGet({ id: PARTNER.id });
    assert.equal(partner.code, PARTNER.code);
  });

  test('partnersGet createDate of sponsor', async () => {
    const sponsor = await client.partnersGet({ partnersCode: 3 });
    assert.ok(sponsor.createDate instanceof Date);
    assert.equal(sponsor.createDate.getTime(), 1_262_427_133_000);
  });

  test('partnersGet unknown code', async () => {
    const error = await rejectionOf(client.partnersGet({ partnersCode: 999_999 }));
    assertOksoftError(error, { kind: 'api', code: 'partner_not_found', method: 'PartnersGet' });
    assert.equal(error.resultNumber, -1);
    assert.equal(error.resultText, 'Контрагент не найден');
  });

  test('partnersGet unknown Id empty body', async () => {
    const error = await rejectionOf(client.partnersGet({ id: 'no-such-id' }));
    assertOksoftError(error, { kind: 'api', code: 'partner_not_found', method: 'PartnersGet' });
    assert.equal(error.resultNumber, null);
    assert.equal(error.resultText, null);
  });
});

describe('directories', () => {
  test('countriesListGet', async () => {
    const countries = await client.countriesListGet();
    assert.ok(Array.isArray(countries));
    assert.deepEqual(countries.slice(0, 3), [
      { code: 13, name: 'Россия', kod: null },
      { code: 17, name: 'Белоруссия', kod: null },
      { code: 20, name: 'Украина', kod: null },
    ]);
    for (const country of countries) {
      assertPlainObject(country, `country ${country.code}`);
    }
  });

  test('sexListGet', async () => {
    const sexes = await client.sexListGet();
    assert.deepEqual(sexes, [
      { code: 1, name: 'Мужской' },
      { code: 2, name: 'Женский' },
      { code: 3, name: 'Организация' },
      { code: 4, name: ' ' },
    ]);
    assertPlainObject(sexes[0]);
  });

  test('phoneTypesListGet', async () => {
    const phoneTypes = await client.phoneTypesListGet();
    assert.deepEqual(phoneTypes.map((entry) => entry.code), [1, 2, 3, 4, 5, 6]);
    assert.equal(phoneTypes[0].name, 'Мобильный');
    assert.equal(phoneTypes[5].name, 'Муж');
    assertPlainObject(phoneTypes[0]);
  });

  test('languagesListGet', async () => {
    const languages = await client.languagesListGet();
    assert.equal(languages.length, 3);
    assert.deepEqual(languages[0], {
      code: 1,
      alias: 'ru',
      name: 'Русский',
      sortOrder: 1,
      isDefault: true,
      systemKey: 'русский',
      culture: 'ru-RU',
      foreignName: 'Русский',
      isoName: 'RUS',
      flagIcon: 'ru.png',
    });
    assert.equal(languages[2].isDefault, false);
    assertPlainObject(languages[0]);
  });

  test('partnersGroupsListGet', async () => {
    const groups = await client.partnersGroupsListGet();
    assert.deepEqual(groups, [
      { code: 1, name: 'Customer', checked: false },
      { code: 2, name: 'Distributor', checked: false },
      { code: 3, name: ' Client', checked: false },
      { code: 4, name: 'Купил стартовый товар', checked: false },
    ]);
    assertPlainObject(groups[0]);
  });

  test('currenciesList', async () => {
    const currencies = await client.currenciesList();
    assert.deepEqual(currencies.map((entry) => entry.code), [3, 1, 6]);
    assert.deepEqual(currencies[0], {
      code: 3,
      name: 'Доллар ',
      fullName: '',
      shortName: '$ ',
      colorRgb: '0,128, 0',
      color: '#008000',
      rate: null,
    });
    assert.equal(currencies[1].color, '#0080ff');
    assert.equal(currencies[2].color, '#800000');
    assertPlainObject(currencies[0]);
  });
});

describe('AccountsListGet', () => {
  test('seeded personal balances', async () => {
    assert.equal(await stockOf('PLA', PERSONAL_ACCOUNT, 1), '1.00');
    assert.equal(await stockOf('PLA', PERSONAL_ACCOUNT, 3), '250.00');
    assert.equal(await stockOf('PLA', PERSONAL_ACCOUNT, 6), '1234.50');
  });

  test('personal account fields', async () => {
    const accounts = await client.accountsListGet({ accountsShortName: 'PLA', partnersCode: PARTNER.code, currencyCode: 6 });
    assert.ok(Array.isArray(accounts));
    assert.equal(accounts.length, 1);
    assertPlainObject(accounts[0]);
    assert.deepEqual(accounts[0], { code: PERSONAL_ACCOUNT, longName: 'ЛСК', shortName: 'PLA', stock: '1234.50' });
  });

  test('cash desks listed', async () => {
    const desks = await client.accountsListGet({ accountsShortName: 'KASSA', currencyCode: 1 });
    assert.deepEqual(desks.map((desk) => desk.code), [CASH_DESK, ONLINE_CASH_DESK]);
    assert.ok(desks.every((desk) => desk.shortName === 'KASSA'));
  });

  test('group name in lower case', async () => {
    const accounts = await client.accountsListGet({ accountsShortName: 'pla', partnersCode: PARTNER.code, currencyCode: 3 });
    assert.equal(accounts[0].code, PERSONAL_ACCOUNT);
  });

  test('unknown partner is an api error', async () => {
    const error = await rejectionOf(client.accountsListGet({ accountsShortName: 'PLA', partnersCode: 999_999, currencyCode: 1 }));
    assertOksoftError(error, { kind: 'api', code: 'api_error', method: 'AccountsListGet' });
    assert.equal(error.resultNumber, -1);
  });
});

describe('FinInCome and FinOutCome', () => {
  const transfer = (overrides) => ({
    validationTransaction: 'transaction',
    accountsRsCode: PERSONAL_ACCOUNT,
    accountsKsCode: CASH_DESK,
    currencyCode: 1,
    comment: 'тест пакета',
    ...overrides,
  });

  test('finInCome validation changes nothing', async () => {
    const personalBefore = await stockOf('PLA', PERSONAL_ACCOUNT, 1);
    const deskBefore = await stockOf('KASSA', CASH_DESK, 1);
    const ledgerBefore = (await emulator.ledger()).transactions.length;

    const result = await client.finInCome(transfer({ validationTransaction: 'validation', amount: '10.00' }));
    assertPlainObject(result);
    assert.equal(result.resultNumber, 1);
    assert.equal(result.transactionNumber, null);

    assert.equal(await stockOf('PLA', PERSONAL_ACCOUNT, 1), personalBefore);
    assert.equal(await stockOf('KASSA', CASH_DESK, 1), deskBefore);
    assert.equal((await emulator.ledger()).transactions.length, ledgerBefore);
  });

  test('finInCome transaction posts', async () => {
    const personalBefore = Number(await stockOf('PLA', PERSONAL_ACCOUNT, 1));
    const deskBefore = Number(await stockOf('KASSA', CASH_DESK, 1));

    const result = await client.finInCome(transfer({ amount: 10.5 }));
    assert.equal(result.resultNumber, 1);
    assert.equal(typeof result.transactionNumber, 'number');
    assert.equal(result.resultText, `Транзакция № ${result.transactionNumber}`);

    assert.equal(await stockOf('PLA', PERSONAL_ACCOUNT, 1), (personalBefore + 10.5).toFixed(2));
    assert.equal(await stockOf('KASSA', CASH_DESK, 1), (deskBefore + 10.5).toFixed(2));
    const posted = (await emulator.ledger()).transactions.at(-1);
    assert.equal(posted.number, result.transactionNumber);
    assert.equal(posted.operation, 'FinInCome');
    assert.equal(posted.amount, '10.50');
  });

  test('amount sent with two decimals', async () => {
    await client.finInCome(transfer({ validationTransaction: 'validation', amount: 7 }));
    const { requests } = await emulator.requests();
    assert.equal(requests.at(-1).params.Amount, '7.00');
  });

  test('finOutCome transaction posts', async () => {
    const personalBefore = Number(await stockOf('PLA', PERSONAL_ACCOUNT, 6));
    const result = await client.finOutCome(transfer({ currencyCode: 6, amount: '0.50', accountsKsCode: ONLINE_CASH_DESK }));
    assert.equal(result.resultNumber, 1);
    assert.equal(typeof result.transactionNumber, 'number');
    assert.equal(await stockOf('PLA', PERSONAL_ACCOUNT, 6), (personalBefore - 0.5).toFixed(2));
    const posted = (await emulator.ledger()).transactions.at(-1);
    assert.equal(posted.number, result.transactionNumber);
    assert.equal(posted.operation, 'FinOutCome');
  });

  test('finOutCome validation of overdraft', async () => {
    const error = await rejectionOf(client.finOutCome(transfer({ validationTransaction: 'validation', amount: '1000000.00' })));
    assertOksoftError(error, { kind: 'api', code: 'insufficient_funds', method: 'FinOutCome' });
  });

  test('finOutCome overdraft', async () => {
    const personalBefore = await stockOf('PLA', PERSONAL_ACCOUNT, 3);
    const ledgerBefore = (await emulator.ledger()).transactions.length;

    const error = await rejectionOf(client.finOutCome(transfer({ currencyCode: 3, amount: '1000000.00' })));
    assertOksoftError(error, { kind: 'api', code: 'insufficient_funds', method: 'FinOutCome' });
    assert.equal(error.resultNumber, -1);
    assert.equal(error.resultText, 'Сумма больше остатка на счете');

    assert.equal(await stockOf('PLA', PERSONAL_ACCOUNT, 3), personalBefore);
    assert.equal((await emulator.ledger()).transactions.length, ledgerBefore);
  });

  test('unknown cash desk is an api error', async () => {
    const error = await rejectionOf(client.finInCome(transfer({ validationTransaction: 'validation', amount: 1, accountsKsCode: 999 })));
    assertOksoftError(error, { kind: 'api', code: 'api_error', method: 'FinInCome' });
    assert.match(error.resultText, /999/);
  });
});

describe('PartnersCreate', () => {
  test('registration round trip', async () => {
    const registration = newRegistration();
    const startedAt = Date.now();

    const created = await client.partnersCreate(registration);
    assertPlainObject(created);
    assert.equal(typeof created.partnersCode, 'number');
    assert.ok(created.partnersCode >= 1059, `new code ${created.partnersCode}`);
    assert.equal(created.resultText, 'Новый партнер успешно создан');

    const session = await client.partnersLogin({ login: registration.login, password: registration.password });
    assert.equal(session.partnersCode, created.partnersCode);
    assert.equal(session.fio, 'Петрова Мария Ивановна');

    const partner = await client.partnersGet({ partnersCode: created.partnersCode });
    assert.equal(partner.email, registration.email);
    assert.equal(partner.login, registration.login);
    assert.equal(partner.city, 'Таганрог');
    assert.deepEqual(partner.sex, { code: 2, name: 'Женский' });
    assert.ok(partner.createDate instanceof Date, 'createDate is a Date');
    assert.ok(Math.abs(partner.createDate.getTime() - startedAt) < 60_000, `createDate ${partner.createDate.toISOString()}`);
  });

  test('new partner has an empty account', async () => {
    const created = await client.partnersCreate(newRegistration());
    const accounts = await client.accountsListGet({ accountsShortName: 'PLA', partnersCode: created.partnersCode, currencyCode: 1 });
    assert.equal(accounts.length, 1);
    assert.equal(accounts[0].stock, '0.00');
  });

  test('registration sent as a form', async () => {
    await client.partnersCreate(newRegistration());
    const { requests } = await emulator.requests();
    const last = requests.at(-1);
    assert.equal(last.operation, 'PartnersCreate');
    assert.equal(last.method, 'POST');
    assert.equal(last.params.Birthday, '14-03-1985');
    assert.equal(last.params.Password, '***');
    assert.equal(last.params.ConfirmPassword, '***');
  });

  test('duplicate registration', async () => {
    const error = await rejectionOf(client.partnersCreate({ ...newRegistration(), email: PARTNER.email }));
    assertOksoftError(error, { kind: 'api', code: 'registration_rejected', method: 'PartnersCreate' });
    assert.equal(error.resultNumber, -1);
    assert.equal(error.resultText, 'Контрагент с таким E-mail уже зарегистрирован');
  });

  test('registration rejected by server rules', async () => {
    const error = await rejectionOf(client.partnersCreate({ ...newRegistration(), name: 'R2-D2' }));
    assertOksoftError(error, { kind: 'api', code: 'registration_rejected', method: 'PartnersCreate' });
    assert.match(error.resultText, /Найдены ошибки в полях/);
  });
});

describe('service path', () => {
  for (const servicePath of ['/api/Service', '/api/Service.svc', '/api/Service.svc/']) {
    test(`servicePath ${servicePath}`, async () => {
      const before = await emulator.requestCount();
      const currencies = await newClient({ servicePath }).currenciesList();
      assert.equal(currencies.length, 3);

      const { requests } = await emulator.requests();
      const paths = requests.slice(before).map((request) => request.path);
      const prefix = servicePath.replace(/\/$/, '');
      assert.deepEqual(paths, [`${prefix}/UsersLogin`, `${prefix}/CurrenciesList`]);
    });
  }

  test('login falls back to UserLogin', async () => {
    const seenPaths = [];
    const fetchWithout = async (url, init) => {
      const { pathname } = new URL(url);
      seenPaths.push(pathname);
      if (pathname.endsWith('/UsersLogin')) {
        return new Response('not found', { status: 404 });
      }
      return fetch(url, init);
    };
    const sexes = await newClient({ fetch: fetchWithout }).sexListGet();
    assert.equal(sexes.length, 4);
    assert.deepEqual(seenPaths, ['/api/Service/UsersLogin', '/api/Service/UserLogin', '/api/Service/SexListGet']);
  });
});

describe('locale', () => {
  test('default locale is Russian', async () => {
    const russian = newClient();
    assert.equal(russian.locale, 'ru');
    const error = await rejectionOf(russian.partnersGet({ partnersCode: 999_999 }));
    assert.match(error.message, /^PartnersGet: контрагент не найден/);
    assert.match(error.message, /«Контрагент не найден»/);
  });

  test('English messages', async () => {
    const english = newClient({ locale: 'en' });
    assert.equal(english.locale, 'en');
    const error = await rejectionOf(english.partnersGet({ partnersCode: 999_999 }));
    assert.match(error.message, /^PartnersGet: partner not found/);
    assert.equal(error.resultText, 'Контрагент не найден', 'the server text stays as sent');
  });

  test('English validation messages', async () => {
    const error = await rejectionOf(newClient({ locale: 'en' }).partnersGet({ partnersCode: 'abc' }));
    assert.match(error.message, /invalid input, nothing was sent/);
    assert.match(error.problems[0].message, /^partnersCode: expected a positive integer, got "abc"$/);
  });

  test('Russian validation messages', async () => {
    const error = await rejectionOf(newClient().partnersGet({ partnersCode: 'abc' }));
    assert.match(error.message, /неверные параметры, запрос не отправлен/);
    assert.match(error.problems[0].message, /^partnersCode: ожидается целое положительное число, передано "abc"$/);
  });

  test('English constructor errors', () => {
    const error = thrownBy(() => new OksoftClient({ baseUrl: emulator.baseUrl, locale: 'en' }));
    assert.ok(error instanceof OksoftError);
    assert.match(error.message, /^client options: invalid input/);
  });
});
