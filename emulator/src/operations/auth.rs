//! UsersLogin, PartnersLogin and PartnersPasswordResetCreate.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::params::Params;
use crate::state::{same_ignoring_case, PasswordReset, Store};
use crate::value::object;
use crate::value::Value;

/// Issues a new service ticket for a valid integration login. Each login issues a new
/// ticket and earlier ones stay valid until they expire (see `tickets.rs`). Logins compare ignoring case and the password MD5
/// in either hex case.
pub fn users_login(store: &mut Store, params: &Params) -> Value {
    let login = params.text("Login").unwrap_or_default();
    let password_md5 = params.text("Password").unwrap_or_default();
    let known = store.integration_users.iter().any(|user| {
        same_ignoring_case(&user.login, login)
            && user.password_md5.eq_ignore_ascii_case(password_md5)
    });

    if !known {
        return object! {
            "ResultNumber": -1_i64,
            "ResultText": "Неправильный логин или пароль",
            "Ticket": Value::Null,
        };
    }

    let ticket = store.service_tickets.issue();
    object! {
        "ResultNumber": 1_i64,
        "ResultText": "OK",
        "Ticket": ticket,
    }
}

/// Signs a partner in by login, login alias or external Id. A new lower-case GUID is
/// returned as PartnersTicket; no emulated operation takes it back, so it is not stored.
pub fn partners_login(store: &Store, params: &Params) -> Value {
    let login = params.text("Login").unwrap_or_default();
    let password_md5 = params.text("Password").unwrap_or_default();
    let partner = store.partner_by_sign_in_name(login).filter(|partner| {
        partner
            .password_md5
            .as_deref()
            .is_some_and(|stored| stored.eq_ignore_ascii_case(password_md5))
    });

    match partner {
        Some(partner) => partners_login_envelope(
            Some(partner.fio()),
            Some(Uuid::new_v4().hyphenated().to_string()),
            Some(partner.code),
            1,
            "Ok",
        ),
        None => {
            partners_login_envelope(None, None, None, -1, "Покупатель не найден/Неверный пароль")
        }
    }
}

fn partners_login_envelope(
    fio: Option<String>,
    partners_ticket: Option<String>,
    partner_code: Option<i64>,
    result_number: i64,
    result_text: &str,
) -> Value {
    object! {
        "OptionalValues": vec![
            object! { "Key": "Fio", "Value": fio },
            object! { "Key": "PartnersTicket", "Value": partners_ticket },
        ],
        "ResultCodeValue": partner_code,
        "ResultNumber": result_number,
        "ResultText": result_text,
    }
}

/// Records the reset request in place of the e-mail with a reset link that the real
/// service sends when the address (compared ignoring case) is registered.
pub fn password_reset_create(store: &mut Store, params: &Params, now: DateTime<Utc>) -> Value {
    let Some(email) = params.text("Email") else {
        return reset_envelope(-1, "Не указан параметр Email");
    };
    let partner_code = store.partner_by_email(email).map(|partner| partner.code);
    store.password_resets.push(PasswordReset {
        email: email.to_string(),
        partner_code,
        time: now,
    });

    match partner_code {
        Some(_) => reset_envelope(1, "Успешный запрос восстановления пароля"),
        None => reset_envelope(-1, "Пользователь с данным E-mail не зарегистрирован"),
    }
}

fn reset_envelope(result_number: i64, result_text: &str) -> Value {
    object! {
        "OptionalValues": Vec::new(),
        "ResultCodeValue": Value::Null,
        "ResultNumber": result_number,
        "ResultText": result_text,
    }
}
