// The browser half of the benchmark: a static file server on 127.0.0.1 and headless
// Chromium driven by playwright-core, which opens the pages in bench/page/.

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';

import { chromium } from 'playwright-core';

import { medianOfSteps } from './cold-start.mjs';
import { chromiumLaunchOptions } from '../../scripts/lib/chromium.mjs';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** Upper bound for one page step, against a page that never finishes; not a speed check. */
const PAGE_TIMEOUT_MS = 120_000;

/**
 * Serves each directory of `mounts` (URL prefix such as `/pkg/` to a directory) on a
 * free port of 127.0.0.1; only files with a type of CONTENT_TYPES are served. Every
 * response isolates the page (COOP and COEP), which gives performance.now() its finest
 * resolution in Chromium. Resolves to `{ url, close }`.
 */
export async function startStaticServer(mounts) {
  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url, 'http://127.0.0.1');
    const file = resolveFile(mounts, pathname);
    const contentType = file === null ? undefined : CONTENT_TYPES[path.extname(file)];
    const info = contentType === undefined ? null : await stat(file).catch(() => null);
    const headers = {
      'cache-control': 'no-store',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    };
    if (request.method !== 'GET' || info === null || !info.isFile()) {
      response.writeHead(request.method === 'GET' ? 404 : 405, headers).end();
      return;
    }
    response.writeHead(200, { ...headers, 'content-type': contentType, 'content-length': info.size });
    createReadStream(file).pipe(response);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Returns the file a URL path names under one of the mounts, or null if it names none. */
function resolveFile(mounts, pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  for (const [prefix, directory] of Object.entries(mounts)) {
    if (decoded.startsWith(prefix)) {
      const root = path.resolve(directory);
      const file = path.resolve(root, `.${decoded.slice(prefix.length - 1)}`);
      return file.startsWith(root + path.sep) ? file : null;
    }
  }
  return null;
}

/** Fails with the page's own error when it reported one. */
function checkPageResult(result, pageName) {
  if (result?.error) {
    throw new Error(`the ${pageName} page failed: ${result.error}`);
  }
  return result;
}

/**
 * Opens the benchmark pages in headless Chromium: the per-call page once, then
 * `coldStartSamples` cold-start pages per client, alternating, each in a new context
 * (an empty cache). Returns `{ browserVersion, timerResolutionUs, crossOriginIsolated,
 * perCall, coldStart }`.
 */
export async function measureBrowser({ mounts, executablePath, perCallSettings, coldStartSamples }) {
  const server = await startStaticServer(mounts);
  const browser = await chromium.launch({ ...chromiumLaunchOptions(), executablePath });
  const pageErrors = [];
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    await page.goto(`${server.url}/bench/page/per-call.html`);
    const ready = checkPageResult(await (await page.waitForFunction(() => window.benchReady)).jsonValue(), 'per-call');
    const timerResolutionUs = await page.evaluate(() => window.timerResolutionMicroseconds());
    const perCall = await page.evaluate((settings) => window.runPerCall(settings), perCallSettings);
    await context.close();

    const samples = { ours: [], baseline: [] };
    for (let index = 0; index < coldStartSamples; index += 1) {
      const order = index % 2 === 0 ? ['ours', 'baseline'] : ['baseline', 'ours'];
      for (const client of order) {
        const sampleContext = await browser.newContext();
        const samplePage = await sampleContext.newPage();
        samplePage.on('pageerror', (error) => pageErrors.push(String(error)));
        samplePage.setDefaultTimeout(PAGE_TIMEOUT_MS);
        await samplePage.goto(`${server.url}/bench/page/cold-start.html?client=${client}`);
        const handle = await samplePage.waitForFunction(() => window.coldStart);
        samples[client].push(checkPageResult(await handle.jsonValue(), `${client} cold-start`));
        await sampleContext.close();
      }
    }

    return {
      browserVersion: browser.version(),
      timerResolutionUs,
      crossOriginIsolated: ready.crossOriginIsolated,
      perCall,
      coldStart: { ours: medianOfSteps(samples.ours), baseline: medianOfSteps(samples.baseline) },
    };
  } catch (error) {
    if (pageErrors.length > 0) {
      error.message += `\npage errors:\n${pageErrors.join('\n')}`;
    }
    throw error;
  } finally {
    await browser.close();
    await server.close();
  }
}
