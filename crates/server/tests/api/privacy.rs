//! Privacy rights (B5): export, erasure, accepted documents.

use crate::common::*;
use mijn_lexus_contract::ErrorCode;
use serde_json::{json, Value};

/// Tables without data about a user, and why. A new table must be exported
/// or listed here (with its reason), or this test fails.
const NOT_USER_DATA: &[(&str, &str)] = &[
    ("_sqlx_migrations", "schema bookkeeping"),
    ("legal_documents", "published texts, the same for everyone"),
    ("dealers", "the public dealer directory"),
    (
        "account_deletions",
        "anonymous: time, reason, had a vehicle; no identifier",
    ),
    (
        "vin_proof_failures",
        "wrong proofs per VIN from all accounts together; no account",
    ),
    // ---- charge points (D4) ----
    ("charge_locations", "public charge points (OCPI), no person"),
    ("charge_evses", "public charge points (OCPI), no person"),
    (
        "charge_connectors",
        "public charge points (OCPI), no person",
    ),
    // ---- wallet, payments (F2) ----
    // The sandbox payment provider's own storage (in production another
    // company's): no account of ours; the wallet's `payment_cards` is exported.
    (
        "sandbox_cards",
        "the payment provider's storage, no account",
    ),
    (
        "sandbox_tokens",
        "the payment provider's storage, no account",
    ),
    (
        "sandbox_charges",
        "the payment provider's storage, no account",
    ),
    (
        "sandbox_refunds",
        "the payment provider's storage, no account",
    ),
    // ---- services, invoices (F1, F3) ----
    ("invoice_sequences", "the last invoice number per year"),
    (
        "service_trials",
        "which free trials a vehicle used, whoever owned it; no account",
    ),
];

async fn user_with_everything(app: &TestApp, email: &str) -> Browser {
    let b = app.signed_in(email).await;
    let vin = "JTHBA1D20K5000001";
    app.vehicle(vin, 12_000.0).await;
    b.add_vehicle(vin).await;
    // A trip after the user got the vehicle (earlier ones are not theirs).
    app.clock.advance(chrono::Duration::minutes(20));
    let resp = app
        .ingest(
            vin,
            Some(&format!("ingest-key-{vin}-0123456789abcdef0123456789")),
            &json!({"messages": [{
                "message_id": "own-trip",
                "recorded_at": app.rfc3339(-60),
                "parked": {"position": {"lat": 51.0196, "lon": 4.4856, "label": "Thuis"}},
                "trip": {"started_at": app.rfc3339(-900), "ended_at": app.rfc3339(-60),
                         "start": {"lat": 51.2313, "lon": 4.4044, "label": "Antwerpen"},
                         "end": {"lat": 51.0196, "lon": 4.4856, "label": "Mechelen"},
                         "distance_km": 28.4, "fuel_used_l": 1.4, "ev_distance_km": 9.1, "ev_time_s": 300,
                         "eco_distance_km": 20.0, "power_distance_km": 2.0,
                         "events": [],
                         "route": [{"at": app.rfc3339(-900), "lat": 51.2313, "lon": 4.4044},
                                   {"at": app.rfc3339(-60), "lat": 51.0196, "lon": 4.4856}]}
            }]}),
        )
        .await;
    assert_eq!(resp.status(), 200, "{}", resp.text().await.unwrap());
    b.post(
        &format!("/api/vehicles/{vin}/invitations"),
        &json!({"email": "friend@example.be"}),
    )
    .await;
    let date = app.rfc3339(5 * 86400)[..10].to_string();
    b.post(
        &format!("/api/vehicles/{vin}/service-requests"),
        &json!({"preferred_date": date, "note": "Grote beurt"}),
    )
    .await;
    // ---- share to car (D3) ----
    let resp = b
        .post(
            &format!("/api/vehicles/{vin}/destinations"),
            &json!({"destination": {"label": "Grote Markt", "lat": 51.0286, "lon": 4.4803}}),
        )
        .await;
    assert_eq!(resp.status(), 201);
    b.put(
        "/api/profile/emergency-contact",
        &json!({"name": "Els Peeters", "relation": "partner", "phone": "0470 99 88 77"}),
    )
    .await;
    b.put(
        "/api/profile/consents/newsletter",
        &json!({"granted": true}),
    )
    .await;
    b
}

#[tokio::test]
async fn export_contains_every_table_that_holds_user_data() {
    let app = TestApp::spawn().await;
    let b = user_with_everything(&app, "export@example.be").await;
    let resp = b.get("/api/profile/export").await;
    assert_eq!(resp.status(), 200);
    let disposition = resp.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\"mijn-lexus-export-"),
        "{disposition}"
    );
    let doc: Value = resp.json().await.unwrap();
    assert_eq!(doc["format"], "mijn-lexus-export");
    assert_eq!(doc["version"], 1);
    let tables = doc["tables"].as_object().unwrap();

    let all: Vec<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    for (table,) in &all {
        assert!(
            tables.contains_key(table) || NOT_USER_DATA.iter().any(|(t, _)| t == table),
            "table `{table}` is neither exported nor listed as holding no user data"
        );
    }

    assert_eq!(tables["users"][0]["email"], "export@example.be");
    assert!(tables["users"][0].get("password_hash").is_none());
    assert!(tables["sessions"][0].get("id_hash").is_none());
    assert_eq!(tables["vehicles"][0]["vin"], "JTHBA1D20K5000001");
    assert_eq!(tables["vehicle_users"][0]["role"], "main");
    assert_eq!(tables["trips"].as_array().unwrap().len(), 1);
    assert!(tables["trip_routes"][0]["points"].is_array());
    assert_eq!(tables["service_requests"][0]["note"], "Grote beurt");
    assert_eq!(tables["shared_destinations"][0]["label"], "Grote Markt");
    assert_eq!(
        tables["vehicle_invitations"][0]["email"],
        "friend@example.be"
    );
    assert_eq!(tables["emergency_contacts"][0]["relation"], "partner");
    assert_eq!(tables["consents"].as_array().unwrap().len(), 2);
    assert_eq!(tables["legal_acceptances"].as_array().unwrap().len(), 2);
    assert!(tables["consents"][0]["recorded_at"]
        .as_str()
        .unwrap()
        .ends_with('Z'));
    // Nothing of another user.
    let other = app.signed_in("other@example.be").await;
    let doc: Value = other.get("/api/profile/export").await.json().await.unwrap();
    assert!(doc["tables"]["vehicles"].as_array().unwrap().is_empty());
    assert!(doc["tables"]["trips"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn deleting_the_account_removes_the_data_and_the_address_can_register_again() {
    let app = TestApp::spawn().await;
    let b = user_with_everything(&app, "gone@example.be").await;
    let mut second = app.browser().await;
    assert_eq!(second.sign_in("gone@example.be", PASSWORD).await.0, 200);
    let (user_id,): (i64,) = sqlx::query_as("SELECT id FROM users WHERE email = 'gone@example.be'")
        .fetch_one(&app.db)
        .await
        .unwrap();

    let resp = b
        .post(
            "/api/account/delete",
            &json!({"password": "niet-het-wachtwoord"}),
        )
        .await;
    let err = expect_error(resp, 422, ErrorCode::ValidationFailed).await;
    assert_eq!(err.field("password"), Some(ErrorCode::PasswordWrong));

    let resp = b
        .post("/api/account/delete", &json!({"password": PASSWORD}))
        .await;
    assert_eq!(resp.status(), 204);
    assert_eq!(b.get("/api/me").await.status(), 401);
    assert_eq!(
        second.get("/api/me").await.status(),
        401,
        "every session ended"
    );

    for table in [
        "users WHERE id = ?1",
        "sessions WHERE user_id = ?1",
        "consents WHERE user_id = ?1",
        "legal_acceptances WHERE user_id = ?1",
        "email_tokens WHERE user_id = ?1",
        "emergency_contacts WHERE user_id = ?1",
        "vehicle_users WHERE user_id = ?1",
        "service_requests WHERE user_id = ?1",
        "vehicle_invitations WHERE invited_by = ?1",
        "chargers WHERE owner_user_id = ?1",
        "shared_destinations WHERE user_id = ?1",
    ] {
        let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
            .bind(user_id)
            .fetch_one(&app.db)
            .await
            .unwrap();
        assert_eq!(n, 0, "{table}");
    }
    // Their driving is gone (the previous owner's trip stays); the vehicle
    // itself stays for a next owner.
    assert_eq!(app.count("SELECT COUNT(*) FROM trips").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM trips WHERE started_at >= (SELECT MAX(started_at) FROM trips) AND end_label = 'Mechelen' AND ev_time_s = 300").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM vehicle_state").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM vehicles").await, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM account_deletions WHERE reason = 'user_request' AND had_vehicle = 1").await,
        1
    );
    let mails = app.outbox("gone@example.be").await;
    assert_eq!(mails.len(), 1, "only the goodbye mail is left");

    // The address is free again.
    let again = app.signed_in("gone@example.be").await;
    assert_eq!(again.get("/api/me").await.status(), 200);
}

#[tokio::test]
async fn accepted_documents_are_listed_and_readable() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("docs@example.be").await;
    let list: Value = b.get("/api/profile/legal").await.json().await.unwrap();
    let docs = list["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    for d in docs {
        assert_eq!(d["version"], 1);
        assert_eq!(d["language"], "nl");
        assert_eq!(d["user_agent"], USER_AGENT);
        let path = format!(
            "/api/legal/{}/{}?lang={}",
            d["kind"].as_str().unwrap(),
            d["version"],
            d["language"].as_str().unwrap()
        );
        assert_eq!(b.get(&path).await.status(), 200);
    }
}
