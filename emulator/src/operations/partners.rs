//! PartnersGet: a partner profile by OKsoft code or by external Id.

use super::{code_envelope, code_param, not_integer_message, CodeParam, Reply};
use crate::params::Params;
use crate::seed::{directory_name, COUNTRIES, SEXES};
use crate::state::{Partner, Store};
use crate::value::object;
use crate::value::Value;

/// Returns the profile of the partner named by exactly one of `PartnersCode` and `Id`.
///
/// An unknown code gets the vendor guide's "Контрагент не найден" envelope. An unknown Id gets
/// an empty body, because the vendor guide states that a failed call may return no
/// response at all ("ответ возвращен не будет"), and clients must cope with that.
pub fn partners_get(store: &Store, params: &Params) -> Reply {
    let code = code_param(params, "PartnersCode");
    let id = params.text("Id");

    let partner = match (code, id) {
        (CodeParam::Present(code), None) => store.partners.get(&code),
        (CodeParam::NotInteger(text), None) => {
            let message = not_integer_message("PartnersCode", &text);
            return Reply::Document(code_envelope(None, -1, &message));
        }
        (CodeParam::Missing, Some(id)) => match store.partner_by_id(id) {
            Some(partner) => Some(partner),
            None => return Reply::Empty,
        },
        _ => {
            return Reply::Document(code_envelope(
                None,
                -1,
                "Необходимо передать PartnersCode или Id",
            ));
        }
    };

    let document = match partner {
        Some(partner) => profile(partner),
        None => code_envelope(None, -1, "Контрагент не найден"),
    };
    Reply::Document(document)
}

/// Builds the profile with the fields and key order of the vendor guide's PartnersGet example.
fn profile(partner: &Partner) -> Value {
    let country_name = partner
        .country_code
        .and_then(|code| directory_name(COUNTRIES, code));
    let create_date = partner
        .create_date
        .map(|milliseconds| format!("/Date({milliseconds}+0300)/"));
    let groups: Vec<Value> = partner
        .groups
        .iter()
        .map(|group| object! { "Checked": "Y", "Code": group.code, "Name": &group.name })
        .collect();
    let sex = partner.sex_code.map(|code| {
        object! { "Code": code, "Name": directory_name(SEXES, code) }
    });

    object! {
        "City": partner.city.clone(),
        "Code": partner.code,
        "ContactInformation": partner.contact_information.clone(),
        "CountryName": country_name,
        "CreateDate": create_date,
        "Email": &partner.email,
        "Fio": partner.fio(),
        "FirstName": &partner.first_name,
        "Id": partner.id.clone(),
        "Info": partner.info.clone(),
        "Login": partner.login.clone(),
        "Name": &partner.name,
        "PartnersGroupsList": groups,
        "Patronymic": partner.patronymic.clone(),
        "Phone": partner.phone.clone(),
        "Phone2": partner.phone2.clone(),
        "Rayon": partner.rayon.clone(),
        "RealAddress": partner.real_address.clone(),
        "Region": partner.region.clone(),
        "RegistrationAllowed": false,
        "ServiceStop": Value::Null,
        "Sex": sex,
        "SponsorCode": partner.sponsor_code,
        "WebAlias": partner.web_alias.clone(),
    }
}
