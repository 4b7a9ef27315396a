//! Issue 9, item 12: expired rows are purged by the retention pass; charger
//! PINs are stored salted and slow (old hashes still pair, then upgrade); a
//! charger's previous owner is told when someone else pairs it.

use crate::common::*;
use chrono::Duration;
use mijn_lexus_contract::ErrorCode;
use mijn_lexus_server::retention;
use serde_json::json;
use sha2::{Digest, Sha256};

const SERIAL: &str = "HC22-0012345";
const PIN: &str = "482913";

#[tokio::test]
async fn the_retention_pass_purges_expired_sessions_tokens_outbox_and_counters() {
    let app = TestApp::spawn().await;
    app.vehicle("JTHBAAHB2P1234567", 12_000.0).await;
    let old = app.signed_in("old@example.be").await;
    // A wrong proof leaves a failure counter per user and per VIN.
    old.post(
        "/api/vehicles",
        &json!({"vin": "JTHBAAHB2P1234567", "licence_plate": "1-ABC-234", "odometer_km": 1}),
    )
    .await;
    // An unused reset token that will expire.
    let resp = app
        .browser()
        .await
        .post("/api/password-reset", &json!({"email": "old@example.be"}))
        .await;
    assert_eq!(resp.status(), 202);
    // The reset token and its mail are made after the answer (issue 9, item 8).
    app.state.background.settled().await;
    assert!(app.count("SELECT COUNT(*) FROM sessions").await >= 1);
    assert!(app.count("SELECT COUNT(*) FROM email_tokens").await >= 2);
    assert!(app.count("SELECT COUNT(*) FROM outbox").await >= 2);
    assert_eq!(app.count("SELECT COUNT(*) FROM access_attempts").await, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM vin_proof_failures").await,
        1
    );

    // Nothing is due yet.
    let r = retention::run(&app.state).await.unwrap();
    assert_eq!(r.purged, Default::default());

    app.clock.advance(Duration::days(31));
    // A session made now is alive and stays.
    let fresh = app.signed_in("fresh@example.be").await;
    let r = retention::run(&app.state).await.unwrap();
    assert!(r.purged.sessions >= 1, "{r:?}");
    assert!(r.purged.email_tokens >= 2, "{r:?}");
    assert!(r.purged.outbox >= 2, "{r:?}");
    assert_eq!(r.purged.proof_counters, 2, "{r:?}");
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 1);
    assert_eq!(fresh.get("/api/me").await.status(), 200);
    assert_eq!(old.get("/api/me").await.status(), 401);
    // Only the fresh account's tokens and mails are left.
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM email_tokens t JOIN users u ON u.id = t.user_id
             WHERE u.email <> 'fresh@example.be'"
        )
        .await,
        0
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE to_address <> 'fresh@example.be'")
            .await,
        0
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM access_attempts").await, 0);
}

async fn provision_charger(app: &TestApp) {
    let resp = reqwest::Client::new()
        .put(format!("{}/api/telematics/chargers/{SERIAL}", app.base))
        .bearer_auth(BACKEND_TOKEN)
        .json(&json!({"model": "Lexus HomeCharge 11 kW", "pin": PIN}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
}

async fn pin_hash(app: &TestApp) -> String {
    let (hash,): (String,) = sqlx::query_as("SELECT pin_hash FROM chargers WHERE serial = ?")
        .bind(SERIAL)
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    hash
}

#[tokio::test]
async fn charger_pins_are_stored_with_argon2id_and_old_hashes_upgrade_at_pairing() {
    let app = TestApp::spawn().await;
    provision_charger(&app).await;
    let hash = pin_hash(&app).await;
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains(PIN));

    // A charger stored before: unsalted SHA-256 of "serial:pin".
    let legacy = hex::encode(Sha256::digest(format!("{SERIAL}:{PIN}").as_bytes()));
    sqlx::query("UPDATE chargers SET pin_hash = ? WHERE serial = ?")
        .bind(&legacy)
        .bind(SERIAL)
        .execute(&app.state.db)
        .await
        .unwrap();
    let b = app.signed_in("els@example.be").await;
    let err = expect_error(
        b.post("/api/chargers", &json!({"serial": SERIAL, "pin": "000000"}))
            .await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(err.field("pin"), Some(ErrorCode::ChargerPinInvalid));
    assert_eq!(pin_hash(&app).await, legacy, "a wrong PIN changes nothing");
    let resp = b
        .post("/api/chargers", &json!({"serial": SERIAL, "pin": PIN}))
        .await;
    assert_eq!(resp.status(), 201);
    let upgraded = pin_hash(&app).await;
    assert!(upgraded.starts_with("$argon2id$"), "{upgraded}");
}

#[tokio::test]
async fn the_previous_owner_is_mailed_when_someone_else_pairs_the_charger() {
    let app = TestApp::spawn().await;
    provision_charger(&app).await;
    let first = app.signed_in("first@example.be").await;
    let pair = json!({"serial": SERIAL, "pin": PIN});
    assert_eq!(first.post("/api/chargers", &pair).await.status(), 201);
    assert!(app
        .outbox("first@example.be")
        .await
        .iter()
        .all(|m| !m["subject"].as_str().unwrap().contains("laadpaal")));
    let second = app.signed_in("second@example.be").await;
    assert_eq!(second.post("/api/chargers", &pair).await.status(), 201);
    let mail = app.outbox("first@example.be").await.last().unwrap().clone();
    assert_eq!(mail["subject"], "Uw laadpaal staat niet meer in uw garage");
    assert!(mail["body_text"].as_str().unwrap().contains(SERIAL));
    expect_error(
        first.get(&format!("/api/chargers/{SERIAL}")).await,
        404,
        ErrorCode::NotFound,
    )
    .await;
}
