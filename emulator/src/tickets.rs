//! Service tickets issued by UsersLogin, and the ways they expire: after a maximum number
//! of uses (`--ticket-max-uses`), through `POST /_emulator/tickets/expire`, or through the
//! `expire-ticket` fault.

use std::collections::HashMap;

use uuid::Uuid;

/// One issued ticket. The ticket text is a secret, so logs name a ticket by its serial.
struct TicketState {
    /// 1 for the first ticket issued since start or reset, 2 for the next, and so on.
    serial: u64,
    /// Requests that the ticket has authorised so far.
    uses: u32,
}

/// The valid service tickets, keyed by their upper-case text.
pub struct ServiceTickets {
    tickets: HashMap<String, TicketState>,
    issued: u64,
    /// Uses after which a ticket expires, or none for tickets that never expire.
    max_uses: Option<u32>,
}

impl ServiceTickets {
    pub fn new(max_uses: Option<u32>) -> ServiceTickets {
        ServiceTickets {
            tickets: HashMap::new(),
            issued: 0,
            max_uses,
        }
    }

    /// Issues a new ticket as an upper-case GUID. Earlier tickets stay valid.
    pub fn issue(&mut self) -> String {
        let ticket = Uuid::new_v4().hyphenated().to_string().to_ascii_uppercase();
        self.issued += 1;
        let state = TicketState {
            serial: self.issued,
            uses: 0,
        };
        self.tickets.insert(ticket.clone(), state);
        ticket
    }

    /// Checks the Ticket parameter of a request and counts one use of it. Returns false
    /// for a missing or unknown ticket, and for one that has already authorised
    /// `max_uses` requests, which is then removed. GUIDs compare in any letter case.
    pub fn use_ticket(&mut self, ticket: Option<&str>) -> bool {
        let Some(key) = ticket.map(normalize) else {
            return false;
        };
        let Some(state) = self.tickets.get_mut(&key) else {
            return false;
        };

        if let Some(max_uses) = self.max_uses {
            if state.uses >= max_uses {
                let serial = state.serial;
                self.tickets.remove(&key);
                tracing::info!(
                    ticket_serial = serial,
                    max_uses,
                    "service ticket rejected as expired after its maximum number of uses"
                );
                return false;
            }
        }
        state.uses += 1;
        true
    }

    /// Invalidates one ticket and returns its serial, or none when it was not valid.
    pub fn revoke(&mut self, ticket: &str) -> Option<u64> {
        self.tickets
            .remove(&normalize(ticket))
            .map(|state| state.serial)
    }

    /// Invalidates every ticket and returns how many were valid.
    pub fn revoke_all(&mut self) -> usize {
        let count = self.tickets.len();
        self.tickets.clear();
        count
    }
}

fn normalize(ticket: &str) -> String {
    ticket.trim().to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unlimited_tickets_never_expire() {
        let mut tickets = ServiceTickets::new(None);
        let ticket = tickets.issue();
        for _ in 0..100 {
            assert!(tickets.use_ticket(Some(&ticket)));
        }
    }

    #[test]
    fn ticket_expires_after_max_uses() {
        let mut tickets = ServiceTickets::new(Some(2));
        let ticket = tickets.issue();
        assert!(tickets.use_ticket(Some(&ticket)));
        assert!(tickets.use_ticket(Some(&ticket)));
        assert!(!tickets.use_ticket(Some(&ticket)));
        assert!(!tickets.use_ticket(Some(&ticket)));
    }

    #[test]
    fn ticket_matches_in_any_case() {
        let mut tickets = ServiceTickets::new(None);
        let ticket = tickets.issue();
        let lower = format!(" {} ", ticket.to_ascii_lowercase());
        assert!(tickets.use_ticket(Some(&lower)));
    }

    #[test]
    fn missing_and_unknown_tickets_fail() {
        let mut tickets = ServiceTickets::new(None);
        tickets.issue();
        assert!(!tickets.use_ticket(None));
        assert!(!tickets.use_ticket(Some("00000000-0000-0000-0000-000000000000")));
    }

    #[test]
    fn revoke_invalidates_one_ticket() {
        let mut tickets = ServiceTickets::new(None);
        let first = tickets.issue();
        let second = tickets.issue();
        assert_eq!(tickets.revoke(&first.to_ascii_lowercase()), Some(1));
        assert_eq!(tickets.revoke(&first), None);
        assert!(!tickets.use_ticket(Some(&first)));
        assert!(tickets.use_ticket(Some(&second)));
    }

    #[test]
    fn revoke_all_counts_tickets() {
        let mut tickets = ServiceTickets::new(None);
        let ticket = tickets.issue();
        tickets.issue();
        assert_eq!(tickets.revoke_all(), 2);
        assert!(!tickets.use_ticket(Some(&ticket)));
        let fresh = tickets.issue();
        assert!(tickets.use_ticket(Some(&fresh)));
    }
}
