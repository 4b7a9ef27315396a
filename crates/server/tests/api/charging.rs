//! Public charge points (D4): the OCPI importer, the near search with its
//! filters, the search near the car (access, privacy mode) and the
//! simulated availability.

use std::process::Command;

use crate::common::*;
use mijn_lexus_contract::ErrorCode;
use mijn_lexus_server::charging::{self, ocpi};
use serde_json::{json, Value};

const VIN: &str = "JTHBA1D20K5000401";

fn connector(id: &str, standard: &str, power_type: &str, v: u32, a: u32, w: Option<u32>) -> Value {
    let mut c = json!({"id": id, "standard": standard, "format": "CABLE", "power_type": power_type,
                       "max_voltage": v, "max_amperage": a, "last_updated": "2026-11-20T08:00:00Z"});
    if let Some(w) = w {
        c["max_electric_power"] = json!(w);
    }
    c
}

fn evse(uid: &str, status: &str, connectors: Vec<Value>) -> Value {
    json!({"uid": uid, "status": status, "connectors": connectors,
           "last_updated": "2026-11-20T08:00:00Z"})
}

fn location(id: &str, lat: f64, lon: f64, evses: Vec<Value>) -> Value {
    json!({"country_code": "MC", "party_id": "TST", "id": id, "name": format!("Station {id}"),
           "address": "Place du Casino", "city": "Monaco", "postal_code": "98000", "country": "MCO",
           "coordinates": {"latitude": format!("{lat:.6}"), "longitude": format!("{lon:.6}")},
           "evses": evses, "operator": {"name": "Test CPO"}, "time_zone": "Europe/Monaco",
           "opening_times": {"twentyfourseven": true}, "last_updated": "2026-11-20T08:00:00Z"})
}

/// Four stations: three in Monaco at growing distances from the casino,
/// one in Nice (about 14 km).
fn stations() -> Value {
    let t2 = |id| connector(id, "IEC_62196_T2", "AC_3_PHASE", 230, 32, None);
    json!({"data": [
        location("NICE", 43.7034, 7.2663, vec![evse("N1", "AVAILABLE", vec![t2("1")])]),
        location("C-MIXED", 43.7330, 7.4200, vec![
            evse("C1", "AVAILABLE", vec![connector("1", "CHADEMO", "DC", 500, 125, Some(50_000)),
                                          connector("2", "IEC_62196_T2", "AC_3_PHASE", 230, 16, None)]),
            evse("C2", "REMOVED", vec![connector("1", "IEC_62196_T2_COMBO", "DC", 920, 500, Some(350_000))]),
        ]),
        location("A-NEAR", 43.7400, 7.4280, vec![evse("A1", "AVAILABLE", vec![t2("1")])]),
        location("B-FAST", 43.7360, 7.4240, vec![
            evse("B1", "CHARGING", vec![connector("1", "IEC_62196_T2_COMBO", "DC", 920, 200, Some(150_000))]),
        ]),
    ], "status_code": 1000, "timestamp": "2026-11-20T08:00:00Z"})
}

async fn import(app: &TestApp, file: &Value) {
    let locations = ocpi::parse(&file.to_string()).expect("valid file");
    charging::import(&app.db, &locations, app.clock_unix())
        .await
        .unwrap();
}

/// The ids of a search's answer, in order.
async fn search(b: &Browser, query: &str) -> Vec<String> {
    let resp = b.get(&format!("/api/charge-points?{query}")).await;
    assert_eq!(
        resp.status(),
        200,
        "{query}: {}",
        resp.text().await.unwrap()
    );
    let list: Value = resp.json().await.unwrap();
    list["charge_points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_owned())
        .collect()
}

const CASINO: &str = "lat=43.7396&lon=7.4276";

#[tokio::test]
async fn d4_filters_and_distance_order() {
    let app = TestApp::spawn().await;
    import(&app, &stations()).await;
    let b = app.signed_in("cp@example.be").await;

    assert_eq!(search(&b, CASINO).await, ["A-NEAR", "B-FAST", "C-MIXED"]);
    assert_eq!(
        search(&b, &format!("{CASINO}&radius_km=20")).await,
        ["A-NEAR", "B-FAST", "C-MIXED", "NICE"]
    );
    assert_eq!(
        search(&b, &format!("{CASINO}&standard=IEC_62196_T2_COMBO")).await,
        ["B-FAST"],
        "a removed EVSE's CCS does not count"
    );
    assert_eq!(
        search(&b, &format!("{CASINO}&standard=CHADEMO")).await,
        ["C-MIXED"]
    );
    assert_eq!(
        search(&b, &format!("{CASINO}&min_power_kw=100")).await,
        ["B-FAST"]
    );
    assert_eq!(
        search(&b, &format!("{CASINO}&min_power_kw=22")).await,
        ["A-NEAR", "B-FAST", "C-MIXED"]
    );
    assert_eq!(
        search(&b, &format!("{CASINO}&available=true")).await,
        ["A-NEAR", "C-MIXED"]
    );
    assert!(
        search(&b, &format!("{CASINO}&available=true&min_power_kw=100"))
            .await
            .is_empty()
    );
    assert_eq!(
        search(&b, &format!("{CASINO}&limit=2")).await,
        ["A-NEAR", "B-FAST"]
    );

    // The OCPI model as exposed: power by the OCPI rule, counts, distances.
    let list: Value = b
        .get(&format!("/api/charge-points?{CASINO}"))
        .await
        .json()
        .await
        .unwrap();
    let a = &list["charge_points"][0];
    assert_eq!(a["evses"][0]["connectors"][0]["max_power_kw"], 22.1);
    assert_eq!(a["evses"][0]["status"], "AVAILABLE");
    assert!(a["distance_km"].as_f64().unwrap() < 0.1);
    let c = &list["charge_points"][2];
    assert_eq!(c["total_evses"], 1, "removed EVSEs are not listed");
    assert_eq!(c["available_evses"], 1);
    assert_eq!(c["max_power_kw"], 50.0);
    assert_eq!(c["evses"][0]["connectors"][1]["max_power_kw"], 11.0);

    // Bad queries: named by field; anonymous: refused.
    let err = expect_error(
        b.get("/api/charge-points?lat=95&standard=TYPE2&radius_km=500")
            .await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(err.field("lat"), Some(ErrorCode::CoordinateInvalid));
    assert_eq!(err.field("lon"), Some(ErrorCode::Required));
    assert_eq!(err.field("standard"), Some(ErrorCode::InvalidValue));
    assert_eq!(err.field("radius_km"), Some(ErrorCode::OutOfRange));
    let anonymous = app.browser().await;
    assert_eq!(
        anonymous
            .get(&format!("/api/charge-points?{CASINO}"))
            .await
            .status(),
        401
    );
}

/// A file with one change at `pointer`, pretty-printed (so lines mean
/// something); the line of `needle` in it.
fn broken(file: &Value, pointer: &str, value: Option<Value>, needle: &str) -> (String, usize) {
    let mut file = file.clone();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let target = file.pointer_mut(parent).unwrap();
    match value {
        Some(v) => match target {
            Value::Array(a) => a[key.parse::<usize>().unwrap()] = v,
            other => other[key] = v,
        },
        None => {
            target.as_object_mut().unwrap().remove(key);
        }
    }
    let text = serde_json::to_string_pretty(&file).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains(needle))
        .map_or(0, |i| i + 1);
    (text, line)
}

#[tokio::test]
async fn d4_the_importer_names_the_line_and_field_of_a_malformed_file() {
    let file = stations();
    // A voltage as text.
    let (text, line) = broken(
        &file,
        "/data/1/evses/0/connectors/1/max_voltage",
        Some(json!("230")),
        "\"230\"",
    );
    let e = ocpi::parse(&text).unwrap_err();
    assert_eq!(e.path, "data[1].evses[0].connectors[1].max_voltage");
    assert_eq!(e.line, Some(line));
    assert!(
        e.to_string().starts_with(&format!("line {line}, column ")),
        "{e}"
    );
    // A latitude out of range, an unknown plug, a zero current, no connectors.
    for (pointer, value, path, says) in [
        (
            "/data/2/coordinates/latitude",
            json!("95.000000"),
            "data[2].coordinates.latitude",
            "outside -90..90",
        ),
        (
            "/data/3/evses/0/connectors/0/standard",
            json!("TYPE2"),
            "data[3].evses[0].connectors[0].standard",
            "unknown variant `TYPE2`",
        ),
        (
            "/data/0/evses/0/connectors/0/max_amperage",
            json!(0),
            "data[0].evses[0].connectors[0].max_amperage",
            "above 0",
        ),
        (
            "/data/0/evses/0/connectors",
            json!([]),
            "data[0].evses[0].connectors",
            "at least one",
        ),
        ("/data/1/country", json!("BE"), "data[1].country", "alpha-3"),
        (
            "/data/1/evses/0/status",
            json!("FREE"),
            "data[1].evses[0].status",
            "unknown variant",
        ),
    ] {
        let (text, _) = broken(&file, pointer, Some(value), "");
        let e = ocpi::parse(&text).unwrap_err();
        assert_eq!(e.path, path, "{e}");
        assert!(e.line.is_some_and(|l| l > 1), "{e}");
        assert!(e.problem.contains(says), "{e}");
    }
    // A missing field is named, at its object's line.
    let (text, _) = broken(&file, "/data/2/time_zone", None, "");
    let e = ocpi::parse(&text).unwrap_err();
    assert_eq!(e.path, "data[2].time_zone");
    assert_eq!(e.problem, "required");
    // A bare array of locations: paths without `data`.
    let bare = serde_json::to_string_pretty(&file["data"]).unwrap();
    assert_eq!(ocpi::parse(&bare).unwrap().len(), 4);
    let (text, _) = broken(&file["data"], "/0/country", Some(json!("mco")), "");
    assert_eq!(ocpi::parse(&text).unwrap_err().path, "[0].country");
    // Not JSON at all, cut off, or the same EVSE twice.
    let e = ocpi::parse("{\"data\": [\n  {\"id\": ").unwrap_err();
    assert_eq!(e.line, Some(2));
    let mut twice = file.clone();
    let evse = twice["data"][3]["evses"][0].clone();
    twice["data"][3]["evses"].as_array_mut().unwrap().push(evse);
    let e = ocpi::parse(&twice.to_string()).unwrap_err();
    assert_eq!(e.path, "data[3].evses[1].uid");
}

fn import_command(db: &std::path::Path, file: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_mijn-lexus-server"))
        .arg("--database-url")
        .arg(format!("sqlite://{}", db.display()))
        .arg("import-charge-points")
        .arg("--file")
        .arg(file)
        .output()
        .expect("the server binary runs")
}

#[tokio::test]
async fn d4_import_charge_points_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data").join("portal.db");
    let file = dir.path().join("locations.json");
    let (text, line) = broken(
        &stations(),
        "/data/1/evses/0/connectors/1/max_voltage",
        Some(json!(-230)),
        "-230",
    );
    std::fs::write(&file, text).unwrap();
    let out = import_command(&db, &file);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains(&format!("line {line}, column "))
            && stderr.contains("data[1].evses[0].connectors[1].max_voltage")
            && stderr.contains("nothing imported"),
        "{stderr}"
    );

    std::fs::write(&file, serde_json::to_string_pretty(&stations()).unwrap()).unwrap();
    let out = import_command(&db, &file);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("imported 4 locations, 5 EVSEs, 6 connectors"),
        "{stdout}"
    );
    // Importing again replaces, it does not add.
    assert!(import_command(&db, &file).status.success());
    let db_url = format!("sqlite://{}", db.display());
    let app = TestApp::spawn_with(|c| c.database_url = db_url).await;
    assert_eq!(app.count("SELECT COUNT(*) FROM charge_locations").await, 4);
    let b = app.signed_in("import@example.be").await;
    assert_eq!(search(&b, CASINO).await, ["A-NEAR", "B-FAST", "C-MIXED"]);
}

#[tokio::test]
async fn d4_near_the_car_follows_access_and_privacy_mode() {
    let app = TestApp::spawn().await;
    charging::ensure_demo_charge_points(&app.db, app.clock_unix())
        .await
        .unwrap();
    // Parked in Mechelen (the test vehicle's last position).
    let v = app.vehicle(VIN, 12_000.0).await;
    let main = app.signed_in("near@example.be").await;
    main.add_vehicle(VIN).await;
    let near = format!("/api/vehicles/{VIN}/charge-points");
    // No position known since the user has the car.
    expect_error(main.get(&near).await, 409, ErrorCode::NoParkedPosition).await;
    app.clock.advance(chrono::Duration::minutes(5));
    let parked = json!({"messages": [{"message_id": "parked-cp", "recorded_at": app.rfc3339(-60),
        "parked": {"position": {"lat": 51.0196, "lon": 4.4856, "label": "Mechelen"}}}]});
    assert_eq!(app.ingest(VIN, Some(&v.key), &parked).await.status(), 200);
    let resp = main.get(&near).await;
    assert_eq!(resp.status(), 200);
    let list: Value = resp.json().await.unwrap();
    let ids: Vec<&str> = list["charge_points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.first(), Some(&"BE-MEC-HANSWIJK"), "{ids:?}");
    assert!(ids.contains(&"BE-MEC-STATION"));
    let distances: Vec<f64> = list["charge_points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["distance_km"].as_f64().unwrap())
        .collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
    // Near the car takes no coordinates.
    let err = expect_error(
        main.get(&format!("{near}?lat=50.0&lon=4.0")).await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(err.field("lat"), Some(ErrorCode::InvalidValue));

    // A stranger does not find the vehicle; a secondary user may not use its position.
    let stranger = app.signed_in("nosy@example.be").await;
    expect_error(stranger.get(&near).await, 404, ErrorCode::NotFound).await;
    main.post(
        &format!("/api/vehicles/{VIN}/invitations"),
        &json!({"email": "sec-cp@example.be"}),
    )
    .await;
    let token = app
        .token_from_mail("sec-cp@example.be", "/invitation")
        .await;
    let sec = app.signed_in("sec-cp@example.be").await;
    sec.post("/api/invitations/accept", &json!({"token": token}))
        .await;
    expect_error(sec.get(&near).await, 403, ErrorCode::PermissionDenied).await;

    // Privacy mode: the car's position is not used.
    let privacy = json!({"messages": [{"message_id": "privacy-cp", "recorded_at": app.rfc3339(-5),
                                       "status": {"privacy_mode": true}}]});
    assert_eq!(app.ingest(VIN, Some(&v.key), &privacy).await.status(), 200);
    let resp = main.get(&near).await;
    let err = expect_error(resp, 409, ErrorCode::PrivacyModeOn).await;
    assert!(!format!("{err:?}").contains("51.0"));
}

#[tokio::test]
async fn d4_the_simulator_changes_availability_over_time() {
    use mijn_lexus_server::simulator::live::{change_availability, AVAILABILITY_SLOT_SECS};
    use mijn_lexus_server::Clock;
    let app = TestApp::spawn().await;
    charging::ensure_demo_charge_points(&app.db, app.clock_unix())
        .await
        .unwrap();
    let b = app.signed_in("live@example.be").await;
    let statuses = |list: &Value| -> Vec<(String, String, String)> {
        list["charge_points"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|l| l["evses"].as_array().unwrap().clone())
            .map(|e| {
                (
                    e["uid"].as_str().unwrap().to_owned(),
                    e["status"].as_str().unwrap().to_owned(),
                    e["last_updated"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let monaco = "/api/charge-points?lat=43.7396&lon=7.4276";
    let before = statuses(&b.get(monaco).await.json().await.unwrap());
    assert!(before.len() >= 15, "{}", before.len());

    let changed = change_availability(&app.db, app.clock.now()).await.unwrap();
    assert!(changed > 0);
    let first = statuses(&b.get(monaco).await.json().await.unwrap());
    assert_ne!(first, before);
    // The same slot again changes nothing (the status of a slot is fixed).
    assert_eq!(
        change_availability(&app.db, app.clock.now()).await.unwrap(),
        0
    );
    app.clock
        .advance(chrono::Duration::seconds(AVAILABILITY_SLOT_SECS));
    assert!(change_availability(&app.db, app.clock.now()).await.unwrap() > 0);
    let after = statuses(&b.get(monaco).await.json().await.unwrap());
    let moved: Vec<_> = first
        .iter()
        .zip(&after)
        .filter(|(x, y)| x.1 != y.1)
        .collect();
    assert!(!moved.is_empty());
    let now = app
        .clock
        .now()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    assert!(moved.iter().all(|(_, y)| y.2 == now), "{moved:?}");
    // Available now follows the new statuses.
    let available: Value = b
        .get(&format!("{monaco}&available=true"))
        .await
        .json()
        .await
        .unwrap();
    for l in available["charge_points"].as_array().unwrap() {
        assert!(l["available_evses"].as_u64().unwrap() > 0, "{l}");
    }
}

#[tokio::test]
async fn d4_near_search_timing_on_the_demo_network() {
    let app = TestApp::spawn().await;
    charging::ensure_demo_charge_points(&app.db, app.clock_unix())
        .await
        .unwrap();
    let b = app.signed_in("fast@example.be").await;
    let mut times = Vec::new();
    for (i, q) in [
        "lat=43.7396&lon=7.4276",
        "lat=50.8467&lon=4.3525&radius_km=100",
        "lat=52.37&lon=4.89&radius_km=100&available=true&min_power_kw=50",
    ]
    .iter()
    .cycle()
    .take(30)
    .enumerate()
    {
        let started = std::time::Instant::now();
        let resp = b.get(&format!("/api/charge-points?{q}")).await;
        assert_eq!(resp.status(), 200, "{i}");
        let _: Value = resp.json().await.unwrap();
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let (median, worst) = (times[times.len() / 2], times[times.len() - 1]);
    eprintln!("near search over the demo network: median {median:.2} ms, worst {worst:.2} ms");
    assert!(median < 250.0, "median {median} ms");
}
