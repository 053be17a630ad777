// CPU profile of a per-call loop with the in-memory fetch, of PartnersGet unless --method
// names another measured method. The loop runs under V8's sampling profiler through
// node:inspector, the same profiler as `node --cpu-prof`. Prints the functions with the
// most self time, then the self time by category.
//
//   node bench/profile.mjs [ours|baseline] [--method partnersGet] [--calls N] [--top N]
//                          [--save FILE.cpuprofile]
//
// Reads the package from pkg/ (build it with scripts/build-package.sh). The saved file
// opens in Chrome DevTools' Performance panel. The release wasm has no name section, so
// wasm functions show as `wasm-function[N]`. Anonymous import functions of wasm-bindgen
// are named after their `__wbg_` key in the glue file.

import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { BaselineClient } from './baseline/oksoft-baseline.mjs';
import { MEASURED_CALLS, clientOptions } from './lib/canned.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    method: { type: 'string', default: 'partnersGet' },
    calls: { type: 'string', default: '50000' },
    top: { type: 'string', default: '20' },
    save: { type: 'string' },
  },
});
const clientName = positionals[0] ?? 'ours';
if (clientName !== 'ours' && clientName !== 'baseline') {
  console.error(`profile: unknown client ${JSON.stringify(clientName)}; pass ours or baseline`);
  process.exit(2);
}
const calls = Number(flags.calls);
const top = Number(flags.top);
const measured = MEASURED_CALLS.find((call) => call.method === flags.method);
if (measured === undefined) {
  const known = MEASURED_CALLS.map((call) => call.method).join(', ');
  console.error(`profile: --method ${flags.method} is not measured; use one of ${known}`);
  process.exit(2);
}

let client;
if (clientName === 'ours') {
  const { OksoftClient } = await import(pathToFileURL(path.join(repoRoot, 'pkg', 'index.mjs')).href);
  client = new OksoftClient(clientOptions());
} else {
  client = new BaselineClient(clientOptions());
}

const { method, options } = measured;
for (let index = 0; index < 2_000; index += 1) {
  await client[method](options);
}

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 1000 });
await session.post('Profiler.start');
const started = performance.now();
for (let index = 0; index < calls; index += 1) {
  await client[method](options);
}
const elapsedMs = performance.now() - started;
const { profile } = await session.post('Profiler.stop');
session.disconnect();

if (flags.save) {
  await writeFile(flags.save, JSON.stringify(profile));
}

const sourceLines = new Map();

/** Returns the `__wbg_` import key on or just above a line of wasm-bindgen's glue file, or null. */
function glueImportName(url, lineNumber) {
  if (!url.endsWith('oksoft_client.js')) {
    return null;
  }
  if (!sourceLines.has(url)) {
    sourceLines.set(url, readFileSync(fileURLToPath(url), 'utf8').split('\n'));
  }
  const lines = sourceLines.get(url);
  for (let line = lineNumber; line >= Math.max(0, lineNumber - 2); line -= 1) {
    const match = /(__wbg_\w+?)_[0-9a-f]{16}:/.exec(lines[line] ?? '');
    if (match) {
      return match[1];
    }
  }
  return null;
}

// Self time of a node is the sum of the time deltas of the samples taken in it.
const nodesById = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicroseconds = new Map();
profile.samples.forEach((nodeId, index) => {
  const node = nodesById.get(nodeId);
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? ` ${path.basename(url)}:${lineNumber + 1}` : '';
  const name = functionName || glueImportName(url, lineNumber) || '(anonymous)';
  const key = `${name}${where}`;
  selfMicroseconds.set(key, (selfMicroseconds.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0));
});
const total = [...selfMicroseconds.values()].reduce((sum, value) => sum + value, 0);

/** Groups a profile entry by where its code lives. */
function categoryOf(name) {
  if (/^(wasm-function|wasm-to-js|js-to-wasm|GenericJSToWasmWrapper)/.test(name) || name.includes(' 000')) {
    return 'wasm code and JS<->wasm transitions';
  }
  if (name.includes('oksoft_client.js')) {
    return 'wasm-bindgen JS glue (oksoft_client.js)';
  }
  if (name.includes('oksoft-baseline.mjs')) {
    return 'baseline client code';
  }
  if (name.includes('canned.mjs') || name.includes('profile.mjs')) {
    return 'canned fetch and loop';
  }
  if (name.startsWith('(garbage collector)')) {
    return 'garbage collector';
  }
  return 'Node runtime (Response, streams, timers, TextDecoder, promises)';
}
const byCategory = new Map();
for (const [name, microseconds] of selfMicroseconds) {
  const category = categoryOf(name);
  byCategory.set(category, (byCategory.get(category) ?? 0) + microseconds);
}

console.log(`[profile] ${clientName}: ${calls} ${method} calls in ${elapsedMs.toFixed(0)} ms, ${((elapsedMs * 1000) / calls).toFixed(1)} µs per call`);
console.log('[profile]  self %   µs/call  function');
const ranked = [...selfMicroseconds].sort((left, right) => right[1] - left[1]).slice(0, top);
for (const [name, microseconds] of ranked) {
  const share = ((100 * microseconds) / total).toFixed(1).padStart(6);
  const perCall = (microseconds / calls).toFixed(2).padStart(8);
  console.log(`[profile] ${share}  ${perCall}  ${name}`);
}
console.log('[profile] self time by category:');
for (const [category, microseconds] of [...byCategory].sort((left, right) => right[1] - left[1])) {
  console.log(`[profile] ${((100 * microseconds) / total).toFixed(1).padStart(6)}  ${(microseconds / calls).toFixed(2).padStart(8)}  ${category}`);
}
