//! Client for the OKsoft back-office HTTP API, for browsers, bundlers and Node through
//! WebAssembly, and for native Rust through the `protocol` module.
//!
//! Layers, from the caller down:
//! - `js` (wasm32 only): the `OksoftClient` class, JS options and results, `OksoftError`,
//!   and `driver.js`, which performs each call's steps with `fetch` and timers
//! - `client`: service ticket, login fallback, the steps of a call (free of I/O), and an
//!   async client that runs them over a `Transport`
//! - `transport`: the `Transport` trait, for native code and tests
//! - `protocol`: operation catalogue, requests, responses, validation, errors
//! - `gateway`: the policy of a partner gateway (allowed operations, rate-limit keys)

// A panic in wasm is an `unreachable` trap that poisons the module instance for the rest
// of the page's life, so library code may not contain one; tests may.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]

pub mod client;
pub mod gateway;
pub mod protocol;
pub mod transport;

#[cfg(target_arch = "wasm32")]
pub mod js;

/// The wasm heap allocator: talc, smaller in the shipped module than the default dlmalloc.
/// The module is single-threaded, which this allocator requires.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
