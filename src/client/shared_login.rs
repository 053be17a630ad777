//! A service login in progress that every waiting call of the native client shares.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use futures_util::future::LocalBoxFuture;

use super::session::LoginOutcome;

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
    pub fn new(login: LocalBoxFuture<'static, LoginOutcome>) -> PendingLogin {
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

