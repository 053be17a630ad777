//! The six directory lists: countries, sexes, phone types, languages, partner groups
//! and currencies, with the emulator's seed data.

use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

#[wasm_bindgen_test]
async fn countries_list() {
    let client = client();

    let countries = resolved(
        "countriesListGet",
        client.countries_list_get(Some(JsValue::UNDEFINED), None),
    )
    .await;

    let found = codes(&countries);
    for code in [13.0, 17.0, 20.0] {
        assert!(
            found.contains(&code),
            "country {code} missing from {found:?}"
        );
    }
    let russia = item_with_code(&countries, 13.0);
    assert_eq!(text(&russia, "name").as_deref(), Some("Россия"));
    assert!(
        field(&russia, "kod").is_null(),
        "kod of Россия: {}",
        describe(&russia)
    );
    assert_eq!(
        text(&item_with_code(&countries, 17.0), "name").as_deref(),
        Some("Белоруссия")
    );
    assert_eq!(
        text(&item_with_code(&countries, 20.0), "name").as_deref(),
        Some("Украина")
    );
}

#[wasm_bindgen_test]
async fn sexes_list() {
    let client = client();

    let sexes = resolved("sexListGet", client.sex_list_get(Some(JsValue::UNDEFINED), None)).await;

    assert_eq!(codes(&sexes), [1.0, 2.0, 3.0, 4.0]);
    assert_eq!(
        text(&item_with_code(&sexes, 1.0), "name").as_deref(),
        Some("Мужской")
    );
    assert_eq!(
        text(&item_with_code(&sexes, 2.0), "name").as_deref(),
        Some("Женский")
    );
    assert_eq!(
        text(&item_with_code(&sexes, 3.0), "name").as_deref(),
        Some("Организация")
    );
}

#[wasm_bindgen_test]
async fn phone_types_list() {
    let client = client();

    let phone_types = resolved(
        "phoneTypesListGet",
        client.phone_types_list_get(Some(JsValue::UNDEFINED), None),
    )
    .await;

    assert_eq!(codes(&phone_types), [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    assert_eq!(
        text(&item_with_code(&phone_types, 1.0), "name").as_deref(),
        Some("Мобильный")
    );
    assert_eq!(
        text(&item_with_code(&phone_types, 6.0), "name").as_deref(),
        Some("Муж")
    );
}

#[wasm_bindgen_test]
async fn languages_list() {
    let client = client();

    let languages = resolved(
        "languagesListGet",
        client.languages_list_get(Some(JsValue::UNDEFINED), None),
    )
    .await;

    let aliases: Vec<Option<String>> = items(&languages)
        .iter()
        .map(|language| text(language, "alias"))
        .collect();
    assert_eq!(
        aliases,
        [
            Some("ru".to_string()),
            Some("ua".to_string()),
            Some("en".to_string())
        ]
    );
    let defaults: Vec<Option<bool>> = items(&languages)
        .iter()
        .map(|language| boolean(language, "isDefault"))
        .collect();
    assert_eq!(defaults, [Some(true), Some(false), Some(false)]);

    let russian = item_with_code(&languages, 1.0);
    assert_eq!(text(&russian, "name").as_deref(), Some("Русский"));
    assert_eq!(number(&russian, "sortOrder"), Some(1.0));
    assert_eq!(text(&russian, "culture").as_deref(), Some("ru-RU"));
    assert_eq!(text(&russian, "isoName").as_deref(), Some("RUS"));
    assert_eq!(text(&russian, "flagIcon").as_deref(), Some("ru.png"));
    assert_eq!(
        text(&item_with_code(&languages, 3.0), "systemKey").as_deref(),
        Some("us_english")
    );
}

#[wasm_bindgen_test]
async fn partner_groups_list() {
    let client = client();

    let groups = resolved(
        "partnersGroupsListGet",
        client.partners_groups_list_get(Some(JsValue::UNDEFINED), None),
    )
    .await;

    assert_eq!(codes(&groups), [1.0, 2.0, 3.0, 4.0]);
    for group in items(&groups) {
        assert_eq!(
            boolean(&group, "checked"),
            Some(false),
            "checked of {}",
            describe(&group)
        );
    }
    assert_eq!(
        text(&item_with_code(&groups, 2.0), "name").as_deref(),
        Some("Distributor")
    );
    assert_eq!(
        text(&item_with_code(&groups, 4.0), "name").as_deref(),
        Some("Купил стартовый товар")
    );
}

#[wasm_bindgen_test]
async fn currencies_list() {
    let client = client();

    let currencies = resolved("currenciesList", client.currencies_list(Some(JsValue::UNDEFINED), None)).await;

    assert_eq!(codes(&currencies), [3.0, 1.0, 6.0]);

    let dollar = item_with_code(&currencies, 3.0);
    assert_eq!(text(&dollar, "colorRgb").as_deref(), Some("0,128, 0"));
    assert_eq!(text(&dollar, "color").as_deref(), Some("#008000"));
    assert_eq!(text(&dollar, "shortName").as_deref(), Some("$ "));
    assert!(
        field(&dollar, "rate").is_null(),
        "rate of currency 3: {}",
        describe(&dollar)
    );

    let ruble = item_with_code(&currencies, 1.0);
    assert_eq!(text(&ruble, "name").as_deref(), Some("Рубли"));
    assert_eq!(text(&ruble, "color").as_deref(), Some("#0080ff"));

    let bonus = item_with_code(&currencies, 6.0);
    assert_eq!(text(&bonus, "name").as_deref(), Some("Бонусы"));
    assert_eq!(text(&bonus, "color").as_deref(), Some("#800000"));
}
