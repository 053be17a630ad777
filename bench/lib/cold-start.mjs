// Cold start in Node: each sample is a fresh `node` process that imports one client,
// initialises it and awaits its first call (PartnersGet with the in-memory fetch, so the
// lazy UsersLogin runs too), timing each step with performance.now().

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { median } from './measure.mjs';

const run = promisify(execFile);

/**
 * Returns the script a sample runs. The canned fetch is imported before the clock starts, so
 * only the client's own import counts. `init` is the package's init() (it resolves at
 * once in Node, where the wasm loads during import) plus the constructor.
 */
function sampleScript(client, urls) {
  const importClient =
    client === 'ours'
      ? `const { OksoftClient, init } = await import(${JSON.stringify(urls.ours)});`
      : `const { BaselineClient: OksoftClient } = await import(${JSON.stringify(urls.baseline)}); const init = async () => {};`;
  return `
    const { clientOptions } = await import(${JSON.stringify(urls.canned)});
    const started = performance.now();
    ${importClient}
    const imported = performance.now();
    await init();
    const client = new OksoftClient(clientOptions());
    const initialised = performance.now();
    const partner = await client.partnersGet({ partnersCode: 24 });
    const resolved = performance.now();
    if (partner.code !== 24) throw new Error('unexpected PartnersGet result ' + JSON.stringify(partner));
    console.log(JSON.stringify({
      importMs: imported - started,
      initMs: initialised - imported,
      firstCallMs: resolved - initialised,
      totalMs: resolved - started,
      sinceProcessStartMs: resolved,
    }));
  `;
}

/**
 * Runs `samples` fresh processes per client, alternating which goes first, and returns
 * the median of each step in milliseconds, by client name.
 */
export async function measureNodeColdStart(urls, samples) {
  const results = { ours: [], baseline: [] };
  for (let index = 0; index < samples; index += 1) {
    const order = index % 2 === 0 ? ['ours', 'baseline'] : ['baseline', 'ours'];
    for (const client of order) {
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', sampleScript(client, urls)]);
      results[client].push(JSON.parse(stdout));
    }
  }
  return {
    ours: medianOfSteps(results.ours),
    baseline: medianOfSteps(results.baseline),
  };
}

/** Returns the median of each step over samples of `{ importMs, initMs, ... }`. */
export function medianOfSteps(samples) {
  const steps = Object.keys(samples[0]);
  return Object.fromEntries(steps.map((step) => [step, median(samples.map((sample) => sample[step]))]));
}
