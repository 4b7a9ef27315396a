//! Remote functions of a vehicle (F4): climate now, charge now, the weekly
//! climate and charging schedules, and the commands with their status.

use gloo_net::http::Method;
use mijn_lexus_contract::remote::{
    ChargingSchedules, ClimateRequest, ClimateSchedules, RemoteCommand, RemoteCommandList,
};
use mijn_lexus_contract::routes;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{get, json, mutate, path_segment, post, to_json, ApiResult};
use crate::session::Session;

async fn put<B: Serialize, T: DeserializeOwned>(
    session: Session,
    route: &str,
    body: &B,
) -> ApiResult<T> {
    json(mutate(session, Method::PUT, route, Some(to_json(body)?)).await?).await
}

/// Climate now: the queued command.
pub async fn climate(
    session: Session,
    vin: &str,
    body: &ClimateRequest,
) -> ApiResult<RemoteCommand> {
    post(
        session,
        &routes::vehicle_remote_climate(&path_segment(vin)),
        body,
    )
    .await
}

/// Charge now (plug-ins): the queued command.
pub async fn charge_now(session: Session, vin: &str) -> ApiResult<RemoteCommand> {
    let route = routes::vehicle_remote_charge_now(&path_segment(vin));
    json(mutate(session, Method::POST, &route, None).await?).await
}

pub async fn climate_schedules(vin: &str) -> ApiResult<ClimateSchedules> {
    get(&routes::vehicle_remote_climate_schedules(&path_segment(
        vin,
    )))
    .await
}

/// Replaces the weekly climate schedules; the car gets them as a command.
pub async fn save_climate_schedules(
    session: Session,
    vin: &str,
    body: &ClimateSchedules,
) -> ApiResult<RemoteCommand> {
    let route = routes::vehicle_remote_climate_schedules(&path_segment(vin));
    put(session, &route, body).await
}

pub async fn charging_schedules(vin: &str) -> ApiResult<ChargingSchedules> {
    get(&routes::vehicle_remote_charging_schedules(&path_segment(
        vin,
    )))
    .await
}

/// Replaces the weekly charging schedules; the car gets them as a command.
pub async fn save_charging_schedules(
    session: Session,
    vin: &str,
    body: &ChargingSchedules,
) -> ApiResult<RemoteCommand> {
    let route = routes::vehicle_remote_charging_schedules(&path_segment(vin));
    put(session, &route, body).await
}

/// The user's recent commands to the vehicle, newest first.
pub async fn commands(vin: &str) -> ApiResult<RemoteCommandList> {
    get(&routes::vehicle_remote_commands(&path_segment(vin))).await
}
