//! Message texts in Russian and English.
//!
//! Every text names the value or field at fault and what to do next. Values that may be
//! secret (passwords, hashes, tickets) are never passed in here.

use super::error::{AmountProblem, DateProblem, Error, ErrorCode, ErrorKind, Expected, Problem};
use super::locale::Locale;
use super::numbers::format_number;

/// Maximum length of a caller's value quoted in a message, in characters.
const MAX_ECHO_CHARS: usize = 60;

/// Quotes a caller's value, cut to `MAX_ECHO_CHARS` so one huge input cannot flood logs.
fn quote(value: &str) -> String {
    let mut chars = value.chars();
    let head: String = chars.by_ref().take(MAX_ECHO_CHARS).collect();
    if chars.next().is_some() {
        format!("\"{head}…\"")
    } else {
        format!("\"{head}\"")
    }
}

fn expected_name(locale: Locale, expected: Expected) -> &'static str {
    match (locale, expected) {
        (Locale::Ru, Expected::Text) => "строка",
        (Locale::Ru, Expected::Integer) => "целое число",
        (Locale::Ru, Expected::Number) => "число",
        (Locale::Ru, Expected::Boolean) => "true или false",
        (Locale::Ru, Expected::Date) => "дата (Date или строка ГГГГ-ММ-ДД)",
        (Locale::Ru, Expected::TextOrNumber) => "строка или число",
        (Locale::Ru, Expected::Function) => "функция",
        (Locale::Ru, Expected::Object) => "объект",
        (Locale::Ru, Expected::AbortSignal) => "AbortSignal",
        (Locale::En, Expected::Text) => "a string",
        (Locale::En, Expected::Integer) => "an integer",
        (Locale::En, Expected::Number) => "a number",
        (Locale::En, Expected::Boolean) => "true or false",
        (Locale::En, Expected::Date) => "a date (a Date or a YYYY-MM-DD string)",
        (Locale::En, Expected::TextOrNumber) => "a string or a number",
        (Locale::En, Expected::Function) => "a function",
        (Locale::En, Expected::Object) => "an object",
        (Locale::En, Expected::AbortSignal) => "an AbortSignal",
    }
}

/// The message for one invalid field.
pub fn field_problem(locale: Locale, field: &str, problem: &Problem) -> String {
    match locale {
        Locale::Ru => field_problem_ru(field, problem),
        Locale::En => field_problem_en(field, problem),
    }
}

fn field_problem_ru(field: &str, problem: &Problem) -> String {
    match problem {
        Problem::Missing => format!("{field}: обязательное поле не заполнено"),
        Problem::Unknown { suggestion: Some(known) } => {
            format!("{field}: неизвестный параметр; возможно, имелся в виду {known}")
        }
        Problem::Unknown { suggestion: None } => {
            format!("{field}: неизвестный параметр; уберите его или проверьте написание")
        }
        Problem::WrongType { expected, found } => format!(
            "{field}: ожидается {}, передано значение типа {found}",
            expected_name(Locale::Ru, *expected)
        ),
        Problem::TooLong { max, actual } => {
            format!("{field}: не длиннее {max} символов, сейчас {actual}")
        }
        Problem::NotInteger { value } => {
            format!("{field}: ожидается целое положительное число, передано {}", quote(value))
        }
        Problem::InvalidEmail { value } => {
            format!("{field}: {} не похоже на адрес электронной почты (имя@домен)", quote(value))
        }
        Problem::InvalidFlag { value } => {
            format!("{field}: допустимы Y, N, true или false, передано {}", quote(value))
        }
        Problem::InvalidDate { value, reason } => match reason {
            DateProblem::Format => format!(
                "{field}: {} не дата; передайте Date, ГГГГ-ММ-ДД или ДД.ММ.ГГГГ",
                quote(value)
            ),
            DateProblem::Impossible => format!("{field}: дата {} не существует", quote(value)),
            DateProblem::OutOfRange => {
                format!("{field}: год даты {} должен быть от 1900 до 2100", quote(value))
            }
        },
        Problem::InvalidAmount { value, reason } => match reason {
            AmountProblem::NotANumber => format!(
                "{field}: {} не сумма; передайте число или строку вида \"1234.50\"",
                quote(value)
            ),
            AmountProblem::NotPositive => {
                format!("{field}: сумма должна быть больше нуля, передано {}", quote(value))
            }
            AmountProblem::TooPrecise => format!(
                "{field}: не больше двух знаков после точки (копейки), передано {}",
                quote(value)
            ),
            AmountProblem::TooLarge => format!("{field}: сумма {} слишком велика", quote(value)),
        },
        Problem::NotOneOf { value, allowed } => format!(
            "{field}: допустимые значения: {}; передано {}",
            allowed.join(", "),
            quote(value)
        ),
        Problem::InvalidMd5 { length } => format!(
            "{field}: MD5 — это ровно 32 шестнадцатеричные цифры (0–9, A–F); передано {length} символов, не все из них допустимы"
        ),
        Problem::InvalidUrl { value } => format!(
            "{field}: {} не подходит; нужен адрес http(s) без ?, # и пароля, например https://shop.example.ru",
            quote(value)
        ),
        Problem::InvalidPath { value } => format!(
            "{field}: {} не подходит; путь должен начинаться с / и не содержать ?, # и пробелов, например /api/Service",
            quote(value)
        ),
        Problem::IncludesServicePath { value } => format!(
            "{field}: {} уже содержит путь сервиса; оставьте в baseUrl только адрес сайта, а путь укажите в servicePath",
            quote(value)
        ),
        Problem::OutOfRange { value, min, max } => format!(
            "{field}: допустимо целое число от {} до {}, передано {}",
            format_number(*min),
            format_number(*max),
            quote(value)
        ),
        Problem::Unreadable => {
            format!("{field}: значение не удалось прочитать, геттер или Proxy выбросил исключение; передайте обычное значение")
        }
        Problem::PasswordMismatch => {
            format!("{field}: пароль и подтверждение пароля не совпадают")
        }
        Problem::MissingOneOf { fields } => {
            format!("{field}: обязательно одно из полей {}", fields.join(", "))
        }
        Problem::ExactlyOneOf { fields } => {
            format!("{field}: передайте только одно из полей {}", fields.join(", "))
        }
    }
}

fn field_problem_en(field: &str, problem: &Problem) -> String {
    match problem {
        Problem::Missing => format!("{field}: required field is missing"),
        Problem::Unknown { suggestion: Some(known) } => {
            format!("{field}: unknown option; did you mean {known}?")
        }
        Problem::Unknown { suggestion: None } => {
            format!("{field}: unknown option; remove it or check the spelling")
        }
        Problem::WrongType { expected, found } => format!(
            "{field}: expected {}, got a value of type {found}",
            expected_name(Locale::En, *expected)
        ),
        Problem::TooLong { max, actual } => {
            format!("{field}: at most {max} characters allowed, got {actual}")
        }
        Problem::NotInteger { value } => {
            format!("{field}: expected a positive integer, got {}", quote(value))
        }
        Problem::InvalidEmail { value } => {
            format!("{field}: {} is not an e-mail address (name@domain)", quote(value))
        }
        Problem::InvalidFlag { value } => {
            format!("{field}: expected Y, N, true or false, got {}", quote(value))
        }
        Problem::InvalidDate { value, reason } => match reason {
            DateProblem::Format => format!(
                "{field}: {} is not a date; pass a Date, YYYY-MM-DD or DD.MM.YYYY",
                quote(value)
            ),
            DateProblem::Impossible => format!("{field}: the date {} does not exist", quote(value)),
            DateProblem::OutOfRange => {
                format!("{field}: the year of {} must be between 1900 and 2100", quote(value))
            }
        },
        Problem::InvalidAmount { value, reason } => match reason {
            AmountProblem::NotANumber => format!(
                "{field}: {} is not an amount; pass a number or a string like \"1234.50\"",
                quote(value)
            ),
            AmountProblem::NotPositive => {
                format!("{field}: the amount must be greater than zero, got {}", quote(value))
            }
            AmountProblem::TooPrecise => format!(
                "{field}: at most two digits after the decimal point, got {}",
                quote(value)
            ),
            AmountProblem::TooLarge => format!("{field}: the amount {} is too large", quote(value)),
        },
        Problem::NotOneOf { value, allowed } => format!(
            "{field}: expected one of {}, got {}",
            allowed.join(", "),
            quote(value)
        ),
        Problem::InvalidMd5 { length } => format!(
            "{field}: an MD5 hash is exactly 32 hexadecimal digits (0-9, A-F); got {length} characters, not all of them valid"
        ),
        Problem::InvalidUrl { value } => format!(
            "{field}: {} is not usable; expected an http(s) URL without ?, # or credentials, such as https://shop.example.ru",
            quote(value)
        ),
        Problem::InvalidPath { value } => format!(
            "{field}: {} is not usable; a path starts with / and has no ?, # or spaces, such as /api/Service",
            quote(value)
        ),
        Problem::IncludesServicePath { value } => format!(
            "{field}: {} already includes the service path; keep only the site address in baseUrl and set servicePath",
            quote(value)
        ),
        Problem::OutOfRange { value, min, max } => format!(
            "{field}: expected a whole number from {} to {}, got {}",
            format_number(*min),
            format_number(*max),
            quote(value)
        ),
        Problem::Unreadable => {
            format!("{field}: reading the value threw (a getter or Proxy trap); pass a plain value")
        }
        Problem::PasswordMismatch => format!("{field}: password and confirmation differ"),
        Problem::MissingOneOf { fields } => {
            format!("{field}: one of {} is required", fields.join(", "))
        }
        Problem::ExactlyOneOf { fields } => {
            format!("{field}: pass only one of {}", fields.join(", "))
        }
    }
}

/// Returns the whole message of an error in `locale`: what failed, then for calls whose
/// effect is unknown how to check it, or for unsent calls that repeating is safe.
pub fn error_message(locale: Locale, error: &Error) -> String {
    let cause = cause_message(locale, error);
    if error.kind == ErrorKind::OutcomeUnknown {
        return format!("{cause}. {}", outcome_hint(locale, error.method.unwrap_or("")));
    }
    if error.not_sent && error.kind != ErrorKind::Validation {
        let tail = match locale {
            Locale::Ru => "Запрос не дошёл до сервера, его можно повторить.",
            Locale::En => "The request never reached the server, so it is safe to repeat.",
        };
        return format!("{cause}. {tail}");
    }
    cause
}

/// Says that an operation may or may not have happened and how to find out.
fn outcome_hint(locale: Locale, method: &str) -> String {
    let check = match (locale, method) {
        (Locale::Ru, "FinInCome" | "FinOutCome") => {
            "Не повторяйте вслепую: сравните остаток счёта (AccountsListGet) с остатком до операции"
        }
        (Locale::Ru, "PartnersCreate") => {
            "Не повторяйте вслепую: проверьте, появился ли контрагент (PartnersGet по Id или вход по логину)"
        }
        (Locale::Ru, _) => "Не повторяйте вслепую: сначала проверьте, выполнилась ли операция",
        (Locale::En, "FinInCome" | "FinOutCome") => {
            "Do not repeat it blindly: compare the account balance (AccountsListGet) with the balance before"
        }
        (Locale::En, "PartnersCreate") => {
            "Do not repeat it blindly: check whether the partner exists (PartnersGet by Id, or a login)"
        }
        (Locale::En, _) => "Do not repeat it blindly: first check whether the operation took effect",
    };
    match locale {
        Locale::Ru => format!("Операция могла выполниться, а могла и нет. {check}."),
        Locale::En => format!("The operation may or may not have happened. {check}."),
    }
}

fn cause_message(locale: Locale, error: &Error) -> String {
    let method = error.method.unwrap_or(match locale {
        Locale::Ru => "настройки клиента",
        Locale::En => "client options",
    });
    let server_text = error.result_text.as_deref().unwrap_or("").trim();
    let detail = error.detail.as_deref().unwrap_or("");

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
    match (locale, kind) {
        (_, ErrorKind::OutcomeUnknown) => String::new(),
        (_, ErrorKind::Validation) => {
            let fields: Vec<String> = error.problems.iter().map(|p| p.message(locale)).collect();
            match locale {
                Locale::Ru => format!("{method}: неверные параметры, запрос не отправлен. {}", fields.join("; ")),
                Locale::En => format!("{method}: invalid input, nothing was sent. {}", fields.join("; ")),
            }
        }
        (Locale::Ru, ErrorKind::Api | ErrorKind::Auth) => {
            let hint = match error.code {
                ErrorCode::ServiceLoginFailed => "проверьте login и пароль интеграционной учётной записи",
                ErrorCode::PartnerLoginFailed => "проверьте логин (или Id) и пароль контрагента",
                ErrorCode::TicketRejected => "Ticket отклонён и после повторного входа; проверьте учётную запись",
                ErrorCode::PartnerNotFound => "контрагент не найден; проверьте код или Id",
                ErrorCode::InsufficientFunds => "на счёте недостаточно средств",
                ErrorCode::EmailNotRegistered => "контрагент с таким e-mail не зарегистрирован",
                ErrorCode::RegistrationRejected => "OKsoft отклонил регистрацию",
                _ => "OKsoft вернул ошибку",
            };
            with_server_text(format!("{method}: {hint}"), server_text, error.result_number)
        }
        (Locale::En, ErrorKind::Api | ErrorKind::Auth) => {
            let hint = match error.code {
                ErrorCode::ServiceLoginFailed => "login rejected; check the integration account login and password",
                ErrorCode::PartnerLoginFailed => "partner login rejected; check the partner's login (or Id) and password",
                ErrorCode::TicketRejected => "ticket rejected even after logging in again; check the integration account",
                ErrorCode::PartnerNotFound => "partner not found; check the code or Id",
                ErrorCode::InsufficientFunds => "the account balance is too low",
                ErrorCode::EmailNotRegistered => "no partner is registered with this e-mail",
                ErrorCode::RegistrationRejected => "OKsoft rejected the registration",
                _ => "OKsoft returned an error",
            };
            with_server_text(format!("{method}: {hint}"), server_text, error.result_number)
        }
        (Locale::Ru, ErrorKind::Http) => {
            let status = error.status.unwrap_or(0);
            let hint = match status {
                429 => "сервер ограничил частоту запросов, повторите позже",
                500..=599 => "ошибка на стороне сервера, повторите позже",
                _ => "проверьте baseUrl и servicePath",
            };
            format!("{method}: сервер ответил HTTP {status}; {hint}")
        }
        (Locale::En, ErrorKind::Http) => {
            let status = error.status.unwrap_or(0);
            let hint = match status {
                429 => "the server is limiting the request rate; retry later",
                500..=599 => "the server failed; retry later",
                _ => "check baseUrl and servicePath",
            };
            format!("{method}: the server returned HTTP {status}; {hint}")
        }
        (Locale::Ru, ErrorKind::Network) => format!(
            "{method}: сетевая ошибка, ответ не получен ({detail}); проверьте адрес сервера и сеть"
        ),
        (Locale::En, ErrorKind::Network) => format!(
            "{method}: network error, no response ({detail}); check the server address and the network"
        ),
        (Locale::Ru, ErrorKind::Timeout) => {
            format!("{method}: нет ответа за {detail} мс; повторите позже или увеличьте timeoutMs")
        }
        (Locale::En, ErrorKind::Timeout) => {
            format!("{method}: no response within {detail} ms; retry later or raise timeoutMs")
        }
        (Locale::Ru, ErrorKind::Aborted) => format!("{method}: запрос отменён вызывающим кодом"),
        (Locale::En, ErrorKind::Aborted) => format!("{method}: the request was aborted by the caller"),
        (Locale::Ru, ErrorKind::Decode) => {
            let what = match error.code {
                ErrorCode::EmptyResponse => "пустой ответ",
                ErrorCode::XmlResponse => "ответ в XML вместо JSON (сервер не принял Format=json?)",
                ErrorCode::HtmlResponse => "HTML-страница вместо JSON (неверный адрес или ошибка сервера?)",
                ErrorCode::InvalidJson => "ответ не является корректным JSON",
                _ => "ответ неожиданной формы",
            };
            format!("{method}: {what}; {detail}")
        }
        (Locale::En, ErrorKind::Decode) => {
            let what = match error.code {
                ErrorCode::EmptyResponse => "empty response",
                ErrorCode::XmlResponse => "XML instead of JSON (did the server ignore Format=json?)",
                ErrorCode::HtmlResponse => "an HTML page instead of JSON (wrong address or a server error?)",
                ErrorCode::InvalidJson => "the response is not valid JSON",
                _ => "a response of unexpected shape",
            };
            format!("{method}: {what}; {detail}")
        }
    }
}

/// Maximum length of server text quoted in a message, in characters; `resultText`
/// keeps the whole text.
const MAX_SERVER_TEXT_CHARS: usize = 500;

fn with_server_text(lead: String, server_text: &str, result_number: Option<i64>) -> String {
    let mut chars = server_text.chars();
    let mut server_text: String = chars.by_ref().take(MAX_SERVER_TEXT_CHARS).collect();
    if chars.next().is_some() {
        server_text.push('…');
    }
    match (server_text.is_empty(), result_number) {
        (true, None) => lead,
        (true, Some(number)) => format!("{lead} (ResultNumber {number})"),
        (false, None) => format!("{lead}: «{server_text}»"),
        (false, Some(number)) => format!("{lead}: «{server_text}» (ResultNumber {number})"),
    }
}
