//! The odd bodies of the fuzz corpus, each decoded as the response of every operation.
//!
//! Every file in `fuzz/corpus/decoders/` except the vendor guide's examples (`guide-*`,
//! which `models_tests.rs` checks per operation) has one row here that states, for each
//! operation, the typed result or the error kind and code it must produce. A crash input
//! found by `scripts/fuzz.sh` belongs in that folder, minimized, with a row of its own.

use super::catalogue::Operation;
use super::dates::parse_server_timestamp;
use super::error::{AmountProblem, Error, ErrorCode, ErrorKind};
use super::models::{
    decode_acknowledgement, decode_fin_result, decode_list, decode_partner, decode_partner_created,
    decode_partner_login, decode_service_login, read_account, read_code_name, read_country, read_currency,
    read_group, read_language,
};
use super::money::Money;
use super::numbers::format_number;

/// The values of a decoded result that the table compares.
#[derive(Debug, Clone, PartialEq)]
enum Decoded {
    /// UsersLogin: the service ticket.
    ServiceTicket(String),
    /// PartnersLogin: the partner's code and ticket.
    PartnerSession { partners_code: i64, partners_ticket: String },
    /// PartnersPasswordResetCreate: the `ResultNumber`.
    Acknowledged(i64),
    /// PartnersGet: the partner's code.
    Partner(i64),
    /// A directory or account list: the `Code` of each item.
    Codes(Vec<i64>),
    /// PartnersCreate: the new partner's code.
    PartnerCreated(i64),
    /// FinInCome or FinOutCome: the transaction number.
    Transaction(Option<i64>),
}

/// What decoding one body as one operation's response must give.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Decoded(Decoded),
    Failed(ErrorKind, ErrorCode),
}

const INVALID_JSON: Outcome = Outcome::Failed(ErrorKind::Decode, ErrorCode::InvalidJson);
const UNEXPECTED: Outcome = Outcome::Failed(ErrorKind::Decode, ErrorCode::UnexpectedResponse);
const HTML: Outcome = Outcome::Failed(ErrorKind::Decode, ErrorCode::HtmlResponse);
const XML: Outcome = Outcome::Failed(ErrorKind::Decode, ErrorCode::XmlResponse);
const PARTNER_NOT_FOUND: Outcome = Outcome::Failed(ErrorKind::Api, ErrorCode::PartnerNotFound);

/// The seven operations that return a JSON array of objects with a `Code`.
fn returns_list(operation: Operation) -> bool {
    matches!(
        operation,
        Operation::CountriesListGet
            | Operation::SexListGet
            | Operation::PhoneTypesListGet
            | Operation::LanguagesListGet
            | Operation::PartnersGroupsListGet
            | Operation::CurrenciesList
            | Operation::AccountsListGet
    )
}

/// Expects a list with these codes from the list operations, and `UnexpectedResponse`
/// from the others, because an array is neither an envelope nor a partner object.
fn expect_list(operation: Operation, codes: &[i64]) -> Outcome {
    if returns_list(operation) {
        Outcome::Decoded(Decoded::Codes(codes.to_vec()))
    } else {
        UNEXPECTED
    }
}

/// Expects `PartnerNotFound` from PartnersGet for an empty body, and `EmptyResponse` from the others.
fn expect_for_empty_body(operation: Operation) -> Outcome {
    match operation {
        Operation::PartnersGet => PARTNER_NOT_FOUND,
        _ => Outcome::Failed(ErrorKind::Decode, ErrorCode::EmptyResponse),
    }
}

/// Expects `PartnerNotFound` from PartnersGet for a JSON `null`, bare or wrapped, and
/// `UnexpectedResponse` from the others.
fn expect_for_null(operation: Operation) -> Outcome {
    match operation {
        Operation::PartnersGet => PARTNER_NOT_FOUND,
        _ => UNEXPECTED,
    }
}

/// Reduces a decoded list to the codes of its items.
fn codes<T>(list: Result<Vec<T>, Error>, code: fn(&T) -> i64) -> Result<Decoded, Error> {
    list.map(|items| Decoded::Codes(items.iter().map(code).collect()))
}

/// Decodes `body` as the response of `operation` and keeps the values `Decoded` compares.
fn decode(operation: Operation, body: &[u8]) -> Result<Decoded, Error> {
    match operation {
        Operation::UsersLogin => decode_service_login(body).map(|login| Decoded::ServiceTicket(login.ticket)),
        Operation::PartnersLogin => decode_partner_login(body).map(|login| Decoded::PartnerSession {
            partners_code: login.partners_code,
            partners_ticket: login.partners_ticket,
        }),
        Operation::PartnersPasswordResetCreate => {
            decode_acknowledgement(operation, body).map(|result| Decoded::Acknowledged(result.result_number))
        }
        Operation::PartnersGet => decode_partner(body).map(|partner| Decoded::Partner(partner.code)),
        Operation::CountriesListGet => codes(decode_list(operation, body, read_country), |item| item.code),
        Operation::SexListGet | Operation::PhoneTypesListGet => {
            codes(decode_list(operation, body, read_code_name), |item| item.code)
        }
        Operation::LanguagesListGet => codes(decode_list(operation, body, read_language), |item| item.code),
        Operation::PartnersGroupsListGet => codes(decode_list(operation, body, read_group), |item| item.code),
        Operation::PartnersCreate => {
            decode_partner_created(body).map(|created| Decoded::PartnerCreated(created.partners_code))
        }
        Operation::CurrenciesList => codes(decode_list(operation, body, read_currency), |item| item.code),
        Operation::AccountsListGet => codes(decode_list(operation, body, read_account), |item| item.code),
        Operation::FinInCome | Operation::FinOutCome => {
            decode_fin_result(operation, body).map(|result| Decoded::Transaction(result.transaction_number))
        }
    }
}

/// One file of the corpus and the outcome it must have for each operation.
struct OddBody {
    file: &'static str,
    body: &'static [u8],
    expected: fn(Operation) -> Outcome,
}

/// A row for the corpus file `$file`, embedded at compile time.
macro_rules! odd_body {
    ($file:literal, $expected:expr) => {
        OddBody {
            file: $file,
            body: include_bytes!(concat!("../../fuzz/corpus/decoders/", $file)),
            expected: $expected,
        }
    };
}

const ODD_BODIES: &[OddBody] = &[
    // Nothing to read.
    odd_body!("empty", expect_for_empty_body),
    odd_body!("whitespace-only", expect_for_empty_body),
    odd_body!("bom-only", expect_for_empty_body),
    // A byte-order mark before a real body is skipped, but only one.
    odd_body!("bom-partners-login.json", |operation| match operation {
        Operation::PartnersLogin => Outcome::Decoded(Decoded::PartnerSession {
            partners_code: 24,
            partners_ticket: "bb0c7c50-5f5a-47d4-b6c2-91b4ed8d211f".to_string(),
        }),
        // Any successful envelope acknowledges, and its ResultCodeValue reads as a new code.
        Operation::PartnersPasswordResetCreate => Outcome::Decoded(Decoded::Acknowledged(1)),
        Operation::PartnersCreate => Outcome::Decoded(Decoded::PartnerCreated(24)),
        Operation::FinInCome | Operation::FinOutCome => Outcome::Decoded(Decoded::Transaction(None)),
        _ => UNEXPECTED,
    }),
    odd_body!("bom-then-whitespace-countries.json", |operation| expect_list(operation, &[13, 17, 20])),
    odd_body!("bom-twice.json", |_| INVALID_JSON),
    // Cut short: in a value, inside a UTF-8 character, inside an escape.
    odd_body!("truncated-partners-get.json", |_| INVALID_JSON),
    odd_body!("truncated-in-character.json", |_| INVALID_JSON),
    odd_body!("truncated-escape.json", |_| INVALID_JSON),
    // Pages and documents that a proxy or a misconfigured server sends with status 200.
    odd_body!("html-status-200.html", |_| HTML),
    odd_body!("html-without-doctype.html", |_| HTML),
    odd_body!("html-uppercase.html", |_| HTML),
    odd_body!("xml-users-login.xml", |_| XML),
    odd_body!("xml-soap-fault.xml", |_| XML),
    odd_body!("lone-angle-bracket", |_| XML),
    // WCF wrappers: `d` for every operation, `<Method>Result` only for its own method,
    // and only one level.
    odd_body!("wrapped-d-countries.json", |operation| expect_list(operation, &[13, 17, 20])),
    odd_body!("wrapped-d-null.json", expect_for_null),
    odd_body!("wrapped-result-partners-get.json", |operation| match operation {
        Operation::PartnersGet => Outcome::Decoded(Decoded::Partner(24)),
        _ => UNEXPECTED,
    }),
    odd_body!("wrapped-result-users-login.json", |operation| match operation {
        Operation::UsersLogin => {
            Outcome::Decoded(Decoded::ServiceTicket("5CEE2279-3293-4A1E-957D-51026F262178".to_string()))
        }
        _ => UNEXPECTED,
    }),
    odd_body!("wrapped-twice.json", |_| UNEXPECTED),
    // A repeated key keeps its last value, for wrappers and for fields alike.
    odd_body!("duplicate-keys.json", |operation| expect_list(operation, &[17, 20])),
    odd_body!("wrapped-other-name.json", |operation| match operation {
        Operation::SexListGet => Outcome::Decoded(Decoded::Codes(vec![13, 17, 20])),
        _ => UNEXPECTED,
    }),
    // Valid JSON of the wrong shape.
    odd_body!("json-null", expect_for_null),
    odd_body!("json-scalars.json", |_| UNEXPECTED),
    odd_body!("empty-array.json", |operation| expect_list(operation, &[])),
    odd_body!("empty-object.json", |_| UNEXPECTED),
    // Numbers beyond what a JSON parser, an i64 or a double holds.
    odd_body!("number-out-of-range.json", |_| INVALID_JSON),
    odd_body!("result-number-beyond-i64.json", |_| UNEXPECTED),
    odd_body!("result-number-beyond-f64-precision.json", |operation| match operation {
        Operation::UsersLogin => Outcome::Decoded(Decoded::ServiceTicket("T".to_string())),
        Operation::PartnersPasswordResetCreate => Outcome::Decoded(Decoded::Acknowledged(9_007_199_254_740_993)),
        // ResultCodeValue 1e20 is no exact integer, so no partner code comes back.
        Operation::PartnersCreate => UNEXPECTED,
        Operation::FinInCome | Operation::FinOutCome => Outcome::Decoded(Decoded::Transaction(Some(i64::MAX))),
        _ => UNEXPECTED,
    }),
    odd_body!("codes-at-i64-limits.json", |operation| expect_list(operation, &[i64::MAX, i64::MIN])),
    odd_body!("code-beyond-i64.json", |_| UNEXPECTED),
    odd_body!("digits-beyond-f64.json", |_| INVALID_JSON),
    // Nesting beyond the 127 levels the JSON parser accepts, and within them in a field no
    // decoder reads.
    odd_body!("deep-nesting-arrays.json", |_| INVALID_JSON),
    odd_body!("deep-nesting-objects.json", |_| INVALID_JSON),
    odd_body!("deep-value-in-list-item.json", |operation| expect_list(operation, &[1])),
    // Bytes that are not JSON text.
    odd_body!("invalid-utf8-partners-get.json", |_| INVALID_JSON),
    odd_body!("invalid-utf8-bare", |_| INVALID_JSON),
    odd_body!("utf16le-users-login.json", |_| INVALID_JSON),
    odd_body!("lone-surrogate-escape.json", |_| INVALID_JSON),
    odd_body!("nul-byte.json", |_| INVALID_JSON),
    odd_body!("trailing-garbage.json", |_| INVALID_JSON),
    odd_body!("two-documents.json", |_| INVALID_JSON),
    odd_body!("annotated-partners-get.txt", |_| INVALID_JSON),
    // Envelopes with values in unusual forms.
    odd_body!("escapes-in-strings.json", |operation| match operation {
        Operation::UsersLogin => Outcome::Decoded(Decoded::ServiceTicket("5CEE/2279\t".to_string())),
        Operation::PartnersPasswordResetCreate => Outcome::Decoded(Decoded::Acknowledged(1)),
        Operation::FinInCome | Operation::FinOutCome => Outcome::Decoded(Decoded::Transaction(None)),
        _ => UNEXPECTED,
    }),
    odd_body!("numbers-as-strings.json", |operation| match operation {
        Operation::PartnersPasswordResetCreate => Outcome::Decoded(Decoded::Acknowledged(1)),
        Operation::PartnersCreate => Outcome::Decoded(Decoded::PartnerCreated(17)),
        // The number after № overflows an i64, so there is none.
        Operation::FinInCome | Operation::FinOutCome => Outcome::Decoded(Decoded::Transaction(None)),
        _ => UNEXPECTED,
    }),
    odd_body!("optional-values-odd.json", |operation| match operation {
        Operation::PartnersLogin => {
            Outcome::Decoded(Decoded::PartnerSession { partners_code: 24, partners_ticket: "7".to_string() })
        }
        Operation::PartnersPasswordResetCreate => Outcome::Decoded(Decoded::Acknowledged(1)),
        Operation::PartnersCreate => Outcome::Decoded(Decoded::PartnerCreated(24)),
        Operation::FinInCome | Operation::FinOutCome => Outcome::Decoded(Decoded::Transaction(None)),
        _ => UNEXPECTED,
    }),
    odd_body!("ticket-rejected.json", |operation| match operation {
        Operation::UsersLogin => Outcome::Failed(ErrorKind::Auth, ErrorCode::ServiceLoginFailed),
        _ => Outcome::Failed(ErrorKind::Auth, ErrorCode::TicketRejected),
    }),
    odd_body!("failure-minimum-result-number.json", |operation| match operation {
        Operation::UsersLogin => Outcome::Failed(ErrorKind::Auth, ErrorCode::ServiceLoginFailed),
        Operation::PartnersLogin => Outcome::Failed(ErrorKind::Auth, ErrorCode::PartnerLoginFailed),
        Operation::PartnersCreate => Outcome::Failed(ErrorKind::Api, ErrorCode::RegistrationRejected),
        _ => Outcome::Failed(ErrorKind::Api, ErrorCode::ApiError),
    }),
    odd_body!("partner-odd-fields.json", |operation| match operation {
        Operation::PartnersGet => Outcome::Decoded(Decoded::Partner(24)),
        _ => UNEXPECTED,
    }),
];

#[test]
fn odd_bodies_for_every_operation() {
    for odd in ODD_BODIES {
        for operation in Operation::ALL {
            let wire_name = operation.spec().wire_name;
            let actual = match decode(operation, odd.body) {
                Ok(decoded) => Outcome::Decoded(decoded),
                Err(error) => {
                    assert_eq!(error.method, Some(wire_name), "{} as {wire_name}: {error:?}", odd.file);
                    Outcome::Failed(error.kind, error.code)
                }
            };
            assert_eq!(actual, (odd.expected)(operation), "{} as {wire_name}", odd.file);
        }
    }
}

/// Returns the decoders fuzz corpus of this checkout. It reads the folder from the
/// environment that `cargo test` sets, because `env!` keeps the folder of whichever
/// checkout first compiled the test binary, which is stale when checkouts share a target.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn decoder_corpus_folder() -> std::path::PathBuf {
    let crate_folder = std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into());
    std::path::Path::new(&crate_folder).join("fuzz/corpus/decoders")
}

/// Fails when a corpus file has no row, so the fuzz seeds and these tests stay one list.
/// A row without its file already fails to compile.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn every_odd_corpus_file_has_a_row() {
    let folder = decoder_corpus_folder();
    let rows: Vec<&str> = ODD_BODIES.iter().map(|odd| odd.file).collect();
    let mut files_without_row = Vec::new();
    for entry in std::fs::read_dir(&folder).unwrap() {
        let file = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !file.starts_with("guide-") && !rows.contains(&file.as_str()) {
            files_without_row.push(file);
        }
    }
    files_without_row.sort();
    files_without_row.truncate(10);
    // `cargo fuzz run` without corpus folders adds its new inputs to this folder, which
    // scripts/fuzz.sh avoids by passing a cache folder first.
    assert!(
        files_without_row.is_empty(),
        "files in {} without a row in ODD_BODIES (first 10): {files_without_row:?}",
        folder.display()
    );

    let mut unique_rows = rows.clone();
    unique_rows.sort_unstable();
    unique_rows.dedup();
    assert_eq!(unique_rows.len(), rows.len(), "a file has two rows in ODD_BODIES");
}

#[test]
fn amounts_at_exponent_limits() {
    let cases = [
        ("1e2147483647".to_string(), Err(AmountProblem::TooLarge)),
        ("1e-2147483648".to_string(), Err(AmountProblem::TooPrecise)),
        ("1e2147483648".to_string(), Err(AmountProblem::NotANumber)),
        ("+-1".to_string(), Err(AmountProblem::NotANumber)),
        ("0".repeat(400), Ok(Money(0))),
        (format!("{}1{}", "0".repeat(200), "0".repeat(200)), Err(AmountProblem::TooLarge)),
        (format!("{}1.5", "0".repeat(200)), Ok(Money(150))),
    ];
    for (text, expected) in cases {
        assert_eq!(Money::parse_decimal(&text), expected, "{text}");
    }
}

#[test]
fn server_timestamps_at_limits() {
    let cases = [
        ("/Date(9223372036854775807-0000)/".to_string(), Some(i64::MAX as f64)),
        ("/Date(9223372036854775808)/".to_string(), None),
        // 23:59:60 is a leap second, the same instant as the next midnight.
        ("2010-12-31T23:59:60Z".to_string(), Some(1_293_840_000_000.0)),
        // A fraction is kept to the millisecond, so .999… rounds up to the next second.
        (format!("2010-01-02T10:12:13.{}", "9".repeat(300)), Some(1_262_427_134_000.0)),
        ("2010-01-02T10:12:13+3:0".to_string(), None),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_server_timestamp(&text), expected, "{text}");
    }
}

/// Checks a minimized crash input of the text_parsers fuzz target. `log10` rounds
/// 9.99999999999992e110 up to 111, so `format_number` scales by one power of ten too few
/// and writes a value ten times too large. Magnitudes from about 1e32 up, and from about
/// 1e-32 down, are affected.
#[test]
fn format_number_below_power_of_ten() {
    assert_eq!(format_number(9.99999999999992e110), "9.99999999999992e+110");
    assert_eq!(format_number(-9.99999999999992e110), "-9.99999999999992e+110");
}
