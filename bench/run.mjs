// Benchmarks of oksoft-client side by side with the hand-written JavaScript client in
// bench/baseline/, printed as one Markdown table. Figures only: nothing here asserts a
// timing, and the targets at the end are printed as met or not met.
//
//   node bench/run.mjs [--skip-browser]
//
// scripts/bench.sh builds what this needs and runs it. It reads the package from pkg/,
// starts the emulator from $OKSOFT_EMULATOR_BIN on a free loopback port, and uses
// Chromium at $CHROMIUM_BIN (default /usr/bin/chromium). BENCHMARKS.md explains each
// figure.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';

import { BaselineClient, md5Hex as baselineMd5Hex } from './baseline/oksoft-baseline.mjs';
import { measureBrowser } from './lib/browser.mjs';
import { measureNodeColdStart } from './lib/cold-start.mjs';
import { formatNumber } from './lib/measure.mjs';
import { measurePerCall } from './lib/per-call.mjs';
import { bundleBaseline, measureSizes } from './lib/sizes.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(benchDir, '..');
const pkgDir = path.join(repoRoot, 'pkg');
const baselineEntry = path.join(benchDir, 'baseline', 'oksoft-baseline.mjs');

const { values: flags } = parseArgs({ options: { 'skip-browser': { type: 'boolean', default: false } } });

/** Settings of every measurement, in one place so BENCHMARKS.md can quote them. */
const SETTINGS = {
  nodePerCall: {
    async: { warmUpCalls: 2_000, blockCalls: 200, minSamples: 5_000, budgetMs: 2_500 },
    md5: { warmUpCalls: 20_000, blockCalls: 5_000, minSamples: 500, budgetMs: 500, callsPerSample: 100 },
  },
  browserPerCall: {
    async: { warmUpCalls: 1_000, blockCalls: 100, minSamples: 300, budgetMs: 2_000, callsPerSample: 10 },
    md5: { warmUpCalls: 20_000, blockCalls: 5_000, minSamples: 200, budgetMs: 500, callsPerSample: 500 },
  },
  coldStartSamples: 15,
  throughput: { concurrencies: [1, 64, 256], durationMs: 500, initialWarmUpMs: 4_000, warmUpMs: 300, rounds: 6 },
  memoryCalls: 100_000,
};

const emulatorBinary = process.env.OKSOFT_EMULATOR_BIN;
if (!emulatorBinary) {
  console.error('run.mjs: set OKSOFT_EMULATOR_BIN to the emulator binary (scripts/bench.sh does)');
  process.exit(2);
}
const chromiumBinary = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

const ours = await import(pathToFileURL(path.join(pkgDir, 'index.mjs')).href);
const log = (message) => console.error(`[bench] ${message}`);
const runNode = promisify(execFile);

async function machineDescription() {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  return {
    nproc: os.availableParallelism(),
    cpu: model.trim(),
    node: process.version,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

async function measureMemory(clientName) {
  const probe = path.join(benchDir, 'lib', 'memory-probe.mjs');
  const { stdout } = await runNode(process.execPath, ['--expose-gc', probe, clientName, String(SETTINGS.memoryCalls)]);
  return JSON.parse(stdout);
}

async function measureEndToEnd() {
  const script = path.join(benchDir, 'lib', 'throughput-run.mjs');
  const { stdout } = await runNode(process.execPath, [script, emulatorBinary, JSON.stringify(SETTINGS.throughput)]);
  return JSON.parse(stdout);
}

const ratio = (left, right) => formatNumber(left / right, 2);
const microseconds = (summary) => `${formatNumber(summary.median)} (p99 ${formatNumber(summary.p99)})`;
const kilobytes = (bytes) => `${formatNumber(bytes / 1024, 1)} KB`;
const megabytes = (bytes) => `${formatNumber(bytes / (1024 * 1024), 1)} MB`;

/** Builds the table rows, `[figure, ours, baseline, ours / baseline]`, of every measurement. */
function tableRows(results) {
  const rows = [];
  const section = (title) => rows.push([`**${title}**`, '', '', '']);

  section('Node, per call with in-memory fetch, µs: median (p99)');
  for (const row of results.nodePerCall.rows) {
    rows.push([row.operation, microseconds(row.ours), microseconds(row.baseline), ratio(row.ours.median, row.baseline.median)]);
  }
  const own = results.nodePerCall.ownWork;
  rows.push(['PartnersGet fetch-only loop (Response + arrayBuffer() / json()), median', formatNumber(own.fetchArrayBuffer), formatNumber(own.fetchJson), ratio(own.fetchArrayBuffer, own.fetchJson)]);
  rows.push(['PartnersGet client own work (call − fetch-only), median', formatNumber(own.ours), formatNumber(own.baseline), ratio(own.ours, own.baseline)]);

  section(`Node cold start, ms: median of ${SETTINGS.coldStartSamples} fresh processes`);
  const coldSteps = [
    ['importMs', 'import'],
    ['initMs', 'initialise (init() + constructor)'],
    ['firstCallMs', 'first call resolved (UsersLogin + PartnersGet)'],
    ['totalMs', 'import to first result'],
    ['sinceProcessStartMs', 'process start to first result'],
  ];
  for (const [key, label] of coldSteps) {
    const { ours: mine, baseline } = results.nodeColdStart;
    rows.push([label, formatNumber(mine[key], 2), formatNumber(baseline[key], 2), ratio(mine[key], baseline[key])]);
  }

  section('End to end against the emulator, PartnersGet calls/s (Node CPU µs per call)');
  for (const [concurrency, { ours: mine, baseline }] of Object.entries(results.throughput)) {
    rows.push([
      `concurrency ${concurrency}`,
      `${formatNumber(mine.callsPerSecond, 0)} (${formatNumber(mine.cpuMicrosecondsPerCall, 0)})`,
      `${formatNumber(baseline.callsPerSecond, 0)} (${formatNumber(baseline.cpuMicrosecondsPerCall, 0)})`,
      ratio(mine.callsPerSecond, baseline.callsPerSecond),
    ]);
  }

  section('Browser bundle, shipped bytes (sum of files)');
  for (const kind of ['raw', 'gzip', 'brotli']) {
    rows.push([kind, kilobytes(results.sizes.ours.total[kind]), kilobytes(results.sizes.baseline.total[kind]), ratio(results.sizes.ours.total[kind], results.sizes.baseline.total[kind])]);
  }
  const wasmFile = results.sizes.ours.files.find((file) => file.file.endsWith('.wasm'));
  rows.push(['of which .wasm, gzip', kilobytes(wasmFile.gzip), '', '']);

  section(`Node memory after ${SETTINGS.memoryCalls.toLocaleString('en')} PartnersGet calls (in-memory fetch)`);
  const memory = results.memory;
  rows.push(['JS heap used, one GC right after the loop', megabytes(memory.ours.heapBeforeSettling), megabytes(memory.baseline.heapBeforeSettling), ratio(memory.ours.heapBeforeSettling, memory.baseline.heapBeforeSettling)]);
  rows.push(['JS heap used after GCs and 0.6 s of event-loop turns', megabytes(memory.ours.heapAtEnd), megabytes(memory.baseline.heapAtEnd), ratio(memory.ours.heapAtEnd, memory.baseline.heapAtEnd)]);
  rows.push(['JS heap growth since warm-up, after settling', megabytes(memory.ours.heapAtEnd - memory.ours.heapAfterWarmUp), megabytes(memory.baseline.heapAtEnd - memory.baseline.heapAfterWarmUp), '']);
  rows.push(['wasm memory after warm-up → at the end', `${kilobytes(memory.ours.wasmAfterWarmUp)} → ${kilobytes(memory.ours.wasmAtEnd)}`, 'no wasm', '']);

  if (results.browser) {
    const browser = results.browser;
    section(`Chromium ${browser.browserVersion}, per call with in-memory fetch, µs: median (p99) of ${SETTINGS.browserPerCall.async.callsPerSample}-call means`);
    for (const row of browser.perCall.rows) {
      rows.push([row.operation, microseconds(row.ours), microseconds(row.baseline), ratio(row.ours.median, row.baseline.median)]);
    }
    const browserOwn = browser.perCall.ownWork;
    rows.push(['PartnersGet client own work (call − fetch-only), median', formatNumber(browserOwn.ours), formatNumber(browserOwn.baseline), ratio(browserOwn.ours, browserOwn.baseline)]);

    section(`Chromium cold start, ms: median of ${SETTINGS.coldStartSamples} fresh contexts`);
    const browserSteps = [
      ['importMs', 'import'],
      ['initMs', 'initialise (init(): fetch + compile wasm; constructor)'],
      ['firstCallMs', 'first call resolved (UsersLogin + PartnersGet)'],
      ['totalMs', 'import to first result'],
      ['sinceNavigationStartMs', 'navigation start to first result'],
    ];
    for (const [key, label] of browserSteps) {
      const { ours: mine, baseline } = browser.coldStart;
      rows.push([label, formatNumber(mine[key], 2), formatNumber(baseline[key], 2), ratio(mine[key], baseline[key])]);
    }
  }
  return rows;
}

function printTable(rows) {
  const header = ['Figure', 'oksoft-client', 'baseline', 'ours / baseline'];
  const lines = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
  console.log(lines.join('\n'));
}

/** Returns a line per target of BENCHMARKS.md with its figures and whether it is met. */
function targetLines(results) {
  const perCallRatios = results.nodePerCall.rows.map((row) => row.ours.median / row.baseline.median);
  const worstPerCall = Math.max(...perCallRatios);
  const ownWork = results.nodePerCall.ownWork.ours;
  const cold = results.nodeColdStart;
  const coldDelta = cold.ours.totalMs - cold.baseline.totalMs;
  const throughputGaps = Object.entries(results.throughput).map(([concurrency, figures]) => [
    concurrency,
    figures.ours.callsPerSecond / figures.baseline.callsPerSecond - 1,
  ]);
  const worstThroughputGap = Math.min(...throughputGaps.map(([, gap]) => gap));
  const bundleGzip = results.sizes.ours.total.gzip;
  const verdict = (met) => (met ? 'met' : 'NOT met');
  return [
    `- per-call CPU ≤ 1.2× baseline on every operation (Node, medians): worst ${formatNumber(worstPerCall, 2)}×: ${verdict(worstPerCall <= 1.2)}`,
    `- client's own work per PartnersGet call < 8 µs (Node): ${formatNumber(ownWork)} µs: ${verdict(ownWork < 8)}`,
    `- cold start to first result ≤ baseline + 20 ms (Node): ${formatNumber(coldDelta, 2)} ms more: ${verdict(coldDelta <= 20)}`,
    `- throughput within 5% of baseline at every concurrency: ${throughputGaps.map(([concurrency, gap]) => `${concurrency}: ${formatNumber(gap * 100, 1)}%`).join(', ')}: ${verdict(worstThroughputGap >= -0.05)}`,
    `- browser bundle (wasm + glue) ≤ 40 KB gzip: ${kilobytes(bundleGzip)}: ${verdict(bundleGzip <= 40 * 1024)}`,
  ];
}

const buildDir = await mkdtemp(path.join(os.tmpdir(), 'oksoft-bench-'));
try {
  const results = { machine: await machineDescription() };

  log('bundling the baseline for browsers with esbuild');
  const baselineBundle = await bundleBaseline(baselineEntry, path.join(buildDir, 'oksoft-baseline.bundle.js'));
  // Every module the browser entry imports, the glue's snippet among them, and the wasm.
  const glue = await readFile(path.join(pkgDir, 'web/oksoft_client.js'), 'utf8');
  const snippets = [...glue.matchAll(/from '\.\/(snippets\/[^']+)'/g)].map((match) => `web/${match[1]}`);
  const oursFiles = [
    'browser.js', 'web-entry.js', 'gateway-client.js', 'option-names.js', 'oksoft-error.js', 'messages.js',
    'message-templates.js', 'web/oksoft_client.js', ...snippets, 'web/oksoft_client_bg.wasm',
  ].map((file) => path.join(pkgDir, file));
  results.sizes = {
    ours: await measureSizes(oursFiles, pkgDir),
    baseline: await measureSizes([baselineBundle], buildDir),
  };

  log('Node: per-call CPU with the in-memory fetch');
  results.nodePerCall = await measurePerCall(
    { OursClient: ours.OksoftClient, BaselineClient, oursMd5Hex: ours.md5Hex, baselineMd5Hex },
    SETTINGS.nodePerCall,
  );

  log(`Node: cold start, ${SETTINGS.coldStartSamples} processes per client`);
  results.nodeColdStart = await measureNodeColdStart(
    {
      ours: pathToFileURL(path.join(pkgDir, 'index.mjs')).href,
      baseline: pathToFileURL(baselineEntry).href,
      canned: pathToFileURL(path.join(benchDir, 'lib', 'canned.mjs')).href,
    },
    SETTINGS.coldStartSamples,
  );

  log(`Node: memory after ${SETTINGS.memoryCalls} calls, one process per client`);
  results.memory = { ours: await measureMemory('ours'), baseline: await measureMemory('baseline') };

  log('Node: end to end against the emulator, in a process of its own');
  results.throughput = await measureEndToEnd();

  if (!flags['skip-browser']) {
    log(`Chromium (${chromiumBinary}): per-call CPU and cold start`);
    results.browser = await measureBrowser({
      mounts: {
        '/pkg/': pkgDir,
        '/build/': buildDir,
        '/bench/lib/': path.join(benchDir, 'lib'),
        '/bench/page/': path.join(benchDir, 'page'),
      },
      executablePath: chromiumBinary,
      perCallSettings: SETTINGS.browserPerCall,
      coldStartSamples: SETTINGS.coldStartSamples,
    });
  }

  const { machine } = results;
  console.log(`Machine: ${machine.nproc} CPUs (nproc), ${machine.cpu}; Node ${machine.node}; ${machine.date}`);
  if (results.browser) {
    const browser = results.browser;
    console.log(`Chromium ${browser.browserVersion}, crossOriginIsolated ${browser.crossOriginIsolated}, timer step ${formatNumber(browser.timerResolutionUs, 1)} µs`);
  }
  console.log('');
  printTable(tableRows(results));
  console.log('');
  console.log('Targets:');
  console.log(targetLines(results).join('\n'));
} finally {
  await rm(buildDir, { recursive: true, force: true });
}
