//! Fault modes: every fault kind through the `X-Emulator-Fault` header and through faults
//! armed with `POST /_emulator/faults`, their effect on the ledger and the request log,
//! invalid specs, CORS, and service ticket expiry.

mod common;

use std::time::{Duration, Instant};

use common::{api_target, parse_response, Emulator, HttpResponse};
use oksoft_emulator::Options;
use serde_json::{json, Value};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// How a test hands a fault spec to the emulator.
#[derive(Clone, Copy, Debug)]
enum Delivery {
    /// In the `X-Emulator-Fault` header of the request itself.
    Header,
    /// Armed beforehand for one request of the operation.
    Armed,
}

const DELIVERIES: [Delivery; 2] = [Delivery::Header, Delivery::Armed];

/// Sends GET `target` for `operation` under `spec` and returns the raw bytes received,
/// or the read error.
async fn send_with_fault(
    emulator: &Emulator,
    delivery: Delivery,
    spec: &str,
    operation: &str,
    target: &str,
) -> std::io::Result<Vec<u8>> {
    match delivery {
        Delivery::Header => {
            let headers = [("X-Emulator-Fault", spec)];
            emulator.send_raw("GET", target, &headers, b"").await
        }
        Delivery::Armed => {
            let armed = arm(
                emulator,
                json!({"spec": spec, "operation": operation, "count": 1}),
            )
            .await;
            assert_eq!(armed.status, 200, "arm {spec}: {}", armed.text());
            emulator.send_raw("GET", target, &[], b"").await
        }
    }
}

/// Sends GET `target` under `spec` as [`send_with_fault`] does and parses the response.
async fn get_with_fault(
    emulator: &Emulator,
    delivery: Delivery,
    spec: &str,
    operation: &str,
    target: &str,
) -> HttpResponse {
    let raw = send_with_fault(emulator, delivery, spec, operation, target)
        .await
        .unwrap_or_else(|error| panic!("{delivery:?} {spec}: read failed: {error}"));
    parse_response(&raw)
}

async fn arm(emulator: &Emulator, body: Value) -> HttpResponse {
    let headers = [("Content-Type", "application/json")];
    emulator
        .send(
            "POST",
            "/_emulator/faults",
            &headers,
            body.to_string().as_bytes(),
        )
        .await
}

async fn armed_faults(emulator: &Emulator) -> Value {
    let response = emulator.get("/_emulator/faults").await;
    assert_eq!(response.status, 200);
    response.json()
}

/// Returns the target of a FinInCome transaction of `amount` roubles into the demo
/// partner's account through the main cash desk.
fn fin_income_target(ticket: &str, amount: &str) -> String {
    api_target(
        "FinInCome",
        &[
            ("ValidationTransaction", "transaction"),
            ("AccountsRsCode", "15162"),
            ("AccountsKsCode", "100"),
            ("Amount", amount),
            ("CurrencyCode", "1"),
            ("Ticket", ticket),
        ],
    )
}

async fn ledger_transactions(emulator: &Emulator) -> Vec<Value> {
    let ledger = emulator.get("/_emulator/ledger").await.json();
    ledger["transactions"]
        .as_array()
        .expect("transactions list")
        .clone()
}

/// Returns the rouble balance of account 15162 as the ledger shows it, such as "1.00".
async fn demo_rouble_balance(emulator: &Emulator) -> Value {
    let ledger = emulator.get("/_emulator/ledger").await.json();
    let accounts = ledger["accounts"].as_array().expect("accounts list");
    let account = accounts
        .iter()
        .find(|account| account["code"] == 15162)
        .expect("account 15162");
    account["balances"]["1"].clone()
}

async fn last_logged_request(emulator: &Emulator) -> Value {
    let log = emulator.get("/_emulator/requests").await.json();
    let requests = log["requests"].as_array().expect("requests list");
    requests.last().expect("a logged request").clone()
}

fn countries_target(ticket: &str) -> String {
    api_target("CountriesListGet", &[("Ticket", ticket)])
}

async fn countries_body(emulator: &Emulator, ticket: &str) -> Vec<u8> {
    let response = emulator.get(&countries_target(ticket)).await;
    assert_eq!(response.status, 200);
    response.body
}

#[tokio::test]
async fn latency_delays_response() {
    for delivery in DELIVERIES {
        let emulator = Emulator::start().await;
        let ticket = emulator.ticket().await;
        let target = countries_target(&ticket);
        let started = Instant::now();
        let response = get_with_fault(
            &emulator,
            delivery,
            "latency=300",
            "CountriesListGet",
            &target,
        )
        .await;
        let elapsed = started.elapsed();

        assert!(
            elapsed >= Duration::from_millis(300),
            "{delivery:?}: {elapsed:?}"
        );
        assert_eq!(response.status, 200, "{delivery:?}");
        let logged = last_logged_request(&emulator).await;
        assert_eq!(logged["operation"], "CountriesListGet", "{delivery:?}");
        assert_eq!(logged["fault"], "latency=300", "{delivery:?}");
        assert_eq!(logged["applied"], true, "{delivery:?}");
        assert_eq!(
            response.body,
            countries_body(&emulator, &ticket).await,
            "{delivery:?}"
        );
    }
}

#[tokio::test]
async fn latency_does_not_block_other_requests() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let address = emulator.address;
    let slow_target = api_target("SexListGet", &[("Ticket", &ticket)]);
    let slow = tokio::spawn(async move {
        let slow_emulator = Emulator { address };
        let headers = [("X-Emulator-Fault", "latency=3000")];
        slow_emulator
            .send("GET", &slow_target, &headers, b"")
            .await
            .status
    });
    tokio::time::sleep(Duration::from_millis(100)).await;

    let fast = emulator.get(&countries_target(&ticket)).await;
    assert_eq!(fast.status, 200);
    assert!(
        !slow.is_finished(),
        "the slow request ended before the fast one"
    );
    assert_eq!(slow.await.expect("slow request task"), 200);
}

#[tokio::test]
async fn latency_outlives_client_disconnect() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let headers = [("X-Emulator-Fault", "latency=500")];
    let target = fin_income_target(&ticket, "10.00");
    let gave_up = tokio::time::timeout(
        Duration::from_millis(100),
        emulator.send_raw("GET", &target, &headers, b""),
    )
    .await;
    assert!(
        gave_up.is_err(),
        "the response came before the latency ended"
    );

    tokio::time::sleep(Duration::from_millis(1000)).await;
    let transactions = ledger_transactions(&emulator).await;
    assert_eq!(
        transactions.len(),
        1,
        "the transaction posts after the client left"
    );
    let logged = last_logged_request(&emulator).await;
    assert_eq!(logged["operation"], "FinInCome");
    assert_eq!(logged["fault"], "latency=500");
    assert_eq!(logged["applied"], true);
}

#[tokio::test]
async fn server_error_statuses_skip_operation() {
    for delivery in DELIVERIES {
        let emulator = Emulator::start().await;
        let ticket = emulator.ticket().await;
        for code in [500, 502, 503, 504] {
            let spec = format!("status={code}");
            let target = fin_income_target(&ticket, "10.00");
            let response = get_with_fault(&emulator, delivery, &spec, "FinInCome", &target).await;

            assert_eq!(response.status, code, "{delivery:?}");
            assert_eq!(
                response.header("Content-Type"),
                Some("text/html; charset=utf-8"),
                "{delivery:?} {code}"
            );
            assert!(
                response.text().contains(&code.to_string()),
                "{delivery:?} {code}"
            );
            let logged = last_logged_request(&emulator).await;
            assert_eq!(logged["status"], code, "{delivery:?}");
            assert_eq!(logged["fault"], spec, "{delivery:?}");
            assert_eq!(logged["applied"], false, "{delivery:?} {code}");
        }
        assert!(
            ledger_transactions(&emulator).await.is_empty(),
            "{delivery:?}"
        );
        assert_eq!(demo_rouble_balance(&emulator).await, "1.00", "{delivery:?}");
    }
}

#[tokio::test]
async fn rate_limit_sends_retry_after() {
    for delivery in DELIVERIES {
        let emulator = Emulator::start().await;
        let ticket = emulator.ticket().await;
        let target = fin_income_target(&ticket, "10.00");
        let response =
            get_with_fault(&emulator, delivery, "rate-limit=30", "FinInCome", &target).await;

        assert_eq!(response.status, 429, "{delivery:?}");
        assert_eq!(response.header("Retry-After"), Some("30"), "{delivery:?}");
        assert_eq!(
            response.header("Access-Control-Expose-Headers"),
            Some("Retry-After"),
            "{delivery:?}"
        );
        assert_eq!(response.json()["retryAfterSeconds"], 30, "{delivery:?}");
        assert!(
            ledger_transactions(&emulator).await.is_empty(),
            "{delivery:?}"
        );
        assert_eq!(last_logged_request(&emulator).await["applied"], false);
    }
}

#[tokio::test]
async fn rate_limit_without_json_sends_html() {
    let emulator = Emulator::start().await;
    let headers = [("X-Emulator-Fault", "rate-limit=5")];
    let response = emulator
        .send("GET", "/api/Service/CountriesListGet", &headers, b"")
        .await;
    assert_eq!(response.status, 429);
    assert_eq!(response.header("Retry-After"), Some("5"));
    assert_eq!(
        response.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert!(response.text().contains("Retry after 5 seconds"));
}

#[tokio::test]
async fn drop_before_skips_transaction() {
    for delivery in DELIVERIES {
        let emulator = Emulator::start().await;
        let ticket = emulator.ticket().await;
        let target = fin_income_target(&ticket, "10.00");
        let received =
            send_with_fault(&emulator, delivery, "drop-before", "FinInCome", &target).await;

        // A FIN ends the read with no bytes, and a reset ends it with an error. Both mean no response.
        let bytes = received.unwrap_or_default();
        assert!(
            bytes.is_empty(),
            "{delivery:?}: {:?}",
            String::from_utf8_lossy(&bytes)
        );
        assert!(
            ledger_transactions(&emulator).await.is_empty(),
            "{delivery:?}"
        );
        assert_eq!(demo_rouble_balance(&emulator).await, "1.00", "{delivery:?}");

        let logged = last_logged_request(&emulator).await;
        assert_eq!(logged["operation"], "FinInCome", "{delivery:?}");
        assert_eq!(logged["status"], Value::Null, "{delivery:?}");
        assert_eq!(logged["fault"], "drop-before", "{delivery:?}");
        assert_eq!(logged["applied"], false, "{delivery:?}");
    }
}

#[tokio::test]
async fn drop_after_posts_transaction() {
    for delivery in DELIVERIES {
        let emulator = Emulator::start().await;
        let ticket = emulator.ticket().await;
        let target = fin_income_target(&ticket, "10.00");
        let received =
            send_with_fault(&emulator, delivery, "drop-after", "FinInCome", &target).await;

        let bytes = received.unwrap_or_default();
        assert!(
            bytes.is_empty(),
            "{delivery:?}: {:?}",
            String::from_utf8_lossy(&bytes)
        );
        let transactions = ledger_transactions(&emulator).await;
        assert_eq!(transactions.len(), 1, "{delivery:?}");
        assert_eq!(transactions[0]["number"], 1_187_738, "{delivery:?}");
        assert_eq!(transactions[0]["operation"], "FinInCome", "{delivery:?}");
        assert_eq!(transactions[0]["amount"], "10.00", "{delivery:?}");
        assert_eq!(
            demo_rouble_balance(&emulator).await,
            "11.00",
            "{delivery:?}"
        );

        let logged = last_logged_request(&emulator).await;
        assert_eq!(logged["status"], Value::Null, "{delivery:?}");
        assert_eq!(logged["fault"], "drop-after", "{delivery:?}");
        assert_eq!(logged["applied"], true, "{delivery:?}");
    }
}

#[tokio::test]
async fn drop_after_with_rejected_ticket_runs_nothing() {
    for delivery in DELIVERIES {
        let emulator = Emulator::start().await;
        let target = fin_income_target("no-such-ticket", "10.00");
        send_with_fault(&emulator, delivery, "drop-after", "FinInCome", &target)
            .await
            .ok();

        assert!(
            ledger_transactions(&emulator).await.is_empty(),
            "{delivery:?}"
        );
        let logged = last_logged_request(&emulator).await;
        assert_eq!(logged["status"], Value::Null, "{delivery:?}");
        assert_eq!(logged["applied"], false, "{delivery:?}");
    }
}

#[tokio::test]
async fn drop_keeps_server_serving() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let headers = [("X-Emulator-Fault", "drop-before")];
    for _ in 0..3 {
        let received = emulator
            .send_raw(
                "GET",
                &api_target("SexListGet", &[("Ticket", &ticket)]),
                &headers,
                b"",
            )
            .await;
        assert!(received.unwrap_or_default().is_empty());
    }
    assert_eq!(
        emulator
            .get(&api_target("SexListGet", &[("Ticket", &ticket)]))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn latency_before_drop() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let headers = [("X-Emulator-Fault", "latency=200,drop-before")];
    let started = Instant::now();
    let received = emulator
        .send_raw(
            "GET",
            &api_target("SexListGet", &[("Ticket", &ticket)]),
            &headers,
            b"",
        )
        .await;
    assert!(started.elapsed() >= Duration::from_millis(200));
    assert!(received.unwrap_or_default().is_empty());
}

#[tokio::test]
async fn html_replaces_json() {
    for delivery in DELIVERIES {
        let emulator = Emulator::start().await;
        let ticket = emulator.ticket().await;
        let target = fin_income_target(&ticket, "10.00");
        let response = get_with_fault(&emulator, delivery, "html", "FinInCome", &target).await;

        assert_eq!(response.status, 200, "{delivery:?}");
        assert_eq!(
            response.header("Content-Type"),
            Some("text/html; charset=utf-8"),
            "{delivery:?}"
        );
        assert!(
            response.text().starts_with("<!DOCTYPE html>"),
            "{delivery:?}"
        );
        assert!(
            ledger_transactions(&emulator).await.is_empty(),
            "{delivery:?}"
        );
        assert_eq!(last_logged_request(&emulator).await["applied"], false);
    }
}

#[tokio::test]
async fn empty_sends_no_body() {
    for delivery in DELIVERIES {
        let emulator = Emulator::start().await;
        let ticket = emulator.ticket().await;
        let target = fin_income_target(&ticket, "10.00");
        let response = get_with_fault(&emulator, delivery, "empty", "FinInCome", &target).await;

        assert_eq!(response.status, 200, "{delivery:?}");
        assert_eq!(response.header("Content-Length"), Some("0"), "{delivery:?}");
        assert!(response.body.is_empty(), "{delivery:?}");
        assert!(
            ledger_transactions(&emulator).await.is_empty(),
            "{delivery:?}"
        );
        assert_eq!(last_logged_request(&emulator).await["applied"], false);
    }
}

#[tokio::test]
async fn bom_prefixes_applied_json() {
    for delivery in DELIVERIES {
        let emulator = Emulator::start().await;
        let ticket = emulator.ticket().await;
        let target = fin_income_target(&ticket, "10.00");
        let response = get_with_fault(&emulator, delivery, "bom", "FinInCome", &target).await;

        assert_eq!(response.status, 200, "{delivery:?}");
        assert!(response.body.starts_with(UTF8_BOM), "{delivery:?}");
        let document: Value =
            serde_json::from_slice(&response.body[UTF8_BOM.len()..]).expect("JSON after the BOM");
        assert_eq!(
            document["ResultText"], "Транзакция № 1187738",
            "{delivery:?}"
        );
        assert_eq!(
            ledger_transactions(&emulator).await.len(),
            1,
            "{delivery:?}"
        );
        assert_eq!(last_logged_request(&emulator).await["applied"], true);
    }
}

#[tokio::test]
async fn wrap_d_and_result() {
    for delivery in DELIVERIES {
        let emulator = Emulator::start().await;
        let ticket = emulator.ticket().await;
        let plain: Value =
            serde_json::from_slice(&countries_body(&emulator, &ticket).await).expect("JSON");
        let target = countries_target(&ticket);

        let wrapped_d = get_with_fault(&emulator, delivery, "wrap=d", "CountriesListGet", &target)
            .await
            .json();
        assert_eq!(wrapped_d, json!({ "d": plain }), "{delivery:?}");

        let wrapped_result = get_with_fault(
            &emulator,
            delivery,
            "wrap=result",
            "CountriesListGet",
            &target,
        )
        .await
        .json();
        assert_eq!(
            wrapped_result,
            json!({ "CountriesListGetResult": plain }),
            "{delivery:?}"
        );
    }
}

#[tokio::test]
async fn truncate_sends_first_half() {
    for delivery in DELIVERIES {
        let emulator = Emulator::start().await;
        let ticket = emulator.ticket().await;
        let full = countries_body(&emulator, &ticket).await;
        let target = countries_target(&ticket);
        let response =
            get_with_fault(&emulator, delivery, "truncate", "CountriesListGet", &target).await;

        let half = full.len() / 2;
        assert_eq!(response.status, 200, "{delivery:?}");
        assert_eq!(response.body, full[..half], "{delivery:?}");
        assert_eq!(
            response.header("Content-Length"),
            Some(half.to_string().as_str()),
            "{delivery:?}"
        );
        assert_eq!(last_logged_request(&emulator).await["applied"], true);
    }
}

#[tokio::test]
async fn body_changes_combine_in_order() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let plain = countries_body(&emulator, &ticket).await;
    let headers = [("X-Emulator-Fault", "bom, wrap=d")];
    let response = emulator
        .send("GET", &countries_target(&ticket), &headers, b"")
        .await;

    let mut expected = UTF8_BOM.to_vec();
    expected.extend_from_slice(b"{\"d\":");
    expected.extend_from_slice(&plain);
    expected.push(b'}');
    assert_eq!(response.body, expected);
    assert_eq!(last_logged_request(&emulator).await["fault"], "bom,wrap=d");
}

#[tokio::test]
async fn expire_ticket_rejects_and_invalidates() {
    for delivery in DELIVERIES {
        let emulator = Emulator::start().await;
        let ticket = emulator.ticket().await;
        let other_ticket = emulator.ticket().await;
        let target = api_target(
            "PartnersGet",
            &[("PartnersCode", "24"), ("Ticket", &ticket)],
        );

        let rejected = get_with_fault(&emulator, delivery, "expire-ticket", "PartnersGet", &target)
            .await
            .json();
        assert_eq!(rejected["ResultNumber"], -1, "{delivery:?}");
        assert_eq!(
            rejected["ResultText"], "Неверный или устаревший Ticket",
            "{delivery:?}"
        );
        assert_eq!(last_logged_request(&emulator).await["applied"], false);

        let again = emulator
            .call(
                "PartnersGet",
                &[("PartnersCode", "24"), ("Ticket", &ticket)],
            )
            .await;
        assert_eq!(
            again["ResultNumber"], -1,
            "{delivery:?}: the ticket stays expired"
        );

        let other = emulator
            .call(
                "PartnersGet",
                &[("PartnersCode", "24"), ("Ticket", &other_ticket)],
            )
            .await;
        assert_eq!(other["Code"], 24, "{delivery:?}: other tickets stay valid");
    }
}

#[tokio::test]
async fn expire_ticket_rejects_users_login() {
    let emulator = Emulator::start().await;
    let headers = [("X-Emulator-Fault", "expire-ticket")];
    let target = api_target("UsersLogin", &[("Login", "demo"), ("Password", "x")]);
    let response = emulator.send("GET", &target, &headers, b"").await;
    assert_eq!(response.status, 400);
    assert!(
        response.text().contains("UsersLogin"),
        "{}",
        response.text()
    );
}

#[tokio::test]
async fn armed_expire_ticket_skips_users_login() {
    let emulator = Emulator::start().await;
    let armed = arm(&emulator, json!({"spec": "expire-ticket"})).await;
    assert_eq!(armed.status, 200);

    let ticket = emulator.ticket().await;
    let rejected = emulator.call("SexListGet", &[("Ticket", &ticket)]).await;
    assert_eq!(rejected["ResultNumber"], -1);
    assert_eq!(armed_faults(&emulator).await["count"], 0);
}

#[tokio::test]
async fn armed_fault_count_is_honored() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let armed = arm(
        &emulator,
        json!({"spec": "status=503", "operation": null, "count": 2}),
    )
    .await;
    assert_eq!(armed.status, 200);
    assert_eq!(
        armed.json(),
        json!({"id": 1, "spec": "status=503", "operation": null, "remaining": 2})
    );

    let target = countries_target(&ticket);
    assert_eq!(emulator.get(&target).await.status, 503);
    assert_eq!(armed_faults(&emulator).await["faults"][0]["remaining"], 1);
    assert_eq!(emulator.get(&target).await.status, 503);
    assert_eq!(
        armed_faults(&emulator).await,
        json!({"count": 0, "faults": []})
    );
    assert_eq!(emulator.get(&target).await.status, 200);

    let log = emulator.get("/_emulator/requests").await.json();
    let requests = log["requests"].as_array().expect("requests list");
    let countries: Vec<&Value> = requests
        .iter()
        .filter(|request| request["operation"] == "CountriesListGet")
        .collect();
    assert_eq!(countries.len(), 3);
    assert_eq!(countries[0]["armedFaultId"], 1);
    assert_eq!(countries[0]["fault"], "status=503");
    assert_eq!(countries[1]["armedFaultId"], 1);
    assert_eq!(countries[2]["armedFaultId"], Value::Null);
    assert_eq!(countries[2]["fault"], Value::Null);
    assert_eq!(countries[2]["applied"], true);
}

#[tokio::test]
async fn armed_fault_operation_filter() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let armed = arm(
        &emulator,
        json!({"spec": "html", "operation": "PartnersGet", "count": 1}),
    )
    .await;
    assert_eq!(armed.status, 200);

    let other = emulator
        .get(&api_target("SexListGet", &[("Ticket", &ticket)]))
        .await;
    assert_eq!(other.status, 200);
    assert_eq!(
        other.header("Content-Type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(
        armed_faults(&emulator).await["faults"][0]["operation"],
        "PartnersGet"
    );

    let target = api_target(
        "PartnersGet",
        &[("PartnersCode", "24"), ("Ticket", &ticket)],
    );
    let faulted = emulator.get(&target).await;
    assert_eq!(
        faulted.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(emulator.get(&target).await.json()["Code"], 24);
}

#[tokio::test]
async fn armed_faults_wait_for_api_calls() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    arm(&emulator, json!({"spec": "status=502"})).await;

    let preflight_headers = [
        ("Origin", "http://localhost:8080"),
        ("Access-Control-Request-Method", "GET"),
    ];
    emulator
        .send(
            "OPTIONS",
            "/api/Service/CountriesListGet",
            &preflight_headers,
            b"",
        )
        .await;
    emulator.get("/api/Service/Nope").await;
    emulator
        .post_form("/api/Service/CountriesListGet", &[])
        .await;
    emulator.get("/_emulator/ledger").await;
    assert_eq!(armed_faults(&emulator).await["count"], 1);

    let response = emulator.get(&countries_target(&ticket)).await;
    assert_eq!(response.status, 502);
}

#[tokio::test]
async fn header_fault_wins_over_armed() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    arm(&emulator, json!({"spec": "status=503"})).await;

    let headers = [("X-Emulator-Fault", "empty")];
    let response = emulator
        .send("GET", &countries_target(&ticket), &headers, b"")
        .await;
    assert_eq!(response.status, 200);
    assert!(response.body.is_empty());
    let logged = last_logged_request(&emulator).await;
    assert_eq!(logged["fault"], "empty");
    assert_eq!(logged["armedFaultId"], Value::Null);

    assert_eq!(armed_faults(&emulator).await["faults"][0]["remaining"], 1);
    let next = emulator.get(&countries_target(&ticket)).await;
    assert_eq!(next.status, 503);
}

#[tokio::test]
async fn delete_clears_armed_faults() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    arm(&emulator, json!({"spec": "html", "count": 3})).await;
    arm(&emulator, json!({"spec": "bom"})).await;
    assert_eq!(armed_faults(&emulator).await["count"], 2);

    let cleared = emulator.send("DELETE", "/_emulator/faults", &[], b"").await;
    assert_eq!(cleared.status, 200);
    assert_eq!(cleared.json(), json!({"cleared": 2}));
    assert_eq!(armed_faults(&emulator).await["count"], 0);
    assert_eq!(
        countries_body(&emulator, &ticket).await.first(),
        Some(&b'[')
    );
}

#[tokio::test]
async fn reset_clears_armed_faults() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    arm(&emulator, json!({"spec": "status=500", "count": 10})).await;
    let reset = emulator.send("POST", "/_emulator/reset", &[], b"").await;
    assert_eq!(reset.status, 200);

    assert_eq!(
        armed_faults(&emulator).await,
        json!({"count": 0, "faults": []})
    );
    assert_eq!(
        emulator
            .get(&api_target("SexListGet", &[("Ticket", &ticket)]))
            .await
            .status,
        200
    );
    let armed = arm(&emulator, json!({"spec": "html"})).await;
    assert_eq!(armed.json()["id"], 1, "fault ids restart after reset");
}

#[tokio::test]
async fn cors_preflight_allows_fault_header() {
    let emulator = Emulator::start().await;
    let headers = [
        ("Origin", "http://localhost:8080"),
        ("Access-Control-Request-Method", "GET"),
        ("Access-Control-Request-Headers", "x-emulator-fault"),
    ];
    for path in ["/api/Service/FinInCome", "/_emulator/faults"] {
        let response = emulator.send("OPTIONS", path, &headers, b"").await;
        assert_eq!(response.status, 204, "{path}");
        let allowed = response
            .header("Access-Control-Allow-Headers")
            .unwrap_or_default()
            .to_ascii_lowercase();
        assert!(allowed.contains("x-emulator-fault"), "{path}: {allowed}");
        assert!(allowed.contains("content-type"), "{path}: {allowed}");
        assert_eq!(
            response.header("Access-Control-Expose-Headers"),
            Some("Retry-After"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn invalid_header_spec_is_rejected() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let cases = [
        ("teapot", "unknown fault `teapot`"),
        ("latency=abc", "`latency=abc`"),
        ("status=418", "`status=418`"),
        ("status=503,", "empty entry"),
        ("html,empty", "`html` and `empty` cannot be combined"),
        (
            "drop-after,truncate",
            "`truncate` cannot be combined with `drop-after`",
        ),
        ("bom,bom", "`bom` appears more than once"),
        ("wrap=soap", "`wrap=soap`"),
    ];
    for (spec, expected) in cases {
        let headers = [("X-Emulator-Fault", spec)];
        let response = emulator
            .send("GET", &fin_income_target(&ticket, "10.00"), &headers, b"")
            .await;
        assert_eq!(response.status, 400, "{spec}");
        let text = response.text();
        assert!(text.contains("X-Emulator-Fault"), "{spec}: {text}");
        assert!(text.contains(expected), "{spec}: {text}");

        let logged = last_logged_request(&emulator).await;
        assert_eq!(logged["status"], 400, "{spec}");
        assert_eq!(logged["fault"], Value::Null, "{spec}");
        assert_eq!(logged["applied"], false, "{spec}");
    }
    assert!(ledger_transactions(&emulator).await.is_empty());
}

#[tokio::test]
async fn invalid_arm_request_is_rejected() {
    let emulator = Emulator::start().await;
    let cases = [
        ("not json", "not valid JSON"),
        (r#"{"operation": "PartnersGet"}"#, "\"spec\" is missing"),
        (r#"{"spec": "latency=1,teapot"}"#, "unknown fault `teapot`"),
        (
            r#"{"spec": "html", "operation": "PartnerGet"}"#,
            "unknown operation \"PartnerGet\"",
        ),
        (r#"{"spec": "html", "count": 0}"#, "\"count\" must be"),
        (r#"{"spec": "html", "cnt": 2}"#, "unknown field \"cnt\""),
    ];
    for (body, expected) in cases {
        let headers = [("Content-Type", "application/json")];
        let response = emulator
            .send("POST", "/_emulator/faults", &headers, body.as_bytes())
            .await;
        assert_eq!(response.status, 400, "{body}");
        assert!(
            response.text().contains(expected),
            "{body}: {}",
            response.text()
        );
    }
    assert_eq!(armed_faults(&emulator).await["count"], 0);
}

#[tokio::test]
async fn tickets_expire_endpoint_invalidates_all() {
    let emulator = Emulator::start().await;
    let first = emulator.ticket().await;
    let second = emulator.ticket().await;

    let expired = emulator
        .send("POST", "/_emulator/tickets/expire", &[], b"")
        .await;
    assert_eq!(expired.status, 200);
    assert_eq!(expired.json(), json!({"expired": 2}));
    for ticket in [&first, &second] {
        let answer = emulator.call("SexListGet", &[("Ticket", ticket)]).await;
        assert_eq!(answer["ResultNumber"], -1);
        let logged = last_logged_request(&emulator).await;
        assert_eq!(logged["applied"], false, "a rejected Ticket runs nothing");
    }

    let fresh = emulator.ticket().await;
    let answer = emulator.call("SexListGet", &[("Ticket", &fresh)]).await;
    assert!(answer.is_array(), "{answer}");
}

#[tokio::test]
async fn ticket_max_uses_expires_ticket() {
    let options = Options {
        ticket_max_uses: Some(2),
    };
    let emulator = Emulator::start_with(options).await;
    let ticket = emulator.ticket().await;
    for use_number in 1..=2 {
        let answer = emulator.call("SexListGet", &[("Ticket", &ticket)]).await;
        assert!(answer.is_array(), "use {use_number}: {answer}");
    }
    let expired = emulator.call("SexListGet", &[("Ticket", &ticket)]).await;
    assert_eq!(expired["ResultNumber"], -1);
    assert_eq!(expired["ResultText"], "Неверный или устаревший Ticket");

    emulator.send("POST", "/_emulator/reset", &[], b"").await;
    let after_reset = emulator.ticket().await;
    for _ in 0..2 {
        let answer = emulator
            .call("SexListGet", &[("Ticket", &after_reset)])
            .await;
        assert!(answer.is_array(), "{answer}");
    }
    let expired = emulator
        .call("SexListGet", &[("Ticket", &after_reset)])
        .await;
    assert_eq!(expired["ResultNumber"], -1, "the limit survives reset");
}

#[tokio::test]
async fn faults_leave_tickets_unused() {
    let options = Options {
        ticket_max_uses: Some(1),
    };
    let emulator = Emulator::start_with(options).await;
    let ticket = emulator.ticket().await;
    let target = api_target("SexListGet", &[("Ticket", &ticket)]);
    let headers = [("X-Emulator-Fault", "status=503")];
    assert_eq!(
        emulator.send("GET", &target, &headers, b"").await.status,
        503
    );

    let answer = emulator.call("SexListGet", &[("Ticket", &ticket)]).await;
    assert!(answer.is_array(), "{answer}");
}
