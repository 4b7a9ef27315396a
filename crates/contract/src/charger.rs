//! HomeCharge chargers in the garage (C5).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::vehicle::Nickname;
use crate::{ErrorCode, FieldError};

/// A charger serial number: 8-20 letters, digits and dashes, stored upper-case
/// (`HC22-0012345`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ChargerSerial(String);

impl ChargerSerial {
    pub fn parse(raw: &str) -> Result<ChargerSerial, ErrorCode> {
        let s = raw.trim().to_ascii_uppercase();
        if s.is_empty() {
            return Err(ErrorCode::Required);
        }
        let alnum = s.chars().filter(char::is_ascii_alphanumeric).count();
        if s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && (8..=20).contains(&s.len())
            && alnum >= 8
        {
            Ok(ChargerSerial(s))
        } else {
            Err(ErrorCode::SerialInvalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChargerState {
    Idle,
    Charging,
    Error,
}

impl ChargerState {
    pub fn code(self) -> &'static str {
        match self {
            ChargerState::Idle => "idle",
            ChargerState::Charging => "charging",
            ChargerState::Error => "error",
        }
    }

    pub fn from_code(code: &str) -> Option<ChargerState> {
        [
            ChargerState::Idle,
            ChargerState::Charging,
            ChargerState::Error,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }
}

/// POST /chargers: add a charger with its serial number and PIN.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddChargerRequest {
    pub serial: String,
    pub pin: String,
    #[serde(default)]
    pub nickname: String,
}

pub struct NewCharger {
    pub serial: ChargerSerial,
    pub pin: String,
    pub nickname: Option<Nickname>,
}

impl AddChargerRequest {
    pub fn parse(&self) -> Result<NewCharger, Vec<FieldError>> {
        let mut errors = Vec::new();
        let serial = ChargerSerial::parse(&self.serial)
            .map_err(|c| errors.push(FieldError::new("serial", c)));
        let pin = self.pin.trim();
        if pin.is_empty() {
            errors.push(FieldError::new("pin", ErrorCode::Required));
        } else if pin.len() > 16 {
            errors.push(FieldError::new("pin", ErrorCode::TooLong));
        }
        let nickname = Nickname::parse(&self.nickname)
            .map_err(|c| errors.push(FieldError::new("nickname", c)));
        match (serial, nickname) {
            (Ok(serial), Ok(nickname)) if errors.is_empty() => Ok(NewCharger {
                serial,
                pin: pin.to_owned(),
                nickname,
            }),
            _ => Err(errors),
        }
    }
}

/// A charger in the garage with its last reported status.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Charger {
    pub serial: String,
    pub model: String,
    pub nickname: String,
    /// None until the charger reported.
    pub state: Option<ChargerState>,
    pub power_kw: Option<f64>,
    /// Energy delivered in the current (or last) session.
    pub session_energy_kwh: Option<f64>,
    pub last_seen_at: Option<DateTime<Utc>>,
    pub added_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChargerList {
    pub chargers: Vec<Charger>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials() {
        assert_eq!(
            ChargerSerial::parse(" hc22-0012345 ").unwrap().as_str(),
            "HC22-0012345"
        );
        assert_eq!(ChargerSerial::parse(""), Err(ErrorCode::Required));
        assert_eq!(ChargerSerial::parse("HC-1"), Err(ErrorCode::SerialInvalid));
        assert_eq!(
            ChargerSerial::parse("HC22 0012345"),
            Err(ErrorCode::SerialInvalid)
        );
    }
}
