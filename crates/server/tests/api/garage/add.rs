//! C1: adding a vehicle with proof, takeover by a new owner, proof lockout.

use super::*;

#[tokio::test]
async fn add_list_rename_remove() {
    let app = TestApp::spawn().await;
    app.vehicle(VIN, 12_000.0).await;
    let b = app.signed_in("els@example.be").await;
    // VIN mistakes each have their own code.
    for (vin, code) in [
        ("JTHBAAHB2P123456", ErrorCode::VinWrongLength),
        ("JTHBAAHB2P12345O7", ErrorCode::VinForbiddenLetter),
        ("JTHBAAHB2P-234567", ErrorCode::VinInvalidCharacter),
    ] {
        let resp = b
            .post(
                "/api/vehicles",
                &json!({"vin": vin, "licence_plate": "1-ABC-234", "odometer_km": 12000}),
            )
            .await;
        let err = expect_error(resp, 422, ErrorCode::ValidationFailed).await;
        assert_eq!(err.field("vin"), Some(code), "{vin}");
    }
    // A well-formed VIN we do not know is answered like a wrong proof.
    let resp = b
        .post(
            "/api/vehicles",
            &json!({"vin": "JTHBAAHB2P0000000", "licence_plate": "1-ABC-234", "odometer_km": 12000}),
        )
        .await;
    let err = expect_error(resp, 422, ErrorCode::ValidationFailed).await;
    assert_eq!(err.field("odometer_km"), Some(ErrorCode::OdometerMismatch));
    // Odometer within tolerance proves access.
    let resp = b
        .post(
            "/api/vehicles",
            &json!({"vin": VIN.to_lowercase(), "licence_plate": "1 abc 234", "nickname": "Stadswagen", "odometer_km": 12_040}),
        )
        .await;
    assert_eq!(resp.status(), 201);
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v["vin"], VIN);
    assert_eq!(v["licence_plate"], "1-ABC-234");
    assert_eq!(v["role"], "main");
    assert_eq!(v["powertrain"], "hybrid");
    assert_eq!(v["model_family"], "ux");
    assert_eq!(v["permissions"]["can_manage_users"], true);
    let again = b
        .post(
            "/api/vehicles",
            &json!({"vin": VIN, "licence_plate": "1-ABC-234", "odometer_km": 12_000}),
        )
        .await;
    expect_error(again, 409, ErrorCode::AlreadyInGarage).await;

    let resp = b
        .patch(
            &format!("/api/vehicles/{VIN}"),
            &json!({"nickname": "Blauwe"}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    let list: Value = b.get("/api/vehicles").await.json().await.unwrap();
    assert_eq!(list["vehicles"][0]["nickname"], "Blauwe");
    assert_eq!(list["vehicles"][0]["model"], "UX 250h");

    assert_eq!(
        b.delete(&format!("/api/vehicles/{VIN}")).await.status(),
        204
    );
    let list: Value = b.get("/api/vehicles").await.json().await.unwrap();
    assert_eq!(list["vehicles"].as_array().unwrap().len(), 0);
    expect_error(
        b.get(&format!("/api/vehicles/{VIN}/status")).await,
        404,
        ErrorCode::NotFound,
    )
    .await;
}

#[tokio::test]
async fn a_new_owner_takes_over_and_the_previous_one_is_mailed() {
    let app = TestApp::spawn().await;
    app.vehicle(VIN, 12_000.0).await;
    let first = app.signed_in("first@example.be").await;
    first.add_vehicle(VIN).await;
    // first invites a secondary user who accepts
    let second = app.signed_in("second@example.be").await;
    let resp = first
        .post(
            &format!("/api/vehicles/{VIN}/invitations"),
            &json!({"email": "second@example.be"}),
        )
        .await;
    assert_eq!(resp.status(), 201);
    let token = app
        .token_from_mail("second@example.be", "/invitation")
        .await;
    assert_eq!(
        second
            .post("/api/invitations/accept", &json!({"token": token}))
            .await
            .status(),
        200
    );

    let buyer = app.signed_in("buyer@example.be").await;
    let resp = buyer
        .post(
            "/api/vehicles",
            &json!({"vin": VIN, "licence_plate": "2-XYZ-987", "activation_code": ACTIVATION_CODE}),
        )
        .await;
    assert_eq!(resp.status(), 201);
    for b in [&first, &second] {
        let list: Value = b.get("/api/vehicles").await.json().await.unwrap();
        assert_eq!(list["vehicles"].as_array().unwrap().len(), 0);
        expect_error(
            b.get(&format!("/api/vehicles/{VIN}")).await,
            404,
            ErrorCode::NotFound,
        )
        .await;
    }
    let mails = app.outbox("first@example.be").await;
    let last = mails.last().unwrap();
    assert!(
        last["subject"]
            .as_str()
            .unwrap()
            .contains("niet meer in uw garage"),
        "{last}"
    );
    assert!(last["body_text"].as_str().unwrap().contains("UX 250h"));
    // The buyer does not see the previous owner's trips.
    let trips: Value = buyer
        .get(&format!("/api/vehicles/{VIN}/trips"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(trips["trips"].as_array().unwrap().len(), 0);
    let loc: Value = buyer
        .get(&format!("/api/vehicles/{VIN}/location"))
        .await
        .json()
        .await
        .unwrap();
    assert!(loc["parked"].is_null());
}

#[tokio::test]
async fn five_wrong_proofs_lock_for_fifteen_minutes() {
    let app = TestApp::spawn().await;
    app.vehicle(VIN, 12_000.0).await;
    let b = app.signed_in("els@example.be").await;
    let wrong = json!({"vin": VIN, "licence_plate": "1-ABC-234", "odometer_km": 20_000});
    for _ in 0..5 {
        let err = expect_error(
            b.post("/api/vehicles", &wrong).await,
            422,
            ErrorCode::ValidationFailed,
        )
        .await;
        assert_eq!(err.field("odometer_km"), Some(ErrorCode::OdometerMismatch));
    }
    let right = json!({"vin": VIN, "licence_plate": "1-ABC-234", "odometer_km": 12_000});
    let resp = b.post("/api/vehicles", &right).await;
    let retry: u64 = resp.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 800 && retry <= 900, "{retry}");
    expect_error(resp, 429, ErrorCode::ProofLocked).await;
    // A wrong activation code is refused too while locked.
    let code =
        json!({"vin": VIN, "licence_plate": "1-ABC-234", "activation_code": ACTIVATION_CODE});
    expect_error(
        b.post("/api/vehicles", &code).await,
        429,
        ErrorCode::ProofLocked,
    )
    .await;
    // Another user is not affected.
    let other = app.signed_in("other@example.be").await;
    let err = expect_error(
        other.post("/api/vehicles", &wrong).await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(err.field("odometer_km"), Some(ErrorCode::OdometerMismatch));

    app.clock.advance(chrono::Duration::minutes(14));
    expect_error(
        b.post("/api/vehicles", &right).await,
        429,
        ErrorCode::ProofLocked,
    )
    .await;
    app.clock
        .advance(chrono::Duration::minutes(1) + chrono::Duration::seconds(1));
    // The session idles out after 30 min; 15 is fine.
    assert_eq!(b.post("/api/vehicles", &right).await.status(), 201);
}

#[tokio::test]
async fn wrong_activation_code_counts_as_a_failure() {
    let app = TestApp::spawn().await;
    app.vehicle(VIN, 12_000.0).await;
    let b = app.signed_in("els@example.be").await;
    let resp = b
        .post(
            "/api/vehicles",
            &json!({"vin": VIN, "licence_plate": "1-ABC-234", "activation_code": "LX-NOPE"}),
        )
        .await;
    let err = expect_error(resp, 422, ErrorCode::ValidationFailed).await;
    assert_eq!(
        err.field("activation_code"),
        Some(ErrorCode::ActivationCodeInvalid)
    );
    assert_eq!(app.count("SELECT failures FROM access_attempts").await, 1);
    // Case and spaces do not matter.
    let resp = b
        .post("/api/vehicles", &json!({"vin": VIN, "licence_plate": "1-ABC-234", "activation_code": " lx-test-code-0001 "}))
        .await;
    assert_eq!(resp.status(), 201);
    assert_eq!(app.count("SELECT COUNT(*) FROM access_attempts").await, 0);
}
