//! PartnersCreate: registration of a new partner with a personal account.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::code_envelope;
use crate::params::Params;
use crate::state::{same_ignoring_case, Account, AccountGroup, Partner, Store};
use crate::validation::{problems_text, validate_registration, Address, Registration};
use crate::value::Value;

/// Registers a partner after the field checks and the uniqueness checks pass.
///
/// The new partner gets the next code from 1059 on, a `PLA` account "ЛСК" with zero
/// balances, no groups, and `SponsorCode` set when `SponsorID` is some partner's
/// external Id (otherwise null). Without `ID` the external Id stays null. The partner
/// can sign in by `Login` or `ID` with `Password`.
pub fn partners_create(store: &mut Store, params: &Params, now: DateTime<Utc>) -> Value {
    let registration = match validate_registration(params, now.date_naive()) {
        Ok(registration) => registration,
        Err(problems) => return code_envelope(None, -1, &problems_text(&problems)),
    };
    if let Some(message) = duplicate_message(store, &registration) {
        return code_envelope(None, -1, message);
    }

    let code = store.next_partner_code;
    store.next_partner_code += 1;
    let account_code = store.next_account_code;
    store.next_account_code += 1;

    let sponsor_code = registration
        .sponsor_id
        .as_deref()
        .and_then(|sponsor_id| store.partner_by_id(sponsor_id))
        .map(|sponsor| sponsor.code);
    let partner = new_partner(code, registration, sponsor_code, now);
    store.partners.insert(code, partner);
    store.accounts.insert(
        account_code,
        Account {
            code: account_code,
            long_name: "ЛСК".to_string(),
            group: AccountGroup::Personal,
            owner: Some(code),
            balances: BTreeMap::new(),
        },
    );

    code_envelope(Some(code), 1, "Новый партнер успешно создан")
}

/// Returns why the registration clashes with an existing partner, if it does. Logins
/// and external Ids share one namespace because PartnersLogin accepts either.
fn duplicate_message(store: &Store, registration: &Registration) -> Option<&'static str> {
    if store.partner_by_email(&registration.email).is_some() {
        return Some("Контрагент с таким E-mail уже зарегистрирован");
    }
    if let Some(login) = &registration.login {
        if store.partner_by_sign_in_name(login).is_some() {
            return Some("Контрагент с таким логином уже зарегистрирован");
        }
    }
    if let Some(id) = &registration.id {
        if store.partner_by_sign_in_name(id).is_some() {
            return Some("Контрагент с таким Id уже зарегистрирован");
        }
    }
    if let Some(web_alias) = &registration.web_alias {
        let alias_taken = store.partners.values().any(|partner| {
            partner
                .web_alias
                .as_deref()
                .is_some_and(|existing| same_ignoring_case(existing, web_alias))
        });
        if alias_taken {
            return Some("Контрагент с таким WebAlias уже зарегистрирован");
        }
    }
    None
}

fn new_partner(
    code: i64,
    registration: Registration,
    sponsor_code: Option<i64>,
    now: DateTime<Utc>,
) -> Partner {
    let real_address = real_address(&registration.address);
    let Address {
        country_code,
        region,
        rayon,
        city,
        ..
    } = registration.address;

    Partner {
        code,
        id: registration.id,
        login: registration.login,
        login_aliases: Vec::new(),
        password_md5: registration.password_md5,
        name: registration.name,
        first_name: registration.first_name,
        patronymic: registration.patronymic,
        email: registration.email,
        city,
        contact_information: registration.contact_information,
        country_code,
        create_date: Some(now.timestamp_millis()),
        info: registration.info,
        groups: Vec::new(),
        phone: registration.phone,
        phone2: registration.phone2,
        rayon,
        real_address,
        region,
        sex_code: registration.sex_code,
        sponsor_code,
        web_alias: registration.web_alias,
    }
}

/// Joins the physical address parts into one line, such as "347900, Ростовская область,
/// Таганрог, Петровская, д. 1, кв. 2", or returns `None` when no part was given. The
/// street is written as given because callers may already include "ул.".
///
/// NOTE: the vendor guide shows `RealAddress` only as null, so this layout is a guess.
fn real_address(address: &Address) -> Option<String> {
    let parts: Vec<String> = [
        (address.ind.as_deref(), ""),
        (address.region.as_deref(), ""),
        (address.rayon.as_deref(), ""),
        (address.city.as_deref(), ""),
        (address.street.as_deref(), ""),
        (address.house.as_deref(), "д. "),
        (address.korp.as_deref(), "корп. "),
        (address.stroenie.as_deref(), "стр. "),
        (address.flat.as_deref(), "кв. "),
    ]
    .into_iter()
    .filter_map(|(part, prefix)| part.map(|part| format!("{prefix}{part}")))
    .collect();

    if parts.is_empty() {
        None
    } else {
        Some(parts.join(", "))
    }
}
