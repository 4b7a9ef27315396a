//! Password checks and changes (A2, A3, B1): the sign-in limits that also
//! guard the current-password check of profile actions, the change of a
//! signed-in user and the reset with a mailed link.

use mijn_lexus_contract::ErrorCode;
use sqlx::SqlitePool;

use super::tokens::{self, TokenPurpose};
use super::{find_user_by_email, UserRow};
use crate::error::{AppError, AppResult};
use crate::mail;
use crate::security::rate_limit::{address_and_client, hit_all, Hits};
use crate::security::session::ClientInfo;
use crate::state::AppState;
use crate::telemetry::pseudonym;

/// Counts a password attempt for `email` from `client` toward the sign-in
/// limits (per address and client, per address, per client); 429 when one
/// is used up. Also used for the current password of profile actions.
pub fn sign_in_attempt<'a>(
    state: &'a AppState,
    email: &str,
    client: &ClientInfo,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<Hits<'a>> {
    let limits = &state.limits;
    hit_all(
        &[
            (
                &limits.sign_in_client,
                &address_and_client(email, &client.key),
            ),
            (&limits.sign_in_address, email),
            (&limits.sign_in_ip, &client.key),
        ],
        now,
    )
    .map_err(|secs| {
        tracing::warn!(client = %pseudonym(&client.key), "sign-in rate limited");
        AppError::RateLimited {
            retry_after_secs: secs,
        }
    })
}

/// Signs in with address and password: the user, or 401
/// `invalid_credentials` (also for an unknown address, after the same
/// work, so timing reveals nothing), 403 `email_not_confirmed`, 429 when a
/// sign-in limit is used up. Attempts are counted before the password is
/// checked, so parallel attempts cannot all pass the limit; a right
/// password gives its attempt back.
pub async fn authenticate(
    state: &AppState,
    email: &str,
    password: &str,
    client: &ClientInfo,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<UserRow> {
    let email = email.trim().to_lowercase();
    let attempt = sign_in_attempt(state, &email, client, now)?;
    let user = find_user_by_email(&state.db, &email).await?;
    let verified = match &user {
        Some(u) => {
            state
                .passwords
                .verify(password.to_owned(), u.password_hash.clone())
                .await
        }
        // Same work as for a known address, so timing reveals nothing.
        None => state
            .passwords
            .verify(password.to_owned(), state.dummy_hash.clone())
            .await
            .map(|_| false),
    };
    let user = match (user, verified) {
        (_, Err(busy)) => {
            // Not checked: the attempt does not count.
            attempt.refund();
            return Err(busy);
        }
        (Some(u), Ok(true)) => {
            attempt.refund();
            u
        }
        _ => {
            tracing::info!(client = %pseudonym(&client.key), "sign-in failed");
            return Err(ErrorCode::InvalidCredentials.into());
        }
    };
    if user.email_confirmed_at.is_none() {
        return Err(ErrorCode::EmailNotConfirmed.into());
    }
    Ok(user)
}

/// Checks the current password; wrong answers count toward the sign-in
/// limits of the address and client (same protection against guessing, and
/// a stranger's failed sign-ins elsewhere do not block it).
pub async fn check_current_password(
    state: &AppState,
    client: &ClientInfo,
    user: &UserRow,
    given: &str,
    field: &str,
) -> AppResult<()> {
    let attempt = sign_in_attempt(state, &user.email, client, state.clock.now())?;
    let verified = state
        .passwords
        .verify(given.to_owned(), user.password_hash.clone())
        .await;
    match verified {
        Ok(true) => {
            attempt.refund();
            Ok(())
        }
        Ok(false) => Err(AppError::field(field, ErrorCode::PasswordWrong)),
        Err(busy) => {
            attempt.refund();
            Err(busy)
        }
    }
}

/// Sets a signed-in user's new password: every other session ends (the one
/// with `keep_session` stays) and open reset links die.
pub async fn change(
    db: &SqlitePool,
    user_id: i64,
    hash: &str,
    keep_session: &str,
    now: i64,
) -> AppResult<()> {
    let mut tx = crate::db::begin_write(db).await?;
    sqlx::query("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?")
        .bind(hash)
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    let ended = sqlx::query("DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?")
        .bind(user_id)
        .bind(keep_session)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    sqlx::query(
        "UPDATE email_tokens SET used_at = ? WHERE user_id = ? AND purpose = 'password_reset' AND used_at IS NULL",
    )
    .bind(now)
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(user_id, sessions_ended = ended, "password changed");
    Ok(())
}

/// Uses a reset link and sets the new password; returns the user. Ends
/// every session of the user and confirms the address (the mail was
/// received), so an unconfirmed account that lost its confirmation mail is
/// not stuck.
pub async fn reset(db: &SqlitePool, token: &str, hash: &str, now: i64) -> AppResult<i64> {
    let mut tx = crate::db::begin_write(db).await?;
    let user_id = tokens::consume(&mut tx, TokenPurpose::PasswordReset, token, now).await?;
    sqlx::query(
        "UPDATE users SET password_hash = ?1, email_confirmed_at = COALESCE(email_confirmed_at, ?2),
                          updated_at = ?2
         WHERE id = ?3",
    )
    .bind(hash)
    .bind(now)
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    // Other links for this user die with it.
    sqlx::query(
        "UPDATE email_tokens SET used_at = ?1 WHERE user_id = ?2 AND purpose = 'password_reset' AND used_at IS NULL",
    )
    .bind(now)
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    let ended = sqlx::query("DELETE FROM sessions WHERE user_id = ?")
        .bind(user_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    tracing::info!(user_id, sessions_ended = ended, "password reset completed");
    Ok(user_id)
}

/// Mails a reset link when `email` has an account.
pub async fn send_reset_link(state: AppState, email: String) -> anyhow::Result<()> {
    let Some(user) = find_user_by_email(&state.db, &email).await? else {
        return Ok(());
    };
    let link = tokens::issue(
        &state.db,
        &state.public_url,
        user.id,
        TokenPurpose::PasswordReset,
        state.clock.unix(),
    )
    .await?;
    state
        .mailer
        .send(mail::password_reset(&user.recipient(), &link))
        .await;
    tracing::info!(user_id = user.id, "password reset requested");
    Ok(())
}
