//! Client behaviour against a scripted transport: login, fallback, renewal, failures.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use futures_executor::block_on;

use super::config::ClientConfig;
use super::Client;
use crate::protocol::error::{ErrorCode, ErrorKind};
use crate::protocol::locale::Locale;
use crate::protocol::input::{number, text, Input};
use crate::protocol::request::WireRequest;
use crate::client::retry::CallOptions;
use crate::transport::{HttpResponse, Transport, TransportError};

const NO_OPTIONS: CallOptions<()> = CallOptions { timeout_ms: None, max_retries: None, signal: None };

type Reply = Result<HttpResponse, TransportError>;

/// Computes the reply from the request's wire name and full URL.
type ReplyFn = Box<dyn Fn(&str, &str) -> Reply>;

/// Answers each request with a closure of the request's wire name and URL, records
/// every redacted URL it was sent and every wait, and never really waits.
struct ScriptedTransport {
    reply: ReplyFn,
    sent: Rc<RefCell<Vec<String>>>,
    waits: WaitLog,
    /// Whether each wait ends as if the caller's signal fired during it.
    aborts_waits: Cell<bool>,
}

impl Transport for ScriptedTransport {
    type Signal = ();

    async fn send(&self, request: &WireRequest, _timeout_ms: u32, _signal: Option<&()>) -> Reply {
        self.sent.borrow_mut().push(request.redacted_url());
        (self.reply)(request.wire_name, &request.url())
    }

    async fn sleep(&self, delay_ms: u32, _signal: Option<&()>) -> Result<(), TransportError> {
        self.waits.borrow_mut().push(delay_ms);
        if self.aborts_waits.get() {
            return Err(TransportError::Aborted { before_send: true });
        }
        Ok(())
    }

    fn is_aborted(&self, _signal: &()) -> bool {
        false
    }

    fn random(&self) -> f64 {
        0.5
    }
}

fn ok(body: &str) -> Reply {
    Ok(HttpResponse::new(200, body.as_bytes().to_vec()))
}

const LOGIN_OK: &str = r#"{"ResultNumber":1,"ResultText":"OK","Ticket":"T-1"}"#;
const COUNTRIES: &str = r#"[{"Code":13,"Name":"Россия","Kod":null}]"#;
const TICKET_REJECTED: &str = r#"{"ResultNumber":-1,"ResultText":"Неверный или устаревший Ticket","ResultCodeValue":null,"OptionalValues":[]}"#;

fn client(reply: impl Fn(&str, &str) -> Reply + 'static) -> (Client<ScriptedTransport>, Rc<RefCell<Vec<String>>>) {
    let options = Input::new()
        .with("baseUrl", text("http://127.0.0.1:9"))
        .with("login", text("demo"))
        .with("password", text("demo"));
    let config = ClientConfig::from_input(&options).unwrap();
    let sent = Rc::new(RefCell::new(Vec::new()));
    let transport = ScriptedTransport { reply: Box::new(reply), sent: sent.clone(), waits: Rc::new(RefCell::new(Vec::new())), aborts_waits: Cell::new(false) };
    (Client::new(config, transport), sent)
}

fn count(sent: &Rc<RefCell<Vec<String>>>, fragment: &str) -> usize {
    sent.borrow().iter().filter(|url| url.contains(fragment)).count()
}

#[test]
fn logs_in_once_then_reuses_ticket() {
    let (client, sent) = client(|name, url| match name {
        "UsersLogin" => ok(LOGIN_OK),
        _ if url.contains("Ticket=T-1") => ok(COUNTRIES),
        _ => ok(TICKET_REJECTED),
    });
    for _ in 0..3 {
        let countries = block_on(client.countries_list_get(&Input::new(), &NO_OPTIONS)).unwrap();
        assert_eq!(countries[0].code, 13);
    }
    assert_eq!(count(&sent, "/UsersLogin?"), 1);
    assert_eq!(count(&sent, "/CountriesListGet?"), 3);
    assert!(sent.borrow().iter().all(|url| !url.contains("T-1") && !url.contains("FE01CE")), "URLs are redacted");
}

#[test]
fn falls_back_to_user_login_on_404() {
    let (client, sent) = client(|name, _| match name {
        "UsersLogin" => Ok(HttpResponse::new(404, b"Endpoint not found".to_vec())),
        "UserLogin" => ok(LOGIN_OK),
        _ => ok(COUNTRIES),
    });
    block_on(client.countries_list_get(&Input::new(), &NO_OPTIONS)).unwrap();
    block_on(client.users_login(&Input::new(), &NO_OPTIONS)).unwrap();
    assert_eq!(count(&sent, "/UsersLogin?"), 1, "the 404 spelling is tried only once");
    assert_eq!(count(&sent, "/UserLogin?"), 2);
}

#[test]
fn renews_rejected_ticket_once() {
    let logins = Rc::new(RefCell::new(0));
    let counter = logins.clone();
    let (client, _) = client(move |name, url| match name {
        "UsersLogin" => {
            *counter.borrow_mut() += 1;
            ok(&format!(r#"{{"ResultNumber":1,"ResultText":"OK","Ticket":"T-{}"}}"#, counter.borrow()))
        }
        _ if url.contains("Ticket=T-2") => ok(COUNTRIES),
        _ => ok(TICKET_REJECTED),
    });
    let countries = block_on(client.countries_list_get(&Input::new(), &NO_OPTIONS)).unwrap();
    assert_eq!(countries.len(), 1);
    assert_eq!(*logins.borrow(), 2);
}

#[test]
fn second_rejection_is_auth_error() {
    let (client, sent) = client(|name, _| match name {
        "UsersLogin" => ok(LOGIN_OK),
        _ => ok(TICKET_REJECTED),
    });
    let error = block_on(client.countries_list_get(&Input::new(), &NO_OPTIONS)).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Auth);
    assert_eq!(error.code, ErrorCode::TicketRejected);
    assert_eq!(count(&sent, "/UsersLogin?"), 2);
    assert_eq!(count(&sent, "/CountriesListGet?"), 2);
}

#[test]
fn refused_login_is_auth_error_for_the_call() {
    let (client, _) = client(|_, _| ok(r#"{"ResultNumber":-1,"ResultText":"Неправильный логин или пароль","Ticket":null}"#));
    let error = block_on(client.partners_get(&Input::new().with("partnersCode", number(24.0)), &NO_OPTIONS)).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Auth);
    assert_eq!(error.code, ErrorCode::ServiceLoginFailed);
    assert_eq!(error.method, Some("UsersLogin"));
    assert_eq!(error.result_text.as_deref(), Some("Неправильный логин или пароль"));
}

#[test]
fn invalid_input_sends_nothing() {
    let (client, sent) = client(|_, _| ok(LOGIN_OK));
    let error = block_on(client.partners_get(&Input::new().with("partnersCode", text("abc")), &NO_OPTIONS)).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Validation);
    assert_eq!(error.field(), Some("partnersCode"));
    assert!(sent.borrow().is_empty());
}

#[test]
fn transport_failures_are_typed() {
    let cases: [(Reply, ErrorKind, ErrorCode); 4] = [
        (Err(TransportError::Network { detail: "ECONNREFUSED".into(), before_send: true }), ErrorKind::Network, ErrorCode::NetworkError),
        (Err(TransportError::Timeout), ErrorKind::Timeout, ErrorCode::Timeout),
        (Ok(HttpResponse::new(503, b"<html>busy</html>".to_vec())), ErrorKind::Http, ErrorCode::HttpError),
        (ok("<html><body>proxy login</body></html>"), ErrorKind::Decode, ErrorCode::HtmlResponse),
    ];
    for (reply, kind, code) in cases {
        let (client, _) = client(move |name, _| if name == "UsersLogin" { ok(LOGIN_OK) } else { reply.clone() });
        let error = block_on(client.sex_list_get(&Input::new(), &NO_OPTIONS)).unwrap_err();
        assert_eq!((error.kind, error.code), (kind, code));
        assert_eq!(error.method, Some("SexListGet"));
    }
}

#[test]
fn partner_not_found_from_empty_body() {
    let (client, _) = client(|name, _| if name == "UsersLogin" { ok(LOGIN_OK) } else { ok("") });
    let error = block_on(client.partners_get(&Input::new().with("id", text("nope")), &NO_OPTIONS)).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Api);
    assert_eq!(error.code, ErrorCode::PartnerNotFound);
}

#[test]
fn users_login_returns_server_text() {
    let (client, sent) = client(|_, _| ok(r#"{"ResultNumber":2,"ResultText":"Добро пожаловать","Ticket":"T-9"}"#));
    let result = block_on(client.users_login(&Input::new(), &NO_OPTIONS)).unwrap();
    assert_eq!(result.result_number, 2);
    assert_eq!(result.result_text.as_deref(), Some("Добро пожаловать"));
    assert_eq!(count(&sent, "/UsersLogin?"), 1);
}

/// Delays the scripted transport was asked to wait, in milliseconds.
type WaitLog = Rc<RefCell<Vec<u32>>>;

/// A client whose transport returns `reply` for every call but UsersLogin, with the
/// recorded URLs and waits.
fn failing_client(reply: Reply) -> (Client<ScriptedTransport>, Rc<RefCell<Vec<String>>>, WaitLog) {
    let (client, sent) = client(move |name, _| if name == "UsersLogin" { ok(LOGIN_OK) } else { reply.clone() });
    let waits = client.inner.transport.waits.clone();
    (client, sent, waits)
}

fn fin_input(mode: &str) -> Input {
    Input::new()
        .with("validationTransaction", text(mode))
        .with("accountsRsCode", number(15162.0))
        .with("accountsKsCode", number(100.0))
        .with("amount", text("10.00"))
        .with("currencyCode", number(1.0))
}

#[test]
fn idempotent_calls_retry_twice() {
    let cases: [Reply; 5] = [
        Err(TransportError::Network { detail: "socket hang up".into(), before_send: false }),
        Err(TransportError::Timeout),
        Ok(HttpResponse::new(502, b"bad gateway".to_vec())),
        Ok(HttpResponse::new(503, Vec::new())),
        Ok(HttpResponse::new(504, Vec::new())),
    ];
    for reply in cases {
        let (client, sent, waits) = failing_client(reply.clone());
        let error = block_on(client.partners_get(&Input::new().with("partnersCode", number(24.0)), &NO_OPTIONS)).unwrap_err();
        assert_ne!(error.kind, ErrorKind::OutcomeUnknown, "{reply:?}");
        assert_eq!(count(&sent, "/PartnersGet?"), 3, "{reply:?}");
        assert_eq!(*waits.borrow(), vec![125, 250], "full jitter at random 0.5: {reply:?}");
    }
}

#[test]
fn retry_count_follows_options() {
    let reply = Err(TransportError::Timeout);
    let (client, sent, _) = failing_client(reply);
    let options = CallOptions { timeout_ms: None, max_retries: Some(0), signal: None };
    block_on(client.sex_list_get(&Input::new(), &options)).unwrap_err();
    assert_eq!(count(&sent, "/SexListGet?"), 1);

    let options = CallOptions { timeout_ms: None, max_retries: Some(5), signal: None };
    block_on(client.sex_list_get(&Input::new(), &options)).unwrap_err();
    assert_eq!(count(&sent, "/SexListGet?"), 7);
}

#[test]
fn rate_limit_honours_retry_after() {
    let limited = Ok(HttpResponse { status: 429, body: Vec::new(), retry_after_ms: Some(3_000) });
    let (client, sent, waits) = failing_client(limited);
    let error = block_on(client.currencies_list(&Input::new(), &NO_OPTIONS)).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Http);
    assert_eq!(error.status, Some(429));
    assert_eq!(count(&sent, "/CurrenciesList?"), 3);
    assert_eq!(*waits.borrow(), vec![3_000, 3_000]);
}

#[test]
fn long_retry_after_fails_at_once() {
    let limited = Ok(HttpResponse { status: 429, body: Vec::new(), retry_after_ms: Some(60_000) });
    let (client, sent, waits) = failing_client(limited);
    let error = block_on(client.currencies_list(&Input::new(), &NO_OPTIONS)).unwrap_err();
    assert_eq!(error.status, Some(429));
    assert_eq!(count(&sent, "/CurrenciesList?"), 1);
    assert!(waits.borrow().is_empty());
}

#[test]
fn other_statuses_not_retried() {
    for status in [400, 404, 500] {
        let (client, sent, _) = failing_client(Ok(HttpResponse::new(status, Vec::new())));
        block_on(client.countries_list_get(&Input::new(), &NO_OPTIONS)).unwrap_err();
        assert_eq!(count(&sent, "/CountriesListGet?"), 1, "{status}");
    }
}

#[test]
fn transactions_never_retried() {
    let failures: [Reply; 4] = [
        Err(TransportError::Timeout),
        Err(TransportError::Network { detail: "other side closed".into(), before_send: false }),
        Ok(HttpResponse::new(503, Vec::new())),
        Ok(HttpResponse::new(200, b"<html>proxy</html>".to_vec())),
    ];
    for reply in failures {
        let (client, sent, waits) = failing_client(reply.clone());
        let error = block_on(client.fin_in_come(&fin_input("transaction"), &NO_OPTIONS)).unwrap_err();
        assert_eq!(error.kind, ErrorKind::OutcomeUnknown, "{reply:?}");
        assert_eq!(count(&sent, "/FinInCome?"), 1, "{reply:?}");
        assert!(waits.borrow().is_empty());
        let amount = error.request_params.iter().find(|(name, _)| *name == "Amount").map(|(_, value)| value.as_str());
        assert_eq!(amount, Some("10.00"));
        let ticket = error.request_params.iter().find(|(name, _)| *name == "Ticket").map(|(_, value)| value.as_str());
        assert_eq!(ticket, Some("***"));
        assert!(error.message(Locale::En).contains("AccountsListGet"), "{}", error.message(Locale::En));
        assert!(error.message(Locale::Ru).contains("могла выполниться"), "{}", error.message(Locale::Ru));
    }
}

#[test]
fn validation_mode_is_retried() {
    let (client, sent, _) = failing_client(Err(TransportError::Timeout));
    let error = block_on(client.fin_out_come(&fin_input("validation"), &NO_OPTIONS)).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Timeout);
    assert_eq!(count(&sent, "/FinOutCome?"), 3);
}

#[test]
fn unsent_failure_is_safe_to_repeat() {
    let refused = Err(TransportError::Network { detail: "fetch failed (ECONNREFUSED)".into(), before_send: true });
    let (client, sent, _) = failing_client(refused);
    let error = block_on(client.partners_create(&Input::new()
        .with("name", text("Иванов"))
        .with("firstName", text("Иван"))
        .with("email", text("ivan@example.ru"))
        .with("birthday", text("1990-01-01")), &NO_OPTIONS)).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Network);
    assert!(error.not_sent);
    assert_eq!(count(&sent, "/PartnersCreate?"), 1);
    assert!(error.message(Locale::En).contains("safe to repeat"), "{}", error.message(Locale::En));
}

#[test]
fn rate_limited_transaction_is_plain_http_error() {
    let limited = Ok(HttpResponse { status: 429, body: Vec::new(), retry_after_ms: Some(1_000) });
    let (client, sent, _) = failing_client(limited);
    let error = block_on(client.fin_in_come(&fin_input("transaction"), &NO_OPTIONS)).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Http, "a 429 was not processed, so its outcome is known");
    assert_eq!(count(&sent, "/FinInCome?"), 1);
}

#[test]
fn aborted_call_is_not_retried() {
    let (client, sent, _) = failing_client(Err(TransportError::Aborted { before_send: false }));
    let error = block_on(client.partners_get(&Input::new().with("id", text("5518")), &NO_OPTIONS)).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Aborted);
    assert_eq!(count(&sent, "/PartnersGet?"), 1);
}

#[test]
fn abort_while_waiting_after_sent_attempt() {
    // The 503 came from the server, so the abort in the wait before the retry cannot
    // claim that nothing was sent.
    let (client, sent, _) = failing_client(Ok(HttpResponse::new(503, Vec::new())));
    client.inner.transport.aborts_waits.set(true);
    let error = block_on(client.partners_get(&Input::new().with("id", text("5518")), &NO_OPTIONS)).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Aborted);
    assert!(!error.not_sent);
    assert_eq!(count(&sent, "/PartnersGet?"), 1);
}

#[test]
fn abort_while_waiting_after_refused_attempt() {
    let connection_refused = Err(TransportError::Network { detail: "connect ECONNREFUSED".into(), before_send: true });
    let (client, _, _) = failing_client(connection_refused);
    client.inner.transport.aborts_waits.set(true);
    let error = block_on(client.partners_get(&Input::new().with("id", text("5518")), &NO_OPTIONS)).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Aborted);
    assert!(error.not_sent, "no attempt reached the server");
}

#[test]
fn rate_limit_after_sent_attempt() {
    // The 503 came from the server, and the 429 of the retry does not undo that.
    let replies = RefCell::new(vec![Ok(HttpResponse::new(429, Vec::new())), Ok(HttpResponse::new(503, Vec::new()))]);
    let (client, sent) = client(move |name, _| if name == "UsersLogin" { ok(LOGIN_OK) } else { replies.borrow_mut().pop().unwrap() });
    let options = CallOptions { timeout_ms: None, max_retries: Some(1), signal: None };
    let error = block_on(client.partners_get(&Input::new().with("id", text("5518")), &options)).unwrap_err();
    assert_eq!(error.status, Some(429));
    assert!(!error.not_sent);
    assert_eq!(count(&sent, "/PartnersGet?"), 2);
}
