//! AccountsListGet: personal accounts of a partner or the company cash desks, with the
//! balance in one currency.

use super::{code_param, currency_code, envelope, not_integer_message, CodeParam};
use crate::params::Params;
use crate::state::{AccountGroup, Store};
use crate::value::object;
use crate::value::Value;

/// Lists the accounts of group `AccountsShortName`. `PLA` needs `PartnersCode` and
/// lists that partner's personal accounts; `KASSA` lists every cash desk and ignores
/// `PartnersCode`. `Stock` is the balance in `CurrencyCode`, zero when the account has
/// never held that currency.
pub fn accounts_list_get(store: &Store, params: &Params) -> Value {
    match list_accounts(store, params) {
        Ok(accounts) => Value::List(accounts),
        Err(message) => envelope(-1, &message),
    }
}

fn list_accounts(store: &Store, params: &Params) -> Result<Vec<Value>, String> {
    let group = match params.text("AccountsShortName") {
        None => {
            return Err("Не указан параметр AccountsShortName: допустимы PLA или KASSA".to_string())
        }
        Some(text) => AccountGroup::parse(text).ok_or_else(|| {
            format!(
                "Неизвестная группа счетов AccountsShortName \"{text}\": допустимы PLA или KASSA"
            )
        })?,
    };
    let currency = currency_code(params)?;
    let owner = match group {
        AccountGroup::CashDesk => None,
        AccountGroup::Personal => Some(partner_code(store, params)?),
    };

    let accounts = store
        .accounts
        .values()
        .filter(|account| account.group == group && account.owner == owner)
        .map(|account| {
            object! {
                "Code": account.code,
                "LongName": &account.long_name,
                "ShortName": account.group.short_name(),
                "Stock": account.balance(currency),
            }
        })
        .collect();
    Ok(accounts)
}

/// Reads the `PartnersCode` that personal accounts need and checks that the partner exists.
fn partner_code(store: &Store, params: &Params) -> Result<i64, String> {
    match code_param(params, "PartnersCode") {
        CodeParam::Missing => Err("Для счетов PLA необходимо передать PartnersCode".to_string()),
        CodeParam::NotInteger(text) => Err(not_integer_message("PartnersCode", &text)),
        CodeParam::Present(code) if store.partners.contains_key(&code) => Ok(code),
        CodeParam::Present(code) => Err(format!("Контрагент с кодом {code} не найден")),
    }
}
