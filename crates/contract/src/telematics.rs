//! What connected cars send, as the telematics backend forwards it to
//! `POST /ingest/vehicles/{vin}/messages` (authenticated with the vehicle's
//! ingest key, `Authorization: Bearer <key>`), and how the backend provisions
//! vehicles and chargers (`PUT /telematics/...`, backend token).
//!
//! A message has an id chosen by the sender: the same id twice is stored
//! once and answered the same. A message carries one or more sections: a
//! `status` snapshot, a `parked` position (the engine stopped), a finished
//! `trip`. Bad fields are reported by path, e.g.
//! `messages[3].trip.route[12].lat`.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::vehicle::{warning_light, Place, Powertrain};
use crate::{ErrorCode, FieldError};

pub const MAX_MESSAGES_PER_REQUEST: usize = 500;
pub const MAX_ROUTE_POINTS: usize = 5000;
pub const MAX_EVENTS: usize = 500;
pub const MESSAGE_ID_MAX_CHARS: usize = 64;
pub const LABEL_MAX_CHARS: usize = 200;
/// Clock skew tolerated for times in the future.
pub const FUTURE_TOLERANCE_SECS: i64 = 300;

/// POST /ingest/vehicles/{vin}/messages
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IngestRequest {
    pub messages: Vec<TelemetryMessage>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TelemetryMessage {
    /// Unique per vehicle: 1-64 of `A-Z a-z 0-9 . _ : -`.
    pub message_id: String,
    /// When the car produced the message.
    pub recorded_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<StatusReport>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parked: Option<ParkedReport>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trip: Option<TripReport>,
}

/// A snapshot of the car's state; absent fields are not measured now.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusReport {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub odometer_km: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fuel_percent: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range_km: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub battery_percent: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub electric_range_km: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy_mode: Option<bool>,
    /// The complete set of warning lights that are on (codes of
    /// [`crate::vehicle::WARNING_LIGHTS`]); an empty list means none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning_lights: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_due_km: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_due_date: Option<chrono::NaiveDate>,
}

/// The engine stopped here; `destination` is the final destination the
/// navigation had (car to door), when one was set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParkedReport {
    pub position: Place,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<Place>,
}

/// A finished trip with its driving analysis and hybrid coaching.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TripReport {
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    pub start: Place,
    pub end: Place,
    pub distance_km: f64,
    pub fuel_used_l: f64,
    /// Driven with the engine off.
    pub ev_distance_km: f64,
    pub ev_time_s: u32,
    /// Driven in the eco / power zone of the hybrid indicator.
    pub eco_distance_km: f64,
    pub power_distance_km: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub odometer_start_km: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub odometer_end_km: Option<f64>,
    /// Hybrid score 0-100 and its parts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hybrid_score: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score_acceleration: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score_braking: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score_constant_speed: Option<u8>,
    #[serde(default)]
    pub events: Vec<DrivingEvent>,
    #[serde(default)]
    pub route: Vec<RoutePoint>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoutePoint {
    pub at: DateTime<Utc>,
    pub lat: f64,
    pub lon: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speed_kmh: Option<f64>,
    /// How the car drove from this point to the next, when it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<DriveMode>,
}

/// The zone of the hybrid system indicator (E1 colours the route by it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DriveMode {
    /// Engine off, on the battery.
    Ev,
    Eco,
    Power,
    /// Recovering energy (braking, coasting).
    Charge,
}

impl DriveMode {
    pub fn code(self) -> &'static str {
        match self {
            DriveMode::Ev => "ev",
            DriveMode::Eco => "eco",
            DriveMode::Power => "power",
            DriveMode::Charge => "charge",
        }
    }

    pub fn from_code(code: &str) -> Option<DriveMode> {
        [
            DriveMode::Ev,
            DriveMode::Eco,
            DriveMode::Power,
            DriveMode::Charge,
        ]
        .into_iter()
        .find(|m| m.code() == code)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DrivingEventKind {
    HarshBraking,
    HarshAcceleration,
    HarshCornering,
}

impl DrivingEventKind {
    pub fn code(self) -> &'static str {
        match self {
            DrivingEventKind::HarshBraking => "harsh_braking",
            DrivingEventKind::HarshAcceleration => "harsh_acceleration",
            DrivingEventKind::HarshCornering => "harsh_cornering",
        }
    }

    pub fn from_code(code: &str) -> Option<DrivingEventKind> {
        [
            DrivingEventKind::HarshBraking,
            DrivingEventKind::HarshAcceleration,
            DrivingEventKind::HarshCornering,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrivingEvent {
    pub at: DateTime<Utc>,
    pub kind: DrivingEventKind,
    pub lat: f64,
    pub lon: f64,
}

/// The answer to an ingest request: one entry per message, in order. A
/// message sent again gets the same entry (its first `received_at`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestResponse {
    pub results: Vec<IngestResult>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestResult {
    pub message_id: String,
    pub received_at: DateTime<Utc>,
}

/// PUT /telematics/vehicles/{vin} (backend token): a connected vehicle the
/// portal may accept messages for and users may add.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VehicleRegistration {
    pub model: String,
    pub model_family: String,
    pub model_year: u16,
    pub powertrain: Powertrain,
    /// The QR code's content in the car (only its hash is stored).
    pub activation_code: String,
    /// The key the backend will send messages with (only its hash is stored).
    pub ingest_key: String,
}

/// PUT /telematics/chargers/{serial} (backend token): a HomeCharge charger.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChargerRegistration {
    pub model: String,
    /// The PIN printed in the charger's manual (only its hash is stored).
    pub pin: String,
}

/// POST /telematics/chargers/{serial}/status (backend token).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChargerReport {
    pub recorded_at: DateTime<Utc>,
    pub state: crate::charger::ChargerState,
    pub power_kw: f64,
    pub session_energy_kwh: f64,
}

/// Collects field errors under a path prefix.
struct Check<'a> {
    errors: &'a mut Vec<FieldError>,
}

impl Check<'_> {
    fn push(&mut self, path: String, code: ErrorCode) {
        self.errors.push(FieldError::new(&path, code));
    }

    fn range(&mut self, path: String, v: f64, min: f64, max: f64) {
        if !v.is_finite() || v < min || v > max {
            self.push(path, ErrorCode::OutOfRange);
        }
    }

    fn opt_range(&mut self, path: String, v: Option<f64>, min: f64, max: f64) {
        if let Some(v) = v {
            self.range(path, v, min, max);
        }
    }

    fn score(&mut self, path: String, v: Option<u8>) {
        if v.is_some_and(|v| v > 100) {
            self.push(path, ErrorCode::OutOfRange);
        }
    }

    fn place(&mut self, path: &str, p: &Place) {
        self.range(format!("{path}.lat"), p.lat, -90.0, 90.0);
        self.range(format!("{path}.lon"), p.lon, -180.0, 180.0);
        if let Some(label) = &p.label {
            if label.chars().count() > LABEL_MAX_CHARS {
                self.push(format!("{path}.label"), ErrorCode::TooLong);
            } else if label.chars().any(char::is_control) {
                self.push(format!("{path}.label"), ErrorCode::InvalidValue);
            }
        }
    }

    fn time(&mut self, path: String, t: DateTime<Utc>, now: DateTime<Utc>) {
        if t > now + Duration::seconds(FUTURE_TOLERANCE_SECS) {
            self.push(path, ErrorCode::TimeInFuture);
        }
    }
}

pub fn message_id_valid(id: &str) -> Result<(), ErrorCode> {
    if id.is_empty() {
        Err(ErrorCode::Required)
    } else if id.chars().count() > MESSAGE_ID_MAX_CHARS {
        Err(ErrorCode::TooLong)
    } else if id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-'))
    {
        Ok(())
    } else {
        Err(ErrorCode::InvalidValue)
    }
}

impl IngestRequest {
    /// Every rule, every problem, by path. `now` is the receiver's clock.
    pub fn validate(
        &self,
        powertrain: Powertrain,
        now: DateTime<Utc>,
    ) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.messages.is_empty() {
            errors.push(FieldError::new("messages", ErrorCode::Required));
        } else if self.messages.len() > MAX_MESSAGES_PER_REQUEST {
            errors.push(FieldError::new("messages", ErrorCode::TooLong));
        }
        for (i, m) in self.messages.iter().enumerate() {
            m.check(&format!("messages[{i}]"), powertrain, now, &mut errors);
        }
        for (i, m) in self.messages.iter().enumerate() {
            if self.messages[..i]
                .iter()
                .any(|o| o.message_id == m.message_id && o != m)
            {
                errors.push(FieldError::new(
                    &format!("messages[{i}].message_id"),
                    ErrorCode::MessageIdConflict,
                ));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

impl TelemetryMessage {
    fn check(
        &self,
        p: &str,
        powertrain: Powertrain,
        now: DateTime<Utc>,
        errors: &mut Vec<FieldError>,
    ) {
        let mut c = Check { errors };
        if let Err(code) = message_id_valid(&self.message_id) {
            c.push(format!("{p}.message_id"), code);
        }
        c.time(format!("{p}.recorded_at"), self.recorded_at, now);
        if self.status.is_none() && self.parked.is_none() && self.trip.is_none() {
            c.push(format!("{p}.status"), ErrorCode::Required);
        }
        if let Some(s) = &self.status {
            let p = format!("{p}.status");
            if *s == StatusReport::default() {
                c.push(p.clone(), ErrorCode::Required);
            }
            c.opt_range(format!("{p}.odometer_km"), s.odometer_km, 0.0, 2_000_000.0);
            c.opt_range(format!("{p}.range_km"), s.range_km, 0.0, 3000.0);
            if powertrain.has_fuel() {
                c.opt_range(format!("{p}.fuel_percent"), s.fuel_percent, 0.0, 100.0);
            } else if s.fuel_percent.is_some() {
                c.push(format!("{p}.fuel_percent"), ErrorCode::InvalidValue);
            }
            if powertrain.has_battery() {
                c.opt_range(
                    format!("{p}.battery_percent"),
                    s.battery_percent,
                    0.0,
                    100.0,
                );
                c.opt_range(
                    format!("{p}.electric_range_km"),
                    s.electric_range_km,
                    0.0,
                    1500.0,
                );
            } else {
                if s.battery_percent.is_some() {
                    c.push(format!("{p}.battery_percent"), ErrorCode::InvalidValue);
                }
                if s.electric_range_km.is_some() {
                    c.push(format!("{p}.electric_range_km"), ErrorCode::InvalidValue);
                }
            }
            if let Some(lights) = &s.warning_lights {
                if lights.len() > 50 {
                    c.push(format!("{p}.warning_lights"), ErrorCode::TooLong);
                }
                for (j, code) in lights.iter().enumerate() {
                    if warning_light(code).is_none() {
                        c.push(format!("{p}.warning_lights[{j}]"), ErrorCode::UnknownCode);
                    }
                }
            }
            if s.service_due_km.is_some_and(|km| km > 2_000_000) {
                c.push(format!("{p}.service_due_km"), ErrorCode::OutOfRange);
            }
        }
        if let Some(parked) = &self.parked {
            c.place(&format!("{p}.parked.position"), &parked.position);
            if let Some(d) = &parked.destination {
                c.place(&format!("{p}.parked.destination"), d);
            }
        }
        if let Some(t) = &self.trip {
            let p = format!("{p}.trip");
            c.time(format!("{p}.started_at"), t.started_at, now);
            c.time(format!("{p}.ended_at"), t.ended_at, now);
            if t.ended_at <= t.started_at {
                c.push(format!("{p}.ended_at"), ErrorCode::InvalidValue);
            } else if t.ended_at - t.started_at > Duration::hours(24) {
                c.push(format!("{p}.ended_at"), ErrorCode::OutOfRange);
            }
            c.place(&format!("{p}.start"), &t.start);
            c.place(&format!("{p}.end"), &t.end);
            c.range(format!("{p}.distance_km"), t.distance_km, 0.0, 3000.0);
            c.range(format!("{p}.fuel_used_l"), t.fuel_used_l, 0.0, 300.0);
            let max_distance = if t.distance_km.is_finite() {
                t.distance_km * 1.001 + 0.01
            } else {
                0.0
            };
            c.range(
                format!("{p}.ev_distance_km"),
                t.ev_distance_km,
                0.0,
                max_distance,
            );
            c.range(
                format!("{p}.eco_distance_km"),
                t.eco_distance_km,
                0.0,
                max_distance,
            );
            c.range(
                format!("{p}.power_distance_km"),
                t.power_distance_km,
                0.0,
                max_distance,
            );
            let duration = (t.ended_at - t.started_at).num_seconds().max(0);
            if i64::from(t.ev_time_s) > duration {
                c.push(format!("{p}.ev_time_s"), ErrorCode::OutOfRange);
            }
            c.opt_range(
                format!("{p}.odometer_start_km"),
                t.odometer_start_km,
                0.0,
                2_000_000.0,
            );
            c.opt_range(
                format!("{p}.odometer_end_km"),
                t.odometer_end_km,
                0.0,
                2_000_000.0,
            );
            if let (Some(a), Some(b)) = (t.odometer_start_km, t.odometer_end_km) {
                if b < a {
                    c.push(format!("{p}.odometer_end_km"), ErrorCode::InvalidValue);
                }
            }
            c.score(format!("{p}.hybrid_score"), t.hybrid_score);
            c.score(format!("{p}.score_acceleration"), t.score_acceleration);
            c.score(format!("{p}.score_braking"), t.score_braking);
            c.score(format!("{p}.score_constant_speed"), t.score_constant_speed);
            let in_trip = |at: DateTime<Utc>| at >= t.started_at && at <= t.ended_at;
            if t.events.len() > MAX_EVENTS {
                c.push(format!("{p}.events"), ErrorCode::TooLong);
            }
            for (j, e) in t.events.iter().enumerate() {
                if !in_trip(e.at) {
                    c.push(format!("{p}.events[{j}].at"), ErrorCode::OutOfRange);
                }
                c.range(format!("{p}.events[{j}].lat"), e.lat, -90.0, 90.0);
                c.range(format!("{p}.events[{j}].lon"), e.lon, -180.0, 180.0);
            }
            if t.route.len() > MAX_ROUTE_POINTS {
                c.push(format!("{p}.route"), ErrorCode::TooLong);
            }
            for (j, r) in t.route.iter().enumerate() {
                if !in_trip(r.at) {
                    c.push(format!("{p}.route[{j}].at"), ErrorCode::OutOfRange);
                }
                c.range(format!("{p}.route[{j}].lat"), r.lat, -90.0, 90.0);
                c.range(format!("{p}.route[{j}].lon"), r.lon, -180.0, 180.0);
                c.opt_range(format!("{p}.route[{j}].speed_kmh"), r.speed_kmh, 0.0, 400.0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn place(lat: f64, lon: f64) -> Place {
        Place {
            lat,
            lon,
            label: None,
        }
    }

    #[test]
    fn every_bad_field_is_named() {
        let now = t("2026-03-01T12:00:00Z");
        let req = IngestRequest {
            messages: vec![
                TelemetryMessage {
                    message_id: "ok-1".into(),
                    recorded_at: t("2026-03-01T11:00:00Z"),
                    status: Some(StatusReport {
                        fuel_percent: Some(140.0),
                        battery_percent: Some(50.0),
                        warning_lights: Some(vec!["tyre_pressure_low".into(), "bogus".into()]),
                        ..Default::default()
                    }),
                    parked: None,
                    trip: None,
                },
                TelemetryMessage {
                    message_id: "bad id!".into(),
                    recorded_at: t("2026-03-02T11:00:00Z"),
                    status: None,
                    parked: Some(ParkedReport {
                        position: place(95.0, 4.0),
                        destination: None,
                    }),
                    trip: None,
                },
            ],
        };
        let errs = req.validate(Powertrain::Hybrid, now).unwrap_err();
        let got: Vec<_> = errs.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            got,
            vec![
                ("messages[0].status.fuel_percent", ErrorCode::OutOfRange),
                (
                    "messages[0].status.battery_percent",
                    ErrorCode::InvalidValue
                ),
                (
                    "messages[0].status.warning_lights[1]",
                    ErrorCode::UnknownCode
                ),
                ("messages[1].message_id", ErrorCode::InvalidValue),
                ("messages[1].recorded_at", ErrorCode::TimeInFuture),
                ("messages[1].parked.position.lat", ErrorCode::OutOfRange),
            ]
        );
    }
}
