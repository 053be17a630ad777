//! Calendar dates in the forms PartnersCreate accepts.

use chrono::NaiveDate;

/// Parses a date given day first as `DD/MM/YYYY`, `DD-MM-YYYY`, `DD.MM.YYYY` or
/// `DDMMYYYY`, or as ISO `YYYY-MM-DD`.
///
/// The vendor guide's examples "11/11/1971 или 11111971 или 11-11-1971" cannot tell day from
/// month, and day first is the Russian convention. With a separator the day and month
/// may have one digit. Impossible dates such as 31-02-2000 return `None`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if text.len() == 8 && all_digits(text) {
        return date_from_parts(&text[4..], &text[2..4], &text[..2]);
    }

    let separator = text.chars().find(|character| !character.is_ascii_digit())?;
    if !matches!(separator, '/' | '-' | '.') {
        return None;
    }
    let parts: Vec<&str> = text.split(separator).collect();
    let [first, second, third] = parts.as_slice() else {
        return None;
    };

    if separator == '-' && first.len() == 4 {
        if second.len() != 2 || third.len() != 2 {
            return None;
        }
        return date_from_parts(first, second, third);
    }
    if !(1..=2).contains(&first.len()) || !(1..=2).contains(&second.len()) || third.len() != 4 {
        return None;
    }
    date_from_parts(third, second, first)
}

fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit())
}

fn date_from_parts(year: &str, month: &str, day: &str) -> Option<NaiveDate> {
    if !all_digits(year) || !all_digits(month) || !all_digits(day) {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, month, day)
    }

    #[test]
    fn parse_date_accepts_supported_forms() {
        let cases = [
            ("11/11/1971", date(1971, 11, 11)),
            ("11111971", date(1971, 11, 11)),
            ("11-11-1971", date(1971, 11, 11)),
            ("11.11.1971", date(1971, 11, 11)),
            ("02/03/1980", date(1980, 3, 2)),
            ("2.3.1980", date(1980, 3, 2)),
            ("1980-03-02", date(1980, 3, 2)),
            (" 29-02-2000 ", date(2000, 2, 29)),
        ];
        for (text, expected) in cases {
            assert!(expected.is_some());
            assert_eq!(parse_date(text), expected, "input {text:?}");
        }
    }

    #[test]
    fn parse_date_rejects_invalid_input() {
        let cases = [
            "",
            "31-02-2000",
            "29-02-1900",
            "00-01-2000",
            "32/01/2000",
            "01/13/2000",
            "1971/11/11",
            "11/11-1971",
            "11/11/71",
            "1111971",
            "111119711",
            "11 11 1971",
            "1980-3-2",
            "1980-03-02T00:00:00",
            "abc",
            "１１/11/1971",
            "11/11/1971/1",
        ];
        for text in cases {
            assert_eq!(parse_date(text), None, "input {text:?}");
        }
    }
}
