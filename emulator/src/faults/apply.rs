//! Runs one operation call under a fault spec, or normally without one.

use axum::response::Response;
use chrono::Utc;

use super::{responses, FaultSpec, Outcome};
use crate::operations::{perform, ticket_rejected, Operation, Reply};
use crate::params::Params;
use crate::render::{describe, render};
use crate::state::App;

/// The response to an operation call, with what the request log and log line record.
pub struct Served {
    pub response: Response,
    /// The result for the log line, such as "ResultNumber 1".
    pub result: String,
    /// Whether the operation ran.
    pub applied: bool,
    /// Whether the response closes the connection without sending anything.
    pub dropped: bool,
}

/// Runs `operation` with `params` under `fault`. The store lock is not held during the
/// `latency` wait, so other requests go on meanwhile.
pub async fn serve_with_fault(
    app: &App,
    operation: Operation,
    params: &Params,
    fault: Option<&FaultSpec>,
) -> Served {
    let Some(fault) = fault else {
        return run(app, operation, params, None);
    };
    if let Some(latency) = fault.latency {
        tokio::time::sleep(latency).await;
    }

    let not_applied = |response: Response, result: &str| Served {
        response,
        result: result.to_string(),
        applied: false,
        dropped: false,
    };
    match fault.outcome {
        None => run(app, operation, params, Some(fault)),
        Some(Outcome::ServerError(status)) => not_applied(
            responses::server_error(status),
            "server error sent by fault",
        ),
        Some(Outcome::RateLimit {
            retry_after_seconds,
        }) => not_applied(
            responses::rate_limited(retry_after_seconds, params.wants_json()),
            "rate limit sent by fault",
        ),
        Some(Outcome::Html) => not_applied(responses::html_page(), "HTML page sent by fault"),
        Some(Outcome::Empty) => not_applied(responses::empty(), "empty body sent by fault"),
        Some(Outcome::DropBefore) => Served {
            response: responses::connection_drop(),
            result: "connection closed before the operation ran".to_string(),
            applied: false,
            dropped: true,
        },
        Some(Outcome::DropAfter) => {
            let served = run(app, operation, params, None);
            Served {
                response: responses::connection_drop(),
                result: format!(
                    "{}, then connection closed without the response",
                    served.result
                ),
                applied: served.applied,
                dropped: true,
            }
        }
        Some(Outcome::ExpireTicket) => expire_ticket(app, operation, params, fault),
    }
}

/// Runs the operation and applies the body changes of `fault`, if any.
fn run(app: &App, operation: Operation, params: &Params, fault: Option<&FaultSpec>) -> Served {
    let performed = perform(operation, &mut app.lock(), params, Utc::now());
    respond(
        performed.reply,
        operation,
        params,
        fault,
        performed.ran,
        String::new(),
    )
}

/// Invalidates the request's Ticket and sends the bad-ticket envelope, with the body
/// changes of `fault`. A request without a valid Ticket gets the same envelope.
fn expire_ticket(app: &App, operation: Operation, params: &Params, fault: &FaultSpec) -> Served {
    let revoked = params
        .text("Ticket")
        .and_then(|ticket| app.lock().service_tickets.revoke(ticket));
    let note = match revoked {
        Some(serial) => format!("ticket {serial} expired by fault, "),
        None => "no valid ticket to expire, ".to_string(),
    };
    respond(
        ticket_rejected(),
        operation,
        params,
        Some(fault),
        false,
        note,
    )
}

fn respond(
    reply: Reply,
    operation: Operation,
    params: &Params,
    fault: Option<&FaultSpec>,
    applied: bool,
    note: String,
) -> Served {
    let result = note + &describe(&reply);
    let mut body = render(operation, reply, params.wants_json());
    if let Some(fault) = fault {
        body = responses::change_body(body, fault, operation);
    }
    Served {
        response: body.into_response(),
        result,
        applied,
        dropped: false,
    }
}
