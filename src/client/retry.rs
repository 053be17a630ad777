//! Which failures are worth another attempt, and how long to wait before it.
//!
//! Only idempotent calls are repeated (the operation catalogue marks them): on network
//! errors, timeouts, 502, 503, 504 and 429. The wait grows exponentially with full
//! jitter, or follows the server's `Retry-After`.

use crate::protocol::decode::{parse_body, Envelope};
use crate::protocol::error::Error;
use crate::protocol::request::WireRequest;
use crate::transport::{HttpResponse, TransportError};

/// Attempts after the first when neither the client nor the call sets `maxRetries`.
pub const DEFAULT_MAX_RETRIES: u32 = 2;

/// Largest `maxRetries` accepted.
pub const MAX_RETRIES_LIMIT: u32 = 10;

/// Upper bound of the first wait, doubled for each further attempt.
const BASE_DELAY_MS: f64 = 250.0;

/// Upper bound of any wait. When a server's `Retry-After` is longer, the call fails at
/// once instead of staying open.
const MAX_DELAY_MS: f64 = 8_000.0;

/// Per-call settings that override the client's.
#[derive(Debug, Clone)]
pub struct CallOptions<S> {
    pub timeout_ms: Option<u32>,
    pub max_retries: Option<u32>,
    pub signal: Option<S>,
}

impl<S> Default for CallOptions<S> {
    fn default() -> Self {
        CallOptions { timeout_ms: None, max_retries: None, signal: None }
    }
}

/// One failed attempt.
#[derive(Debug, Clone)]
pub struct Failure {
    pub error: Error,
    /// Another attempt may succeed: a network error, a timeout, 502, 503, 504 or 429.
    pub retryable: bool,
    /// The request may have reached the server and taken effect.
    pub maybe_sent: bool,
    pub retry_after_ms: Option<u32>,
}

impl Failure {
    /// A failure that no repetition helps and that took no effect, such as an error
    /// envelope or a bad status.
    pub fn fatal(error: Error) -> Failure {
        Failure { error, retryable: false, maybe_sent: false, retry_after_ms: None }
    }

    /// Marks the failure as possibly sent when an earlier attempt of the same call may
    /// have reached the server, so its error no longer claims that nothing was sent.
    pub fn after_earlier_attempts(mut self, any_maybe_sent: bool) -> Failure {
        if any_maybe_sent && !self.maybe_sent {
            self.maybe_sent = true;
            self.error.not_sent = false;
        }
        self
    }
}

/// Classifies a request that got no HTTP response.
pub fn transport_failure(request: &WireRequest, error: TransportError, timeout_ms: u32) -> Failure {
    let method = request.wire_name;
    match error {
        TransportError::Network { detail, before_send } => {
            let error = Error::network(method, detail);
            let error = if before_send { error.nothing_sent() } else { error };
            Failure { error, retryable: true, maybe_sent: !before_send, retry_after_ms: None }
        }
        TransportError::Timeout => {
            Failure { error: Error::timeout(method, timeout_ms), retryable: true, maybe_sent: true, retry_after_ms: None }
        }
        TransportError::Aborted { before_send } => {
            let error = Error::aborted(method);
            let error = if before_send { error.nothing_sent() } else { error };
            Failure { error, retryable: false, maybe_sent: !before_send, retry_after_ms: None }
        }
    }
}

/// Classifies a response by its status; `None` for 2xx.
///
/// A non-2xx response that carries OKsoft's error envelope is that API error. Among
/// the rest, 502, 503 and 504 may hide an operation that was applied before a proxy
/// gave up, while 429 means the server rejected the request unprocessed.
pub fn status_failure(request: &WireRequest, response: &HttpResponse) -> Option<Failure> {
    let status = response.status;
    if (200..300).contains(&status) {
        return None;
    }

    let envelope = parse_body(request.operation, &response.body)
        .ok()
        .as_ref()
        .and_then(Envelope::read)
        .filter(|envelope| envelope.result_number < 0);
    if let Some(envelope) = envelope {
        if let Err(error) = envelope.check(request.operation) {
            return Some(Failure::fatal(error));
        }
    }

    let error = Error::http(request.wire_name, status);
    Some(match status {
        429 => Failure {
            error: error.nothing_sent(),
            retryable: true,
            maybe_sent: false,
            retry_after_ms: response.retry_after_ms,
        },
        502..=504 => Failure { error, retryable: true, maybe_sent: true, retry_after_ms: response.retry_after_ms },
        500..=599 => Failure { error, retryable: false, maybe_sent: true, retry_after_ms: None },
        _ => Failure::fatal(error),
    })
}

/// Milliseconds to wait before attempt `attempt + 1` (the first retry has `attempt` 0):
/// the server's `Retry-After` when given, else a uniformly random time up to
/// 250 ms × 2^attempt, at most 8 s ("full jitter"). `random` is in [0, 1). `None` when
/// `Retry-After` is longer than 8 s, so the call should fail instead.
pub fn backoff_delay_ms(attempt: u32, random: f64, retry_after_ms: Option<u32>) -> Option<u32> {
    if let Some(delay) = retry_after_ms {
        return (f64::from(delay) <= MAX_DELAY_MS).then_some(delay);
    }
    let ceiling = (BASE_DELAY_MS * f64::from(1u32 << attempt.min(16))).min(MAX_DELAY_MS);
    Some((ceiling * random.clamp(0.0, 1.0)) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_with_full_jitter() {
        assert_eq!(backoff_delay_ms(0, 0.0, None), Some(0));
        assert_eq!(backoff_delay_ms(0, 0.5, None), Some(125));
        assert_eq!(backoff_delay_ms(1, 0.5, None), Some(250));
        assert_eq!(backoff_delay_ms(2, 0.999, None), Some(999));
        assert_eq!(backoff_delay_ms(10, 0.5, None), Some(4_000), "capped at 8 s");
        assert_eq!(backoff_delay_ms(40, 1.0, None), Some(8_000));
    }

    #[test]
    fn retry_after_wins() {
        assert_eq!(backoff_delay_ms(0, 0.9, Some(3_000)), Some(3_000));
        assert_eq!(backoff_delay_ms(5, 0.9, Some(0)), Some(0));
        assert_eq!(backoff_delay_ms(0, 0.9, Some(8_001)), None, "too long to hold a call open");
    }
}
