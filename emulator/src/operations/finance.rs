//! FinInCome and FinOutCome: money received into or paid out of a personal account
//! through a cash desk, checked only or applied.

use chrono::{DateTime, Utc};

use super::{code_param, currency_code, not_integer_message, CodeParam};
use crate::money::{AmountError, Money};
use crate::params::Params;
use crate::state::{AccountGroup, Store, Transaction, TransferKind};
use crate::value::object;
use crate::value::Value;

/// The `ValidationTransaction` modes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// `validation`: run every check but change nothing.
    Validation,
    /// `transaction`: apply the transfer and record it in the ledger.
    Transaction,
}

/// A transfer whose parameters have all been checked against the store.
struct TransferRequest {
    mode: Mode,
    personal_account: i64,
    cash_desk: i64,
    currency: i64,
    amount: Money,
    comment: Option<String>,
}

/// Runs FinInCome (`Income`) or FinOutCome (`Outcome`). Both change the personal account
/// `AccountsRsCode` and the cash desk `AccountsKsCode` by `Amount` in the same direction.
/// FinOutCome fails when the personal account balance is below `Amount`. Cash desks may
/// go below zero.
pub fn transfer(
    kind: TransferKind,
    store: &mut Store,
    params: &Params,
    now: DateTime<Utc>,
) -> Value {
    let request = match read_request(store, params) {
        Ok(request) => request,
        Err(message) => return fin_envelope(-1, &message),
    };

    let balances = new_balances(kind, store, &request);
    let (personal_balance, cash_desk_balance) = match balances {
        Ok(balances) => balances,
        Err(message) => return fin_envelope(-1, message),
    };

    if request.mode == Mode::Validation {
        return fin_envelope(1, "Проверка пройдена");
    }

    set_balance(
        store,
        request.personal_account,
        request.currency,
        personal_balance,
    );
    set_balance(
        store,
        request.cash_desk,
        request.currency,
        cash_desk_balance,
    );

    let number = store.next_transaction_number;
    store.next_transaction_number += 1;
    store.ledger.push(Transaction {
        number,
        kind,
        personal_account: request.personal_account,
        cash_desk: request.cash_desk,
        currency_code: request.currency,
        amount: request.amount,
        comment: request.comment,
        time: now,
    });
    fin_envelope(1, &format!("Транзакция № {number}"))
}

/// Reads and checks the parameters in the order the vendor guide lists them.
fn read_request(store: &Store, params: &Params) -> Result<TransferRequest, String> {
    let mode = match params.text("ValidationTransaction") {
        None => {
            return Err(
                "Не указан параметр ValidationTransaction: допустимы validation или transaction"
                    .to_string(),
            );
        }
        Some(text) if text.eq_ignore_ascii_case("validation") => Mode::Validation,
        Some(text) if text.eq_ignore_ascii_case("transaction") => Mode::Transaction,
        Some(text) => {
            return Err(format!(
                "Неизвестный режим ValidationTransaction \"{text}\": допустимы validation или transaction"
            ));
        }
    };
    let personal_account = account_code(store, params, AccountGroup::Personal)?;
    let cash_desk = account_code(store, params, AccountGroup::CashDesk)?;
    let currency = currency_code(params)?;
    let amount = match params.get("Amount") {
        None => Err(AmountError::Missing),
        Some(text) => Money::parse_amount(text),
    }
    .map_err(|error| error.message().to_string())?;

    Ok(TransferRequest {
        mode,
        personal_account,
        cash_desk,
        currency,
        amount,
        comment: params.text("Comment").map(str::to_string),
    })
}

/// Reads `AccountsRsCode` (a personal account) or `AccountsKsCode` (a cash desk) and
/// checks that the account exists in that group.
fn account_code(store: &Store, params: &Params, group: AccountGroup) -> Result<i64, String> {
    let name = match group {
        AccountGroup::Personal => "AccountsRsCode",
        AccountGroup::CashDesk => "AccountsKsCode",
    };
    let code = match code_param(params, name) {
        CodeParam::Missing => return Err(format!("Не указан параметр {name}")),
        CodeParam::NotInteger(text) => return Err(not_integer_message(name, &text)),
        CodeParam::Present(code) => code,
    };

    let in_group = store
        .accounts
        .get(&code)
        .is_some_and(|account| account.group == group);
    if in_group {
        return Ok(code);
    }
    Err(match group {
        AccountGroup::Personal => {
            format!("Счет учета AccountsRsCode {code} не найден среди личных счетов (PLA)")
        }
        AccountGroup::CashDesk => {
            format!("Счет кассы AccountsKsCode {code} не найден среди касс (KASSA)")
        }
    })
}

/// Computes the personal account and cash desk balances after the transfer, or returns
/// the `ResultText` that rejects it.
fn new_balances(
    kind: TransferKind,
    store: &Store,
    request: &TransferRequest,
) -> Result<(Money, Money), &'static str> {
    let balance_of = |code: i64| {
        store
            .accounts
            .get(&code)
            .map_or(Money::ZERO, |account| account.balance(request.currency))
    };
    let personal = balance_of(request.personal_account);
    let cash_desk = balance_of(request.cash_desk);
    let too_large = AmountError::TooLarge.message();

    match kind {
        TransferKind::Income => Ok((
            personal.checked_add(request.amount).ok_or(too_large)?,
            cash_desk.checked_add(request.amount).ok_or(too_large)?,
        )),
        TransferKind::Outcome => {
            if personal < request.amount {
                return Err("Сумма больше остатка на счете");
            }
            Ok((
                personal.checked_sub(request.amount).ok_or(too_large)?,
                cash_desk.checked_sub(request.amount).ok_or(too_large)?,
            ))
        }
    }
}

fn set_balance(store: &mut Store, account_code: i64, currency: i64, balance: Money) {
    if let Some(account) = store.accounts.get_mut(&account_code) {
        account.balances.insert(currency, balance);
    }
}

/// Builds the envelope in the key order of the Fin* examples, with `OptionalValues` as
/// an empty object rather than a list.
fn fin_envelope(result_number: i64, result_text: &str) -> Value {
    object! {
        "ResultText": result_text,
        "ResultNumber": result_number,
        "ResultCodeValue": Value::Null,
        "OptionalValues": Value::Object(Vec::new()),
    }
}
