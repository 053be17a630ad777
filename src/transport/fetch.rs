//! The `fetch` transport: the global `fetch` of browsers, workers and Node 18+, or one
//! the caller injects. It never goes through `window`, so it also works in Node.
//!
//! Each request races `fetch` against a stop promise that a timer or the caller's
//! `AbortSignal` rejects, so a timeout ends the call even when an injected `fetch`
//! ignores the signal it is given.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal};

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

/// Reason a request or a wait was stopped early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StopReason {
    Running,
    TimedOut,
    Aborted,
}

/// A timer and an abort listener that reject one promise, with everything needed to
/// take them down again. Dropping it clears the timer and removes the listener.
struct Stopper {
    reason: Rc<Cell<StopReason>>,
    stopped: Promise,
    timer: Option<JsValue>,
    on_timeout: Option<Closure<dyn FnMut()>>,
    on_abort: Closure<dyn FnMut()>,
    signal: Option<AbortSignal>,
}

impl Stopper {
    /// Arms a timer of `delay_ms` (when given) and a listener on `signal`; either one
    /// rejects `stopped` and aborts `controller`.
    fn arm(delay_ms: Option<u32>, signal: Option<&AbortSignal>, controller: Option<AbortController>) -> Stopper {
        let reason = Rc::new(Cell::new(StopReason::Running));
        let reject_slot: Rc<RefCell<Option<Function>>> = Rc::new(RefCell::new(None));
        let slot = reject_slot.clone();
        let stopped = Promise::new(&mut |_resolve, reject| {
            *slot.borrow_mut() = Some(reject);
        });

        let stop: Rc<dyn Fn(StopReason)> = {
            let reason = reason.clone();
            Rc::new(move |why| {
                if reason.get() != StopReason::Running {
                    return;
                }
                reason.set(why);
                if let Some(controller) = &controller {
                    controller.abort();
                }
                if let Some(reject) = reject_slot.borrow_mut().take() {
                    let _ = reject.call0(&JsValue::UNDEFINED);
                }
            })
        };

        let on_timeout = delay_ms.map(|_| {
            let stop = stop.clone();
            Closure::<dyn FnMut()>::new(move || stop(StopReason::TimedOut))
        });
        let timer = match (&on_timeout, delay_ms) {
            (Some(callback), Some(delay)) => Some(set_timeout(callback.as_ref().unchecked_ref(), delay)),
            _ => None,
        };

        let on_abort = {
            let stop = stop.clone();
            Closure::<dyn FnMut()>::new(move || stop(StopReason::Aborted))
        };
        if let Some(signal) = signal {
            let _ = signal.add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
        }

        Stopper { reason, stopped, timer, on_timeout, on_abort, signal: signal.cloned() }
    }

    fn reason(&self) -> StopReason {
        self.reason.get()
    }

    /// Awaits `promise`, or the stop promise if it rejects first.
    async fn race(&self, promise: &Promise) -> Result<JsValue, JsValue> {
        let contenders = Array::of2(promise, &self.stopped);
        JsFuture::from(Promise::race(&contenders)).await
    }
}

impl Drop for Stopper {
    fn drop(&mut self) {
        if let Some(timer) = self.timer.take() {
            clear_timeout(&timer);
        }
        if let Some(signal) = &self.signal {
            let _ = signal.remove_event_listener_with_callback("abort", self.on_abort.as_ref().unchecked_ref());
        }
        self.on_timeout = None;
    }
}

#[wasm_bindgen]
extern "C" {
    /// The global `setTimeout` of browsers, workers and Node; the id is a number in
    /// browsers and a `Timeout` object in Node.
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, delay_ms: u32) -> JsValue;

    /// The global `clearTimeout`.
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

impl FetchTransport {
    pub fn new(injected_fetch: Option<Function>) -> FetchTransport {
        FetchTransport { injected_fetch }
    }

    fn fetch_function(&self) -> Result<Function, TransportError> {
        if let Some(fetch) = &self.injected_fetch {
            return Ok(fetch.clone());
        }
        Reflect::get(&js_sys::global(), &JsValue::from_str("fetch"))
            .ok()
            .and_then(|fetch| fetch.dyn_into::<Function>().ok())
            .ok_or_else(|| TransportError::Network {
                detail: "no global fetch; use Node 18 or newer, or pass the fetch option".into(),
                before_send: true,
            })
    }

    /// Runs the fetch and reads the body, each step raced against `stopper`.
    async fn exchange(&self, request: &WireRequest, abort_signal: &AbortSignal, stopper: &Stopper) -> Result<HttpResponse, TransportError> {
        // The request options, as a plain object so injected fetch functions see
        // exactly what the standard one would.
        let init = Object::new();
        set(&init, "method", &JsValue::from_str(request.verb.as_str()));
        set(&init, "signal", abort_signal);
        if let (Some(body), Some(content_type)) = (request.body(), request.content_type()) {
            let headers = Object::new();
            set(&headers, "Content-Type", &JsValue::from_str(content_type));
            set(&init, "headers", &headers);
            set(&init, "body", &JsValue::from_str(&body));
        }

        // Start the request; a fetch that throws synchronously never sent anything.
        let fetch = self.fetch_function()?;
        let started = fetch
            .call2(&JsValue::UNDEFINED, &JsValue::from_str(&request.url()), &init)
            .map_err(|error| network_failure(request, &error, true))?;
        let response = stopper
            .race(&Promise::resolve(&started))
            .await
            .map_err(|error| network_failure(request, &error, false))?;

        // Read status, headers and body by name, so any Response-like object works.
        let status = Reflect::get(&response, &JsValue::from_str("status"))
            .ok()
            .and_then(|status| status.as_f64())
            .filter(|status| (100.0..=599.0).contains(status))
            .ok_or_else(|| network_error("fetch resolved to something that is not a Response"))?;
        let retry_after_ms = retry_after_ms(&response);
        let read_body = Reflect::get(&response, &JsValue::from_str("arrayBuffer"))
            .ok()
            .and_then(|method| method.dyn_into::<Function>().ok())
            .ok_or_else(|| network_error("the Response has no arrayBuffer() method"))?;
        let buffer = read_body.call0(&response).map_err(|error| network_failure(request, &error, false))?;
        let buffer = stopper
            .race(&Promise::resolve(&buffer))
            .await
            .map_err(|error| network_failure(request, &error, false))?;

        Ok(HttpResponse { status: status as u16, body: Uint8Array::new(&buffer).to_vec(), retry_after_ms })
    }
}

impl Transport for FetchTransport {
    type Signal = AbortSignal;

    async fn send(&self, request: &WireRequest, timeout_ms: u32, signal: Option<&AbortSignal>) -> Result<HttpResponse, TransportError> {
        if signal.is_some_and(AbortSignal::aborted) {
            return Err(TransportError::Aborted { before_send: true });
        }
        let controller = AbortController::new().map_err(|_| network_error("AbortController is not available"))?;
        let abort_signal = controller.signal();
        let stopper = Stopper::arm(Some(timeout_ms), signal, Some(controller));

        let outcome = self.exchange(request, &abort_signal, &stopper).await;
        match stopper.reason() {
            StopReason::TimedOut => Err(TransportError::Timeout),
            StopReason::Aborted => Err(TransportError::Aborted { before_send: false }),
            StopReason::Running => outcome,
        }
    }

    async fn sleep(&self, delay_ms: u32, signal: Option<&AbortSignal>) -> Result<(), TransportError> {
        if signal.is_some_and(AbortSignal::aborted) {
            return Err(TransportError::Aborted { before_send: true });
        }
        let stopper = Stopper::arm(Some(delay_ms), signal, None);
        let _ = JsFuture::from(stopper.stopped.clone()).await;
        match stopper.reason() {
            StopReason::Aborted => Err(TransportError::Aborted { before_send: true }),
            _ => Ok(()),
        }
    }

    fn is_aborted(&self, signal: &AbortSignal) -> bool {
        signal.aborted()
    }

    fn random(&self) -> f64 {
        js_sys::Math::random()
    }
}

fn set(target: &Object, key: &str, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

fn network_error(detail: &str) -> TransportError {
    TransportError::Network { detail: detail.to_string(), before_send: false }
}

/// Returns `Retry-After` in milliseconds when it is a number of seconds; an HTTP date is
/// ignored.
fn retry_after_ms(response: &JsValue) -> Option<u32> {
    let headers = Reflect::get(response, &JsValue::from_str("headers")).ok()?;
    let get = Reflect::get(&headers, &JsValue::from_str("get")).ok()?.dyn_into::<Function>().ok()?;
    let value = get.call1(&headers, &JsValue::from_str("retry-after")).ok()?.as_string()?;
    let seconds = parse_decimal(&value)?;
    (seconds.is_finite() && seconds >= 0.0).then(|| (seconds.min(MAX_RETRY_AFTER_SECONDS) * 1000.0) as u32)
}

/// Describes a rejected fetch: an `AbortError` is an abort, anything else a network
/// failure named by its name, message and Node's `cause.code`, scrubbed of secrets.
/// Connection refused and unknown host mean nothing reached the server.
fn network_failure(request: &WireRequest, error: &JsValue, thrown_before_send: bool) -> TransportError {
    let name = property_text(error, "name");
    // An injected fetch may be wired to an abort signal of the caller's own.
    if name.as_deref() == Some("AbortError") {
        return TransportError::Aborted { before_send: thrown_before_send };
    }
    let message = property_text(error, "message").or_else(|| error.as_string()).unwrap_or_else(|| "fetch failed".into());
    let cause_code = Reflect::get(error, &JsValue::from_str("cause"))
        .ok()
        .filter(|cause| cause.is_object())
        .and_then(|cause| property_text(&cause, "code"));

    let refused = matches!(cause_code.as_deref(), Some("ECONNREFUSED" | "ENOTFOUND" | "EAI_AGAIN"));
    let mut detail = match name {
        Some(name) => format!("{name}: {message}"),
        None => message,
    };
    if let Some(code) = cause_code {
        detail.push_str(&format!(" ({code})"));
    }
    TransportError::Network { detail: request.scrub(&detail), before_send: thrown_before_send || refused }
}

fn property_text(value: &JsValue, key: &str) -> Option<String> {
    if !value.is_object() {
        return None;
    }
    Reflect::get(value, &JsValue::from_str(key)).ok().and_then(|text| text.as_string())
}
