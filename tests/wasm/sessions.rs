//! UsersLogin, PartnersLogin, PartnersPasswordResetCreate and `md5Hex`.

use oksoft_client::js::{md5_hex_js, OksoftClient};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

/// Creates a client whose integration password the emulator rejects.
fn client_with_wrong_password() -> OksoftClient {
    let options = js_object(&[
        ("baseUrl", JsValue::from_str(emulator_url())),
        ("login", JsValue::from_str(SERVICE_LOGIN)),
        ("password", JsValue::from_str("not-the-password")),
    ]);
    OksoftClient::new(options)
        .unwrap_or_else(|error| panic!("new OksoftClient threw: {}", describe(&error)))
}

#[wasm_bindgen_test]
async fn users_login_ok() {
    let client = client();

    let result = resolved("usersLogin", client.users_login(Some(JsValue::UNDEFINED), None)).await;

    assert_eq!(number(&result, "resultNumber"), Some(1.0));
    assert_eq!(text(&result, "resultText").as_deref(), Some("OK"));
    assert!(
        field(&result, "ticket").is_undefined(),
        "the service ticket must stay inside the client"
    );
}

#[wasm_bindgen_test]
async fn users_login_sends_one_request() {
    let client = client();
    let before = latest_request_seq().await;

    resolved("usersLogin", client.users_login(Some(js_object(&[])), None)).await;

    let sent = requests_since(before).await;
    assert_eq!(
        sent.len(),
        1,
        "requests sent: {:?}",
        sent.iter().map(describe).collect::<Vec<_>>()
    );
    assert_eq!(text(&sent[0], "operation").as_deref(), Some("UsersLogin"));
    let params = field(&sent[0], "params");
    assert_eq!(text(&params, "Login").as_deref(), Some(SERVICE_LOGIN));
    assert_eq!(text(&params, "Format").as_deref(), Some("json"));
}

#[wasm_bindgen_test]
async fn users_login_wrong_password() {
    let client = client_with_wrong_password();

    let error = rejected("usersLogin", client.users_login(Some(JsValue::UNDEFINED), None)).await;

    assert_error(
        "usersLogin",
        &error,
        "auth",
        "service_login_failed",
        "UsersLogin",
    );
    assert_eq!(
        text(&error, "resultText").as_deref(),
        Some("Неправильный логин или пароль")
    );
    assert_eq!(number(&error, "resultNumber"), Some(-1.0));
}

#[wasm_bindgen_test]
async fn lazy_login_wrong_password() {
    let client = client_with_wrong_password();

    let error = rejected(
        "countriesListGet",
        client.countries_list_get(Some(JsValue::UNDEFINED), None),
    )
    .await;

    assert_error(
        "countriesListGet",
        &error,
        "auth",
        "service_login_failed",
        "UsersLogin",
    );
    assert_eq!(
        text(&error, "resultText").as_deref(),
        Some("Неправильный логин или пароль")
    );
}

/// Checks a successful PartnersLogin of the demo partner.
fn assert_demo_partner_session(call: &str, session: &JsValue) {
    assert_eq!(
        number(session, "partnersCode"),
        Some(DEMO_PARTNER_CODE),
        "{call}: partnersCode"
    );
    assert_eq!(
        text(session, "fio").as_deref(),
        Some(DEMO_PARTNER_FIO),
        "{call}: fio"
    );
    let ticket = text(session, "partnersTicket");
    assert!(
        ticket.is_some(),
        "{call}: partnersTicket is not a string: {}",
        describe(session)
    );
    assert!(
        !ticket.unwrap_or_default().trim().is_empty(),
        "{call}: partnersTicket is blank"
    );
}

#[wasm_bindgen_test]
async fn partners_login_by_id() {
    let client = client();
    let options = js_object(&[
        ("login", JsValue::from_str(DEMO_PARTNER_ID)),
        ("password", JsValue::from_str(DEMO_PARTNER_PASSWORD)),
    ]);

    let session = resolved("partnersLogin by Id", client.partners_login(options, None)).await;

    assert_demo_partner_session("partnersLogin by Id", &session);
}

#[wasm_bindgen_test]
async fn partners_login_by_login() {
    let client = client();
    let options = js_object(&[
        ("login", JsValue::from_str(DEMO_PARTNER_LOGIN)),
        ("password", JsValue::from_str(DEMO_PARTNER_PASSWORD)),
    ]);

    let session = resolved("partnersLogin by login", client.partners_login(options, None)).await;

    assert_demo_partner_session("partnersLogin by login", &session);
}

#[wasm_bindgen_test]
async fn partners_login_numeric_id() {
    let client = client();
    let options = js_object(&[
        ("login", JsValue::from_f64(1001.0)),
        ("password", JsValue::from_str(DEMO_PARTNER_PASSWORD)),
    ]);

    let session = resolved(
        "partnersLogin with login 1001 as a number",
        client.partners_login(options, None),
    )
    .await;

    assert_eq!(number(&session, "partnersCode"), Some(3.0));
}

#[wasm_bindgen_test]
async fn partners_login_password_md5() {
    let client = client();
    let lower_case_md5 = md5_hex_js(JsValue::from_str(DEMO_PARTNER_PASSWORD), JsValue::from_str("lower"))
        .unwrap_or_else(|error| panic!("md5Hex threw: {}", describe(&error)));
    let options = js_object(&[
        ("login", JsValue::from_str(DEMO_PARTNER_ID)),
        ("passwordMd5", JsValue::from_str(&lower_case_md5)),
    ]);

    let session = resolved(
        "partnersLogin with passwordMd5",
        client.partners_login(options, None),
    )
    .await;

    assert_demo_partner_session("partnersLogin with passwordMd5", &session);
}

#[wasm_bindgen_test]
async fn partners_login_wrong_password() {
    let client = client();
    let options = js_object(&[
        ("login", JsValue::from_str(DEMO_PARTNER_ID)),
        ("password", JsValue::from_str("not-the-password")),
    ]);

    let error = rejected("partnersLogin", client.partners_login(options, None)).await;

    assert_error(
        "partnersLogin",
        &error,
        "auth",
        "partner_login_failed",
        "PartnersLogin",
    );
    assert_eq!(
        text(&error, "resultText").as_deref(),
        Some("Покупатель не найден/Неверный пароль")
    );
}

#[wasm_bindgen_test]
async fn password_reset_known_email() {
    let client = client();
    let options = js_object(&[("email", JsValue::from_str(DEMO_PARTNER_EMAIL))]);

    let result = resolved(
        "partnersPasswordResetCreate",
        client.partners_password_reset_create(options, None),
    )
    .await;

    assert_eq!(number(&result, "resultNumber"), Some(1.0));
    assert_eq!(
        text(&result, "resultText").as_deref(),
        Some("Успешный запрос восстановления пароля")
    );
}

#[wasm_bindgen_test]
async fn password_reset_unknown_email() {
    let client = client();
    let email = format!("nobody-{}@example.com", unique_suffix());
    let options = js_object(&[("email", JsValue::from_str(&email))]);

    let error = rejected(
        "partnersPasswordResetCreate",
        client.partners_password_reset_create(options, None),
    )
    .await;

    assert_error(
        "partnersPasswordResetCreate",
        &error,
        "api",
        "email_not_registered",
        "PartnersPasswordResetCreate",
    );
    assert_eq!(
        text(&error, "resultText").as_deref(),
        Some("Пользователь с данным E-mail не зарегистрирован")
    );
}

#[wasm_bindgen_test]
fn md5_hex_demo() {
    let upper = md5_hex_js(JsValue::from_str("demo"), JsValue::UNDEFINED)
        .unwrap_or_else(|error| panic!("md5Hex threw: {}", describe(&error)));
    assert_eq!(upper, "FE01CE2A7FBAC8FAFAED7C982A04E229");

    let lower = md5_hex_js(JsValue::from_str("demo"), JsValue::from_str("lower"))
        .unwrap_or_else(|error| panic!("md5Hex threw: {}", describe(&error)));
    assert_eq!(lower, "fe01ce2a7fbac8fafaed7c982a04e229");
}

#[wasm_bindgen_test]
fn md5_hex_utf8() {
    let hash = md5_hex_js(JsValue::from_str("пароль"), JsValue::UNDEFINED)
        .unwrap_or_else(|error| panic!("md5Hex threw: {}", describe(&error)));
    // MD5 of the UTF-8 bytes of "пароль", as `printf 'пароль' | md5sum` prints it.
    assert_eq!(hash, "E242F36F4F95F12966DA8FA2EFD59992");
}

#[wasm_bindgen_test]
fn md5_hex_bad_case() {
    let error = md5_hex_js(JsValue::from_str("demo"), JsValue::from_str("mixed"))
        .expect_err("md5Hex with letterCase \"mixed\"");

    assert_eq!(text(&error, "kind").as_deref(), Some("validation"));
    assert_eq!(text(&error, "code").as_deref(), Some("invalid_choice"));
    assert_eq!(text(&error, "field").as_deref(), Some("letterCase"));
}

#[wasm_bindgen_test]
fn md5_hex_rejects_non_strings() {
    let inputs = [
        JsValue::from_f64(5.0),
        JsValue::TRUE,
        JsValue::NULL,
        JsValue::UNDEFINED,
        js_sys::Array::new().into(),
        js_sys::Object::new().into(),
    ];
    for input in inputs {
        let error = md5_hex_js(input, JsValue::UNDEFINED).expect_err("md5Hex with a non-string");
        assert_eq!(text(&error, "kind").as_deref(), Some("validation"));
        assert_eq!(text(&error, "field").as_deref(), Some("text"));
    }
    let still_works = md5_hex_js(JsValue::from_str("demo"), JsValue::UNDEFINED);
    assert_eq!(still_works.ok().as_deref(), Some("FE01CE2A7FBAC8FAFAED7C982A04E229"));
}
