// The result interfaces in the package's TypeScript declarations list exactly the fields
// the client returns, so the types cannot drift from the objects built in Rust.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { startEmulator } from './support/emulator.mjs';
import { DEMO_LOGIN, DEMO_PASSWORD, PARTNER, PERSONAL_ACCOUNT, CASH_DESK } from './support/helpers.mjs';
import { loadPackage } from './support/package.mjs';

const { esm, projectDir } = await loadPackage();
const { OksoftClient } = esm;
const declarations = readFileSync(path.join(projectDir, 'node_modules', 'oksoft-client', 'web', 'oksoft_client.d.ts'), 'utf8');
const emulator = await startEmulator();
const client = new OksoftClient({ baseUrl: emulator.baseUrl, login: DEMO_LOGIN, password: DEMO_PASSWORD });

/** Field names of `export interface NAME { ... }`, comments left out. */
function interfaceFields(name) {
  const start = declarations.indexOf(`export interface ${name} {`);
  assert.ok(start >= 0, `interface ${name} is declared`);
  const open = declarations.indexOf('{', start);
  let depth = 0;
  let close = open;
  for (; close < declarations.length; close += 1) {
    depth += declarations[close] === '{' ? 1 : declarations[close] === '}' ? -1 : 0;
    if (depth === 0) {
      break;
    }
  }
  const body = declarations.slice(open + 1, close);
  const withoutComments = body.replace(/\/\*\*[\s\S]*?\*\//g, '');
  return [...withoutComments.matchAll(/(\w+)\??:/g)].map((match) => match[1]).sort();
}

const fin = { validationTransaction: 'validation', accountsRsCode: PERSONAL_ACCOUNT, accountsKsCode: CASH_DESK, amount: 1, currencyCode: 1 };

const cases = [
  ['Acknowledgement', () => client.usersLogin()],
  ['PartnerSession', () => client.partnersLogin({ login: PARTNER.id, password: PARTNER.password })],
  ['Partner', () => client.partnersGet({ partnersCode: PARTNER.code })],
  ['Country', async () => (await client.countriesListGet())[0]],
  ['CodeName', async () => (await client.sexListGet())[0]],
  ['Language', async () => (await client.languagesListGet())[0]],
  ['PartnersGroup', async () => (await client.partnersGroupsListGet())[0]],
  ['Currency', async () => (await client.currenciesList())[0]],
  ['Account', async () => (await client.accountsListGet({ accountsShortName: 'PLA', partnersCode: PARTNER.code, currencyCode: 1 }))[0]],
  ['FinResult', () => client.finInCome(fin)],
];

for (const [name, call] of cases) {
  test(`${name} fields match`, async () => {
    const result = await call();
    assert.deepEqual(Object.keys(result).sort(), interfaceFields(name));
  });
}

test('PartnerCreated fields match', async () => {
  const suffix = `${process.pid}${Date.now()}`;
  const created = await client.partnersCreate({
    name: 'Проверка',
    firstName: 'Типов',
    email: `types.${suffix}@example.ru`,
    birthday: '1990-01-01',
  });
  assert.deepEqual(Object.keys(created).sort(), interfaceFields('PartnerCreated'));
});
