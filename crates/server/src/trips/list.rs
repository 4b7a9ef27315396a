//! The trip list and one trip's detail (E1), with its coaching (E3).
//!
//! The list is newest first with a keyset cursor on `started_at` (unique per
//! vehicle, so it orders the trips completely): each page is one range scan
//! of the `(vehicle_id, started_at)` index, however old the page.

use chrono::{DateTime, Days, NaiveDate, Utc};
use mijn_lexus_contract::telematics::{DriveMode, DrivingEventKind, RoutePoint};
use mijn_lexus_contract::trips::{
    brussels, TripDetail, TripEvent, TripList, TripPurpose, TRIP_PAGE_DEFAULT, TRIP_PAGE_MAX,
};
use mijn_lexus_contract::{ErrorCode, Language};
use serde::Deserialize;
use serde_json::{json, Value};
use sqlx::SqlitePool;

use super::{TripRow, TRIP_COLUMNS};
use crate::clock::from_unix;
use crate::error::{AppError, AppResult};
use crate::garage::status::privacy_mode;
use crate::garage::UserVehicle;
use crate::paging;

/// `?from=&to=` (Brussels dates, both optional), `purpose=`, `limit=`,
/// `before=` (the previous page's `next_before`).
#[derive(Debug, Default, Deserialize)]
pub struct TripQuery {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub purpose: Option<TripPurpose>,
    pub limit: Option<u32>,
    pub before: Option<String>,
}

impl TripQuery {
    /// `[start, end)` in Unix seconds; `date_range_invalid` when `to` is
    /// before `from`.
    fn bounds(&self) -> AppResult<(Option<i64>, Option<i64>)> {
        if let (Some(from), Some(to)) = (self.from, self.to) {
            mijn_lexus_contract::trips::DateRange::new(from, to)?;
        }
        Ok((
            self.from.map(|d| brussels::start_of(d).timestamp()),
            self.to
                .map(|d| brussels::start_of(d + Days::new(1)).timestamp()),
        ))
    }

    fn cursor(&self) -> AppResult<Option<i64>> {
        self.before
            .as_deref()
            .map(|b| {
                b.parse::<i64>()
                    .map_err(|_| AppError::field("before", ErrorCode::InvalidValue))
            })
            .transpose()
    }
}

pub async fn list(db: &SqlitePool, v: &UserVehicle, q: &TripQuery) -> AppResult<TripList> {
    let size = q.limit.unwrap_or(TRIP_PAGE_DEFAULT).clamp(1, TRIP_PAGE_MAX);
    let (start, end) = q.bounds()?;
    let before = q.cursor()?;
    let positions_hidden = privacy_mode(db, v.vehicle.id).await?;
    let rows: Vec<TripRow> = sqlx::query_as(&format!(
        "SELECT {TRIP_COLUMNS} FROM trips
         WHERE vehicle_id = ?1 AND started_at >= MAX(?2, COALESCE(?3, ?2))
           AND started_at < MIN(COALESCE(?4, ?7), COALESCE(?5, ?7))
           AND (?6 = 'all' OR COALESCE(purpose, 'untagged') = ?6)
         ORDER BY started_at DESC LIMIT ?8"
    ))
    .bind(v.vehicle.id)
    .bind(v.since)
    .bind(start)
    .bind(end)
    .bind(before)
    .bind(q.purpose.map_or("all", purpose_filter))
    .bind(i64::MAX)
    .bind(i64::from(size) + 1)
    .fetch_all(db)
    .await?;
    let (rows, next) = paging::split(rows, size, |r| r.started_at);
    Ok(TripList {
        trips: rows.iter().map(|r| r.summary(positions_hidden)).collect(),
        next_before: next.map(|n| n.to_string()),
        positions_hidden,
    })
}

/// The `purpose` filter value as stored (`untagged` for NULL).
pub(crate) fn purpose_filter(p: TripPurpose) -> &'static str {
    p.db_code().unwrap_or("untagged")
}

/// One trip of this vehicle visible to this user, or 404 `not_found`.
pub(crate) async fn find(db: &SqlitePool, v: &UserVehicle, id: i64) -> AppResult<TripRow> {
    Ok(sqlx::query_as(&format!(
        "SELECT {TRIP_COLUMNS} FROM trips WHERE id = ? AND vehicle_id = ? AND started_at >= ?"
    ))
    .bind(id)
    .bind(v.vehicle.id)
    .bind(v.since)
    .fetch_optional(db)
    .await?
    .ok_or(ErrorCode::NotFound)?)
}

#[derive(sqlx::FromRow)]
struct EventRow {
    at: i64,
    kind: String,
    lat: f64,
    lon: f64,
}

/// One trip with its route, driving events and coaching (advice in `lang`).
/// In privacy mode the route is not even read and the events come without
/// their place.
pub async fn detail(
    db: &SqlitePool,
    v: &UserVehicle,
    id: i64,
    lang: Language,
) -> AppResult<TripDetail> {
    let row = find(db, v, id).await?;
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
    let events: Vec<TripEvent> = events
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
    let mut input = row.coaching_input(v.powertrain().has_fuel());
    input.events = events.iter().map(|e| e.kind).collect();
    let summary = row.summary(positions_hidden);
    Ok(TripDetail {
        coaching: input.coaching(summary.hybrid_score, summary.ev_share_time_pct, lang),
        trip: summary,
        eco_distance_km: row.eco_distance_km,
        power_distance_km: row.power_distance_km,
        route,
        events,
        positions_hidden,
    })
}

/// A route as stored: `[[unix, lat, lon, speed_kmh|null, mode?], ...]`
/// (the mode only when the car reported it).
pub fn encode_route(points: &[RoutePoint]) -> String {
    let rows: Vec<Value> = points
        .iter()
        .map(|p| {
            let mut row = json!([p.at.timestamp(), p.lat, p.lon, p.speed_kmh]);
            if let (Some(mode), Some(row)) = (p.mode, row.as_array_mut()) {
                row.push(json!(mode.code()));
            }
            row
        })
        .collect();
    Value::Array(rows).to_string()
}

/// The stored route back as points (rows that do not parse are skipped).
pub fn decode_route(stored: &str) -> anyhow::Result<Vec<RoutePoint>> {
    let rows: Vec<Vec<Value>> = serde_json::from_str(stored)?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            Some(RoutePoint {
                at: DateTime::<Utc>::from_timestamp(r.first()?.as_i64()?, 0)?,
                lat: r.get(1)?.as_f64()?,
                lon: r.get(2)?.as_f64()?,
                speed_kmh: r.get(3).and_then(Value::as_f64),
                mode: r
                    .get(4)
                    .and_then(Value::as_str)
                    .and_then(DriveMode::from_code),
            })
        })
        .collect())
}

/// The trip's route points, oldest first (none stored: empty).
async fn route(db: &SqlitePool, trip_id: i64) -> AppResult<Vec<RoutePoint>> {
    let points: Option<String> =
        sqlx::query_scalar("SELECT points FROM trip_routes WHERE trip_id = ?")
            .bind(trip_id)
            .fetch_optional(db)
            .await?;
    match points {
        Some(json) => Ok(decode_route(&json)?),
        None => Ok(Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_round_trip_with_and_without_mode() {
        let at = DateTime::from_timestamp(1_780_000_000, 0).unwrap();
        let points = vec![
            RoutePoint {
                at,
                lat: 51.1,
                lon: 4.4,
                speed_kmh: Some(0.0),
                mode: Some(DriveMode::Ev),
            },
            RoutePoint {
                at,
                lat: 51.2,
                lon: 4.5,
                speed_kmh: None,
                mode: None,
            },
        ];
        let stored = encode_route(&points);
        assert_eq!(
            stored,
            "[[1780000000,51.1,4.4,0.0,\"ev\"],[1780000000,51.2,4.5,null]]"
        );
        assert_eq!(decode_route(&stored).unwrap(), points);
        // Routes stored before modes existed.
        assert_eq!(
            decode_route("[[1780000000,51.2,4.5,null]]").unwrap(),
            points[1..]
        );
    }
}
