//! Exact money amounts in minor units (kopecks or cents).

use std::fmt;

/// An amount of money in minor units, so that no binary floating point touches a balance.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Money(i64);

/// Reason for rejecting an `Amount` parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountError {
    Missing,
    Malformed,
    NotPositive,
    TooLarge,
}

impl AmountError {
    /// Returns the Russian text that the emulator puts into `ResultText`.
    pub fn message(self) -> &'static str {
        match self {
            AmountError::Missing => "Не указана сумма Amount",
            AmountError::Malformed => {
                "Недопустимая сумма Amount: ожидается число с не более чем двумя знаками после точки, например 1234.50"
            }
            AmountError::NotPositive => "Сумма Amount должна быть больше нуля",
            AmountError::TooLarge => "Сумма Amount слишком велика",
        }
    }
}

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_minor_units(minor_units: i64) -> Money {
        Money(minor_units)
    }

    pub fn minor_units(self) -> i64 {
        self.0
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }

    /// Parses a positive amount such as `1234`, `1234.5` or `1234,50`.
    ///
    /// The integer part needs at least one digit and the fraction, when a `.` or `,`
    /// is present, one or two digits. Signs, exponents, group separators and inner
    /// spaces are rejected. Surrounding spaces are ignored, as .NET's decimal parser does.
    pub fn parse_amount(text: &str) -> Result<Money, AmountError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(AmountError::Missing);
        }

        let (whole, fraction) = match text.find(['.', ',']) {
            Some(position) => (&text[..position], &text[position + 1..]),
            None => (text, ""),
        };
        let has_separator = whole.len() != text.len();
        let digits_only = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
        if whole.is_empty() || !digits_only(whole) || !digits_only(fraction) {
            return Err(AmountError::Malformed);
        }
        if has_separator && (fraction.is_empty() || fraction.len() > 2) {
            return Err(AmountError::Malformed);
        }

        let mut minor_units: i64 = 0;
        let padded_fraction = format!("{fraction:0<2}");
        for digit in whole.bytes().chain(padded_fraction.bytes()) {
            minor_units = minor_units
                .checked_mul(10)
                .and_then(|value| value.checked_add(i64::from(digit - b'0')))
                .ok_or(AmountError::TooLarge)?;
        }

        if minor_units == 0 {
            return Err(AmountError::NotPositive);
        }
        Ok(Money(minor_units))
    }

    /// Formats the amount as a JSON number with no trailing zeros in the fraction:
    /// `1`, `1234.5`, `1234.56`, the way the OKsoft examples print `Stock`.
    pub fn to_json_number(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let magnitude = self.0.unsigned_abs();
        let whole = magnitude / 100;
        let cents = magnitude % 100;
        if cents == 0 {
            format!("{sign}{whole}")
        } else if cents.is_multiple_of(10) {
            format!("{sign}{whole}.{}", cents / 10)
        } else {
            format!("{sign}{whole}.{cents:02}")
        }
    }
}

/// Formats the amount with exactly two decimals, such as `1234.50`.
impl fmt::Display for Money {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let magnitude = self.0.unsigned_abs();
        write!(
            formatter,
            "{sign}{}.{:02}",
            magnitude / 100,
            magnitude % 100
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_amount_accepts_valid_forms() {
        let cases = [
            ("1", 100),
            ("1234.5", 123_450),
            ("1234.56", 123_456),
            ("1234,56", 123_456),
            ("0.01", 1),
            (" 10 ", 1000),
            ("007.10", 710),
        ];
        for (text, minor_units) in cases {
            assert_eq!(
                Money::parse_amount(text),
                Ok(Money(minor_units)),
                "input {text:?}"
            );
        }
    }

    #[test]
    fn parse_amount_rejects_invalid_forms() {
        let cases = [
            ("", AmountError::Missing),
            ("   ", AmountError::Missing),
            ("1.234", AmountError::Malformed),
            ("1.", AmountError::Malformed),
            (".5", AmountError::Malformed),
            ("-5", AmountError::Malformed),
            ("+5", AmountError::Malformed),
            ("1e3", AmountError::Malformed),
            ("1 000", AmountError::Malformed),
            ("1.2.3", AmountError::Malformed),
            ("1,5.0", AmountError::Malformed),
            ("NaN", AmountError::Malformed),
            ("Infinity", AmountError::Malformed),
            ("١٢", AmountError::Malformed),
            ("0", AmountError::NotPositive),
            ("0.00", AmountError::NotPositive),
            ("99999999999999999999", AmountError::TooLarge),
            ("92233720368547758.08", AmountError::TooLarge),
        ];
        for (text, error) in cases {
            assert_eq!(Money::parse_amount(text), Err(error), "input {text:?}");
        }
    }

    #[test]
    fn parse_amount_accepts_largest_value() {
        assert_eq!(
            Money::parse_amount("92233720368547758.07"),
            Ok(Money(i64::MAX))
        );
    }

    #[test]
    fn json_number_drops_trailing_zeros() {
        assert_eq!(Money(100).to_json_number(), "1");
        assert_eq!(Money(123_450).to_json_number(), "1234.5");
        assert_eq!(Money(123_456).to_json_number(), "1234.56");
        assert_eq!(Money(5).to_json_number(), "0.05");
        assert_eq!(Money(0).to_json_number(), "0");
        assert_eq!(Money(-150).to_json_number(), "-1.5");
        assert_eq!(Money(i64::MIN).to_json_number(), "-92233720368547758.08");
    }

    #[test]
    fn display_prints_two_decimals() {
        assert_eq!(Money(123_450).to_string(), "1234.50");
        assert_eq!(Money(100).to_string(), "1.00");
        assert_eq!(Money(7).to_string(), "0.07");
        assert_eq!(Money(-7).to_string(), "-0.07");
    }
}
