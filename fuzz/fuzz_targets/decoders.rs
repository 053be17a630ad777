//! Feeds one response body to the decoder of every operation.
//!
//! Each decoder must return a result, or an error of kind decode, api or auth that names
//! the operation. A panic, a stack overflow or an error of any other kind is a crash. The
//! check also builds the error's message in both locales, because every caller does.

#![no_main]

use libfuzzer_sys::fuzz_target;
use oksoft_client::protocol::catalogue::Operation;
use oksoft_client::protocol::error::{Error, ErrorKind};
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

fuzz_target!(|body: &[u8]| {
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
