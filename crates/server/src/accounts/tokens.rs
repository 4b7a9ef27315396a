//! One-time links mailed to a user (confirm an address, reset a password,
//! confirm a new address): stored as hashes, used once, expiring.

use chrono::Duration;
use mijn_lexus_contract::ErrorCode;
use sqlx::SqliteConnection;

use crate::error::AppError;
use crate::security::{is_token_shaped, random_token, sha256_hex};

/// What an e-mailed link is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenPurpose {
    ConfirmEmail,
    PasswordReset,
    /// Confirms a new address (the token row carries `new_email`).
    ChangeEmail,
}

impl TokenPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::ConfirmEmail => "confirm_email",
            TokenPurpose::PasswordReset => "password_reset",
            TokenPurpose::ChangeEmail => "change_email",
        }
    }

    pub fn lifetime(self) -> Duration {
        match self {
            TokenPurpose::ConfirmEmail | TokenPurpose::ChangeEmail => Duration::hours(48),
            TokenPurpose::PasswordReset => Duration::hours(1),
        }
    }

    /// SPA path the link opens.
    pub fn path(self) -> &'static str {
        match self {
            TokenPurpose::ConfirmEmail => "/confirm",
            TokenPurpose::PasswordReset => "/reset-password",
            TokenPurpose::ChangeEmail => "/confirm-email-change",
        }
    }
}

/// Stores a new token for `user_id` and returns the link to mail.
pub async fn issue(
    conn: impl sqlx::SqliteExecutor<'_>,
    public_url: &str,
    user_id: i64,
    purpose: TokenPurpose,
    now: i64,
) -> Result<String, AppError> {
    let token = random_token();
    sqlx::query(
        "INSERT INTO email_tokens (user_id, purpose, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(user_id)
    .bind(purpose.as_str())
    .bind(sha256_hex(&token))
    .bind(now)
    .bind(now + purpose.lifetime().num_seconds())
    .execute(conn)
    .await?;
    Ok(format!("{public_url}{}?token={token}", purpose.path()))
}

#[derive(sqlx::FromRow)]
struct TokenRow {
    user_id: i64,
    expires_at: i64,
    used_at: Option<i64>,
}

/// Why a token cannot be used (or the user it belongs to).
async fn classify(
    conn: &mut SqliteConnection,
    purpose: TokenPurpose,
    token: &str,
    now: i64,
) -> Result<i64, AppError> {
    if !is_token_shaped(token.trim()) {
        return Err(ErrorCode::TokenInvalid.into());
    }
    let row: Option<TokenRow> = sqlx::query_as(
        "SELECT user_id, expires_at, used_at FROM email_tokens WHERE token_hash = ? AND purpose = ?",
    )
    .bind(sha256_hex(token.trim()))
    .bind(purpose.as_str())
    .fetch_optional(conn)
    .await?;
    match row {
        None => Err(ErrorCode::TokenInvalid.into()),
        Some(t) if t.used_at.is_some() => Err(ErrorCode::TokenUsed.into()),
        Some(t) if now >= t.expires_at => Err(ErrorCode::TokenExpired.into()),
        Some(t) => Ok(t.user_id),
    }
}

/// The user a usable token belongs to, without using it up.
pub async fn check(
    db: &sqlx::SqlitePool,
    purpose: TokenPurpose,
    token: &str,
    now: i64,
) -> Result<i64, AppError> {
    let mut conn = db.acquire().await?;
    classify(&mut conn, purpose, token, now).await
}

/// Marks a usable token used and returns its user; 422 `token_invalid`,
/// 410 `token_expired` / `token_used` otherwise. Call first in a transaction.
pub async fn consume(
    conn: &mut SqliteConnection,
    purpose: TokenPurpose,
    token: &str,
    now: i64,
) -> Result<i64, AppError> {
    let token = token.trim();
    if !is_token_shaped(token) {
        return Err(ErrorCode::TokenInvalid.into());
    }
    let used: Option<i64> = sqlx::query_scalar(
        "UPDATE email_tokens SET used_at = ?1
         WHERE token_hash = ?2 AND purpose = ?3 AND used_at IS NULL AND expires_at > ?1
         RETURNING user_id",
    )
    .bind(now)
    .bind(sha256_hex(token))
    .bind(purpose.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    match used {
        Some(user_id) => Ok(user_id),
        None => classify(conn, purpose, token, now)
            .await
            .and(Err(ErrorCode::TokenInvalid.into())),
    }
}
