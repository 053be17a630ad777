//! Numbers to and from text without Rust's float formatting and parsing, which with
//! their tables measured about 20 KB of the shipped wasm. In wasm, JS writes numbers.

/// Whole numbers below this print in full, as in JS; larger ones use an exponent.
#[cfg(not(target_arch = "wasm32"))]
const MAX_PLAIN_INTEGER: f64 = 1e21;

/// Significant digits written for numbers that are not whole; 15 digits of a double are
/// always exact, so `1.005` prints as `1.005` and `0.1 + 0.2` as `0.3`.
#[cfg(not(target_arch = "wasm32"))]
const SIGNIFICANT_DIGITS: i32 = 15;

/// Writes `value` as JS's `String(value)` does: `24`, `-2`, `1.5`, `NaN`, `Infinity`,
/// `1e+300`. In wasm the JS engine itself writes it, which is exact and costs no code.
#[cfg(target_arch = "wasm32")]
pub fn format_number(value: f64) -> String {
    // Radix 10 is always valid, so `toString` cannot throw here.
    js_sys::Number::from(value).to_string_with_radix(10).map(String::from).unwrap_or_default()
}

/// Writes `value` as JS's `String(value)` mostly does.
#[cfg(not(target_arch = "wasm32"))]
pub fn format_number(value: f64) -> String {
    format_number_natively(value)
}

/// Writes `value` the way JS mostly does: `24`, `-2`, `1.5`, `NaN`,
/// `Infinity`, `1e+300`. Whole numbers below 10^21 are exact; others keep 15
/// significant digits.
#[cfg(not(target_arch = "wasm32"))]
fn format_number_natively(value: f64) -> String {
    if value.is_nan() {
        return "NaN".to_string();
    }
    if value.is_infinite() {
        return if value > 0.0 { "Infinity" } else { "-Infinity" }.to_string();
    }
    if value == 0.0 {
        return "0".to_string();
    }
    if value.fract() == 0.0 && value.abs() < MAX_PLAIN_INTEGER {
        return (value as i128).to_string();
    }

    // Scale to an integer of 15 significant digits, then place the decimal point.
    let sign = if value < 0.0 { "-" } else { "" };
    let magnitude = value.abs();
    // log10 rounds up to the next integer for some values just below a power of ten,
    // which leaves one digit short; step the exponent down once in that case.
    let mut exponent = magnitude.log10().floor() as i32;
    let mut scaled = times_power_of_ten(magnitude, SIGNIFICANT_DIGITS - 1 - exponent).round();
    if scaled < 10f64.powi(SIGNIFICANT_DIGITS - 1) {
        exponent -= 1;
        scaled = times_power_of_ten(magnitude, SIGNIFICANT_DIGITS - 1 - exponent).round();
    }
    let (digits, exponent) = if scaled >= 10f64.powi(SIGNIFICANT_DIGITS) {
        ((scaled / 10.0).round() as u64, exponent + 1)
    } else {
        (scaled as u64, exponent)
    };
    let digits = digits.to_string();
    let digits = digits.trim_end_matches('0');

    if !(-6..21).contains(&exponent) {
        let (first, rest) = digits.split_at_checked(1).unwrap_or((digits, ""));
        let mantissa = if rest.is_empty() { first.to_string() } else { format!("{first}.{rest}") };
        let exponent_sign = if exponent < 0 { "-" } else { "+" };
        return format!("{sign}{mantissa}e{exponent_sign}{}", exponent.abs());
    }
    if exponent < 0 {
        let zeros = "0".repeat((-exponent - 1) as usize);
        return format!("{sign}0.{zeros}{digits}");
    }
    let whole_len = exponent as usize + 1;
    if digits.len() <= whole_len {
        let zeros = "0".repeat(whole_len - digits.len());
        return format!("{sign}{digits}{zeros}");
    }
    let (whole, fraction) = digits.split_at_checked(whole_len).unwrap_or((digits, ""));
    format!("{sign}{whole}.{fraction}")
}

/// The bound up to which every integer is exact in a JS number, 2^53.
const MAX_EXACT_INTEGER: u64 = 1 << 53;

/// Reads a run of ASCII digits, after trimming spaces, as a whole number: `" 24 "` is 24.
/// Returns `None` for anything else, signs and exponents included, or past 2^53 where a
/// JS number stops being exact.
pub fn parse_whole_number(text: &str) -> Option<f64> {
    let digits = text.trim();
    if digits.is_empty() || digits.len() > 16 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value = digits.bytes().fold(0u64, |total, digit| total * 10 + u64::from(digit - b'0'));
    (value <= MAX_EXACT_INTEGER).then_some(value as f64)
}

/// Reads a decimal number such as `1.5`, `-2`, `+.5` or `6.02e23`, after trimming spaces.
/// Returns `None` for other text (`inf`, `NaN`, hexadecimal, `1,5`) and for overflow.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let text = text.trim();
    if !is_decimal_number(text) {
        return None;
    }
    let value = parse_checked_decimal(text);
    value.is_finite().then_some(value)
}

/// In wasm, JS's `parseFloat` reads the number: Rust's float parser and its tables cost
/// about 13 KB of the shipped wasm. Both round correctly, so they agree.
#[cfg(target_arch = "wasm32")]
fn parse_checked_decimal(text: &str) -> f64 {
    js_sys::parse_float(text)
}

#[cfg(not(target_arch = "wasm32"))]
fn parse_checked_decimal(text: &str) -> f64 {
    text.parse().unwrap_or(f64::NAN)
}

/// Checks the form `[+-]digits[.digits][(e|E)[+-]digits]`, with a digit on at least one
/// side of the point.
fn is_decimal_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut index = usize::from(matches!(bytes.first(), Some(b'+' | b'-')));
    let count_digits = |from: usize| bytes.get(from..).unwrap_or_default().iter().take_while(|b| b.is_ascii_digit()).count();

    let whole_digits = count_digits(index);
    index += whole_digits;
    let mut fraction_digits = 0;
    if bytes.get(index) == Some(&b'.') {
        fraction_digits = count_digits(index + 1);
        index += 1 + fraction_digits;
    }
    if whole_digits + fraction_digits == 0 {
        return false;
    }
    if matches!(bytes.get(index), Some(b'e' | b'E')) {
        index += 1;
        index += usize::from(matches!(bytes.get(index), Some(b'+' | b'-')));
        let exponent_digits = count_digits(index);
        if exponent_digits == 0 {
            return false;
        }
        index += exponent_digits;
    }
    index == bytes.len()
}

/// Multiplies by 10^power in steps, because 10^power alone overflows past 10^308.
#[cfg(not(target_arch = "wasm32"))]
fn times_power_of_ten(mut value: f64, mut power: i32) -> f64 {
    while power > 300 {
        value *= 1e300;
        power -= 300;
    }
    value * 10f64.powi(power)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_from_text() {
        let cases = [("1.5", 1.5), (" -2 ", -2.0), ("+.5", 0.5), ("5.", 5.0), ("6.02e23", 6.02e23), ("1E-3", 0.001), ("1e-400", 0.0)];
        for (text, expected) in cases {
            assert_eq!(parse_decimal(text), Some(expected), "{text}");
        }
        for rejected in ["", ".", "-", "e5", "1e", "1e+", "inf", "NaN", "0x10", "1,5", "1.5.2", "1e400", "1 2", "١"] {
            assert_eq!(parse_decimal(rejected), None, "{rejected}");
        }
    }

    #[test]
    fn whole_numbers_from_text() {
        assert_eq!(parse_whole_number("24"), Some(24.0));
        assert_eq!(parse_whole_number(" 0024 "), Some(24.0));
        assert_eq!(parse_whole_number("9007199254740992"), Some(9_007_199_254_740_992.0));
        for rejected in ["", " ", "-1", "+1", "1.0", "1e2", "0x10", "9007199254740993", "99999999999999999", "２４"] {
            assert_eq!(parse_whole_number(rejected), None, "{rejected}");
        }
    }

    #[test]
    fn numbers_as_js_prints_them() {
        let cases = [
            (24.0, "24"),
            (-2.0, "-2"),
            (0.0, "0"),
            (-0.0, "0"),
            (1.5, "1.5"),
            (1.005, "1.005"),
            (0.1 + 0.2, "0.3"),
            (1234.5, "1234.5"),
            (0.07, "0.07"),
            (0.000_001, "0.000001"),
            (1e-7, "1e-7"),
            (3e10, "30000000000"),
            (1e21, "1e+21"),
            (1e300, "1e+300"),
            (-1.25e-300, "-1.25e-300"),
            (2f64.powi(53) + 2.0, "9007199254740994"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
            (f64::MIN_POSITIVE, "2.2250738585072e-308"),
            (9.999_999_999_999_92e110, "9.99999999999992e+110"),
        ];
        for (value, expected) in cases {
            assert_eq!(format_number(value), expected, "{value:?}");
        }
    }
}
