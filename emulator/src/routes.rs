//! The HTTP surface: routes, verb rules, CORS, request logging and the choice between
//! JSON and XML response bodies.

use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;
use chrono::Utc;

use crate::inspect;
use crate::operations::{perform, Operation, Reply};
use crate::params::Params;
use crate::state::App;
use crate::value::Value;
use crate::xml;

const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// Summary of one request, attached to the response so that `log_request` can write
/// it in the request's log line.
#[derive(Clone)]
struct RequestSummary {
    operation: Option<&'static str>,
    result: String,
}

/// Builds the router: OKsoft methods under both `/api/Service/` and `/api/Service.svc/`,
/// the inspection API under `/_emulator/`, CORS on every response and one log line per
/// request.
pub fn router(app: App) -> Router {
    Router::new()
        .route("/api/Service/{method}", any(serve_operation))
        .route("/api/Service.svc/{method}", any(serve_operation))
        .route("/_emulator/requests", get(inspect::requests))
        .route("/_emulator/ledger", get(inspect::ledger))
        .route("/_emulator/password-resets", get(inspect::password_resets))
        .route("/_emulator/reset", post(inspect::reset))
        .fallback(serve_unknown_path)
        .layer(middleware::from_fn(cors))
        .layer(middleware::from_fn(log_request))
        .with_state(app)
}

/// Serves one OKsoft method call.
///
/// Parameters come from the query string and, for POST, from a form body. Unknown
/// methods get 404, a verb the method does not take gets 405, and a POST body that is
/// not a form gets 415. Every call is recorded in the request log with its status.
async fn serve_operation(
    State(app): State<App>,
    Path(method_name): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let is_form_post = method == Method::POST && is_form(&headers);
    let form_body: &[u8] = if is_form_post { &body } else { b"" };
    let params = Params::parse(form_body, uri.query());
    let operation = Operation::from_method_name(&method_name);

    let (response, result) = match operation {
        None => rejection(plain_text(
            StatusCode::NOT_FOUND,
            format!("unknown OKsoft method \"{method_name}\""),
        )),
        Some(operation) if !operation.allowed_methods().contains(&method) => {
            rejection(method_not_allowed(operation))
        }
        Some(_) if method == Method::POST && !is_form_post => rejection(plain_text(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("unsupported Content-Type: send POST parameters as {FORM_CONTENT_TYPE}"),
        )),
        Some(operation) => {
            let reply = perform(operation, &mut app.lock(), &params, Utc::now());
            let result = describe(&reply);
            (render(operation, reply, params.wants_json()), result)
        }
    };

    let operation_name = operation.map(Operation::name);
    app.lock().requests.record(
        method.to_string(),
        uri.path().to_string(),
        operation_name,
        params.redacted_pairs(),
        response.status().as_u16(),
    );
    with_summary(response, operation_name, result)
}

/// Pairs a response that rejects the request with its status text for the log line.
fn rejection(response: Response) -> (Response, String) {
    let result = response
        .status()
        .canonical_reason()
        .unwrap_or("rejected")
        .to_string();
    (response, result)
}

/// Returns 404 for paths outside the API. They are recorded in the request log too,
/// except inspection paths, so that tests see every request a client sent.
async fn serve_unknown_path(State(app): State<App>, method: Method, uri: Uri) -> Response {
    let path = uri.path();
    if !path.starts_with("/_emulator/") {
        let params = Params::parse(b"", uri.query());
        app.lock().requests.record(
            method.to_string(),
            path.to_string(),
            None,
            params.redacted_pairs(),
            StatusCode::NOT_FOUND.as_u16(),
        );
    }
    plain_text(
        StatusCode::NOT_FOUND,
        "not found: OKsoft methods are served at /api/Service/{Method} and /api/Service.svc/{Method}".to_string(),
    )
}

/// Checks whether the request body is a form. A body without a Content-Type is read as a form too.
fn is_form(headers: &HeaderMap) -> bool {
    let Some(content_type) = headers.get(header::CONTENT_TYPE) else {
        return true;
    };
    let essence = content_type
        .to_str()
        .unwrap_or_default()
        .split(';')
        .next()
        .unwrap_or_default()
        .trim();
    essence.eq_ignore_ascii_case(FORM_CONTENT_TYPE)
}

fn method_not_allowed(operation: Operation) -> Response {
    let allowed: Vec<&str> = operation
        .allowed_methods()
        .iter()
        .map(Method::as_str)
        .collect();
    let allowed = allowed.join(", ");
    let message = format!("{} accepts only {allowed}", operation.name());
    let mut response = plain_text(StatusCode::METHOD_NOT_ALLOWED, message);
    if let Ok(value) = HeaderValue::from_str(&allowed) {
        response.headers_mut().insert(header::ALLOW, value);
    }
    response
}

/// Renders a reply as JSON when the request has `Format=json`, otherwise as XML.
/// An empty reply stays an empty body in both cases.
fn render(operation: Operation, reply: Reply, wants_json: bool) -> Response {
    let document = match reply {
        Reply::Empty => return StatusCode::OK.into_response(),
        Reply::Document(document) => document,
    };
    if wants_json {
        let content_type = [(header::CONTENT_TYPE, "application/json; charset=utf-8")];
        (content_type, document.to_json()).into_response()
    } else {
        let content_type = [(header::CONTENT_TYPE, "application/xml; charset=utf-8")];
        (content_type, xml::render(operation.name(), &document)).into_response()
    }
}

/// Describes a reply for the log line: its `ResultNumber`, the length of a list or an
/// empty body.
fn describe(reply: &Reply) -> String {
    match reply {
        Reply::Empty => "empty body".to_string(),
        Reply::Document(Value::List(items)) => format!("list of {}", items.len()),
        Reply::Document(document) => match document.field("ResultNumber") {
            Some(Value::Integer(number)) => format!("ResultNumber {number}"),
            _ => "object".to_string(),
        },
    }
}

fn plain_text(status: StatusCode, message: String) -> Response {
    let content_type = [(header::CONTENT_TYPE, "text/plain; charset=utf-8")];
    (status, content_type, message).into_response()
}

fn with_summary(
    mut response: Response,
    operation: Option<&'static str>,
    result: String,
) -> Response {
    response
        .extensions_mut()
        .insert(RequestSummary { operation, result });
    response
}

/// Responds to CORS preflight requests (`OPTIONS` on any path) with 204 and adds the CORS
/// headers to every response, so that browser pages on any origin can call the emulator.
async fn cors(request: Request, next: Next) -> Response {
    let mut response = if request.method() == Method::OPTIONS {
        StatusCode::NO_CONTENT.into_response()
    } else {
        next.run(request).await
    };

    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, OPTIONS"),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("Content-Type"),
    );
    headers.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
    response
}

/// Writes one log line per request: method, path (never the query string, which may
/// hold passwords and tickets), status, and for OKsoft methods the operation and result.
async fn log_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let response = next.run(request).await;

    let status = response.status().as_u16();
    match response.extensions().get::<RequestSummary>() {
        Some(summary) => tracing::info!(
            %method,
            %path,
            status,
            operation = summary.operation.unwrap_or("unknown"),
            result = %summary.result,
            "request"
        ),
        None => tracing::info!(%method, %path, status, "request"),
    }
    response
}
