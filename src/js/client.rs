//! The `OksoftClient` class: one promise-returning method per OKsoft operation.

use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use web_sys::AbortSignal;
use wasm_bindgen::prelude::*;

use super::call::JsSteps;
use super::error::to_js_error;
use super::input::{read_options, read_value, type_name};
use crate::client::config::{call_settings, ClientConfig};
use crate::client::steps::{CallLimits, CallSteps, ClientState};
use crate::client::Session;
use crate::protocol::catalogue::Operation;
use crate::protocol::error::{Error, Expected, FieldProblem, Problem};
use crate::protocol::hashing::{md5_hex, HexCase};
use crate::protocol::input::InputValue;
use crate::protocol::locale::Locale;

#[wasm_bindgen(module = "/src/js/driver.js")]
extern "C" {
    /// Creates the JS side of a client: its `fetch` and the login in progress.
    #[wasm_bindgen(js_name = newDriverState)]
    fn new_driver_state(injected_fetch: Option<Function>, share_login: bool) -> JsValue;

    /// Runs `call` to its end: resolves with its result or rejects with its `OksoftError`.
    #[wasm_bindgen(js_name = runCall)]
    fn run_call(js_driver_state: &JsValue, call: JsSteps, signal: Option<AbortSignal>) -> Promise;
}

#[wasm_bindgen(typescript_custom_section)]
const RESULT_TYPES: &str = include_str!("types.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const OPTION_TYPES: &str = include_str!(concat!(env!("OUT_DIR"), "/operations.d.ts"));

/// Client for the OKsoft Service API. Use it on a server or in a script with the
/// integration account: its ticket can read every partner and move money.
#[wasm_bindgen]
pub struct OksoftClient {
    client: Rc<ClientState>,
    js_driver_state: JsValue,
    locale: Locale,
}

#[wasm_bindgen]
impl OksoftClient {
    /// Checks the options and creates the client; it logs in on the first call.
    /// Throws an `OksoftError` of kind `validation` listing every invalid option.
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(js_name = "options", unchecked_param_type = "OksoftClientOptions")] js_options: JsValue) -> Result<OksoftClient, JsValue> {
        let input = read_options(None, &js_options).map_err(|error| to_js_error(&error, Locale::default()))?;
        let locale = ClientConfig::requested_locale(&input);
        let config = ClientConfig::from_input(&input).map_err(|error| to_js_error(&error, locale))?;

        let js_fetch = js_sys::Reflect::get(&js_options, &JsValue::from_str("fetch"))
            .ok()
            .and_then(|js_fetch| js_fetch.dyn_into::<Function>().ok());
        let locale = config.locale;
        let js_driver_state = new_driver_state(js_fetch, config.share_login);
        let client = Rc::new(ClientState { config, session: Session::default() });
        Ok(OksoftClient { client, js_driver_state, locale })
    }

    /// The locale of the library's messages: `"ru"` or `"en"`.
    #[wasm_bindgen(getter, unchecked_return_type = "Locale")]
    pub fn locale(&self) -> String {
        self.locale.as_str().to_string()
    }

    /// UsersLogin: logs in with the integration account now (calls do it lazily).
    #[wasm_bindgen(js_name = usersLogin, unchecked_return_type = "Promise<Acknowledgement>")]
    pub fn users_login(&self, #[wasm_bindgen(js_name = "options", unchecked_param_type = "UsersLoginOptions | void")] js_options: Option<JsValue>, #[wasm_bindgen(js_name = "requestOptions", unchecked_param_type = "RequestOptions | void")] js_request_options: Option<JsValue>) -> Promise {
        self.run(Operation::UsersLogin, js_options, js_request_options)
    }

    /// PartnersLogin: a partner's session, `{ partnersCode, fio, partnersTicket }`.
    #[wasm_bindgen(js_name = partnersLogin, unchecked_return_type = "Promise<PartnerSession>")]
    pub fn partners_login(&self, #[wasm_bindgen(js_name = "options", unchecked_param_type = "PartnersLoginOptions")] js_options: JsValue, #[wasm_bindgen(js_name = "requestOptions", unchecked_param_type = "RequestOptions | void")] js_request_options: Option<JsValue>) -> Promise {
        self.run(Operation::PartnersLogin, Some(js_options), js_request_options)
    }

    /// PartnersPasswordResetCreate: OKsoft e-mails the partner a reset link.
    #[wasm_bindgen(js_name = partnersPasswordResetCreate, unchecked_return_type = "Promise<Acknowledgement>")]
    pub fn partners_password_reset_create(&self, #[wasm_bindgen(js_name = "options", unchecked_param_type = "PartnersPasswordResetCreateOptions")] js_options: JsValue, #[wasm_bindgen(js_name = "requestOptions", unchecked_param_type = "RequestOptions | void")] js_request_options: Option<JsValue>) -> Promise {
        self.run(Operation::PartnersPasswordResetCreate, Some(js_options), js_request_options)
    }

    /// PartnersGet: a partner's profile by `partnersCode` or external `id`.
    #[wasm_bindgen(js_name = partnersGet, unchecked_return_type = "Promise<Partner>")]
    pub fn partners_get(&self, #[wasm_bindgen(js_name = "options", unchecked_param_type = "PartnersGetOptions")] js_options: JsValue, #[wasm_bindgen(js_name = "requestOptions", unchecked_param_type = "RequestOptions | void")] js_request_options: Option<JsValue>) -> Promise {
        self.run(Operation::PartnersGet, Some(js_options), js_request_options)
    }

    /// CountriesListGet.
    #[wasm_bindgen(js_name = countriesListGet, unchecked_return_type = "Promise<Country[]>")]
    pub fn countries_list_get(&self, #[wasm_bindgen(js_name = "options", unchecked_param_type = "CountriesListGetOptions | void")] js_options: Option<JsValue>, #[wasm_bindgen(js_name = "requestOptions", unchecked_param_type = "RequestOptions | void")] js_request_options: Option<JsValue>) -> Promise {
        self.run(Operation::CountriesListGet, js_options, js_request_options)
    }

    /// SexListGet.
    #[wasm_bindgen(js_name = sexListGet, unchecked_return_type = "Promise<CodeName[]>")]
    pub fn sex_list_get(&self, #[wasm_bindgen(js_name = "options", unchecked_param_type = "SexListGetOptions | void")] js_options: Option<JsValue>, #[wasm_bindgen(js_name = "requestOptions", unchecked_param_type = "RequestOptions | void")] js_request_options: Option<JsValue>) -> Promise {
        self.run(Operation::SexListGet, js_options, js_request_options)
    }

    /// PhoneTypesListGet.
    #[wasm_bindgen(js_name = phoneTypesListGet, unchecked_return_type = "Promise<CodeName[]>")]
    pub fn phone_types_list_get(&self, #[wasm_bindgen(js_name = "options", unchecked_param_type = "PhoneTypesListGetOptions | void")] js_options: Option<JsValue>, #[wasm_bindgen(js_name = "requestOptions", unchecked_param_type = "RequestOptions | void")] js_request_options: Option<JsValue>) -> Promise {
        self.run(Operation::PhoneTypesListGet, js_options, js_request_options)
    }

    /// LanguagesListGet.
    #[wasm_bindgen(js_name = languagesListGet, unchecked_return_type = "Promise<Language[]>")]
    pub fn languages_list_get(&self, #[wasm_bindgen(js_name = "options", unchecked_param_type = "LanguagesListGetOptions | void")] js_options: Option<JsValue>, #[wasm_bindgen(js_name = "requestOptions", unchecked_param_type = "RequestOptions | void")] js_request_options: Option<JsValue>) -> Promise {
        self.run(Operation::LanguagesListGet, js_options, js_request_options)
    }

    /// PartnersGroupsListGet.
    #[wasm_bindgen(js_name = partnersGroupsListGet, unchecked_return_type = "Promise<PartnersGroup[]>")]
    pub fn partners_groups_list_get(&self, #[wasm_bindgen(js_name = "options", unchecked_param_type = "PartnersGroupsListGetOptions | void")] js_options: Option<JsValue>, #[wasm_bindgen(js_name = "requestOptions", unchecked_param_type = "RequestOptions | void")] js_request_options: Option<JsValue>) -> Promise {
        self.run(Operation::PartnersGroupsListGet, js_options, js_request_options)
    }

    /// PartnersCreate: registers a partner; resolves to `{ partnersCode }`.
    #[wasm_bindgen(js_name = partnersCreate, unchecked_return_type = "Promise<PartnerCreated>")]
    pub fn partners_create(&self, #[wasm_bindgen(js_name = "options", unchecked_param_type = "PartnersCreateOptions")] js_options: JsValue, #[wasm_bindgen(js_name = "requestOptions", unchecked_param_type = "RequestOptions | void")] js_request_options: Option<JsValue>) -> Promise {
        self.run(Operation::PartnersCreate, Some(js_options), js_request_options)
    }

    /// CurrenciesList.
    #[wasm_bindgen(js_name = currenciesList, unchecked_return_type = "Promise<Currency[]>")]
    pub fn currencies_list(&self, #[wasm_bindgen(js_name = "options", unchecked_param_type = "CurrenciesListOptions | void")] js_options: Option<JsValue>, #[wasm_bindgen(js_name = "requestOptions", unchecked_param_type = "RequestOptions | void")] js_request_options: Option<JsValue>) -> Promise {
        self.run(Operation::CurrenciesList, js_options, js_request_options)
    }

    /// AccountsListGet: accounts with their balance (`stock`, a decimal string) in one
    /// currency.
    #[wasm_bindgen(js_name = accountsListGet, unchecked_return_type = "Promise<Account[]>")]
    pub fn accounts_list_get(&self, #[wasm_bindgen(js_name = "options", unchecked_param_type = "AccountsListGetOptions")] js_options: JsValue, #[wasm_bindgen(js_name = "requestOptions", unchecked_param_type = "RequestOptions | void")] js_request_options: Option<JsValue>) -> Promise {
        self.run(Operation::AccountsListGet, Some(js_options), js_request_options)
    }

    /// FinInCome: money received into a partner's account through a cash desk.
    #[wasm_bindgen(js_name = finInCome, unchecked_return_type = "Promise<FinResult>")]
    pub fn fin_in_come(&self, #[wasm_bindgen(js_name = "options", unchecked_param_type = "FinInComeOptions")] js_options: JsValue, #[wasm_bindgen(js_name = "requestOptions", unchecked_param_type = "RequestOptions | void")] js_request_options: Option<JsValue>) -> Promise {
        self.run(Operation::FinInCome, Some(js_options), js_request_options)
    }

    /// FinOutCome: money paid out of a partner's account through a cash desk.
    #[wasm_bindgen(js_name = finOutCome, unchecked_return_type = "Promise<FinResult>")]
    pub fn fin_out_come(&self, #[wasm_bindgen(js_name = "options", unchecked_param_type = "FinOutComeOptions")] js_options: JsValue, #[wasm_bindgen(js_name = "requestOptions", unchecked_param_type = "RequestOptions | void")] js_request_options: Option<JsValue>) -> Promise {
        self.run(Operation::FinOutCome, Some(js_options), js_request_options)
    }
}

impl OksoftClient {
    /// Reads the options and starts one call, which `driver.js` runs: the promise
    /// resolves with the converted result, or rejects with an `OksoftError` in the
    /// client's locale. Invalid options reject it before anything is sent.
    fn run(&self, operation: Operation, js_options: Option<JsValue>, js_request_options: Option<JsValue>) -> Promise {
        let locale = self.locale;
        let method = operation.spec().wire_name;
        let js_options = js_options.unwrap_or(JsValue::UNDEFINED);
        let prepared = read_options(Some(method), &js_options).and_then(|input| {
            let (limits, signal) = read_call_options(method, js_request_options)?;
            let steps = CallSteps::new(&self.client.config, operation, &input, limits)?;
            Ok((steps, signal))
        });
        match prepared {
            Ok((steps, signal)) => {
                let call = JsSteps::call(self.client.clone(), operation, steps, locale);
                run_call(&self.js_driver_state, call, signal)
            }
            Err(error) => Promise::reject(&to_js_error(&error, locale)),
        }
    }
}

/// Reads a method's second argument: `timeoutMs`, `maxRetries` and an `AbortSignal`.
fn read_call_options(method: &'static str, js_request_options: Option<JsValue>) -> Result<(CallLimits, Option<AbortSignal>), Error> {
    let js_request_options = js_request_options.unwrap_or(JsValue::UNDEFINED);
    let input = read_options(Some(method), &js_request_options)?;

    let js_signal = if js_request_options.is_object() {
        Reflect::get(&js_request_options, &JsValue::from_str("signal")).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    };
    let signal = js_signal.dyn_ref::<AbortSignal>().cloned();
    let bad_signal_type = (signal.is_none() && !js_signal.is_undefined() && !js_signal.is_null()).then(|| type_name(&js_signal));

    let settings = call_settings(method, &input, bad_signal_type)?;
    let limits = CallLimits { timeout_ms: settings.timeout_ms, max_retries: settings.max_retries, has_signal: signal.is_some() };
    Ok((limits, signal))
}

/// MD5 of the UTF-8 bytes of `text` as hexadecimal, upper case unless `letterCase` is
/// `"lower"`: `md5Hex("demo")` is `"FE01CE2A7FBAC8FAFAED7C982A04E229"`. Throws an
/// `OksoftError` of kind `validation` when `text` is not a string.
#[wasm_bindgen(js_name = md5Hex)]
pub fn md5_hex_js(
    #[wasm_bindgen(js_name = "text", unchecked_param_type = "string")] js_text: JsValue,
    #[wasm_bindgen(js_name = "letterCase", unchecked_param_type = "'upper' | 'lower' | void")] letter_case: JsValue,
) -> Result<String, JsValue> {
    let invalid = |field: &str, problem: Problem| {
        to_js_error(&Error::validation(None, vec![FieldProblem::new(field, problem)]), Locale::default())
    };

    let text = match read_value(&js_text) {
        InputValue::Text(text) => text,
        other => return Err(invalid("text", Problem::WrongType { expected: Expected::Text, found: other.type_name() })),
    };
    let case = match read_value(&letter_case) {
        InputValue::Absent => HexCase::Upper,
        InputValue::Text(name) => match HexCase::parse(&name) {
            Some(case) => case,
            None => return Err(invalid("letterCase", Problem::NotOneOf { value: name, allowed: HexCase::NAMES })),
        },
        other => {
            let problem = Problem::WrongType { expected: Expected::Text, found: other.type_name() };
            return Err(invalid("letterCase", problem));
        }
    };
    Ok(md5_hex(&text, case))
}

/// Size of this module's WebAssembly memory in bytes, for leak checks and benchmarks:
/// it grows when the module needs more and never shrinks.
#[wasm_bindgen(js_name = wasmMemorySize)]
pub fn wasm_memory_size() -> f64 {
    let js_memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    let js_buffer: js_sys::ArrayBuffer = js_memory.buffer().unchecked_into();
    f64::from(js_buffer.byte_length())
}
