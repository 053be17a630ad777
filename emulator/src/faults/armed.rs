//! Faults armed ahead of time through `POST /_emulator/faults`, for clients that cannot
//! set a header per call.

use super::FaultSpec;
use crate::operations::Operation;

/// A fault waiting for the next requests.
pub struct ArmedFault {
    /// 1 for the first fault armed since start or reset, 2 for the next, and so on.
    pub id: u64,
    pub spec: FaultSpec,
    /// The only operation the fault applies to, or none for every operation.
    pub operation: Option<Operation>,
    /// Requests the fault still applies to; always at least 1.
    pub remaining: u32,
}

/// Armed faults, oldest first.
#[derive(Default)]
pub struct ArmedFaults {
    entries: Vec<ArmedFault>,
    last_id: u64,
}

impl ArmedFaults {
    /// Arms a fault and returns it.
    pub fn arm(&mut self, request: ArmRequest) -> &ArmedFault {
        self.last_id += 1;
        let index = self.entries.len();
        self.entries.push(ArmedFault {
            id: self.last_id,
            spec: request.spec,
            operation: request.operation,
            remaining: request.count,
        });
        &self.entries[index]
    }

    /// Takes one use of the oldest fault that applies to `operation` and returns its id
    /// and spec. A fault whose uses run out is removed.
    pub fn take(&mut self, operation: Operation) -> Option<(u64, FaultSpec)> {
        let index = self.entries.iter().position(|fault| {
            let operation_matches = fault.operation.is_none() || fault.operation == Some(operation);
            operation_matches && fault.spec.applies_to(operation)
        })?;
        let fault = &mut self.entries[index];
        fault.remaining = fault.remaining.saturating_sub(1);
        let id_and_spec = (fault.id, fault.spec.clone());
        if fault.remaining == 0 {
            self.entries.remove(index);
        }
        Some(id_and_spec)
    }

    pub fn list(&self) -> &[ArmedFault] {
        &self.entries
    }

    /// Removes every armed fault and returns how many there were.
    pub fn clear(&mut self) -> usize {
        let count = self.entries.len();
        self.entries.clear();
        count
    }
}

/// The checked body of `POST /_emulator/faults`.
#[derive(Debug)]
pub struct ArmRequest {
    pub spec: FaultSpec,
    pub operation: Option<Operation>,
    pub count: u32,
}

/// Parses `{"spec": "…", "operation": "PartnersGet" | null, "count": N}`. `operation`
/// and `count` may be left out, for every operation and for 1 request. Returns the
/// text of a 400 response naming the invalid part.
pub fn parse_arm_request(body: &[u8]) -> Result<ArmRequest, String> {
    const EXAMPLE: &str = r#"{"spec": "status=503", "operation": "PartnersGet", "count": 1}"#;

    let document: serde_json::Value = serde_json::from_slice(body).map_err(|error| {
        format!("the body is not valid JSON ({error}); send an object such as {EXAMPLE}")
    })?;
    let Some(fields) = document.as_object() else {
        return Err(format!("the body must be a JSON object such as {EXAMPLE}"));
    };
    if let Some(unknown) = fields
        .keys()
        .find(|key| !["spec", "operation", "count"].contains(&key.as_str()))
    {
        return Err(format!(
            "unknown field \"{unknown}\": the fields are spec, operation and count"
        ));
    }

    let spec_text = match fields.get("spec") {
        Some(serde_json::Value::String(text)) => text,
        Some(_) => {
            return Err("field \"spec\" must be a string such as \"latency=500\"".to_string())
        }
        None => {
            return Err(format!(
                "field \"spec\" is missing; send an object such as {EXAMPLE}"
            ))
        }
    };
    let spec = FaultSpec::parse(spec_text)
        .map_err(|error| format!("invalid spec \"{spec_text}\": {error}"))?;

    let operation = match fields.get("operation") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(name)) => match Operation::from_method_name(name) {
            Some(operation) => Some(operation),
            None => {
                return Err(format!(
                    "unknown operation \"{name}\": use an OKsoft method name such as PartnersGet, or null for every operation"
                ));
            }
        },
        Some(_) => {
            return Err(
                "field \"operation\" must be an OKsoft method name such as \"PartnersGet\" or null"
                    .to_string(),
            );
        }
    };
    if let Some(operation) = operation {
        if !spec.applies_to(operation) {
            return Err(format!(
                "invalid spec \"{spec_text}\" for {}: `expire-ticket` needs an operation that takes a Ticket",
                operation.name()
            ));
        }
    }

    let count = match fields.get("count") {
        None | Some(serde_json::Value::Null) => 1,
        Some(value) => value
            .as_u64()
            .and_then(|count| u32::try_from(count).ok())
            .filter(|count| *count >= 1)
            .ok_or_else(|| {
                format!(
                    "field \"count\" must be a whole number from 1 to {}, the number of requests the fault applies to",
                    u32::MAX
                )
            })?,
    };

    Ok(ArmRequest {
        spec,
        operation,
        count,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arm(faults: &mut ArmedFaults, body: &str) {
        let request = parse_arm_request(body.as_bytes()).expect(body);
        faults.arm(request);
    }

    #[test]
    fn count_and_operation_are_honored() {
        let mut faults = ArmedFaults::default();
        arm(
            &mut faults,
            r#"{"spec": "status=503", "operation": "PartnersGet", "count": 2}"#,
        );
        assert!(faults.take(Operation::CountriesListGet).is_none());
        assert_eq!(
            faults.take(Operation::PartnersGet).map(|(id, _)| id),
            Some(1)
        );
        assert_eq!(faults.list()[0].remaining, 1);
        assert!(faults.take(Operation::PartnersGet).is_some());
        assert!(faults.take(Operation::PartnersGet).is_none());
        assert!(faults.list().is_empty());
    }

    #[test]
    fn oldest_matching_fault_wins() {
        let mut faults = ArmedFaults::default();
        arm(&mut faults, r#"{"spec": "html", "operation": "FinInCome"}"#);
        arm(&mut faults, r#"{"spec": "empty"}"#);
        let (id, spec) = faults.take(Operation::FinInCome).expect("armed fault");
        assert_eq!((id, spec.to_string()), (1, "html".to_string()));
        let (id, spec) = faults.take(Operation::FinInCome).expect("armed fault");
        assert_eq!((id, spec.to_string()), (2, "empty".to_string()));
    }

    #[test]
    fn expire_ticket_waits_for_ticket_operation() {
        let mut faults = ArmedFaults::default();
        arm(
            &mut faults,
            r#"{"spec": "expire-ticket", "operation": null}"#,
        );
        assert!(faults.take(Operation::UsersLogin).is_none());
        assert!(faults.take(Operation::AccountsListGet).is_some());
    }

    #[test]
    fn clear_counts_faults() {
        let mut faults = ArmedFaults::default();
        arm(&mut faults, r#"{"spec": "bom", "count": 5}"#);
        arm(&mut faults, r#"{"spec": "truncate"}"#);
        assert_eq!(faults.clear(), 2);
        assert!(faults.take(Operation::PartnersGet).is_none());
    }

    #[test]
    fn rejects_invalid_bodies() {
        let cases = [
            ("", "not valid JSON"),
            ("[]", "must be a JSON object"),
            (r#"{"count": 1}"#, "\"spec\" is missing"),
            (r#"{"spec": 5}"#, "\"spec\" must be a string"),
            (r#"{"spec": "nope"}"#, "unknown fault `nope`"),
            (
                r#"{"spec": "html", "operation": "Nope"}"#,
                "unknown operation \"Nope\"",
            ),
            (
                r#"{"spec": "html", "operation": 3}"#,
                "\"operation\" must be",
            ),
            (r#"{"spec": "html", "count": 0}"#, "\"count\" must be"),
            (r#"{"spec": "html", "count": -1}"#, "\"count\" must be"),
            (r#"{"spec": "html", "count": 1.5}"#, "\"count\" must be"),
            (r#"{"spec": "html", "times": 2}"#, "unknown field \"times\""),
            (
                r#"{"spec": "expire-ticket", "operation": "UsersLogin"}"#,
                "needs an operation that takes a Ticket",
            ),
        ];
        for (body, expected) in cases {
            match parse_arm_request(body.as_bytes()) {
                Ok(request) => panic!("{body} was accepted as {request:?}"),
                Err(error) => assert!(error.contains(expected), "{body}: {error}"),
            }
        }
    }
}
