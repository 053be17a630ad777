//! Client behaviour against a scripted transport: login, fallback, renewal, failures.

use std::cell::RefCell;
use std::rc::Rc;

use futures_executor::block_on;

use super::config::ClientConfig;
use super::Client;
use crate::protocol::error::{ErrorCode, ErrorKind};
use crate::protocol::input::{number, text, Input};
use crate::protocol::request::WireRequest;
use crate::transport::{HttpResponse, Transport, TransportError};

type Reply = Result<HttpResponse, TransportError>;

/// Computes the reply from the request's wire name and full URL.
type ReplyFn = Box<dyn Fn(&str, &str) -> Reply>;

/// Answers each request with a closure of the request's wire name and URL, and records
/// every redacted URL it was sent.
struct ScriptedTransport {
    reply: ReplyFn,
    sent: Rc<RefCell<Vec<String>>>,
}

impl Transport for ScriptedTransport {
    async fn send(&self, request: &WireRequest, _timeout_ms: u32) -> Reply {
        self.sent.borrow_mut().push(request.redacted_url());
        (self.reply)(request.wire_name, &request.url())
    }
}

fn ok(body: &str) -> Reply {
    Ok(HttpResponse { status: 200, body: body.as_bytes().to_vec() })
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
    let transport = ScriptedTransport { reply: Box::new(reply), sent: sent.clone() };
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
        let countries = block_on(client.countries_list_get(&Input::new())).unwrap();
        assert_eq!(countries[0].code, 13);
    }
    assert_eq!(count(&sent, "/UsersLogin?"), 1);
    assert_eq!(count(&sent, "/CountriesListGet?"), 3);
    assert!(sent.borrow().iter().all(|url| !url.contains("T-1") && !url.contains("FE01CE")), "URLs are redacted");
}

#[test]
fn falls_back_to_user_login_on_404() {
    let (client, sent) = client(|name, _| match name {
        "UsersLogin" => Ok(HttpResponse { status: 404, body: b"Endpoint not found".to_vec() }),
        "UserLogin" => ok(LOGIN_OK),
        _ => ok(COUNTRIES),
    });
    block_on(client.countries_list_get(&Input::new())).unwrap();
    block_on(client.users_login(&Input::new())).unwrap();
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
    let countries = block_on(client.countries_list_get(&Input::new())).unwrap();
    assert_eq!(countries.len(), 1);
    assert_eq!(*logins.borrow(), 2);
}

#[test]
fn second_rejection_is_auth_error() {
    let (client, sent) = client(|name, _| match name {
        "UsersLogin" => ok(LOGIN_OK),
        _ => ok(TICKET_REJECTED),
    });
    let error = block_on(client.countries_list_get(&Input::new())).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Auth);
    assert_eq!(error.code, ErrorCode::TicketRejected);
    assert_eq!(count(&sent, "/UsersLogin?"), 2);
    assert_eq!(count(&sent, "/CountriesListGet?"), 2);
}

#[test]
fn refused_login_is_auth_error_for_the_call() {
    let (client, _) = client(|_, _| ok(r#"{"ResultNumber":-1,"ResultText":"Неправильный логин или пароль","Ticket":null}"#));
    let error = block_on(client.partners_get(&Input::new().with("partnersCode", number(24.0)))).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Auth);
    assert_eq!(error.code, ErrorCode::ServiceLoginFailed);
    assert_eq!(error.method, Some("UsersLogin"));
    assert_eq!(error.result_text.as_deref(), Some("Неправильный логин или пароль"));
}

#[test]
fn invalid_input_sends_nothing() {
    let (client, sent) = client(|_, _| ok(LOGIN_OK));
    let error = block_on(client.partners_get(&Input::new().with("partnersCode", text("abc")))).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Validation);
    assert_eq!(error.field(), Some("partnersCode"));
    assert!(sent.borrow().is_empty());
}

#[test]
fn transport_failures_are_typed() {
    let cases: [(Reply, ErrorKind, ErrorCode); 4] = [
        (Err(TransportError::Network("ECONNREFUSED".into())), ErrorKind::Network, ErrorCode::NetworkError),
        (Err(TransportError::Timeout), ErrorKind::Timeout, ErrorCode::Timeout),
        (Ok(HttpResponse { status: 503, body: b"<html>busy</html>".to_vec() }), ErrorKind::Http, ErrorCode::HttpError),
        (ok("<html><body>proxy login</body></html>"), ErrorKind::Decode, ErrorCode::HtmlResponse),
    ];
    for (reply, kind, code) in cases {
        let (client, _) = client(move |name, _| if name == "UsersLogin" { ok(LOGIN_OK) } else { reply.clone() });
        let error = block_on(client.sex_list_get(&Input::new())).unwrap_err();
        assert_eq!((error.kind, error.code), (kind, code));
        assert_eq!(error.method, Some("SexListGet"));
    }
}

#[test]
fn partner_not_found_from_empty_body() {
    let (client, _) = client(|name, _| if name == "UsersLogin" { ok(LOGIN_OK) } else { ok("") });
    let error = block_on(client.partners_get(&Input::new().with("id", text("nope")))).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Api);
    assert_eq!(error.code, ErrorCode::PartnerNotFound);
}

#[test]
fn users_login_returns_server_text() {
    let (client, sent) = client(|_, _| ok(r#"{"ResultNumber":2,"ResultText":"Добро пожаловать","Ticket":"T-9"}"#));
    let result = block_on(client.users_login(&Input::new())).unwrap();
    assert_eq!(result.result_number, 2);
    assert_eq!(result.result_text.as_deref(), Some("Добро пожаловать"));
    assert_eq!(count(&sent, "/UsersLogin?"), 1);
}
