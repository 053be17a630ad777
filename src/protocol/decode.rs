//! Tolerant reading of OKsoft response bodies.
//!
//! Accepts a UTF-8 byte-order mark, `{"d": …}` and `{"<Method>Result": …}` wrappers,
//! numbers sent as strings, and `OptionalValues` as an array of `{Key, Value}` or as an
//! object. Never panics on any byte string: every failure is a typed `decode` error.

use super::catalogue::{Auth, Operation};
use super::error::{Error, ErrorCode};
use super::json::{self, Object, Value};
use super::numbers::parse_decimal;
use super::text::contains;

/// Maximum length of a body excerpt quoted in an error, in characters.
const MAX_EXCERPT_CHARS: usize = 80;

/// Numbers written with a fraction or an exponent count as integers only below this,
/// where a double still represents every integer exactly, so a code means the same in JS.
const MAX_FLOAT_INTEGER: i64 = 9_000_000_000_000_000;

/// Parses a response body into JSON, after the checks that give clearer errors than a
/// JSON parser would: empty body, HTML page, XML document.
pub fn parse_body(operation: Operation, body: &[u8]) -> Result<Value, Error> {
    let wire_name = operation.spec().wire_name;
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let first = body.iter().position(|byte| !byte.is_ascii_whitespace());

    let Some(start) = first else {
        return Err(Error::decode(wire_name, ErrorCode::EmptyResponse, format!("{} bytes", body.len())));
    };
    let text_start = body.get(start..).unwrap_or_default();
    if text_start.first() == Some(&b'<') {
        let head = String::from_utf8_lossy(text_start.get(..text_start.len().min(256)).unwrap_or_default()).to_ascii_lowercase();
        let code = if contains(&head, "<html") || contains(&head, "<!doctype html") || contains(&head, "<body") {
            ErrorCode::HtmlResponse
        } else {
            ErrorCode::XmlResponse
        };
        return Err(Error::decode(wire_name, code, safe_excerpt(operation, text_start)));
    }

    let value = json::parse(text_start)
        .map_err(|error| Error::decode(wire_name, ErrorCode::InvalidJson, error.to_string()))?;
    Ok(unwrap_result(wire_name, value))
}

/// Removes a WCF wrapper object: `{"d": x}` or `{"PartnersGetResult": x}` becomes `x`.
fn unwrap_result(wire_name: &str, value: Value) -> Value {
    let is_wrapper = match value.as_object().map(Object::entries) {
        Some([(key, _)]) => key == "d" || key.strip_suffix("Result") == Some(wire_name),
        _ => false,
    };
    match value {
        Value::Object(object) if is_wrapper => object.into_entries().pop().map_or(Value::Null, |(_, inner)| inner),
        other => other,
    }
}

/// Returns the start of a body for an error detail, except for logins: their responses
/// carry a new ticket the client has never sent, so no scrubbing could find it.
fn safe_excerpt(operation: Operation, body: &[u8]) -> String {
    match operation {
        Operation::UsersLogin | Operation::PartnersLogin => format!("{} bytes", body.len()),
        _ => excerpt(body),
    }
}

/// Returns the start of a body, lossily decoded and shortened, for error details.
pub fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut chars = text.chars().filter(|c| !c.is_control() || *c == ' ');
    let head: String = chars.by_ref().take(MAX_EXCERPT_CHARS).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// OKsoft's result envelope: `{ResultNumber, ResultText, ResultCodeValue, OptionalValues}`,
/// with `Ticket` instead of the last two in UsersLogin responses.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Envelope {
    pub result_number: i64,
    pub result_text: Option<String>,
    pub result_code_value: Option<i64>,
    pub optional_values: Vec<(String, Option<String>)>,
    pub ticket: Option<String>,
}

impl Envelope {
    /// Reads an envelope; `None` unless `value` is an object with a `ResultNumber`.
    pub fn read(value: &Value) -> Option<Envelope> {
        let object = value.as_object()?;
        let result_number = integer(object.get("ResultNumber")?)?;
        Some(Envelope {
            result_number,
            result_text: text_field(object, "ResultText"),
            result_code_value: object.get("ResultCodeValue").and_then(integer),
            optional_values: optional_values(object.get("OptionalValues")),
            ticket: text_field(object, "Ticket"),
        })
    }

    /// The value of one `OptionalValues` key, matched case-insensitively.
    pub fn optional_value(&self, key: &str) -> Option<&str> {
        self.optional_values
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(key))
            .and_then(|(_, value)| value.as_deref())
    }

    /// Turns an envelope with `ResultNumber < 0` into the error it stands for.
    pub fn check(self, operation: Operation) -> Result<Envelope, Error> {
        if self.result_number >= 0 {
            return Ok(self);
        }
        let code = classify_failure(operation, self.result_text.as_deref().unwrap_or(""));
        Err(Error::api(code, operation.spec().wire_name, Some(self.result_number), self.result_text))
    }
}

/// Picks the error code of a failed envelope from the operation and, where OKsoft gives
/// no number for the case, from words of its `ResultText`.
fn classify_failure(operation: Operation, result_text: &str) -> ErrorCode {
    let text = lowercase_ascii_and_cyrillic(result_text);
    // NOTE: OKsoft documents no response for an expired or unknown Ticket. This assumes
    // its text names the ticket, as the emulator's "Неверный или устаревший Ticket" does.
    if operation.spec().auth == Auth::ServiceTicket && (contains(&text, "ticket") || contains(&text, "тикет")) {
        return ErrorCode::TicketRejected;
    }
    match operation {
        Operation::UsersLogin => ErrorCode::ServiceLoginFailed,
        Operation::PartnersLogin => ErrorCode::PartnerLoginFailed,
        Operation::PartnersGet if contains(&text, "не найден") => ErrorCode::PartnerNotFound,
        Operation::PartnersPasswordResetCreate if contains(&text, "не зарегистрирован") => {
            ErrorCode::EmailNotRegistered
        }
        Operation::PartnersCreate => ErrorCode::RegistrationRejected,
        Operation::FinInCome | Operation::FinOutCome if contains(&text, "больше остатка") => {
            ErrorCode::InsufficientFunds
        }
        _ => ErrorCode::ApiError,
    }
}

/// Lowercases Latin and Russian letters only; OKsoft's texts need no more, and the full
/// Unicode case tables would add kilobytes to the wasm.
fn lowercase_ascii_and_cyrillic(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'А'..='Я' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
            'Ё' => 'ё',
            _ => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Reads `OptionalValues` as `[{Key, Value}]` or as `{key: value}`; anything else is empty.
fn optional_values(value: Option<&Value>) -> Vec<(String, Option<String>)> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|item| {
                let object = item.as_object()?;
                let key = text_field(object, "Key")?;
                Some((key, text_field(object, "Value")))
            })
            .collect(),
        Some(Value::Object(object)) => object.entries().iter().map(|(key, value)| (key.clone(), text(value))).collect(),
        _ => Vec::new(),
    }
}

/// A whole number from a JSON number or a numeric string; fractions are rejected.
pub fn integer(value: &Value) -> Option<i64> {
    match value {
        Value::Number(number) => number.as_i64().or_else(|| number.whole_below(MAX_FLOAT_INTEGER)),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

/// Text from a JSON string, a number as it was sent, or a boolean written out. `null`
/// gives `None`.
pub fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.as_str().to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

/// A boolean from `true`/`false`, `"Y"`/`"N"`, `"true"`/`"false"` or `1`/`0`; `""` is false.
pub fn boolean(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(flag) => Some(*flag),
        Value::Number(number) => number.as_i64().map(|n| n != 0),
        Value::String(text) => match text.trim().to_ascii_lowercase().as_str() {
            "y" | "yes" | "true" | "1" => Some(true),
            "n" | "no" | "false" | "0" | "" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// A float from a JSON number or numeric string.
pub fn float(value: &Value) -> Option<f64> {
    match value {
        Value::Number(number) => number.as_f64(),
        Value::String(text) => parse_decimal(text),
        _ => None,
    }
}

/// Reads `key` of an object as text.
pub fn text_field(object: &Object, key: &str) -> Option<String> {
    object.get(key).and_then(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> Result<Value, Error> {
        parse_body(Operation::PartnersGet, body.as_bytes())
    }

    /// Parses JSON text that must be valid, and panics otherwise.
    fn json(text: &str) -> Value {
        json::parse(text.as_bytes()).unwrap()
    }

    fn code(value: &Value) -> Option<i64> {
        value.get("Code").and_then(integer)
    }

    #[test]
    fn bodies_that_are_not_json() {
        let cases: [(&[u8], ErrorCode); 7] = [
            (b"", ErrorCode::EmptyResponse),
            (b"  \r\n", ErrorCode::EmptyResponse),
            (b"\xEF\xBB\xBF", ErrorCode::EmptyResponse),
            (b"<!DOCTYPE html><html><body>502</body></html>", ErrorCode::HtmlResponse),
            (b"<?xml version=\"1.0\"?><PartnersGetResult/>", ErrorCode::XmlResponse),
            (b"{\"Code\": 24,", ErrorCode::InvalidJson),
            (b"\xFF\xFE{}", ErrorCode::InvalidJson),
        ];
        for (body, code) in cases {
            let error = parse_body(Operation::PartnersGet, body).unwrap_err();
            assert_eq!(error.code, code, "{body:?}");
            assert_eq!(error.method, Some("PartnersGet"));
        }
    }

    #[test]
    fn bom_and_wrappers_removed() {
        assert_eq!(code(&parse_body(Operation::PartnersGet, b"\xEF\xBB\xBF{\"Code\":24}").unwrap()), Some(24));
        assert_eq!(code(&parse("{\"d\": {\"Code\": 24}}").unwrap()), Some(24));
        assert_eq!(code(&parse("{\"PartnersGetResult\": {\"Code\": 24}}").unwrap()), Some(24));
        // A one-key object under another name is data, not a wrapper.
        assert_eq!(code(&parse("{\"Code\": 24}").unwrap()), Some(24));
        assert_eq!(code(&parse("{\"Result\": {\"Code\": 24}}").unwrap()), None);
        assert_eq!(code(&parse("{\"PartnersLoginResult\": {\"Code\": 24}}").unwrap()), None);
        // A repeated key is one member, as in any JSON object.
        assert_eq!(code(&parse("{\"d\": {\"Code\": 1}, \"d\": {\"Code\": 24}}").unwrap()), Some(24));
        assert_eq!(parse("{\"d\": null}").unwrap(), Value::Null);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let body = "[".repeat(100_000);
        assert_eq!(parse(&body).unwrap_err().code, ErrorCode::InvalidJson);
    }

    #[test]
    fn envelope_variants() {
        let login = json(
            r#"{
            "OptionalValues": [{"Key": "Fio", "Value": "Кузнецова Антонина Петровна"}, {"Key": "PartnersTicket", "Value": "bb0c"}],
            "ResultCodeValue": 24, "ResultNumber": 1, "ResultText": "Ok"
        }"#,
        );
        let envelope = Envelope::read(&login).unwrap();
        assert_eq!(envelope.result_code_value, Some(24));
        assert_eq!(envelope.optional_value("fio"), Some("Кузнецова Антонина Петровна"));
        assert_eq!(envelope.optional_value("PartnersTicket"), Some("bb0c"));

        let fin = json(r#"{"ResultText": "Транзакция № 1", "ResultNumber": "1", "ResultCodeValue": "17", "OptionalValues": {}}"#);
        let envelope = Envelope::read(&fin).unwrap();
        assert_eq!(envelope.result_number, 1);
        assert_eq!(envelope.result_code_value, Some(17));
        assert!(envelope.optional_values.is_empty());

        let as_object = json(r#"{"ResultNumber": 0, "OptionalValues": {"Fio": "X", "PartnersTicket": null}}"#);
        let envelope = Envelope::read(&as_object).unwrap();
        assert_eq!(envelope.optional_value("Fio"), Some("X"));
        assert_eq!(envelope.optional_value("PartnersTicket"), None);
        assert!(envelope.clone().check(Operation::PartnersLogin).is_ok(), "0 is success");

        assert_eq!(Envelope::read(&json("[1, 2]")), None);
        assert_eq!(Envelope::read(&json(r#"{"ResultNumber": "x"}"#)), None);
    }

    #[test]
    fn failure_codes() {
        let cases = [
            (Operation::UsersLogin, "Неправильный логин или пароль", ErrorCode::ServiceLoginFailed),
            (Operation::PartnersLogin, "Покупатель не найден/Неверный пароль", ErrorCode::PartnerLoginFailed),
            (Operation::PartnersGet, "Контрагент не найден", ErrorCode::PartnerNotFound),
            (Operation::PartnersPasswordResetCreate, "Пользователь с данным E-mail не зарегистрирован", ErrorCode::EmailNotRegistered),
            (Operation::PartnersCreate, " Найдены ошибки в полях: (…)", ErrorCode::RegistrationRejected),
            (Operation::FinOutCome, "Сумма больше остатка на счете", ErrorCode::InsufficientFunds),
            (Operation::FinInCome, "Счет не найден", ErrorCode::ApiError),
            (Operation::CountriesListGet, "Неверный или устаревший Ticket", ErrorCode::TicketRejected),
            (Operation::UsersLogin, "Ticket", ErrorCode::ServiceLoginFailed),
        ];
        for (operation, text, code) in cases {
            let envelope = Envelope { result_number: -1, result_text: Some(text.to_string()), ..Envelope::default() };
            let error = envelope.check(operation).unwrap_err();
            assert_eq!(error.code, code, "{operation:?} {text}");
            assert_eq!(error.result_text.as_deref(), Some(text));
            assert_eq!(error.result_number, Some(-1));
        }
    }

    #[test]
    fn lowercasing_covers_russian() {
        assert_eq!(lowercase_ascii_and_cyrillic("КОНТРАГЕНТ НЕ НАЙДЕН Ёж TICKET"), "контрагент не найден ёж ticket");
    }

    #[test]
    fn scalar_readers() {
        assert_eq!(integer(&json("24")), Some(24));
        assert_eq!(integer(&json(r#"" 24 ""#)), Some(24));
        assert_eq!(integer(&json("24.0")), Some(24));
        assert_eq!(integer(&json("24.5")), None);
        assert_eq!(integer(&json("null")), None);
        assert_eq!(integer(&json("1e300")), None);
        assert_eq!(boolean(&json(r#""Y""#)), Some(true));
        assert_eq!(boolean(&json(r#""""#)), Some(false));
        assert_eq!(boolean(&json("null")), None);
        assert_eq!(text(&json("5518")), Some("5518".to_string()));
        assert_eq!(float(&json(r#""1.5""#)), Some(1.5));
    }

    #[test]
    fn integer_forms() {
        let cases = [
            ("-24", Some(-24)),
            ("2.4e1", Some(24)),
            ("-0.0", Some(0)),
            ("9223372036854775807", Some(i64::MAX)),
            ("-9223372036854775808", Some(i64::MIN)),
            ("9223372036854775808", None),
            ("8999999999999999.0", Some(8_999_999_999_999_999)),
            ("9e15", None),
            ("1e20", None),
            ("1e-400", None),
            ("1.0000000000000001", None),
            (r#""+24""#, Some(24)),
            (r#""24.0""#, None),
            (r#""""#, None),
            ("true", None),
            ("[24]", None),
        ];
        for (json_text, expected) in cases {
            assert_eq!(integer(&json(json_text)), expected, "{json_text}");
        }
    }

    #[test]
    fn text_boolean_and_float_forms() {
        assert_eq!(text(&json("1.50")), Some("1.50".to_string()), "numbers keep the text sent");
        assert_eq!(text(&json("1E2")), Some("1E2".to_string()));
        assert_eq!(text(&json("true")), Some("true".to_string()));
        assert_eq!(text(&json("null")), None);
        assert_eq!(text(&json("{}")), None);
        assert_eq!(boolean(&json("1")), Some(true));
        assert_eq!(boolean(&json("0")), Some(false));
        assert_eq!(boolean(&json("1.0")), None);
        assert_eq!(boolean(&json(r#"" No ""#)), Some(false));
        assert_eq!(boolean(&json(r#""maybe""#)), None);
        assert_eq!(float(&json("0.0325")), Some(0.0325));
        assert_eq!(float(&json("-2e3")), Some(-2000.0));
        assert_eq!(float(&json(r#""1e400""#)), None);
        assert_eq!(float(&json("false")), None);
    }

    #[test]
    fn excerpt_is_short_and_clean() {
        let long = format!("<html>{}</html>", "x".repeat(500));
        let shown = excerpt(long.as_bytes());
        assert!(shown.chars().count() <= MAX_EXCERPT_CHARS + 1);
        assert!(!excerpt(b"a\nb\x00c").contains('\n'));
    }
}
