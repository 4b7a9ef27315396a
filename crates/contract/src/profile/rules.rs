//! The profile's rules per country (postcode, phone numbers), dates of
//! birth and free text, shared by the SPA and the server.

use chrono::{Datelike, NaiveDate};

use super::{MAX_AGE_YEARS, MIN_AGE_YEARS};
use crate::{Country, ErrorCode};

/// A postcode valid for its country, in its normal written form:
/// BE `1000`-`9999`; NL `1234 AB` (no SA, SD, SS; first digit not 0);
/// LU `L-1234` (typed with or without `L-`); FR and DE five digits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Postcode(String);

impl Postcode {
    pub fn parse(raw: &str, country: Country) -> Result<Postcode, ErrorCode> {
        let compact: String = raw.split_whitespace().collect::<String>().to_uppercase();
        if compact.is_empty() {
            return Err(ErrorCode::Required);
        }
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        let normal = match country {
            Country::Be => (digits(&compact, 4) && !compact.starts_with('0')).then_some(compact),
            Country::Nl => {
                // Split only where a character starts (`123€` must not panic).
                let at = compact
                    .char_indices()
                    .nth(4)
                    .map_or(compact.len(), |(i, _)| i);
                let (num, letters) = compact.split_at(at);
                let letters_ok = letters.len() == 2
                    && letters.bytes().all(|b| b.is_ascii_uppercase())
                    && !matches!(letters, "SA" | "SD" | "SS");
                (digits(num, 4) && !num.starts_with('0') && letters_ok)
                    .then(|| format!("{num} {letters}"))
            }
            Country::Lu => {
                let num = compact
                    .strip_prefix("L-")
                    .or_else(|| compact.strip_prefix('L'))
                    .unwrap_or(&compact);
                digits(num, 4).then(|| format!("L-{num}"))
            }
            Country::Fr | Country::De => {
                (digits(&compact, 5) && !compact.starts_with("00")).then_some(compact)
            }
        };
        normal.map(Postcode).ok_or(ErrorCode::PostcodeInvalid)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    /// The digits that locate the postcode (`"2020"` for BE, `"3511"` for
    /// `3511 AB`, `"1234"` for `L-1234`).
    pub fn digits(&self) -> String {
        self.0.chars().filter(char::is_ascii_digit).collect()
    }
}

/// Any phone number (landline or mobile) in E.164 form. A number in one of
/// our countries must have that country's length; others the E.164 length.
/// Mobile-only fields use [`MobilePhone`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    pub fn parse(raw: &str, country: Country) -> Result<Phone, ErrorCode> {
        let international =
            crate::validation::international_digits(raw, country, ErrorCode::PhoneNumberInvalid)?;
        // National significant number lengths (after the country code).
        let national_ok = |prefix: &str, lens: std::ops::RangeInclusive<usize>| {
            international
                .strip_prefix(prefix)
                .map(|n| !n.starts_with('0') && lens.contains(&n.len()))
        };
        let verdict = national_ok("352", 6..=11)
            .or_else(|| national_ok("32", 8..=9))
            .or_else(|| national_ok("31", 9..=9))
            .or_else(|| national_ok("33", 9..=9))
            .or_else(|| national_ok("49", 6..=11))
            .unwrap_or(true);
        if verdict {
            Ok(Phone(format!("+{international}")))
        } else {
            Err(ErrorCode::PhoneNumberInvalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A birth date typed as `YYYY-MM-DD`, for a person aged 18 to 120 on `today`.
pub fn parse_birth_date(raw: &str, today: NaiveDate) -> Result<NaiveDate, ErrorCode> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(ErrorCode::Required);
    }
    let date =
        NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| ErrorCode::BirthDateInvalid)?;
    if date > today {
        return Err(ErrorCode::BirthDateInvalid);
    }
    let age = today.years_since(date).unwrap_or(0);
    if age < MIN_AGE_YEARS {
        Err(ErrorCode::BirthDateTooYoung)
    } else if age > MAX_AGE_YEARS {
        Err(ErrorCode::BirthDateTooOld)
    } else {
        Ok(date)
    }
}

/// Free text (street, city, relation): trimmed, collapsed, no control
/// characters, at most `max` characters.
pub fn parse_text(raw: &str, max: usize, required: bool) -> Result<String, ErrorCode> {
    let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.is_empty() {
        return if required {
            Err(ErrorCode::Required)
        } else {
            Ok(s)
        };
    }
    if s.chars().count() > max {
        return Err(ErrorCode::TooLong);
    }
    if s.chars().any(|c| c.is_control() || matches!(c, '<' | '>')) {
        return Err(ErrorCode::InvalidValue);
    }
    Ok(s)
}

/// Helper for the SPA: the age on `today` of someone born on `birth`.
pub fn age_on(birth: NaiveDate, today: NaiveDate) -> Option<u32> {
    today
        .years_since(birth)
        .or_else(|| (birth.year() == today.year()).then_some(0))
}
