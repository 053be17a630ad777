//! Validation of an operation's input and its conversion into wire parameters.
//!
//! Every problem is collected before anything is returned, so a caller sees all invalid
//! fields at once, and an operation with any problem is never sent.

use super::catalogue::{Operation, Param, ParamKind, Rule};
use super::dates::{check_date_range, parse_input_date, DateFormat};
use super::error::{AmountProblem, DateProblem, Error, Expected, FieldProblem, Problem};
use super::hashing::{is_md5_hex, md5_hex, normalize_md5_hex, HexCase};
use super::input::{Input, InputValue};
use super::money::Money;
use super::numbers::{format_number, parse_whole_number};

/// Largest code OKsoft stores: its codes are 32-bit signed integers.
const MAX_CODE: f64 = 2_147_483_647.0;

/// Wire formatting of values, set once per client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WireFormat {
    pub md5_case: HexCase,
    pub date_format: DateFormat,
}

/// Wire parameters in catalogue order, without `Ticket` and `Format`.
pub type WireParams = Vec<(&'static str, String)>;

/// Checks `input` against the operation's catalogue entry and returns its wire
/// parameters, or one validation error that lists every invalid field.
pub fn build_params(operation: Operation, input: &Input, format: &WireFormat) -> Result<WireParams, Error> {
    let spec = operation.spec();
    let mut problems = unknown_keys(input, spec.params);
    let mut given: Vec<(&'static Param, String)> = Vec::new();

    for param in spec.params {
        let value = input.get(param.js_name);
        if is_absent(value, param.kind) {
            let governed_by_rule = spec.rules.iter().any(|rule| rule_mentions(rule, param.js_name));
            if param.required && !governed_by_rule {
                problems.push(FieldProblem::new(param.js_name, Problem::Missing));
            }
            continue;
        }
        match convert_value(param.kind, value, format) {
            Ok(wire_value) => given.push((param, wire_value)),
            Err(problem) => problems.push(FieldProblem::new(param.js_name, problem)),
        }
    }

    for rule in spec.rules {
        apply_rule(rule, input, spec.params, &mut given, &mut problems);
    }

    if problems.is_empty() {
        Ok(given.into_iter().map(|(param, value)| (param.wire_name, value)).collect())
    } else {
        Err(Error::validation(Some(spec.wire_name), problems))
    }
}

/// Treats `undefined`, `null` and blank text as not given; a password of spaces counts.
pub fn is_absent(value: &InputValue, kind: ParamKind) -> bool {
    match value {
        InputValue::Absent => true,
        InputValue::Text(text) if kind == ParamKind::Password => text.is_empty(),
        InputValue::Text(text) => text.trim().is_empty(),
        _ => false,
    }
}

/// Whether `js_name` was given, judged by its own kind, so a password of spaces counts.
fn is_given(input: &Input, params: &[Param], js_name: &str) -> bool {
    let kind = params.iter().find(|param| param.js_name == js_name).map(|param| param.kind);
    !is_absent(input.get(js_name), kind.unwrap_or(ParamKind::Text(0)))
}

fn rule_mentions(rule: &Rule, js_name: &str) -> bool {
    match rule {
        Rule::ExactlyOne(fields) => fields.contains(&js_name),
        Rule::RequiredWhen { field, .. } => *field == js_name,
        Rule::AtMostOne(_) | Rule::Confirms { .. } => false,
    }
}

/// Reports keys the operation does not take, with the closest known name.
fn unknown_keys(input: &Input, params: &'static [Param]) -> Vec<FieldProblem> {
    input
        .keys()
        .filter(|key| !params.iter().any(|param| param.js_name == *key))
        .map(|key| FieldProblem::new(key, Problem::Unknown { suggestion: closest_name(key, params) }))
        .collect()
}

fn closest_name(key: &str, params: &'static [Param]) -> Option<&'static str> {
    let names: Vec<&'static str> = params.iter().map(|param| param.js_name).collect();
    closest_known_name(key, &names)
}

/// The known name nearest to a misspelt `key`, ignoring ASCII case: at most two edits
/// away, or one that starts with the key or the key with it (`maxRetry`, `baseURL`).
pub fn closest_known_name(key: &str, names: &[&'static str]) -> Option<&'static str> {
    let key = key.to_ascii_lowercase();
    names
        .iter()
        .map(|name| {
            let lower = name.to_ascii_lowercase();
            let distance = edit_distance(&key, &lower);
            let is_prefix = key.len() >= 4 && (lower.starts_with(&key) || key.starts_with(&lower));
            (if is_prefix { distance.min(2) } else { distance }, *name)
        })
        .filter(|(distance, _)| *distance <= 2)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, name)| name)
}

/// Levenshtein distance over characters.
fn edit_distance(left: &str, right: &str) -> usize {
    let right: Vec<char> = right.chars().collect();
    let mut previous: Vec<usize> = (0..=right.len()).collect();
    for (i, left_char) in left.chars().enumerate() {
        let mut current = Vec::with_capacity(right.len() + 1);
        current.push(i + 1);
        for ((right_char, diagonal), above) in right.iter().zip(&previous).zip(previous.iter().skip(1)) {
            let left_cell = current.last().copied().unwrap_or(0);
            let substitution = diagonal + usize::from(left_char != *right_char);
            current.push(substitution.min(above + 1).min(left_cell + 1));
        }
        previous = current;
    }
    previous.last().copied().unwrap_or(0)
}

/// Converts one given value into its wire text, or returns the problem with it.
pub fn convert_value(kind: ParamKind, value: &InputValue, format: &WireFormat) -> Result<String, Problem> {
    let wrong_type = |expected| Problem::WrongType { expected, found: value.type_name() };

    match kind {
        ParamKind::Text(max_chars) => {
            let text = match value {
                InputValue::Text(text) => text.clone(),
                InputValue::Number(number) if number.fract() == 0.0 && number.abs() <= MAX_CODE => {
                    format_number(*number)
                }
                _ => return Err(wrong_type(Expected::Text)),
            };
            check_length(&text, max_chars)?;
            Ok(text)
        }

        ParamKind::Email(max_chars) => {
            let InputValue::Text(text) = value else {
                return Err(wrong_type(Expected::Text));
            };
            let text = text.trim();
            check_length(text, max_chars)?;
            if is_email_shaped(text) {
                Ok(text.to_string())
            } else {
                Err(Problem::InvalidEmail { value: text.to_string() })
            }
        }

        ParamKind::Code => {
            let code = match value {
                InputValue::Number(number) => *number,
                InputValue::Text(text) => match parse_whole_number(text) {
                    Some(code) => code,
                    None => return Err(Problem::NotInteger { value: text.clone() }),
                },
                _ => return Err(wrong_type(Expected::Integer)),
            };
            if code.fract() == 0.0 && (1.0..=MAX_CODE).contains(&code) {
                Ok(format_number(code))
            } else {
                Err(Problem::NotInteger { value: format_number(code) })
            }
        }

        ParamKind::Flag => match value {
            InputValue::Bool(true) => Ok("Y".to_string()),
            InputValue::Bool(false) => Ok("N".to_string()),
            InputValue::Text(text) if text.trim().eq_ignore_ascii_case("y") => Ok("Y".to_string()),
            InputValue::Text(text) if text.trim().eq_ignore_ascii_case("n") => Ok("N".to_string()),
            InputValue::Text(text) => Err(Problem::InvalidFlag { value: text.clone() }),
            _ => Err(wrong_type(Expected::Boolean)),
        },

        ParamKind::Date => {
            let parsed = match value {
                InputValue::Date(Some(date)) => check_date_range(*date)
                    .map_err(|reason| (format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day()), reason)),
                InputValue::Date(None) => Err(("Invalid Date".to_string(), DateProblem::Impossible)),
                InputValue::Text(text) => parse_input_date(text).map_err(|reason| (text.clone(), reason)),
                _ => return Err(wrong_type(Expected::Date)),
            };
            parsed
                .map(|date| format.date_format.format(date))
                .map_err(|(value, reason)| Problem::InvalidDate { value, reason })
        }

        ParamKind::Amount => {
            let (shown, parsed) = match value {
                InputValue::Number(number) => (format_number(*number), Money::from_f64(*number)),
                InputValue::Text(text) => (text.clone(), Money::parse_input(text)),
                _ => return Err(wrong_type(Expected::TextOrNumber)),
            };
            parsed
                .and_then(Money::require_positive)
                .map(Money::to_decimal_string)
                .map_err(|reason: AmountProblem| Problem::InvalidAmount { value: shown, reason })
        }

        ParamKind::Choice(allowed) => {
            let InputValue::Text(text) = value else {
                return Err(wrong_type(Expected::Text));
            };
            allowed
                .iter()
                .find(|choice| choice.eq_ignore_ascii_case(text.trim()))
                .map(|choice| choice.to_string())
                .ok_or_else(|| Problem::NotOneOf { value: text.clone(), allowed })
        }

        ParamKind::Password => match value {
            InputValue::Text(text) => Ok(md5_hex(text, format.md5_case)),
            _ => Err(wrong_type(Expected::Text)),
        },

        ParamKind::PasswordMd5 => match value {
            InputValue::Text(text) if is_md5_hex(text.trim()) => Ok(normalize_md5_hex(text.trim(), format.md5_case)),
            InputValue::Text(text) => Err(Problem::InvalidMd5 { length: text.chars().count() }),
            _ => Err(wrong_type(Expected::Text)),
        },
    }
}

fn check_length(text: &str, max_chars: usize) -> Result<(), Problem> {
    let actual = text.chars().count();
    if actual > max_chars {
        Err(Problem::TooLong { max: max_chars, actual })
    } else {
        Ok(())
    }
}

/// A plain shape check, `local@domain.tld`, without spaces; OKsoft decides the rest.
pub fn is_email_shaped(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let labels_ok = domain.split('.').count() >= 2 && domain.split('.').all(|label| !label.is_empty());
    !local.is_empty()
        && labels_ok
        && !text.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';' | '"'))
        && !domain.contains('@')
}

fn apply_rule(
    rule: &Rule,
    input: &Input,
    params: &'static [Param],
    given: &mut Vec<(&'static Param, String)>,
    problems: &mut Vec<FieldProblem>,
) {
    match *rule {
        Rule::ExactlyOne(fields) => {
            let count = fields.iter().filter(|field| is_given(input, params, field)).count();
            let first_given = fields.iter().find(|field| is_given(input, params, field));
            let (field, problem) = match (count, first_given) {
                (1, _) => return,
                (0, _) => (fields.first().copied(), Problem::MissingOneOf { fields }),
                (_, given_field) => (given_field.copied(), Problem::ExactlyOneOf { fields }),
            };
            problems.push(FieldProblem::new(field.unwrap_or_default(), problem));
        }

        Rule::AtMostOne(fields) => {
            if fields.iter().filter(|field| is_given(input, params, field)).count() > 1 {
                let field = fields.first().copied().unwrap_or_default();
                problems.push(FieldProblem::new(field, Problem::ExactlyOneOf { fields }));
            }
        }

        Rule::RequiredWhen { field, other, equals } => {
            let other_value = given.iter().find(|(param, _)| param.js_name == other).map(|(_, value)| value.as_str());
            if other_value == Some(equals) && !is_given(input, params, field) {
                problems.push(FieldProblem::new(field, Problem::Missing));
            }
        }

        Rule::Confirms { wire_name, confirmation } => {
            let value_of = |name: &str| given.iter().find(|(param, _)| param.wire_name == name).map(|(_, v)| v.clone());
            let confirmation_field: &'static str = given
                .iter()
                .find(|(param, _)| param.wire_name == confirmation)
                .map(|(param, _)| param.js_name)
                .unwrap_or("confirmPassword");

            match (value_of(wire_name), value_of(confirmation)) {
                (Some(password), None) => {
                    if let Some(param) = params.iter().find(|param| param.wire_name == confirmation) {
                        given.push((param, password));
                    }
                }
                (None, Some(_)) => {
                    let password_field = if confirmation_field.ends_with("Md5") { "passwordMd5" } else { "password" };
                    problems.push(FieldProblem::new(password_field, Problem::Missing));
                }
                (Some(password), Some(confirmed)) if password != confirmed => {
                    problems.push(FieldProblem::new(confirmation_field, Problem::PasswordMismatch));
                }
                _ => {}
            }
        }
    }
}
