//! Trips and the logbook (E1, E2, E4) as the SPA reads and changes them.
//!
//! Periods are given as dates (`from`, `to`, both included) in the
//! Europe/Brussels time zone ([`brussels`]): a trip belongs to the day, week
//! and month in which it started in Brussels, not in UTC. Coaching (E3) is in
//! [`crate::coaching`].

use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::coaching::TripCoaching;
use crate::telematics::{DrivingEventKind, RoutePoint};
use crate::vehicle::{Localized, Place};
use crate::{ErrorCode, FieldError};

/// Longest note on a trip (purpose, customer).
pub const TRIP_NOTE_MAX_CHARS: usize = 200;
/// Trips per page: default and maximum.
pub const TRIP_PAGE_DEFAULT: u32 = 50;
pub const TRIP_PAGE_MAX: u32 = 200;
/// Most trip ids one tagging request may name.
pub const TAG_MAX_IDS: usize = 1000;
/// Longest period a list, total, export or chart may cover (a little over
/// two years, so a tax year and the one before always fit).
pub const PERIOD_MAX_DAYS: u64 = 800;

/// Europe/Brussels local time: CET (UTC+1) and, from the last Sunday of
/// March 01:00 UTC to the last Sunday of October 01:00 UTC, CEST (UTC+2),
/// the EU rule since 1996. Written out here (a few lines) rather than
/// shipping a time-zone database to the browser.
pub mod brussels {
    use super::*;

    fn last_sunday(year: i32, month: u32) -> NaiveDate {
        let last = NaiveDate::from_ymd_opt(year, month + 1, 1)
            .map(|d| d - Days::new(1))
            .unwrap_or_default();
        last - Days::new(u64::from(last.weekday().num_days_from_sunday()))
    }

    /// Seconds east of UTC at `at`.
    pub fn offset_secs(at: DateTime<Utc>) -> i64 {
        let year = at.year();
        let switch = |month| {
            last_sunday(year, month)
                .and_hms_opt(1, 0, 0)
                .unwrap_or_default()
                .and_utc()
        };
        if at >= switch(3) && at < switch(10) {
            7200
        } else {
            3600
        }
    }

    /// The wall-clock time in Brussels.
    pub fn local(at: DateTime<Utc>) -> NaiveDateTime {
        (at + Duration::seconds(offset_secs(at))).naive_utc()
    }

    /// The date in Brussels.
    pub fn date(at: DateTime<Utc>) -> NaiveDate {
        local(at).date()
    }

    /// Midnight at the start of `date` in Brussels, in UTC. (Midnight always
    /// exists and is never ambiguous: the clocks change at 02:00 / 03:00.)
    pub fn start_of(date: NaiveDate) -> DateTime<Utc> {
        let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
        let winter = midnight - Duration::hours(1);
        if offset_secs(winter) == 3600 {
            winter
        } else {
            midnight - Duration::hours(2)
        }
    }

    /// The Monday of the ISO week of `date`.
    pub fn week_start(date: NaiveDate) -> NaiveDate {
        date - Days::new(u64::from(date.weekday().num_days_from_monday()))
    }

    /// ISO week label, e.g. `2026-W53` (the ISO year, which differs from the
    /// calendar year around New Year).
    pub fn week_label(date: NaiveDate) -> String {
        let w = date.iso_week();
        format!("{}-W{:02}", w.year(), w.week())
    }

    pub fn month_start(date: NaiveDate) -> NaiveDate {
        date.with_day(1).unwrap_or(date)
    }

    pub fn next_month(date: NaiveDate) -> NaiveDate {
        month_start(date)
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(date)
    }
}

/// A period of whole days in Brussels, `from` and `to` included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl DateRange {
    /// `to` before `from`, or longer than [`PERIOD_MAX_DAYS`]:
    /// `date_range_invalid`.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<DateRange, ErrorCode> {
        if to < from || to > from + Days::new(PERIOD_MAX_DAYS) {
            return Err(ErrorCode::DateRangeInvalid);
        }
        Ok(DateRange { from, to })
    }

    /// The instants it covers: `[start, end)` in UTC.
    pub fn bounds(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        (
            brussels::start_of(self.from),
            brussels::start_of(self.to + Days::new(1)),
        )
    }
}

/// Business or private. `untagged` until the owner (or the vehicle's
/// default purpose, [`TripSettings`]) says which.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TripPurpose {
    Business,
    Private,
    Untagged,
}

impl TripPurpose {
    /// As stored (`NULL` for untagged).
    pub fn db_code(self) -> Option<&'static str> {
        match self {
            TripPurpose::Business => Some("business"),
            TripPurpose::Private => Some("private"),
            TripPurpose::Untagged => None,
        }
    }

    pub fn from_db(code: Option<&str>) -> TripPurpose {
        match code {
            Some("business") => TripPurpose::Business,
            Some("private") => TripPurpose::Private,
            _ => TripPurpose::Untagged,
        }
    }

    /// The word in the logbook and on the page.
    pub fn label(self) -> Localized {
        match self {
            TripPurpose::Business => Localized {
                nl: "Zakelijk",
                fr: "Professionnel",
                en: "Business",
            },
            TripPurpose::Private => Localized {
                nl: "Privé",
                fr: "Privé",
                en: "Private",
            },
            TripPurpose::Untagged => Localized {
                nl: "Niet aangeduid",
                fr: "Non indiqué",
                en: "Not tagged",
            },
        }
    }

    /// As in JSON and query strings (`?purpose=`).
    pub fn code(self) -> &'static str {
        self.db_code().unwrap_or("untagged")
    }

    pub fn from_code(code: &str) -> Option<TripPurpose> {
        TripPurpose::ALL.into_iter().find(|p| p.code() == code)
    }

    pub const ALL: [TripPurpose; 3] = [
        TripPurpose::Business,
        TripPurpose::Private,
        TripPurpose::Untagged,
    ];
}

/// One row of GET /vehicles/{vin}/trips. While the vehicle's privacy mode
/// is on, no place of the trip is shown (`positions_hidden` on the list or
/// detail); distances, times, fuel and scores still are.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TripSummary {
    pub id: i64,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    /// The day it started in Brussels.
    pub date: NaiveDate,
    /// None while positions are hidden.
    pub start: Option<Place>,
    /// None while positions are hidden.
    pub end: Option<Place>,
    pub distance_km: f64,
    pub duration_s: u32,
    pub fuel_used_l: f64,
    /// l/100 km over the whole trip (none for very short trips).
    pub average_consumption_l_100km: Option<f64>,
    pub ev_distance_km: f64,
    pub ev_time_s: u32,
    /// Share of the distance and of the time driven electrically, 0-100.
    pub ev_share_distance_pct: Option<u8>,
    pub ev_share_time_pct: Option<u8>,
    pub hybrid_score: Option<u8>,
    pub odometer_start_km: Option<f64>,
    pub odometer_end_km: Option<f64>,
    pub purpose: TripPurpose,
    /// Empty when none was written.
    pub note: String,
}

/// GET /vehicles/{vin}/trips?from=&to=&purpose=&limit=&before=: newest
/// first, `limit` (default [`TRIP_PAGE_DEFAULT`], max [`TRIP_PAGE_MAX`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TripList {
    pub trips: Vec<TripSummary>,
    /// Pass as `before` to get the next (older) page; none on the last.
    pub next_before: Option<String>,
    /// The vehicle is in privacy mode: no trip has a start or end place.
    pub positions_hidden: bool,
}

/// GET /vehicles/{vin}/trips/{id}: the trip with route, events and coaching.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TripDetail {
    pub trip: TripSummary,
    pub eco_distance_km: f64,
    pub power_distance_km: f64,
    /// Empty while positions are hidden. Each point's `mode` (when the car
    /// reported it) is the driving mode up to the next point.
    pub route: Vec<RoutePoint>,
    /// Harsh driving events, oldest first; their place is left out while
    /// positions are hidden.
    pub events: Vec<TripEvent>,
    pub coaching: TripCoaching,
    /// The vehicle is in privacy mode: no start or end place, no route,
    /// no event positions.
    pub positions_hidden: bool,
}

/// A harsh driving event as the trip detail shows it. The car always
/// reports its place (`telematics::DrivingEvent`); the answer leaves
/// `lat`/`lon` out (no keys at all) while positions are hidden.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TripEvent {
    pub at: DateTime<Utc>,
    pub kind: DrivingEventKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
}

pub mod trip_fields {
    pub const IDS: &str = "ids";
    pub const FROM: &str = "from";
    pub const TO: &str = "to";
    pub const NOTE: &str = "note";
}

/// POST /vehicles/{vin}/trips/tags: give many trips one purpose at once,
/// either the trips in `ids` or every trip that started between `from` and
/// `to` (Brussels dates, included). All or nothing: one id that is not a
/// trip of this vehicle (visible to this user) and nothing changes (404).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TagTripsRequest {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
    pub purpose: TripPurpose,
}

/// Which trips a [`TagTripsRequest`] names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TripSelection {
    Ids(Vec<i64>),
    Range(DateRange),
}

impl TagTripsRequest {
    /// Exactly one of `ids` (1-[`TAG_MAX_IDS`], duplicates ignored) or
    /// `from` + `to`.
    pub fn selection(&self) -> Result<TripSelection, Vec<FieldError>> {
        use trip_fields as f;
        match (self.ids.is_empty(), self.from, self.to) {
            (false, None, None) if self.ids.len() > TAG_MAX_IDS => {
                Err(vec![FieldError::new(f::IDS, ErrorCode::TooManyTrips)])
            }
            (false, None, None) => {
                let mut ids = self.ids.clone();
                ids.sort_unstable();
                ids.dedup();
                Ok(TripSelection::Ids(ids))
            }
            (true, Some(from), Some(to)) => DateRange::new(from, to)
                .map(TripSelection::Range)
                .map_err(|code| vec![FieldError::new(f::TO, code)]),
            (true, None, None) => Err(vec![FieldError::new(f::IDS, ErrorCode::Required)]),
            (true, None, Some(_)) => Err(vec![FieldError::new(f::FROM, ErrorCode::Required)]),
            (true, Some(_), None) => Err(vec![FieldError::new(f::TO, ErrorCode::Required)]),
            (false, _, _) => Err(vec![FieldError::new(f::IDS, ErrorCode::InvalidValue)]),
        }
    }
}

/// The answer to a [`TagTripsRequest`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagTripsResult {
    /// Trips now carrying the purpose.
    pub tagged: u32,
}

/// PATCH /vehicles/{vin}/trips/{id}: purpose and/or note of one trip
/// (absent: unchanged; an empty note removes it). Answers the `TripSummary`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateTripRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<TripPurpose>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl UpdateTripRequest {
    /// The note as stored (trimmed), when one was sent.
    pub fn note(&self) -> Result<Option<String>, Vec<FieldError>> {
        match &self.note {
            None => Ok(None),
            Some(n) if n.trim().chars().count() > TRIP_NOTE_MAX_CHARS => {
                Err(vec![FieldError::new(trip_fields::NOTE, ErrorCode::TooLong)])
            }
            Some(n) => Ok(Some(n.trim().to_owned())),
        }
    }
}

/// GET /vehicles/{vin}/trips/totals?from=&to=: the logbook per purpose for
/// a period (also the rows kept for the logbook after the trips' details
/// were purged, E4). Always three entries: business, private, untagged.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PurposeTotals {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub totals: Vec<PurposeTotal>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PurposeTotal {
    pub purpose: TripPurpose,
    pub trips: u32,
    pub distance_km: f64,
    pub duration_s: u64,
}

/// GET / PUT /vehicles/{vin}/trip-settings. New trips take
/// `default_purpose` (a company car: `business`, until the owner tags a
/// trip otherwise). Only the main user may change it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TripSettings {
    pub default_purpose: TripPurpose,
}

/// GET /vehicles/{vin}/trips/retention: how far back each kind of data
/// goes (E4), so the page can say it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DataRetention {
    /// Routes, events, positions and readings: this many months.
    pub telemetry_months: u32,
    /// Trips with their scores and coaching: this many months.
    pub coaching_months: u32,
    /// Tagged trips stay as logbook rows (date, addresses, odometers,
    /// distance, purpose, note) until the end of this many calendar years
    /// after the year they were driven in.
    pub logbook_years: u32,
    /// Nothing older than this is kept, per kind.
    pub telemetry_kept_from: DateTime<Utc>,
    pub coaching_kept_from: DateTime<Utc>,
    pub logbook_kept_from: NaiveDate,
    /// The oldest trip with details, and the oldest logbook row, if any.
    pub oldest_trip: Option<DateTime<Utc>>,
    pub oldest_logbook_entry: Option<NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purpose_codes_are_the_json_names() {
        for p in TripPurpose::ALL {
            assert_eq!(serde_json::to_value(p).unwrap(), p.code());
            assert_eq!(TripPurpose::from_code(p.code()), Some(p));
        }
        assert_eq!(TripPurpose::from_code("Business"), None);
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn brussels_time_follows_the_eu_rule() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(brussels::offset_secs(at("2026-03-29T00:59:59Z")), 3600);
        assert_eq!(brussels::offset_secs(at("2026-03-29T01:00:00Z")), 7200);
        assert_eq!(brussels::offset_secs(at("2026-10-25T00:59:59Z")), 7200);
        assert_eq!(brussels::offset_secs(at("2026-10-25T01:00:00Z")), 3600);
        // 23:30 UTC on the last day of a month is the next month in Brussels.
        assert_eq!(brussels::date(at("2026-01-31T23:30:00Z")), d("2026-02-01"));
        assert_eq!(brussels::date(at("2026-06-30T21:59:00Z")), d("2026-06-30"));
        assert_eq!(brussels::date(at("2026-06-30T22:00:00Z")), d("2026-07-01"));
        assert_eq!(
            brussels::start_of(d("2026-02-01")),
            at("2026-01-31T23:00:00Z")
        );
        assert_eq!(
            brussels::start_of(d("2026-07-01")),
            at("2026-06-30T22:00:00Z")
        );
        // The days the clocks change start in the old time.
        assert_eq!(
            brussels::start_of(d("2026-03-29")),
            at("2026-03-28T23:00:00Z")
        );
        assert_eq!(
            brussels::start_of(d("2026-10-25")),
            at("2026-10-24T22:00:00Z")
        );
        assert_eq!(brussels::week_label(d("2026-12-31")), "2026-W53");
        assert_eq!(brussels::week_label(d("2027-01-03")), "2026-W53");
        assert_eq!(brussels::week_label(d("2027-01-04")), "2027-W01");
        assert_eq!(brussels::week_start(d("2027-01-03")), d("2026-12-28"));
    }

    #[test]
    fn date_ranges_are_checked() {
        assert!(DateRange::new(d("2026-01-02"), d("2026-01-01")).is_err());
        assert!(DateRange::new(d("2024-01-01"), d("2026-12-31")).is_err());
        let r = DateRange::new(d("2026-01-01"), d("2026-12-31")).unwrap();
        let (start, end) = r.bounds();
        assert_eq!(start.to_rfc3339(), "2025-12-31T23:00:00+00:00");
        assert_eq!(end.to_rfc3339(), "2026-12-31T23:00:00+00:00");
    }

    #[test]
    fn a_tagging_request_names_ids_or_a_range() {
        let req = |ids: Vec<i64>, from: Option<&str>, to: Option<&str>| TagTripsRequest {
            ids,
            from: from.map(d),
            to: to.map(d),
            purpose: TripPurpose::Business,
        };
        assert_eq!(
            req(vec![3, 1, 3], None, None).selection(),
            Ok(TripSelection::Ids(vec![1, 3]))
        );
        assert!(req(vec![], Some("2026-01-01"), Some("2026-01-31"))
            .selection()
            .is_ok());
        for bad in [
            req(vec![], None, None),
            req(vec![1], Some("2026-01-01"), Some("2026-01-31")),
            req(vec![], Some("2026-01-31"), Some("2026-01-01")),
            req(vec![], Some("2026-01-31"), None),
            req((0..=TAG_MAX_IDS as i64).collect(), None, None),
        ] {
            assert!(bad.selection().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn notes_are_trimmed_and_bounded() {
        let req = |n: &str| UpdateTripRequest {
            purpose: None,
            note: Some(n.into()),
        };
        assert_eq!(
            req("  Klant Janssens ").note(),
            Ok(Some("Klant Janssens".into()))
        );
        assert!(req(&"é".repeat(TRIP_NOTE_MAX_CHARS)).note().is_ok());
        assert!(req(&"é".repeat(TRIP_NOTE_MAX_CHARS + 1)).note().is_err());
    }

    #[test]
    fn hidden_trip_event_has_no_position_keys() {
        let at = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let kind = DrivingEventKind::HarshBraking;
        let hidden = TripEvent {
            at,
            kind,
            lat: None,
            lon: None,
        };
        let json = serde_json::to_value(&hidden).unwrap();
        assert_eq!(json.as_object().unwrap().len(), 2, "{json}");
        assert_eq!(json["kind"], "harsh_braking");
        let shown = TripEvent {
            lat: Some(51.1),
            lon: Some(4.45),
            ..hidden.clone()
        };
        let json = serde_json::to_value(&shown).unwrap();
        assert_eq!(
            (json["lat"].as_f64(), json["lon"].as_f64()),
            (Some(51.1), Some(4.45))
        );
        assert_eq!(serde_json::from_value::<TripEvent>(json).unwrap(), shown);
    }
}
