//! OKsoft emulator: an in-memory HTTP server with the same API as the OKsoft back-office
//! Service, seeded with the example data of the vendor's integration guide, so that the
//! client's tests and demo run offline.
//!
//! The binary in `main.rs` serves [`router`] over [`App::seeded`]. Tests may do the same
//! in-process on a loopback port.

mod dates;
mod faults;
mod inspect;
mod money;
mod operations;
mod params;
mod render;
mod routes;
mod seed;
mod state;
mod tickets;
mod validation;
mod value;
mod xml;

pub use faults::FAULT_HEADER;
pub use routes::router;
pub use seed::{
    md5_upper_hex, DEMO_LOGIN, DEMO_PARTNER_EMAIL, DEMO_PARTNER_ID, DEMO_PARTNER_LOGIN,
    DEMO_PASSWORD, SPONSOR_PARTNER_ID, SPONSOR_PARTNER_LOGIN,
};
pub use state::{App, Options};
