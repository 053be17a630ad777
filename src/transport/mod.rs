//! Sending a `WireRequest` over HTTP.
//!
//! The client is generic over `Transport`, so native tests drive it with a scripted
//! transport, and the wasm build uses the `fetch` transport.

#[cfg(target_arch = "wasm32")]
pub mod fetch;

use std::future::Future;

use crate::protocol::request::WireRequest;

/// Status and body of an HTTP response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub body: Vec<u8>,
}

/// Reason a request got no HTTP response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// No connection, DNS failure, CORS refusal, connection reset; the text names the
    /// cause and never contains the URL's secrets.
    Network(String),
    /// The timeout ran out before the response body was complete.
    Timeout,
    /// The caller's `AbortSignal` fired.
    Aborted,
}

/// Sends one request and returns its response, whatever its status.
pub trait Transport {
    /// Sends `request`, giving up after `timeout_ms` milliseconds.
    fn send(&self, request: &WireRequest, timeout_ms: u32) -> impl Future<Output = Result<HttpResponse, TransportError>>;
}
