//! Registration (A1): the rules for a new or repeated registration and
//! what it records.

use mijn_lexus_contract::account::{register_fields, NewAccount, RegisterRequest};
use mijn_lexus_contract::legal::LegalKind;
use mijn_lexus_contract::{ErrorCode, FieldError};
use sqlx::{SqliteConnection, SqlitePool};

use crate::accounts::find_user_by_email;
use crate::accounts::tokens::{self, TokenPurpose};
use crate::error::AppResult;
use crate::legal::acceptances::{self, Acceptance};
use crate::legal::LegalCatalog;
use crate::mail;
use crate::profile::consents::{self, ConsentChange};
use crate::state::AppState;
use mijn_lexus_contract::profile::ConsentKind;

/// Rejects a registration whose legal versions are not the current ones.
pub fn check_legal_versions(
    legal: &LegalCatalog,
    today: chrono::NaiveDate,
    req: &RegisterRequest,
    errors: &mut Vec<FieldError>,
) {
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
        if accepted && legal.current_version(kind, today) != Some(version) {
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

/// A stored registration: the account and the confirmation link to mail.
pub struct Registered {
    pub user_id: i64,
    pub link: String,
}

/// Stores a registration with a fresh confirmation link, or returns `None`
/// when the address belongs to a confirmed account (then nothing changes).
/// The rules: [`save`].
pub async fn register(
    state: &AppState,
    account: &NewAccount,
    password_hash: &str,
    user_agent: Option<&str>,
    now: i64,
) -> AppResult<Option<Registered>> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    let saved = save(
        &mut tx,
        &state.legal,
        account,
        password_hash,
        user_agent,
        now,
    )
    .await?;
    let Some(user_id) = saved else {
        tx.rollback().await?;
        return Ok(None);
    };
    let link = tokens::issue(
        &mut *tx,
        &state.public_url,
        user_id,
        TokenPurpose::ConfirmEmail,
        now,
    )
    .await?;
    tx.commit().await?;
    tracing::info!(user_id, "account registered");
    Ok(Some(Registered { user_id, link }))
}

/// Stores a registration and returns the account's id, or `None` when the
/// address belongs to a confirmed account (then nothing changes).
///
/// A new address gets a new account. For an account that was never
/// confirmed the newest registration wins: its data and password replace
/// the pending ones, what the earlier registration left (acceptances,
/// consent, links) goes, so nobody confirms an account with someone else's
/// password. Records acceptance of the terms and the privacy policy and the
/// marketing choice, also when it was declined, so the history of the
/// choice is complete. Call within a write transaction.
async fn save(
    conn: &mut SqliteConnection,
    legal: &LegalCatalog,
    account: &NewAccount,
    password_hash: &str,
    user_agent: Option<&str>,
    now: i64,
) -> AppResult<Option<i64>> {
    // One statement for both cases: a conflict on a confirmed address
    // updates nothing and returns no row.
    let saved: Option<i64> = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, salutation, first_name, last_name, country, language,
                            mobile_phone, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)
         ON CONFLICT (email) DO UPDATE SET
             password_hash = excluded.password_hash, salutation = excluded.salutation,
             first_name = excluded.first_name, last_name = excluded.last_name,
             country = excluded.country, language = excluded.language,
             mobile_phone = excluded.mobile_phone, created_at = excluded.created_at,
             updated_at = excluded.updated_at
         WHERE users.email_confirmed_at IS NULL
         RETURNING id",
    )
    .bind(account.email.as_str())
    .bind(password_hash)
    .bind(account.salutation.code())
    .bind(account.first_name.as_str())
    .bind(account.last_name.as_str())
    .bind(account.country.code())
    .bind(account.language.code())
    .bind(account.mobile_phone.as_ref().map(|p| p.as_str()))
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(user_id) = saved else {
        return Ok(None);
    };
    forget_pending(conn, user_id, now).await?;
    record_acceptances(conn, legal, user_id, account, user_agent, now).await?;
    consents::record(
        &mut *conn,
        &ConsentChange {
            user_id,
            kind: ConsentKind::MarketingEmail,
            granted: account.marketing_consent,
            user_agent,
            source: "registration",
            at: now,
        },
    )
    .await?;
    Ok(Some(user_id))
}

/// Removes what an earlier, never-confirmed registration of the account
/// left: acceptances, consents, and every link (confirmation, reset). A
/// new account has none of these.
async fn forget_pending(conn: &mut SqliteConnection, user_id: i64, now: i64) -> AppResult<()> {
    let mut removed = 0;
    for sql in [
        "DELETE FROM legal_acceptances WHERE user_id = ?",
        "DELETE FROM consents WHERE user_id = ?",
    ] {
        removed += sqlx::query(sql)
            .bind(user_id)
            .execute(&mut *conn)
            .await?
            .rows_affected();
    }
    sqlx::query("UPDATE email_tokens SET used_at = ? WHERE user_id = ? AND used_at IS NULL")
        .bind(now)
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    if removed > 0 {
        tracing::info!(user_id, "pending registration replaced by a newer one");
    }
    Ok(())
}

/// Records that the user accepted the terms and privacy policy versions of
/// the registration, in the language of the text that was shown (Dutch
/// when there is none in theirs).
pub async fn record_acceptances(
    conn: &mut SqliteConnection,
    legal: &LegalCatalog,
    user_id: i64,
    account: &NewAccount,
    user_agent: Option<&str>,
    now: i64,
) -> AppResult<()> {
    for (kind, version) in [
        (LegalKind::Terms, account.terms_version),
        (LegalKind::Privacy, account.privacy_version),
    ] {
        let doc = legal
            .get(kind, version, account.language)
            .ok_or_else(|| anyhow::anyhow!("legal document {} v{version} missing", kind.slug()))?;
        acceptances::record(
            &mut *conn,
            &Acceptance {
                user_id,
                kind,
                version,
                language: doc.language,
                user_agent,
                at: now,
            },
        )
        .await?;
    }
    Ok(())
}

/// Uses a confirmation link and marks the account's address confirmed (the
/// first confirmation counts); returns the account.
pub async fn confirm(db: &SqlitePool, token: &str, now: i64) -> AppResult<i64> {
    let mut tx = crate::db::begin_write(db).await?;
    let user_id = tokens::consume(&mut tx, TokenPurpose::ConfirmEmail, token, now).await?;
    sqlx::query(
        "UPDATE users SET email_confirmed_at = COALESCE(email_confirmed_at, ?1), updated_at = ?1 WHERE id = ?2",
    )
    .bind(now)
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(user_id, "e-mail address confirmed");
    Ok(user_id)
}

/// Mails a fresh confirmation link when `email` has an unconfirmed account.
pub async fn resend_confirmation(state: AppState, email: String) -> anyhow::Result<()> {
    let Some(user) = find_user_by_email(&state.db, &email).await? else {
        return Ok(());
    };
    if user.email_confirmed_at.is_some() {
        return Ok(());
    }
    let link = tokens::issue(
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
