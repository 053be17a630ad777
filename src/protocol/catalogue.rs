//! Every OKsoft operation, described once: wire name, verb, auth, idempotency, parameters.
//!
//! Request building, validation and retry decisions read these entries instead of
//! repeating facts about an operation.

/// HTTP method an operation is sent with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Get,
    /// `application/x-www-form-urlencoded` body.
    PostForm,
}

impl Verb {
    pub fn as_str(self) -> &'static str {
        match self {
            Verb::Get => "GET",
            Verb::PostForm => "POST",
        }
    }
}

/// Credentials an operation needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// None: UsersLogin itself.
    None,
    /// The service Ticket from UsersLogin, sent as `Ticket`.
    ServiceTicket,
}

/// Whether sending an operation twice has the same effect as sending it once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Idempotency {
    Idempotent,
    /// Creates something or moves money each time it is sent.
    NotIdempotent,
    /// FinInCome/FinOutCome: idempotent in `validation` mode only.
    OnlyInValidationMode,
}

/// Who may cause an operation through a partner gateway, which serves storefront
/// visitors without handing them the integration account's powers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartnerAccess {
    /// Anyone: partner login, password reset, registration and the directories.
    Public,
    /// A logged-in partner, and only for their own partner code.
    OwnData,
    /// Only the integration account on a server: the service login and money movements.
    ServiceOnly,
}

/// Type of a parameter, which decides how it is checked and written on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    /// Text up to this many characters (not bytes).
    Text(usize),
    /// An e-mail address up to this many characters.
    Email(usize),
    /// A positive whole number (an OKsoft code), from a JS number or a digit string.
    Code,
    /// `Y` or `N`, also from `true` or `false`.
    Flag,
    /// A calendar date, written in the client's date format.
    Date,
    /// A positive amount of money, written with two decimals.
    Amount,
    /// One of a fixed set of values, matched case-insensitively and sent as listed.
    Choice(&'static [&'static str]),
    /// A plain password, hashed with MD5 before it is sent.
    Password,
    /// A caller's own MD5 hash of a password: 32 hexadecimal digits.
    PasswordMd5,
}

/// One parameter: its name for JS callers and its name on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param {
    pub js_name: &'static str,
    pub wire_name: &'static str,
    pub kind: ParamKind,
    pub required: bool,
}

/// A rule that involves several parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Exactly one of these must be given.
    ExactlyOne(&'static [&'static str]),
    /// At most one of these may be given.
    AtMostOne(&'static [&'static str]),
    /// The first is required when the second has the given value.
    RequiredWhen { field: &'static str, other: &'static str, equals: &'static str },
    /// After hashing, the two wire parameters must be equal; a missing confirmation is
    /// filled from the first.
    Confirms { wire_name: &'static str, confirmation: &'static str },
}

/// Catalogue entry of one operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationSpec {
    /// Name on the wire, the last segment of the URL path.
    pub wire_name: &'static str,
    /// Name of the JS method.
    pub js_name: &'static str,
    pub verb: Verb,
    pub auth: Auth,
    pub idempotency: Idempotency,
    pub partner_access: PartnerAccess,
    pub params: &'static [Param],
    pub rules: &'static [Rule],
}

/// The fourteen operations of the OKsoft Service API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    UsersLogin,
    PartnersLogin,
    PartnersPasswordResetCreate,
    PartnersGet,
    CountriesListGet,
    SexListGet,
    PhoneTypesListGet,
    LanguagesListGet,
    PartnersGroupsListGet,
    PartnersCreate,
    CurrenciesList,
    AccountsListGet,
    FinInCome,
    FinOutCome,
}

const fn param(js_name: &'static str, wire_name: &'static str, kind: ParamKind, required: bool) -> Param {
    Param { js_name, wire_name, kind, required }
}

const fn optional_text(js_name: &'static str, wire_name: &'static str, max_chars: usize) -> Param {
    param(js_name, wire_name, ParamKind::Text(max_chars), false)
}

const fn optional_code(js_name: &'static str, wire_name: &'static str) -> Param {
    param(js_name, wire_name, ParamKind::Code, false)
}

/// Alternate wire name of the service login, used by some OKsoft servers.
pub const USERS_LOGIN_ALTERNATE_NAME: &str = "UserLogin";

const LOGIN_PARAMS: &[Param] = &[
    param("login", "Login", ParamKind::Text(50), true),
    param("password", "Password", ParamKind::Password, false),
    param("passwordMd5", "Password", ParamKind::PasswordMd5, false),
];

const LOGIN_RULES: &[Rule] = &[Rule::ExactlyOne(&["password", "passwordMd5"])];

/// Choices of `accountsShortName`: personal accounts and cash desks.
pub const ACCOUNT_GROUPS: &[&str] = &["PLA", "KASSA"];

/// Choices of `validationTransaction`: a dry run, or a real posting.
pub const FIN_MODES: &[&str] = &["validation", "transaction"];

const FIN_PARAMS: &[Param] = &[
    param("validationTransaction", "ValidationTransaction", ParamKind::Choice(FIN_MODES), true),
    param("accountsRsCode", "AccountsRsCode", ParamKind::Code, true),
    param("accountsKsCode", "AccountsKsCode", ParamKind::Code, true),
    param("amount", "Amount", ParamKind::Amount, true),
    param("currencyCode", "CurrencyCode", ParamKind::Code, true),
    optional_text("comment", "Comment", 500),
];

/// PartnersCreate fields with the maximum lengths of OKsoft's field table.
const PARTNERS_CREATE_PARAMS: &[Param] = &[
    param("name", "Name", ParamKind::Text(150), true),
    param("firstName", "FirstName", ParamKind::Text(50), true),
    optional_text("patronymic", "Patronymic", 50),
    optional_text("id", "ID", 20),
    optional_text("sponsorId", "SponsorID", 20),
    optional_text("login", "Login", 50),
    optional_text("inn", "INN", 12),
    optional_code("sex", "Sex"),
    optional_text("phone", "Phone", 150),
    optional_code("phoneTypes", "PhoneTypes"),
    optional_text("phoneComment", "PhoneComment", 250),
    optional_text("phone2", "Phone2", 150),
    optional_code("phone2Type", "Phone2Type"),
    optional_text("phone2Comment", "Phone2Comment", 250),
    optional_text("phone3", "Phone3", 150),
    optional_code("phone3Type", "Phone3Type"),
    optional_text("phone3Comment", "Phone3Comment", 250),
    optional_text("phone4", "Phone4", 150),
    optional_code("phone4Type", "Phone4Type"),
    optional_text("phone4Comment", "Phone4Comment", 250),
    param("email", "Email", ParamKind::Email(50), true),
    param("email2", "Email2", ParamKind::Email(50), false),
    optional_text("contactInformation", "ContactInformation", 200),
    optional_text("info", "Info", 500),
    optional_code("country", "Country"),
    optional_text("ind", "Ind", 10),
    optional_text("region", "Region", 250),
    optional_text("rayon", "Rayon", 250),
    optional_text("city", "City", 150),
    optional_text("street", "Street", 150),
    optional_text("house", "House", 20),
    optional_text("korp", "Korp", 10),
    optional_text("stroenie", "Stroenie", 10),
    optional_text("flat", "Flat", 20),
    optional_code("countryUr", "CountryUr"),
    optional_text("indUr", "IndUr", 10),
    optional_text("regionUr", "RegionUr", 250),
    optional_text("rayonUr", "RayonUr", 250),
    optional_text("cityUr", "CityUr", 150),
    optional_text("streetUr", "StreetUr", 150),
    optional_text("houseUr", "HouseUr", 20),
    optional_text("korpUr", "KorpUr", 10),
    optional_text("stroenieUr", "StroenieUr", 10),
    optional_text("flatUr", "FlatUr", 20),
    optional_text("passportSeries", "PassportSeries", 20),
    optional_text("passportNumber", "PassportNumber", 20),
    param("passportIssueDate", "PassportIssueDate", ParamKind::Date, false),
    optional_text("passportIssueDept", "PassportIssueDept", 500),
    optional_text("passportKod", "PassportKod", 500),
    param("birthday", "Birthday", ParamKind::Date, true),
    optional_text("skype", "Skype", 100),
    optional_text("website", "Website", 500),
    optional_text("webAlias", "WebAlias", 50),
    optional_code("languages", "Languages"),
    param("flagEmailDoubleCheck", "FlagEmailDoubleCheck", ParamKind::Flag, false),
    optional_text("kpp", "KPP", 9),
    optional_text("okpo", "OKPO", 10),
    param("password", "Password", ParamKind::Password, false),
    param("passwordMd5", "Password", ParamKind::PasswordMd5, false),
    param("confirmPassword", "ConfirmPassword", ParamKind::Password, false),
    param("confirmPasswordMd5", "ConfirmPassword", ParamKind::PasswordMd5, false),
];

const PARTNERS_CREATE_RULES: &[Rule] = &[
    Rule::AtMostOne(&["password", "passwordMd5"]),
    Rule::AtMostOne(&["confirmPassword", "confirmPasswordMd5"]),
    Rule::Confirms { wire_name: "Password", confirmation: "ConfirmPassword" },
];

const fn directory(wire_name: &'static str, js_name: &'static str) -> OperationSpec {
    OperationSpec {
        wire_name,
        js_name,
        verb: Verb::Get,
        auth: Auth::ServiceTicket,
        idempotency: Idempotency::Idempotent,
        partner_access: PartnerAccess::Public,
        params: &[],
        rules: &[],
    }
}

const USERS_LOGIN: OperationSpec = OperationSpec {
    wire_name: "UsersLogin",
    js_name: "usersLogin",
    verb: Verb::Get,
    auth: Auth::None,
    idempotency: Idempotency::Idempotent,
    partner_access: PartnerAccess::ServiceOnly,
    params: LOGIN_PARAMS,
    rules: LOGIN_RULES,
};

const PARTNERS_LOGIN: OperationSpec = OperationSpec {
    wire_name: "PartnersLogin",
    js_name: "partnersLogin",
    verb: Verb::Get,
    auth: Auth::ServiceTicket,
    idempotency: Idempotency::Idempotent,
    partner_access: PartnerAccess::Public,
    params: LOGIN_PARAMS,
    rules: LOGIN_RULES,
};

const PARTNERS_PASSWORD_RESET_CREATE: OperationSpec = OperationSpec {
    wire_name: "PartnersPasswordResetCreate",
    js_name: "partnersPasswordResetCreate",
    verb: Verb::Get,
    auth: Auth::ServiceTicket,
    idempotency: Idempotency::NotIdempotent,
    partner_access: PartnerAccess::Public,
    params: &[param("email", "Email", ParamKind::Email(50), true)],
    rules: &[],
};

const PARTNERS_GET: OperationSpec = OperationSpec {
    wire_name: "PartnersGet",
    js_name: "partnersGet",
    verb: Verb::Get,
    auth: Auth::ServiceTicket,
    idempotency: Idempotency::Idempotent,
    partner_access: PartnerAccess::OwnData,
    params: &[
        param("partnersCode", "PartnersCode", ParamKind::Code, false),
        param("id", "Id", ParamKind::Text(20), false),
    ],
    rules: &[Rule::ExactlyOne(&["partnersCode", "id"])],
};

const PARTNERS_CREATE: OperationSpec = OperationSpec {
    wire_name: "PartnersCreate",
    js_name: "partnersCreate",
    verb: Verb::PostForm,
    auth: Auth::ServiceTicket,
    idempotency: Idempotency::NotIdempotent,
    partner_access: PartnerAccess::Public,
    params: PARTNERS_CREATE_PARAMS,
    rules: PARTNERS_CREATE_RULES,
};

const ACCOUNTS_LIST_GET: OperationSpec = OperationSpec {
    wire_name: "AccountsListGet",
    js_name: "accountsListGet",
    verb: Verb::Get,
    auth: Auth::ServiceTicket,
    idempotency: Idempotency::Idempotent,
    partner_access: PartnerAccess::OwnData,
    params: &[
        param("accountsShortName", "AccountsShortName", ParamKind::Choice(ACCOUNT_GROUPS), true),
        param("partnersCode", "PartnersCode", ParamKind::Code, false),
        param("currencyCode", "CurrencyCode", ParamKind::Code, true),
    ],
    rules: &[Rule::RequiredWhen { field: "partnersCode", other: "accountsShortName", equals: "PLA" }],
};

const FIN_IN_COME: OperationSpec = OperationSpec {
    wire_name: "FinInCome",
    js_name: "finInCome",
    verb: Verb::Get,
    auth: Auth::ServiceTicket,
    idempotency: Idempotency::OnlyInValidationMode,
    partner_access: PartnerAccess::ServiceOnly,
    params: FIN_PARAMS,
    rules: &[],
};

const FIN_OUT_COME: OperationSpec = OperationSpec {
    wire_name: "FinOutCome",
    js_name: "finOutCome",
    ..FIN_IN_COME
};

impl Operation {
    /// All operations, in the order of OKsoft's guide.
    pub const ALL: [Operation; 14] = [
        Operation::UsersLogin,
        Operation::PartnersLogin,
        Operation::PartnersPasswordResetCreate,
        Operation::PartnersGet,
        Operation::CountriesListGet,
        Operation::SexListGet,
        Operation::PhoneTypesListGet,
        Operation::LanguagesListGet,
        Operation::PartnersGroupsListGet,
        Operation::PartnersCreate,
        Operation::CurrenciesList,
        Operation::AccountsListGet,
        Operation::FinInCome,
        Operation::FinOutCome,
    ];

    /// The catalogue entry of this operation.
    pub fn spec(self) -> &'static OperationSpec {
        const COUNTRIES: OperationSpec = directory("CountriesListGet", "countriesListGet");
        const SEXES: OperationSpec = directory("SexListGet", "sexListGet");
        const PHONE_TYPES: OperationSpec = directory("PhoneTypesListGet", "phoneTypesListGet");
        const LANGUAGES: OperationSpec = directory("LanguagesListGet", "languagesListGet");
        const GROUPS: OperationSpec = directory("PartnersGroupsListGet", "partnersGroupsListGet");
        const CURRENCIES: OperationSpec = directory("CurrenciesList", "currenciesList");
        match self {
            Operation::UsersLogin => &USERS_LOGIN,
            Operation::PartnersLogin => &PARTNERS_LOGIN,
            Operation::PartnersPasswordResetCreate => &PARTNERS_PASSWORD_RESET_CREATE,
            Operation::PartnersGet => &PARTNERS_GET,
            Operation::CountriesListGet => &COUNTRIES,
            Operation::SexListGet => &SEXES,
            Operation::PhoneTypesListGet => &PHONE_TYPES,
            Operation::LanguagesListGet => &LANGUAGES,
            Operation::PartnersGroupsListGet => &GROUPS,
            Operation::PartnersCreate => &PARTNERS_CREATE,
            Operation::CurrenciesList => &CURRENCIES,
            Operation::AccountsListGet => &ACCOUNTS_LIST_GET,
            Operation::FinInCome => &FIN_IN_COME,
            Operation::FinOutCome => &FIN_OUT_COME,
        }
    }

    /// The operation with this wire name (either login spelling), if any.
    pub fn from_wire_name(name: &str) -> Option<Operation> {
        if name == USERS_LOGIN_ALTERNATE_NAME {
            return Some(Operation::UsersLogin);
        }
        Operation::ALL.into_iter().find(|operation| operation.spec().wire_name == name)
    }

    /// Whether sending this call again is safe: fixed per operation, and for
    /// FinInCome/FinOutCome true only in `validation` mode.
    pub fn is_idempotent(self, validation_mode: bool) -> bool {
        match self.spec().idempotency {
            Idempotency::Idempotent => true,
            Idempotency::NotIdempotent => false,
            Idempotency::OnlyInValidationMode => validation_mode,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fourteen_distinct_operations() {
        let mut wire_names: Vec<&str> = Operation::ALL.iter().map(|op| op.spec().wire_name).collect();
        wire_names.sort_unstable();
        wire_names.dedup();
        assert_eq!(wire_names.len(), 14);
        for operation in Operation::ALL {
            assert_eq!(Operation::from_wire_name(operation.spec().wire_name), Some(operation));
        }
        assert_eq!(Operation::from_wire_name("UserLogin"), Some(Operation::UsersLogin));
        assert_eq!(Operation::from_wire_name("Nope"), None);
    }

    #[test]
    fn only_partners_create_is_posted() {
        for operation in Operation::ALL {
            let expected = if operation == Operation::PartnersCreate { Verb::PostForm } else { Verb::Get };
            assert_eq!(operation.spec().verb, expected, "{operation:?}");
        }
    }

    #[test]
    fn partner_access_per_operation() {
        let service_only: Vec<Operation> =
            Operation::ALL.into_iter().filter(|op| op.spec().partner_access == PartnerAccess::ServiceOnly).collect();
        assert_eq!(service_only, [Operation::UsersLogin, Operation::FinInCome, Operation::FinOutCome]);
        let own_data: Vec<Operation> =
            Operation::ALL.into_iter().filter(|op| op.spec().partner_access == PartnerAccess::OwnData).collect();
        assert_eq!(own_data, [Operation::PartnersGet, Operation::AccountsListGet]);
    }

    #[test]
    fn idempotency_per_operation() {
        assert!(Operation::PartnersGet.is_idempotent(false));
        assert!(Operation::UsersLogin.is_idempotent(false));
        assert!(!Operation::PartnersCreate.is_idempotent(false));
        assert!(!Operation::PartnersPasswordResetCreate.is_idempotent(false));
        assert!(Operation::FinInCome.is_idempotent(true));
        assert!(!Operation::FinInCome.is_idempotent(false));
        assert!(!Operation::FinOutCome.is_idempotent(false));
    }

    #[test]
    fn js_names_unique_within_operation() {
        for operation in Operation::ALL {
            let mut names: Vec<&str> = operation.spec().params.iter().map(|p| p.js_name).collect();
            let count = names.len();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), count, "{operation:?}");
        }
    }

    #[test]
    fn partners_create_covers_guide_table() {
        let wire: Vec<&str> = PARTNERS_CREATE_PARAMS.iter().map(|p| p.wire_name).collect();
        for name in ["Name", "FirstName", "Email", "Birthday", "PhoneTypes", "Phone4Type", "FlatUr", "OKPO", "ConfirmPassword"] {
            assert!(wire.contains(&name), "{name}");
        }
        let required: Vec<&str> = PARTNERS_CREATE_PARAMS.iter().filter(|p| p.required).map(|p| p.js_name).collect();
        assert_eq!(required, ["name", "firstName", "email", "birthday"]);
    }
}
