//! The renewal and dunning pass (seeds/004 "Automatische verlenging",
//! "Betaalinformatie"), run by the retention scheduler with the app's
//! clock (a manual clock in tests):
//! - cancelled subscriptions end at `cancel_at`, trials at their end, and
//!   plans renewed by hand (Internet access, yearly) at their period's end,
//!   with no charge;
//! - a due subscription is renewed with a merchant-initiated charge to the
//!   user's MAIN card (no strong authentication), for the next period
//!   counted from the start date (the 31st stays the 31st when it can);
//! - a failure makes it past due and is retried 1 and 2 days after the
//!   renewal date: three attempts in all, also on a hard decline (expired
//!   card: the user may replace the main card in between); a mail after
//!   each failure, and after the third the subscription ends with a mail;
//! - a main card that expires before the next renewal is announced once,
//!   a month (30 days) before that renewal.

use chrono::{Duration, NaiveDate};
use mijn_lexus_contract::money::Money;
use mijn_lexus_contract::trips::brussels;

use super::periods;
use super::store::{self, SubscriptionRow};
use crate::billing::{self, PaymentKind, PaymentRecord};
use crate::clock::from_unix;
use crate::mail;
use crate::payments::{ChargeOutcome, ChargeRequest, Initiated};
use crate::state::AppState;

/// Attempts per renewal before the subscription is cancelled.
pub const ATTEMPTS: i64 = 3;
/// Days between attempts.
pub const RETRY_AFTER: Duration = Duration::days(1);
/// How long before a renewal an expiring card is announced.
pub const CARD_NOTICE: Duration = Duration::days(30);

/// What one pass did (subscription ids).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RenewalReport {
    pub ended: Vec<i64>,
    pub renewed: Vec<i64>,
    pub failed: Vec<i64>,
    pub cancelled_unpaid: Vec<i64>,
    pub cards_announced: Vec<i64>,
}

pub async fn run(state: &AppState) -> anyhow::Result<RenewalReport> {
    let now = state.clock.unix();
    let mut report = RenewalReport::default();
    let over: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM subscriptions
         WHERE (status = 'cancelled' AND cancel_at <= ?) OR (status = 'trialing' AND current_period_end <= ?)",
    )
    .bind(now)
    .bind(now)
    .fetch_all(&state.db)
    .await?;
    for id in over {
        end_now(state, id, now, &mut report).await?;
    }
    let due: Vec<SubscriptionRow> = sqlx::query_as(&format!(
        "SELECT {} FROM {} WHERE (s.status = 'active' AND s.current_period_end <= ?)
             OR (s.status = 'past_due' AND s.next_attempt_at <= ?) ORDER BY s.id",
        store::COLUMNS,
        store::FROM
    ))
    .bind(now)
    .bind(now)
    .fetch_all(&state.db)
    .await?;
    for row in due {
        if row.renews_by_itself() {
            attempt(state, &row, now, &mut report).await?;
        } else {
            // Renewed by hand (buying again), never charged here.
            end_now(state, row.id, now, &mut report).await?;
        }
    }
    announce_expiring_cards(state, now, &mut report).await?;
    if report != RenewalReport::default() {
        tracing::info!(
            ended = report.ended.len(),
            renewed = report.renewed.len(),
            failed = report.failed.len(),
            cancelled_unpaid = report.cancelled_unpaid.len(),
            cards_announced = report.cards_announced.len(),
            "renewal pass"
        );
    }
    Ok(report)
}

/// Ends the subscription without a charge.
async fn end_now(
    state: &AppState,
    id: i64,
    now: i64,
    report: &mut RenewalReport,
) -> anyhow::Result<()> {
    let mut conn = state.db.acquire().await?;
    store::end(&mut conn, id, now)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    report.ended.push(id);
    Ok(())
}

/// The end of the period after the current one, from the start date.
fn next_period_end(row: &SubscriptionRow) -> i64 {
    let start = from_unix(row.started_at);
    let months = row.plan().months().unwrap_or(1);
    let done = periods::months_elapsed(start, from_unix(row.current_period_end));
    periods::add_months(start, done + months).timestamp()
}

async fn attempt(
    state: &AppState,
    row: &SubscriptionRow,
    now: i64,
    report: &mut RenewalReport,
) -> anyhow::Result<()> {
    let number = row.failed_attempts + 1;
    let key = format!(
        "sub-{}-renew-{}-{number}",
        row.public_id, row.current_period_end
    );
    let period_end = next_period_end(row);
    let card = crate::wallet::main_card(&state.db, row.user_id)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let payment_id = {
        let mut tx = crate::db::begin_write(&state.db).await?;
        let id = match billing::by_key(&mut tx, &key)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?
        {
            Some((id, status)) if status == "pending" => id,
            // Settled in an earlier pass that then failed to finish.
            Some(_) => return Ok(()),
            None => billing::insert_pending(
                &mut tx,
                &PaymentRecord {
                    kind: PaymentKind::Charge,
                    user_id: row.user_id,
                    subscription_id: Some(row.id),
                    service: row.kind(),
                    plan: row.plan(),
                    vin: row.vin.clone(),
                    period_start: row.current_period_end,
                    period_end,
                    amount_cents: row.price_cents,
                    vat_rate_bp: row.rate_bp(),
                    card_last4: card.as_ref().map(|c| c.last4.clone()),
                    idempotency_key: key.clone(),
                    refund_of: None,
                },
                now,
            )
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?,
        };
        tx.commit().await?;
        id
    };
    let outcome = match &card {
        Some(card) => state
            .payments
            .charge(ChargeRequest {
                provider_token: card.provider_token.clone(),
                amount_cents: row.price_cents,
                currency: "EUR".into(),
                description: super::charges::description(row),
                idempotency_key: key.clone(),
                initiated: Initiated::Merchant,
            })
            .await
            .map_err(|e| anyhow::anyhow!("payment provider: {e}"))?,
        None => ChargeOutcome::Failed {
            charge_id: String::new(),
            reason: crate::payments::DeclineReason::InvalidCard,
        },
    };
    let mut tx = crate::db::begin_write(&state.db).await?;
    let anyhow = |e: crate::error::AppError| anyhow::anyhow!("{e}");
    match outcome {
        ChargeOutcome::Succeeded { charge_id } => {
            billing::set_provider_ids(&mut tx, payment_id, Some(&charge_id), None, None, now)
                .await
                .map_err(anyhow)?;
            billing::mark_succeeded(&mut tx, payment_id, now)
                .await
                .map_err(anyhow)?;
            sqlx::query(
                "UPDATE subscriptions SET status = 'active', current_period_start = current_period_end,
                     current_period_end = ?, failed_attempts = 0, next_attempt_at = NULL,
                     card_id = ?, withdrawal_until = NULL
                 WHERE id = ?",
            )
            .bind(period_end)
            .bind(card.as_ref().map(|c| c.id))
            .bind(row.id)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            report.renewed.push(row.id);
        }
        other => {
            // A merchant-initiated charge never asks for authentication;
            // if a provider did, the renewal failed all the same.
            let reason = match &other {
                ChargeOutcome::Failed { reason, .. } => reason.as_str(),
                _ => "authentication_required",
            };
            if !other.charge_id().is_empty() {
                billing::set_provider_ids(
                    &mut tx,
                    payment_id,
                    Some(other.charge_id()),
                    None,
                    None,
                    now,
                )
                .await
                .map_err(anyhow)?;
            }
            billing::mark_failed(&mut tx, payment_id, reason, now)
                .await
                .map_err(anyhow)?;
            let last = number >= ATTEMPTS;
            let next_attempt = row.current_period_end + number * RETRY_AFTER.num_seconds();
            if last {
                sqlx::query(
                    "UPDATE subscriptions SET status = 'ended', ended_at = ?, failed_attempts = ?,
                         next_attempt_at = NULL WHERE id = ?",
                )
                .bind(now)
                .bind(number)
                .bind(row.id)
                .execute(&mut *tx)
                .await?;
            } else {
                sqlx::query(
                    "UPDATE subscriptions SET status = 'past_due', failed_attempts = ?, next_attempt_at = ?
                     WHERE id = ?",
                )
                .bind(number)
                .bind(next_attempt)
                .bind(row.id)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            tracing::info!(attempt = number, reason, "renewal payment failed");
            report.failed.push(row.id);
            mail_failure(state, row, (!last).then_some(next_attempt)).await?;
            if last {
                report.cancelled_unpaid.push(row.id);
            }
        }
    }
    Ok(())
}

/// Brussels date as the mails show it.
fn day(unix: i64) -> String {
    brussels::date(from_unix(unix))
        .format("%d-%m-%Y")
        .to_string()
}

async fn model_of(state: &AppState, vehicle_id: i64) -> anyhow::Result<String> {
    Ok(
        sqlx::query_scalar("SELECT model FROM vehicles WHERE id = ?")
            .bind(vehicle_id)
            .fetch_one(&state.db)
            .await?,
    )
}

/// The failure mail, and after the last attempt the cancellation mail.
async fn mail_failure(
    state: &AppState,
    row: &SubscriptionRow,
    next_attempt: Option<i64>,
) -> anyhow::Result<()> {
    let Some(user) = crate::accounts::find_user(&state.db, row.user_id)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?
    else {
        return Ok(());
    };
    let model = model_of(state, row.vehicle_id).await?;
    let to = user.recipient();
    let comma = to.language != mijn_lexus_contract::Language::En;
    let amount = format!("EUR {}", Money::eur(row.price_cents).amount_text(comma));
    let next = next_attempt.map(day);
    state
        .mailer
        .send(mail::payment_failed(
            &to,
            row.kind(),
            &model,
            &amount,
            next.as_deref(),
            &state.public_url,
        ))
        .await;
    if next_attempt.is_none() {
        state
            .mailer
            .send(mail::subscription_ended_unpaid(
                &to,
                row.kind(),
                &model,
                &state.public_url,
            ))
            .await;
    }
    Ok(())
}

/// The first moment a card with this expiry can no longer be charged.
fn card_expires_at(exp_month: u32, exp_year: i32) -> i64 {
    let first = NaiveDate::from_ymd_opt(exp_year, exp_month.clamp(1, 12), 1).unwrap_or_default();
    brussels::start_of(brussels::next_month(first)).timestamp()
}

/// One mail per user and renewal when the main card expires before a
/// renewal due within [`CARD_NOTICE`].
async fn announce_expiring_cards(
    state: &AppState,
    now: i64,
    report: &mut RenewalReport,
) -> anyhow::Result<()> {
    let rows: Vec<SubscriptionRow> = sqlx::query_as(&format!(
        "SELECT {} FROM {} WHERE s.status = 'active' AND s.current_period_end <= ?
             AND (s.card_warned_for IS NULL OR s.card_warned_for <> s.current_period_end)
         ORDER BY s.current_period_end",
        store::COLUMNS,
        store::FROM
    ))
    .bind(now + CARD_NOTICE.num_seconds())
    .fetch_all(&state.db)
    .await?;
    let mut mailed = std::collections::HashSet::new();
    for row in rows.into_iter().filter(SubscriptionRow::renews_by_itself) {
        let Some(card) = crate::wallet::main_card(&state.db, row.user_id)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?
        else {
            continue;
        };
        let expires = card_expires_at(card.exp_month, card.exp_year);
        if expires > row.current_period_end {
            continue;
        }
        sqlx::query("UPDATE subscriptions SET card_warned_for = current_period_end WHERE id = ?")
            .bind(row.id)
            .execute(&state.db)
            .await?;
        if !mailed.insert(row.user_id) {
            continue;
        }
        let Some(user) = crate::accounts::find_user(&state.db, row.user_id)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?
        else {
            continue;
        };
        let expiry = format!("{:02}/{}", card.exp_month, card.exp_year);
        state
            .mailer
            .send(mail::card_expiring(
                &user.recipient(),
                &card.last4,
                &expiry,
                &day(row.current_period_end),
                &state.public_url,
            ))
            .await;
        report.cards_announced.push(row.id);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::Datelike;

    use super::*;

    #[test]
    fn a_card_works_until_the_end_of_its_month() {
        let at = card_expires_at(2, 2028);
        assert_eq!(
            brussels::local(from_unix(at)).to_string(),
            "2028-03-01 00:00:00"
        );
        let at = card_expires_at(12, 2027);
        assert_eq!(brussels::local(from_unix(at)).date().year(), 2028);
    }
}
