//! The emulator's in-memory store: accounts, partners, tickets, balances and the logs
//! that the inspection API shows.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use chrono::{DateTime, Utc};

use crate::faults::ArmedFaults;
use crate::money::Money;
use crate::seed;
use crate::tickets::ServiceTickets;

/// The largest number of requests the request log keeps. Older entries are dropped
/// first, so a long demo session does not grow memory without bound.
const REQUEST_LOG_CAPACITY: usize = 10_000;

/// Server-wide settings that survive `POST /_emulator/reset`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Requests each service ticket authorises before it expires; none for no limit.
    pub ticket_max_uses: Option<u32>,
}

/// Shared handle to the store, cloned into every request handler.
#[derive(Clone)]
pub struct App {
    store: Arc<Mutex<Store>>,
    options: Options,
}

impl App {
    /// Creates an emulator holding the seed data, with default options.
    pub fn seeded() -> App {
        App::with_options(Options::default())
    }

    /// Creates an emulator holding the seed data, with the given options.
    pub fn with_options(options: Options) -> App {
        App {
            store: Arc::new(Mutex::new(fresh_store(options))),
            options,
        }
    }

    /// Restores the seed data and clears tickets, armed faults and logs. The options stay.
    pub fn reset(&self) {
        *self.lock() = fresh_store(self.options);
    }

    /// Locks the store. A poisoned lock is taken over rather than propagated, because
    /// every operation changes the store only after all of its checks have passed.
    pub fn lock(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn fresh_store(options: Options) -> Store {
    let mut store = seed::store();
    store.service_tickets = ServiceTickets::new(options.ticket_max_uses);
    store
}

/// An account for the integration API (UsersLogin), not a partner.
pub struct IntegrationUser {
    pub login: String,
    /// Upper-case hex MD5 of the password.
    pub password_md5: String,
}

/// A partner (контрагент) and the profile that PartnersGet returns.
pub struct Partner {
    pub code: i64,
    /// External Id, unique when present.
    pub id: Option<String>,
    /// The `Login` field shown by PartnersGet.
    pub login: Option<String>,
    /// Further names PartnersLogin accepts besides `login` and `id`. The seed partner 24
    /// uses one so that her profile keeps `Login: null` as in the vendor's example while
    /// the demo can still sign in as `antonina`.
    pub login_aliases: Vec<String>,
    /// Upper-case hex MD5 of the password; a partner without one cannot sign in.
    pub password_md5: Option<String>,
    pub name: String,
    pub first_name: String,
    pub patronymic: Option<String>,
    pub email: String,
    pub city: Option<String>,
    pub contact_information: Option<String>,
    pub country_code: Option<i64>,
    /// Milliseconds since the Unix epoch.
    pub create_date: Option<i64>,
    pub info: Option<String>,
    pub groups: Vec<GroupMembership>,
    pub phone: Option<String>,
    pub phone2: Option<String>,
    pub rayon: Option<String>,
    pub real_address: Option<String>,
    pub region: Option<String>,
    pub sex_code: Option<i64>,
    pub sponsor_code: Option<i64>,
    pub web_alias: Option<String>,
}

impl Partner {
    /// Returns the full name as "Фамилия Имя Отчество", without the parts that are missing.
    pub fn fio(&self) -> String {
        [
            Some(self.name.as_str()),
            Some(self.first_name.as_str()),
            self.patronymic.as_deref(),
        ]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
    }

    /// Checks whether `name` is this partner's login, one of its login aliases or its external Id.
    pub fn has_sign_in_name(&self, name: &str) -> bool {
        self.login
            .iter()
            .chain(self.login_aliases.iter())
            .chain(self.id.iter())
            .any(|candidate| same_ignoring_case(candidate, name))
    }
}

/// A partner group as listed inside a partner profile.
pub struct GroupMembership {
    pub code: i64,
    pub name: String,
}

/// The account groups that AccountsListGet takes as `AccountsShortName`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountGroup {
    /// `PLA`: a partner's personal account.
    Personal,
    /// `KASSA`: a company cash desk.
    CashDesk,
}

impl AccountGroup {
    pub fn short_name(self) -> &'static str {
        match self {
            AccountGroup::Personal => "PLA",
            AccountGroup::CashDesk => "KASSA",
        }
    }

    /// Parses `PLA` or `KASSA` in any letter case.
    pub fn parse(text: &str) -> Option<AccountGroup> {
        [AccountGroup::Personal, AccountGroup::CashDesk]
            .into_iter()
            .find(|group| group.short_name().eq_ignore_ascii_case(text))
    }
}

pub struct Account {
    pub code: i64,
    pub long_name: String,
    pub group: AccountGroup,
    /// Partner code of a personal account; none for a cash desk.
    pub owner: Option<i64>,
    /// Balance per currency code. A missing currency has a zero balance.
    pub balances: BTreeMap<i64, Money>,
}

impl Account {
    pub fn balance(&self, currency_code: i64) -> Money {
        self.balances
            .get(&currency_code)
            .copied()
            .unwrap_or(Money::ZERO)
    }
}

/// The two money operations, named as their OKsoft methods.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransferKind {
    /// FinInCome: money received, both the personal account and the cash desk grow.
    Income,
    /// FinOutCome: money paid out, both shrink.
    Outcome,
}

impl TransferKind {
    pub fn operation_name(self) -> &'static str {
        match self {
            TransferKind::Income => "FinInCome",
            TransferKind::Outcome => "FinOutCome",
        }
    }
}

/// An applied FinInCome or FinOutCome.
pub struct Transaction {
    pub number: i64,
    pub kind: TransferKind,
    pub personal_account: i64,
    pub cash_desk: i64,
    pub currency_code: i64,
    pub amount: Money,
    pub comment: Option<String>,
    pub time: DateTime<Utc>,
}

/// A PartnersPasswordResetCreate call with a valid Ticket and an e-mail.
pub struct PasswordReset {
    pub email: String,
    /// The partner who would receive the reset e-mail, or none when the address is not
    /// registered and no e-mail would be sent.
    pub partner_code: Option<i64>,
    pub time: DateTime<Utc>,
}

/// One API request as the inspection API shows it, with secrets already redacted.
pub struct RequestRecord {
    pub method: String,
    pub path: String,
    /// The canonical operation name, or none for an unknown method.
    pub operation: Option<&'static str>,
    pub params: Vec<(String, String)>,
    /// The HTTP status sent, or none when a fault closed the connection without a response.
    pub status: Option<u16>,
    /// The fault spec applied to the request, in the form `FaultSpec` prints it.
    pub fault: Option<String>,
    /// The id of the armed fault applied, or none for a header fault or no fault.
    pub armed_fault_id: Option<u64>,
    /// Whether the operation ran. False for requests rejected before it (404, 405, 415,
    /// an invalid fault header) and for faults that respond in its place.
    pub applied: bool,
}

/// A [`RequestRecord`] with its sequence number.
pub struct LoggedRequest {
    pub seq: u64,
    pub request: RequestRecord,
}

/// The most recent API requests, numbered from 1 in arrival order.
#[derive(Default)]
pub struct RequestLog {
    entries: VecDeque<LoggedRequest>,
    last_seq: u64,
}

impl RequestLog {
    /// Appends a request and returns the sequence number assigned to it.
    pub fn record(&mut self, request: RequestRecord) -> u64 {
        self.last_seq += 1;
        if self.entries.len() == REQUEST_LOG_CAPACITY {
            self.entries.pop_front();
        }
        self.entries.push_back(LoggedRequest {
            seq: self.last_seq,
            request,
        });
        self.last_seq
    }

    /// Returns the kept requests whose sequence number is greater than `after`.
    pub fn since(&self, after: u64) -> impl Iterator<Item = &LoggedRequest> {
        self.entries.iter().filter(move |entry| entry.seq > after)
    }
}

/// Everything the emulator remembers between requests.
pub struct Store {
    pub integration_users: Vec<IntegrationUser>,
    pub service_tickets: ServiceTickets,
    pub partners: BTreeMap<i64, Partner>,
    pub accounts: BTreeMap<i64, Account>,
    pub next_partner_code: i64,
    pub next_account_code: i64,
    pub next_transaction_number: i64,
    pub ledger: Vec<Transaction>,
    pub password_resets: Vec<PasswordReset>,
    pub requests: RequestLog,
    pub armed_faults: ArmedFaults,
}

impl Store {
    /// Returns the partner that can sign in as `name` (login, login alias or external Id).
    pub fn partner_by_sign_in_name(&self, name: &str) -> Option<&Partner> {
        self.partners
            .values()
            .find(|partner| partner.has_sign_in_name(name))
    }

    /// Returns the partner whose external Id is `id`, ignoring letter case.
    pub fn partner_by_id(&self, id: &str) -> Option<&Partner> {
        self.partners.values().find(|partner| {
            partner
                .id
                .as_deref()
                .is_some_and(|own| same_ignoring_case(own, id))
        })
    }

    pub fn partner_by_email(&self, email: &str) -> Option<&Partner> {
        self.partners
            .values()
            .find(|partner| same_ignoring_case(&partner.email, email))
    }
}

/// Compares two texts ignoring letter case, Cyrillic included.
pub fn same_ignoring_case(left: &str, right: &str) -> bool {
    left.to_lowercase() == right.to_lowercase()
}
