//! `Error` values as JS `OksoftError` objects.
//!
//! The `OksoftError` class is defined in the package's JS entry files, which hand it to
//! the module with `__setErrorClass`; wasm-bindgen cannot export a subclass of `Error`
//! itself. Without a registered class, errors are plain `Error` objects named
//! `OksoftError` with the same fields.

use std::cell::RefCell;

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::protocol::error::Error;
use crate::protocol::locale::Locale;

thread_local! {
    static ERROR_CLASS: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Registers the class errors are constructed with: `new cls(message, fields)`.
#[wasm_bindgen(js_name = "__setErrorClass", skip_typescript)]
pub fn set_error_class(js_class: Function) {
    ERROR_CLASS.with(|class| *class.borrow_mut() = Some(js_class));
}

/// Builds the JS error for `error`, with its message in `locale`.
pub fn to_js_error(error: &Error, locale: Locale) -> JsValue {
    let message = error.message(locale);
    let js_fields = Object::new();
    let set = |key: &str, value: JsValue| {
        let _ = Reflect::set(&js_fields, &JsValue::from_str(key), &value);
    };
    let text_or_null = |text: Option<&str>| text.map(JsValue::from_str).unwrap_or(JsValue::NULL);

    set("kind", JsValue::from_str(error.kind.as_str()));
    set("code", JsValue::from_str(error.code.as_str()));
    set("method", text_or_null(error.method));
    set("resultNumber", error.result_number.map(|n| JsValue::from_f64(n as f64)).unwrap_or(JsValue::NULL));
    set("resultText", text_or_null(error.result_text.as_deref()));
    set("status", error.status.map(|s| JsValue::from_f64(f64::from(s))).unwrap_or(JsValue::NULL));
    set("field", text_or_null(error.field()));
    set("notSent", JsValue::from_bool(error.not_sent));

    let js_request_params = if error.request_params.is_empty() {
        JsValue::NULL
    } else {
        let js_params = Object::new();
        for (name, value) in &error.request_params {
            let _ = Reflect::set(&js_params, &JsValue::from_str(name), &JsValue::from_str(value));
        }
        js_params.into()
    };
    set("requestParams", js_request_params);

    let js_problems = Array::new();
    for problem in &error.problems {
        let js_problem = Object::new();
        let _ = Reflect::set(&js_problem, &JsValue::from_str("field"), &JsValue::from_str(&problem.field));
        let _ = Reflect::set(&js_problem, &JsValue::from_str("code"), &JsValue::from_str(problem.problem.code().as_str()));
        let _ = Reflect::set(&js_problem, &JsValue::from_str("message"), &JsValue::from_str(&problem.message(locale)));
        js_problems.push(&js_problem);
    }
    set("problems", js_problems.into());

    let registered = ERROR_CLASS.with(|class| class.borrow().clone());
    if let Some(js_class) = registered {
        let js_args = Array::of2(&JsValue::from_str(&message), &js_fields);
        if let Ok(js_error) = Reflect::construct(&js_class, &js_args) {
            return js_error;
        }
    }

    let js_error = js_sys::Error::new(&message);
    js_error.set_name("OksoftError");
    let _ = Object::assign(js_error.unchecked_ref(), &js_fields);
    js_error.into()
}
