//! HTTP requests built from an operation and its wire parameters.

use super::catalogue::{Operation, Verb};
use super::encoding::encode_pairs;
use super::params::WireParams;
use super::text::replace_all;

/// Parameter names whose values are secret: never logged, echoed or put in errors.
pub const SECRET_PARAMS: &[&str] = &["Password", "ConfirmPassword", "Ticket", "PartnersTicket"];

/// Placeholder that replaces a secret value in anything shown to people.
pub const REDACTED: &str = "***";

/// The default service path; OKsoft's guide also shows `/api/Service.svc`.
pub const DEFAULT_SERVICE_PATH: &str = "/api/Service";

/// Address of the OKsoft service: `https://host[:port]` plus the service path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceAddress {
    /// Scheme, host, port and any path prefix, without a trailing slash.
    base_url: String,
    /// Starts with `/`, no trailing slash.
    service_path: String,
}

impl ServiceAddress {
    /// Checks and normalizes the `baseUrl` and `servicePath` options; the error names
    /// the option at fault.
    pub fn new(base_url: &str, service_path: &str) -> Result<ServiceAddress, &'static str> {
        let base_url = base_url.trim().trim_end_matches('/');
        let lower = base_url.to_ascii_lowercase();
        let host_part = lower.strip_prefix("http://").or_else(|| lower.strip_prefix("https://"));
        let valid_base = match host_part {
            Some(rest) => {
                is_valid_authority(rest.split('/').next().unwrap_or(""))
                    && !rest.contains(['?', '#', ' ', '@'])
                    && !rest.chars().any(char::is_control)
            }
            None => false,
        };
        if !valid_base {
            return Err("baseUrl");
        }

        let service_path = service_path.trim().trim_end_matches('/');
        let valid_path = service_path.starts_with('/')
            && !service_path.contains(['?', '#', ' ', '\\'])
            && !service_path.chars().any(char::is_control)
            && !service_path.split('/').any(|segment| segment == "." || segment == "..");
        if !valid_path {
            return Err("servicePath");
        }

        Ok(ServiceAddress { base_url: base_url.to_string(), service_path: service_path.to_string() })
    }

    /// The URL of one method, without parameters.
    pub fn method_url(&self, wire_name: &str) -> String {
        format!("{}{}/{}", self.base_url, self.service_path, wire_name)
    }
}

/// Checks the host and port of a base URL: a name or IPv4 address, or an IPv6 address
/// in brackets, then an optional port of 1 to 65535.
fn is_valid_authority(authority: &str) -> bool {
    let (host, port) = match authority.strip_prefix('[') {
        Some(bracketed) => match bracketed.split_once(']') {
            Some((address, after)) => {
                let address_ok = !address.is_empty() && address.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
                match after.strip_prefix(':') {
                    Some(port) => (address_ok, Some(port)),
                    None => (address_ok && after.is_empty(), None),
                }
            }
            None => (false, None),
        },
        None => {
            let (name, port) = match authority.rsplit_once(':') {
                Some((name, port)) => (name, Some(port)),
                None => (authority, None),
            };
            let name_ok = !name.is_empty() && !name.contains(['[', ']', ':', '\\', '%']);
            (name_ok, port)
        }
    };
    let port_ok = match port {
        None => true,
        Some(port) => {
            let digits_ok = !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit());
            digits_ok && port.parse::<u32>().is_ok_and(|number| (1..=65_535).contains(&number))
        }
    };
    host && port_ok
}

/// One request, ready for a transport.
#[derive(Debug, Clone, PartialEq)]
pub struct WireRequest {
    pub operation: Operation,
    /// The method name sent, which is `UserLogin` when the login fallback is in use.
    pub wire_name: &'static str,
    pub verb: Verb,
    method_url: String,
    query: Vec<(&'static str, String)>,
    form: Option<Vec<(&'static str, String)>>,
}

impl WireRequest {
    /// Builds the request: GET parameters go in the query; a POST form carries them in
    /// its body. `Ticket` joins the parameters; `Format=json` always goes in the query.
    pub fn new(
        address: &ServiceAddress,
        operation: Operation,
        wire_name: &'static str,
        mut params: WireParams,
        ticket: Option<&str>,
        send_format_json: bool,
    ) -> WireRequest {
        if let Some(ticket) = ticket {
            params.push(("Ticket", ticket.to_string()));
        }
        let format_param = send_format_json.then(|| ("Format", "json".to_string()));
        let verb = operation.spec().verb;

        let (query, form) = match verb {
            Verb::Get => (params.into_iter().chain(format_param).collect(), None),
            Verb::PostForm => (format_param.into_iter().collect(), Some(params)),
        };
        WireRequest { operation, wire_name, verb, method_url: address.method_url(wire_name), query, form }
    }

    /// The full URL, secrets included: for the transport only.
    pub fn url(&self) -> String {
        join_url(&self.method_url, &self.query, false)
    }

    /// The URL with secret values replaced by `***`, safe to show and log.
    pub fn redacted_url(&self) -> String {
        join_url(&self.method_url, &self.query, true)
    }

    /// The form body of a POST, secrets included: for the transport only.
    pub fn body(&self) -> Option<String> {
        self.form.as_ref().map(|pairs| encode_pairs(pairs.iter().map(|(name, value)| (*name, value.as_str()))))
    }

    /// The `Content-Type` header of the body, if there is one.
    pub fn content_type(&self) -> Option<&'static str> {
        self.form.as_ref().map(|_| "application/x-www-form-urlencoded; charset=UTF-8")
    }

    /// Returns all parameters with secrets redacted, for errors that report what was sent.
    pub fn redacted_params(&self) -> Vec<(&'static str, String)> {
        self.query
            .iter()
            .chain(self.form.iter().flatten())
            .map(|(name, value)| (*name, redact(name, value)))
            .collect()
    }
}

impl WireRequest {
    /// Replaces every secret value of this request that occurs in `text`, plain or
    /// percent-encoded, with `***`: for error details that come from outside code.
    pub fn scrub(&self, text: &str) -> String {
        let mut scrubbed = text.to_string();
        let secrets = self
            .query
            .iter()
            .chain(self.form.iter().flatten())
            .filter(|(name, value)| SECRET_PARAMS.contains(name) && !value.is_empty());
        for (_, value) in secrets {
            scrubbed = replace_all(&scrubbed, value, REDACTED);
            scrubbed = replace_all(&scrubbed, &super::encoding::encode_component(value), REDACTED);
        }
        scrubbed
    }
}

fn redact(name: &str, value: &str) -> String {
    if SECRET_PARAMS.contains(&name) {
        REDACTED.to_string()
    } else {
        value.to_string()
    }
}

fn join_url(method_url: &str, query: &[(&'static str, String)], redacted: bool) -> String {
    if query.is_empty() {
        return method_url.to_string();
    }
    let shown: Vec<(&str, String)> = query
        .iter()
        .map(|(name, value)| (*name, if redacted { redact(name, value) } else { value.clone() }))
        .collect();
    format!("{method_url}?{}", encode_pairs(shown.iter().map(|(name, value)| (*name, value.as_str()))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address() -> ServiceAddress {
        ServiceAddress::new("http://127.0.0.1:8080/", "/api/Service").unwrap()
    }

    #[test]
    fn get_request_layout() {
        let params = vec![("Login", "demo".to_string()), ("Password", "FE01CE2A7FBAC8FAFAED7C982A04E229".to_string())];
        let request = WireRequest::new(&address(), Operation::UsersLogin, "UsersLogin", params, None, true);
        assert_eq!(
            request.url(),
            "http://127.0.0.1:8080/api/Service/UsersLogin?Login=demo&Password=FE01CE2A7FBAC8FAFAED7C982A04E229&Format=json"
        );
        assert_eq!(request.redacted_url(), "http://127.0.0.1:8080/api/Service/UsersLogin?Login=demo&Password=%2A%2A%2A&Format=json");
        assert_eq!(request.body(), None);
        assert_eq!(request.content_type(), None);
    }

    #[test]
    fn ticket_added_and_redacted() {
        let params = vec![("AccountsShortName", "PLA".to_string()), ("PartnersCode", "24".to_string())];
        let request = WireRequest::new(&address(), Operation::AccountsListGet, "AccountsListGet", params, Some("SECRET-T"), true);
        assert!(request.url().contains("&PartnersCode=24&Ticket=SECRET-T&Format=json"));
        assert!(!request.redacted_url().contains("SECRET-T"));
        assert!(request.redacted_params().iter().all(|(_, value)| value != "SECRET-T"));
    }

    #[test]
    fn scrub_removes_secret_values() {
        let params = vec![("Login", "demo".to_string()), ("Password", "ABC123".to_string())];
        let request = WireRequest::new(&address(), Operation::PartnersLogin, "PartnersLogin", params, Some("t k"), true);
        let scrubbed = request.scrub("failed: http://x/?Password=ABC123&Ticket=t%20k (t k)");
        assert_eq!(scrubbed, "failed: http://x/?Password=***&Ticket=*** (***)");
    }

    #[test]
    fn post_form_layout() {
        let params = vec![("Name", "Кузнецова".to_string()), ("Email", "a+b@x.ru".to_string())];
        let request = WireRequest::new(&address(), Operation::PartnersCreate, "PartnersCreate", params, Some("T"), true);
        assert_eq!(request.verb, Verb::PostForm);
        assert_eq!(request.url(), "http://127.0.0.1:8080/api/Service/PartnersCreate?Format=json");
        assert_eq!(
            request.body().as_deref(),
            Some("Name=%D0%9A%D1%83%D0%B7%D0%BD%D0%B5%D1%86%D0%BE%D0%B2%D0%B0&Email=a%2Bb%40x.ru&Ticket=T")
        );
        assert_eq!(request.content_type(), Some("application/x-www-form-urlencoded; charset=UTF-8"));
    }

    #[test]
    fn format_json_can_be_left_out() {
        let request = WireRequest::new(&address(), Operation::CurrenciesList, "CurrenciesList", vec![], None, false);
        assert_eq!(request.url(), "http://127.0.0.1:8080/api/Service/CurrenciesList");
    }

    #[test]
    fn address_validation() {
        assert!(ServiceAddress::new("https://shop.example.ru", "/api/Service.svc/").is_ok());
        assert!(ServiceAddress::new("http://[::1]:8080/prefix", "/api/Service").is_ok());
        assert_eq!(ServiceAddress::new("ftp://x", "/api/Service"), Err("baseUrl"));
        assert_eq!(ServiceAddress::new("shop.example.ru", "/api/Service"), Err("baseUrl"));
        assert_eq!(ServiceAddress::new("http://", "/api/Service"), Err("baseUrl"));
        assert_eq!(ServiceAddress::new("http://x/?a=1", "/api/Service"), Err("baseUrl"));
        assert_eq!(ServiceAddress::new("http://user:pw@x", "/api/Service"), Err("baseUrl"));
        assert_eq!(ServiceAddress::new("http://x", "api/Service"), Err("servicePath"));
        assert_eq!(
            ServiceAddress::new("http://x/", "/api/Service.svc").unwrap().method_url("UserLogin"),
            "http://x/api/Service.svc/UserLogin"
        );
    }
}
