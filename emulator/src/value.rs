//! Response documents: JSON-shaped values that keep key order and exact money amounts.
//!
//! A small type of our own instead of `serde_json::Value`, because the answers must list
//! keys in the order of the vendor guide's examples and print money exactly. serde_json
//! does both only with the `preserve_order` and `arbitrary_precision` features, which
//! would leak into every crate of the workspace through feature unification.

use crate::money::Money;

/// A response document that renders to JSON here and to XML in `xml.rs`.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Integer(i64),
    /// An amount written as a JSON number with at most two decimals.
    Money(Money),
    Text(String),
    List(Vec<Value>),
    /// Keys in the order they are written out.
    Object(Vec<(String, Value)>),
}

/// Builds a [`Value::Object`] from `"Key": value` pairs, converting each value with `Value::from`.
macro_rules! object {
    ($($key:literal : $value:expr),* $(,)?) => {
        $crate::value::Value::Object(vec![
            $(($key.to_string(), $crate::value::Value::from($value)),)*
        ])
    };
}
pub(crate) use object;

impl Value {
    /// Returns the value stored under `key` when this is an object that has it.
    pub fn field(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(fields) => fields
                .iter()
                .find(|(name, _)| name == key)
                .map(|(_, value)| value),
            _ => None,
        }
    }

    pub fn to_json(&self) -> String {
        let mut output = String::new();
        self.write_json(&mut output);
        output
    }

    fn write_json(&self, output: &mut String) {
        match self {
            Value::Null => output.push_str("null"),
            Value::Bool(flag) => output.push_str(if *flag { "true" } else { "false" }),
            Value::Integer(number) => output.push_str(&number.to_string()),
            Value::Money(amount) => output.push_str(&amount.to_json_number()),
            Value::Text(text) => write_json_string(text, output),
            Value::List(items) => {
                output.push('[');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        output.push(',');
                    }
                    item.write_json(output);
                }
                output.push(']');
            }
            Value::Object(fields) => {
                output.push('{');
                for (index, (key, value)) in fields.iter().enumerate() {
                    if index > 0 {
                        output.push(',');
                    }
                    write_json_string(key, output);
                    output.push(':');
                    value.write_json(output);
                }
                output.push('}');
            }
        }
    }
}

/// Writes `text` as a JSON string literal, escaping what RFC 8259 requires.
fn write_json_string(text: &str, output: &mut String) {
    output.push('"');
    for character in text.chars() {
        match character {
            '"' => output.push_str("\\\""),
            '\\' => output.push_str("\\\\"),
            '\n' => output.push_str("\\n"),
            '\r' => output.push_str("\\r"),
            '\t' => output.push_str("\\t"),
            control if u32::from(control) < 0x20 => {
                output.push_str(&format!("\\u{:04x}", u32::from(control)));
            }
            other => output.push(other),
        }
    }
    output.push('"');
}

impl From<bool> for Value {
    fn from(flag: bool) -> Value {
        Value::Bool(flag)
    }
}

impl From<i64> for Value {
    fn from(number: i64) -> Value {
        Value::Integer(number)
    }
}

impl From<Money> for Value {
    fn from(amount: Money) -> Value {
        Value::Money(amount)
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::Text(text.to_string())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Value {
        Value::Text(text)
    }
}

impl From<&String> for Value {
    fn from(text: &String) -> Value {
        Value::Text(text.clone())
    }
}

impl From<Vec<Value>> for Value {
    fn from(items: Vec<Value>) -> Value {
        Value::List(items)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(option: Option<T>) -> Value {
        option.map_or(Value::Null, Into::into)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_keeps_key_order() {
        let document = object! {
            "ResultNumber": 1_i64,
            "ResultText": "OK",
            "Ticket": Option::<String>::None,
        };
        assert_eq!(
            document.to_json(),
            r#"{"ResultNumber":1,"ResultText":"OK","Ticket":null}"#
        );
    }

    #[test]
    fn money_is_a_json_number() {
        let document = object! { "Stock": Money::from_minor_units(123_450) };
        assert_eq!(document.to_json(), r#"{"Stock":1234.5}"#);
    }

    #[test]
    fn strings_are_escaped() {
        let text = Value::from("кавычка \" слеш \\ строка\nтаб\t\u{1}");
        assert_eq!(
            text.to_json(),
            r#""кавычка \" слеш \\ строка\nтаб\t\u0001""#
        );
    }

    #[test]
    fn empty_collections() {
        assert_eq!(Value::List(Vec::new()).to_json(), "[]");
        assert_eq!(Value::Object(Vec::new()).to_json(), "{}");
    }
}
