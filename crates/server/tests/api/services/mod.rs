//! Services, subscriptions, invoices, renewals (F1, F3), one file per topic.

mod activation;
mod cancel;
mod catalogue;
mod garage_end;
mod invoices;
mod renewals;
mod trials;

use std::sync::atomic::{AtomicU32, Ordering};

use reqwest::Response;
use serde_json::{json, Value};

use crate::common::{Browser, TestApp};

pub const VISA: &str = "4242424242424242";
pub const SCA: &str = "4000002500003155";
/// Saved fine, every later charge fails.
pub const FAILS_LATER: &str = "4000000000000341";

/// A fresh idempotency key.
pub fn key() -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    format!("test-key-{:08}-abcdef", N.fetch_add(1, Ordering::SeqCst))
}

/// A signed-in main user of a new vehicle (a full hybrid).
pub async fn owner(app: &TestApp, email: &str, vin: &str) -> Browser {
    app.vehicle(vin, 12_000.0).await;
    let b = app.signed_in(email).await;
    b.add_vehicle(vin).await;
    b
}

pub async fn user_id(b: &Browser) -> i64 {
    let me: Value = b.get("/api/me").await.json().await.unwrap();
    me["id"]
        .as_i64()
        .or(me["user"]["id"].as_i64())
        .expect("user id")
}

/// Saves a card of the sandbox's test table in the user's wallet (through
/// the wallet's own test helper) and makes it the main card.
pub async fn main_card(app: &TestApp, b: &Browser, number: &str) {
    let resp = crate::wallet::add_card_raw(app, b, number, true).await;
    assert!(matches!(resp.status().as_u16(), 200 | 201));
    let card: Value = resp.json().await.unwrap();
    let id = card["id"].as_str().unwrap();
    let resp = b
        .post(&format!("/api/wallet/cards/{id}/main"), &json!({}))
        .await;
    assert_eq!(resp.status(), 200, "{}", resp.text().await.unwrap());
}

pub async fn activate(b: &Browser, vin: &str, service: &str, plan: &str, key: &str) -> Response {
    b.post(
        &format!("/api/vehicles/{vin}/services/{service}"),
        &json!({"plan": plan, "idempotency_key": key}),
    )
    .await
}

/// Activates and expects success; returns the subscription.
pub async fn bought(b: &Browser, vin: &str, service: &str, plan: &str) -> Value {
    let resp = activate(b, vin, service, plan, &key()).await;
    assert_eq!(resp.status(), 200, "{}", resp.text().await.unwrap());
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["outcome"], "activated", "{body}");
    body["subscription"].clone()
}

/// One service's offer in the vehicle's catalogue, as `b` sees it.
pub async fn offer(b: &Browser, vin: &str, service: &str) -> Value {
    let catalogue: Value = b
        .get(&format!("/api/vehicles/{vin}/services"))
        .await
        .json()
        .await
        .unwrap();
    let offers = catalogue["services"].as_array().unwrap();
    offers
        .iter()
        .find(|s| s["service"] == service)
        .unwrap()
        .clone()
}

pub async fn count(app: &TestApp, sql: &str) -> i64 {
    app.count(sql).await
}

/// Runs the renewal pass with the app's clock.
pub async fn renewals(app: &TestApp) -> mijn_lexus_server::services::renewals::RenewalReport {
    mijn_lexus_server::services::renewals::run(&app.state)
        .await
        .unwrap()
}

pub fn days(n: i64) -> chrono::Duration {
    chrono::Duration::days(n)
}

/// A signed-in secondary user of `vin`, invited by its main user.
pub async fn secondary(app: &TestApp, main: &Browser, vin: &str, email: &str) -> Browser {
    let resp = main
        .post(
            &format!("/api/vehicles/{vin}/invitations"),
            &json!({"email": email}),
        )
        .await;
    assert_eq!(resp.status(), 201);
    let token = app.token_from_mail(email, "/invitation").await;
    let sec = app.signed_in(email).await;
    let resp = sec
        .post("/api/invitations/accept", &json!({"token": token}))
        .await;
    assert_eq!(resp.status(), 200);
    sec
}

/// The app with sessions that outlive the clock moves of these tests
/// (renewals months and years later).
pub async fn app() -> TestApp {
    TestApp::spawn_with(|c| {
        c.session_idle_minutes = 3 * 365 * 24 * 60;
        c.session_absolute_hours = 3 * 365 * 24;
    })
    .await
}
