//! Remote functions (F4): commands sent to a car with the Remote service,
//! and how the telematics backend acknowledges them.
//!
//! A command goes `queued` -> `delivered` -> `done`, or ends `failed` with
//! a reason at any point before `done`. The car fetches its queued
//! commands with the other pending commands (`PendingCommands::remote`,
//! GET /ingest/vehicles/{vin}/commands) and reports each step with a
//! [`RemoteAck`].

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{ErrorCode, FieldError};

/// Cabin temperature range and step of "climate now".
pub const TEMPERATURE_MIN_C: f64 = 16.0;
pub const TEMPERATURE_MAX_C: f64 = 28.0;
pub const TEMPERATURE_STEP_C: f64 = 0.5;
/// How long the car may condition the cabin, in minutes.
pub const CLIMATE_DURATIONS_MIN: [u8; 3] = [10, 20, 30];
/// Remote commands per vehicle per minute (all its users).
pub const COMMANDS_PER_MINUTE: u32 = 5;

/// POST /vehicles/{vin}/remote/climate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClimateRequest {
    pub temperature_c: f64,
    #[serde(default)]
    pub front_defrost: bool,
    #[serde(default)]
    pub rear_defrost: bool,
    pub duration_min: u8,
}

impl ClimateRequest {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        let t = self.temperature_c;
        let on_step = (t / TEMPERATURE_STEP_C).fract() == 0.0;
        if !t.is_finite() || !(TEMPERATURE_MIN_C..=TEMPERATURE_MAX_C).contains(&t) || !on_step {
            errors.push(FieldError::new("temperature_c", ErrorCode::OutOfRange));
        }
        if !CLIMATE_DURATIONS_MIN.contains(&self.duration_min) {
            errors.push(FieldError::new("duration_min", ErrorCode::InvalidValue));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// What a command asks of the car.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RemoteAction {
    /// Condition the cabin now.
    Climate(ClimateRequest),
    /// Start charging now (plug-in hybrids and electric cars).
    ChargeNow,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemoteStatus {
    /// Stored; the car has not fetched it yet.
    Queued,
    /// The car has it and is carrying it out.
    Delivered,
    /// The car did it.
    Done,
    /// The car could not do it (see `failure`).
    Failed,
}

impl RemoteStatus {
    pub fn code(self) -> &'static str {
        match self {
            RemoteStatus::Queued => "queued",
            RemoteStatus::Delivered => "delivered",
            RemoteStatus::Done => "done",
            RemoteStatus::Failed => "failed",
        }
    }

    pub fn from_code(code: &str) -> Option<RemoteStatus> {
        [
            RemoteStatus::Queued,
            RemoteStatus::Delivered,
            RemoteStatus::Done,
            RemoteStatus::Failed,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    /// No later status follows.
    pub fn is_final(self) -> bool {
        matches!(self, RemoteStatus::Done | RemoteStatus::Failed)
    }
}

/// Why the car did not carry a command out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemoteFailure {
    /// The car could not be reached (no connection, switched off too long).
    Unreachable,
    /// The car is being driven.
    VehicleInUse,
    /// Too little battery charge or fuel left to condition the cabin.
    EnergyLow,
    /// The charging cable is not connected.
    NotPluggedIn,
}

impl RemoteFailure {
    pub fn code(self) -> &'static str {
        match self {
            RemoteFailure::Unreachable => "unreachable",
            RemoteFailure::VehicleInUse => "vehicle_in_use",
            RemoteFailure::EnergyLow => "energy_low",
            RemoteFailure::NotPluggedIn => "not_plugged_in",
        }
    }

    pub fn from_code(code: &str) -> Option<RemoteFailure> {
        [
            RemoteFailure::Unreachable,
            RemoteFailure::VehicleInUse,
            RemoteFailure::EnergyLow,
            RemoteFailure::NotPluggedIn,
        ]
        .into_iter()
        .find(|f| f.code() == code)
    }
}

/// One command as the owner sees it (GET /vehicles/{vin}/remote/commands
/// and /{id}; the answer of a POST).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RemoteCommand {
    pub id: i64,
    pub action: RemoteAction,
    pub status: RemoteStatus,
    /// Set when `status` is `failed`.
    pub failure: Option<RemoteFailure>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
    /// When it became `done` or `failed`.
    pub finished_at: Option<DateTime<Utc>>,
}

/// GET /vehicles/{vin}/remote/commands: the most recent commands, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RemoteCommandList {
    pub commands: Vec<RemoteCommand>,
}

// ---- the telematics side ----

/// A queued remote command as the car fetches it (in `PendingCommands`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingRemoteCommand {
    pub id: i64,
    pub action: RemoteAction,
    pub created_at: DateTime<Utc>,
}

/// POST /ingest/vehicles/{vin}/remote-commands/{id}/ack (ingest key).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoteAck {
    /// `delivered`, `done` or `failed` (`queued` is refused).
    pub status: RemoteStatus,
    /// Required with `failed`, refused otherwise.
    #[serde(default)]
    pub failure: Option<RemoteFailure>,
}

impl RemoteAck {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        match (self.status, self.failure) {
            (RemoteStatus::Queued, _) => {
                Err(vec![FieldError::new("status", ErrorCode::InvalidValue)])
            }
            (RemoteStatus::Failed, None) => {
                Err(vec![FieldError::new("failure", ErrorCode::Required)])
            }
            (RemoteStatus::Delivered | RemoteStatus::Done, Some(_)) => {
                Err(vec![FieldError::new("failure", ErrorCode::InvalidValue)])
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn climate(temperature_c: f64, duration_min: u8) -> ClimateRequest {
        ClimateRequest {
            temperature_c,
            front_defrost: true,
            rear_defrost: false,
            duration_min,
        }
    }

    fn fields(r: &ClimateRequest) -> Vec<(String, ErrorCode)> {
        r.validate()
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn climate_temperature_and_duration() {
        for ok in [16.0, 21.5, 28.0] {
            assert!(climate(ok, 10).validate().is_ok(), "{ok}");
        }
        for bad in [15.5, 28.5, 21.2, f64::NAN, f64::INFINITY] {
            assert_eq!(
                fields(&climate(bad, 20)),
                vec![("temperature_c".into(), ErrorCode::OutOfRange)],
                "{bad}"
            );
        }
        assert_eq!(
            fields(&climate(21.0, 15)),
            vec![("duration_min".into(), ErrorCode::InvalidValue)]
        );
    }

    #[test]
    fn actions_carry_their_kind() {
        let a = RemoteAction::Climate(climate(21.0, 10));
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(json["kind"], "climate");
        assert_eq!(json["temperature_c"], 21.0);
        assert_eq!(serde_json::from_value::<RemoteAction>(json).unwrap(), a);
        let json = serde_json::to_value(RemoteAction::ChargeNow).unwrap();
        assert_eq!(json, serde_json::json!({"kind": "charge_now"}));
    }

    #[test]
    fn acks_name_a_reason_only_when_failed() {
        let ack = |status, failure| RemoteAck { status, failure }.validate().is_ok();
        assert!(ack(RemoteStatus::Delivered, None));
        assert!(ack(RemoteStatus::Done, None));
        assert!(ack(RemoteStatus::Failed, Some(RemoteFailure::EnergyLow)));
        assert!(!ack(RemoteStatus::Queued, None));
        assert!(!ack(RemoteStatus::Failed, None));
        assert!(!ack(RemoteStatus::Done, Some(RemoteFailure::Unreachable)));
    }
}
