//! Who a vehicle is: VIN, licence plate, nickname, powertrain.

use serde::{Deserialize, Serialize};

use crate::ErrorCode;

pub const VIN_CHARS: usize = 17;
pub const NICKNAME_MAX_CHARS: usize = 30;
pub const PLATE_MAX_CHARS: usize = 12;

/// A vehicle identification number: 17 letters and digits, never I, O or Q;
/// stored upper-case. Leading and trailing white space is ignored; spaces or
/// dashes inside are refused (`vin_invalid_character`), so what is stored is
/// exactly what is on the registration certificate.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Vin(String);

impl Vin {
    /// Rules in order: empty -> `required`; a character other than a letter
    /// or digit -> `vin_invalid_character`; I, O or Q -> `vin_forbidden_letter`;
    /// not 17 characters -> `vin_wrong_length`.
    pub fn parse(raw: &str) -> Result<Vin, ErrorCode> {
        let s = raw.trim().to_ascii_uppercase();
        if s.is_empty() {
            return Err(ErrorCode::Required);
        }
        if !s.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(ErrorCode::VinInvalidCharacter);
        }
        if s.chars().any(|c| matches!(c, 'I' | 'O' | 'Q')) {
            return Err(ErrorCode::VinForbiddenLetter);
        }
        if s.len() != VIN_CHARS {
            return Err(ErrorCode::VinWrongLength);
        }
        Ok(Vin(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    /// World manufacturer identifier (first three characters).
    pub fn wmi(&self) -> &str {
        &self.0[..3]
    }
}

impl std::fmt::Display for Vin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A licence plate as printed (`1-ABC-234`, `GX-123-B`): letters, digits,
/// dashes and spaces, at most 12 characters, at least one letter and one
/// digit; stored upper-case with spaces turned into dashes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LicencePlate(String);

impl LicencePlate {
    pub fn parse(raw: &str) -> Result<LicencePlate, ErrorCode> {
        let s = raw
            .split_whitespace()
            .collect::<Vec<_>>()
            .join("-")
            .to_uppercase();
        if s.is_empty() {
            return Err(ErrorCode::Required);
        }
        if s.chars().count() > PLATE_MAX_CHARS {
            return Err(ErrorCode::TooLong);
        }
        let ok = s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && s.chars().any(|c| c.is_ascii_alphabetic())
            && s.chars().any(|c| c.is_ascii_digit())
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--");
        if ok {
            Ok(LicencePlate(s))
        } else {
            Err(ErrorCode::PlateInvalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The owner's name for a vehicle ("Gezinswagen"); empty means none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Nickname(String);

impl Nickname {
    pub fn parse(raw: &str) -> Result<Option<Nickname>, ErrorCode> {
        let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.is_empty() {
            return Ok(None);
        }
        if s.chars().count() > NICKNAME_MAX_CHARS {
            return Err(ErrorCode::TooLong);
        }
        if s.chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || "-'’.,&()!?+_/".contains(c))
        {
            Ok(Some(Nickname(s)))
        } else {
            Err(ErrorCode::NicknameInvalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Powertrain {
    /// Full (self-charging) hybrid: fuel only, drives electrically at times.
    Hybrid,
    /// Plug-in hybrid: battery charged from the grid, fuel engine.
    PlugInHybrid,
    /// Battery electric.
    Electric,
}

impl Powertrain {
    pub fn code(self) -> &'static str {
        match self {
            Powertrain::Hybrid => "hybrid",
            Powertrain::PlugInHybrid => "plug_in_hybrid",
            Powertrain::Electric => "electric",
        }
    }

    pub fn from_code(code: &str) -> Option<Powertrain> {
        [
            Powertrain::Hybrid,
            Powertrain::PlugInHybrid,
            Powertrain::Electric,
        ]
        .into_iter()
        .find(|p| p.code() == code)
    }

    pub fn has_fuel(self) -> bool {
        !matches!(self, Powertrain::Electric)
    }

    /// A battery whose level and electric range are reported.
    pub fn has_battery(self) -> bool {
        !matches!(self, Powertrain::Hybrid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vin_accepts_valid_and_normalises() {
        let v = Vin::parse("  jthbaahb2p1234567 ").unwrap();
        assert_eq!(v.as_str(), "JTHBAAHB2P1234567");
        assert_eq!(v.wmi(), "JTH");
    }

    #[test]
    fn vin_rules_have_distinct_codes() {
        assert_eq!(Vin::parse(""), Err(ErrorCode::Required));
        assert_eq!(Vin::parse("   "), Err(ErrorCode::Required));
        assert_eq!(
            Vin::parse("JTHBAAHB2P123456"),
            Err(ErrorCode::VinWrongLength)
        );
        assert_eq!(
            Vin::parse("JTHBAAHB2P12345678"),
            Err(ErrorCode::VinWrongLength)
        );
        for bad in [
            "JTHBAAHB2P12345I7",
            "JTHBAAHB2P12345O7",
            "JTHBAAHB2P12345Q7",
        ] {
            assert_eq!(Vin::parse(bad), Err(ErrorCode::VinForbiddenLetter), "{bad}");
        }
        // lower-case forbidden letters too
        assert_eq!(
            Vin::parse("jthbaahb2p12345o7"),
            Err(ErrorCode::VinForbiddenLetter)
        );
        // forbidden letter wins over a wrong length
        assert_eq!(Vin::parse("JTHO"), Err(ErrorCode::VinForbiddenLetter));
        for bad in [
            "JTHBAAHB2P-234567",
            "JTHBAAHB2P 234567",
            "JTHBAAHB2P12345É7",
            "JTHBAAHB2P12345*7",
        ] {
            assert_eq!(
                Vin::parse(bad),
                Err(ErrorCode::VinInvalidCharacter),
                "{bad}"
            );
        }
    }

    #[test]
    fn vin_codes_have_dutch_messages_and_stable_names() {
        for (code, name) in [
            (ErrorCode::VinWrongLength, "vin_wrong_length"),
            (ErrorCode::VinForbiddenLetter, "vin_forbidden_letter"),
            (ErrorCode::VinInvalidCharacter, "vin_invalid_character"),
            (ErrorCode::VinUnknown, "vin_unknown"),
        ] {
            assert_eq!(code.as_str(), name);
            assert_eq!(code.http_status(), 422);
            assert!(!code.message(crate::Language::Nl).is_empty());
            assert_eq!(
                serde_json_name(code),
                format!("\"{name}\""),
                "serde and as_str agree"
            );
        }
    }

    fn serde_json_name(code: ErrorCode) -> String {
        serde_json::to_string(&code).unwrap()
    }

    #[test]
    fn plates() {
        assert_eq!(
            LicencePlate::parse("1-abc-234").unwrap().as_str(),
            "1-ABC-234"
        );
        assert_eq!(
            LicencePlate::parse(" 1 ABC 234 ").unwrap().as_str(),
            "1-ABC-234"
        );
        assert_eq!(
            LicencePlate::parse("GX-123-B").unwrap().as_str(),
            "GX-123-B"
        );
        assert_eq!(LicencePlate::parse(""), Err(ErrorCode::Required));
        assert_eq!(LicencePlate::parse("ABC"), Err(ErrorCode::PlateInvalid));
        assert_eq!(
            LicencePlate::parse("1-AB/C-23"),
            Err(ErrorCode::PlateInvalid)
        );
        assert_eq!(
            LicencePlate::parse("1-ABC-234-5678"),
            Err(ErrorCode::TooLong)
        );
    }

    #[test]
    fn nicknames() {
        assert_eq!(Nickname::parse("  "), Ok(None));
        assert_eq!(
            Nickname::parse(" Sofie's  NX ").unwrap().unwrap().as_str(),
            "Sofie's NX"
        );
        assert_eq!(Nickname::parse(&"x".repeat(31)), Err(ErrorCode::TooLong));
        assert_eq!(Nickname::parse("<script>"), Err(ErrorCode::NicknameInvalid));
    }
}
