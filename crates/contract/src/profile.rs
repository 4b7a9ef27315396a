//! "Mijn Profiel" (B1-B5): personal data, address, phones, e-mail and
//! password changes, preferred dealer, emergency contact, consents, privacy
//! rights, and re-acceptance of new legal versions (A4).
//!
//! Rules per country (postcode, phone numbers) and the age check live here
//! so the SPA and the server give the same verdict. Nothing reads a clock:
//! callers pass `today`.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::legal::LegalKind;
use crate::validation::{check_new_password, Email, MobilePhone, PersonName};
use crate::{Country, ErrorCode, FieldError, Language, Salutation};

pub const STREET_MAX_CHARS: usize = 100;
pub const HOUSE_NUMBER_MAX_CHARS: usize = 10;
pub const BOX_MAX_CHARS: usize = 10;
pub const CITY_MAX_CHARS: usize = 60;
pub const RELATION_MAX_CHARS: usize = 40;
pub const MIN_AGE_YEARS: u32 = 18;
pub const MAX_AGE_YEARS: u32 = 120;

// ---------------------------------------------------------------- rules ----

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

// -------------------------------------------------------------- profile ----

/// GET/PUT /profile: personal data as stored. Text fields are empty when unknown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub email: String,
    /// A new address waiting for its confirmation link to be used.
    pub pending_email: Option<String>,
    pub salutation: Salutation,
    pub first_name: String,
    pub last_name: String,
    pub birth_date: Option<NaiveDate>,
    pub language: Language,
    pub street: String,
    pub house_number: String,
    #[serde(rename = "box")]
    pub box_number: String,
    pub postcode: String,
    pub city: String,
    pub country: Country,
    /// E.164, e.g. `+32470123456`.
    pub mobile_phone: Option<String>,
    pub landline_phone: Option<String>,
}

/// The language of the interface and of the mails, set on its own (G1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetLanguageRequest {
    pub language: Language,
}

/// PUT /profile. The address is optional as a whole: leave street, house
/// number, postcode and city all empty, or fill in all four (box stays
/// optional). Phones and birth date are optional (empty = none).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateProfileRequest {
    pub salutation: Option<Salutation>,
    pub first_name: String,
    pub last_name: String,
    #[serde(default)]
    pub birth_date: String,
    pub language: Option<Language>,
    #[serde(default)]
    pub street: String,
    #[serde(default)]
    pub house_number: String,
    #[serde(default, rename = "box")]
    pub box_number: String,
    #[serde(default)]
    pub postcode: String,
    #[serde(default)]
    pub city: String,
    pub country: Option<Country>,
    #[serde(default)]
    pub mobile_phone: String,
    #[serde(default)]
    pub landline_phone: String,
}

/// Field names of [`UpdateProfileRequest`].
pub mod profile_fields {
    pub const SALUTATION: &str = "salutation";
    pub const FIRST_NAME: &str = "first_name";
    pub const LAST_NAME: &str = "last_name";
    pub const BIRTH_DATE: &str = "birth_date";
    pub const LANGUAGE: &str = "language";
    pub const STREET: &str = "street";
    pub const HOUSE_NUMBER: &str = "house_number";
    pub const BOX: &str = "box";
    pub const POSTCODE: &str = "postcode";
    pub const CITY: &str = "city";
    pub const COUNTRY: &str = "country";
    pub const MOBILE_PHONE: &str = "mobile_phone";
    pub const LANDLINE_PHONE: &str = "landline_phone";
}

/// A profile update that passed every rule, normalised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidProfile {
    pub salutation: Salutation,
    pub first_name: PersonName,
    pub last_name: PersonName,
    pub birth_date: Option<NaiveDate>,
    pub language: Language,
    pub street: String,
    pub house_number: String,
    pub box_number: String,
    pub postcode: Option<Postcode>,
    pub city: String,
    pub country: Country,
    pub mobile_phone: Option<MobilePhone>,
    pub landline_phone: Option<Phone>,
}

impl UpdateProfileRequest {
    /// Every rule, all problems at once in form order.
    pub fn validate(&self, today: NaiveDate) -> Result<ValidProfile, Vec<FieldError>> {
        use profile_fields as f;
        let mut errors = Vec::new();
        fn keep<T>(
            errors: &mut Vec<FieldError>,
            field: &str,
            r: Result<T, ErrorCode>,
        ) -> Option<T> {
            r.map_err(|code| errors.push(FieldError::new(field, code)))
                .ok()
        }
        let salutation = keep(
            &mut errors,
            f::SALUTATION,
            self.salutation.ok_or(ErrorCode::Required),
        );
        let first_name = keep(
            &mut errors,
            f::FIRST_NAME,
            PersonName::parse(&self.first_name),
        );
        let last_name = keep(
            &mut errors,
            f::LAST_NAME,
            PersonName::parse(&self.last_name),
        );
        let birth_date = if self.birth_date.trim().is_empty() {
            Some(None)
        } else {
            keep(
                &mut errors,
                f::BIRTH_DATE,
                parse_birth_date(&self.birth_date, today).map(Some),
            )
        };
        let language = keep(
            &mut errors,
            f::LANGUAGE,
            self.language.ok_or(ErrorCode::Required),
        );
        // Without a country, read numbers and postcodes as Belgian; the
        // country field reports the real problem.
        let c = self.country.unwrap_or(Country::Be);
        let any_address = [&self.street, &self.house_number, &self.postcode, &self.city]
            .iter()
            .any(|s| !s.trim().is_empty());
        let street = keep(
            &mut errors,
            f::STREET,
            parse_text(&self.street, STREET_MAX_CHARS, any_address),
        );
        let house_number = keep(
            &mut errors,
            f::HOUSE_NUMBER,
            parse_text(&self.house_number, HOUSE_NUMBER_MAX_CHARS, any_address).and_then(|h| {
                if h.is_empty() || h.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                    Ok(h)
                } else {
                    Err(ErrorCode::InvalidValue)
                }
            }),
        );
        let box_number = keep(
            &mut errors,
            f::BOX,
            parse_text(&self.box_number, BOX_MAX_CHARS, false),
        );
        let postcode = if any_address {
            keep(
                &mut errors,
                f::POSTCODE,
                Postcode::parse(&self.postcode, c).map(Some),
            )
        } else {
            Some(None)
        };
        let city = keep(
            &mut errors,
            f::CITY,
            parse_text(&self.city, CITY_MAX_CHARS, any_address),
        );
        let country = keep(
            &mut errors,
            f::COUNTRY,
            self.country.ok_or(ErrorCode::Required),
        );
        let mobile_phone = if self.mobile_phone.trim().is_empty() {
            Some(None)
        } else {
            keep(
                &mut errors,
                f::MOBILE_PHONE,
                MobilePhone::parse(&self.mobile_phone, c).map(Some),
            )
        };
        let landline_phone = if self.landline_phone.trim().is_empty() {
            Some(None)
        } else {
            keep(
                &mut errors,
                f::LANDLINE_PHONE,
                Phone::parse(&self.landline_phone, c).map(Some),
            )
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        match (
            salutation,
            first_name,
            last_name,
            birth_date,
            language,
            street,
            house_number,
            box_number,
            postcode,
            city,
            country,
            mobile_phone,
            landline_phone,
        ) {
            (
                Some(salutation),
                Some(first_name),
                Some(last_name),
                Some(birth_date),
                Some(language),
                Some(street),
                Some(house_number),
                Some(box_number),
                Some(postcode),
                Some(city),
                Some(country),
                Some(mobile_phone),
                Some(landline_phone),
            ) => Ok(ValidProfile {
                salutation,
                first_name,
                last_name,
                birth_date,
                language,
                street,
                house_number,
                box_number,
                postcode,
                city,
                country,
                mobile_phone,
                landline_phone,
            }),
            _ => Err(vec![FieldError::new(f::SALUTATION, ErrorCode::Required)]),
        }
    }
}

/// POST /profile/email: ask to change the sign-in address. A link goes to
/// the new address; the address changes only when it is used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeEmailRequest {
    pub new_email: String,
    pub current_password: String,
}

impl ChangeEmailRequest {
    pub fn validate(&self, current_email: &str) -> Result<Email, Vec<FieldError>> {
        let mut errors = Vec::new();
        let email = Email::parse(&self.new_email);
        match &email {
            Err(code) => errors.push(FieldError::new("new_email", *code)),
            Ok(e) if e.as_str() == current_email.trim().to_lowercase() => {
                errors.push(FieldError::new("new_email", ErrorCode::EmailUnchanged))
            }
            Ok(_) => {}
        }
        if self.current_password.is_empty() {
            errors.push(FieldError::new("current_password", ErrorCode::Required));
        }
        match email {
            Ok(e) if errors.is_empty() => Ok(e),
            _ => Err(errors),
        }
    }
}

/// POST /profile/password: the current password and a new one (same rules
/// as registration). Every other session of the user ends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
    pub new_password_confirmation: String,
}

impl ChangePasswordRequest {
    pub fn validate(
        &self,
        email: &str,
        is_common_password: impl Fn(&str) -> bool,
    ) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.current_password.is_empty() {
            errors.push(FieldError::new("current_password", ErrorCode::Required));
        }
        if let Err(code) = check_new_password(&self.new_password, Some(email), is_common_password) {
            errors.push(FieldError::new("new_password", code));
        }
        if self.new_password_confirmation.is_empty() {
            errors.push(FieldError::new(
                "new_password_confirmation",
                ErrorCode::Required,
            ));
        } else if self.new_password_confirmation != self.new_password {
            errors.push(FieldError::new(
                "new_password_confirmation",
                ErrorCode::PasswordMismatch,
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

// -------------------------------------------------------------- dealers ----

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

/// One opening period on a weekday, local time `HH:MM`. A day without
/// periods is closed; a day may have two (lunch break).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpeningPeriod {
    pub day: Weekday,
    pub opens: String,
    pub closes: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dealer {
    pub id: i64,
    pub name: String,
    pub street: String,
    pub postcode: String,
    pub city: String,
    pub country: Country,
    pub lat: f64,
    pub lon: f64,
    pub phone: String,
    pub email: String,
    pub opening_hours: Vec<OpeningPeriod>,
}

/// GET /dealers?q=
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DealerList {
    pub dealers: Vec<Dealer>,
}

/// GET/PUT /profile/dealer. `assigned`: not chosen by the user but the
/// nearest dealer to their postcode (`distance_km` as the crow flies).
/// `dealer` is None when nothing was chosen and no postcode is known.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PreferredDealer {
    pub dealer: Option<Dealer>,
    pub assigned: bool,
    pub distance_km: Option<f64>,
}

/// PUT /profile/dealer
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChooseDealerRequest {
    pub dealer_id: i64,
}

// ---------------------------------------------------- emergency contact ----

/// GET/PUT /profile/emergency-contact (B3). Phone in E.164 in answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmergencyContact {
    pub name: String,
    /// "partner", "dochter", ... as the user writes it.
    pub relation: String,
    pub phone: String,
}

/// GET answer: `contact` is None when none is set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmergencyContactState {
    pub contact: Option<EmergencyContact>,
}

impl EmergencyContact {
    /// Name as a person name, relation free text, phone any number read in
    /// the user's country. Returns the normalised contact.
    pub fn validate(&self, country: Country) -> Result<EmergencyContact, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name =
            PersonName::parse(&self.name).map_err(|c| errors.push(FieldError::new("name", c)));
        let relation = parse_text(&self.relation, RELATION_MAX_CHARS, true)
            .map_err(|c| errors.push(FieldError::new("relation", c)));
        let phone = Phone::parse(&self.phone, country)
            .map_err(|c| errors.push(FieldError::new("phone", c)));
        match (name, relation, phone) {
            (Ok(name), Ok(relation), Ok(phone)) => Ok(EmergencyContact {
                name: name.into_string(),
                relation,
                phone: phone.into_string(),
            }),
            _ => Err(errors),
        }
    }
}

// ------------------------------------------------------------- consents ----

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentKind {
    MarketingEmail,
    MarketingPhone,
    Newsletter,
    DealerDataSharing,
}

impl ConsentKind {
    pub const ALL: [ConsentKind; 4] = [
        ConsentKind::MarketingEmail,
        ConsentKind::MarketingPhone,
        ConsentKind::Newsletter,
        ConsentKind::DealerDataSharing,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ConsentKind::MarketingEmail => "marketing_email",
            ConsentKind::MarketingPhone => "marketing_phone",
            ConsentKind::Newsletter => "newsletter",
            ConsentKind::DealerDataSharing => "dealer_data_sharing",
        }
    }

    pub fn from_code(code: &str) -> Option<ConsentKind> {
        ConsentKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// The current choice for one kind. Never asked: `granted` false, `since` None.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentState {
    pub kind: ConsentKind,
    pub granted: bool,
    pub since: Option<DateTime<Utc>>,
}

/// One recorded choice (rows are only ever added).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentRecord {
    pub kind: ConsentKind,
    pub granted: bool,
    pub recorded_at: DateTime<Utc>,
    /// The device (user agent) the choice was made on.
    pub user_agent: Option<String>,
    /// "registration", "profile", ...
    pub source: String,
}

/// GET /profile/consents?limit=&before_id=: current state per kind (all
/// four, fixed order) and one page of the history, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consents {
    pub current: Vec<ConsentState>,
    pub history: Vec<ConsentRecord>,
    /// Pass as `before_id` to get the next (older) page of the history.
    #[serde(default)]
    pub next_before_id: Option<i64>,
}

/// PUT /profile/consents/{kind}
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetConsentRequest {
    pub granted: bool,
}

// ------------------------------------------------------ legal, privacy ----

/// A version of a legal document the user still has to accept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingLegal {
    pub kind: LegalKind,
    pub version: u32,
}

/// POST /profile/legal/accept: accept the current version of a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptLegalRequest {
    pub kind: LegalKind,
    pub version: u32,
}

/// One acceptance; the text is at `GET /legal/{kind}/{version}?lang={language}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcceptedDocument {
    pub kind: LegalKind,
    pub version: u32,
    pub language: Language,
    pub accepted_at: DateTime<Utc>,
    pub user_agent: Option<String>,
}

/// GET /profile/legal: every acceptance, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcceptedDocuments {
    pub documents: Vec<AcceptedDocument>,
}

/// One signed-in session of the user (ASVS 3.3.4). `id` is an opaque public
/// id of the session, never its cookie value or the stored hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub id: String,
    pub user_agent: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    /// The session this request came with.
    pub current: bool,
}

/// GET /profile/sessions: the current session first, then the most recently seen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionList {
    pub sessions: Vec<SessionInfo>,
}

/// POST /account/delete: erasure, confirmed with the password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeleteAccountRequest {
    pub password: String,
}

/// POST /admin/legal (admin token): publish a new version of a legal
/// document in one language. `content` uses the server's document format
/// (`# Title`, `effective: YYYY-MM-DD`, `## Section` ...).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishLegalRequest {
    pub kind: LegalKind,
    pub version: u32,
    pub language: Language,
    pub content: String,
}

/// Helper for the SPA: the age on `today` of someone born on `birth`.
pub fn age_on(birth: NaiveDate, today: NaiveDate) -> Option<u32> {
    today
        .years_since(birth)
        .or_else(|| (birth.year() == today.year()).then_some(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pc(s: &str, c: Country) -> Result<String, ErrorCode> {
        Postcode::parse(s, c).map(Postcode::into_string)
    }

    #[test]
    fn belgian_postcodes() {
        assert_eq!(pc("2020", Country::Be), Ok("2020".into()));
        assert_eq!(pc(" 1000 ", Country::Be), Ok("1000".into()));
        assert_eq!(pc("9999", Country::Be), Ok("9999".into()));
        for bad in ["0999", "999", "10000", "20A0", "B-2020"] {
            assert_eq!(
                pc(bad, Country::Be),
                Err(ErrorCode::PostcodeInvalid),
                "{bad}"
            );
        }
        assert_eq!(pc("  ", Country::Be), Err(ErrorCode::Required));
    }

    #[test]
    fn dutch_postcodes_are_normalised() {
        assert_eq!(pc("3511ab", Country::Nl), Ok("3511 AB".into()));
        assert_eq!(pc("3511  AB", Country::Nl), Ok("3511 AB".into()));
        assert_eq!(pc("1011 ac", Country::Nl), Ok("1011 AC".into()));
        for bad in [
            "3511 SA", "3511sd", "3511 SS", "0511 AB", "3511", "3511 A1", "35111 AB", "AB 3511",
        ] {
            assert_eq!(
                pc(bad, Country::Nl),
                Err(ErrorCode::PostcodeInvalid),
                "{bad}"
            );
        }
    }

    #[test]
    fn luxembourg_postcodes_accept_the_l_prefix() {
        assert_eq!(pc("1234", Country::Lu), Ok("L-1234".into()));
        assert_eq!(pc("L-1234", Country::Lu), Ok("L-1234".into()));
        assert_eq!(pc("l-2449", Country::Lu), Ok("L-2449".into()));
        for bad in ["123", "L-12345", "LU-1234", "12a4"] {
            assert_eq!(
                pc(bad, Country::Lu),
                Err(ErrorCode::PostcodeInvalid),
                "{bad}"
            );
        }
    }

    #[test]
    fn french_and_german_postcodes_have_five_digits() {
        assert_eq!(pc("75001", Country::Fr), Ok("75001".into()));
        assert_eq!(pc("01000", Country::Fr), Ok("01000".into()));
        assert_eq!(pc("10115", Country::De), Ok("10115".into()));
        assert_eq!(pc("01067", Country::De), Ok("01067".into()));
        for bad in ["7500", "750011", "00100", "2A004x"] {
            assert_eq!(
                pc(bad, Country::Fr),
                Err(ErrorCode::PostcodeInvalid),
                "{bad}"
            );
            assert_eq!(
                pc(bad, Country::De),
                Err(ErrorCode::PostcodeInvalid),
                "{bad}"
            );
        }
    }

    fn ph(s: &str, c: Country) -> Result<String, ErrorCode> {
        Phone::parse(s, c).map(Phone::into_string)
    }

    #[test]
    fn phones_per_country() {
        // Landlines and mobiles alike.
        assert_eq!(ph("02 123 45 67", Country::Be), Ok("+3221234567".into()));
        assert_eq!(ph("0470 12 34 56", Country::Be), Ok("+32470123456".into()));
        assert_eq!(ph("020 123 4567", Country::Nl), Ok("+31201234567".into()));
        assert_eq!(ph("06-12345678", Country::Nl), Ok("+31612345678".into()));
        assert_eq!(ph("+352 26 12 34", Country::Lu), Ok("+352261234".into()));
        assert_eq!(ph("01 23 45 67 89", Country::Fr), Ok("+33123456789".into()));
        assert_eq!(ph("030 1234567", Country::De), Ok("+49301234567".into()));
        assert_eq!(
            ph("+44 20 7946 0958", Country::Be),
            Ok("+442079460958".into())
        );
    }

    #[test]
    fn phones_with_wrong_lengths_are_refused() {
        assert_eq!(ph("", Country::Be), Err(ErrorCode::Required));
        assert_eq!(
            ph("02 123 45", Country::Be),
            Err(ErrorCode::PhoneNumberInvalid)
        );
        assert_eq!(
            ph("0470 12 34 56 7", Country::Be),
            Err(ErrorCode::PhoneNumberInvalid)
        );
        assert_eq!(
            ph("020 123 456", Country::Nl),
            Err(ErrorCode::PhoneNumberInvalid)
        );
        assert_eq!(
            ph("+352 1234", Country::Lu),
            Err(ErrorCode::PhoneNumberInvalid)
        );
        assert_eq!(
            ph("01 23 45 67 8", Country::Fr),
            Err(ErrorCode::PhoneNumberInvalid)
        );
        assert_eq!(
            ph("+49 0301234567", Country::De),
            Err(ErrorCode::PhoneNumberInvalid)
        );
        assert_eq!(
            ph("12345678", Country::Be),
            Err(ErrorCode::PhoneNumberInvalid)
        );
        assert_eq!(
            ph("02 abc 45 67", Country::Be),
            Err(ErrorCode::PhoneNumberInvalid)
        );
    }

    #[test]
    fn birth_date_must_give_an_adult_age() {
        let today = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
        assert_eq!(
            parse_birth_date("2008-06-15", today),
            Ok(NaiveDate::from_ymd_opt(2008, 6, 15).unwrap())
        );
        assert_eq!(
            parse_birth_date("2008-06-16", today),
            Err(ErrorCode::BirthDateTooYoung)
        );
        assert_eq!(parse_birth_date("1906-06-15", today).map(|_| ()), Ok(()));
        assert_eq!(
            parse_birth_date("1905-06-14", today),
            Err(ErrorCode::BirthDateTooOld)
        );
        assert_eq!(
            parse_birth_date("2027-01-01", today),
            Err(ErrorCode::BirthDateInvalid)
        );
        assert_eq!(
            parse_birth_date("1990-02-30", today),
            Err(ErrorCode::BirthDateInvalid)
        );
        assert_eq!(
            parse_birth_date("15/06/1990", today),
            Err(ErrorCode::BirthDateInvalid)
        );
        assert_eq!(parse_birth_date("", today), Err(ErrorCode::Required));
    }

    fn valid() -> UpdateProfileRequest {
        UpdateProfileRequest {
            salutation: Some(Salutation::Mr),
            first_name: "Jan".into(),
            last_name: "de Vries".into(),
            birth_date: "1980-04-01".into(),
            language: Some(Language::Nl),
            street: "Damrak".into(),
            house_number: "1".into(),
            box_number: "".into(),
            postcode: "1012lg".into(),
            city: "Amsterdam".into(),
            country: Some(Country::Nl),
            mobile_phone: "06 12345678".into(),
            landline_phone: "".into(),
        }
    }

    #[test]
    fn a_profile_is_normalised() {
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let p = valid().validate(today).unwrap();
        assert_eq!(p.postcode.unwrap().as_str(), "1012 LG");
        assert_eq!(p.mobile_phone.unwrap().as_str(), "+31612345678");
        assert_eq!(p.landline_phone, None);
    }

    #[test]
    fn the_address_is_all_or_nothing() {
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let none = UpdateProfileRequest {
            street: "".into(),
            house_number: "".into(),
            postcode: "".into(),
            city: "".into(),
            ..valid()
        };
        assert!(none.validate(today).is_ok());
        let partial = UpdateProfileRequest {
            street: "".into(),
            city: "".into(),
            ..valid()
        };
        let fields: Vec<_> = partial
            .validate(today)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect();
        assert_eq!(
            fields,
            [
                ("street".to_string(), ErrorCode::Required),
                ("city".to_string(), ErrorCode::Required)
            ]
        );
    }

    #[test]
    fn postcode_and_phones_follow_the_chosen_country() {
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let be = UpdateProfileRequest {
            country: Some(Country::Be),
            ..valid()
        };
        let codes: Vec<_> = be
            .validate(today)
            .unwrap_err()
            .into_iter()
            .map(|e| e.code)
            .collect();
        assert_eq!(codes, [ErrorCode::PostcodeInvalid, ErrorCode::PhoneInvalid]);
    }

    #[test]
    fn password_change_rules() {
        let ok = ChangePasswordRequest {
            current_password: "oud".into(),
            new_password: "lange-nieuwe-zin".into(),
            new_password_confirmation: "lange-nieuwe-zin".into(),
        };
        assert!(ok.validate("jan@example.be", |_| false).is_ok());
        let bad = ChangePasswordRequest {
            current_password: "".into(),
            new_password: "kort".into(),
            new_password_confirmation: "anders".into(),
        };
        let codes: Vec<_> = bad
            .validate("jan@example.be", |_| false)
            .unwrap_err()
            .into_iter()
            .map(|e| e.code)
            .collect();
        assert_eq!(
            codes,
            [
                ErrorCode::Required,
                ErrorCode::PasswordTooShort,
                ErrorCode::PasswordMismatch
            ]
        );
    }

    #[test]
    fn email_change_needs_a_new_address() {
        let req = ChangeEmailRequest {
            new_email: "Jan@Example.be".into(),
            current_password: "x".into(),
        };
        assert_eq!(
            req.validate("jan@example.be").unwrap_err()[0].code,
            ErrorCode::EmailUnchanged
        );
        assert_eq!(
            req.validate("els@example.be").unwrap().as_str(),
            "jan@example.be"
        );
    }

    #[test]
    fn emergency_contact_rules() {
        let c = EmergencyContact {
            name: " Els  Peeters ".into(),
            relation: "partner".into(),
            phone: "0470 12 34 56".into(),
        };
        let v = c.validate(Country::Be).unwrap();
        assert_eq!(v.name, "Els Peeters");
        assert_eq!(v.phone, "+32470123456");
        let bad = EmergencyContact {
            name: "".into(),
            relation: "".into(),
            phone: "12".into(),
        };
        assert_eq!(bad.validate(Country::Be).unwrap_err().len(), 3);
    }

    #[test]
    fn consent_kinds_round_trip() {
        for k in ConsentKind::ALL {
            assert_eq!(ConsentKind::from_code(k.code()), Some(k));
            assert_eq!(serde_json::to_value(k).unwrap(), k.code());
        }
    }
}
