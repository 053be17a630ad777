//! The checks of `OksoftClient`'s gateway mode (`pkg-template/gateway-client.js`), which
//! runs in browsers: every build exports them.

use wasm_bindgen::prelude::*;

use super::error::to_js_error;
use super::input::read_options;
use crate::protocol::catalogue::Operation;
use crate::protocol::error::{Error, FieldProblem, Problem};
use crate::protocol::locale::Locale;
use crate::protocol::params::{build_params, WireFormat};

/// Checks the options of `method` with the library's own rules, as the direct client
/// does before sending, and throws the same `OksoftError` when they are invalid.
#[wasm_bindgen(js_name = "__validateOptions", skip_typescript)]
pub fn validate_options(method: &str, js_options: JsValue, locale: Option<String>) -> Result<(), JsValue> {
    let locale = locale.as_deref().and_then(Locale::parse).unwrap_or_default();
    let Some(operation) = Operation::ALL.into_iter().find(|operation| operation.spec().js_name == method) else {
        let problem = Problem::Unknown { suggestion: None };
        return Err(to_js_error(&Error::validation(None, vec![FieldProblem::new(method, problem)]), locale));
    };
    let wire_name = operation.spec().wire_name;
    let input = read_options(Some(wire_name), &js_options).map_err(|error| to_js_error(&error, locale))?;
    build_params(operation, &input, &WireFormat::default()).map_err(|error| to_js_error(&error, locale))?;
    Ok(())
}
