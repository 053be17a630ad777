//! The service ticket, obtained lazily with UsersLogin, and the spelling of the login
//! method that worked. The drivers keep the login in progress themselves.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::protocol::catalogue::USERS_LOGIN_ALTERNATE_NAME;
use crate::protocol::error::Error;
use crate::protocol::models::ServiceLogin;

/// Outcome of one UsersLogin, shared by every caller that waited for it.
pub type LoginOutcome = Result<Rc<ServiceLogin>, Error>;

/// The service ticket and the spelling of the login method that worked.
pub struct Session {
    login: RefCell<Option<Rc<ServiceLogin>>>,
    login_name: Cell<&'static str>,
}

impl Default for Session {
    fn default() -> Session {
        Session { login: RefCell::new(None), login_name: Cell::new("UsersLogin") }
    }
}

impl Session {
    /// Returns the current login, when there is one.
    pub fn ready_login(&self) -> Option<Rc<ServiceLogin>> {
        self.login.borrow().clone()
    }

    /// Stores the outcome of a login: the ticket, or none after a failure so the next
    /// call tries again.
    pub fn finish_login(&self, outcome: &LoginOutcome) {
        *self.login.borrow_mut() = outcome.as_ref().ok().cloned();
    }

    /// Forgets `rejected` if it is still the current ticket; a ticket renewed meanwhile
    /// by another call is kept.
    pub fn forget(&self, rejected: &str) {
        let is_current = self.login.borrow().as_ref().is_some_and(|login| login.ticket == rejected);
        if is_current {
            *self.login.borrow_mut() = None;
        }
    }

    /// Forgets any ticket, so the next call logs in again.
    pub fn log_out(&self) {
        *self.login.borrow_mut() = None;
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
