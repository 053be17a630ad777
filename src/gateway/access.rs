//! Access rules for gateway visitors, read from the catalogue's partner access.

use crate::protocol::catalogue::{Operation, PartnerAccess};
use crate::protocol::input::{Input, InputValue};
use crate::protocol::numbers::parse_whole_number;

/// Reason a gateway rejects a call before anything reaches OKsoft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The operation is for the integration account only (UsersLogin, FinInCome,
    /// FinOutCome), or not an OKsoft operation at all.
    NotAllowed { method: String },
    /// The operation reads a partner's own data, and the visitor has not logged in.
    LoginRequired,
    /// The call names another partner than the one the session belongs to.
    ForeignPartner { field: &'static str },
    /// The call requests data a partner may not see, such as the company's cash desks.
    ForbiddenValue { field: &'static str, value: String },
}

impl Refusal {
    /// Returns the HTTP status of the gateway's response.
    pub fn status(&self) -> u16 {
        match self {
            Refusal::NotAllowed { .. } => 404,
            Refusal::LoginRequired => 401,
            Refusal::ForeignPartner { .. } | Refusal::ForbiddenValue { .. } => 403,
        }
    }

    /// Returns the stable code of the refusal.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::NotAllowed { .. } => "operation_not_allowed",
            Refusal::LoginRequired => "login_required",
            Refusal::ForeignPartner { .. } => "foreign_partner",
            Refusal::ForbiddenValue { .. } => "forbidden_value",
        }
    }
}

/// Checks one call from a gateway visitor and returns the input to send on, with the
/// session's partner code filled in where the operation reads a partner's own data.
///
/// `method` is the JS method name the visitor asked for; `session_partner` the partner
/// code of the visitor's session, if they logged in.
pub fn authorize(method: &str, input: &Input, session_partner: Option<i64>) -> Result<(Operation, Input), Refusal> {
    let operation = Operation::ALL
        .into_iter()
        .find(|operation| operation.spec().js_name == method)
        .filter(|operation| operation.spec().partner_access != PartnerAccess::ServiceOnly)
        .ok_or_else(|| Refusal::NotAllowed { method: method.chars().take(60).collect() })?;

    if operation.spec().partner_access == PartnerAccess::Public {
        return Ok((operation, input.clone()));
    }
    let partners_code = session_partner.ok_or(Refusal::LoginRequired)?;

    match operation {
        Operation::PartnersGet if !matches!(input.get("id"), InputValue::Absent) => {
            Err(Refusal::ForeignPartner { field: "id" })
        }
        Operation::AccountsListGet => {
            let group = match input.get("accountsShortName") {
                InputValue::Text(text) => text.trim().to_ascii_uppercase(),
                _ => String::new(),
            };
            if group != "PLA" {
                return Err(Refusal::ForbiddenValue { field: "accountsShortName", value: group });
            }
            bind_partner(operation, input, partners_code)
        }
        _ => bind_partner(operation, input, partners_code),
    }
}

/// Fills in `partnersCode` with the session's, or refuses another partner's code.
fn bind_partner(operation: Operation, input: &Input, partners_code: i64) -> Result<(Operation, Input), Refusal> {
    let given = match input.get("partnersCode") {
        InputValue::Absent => None,
        InputValue::Number(number) => Some(*number),
        InputValue::Text(text) => Some(parse_whole_number(text).unwrap_or(f64::NAN)),
        _ => Some(f64::NAN),
    };
    if given.is_some_and(|code| code != partners_code as f64) {
        return Err(Refusal::ForeignPartner { field: "partnersCode" });
    }
    let mut bound = input.clone();
    bound.set("partnersCode", InputValue::Number(partners_code as f64));
    Ok((operation, bound))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::input::{number, text};

    #[test]
    fn service_operations_refused() {
        for method in ["usersLogin", "finInCome", "finOutCome", "dropTables", "", "PartnersGet"] {
            let refusal = authorize(method, &Input::new(), Some(24)).unwrap_err();
            assert_eq!(refusal.code(), "operation_not_allowed", "{method}");
            assert_eq!(refusal.status(), 404);
        }
    }

    #[test]
    fn public_operations_pass_unchanged() {
        let input = Input::new().with("login", text("5518")).with("password", text("demo"));
        for method in ["partnersLogin", "partnersPasswordResetCreate", "partnersCreate", "countriesListGet", "currenciesList"] {
            let (_, passed) = authorize(method, &input, None).unwrap();
            assert_eq!(passed, input, "{method}");
        }
    }

    #[test]
    fn own_data_needs_login() {
        for method in ["partnersGet", "accountsListGet"] {
            assert_eq!(authorize(method, &Input::new(), None).unwrap_err(), Refusal::LoginRequired);
        }
    }

    #[test]
    fn partner_code_bound_to_session() {
        let (operation, bound) = authorize("partnersGet", &Input::new(), Some(24)).unwrap();
        assert_eq!(operation, Operation::PartnersGet);
        assert_eq!(bound.get("partnersCode"), &InputValue::Number(24.0));

        let own = Input::new().with("partnersCode", text("24"));
        assert!(authorize("partnersGet", &own, Some(24)).is_ok());

        for foreign in [number(3.0), text("3"), text("24abc"), InputValue::Bool(true)] {
            let input = Input::new().with("partnersCode", foreign.clone());
            let refusal = authorize("partnersGet", &input, Some(24)).unwrap_err();
            assert_eq!(refusal, Refusal::ForeignPartner { field: "partnersCode" }, "{foreign:?}");
            assert_eq!(refusal.status(), 403);
        }

        let by_id = Input::new().with("id", text("1001"));
        assert_eq!(authorize("partnersGet", &by_id, Some(24)).unwrap_err(), Refusal::ForeignPartner { field: "id" });
    }

    #[test]
    fn accounts_limited_to_own_personal_accounts() {
        let own = Input::new().with("accountsShortName", text("pla")).with("currencyCode", number(1.0));
        let (_, bound) = authorize("accountsListGet", &own, Some(24)).unwrap();
        assert_eq!(bound.get("partnersCode"), &InputValue::Number(24.0));

        let cash_desks = Input::new().with("accountsShortName", text("KASSA")).with("currencyCode", number(1.0));
        let refusal = authorize("accountsListGet", &cash_desks, Some(24)).unwrap_err();
        assert_eq!(refusal, Refusal::ForbiddenValue { field: "accountsShortName", value: "KASSA".into() });

        let foreign = own.with("partnersCode", number(3.0));
        assert_eq!(authorize("accountsListGet", &foreign, Some(24)).unwrap_err().code(), "foreign_partner");
    }
}
