//! Every OKsoft operation except PartnersCreate: responses for the seed data and the
//! documented errors, checked over HTTP against a running emulator.
//! Tests named `…vendor_example` expect the exact bytes of the examples in the vendor's
//! OKsoft integration guide, key order included.

mod common;

use common::{Emulator, DEMO_PASSWORD_MD5};
use serde_json::json;

const TICKET_REJECTED: &str = r#"{"ResultNumber":-1,"ResultText":"Неверный или устаревший Ticket","ResultCodeValue":null,"OptionalValues":[]}"#;

fn is_guid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    let lengths: Vec<usize> = groups.iter().map(|group| group.len()).collect();
    lengths == [8, 4, 4, 4, 12]
        && groups
            .iter()
            .all(|group| group.bytes().all(|byte| byte.is_ascii_hexdigit()))
}

#[tokio::test]
async fn users_login_issues_upper_case_tickets() {
    let emulator = Emulator::start().await;
    let text = emulator
        .call_text(
            "UsersLogin",
            &[("Login", "demo"), ("Password", DEMO_PASSWORD_MD5)],
        )
        .await;
    assert!(
        text.starts_with(r#"{"ResultNumber":1,"ResultText":"OK","Ticket":""#),
        "{text}"
    );

    let first = emulator.ticket().await;
    let second = emulator.ticket().await;
    assert!(is_guid(&first), "{first}");
    assert_eq!(first, first.to_uppercase());
    assert_ne!(first, second);

    for ticket in [&first, &second] {
        let answer = emulator.call("SexListGet", &[("Ticket", ticket)]).await;
        assert!(answer.is_array(), "ticket {ticket} stays valid: {answer}");
    }
}

#[tokio::test]
async fn users_login_accepts_lower_case_md5() {
    let emulator = Emulator::start().await;
    let answer = emulator
        .call(
            "UsersLogin",
            &[
                ("Login", "demo"),
                ("Password", &DEMO_PASSWORD_MD5.to_lowercase()),
            ],
        )
        .await;
    assert_eq!(answer["ResultNumber"], 1);
}

#[tokio::test]
async fn users_login_rejects_wrong_credentials() {
    let emulator = Emulator::start().await;
    let expected =
        r#"{"ResultNumber":-1,"ResultText":"Неправильный логин или пароль","Ticket":null}"#;
    let attempts: [&[(&str, &str)]; 4] = [
        &[
            ("Login", "demo"),
            ("Password", "00000000000000000000000000000000"),
        ],
        &[("Login", "nobody"), ("Password", DEMO_PASSWORD_MD5)],
        &[("Login", "demo"), ("Password", "demo")],
        &[],
    ];
    for attempt in attempts {
        assert_eq!(
            emulator.call_text("UsersLogin", attempt).await,
            expected,
            "{attempt:?}"
        );
    }
}

#[tokio::test]
async fn partners_login_by_id_and_by_login() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    for login in ["5518", "antonina", "ANTONINA"] {
        let answer = emulator
            .call(
                "PartnersLogin",
                &[
                    ("Login", login),
                    ("Password", DEMO_PASSWORD_MD5),
                    ("Ticket", &ticket),
                ],
            )
            .await;
        assert_eq!(answer["ResultNumber"], 1, "{login}");
        assert_eq!(answer["ResultText"], "Ok", "{login}");
        assert_eq!(answer["ResultCodeValue"], 24, "{login}");
        assert_eq!(
            answer["OptionalValues"][0],
            json!({"Key": "Fio", "Value": "Кузнецова Антонина Петровна"})
        );
        assert_eq!(answer["OptionalValues"][1]["Key"], "PartnersTicket");
        let partners_ticket = answer["OptionalValues"][1]["Value"]
            .as_str()
            .unwrap_or_default();
        assert!(is_guid(partners_ticket), "{partners_ticket}");
        assert_eq!(partners_ticket, partners_ticket.to_lowercase());
    }

    let sponsor = emulator
        .call(
            "PartnersLogin",
            &[
                ("Login", "oleg"),
                ("Password", DEMO_PASSWORD_MD5),
                ("Ticket", &ticket),
            ],
        )
        .await;
    assert_eq!(sponsor["ResultCodeValue"], 3);
}

#[tokio::test]
async fn partners_login_key_order_matches_vendor_example() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let text = emulator
        .call_text(
            "PartnersLogin",
            &[
                ("Login", "5518"),
                ("Password", DEMO_PASSWORD_MD5),
                ("Ticket", &ticket),
            ],
        )
        .await;
    let expected_start = r#"{"OptionalValues":[{"Key":"Fio","Value":"Кузнецова Антонина Петровна"},{"Key":"PartnersTicket","Value":""#;
    assert!(text.starts_with(expected_start), "{text}");
    assert!(
        text.ends_with(r#""}],"ResultCodeValue":24,"ResultNumber":1,"ResultText":"Ok"}"#),
        "{text}"
    );
}

#[tokio::test]
async fn partners_login_failure_matches_vendor_example() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let expected = concat!(
        r#"{"OptionalValues":[{"Key":"Fio","Value":null},{"Key":"PartnersTicket","Value":null}],"#,
        r#""ResultCodeValue":null,"ResultNumber":-1,"ResultText":"Покупатель не найден/Неверный пароль"}"#
    );
    let attempts = [
        ("5518", "00000000000000000000000000000000"),
        ("unknown", DEMO_PASSWORD_MD5),
        ("", ""),
    ];
    for (login, password) in attempts {
        let text = emulator
            .call_text(
                "PartnersLogin",
                &[
                    ("Login", login),
                    ("Password", password),
                    ("Ticket", &ticket),
                ],
            )
            .await;
        assert_eq!(text, expected, "login {login:?}");
    }
}

#[tokio::test]
async fn password_reset_known_and_unknown_email() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;

    let text = emulator
        .call_text(
            "PartnersPasswordResetCreate",
            &[("Email", "Antonina@BK.ru"), ("Ticket", &ticket)],
        )
        .await;
    assert_eq!(
        text,
        r#"{"OptionalValues":[],"ResultCodeValue":null,"ResultNumber":1,"ResultText":"Успешный запрос восстановления пароля"}"#
    );

    let text = emulator
        .call_text(
            "PartnersPasswordResetCreate",
            &[("Email", "nobody@example.com"), ("Ticket", &ticket)],
        )
        .await;
    assert_eq!(
        text,
        r#"{"OptionalValues":[],"ResultCodeValue":null,"ResultNumber":-1,"ResultText":"Пользователь с данным E-mail не зарегистрирован"}"#
    );

    let answer = emulator
        .call("PartnersPasswordResetCreate", &[("Ticket", &ticket)])
        .await;
    assert_eq!(answer["ResultNumber"], -1);

    let resets = emulator.get("/_emulator/password-resets").await.json();
    assert_eq!(resets["count"], 2);
    let known = &resets["passwordResets"][0];
    assert_eq!(known["email"], "Antonina@BK.ru");
    assert_eq!(known["partnersCode"], 24);
    assert!(
        known["time"]
            .as_str()
            .is_some_and(|time| time.ends_with('Z')),
        "{known}"
    );
    let unknown = &resets["passwordResets"][1];
    assert_eq!(unknown["email"], "nobody@example.com");
    assert_eq!(unknown["partnersCode"], json!(null));
}

#[tokio::test]
async fn partners_get_by_code_matches_vendor_example() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let text = emulator
        .call_text(
            "PartnersGet",
            &[("PartnersCode", "24"), ("Ticket", &ticket)],
        )
        .await;
    let expected = concat!(
        r#"{"City":"Таганрог","Code":24,"ContactInformation":null,"CountryName":null,"CreateDate":null,"#,
        r#""Email":"antonina@bk.ru","Fio":"Кузнецова Антонина Петровна","FirstName":"Антонина","Id":"5518","#,
        r#""Info":"хороший клиент","Login":null,"Name":"Кузнецова","PartnersGroupsList":["#,
        r#"{"Checked":"Y","Code":2,"Name":"Дистрибьютор"},{"Checked":"Y","Code":108,"Name":"Купил стартовый пакет"}],"#,
        r#""Patronymic":"Петровна","Phone":"9895000345","Phone2":"8-495-424-56-89","Rayon":null,"#,
        r#""RealAddress":null,"Region":null,"RegistrationAllowed":false,"ServiceStop":null,"#,
        r#""Sex":{"Code":2,"Name":"Женский"},"SponsorCode":3,"WebAlias":"123123123"}"#
    );
    assert_eq!(text, expected);
}

#[tokio::test]
async fn partners_get_by_id() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let profile = emulator
        .call("PartnersGet", &[("Id", "5518"), ("Ticket", &ticket)])
        .await;
    assert_eq!(profile["Code"], 24);

    let sponsor = emulator
        .call("PartnersGet", &[("Id", "1001"), ("Ticket", &ticket)])
        .await;
    assert_eq!(sponsor["Code"], 3);
    assert_eq!(sponsor["Fio"], "Смирнов Олег Иванович");
    assert_eq!(sponsor["CountryName"], "Россия");
    assert_eq!(sponsor["CreateDate"], "/Date(1262427133000+0300)/");
    assert_eq!(sponsor["Login"], "oleg");
}

#[tokio::test]
async fn partners_get_needs_exactly_one_key() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let expected = r#"{"ResultCodeValue":null,"ResultNumber":-1,"ResultText":"Необходимо передать PartnersCode или Id"}"#;
    let attempts: [&[(&str, &str)]; 3] = [
        &[("PartnersCode", "24"), ("Id", "5518")],
        &[],
        &[("PartnersCode", ""), ("Id", "")],
    ];
    for attempt in attempts {
        let mut pairs = attempt.to_vec();
        pairs.push(("Ticket", &ticket));
        assert_eq!(
            emulator.call_text("PartnersGet", &pairs).await,
            expected,
            "{attempt:?}"
        );
    }
}

#[tokio::test]
async fn partners_get_rejects_non_integer_code() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    for code in ["abc", "24.0", "99999999999999999999"] {
        let answer = emulator
            .call(
                "PartnersGet",
                &[("PartnersCode", code), ("Ticket", &ticket)],
            )
            .await;
        assert_eq!(answer["ResultNumber"], -1, "{code}");
        assert_eq!(answer["ResultCodeValue"], json!(null), "{code}");
        let text = answer["ResultText"].as_str().unwrap_or_default();
        assert!(
            text.contains("PartnersCode") && text.contains("целое число"),
            "{text}"
        );
    }
}

#[tokio::test]
async fn partners_get_unknown_code_matches_vendor_example() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let text = emulator
        .call_text(
            "PartnersGet",
            &[("PartnersCode", "777"), ("Ticket", &ticket)],
        )
        .await;
    assert_eq!(
        text,
        r#"{"ResultCodeValue":null,"ResultNumber":-1,"ResultText":"Контрагент не найден"}"#
    );
}

#[tokio::test]
async fn partners_get_unknown_id_returns_empty_body() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    for format in ["json", "xml"] {
        let target =
            format!("/api/Service/PartnersGet?Id=no-such-id&Ticket={ticket}&Format={format}");
        let response = emulator.get(&target).await;
        assert_eq!(response.status, 200, "{format}");
        assert_eq!(response.header("Content-Length"), Some("0"), "{format}");
        assert!(response.body.is_empty(), "{format}");
    }
}

#[tokio::test]
async fn countries_list_starts_with_vendor_entries() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let text = emulator
        .call_text("CountriesListGet", &[("Ticket", &ticket)])
        .await;
    let expected_start = concat!(
        r#"[{"Code":13,"Name":"Россия","Kod":null},{"Code":17,"Name":"Белоруссия","Kod":null},"#,
        r#"{"Code":20,"Name":"Украина","Kod":null},"#
    );
    assert!(text.starts_with(expected_start), "{text}");
    let countries = serde_json::from_str::<serde_json::Value>(&text).unwrap_or_default();
    let all_have_null_kod = countries
        .as_array()
        .is_some_and(|list| list.iter().all(|country| country["Kod"].is_null()));
    assert!(all_have_null_kod, "{text}");
}

#[tokio::test]
async fn directories_match_vendor_examples() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let cases = [
        (
            "SexListGet",
            r#"[{"Code":1,"Name":"Мужской"},{"Code":2,"Name":"Женский"},{"Code":3,"Name":"Организация"},{"Code":4,"Name":" "}]"#,
        ),
        (
            "PhoneTypesListGet",
            concat!(
                r#"[{"Code":1,"Name":"Мобильный"},{"Code":2,"Name":"Домашний"},{"Code":3,"Name":"Рабочий"},"#,
                r#"{"Code":4,"Name":"Водитель"},{"Code":5,"Name":"Жена"},{"Code":6,"Name":"Муж"}]"#
            ),
        ),
        (
            "LanguagesListGet",
            concat!(
                r#"[{"Code":1,"Alias":"ru","Name":"Русский","SortOrder":1,"IsDefault":true,"SystemKey":"русский","#,
                r#""Culture":"ru-RU","ForeignName":"Русский","IsoName":"RUS","FlagIcon":"ru.png"},"#,
                r#"{"Code":2,"Alias":"ua","Name":"Українська","SortOrder":2,"IsDefault":false,"SystemKey":"Ukraine","#,
                r#""Culture":"uk-UA","ForeignName":"Українська","IsoName":"UKR","FlagIcon":"ua.png"},"#,
                r#"{"Code":3,"Alias":"en","Name":"English","SortOrder":3,"IsDefault":false,"SystemKey":"us_english","#,
                r#""Culture":"en-GB","ForeignName":"English","IsoName":"ENG","FlagIcon":"us.png"}]"#
            ),
        ),
        (
            "PartnersGroupsListGet",
            concat!(
                r#"[{"Code":1,"Name":"Customer","Checked":""},{"Code":2,"Name":"Distributor","Checked":""},"#,
                r#"{"Code":3,"Name":" Client","Checked":""},{"Code":4,"Name":"Купил стартовый товар","Checked":""}]"#
            ),
        ),
        (
            "CurrenciesList",
            concat!(
                r#"[{"Code":3,"Name":"Доллар ","FullName":"","ShortName":"$ ","ColorRGB":"0,128, 0","Rate":null},"#,
                r#"{"Code":1,"Name":"Рубли","FullName":"","ShortName":"₽","ColorRGB":"0,128,255","Rate":null},"#,
                r#"{"Code":6,"Name":"Бонусы","FullName":"","ShortName":"Bon","ColorRGB":"128,0,0","Rate":null}]"#
            ),
        ),
    ];
    for (operation, expected) in cases {
        assert_eq!(
            emulator.call_text(operation, &[("Ticket", &ticket)]).await,
            expected,
            "{operation}"
        );
    }
}

#[tokio::test]
async fn ticket_is_required_by_every_other_operation() {
    let emulator = Emulator::start().await;
    let get_operations = [
        "PartnersLogin",
        "PartnersPasswordResetCreate",
        "PartnersGet",
        "CountriesListGet",
        "SexListGet",
        "PhoneTypesListGet",
        "LanguagesListGet",
        "PartnersGroupsListGet",
        "CurrenciesList",
        "AccountsListGet",
        "FinInCome",
        "FinOutCome",
    ];
    let bogus = "0011F4F2-02C6-490E-9E34-2FB0D0B0B027";
    for operation in get_operations {
        assert_eq!(
            emulator.call_text(operation, &[]).await,
            TICKET_REJECTED,
            "{operation} without ticket"
        );
        assert_eq!(
            emulator.call_text(operation, &[("Ticket", bogus)]).await,
            TICKET_REJECTED,
            "{operation} with unknown ticket"
        );
    }

    let response = emulator
        .post_form(
            "/api/Service/PartnersCreate",
            &[("Ticket", bogus), ("Format", "json")],
        )
        .await;
    assert_eq!(response.text(), TICKET_REJECTED);
}

#[tokio::test]
async fn ticket_matches_in_any_case() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await.to_lowercase();
    let answer = emulator.call("SexListGet", &[("Ticket", &ticket)]).await;
    assert!(answer.is_array(), "{answer}");
}

#[tokio::test]
async fn accounts_list_personal_accounts() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let cases = [("1", "1"), ("3", "250"), ("6", "1234.5")];
    for (currency, stock) in cases {
        let text = emulator
            .call_text(
                "AccountsListGet",
                &[
                    ("AccountsShortName", "PLA"),
                    ("PartnersCode", "24"),
                    ("CurrencyCode", currency),
                    ("Ticket", &ticket),
                ],
            )
            .await;
        assert_eq!(
            text,
            format!(r#"[{{"Code":15162,"LongName":"ЛСК","ShortName":"PLA","Stock":{stock}}}]"#),
            "currency {currency}"
        );
    }
}

#[tokio::test]
async fn accounts_list_cash_desks_ignore_partner() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let expected = concat!(
        r#"[{"Code":100,"LongName":"Касса основная","ShortName":"KASSA","Stock":1000000},"#,
        r#"{"Code":101,"LongName":"Касса онлайн-оплат","ShortName":"KASSA","Stock":1000000}]"#
    );
    for partner in ["", "24", "junk"] {
        let text = emulator
            .call_text(
                "AccountsListGet",
                &[
                    ("AccountsShortName", "KASSA"),
                    ("PartnersCode", partner),
                    ("CurrencyCode", "1"),
                    ("Ticket", &ticket),
                ],
            )
            .await;
        assert_eq!(text, expected, "PartnersCode {partner:?}");
    }
}

#[tokio::test]
async fn accounts_list_errors() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let cases: [(&[(&str, &str)], &str); 7] = [
        (
            &[("PartnersCode", "24"), ("CurrencyCode", "1")],
            "AccountsShortName",
        ),
        (
            &[
                ("AccountsShortName", "XYZ"),
                ("PartnersCode", "24"),
                ("CurrencyCode", "1"),
            ],
            "XYZ",
        ),
        (
            &[("AccountsShortName", "PLA"), ("CurrencyCode", "1")],
            "PartnersCode",
        ),
        (
            &[
                ("AccountsShortName", "PLA"),
                ("PartnersCode", "x"),
                ("CurrencyCode", "1"),
            ],
            "PartnersCode",
        ),
        (
            &[
                ("AccountsShortName", "PLA"),
                ("PartnersCode", "999"),
                ("CurrencyCode", "1"),
            ],
            "999",
        ),
        (
            &[
                ("AccountsShortName", "PLA"),
                ("PartnersCode", "24"),
                ("CurrencyCode", "2"),
            ],
            "Валюта с кодом 2",
        ),
        (
            &[("AccountsShortName", "PLA"), ("PartnersCode", "24")],
            "CurrencyCode",
        ),
    ];
    for (pairs, mention) in cases {
        let mut pairs = pairs.to_vec();
        pairs.push(("Ticket", &ticket));
        let answer = emulator.call("AccountsListGet", &pairs).await;
        assert_eq!(answer["ResultNumber"], -1, "{pairs:?}");
        assert_eq!(answer["ResultCodeValue"], json!(null), "{pairs:?}");
        assert_eq!(answer["OptionalValues"], json!([]), "{pairs:?}");
        let text = answer["ResultText"].as_str().unwrap_or_default();
        assert!(text.contains(mention), "{pairs:?}: {text}");
    }
}

#[tokio::test]
async fn accounts_list_short_name_in_any_case() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let answer = emulator
        .call(
            "AccountsListGet",
            &[
                ("AccountsShortName", "pla"),
                ("PartnersCode", "3"),
                ("CurrencyCode", "1"),
                ("Ticket", &ticket),
            ],
        )
        .await;
    assert_eq!(
        answer,
        json!([{"Code": 15100, "LongName": "ЛСК", "ShortName": "PLA", "Stock": 5000}])
    );
}

/// Returns the parameters of a FinInCome or FinOutCome call on the demo account and the main cash desk.
fn transfer<'a>(
    mode: &'a str,
    amount: &'a str,
    currency: &'a str,
    ticket: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("ValidationTransaction", mode),
        ("AccountsRsCode", "15162"),
        ("AccountsKsCode", "100"),
        ("Amount", amount),
        ("CurrencyCode", currency),
        ("Comment", "Оплата заказа №42"),
        ("Ticket", ticket),
    ]
}

async fn stock(
    emulator: &Emulator,
    ticket: &str,
    group: &str,
    currency: &str,
) -> serde_json::Value {
    let answer = emulator
        .call(
            "AccountsListGet",
            &[
                ("AccountsShortName", group),
                ("PartnersCode", "24"),
                ("CurrencyCode", currency),
                ("Ticket", ticket),
            ],
        )
        .await;
    answer[0]["Stock"].clone()
}

#[tokio::test]
async fn fin_income_validation_changes_nothing() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let text = emulator
        .call_text("FinInCome", &transfer("validation", "100.25", "1", &ticket))
        .await;
    assert_eq!(
        text,
        r#"{"ResultText":"Проверка пройдена","ResultNumber":1,"ResultCodeValue":null,"OptionalValues":{}}"#
    );
    assert_eq!(stock(&emulator, &ticket, "PLA", "1").await, json!(1));
    assert_eq!(
        stock(&emulator, &ticket, "KASSA", "1").await,
        json!(1000000)
    );
    assert_eq!(
        emulator.get("/_emulator/ledger").await.json()["transactions"],
        json!([])
    );
}

#[tokio::test]
async fn fin_income_transaction_moves_money() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let text = emulator
        .call_text(
            "FinInCome",
            &transfer("transaction", "100.25", "1", &ticket),
        )
        .await;
    assert_eq!(
        text,
        r#"{"ResultText":"Транзакция № 1187738","ResultNumber":1,"ResultCodeValue":null,"OptionalValues":{}}"#
    );
    assert_eq!(stock(&emulator, &ticket, "PLA", "1").await, json!(101.25));
    assert_eq!(
        stock(&emulator, &ticket, "KASSA", "1").await,
        json!(1000100.25)
    );

    let second = emulator
        .call("FinInCome", &transfer("Transaction", "0,1", "1", &ticket))
        .await;
    assert_eq!(second["ResultText"], "Транзакция № 1187739");
    assert_eq!(stock(&emulator, &ticket, "PLA", "1").await, json!(101.35));

    let ledger = emulator.get("/_emulator/ledger").await.json();
    assert_eq!(ledger["transactions"][0]["number"], 1187738, "{ledger}");
    let first = &ledger["transactions"][0];
    assert_eq!(first["operation"], "FinInCome");
    assert_eq!(first["accountsRsCode"], 15162);
    assert_eq!(first["accountsKsCode"], 100);
    assert_eq!(first["currencyCode"], 1);
    assert_eq!(first["amount"], "100.25");
    assert_eq!(first["amountMinorUnits"], 10025);
    assert_eq!(first["comment"], "Оплата заказа №42");
    assert_eq!(ledger["transactions"][1]["amount"], "0.10");
}

#[tokio::test]
async fn fin_outcome_transaction_moves_money() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let answer = emulator
        .call(
            "FinOutCome",
            &transfer("transaction", "1234.50", "6", &ticket),
        )
        .await;
    assert_eq!(answer["ResultText"], "Транзакция № 1187738");
    assert_eq!(stock(&emulator, &ticket, "PLA", "6").await, json!(0));
    assert_eq!(
        stock(&emulator, &ticket, "KASSA", "6").await,
        json!(998765.5)
    );
}

#[tokio::test]
async fn fin_outcome_overdraft_matches_vendor_example() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let expected = r#"{"ResultText":"Сумма больше остатка на счете","ResultNumber":-1,"ResultCodeValue":null,"OptionalValues":{}}"#;
    for mode in ["validation", "transaction"] {
        let text = emulator
            .call_text("FinOutCome", &transfer(mode, "1.01", "1", &ticket))
            .await;
        assert_eq!(text, expected, "{mode}");
    }
    let text = emulator
        .call_text("FinOutCome", &transfer("transaction", "5", "3", &ticket))
        .await;
    assert!(
        text.contains("Транзакция № 1187738"),
        "a refused transfer takes no number: {text}"
    );
    assert_eq!(stock(&emulator, &ticket, "PLA", "1").await, json!(1));
}

#[tokio::test]
async fn fin_parameter_errors() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let base = transfer("transaction", "10", "1", &ticket);
    let with = |name: &'static str, value: &'static str| -> Vec<(&str, &str)> {
        base.iter()
            .map(|&(key, current)| {
                if key == name {
                    (key, value)
                } else {
                    (key, current)
                }
            })
            .collect()
    };
    let cases = [
        (
            with("ValidationTransaction", "commit"),
            "ValidationTransaction",
        ),
        (with("ValidationTransaction", ""), "ValidationTransaction"),
        (with("AccountsRsCode", "777"), "AccountsRsCode 777"),
        (with("AccountsRsCode", "100"), "AccountsRsCode 100"),
        (with("AccountsRsCode", "abc"), "AccountsRsCode"),
        (with("AccountsKsCode", "15162"), "AccountsKsCode 15162"),
        (with("AccountsKsCode", ""), "AccountsKsCode"),
        (with("CurrencyCode", "2"), "Валюта с кодом 2"),
        (with("Amount", ""), "Amount"),
        (with("Amount", "0"), "больше нуля"),
        (with("Amount", "-5"), "Amount"),
        (with("Amount", "1.234"), "Amount"),
        (with("Amount", "1e3"), "Amount"),
        (with("Amount", "NaN"), "Amount"),
        (with("Amount", "99999999999999999999"), "слишком велика"),
    ];
    for (pairs, mention) in cases {
        for operation in ["FinInCome", "FinOutCome"] {
            let answer = emulator.call(operation, &pairs).await;
            assert_eq!(answer["ResultNumber"], -1, "{operation} {pairs:?}");
            assert_eq!(answer["OptionalValues"], json!({}), "{operation} {pairs:?}");
            let text = answer["ResultText"].as_str().unwrap_or_default();
            assert!(text.contains(mention), "{operation} {pairs:?}: {text}");
        }
    }
    assert_eq!(
        emulator.get("/_emulator/ledger").await.json()["transactions"],
        json!([])
    );
}

#[tokio::test]
async fn fin_income_rejects_balance_overflow() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let answer = emulator
        .call(
            "FinInCome",
            &transfer("transaction", "92233720368547758.07", "1", &ticket),
        )
        .await;
    assert_eq!(answer["ResultNumber"], -1);
    assert_eq!(answer["ResultText"], "Сумма Amount слишком велика");
    assert_eq!(stock(&emulator, &ticket, "PLA", "1").await, json!(1));
}
