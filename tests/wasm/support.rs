//! Helpers shared by the suite: building JS option objects, settling the promises the
//! client returns, reading fields of JS results and errors, and reading the emulator's
//! inspection API.

use js_sys::{Array, Function, Promise, Reflect, JSON};
use oksoft_client::js::OksoftClient;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Integration account of the emulator's seed data.
pub const SERVICE_LOGIN: &str = "demo";
pub const SERVICE_PASSWORD: &str = "demo";

/// Demo partner 24 of the seed data: external Id, extra login name, password, e-mail.
pub const DEMO_PARTNER_CODE: f64 = 24.0;
pub const DEMO_PARTNER_ID: &str = "5518";
pub const DEMO_PARTNER_LOGIN: &str = "antonina";
pub const DEMO_PARTNER_PASSWORD: &str = "demo";
pub const DEMO_PARTNER_EMAIL: &str = "antonina@bk.ru";
pub const DEMO_PARTNER_FIO: &str = "Кузнецова Антонина Петровна";

/// Base URL of the emulator, without a trailing slash.
///
/// The URL is fixed when the suite is compiled, because a wasm test binary cannot read
/// the environment of the process that runs it.
pub fn emulator_url() -> &'static str {
    match option_env!("OKSOFT_EMULATOR_URL") {
        Some(url) if !url.trim().is_empty() => url.trim().trim_end_matches('/'),
        _ => panic!(
            "OKSOFT_EMULATOR_URL is not set: start `target/debug/oksoft-emulator --port 0`, \
             export the URL it prints (OKSOFT_EMULATOR_URL=http://127.0.0.1:PORT) and run \
             wasm-pack test again, which recompiles the suite with it"
        ),
    }
}

/// Builds a plain JS object from key and value pairs.
pub fn js_object(entries: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in entries {
        Reflect::set(&object, &JsValue::from_str(key), value)
            .expect("setting a property of a fresh object");
    }
    object.into()
}

/// Options of a client that logs in to the emulator with the seeded integration account.
pub fn client_options() -> Vec<(&'static str, JsValue)> {
    vec![
        ("baseUrl", JsValue::from_str(emulator_url())),
        ("login", JsValue::from_str(SERVICE_LOGIN)),
        ("password", JsValue::from_str(SERVICE_PASSWORD)),
    ]
}

/// Creates a client with the seeded integration account, which logs in on its first call.
pub fn client() -> OksoftClient {
    OksoftClient::new(js_object(&client_options())).unwrap_or_else(|error| {
        panic!(
            "new OksoftClient with valid options threw: {}",
            describe(&error)
        )
    })
}

/// Awaits a promise and returns its value or its rejection reason.
pub async fn settle(promise: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(promise).await
}

/// Awaits a promise that must resolve. `call` names the call in the panic message.
pub async fn resolved(call: &str, promise: Promise) -> JsValue {
    match settle(promise).await {
        Ok(value) => value,
        Err(error) => panic!("{call} rejected: {}", describe(&error)),
    }
}

/// Awaits a promise that must reject and returns the rejection reason.
pub async fn rejected(call: &str, promise: Promise) -> JsValue {
    match settle(promise).await {
        Ok(value) => panic!(
            "{call} resolved with {} but was expected to reject",
            describe(&value)
        ),
        Err(error) => error,
    }
}

/// Describes a JS value for a failure message: an error's message followed by its
/// fields as JSON, or any other value as JSON.
pub fn describe(value: &JsValue) -> String {
    let json = JSON::stringify(value)
        .ok()
        .and_then(|json| json.as_string())
        .unwrap_or_else(|| format!("{value:?}"));
    match value.dyn_ref::<js_sys::Error>() {
        Some(error) => format!(
            "{}: {} {json}",
            String::from(error.name()),
            String::from(error.message())
        ),
        None => json,
    }
}

/// Reads the property `key` of a JS object, `undefined` when it is missing.
pub fn field(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Reads a text property, `None` for `null`, `undefined` or any other type.
pub fn text(value: &JsValue, key: &str) -> Option<String> {
    field(value, key).as_string()
}

/// Reads a number property, `None` for `null`, `undefined` or any other type.
pub fn number(value: &JsValue, key: &str) -> Option<f64> {
    field(value, key).as_f64()
}

/// Reads a boolean property, `None` for `null`, `undefined` or any other type.
pub fn boolean(value: &JsValue, key: &str) -> Option<bool> {
    field(value, key).as_bool()
}

/// Collects the items of a JS array, and panics with the value when it is not an array.
pub fn items(value: &JsValue) -> Vec<JsValue> {
    assert!(
        Array::is_array(value),
        "expected an array, got {}",
        describe(value)
    );
    value.unchecked_ref::<Array>().iter().collect()
}

/// Collects the `code` property of every item of a JS array, in order.
pub fn codes(list: &JsValue) -> Vec<f64> {
    items(list)
        .iter()
        .map(|item| number(item, "code").unwrap_or(f64::NAN))
        .collect()
}

/// Finds the item of a JS array whose `code` is `code`, and panics when there is none.
pub fn item_with_code(list: &JsValue, code: f64) -> JsValue {
    items(list)
        .into_iter()
        .find(|item| number(item, "code") == Some(code))
        .unwrap_or_else(|| panic!("no item with code {code} in {}", describe(list)))
}

/// Fetches `path` from the emulator with the global `fetch` (Node 18+ and browsers
/// both have it, and Node has no `window`) and returns the parsed JSON body.
pub async fn emulator_json(path: &str) -> JsValue {
    let url = format!("{}{path}", emulator_url());
    let fetch: Function = Reflect::get(&js_sys::global(), &JsValue::from_str("fetch"))
        .ok()
        .and_then(|fetch| fetch.dyn_into().ok())
        .expect("no global fetch: the suite needs Node 18 or newer, or a browser");

    let started = fetch
        .call1(&JsValue::UNDEFINED, &JsValue::from_str(&url))
        .unwrap_or_else(|error| panic!("fetch {url} threw: {}", describe(&error)));
    let response = JsFuture::from(Promise::resolve(&started))
        .await
        .unwrap_or_else(|error| panic!("fetch {url} failed: {}", describe(&error)));
    assert_eq!(
        number(&response, "status"),
        Some(200.0),
        "HTTP status of {url}"
    );

    let read_json: Function = field(&response, "json")
        .dyn_into()
        .expect("Response.json is a function");
    let body = read_json.call0(&response).expect("Response.json() threw");
    JsFuture::from(Promise::resolve(&body))
        .await
        .unwrap_or_else(|error| panic!("the body of {url} is not JSON: {}", describe(&error)))
}

/// Reads the API requests the emulator logged after sequence number `since`, oldest first.
pub async fn requests_since(since: f64) -> Vec<JsValue> {
    let log = emulator_json(&format!("/_emulator/requests?since={since}")).await;
    items(&field(&log, "requests"))
}

/// Reads the sequence number of the latest API request the emulator logged, 0 when none.
///
/// Reading only the requests after a known number keeps this exact after the
/// emulator's log drops its oldest entries, which its plain `count` does not.
pub async fn latest_request_seq() -> f64 {
    let requests = requests_since(0.0).await;
    requests
        .last()
        .and_then(|request| number(request, "seq"))
        .unwrap_or(0.0)
}

/// Builds a value that differs between runs and between the Node and browser runs:
/// the current time in milliseconds followed by four random digits.
pub fn unique_suffix() -> String {
    let now = js_sys::Date::now();
    let random = (js_sys::Math::random() * 10_000.0).floor();
    format!("{now:.0}{random:04.0}")
}

/// Converts a decimal string with two fraction digits, such as "-12.05", into cents.
pub fn to_cents(decimal: &str) -> i64 {
    let (negative, digits) = match decimal.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, decimal),
    };
    let (whole, fraction) = digits
        .split_once('.')
        .unwrap_or_else(|| panic!("expected a decimal with two fraction digits, got {decimal:?}"));
    assert_eq!(fraction.len(), 2, "fraction digits of {decimal:?}");
    let whole: i64 = whole
        .parse()
        .unwrap_or_else(|_| panic!("invalid whole part in {decimal:?}"));
    let fraction: i64 = fraction
        .parse()
        .unwrap_or_else(|_| panic!("invalid fraction in {decimal:?}"));
    let cents = whole * 100 + fraction;
    if negative {
        -cents
    } else {
        cents
    }
}

/// Formats cents as a decimal string with two fraction digits, such as "1234.50".
pub fn from_cents(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let magnitude = cents.unsigned_abs();
    format!("{sign}{}.{:02}", magnitude / 100, magnitude % 100)
}

/// Checks the fields of a rejection: a JS `Error` named `OksoftError` with the
/// expected `kind`, `code` and `method`.
pub fn assert_error(call: &str, error: &JsValue, kind: &str, code: &str, method: &str) {
    assert!(
        error.is_instance_of::<js_sys::Error>(),
        "{call}: rejection is not an Error: {}",
        describe(error)
    );
    assert_eq!(
        text(error, "name").as_deref(),
        Some("OksoftError"),
        "{call}: name of {}",
        describe(error)
    );
    assert_eq!(
        text(error, "kind").as_deref(),
        Some(kind),
        "{call}: kind of {}",
        describe(error)
    );
    assert_eq!(
        text(error, "code").as_deref(),
        Some(code),
        "{call}: code of {}",
        describe(error)
    );
    assert_eq!(
        text(error, "method").as_deref(),
        Some(method),
        "{call}: method of {}",
        describe(error)
    );
}
