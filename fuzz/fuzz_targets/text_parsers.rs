//! Feeds one text to the parsers of amounts, dates and server timestamps, and checks
//! that whatever they accept comes back unchanged when written out and parsed again.
//!
//! The input bytes are read as UTF-8, with invalid sequences replaced by U+FFFD. The same
//! text, and its first eight bytes taken as the bits of a double, also go through
//! `format_number` and `Money::from_f64`, which turn JS numbers into text and money.

#![no_main]

use libfuzzer_sys::fuzz_target;
use oksoft_client::protocol::dates::{parse_input_date, parse_server_timestamp, CalendarDate, DateFormat};
use oksoft_client::protocol::money::Money;
use oksoft_client::protocol::numbers::format_number;

/// Largest amount `Money` accepts, in minor units: 2^53 - 1, as in `money.rs`.
const MAX_MINOR_UNITS: i64 = 9_007_199_254_740_991;

/// Milliseconds in a day; a date without a time of day is a whole number of them.
const DAY_MS: f64 = 86_400_000.0;

/// Checks an accepted amount: within the limit, and unchanged by a round trip through
/// its two-decimal text.
fn check_amount(function: &str, text: &str, money: Money) {
    assert!(money.0.abs() <= MAX_MINOR_UNITS, "{function}({text:?}) returned {money:?}, beyond the limit");
    let written = money.to_decimal_string();
    assert_eq!(Money::parse_decimal(&written), Ok(money), "{function}({text:?}) wrote {written:?}");
}

fn check_amounts(text: &str) {
    if let Ok(money) = Money::parse_decimal(text) {
        check_amount("parse_decimal", text, money);
    }
    if let Ok(money) = Money::parse_input(text) {
        check_amount("parse_input", text, money);
        assert_eq!(Money::parse_decimal(text), Ok(money), "parse_input and parse_decimal disagree on {text:?}");
    }
}

/// Checks an accepted date: a real day in 1900..=2100 that every written form parses
/// back to, and whose ISO form is a midnight timestamp.
fn check_date(text: &str, date: CalendarDate) {
    assert!((1900..=2100).contains(&date.year()), "parse_input_date({text:?}) returned {date:?}");
    assert_eq!(CalendarDate::new(date.year(), date.month(), date.day()), Some(date), "{text:?}");

    // DDMMYYYY is a wire format only: parse_input_date does not read it back.
    let formats = [DateFormat::DayMonthYearDashes, DateFormat::DayMonthYearDots, DateFormat::DayMonthYearSlashes];
    for format in formats {
        let written = format.format(date);
        assert_eq!(parse_input_date(&written), Ok(date), "{format:?} wrote {written:?} for {text:?}");
    }

    let iso = format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day());
    assert_eq!(parse_input_date(&iso), Ok(date), "ISO form {iso:?} of {text:?}");
    let Some(midnight) = parse_server_timestamp(&iso) else {
        panic!("parse_server_timestamp rejected {iso:?}, which parse_input_date accepts");
    };
    assert_eq!(midnight % DAY_MS, 0.0, "{iso:?} is not at midnight: {midnight}");
    let first = parse_server_timestamp("1900-01-01").unwrap_or(f64::NAN);
    let last = parse_server_timestamp("2100-12-31").unwrap_or(f64::NAN);
    assert!((first..=last).contains(&midnight), "{iso:?} gave {midnight}, outside {first}..={last}");
}

fn check_dates(text: &str) {
    if let Ok(date) = parse_input_date(text) {
        check_date(text, date);
    }
    if let Some(timestamp) = parse_server_timestamp(text) {
        assert!(timestamp.is_finite(), "parse_server_timestamp({text:?}) returned {timestamp}");
    }
}

/// Checks that `format_number` writes text that parses back to `value`: exactly for
/// whole numbers below 10^21, within its 15 significant digits otherwise.
fn check_number(value: f64) {
    let written = format_number(value);
    let Ok(parsed) = written.parse::<f64>() else {
        panic!("format_number({value:?}) wrote {written:?}, which is not a number");
    };
    if value.is_nan() {
        assert!(parsed.is_nan(), "format_number({value:?}) wrote {written:?}");
    } else if value.is_infinite() || (value.fract() == 0.0 && value.abs() < 1e21) {
        assert_eq!(parsed, value, "format_number({value:?}) wrote {written:?}");
    } else {
        // 15 significant digits leave a relative error below 5e-15; the bound allows for
        // the rounding of the scaling multiplications.
        let tolerance = value.abs() * 1e-13;
        assert!((parsed - value).abs() <= tolerance, "format_number({value:?}) wrote {written:?}");
    }

    if let Ok(money) = Money::from_f64(value) {
        assert!(money.0.abs() <= MAX_MINOR_UNITS, "from_f64({value:?}) returned {money:?}");
        let written = money.to_decimal_string();
        assert_eq!(written.parse::<f64>().ok(), Some(value), "from_f64({value:?}) returned {written:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    check_amounts(&text);
    check_dates(&text);

    if let Ok(value) = text.trim().parse::<f64>() {
        check_number(value);
    }
    if let Some(bits) = data.get(..8).and_then(|head| <[u8; 8]>::try_from(head).ok()) {
        check_number(f64::from_le_bytes(bits));
    }
});
