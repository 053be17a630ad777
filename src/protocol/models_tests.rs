//! Decoding of every response the OKsoft integration guide documents, of the variants
//! real servers send, and of arbitrary bytes.
//!
//! The JSON bodies marked "guide" are the vendor guide's own examples, with its `--`
//! annotations removed so that they parse.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::panic::{catch_unwind, AssertUnwindSafe};

use super::catalogue::Operation;
use super::test_random::Lcg;
use super::decode::{integer, parse_body, Envelope};
use super::error::{Error, ErrorCode, ErrorKind};
use super::models::{
    decode_acknowledgement, decode_fin_result, decode_list, decode_partner, decode_partner_created,
    decode_partner_login, decode_service_login, read_account, read_code_name, read_country, read_currency,
    read_group, read_language, transaction_number, Account, CodeName, Country, Currency, Language, PartnersGroup,
};

// ---------------------------------------------------------------------------------------
// Response bodies of the vendor guide.

const GUIDE_USERS_LOGIN_INTRO: &str = r#"{"ResultNumber":1,"ResultText":"OK","Ticket":"0011F4F2-02C6-490E-9E34-2FB0D0B0B027"}"#;

const GUIDE_USERS_LOGIN_OK: &str = r#"{
"ResultNumber": 1,
"ResultText": "OK",
"Ticket": "5CEE2279-3293-4A1E-957D-51026F262178"
}"#;

const GUIDE_USERS_LOGIN_FAIL: &str = r#"{
"ResultNumber": -1,
"ResultText": "Неправильный логин или пароль",
"Ticket": null
}"#;

const GUIDE_PARTNERS_LOGIN_OK: &str = r#"{
"OptionalValues": [
  {
"Key": "Fio",
"Value": "Кузнецова Антонина Петровна"
},
  {
"Key": "PartnersTicket",
"Value": "bb0c7c50-5f5a-47d4-b6c2-91b4ed8d211f"
}
],
"ResultCodeValue": 24,
"ResultNumber": 1,
"ResultText": "Ok"
}"#;

const GUIDE_PARTNERS_LOGIN_FAIL: &str = r#"{
"OptionalValues": [
  {
"Key": "Fio",
"Value": null
},
  {
"Key": "PartnersTicket",
"Value": null
}
],
"ResultCodeValue": null,
"ResultNumber": -1,
"ResultText": "Покупатель не найден/Неверный пароль"
}"#;

const GUIDE_RESET_OK: &str = r#"{
"OptionalValues": [],
"ResultCodeValue": null,
"ResultNumber": 1,
"ResultText": "Успешный запрос восстановления пароля"
}"#;

const GUIDE_RESET_FAIL: &str = r#"{
"OptionalValues": [],
"ResultCodeValue": null,
"ResultNumber": -1,
"ResultText": "Пользователь с данным E-mail не зарегистрирован"
}"#;

const GUIDE_PARTNERS_GET: &str = r#"{
"City": "Таганрог",
"Code": 24,
"ContactInformation": null,
"CountryName": null,
"CreateDate": null,
"Email": "antonina@bk.ru",
"Fio": "Кузнецова Антонина Петровна",
"FirstName": "Антонина",
"Id": "5518",
"Info": "хороший клиент",
"Login": null,
"Name": "Кузнецова",
"PartnersGroupsList":
[
  {
"Checked": "Y",
"Code": 2,
"Name": "Дистрибьютор"
},
  {
"Checked": "Y",
"Code": 108,
"Name": "Купил стартовый пакет"
}
],
"Patronymic": "Петровна",
"Phone": "9895000345",
"Phone2": "8-495-424-56-89",
"Rayon": null,
"RealAddress": null,
"Region": null,
"RegistrationAllowed": false,
"ServiceStop": null,
"Sex": {
"Code": 2,
"Name": "Женский"
},
"SponsorCode": 3,
"WebAlias": "123123123"
}"#;

const GUIDE_PARTNERS_GET_FAIL: &str = r#"{
"ResultCodeValue": null,
"ResultNumber": -1,
"ResultText": "Контрагент не найден"
}"#;

const GUIDE_COUNTRIES: &str = r#"[
  {
"Code": 13,
"Name": "Россия",
"Kod": null
},
  {
"Code": 17,
"Name": "Белоруссия",
"Kod": null
},
  {
"Code": 20,
"Name": "Украина",
"Kod": null
}
]"#;

const GUIDE_SEXES: &str = r#"[
  {
"Code": 1,
"Name": "Мужской"
},
  {
"Code": 2,
"Name": "Женский"
},
  {
"Code": 3,
"Name": "Организация"
},
  {
"Code": 4,
"Name": " "
}
]"#;

const GUIDE_PHONE_TYPES: &str = r#"[
  {"Code": 1, "Name": "Мобильный"},
  {"Code": 2, "Name": "Домашний"},
  {"Code": 3, "Name": "Рабочий"},
  {"Code": 4, "Name": "Водитель"},
  {"Code": 5, "Name": "Жена"},
  {"Code": 6, "Name": "Муж"}
]"#;

const GUIDE_LANGUAGES: &str = r#"[
  {
"Code": 1,
"Alias": "ru",
"Name": "Русский",
"SortOrder": 1,
"IsDefault": true,
"SystemKey": "русский",
"Culture": "ru-RU",
"ForeignName": "Русский",
"IsoName": "RUS",
"FlagIcon": "ru.png"
},
  {
"Code": 2,
"Alias": "ua",
"Name": "Українська",
"SortOrder": 2,
"IsDefault": false,
"SystemKey": "Ukraine",
"Culture": "uk-UA",
"ForeignName": "Українська",
"IsoName": "UKR",
"FlagIcon": "ua.png"
},
  {
"Code": 3,
"Alias": "en",
"Name": "English",
"SortOrder": 3,
"IsDefault": false,
"SystemKey": "us_english",
"Culture": "en-GB",
"ForeignName": "English",
"IsoName": "ENG",
"FlagIcon": "us.png"
}
]"#;

const GUIDE_PARTNERS_GROUPS: &str = r#"[
  {
"Code": 1,
"Name": "Customer",
"Checked": ""
},
  {
"Code": 2,
"Name": "Distributor",
"Checked": ""
},
  {
"Code": 3,
"Name": " Client",
"Checked": ""
},
  {
"Code": 4,
"Name": "Купил стартовый товар",
"Checked": ""
}
]"#;

const GUIDE_PARTNERS_CREATE_OK: &str = r#"{
"ResultCodeValue": 1059,
"ResultNumber": 1,
"ResultText": "Новый партнер успешно создан"
}"#;

const GUIDE_PARTNERS_CREATE_FAIL: &str = r#"{
"ResultCodeValue": null,
"ResultNumber": -1,
"ResultText": " Найдены ошибки в полях: (недопустимая дата рождения, фамилия не указана или содержит недопустимые символы, имя не указано или содержит недопустимые символы, электронный адрес содержит недопустимые значения)"
}"#;

const GUIDE_CURRENCIES: &str = r#"[
 {
"Code": 3,
"Name": "Доллар ",
"FullName": "",
"ShortName": "$ ",
"ColorRGB": "0,128, 0",
"Rate": null
  }
,
  {
"Code": 1,
"Name": "Рубли",
"FullName": "",
"ShortName": "₽",
"ColorRGB": "0,128,255",
"Rate": null
  }
,
  {
"Code": 6,
"Name": "Бонусы",
"FullName": "",
"ShortName": "Bon",
"ColorRGB": "128,0,0",
"Rate": null
  }
]"#;

const GUIDE_ACCOUNTS: &str = r#"[
  {
"Code": 15162,
"LongName": "ЛСК",
"ShortName": "PLA",
"Stock": 1
  }
]"#;

const GUIDE_FIN_IN_COME_OK: &str = r#"{
"ResultText": "Транзакция № 1187738",
"ResultNumber": 1,
"ResultCodeValue": null,
"OptionalValues": {}
}"#;

const GUIDE_FIN_OUT_COME_OK: &str = r#"{
"ResultText": "Транзакция № 1187739",
"ResultNumber": 1,
"ResultCodeValue": null,
"OptionalValues": {}
}"#;

const GUIDE_FIN_OUT_COME_FAIL: &str = r#"{
"ResultText": "Сумма больше остатка на счете",
"ResultNumber": -1,
"ResultCodeValue": null,
"OptionalValues": {}
}"#;

// ---------------------------------------------------------------------------------------
// Helpers.

fn countries(body: &str) -> Result<Vec<Country>, Error> {
    decode_list(Operation::CountriesListGet, body.as_bytes(), read_country)
}

fn currencies(body: &str) -> Result<Vec<Currency>, Error> {
    decode_list(Operation::CurrenciesList, body.as_bytes(), read_currency)
}

fn accounts(body: &str) -> Result<Vec<Account>, Error> {
    decode_list(Operation::AccountsListGet, body.as_bytes(), read_account)
}

/// Decodes a one-account list whose `Stock` is the raw JSON `stock_json` and returns that `Stock`.
fn stock(stock_json: &str) -> Option<String> {
    let body = format!(r#"[{{"Code": 15162, "LongName": "ЛСК", "ShortName": "PLA", "Stock": {stock_json}}}]"#);
    let list = accounts(&body).unwrap();
    assert_eq!(list.len(), 1);
    list[0].stock.clone()
}

/// The error of a decode that must fail.
fn failure<T: std::fmt::Debug>(result: Result<T, Error>) -> Error {
    result.expect_err("decoding should fail")
}

fn text(value: &str) -> Option<String> {
    Some(value.to_string())
}

// ---------------------------------------------------------------------------------------
// UsersLogin.

#[test]
fn users_login_guide_success() {
    let login = decode_service_login(GUIDE_USERS_LOGIN_OK.as_bytes()).unwrap();
    assert_eq!(login.ticket, "5CEE2279-3293-4A1E-957D-51026F262178");
    assert_eq!(login.result_text, text("OK"));
}

#[test]
fn users_login_guide_intro_example() {
    let login = decode_service_login(GUIDE_USERS_LOGIN_INTRO.as_bytes()).unwrap();
    assert_eq!(login.ticket, "0011F4F2-02C6-490E-9E34-2FB0D0B0B027");
}

#[test]
fn users_login_guide_failure() {
    let error = failure(decode_service_login(GUIDE_USERS_LOGIN_FAIL.as_bytes()));
    assert_eq!(error.kind, ErrorKind::Auth);
    assert_eq!(error.code, ErrorCode::ServiceLoginFailed);
    assert_eq!(error.method, Some("UsersLogin"));
    assert_eq!(error.result_number, Some(-1));
    assert_eq!(error.result_text, text("Неправильный логин или пароль"));
}

#[test]
fn users_login_success_without_ticket() {
    for body in [r#"{"ResultNumber": 1, "ResultText": "OK", "Ticket": null}"#, r#"{"ResultNumber": 1, "Ticket": "  "}"#] {
        let error = failure(decode_service_login(body.as_bytes()));
        assert_eq!(error.kind, ErrorKind::Decode, "{body}");
        assert_eq!(error.code, ErrorCode::UnexpectedResponse, "{body}");
    }
}

#[test]
fn users_login_wrappers() {
    let wrapped_d = format!(r#"{{"d": {GUIDE_USERS_LOGIN_OK}}}"#);
    assert_eq!(decode_service_login(wrapped_d.as_bytes()).unwrap().ticket, "5CEE2279-3293-4A1E-957D-51026F262178");
    let wrapped_result = format!(r#"{{"UsersLoginResult": {GUIDE_USERS_LOGIN_OK}}}"#);
    assert_eq!(decode_service_login(wrapped_result.as_bytes()).unwrap().ticket, "5CEE2279-3293-4A1E-957D-51026F262178");
}

#[test]
fn users_login_byte_order_mark() {
    let body = [b"\xEF\xBB\xBF".as_slice(), GUIDE_USERS_LOGIN_OK.as_bytes()].concat();
    assert_eq!(decode_service_login(&body).unwrap().ticket, "5CEE2279-3293-4A1E-957D-51026F262178");
}

// ---------------------------------------------------------------------------------------
// PartnersLogin.

#[test]
fn partners_login_guide_success() {
    let login = decode_partner_login(GUIDE_PARTNERS_LOGIN_OK.as_bytes()).unwrap();
    assert_eq!(login.partners_code, 24);
    assert_eq!(login.fio, text("Кузнецова Антонина Петровна"));
    assert_eq!(login.partners_ticket, "bb0c7c50-5f5a-47d4-b6c2-91b4ed8d211f");
    assert_eq!(login.result_text, text("Ok"));
}

#[test]
fn partners_login_guide_failure() {
    let error = failure(decode_partner_login(GUIDE_PARTNERS_LOGIN_FAIL.as_bytes()));
    assert_eq!(error.kind, ErrorKind::Auth);
    assert_eq!(error.code, ErrorCode::PartnerLoginFailed);
    assert_eq!(error.result_number, Some(-1));
    assert_eq!(error.result_text, text("Покупатель не найден/Неверный пароль"));
}

#[test]
fn partners_login_optional_values_object() {
    let body = r#"{"OptionalValues": {"Fio": "Кузнецова Антонина Петровна", "PartnersTicket": "bb0c"},
        "ResultCodeValue": 24, "ResultNumber": 1, "ResultText": "Ok"}"#;
    let login = decode_partner_login(body.as_bytes()).unwrap();
    assert_eq!(login.fio, text("Кузнецова Антонина Петровна"));
    assert_eq!(login.partners_ticket, "bb0c");
}

#[test]
fn partners_login_code_as_string() {
    let body = GUIDE_PARTNERS_LOGIN_OK.replace(r#""ResultCodeValue": 24"#, r#""ResultCodeValue": "24""#);
    assert_eq!(decode_partner_login(body.as_bytes()).unwrap().partners_code, 24);
}

#[test]
fn partners_login_result_number_as_string() {
    let body = GUIDE_PARTNERS_LOGIN_OK.replace(r#""ResultNumber": 1"#, r#""ResultNumber": "1""#);
    assert_eq!(decode_partner_login(body.as_bytes()).unwrap().partners_code, 24);
    let failed = GUIDE_PARTNERS_LOGIN_FAIL.replace(r#""ResultNumber": -1"#, r#""ResultNumber": "-1""#);
    assert_eq!(failure(decode_partner_login(failed.as_bytes())).code, ErrorCode::PartnerLoginFailed);
}

#[test]
fn partners_login_keys_any_case() {
    let body = GUIDE_PARTNERS_LOGIN_OK.replace(r#""Key": "PartnersTicket""#, r#""Key": "partnersticket""#);
    assert_eq!(decode_partner_login(body.as_bytes()).unwrap().partners_ticket, "bb0c7c50-5f5a-47d4-b6c2-91b4ed8d211f");
}

#[test]
fn partners_login_success_without_ticket() {
    let body = r#"{"OptionalValues": [{"Key": "Fio", "Value": "X"}], "ResultCodeValue": 24, "ResultNumber": 1}"#;
    let error = failure(decode_partner_login(body.as_bytes()));
    assert_eq!(error.code, ErrorCode::UnexpectedResponse);
}

#[test]
fn partners_login_success_without_code() {
    let body = GUIDE_PARTNERS_LOGIN_OK.replace(r#""ResultCodeValue": 24"#, r#""ResultCodeValue": null"#);
    let error = failure(decode_partner_login(body.as_bytes()));
    assert_eq!(error.code, ErrorCode::UnexpectedResponse);
}

#[test]
fn partners_login_fio_missing_is_none() {
    let body = r#"{"OptionalValues": [{"Key": "PartnersTicket", "Value": "t"}], "ResultCodeValue": 24, "ResultNumber": 1}"#;
    let login = decode_partner_login(body.as_bytes()).unwrap();
    assert_eq!(login.fio, None);
    assert_eq!(login.result_text, None);
}

// ---------------------------------------------------------------------------------------
// PartnersPasswordResetCreate.

#[test]
fn password_reset_guide_success() {
    let result = decode_acknowledgement(Operation::PartnersPasswordResetCreate, GUIDE_RESET_OK.as_bytes()).unwrap();
    assert_eq!(result.result_number, 1);
    assert_eq!(result.result_text, text("Успешный запрос восстановления пароля"));
}

#[test]
fn password_reset_guide_failure() {
    let error = failure(decode_acknowledgement(Operation::PartnersPasswordResetCreate, GUIDE_RESET_FAIL.as_bytes()));
    assert_eq!(error.kind, ErrorKind::Api);
    assert_eq!(error.code, ErrorCode::EmailNotRegistered);
    assert_eq!(error.method, Some("PartnersPasswordResetCreate"));
    assert_eq!(error.result_number, Some(-1));
    assert_eq!(error.result_text, text("Пользователь с данным E-mail не зарегистрирован"));
}

#[test]
fn password_reset_without_result_number() {
    let error = failure(decode_acknowledgement(Operation::PartnersPasswordResetCreate, br#"{"ResultText": "OK"}"#));
    assert_eq!(error.code, ErrorCode::UnexpectedResponse);
}

// ---------------------------------------------------------------------------------------
// PartnersGet.

#[test]
fn partners_get_guide_example() {
    let partner = decode_partner(GUIDE_PARTNERS_GET.as_bytes()).unwrap();
    assert_eq!(partner.code, 24);
    assert_eq!(partner.id, text("5518"));
    assert_eq!(partner.login, None);
    assert_eq!(partner.fio, text("Кузнецова Антонина Петровна"));
    assert_eq!(partner.name, text("Кузнецова"));
    assert_eq!(partner.first_name, text("Антонина"));
    assert_eq!(partner.patronymic, text("Петровна"));
    assert_eq!(partner.email, text("antonina@bk.ru"));
    assert_eq!(partner.phone, text("9895000345"));
    assert_eq!(partner.phone2, text("8-495-424-56-89"));
    assert_eq!(partner.city, text("Таганрог"));
    assert_eq!(partner.country_name, None);
    assert_eq!(partner.region, None);
    assert_eq!(partner.rayon, None);
    assert_eq!(partner.real_address, None);
    assert_eq!(partner.contact_information, None);
    assert_eq!(partner.info, text("хороший клиент"));
    assert_eq!(partner.create_date, None);
    assert_eq!(partner.registration_allowed, Some(false));
    assert_eq!(partner.service_stop, None);
    assert_eq!(partner.sponsor_code, Some(3));
    assert_eq!(partner.web_alias, text("123123123"));
}

#[test]
fn partners_get_guide_nested_values() {
    let partner = decode_partner(GUIDE_PARTNERS_GET.as_bytes()).unwrap();
    assert_eq!(
        partner.partners_groups_list,
        vec![
            PartnersGroup { code: 2, name: text("Дистрибьютор"), checked: true },
            PartnersGroup { code: 108, name: text("Купил стартовый пакет"), checked: true },
        ]
    );
    assert_eq!(partner.sex, Some(CodeName { code: 2, name: text("Женский") }));
}

#[test]
fn partners_get_guide_failure() {
    let error = failure(decode_partner(GUIDE_PARTNERS_GET_FAIL.as_bytes()));
    assert_eq!(error.kind, ErrorKind::Api);
    assert_eq!(error.code, ErrorCode::PartnerNotFound);
    assert_eq!(error.method, Some("PartnersGet"));
    assert_eq!(error.result_number, Some(-1));
    assert_eq!(error.result_text, text("Контрагент не найден"));
}

#[test]
fn partners_get_empty_body() {
    for body in [&b""[..], b"   \r\n", b"\xEF\xBB\xBF"] {
        let error = failure(decode_partner(body));
        assert_eq!(error.kind, ErrorKind::Api, "{body:?}");
        assert_eq!(error.code, ErrorCode::PartnerNotFound, "{body:?}");
        assert_eq!(error.result_number, None, "{body:?}");
        assert_eq!(error.result_text, None, "{body:?}");
    }
}

/// WCF writes a method's `null` return as JSON `null`, bare or in a wrapper: the same
/// "no answer" that the guide describes for a partner that does not exist.
#[test]
fn partners_get_json_null() {
    for body in ["null", r#"{"d": null}"#, r#"{"PartnersGetResult": null}"#] {
        let error = failure(decode_partner(body.as_bytes()));
        assert_eq!(error.code, ErrorCode::PartnerNotFound, "{body}");
    }
}

#[test]
fn partners_get_create_date() {
    let cases = [
        (r#""/Date(1262427133000+0300)/""#, Some(1_262_427_133_000.0)),
        (r#""/Date(1262427133000)/""#, Some(1_262_427_133_000.0)),
        (r#""/Date(1262427133000-0500)/""#, Some(1_262_427_133_000.0)),
        (r#""/Date(-86400000+0300)/""#, Some(-86_400_000.0)),
        (r#""2010-01-02T10:12:13Z""#, Some(1_262_427_133_000.0)),
        (r#""/Date(abc)/""#, None),
        (r#""вчера""#, None),
        ("null", None),
        ("1262427133000", None),
    ];
    for (create_date, expected) in cases {
        let body = GUIDE_PARTNERS_GET.replace(r#""CreateDate": null"#, &format!(r#""CreateDate": {create_date}"#));
        let partner = decode_partner(body.as_bytes()).unwrap();
        assert_eq!(partner.create_date, expected, "{create_date}");
    }
}

#[test]
fn partners_get_wrappers() {
    let wrapped_result = format!(r#"{{"PartnersGetResult": {GUIDE_PARTNERS_GET}}}"#);
    assert_eq!(decode_partner(wrapped_result.as_bytes()).unwrap().code, 24);
    let wrapped_d = format!(r#"{{"d": {GUIDE_PARTNERS_GET}}}"#);
    assert_eq!(decode_partner(wrapped_d.as_bytes()).unwrap().code, 24);
}

#[test]
fn partners_get_only_code() {
    let partner = decode_partner(br#"{"Code": 24}"#).unwrap();
    assert_eq!(partner.code, 24);
    assert_eq!(partner.fio, None);
    assert_eq!(partner.email, None);
    assert_eq!(partner.create_date, None);
    assert_eq!(partner.partners_groups_list, Vec::new());
    assert_eq!(partner.registration_allowed, None);
    assert_eq!(partner.sex, None);
    assert_eq!(partner.sponsor_code, None);
}

#[test]
fn partners_get_tolerant_values() {
    let body = r#"{"Code": "24", "SponsorCode": "3", "RegistrationAllowed": "Y", "ServiceStop": "N",
        "Sex": {"Name": "Женский"}, "PartnersGroupsList": null, "Id": 5518}"#;
    let partner = decode_partner(body.as_bytes()).unwrap();
    assert_eq!(partner.code, 24);
    assert_eq!(partner.sponsor_code, Some(3));
    assert_eq!(partner.registration_allowed, Some(true));
    assert_eq!(partner.service_stop, Some(false));
    assert_eq!(partner.sex, None, "a sex without Code");
    assert_eq!(partner.partners_groups_list, Vec::new());
    assert_eq!(partner.id, text("5518"));
}

#[test]
fn partners_get_without_code() {
    let body = GUIDE_PARTNERS_GET.replace(r#""Code": 24,"#, "");
    assert_eq!(failure(decode_partner(body.as_bytes())).code, ErrorCode::UnexpectedResponse);
}

#[test]
fn partners_get_group_without_code() {
    let body = GUIDE_PARTNERS_GET.replace(r#""Code": 108,"#, "");
    assert_eq!(failure(decode_partner(body.as_bytes())).code, ErrorCode::UnexpectedResponse);
}

#[test]
fn partners_get_array_body() {
    assert_eq!(failure(decode_partner(b"[1, 2]")).code, ErrorCode::UnexpectedResponse);
}

// ---------------------------------------------------------------------------------------
// Directories.

#[test]
fn countries_guide_example() {
    let list = countries(GUIDE_COUNTRIES).unwrap();
    assert_eq!(
        list,
        vec![
            Country { code: 13, name: text("Россия"), kod: None },
            Country { code: 17, name: text("Белоруссия"), kod: None },
            Country { code: 20, name: text("Украина"), kod: None },
        ]
    );
}

#[test]
fn sexes_guide_example() {
    let list = decode_list(Operation::SexListGet, GUIDE_SEXES.as_bytes(), read_code_name).unwrap();
    assert_eq!(list.len(), 4);
    assert_eq!(list[0], CodeName { code: 1, name: text("Мужской") });
    assert_eq!(list[2], CodeName { code: 3, name: text("Организация") });
    assert_eq!(list[3], CodeName { code: 4, name: text(" ") }, "a blank name is kept as sent");
}

#[test]
fn phone_types_guide_example() {
    let list = decode_list(Operation::PhoneTypesListGet, GUIDE_PHONE_TYPES.as_bytes(), read_code_name).unwrap();
    let codes: Vec<i64> = list.iter().map(|entry| entry.code).collect();
    assert_eq!(codes, [1, 2, 3, 4, 5, 6]);
    assert_eq!(list[0].name, text("Мобильный"));
    assert_eq!(list[5].name, text("Муж"));
}

#[test]
fn languages_guide_example() {
    let list = decode_list(Operation::LanguagesListGet, GUIDE_LANGUAGES.as_bytes(), read_language).unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(
        list[0],
        Language {
            code: 1,
            alias: text("ru"),
            name: text("Русский"),
            sort_order: Some(1),
            is_default: Some(true),
            system_key: text("русский"),
            culture: text("ru-RU"),
            foreign_name: text("Русский"),
            iso_name: text("RUS"),
            flag_icon: text("ru.png"),
        }
    );
    assert_eq!(list[1].foreign_name, text("Українська"));
    assert_eq!(list[1].is_default, Some(false));
    assert_eq!(list[2].culture, text("en-GB"));
}

#[test]
fn language_only_code() {
    let list = decode_list(Operation::LanguagesListGet, br#"[{"Code": 9}]"#, read_language).unwrap();
    assert_eq!(list[0].alias, None);
    assert_eq!(list[0].sort_order, None);
    assert_eq!(list[0].is_default, None);
    assert_eq!(list[0].flag_icon, None);
}

#[test]
fn partners_groups_guide_example() {
    let list = decode_list(Operation::PartnersGroupsListGet, GUIDE_PARTNERS_GROUPS.as_bytes(), read_group).unwrap();
    assert_eq!(list.len(), 4);
    assert_eq!(list[0], PartnersGroup { code: 1, name: text("Customer"), checked: false });
    assert_eq!(list[2].name, text(" Client"), "the leading space is kept as sent");
    assert_eq!(list[3].name, text("Купил стартовый товар"));
    assert!(list.iter().all(|group| !group.checked));
}

#[test]
fn group_checked_variants() {
    let body = br#"[{"Code": 1, "Checked": "Y"}, {"Code": 2, "Checked": "N"}, {"Code": 3, "Checked": true},
        {"Code": 4}, {"Code": 5, "Checked": "maybe"}]"#;
    let list = decode_list(Operation::PartnersGroupsListGet, body, read_group).unwrap();
    let checked: Vec<bool> = list.iter().map(|group| group.checked).collect();
    assert_eq!(checked, [true, false, true, false, false]);
}

#[test]
fn directory_wrapped_in_d() {
    let body = format!(r#"{{"d": {GUIDE_COUNTRIES}}}"#);
    assert_eq!(countries(&body).unwrap().len(), 3);
}

#[test]
fn directory_wrapped_in_result() {
    let body = format!(r#"{{"CountriesListGetResult": {GUIDE_COUNTRIES}}}"#);
    assert_eq!(countries(&body).unwrap().len(), 3);
    let wrong_wrapper = format!(r#"{{"SexListGetResult": {GUIDE_COUNTRIES}}}"#);
    assert_eq!(failure(countries(&wrong_wrapper)).code, ErrorCode::UnexpectedResponse);
}

#[test]
fn directory_empty_array() {
    assert_eq!(countries("[]").unwrap(), Vec::new());
}

#[test]
fn directory_ticket_rejected() {
    let error = failure(countries(r#"{"ResultNumber": -1, "ResultText": "Неверный или устаревший Ticket"}"#));
    assert_eq!(error.kind, ErrorKind::Auth);
    assert_eq!(error.code, ErrorCode::TicketRejected);
    assert_eq!(error.method, Some("CountriesListGet"));
}

#[test]
fn directory_success_envelope_not_a_list() {
    let error = failure(countries(r#"{"ResultNumber": 1, "ResultText": "OK"}"#));
    assert_eq!(error.kind, ErrorKind::Decode);
    assert_eq!(error.code, ErrorCode::UnexpectedResponse);
}

#[test]
fn list_item_without_code() {
    let error = failure(countries(r#"[{"Code": 13, "Name": "Россия"}, {"Name": "Белоруссия"}]"#));
    assert_eq!(error.kind, ErrorKind::Decode);
    assert_eq!(error.code, ErrorCode::UnexpectedResponse);
    assert!(error.detail.as_deref().unwrap_or("").contains("item 1"), "{:?}", error.detail);
}

#[test]
fn list_item_fractional_code() {
    assert_eq!(failure(countries(r#"[{"Code": 13.5}]"#)).code, ErrorCode::UnexpectedResponse);
}

#[test]
fn list_item_not_an_object() {
    assert_eq!(failure(countries(r#"[{"Code": 13}, 17]"#)).code, ErrorCode::UnexpectedResponse);
}

#[test]
fn list_codes_as_strings() {
    let list = countries(r#"[{"Code": "13", "Name": "Россия", "Kod": "RU"}]"#).unwrap();
    assert_eq!(list, vec![Country { code: 13, name: text("Россия"), kod: text("RU") }]);
}

// ---------------------------------------------------------------------------------------
// PartnersCreate.

#[test]
fn partners_create_guide_success() {
    let created = decode_partner_created(GUIDE_PARTNERS_CREATE_OK.as_bytes()).unwrap();
    assert_eq!(created.partners_code, 1059);
    assert_eq!(created.result_text, text("Новый партнер успешно создан"));
}

#[test]
fn partners_create_guide_failure() {
    let error = failure(decode_partner_created(GUIDE_PARTNERS_CREATE_FAIL.as_bytes()));
    assert_eq!(error.kind, ErrorKind::Api);
    assert_eq!(error.code, ErrorCode::RegistrationRejected);
    assert_eq!(error.method, Some("PartnersCreate"));
    assert_eq!(error.result_number, Some(-1));
    let result_text = error.result_text.unwrap();
    assert!(result_text.starts_with(" Найдены ошибки в полях: (недопустимая дата рождения"), "{result_text}");
}

#[test]
fn partners_create_code_variants() {
    let cases = [("1059", Some(1059)), (r#""1059""#, Some(1059)), (r#"" 1059 ""#, Some(1059)), ("1059.0", Some(1059))];
    for (code, expected) in cases {
        let body = GUIDE_PARTNERS_CREATE_OK.replace(r#""ResultCodeValue": 1059"#, &format!(r#""ResultCodeValue": {code}"#));
        let created = decode_partner_created(body.as_bytes()).map(|created| created.partners_code).ok();
        assert_eq!(created, expected, "{code}");
    }
}

#[test]
fn partners_create_success_without_code() {
    for code in ["null", r#""""#, r#""abc""#, "1059.5", "1e300"] {
        let body = GUIDE_PARTNERS_CREATE_OK.replace(r#""ResultCodeValue": 1059"#, &format!(r#""ResultCodeValue": {code}"#));
        let error = failure(decode_partner_created(body.as_bytes()));
        assert_eq!(error.code, ErrorCode::UnexpectedResponse, "{code}");
    }
    let without_key = r#"{"ResultNumber": 1, "ResultText": "Новый партнер успешно создан"}"#;
    assert_eq!(failure(decode_partner_created(without_key.as_bytes())).code, ErrorCode::UnexpectedResponse);
}

#[test]
fn partners_create_duplicate_rejected() {
    let body = r#"{"ResultCodeValue": null, "ResultNumber": -1, "ResultText": "Контрагент с таким E-mail уже зарегистрирован"}"#;
    assert_eq!(failure(decode_partner_created(body.as_bytes())).code, ErrorCode::RegistrationRejected);
}

// ---------------------------------------------------------------------------------------
// CurrenciesList.

#[test]
fn currencies_guide_example() {
    let list = currencies(GUIDE_CURRENCIES).unwrap();
    let codes: Vec<i64> = list.iter().map(|currency| currency.code).collect();
    assert_eq!(codes, [3, 1, 6]);
    assert_eq!(
        list[0],
        Currency {
            code: 3,
            name: text("Доллар "),
            full_name: text(""),
            short_name: text("$ "),
            color_rgb: text("0,128, 0"),
            rate: None,
        }
    );
    assert_eq!(list[1].short_name, text("₽"));
}

#[test]
fn currencies_css_colors() {
    let list = currencies(GUIDE_CURRENCIES).unwrap();
    let colors: Vec<Option<String>> = list.iter().map(Currency::css_color).collect();
    assert_eq!(colors, [text("#008000"), text("#0080ff"), text("#800000")]);
}

#[test]
fn css_color_rejects_malformed() {
    let color = |color_rgb: Option<&str>| {
        Currency { code: 1, name: None, full_name: None, short_name: None, color_rgb: color_rgb.map(str::to_string), rate: None }
            .css_color()
    };
    assert_eq!(color(Some(" 255 , 255 ,255 ")), text("#ffffff"));
    assert_eq!(color(None), None);
    assert_eq!(color(Some("")), None);
    assert_eq!(color(Some("0,128")), None);
    assert_eq!(color(Some("0,128,255,1")), None);
    assert_eq!(color(Some("256,0,0")), None);
    assert_eq!(color(Some("-1,0,0")), None);
    assert_eq!(color(Some("red")), None);
    assert_eq!(color(Some("#008000")), None);
}

#[test]
fn currency_rate_variants() {
    let list = currencies(r#"[{"Code": 1, "Rate": 1.5}, {"Code": 3, "Rate": "92.35"}, {"Code": 6, "Rate": "NaN"}, {"Code": 7, "Rate": "курс"}]"#)
        .unwrap();
    let rates: Vec<Option<f64>> = list.iter().map(|currency| currency.rate).collect();
    assert_eq!(rates, [Some(1.5), Some(92.35), None, None]);
}

// ---------------------------------------------------------------------------------------
// AccountsListGet.

#[test]
fn accounts_guide_example() {
    let list = accounts(GUIDE_ACCOUNTS).unwrap();
    assert_eq!(
        list,
        vec![Account { code: 15162, long_name: text("ЛСК"), short_name: text("PLA"), stock: text("1.00") }]
    );
}

#[test]
fn stock_exact_decimals() {
    let cases = [
        ("1", "1.00"),
        ("1234.5", "1234.50"),
        ("1234.50", "1234.50"),
        ("0", "0.00"),
        ("-3.5", "-3.50"),
        ("1e2", "100.00"),
        ("0.1", "0.10"),
        (r#""250""#, "250.00"),
        (r#""1234,5""#, "1234.50"),
        (r#"" 7.25 ""#, "7.25"),
    ];
    for (stock_json, expected) in cases {
        assert_eq!(stock(stock_json), text(expected), "{stock_json}");
    }
}

#[test]
fn stock_more_decimals_kept() {
    assert_eq!(stock("0.125"), text("0.125"));
    assert_eq!(stock(r#""10.0001""#), text("10.0001"));
    // JSON numbers keep every digit sent, beyond the 17 significant digits of a double.
    assert_eq!(stock("1234.56789012345678901"), text("1234.56789012345678901"));
    assert_eq!(stock("12345678901234567890.5"), text("12345678901234567890.5"));
    assert_eq!(stock("1.5e-7"), text("1.5e-7"));
    assert_eq!(stock("1e-99999999999"), text("1e-99999999999"));
}

#[test]
fn stock_absent_or_not_a_number() {
    for stock_json in ["null", r#""""#, r#""много""#, "true", "[1]", "{}"] {
        assert_eq!(stock(stock_json), None, "{stock_json}");
    }
    let list = accounts(r#"[{"Code": 15162}]"#).unwrap();
    assert_eq!(list[0].stock, None);
    assert_eq!(list[0].long_name, None);
}

/// A balance too large for an exact JS number must still come through as text rather
/// than as a missing value.
#[test]
fn stock_huge_kept() {
    let huge = stock("12345678901234567890");
    assert!(huge.as_deref().is_some_and(|stock| stock.starts_with("12345678901234567890")), "{huge:?}");
}

#[test]
fn accounts_error_envelope() {
    let body = r#"{"ResultNumber": -1, "ResultText": "Для счетов PLA необходимо передать PartnersCode", "ResultCodeValue": null, "OptionalValues": []}"#;
    let error = failure(accounts(body));
    assert_eq!(error.kind, ErrorKind::Api);
    assert_eq!(error.code, ErrorCode::ApiError);
    assert_eq!(error.method, Some("AccountsListGet"));
}

// ---------------------------------------------------------------------------------------
// FinInCome and FinOutCome.

#[test]
fn fin_in_come_guide_success() {
    let result = decode_fin_result(Operation::FinInCome, GUIDE_FIN_IN_COME_OK.as_bytes()).unwrap();
    assert_eq!(result.transaction_number, Some(1_187_738));
    assert_eq!(result.result_number, 1);
    assert_eq!(result.result_text, text("Транзакция № 1187738"));
}

#[test]
fn fin_out_come_guide_success() {
    let result = decode_fin_result(Operation::FinOutCome, GUIDE_FIN_OUT_COME_OK.as_bytes()).unwrap();
    assert_eq!(result.transaction_number, Some(1_187_739));
}

#[test]
fn fin_out_come_guide_overdraft() {
    let error = failure(decode_fin_result(Operation::FinOutCome, GUIDE_FIN_OUT_COME_FAIL.as_bytes()));
    assert_eq!(error.kind, ErrorKind::Api);
    assert_eq!(error.code, ErrorCode::InsufficientFunds);
    assert_eq!(error.method, Some("FinOutCome"));
    assert_eq!(error.result_number, Some(-1));
    assert_eq!(error.result_text, text("Сумма больше остатка на счете"));
}

#[test]
fn fin_number_without_space() {
    let body = GUIDE_FIN_IN_COME_OK.replace("№ 1187738", "№1187738");
    let result = decode_fin_result(Operation::FinInCome, body.as_bytes()).unwrap();
    assert_eq!(result.transaction_number, Some(1_187_738));
}

#[test]
fn fin_validation_mode_has_no_number() {
    let body = r#"{"ResultText": "Проверка пройдена", "ResultNumber": 1, "ResultCodeValue": null, "OptionalValues": {}}"#;
    let result = decode_fin_result(Operation::FinInCome, body.as_bytes()).unwrap();
    assert_eq!(result.transaction_number, None);
    assert_eq!(result.result_text, text("Проверка пройдена"));
}

#[test]
fn fin_optional_values_array_or_object() {
    for optional_values in ["{}", "[]", "null", r#"{"Key": "x"}"#, r#"[{"Key": "A", "Value": 1}]"#] {
        let body = GUIDE_FIN_IN_COME_OK.replace(r#""OptionalValues": {}"#, &format!(r#""OptionalValues": {optional_values}"#));
        let result = decode_fin_result(Operation::FinInCome, body.as_bytes()).unwrap();
        assert_eq!(result.transaction_number, Some(1_187_738), "{optional_values}");
    }
}

#[test]
fn fin_result_number_as_string() {
    let body = GUIDE_FIN_OUT_COME_FAIL.replace(r#""ResultNumber": -1"#, r#""ResultNumber": "-1""#);
    assert_eq!(failure(decode_fin_result(Operation::FinOutCome, body.as_bytes())).code, ErrorCode::InsufficientFunds);
}

#[test]
fn transaction_number_forms() {
    let cases = [
        ("Транзакция № 1187738", Some(1_187_738)),
        ("Транзакция №1187738", Some(1_187_738)),
        ("Транзакция №  1187738.", Some(1_187_738)),
        ("Transaction #42", Some(42)),
        ("Транзакция №", None),
        ("Транзакция № abc", None),
        ("Проверка пройдена", None),
        ("1187738", None),
        ("", None),
        ("№ 99999999999999999999999", None),
    ];
    for (result_text, expected) in cases {
        assert_eq!(transaction_number(result_text), expected, "{result_text}");
    }
}

// ---------------------------------------------------------------------------------------
// Bodies that are not JSON, and envelope edge cases.

#[test]
fn html_body() {
    let body = b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    let error = failure(countries(std::str::from_utf8(body).unwrap()));
    assert_eq!(error.kind, ErrorKind::Decode);
    assert_eq!(error.code, ErrorCode::HtmlResponse);
    assert!(error.detail.as_deref().unwrap_or("").contains("502 Bad Gateway"), "{:?}", error.detail);
}

#[test]
fn html_body_after_whitespace() {
    let error = failure(decode_service_login(b"\r\n  <html><body>Server Error in '/' Application.</body></html>"));
    assert_eq!(error.code, ErrorCode::HtmlResponse);
}

#[test]
fn xml_body() {
    let body = r#"<UsersLoginResult xmlns="http://tempuri.org/"><ResultNumber>1</ResultNumber><ResultText>OK</ResultText></UsersLoginResult>"#;
    let error = failure(decode_service_login(body.as_bytes()));
    assert_eq!(error.kind, ErrorKind::Decode);
    assert_eq!(error.code, ErrorCode::XmlResponse);
}

#[test]
fn empty_body_for_each_decoder() {
    assert_eq!(failure(decode_service_login(b"")).code, ErrorCode::EmptyResponse);
    assert_eq!(failure(decode_partner_login(b"")).code, ErrorCode::EmptyResponse);
    assert_eq!(failure(decode_partner_created(b" ")).code, ErrorCode::EmptyResponse);
    assert_eq!(failure(decode_fin_result(Operation::FinInCome, b"\n")).code, ErrorCode::EmptyResponse);
    assert_eq!(failure(countries("")).code, ErrorCode::EmptyResponse);
    assert_eq!(failure(accounts("\u{feff}")).code, ErrorCode::EmptyResponse);
}

#[test]
fn truncated_bodies() {
    for cut in [1, 10, GUIDE_PARTNERS_GET.len() / 2, GUIDE_PARTNERS_GET.len() - 1] {
        let truncated = &GUIDE_PARTNERS_GET.as_bytes()[..cut];
        let error = failure(decode_partner(truncated));
        assert_eq!(error.kind, ErrorKind::Decode, "cut at {cut}");
        assert_eq!(error.code, ErrorCode::InvalidJson, "cut at {cut}");
    }
}

#[test]
fn invalid_utf8_body() {
    let mut body = GUIDE_PARTNERS_GET.as_bytes().to_vec();
    let city = GUIDE_PARTNERS_GET.find("Таганрог").unwrap();
    body[city] = 0xFF;
    let error = failure(decode_partner(&body));
    assert_eq!(error.kind, ErrorKind::Decode);
    assert_eq!(error.code, ErrorCode::InvalidJson);
}

#[test]
fn utf16_body() {
    let body: Vec<u8> = GUIDE_USERS_LOGIN_OK.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let body = [b"\xFF\xFE".as_slice(), &body].concat();
    assert_eq!(failure(decode_service_login(&body)).code, ErrorCode::InvalidJson);
}

#[test]
fn trailing_garbage() {
    let body = format!("{GUIDE_USERS_LOGIN_OK} trailing");
    assert_eq!(failure(decode_service_login(body.as_bytes())).code, ErrorCode::InvalidJson);
}

#[test]
fn huge_numbers() {
    let huge_result_number = r#"{"ResultNumber": 1e300, "ResultText": "OK", "Ticket": "T"}"#;
    assert_eq!(failure(decode_service_login(huge_result_number.as_bytes())).code, ErrorCode::UnexpectedResponse);

    let huge_code = r#"[{"Code": 123456789012345678901234567890, "Name": "x"}]"#;
    assert_eq!(failure(countries(huge_code)).code, ErrorCode::UnexpectedResponse);

    let big_but_exact = r#"[{"Code": 9007199254740993, "Name": "x"}]"#;
    assert_eq!(countries(big_but_exact).unwrap()[0].code, 9_007_199_254_740_993);

    let beyond_f64 = format!(r#"[{{"Code": 1, "Stock": {}}}]"#, "9".repeat(400));
    let error = failure(accounts(&beyond_f64));
    assert_eq!(error.kind, ErrorKind::Decode);
    assert_eq!(error.code, ErrorCode::InvalidJson);
}

#[test]
fn envelope_result_number_zero_is_success() {
    let body = r#"{"OptionalValues": [], "ResultCodeValue": null, "ResultNumber": 0, "ResultText": "OK"}"#;
    let result = decode_acknowledgement(Operation::PartnersPasswordResetCreate, body.as_bytes()).unwrap();
    assert_eq!(result.result_number, 0);
}

#[test]
fn envelope_result_code_value_forms() {
    let read = |json: &str| {
        let value = super::json::parse(format!(r#"{{"ResultNumber": 1, "ResultCodeValue": {json}}}"#).as_bytes()).unwrap();
        Envelope::read(&value).unwrap().result_code_value
    };
    assert_eq!(read("24"), Some(24));
    assert_eq!(read(r#""24""#), Some(24));
    assert_eq!(read("null"), None);
    assert_eq!(read(r#""""#), None);
    assert_eq!(read("24.5"), None);
    assert_eq!(read("[24]"), None);
}

#[test]
fn parse_body_keeps_one_key_objects() {
    let value = parse_body(Operation::PartnersGet, br#"{"Code": 24}"#).unwrap();
    assert_eq!(value.get("Code").and_then(integer), Some(24));
}

// ---------------------------------------------------------------------------------------
// Arbitrary bytes.

const SEED_BODIES: &[&str] = &[
    GUIDE_USERS_LOGIN_OK,
    GUIDE_USERS_LOGIN_FAIL,
    GUIDE_PARTNERS_LOGIN_OK,
    GUIDE_PARTNERS_LOGIN_FAIL,
    GUIDE_RESET_OK,
    GUIDE_PARTNERS_GET,
    GUIDE_PARTNERS_GET_FAIL,
    GUIDE_COUNTRIES,
    GUIDE_LANGUAGES,
    GUIDE_PARTNERS_GROUPS,
    GUIDE_PARTNERS_CREATE_OK,
    GUIDE_CURRENCIES,
    GUIDE_ACCOUNTS,
    GUIDE_FIN_IN_COME_OK,
    GUIDE_FIN_OUT_COME_FAIL,
];

/// Fragments that steer random bodies towards the shapes the decoders look for.
const TOKENS: &[&str] = &[
    "{", "}", "[", "]", ":", ",", "\"", "null", "true", "false", "-1", "0", "1e309", "-0", "1.5",
    "9223372036854775808", "\"Code\"", "\"ResultNumber\"", "\"ResultCodeValue\"", "\"OptionalValues\"",
    "\"Key\"", "\"Value\"", "\"Stock\"", "\"CreateDate\"", "\"/Date(", ")/\"", "+0300", "\"d\"", "\u{feff}",
    "<html>", "<?xml", "№", "\\u0000", "\\ud800", "\u{1F600}",
];

/// Generates one pseudo-random body: random bytes, random tokens, or a mutated guide example.
fn random_body(rng: &mut Lcg) -> Vec<u8> {
    match rng.below(4) {
        0 => (0..rng.below(96)).map(|_| rng.byte()).collect(),
        1 => {
            let mut body = Vec::new();
            for _ in 0..rng.below(24) {
                body.extend_from_slice(TOKENS[rng.below(TOKENS.len())].as_bytes());
            }
            body
        }
        _ => {
            let mut body = SEED_BODIES[rng.below(SEED_BODIES.len())].as_bytes().to_vec();
            for _ in 0..=rng.below(4) {
                let at = rng.below(body.len() + 1);
                match rng.below(4) {
                    0 => body.truncate(at),
                    1 if at < body.len() => body[at] = rng.byte(),
                    2 => {
                        let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                        body.splice(at..at, token.iter().copied());
                    }
                    _ => {
                        let end = (at + rng.below(16)).min(body.len());
                        body.drain(at..end);
                    }
                }
            }
            body
        }
    }
}

type Decoder = (&'static str, fn(&[u8]) -> Result<(), Error>);

/// Every decoder, with its result reduced to success or the error.
const DECODERS: &[Decoder] = &[
    ("UsersLogin", |body| decode_service_login(body).map(drop)),
    ("PartnersLogin", |body| decode_partner_login(body).map(drop)),
    ("PartnersPasswordResetCreate", |body| decode_acknowledgement(Operation::PartnersPasswordResetCreate, body).map(drop)),
    ("PartnersGet", |body| decode_partner(body).map(drop)),
    ("CountriesListGet", |body| decode_list(Operation::CountriesListGet, body, read_country).map(drop)),
    ("SexListGet", |body| decode_list(Operation::SexListGet, body, read_code_name).map(drop)),
    ("PhoneTypesListGet", |body| decode_list(Operation::PhoneTypesListGet, body, read_code_name).map(drop)),
    ("LanguagesListGet", |body| decode_list(Operation::LanguagesListGet, body, read_language).map(drop)),
    ("PartnersGroupsListGet", |body| decode_list(Operation::PartnersGroupsListGet, body, read_group).map(drop)),
    ("PartnersCreate", |body| decode_partner_created(body).map(drop)),
    ("CurrenciesList", |body| {
        decode_list(Operation::CurrenciesList, body, read_currency).map(|list| list.iter().for_each(|currency| drop(currency.css_color())))
    }),
    ("AccountsListGet", |body| decode_list(Operation::AccountsListGet, body, read_account).map(drop)),
    ("FinInCome", |body| decode_fin_result(Operation::FinInCome, body).map(drop)),
    ("FinOutCome", |body| decode_fin_result(Operation::FinOutCome, body).map(drop)),
];

#[test]
fn random_bytes_never_panic() {
    let mut rng = Lcg(0x5EED_0F0C_50F7);
    let mut failures_seen = 0_usize;
    for round in 0..4_000 {
        let body = random_body(&mut rng);
        for (name, decode) in DECODERS {
            let outcome = catch_unwind(AssertUnwindSafe(|| decode(&body)));
            let Ok(result) = outcome else {
                panic!("{name} panicked on round {round}, body {body:?}");
            };
            if let Err(error) = result {
                failures_seen += 1;
                let typed = matches!(error.kind, ErrorKind::Decode | ErrorKind::Api | ErrorKind::Auth);
                assert!(typed, "{name} returned a {:?} error on round {round}", error.kind);
                assert_eq!(error.method, Some(*name), "round {round}");
            }
        }

        let lossy = String::from_utf8_lossy(&body);
        let outcome = catch_unwind(|| {
            transaction_number(&lossy);
            super::dates::parse_server_timestamp(&lossy);
        });
        assert!(outcome.is_ok(), "text helpers panicked on round {round}, text {lossy:?}");
    }
    assert!(failures_seen > 10_000, "the generator mostly produced valid bodies: {failures_seen} failures");
}
