// Tests of the cabinet's visitor texts for rejected calls (www/visitor-errors.js), in
// Node: every error code of the package's declarations has a text in both languages.
//
//   node --test tests/e2e/

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { describeError, describeFieldProblem, formatWait, TEXT_KEY_BY_CODE } from '../../www/visitor-errors.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CYRILLIC = /[а-яё]/i;

/** Returns the members of the `ErrorCode` union in src/js/types.d.ts. */
async function declaredErrorCodes() {
  const declarations = await readFile(path.join(ROOT, 'src', 'js', 'types.d.ts'), 'utf8');
  const union = /export type ErrorCode =([\s\S]*?);/.exec(declarations);
  assert.ok(union !== null, 'src/js/types.d.ts declares export type ErrorCode');
  const codes = [...union[1].matchAll(/'([a-z_]+)'/g)].map((match) => match[1]);
  assert.ok(codes.length > 0, 'the ErrorCode union has members');
  return codes;
}

describe('cabinet visitor texts for errors', () => {
  test('every declared code has a text', async () => {
    for (const code of await declaredErrorCodes()) {
      assert.ok(Object.hasOwn(TEXT_KEY_BY_CODE, code), `TEXT_KEY_BY_CODE has no entry for ${code}`);
    }
  });

  test('texts match the language', async () => {
    for (const code of Object.keys(TEXT_KEY_BY_CODE)) {
      const error = { kind: 'api', code, message: `developer message of ${code}` };
      const russian = describeError(error, 'ru');
      const english = describeError(error, 'en');
      assert.match(russian, CYRILLIC, `Russian text of ${code}: "${russian}"`);
      assert.doesNotMatch(english, CYRILLIC, `English text of ${code}: "${english}"`);
      assert.ok(!russian.includes(error.message), `Russian text of ${code} repeats the message`);
      assert.ok(!english.includes(error.message), `English text of ${code} repeats the message`);
    }
  });

  test('rate limit states the wait', () => {
    const error = { kind: 'http', code: 'rate_limited', message: 'too many attempts; retry in 900 s' };
    assert.match(describeError(error, 'ru', { retryAfterSeconds: 900 }), /через 15 минут\./);
    assert.match(describeError(error, 'en', { retryAfterSeconds: 900 }), /in 15 minutes\./);
    assert.doesNotMatch(describeError(error, 'ru'), /\d/, 'without Retry-After no wait is named');
    assert.doesNotMatch(describeError(error, 'en'), /\d/, 'without Retry-After no wait is named');
  });

  test('waits use plural forms', () => {
    const cases = [
      [1, '1 секунду', '1 second'],
      [3, '3 секунды', '3 seconds'],
      [45, '45 секунд', '45 seconds'],
      [60, '1 минуту', '1 minute'],
      [61, '2 минуты', '2 minutes'],
      [21 * 60, '21 минуту', '21 minutes'],
      [900, '15 минут', '15 minutes'],
    ];
    for (const [seconds, russian, english] of cases) {
      assert.equal(formatWait(seconds, 'ru'), russian, `${seconds} s in Russian`);
      assert.equal(formatWait(seconds, 'en'), english, `${seconds} s in English`);
    }
  });

  test('unknown outcome warns against repeating', () => {
    const registration = { kind: 'outcome_unknown', code: 'timeout', method: 'PartnersCreate', message: '' };
    const other = { kind: 'outcome_unknown', code: 'timeout', method: 'PartnersLogin', message: '' };
    const timeout = { kind: 'timeout', code: 'timeout', method: 'PartnersLogin', message: '' };
    assert.notEqual(describeError(registration, 'en'), describeError(other, 'en'));
    assert.notEqual(describeError(other, 'en'), describeError(timeout, 'en'));
    assert.match(describeError(registration, 'en'), /sign in/);
    assert.match(describeError(registration, 'ru'), /войти/);
  });

  test('unknown code falls back by kind', () => {
    const network = { kind: 'network', code: 'network_error', message: '' };
    const newNetworkCode = { kind: 'network', code: 'code_from_a_later_version', message: '' };
    assert.equal(describeError(newNetworkCode, 'en'), describeError(network, 'en'));
    assert.equal(describeError(newNetworkCode, 'ru'), describeError(network, 'ru'));

    const unexpected = describeError(new TypeError('x is not a function'), 'en');
    assert.equal(describeError({ kind: 'new_kind', code: 'new_code', message: '' }, 'en'), unexpected);
    assert.equal(describeError(null, 'en'), unexpected);
  });

  test('prototype member names fall back', () => {
    const unexpected = describeError({ kind: 'new_kind', code: 'new_code', message: '' }, 'en');
    const network = describeError({ kind: 'network', code: 'network_error', message: '' }, 'en');
    for (const name of ['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty']) {
      assert.equal(describeError({ kind: 'api', code: name, message: '' }, 'en'), unexpected, `code ${name}`);
      assert.equal(describeError({ kind: name, code: name, message: '' }, 'ru'), describeError({ kind: 'new_kind', code: 'new_code' }, 'ru'), `kind ${name}`);
      assert.equal(describeError({ kind: 'network', code: name, message: '' }, 'en'), network, `code ${name} of kind network`);
    }
  });

  test('unknown locale reads as Russian', () => {
    const error = { kind: 'auth', code: 'partner_login_failed', message: '' };
    assert.equal(describeError(error, 'de'), describeError(error, 'ru'));
  });

  test('field problems by code', () => {
    const email = { field: 'email', code: 'invalid_email', message: 'email: "x" is not an e-mail address (name@domain)' };
    assert.match(describeFieldProblem(email, 'ru'), CYRILLIC);
    assert.doesNotMatch(describeFieldProblem(email, 'en'), CYRILLIC);
    assert.notEqual(describeFieldProblem(email, 'en'), email.message);

    const unknown = { field: 'email', code: 'code_from_a_later_version', message: '' };
    const other = { field: 'email', code: 'invalid_md5', message: '' };
    assert.equal(describeFieldProblem(unknown, 'en'), describeFieldProblem(other, 'en'));
  });

  test('too long names the limit', () => {
    const problem = { field: 'name', code: 'too_long', message: '' };
    assert.match(describeFieldProblem(problem, 'ru', { maxLength: 150 }), /не больше 150 символов\./);
    assert.match(describeFieldProblem(problem, 'ru', { maxLength: 21 }), /не больше 21 символа\./);
    assert.match(describeFieldProblem(problem, 'en', { maxLength: 150 }), /at most 150 characters\./);
    assert.match(describeFieldProblem(problem, 'en', { maxLength: 1 }), /at most 1 character\./);
    assert.doesNotMatch(describeFieldProblem(problem, 'en'), /\d/, 'without a limit no number is named');
  });
});
