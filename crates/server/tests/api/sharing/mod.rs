//! Share to car (D3): sending destinations, who may, privacy mode, the
//! vehicle's acknowledgements through the ingest API and the simulator's.

mod car;

use crate::common::*;
use mijn_lexus_contract::ErrorCode;
use serde_json::{json, Value};

const VIN: &str = "JTHBA1D20K5000301";
const OTHER_VIN: &str = "JTHBA1D20K5000302";

fn path(vin: &str) -> String {
    format!("/api/vehicles/{vin}/destinations")
}

fn casino() -> Value {
    json!({"destination": {"label": "Casino de Monte-Carlo", "address": "Place du Casino, 98000 Monaco",
                           "lat": 43.7396, "lon": 7.4276}})
}

/// A vehicle with its main user.
async fn main_user(app: &TestApp, email: &str) -> (Browser, TestVehicle) {
    let v = app.vehicle(VIN, 12_000.0).await;
    let b = app.signed_in(email).await;
    b.add_vehicle(VIN).await;
    (b, v)
}

async fn send(b: &Browser, body: &Value) -> Value {
    let resp = b.post(&path(VIN), body).await;
    assert_eq!(resp.status(), 201, "{}", resp.text().await.unwrap());
    resp.json().await.unwrap()
}

async fn commands(app: &TestApp, vin: &str, key: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(format!("{}/api/ingest/vehicles/{vin}/commands", app.base))
        .bearer_auth(key)
        .send()
        .await
        .unwrap()
}

async fn ack(app: &TestApp, vin: &str, key: &str, id: i64, body: &Value) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!(
            "{}/api/ingest/vehicles/{vin}/commands/{id}/ack",
            app.base
        ))
        .bearer_auth(key)
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn history(b: &Browser, query: &str) -> Value {
    let resp = b.get(&format!("{}{query}", path(VIN))).await;
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

#[tokio::test]
async fn d3_validation_names_each_field_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let (b, _) = main_user(&app, "share@example.be").await;
    let stop = json!({"label": "Stop", "lat": 43.73, "lon": 7.42});
    let resp = b
        .post(
            &path(VIN),
            &json!({"destination": {"label": " ", "lat": 95.0, "lon": 7.4},
                    "arrival_at": app.rfc3339(-60),
                    "stops": vec![stop; 10]}),
        )
        .await;
    let err = expect_error(resp, 422, ErrorCode::ValidationFailed).await;
    assert_eq!(err.field("destination.label"), Some(ErrorCode::Required));
    assert_eq!(
        err.field("destination.lat"),
        Some(ErrorCode::CoordinateInvalid)
    );
    assert_eq!(err.field("arrival_at"), Some(ErrorCode::ArrivalInPast));
    assert_eq!(err.field("stops"), Some(ErrorCode::TooManyStops));
    assert!(err.field("destination.lon").is_none());

    let resp = b
        .post(
            &path(VIN),
            &json!({"destination": {"label": "x".repeat(81), "lat": 43.7, "lon": 7.4},
                    "stops": [{"label": "Ok", "lat": 43.7, "lon": 7.4},
                              {"label": "Ver", "lat": 43.7, "lon": 181.0}]}),
        )
        .await;
    let err = expect_error(resp, 422, ErrorCode::ValidationFailed).await;
    assert_eq!(err.field("destination.label"), Some(ErrorCode::TooLong));
    assert_eq!(
        err.field("stops[1].lon"),
        Some(ErrorCode::CoordinateInvalid)
    );
    assert!(err.field("stops[0].lon").is_none());

    // Sending again from a destination that is not this user's: refused.
    let resp = b
        .post(
            &path(VIN),
            &json!({"destination": {"label": "Casino", "lat": 43.7, "lon": 7.4}, "resend_of": 4242}),
        )
        .await;
    let err = expect_error(resp, 422, ErrorCode::ValidationFailed).await;
    assert_eq!(
        err.field("resend_of"),
        Some(ErrorCode::SharedDestinationUnknown)
    );
    // Unknown fields and wrong types are refused as well.
    let resp = b
        .post(
            &path(VIN),
            &json!({"destination": {"label": "A", "lat": "43", "lon": 7.4}}),
        )
        .await;
    assert!(resp.status().is_client_error());

    assert_eq!(
        app.count("SELECT COUNT(*) FROM shared_destinations").await,
        0
    );
    assert!(history(&b, "").await["destinations"]
        .as_array()
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn d3_only_the_main_user_sends_and_reads_the_history() {
    let app = TestApp::spawn().await;
    let (main, v) = main_user(&app, "owner@example.be").await;
    let sent = send(&main, &casino()).await;
    assert_eq!(sent["status"], "queued");

    // A stranger: the vehicle does not exist for them.
    let stranger = app.signed_in("stranger@example.be").await;
    expect_error(stranger.get(&path(VIN)).await, 404, ErrorCode::NotFound).await;
    expect_error(
        stranger.post(&path(VIN), &casino()).await,
        404,
        ErrorCode::NotFound,
    )
    .await;
    // Anonymous.
    let anonymous = app.browser().await;
    assert_eq!(anonymous.get(&path(VIN)).await.status(), 401);

    // A secondary user: no remote services, no history.
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
    let summary: Value = resp.json().await.unwrap();
    assert_eq!(summary["permissions"]["can_use_remote"], false);
    expect_error(sec.get(&path(VIN)).await, 403, ErrorCode::PermissionDenied).await;
    expect_error(
        sec.post(&path(VIN), &casino()).await,
        403,
        ErrorCode::PermissionDenied,
    )
    .await;

    // A buyer takes the car over with the activation code: the former owner
    // can neither send nor read, the buyer does not see the former owner's
    // history, and the former owner's queued destination never reaches the car.
    app.clock.advance(chrono::Duration::seconds(10));
    let buyer = app.signed_in("buyer@example.be").await;
    buyer.add_vehicle(VIN).await;
    expect_error(main.get(&path(VIN)).await, 404, ErrorCode::NotFound).await;
    expect_error(
        main.post(&path(VIN), &casino()).await,
        404,
        ErrorCode::NotFound,
    )
    .await;
    assert!(history(&buyer, "").await["destinations"]
        .as_array()
        .unwrap()
        .is_empty());
    let pending: Value = commands(&app, VIN, &v.key).await.json().await.unwrap();
    assert!(
        pending["commands"].as_array().unwrap().is_empty(),
        "{pending}"
    );
    let own = send(&buyer, &casino()).await;
    let pending: Value = commands(&app, VIN, &v.key).await.json().await.unwrap();
    assert_eq!(pending["commands"][0]["id"], own["id"]);
    assert_eq!(pending["commands"].as_array().unwrap().len(), 1);
    // Nothing in the history of the rows refused above.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM shared_destinations").await,
        2
    );
}

#[tokio::test]
async fn d3_a_vehicle_without_connected_navigation_takes_no_destinations() {
    let app = TestApp::spawn().await;
    let key = format!("ingest-key-{OTHER_VIN}-0123456789abcdef0123456789");
    let resp = reqwest::Client::new()
        .put(format!("{}/api/telematics/vehicles/{OTHER_VIN}", app.base))
        .bearer_auth(BACKEND_TOKEN)
        .json(&json!({"model": "CT 200h", "model_family": "ct", "model_year": 2018,
                      "powertrain": "hybrid", "activation_code": ACTIVATION_CODE, "ingest_key": key}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
    let b = app.signed_in("old@example.be").await;
    b.add_vehicle(OTHER_VIN).await;
    expect_error(
        b.post(&path(OTHER_VIN), &casino()).await,
        409,
        ErrorCode::ShareToCarUnavailable,
    )
    .await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM shared_destinations").await,
        0
    );
}

#[tokio::test]
async fn d3_privacy_mode_hides_the_places_in_the_history() {
    let app = TestApp::spawn().await;
    let (b, v) = main_user(&app, "private@example.be").await;
    let mut body = casino();
    body["stops"] = json!([{"label": "Port Hercule", "lat": 43.7347, "lon": 7.4229}]);
    send(&b, &body).await;
    let h = history(&b, "").await;
    assert_eq!(h["privacy_mode"], false);
    assert_eq!(h["destinations"][0]["destination"]["lat"], 43.7396);
    assert_eq!(h["destinations"][0]["stops"][0]["label"], "Port Hercule");

    let privacy = json!({"messages": [{"message_id": "privacy-on", "recorded_at": app.rfc3339(-5),
                                       "status": {"privacy_mode": true}}]});
    assert_eq!(app.ingest(VIN, Some(&v.key), &privacy).await.status(), 200);
    let h = history(&b, "").await;
    assert_eq!(h["privacy_mode"], true);
    let d = &h["destinations"][0];
    assert!(d["destination"].is_null(), "{d}");
    assert_eq!(d["stops"], json!([]));
    assert_eq!(d["stop_count"], 1);
    assert_eq!(d["positions_hidden"], true);
    assert_eq!(d["status"], "queued");
    let text = h.to_string();
    assert!(
        !text.contains("43.73") && !text.contains("Casino"),
        "{text}"
    );

    let off = json!({"messages": [{"message_id": "privacy-off", "recorded_at": app.rfc3339(-1),
                                   "status": {"privacy_mode": false}}]});
    assert_eq!(app.ingest(VIN, Some(&v.key), &off).await.status(), 200);
    assert_eq!(
        history(&b, "").await["destinations"][0]["destination"]["label"],
        "Casino de Monte-Carlo"
    );
}

#[tokio::test]
async fn d3_send_again_edited_keeps_the_original() {
    let app = TestApp::spawn().await;
    let (b, _) = main_user(&app, "again@example.be").await;
    let original = send(&b, &casino()).await;
    let mut edited = casino();
    edited["destination"]["label"] = json!("Hôtel de Paris");
    edited["arrival_at"] = json!(app.rfc3339(7200));
    edited["resend_of"] = original["id"].clone();
    let again = send(&b, &edited).await;
    assert_ne!(again["id"], original["id"]);
    assert_eq!(again["resend_of"], original["id"]);
    assert_eq!(again["status"], "queued");

    let h = history(&b, "?limit=1").await;
    assert_eq!(h["destinations"].as_array().unwrap().len(), 1);
    assert_eq!(
        h["destinations"][0]["destination"]["label"],
        "Hôtel de Paris"
    );
    let next = h["next_before_id"].as_i64().unwrap();
    let h = history(&b, &format!("?limit=1&before_id={next}")).await;
    assert_eq!(
        h["destinations"][0]["destination"]["label"],
        "Casino de Monte-Carlo"
    );
    assert!(h["destinations"][0]["arrival_at"].is_null());
    assert!(h["next_before_id"].is_null());
}

#[tokio::test]
async fn d3_sends_are_rate_limited_per_vehicle() {
    let app = TestApp::spawn_with(|c| c.rate_limits.share_per_vehicle = 3).await;
    let (b, _) = main_user(&app, "busy@example.be").await;
    for _ in 0..3 {
        send(&b, &casino()).await;
    }
    // An invalid request is answered as such and counts for nothing.
    let resp = b
        .post(
            &path(VIN),
            &json!({"destination": {"label": "", "lat": 1.0, "lon": 1.0}}),
        )
        .await;
    expect_error(resp, 422, ErrorCode::ValidationFailed).await;
    let resp = b.post(&path(VIN), &casino()).await;
    assert!(resp.headers().contains_key("retry-after"));
    expect_error(resp, 429, ErrorCode::RateLimited).await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM shared_destinations").await,
        3
    );
}

#[tokio::test]
async fn d3_parallel_sends_cannot_pass_the_limit() {
    let app = TestApp::spawn_with(|c| c.rate_limits.share_per_vehicle = 3).await;
    let (b, _) = main_user(&app, "burst@example.be").await;
    let body = casino();
    let answers = send_at_once(&b, &body, 8).await;
    assert_eq!(
        answers.iter().filter(|s| **s == 201).count(),
        3,
        "{answers:?}"
    );
    assert_eq!(
        answers.iter().filter(|s| **s == 429).count(),
        5,
        "{answers:?}"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM shared_destinations").await,
        3
    );
}

/// `n` sends of `body` at once; their statuses.
async fn send_at_once(b: &Browser, body: &Value, n: usize) -> Vec<u16> {
    let mut tasks = Vec::new();
    for _ in 0..n {
        let request = b
            .client
            .post(b.url(&path(VIN)))
            .header("x-csrf-token", &b.csrf)
            .json(body);
        tasks.push(tokio::spawn(async move {
            request.send().await.unwrap().status().as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    statuses
}
