//! Which message describes an error, and with which values.
//!
//! The Russian and English texts live in `messages.json`, one template per id. This
//! module decides which template a problem or an error gets, and with which values: the
//! field, the caller's value quoted and cut short, limits, and other messages nested in
//! it. Natively, `Message::render` puts a message into words with the templates that
//! build.rs compiles in. The wasm build leaves them out: the package's JS renders the
//! same description from the same file. Values that may be secret (passwords, hashes,
//! tickets) are never passed in here.

use super::error::{AmountProblem, DateProblem, Error, ErrorCode, ErrorKind, Expected, Problem};
#[cfg(any(test, not(target_arch = "wasm32")))]
use super::locale::Locale;
use super::numbers::format_number;

/// The number of a template in `messages.json`, counted from 0 in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MessageId(u8);

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

impl MessageId {
    /// Returns the template's position in `messages.json`, by which JS looks up its texts.
    pub fn number(self) -> u8 {
        self.0
    }
}

/// A message before it is put into words: a template and the values of its placeholders
/// `{0}`, `{1}` and `{2}`, in that order.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub id: MessageId,
    pub args: Vec<Arg>,
}

/// The value of one placeholder.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Text shown as it is, in every language: a field name, a quoted value, a number.
    Text(String),
    /// Another message, put into words in the same language.
    Message(Message),
}

impl Message {
    pub fn new(id: MessageId, args: Vec<Arg>) -> Message {
        Message { id, args }
    }

    /// Creates a message whose template has no placeholders.
    pub fn plain(id: MessageId) -> Message {
        Message::new(id, Vec::new())
    }

    /// Puts the message into words in `locale`.
    #[cfg(any(test, not(target_arch = "wasm32")))]
    pub fn render(&self, locale: Locale) -> String {
        let column = match locale {
            Locale::Ru => 0,
            Locale::En => 1,
        };
        let template = TEMPLATES.get(usize::from(self.id.0)).and_then(|texts| texts.get(column)).copied().unwrap_or_default();
        let args: Vec<String> = self
            .args
            .iter()
            .map(|arg| match arg {
                Arg::Text(text) => text.clone(),
                Arg::Message(message) => message.render(locale),
            })
            .collect();
        fill(template, &args)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_string())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<Message> for Arg {
    fn from(message: Message) -> Arg {
        Arg::Message(message)
    }
}

/// Fills `{0}`, `{1}` and `{2}` in `template` with `args`; a missing arg leaves the
/// placeholder empty, and arg text is not searched for placeholders. The package's JS
/// renderer follows the same rules.
#[cfg(any(test, not(target_arch = "wasm32")))]
fn fill(template: &str, args: &[String]) -> String {
    let mut message = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some((before, placeholder)) = rest.find('{').and_then(|open| rest.split_at_checked(open)) {
        message.push_str(before);
        let index = match placeholder.as_bytes().get(..3) {
            Some([b'{', digit @ b'0'..=b'2', b'}']) => Some(usize::from(digit - b'0')),
            _ => None,
        };
        match index {
            Some(index) => {
                message.push_str(args.get(index).map(String::as_str).unwrap_or_default());
                rest = placeholder.get(3..).unwrap_or_default();
            }
            None => {
                message.push('{');
                rest = placeholder.get(1..).unwrap_or_default();
            }
        }
    }
    message.push_str(rest);
    message
}

/// Maximum length of a caller's value quoted in a message, in characters.
const MAX_ECHO_CHARS: usize = 60;

/// Quotes a caller's value, cut to `MAX_ECHO_CHARS` so one huge input cannot flood logs.
fn quote(value: &str) -> Arg {
    let mut chars = value.chars();
    let head: String = chars.by_ref().take(MAX_ECHO_CHARS).collect();
    if chars.next().is_some() {
        Arg::Text(format!("\"{head}…\""))
    } else {
        Arg::Text(format!("\"{head}\""))
    }
}

fn expected_name(expected: Expected) -> Arg {
    let id = match expected {
        Expected::Text => MessageId::EXPECTED_TEXT,
        Expected::Integer => MessageId::EXPECTED_INTEGER,
        Expected::Number => MessageId::EXPECTED_NUMBER,
        Expected::Boolean => MessageId::EXPECTED_BOOLEAN,
        Expected::Date => MessageId::EXPECTED_DATE,
        Expected::TextOrNumber => MessageId::EXPECTED_TEXT_OR_NUMBER,
        Expected::Function => MessageId::EXPECTED_FUNCTION,
        Expected::Object => MessageId::EXPECTED_OBJECT,
        Expected::AbortSignal => MessageId::EXPECTED_ABORT_SIGNAL,
    };
    Message::plain(id).into()
}

/// Returns the message for one invalid field. In the templates `{0}` is the field, `{1}`
/// the caller's value (quoted) or a limit, `{2}` another limit or the allowed values.
pub fn field_problem(field: &str, problem: &Problem) -> Message {
    let (id, mut args): (MessageId, Vec<Arg>) = match problem {
        Problem::Missing => (MessageId::PROBLEM_MISSING, vec![]),
        Problem::Unknown { suggestion: Some(known) } => (MessageId::PROBLEM_UNKNOWN_SUGGESTED, vec![(*known).into()]),
        Problem::Unknown { suggestion: None } => (MessageId::PROBLEM_UNKNOWN, vec![]),
        Problem::WrongType { expected, found } => (MessageId::PROBLEM_WRONG_TYPE, vec![expected_name(*expected), (*found).into()]),
        Problem::TooLong { max, actual } => (MessageId::PROBLEM_TOO_LONG, vec![max.to_string().into(), actual.to_string().into()]),
        Problem::NotInteger { value } => (MessageId::PROBLEM_NOT_INTEGER, vec![quote(value)]),
        Problem::InvalidEmail { value } => (MessageId::PROBLEM_INVALID_EMAIL, vec![quote(value)]),
        Problem::InvalidFlag { value } => (MessageId::PROBLEM_INVALID_FLAG, vec![quote(value)]),
        Problem::InvalidDate { value, reason } => {
            let id = match reason {
                DateProblem::Format => MessageId::PROBLEM_DATE_FORMAT,
                DateProblem::Impossible => MessageId::PROBLEM_DATE_IMPOSSIBLE,
                DateProblem::OutOfRange => MessageId::PROBLEM_DATE_OUT_OF_RANGE,
            };
            (id, vec![quote(value)])
        }
        Problem::InvalidAmount { value, reason } => {
            let id = match reason {
                AmountProblem::NotANumber => MessageId::PROBLEM_AMOUNT_NOT_A_NUMBER,
                AmountProblem::NotPositive => MessageId::PROBLEM_AMOUNT_NOT_POSITIVE,
                AmountProblem::TooPrecise => MessageId::PROBLEM_AMOUNT_TOO_PRECISE,
                AmountProblem::TooLarge => MessageId::PROBLEM_AMOUNT_TOO_LARGE,
                AmountProblem::Grouped => MessageId::PROBLEM_AMOUNT_GROUPED,
            };
            (id, vec![quote(value)])
        }
        Problem::NotOneOf { value, allowed } => (MessageId::PROBLEM_NOT_ONE_OF, vec![quote(value), allowed.join(", ").into()]),
        Problem::InvalidMd5 { length } => (MessageId::PROBLEM_INVALID_MD5, vec![length.to_string().into()]),
        Problem::InvalidUrl { value } => (MessageId::PROBLEM_INVALID_URL, vec![quote(value)]),
        Problem::InvalidPath { value } => (MessageId::PROBLEM_INVALID_PATH, vec![quote(value)]),
        Problem::IncludesServicePath { value } => (MessageId::PROBLEM_INCLUDES_SERVICE_PATH, vec![quote(value)]),
        Problem::OutOfRange { value, min, max } => {
            let limits = Message::new(MessageId::RANGE, vec![format_number(*min).into(), format_number(*max).into()]);
            (MessageId::PROBLEM_OUT_OF_RANGE, vec![quote(value), limits.into()])
        }
        Problem::Unreadable => (MessageId::PROBLEM_UNREADABLE, vec![]),
        Problem::PasswordMismatch => (MessageId::PROBLEM_PASSWORD_MISMATCH, vec![]),
        Problem::MissingOneOf { fields } => (MessageId::PROBLEM_MISSING_ONE_OF, vec![fields.join(", ").into()]),
        Problem::ExactlyOneOf { fields } => (MessageId::PROBLEM_EXACTLY_ONE_OF, vec![fields.join(", ").into()]),
    };
    // Put in front afterwards: one vector per arm is smaller wasm than chaining two.
    args.insert(0, field.into());
    Message::new(id, args)
}

/// Returns the whole message of an error: what failed, then for calls whose effect is
/// unknown how to check it, or for unsent calls that repeating is safe.
pub fn error_message(error: &Error) -> Message {
    let cause = cause_message(error);

    if error.kind == ErrorKind::OutcomeUnknown {
        let check = match error.method.unwrap_or("") {
            "FinInCome" | "FinOutCome" => MessageId::OUTCOME_CHECK_BALANCE,
            "PartnersCreate" => MessageId::OUTCOME_CHECK_PARTNER,
            _ => MessageId::OUTCOME_CHECK_OPERATION,
        };
        return Message::new(MessageId::OUTCOME_UNKNOWN, vec![cause.into(), Message::plain(check).into()]);
    }
    if error.not_sent && error.kind != ErrorKind::Validation {
        return Message::new(MessageId::NOT_SENT, vec![cause.into()]);
    }
    cause
}

/// Returns what failed. In the templates `{0}` is the method, `{1}` the detail or status,
/// and `{2}` a hint.
fn cause_message(error: &Error) -> Message {
    let method = match error.method {
        Some(method) => Arg::from(method),
        None => Message::plain(MessageId::CLIENT_OPTIONS).into(),
    };
    let detail = || Arg::from(error.detail.as_deref().unwrap_or(""));

    // The message of a call whose outcome is unknown gives no advice to retry, because it
    // goes on to say how to check whether the call took effect.
    let outcome_unknown = error.kind == ErrorKind::OutcomeUnknown;
    let kind = match error.kind {
        ErrorKind::OutcomeUnknown => match error.code {
            ErrorCode::Timeout => ErrorKind::Timeout,
            ErrorCode::NetworkError => ErrorKind::Network,
            ErrorCode::HttpError => ErrorKind::Http,
            ErrorCode::Aborted => ErrorKind::Aborted,
            _ => ErrorKind::Decode,
        },
        kind => kind,
    };
    match kind {
        ErrorKind::Validation => Message::new(MessageId::INVALID_INPUT, vec![method, problem_list(error)]),
        ErrorKind::Api | ErrorKind::Auth => {
            let hint = match error.code {
                ErrorCode::ServiceLoginFailed => MessageId::HINT_SERVICE_LOGIN_FAILED,
                ErrorCode::PartnerLoginFailed => MessageId::HINT_PARTNER_LOGIN_FAILED,
                ErrorCode::TicketRejected => MessageId::HINT_TICKET_REJECTED,
                ErrorCode::PartnerNotFound => MessageId::HINT_PARTNER_NOT_FOUND,
                ErrorCode::InsufficientFunds => MessageId::HINT_INSUFFICIENT_FUNDS,
                ErrorCode::EmailNotRegistered => MessageId::HINT_EMAIL_NOT_REGISTERED,
                ErrorCode::RegistrationRejected => MessageId::HINT_REGISTRATION_REJECTED,
                _ => MessageId::HINT_API_ERROR,
            };
            let lead = Message::new(MessageId::METHOD_DETAIL, vec![method, Message::plain(hint).into()]);
            let server_text = error.result_text.as_deref().unwrap_or("").trim();
            with_server_text(lead, server_text, error.result_number)
        }
        ErrorKind::Http => {
            let status = error.status.unwrap_or(0);
            let hint = match status {
                429 => MessageId::HTTP_RATE_LIMITED,
                500..=599 if outcome_unknown => MessageId::HTTP_SERVER_FAILED,
                500..=599 => MessageId::HTTP_SERVER_FAILED_RETRY,
                _ => MessageId::HTTP_CHECK_ADDRESS,
            };
            Message::new(MessageId::HTTP, vec![method, status.to_string().into(), Message::plain(hint).into()])
        }
        ErrorKind::Network => Message::new(MessageId::NETWORK, vec![method, detail()]),
        ErrorKind::Timeout => {
            let id = if outcome_unknown { MessageId::TIMEOUT_OUTCOME_UNKNOWN } else { MessageId::TIMEOUT };
            Message::new(id, vec![method, detail()])
        }
        ErrorKind::Aborted => Message::new(MessageId::ABORTED, vec![method]),
        ErrorKind::Decode | ErrorKind::OutcomeUnknown => {
            let what = match error.code {
                ErrorCode::EmptyResponse => MessageId::DECODE_EMPTY_RESPONSE,
                ErrorCode::XmlResponse => MessageId::DECODE_XML_RESPONSE,
                ErrorCode::HtmlResponse => MessageId::DECODE_HTML_RESPONSE,
                ErrorCode::InvalidJson => MessageId::DECODE_INVALID_JSON,
                _ => MessageId::DECODE_UNEXPECTED_RESPONSE,
            };
            Message::new(MessageId::DECODE, vec![method, Message::plain(what).into(), detail()])
        }
    }
}

/// Joins the messages of a validation error's problems with semicolons.
fn problem_list(error: &Error) -> Arg {
    let mut list: Option<Arg> = None;
    for problem in error.problems.iter().rev() {
        let item = problem.describe();
        list = Some(match list {
            None => item.into(),
            Some(rest) => Message::new(MessageId::JOINED, vec![item.into(), rest]).into(),
        });
    }
    list.unwrap_or_else(|| Arg::Text(String::new()))
}

/// Maximum length of server text quoted in a message, in characters; `resultText`
/// keeps the whole text.
const MAX_SERVER_TEXT_CHARS: usize = 500;

fn with_server_text(lead: Message, server_text: &str, result_number: Option<i64>) -> Message {
    let mut chars = server_text.chars();
    let mut quoted: String = chars.by_ref().take(MAX_SERVER_TEXT_CHARS).collect();
    if chars.next().is_some() {
        quoted.push('…');
    }
    let number = result_number.map(|number| Arg::Text(number.to_string()));
    match (quoted.is_empty(), number) {
        (true, None) => lead,
        (true, Some(number)) => Message::new(MessageId::SERVER_TEXT_NUMBER_ONLY, vec![lead.into(), number]),
        (false, None) => Message::new(MessageId::SERVER_TEXT, vec![lead.into(), quoted.into()]),
        (false, Some(number)) => Message::new(MessageId::SERVER_TEXT_NUMBERED, vec![lead.into(), quoted.into(), number]),
    }
}
