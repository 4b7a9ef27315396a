//! Validation rules, as domain types that can only be built from valid input.
//!
//! Each `parse` returns the [`ErrorCode`] that tells the person what to fix.
//! The server and the SPA call the same functions.

use crate::{Country, ErrorCode};

/// Passwords shorter than this are refused (OWASP ASVS 2.1.1, level 2).
pub const PASSWORD_MIN_CHARS: usize = 12;
/// Longer passwords are refused; ASVS asks that at least 64 are allowed.
pub const PASSWORD_MAX_CHARS: usize = 128;
pub const NAME_MAX_CHARS: usize = 60;
pub const EMAIL_MAX_CHARS: usize = 254;

/// A syntactically valid e-mail address, trimmed and lower-cased (addresses
/// are compared case-insensitively, so one person cannot hold two accounts
/// that differ only in case).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Email, ErrorCode> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(ErrorCode::Required);
        }
        if s.chars().count() > EMAIL_MAX_CHARS {
            return Err(ErrorCode::TooLong);
        }
        let (local, domain) = s.rsplit_once('@').ok_or(ErrorCode::EmailInvalid)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            })
            && labels.last().is_some_and(|tld| {
                tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic)
            });
        if local_ok && domain_ok {
            Ok(Email(s.to_lowercase()))
        } else {
            Err(ErrorCode::EmailInvalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A first or last name as a person writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(raw: &str) -> Result<PersonName, ErrorCode> {
        // Collapse runs of white space so "Jan  de  Vries" is stored once.
        let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.is_empty() {
            return Err(ErrorCode::Required);
        }
        if s.chars().count() > NAME_MAX_CHARS {
            return Err(ErrorCode::TooLong);
        }
        let valid = s.chars().any(char::is_alphabetic)
            && s.chars().all(|c| {
                c.is_alphabetic() || c == ' ' || c == '-' || c == '\'' || c == '’' || c == '.'
            });
        if valid {
            Ok(PersonName(s))
        } else {
            Err(ErrorCode::NameInvalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A mobile phone number in E.164 form (`+32470123456`).
///
/// Input may use spaces, dots, dashes, brackets, a `00` international prefix
/// or a national trunk `0`, which is read against the given country.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MobilePhone(String);

/// The digits of a phone number in international form, without the `+`
/// (`"0470 12 34 56"` in BE -> `"32470123456"`): spaces, dots, dashes,
/// brackets and slashes are dropped, `+` and `00` start an international
/// number, a leading `0` is the national trunk prefix of `country`. Only the
/// E.164 length (8 to 15 digits) is checked; `invalid` is the code to give.
pub fn international_digits(
    raw: &str,
    country: Country,
    invalid: ErrorCode,
) -> Result<String, ErrorCode> {
    let compact: String = raw
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')' | '/'))
        .collect();
    if compact.is_empty() {
        return Err(ErrorCode::Required);
    }
    let international = if let Some(rest) = compact.strip_prefix('+') {
        rest.to_owned()
    } else if let Some(rest) = compact.strip_prefix("00") {
        rest.to_owned()
    } else if let Some(rest) = compact.strip_prefix('0') {
        format!("{}{}", country.calling_code(), rest)
    } else {
        return Err(invalid);
    };
    if international.chars().all(|c| c.is_ascii_digit()) && (8..=15).contains(&international.len())
    {
        Ok(international)
    } else {
        Err(invalid)
    }
}

impl MobilePhone {
    pub fn parse(raw: &str, country: Country) -> Result<MobilePhone, ErrorCode> {
        let international = international_digits(raw, country, ErrorCode::PhoneInvalid)?;
        // A number in one of our countries must be a mobile number there;
        // other countries only get the E.164 length check above.
        let national_ok = |prefix: &str, mobile_starts: &[&str], lens: &[usize]| {
            international.strip_prefix(prefix).map(|national| {
                mobile_starts.iter().any(|s| national.starts_with(s))
                    && lens.contains(&national.len())
            })
        };
        let verdict = national_ok("352", &["6"], &[9])
            .or_else(|| national_ok("32", &["4"], &[9]))
            .or_else(|| national_ok("31", &["6"], &[9]))
            .or_else(|| national_ok("33", &["6", "7"], &[9]))
            .or_else(|| national_ok("49", &["15", "16", "17"], &[10, 11]))
            .unwrap_or(true);
        if verdict {
            Ok(MobilePhone(format!("+{international}")))
        } else {
            Err(ErrorCode::PhoneInvalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// The confirmation of a new password: typed, and the same as the password.
pub fn check_confirmation(password: &str, confirmation: &str) -> Result<(), ErrorCode> {
    if confirmation.is_empty() {
        Err(ErrorCode::Required)
    } else if confirmation != password {
        Err(ErrorCode::PasswordMismatch)
    } else {
        Ok(())
    }
}

/// Checks a new password against the rules of OWASP ASVS 4.0 level 2
/// (2.1.1-2.1.9): length only, no composition rules, any character allowed,
/// not a commonly used password, not the account's own e-mail address.
///
/// `is_common` answers whether a lower-cased candidate is on the list of
/// common passwords. The server passes its list of 10,000; the SPA, which
/// must stay small, passes `|_| false` and shows the server's verdict.
pub fn check_new_password(
    password: &str,
    email: Option<&str>,
    is_common: impl Fn(&str) -> bool,
) -> Result<(), ErrorCode> {
    let chars = password.chars().count();
    if chars == 0 {
        return Err(ErrorCode::Required);
    }
    if chars < PASSWORD_MIN_CHARS {
        return Err(ErrorCode::PasswordTooShort);
    }
    if chars > PASSWORD_MAX_CHARS {
        return Err(ErrorCode::PasswordTooLong);
    }
    let lower = password.to_lowercase();
    if let Some(local) = email
        .and_then(|e| e.trim().to_lowercase().split('@').next().map(str::to_owned))
        .filter(|l| l.chars().count() >= 4)
    {
        if lower.contains(&local) {
            return Err(ErrorCode::PasswordContainsEmail);
        }
    }
    // A common password padded with digits or symbols ("dragon123456") is as
    // guessable as the word itself; so is one character typed many times.
    let core = lower.trim_end_matches(|c: char| !c.is_alphabetic());
    let core = core.trim_start_matches(|c: char| !c.is_alphabetic());
    let mut distinct: Vec<char> = lower.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if is_common(&lower) || (core.chars().count() >= 4 && is_common(core)) || distinct.len() < 4 {
        return Err(ErrorCode::PasswordCommon);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_accepts_ordinary_addresses_and_normalises_case() {
        assert_eq!(
            Email::parse("  Jan.Peeters@Example.BE ").unwrap().as_str(),
            "jan.peeters@example.be"
        );
        assert!(Email::parse("a+tag@sub.example.nl").is_ok());
        assert!(Email::parse("émile@exemple.fr").is_ok());
    }

    #[test]
    fn email_rejects_malformed_addresses() {
        assert_eq!(Email::parse(""), Err(ErrorCode::Required));
        assert_eq!(Email::parse("   "), Err(ErrorCode::Required));
        for bad in [
            "jan",
            "jan@",
            "@example.be",
            "jan@example",
            "jan@example.b",
            "jan@@example.be",
            "jan @example.be",
            "jan@exa mple.be",
            ".jan@example.be",
            "jan..p@example.be",
            "jan@-example.be",
            "jan@example.123",
            "jan@example..be",
        ] {
            assert_eq!(Email::parse(bad), Err(ErrorCode::EmailInvalid), "{bad}");
        }
        let long = format!("{}@example.be", "a".repeat(250));
        assert_eq!(Email::parse(&long), Err(ErrorCode::TooLong));
    }

    #[test]
    fn names_allow_real_names_only() {
        assert_eq!(
            PersonName::parse("  Anne-Marie   d’Hondt ")
                .unwrap()
                .as_str(),
            "Anne-Marie d’Hondt"
        );
        assert!(PersonName::parse("O'Neill").is_ok());
        assert!(PersonName::parse("Zoë").is_ok());
        assert_eq!(PersonName::parse(" "), Err(ErrorCode::Required));
        assert_eq!(PersonName::parse("R2D2"), Err(ErrorCode::NameInvalid));
        assert_eq!(PersonName::parse("<script>"), Err(ErrorCode::NameInvalid));
        assert_eq!(PersonName::parse("--"), Err(ErrorCode::NameInvalid));
        assert_eq!(PersonName::parse(&"a".repeat(61)), Err(ErrorCode::TooLong));
        assert!(PersonName::parse(&"a".repeat(60)).is_ok());
    }

    #[test]
    fn mobile_numbers_are_normalised_per_country() {
        let p = |s, c| MobilePhone::parse(s, c).map(MobilePhone::into_string);
        assert_eq!(p("0470 12 34 56", Country::Be), Ok("+32470123456".into()));
        assert_eq!(p("+32 (0)470", Country::Be), Err(ErrorCode::PhoneInvalid));
        assert_eq!(p("06-12345678", Country::Nl), Ok("+31612345678".into()));
        assert_eq!(
            p("0031 6 12 34 56 78", Country::Be),
            Ok("+31612345678".into())
        );
        assert_eq!(p("621 123 456", Country::Lu), Err(ErrorCode::PhoneInvalid));
        assert_eq!(
            p("+352 621 123 456", Country::Lu),
            Ok("+352621123456".into())
        );
        assert_eq!(p("07 12 34 56 78", Country::Fr), Ok("+33712345678".into()));
        assert_eq!(p("0151 23456789", Country::De), Ok("+4915123456789".into()));
        assert_eq!(
            p("+44 7700 900123", Country::Be),
            Ok("+447700900123".into())
        );
    }

    #[test]
    fn mobile_numbers_reject_landlines_and_garbage() {
        let p = |s, c| MobilePhone::parse(s, c);
        assert_eq!(p("", Country::Be), Err(ErrorCode::Required));
        assert_eq!(p("02 123 45 67", Country::Be), Err(ErrorCode::PhoneInvalid)); // Brussels landline
        assert_eq!(p("020 123 4567", Country::Nl), Err(ErrorCode::PhoneInvalid)); // Amsterdam landline
        assert_eq!(p("0470 12 34 5", Country::Be), Err(ErrorCode::PhoneInvalid)); // one digit short
        assert_eq!(p("0470abc456", Country::Be), Err(ErrorCode::PhoneInvalid));
        assert_eq!(p("12345", Country::Be), Err(ErrorCode::PhoneInvalid));
        assert_eq!(
            p("+1234567890123456", Country::Be),
            Err(ErrorCode::PhoneInvalid)
        );
    }

    fn common(s: &str) -> bool {
        ["password", "dragon", "welkom", "qwertyuiopasdf"].contains(&s)
    }

    #[test]
    fn password_length_rules() {
        assert_eq!(
            check_new_password("", None, common),
            Err(ErrorCode::Required)
        );
        assert_eq!(check_new_password("korter-dan12", None, common), Ok(()));
        assert_eq!(
            check_new_password("kort-dan-12", None, common),
            Err(ErrorCode::PasswordTooShort)
        );
        // Length counts characters, not bytes.
        assert_eq!(
            check_new_password("ééééééééééé", None, common),
            Err(ErrorCode::PasswordTooShort)
        );
        let max = "lange zin ".repeat(13)[..128].to_owned();
        assert_eq!(check_new_password(&max, None, common), Ok(()));
        let too_long = format!("{max}x");
        assert_eq!(
            check_new_password(&too_long, None, common),
            Err(ErrorCode::PasswordTooLong)
        );
    }

    #[test]
    fn password_has_no_composition_rules() {
        // All lower case, with spaces, no digits: fine (ASVS 2.1.9).
        assert_eq!(
            check_new_password("paard batterij nietje", None, common),
            Ok(())
        );
        assert_eq!(
            check_new_password("🚗🚙🚕🏎️🚗🚙🚕🏎️🚗🚙🚕🏎️", None, common),
            Ok(())
        );
    }

    #[test]
    fn password_rejects_common_and_guessable_ones() {
        assert_eq!(
            check_new_password("QwertyuiopAsdf", None, common),
            Err(ErrorCode::PasswordCommon)
        );
        assert_eq!(
            check_new_password("Dragon123456", None, common),
            Err(ErrorCode::PasswordCommon)
        );
        assert_eq!(
            check_new_password("!!password2024", None, common),
            Err(ErrorCode::PasswordCommon)
        );
        assert_eq!(
            check_new_password("aaaaaaaaaaaaaa", None, common),
            Err(ErrorCode::PasswordCommon)
        );
        assert_eq!(
            check_new_password("121212121212", None, common),
            Err(ErrorCode::PasswordCommon)
        );
        assert_eq!(
            check_new_password("dragonfly-at-noon", None, common),
            Ok(())
        );
    }

    #[test]
    fn password_may_not_contain_the_email_name() {
        assert_eq!(
            check_new_password("jan.peeters-2024!", Some("Jan.Peeters@example.be"), common),
            Err(ErrorCode::PasswordContainsEmail)
        );
        assert_eq!(
            check_new_password("jan.peeters-2024!", Some("els@example.be"), common),
            Ok(())
        );
    }
}
