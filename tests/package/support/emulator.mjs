// Starts the OKsoft emulator binary on a free loopback port for one test file and
// stops it when the file's tests are done.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The emulator binary: OKSOFT_EMULATOR_BIN, or the debug build of this checkout. */
export const emulatorBin = process.env.OKSOFT_EMULATOR_BIN ?? path.join(repoRoot, 'target/debug/oksoft-emulator');

/** Maximum wait for the emulator's first output line. */
const START_TIMEOUT_MS = 15_000;

const BANNER = /^OKsoft emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/;

/**
 * Spawns `oksoft-emulator --port 0 --quiet`, waits for its address line and registers
 * an `after()` hook that kills it. Call it at the top level of a test file, or inside a
 * test for an emulator of that test alone.
 */
export async function startEmulator() {
  if (!existsSync(emulatorBin)) {
    throw new Error(`emulator binary not found at ${emulatorBin}; run cargo build -p oksoft-emulator or set OKSOFT_EMULATOR_BIN`);
  }

  const child = spawn(emulatorBin, ['--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
    }
  };
  after(stop);

  const baseUrl = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`the emulator printed no address within ${START_TIMEOUT_MS} ms; stderr: ${stderr}`));
    }, START_TIMEOUT_MS);
    lines.once('line', (line) => {
      clearTimeout(timer);
      const match = BANNER.exec(line.trim());
      if (match) {
        resolve(match[1]);
      } else {
        stop();
        reject(new Error(`unexpected first output line of the emulator: ${JSON.stringify(line)}`));
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${emulatorBin}: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited before listening (code ${code}, signal ${signal}); stderr: ${stderr}`));
    });
  });
  // Later output is only the rest of the banner. Reading it keeps the pipe from filling up.
  child.stdout.resume();

  return new Emulator(baseUrl, stop);
}

/** A running emulator: its address and its inspection API. */
class Emulator {
  constructor(baseUrl, stop) {
    this.baseUrl = baseUrl;
    this.stop = stop;
  }

  async inspect(endpoint, method = 'GET') {
    const response = await fetch(`${this.baseUrl}/_emulator/${endpoint}`, { method });
    if (!response.ok) {
      throw new Error(`${method} /_emulator/${endpoint} returned HTTP ${response.status}: ${await response.text()}`);
    }
    return response.json();
  }

  /** `{ count, requests: [{ seq, method, path, operation, params, status }] }`, secrets as `***`. */
  requests() {
    return this.inspect('requests');
  }

  /** Returns the number of OKsoft API requests the emulator has received. */
  async requestCount() {
    return (await this.requests()).count;
  }

  /** `{ transactions, accounts }` with balances as decimal strings. */
  ledger() {
    return this.inspect('ledger');
  }

  /** `{ count, passwordResets: [{ email, partnersCode, time }] }`. */
  passwordResets() {
    return this.inspect('password-resets');
  }

  /** Restores the seed data and clears tickets and logs. */
  reset() {
    return this.inspect('reset', 'POST');
  }
}
