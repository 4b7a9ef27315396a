//! Business or private (E2): tag one trip or many, a note per trip, the
//! vehicle's default purpose and the totals per purpose for a period.

use mijn_lexus_contract::trips::{
    DateRange, PurposeTotal, PurposeTotals, TripPurpose, TripSelection, TripSettings, TripSummary,
};
use mijn_lexus_contract::ErrorCode;
use sqlx::SqlitePool;

use super::list::{find, purpose_filter};
use super::{BindWindow, Window};
use crate::error::AppResult;
use crate::garage::status::privacy_mode;
use crate::garage::UserVehicle;

/// Gives every selected trip `purpose`, in one transaction: when an id is
/// not a trip of this vehicle visible to this user, nothing changes and the
/// answer is 404 `not_found` (a foreign id is not told apart from an
/// unknown one). Returns how many trips were tagged.
pub async fn tag(
    db: &SqlitePool,
    v: &UserVehicle,
    selection: &TripSelection,
    purpose: TripPurpose,
) -> AppResult<u32> {
    let mut tx = crate::db::begin_write(db).await?;
    let tagged = match selection {
        TripSelection::Ids(ids) => {
            let ids_json = serde_json::to_string(ids).map_err(anyhow::Error::from)?;
            let done = sqlx::query(
                "UPDATE trips SET purpose = ?1
                 WHERE vehicle_id = ?2 AND started_at >= ?3
                   AND id IN (SELECT value FROM json_each(?4))",
            )
            .bind(purpose.db_code())
            .bind(v.vehicle.id)
            .bind(v.since)
            .bind(&ids_json)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if done != ids.len() as u64 {
                // Dropping the transaction rolls the update back.
                return Err(ErrorCode::NotFound.into());
            }
            done
        }
        TripSelection::Range(range) => sqlx::query(&format!(
            "UPDATE trips SET purpose = ?5 WHERE {}",
            Window::SQL
        ))
        .bind_window(Window::new(v, *range))
        .bind(purpose.db_code())
        .execute(&mut *tx)
        .await?
        .rows_affected(),
    };
    tx.commit().await?;
    Ok(u32::try_from(tagged).unwrap_or(u32::MAX))
}

/// Purpose and/or note of one trip (`UpdateTripRequest`, validated by the
/// caller; an empty note removes it).
pub async fn update(
    db: &SqlitePool,
    v: &UserVehicle,
    id: i64,
    purpose: Option<TripPurpose>,
    note: Option<String>,
) -> AppResult<TripSummary> {
    find(db, v, id).await?;
    sqlx::query(
        "UPDATE trips SET
             purpose = CASE WHEN ?1 THEN ?2 ELSE purpose END,
             note = CASE WHEN ?3 IS NULL THEN note ELSE NULLIF(?3, '') END
         WHERE id = ?4 AND vehicle_id = ?5",
    )
    .bind(purpose.is_some())
    .bind(purpose.and_then(TripPurpose::db_code))
    .bind(note)
    .bind(id)
    .bind(v.vehicle.id)
    .execute(db)
    .await?;
    let hidden = privacy_mode(db, v.vehicle.id).await?;
    Ok(find(db, v, id).await?.summary(hidden))
}

#[derive(sqlx::FromRow)]
struct TotalRow {
    purpose: String,
    trips: i64,
    distance_km: f64,
    duration_s: i64,
}

/// Count, distance and duration per purpose of the trips that started in
/// `range`, logbook rows kept after the purge included.
pub async fn totals(
    db: &SqlitePool,
    v: &UserVehicle,
    range: DateRange,
) -> AppResult<PurposeTotals> {
    let rows: Vec<TotalRow> = sqlx::query_as(&format!(
        "SELECT COALESCE(purpose, 'untagged') AS purpose, COUNT(*) AS trips,
                TOTAL(distance_km) AS distance_km, CAST(TOTAL(duration_s) AS INTEGER) AS duration_s
         FROM logbook WHERE {} GROUP BY 1",
        Window::SQL
    ))
    .bind_window(Window::new(v, range))
    .fetch_all(db)
    .await?;
    let totals = TripPurpose::ALL
        .iter()
        .map(|&purpose| {
            let row = rows.iter().find(|r| r.purpose == purpose_filter(purpose));
            PurposeTotal {
                purpose,
                trips: row.map_or(0, |r| u32::try_from(r.trips).unwrap_or_default()),
                distance_km: row.map_or(0.0, |r| (r.distance_km * 10.0).round() / 10.0),
                duration_s: row.map_or(0, |r| u64::try_from(r.duration_s).unwrap_or_default()),
            }
        })
        .collect();
    Ok(PurposeTotals {
        from: range.from,
        to: range.to,
        totals,
    })
}

/// The purpose new trips of the vehicle take.
pub async fn settings(db: &SqlitePool, v: &UserVehicle) -> AppResult<TripSettings> {
    let default: Option<String> = sqlx::query_scalar(
        "SELECT default_trip_purpose FROM vehicle_users WHERE vehicle_id = ? AND role = 'main'",
    )
    .bind(v.vehicle.id)
    .fetch_optional(db)
    .await?
    .flatten();
    Ok(TripSettings {
        default_purpose: TripPurpose::from_db(default.as_deref()),
    })
}

/// Sets the default purpose (the caller checked this is the main user).
/// Trips already there keep theirs.
pub async fn set_settings(
    db: &SqlitePool,
    v: &UserVehicle,
    s: &TripSettings,
) -> AppResult<TripSettings> {
    sqlx::query(
        "UPDATE vehicle_users SET default_trip_purpose = ? WHERE vehicle_id = ? AND user_id = ?",
    )
    .bind(s.default_purpose.db_code())
    .bind(v.vehicle.id)
    .bind(v.user_id)
    .execute(db)
    .await?;
    settings(db, v).await
}
