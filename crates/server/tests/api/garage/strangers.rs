//! A stranger sees nothing of a vehicle: 404 on every endpoint.

use super::*;

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
