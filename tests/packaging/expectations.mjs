// Checks the result of runScenario() (scenario.mjs) in Node, for the Node cases and
// for the JSON that the browser pages write into the DOM.

import assert from 'node:assert/strict';

/** Throws an AssertionError naming the first value of `results` that is wrong. */
export function assertScenarioResults(results) {
  assert.equal(results.partnersCode, 24, 'partnersLogin returns partner code 24');
  assert.equal(results.fio, 'Кузнецова Антонина Петровна', 'partnersGet returns the fio of partner 24');
  assert.equal(results.md5OfDemo, 'FE01CE2A7FBAC8FAFAED7C982A04E229', 'md5Hex("demo")');

  const wrongPassword = results.wrongPassword;
  assert.ok(wrongPassword !== null, 'partnersLogin with a wrong password rejects');
  assert.equal(wrongPassword.isOksoftError, true, 'wrong password: error instanceof OksoftError');
  assert.equal(wrongPassword.isError, true, 'wrong password: error instanceof Error');
  assert.equal(wrongPassword.name, 'OksoftError', 'wrong password: error.name');
  assert.equal(wrongPassword.kind, 'auth', 'wrong password: error.kind');
  assert.equal(wrongPassword.code, 'partner_login_failed', 'wrong password: error.code');
  assert.equal(wrongPassword.method, 'PartnersLogin', 'wrong password: error.method');

  const invalidCode = results.invalidCode;
  assert.ok(invalidCode !== null, 'partnersGet with a non-numeric code rejects');
  assert.equal(invalidCode.isOksoftError, true, 'invalid code: error instanceof OksoftError');
  assert.equal(invalidCode.kind, 'validation', 'invalid code: error.kind');
  assert.equal(invalidCode.field, 'partnersCode', 'invalid code: error.field');
}
