//! POST /api/password-reset and /api/password-reset/complete (A3).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use mijn_lexus_contract::account::{Accepted, EmailRequest, ResetPasswordRequest};
use mijn_lexus_contract::routes::{PASSWORD_RESET, PASSWORD_RESET_COMPLETE};
use mijn_lexus_contract::Language;

use super::ApiJson;
use crate::accounts::tokens::{self, TokenPurpose};
use crate::accounts::{find_user, passwords};
use crate::error::{AppError, AppResult};
use crate::mail::{self, templates};
use crate::security::password;
use crate::security::rate_limit::{address_and_client, hit_all};
use crate::security::session::ClientInfo;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(PASSWORD_RESET, post(request_reset))
        .route(PASSWORD_RESET_COMPLETE, post(complete_reset))
}

fn reset_accepted(lang: Language, email: &str) -> Accepted {
    Accepted {
        message: templates::for_language(lang).reset_accepted(email),
    }
}

/// Ask for a reset link: always 202. Any existing account gets the link; a
/// completed reset also confirms the address (the mail was received), so an
/// unconfirmed account that lost its confirmation mail is not stuck.
///
/// The answer follows the rate limits only: looking the address up, storing
/// the token and mailing happen after it (see [`crate::background`]), so a
/// known and an unknown address answer alike, also in time.
pub async fn request_reset(
    State(state): State<AppState>,
    client: ClientInfo,
    ApiJson(req): ApiJson<EmailRequest>,
) -> AppResult<(StatusCode, Json<Accepted>)> {
    let email = req.validate()?;
    let limits = &state.limits;
    // Counted whether or not the address exists, so a 429 reveals nothing;
    // per address and client, so a stranger cannot use up the owner's.
    hit_all(
        &[
            (
                &limits.reset_client,
                &address_and_client(email.as_str(), &client.key),
            ),
            (&limits.reset_address, email.as_str()),
            (&limits.reset_ip, &client.key),
        ],
        state.clock.now(),
    )
    .map_err(|secs| AppError::RateLimited {
        retry_after_secs: secs,
    })?;
    let job = passwords::send_reset_link(state.clone(), email.as_str().to_owned());
    state.background.spawn("password reset mail", job);
    Ok((
        StatusCode::ACCEPTED,
        Json(reset_accepted(client.lang, email.as_str())),
    ))
}

/// Set a new password with the token from the mail (rules:
/// [`passwords::reset`]).
pub async fn complete_reset(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<ResetPasswordRequest>,
) -> AppResult<StatusCode> {
    // The link's problems first: no use fixing a password for a dead link.
    tokens::check(
        &state.db,
        TokenPurpose::PasswordReset,
        &req.token,
        state.clock.unix(),
    )
    .await?;
    req.validate(password::is_common)?;
    let hash = state.passwords.hash(req.password.clone()).await?;

    let user_id = passwords::reset(&state.db, &req.token, &hash, state.clock.unix()).await?;
    // Told by mail, so a reset the owner did not make does not go unnoticed
    // (ASVS 2.2.3).
    if let Some(user) = find_user(&state.db, user_id).await? {
        state
            .mailer
            .send(mail::password_reset_completed(&user.recipient()))
            .await;
    }
    Ok(StatusCode::NO_CONTENT)
}
