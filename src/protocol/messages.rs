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

/// Fills `{0}`, `{1}` and `{2}` in `template` with `args`. Templates with placeholders
/// compile to far less wasm than one `format!` per message and language.
fn fill(template: &str, args: [&str; 3]) -> String {
    let mut message = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some((before, placeholder)) = rest.find('{').and_then(|open| rest.split_at_checked(open)) {
        message.push_str(before);
        let arg = match placeholder.as_bytes().get(..3) {
            Some([b'{', digit @ b'0'..=b'2', b'}']) => args.get(usize::from(digit - b'0')),
            _ => None,
        };
        match arg {
            Some(arg) => {
                message.push_str(arg);
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

/// Returns the message for one invalid field. In the templates `{0}` is the field, `{1}`
/// the caller's value (quoted) or a limit, `{2}` another limit or the allowed values.
pub fn field_problem(locale: Locale, field: &str, problem: &Problem) -> String {
    let ru = locale == Locale::Ru;
    let pick = |ru_text: &'static str, en_text: &'static str| if ru { ru_text } else { en_text };
    let none = String::new;

    let (template, first, second) = match problem {
        Problem::Missing => (pick("{0}: обязательное поле не заполнено", "{0}: required field is missing"), none(), none()),
        Problem::Unknown { suggestion: Some(known) } => (
            pick("{0}: неизвестный параметр; возможно, имелся в виду {1}", "{0}: unknown option; did you mean {1}?"),
            known.to_string(),
            none(),
        ),
        Problem::Unknown { suggestion: None } => (
            pick("{0}: неизвестный параметр; уберите его или проверьте написание", "{0}: unknown option; remove it or check the spelling"),
            none(),
            none(),
        ),
        Problem::WrongType { expected, found } => (
            pick("{0}: ожидается {1}, передано значение типа {2}", "{0}: expected {1}, got a value of type {2}"),
            expected_name(locale, *expected).to_string(),
            found.to_string(),
        ),
        Problem::TooLong { max, actual } => (
            pick("{0}: не длиннее {1} символов, сейчас {2}", "{0}: at most {1} characters allowed, got {2}"),
            max.to_string(),
            actual.to_string(),
        ),
        Problem::NotInteger { value } => (
            pick("{0}: ожидается целое положительное число, передано {1}", "{0}: expected a positive integer, got {1}"),
            quote(value),
            none(),
        ),
        Problem::InvalidEmail { value } => (
            pick("{0}: {1} не похоже на адрес электронной почты (имя@домен)", "{0}: {1} is not an e-mail address (name@domain)"),
            quote(value),
            none(),
        ),
        Problem::InvalidFlag { value } => (
            pick("{0}: допустимы Y, N, true или false, передано {1}", "{0}: expected Y, N, true or false, got {1}"),
            quote(value),
            none(),
        ),
        Problem::InvalidDate { value, reason } => {
            let template = match reason {
                DateProblem::Format => pick(
                    "{0}: {1} не дата; передайте Date, ГГГГ-ММ-ДД или ДД.ММ.ГГГГ",
                    "{0}: {1} is not a date; pass a Date, YYYY-MM-DD or DD.MM.YYYY",
                ),
                DateProblem::Impossible => pick("{0}: дата {1} не существует", "{0}: the date {1} does not exist"),
                DateProblem::OutOfRange => pick(
                    "{0}: год даты {1} должен быть от 1900 до 2100",
                    "{0}: the year of {1} must be between 1900 and 2100",
                ),
            };
            (template, quote(value), none())
        }
        Problem::InvalidAmount { value, reason } => {
            let template = match reason {
                AmountProblem::NotANumber => pick(
                    "{0}: {1} не сумма; передайте число или строку вида \"1234.50\"",
                    "{0}: {1} is not an amount; pass a number or a string like \"1234.50\"",
                ),
                AmountProblem::NotPositive => pick(
                    "{0}: сумма должна быть больше нуля, передано {1}",
                    "{0}: the amount must be greater than zero, got {1}",
                ),
                AmountProblem::TooPrecise => pick(
                    "{0}: не больше двух знаков после точки (копейки), передано {1}",
                    "{0}: at most two digits after the decimal point, got {1}",
                ),
                AmountProblem::TooLarge => pick("{0}: сумма {1} слишком велика", "{0}: the amount {1} is too large"),
                AmountProblem::Grouped => pick(
                    "{0}: в сумме {1} есть разделитель разрядов; передайте её без него, например \"1000.00\"",
                    "{0}: the amount {1} has a thousands separator; write it without one, like \"1000.00\"",
                ),
            };
            (template, quote(value), none())
        }
        Problem::NotOneOf { value, allowed } => (
            pick("{0}: допустимые значения: {2}; передано {1}", "{0}: expected one of {2}, got {1}"),
            quote(value),
            allowed.join(", "),
        ),
        Problem::InvalidMd5 { length } => (
            pick(
                "{0}: MD5 — это ровно 32 шестнадцатеричные цифры (0–9, A–F); передано {1} символов, не все из них допустимы",
                "{0}: an MD5 hash is exactly 32 hexadecimal digits (0-9, A-F); got {1} characters, not all of them valid",
            ),
            length.to_string(),
            none(),
        ),
        Problem::InvalidUrl { value } => (
            pick(
                "{0}: {1} не подходит; нужен адрес http(s) без ?, # и пароля, например https://shop.example.ru",
                "{0}: {1} is not usable; expected an http(s) URL without ?, # or credentials, such as https://shop.example.ru",
            ),
            quote(value),
            none(),
        ),
        Problem::InvalidPath { value } => (
            pick(
                "{0}: {1} не подходит; путь должен начинаться с / и не содержать ?, # и пробелов, например /api/Service",
                "{0}: {1} is not usable; a path starts with / and has no ?, # or spaces, such as /api/Service",
            ),
            quote(value),
            none(),
        ),
        Problem::IncludesServicePath { value } => (
            pick(
                "{0}: {1} уже содержит путь сервиса; оставьте в baseUrl только адрес сайта, а путь укажите в servicePath",
                "{0}: {1} already includes the service path; keep only the site address in baseUrl and set servicePath",
            ),
            quote(value),
            none(),
        ),
        Problem::OutOfRange { value, min, max } => {
            let limits = [format_number(*min), format_number(*max)].join(pick(" до ", " to "));
            (
                pick("{0}: допустимо целое число от {2}, передано {1}", "{0}: expected a whole number from {2}, got {1}"),
                quote(value),
                limits,
            )
        }
        Problem::Unreadable => (
            pick(
                "{0}: значение не удалось прочитать, геттер или Proxy выбросил исключение; передайте обычное значение",
                "{0}: reading the value threw (a getter or Proxy trap); pass a plain value",
            ),
            none(),
            none(),
        ),
        Problem::PasswordMismatch => (
            pick("{0}: пароль и подтверждение пароля не совпадают", "{0}: password and confirmation differ"),
            none(),
            none(),
        ),
        Problem::MissingOneOf { fields } => (
            pick("{0}: обязательно одно из полей {1}", "{0}: one of {1} is required"),
            fields.join(", "),
            none(),
        ),
        Problem::ExactlyOneOf { fields } => (
            pick("{0}: передайте только одно из полей {1}", "{0}: pass only one of {1}"),
            fields.join(", "),
            none(),
        ),
    };
    fill(template, [field, &first, &second])
}

/// Returns the whole message of an error in `locale`: what failed, then for calls whose
/// effect is unknown how to check it, or for unsent calls that repeating is safe.
pub fn error_message(locale: Locale, error: &Error) -> String {
    let ru = locale == Locale::Ru;
    let pick = |ru_text: &'static str, en_text: &'static str| if ru { ru_text } else { en_text };
    let cause = cause_message(locale, error);

    if error.kind == ErrorKind::OutcomeUnknown {
        let check = match error.method.unwrap_or("") {
            "FinInCome" | "FinOutCome" => pick(
                "Не повторяйте вслепую: сравните остаток счёта (AccountsListGet) с остатком до операции",
                "Do not repeat it blindly: compare the account balance (AccountsListGet) with the balance before",
            ),
            "PartnersCreate" => pick(
                "Не повторяйте вслепую: проверьте, появился ли контрагент (PartnersGet по Id или вход по логину)",
                "Do not repeat it blindly: check whether the partner exists (PartnersGet by Id, or a login)",
            ),
            _ => pick(
                "Не повторяйте вслепую: сначала проверьте, выполнилась ли операция",
                "Do not repeat it blindly: first check whether the operation took effect",
            ),
        };
        let template = pick("{0}. Операция могла выполниться, а могла и нет. {1}.", "{0}. The operation may or may not have happened. {1}.");
        return fill(template, [&cause, check, ""]);
    }
    if error.not_sent && error.kind != ErrorKind::Validation {
        let template = pick("{0}. Сервер не выполнял запрос, его можно повторить.", "{0}. The server did not run the request, so it is safe to repeat.");
        return fill(template, [&cause, "", ""]);
    }
    cause
}

/// Returns what failed. In the templates `{0}` is the method, `{1}` the detail or status,
/// and `{2}` a hint.
fn cause_message(locale: Locale, error: &Error) -> String {
    let ru = locale == Locale::Ru;
    let pick = |ru_text: &'static str, en_text: &'static str| if ru { ru_text } else { en_text };
    let method = error.method.unwrap_or(pick("настройки клиента", "client options"));
    let detail = error.detail.as_deref().unwrap_or("");

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
        ErrorKind::Validation => {
            let fields: Vec<String> = error.problems.iter().map(|problem| problem.message(locale)).collect();
            let template = pick("{0}: неверные параметры, запрос не отправлен. {1}", "{0}: invalid input, nothing was sent. {1}");
            fill(template, [method, &fields.join("; "), ""])
        }
        ErrorKind::Api | ErrorKind::Auth => {
            let hint = match error.code {
                ErrorCode::ServiceLoginFailed => pick(
                    "проверьте login и пароль интеграционной учётной записи",
                    "login rejected; check the integration account login and password",
                ),
                ErrorCode::PartnerLoginFailed => pick(
                    "проверьте логин (или Id) и пароль контрагента",
                    "partner login rejected; check the partner's login (or Id) and password",
                ),
                ErrorCode::TicketRejected => pick(
                    "Ticket отклонён и после повторного входа; проверьте учётную запись",
                    "ticket rejected even after logging in again; check the integration account",
                ),
                ErrorCode::PartnerNotFound => pick("контрагент не найден; проверьте код или Id", "partner not found; check the code or Id"),
                ErrorCode::InsufficientFunds => pick("на счёте недостаточно средств", "the account balance is too low"),
                ErrorCode::EmailNotRegistered => pick(
                    "контрагент с таким e-mail не зарегистрирован",
                    "no partner is registered with this e-mail",
                ),
                ErrorCode::RegistrationRejected => pick("OKsoft отклонил регистрацию", "OKsoft rejected the registration"),
                _ => pick("OKsoft вернул ошибку", "OKsoft returned an error"),
            };
            let server_text = error.result_text.as_deref().unwrap_or("").trim();
            with_server_text(fill("{0}: {1}", [method, hint, ""]), server_text, error.result_number)
        }
        ErrorKind::Http => {
            let status = error.status.unwrap_or(0);
            let hint = match status {
                429 => pick("сервер ограничил частоту запросов, повторите позже", "the server is limiting the request rate; retry later"),
                500..=599 if outcome_unknown => pick("ошибка на стороне сервера", "the server failed"),
                500..=599 => pick("ошибка на стороне сервера, повторите позже", "the server failed; retry later"),
                _ => pick("проверьте baseUrl и servicePath", "check baseUrl and servicePath"),
            };
            let template = pick("{0}: сервер ответил HTTP {1}; {2}", "{0}: the server returned HTTP {1}; {2}");
            fill(template, [method, &status.to_string(), hint])
        }
        ErrorKind::Network => {
            let template = pick(
                "{0}: сетевая ошибка, ответ не получен ({1}); проверьте адрес сервера и сеть",
                "{0}: network error, no response ({1}); check the server address and the network",
            );
            fill(template, [method, detail, ""])
        }
        ErrorKind::Timeout => {
            let template = if outcome_unknown {
                pick("{0}: нет ответа за {1} мс", "{0}: no response within {1} ms")
            } else {
                pick(
                    "{0}: нет ответа за {1} мс; повторите позже или увеличьте timeoutMs",
                    "{0}: no response within {1} ms; retry later or raise timeoutMs",
                )
            };
            fill(template, [method, detail, ""])
        }
        ErrorKind::Aborted => {
            fill(pick("{0}: запрос отменён вызывающим кодом", "{0}: the request was aborted by the caller"), [method, "", ""])
        }
        ErrorKind::Decode | ErrorKind::OutcomeUnknown => {
            let what = match error.code {
                ErrorCode::EmptyResponse => pick("пустой ответ", "empty response"),
                ErrorCode::XmlResponse => pick(
                    "ответ в XML вместо JSON (JSON сервер шлёт только на запросы с Format=json; проверьте sendFormatJson)",
                    "XML instead of JSON (the server sends JSON only for requests with Format=json; check sendFormatJson)",
                ),
                ErrorCode::HtmlResponse => pick(
                    "HTML-страница вместо JSON (неверный адрес или ошибка сервера?)",
                    "an HTML page instead of JSON (wrong address or a server error?)",
                ),
                ErrorCode::InvalidJson => pick("ответ не является корректным JSON", "the response is not valid JSON"),
                _ => pick("ответ неожиданной формы", "a response of unexpected shape"),
            };
            fill("{0}: {1}; {2}", [method, what, detail])
        }
    }
}

/// Maximum length of server text quoted in a message, in characters; `resultText`
/// keeps the whole text.
const MAX_SERVER_TEXT_CHARS: usize = 500;

fn with_server_text(lead: String, server_text: &str, result_number: Option<i64>) -> String {
    let mut chars = server_text.chars();
    let mut quoted: String = chars.by_ref().take(MAX_SERVER_TEXT_CHARS).collect();
    if chars.next().is_some() {
        quoted.push('…');
    }
    let number = result_number.map(|number| number.to_string()).unwrap_or_default();
    let template = match (quoted.is_empty(), result_number.is_some()) {
        (true, false) => "{0}",
        (true, true) => "{0} (ResultNumber {2})",
        (false, false) => "{0}: «{1}»",
        (false, true) => "{0}: «{1}» (ResultNumber {2})",
    };
    fill(template, [&lead, &quoted, &number])
}
