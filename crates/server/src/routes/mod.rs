//! The JSON API, one module per resource.

pub mod accounts;
pub mod admin;
pub mod chargers;
pub mod dealers;
pub mod dev;
pub mod health;
pub mod ingest;
pub mod invitations;
pub mod legal;
pub mod page;
pub mod password_reset;
pub mod privacy;
pub mod profile;
pub mod session;
pub mod sessions;
pub mod vehicles;

use axum::extract::{FromRequest, Request};
use axum::Json;
use chrono::Duration;
use mijn_lexus_contract::account::UserSummary;
use mijn_lexus_contract::{Country, ErrorCode, Language, Salutation};
use serde::de::DeserializeOwned;
use sqlx::SqliteConnection;

use crate::error::AppError;
use crate::mail::Recipient;
use crate::security::{is_token_shaped, random_token, sha256_hex};

/// `Json<T>` whose rejections are API errors: 415 for a non-JSON content
/// type, 413 for a body over the limit, 400 `malformed_request` otherwise.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        Json::<T>::from_request(req, state)
            .await
            .map(|Json(v)| ApiJson(v))
            .map_err(AppError::from)
    }
}

/// A row of `users`.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub password_hash: String,
    pub salutation: String,
    pub first_name: String,
    pub last_name: String,
    pub country: String,
    pub language: String,
    pub email_confirmed_at: Option<i64>,
}

pub const USER_COLUMNS: &str =
    "id, email, password_hash, salutation, first_name, last_name, country, language, email_confirmed_at";

impl UserRow {
    pub fn salutation(&self) -> Salutation {
        Salutation::from_code(&self.salutation).unwrap_or(Salutation::Mx)
    }

    pub fn language(&self) -> Language {
        Language::from_code(&self.language).unwrap_or_default()
    }

    pub fn country(&self) -> Country {
        Country::from_code(&self.country).unwrap_or(Country::Be)
    }

    pub fn summary(&self) -> UserSummary {
        UserSummary {
            id: self.id,
            email: self.email.clone(),
            salutation: self.salutation(),
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            language: self.language(),
            country: self.country(),
        }
    }

    pub fn recipient(&self) -> Recipient<'_> {
        Recipient {
            email: &self.email,
            salutation: self.salutation(),
            first_name: &self.first_name,
            last_name: &self.last_name,
            language: self.language(),
        }
    }
}

pub async fn find_user_by_email(
    db: &sqlx::SqlitePool,
    email: &str,
) -> Result<Option<UserRow>, AppError> {
    Ok(
        sqlx::query_as::<_, UserRow>(&format!("SELECT {USER_COLUMNS} FROM users WHERE email = ?"))
            .bind(email.trim().to_lowercase())
            .fetch_optional(db)
            .await?,
    )
}

pub async fn find_user(db: &sqlx::SqlitePool, id: i64) -> Result<Option<UserRow>, AppError> {
    Ok(
        sqlx::query_as::<_, UserRow>(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?"))
            .bind(id)
            .fetch_optional(db)
            .await?,
    )
}

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
pub async fn issue_token(
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

/// Why a token cannot be used (or the user it belongs to).
async fn classify_token(
    conn: &mut SqliteConnection,
    purpose: TokenPurpose,
    token: &str,
    now: i64,
) -> Result<i64, AppError> {
    if !is_token_shaped(token.trim()) {
        return Err(ErrorCode::TokenInvalid.into());
    }
    let row: Option<(i64, i64, Option<i64>)> = sqlx::query_as(
        "SELECT user_id, expires_at, used_at FROM email_tokens WHERE token_hash = ? AND purpose = ?",
    )
    .bind(sha256_hex(token.trim()))
    .bind(purpose.as_str())
    .fetch_optional(conn)
    .await?;
    match row {
        None => Err(ErrorCode::TokenInvalid.into()),
        Some((_, _, Some(_))) => Err(ErrorCode::TokenUsed.into()),
        Some((_, expires_at, None)) if now >= expires_at => Err(ErrorCode::TokenExpired.into()),
        Some((user_id, _, None)) => Ok(user_id),
    }
}

/// The user a usable token belongs to, without using it up.
pub async fn check_token(
    db: &sqlx::SqlitePool,
    purpose: TokenPurpose,
    token: &str,
    now: i64,
) -> Result<i64, AppError> {
    let mut conn = db.acquire().await?;
    classify_token(&mut conn, purpose, token, now).await
}

/// Marks a usable token used and returns its user; 422 `token_invalid`,
/// 410 `token_expired` / `token_used` otherwise. Call first in a transaction.
pub async fn consume_token(
    conn: &mut SqliteConnection,
    purpose: TokenPurpose,
    token: &str,
    now: i64,
) -> Result<i64, AppError> {
    let token = token.trim();
    if !is_token_shaped(token) {
        return Err(ErrorCode::TokenInvalid.into());
    }
    let used: Option<(i64,)> = sqlx::query_as(
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
        Some((user_id,)) => Ok(user_id),
        None => classify_token(conn, purpose, token, now)
            .await
            .and(Err(ErrorCode::TokenInvalid.into())),
    }
}
