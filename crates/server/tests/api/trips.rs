//! Trips (E1) and business / private tagging (E2): the list by Brussels
//! dates with keyset paging, the detail with coaching, tags in bulk in one
//! transaction, notes, the default purpose, totals, and who may do what.
//! Shared fixtures for `trips_logbook` and `trips_coaching` are here.

use chrono::{DateTime, Duration, Utc};
use mijn_lexus_contract::ErrorCode;
use serde_json::{json, Value};

use crate::common::*;

pub const VIN: &str = "JTHBAAHB2P7654321";
pub const OTHER_VIN: &str = "JTHBAAHB2P7654329";
pub const OWNER: &str = "owner@example.be";

pub fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

/// The signed-in owner of `VIN` (added on 2025-06-01), the clock on `now`.
pub struct Owner {
    pub b: Browser,
    pub vehicle_id: i64,
    /// `/api/vehicles/{VIN}`
    pub v: String,
}

pub async fn owner(app: &TestApp, now: &str) -> Owner {
    app.clock.set(at("2025-06-01T08:00:00Z"));
    app.vehicle(VIN, 12_000.0).await;
    let mut b = app.signed_in(OWNER).await;
    b.add_vehicle(VIN).await;
    app.clock.set(at(now));
    b.sign_in(OWNER, PASSWORD).await;
    let vehicle_id = vehicle_id(app, VIN).await;
    Owner {
        b,
        vehicle_id,
        v: format!("/api/vehicles/{VIN}"),
    }
}

pub async fn vehicle_id(app: &TestApp, vin: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM vehicles WHERE vin = ?")
        .bind(vin)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// A trip as the car reports it; fields left out get plausible values.
#[derive(Clone)]
pub struct Fixture {
    pub start: DateTime<Utc>,
    pub minutes: i64,
    pub km: f64,
    pub ev_km: f64,
    pub ev_s: i64,
    pub eco_km: f64,
    pub power_km: f64,
    pub fuel_l: f64,
    /// hybrid score, acceleration, braking, constant speed
    pub scores: Option<(i64, i64, i64, i64)>,
    pub purpose: Option<&'static str>,
    pub from: &'static str,
    pub to: &'static str,
    pub odometer: f64,
}

impl Fixture {
    pub fn at(start: &str, minutes: i64, km: f64) -> Fixture {
        Fixture {
            start: at(start),
            minutes,
            km,
            ev_km: km / 2.0,
            ev_s: minutes * 30,
            eco_km: km / 4.0,
            power_km: km / 10.0,
            fuel_l: km * 0.05,
            scores: Some((70, 70, 70, 70)),
            purpose: None,
            from: "Mechelen",
            to: "Antwerpen",
            odometer: 20_000.0,
        }
    }

    /// Stored directly (fast, for fixtures of thousands of trips); returns its id.
    pub async fn insert(&self, app: &TestApp, vehicle_id: i64) -> i64 {
        let start = self.start.timestamp();
        let s = self.scores;
        sqlx::query_scalar(
            "INSERT INTO trips (vehicle_id, started_at, ended_at, start_lat, start_lon, start_label,
                 end_lat, end_lon, end_label, distance_km, duration_s, fuel_used_l, ev_distance_km,
                 ev_time_s, eco_distance_km, power_distance_km, odometer_start_km, odometer_end_km,
                 hybrid_score, score_acceleration, score_braking, score_constant_speed, purpose)
             VALUES (?, ?, ?, 51.02, 4.48, ?, 51.22, 4.40, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
             RETURNING id",
        )
        .bind(vehicle_id)
        .bind(start)
        .bind(start + self.minutes * 60)
        .bind(self.from)
        .bind(self.to)
        .bind(self.km)
        .bind(self.minutes * 60)
        .bind(self.fuel_l)
        .bind(self.ev_km)
        .bind(self.ev_s)
        .bind(self.eco_km)
        .bind(self.power_km)
        .bind(self.odometer)
        .bind(self.odometer + self.km)
        .bind(s.map(|s| s.0))
        .bind(s.map(|s| s.1))
        .bind(s.map(|s| s.2))
        .bind(s.map(|s| s.3))
        .bind(self.purpose)
        .fetch_one(&app.db)
        .await
        .unwrap()
    }
}

pub async fn get_json(b: &Browser, path: &str) -> Value {
    let resp = b.get(path).await;
    let status = resp.status();
    let text = resp.text().await.unwrap();
    assert_eq!(status, 200, "{path}: {text}");
    serde_json::from_str(&text).unwrap()
}

fn ids(list: &Value) -> Vec<i64> {
    list["trips"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn e1_trips_by_brussels_date_with_keyset_paging() {
    let app = TestApp::spawn().await;
    let o = owner(&app, "2026-03-10T12:00:00Z").await;
    // 23:30 UTC on 31 January is 1 February in Brussels.
    let late = Fixture::at("2026-01-31T23:30:00Z", 20, 12.0)
        .insert(&app, o.vehicle_id)
        .await;
    let jan = Fixture::at("2026-01-31T22:30:00Z", 20, 12.0)
        .insert(&app, o.vehicle_id)
        .await;
    let feb = get_json(
        &o.b,
        &format!("{}/trips?from=2026-02-01&to=2026-02-28", o.v),
    )
    .await;
    assert_eq!(ids(&feb), vec![late]);
    assert_eq!(feb["trips"][0]["date"], "2026-02-01");
    let jan_list = get_json(
        &o.b,
        &format!("{}/trips?from=2026-01-01&to=2026-01-31", o.v),
    )
    .await;
    assert_eq!(ids(&jan_list), vec![jan]);
    expect_error(
        o.b.get(&format!("{}/trips?from=2026-02-01&to=2026-01-01", o.v))
            .await,
        422,
        ErrorCode::DateRangeInvalid,
    )
    .await;

    // 120 more trips: pages of 50, newest first, none twice, none lost.
    for i in 0..120 {
        Fixture::at("2026-02-02T07:00:00Z", 30, 20.0)
            .with_start(at("2026-02-02T07:00:00Z") + Duration::hours(5 * i))
            .insert(&app, o.vehicle_id)
            .await;
    }
    let mut seen = Vec::new();
    let mut starts = Vec::new();
    let mut url = format!("{}/trips?limit=50", o.v);
    loop {
        let page = get_json(&o.b, &url).await;
        for t in page["trips"].as_array().unwrap() {
            starts.push(at(t["started_at"].as_str().unwrap()));
        }
        seen.extend(ids(&page));
        match page["next_before"].as_str() {
            Some(next) => url = format!("{}/trips?limit=50&before={next}", o.v),
            None => break,
        }
    }
    assert_eq!(seen.len(), 122);
    assert!(starts.windows(2).all(|w| w[0] > w[1]), "newest first");
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 122);
    expect_error(
        o.b.get(&format!("{}/trips?before=yesterday", o.v)).await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;

    // A row: times, places, numbers, shares, purpose, note.
    let row = &get_json(&o.b, &format!("{}/trips?limit=1", o.v)).await["trips"][0];
    assert_eq!(row["start"]["label"], "Mechelen");
    assert_eq!(row["end"]["label"], "Antwerpen");
    assert_eq!(row["distance_km"], 20.0);
    assert_eq!(row["duration_s"], 1800);
    assert_eq!(row["fuel_used_l"], 1.0);
    assert_eq!(row["average_consumption_l_100km"], 5.0);
    assert_eq!(row["ev_share_distance_pct"], 50);
    assert_eq!(row["ev_share_time_pct"], 50);
    assert_eq!(row["hybrid_score"], 70);
    assert_eq!(row["odometer_end_km"], 20_020.0);
    assert_eq!(row["purpose"], "untagged");
    assert_eq!(row["note"], "");
}

impl Fixture {
    pub fn with_start(mut self, start: DateTime<Utc>) -> Fixture {
        self.start = start;
        self
    }
}

#[tokio::test]
async fn e1_trip_detail_has_route_modes_events_and_advice() {
    let app = TestApp::spawn().await;
    let o = owner(&app, "2026-03-10T12:00:00Z").await;
    let key = format!("ingest-key-{VIN}-0123456789abcdef0123456789");
    let body = json!({"messages": [{
        "message_id": "trip-1", "recorded_at": app.rfc3339(-10),
        "trip": {"started_at": app.rfc3339(-1200), "ended_at": app.rfc3339(-10),
                 "start": {"lat": 51.0, "lon": 4.48, "label": "Mechelen"},
                 "end": {"lat": 51.2, "lon": 4.4, "label": "Antwerpen"},
                 "odometer_start_km": 12_000.0, "odometer_end_km": 12_030.0,
                 "distance_km": 30.0, "fuel_used_l": 1.5, "ev_distance_km": 6.0, "ev_time_s": 300,
                 "eco_distance_km": 18.0, "power_distance_km": 3.0, "hybrid_score": 64,
                 "score_acceleration": 81, "score_braking": 58, "score_constant_speed": 72,
                 "events": [{"at": app.rfc3339(-600), "kind": "harsh_braking", "lat": 51.1, "lon": 4.45},
                            {"at": app.rfc3339(-500), "kind": "harsh_braking", "lat": 51.12, "lon": 4.44}],
                 "route": [{"at": app.rfc3339(-1200), "lat": 51.0, "lon": 4.48, "speed_kmh": 0.0, "mode": "ev"},
                           {"at": app.rfc3339(-600), "lat": 51.1, "lon": 4.45, "speed_kmh": 90.0, "mode": "power"},
                           {"at": app.rfc3339(-10), "lat": 51.2, "lon": 4.4}]}
    }]});
    assert_eq!(app.ingest(VIN, Some(&key), &body).await.status(), 200);
    let list = get_json(&o.b, &format!("{}/trips", o.v)).await;
    let id = list["trips"][0]["id"].as_i64().unwrap();
    let resp =
        o.b.client
            .get(o.b.url(&format!("{}/trips/{id}", o.v)))
            .header("accept-language", "fr-BE")
            .send()
            .await
            .unwrap();
    let d: Value = resp.json().await.unwrap();
    assert_eq!(d["route"][0]["mode"], "ev");
    assert_eq!(d["route"][1]["mode"], "power");
    assert!(d["route"][2].get("mode").is_none(), "{d}");
    assert_eq!(d["events"].as_array().unwrap().len(), 2);
    assert_eq!(d["events"][0]["lat"], 51.1);
    let c = &d["coaching"];
    assert_eq!(c["ev_share_distance_pct"], 20);
    assert_eq!(c["ev_share_time_pct"], 25);
    assert_eq!(c["hybrid_score"], 64);
    assert_eq!(c["weakest"], "braking");
    let codes: Vec<&str> = c["advice"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["anticipate_braking", "avoid_harsh_braking", "more_electric"]
    );
    assert!(c["advice"][0]["text"]
        .as_str()
        .unwrap()
        .contains("freinage"));
}

#[tokio::test]
async fn e2_tag_in_bulk_is_one_transaction_and_only_own_trips() {
    let app = TestApp::spawn().await;
    let o = owner(&app, "2026-03-10T12:00:00Z").await;
    let mut mine = Vec::new();
    for day in 1..=5 {
        mine.push(
            Fixture::at(&format!("2026-03-0{day}T07:30:00Z"), 25, 18.0)
                .insert(&app, o.vehicle_id)
                .await,
        );
    }
    // Someone else's car and trip.
    app.vehicle(OTHER_VIN, 5_000.0).await;
    let stranger = app.signed_in("stranger@example.be").await;
    stranger.add_vehicle(OTHER_VIN).await;
    let other_id = vehicle_id(&app, OTHER_VIN).await;
    let foreign = Fixture::at("2026-03-02T09:00:00Z", 10, 5.0)
        .insert(&app, other_id)
        .await;
    let tags = format!("{}/trips/tags", o.v);
    let purposes = || async {
        let list = get_json(&o.b, &format!("{}/trips", o.v)).await;
        list["trips"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["purpose"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };

    // A list with one foreign id changes nothing.
    let resp =
        o.b.post(
            &tags,
            &json!({"ids": [mine[0], mine[1], foreign], "purpose": "business"}),
        )
        .await;
    expect_error(resp, 404, ErrorCode::NotFound).await;
    assert!(purposes().await.iter().all(|p| p == "untagged"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM trips WHERE purpose IS NOT NULL")
            .await,
        0
    );

    // Own ids: tagged at once.
    let r: Value =
        o.b.post(
            &tags,
            &json!({"ids": [mine[0], mine[1], mine[1]], "purpose": "business"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(r["tagged"], 2);
    // Every trip of a range (Brussels dates).
    let r: Value =
        o.b.post(
            &tags,
            &json!({"from": "2026-03-03", "to": "2026-03-04", "purpose": "private"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(r["tagged"], 2);
    assert_eq!(
        purposes().await,
        ["untagged", "private", "private", "business", "business"]
    );
    let business = get_json(&o.b, &format!("{}/trips?purpose=business", o.v)).await;
    assert_eq!(ids(&business), vec![mine[1], mine[0]]);
    let untagged = get_json(&o.b, &format!("{}/trips?purpose=untagged", o.v)).await;
    assert_eq!(ids(&untagged), vec![mine[4]]);

    // Bad selections.
    for (body, field, code) in [
        (json!({"purpose": "business"}), "ids", ErrorCode::Required),
        (
            json!({"from": "2026-03-04", "to": "2026-03-01", "purpose": "business"}),
            "to",
            ErrorCode::DateRangeInvalid,
        ),
        (
            json!({"ids": (0..1001).collect::<Vec<i64>>(), "purpose": "business"}),
            "ids",
            ErrorCode::TooManyTrips,
        ),
    ] {
        let err = expect_error(
            o.b.post(&tags, &body).await,
            422,
            ErrorCode::ValidationFailed,
        )
        .await;
        assert_eq!(err.field(field), Some(code), "{body}");
    }
    expect_error(
        o.b.post(&tags, &json!({"ids": [mine[0]], "purpose": "secret"}))
            .await,
        400,
        ErrorCode::MalformedRequest,
    )
    .await;

    // A note, validated; the stranger cannot touch it.
    let trip = format!("{}/trips/{}", o.v, mine[4]);
    let err = expect_error(
        o.b.patch(&trip, &json!({"note": "x".repeat(201)})).await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(err.field("note"), Some(ErrorCode::TooLong));
    let t: Value =
        o.b.patch(
            &trip,
            &json!({"note": " Klant \"Dupont\"; offerte ", "purpose": "business"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(t["note"], "Klant \"Dupont\"; offerte");
    assert_eq!(t["purpose"], "business");
    expect_error(
        o.b.patch(&format!("{}/trips/{foreign}", o.v), &json!({"note": "x"}))
            .await,
        404,
        ErrorCode::NotFound,
    )
    .await;
    for resp in [
        stranger.get(&format!("{}/trips", o.v)).await,
        stranger.get(&trip).await,
        stranger.patch(&trip, &json!({"note": "mine now"})).await,
        stranger
            .post(&tags, &json!({"ids": [mine[4]], "purpose": "private"}))
            .await,
        stranger
            .put(
                &format!("{}/trip-settings", o.v),
                &json!({"default_purpose": "private"}),
            )
            .await,
    ] {
        expect_error(resp, 404, ErrorCode::NotFound).await;
    }
    let t = get_json(&o.b, &trip).await;
    assert_eq!(t["trip"]["note"], "Klant \"Dupont\"; offerte");

    // Totals per purpose for a period.
    let totals = get_json(
        &o.b,
        &format!("{}/trips/totals?from=2026-03-01&to=2026-03-31", o.v),
    )
    .await;
    assert_eq!(
        totals["totals"],
        json!([
            {"purpose": "business", "trips": 3, "distance_km": 54.0, "duration_s": 4500},
            {"purpose": "private", "trips": 2, "distance_km": 36.0, "duration_s": 3000},
            {"purpose": "untagged", "trips": 0, "distance_km": 0.0, "duration_s": 0}
        ])
    );
    expect_error(
        o.b.get(&format!("{}/trips/totals?from=2026-03-01", o.v))
            .await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
}

#[tokio::test]
async fn e2_secondary_users_get_403_and_the_default_purpose_is_the_main_users() {
    let app = TestApp::spawn().await;
    let o = owner(&app, "2026-03-10T12:00:00Z").await;
    let id = Fixture::at("2026-03-09T07:30:00Z", 25, 18.0)
        .insert(&app, o.vehicle_id)
        .await;
    assert_eq!(
        o.b.post(
            &format!("{}/invitations", o.v),
            &json!({"email": "sec@example.be"})
        )
        .await
        .status(),
        201
    );
    let token = app.token_from_mail("sec@example.be", "/invitation").await;
    let sec = app.signed_in("sec@example.be").await;
    assert_eq!(
        sec.post("/api/invitations/accept", &json!({"token": token}))
            .await
            .status(),
        200
    );
    let settings = format!("{}/trip-settings", o.v);
    for resp in [
        sec.get(&format!("{}/trips", o.v)).await,
        sec.get(&format!("{}/trips/{id}", o.v)).await,
        sec.patch(
            &format!("{}/trips/{id}", o.v),
            &json!({"purpose": "private"}),
        )
        .await,
        sec.post(
            &format!("{}/trips/tags", o.v),
            &json!({"ids": [id], "purpose": "private"}),
        )
        .await,
        sec.get(&format!(
            "{}/trips/totals?from=2026-03-01&to=2026-03-31",
            o.v
        ))
        .await,
        sec.get(&settings).await,
        sec.put(&settings, &json!({"default_purpose": "private"}))
            .await,
    ] {
        expect_error(resp, 403, ErrorCode::PermissionDenied).await;
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM trips WHERE purpose IS NOT NULL")
            .await,
        0
    );

    // A company car: business unless the owner says otherwise.
    assert_eq!(
        get_json(&o.b, &settings).await["default_purpose"],
        "untagged"
    );
    let s: Value =
        o.b.put(&settings, &json!({"default_purpose": "business"}))
            .await
            .json()
            .await
            .unwrap();
    assert_eq!(s["default_purpose"], "business");
    let key = format!("ingest-key-{VIN}-0123456789abcdef0123456789");
    let body = json!({"messages": [{
        "message_id": "new-trip", "recorded_at": app.rfc3339(-10),
        "trip": {"started_at": app.rfc3339(-900), "ended_at": app.rfc3339(-10),
                 "start": {"lat": 51.0, "lon": 4.48}, "end": {"lat": 51.2, "lon": 4.4},
                 "distance_km": 12.0, "fuel_used_l": 0.6, "ev_distance_km": 6.0, "ev_time_s": 400,
                 "eco_distance_km": 4.0, "power_distance_km": 1.0}
    }]});
    assert_eq!(app.ingest(VIN, Some(&key), &body).await.status(), 200);
    let list = get_json(&o.b, &format!("{}/trips", o.v)).await;
    assert_eq!(list["trips"][0]["purpose"], "business", "the new trip");
    assert_eq!(
        list["trips"][1]["purpose"], "untagged",
        "trips before keep theirs"
    );
}

#[tokio::test]
async fn e2_after_a_takeover_neither_owner_can_tag_the_old_trips() {
    let app = TestApp::spawn().await;
    let o = owner(&app, "2026-03-10T12:00:00Z").await;
    let id = Fixture::at("2026-03-09T07:30:00Z", 25, 18.0)
        .insert(&app, o.vehicle_id)
        .await;
    let buyer = app.signed_in("buyer@example.be").await;
    buyer.add_vehicle(VIN).await;
    let tags = format!("{}/trips/tags", o.v);
    let trip = format!("{}/trips/{id}", o.v);
    for resp in [
        o.b.get(&format!("{}/trips", o.v)).await,
        o.b.patch(&trip, &json!({"purpose": "business"})).await,
        o.b.post(&tags, &json!({"ids": [id], "purpose": "business"}))
            .await,
        // The buyer does not get the previous owner's trips either.
        buyer.get(&trip).await,
        buyer
            .post(&tags, &json!({"ids": [id], "purpose": "private"}))
            .await,
    ] {
        expect_error(resp, 404, ErrorCode::NotFound).await;
    }
    let r: Value = buyer
        .post(
            &tags,
            &json!({"from": "2026-03-01", "to": "2026-03-31", "purpose": "private"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(r["tagged"], 0, "a range covers only the buyer's own trips");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM trips WHERE purpose IS NOT NULL")
            .await,
        0
    );
}
