//! C3: secondary users have the rights of seed 002 section 5; invitations
//! expire.

use super::*;

#[tokio::test]
async fn secondary_users_have_the_rights_of_section_5() {
    let app = TestApp::spawn().await;
    app.vehicle(VIN, 12_000.0).await;
    let main = app.signed_in("main@example.be").await;
    main.add_vehicle(VIN).await;
    let v = format!("/api/vehicles/{VIN}");
    expect_error(
        main.post(
            &format!("{v}/invitations"),
            &json!({"email": "main@example.be"}),
        )
        .await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(
        main.post(
            &format!("{v}/invitations"),
            &json!({"email": "Sec@Example.be"})
        )
        .await
        .status(),
        201
    );
    expect_error(
        main.post(
            &format!("{v}/invitations"),
            &json!({"email": "sec@example.be"}),
        )
        .await,
        409,
        ErrorCode::AlreadyMember,
    )
    .await;
    let token = app.token_from_mail("sec@example.be", "/invitation").await;

    // Someone else cannot use the link.
    let other = app.signed_in("other@example.be").await;
    expect_error(
        other
            .post("/api/invitations/accept", &json!({"token": token}))
            .await,
        403,
        ErrorCode::InvitationWrongAccount,
    )
    .await;

    let sec = app.signed_in("sec@example.be").await;
    let resp = sec
        .post("/api/invitations/accept", &json!({"token": token}))
        .await;
    assert_eq!(resp.status(), 200);
    let summary: Value = resp.json().await.unwrap();
    assert_eq!(summary["role"], "secondary");
    assert_eq!(summary["permissions"]["can_see_location"], false);
    assert_eq!(summary["licence_plate"], "1-ABC-234");
    // Single use.
    expect_error(
        sec.post("/api/invitations/accept", &json!({"token": token}))
            .await,
        410,
        ErrorCode::TokenUsed,
    )
    .await;

    // May: status, service request.
    let status: Value = sec.get(&format!("{v}/status")).await.json().await.unwrap();
    assert_eq!(status["odometer_km"]["value"], 12_000.0);
    let date = (chrono::DateTime::from_timestamp(app.clock_unix(), 0)
        .unwrap()
        .date_naive()
        + chrono::Days::new(10))
    .to_string();
    let resp = sec
        .post(
            &format!("{v}/service-requests"),
            &json!({"preferred_date": date, "note": "Banden"}),
        )
        .await;
    assert_eq!(resp.status(), 201, "{}", resp.text().await.unwrap());
    // May not: location, trips, users, invite, rename, revoke.
    for path in [
        format!("{v}/location"),
        format!("{v}/trips"),
        format!("{v}/users"),
    ] {
        expect_error(sec.get(&path).await, 403, ErrorCode::PermissionDenied).await;
    }
    expect_error(
        sec.post(
            &format!("{v}/invitations"),
            &json!({"email": "x@example.be"}),
        )
        .await,
        403,
        ErrorCode::PermissionDenied,
    )
    .await;
    expect_error(
        sec.patch(&v, &json!({"nickname": "Mijne"})).await,
        403,
        ErrorCode::PermissionDenied,
    )
    .await;
    let main_id = app
        .count("SELECT id FROM users WHERE email = 'main@example.be'")
        .await;
    expect_error(
        sec.delete(&format!("{v}/users/{main_id}")).await,
        403,
        ErrorCode::PermissionDenied,
    )
    .await;

    // The main user lists and revokes.
    let users: Value = main.get(&format!("{v}/users")).await.json().await.unwrap();
    assert_eq!(users["users"][0]["email"], "sec@example.be");
    let sec_id = users["users"][0]["user_id"].as_i64().unwrap();
    assert_eq!(
        main.delete(&format!("{v}/users/{sec_id}")).await.status(),
        204
    );
    expect_error(
        sec.get(&format!("{v}/status")).await,
        404,
        ErrorCode::NotFound,
    )
    .await;
}

#[tokio::test]
async fn invitations_expire_after_seven_days() {
    let app = TestApp::spawn().await;
    app.vehicle(VIN, 12_000.0).await;
    let main = app.signed_in("main@example.be").await;
    main.add_vehicle(VIN).await;
    main.post(
        &format!("/api/vehicles/{VIN}/invitations"),
        &json!({"email": "late@example.be"}),
    )
    .await;
    let token = app.token_from_mail("late@example.be", "/invitation").await;
    app.clock
        .advance(chrono::Duration::days(7) + chrono::Duration::seconds(1));
    let late = app.signed_in("late@example.be").await;
    expect_error(
        late.post("/api/invitations/accept", &json!({"token": token}))
            .await,
        410,
        ErrorCode::TokenExpired,
    )
    .await;
}
