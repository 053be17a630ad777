//! Attempts per key within a sliding time window, for partner logins and password
//! resets. Time comes from the caller, so the limiter is deterministic under test.

/// Most keys tracked at once. When a new key arrives at a full table, expired keys are
/// dropped first, then the key whose newest attempt is oldest.
const MAX_KEYS: usize = 20_000;

/// Most characters of a key built by `limit_key`. Longer values cannot be valid logins or
/// e-mails, so sharing one count between values that agree up to here costs nothing.
pub const MAX_KEY_CHARS: usize = 256;

/// Builds the limiter key of a login, an e-mail or a client address: trimmed as the
/// client trims values before sending them (`str::trim`, Unicode `White_Space`), and cut
/// to `MAX_KEY_CHARS` characters. The gateway lower-cases it in JS, so case variants
/// share a count: Rust's `char::to_lowercase` would add its Unicode tables, about 9 KB
/// gzip, to the shipped wasm.
pub fn limit_key(value: &str) -> String {
    value.trim().chars().take(MAX_KEY_CHARS).collect()
}

/// A sliding-window limit: at most `max_attempts` per key within `window_ms`.
///
/// Keys are kept in a vector sorted by key rather than a hash map, because the hash map's
/// code cost about 2 KB of the shipped wasm. With at most `MAX_KEYS` entries, a binary
/// search and an insert that shifts the tail are fast enough for logins.
#[derive(Debug, Clone)]
pub struct RateLimiter {
    max_attempts: usize,
    window_ms: f64,
    attempts: Vec<(String, Vec<f64>)>,
}

impl RateLimiter {
    /// Creates a limiter with no attempts recorded yet.
    pub fn new(max_attempts: usize, window_ms: f64) -> RateLimiter {
        RateLimiter { max_attempts: max_attempts.max(1), window_ms: window_ms.max(1.0), attempts: Vec::new() }
    }

    /// Records an attempt by `key` at `now_ms` when it is within the limit. Otherwise
    /// records nothing and returns the seconds until the oldest attempt leaves the
    /// window, for `Retry-After`.
    pub fn attempt(&mut self, key: &str, now_ms: f64) -> Result<(), u64> {
        let mut found = self.position(key);
        if found.is_err() && self.attempts.len() >= MAX_KEYS {
            self.forget_expired(now_ms);
            if self.attempts.len() >= MAX_KEYS {
                self.forget_oldest();
            }
            found = self.position(key);
        }
        let index = found.unwrap_or_else(|insert_at| {
            self.attempts.insert(insert_at, (key.to_string(), Vec::new()));
            insert_at
        });
        let Some((_, times)) = self.attempts.get_mut(index) else {
            return Ok(());
        };

        let window_ms = self.window_ms;
        times.retain(|time| now_ms - time < window_ms);
        if times.len() >= self.max_attempts {
            let oldest = times.first().copied().unwrap_or(now_ms);
            let wait_ms = (oldest + window_ms - now_ms).max(0.0);
            return Err((wait_ms / 1000.0).ceil().max(1.0) as u64);
        }
        times.push(now_ms);
        Ok(())
    }

    /// Removes one attempt that `key` recorded at `recorded_ms`, for a call that turned out
    /// not to count, such as a successful login. Does nothing when there is no such attempt.
    pub fn refund(&mut self, key: &str, recorded_ms: f64) {
        let Ok(index) = self.position(key) else {
            return;
        };
        let Some((_, times)) = self.attempts.get_mut(index) else {
            return;
        };
        if let Some(position) = times.iter().rposition(|time| *time == recorded_ms) {
            times.remove(position);
        }
        if times.is_empty() {
            self.attempts.remove(index);
        }
    }

    /// Returns the index of `key`, or the index where it would be inserted.
    fn position(&self, key: &str) -> Result<usize, usize> {
        self.attempts.binary_search_by(|(known, _)| known.as_str().cmp(key))
    }

    fn forget_expired(&mut self, now_ms: f64) {
        let window_ms = self.window_ms;
        self.attempts.retain(|(_, times)| times.last().is_some_and(|time| now_ms - time < window_ms));
    }

    /// Removes the key whose newest attempt is oldest, so that a flood of new keys pushes
    /// out stale counts one at a time instead of wiping the counts of active keys.
    fn forget_oldest(&mut self) {
        let newest_attempt = |times: &Vec<f64>| times.last().copied().unwrap_or(f64::NEG_INFINITY);
        let oldest = self
            .attempts
            .iter()
            .enumerate()
            .min_by(|(_, (_, left)), (_, (_, right))| newest_attempt(left).total_cmp(&newest_attempt(right)))
            .map(|(index, _)| index);
        if let Some(index) = oldest {
            self.attempts.remove(index);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_then_retry_after() {
        let mut limiter = RateLimiter::new(3, 60_000.0);
        for second in 0..3 {
            assert_eq!(limiter.attempt("127.0.0.1", f64::from(second) * 1000.0), Ok(()));
        }
        assert_eq!(limiter.attempt("127.0.0.1", 3_000.0), Err(57));
        assert_eq!(limiter.attempt("127.0.0.1", 59_999.0), Err(1));
        assert_eq!(limiter.attempt("127.0.0.1", 60_000.0), Ok(()), "the first attempt left the window");
    }

    #[test]
    fn keys_counted_apart() {
        let mut limiter = RateLimiter::new(1, 1_000.0);
        assert_eq!(limiter.attempt("login:5518", 0.0), Ok(()));
        assert_eq!(limiter.attempt("login:antonina", 0.0), Ok(()));
        assert!(limiter.attempt("login:5518", 10.0).is_err());
    }

    #[test]
    fn refused_attempts_not_counted() {
        let mut limiter = RateLimiter::new(2, 10_000.0);
        limiter.attempt("k", 0.0).unwrap();
        limiter.attempt("k", 1.0).unwrap();
        for time in 2..100 {
            assert!(limiter.attempt("k", f64::from(time)).is_err());
        }
        assert_eq!(limiter.attempt("k", 10_000.0), Ok(()));
    }

    #[test]
    fn refund_takes_back_one_attempt() {
        let mut limiter = RateLimiter::new(2, 10_000.0);
        limiter.attempt("k", 0.0).unwrap();
        limiter.attempt("k", 1.0).unwrap();
        limiter.refund("k", 1.0);
        assert_eq!(limiter.attempt("k", 2.0), Ok(()), "the refunded attempt freed a place");
        assert!(limiter.attempt("k", 3.0).is_err());

        limiter.refund("k", 5.0);
        limiter.refund("unknown", 0.0);
        assert!(limiter.attempt("k", 6.0).is_err(), "a refund of nothing recorded changes nothing");
    }

    #[test]
    fn refund_of_last_attempt_forgets_key() {
        let mut limiter = RateLimiter::new(1, 1_000.0);
        limiter.attempt("k", 0.0).unwrap();
        limiter.refund("k", 0.0);
        assert!(limiter.attempts.is_empty());
    }

    #[test]
    fn full_table_evicts_oldest_key_only() {
        let mut limiter = RateLimiter::new(1, 1_000_000.0);
        assert_eq!(limiter.attempt("target", 5.0), Ok(()));
        for key in 0..MAX_KEYS - 1 {
            assert_eq!(limiter.attempt(&format!("junk{key}"), 1.0), Ok(()));
        }
        assert_eq!(limiter.attempt("new", 10.0), Ok(()));
        assert_eq!(limiter.attempts.len(), MAX_KEYS);
        assert!(limiter.attempt("target", 11.0).is_err(), "the target's count survived a full table");
        let junk_left = limiter.attempts.iter().filter(|(key, _)| key.starts_with("junk")).count();
        assert_eq!(junk_left, MAX_KEYS - 2, "exactly one stale key was evicted");
    }

    #[test]
    fn limit_key_trims_like_client() {
        assert_eq!(limit_key("\u{85}Antonina@BK.ru\u{3000}"), "Antonina@BK.ru");
        assert_eq!(limit_key(" 5518\t"), "5518");
        let long = format!("{}@example.ru", "x".repeat(10_000));
        assert_eq!(limit_key(&long).chars().count(), MAX_KEY_CHARS);
    }

    #[test]
    fn full_table_drops_expired_keys_first() {
        let mut limiter = RateLimiter::new(1, 1_000.0);
        for key in 0..MAX_KEYS {
            assert_eq!(limiter.attempt(&key.to_string(), 0.0), Ok(()));
        }
        assert!(limiter.attempt("7", 10.0).is_err(), "a known key is still limited when the table is full");
        assert_eq!(limiter.attempt("new", 2_000.0), Ok(()));
        assert_eq!(limiter.attempts.len(), 1, "every older key had expired");
        assert!(limiter.attempt("new", 2_001.0).is_err());
    }
}
