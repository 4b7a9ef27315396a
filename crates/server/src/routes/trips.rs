//! /api/vehicles/{vin}/trips, trip-settings and coaching (E1-E4). Rules
//! and SQL: [`crate::trips`]. Reading and tagging need `can_see_trips`;
//! the default purpose is the main user's.

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use mijn_lexus_contract::coaching::CoachingOverview;
use mijn_lexus_contract::routes::{
    vehicle_coaching, vehicle_logbook_csv, vehicle_trip_retention, vehicle_trip_settings,
    vehicle_trip_tags, vehicle_trip_totals, vehicle_trips,
};
use mijn_lexus_contract::trips::{
    brussels, DataRetention, PurposeTotals, TagTripsRequest, TagTripsResult, TripDetail, TripList,
    TripSettings, TripSummary, UpdateTripRequest,
};
use mijn_lexus_contract::Language;
use serde::Deserialize;

use super::ApiJson;
use crate::error::AppResult;
use crate::garage::UserVehicle;
use crate::security::session::ClientInfo;
use crate::state::AppState;
use crate::trips::list::TripQuery;
use crate::trips::{self, coaching, list, logbook, retention, tagging, PeriodQuery};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(&vehicle_trips("{vin}"), get(trip_list))
        .route(&vehicle_trip_tags("{vin}"), post(tag))
        .route(&vehicle_trip_totals("{vin}"), get(totals))
        .route(&vehicle_logbook_csv("{vin}"), get(logbook_csv))
        .route(
            &format!("{}/{{id}}", vehicle_trips("{vin}")),
            get(trip).patch(update),
        )
        .route(&vehicle_coaching("{vin}"), get(coaching_overview))
        .route(&vehicle_trip_retention("{vin}"), get(retention_info))
        .route(
            &vehicle_trip_settings("{vin}"),
            get(settings).put(set_settings),
        )
}

/// GET /vehicles/{vin}/trips
pub async fn trip_list(
    State(state): State<AppState>,
    v: UserVehicle,
    Query(q): Query<TripQuery>,
) -> AppResult<Json<TripList>> {
    v.require(|p| p.can_see_trips)?;
    Ok(Json(list::list(&state.db, &v, &q).await?))
}

/// GET /vehicles/{vin}/trips/{id}: advice in the request's language.
pub async fn trip(
    State(state): State<AppState>,
    v: UserVehicle,
    client: ClientInfo,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Json<TripDetail>> {
    v.require(|p| p.can_see_trips)?;
    Ok(Json(list::detail(&state.db, &v, id, client.lang).await?))
}

/// PATCH /vehicles/{vin}/trips/{id}: purpose and/or note.
pub async fn update(
    State(state): State<AppState>,
    v: UserVehicle,
    Path((_, id)): Path<(String, i64)>,
    ApiJson(req): ApiJson<UpdateTripRequest>,
) -> AppResult<Json<TripSummary>> {
    v.require(|p| p.can_see_trips)?;
    let note = req.note()?;
    Ok(Json(
        tagging::update(&state.db, &v, id, req.purpose, note).await?,
    ))
}

/// POST /vehicles/{vin}/trips/tags: many trips at once, all or nothing.
pub async fn tag(
    State(state): State<AppState>,
    v: UserVehicle,
    ApiJson(req): ApiJson<TagTripsRequest>,
) -> AppResult<Json<TagTripsResult>> {
    v.require(|p| p.can_see_trips)?;
    let selection = req.selection()?;
    let tagged = tagging::tag(&state.db, &v, &selection, req.purpose).await?;
    Ok(Json(TagTripsResult { tagged }))
}

/// GET /vehicles/{vin}/trips/totals?from=&to=
pub async fn totals(
    State(state): State<AppState>,
    v: UserVehicle,
    Query(q): Query<PeriodQuery>,
) -> AppResult<Json<PurposeTotals>> {
    v.require(|p| p.can_see_trips)?;
    Ok(Json(tagging::totals(&state.db, &v, q.range()?).await?))
}

/// GET /vehicles/{vin}/trip-settings
pub async fn settings(
    State(state): State<AppState>,
    v: UserVehicle,
) -> AppResult<Json<TripSettings>> {
    v.require(|p| p.can_see_trips)?;
    Ok(Json(tagging::settings(&state.db, &v).await?))
}

/// PUT /vehicles/{vin}/trip-settings (main user).
pub async fn set_settings(
    State(state): State<AppState>,
    v: UserVehicle,
    ApiJson(req): ApiJson<TripSettings>,
) -> AppResult<Json<TripSettings>> {
    trips::require_main(&v)?;
    Ok(Json(tagging::set_settings(&state.db, &v, &req).await?))
}

/// `?lang=` of the logbook export.
#[derive(Debug, Deserialize)]
pub struct LangQuery {
    pub lang: Option<String>,
}

/// GET /vehicles/{vin}/trips/logbook.csv?from=&to=&lang=: headers and
/// number format in `lang`, else the account's language.
pub async fn logbook_csv(
    State(state): State<AppState>,
    v: UserVehicle,
    Query(period): Query<PeriodQuery>,
    Query(q): Query<LangQuery>,
) -> AppResult<impl IntoResponse> {
    v.require(|p| p.can_see_trips)?;
    let range = period.range()?;
    let lang = match q.lang.as_deref().and_then(Language::from_code) {
        Some(lang) => lang,
        None => crate::accounts::find_user(&state.db, v.user_id)
            .await?
            .map(|u| u.language())
            .unwrap_or_default(),
    };
    let csv = logbook::export(&state.db, &v, range, lang).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", csv.file_name),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        csv.body,
    ))
}

/// Months the coaching page covers when no period is given.
const COACHING_DEFAULT_MONTHS: u32 = 12;

/// GET /vehicles/{vin}/coaching?from=&to= (default: the last 12 months).
pub async fn coaching_overview(
    State(state): State<AppState>,
    v: UserVehicle,
    Query(q): Query<PeriodQuery>,
) -> AppResult<Json<CoachingOverview>> {
    v.require(|p| p.can_see_trips)?;
    let today = brussels::date(state.clock.now());
    let range = q.range_or_last_months(today, COACHING_DEFAULT_MONTHS)?;
    Ok(Json(coaching::overview(&state.db, &v, range).await?))
}

/// GET /vehicles/{vin}/trips/retention: how far back each kind of data goes.
pub async fn retention_info(
    State(state): State<AppState>,
    v: UserVehicle,
) -> AppResult<Json<DataRetention>> {
    v.require(|p| p.can_see_trips)?;
    Ok(Json(
        retention::info(&state.db, &v, state.clock.now()).await?,
    ))
}
