//! Test harness: starts the emulator in-process on a free loopback port and talks to it
//! with a minimal HTTP/1.1 client, so tests see the exact bytes on the wire.

#![allow(dead_code)] // Each test binary uses a different part of this module.

use std::net::SocketAddr;

use oksoft_emulator::{router, App, Options};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub const DEMO_PASSWORD_MD5: &str = "FE01CE2A7FBAC8FAFAED7C982A04E229";

/// A running emulator with its own seeded store.
pub struct Emulator {
    pub address: SocketAddr,
}

/// A response as read off the socket.
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(candidate, _)| candidate.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("response body is UTF-8")
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|error| panic!("response body is not JSON ({error}): {}", self.text()))
    }
}

impl Emulator {
    pub async fn start() -> Emulator {
        Emulator::start_with(Options::default()).await
    }

    /// Starts an emulator with the given options, as the binary's flags set them.
    pub async fn start_with(options: Options) -> Emulator {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a loopback port");
        let address = listener.local_addr().expect("read the bound address");
        tokio::spawn(async move {
            axum::serve(listener, router(App::with_options(options)))
                .await
                .expect("serve the emulator");
        });
        Emulator { address }
    }

    /// Sends one request and reads the whole response.
    pub async fn send(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> HttpResponse {
        let raw = self
            .send_raw(method, target, headers, body)
            .await
            .expect("read the response");
        parse_response(&raw)
    }

    /// Sends one request and returns every byte received until the server closes the
    /// connection, or the read error, such as a connection reset.
    pub async fn send_raw(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> std::io::Result<Vec<u8>> {
        let mut stream = TcpStream::connect(self.address)
            .await
            .expect("connect to the emulator");
        let mut head = format!(
            "{method} {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.address,
            body.len()
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        stream
            .write_all(head.as_bytes())
            .await
            .expect("write the request head");
        stream
            .write_all(body)
            .await
            .expect("write the request body");

        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await?;
        Ok(raw)
    }

    pub async fn get(&self, target: &str) -> HttpResponse {
        self.send("GET", target, &[], b"").await
    }

    pub async fn post_form(&self, target: &str, pairs: &[(&str, &str)]) -> HttpResponse {
        let body = encode(pairs);
        let headers = [("Content-Type", "application/x-www-form-urlencoded")];
        self.send("POST", target, &headers, body.as_bytes()).await
    }

    /// Calls `operation` under `/api/Service/` by GET with `Format=json` and returns the
    /// parsed JSON body.
    pub async fn call(&self, operation: &str, pairs: &[(&str, &str)]) -> Value {
        let response = self.get(&api_target(operation, pairs)).await;
        assert_eq!(response.status, 200, "{operation}: {}", response.text());
        response.json()
    }

    /// Calls `operation` as [`Emulator::call`] does and returns the raw body text, to check
    /// key order.
    pub async fn call_text(&self, operation: &str, pairs: &[(&str, &str)]) -> String {
        let response = self.get(&api_target(operation, pairs)).await;
        assert_eq!(response.status, 200, "{operation}: {}", response.text());
        response.text()
    }

    /// Logs in with the seeded integration account and returns the service ticket.
    pub async fn ticket(&self) -> String {
        let answer = self
            .call(
                "UsersLogin",
                &[("Login", "demo"), ("Password", DEMO_PASSWORD_MD5)],
            )
            .await;
        answer["Ticket"]
            .as_str()
            .expect("UsersLogin returns a ticket")
            .to_string()
    }
}

/// Builds `/api/Service/{operation}?…&Format=json`.
pub fn api_target(operation: &str, pairs: &[(&str, &str)]) -> String {
    let mut all = pairs.to_vec();
    all.push(("Format", "json"));
    format!("/api/Service/{operation}?{}", encode(&all))
}

pub fn encode(pairs: &[(&str, &str)]) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (name, value) in pairs {
        serializer.append_pair(name, value);
    }
    serializer.finish()
}

pub fn parse_response(raw: &[u8]) -> HttpResponse {
    let split = raw
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .expect("response has a header section");
    let head = std::str::from_utf8(&raw[..split]).expect("response head is ASCII");
    let mut lines = head.split("\r\n");
    let status_line = lines.next().expect("status line");
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .expect("status code");
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_string(), value.trim().to_string()))
        .collect();

    let body = raw[split + 4..].to_vec();
    let chunked = headers.iter().any(|(name, value)| {
        name.eq_ignore_ascii_case("transfer-encoding") && value.contains("chunked")
    });
    assert!(!chunked, "the emulator sends bodies with Content-Length");
    HttpResponse {
        status,
        headers,
        body,
    }
}
