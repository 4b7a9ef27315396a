//! Dates and numbers in the interface language's own notation (G1), through
//! the browser's `Intl`: no locale tables and no float formatting code in the
//! wasm. Natively (unit tests) they fall back to ISO dates and plain numbers.

use chrono::{DateTime, NaiveDate, Utc};
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

#[cfg(target_arch = "wasm32")]
mod js {
    use wasm_bindgen::JsValue;

    pub fn options(pairs: &[(&str, JsValue)]) -> JsValue {
        let o = js_sys::Object::new();
        for (k, v) in pairs {
            let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
        }
        o.into()
    }
}

/// The locale of the interface language.
#[cfg(target_arch = "wasm32")]
fn locale() -> &'static str {
    locale_tag(crate::i18n::lang())
}

/// "21 november 2026" / "21 novembre 2026" / "21 November 2026".
pub fn date(date: NaiveDate) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        use chrono::Datelike;
        use wasm_bindgen::JsValue;
        let d = js_sys::Date::new_with_year_month_day(
            date.year() as u32,
            date.month0() as i32,
            date.day() as i32,
        );
        let o = js::options(&[
            ("day", JsValue::from_str("numeric")),
            ("month", JsValue::from_str("long")),
            ("year", JsValue::from_str("numeric")),
        ]);
        d.to_locale_date_string(locale(), &o).into()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        date.format("%Y-%m-%d").to_string()
    }
}

/// The month of `date`: "dec." / "déc." / "Dec" (`long`: "december 2026").
pub fn month(date: NaiveDate, long: bool) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        use chrono::Datelike;
        use wasm_bindgen::JsValue;
        let d = js_sys::Date::new_with_year_month_day(date.year() as u32, date.month0() as i32, 1);
        let o = if long {
            js::options(&[
                ("month", JsValue::from_str("long")),
                ("year", JsValue::from_str("numeric")),
            ])
        } else {
            js::options(&[("month", JsValue::from_str("short"))])
        };
        d.to_locale_date_string(locale(), &o).into()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        date.format(if long { "%Y-%m" } else { "%m" }).to_string()
    }
}

/// The name of ISO weekday `iso` (1 = Monday): "ma" / "lun." / "Mon"
/// (`long`: "maandag" / "lundi" / "Monday").
pub fn weekday(iso: u8, long: bool) -> String {
    // 2024-01-01 was a Monday.
    let date = NaiveDate::from_ymd_opt(2024, 1, u32::from(iso.clamp(1, 7))).unwrap_or_default();
    #[cfg(target_arch = "wasm32")]
    {
        use chrono::Datelike;
        use wasm_bindgen::JsValue;
        let d = js_sys::Date::new_with_year_month_day(2024, 0, date.day() as i32);
        let o = js::options(&[(
            "weekday",
            JsValue::from_str(if long { "long" } else { "short" }),
        )]);
        d.to_locale_date_string(locale(), &o).into()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        date.format(if long { "%A" } else { "%a" }).to_string()
    }
}

/// Date and time in the browser's time zone: "21 nov 2026, 14:05".
pub fn date_time(at: DateTime<Utc>) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsValue;
        let d = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
        let o = js::options(&[
            ("dateStyle", JsValue::from_str("medium")),
            ("timeStyle", JsValue::from_str("short")),
        ]);
        d.to_locale_string(locale(), &o).into()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        at.format("%Y-%m-%d %H:%M").to_string()
    }
}

/// A number as the language writes it, up to three decimals: "2,5" / "2.5".
pub fn number(x: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Number::from(x).to_locale_string(locale()).into()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        x.to_string()
    }
}

/// A number with exactly `decimals` decimals, thousands grouped:
/// "12.345" / "12 345" / "12,345" for `fixed(12345.2, 0)`.
pub fn fixed(x: f64, decimals: u8) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsValue;
        let digits = JsValue::from_f64(f64::from(decimals));
        let o = js::options(&[
            ("minimumFractionDigits", digits.clone()),
            ("maximumFractionDigits", digits),
        ]);
        js_sys::Intl::NumberFormat::new(&js_sys::Array::of1(&locale().into()), &o.into())
            .format()
            .call1(&JsValue::NULL, &JsValue::from_f64(x))
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        format!("{x:.*}", usize::from(decimals))
    }
}

/// A number for a machine-read attribute (`<meter value>`): "62.5".
pub fn plain(x: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Number::from(x)
            .to_string_with_radix(10)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        x.to_string()
    }
}

/// The plural form a count takes in the interface language
/// (`Intl.PluralRules`): French says "0 concessionnaire", Dutch and English
/// "0 dealers". Texts that count come as a `_one` and an `_other` text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    One,
    Other,
}

pub fn plural(n: f64) -> Plural {
    #[cfg(target_arch = "wasm32")]
    {
        let rules = js_sys::Intl::PluralRules::new(
            &js_sys::Array::of1(&locale().into()),
            &js_sys::Object::new(),
        );
        // The languages we speak have only "one" and "other" for whole counts.
        if rules.select(n) == "one" {
            Plural::One
        } else {
            Plural::Other
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        if n == 1.0 {
            Plural::One
        } else {
            Plural::Other
        }
    }
}

/// A unit of [`relative_past`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeUnit {
    Minute,
    Hour,
    Day,
}

impl TimeUnit {
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    fn name(self) -> &'static str {
        match self {
            TimeUnit::Minute => "minute",
            TimeUnit::Hour => "hour",
            TimeUnit::Day => "day",
        }
    }
}

/// `n` units ago, as the language says it (`Intl.RelativeTimeFormat`):
/// "3 uur geleden" / "il y a 3 heures" / "3 hours ago".
pub fn relative_past(n: i64, unit: TimeUnit) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Intl::RelativeTimeFormat::new(
            &js_sys::Array::of1(&locale().into()),
            &js_sys::Object::new(),
        )
        .format(-(n as f64), unit.name())
        .into()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        format!("-{n} {unit:?}")
    }
}

/// Today in the browser's time zone.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
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
    fn native_fallbacks_are_iso_and_plain() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        assert_eq!(date(d), "2026-11-02");
        assert_eq!(fixed(12345.6, 0), "12346");
        assert_eq!(plain(62.5), "62.5");
    }
}

/// An amount of money in the language's notation: "€ 12,34" / "12,34 €" /
/// "€12.34". Integer cents; the division is for display only.
pub fn money(m: mijn_lexus_contract::money::Money) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsValue;
        let o = js::options(&[
            ("style", JsValue::from_str("currency")),
            ("currency", JsValue::from_str(m.currency.code())),
        ]);
        js_sys::Intl::NumberFormat::new(&js_sys::Array::of1(&locale().into()), &o.into())
            .format()
            .call1(&JsValue::NULL, &JsValue::from_f64(m.cents as f64 / 100.0))
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        format!("{} {}", m.currency.code(), m.amount_text(false))
    }
}

/// A rate in basis points as the language writes the percentage: "21" /
/// "17,5" (the "%" is the text's).
pub fn percent_bp(bp: u32) -> String {
    number(f64::from(bp) / 100.0)
}
