// End-to-end tests of the partner cabinet in www/: the emulator, the demo server with
// the package's partner gateway, and the page in headless Chromium on a phone-sized
// screen. Screenshots of every view go to test-output/e2e/.
//
//   node --test tests/e2e/
//
// Needs the built package in pkg/ (scripts/build-package.sh), the emulator binary
// ($OKSOFT_EMULATOR_BIN, by default the debug build under ~/.cache/oksoft-client),
// playwright-core under $OKSOFT_PACKAGING_TOOLS/node_modules (by default
// ~/.cache/oksoft-client/packaging-tools) and Debian's Chromium ($CHROMIUM_BIN).

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { chromiumLaunchOptions } from '../../scripts/lib/chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCREENSHOT_DIR = path.join(ROOT, 'test-output', 'e2e');
const EMULATOR_BIN =
  process.env.OKSOFT_EMULATOR_BIN ?? path.join(os.homedir(), '.cache', 'oksoft-client', 'target', 'debug', 'oksoft-emulator');
const TOOLS_DIR = process.env.OKSOFT_PACKAGING_TOOLS ?? path.join(os.homedir(), '.cache', 'oksoft-client', 'packaging-tools');

// Upper bounds against a hung process or page, not speed checks.
const START_TIMEOUT_MS = 30_000;
const STEP_TIMEOUT_MS = 20_000;

// Strings that only the gateway may see: the ticket fields of OKsoft's responses, the
// MD5 of the integration password "demo", and the integration login as a JSON value.
const SECRET_MARKERS = ['"Ticket"', 'PartnersTicket', 'FE01CE2A7FBAC8FAFAED7C982A04E229', '"demo"'];

// Tickets are GUIDs, and no partner data the cabinet shows has that shape.
const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

const DEMO_PARTNER = { login: '5518', password: 'demo', fio: 'Кузнецова Антонина Петровна', email: 'antonina@bk.ru' };

/**
 * Starts `command` and resolves to `{ child, firstLine, output }` once it prints its
 * first line; `output` keeps every later line of both streams for failure messages.
 */
function startProcess(command, args, name) {
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  createInterface({ input: child.stderr }).on('line', (line) => output.push(`${name} stderr: ${line}`));
  const stdout = createInterface({ input: child.stdout });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`${name} printed no first line within ${START_TIMEOUT_MS} ms:\n${output.join('\n')}`));
    }, START_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${name} failed to start (${command}): ${error.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with code ${code} before it printed its first line:\n${output.join('\n')}`));
    });
    let firstLine = null;
    stdout.on('line', (line) => {
      if (firstLine !== null) {
        output.push(`${name} stdout: ${line}`);
        return;
      }
      firstLine = line;
      clearTimeout(timer);
      resolve({ child, firstLine, output });
    });
  });
}

function urlFromLine(line, prefix) {
  assert.ok(line.startsWith(prefix), `expected a first line starting with "${prefix}", got "${line}"`);
  return line.slice(prefix.length).trim();
}

async function stopProcess(child) {
  if (child === undefined || child.exitCode !== null) {
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

describe('partner cabinet in headless Chromium', () => {
  let emulator;
  let emulatorUrl;
  let server;
  let serverUrl;
  let browser;
  let context;
  let page;
  const browserLog = [];
  const responses = [];

  async function screenshot(name) {
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  }

  async function emulatorJson(endpoint) {
    const response = await fetch(`${emulatorUrl}${endpoint}`);
    assert.equal(response.status, 200, `GET ${endpoint} of the emulator`);
    return response.json();
  }

  async function partnersCreateCount() {
    const log = await emulatorJson('/_emulator/requests');
    return log.requests.filter((request) => request.operation === 'PartnersCreate').length;
  }

  function byTestId(testId) {
    return page.getByTestId(testId);
  }

  async function signIn(login, password) {
    await byTestId('view-login').waitFor();
    await byTestId('login-input').fill(login);
    await byTestId('login-password').fill(password);
    await byTestId('login-submit').click();
    await byTestId('view-cabinet').waitFor().catch(async (error) => {
      const loginError = await byTestId('login-error').textContent();
      assert.fail(`cabinet did not open for ${login}: ${error.message}\n  login error: ${loginError}\n  ${diagnostics()}`);
    });
  }

  async function signOut() {
    await byTestId('logout-button').click();
    await byTestId('view-login').waitFor();
  }

  /** Appends the page's log and the servers' output to a failed assertion. */
  function diagnostics() {
    return [
      'browser log:',
      ...browserLog,
      ...(server?.output ?? []),
      ...(emulator?.output ?? []),
    ].join('\n  ');
  }

  before(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });

    emulator = await startProcess(EMULATOR_BIN, ['--port', '0', '--quiet'], 'emulator');
    emulatorUrl = urlFromLine(emulator.firstLine, 'OKsoft emulator listening on ');

    server = await startProcess(process.execPath, ['www/server.mjs', '--emulator', emulatorUrl, '--port', '0'], 'server');
    serverUrl = urlFromLine(server.firstLine, 'Partner cabinet on ');
    assert.match(serverUrl, /^http:\/\/127\.0\.0\.1:\d+$/);

    const { chromium } = createRequire(path.join(TOOLS_DIR, 'package.json'))('playwright-core');
    browser = await chromium.launch(chromiumLaunchOptions());
    // A phone-sized screen: the page must work without a desktop layout.
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'ru-RU',
    });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    page = await context.newPage();

    page.on('console', (message) => browserLog.push(`console.${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => browserLog.push(`page error: ${error.stack ?? error}`));
    page.on('requestfailed', (request) => browserLog.push(`request failed: ${request.url()}: ${request.failure()?.errorText}`));
    page.on('response', (response) => {
      // Bodies are read at once, because Chromium may drop them after navigation.
      responses.push(
        response
          .body()
          .then((body) => body.toString('latin1'), () => '')
          .then((body) => ({
            url: response.url(),
            status: response.status(),
            headers: JSON.stringify(response.headers()),
            body,
          })),
      );
    });
  });

  after(async () => {
    await browser?.close();
    await stopProcess(server?.child);
    await stopProcess(emulator?.child);
  });

  test('login view opens in Russian', async () => {
    await page.goto(`${serverUrl}/`);
    await byTestId('view-login').waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'ru');
    assert.equal(await byTestId('login-submit').textContent(), 'Войти');
    assert.equal(await byTestId('lang-toggle').textContent(), 'EN');
    await screenshot('01-login-ru');
  });

  test('wrong password shows a message', async () => {
    await byTestId('login-input').fill(DEMO_PARTNER.login);
    await byTestId('login-password').fill('wrong-password');
    await byTestId('login-submit').click();
    const error = byTestId('login-error');
    await error.waitFor();
    const message = (await error.textContent()).trim();
    assert.ok(message.length > 0, 'the login error has text');
    assert.doesNotMatch(message, /undefined|\[object/, `login error reads "${message}"`);
    assert.equal(await byTestId('view-cabinet').isHidden(), true);
    await screenshot('02-login-error');
  });

  test('demo partner sees profile and balances', async () => {
    await signIn(DEMO_PARTNER.login, DEMO_PARTNER.password);

    await page.waitForFunction(
      (fio) => document.querySelector('[data-testid="profile-fio"]')?.textContent === fio,
      DEMO_PARTNER.fio,
    ).catch((error) => assert.fail(`profile fio did not appear: ${error.message}\n  ${diagnostics()}`));
    assert.equal(await byTestId('profile-email').textContent(), DEMO_PARTNER.email);
    assert.equal(await byTestId('profile-city').textContent(), 'Таганрог');
    assert.equal(await byTestId('profile-sponsor').textContent(), '3');
    assert.equal(await byTestId('profile-alias').textContent(), '123123123');
    assert.match(await byTestId('profile-phones').textContent(), /9895000345/);

    const groups = await byTestId('profile-group').allTextContents();
    assert.ok(groups.includes('Дистрибьютор'), `groups: ${groups.join(', ')}`);
    assert.ok(groups.includes('Купил стартовый пакет'), `groups: ${groups.join(', ')}`);

    await page.waitForFunction(() => {
      const card = document.querySelector('[data-testid="balances-card"]');
      return card?.getAttribute('aria-busy') === 'false' && card.querySelectorAll('[data-testid="balance"]').length > 0;
    });
    const balances = await page.$$eval('[data-testid="balance"]', (items) =>
      items.map((item) => ({
        code: item.dataset.currencyCode,
        amount: item.querySelector('[data-testid="balance-amount"]').textContent,
        symbol: item.querySelector('[data-testid="balance-symbol"]').textContent,
        color: getComputedStyle(item).borderLeftColor,
      })),
    );
    const byCode = Object.fromEntries(balances.map((balance) => [balance.code, balance]));
    assert.deepEqual(byCode['6'] && { amount: byCode['6'].amount, symbol: byCode['6'].symbol }, { amount: '1234.50', symbol: 'Bon' });
    assert.deepEqual(byCode['3'] && { amount: byCode['3'].amount, symbol: byCode['3'].symbol }, { amount: '250.00', symbol: '$' });
    assert.deepEqual(byCode['1'] && { amount: byCode['1'].amount, symbol: byCode['1'].symbol }, { amount: '1.00', symbol: '₽' });
    // Currency colours from the emulator's ColorRGB values.
    assert.equal(byCode['6'].color, 'rgb(128, 0, 0)');
    assert.equal(byCode['3'].color, 'rgb(0, 128, 0)');
    assert.equal(byCode['1'].color, 'rgb(0, 128, 255)');

    await screenshot('03-cabinet-demo-partner');
  });

  test('session cookie is HttpOnly and Strict', async () => {
    const cookies = await context.cookies(serverUrl);
    assert.ok(cookies.length > 0, 'the gateway set a session cookie');
    for (const cookie of cookies) {
      assert.equal(cookie.httpOnly, true, `cookie ${cookie.name} is HttpOnly`);
      assert.equal(cookie.sameSite, 'Strict', `cookie ${cookie.name} is SameSite=Strict`);
    }
    const visibleToScript = await page.evaluate(() => document.cookie);
    assert.equal(visibleToScript, '');
  });

  test('demo partner signs out', async () => {
    await signOut();
    await page.reload();
    await byTestId('view-login').waitFor();
    await screenshot('04-signed-out');
  });

  test('session survives a reload', async () => {
    await signIn(DEMO_PARTNER.login, DEMO_PARTNER.password);
    try {
      await page.reload();
      await byTestId('view-cabinet').waitFor().catch((error) => assert.fail(`${error.message}\n  ${diagnostics()}`));
      await page.waitForFunction(
        (fio) => document.querySelector('[data-testid="profile-fio"]')?.textContent === fio,
        DEMO_PARTNER.fio,
      );
    } finally {
      // Signs out through the gateway even when the page lost the session, so the
      // next tests start signed out.
      await page.evaluate(() => fetch('/api/oksoft/logout', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }));
      await page.goto(`${serverUrl}/`);
      await byTestId('view-login').waitFor();
    }
  });

  test('session endpoint after sign-out', async () => {
    const session = await page.evaluate(async () => {
      const response = await fetch('/api/oksoft/session');
      return { status: response.status, body: await response.json() };
    });
    assert.deepEqual(session, { status: 200, body: { result: null } });
  });

  const newPartner = {
    name: 'Тестова',
    firstName: 'Мария',
    patronymic: 'Игоревна',
    login: `e2e-${Date.now().toString(36)}`,
    password: 'secret-42',
    email: `maria.${Date.now().toString(36)}@example.com`,
  };

  test('registration with bad e-mail sends nothing', async () => {
    await byTestId('nav-register').click();
    await byTestId('view-register').waitFor();

    // Every directory select is filled from the gateway.
    for (const testId of ['register-sex', 'register-phoneTypes', 'register-country', 'register-languages']) {
      await page.waitForFunction(
        (id) => document.querySelector(`[data-testid="${id}"]`)?.options.length > 1,
        testId,
      ).catch((error) => assert.fail(`${testId} has no choices: ${error.message}\n  ${diagnostics()}`));
    }

    await byTestId('register-name').fill(newPartner.name);
    await byTestId('register-firstName').fill(newPartner.firstName);
    await byTestId('register-patronymic').fill(newPartner.patronymic);
    await byTestId('register-birthday').fill('1990-05-17');
    await byTestId('register-sex').selectOption({ index: 1 });
    await byTestId('register-email').fill('maria-at-example');
    await byTestId('register-phone').fill('+7 900 000-00-00');
    await byTestId('register-phoneTypes').selectOption({ index: 1 });
    await byTestId('register-country').selectOption({ index: 1 });
    await byTestId('register-city').fill('Самара');
    await byTestId('register-languages').selectOption({ index: 1 });
    await byTestId('register-login').fill(newPartner.login);
    await byTestId('register-password').fill(newPartner.password);
    await byTestId('register-confirmPassword').fill(newPartner.password);

    const createsBefore = await partnersCreateCount();
    await byTestId('register-submit').click();

    const emailError = byTestId('register-email-error');
    await emailError.waitFor();
    const message = (await emailError.textContent()).trim();
    assert.ok(message.length > 0, 'the e-mail field shows a message');
    assert.equal(await byTestId('register-email').getAttribute('aria-invalid'), 'true');
    assert.equal(await byTestId('register-success').isHidden(), true);
    await screenshot('05-register-invalid-email');

    assert.equal(await partnersCreateCount(), createsBefore, 'no PartnersCreate reached the emulator');
  });

  test('registration succeeds after the fix', async () => {
    await byTestId('register-email').fill(newPartner.email);
    await byTestId('register-submit').click();

    const success = byTestId('register-success');
    await success.waitFor().catch((error) => assert.fail(`registration did not succeed: ${error.message}\n  ${diagnostics()}`));
    const code = Number(await success.getAttribute('data-partners-code'));
    assert.ok(Number.isInteger(code), `new partner code ${code} is an integer`);
  assert.ok(code > 0, `new partner code ${code} is positive`);
    assert.equal(await byTestId('register-email-error').count(), 0, 'the e-mail error is gone');
    newPartner.code = code;
    await screenshot('06-register-success');
  });

  test('new partner signs in', async () => {
    await byTestId('nav-login').click();
    await signIn(newPartner.login, newPartner.password);
    await page.waitForFunction(
      (surname) => document.querySelector('[data-testid="profile-fio"]')?.textContent.includes(surname),
      newPartner.name,
    );
    assert.equal(await byTestId('profile-code').textContent(), String(newPartner.code));
    assert.equal(await byTestId('profile-email').textContent(), newPartner.email);
    assert.equal(await byTestId('profile-city').textContent(), 'Самара');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="balances-card"]')?.getAttribute('aria-busy') === 'false',
    );
    const amounts = await byTestId('balance-amount').allTextContents();
    assert.ok(amounts.length > 0, 'the new partner has balance rows');
    for (const amount of amounts) {
      assert.equal(amount, '0.00', 'a new partner starts with zero');
    }
    await screenshot('07-cabinet-new-partner');
    await signOut();
  });

  test('password reset request', async () => {
    await byTestId('nav-reset').click();
    await byTestId('view-reset').waitFor();
    await byTestId('reset-email').fill(DEMO_PARTNER.email);
    await byTestId('reset-submit').click();
    await byTestId('reset-success').waitFor();

    const resets = await emulatorJson('/_emulator/password-resets');
    const text = JSON.stringify(resets);
    assert.ok(text.includes(DEMO_PARTNER.email), `the emulator recorded a reset for ${DEMO_PARTNER.email}: ${text}`);
    await screenshot('08-password-reset');
  });

  test('English toggle changes labels', async () => {
    await byTestId('lang-toggle').click();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await byTestId('reset-submit').textContent(), 'Send the link');
    assert.equal(await byTestId('lang-toggle').textContent(), 'RU');

    // A rejected call now comes with the client's English message.
    await byTestId('reset-email').fill('not-an-email');
    await byTestId('reset-submit').click();
    const emailError = byTestId('reset-email-error');
    await emailError.waitFor();
    assert.doesNotMatch(await emailError.textContent(), /[а-яё]/i, 'the field message is in English');
    await screenshot('09-reset-en');

    await byTestId('nav-login-from-reset').click();
    await byTestId('view-login').waitFor();
    assert.equal(await byTestId('login-submit').textContent(), 'Sign in');
    await screenshot('10-login-en');
  });

  test('English cabinet and sign-out', async () => {
    await signIn(DEMO_PARTNER.login, DEMO_PARTNER.password);
    await page.waitForFunction(
      (fio) => document.querySelector('[data-testid="profile-fio"]')?.textContent === fio,
      DEMO_PARTNER.fio,
    );
    assert.equal(await byTestId('logout-button').textContent(), 'Sign out');
    assert.equal(await page.locator('[data-testid="balances-card"] h2').textContent(), 'Balances');
    await screenshot('11-cabinet-en');

    await signOut();
    assert.equal(await byTestId('logout-button').isHidden(), true);
    await screenshot('12-signed-out-en');
  });

  test('page responses carry no OKsoft secrets', async () => {
    const recorded = await Promise.all(responses);
    assert.ok(recorded.some((response) => response.url.includes('/api/oksoft/')), 'the page called the gateway');
    // The package's scripts and wasm name the ticket fields and quote the MD5 of
    // "demo" in their documentation, so only gateway responses are checked.
    const gatewayResponses = recorded.filter((response) => response.url.includes('/api/oksoft/'));
    for (const response of gatewayResponses) {
      for (const marker of SECRET_MARKERS) {
        const needle = marker.toLowerCase();
        assert.ok(!response.body.toLowerCase().includes(needle), `body of ${response.url} contains ${marker}`);
        assert.ok(!response.headers.toLowerCase().includes(needle), `headers of ${response.url} contain ${marker}`);
      }
      assert.ok(!GUID.test(response.body), `body of ${response.url} contains a ticket-shaped GUID`);
      assert.ok(!GUID.test(response.headers), `headers of ${response.url} contain a ticket-shaped GUID`);
    }
    // The page talked only to its own origin.
    for (const response of recorded) {
      assert.ok(response.url.startsWith(`${serverUrl}/`), `response from another origin: ${response.url}`);
    }
  });
});
