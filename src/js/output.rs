//! Typed results as plain JS objects with camelCase fields, `null` for absent values
//! and `Date` for timestamps.
//!
//! Each result is written as JSON text in Rust and parsed once with `JSON.parse`, which
//! crosses the JS boundary once per result instead of once per field.

use js_sys::Reflect;
use wasm_bindgen::JsValue;

use crate::protocol::catalogue::Operation;
use crate::protocol::error::{Error, ErrorCode};
use crate::protocol::numbers::format_number;
use crate::protocol::models::{
    self, Account, Acknowledgement, CodeName, Country, Currency, FinResult, Language, Partner, PartnerCreated,
    PartnerLogin, PartnersGroup,
};

/// Decodes the response body of `operation` and converts the result to its JS object.
/// UsersLogin never gets here: its ticket stays inside the client.
pub fn decode_to_js(operation: Operation, body: &[u8]) -> Result<JsValue, Error> {
    let method = operation.spec().wire_name;
    let json = match operation {
        Operation::UsersLogin => models::decode_service_login(body).map(|_| "null".to_string()),
        Operation::PartnersLogin => models::decode_partner_login(body).map(|result| partner_login(&result)),
        Operation::PartnersPasswordResetCreate => {
            models::decode_acknowledgement(operation, body).map(|result| acknowledgement(&result))
        }
        Operation::PartnersGet => {
            let result = models::decode_partner(body)?;
            let js_partner = parse(method, &partner(&result))?;
            // JSON has no dates, so the registration time becomes a Date afterwards.
            if let Some(epoch_ms) = result.create_date {
                let js_date = js_sys::Date::new(&JsValue::from_f64(epoch_ms));
                let _ = Reflect::set(&js_partner, &JsValue::from_str("createDate"), &js_date);
            }
            return Ok(js_partner);
        }
        Operation::CountriesListGet => {
            models::decode_list(operation, body, models::read_country).map(|items| list(&items, country))
        }
        Operation::SexListGet | Operation::PhoneTypesListGet => {
            models::decode_list(operation, body, models::read_code_name).map(|items| list(&items, code_name))
        }
        Operation::LanguagesListGet => {
            models::decode_list(operation, body, models::read_language).map(|items| list(&items, language))
        }
        Operation::PartnersGroupsListGet => {
            models::decode_list(operation, body, models::read_group).map(|items| list(&items, partners_group))
        }
        Operation::PartnersCreate => models::decode_partner_created(body).map(|result| partner_created(&result)),
        Operation::CurrenciesList => {
            models::decode_list(operation, body, models::read_currency).map(|items| list(&items, currency))
        }
        Operation::AccountsListGet => {
            models::decode_list(operation, body, models::read_account).map(|items| list(&items, account))
        }
        Operation::FinInCome | Operation::FinOutCome => {
            models::decode_fin_result(operation, body).map(|result| fin_result(&result))
        }
    }?;
    parse(method, &json)
}

/// Converts the acknowledgement of a login to its JS object.
pub fn acknowledgement_to_js(method: &'static str, result: &Acknowledgement) -> Result<JsValue, Error> {
    parse(method, &acknowledgement(result))
}

/// Writes one JSON object, field by field.
struct JsRecord(String);

impl JsRecord {
    fn new() -> JsRecord {
        JsRecord(String::from("{"))
    }

    /// Adds a field whose value is already JSON text.
    fn value(mut self, key: &str, json: &str) -> JsRecord {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        push_json_string(&mut self.0, key);
        self.0.push(':');
        self.0.push_str(json);
        self
    }

    fn text(self, key: &str, text: Option<&str>) -> JsRecord {
        match text {
            Some(text) => {
                let mut json = String::with_capacity(text.len() + 2);
                push_json_string(&mut json, text);
                self.value(key, &json)
            }
            None => self.value(key, "null"),
        }
    }

    fn integer(self, key: &str, number: Option<i64>) -> JsRecord {
        match number {
            Some(number) => self.value(key, &number.to_string()),
            None => self.value(key, "null"),
        }
    }

    /// Adds a number; NaN and infinities, which JSON cannot hold, become `null`.
    fn float(self, key: &str, number: Option<f64>) -> JsRecord {
        match number.filter(|number| number.is_finite()) {
            Some(number) => self.value(key, &format_number(number)),
            None => self.value(key, "null"),
        }
    }

    fn boolean(self, key: &str, flag: Option<bool>) -> JsRecord {
        let json = match flag {
            Some(true) => "true",
            Some(false) => "false",
            None => "null",
        };
        self.value(key, json)
    }

    fn finish(mut self) -> String {
        self.0.push('}');
        self.0
    }
}

/// Appends `text` as a JSON string literal, copying runs of bytes that need no escape in
/// one step. Bytes of multi-byte UTF-8 characters are all 0x80 or above, so every byte
/// that needs an escape is ASCII and a char boundary.
fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    let mut run_start = 0;
    for (index, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(text.get(run_start..index).unwrap_or_default());
        if escape.is_empty() {
            out.push_str(&format!("\\u{byte:04x}"));
        } else {
            out.push_str(escape);
        }
        run_start = index + 1;
    }
    out.push_str(text.get(run_start..).unwrap_or_default());
    out.push('"');
}

/// A JSON array of converted items.
pub fn list<T>(items: &[T], convert: fn(&T) -> String) -> String {
    let mut json = String::from("[");
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            json.push(',');
        }
        json.push_str(&convert(item));
    }
    json.push(']');
    json
}

/// Parses JSON written by this module into a JS value.
fn parse(method: &'static str, json: &str) -> Result<JsValue, Error> {
    js_sys::JSON::parse(json).map_err(|_| Error::decode(method, ErrorCode::UnexpectedResponse, "result conversion failed"))
}

pub fn acknowledgement(result: &Acknowledgement) -> String {
    JsRecord::new()
        .integer("resultNumber", Some(result.result_number))
        .text("resultText", result.result_text.as_deref())
        .finish()
}

pub fn partner_login(login: &PartnerLogin) -> String {
    JsRecord::new()
        .integer("partnersCode", Some(login.partners_code))
        .text("fio", login.fio.as_deref())
        .text("partnersTicket", Some(&login.partners_ticket))
        .text("resultText", login.result_text.as_deref())
        .finish()
}

pub fn partner_created(created: &PartnerCreated) -> String {
    JsRecord::new()
        .integer("partnersCode", Some(created.partners_code))
        .text("resultText", created.result_text.as_deref())
        .finish()
}

pub fn fin_result(result: &FinResult) -> String {
    JsRecord::new()
        .integer("transactionNumber", result.transaction_number)
        .integer("resultNumber", Some(result.result_number))
        .text("resultText", result.result_text.as_deref())
        .finish()
}

pub fn code_name(entry: &CodeName) -> String {
    JsRecord::new().integer("code", Some(entry.code)).text("name", entry.name.as_deref()).finish()
}

pub fn country(entry: &Country) -> String {
    JsRecord::new()
        .integer("code", Some(entry.code))
        .text("name", entry.name.as_deref())
        .text("kod", entry.kod.as_deref())
        .finish()
}

pub fn language(entry: &Language) -> String {
    JsRecord::new()
        .integer("code", Some(entry.code))
        .text("alias", entry.alias.as_deref())
        .text("name", entry.name.as_deref())
        .integer("sortOrder", entry.sort_order)
        .boolean("isDefault", entry.is_default)
        .text("systemKey", entry.system_key.as_deref())
        .text("culture", entry.culture.as_deref())
        .text("foreignName", entry.foreign_name.as_deref())
        .text("isoName", entry.iso_name.as_deref())
        .text("flagIcon", entry.flag_icon.as_deref())
        .finish()
}

pub fn partners_group(entry: &PartnersGroup) -> String {
    JsRecord::new()
        .integer("code", Some(entry.code))
        .text("name", entry.name.as_deref())
        .boolean("checked", Some(entry.checked))
        .finish()
}

pub fn currency(entry: &Currency) -> String {
    JsRecord::new()
        .integer("code", Some(entry.code))
        .text("name", entry.name.as_deref())
        .text("fullName", entry.full_name.as_deref())
        .text("shortName", entry.short_name.as_deref())
        .text("colorRgb", entry.color_rgb.as_deref())
        .text("color", entry.css_color().as_deref())
        .float("rate", entry.rate)
        .finish()
}

pub fn account(entry: &Account) -> String {
    JsRecord::new()
        .integer("code", Some(entry.code))
        .text("longName", entry.long_name.as_deref())
        .text("shortName", entry.short_name.as_deref())
        .text("stock", entry.stock.as_deref())
        .finish()
}

pub fn partner(partner: &Partner) -> String {
    let sex = partner.sex.as_ref().map(code_name).unwrap_or_else(|| "null".to_string());
    JsRecord::new()
        .integer("code", Some(partner.code))
        .text("id", partner.id.as_deref())
        .text("login", partner.login.as_deref())
        .text("fio", partner.fio.as_deref())
        .text("name", partner.name.as_deref())
        .text("firstName", partner.first_name.as_deref())
        .text("patronymic", partner.patronymic.as_deref())
        .text("email", partner.email.as_deref())
        .text("phone", partner.phone.as_deref())
        .text("phone2", partner.phone2.as_deref())
        .text("city", partner.city.as_deref())
        .text("countryName", partner.country_name.as_deref())
        .text("region", partner.region.as_deref())
        .text("rayon", partner.rayon.as_deref())
        .text("realAddress", partner.real_address.as_deref())
        .text("contactInformation", partner.contact_information.as_deref())
        .text("info", partner.info.as_deref())
        .value("createDate", "null")
        .value("partnersGroupsList", &list(&partner.partners_groups_list, partners_group))
        .boolean("registrationAllowed", partner.registration_allowed)
        .boolean("serviceStop", partner.service_stop)
        .value("sex", &sex)
        .integer("sponsorCode", partner.sponsor_code)
        .text("webAlias", partner.web_alias.as_deref())
        .finish()
}
