//! C4: status, trips, location and service requests; privacy mode; warning
//! lights in the reader's language.

use super::*;

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
