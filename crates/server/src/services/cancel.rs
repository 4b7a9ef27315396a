//! Cancellation and withdrawal (seeds/004 §2.3 "Terugbetalingsbeleid",
//! "Herroepingsrecht"):
//! - a trial ends at once, nothing to pay;
//! - monthly: runs to the end of the cycle, no refund;
//! - yearly / multi-year: runs to the end of the current subscription
//!   month, the unused whole months are refunded pro rata;
//! - a subscription in dunning (past due) ends at once;
//! - cancelling the Standard services also cancels the vehicle's Remote and
//!   Internet access ("Opzegging van de Standard Services"), each by the
//!   rules above for its own plan;
//! - withdrawal (paid plans, 14 days, not after a trial of 14 days or
//!   more): ends at once, refund = paid minus the days delivered.

use mijn_lexus_contract::money::Money;
use mijn_lexus_contract::services::{
    AlsoEnding, Cancellation, CancellationQuote, Plan, ServiceKind, SubscriptionStatus,
    WithdrawalQuote,
};
use mijn_lexus_contract::ErrorCode;
use sqlx::SqliteConnection;

use super::charges;
use super::periods;
use super::store::{self, SubscriptionRow};
use crate::clock::from_unix;
use crate::error::AppResult;
use crate::state::AppState;

/// The user's subscription, if they may still manage it (main user).
async fn own(state: &AppState, user_id: i64, public_id: &str) -> AppResult<SubscriptionRow> {
    let mut conn = state.db.acquire().await?;
    let row = store::find(&mut conn, user_id, public_id)
        .await?
        .ok_or(ErrorCode::NotFound)?;
    Ok(row)
}

/// What cancelling `row` at `now` does: the one reading of the rules
/// above, for the quote and for the cancellation itself.
enum Ending {
    /// A trial or a plan in arrears stops at once.
    Now,
    /// Runs until then; `refund` cents go back to the card at once.
    At { at: i64, refund: i64 },
}

fn ending_of(row: &SubscriptionRow, now: i64) -> AppResult<Ending> {
    Ok(match (row.status(), row.plan()) {
        (SubscriptionStatus::Trialing | SubscriptionStatus::PastDue, _) => Ending::Now,
        (SubscriptionStatus::Active, Plan::Monthly) => Ending::At {
            at: row.current_period_end,
            refund: 0,
        },
        (SubscriptionStatus::Active, Plan::Yearly | Plan::MultiYear) => {
            let months = row.plan().months().unwrap_or(12);
            let (effective, refund) = periods::pro_rata(
                row.price_cents,
                months,
                from_unix(row.current_period_start),
                from_unix(now),
            );
            Ending::At {
                at: effective.timestamp().min(row.current_period_end),
                refund,
            }
        }
        _ => return Err(ErrorCode::SubscriptionNotRunning.into()),
    })
}

impl Ending {
    fn ends_at(&self, now: i64) -> i64 {
        match self {
            Ending::Now => now,
            Ending::At { at, .. } => *at,
        }
    }

    fn refund(&self) -> i64 {
        match self {
            Ending::Now => 0,
            Ending::At { refund, .. } => *refund,
        }
    }
}

/// The services that end with the Standard services.
pub const ENDS_WITH_STANDARD: [ServiceKind; 2] = [ServiceKind::Remote, ServiceKind::Internet];

/// The subscriptions a cancellation of `row` ends too: for the Standard
/// services, the vehicle's Remote and Internet access while they still run
/// uncancelled.
async fn ending_with(
    conn: &mut SqliteConnection,
    row: &SubscriptionRow,
) -> AppResult<Vec<SubscriptionRow>> {
    let mut rows = Vec::new();
    if row.kind() != ServiceKind::Standard {
        return Ok(rows);
    }
    for kind in ENDS_WITH_STANDARD {
        if let Some(other) = store::running(conn, row.vehicle_id, kind).await? {
            if other.status() != SubscriptionStatus::Cancelled {
                rows.push(other);
            }
        }
    }
    Ok(rows)
}

fn also_ending(row: &SubscriptionRow, ending: &Ending, now: i64) -> AlsoEnding {
    AlsoEnding {
        service: row.kind(),
        ends_at: from_unix(ending.ends_at(now)),
        refund: Money::eur(ending.refund()),
    }
}

/// What a cancellation now would do; nothing changes.
pub async fn cancellation_quote(
    state: &AppState,
    user_id: i64,
    public_id: &str,
) -> AppResult<CancellationQuote> {
    let now = state.clock.unix();
    let row = own(state, user_id, public_id).await?;
    let ending = ending_of(&row, now)?;
    let mut conn = state.db.acquire().await?;
    let mut also = Vec::new();
    for other in ending_with(&mut conn, &row).await? {
        also.push(also_ending(&other, &ending_of(&other, now)?, now));
    }
    Ok(CancellationQuote {
        ends_at: from_unix(ending.ends_at(now)),
        refund: Money::eur(ending.refund()),
        also_ending: also,
    })
}

pub async fn cancel(state: &AppState, user_id: i64, public_id: &str) -> AppResult<Cancellation> {
    let now = state.clock.unix();
    let row = own(state, user_id, public_id).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    // Read again under the write lock: a parallel cancel refunds once.
    let row = store::by_id(&mut tx, row.id).await?;
    let ending = ending_of(&row, now)?;
    let others = ending_with(&mut tx, &row).await?;
    let mut refunds = Vec::new();
    let refund = cancel_row(&mut tx, &row, &ending, now, &mut refunds).await?;
    let mut also = Vec::new();
    for other in &others {
        let ending = ending_of(other, now)?;
        cancel_row(&mut tx, other, &ending, now, &mut refunds).await?;
        also.push(also_ending(other, &ending, now));
    }
    let row = store::by_id(&mut tx, row.id).await?;
    tx.commit().await?;
    for id in refunds {
        charges::send_refund(state, id).await?;
    }
    tracing::info!(
        service = row.service,
        plan = row.plan,
        also_ending = others.len(),
        "subscription cancelled"
    );
    Ok(Cancellation {
        subscription: row.to_contract(now),
        refund: Money::eur(refund),
        also_ending: also,
    })
}

/// Applies `ending` to `row` in the caller's transaction; the refund's id,
/// if any, joins `refunds` (sent once the transaction is committed). The
/// refund in cents is returned.
async fn cancel_row(
    tx: &mut SqliteConnection,
    row: &SubscriptionRow,
    ending: &Ending,
    now: i64,
    refunds: &mut Vec<i64>,
) -> AppResult<i64> {
    match *ending {
        Ending::Now => {
            store::end(tx, row.id, now).await?;
            Ok(0)
        }
        Ending::At { at, refund } => {
            set_cancel_at(tx, row.id, at).await?;
            // No refund row for nothing (a monthly plan).
            let id = charges::record_refund(tx, row, refund, row.current_period_end, "cancel", now)
                .await?;
            Ok(match id {
                Some(id) => {
                    refunds.push(id);
                    refund
                }
                None => 0,
            })
        }
    }
}

async fn set_cancel_at(conn: &mut sqlx::SqliteConnection, id: i64, at: i64) -> AppResult<()> {
    sqlx::query("UPDATE subscriptions SET status = 'cancelled', cancel_at = ? WHERE id = ?")
        .bind(at)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

fn withdrawal_of(row: &SubscriptionRow, now: i64) -> AppResult<WithdrawalQuote> {
    if !row.may_withdraw(now) {
        return Err(ErrorCode::WithdrawalNotAllowed.into());
    }
    let refund = periods::withdrawal_refund(
        row.price_cents,
        from_unix(row.current_period_start),
        from_unix(row.current_period_end),
        from_unix(now),
    );
    Ok(WithdrawalQuote {
        paid: row.price(),
        delivered: Money::eur(row.price_cents - refund),
        refund: Money::eur(refund),
        deadline: from_unix(row.withdrawal_until.unwrap_or(now)),
    })
}

/// The refund a withdrawal now would give; nothing changes.
pub async fn withdrawal_quote(
    state: &AppState,
    user_id: i64,
    public_id: &str,
) -> AppResult<WithdrawalQuote> {
    let row = own(state, user_id, public_id).await?;
    withdrawal_of(&row, state.clock.unix())
}

pub async fn withdraw(state: &AppState, user_id: i64, public_id: &str) -> AppResult<Cancellation> {
    let now = state.clock.unix();
    let row = own(state, user_id, public_id).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let row = store::by_id(&mut tx, row.id).await?;
    let quote = withdrawal_of(&row, now)?;
    store::end(&mut tx, row.id, now).await?;
    let refund_id = charges::record_refund(
        &mut tx,
        &row,
        quote.refund.cents,
        row.current_period_end,
        "withdrawal",
        now,
    )
    .await?;
    let row = store::by_id(&mut tx, row.id).await?;
    tx.commit().await?;
    if let Some(id) = refund_id {
        charges::send_refund(state, id).await?;
    }
    tracing::info!(
        service = row.service,
        plan = row.plan,
        "subscription withdrawn"
    );
    Ok(Cancellation {
        subscription: row.to_contract(now),
        refund: quote.refund,
        also_ending: Vec::new(),
    })
}
