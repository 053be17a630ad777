//! The HTTP surface: routes, verb rules, fault selection, CORS and request logging.

use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;

use crate::faults::{self, FaultSpec, Served};
use crate::inspect;
use crate::operations::Operation;
use crate::params::Params;
use crate::state::{App, RequestRecord};

const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// Summary of one request, attached to the response so that `log_request` can write
/// it in the request's log line.
#[derive(Clone)]
struct RequestSummary {
    /// Sequence number in the request log.
    seq: u64,
    operation: Option<&'static str>,
    result: String,
    /// The fault spec applied, as the request log shows it.
    fault: Option<String>,
    /// Whether the response closes the connection without sending anything.
    dropped: bool,
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
        .route(
            "/_emulator/faults",
            get(inspect::list_faults)
                .post(inspect::arm_fault)
                .delete(inspect::clear_faults),
        )
        .route("/_emulator/tickets/expire", post(inspect::expire_tickets))
        .fallback(serve_unknown_path)
        .layer(middleware::from_fn(cors))
        .layer(middleware::from_fn(log_request))
        .with_state(app)
}

/// Serves one OKsoft method call in a task of its own. hyper drops the handler future
/// when the client disconnects, so without the task a client that gives up during a
/// `latency` wait would cancel the operation and its request log entry. Servers commonly
/// finish the work in that case, so a client's timeout must not prevent it here either.
async fn serve_operation(
    State(app): State<App>,
    Path(method_name): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_string();
    let task = tokio::spawn(serve_call(app, method_name, method, uri, headers, body));
    match task.await {
        Ok(response) => response,
        Err(error) => {
            tracing::error!(%path, %error, "request task failed");
            plain_text(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal error: the emulator failed to serve this request; see its log"
                    .to_string(),
            )
        }
    }
}

/// Serves one OKsoft method call.
///
/// Parameters come from the query string and, for POST, from a form body. An invalid
/// `X-Emulator-Fault` header gets 400, unknown methods get 404, a verb the method does
/// not take gets 405, and a POST body that is not a form gets 415. Otherwise the
/// operation runs under the header's fault, or else under the oldest armed fault that
/// applies to it. Every call is recorded in the request log with its status.
async fn serve_call(
    app: App,
    method_name: String,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let is_form_post = method == Method::POST && is_form(&headers);
    let form_body: &[u8] = if is_form_post { &body } else { b"" };
    let params = Params::parse(form_body, uri.query());
    let operation = Operation::from_method_name(&method_name);
    let header_fault = faults::header_spec(&headers, operation);

    let mut fault_text = None;
    let mut armed_fault_id = None;
    let mut header_error = None;
    let served = match (operation, header_fault) {
        (_, Err(message)) => {
            header_error = Some(message.clone());
            rejected(plain_text(StatusCode::BAD_REQUEST, message))
        }
        (None, Ok(_)) => rejected(plain_text(
            StatusCode::NOT_FOUND,
            format!("unknown OKsoft method \"{method_name}\""),
        )),
        (Some(operation), Ok(_)) if !operation.allowed_methods().contains(&method) => {
            rejected(method_not_allowed(operation))
        }
        (Some(_), Ok(_)) if method == Method::POST && !is_form_post => rejected(plain_text(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("unsupported Content-Type: send POST parameters as {FORM_CONTENT_TYPE}"),
        )),
        (Some(operation), Ok(header_fault)) => {
            let (fault, armed_id) = choose_fault(&app, operation, header_fault);
            armed_fault_id = armed_id;
            fault_text = fault.as_ref().map(ToString::to_string);
            faults::serve_with_fault(&app, operation, &params, fault.as_ref()).await
        }
    };

    let operation_name = operation.map(Operation::name);
    let status = (!served.dropped).then(|| served.response.status().as_u16());
    let seq = app.lock().requests.record(RequestRecord {
        method: method.to_string(),
        path: uri.path().to_string(),
        operation: operation_name,
        params: params.redacted_pairs(),
        status,
        fault: fault_text.clone(),
        armed_fault_id,
        applied: served.applied,
    });
    if let Some(error) = header_error {
        tracing::warn!(
            seq,
            operation = operation_name.unwrap_or("unknown"),
            %error,
            "request rejected with 400"
        );
    }

    let summary = RequestSummary {
        seq,
        operation: operation_name,
        result: served.result,
        fault: fault_text,
        dropped: served.dropped,
    };
    with_summary(served.response, summary)
}

/// Returns the fault for a call and, for an armed fault, its id. A header fault wins and
/// leaves armed faults for later calls. Otherwise one use of the oldest armed fault that
/// applies to `operation` is taken.
fn choose_fault(
    app: &App,
    operation: Operation,
    header_fault: Option<FaultSpec>,
) -> (Option<FaultSpec>, Option<u64>) {
    if header_fault.is_some() {
        return (header_fault, None);
    }
    match app.lock().armed_faults.take(operation) {
        Some((id, spec)) => (Some(spec), Some(id)),
        None => (None, None),
    }
}

/// Pairs a response that rejects the request before the operation runs with its status
/// text for the log line.
fn rejected(response: Response) -> Served {
    let result = response
        .status()
        .canonical_reason()
        .unwrap_or("rejected")
        .to_string();
    Served {
        response,
        result,
        applied: false,
        dropped: false,
    }
}

/// Returns 404 for paths outside the API. They are recorded in the request log too,
/// except inspection paths, so that tests see every request a client sent.
async fn serve_unknown_path(State(app): State<App>, method: Method, uri: Uri) -> Response {
    let path = uri.path();
    if !path.starts_with("/_emulator/") {
        let params = Params::parse(b"", uri.query());
        app.lock().requests.record(RequestRecord {
            method: method.to_string(),
            path: path.to_string(),
            operation: None,
            params: params.redacted_pairs(),
            status: Some(StatusCode::NOT_FOUND.as_u16()),
            fault: None,
            armed_fault_id: None,
            applied: false,
        });
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

fn plain_text(status: StatusCode, message: String) -> Response {
    let content_type = [(header::CONTENT_TYPE, "text/plain; charset=utf-8")];
    (status, content_type, message).into_response()
}

fn with_summary(mut response: Response, summary: RequestSummary) -> Response {
    response.extensions_mut().insert(summary);
    response
}

/// Responds to CORS preflight requests (`OPTIONS` on any path) with 204 and adds the CORS
/// headers to every response, so that browser pages on any origin can call the emulator,
/// send `X-Emulator-Fault` and read `Retry-After`.
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
        HeaderValue::from_static("Content-Type, X-Emulator-Fault"),
    );
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("Retry-After"),
    );
    headers.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
    response
}

/// Writes one log line per request: method, path (never the query string, which may
/// hold passwords and tickets), status, and for OKsoft methods the request log sequence
/// number, operation, fault and result. A dropped connection has no status.
async fn log_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let response = next.run(request).await;

    let status = response.status().as_u16();
    match response.extensions().get::<RequestSummary>() {
        Some(summary) if summary.dropped => tracing::info!(
            %method,
            %path,
            seq = summary.seq,
            operation = summary.operation.unwrap_or("unknown"),
            fault = summary.fault.as_deref().unwrap_or("none"),
            result = %summary.result,
            "request"
        ),
        Some(summary) => tracing::info!(
            %method,
            %path,
            status,
            seq = summary.seq,
            operation = summary.operation.unwrap_or("unknown"),
            fault = summary.fault.as_deref().unwrap_or("none"),
            result = %summary.result,
            "request"
        ),
        None => tracing::info!(%method, %path, status, "request"),
    }
    response
}
