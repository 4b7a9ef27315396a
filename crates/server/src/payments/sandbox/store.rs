//! The sandbox's own tables (`sandbox_*`, migration 0010): tokenised cards,
//! single-use tokens, charges and refunds. Only this module reads them.

use sqlx::{FromRow, SqlitePool};

use super::test_cards::Behaviour;
use crate::payments::{ChargeOutcome, DeclineReason, PaymentError, RefundOutcome};

/// A tokenised card as the sandbox keeps it: no number, no CVC.
pub struct NewCard<'a> {
    pub reference: &'a str,
    pub brand: &'a str,
    pub funding: &'a str,
    pub last4: &'a str,
    pub exp_month: u32,
    pub exp_year: i32,
    pub holder: &'a str,
    pub fingerprint: &'a str,
    pub behaviour: Behaviour,
}

pub async fn insert_card_with_token(
    db: &SqlitePool,
    card: &NewCard<'_>,
    token: &str,
    now: i64,
    expires_at: i64,
) -> sqlx::Result<()> {
    let mut tx = crate::db::begin_write(db).await?;
    let card_id: i64 = sqlx::query_scalar(
        "INSERT INTO sandbox_cards (reference, brand, funding, last4, exp_month, exp_year,
                                    holder, fingerprint, behaviour, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(card.reference)
    .bind(card.brand)
    .bind(card.funding)
    .bind(card.last4)
    .bind(card.exp_month)
    .bind(card.exp_year)
    .bind(card.holder)
    .bind(card.fingerprint)
    .bind(card.behaviour.as_str())
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO sandbox_tokens (token, card_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
    )
    .bind(token)
    .bind(card_id)
    .bind(now)
    .bind(expires_at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

#[derive(FromRow)]
pub struct CardRow {
    pub id: i64,
    pub reference: String,
    pub brand: String,
    pub funding: String,
    pub last4: String,
    pub exp_month: u32,
    pub exp_year: i32,
    pub holder: String,
    pub fingerprint: String,
    pub behaviour: String,
}

const CARD_COLUMNS: &str = "c.id, c.reference, c.brand, c.funding, c.last4, c.exp_month, \
                            c.exp_year, c.holder, c.fingerprint, c.behaviour";

/// Marks a live token used and answers its card; None when the token is
/// unknown, used or expired. The update is the check, so two exchanges of
/// one token at once cannot both succeed.
pub async fn use_token(db: &SqlitePool, token: &str, now: i64) -> sqlx::Result<Option<CardRow>> {
    let card_id: Option<i64> = sqlx::query_scalar(
        "UPDATE sandbox_tokens SET used_at = ?
          WHERE token = ? AND used_at IS NULL AND expires_at > ?
          RETURNING card_id",
    )
    .bind(now)
    .bind(token)
    .bind(now)
    .fetch_optional(db)
    .await?;
    let Some(card_id) = card_id else {
        return Ok(None);
    };
    sqlx::query_as(&format!(
        "SELECT {CARD_COLUMNS} FROM sandbox_cards c WHERE c.id = ?"
    ))
    .bind(card_id)
    .fetch_optional(db)
    .await
}

pub async fn card_by_reference(db: &SqlitePool, reference: &str) -> sqlx::Result<Option<CardRow>> {
    sqlx::query_as(&format!(
        "SELECT {CARD_COLUMNS} FROM sandbox_cards c WHERE c.reference = ?"
    ))
    .bind(reference)
    .fetch_optional(db)
    .await
}

#[derive(FromRow)]
pub struct ChargeRow {
    pub charge_id: String,
    pub request_hash: String,
    pub amount_cents: i64,
    pub currency: String,
    pub description: String,
    pub return_url: Option<String>,
    pub status: String,
    pub decline_reason: Option<String>,
    pub brand: String,
    pub last4: String,
}

const CHARGE_COLUMNS: &str = "ch.charge_id, ch.request_hash, ch.amount_cents, ch.currency, \
     ch.description, ch.return_url, ch.status, ch.decline_reason, c.brand, c.last4";

impl ChargeRow {
    /// The outcome as the provider interface tells it.
    pub fn outcome(&self, challenge_url: impl FnOnce(&str) -> String) -> ChargeOutcome {
        let charge_id = self.charge_id.clone();
        match self.status.as_str() {
            "succeeded" => ChargeOutcome::Succeeded { charge_id },
            "requires_action" => ChargeOutcome::RequiresAction {
                challenge_url: challenge_url(&charge_id),
                charge_id,
            },
            _ => ChargeOutcome::Failed {
                charge_id,
                reason: self
                    .decline_reason
                    .as_deref()
                    .and_then(DeclineReason::parse)
                    .unwrap_or(DeclineReason::Declined),
            },
        }
    }
}

pub async fn charge_by_id(db: &SqlitePool, charge_id: &str) -> sqlx::Result<Option<ChargeRow>> {
    sqlx::query_as(&format!(
        "SELECT {CHARGE_COLUMNS} FROM sandbox_charges ch JOIN sandbox_cards c ON c.id = ch.card_id
          WHERE ch.charge_id = ?"
    ))
    .bind(charge_id)
    .fetch_optional(db)
    .await
}

async fn charge_by_key(db: &SqlitePool, key: &str) -> sqlx::Result<Option<ChargeRow>> {
    sqlx::query_as(&format!(
        "SELECT {CHARGE_COLUMNS} FROM sandbox_charges ch JOIN sandbox_cards c ON c.id = ch.card_id
          WHERE ch.idempotency_key = ?"
    ))
    .bind(key)
    .fetch_optional(db)
    .await
}

pub struct NewCharge<'a> {
    pub charge_id: &'a str,
    pub idempotency_key: &'a str,
    pub request_hash: &'a str,
    pub card_id: i64,
    pub amount_cents: i64,
    pub currency: &'a str,
    pub description: &'a str,
    pub initiated: &'a str,
    pub return_url: Option<&'a str>,
    pub status: &'a str,
    pub decline_reason: Option<DeclineReason>,
}

/// Records a charge unless its idempotency key is known; either way answers
/// the charge stored under the key (the first one wins, also in parallel),
/// or `IdempotencyConflict` when the key came with other parameters.
pub async fn insert_charge(
    db: &SqlitePool,
    charge: &NewCharge<'_>,
    now: i64,
) -> Result<ChargeRow, PaymentError> {
    sqlx::query(
        "INSERT INTO sandbox_charges (charge_id, idempotency_key, request_hash, card_id,
             amount_cents, currency, description, initiated, return_url, status,
             decline_reason, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (idempotency_key) DO NOTHING",
    )
    .bind(charge.charge_id)
    .bind(charge.idempotency_key)
    .bind(charge.request_hash)
    .bind(charge.card_id)
    .bind(charge.amount_cents)
    .bind(charge.currency)
    .bind(charge.description)
    .bind(charge.initiated)
    .bind(charge.return_url)
    .bind(charge.status)
    .bind(charge.decline_reason.map(DeclineReason::as_str))
    .bind(now)
    .bind(now)
    .execute(db)
    .await
    .map_err(anyhow::Error::from)?;
    existing_charge(db, charge.idempotency_key, charge.request_hash)
        .await?
        .ok_or_else(|| PaymentError::Unavailable(anyhow::anyhow!("charge row vanished")))
}

/// The charge stored under `key`, if any; `IdempotencyConflict` when it was
/// made with other parameters.
pub async fn existing_charge(
    db: &SqlitePool,
    key: &str,
    request_hash: &str,
) -> Result<Option<ChargeRow>, PaymentError> {
    match charge_by_key(db, key).await.map_err(anyhow::Error::from)? {
        Some(row) if row.request_hash != request_hash => Err(PaymentError::IdempotencyConflict),
        row => Ok(row),
    }
}

/// The customer's answer on the challenge page; only a charge still waiting
/// for it changes (a second answer changes nothing).
pub async fn decide_challenge(
    db: &SqlitePool,
    charge_id: &str,
    approved: bool,
    now: i64,
) -> sqlx::Result<()> {
    let (status, reason) = if approved {
        ("succeeded", None)
    } else {
        ("failed", Some(DeclineReason::AuthenticationFailed.as_str()))
    };
    sqlx::query(
        "UPDATE sandbox_charges SET status = ?, decline_reason = ?, updated_at = ?
          WHERE charge_id = ? AND status = 'requires_action'",
    )
    .bind(status)
    .bind(reason)
    .bind(now)
    .bind(charge_id)
    .execute(db)
    .await?;
    Ok(())
}

#[derive(FromRow)]
struct RefundRow {
    refund_id: String,
    charge_id: String,
    amount_cents: i64,
}

async fn refund_by_key(db: &SqlitePool, key: &str) -> sqlx::Result<Option<RefundRow>> {
    sqlx::query_as(
        "SELECT r.refund_id, ch.charge_id, r.amount_cents
           FROM sandbox_refunds r JOIN sandbox_charges ch ON ch.id = r.charge_id
          WHERE r.idempotency_key = ?",
    )
    .bind(key)
    .fetch_optional(db)
    .await
}

/// Refunds `amount_cents` of a succeeded charge within what is left of it,
/// once per idempotency key (the same key again answers the first refund;
/// with another charge or amount: `IdempotencyConflict`).
pub async fn refund(
    db: &SqlitePool,
    refund_id: &str,
    charge_id: &str,
    amount_cents: i64,
    key: &str,
    now: i64,
) -> Result<RefundOutcome, PaymentError> {
    let known = |row: RefundRow| {
        if row.charge_id == charge_id && row.amount_cents == amount_cents {
            Ok(RefundOutcome {
                refund_id: row.refund_id,
                charge_id: row.charge_id,
                amount_cents: row.amount_cents,
            })
        } else {
            Err(PaymentError::IdempotencyConflict)
        }
    };
    let internal = |e: sqlx::Error| PaymentError::Unavailable(e.into());
    if let Some(row) = refund_by_key(db, key).await.map_err(internal)? {
        return known(row);
    }
    // BEGIN IMMEDIATE: parallel refunds of one charge queue here, so the
    // check of what is left and the update see the same row.
    let mut tx = crate::db::begin_write(db).await.map_err(internal)?;
    let inserted = sqlx::query(
        "INSERT INTO sandbox_refunds (refund_id, idempotency_key, charge_id, amount_cents, created_at)
         SELECT ?, ?, id, ?, ? FROM sandbox_charges WHERE charge_id = ?
         ON CONFLICT (idempotency_key) DO NOTHING",
    )
    .bind(refund_id)
    .bind(key)
    .bind(amount_cents)
    .bind(now)
    .bind(charge_id)
    .execute(&mut *tx)
    .await
    .map_err(internal)?
    .rows_affected();
    if inserted == 0 {
        drop(tx);
        return match refund_by_key(db, key).await.map_err(internal)? {
            Some(row) => known(row),
            None => Err(PaymentError::UnknownCharge),
        };
    }
    let updated = sqlx::query(
        "UPDATE sandbox_charges SET refunded_cents = refunded_cents + ?, updated_at = ?
          WHERE charge_id = ? AND status = 'succeeded' AND refunded_cents + ? <= amount_cents",
    )
    .bind(amount_cents)
    .bind(now)
    .bind(charge_id)
    .bind(amount_cents)
    .execute(&mut *tx)
    .await
    .map_err(internal)?
    .rows_affected();
    if updated == 0 {
        return Err(PaymentError::RefundNotPossible(
            "the charge did not succeed or less is left to refund",
        ));
    }
    tx.commit().await.map_err(internal)?;
    Ok(RefundOutcome {
        refund_id: refund_id.to_owned(),
        charge_id: charge_id.to_owned(),
        amount_cents,
    })
}
