// Opens a built test page in headless Chromium and checks what the page wrote into
// #result (see web/page.js and expectations.mjs). Exits non-zero on a failed check.
//
//   node browser-check.mjs --root DIR --emulator URL --screenshot FILE.png
//
// DIR is served on 127.0.0.1 and DIR/index.html is opened with ?emulator=URL.
// playwright-core is loaded from $OKSOFT_PACKAGING_TOOLS/node_modules, and the browser
// is Debian's /usr/bin/chromium (or $CHROMIUM_BIN), since no browser is downloaded.

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { assertScenarioResults } from './expectations.mjs';
import { chromiumLaunchOptions } from '../../scripts/lib/chromium.mjs';
import { startStaticServer } from './static-server.mjs';

const { values: options } = parseArgs({
  options: {
    root: { type: 'string' },
    emulator: { type: 'string' },
    screenshot: { type: 'string' },
  },
});
for (const name of ['root', 'emulator', 'screenshot']) {
  assert.ok(options[name], `missing option --${name}`);
}

const toolsDir = process.env.OKSOFT_PACKAGING_TOOLS;
assert.ok(toolsDir, 'OKSOFT_PACKAGING_TOOLS must name the folder where playwright-core is installed');
const { chromium } = createRequire(path.join(toolsDir, 'package.json'))('playwright-core');

// An upper bound against a page that never finishes, not a speed check.
const PAGE_TIMEOUT_MS = 60_000;

const server = await startStaticServer(options.root);
// launch() gives every run a fresh temporary profile and deletes it on close().
const browser = await chromium.launch(chromiumLaunchOptions());

const browserLog = [];
let failed = false;
try {
  const page = await browser.newPage();
  page.on('console', (message) => browserLog.push(`console.${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => browserLog.push(`page error: ${error.stack ?? error}`));
  page.on('requestfailed', (request) => browserLog.push(`request failed: ${request.url()}: ${request.failure()?.errorText}`));

  const pageUrl = `${server.url}/index.html?emulator=${encodeURIComponent(options.emulator)}`;
  console.log(`opening ${pageUrl}`);
  await page.goto(pageUrl);
  const result = await page.waitForSelector('#result[data-status]', { timeout: PAGE_TIMEOUT_MS });
  const status = await result.getAttribute('data-status');
  const text = await result.textContent();

  await mkdir(path.dirname(options.screenshot), { recursive: true });
  await page.screenshot({ path: options.screenshot, fullPage: true });
  console.log(`screenshot: ${options.screenshot}`);

  assert.equal(status, 'done', `the page failed:\n${text}`);
  const results = JSON.parse(text);
  console.log(`fio of partner ${results.partnersCode}: ${results.fio}`);
  console.log(`rejected call: ${results.wrongPassword.kind}/${results.wrongPassword.code}: ${results.wrongPassword.message}`);
  assertScenarioResults(results);

  const wasmRequests = server.requests.filter((line) => line.startsWith('200 ') && line.endsWith('.wasm'));
  assert.ok(wasmRequests.length > 0, 'the page loaded a .wasm file from the static server with status 200');
  console.log(`wasm served: ${wasmRequests.join(', ')}`);
} catch (error) {
  failed = true;
  console.error(error);
  console.error(`requests to the static server:\n  ${server.requests.join('\n  ')}`);
  console.error(`browser log:\n  ${browserLog.join('\n  ') || '(empty)'}`);
} finally {
  await browser.close();
  await server.close();
}
process.exitCode = failed ? 1 : 0;
