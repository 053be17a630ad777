// End-to-end calls per second against a local emulator: PartnersGet over real HTTP with
// Node's global fetch, at a fixed number of calls in flight.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

const LISTENING_PREFIX = 'OKsoft emulator listening on ';

/** Starts `binary --port 0 --quiet` and resolves to `{ url, stop }` once it listens. */
export async function startEmulator(binary) {
  const child = spawn(binary, ['--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`the emulator ${binary} exited with code ${code} before it listened`);
  });
  const lines = createInterface({ input: child.stdout });
  const [firstLine] = await Promise.race([once(lines, 'line'), exited]);
  if (!firstLine.startsWith(LISTENING_PREFIX)) {
    child.kill('SIGTERM');
    throw new Error(`unexpected first line from the emulator: ${firstLine}`);
  }
  exited.catch(() => {});
  // Keep reading so the pipe never fills.
  lines.on('line', () => {});
  return { url: firstLine.slice(LISTENING_PREFIX.length).trim(), stop: () => child.kill('SIGTERM') };
}

/**
 * Runs PartnersGet with `concurrency` calls in flight for `durationMs`. Returns the
 * number of calls, the elapsed time and the CPU time of this Node process (all its
 * threads, user and system) in milliseconds.
 */
async function runFor(client, concurrency, durationMs) {
  const options = { partnersCode: 24 };
  const deadline = performance.now() + durationMs;
  let calls = 0;
  async function worker() {
    while (performance.now() < deadline) {
      await client.partnersGet(options);
      calls += 1;
    }
  }
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { calls, ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/**
 * Measures calls per second of each client in `clients` (by name) at each concurrency.
 * First both clients run alternately at the highest concurrency for `initialWarmUpMs`
 * each: calls per second still rose for about three seconds after the emulator started
 * on the machine of BENCHMARKS.md. Then, per concurrency, a warm-up of `warmUpMs` per
 * client and `rounds` runs of `durationMs` per client in alternating order.
 * Returns `{ [concurrency]: { [name]: { callsPerSecond, cpuMicrosecondsPerCall } } }`,
 * where the CPU time is this Node process's, so the emulator's is not in it.
 */
export async function measureThroughput(clients, { concurrencies, durationMs, initialWarmUpMs, warmUpMs, rounds }) {
  const names = Object.keys(clients);
  const results = {};
  const warmUpSlices = Math.max(1, Math.round(initialWarmUpMs / durationMs));
  for (let slice = 0; slice < warmUpSlices; slice += 1) {
    for (const name of names) {
      await runFor(clients[name], Math.max(...concurrencies), initialWarmUpMs / warmUpSlices);
    }
  }
  for (const concurrency of concurrencies) {
    for (const name of names) {
      await runFor(clients[name], concurrency, warmUpMs);
    }
    const totals = Object.fromEntries(names.map((name) => [name, { calls: 0, ms: 0, cpuMs: 0 }]));
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 === 0 ? names : [...names].reverse();
      for (const name of order) {
        const { calls, ms, cpuMs } = await runFor(clients[name], concurrency, durationMs);
        totals[name].calls += calls;
        totals[name].ms += ms;
        totals[name].cpuMs += cpuMs;
      }
    }
    results[concurrency] = Object.fromEntries(
      names.map((name) => {
        const { calls, ms, cpuMs } = totals[name];
        return [name, { callsPerSecond: (calls * 1000) / ms, cpuMicrosecondsPerCall: (cpuMs * 1000) / calls }];
      }),
    );
  }
  return results;
}
