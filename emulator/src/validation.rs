//! Field checks of PartnersCreate.
//!
//! Every problem is collected and reported in one `ResultText`, as in the vendor guide's error
//! example: ` Найдены ошибки в полях: (недопустимая дата рождения, фамилия не указана
//! или содержит недопустимые символы, …)`. The four phrases of that example are kept
//! word for word; the others follow their style. Values are trimmed and an empty value
//! counts as absent. Lengths are counted in characters, with the maximums of the vendor guide's
//! field table.

use chrono::NaiveDate;

use crate::dates::parse_date;
use crate::params::Params;
use crate::seed::{directory_has, language_exists, COUNTRIES, PHONE_TYPES, SEXES};

/// The text before the list of problems, leading space included as in the vendor guide.
const PROBLEMS_PREFIX: &str = " Найдены ошибки в полях: (";

/// Birthdays before this year are treated as typing errors.
const EARLIEST_BIRTH_YEAR: i32 = 1900;

/// The checked fields of a PartnersCreate request that the emulator keeps. Fields that
/// no emulated operation shows (passport, legal address, Skype and others) are checked
/// and then dropped.
#[derive(Debug)]
pub struct Registration {
    pub name: String,
    pub first_name: String,
    pub patronymic: Option<String>,
    pub id: Option<String>,
    pub sponsor_id: Option<String>,
    pub login: Option<String>,
    pub sex_code: Option<i64>,
    pub phone: Option<String>,
    pub phone2: Option<String>,
    pub email: String,
    pub contact_information: Option<String>,
    pub info: Option<String>,
    pub address: Address,
    pub web_alias: Option<String>,
    /// Upper-case hex MD5 of the password.
    pub password_md5: Option<String>,
}

/// The physical address fields, or the legal ones with the `Ur` suffix.
#[derive(Debug, Default)]
pub struct Address {
    pub country_code: Option<i64>,
    pub ind: Option<String>,
    pub region: Option<String>,
    pub rayon: Option<String>,
    pub city: Option<String>,
    pub street: Option<String>,
    pub house: Option<String>,
    pub korp: Option<String>,
    pub stroenie: Option<String>,
    pub flat: Option<String>,
}

/// Formats problems as the `ResultText` of a rejected PartnersCreate.
pub fn problems_text(problems: &[String]) -> String {
    format!("{PROBLEMS_PREFIX}{})", problems.join(", "))
}

/// Checks every PartnersCreate field and returns the kept fields, or all problems found.
/// `today` bounds birthdays and passport issue dates.
pub fn validate_registration(
    params: &Params,
    today: NaiveDate,
) -> Result<Registration, Vec<String>> {
    let mut checker = Checker {
        params,
        today,
        problems: Vec::new(),
    };

    // The vendor guide's example lists the birthday first, then the fields in table order.
    let earliest_birthday =
        NaiveDate::from_ymd_opt(EARLIEST_BIRTH_YEAR, 1, 1).unwrap_or(NaiveDate::MIN);
    let birthday = checker.date(
        "Birthday",
        "недопустимая дата рождения",
        true,
        earliest_birthday,
    );

    let name = checker.person_name(
        "Name",
        "фамилия",
        150,
        "фамилия не указана или содержит недопустимые символы",
        true,
    );
    let first_name = checker.person_name(
        "FirstName",
        "имя",
        50,
        "имя не указано или содержит недопустимые символы",
        true,
    );
    let patronymic = checker.person_name(
        "Patronymic",
        "отчество",
        50,
        "отчество содержит недопустимые символы",
        false,
    );
    let id = checker.text("ID", "желаемый Id", 20);
    let sponsor_id = checker.text("SponsorID", "Id спонсора", 20);
    let login = checker.text("Login", "логин", 50);
    checker.text("INN", "ИНН", 12);
    let sex_code = checker.code("Sex", "код пола", |code| directory_has(SEXES, code));

    let phone = checker.phone(1);
    let phone2 = checker.phone(2);
    checker.phone(3);
    checker.phone(4);

    let email = checker.email("Email", "электронный адрес", true);
    checker.email("Email2", "второй электронный адрес", false);
    let contact_information = checker.text("ContactInformation", "контактная информация", 200);
    let info = checker.text("Info", "примечание менеджера", 500);
    let address = checker.address("", "");
    checker.address("Ur", " юридического адреса");

    checker.text("PassportSeries", "серия паспорта", 20);
    checker.text("PassportNumber", "номер паспорта", 20);
    checker.date(
        "PassportIssueDate",
        "недопустимая дата выдачи паспорта",
        false,
        NaiveDate::MIN,
    );
    checker.text(
        "PassportIssueDept",
        "наименование подразделения выдачи паспорта",
        500,
    );
    checker.text("PassportKod", "код подразделения выдачи паспорта", 500);
    checker.text("Skype", "Skype", 100);
    checker.text("Website", "адрес сайта", 500);
    let web_alias = checker.text("WebAlias", "алиас для реферальной ссылки", 50);
    checker.code("Languages", "код языка", language_exists);
    checker.email_double_check_flag();
    checker.text("KPP", "КПП", 9);
    checker.text("OKPO", "ОКПО", 10);
    let password_md5 = checker.passwords();

    match (
        checker.problems.is_empty(),
        birthday,
        name,
        first_name,
        email,
    ) {
        (true, Some(_), Some(name), Some(first_name), Some(email)) => Ok(Registration {
            name,
            first_name,
            patronymic,
            id,
            sponsor_id,
            login,
            sex_code,
            phone,
            phone2,
            email,
            contact_information,
            info,
            address,
            web_alias,
            password_md5,
        }),
        _ => Err(checker.problems),
    }
}

/// Collects problems while reading fields one by one.
struct Checker<'a> {
    params: &'a Params,
    today: NaiveDate,
    problems: Vec<String>,
}

impl Checker<'_> {
    /// Reads an optional free-text field no longer than `max_chars`.
    fn text(&mut self, field: &str, label: &str, max_chars: usize) -> Option<String> {
        let value = self.params.text(field)?;
        if value.chars().count() > max_chars {
            self.problems
                .push(format!("{label} длиннее {max_chars} символов"));
            return None;
        }
        Some(value.to_string())
    }

    /// Reads a part of a person's name: letters, spaces, hyphens and apostrophes, with
    /// at least one letter. `invalid` is the phrase for a missing or malformed value.
    fn person_name(
        &mut self,
        field: &str,
        label: &str,
        max_chars: usize,
        invalid: &str,
        required: bool,
    ) -> Option<String> {
        let Some(value) = self.params.text(field) else {
            if required {
                self.problems.push(invalid.to_string());
            }
            return None;
        };
        if !is_person_name(value) {
            self.problems.push(invalid.to_string());
            return None;
        }
        if value.chars().count() > max_chars {
            self.problems
                .push(format!("{label} длиннее {max_chars} символов"));
            return None;
        }
        Some(value.to_string())
    }

    /// Reads a directory code, which must be an integer found by `exists`.
    fn code(&mut self, field: &str, label: &str, exists: impl Fn(i64) -> bool) -> Option<i64> {
        let value = self.params.text(field)?;
        let Ok(code) = value.parse::<i64>() else {
            self.problems
                .push(format!("{label} должен быть целым числом"));
            return None;
        };
        if !exists(code) {
            self.problems
                .push(format!("{label} не найден в справочнике"));
            return None;
        }
        Some(code)
    }

    /// Reads a date between `earliest` and today. `invalid` is the phrase for a missing,
    /// malformed or out-of-range value.
    fn date(
        &mut self,
        field: &str,
        invalid: &str,
        required: bool,
        earliest: NaiveDate,
    ) -> Option<NaiveDate> {
        let Some(value) = self.params.text(field) else {
            if required {
                self.problems.push(invalid.to_string());
            }
            return None;
        };
        let date = parse_date(value).filter(|date| (earliest..=self.today).contains(date));
        if date.is_none() {
            self.problems.push(invalid.to_string());
        }
        date
    }

    /// Reads phone `number` (1 to 4) with its type and comment. The first phone's type
    /// is `PhoneTypes`, the others' `Phone2Type`…`Phone4Type`, as the vendor guide names them.
    fn phone(&mut self, number: u8) -> Option<String> {
        let (phone_field, type_field, comment_field) = if number == 1 {
            (
                "Phone".to_string(),
                "PhoneTypes".to_string(),
                "PhoneComment".to_string(),
            )
        } else {
            (
                format!("Phone{number}"),
                format!("Phone{number}Type"),
                format!("Phone{number}Comment"),
            )
        };

        let phone = self.text(&phone_field, &format!("телефон {number}"), 150);
        self.code(
            &type_field,
            &format!("тип телефона {number}"),
            |code| directory_has(PHONE_TYPES, code),
        );
        self.text(
            &comment_field,
            &format!("примечание к телефону {number}"),
            250,
        );
        phone
    }

    /// Reads an e-mail address of at most 50 characters.
    fn email(&mut self, field: &str, label: &str, required: bool) -> Option<String> {
        let Some(value) = self.params.text(field) else {
            if required {
                self.problems.push(format!("{label} не указан"));
            }
            return None;
        };
        if value.chars().count() > 50 {
            self.problems.push(format!("{label} длиннее 50 символов"));
            return None;
        }
        if !is_email(value) {
            self.problems
                .push(format!("{label} содержит недопустимые значения"));
            return None;
        }
        Some(value.to_string())
    }

    /// Reads the physical address fields (`suffix` empty) or the legal ones (`Ur`).
    fn address(&mut self, suffix: &str, label_suffix: &str) -> Address {
        let country_code = self.code(
            &format!("Country{suffix}"),
            &format!("код страны{label_suffix}"),
            |code| directory_has(COUNTRIES, code),
        );

        let mut text = |field: &str, label: &str, max_chars: usize| {
            self.text(
                &format!("{field}{suffix}"),
                &format!("{label}{label_suffix}"),
                max_chars,
            )
        };
        Address {
            country_code,
            ind: text("Ind", "индекс", 10),
            region: text("Region", "регион", 250),
            rayon: text("Rayon", "район", 250),
            city: text("City", "город", 150),
            street: text("Street", "улица", 150),
            house: text("House", "номер дома", 20),
            korp: text("Korp", "номер корпуса", 10),
            stroenie: text("Stroenie", "номер строения", 10),
            flat: text("Flat", "номер квартиры", 20),
        }
    }

    fn email_double_check_flag(&mut self) {
        if let Some(value) = self.params.text("FlagEmailDoubleCheck") {
            if value != "Y" && value != "N" {
                self.problems
                    .push("признак проверки электронного адреса должен быть Y или N".to_string());
            }
        }
    }

    /// Reads `Password` and `ConfirmPassword`: each must be an MD5 hex digest when
    /// given, and they must match (in either hex case). Returns the digest upper-case.
    fn passwords(&mut self) -> Option<String> {
        let password = self.params.text("Password");
        let confirmation = self.params.text("ConfirmPassword");

        let password_ok = password.is_none_or(is_md5_hex);
        if !password_ok {
            self.problems
                .push("пароль должен быть MD5-хешем из 32 шестнадцатеричных цифр".to_string());
        }
        let confirmation_ok = confirmation.is_none_or(is_md5_hex);
        if !confirmation_ok {
            self.problems.push(
                "подтверждение пароля должно быть MD5-хешем из 32 шестнадцатеричных цифр"
                    .to_string(),
            );
        }

        let matching = match (password, confirmation) {
            (Some(password), Some(confirmation)) => password.eq_ignore_ascii_case(confirmation),
            (None, None) => true,
            _ => false,
        };
        if password_ok && confirmation_ok && !matching {
            self.problems
                .push("пароль и подтверждение пароля не совпадают".to_string());
        }
        password.map(str::to_ascii_uppercase)
    }
}

fn is_person_name(text: &str) -> bool {
    let allowed =
        |character: char| character.is_alphabetic() || matches!(character, ' ' | '-' | '\'' | '’');
    text.chars().all(allowed) && text.chars().any(char::is_alphabetic)
}

fn is_md5_hex(text: &str) -> bool {
    text.len() == 32 && text.bytes().all(|byte| byte.is_ascii_hexdigit())
}

/// Checks the common shape of an e-mail address with exactly one `@`.
///
/// The local part contains ASCII letters, digits and the RFC 5322 atom symbols, with no
/// leading, trailing or doubled dots. The domain has at least two dot-separated labels
/// of letters, digits and inner hyphens, and its letters may be non-ASCII (`почта.рф`).
fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };

    let local_ok = !local.is_empty()
        && local.chars().all(|character| {
            character.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(character)
        })
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");

    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .chars()
                    .all(|character| character.is_alphanumeric() || character == '-')
        })
        && labels.last().is_some_and(|top_level| {
            top_level.chars().count() >= 2 && top_level.chars().all(char::is_alphabetic)
        });

    local_ok && domain_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 6, 1).unwrap_or_default()
    }

    fn validate(form: &str) -> Result<Registration, Vec<String>> {
        validate_registration(&Params::parse(form.as_bytes(), None), today())
    }

    fn problems(form: &str) -> Vec<String> {
        match validate(form) {
            Ok(registration) => panic!("expected problems, got {registration:?}"),
            Err(problems) => problems,
        }
    }

    const VALID: &str = "Name=Иванова&FirstName=Мария&Email=maria@example.com&Birthday=01-02-1990";

    #[test]
    fn minimal_registration_is_accepted() {
        let registration = validate(VALID).map_err(|problems| problems.join("; "));
        let registration = registration.as_ref();
        assert_eq!(registration.map(|r| r.name.as_str()), Ok("Иванова"));
        assert_eq!(
            registration.map(|r| r.email.as_str()),
            Ok("maria@example.com")
        );
        assert_eq!(registration.map(|r| r.password_md5.clone()), Ok(None));
    }

    #[test]
    fn vendor_example_problems_in_order() {
        let problems = problems("Name=&FirstName=123&Email=not-an-email&Birthday=31-02-2000");
        assert_eq!(
            problems_text(&problems),
            " Найдены ошибки в полях: (недопустимая дата рождения, фамилия не указана или содержит недопустимые символы, имя не указано или содержит недопустимые символы, электронный адрес содержит недопустимые значения)"
        );
    }

    #[test]
    fn missing_required_fields() {
        assert_eq!(
            problems(""),
            [
                "недопустимая дата рождения",
                "фамилия не указана или содержит недопустимые символы",
                "имя не указано или содержит недопустимые символы",
                "электронный адрес не указан",
            ]
        );
    }

    #[test]
    fn future_and_ancient_birthdays_are_invalid() {
        for birthday in ["02-06-2024", "01-01-2999", "31-12-1899"] {
            let form = format!("Name=А&FirstName=Б&Email=a@b.ru&Birthday={birthday}");
            assert_eq!(
                problems(&form),
                ["недопустимая дата рождения"],
                "birthday {birthday}"
            );
        }
        let form = "Name=А&FirstName=Б&Email=a@b.ru&Birthday=01-06-2024";
        assert!(validate(form).is_ok());
    }

    #[test]
    fn lengths_are_counted_in_characters() {
        let fifty_cyrillic = "ж".repeat(50);
        let form = format!("{VALID}&Login={fifty_cyrillic}");
        assert!(validate(&form).is_ok());

        let form = format!("{VALID}&Login={fifty_cyrillic}ж&INN=1234567890123&KPP=1234567890");
        assert_eq!(
            problems(&form),
            [
                "логин длиннее 50 символов",
                "ИНН длиннее 12 символов",
                "КПП длиннее 9 символов"
            ]
        );
    }

    #[test]
    fn directory_codes_are_checked() {
        let form =
            format!("{VALID}&Sex=9&PhoneTypes=x&Phone3Type=7&Country=13&CountryUr=999&Languages=2");
        assert_eq!(
            problems(&form),
            [
                "код пола не найден в справочнике",
                "тип телефона 1 должен быть целым числом",
                "тип телефона 3 не найден в справочнике",
                "код страны юридического адреса не найден в справочнике",
            ]
        );
    }

    #[test]
    fn email_double_check_flag_is_y_or_n() {
        assert!(validate(&format!("{VALID}&FlagEmailDoubleCheck=Y")).is_ok());
        assert!(validate(&format!("{VALID}&FlagEmailDoubleCheck=N")).is_ok());
        assert_eq!(
            problems(&format!("{VALID}&FlagEmailDoubleCheck=yes")),
            ["признак проверки электронного адреса должен быть Y или N"]
        );
    }

    #[test]
    fn passwords_must_be_matching_md5() {
        let md5 = "FE01CE2A7FBAC8FAFAED7C982A04E229";
        let registration = validate(&format!(
            "{VALID}&Password={md5}&ConfirmPassword={}",
            md5.to_lowercase()
        ));
        assert_eq!(
            registration.map(|r| r.password_md5),
            Ok(Some(md5.to_string()))
        );

        assert_eq!(
            problems(&format!("{VALID}&Password={md5}")),
            ["пароль и подтверждение пароля не совпадают"]
        );
        assert_eq!(
            problems(&format!("{VALID}&Password=demo&ConfirmPassword=demo")),
            [
                "пароль должен быть MD5-хешем из 32 шестнадцатеричных цифр",
                "подтверждение пароля должно быть MD5-хешем из 32 шестнадцатеричных цифр",
            ]
        );
    }

    #[test]
    fn passport_issue_date_is_checked() {
        assert!(validate(&format!("{VALID}&PassportIssueDate=2010-05-20")).is_ok());
        assert_eq!(
            problems(&format!("{VALID}&PassportIssueDate=20/05/2030")),
            ["недопустимая дата выдачи паспорта"]
        );
    }

    #[test]
    fn person_names_allow_hyphen_and_apostrophe() {
        let form = "Name=Петрова-Водкина&FirstName=Д'Арк&Patronymic=Ивановна&Email=a@b.ru&Birthday=11111971";
        assert!(validate(form).is_ok());
        assert_eq!(
            problems(&format!("{VALID}&Patronymic=<script>")),
            ["отчество содержит недопустимые символы"]
        );
    }

    #[test]
    fn email_shapes() {
        for valid in [
            "antonina@bk.ru",
            "first.last+tag@mail.example.com",
            "ivan@почта.рф",
        ] {
            assert!(is_email(valid), "{valid}");
        }
        for invalid in [
            "",
            "plain",
            "@bk.ru",
            "a@",
            "a@bk",
            "a@@bk.ru",
            "a b@bk.ru",
            ".a@bk.ru",
            "a..b@bk.ru",
            "a@-bk.ru",
            "a@bk.r",
            "a@bk..ru",
            "a@bk.ru1",
        ] {
            assert!(!is_email(invalid), "{invalid}");
        }
    }
}
