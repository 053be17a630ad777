// Timing helpers shared by the Node run and the browser page: alternating blocks of
// several contenders, and order statistics. Plain ES module; uses only performance.now().

/** The value at quantile `q` (0 to 1) of `values`, by the nearest-rank method. */
export function quantile(values, q) {
  if (values.length === 0) {
    return NaN;
  }
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

export function median(values) {
  return quantile(values, 0.5);
}

/** Median and 99th percentile of samples in milliseconds, returned in microseconds. */
export function summarizeMicroseconds(samplesMs) {
  return { median: median(samplesMs) * 1000, p99: quantile(samplesMs, 0.99) * 1000, samples: samplesMs.length };
}

/**
 * Times `contenders` in alternating blocks, so drift of the machine hits all of them
 * alike. A contender is `{ name, run }`, where `run(n)` makes `n` calls and returns a
 * promise when they are asynchronous.
 *
 * Each contender first makes `warmUpCalls` calls. Then rounds follow, each running a
 * block of `blockCalls` calls of every contender, the order rotated every round, until
 * every contender has at least `minSamples` samples and `budgetMs` has passed, or
 * `maxRounds` rounds ran. A sample is the time of `callsPerSample` consecutive calls
 * divided by their number: 1 times each call alone, more suits calls shorter than the
 * timer's resolution. Returns samples in milliseconds by contender name.
 */
export async function measureAlternating(contenders, settings) {
  const { warmUpCalls, blockCalls, minSamples, budgetMs, maxRounds = Infinity, callsPerSample = 1 } = settings;
  const samples = Object.fromEntries(contenders.map((contender) => [contender.name, []]));

  for (const contender of contenders) {
    await runBlock(contender, warmUpCalls, callsPerSample, null);
  }

  const started = performance.now();
  for (let round = 0; round < maxRounds; round += 1) {
    for (let offset = 0; offset < contenders.length; offset += 1) {
      const contender = contenders[(round + offset) % contenders.length];
      await runBlock(contender, blockCalls, callsPerSample, samples[contender.name]);
    }
    const enoughSamples = contenders.every((contender) => samples[contender.name].length >= minSamples);
    if (enoughSamples && performance.now() - started >= budgetMs) {
      break;
    }
  }
  return samples;
}

async function runBlock(contender, calls, callsPerSample, samples) {
  for (let done = 0; done < calls; done += callsPerSample) {
    const start = performance.now();
    const pending = contender.run(callsPerSample);
    if (pending !== undefined) {
      await pending;
    }
    samples?.push((performance.now() - start) / callsPerSample);
  }
}

/** Formats a number with `digits` decimals, or an en dash for a missing figure. */
export function formatNumber(value, digits = 1) {
  return Number.isFinite(value) ? value.toFixed(digits) : '–';
}
