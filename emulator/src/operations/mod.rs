//! The OKsoft operations: which exist, which HTTP verbs and credentials each takes, and
//! dispatch to the files that implement them.
//!
//! - `auth.rs`: UsersLogin, PartnersLogin, PartnersPasswordResetCreate
//! - `partners.rs`: PartnersGet
//! - `directories.rs`: the six directory lists
//! - `accounts.rs`: AccountsListGet
//! - `finance.rs`: FinInCome, FinOutCome
//! - `create.rs`: PartnersCreate

mod accounts;
mod auth;
mod create;
mod directories;
mod finance;
mod partners;

use axum::http::Method;
use chrono::{DateTime, Utc};

use crate::params::Params;
use crate::seed;
use crate::state::{Store, TransferKind};
use crate::value::object;
use crate::value::Value;

/// The `ResultText` for a missing, unknown or expired Ticket. Clients recognise it by the
/// word "Ticket", so the text must keep it.
const TICKET_REJECTED: &str = "Неверный или устаревший Ticket";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    UsersLogin,
    PartnersLogin,
    PartnersPasswordResetCreate,
    PartnersGet,
    CountriesListGet,
    SexListGet,
    PhoneTypesListGet,
    LanguagesListGet,
    PartnersGroupsListGet,
    PartnersCreate,
    CurrenciesList,
    AccountsListGet,
    FinInCome,
    FinOutCome,
}

impl Operation {
    const ALL: [Operation; 14] = [
        Operation::UsersLogin,
        Operation::PartnersLogin,
        Operation::PartnersPasswordResetCreate,
        Operation::PartnersGet,
        Operation::CountriesListGet,
        Operation::SexListGet,
        Operation::PhoneTypesListGet,
        Operation::LanguagesListGet,
        Operation::PartnersGroupsListGet,
        Operation::PartnersCreate,
        Operation::CurrenciesList,
        Operation::AccountsListGet,
        Operation::FinInCome,
        Operation::FinOutCome,
    ];

    /// Looks up the method name of a request path, matched exactly. `UserLogin` is
    /// accepted as a second spelling of `UsersLogin`, because the vendor guide uses both.
    pub fn from_method_name(method_name: &str) -> Option<Operation> {
        if method_name == "UserLogin" {
            return Some(Operation::UsersLogin);
        }
        Operation::ALL
            .into_iter()
            .find(|operation| operation.name() == method_name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Operation::UsersLogin => "UsersLogin",
            Operation::PartnersLogin => "PartnersLogin",
            Operation::PartnersPasswordResetCreate => "PartnersPasswordResetCreate",
            Operation::PartnersGet => "PartnersGet",
            Operation::CountriesListGet => "CountriesListGet",
            Operation::SexListGet => "SexListGet",
            Operation::PhoneTypesListGet => "PhoneTypesListGet",
            Operation::LanguagesListGet => "LanguagesListGet",
            Operation::PartnersGroupsListGet => "PartnersGroupsListGet",
            Operation::PartnersCreate => "PartnersCreate",
            Operation::CurrenciesList => "CurrenciesList",
            Operation::AccountsListGet => "AccountsListGet",
            Operation::FinInCome => "FinInCome",
            Operation::FinOutCome => "FinOutCome",
        }
    }

    /// Returns the HTTP methods the vendor guide allows: UsersLogin takes GET or a POST form,
    /// PartnersCreate only a POST form, every other operation only GET.
    pub fn allowed_methods(self) -> &'static [Method] {
        match self {
            Operation::UsersLogin => &[Method::GET, Method::POST],
            Operation::PartnersCreate => &[Method::POST],
            _ => &[Method::GET],
        }
    }

    /// Checks whether the operation needs a Ticket from UsersLogin. Only UsersLogin itself does not.
    pub fn requires_ticket(self) -> bool {
        self != Operation::UsersLogin
    }
}

/// The result of an operation before it is rendered as JSON or XML.
pub enum Reply {
    Document(Value),
    /// An empty body, which PartnersGet returns for an unknown external Id.
    Empty,
}

/// The reply to an operation call, and whether the operation ran.
pub struct Performed {
    pub reply: Reply,
    /// False when the call's Ticket was rejected before the operation ran.
    pub ran: bool,
}

/// Runs `operation` against the store. `now` stamps new partners, transactions and
/// password reset records.
pub fn perform(
    operation: Operation,
    store: &mut Store,
    params: &Params,
    now: DateTime<Utc>,
) -> Performed {
    if operation.requires_ticket() && !store.service_tickets.use_ticket(params.text("Ticket")) {
        return Performed {
            reply: ticket_rejected(),
            ran: false,
        };
    }
    Performed {
        reply: run_operation(operation, store, params, now),
        ran: true,
    }
}

fn run_operation(
    operation: Operation,
    store: &mut Store,
    params: &Params,
    now: DateTime<Utc>,
) -> Reply {
    let document = match operation {
        Operation::UsersLogin => auth::users_login(store, params),
        Operation::PartnersLogin => auth::partners_login(store, params),
        Operation::PartnersPasswordResetCreate => auth::password_reset_create(store, params, now),
        Operation::PartnersGet => return partners::partners_get(store, params),
        Operation::CountriesListGet => directories::countries(),
        Operation::SexListGet => directories::sexes(),
        Operation::PhoneTypesListGet => directories::phone_types(),
        Operation::LanguagesListGet => directories::languages(),
        Operation::PartnersGroupsListGet => directories::partner_groups(),
        Operation::PartnersCreate => create::partners_create(store, params, now),
        Operation::CurrenciesList => directories::currencies(),
        Operation::AccountsListGet => accounts::accounts_list_get(store, params),
        Operation::FinInCome => finance::transfer(TransferKind::Income, store, params, now),
        Operation::FinOutCome => finance::transfer(TransferKind::Outcome, store, params, now),
    };
    Reply::Document(document)
}

/// Returns the reply to a missing, unknown or expired Ticket, the same for every operation.
pub fn ticket_rejected() -> Reply {
    Reply::Document(envelope(-1, TICKET_REJECTED))
}

/// Builds the common envelope with an empty `OptionalValues` list.
fn envelope(result_number: i64, result_text: &str) -> Value {
    object! {
        "ResultNumber": result_number,
        "ResultText": result_text,
        "ResultCodeValue": Value::Null,
        "OptionalValues": Vec::new(),
    }
}

/// Builds the envelope in the key order of the PartnersGet and PartnersCreate examples.
fn code_envelope(result_code_value: Option<i64>, result_number: i64, result_text: &str) -> Value {
    object! {
        "ResultCodeValue": result_code_value,
        "ResultNumber": result_number,
        "ResultText": result_text,
    }
}

/// Parses a whole-number code parameter such as `PartnersCode`.
#[derive(Debug, PartialEq, Eq)]
enum CodeParam {
    Missing,
    NotInteger(String),
    Present(i64),
}

fn code_param(params: &Params, name: &str) -> CodeParam {
    match params.text(name) {
        None => CodeParam::Missing,
        Some(text) => match text.parse::<i64>() {
            Ok(code) => CodeParam::Present(code),
            Err(_) => CodeParam::NotInteger(text.to_string()),
        },
    }
}

fn not_integer_message(name: &str, text: &str) -> String {
    format!("Некорректный {name} \"{text}\": ожидается целое число")
}

/// Reads the required `CurrencyCode` and checks it against the currency directory.
/// The error is the Russian `ResultText` to return.
fn currency_code(params: &Params) -> Result<i64, String> {
    match code_param(params, "CurrencyCode") {
        CodeParam::Missing => Err("Не указан параметр CurrencyCode".to_string()),
        CodeParam::NotInteger(text) => Err(not_integer_message("CurrencyCode", &text)),
        CodeParam::Present(code) if seed::currency_exists(code) => Ok(code),
        CodeParam::Present(code) => Err(format!("Валюта с кодом {code} не найдена")),
    }
}
