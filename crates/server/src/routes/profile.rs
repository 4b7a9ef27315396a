//! "Mijn Profiel" (B1, B3, B4, A4 re-acceptance): personal data, e-mail and
//! password changes, emergency contact, consents, accepted legal documents.
//!
//! Every handler works on the signed-in user's own rows only (`user_id`
//! from the session); no path or body names another user.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, NaiveDate, Utc};
use mijn_lexus_contract::account::{Accepted, ConfirmEmailRequest, SessionState};
use mijn_lexus_contract::legal::LegalKind;
use mijn_lexus_contract::profile::{
    AcceptLegalRequest, AcceptedDocument, AcceptedDocuments, ChangeEmailRequest,
    ChangePasswordRequest, ConsentKind, ConsentRecord, ConsentState, Consents, EmergencyContact,
    EmergencyContactState, Profile, SetConsentRequest, SetLanguageRequest, UpdateProfileRequest,
};
use mijn_lexus_contract::{Country, ErrorCode, FieldError, Language, Salutation};
use sqlx::SqlitePool;

use super::page::{self, PageQuery};
use super::{consume_token, find_user, find_user_by_email, issue_token, ApiJson, TokenPurpose};
use crate::error::{AppError, AppResult};
use crate::mail::{self, templates};
use crate::security::password;
use crate::security::session::{ClientInfo, SignedIn};
use crate::state::AppState;

fn time(unix: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(unix, 0).unwrap_or_default()
}

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

pub async fn load_profile(state: &AppState, user_id: i64) -> AppResult<Profile> {
    let row: ProfileRow = sqlx::query_as(
        "SELECT email, salutation, first_name, last_name, birth_date, language, street, house_number,
                box, postcode, city, country, mobile_phone, landline_phone
         FROM users WHERE id = ?",
    )
    .bind(user_id)
    .fetch_optional(&state.db)
    .await?
    .ok_or(AppError::Code(ErrorCode::Unauthenticated))?;
    let pending: Option<(String,)> = sqlx::query_as(
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
        pending_email: pending.map(|p| p.0),
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

/// GET /profile
pub async fn get(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
) -> AppResult<Json<Profile>> {
    Ok(Json(load_profile(&state, session.user_id).await?))
}

/// PUT /profile: every field at once (the form), normalised.
pub async fn update(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    ApiJson(req): ApiJson<UpdateProfileRequest>,
) -> AppResult<Json<Profile>> {
    let p = req.validate(state.clock.now().date_naive())?;
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
    .bind(session.user_id)
    .execute(&state.db)
    .await?;
    tracing::info!(user_id = session.user_id, "profile updated");
    Ok(Json(load_profile(&state, session.user_id).await?))
}

/// PUT /profile/language: the language switch of a signed-in user.
pub async fn set_language(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    ApiJson(req): ApiJson<SetLanguageRequest>,
) -> AppResult<StatusCode> {
    sqlx::query("UPDATE users SET language = ?, updated_at = ? WHERE id = ?")
        .bind(req.language.code())
        .bind(state.clock.unix())
        .bind(session.user_id)
        .execute(&state.db)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Checks the current password; wrong answers count toward the sign-in
/// limits of the address and client (same protection against guessing, and
/// a stranger's failed sign-ins elsewhere do not block it).
pub(crate) async fn check_current_password(
    state: &AppState,
    client: &ClientInfo,
    user: &super::UserRow,
    given: &str,
    field: &str,
) -> AppResult<()> {
    let attempt = super::session::sign_in_attempt(state, &user.email, client, state.clock.now())?;
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

async fn signed_in_user(state: &AppState, user_id: i64) -> AppResult<super::UserRow> {
    find_user(&state.db, user_id)
        .await?
        .ok_or(AppError::Code(ErrorCode::Unauthenticated))
}

/// POST /profile/email: a link goes to the new address (always 202 once
/// the password is right; an address that already has an account gets a
/// notice instead of a link, so the answer does not tell who has one).
pub async fn change_email(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    client: ClientInfo,
    ApiJson(req): ApiJson<ChangeEmailRequest>,
) -> AppResult<(StatusCode, Json<Accepted>)> {
    let user = signed_in_user(&state, session.user_id).await?;
    let new_email = req.validate(&user.email)?;
    check_current_password(
        &state,
        &client,
        &user,
        &req.current_password,
        "current_password",
    )
    .await?;
    // Each request mails an address of the user's choosing: bounded per user.
    state
        .limits
        .email_change_user
        .hit(&user.id.to_string(), state.clock.now())
        .map_err(|secs| AppError::RateLimited {
            retry_after_secs: secs,
        })?;
    let answer = Accepted {
        message: templates::for_language(client.lang).email_change_accepted(new_email.as_str()),
    };
    if let Some(holder) = find_user_by_email(&state.db, new_email.as_str()).await? {
        // Told in the language of the account that has the address.
        state
            .mailer
            .send(mail::email_change_address_taken(&holder.recipient()))
            .await;
        return Ok((StatusCode::ACCEPTED, Json(answer)));
    }
    let now = state.clock.unix();
    let mut tx = crate::db::begin_write(&state.db).await?;
    // One pending change at a time: older links die.
    sqlx::query(
        "UPDATE email_tokens SET used_at = ? WHERE user_id = ? AND purpose = 'change_email' AND used_at IS NULL",
    )
    .bind(now)
    .bind(user.id)
    .execute(&mut *tx)
    .await?;
    let link = issue_token(
        &mut *tx,
        &state.public_url,
        user.id,
        TokenPurpose::ChangeEmail,
        now,
    )
    .await?;
    sqlx::query("UPDATE email_tokens SET new_email = ? WHERE id = last_insert_rowid()")
        .bind(new_email.as_str())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    tracing::info!(user_id = user.id, "e-mail change requested");
    state
        .mailer
        .send(mail::confirm_email_change(
            &user.recipient(),
            new_email.as_str(),
            &link,
        ))
        .await;
    Ok((StatusCode::ACCEPTED, Json(answer)))
}

/// POST /profile/email/confirm: the link from the mail switches the
/// address (409 `email_taken` when it got an account meanwhile); the old
/// address is told. No session needed: the token is the proof.
pub async fn confirm_email_change(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<ConfirmEmailRequest>,
) -> AppResult<StatusCode> {
    let now = state.clock.unix();
    let mut tx = crate::db::begin_write(&state.db).await?;
    let user_id = consume_token(&mut tx, TokenPurpose::ChangeEmail, &req.token, now).await?;
    let (new_email,): (Option<String>,) = sqlx::query_as(
        "SELECT new_email FROM email_tokens WHERE token_hash = ? AND purpose = 'change_email'",
    )
    .bind(crate::security::sha256_hex(req.token.trim()))
    .fetch_one(&mut *tx)
    .await?;
    let new_email =
        new_email.ok_or_else(|| anyhow::anyhow!("change_email token without address"))?;
    let old: (String,) = sqlx::query_as("SELECT email FROM users WHERE id = ?")
        .bind(user_id)
        .fetch_one(&mut *tx)
        .await?;
    let updated = sqlx::query(
        "UPDATE users SET email = ?1, email_confirmed_at = COALESCE(email_confirmed_at, ?2), updated_at = ?2
         WHERE id = ?3",
    )
    .bind(&new_email)
    .bind(now)
    .bind(user_id)
    .execute(&mut *tx)
    .await;
    match updated {
        Err(sqlx::Error::Database(d)) if d.is_unique_violation() => {
            // The token stays used: a new request is needed.
            tx.commit().await?;
            return Err(ErrorCode::EmailTaken.into());
        }
        other => {
            other?;
        }
    }
    tx.commit().await?;
    tracing::info!(user_id, "e-mail address changed");
    if let Some(user) = find_user(&state.db, user_id).await? {
        state
            .mailer
            .send(mail::email_changed(&user.recipient(), &old.0, &new_email))
            .await;
    }
    Ok(StatusCode::NO_CONTENT)
}

/// POST /profile/password: every other session of the user ends; this one
/// stays signed in.
pub async fn change_password(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    client: ClientInfo,
    ApiJson(req): ApiJson<ChangePasswordRequest>,
) -> AppResult<StatusCode> {
    let user = signed_in_user(&state, session.user_id).await?;
    req.validate(&user.email, password::is_common)?;
    check_current_password(
        &state,
        &client,
        &user,
        &req.current_password,
        "current_password",
    )
    .await?;
    let hash = state.passwords.hash(req.new_password.clone()).await?;
    let now = state.clock.unix();
    let mut tx = crate::db::begin_write(&state.db).await?;
    sqlx::query("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?")
        .bind(&hash)
        .bind(now)
        .bind(user.id)
        .execute(&mut *tx)
        .await?;
    let ended = sqlx::query("DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?")
        .bind(user.id)
        .bind(&session.id_hash)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    sqlx::query(
        "UPDATE email_tokens SET used_at = ? WHERE user_id = ? AND purpose = 'password_reset' AND used_at IS NULL",
    )
    .bind(now)
    .bind(user.id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(
        user_id = user.id,
        sessions_ended = ended,
        "password changed"
    );
    state
        .mailer
        .send(mail::password_changed(&user.recipient()))
        .await;
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------- emergency contact ----

async fn emergency_contact(db: &SqlitePool, user_id: i64) -> AppResult<EmergencyContactState> {
    let row: Option<(String, String, String)> =
        sqlx::query_as("SELECT name, relation, phone FROM emergency_contacts WHERE user_id = ?")
            .bind(user_id)
            .fetch_optional(db)
            .await?;
    Ok(EmergencyContactState {
        contact: row.map(|(name, relation, phone)| EmergencyContact {
            name,
            relation,
            phone,
        }),
    })
}

/// GET /profile/emergency-contact
pub async fn get_emergency_contact(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
) -> AppResult<Json<EmergencyContactState>> {
    Ok(Json(emergency_contact(&state.db, session.user_id).await?))
}

/// PUT /profile/emergency-contact: set or replace.
pub async fn put_emergency_contact(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    ApiJson(req): ApiJson<EmergencyContact>,
) -> AppResult<Json<EmergencyContactState>> {
    let user = signed_in_user(&state, session.user_id).await?;
    let c = req.validate(user.country())?;
    sqlx::query(
        "INSERT INTO emergency_contacts (user_id, name, relation, phone, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (user_id) DO UPDATE SET name = ?2, relation = ?3, phone = ?4, updated_at = ?5",
    )
    .bind(user.id)
    .bind(&c.name)
    .bind(&c.relation)
    .bind(&c.phone)
    .bind(state.clock.unix())
    .execute(&state.db)
    .await?;
    Ok(Json(emergency_contact(&state.db, user.id).await?))
}

/// DELETE /profile/emergency-contact
pub async fn delete_emergency_contact(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
) -> AppResult<StatusCode> {
    sqlx::query("DELETE FROM emergency_contacts WHERE user_id = ?")
        .bind(session.user_id)
        .execute(&state.db)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

// ------------------------------------------------------------- consents ----

/// History page size: default and maximum.
pub const CONSENT_PAGE: (u32, u32) = (50, 200);

/// The current state per kind and one page of the history, newest first.
pub async fn consents(db: &SqlitePool, user_id: i64, page: &PageQuery) -> AppResult<Consents> {
    let size = page.size(CONSENT_PAGE.0, CONSENT_PAGE.1);
    let rows: Vec<(i64, String, bool, i64, Option<String>, String)> = sqlx::query_as(
        "SELECT id, kind, granted, recorded_at, user_agent, source FROM consents
         WHERE user_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
    )
    .bind(user_id)
    .bind(page.before())
    .bind(i64::from(size) + 1)
    .fetch_all(db)
    .await?;
    let (rows, next_before_id) = page::split(rows, size, |r| r.0);
    let history: Vec<ConsentRecord> = rows
        .into_iter()
        .filter_map(|(_, kind, granted, at, user_agent, source)| {
            Some(ConsentRecord {
                kind: ConsentKind::from_code(&kind)?,
                granted,
                recorded_at: time(at),
                user_agent,
                source,
            })
        })
        .collect();
    // The latest row per kind, whatever page was asked for.
    let latest: Vec<(String, bool, i64)> = sqlx::query_as(
        "SELECT c.kind, c.granted, c.recorded_at FROM consents c
         WHERE c.user_id = ?1 AND c.id = (SELECT MAX(id) FROM consents WHERE user_id = ?1 AND kind = c.kind)",
    )
    .bind(user_id)
    .fetch_all(db)
    .await?;
    let current = ConsentKind::ALL
        .into_iter()
        .map(|kind| {
            let last = latest.iter().find(|(k, _, _)| k == kind.code());
            ConsentState {
                kind,
                granted: last.is_some_and(|(_, granted, _)| *granted),
                since: last.map(|(_, _, at)| time(*at)),
            }
        })
        .collect();
    Ok(Consents {
        current,
        history,
        next_before_id,
    })
}

/// GET /profile/consents?limit=&before_id=
pub async fn get_consents(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Query(page): Query<PageQuery>,
) -> AppResult<Json<Consents>> {
    Ok(Json(consents(&state.db, session.user_id, &page).await?))
}

/// PUT /profile/consents/{kind}: grant or withdraw. Always a new row (also
/// when nothing changes: the user confirmed the choice on this device).
pub async fn set_consent(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    client: ClientInfo,
    Path(kind): Path<String>,
    ApiJson(req): ApiJson<SetConsentRequest>,
) -> AppResult<Json<Consents>> {
    let kind = ConsentKind::from_code(&kind).ok_or(AppError::Code(ErrorCode::NotFound))?;
    sqlx::query(
        "INSERT INTO consents (user_id, kind, granted, recorded_at, user_agent, source)
         VALUES (?, ?, ?, ?, ?, 'profile')",
    )
    .bind(session.user_id)
    .bind(kind.code())
    .bind(req.granted)
    .bind(state.clock.unix())
    .bind(client.user_agent.as_deref())
    .execute(&state.db)
    .await?;
    tracing::info!(
        user_id = session.user_id,
        kind = kind.code(),
        granted = req.granted,
        "consent recorded"
    );
    Ok(Json(
        consents(&state.db, session.user_id, &PageQuery::default()).await?,
    ))
}

// ---------------------------------------------------------------- legal ----

/// The highest accepted version per kind.
pub async fn accepted_versions(db: &SqlitePool, user_id: i64) -> AppResult<Vec<(LegalKind, u32)>> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT kind, MAX(version) FROM legal_acceptances WHERE user_id = ? GROUP BY kind",
    )
    .bind(user_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(k, v)| Some((LegalKind::from_slug(&k)?, u32::try_from(v).ok()?)))
        .collect())
}

/// What the user must accept before going on (A4).
pub async fn pending_legal(
    state: &AppState,
    user_id: i64,
) -> AppResult<Vec<mijn_lexus_contract::profile::PendingLegal>> {
    let accepted = accepted_versions(&state.db, user_id).await?;
    Ok(state
        .legal
        .pending(&accepted, state.clock.now().date_naive()))
}

/// GET /profile/legal: every acceptance, oldest first.
pub async fn accepted_documents(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
) -> AppResult<Json<AcceptedDocuments>> {
    let rows: Vec<(String, i64, String, i64, Option<String>)> = sqlx::query_as(
        "SELECT kind, version, language, accepted_at, user_agent FROM legal_acceptances
         WHERE user_id = ? ORDER BY accepted_at, id",
    )
    .bind(session.user_id)
    .fetch_all(&state.db)
    .await?;
    let documents = rows
        .into_iter()
        .filter_map(|(kind, version, language, at, user_agent)| {
            Some(AcceptedDocument {
                kind: LegalKind::from_slug(&kind)?,
                version: u32::try_from(version).ok()?,
                language: Language::from_code(&language)?,
                accepted_at: time(at),
                user_agent,
            })
        })
        .collect();
    Ok(Json(AcceptedDocuments { documents }))
}

/// POST /profile/legal/accept: accept the current version of a document
/// (in the user's language, Dutch when there is no translation). Earlier
/// acceptances stay. Answers the new session state.
pub async fn accept_legal(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    client: ClientInfo,
    ApiJson(req): ApiJson<AcceptLegalRequest>,
) -> AppResult<Json<SessionState>> {
    let user = signed_in_user(&state, session.user_id).await?;
    let today = state.clock.now().date_naive();
    if state.legal.current_version(req.kind, today) != Some(req.version) {
        return Err(AppError::Validation(vec![FieldError::new(
            "version",
            ErrorCode::LegalVersionOutdated,
        )]));
    }
    let doc = state
        .legal
        .get(req.kind, req.version, user.language())
        .ok_or(AppError::Code(ErrorCode::NotFound))?;
    sqlx::query(
        "INSERT INTO legal_acceptances (user_id, kind, version, language, accepted_at, user_agent)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(user.id)
    .bind(req.kind.slug())
    .bind(req.version)
    .bind(doc.language.code())
    .bind(state.clock.unix())
    .bind(client.user_agent.as_deref())
    .execute(&state.db)
    .await?;
    tracing::info!(
        user_id = user.id,
        kind = req.kind.slug(),
        version = req.version,
        "legal document accepted"
    );
    Ok(Json(SessionState {
        user: Some(user.summary()),
        csrf_token: session.csrf_token,
        pending_legal: pending_legal(&state, user.id).await?,
    }))
}
