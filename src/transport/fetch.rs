//! The `fetch` transport: the global `fetch` of browsers, workers and Node 18+, or one
//! the caller injects. It never goes through `window`, so it also works in Node.

use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

use super::{HttpResponse, Transport, TransportError};
use crate::protocol::request::WireRequest;

/// Sends requests with `fetch`.
pub struct FetchTransport {
    /// The caller's `fetch`; `None` means the global one, looked up on every request so
    /// a polyfill installed later is used.
    injected_fetch: Option<Function>,
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
            .ok_or_else(|| TransportError::Network("no global fetch; use Node 18 or newer, or pass the fetch option".into()))
    }
}

impl Transport for FetchTransport {
    async fn send(&self, request: &WireRequest, timeout_ms: u32) -> Result<HttpResponse, TransportError> {
        // The request options, as a plain object so injected fetch functions see
        // exactly what the standard one would.
        let signal = AbortSignal::timeout_with_u32(timeout_ms);
        let init = Object::new();
        set(&init, "method", &JsValue::from_str(request.verb.as_str()));
        set(&init, "signal", &signal);
        if let (Some(body), Some(content_type)) = (request.body(), request.content_type()) {
            let headers = Object::new();
            set(&headers, "Content-Type", &JsValue::from_str(content_type));
            set(&init, "headers", &headers);
            set(&init, "body", &JsValue::from_str(&body));
        }

        // Start the request; a fetch that throws synchronously is a network failure too.
        let fetch = self.fetch_function()?;
        let started = fetch
            .call2(&JsValue::UNDEFINED, &JsValue::from_str(&request.url()), &init)
            .map_err(|error| failure(request, &signal, &error))?;
        let response = JsFuture::from(Promise::resolve(&started))
            .await
            .map_err(|error| failure(request, &signal, &error))?;

        // Read status and body by name, so any Response-like object works.
        let status = Reflect::get(&response, &JsValue::from_str("status"))
            .ok()
            .and_then(|status| status.as_f64())
            .filter(|status| (100.0..=599.0).contains(status))
            .ok_or_else(|| TransportError::Network("fetch resolved to something that is not a Response".into()))?;
        let read_body = Reflect::get(&response, &JsValue::from_str("arrayBuffer"))
            .ok()
            .and_then(|method| method.dyn_into::<Function>().ok())
            .ok_or_else(|| TransportError::Network("the Response has no arrayBuffer() method".into()))?;
        let buffer = read_body.call0(&response).map_err(|error| failure(request, &signal, &error))?;
        let buffer = JsFuture::from(Promise::resolve(&buffer))
            .await
            .map_err(|error| failure(request, &signal, &error))?;

        Ok(HttpResponse { status: status as u16, body: Uint8Array::new(&buffer).to_vec() })
    }
}

fn set(target: &Object, key: &str, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// Classifies a rejected fetch: the timeout signal fired, or a network failure whose
/// description (name, message and Node's `cause.code`) is scrubbed of secrets.
fn failure(request: &WireRequest, timeout_signal: &AbortSignal, error: &JsValue) -> TransportError {
    if timeout_signal.aborted() {
        return TransportError::Timeout;
    }
    let name = property_text(error, "name");
    if name.as_deref() == Some("AbortError") {
        return TransportError::Aborted;
    }

    let message = property_text(error, "message").or_else(|| error.as_string()).unwrap_or_else(|| "fetch failed".into());
    let cause_code = Reflect::get(error, &JsValue::from_str("cause"))
        .ok()
        .filter(|cause| cause.is_object())
        .and_then(|cause| property_text(&cause, "code"));
    let mut detail = match name {
        Some(name) => format!("{name}: {message}"),
        None => message,
    };
    if let Some(code) = cause_code {
        detail.push_str(&format!(" ({code})"));
    }
    TransportError::Network(request.scrub(&detail))
}

fn property_text(value: &JsValue, key: &str) -> Option<String> {
    if !value.is_object() {
        return None;
    }
    Reflect::get(value, &JsValue::from_str(key)).ok().and_then(|text| text.as_string())
}
