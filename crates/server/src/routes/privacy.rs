//! GET /api/profile/export and POST /api/account/delete (B5). The rules
//! and the document: [`crate::privacy`].

use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, SET_COOKIE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{AppendHeaders, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use mijn_lexus_contract::profile::DeleteAccountRequest;
use mijn_lexus_contract::routes::{ACCOUNT_DELETE, PROFILE_EXPORT};
use mijn_lexus_contract::ErrorCode;

use super::ApiJson;
use crate::accounts::passwords::check_current_password;
use crate::accounts::signed_in_user;
use crate::error::{AppError, AppResult};
use crate::mail;
use crate::privacy::{self, erase_user, DeletionReason};
use crate::security::session::{clear_cookie, session_cookie_name, ClientInfo, SignedIn};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(PROFILE_EXPORT, get(export))
        .route(ACCOUNT_DELETE, post(delete_account))
}

/// GET /profile/export: a JSON attachment.
pub async fn export(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
) -> AppResult<Response> {
    // Always the whole document (GDPR), so a limit per user instead of paging.
    state
        .exports
        .hit(&session.user_id.to_string(), state.clock.now())
        .map_err(|retry_after_secs| AppError::RateLimited { retry_after_secs })?;
    let doc = privacy::export_document(&state, session.user_id).await?;
    let body = serde_json::to_vec_pretty(&doc).map_err(anyhow::Error::from)?;
    let name = format!(
        "mijn-lexus-export-{}.json",
        state.clock.now().format("%Y-%m-%d")
    );
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .map_err(anyhow::Error::from)?;
    tracing::info!(user_id = session.user_id, "data exported");
    Ok((
        [
            (CONTENT_TYPE, HeaderValue::from_static("application/json")),
            (CONTENT_DISPOSITION, disposition),
            (CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response())
}

/// POST /account/delete: confirmed with the password; the session ends.
pub async fn delete_account(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    client: ClientInfo,
    ApiJson(req): ApiJson<DeleteAccountRequest>,
) -> AppResult<Response> {
    let user = signed_in_user(&state.db, session.user_id).await?;
    if req.password.is_empty() {
        return Err(AppError::field("password", ErrorCode::Required));
    }
    check_current_password(&state, &client, &user, &req.password, "password").await?;
    if let Some(user) = erase_user(&state, user.id, DeletionReason::UserRequest).await? {
        state
            .mailer
            .send(mail::account_deleted(&user.recipient()))
            .await;
    }
    let clear = clear_cookie(session_cookie_name(state.https), state.https);
    Ok((StatusCode::NO_CONTENT, AppendHeaders([(SET_COOKIE, clear)])).into_response())
}
