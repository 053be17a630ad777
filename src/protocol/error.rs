//! The one error type of the library: a kind, a stable code and the facts behind it.
//!
//! Messages are described on demand by `messages.rs`, so an error carries data, not
//! text, and never carries a password, its MD5 or a ticket.

#[cfg(any(test, not(target_arch = "wasm32")))]
use super::locale::Locale;
use super::messages::{self, Message};

/// Broad class of failure; JS callers see it as `error.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Bad input or options, found before anything was sent.
    Validation,
    /// OKsoft returned an envelope with `ResultNumber < 0`.
    Api,
    /// A login was rejected, or OKsoft rejected the service ticket.
    Auth,
    /// OKsoft returned an HTTP status other than 2xx.
    Http,
    /// The request did not complete: connection refused, DNS, CORS, reset.
    Network,
    /// No response within the timeout.
    Timeout,
    /// The caller aborted the request.
    Aborted,
    /// The response body could not be read as the expected JSON.
    Decode,
    /// A call that creates something or moves money failed after the request may have
    /// reached the server, so it may or may not have taken effect.
    OutcomeUnknown,
}

impl ErrorKind {
    /// The stable name JS callers compare `error.kind` with.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Validation => "validation",
            ErrorKind::Api => "api",
            ErrorKind::Auth => "auth",
            ErrorKind::Http => "http",
            ErrorKind::Network => "network",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Aborted => "aborted",
            ErrorKind::Decode => "decode",
            ErrorKind::OutcomeUnknown => "outcome_unknown",
        }
    }
}

/// Stable machine-readable case of an error; JS callers see it as `error.code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    // Validation: one per kind of field problem.
    MissingField,
    UnknownField,
    InvalidType,
    TooLong,
    InvalidInteger,
    InvalidEmail,
    InvalidFlag,
    InvalidDate,
    InvalidAmount,
    InvalidChoice,
    InvalidMd5,
    InvalidUrl,
    PasswordMismatch,
    ConflictingFields,
    // Api.
    ApiError,
    PartnerNotFound,
    InsufficientFunds,
    EmailNotRegistered,
    RegistrationRejected,
    // Auth.
    ServiceLoginFailed,
    PartnerLoginFailed,
    TicketRejected,
    // Transport.
    HttpError,
    NetworkError,
    Timeout,
    Aborted,
    // Decode.
    EmptyResponse,
    XmlResponse,
    HtmlResponse,
    InvalidJson,
    UnexpectedResponse,
}

impl ErrorCode {
    /// Every code, for checks that the TypeScript declarations list them all.
    pub const ALL: [ErrorCode; 31] = [
        ErrorCode::MissingField,
        ErrorCode::UnknownField,
        ErrorCode::InvalidType,
        ErrorCode::TooLong,
        ErrorCode::InvalidInteger,
        ErrorCode::InvalidEmail,
        ErrorCode::InvalidFlag,
        ErrorCode::InvalidDate,
        ErrorCode::InvalidAmount,
        ErrorCode::InvalidChoice,
        ErrorCode::InvalidMd5,
        ErrorCode::InvalidUrl,
        ErrorCode::PasswordMismatch,
        ErrorCode::ConflictingFields,
        ErrorCode::ApiError,
        ErrorCode::PartnerNotFound,
        ErrorCode::InsufficientFunds,
        ErrorCode::EmailNotRegistered,
        ErrorCode::RegistrationRejected,
        ErrorCode::ServiceLoginFailed,
        ErrorCode::PartnerLoginFailed,
        ErrorCode::TicketRejected,
        ErrorCode::HttpError,
        ErrorCode::NetworkError,
        ErrorCode::Timeout,
        ErrorCode::Aborted,
        ErrorCode::EmptyResponse,
        ErrorCode::XmlResponse,
        ErrorCode::HtmlResponse,
        ErrorCode::InvalidJson,
        ErrorCode::UnexpectedResponse,
    ];

    /// Returns the stable snake_case name shown to JS callers.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::MissingField => "missing_field",
            ErrorCode::UnknownField => "unknown_field",
            ErrorCode::InvalidType => "invalid_type",
            ErrorCode::TooLong => "too_long",
            ErrorCode::InvalidInteger => "invalid_integer",
            ErrorCode::InvalidEmail => "invalid_email",
            ErrorCode::InvalidFlag => "invalid_flag",
            ErrorCode::InvalidDate => "invalid_date",
            ErrorCode::InvalidAmount => "invalid_amount",
            ErrorCode::InvalidChoice => "invalid_choice",
            ErrorCode::InvalidMd5 => "invalid_md5",
            ErrorCode::InvalidUrl => "invalid_url",
            ErrorCode::PasswordMismatch => "password_mismatch",
            ErrorCode::ConflictingFields => "conflicting_fields",
            ErrorCode::ApiError => "api_error",
            ErrorCode::PartnerNotFound => "partner_not_found",
            ErrorCode::InsufficientFunds => "insufficient_funds",
            ErrorCode::EmailNotRegistered => "email_not_registered",
            ErrorCode::RegistrationRejected => "registration_rejected",
            ErrorCode::ServiceLoginFailed => "service_login_failed",
            ErrorCode::PartnerLoginFailed => "partner_login_failed",
            ErrorCode::TicketRejected => "ticket_rejected",
            ErrorCode::HttpError => "http_error",
            ErrorCode::NetworkError => "network_error",
            ErrorCode::Timeout => "timeout",
            ErrorCode::Aborted => "aborted",
            ErrorCode::EmptyResponse => "empty_response",
            ErrorCode::XmlResponse => "xml_response",
            ErrorCode::HtmlResponse => "html_response",
            ErrorCode::InvalidJson => "invalid_json",
            ErrorCode::UnexpectedResponse => "unexpected_response",
        }
    }
}

/// JS type a field was expected to have, for `invalid_type` messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Text,
    Integer,
    Number,
    Boolean,
    Date,
    TextOrNumber,
    Function,
    Object,
    AbortSignal,
}

/// Reason a date input was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    /// Not one of the accepted layouts.
    Format,
    /// A day that does not exist, such as 31.02.2000, or an invalid JS `Date`.
    Impossible,
    /// Outside the years 1900 to 2100.
    OutOfRange,
}

/// Reason an amount of money was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountProblem {
    /// Not a decimal number, or NaN or infinity.
    NotANumber,
    /// Zero or negative.
    NotPositive,
    /// More than two digits after the decimal point.
    TooPrecise,
    /// Digits grouped by thousands separators, as in `1,000.00` or `1 000`.
    Grouped,
    /// Larger than the library can represent exactly.
    TooLarge,
}

/// Problem with one input field.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A required field is absent, `null`, `undefined` or blank.
    Missing,
    /// The options object has a key the operation does not take.
    Unknown { suggestion: Option<&'static str> },
    /// The value has the wrong JS type.
    WrongType { expected: Expected, found: &'static str },
    /// The text is longer than OKsoft stores, counted in characters.
    TooLong { max: usize, actual: usize },
    /// The value is not a whole number in the allowed range.
    NotInteger { value: String },
    /// The text does not look like an e-mail address.
    InvalidEmail { value: String },
    /// The flag is not `Y`, `N`, `true` or `false`.
    InvalidFlag { value: String },
    /// The date cannot be sent.
    InvalidDate { value: String, reason: DateProblem },
    /// The amount cannot be sent as money.
    InvalidAmount { value: String, reason: AmountProblem },
    /// The value is not one of a fixed set.
    NotOneOf { value: String, allowed: &'static [&'static str] },
    /// An MD5 hash is not 32 hexadecimal digits; the value itself is never echoed.
    InvalidMd5 { length: usize },
    /// The value is not an absolute http(s) URL.
    InvalidUrl { value: String },
    /// A service path that does not start with `/` or holds `?`, `#` or spaces.
    InvalidPath { value: String },
    /// A base URL that already ends in `/api/Service`, which belongs in `servicePath`.
    IncludesServicePath { value: String },
    /// A whole number outside the allowed range.
    OutOfRange { value: String, min: f64, max: f64 },
    /// Reading the value threw: a getter or a Proxy trap raised an exception.
    Unreadable,
    /// `password` and `confirmPassword` differ.
    PasswordMismatch,
    /// None of several alternative fields was given.
    MissingOneOf { fields: &'static [&'static str] },
    /// Fields of which at most one may be given were given together.
    ExactlyOneOf { fields: &'static [&'static str] },
}

impl Problem {
    /// The error code this problem reports.
    pub fn code(&self) -> ErrorCode {
        match self {
            Problem::Missing => ErrorCode::MissingField,
            Problem::Unknown { .. } => ErrorCode::UnknownField,
            Problem::WrongType { .. } => ErrorCode::InvalidType,
            Problem::TooLong { .. } => ErrorCode::TooLong,
            Problem::NotInteger { .. } => ErrorCode::InvalidInteger,
            Problem::InvalidEmail { .. } => ErrorCode::InvalidEmail,
            Problem::InvalidFlag { .. } => ErrorCode::InvalidFlag,
            Problem::InvalidDate { .. } => ErrorCode::InvalidDate,
            Problem::InvalidAmount { .. } => ErrorCode::InvalidAmount,
            Problem::NotOneOf { .. } => ErrorCode::InvalidChoice,
            Problem::InvalidMd5 { .. } => ErrorCode::InvalidMd5,
            Problem::InvalidUrl { .. } | Problem::InvalidPath { .. } | Problem::IncludesServicePath { .. } => {
                ErrorCode::InvalidUrl
            }
            Problem::OutOfRange { .. } => ErrorCode::InvalidInteger,
            Problem::Unreadable => ErrorCode::InvalidType,
            Problem::PasswordMismatch => ErrorCode::PasswordMismatch,
            Problem::MissingOneOf { .. } => ErrorCode::MissingField,
            Problem::ExactlyOneOf { .. } => ErrorCode::ConflictingFields,
        }
    }
}

/// One invalid input field, named as the caller spelled it (camelCase).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldProblem {
    pub field: String,
    pub problem: Problem,
}

impl FieldProblem {
    /// Pairs a field name with what is wrong with it.
    pub fn new(field: impl Into<String>, problem: Problem) -> FieldProblem {
        FieldProblem { field: field.into(), problem }
    }

    /// Returns the message for this one field, before it is put into words.
    pub fn describe(&self) -> Message {
        messages::field_problem(&self.field, &self.problem)
    }

    /// The message for this one field, in `locale`.
    #[cfg(any(test, not(target_arch = "wasm32")))]
    pub fn message(&self, locale: Locale) -> String {
        self.describe().render(locale)
    }
}

/// Every failure the library reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    pub kind: ErrorKind,
    pub code: ErrorCode,
    /// OKsoft wire name of the operation, such as `PartnersGet`; `None` for client options.
    pub method: Option<&'static str>,
    pub result_number: Option<i64>,
    /// The server's `ResultText`, unchanged.
    pub result_text: Option<String>,
    pub status: Option<u16>,
    /// All field problems of a validation error, in field order; a boxed slice keeps
    /// `Error` small.
    pub problems: Box<[FieldProblem]>,
    /// Underlying cause of a network or decode failure, already free of secrets.
    pub detail: Option<String>,
    /// True when the request certainly never reached the server, so repeating it is safe.
    pub not_sent: bool,
    /// Parameters of an `outcome_unknown` call, secrets replaced with `***`, so the caller
    /// can check what happened.
    /// A boxed slice keeps `Error` small, since most errors have none.
    pub request_params: Box<[(&'static str, String)]>,
}

impl Error {
    fn bare(kind: ErrorKind, code: ErrorCode, method: Option<&'static str>) -> Error {
        Error {
            kind,
            code,
            method,
            result_number: None,
            result_text: None,
            status: None,
            problems: Box::default(),
            detail: None,
            not_sent: false,
            request_params: Box::default(),
        }
    }

    /// Creates a validation error listing every problem, with the code of the first one.
    pub fn validation(method: Option<&'static str>, problems: Vec<FieldProblem>) -> Error {
        let code = problems
            .first()
            .map(|first| first.problem.code())
            .unwrap_or(ErrorCode::InvalidType);
        let mut error = Error::bare(ErrorKind::Validation, code, method);
        error.problems = problems.into_boxed_slice();
        error.not_sent = true;
        error
    }

    /// Creates the error for an OKsoft envelope with `ResultNumber < 0`.
    pub fn api(
        code: ErrorCode,
        method: &'static str,
        result_number: Option<i64>,
        result_text: Option<String>,
    ) -> Error {
        let kind = match code {
            ErrorCode::ServiceLoginFailed | ErrorCode::PartnerLoginFailed | ErrorCode::TicketRejected => {
                ErrorKind::Auth
            }
            _ => ErrorKind::Api,
        };
        let mut error = Error::bare(kind, code, Some(method));
        error.result_number = result_number;
        error.result_text = result_text;
        error
    }

    /// Creates the error for a non-2xx HTTP status.
    pub fn http(method: &'static str, status: u16) -> Error {
        let mut error = Error::bare(ErrorKind::Http, ErrorCode::HttpError, Some(method));
        error.status = Some(status);
        error
    }

    /// A request that did not complete; `detail` must already be free of secrets.
    pub fn network(method: &'static str, detail: impl Into<String>) -> Error {
        let mut error = Error::bare(ErrorKind::Network, ErrorCode::NetworkError, Some(method));
        error.detail = Some(detail.into());
        error
    }

    /// No response within `timeout_ms`.
    pub fn timeout(method: &'static str, timeout_ms: u32) -> Error {
        let mut error = Error::bare(ErrorKind::Timeout, ErrorCode::Timeout, Some(method));
        error.detail = Some(timeout_ms.to_string());
        error
    }

    /// Marks the error as one whose request never reached the server.
    pub fn nothing_sent(mut self) -> Error {
        self.not_sent = true;
        self
    }

    /// Turns a failure after the request may have reached the server into an
    /// `outcome_unknown` error that keeps the code, status and detail of the failure.
    pub fn outcome_unknown(mut self, request_params: Vec<(&'static str, String)>) -> Error {
        self.kind = ErrorKind::OutcomeUnknown;
        self.request_params = request_params.into_boxed_slice();
        self
    }

    /// The caller aborted the request.
    pub fn aborted(method: &'static str) -> Error {
        Error::bare(ErrorKind::Aborted, ErrorCode::Aborted, Some(method))
    }

    /// A body that is not the JSON the operation returns; `detail` says what was seen.
    pub fn decode(method: &'static str, code: ErrorCode, detail: impl Into<String>) -> Error {
        let mut error = Error::bare(ErrorKind::Decode, code, Some(method));
        error.detail = Some(detail.into());
        error
    }

    /// Applies `scrub` to the texts that come from outside the library (the server's
    /// `ResultText` and failure details), so a body that echoes a secret leaks nothing.
    pub fn scrubbed(mut self, scrub: impl Fn(&str) -> String) -> Error {
        self.result_text = self.result_text.map(|text| scrub(&text));
        self.detail = self.detail.map(|text| scrub(&text));
        self
    }

    /// The first invalid field of a validation error.
    pub fn field(&self) -> Option<&str> {
        self.problems.first().map(|first| first.field.as_str())
    }

    /// Returns the whole message, before it is put into words.
    pub fn describe(&self) -> Message {
        messages::error_message(self)
    }

    /// The whole message in `locale`.
    #[cfg(any(test, not(target_arch = "wasm32")))]
    pub fn message(&self, locale: Locale) -> String {
        self.describe().render(locale)
    }
}

/// The English message natively. The wasm build has no message texts, so there it shows
/// the method and the stable code, such as `PartnersGet: timeout`.
impl std::fmt::Display for Error {
    #[cfg(any(test, not(target_arch = "wasm32")))]
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(&self.message(Locale::En))
    }

    #[cfg(not(any(test, not(target_arch = "wasm32"))))]
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(self.method.unwrap_or("client options"))?;
        formatter.write_str(": ")?;
        formatter.write_str(self.code.as_str())
    }
}

impl std::error::Error for Error {}
