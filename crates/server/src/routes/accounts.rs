//! POST /api/accounts, /api/accounts/confirm, /api/accounts/confirm/resend (A1).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use mijn_lexus_contract::account::{
    register_fields, Accepted, ConfirmEmailRequest, EmailRequest, NewAccount, RegisterRequest,
};
use mijn_lexus_contract::legal::LegalKind;
use mijn_lexus_contract::{ErrorCode, FieldError, Language};
use sqlx::SqliteConnection;

use super::{consume_token, find_user_by_email, issue_token, ApiJson, TokenPurpose};
use crate::error::{AppError, AppResult};
use crate::mail::{self, templates};
use crate::security::password;
use crate::security::rate_limit::{address_and_client, hit_all, hit_both};
use crate::security::session::ClientInfo;
use crate::state::AppState;
use crate::telemetry::pseudonym;

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

/// Rejects a registration whose legal versions are not the current ones.
fn check_legal_versions(state: &AppState, req: &RegisterRequest, errors: &mut Vec<FieldError>) {
    let today = state.clock.now().date_naive();
    let checks = [
        (
            LegalKind::Terms,
            req.accept_terms,
            req.terms_version,
            register_fields::ACCEPT_TERMS,
        ),
        (
            LegalKind::Privacy,
            req.accept_privacy,
            req.privacy_version,
            register_fields::ACCEPT_PRIVACY,
        ),
    ];
    for (kind, accepted, version, field) in checks {
        if accepted && state.legal.current_version(kind, today) != Some(version) {
            errors.push(FieldError::new(field, ErrorCode::LegalVersionOutdated));
        }
    }
    // Keep form order: the acceptance fields come last, terms before privacy.
    let rank = |f: &FieldError| match f.field.as_str() {
        register_fields::ACCEPT_TERMS => 1,
        register_fields::ACCEPT_PRIVACY => 2,
        _ => 0,
    };
    errors.sort_by_key(rank);
}

/// Register. A known address gets the same answer as a new one. For a
/// confirmed account nothing changes and the owner is mailed instead. For an
/// account that was never confirmed the newest registration wins: its data
/// and password replace the pending ones, earlier links die and a fresh
/// confirmation goes out (so nobody confirms an account with someone
/// else's password).
///
/// Records: acceptance of the terms and the privacy policy (version, text
/// language, time, user agent) and the marketing choice in `consents`, also
/// when it was declined, so the history of the choice is complete.
pub async fn register(
    State(state): State<AppState>,
    client: ClientInfo,
    ApiJson(req): ApiJson<RegisterRequest>,
) -> AppResult<(StatusCode, Json<Accepted>)> {
    let parsed = NewAccount::parse(&req, password::is_common);
    let mut errors = parsed.as_ref().err().cloned().unwrap_or_default();
    check_legal_versions(&state, &req, &mut errors);
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

    let mut tx = crate::db::begin_write(&state.db).await?;
    let inserted: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO users (email, password_hash, salutation, first_name, last_name, country, language,
                            mobile_phone, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (email) DO NOTHING
         RETURNING id",
    )
    .bind(&email)
    .bind(&hash)
    .bind(account.salutation.code())
    .bind(account.first_name.as_str())
    .bind(account.last_name.as_str())
    .bind(account.country.code())
    .bind(account.language.code())
    .bind(account.mobile_phone.as_ref().map(|p| p.as_str().to_owned()))
    .bind(now)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;

    let user_id = match inserted {
        Some((user_id,)) => user_id,
        None => match replace_pending(&mut tx, &account, &email, &hash, now).await? {
            Some(user_id) => user_id,
            None => {
                tx.rollback().await?;
                notify_known_address(&state, &email).await?;
                return Ok(answer);
            }
        },
    };

    record_acceptances(
        &state,
        &mut tx,
        user_id,
        &account,
        client.user_agent.as_deref(),
        now,
    )
    .await?;
    sqlx::query(
        "INSERT INTO consents (user_id, kind, granted, recorded_at, user_agent, source)
         VALUES (?, 'marketing_email', ?, ?, ?, 'registration')",
    )
    .bind(user_id)
    .bind(account.marketing_consent)
    .bind(now)
    .bind(client.user_agent.as_deref())
    .execute(&mut *tx)
    .await?;
    let link = issue_token(
        &mut *tx,
        &state.public_url,
        user_id,
        TokenPurpose::ConfirmEmail,
        now,
    )
    .await?;
    tx.commit().await?;
    tracing::info!(user_id, "account registered");

    let user = super::find_user(&state.db, user_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("user vanished"))?;
    state
        .mailer
        .send(mail::confirm_email(&user.recipient(), &link))
        .await;
    Ok(answer)
}

/// Records that the user accepted the current terms and privacy policy.
pub async fn record_acceptances(
    state: &AppState,
    conn: &mut SqliteConnection,
    user_id: i64,
    account: &NewAccount,
    user_agent: Option<&str>,
    now: i64,
) -> AppResult<()> {
    for (kind, version) in [
        (LegalKind::Terms, account.terms_version),
        (LegalKind::Privacy, account.privacy_version),
    ] {
        // The language of the text that was shown (Dutch when there is none in theirs).
        let doc = state
            .legal
            .get(kind, version, account.language)
            .ok_or_else(|| anyhow::anyhow!("legal document {} v{version} missing", kind.slug()))?;
        sqlx::query(
            "INSERT INTO legal_acceptances (user_id, kind, version, language, accepted_at, user_agent)
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(user_id)
        .bind(kind.slug())
        .bind(version)
        .bind(doc.language.code())
        .bind(now)
        .bind(user_agent)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Gives a never-confirmed account with `email` the data and password of a
/// new registration (its id, or `None` when the account is confirmed).
/// What the earlier registration left (acceptances, consent, links) goes:
/// the new registration records its own.
async fn replace_pending(
    conn: &mut SqliteConnection,
    account: &NewAccount,
    email: &str,
    hash: &str,
    now: i64,
) -> AppResult<Option<i64>> {
    let replaced: Option<(i64,)> = sqlx::query_as(
        "UPDATE users SET password_hash = ?, salutation = ?, first_name = ?, last_name = ?, country = ?,
                          language = ?, mobile_phone = ?, created_at = ?, updated_at = ?
         WHERE email = ? AND email_confirmed_at IS NULL
         RETURNING id",
    )
    .bind(hash)
    .bind(account.salutation.code())
    .bind(account.first_name.as_str())
    .bind(account.last_name.as_str())
    .bind(account.country.code())
    .bind(account.language.code())
    .bind(account.mobile_phone.as_ref().map(|p| p.as_str().to_owned()))
    .bind(now)
    .bind(now)
    .bind(email)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((user_id,)) = replaced else {
        return Ok(None);
    };
    for sql in [
        "DELETE FROM legal_acceptances WHERE user_id = ?",
        "DELETE FROM consents WHERE user_id = ?",
    ] {
        sqlx::query(sql).bind(user_id).execute(&mut *conn).await?;
    }
    // Every earlier link (confirmation, reset) of the pending account dies.
    sqlx::query("UPDATE email_tokens SET used_at = ? WHERE user_id = ? AND used_at IS NULL")
        .bind(now)
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    tracing::info!(user_id, "pending registration replaced by a newer one");
    Ok(Some(user_id))
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
    let now = state.clock.unix();
    let mut tx = crate::db::begin_write(&state.db).await?;
    let user_id = consume_token(&mut tx, TokenPurpose::ConfirmEmail, &req.token, now).await?;
    sqlx::query(
        "UPDATE users SET email_confirmed_at = COALESCE(email_confirmed_at, ?1), updated_at = ?1 WHERE id = ?2",
    )
    .bind(now)
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(user_id, "e-mail address confirmed");
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
    let job = resend_confirmation(state.clone(), email.as_str().to_owned());
    state.background.spawn("confirmation resend mail", job);
    Ok((
        StatusCode::ACCEPTED,
        Json(resend_accepted(client.lang, email.as_str())),
    ))
}

/// Mails a fresh confirmation link when `email` has an unconfirmed account.
async fn resend_confirmation(state: AppState, email: String) -> anyhow::Result<()> {
    let Some(user) = find_user_by_email(&state.db, &email).await? else {
        return Ok(());
    };
    if user.email_confirmed_at.is_some() {
        return Ok(());
    }
    let link = issue_token(
        &state.db,
        &state.public_url,
        user.id,
        TokenPurpose::ConfirmEmail,
        state.clock.unix(),
    )
    .await?;
    state
        .mailer
        .send(mail::confirm_email(&user.recipient(), &link))
        .await;
    Ok(())
}
