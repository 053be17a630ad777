//! Substring search and replacement over bytes.
//!
//! `str::contains`, `str::find` and `str::replace` with a string pattern pull in core's
//! two-way searcher, about 3 KB of the shipped wasm. The texts searched here are short,
//! so a plain byte scan is fast enough.

/// Byte offset of the first occurrence of `needle` in `haystack`.
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack.as_bytes().windows(needle.len()).position(|window| window == needle.as_bytes())
}

/// Returns true when `needle` occurs in `haystack`.
pub fn contains(haystack: &str, needle: &str) -> bool {
    find(haystack, needle).is_some()
}

/// Replaces every occurrence of `needle` with `replacement`; an empty `needle` changes
/// nothing.
pub fn replace_all(haystack: &str, needle: &str, replacement: &str) -> String {
    if needle.is_empty() {
        return haystack.to_string();
    }
    let mut result = String::with_capacity(haystack.len());
    let mut rest = haystack;
    while let Some(start) = find(rest, needle) {
        // Both cuts fall on character boundaries because `needle` is whole UTF-8.
        result.push_str(rest.get(..start).unwrap_or_default());
        result.push_str(replacement);
        rest = rest.get(start + needle.len()..).unwrap_or_default();
    }
    result.push_str(rest);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_and_contains_cases() {
        assert_eq!(find("Ticket=abc&x", "abc"), Some(7));
        assert_eq!(find("abc", "abcd"), None);
        assert_eq!(find("", "a"), None);
        assert_eq!(find("abc", ""), Some(0));
        assert!(contains("контрагент не найден", "не найден"));
        assert!(!contains("найден", "не найден"));
    }

    #[test]
    fn replace_every_occurrence() {
        assert_eq!(replace_all("a-SECRET-b-SECRET", "SECRET", "***"), "a-***-b-***");
        assert_eq!(replace_all("aaaa", "aa", "b"), "bb");
        assert_eq!(replace_all("тикет тикет", "тикет", "***"), "*** ***");
        assert_eq!(replace_all("nothing", "", "***"), "nothing");
        assert_eq!(replace_all("", "x", "***"), "");
    }

    #[test]
    fn find_and_replace_match_std() {
        let samples = ["", "a", "ab", "aab", "abab", "ёжик", "жж", "a\u{0}b"];
        for haystack in samples {
            for needle in samples {
                assert_eq!(find(haystack, needle), haystack.find(needle), "{haystack} / {needle}");
                if !needle.is_empty() {
                    assert_eq!(replace_all(haystack, needle, "*"), haystack.replace(needle, "*"));
                }
            }
        }
    }
}
