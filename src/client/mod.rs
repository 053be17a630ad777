//! The OKsoft client: one async method per operation, generic over the transport.
//!
//! It validates input before anything is sent, logs in lazily with the integration
//! account, shares one login among concurrent calls, logs in again once when OKsoft
//! rejects the ticket, falls back from `UsersLogin` to `UserLogin` on HTTP 404,
//! repeats idempotent calls that failed in passing, and reports calls that create
//! something or move money as `outcome_unknown` when they failed after being sent.
//!
//! Those decisions live in `steps`, as machines without I/O. `Client` drives them
//! with async Rust over a `Transport`; the package's JS driver runs the same machines
//! with `fetch`.

pub mod config;
pub mod retry;
mod session;
mod shared_login;
pub mod steps;

use std::cell::RefCell;
use std::rc::Rc;

use futures_util::future::Either;

use crate::protocol::catalogue::Operation;
use crate::protocol::error::{Error, ErrorCode};
use crate::protocol::input::Input;
use crate::protocol::models::{self, Account, Acknowledgement, CodeName, Country, Currency, FinResult, Language, Partner, PartnerCreated, PartnerLogin, PartnersGroup};
use crate::protocol::request::WireRequest;
use crate::transport::Transport;

pub use session::Session;
use config::ClientConfig;
use retry::CallOptions;
use session::LoginOutcome;
use shared_login::PendingLogin;
use steps::{CallLimits, CallSteps, ClientState, Event, LoginSteps, Step};

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
    state: ClientState,
    transport: T,
    /// The shared login in progress, when `shareLogin` is on.
    pending_login: RefCell<Option<PendingLogin>>,
}

impl<T: Transport + 'static> Client<T> {
    /// A client that has not logged in yet.
    pub fn new(config: ClientConfig, transport: T) -> Client<T> {
        let state = ClientState { config, session: Session::default() };
        Client { inner: Rc::new(Inner { state, transport, pending_login: RefCell::new(None) }) }
    }

    pub fn config(&self) -> &ClientConfig {
        &self.inner.state.config
    }

    /// UsersLogin: logs in with the integration account now, replacing any ticket.
    /// The ticket stays inside the client; the result has only OKsoft's text.
    pub async fn users_login(&self, input: &Input, options: &CallOptions<T::Signal>) -> Result<Acknowledgement, Error> {
        self.call_with_decoder(Operation::UsersLogin, input, options, &mut |_| Ok(())).await?;
        self.inner.state.login_acknowledgement()
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
        let state = &self.inner.state;
        let transport = &self.inner.transport;
        let signal = options.signal.as_ref();
        let limits = CallLimits { timeout_ms: options.timeout_ms, max_retries: options.max_retries, has_signal: signal.is_some() };
        let mut call = CallSteps::new(&state.config, operation, input, limits)?;

        let mut event = Event::Start;
        loop {
            event = match call.advance(state, event, decode, transport.random()) {
                Step::Send { timeout_ms } => match call.request() {
                    Some(request) => send(transport, request, timeout_ms, signal).await,
                    None => return Err(Error::decode(operation.spec().wire_name, ErrorCode::UnexpectedResponse, "no request to send")),
                },
                Step::Wait { delay_ms } => wait(transport, delay_ms, signal).await,
                Step::LogIn { wait_limit_ms } => self.login_within(wait_limit_ms, signal).await,
                Step::Done => return Ok(()),
                Step::Fail(error) => return Err(error),
            };
        }
    }

    /// Waits for the service login, no longer than `wait_limit_ms` when there is a limit.
    /// The shared login goes on for other callers when this one stops waiting.
    async fn login_within(&self, wait_limit_ms: Option<u32>, signal: Option<&T::Signal>) -> Event {
        let transport = &self.inner.transport;
        if signal.is_some_and(|signal| transport.is_aborted(signal)) {
            return Event::LoginWaitEnded { aborted: true };
        }
        let logged_in = |outcome: LoginOutcome| match outcome {
            Ok(_) => Event::LoggedIn,
            Err(error) => Event::LoginFailed(error),
        };
        let Some(limit_ms) = wait_limit_ms else {
            return logged_in(self.login().await);
        };

        let login = std::pin::pin!(self.login());
        let deadline = std::pin::pin!(transport.sleep(limit_ms, signal));
        match futures_util::future::select(login, deadline).await {
            Either::Left((outcome, _)) => logged_in(outcome),
            Either::Right((deadline, _)) => Event::LoginWaitEnded { aborted: deadline.is_err() },
        }
    }

    /// Returns the current service login, logging in first if there is none; concurrent
    /// callers share one login unless `shareLogin` is off.
    async fn login(&self) -> LoginOutcome {
        if let Some(login) = self.inner.state.session.ready_login() {
            return Ok(login);
        }
        if !self.inner.state.config.share_login {
            return self.log_in().await;
        }

        let pending = self.inner.pending_login.borrow().clone();
        let pending = pending.unwrap_or_else(|| {
            let client = self.clone();
            let pending = PendingLogin::new(Box::pin(async move {
                let outcome = client.log_in().await;
                client.inner.pending_login.borrow_mut().take();
                outcome
            }));
            *self.inner.pending_login.borrow_mut() = Some(pending.clone());
            pending
        });
        pending.await
    }

    /// Runs one login to its end; the login stores its outcome in the session.
    async fn log_in(&self) -> LoginOutcome {
        let state = &self.inner.state;
        let transport = &self.inner.transport;
        let (mut login, mut step) = LoginSteps::start(state);
        loop {
            let event = match step {
                Step::Send { timeout_ms } => send(transport, login.request(), timeout_ms, None).await,
                Step::Wait { delay_ms } => wait(transport, delay_ms, None).await,
                Step::Fail(error) => return Err(error),
                Step::Done | Step::LogIn { .. } => return state.stored_login(),
            };
            step = login.advance(state, event, transport.random());
        }
    }
}

async fn send<T: Transport>(transport: &T, request: &WireRequest, timeout_ms: u32, signal: Option<&T::Signal>) -> Event {
    match transport.send(request, timeout_ms, signal).await {
        Ok(response) => Event::Response(response),
        Err(error) => Event::TransportFailed(error),
    }
}

async fn wait<T: Transport>(transport: &T, delay_ms: u32, signal: Option<&T::Signal>) -> Event {
    match transport.sleep(delay_ms, signal).await {
        Ok(()) => Event::Waited,
        Err(_) => Event::WaitAborted,
    }
}

#[cfg(test)]
mod tests;
