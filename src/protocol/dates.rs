//! Calendar dates sent to OKsoft and timestamps received from it.

use super::error::DateProblem;

/// Earliest and latest years accepted in dates sent to OKsoft.
const YEAR_RANGE: std::ops::RangeInclusive<i32> = 1900..=2100;

/// A day of the proleptic Gregorian calendar, always a real date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct CalendarDate {
    year: i32,
    month: u32,
    day: u32,
}

impl CalendarDate {
    /// The date, or `None` when that day does not exist (31 February, month 13).
    pub fn new(year: i32, month: u32, day: u32) -> Option<CalendarDate> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(CalendarDate { year, month, day })
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    pub fn day(self) -> u32 {
        self.day
    }
}

fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Wire format of dates. OKsoft's guide lists `11/11/1971`, `11111971` and
/// `11-11-1971` (day first, the Russian convention); `DD-MM-YYYY` is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateFormat {
    #[default]
    DayMonthYearDashes,
    DayMonthYearDots,
    DayMonthYearSlashes,
    DayMonthYearDigits,
}

impl DateFormat {
    /// Every accepted value of the `dateFormat` option.
    pub const NAMES: &'static [&'static str] = &["DD-MM-YYYY", "DD.MM.YYYY", "DD/MM/YYYY", "DDMMYYYY"];

    /// Parses the `dateFormat` option.
    pub fn parse(name: &str) -> Option<DateFormat> {
        match name {
            "DD-MM-YYYY" => Some(DateFormat::DayMonthYearDashes),
            "DD.MM.YYYY" => Some(DateFormat::DayMonthYearDots),
            "DD/MM/YYYY" => Some(DateFormat::DayMonthYearSlashes),
            "DDMMYYYY" => Some(DateFormat::DayMonthYearDigits),
            _ => None,
        }
    }

    /// Writes `date` in this format.
    pub fn format(self, date: CalendarDate) -> String {
        let CalendarDate { year, month, day } = date;
        match self {
            DateFormat::DayMonthYearDashes => format!("{day:02}-{month:02}-{year:04}"),
            DateFormat::DayMonthYearDots => format!("{day:02}.{month:02}.{year:04}"),
            DateFormat::DayMonthYearSlashes => format!("{day:02}/{month:02}/{year:04}"),
            DateFormat::DayMonthYearDigits => format!("{day:02}{month:02}{year:04}"),
        }
    }
}

/// Checks that a date can be sent: a real day within the years 1900 to 2100.
pub fn check_date_range(date: CalendarDate) -> Result<CalendarDate, DateProblem> {
    if YEAR_RANGE.contains(&date.year) {
        Ok(date)
    } else {
        Err(DateProblem::OutOfRange)
    }
}

/// Parses a caller's date string: `YYYY-MM-DD`, or day first as `DD.MM.YYYY`,
/// `DD-MM-YYYY` or `DD/MM/YYYY`.
pub fn parse_input_date(text: &str) -> Result<CalendarDate, DateProblem> {
    let text = text.trim();
    let bytes = text.as_bytes();
    let digits_at = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = text.get(range)?;
        if part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };

    let (year, month, day) = match bytes {
        [_, _, _, _, b'-', _, _, b'-', _, _] => (digits_at(0..4), digits_at(5..7), digits_at(8..10)),
        [_, _, sep, _, _, sep2, _, _, _, _] if sep == sep2 && matches!(sep, b'.' | b'-' | b'/') => {
            (digits_at(6..10), digits_at(3..5), digits_at(0..2))
        }
        _ => return Err(DateProblem::Format),
    };
    let (Some(year), Some(month), Some(day)) = (year, month, day) else {
        return Err(DateProblem::Format);
    };

    let date = CalendarDate::new(year as i32, month, day).ok_or(DateProblem::Impossible)?;
    check_date_range(date)
}

/// Parses a timestamp received from OKsoft into milliseconds since the Unix epoch.
///
/// Accepts the WCF form `/Date(1262427133000+0300)/` (milliseconds UTC; the offset only
/// gives the server's time zone, so it is ignored), with or without offset and negative, and
/// ISO 8601 `YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM]`, read as UTC when it has no offset.
pub fn parse_server_timestamp(text: &str) -> Option<f64> {
    let text = text.trim();
    if let Some(inner) = text.strip_prefix("/Date(").and_then(|rest| rest.strip_suffix(")/")) {
        let sign_at = inner.char_indices().skip(1).find(|(_, c)| *c == '+' || *c == '-');
        let millis_text = match sign_at {
            Some((index, _)) => inner.get(..index)?,
            None => inner,
        };
        let millis: i64 = millis_text.parse().ok()?;
        return Some(millis as f64);
    }
    parse_iso_timestamp(text)
}

fn parse_iso_timestamp(text: &str) -> Option<f64> {
    let date = parse_input_date(text.get(..10)?).ok().filter(|_| text.as_bytes().get(4) == Some(&b'-'))?;
    let rest = text.get(10..)?;
    if rest.is_empty() {
        return Some(days_from_civil(date) as f64 * 86_400_000.0);
    }
    let rest = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' '))?;

    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = rest.get(range)?;
        part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse().ok())?
    };
    let (hours, minutes, seconds) = (number(0..2)?, number(3..5)?, number(6..8)?);
    if hours > 23 || minutes > 59 || seconds > 60 {
        return None;
    }
    let mut tail = rest.get(8..)?;

    let mut fraction_ms = 0.0;
    if let Some(after_dot) = tail.strip_prefix('.') {
        let digit_count = after_dot.bytes().take_while(u8::is_ascii_digit).count();
        fraction_ms = fraction_in_ms(after_dot.get(..digit_count)?);
        tail = after_dot.get(digit_count..)?;
    }

    let offset_minutes = match tail {
        "" | "Z" => 0,
        _ => {
            let sign = match tail.as_bytes().first() {
                Some(b'+') => 1,
                Some(b'-') => -1,
                _ => return None,
            };
            let offset = tail.get(1..)?.replace(':', "");
            if offset.len() != 4 || !offset.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let hours: i64 = offset.get(0..2)?.parse().ok()?;
            let minutes: i64 = offset.get(2..4)?.parse().ok()?;
            sign * (hours * 60 + minutes)
        }
    };

    let seconds_of_day = hours * 3600 + minutes * 60 + seconds - offset_minutes * 60;
    let total_ms = (days_from_civil(date) * 86_400 + seconds_of_day) as f64 * 1000.0 + fraction_ms;
    Some(total_ms)
}

/// Milliseconds in a fraction of a second given by its digits after the point: `"5"` is
/// 500, `"1234567"` (.NET's ten-millionths) is 123.4567. Digits past the ninth are dropped.
fn fraction_in_ms(digits: &str) -> f64 {
    let digits_used = digits.get(..digits.len().min(9)).unwrap_or_default();
    let value = digits_used.bytes().fold(0u32, |total, digit| total * 10 + u32::from(digit - b'0'));
    f64::from(value) * 1000.0 / 10f64.powi(digits_used.len() as i32)
}

/// Days from 1970-01-01 to `date` (Howard Hinnant's `days_from_civil` algorithm).
fn days_from_civil(date: CalendarDate) -> i64 {
    let month = i64::from(date.month);
    let year = i64::from(date.year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(date.day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> CalendarDate {
        CalendarDate::new(year, month, day).unwrap()
    }

    #[test]
    fn input_dates_accepted_layouts() {
        let expected = date(1971, 11, 11);
        for text in ["1971-11-11", "11.11.1971", "11-11-1971", "11/11/1971", " 1971-11-11 "] {
            assert_eq!(parse_input_date(text), Ok(expected), "{text}");
        }
    }

    #[test]
    fn input_dates_rejected() {
        let cases = [
            ("31.02.2000", DateProblem::Impossible),
            ("2001-02-29", DateProblem::Impossible),
            ("2000-13-01", DateProblem::Impossible),
            ("00.01.2000", DateProblem::Impossible),
            ("1899-12-31", DateProblem::OutOfRange),
            ("2101-01-01", DateProblem::OutOfRange),
            ("11111971", DateProblem::Format),
            ("1971/11/11", DateProblem::Format),
            ("11.11-1971", DateProblem::Format),
            ("yesterday", DateProblem::Format),
            ("", DateProblem::Format),
            ("１９７１-11-11", DateProblem::Format),
            ("+971-11-11", DateProblem::Format),
        ];
        for (text, problem) in cases {
            assert_eq!(parse_input_date(text), Err(problem), "{text}");
        }
    }

    #[test]
    fn leap_days() {
        assert!(CalendarDate::new(2000, 2, 29).is_some());
        assert!(CalendarDate::new(2024, 2, 29).is_some());
        assert!(CalendarDate::new(1900, 2, 29).is_none());
        assert!(CalendarDate::new(2023, 2, 29).is_none());
    }

    #[test]
    fn wire_formats() {
        let birthday = date(1971, 3, 5);
        assert_eq!(DateFormat::default().format(birthday), "05-03-1971");
        assert_eq!(DateFormat::DayMonthYearDots.format(birthday), "05.03.1971");
        assert_eq!(DateFormat::DayMonthYearSlashes.format(birthday), "05/03/1971");
        assert_eq!(DateFormat::DayMonthYearDigits.format(birthday), "05031971");
        for name in DateFormat::NAMES {
            assert!(DateFormat::parse(name).is_some(), "{name}");
        }
        assert_eq!(DateFormat::parse("MM/DD/YYYY"), None);
    }

    #[test]
    fn wcf_timestamps() {
        assert_eq!(parse_server_timestamp("/Date(1262427133000+0300)/"), Some(1_262_427_133_000.0));
        assert_eq!(parse_server_timestamp("/Date(1262427133000-0500)/"), Some(1_262_427_133_000.0));
        assert_eq!(parse_server_timestamp("/Date(1262427133000)/"), Some(1_262_427_133_000.0));
        assert_eq!(parse_server_timestamp("/Date(-86400000)/"), Some(-86_400_000.0));
        assert_eq!(parse_server_timestamp("/Date(-86400000+0300)/"), Some(-86_400_000.0));
        assert_eq!(parse_server_timestamp("/Date(abc)/"), None);
        assert_eq!(parse_server_timestamp("/Date()/"), None);
    }

    #[test]
    fn iso_timestamps() {
        assert_eq!(parse_server_timestamp("1970-01-01T00:00:00Z"), Some(0.0));
        assert_eq!(parse_server_timestamp("2010-01-02T10:12:13Z"), Some(1_262_427_133_000.0));
        assert_eq!(parse_server_timestamp("2010-01-02T13:12:13+03:00"), Some(1_262_427_133_000.0));
        assert_eq!(parse_server_timestamp("2010-01-02T10:12:13.250"), Some(1_262_427_133_250.0));
        assert_eq!(parse_server_timestamp("1969-12-31"), Some(-86_400_000.0));
        assert_eq!(parse_server_timestamp("2010-01-02T25:00:00"), None);
        assert_eq!(parse_server_timestamp("not a date"), None);
        assert_eq!(parse_server_timestamp(""), None);
    }
}
