//! Registration, confirmation, sign-in and password reset.

use serde::{Deserialize, Serialize};

use crate::validation::{check_confirmation, check_new_password, Email, MobilePhone, PersonName};
use crate::{Country, ErrorCode, FieldError, Language, Salutation};

/// POST /accounts: the registration form (A1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    pub salutation: Option<Salutation>,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub password: String,
    pub password_confirmation: String,
    pub country: Option<Country>,
    pub language: Option<Language>,
    /// Optional; empty means none.
    #[serde(default)]
    pub mobile_phone: String,
    /// The terms of use were ticked, and which version was shown.
    pub accept_terms: bool,
    pub terms_version: u32,
    /// The privacy policy was ticked, and which version was shown.
    pub accept_privacy: bool,
    pub privacy_version: u32,
    /// Optional newsletter / marketing e-mails, asked separately.
    #[serde(default)]
    pub marketing_consent: bool,
}

/// Field names of [`RegisterRequest`], as reported in [`FieldError::field`].
pub mod register_fields {
    pub const SALUTATION: &str = "salutation";
    pub const FIRST_NAME: &str = "first_name";
    pub const LAST_NAME: &str = "last_name";
    pub const EMAIL: &str = "email";
    pub const PASSWORD: &str = "password";
    pub const PASSWORD_CONFIRMATION: &str = "password_confirmation";
    pub const COUNTRY: &str = "country";
    pub const LANGUAGE: &str = "language";
    pub const MOBILE_PHONE: &str = "mobile_phone";
    pub const ACCEPT_TERMS: &str = "accept_terms";
    pub const ACCEPT_PRIVACY: &str = "accept_privacy";
}

/// A registration that passed every rule: the only way to create an account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAccount {
    pub salutation: Salutation,
    pub first_name: PersonName,
    pub last_name: PersonName,
    pub email: Email,
    pub password: String,
    pub country: Country,
    pub language: Language,
    pub mobile_phone: Option<MobilePhone>,
    pub terms_version: u32,
    pub privacy_version: u32,
    pub marketing_consent: bool,
}

impl NewAccount {
    /// Applies every registration rule and reports all problems at once, in
    /// the order of the form.
    pub fn parse(
        req: &RegisterRequest,
        is_common_password: impl Fn(&str) -> bool,
    ) -> Result<NewAccount, Vec<FieldError>> {
        use register_fields as f;
        let mut errors = Vec::new();
        let mut check = |field: &str, r: Result<(), ErrorCode>| {
            if let Err(code) = r {
                errors.push(FieldError::new(field, code));
            }
        };
        check(
            f::SALUTATION,
            req.salutation.map(drop).ok_or(ErrorCode::Required),
        );
        let first_name = PersonName::parse(&req.first_name);
        check(f::FIRST_NAME, first_name.as_ref().map(drop).map_err(|e| *e));
        let last_name = PersonName::parse(&req.last_name);
        check(f::LAST_NAME, last_name.as_ref().map(drop).map_err(|e| *e));
        let email = Email::parse(&req.email);
        check(f::EMAIL, email.as_ref().map(drop).map_err(|e| *e));
        check(
            f::PASSWORD,
            check_new_password(&req.password, Some(&req.email), is_common_password),
        );
        check(
            f::PASSWORD_CONFIRMATION,
            check_confirmation(&req.password, &req.password_confirmation),
        );
        check(f::COUNTRY, req.country.map(drop).ok_or(ErrorCode::Required));
        check(
            f::LANGUAGE,
            req.language.map(drop).ok_or(ErrorCode::Required),
        );
        let mobile_phone = match (req.mobile_phone.trim().is_empty(), req.country) {
            (true, _) => Ok(None),
            (false, Some(country)) => MobilePhone::parse(&req.mobile_phone, country).map(Some),
            // Cannot read a national number without a country; the country
            // field already reports the real problem.
            (false, None) => MobilePhone::parse(&req.mobile_phone, Country::Be).map(Some),
        };
        check(
            f::MOBILE_PHONE,
            mobile_phone.as_ref().map(drop).map_err(|e| *e),
        );
        check(
            f::ACCEPT_TERMS,
            if req.accept_terms {
                Ok(())
            } else {
                Err(ErrorCode::TermsNotAccepted)
            },
        );
        check(
            f::ACCEPT_PRIVACY,
            if req.accept_privacy {
                Ok(())
            } else {
                Err(ErrorCode::PrivacyNotAccepted)
            },
        );
        match (errors.is_empty(), req.salutation, req.country, req.language) {
            (true, Some(salutation), Some(country), Some(language)) => Ok(NewAccount {
                salutation,
                first_name: first_name.expect("checked above"),
                last_name: last_name.expect("checked above"),
                email: email.expect("checked above"),
                password: req.password.clone(),
                country,
                language,
                mobile_phone: mobile_phone.expect("checked above"),
                terms_version: req.terms_version,
                privacy_version: req.privacy_version,
                marketing_consent: req.marketing_consent,
            }),
            _ => Err(errors),
        }
    }
}

/// POST /session: sign in (A2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignInRequest {
    pub email: String,
    pub password: String,
}

impl SignInRequest {
    /// Only presence is checked: the password rules may have changed since
    /// the account was made, and a wrong answer must not say which part was
    /// wrong.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.email.trim().is_empty() {
            errors.push(FieldError::new("email", ErrorCode::Required));
        } else if let Err(code) = Email::parse(&self.email) {
            errors.push(FieldError::new("email", code));
        }
        if self.password.is_empty() {
            errors.push(FieldError::new("password", ErrorCode::Required));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// The signed-in person, as the SPA shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: i64,
    pub email: String,
    pub salutation: Salutation,
    pub first_name: String,
    pub last_name: String,
    pub language: Language,
    pub country: Country,
}

/// GET/POST /session: who is signed in, and the CSRF token the SPA must send
/// in the `x-csrf-token` header on every state-changing request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionState {
    pub user: Option<UserSummary>,
    pub csrf_token: String,
    /// New versions of legal documents the signed-in user must accept
    /// before anything else (A4); empty otherwise.
    #[serde(default)]
    pub pending_legal: Vec<crate::profile::PendingLegal>,
}

/// POST /accounts/confirm
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfirmEmailRequest {
    pub token: String,
}

/// POST /accounts/confirm/resend and POST /password-reset: both take only an
/// address and always answer 202, whether or not it has an account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmailRequest {
    pub email: String,
}

impl EmailRequest {
    pub fn validate(&self) -> Result<Email, Vec<FieldError>> {
        Email::parse(&self.email).map_err(|code| vec![FieldError::new("email", code)])
    }
}

/// POST /password-reset/complete (A3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResetPasswordRequest {
    pub token: String,
    pub password: String,
    pub password_confirmation: String,
}

impl ResetPasswordRequest {
    pub fn validate(
        &self,
        is_common_password: impl Fn(&str) -> bool,
    ) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        if let Err(code) = check_new_password(&self.password, None, is_common_password) {
            errors.push(FieldError::new("password", code));
        }
        if let Err(code) = check_confirmation(&self.password, &self.password_confirmation) {
            errors.push(FieldError::new("password_confirmation", code));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// The body of a 202 answer: what the person should look out for next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accepted {
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> RegisterRequest {
        RegisterRequest {
            salutation: Some(Salutation::Ms),
            first_name: "Els".into(),
            last_name: "Janssens".into(),
            email: "els.janssens@example.be".into(),
            password: "zonnige-ochtend-in-gent".into(),
            password_confirmation: "zonnige-ochtend-in-gent".into(),
            country: Some(Country::Be),
            language: Some(Language::Nl),
            mobile_phone: "0470 12 34 56".into(),
            accept_terms: true,
            terms_version: 1,
            accept_privacy: true,
            privacy_version: 1,
            marketing_consent: false,
        }
    }

    fn codes(req: &RegisterRequest) -> Vec<(String, ErrorCode)> {
        NewAccount::parse(req, |_| false)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn a_complete_registration_is_accepted_and_normalised() {
        let acc = NewAccount::parse(&valid(), |_| false).unwrap();
        assert_eq!(acc.email.as_str(), "els.janssens@example.be");
        assert_eq!(acc.mobile_phone.unwrap().as_str(), "+32470123456");
        assert!(!acc.marketing_consent);
    }

    #[test]
    fn mobile_phone_is_optional() {
        let req = RegisterRequest {
            mobile_phone: "  ".into(),
            ..valid()
        };
        assert_eq!(
            NewAccount::parse(&req, |_| false).unwrap().mobile_phone,
            None
        );
    }

    #[test]
    fn each_refused_acceptance_has_its_own_code() {
        let req = RegisterRequest {
            accept_terms: false,
            ..valid()
        };
        assert_eq!(
            codes(&req),
            vec![("accept_terms".into(), ErrorCode::TermsNotAccepted)]
        );
        let req = RegisterRequest {
            accept_privacy: false,
            ..valid()
        };
        assert_eq!(
            codes(&req),
            vec![("accept_privacy".into(), ErrorCode::PrivacyNotAccepted)]
        );
        let req = RegisterRequest {
            accept_terms: false,
            accept_privacy: false,
            ..valid()
        };
        assert_eq!(codes(&req).len(), 2);
        assert_ne!(
            ErrorCode::TermsNotAccepted.message(Language::Nl),
            ErrorCode::PrivacyNotAccepted.message(Language::Nl)
        );
    }

    #[test]
    fn every_problem_is_reported_in_form_order() {
        let req = RegisterRequest {
            salutation: None,
            first_name: "".into(),
            last_name: "X1".into(),
            email: "nope".into(),
            password: "kort".into(),
            password_confirmation: "anders".into(),
            country: None,
            language: None,
            mobile_phone: "123".into(),
            accept_terms: false,
            accept_privacy: false,
            ..valid()
        };
        let fields: Vec<String> = codes(&req).into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            [
                "salutation",
                "first_name",
                "last_name",
                "email",
                "password",
                "password_confirmation",
                "country",
                "language",
                "mobile_phone",
                "accept_terms",
                "accept_privacy"
            ]
        );
    }

    #[test]
    fn password_confirmation_must_match() {
        let req = RegisterRequest {
            password_confirmation: "zonnige-ochtend-in-brugge".into(),
            ..valid()
        };
        assert_eq!(
            codes(&req),
            vec![("password_confirmation".into(), ErrorCode::PasswordMismatch)]
        );
    }

    #[test]
    fn common_passwords_are_refused_through_the_given_list() {
        let req = valid();
        let errs = NewAccount::parse(&req, |p| p == "zonnige-ochtend-in-gent").unwrap_err();
        assert_eq!(errs[0].code, ErrorCode::PasswordCommon);
    }

    #[test]
    fn sign_in_checks_presence_only() {
        assert!(SignInRequest {
            email: "a@b.be".into(),
            password: "x".into()
        }
        .validate()
        .is_ok());
        let errs = SignInRequest {
            email: "".into(),
            password: "".into(),
        }
        .validate()
        .unwrap_err();
        assert_eq!(errs.len(), 2);
    }

    #[test]
    fn reset_password_applies_the_same_rules() {
        let ok = ResetPasswordRequest {
            token: "t".into(),
            password: "lange-nieuwe-zin".into(),
            password_confirmation: "lange-nieuwe-zin".into(),
        };
        assert!(ok.validate(|_| false).is_ok());
        let short = ResetPasswordRequest {
            password: "kort".into(),
            password_confirmation: "kort".into(),
            ..ok.clone()
        };
        assert_eq!(
            short.validate(|_| false).unwrap_err()[0].code,
            ErrorCode::PasswordTooShort
        );
        let mismatch = ResetPasswordRequest {
            password_confirmation: "iets-anders-12".into(),
            ..ok
        };
        assert_eq!(
            mismatch.validate(|_| false).unwrap_err()[0].code,
            ErrorCode::PasswordMismatch
        );
    }

    #[test]
    fn wire_format_is_stable() {
        let json = serde_json::to_value(valid()).unwrap();
        assert_eq!(json["salutation"], "ms");
        assert_eq!(json["country"], "BE");
        assert_eq!(json["language"], "nl");
        let err = crate::ApiError::validation(
            vec![FieldError::new("email", ErrorCode::EmailInvalid)],
            Language::Nl,
        );
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["code"], "validation_failed");
        assert_eq!(json["fields"][0]["code"], "email_invalid");
        assert_eq!(json["fields"][0]["field"], "email");
    }
}
