// Per-call CPU cost of both clients with the in-memory fetch, shared by the Node run and
// the browser page. The caller passes the client classes and md5 functions, because
// Node and the browser load them from different files.

import { MEASURED_CALLS, cannedFetch, clientOptions } from './canned.mjs';
import { measureAlternating, median, summarizeMicroseconds } from './measure.mjs';

/** Text hashed in the md5Hex rows: a password with characters that need escaping. */
const MD5_INPUT = 'qwe?rt%y';

/** Its upper-case MD5, which both md5Hex functions must return. */
const MD5_HASH = '9A9CC0F68DC880208AE49FA8DD73340A';

/** Makes a synchronous `run(n)` of `n` md5Hex calls; the last hash is kept for a check. */
function md5Runner(md5Hex) {
  let hash = '';
  return {
    run(count) {
      for (let index = 0; index < count; index += 1) {
        hash = md5Hex(MD5_INPUT);
      }
    },
    lastHash: () => hash,
  };
}

/** Makes a contender's `run(n)`: `n` awaited calls of `method` with `options`. */
function callRunner(client, method, options) {
  return async (count) => {
    for (let index = 0; index < count; index += 1) {
      await client[method](options);
    }
  };
}

/**
 * Measures each operation of MEASURED_CALLS and md5Hex for both clients, and the
 * fetch-only loops of PartnersGet. `settings` has `async` and `md5` timing settings for
 * measureAlternating. Returns `{ rows, ownWork }`: per-row microsecond summaries, and
 * each client's PartnersGet median minus its fetch-only median.
 */
export async function measurePerCall({ OursClient, BaselineClient, oursMd5Hex, baselineMd5Hex }, settings) {
  const ours = new OursClient(clientOptions());
  const baseline = new BaselineClient(clientOptions());
  const rows = [];
  let ownWork = null;

  for (const { operation, method, options } of MEASURED_CALLS) {
    const contenders = [
      { name: 'ours', run: callRunner(ours, method, options) },
      { name: 'baseline', run: callRunner(baseline, method, options) },
    ];
    const isPartnersGet = method === 'partnersGet';
    if (isPartnersGet) {
      // What each client's fetch step costs without the client: the Response created by
      // the canned fetch, read as arrayBuffer() (ours) or json() (the baseline).
      contenders.push(
        { name: 'fetchArrayBuffer', run: fetchOnlyRunner((response) => response.arrayBuffer()) },
        { name: 'fetchJson', run: fetchOnlyRunner((response) => response.json()) },
      );
    }
    const samples = await measureAlternating(contenders, settings.async);
    rows.push({ operation, ours: summarizeMicroseconds(samples.ours), baseline: summarizeMicroseconds(samples.baseline) });

    if (isPartnersGet) {
      const fetchArrayBuffer = median(samples.fetchArrayBuffer) * 1000;
      const fetchJson = median(samples.fetchJson) * 1000;
      ownWork = {
        fetchArrayBuffer,
        fetchJson,
        ours: median(samples.ours) * 1000 - fetchArrayBuffer,
        baseline: median(samples.baseline) * 1000 - fetchJson,
      };
    }
  }

  const oursMd5 = md5Runner(oursMd5Hex);
  const baselineMd5 = md5Runner(baselineMd5Hex);
  const md5Samples = await measureAlternating(
    [
      { name: 'ours', run: oursMd5.run },
      { name: 'baseline', run: baselineMd5.run },
    ],
    settings.md5,
  );
  for (const hash of [oursMd5.lastHash(), baselineMd5.lastHash()]) {
    if (hash !== MD5_HASH) {
      throw new Error(`md5Hex(${JSON.stringify(MD5_INPUT)}) returned ${JSON.stringify(hash)}, expected ${MD5_HASH}`);
    }
  }
  rows.push({ operation: 'md5Hex alone', ours: summarizeMicroseconds(md5Samples.ours), baseline: summarizeMicroseconds(md5Samples.baseline) });

  ours.free?.();
  return { rows, ownWork };
}

/** A URL of the shape the clients send, so the canned fetch does the same lookup. */
const PARTNERS_GET_URL = 'http://oksoft.invalid/api/Service/PartnersGet?PartnersCode=24&Ticket=T&Format=json';

/** Makes `run(n)` of a fetch-only loop: fetch from memory, then `read` the Response. */
function fetchOnlyRunner(read) {
  return async (count) => {
    for (let index = 0; index < count; index += 1) {
      const response = await cannedFetch(PARTNERS_GET_URL);
      await read(response);
    }
  };
}
