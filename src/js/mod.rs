//! The JS surface, built with wasm-bindgen: all translation between JS and Rust values
//! happens here.
//!
//! - `client`: the `OksoftClient` class and `md5Hex`
//! - `input`: JS options objects to `Input`
//! - `output`: typed results to plain JS objects
//! - `error`: `Error` to `OksoftError`

mod client;
mod error;
mod input;
mod output;

pub use client::{md5_hex_js, OksoftClient};
pub use error::set_error_class;
