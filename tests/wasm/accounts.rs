//! AccountsListGet, FinInCome and FinOutCome.
//!
//! Other tests move money on the same accounts, so balances are read before and after
//! each call and compared as exact decimal strings, never against seed values.

use oksoft_client::js::OksoftClient;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

/// The personal account ("ЛСК", group PLA) of the demo partner 24.
const DEMO_ACCOUNT: f64 = 15_162.0;
/// The main cash desk (group KASSA).
const CASH_DESK: f64 = 100.0;
/// The bonus currency, in which the demo account starts with 1234.50.
const BONUS: f64 = 6.0;

/// Lists the accounts of one group, for one partner when `partners_code` is set.
async fn accounts(
    client: &OksoftClient,
    group: &str,
    partners_code: Option<f64>,
    currency: f64,
) -> JsValue {
    let mut options = vec![
        ("accountsShortName", JsValue::from_str(group)),
        ("currencyCode", JsValue::from_f64(currency)),
    ];
    if let Some(code) = partners_code {
        options.push(("partnersCode", JsValue::from_f64(code)));
    }
    resolved(
        "accountsListGet",
        client.accounts_list_get(js_object(&options), None),
    )
    .await
}

/// Reads the balance of the demo partner's account in bonuses as a decimal string.
async fn demo_balance(client: &OksoftClient) -> String {
    let list = accounts(client, "PLA", Some(DEMO_PARTNER_CODE), BONUS).await;
    text(&item_with_code(&list, DEMO_ACCOUNT), "stock").expect("stock of the demo account")
}

/// Reads the balance of the main cash desk in bonuses as a decimal string.
async fn cash_desk_balance(client: &OksoftClient) -> String {
    let list = accounts(client, "KASSA", None, BONUS).await;
    text(&item_with_code(&list, CASH_DESK), "stock").expect("stock of the cash desk")
}

/// Builds the options of a transfer between the demo account and the main cash desk
/// in bonuses.
fn transfer(mode: &str, amount: JsValue) -> JsValue {
    js_object(&[
        ("validationTransaction", JsValue::from_str(mode)),
        ("accountsRsCode", JsValue::from_f64(DEMO_ACCOUNT)),
        ("accountsKsCode", JsValue::from_f64(CASH_DESK)),
        ("amount", amount),
        ("currencyCode", JsValue::from_f64(BONUS)),
        ("comment", JsValue::from_str("wasm suite")),
    ])
}

#[wasm_bindgen_test]
async fn accounts_personal() {
    let client = client();

    let list = accounts(&client, "PLA", Some(DEMO_PARTNER_CODE), BONUS).await;

    assert_eq!(codes(&list), [DEMO_ACCOUNT]);
    let account = item_with_code(&list, DEMO_ACCOUNT);
    assert_eq!(text(&account, "longName").as_deref(), Some("ЛСК"));
    assert_eq!(text(&account, "shortName").as_deref(), Some("PLA"));
    let stock = text(&account, "stock").unwrap_or_default();
    // Two fraction digits, as in the seed's "1234.50", whatever earlier transfers did.
    assert_eq!(from_cents(to_cents(&stock)), stock);
}

#[wasm_bindgen_test]
async fn accounts_cash_desks() {
    let client = client();

    let list = accounts(&client, "KASSA", None, 3.0).await;

    assert_eq!(codes(&list), [100.0, 101.0]);
    for account in items(&list) {
        assert_eq!(
            text(&account, "shortName").as_deref(),
            Some("KASSA"),
            "{}",
            describe(&account)
        );
    }
    assert_eq!(
        text(&item_with_code(&list, 100.0), "longName").as_deref(),
        Some("Касса основная")
    );
}

#[wasm_bindgen_test]
async fn accounts_group_lower_case() {
    let client = client();

    let list = accounts(&client, "pla", Some(DEMO_PARTNER_CODE), BONUS).await;

    assert_eq!(codes(&list), [DEMO_ACCOUNT]);
}

#[wasm_bindgen_test]
async fn fin_in_come_validation_mode() {
    let client = client();
    let before = demo_balance(&client).await;

    let result = resolved(
        "finInCome validation",
        client.fin_in_come(transfer("validation", JsValue::from_str("10.25")), None),
    )
    .await;

    assert!(
        field(&result, "transactionNumber").is_null(),
        "transactionNumber: {}",
        describe(&result)
    );
    assert_eq!(number(&result, "resultNumber"), Some(1.0));
    assert_eq!(demo_balance(&client).await, before);
}

#[wasm_bindgen_test]
async fn fin_in_come_transaction() {
    let client = client();
    let account_before = demo_balance(&client).await;
    let cash_desk_before = cash_desk_balance(&client).await;

    let result = resolved(
        "finInCome transaction",
        client.fin_in_come(transfer("transaction", JsValue::from_f64(10.25)), None),
    )
    .await;

    let transaction_number = number(&result, "transactionNumber");
    assert!(
        transaction_number.is_some(),
        "transactionNumber is not a number: {}",
        describe(&result)
    );
    assert_eq!(
        demo_balance(&client).await,
        from_cents(to_cents(&account_before) + 1025)
    );
    assert_eq!(
        cash_desk_balance(&client).await,
        from_cents(to_cents(&cash_desk_before) + 1025)
    );

    // The transfer the emulator booked has the number the client reported.
    let ledger = emulator_json("/_emulator/ledger").await;
    let booked = items(&field(&ledger, "transactions"))
        .into_iter()
        .find(|entry| number(entry, "number") == transaction_number)
        .unwrap_or_else(|| {
            panic!(
                "transaction {transaction_number:?} missing from {}",
                describe(&ledger)
            )
        });
    assert_eq!(text(&booked, "operation").as_deref(), Some("FinInCome"));
    assert_eq!(text(&booked, "amount").as_deref(), Some("10.25"));
    assert_eq!(text(&booked, "comment").as_deref(), Some("wasm suite"));
}

#[wasm_bindgen_test]
async fn fin_out_come_validation_mode() {
    let client = client();
    let before = demo_balance(&client).await;

    let result = resolved(
        "finOutCome validation",
        client.fin_out_come(transfer("validation", JsValue::from_str("0.01")), None),
    )
    .await;

    assert!(
        field(&result, "transactionNumber").is_null(),
        "transactionNumber: {}",
        describe(&result)
    );
    assert_eq!(demo_balance(&client).await, before);
}

#[wasm_bindgen_test]
async fn fin_out_come_transaction() {
    let client = client();
    let before = demo_balance(&client).await;

    let result = resolved(
        "finOutCome transaction",
        client.fin_out_come(transfer("transaction", JsValue::from_str("0.75")), None),
    )
    .await;

    assert!(
        number(&result, "transactionNumber").is_some(),
        "transactionNumber: {}",
        describe(&result)
    );
    assert_eq!(
        demo_balance(&client).await,
        from_cents(to_cents(&before) - 75)
    );
}

#[wasm_bindgen_test]
async fn fin_out_come_overdraft() {
    let client = client();
    let before = demo_balance(&client).await;
    let too_much = from_cents(to_cents(&before) + 100);

    let error = rejected(
        "finOutCome over the balance",
        client.fin_out_come(transfer("transaction", JsValue::from_str(&too_much)), None),
    )
    .await;

    assert_error(
        "finOutCome",
        &error,
        "api",
        "insufficient_funds",
        "FinOutCome",
    );
    assert_eq!(
        text(&error, "resultText").as_deref(),
        Some("Сумма больше остатка на счете")
    );
    assert_eq!(demo_balance(&client).await, before);
}
