//! F4 weekly climate and charging schedules: stored per vehicle, sent to
//! the car as a command, validated, plug-ins only for charging.

use super::*;

fn climate_schedules_path(vin: &str) -> String {
    format!("/api/vehicles/{vin}/remote/climate-schedules")
}

fn charging_schedules_path(vin: &str) -> String {
    format!("/api/vehicles/{vin}/remote/charging-schedules")
}

fn workdays() -> Value {
    json!({"enabled": true, "days": [1, 2, 3, 4, 5], "time": "07:30", "temperature_c": 20.5,
           "front_defrost": true, "rear_defrost": false})
}

fn night() -> Value {
    json!({"enabled": true, "days": [7], "start": "23:00", "end": "06:00", "target_percent": 80})
}

#[tokio::test]
async fn f4_climate_schedules_are_stored_and_sent_to_the_car() {
    let app = TestApp::spawn().await;
    let (b, v) = main_user(&app, "els@example.be").await;
    let empty: Value = b
        .get(&climate_schedules_path(VIN))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(empty, json!({"schedules": []}));
    let mut weekend = workdays();
    weekend["enabled"] = json!(false);
    weekend["days"] = json!([6, 7]);
    let list = json!({"schedules": [workdays(), weekend]});
    let resp = b.put(&climate_schedules_path(VIN), &list).await;
    assert_eq!(resp.status(), 200, "{}", resp.text().await.unwrap());
    let command: Value = resp.json().await.unwrap();
    assert_eq!(command["status"], "queued");
    assert_eq!(command["action"]["kind"], "climate_schedules");
    let stored: Value = b
        .get(&climate_schedules_path(VIN))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stored, list);
    // The car gets the whole list.
    let p = pending(&app, VIN, &v.key).await;
    assert_eq!(p["remote"][0]["action"]["schedules"][1]["enabled"], false);
    assert_eq!(p["remote"][0]["action"]["schedules"][0]["time"], "07:30");
    // Disabling all: an empty list is fine.
    let resp = b
        .put(&climate_schedules_path(VIN), &json!({"schedules": []}))
        .await;
    assert_eq!(resp.status(), 200);
    let stored: Value = b
        .get(&climate_schedules_path(VIN))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stored, json!({"schedules": []}));
}

#[tokio::test]
async fn f4_schedules_are_validated_and_change_nothing_when_wrong() {
    let app = TestApp::spawn().await;
    let (b, _) = main_user(&app, "els@example.be").await;
    let mut bad = workdays();
    bad["time"] = json!("25:10");
    bad["days"] = json!([0, 3]);
    bad["temperature_c"] = json!(12.0);
    let err = expect_error(
        b.put(
            &climate_schedules_path(VIN),
            &json!({"schedules": [workdays(), bad]}),
        )
        .await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(
        err.field("schedules[1].time"),
        Some(ErrorCode::InvalidValue)
    );
    assert_eq!(
        err.field("schedules[1].days"),
        Some(ErrorCode::InvalidValue)
    );
    assert_eq!(
        err.field("schedules[1].temperature_c"),
        Some(ErrorCode::OutOfRange)
    );
    let six: Vec<Value> = (0..6).map(|_| workdays()).collect();
    let err = expect_error(
        b.put(&climate_schedules_path(VIN), &json!({"schedules": six}))
            .await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(err.field("schedules"), Some(ErrorCode::TooManySchedules));
    assert_eq!(app.count("SELECT COUNT(*) FROM remote_schedules").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM remote_commands").await, 0);

    // Charging: refused for a full hybrid; validated for a plug-in.
    expect_error(
        b.put(
            &charging_schedules_path(VIN),
            &json!({"schedules": [night()]}),
        )
        .await,
        409,
        ErrorCode::RemoteChargingUnavailable,
    )
    .await;
    expect_error(
        b.get(&charging_schedules_path(VIN)).await,
        409,
        ErrorCode::RemoteChargingUnavailable,
    )
    .await;
    plug_in(&app, PLUG_IN_VIN).await;
    b.add_vehicle(PLUG_IN_VIN).await;
    remote_service(&app, "els@example.be", PLUG_IN_VIN, "active", 86_400).await;
    let mut wrong = night();
    wrong["end"] = json!("23:00");
    wrong["target_percent"] = json!(45);
    let err = expect_error(
        b.put(
            &charging_schedules_path(PLUG_IN_VIN),
            &json!({"schedules": [wrong]}),
        )
        .await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(err.field("schedules[0].end"), Some(ErrorCode::InvalidValue));
    assert_eq!(
        err.field("schedules[0].target_percent"),
        Some(ErrorCode::OutOfRange)
    );
    let list = json!({"schedules": [night(), {"enabled": true, "days": [1, 3], "start": "01:00",
                                              "end": null, "target_percent": null}]});
    let resp = b.put(&charging_schedules_path(PLUG_IN_VIN), &list).await;
    assert_eq!(resp.status(), 200, "{}", resp.text().await.unwrap());
    let stored: Value = b
        .get(&charging_schedules_path(PLUG_IN_VIN))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stored, list);
}

#[tokio::test]
async fn f4_schedules_need_the_service_and_stay_with_their_owner() {
    let app = TestApp::spawn().await;
    let (main, v) = main_user(&app, "els@example.be").await;
    let list = json!({"schedules": [workdays()]});
    assert_eq!(
        main.put(&climate_schedules_path(VIN), &list).await.status(),
        200
    );
    // CSRF, stranger, secondary user.
    let resp = main
        .client
        .put(main.url(&climate_schedules_path(VIN)))
        .json(&list)
        .send()
        .await
        .unwrap();
    expect_error(resp, 403, ErrorCode::CsrfFailed).await;
    let stranger = app.signed_in("vreemde@example.be").await;
    expect_error(
        stranger.get(&climate_schedules_path(VIN)).await,
        404,
        ErrorCode::NotFound,
    )
    .await;
    expect_error(
        stranger.put(&climate_schedules_path(VIN), &list).await,
        404,
        ErrorCode::NotFound,
    )
    .await;

    // The simulated car takes the list: delivered, then done.
    use mijn_lexus_server::simulator::remote::answer_due;
    use mijn_lexus_server::Clock;
    assert_eq!(answer_due(&app.db, 0, app.clock.now()).await.unwrap(), 1);
    assert_eq!(answer_due(&app.db, 0, app.clock.now()).await.unwrap(), 1);
    assert_eq!(commands(&main, VIN).await["commands"][0]["status"], "done");
    assert!(pending(&app, VIN, &v.key).await["remote"]
        .as_array()
        .unwrap()
        .is_empty());

    // The service ends: no more changes.
    sqlx::query("UPDATE subscriptions SET status = 'ended', ended_at = 0")
        .execute(&app.db)
        .await
        .unwrap();
    expect_error(
        main.put(&climate_schedules_path(VIN), &list).await,
        409,
        ErrorCode::RemoteServiceRequired,
    )
    .await;

    // A buyer takes the vehicle over and sees none of the former owner's schedules.
    let buyer = app.signed_in("koper@example.be").await;
    let resp = buyer
        .post(
            "/api/vehicles",
            &json!({"vin": VIN, "licence_plate": "2-XYZ-987", "activation_code": ACTIVATION_CODE}),
        )
        .await;
    assert_eq!(resp.status(), 201);
    let seen: Value = buyer
        .get(&climate_schedules_path(VIN))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(seen, json!({"schedules": []}));
    expect_error(
        main.get(&climate_schedules_path(VIN)).await,
        404,
        ErrorCode::NotFound,
    )
    .await;
}
