//! GET/POST/DELETE /api/session and GET /api/me (A2).

use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::http::StatusCode;
use axum::response::{AppendHeaders, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use mijn_lexus_contract::account::{SessionState, SignInRequest, UserSummary};
use mijn_lexus_contract::routes::{ME, SESSION};
use mijn_lexus_contract::ErrorCode;

use super::ApiJson;
use crate::accounts::{self, find_user, passwords};
use crate::error::{AppError, AppResult};
use crate::legal::acceptances::pending_legal;
use crate::security::random_token;
use crate::security::session::{
    self, clear_cookie, csrf_cookie_name, session_cookie_name, set_cookie, ClientInfo,
    MaybeSession, RequestCookies, SignedIn,
};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(SESSION, get(get_session).post(sign_in).delete(sign_out))
        .route(ME, get(me))
}

/// Who is signed in, and the CSRF token to send. Sets the anonymous CSRF
/// cookie when the browser has none.
pub async fn get_session(
    State(state): State<AppState>,
    MaybeSession(session): MaybeSession,
    cookies: RequestCookies,
) -> AppResult<Response> {
    if let Some(session) = session {
        if let Some(user) = find_user(&state.db, session.user_id).await? {
            let body = SessionState {
                user: Some(user.summary()),
                csrf_token: session.csrf_token,
                pending_legal: pending_legal(&state, user.id).await?,
            };
            return Ok(Json(body).into_response());
        }
    }
    match cookies.csrf {
        Some(token) => Ok(Json(SessionState {
            user: None,
            csrf_token: token,
            pending_legal: Vec::new(),
        })
        .into_response()),
        None => {
            let token = random_token();
            let cookie = set_cookie(csrf_cookie_name(state.https), &token, state.https);
            Ok((
                AppendHeaders([(SET_COOKIE, cookie)]),
                Json(SessionState {
                    user: None,
                    csrf_token: token,
                    pending_legal: Vec::new(),
                }),
            )
                .into_response())
        }
    }
}

/// Sign in: a new session id and CSRF token (the CSRF cookie follows, so an
/// expired session still passes the anonymous check with the same token).
pub async fn sign_in(
    State(state): State<AppState>,
    MaybeSession(current): MaybeSession,
    client: ClientInfo,
    ApiJson(req): ApiJson<SignInRequest>,
) -> AppResult<Response> {
    req.validate()?;
    let now = state.clock.now();
    let user = passwords::authenticate(&state, &req.email, &req.password, &client, now).await?;
    let new = session::create(
        &state,
        user.id,
        client.user_agent.as_deref(),
        current.as_ref(),
    )
    .await?;
    accounts::record_sign_in(&state.db, user.id, now.timestamp()).await?;
    tracing::info!(user_id = user.id, "signed in");
    let cookies = AppendHeaders([
        (
            SET_COOKIE,
            set_cookie(session_cookie_name(state.https), &new.id, state.https),
        ),
        (
            SET_COOKIE,
            set_cookie(csrf_cookie_name(state.https), &new.csrf_token, state.https),
        ),
    ]);
    let body = SessionState {
        user: Some(user.summary()),
        csrf_token: new.csrf_token,
        pending_legal: pending_legal(&state, user.id).await?,
    };
    Ok((cookies, Json(body)).into_response())
}

/// Sign out: the session row is deleted and the cookie cleared.
pub async fn sign_out(
    State(state): State<AppState>,
    MaybeSession(session): MaybeSession,
) -> AppResult<Response> {
    if let Some(session) = session {
        session::end(&state, &session.id_hash).await?;
        tracing::info!(user_id = session.user_id, "signed out");
    }
    let clear = clear_cookie(session_cookie_name(state.https), state.https);
    Ok((StatusCode::NO_CONTENT, AppendHeaders([(SET_COOKIE, clear)])).into_response())
}

pub async fn me(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
) -> AppResult<Json<UserSummary>> {
    let user = find_user(&state.db, session.user_id)
        .await?
        .ok_or(AppError::Code(ErrorCode::Unauthenticated))?;
    Ok(Json(user.summary()))
}
