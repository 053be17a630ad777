//! The key under which the partner gateway's rate limiter (`pkg-template/rate-limiter.js`)
//! counts a login, an e-mail or a client address.

/// Most characters of a key built by `limit_key`. Longer values cannot be valid logins or
/// e-mails, so sharing one count between values that agree up to here costs nothing.
pub const MAX_KEY_CHARS: usize = 256;

/// Builds the limiter key of a login, an e-mail or a client address: trimmed as the
/// client trims values before sending them (`str::trim`, Unicode `White_Space`), and cut
/// to `MAX_KEY_CHARS` characters. The gateway lower-cases it in JS, so case variants
/// share a count: Rust's `char::to_lowercase` would add its Unicode tables, about 9 KB
/// gzip, to the shipped wasm.
pub fn limit_key(value: &str) -> String {
    value.trim().chars().take(MAX_KEY_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_key_trims_like_client() {
        assert_eq!(limit_key("\u{85}Antonina@BK.ru\u{3000}"), "Antonina@BK.ru");
        assert_eq!(limit_key(" 5518\t"), "5518");
        let long = format!("{}@example.ru", "x".repeat(10_000));
        assert_eq!(limit_key(&long).chars().count(), MAX_KEY_CHARS);
    }
}
