//! Request parameters from the query string and from `application/x-www-form-urlencoded` bodies.

/// Parameter names whose values are secrets and are written as `***` in every log.
const SECRET_PARAMETERS: [&str; 4] = ["Password", "ConfirmPassword", "Ticket", "PartnersTicket"];

/// The text that replaces a secret value in logs.
pub const REDACTED: &str = "***";

/// The parameters of one request, in the order they arrived.
///
/// Names are matched case-insensitively, as WCF matches query parameter names. When a
/// name repeats, the first occurrence wins. Values are percent-decoded as UTF-8 with `+`
/// meaning a space, and invalid UTF-8 becomes U+FFFD.
#[derive(Clone, Debug, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Parses a form body followed by a query string, so that a name sent in both takes
    /// its value from the body.
    pub fn parse(form_body: &[u8], query: Option<&str>) -> Params {
        let query_bytes = query.unwrap_or_default().as_bytes();
        let pairs = form_urlencoded::parse(form_body)
            .chain(form_urlencoded::parse(query_bytes))
            .map(|(name, value)| (name.into_owned(), value.into_owned()))
            .collect();
        Params { pairs }
    }

    /// Returns the raw value of `name`, which may be empty or padded with spaces.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(candidate, _)| candidate.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// Returns the value of `name` without surrounding spaces, treating an empty value
    /// as absent, because HTML forms send every field even when it is left blank.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.get(name)
            .map(str::trim)
            .filter(|value| !value.is_empty())
    }

    /// Checks whether the request sets `Format=json` (name and value in any case).
    pub fn wants_json(&self) -> bool {
        self.text("Format")
            .is_some_and(|format| format.eq_ignore_ascii_case("json"))
    }

    /// Returns all pairs with the values of secret parameters replaced by `***`.
    pub fn redacted_pairs(&self) -> Vec<(String, String)> {
        self.pairs
            .iter()
            .map(|(name, value)| {
                let logged_value = if is_secret(name) {
                    REDACTED
                } else {
                    value.as_str()
                };
                (name.clone(), logged_value.to_string())
            })
            .collect()
    }
}

fn is_secret(name: &str) -> bool {
    SECRET_PARAMETERS
        .iter()
        .any(|secret| secret.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_case_insensitively() {
        let params = Params::parse(b"", Some("login=demo&PASSWORD=abc"));
        assert_eq!(params.get("Login"), Some("demo"));
        assert_eq!(params.get("Password"), Some("abc"));
        assert_eq!(params.get("Ticket"), None);
    }

    #[test]
    fn values_are_percent_decoded() {
        let params = Params::parse(
            b"",
            Some(
                "Name=%D0%9A%D1%83%D0%B7%D0%BD%D0%B5%D1%86%D0%BE%D0%B2%D0%B0&P=qwe%3Frt%25y&S=a+b",
            ),
        );
        assert_eq!(params.get("Name"), Some("Кузнецова"));
        assert_eq!(params.get("P"), Some("qwe?rt%y"));
        assert_eq!(params.get("S"), Some("a b"));
    }

    #[test]
    fn body_wins_over_query() {
        let params = Params::parse(b"Login=body", Some("Login=query&Format=json"));
        assert_eq!(params.get("Login"), Some("body"));
        assert!(params.wants_json());
    }

    #[test]
    fn first_repeated_name_wins() {
        let params = Params::parse(b"", Some("Id=1&id=2"));
        assert_eq!(params.get("Id"), Some("1"));
    }

    #[test]
    fn text_treats_blank_as_absent() {
        let params = Params::parse(b"", Some("A=&B=+++&C=+x+"));
        assert_eq!(params.text("A"), None);
        assert_eq!(params.text("B"), None);
        assert_eq!(params.text("C"), Some("x"));
    }

    #[test]
    fn format_value_is_case_insensitive() {
        assert!(Params::parse(b"", Some("format=JSON")).wants_json());
        assert!(!Params::parse(b"", Some("Format=xml")).wants_json());
        assert!(!Params::parse(b"", None).wants_json());
    }

    #[test]
    fn secrets_are_redacted() {
        let params = Params::parse(
            b"",
            Some("Login=demo&password=x&Ticket=t&ConfirmPassword=y&PartnersTicket=z"),
        );
        let pairs = params.redacted_pairs();
        let logged_values: Vec<&str> = pairs.iter().map(|(_, value)| value.as_str()).collect();
        assert_eq!(logged_values, ["demo", "***", "***", "***", "***"]);
    }
}
