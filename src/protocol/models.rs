//! Typed results of each operation, decoded from OKsoft's JSON.

use super::catalogue::Operation;
use super::dates::parse_server_timestamp;
use super::decode::{boolean, float, integer, parse_body, text_field, Envelope};
use super::error::{AmountProblem, Error, ErrorCode};
use super::json::{Object, Value};
use super::money::Money;

/// UsersLogin: the service Ticket. The client keeps it and never hands it to callers.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceLogin {
    pub ticket: String,
    pub result_number: i64,
    pub result_text: Option<String>,
}

/// PartnersLogin: a partner's session.
#[derive(Debug, Clone, PartialEq)]
pub struct PartnerLogin {
    pub partners_code: i64,
    pub fio: Option<String>,
    pub partners_ticket: String,
    pub result_text: Option<String>,
}

/// A successful envelope that carries nothing but its text (PartnersPasswordResetCreate).
#[derive(Debug, Clone, PartialEq)]
pub struct Acknowledgement {
    pub result_number: i64,
    pub result_text: Option<String>,
}

/// PartnersCreate: the new partner's code.
#[derive(Debug, Clone, PartialEq)]
pub struct PartnerCreated {
    pub partners_code: i64,
    pub result_text: Option<String>,
}

/// FinInCome / FinOutCome.
#[derive(Debug, Clone, PartialEq)]
pub struct FinResult {
    /// Parsed out of `ResultText` ("Транзакция № 1187738"); `None` in validation mode.
    pub transaction_number: Option<i64>,
    pub result_number: i64,
    pub result_text: Option<String>,
}

/// A code with a name: an entry of SexListGet or PhoneTypesListGet, or a partner's sex.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeName {
    pub code: i64,
    pub name: Option<String>,
}

/// An entry of CountriesListGet.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    pub code: i64,
    pub name: Option<String>,
    pub kod: Option<String>,
}

/// An entry of LanguagesListGet.
#[derive(Debug, Clone, PartialEq)]
pub struct Language {
    pub code: i64,
    pub alias: Option<String>,
    pub name: Option<String>,
    pub sort_order: Option<i64>,
    pub is_default: Option<bool>,
    pub system_key: Option<String>,
    pub culture: Option<String>,
    pub foreign_name: Option<String>,
    pub iso_name: Option<String>,
    pub flag_icon: Option<String>,
}

/// An entry of PartnersGroupsListGet, or a group a partner belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct PartnersGroup {
    pub code: i64,
    pub name: Option<String>,
    /// `"Y"` on the wire; the directory sends `""`.
    pub checked: bool,
}

/// An entry of CurrenciesList.
#[derive(Debug, Clone, PartialEq)]
pub struct Currency {
    pub code: i64,
    pub name: Option<String>,
    pub full_name: Option<String>,
    pub short_name: Option<String>,
    /// As sent, such as `"0,128, 0"`.
    pub color_rgb: Option<String>,
    pub rate: Option<f64>,
}

impl Currency {
    /// `ColorRGB` as a CSS colour (`#008000`), when it is three numbers from 0 to 255.
    pub fn css_color(&self) -> Option<String> {
        let channels: Vec<u8> = self
            .color_rgb
            .as_deref()?
            .split(',')
            .map(|part| part.trim().parse::<u8>())
            .collect::<Result<_, _>>()
            .ok()?;
        match channels.as_slice() {
            [red, green, blue] => Some(format!("#{red:02x}{green:02x}{blue:02x}")),
            _ => None,
        }
    }
}

/// An entry of AccountsListGet.
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    pub code: i64,
    pub long_name: Option<String>,
    pub short_name: Option<String>,
    /// Balance in the requested currency as an exact decimal string, `"1234.50"`; a
    /// balance with more than two decimals keeps all of them.
    pub stock: Option<String>,
}

/// PartnersGet: a partner's profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Partner {
    pub code: i64,
    pub id: Option<String>,
    pub login: Option<String>,
    pub fio: Option<String>,
    /// Surname.
    pub name: Option<String>,
    pub first_name: Option<String>,
    pub patronymic: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub phone2: Option<String>,
    pub city: Option<String>,
    pub country_name: Option<String>,
    pub region: Option<String>,
    pub rayon: Option<String>,
    pub real_address: Option<String>,
    pub contact_information: Option<String>,
    pub info: Option<String>,
    /// Registration time in milliseconds since the Unix epoch.
    pub create_date: Option<f64>,
    pub partners_groups_list: Vec<PartnersGroup>,
    pub registration_allowed: Option<bool>,
    pub service_stop: Option<bool>,
    pub sex: Option<CodeName>,
    pub sponsor_code: Option<i64>,
    pub web_alias: Option<String>,
}

fn unexpected(operation: Operation, detail: impl Into<String>) -> Error {
    Error::decode(operation.spec().wire_name, ErrorCode::UnexpectedResponse, detail)
}

/// Parses the body and fails on an error envelope, whatever shape success would have.
fn successful_value(operation: Operation, body: &[u8]) -> Result<Value, Error> {
    let value = parse_body(operation, body)?;
    if let Some(envelope) = Envelope::read(&value) {
        if envelope.result_number < 0 {
            envelope.check(operation)?;
        }
    }
    Ok(value)
}

fn successful_envelope(operation: Operation, body: &[u8]) -> Result<Envelope, Error> {
    let value = parse_body(operation, body)?;
    Envelope::read(&value)
        .ok_or_else(|| unexpected(operation, "no ResultNumber in the response"))?
        .check(operation)
}

/// Decodes UsersLogin.
pub fn decode_service_login(body: &[u8]) -> Result<ServiceLogin, Error> {
    let operation = Operation::UsersLogin;
    let envelope = successful_envelope(operation, body)?;
    let ticket = envelope.ticket.filter(|ticket| !ticket.trim().is_empty());
    let ticket = ticket.ok_or_else(|| unexpected(operation, "login succeeded but no Ticket came back"))?;
    Ok(ServiceLogin { ticket, result_number: envelope.result_number, result_text: envelope.result_text })
}

/// Decodes PartnersLogin.
pub fn decode_partner_login(body: &[u8]) -> Result<PartnerLogin, Error> {
    let operation = Operation::PartnersLogin;
    let envelope = successful_envelope(operation, body)?;
    let partners_ticket = envelope
        .optional_value("PartnersTicket")
        .filter(|ticket| !ticket.trim().is_empty())
        .map(str::to_string)
        .ok_or_else(|| unexpected(operation, "login succeeded but no PartnersTicket came back"))?;
    let partners_code = envelope
        .result_code_value
        .ok_or_else(|| unexpected(operation, "login succeeded but ResultCodeValue holds no partner code"))?;
    Ok(PartnerLogin {
        partners_code,
        fio: envelope.optional_value("Fio").map(str::to_string),
        partners_ticket,
        result_text: envelope.result_text,
    })
}

/// Decodes PartnersPasswordResetCreate.
pub fn decode_acknowledgement(operation: Operation, body: &[u8]) -> Result<Acknowledgement, Error> {
    let envelope = successful_envelope(operation, body)?;
    Ok(Acknowledgement { result_number: envelope.result_number, result_text: envelope.result_text })
}

/// Decodes PartnersCreate; the new code comes in `ResultCodeValue`, not in the
/// `PartnerId` the guide's table names.
pub fn decode_partner_created(body: &[u8]) -> Result<PartnerCreated, Error> {
    let operation = Operation::PartnersCreate;
    let envelope = successful_envelope(operation, body)?;
    let partners_code = envelope
        .result_code_value
        .ok_or_else(|| unexpected(operation, "registration succeeded but ResultCodeValue holds no partner code"))?;
    Ok(PartnerCreated { partners_code, result_text: envelope.result_text })
}

/// Decodes FinInCome or FinOutCome.
pub fn decode_fin_result(operation: Operation, body: &[u8]) -> Result<FinResult, Error> {
    let envelope = successful_envelope(operation, body)?;
    Ok(FinResult {
        transaction_number: envelope.result_text.as_deref().and_then(transaction_number),
        result_number: envelope.result_number,
        result_text: envelope.result_text,
    })
}

/// The number after `№` in "Транзакция № 1187738" (the space is optional), or after
/// `N`/`#` where a server writes those instead.
pub fn transaction_number(result_text: &str) -> Option<i64> {
    let after_mark = result_text.split_once(['№', '#']).map(|(_, rest)| rest)?;
    let digits: String = after_mark.trim_start().chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Decodes PartnersGet. An empty body or a JSON `null`, which is how a WCF service
/// returns no object, means the partner was not found.
pub fn decode_partner(body: &[u8]) -> Result<Partner, Error> {
    let operation = Operation::PartnersGet;
    let not_found = || Error::api(ErrorCode::PartnerNotFound, operation.spec().wire_name, None, None);
    let value = match successful_value(operation, body) {
        Err(error) if error.code == ErrorCode::EmptyResponse => return Err(not_found()),
        Ok(Value::Null) => return Err(not_found()),
        other => other?,
    };
    let object = value.as_object().ok_or_else(|| unexpected(operation, "expected a partner object"))?;
    let code = object
        .get("Code")
        .and_then(integer)
        .ok_or_else(|| unexpected(operation, "the partner object has no Code"))?;

    let groups = match object.get("PartnersGroupsList") {
        Some(Value::Array(items)) => read_list(operation, items, read_group)?,
        _ => Vec::new(),
    };
    let sex = object.get("Sex").and_then(Value::as_object).and_then(|sex| {
        Some(CodeName { code: sex.get("Code").and_then(integer)?, name: text_field(sex, "Name") })
    });

    Ok(Partner {
        code,
        id: text_field(object, "Id"),
        login: text_field(object, "Login"),
        fio: text_field(object, "Fio"),
        name: text_field(object, "Name"),
        first_name: text_field(object, "FirstName"),
        patronymic: text_field(object, "Patronymic"),
        email: text_field(object, "Email"),
        phone: text_field(object, "Phone"),
        phone2: text_field(object, "Phone2"),
        city: text_field(object, "City"),
        country_name: text_field(object, "CountryName"),
        region: text_field(object, "Region"),
        rayon: text_field(object, "Rayon"),
        real_address: text_field(object, "RealAddress"),
        contact_information: text_field(object, "ContactInformation"),
        info: text_field(object, "Info"),
        create_date: object.get("CreateDate").and_then(Value::as_str).and_then(parse_server_timestamp),
        partners_groups_list: groups,
        registration_allowed: object.get("RegistrationAllowed").and_then(boolean),
        service_stop: object.get("ServiceStop").and_then(boolean),
        sex,
        sponsor_code: object.get("SponsorCode").and_then(integer),
        web_alias: text_field(object, "WebAlias"),
    })
}

/// Decodes a directory or account list: a JSON array of objects, each with a `Code`.
pub fn decode_list<T>(
    operation: Operation,
    body: &[u8],
    read_item: fn(i64, &Object) -> T,
) -> Result<Vec<T>, Error> {
    match successful_value(operation, body)? {
        Value::Array(items) => read_list(operation, &items, read_item),
        _ => Err(unexpected(operation, "expected a JSON array")),
    }
}

fn read_list<T>(
    operation: Operation,
    items: &[Value],
    read_item: fn(i64, &Object) -> T,
) -> Result<Vec<T>, Error> {
    // A plain loop over a non-generic check: one copy of this function is made per item
    // type, and an iterator chain with `collect` made each copy several times larger.
    let mut list = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let (code, object) = list_item(operation, index, item)?;
        list.push(read_item(code, object));
    }
    Ok(list)
}

/// Returns the `Code` and fields of list item `index`, which must be an object.
fn list_item(operation: Operation, index: usize, item: &Value) -> Result<(i64, &Object), Error> {
    let object = item.as_object().ok_or_else(|| unexpected(operation, format!("item {index} is not an object")))?;
    let code = object
        .get("Code")
        .and_then(integer)
        .ok_or_else(|| unexpected(operation, format!("item {index} has no integer Code")))?;
    Ok((code, object))
}

/// Reads a CodeName list item.
pub fn read_code_name(code: i64, object: &Object) -> CodeName {
    CodeName { code, name: text_field(object, "Name") }
}

/// Reads a CountriesListGet item.
pub fn read_country(code: i64, object: &Object) -> Country {
    Country { code, name: text_field(object, "Name"), kod: text_field(object, "Kod") }
}

/// Reads a LanguagesListGet item.
pub fn read_language(code: i64, object: &Object) -> Language {
    Language {
        code,
        alias: text_field(object, "Alias"),
        name: text_field(object, "Name"),
        sort_order: object.get("SortOrder").and_then(integer),
        is_default: object.get("IsDefault").and_then(boolean),
        system_key: text_field(object, "SystemKey"),
        culture: text_field(object, "Culture"),
        foreign_name: text_field(object, "ForeignName"),
        iso_name: text_field(object, "IsoName"),
        flag_icon: text_field(object, "FlagIcon"),
    }
}

/// Reads a partners group, from the directory or from a profile.
pub fn read_group(code: i64, object: &Object) -> PartnersGroup {
    let checked = object.get("Checked").and_then(boolean).unwrap_or(false);
    PartnersGroup { code, name: text_field(object, "Name"), checked }
}

/// Reads a CurrenciesList item.
pub fn read_currency(code: i64, object: &Object) -> Currency {
    Currency {
        code,
        name: text_field(object, "Name"),
        full_name: text_field(object, "FullName"),
        short_name: text_field(object, "ShortName"),
        color_rgb: text_field(object, "ColorRGB"),
        rate: object.get("Rate").and_then(float),
    }
}

/// Reads an AccountsListGet item.
pub fn read_account(code: i64, object: &Object) -> Account {
    Account {
        code,
        long_name: text_field(object, "LongName"),
        short_name: text_field(object, "ShortName"),
        stock: object.get("Stock").and_then(exact_decimal),
    }
}

/// An amount as an exact decimal string with at least two decimals. A JSON number that
/// `Money` cannot hold (more decimals, too large) is kept as it was sent.
fn exact_decimal(value: &Value) -> Option<String> {
    match value {
        Value::Number(number) => match Money::parse_decimal(number.as_str()) {
            Ok(money) => Some(money.to_decimal_string()),
            Err(_) => Some(number.as_str().to_string()),
        },
        Value::String(text) => {
            let text = text.trim();
            match Money::parse_decimal(text) {
                Ok(money) => Some(money.to_decimal_string()),
                Err(AmountProblem::TooPrecise | AmountProblem::TooLarge) => Some(text.to_string()),
                Err(_) => None,
            }
        }
        _ => None,
    }
}
