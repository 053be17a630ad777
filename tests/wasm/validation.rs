//! Input validation of every operation: bad options reject with kind `validation`,
//! the first invalid field in `field`, and nothing reaches the emulator.
//!
//! Each table uses a client that has not logged in yet, so a request of any kind,
//! UsersLogin included, shows up in the emulator's request log.

use js_sys::Promise;
use oksoft_client::js::OksoftClient;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

/// A method of `OksoftClient` as JS calls it: options in, promise out.
/// One client method with its call options left out.
type ClientMethod = fn(&OksoftClient, JsValue) -> Promise;

/// One invalid call and the rejection it must get.
struct Case {
    label: String,
    options: JsValue,
    field: &'static str,
    code: &'static str,
}

fn case(label: &str, options: JsValue, field: &'static str, code: &'static str) -> Case {
    Case {
        label: label.to_string(),
        options,
        field,
        code,
    }
}

/// Copies `base` into a JS object with `key` set to `value`, or removed when `value`
/// is `None`.
fn changed(base: &[(&'static str, JsValue)], key: &'static str, value: Option<JsValue>) -> JsValue {
    let mut entries: Vec<(&str, JsValue)> = base
        .iter()
        .filter(|(name, _)| *name != key)
        .cloned()
        .collect();
    if let Some(value) = value {
        entries.push((key, value));
    }
    js_object(&entries)
}

/// Builds text of `count` Cyrillic letters, two UTF-8 bytes each, so that length limits
/// are tested in characters (`limit_counts_characters` checks the accepted side).
fn cyrillic(count: usize) -> JsValue {
    JsValue::from_str(&"ж".repeat(count))
}

/// Runs every case with `method` and checks the rejection fields and that the
/// emulator received no request.
async fn check_table(method_name: &'static str, method: ClientMethod, cases: Vec<Case>) {
    let client = client();
    let baseline = latest_request_seq().await;

    for case in cases {
        let call = format!("{method_name} with {}", case.label);
        let error = rejected(&call, method(&client, case.options)).await;

        assert_eq!(
            text(&error, "kind").as_deref(),
            Some("validation"),
            "{call}: kind of {}",
            describe(&error)
        );
        assert_eq!(
            text(&error, "field").as_deref(),
            Some(case.field),
            "{call}: field of {}",
            describe(&error)
        );
        assert_eq!(
            text(&error, "code").as_deref(),
            Some(case.code),
            "{call}: code of {}",
            describe(&error)
        );
        assert_eq!(
            text(&error, "method").as_deref(),
            Some(method_name),
            "{call}: method of {}",
            describe(&error)
        );
        let problems = items(&field(&error, "problems"));
        assert!(
            !problems.is_empty(),
            "{call}: no problems in {}",
            describe(&error)
        );

        let sent = requests_since(baseline).await;
        assert!(
            sent.is_empty(),
            "{call}: requests reached the emulator: {:?}",
            sent.iter().map(describe).collect::<Vec<_>>()
        );
    }
}

/// Builds the cases every operation shares: a misspelt option, and options that are a
/// string or an array instead of an object.
fn shape_cases(misspelt: &'static str) -> Vec<Case> {
    vec![
        case(
            &format!("misspelt option {misspelt}"),
            js_object(&[(misspelt, JsValue::from_str("1"))]),
            misspelt,
            "unknown_field",
        ),
        case(
            "options as a string",
            JsValue::from_str("demo"),
            "options",
            "invalid_type",
        ),
        case(
            "options as an array",
            js_sys::Array::new().into(),
            "options",
            "invalid_type",
        ),
    ]
}

#[wasm_bindgen_test]
async fn users_login_invalid() {
    check_table("UsersLogin", |client, options| client.users_login(Some(options), None), shape_cases("logn")).await;
}

#[wasm_bindgen_test]
async fn partners_login_invalid() {
    let base = [
        ("login", JsValue::from_str(DEMO_PARTNER_ID)),
        ("password", JsValue::from_str("demo")),
    ];
    let mut cases = vec![
        case(
            "no login",
            changed(&base, "login", None),
            "login",
            "missing_field",
        ),
        case(
            "blank login",
            changed(&base, "login", Some(JsValue::from_str("  "))),
            "login",
            "missing_field",
        ),
        case(
            "login as a boolean",
            changed(&base, "login", Some(JsValue::TRUE)),
            "login",
            "invalid_type",
        ),
        case(
            "login of 51 characters",
            changed(&base, "login", Some(cyrillic(51))),
            "login",
            "too_long",
        ),
        case(
            "no password",
            changed(&base, "password", None),
            "password",
            "missing_field",
        ),
        case(
            "password and passwordMd5",
            changed(
                &base,
                "passwordMd5",
                Some(JsValue::from_str("FE01CE2A7FBAC8FAFAED7C982A04E229")),
            ),
            "password",
            "conflicting_fields",
        ),
        case(
            "passwordMd5 of 3 digits",
            js_object(&[
                ("login", JsValue::from_str(DEMO_PARTNER_ID)),
                ("passwordMd5", JsValue::from_str("abc")),
            ]),
            "passwordMd5",
            "invalid_md5",
        ),
        case(
            "misspelt pasword",
            changed(&base, "pasword", Some(JsValue::from_str("demo"))),
            "pasword",
            "unknown_field",
        ),
    ];
    cases.extend(shape_cases("logn"));
    check_table("PartnersLogin", |client, options| client.partners_login(options, None), cases).await;
}

#[wasm_bindgen_test]
async fn password_reset_invalid() {
    let base = [("email", JsValue::from_str(DEMO_PARTNER_EMAIL))];
    let too_long = format!("{}@example.com", "a".repeat(39));
    let mut cases = vec![
        case(
            "no email",
            changed(&base, "email", None),
            "email",
            "missing_field",
        ),
        case(
            "email without @",
            changed(&base, "email", Some(JsValue::from_str("antonina.bk.ru"))),
            "email",
            "invalid_email",
        ),
        case(
            "email as a number",
            changed(&base, "email", Some(JsValue::from_f64(42.0))),
            "email",
            "invalid_type",
        ),
        case(
            "email of 51 characters",
            changed(&base, "email", Some(JsValue::from_str(&too_long))),
            "email",
            "too_long",
        ),
    ];
    cases.extend(shape_cases("emial"));
    check_table(
        "PartnersPasswordResetCreate",
        |client, options| client.partners_password_reset_create(options, None),
        cases,
    )
    .await;
}

#[wasm_bindgen_test]
async fn partners_get_invalid() {
    let base = [("partnersCode", JsValue::from_f64(DEMO_PARTNER_CODE))];
    let mut cases = vec![
        case(
            "no partnersCode or id",
            js_object(&[]),
            "partnersCode",
            "missing_field",
        ),
        case(
            "negative partnersCode",
            changed(&base, "partnersCode", Some(JsValue::from_f64(-5.0))),
            "partnersCode",
            "invalid_integer",
        ),
        case(
            "NaN partnersCode",
            changed(&base, "partnersCode", Some(JsValue::from_f64(f64::NAN))),
            "partnersCode",
            "invalid_integer",
        ),
        case(
            "fractional partnersCode",
            changed(&base, "partnersCode", Some(JsValue::from_f64(1.5))),
            "partnersCode",
            "invalid_integer",
        ),
        case(
            "partnersCode of letters",
            changed(&base, "partnersCode", Some(JsValue::from_str("abc"))),
            "partnersCode",
            "invalid_integer",
        ),
        case(
            "partnersCode as a boolean",
            changed(&base, "partnersCode", Some(JsValue::TRUE)),
            "partnersCode",
            "invalid_type",
        ),
        case(
            "partnersCode and id",
            changed(&base, "id", Some(JsValue::from_str(DEMO_PARTNER_ID))),
            "partnersCode",
            "conflicting_fields",
        ),
        case(
            "id of 21 characters",
            js_object(&[("id", cyrillic(21))]),
            "id",
            "too_long",
        ),
    ];
    cases.extend(shape_cases("partnerCode"));
    check_table("PartnersGet", |client, options| client.partners_get(options, None), cases).await;
}

#[wasm_bindgen_test]
async fn directories_invalid() {
    let directories: [(&'static str, ClientMethod); 6] = [
        ("CountriesListGet", |client, options| client.countries_list_get(Some(options), None)),
        ("SexListGet", |client, options| client.sex_list_get(Some(options), None)),
        ("PhoneTypesListGet", |client, options| client.phone_types_list_get(Some(options), None)),
        ("LanguagesListGet", |client, options| client.languages_list_get(Some(options), None)),
        (
            "PartnersGroupsListGet",
            |client, options| client.partners_groups_list_get(Some(options), None),
        ),
        ("CurrenciesList", |client, options| client.currencies_list(Some(options), None)),
    ];
    for (method_name, method) in directories {
        check_table(method_name, method, shape_cases("language")).await;
    }
}

#[wasm_bindgen_test]
async fn partners_create_invalid() {
    let base = [
        ("name", JsValue::from_str("Тестова")),
        ("firstName", JsValue::from_str("Вера")),
        ("email", JsValue::from_str("vera@example.com")),
        ("birthday", JsValue::from_str("15.03.1990")),
        ("password", JsValue::from_str("secret")),
    ];
    let invalid_date: JsValue = js_sys::Date::new(&JsValue::from_f64(f64::NAN)).into();
    let mut cases = vec![
        case(
            "no name",
            changed(&base, "name", None),
            "name",
            "missing_field",
        ),
        case(
            "no firstName",
            changed(&base, "firstName", None),
            "firstName",
            "missing_field",
        ),
        case(
            "no email",
            changed(&base, "email", None),
            "email",
            "missing_field",
        ),
        case(
            "no birthday",
            changed(&base, "birthday", None),
            "birthday",
            "missing_field",
        ),
        case(
            "birthday 31.02.2000",
            changed(&base, "birthday", Some(JsValue::from_str("31.02.2000"))),
            "birthday",
            "invalid_date",
        ),
        case(
            "birthday in no known layout",
            changed(&base, "birthday", Some(JsValue::from_str("March 1990"))),
            "birthday",
            "invalid_date",
        ),
        case(
            "birthday in 1850",
            changed(&base, "birthday", Some(JsValue::from_str("01.01.1850"))),
            "birthday",
            "invalid_date",
        ),
        case(
            "birthday as an invalid Date",
            changed(&base, "birthday", Some(invalid_date)),
            "birthday",
            "invalid_date",
        ),
        case(
            "birthday as a number",
            changed(&base, "birthday", Some(JsValue::from_f64(19_900_315.0))),
            "birthday",
            "invalid_type",
        ),
        case(
            "name of 151 characters",
            changed(&base, "name", Some(cyrillic(151))),
            "name",
            "too_long",
        ),
        case(
            "firstName of 51 characters",
            changed(&base, "firstName", Some(cyrillic(51))),
            "firstName",
            "too_long",
        ),
        case(
            "inn of 13 characters",
            changed(&base, "inn", Some(JsValue::from_str("1234567890123"))),
            "inn",
            "too_long",
        ),
        case(
            "info of 501 characters",
            changed(&base, "info", Some(cyrillic(501))),
            "info",
            "too_long",
        ),
        case(
            "email without domain",
            changed(&base, "email", Some(JsValue::from_str("vera@"))),
            "email",
            "invalid_email",
        ),
        case(
            "sex as a word",
            changed(&base, "sex", Some(JsValue::from_str("female"))),
            "sex",
            "invalid_integer",
        ),
        case(
            "negative country",
            changed(&base, "country", Some(JsValue::from_f64(-13.0))),
            "country",
            "invalid_integer",
        ),
        case(
            "flagEmailDoubleCheck maybe",
            changed(
                &base,
                "flagEmailDoubleCheck",
                Some(JsValue::from_str("maybe")),
            ),
            "flagEmailDoubleCheck",
            "invalid_flag",
        ),
        case(
            "passportIssueDate 30.02.2010",
            changed(
                &base,
                "passportIssueDate",
                Some(JsValue::from_str("30.02.2010")),
            ),
            "passportIssueDate",
            "invalid_date",
        ),
        case(
            "confirmPassword that differs",
            changed(&base, "confirmPassword", Some(JsValue::from_str("other"))),
            "confirmPassword",
            "password_mismatch",
        ),
        case(
            "password and passwordMd5",
            changed(
                &base,
                "passwordMd5",
                Some(JsValue::from_str("FE01CE2A7FBAC8FAFAED7C982A04E229")),
            ),
            "password",
            "conflicting_fields",
        ),
        case(
            "misspelt firstname",
            changed(&base, "firstname", Some(JsValue::from_str("Вера"))),
            "firstname",
            "unknown_field",
        ),
    ];
    cases.extend(shape_cases("emial"));
    check_table("PartnersCreate", |client, options| client.partners_create(options, None), cases).await;
}

#[wasm_bindgen_test]
async fn accounts_list_invalid() {
    let base = [
        ("accountsShortName", JsValue::from_str("PLA")),
        ("partnersCode", JsValue::from_f64(DEMO_PARTNER_CODE)),
        ("currencyCode", JsValue::from_f64(6.0)),
    ];
    let mut cases = vec![
        case(
            "no accountsShortName",
            changed(&base, "accountsShortName", None),
            "accountsShortName",
            "missing_field",
        ),
        case(
            "accountsShortName XYZ",
            changed(&base, "accountsShortName", Some(JsValue::from_str("XYZ"))),
            "accountsShortName",
            "invalid_choice",
        ),
        case(
            "accountsShortName as a number",
            changed(&base, "accountsShortName", Some(JsValue::from_f64(1.0))),
            "accountsShortName",
            "invalid_type",
        ),
        case(
            "PLA without partnersCode",
            changed(&base, "partnersCode", None),
            "partnersCode",
            "missing_field",
        ),
        case(
            "no currencyCode",
            changed(&base, "currencyCode", None),
            "currencyCode",
            "missing_field",
        ),
        case(
            "NaN currencyCode",
            changed(&base, "currencyCode", Some(JsValue::from_f64(f64::NAN))),
            "currencyCode",
            "invalid_integer",
        ),
        case(
            "currencyCode 6.5",
            changed(&base, "currencyCode", Some(JsValue::from_str("6.5"))),
            "currencyCode",
            "invalid_integer",
        ),
    ];
    cases.extend(shape_cases("currency"));
    check_table("AccountsListGet", |client, options| client.accounts_list_get(options, None), cases).await;
}

/// Cases shared by FinInCome and FinOutCome. The valid base is in `transaction` mode,
/// so a case the client wrongly sent would also show up as a moved balance.
fn transfer_cases() -> Vec<Case> {
    let base = [
        ("validationTransaction", JsValue::from_str("transaction")),
        ("accountsRsCode", JsValue::from_f64(15_162.0)),
        ("accountsKsCode", JsValue::from_f64(100.0)),
        ("amount", JsValue::from_str("10.00")),
        ("currencyCode", JsValue::from_f64(6.0)),
    ];
    let amount = |value: JsValue| changed(&base, "amount", Some(value));
    let mut cases = vec![
        case(
            "no validationTransaction",
            changed(&base, "validationTransaction", None),
            "validationTransaction",
            "missing_field",
        ),
        case(
            "validationTransaction commit",
            changed(
                &base,
                "validationTransaction",
                Some(JsValue::from_str("commit")),
            ),
            "validationTransaction",
            "invalid_choice",
        ),
        case(
            "no accountsRsCode",
            changed(&base, "accountsRsCode", None),
            "accountsRsCode",
            "missing_field",
        ),
        case(
            "accountsKsCode of letters",
            changed(&base, "accountsKsCode", Some(JsValue::from_str("abc"))),
            "accountsKsCode",
            "invalid_integer",
        ),
        case(
            "no currencyCode",
            changed(&base, "currencyCode", None),
            "currencyCode",
            "missing_field",
        ),
        case(
            "no amount",
            changed(&base, "amount", None),
            "amount",
            "missing_field",
        ),
        case(
            "NaN amount",
            amount(JsValue::from_f64(f64::NAN)),
            "amount",
            "invalid_amount",
        ),
        case(
            "infinite amount",
            amount(JsValue::from_f64(f64::INFINITY)),
            "amount",
            "invalid_amount",
        ),
        case(
            "negative amount",
            amount(JsValue::from_f64(-5.0)),
            "amount",
            "invalid_amount",
        ),
        case(
            "negative amount as text",
            amount(JsValue::from_str("-5.00")),
            "amount",
            "invalid_amount",
        ),
        case(
            "zero amount",
            amount(JsValue::from_f64(0.0)),
            "amount",
            "invalid_amount",
        ),
        case(
            "amount with three decimals",
            amount(JsValue::from_f64(1.001)),
            "amount",
            "invalid_amount",
        ),
        case(
            "amount of letters",
            amount(JsValue::from_str("ten")),
            "amount",
            "invalid_amount",
        ),
        case(
            "amount as a boolean",
            amount(JsValue::TRUE),
            "amount",
            "invalid_type",
        ),
        case(
            "comment of 501 characters",
            changed(&base, "comment", Some(cyrillic(501))),
            "comment",
            "too_long",
        ),
        case(
            "misspelt ammount",
            changed(&base, "ammount", Some(JsValue::from_str("1"))),
            "ammount",
            "unknown_field",
        ),
    ];
    cases.extend(shape_cases("curency"));
    cases
}

#[wasm_bindgen_test]
async fn fin_in_come_invalid() {
    check_table("FinInCome", |client, options| client.fin_in_come(options, None), transfer_cases()).await;
}

#[wasm_bindgen_test]
async fn fin_out_come_invalid() {
    check_table("FinOutCome", |client, options| client.fin_out_come(options, None), transfer_cases()).await;
}

#[wasm_bindgen_test]
async fn constructor_invalid() {
    let baseline = latest_request_seq().await;
    let base = client_options();
    let cases = [
        (
            "no baseUrl",
            changed(&base, "baseUrl", None),
            "baseUrl",
            "missing_field",
        ),
        (
            "baseUrl without scheme",
            changed(&base, "baseUrl", Some(JsValue::from_str("127.0.0.1:8080"))),
            "baseUrl",
            "invalid_url",
        ),
        (
            "no login",
            changed(&base, "login", None),
            "login",
            "missing_field",
        ),
        (
            "no password",
            changed(&base, "password", None),
            "password",
            "missing_field",
        ),
        (
            "timeoutMs of -1",
            changed(&base, "timeoutMs", Some(JsValue::from_f64(-1.0))),
            "timeoutMs",
            "invalid_integer",
        ),
        (
            "misspelt timeout",
            changed(&base, "timeout", Some(JsValue::from_f64(5_000.0))),
            "timeout",
            "unknown_field",
        ),
    ];

    for (label, options, expected_field, expected_code) in cases {
        let error = match OksoftClient::new(options) {
            Ok(_) => panic!("new OksoftClient with {label} did not throw"),
            Err(error) => error,
        };
        assert_eq!(
            text(&error, "kind").as_deref(),
            Some("validation"),
            "{label}: kind of {}",
            describe(&error)
        );
        assert_eq!(
            text(&error, "field").as_deref(),
            Some(expected_field),
            "{label}: field of {}",
            describe(&error)
        );
        assert_eq!(
            text(&error, "code").as_deref(),
            Some(expected_code),
            "{label}: code of {}",
            describe(&error)
        );
        assert!(
            field(&error, "method").is_null(),
            "{label}: method of {}",
            describe(&error)
        );
    }

    let sent = requests_since(baseline).await;
    assert!(
        sent.is_empty(),
        "the constructor sent requests: {:?}",
        sent.iter().map(describe).collect::<Vec<_>>()
    );
}

#[wasm_bindgen_test]
async fn limit_counts_characters() {
    let client = client();
    let baseline = latest_request_seq().await;
    // 20 characters, the limit of `id`, but 40 UTF-8 bytes.
    let id = "ж".repeat(20);

    let error = rejected(
        "partnersGet with an id of 20 Cyrillic letters",
        client.partners_get(js_object(&[("id", JsValue::from_str(&id))]), None),
    )
    .await;

    // No partner has this id, so the emulator returns an empty body: the request was sent.
    assert_eq!(
        text(&error, "kind").as_deref(),
        Some("api"),
        "kind of {}",
        describe(&error)
    );
    assert_eq!(
        text(&error, "code").as_deref(),
        Some("partner_not_found"),
        "code of {}",
        describe(&error)
    );
    let sent = requests_since(baseline).await;
    let partners_get = sent
        .iter()
        .find(|request| text(request, "operation").as_deref() == Some("PartnersGet"))
        .unwrap_or_else(|| {
            panic!(
                "no PartnersGet among {:?}",
                sent.iter().map(describe).collect::<Vec<_>>()
            )
        });
    assert_eq!(text(&field(partners_get, "params"), "Id"), Some(id));
}
