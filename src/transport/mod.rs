//! Sending a `WireRequest` over HTTP, and waiting between retries.
//!
//! The native client is generic over `Transport`, so tests drive it with a scripted
//! transport. The wasm build has no Rust transport: its JS driver, `src/js/driver.js`,
//! sends with `fetch` and reports each response in these types.

use std::future::Future;

use crate::protocol::numbers::parse_decimal;
use crate::protocol::request::WireRequest;

/// Longest `Retry-After` honoured, in seconds; longer values are capped.
const MAX_RETRY_AFTER_SECONDS: f64 = 60.0;

/// Status, body and `Retry-After` of an HTTP response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub body: Vec<u8>,
    /// `Retry-After` in milliseconds, when the header holds a number of seconds.
    pub retry_after_ms: Option<u32>,
}

impl HttpResponse {
    /// A response without `Retry-After`.
    pub fn new(status: u16, body: Vec<u8>) -> HttpResponse {
        HttpResponse { status, body, retry_after_ms: None }
    }
}

/// Reason a request got no HTTP response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// No connection, DNS failure, CORS refusal, connection reset. `detail` names the
    /// cause and never contains the URL's secrets; `before_send` is true only when the
    /// request certainly never reached the server (connection refused, no such host).
    Network { detail: String, before_send: bool },
    /// The timeout ran out before the response body was complete.
    Timeout,
    /// The caller's abort signal fired; `before_send` when it had fired already.
    Aborted { before_send: bool },
}

/// Sends requests and waits between retries, honouring a caller's abort signal.
pub trait Transport {
    /// The caller's cancellation handle: `AbortSignal` in JS.
    type Signal: Clone + 'static;

    /// Sends `request`, giving up after `timeout_ms` milliseconds or when `signal` fires,
    /// and returns the response whatever its status.
    fn send(
        &self,
        request: &WireRequest,
        timeout_ms: u32,
        signal: Option<&Self::Signal>,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>>;

    /// Waits `delay_ms` milliseconds, or fails with `Aborted` when `signal` fires first.
    fn sleep(&self, delay_ms: u32, signal: Option<&Self::Signal>) -> impl Future<Output = Result<(), TransportError>>;

    /// Whether `signal` has fired already.
    fn is_aborted(&self, signal: &Self::Signal) -> bool;

    /// A uniformly distributed number in [0, 1), for retry jitter.
    fn random(&self) -> f64;
}

/// Reads a `Retry-After` of a number of seconds as milliseconds; an HTTP date is ignored.
pub fn parse_retry_after(value: &str) -> Option<u32> {
    let seconds = parse_decimal(value)?;
    (seconds.is_finite() && seconds >= 0.0).then(|| (seconds.min(MAX_RETRY_AFTER_SECONDS) * 1000.0) as u32)
}

#[cfg(test)]
mod tests {
    use super::parse_retry_after;

    #[test]
    fn retry_after_in_seconds() {
        assert_eq!(parse_retry_after("2"), Some(2_000));
        assert_eq!(parse_retry_after("0.5"), Some(500));
        assert_eq!(parse_retry_after("3600"), Some(60_000), "capped at a minute");
        assert_eq!(parse_retry_after("Wed, 21 Oct 2026 07:28:00 GMT"), None);
        assert_eq!(parse_retry_after("-1"), None);
    }
}
