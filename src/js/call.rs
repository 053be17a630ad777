//! One call or one service login as a JS object that `driver.js` runs: the driver
//! performs each step and reports its outcome with `advance`, and Rust decides the
//! next step with the machines of `client::steps`.
//!
//! Steps reach JS as arrays, `[code, ...details]`, and events come back as a code and
//! a few plain values, so the boundary needs no per-field conversions. The codes are
//! repeated at the top of `driver.js`.

use std::rc::Rc;

use js_sys::Array;
use wasm_bindgen::prelude::*;

use super::error::to_js_error;
use super::output;
use crate::client::steps::{CallSteps, ClientState, Event, LoginSteps, Step};
use crate::protocol::catalogue::Operation;
use crate::protocol::error::{Error, ErrorCode};
use crate::protocol::locale::Locale;
use crate::protocol::request::WireRequest;
use crate::transport::{parse_retry_after, HttpResponse, TransportError};

// Step codes: the next action of the driver.
const STEP_SEND: u32 = 1;
const STEP_WAIT: u32 = 2;
const STEP_LOG_IN: u32 = 3;
const STEP_DONE: u32 = 4;
const STEP_FAIL: u32 = 5;

// Event codes: the outcome of the last step.
const EVENT_START: u32 = 0;
const EVENT_RESPONSE: u32 = 1;
const EVENT_NETWORK_FAILED: u32 = 2;
const EVENT_TIMED_OUT: u32 = 3;
const EVENT_ABORTED: u32 = 4;
const EVENT_WAITED: u32 = 5;
const EVENT_WAIT_ABORTED: u32 = 6;
const EVENT_LOGGED_IN: u32 = 7;
const EVENT_LOGIN_WAIT_TIMED_OUT: u32 = 8;
const EVENT_LOGIN_WAIT_ABORTED: u32 = 9;

/// One call of an operation, or one service login, run by `driver.js`. Both kinds share
/// one exported class, so the wasm carries one copy of the boundary code.
#[wasm_bindgen(js_name = "__Steps", skip_typescript)]
pub struct JsSteps {
    client: Rc<ClientState>,
    machine: Machine,
    locale: Locale,
    /// The converted result, once a response decoded.
    js_result: JsValue,
}

enum Machine {
    Call { operation: Operation, steps: CallSteps },
    Login {
        steps: LoginSteps,
        /// The step `LoginSteps::start` returned, handed out by the first `advance`.
        first_step: Option<Step>,
    },
}

impl JsSteps {
    /// The steps of one call, created by an `OksoftClient` method.
    pub fn call(client: Rc<ClientState>, operation: Operation, steps: CallSteps, locale: Locale) -> JsSteps {
        JsSteps { client, machine: Machine::Call { operation, steps }, locale, js_result: JsValue::UNDEFINED }
    }

    fn request(&self) -> Option<&WireRequest> {
        match &self.machine {
            Machine::Call { steps, .. } => steps.request(),
            Machine::Login { steps, .. } => Some(steps.request()),
        }
    }
}

#[wasm_bindgen(js_class = "__Steps")]
impl JsSteps {
    /// Takes an event (a code, then the response's status, body and `Retry-After`, or a
    /// failure's detail and whether it happened before sending) and returns the next
    /// step. `random` is in [0, 1), for the backoff's jitter. A login is `Done` once
    /// its ticket is stored, or fails with the `OksoftError` of the failed login.
    pub fn advance(&mut self, event: u32, status: u16, body: Option<Vec<u8>>, text: Option<String>, before_send: bool, random: f64) -> Array {
        let event = read_event(event, status, body.unwrap_or_default(), text, before_send, self.request());
        let client = &self.client;
        let js_result = &mut self.js_result;
        let step = match &mut self.machine {
            Machine::Login { first_step, steps } => match first_step.take() {
                Some(first_step) => first_step,
                None => steps.advance(client, event, random),
            },
            Machine::Call { operation, steps } => {
                let operation = *operation;
                let mut decode = |body: &[u8]| -> Result<(), Error> {
                    *js_result = output::decode_to_js(operation, body)?;
                    Ok(())
                };
                let step = steps.advance(client, event, &mut decode, random);
                if matches!(step, Step::Done) && operation == Operation::UsersLogin {
                    users_login_result(client, js_result)
                } else {
                    step
                }
            }
        };
        step_to_js(step, self.request(), &self.js_result, self.locale)
    }

    /// Starts a service login for this call's client; the driver shares it with the
    /// client's other calls unless `shareLogin` is off.
    #[wasm_bindgen(js_name = startLogin)]
    pub fn start_login(&self) -> JsSteps {
        let (steps, first_step) = LoginSteps::start(&self.client);
        let machine = Machine::Login { steps, first_step: Some(first_step) };
        JsSteps { client: self.client.clone(), machine, locale: self.locale, js_result: JsValue::NULL }
    }
}

/// Stores the acknowledgement of an explicit UsersLogin as the result: OKsoft's number
/// and text from the session's new login, never its ticket.
fn users_login_result(client: &ClientState, js_result: &mut JsValue) -> Step {
    let method = Operation::UsersLogin.spec().wire_name;
    let acknowledgement = client.login_acknowledgement().and_then(|acknowledgement| output::acknowledgement_to_js(method, &acknowledgement));
    match acknowledgement {
        Ok(js_acknowledgement) => {
            *js_result = js_acknowledgement;
            Step::Done
        }
        Err(error) => Step::Fail(error),
    }
}

/// Reads an event from the driver. A network failure's detail may quote the URL, so
/// the request's secrets are scrubbed from it.
fn read_event(code: u32, status: u16, body: Vec<u8>, text: Option<String>, before_send: bool, request: Option<&WireRequest>) -> Event {
    match code {
        EVENT_RESPONSE => {
            let retry_after_ms = text.as_deref().and_then(parse_retry_after);
            Event::Response(HttpResponse { status, body, retry_after_ms })
        }
        EVENT_NETWORK_FAILED => {
            let detail = text.unwrap_or_else(|| "fetch failed".into());
            let detail = request.map_or(detail.clone(), |request| request.scrub(&detail));
            Event::TransportFailed(TransportError::Network { detail, before_send })
        }
        EVENT_TIMED_OUT => Event::TransportFailed(TransportError::Timeout),
        EVENT_ABORTED => Event::TransportFailed(TransportError::Aborted { before_send }),
        EVENT_WAITED => Event::Waited,
        EVENT_WAIT_ABORTED => Event::WaitAborted,
        EVENT_LOGGED_IN => Event::LoggedIn,
        EVENT_LOGIN_WAIT_TIMED_OUT => Event::LoginWaitEnded { aborted: false },
        EVENT_LOGIN_WAIT_ABORTED => Event::LoginWaitEnded { aborted: true },
        EVENT_START => Event::Start,
        // driver.js sends only the codes above.
        _ => Event::Start,
    }
}

/// Writes a step as `[code, ...details]`; a `Send` carries the URL, the verb, the
/// content type and body of a POST form, and the timeout.
fn step_to_js(step: Step, request: Option<&WireRequest>, js_result: &JsValue, locale: Locale) -> Array {
    let js_step = Array::new();
    let push = |value: JsValue| {
        js_step.push(&value);
    };
    let optional_text = |text: Option<String>| text.map_or(JsValue::UNDEFINED, |text| JsValue::from_str(&text));
    match (step, request) {
        (Step::Send { timeout_ms }, Some(request)) => {
            push(STEP_SEND.into());
            push(JsValue::from_str(&request.url()));
            push(JsValue::from_str(request.verb.as_str()));
            push(optional_text(request.content_type().map(String::from)));
            push(optional_text(request.body()));
            push(timeout_ms.into());
        }
        (Step::Wait { delay_ms }, _) => {
            push(STEP_WAIT.into());
            push(delay_ms.into());
        }
        (Step::LogIn { wait_limit_ms }, _) => {
            push(STEP_LOG_IN.into());
            push(wait_limit_ms.map_or(JsValue::UNDEFINED, JsValue::from));
        }
        (Step::Done, _) => {
            push(STEP_DONE.into());
            push(js_result.clone());
        }
        (Step::Fail(error), _) => {
            push(STEP_FAIL.into());
            push(to_js_error(&error, locale));
        }
        // The machines build a request before they ask to send it.
        (Step::Send { .. }, None) => {
            let error = Error::decode("OksoftClient", ErrorCode::UnexpectedResponse, "no request to send");
            push(STEP_FAIL.into());
            push(to_js_error(&error, locale));
        }
    }
    js_step
}
