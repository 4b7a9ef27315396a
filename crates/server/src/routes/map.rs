//! Maps (D1, D2): the map configuration, walking routes to and from the
//! parked car, and the tiles. Rules: [`crate::map`].

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use mijn_lexus_contract::map::{
    parse_geocode_query, CarToDoor, GeocodeResults, LatLon, MapConfig, WalkToCar,
};
use mijn_lexus_contract::routes::{
    vehicle_car_to_door, vehicle_walk, MAP_CONFIG, MAP_GEOCODE, MAP_WORLD, TILES_PREFIX,
};
use mijn_lexus_contract::ErrorCode;
use tower_http::compression::CompressionLayer;

use crate::error::{AppError, AppResult};
use crate::garage::UserVehicle;
use crate::map::{geocoding, walks};
use crate::security::session::SignedIn;
use crate::state::AppState;

/// Tiles do not change while the server runs; a day keeps maps fast.
const TILE_CACHE: &str = "public, max-age=86400";

pub fn router() -> Router<AppState> {
    Router::new()
        .route(MAP_CONFIG, get(config))
        .route(MAP_GEOCODE, get(geocode))
        .route(&vehicle_walk("{vin}"), get(walk))
        .route(&vehicle_car_to_door("{vin}"), get(car_to_door))
}

/// Mounted beside `/api` (see `app::router`): `/tiles/{z}/{x}/{y}.pbf`
/// (`.png`) and the world background.
pub fn tiles_router() -> Router<AppState> {
    Router::new()
        .route(&format!("{TILES_PREFIX}/{{z}}/{{x}}/{{y}}"), get(tile))
        .route(MAP_WORLD, get(world))
        // The world outline is text (97 KB, 30 KB gzip); tiles come
        // compressed already and are left as they are.
        .layer(CompressionLayer::new())
}

/// GET /map/config.
async fn config(State(state): State<AppState>) -> Json<MapConfig> {
    Json(state.map.config())
}

/// GET /map/geocode?q=: addresses and places matching `q`.
async fn geocode(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Json<GeocodeResults>> {
    let query = parse_geocode_query(q.get("q").map(String::as_str))
        .map_err(|code| AppError::field("q", code))?;
    Ok(Json(
        geocoding::search(&state, session.user_id, &query).await?,
    ))
}

/// GET /vehicles/{vin}/walk?from_lat=&from_lon=.
async fn walk(
    State(state): State<AppState>,
    v: UserVehicle,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Json<WalkToCar>> {
    let from = LatLon::parse_query(
        q.get("from_lat").map(String::as_str),
        q.get("from_lon").map(String::as_str),
        "from_lat",
        "from_lon",
    )?;
    Ok(Json(walks::walk_to_car(&state, &v, from).await?))
}

/// GET /vehicles/{vin}/car-to-door.
async fn car_to_door(State(state): State<AppState>, v: UserVehicle) -> AppResult<Json<CarToDoor>> {
    Ok(Json(walks::car_to_door(&state, &v).await?))
}

/// GET /tiles/{z}/{x}/{y}.pbf (or .png for raster tiles of a provider).
async fn tile(
    State(state): State<AppState>,
    Path((z, x, y)): Path<(String, String, String)>,
) -> AppResult<Response> {
    let tiles = state.map.tiles.as_ref().ok_or(ErrorCode::NotFound)?;
    let tile = tiles
        .tile(&z, &x, &y)
        .await?
        .map_err(|_| ErrorCode::TilesUnavailable)?
        .ok_or(ErrorCode::NotFound)?;
    if tile.data.is_empty() {
        let mut resp = StatusCode::NO_CONTENT.into_response();
        resp.headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static(TILE_CACHE));
        return Ok(resp);
    }
    let content_type =
        HeaderValue::from_str(&tile.content_type).map_err(|_| ErrorCode::TilesUnavailable)?;
    let gzip = tile.gzip;
    let mut resp = tile.data.into_response();
    let headers = resp.headers_mut();
    headers.insert(CONTENT_TYPE, content_type);
    if gzip {
        headers.insert(CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(TILE_CACHE));
    Ok(resp)
}

/// GET /tiles/world.geojson: the low-zoom world background.
async fn world(State(state): State<AppState>) -> AppResult<Response> {
    let world = state.map.world.clone().ok_or(ErrorCode::NotFound)?;
    let mut resp = world.into_response();
    let headers = resp.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/geo+json"),
    );
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(TILE_CACHE));
    Ok(resp)
}
