//! Typed results as plain JS objects with camelCase fields, `null` for absent values
//! and `Date` for timestamps.

use js_sys::{Array, Date, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::protocol::catalogue::Operation;
use crate::protocol::error::Error;
use crate::protocol::models::{
    self, Account, Acknowledgement, CodeName, Country, Currency, FinResult, Language, Partner, PartnerCreated,
    PartnerLogin, PartnersGroup,
};

/// Decodes the response body of `operation` and converts the result to its JS object.
/// UsersLogin never gets here: its ticket stays inside the client.
pub fn decode_to_js(operation: Operation, body: &[u8]) -> Result<JsValue, Error> {
    match operation {
        Operation::UsersLogin => models::decode_service_login(body).map(|_| JsValue::UNDEFINED),
        Operation::PartnersLogin => models::decode_partner_login(body).map(|result| partner_login(&result)),
        Operation::PartnersPasswordResetCreate => {
            models::decode_acknowledgement(operation, body).map(|result| acknowledgement(&result))
        }
        Operation::PartnersGet => models::decode_partner(body).map(|result| partner(&result)),
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
    }
}

/// Builds one plain object, field by field.
struct JsRecord(Object);

impl JsRecord {
    fn new() -> JsRecord {
        JsRecord(Object::new())
    }

    fn value(self, key: &str, js_value: &JsValue) -> JsRecord {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&self.0, &JsValue::from_str(key), js_value);
        self
    }

    fn text(self, key: &str, text: Option<&str>) -> JsRecord {
        self.value(key, &text.map(JsValue::from_str).unwrap_or(JsValue::NULL))
    }

    fn integer(self, key: &str, number: Option<i64>) -> JsRecord {
        self.value(key, &number.map(|n| JsValue::from_f64(n as f64)).unwrap_or(JsValue::NULL))
    }

    fn float(self, key: &str, number: Option<f64>) -> JsRecord {
        self.value(key, &number.map(JsValue::from_f64).unwrap_or(JsValue::NULL))
    }

    fn boolean(self, key: &str, flag: Option<bool>) -> JsRecord {
        self.value(key, &flag.map(JsValue::from_bool).unwrap_or(JsValue::NULL))
    }

    fn date(self, key: &str, epoch_ms: Option<f64>) -> JsRecord {
        let js_date = epoch_ms.map(|ms| JsValue::from(Date::new(&JsValue::from_f64(ms))));
        self.value(key, &js_date.unwrap_or(JsValue::NULL))
    }

    fn finish(self) -> JsValue {
        self.0.into()
    }
}

/// A JS array of converted items.
pub fn list<T>(items: &[T], convert: fn(&T) -> JsValue) -> JsValue {
    items.iter().map(convert).collect::<Array>().into()
}

pub fn acknowledgement(result: &Acknowledgement) -> JsValue {
    JsRecord::new()
        .integer("resultNumber", Some(result.result_number))
        .text("resultText", result.result_text.as_deref())
        .finish()
}

pub fn partner_login(login: &PartnerLogin) -> JsValue {
    JsRecord::new()
        .integer("partnersCode", Some(login.partners_code))
        .text("fio", login.fio.as_deref())
        .text("partnersTicket", Some(&login.partners_ticket))
        .text("resultText", login.result_text.as_deref())
        .finish()
}

pub fn partner_created(created: &PartnerCreated) -> JsValue {
    JsRecord::new()
        .integer("partnersCode", Some(created.partners_code))
        .text("resultText", created.result_text.as_deref())
        .finish()
}

pub fn fin_result(result: &FinResult) -> JsValue {
    JsRecord::new()
        .integer("transactionNumber", result.transaction_number)
        .integer("resultNumber", Some(result.result_number))
        .text("resultText", result.result_text.as_deref())
        .finish()
}

pub fn code_name(entry: &CodeName) -> JsValue {
    JsRecord::new().integer("code", Some(entry.code)).text("name", entry.name.as_deref()).finish()
}

pub fn country(entry: &Country) -> JsValue {
    JsRecord::new()
        .integer("code", Some(entry.code))
        .text("name", entry.name.as_deref())
        .text("kod", entry.kod.as_deref())
        .finish()
}

pub fn language(entry: &Language) -> JsValue {
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

pub fn partners_group(entry: &PartnersGroup) -> JsValue {
    JsRecord::new()
        .integer("code", Some(entry.code))
        .text("name", entry.name.as_deref())
        .boolean("checked", Some(entry.checked))
        .finish()
}

pub fn currency(entry: &Currency) -> JsValue {
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

pub fn account(entry: &Account) -> JsValue {
    JsRecord::new()
        .integer("code", Some(entry.code))
        .text("longName", entry.long_name.as_deref())
        .text("shortName", entry.short_name.as_deref())
        .text("stock", entry.stock.as_deref())
        .finish()
}

pub fn partner(partner: &Partner) -> JsValue {
    let sex = partner.sex.as_ref().map(code_name).unwrap_or(JsValue::NULL);
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
        .date("createDate", partner.create_date)
        .value("partnersGroupsList", &list(&partner.partners_groups_list, partners_group))
        .boolean("registrationAllowed", partner.registration_allowed)
        .boolean("serviceStop", partner.service_stop)
        .value("sex", &sex)
        .integer("sponsorCode", partner.sponsor_code)
        .text("webAlias", partner.web_alias.as_deref())
        .finish()
}
