//! Fault modes for reliability tests of clients: slow responses, gateway errors, rate
//! limits, dropped connections, malformed bodies and expired tickets.
//!
//! A fault spec is a comma-separated list such as `latency=2000,status=503`. It comes
//! from the `X-Emulator-Fault` header of one request, or is armed ahead of time for the
//! next requests through `POST /_emulator/faults` (see `armed.rs`). `apply.rs` runs an
//! operation under a spec, and `responses.rs` builds the responses that faults send.
//!
//! - `latency=MS`: waits MS milliseconds first, at most 60 000 (larger values are capped).
//! - `status=500|502|503|504`: that status with an HTML error page; the operation does not run.
//! - `rate-limit=SECONDS`: 429 with `Retry-After: SECONDS`; the operation does not run.
//! - `drop-before`: closes the connection without a response; the operation does not run.
//! - `drop-after`: runs the operation, then closes the connection without a response.
//! - `html`: 200 with an HTML page; the operation does not run.
//! - `empty`: 200 with an empty body; the operation does not run.
//! - `bom`, `wrap=d`, `wrap=result`, `truncate`: run the operation and change its body.
//! - `expire-ticket`: invalidates the request's Ticket and returns the bad-ticket envelope.

mod apply;
mod armed;
mod responses;

use std::fmt;
use std::time::Duration;

use axum::http::{HeaderMap, StatusCode};

pub use apply::{serve_with_fault, Served};
pub use armed::{parse_arm_request, ArmedFault, ArmedFaults};

use crate::operations::Operation;

/// The request header that carries a fault spec for that request only.
pub const FAULT_HEADER: &str = "X-Emulator-Fault";

/// The maximum `latency` in milliseconds. Larger values are capped to it.
const MAX_LATENCY_MS: u64 = 60_000;

/// The statuses `status=` accepts: the errors that servers and gateways in front of
/// OKsoft send.
const FAULT_STATUSES: [u16; 4] = [500, 502, 503, 504];

/// Lists every valid entry, for error messages.
const VALID_ENTRIES: &str = "latency=MS, status=500|502|503|504, rate-limit=SECONDS, \
    drop-before, drop-after, html, empty, bom, wrap=d, wrap=result, truncate, expire-ticket";

/// The effect of a fault in place of, or after, the normal operation. A spec has at most one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    ServerError(StatusCode),
    RateLimit { retry_after_seconds: u32 },
    DropBefore,
    DropAfter,
    Html,
    Empty,
    ExpireTicket,
}

impl Outcome {
    /// Checks whether the client receives the operation's JSON or XML body, which `bom`,
    /// `wrap` and `truncate` change. Under `expire-ticket` it is the bad-ticket envelope.
    fn sends_operation_body(self) -> bool {
        self == Outcome::ExpireTicket
    }
}

/// The two `wrap` forms that WCF services use around a JSON result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wrap {
    /// `{"d": …}`, as ASP.NET AJAX services send.
    D,
    /// `{"<Operation>Result": …}`, as WCF sends with the wrapped body style.
    OperationResult,
}

/// A parsed fault spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaultSpec {
    pub latency: Option<Duration>,
    pub outcome: Option<Outcome>,
    pub bom: bool,
    pub wrap: Option<Wrap>,
    pub truncate: bool,
    /// The entries in the order given, trimmed, lower-case and with a capped latency.
    text: String,
}

impl fmt::Display for FaultSpec {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.text)
    }
}

/// The reason a fault spec was rejected, naming the entry at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidSpec(String);

impl fmt::Display for InvalidSpec {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}; valid entries are {VALID_ENTRIES}", self.0)
    }
}

impl FaultSpec {
    /// Parses a comma-separated spec. Entry names and values are matched ignoring ASCII
    /// case and surrounding spaces. Each kind may appear once. At most one entry may
    /// replace or drop the response, and `bom`, `wrap` and `truncate` combine only with
    /// `latency`, `expire-ticket` and each other.
    pub fn parse(text: &str) -> Result<FaultSpec, InvalidSpec> {
        let mut spec = FaultSpec {
            latency: None,
            outcome: None,
            bom: false,
            wrap: None,
            truncate: false,
            text: String::new(),
        };
        // The normalized text of the entry that set `outcome`, and of the first body change.
        let mut outcome_entry: Option<String> = None;
        let mut body_entry: Option<String> = None;
        let mut seen: Vec<&str> = Vec::new();
        let mut normalized: Vec<String> = Vec::new();

        if text.trim().is_empty() {
            return Err(InvalidSpec("the fault spec is empty".to_string()));
        }
        for raw_entry in text.split(',') {
            let entry = parse_entry(raw_entry)?;
            let name = entry.name();
            if seen.contains(&name) {
                return Err(InvalidSpec(format!("`{name}` appears more than once")));
            }
            seen.push(name);
            let entry_text = entry.to_string();

            match entry {
                Entry::Latency(milliseconds) => {
                    spec.latency = Some(Duration::from_millis(milliseconds));
                }
                Entry::Outcome(outcome) => {
                    if let Some(earlier) = &outcome_entry {
                        return Err(InvalidSpec(format!(
                            "`{earlier}` and `{entry_text}` cannot be combined, because each decides the whole response"
                        )));
                    }
                    spec.outcome = Some(outcome);
                    outcome_entry = Some(entry_text.clone());
                }
                Entry::Bom => spec.bom = true,
                Entry::Wrap(wrap) => spec.wrap = Some(wrap),
                Entry::Truncate => spec.truncate = true,
            }
            if matches!(entry, Entry::Bom | Entry::Wrap(_) | Entry::Truncate)
                && body_entry.is_none()
            {
                body_entry = Some(entry_text.clone());
            }
            normalized.push(entry_text);
        }

        if let (Some(outcome), Some(outcome_text), Some(body_text)) =
            (spec.outcome, &outcome_entry, &body_entry)
        {
            if !outcome.sends_operation_body() {
                return Err(InvalidSpec(format!(
                    "`{body_text}` cannot be combined with `{outcome_text}`, because the client does not receive the operation's body"
                )));
            }
        }
        spec.text = normalized.join(",");
        Ok(spec)
    }

    /// Checks whether the spec can apply to `operation`. `expire-ticket` needs an
    /// operation that takes a Ticket, so it does not apply to UsersLogin.
    pub fn applies_to(&self, operation: Operation) -> bool {
        self.outcome != Some(Outcome::ExpireTicket) || operation.requires_ticket()
    }
}

/// Reads the `X-Emulator-Fault` header. Returns none without the header, and the text
/// of a 400 response for a header that is not ASCII, does not parse, or names a fault
/// that cannot apply to `operation`.
pub fn header_spec(
    headers: &HeaderMap,
    operation: Option<Operation>,
) -> Result<Option<FaultSpec>, String> {
    let Some(value) = headers.get(FAULT_HEADER) else {
        return Ok(None);
    };
    let Ok(text) = value.to_str() else {
        return Err(format!(
            "invalid {FAULT_HEADER} header: the value must be visible ASCII text such as latency=500,status=503"
        ));
    };
    let spec = FaultSpec::parse(text)
        .map_err(|error| format!("invalid {FAULT_HEADER} header \"{text}\": {error}"))?;

    if let Some(operation) = operation {
        if !spec.applies_to(operation) {
            return Err(format!(
                "invalid {FAULT_HEADER} header \"{text}\": `expire-ticket` needs an operation that takes a Ticket, and {} does not",
                operation.name()
            ));
        }
    }
    Ok(Some(spec))
}

/// One parsed entry of a spec.
enum Entry {
    /// Milliseconds, already capped.
    Latency(u64),
    Outcome(Outcome),
    Bom,
    Wrap(Wrap),
    Truncate,
}

impl Entry {
    /// Returns the entry's kind as written before `=`, used to reject repeats.
    fn name(&self) -> &'static str {
        match self {
            Entry::Latency(_) => "latency",
            Entry::Outcome(Outcome::ServerError(_)) => "status",
            Entry::Outcome(Outcome::RateLimit { .. }) => "rate-limit",
            Entry::Outcome(Outcome::DropBefore) => "drop-before",
            Entry::Outcome(Outcome::DropAfter) => "drop-after",
            Entry::Outcome(Outcome::Html) => "html",
            Entry::Outcome(Outcome::Empty) => "empty",
            Entry::Outcome(Outcome::ExpireTicket) => "expire-ticket",
            Entry::Bom => "bom",
            Entry::Wrap(_) => "wrap",
            Entry::Truncate => "truncate",
        }
    }
}

impl fmt::Display for Entry {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.name();
        match self {
            Entry::Latency(milliseconds) => write!(formatter, "{name}={milliseconds}"),
            Entry::Outcome(Outcome::ServerError(status)) => {
                write!(formatter, "{name}={}", status.as_u16())
            }
            Entry::Outcome(Outcome::RateLimit {
                retry_after_seconds,
            }) => write!(formatter, "{name}={retry_after_seconds}"),
            Entry::Wrap(Wrap::D) => write!(formatter, "{name}=d"),
            Entry::Wrap(Wrap::OperationResult) => write!(formatter, "{name}=result"),
            _ => formatter.write_str(name),
        }
    }
}

fn parse_entry(raw_entry: &str) -> Result<Entry, InvalidSpec> {
    let trimmed = raw_entry.trim();
    if trimmed.is_empty() {
        return Err(InvalidSpec(
            "the spec has an empty entry, as after a trailing comma".to_string(),
        ));
    }
    let (name, value) = match trimmed.split_once('=') {
        Some((name, value)) => (name.trim().to_ascii_lowercase(), Some(value.trim())),
        None => (trimmed.to_ascii_lowercase(), None),
    };

    let flag = |entry: Entry| match value {
        None => Ok(entry),
        Some(_) => Err(InvalidSpec(format!("`{trimmed}`: `{name}` takes no value"))),
    };
    let required = |example: &str| {
        value.filter(|text| !text.is_empty()).ok_or_else(|| {
            InvalidSpec(format!(
                "`{trimmed}`: `{name}` needs a value, as in `{example}`"
            ))
        })
    };

    match name.as_str() {
        "latency" => {
            let text = required("latency=500")?;
            let milliseconds = parse_whole_number(text).ok_or_else(|| {
                InvalidSpec(format!(
                    "`{trimmed}`: the latency must be a whole number of milliseconds"
                ))
            })?;
            Ok(Entry::Latency(milliseconds.min(MAX_LATENCY_MS)))
        }
        "status" => {
            let text = required("status=503")?;
            parse_whole_number(text)
                .and_then(|code| u16::try_from(code).ok())
                .filter(|code| FAULT_STATUSES.contains(code))
                .and_then(|code| StatusCode::from_u16(code).ok())
                .map(|status| Entry::Outcome(Outcome::ServerError(status)))
                .ok_or_else(|| {
                    InvalidSpec(format!(
                        "`{trimmed}`: the status must be one of 500, 502, 503 and 504"
                    ))
                })
        }
        "rate-limit" => {
            let text = required("rate-limit=30")?;
            parse_whole_number(text)
                .and_then(|seconds| u32::try_from(seconds).ok())
                .map(|retry_after_seconds| {
                    Entry::Outcome(Outcome::RateLimit {
                        retry_after_seconds,
                    })
                })
                .ok_or_else(|| {
                    InvalidSpec(format!(
                        "`{trimmed}`: Retry-After must be a whole number of seconds up to {}",
                        u32::MAX
                    ))
                })
        }
        "wrap" => {
            let text = required("wrap=d")?;
            if text.eq_ignore_ascii_case("d") {
                Ok(Entry::Wrap(Wrap::D))
            } else if text.eq_ignore_ascii_case("result") {
                Ok(Entry::Wrap(Wrap::OperationResult))
            } else {
                Err(InvalidSpec(format!(
                    "`{trimmed}`: `wrap` takes `d` or `result`"
                )))
            }
        }
        "drop-before" => flag(Entry::Outcome(Outcome::DropBefore)),
        "drop-after" => flag(Entry::Outcome(Outcome::DropAfter)),
        "html" => flag(Entry::Outcome(Outcome::Html)),
        "empty" => flag(Entry::Outcome(Outcome::Empty)),
        "expire-ticket" => flag(Entry::Outcome(Outcome::ExpireTicket)),
        "bom" => flag(Entry::Bom),
        "truncate" => flag(Entry::Truncate),
        _ => Err(InvalidSpec(format!("unknown fault `{trimmed}`"))),
    }
}

/// Parses ASCII digits only, so that signs, spaces inside and decimals are rejected.
fn parse_whole_number(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(text: &str) -> String {
        match FaultSpec::parse(text) {
            Ok(spec) => panic!("{text:?} parsed as {spec:?}"),
            Err(error) => error.to_string(),
        }
    }

    #[test]
    fn parses_latency_and_status() {
        let spec = FaultSpec::parse(" Latency = 250 , STATUS=503").expect("valid spec");
        assert_eq!(spec.latency, Some(Duration::from_millis(250)));
        assert_eq!(
            spec.outcome,
            Some(Outcome::ServerError(StatusCode::SERVICE_UNAVAILABLE))
        );
        assert_eq!(spec.to_string(), "latency=250,status=503");
    }

    #[test]
    fn latency_is_capped() {
        let spec = FaultSpec::parse("latency=999999999").expect("valid spec");
        assert_eq!(spec.latency, Some(Duration::from_millis(MAX_LATENCY_MS)));
        assert_eq!(spec.to_string(), "latency=60000");
    }

    #[test]
    fn parses_every_flag() {
        let cases = [
            ("drop-before", Some(Outcome::DropBefore)),
            ("drop-after", Some(Outcome::DropAfter)),
            ("html", Some(Outcome::Html)),
            ("empty", Some(Outcome::Empty)),
            ("expire-ticket", Some(Outcome::ExpireTicket)),
            (
                "rate-limit=30",
                Some(Outcome::RateLimit {
                    retry_after_seconds: 30,
                }),
            ),
            ("bom", None),
            ("truncate", None),
        ];
        for (text, outcome) in cases {
            let spec = FaultSpec::parse(text).expect(text);
            assert_eq!(spec.outcome, outcome, "{text}");
            assert_eq!(spec.to_string(), text);
        }
    }

    #[test]
    fn body_changes_combine() {
        let spec = FaultSpec::parse("wrap=RESULT,bom,truncate").expect("valid spec");
        assert_eq!(spec.wrap, Some(Wrap::OperationResult));
        assert!(spec.bom);
        assert!(spec.truncate);
        assert_eq!(spec.to_string(), "wrap=result,bom,truncate");
        assert!(FaultSpec::parse("expire-ticket,wrap=d").is_ok());
    }

    #[test]
    fn rejects_bad_entries() {
        let cases = [
            ("", "empty"),
            ("latency=100,", "empty entry"),
            ("slow", "unknown fault `slow`"),
            ("latency", "`latency` needs a value"),
            ("latency=-5", "`latency=-5`"),
            ("latency=1.5", "`latency=1.5`"),
            ("status=404", "`status=404`"),
            ("status=abc", "`status=abc`"),
            ("rate-limit=", "`rate-limit` needs a value"),
            ("rate-limit=99999999999", "`rate-limit=99999999999`"),
            ("wrap=x", "`wrap=x`"),
            ("html=1", "`html` takes no value"),
        ];
        for (text, expected) in cases {
            let error = error_of(text);
            assert!(error.contains(expected), "{text:?}: {error}");
            assert!(error.contains("valid entries are"), "{text:?}: {error}");
        }
    }

    #[test]
    fn rejects_repeats_and_conflicts() {
        assert!(error_of("latency=1,latency=2").contains("`latency` appears more than once"));
        assert!(error_of("status=502,html").contains("`status=502` and `html` cannot be combined"));
        assert!(error_of("drop-after,bom").contains("`bom` cannot be combined with `drop-after`"));
        assert!(error_of("truncate,empty").contains("`truncate` cannot be combined with `empty`"));
    }

    #[test]
    fn expire_ticket_skips_users_login() {
        let spec = FaultSpec::parse("expire-ticket").expect("valid spec");
        assert!(!spec.applies_to(Operation::UsersLogin));
        assert!(spec.applies_to(Operation::PartnersGet));
        let status = FaultSpec::parse("status=500").expect("valid spec");
        assert!(status.applies_to(Operation::UsersLogin));
    }
}
