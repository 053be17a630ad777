//! The OKsoft protocol in pure Rust: no JS types, tested natively with `cargo test`.
//!
//! - `catalogue`: the fourteen operations and their parameters
//! - `input`, `params`: caller input, its validation and wire parameters
//! - `encoding`, `hashing`, `request`: percent-encoding, MD5 and whole requests
//! - `json`, `decode`, `models`: strict JSON parsing, tolerant response reading, typed results
//! - `money`, `dates`, `numbers`: exact amounts, calendar dates, numbers as text
//! - `text`: substring search without core's searcher, for size
//! - `error`, `messages`, `locale`: the error type and its messages, whose Russian and
//!   English texts are in `messages.json`

pub mod catalogue;
pub mod dates;
pub mod decode;
pub mod encoding;
pub mod error;
pub mod hashing;
pub mod input;
pub mod json;
pub mod locale;
pub mod messages;
pub mod models;
pub mod money;
pub mod numbers;
pub mod params;
pub mod request;
pub mod text;

#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod json_differential_tests;
#[cfg(test)]
mod models_tests;
#[cfg(test)]
mod test_random;
#[cfg(test)]
mod tests;
