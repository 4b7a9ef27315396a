//! Hybrid coaching (E3): weekly and monthly aggregates against hand-computed
//! fixtures (ISO week 53, Brussels day and month boundaries), this month
//! against the months before, best and worst trips; and the time the
//! aggregation takes on a year of trips.

use std::time::Instant;

use serde_json::{json, Value};

use mijn_lexus_server::trips::coaching;

use crate::common::*;
use crate::trips::{get_json, owner, Fixture};

/// `km, ev_km, eco_km, power_km, fuel_l, ev_s, minutes, score`
fn trip(start: &str, n: (f64, f64, f64, f64, f64, i64, i64, Option<i64>)) -> Fixture {
    let mut f = Fixture::at(start, n.6, n.0);
    f.ev_km = n.1;
    f.eco_km = n.2;
    f.power_km = n.3;
    f.fuel_l = n.4;
    f.ev_s = n.5;
    f.scores = n.7.map(|s| (s, 70, 70, 70));
    f
}

fn pick<'a>(v: &'a Value, label: &str) -> &'a Value {
    v.as_array()
        .unwrap()
        .iter()
        .find(|p| p["period"] == label)
        .unwrap_or_else(|| panic!("no {label} in {v}"))
}

#[tokio::test]
async fn e3_weeks_and_months_in_brussels_including_week_53() {
    let app = TestApp::spawn().await;
    let o = owner(&app, "2027-01-20T12:00:00Z").await;
    for (start, n) in [
        // Sunday 27 December: week 52 of 2026, December.
        (
            "2026-12-27T10:00:00Z",
            (10.0, 5.0, 3.0, 1.0, 0.4, 600, 20, Some(60)),
        ),
        // Thursday 31 December 23:30 in Brussels: week 53, December.
        (
            "2026-12-31T22:30:00Z",
            (20.0, 10.0, 6.0, 2.0, 0.8, 900, 30, Some(90)),
        ),
        // 23:30 UTC on 31 December is 1 January 00:30 in Brussels: week 53, January.
        (
            "2026-12-31T23:30:00Z",
            (30.0, 6.0, 12.0, 3.0, 1.5, 300, 40, Some(70)),
        ),
        // Sunday 3 January 23:59 in Brussels: still week 53 of 2026.
        (
            "2027-01-03T22:59:00Z",
            (40.0, 20.0, 10.0, 4.0, 1.0, 1200, 50, Some(80)),
        ),
        // Monday 4 January 00:00 in Brussels: week 1 of 2027; no score reported.
        (
            "2027-01-03T23:00:00Z",
            (50.0, 10.0, 20.0, 5.0, 2.5, 600, 60, None),
        ),
    ] {
        trip(start, n).insert(&app, o.vehicle_id).await;
    }
    let c = get_json(
        &o.b,
        &format!("{}/coaching?from=2026-12-21&to=2027-01-10", o.v),
    )
    .await;
    let labels: Vec<&str> = c["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["period"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["2026-W52", "2026-W53", "2027-W01"]);

    let w53 = pick(&c["weeks"], "2026-W53");
    assert_eq!(
        *w53,
        json!({
            "period": "2026-W53", "from": "2026-12-28", "to": "2027-01-03",
            "trips": 3, "distance_km": 90.0, "duration_s": 7200, "fuel_used_l": 3.3,
            "ev_distance_km": 36.0, "eco_distance_km": 28.0, "power_distance_km": 9.0,
            "other_distance_km": 17.0, "ev_time_s": 2400,
            // 36 / 90 km; 2400 / 7200 s; (90*20 + 70*30 + 80*40) / 90 = 78.9
            "ev_share_distance_pct": 40, "ev_share_time_pct": 33, "hybrid_score": 79,
            "average_consumption_l_100km": 3.7
        })
    );
    assert_eq!(pick(&c["weeks"], "2026-W52")["trips"], 1);
    let w01 = pick(&c["weeks"], "2027-W01");
    assert_eq!(w01["trips"], 1);
    assert!(w01["hybrid_score"].is_null(), "no trip with a score");

    let dec = pick(&c["months"], "2026-12");
    assert_eq!(
        (&dec["from"], &dec["to"]),
        (&json!("2026-12-21"), &json!("2026-12-31"))
    );
    assert_eq!(dec["trips"], 2);
    assert_eq!(dec["distance_km"], 30.0);
    assert_eq!(dec["ev_share_distance_pct"], 50);
    assert_eq!(dec["hybrid_score"], 80, "(60*10 + 90*20) / 30");
    assert_eq!(dec["average_consumption_l_100km"], 4.0);
    let jan = pick(&c["months"], "2027-01");
    assert_eq!(jan["trips"], 3);
    assert_eq!(jan["distance_km"], 120.0);
    assert_eq!(jan["ev_share_distance_pct"], 30);
    assert_eq!(jan["ev_share_time_pct"], 23, "2100 / 9000 s");
    assert_eq!(
        jan["hybrid_score"], 76,
        "(70*30 + 80*40) / 70, the unscored trip left out"
    );
    assert_eq!(jan["average_consumption_l_100km"], 4.2);
    assert_eq!(jan["other_distance_km"], 30.0);

    // This month against the months before.
    assert_eq!(c["this_month"]["period"], "2027-01-01/2027-01-10");
    assert_eq!(c["this_month"]["hybrid_score"], 76);
    assert_eq!(c["previous_months"]["period"], "2026-12-21/2026-12-31");
    assert_eq!(c["previous_months"]["hybrid_score"], 80);

    let scores = |key: &str| -> Vec<i64> {
        c[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["hybrid_score"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(scores("best_trips"), [90, 80, 70]);
    assert_eq!(scores("worst_trips"), [60, 70, 80]);

    // By default the 12 months up to today; one month: no "before".
    let c = get_json(&o.b, &format!("{}/coaching", o.v)).await;
    assert_eq!(
        (c["from"].as_str(), c["to"].as_str()),
        (Some("2026-02-01"), Some("2027-01-20"))
    );
    assert_eq!(c["months"].as_array().unwrap().len(), 12);
    let c = get_json(
        &o.b,
        &format!("{}/coaching?from=2027-01-02&to=2027-01-10", o.v),
    )
    .await;
    assert!(c["previous_months"].is_null());
    assert_eq!(c["this_month"]["trips"], 2);
}

/// A year of trips (3,000): the coaching page, the first page of the list,
/// the totals and the CSV of the year, timed (printed; debug build).
#[tokio::test]
async fn e3_a_year_of_trips_aggregates_in_milliseconds() {
    let app = TestApp::spawn().await;
    let o = owner(&app, "2027-01-01T12:00:00Z").await;
    let t0 = Instant::now();
    sqlx::query(
        "WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 2999)
         INSERT INTO trips (vehicle_id, started_at, ended_at, start_lat, start_lon, start_label,
             end_lat, end_lon, end_label, distance_km, duration_s, fuel_used_l, ev_distance_km,
             ev_time_s, eco_distance_km, power_distance_km, odometer_start_km, odometer_end_km,
             hybrid_score, score_acceleration, score_braking, score_constant_speed, purpose)
         SELECT ?1, ?2 + i * 10500, ?2 + i * 10500 + 1500, 51.0, 4.4, 'Thuis', 51.2, 4.4, 'Werk',
                12.0 + i % 30, 1500, 0.6, 5.0, 700, 4.0, 1.0, 20000 + i * 30, 20012 + i * 30,
                50 + i % 50, 70, 70, 70, CASE i % 3 WHEN 0 THEN 'business' WHEN 1 THEN 'private' END
         FROM n",
    )
    .bind(o.vehicle_id)
    .bind(crate::trips::at("2026-01-01T06:00:00Z").timestamp())
    .execute(&app.db)
    .await
    .unwrap();
    let inserted = t0.elapsed();
    let mut timings = Vec::new();
    for (name, path) in [
        (
            "coaching",
            format!("{}/coaching?from=2026-01-01&to=2026-12-31", o.v),
        ),
        ("list", format!("{}/trips?limit=50", o.v)),
        (
            "list-oldest",
            format!("{}/trips?limit=50&from=2026-01-01&to=2026-01-31", o.v),
        ),
        (
            "totals",
            format!("{}/trips/totals?from=2026-01-01&to=2026-12-31", o.v),
        ),
        (
            "csv",
            format!("{}/trips/logbook.csv?from=2026-01-01&to=2026-12-31", o.v),
        ),
    ] {
        get_json_or_text(&o.b, &path).await; // warm
        let t = Instant::now();
        let body = get_json_or_text(&o.b, &path).await;
        timings.push((name, t.elapsed().as_secs_f64() * 1000.0));
        if name == "coaching" {
            let v: Value = serde_json::from_str(&body).unwrap();
            assert_eq!(v["months"].as_array().unwrap().len(), 12);
            assert_eq!(v["weeks"].as_array().unwrap().len(), 53);
            let trips: i64 = v["months"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["trips"].as_i64().unwrap())
                .sum();
            assert_eq!(trips, 3000);
        }
        if name == "csv" {
            assert_eq!(body.lines().count(), 3001);
        }
    }
    // The same in-process, without HTTP: the domain call the handler makes.
    let user_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = ?")
        .bind(crate::trips::OWNER)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let mut conn = app.db.acquire().await.unwrap();
    let v = mijn_lexus_server::garage::user_vehicle(&mut conn, user_id, crate::trips::VIN)
        .await
        .unwrap()
        .unwrap();
    drop(conn);
    let year = mijn_lexus_contract::trips::DateRange::new(
        "2026-01-01".parse().unwrap(),
        "2026-12-31".parse().unwrap(),
    )
    .unwrap();
    let t = Instant::now();
    coaching::overview(&app.db, &v, year).await.unwrap();
    timings.push(("coaching-in-process", t.elapsed().as_secs_f64() * 1000.0));
    // Each period is a range scan of the (vehicle_id, started_at) index.
    let plan: Vec<(i64, i64, i64, String)> =
        sqlx::query_as(&format!("EXPLAIN QUERY PLAN {}", coaching::PERIOD_SUMS_SQL))
            .bind("[[0, 1]]")
            .bind(o.vehicle_id)
            .bind(0)
            .fetch_all(&app.db)
            .await
            .unwrap();
    let plan: Vec<&str> = plan.iter().map(|r| r.3.as_str()).collect();
    assert!(
        plan.iter().any(|d| d.starts_with("SEARCH t USING INDEX sqlite_autoindex_trips_1 (vehicle_id=? AND started_at>? AND started_at<?)")),
        "{plan:?}"
    );
    println!("a year of trips: inserted in {inserted:?}; times (ms, debug build): {timings:?}");
    for (name, ms) in &timings {
        assert!(*ms < 2000.0, "{name} took {ms} ms");
    }
}

async fn get_json_or_text(b: &Browser, path: &str) -> String {
    let resp = b.get(path).await;
    assert_eq!(resp.status(), 200, "{path}");
    resp.text().await.unwrap()
}
