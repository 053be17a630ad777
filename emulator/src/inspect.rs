//! The inspection API under `/_emulator/`, which is not part of OKsoft: tests read what
//! the emulator received and changed, arm faults, expire tickets and reset it to the
//! seed data.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, SecondsFormat, Utc};

use crate::faults::{self, ArmedFault};
use crate::seed::CURRENCIES;
use crate::state::{Account, App, LoggedRequest, Transaction};
use crate::value::{object, Value};

/// `GET /_emulator/requests[?since=SEQ]`: the API requests received, with secret values
/// shown as `***`, the fault applied and whether the operation ran. `since` keeps only requests with a greater sequence number, and
/// `count` is the number of requests returned. Only the latest 10 000 are kept.
pub async fn requests(State(app): State<App>, RawQuery(query): RawQuery) -> Response {
    let since = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(name, _)| name == "since")
        .map(|(_, value)| value.trim().parse::<u64>());
    let after = match since {
        None => 0,
        Some(Ok(seq)) => seq,
        Some(Err(_)) => {
            let message = "invalid `since`: expected a request sequence number such as ?since=12";
            return (StatusCode::BAD_REQUEST, message).into_response();
        }
    };

    let store = app.lock();
    let entries: Vec<Value> = store.requests.since(after).map(logged_request).collect();
    let count = i64::try_from(entries.len()).unwrap_or(i64::MAX);
    json(object! { "count": count, "requests": entries })
}

/// `GET /_emulator/ledger`: applied FinInCome and FinOutCome transactions, oldest first,
/// and the balance of every account in every currency as decimal strings ("1234.50").
pub async fn ledger(State(app): State<App>) -> Response {
    let store = app.lock();
    let transactions: Vec<Value> = store.ledger.iter().map(transaction).collect();
    let accounts: Vec<Value> = store.accounts.values().map(account_balances).collect();
    json(object! { "transactions": transactions, "accounts": accounts })
}

/// `GET /_emulator/password-resets`: PartnersPasswordResetCreate calls with a valid
/// Ticket and an e-mail, oldest first. `partnersCode` is null for an unregistered
/// address, for which the real service sends no e-mail.
pub async fn password_resets(State(app): State<App>) -> Response {
    let store = app.lock();
    let resets: Vec<Value> = store
        .password_resets
        .iter()
        .map(|reset| {
            object! {
                "email": &reset.email,
                "partnersCode": reset.partner_code,
                "time": timestamp(reset.time),
            }
        })
        .collect();
    let count = i64::try_from(resets.len()).unwrap_or(i64::MAX);
    json(object! { "count": count, "passwordResets": resets })
}

/// `POST /_emulator/reset`: restores the seed data and clears tickets, new partners,
/// balance changes, counters, armed faults and all logs. `--ticket-max-uses` stays.
pub async fn reset(State(app): State<App>) -> Response {
    app.reset();
    tracing::info!("store reset to seed data");
    json(object! { "reset": true })
}

/// `POST /_emulator/faults`: arms a fault for the next `count` API requests, optionally
/// only those of one operation, and returns it as `GET /_emulator/faults` lists it.
pub async fn arm_fault(State(app): State<App>, body: Bytes) -> Response {
    let request = match faults::parse_arm_request(&body) {
        Ok(request) => request,
        Err(message) => {
            tracing::warn!(error = %message, "POST /_emulator/faults rejected with 400");
            return (StatusCode::BAD_REQUEST, message).into_response();
        }
    };
    let mut store = app.lock();
    let armed = armed_fault(store.armed_faults.arm(request));
    json(armed)
}

/// `GET /_emulator/faults`: the armed faults, oldest first, with their remaining counts.
pub async fn list_faults(State(app): State<App>) -> Response {
    let store = app.lock();
    let armed: Vec<Value> = store.armed_faults.list().iter().map(armed_fault).collect();
    let count = i64::try_from(armed.len()).unwrap_or(i64::MAX);
    json(object! { "count": count, "faults": armed })
}

/// `DELETE /_emulator/faults`: disarms every fault and returns how many there were.
pub async fn clear_faults(State(app): State<App>) -> Response {
    let cleared = app.lock().armed_faults.clear();
    tracing::info!(cleared, "armed faults cleared");
    json(object! { "cleared": i64::try_from(cleared).unwrap_or(i64::MAX) })
}

/// `POST /_emulator/tickets/expire`: invalidates every service ticket from UsersLogin,
/// so that the next call with one gets the bad-ticket envelope. PartnersTickets are not
/// stored, so they are not affected.
pub async fn expire_tickets(State(app): State<App>) -> Response {
    let expired = app.lock().service_tickets.revoke_all();
    tracing::info!(expired, "all service tickets expired");
    json(object! { "expired": i64::try_from(expired).unwrap_or(i64::MAX) })
}

fn armed_fault(fault: &ArmedFault) -> Value {
    object! {
        "id": i64::try_from(fault.id).unwrap_or(i64::MAX),
        "spec": fault.spec.to_string(),
        "operation": fault.operation.map(|operation| operation.name()),
        "remaining": i64::from(fault.remaining),
    }
}

fn logged_request(entry: &LoggedRequest) -> Value {
    let request = &entry.request;
    let params = request
        .params
        .iter()
        .map(|(name, value)| (name.clone(), Value::from(value)))
        .collect();
    object! {
        "seq": i64::try_from(entry.seq).unwrap_or(i64::MAX),
        "method": &request.method,
        "path": &request.path,
        "operation": request.operation,
        "params": Value::Object(params),
        "status": request.status.map(i64::from),
        "fault": request.fault.clone(),
        "armedFaultId": request.armed_fault_id.map(|id| i64::try_from(id).unwrap_or(i64::MAX)),
        "applied": request.applied,
    }
}

fn transaction(entry: &Transaction) -> Value {
    object! {
        "number": entry.number,
        "operation": entry.kind.operation_name(),
        "accountsRsCode": entry.personal_account,
        "accountsKsCode": entry.cash_desk,
        "currencyCode": entry.currency_code,
        "amount": entry.amount.to_string(),
        "amountMinorUnits": entry.amount.minor_units(),
        "comment": entry.comment.clone(),
        "time": timestamp(entry.time),
    }
}

fn account_balances(account: &Account) -> Value {
    let mut currency_codes: Vec<i64> = CURRENCIES.iter().map(|currency| currency.code).collect();
    currency_codes.sort_unstable();
    let balances = currency_codes
        .into_iter()
        .map(|code| {
            (
                code.to_string(),
                Value::from(account.balance(code).to_string()),
            )
        })
        .collect();

    object! {
        "code": account.code,
        "longName": &account.long_name,
        "shortName": account.group.short_name(),
        "partnersCode": account.owner,
        "balances": Value::Object(balances),
    }
}

fn timestamp(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn json(document: Value) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        document.to_json(),
    )
        .into_response()
}
