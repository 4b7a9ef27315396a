//! Retention of inactive accounts (A5, privacy policy = seed 002 §9); each
//! pass also purges driving data past its retention (E4,
//! [`crate::trips::retention`]).
//!
//! An account is closed (erased as in B5) when nobody signed in for:
//! - 6 months after it was made, if it was never signed in to;
//! - 5 years, if a vehicle is registered to it (any role);
//! - 2 years otherwise.
//!
//! [`WARNING_DAYS`] before that moment a warning is mailed; the account is
//! closed only once the period is over AND the warning is at least
//! [`WARNING_DAYS`] old, so nobody is closed without notice. Signing in
//! clears the warning (`users.inactivity_warned_at`) and restarts the count.
//!
//! [`run`] is one pass, taking "now" from the Clock; [`spawn`] runs it at
//! start and then every `--retention-interval-minutes`; the same timer runs
//! the renewal and dunning pass of services ([`crate::services::renewals`]).

use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration};

use crate::accounts::find_user;
use crate::mail;
use crate::privacy::{erase_user, DeletionReason};
use crate::state::AppState;

pub const NEVER_SIGNED_IN: Duration = Duration::days(183);
pub const WITH_VEHICLE: Duration = Duration::days(5 * 365 + 1);
pub const WITHOUT_VEHICLE: Duration = Duration::days(2 * 365);
pub const WARNING_DAYS: i64 = 30;

/// What one pass did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RetentionReport {
    pub warned: Vec<i64>,
    pub closed: Vec<i64>,
    /// Expired sessions, tokens, outbox mails and counters ([`crate::purge`]).
    pub purged: crate::purge::Purged,
    /// Driving data past its retention ([`crate::trips::retention`], E4).
    pub driving: crate::trips::retention::DrivingPurged,
}

#[derive(sqlx::FromRow)]
struct Candidate {
    id: i64,
    created_at: i64,
    last_sign_in_at: Option<i64>,
    inactivity_warned_at: Option<i64>,
    has_vehicle: bool,
}

/// The inactivity period that applies to an account.
pub fn period(never_signed_in: bool, has_vehicle: bool) -> Duration {
    if never_signed_in {
        NEVER_SIGNED_IN
    } else if has_vehicle {
        WITH_VEHICLE
    } else {
        WITHOUT_VEHICLE
    }
}

/// One pass: warn, then close.
pub async fn run(state: &AppState) -> anyhow::Result<RetentionReport> {
    let now = state.clock.unix();
    let warning = Duration::days(WARNING_DAYS).num_seconds();
    let rows: Vec<Candidate> = sqlx::query_as(
        "SELECT u.id, u.created_at, u.last_sign_in_at, u.inactivity_warned_at,
                EXISTS (SELECT 1 FROM vehicle_users vu WHERE vu.user_id = u.id) AS has_vehicle
         FROM users u
         WHERE COALESCE(u.last_sign_in_at, u.created_at) <= ?",
    )
    // Nothing can be due before the shortest period minus the warning.
    .bind(now - NEVER_SIGNED_IN.num_seconds() + warning)
    .fetch_all(&state.db)
    .await?;
    let mut report = RetentionReport {
        purged: crate::purge::run(state).await?,
        driving: crate::trips::retention::purge(&state.db, state.clock.now()).await?,
        ..RetentionReport::default()
    };
    for c in rows {
        let last = c.last_sign_in_at.unwrap_or(c.created_at);
        let close_at = last + period(c.last_sign_in_at.is_none(), c.has_vehicle).num_seconds();
        match c.inactivity_warned_at {
            // Warned (after the last sign-in) and the notice period is over.
            Some(warned) if warned >= last && now >= close_at && now - warned >= warning => {
                if let Some(user) = erase_user(state, c.id, DeletionReason::Inactivity)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?
                {
                    state
                        .mailer
                        .send(mail::account_closed_inactive(&user.recipient()))
                        .await;
                    report.closed.push(c.id);
                }
            }
            Some(warned) if warned >= last => {}
            _ if now >= close_at - warning => {
                let Some(user) = find_user(&state.db, c.id)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?
                else {
                    continue;
                };
                sqlx::query("UPDATE users SET inactivity_warned_at = ? WHERE id = ?")
                    .bind(now)
                    .bind(c.id)
                    .execute(&state.db)
                    .await?;
                let close_on = DateTime::from_timestamp(close_at.max(now + warning), 0)
                    .unwrap_or_default()
                    .format("%d-%m-%Y")
                    .to_string();
                state
                    .mailer
                    .send(mail::inactivity_warning(
                        &user.recipient(),
                        &close_on,
                        &state.public_url,
                    ))
                    .await;
                report.warned.push(c.id);
            }
            _ => {}
        }
    }
    if !report.warned.is_empty() || !report.closed.is_empty() {
        tracing::info!(
            warned = report.warned.len(),
            closed = report.closed.len(),
            "retention pass"
        );
    }
    if report.driving != crate::trips::retention::DrivingPurged::default() {
        tracing::info!(driving = ?report.driving, "driving data past retention purged");
    }
    if report.purged != crate::purge::Purged::default() {
        tracing::info!(purged = ?report.purged, "expired rows purged");
    }
    Ok(report)
}

/// Runs [`run`] now and then every `interval` (also reloads the legal
/// catalog, so versions published with `publish-legal` are picked up).
pub fn spawn(state: AppState, interval: StdDuration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(interval);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = state.legal.reload(&state.db).await {
                tracing::error!(error = format!("{e:#}"), "legal catalog reload failed");
            }
            if let Err(e) = run(&state).await {
                tracing::error!(error = format!("{e:#}"), "retention pass failed");
            }
            // ---- services, invoices (F1, F3) ----
            if let Err(e) = crate::services::renewals::run(&state).await {
                tracing::error!(error = format!("{e:#}"), "renewal pass failed");
            }
        }
    });
}
