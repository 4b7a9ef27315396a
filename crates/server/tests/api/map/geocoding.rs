//! Maps (D3, D4): addresses from the offline index of the Monaco extract
//! and from a Photon-compatible provider.

use super::*;

#[tokio::test]
async fn addresses_are_found_in_the_offline_index() {
    let app = TestApp::spawn_with(|c| {
        c.map.geocoding_index = Some(map_data().join("monaco.geocode.json"));
        c.map.geocodes_per_user_per_minute = 4;
    })
    .await;
    let anonymous = app.browser().await;
    let config: MapConfig = anonymous.get("/api/map/config").await.json().await.unwrap();
    assert!(config.geocoding);
    assert_eq!(config.attribution, ["© OpenStreetMap contributors"]);
    expect_error(
        anonymous.get("/api/map/geocode?q=casino").await,
        401,
        ErrorCode::Unauthenticated,
    )
    .await;

    let b = app.signed_in("sofie@example.be").await;
    let started = Instant::now();
    let found: GeocodeResults = b
        .get("/api/map/geocode?q=casino%20monte")
        .await
        .json()
        .await
        .unwrap();
    let search_ms = started.elapsed().as_millis();
    let first = &found.results[0];
    assert_eq!(first.label, "Casino de Monte Carlo");
    assert!(metres(CASINO, first.location) < 200.0, "{first:?}");
    // Case and accents ignored; a street of the extract.
    let found: GeocodeResults = b
        .get("/api/map/geocode?q=GENERAL%20leclerc")
        .await
        .json()
        .await
        .unwrap();
    assert!(
        found
            .results
            .iter()
            .any(|r| r.label == "Boulevard du Général Leclerc"),
        "{found:?}"
    );
    eprintln!("offline geocoding through the API: {search_ms} ms");
    // Too short, too long: the field is named.
    let err = expect_error(
        b.get("/api/map/geocode?q=%20c%20").await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(err.field("q"), Some(ErrorCode::Required));
    let long = "a".repeat(201);
    let err = expect_error(
        b.get(&format!("/api/map/geocode?q={long}")).await,
        422,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(err.field("q"), Some(ErrorCode::TooLong));
    // Nothing found is an empty list; the budget is per user.
    let none: GeocodeResults = b
        .get("/api/map/geocode?q=zzzzqqq")
        .await
        .json()
        .await
        .unwrap();
    assert!(none.results.is_empty());
    let resp = b.get("/api/map/geocode?q=casino").await;
    assert_eq!(resp.status(), 200);
    expect_error(
        b.get("/api/map/geocode?q=casino").await,
        429,
        ErrorCode::RateLimited,
    )
    .await;
    let other = app.signed_in("other@example.be").await;
    assert_eq!(other.get("/api/map/geocode?q=casino").await.status(), 200);
}

#[tokio::test]
async fn a_photon_provider_is_mapped_and_its_failures_are_503() {
    let photon = fake_provider(
        200,
        r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","geometry":{"type":"Point","coordinates":[4.3525,50.8467]},
             "properties":{"name":"Grote Markt","postcode":"1000","city":"Brussel","country":"België"}},
            {"type":"Feature","geometry":{"type":"Point","coordinates":[999,50]},"properties":{"name":"Broken"}},
            {"type":"Feature","geometry":{"type":"Point","coordinates":[4.40,51.22]},
             "properties":{"street":"Meir","housenumber":"50","postcode":"2000","city":"Antwerpen"}}]}"#,
        Duration::ZERO,
    )
    .await;
    let app = TestApp::spawn_with(|c| c.map.geocoding_url = Some(photon)).await;
    let b = app.signed_in("sofie@example.be").await;
    let found: GeocodeResults = b
        .get("/api/map/geocode?q=grote%20markt")
        .await
        .json()
        .await
        .unwrap();
    let labels: Vec<&str> = found.results.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(
        labels,
        ["Grote Markt, 1000 Brussel", "Meir 50, 2000 Antwerpen"]
    );

    for url in [
        Some(fake_provider(502, "bad gateway", Duration::ZERO).await),
        Some(fake_provider(200, "not json", Duration::ZERO).await),
        Some(fake_provider(200, "{}", Duration::from_secs(3)).await),
        Some(format!("http://127.0.0.1:{}", free_port())),
        None,
    ] {
        let configured = url.is_some();
        let app = TestApp::spawn_with(|c| {
            c.map.geocoding_url = url;
            c.map.geocoding_timeout_ms = 300;
        })
        .await;
        let b = app.signed_in("sofie@example.be").await;
        let config: MapConfig = b.get("/api/map/config").await.json().await.unwrap();
        assert_eq!(config.geocoding, configured);
        expect_error(
            b.get("/api/map/geocode?q=grote%20markt").await,
            503,
            ErrorCode::GeocodingUnavailable,
        )
        .await;
    }
}
