//! Issue 9, items 1 and 2: who may add a vehicle with which proof, and how
//! guessing the odometer is bounded (from the attacker's side: a secondary
//! user, a former user, a stranger with many accounts, VIN probing).

use crate::common::*;
use mijn_lexus_contract::ErrorCode;
use serde_json::{json, Value};

const VIN: &str = "JTHBAAHB2P1234567";
const UNKNOWN_VIN: &str = "JTHBAAHB2P7654321";

fn by_odometer(vin: &str, km: f64) -> Value {
    json!({"vin": vin, "licence_plate": "2-XYZ-987", "odometer_km": km})
}

fn by_code(vin: &str, code: &str) -> Value {
    json!({"vin": vin, "licence_plate": "2-XYZ-987", "activation_code": code})
}

/// Status and body of a refused add.
async fn refusal(b: &Browser, body: &Value) -> (u16, Value) {
    let resp = b.post("/api/vehicles", body).await;
    (resp.status().as_u16(), resp.json().await.unwrap())
}

async fn expect_field(b: &Browser, body: &Value, field: &str, code: ErrorCode) {
    let err = expect_error(
        b.post("/api/vehicles", body).await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(err.field(field), Some(code), "{body}");
}

/// `main` has the vehicle; `sec` accepted an invitation.
async fn owner_and_secondary(app: &TestApp) -> (Browser, Browser) {
    app.vehicle(VIN, 12_000.0).await;
    let main = app.signed_in("main@example.be").await;
    main.add_vehicle(VIN).await;
    let resp = main
        .post(
            &format!("/api/vehicles/{VIN}/invitations"),
            &json!({"email": "sec@example.be"}),
        )
        .await;
    assert_eq!(resp.status(), 201);
    let token = app.token_from_mail("sec@example.be", "/invitation").await;
    let sec = app.signed_in("sec@example.be").await;
    let resp = sec
        .post("/api/invitations/accept", &json!({"token": token}))
        .await;
    assert_eq!(resp.status(), 200);
    (main, sec)
}

async fn role(b: &Browser) -> Option<String> {
    let resp = b.get(&format!("/api/vehicles/{VIN}")).await;
    if resp.status() != 200 {
        return None;
    }
    let v: Value = resp.json().await.unwrap();
    v["role"].as_str().map(str::to_owned)
}

#[tokio::test]
async fn a_secondary_user_cannot_take_the_vehicle_over_with_the_odometer() {
    let app = TestApp::spawn().await;
    let (main, sec) = owner_and_secondary(&app).await;
    // The secondary user reads the exact odometer on the status page ...
    let status: Value = sec
        .get(&format!("/api/vehicles/{VIN}/status"))
        .await
        .json()
        .await
        .unwrap();
    let km = status["odometer_km"]["value"].as_f64().unwrap();
    // ... and is told to use the activation code; nothing changes.
    expect_field(
        &sec,
        &by_odometer(VIN, km),
        "odometer_km",
        ErrorCode::ActivationCodeRequired,
    )
    .await;
    assert_eq!(role(&main).await.as_deref(), Some("main"));
    assert_eq!(role(&sec).await.as_deref(), Some("secondary"));
    assert!(app
        .outbox("main@example.be")
        .await
        .iter()
        .all(|m| !m["subject"].as_str().unwrap().contains("niet meer")));
    // A stranger with the right reading is refused the same way.
    let stranger = app.signed_in("stranger@example.be").await;
    expect_field(
        &stranger,
        &by_odometer(VIN, km + 10.0),
        "odometer_km",
        ErrorCode::ActivationCodeRequired,
    )
    .await;
    assert_eq!(role(&main).await.as_deref(), Some("main"));
}

#[tokio::test]
async fn former_users_need_the_activation_code_even_for_a_vehicle_without_owner() {
    let app = TestApp::spawn().await;
    let (main, sec) = owner_and_secondary(&app).await;
    // An invited address that never accepted counts as well.
    let resp = main
        .post(
            &format!("/api/vehicles/{VIN}/invitations"),
            &json!({"email": "invited@example.be"}),
        )
        .await;
    assert_eq!(resp.status(), 201);
    let invited = app.signed_in("invited@example.be").await;
    // The main user removes the vehicle: nobody has it now.
    assert_eq!(
        main.delete(&format!("/api/vehicles/{VIN}")).await.status(),
        204
    );
    for former in [&main, &sec, &invited] {
        expect_field(
            former,
            &by_odometer(VIN, 12_000.0),
            "odometer_km",
            ErrorCode::ActivationCodeRequired,
        )
        .await;
        assert_eq!(role(former).await, None);
    }
    // A stranger may add it with the odometer (a vehicle nobody has) ...
    let buyer = app.signed_in("buyer@example.be").await;
    assert_eq!(
        buyer
            .post("/api/vehicles", &by_odometer(VIN, 12_030.0))
            .await
            .status(),
        201
    );
    // ... and the former secondary user can take it back only with the code
    // from the car (possession), which mails the buyer.
    assert_eq!(
        sec.post("/api/vehicles", &by_code(VIN, ACTIVATION_CODE))
            .await
            .status(),
        201
    );
    assert_eq!(role(&sec).await.as_deref(), Some("main"));
    assert_eq!(role(&buyer).await, None);
    let mail = app.outbox("buyer@example.be").await;
    assert!(mail.last().unwrap()["subject"]
        .as_str()
        .unwrap()
        .contains("niet meer in uw garage"));
}

#[tokio::test]
async fn an_unknown_vin_is_answered_and_counted_like_a_wrong_proof() {
    let app = TestApp::spawn().await;
    app.vehicle(VIN, 12_000.0).await;
    let b = app.signed_in("probe@example.be").await;
    for (known, unknown) in [
        (
            by_odometer(VIN, 30_000.0),
            by_odometer(UNKNOWN_VIN, 30_000.0),
        ),
        (by_code(VIN, "LX-NOPE"), by_code(UNKNOWN_VIN, "LX-NOPE")),
    ] {
        let (s1, known) = refusal(&b, &known).await;
        let (s2, unknown) = refusal(&b, &unknown).await;
        assert_eq!((s1, &known), (s2, &unknown));
        assert_eq!(s1, 422);
    }
    // Counted: three more and the unknown VIN is locked like a known one.
    for _ in 0..3 {
        refusal(&b, &by_odometer(UNKNOWN_VIN, 1.0)).await;
    }
    expect_error(
        b.post("/api/vehicles", &by_odometer(UNKNOWN_VIN, 1.0))
            .await,
        429,
        ErrorCode::ProofLocked,
    )
    .await;
}

#[tokio::test]
async fn many_accounts_together_get_no_more_guesses_than_the_vehicle_allows() {
    let app = TestApp::spawn().await;
    app.vehicle(VIN, 12_000.0).await;
    let mut accounts = Vec::new();
    for i in 0..6 {
        accounts.push(app.signed_in(&format!("guesser{i}@example.be")).await);
    }
    // 5 accounts x 2 wrong guesses: each stays under its own limit of 5 ...
    for b in &accounts[..5] {
        for km in [20_000.0, 30_000.0] {
            expect_field(
                b,
                &by_odometer(VIN, km),
                "odometer_km",
                ErrorCode::OdometerMismatch,
            )
            .await;
        }
    }
    // ... but the vehicle's limit is reached: even the right reading from a
    // fresh account is refused for a day.
    let fresh = &accounts[5];
    let resp = fresh
        .post("/api/vehicles", &by_odometer(VIN, 12_000.0))
        .await;
    let retry: u64 = resp.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 23 * 3600 && retry <= 24 * 3600, "{retry}");
    expect_error(resp, 429, ErrorCode::ProofLocked).await;
    // The activation code (possession, not guessable) still works.
    assert_eq!(
        fresh
            .post("/api/vehicles", &by_code(VIN, ACTIVATION_CODE))
            .await
            .status(),
        201
    );
}

#[tokio::test]
async fn the_main_user_is_mailed_once_in_their_language_when_the_vehicle_locks() {
    let app = TestApp::spawn().await;
    app.vehicle(VIN, 12_000.0).await;
    let main = app.signed_in("main@example.be").await;
    main.add_vehicle(VIN).await;
    assert_eq!(
        main.put("/api/profile/language", &json!({"language": "fr"}))
            .await
            .status(),
        204
    );
    let before = app.outbox("main@example.be").await.len();
    let a = app.signed_in("a@example.be").await;
    let b = app.signed_in("b@example.be").await;
    for guesser in [&a, &b] {
        for i in 0..5 {
            refusal(guesser, &by_odometer(VIN, 20_000.0 + f64::from(i))).await;
        }
    }
    let mails = app.outbox("main@example.be").await;
    assert_eq!(mails.len(), before + 1, "one mail when the lock trips");
    let mail = mails.last().unwrap();
    assert!(
        mail["subject"]
            .as_str()
            .unwrap()
            .contains("Tentatives échouées"),
        "{mail}"
    );
    assert!(mail["body_text"].as_str().unwrap().contains("1-ABC-234"));
    // More attempts while locked: no more mails.
    let c = app.signed_in("c@example.be").await;
    refusal(&c, &by_code(VIN, "LX-NOPE")).await;
    assert_eq!(app.outbox("main@example.be").await.len(), before + 1);
    assert_eq!(role(&main).await.as_deref(), Some("main"));
}
