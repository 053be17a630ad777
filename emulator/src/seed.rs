//! Seed data: the directories and the partner, account and currency examples of the
//! OKsoft integration guide, plus a sponsor partner and two cash desks the examples imply.
//!
//! Odd spellings such as the trailing spaces in "Доллар " and "$ " and the group
//! " Client" are kept because they are the vendor's example data.

use std::collections::BTreeMap;

use md5::{Digest, Md5};

use crate::faults::ArmedFaults;
use crate::money::Money;
use crate::state::{
    Account, AccountGroup, GroupMembership, IntegrationUser, Partner, RequestLog, Store,
};
use crate::tickets::ServiceTickets;

/// Login of the seeded integration account.
pub const DEMO_LOGIN: &str = "demo";
/// Password of the seeded integration account and of both seeded partners.
pub const DEMO_PASSWORD: &str = "demo";
/// External Id of the demo partner 24.
pub const DEMO_PARTNER_ID: &str = "5518";
/// Extra login name of the demo partner 24.
pub const DEMO_PARTNER_LOGIN: &str = "antonina";
pub const DEMO_PARTNER_EMAIL: &str = "antonina@bk.ru";
/// External Id of partner 3, the demo partner's sponsor.
pub const SPONSOR_PARTNER_ID: &str = "1001";
pub const SPONSOR_PARTNER_LOGIN: &str = "oleg";

const FIRST_NEW_PARTNER_CODE: i64 = 1059;
const FIRST_NEW_ACCOUNT_CODE: i64 = 20_000;
const FIRST_TRANSACTION_NUMBER: i64 = 1_187_738;

/// Balance of each cash desk in every currency: 1 000 000.00.
const CASH_DESK_BALANCE: Money = Money::from_minor_units(100_000_000);

/// A code and a name, the shape of most OKsoft directories.
pub struct DirectoryEntry {
    pub code: i64,
    pub name: &'static str,
}

pub struct Language {
    pub code: i64,
    pub alias: &'static str,
    pub name: &'static str,
    pub sort_order: i64,
    pub is_default: bool,
    pub system_key: &'static str,
    pub culture: &'static str,
    pub foreign_name: &'static str,
    pub iso_name: &'static str,
    pub flag_icon: &'static str,
}

pub struct Currency {
    pub code: i64,
    pub name: &'static str,
    pub full_name: &'static str,
    pub short_name: &'static str,
    pub color_rgb: &'static str,
}

/// Countries 13, 17 and 20 are the vendor guide's; the rest are added so that lists have more
/// than the example shows.
pub const COUNTRIES: &[DirectoryEntry] = &[
    DirectoryEntry {
        code: 13,
        name: "Россия",
    },
    DirectoryEntry {
        code: 17,
        name: "Белоруссия",
    },
    DirectoryEntry {
        code: 20,
        name: "Украина",
    },
    DirectoryEntry {
        code: 22,
        name: "Казахстан",
    },
    DirectoryEntry {
        code: 23,
        name: "Армения",
    },
    DirectoryEntry {
        code: 24,
        name: "Молдова",
    },
];

pub const SEXES: &[DirectoryEntry] = &[
    DirectoryEntry {
        code: 1,
        name: "Мужской",
    },
    DirectoryEntry {
        code: 2,
        name: "Женский",
    },
    DirectoryEntry {
        code: 3,
        name: "Организация",
    },
    DirectoryEntry { code: 4, name: " " },
];

pub const PHONE_TYPES: &[DirectoryEntry] = &[
    DirectoryEntry {
        code: 1,
        name: "Мобильный",
    },
    DirectoryEntry {
        code: 2,
        name: "Домашний",
    },
    DirectoryEntry {
        code: 3,
        name: "Рабочий",
    },
    DirectoryEntry {
        code: 4,
        name: "Водитель",
    },
    DirectoryEntry {
        code: 5,
        name: "Жена",
    },
    DirectoryEntry {
        code: 6,
        name: "Муж",
    },
];

pub const PARTNER_GROUPS: &[DirectoryEntry] = &[
    DirectoryEntry {
        code: 1,
        name: "Customer",
    },
    DirectoryEntry {
        code: 2,
        name: "Distributor",
    },
    DirectoryEntry {
        code: 3,
        name: " Client",
    },
    DirectoryEntry {
        code: 4,
        name: "Купил стартовый товар",
    },
];

pub const LANGUAGES: &[Language] = &[
    Language {
        code: 1,
        alias: "ru",
        name: "Русский",
        sort_order: 1,
        is_default: true,
        system_key: "русский",
        culture: "ru-RU",
        foreign_name: "Русский",
        iso_name: "RUS",
        flag_icon: "ru.png",
    },
    Language {
        code: 2,
        alias: "ua",
        name: "Українська",
        sort_order: 2,
        is_default: false,
        system_key: "Ukraine",
        culture: "uk-UA",
        foreign_name: "Українська",
        iso_name: "UKR",
        flag_icon: "ua.png",
    },
    Language {
        code: 3,
        alias: "en",
        name: "English",
        sort_order: 3,
        is_default: false,
        system_key: "us_english",
        culture: "en-GB",
        foreign_name: "English",
        iso_name: "ENG",
        flag_icon: "us.png",
    },
];

pub const CURRENCY_RUBLE: i64 = 1;
pub const CURRENCY_DOLLAR: i64 = 3;
pub const CURRENCY_BONUS: i64 = 6;

pub const CURRENCIES: &[Currency] = &[
    Currency {
        code: CURRENCY_DOLLAR,
        name: "Доллар ",
        full_name: "",
        short_name: "$ ",
        color_rgb: "0,128, 0",
    },
    Currency {
        code: CURRENCY_RUBLE,
        name: "Рубли",
        full_name: "",
        short_name: "₽",
        color_rgb: "0,128,255",
    },
    Currency {
        code: CURRENCY_BONUS,
        name: "Бонусы",
        full_name: "",
        short_name: "Bon",
        color_rgb: "128,0,0",
    },
];

/// Checks whether `code` is in `entries`.
pub fn directory_has(entries: &[DirectoryEntry], code: i64) -> bool {
    entries.iter().any(|entry| entry.code == code)
}

/// Returns the name of `code` in `entries`.
pub fn directory_name(entries: &[DirectoryEntry], code: i64) -> Option<&'static str> {
    entries
        .iter()
        .find(|entry| entry.code == code)
        .map(|entry| entry.name)
}

pub fn currency_exists(code: i64) -> bool {
    CURRENCIES.iter().any(|currency| currency.code == code)
}

pub fn language_exists(code: i64) -> bool {
    LANGUAGES.iter().any(|language| language.code == code)
}

/// Returns the upper-case hex MD5 of `text`, the form OKsoft passwords travel in.
pub fn md5_upper_hex(text: &str) -> String {
    Md5::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02X}"))
        .collect()
}

/// Builds the store as it is at start-up and after `POST /_emulator/reset`.
pub fn store() -> Store {
    let demo_password_md5 = md5_upper_hex(DEMO_PASSWORD);

    let integration_users = vec![IntegrationUser {
        login: DEMO_LOGIN.to_string(),
        password_md5: demo_password_md5.clone(),
    }];

    let partners = [
        demo_partner(&demo_password_md5),
        sponsor_partner(&demo_password_md5),
    ]
    .into_iter()
    .map(|partner| (partner.code, partner))
    .collect();

    let accounts = [
        personal_account(
            15_162,
            24,
            &[
                (CURRENCY_RUBLE, 100),
                (CURRENCY_DOLLAR, 25_000),
                (CURRENCY_BONUS, 123_450),
            ],
        ),
        personal_account(
            15_100,
            3,
            &[
                (CURRENCY_RUBLE, 500_000),
                (CURRENCY_DOLLAR, 12_000),
                (CURRENCY_BONUS, 30_000),
            ],
        ),
        cash_desk(100, "Касса основная"),
        cash_desk(101, "Касса онлайн-оплат"),
    ]
    .into_iter()
    .map(|account| (account.code, account))
    .collect();

    Store {
        integration_users,
        service_tickets: ServiceTickets::new(None),
        partners,
        accounts,
        next_partner_code: FIRST_NEW_PARTNER_CODE,
        next_account_code: FIRST_NEW_ACCOUNT_CODE,
        next_transaction_number: FIRST_TRANSACTION_NUMBER,
        ledger: Vec::new(),
        password_resets: Vec::new(),
        requests: RequestLog::default(),
        armed_faults: ArmedFaults::default(),
    }
}

/// Partner 24 exactly as the vendor guide's PartnersGet example shows her.
fn demo_partner(password_md5: &str) -> Partner {
    Partner {
        code: 24,
        id: Some(DEMO_PARTNER_ID.to_string()),
        login: None,
        login_aliases: vec![DEMO_PARTNER_LOGIN.to_string()],
        password_md5: Some(password_md5.to_string()),
        name: "Кузнецова".to_string(),
        first_name: "Антонина".to_string(),
        patronymic: Some("Петровна".to_string()),
        email: DEMO_PARTNER_EMAIL.to_string(),
        city: Some("Таганрог".to_string()),
        contact_information: None,
        country_code: None,
        create_date: None,
        info: Some("хороший клиент".to_string()),
        groups: vec![
            GroupMembership {
                code: 2,
                name: "Дистрибьютор".to_string(),
            },
            GroupMembership {
                code: 108,
                name: "Купил стартовый пакет".to_string(),
            },
        ],
        phone: Some("9895000345".to_string()),
        phone2: Some("8-495-424-56-89".to_string()),
        rayon: None,
        real_address: None,
        region: None,
        sex_code: Some(2),
        sponsor_code: Some(3),
        web_alias: Some("123123123".to_string()),
    }
}

/// Partner 3, the demo partner's sponsor (`SponsorCode: 3` in the vendor guide). The vendor guide does
/// not show this partner, so the data is invented.
fn sponsor_partner(password_md5: &str) -> Partner {
    Partner {
        code: 3,
        id: Some(SPONSOR_PARTNER_ID.to_string()),
        login: Some(SPONSOR_PARTNER_LOGIN.to_string()),
        login_aliases: Vec::new(),
        password_md5: Some(password_md5.to_string()),
        name: "Смирнов".to_string(),
        first_name: "Олег".to_string(),
        patronymic: Some("Иванович".to_string()),
        email: "oleg.smirnov@example.com".to_string(),
        city: Some("Ростов-на-Дону".to_string()),
        contact_information: Some("Звонить после 18:00".to_string()),
        country_code: Some(13),
        // 2010-01-02 10:12:13 UTC.
        create_date: Some(1_262_427_133_000),
        info: None,
        groups: vec![GroupMembership {
            code: 2,
            name: "Дистрибьютор".to_string(),
        }],
        phone: Some("9185550101".to_string()),
        phone2: None,
        rayon: None,
        real_address: Some(
            "344002, Ростовская область, Ростов-на-Дону, ул. Большая Садовая, д. 10, кв. 5"
                .to_string(),
        ),
        region: Some("Ростовская область".to_string()),
        sex_code: Some(1),
        sponsor_code: None,
        web_alias: Some("oleg".to_string()),
    }
}

fn personal_account(code: i64, owner: i64, balances: &[(i64, i64)]) -> Account {
    Account {
        code,
        long_name: "ЛСК".to_string(),
        group: AccountGroup::Personal,
        owner: Some(owner),
        balances: balances
            .iter()
            .map(|&(currency, minor_units)| (currency, Money::from_minor_units(minor_units)))
            .collect(),
    }
}

fn cash_desk(code: i64, long_name: &str) -> Account {
    Account {
        code,
        long_name: long_name.to_string(),
        group: AccountGroup::CashDesk,
        owner: None,
        balances: CURRENCIES
            .iter()
            .map(|currency| (currency.code, CASH_DESK_BALANCE))
            .collect::<BTreeMap<_, _>>(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_password_md5_matches_vendor_example() {
        assert_eq!(
            md5_upper_hex(DEMO_PASSWORD),
            "FE01CE2A7FBAC8FAFAED7C982A04E229"
        );
    }
}
