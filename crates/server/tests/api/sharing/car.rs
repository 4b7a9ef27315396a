//! Share to car (D3), the car's side: fetching and acknowledging commands
//! through the ingest API, the simulated car, and destinations the car
//! never takes.

use super::*;

#[tokio::test]
async fn d3_the_vehicle_acknowledges_through_the_ingest_api() {
    let app = TestApp::spawn().await;
    let (b, v) = main_user(&app, "ack@example.be").await;
    let other = app.vehicle(OTHER_VIN, 5_000.0).await;
    let mut with_stops = casino();
    with_stops["arrival_at"] = json!(app.rfc3339(3600));
    with_stops["stops"] = json!([{"label": "Port", "lat": 43.7347, "lon": 7.4229}]);
    let first = send(&b, &with_stops).await;
    app.clock.advance(chrono::Duration::seconds(1));
    let second = send(&b, &casino()).await;
    let (first_id, second_id) = (
        first["id"].as_i64().unwrap(),
        second["id"].as_i64().unwrap(),
    );

    // The vehicle fetches its commands, oldest first, with its own key only.
    let resp = commands(&app, VIN, &v.key).await;
    assert_eq!(resp.status(), 200);
    let pending: Value = resp.json().await.unwrap();
    assert_eq!(pending["commands"][0]["id"], first_id);
    assert_eq!(pending["commands"][0]["stops"][0]["label"], "Port");
    assert_eq!(pending["commands"][1]["id"], second_id);
    expect_error(
        commands(&app, VIN, &other.key).await,
        401,
        ErrorCode::IngestKeyInvalid,
    )
    .await;
    // Another vehicle's key cannot acknowledge, neither on this VIN nor on its own.
    let delivered = json!({"status": "delivered"});
    expect_error(
        ack(&app, VIN, &other.key, first_id, &delivered).await,
        401,
        ErrorCode::IngestKeyInvalid,
    )
    .await;
    expect_error(
        ack(&app, OTHER_VIN, &other.key, first_id, &delivered).await,
        404,
        ErrorCode::NotFound,
    )
    .await;
    assert_eq!(history(&b, "").await["destinations"][1]["status"], "queued");

    // A failure needs its reason; a delivery has none.
    let err = expect_error(
        ack(&app, VIN, &v.key, first_id, &json!({"status": "failed"})).await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(err.field("failure"), Some(ErrorCode::Required));
    expect_error(
        ack(&app, VIN, &v.key, first_id, &json!({"status": "landed"})).await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;

    app.clock.advance(chrono::Duration::seconds(30));
    assert_eq!(
        ack(&app, VIN, &v.key, first_id, &delivered).await.status(),
        204
    );
    // The same acknowledgement again is fine; another outcome is not.
    assert_eq!(
        ack(&app, VIN, &v.key, first_id, &delivered).await.status(),
        204
    );
    expect_error(
        ack(
            &app,
            VIN,
            &v.key,
            first_id,
            &json!({"status": "failed", "failure": "unreachable"}),
        )
        .await,
        409,
        ErrorCode::CommandAlreadyFinal,
    )
    .await;
    let failed = json!({"status": "failed", "failure": "unreachable"});
    assert_eq!(
        ack(&app, VIN, &v.key, second_id, &failed).await.status(),
        204
    );
    expect_error(
        ack(&app, VIN, &v.key, 999_999, &delivered).await,
        404,
        ErrorCode::NotFound,
    )
    .await;

    let h = history(&b, "").await;
    let (newest, oldest) = (&h["destinations"][0], &h["destinations"][1]);
    assert_eq!(newest["status"], "failed");
    assert_eq!(newest["failure"], "unreachable");
    assert_eq!(oldest["status"], "delivered");
    assert!(oldest["failure"].is_null());
    assert_ne!(oldest["updated_at"], oldest["created_at"]);
    let pending: Value = commands(&app, VIN, &v.key).await.json().await.unwrap();
    assert!(pending["commands"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn d3_the_simulated_car_acknowledges_after_its_delay() {
    use mijn_lexus_server::simulator::live::acknowledge_due;
    use mijn_lexus_server::Clock;
    let app = TestApp::spawn().await;
    let (b, _) = main_user(&app, "sim@example.be").await;
    send(&b, &casino()).await;
    let mut far = casino();
    far["stops"] = json!([{"label": "New York", "lat": 40.7128, "lon": -74.006}]);
    send(&b, &far).await;

    assert_eq!(
        acknowledge_due(&app.db, 5, app.clock.now()).await.unwrap(),
        0
    );
    assert_eq!(history(&b, "").await["destinations"][0]["status"], "queued");
    app.clock.advance(chrono::Duration::seconds(5));
    assert_eq!(
        acknowledge_due(&app.db, 5, app.clock.now()).await.unwrap(),
        2
    );
    let h = history(&b, "").await;
    assert_eq!(h["destinations"][0]["status"], "failed");
    assert_eq!(h["destinations"][0]["failure"], "rejected");
    assert_eq!(h["destinations"][1]["status"], "delivered");
    // Nothing left to do; a delay of 0 acknowledges at once.
    assert_eq!(
        acknowledge_due(&app.db, 5, app.clock.now()).await.unwrap(),
        0
    );
    send(&b, &casino()).await;
    assert_eq!(
        acknowledge_due(&app.db, 0, app.clock.now()).await.unwrap(),
        1
    );
}

#[tokio::test]
async fn d3_parallel_acknowledgements_settle_on_one_outcome() {
    let app = TestApp::spawn().await;
    let (b, v) = main_user(&app, "race@example.be").await;
    let id = send(&b, &casino()).await["id"].as_i64().unwrap();
    let mut tasks = Vec::new();
    for i in 0..10 {
        let body = if i % 2 == 0 {
            json!({"status": "delivered"})
        } else {
            json!({"status": "failed", "failure": "unreachable"})
        };
        let request = reqwest::Client::new()
            .post(format!(
                "{}/api/ingest/vehicles/{VIN}/commands/{id}/ack",
                app.base
            ))
            .bearer_auth(&v.key)
            .json(&body);
        tasks.push(tokio::spawn(async move {
            (i % 2, request.send().await.unwrap().status().as_u16())
        }));
    }
    let mut results = Vec::new();
    for t in tasks {
        results.push(t.await.unwrap());
    }
    let status = history(&b, "").await["destinations"][0]["status"].clone();
    let winner = if status == "delivered" { 0 } else { 1 };
    // Every ack with the stored outcome succeeded, every other one got 409.
    for (kind, code) in &results {
        assert_eq!(
            *code,
            if *kind == winner { 204 } else { 409 },
            "{results:?}"
        );
    }
}

#[tokio::test]
async fn d3_unanswered_destinations_expire_and_old_ones_are_forgotten() {
    use chrono::Duration;
    use mijn_lexus_server::{retention, Clock};
    let app = TestApp::spawn().await;
    let (mut b, v) = main_user(&app, "expire@example.be").await;
    let first = send(&b, &casino()).await;
    // One for a trip in ten days: it waits until then.
    let mut later = casino();
    later["arrival_at"] = json!((app.clock.now() + Duration::days(10)).to_rfc3339());
    let later = send(&b, &later).await;

    app.clock.advance(Duration::days(7) - Duration::seconds(1));
    let r = retention::run(&app.state).await.unwrap();
    assert_eq!(r.purged.destinations_expired, 0, "{r:?}");
    app.clock.advance(Duration::seconds(1));
    let r = retention::run(&app.state).await.unwrap();
    assert_eq!(r.purged.destinations_expired, 1, "{r:?}");
    // (A week later the owner signs in again.)
    assert_eq!(b.sign_in("expire@example.be", PASSWORD).await.0, 200);
    let h = history(&b, "").await;
    let status = |id: &Value| {
        let d = h["destinations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == *id)
            .unwrap();
        (d["status"].clone(), d["failure"].clone())
    };
    assert_eq!(
        status(&first["id"]),
        (json!("failed"), json!("unreachable"))
    );
    assert_eq!(status(&later["id"]), (json!("queued"), Value::Null));
    // The car, switched on now, gets only the one still wanted; the expired
    // one can no longer be acknowledged.
    let pending: Value = commands(&app, VIN, &v.key).await.json().await.unwrap();
    let ids: Vec<&Value> = pending["commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["id"])
        .collect();
    assert_eq!(ids, [&later["id"]]);
    let resp = ack(
        &app,
        VIN,
        &v.key,
        first["id"].as_i64().unwrap(),
        &json!({"status": "delivered"}),
    )
    .await;
    assert_eq!(resp.status(), 409);

    // After its arrival time the second expires too.
    app.clock.advance(Duration::days(3));
    let r = retention::run(&app.state).await.unwrap();
    assert_eq!(r.purged.destinations_expired, 1, "{r:?}");
    assert_eq!(r.purged.destinations, 0, "{r:?}");
    // A year after they were sent, both are gone.
    app.clock.advance(Duration::days(355));
    let r = retention::run(&app.state).await.unwrap();
    assert_eq!(r.purged.destinations, 2, "{r:?}");
    assert_eq!(b.sign_in("expire@example.be", PASSWORD).await.0, 200);
    assert_eq!(history(&b, "").await["destinations"], json!([]));
}
