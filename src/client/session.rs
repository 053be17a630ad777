//! The service ticket: obtained lazily with UsersLogin, shared by concurrent calls.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use futures_util::future::LocalBoxFuture;

use crate::protocol::catalogue::USERS_LOGIN_ALTERNATE_NAME;
use crate::protocol::error::Error;
use crate::protocol::models::ServiceLogin;

/// Outcome of one UsersLogin, shared by every caller that waited for it.
pub type LoginOutcome = Result<Rc<ServiceLogin>, Error>;

/// A login in progress, which every caller that needs the ticket awaits. Whichever
/// waiter is polled drives the login, so it goes on when the caller that started it
/// stops waiting. futures-util's `Shared` does the same with about 3 KB more wasm.
#[derive(Clone)]
pub struct PendingLogin {
    shared: Rc<SharedLogin>,
}

struct SharedLogin {
    /// The login future, until it completes.
    login: RefCell<Option<LocalBoxFuture<'static, LoginOutcome>>>,
    outcome: RefCell<Option<LoginOutcome>>,
    /// Tasks of the waiters, woken when the login completes or a waiter leaves.
    waiters: RefCell<Vec<Waker>>,
}

impl PendingLogin {
    fn new(login: LocalBoxFuture<'static, LoginOutcome>) -> PendingLogin {
        let shared = SharedLogin { login: RefCell::new(Some(login)), outcome: RefCell::new(None), waiters: RefCell::new(Vec::new()) };
        PendingLogin { shared: Rc::new(shared) }
    }

    fn wake_waiters(&self) {
        let waiters = std::mem::take(&mut *self.shared.waiters.borrow_mut());
        for waker in waiters {
            waker.wake();
        }
    }
}

impl Future for PendingLogin {
    type Output = LoginOutcome;

    fn poll(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<LoginOutcome> {
        if let Some(outcome) = self.shared.outcome.borrow().as_ref() {
            return Poll::Ready(outcome.clone());
        }

        // Another waiter is polling the login further up this stack, so wait for a wake.
        let Ok(mut login) = self.shared.login.try_borrow_mut() else {
            self.shared.waiters.borrow_mut().push(context.waker().clone());
            return Poll::Pending;
        };
        let polled = match login.as_mut() {
            Some(future) => future.as_mut().poll(context),
            None => return Poll::Pending,
        };
        match polled {
            Poll::Ready(outcome) => {
                *login = None;
                drop(login);
                *self.shared.outcome.borrow_mut() = Some(outcome.clone());
                self.wake_waiters();
                Poll::Ready(outcome)
            }
            Poll::Pending => {
                let mut waiters = self.shared.waiters.borrow_mut();
                if !waiters.iter().any(|waker| waker.will_wake(context.waker())) {
                    waiters.push(context.waker().clone());
                }
                Poll::Pending
            }
        }
    }
}

impl Drop for PendingLogin {
    /// Wakes the other waiters when one leaves before the login completes: the login
    /// wakes only the task that polled it last, which may be the one leaving.
    fn drop(&mut self) {
        if self.shared.outcome.borrow().is_none() {
            self.wake_waiters();
        }
    }
}

enum TicketState {
    LoggedOut,
    LoggingIn(PendingLogin),
    Ready(Rc<ServiceLogin>),
}

/// The service ticket and the spelling of the login method that worked.
pub struct Session {
    state: RefCell<TicketState>,
    login_name: Cell<&'static str>,
}

impl Default for Session {
    fn default() -> Session {
        Session { state: RefCell::new(TicketState::LoggedOut), login_name: Cell::new("UsersLogin") }
    }
}

/// Next step of a caller that needs a ticket.
pub enum TicketLookup {
    Ready(Rc<ServiceLogin>),
    Wait(PendingLogin),
    /// No login is in progress: start one and register it with `begin_login`.
    LogIn,
}

impl Session {
    /// Returns the current login, or the login in progress to wait for.
    pub fn lookup(&self) -> TicketLookup {
        match &*self.state.borrow() {
            TicketState::Ready(ticket) => TicketLookup::Ready(ticket.clone()),
            TicketState::LoggingIn(pending) => TicketLookup::Wait(pending.clone()),
            TicketState::LoggedOut => TicketLookup::LogIn,
        }
    }

    /// The current login, when there is one.
    pub fn ready_login(&self) -> Option<Rc<ServiceLogin>> {
        match &*self.state.borrow() {
            TicketState::Ready(login) => Some(login.clone()),
            _ => None,
        }
    }

    /// Registers a login so that later callers wait for it instead of starting another.
    pub fn begin_login(&self, login: LocalBoxFuture<'static, LoginOutcome>) -> PendingLogin {
        let pending = PendingLogin::new(login);
        *self.state.borrow_mut() = TicketState::LoggingIn(pending.clone());
        pending
    }

    /// Stores the outcome of a login: the ticket, or logged out after a failure so the
    /// next call tries again.
    pub fn finish_login(&self, outcome: &LoginOutcome) {
        *self.state.borrow_mut() = match outcome {
            Ok(login) => TicketState::Ready(login.clone()),
            Err(_) => TicketState::LoggedOut,
        };
    }

    /// Forgets `rejected` if it is still the current ticket; a ticket renewed meanwhile
    /// by another call is kept.
    pub fn forget(&self, rejected: &str) {
        let is_current = matches!(&*self.state.borrow(), TicketState::Ready(login) if login.ticket == rejected);
        if is_current {
            *self.state.borrow_mut() = TicketState::LoggedOut;
        }
    }

    /// Forgets any ticket, so the next call logs in again.
    pub fn log_out(&self) {
        if matches!(&*self.state.borrow(), TicketState::Ready(_)) {
            *self.state.borrow_mut() = TicketState::LoggedOut;
        }
    }

    /// Returns the login method name to send: `UsersLogin` until a 404 showed that the
    /// server serves only `UserLogin`.
    pub fn login_name(&self) -> &'static str {
        self.login_name.get()
    }

    /// Switches to the alternate login spelling after a 404.
    pub fn use_alternate_login_name(&self) {
        self.login_name.set(USERS_LOGIN_ALTERNATE_NAME);
    }
}
