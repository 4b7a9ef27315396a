//! Share to car (D3): a destination, optionally with an arrival time and up
//! to nine stops, sent to a vehicle's navigation as a command that the
//! telematics side fetches and acknowledges (queued -> delivered | failed).
//!
//! "Edit and send again" sends a new command (`resend_of` names the one it
//! was made from); the earlier one stays in the history unchanged.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::{ErrorCode, FieldError};

/// A navigation takes at most this many intermediate stops.
pub const MAX_STOPS: usize = 9;
pub const LABEL_MAX_CHARS: usize = 80;
pub const ADDRESS_MAX_CHARS: usize = 200;
/// An arrival time further ahead than this is refused (`out_of_range`).
pub const MAX_ARRIVAL_AHEAD_DAYS: i64 = 30;
/// Connected navigation (cloud destinations) came with model year 2020;
/// earlier connected vehicles report data but take no destinations.
pub const FIRST_MODEL_YEAR_WITH_SHARE_TO_CAR: u16 = 2020;

/// Whether a vehicle's navigation takes shared destinations. The telematics
/// registration carries no equipment list, so the service is derived from
/// the model year (the SPA and the server use this same rule).
pub fn share_to_car_available(model_year: u16) -> bool {
    model_year >= FIRST_MODEL_YEAR_WITH_SHARE_TO_CAR
}

/// A place to drive to: what the person sees (label, address text) and
/// where it is (WGS 84).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharePlace {
    /// "Casino de Monte-Carlo"; required.
    pub label: String,
    /// "Place du Casino, 98000 Monaco"; may be empty (a click on the map).
    #[serde(default)]
    pub address: String,
    pub lat: f64,
    pub lon: f64,
}

/// POST /vehicles/{vin}/destinations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareDestinationRequest {
    pub destination: SharePlace,
    /// When the driver wants to be there; must lie in the future.
    #[serde(default)]
    pub arrival_at: Option<DateTime<Utc>>,
    /// Intermediate stops, in driving order; at most [`MAX_STOPS`].
    #[serde(default)]
    pub stops: Vec<SharePlace>,
    /// Id of an earlier destination of this vehicle this one was edited from.
    #[serde(default)]
    pub resend_of: Option<i64>,
}

pub mod share_fields {
    pub const DESTINATION: &str = "destination";
    pub const ARRIVAL_AT: &str = "arrival_at";
    pub const STOPS: &str = "stops";
    pub const RESEND_OF: &str = "resend_of";

    /// `destination.lat`, `stops[2].label`, ...
    pub fn stop(index: usize) -> String {
        format!("{STOPS}[{index}]")
    }
}

impl SharePlace {
    /// The place's problems, fields prefixed with `prefix` (`destination`,
    /// `stops[3]`).
    fn check(&self, prefix: &str, errors: &mut Vec<FieldError>) {
        let field = |name: &str| format!("{prefix}.{name}");
        let label = self.label.trim();
        if label.is_empty() {
            errors.push(FieldError::new(&field("label"), ErrorCode::Required));
        } else if label.chars().count() > LABEL_MAX_CHARS {
            errors.push(FieldError::new(&field("label"), ErrorCode::TooLong));
        } else if label.chars().any(char::is_control) {
            errors.push(FieldError::new(&field("label"), ErrorCode::InvalidValue));
        }
        let address = self.address.trim();
        if address.chars().count() > ADDRESS_MAX_CHARS {
            errors.push(FieldError::new(&field("address"), ErrorCode::TooLong));
        } else if address.chars().any(char::is_control) {
            errors.push(FieldError::new(&field("address"), ErrorCode::InvalidValue));
        }
        if !(self.lat.is_finite() && (-90.0..=90.0).contains(&self.lat)) {
            errors.push(FieldError::new(&field("lat"), ErrorCode::CoordinateInvalid));
        }
        if !(self.lon.is_finite() && (-180.0..=180.0).contains(&self.lon)) {
            errors.push(FieldError::new(&field("lon"), ErrorCode::CoordinateInvalid));
        }
    }

    /// The same place with its texts trimmed (what is stored and sent).
    pub fn trimmed(&self) -> SharePlace {
        SharePlace {
            label: self.label.trim().to_owned(),
            address: self.address.trim().to_owned(),
            lat: self.lat,
            lon: self.lon,
        }
    }
}

impl ShareDestinationRequest {
    /// Every problem at once, each named by its field (`destination.lat`,
    /// `stops[4].label`, `arrival_at`, `stops`). `now` is the server's (or
    /// the browser's) current time.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<(), Vec<FieldError>> {
        use share_fields as f;
        let mut errors = Vec::new();
        self.destination.check(f::DESTINATION, &mut errors);
        if let Some(at) = self.arrival_at {
            if at <= now {
                errors.push(FieldError::new(f::ARRIVAL_AT, ErrorCode::ArrivalInPast));
            } else if at > now + Duration::days(MAX_ARRIVAL_AHEAD_DAYS) {
                errors.push(FieldError::new(f::ARRIVAL_AT, ErrorCode::OutOfRange));
            }
        }
        if self.stops.len() > MAX_STOPS {
            errors.push(FieldError::new(f::STOPS, ErrorCode::TooManyStops));
        } else {
            for (i, stop) in self.stops.iter().enumerate() {
                stop.check(&f::stop(i), &mut errors);
            }
        }
        if self.resend_of.is_some_and(|id| id <= 0) {
            errors.push(FieldError::new(
                f::RESEND_OF,
                ErrorCode::SharedDestinationUnknown,
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// Where a shared destination is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShareStatus {
    /// Stored; the vehicle has not confirmed it yet.
    Queued,
    /// The navigation has it.
    Delivered,
    /// The vehicle could not take it (see `failure`).
    Failed,
}

impl ShareStatus {
    pub fn code(self) -> &'static str {
        match self {
            ShareStatus::Queued => "queued",
            ShareStatus::Delivered => "delivered",
            ShareStatus::Failed => "failed",
        }
    }

    pub fn from_code(code: &str) -> Option<ShareStatus> {
        [
            ShareStatus::Queued,
            ShareStatus::Delivered,
            ShareStatus::Failed,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }
}

/// Why the vehicle did not take a destination.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShareFailure {
    /// The vehicle could not be reached (no connection, switched off too long).
    Unreachable,
    /// The navigation refused it (no route to the place, map too old).
    Rejected,
}

impl ShareFailure {
    pub fn code(self) -> &'static str {
        match self {
            ShareFailure::Unreachable => "unreachable",
            ShareFailure::Rejected => "rejected",
        }
    }

    pub fn from_code(code: &str) -> Option<ShareFailure> {
        [ShareFailure::Unreachable, ShareFailure::Rejected]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

/// One sent destination in the history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SharedDestination {
    pub id: i64,
    pub status: ShareStatus,
    /// Set when `status` is `failed`.
    pub failure: Option<ShareFailure>,
    /// None while the vehicle's privacy mode is on (`positions_hidden`).
    pub destination: Option<SharePlace>,
    /// Empty while positions are hidden.
    pub stops: Vec<SharePlace>,
    /// How many stops there were (also while they are hidden).
    pub stop_count: u32,
    pub arrival_at: Option<DateTime<Utc>>,
    /// The earlier destination this one was edited from.
    pub resend_of: Option<i64>,
    /// Privacy mode is on: places and addresses are left out.
    pub positions_hidden: bool,
    pub created_at: DateTime<Utc>,
    /// The last status change.
    pub updated_at: DateTime<Utc>,
}

/// GET /vehicles/{vin}/destinations (`?limit=&before_id=`), newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SharedDestinationList {
    pub destinations: Vec<SharedDestination>,
    /// `before_id` of the next page; None on the last page.
    pub next_before_id: Option<i64>,
    /// The vehicle is in privacy mode: every entry's places are hidden.
    pub privacy_mode: bool,
}

// ---- the telematics side ----

/// One command waiting for the vehicle (GET /ingest/vehicles/{vin}/commands,
/// ingest key), oldest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DestinationCommand {
    pub id: i64,
    pub destination: SharePlace,
    pub stops: Vec<SharePlace>,
    pub arrival_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingCommands {
    pub commands: Vec<DestinationCommand>,
    // ---- remote (F4) ----
    /// Queued remote commands (climate, charge now), oldest first; each is
    /// acknowledged at `ingest_remote_command_ack`.
    #[serde(default)]
    pub remote: Vec<crate::remote::PendingRemoteCommand>,
}

/// What the vehicle reports back about a command.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AckStatus {
    Delivered,
    Failed,
}

/// POST /ingest/vehicles/{vin}/commands/{id}/ack (ingest key).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommandAck {
    pub status: AckStatus,
    /// Required with `failed`, refused with `delivered`.
    #[serde(default)]
    pub failure: Option<ShareFailure>,
}

impl CommandAck {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        match (self.status, self.failure) {
            (AckStatus::Failed, None) => Err(vec![FieldError::new("failure", ErrorCode::Required)]),
            (AckStatus::Delivered, Some(_)) => {
                Err(vec![FieldError::new("failure", ErrorCode::InvalidValue)])
            }
            _ => Ok(()),
        }
    }

    pub fn share_status(&self) -> ShareStatus {
        match self.status {
            AckStatus::Delivered => ShareStatus::Delivered,
            AckStatus::Failed => ShareStatus::Failed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(lat: f64, lon: f64) -> SharePlace {
        SharePlace {
            label: "Casino".into(),
            address: String::new(),
            lat,
            lon,
        }
    }

    fn request() -> ShareDestinationRequest {
        ShareDestinationRequest {
            destination: place(43.7396, 7.4276),
            arrival_at: None,
            stops: Vec::new(),
            resend_of: None,
        }
    }

    fn codes(r: &ShareDestinationRequest, now: DateTime<Utc>) -> Vec<(String, ErrorCode)> {
        r.validate(now)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn every_problem_is_named_by_its_field() {
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        assert!(request().validate(now).is_ok());
        let mut r = request();
        r.destination.label = "  ".into();
        r.destination.lat = 91.0;
        r.destination.lon = -180.5;
        r.destination.address = "x".repeat(ADDRESS_MAX_CHARS + 1);
        r.arrival_at = Some(now);
        r.stops = vec![
            place(0.0, 0.0),
            SharePlace {
                label: "a\u{7}".into(),
                ..place(10.0, 200.0)
            },
        ];
        assert_eq!(
            codes(&r, now),
            vec![
                ("destination.label".into(), ErrorCode::Required),
                ("destination.address".into(), ErrorCode::TooLong),
                ("destination.lat".into(), ErrorCode::CoordinateInvalid),
                ("destination.lon".into(), ErrorCode::CoordinateInvalid),
                ("arrival_at".into(), ErrorCode::ArrivalInPast),
                ("stops[1].label".into(), ErrorCode::InvalidValue),
                ("stops[1].lon".into(), ErrorCode::CoordinateInvalid),
            ]
        );
        let mut r = request();
        r.stops = vec![place(50.0, 4.0); MAX_STOPS + 1];
        r.arrival_at = Some(now + Duration::days(MAX_ARRIVAL_AHEAD_DAYS + 1));
        assert_eq!(
            codes(&r, now),
            vec![
                ("arrival_at".into(), ErrorCode::OutOfRange),
                ("stops".into(), ErrorCode::TooManyStops),
            ]
        );
        r.stops.truncate(MAX_STOPS);
        r.arrival_at = Some(now + Duration::minutes(1));
        assert!(r.validate(now).is_ok());
    }

    #[test]
    fn acks_name_a_reason_only_when_failed() {
        let ack = |status, failure| CommandAck { status, failure }.validate().is_ok();
        assert!(ack(AckStatus::Delivered, None));
        assert!(ack(AckStatus::Failed, Some(ShareFailure::Rejected)));
        assert!(!ack(AckStatus::Failed, None));
        assert!(!ack(AckStatus::Delivered, Some(ShareFailure::Unreachable)));
    }

    #[test]
    fn the_service_follows_the_model_year() {
        assert!(!share_to_car_available(2019));
        assert!(share_to_car_available(2020));
    }
}
