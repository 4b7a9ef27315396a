//! GET /api/health

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use mijn_lexus_contract::routes::HEALTH;
use serde_json::{json, Value};

use crate::error::AppResult;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route(HEALTH, get(health))
}

pub async fn health(State(state): State<AppState>) -> AppResult<Json<Value>> {
    crate::db::ping(&state.db).await?;
    Ok(Json(json!({ "status": "ok" })))
}
