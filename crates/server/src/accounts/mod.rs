//! Accounts: the `users` table, registration and confirmation (A1), the
//! e-mailed one-time links, sign-in bookkeeping and password changes.

pub mod passwords;
pub mod registration;
pub mod tokens;

use mijn_lexus_contract::account::UserSummary;
use mijn_lexus_contract::{Country, Language, Salutation};

use crate::error::AppError;
use crate::mail::Recipient;

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

/// The signed-in user's row; 401 `unauthenticated` when the account is gone.
pub async fn signed_in_user(db: &sqlx::SqlitePool, id: i64) -> Result<UserRow, AppError> {
    find_user(db, id).await?.ok_or(AppError::Code(
        mijn_lexus_contract::ErrorCode::Unauthenticated,
    ))
}

/// Stamps a successful sign-in; it also cancels an inactivity warning (A5).
pub async fn record_sign_in(db: &sqlx::SqlitePool, user_id: i64, now: i64) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET last_sign_in_at = ?, inactivity_warned_at = NULL WHERE id = ?")
        .bind(now)
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(())
}
