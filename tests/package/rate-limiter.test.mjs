// The partner gateway's rate limiter (rate-limiter.js), in the packed package's ES module
// and CommonJS copies: the sliding window, Retry-After, refunds and the full table.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';

import { loadPackage } from './support/package.mjs';

const { projectDir } = await loadPackage();
const installedDir = path.join(projectDir, 'node_modules', 'oksoft-client');

const copies = {
  ESM: (await import(pathToFileURL(path.join(installedDir, 'rate-limiter.js')).href)).RateLimiter,
  CJS: createRequire(import.meta.url)(path.join(installedDir, 'rate-limiter.cjs')).RateLimiter,
};

/** Most keys the limiter tracks at once. */
const MAX_KEYS = 20_000;

for (const [copy, RateLimiter] of Object.entries(copies)) {
  describe(`rate limiter (${copy})`, () => {
    test('limit then Retry-After', () => {
      const limiter = new RateLimiter(3, 60_000);
      for (const second of [0, 1, 2]) {
        assert.equal(limiter.attempt('127.0.0.1', second * 1000), 0);
      }
      assert.equal(limiter.attempt('127.0.0.1', 3_000), 57);
      assert.equal(limiter.attempt('127.0.0.1', 59_999), 1, 'a wait under a second rounds up to 1');
      assert.equal(limiter.attempt('127.0.0.1', 60_000), 0, 'the first attempt left the window');
    });

    test('keys counted apart', () => {
      const limiter = new RateLimiter(1, 1_000);
      assert.equal(limiter.attempt('login:5518', 0), 0);
      assert.equal(limiter.attempt('login:antonina', 0), 0);
      assert.ok(limiter.attempt('login:5518', 10) > 0);
    });

    test('refused attempts not counted', () => {
      const limiter = new RateLimiter(2, 10_000);
      assert.equal(limiter.attempt('k', 0), 0);
      assert.equal(limiter.attempt('k', 1), 0);
      for (let time = 2; time < 100; time += 1) {
        assert.ok(limiter.attempt('k', time) > 0, `attempt at ${time}`);
      }
      assert.equal(limiter.attempt('k', 10_000), 0);
    });

    test('refund takes back one attempt', () => {
      const limiter = new RateLimiter(2, 10_000);
      assert.equal(limiter.attempt('k', 0), 0);
      assert.equal(limiter.attempt('k', 1), 0);
      limiter.refund('k', 1);
      assert.equal(limiter.attempt('k', 2), 0, 'the refunded attempt freed a place');
      assert.ok(limiter.attempt('k', 3) > 0);

      limiter.refund('k', 5);
      limiter.refund('unknown', 0);
      assert.ok(limiter.attempt('k', 6) > 0, 'a refund of nothing recorded changes nothing');
    });

    test('refund of last attempt forgets key', () => {
      const limiter = new RateLimiter(1, 1_000);
      assert.equal(limiter.attempt('k', 0), 0);
      limiter.refund('k', 0);
      assert.equal(limiter.size, 0);
    });

    test('full table evicts oldest key only', () => {
      const limiter = new RateLimiter(1, 1_000_000);
      assert.equal(limiter.attempt('target', 5), 0);
      for (let key = 0; key < MAX_KEYS - 1; key += 1) {
        assert.equal(limiter.attempt(`junk${key}`, 1), 0);
      }
      assert.equal(limiter.attempt('new', 10), 0);
      assert.equal(limiter.size, MAX_KEYS);
      assert.ok(limiter.attempt('target', 11) > 0, "the target's count survived a full table");
      assert.ok(limiter.attempt('new', 12) > 0, 'the new key is counted');
      // Both refusals recorded nothing and evicted nothing, so exactly one junk key went:
      // of keys with the same newest attempt, the one stored first.
      assert.equal(limiter.size, MAX_KEYS);
      assert.ok(limiter.attempt('junk1', 13) > 0, 'junk1 is still counted');
      assert.equal(limiter.attempt('junk0', 14), 0, 'junk0 was evicted');
    });

    test('full table drops expired keys first', () => {
      const limiter = new RateLimiter(1, 1_000);
      for (let key = 0; key < MAX_KEYS; key += 1) {
        assert.equal(limiter.attempt(String(key), 0), 0);
      }
      assert.ok(limiter.attempt('7', 10) > 0, 'a known key is still limited when the table is full');
      assert.equal(limiter.attempt('new', 2_000), 0);
      assert.equal(limiter.size, 1, 'every older key had expired');
      assert.ok(limiter.attempt('new', 2_001) > 0);
    });
  });
}
