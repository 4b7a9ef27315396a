//! Retention of driving data (E4, privacy policy = seed 002 §9), one pass
//! of the scheduled job ([`crate::retention::run`]):
//!
//! - telemetry older than [`TELEMETRY_MONTHS`]: readings, parked positions,
//!   received-message ids, cleared warning lights, and trips with their
//!   routes and harsh events;
//! - coaching results older than [`COACHING_MONTHS`] (the trips' scores and
//!   EV figures, which live on the trip rows) go with the trips;
//! - a trip with a purpose (tagged by the owner, or given the vehicle's
//!   default purpose) is first copied to `logbook_entries`: date, addresses,
//!   odometers, distance, purpose, note, so a tax year can still be
//!   exported; those rows are kept until the end of the [`LOGBOOK_YEARS`]th
//!   calendar year after the trip (Belgian tax records: 7 years).
//!
//! The status snapshot (`vehicle_state`, latest values only) and open
//! warning lights stay.

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use mijn_lexus_contract::trips::{brussels, DataRetention};
use sqlx::{SqliteConnection, SqlitePool};

use crate::clock::from_unix;
use crate::error::AppResult;
use crate::garage::UserVehicle;

pub const TELEMETRY_MONTHS: u32 = 12;
pub const COACHING_MONTHS: u32 = 12;
pub const LOGBOOK_YEARS: u32 = 7;

/// What is kept at `now`: everything at or after these.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cutoffs {
    pub telemetry: DateTime<Utc>,
    pub coaching: DateTime<Utc>,
    /// 1 January of the oldest calendar year still kept (Brussels).
    pub logbook: NaiveDate,
}

pub fn cutoffs(now: DateTime<Utc>) -> Cutoffs {
    let months_ago = |m| now.checked_sub_months(Months::new(m)).unwrap_or(now);
    let year = brussels::date(now).year() - LOGBOOK_YEARS as i32;
    Cutoffs {
        telemetry: months_ago(TELEMETRY_MONTHS),
        coaching: months_ago(COACHING_MONTHS),
        logbook: NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default(),
    }
}

/// What one pass removed or kept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DrivingPurged {
    pub trips: u64,
    pub kept_as_logbook: u64,
    pub readings: u64,
    pub positions: u64,
    pub messages: u64,
    pub warnings: u64,
    pub logbook_entries: u64,
}

/// One pass, in one transaction (a logbook row is never lost between the
/// copy and the delete).
pub async fn purge(db: &SqlitePool, now: DateTime<Utc>) -> anyhow::Result<DrivingPurged> {
    let c = cutoffs(now);
    // Trips carry telemetry and coaching together: the earlier cutoff wins.
    let trips_before = c.telemetry.min(c.coaching).timestamp();
    let telemetry_before = c.telemetry.timestamp();
    let mut tx = crate::db::begin_write(db).await?;
    let kept_as_logbook = sqlx::query(
        "INSERT INTO logbook_entries (id, vehicle_id, started_at, ended_at, start_label, end_label,
             odometer_start_km, odometer_end_km, distance_km, duration_s, purpose, note)
         SELECT id, vehicle_id, started_at, ended_at, start_label, end_label, odometer_start_km,
                odometer_end_km, distance_km, duration_s, purpose, note
         FROM trips WHERE started_at < ? AND purpose IS NOT NULL
         ON CONFLICT DO NOTHING",
    )
    .bind(trips_before)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let report = DrivingPurged {
        kept_as_logbook,
        // Routes and harsh events go with their trip (ON DELETE CASCADE).
        trips: delete(
            &mut tx,
            "DELETE FROM trips WHERE started_at < ?",
            trips_before,
        )
        .await?,
        readings: delete(
            &mut tx,
            "DELETE FROM vehicle_readings WHERE recorded_at < ?",
            telemetry_before,
        )
        .await?,
        positions: delete(
            &mut tx,
            "DELETE FROM vehicle_positions WHERE recorded_at < ?",
            telemetry_before,
        )
        .await?,
        messages: delete(
            &mut tx,
            "DELETE FROM telemetry_messages WHERE recorded_at < ?",
            telemetry_before,
        )
        .await?,
        warnings: delete(
            &mut tx,
            "DELETE FROM vehicle_warnings WHERE cleared_at IS NOT NULL AND cleared_at < ?",
            telemetry_before,
        )
        .await?,
        logbook_entries: delete(
            &mut tx,
            "DELETE FROM logbook_entries WHERE started_at < ?",
            brussels::start_of(c.logbook).timestamp(),
        )
        .await?,
    };
    tx.commit().await?;
    Ok(report)
}

/// Runs a `DELETE ... WHERE <time> < ?` with `before`; rows removed.
async fn delete(
    conn: &mut SqliteConnection,
    sql: &'static str,
    before: i64,
) -> anyhow::Result<u64> {
    Ok(sqlx::query(sql)
        .bind(before)
        .execute(conn)
        .await?
        .rows_affected())
}

/// How far back each kind of data goes for this vehicle and user.
pub async fn info(
    db: &SqlitePool,
    v: &UserVehicle,
    now: DateTime<Utc>,
) -> AppResult<DataRetention> {
    let c = cutoffs(now);
    let oldest = |table: &'static str| {
        let sql =
            format!("SELECT MIN(started_at) FROM {table} WHERE vehicle_id = ? AND started_at >= ?");
        async move {
            let min: Option<i64> = sqlx::query_scalar(&sql)
                .bind(v.vehicle.id)
                .bind(v.since)
                .fetch_one(db)
                .await?;
            AppResult::Ok(min.map(from_unix))
        }
    };
    Ok(DataRetention {
        telemetry_months: TELEMETRY_MONTHS,
        coaching_months: COACHING_MONTHS,
        logbook_years: LOGBOOK_YEARS,
        telemetry_kept_from: c.telemetry,
        coaching_kept_from: c.coaching,
        logbook_kept_from: c.logbook,
        oldest_trip: oldest("trips").await?,
        oldest_logbook_entry: oldest("logbook_entries").await?.map(brussels::date),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cutoffs_are_calendar_months_and_years() {
        let c = cutoffs("2027-06-15T10:00:00Z".parse().unwrap());
        assert_eq!(c.telemetry.to_rfc3339(), "2026-06-15T10:00:00+00:00");
        assert_eq!(c.coaching, c.telemetry);
        assert_eq!(c.logbook.to_string(), "2020-01-01");
        // New Year's night in Brussels is already the next year.
        let c = cutoffs("2026-12-31T23:30:00Z".parse().unwrap());
        assert_eq!(c.logbook.to_string(), "2020-01-01");
    }
}
