//! Feeds one response body to the decoder of every operation, and to the JSON parser
//! alone.
//!
//! Each decoder must return a result, or an error of kind decode, api or auth that names
//! the operation. A panic, a stack overflow or an error of any other kind is a crash. The
//! check also builds the error's message in both locales, because every caller does.
//!
//! The JSON parser must accept and reject the same bodies as serde_json and read the
//! same values, with numbers compared as in `json_differential_tests.rs`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use oksoft_client::protocol::catalogue::Operation;
use oksoft_client::protocol::error::{Error, ErrorKind};
use oksoft_client::protocol::json::{self, Value};
use oksoft_client::protocol::locale::Locale;
use oksoft_client::protocol::models::{
    decode_acknowledgement, decode_fin_result, decode_list, decode_partner, decode_partner_created,
    decode_partner_login, decode_service_login, read_account, read_code_name, read_country, read_currency,
    read_group, read_language,
};

/// Decodes `body` as the response of `operation`, the way the client does, and drops
/// the typed result.
fn decode(operation: Operation, body: &[u8]) -> Result<(), Error> {
    match operation {
        Operation::UsersLogin => decode_service_login(body).map(drop),
        Operation::PartnersLogin => decode_partner_login(body).map(drop),
        Operation::PartnersPasswordResetCreate => decode_acknowledgement(operation, body).map(drop),
        Operation::PartnersGet => decode_partner(body).map(drop),
        Operation::CountriesListGet => decode_list(operation, body, read_country).map(drop),
        Operation::SexListGet | Operation::PhoneTypesListGet => decode_list(operation, body, read_code_name).map(drop),
        Operation::LanguagesListGet => decode_list(operation, body, read_language).map(drop),
        Operation::PartnersGroupsListGet => decode_list(operation, body, read_group).map(drop),
        Operation::PartnersCreate => decode_partner_created(body).map(drop),
        Operation::CurrenciesList => {
            // The JS facade calls `css_color` on every currency it returns.
            let currencies = decode_list(operation, body, read_currency)?;
            for currency in &currencies {
                drop(currency.css_color());
            }
            Ok(())
        }
        Operation::AccountsListGet => decode_list(operation, body, read_account).map(drop),
        Operation::FinInCome | Operation::FinOutCome => decode_fin_result(operation, body).map(drop),
    }
}

/// Checks that the parser and serde_json agree on `body`: both reject it, or both read
/// the same tree.
fn check_json(body: &[u8]) {
    let ours = json::parse(body);
    let theirs = serde_json::from_slice::<serde_json::Value>(body);
    match (ours, theirs) {
        (Ok(ours), Ok(theirs)) => check_same(&ours, &theirs),
        (Err(error), Err(_)) => {
            assert!(error.offset <= body.len(), "error offset {} beyond the body: {error}", error.offset);
            assert!(error.line >= 1, "lines count from 1: {error}");
            assert!(error.column >= 1, "columns count from 1: {error}");
        }
        // serde_json's default float parsing is not exact, so it decides differently for
        // some numbers within a few units in the last place of f64::MAX (1.7976931348623157e308).
        _ if near_f64_max(body) => {}
        (Ok(_), Err(error)) => panic!("accepted here, rejected by serde_json: {error}"),
        (Err(error), Ok(_)) => panic!("rejected here, accepted by serde_json: {error}"),
    }
}

fn near_f64_max(body: &[u8]) -> bool {
    let digits: Vec<u8> = body.iter().copied().filter(|byte| *byte != b'.').collect();
    digits.windows(14).any(|window| window == b"17976931348623")
}

fn check_same(ours: &Value, theirs: &serde_json::Value) {
    use serde_json::Value as Theirs;
    match (ours, theirs) {
        (Value::Null, Theirs::Null) => {}
        (Value::Bool(ours), Theirs::Bool(theirs)) => assert_eq!(ours, theirs),
        (Value::String(ours), Theirs::String(theirs)) => assert_eq!(ours, theirs),
        (Value::Number(ours), Theirs::Number(theirs)) => {
            if theirs.is_i64() || theirs.is_u64() {
                assert_eq!(ours.as_str(), theirs.to_string());
            } else {
                let ours_f64 = ours.as_f64().unwrap_or(f64::NAN);
                let theirs_f64 = theirs.as_f64().unwrap_or(f64::NAN);
                let same = ours_f64 == theirs_f64
                    || (ours_f64.is_sign_negative() == theirs_f64.is_sign_negative()
                        && ours_f64.to_bits().abs_diff(theirs_f64.to_bits()) <= 2);
                assert!(same, "{} reads as {ours_f64:e} here and {theirs_f64:e} in serde_json", ours.as_str());
            }
        }
        (Value::Array(ours), Theirs::Array(theirs)) => {
            assert_eq!(ours.len(), theirs.len(), "array length");
            for (ours, theirs) in ours.iter().zip(theirs) {
                check_same(ours, theirs);
            }
        }
        (Value::Object(ours), Theirs::Object(theirs)) => {
            assert_eq!(ours.len(), theirs.len(), "member count");
            for (key, ours) in ours.entries() {
                let Some(theirs) = theirs.get(key) else {
                    panic!("key {key:?} is missing in serde_json's object");
                };
                check_same(ours, theirs);
            }
        }
        (ours, theirs) => panic!("{ours:?} here, {theirs:?} in serde_json"),
    }
}

fuzz_target!(|body: &[u8]| {
    check_json(body);

    for operation in Operation::ALL {
        let wire_name = operation.spec().wire_name;
        let Err(error) = decode(operation, body) else {
            continue;
        };

        let expected_kind = matches!(error.kind, ErrorKind::Decode | ErrorKind::Api | ErrorKind::Auth);
        assert!(expected_kind, "{wire_name} returned an error of kind {:?}: {error:?}", error.kind);
        assert_eq!(error.method, Some(wire_name), "{wire_name} returned an error for another method: {error:?}");

        for locale in [Locale::Ru, Locale::En] {
            let message = error.message(locale);
            assert!(!message.is_empty(), "{wire_name}: empty {locale:?} message for {error:?}");
        }
    }
});
