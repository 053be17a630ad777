//! Tolerant reading of OKsoft response bodies.
//!
//! Accepts a UTF-8 byte-order mark, `{"d": …}` and `{"<Method>Result": …}` wrappers,
//! numbers sent as strings, and `OptionalValues` as an array of `{Key, Value}` or as an
//! object. Never panics on any byte string: every failure is a typed `decode` error.

use serde_json::{Map, Value};

use super::catalogue::{Auth, Operation};
use super::error::{Error, ErrorCode};

/// Maximum length of a body excerpt quoted in an error, in characters.
const MAX_EXCERPT_CHARS: usize = 80;

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
        let code = if head.contains("<html") || head.contains("<!doctype html") || head.contains("<body") {
            ErrorCode::HtmlResponse
        } else {
            ErrorCode::XmlResponse
        };
        return Err(Error::decode(wire_name, code, safe_excerpt(operation, text_start)));
    }

    let value: Value = serde_json::from_slice(text_start)
        .map_err(|error| Error::decode(wire_name, ErrorCode::InvalidJson, error.to_string()))?;
    Ok(unwrap_result(wire_name, value))
}

/// Removes a WCF wrapper object: `{"d": x}` or `{"PartnersGetResult": x}` becomes `x`.
fn unwrap_result(wire_name: &str, value: Value) -> Value {
    match value {
        Value::Object(mut object) if object.len() == 1 => {
            let wrapper = format!("{wire_name}Result");
            let key = object.keys().next().cloned().unwrap_or_default();
            if key == "d" || key == wrapper {
                object.remove(&key).unwrap_or(Value::Null)
            } else {
                Value::Object(object)
            }
        }
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
    if operation.spec().auth == Auth::ServiceTicket && (text.contains("ticket") || text.contains("тикет")) {
        return ErrorCode::TicketRejected;
    }
    match operation {
        Operation::UsersLogin => ErrorCode::ServiceLoginFailed,
        Operation::PartnersLogin => ErrorCode::PartnerLoginFailed,
        Operation::PartnersGet if text.contains("не найден") => ErrorCode::PartnerNotFound,
        Operation::PartnersPasswordResetCreate if text.contains("не зарегистрирован") => {
            ErrorCode::EmailNotRegistered
        }
        Operation::PartnersCreate => ErrorCode::RegistrationRejected,
        Operation::FinInCome | Operation::FinOutCome if text.contains("больше остатка") => {
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
        Some(Value::Object(object)) => object.iter().map(|(key, value)| (key.clone(), text(value))).collect(),
        _ => Vec::new(),
    }
}

/// A whole number from a JSON number or a numeric string; fractions are rejected.
pub fn integer(value: &Value) -> Option<i64> {
    match value {
        Value::Number(number) => number.as_i64().or_else(|| {
            let float = number.as_f64()?;
            (float.fract() == 0.0 && float.abs() < 9.0e15).then_some(float as i64)
        }),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

/// Text from a JSON string, or a number or boolean written out; `null` is `None`.
pub fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
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
        Value::String(text) => text.trim().parse().ok().filter(|f: &f64| f.is_finite()),
        _ => None,
    }
}

/// Reads `key` of an object as text.
pub fn text_field(object: &Map<String, Value>, key: &str) -> Option<String> {
    object.get(key).and_then(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> Result<Value, Error> {
        parse_body(Operation::PartnersGet, body.as_bytes())
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
        assert_eq!(parse_body(Operation::PartnersGet, b"\xEF\xBB\xBF{\"Code\":24}").unwrap()["Code"], 24);
        assert_eq!(parse("{\"d\": {\"Code\": 24}}").unwrap()["Code"], 24);
        assert_eq!(parse("{\"PartnersGetResult\": {\"Code\": 24}}").unwrap()["Code"], 24);
        // A one-key object under another name is data, not a wrapper.
        assert_eq!(parse("{\"Code\": 24}").unwrap()["Code"], 24);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let body = "[".repeat(100_000);
        assert_eq!(parse(&body).unwrap_err().code, ErrorCode::InvalidJson);
    }

    #[test]
    fn envelope_variants() {
        let login: Value = serde_json::json!({
            "OptionalValues": [{"Key": "Fio", "Value": "Кузнецова Антонина Петровна"}, {"Key": "PartnersTicket", "Value": "bb0c"}],
            "ResultCodeValue": 24, "ResultNumber": 1, "ResultText": "Ok"
        });
        let envelope = Envelope::read(&login).unwrap();
        assert_eq!(envelope.result_code_value, Some(24));
        assert_eq!(envelope.optional_value("fio"), Some("Кузнецова Антонина Петровна"));
        assert_eq!(envelope.optional_value("PartnersTicket"), Some("bb0c"));

        let fin: Value = serde_json::json!({"ResultText": "Транзакция № 1", "ResultNumber": "1", "ResultCodeValue": "17", "OptionalValues": {}});
        let envelope = Envelope::read(&fin).unwrap();
        assert_eq!(envelope.result_number, 1);
        assert_eq!(envelope.result_code_value, Some(17));
        assert!(envelope.optional_values.is_empty());

        let as_object: Value = serde_json::json!({"ResultNumber": 0, "OptionalValues": {"Fio": "X", "PartnersTicket": null}});
        let envelope = Envelope::read(&as_object).unwrap();
        assert_eq!(envelope.optional_value("Fio"), Some("X"));
        assert_eq!(envelope.optional_value("PartnersTicket"), None);
        assert!(envelope.clone().check(Operation::PartnersLogin).is_ok(), "0 is success");

        assert_eq!(Envelope::read(&serde_json::json!([1, 2])), None);
        assert_eq!(Envelope::read(&serde_json::json!({"ResultNumber": "x"})), None);
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
        assert_eq!(integer(&serde_json::json!(24)), Some(24));
        assert_eq!(integer(&serde_json::json!(" 24 ")), Some(24));
        assert_eq!(integer(&serde_json::json!(24.0)), Some(24));
        assert_eq!(integer(&serde_json::json!(24.5)), None);
        assert_eq!(integer(&serde_json::json!(null)), None);
        assert_eq!(integer(&serde_json::json!(1e300)), None);
        assert_eq!(boolean(&serde_json::json!("Y")), Some(true));
        assert_eq!(boolean(&serde_json::json!("")), Some(false));
        assert_eq!(boolean(&serde_json::json!(null)), None);
        assert_eq!(text(&serde_json::json!(5518)), Some("5518".to_string()));
        assert_eq!(float(&serde_json::json!("1.5")), Some(1.5));
    }

    #[test]
    fn excerpt_is_short_and_clean() {
        let long = format!("<html>{}</html>", "x".repeat(500));
        let shown = excerpt(long.as_bytes());
        assert!(shown.chars().count() <= MAX_EXCERPT_CHARS + 1);
        assert!(!excerpt(b"a\nb\x00c").contains('\n'));
    }
}
