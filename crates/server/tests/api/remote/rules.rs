//! F4 rules: the Remote service, rights, validation, plug-ins, limits, CSRF.

use super::*;

#[tokio::test]
async fn f4_remote_needs_the_running_remote_service() {
    let app = TestApp::spawn().await;
    app.vehicle(VIN, 12_000.0).await;
    let b = app.signed_in("els@example.be").await;
    b.add_vehicle(VIN).await;
    // No subscription at all, and one of another service.
    expect_error(
        b.post(&climate_path(VIN), &warm()).await,
        409,
        ErrorCode::RemoteServiceRequired,
    )
    .await;
    sqlx::query("INSERT INTO subscriptions (public_id, user_id, vehicle_id, service, plan, status, started_at, current_period_start, current_period_end, created_at) SELECT 'smart-1', u.id, v.id, 'smart', 'monthly', 'active', 0, 0, 9999999999, 0 FROM users u, vehicles v WHERE u.email = 'els@example.be' AND v.vin = ?")
        .bind(VIN)
        .execute(&app.db)
        .await
        .unwrap();
    expect_error(
        b.post(&climate_path(VIN), &warm()).await,
        409,
        ErrorCode::RemoteServiceRequired,
    )
    .await;
    // Ended: still refused.
    remote_service(&app, "els@example.be", VIN, "ended", -60).await;
    expect_error(
        b.post(&climate_path(VIN), &warm()).await,
        409,
        ErrorCode::RemoteServiceRequired,
    )
    .await;
    // Cancelled but running until the end of its period: works until then.
    remote_service(&app, "els@example.be", VIN, "cancelled", 600).await;
    assert_eq!(send_climate(&b, VIN, &warm()).await["status"], "queued");
    app.clock.advance(chrono::Duration::seconds(601));
    expect_error(
        b.post(&climate_path(VIN), &warm()).await,
        409,
        ErrorCode::RemoteServiceRequired,
    )
    .await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM remote_commands").await,
        1,
        "a refusal stores nothing"
    );
}

#[tokio::test]
async fn f4_trialing_and_past_due_count_as_running() {
    let app = TestApp::spawn().await;
    app.vehicle(VIN, 12_000.0).await;
    let b = app.signed_in("els@example.be").await;
    b.add_vehicle(VIN).await;
    remote_service(&app, "els@example.be", VIN, "trialing", 86_400).await;
    send_climate(&b, VIN, &warm()).await;
    sqlx::query("UPDATE subscriptions SET status = 'past_due'")
        .execute(&app.db)
        .await
        .unwrap();
    send_climate(&b, VIN, &warm()).await;
}

#[tokio::test]
async fn f4_climate_requests_are_validated() {
    let app = TestApp::spawn().await;
    let (b, _) = main_user(&app, "els@example.be").await;
    for (body, field, code) in [
        (
            json!({"temperature_c": 28.5, "duration_min": 10}),
            "temperature_c",
            ErrorCode::OutOfRange,
        ),
        (
            json!({"temperature_c": 15.5, "duration_min": 10}),
            "temperature_c",
            ErrorCode::OutOfRange,
        ),
        (
            json!({"temperature_c": 21.3, "duration_min": 10}),
            "temperature_c",
            ErrorCode::OutOfRange,
        ),
        (
            json!({"temperature_c": 21.0, "duration_min": 15}),
            "duration_min",
            ErrorCode::InvalidValue,
        ),
    ] {
        let err = expect_error(
            b.post(&climate_path(VIN), &body).await,
            422,
            ErrorCode::ValidationFailed,
        )
        .await;
        assert_eq!(err.field(field), Some(code), "{body} {err:?}");
    }
    // A missing or unknown field is a malformed body, as everywhere in the API.
    for body in [
        json!({"temperature_c": 21.0}),
        json!({"temperature_c": 21.0, "duration_min": 10, "seat_heating": true}),
    ] {
        expect_error(
            b.post(&climate_path(VIN), &body).await,
            400,
            ErrorCode::MalformedRequest,
        )
        .await;
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM remote_commands").await, 0);
    let c = send_climate(&b, VIN, &json!({"temperature_c": 16.0, "duration_min": 30})).await;
    assert_eq!(c["action"]["kind"], "climate");
    assert_eq!(c["action"]["front_defrost"], false);
    assert_eq!(c["action"]["duration_min"], 30);
}

#[tokio::test]
async fn f4_charge_now_only_for_plug_ins() {
    let app = TestApp::spawn().await;
    let (b, _) = main_user(&app, "els@example.be").await;
    expect_error(
        b.post(&charge_path(VIN), &json!({})).await,
        409,
        ErrorCode::RemoteChargingUnavailable,
    )
    .await;
    plug_in(&app, PLUG_IN_VIN).await;
    b.add_vehicle(PLUG_IN_VIN).await;
    expect_error(
        b.post(&charge_path(PLUG_IN_VIN), &json!({})).await,
        409,
        ErrorCode::RemoteServiceRequired,
    )
    .await;
    remote_service(&app, "els@example.be", PLUG_IN_VIN, "active", 86_400).await;
    let resp = b.post(&charge_path(PLUG_IN_VIN), &json!({})).await;
    assert_eq!(resp.status(), 201);
    let c: Value = resp.json().await.unwrap();
    assert_eq!(c["action"], json!({"kind": "charge_now"}));
    assert_eq!(c["status"], "queued");
}

#[tokio::test]
async fn f4_strangers_secondary_users_and_former_owners_cannot() {
    let app = TestApp::spawn().await;
    let (main, _) = main_user(&app, "els@example.be").await;
    let sent = send_climate(&main, VIN, &warm()).await;
    let one = format!("{}/{}", commands_path(VIN), sent["id"]);
    assert_eq!(main.get(&one).await.status(), 200);

    // A stranger: the vehicle does not exist for them.
    let stranger = app.signed_in("vreemde@example.be").await;
    expect_error(
        stranger.post(&climate_path(VIN), &warm()).await,
        404,
        ErrorCode::NotFound,
    )
    .await;
    expect_error(
        stranger.get(&commands_path(VIN)).await,
        404,
        ErrorCode::NotFound,
    )
    .await;
    expect_error(stranger.get(&one).await, 404, ErrorCode::NotFound).await;
    // Anonymous.
    assert_eq!(
        app.browser().await.get(&commands_path(VIN)).await.status(),
        401
    );

    // A secondary user: no remote rights (seed 002 §5).
    main.post(
        &format!("/api/vehicles/{VIN}/invitations"),
        &json!({"email": "sec@example.be"}),
    )
    .await;
    let token = app.token_from_mail("sec@example.be", "/invitation").await;
    let sec = app.signed_in("sec@example.be").await;
    let resp = sec
        .post("/api/invitations/accept", &json!({"token": token}))
        .await;
    assert_eq!(resp.status(), 200);
    expect_error(
        sec.post(&climate_path(VIN), &warm()).await,
        403,
        ErrorCode::PermissionDenied,
    )
    .await;
    expect_error(
        sec.post(&charge_path(VIN), &json!({})).await,
        403,
        ErrorCode::PermissionDenied,
    )
    .await;
    expect_error(
        sec.get(&commands_path(VIN)).await,
        403,
        ErrorCode::PermissionDenied,
    )
    .await;
    expect_error(sec.get(&one).await, 403, ErrorCode::PermissionDenied).await;

    // A buyer takes the vehicle over: the former owner has it no more, and
    // the buyer sees none of the former owner's commands.
    let buyer = app.signed_in("koper@example.be").await;
    let resp = buyer
        .post(
            "/api/vehicles",
            &json!({"vin": VIN, "licence_plate": "2-XYZ-987", "activation_code": ACTIVATION_CODE}),
        )
        .await;
    assert_eq!(resp.status(), 201);
    expect_error(
        main.post(&climate_path(VIN), &warm()).await,
        404,
        ErrorCode::NotFound,
    )
    .await;
    expect_error(main.get(&one).await, 404, ErrorCode::NotFound).await;
    // The takeover ended the former owner's Remote service.
    expect_error(
        buyer.post(&climate_path(VIN), &warm()).await,
        409,
        ErrorCode::RemoteServiceRequired,
    )
    .await;
    remote_service(&app, "koper@example.be", VIN, "active", 86_400).await;
    assert!(commands(&buyer, VIN).await["commands"]
        .as_array()
        .unwrap()
        .is_empty());
    expect_error(buyer.get(&one).await, 404, ErrorCode::NotFound).await;
}

#[tokio::test]
async fn f4_mutations_need_the_csrf_token() {
    let app = TestApp::spawn().await;
    let (b, _) = main_user(&app, "els@example.be").await;
    for path in [climate_path(VIN), charge_path(VIN)] {
        let resp = b
            .client
            .post(b.url(&path))
            .json(&warm())
            .send()
            .await
            .unwrap();
        expect_error(resp, 403, ErrorCode::CsrfFailed).await;
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM remote_commands").await, 0);
}

#[tokio::test]
async fn f4_a_handful_of_commands_per_vehicle_per_minute() {
    let app = TestApp::spawn().await;
    let (b, _) = main_user(&app, "els@example.be").await;
    for _ in 0..mijn_lexus_contract::remote::COMMANDS_PER_MINUTE {
        send_climate(&b, VIN, &warm()).await;
    }
    expect_error(
        b.post(&climate_path(VIN), &warm()).await,
        429,
        ErrorCode::RateLimited,
    )
    .await;
    app.clock.advance(chrono::Duration::seconds(61));
    send_climate(&b, VIN, &warm()).await;
}
