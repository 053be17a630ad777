//! `Error` values as JS `OksoftError` objects.
//!
//! The `OksoftError` class is defined in the package's JS entry files, which hand it to
//! the module with `__setErrorClass`; wasm-bindgen cannot export a subclass of `Error`
//! itself. The wasm contains no message texts: the entry files also hand over the package's
//! message renderer, which puts each message's description into words. Without them,
//! errors are plain `Error` objects named `OksoftError` with the same fields, and each
//! message is its description as JSON.

use std::cell::RefCell;

use js_sys::{Array, Function, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;

use crate::protocol::error::Error;
use crate::protocol::locale::Locale;
use crate::protocol::messages::{Arg, Message};

/// The registered error class and message renderer.
#[derive(Clone)]
struct ErrorClass {
    js_class: Function,
    js_render: Function,
}

thread_local! {
    static ERROR_CLASS: RefCell<Option<ErrorClass>> = const { RefCell::new(None) };
}

/// Registers the class errors are constructed with, `new cls(message, fields)`, and the
/// function that puts messages into words, `render(locale, description)`.
#[wasm_bindgen(js_name = "__setErrorClass", skip_typescript)]
pub fn set_error_class(js_class: Function, js_render: Function) {
    ERROR_CLASS.with(|class| *class.borrow_mut() = Some(ErrorClass { js_class, js_render }));
}

/// Describes a message to JS as `[id, ...args]`: the template's number, then each arg as
/// text or as a nested description.
fn message_to_js(message: &Message) -> JsValue {
    let js_message = Array::of1(&JsValue::from(message.id.number()));
    for arg in &message.args {
        let js_arg = match arg {
            Arg::Text(text) => JsValue::from_str(text),
            Arg::Message(nested) => message_to_js(nested),
        };
        js_message.push(&js_arg);
    }
    js_message.into()
}

/// Builds the JS error for `error`, with its message in `locale`.
pub fn to_js_error(error: &Error, locale: Locale) -> JsValue {
    // A clone, so JS called from here may register again without finding the cell borrowed.
    let registered = ERROR_CLASS.with(|class| class.borrow().clone());
    let registered = registered.as_ref();
    let js_locale = JsValue::from_str(locale.as_str());
    let render = |message: &Message| -> JsValue {
        let js_message = message_to_js(message);
        let rendered = registered.and_then(|class| class.js_render.call2(&JsValue::NULL, &js_locale, &js_message).ok());
        rendered.filter(JsValue::is_string).unwrap_or_else(|| JSON::stringify(&js_message).map(JsValue::from).unwrap_or_default())
    };

    let js_message = render(&error.describe());
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
        let _ = Reflect::set(&js_problem, &JsValue::from_str("message"), &render(&problem.describe()));
        js_problems.push(&js_problem);
    }
    set("problems", js_problems.into());

    if let Some(class) = registered {
        let js_args = Array::of2(&js_message, &js_fields);
        if let Ok(js_error) = Reflect::construct(&class.js_class, &js_args) {
            return js_error;
        }
    }

    let js_error = js_sys::Error::new("");
    js_error.set_name("OksoftError");
    let _ = Reflect::set(&js_error, &JsValue::from_str("message"), &js_message);
    let _ = Object::assign(js_error.unchecked_ref(), &js_fields);
    js_error.into()
}
