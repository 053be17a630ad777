//! Responses that faults send in place of the operation's response, and the changes that
//! `bom`, `wrap` and `truncate` make to the operation's body.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes, HttpBody};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use http_body::Frame;

use super::{FaultSpec, Wrap};
use crate::operations::Operation;
use crate::render::{BodyFormat, RenderedBody};

const HTML_CONTENT_TYPE: &str = "text/html; charset=utf-8";
const UTF8_BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];

/// Returns `status` with a small HTML error page, as a gateway in front of the service
/// sends when the service is down or slow.
pub fn server_error(status: StatusCode) -> Response {
    let title = format!(
        "{} {}",
        status.as_u16(),
        status.canonical_reason().unwrap_or("Server Error")
    );
    let page = format!(
        "<!DOCTYPE html>\n<html><head><title>{title}</title></head>\n<body><h1>{title}</h1>\
         <p>The OKsoft emulator sent this error because a fault asked for it.</p></body></html>\n"
    );
    (status, [(header::CONTENT_TYPE, HTML_CONTENT_TYPE)], page).into_response()
}

/// Returns 429 with `Retry-After` in seconds, and a JSON body when the request has
/// `Format=json`, otherwise an HTML page.
pub fn rate_limited(retry_after_seconds: u32, wants_json: bool) -> Response {
    let mut response = if wants_json {
        let body = format!(
            "{{\"error\":\"Too Many Requests\",\"retryAfterSeconds\":{retry_after_seconds}}}"
        );
        let content_type = [(header::CONTENT_TYPE, "application/json; charset=utf-8")];
        (StatusCode::TOO_MANY_REQUESTS, content_type, body).into_response()
    } else {
        let page = format!(
            "<!DOCTYPE html>\n<html><head><title>429 Too Many Requests</title></head>\n\
             <body><h1>429 Too Many Requests</h1><p>Retry after {retry_after_seconds} seconds.</p></body></html>\n"
        );
        let content_type = [(header::CONTENT_TYPE, HTML_CONTENT_TYPE)];
        (StatusCode::TOO_MANY_REQUESTS, content_type, page).into_response()
    };
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_seconds));
    response
}

/// Returns 200 with an HTML page in place of JSON, as a login portal or a misrouted
/// proxy sends.
pub fn html_page() -> Response {
    let page = "<!DOCTYPE html>\n<html><head><title>Service</title></head>\n\
                <body><h1>Service</h1><p>This is an HTML page where the client expects JSON. \
                The OKsoft emulator sent it because a fault asked for it.</p></body></html>\n";
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, HTML_CONTENT_TYPE)],
        page,
    )
        .into_response()
}

/// Returns 200 with an empty body and no Content-Type.
pub fn empty() -> Response {
    StatusCode::OK.into_response()
}

/// Returns a response that makes hyper close the connection without sending anything.
///
/// hyper 1.x on HTTP/1 writes the status line and headers into its write buffer and
/// polls the body before it flushes. A body that fails at its first poll ends the
/// connection task with an error, the buffered head is discarded and the socket is
/// closed. The client sees the connection end (a FIN, or a RST when request bytes are
/// still unread) with no response bytes. This works with `axum::serve` and any other
/// hyper server, unlike closing the socket directly, which would need a custom listener.
pub fn connection_drop() -> Response {
    Response::new(Body::new(FailingBody))
}

/// A response body that fails at its first poll; see [`connection_drop`].
struct FailingBody;

impl HttpBody for FailingBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        _context: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        Poll::Ready(Some(Err(io::Error::new(
            io::ErrorKind::ConnectionAborted,
            "connection closed without a response by an emulator fault",
        ))))
    }
}

/// Applies `wrap`, then `bom`, then `truncate` to an operation's body. `wrap` changes
/// JSON bodies only, and `bom` and `truncate` leave an empty body empty.
pub fn change_body(body: RenderedBody, spec: &FaultSpec, operation: Operation) -> RenderedBody {
    let RenderedBody { format, mut bytes } = body;

    if let (Some(wrap), BodyFormat::Json) = (spec.wrap, format) {
        let key = match wrap {
            Wrap::D => "d".to_string(),
            Wrap::OperationResult => format!("{}Result", operation.name()),
        };
        let mut wrapped = format!("{{\"{key}\":").into_bytes();
        wrapped.append(&mut bytes);
        wrapped.push(b'}');
        bytes = wrapped;
    }
    if spec.bom && !bytes.is_empty() {
        bytes.splice(0..0, UTF8_BOM);
    }
    if spec.truncate {
        bytes.truncate(bytes.len() / 2);
    }
    RenderedBody { format, bytes }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json_body(text: &str) -> RenderedBody {
        RenderedBody {
            format: BodyFormat::Json,
            bytes: text.as_bytes().to_vec(),
        }
    }

    fn changed(spec: &str, body: RenderedBody) -> Vec<u8> {
        let spec = FaultSpec::parse(spec).expect("valid spec");
        change_body(body, &spec, Operation::PartnersGet).bytes
    }

    #[test]
    fn wrap_d_and_result() {
        assert_eq!(changed("wrap=d", json_body("[1,2]")), br#"{"d":[1,2]}"#);
        assert_eq!(
            changed("wrap=result", json_body("{}")),
            br#"{"PartnersGetResult":{}}"#
        );
    }

    #[test]
    fn bom_comes_before_wrap_text() {
        let bytes = changed("wrap=d,bom", json_body("1"));
        assert_eq!(bytes, b"\xEF\xBB\xBF{\"d\":1}");
    }

    #[test]
    fn truncate_keeps_first_half() {
        assert_eq!(changed("truncate", json_body("123456789")), b"1234");
    }

    #[test]
    fn wrap_leaves_xml_alone() {
        let xml = RenderedBody {
            format: BodyFormat::Xml,
            bytes: b"<a/>".to_vec(),
        };
        assert_eq!(changed("wrap=d", xml), b"<a/>");
    }

    #[test]
    fn empty_body_stays_empty() {
        let empty = || RenderedBody {
            format: BodyFormat::Empty,
            bytes: Vec::new(),
        };
        assert!(changed("bom", empty()).is_empty());
        assert!(changed("wrap=d", empty()).is_empty());
        assert!(changed("truncate", empty()).is_empty());
    }
}
