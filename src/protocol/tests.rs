//! Validation tables for every operation, through `build_params`.

use super::catalogue::Operation;
use super::dates::{CalendarDate, DateFormat};
use super::error::{AmountProblem, DateProblem, Error, ErrorCode, ErrorKind, Expected, Problem};
use super::hashing::HexCase;
use super::input::{number, text, Input, InputValue};
use super::locale::Locale;
use super::params::{build_params, WireFormat, WireParams};

fn build(operation: Operation, input: &Input) -> Result<WireParams, super::error::Error> {
    build_params(operation, input, &WireFormat::default())
}

fn wire<'a>(params: &'a WireParams, name: &str) -> Option<&'a str> {
    params.iter().find(|(wire_name, _)| *wire_name == name).map(|(_, value)| value.as_str())
}

/// The problems of a rejected input, as (field, problem) pairs.
fn problems(operation: Operation, input: &Input) -> Vec<(String, Problem)> {
    let error = build(operation, input).expect_err("input should be rejected");
    assert_eq!(error.kind, ErrorKind::Validation);
    assert_eq!(error.method, Some(operation.spec().wire_name));
    error.problems.into_vec().into_iter().map(|p| (p.field, p.problem)).collect()
}

fn registration() -> Input {
    Input::new()
        .with("name", text("Кузнецова"))
        .with("firstName", text("Антонина"))
        .with("email", text("antonina@bk.ru"))
        .with("birthday", text("1971-11-11"))
}

#[test]
fn minimal_registration_builds() {
    let params = build(Operation::PartnersCreate, &registration()).unwrap();
    assert_eq!(
        params,
        vec![
            ("Name", "Кузнецова".to_string()),
            ("FirstName", "Антонина".to_string()),
            ("Email", "antonina@bk.ru".to_string()),
            ("Birthday", "11-11-1971".to_string()),
        ]
    );
}

#[test]
fn registration_missing_everything_lists_all() {
    let found = problems(Operation::PartnersCreate, &Input::new());
    let fields: Vec<&str> = found.iter().map(|(field, _)| field.as_str()).collect();
    assert_eq!(fields, ["name", "firstName", "email", "birthday"]);
    assert!(found.iter().all(|(_, problem)| *problem == Problem::Missing));
}

#[test]
fn registration_field_table() {
    let long = |count: usize| text(&"я".repeat(count));
    let cases: Vec<(&str, InputValue, Problem)> = vec![
        ("name", long(151), Problem::TooLong { max: 150, actual: 151 }),
        ("firstName", long(51), Problem::TooLong { max: 50, actual: 51 }),
        ("inn", text("1234567890123"), Problem::TooLong { max: 12, actual: 13 }),
        ("kpp", text("1234567890"), Problem::TooLong { max: 9, actual: 10 }),
        ("ind", text("12345678901"), Problem::TooLong { max: 10, actual: 11 }),
        ("info", long(501), Problem::TooLong { max: 500, actual: 501 }),
        ("name", InputValue::Bool(true), Problem::WrongType { expected: Expected::Text, found: "boolean" }),
        ("name", InputValue::Other("object"), Problem::WrongType { expected: Expected::Text, found: "object" }),
        ("email", text("antonina.bk.ru"), Problem::InvalidEmail { value: "antonina.bk.ru".into() }),
        ("email", text("a b@bk.ru"), Problem::InvalidEmail { value: "a b@bk.ru".into() }),
        ("email", text("a@bk"), Problem::InvalidEmail { value: "a@bk".into() }),
        ("email2", text("@bk.ru"), Problem::InvalidEmail { value: "@bk.ru".into() }),
        ("sex", number(1.5), Problem::NotInteger { value: "1.5".into() }),
        ("sex", number(-2.0), Problem::NotInteger { value: "-2".into() }),
        ("sex", number(f64::NAN), Problem::NotInteger { value: "NaN".into() }),
        ("sex", text("two"), Problem::NotInteger { value: "two".into() }),
        ("country", number(3e10), Problem::NotInteger { value: "30000000000".into() }),
        ("languages", InputValue::Bool(true), Problem::WrongType { expected: Expected::Integer, found: "boolean" }),
        ("flagEmailDoubleCheck", text("yes"), Problem::InvalidFlag { value: "yes".into() }),
        ("flagEmailDoubleCheck", number(1.0), Problem::WrongType { expected: Expected::Boolean, found: "number" }),
        ("birthday", text("31.02.2000"), Problem::InvalidDate { value: "31.02.2000".into(), reason: DateProblem::Impossible }),
        ("birthday", text("next week"), Problem::InvalidDate { value: "next week".into(), reason: DateProblem::Format }),
        ("birthday", InputValue::Date(None), Problem::InvalidDate { value: "Invalid Date".into(), reason: DateProblem::Impossible }),
        ("birthday", number(0.0), Problem::WrongType { expected: Expected::Date, found: "number" }),
        ("passportIssueDate", text("1850-01-01"), Problem::InvalidDate { value: "1850-01-01".into(), reason: DateProblem::OutOfRange }),
        ("passwordMd5", text("1234"), Problem::InvalidMd5 { length: 4 }),
    ];
    for (field, value, expected) in cases {
        let input = registration().with(field, value.clone());
        let found = problems(Operation::PartnersCreate, &input);
        assert_eq!(found, vec![(field.to_string(), expected)], "{field} = {value:?}");
    }
}

#[test]
fn length_counts_characters_not_bytes() {
    let input = registration().with("name", text(&"я".repeat(150))).with("ind", text("😀".repeat(10).as_str()));
    assert!(build(Operation::PartnersCreate, &input).is_ok());
}

#[test]
fn registration_all_fields_written() {
    let input = registration()
        .with("patronymic", text("Петровна"))
        .with("sex", number(2.0))
        .with("phoneTypes", text("1"))
        .with("country", number(13.0))
        .with("flagEmailDoubleCheck", InputValue::Bool(true))
        .with("passportIssueDate", InputValue::Date(CalendarDate::new(1999, 1, 2)))
        .with("password", text("demo"))
        .with("webAlias", text("antonina"));
    let params = build(Operation::PartnersCreate, &input).unwrap();
    assert_eq!(wire(&params, "Sex"), Some("2"));
    assert_eq!(wire(&params, "PhoneTypes"), Some("1"));
    assert_eq!(wire(&params, "FlagEmailDoubleCheck"), Some("Y"));
    assert_eq!(wire(&params, "PassportIssueDate"), Some("02-01-1999"));
    assert_eq!(wire(&params, "Password"), Some("FE01CE2A7FBAC8FAFAED7C982A04E229"));
    assert_eq!(wire(&params, "ConfirmPassword"), Some("FE01CE2A7FBAC8FAFAED7C982A04E229"), "confirmation filled in");
}

#[test]
fn password_confirmation_rules() {
    let mismatch = registration().with("password", text("demo")).with("confirmPassword", text("Demo"));
    assert_eq!(problems(Operation::PartnersCreate, &mismatch), vec![("confirmPassword".into(), Problem::PasswordMismatch)]);

    let same_hash = registration()
        .with("password", text("demo"))
        .with("confirmPasswordMd5", text("fe01ce2a7fbac8fafaed7c982a04e229"));
    assert!(build(Operation::PartnersCreate, &same_hash).is_ok(), "plain and pre-hashed forms compare equal");

    let only_confirmation = registration().with("confirmPassword", text("demo"));
    assert_eq!(problems(Operation::PartnersCreate, &only_confirmation), vec![("password".into(), Problem::Missing)]);

    let both_forms = registration().with("password", text("a")).with("passwordMd5", text("FE01CE2A7FBAC8FAFAED7C982A04E229"));
    assert_eq!(
        problems(Operation::PartnersCreate, &both_forms),
        vec![("password".into(), Problem::ExactlyOneOf { fields: &["password", "passwordMd5"] })]
    );
}

#[test]
fn unknown_keys_suggest_the_right_name() {
    let input = registration().with("emial", text("x"));
    let found = problems(Operation::PartnersCreate, &input);
    assert_eq!(found, vec![("emial".into(), Problem::Unknown { suggestion: Some("email") })]);

    let input = Input::new().with("partnerscode", number(24.0));
    let found = problems(Operation::PartnersGet, &input);
    assert_eq!(found[0], ("partnerscode".into(), Problem::Unknown { suggestion: Some("partnersCode") }));

    let input = registration().with("favouriteColour", text("x"));
    assert_eq!(problems(Operation::PartnersCreate, &input)[0].1, Problem::Unknown { suggestion: None });
}

#[test]
fn login_operations() {
    for operation in [Operation::UsersLogin, Operation::PartnersLogin] {
        let params = build(operation, &Input::new().with("login", text("demo")).with("password", text("demo"))).unwrap();
        assert_eq!(params, vec![("Login", "demo".into()), ("Password", "FE01CE2A7FBAC8FAFAED7C982A04E229".into())]);

        let params = build(
            operation,
            &Input::new().with("login", text("demo")).with("passwordMd5", text("fe01ce2a7fbac8fafaed7c982a04e229")),
        )
        .unwrap();
        assert_eq!(wire(&params, "Password"), Some("FE01CE2A7FBAC8FAFAED7C982A04E229"));

        assert_eq!(
            problems(operation, &Input::new()),
            vec![
                ("login".into(), Problem::Missing),
                ("password".into(), Problem::MissingOneOf { fields: &["password", "passwordMd5"] })
            ]
        );
        let bad_hash = Input::new().with("login", text("demo")).with("passwordMd5", text("demo"));
        assert_eq!(problems(operation, &bad_hash), vec![("passwordMd5".into(), Problem::InvalidMd5 { length: 4 })]);
    }
}

#[test]
fn password_of_spaces_is_given() {
    let input = Input::new().with("login", text("demo")).with("password", text("   "));
    let params = build(Operation::PartnersLogin, &input).unwrap();
    assert_eq!(wire(&params, "Password"), Some(super::hashing::md5_hex("   ", HexCase::Upper).as_str()));

    let empty = Input::new().with("login", text("demo")).with("password", text(""));
    assert_eq!(problems(Operation::PartnersLogin, &empty)[0].1.code(), ErrorCode::MissingField);
}

#[test]
fn lower_case_md5_option() {
    let format = WireFormat { md5_case: HexCase::Lower, date_format: DateFormat::DayMonthYearDots };
    let input = Input::new().with("login", text("demo")).with("password", text("demo"));
    let params = build_params(Operation::UsersLogin, &input, &format).unwrap();
    assert_eq!(wire(&params, "Password"), Some("fe01ce2a7fbac8fafaed7c982a04e229"));

    let params = build_params(Operation::PartnersCreate, &registration(), &format).unwrap();
    assert_eq!(wire(&params, "Birthday"), Some("11.11.1971"));
}

#[test]
fn partners_get_needs_exactly_one_key() {
    assert_eq!(build(Operation::PartnersGet, &Input::new().with("partnersCode", number(24.0))).unwrap(), vec![("PartnersCode", "24".into())]);
    assert_eq!(build(Operation::PartnersGet, &Input::new().with("id", number(5518.0))).unwrap(), vec![("Id", "5518".into())]);
    assert_eq!(
        problems(Operation::PartnersGet, &Input::new()),
        vec![("partnersCode".into(), Problem::MissingOneOf { fields: &["partnersCode", "id"] })]
    );
    let both = Input::new().with("partnersCode", number(24.0)).with("id", text("5518"));
    assert_eq!(problems(Operation::PartnersGet, &both)[0].1.code(), ErrorCode::ConflictingFields);
    let zero = Input::new().with("partnersCode", number(0.0));
    assert_eq!(problems(Operation::PartnersGet, &zero), vec![("partnersCode".into(), Problem::NotInteger { value: "0".into() })]);
}

#[test]
fn accounts_list_rules() {
    let input = Input::new().with("accountsShortName", text("pla")).with("partnersCode", number(24.0)).with("currencyCode", number(1.0));
    assert_eq!(
        build(Operation::AccountsListGet, &input).unwrap(),
        vec![("AccountsShortName", "PLA".into()), ("PartnersCode", "24".into()), ("CurrencyCode", "1".into())]
    );
    let kassa = Input::new().with("accountsShortName", text("KASSA")).with("currencyCode", number(1.0));
    assert!(build(Operation::AccountsListGet, &kassa).is_ok(), "cash desks belong to no partner");

    let no_partner = Input::new().with("accountsShortName", text("PLA")).with("currencyCode", number(1.0));
    assert_eq!(problems(Operation::AccountsListGet, &no_partner), vec![("partnersCode".into(), Problem::Missing)]);

    let bad_group = Input::new().with("accountsShortName", text("BANK")).with("currencyCode", number(1.0));
    assert_eq!(
        problems(Operation::AccountsListGet, &bad_group),
        vec![("accountsShortName".into(), Problem::NotOneOf { value: "BANK".into(), allowed: &["PLA", "KASSA"] })]
    );
}

fn fin_input(amount: InputValue) -> Input {
    Input::new()
        .with("validationTransaction", text("transaction"))
        .with("accountsRsCode", number(15162.0))
        .with("accountsKsCode", number(100.0))
        .with("amount", amount)
        .with("currencyCode", number(1.0))
        .with("comment", text("Оплата заказа №7 & доставка"))
}

#[test]
fn fin_amounts() {
    for operation in [Operation::FinInCome, Operation::FinOutCome] {
        let params = build(operation, &fin_input(number(1234.5))).unwrap();
        assert_eq!(wire(&params, "Amount"), Some("1234.50"));
        assert_eq!(wire(&params, "ValidationTransaction"), Some("transaction"));
        assert_eq!(wire(&params, "Comment"), Some("Оплата заказа №7 & доставка"));

        let params = build(operation, &fin_input(text("0,07"))).unwrap();
        assert_eq!(wire(&params, "Amount"), Some("0.07"));

        let rejected: [(InputValue, &str, AmountProblem); 9] = [
            (number(f64::NAN), "NaN", AmountProblem::NotANumber),
            (number(f64::INFINITY), "Infinity", AmountProblem::NotANumber),
            (number(-5.0), "-5", AmountProblem::NotPositive),
            (number(0.0), "0", AmountProblem::NotPositive),
            (number(1.005), "1.005", AmountProblem::TooPrecise),
            (text("ten"), "ten", AmountProblem::NotANumber),
            (text("1e20"), "1e20", AmountProblem::NotANumber),
            (text("99999999999999999"), "99999999999999999", AmountProblem::TooLarge),
            (text("1,000"), "1,000", AmountProblem::TooPrecise),
        ];
        for (value, shown, reason) in rejected {
            let found = problems(operation, &fin_input(value));
            assert_eq!(found, vec![("amount".into(), Problem::InvalidAmount { value: shown.into(), reason })], "{shown}");
        }
        let found = problems(operation, &fin_input(InputValue::Bool(true)));
        assert_eq!(found[0].1.code(), ErrorCode::InvalidType);
    }
}

#[test]
fn fin_mode_required() {
    let input = fin_input(number(1.0)).with("validationTransaction", InputValue::Absent);
    assert_eq!(problems(Operation::FinInCome, &input), vec![("validationTransaction".into(), Problem::Missing)]);
    let input = fin_input(number(1.0)).with("validationTransaction", text("dry-run"));
    assert_eq!(problems(Operation::FinInCome, &input)[0].1.code(), ErrorCode::InvalidChoice);
}

#[test]
fn directories_take_no_options() {
    for operation in [
        Operation::CountriesListGet,
        Operation::SexListGet,
        Operation::PhoneTypesListGet,
        Operation::LanguagesListGet,
        Operation::PartnersGroupsListGet,
        Operation::CurrenciesList,
    ] {
        assert_eq!(build(operation, &Input::new()).unwrap(), vec![]);
        let found = problems(operation, &Input::new().with("ticket", text("x")));
        assert_eq!(found, vec![("ticket".into(), Problem::Unknown { suggestion: None })]);
    }
}

#[test]
fn password_reset_needs_email() {
    let params = build(Operation::PartnersPasswordResetCreate, &Input::new().with("email", text(" antonina@bk.ru "))).unwrap();
    assert_eq!(params, vec![("Email", "antonina@bk.ru".into())]);
    assert_eq!(problems(Operation::PartnersPasswordResetCreate, &Input::new()), vec![("email".into(), Problem::Missing)]);
}

#[test]
fn validation_messages_name_field_in_both_locales() {
    let input = registration().with("email", text("nope")).with("birthday", text("31.02.2000"));
    let error = build(Operation::PartnersCreate, &input).unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidEmail);
    assert_eq!(error.field(), Some("email"));
    for locale in [Locale::Ru, Locale::En] {
        let message = error.message(locale);
        assert!(message.contains("PartnersCreate"), "{message}");
        assert!(message.contains("email:"), "{message}");
        assert!(message.contains("birthday:"), "{message}");
        assert!(message.contains("\"31.02.2000\""), "{message}");
    }
    assert!(error.message(Locale::Ru).contains("запрос не отправлен"));
    assert!(error.message(Locale::En).contains("nothing was sent"));
}

#[test]
fn unknown_outcome_gives_no_retry_advice() {
    let failures = [Error::timeout("FinInCome", 500), Error::http("FinInCome", 503)];
    for failure in failures {
        let error = failure.outcome_unknown(Vec::new());
        assert!(!error.message(Locale::En).contains("retry"), "{}", error.message(Locale::En));
        assert!(!error.message(Locale::Ru).contains("повторите позже"), "{}", error.message(Locale::Ru));
        assert!(error.message(Locale::En).contains("Do not repeat it blindly"));
    }
    assert!(Error::timeout("PartnersGet", 500).message(Locale::En).contains("retry later"));
}

#[test]
fn messages_never_echo_secrets() {
    let input = Input::new().with("login", text("demo")).with("passwordMd5", text("sup3r-secret-value"));
    let error = build(Operation::PartnersLogin, &input).unwrap_err();
    for locale in [Locale::Ru, Locale::En] {
        assert!(!error.message(locale).contains("sup3r"), "{}", error.message(locale));
    }
}

#[test]
fn typescript_lists_every_error_code() {
    let declarations = include_str!("../js/types.d.ts");
    for code in ErrorCode::ALL {
        assert!(declarations.contains(&format!("'{}'", code.as_str())), "{} missing from src/js/types.d.ts", code.as_str());
    }
}
