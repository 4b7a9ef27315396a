//! GET /api/profile/sessions, DELETE /api/profile/sessions (every other
//! session) and DELETE /api/profile/sessions/{id}: the user's own signed-in
//! sessions (ASVS 3.3.4). Sessions are named by their opaque public id.

use axum::extract::{Path, State};
use axum::http::header::SET_COOKIE;
use axum::http::StatusCode;
use axum::response::{AppendHeaders, IntoResponse, Response};
use axum::routing::{delete, get};
use axum::{Json, Router};
use mijn_lexus_contract::profile::{SessionInfo, SessionList};
use mijn_lexus_contract::routes::{profile_session, PROFILE_SESSIONS};
use mijn_lexus_contract::ErrorCode;

use crate::clock::from_unix;
use crate::error::{AppError, AppResult};
use crate::security::session::{self, clear_cookie, session_cookie_name, SignedIn};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(PROFILE_SESSIONS, get(list).delete(end_others))
        .route(&profile_session("{id}"), delete(end))
}

/// GET /profile/sessions
pub async fn list(
    State(state): State<AppState>,
    SignedIn(current): SignedIn,
) -> AppResult<Json<SessionList>> {
    let sessions = session::list_for_user(&state, &current)
        .await?
        .into_iter()
        .map(|s| SessionInfo {
            id: s.public_id,
            user_agent: s.user_agent,
            created_at: from_unix(s.created_at),
            last_seen_at: from_unix(s.last_seen_at),
            current: s.current,
        })
        .collect();
    Ok(Json(SessionList { sessions }))
}

/// DELETE /profile/sessions/{id}: 404 unless it is one of the user's own.
/// Ending the current session signs out (the cookie is cleared).
pub async fn end(
    State(state): State<AppState>,
    SignedIn(current): SignedIn,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let is_current = current.public_id == id;
    if !session::end_by_public_id(&state, current.user_id, &id).await? {
        return Err(AppError::Code(ErrorCode::NotFound));
    }
    tracing::info!(
        user_id = current.user_id,
        is_current,
        "session ended by its user"
    );
    if is_current {
        let clear = clear_cookie(session_cookie_name(state.https), state.https);
        return Ok((StatusCode::NO_CONTENT, AppendHeaders([(SET_COOKIE, clear)])).into_response());
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// DELETE /profile/sessions: every session but this one ends.
pub async fn end_others(
    State(state): State<AppState>,
    SignedIn(current): SignedIn,
) -> AppResult<StatusCode> {
    let ended = session::end_others(&state, &current).await?;
    tracing::info!(
        user_id = current.user_id,
        sessions_ended = ended,
        "other sessions ended"
    );
    Ok(StatusCode::NO_CONTENT)
}
