//! HTTP behaviour: base paths, verbs, CORS, content types, parameter parsing, the
//! inspection API and the command-line binary.

mod common;

use common::{encode, Emulator, DEMO_PASSWORD_MD5};
use serde_json::json;

const LOGIN_QUERY: &str = "Login=demo&Password=FE01CE2A7FBAC8FAFAED7C982A04E229&Format=json";

#[tokio::test]
async fn both_base_paths_serve_operations() {
    let emulator = Emulator::start().await;
    for base in ["/api/Service", "/api/Service.svc"] {
        let response = emulator
            .get(&format!("{base}/UsersLogin?{LOGIN_QUERY}"))
            .await;
        assert_eq!(response.status, 200, "{base}");
        assert_eq!(response.json()["ResultNumber"], 1, "{base}");
    }
}

#[tokio::test]
async fn both_login_spellings_work() {
    let emulator = Emulator::start().await;
    for method in ["UsersLogin", "UserLogin"] {
        let response = emulator
            .get(&format!("/api/Service/{method}?{LOGIN_QUERY}"))
            .await;
        assert_eq!(response.status, 200, "{method}");
        assert_eq!(response.json()["ResultText"], "OK", "{method}");
    }
}

#[tokio::test]
async fn users_login_accepts_post_form() {
    let emulator = Emulator::start().await;
    let response = emulator
        .post_form(
            "/api/Service.svc/UsersLogin",
            &[
                ("Login", "demo"),
                ("Password", DEMO_PASSWORD_MD5),
                ("Format", "json"),
            ],
        )
        .await;
    assert_eq!(response.status, 200);
    assert_eq!(response.json()["ResultNumber"], 1);
}

#[tokio::test]
async fn post_form_merges_query_parameters() {
    let emulator = Emulator::start().await;
    let response = emulator
        .post_form(
            "/api/Service/UsersLogin?Format=json",
            &[("Login", "demo"), ("Password", DEMO_PASSWORD_MD5)],
        )
        .await;
    assert_eq!(response.json()["ResultNumber"], 1);
}

#[tokio::test]
async fn get_only_operations_reject_post() {
    let emulator = Emulator::start().await;
    for operation in [
        "PartnersGet",
        "PartnersLogin",
        "CountriesListGet",
        "FinInCome",
        "AccountsListGet",
    ] {
        let response = emulator
            .post_form(&format!("/api/Service/{operation}"), &[("Format", "json")])
            .await;
        assert_eq!(response.status, 405, "{operation}");
        assert_eq!(response.header("Allow"), Some("GET"), "{operation}");
    }
}

#[tokio::test]
async fn partners_create_rejects_get() {
    let emulator = Emulator::start().await;
    let response = emulator
        .get("/api/Service/PartnersCreate?Format=json")
        .await;
    assert_eq!(response.status, 405);
    assert_eq!(response.header("Allow"), Some("POST"));
}

#[tokio::test]
async fn other_verbs_are_rejected() {
    let emulator = Emulator::start().await;
    for method in ["PUT", "DELETE", "PATCH"] {
        let response = emulator
            .send(method, "/api/Service/UsersLogin", &[], b"")
            .await;
        assert_eq!(response.status, 405, "{method}");
        assert_eq!(response.header("Allow"), Some("GET, POST"), "{method}");
    }
}

#[tokio::test]
async fn unknown_method_is_not_found() {
    let emulator = Emulator::start().await;
    let response = emulator
        .get("/api/Service/PartnersDelete?Format=json")
        .await;
    assert_eq!(response.status, 404);
    assert!(
        response.text().contains("PartnersDelete"),
        "{}",
        response.text()
    );

    let response = emulator.get("/api/Service/userslogin?Format=json").await;
    assert_eq!(response.status, 404, "method names are case-sensitive");

    let response = emulator.get("/api/Other/UsersLogin").await;
    assert_eq!(response.status, 404);
}

#[tokio::test]
async fn options_preflight_returns_no_content() {
    let emulator = Emulator::start().await;
    let headers = [
        ("Origin", "http://localhost:8080"),
        ("Access-Control-Request-Method", "POST"),
        ("Access-Control-Request-Headers", "content-type"),
    ];
    for path in [
        "/api/Service/PartnersCreate",
        "/api/Service.svc/Unknown",
        "/anything",
    ] {
        let response = emulator.send("OPTIONS", path, &headers, b"").await;
        assert_eq!(response.status, 204, "{path}");
        assert_eq!(
            response.header("Access-Control-Allow-Origin"),
            Some("*"),
            "{path}"
        );
        assert_eq!(
            response.header("Access-Control-Allow-Methods"),
            Some("GET, POST, OPTIONS"),
            "{path}"
        );
        assert_eq!(
            response.header("Access-Control-Allow-Headers"),
            Some("Content-Type, X-Emulator-Fault"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn every_response_carries_cors_headers() {
    let emulator = Emulator::start().await;
    let responses = [
        emulator
            .get(&format!("/api/Service/UsersLogin?{LOGIN_QUERY}"))
            .await,
        emulator.get("/api/Service/CountriesListGet").await,
        emulator.get("/api/Service/Nope").await,
        emulator.post_form("/api/Service/PartnersGet", &[]).await,
        emulator.get("/_emulator/requests").await,
    ];
    for response in responses {
        assert_eq!(
            response.header("Access-Control-Allow-Origin"),
            Some("*"),
            "status {}",
            response.status
        );
        assert_eq!(
            response.header("Access-Control-Allow-Methods"),
            Some("GET, POST, OPTIONS")
        );
        assert_eq!(
            response.header("Access-Control-Allow-Headers"),
            Some("Content-Type, X-Emulator-Fault")
        );
    }
}

#[tokio::test]
async fn json_content_type_with_format_json() {
    let emulator = Emulator::start().await;
    for format in ["json", "JSON", "Json"] {
        let query = format!("Login=demo&Password={DEMO_PASSWORD_MD5}&Format={format}");
        let response = emulator
            .get(&format!("/api/Service/UsersLogin?{query}"))
            .await;
        assert_eq!(
            response.header("Content-Type"),
            Some("application/json; charset=utf-8"),
            "{format}"
        );
        assert_eq!(response.json()["ResultNumber"], 1, "{format}");
    }
}

#[tokio::test]
async fn xml_without_format_json() {
    let emulator = Emulator::start().await;
    let response = emulator
        .get("/api/Service/UsersLogin?Login=demo&Password=wrong")
        .await;
    assert_eq!(response.status, 200);
    assert_eq!(
        response.header("Content-Type"),
        Some("application/xml; charset=utf-8")
    );
    assert_eq!(
        response.text(),
        concat!(
            r#"<UsersLoginResult xmlns="http://tempuri.org/" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<ResultNumber>-1</ResultNumber><ResultText>Неправильный логин или пароль</ResultText>",
            r#"<Ticket i:nil="true"/></UsersLoginResult>"#
        )
    );
}

#[tokio::test]
async fn xml_lists_and_money() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let query = encode(&[
        ("AccountsShortName", "PLA"),
        ("PartnersCode", "24"),
        ("CurrencyCode", "6"),
        ("Ticket", &ticket),
        ("Format", "xml"),
    ]);
    let response = emulator
        .get(&format!("/api/Service/AccountsListGet?{query}"))
        .await;
    let text = response.text();
    assert!(
        text.starts_with("<AccountsListGetResult xmlns=\"http://tempuri.org/\""),
        "{text}"
    );
    assert!(
        text.contains("<Item><Code>15162</Code><LongName>ЛСК</LongName><ShortName>PLA</ShortName><Stock>1234.5</Stock></Item>"),
        "{text}"
    );
}

#[tokio::test]
async fn parameter_names_are_case_insensitive() {
    let emulator = Emulator::start().await;
    let response = emulator
        .get(&format!(
            "/api/Service/UsersLogin?login=demo&PASSWORD={DEMO_PASSWORD_MD5}&format=json"
        ))
        .await;
    assert_eq!(response.json()["ResultNumber"], 1);
}

#[tokio::test]
async fn values_are_percent_decoded_utf8() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let target = format!(
        "/api/Service/PartnersPasswordResetCreate?Email=ANTONINA%40bk.ru&Ticket={ticket}&Format=json"
    );
    assert_eq!(emulator.get(&target).await.json()["ResultNumber"], 1);

    let target = format!("/api/Service/PartnersLogin?Login=%D0%B0%D0%BD%D1%82%D0%BE%D0%BD%D0%B8%D0%BD%D0%B0&Password=x&Ticket={ticket}&Format=json");
    let answer = emulator.get(&target).await.json();
    assert_eq!(answer["ResultText"], "Покупатель не найден/Неверный пароль");
}

#[tokio::test]
async fn malformed_input_does_not_break_the_server() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let targets = [
        format!("/api/Service/PartnersGet?Id=%ZZ%C3%28&Ticket={ticket}&Format=json"),
        format!("/api/Service/PartnersGet?PartnersCode=99999999999999999999999&Ticket={ticket}&Format=json"),
        format!("/api/Service/FinInCome?Amount=%00&Ticket={ticket}&Format=json"),
        "/api/Service/PartnersGet?&&==&Ticket&Format=json".to_string(),
        "/api/Service/%FF%FE".to_string(),
    ];
    for target in &targets {
        let response = emulator.get(target).await;
        assert!(
            matches!(response.status, 200 | 400 | 404),
            "{target}: {}",
            response.status
        );
    }
    let response = emulator
        .get(&format!("/api/Service/UsersLogin?{LOGIN_QUERY}"))
        .await;
    assert_eq!(
        response.status, 200,
        "still serving after malformed requests"
    );
}

#[tokio::test]
async fn post_with_non_form_body_is_unsupported() {
    let emulator = Emulator::start().await;
    let headers = [("Content-Type", "application/json")];
    let body = br#"{"Login":"demo"}"#;
    let response = emulator
        .send("POST", "/api/Service/UsersLogin", &headers, body)
        .await;
    assert_eq!(response.status, 415);
}

#[tokio::test]
async fn form_content_type_with_charset_is_a_form() {
    let emulator = Emulator::start().await;
    let headers = [(
        "Content-Type",
        "application/x-www-form-urlencoded; charset=UTF-8",
    )];
    let body = format!("Login=demo&Password={DEMO_PASSWORD_MD5}&Format=json");
    let response = emulator
        .send("POST", "/api/Service/UsersLogin", &headers, body.as_bytes())
        .await;
    assert_eq!(response.json()["ResultNumber"], 1);
}

#[tokio::test]
async fn request_log_redacts_secrets() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    emulator
        .post_form(
            "/api/Service/PartnersCreate",
            &[
                ("Name", "Иванова"),
                ("Password", DEMO_PASSWORD_MD5),
                ("ConfirmPassword", DEMO_PASSWORD_MD5),
                ("Ticket", &ticket),
                ("PartnersTicket", "bb0c7c50-5f5a-47d4-b6c2-91b4ed8d211f"),
                ("Format", "json"),
            ],
        )
        .await;

    let log = emulator.get("/_emulator/requests").await;
    let text = log.text();
    assert!(!text.contains(DEMO_PASSWORD_MD5), "{text}");
    assert!(!text.contains(&ticket), "{text}");
    assert!(!text.contains("bb0c7c50"), "{text}");

    let log = log.json();
    assert_eq!(log["count"], 2);
    assert_eq!(
        log["requests"][0],
        json!({
            "seq": 1,
            "method": "GET",
            "path": "/api/Service/UsersLogin",
            "operation": "UsersLogin",
            "params": {"Login": "demo", "Password": "***", "Format": "json"},
            "status": 200,
            "fault": null,
            "armedFaultId": null,
            "applied": true
        })
    );
    assert_eq!(
        log["requests"][1]["params"],
        json!({
            "Name": "Иванова",
            "Password": "***",
            "ConfirmPassword": "***",
            "Ticket": "***",
            "PartnersTicket": "***",
            "Format": "json"
        })
    );
}

#[tokio::test]
async fn request_log_records_rejected_requests_only() {
    let emulator = Emulator::start().await;
    emulator.get("/api/Service/Nope?Ticket=secret").await;
    emulator.post_form("/api/Service/PartnersGet", &[]).await;
    emulator.get("/favicon.ico").await;
    emulator
        .send("OPTIONS", "/api/Service/PartnersGet", &[], b"")
        .await;
    emulator.get("/_emulator/ledger").await;
    emulator.get("/_emulator/nothing").await;

    let log = emulator.get("/_emulator/requests").await.json();
    assert_eq!(log["count"], 3);
    let requests = &log["requests"];
    assert_eq!(requests[0]["operation"], json!(null));
    assert_eq!(requests[0]["status"], 404);
    assert_eq!(requests[0]["params"]["Ticket"], "***");
    assert_eq!(requests[1]["operation"], "PartnersGet");
    assert_eq!(requests[1]["status"], 405);
    assert_eq!(requests[2]["path"], "/favicon.ico");
}

#[tokio::test]
async fn request_log_since_filter() {
    let emulator = Emulator::start().await;
    emulator.ticket().await;
    emulator.ticket().await;
    emulator.ticket().await;

    let log = emulator.get("/_emulator/requests?since=2").await.json();
    assert_eq!(log["count"], 1);
    assert_eq!(log["requests"][0]["seq"], 3);

    let log = emulator.get("/_emulator/requests?since=3").await.json();
    assert_eq!(log["count"], 0);
    assert_eq!(log["requests"], json!([]));

    let response = emulator.get("/_emulator/requests?since=abc").await;
    assert_eq!(response.status, 400);
}

#[tokio::test]
async fn reset_restores_seed_state() {
    let emulator = Emulator::start().await;
    let ticket = emulator.ticket().await;
    let transfer = [
        ("ValidationTransaction", "transaction"),
        ("AccountsRsCode", "15162"),
        ("AccountsKsCode", "100"),
        ("Amount", "10"),
        ("CurrencyCode", "1"),
        ("Ticket", ticket.as_str()),
    ];
    assert_eq!(
        emulator.call("FinInCome", &transfer).await["ResultText"],
        "Транзакция № 1187738"
    );
    emulator
        .call(
            "PartnersPasswordResetCreate",
            &[("Email", "antonina@bk.ru"), ("Ticket", &ticket)],
        )
        .await;

    let response = emulator.send("POST", "/_emulator/reset", &[], b"").await;
    assert_eq!(response.status, 200);

    let log = emulator.get("/_emulator/requests").await.json();
    assert_eq!(log["count"], 0);
    let resets = emulator.get("/_emulator/password-resets").await.json();
    assert_eq!(resets["count"], 0);
    let ledger = emulator.get("/_emulator/ledger").await.json();
    assert_eq!(ledger["transactions"], json!([]));

    let stale = emulator
        .call("CountriesListGet", &[("Ticket", &ticket)])
        .await;
    assert_eq!(stale["ResultText"], "Неверный или устаревший Ticket");

    let ticket = emulator.ticket().await;
    let transfer = [
        ("ValidationTransaction", "transaction"),
        ("AccountsRsCode", "15162"),
        ("AccountsKsCode", "100"),
        ("Amount", "10"),
        ("CurrencyCode", "1"),
        ("Ticket", ticket.as_str()),
    ];
    assert_eq!(
        emulator.call("FinInCome", &transfer).await["ResultText"],
        "Транзакция № 1187738"
    );
    let accounts = emulator
        .call(
            "AccountsListGet",
            &[
                ("AccountsShortName", "PLA"),
                ("PartnersCode", "24"),
                ("CurrencyCode", "1"),
                ("Ticket", &ticket),
            ],
        )
        .await;
    assert_eq!(accounts[0]["Stock"], json!(11));

    let seq_after_reset = emulator.get("/_emulator/requests").await.json();
    assert_eq!(seq_after_reset["requests"][0]["seq"], 1);
}

#[tokio::test]
async fn inspection_ledger_shows_balances_as_decimal_strings() {
    let emulator = Emulator::start().await;
    let ledger = emulator.get("/_emulator/ledger").await;
    assert_eq!(
        ledger.header("Content-Type"),
        Some("application/json; charset=utf-8")
    );
    let ledger = ledger.json();
    let demo_account = ledger["accounts"]
        .as_array()
        .and_then(|accounts| accounts.iter().find(|account| account["code"] == 15162))
        .cloned()
        .expect("account 15162 in the ledger");
    assert_eq!(
        demo_account,
        json!({
            "code": 15162,
            "longName": "ЛСК",
            "shortName": "PLA",
            "partnersCode": 24,
            "balances": {"1": "1.00", "3": "250.00", "6": "1234.50"}
        })
    );
}

#[cfg(unix)]
#[tokio::test]
async fn binary_prints_banner_and_stops_on_sigterm() {
    use tokio::io::{AsyncBufReadExt, BufReader};
    use tokio::process::Command;

    let mut child = Command::new(env!("CARGO_BIN_EXE_oksoft-emulator"))
        .args(["--port", "0", "--quiet"])
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("start the emulator binary");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut lines = BufReader::new(stdout).lines();

    let first = tokio::time::timeout(std::time::Duration::from_secs(30), lines.next_line())
        .await
        .expect("banner within 30 s")
        .expect("read stdout")
        .expect("a first line");
    let url = first
        .strip_prefix("OKsoft emulator listening on http://127.0.0.1:")
        .unwrap_or_else(|| panic!("unexpected first line: {first}"));
    let port: u16 = url.parse().expect("a port number");
    assert_ne!(port, 0);

    let mut rest = Vec::new();
    for _ in 0..2 {
        rest.push(
            lines
                .next_line()
                .await
                .expect("read stdout")
                .unwrap_or_default(),
        );
    }
    assert!(
        rest[0].contains("login demo, password demo (md5 FE01CE2A7FBAC8FAFAED7C982A04E229)"),
        "{rest:?}"
    );
    assert!(
        rest[1].contains("login 5518 or antonina, password demo, e-mail antonina@bk.ru"),
        "{rest:?}"
    );

    let emulator = Emulator {
        address: ([127, 0, 0, 1], port).into(),
    };
    let response = emulator
        .get(&format!("/api/Service/UsersLogin?{LOGIN_QUERY}"))
        .await;
    assert_eq!(response.json()["ResultNumber"], 1);

    let pid = child.id().expect("child pid").to_string();
    let signalled = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("run kill");
    assert!(signalled.success());
    let status = tokio::time::timeout(std::time::Duration::from_secs(30), child.wait())
        .await
        .expect("exit within 30 s after SIGTERM")
        .expect("wait for the child");
    assert!(status.success(), "exit status {status}");
}
