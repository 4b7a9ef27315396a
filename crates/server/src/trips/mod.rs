//! Trips, the logbook and hybrid coaching (E1-E4).
//!
//! Only the trips that started since this user has the vehicle
//! (`UserVehicle::since`) exist for them. Who may do what (checked by the
//! handlers, `docs/architecture.md` security model): reading, tagging and
//! notes need `can_see_trips` (the main user; a secondary user does not have
//! it); the vehicle's default purpose is the main user's alone. While the
//! vehicle's privacy mode is on, no position is shown: no start or end
//! place, no route, no event positions (distances, times, fuel and scores
//! stay).
//!
//! Periods are Brussels dates ([`mijn_lexus_contract::trips::brussels`]).

pub mod coaching;
pub mod list;
pub mod logbook;
pub mod retention;
pub mod tagging;

use chrono::NaiveDate;
use mijn_lexus_contract::coaching::{consumption_l_100km, share_pct, CoachingInput};
use mijn_lexus_contract::trips::{brussels, DateRange, TripPurpose, TripSummary};
use mijn_lexus_contract::vehicle::{Place, VehicleRole};
use mijn_lexus_contract::ErrorCode;
use serde::Deserialize;
use sqlx::query::{Query, QueryAs};
use sqlx::sqlite::{Sqlite, SqliteArguments};

use crate::clock::from_unix;
use crate::error::{AppError, AppResult};
use crate::garage::UserVehicle;

/// `?from=&to=`: a period of Brussels dates (both included).
#[derive(Debug, Default, Deserialize)]
pub struct PeriodQuery {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl PeriodQuery {
    /// Both dates, checked (`date_range_invalid`); `required` when one is missing.
    pub fn range(&self) -> AppResult<DateRange> {
        match (self.from, self.to) {
            (Some(from), Some(to)) => Ok(DateRange::new(from, to)?),
            (None, _) => Err(AppError::field("from", ErrorCode::Required)),
            (_, None) => Err(AppError::field("to", ErrorCode::Required)),
        }
    }

    /// The given dates, or else the `default_months` up to today.
    pub fn range_or_last_months(
        &self,
        today: NaiveDate,
        default_months: u32,
    ) -> AppResult<DateRange> {
        let to = self.to.unwrap_or(today);
        let from = self.from.unwrap_or_else(|| {
            brussels::month_start(to)
                .checked_sub_months(chrono::Months::new(default_months - 1))
                .unwrap_or(to)
        });
        Ok(DateRange::new(from, to)?)
    }
}

/// What one user may see of a vehicle's trips (or logbook rows) in a period:
/// those that started in it, and not before this user had the vehicle
/// (`UserVehicle::since`: a new owner does not see the former owner's).
/// A query says [`Window::SQL`] for it and binds the window first
/// ([`BindWindow`]), so its own values start at `?5`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Window {
    vehicle_id: i64,
    since: i64,
    start: i64,
    end: i64,
}

impl Window {
    pub const SQL: &'static str =
        "vehicle_id = ?1 AND started_at >= MAX(?2, ?3) AND started_at < ?4";

    pub fn new(v: &UserVehicle, range: DateRange) -> Window {
        let (start, end) = range.bounds();
        Window {
            vehicle_id: v.vehicle.id,
            since: v.since,
            start: start.timestamp(),
            end: end.timestamp(),
        }
    }
}

/// Binds a [`Window`]'s four values (`?1`-`?4`) to a query.
pub(crate) trait BindWindow {
    fn bind_window(self, w: Window) -> Self;
}

impl<'q> BindWindow for Query<'q, Sqlite, SqliteArguments<'q>> {
    fn bind_window(self, w: Window) -> Self {
        self.bind(w.vehicle_id)
            .bind(w.since)
            .bind(w.start)
            .bind(w.end)
    }
}

impl<'q, O> BindWindow for QueryAs<'q, Sqlite, O, SqliteArguments<'q>> {
    fn bind_window(self, w: Window) -> Self {
        self.bind(w.vehicle_id)
            .bind(w.since)
            .bind(w.start)
            .bind(w.end)
    }
}

/// 403 `permission_denied` unless this is the vehicle's main user.
pub fn require_main(v: &UserVehicle) -> AppResult<()> {
    if v.role == VehicleRole::Main {
        Ok(())
    } else {
        Err(ErrorCode::PermissionDenied.into())
    }
}

pub(crate) const TRIP_COLUMNS: &str = "id, started_at, ended_at, start_lat, start_lon, start_label, end_lat, end_lon, end_label,
     distance_km, duration_s, fuel_used_l, ev_distance_km, ev_time_s, hybrid_score, odometer_start_km, odometer_end_km,
     eco_distance_km, power_distance_km, score_acceleration, score_braking, score_constant_speed, purpose, note";

#[derive(sqlx::FromRow)]
pub(crate) struct TripRow {
    pub id: i64,
    pub started_at: i64,
    pub ended_at: i64,
    pub start_lat: f64,
    pub start_lon: f64,
    pub start_label: Option<String>,
    pub end_lat: f64,
    pub end_lon: f64,
    pub end_label: Option<String>,
    pub distance_km: f64,
    pub duration_s: i64,
    pub fuel_used_l: f64,
    pub ev_distance_km: f64,
    pub ev_time_s: i64,
    pub hybrid_score: Option<i64>,
    pub odometer_start_km: Option<f64>,
    pub odometer_end_km: Option<f64>,
    pub eco_distance_km: f64,
    pub power_distance_km: f64,
    pub score_acceleration: Option<i64>,
    pub score_braking: Option<i64>,
    pub score_constant_speed: Option<i64>,
    pub purpose: Option<String>,
    pub note: Option<String>,
}

pub(crate) fn score(s: Option<i64>) -> Option<u8> {
    s.and_then(|s| u8::try_from(s).ok())
}

impl TripRow {
    /// As the list shows it; places left out when `hide_positions`.
    pub fn summary(&self, hide_positions: bool) -> TripSummary {
        let started_at = from_unix(self.started_at);
        TripSummary {
            id: self.id,
            started_at,
            ended_at: from_unix(self.ended_at),
            date: brussels::date(started_at),
            start: (!hide_positions).then(|| Place {
                lat: self.start_lat,
                lon: self.start_lon,
                label: self.start_label.clone(),
            }),
            end: (!hide_positions).then(|| Place {
                lat: self.end_lat,
                lon: self.end_lon,
                label: self.end_label.clone(),
            }),
            distance_km: self.distance_km,
            duration_s: u32::try_from(self.duration_s).unwrap_or_default(),
            fuel_used_l: self.fuel_used_l,
            average_consumption_l_100km: consumption_l_100km(self.fuel_used_l, self.distance_km),
            ev_distance_km: self.ev_distance_km,
            ev_time_s: u32::try_from(self.ev_time_s).unwrap_or_default(),
            ev_share_distance_pct: share_pct(self.ev_distance_km, self.distance_km),
            ev_share_time_pct: share_pct(self.ev_time_s as f64, self.duration_s as f64),
            hybrid_score: score(self.hybrid_score),
            odometer_start_km: self.odometer_start_km,
            odometer_end_km: self.odometer_end_km,
            purpose: TripPurpose::from_db(self.purpose.as_deref()),
            note: self.note.clone().unwrap_or_default(),
        }
    }

    /// What the trip's coaching is computed from (events added by the caller).
    pub fn coaching_input(&self, has_engine: bool) -> CoachingInput {
        CoachingInput {
            acceleration: score(self.score_acceleration),
            braking: score(self.score_braking),
            constant_speed: score(self.score_constant_speed),
            ev_share_distance_pct: share_pct(self.ev_distance_km, self.distance_km),
            has_engine,
            events: Vec::new(),
        }
    }
}
