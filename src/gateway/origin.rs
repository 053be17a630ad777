//! The check that a cookie-bearing request comes from the storefront's own pages.

/// Checks whether `origin` (the request's `Origin` header) is one of `allowed_origins`,
/// compared without case and without a trailing slash. A request without `Origin` is
/// refused: browsers send it on every cross-origin request and on same-origin POSTs, so
/// its absence means a non-browser client, which has no business with a visitor cookie.
pub fn is_allowed_origin(origin: Option<&str>, allowed_origins: &[String]) -> bool {
    let Some(origin) = origin.map(|origin| origin.trim().trim_end_matches('/')) else {
        return false;
    };
    if origin.is_empty() || origin.eq_ignore_ascii_case("null") {
        return false;
    }
    allowed_origins.iter().any(|allowed| allowed.trim().trim_end_matches('/').eq_ignore_ascii_case(origin))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_compared_exactly() {
        let allowed = vec!["https://shop.example.ru".to_string(), "http://127.0.0.1:8080/".to_string()];
        assert!(is_allowed_origin(Some("https://shop.example.ru"), &allowed));
        assert!(is_allowed_origin(Some("HTTPS://SHOP.EXAMPLE.RU/"), &allowed));
        assert!(is_allowed_origin(Some("http://127.0.0.1:8080"), &allowed));
        for refused in [None, Some(""), Some("null"), Some("https://evil.example"), Some("https://shop.example.ru.evil.example"), Some("http://shop.example.ru")] {
            assert!(!is_allowed_origin(refused, &allowed), "{refused:?}");
        }
    }
}
