//! F4, the car's side: fetching and acknowledging remote commands through
//! the ingest API, and the simulated car's answers.

use super::*;

#[tokio::test]
async fn f4_climate_is_delivered_and_done_through_the_ingest_api() {
    let app = TestApp::spawn().await;
    let (b, v) = main_user(&app, "els@example.be").await;
    let other = plug_in(&app, PLUG_IN_VIN).await;
    let sent = send_climate(&b, VIN, &warm()).await;
    let id = sent["id"].as_i64().unwrap();
    assert_eq!(sent["status"], "queued");
    assert!(sent["delivered_at"].is_null());

    // The car fetches it with its other pending commands.
    let p = pending(&app, VIN, &v.key).await;
    assert!(p["commands"].as_array().unwrap().is_empty());
    assert_eq!(p["remote"][0]["id"], id);
    assert_eq!(p["remote"][0]["action"]["kind"], "climate");
    assert_eq!(p["remote"][0]["action"]["temperature_c"], 21.5);
    assert!(pending(&app, PLUG_IN_VIN, &other.key).await["remote"]
        .as_array()
        .unwrap()
        .is_empty());

    // Another car's key, a report that makes no sense, a missing reason.
    let delivered = json!({"status": "delivered"});
    expect_error(
        ack(&app, VIN, &other.key, id, &delivered).await,
        401,
        ErrorCode::IngestKeyInvalid,
    )
    .await;
    expect_error(
        ack(&app, PLUG_IN_VIN, &other.key, id, &delivered).await,
        404,
        ErrorCode::NotFound,
    )
    .await;
    for (body, field, code) in [
        (
            json!({"status": "queued"}),
            "status",
            ErrorCode::InvalidValue,
        ),
        (json!({"status": "failed"}), "failure", ErrorCode::Required),
        (
            json!({"status": "done", "failure": "energy_low"}),
            "failure",
            ErrorCode::InvalidValue,
        ),
    ] {
        let err = expect_error(
            ack(&app, VIN, &v.key, id, &body).await,
            422,
            ErrorCode::ValidationFailed,
        )
        .await;
        assert_eq!(err.field(field), Some(code), "{body}");
    }

    app.clock.advance(chrono::Duration::seconds(3));
    assert_eq!(ack(&app, VIN, &v.key, id, &delivered).await.status(), 204);
    assert_eq!(
        ack(&app, VIN, &v.key, id, &delivered).await.status(),
        204,
        "same report again"
    );
    assert!(pending(&app, VIN, &v.key).await["remote"]
        .as_array()
        .unwrap()
        .is_empty());
    let c: Value = b
        .get(&format!("{}/{id}", commands_path(VIN)))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(c["status"], "delivered");
    assert!(c["delivered_at"].is_string());
    assert!(c["finished_at"].is_null());

    app.clock.advance(chrono::Duration::seconds(3));
    assert_eq!(
        ack(&app, VIN, &v.key, id, &json!({"status": "done"}))
            .await
            .status(),
        204
    );
    // Done is final: no going back, no other outcome.
    expect_error(
        ack(&app, VIN, &v.key, id, &delivered).await,
        409,
        ErrorCode::CommandAlreadyFinal,
    )
    .await;
    expect_error(
        ack(
            &app,
            VIN,
            &v.key,
            id,
            &json!({"status": "failed", "failure": "unreachable"}),
        )
        .await,
        409,
        ErrorCode::CommandAlreadyFinal,
    )
    .await;
    expect_error(
        ack(&app, VIN, &v.key, 999_999, &delivered).await,
        404,
        ErrorCode::NotFound,
    )
    .await;
    let list = commands(&b, VIN).await;
    assert_eq!(list["commands"][0]["status"], "done");
    assert!(list["commands"][0]["finished_at"].is_string());
}

#[tokio::test]
async fn f4_a_failed_command_names_its_reason() {
    let app = TestApp::spawn().await;
    let (b, v) = main_user(&app, "els@example.be").await;
    let first = send_climate(&b, VIN, &warm()).await["id"].as_i64().unwrap();
    let second = send_climate(&b, VIN, &warm()).await["id"].as_i64().unwrap();
    // The car was being driven: it fails the first straight from queued.
    let in_use = json!({"status": "failed", "failure": "vehicle_in_use"});
    assert_eq!(ack(&app, VIN, &v.key, first, &in_use).await.status(), 204);
    // It took the second, then lost its connection.
    assert_eq!(
        ack(&app, VIN, &v.key, second, &json!({"status": "delivered"}))
            .await
            .status(),
        204
    );
    let lost = json!({"status": "failed", "failure": "unreachable"});
    assert_eq!(ack(&app, VIN, &v.key, second, &lost).await.status(), 204);
    let list = commands(&b, VIN).await;
    assert_eq!(list["commands"][0]["id"], second);
    assert_eq!(list["commands"][0]["status"], "failed");
    assert_eq!(list["commands"][0]["failure"], "unreachable");
    assert_eq!(list["commands"][1]["failure"], "vehicle_in_use");
}

#[tokio::test]
async fn f4_commands_wait_for_a_running_service() {
    let app = TestApp::spawn().await;
    let (b, v) = main_user(&app, "els@example.be").await;
    send_climate(&b, VIN, &warm()).await;
    sqlx::query("UPDATE subscriptions SET status = 'ended', ended_at = 0")
        .execute(&app.db)
        .await
        .unwrap();
    // The service ended before the car fetched it: the car gets nothing.
    assert!(pending(&app, VIN, &v.key).await["remote"]
        .as_array()
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn f4_the_simulated_car_answers_delivered_then_done_or_failed() {
    use mijn_lexus_server::simulator::remote::answer_due;
    use mijn_lexus_server::Clock;
    let app = TestApp::spawn().await;
    let (b, v) = main_user(&app, "els@example.be").await;
    let id = send_climate(&b, VIN, &warm()).await["id"].as_i64().unwrap();
    assert_eq!(answer_due(&app.db, 5, app.clock.now()).await.unwrap(), 0);
    app.clock.advance(chrono::Duration::seconds(5));
    assert_eq!(answer_due(&app.db, 5, app.clock.now()).await.unwrap(), 1);
    let one = format!("{}/{id}", commands_path(VIN));
    let c: Value = b.get(&one).await.json().await.unwrap();
    assert_eq!(c["status"], "delivered");
    assert_eq!(answer_due(&app.db, 5, app.clock.now()).await.unwrap(), 0);
    app.clock.advance(chrono::Duration::seconds(5));
    assert_eq!(answer_due(&app.db, 5, app.clock.now()).await.unwrap(), 1);
    let c: Value = b.get(&one).await.json().await.unwrap();
    assert_eq!(c["status"], "done");

    // Almost out of fuel: the car will not run its climate.
    let resp = app
        .ingest(
            VIN,
            Some(&v.key),
            &json!({"messages": [{"message_id": "low-fuel", "recorded_at": app.rfc3339(-1),
                                  "status": {"fuel_percent": 4.0}}]}),
        )
        .await;
    assert_eq!(resp.status(), 200, "{}", resp.text().await.unwrap());
    let id = send_climate(&b, VIN, &warm()).await["id"].as_i64().unwrap();
    assert_eq!(answer_due(&app.db, 0, app.clock.now()).await.unwrap(), 1);
    let c: Value = b
        .get(&format!("{}/{id}", commands_path(VIN)))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(c["status"], "failed");
    assert_eq!(c["failure"], "energy_low");
}

#[tokio::test]
async fn f4_a_now_command_the_car_never_fetches_fails_as_unreachable_but_schedules_wait() {
    let app = TestApp::spawn().await;
    let (b, v) = main_user(&app, "els@example.be").await;
    let id = send_climate(&b, VIN, &warm()).await["id"].as_i64().unwrap();
    let schedules = json!({"schedules": [{"enabled": true, "days": [1, 2, 3, 4, 5],
        "time": "07:30", "temperature_c": 21.0, "front_defrost": false, "rear_defrost": false}]});
    let saved = b
        .put(
            &format!("/api/vehicles/{VIN}/remote/climate-schedules"),
            &schedules,
        )
        .await;
    assert_eq!(saved.status(), 200, "{}", saved.text().await.unwrap());
    app.clock.advance(chrono::Duration::seconds(599));
    assert_eq!(commands(&b, VIN).await["commands"][1]["status"], "queued");
    app.clock.advance(chrono::Duration::seconds(2));
    let list = commands(&b, VIN).await;
    let climate = &list["commands"][1];
    assert_eq!(
        (climate["id"].as_i64(), &climate["status"]),
        (Some(id), &json!("failed"))
    );
    assert_eq!(climate["failure"], "unreachable");
    assert!(climate["finished_at"].is_string());
    // The car, when it comes back, gets the schedules only.
    let waiting = pending(&app, VIN, &v.key).await;
    let kinds: Vec<_> = waiting["remote"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["action"]["kind"].clone())
        .collect();
    assert_eq!(kinds, [json!("climate_schedules")]);
    // Its late report on the expired command changes nothing.
    let late = ack(&app, VIN, &v.key, id, &json!({"status": "delivered"})).await;
    assert_eq!(late.status(), 409);
}
