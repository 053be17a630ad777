//! Caller input in the protocol layer, independent of JS.
//!
//! The JS facade turns an options object into an `Input` shallowly, so every rule about
//! what a field may contain lives in Rust and is tested natively.

use super::dates::CalendarDate;

/// One option value, reduced to what validation needs to know about it.
#[derive(Debug, Clone, PartialEq)]
pub enum InputValue {
    /// `undefined` or `null`: treated as not given.
    Absent,
    Bool(bool),
    Number(f64),
    Text(String),
    /// A JS `Date`; `None` when it is an invalid date (`new Date("x")`).
    Date(Option<CalendarDate>),
    /// Any other JS type, by its `typeof` name (`"object"`, `"function"`, …).
    Other(&'static str),
}

impl InputValue {
    /// The JS type name used in "got a value of type …" messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            InputValue::Absent => "undefined",
            InputValue::Bool(_) => "boolean",
            InputValue::Number(_) => "number",
            InputValue::Text(_) => "string",
            InputValue::Date(_) => "Date",
            InputValue::Other(name) => name,
        }
    }
}

/// An options object: its own keys with their values, in the caller's order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Input {
    entries: Vec<(String, InputValue)>,
}

impl Input {
    /// An empty options object.
    pub fn new() -> Input {
        Input::default()
    }

    /// Adds a key; a repeated key replaces the earlier value, as in a JS object.
    pub fn set(&mut self, key: impl Into<String>, value: InputValue) {
        let key = key.into();
        match self.entries.iter_mut().find(|(existing, _)| *existing == key) {
            Some(entry) => entry.1 = value,
            None => self.entries.push((key, value)),
        }
    }

    /// Builder form of `set`, for tests and native callers.
    pub fn with(mut self, key: impl Into<String>, value: InputValue) -> Input {
        self.set(key, value);
        self
    }

    /// The value under `key`, or `Absent`.
    pub fn get(&self, key: &str) -> &InputValue {
        self.entries
            .iter()
            .find(|(existing, _)| existing == key)
            .map(|(_, value)| value)
            .unwrap_or(&InputValue::Absent)
    }

    /// All keys in the caller's order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(key, _)| key.as_str())
    }
}

/// Shorthand for a text value.
pub fn text(value: &str) -> InputValue {
    InputValue::Text(value.to_string())
}

/// Shorthand for a number value.
pub fn number(value: f64) -> InputValue {
    InputValue::Number(value)
}
