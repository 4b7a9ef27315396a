//! Trips (E1, E2): the list by period and purpose, one trip, tagging, the
//! totals per purpose, the logbook's address, the vehicle's default purpose
//! and how far back the data goes; the hybrid coaching (E3).

use chrono::NaiveDate;
use gloo_net::http::Method;
use mijn_lexus_contract::coaching::CoachingOverview;
use mijn_lexus_contract::routes;
use mijn_lexus_contract::trips::{
    DataRetention, PurposeTotals, TagTripsRequest, TagTripsResult, TripDetail, TripList,
    TripPurpose, TripSettings, TripSummary, UpdateTripRequest,
};

use super::{get, json, mutate, path_segment, post, to_json, ApiResult};
use crate::config::{config, encode_query_value};
use crate::session::Session;

/// Which trips the list shows.
#[derive(Clone, Debug, PartialEq)]
pub struct TripFilter {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub purpose: Option<TripPurpose>,
}

impl TripFilter {
    fn params(&self) -> String {
        let mut q = format!("from={}&to={}", self.from, self.to);
        if let Some(p) = self.purpose {
            q.push_str(&format!("&purpose={}", p.code()));
        }
        q
    }
}

/// The newest trips of `filter`; `before` (a page's `next_before`) pages back.
pub async fn list(vin: &str, filter: &TripFilter, before: Option<&str>) -> ApiResult<TripList> {
    let mut route = format!(
        "{}?{}",
        routes::vehicle_trips(&path_segment(vin)),
        filter.params()
    );
    if let Some(b) = before {
        route.push_str(&format!("&before={}", encode_query_value(b)));
    }
    get(&route).await
}

pub async fn detail(vin: &str, id: i64) -> ApiResult<TripDetail> {
    get(&routes::vehicle_trip(&path_segment(vin), id)).await
}

pub async fn update(
    session: Session,
    vin: &str,
    id: i64,
    body: &UpdateTripRequest,
) -> ApiResult<TripSummary> {
    let route = routes::vehicle_trip(&path_segment(vin), id);
    json(mutate(session, Method::PATCH, &route, Some(to_json(body)?)).await?).await
}

pub async fn tag(session: Session, vin: &str, body: &TagTripsRequest) -> ApiResult<TagTripsResult> {
    post(
        session,
        &routes::vehicle_trip_tags(&path_segment(vin)),
        body,
    )
    .await
}

pub async fn totals(vin: &str, from: NaiveDate, to: NaiveDate) -> ApiResult<PurposeTotals> {
    get(&format!(
        "{}?from={from}&to={to}",
        routes::vehicle_trip_totals(&path_segment(vin))
    ))
    .await
}

/// The hybrid coaching of a period, per week and per month (E3).
pub async fn coaching(vin: &str, from: NaiveDate, to: NaiveDate) -> ApiResult<CoachingOverview> {
    get(&format!(
        "{}?from={from}&to={to}",
        routes::vehicle_coaching(&path_segment(vin))
    ))
    .await
}

/// The address of the logbook of a period, as a CSV download in the
/// visitor's language.
pub fn logbook_href(vin: &str, from: NaiveDate, to: NaiveDate) -> String {
    config().api_url(&format!(
        "{}?from={from}&to={to}&lang={}",
        routes::vehicle_logbook_csv(&path_segment(vin)),
        crate::i18n::lang().code()
    ))
}

pub async fn retention(vin: &str) -> ApiResult<DataRetention> {
    get(&routes::vehicle_trip_retention(&path_segment(vin))).await
}

pub async fn settings(vin: &str) -> ApiResult<TripSettings> {
    get(&routes::vehicle_trip_settings(&path_segment(vin))).await
}

pub async fn save_settings(
    session: Session,
    vin: &str,
    body: &TripSettings,
) -> ApiResult<TripSettings> {
    let route = routes::vehicle_trip_settings(&path_segment(vin));
    json(mutate(session, Method::PUT, &route, Some(to_json(body)?)).await?).await
}
