//! Every text of the user interface, per language.
//!
//! Texts live in JSON text packs, one file per language and area:
//! `i18n/<lang>/<area>.json` in the repository. The build bundles each
//! language into `i18n/<lang>.json` in dist/ (scripts/i18n-bundle.mjs), and
//! the app loads the pack of the chosen language once, before it mounts. Only
//! that language travels to the browser, so adding languages or texts does not
//! grow the wasm.
//!
//! Each area is a struct of `String`s that refuses unknown and missing keys
//! (`deny_unknown_fields`, no defaults), and a test parses every pack, so a
//! language cannot forget a text. Placeholders like `{email}` are filled with
//! [`fill`]. Error texts are not here: they come from `ErrorCode::message`
//! in the contract, so the browser and the server say the same thing.

mod account;
mod common;
mod garage;
mod profile;

use std::sync::OnceLock;

use mijn_lexus_contract::{Country, Language, Salutation};
use serde::Deserialize;

pub use account::AccountTexts;
pub use common::CommonTexts;
pub use garage::GarageTexts;
pub use profile::ProfileTexts;

/// All texts of one language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    pub common: CommonTexts,
    pub account: AccountTexts,
    pub profile: ProfileTexts,
    pub garage: GarageTexts,
}

struct Loaded {
    lang: Language,
    texts: Texts,
}

static LOADED: OnceLock<Loaded> = OnceLock::new();

/// localStorage key of the language the visitor chose.
const LANGUAGE_KEY: &str = "mijn-lexus.language";

/// The language the interface is shown in.
pub fn lang() -> Language {
    LOADED.get().map(|l| l.lang).unwrap_or_default()
}

/// The texts of the current language. Only called after [`load`] succeeded
/// (the app mounts after it), so the fallback is never reached in practice.
pub fn t() -> &'static Texts {
    &LOADED.get().expect("text pack loaded before mount").texts
}

/// Fills `{name}` placeholders: `fill("Welkom, {first_name}", &[("first_name", "Els")])`.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
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

/// Parses a text pack (the JSON of one language, all areas).
pub fn parse(json: &str) -> Result<Texts, serde_json::Error> {
    serde_json::from_str(json)
}

/// Makes `texts` the texts of the running app. Called once, before mount.
pub fn install(lang: Language, texts: Texts) {
    let _ = LOADED.set(Loaded { lang, texts });
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
    pub fn salutation(&self, s: Salutation) -> &str {
        match s {
            Salutation::Mr => &self.salutation_mr,
            Salutation::Ms => &self.salutation_ms,
            Salutation::Mx => &self.salutation_mx,
        }
    }

    pub fn country(&self, c: Country) -> &str {
        match c {
            Country::Be => &self.country_be,
            Country::Nl => &self.country_nl,
            Country::Lu => &self.country_lu,
            Country::Fr => &self.country_fr,
            Country::De => &self.country_de,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every language has every text of every area: the packs parse into
    /// [`Texts`], which allows neither missing nor unknown keys.
    #[test]
    fn every_language_pack_is_complete() {
        for lang in Language::ALL {
            let dir = format!("{}/i18n/{}", env!("CARGO_MANIFEST_DIR"), lang.code());
            let mut bundle = serde_json::Map::new();
            for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{dir}: {e}")) {
                let path = entry.unwrap().path();
                let area = path.file_stem().unwrap().to_str().unwrap().to_owned();
                let json: serde_json::Value =
                    serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
                        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                bundle.insert(area, json);
            }
            let json = serde_json::Value::Object(bundle).to_string();
            if let Err(e) = parse(&json) {
                panic!("text pack {}: {e}", lang.code());
            }
        }
    }

    /// Placeholders are the same in every language, so no value goes missing.
    #[test]
    fn placeholders_match_across_languages() {
        fn placeholders(text: &str) -> Vec<String> {
            let mut found: Vec<String> = text
                .split('{')
                .skip(1)
                .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
                .collect();
            found.sort();
            found
        }
        let read = |lang: &str, area: &str| -> serde_json::Map<String, serde_json::Value> {
            let path = format!("{}/i18n/{lang}/{area}.json", env!("CARGO_MANIFEST_DIR"));
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
        };
        let dir = format!("{}/i18n/nl", env!("CARGO_MANIFEST_DIR"));
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let area = path.file_stem().unwrap().to_str().unwrap().to_owned();
            let nl = read("nl", &area);
            for other in ["fr", "en"] {
                let Ok(_) = std::fs::metadata(format!(
                    "{}/i18n/{other}/{area}.json",
                    env!("CARGO_MANIFEST_DIR")
                )) else {
                    panic!("i18n/{other}/{area}.json is missing");
                };
                let theirs = read(other, &area);
                for (key, text) in &nl {
                    let mine = placeholders(text.as_str().unwrap_or_default());
                    let its = theirs.get(key).and_then(|v| v.as_str()).map(placeholders);
                    assert_eq!(Some(mine), its, "{other}/{area}.json: {key}");
                }
            }
        }
    }

    #[test]
    fn fill_replaces_every_placeholder() {
        assert_eq!(
            fill("Welkom, {first_name}", &[("first_name", "Els")]),
            "Welkom, Els"
        );
        assert_eq!(
            fill(
                "Versie {version}, vanaf {date}",
                &[("version", "2"), ("date", "1 mei")]
            ),
            "Versie 2, vanaf 1 mei"
        );
        assert_eq!(fill("geen", &[("x", "y")]), "geen");
    }
}
