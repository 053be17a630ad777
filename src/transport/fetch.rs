//! The `fetch` transport: the global `fetch` of browsers, workers and Node 18+, or one
//! the caller injects. It never goes through `window`, so it also works in Node.
//!
//! `fetch.js` beside this file runs the request, its timer and the caller's abort
//! signal. This side builds the request and turns what comes back into a response or
//! a `TransportError`. Timers, listeners and promise races take a few lines of JS, and
//! took several KB of wasm when Rust drove them through closures.

use js_sys::{Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

use super::{HttpResponse, Transport, TransportError};
use crate::protocol::numbers::parse_decimal;
use crate::protocol::request::WireRequest;

/// Longest `Retry-After` honoured, in seconds; longer values are capped.
const MAX_RETRY_AFTER_SECONDS: f64 = 60.0;

/// Sends requests with `fetch`.
pub struct FetchTransport {
    /// The caller's `fetch`; `None` means the global one, looked up on every request so
    /// a polyfill installed later is used.
    injected_fetch: Option<Function>,
}

#[wasm_bindgen(module = "/src/transport/fetch.js")]
extern "C" {
    /// Resolves to `{ status, body, retryAfter }` whatever the status, or rejects with
    /// `{ kind, detail, beforeSend }`.
    #[wasm_bindgen(js_name = sendRequest)]
    fn send_request(
        injected_fetch: Option<Function>,
        url: &str,
        method: &str,
        content_type: Option<&str>,
        body: Option<String>,
        timeout_ms: u32,
        signal: Option<AbortSignal>,
    ) -> Promise;

    /// A wait started by `startSleep`.
    type PendingSleep;

    /// Starts a wait of `delay_ms`.
    #[wasm_bindgen(js_name = startSleep)]
    fn start_sleep(delay_ms: u32, signal: Option<AbortSignal>) -> PendingSleep;

    /// Resolves when the wait is over, or rejects like `sendRequest` when the signal
    /// fires first.
    #[wasm_bindgen(method, getter)]
    fn finished(this: &PendingSleep) -> Promise;

    /// Clears the timer and removes the abort listener; `finished` never settles then.
    #[wasm_bindgen(method)]
    fn cancel(this: &PendingSleep);
}

/// Cancels its wait when dropped: a login that wins its race against a call's
/// deadline drops the deadline's wait, whose timer would otherwise keep Node running.
struct SleepGuard(PendingSleep);

impl Drop for SleepGuard {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

impl FetchTransport {
    pub fn new(injected_fetch: Option<Function>) -> FetchTransport {
        FetchTransport { injected_fetch }
    }
}

impl Transport for FetchTransport {
    type Signal = AbortSignal;

    async fn send(&self, request: &WireRequest, timeout_ms: u32, signal: Option<&AbortSignal>) -> Result<HttpResponse, TransportError> {
        let (content_type, body) = match (request.content_type(), request.body()) {
            (Some(content_type), Some(body)) => (Some(content_type), Some(body)),
            _ => (None, None),
        };
        let sent = send_request(
            self.injected_fetch.clone(),
            &request.url(),
            request.verb.as_str(),
            content_type,
            body,
            timeout_ms,
            signal.cloned(),
        );
        let response = JsFuture::from(sent).await.map_err(|failure| transport_error(request, &failure))?;

        let status = property(&response, "status").as_f64().unwrap_or_default();
        let body = Uint8Array::new(&property(&response, "body")).to_vec();
        let retry_after_ms = property(&response, "retryAfter").as_string().and_then(|text| retry_after_ms(&text));
        Ok(HttpResponse { status: status as u16, body, retry_after_ms })
    }

    async fn sleep(&self, delay_ms: u32, signal: Option<&AbortSignal>) -> Result<(), TransportError> {
        let sleep = SleepGuard(start_sleep(delay_ms, signal.cloned()));
        let finished = JsFuture::from(sleep.0.finished()).await;
        finished.map(drop).map_err(|_| TransportError::Aborted { before_send: true })
    }

    fn is_aborted(&self, signal: &AbortSignal) -> bool {
        signal.aborted()
    }

    fn random(&self) -> f64 {
        js_sys::Math::random()
    }
}

fn property(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Returns a `Retry-After` of a number of seconds in milliseconds; an HTTP date is
/// ignored.
fn retry_after_ms(value: &str) -> Option<u32> {
    let seconds = parse_decimal(value)?;
    (seconds.is_finite() && seconds >= 0.0).then(|| (seconds.min(MAX_RETRY_AFTER_SECONDS) * 1000.0) as u32)
}

/// Reads the failure `fetch.js` rejected with; its detail may quote the URL, so the
/// request's secrets are scrubbed from it.
fn transport_error(request: &WireRequest, failure: &JsValue) -> TransportError {
    let before_send = property(failure, "beforeSend").is_truthy();
    match property(failure, "kind").as_string().as_deref() {
        Some("timeout") => TransportError::Timeout,
        Some("aborted") => TransportError::Aborted { before_send },
        _ => {
            let detail = property(failure, "detail").as_string().unwrap_or_else(|| "fetch failed".into());
            TransportError::Network { detail: request.scrub(&detail), before_send }
        }
    }
}
