// End-to-end tests of the partner cabinet in www/: the emulator, the demo server with
// the package's partner gateway (and a second one for the attempt limit and origin
// checks), and the page in headless Chromium on a phone-sized screen. Screenshots of
// every view go to test-output/e2e/.
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

const CYRILLIC = /[а-яё]/i;
const LATIN = /[a-z]/i;
// Method and field names of the library's developer messages, which visitors must not see.
const DEVELOPER_WORDS = /PartnersLogin|PartnersCreate|ResultNumber/;

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
  // A second cabinet server, whose gateway has its own attempt limits and origins.
  let spareServer;
  let spareServerUrl;
  let browser;
  let context;
  let page;
  const browserLog = [];
  const responses = [];

  async function screenshot(name, onPage = page) {
    await onPage.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
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

  /** Fills in the login form and submits it, without waiting for the result. */
  async function submitLogin(login, password, onPage = page) {
    await onPage.getByTestId('view-login').waitFor();
    await onPage.getByTestId('login-input').fill(login);
    await onPage.getByTestId('login-password').fill(password);
    await onPage.getByTestId('login-submit').click();
  }

  async function signIn(login, password, onPage = page) {
    await submitLogin(login, password, onPage);
    await onPage.getByTestId('view-cabinet').waitFor().catch(async (error) => {
      const loginError = await onPage.getByTestId('login-error').textContent();
      assert.fail(`cabinet did not open for ${login}: ${error.message}\n  login error: ${loginError}\n  ${diagnostics()}`);
    });
  }

  async function signOut(onPage = page) {
    await onPage.getByTestId('logout-button').click();
    await onPage.getByTestId('view-login').waitFor();
  }

  /** Adds the console messages, page errors and failed requests of `onPage` to the browser log. */
  function recordBrowserLog(onPage, label) {
    onPage.on('console', (message) => browserLog.push(`${label} console.${message.type()}: ${message.text()}`));
    onPage.on('pageerror', (error) => browserLog.push(`${label} page error: ${error.stack ?? error}`));
    onPage.on('requestfailed', (request) => browserLog.push(`${label} request failed: ${request.url()}: ${request.failure()?.errorText}`));
  }

  /** Opens another tab at `url`, with its log recorded; the caller closes it. */
  async function openTab(url, label) {
    const tab = await context.newPage();
    recordBrowserLog(tab, label);
    await tab.goto(url);
    return tab;
  }

  /** Appends the page's log and the servers' output to a failed assertion. */
  function diagnostics() {
    return [
      'browser log:',
      ...browserLog,
      ...(server?.output ?? []),
      ...(spareServer?.output ?? []),
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
    spareServer = await startProcess(
      process.execPath,
      ['www/server.mjs', '--emulator', emulatorUrl, '--port', '0', '--quiet'],
      'spare server',
    );
    spareServerUrl = urlFromLine(spareServer.firstLine, 'Partner cabinet on ');

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

    recordBrowserLog(page, 'page');
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
    await stopProcess(spareServer?.child);
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

  test('wrong password shows Russian text', async () => {
    await submitLogin(DEMO_PARTNER.login, 'wrong-password');
    const error = byTestId('login-error');
    await error.waitFor();
    const message = (await error.textContent()).trim();
    assert.ok(message.length > 0, 'the login error has text');
    assert.doesNotMatch(message, /undefined|\[object/, `login error reads "${message}"`);
    assert.match(message, CYRILLIC, `login error reads "${message}"`);
    assert.doesNotMatch(message, LATIN, `login error reads "${message}"`);
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

  test('expired session returns to login', async () => {
    await signIn(DEMO_PARTNER.login, DEMO_PARTNER.password);
    // Without its cookie the gateway finds no session, as after the session expires.
    await page.context().clearCookies();

    // Reloading the cabinet's data without reloading the page finds the session gone.
    await page.evaluate(() => {
      location.hash = 'cabinet-again';
    });

    await byTestId('view-login').waitFor().catch((error) => assert.fail(`${error.message}\n  ${diagnostics()}`));
    const message = await byTestId('login-error').textContent();
    assert.equal(message, 'Сеанс завершён. Войдите снова.');
    assert.equal(await byTestId('profile-code').textContent(), '', 'the ended session\'s profile is cleared');
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
    // The name comes from the login at once, and the rest after PartnersGet returns.
    await page.waitForFunction(() => document.querySelector('[data-testid="profile"]')?.getAttribute('aria-busy') === 'false');
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

    // A rejected call now shows the cabinet's English text.
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

  test('wrong password shows English text', async () => {
    await submitLogin(DEMO_PARTNER.login, 'wrong-password');
    const error = byTestId('login-error');
    await error.waitFor();
    const message = (await error.textContent()).trim();
    assert.match(message, LATIN, `login error reads "${message}"`);
    assert.doesNotMatch(message, CYRILLIC, `login error reads "${message}"`);
    assert.doesNotMatch(message, DEVELOPER_WORDS, `login error reads "${message}"`);
    await screenshot('11-login-error-en');

    // The message on screen follows a language switch.
    await byTestId('lang-toggle').click();
    const russian = (await error.textContent()).trim();
    assert.match(russian, CYRILLIC, `after the switch to Russian the login error reads "${russian}"`);
    assert.doesNotMatch(russian, LATIN, `after the switch to Russian the login error reads "${russian}"`);
    await byTestId('lang-toggle').click();
    assert.equal((await error.textContent()).trim(), message);
  });

  test('English cabinet and sign-out', async () => {
    await signIn(DEMO_PARTNER.login, DEMO_PARTNER.password);
    await page.waitForFunction(
      (fio) => document.querySelector('[data-testid="profile-fio"]')?.textContent === fio,
      DEMO_PARTNER.fio,
    );
    assert.equal(await byTestId('logout-button').textContent(), 'Sign out');
    assert.equal(await page.locator('[data-testid="balances-card"] h2').textContent(), 'Balances');
    await screenshot('12-cabinet-en');

    await signOut();
    assert.equal(await byTestId('logout-button').isHidden(), true);
    await screenshot('13-signed-out-en');
  });

  test('registration with taken e-mail in English', async () => {
    await byTestId('nav-register').click();
    await byTestId('view-register').waitFor();
    await byTestId('register-name').fill(newPartner.name);
    await byTestId('register-firstName').fill(newPartner.firstName);
    await byTestId('register-birthday').fill('1990-05-17');
    await byTestId('register-email').fill(DEMO_PARTNER.email);
    await byTestId('register-login').fill(`${newPartner.login}-2`);
    await byTestId('register-password').fill(newPartner.password);
    await byTestId('register-confirmPassword').fill(newPartner.password);

    const createsBefore = await partnersCreateCount();
    await byTestId('register-submit').click();
    const error = byTestId('register-error');
    await error.waitFor();
    const message = (await error.textContent()).trim();
    assert.match(message, /e-mail/i, `registration error reads "${message}"`);
    assert.doesNotMatch(message, CYRILLIC, `registration error reads "${message}"`);
    assert.doesNotMatch(message, DEVELOPER_WORDS, `registration error reads "${message}"`);
    assert.equal(await byTestId('register-success').isHidden(), true);
    assert.equal(await partnersCreateCount(), createsBefore + 1, 'OKsoft, not the page, rejected the registration');
    await screenshot('14-register-taken-email-en');

    await byTestId('nav-login').click();
    await byTestId('view-login').waitFor();
  });

  test('foreign origin refusal in English', async () => {
    // The page stays on the main server, whose saved language is now English, and its
    // gateway calls go to the spare server, which accepts only its own origins.
    const tab = await openTab(`${serverUrl}/`, 'foreign origin tab');
    const loginStatuses = [];
    try {
      await tab.route('**/api/oksoft/**', async (route) => {
        const target = new URL(route.request().url());
        target.port = new URL(spareServerUrl).port;
        const response = await route.fetch({ url: target.href });
        if (target.pathname.endsWith('/partnersLogin')) {
          loginStatuses.push(response.status());
        }
        await route.fulfill({ response });
      });
      await submitLogin(DEMO_PARTNER.login, DEMO_PARTNER.password, tab);
      const error = tab.getByTestId('login-error');
      await error.waitFor();
      const message = (await error.textContent()).trim();
      assert.match(message, LATIN, `origin refusal reads "${message}"`);
      assert.doesNotMatch(message, CYRILLIC, `origin refusal reads "${message}"`);
      assert.doesNotMatch(message, /allowed origin/, `origin refusal reads "${message}"`);
      assert.deepEqual(loginStatuses, [403], 'the spare gateway refused the sign-in by its origin');
      assert.equal(await tab.getByTestId('view-cabinet').isHidden(), true);
      await screenshot('15-origin-refused-en', tab);
    } finally {
      await tab.close();
    }
  });

  test('too many sign-ins show the wait in Russian', async () => {
    // The spare server's limit, so the attempts spent here leave the main server's alone.
    const tab = await openTab(`${spareServerUrl}/`, 'rate limit tab');
    try {
      await tab.getByTestId('view-login').waitFor();

      // Spends sign-in attempts until the gateway returns 429, whatever its limit is.
      const statuses = await tab.evaluate(async (login) => {
        const seen = [];
        for (let attempt = 0; attempt < 100 && !seen.includes(429); attempt += 1) {
          const response = await fetch('/api/oksoft/partnersLogin', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ options: { login, password: 'wrong-password' } }),
          });
          seen.push(response.status);
        }
        return seen;
      }, DEMO_PARTNER.login);
      assert.equal(statuses.at(-1), 429, `statuses of the attempts: ${statuses.join(', ')}`);

      await submitLogin(DEMO_PARTNER.login, 'wrong-password', tab);
      const error = tab.getByTestId('login-error');
      await error.waitFor();
      const russian = (await error.textContent()).trim();
      assert.match(russian, /через \d+ минут/, `rate limit error reads "${russian}"`);
      assert.doesNotMatch(russian, LATIN, `rate limit error reads "${russian}"`);
      await screenshot('16-rate-limited-ru', tab);

      await tab.getByTestId('lang-toggle').click();
      const english = (await error.textContent()).trim();
      assert.match(english, /in \d+ minutes?\b/, `rate limit error reads "${english}"`);
      assert.doesNotMatch(english, CYRILLIC, `rate limit error reads "${english}"`);
    } finally {
      await tab.close();
    }
  });

  test('demo partner signs in through localhost', async () => {
    const localhostUrl = serverUrl.replace('//127.0.0.1:', '//localhost:');
    const tab = await openTab(`${localhostUrl}/`, 'localhost tab');
    try {
      await signIn(DEMO_PARTNER.login, DEMO_PARTNER.password, tab);
      await tab.waitForFunction(
        (fio) => document.querySelector('[data-testid="profile-fio"]')?.textContent === fio,
        DEMO_PARTNER.fio,
      );
      await screenshot('17-cabinet-localhost', tab);
      await signOut(tab);
    } finally {
      await tab.close();
    }
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
