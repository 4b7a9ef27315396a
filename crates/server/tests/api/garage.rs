//! The garage: add with proof, takeover, lockout, privacy between users,
//! secondary users, status and service requests, chargers.

use crate::common::*;
use mijn_lexus_contract::ErrorCode;
use serde_json::{json, Value};

const VIN: &str = "JTHBAAHB2P1234567";

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

#[tokio::test]
async fn strangers_get_404_on_every_vehicle_endpoint() {
    let app = TestApp::spawn().await;
    app.vehicle(VIN, 12_000.0).await;
    let owner = app.signed_in("owner@example.be").await;
    owner.add_vehicle(VIN).await;
    app.clock.advance(chrono::Duration::minutes(2));
    let key = format!("ingest-key-{VIN}-0123456789abcdef0123456789");
    let trip = json!({"messages": [{"message_id": "t2", "recorded_at": app.rfc3339(-1),
        "trip": {"started_at": app.rfc3339(-60), "ended_at": app.rfc3339(-1),
                 "start": {"lat": 51.0, "lon": 4.48}, "end": {"lat": 51.01, "lon": 4.49},
                 "distance_km": 1.0, "fuel_used_l": 0.0, "ev_distance_km": 1.0, "ev_time_s": 59,
                 "eco_distance_km": 1.0, "power_distance_km": 0.0}}]});
    assert_eq!(app.ingest(VIN, Some(&key), &trip).await.status(), 200);
    let trips: Value = owner
        .get(&format!("/api/vehicles/{VIN}/trips"))
        .await
        .json()
        .await
        .unwrap();
    let trip_id = trips["trips"][0]["id"].as_i64().unwrap();
    let invite: Value = owner
        .post(
            &format!("/api/vehicles/{VIN}/invitations"),
            &json!({"email": "x@example.be"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let invitation_id = invite["id"].as_i64().unwrap();
    let owner_id = app
        .count("SELECT id FROM users WHERE email = 'owner@example.be'")
        .await;

    let stranger = app.signed_in("stranger@example.be").await;
    let v = format!("/api/vehicles/{VIN}");
    let gets = [
        v.clone(),
        format!("{v}/status"),
        format!("{v}/location"),
        format!("{v}/trips"),
        format!("{v}/trips/{trip_id}"),
        format!("{v}/service-requests"),
        format!("{v}/users"),
        format!("{v}/trips/totals?from=2026-01-01&to=2026-12-31"),
        format!("{v}/trips/logbook.csv?from=2026-01-01&to=2026-12-31"),
        format!("{v}/trips/retention"),
        format!("{v}/trip-settings"),
        format!("{v}/coaching"),
    ];
    for path in &gets {
        expect_error(stranger.get(path).await, 404, ErrorCode::NotFound).await;
    }
    expect_error(
        stranger.patch(&v, &json!({"nickname": "mine"})).await,
        404,
        ErrorCode::NotFound,
    )
    .await;
    expect_error(stranger.delete(&v).await, 404, ErrorCode::NotFound).await;
    expect_error(
        stranger
            .post(
                &format!("{v}/service-requests"),
                &json!({"preferred_date": "2099-01-01"}),
            )
            .await,
        404,
        ErrorCode::NotFound,
    )
    .await;
    expect_error(
        stranger
            .post(
                &format!("{v}/invitations"),
                &json!({"email": "stranger@example.be"}),
            )
            .await,
        404,
        ErrorCode::NotFound,
    )
    .await;
    expect_error(
        stranger
            .delete(&format!("{v}/invitations/{invitation_id}"))
            .await,
        404,
        ErrorCode::NotFound,
    )
    .await;
    expect_error(
        stranger.delete(&format!("{v}/users/{owner_id}")).await,
        404,
        ErrorCode::NotFound,
    )
    .await;
    // Anonymous: 401.
    let anon = app.browser().await;
    expect_error(
        anon.get(&format!("{v}/status")).await,
        401,
        ErrorCode::Unauthenticated,
    )
    .await;
    // Nothing changed for the owner.
    let list: Value = owner.get("/api/vehicles").await.json().await.unwrap();
    assert_eq!(list["vehicles"][0]["nickname"], "Test");
    // A trip of another vehicle is 404 through this vehicle too.
    expect_error(
        owner.get(&format!("{v}/trips/999999")).await,
        404,
        ErrorCode::NotFound,
    )
    .await;
}

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

#[tokio::test]
async fn status_trips_location_and_service_request() {
    let app = TestApp::spawn().await;
    app.vehicle(VIN, 12_000.0).await;
    let b = app.signed_in("els@example.be").await;
    b.add_vehicle(VIN).await;
    let v = format!("/api/vehicles/{VIN}");
    // Data sent before the user added the car belongs to the vehicle's
    // history before them; a new trip after is shown.
    let v_key = format!("ingest-key-{VIN}-0123456789abcdef0123456789");
    app.clock.advance(chrono::Duration::minutes(10));
    let body = json!({"messages": [{
        "message_id": "later", "recorded_at": app.rfc3339(-10),
        "status": {"odometer_km": 12_030.0, "fuel_percent": 55.0, "warning_lights": ["tyre_pressure_low", "oil_pressure_low"],
                   "privacy_mode": false},
        "parked": {"position": {"lat": 51.2, "lon": 4.4, "label": "Antwerpen"}, "destination": {"lat": 51.201, "lon": 4.401}},
        "trip": {"started_at": app.rfc3339(-500), "ended_at": app.rfc3339(-10),
                 "start": {"lat": 51.0, "lon": 4.48}, "end": {"lat": 51.2, "lon": 4.4},
                 "distance_km": 30.0, "fuel_used_l": 1.5, "ev_distance_km": 12.0, "ev_time_s": 300,
                 "eco_distance_km": 20.0, "power_distance_km": 3.0, "hybrid_score": 80,
                 "events": [{"at": app.rfc3339(-300), "kind": "harsh_acceleration", "lat": 51.1, "lon": 4.45}],
                 "route": [{"at": app.rfc3339(-500), "lat": 51.0, "lon": 4.48}, {"at": app.rfc3339(-10), "lat": 51.2, "lon": 4.4}]}
    }]});
    assert_eq!(app.ingest(VIN, Some(&v_key), &body).await.status(), 200);

    let s: Value = b.get(&format!("{v}/status")).await.json().await.unwrap();
    assert_eq!(s["odometer_km"]["value"], 12_030.0);
    assert!(s["odometer_km"]["measured_at"].is_string());
    assert_eq!(s["fuel_percent"]["value"], 55.0);
    assert!(
        s["battery_percent"].is_null(),
        "a full hybrid has no battery level"
    );
    assert_eq!(
        s["warning_lights"][0]["code"], "oil_pressure_low",
        "most severe first"
    );
    assert_eq!(s["warning_lights"][0]["severity"], "critical");
    assert!(s["warning_lights"][1]["action"].as_str().unwrap().len() > 10);
    assert_eq!(s["service_due"]["due_at_km"], 30_000);
    assert_eq!(s["service_due"]["km_left"], 30_000 - 12_030);
    assert_eq!(s["service_due"]["due_date"], "2026-12-01");
    assert_eq!(s["privacy_mode"]["value"], false);

    let trips: Value = b.get(&format!("{v}/trips")).await.json().await.unwrap();
    let list = trips["trips"].as_array().unwrap();
    assert_eq!(
        list.len(),
        1,
        "only trips since the user added the car: {trips}"
    );
    assert_eq!(list[0]["distance_km"], 30.0);
    assert_eq!(list[0]["average_consumption_l_100km"], 5.0);
    assert_eq!(trips["positions_hidden"], false);
    assert_eq!(list[0]["start"]["lat"], 51.0);
    assert_eq!(list[0]["end"]["lon"], 4.4);
    let detail: Value = b
        .get(&format!("{v}/trips/{}", list[0]["id"]))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(detail["positions_hidden"], false);
    assert_eq!(detail["route"].as_array().unwrap().len(), 2);
    assert_eq!(detail["events"][0]["kind"], "harsh_acceleration");
    assert_eq!(detail["events"][0]["lat"], 51.1);
    let page: Value = b
        .get(&format!("{v}/trips?limit=1"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["trips"].as_array().unwrap().len(), 1);
    assert!(page["next_before"].is_null(), "no older page");

    let loc: Value = b.get(&format!("{v}/location")).await.json().await.unwrap();
    assert_eq!(loc["parked"]["label"], "Antwerpen");
    assert_eq!(loc["destination"]["lat"], 51.201);
    // Privacy mode hides the position.
    let privacy = json!({"messages": [{"message_id": "privacy", "recorded_at": app.rfc3339(-5),
                                       "status": {"privacy_mode": true}}]});
    assert_eq!(app.ingest(VIN, Some(&v_key), &privacy).await.status(), 200);
    let loc: Value = b.get(&format!("{v}/location")).await.json().await.unwrap();
    assert_eq!(loc["privacy_mode"], true);
    assert!(loc["parked"].is_null());

    // Service request: validated, recorded, mailed.
    let err = expect_error(
        b.post(
            &format!("{v}/service-requests"),
            &json!({"preferred_date": "2020-01-01"}),
        )
        .await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(err.field("preferred_date"), Some(ErrorCode::DateInPast));
    let tomorrow = (chrono::DateTime::from_timestamp(app.clock_unix(), 0)
        .unwrap()
        .date_naive()
        + chrono::Days::new(3))
    .to_string();
    let resp = b
        .post(
            &format!("{v}/service-requests"),
            &json!({"preferred_date": tomorrow, "note": "Bandenspanning"}),
        )
        .await;
    assert_eq!(resp.status(), 201);
    let created: Value = resp.json().await.unwrap();
    assert!(created["dealer_id"].is_null());
    let list: Value = b
        .get(&format!("{v}/service-requests"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["requests"][0]["note"], "Bandenspanning");
    let mails = app.outbox("els@example.be").await;
    assert!(mails.last().unwrap()["subject"]
        .as_str()
        .unwrap()
        .contains("onderhoudsafspraak"));
}

/// Every object key anywhere in `v`.
fn keys(v: &Value) -> Vec<String> {
    match v {
        Value::Object(m) => m
            .iter()
            .flat_map(|(k, v)| std::iter::once(k.clone()).chain(keys(v)))
            .collect(),
        Value::Array(a) => a.iter().flat_map(keys).collect(),
        _ => Vec::new(),
    }
}

#[tokio::test]
async fn privacy_mode_hides_trip_positions() {
    let app = TestApp::spawn().await;
    let car = app.vehicle(VIN, 12_000.0).await;
    let b = app.signed_in("els@example.be").await;
    b.add_vehicle(VIN).await;
    let v = format!("/api/vehicles/{VIN}");
    app.clock.advance(chrono::Duration::minutes(10));
    let trip = json!({"messages": [{
        "message_id": "trip", "recorded_at": app.rfc3339(-10),
        "trip": {"started_at": app.rfc3339(-500), "ended_at": app.rfc3339(-10),
                 "start": {"lat": 51.0123, "lon": 4.4812, "label": "Mechelen"},
                 "end": {"lat": 51.2345, "lon": 4.4067, "label": "Antwerpen"},
                 "distance_km": 30.0, "fuel_used_l": 1.5, "ev_distance_km": 12.0, "ev_time_s": 300,
                 "eco_distance_km": 20.0, "power_distance_km": 3.0, "hybrid_score": 80,
                 "score_braking": 70,
                 "events": [{"at": app.rfc3339(-300), "kind": "harsh_braking", "lat": 51.1111, "lon": 4.4444}],
                 "route": [{"at": app.rfc3339(-500), "lat": 51.0123, "lon": 4.4812, "speed_kmh": 0.0},
                           {"at": app.rfc3339(-10), "lat": 51.2345, "lon": 4.4067}]}
    }]});
    assert_eq!(app.ingest(VIN, Some(&car.key), &trip).await.status(), 200);
    let get = |path: String| {
        let b = &b;
        async move {
            let resp = b.get(&path).await;
            assert_eq!(resp.status(), 200);
            resp.json::<Value>().await.unwrap()
        }
    };
    let list = get(format!("{v}/trips")).await;
    let id = list["trips"][0]["id"].as_i64().unwrap();
    let detail_path = format!("{v}/trips/{id}");
    let privacy = |on: bool, at: i64| {
        json!({"messages": [{"message_id": format!("privacy-{on}"), "recorded_at": app.rfc3339(at),
                             "status": {"privacy_mode": on}}]})
    };

    assert_eq!(
        app.ingest(VIN, Some(&car.key), &privacy(true, -5))
            .await
            .status(),
        200
    );
    let list = get(format!("{v}/trips")).await;
    let detail = get(detail_path.clone()).await;
    for answer in [&list, &detail] {
        assert_eq!(answer["positions_hidden"], true, "{answer}");
        let keys = keys(answer);
        assert!(
            !keys
                .iter()
                .any(|k| k == "lat" || k == "lon" || k == "label"),
            "no coordinates or places at all: {answer}"
        );
        let text = answer.to_string();
        assert!(
            ![
                "51.0123",
                "51.2345",
                "51.1111",
                "4.4444",
                "Mechelen",
                "Antwerpen"
            ]
            .iter()
            .any(|p| text.contains(p)),
            "{text}"
        );
    }
    let summary = &list["trips"][0];
    assert!(summary["start"].is_null() && summary["end"].is_null());
    assert!(detail["trip"]["start"].is_null() && detail["trip"]["end"].is_null());
    assert_eq!(detail["route"], json!([]));
    // The numbers stay: distances, times, fuel, scores, the event's kind
    // and time.
    assert_eq!(summary["distance_km"], 30.0);
    assert_eq!(summary["average_consumption_l_100km"], 5.0);
    assert_eq!(summary["ev_time_s"], 300);
    assert_eq!(summary["hybrid_score"], 80);
    assert_eq!(detail["trip"]["duration_s"], 490);
    assert_eq!(detail["eco_distance_km"], 20.0);
    assert_eq!(detail["coaching"]["braking"], 70);
    assert_eq!(detail["events"].as_array().unwrap().len(), 1);
    assert_eq!(detail["events"][0]["kind"], "harsh_braking");
    assert!(detail["events"][0]["at"].is_string());

    // Privacy mode off again: the places are back.
    assert_eq!(
        app.ingest(VIN, Some(&car.key), &privacy(false, -1))
            .await
            .status(),
        200
    );
    let list = get(format!("{v}/trips")).await;
    assert_eq!(list["positions_hidden"], false);
    assert_eq!(list["trips"][0]["start"]["label"], "Mechelen");
    assert_eq!(list["trips"][0]["end"]["lat"], 51.2345);
    let detail = get(detail_path).await;
    assert_eq!(detail["positions_hidden"], false);
    assert_eq!(detail["trip"]["end"]["label"], "Antwerpen");
    assert_eq!(detail["route"].as_array().unwrap().len(), 2);
    assert_eq!(detail["route"][1]["lat"], 51.2345);
    assert_eq!(detail["events"][0]["lat"], 51.1111);
    assert_eq!(detail["events"][0]["lon"], 4.4444);
}

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

#[tokio::test]
async fn warning_lights_follow_accept_language() {
    let app = TestApp::spawn().await;
    app.vehicle(VIN, 12_000.0).await;
    let b = app.signed_in("els@example.be").await;
    b.add_vehicle(VIN).await;
    for (lang, title) in [
        ("fr", "Pression des pneus trop basse"),
        ("en", "Tyre pressure too low"),
        ("nl", "Bandenspanning te laag"),
    ] {
        let resp = b
            .client
            .get(b.url(&format!("/api/vehicles/{VIN}/status")))
            .header("accept-language", lang)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
        let s: Value = resp.json().await.unwrap();
        assert_eq!(s["warning_lights"][0]["code"], "tyre_pressure_low");
        assert_eq!(s["warning_lights"][0]["title"], title, "{lang}");
    }
}
