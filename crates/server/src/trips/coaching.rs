//! The coaching page (E3): EV share, hybrid score, the distance split and
//! consumption per ISO week and per month in Brussels, this month against
//! the months before, the best and worst trips.
//!
//! One SQL statement aggregates every period: the periods (computed here,
//! where the Brussels calendar is known) go in as a JSON array of
//! `[start, end)` Unix bounds, and each is a range scan of the unique
//! `(vehicle_id, started_at)` index.

use chrono::{Days, NaiveDate};
use mijn_lexus_contract::coaching::{
    consumption_l_100km, share_pct, CoachingOverview, CoachingPeriod, BEST_WORST_COUNT,
};
use mijn_lexus_contract::trips::{brussels, DateRange, TripSummary};
use sqlx::SqlitePool;

use super::{BindWindow, TripRow, Window, TRIP_COLUMNS};
use crate::error::AppResult;
use crate::garage::status::privacy_mode;
use crate::garage::UserVehicle;

/// A period to aggregate: its label and Brussels dates (both included).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Period {
    pub label: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The ISO weeks touching `range`, clipped to it.
pub fn weeks(range: DateRange) -> Vec<Period> {
    let mut out = Vec::new();
    let mut monday = brussels::week_start(range.from);
    while monday <= range.to {
        let sunday = monday + Days::new(6);
        out.push(Period {
            label: brussels::week_label(monday),
            from: monday.max(range.from),
            to: sunday.min(range.to),
        });
        monday = monday + Days::new(7);
    }
    out
}

/// The months touching `range`, clipped to it.
pub fn months(range: DateRange) -> Vec<Period> {
    let mut out = Vec::new();
    let mut first = brussels::month_start(range.from);
    while first <= range.to {
        let next = brussels::next_month(first);
        out.push(Period {
            label: first.format("%Y-%m").to_string(),
            from: first.max(range.from),
            to: (next - Days::new(1)).min(range.to),
        });
        first = next;
    }
    out
}

#[derive(sqlx::FromRow)]
struct SumRow {
    idx: i64,
    trips: i64,
    distance_km: f64,
    duration_s: f64,
    fuel_used_l: f64,
    ev_distance_km: f64,
    eco_distance_km: f64,
    power_distance_km: f64,
    ev_time_s: f64,
    score_km: f64,
    scored_km: f64,
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

impl SumRow {
    fn period(&self, p: &Period) -> CoachingPeriod {
        let parts = self.ev_distance_km + self.eco_distance_km + self.power_distance_km;
        CoachingPeriod {
            period: p.label.clone(),
            from: p.from,
            to: p.to,
            trips: u32::try_from(self.trips).unwrap_or_default(),
            distance_km: round1(self.distance_km),
            duration_s: self.duration_s.max(0.0) as u64,
            fuel_used_l: (self.fuel_used_l * 100.0).round() / 100.0,
            ev_distance_km: round1(self.ev_distance_km),
            eco_distance_km: round1(self.eco_distance_km),
            power_distance_km: round1(self.power_distance_km),
            other_distance_km: round1((self.distance_km - parts).max(0.0)),
            ev_time_s: self.ev_time_s.max(0.0) as u64,
            ev_share_distance_pct: share_pct(self.ev_distance_km, self.distance_km),
            ev_share_time_pct: share_pct(self.ev_time_s, self.duration_s),
            hybrid_score: (self.scored_km > 1e-6)
                .then(|| (self.score_km / self.scored_km).round().clamp(0.0, 100.0) as u8),
            average_consumption_l_100km: consumption_l_100km(self.fuel_used_l, self.distance_km),
        }
    }

    fn empty(idx: usize) -> SumRow {
        SumRow {
            idx: idx as i64,
            trips: 0,
            distance_km: 0.0,
            duration_s: 0.0,
            fuel_used_l: 0.0,
            ev_distance_km: 0.0,
            eco_distance_km: 0.0,
            power_distance_km: 0.0,
            ev_time_s: 0.0,
            score_km: 0.0,
            scored_km: 0.0,
        }
    }
}

/// Sums per period: `?1` the periods as a JSON array of `[start, end)` Unix
/// bounds, `?2` the vehicle, `?3` the user's `since`. Public for the test
/// that checks its query plan uses the `(vehicle_id, started_at)` index.
pub const PERIOD_SUMS_SQL: &str = "
    WITH p (idx, lo, hi) AS (
        SELECT key, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?1))
    SELECT p.idx AS idx, COUNT(*) AS trips,
           TOTAL(t.distance_km) AS distance_km, TOTAL(t.duration_s) AS duration_s,
           TOTAL(t.fuel_used_l) AS fuel_used_l, TOTAL(t.ev_distance_km) AS ev_distance_km,
           TOTAL(t.eco_distance_km) AS eco_distance_km,
           TOTAL(t.power_distance_km) AS power_distance_km, TOTAL(t.ev_time_s) AS ev_time_s,
           TOTAL(t.hybrid_score * t.distance_km) AS score_km,
           TOTAL(CASE WHEN t.hybrid_score IS NOT NULL THEN t.distance_km END) AS scored_km
    FROM p JOIN trips t
      ON t.vehicle_id = ?2 AND t.started_at >= MAX(p.lo, ?3) AND t.started_at < p.hi
    GROUP BY p.idx";

/// The totals of every period, in the order given (empty periods too).
pub async fn aggregate(
    db: &SqlitePool,
    v: &UserVehicle,
    periods: &[Period],
) -> AppResult<Vec<CoachingPeriod>> {
    let bounds: Vec<[i64; 2]> = periods
        .iter()
        .map(|p| {
            [
                brussels::start_of(p.from).timestamp(),
                brussels::start_of(p.to + Days::new(1)).timestamp(),
            ]
        })
        .collect();
    let rows: Vec<SumRow> = sqlx::query_as(PERIOD_SUMS_SQL)
        .bind(serde_json::to_string(&bounds).map_err(anyhow::Error::from)?)
        .bind(v.vehicle.id)
        .bind(v.since)
        .fetch_all(db)
        .await?;
    Ok(periods
        .iter()
        .enumerate()
        .map(|(i, p)| match rows.iter().find(|r| r.idx == i as i64) {
            Some(r) => r.period(p),
            None => SumRow::empty(i).period(p),
        })
        .collect())
}

/// The trips of `range` with the highest (`best`) or lowest hybrid score.
async fn ranked(
    db: &SqlitePool,
    v: &UserVehicle,
    range: DateRange,
    best: bool,
    hide_positions: bool,
) -> AppResult<Vec<TripSummary>> {
    let order = if best { "DESC" } else { "ASC" };
    let rows: Vec<TripRow> = sqlx::query_as(&format!(
        "SELECT {TRIP_COLUMNS} FROM trips WHERE {} AND hybrid_score IS NOT NULL
         ORDER BY hybrid_score {order}, started_at DESC LIMIT ?5",
        Window::SQL
    ))
    .bind_window(Window::new(v, range))
    .bind(BEST_WORST_COUNT as i64)
    .fetch_all(db)
    .await?;
    Ok(rows.iter().map(|r| r.summary(hide_positions)).collect())
}

pub async fn overview(
    db: &SqlitePool,
    v: &UserVehicle,
    range: DateRange,
) -> AppResult<CoachingOverview> {
    let weeks = weeks(range);
    let months = months(range);
    let this_month = Period {
        label: "this_month".into(),
        from: brussels::month_start(range.to).max(range.from),
        to: range.to,
    };
    let previous = (this_month.from > range.from).then(|| Period {
        label: format!("{}/{}", range.from, this_month.from - Days::new(1)),
        from: range.from,
        to: this_month.from - Days::new(1),
    });
    let this_month = Period {
        label: format!("{}/{}", this_month.from, this_month.to),
        ..this_month
    };
    let mut all: Vec<Period> = weeks.iter().chain(&months).cloned().collect();
    all.push(this_month);
    all.extend(previous.iter().cloned());
    let mut sums = aggregate(db, v, &all).await?;
    let previous_months = previous.is_some().then(|| sums.pop()).flatten();
    let this_month = sums.pop().expect("this month was asked for");
    let months_sums = sums.split_off(weeks.len());
    let hidden = privacy_mode(db, v.vehicle.id).await?;
    Ok(CoachingOverview {
        from: range.from,
        to: range.to,
        weeks: sums,
        months: months_sums,
        this_month,
        previous_months,
        best_trips: ranked(db, v, range, true, hidden).await?,
        worst_trips: ranked(db, v, range, false, hidden).await?,
        positions_hidden: hidden,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn weeks_and_months_are_clipped_to_the_range() {
        let r = DateRange::new(d("2026-12-30"), d("2027-01-05")).unwrap();
        let w = weeks(r);
        assert_eq!(
            w.iter().map(|p| p.label.as_str()).collect::<Vec<_>>(),
            ["2026-W53", "2027-W01"]
        );
        assert_eq!((w[0].from, w[0].to), (d("2026-12-30"), d("2027-01-03")));
        let m = months(r);
        assert_eq!(m.len(), 2);
        assert_eq!(
            (m[1].label.as_str(), m[1].from, m[1].to),
            ("2027-01", d("2027-01-01"), d("2027-01-05"))
        );
    }
}
