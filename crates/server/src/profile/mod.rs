//! "Mijn Profiel" (B1, B3, B4): personal data, the address change, the
//! emergency contact and consents. Every function works on one user's own
//! rows (`user_id` from the session).

pub mod consents;
pub mod emergency_contact;

use chrono::NaiveDate;
use mijn_lexus_contract::profile::{Profile, ValidProfile};
use mijn_lexus_contract::{Country, ErrorCode, Language, Salutation};
use sqlx::SqlitePool;

use crate::accounts::tokens::{self, TokenPurpose};
use crate::error::{AppError, AppResult};
use crate::security::sha256_hex;
use crate::state::AppState;

#[derive(sqlx::FromRow)]
struct ProfileRow {
    email: String,
    salutation: String,
    first_name: String,
    last_name: String,
    birth_date: Option<String>,
    language: String,
    street: String,
    house_number: String,
    #[sqlx(rename = "box")]
    box_number: String,
    postcode: String,
    city: String,
    country: String,
    mobile_phone: Option<String>,
    landline_phone: Option<String>,
}

pub async fn load(state: &AppState, user_id: i64) -> AppResult<Profile> {
    let row: ProfileRow = sqlx::query_as(
        "SELECT email, salutation, first_name, last_name, birth_date, language, street, house_number,
                box, postcode, city, country, mobile_phone, landline_phone
         FROM users WHERE id = ?",
    )
    .bind(user_id)
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::Code(ErrorCode::Unauthenticated))?;
    let pending: Option<String> = sqlx::query_scalar(
        "SELECT new_email FROM email_tokens
         WHERE user_id = ? AND purpose = 'change_email' AND used_at IS NULL AND expires_at > ?
         ORDER BY id DESC LIMIT 1",
    )
    .bind(user_id)
    .bind(state.clock.unix())
    .fetch_optional(&state.db)
    .await?;
    Ok(Profile {
        email: row.email,
        pending_email: pending,
        salutation: Salutation::from_code(&row.salutation).unwrap_or(Salutation::Mx),
        first_name: row.first_name,
        last_name: row.last_name,
        birth_date: row
            .birth_date
            .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        language: Language::from_code(&row.language).unwrap_or_default(),
        street: row.street,
        house_number: row.house_number,
        box_number: row.box_number,
        postcode: row.postcode,
        city: row.city,
        country: Country::from_code(&row.country).unwrap_or(Country::Be),
        mobile_phone: row.mobile_phone,
        landline_phone: row.landline_phone,
    })
}

/// Stores a validated profile (every field at once, as the form sends it).
pub async fn update(state: &AppState, user_id: i64, p: &ValidProfile) -> AppResult<()> {
    sqlx::query(
        "UPDATE users SET salutation = ?, first_name = ?, last_name = ?, birth_date = ?, language = ?,
                          street = ?, house_number = ?, box = ?, postcode = ?, city = ?, country = ?,
                          mobile_phone = ?, landline_phone = ?, updated_at = ?
         WHERE id = ?",
    )
    .bind(p.salutation.code())
    .bind(p.first_name.as_str())
    .bind(p.last_name.as_str())
    .bind(p.birth_date.map(|d| d.format("%Y-%m-%d").to_string()))
    .bind(p.language.code())
    .bind(&p.street)
    .bind(&p.house_number)
    .bind(&p.box_number)
    .bind(p.postcode.as_ref().map(|c| c.as_str()).unwrap_or(""))
    .bind(&p.city)
    .bind(p.country.code())
    .bind(p.mobile_phone.as_ref().map(|m| m.as_str()))
    .bind(p.landline_phone.as_ref().map(|m| m.as_str()))
    .bind(state.clock.unix())
    .bind(user_id)
    .execute(&state.db)
    .await?;
    tracing::info!(user_id, "profile updated");
    Ok(())
}

pub async fn set_language(state: &AppState, user_id: i64, language: Language) -> AppResult<()> {
    sqlx::query("UPDATE users SET language = ?, updated_at = ? WHERE id = ?")
        .bind(language.code())
        .bind(state.clock.unix())
        .bind(user_id)
        .execute(&state.db)
        .await?;
    Ok(())
}

/// Stores a link that confirms `new_email` for the user and returns it to
/// mail. One pending change at a time: older links die.
pub async fn request_email_change(
    db: &SqlitePool,
    public_url: &str,
    user_id: i64,
    new_email: &str,
    now: i64,
) -> AppResult<String> {
    let mut tx = crate::db::begin_write(db).await?;
    let conn = &mut *tx;
    sqlx::query(
        "UPDATE email_tokens SET used_at = ? WHERE user_id = ? AND purpose = 'change_email' AND used_at IS NULL",
    )
    .bind(now)
    .bind(user_id)
    .execute(&mut *conn)
    .await?;
    let link = tokens::issue(
        &mut *conn,
        public_url,
        user_id,
        TokenPurpose::ChangeEmail,
        now,
    )
    .await?;
    sqlx::query("UPDATE email_tokens SET new_email = ? WHERE id = last_insert_rowid()")
        .bind(new_email)
        .execute(&mut *conn)
        .await?;
    tx.commit().await?;
    tracing::info!(user_id, "e-mail change requested");
    Ok(link)
}

/// An address change that was carried out.
pub struct EmailChanged {
    pub user_id: i64,
    pub old_email: String,
    pub new_email: String,
}

/// Uses the link of an address change and switches the address; 409
/// `email_taken` when the address got an account meanwhile (the link stays
/// used: a new request is needed).
pub async fn confirm_email_change(
    db: &SqlitePool,
    token: &str,
    now: i64,
) -> AppResult<EmailChanged> {
    let mut tx = crate::db::begin_write(db).await?;
    let conn = &mut *tx;
    let user_id = tokens::consume(&mut *conn, TokenPurpose::ChangeEmail, token, now).await?;
    let new_email: Option<String> = sqlx::query_scalar(
        "SELECT new_email FROM email_tokens WHERE token_hash = ? AND purpose = 'change_email'",
    )
    .bind(sha256_hex(token.trim()))
    .fetch_one(&mut *conn)
    .await?;
    let new_email =
        new_email.ok_or_else(|| anyhow::anyhow!("change_email token without address"))?;
    let old_email: String = sqlx::query_scalar("SELECT email FROM users WHERE id = ?")
        .bind(user_id)
        .fetch_one(&mut *conn)
        .await?;
    let updated = sqlx::query(
        "UPDATE users SET email = ?1, email_confirmed_at = COALESCE(email_confirmed_at, ?2), updated_at = ?2
         WHERE id = ?3",
    )
    .bind(&new_email)
    .bind(now)
    .bind(user_id)
    .execute(&mut *conn)
    .await;
    match updated {
        Err(sqlx::Error::Database(d)) if d.is_unique_violation() => {
            tx.commit().await?;
            return Err(ErrorCode::EmailTaken.into());
        }
        other => {
            other?;
        }
    }
    tx.commit().await?;
    tracing::info!(user_id, "e-mail address changed");
    Ok(EmailChanged {
        user_id,
        old_email,
        new_email,
    })
}
