//! Closed lists the forms offer: languages, countries, salutations.

use serde::{Deserialize, Serialize};

/// A language the portal speaks. Dutch comes first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Nl,
    Fr,
    En,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::Nl, Language::Fr, Language::En];

    /// ISO 639-1 code, as used in `lang` attributes and query strings.
    pub fn code(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::Fr => "fr",
            Language::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Language> {
        let primary = code.trim().split(['-', '_']).next().unwrap_or("");
        Language::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// The language's own name for itself (shown in language pickers).
    pub fn endonym(self) -> &'static str {
        match self {
            Language::Nl => "Nederlands",
            Language::Fr => "Français",
            Language::En => "English",
        }
    }
}

/// Countries where the portal is offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Country {
    Be,
    Nl,
    Lu,
    Fr,
    De,
}

impl Country {
    pub const ALL: [Country; 5] = [
        Country::Be,
        Country::Nl,
        Country::Lu,
        Country::Fr,
        Country::De,
    ];

    /// ISO 3166-1 alpha-2 code.
    pub fn code(self) -> &'static str {
        match self {
            Country::Be => "BE",
            Country::Nl => "NL",
            Country::Lu => "LU",
            Country::Fr => "FR",
            Country::De => "DE",
        }
    }

    pub fn from_code(code: &str) -> Option<Country> {
        Country::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(code.trim()))
    }

    /// International dialling prefix, used to normalise phone numbers.
    pub fn calling_code(self) -> &'static str {
        match self {
            Country::Be => "32",
            Country::Nl => "31",
            Country::Lu => "352",
            Country::Fr => "33",
            Country::De => "49",
        }
    }
}

/// How the customer wishes to be addressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Salutation {
    /// "De heer"
    Mr,
    /// "Mevrouw"
    Ms,
    /// Gender-neutral form of address.
    Mx,
}

impl Salutation {
    pub const ALL: [Salutation; 3] = [Salutation::Mr, Salutation::Ms, Salutation::Mx];

    pub fn code(self) -> &'static str {
        match self {
            Salutation::Mr => "mr",
            Salutation::Ms => "ms",
            Salutation::Mx => "mx",
        }
    }

    pub fn from_code(code: &str) -> Option<Salutation> {
        Salutation::ALL.into_iter().find(|s| s.code() == code)
    }
}
