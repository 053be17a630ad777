//! XML rendering of response documents, for requests that do not ask for `Format=json`.
//!
//! OKsoft runs on .NET WCF, which returns XML unless JSON is requested. The emulator
//! writes a WCF-like shape: the root element is `{Operation}Result` in the
//! `http://tempuri.org/` namespace, object keys become child elements, list items become
//! `<Item>` elements, and null becomes an empty element with `i:nil="true"`.

use crate::value::Value;

const SERVICE_NAMESPACE: &str = "http://tempuri.org/";
const INSTANCE_NAMESPACE: &str = "http://www.w3.org/2001/XMLSchema-instance";
const LIST_ITEM_ELEMENT: &str = "Item";

/// Renders `document` as the XML response body of `operation_name`.
pub fn render(operation_name: &str, document: &Value) -> String {
    let root = format!("{operation_name}Result");
    let attributes = format!(r#" xmlns="{SERVICE_NAMESPACE}" xmlns:i="{INSTANCE_NAMESPACE}""#);
    let mut output = String::new();
    write_element(&root, &attributes, document, &mut output);
    output
}

fn write_element(name: &str, attributes: &str, value: &Value, output: &mut String) {
    if let Value::Null = value {
        output.push_str(&format!(r#"<{name}{attributes} i:nil="true"/>"#));
        return;
    }

    output.push_str(&format!("<{name}{attributes}>"));
    match value {
        Value::Null => {}
        Value::Bool(flag) => output.push_str(if *flag { "true" } else { "false" }),
        Value::Integer(number) => output.push_str(&number.to_string()),
        Value::Money(amount) => output.push_str(&amount.to_json_number()),
        Value::Text(text) => write_escaped_text(text, output),
        Value::List(items) => {
            for item in items {
                write_element(LIST_ITEM_ELEMENT, "", item, output);
            }
        }
        Value::Object(fields) => {
            for (key, field) in fields {
                write_element(key, "", field, output);
            }
        }
    }
    output.push_str(&format!("</{name}>"));
}

/// Escapes markup characters and replaces characters that XML 1.0 forbids
/// (most C0 controls) with U+FFFD, so that any stored text yields a well-formed document.
fn write_escaped_text(text: &str, output: &mut String) {
    for character in text.chars() {
        match character {
            '&' => output.push_str("&amp;"),
            '<' => output.push_str("&lt;"),
            '>' => output.push_str("&gt;"),
            '"' => output.push_str("&quot;"),
            '\'' => output.push_str("&apos;"),
            '\t' | '\n' | '\r' => output.push(character),
            control if u32::from(control) < 0x20 => output.push('\u{FFFD}'),
            '\u{FFFE}' | '\u{FFFF}' => output.push('\u{FFFD}'),
            other => output.push(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::object;

    #[test]
    fn object_becomes_child_elements() {
        let document = object! {
            "ResultNumber": 1_i64,
            "ResultText": "OK",
            "Ticket": Option::<String>::None,
        };
        assert_eq!(
            render("UsersLogin", &document),
            concat!(
                r#"<UsersLoginResult xmlns="http://tempuri.org/" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">"#,
                "<ResultNumber>1</ResultNumber><ResultText>OK</ResultText>",
                r#"<Ticket i:nil="true"/></UsersLoginResult>"#
            )
        );
    }

    #[test]
    fn list_items_become_item_elements() {
        let document = Value::List(vec![object! { "Code": 13_i64, "Name": "Россия" }]);
        let xml = render("CountriesListGet", &document);
        assert!(
            xml.contains("<Item><Code>13</Code><Name>Россия</Name></Item>"),
            "{xml}"
        );
    }

    #[test]
    fn text_is_escaped() {
        let document = object! { "Info": "a<b & \"c\" 'd'\u{1}" };
        let xml = render("PartnersGet", &document);
        assert!(
            xml.contains("<Info>a&lt;b &amp; &quot;c&quot; &apos;d&apos;\u{FFFD}</Info>"),
            "{xml}"
        );
    }
}
