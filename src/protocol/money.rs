//! Money as whole minor units (kopecks, cents), never binary floating point.

use super::error::AmountProblem;

/// Largest amount accepted, in minor units: 2^53 − 1, so a JS number can hold it exactly.
const MAX_MINOR_UNITS: i64 = 9_007_199_254_740_991;

/// An amount in minor units: `Money(123450)` is 1234.50.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Money(pub i64);

impl Money {
    /// Parses a decimal such as `1234.5`, `-3`, `0.07` or `1e3`, exactly.
    ///
    /// A comma is accepted as the decimal separator. More than two significant decimal
    /// digits are rejected, never rounded.
    pub fn parse_decimal(text: &str) -> Result<Money, AmountProblem> {
        let text = text.trim();
        let (negative, unsigned) = match text.as_bytes().first() {
            Some(b'-') => (true, text.get(1..).unwrap_or("")),
            Some(b'+') => (false, text.get(1..).unwrap_or("")),
            _ => (false, text),
        };

        let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
            Some(index) => {
                let exponent_text = unsigned.get(index + 1..).unwrap_or("");
                let exponent: i32 = exponent_text.parse().map_err(|_| AmountProblem::NotANumber)?;
                (unsigned.get(..index).unwrap_or(""), exponent)
            }
            None => (unsigned, 0),
        };

        let (whole, fraction) = match mantissa.find(['.', ',']) {
            Some(index) => (mantissa.get(..index).unwrap_or(""), mantissa.get(index + 1..).unwrap_or("")),
            None => (mantissa, ""),
        };
        let is_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && fraction.is_empty()) || !is_digits(whole) || !is_digits(fraction) {
            return Err(AmountProblem::NotANumber);
        }

        // Place the decimal point within the significant digits, then count decimals.
        let all_digits = format!("{whole}{fraction}");
        let significant = all_digits.trim_start_matches('0');
        let leading_zeros = (all_digits.len() - significant.len()) as i64;
        let point = whole.len() as i64 + i64::from(exponent) - leading_zeros;
        let digits = significant.trim_end_matches('0');
        if digits.is_empty() {
            return Ok(Money(0));
        }
        let decimals = digits.len() as i64 - point;
        if decimals > 2 {
            return Err(AmountProblem::TooPrecise);
        }
        let padding = 2 - decimals;
        if digits.len() as i64 + padding > 16 {
            return Err(AmountProblem::TooLarge);
        }

        let mut minor: i64 = digits.parse().map_err(|_| AmountProblem::TooLarge)?;
        for _ in 0..padding {
            minor = minor.checked_mul(10).ok_or(AmountProblem::TooLarge)?;
        }
        if minor > MAX_MINOR_UNITS {
            return Err(AmountProblem::TooLarge);
        }
        Ok(Money(if negative { -minor } else { minor }))
    }

    /// Parses a caller's amount: plain decimal digits with at most two of them after the
    /// point (`.` or `,`). Unlike `parse_decimal`, it rejects exponents and extra zeros,
    /// so `"1,000"` meaning a thousand is an error, not 1.00.
    pub fn parse_input(text: &str) -> Result<Money, AmountProblem> {
        let text = text.trim();
        if text.contains(['e', 'E']) {
            return Err(AmountProblem::NotANumber);
        }
        if is_grouped(text) {
            return Err(AmountProblem::Grouped);
        }
        let decimals = text.find(['.', ',']).map(|index| text.len() - index - 1).unwrap_or(0);
        if decimals > 2 {
            return Err(AmountProblem::TooPrecise);
        }
        Money::parse_decimal(text)
    }

    /// Converts a JS number, such as `1234.5`, when it is exactly the double nearest to
    /// an amount with at most two decimals, which is when its shortest decimal form has at
    /// most two decimals. `0.1 + 0.2` is not (it prints as `0.30000000000000004`), so it
    /// is rejected as too precise rather than silently rounded.
    pub fn from_f64(value: f64) -> Result<Money, AmountProblem> {
        if !value.is_finite() {
            return Err(AmountProblem::NotANumber);
        }
        let minor = (value * 100.0).round();
        if minor.abs() > MAX_MINOR_UNITS as f64 {
            return Err(AmountProblem::TooLarge);
        }
        // Dividing a whole number by 100 rounds correctly, so this is the double nearest
        // to minor/100; equality means `value` is that amount.
        if minor / 100.0 != value {
            return Err(AmountProblem::TooPrecise);
        }
        Ok(Money(minor as i64))
    }

    /// Checks that the amount is greater than zero, as payments must be.
    pub fn require_positive(self) -> Result<Money, AmountProblem> {
        if self.0 > 0 {
            Ok(self)
        } else {
            Err(AmountProblem::NotPositive)
        }
    }

    /// Writes the amount with exactly two decimals and a point: `1234.50`, `-0.07`.
    pub fn to_decimal_string(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let magnitude = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", magnitude / 100, magnitude % 100)
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(&self.to_decimal_string())
    }
}

/// Returns whether a caller's amount groups its digits: two separators (`1,000.00`,
/// `1.000.000`), or a space or apostrophe between digits (`1 000`, `1'000`).
fn is_grouped(text: &str) -> bool {
    let separators = text.bytes().filter(|b| matches!(b, b'.' | b',')).count();
    let inner_gap = text.trim_start_matches('-').contains([' ', '\'', '\u{a0}', '\u{202f}']);
    separators > 1 || inner_gap
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_exact_decimals() {
        let cases = [
            ("1234.50", 123_450),
            ("1234.5", 123_450),
            ("1234", 123_400),
            ("0.07", 7),
            ("0,07", 7),
            (".5", 50),
            ("5.", 500),
            ("-3", -300),
            ("+3.10", 310),
            ("1e3", 100_000),
            ("1.5E1", 1_500),
            ("125e-2", 125),
            ("0001.10", 110),
            ("0", 0),
            ("0.000", 0),
            ("90071992547409.91", 9_007_199_254_740_991),
        ];
        for (text, minor) in cases {
            assert_eq!(Money::parse_decimal(text), Ok(Money(minor)), "{text}");
        }
    }

    #[test]
    fn parse_rejects() {
        let cases = [
            ("", AmountProblem::NotANumber),
            (".", AmountProblem::NotANumber),
            ("abc", AmountProblem::NotANumber),
            ("1.2.3", AmountProblem::NotANumber),
            ("1 000", AmountProblem::NotANumber),
            ("NaN", AmountProblem::NotANumber),
            ("1e", AmountProblem::NotANumber),
            ("0x10", AmountProblem::NotANumber),
            ("1.234", AmountProblem::TooPrecise),
            ("1e-3", AmountProblem::TooPrecise),
            ("90071992547409.92", AmountProblem::TooLarge),
            ("1e300", AmountProblem::TooLarge),
            ("99999999999999999999999", AmountProblem::TooLarge),
        ];
        for (text, problem) in cases {
            assert_eq!(Money::parse_decimal(text), Err(problem), "{text}");
        }
    }

    #[test]
    fn caller_amounts_are_strict() {
        assert_eq!(Money::parse_input("1234.50"), Ok(Money(123_450)));
        assert_eq!(Money::parse_input("0,07"), Ok(Money(7)));
        assert_eq!(Money::parse_input(" 12 "), Ok(Money(1_200)));
        assert_eq!(Money::parse_input("1,000"), Err(AmountProblem::TooPrecise));
        for grouped in ["1,000.00", "1.000.000", "1 000", "1'000.50", "1\u{a0}000"] {
            assert_eq!(Money::parse_input(grouped), Err(AmountProblem::Grouped), "{grouped}");
        }
        assert_eq!(Money::parse_input("1.0000"), Err(AmountProblem::TooPrecise));
        assert_eq!(Money::parse_input("1e3"), Err(AmountProblem::NotANumber));
        assert_eq!(Money::parse_input("1E-2"), Err(AmountProblem::NotANumber));
    }

    #[test]
    fn from_js_numbers() {
        assert_eq!(Money::from_f64(1234.5), Ok(Money(123_450)));
        assert_eq!(Money::from_f64(0.1), Ok(Money(10)));
        assert_eq!(Money::from_f64(19.99), Ok(Money(1_999)));
        assert_eq!(Money::from_f64(0.1 + 0.2), Err(AmountProblem::TooPrecise));
        assert_eq!(Money::from_f64(f64::NAN), Err(AmountProblem::NotANumber));
        assert_eq!(Money::from_f64(f64::INFINITY), Err(AmountProblem::NotANumber));
        assert_eq!(Money::from_f64(1e300), Err(AmountProblem::TooLarge));
        assert_eq!(Money::from_f64(1.005), Err(AmountProblem::TooPrecise));
        assert_eq!(Money::from_f64(0.29), Ok(Money(29)));
        assert_eq!(Money::from_f64(-0.07), Ok(Money(-7)));
        assert_eq!(Money::from_f64(9_007_199_254_740_991.0 / 100.0), Ok(Money(9_007_199_254_740_991)));
    }

    #[test]
    fn positive_rule() {
        assert_eq!(Money(1).require_positive(), Ok(Money(1)));
        assert_eq!(Money(0).require_positive(), Err(AmountProblem::NotPositive));
        assert_eq!(Money(-5).require_positive(), Err(AmountProblem::NotPositive));
    }

    #[test]
    fn two_decimal_output() {
        assert_eq!(Money(123_450).to_decimal_string(), "1234.50");
        assert_eq!(Money(7).to_decimal_string(), "0.07");
        assert_eq!(Money(0).to_decimal_string(), "0.00");
        assert_eq!(Money(-7).to_decimal_string(), "-0.07");
        assert_eq!(Money(i64::MIN).to_decimal_string(), "-92233720368547758.08");
    }
}
