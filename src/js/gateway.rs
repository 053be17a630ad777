//! The partner gateway's decisions, for `pkg-template/gateway.js`. Only the builds for
//! runtimes that run the gateway (Node, Deno, workers) export them, through the
//! `gateway-exports` feature. The browsers' build leaves the feature off.

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

use super::input::read_options;
use crate::gateway::access::{authorize, Refusal};
use crate::gateway::rate_limit::limit_key;

/// Decides whether a gateway visitor may call `method` with `options`. Returns
/// `{ allowed: true, partnersCode }` with the partner code to put in the options (or
/// `null`), or `{ allowed: false, status, code }`.
#[wasm_bindgen(js_name = "__gatewayAuthorize", skip_typescript)]
pub fn gateway_authorize(method: &str, js_options: JsValue, session_partner: Option<f64>) -> JsValue {
    let js_decision = Object::new();
    let set = |key: &str, value: &JsValue| {
        let _ = Reflect::set(&js_decision, &JsValue::from_str(key), value);
    };

    let input = read_options(None, &js_options).unwrap_or_default();
    let session_partner = session_partner.filter(|code| code.fract() == 0.0).map(|code| code as i64);
    match authorize(method, &input, session_partner) {
        Ok((_, bound)) => {
            set("allowed", &JsValue::TRUE);
            let code = match bound.get("partnersCode") {
                crate::protocol::input::InputValue::Number(code) if session_partner.is_some() => JsValue::from_f64(*code),
                _ => JsValue::NULL,
            };
            set("partnersCode", &code);
        }
        Err(refusal) => {
            set("allowed", &JsValue::FALSE);
            set("status", &JsValue::from_f64(f64::from(refusal.status())));
            set("code", &JsValue::from_str(refusal.code()));
            let field = match &refusal {
                Refusal::ForeignPartner { field } | Refusal::ForbiddenValue { field, .. } => JsValue::from_str(field),
                Refusal::NotAllowed { .. } | Refusal::LoginRequired => JsValue::NULL,
            };
            set("field", &field);
        }
    }
    js_decision.into()
}

/// Builds the rate limiter's key of a login, an e-mail or a client address with the same
/// trim as the client's checks, so that OKsoft never gets one value under two keys.
#[wasm_bindgen(js_name = "__gatewayLimitKey", skip_typescript)]
pub fn gateway_limit_key(value: &str) -> String {
    limit_key(value)
}
