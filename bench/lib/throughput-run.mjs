// End-to-end throughput of both clients in a Node process of its own, so the timers and
// garbage that earlier sections of bench/run.mjs leave behind do not slow it down:
//
//   node bench/lib/throughput-run.mjs EMULATOR_BINARY SETTINGS_JSON
//
// Starts a fresh emulator on a free loopback port, runs measureThroughput with both
// clients in this one process, alternating, and prints its result as JSON.

import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { BaselineClient } from '../baseline/oksoft-baseline.mjs';
import { measureThroughput, startEmulator } from './throughput.mjs';

const [emulatorBinary, settingsJson] = process.argv.slice(2);
if (!emulatorBinary || !settingsJson) {
  console.error('usage: node throughput-run.mjs EMULATOR_BINARY SETTINGS_JSON');
  process.exit(2);
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { OksoftClient } = await import(pathToFileURL(path.join(repoRoot, 'pkg', 'index.mjs')).href);

const emulator = await startEmulator(emulatorBinary);
try {
  const options = { baseUrl: emulator.url, login: 'demo', password: 'demo' };
  const clients = { ours: new OksoftClient(options), baseline: new BaselineClient(options) };
  const results = await measureThroughput(clients, JSON.parse(settingsJson));
  console.log(JSON.stringify(results));
} finally {
  emulator.stop();
}
