//! "Mijn Profiel" (B1-B5): personal data, address, phones, e-mail and
//! password changes, preferred dealer, emergency contact, consents, privacy
//! rights, and re-acceptance of new legal versions (A4).
//!
//! Rules per country (postcode, phone numbers) and the age check live here
//! (`rules`) so the SPA and the server give the same verdict. Nothing reads
//! a clock: callers pass `today`. This file holds the personal data and its
//! changes; dealers, consents and the privacy rights have their own files,
//! all re-exported here.

mod consents;
mod dealers;
mod privacy;
mod rules;
#[cfg(test)]
mod tests;

pub use consents::*;
pub use dealers::*;
pub use privacy::*;
pub use rules::*;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::validation::{check_confirmation, check_new_password, Email, MobilePhone, PersonName};
use crate::{Country, ErrorCode, FieldError, Language, Salutation};

pub const STREET_MAX_CHARS: usize = 100;
pub const HOUSE_NUMBER_MAX_CHARS: usize = 10;
pub const BOX_MAX_CHARS: usize = 10;
pub const CITY_MAX_CHARS: usize = 60;
pub const RELATION_MAX_CHARS: usize = 40;
pub const MIN_AGE_YEARS: u32 = 18;
pub const MAX_AGE_YEARS: u32 = 120;

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
        if let Err(code) = check_confirmation(&self.new_password, &self.new_password_confirmation) {
            errors.push(FieldError::new("new_password_confirmation", code));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
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
