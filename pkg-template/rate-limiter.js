// Attempts per key within a sliding time window, for the partner gateway's logins,
// password resets and registrations. Time comes from the caller, so the limiter is
// deterministic under test. Only Web-platform JS, so it runs in Node, Deno and workers.

/**
 * Most keys tracked at once. When a new key arrives at a full table, expired keys are
 * dropped first, then the key whose newest attempt is oldest.
 */
const MAX_KEYS = 20_000;

/** A sliding-window limit: at most `maxAttempts` per key within `windowMs`. */
export class RateLimiter {
  #maxAttempts;
  #windowMs;
  /** Each key's attempt times, in the order they were recorded. No key has an empty list. */
  #attempts = new Map();

  constructor(maxAttempts, windowMs) {
    this.#maxAttempts = Math.max(maxAttempts, 1);
    this.#windowMs = Math.max(windowMs, 1);
  }

  /** Number of keys tracked. */
  get size() {
    return this.#attempts.size;
  }

  /**
   * Records an attempt by `key` at `nowMs` and returns 0 when it is within the limit.
   * Otherwise records nothing and returns the seconds until the oldest attempt leaves
   * the window, at least 1, for `Retry-After`.
   */
  attempt(key, nowMs) {
    if (!this.#attempts.has(key) && this.#attempts.size >= MAX_KEYS) {
      this.#forgetExpired(nowMs);
      if (this.#attempts.size >= MAX_KEYS) {
        this.#forgetOldest();
      }
    }

    const recent = (this.#attempts.get(key) ?? []).filter((time) => nowMs - time < this.#windowMs);
    this.#attempts.set(key, recent);
    if (recent.length >= this.#maxAttempts) {
      const waitMs = Math.max(recent[0] + this.#windowMs - nowMs, 0);
      return Math.max(Math.ceil(waitMs / 1000), 1);
    }
    recent.push(nowMs);
    return 0;
  }

  /**
   * Removes one attempt that `key` recorded at `recordedMs`, for a call that turned out
   * not to count, such as a successful login. Does nothing when there is no such attempt.
   */
  refund(key, recordedMs) {
    const times = this.#attempts.get(key);
    if (times === undefined) {
      return;
    }
    const index = times.lastIndexOf(recordedMs);
    if (index !== -1) {
      times.splice(index, 1);
    }
    if (times.length === 0) {
      this.#attempts.delete(key);
    }
  }

  #forgetExpired(nowMs) {
    for (const [key, times] of this.#attempts) {
      if (!(nowMs - times[times.length - 1] < this.#windowMs)) {
        this.#attempts.delete(key);
      }
    }
  }

  /**
   * Removes the key whose newest attempt is oldest, so that a flood of new keys pushes
   * out stale counts one at a time instead of wiping the counts of active keys. Of keys
   * with the same newest attempt, the one stored first goes.
   */
  #forgetOldest() {
    let oldestKey;
    let oldestTime;
    for (const [key, times] of this.#attempts) {
      const newest = times[times.length - 1];
      if (oldestKey === undefined || newest < oldestTime) {
        oldestKey = key;
        oldestTime = newest;
      }
    }
    this.#attempts.delete(oldestKey);
  }
}
