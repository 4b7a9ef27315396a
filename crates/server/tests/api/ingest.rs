//! The ingest API: per-vehicle key, strict validation, idempotency.

use crate::common::*;
use mijn_lexus_contract::ErrorCode;
use serde_json::{json, Value};

const VIN: &str = "JTHBAAHB2P1234567";
const OTHER_VIN: &str = "JTHBAAHB2P7654321";

fn status_message(app: &TestApp, id: &str, odometer: f64) -> Value {
    json!({"messages": [{"message_id": id, "recorded_at": app.rfc3339(-60),
                         "status": {"odometer_km": odometer}}]})
}

#[tokio::test]
async fn ingest_needs_the_key_of_that_vehicle() {
    let app = TestApp::spawn().await;
    let v = app.vehicle(VIN, 12_000.0).await;
    let other = app.vehicle(OTHER_VIN, 5_000.0).await;
    let body = status_message(&app, "m-1", 12_010.0);
    for key in [None, Some("wrong-key"), Some(other.key.as_str())] {
        let resp = app.ingest(&v.vin, key, &body).await;
        expect_error(resp, 401, ErrorCode::IngestKeyInvalid).await;
    }
    // Unknown VIN: the same answer.
    let resp = app.ingest("JTHBAAHB2P0000000", Some(&v.key), &body).await;
    expect_error(resp, 401, ErrorCode::IngestKeyInvalid).await;
    // The right key works and no CSRF token is needed.
    let resp = app.ingest(&v.vin, Some(&v.key), &body).await;
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn every_bad_field_is_named() {
    let app = TestApp::spawn().await;
    let v = app.vehicle(VIN, 12_000.0).await;
    let body = json!({"messages": [
        {"message_id": "ok", "recorded_at": app.rfc3339(-60),
         "status": {"fuel_percent": 120.0, "battery_percent": 30.0, "warning_lights": ["nope"]}},
        {"message_id": "", "recorded_at": app.rfc3339(3600),
         "trip": {"started_at": app.rfc3339(-600), "ended_at": app.rfc3339(-1200),
                  "start": {"lat": 51.0, "lon": 4.0}, "end": {"lat": 91.0, "lon": 4.0},
                  "distance_km": 10.0, "fuel_used_l": 0.5, "ev_distance_km": 11.0, "ev_time_s": 10,
                  "eco_distance_km": 1.0, "power_distance_km": 1.0, "hybrid_score": 101}}
    ]});
    let err = expect_error(
        app.ingest(&v.vin, Some(&v.key), &body).await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    let fields: Vec<(String, ErrorCode)> = err
        .fields
        .iter()
        .map(|f| (f.field.clone(), f.code))
        .collect();
    for expected in [
        ("messages[0].status.fuel_percent", ErrorCode::OutOfRange),
        (
            "messages[0].status.battery_percent",
            ErrorCode::InvalidValue,
        ),
        (
            "messages[0].status.warning_lights[0]",
            ErrorCode::UnknownCode,
        ),
        ("messages[1].message_id", ErrorCode::Required),
        ("messages[1].recorded_at", ErrorCode::TimeInFuture),
        ("messages[1].trip.ended_at", ErrorCode::InvalidValue),
        ("messages[1].trip.end.lat", ErrorCode::OutOfRange),
        ("messages[1].trip.ev_distance_km", ErrorCode::OutOfRange),
        ("messages[1].trip.hybrid_score", ErrorCode::OutOfRange),
    ] {
        assert!(
            fields.contains(&(expected.0.to_owned(), expected.1)),
            "missing {expected:?} in {fields:?}"
        );
    }
    // Nothing of the request was stored.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM telemetry_messages").await,
        1
    );

    // Type errors and unknown fields are named by path too.
    let body = json!({"messages": [{"message_id": "x", "recorded_at": app.rfc3339(-60),
                                     "status": {"odometer_km": "many"}}]});
    let err = expect_error(
        app.ingest(&v.vin, Some(&v.key), &body).await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(
        err.field("messages[0].status.odometer_km"),
        Some(ErrorCode::InvalidValue),
        "{err:?}"
    );
    let body = json!({"messages": [{"message_id": "x", "recorded_at": app.rfc3339(-60),
                                     "status": {"odometer_km": 1.0, "colour": "red"}}]});
    let err = expect_error(
        app.ingest(&v.vin, Some(&v.key), &body).await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert!(
        err.fields[0].field.starts_with("messages[0].status"),
        "{err:?}"
    );
    let body =
        json!({"messages": [{"recorded_at": app.rfc3339(-60), "status": {"odometer_km": 1.0}}]});
    let err = expect_error(
        app.ingest(&v.vin, Some(&v.key), &body).await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(
        err.field("messages[0].message_id"),
        Some(ErrorCode::Required),
        "{err:?}"
    );
    // Not JSON at all.
    let resp = reqwest::Client::new()
        .post(format!("{}/api/ingest/vehicles/{VIN}/messages", app.base))
        .bearer_auth(&v.key)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    expect_error(resp, 400, ErrorCode::MalformedRequest).await;
}

#[tokio::test]
async fn the_same_message_twice_is_stored_once_and_answered_the_same() {
    let app = TestApp::spawn().await;
    let v = app.vehicle(VIN, 12_000.0).await;
    let body = json!({"messages": [{
        "message_id": "trip-42", "recorded_at": app.rfc3339(-60),
        "status": {"odometer_km": 12_050.0},
        "trip": {"started_at": app.rfc3339(-1800), "ended_at": app.rfc3339(-60),
                 "start": {"lat": 51.0, "lon": 4.4}, "end": {"lat": 51.1, "lon": 4.5},
                 "distance_km": 50.0, "fuel_used_l": 2.5, "ev_distance_km": 20.0, "ev_time_s": 600,
                 "eco_distance_km": 30.0, "power_distance_km": 5.0}
    }]});
    let first = app.ingest(&v.vin, Some(&v.key), &body).await;
    assert_eq!(first.status(), 200);
    let first: Value = first.json().await.unwrap();
    app.clock.advance(chrono::Duration::minutes(5));
    let second = app.ingest(&v.vin, Some(&v.key), &body).await;
    assert_eq!(second.status(), 200);
    let second: Value = second.json().await.unwrap();
    assert_eq!(first, second);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM telemetry_messages WHERE message_id = 'trip-42'")
            .await,
        1
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM trips").await, 2);
    // Same id, other content: conflict.
    let mut changed = body.clone();
    changed["messages"][0]["status"]["odometer_km"] = json!(12_060.0);
    let err = expect_error(
        app.ingest(&v.vin, Some(&v.key), &changed).await,
        409,
        ErrorCode::MessageIdConflict,
    )
    .await;
    assert_eq!(
        err.field("messages[0].message_id"),
        Some(ErrorCode::MessageIdConflict)
    );
}

/// Many writers at once (a telematics backend sends in parallel): every
/// message is stored and none gets a 500 from SQLite's write lock.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_messages_are_all_stored() {
    let app = TestApp::spawn().await;
    let v = app.vehicle(VIN, 12_000.0).await;
    let sends = (0..40).map(|i| {
        let body = status_message(&app, &format!("par-{i}"), 12_000.0 + f64::from(i));
        let (app, vin, key) = (&app, v.vin.clone(), v.key.clone());
        async move { app.ingest(&vin, Some(&key), &body).await.status().as_u16() }
    });
    let statuses = futures_join_all(sends).await;
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM telemetry_messages WHERE message_id LIKE 'par-%'")
            .await,
        40
    );
}

/// Joins futures concurrently without an extra dependency.
async fn futures_join_all<F: std::future::Future<Output = u16>>(
    futures: impl IntoIterator<Item = F>,
) -> Vec<u16> {
    let mut set = Vec::new();
    for f in futures {
        set.push(Box::pin(f));
    }
    let mut out = vec![0; set.len()];
    let mut pending: Vec<usize> = (0..set.len()).collect();
    std::future::poll_fn(|cx| {
        pending.retain(|&i| match set[i].as_mut().poll(cx) {
            std::task::Poll::Ready(v) => {
                out[i] = v;
                false
            }
            std::task::Poll::Pending => true,
        });
        if pending.is_empty() {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
    out
}

#[tokio::test]
async fn late_messages_do_not_roll_the_status_back() {
    let app = TestApp::spawn().await;
    let v = app.vehicle(VIN, 12_000.0).await;
    let old = json!({"messages": [{"message_id": "old", "recorded_at": app.rfc3339(-86_400),
                                   "status": {"odometer_km": 11_000.0, "fuel_percent": 10.0}}]});
    assert_eq!(app.ingest(&v.vin, Some(&v.key), &old).await.status(), 200);
    let (odo,): (f64,) = sqlx::query_as("SELECT odometer_km FROM vehicle_state")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(odo, 12_000.0);
    assert_eq!(app.count("SELECT COUNT(*) FROM vehicle_readings").await, 2);
}

#[tokio::test]
async fn provisioning_needs_the_backend_token() {
    let app = TestApp::spawn().await;
    let resp = reqwest::Client::new()
        .put(format!("{}/api/telematics/vehicles/{VIN}", app.base))
        .bearer_auth("nope")
        .json(&json!({"model": "UX 250h", "model_family": "ux", "model_year": 2023,
                      "powertrain": "hybrid", "activation_code": "x", "ingest_key": "k".repeat(40)}))
        .send()
        .await
        .unwrap();
    expect_error(resp, 401, ErrorCode::Unauthenticated).await;
    assert_eq!(app.count("SELECT COUNT(*) FROM vehicles").await, 0);
}

/// Ingest throughput into SQLite: `cargo test --release -p mijn-lexus-server
/// --test api ingest::ingest_throughput -- --ignored --nocapture`.
#[tokio::test]
#[ignore]
async fn ingest_throughput() {
    let app = TestApp::spawn().await;
    let now = chrono::DateTime::from_timestamp(app.clock_unix(), 0).unwrap();
    let sim = mijn_lexus_server::simulator::simulate(99, 365, now);
    let started = std::time::Instant::now();
    let sent = mijn_lexus_server::simulator::post(&sim, &app.base, BACKEND_TOKEN, 200)
        .await
        .unwrap();
    let secs = started.elapsed().as_secs_f64();
    let trips = app.count("SELECT COUNT(*) FROM trips").await;
    println!(
        "ingested {sent} messages ({trips} trips with routes) in {secs:.2} s: {:.0} messages/s",
        sent as f64 / secs
    );
}
