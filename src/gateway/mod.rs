//! Policy of a partner gateway: a storefront server that lets visitors do what a
//! logged-in partner may do, while only the server has the integration account.
//!
//! - `access`: which operations a visitor may cause, and binding them to the partner
//!   the session belongs to
//! - `rate_limit`: the key under which a login, an e-mail or an address is counted
//!
//! These decisions depend on the operation catalogue, so they live here beside it and
//! are tested natively. The package's HTTP handler (`pkg-template/gateway.js`) applies
//! them, and keeps the rate limiter and the origin check, which need no catalogue, in JS.

pub mod access;
pub mod rate_limit;
