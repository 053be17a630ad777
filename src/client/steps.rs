//! The decisions of a call, free of I/O. A driver requests the next step (send this
//! request, wait this long, get the service ticket, finish) and reports its outcome.
//!
//! The native async client and the package's JS driver run these same machines, so
//! retries, ticket renewal, the login fallback and the `notSent` and `outcome_unknown`
//! rules are written once. The drivers only perform the steps.

use std::rc::Rc;

use crate::protocol::catalogue::Operation;
use crate::protocol::error::{Error, ErrorCode, ErrorKind, FieldProblem, Problem};
use crate::protocol::input::Input;
use crate::protocol::models::{self, ServiceLogin};
use crate::protocol::params::{build_params, WireParams};
use crate::protocol::request::{WireRequest, REDACTED};
use crate::protocol::text::replace_all;
use crate::transport::{HttpResponse, TransportError};

use super::config::ClientConfig;
use super::retry::{backoff_delay_ms, status_failure, transport_failure, Failure};
use super::session::Session;

/// The state that a client's calls share: its settings and its service ticket.
pub struct ClientState {
    pub config: ClientConfig,
    pub session: Session,
}

/// The next action of the driver.
#[derive(Debug)]
pub enum Step {
    /// Send the machine's current `request()` with this timeout.
    Send { timeout_ms: u32 },
    /// Wait before the next attempt, then report `Event::Waited`.
    Wait { delay_ms: u32 },
    /// Get the service ticket: join the login in progress or start one, then report
    /// `Event::LoggedIn` or `Event::LoginFailed`. With a limit, stop waiting after that
    /// many milliseconds or when the caller's signal fires, and report
    /// `Event::LoginWaitEnded`.
    LogIn { wait_limit_ms: Option<u32> },
    /// The call succeeded; its result went to the decoder.
    Done,
    Fail(Error),
}

/// The outcome of the last step, reported by the driver.
#[derive(Debug)]
pub enum Event {
    /// Nothing yet: the first call to `advance`.
    Start,
    /// A response, whatever its status.
    Response(HttpResponse),
    /// The request got no response.
    TransportFailed(TransportError),
    Waited,
    /// The caller's signal fired during a wait.
    WaitAborted,
    LoggedIn,
    LoginFailed(Error),
    /// The wait for the ticket ended first: the signal fired, or the limit ran out.
    LoginWaitEnded { aborted: bool },
}

/// The attempts of one request: repeats it after failures that another attempt may
/// cure, up to the retry limit.
struct Attempts {
    request: WireRequest,
    timeout_ms: u32,
    max_retries: u32,
    attempt: u32,
    /// Some attempt may have reached the server.
    any_maybe_sent: bool,
}

/// The state of a request's attempts after an event.
enum AttemptOutcome {
    /// A 2xx response.
    Succeeded(HttpResponse),
    Retry { delay_ms: u32 },
    Failed(Failure),
}

impl Attempts {
    fn new(request: WireRequest, timeout_ms: u32, max_retries: u32) -> Attempts {
        Attempts { request, timeout_ms, max_retries, attempt: 0, any_maybe_sent: false }
    }

    /// Takes the outcome of an attempt or of a wait; `random` is in [0, 1), for the
    /// backoff's jitter.
    fn take(&mut self, config: &ClientConfig, event: Event, random: f64) -> AttemptOutcome {
        let failure = match event {
            Event::Response(response) => match status_failure(&self.request, &response) {
                None => return AttemptOutcome::Succeeded(response),
                Some(failure) => failure,
            },
            Event::TransportFailed(error) => transport_failure(&self.request, error, self.timeout_ms),
            // An abort during the wait sent nothing itself.
            _ => {
                let aborted = TransportError::Aborted { before_send: true };
                let failure = transport_failure(&self.request, aborted, self.timeout_ms);
                return AttemptOutcome::Failed(failure.after_earlier_attempts(self.any_maybe_sent));
            }
        };
        let failure = Failure { error: scrub(config, &self.request, failure.error), ..failure };
        self.any_maybe_sent |= failure.maybe_sent;

        // The last failure may have sent nothing (a 429), but an earlier attempt may have
        // reached the server, and then so may the call.
        if !failure.retryable || self.attempt >= self.max_retries {
            return AttemptOutcome::Failed(failure.after_earlier_attempts(self.any_maybe_sent));
        }
        match backoff_delay_ms(self.attempt, random, failure.retry_after_ms) {
            Some(delay_ms) => AttemptOutcome::Retry { delay_ms },
            None => AttemptOutcome::Failed(failure.after_earlier_attempts(self.any_maybe_sent)),
        }
    }

    /// Counts the wait that just ended and requests the next attempt.
    fn next_attempt(&mut self) -> Step {
        self.attempt += 1;
        Step::Send { timeout_ms: self.timeout_ms }
    }
}

/// One call of an operation with the service ticket. When OKsoft rejects the ticket, it
/// requests a new one once and sends the call again.
pub struct CallSteps {
    operation: Operation,
    params: WireParams,
    idempotent: bool,
    timeout_ms: Option<u32>,
    max_retries: Option<u32>,
    /// How long to wait for a login that the call needs, when the call has a timeout
    /// or an abort signal of its own.
    login_wait_limit_ms: Option<u32>,
    renewed: bool,
    /// The ticket of the current request.
    ticket: Option<String>,
    attempts: Option<Attempts>,
}

/// Per-call settings: `timeoutMs`, `maxRetries`, and whether there is an abort signal.
#[derive(Debug, Clone, Copy, Default)]
pub struct CallLimits {
    pub timeout_ms: Option<u32>,
    pub max_retries: Option<u32>,
    pub has_signal: bool,
}

impl CallSteps {
    /// Checks the input of `operation` and prepares its parameters; nothing is sent
    /// when they are invalid. UsersLogin takes no options and always logs in anew. A
    /// timeout or signal of its own limits only its wait for the login.
    pub fn new(config: &ClientConfig, operation: Operation, input: &Input, limits: CallLimits) -> Result<CallSteps, Error> {
        let params = if operation == Operation::UsersLogin {
            reject_any_option(operation, input)?;
            WireParams::new()
        } else {
            build_params(operation, input, &config.wire_format)?
        };
        let validation_mode = params.iter().any(|(name, value)| *name == "ValidationTransaction" && value == "validation");
        let login_wait_limit_ms = limits.timeout_ms.or(limits.has_signal.then_some(config.timeout_ms));
        Ok(CallSteps {
            operation,
            params,
            idempotent: operation.is_idempotent(validation_mode),
            timeout_ms: limits.timeout_ms,
            max_retries: limits.max_retries,
            login_wait_limit_ms,
            renewed: false,
            ticket: None,
            attempts: None,
        })
    }

    /// Returns the request to send when the step is `Send`.
    pub fn request(&self) -> Option<&WireRequest> {
        self.attempts.as_ref().map(|attempts| &attempts.request)
    }

    /// Takes what happened and returns the next step. `decode` receives the body of a
    /// successful response; `random` is in [0, 1), for the backoff's jitter.
    pub fn advance(
        &mut self,
        client: &ClientState,
        event: Event,
        decode: &mut dyn FnMut(&[u8]) -> Result<(), Error>,
        random: f64,
    ) -> Step {
        let method = self.operation.spec().wire_name;
        match event {
            Event::Start if self.operation == Operation::UsersLogin => {
                client.session.log_out();
                Step::LogIn { wait_limit_ms: self.login_wait_limit_ms }
            }
            Event::LoggedIn if self.operation == Operation::UsersLogin => Step::Done,
            Event::Start | Event::LoggedIn => self.send_with_ticket(client),
            Event::LoginFailed(error) => Step::Fail(error),
            Event::LoginWaitEnded { aborted } => {
                let limit = self.login_wait_limit_ms.unwrap_or(client.config.timeout_ms);
                let error = if aborted { Error::aborted(method) } else { Error::timeout(method, limit) };
                // The call itself was never sent, which is what `notSent` reports. An
                // explicit UsersLogin waited for the login itself, which may have been.
                if self.operation == Operation::UsersLogin {
                    Step::Fail(error)
                } else {
                    Step::Fail(error.nothing_sent())
                }
            }
            Event::Waited => match self.attempts.as_mut() {
                Some(attempts) => attempts.next_attempt(),
                None => self.send_with_ticket(client),
            },
            event => self.take_attempt(client, event, decode, random),
        }
    }

    /// Sends the call with the current ticket, or requests one.
    fn send_with_ticket(&mut self, client: &ClientState) -> Step {
        let Some(login) = client.session.ready_login() else {
            return Step::LogIn { wait_limit_ms: self.login_wait_limit_ms };
        };
        let config = &client.config;
        let wire_name = self.operation.spec().wire_name;
        let request = build_request(config, self.operation, wire_name, self.params.clone(), Some(&login.ticket));
        let timeout_ms = self.timeout_ms.unwrap_or(config.timeout_ms);
        let max_retries = if self.idempotent { self.max_retries.unwrap_or(config.max_retries) } else { 0 };
        self.ticket = Some(login.ticket.clone());
        self.attempts = Some(Attempts::new(request, timeout_ms, max_retries));
        Step::Send { timeout_ms }
    }

    fn take_attempt(
        &mut self,
        client: &ClientState,
        event: Event,
        decode: &mut dyn FnMut(&[u8]) -> Result<(), Error>,
        random: f64,
    ) -> Step {
        let Some(attempts) = self.attempts.as_mut() else {
            return self.send_with_ticket(client);
        };
        let response = match attempts.take(&client.config, event, random) {
            AttemptOutcome::Succeeded(response) => response,
            AttemptOutcome::Retry { delay_ms } => return Step::Wait { delay_ms },
            AttemptOutcome::Failed(failure) if failure.maybe_sent && !self.idempotent => {
                return Step::Fail(failure.error.outcome_unknown(attempts.request.redacted_params()));
            }
            AttemptOutcome::Failed(failure) => return Step::Fail(failure.error),
        };

        let request = &attempts.request;
        match decode(&response.body).map_err(|error| scrub(&client.config, request, error)) {
            Ok(()) => Step::Done,
            Err(error) if error.code == ErrorCode::TicketRejected && !self.renewed => {
                if let Some(ticket) = &self.ticket {
                    client.session.forget(ticket);
                }
                self.renewed = true;
                self.send_with_ticket(client)
            }
            // A 2xx body that is not OKsoft's response (a proxy page, a cut-off body)
            // leaves a call that creates something or moves money just as unknown.
            Err(error) if error.kind == ErrorKind::Decode && !self.idempotent => {
                Step::Fail(error.outcome_unknown(request.redacted_params()))
            }
            Err(error) => Step::Fail(error),
        }
    }
}

/// One UsersLogin with the integration account, or UserLogin when the server returns
/// 404 for the first spelling. It stores its outcome in the session when it ends.
pub struct LoginSteps {
    wire_name: &'static str,
    attempts: Attempts,
}

impl LoginSteps {
    /// Starts a login; its first step is `Send`.
    pub fn start(client: &ClientState) -> (LoginSteps, Step) {
        let config = &client.config;
        let wire_name = client.session.login_name();
        let login = LoginSteps { wire_name, attempts: login_attempts(config, wire_name) };
        (login, Step::Send { timeout_ms: config.timeout_ms })
    }

    /// Returns the request to send when the step is `Send`.
    pub fn request(&self) -> &WireRequest {
        &self.attempts.request
    }

    /// Takes what happened and returns the next step: `Done` once the ticket is in the
    /// session, or `Fail` with the reason the login failed.
    pub fn advance(&mut self, client: &ClientState, event: Event, random: f64) -> Step {
        let config = &client.config;
        if matches!(event, Event::Waited) {
            return self.attempts.next_attempt();
        }
        let outcome = match self.attempts.take(config, event, random) {
            AttemptOutcome::Retry { delay_ms } => return Step::Wait { delay_ms },
            AttemptOutcome::Failed(failure)
                if failure.error.status == Some(404) && self.wire_name == Operation::UsersLogin.spec().wire_name =>
            {
                client.session.use_alternate_login_name();
                self.wire_name = client.session.login_name();
                self.attempts = login_attempts(config, self.wire_name);
                return Step::Send { timeout_ms: config.timeout_ms };
            }
            AttemptOutcome::Failed(failure) => Err(failure.error),
            AttemptOutcome::Succeeded(response) => models::decode_service_login(&response.body)
                .map(Rc::new)
                .map_err(|error| scrub(config, &self.attempts.request, error)),
        };

        client.session.finish_login(&outcome);
        match outcome {
            Ok(_) => Step::Done,
            Err(error) => Step::Fail(error),
        }
    }
}

fn reject_any_option(operation: Operation, input: &Input) -> Result<(), Error> {
    let problems: Vec<FieldProblem> =
        input.keys().map(|key| FieldProblem::new(key, Problem::Unknown { suggestion: None })).collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::validation(Some(operation.spec().wire_name), problems))
    }
}

fn login_attempts(config: &ClientConfig, wire_name: &'static str) -> Attempts {
    let params: WireParams = vec![("Login", config.login.clone()), ("Password", config.password_md5.clone())];
    let request = build_request(config, Operation::UsersLogin, wire_name, params, None);
    Attempts::new(request, config.timeout_ms, config.max_retries)
}

fn build_request(config: &ClientConfig, operation: Operation, wire_name: &'static str, params: WireParams, ticket: Option<&str>) -> WireRequest {
    WireRequest::new(&config.address, operation, wire_name, params, ticket, config.send_format_json)
}

/// Removes the request's secrets and the integration password's MD5, in either case,
/// from the server texts of `error`.
fn scrub(config: &ClientConfig, request: &WireRequest, error: Error) -> Error {
    let password_md5 = &config.password_md5;
    error.scrubbed(|text| {
        let scrubbed = request.scrub(text);
        let scrubbed = replace_all(&scrubbed, &password_md5.to_ascii_uppercase(), REDACTED);
        replace_all(&scrubbed, &password_md5.to_ascii_lowercase(), REDACTED)
    })
}

impl ClientState {
    /// Returns the login that a finished service login stored in the session.
    pub fn stored_login(&self) -> Result<Rc<ServiceLogin>, Error> {
        let method = Operation::UsersLogin.spec().wire_name;
        self.session.ready_login().ok_or_else(|| Error::decode(method, ErrorCode::UnexpectedResponse, "no ticket stored"))
    }

    /// Returns the acknowledgement of an explicit UsersLogin: OKsoft's number and text
    /// from the session's login, never its ticket.
    pub fn login_acknowledgement(&self) -> Result<models::Acknowledgement, Error> {
        let login = self.stored_login()?;
        Ok(models::Acknowledgement { result_number: login.result_number, result_text: login.result_text.clone() })
    }
}
