// The partner gateway in Cloudflare's workerd. The packed package is installed into a
// throwaway project as a user would, and a Workers module (workerd-worker.mjs) is bundled
// with esbuild under wrangler's conditions and served by workerd. This process sends it
// the shared security checks over HTTP.
//
// The binaries are $OKSOFT_WORKERD_BIN and $OKSOFT_ESBUILD_BIN, or `workerd` and
// `esbuild` on PATH; scripts/setup.sh installs both from npm into
// $OKSOFT_TOOLS_DIR/node_modules/.bin.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { startEmulator } from '../package/support/emulator.mjs';
import { defineGatewayChecks, httpTarget } from '../package/support/gateway-checks.mjs';
import { ORIGIN } from '../package/support/gateway-presets.mjs';
import { PARTNER } from '../package/support/helpers.mjs';
import { loadPackage } from '../package/support/package.mjs';
import { startServer } from './server-process.mjs';

const runtimesDir = path.dirname(fileURLToPath(import.meta.url));
const workerdBin = process.env.OKSOFT_WORKERD_BIN ?? 'workerd';
const esbuildBin = process.env.OKSOFT_ESBUILD_BIN ?? 'esbuild';

/** Compatibility date of the worker; the pinned workerd release supports it. */
const COMPATIBILITY_DATE = '2026-11-01';

function run(command, args, cwd) {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')} failed (${error.message}); run scripts/setup.sh, which installs workerd and esbuild, or set OKSOFT_WORKERD_BIN and OKSOFT_ESBUILD_BIN\n${error.stderr ?? ''}`);
  }
}

/** Returns the workerd config: the bundle and the .wasm as modules, outbound fetch to 127.0.0.1 only. */
function workerdConfig(emulatorUrl) {
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "gateway", worker = .gatewayWorker),
    # Workers reach only public addresses by default; the emulator is on loopback.
    (name = "loopback", network = (allow = ["127.0.0.1/32"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "gateway")],
);

const gatewayWorker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "dist/worker.js"),
    (name = "oksoft_client_bg.wasm", wasm = embed "dist/oksoft_client_bg.wasm"),
  ],
  compatibilityDate = "${COMPATIBILITY_DATE}",
  bindings = [(name = "EMULATOR_URL", text = ${JSON.stringify(emulatorUrl)})],
  globalOutbound = "loopback",
);
`;
}

const versions = [run(workerdBin, ['--version']).trim(), `esbuild ${run(esbuildBin, ['--version']).trim()}`];
const { projectDir } = await loadPackage();
const appDir = path.join(projectDir, 'workerd-app');
mkdirSync(appDir, { recursive: true });
copyFileSync(path.join(runtimesDir, 'workerd-worker.mjs'), path.join(appDir, 'worker.mjs'));
copyFileSync(path.join(runtimesDir, '../package/support/gateway-presets.mjs'), path.join(appDir, 'gateway-presets.mjs'));

// wrangler's resolution: the workerd, worker and browser conditions, and .wasm imports
// kept as separate Wasm modules. --asset-names keeps the file name the config embeds.
run(esbuildBin, [
  'worker.mjs', '--bundle', '--format=esm', '--platform=neutral', '--conditions=workerd,worker,browser',
  '--loader:.wasm=copy', '--asset-names=[name]', '--outdir=dist', '--metafile=dist/meta.json', '--log-level=warning',
], appDir);
// A worker build on esbuild's node platform matches the node condition as well, which is
// why the package lists workerd first. This second bundle only records what it resolved to.
run(esbuildBin, [
  'worker.mjs', '--bundle', '--format=esm', '--platform=node', '--conditions=workerd,worker,browser',
  '--loader:.wasm=copy', '--asset-names=[name]', '--outdir=dist-node-platform', '--metafile=dist-node-platform/meta.json', '--log-level=warning',
], appDir);
const emulator = await startEmulator();
writeFileSync(path.join(appDir, 'gateway.capnp'), workerdConfig(emulator.baseUrl));

const server = await startServer({
  name: versions[0],
  command: workerdBin,
  args: ['serve', 'gateway.capnp', '--control-fd', '3'],
  cwd: appDir,
  // --control-fd writes {"event":"listen","socket":"http","port":N} once the socket listens.
  urlFrom: (line) => {
    const port = /^\{"event":"listen","socket":"http","port":(\d+)\}$/.exec(line)?.[1];
    return port === undefined ? null : `http://127.0.0.1:${port}`;
  },
});

/** Sends a partner login to a gateway of the worker and resolves to the HTTP status. */
async function partnerLoginStatus(gatewayName) {
  const response = await fetch(`${server.url}/g/${gatewayName}/partnersLogin`, {
    method: 'POST',
    headers: { Origin: ORIGIN, 'Content-Type': 'application/json' },
    body: JSON.stringify({ options: { login: PARTNER.id, password: PARTNER.password } }),
  });
  await response.arrayBuffer();
  return response.status;
}

// A request that waits for a login another request started is waiting on that request's
// I/O, which workerd cancels as hung (HTTP 500). The worker's client has `shareLogin: false`,
// so three concurrent first calls each log in themselves. The Ticket stays with the
// client, so the later calls and the checks below do not wait on another request.
const coldStatuses = await Promise.all([1, 2, 3].map((index) => partnerLoginStatus(`standard-cold${index}`)));
const laterStatus = await partnerLoginStatus('standard-later');
const outputBeforeChecks = server.output.length;

/** Returns the package's files that an esbuild bundle in `outdir` contains. */
function bundledPackageFiles(outdir) {
  const inputs = Object.keys(JSON.parse(readFileSync(path.join(appDir, outdir, 'meta.json'), 'utf8')).inputs);
  return inputs.filter((input) => input.includes('node_modules/oksoft-client/')).map((input) => input.split('node_modules/oksoft-client/')[1]);
}

for (const [label, outdir] of [['bundle', 'dist'], ['node-platform bundle', 'dist-node-platform']]) {
  test(`${label} takes the worker entry`, (t) => {
    t.diagnostic(versions.join(', '));
    const packageFiles = bundledPackageFiles(outdir);
    const listed = `bundled package files: ${packageFiles.join(', ')}`;
    for (const file of ['worker.js', 'gateway.js', 'worker/oksoft_client.js', 'worker/oksoft_client_bg.wasm']) {
      assert.ok(packageFiles.includes(file), `${file} is bundled; ${listed}`);
    }
    assert.equal(packageFiles.some((file) => file.startsWith('node/') || file.endsWith('.cjs')), false, `no Node build in the bundle: ${listed}`);
    assert.equal(packageFiles.some((file) => file === 'browser.js' || file.startsWith('web/')), false, `no browser build in the bundle: ${listed}`);
  });
}

test('later call succeeds', () => {
  assert.equal(laterStatus, 200);
});

test('concurrent first calls log in', () => {
  assert.deepEqual(coldStatuses, [200, 200, 200]);
});

defineGatewayChecks({ target: httpTarget(server.url), emulator });

test('worker logged nothing unexpected', () => {
  // workerd prints uncaught errors and console output of the worker; the gateway logs nothing.
  const unexpected = server.output.slice(outputBeforeChecks).filter((line) => !line.startsWith('{"event":"listen"'));
  assert.deepEqual(unexpected, []);
});
