//! C5: HomeCharge chargers, added with serial and PIN.

use super::*;

#[tokio::test]
async fn chargers_with_serial_and_pin() {
    let app = TestApp::spawn().await;
    let client = reqwest::Client::new();
    let resp = client
        .put(format!("{}/api/telematics/chargers/HC22-0012345", app.base))
        .bearer_auth(BACKEND_TOKEN)
        .json(&json!({"model": "Lexus HomeCharge 11 kW", "pin": "482913"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
    let resp = client
        .post(format!("{}/api/telematics/chargers/HC22-0012345/status", app.base))
        .bearer_auth(BACKEND_TOKEN)
        .json(&json!({"recorded_at": app.rfc3339(-60), "state": "charging", "power_kw": 10.8, "session_energy_kwh": 4.2}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
    let b = app.signed_in("els@example.be").await;
    let err = expect_error(
        b.post(
            "/api/chargers",
            &json!({"serial": "HC22-9999999", "pin": "1"}),
        )
        .await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(err.field("serial"), Some(ErrorCode::ChargerUnknown));
    for _ in 0..5 {
        let err = expect_error(
            b.post(
                "/api/chargers",
                &json!({"serial": "hc22-0012345", "pin": "000000"}),
            )
            .await,
            422,
            ErrorCode::ValidationFailed,
        )
        .await;
        assert_eq!(err.field("pin"), Some(ErrorCode::ChargerPinInvalid));
    }
    let right = json!({"serial": "HC22-0012345", "pin": "482913", "nickname": "Oprit"});
    expect_error(
        b.post("/api/chargers", &right).await,
        429,
        ErrorCode::ProofLocked,
    )
    .await;
    app.clock.advance(chrono::Duration::minutes(16));
    let b = app.signed_in("els2@example.be").await; // the first session idled out? keep it simple
    let resp = b.post("/api/chargers", &right).await;
    assert_eq!(resp.status(), 201);
    let c: Value = resp.json().await.unwrap();
    assert_eq!(c["state"], "charging");
    assert_eq!(c["power_kw"], 10.8);
    assert!(c["last_seen_at"].is_string());
    let list: Value = b.get("/api/chargers").await.json().await.unwrap();
    assert_eq!(list["chargers"][0]["nickname"], "Oprit");
    let stranger = app.signed_in("stranger@example.be").await;
    expect_error(
        stranger.get("/api/chargers/HC22-0012345").await,
        404,
        ErrorCode::NotFound,
    )
    .await;
    expect_error(
        stranger.delete("/api/chargers/HC22-0012345").await,
        404,
        ErrorCode::NotFound,
    )
    .await;
    assert_eq!(b.delete("/api/chargers/HC22-0012345").await.status(), 204);
}
