//! Trips (E1, E3): only those that started since this user has the
//! vehicle. Callers check the user's permissions first. While the vehicle's
//! privacy mode is on, no position is shown: no start or end place, no route,
//! no event positions (distances, times, fuel and scores stay).

use chrono::{DateTime, Utc};
use mijn_lexus_contract::telematics::{DrivingEventKind, RoutePoint};
use mijn_lexus_contract::vehicle::{Place, TripDetail, TripEvent, TripList, TripSummary};
use mijn_lexus_contract::ErrorCode;
use serde::Deserialize;
use sqlx::SqlitePool;

use super::status::privacy_mode;
use super::UserVehicle;
use crate::clock::from_unix;
use crate::error::AppResult;

/// Which trips: newest first, `limit` (default 20, max 100), `before_id`
/// for the next page, optional `from` / `to` on the start time.
#[derive(Debug, Default, Deserialize)]
pub struct TripFilter {
    pub limit: Option<u32>,
    pub before_id: Option<i64>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

const TRIP_COLUMNS: &str = "id, started_at, ended_at, start_lat, start_lon, start_label, end_lat, end_lon, end_label,
     distance_km, duration_s, fuel_used_l, ev_distance_km, ev_time_s, hybrid_score, odometer_start_km, odometer_end_km,
     eco_distance_km, power_distance_km, score_acceleration, score_braking, score_constant_speed";

#[derive(sqlx::FromRow)]
struct TripRow {
    id: i64,
    started_at: i64,
    ended_at: i64,
    start_lat: f64,
    start_lon: f64,
    start_label: Option<String>,
    end_lat: f64,
    end_lon: f64,
    end_label: Option<String>,
    distance_km: f64,
    duration_s: i64,
    fuel_used_l: f64,
    ev_distance_km: f64,
    ev_time_s: i64,
    hybrid_score: Option<i64>,
    odometer_start_km: Option<f64>,
    odometer_end_km: Option<f64>,
    eco_distance_km: f64,
    power_distance_km: f64,
    score_acceleration: Option<i64>,
    score_braking: Option<i64>,
    score_constant_speed: Option<i64>,
}

fn score(s: Option<i64>) -> Option<u8> {
    s.and_then(|s| u8::try_from(s).ok())
}

impl TripRow {
    /// As the list shows it; places left out when `hide_positions`.
    fn summary(&self, hide_positions: bool) -> TripSummary {
        TripSummary {
            id: self.id,
            started_at: from_unix(self.started_at),
            ended_at: from_unix(self.ended_at),
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
            average_consumption_l_100km: (self.distance_km > 0.1)
                .then(|| (self.fuel_used_l / self.distance_km * 1000.0).round() / 10.0),
            ev_distance_km: self.ev_distance_km,
            ev_time_s: u32::try_from(self.ev_time_s).unwrap_or_default(),
            hybrid_score: score(self.hybrid_score),
            odometer_start_km: self.odometer_start_km,
            odometer_end_km: self.odometer_end_km,
        }
    }
}

pub async fn list(db: &SqlitePool, v: &UserVehicle, q: &TripFilter) -> AppResult<TripList> {
    let limit = q.limit.unwrap_or(20).clamp(1, 100);
    let positions_hidden = privacy_mode(db, v.vehicle.id).await?;
    let rows: Vec<TripRow> = sqlx::query_as(&format!(
        "SELECT {TRIP_COLUMNS} FROM trips
         WHERE vehicle_id = ?1 AND started_at >= MAX(?2, COALESCE(?3, ?2))
           AND (?4 IS NULL OR started_at < ?4) AND (?5 IS NULL OR id < ?5)
         ORDER BY started_at DESC, id DESC LIMIT ?6"
    ))
    .bind(v.vehicle.id)
    .bind(v.since)
    .bind(q.from.map(|t| t.timestamp()))
    .bind(q.to.map(|t| t.timestamp()))
    .bind(q.before_id)
    .bind(i64::from(limit) + 1)
    .fetch_all(db)
    .await?;
    let more = rows.len() > limit as usize;
    let trips: Vec<TripSummary> = rows
        .iter()
        .take(limit as usize)
        .map(|r| r.summary(positions_hidden))
        .collect();
    Ok(TripList {
        next_before_id: if more {
            trips.last().map(|t| t.id)
        } else {
            None
        },
        trips,
        positions_hidden,
    })
}

#[derive(sqlx::FromRow)]
struct EventRow {
    at: i64,
    kind: String,
    lat: f64,
    lon: f64,
}

/// One trip with its route and driving events; 404 `not_found` when the
/// vehicle has no such trip visible to this user. In privacy mode the route
/// is not even read and the events come without their place.
pub async fn detail(db: &SqlitePool, v: &UserVehicle, id: i64) -> AppResult<TripDetail> {
    let row: TripRow = sqlx::query_as(&format!(
        "SELECT {TRIP_COLUMNS} FROM trips WHERE id = ? AND vehicle_id = ? AND started_at >= ?"
    ))
    .bind(id)
    .bind(v.vehicle.id)
    .bind(v.since)
    .fetch_optional(db)
    .await?
    .ok_or(ErrorCode::NotFound)?;
    let positions_hidden = privacy_mode(db, v.vehicle.id).await?;
    let route = if positions_hidden {
        Vec::new()
    } else {
        route(db, id).await?
    };
    let events: Vec<EventRow> = sqlx::query_as(
        "SELECT at, kind, lat, lon FROM trip_events WHERE trip_id = ? ORDER BY at, id",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    let events = events
        .into_iter()
        .filter_map(|e| {
            Some(TripEvent {
                at: from_unix(e.at),
                kind: DrivingEventKind::from_code(&e.kind)?,
                lat: (!positions_hidden).then_some(e.lat),
                lon: (!positions_hidden).then_some(e.lon),
            })
        })
        .collect();
    Ok(TripDetail {
        trip: row.summary(positions_hidden),
        eco_distance_km: row.eco_distance_km,
        power_distance_km: row.power_distance_km,
        score_acceleration: score(row.score_acceleration),
        score_braking: score(row.score_braking),
        score_constant_speed: score(row.score_constant_speed),
        route,
        events,
        positions_hidden,
    })
}

/// The trip's route points, oldest first (none stored: empty).
async fn route(db: &SqlitePool, trip_id: i64) -> AppResult<Vec<RoutePoint>> {
    let points: Option<String> =
        sqlx::query_scalar("SELECT points FROM trip_routes WHERE trip_id = ?")
            .bind(trip_id)
            .fetch_optional(db)
            .await?;
    let Some(json) = points else {
        return Ok(Vec::new());
    };
    Ok(
        serde_json::from_str::<Vec<(i64, f64, f64, Option<f64>)>>(&json)
            .map_err(anyhow::Error::from)?
            .into_iter()
            .map(|(at, lat, lon, speed_kmh)| RoutePoint {
                at: from_unix(at),
                lat,
                lon,
                speed_kmh,
            })
            .collect(),
    )
}
