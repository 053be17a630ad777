// Browser side of the per-call benchmark: loads both browser builds, then waits for
// bench/run.mjs to call window.runPerCall(settings) through Playwright.

import init, { OksoftClient, md5Hex } from '/pkg/browser.js';
import { BaselineClient, md5Hex as baselineMd5Hex } from '/build/oksoft-baseline.bundle.js';
import { measurePerCall } from '/bench/lib/per-call.mjs';

/** Returns the smallest step of performance.now() seen, in microseconds. */
function timerResolutionMicroseconds() {
  let smallest = Infinity;
  for (let index = 0; index < 200; index += 1) {
    const start = performance.now();
    let next = performance.now();
    while (next === start) {
      next = performance.now();
    }
    smallest = Math.min(smallest, next - start);
  }
  return smallest * 1000;
}

window.runPerCall = (settings) =>
  measurePerCall({ OursClient: OksoftClient, BaselineClient, oursMd5Hex: md5Hex, baselineMd5Hex }, settings);
window.timerResolutionMicroseconds = timerResolutionMicroseconds;

init().then(
  () => {
    window.benchReady = { crossOriginIsolated: window.crossOriginIsolated };
  },
  (error) => {
    window.benchReady = { error: String(error?.stack ?? error) };
  },
);
