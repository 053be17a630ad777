//! MD5 of passwords, as OKsoft requires on the wire.

use md5::{Digest, Md5};

/// Letter case of hexadecimal MD5 digests; OKsoft's own example sends upper case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HexCase {
    #[default]
    Upper,
    Lower,
}

impl HexCase {
    /// Every accepted value of the `md5Case` option.
    pub const NAMES: &'static [&'static str] = &["upper", "lower"];

    /// Parses the `md5Case` option.
    pub fn parse(name: &str) -> Option<HexCase> {
        match name {
            "upper" => Some(HexCase::Upper),
            "lower" => Some(HexCase::Lower),
            _ => None,
        }
    }
}

/// Hashes the UTF-8 bytes of `text`: `md5_hex("demo", HexCase::Upper)` is
/// `FE01CE2A7FBAC8FAFAED7C982A04E229`.
pub fn md5_hex(text: &str, case: HexCase) -> String {
    use std::fmt::Write;

    let digest = Md5::digest(text.as_bytes());
    let mut hex = String::with_capacity(32);
    for byte in digest {
        // Writing to a String cannot fail.
        let _ = match case {
            HexCase::Upper => write!(hex, "{byte:02X}"),
            HexCase::Lower => write!(hex, "{byte:02x}"),
        };
    }
    hex
}

/// Checks a caller's precomputed hash: exactly 32 hexadecimal digits, either case.
pub fn is_md5_hex(text: &str) -> bool {
    text.len() == 32 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Brings a caller's precomputed hash to the configured case.
pub fn normalize_md5_hex(hash: &str, case: HexCase) -> String {
    match case {
        HexCase::Upper => hash.to_ascii_uppercase(),
        HexCase::Lower => hash.to_ascii_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_digests() {
        assert_eq!(md5_hex("demo", HexCase::Upper), "FE01CE2A7FBAC8FAFAED7C982A04E229");
        assert_eq!(md5_hex("demo", HexCase::Lower), "fe01ce2a7fbac8fafaed7c982a04e229");
        assert_eq!(md5_hex("", HexCase::Lower), "d41d8cd98f00b204e9800998ecf8427e");
        // UTF-8 bytes of Cyrillic text, as `printf 'пароль' | md5sum` prints.
        assert_eq!(md5_hex("пароль", HexCase::Lower), "e242f36f4f95f12966da8fa2efd59992");
    }

    #[test]
    fn md5_shape_check() {
        assert!(is_md5_hex("FE01CE2A7FBAC8FAFAED7C982A04E229"));
        assert!(is_md5_hex("fe01ce2a7fbac8fafaed7c982a04e229"));
        assert!(!is_md5_hex("FE01CE2A7FBAC8FAFAED7C982A04E22"));
        assert!(!is_md5_hex("FE01CE2A7FBAC8FAFAED7C982A04E229A"));
        assert!(!is_md5_hex("GE01CE2A7FBAC8FAFAED7C982A04E229"));
        assert!(!is_md5_hex("ФE01CE2A7FBAC8FAFAED7C982A04E22"));
    }
}
