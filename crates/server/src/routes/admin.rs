//! The admin API: `Authorization: Bearer <--admin-token>`. Without a
//! configured token every admin route answers 404, as if it did not exist.

use axum::extract::State;
use axum::http::header::AUTHORIZATION;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use mijn_lexus_contract::legal::LegalDocument;
use mijn_lexus_contract::profile::PublishLegalRequest;
use mijn_lexus_contract::routes::ADMIN_LEGAL;
use mijn_lexus_contract::{ErrorCode, FieldError};

use super::ApiJson;
use crate::error::{AppError, AppResult};
use crate::legal::PublishError;
use crate::security::constant_time_eq;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route(ADMIN_LEGAL, post(publish_legal))
}

/// 404 without a configured token, 401 `unauthenticated` for a wrong one
/// (compared in constant time).
pub fn require_admin(state: &AppState, headers: &HeaderMap) -> AppResult<()> {
    let Some(expected) = state
        .config
        .admin_token
        .as_deref()
        .filter(|t| !t.is_empty())
    else {
        return Err(ErrorCode::NotFound.into());
    };
    let given = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if constant_time_eq(given.trim().as_bytes(), expected.as_bytes()) {
        Ok(())
    } else {
        tracing::warn!("admin request with a wrong token");
        Err(ErrorCode::Unauthenticated.into())
    }
}

/// POST /admin/legal: publish a new version (or a translation of one).
/// From its effective date every signed-in user must accept it.
pub async fn publish_legal(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<PublishLegalRequest>,
) -> AppResult<(StatusCode, Json<LegalDocument>)> {
    require_admin(&state, &headers)?;
    match state
        .legal
        .publish(
            &state.db,
            req.kind,
            req.version,
            req.language,
            &req.content,
            state.clock.unix(),
        )
        .await
    {
        Ok(doc) => Ok((StatusCode::CREATED, Json(doc))),
        Err(PublishError::Exists) => Err(ErrorCode::LegalVersionExists.into()),
        Err(PublishError::Invalid(reason)) => {
            tracing::warn!(reason, "legal document refused");
            let field = if reason.contains("version") {
                "version"
            } else if reason.contains("Dutch") {
                "language"
            } else {
                "content"
            };
            Err(AppError::Validation(vec![FieldError::new(
                field,
                ErrorCode::InvalidValue,
            )]))
        }
        Err(PublishError::Db(e)) => Err(e.into()),
    }
}
