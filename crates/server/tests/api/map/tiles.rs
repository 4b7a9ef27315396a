//! Maps: the vector tiles from the MBTiles file, the world background and
//! the tiles of a hosted provider fetched through our server.

use super::*;

/// The XYZ tile of a point at zoom `z` (Web Mercator).
fn tile_of(lat: f64, lon: f64, z: u32) -> (u32, u32) {
    let n = f64::from(1u32 << z);
    let x = ((lon + 180.0) / 360.0 * n).floor() as u32;
    let lat = lat.to_radians();
    let y = ((1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0 * n).floor()
        as u32;
    (x, y)
}

#[tokio::test]
async fn tiles_come_from_the_mbtiles() {
    let world = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        world.path(),
        r#"{"type":"FeatureCollection","features":[]}"#,
    )
    .unwrap();
    let world_path = world.path().to_owned();
    let app = TestApp::spawn_with(|c| {
        c.map.tiles_mbtiles = Some(map_data().join("monaco.mbtiles"));
        c.map.map_world_geojson = Some(world_path);
    })
    .await;
    let b = app.browser().await;
    let config: MapConfig = b.get("/api/map/config").await.json().await.unwrap();
    let Some(TileSource::Vector {
        url,
        min_zoom,
        max_zoom,
    }) = &config.tiles
    else {
        panic!("vector tiles expected: {config:?}");
    };
    assert_eq!(url, "/tiles/{z}/{x}/{y}.pbf");
    assert_eq!((*min_zoom, *max_zoom), (0, 14));
    let region = config.region.expect("bounds of the extract");
    assert!(region.contains(mijn_lexus_contract::map::LatLon {
        lat: CASINO.0,
        lon: CASINO.1
    }));
    assert_eq!(config.attribution, ["© OpenStreetMap contributors"]);
    assert!(!config.routing && !config.geocoding);

    let (x, y) = tile_of(CASINO.0, CASINO.1, 14);
    let started = Instant::now();
    let resp = b.get(&format!("/tiles/14/{x}/{y}.pbf")).await;
    let tile_ms = started.elapsed().as_millis();
    assert_eq!(resp.status(), 200);
    let h = resp.headers();
    assert_eq!(h["content-encoding"], "gzip");
    assert_eq!(h["content-type"], "application/vnd.mapbox-vector-tile");
    assert!(h["cache-control"].to_str().unwrap().starts_with("public"));
    let body = resp.bytes().await.unwrap();
    assert!(body.len() > 1000 && body.starts_with(&[0x1f, 0x8b]));
    eprintln!("tile 14/{x}/{y}: {} bytes in {tile_ms} ms", body.len());
    // The world tile too.
    assert_eq!(b.get("/tiles/0/0/0.pbf").await.status(), 200);

    // A tile of the grid with nothing on it (outside the extract): 204 and
    // no body, which map renderers draw as an empty tile.
    let resp = b.get("/tiles/14/0/0.pbf").await;
    assert_eq!(resp.status(), 204);
    assert!(resp.bytes().await.unwrap().is_empty());

    // Beyond the zoom range or the zoom's grid, or not a tile address: 404,
    // never a 500.
    for (path, status) in [
        (format!("/tiles/15/{x}/{y}.pbf"), 404),
        ("/tiles/a/b/c.pbf".to_owned(), 404),
        ("/tiles/3/1/1.png".to_owned(), 404),
        ("/tiles/-1/0/0.pbf".to_owned(), 404),
        ("/tiles/99999999999999999999/0/0.pbf".to_owned(), 404),
        ("/tiles/2/4/0.pbf".to_owned(), 404),
        ("/tiles/2/0/4.pbf".to_owned(), 404),
        ("/tiles/3/4294967295/0.pbf".to_owned(), 404),
    ] {
        let resp = b.get(&path).await;
        assert_eq!(resp.status(), status, "{path}");
    }

    let resp = b.get("/tiles/world.geojson").await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "application/geo+json");
    let world: Value = resp.json().await.unwrap();
    assert_eq!(world["type"], "FeatureCollection");
    // Text travels compressed to a browser that takes it.
    let resp = reqwest::Client::new()
        .get(format!("{}/tiles/world.geojson", app.base))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["content-encoding"], "gzip");
    assert_eq!(
        config.world_background_url.as_deref(),
        Some("/tiles/world.geojson")
    );
}

#[tokio::test]
async fn without_providers_the_map_says_so() {
    let app = TestApp::spawn().await;
    let b = app.browser().await;
    let config: MapConfig = b.get("/api/map/config").await.json().await.unwrap();
    assert_eq!(config.tiles, None);
    assert!(config.attribution.is_empty());
    assert!(!config.routing && config.world_background_url.is_none());
    assert_eq!(b.get("/tiles/0/0/0.pbf").await.status(), 404);
    assert_eq!(b.get("/tiles/world.geojson").await.status(), 404);
}

#[tokio::test]
async fn tiles_of_a_hosted_provider_come_through_our_server() {
    use axum::extract::{Path, Query};
    use std::collections::HashMap;
    // A raster provider that wants its key and has no tiles at zoom 5.
    let provider = axum::Router::new().route(
        "/{z}/{x}/{y}",
        axum::routing::get(
            |Path((z, x, y)): Path<(u32, u32, String)>,
             Query(q): Query<HashMap<String, String>>| async move {
                if q.get("key").map(String::as_str) != Some("secret-key") {
                    return (
                        axum::http::StatusCode::FORBIDDEN,
                        [("content-type", "text/plain")],
                        String::new(),
                    );
                }
                if z == 5 {
                    return (
                        axum::http::StatusCode::NOT_FOUND,
                        [("content-type", "text/plain")],
                        String::new(),
                    );
                }
                (
                    axum::http::StatusCode::OK,
                    [("content-type", "image/png")],
                    format!("png {z}/{x}/{y}"),
                )
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, provider).await.unwrap() });

    let template = format!("{base}/{{z}}/{{x}}/{{y}}.png?key=secret-key");
    let app = TestApp::spawn_with(|c| {
        c.map.tiles_url = Some(template);
        c.map.tiles_format = mijn_lexus_server::config::TileFormat::Raster;
        c.map.tiles_max_zoom = 18;
    })
    .await;
    let b = app.browser().await;
    let config: MapConfig = b.get("/api/map/config").await.json().await.unwrap();
    assert_eq!(
        config.tiles,
        Some(TileSource::Raster {
            url: "/tiles/{z}/{x}/{y}.png".into(),
            min_zoom: 0,
            max_zoom: 18
        })
    );
    assert!(config.region.is_none());
    assert_eq!(config.attribution, ["© OpenStreetMap contributors"]);
    let resp = b.get("/tiles/3/4/2.png").await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "image/png");
    assert!(resp.headers().get("content-encoding").is_none());
    let text = resp.text().await.unwrap();
    assert_eq!(text, "png 3/4/2.png");
    assert!(!text.contains("secret"));
    assert_eq!(b.get("/tiles/5/1/1.png").await.status(), 404);
    assert_eq!(b.get("/tiles/19/1/1.png").await.status(), 404);
    assert_eq!(b.get("/tiles/2/4/1.png").await.status(), 404);

    // The provider down: 503, not 500.
    let down = format!("http://127.0.0.1:{}/{{z}}/{{x}}/{{y}}.png", free_port());
    let app = TestApp::spawn_with(|c| c.map.tiles_url = Some(down)).await;
    let b = app.browser().await;
    let resp = b.get("/tiles/3/4/2.pbf").await;
    assert_eq!(resp.status(), 503);
    assert!(resp.text().await.unwrap().contains("tiles_unavailable"));
}
