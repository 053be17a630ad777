//! The read-only directory lists, each with the fields of the vendor guide's example.

use crate::seed::{
    DirectoryEntry, COUNTRIES, CURRENCIES, LANGUAGES, PARTNER_GROUPS, PHONE_TYPES, SEXES,
};
use crate::value::object;
use crate::value::Value;

/// CountriesListGet. `Kod` is null in every example, so it is null here too.
pub fn countries() -> Value {
    list(COUNTRIES.iter().map(|country| {
        object! { "Code": country.code, "Name": country.name, "Kod": Value::Null }
    }))
}

pub fn sexes() -> Value {
    code_name_list(SEXES)
}

pub fn phone_types() -> Value {
    code_name_list(PHONE_TYPES)
}

pub fn languages() -> Value {
    list(LANGUAGES.iter().map(|language| {
        object! {
            "Code": language.code,
            "Alias": language.alias,
            "Name": language.name,
            "SortOrder": language.sort_order,
            "IsDefault": language.is_default,
            "SystemKey": language.system_key,
            "Culture": language.culture,
            "ForeignName": language.foreign_name,
            "IsoName": language.iso_name,
            "FlagIcon": language.flag_icon,
        }
    }))
}

/// PartnersGroupsListGet. `Checked` is an empty string in the directory; only the groups
/// inside a partner profile carry "Y".
pub fn partner_groups() -> Value {
    list(PARTNER_GROUPS.iter().map(|group| {
        object! { "Code": group.code, "Name": group.name, "Checked": "" }
    }))
}

/// CurrenciesList. `Rate` is null in the vendor guide's example, so it is null here too.
pub fn currencies() -> Value {
    list(CURRENCIES.iter().map(|currency| {
        object! {
            "Code": currency.code,
            "Name": currency.name,
            "FullName": currency.full_name,
            "ShortName": currency.short_name,
            "ColorRGB": currency.color_rgb,
            "Rate": Value::Null,
        }
    }))
}

fn code_name_list(entries: &[DirectoryEntry]) -> Value {
    list(
        entries
            .iter()
            .map(|entry| object! { "Code": entry.code, "Name": entry.name }),
    )
}

fn list(items: impl Iterator<Item = Value>) -> Value {
    Value::List(items.collect())
}
