//! PartnersCreate over HTTP: the one-message error list, duplicates, and a new partner
//! signing in and appearing in PartnersGet and AccountsListGet.

mod common;

use common::{Emulator, DEMO_PASSWORD_MD5};
use serde_json::{json, Value};

const GUIDE_ERROR_TEXT: &str = concat!(
    r#"{"ResultCodeValue":null,"ResultNumber":-1,"ResultText":" Найдены ошибки в полях: ("#,
    "недопустимая дата рождения, фамилия не указана или содержит недопустимые символы, ",
    "имя не указано или содержит недопустимые символы, электронный адрес содержит недопустимые значения)\"}"
);

async fn create(emulator: &Emulator, ticket: &str, fields: &[(&str, &str)]) -> Value {
    let mut pairs = fields.to_vec();
    pairs.push(("Ticket", ticket));
    pairs.push(("Format", "json"));
    let response = emulator
        .post_form("/api/Service/PartnersCreate", &pairs)
        .await;
    assert_eq!(response.status, 200, "{}", response.text());
    response.json()
}

fn full_form() -> Vec<(&'static str, &'static str)> {
    vec![
        ("Name", "Иванова"),
        ("FirstName", "Мария"),
        ("Patronymic", "Сергеевна"),
        ("ID", "7001"),
        ("SponsorID", "5518"),
        ("Login", "maria"),
        ("INN", "616512345678"),
        ("Sex", "2"),
        ("Phone", "+7 918 555-01-02"),
        ("PhoneTypes", "1"),
        ("PhoneComment", "после 18:00"),
        ("Phone2", "8-863-200-00-00"),
        ("Phone2Type", "2"),
        ("Phone2Comment", ""),
        ("Phone3", ""),
        ("Phone3Type", ""),
        ("Phone4", ""),
        ("Phone4Type", ""),
        ("Email", "maria@example.com"),
        ("Email2", "maria.work@example.com"),
        ("ContactInformation", "Telegram @maria"),
        ("Info", "пришла с вебинара"),
        ("Country", "13"),
        ("Ind", "347900"),
        ("Region", "Ростовская область"),
        ("Rayon", ""),
        ("City", "Таганрог"),
        ("Street", "ул. Петровская"),
        ("House", "1"),
        ("Korp", ""),
        ("Stroenie", ""),
        ("Flat", "2"),
        ("CountryUr", "13"),
        ("CityUr", "Ростов-на-Дону"),
        ("PassportSeries", "6005"),
        ("PassportNumber", "123456"),
        ("PassportIssueDate", "20.05.2010"),
        ("PassportIssueDept", "ОВД г. Таганрога"),
        ("PassportKod", "612-001"),
        ("Birthday", "02/03/1990"),
        ("Skype", "maria.skype"),
        ("Website", "https://example.com/maria"),
        ("WebAlias", "maria-shop"),
        ("Languages", "1"),
        ("FlagEmailDoubleCheck", "N"),
        ("KPP", "616501001"),
        ("OKPO", "1234567890"),
        ("Password", DEMO_PASSWORD_MD5),
        ("ConfirmPassword", "fe01ce2a7fbac8fafaed7c982a04e229"),
    ]
}

#[tokio::test]
async fn create_reports_all_errors_in_one_message() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let fields = [
        ("Name", ""),
        ("FirstName", "R2D2"),
        ("Email", "antonina.bk.ru"),
        ("Birthday", "31-02-2000"),
        ("Ticket", ticket.as_str()),
        ("Format", "json"),
    ];
    let response = emulator
        .post_form("/api/Service/PartnersCreate", &fields)
        .await;
    assert_eq!(response.text(), GUIDE_ERROR_TEXT);
}

#[tokio::test]
async fn create_lists_every_kind_of_problem() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let long_name = "ж".repeat(151);
    let answer = create(
        &emulator,
        &ticket,
        &[
            ("Name", &long_name),
            ("FirstName", "Мария"),
            ("Email", "maria@example.com"),
            ("Birthday", "01-01-2999"),
            ("Sex", "5"),
            ("Phone2Type", "two"),
            ("Country", "999"),
            ("Languages", "9"),
            ("FlagEmailDoubleCheck", "X"),
            ("KPP", "1234567890"),
            ("Password", DEMO_PASSWORD_MD5),
            ("ConfirmPassword", "00000000000000000000000000000000"),
            ("PassportIssueDate", "1990-13-01"),
        ],
    )
    .await;
    assert_eq!(answer["ResultNumber"], -1);
    assert_eq!(answer["ResultCodeValue"], json!(null));
    assert_eq!(
        answer["ResultText"],
        concat!(
            " Найдены ошибки в полях: (недопустимая дата рождения, фамилия длиннее 150 символов, ",
            "код пола не найден в справочнике, тип телефона 2 должен быть целым числом, ",
            "код страны не найден в справочнике, недопустимая дата выдачи паспорта, ",
            "код языка не найден в справочнике, признак проверки электронного адреса должен быть Y или N, ",
            "КПП длиннее 9 символов, пароль и подтверждение пароля не совпадают)"
        )
    );
}

#[tokio::test]
async fn create_then_login_and_get() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let answer = create(&emulator, &ticket, &full_form()).await;
    assert_eq!(
        answer,
        json!({"ResultCodeValue": 1059, "ResultNumber": 1, "ResultText": "Новый партнер успешно создан"})
    );

    for login in ["maria", "7001"] {
        let signed_in = emulator
            .call(
                "PartnersLogin",
                &[
                    ("Login", login),
                    ("Password", DEMO_PASSWORD_MD5),
                    ("Ticket", &ticket),
                ],
            )
            .await;
        assert_eq!(signed_in["ResultCodeValue"], 1059, "{login}");
        assert_eq!(
            signed_in["OptionalValues"][0]["Value"], "Иванова Мария Сергеевна",
            "{login}"
        );
    }

    let profile = emulator
        .call(
            "PartnersGet",
            &[("PartnersCode", "1059"), ("Ticket", &ticket)],
        )
        .await;
    let create_date = profile["CreateDate"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let milliseconds = create_date
        .strip_prefix("/Date(")
        .and_then(|rest| rest.strip_suffix("+0300)/"))
        .and_then(|digits| digits.parse::<i64>().ok());
    assert!(
        milliseconds.is_some_and(|value| value > 1_700_000_000_000),
        "{create_date}"
    );
    assert_eq!(
        profile,
        json!({
            "City": "Таганрог",
            "Code": 1059,
            "ContactInformation": "Telegram @maria",
            "CountryName": "Россия",
            "CreateDate": create_date,
            "Email": "maria@example.com",
            "Fio": "Иванова Мария Сергеевна",
            "FirstName": "Мария",
            "Id": "7001",
            "Info": "пришла с вебинара",
            "Login": "maria",
            "Name": "Иванова",
            "PartnersGroupsList": [],
            "Patronymic": "Сергеевна",
            "Phone": "+7 918 555-01-02",
            "Phone2": "8-863-200-00-00",
            "Rayon": null,
            "RealAddress": "347900, Ростовская область, Таганрог, ул. Петровская, д. 1, кв. 2",
            "Region": "Ростовская область",
            "RegistrationAllowed": false,
            "ServiceStop": null,
            "Sex": {"Code": 2, "Name": "Женский"},
            "SponsorCode": 24,
            "WebAlias": "maria-shop"
        })
    );

    let by_id = emulator
        .call("PartnersGet", &[("Id", "7001"), ("Ticket", &ticket)])
        .await;
    assert_eq!(by_id["Code"], 1059);

    let accounts = emulator
        .call(
            "AccountsListGet",
            &[
                ("AccountsShortName", "PLA"),
                ("PartnersCode", "1059"),
                ("CurrencyCode", "1"),
                ("Ticket", &ticket),
            ],
        )
        .await;
    assert_eq!(
        accounts,
        json!([{"Code": 20000, "LongName": "ЛСК", "ShortName": "PLA", "Stock": 0}])
    );

    let deposit = emulator
        .call(
            "FinInCome",
            &[
                ("ValidationTransaction", "transaction"),
                ("AccountsRsCode", "20000"),
                ("AccountsKsCode", "101"),
                ("Amount", "15.5"),
                ("CurrencyCode", "3"),
                ("Ticket", &ticket),
            ],
        )
        .await;
    assert_eq!(deposit["ResultNumber"], 1);
}

#[tokio::test]
async fn create_minimal_partner() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let fields = [
        ("Name", "Петров"),
        ("FirstName", "Пётр"),
        ("Email", "petr@example.com"),
        ("Birthday", "1985-07-15"),
    ];
    let first = create(&emulator, &ticket, &fields).await;
    assert_eq!(first["ResultCodeValue"], 1059);

    let profile = emulator
        .call(
            "PartnersGet",
            &[("PartnersCode", "1059"), ("Ticket", &ticket)],
        )
        .await;
    assert_eq!(profile["Fio"], "Петров Пётр");
    assert_eq!(profile["Id"], json!(null));
    assert_eq!(profile["Login"], json!(null));
    assert_eq!(profile["Sex"], json!(null));
    assert_eq!(profile["SponsorCode"], json!(null));
    assert_eq!(profile["RealAddress"], json!(null));

    let second = create(
        &emulator,
        &ticket,
        &[
            ("Name", "Сидоров"),
            ("FirstName", "Иван"),
            ("Email", "ivan@example.com"),
            ("Birthday", "15071985"),
            ("SponsorID", "no-such-id"),
        ],
    )
    .await;
    assert_eq!(second["ResultCodeValue"], 1060);
    let profile = emulator
        .call(
            "PartnersGet",
            &[("PartnersCode", "1060"), ("Ticket", &ticket)],
        )
        .await;
    assert_eq!(profile["SponsorCode"], json!(null));

    let accounts = emulator
        .call(
            "AccountsListGet",
            &[
                ("AccountsShortName", "PLA"),
                ("PartnersCode", "1060"),
                ("CurrencyCode", "6"),
                ("Ticket", &ticket),
            ],
        )
        .await;
    assert_eq!(accounts[0]["Code"], 20001);
}

#[tokio::test]
async fn create_without_password_cannot_sign_in() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let fields = [
        ("Name", "Петров"),
        ("FirstName", "Пётр"),
        ("Email", "petr@example.com"),
        ("Birthday", "15-07-1985"),
        ("Login", "petr"),
    ];
    assert_eq!(create(&emulator, &ticket, &fields).await["ResultNumber"], 1);
    let signed_in = emulator
        .call(
            "PartnersLogin",
            &[("Login", "petr"), ("Password", ""), ("Ticket", &ticket)],
        )
        .await;
    assert_eq!(signed_in["ResultNumber"], -1);
}

#[tokio::test]
async fn create_rejects_duplicates() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let base = [
        ("Name", "Петров"),
        ("FirstName", "Пётр"),
        ("Birthday", "15-07-1985"),
    ];
    let cases: [(&[(&str, &str)], &str); 6] = [
        (
            &[("Email", "ANTONINA@bk.ru")],
            "Контрагент с таким E-mail уже зарегистрирован",
        ),
        (
            &[("Email", "new1@example.com"), ("Login", "Antonina")],
            "Контрагент с таким логином уже зарегистрирован",
        ),
        (
            &[("Email", "new2@example.com"), ("Login", "5518")],
            "Контрагент с таким логином уже зарегистрирован",
        ),
        (
            &[("Email", "new3@example.com"), ("ID", "5518")],
            "Контрагент с таким Id уже зарегистрирован",
        ),
        (
            &[("Email", "new4@example.com"), ("ID", "oleg")],
            "Контрагент с таким Id уже зарегистрирован",
        ),
        (
            &[("Email", "new5@example.com"), ("WebAlias", "123123123")],
            "Контрагент с таким WebAlias уже зарегистрирован",
        ),
    ];
    for (extra, message) in cases {
        let mut fields = base.to_vec();
        fields.extend_from_slice(extra);
        let answer = create(&emulator, &ticket, &fields).await;
        assert_eq!(
            answer,
            json!({"ResultCodeValue": null, "ResultNumber": -1, "ResultText": message}),
            "{extra:?}"
        );
    }

    let mut fields = base.to_vec();
    fields.extend_from_slice(&[
        ("Email", "unique@example.com"),
        ("Login", "unique"),
        ("ID", "9001"),
        ("WebAlias", "unique"),
    ]);
    assert_eq!(
        create(&emulator, &ticket, &fields).await["ResultCodeValue"],
        1059
    );
    let answer = create(&emulator, &ticket, &fields).await;
    assert_eq!(
        answer["ResultText"],
        "Контрагент с таким E-mail уже зарегистрирован"
    );
    assert_eq!(
        emulator
            .call(
                "PartnersGet",
                &[("PartnersCode", "1060"), ("Ticket", &ticket)]
            )
            .await["ResultText"],
        "Контрагент не найден",
        "a rejected registration takes no code"
    );
}

#[tokio::test]
async fn create_rejects_get_and_missing_ticket() {
    let emulator = Emulator::start().await;
    let response = emulator
        .get("/api/Service/PartnersCreate?Name=a&Format=json")
        .await;
    assert_eq!(response.status, 405);

    let response = emulator
        .post_form(
            "/api/Service/PartnersCreate",
            &[("Name", "Петров"), ("Format", "json")],
        )
        .await;
    assert_eq!(
        response.text(),
        r#"{"ResultNumber":-1,"ResultText":"Неверный или устаревший Ticket","ResultCodeValue":null,"OptionalValues":[]}"#
    );
}

#[tokio::test]
async fn create_answers_xml_without_format() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let fields = [
        ("Name", "Петров"),
        ("FirstName", "Пётр"),
        ("Email", "petr@example.com"),
        ("Birthday", "15-07-1985"),
        ("Ticket", ticket.as_str()),
    ];
    let response = emulator
        .post_form("/api/Service.svc/PartnersCreate", &fields)
        .await;
    assert_eq!(
        response.header("Content-Type"),
        Some("application/xml; charset=utf-8")
    );
    assert_eq!(
        response.text(),
        concat!(
            r#"<PartnersCreateResult xmlns="http://tempuri.org/" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<ResultCodeValue>1059</ResultCodeValue><ResultNumber>1</ResultNumber>",
            "<ResultText>Новый партнер успешно создан</ResultText></PartnersCreateResult>"
        )
    );
}
