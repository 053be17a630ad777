//! Response bodies: an operation's reply as JSON or XML, ready for fault changes.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::operations::{Operation, Reply};
use crate::value::Value;
use crate::xml;

/// The kind of a rendered body, which decides its Content-Type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyFormat {
    Json,
    Xml,
    /// No body and no Content-Type, as PartnersGet sends for an unknown external Id.
    Empty,
}

/// A reply rendered to bytes, before it becomes a response.
pub struct RenderedBody {
    pub format: BodyFormat,
    pub bytes: Vec<u8>,
}

impl RenderedBody {
    /// Builds a 200 response. axum sets `Content-Length` from the bytes.
    pub fn into_response(self) -> Response {
        let content_type = match self.format {
            BodyFormat::Json => "application/json; charset=utf-8",
            BodyFormat::Xml => "application/xml; charset=utf-8",
            BodyFormat::Empty => return (StatusCode::OK, self.bytes).into_response(),
        };
        ([(header::CONTENT_TYPE, content_type)], self.bytes).into_response()
    }
}

/// Renders a reply as JSON when the request has `Format=json`, otherwise as XML.
/// An empty reply stays an empty body in both cases.
pub fn render(operation: Operation, reply: Reply, wants_json: bool) -> RenderedBody {
    let document = match reply {
        Reply::Empty => {
            return RenderedBody {
                format: BodyFormat::Empty,
                bytes: Vec::new(),
            };
        }
        Reply::Document(document) => document,
    };
    if wants_json {
        RenderedBody {
            format: BodyFormat::Json,
            bytes: document.to_json().into_bytes(),
        }
    } else {
        RenderedBody {
            format: BodyFormat::Xml,
            bytes: xml::render(operation.name(), &document).into_bytes(),
        }
    }
}

/// Describes a reply for the log line: its `ResultNumber`, the length of a list or an
/// empty body.
pub fn describe(reply: &Reply) -> String {
    match reply {
        Reply::Empty => "empty body".to_string(),
        Reply::Document(Value::List(items)) => format!("list of {}", items.len()),
        Reply::Document(document) => match document.field("ResultNumber") {
            Some(Value::Integer(number)) => format!("ResultNumber {number}"),
            _ => "object".to_string(),
        },
    }
}
