//! Prints, as JSON, messages as the package's JS receives them from the wasm, each with
//! its native rendering in both locales. It prints every template of messages.json with
//! sample args, then every error of a corpus that reaches every branch of `messages.rs`,
//! with the messages of its problems. The package tests render the same descriptions in
//! JS and compare.
//!
//! `cargo run --example message_renderings`

// `Message::render` needs the templates that only native builds compile in, and
// `wasm-pack test` also builds every example for wasm, so there `main` does nothing.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::print_renderings();
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use oksoft_client::protocol::error::{AmountProblem, DateProblem, Error, ErrorCode, Expected, FieldProblem, Problem};
    use oksoft_client::protocol::locale::Locale;
    use oksoft_client::protocol::messages::{Arg, Message, MessageId};

    pub fn print_renderings() {
        // The last arg looks like a placeholder, which must come out unchanged.
        let sample_args = || vec![Arg::from("first"), Arg::from("second"), Arg::from("{0}")];
        let templates: Vec<String> = MessageId::ALL.iter().map(|id| rendering(&Message::new(*id, sample_args()))).collect();

        let errors: Vec<String> = corpus()
            .iter()
            .map(|error| {
                let problems: Vec<String> = error.problems.iter().map(|problem| rendering(&problem.describe())).collect();
                format!("{{\"error\": {}, \"problems\": [{}]}}", rendering(&error.describe()), problems.join(", "))
            })
            .collect();

        println!("{{\n\"templates\": [\n{}\n],\n\"errors\": [\n{}\n]\n}}", templates.join(",\n"), errors.join(",\n"));
    }

    /// `{"description": [id, ...args], "ru": ..., "en": ...}` for one message.
    fn rendering(message: &Message) -> String {
        format!(
            "{{\"description\": {}, \"ru\": {}, \"en\": {}}}",
            description(message),
            json_string(&message.render(Locale::Ru)),
            json_string(&message.render(Locale::En))
        )
    }

    /// Writes the message as the wasm hands it to JS: `[id, ...args]`, nested messages as arrays.
    fn description(message: &Message) -> String {
        let mut items = vec![message.id.number().to_string()];
        for arg in &message.args {
            items.push(match arg {
                Arg::Text(text) => json_string(text),
                Arg::Message(nested) => description(nested),
            });
        }
        format!("[{}]", items.join(", "))
    }

    fn json_string(text: &str) -> String {
        let mut out = String::from("\"");
        for c in text.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    /// A value longer than the 60 characters messages quote.
    const LONG: &str = "0123456789012345678901234567890123456789012345678901234567890123456789";

    /// Returns every kind of field problem, with every expected type and every reason of a
    /// date or an amount.
    fn problems() -> Vec<Problem> {
        let mut all = vec![
            Problem::Missing,
            Problem::Unknown { suggestion: Some("email") },
            Problem::Unknown { suggestion: None },
            Problem::TooLong { max: 150, actual: 151 },
            Problem::NotInteger { value: "abc".into() },
            Problem::NotInteger { value: LONG.into() },
            Problem::InvalidEmail { value: "nope".into() },
            Problem::InvalidFlag { value: "yes".into() },
            Problem::NotOneOf { value: "de".into(), allowed: &["ru", "en"] },
            Problem::InvalidMd5 { length: 31 },
            Problem::InvalidUrl { value: "ftp://x".into() },
            Problem::InvalidPath { value: "api".into() },
            Problem::IncludesServicePath { value: "http://x/api/Service".into() },
            Problem::OutOfRange { value: "0".into(), min: 1.0, max: 600_000.0 },
            Problem::Unreadable,
            Problem::PasswordMismatch,
            Problem::MissingOneOf { fields: &["login", "id"] },
            Problem::ExactlyOneOf { fields: &["login", "id"] },
            Problem::NotInteger { value: "{1} {0} «ё»".into() },
        ];
        for expected in [
            Expected::Text,
            Expected::Integer,
            Expected::Number,
            Expected::Boolean,
            Expected::Date,
            Expected::TextOrNumber,
            Expected::Function,
            Expected::Object,
            Expected::AbortSignal,
        ] {
            all.push(Problem::WrongType { expected, found: "number" });
        }
        for reason in [DateProblem::Format, DateProblem::Impossible, DateProblem::OutOfRange] {
            all.push(Problem::InvalidDate { value: "31.02.2000".into(), reason });
        }
        for reason in [
            AmountProblem::NotANumber,
            AmountProblem::NotPositive,
            AmountProblem::TooPrecise,
            AmountProblem::TooLarge,
            AmountProblem::Grouped,
        ] {
            all.push(Problem::InvalidAmount { value: "1,000.001".into(), reason });
        }
        all
    }

    /// Returns errors of every kind and code: each problem alone with and without a method, a list
    /// of problems, OKsoft refusals with and without server text, and every failure sent,
    /// unsent and with an unknown outcome.
    fn corpus() -> Vec<Error> {
        let mut errors = Vec::new();
        for problem in problems() {
            errors.push(Error::validation(Some("PartnersCreate"), vec![FieldProblem::new("field", problem.clone())]));
            errors.push(Error::validation(None, vec![FieldProblem::new("field", problem)]));
        }
        errors.push(Error::validation(
            Some("PartnersGet"),
            vec![
                FieldProblem::new("partnersCode", Problem::NotInteger { value: "abc".into() }),
                FieldProblem::new("id", Problem::Missing),
                FieldProblem::new("bogus", Problem::Unknown { suggestion: None }),
            ],
        ));

        let long_text = "Ошибка ".repeat(100);
        for code in [
            ErrorCode::ServiceLoginFailed,
            ErrorCode::PartnerLoginFailed,
            ErrorCode::TicketRejected,
            ErrorCode::PartnerNotFound,
            ErrorCode::InsufficientFunds,
            ErrorCode::EmailNotRegistered,
            ErrorCode::RegistrationRejected,
            ErrorCode::ApiError,
        ] {
            errors.push(Error::api(code, "PartnersGet", Some(-1), Some("Контрагент не найден".into())));
            errors.push(Error::api(code, "PartnersGet", None, Some(" text ".into())));
            errors.push(Error::api(code, "PartnersGet", Some(-2), None));
            errors.push(Error::api(code, "PartnersGet", None, Some("  ".into())));
            errors.push(Error::api(code, "PartnersGet", Some(-3), Some(long_text.clone())));
        }

        let mut failures = Vec::new();
        for status in [404, 429, 500, 503] {
            failures.push(Error::http("FinInCome", status));
        }
        failures.push(Error::network("FinInCome", "TypeError: fetch failed (ECONNREFUSED)"));
        failures.push(Error::timeout("FinInCome", 2_500));
        failures.push(Error::aborted("FinInCome"));
        for code in [
            ErrorCode::EmptyResponse,
            ErrorCode::XmlResponse,
            ErrorCode::HtmlResponse,
            ErrorCode::InvalidJson,
            ErrorCode::UnexpectedResponse,
        ] {
            failures.push(Error::decode("FinInCome", code, "body: <html>"));
        }
        for failure in failures {
            errors.push(failure.clone());
            errors.push(failure.clone().nothing_sent());
            for method in ["FinInCome", "FinOutCome", "PartnersCreate", "PartnersGet"] {
                let mut unknown = failure.clone();
                unknown.method = Some(method);
                errors.push(unknown.outcome_unknown(vec![("Amount", "1.00".into())]));
            }
        }
        let mut without_method = Error::timeout("X", 10);
        without_method.method = None;
        errors.push(without_method);
        errors
    }
}
