//! The JS surface, built with wasm-bindgen: all translation between JS and Rust values
//! happens here.
//!
//! - `client`: the `OksoftClient` class and `md5Hex`
//! - `call`: one call or one service login as an object that `driver.js` runs
//! - `input`: JS options objects to `Input`
//! - `output`: typed results to plain JS objects
//! - `error`: `Error` to `OksoftError`
//! - `gateway`: the partner gateway's decisions, with the `gateway-exports` feature only
//! - `gateway_client`: the checks of the gateway mode of `OksoftClient`

mod call;
mod client;
mod error;
#[cfg(feature = "gateway-exports")]
mod gateway;
mod gateway_client;
mod input;
mod output;

pub use client::{md5_hex_js, OksoftClient};
pub use error::set_error_class;
