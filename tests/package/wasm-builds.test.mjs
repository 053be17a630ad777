// Which wasm build contains the partner gateway. Pages never run the gateway, so the
// browser build (web/) leaves out its exports. The builds of the runtimes that run it,
// Node (node/) and workers (worker/), keep them. The package's export conditions pair
// each entry with the .wasm file of its own build.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';

import { loadPackage } from './support/package.mjs';

const { projectDir } = await loadPackage();
const installedDir = path.join(projectDir, 'node_modules', 'oksoft-client');

/** The gateway's wasm exports, as the glue of a build names them. */
const GATEWAY_EXPORTS = ['__gatewayAuthorize', '__gatewayLimitKey'];

/** Function exports of the .wasm that only the gateway's glue calls, one per name above. */
const GATEWAY_FUNCTION_EXPORTS = GATEWAY_EXPORTS.length;

/** Returns the names that the glue module of the build in `folder` exports. */
async function glueExports(folder) {
  const glue = path.join(installedDir, folder, 'oksoft_client.js');
  // The Node build's glue is CommonJS and instantiates its wasm when required.
  const module = folder === 'node' ? createRequire(import.meta.url)(glue) : await import(pathToFileURL(glue).href);
  return Object.keys(module);
}

/** Returns the function exports of the build's .wasm, and those of them its glue never reads. */
function wasmFunctionExports(folder) {
  const wasm = new WebAssembly.Module(readFileSync(path.join(installedDir, folder, 'oksoft_client_bg.wasm')));
  const glue = readFileSync(path.join(installedDir, folder, 'oksoft_client.js'), 'utf8');
  // scripts/minify-wasm-names.mjs leaves the glue reading every export as wasm["name"].
  const read = new Set([...glue.matchAll(/\bwasm\["([^"]+)"\]/g)].map((match) => match[1]));
  const functions = WebAssembly.Module.exports(wasm).filter((entry) => entry.kind === 'function').map((entry) => entry.name);
  return { functions, unread: functions.filter((name) => !read.has(name)) };
}

/** Resolves `specifier` from the test project under extra export `conditions`; returns the path inside the package. */
function resolvedUnder(conditions, specifier) {
  const args = [...conditions.map((condition) => `--conditions=${condition}`), '--input-type=module', '--eval',
    `console.log(import.meta.resolve(${JSON.stringify(specifier)}))`];
  const url = execFileSync(process.execPath, args, { cwd: projectDir, encoding: 'utf8' }).trim();
  return url.split('/node_modules/oksoft-client/')[1];
}

test('browser glue has no gateway exports', async () => {
  const names = await glueExports('web');
  assert.deepEqual(GATEWAY_EXPORTS.filter((name) => names.includes(name)), []);
  assert.ok(names.includes('__validateOptions'), 'the gateway mode of OksoftClient still checks options in browsers');
});

for (const folder of ['worker', 'node']) {
  test(`${folder} glue has gateway exports`, async () => {
    const names = await glueExports(folder);
    assert.deepEqual(GATEWAY_EXPORTS.filter((name) => !names.includes(name)), []);
    assert.ok(names.includes('__validateOptions'));
  });
}

test('browser wasm has no gateway exports', () => {
  const browser = wasmFunctionExports('web');
  const worker = wasmFunctionExports('worker');
  // Every function the browser .wasm exports is one its glue calls, and that glue has no
  // gateway function, so no gateway code is reachable from the module's exports.
  assert.deepEqual(browser.unread, []);
  assert.deepEqual(worker.unread, []);
  assert.ok(
    worker.functions.length - browser.functions.length >= GATEWAY_FUNCTION_EXPORTS,
    `the worker .wasm exports ${worker.functions.length} functions, the browser one ${browser.functions.length}`,
  );
});

test('each condition pairs its entry and wasm', () => {
  for (const condition of ['workerd', 'worker', 'edge-light']) {
    assert.equal(resolvedUnder([condition], 'oksoft-client'), 'worker.js', condition);
    assert.equal(resolvedUnder([condition], 'oksoft-client/oksoft_client_bg.wasm'), 'worker/oksoft_client_bg.wasm', condition);
  }
  assert.equal(resolvedUnder([], 'oksoft-client/oksoft_client_bg.wasm'), 'web/oksoft_client_bg.wasm');
});
