//! Every text of the user interface, per language.
//!
//! Texts live in JSON text packs, one file per language and area:
//! `i18n/<lang>/<area>.json` in the repository. The build bundles each
//! language into `i18n/<lang>.json` in dist/ (scripts/i18n-bundle.mjs), and
//! the app loads the pack of the chosen language once, before it mounts. Only
//! that language travels to the browser, so adding languages or texts does not
//! grow the wasm.
//!
//! Each area is a struct of `String`s (declared with [`text_area!`]) that
//! refuses unknown and missing keys, and a test parses every pack, so a
//! language cannot forget a text. Placeholders like `{email}` are filled with
//! [`fill`]. The error texts (`errors.json`, one per code) are the
//! contract's `ErrorCode::message`, copied so the browser carries only its own
//! language; a test fails when they differ, so the browser and the server
//! always say the same thing.

/// Declares one area's texts: a struct with one [`Text`] per key. The
/// struct is a constant (`t()` hands out the same one in every language); a
/// `Text` is where its words sit in the text pack the app loaded, which
/// holds every key of the area and no other.
///
/// A text with placeholders declares them after its type:
/// `pub invite_sent: String {email},`. The macro then writes a method of the
/// same name taking exactly those values, `g.invite_sent(&address)`, so a
/// misspelt or forgotten value does not compile; a test checks that every
/// language's text has exactly the declared placeholders
/// ([`Texts`]'s `PLACEHOLDERS`), so none is left on screen as `{email}`.
///
/// Why handles and not a struct of `String`s filled from the JSON: building
/// such a struct costs code per field (moving each of a few hundred values
/// into place: 17 KB of wasm in the entry module), and serde's derive far more
/// (250 KB). Here a pack is one list of texts per area, in declaration
/// order (the build puts them so), and no code is spent per field.
macro_rules! text_area {
    ($(#[$meta:meta])* pub struct $name:ident {
        $($(#[$fmeta:meta])* pub $field:ident: String $({ $($placeholder:ident),* })?,)*
    }) => {
        $(#[$meta])*
        #[derive(Debug)]
        pub struct $name {
            $($(#[$fmeta])* pub $field: $crate::i18n::Text,)*
        }

        impl $name {
            /// The keys of this area, in field order.
            pub const KEYS: &'static [&'static str] = &[$(stringify!($field)),*];

            /// The placeholders of each text, in field order.
            #[cfg_attr(not(test), allow(dead_code))]
            pub const PLACEHOLDERS: &'static [&'static [&'static str]] =
                &[$(&[$($(stringify!($placeholder)),*)?]),*];

            /// The texts of area number `area` of the pack.
            pub(super) const fn handles(area: u8) -> Self {
                #[allow(non_camel_case_types, dead_code)]
                enum Index { $($field),* }
                Self { $($field: $crate::i18n::Text::new(area, Index::$field as u16)),* }
            }

            $($(
                /// The text with its placeholders filled in.
                pub fn $field(&self, $($placeholder: &str),*) -> String {
                    $crate::i18n::fill(self.$field.as_str(), &[$((stringify!($placeholder), $placeholder)),*])
                }
            )?)*
        }
    };
}

mod account;
mod charging;
mod common;
mod garage;
mod map;
mod profile;
mod services;
mod trips;

use std::sync::OnceLock;

use std::collections::HashMap;

use mijn_lexus_contract::{Country, ErrorCode, Language, Salutation};

pub use account::AccountTexts;
pub use charging::ChargingTexts;
pub use common::CommonTexts;
pub use garage::GarageTexts;
pub use map::MapTexts;
pub use profile::ProfileTexts;
pub use services::ServicesTexts;
pub use trips::TripsTexts;

/// The areas of the portal's texts, in pack order.
const AREAS: [&str; 8] = [
    "common", "account", "profile", "garage", "map", "charging", "trips", "services",
];

/// Every text of the portal, by area.
#[derive(Debug)]
pub struct Texts {
    pub common: CommonTexts,
    pub account: AccountTexts,
    pub profile: ProfileTexts,
    pub garage: GarageTexts,
    pub map: MapTexts,
    pub charging: ChargingTexts,
    pub trips: TripsTexts,
    pub services: ServicesTexts,
}

static TEXTS: Texts = Texts {
    common: CommonTexts::handles(0),
    account: AccountTexts::handles(1),
    profile: ProfileTexts::handles(2),
    garage: GarageTexts::handles(3),
    map: MapTexts::handles(4),
    charging: ChargingTexts::handles(5),
    trips: TripsTexts::handles(6),
    services: ServicesTexts::handles(7),
};

/// One text of the portal, in the language the app was loaded in. Reads
/// like a `&str` (`as_str`, `Deref`, `Display`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    area: u8,
    index: u16,
}

impl Text {
    const fn new(area: u8, index: u16) -> Text {
        Text { area, index }
    }

    // Not inlined: a few hundred call sites each pay a call, not a lookup.
    #[inline(never)]
    pub fn as_str(self) -> &'static str {
        // Before the pack is installed (it is, before the app mounts) a text
        // is empty rather than a panic.
        LOADED.get().map_or("", |loaded| loaded.pack.get(self))
    }
}

impl std::ops::Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A language's text pack, as [`parse`] checked it.
#[derive(Debug)]
pub struct Pack {
    /// Per area of [`AREAS`], its texts in the order of its `KEYS`.
    areas: [Vec<String>; 8],
    /// Error texts by code (`ErrorCode::as_str`).
    errors: HashMap<String, String>,
}

impl Pack {
    /// The words of `text` in this pack.
    fn get(&self, text: Text) -> &str {
        self.areas
            .get(usize::from(text.area))
            .and_then(|area| area.get(usize::from(text.index)))
            .map_or("", String::as_str)
    }
}

struct Loaded {
    lang: Language,
    pack: Pack,
}

static LOADED: OnceLock<Loaded> = OnceLock::new();

/// localStorage key of the language the visitor chose.
const LANGUAGE_KEY: &str = "mijn-lexus.language";

/// The language the interface is shown in.
pub fn lang() -> Language {
    LOADED.get().map(|l| l.lang).unwrap_or_default()
}

/// The texts, in the language of the pack [`install`]ed.
pub fn t() -> &'static Texts {
    &TEXTS
}

/// Fills `{name}` placeholders: `fill("Welkom, {first_name}", &[("first_name", "Els")])`.
/// Pages call the typed methods [`text_area!`] writes over it.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

/// The text for an error code in the interface language.
pub fn error_text(code: ErrorCode) -> &'static str {
    let Some(loaded) = LOADED.get() else {
        return "";
    };
    loaded
        .pack
        .errors
        .get(code.as_str())
        .or_else(|| loaded.pack.errors.get(ErrorCode::Internal.as_str()))
        .map_or("", String::as_str)
}

/// "Aanmelden" -> "Aanmelden – Mijn Lexus"
pub fn document_title(page: &str) -> String {
    format!("{page} – {}", t().common.app_name)
}

/// The language to start in: the visitor's earlier choice, else the
/// browser's preferred languages, else Dutch.
pub fn initial_language() -> Language {
    let window = web_sys::window();
    let stored = window
        .as_ref()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(LANGUAGE_KEY).ok().flatten())
        .and_then(|code| Language::from_code(&code));
    let browser = || {
        let navigator = window.as_ref()?.navigator();
        navigator
            .languages()
            .iter()
            .filter_map(|v| v.as_string())
            .chain(navigator.language())
            .find_map(|code| Language::from_code(&code))
    };
    stored.or_else(browser).unwrap_or_default()
}

/// A language's text pack as the build writes it (scripts/i18n-bundle.mjs):
/// per area its texts in declaration order, the error texts by code.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Bundle {
    common: Vec<String>,
    account: Vec<String>,
    profile: Vec<String>,
    garage: Vec<String>,
    map: Vec<String>,
    charging: Vec<String>,
    trips: Vec<String>,
    services: Vec<String>,
    errors: HashMap<String, String>,
}

/// Parses a text pack: the JSON of one language, every area with as many
/// texts as it declares. (The build checked each text's key; the app finds
/// a text by its place and carries no key names.)
pub fn parse(json: &str) -> Result<Pack, String> {
    let b: Bundle = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let counted = |name: &str, texts: Vec<String>, declared: usize| {
        if texts.len() == declared {
            Ok(texts)
        } else {
            Err(format!(
                "{name}: {} texts, {declared} declared",
                texts.len()
            ))
        }
    };
    let [common, account, profile, garage, map, charging, trips, services] = AREAS;
    Ok(Pack {
        areas: [
            counted(common, b.common, CommonTexts::KEYS.len())?,
            counted(account, b.account, AccountTexts::KEYS.len())?,
            counted(profile, b.profile, ProfileTexts::KEYS.len())?,
            counted(garage, b.garage, GarageTexts::KEYS.len())?,
            counted(map, b.map, MapTexts::KEYS.len())?,
            counted(charging, b.charging, ChargingTexts::KEYS.len())?,
            counted(trips, b.trips, TripsTexts::KEYS.len())?,
            counted(services, b.services, ServicesTexts::KEYS.len())?,
        ],
        errors: b.errors,
    })
}

/// Makes `pack` the texts of the running app. Called once, before mount.
pub fn install(lang: Language, pack: Pack) {
    // Installed once and kept for good: never dropping the texts spares the
    // wasm their drop code (a second call cannot happen; it would be ignored).
    if let Err(again) = LOADED.set(Loaded { lang, pack }) {
        std::mem::forget(again);
    }
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = html.set_attribute("lang", lang.code());
    }
}

/// Remembers `lang` as the visitor's choice and reloads the app in it.
pub fn switch_language(lang: Language) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(Some(storage)) = window.local_storage() {
        // Private mode may refuse; the choice then lasts for this page only.
        let _ = storage.set_item(LANGUAGE_KEY, lang.code());
    }
    if lang != self::lang() {
        let _ = window.location().reload();
    }
}

/// Remembers `lang` without reloading (used when the profile's language is
/// applied after sign-in, before the reload that shows it).
pub fn remember_language(lang: Language) {
    if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.local_storage()) {
        let _ = storage.set_item(LANGUAGE_KEY, lang.code());
    }
}

impl CommonTexts {
    pub fn salutation(&self, s: Salutation) -> &'static str {
        match s {
            Salutation::Mr => self.salutation_mr.as_str(),
            Salutation::Ms => self.salutation_ms.as_str(),
            Salutation::Mx => self.salutation_mx.as_str(),
        }
    }

    pub fn country(&self, c: Country) -> &'static str {
        match c {
            Country::Be => self.country_be.as_str(),
            Country::Nl => self.country_nl.as_str(),
            Country::Lu => self.country_lu.as_str(),
            Country::Fr => self.country_fr.as_str(),
            Country::De => self.country_de.as_str(),
        }
    }
}

#[cfg(test)]
mod tests;
