//! Sending a `WireRequest` over HTTP, and waiting between retries.
//!
//! The client is generic over `Transport`, so native tests drive it with a scripted
//! transport, and the wasm build uses the `fetch` transport.

#[cfg(target_arch = "wasm32")]
pub mod fetch;

use std::future::Future;

use crate::protocol::request::WireRequest;

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
