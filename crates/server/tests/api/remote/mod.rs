//! Remote functions (F4): who may send, the Remote service, validation, the
//! car's acknowledgements through the ingest API and the simulated car.

mod car;
mod rules;
mod schedules;

use crate::common::*;
use mijn_lexus_contract::ErrorCode;
use serde_json::{json, Value};

const VIN: &str = "JTHBA1D20K5000401";
const PLUG_IN_VIN: &str = "JTHBA1D20K5000402";

fn climate_path(vin: &str) -> String {
    format!("/api/vehicles/{vin}/remote/climate")
}

fn charge_path(vin: &str) -> String {
    format!("/api/vehicles/{vin}/remote/charge-now")
}

fn commands_path(vin: &str) -> String {
    format!("/api/vehicles/{vin}/remote/commands")
}

fn warm() -> Value {
    json!({"temperature_c": 21.5, "front_defrost": true, "rear_defrost": false, "duration_min": 10})
}

/// Provisions a plug-in hybrid (no status yet) through the backend API.
async fn plug_in(app: &TestApp, vin: &str) -> TestVehicle {
    let key = format!("ingest-key-{vin}-0123456789abcdef0123456789");
    let resp = reqwest::Client::new()
        .put(format!("{}/api/telematics/vehicles/{vin}", app.base))
        .bearer_auth(BACKEND_TOKEN)
        .json(&json!({
            "model": "NX 450h+", "model_family": "nx", "model_year": 2024,
            "powertrain": "plug_in_hybrid", "activation_code": ACTIVATION_CODE, "ingest_key": key,
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204, "{}", resp.text().await.unwrap());
    TestVehicle {
        vin: vin.into(),
        key,
    }
}

/// A subscription of the vehicle's Remote service held by `email`, in
/// `status`, its period (and `cancel_at` when cancelled) ending
/// `ends_in_secs` from now.
async fn remote_service(app: &TestApp, email: &str, vin: &str, status: &str, ends_in_secs: i64) {
    let now = app.clock_unix();
    let end = now + ends_in_secs;
    sqlx::query(
        "INSERT INTO subscriptions (public_id, user_id, vehicle_id, service, plan, status,
                                    started_at, current_period_start, current_period_end,
                                    cancel_at, ended_at, created_at)
         VALUES (?, (SELECT id FROM users WHERE email = ?), (SELECT id FROM vehicles WHERE vin = ?),
                 'remote', 'monthly', ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(format!("sub-{email}-{status}-{vin}"))
    .bind(email)
    .bind(vin)
    .bind(status)
    .bind(now - 86_400)
    .bind(now - 86_400)
    .bind(end)
    .bind((status == "cancelled").then_some(end))
    .bind((status == "ended").then_some(now))
    .bind(now - 86_400)
    .execute(&app.db)
    .await
    .unwrap();
}

/// The main user of a full hybrid with the Remote service active.
async fn main_user(app: &TestApp, email: &str) -> (Browser, TestVehicle) {
    let v = app.vehicle(VIN, 12_000.0).await;
    let b = app.signed_in(email).await;
    b.add_vehicle(VIN).await;
    remote_service(app, email, VIN, "active", 30 * 86_400).await;
    (b, v)
}

async fn send_climate(b: &Browser, vin: &str, body: &Value) -> Value {
    let resp = b.post(&climate_path(vin), body).await;
    assert_eq!(resp.status(), 201, "{}", resp.text().await.unwrap());
    resp.json().await.unwrap()
}

async fn commands(b: &Browser, vin: &str) -> Value {
    let resp = b.get(&commands_path(vin)).await;
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

async fn pending(app: &TestApp, vin: &str, key: &str) -> Value {
    let resp = reqwest::Client::new()
        .get(format!("{}/api/ingest/vehicles/{vin}/commands", app.base))
        .bearer_auth(key)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

async fn ack(app: &TestApp, vin: &str, key: &str, id: i64, body: &Value) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!(
            "{}/api/ingest/vehicles/{vin}/remote-commands/{id}/ack",
            app.base
        ))
        .bearer_auth(key)
        .json(body)
        .send()
        .await
        .unwrap()
}
