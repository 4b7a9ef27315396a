//! The simulator: deterministic per seed, and its output goes through the
//! real ingest API; the demo garage is created once and quickly.

use std::time::Instant;

use crate::common::*;
use mijn_lexus_server::simulator::{self, simulate};
use serde_json::Value;

fn now() -> chrono::DateTime<chrono::Utc> {
    "2026-03-01T12:00:00Z".parse().unwrap()
}

#[test]
fn same_seed_same_messages_other_seed_other_messages() {
    let a = simulate(42, 30, now());
    let b = simulate(42, 30, now());
    assert_eq!(a, b);
    let json = |s: &simulator::Simulation| {
        serde_json::to_string(&s.vehicles.iter().map(|v| &v.messages).collect::<Vec<_>>()).unwrap()
    };
    assert_eq!(json(&a), json(&b));
    let c = simulate(43, 30, now());
    assert_ne!(json(&a), json(&c));
    assert_ne!(a.vehicles[0].spec.vin, c.vehicles[0].spec.vin);
}

#[tokio::test]
async fn simulated_fleet_goes_through_the_ingest_api() {
    let app = TestApp::spawn().await;
    let now = chrono::DateTime::from_timestamp(app.clock_unix(), 0).unwrap();
    let sim = simulate(5, 14, now);
    let sent = simulator::post(&sim, &app.base, BACKEND_TOKEN, 50)
        .await
        .unwrap();
    let total: usize = sim.vehicles.iter().map(|v| v.messages.len()).sum();
    assert_eq!(sent, total);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM telemetry_messages").await,
        total as i64
    );
    // Again: idempotent.
    simulator::post(&sim, &app.base, BACKEND_TOKEN, 50)
        .await
        .unwrap();
    assert_eq!(
        app.count("SELECT COUNT(*) FROM telemetry_messages").await,
        total as i64
    );
    // A user adds the plug-in hybrid with its activation code and sees its status.
    let nx = &sim.vehicles[1].spec;
    let b = app.signed_in("els@example.be").await;
    let resp = b
        .post(
            "/api/vehicles",
            &serde_json::json!({"vin": nx.vin, "licence_plate": nx.licence_plate, "activation_code": nx.activation_code}),
        )
        .await;
    assert_eq!(resp.status(), 201);
    let s: Value = b
        .get(&format!("/api/vehicles/{}/status", nx.vin))
        .await
        .json()
        .await
        .unwrap();
    assert!(s["battery_percent"]["value"].is_number(), "{s}");
    assert!(s["electric_range_km"]["value"].is_number());
    assert!(s["fuel_percent"]["value"].is_number());
}

#[tokio::test]
async fn demo_garage_is_created_once_and_fast() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("demo.db");
    let mut config = mijn_lexus_server::Config::for_tests(&db_path);
    config.demo = true;
    // A year of trips, as `--demo` makes by default.
    config.demo_days = 360;
    let started = Instant::now();
    let app = mijn_lexus_server::Application::build(config.clone())
        .await
        .unwrap();
    let first = started.elapsed();
    drop(app);
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", db_path.display()))
        .await
        .unwrap();
    let count = |sql: &'static str| {
        let pool = pool.clone();
        async move {
            let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&pool).await.unwrap();
            n
        }
    };
    let messages = count("SELECT COUNT(*) FROM telemetry_messages").await;
    let trips = count("SELECT COUNT(*) FROM trips").await;
    assert!(trips > 1500, "{trips} trips");
    // The company car's logbook: commutes business, the rest private.
    let business = count("SELECT COUNT(*) FROM trips WHERE purpose = 'business'").await;
    let private = count("SELECT COUNT(*) FROM trips WHERE purpose = 'private'").await;
    assert!(
        business > 100 && private > 50,
        "{business} business, {private} private"
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM vehicle_users WHERE default_trip_purpose = 'business'").await,
        1
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM vehicle_users WHERE role = 'main'").await,
        2
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM chargers WHERE owner_user_id IS NOT NULL").await,
        1
    );
    // The wallet: a main card, Smart paid yearly on the company car (one
    // invoice), the Remote trial on the plug-in.
    assert_eq!(
        count("SELECT COUNT(*) FROM payment_cards WHERE is_main = 1").await,
        1
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM subscriptions WHERE service = 'smart' AND plan = 'yearly' AND status = 'active'").await,
        1
    );
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM subscriptions WHERE service = 'remote' AND status = 'trialing'"
        )
        .await,
        1
    );
    assert_eq!(count("SELECT COUNT(*) FROM invoices").await, 1);
    // Restart: nothing duplicated.
    let app = mijn_lexus_server::Application::build(config).await.unwrap();
    drop(app);
    assert_eq!(count("SELECT COUNT(*) FROM payment_cards").await, 1);
    assert_eq!(count("SELECT COUNT(*) FROM subscriptions").await, 2);
    assert_eq!(
        count("SELECT COUNT(*) FROM telemetry_messages").await,
        messages
    );
    assert_eq!(count("SELECT COUNT(*) FROM trips").await, trips);
    println!(
        "demo garage: {messages} messages, {trips} trips, first start {first:?} (debug build)"
    );
}
