//! Policy of a partner gateway: a storefront server that lets visitors do what a
//! logged-in partner may do, while only the server has the integration account.
//!
//! - `access`: which operations a visitor may cause, and binding them to the partner
//!   the session belongs to
//! - `rate_limit`: attempts per key within a time window
//! - `origin`: the check that a cookie-bearing request comes from an allowed site
//!
//! The decisions live here so they are tested natively, and the package's HTTP handler
//! (`pkg-template/gateway.js`) only has to apply them.

pub mod access;
pub mod origin;
pub mod rate_limit;
