//! Language of the library's own messages.

/// Language of the messages the library writes itself; server texts pass through as sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    /// Russian, the default: the first users and their storefront visitors read it.
    #[default]
    Ru,
    /// English.
    En,
}

impl Locale {
    /// Parses the `locale` option: `"ru"` or `"en"`, case-insensitive.
    pub fn parse(text: &str) -> Option<Locale> {
        match text.trim().to_ascii_lowercase().as_str() {
            "ru" => Some(Locale::Ru),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The option value that selects this locale.
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::Ru => "ru",
            Locale::En => "en",
        }
    }
}
