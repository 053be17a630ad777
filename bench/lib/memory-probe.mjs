// Memory after many calls, run by bench/run.mjs in a process of its own per client so
// each heap contains one client only:
//
//   node --expose-gc bench/lib/memory-probe.mjs ours|baseline CALLS
//
// Makes CALLS PartnersGet calls with the in-memory fetch after 1,000 warm-up calls, then
// prints JSON. It reports the JS heap in use after full GCs, after the warm-up and at the
// end (once right after the loop, once after the event loop turned). For ours it also
// reports the size of the wasm memory after the warm-up and at the end.

import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { BaselineClient } from '../baseline/oksoft-baseline.mjs';
import { clientOptions } from './canned.mjs';

const WARM_UP_CALLS = 1_000;

const [clientName, callsText] = process.argv.slice(2);
const calls = Number(callsText);
if ((clientName !== 'ours' && clientName !== 'baseline') || !Number.isInteger(calls) || calls < 1) {
  console.error('usage: node --expose-gc memory-probe.mjs ours|baseline CALLS');
  process.exit(2);
}
if (typeof globalThis.gc !== 'function') {
  console.error('memory-probe: run node with --expose-gc, so the heap is measured after a full GC');
  process.exit(2);
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let client;
let wasmMemorySize = () => null;
if (clientName === 'ours') {
  const ours = await import(pathToFileURL(path.join(repoRoot, 'pkg', 'index.mjs')).href);
  client = new ours.OksoftClient(clientOptions());
  wasmMemorySize = ours.wasmMemorySize;
} else {
  client = new BaselineClient(clientOptions());
}

/** Pause between GC passes, long enough for WeakRef and finalizer cleanup to run. */
const SETTLE_MS = 200;

/**
 * Heap in use after full GCs with event-loop turns between them. The loop of calls never
 * yields to the event loop, and Node frees what WeakRefs and FinalizationRegistry hold
 * (AbortSignal.timeout uses both) only in later turns, so one GC right after the loop
 * (`heapBeforeSettling`) can report far more.
 */
async function settledHeapBytes() {
  for (let pass = 0; pass < 3; pass += 1) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  }
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

const options = { partnersCode: 24 };
for (let index = 0; index < WARM_UP_CALLS; index += 1) {
  await client.partnersGet(options);
}
const heapAfterWarmUp = await settledHeapBytes();
const wasmAfterWarmUp = wasmMemorySize();

for (let index = 0; index < calls; index += 1) {
  await client.partnersGet(options);
}
globalThis.gc();
const heapBeforeSettling = process.memoryUsage().heapUsed;
const heapAtEnd = await settledHeapBytes();
const wasmAtEnd = wasmMemorySize();

console.log(JSON.stringify({ calls, heapAfterWarmUp, heapBeforeSettling, heapAtEnd, wasmAfterWarmUp, wasmAtEnd }));
