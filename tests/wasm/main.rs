//! The wasm suite: every OKsoft operation called through the JS surface that
//! wasm-bindgen exports (`OksoftClient` and `md5Hex`) against a live emulator.
//!
//! The same binary runs in Node (`wasm-pack test --node`) and, with
//! `WASM_BINDGEN_USE_BROWSER=1`, in a headless browser (`wasm-pack test --headless
//! --chrome`). It sets no `wasm_bindgen_test_configure!`, because then
//! wasm-bindgen-test-runner 0.2.130 picks the mode from that variable. The emulator's
//! URL is read at compile time from `OKSOFT_EMULATOR_URL`, and every test that calls
//! the emulator fails when it is unset.
//!
//! wasm-bindgen-test 0.3.80 runs one test at a time (`CONCURRENCY` in its `rt` module),
//! so a test may compare the emulator's request log and balances before and after its
//! own calls. Other clients of the same emulator during the run would break those checks.
#![cfg(target_arch = "wasm32")]

mod accounts;
mod directories;
mod partners;
mod sessions;
mod support;
mod validation;
