//! The OKsoft client: one async method per operation, generic over the transport.
//!
//! It validates input before anything is sent, logs in lazily with the integration
//! account, shares one login among concurrent calls, logs in again once when OKsoft
//! rejects the ticket, falls back from `UsersLogin` to `UserLogin` on HTTP 404,
//! repeats idempotent calls that failed in passing, and reports calls that create
//! something or move money as `outcome_unknown` when they failed after being sent.

pub mod config;
pub mod retry;
mod session;

use std::rc::Rc;

use futures_util::future::Either;

use crate::protocol::catalogue::Operation;
use crate::protocol::error::{Error, ErrorCode, ErrorKind, FieldProblem, Problem};
use crate::protocol::input::Input;
use crate::protocol::models::{self, Account, Acknowledgement, CodeName, Country, Currency, FinResult, Language, Partner, PartnerCreated, PartnerLogin, PartnersGroup, ServiceLogin};
use crate::protocol::params::{build_params, WireParams};
use crate::protocol::request::{WireRequest, REDACTED};
use crate::protocol::text::replace_all;
use crate::transport::{HttpResponse, Transport};

use config::ClientConfig;
use retry::{backoff_delay_ms, status_failure, transport_failure, CallOptions, Failure};
use session::{Session, TicketLookup};

/// An OKsoft client; cheap to clone, and clones share the ticket.
pub struct Client<T: Transport> {
    inner: Rc<Inner<T>>,
}

impl<T: Transport> Clone for Client<T> {
    fn clone(&self) -> Self {
        Client { inner: self.inner.clone() }
    }
}

struct Inner<T> {
    config: ClientConfig,
    transport: T,
    session: Session,
}

impl<T: Transport + 'static> Client<T> {
    /// A client that has not logged in yet.
    pub fn new(config: ClientConfig, transport: T) -> Client<T> {
        Client { inner: Rc::new(Inner { config, transport, session: Session::default() }) }
    }

    pub fn config(&self) -> &ClientConfig {
        &self.inner.config
    }

    /// UsersLogin: logs in with the integration account now, replacing any ticket.
    /// The ticket stays inside the client; the result has only OKsoft's text.
    pub async fn users_login(&self, input: &Input, _options: &CallOptions<T::Signal>) -> Result<Acknowledgement, Error> {
        reject_any_option(Operation::UsersLogin, input)?;
        self.inner.session.log_out();
        let login = self.login().await?;
        Ok(Acknowledgement { result_number: login.result_number, result_text: login.result_text.clone() })
    }

    /// PartnersLogin.
    pub async fn partners_login(&self, input: &Input, options: &CallOptions<T::Signal>) -> Result<PartnerLogin, Error> {
        self.call(Operation::PartnersLogin, input, options, models::decode_partner_login).await
    }

    /// PartnersPasswordResetCreate.
    pub async fn partners_password_reset_create(&self, input: &Input, options: &CallOptions<T::Signal>) -> Result<Acknowledgement, Error> {
        let operation = Operation::PartnersPasswordResetCreate;
        self.call(operation, input, options, |body| models::decode_acknowledgement(operation, body)).await
    }

    /// PartnersGet.
    pub async fn partners_get(&self, input: &Input, options: &CallOptions<T::Signal>) -> Result<Partner, Error> {
        self.call(Operation::PartnersGet, input, options, models::decode_partner).await
    }

    /// CountriesListGet.
    pub async fn countries_list_get(&self, input: &Input, options: &CallOptions<T::Signal>) -> Result<Vec<Country>, Error> {
        let operation = Operation::CountriesListGet;
        self.call(operation, input, options, |body| models::decode_list(operation, body, models::read_country)).await
    }

    /// SexListGet.
    pub async fn sex_list_get(&self, input: &Input, options: &CallOptions<T::Signal>) -> Result<Vec<CodeName>, Error> {
        let operation = Operation::SexListGet;
        self.call(operation, input, options, |body| models::decode_list(operation, body, models::read_code_name)).await
    }

    /// PhoneTypesListGet.
    pub async fn phone_types_list_get(&self, input: &Input, options: &CallOptions<T::Signal>) -> Result<Vec<CodeName>, Error> {
        let operation = Operation::PhoneTypesListGet;
        self.call(operation, input, options, |body| models::decode_list(operation, body, models::read_code_name)).await
    }

    /// LanguagesListGet.
    pub async fn languages_list_get(&self, input: &Input, options: &CallOptions<T::Signal>) -> Result<Vec<Language>, Error> {
        let operation = Operation::LanguagesListGet;
        self.call(operation, input, options, |body| models::decode_list(operation, body, models::read_language)).await
    }

    /// PartnersGroupsListGet.
    pub async fn partners_groups_list_get(&self, input: &Input, options: &CallOptions<T::Signal>) -> Result<Vec<PartnersGroup>, Error> {
        let operation = Operation::PartnersGroupsListGet;
        self.call(operation, input, options, |body| models::decode_list(operation, body, models::read_group)).await
    }

    /// PartnersCreate.
    pub async fn partners_create(&self, input: &Input, options: &CallOptions<T::Signal>) -> Result<PartnerCreated, Error> {
        self.call(Operation::PartnersCreate, input, options, models::decode_partner_created).await
    }

    /// CurrenciesList.
    pub async fn currencies_list(&self, input: &Input, options: &CallOptions<T::Signal>) -> Result<Vec<Currency>, Error> {
        let operation = Operation::CurrenciesList;
        self.call(operation, input, options, |body| models::decode_list(operation, body, models::read_currency)).await
    }

    /// AccountsListGet.
    pub async fn accounts_list_get(&self, input: &Input, options: &CallOptions<T::Signal>) -> Result<Vec<Account>, Error> {
        let operation = Operation::AccountsListGet;
        self.call(operation, input, options, |body| models::decode_list(operation, body, models::read_account)).await
    }

    /// FinInCome.
    pub async fn fin_in_come(&self, input: &Input, options: &CallOptions<T::Signal>) -> Result<FinResult, Error> {
        let operation = Operation::FinInCome;
        self.call(operation, input, options, |body| models::decode_fin_result(operation, body)).await
    }

    /// FinOutCome.
    pub async fn fin_out_come(&self, input: &Input, options: &CallOptions<T::Signal>) -> Result<FinResult, Error> {
        let operation = Operation::FinOutCome;
        self.call(operation, input, options, |body| models::decode_fin_result(operation, body)).await
    }

    /// Validates, sends with the service ticket and decodes one operation; when OKsoft
    /// rejects the ticket, logs in again once and sends the call again.
    async fn call<R>(
        &self,
        operation: Operation,
        input: &Input,
        options: &CallOptions<T::Signal>,
        decode: impl Fn(&[u8]) -> Result<R, Error>,
    ) -> Result<R, Error> {
        // The request loop is not generic, so it is compiled once for all operations.
        let mut decoded = None;
        let mut decode_into = |body: &[u8]| -> Result<(), Error> {
            decoded = Some(decode(body)?);
            Ok(())
        };
        self.call_with_decoder(operation, input, options, &mut decode_into).await?;
        decoded.ok_or_else(|| Error::decode(operation.spec().wire_name, ErrorCode::UnexpectedResponse, "no result decoded"))
    }

    /// Runs one operation like the typed methods do and hands each successful response
    /// body to `decode`. When `decode` reports a rejected ticket, the client logs in again
    /// once and sends the call again. It is not generic, so it is compiled only once.
    pub async fn call_with_decoder(
        &self,
        operation: Operation,
        input: &Input,
        options: &CallOptions<T::Signal>,
        decode: &mut dyn FnMut(&[u8]) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let spec = operation.spec();
        let params = build_params(operation, input, &self.inner.config.wire_format)?;
        let validation_mode = params.iter().any(|(name, value)| *name == "ValidationTransaction" && value == "validation");
        let idempotent = operation.is_idempotent(validation_mode);

        let mut renewed = false;
        loop {
            let login = self.login_within(operation, options).await?;
            let ticket = login.ticket.as_str();
            let request = self.request(operation, spec.wire_name, params.clone(), Some(ticket));

            let response = match self.send_with_retries(&request, idempotent, options).await {
                Ok(response) => response,
                Err(failure) if failure.maybe_sent && !idempotent => {
                    return Err(failure.error.outcome_unknown(request.redacted_params()));
                }
                Err(failure) => return Err(failure.error),
            };

            match decode(&response.body).map_err(|error| self.scrub(&request, error)) {
                Err(error) if error.code == ErrorCode::TicketRejected && !renewed => {
                    self.inner.session.forget(ticket);
                    renewed = true;
                }
                // A 2xx body that is not OKsoft's response (a proxy page, a cut-off body)
                // leaves a call that creates something or moves money just as unknown.
                Err(error) if error.kind == ErrorKind::Decode && !idempotent => {
                    return Err(error.outcome_unknown(request.redacted_params()));
                }
                outcome => return outcome,
            }
        }
    }

    /// Returns the service login for one call. With a per-call timeout or abort signal, it
    /// waits for a login no longer than they allow; the shared login goes on for other
    /// callers when this one stops waiting.
    async fn login_within(&self, operation: Operation, options: &CallOptions<T::Signal>) -> Result<Rc<ServiceLogin>, Error> {
        let method = operation.spec().wire_name;
        let transport = &self.inner.transport;
        let signal = options.signal.as_ref();
        if signal.is_some_and(|signal| transport.is_aborted(signal)) {
            return Err(Error::aborted(method).nothing_sent());
        }
        if let TicketLookup::Ready(login) = self.inner.session.lookup() {
            return Ok(login);
        }
        // Without a per-call timeout or signal, the login's own timeouts and retries apply.
        let Some(timeout_ms) = options.timeout_ms.or(signal.map(|_| self.inner.config.timeout_ms)) else {
            return self.login().await;
        };

        let login = std::pin::pin!(self.login());
        let deadline = std::pin::pin!(transport.sleep(timeout_ms, signal));
        match futures_util::future::select(login, deadline).await {
            Either::Left((login, _)) => login,
            // The call itself was never sent, which is what `notSent` reports.
            Either::Right((Ok(()), _)) => Err(Error::timeout(method, timeout_ms).nothing_sent()),
            Either::Right((Err(_), _)) => Err(Error::aborted(method).nothing_sent()),
        }
    }

    /// Returns the current service login, logging in first if there is none; concurrent
    /// callers share one login unless `shareLogin` is off.
    async fn login(&self) -> Result<Rc<ServiceLogin>, Error> {
        let pending = match self.inner.session.lookup() {
            TicketLookup::Ready(login) => return Ok(login),
            _ if !self.inner.config.share_login => {
                let outcome = self.log_in().await;
                self.inner.session.finish_login(&outcome);
                return outcome;
            }
            TicketLookup::Wait(pending) => pending,
            TicketLookup::LogIn => {
                let client = self.clone();
                let login = async move {
                    let outcome = client.log_in().await;
                    client.inner.session.finish_login(&outcome);
                    outcome
                };
                self.inner.session.begin_login(Box::pin(login))
            }
        };
        pending.await
    }

    /// Sends UsersLogin, or UserLogin when the server returns 404 for the first spelling.
    async fn log_in(&self) -> Result<Rc<ServiceLogin>, Error> {
        let config = &self.inner.config;
        let params: WireParams = vec![("Login", config.login.clone()), ("Password", config.password_md5.clone())];

        let mut wire_name = self.inner.session.login_name();
        loop {
            let request = self.request(Operation::UsersLogin, wire_name, params.clone(), None);
            let outcome = self.send_with_retries(&request, true, &CallOptions::default()).await;
            let is_not_found = matches!(&outcome, Err(failure) if failure.error.status == Some(404));
            if is_not_found && wire_name == Operation::UsersLogin.spec().wire_name {
                self.inner.session.use_alternate_login_name();
                wire_name = self.inner.session.login_name();
                continue;
            }
            let response = outcome.map_err(|failure| failure.error)?;
            let login = models::decode_service_login(&response.body).map_err(|error| self.scrub(&request, error))?;
            return Ok(Rc::new(login));
        }
    }

    fn request(&self, operation: Operation, wire_name: &'static str, params: WireParams, ticket: Option<&str>) -> WireRequest {
        let config = &self.inner.config;
        WireRequest::new(&config.address, operation, wire_name, params, ticket, config.send_format_json)
    }

    /// Sends `request` and returns a 2xx response, repeating an idempotent request
    /// after failures that another attempt may cure, up to the retry limit.
    async fn send_with_retries(
        &self,
        request: &WireRequest,
        idempotent: bool,
        options: &CallOptions<T::Signal>,
    ) -> Result<HttpResponse, Failure> {
        let config = &self.inner.config;
        let timeout_ms = options.timeout_ms.unwrap_or(config.timeout_ms);
        let max_retries = if idempotent { options.max_retries.unwrap_or(config.max_retries) } else { 0 };
        let transport = &self.inner.transport;
        let signal = options.signal.as_ref();

        let mut attempt = 0;
        let mut any_maybe_sent = false;
        loop {
            let failure = match transport.send(request, timeout_ms, signal).await {
                Ok(response) => match status_failure(request, &response) {
                    None => return Ok(response),
                    Some(failure) => failure,
                },
                Err(error) => transport_failure(request, error, timeout_ms),
            };
            let failure = Failure { error: self.scrub(request, failure.error), ..failure };
            any_maybe_sent |= failure.maybe_sent;
            // The last failure may have sent nothing (a 429, an abort during the wait), but
            // an earlier attempt may have reached the server, and then so may the call.
            if !failure.retryable || attempt >= max_retries {
                return Err(failure.after_earlier_attempts(any_maybe_sent));
            }

            let Some(delay_ms) = backoff_delay_ms(attempt, transport.random(), failure.retry_after_ms) else {
                return Err(failure.after_earlier_attempts(any_maybe_sent));
            };
            if let Err(error) = transport.sleep(delay_ms, signal).await {
                return Err(transport_failure(request, error, timeout_ms).after_earlier_attempts(any_maybe_sent));
            }
            attempt += 1;
        }
    }

    /// Removes the request's secrets and the integration password's MD5, in either case,
    /// from the server texts of `error`.
    fn scrub(&self, request: &WireRequest, error: Error) -> Error {
        let password_md5 = &self.inner.config.password_md5;
        error.scrubbed(|text| {
            let scrubbed = request.scrub(text);
            let scrubbed = replace_all(&scrubbed, &password_md5.to_ascii_uppercase(), REDACTED);
            replace_all(&scrubbed, &password_md5.to_ascii_lowercase(), REDACTED)
        })
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

#[cfg(test)]
mod tests;
