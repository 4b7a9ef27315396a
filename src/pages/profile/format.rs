//! Dates and numbers in the interface language's own notation (G1), through
//! the browser's `Intl` (no tables in the wasm).

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use mijn_lexus_contract::Language;

/// The BCP 47 tag used for formatting: Belgian Dutch and French, British English.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub fn locale_tag(lang: Language) -> &'static str {
    match lang {
        Language::Nl => "nl-BE",
        Language::Fr => "fr-BE",
        Language::En => "en-GB",
    }
}

/// `x` rounded to one decimal (distances in km).
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(target_arch = "wasm32")]
mod js {
    use wasm_bindgen::JsValue;

    pub fn options(pairs: &[(&str, &str)]) -> JsValue {
        let o = js_sys::Object::new();
        for (k, v) in pairs {
            let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
        }
        o.into()
    }
}

/// "21 november 2026" / "21 novembre 2026" / "21 November 2026".
pub fn format_date(date: NaiveDate) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let d = js_sys::Date::new_with_year_month_day(
            date.year() as u32,
            date.month0() as i32,
            date.day() as i32,
        );
        let o = js::options(&[("day", "numeric"), ("month", "long"), ("year", "numeric")]);
        d.to_locale_date_string(locale_tag(crate::i18n::lang()), &o)
            .into()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
    }
}

/// Date and time in the browser's time zone: "21 nov 2026, 14:05".
pub fn format_date_time(at: DateTime<Utc>) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
            at.timestamp_millis() as f64
        ));
        let o = js::options(&[("dateStyle", "medium"), ("timeStyle", "short")]);
        d.to_locale_string(locale_tag(crate::i18n::lang()), &o)
            .into()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        at.format("%Y-%m-%d %H:%M").to_string()
    }
}

/// A number with the locale's decimal separator: "2,5" / "2.5".
pub fn format_number(x: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Number::from(x)
            .to_locale_string(locale_tag(crate::i18n::lang()))
            .into()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        x.to_string()
    }
}

/// Today in the browser's time zone (the age check of the birth date).
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// A short name for a user agent: "Chrome on Windows"-like, from the
/// well-known product tokens; the full string stays in the title attribute.
pub fn device_name(user_agent: &str) -> String {
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    .into_iter()
    .find(|(token, _)| user_agent.contains(token))
    .map(|(_, name)| name);
    let system = [
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(token, _)| user_agent.contains(token))
    .map(|(_, name)| name);
    match (browser, system) {
        (Some(b), Some(s)) => format!("{b} · {s}"),
        (Some(b), None) => b.to_owned(),
        (None, Some(s)) => s.to_owned(),
        (None, None) => user_agent.chars().take(40).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_are_belgian_and_british() {
        assert_eq!(locale_tag(Language::Nl), "nl-BE");
        assert_eq!(locale_tag(Language::Fr), "fr-BE");
        assert_eq!(locale_tag(Language::En), "en-GB");
    }

    #[test]
    fn distances_have_one_decimal() {
        assert_eq!(round1(12.345), 12.3);
        assert_eq!(round1(0.06), 0.1);
    }

    #[test]
    fn devices_get_a_short_name() {
        let chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
        assert_eq!(device_name(chrome), "Chrome · Windows");
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1";
        assert_eq!(device_name(iphone), "Safari · iOS");
        assert_eq!(device_name("curl/8.0"), "curl/8.0");
    }

    #[test]
    fn native_fallbacks_are_iso() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        assert_eq!(format_date(d), "2026-11-02");
    }
}
