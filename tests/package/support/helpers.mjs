// Seed data of the emulator and small assertions shared by the package tests.

import assert from 'node:assert/strict';

/** Integration account of the emulator's seed data. */
export const DEMO_LOGIN = 'demo';
export const DEMO_PASSWORD = 'demo';
/** Upper-case MD5 of `demo`, as the vendor guide's example URL shows it. */
export const DEMO_PASSWORD_MD5 = 'FE01CE2A7FBAC8FAFAED7C982A04E229';

/** Partner 24 of the vendor guide. */
export const PARTNER = {
  code: 24,
  id: '5518',
  login: 'antonina',
  password: 'demo',
  email: 'antonina@bk.ru',
  fio: 'Кузнецова Антонина Петровна',
};

/** The personal account of partner 24 and the two cash desks. */
export const PERSONAL_ACCOUNT = 15162;
export const CASH_DESK = 100;
export const ONLINE_CASH_DESK = 101;

/** Resolves to the error that `promise` rejects with, and fails the test if it resolves. */
export async function rejectionOf(promise) {
  let settled;
  try {
    settled = await promise;
  } catch (error) {
    return error;
  }
  assert.fail(`expected a rejection, got ${JSON.stringify(settled)}`);
}

/** Returns the error that `run` throws synchronously, and fails the test if it returns. */
export function thrownBy(run) {
  try {
    run();
  } catch (error) {
    return error;
  }
  assert.fail('expected an exception');
}

/** Asserts that `value` is a plain object, as JSON.parse would make it. */
export function assertPlainObject(value, label = 'value') {
  assert.equal(typeof value, 'object', `${label} is an object`);
  assert.notEqual(value, null, `${label} is not null`);
  assert.equal(Object.getPrototypeOf(value), Object.prototype, `${label} has Object.prototype`);
}

/** Returns a string unique within one test run, for e-mails and logins of new partners. */
export function uniqueSuffix() {
  uniqueSuffix.counter = (uniqueSuffix.counter ?? 0) + 1;
  return `${process.pid}x${Date.now().toString(36)}x${uniqueSuffix.counter}`;
}
