//! PartnersGet and PartnersCreate.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

#[wasm_bindgen_test]
async fn partners_get_by_code() {
    let client = client();
    let options = js_object(&[("partnersCode", JsValue::from_f64(DEMO_PARTNER_CODE))]);

    let partner = resolved("partnersGet by code", client.partners_get(options, None)).await;

    assert_eq!(number(&partner, "code"), Some(DEMO_PARTNER_CODE));
    assert_eq!(text(&partner, "id").as_deref(), Some(DEMO_PARTNER_ID));
    assert_eq!(text(&partner, "fio").as_deref(), Some(DEMO_PARTNER_FIO));
    assert_eq!(text(&partner, "name").as_deref(), Some("Кузнецова"));
    assert_eq!(text(&partner, "firstName").as_deref(), Some("Антонина"));
    assert_eq!(text(&partner, "patronymic").as_deref(), Some("Петровна"));
    assert_eq!(text(&partner, "email").as_deref(), Some(DEMO_PARTNER_EMAIL));
    assert_eq!(text(&partner, "city").as_deref(), Some("Таганрог"));
    assert_eq!(text(&partner, "phone").as_deref(), Some("9895000345"));
    assert_eq!(text(&partner, "phone2").as_deref(), Some("8-495-424-56-89"));
    assert_eq!(text(&partner, "info").as_deref(), Some("хороший клиент"));
    assert_eq!(number(&partner, "sponsorCode"), Some(3.0));
    assert_eq!(text(&partner, "webAlias").as_deref(), Some("123123123"));
    assert_eq!(boolean(&partner, "registrationAllowed"), Some(false));
    assert!(
        field(&partner, "createDate").is_null(),
        "createDate: {}",
        describe(&partner)
    );
    assert!(
        field(&partner, "serviceStop").is_null(),
        "serviceStop: {}",
        describe(&partner)
    );

    let sex = field(&partner, "sex");
    assert_eq!(number(&sex, "code"), Some(2.0));
    assert_eq!(text(&sex, "name").as_deref(), Some("Женский"));

    let groups = field(&partner, "partnersGroupsList");
    assert_eq!(codes(&groups), [2.0, 108.0]);
    let distributor = item_with_code(&groups, 2.0);
    assert_eq!(text(&distributor, "name").as_deref(), Some("Дистрибьютор"));
    assert_eq!(boolean(&distributor, "checked"), Some(true));
    let starter_pack = item_with_code(&groups, 108.0);
    assert_eq!(
        text(&starter_pack, "name").as_deref(),
        Some("Купил стартовый пакет")
    );
    assert_eq!(boolean(&starter_pack, "checked"), Some(true));
}

#[wasm_bindgen_test]
async fn partners_get_by_id() {
    let client = client();
    let options = js_object(&[("id", JsValue::from_str(DEMO_PARTNER_ID))]);

    let partner = resolved("partnersGet by id", client.partners_get(options, None)).await;

    assert_eq!(number(&partner, "code"), Some(DEMO_PARTNER_CODE));
    assert_eq!(text(&partner, "fio").as_deref(), Some(DEMO_PARTNER_FIO));
}

#[wasm_bindgen_test]
async fn partners_get_code_as_text() {
    let client = client();
    let options = js_object(&[("partnersCode", JsValue::from_str("24"))]);

    let partner = resolved(
        "partnersGet with partnersCode \"24\"",
        client.partners_get(options, None),
    )
    .await;

    assert_eq!(number(&partner, "code"), Some(DEMO_PARTNER_CODE));
}

#[wasm_bindgen_test]
async fn partners_get_sponsor_create_date() {
    let client = client();
    let options = js_object(&[("partnersCode", JsValue::from_f64(3.0))]);

    let partner = resolved("partnersGet of partner 3", client.partners_get(options, None)).await;

    let create_date = field(&partner, "createDate");
    assert!(
        create_date.is_instance_of::<js_sys::Date>(),
        "createDate is not a Date: {}",
        describe(&partner)
    );
    // The emulator seeds partner 3 with /Date(1262427133000+0300)/, 2010-01-02 10:12:13 UTC.
    let epoch_ms = js_sys::Date::from(create_date).get_time();
    assert_eq!(epoch_ms, 1_262_427_133_000.0);
    assert_eq!(text(&partner, "countryName").as_deref(), Some("Россия"));
}

#[wasm_bindgen_test]
async fn partners_get_unknown_code() {
    let client = client();
    let options = js_object(&[("partnersCode", JsValue::from_f64(999_999.0))]);

    let error = rejected("partnersGet of code 999999", client.partners_get(options, None)).await;

    assert_error(
        "partnersGet",
        &error,
        "api",
        "partner_not_found",
        "PartnersGet",
    );
    assert_eq!(
        text(&error, "resultText").as_deref(),
        Some("Контрагент не найден")
    );
    assert_eq!(number(&error, "resultNumber"), Some(-1.0));
}

#[wasm_bindgen_test]
async fn partners_get_unknown_id() {
    let client = client();
    let options = js_object(&[("id", JsValue::from_str("no-such-id"))]);

    let error = rejected("partnersGet of an unknown id", client.partners_get(options, None)).await;

    assert_error(
        "partnersGet",
        &error,
        "api",
        "partner_not_found",
        "PartnersGet",
    );
    assert!(
        field(&error, "resultText").is_null(),
        "resultText of an empty body: {}",
        describe(&error)
    );
}

/// Registration data of a partner that no earlier run has created.
struct NewPartner {
    email: String,
    login: String,
    id: String,
    password: &'static str,
}

impl NewPartner {
    fn unique() -> NewPartner {
        let suffix = unique_suffix();
        NewPartner {
            email: format!("wasm-{suffix}@example.com"),
            login: format!("wasm-{suffix}"),
            // The external Id may have at most 20 characters: "w" and 17 digits.
            id: format!("w{suffix}"),
            password: "s3cret-пароль",
        }
    }

    fn options(&self) -> JsValue {
        js_object(&[
            ("name", JsValue::from_str("Тестова")),
            ("firstName", JsValue::from_str("Вера")),
            ("patronymic", JsValue::from_str("Ивановна")),
            ("email", JsValue::from_str(&self.email)),
            // 15 March 1990 as a JS Date: months count from 0.
            (
                "birthday",
                js_sys::Date::new_with_year_month_day(1990, 2, 15).into(),
            ),
            ("login", JsValue::from_str(&self.login)),
            ("id", JsValue::from_str(&self.id)),
            ("sponsorId", JsValue::from_str(DEMO_PARTNER_ID)),
            ("password", JsValue::from_str(self.password)),
            ("sex", JsValue::from_f64(2.0)),
            ("country", JsValue::from_str("13")),
            ("city", JsValue::from_str("Таганрог")),
            ("phone", JsValue::from_str("+7 900 000-00-00")),
            ("phoneTypes", JsValue::from_f64(1.0)),
            ("flagEmailDoubleCheck", JsValue::from_bool(true)),
        ])
    }
}

#[wasm_bindgen_test]
async fn partners_create_then_login() {
    let client = client();
    let partner = NewPartner::unique();
    let before = latest_request_seq().await;

    let created = resolved("partnersCreate", client.partners_create(partner.options(), None)).await;

    let code = number(&created, "partnersCode")
        .unwrap_or_else(|| panic!("no partnersCode in {}", describe(&created)));
    assert!(code > 0.0, "partnersCode {code}");
    assert_eq!(
        text(&created, "resultText").as_deref(),
        Some("Новый партнер успешно создан")
    );

    // The request as the emulator received it: a form POST with the date in the
    // client's default DD-MM-YYYY format and the password as an MD5 hash.
    let sent = requests_since(before).await;
    let create_request = sent
        .iter()
        .find(|request| text(request, "operation").as_deref() == Some("PartnersCreate"))
        .unwrap_or_else(|| {
            panic!(
                "no PartnersCreate request among {:?}",
                sent.iter().map(describe).collect::<Vec<_>>()
            )
        });
    assert_eq!(text(create_request, "method").as_deref(), Some("POST"));
    let params = field(create_request, "params");
    assert_eq!(text(&params, "Birthday").as_deref(), Some("15-03-1990"));
    assert_eq!(text(&params, "FlagEmailDoubleCheck").as_deref(), Some("Y"));
    assert_eq!(
        text(&params, "Email").as_deref(),
        Some(partner.email.as_str())
    );

    let login_options = js_object(&[
        ("login", JsValue::from_str(&partner.login)),
        ("password", JsValue::from_str(partner.password)),
    ]);
    let session = resolved(
        "partnersLogin as the new partner",
        client.partners_login(login_options, None),
    )
    .await;
    assert_eq!(number(&session, "partnersCode"), Some(code));
    assert_eq!(
        text(&session, "fio").as_deref(),
        Some("Тестова Вера Ивановна")
    );

    let by_code = resolved(
        "partnersGet of the new partner",
        client.partners_get(js_object(&[("partnersCode", JsValue::from_f64(code))]), None),
    )
    .await;
    assert_eq!(
        text(&by_code, "email").as_deref(),
        Some(partner.email.as_str())
    );
    assert_eq!(
        text(&by_code, "login").as_deref(),
        Some(partner.login.as_str())
    );
    assert_eq!(
        text(&by_code, "fio").as_deref(),
        Some("Тестова Вера Ивановна")
    );
    assert_eq!(number(&by_code, "sponsorCode"), Some(DEMO_PARTNER_CODE));
    assert_eq!(number(&field(&by_code, "sex"), "code"), Some(2.0));
    assert_eq!(text(&by_code, "countryName").as_deref(), Some("Россия"));
    assert!(
        field(&by_code, "createDate").is_instance_of::<js_sys::Date>(),
        "createDate of a new partner: {}",
        describe(&by_code)
    );
    assert!(
        items(&field(&by_code, "partnersGroupsList")).is_empty(),
        "groups: {}",
        describe(&by_code)
    );

    let by_id = resolved(
        "partnersGet of the new partner by id",
        client.partners_get(js_object(&[("id", JsValue::from_str(&partner.id))]), None),
    )
    .await;
    assert_eq!(number(&by_id, "code"), Some(code));
}

#[wasm_bindgen_test]
async fn partners_create_duplicate_email() {
    let client = client();
    let mut partner = NewPartner::unique();
    partner.email = DEMO_PARTNER_EMAIL.to_string();

    let error = rejected(
        "partnersCreate with a registered e-mail",
        client.partners_create(partner.options(), None),
    )
    .await;

    assert_error(
        "partnersCreate",
        &error,
        "api",
        "registration_rejected",
        "PartnersCreate",
    );
    assert_eq!(
        text(&error, "resultText").as_deref(),
        Some("Контрагент с таким E-mail уже зарегистрирован")
    );
}

#[wasm_bindgen_test]
async fn partners_create_future_birthday() {
    let client = client();
    let partner = NewPartner::unique();
    let options = partner.options();
    // The client accepts any real date from 1900 to 2100, but the emulator rejects a
    // birthday after today.
    js_sys::Reflect::set(
        &options,
        &JsValue::from_str("birthday"),
        &JsValue::from_str("01.01.2099"),
    )
    .expect("setting birthday");

    let error = rejected(
        "partnersCreate with a future birthday",
        client.partners_create(options, None),
    )
    .await;

    assert_error(
        "partnersCreate",
        &error,
        "api",
        "registration_rejected",
        "PartnersCreate",
    );
    let result_text = text(&error, "resultText").unwrap_or_default();
    assert!(
        result_text.contains("недопустимая дата рождения"),
        "resultText {result_text:?}"
    );
}
