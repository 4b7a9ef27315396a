//! Maps (D1 find my car, D2 car to door): walking routes through a real
//! `osrm-routed` on the Monaco walking graph, a fake provider for the error
//! cases, the garage's rules on positions (privacy mode, secondary users,
//! strangers, former owners) and the vector tiles.
//!
//! The map data comes from `scripts/map-data.sh` (run by `scripts/setup.sh`,
//! so CI has it): a test fails, it does not skip, when the data is missing.

mod geocoding;
mod tiles;

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;
use mijn_lexus_contract::map::{
    CarToDoor, GeocodeResults, Maneuver, MapConfig, TileSource, WalkToCar,
};
use mijn_lexus_contract::ErrorCode;
use serde_json::{json, Value};

const VIN: &str = "JTHBAAH2X01234567";
/// Where the demo car parks in Monaco (Avenue Camille Blanc) and where its
/// navigation was heading (the casino).
const PARKED: (f64, f64) = (43.741729, 7.424778);
const CASINO: (f64, f64) = (43.7393, 7.4277);
/// A walker on Boulevard Princesse Charlotte.
const WALKER: (f64, f64) = (43.7392, 7.421867);

/// The offline demo region built by scripts/map-data.sh.
fn map_data() -> PathBuf {
    let dir = std::env::var_os("MIJN_LEXUS_MAP_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/map"));
    for file in [
        "osrm/bin/osrm-routed",
        "foot/monaco.osrm.mldgr",
        "monaco.mbtiles",
    ] {
        assert!(
            dir.join(file).is_file(),
            "map data missing: {} (run scripts/setup.sh or scripts/map-data.sh)",
            dir.join(file).display()
        );
    }
    dir
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A real `osrm-routed` on the Monaco walking graph, stopped when dropped.
struct Osrm {
    child: Child,
    url: String,
}

impl Osrm {
    async fn start() -> Osrm {
        let data = map_data();
        let port = free_port();
        let child = Command::new(data.join("osrm/bin/osrm-routed"))
            .args(["--algorithm", "mld", "--ip", "127.0.0.1", "--port"])
            .arg(port.to_string())
            .arg(data.join("foot/monaco.osrm"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("osrm-routed starts");
        let osrm = Osrm {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let started = Instant::now();
        let probe = format!("{}/nearest/v1/foot/7.4277,43.7393", osrm.url);
        loop {
            if let Ok(r) = reqwest::get(&probe).await {
                if r.status() == 200 {
                    break;
                }
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "osrm-routed did not answer"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        eprintln!("osrm-routed ready in {} ms", started.elapsed().as_millis());
        osrm
    }
}

impl Drop for Osrm {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A fake routing provider: answers every request with `status` and `body`
/// after `delay`.
async fn fake_provider(status: u16, body: &'static str, delay: Duration) -> String {
    use axum::http::StatusCode;
    let app = axum::Router::new().fallback(move || async move {
        tokio::time::sleep(delay).await;
        (
            StatusCode::from_u16(status).unwrap(),
            [("content-type", "application/json")],
            body,
        )
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    url
}

fn key() -> String {
    format!("ingest-key-{VIN}-0123456789abcdef0123456789")
}

/// The app with `routing_url`, the car added by a signed-in main user, and
/// (after the user added it) parked in Monaco with the casino as its
/// navigation destination when `destination` is set.
async fn parked_in_monaco(routing_url: Option<&str>, destination: bool) -> (TestApp, Browser) {
    let url = routing_url.map(str::to_owned);
    let app = TestApp::spawn_with(|c| {
        c.map.routing_url = url;
        c.map.tiles_mbtiles = Some(map_data().join("monaco.mbtiles"));
    })
    .await;
    app.vehicle(VIN, 12_000.0).await;
    let owner = app.signed_in("sofie@example.be").await;
    owner.add_vehicle(VIN).await;
    app.clock.advance(chrono::Duration::minutes(10));
    let mut parked = json!({"position": {"lat": PARKED.0, "lon": PARKED.1, "label": "Avenue Camille Blanc, 98000 Monaco"}});
    if destination {
        parked["destination"] =
            json!({"lat": CASINO.0, "lon": CASINO.1, "label": "Casino de Monte-Carlo"});
    }
    let body = json!({"messages": [{"message_id": "monaco", "recorded_at": app.rfc3339(-60), "parked": parked}]});
    let resp = app.ingest(VIN, Some(&key()), &body).await;
    assert_eq!(resp.status(), 200, "{}", resp.text().await.unwrap());
    (app, owner)
}

fn walk_path(from: (f64, f64)) -> String {
    format!(
        "/api/vehicles/{VIN}/walk?from_lat={}&from_lon={}",
        from.0, from.1
    )
}

fn car_to_door_path() -> String {
    format!("/api/vehicles/{VIN}/car-to-door")
}

fn metres(a: (f64, f64), b: mijn_lexus_contract::map::LatLon) -> f64 {
    mijn_lexus_contract::map::LatLon { lat: a.0, lon: a.1 }.distance_m(b)
}

#[tokio::test]
async fn d1_d2_walking_routes_along_real_streets() {
    let osrm = Osrm::start().await;
    let (_app, owner) = parked_in_monaco(Some(&osrm.url), true).await;

    let config: MapConfig = owner.get("/api/map/config").await.json().await.unwrap();
    assert!(config.routing);

    // D1: from the walker to the car.
    let started = Instant::now();
    let resp = owner.get(&walk_path(WALKER)).await;
    let walk_ms = started.elapsed().as_millis();
    assert_eq!(resp.status(), 200, "{}", resp.text().await.unwrap());
    let walk: WalkToCar = resp.json().await.unwrap();
    let route = &walk.route;
    assert!(
        (200.0..3000.0).contains(&route.distance_m),
        "{} m",
        route.distance_m
    );
    // foot.lua walks about 5 km/h.
    let speed_kmh = route.distance_m / route.duration_s * 3.6;
    assert!((3.0..7.0).contains(&speed_kmh), "{speed_kmh} km/h");
    assert!(route.geometry.len() > 5);
    assert!(metres(WALKER, route.geometry[0]) < 50.0);
    assert!(metres(PARKED, *route.geometry.last().unwrap()) < 50.0);
    assert_eq!(route.steps.first().unwrap().maneuver, Maneuver::Depart);
    assert_eq!(route.steps.last().unwrap().maneuver, Maneuver::Arrive);
    assert!(route.steps.len() >= 3);
    assert!(
        route.steps.iter().any(|s| s.street.is_some()),
        "street names"
    );
    let step_sum: f64 = route.steps.iter().map(|s| s.distance_m).sum();
    assert!((step_sum - route.distance_m).abs() < 5.0);
    assert_eq!(
        walk.parked.label.as_deref(),
        Some("Avenue Camille Blanc, 98000 Monaco")
    );

    // D2: from the car to the casino.
    let started = Instant::now();
    let resp = owner.get(&car_to_door_path()).await;
    let door_ms = started.elapsed().as_millis();
    assert_eq!(resp.status(), 200, "{}", resp.text().await.unwrap());
    let door: CarToDoor = resp.json().await.unwrap();
    assert_eq!(
        door.destination.label.as_deref(),
        Some("Casino de Monte-Carlo")
    );
    assert!(
        (250.0..900.0).contains(&door.route.distance_m),
        "{} m",
        door.route.distance_m
    );
    assert!(metres(PARKED, door.route.geometry[0]) < 50.0);
    assert!(metres(CASINO, *door.route.geometry.last().unwrap()) < 80.0);
    let streets: Vec<&str> = door
        .route
        .steps
        .iter()
        .filter_map(|s| s.street.as_deref())
        .collect();
    assert!(streets.contains(&"Boulevard des Moulins"), "{streets:?}");
    eprintln!(
        "route computation through the API: walk {walk_ms} ms ({:.0} m, {} steps), car to door {door_ms} ms ({:.0} m, {} steps)",
        route.distance_m,
        route.steps.len(),
        door.route.distance_m,
        door.route.steps.len()
    );
    assert!(walk_ms < 2000 && door_ms < 2000);
}

#[tokio::test]
async fn what_cannot_be_walked_is_said_clearly() {
    let osrm = Osrm::start().await;
    let (app, owner) = parked_in_monaco(Some(&osrm.url), false).await;
    // From Brussels: too far, whatever the router says.
    expect_error(
        owner.get(&walk_path((50.8467, 4.3525))).await,
        422,
        ErrorCode::TooFarToWalk,
    )
    .await;
    // Bad coordinates: each field named.
    let err = expect_error(
        owner
            .get(&format!(
                "/api/vehicles/{VIN}/walk?from_lat=91&from_lon=abc"
            ))
            .await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(err.field("from_lat"), Some(ErrorCode::OutOfRange));
    assert_eq!(err.field("from_lon"), Some(ErrorCode::InvalidValue));
    let err = expect_error(
        owner.get(&format!("/api/vehicles/{VIN}/walk")).await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(err.field("from_lat"), Some(ErrorCode::Required));
    // Parked without a navigation destination: no car to door.
    expect_error(
        owner.get(&car_to_door_path()).await,
        409,
        ErrorCode::NoDestination,
    )
    .await;
    // In the sea, kilometres from any path: the router finds no segment.
    expect_error(
        owner.get(&walk_path((43.70, 7.43))).await,
        422,
        ErrorCode::NoRoute,
    )
    .await;

    // A car that has not reported a position since this user has it.
    let other_vin = "JTHBAAH2X07654321";
    app.vehicle(other_vin, 5_000.0).await;
    owner.add_vehicle(other_vin).await;
    expect_error(
        owner
            .get(&format!(
                "/api/vehicles/{other_vin}/walk?from_lat=43.74&from_lon=7.42"
            ))
            .await,
        409,
        ErrorCode::NoParkedPosition,
    )
    .await;
}

#[tokio::test]
async fn provider_failures_are_clear_errors_not_500s() {
    let ok_route = r#"{"code":"Ok","routes":[{"distance":300,"duration":216,
        "geometry":{"type":"LineString","coordinates":[[7.4218,43.7392],[7.4248,43.7417]]},
        "legs":[{"steps":[
          {"distance":300,"duration":216,"name":"Boulevard Princesse Charlotte","maneuver":{"type":"depart","location":[7.4218,43.7392]}},
          {"distance":0,"duration":0,"name":"","maneuver":{"type":"arrive","location":[7.4248,43.7417]}}]}]}]}"#;
    let cases: [(Option<String>, ErrorCode, u16); 5] = [
        (
            Some(
                fake_provider(
                    400,
                    r#"{"code":"NoRoute","message":"Impossible route between points"}"#,
                    Duration::ZERO,
                )
                .await,
            ),
            ErrorCode::NoRoute,
            422,
        ),
        (
            Some(fake_provider(500, "<html>oops</html>", Duration::ZERO).await),
            ErrorCode::RoutingUnavailable,
            503,
        ),
        (
            // Slower than the 300 ms allowed below.
            Some(fake_provider(200, ok_route, Duration::from_secs(3)).await),
            ErrorCode::RoutingUnavailable,
            503,
        ),
        // Down: nothing listens there.
        (
            Some(format!("http://127.0.0.1:{}", free_port())),
            ErrorCode::RoutingUnavailable,
            503,
        ),
        // Not configured.
        (None, ErrorCode::RoutingUnavailable, 503),
    ];
    for (url, code, status) in cases {
        let configured = url.is_some();
        let app = TestApp::spawn_with(|c| {
            c.map.routing_url = url;
            c.map.routing_timeout_ms = 300;
        })
        .await;
        app.vehicle(VIN, 12_000.0).await;
        let owner = app.signed_in("sofie@example.be").await;
        owner.add_vehicle(VIN).await;
        app.clock.advance(chrono::Duration::minutes(10));
        let body = json!({"messages": [{"message_id": "monaco", "recorded_at": app.rfc3339(-60),
            "parked": {"position": {"lat": PARKED.0, "lon": PARKED.1},
                       "destination": {"lat": CASINO.0, "lon": CASINO.1}}}]});
        assert_eq!(app.ingest(VIN, Some(&key()), &body).await.status(), 200);
        let config: MapConfig = owner.get("/api/map/config").await.json().await.unwrap();
        assert_eq!(config.routing, configured);
        let started = Instant::now();
        for path in [walk_path(WALKER), car_to_door_path()] {
            let err = expect_error(owner.get(&path).await, status, code).await;
            assert!(!err.message.is_empty());
        }
        assert!(started.elapsed() < Duration::from_secs(3), "timeout kept");
    }

    // A good answer is mapped, and the routes a user asks for are limited.
    let url = fake_provider(200, ok_route, Duration::ZERO).await;
    let app = TestApp::spawn_with(|c| {
        c.map.routing_url = Some(url);
        c.map.routes_per_user_per_minute = 2;
    })
    .await;
    app.vehicle(VIN, 12_000.0).await;
    let owner = app.signed_in("sofie@example.be").await;
    owner.add_vehicle(VIN).await;
    app.clock.advance(chrono::Duration::minutes(10));
    let body = json!({"messages": [{"message_id": "monaco", "recorded_at": app.rfc3339(-60),
        "parked": {"position": {"lat": PARKED.0, "lon": PARKED.1}}}]});
    assert_eq!(app.ingest(VIN, Some(&key()), &body).await.status(), 200);
    for _ in 0..2 {
        let walk: WalkToCar = owner.get(&walk_path(WALKER)).await.json().await.unwrap();
        assert_eq!(
            walk.route.steps[0].street.as_deref(),
            Some("Boulevard Princesse Charlotte")
        );
        assert_eq!(walk.route.steps[1].street, None);
    }
    let resp = owner.get(&walk_path(WALKER)).await;
    assert!(resp.headers().contains_key("retry-after"));
    expect_error(resp, 429, ErrorCode::RateLimited).await;
}

#[tokio::test]
async fn privacy_mode_hides_every_position() {
    // The fake provider would answer; privacy mode must stop the request first.
    let url = fake_provider(200, r#"{"code":"NoRoute"}"#, Duration::ZERO).await;
    let (app, owner) = parked_in_monaco(Some(&url), true).await;
    let privacy = json!({"messages": [{"message_id": "privacy", "recorded_at": app.rfc3339(-5),
                                       "status": {"privacy_mode": true}}]});
    assert_eq!(app.ingest(VIN, Some(&key()), &privacy).await.status(), 200);
    for path in [walk_path(WALKER), car_to_door_path()] {
        let resp = owner.get(&path).await;
        assert_eq!(resp.status(), 409);
        let text = resp.text().await.unwrap();
        assert!(text.contains("privacy_mode_on"), "{text}");
        assert!(
            !text.contains("43.74") && !text.contains("7.42") && !text.contains("Camille"),
            "no position in {text}"
        );
    }
    // Privacy mode off again: the route is back.
    let off = json!({"messages": [{"message_id": "privacy-off", "recorded_at": app.rfc3339(-1),
                                   "status": {"privacy_mode": false}}]});
    assert_eq!(app.ingest(VIN, Some(&key()), &off).await.status(), 200);
    expect_error(owner.get(&walk_path(WALKER)).await, 422, ErrorCode::NoRoute).await;
}

#[tokio::test]
async fn others_never_get_positions() {
    let url = fake_provider(200, r#"{"code":"NoRoute"}"#, Duration::ZERO).await;
    let (app, owner) = parked_in_monaco(Some(&url), true).await;
    // A stranger: the vehicle does not exist for them.
    let stranger = app.signed_in("stranger@example.be").await;
    for path in [walk_path(WALKER), car_to_door_path()] {
        expect_error(stranger.get(&path).await, 404, ErrorCode::NotFound).await;
    }
    // Signed out.
    let anonymous = app.browser().await;
    expect_error(
        anonymous.get(&walk_path(WALKER)).await,
        401,
        ErrorCode::Unauthenticated,
    )
    .await;
    // A secondary user has no location right.
    let resp = owner
        .post(
            &format!("/api/vehicles/{VIN}/invitations"),
            &json!({"email": "sec@example.be"}),
        )
        .await;
    assert_eq!(resp.status(), 201);
    let token = app.token_from_mail("sec@example.be", "/invitation").await;
    let secondary = app.signed_in("sec@example.be").await;
    let resp = secondary
        .post("/api/invitations/accept", &json!({"token": token}))
        .await;
    assert_eq!(resp.status(), 200);
    for path in [walk_path(WALKER), car_to_door_path()] {
        let resp = secondary.get(&path).await;
        assert_eq!(resp.status(), 403);
        let text = resp.text().await.unwrap();
        assert!(text.contains("permission_denied") && !text.contains("43.74"));
    }
    // The former owner: after removing the car it is gone for them.
    assert_eq!(
        owner.delete(&format!("/api/vehicles/{VIN}")).await.status(),
        204
    );
    for path in [walk_path(WALKER), car_to_door_path()] {
        expect_error(owner.get(&path).await, 404, ErrorCode::NotFound).await;
    }
}
