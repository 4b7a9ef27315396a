//! /api/chargers: HomeCharge chargers in the garage (C5). Rules and SQL:
//! [`crate::chargers`].

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use mijn_lexus_contract::charger::{AddChargerRequest, Charger, ChargerList};
use mijn_lexus_contract::routes::{charger, CHARGERS};

use super::ApiJson;
use crate::accounts::find_user;
use crate::chargers;
use crate::error::AppResult;
use crate::mail;
use crate::security::session::SignedIn;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(CHARGERS, get(list).post(add))
        .route(&charger("{serial}"), get(get_one).delete(remove))
}

/// GET /chargers
pub async fn list(
    State(state): State<AppState>,
    SignedIn(s): SignedIn,
) -> AppResult<Json<ChargerList>> {
    let chargers = chargers::list(&state.db, s.user_id).await?;
    Ok(Json(ChargerList { chargers }))
}

/// GET /chargers/{serial}
pub async fn get_one(
    State(state): State<AppState>,
    SignedIn(s): SignedIn,
    Path(serial): Path<String>,
) -> AppResult<Json<Charger>> {
    let row = chargers::own(&state.db, s.user_id, &serial).await?;
    Ok(Json(row.to_charger()))
}

/// DELETE /chargers/{serial}
pub async fn remove(
    State(state): State<AppState>,
    SignedIn(s): SignedIn,
    Path(serial): Path<String>,
) -> AppResult<StatusCode> {
    chargers::release(&state.db, s.user_id, &serial).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// POST /chargers: pairs the charger with the user; its previous owner is
/// mailed.
pub async fn add(
    State(state): State<AppState>,
    SignedIn(s): SignedIn,
    ApiJson(req): ApiJson<AddChargerRequest>,
) -> AppResult<Response> {
    let new = req.parse()?;
    let paired = chargers::pair(&state, s.user_id, &new).await?;
    if let Some(previous) = paired.previous_owner {
        if let Some(user) = find_user(&state.db, previous).await? {
            state
                .mailer
                .send(mail::charger_taken_over(
                    &user.recipient(),
                    &paired.model,
                    new.serial.as_str(),
                    &state.public_url,
                ))
                .await;
        }
    }
    Ok((StatusCode::CREATED, Json(paired.charger)).into_response())
}
