//! Client options, checked all at once when the client is constructed.

use crate::protocol::catalogue::ParamKind;
use crate::protocol::dates::DateFormat;
use crate::protocol::error::{Error, Expected, FieldProblem, Problem};
use super::retry::{DEFAULT_MAX_RETRIES, MAX_RETRIES_LIMIT};
use crate::protocol::hashing::HexCase;
use crate::protocol::input::{Input, InputValue};
use crate::protocol::locale::Locale;
use crate::protocol::numbers::format_number;
use crate::protocol::params::{closest_known_name, convert_value, is_absent, WireFormat};
use crate::protocol::request::{ServiceAddress, DEFAULT_SERVICE_PATH};
use crate::protocol::text;

/// Per-request timeout when the caller sets none.
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;

/// Longest timeout accepted: ten minutes.
const MAX_TIMEOUT_MS: f64 = 600_000.0;

/// Every option the direct client accepts; `fetch` is read by the JS facade.
const OPTION_NAMES: &[&str] = &[
    "baseUrl",
    "login",
    "password",
    "passwordMd5",
    "servicePath",
    "timeoutMs",
    "maxRetries",
    "locale",
    "md5Case",
    "dateFormat",
    "sendFormatJson",
    "shareLogin",
    "fetch",
];

const LOCALES: &[&str] = &["ru", "en"];

/// Settings of a client that talks to OKsoft with the integration account.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientConfig {
    pub address: ServiceAddress,
    pub login: String,
    /// MD5 of the integration password, in `wire_format.md5_case`.
    pub password_md5: String,
    pub wire_format: WireFormat,
    pub send_format_json: bool,
    pub timeout_ms: u32,
    /// Attempts after the first for idempotent calls.
    pub max_retries: u32,
    pub locale: Locale,
    /// True when concurrent calls without a ticket wait for one shared UsersLogin. When
    /// false, each such call logs in itself, as Cloudflare Workers need because they
    /// cancel a request that waits for another request's I/O.
    pub share_login: bool,
}

impl ClientConfig {
    /// Returns the `locale` option when it is valid, else the default, so errors in the
    /// other options can be shown in the caller's language.
    pub fn requested_locale(input: &Input) -> Locale {
        match input.get("locale") {
            InputValue::Text(text) => Locale::parse(text).unwrap_or_default(),
            _ => Locale::default(),
        }
    }

    /// Reads client options, reporting every invalid one at once.
    pub fn from_input(input: &Input) -> Result<ClientConfig, Error> {
        let locale = ClientConfig::requested_locale(input);
        let mut problems: Vec<FieldProblem> = input
            .keys()
            .filter(|key| !OPTION_NAMES.contains(key))
            .map(|key| FieldProblem::new(key, Problem::Unknown { suggestion: closest_option(key) }))
            .collect();
        let mut report = |field: &str, problem: Problem| problems.push(FieldProblem::new(field, problem));

        let md5_case = choice(input, "md5Case", HexCase::NAMES, &mut report).and_then(|name| HexCase::parse(&name)).unwrap_or_default();
        let date_format = choice(input, "dateFormat", DateFormat::NAMES, &mut report)
            .and_then(|name| DateFormat::parse(&name))
            .unwrap_or_default();
        let wire_format = WireFormat { md5_case, date_format };
        choice(input, "locale", LOCALES, &mut report);

        let base_url = required_text(input, "baseUrl", &mut report);
        let service_path = optional_text(input, "servicePath", &mut report).unwrap_or_else(|| DEFAULT_SERVICE_PATH.to_string());
        let address = match ServiceAddress::new(base_url.as_deref().unwrap_or("http://placeholder"), &service_path) {
            Ok(address) => Some(address),
            Err(field) => {
                match field {
                    "baseUrl" => {
                        if let Some(value) = base_url.as_deref().map(hide_credentials) {
                            report(field, Problem::InvalidUrl { value });
                        }
                    }
                    _ => report(field, Problem::InvalidPath { value: service_path.clone() }),
                }
                None
            }
        };
        // A base URL that already ends in a service path would double it on every call.
        let base_lower = base_url.as_deref().unwrap_or("").trim_end_matches('/').to_ascii_lowercase();
        if base_lower.ends_with("/api/service") || base_lower.ends_with("/api/service.svc") {
            let value = base_url.as_deref().map(hide_credentials).unwrap_or_default();
            report("baseUrl", Problem::IncludesServicePath { value });
        }

        let login = required_text(input, "login", &mut report);
        let password_md5 = password(input, wire_format, &mut report);
        let timeout_ms = timeout(input, &mut report).unwrap_or(DEFAULT_TIMEOUT_MS);
        let max_retries = retries(input, &mut report).unwrap_or(DEFAULT_MAX_RETRIES);
        let send_format_json = flag(input, "sendFormatJson", &mut report);
        let share_login = flag(input, "shareLogin", &mut report);
        if !matches!(input.get("fetch"), InputValue::Absent | InputValue::Other("function")) {
            let found = input.get("fetch").type_name();
            report("fetch", Problem::WrongType { expected: Expected::Function, found });
        }

        match (address, login, password_md5) {
            (Some(address), Some(login), Some(password_md5)) if problems.is_empty() => Ok(ClientConfig {
                address,
                login,
                password_md5,
                wire_format,
                send_format_json,
                timeout_ms,
                max_retries,
                locale,
                share_login,
            }),
            _ => Err(Error::validation(None, problems)),
        }
    }
}

/// Reads a boolean option that is true when absent.
fn flag(input: &Input, field: &str, report: &mut impl FnMut(&str, Problem)) -> bool {
    match input.get(field) {
        InputValue::Absent => true,
        InputValue::Bool(flag) => *flag,
        other => {
            report(field, Problem::WrongType { expected: Expected::Boolean, found: other.type_name() });
            true
        }
    }
}

/// Replaces the `user:password@` part of a URL with `***@`, so messages never echo it.
fn hide_credentials(url: &str) -> String {
    let after_scheme = text::find(url, "://").map(|index| index + 3).unwrap_or(0);
    let authority_end = url.get(after_scheme..).and_then(|rest| rest.find(['/', '?', '#'])).map(|end| after_scheme + end);
    let authority = url.get(after_scheme..authority_end.unwrap_or(url.len())).unwrap_or("");
    match authority.rfind('@') {
        Some(at) => format!("{}***{}", url.get(..after_scheme).unwrap_or(""), url.get(after_scheme + at..).unwrap_or("")),
        None => url.to_string(),
    }
}

fn closest_option(key: &str) -> Option<&'static str> {
    closest_known_name(key, OPTION_NAMES)
}

fn required_text(input: &Input, field: &str, report: &mut impl FnMut(&str, Problem)) -> Option<String> {
    let text = optional_text(input, field, report);
    if text.is_none() && matches!(input.get(field), InputValue::Absent | InputValue::Text(_)) {
        report(field, Problem::Missing);
    }
    text
}

/// Reads a text option. Unlike operation parameters, options take no numbers: a number
/// where a URL, path or login belongs is more likely a mistake than a value.
fn optional_text(input: &Input, field: &str, report: &mut impl FnMut(&str, Problem)) -> Option<String> {
    let value = input.get(field);
    if is_absent(value, ParamKind::Text(0)) {
        return None;
    }
    if !matches!(value, InputValue::Text(_)) {
        report(field, Problem::WrongType { expected: Expected::Text, found: value.type_name() });
        return None;
    }
    match convert_value(ParamKind::Text(2_000), value, &WireFormat::default()) {
        Ok(text) => Some(text),
        Err(problem) => {
            report(field, problem);
            None
        }
    }
}

fn choice(input: &Input, field: &str, allowed: &'static [&'static str], report: &mut impl FnMut(&str, Problem)) -> Option<String> {
    let value = input.get(field);
    if is_absent(value, ParamKind::Text(0)) {
        return None;
    }
    convert_value(ParamKind::Choice(allowed), value, &WireFormat::default())
        .map_err(|problem| report(field, problem))
        .ok()
}

fn password(input: &Input, format: WireFormat, report: &mut impl FnMut(&str, Problem)) -> Option<String> {
    let plain = input.get("password");
    let hashed = input.get("passwordMd5");
    match (is_absent(plain, ParamKind::Password), is_absent(hashed, ParamKind::PasswordMd5)) {
        (true, true) => {
            report("password", Problem::MissingOneOf { fields: &["password", "passwordMd5"] });
            None
        }
        (false, false) => {
            report("password", Problem::ExactlyOneOf { fields: &["password", "passwordMd5"] });
            None
        }
        (false, true) => convert_value(ParamKind::Password, plain, &format).map_err(|p| report("password", p)).ok(),
        (true, false) => convert_value(ParamKind::PasswordMd5, hashed, &format).map_err(|p| report("passwordMd5", p)).ok(),
    }
}

fn timeout(input: &Input, report: &mut impl FnMut(&str, Problem)) -> Option<u32> {
    whole_number(input, "timeoutMs", 1, MAX_TIMEOUT_MS, report)
}

fn retries(input: &Input, report: &mut impl FnMut(&str, Problem)) -> Option<u32> {
    whole_number(input, "maxRetries", 0, f64::from(MAX_RETRIES_LIMIT), report)
}

/// Reads an optional whole number in `min..=max`, reporting anything else.
fn whole_number(input: &Input, field: &str, min: u32, max: f64, report: &mut impl FnMut(&str, Problem)) -> Option<u32> {
    match input.get(field) {
        InputValue::Absent => None,
        InputValue::Number(value) if value.fract() == 0.0 && (f64::from(min)..=max).contains(value) => Some(*value as u32),
        InputValue::Number(value) => {
            report(field, Problem::OutOfRange { value: format_number(*value), min: f64::from(min), max });
            None
        }
        other => {
            report(field, Problem::WrongType { expected: Expected::Integer, found: other.type_name() });
            None
        }
    }
}

/// Per-call overrides of the client's settings, read from a method's second argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CallSettings {
    pub timeout_ms: Option<u32>,
    pub max_retries: Option<u32>,
}

/// Reads a method's call options: `timeoutMs` and `maxRetries`; `signal` is read by the
/// JS facade, which passes the type name of a `signal` that is not an `AbortSignal`.
pub fn call_settings(method: &'static str, input: &Input, signal_type: Option<&'static str>) -> Result<CallSettings, Error> {
    let mut problems: Vec<FieldProblem> = input
        .keys()
        .filter(|key| !["timeoutMs", "maxRetries", "signal"].contains(key))
        .map(|key| FieldProblem::new(key, Problem::Unknown { suggestion: closest_call_option(key) }))
        .collect();
    let mut report = |field: &str, problem: Problem| problems.push(FieldProblem::new(field, problem));

    let settings = CallSettings { timeout_ms: timeout(input, &mut report), max_retries: retries(input, &mut report) };
    if let Some(found) = signal_type {
        report("signal", Problem::WrongType { expected: Expected::AbortSignal, found });
    }

    if problems.is_empty() {
        Ok(settings)
    } else {
        Err(Error::validation(Some(method), problems))
    }
}

fn closest_call_option(key: &str) -> Option<&'static str> {
    closest_known_name(key, &["timeoutMs", "maxRetries", "signal"])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::error::ErrorCode;
    use crate::protocol::input::{number, text};

    fn options() -> Input {
        Input::new()
            .with("baseUrl", text("http://127.0.0.1:8080"))
            .with("login", text("demo"))
            .with("password", text("demo"))
    }

    #[test]
    fn defaults() {
        let config = ClientConfig::from_input(&options()).unwrap();
        assert_eq!(config.address.method_url("UsersLogin"), "http://127.0.0.1:8080/api/Service/UsersLogin");
        assert_eq!(config.password_md5, "FE01CE2A7FBAC8FAFAED7C982A04E229");
        assert_eq!(config.timeout_ms, DEFAULT_TIMEOUT_MS);
        assert_eq!(config.locale, Locale::Ru);
        assert!(config.send_format_json);
    }

    #[test]
    fn every_option_set() {
        let input = options()
            .with("password", InputValue::Absent)
            .with("passwordMd5", text("fe01ce2a7fbac8fafaed7c982a04e229"))
            .with("servicePath", text("/api/Service.svc"))
            .with("timeoutMs", number(2_500.0))
            .with("locale", text("en"))
            .with("md5Case", text("lower"))
            .with("dateFormat", text("DD.MM.YYYY"))
            .with("sendFormatJson", InputValue::Bool(false))
            .with("fetch", InputValue::Other("function"));
        let config = ClientConfig::from_input(&input).unwrap();
        assert_eq!(config.address.method_url("X"), "http://127.0.0.1:8080/api/Service.svc/X");
        assert_eq!(config.password_md5, "fe01ce2a7fbac8fafaed7c982a04e229");
        assert_eq!(config.timeout_ms, 2_500);
        assert_eq!(config.locale, Locale::En);
        assert_eq!(config.wire_format.date_format, DateFormat::DayMonthYearDots);
        assert!(!config.send_format_json);
    }

    #[test]
    fn credentials_in_base_url_not_echoed() {
        let input = options().with("baseUrl", text("http://user:s3cret@127.0.0.1:1/x"));
        let error = ClientConfig::from_input(&input).unwrap_err();
        assert_eq!(error.field(), Some("baseUrl"));
        for locale in [Locale::Ru, Locale::En] {
            let message = error.message(locale);
            assert!(!message.contains("s3cret"), "{message}");
            assert!(message.contains("http://***@127.0.0.1:1/x"), "{message}");
        }
    }

    #[test]
    fn malformed_addresses_rejected() {
        let bad_base_urls = [
            "http://[::1",
            "http://[::1]x",
            "http://[zz]:80",
            "http://host:",
            "http://host:0",
            "http://host:65536",
            "http://host:80a",
            "http://a:b:c",
            "http://ho%st",
        ];
        for base_url in bad_base_urls {
            let error = ClientConfig::from_input(&options().with("baseUrl", text(base_url))).unwrap_err();
            assert_eq!(error.field(), Some("baseUrl"), "{base_url}");
            assert_eq!(error.code, ErrorCode::InvalidUrl, "{base_url}");
        }
        for service_path in ["/../../x", "/api/./Service", "/api\\Service"] {
            let error = ClientConfig::from_input(&options().with("servicePath", text(service_path))).unwrap_err();
            assert_eq!(error.field(), Some("servicePath"), "{service_path}");
        }
    }

    #[test]
    fn wellformed_addresses_accepted() {
        for base_url in ["http://[::1]:8080", "https://[2001:db8::1]", "http://127.0.0.1:65535", "https://шоп.рф", "http://my-host_1.local/"] {
            let config = ClientConfig::from_input(&options().with("baseUrl", text(base_url)));
            assert!(config.is_ok(), "{base_url}: {:?}", config.err());
        }
    }

    #[test]
    fn text_options_reject_numbers() {
        for field in ["baseUrl", "login", "servicePath"] {
            let error = ClientConfig::from_input(&options().with(field, number(42.0))).unwrap_err();
            assert_eq!(error.field(), Some(field));
            assert_eq!(error.code, ErrorCode::InvalidType, "{field}");
        }
    }

    #[test]
    fn all_problems_reported_in_chosen_locale() {
        let input = Input::new()
            .with("baseUrl", text("localhost:8080"))
            .with("timeoutMs", number(-1.0))
            .with("locale", text("en"))
            .with("fetch", text("yes"))
            .with("timeout", number(5.0));
        let error = ClientConfig::from_input(&input).unwrap_err();
        assert_eq!(ClientConfig::requested_locale(&input), Locale::En);
        let fields: Vec<&str> = error.problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["timeout", "baseUrl", "login", "password", "timeoutMs", "fetch"]);
        assert_eq!(error.code, ErrorCode::UnknownField);
        assert_eq!(error.problems[0].problem, Problem::Unknown { suggestion: Some("timeoutMs") });
        assert!(error.message(Locale::En).contains("client options"));
    }
}
