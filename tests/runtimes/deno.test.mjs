// The partner gateway in Deno: the packed package installed into a throwaway project as
// a user would, served by Deno.serve (deno-server.mjs), and the shared security checks
// sent to it over HTTP from this process.
//
// The deno binary is $OKSOFT_DENO_BIN, or `deno` on PATH; scripts/setup.sh installs it
// from the npm package `deno` into $OKSOFT_TOOLS_DIR/node_modules/.bin.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { startEmulator } from '../package/support/emulator.mjs';
import { defineGatewayChecks, httpTarget } from '../package/support/gateway-checks.mjs';
import { loadPackage } from '../package/support/package.mjs';
import { startServer } from './server-process.mjs';

const runtimesDir = path.dirname(fileURLToPath(import.meta.url));
const denoBin = process.env.OKSOFT_DENO_BIN ?? 'deno';

function denoVersion() {
  try {
    return execFileSync(denoBin, ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch (error) {
    throw new Error(`cannot run ${denoBin} (${error.message}); run scripts/setup.sh, which installs deno, or set OKSOFT_DENO_BIN`);
  }
}

const version = denoVersion();
const { projectDir } = await loadPackage();
copyFileSync(path.join(runtimesDir, 'deno-server.mjs'), path.join(projectDir, 'deno-server.mjs'));
copyFileSync(path.join(runtimesDir, '../package/support/gateway-presets.mjs'), path.join(projectDir, 'gateway-presets.mjs'));
const emulator = await startEmulator();

const server = await startServer({
  name: version,
  command: denoBin,
  // Only loopback connections, and reads of the package alone: its Node entry reads the .wasm file.
  args: ['run', '--no-lock', '--no-prompt', '--allow-net=127.0.0.1', '--allow-read=node_modules/oksoft-client', 'deno-server.mjs', emulator.baseUrl],
  cwd: projectDir,
  // Deno's cache inside the throwaway project; no update check, which would leave the machine.
  env: { ...process.env, DENO_DIR: path.join(projectDir, '.deno'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
  urlFrom: (line) => /^gateway listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1] ?? null,
});

test('deno resolves the node entry', (t) => {
  t.diagnostic(version);
  const resolved = server.output.find((line) => line.startsWith('oksoft-client resolved to '));
  assert.ok(resolved, `the server names its entry; its output:\n${server.output.join('\n')}`);
  assert.match(resolved, /\/node_modules\/oksoft-client\/index\.mjs$/);
});

defineGatewayChecks({ target: httpTarget(server.url), emulator });
