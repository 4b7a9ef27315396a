//! POST /api/accounts, /api/accounts/confirm, /api/accounts/confirm/resend (A1).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::Json;
use axum::Router;
use mijn_lexus_contract::account::{
    Accepted, ConfirmEmailRequest, EmailRequest, NewAccount, RegisterRequest,
};
use mijn_lexus_contract::routes::{ACCOUNTS, CONFIRM_EMAIL, RESEND_CONFIRMATION};
use mijn_lexus_contract::Language;

use super::ApiJson;
use crate::accounts::{find_user, find_user_by_email, registration};
use crate::error::{AppError, AppResult};
use crate::mail::{self, templates};
use crate::security::password;
use crate::security::rate_limit::{address_and_client, hit_all, hit_both};
use crate::security::session::ClientInfo;
use crate::state::AppState;
use crate::telemetry::pseudonym;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(ACCOUNTS, post(register))
        .route(CONFIRM_EMAIL, post(confirm))
        .route(RESEND_CONFIRMATION, post(resend))
}

fn registration_accepted(lang: Language, email: &str) -> Accepted {
    Accepted {
        message: templates::for_language(lang).registration_accepted(email),
    }
}

fn resend_accepted(lang: Language, email: &str) -> Accepted {
    Accepted {
        message: templates::for_language(lang).resend_accepted(email),
    }
}

/// Register: 202 for a new and a known address alike; the owner of a
/// confirmed address is mailed instead of a link. The rules of a repeated
/// registration and what is recorded: [`registration::save`].
pub async fn register(
    State(state): State<AppState>,
    client: ClientInfo,
    ApiJson(req): ApiJson<RegisterRequest>,
) -> AppResult<(StatusCode, Json<Accepted>)> {
    let parsed = NewAccount::parse(&req, password::is_common);
    let mut errors = parsed.as_ref().err().cloned().unwrap_or_default();
    registration::check_legal_versions(
        &state.legal,
        state.clock.now().date_naive(),
        &req,
        &mut errors,
    );
    let account = match parsed {
        Ok(account) if errors.is_empty() => account,
        _ => return Err(AppError::Validation(errors)),
    };

    let now = state.clock.now();
    let limits = &state.limits;
    let limited = hit_both(
        &limits.register_address,
        account.email.as_str(),
        &limits.register_ip,
        &client.key,
        now,
    );
    if let Err(secs) = limited {
        tracing::warn!(client = %pseudonym(&client.key), "registration rate limited");
        return Err(AppError::RateLimited {
            retry_after_secs: secs,
        });
    }
    // Hash before looking the address up: known and new addresses take equally long.
    let hash = state.passwords.hash(account.password.clone()).await?;
    let now = now.timestamp();
    let email = account.email.as_str().to_owned();
    let answer = (
        StatusCode::ACCEPTED,
        Json(registration_accepted(client.lang, &email)),
    );

    let user_agent = client.user_agent.as_deref();
    let registered = registration::register(&state, &account, &hash, user_agent, now).await?;
    let Some(registered) = registered else {
        notify_known_address(&state, &email).await?;
        return Ok(answer);
    };
    let user = find_user(&state.db, registered.user_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("user vanished"))?;
    state
        .mailer
        .send(mail::confirm_email(&user.recipient(), &registered.link))
        .await;
    Ok(answer)
}

/// Tells the owner of a confirmed account that someone registered again.
async fn notify_known_address(state: &AppState, email: &str) -> AppResult<()> {
    if let Some(user) = find_user_by_email(&state.db, email).await? {
        state
            .mailer
            .send(mail::already_registered(
                &user.recipient(),
                &state.public_url,
            ))
            .await;
    }
    Ok(())
}

/// Confirm an address with the token from the mail.
pub async fn confirm(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<ConfirmEmailRequest>,
) -> AppResult<StatusCode> {
    registration::confirm(&state.db, &req.token, state.clock.unix()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Send the confirmation link again: always 202; a mail only goes out for an
/// existing, unconfirmed account, after the answer (as for a password reset,
/// so the answer's timing does not tell whether the address has an account).
pub async fn resend(
    State(state): State<AppState>,
    client: ClientInfo,
    ApiJson(req): ApiJson<EmailRequest>,
) -> AppResult<(StatusCode, Json<Accepted>)> {
    let email = req.validate()?;
    let limits = &state.limits;
    // Counted whether or not the address exists, so a 429 reveals nothing.
    hit_all(
        &[
            (
                &limits.resend_client,
                &address_and_client(email.as_str(), &client.key),
            ),
            (&limits.resend_address, email.as_str()),
            (&limits.resend_ip, &client.key),
        ],
        state.clock.now(),
    )
    .map_err(|secs| AppError::RateLimited {
        retry_after_secs: secs,
    })?;
    let job = registration::resend_confirmation(state.clone(), email.as_str().to_owned());
    state.background.spawn("confirmation resend mail", job);
    Ok((
        StatusCode::ACCEPTED,
        Json(resend_accepted(client.lang, email.as_str())),
    ))
}
