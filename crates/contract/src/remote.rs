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
/// Weekly schedules per vehicle, of each kind (climate, charging).
pub const MAX_SCHEDULES: usize = 5;
/// Charging target range, in percent, in steps of 10.
pub const TARGET_PERCENT_MIN: u8 = 50;
pub const TARGET_PERCENT_MAX: u8 = 100;

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
        if !temperature_ok(self.temperature_c) {
            errors.push(FieldError::new("temperature_c", ErrorCode::OutOfRange));
        }
        if !CLIMATE_DURATIONS_MIN.contains(&self.duration_min) {
            errors.push(FieldError::new("duration_min", ErrorCode::InvalidValue));
        }
        finish(errors)
    }
}

/// A time of day in Europe/Brussels, "HH:MM" (24 h).
fn time_ok(t: &str) -> bool {
    t.len() == 5 && chrono::NaiveTime::parse_from_str(t, "%H:%M").is_ok()
}

/// Days of the week, ISO numbers (1 = Monday ... 7 = Sunday), at least one,
/// each once.
fn days_ok(days: &[u8]) -> bool {
    let mut seen = [false; 8];
    !days.is_empty()
        && days.iter().all(|&d| {
            let fresh = (1..=7).contains(&d) && !seen[usize::from(d)];
            if fresh {
                seen[usize::from(d)] = true;
            }
            fresh
        })
}

/// One weekly climate schedule: the cabin is ready at `time` on `days`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClimateSchedule {
    pub enabled: bool,
    /// ISO weekdays, 1 = Monday ... 7 = Sunday.
    pub days: Vec<u8>,
    /// "HH:MM", Europe/Brussels.
    pub time: String,
    pub temperature_c: f64,
    #[serde(default)]
    pub front_defrost: bool,
    #[serde(default)]
    pub rear_defrost: bool,
}

/// One weekly charging schedule (plug-ins): charge from `start`, until
/// `end` or `target_percent` when given.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChargingSchedule {
    pub enabled: bool,
    /// ISO weekdays, 1 = Monday ... 7 = Sunday.
    pub days: Vec<u8>,
    /// "HH:MM", Europe/Brussels.
    pub start: String,
    /// "HH:MM", Europe/Brussels; not equal to `start` (before it: the next day).
    #[serde(default)]
    pub end: Option<String>,
    /// 50 to 100, in steps of 10.
    #[serde(default)]
    pub target_percent: Option<u8>,
}

/// GET and PUT /vehicles/{vin}/remote/climate-schedules: the whole list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClimateSchedules {
    pub schedules: Vec<ClimateSchedule>,
}

/// GET and PUT /vehicles/{vin}/remote/charging-schedules: the whole list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChargingSchedules {
    pub schedules: Vec<ChargingSchedule>,
}

fn finish(errors: Vec<FieldError>) -> Result<(), Vec<FieldError>> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn temperature_ok(t: f64) -> bool {
    t.is_finite()
        && (TEMPERATURE_MIN_C..=TEMPERATURE_MAX_C).contains(&t)
        && (t / TEMPERATURE_STEP_C).fract() == 0.0
}

/// The checks every weekly list shares (at most `MAX_SCHEDULES`, each
/// schedule's days), and the kind's own checks of each schedule (`own`,
/// given the schedule and the field's path maker).
fn validate_list<S>(
    schedules: &[S],
    days: impl Fn(&S) -> &[u8],
    own: impl Fn(&S, &dyn Fn(&str) -> String, &mut Vec<FieldError>),
) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    if schedules.len() > MAX_SCHEDULES {
        errors.push(FieldError::new("schedules", ErrorCode::TooManySchedules));
    }
    for (i, s) in schedules.iter().enumerate() {
        let at = |f: &str| format!("schedules[{i}].{f}");
        if !days_ok(days(s)) {
            errors.push(FieldError::new(&at("days"), ErrorCode::InvalidValue));
        }
        own(s, &at, &mut errors);
    }
    finish(errors)
}

impl ClimateSchedules {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        validate_list(
            &self.schedules,
            |s| &s.days,
            |s, at, errors| {
                if !time_ok(&s.time) {
                    errors.push(FieldError::new(&at("time"), ErrorCode::InvalidValue));
                }
                if !temperature_ok(s.temperature_c) {
                    errors.push(FieldError::new(&at("temperature_c"), ErrorCode::OutOfRange));
                }
            },
        )
    }
}

impl ChargingSchedules {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        validate_list(
            &self.schedules,
            |s| &s.days,
            |s, at, errors| {
                if !time_ok(&s.start) {
                    errors.push(FieldError::new(&at("start"), ErrorCode::InvalidValue));
                }
                if let Some(end) = &s.end {
                    if !time_ok(end) || *end == s.start {
                        errors.push(FieldError::new(&at("end"), ErrorCode::InvalidValue));
                    }
                }
                if let Some(p) = s.target_percent {
                    if !(TARGET_PERCENT_MIN..=TARGET_PERCENT_MAX).contains(&p) || p % 10 != 0 {
                        errors.push(FieldError::new(
                            &at("target_percent"),
                            ErrorCode::OutOfRange,
                        ));
                    }
                }
            },
        )
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
    /// Take this list of weekly climate schedules (replaces the car's).
    ClimateSchedules(ClimateSchedules),
    /// Take this list of weekly charging schedules (replaces the car's).
    ChargingSchedules(ChargingSchedules),
}

impl RemoteAction {
    pub fn kind(&self) -> &'static str {
        match self {
            RemoteAction::Climate(_) => "climate",
            RemoteAction::ChargeNow => "charge_now",
            RemoteAction::ClimateSchedules(_) => "climate_schedules",
            RemoteAction::ChargingSchedules(_) => "charging_schedules",
        }
    }
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

    fn climate_schedule() -> ClimateSchedule {
        ClimateSchedule {
            enabled: true,
            days: vec![1, 2, 3, 4, 5],
            time: "07:30".into(),
            temperature_c: 20.0,
            front_defrost: true,
            rear_defrost: true,
        }
    }

    fn charging_schedule() -> ChargingSchedule {
        ChargingSchedule {
            enabled: true,
            days: vec![7],
            start: "23:00".into(),
            end: Some("06:00".into()),
            target_percent: Some(80),
        }
    }

    fn codes(r: Result<(), Vec<FieldError>>) -> Vec<(String, ErrorCode)> {
        r.err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn schedules_name_every_problem() {
        let ok = ClimateSchedules {
            schedules: vec![climate_schedule(); MAX_SCHEDULES],
        };
        assert!(ok.validate().is_ok());
        let mut bad = climate_schedule();
        bad.days = vec![1, 1];
        bad.time = "24:00".into();
        bad.temperature_c = 30.0;
        let mut list = ClimateSchedules {
            schedules: vec![climate_schedule(), bad],
        };
        assert_eq!(
            codes(list.validate()),
            vec![
                ("schedules[1].days".into(), ErrorCode::InvalidValue),
                ("schedules[1].time".into(), ErrorCode::InvalidValue),
                ("schedules[1].temperature_c".into(), ErrorCode::OutOfRange),
            ]
        );
        list.schedules = vec![climate_schedule(); MAX_SCHEDULES + 1];
        assert_eq!(
            codes(list.validate()),
            vec![("schedules".into(), ErrorCode::TooManySchedules)]
        );
        for (days, time) in [(vec![], "07:00"), (vec![8], "07:00"), (vec![0], "7:00")] {
            let mut s = climate_schedule();
            s.days = days;
            s.time = time.into();
            let list = ClimateSchedules { schedules: vec![s] };
            assert!(list.validate().is_err());
        }

        let mut c = ChargingSchedules {
            schedules: vec![charging_schedule()],
        };
        assert!(c.validate().is_ok());
        c.schedules[0].end = Some("23:00".into());
        c.schedules[0].target_percent = Some(85);
        c.schedules[0].start = "23:00".into();
        assert_eq!(
            codes(c.validate()),
            vec![
                ("schedules[0].end".into(), ErrorCode::InvalidValue),
                ("schedules[0].target_percent".into(), ErrorCode::OutOfRange),
            ]
        );
        c.schedules[0].end = None;
        c.schedules[0].target_percent = None;
        assert!(c.validate().is_ok());
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
