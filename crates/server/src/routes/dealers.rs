//! GET /api/dealers and /api/profile/dealer (B2). Rules and SQL:
//! [`crate::dealers`].

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use mijn_lexus_contract::profile::{ChooseDealerRequest, DealerList, PreferredDealer};
use mijn_lexus_contract::routes::{DEALERS, PROFILE_DEALER};
use serde::Deserialize;

use super::ApiJson;
use crate::dealers;
use crate::error::AppResult;
use crate::security::session::SignedIn;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(DEALERS, get(list))
        .route(PROFILE_DEALER, get(get_preferred).put(choose).delete(clear))
}

#[derive(Debug, Deserialize)]
pub struct SearchQuery {
    q: Option<String>,
}

/// GET /dealers?q=: name, town or postcode contains the query (case and
/// accents ignored); all dealers without a query.
pub async fn list(
    State(state): State<AppState>,
    Query(q): Query<SearchQuery>,
) -> AppResult<Json<DealerList>> {
    let dealers = dealers::search(&state.db, q.q.as_deref().unwrap_or("")).await?;
    Ok(Json(DealerList { dealers }))
}

/// GET /profile/dealer
pub async fn get_preferred(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
) -> AppResult<Json<PreferredDealer>> {
    Ok(Json(dealers::preferred(&state, session.user_id).await?))
}

/// PUT /profile/dealer: choose (422 `dealer_unknown` on field `dealer_id`).
pub async fn choose(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    ApiJson(req): ApiJson<ChooseDealerRequest>,
) -> AppResult<Json<PreferredDealer>> {
    dealers::choose(&state, session.user_id, req.dealer_id).await?;
    Ok(Json(dealers::preferred(&state, session.user_id).await?))
}

/// DELETE /profile/dealer: back to the assigned (nearest) dealer.
pub async fn clear(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
) -> AppResult<StatusCode> {
    dealers::clear(&state, session.user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
