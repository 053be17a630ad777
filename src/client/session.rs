//! The service ticket: obtained lazily with UsersLogin, shared by concurrent calls.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use futures_util::future::{FutureExt, LocalBoxFuture, Shared};

use crate::protocol::catalogue::USERS_LOGIN_ALTERNATE_NAME;
use crate::protocol::error::Error;

/// A login in progress, which every caller that needs the ticket awaits.
pub type PendingLogin = Shared<LocalBoxFuture<'static, Result<Rc<str>, Error>>>;

enum TicketState {
    LoggedOut,
    LoggingIn(PendingLogin),
    Ready(Rc<str>),
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

/// What a caller needs to do to get a ticket.
pub enum TicketLookup {
    Ready(Rc<str>),
    Wait(PendingLogin),
    /// Nobody is logging in: start a login and register it with `begin_login`.
    LogIn,
}

impl Session {
    /// The current ticket, or the login to wait for.
    pub fn lookup(&self) -> TicketLookup {
        match &*self.state.borrow() {
            TicketState::Ready(ticket) => TicketLookup::Ready(ticket.clone()),
            TicketState::LoggingIn(pending) => TicketLookup::Wait(pending.clone()),
            TicketState::LoggedOut => TicketLookup::LogIn,
        }
    }

    /// Registers a login so that later callers wait for it instead of starting another.
    pub fn begin_login(&self, login: LocalBoxFuture<'static, Result<Rc<str>, Error>>) -> PendingLogin {
        let pending = login.shared();
        *self.state.borrow_mut() = TicketState::LoggingIn(pending.clone());
        pending
    }

    /// Stores the outcome of a login: the ticket, or logged out after a failure so the
    /// next call tries again.
    pub fn finish_login(&self, outcome: &Result<Rc<str>, Error>) {
        *self.state.borrow_mut() = match outcome {
            Ok(ticket) => TicketState::Ready(ticket.clone()),
            Err(_) => TicketState::LoggedOut,
        };
    }

    /// Forgets `rejected` if it is still the current ticket; a ticket renewed meanwhile
    /// by another call is kept.
    pub fn forget(&self, rejected: &str) {
        let is_current = matches!(&*self.state.borrow(), TicketState::Ready(ticket) if &**ticket == rejected);
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

    /// The login method name to send: `UsersLogin` until a 404 showed the server only
    /// knows `UserLogin`.
    pub fn login_name(&self) -> &'static str {
        self.login_name.get()
    }

    /// Switches to the alternate login spelling after a 404.
    pub fn use_alternate_login_name(&self) {
        self.login_name.set(USERS_LOGIN_ALTERNATE_NAME);
    }
}
