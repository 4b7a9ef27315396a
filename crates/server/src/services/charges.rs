//! Money through the payment provider for subscriptions: the first charge
//! (customer-initiated, may need strong customer authentication), renewal
//! charges (merchant-initiated) and refunds. Each is recorded in
//! `service_payments` before the provider is asked, under the key the
//! provider gets, so asking again never moves money twice.

use mijn_lexus_contract::services::{Activation, SubscriptionStatus};
use mijn_lexus_contract::ErrorCode;
use sqlx::SqliteConnection;

use super::store::{self, SubscriptionRow};
use crate::billing::{self, PaymentKind, PaymentRecord};
use crate::error::{AppError, AppResult};
use crate::payments::{ChargeOutcome, ChargeRequest, Initiated};
use crate::state::AppState;

/// The provider key of a subscription's first charge.
fn first_key(row: &SubscriptionRow) -> String {
    format!("sub-{}-first", row.public_id)
}

/// Records the first charge of a paid plan (pending) in the activation's
/// transaction.
pub async fn record_first_charge(
    conn: &mut SqliteConnection,
    row: &SubscriptionRow,
    last4: &str,
    now: i64,
) -> AppResult<()> {
    billing::insert_pending(
        conn,
        &PaymentRecord {
            kind: PaymentKind::Charge,
            user_id: row.user_id,
            subscription_id: Some(row.id),
            service: row.kind(),
            plan: row.plan(),
            vin: row.vin.clone(),
            period_start: row.current_period_start,
            period_end: row.current_period_end,
            amount_cents: row.price_cents,
            vat_rate_bp: row.rate_bp(),
            card_last4: Some(last4.to_owned()),
            idempotency_key: first_key(row),
            refund_of: None,
        },
        now,
    )
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct PaymentState {
    id: i64,
    status: String,
    amount_cents: i64,
    provider_charge_id: Option<String>,
    idempotency_key: String,
}

async fn payment(conn: &mut SqliteConnection, key: &str) -> AppResult<Option<PaymentState>> {
    Ok(sqlx::query_as(
        "SELECT id, status, amount_cents, provider_charge_id, idempotency_key
         FROM service_payments WHERE idempotency_key = ?",
    )
    .bind(key)
    .fetch_optional(conn)
    .await?)
}

/// The provider's reference of a saved card of the user.
pub async fn provider_token(db: &sqlx::SqlitePool, card_id: i64) -> AppResult<String> {
    Ok(
        sqlx::query_scalar("SELECT provider_token FROM payment_cards WHERE id = ?")
            .bind(card_id)
            .fetch_optional(db)
            .await?
            .ok_or(ErrorCode::MainCardRequired)?,
    )
}

/// What the statement and the challenge page show.
pub fn description(row: &SubscriptionRow) -> String {
    format!("Lexus {} ({})", row.kind().code(), row.plan().code())
}

/// Where an activation stands: asks the provider while the first charge
/// is pending (again with the same key: the first outcome comes back) and
/// applies what it answers.
pub async fn outcome(state: &AppState, row: &SubscriptionRow) -> AppResult<Activation> {
    let now = state.clock.unix();
    let mut conn = state.db.acquire().await?;
    let first = payment(&mut conn, &first_key(row)).await?;
    drop(conn);
    let Some(first) = first else {
        // A trial: no money.
        return Ok(Activation::Activated {
            subscription: row.to_contract(now),
        });
    };
    match first.status.as_str() {
        "failed" => return Err(ErrorCode::PaymentFailed.into()),
        "succeeded" => {
            let mut conn = state.db.acquire().await?;
            let row = store::by_id(&mut conn, row.id).await?;
            return Ok(Activation::Activated {
                subscription: row.to_contract(now),
            });
        }
        _ => {}
    }
    let answer = match &first.provider_charge_id {
        Some(charge_id) => state.payments.charge_status(charge_id).await,
        None => {
            let card = row.card_id.ok_or(ErrorCode::MainCardRequired)?;
            let return_url = format!(
                "{}/vehicles/{}/services?confirm={}",
                state.public_url, row.vin, row.public_id
            );
            state
                .payments
                .charge(ChargeRequest {
                    provider_token: provider_token(&state.db, card).await?,
                    amount_cents: first.amount_cents,
                    currency: "EUR".into(),
                    description: description(row),
                    idempotency_key: first.idempotency_key.clone(),
                    initiated: Initiated::Customer { return_url },
                })
                .await
        }
    }
    .map_err(|e| {
        tracing::error!(error = %e, "payment provider failed");
        AppError::from(ErrorCode::PaymentProviderUnavailable)
    })?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    match answer {
        ChargeOutcome::Succeeded { charge_id } => {
            billing::set_provider_ids(&mut tx, first.id, Some(&charge_id), None, None, now).await?;
            billing::mark_succeeded(&mut tx, first.id, now).await?;
            sqlx::query(
                "UPDATE subscriptions SET status = 'active' WHERE id = ? AND status = 'incomplete'",
            )
            .bind(row.id)
            .execute(&mut *tx)
            .await?;
            let row = store::by_id(&mut tx, row.id).await?;
            // Approved after the abandoned activation was given up (or the
            // vehicle left): the money goes back at once.
            let late = if row.status() == SubscriptionStatus::Ended {
                record_refund(
                    &mut tx,
                    &row,
                    row.price_cents,
                    row.current_period_end,
                    "late",
                    now,
                )
                .await?
            } else {
                None
            };
            tx.commit().await?;
            if let Some(refund) = late {
                send_refund(state, refund).await?;
                return Err(ErrorCode::SubscriptionNotRunning.into());
            }
            tracing::info!(service = row.service, plan = row.plan, "plan bought");
            Ok(Activation::Activated {
                subscription: row.to_contract(now),
            })
        }
        ChargeOutcome::RequiresAction {
            charge_id,
            challenge_url,
        } => {
            billing::set_provider_ids(
                &mut tx,
                first.id,
                Some(&charge_id),
                None,
                Some(&challenge_url),
                now,
            )
            .await?;
            tx.commit().await?;
            Ok(Activation::RequiresAction {
                subscription_id: row.public_id.clone(),
                challenge_url,
            })
        }
        ChargeOutcome::Failed { charge_id, reason } => {
            billing::set_provider_ids(&mut tx, first.id, Some(&charge_id), None, None, now).await?;
            billing::mark_failed(&mut tx, first.id, reason.as_str(), now).await?;
            sqlx::query(
                "UPDATE subscriptions SET status = 'ended', ended_at = ? WHERE id = ? AND status = 'incomplete'",
            )
            .bind(now)
            .bind(row.id)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            tracing::info!(reason = reason.as_str(), "first payment failed");
            Err(ErrorCode::PaymentFailed.into())
        }
    }
}

/// The last succeeded charge of a subscription: (payment id, provider charge id, last4).
async fn last_charge(
    conn: &mut SqliteConnection,
    subscription_id: i64,
) -> AppResult<Option<(i64, String, Option<String>)>> {
    Ok(sqlx::query_as(
        "SELECT id, provider_charge_id, card_last4 FROM service_payments
         WHERE subscription_id = ? AND kind = 'charge' AND status = 'succeeded'
           AND provider_charge_id IS NOT NULL
         ORDER BY period_start DESC, id DESC LIMIT 1",
    )
    .bind(subscription_id)
    .fetch_optional(conn)
    .await?)
}

/// Records a refund of the subscription's last charge in the caller's
/// transaction; [`send_refund`] asks the provider after the commit.
pub async fn record_refund(
    conn: &mut SqliteConnection,
    row: &SubscriptionRow,
    amount_cents: i64,
    period_end: i64,
    why: &str,
    now: i64,
) -> AppResult<Option<i64>> {
    if amount_cents <= 0 {
        return Ok(None);
    }
    let Some((charge, _, last4)) = last_charge(conn, row.id).await? else {
        return Ok(None);
    };
    let id = billing::insert_pending(
        conn,
        &PaymentRecord {
            kind: PaymentKind::Refund,
            user_id: row.user_id,
            subscription_id: Some(row.id),
            service: row.kind(),
            plan: row.plan(),
            vin: row.vin.clone(),
            period_start: now,
            period_end,
            amount_cents,
            vat_rate_bp: row.rate_bp(),
            card_last4: last4,
            idempotency_key: format!("sub-{}-{why}", row.public_id),
            refund_of: Some(charge),
        },
        now,
    )
    .await?;
    Ok(Some(id))
}

/// Sends a recorded refund to the provider (to the card of the original
/// charge) and issues the credit note. A provider failure leaves the
/// refund pending and is logged (the seeds: "we contact you").
pub async fn send_refund(state: &AppState, refund_id: i64) -> AppResult<()> {
    #[derive(sqlx::FromRow)]
    struct Pending {
        amount_cents: i64,
        idempotency_key: String,
        charge_id: String,
    }
    let p: Pending = sqlx::query_as(
        "SELECT r.amount_cents, r.idempotency_key, c.provider_charge_id AS charge_id
         FROM service_payments r JOIN service_payments c ON c.id = r.refund_of
         WHERE r.id = ? AND r.status = 'pending'",
    )
    .bind(refund_id)
    .fetch_one(&state.db)
    .await?;
    let refund = state
        .payments
        .refund(&p.charge_id, p.amount_cents, &p.idempotency_key)
        .await;
    let now = state.clock.unix();
    match refund {
        Ok(r) => {
            let mut tx = crate::db::begin_write(&state.db).await?;
            billing::set_provider_ids(&mut tx, refund_id, None, Some(&r.refund_id), None, now)
                .await?;
            billing::mark_succeeded(&mut tx, refund_id, now).await?;
            tx.commit().await?;
        }
        Err(e) => tracing::error!(error = %e, "refund failed; stays pending"),
    }
    Ok(())
}
