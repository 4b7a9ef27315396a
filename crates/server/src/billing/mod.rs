//! Billing (F3): our record of every charge and refund (`service_payments`)
//! and the invoice or credit note each one that succeeded gets.
//!
//! Numbers come from ONE gapless sequence per calendar year (Brussels),
//! shared by invoices and credit notes: the number is taken in the same
//! write transaction that records the money as moved, so a number is never
//! skipped (the transaction commits both or neither) nor given twice
//! (`BEGIN IMMEDIATE` serialises writers; `UNIQUE (year, seq)` guards).

pub mod invoices;
pub mod pdf;

use chrono::Datelike;
use mijn_lexus_contract::services::{Party, Plan, ServiceKind};
use mijn_lexus_contract::trips::brussels;
use sqlx::SqliteConnection;

use crate::clock::from_unix;
use crate::error::AppResult;
use crate::security::random_token;

/// The seller on every invoice (seeds/004, introduction).
pub fn seller() -> Party {
    Party {
        name: "Toyota Belgium NV/SA (Lexus Belgium)".into(),
        address_lines: vec![
            "Leuvensesteenweg 369".into(),
            "1932 Zaventem".into(),
            "BE".into(),
        ],
        vat_number: Some("BE0441.571.714".into()),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaymentKind {
    Charge,
    Refund,
}

impl PaymentKind {
    fn code(self) -> &'static str {
        match self {
            PaymentKind::Charge => "charge",
            PaymentKind::Refund => "refund",
        }
    }
}

/// What a charge or refund is for.
#[derive(Clone, Debug)]
pub struct PaymentRecord {
    pub kind: PaymentKind,
    pub user_id: i64,
    pub subscription_id: Option<i64>,
    pub service: ServiceKind,
    pub plan: Plan,
    pub vin: String,
    pub period_start: i64,
    pub period_end: i64,
    pub amount_cents: i64,
    pub vat_rate_bp: u32,
    pub card_last4: Option<String>,
    pub idempotency_key: String,
    /// A refund: the charge it returns money of.
    pub refund_of: Option<i64>,
}

/// Records a payment about to be asked of the provider; returns its id.
pub async fn insert_pending(
    conn: &mut SqliteConnection,
    p: &PaymentRecord,
    now: i64,
) -> AppResult<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO service_payments (public_id, user_id, subscription_id, kind, status,
             amount_cents, currency, vat_rate_bp, service, plan, vin, period_start, period_end,
             card_last4, refund_of, idempotency_key, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'pending', ?, 'EUR', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(random_token())
    .bind(p.user_id)
    .bind(p.subscription_id)
    .bind(p.kind.code())
    .bind(p.amount_cents)
    .bind(i64::from(p.vat_rate_bp))
    .bind(p.service.code())
    .bind(p.plan.code())
    .bind(&p.vin)
    .bind(p.period_start)
    .bind(p.period_end)
    .bind(&p.card_last4)
    .bind(p.refund_of)
    .bind(&p.idempotency_key)
    .bind(now)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// The payment with this idempotency key, if recorded: (id, status).
pub async fn by_key(conn: &mut SqliteConnection, key: &str) -> AppResult<Option<(i64, String)>> {
    Ok(
        sqlx::query_as("SELECT id, status FROM service_payments WHERE idempotency_key = ?")
            .bind(key)
            .fetch_optional(conn)
            .await?,
    )
}

/// Remembers the provider's id (and challenge page) of a pending payment.
pub async fn set_provider_ids(
    conn: &mut SqliteConnection,
    payment_id: i64,
    charge_id: Option<&str>,
    refund_id: Option<&str>,
    challenge_url: Option<&str>,
    now: i64,
) -> AppResult<()> {
    sqlx::query(
        "UPDATE service_payments SET provider_charge_id = COALESCE(?, provider_charge_id),
             provider_refund_id = COALESCE(?, provider_refund_id),
             challenge_url = COALESCE(?, challenge_url), updated_at = ? WHERE id = ?",
    )
    .bind(charge_id)
    .bind(refund_id)
    .bind(challenge_url)
    .bind(now)
    .bind(payment_id)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn mark_failed(
    conn: &mut SqliteConnection,
    payment_id: i64,
    reason: &str,
    now: i64,
) -> AppResult<()> {
    sqlx::query(
        "UPDATE service_payments SET status = 'failed', decline_reason = ?, updated_at = ?
         WHERE id = ? AND status = 'pending'",
    )
    .bind(reason)
    .bind(now)
    .bind(payment_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Marks a pending payment as succeeded and issues its invoice (charge) or
/// credit note (refund) in the same transaction. Returns the invoice id;
/// `None` when the payment was no longer pending (someone else finished it).
pub async fn mark_succeeded(
    conn: &mut SqliteConnection,
    payment_id: i64,
    now: i64,
) -> AppResult<Option<i64>> {
    let done = sqlx::query(
        "UPDATE service_payments SET status = 'succeeded', updated_at = ?
         WHERE id = ? AND status = 'pending'",
    )
    .bind(now)
    .bind(payment_id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(None);
    }
    Ok(Some(issue(conn, payment_id, now).await?))
}

/// The next number of the year: `2026-000042`.
async fn next_number(conn: &mut SqliteConnection, year: i32) -> AppResult<(i64, String)> {
    let seq: i64 = sqlx::query_scalar(
        "INSERT INTO invoice_sequences (year, last) VALUES (?, 1)
         ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last",
    )
    .bind(year)
    .fetch_one(conn)
    .await?;
    Ok((seq, format!("{year}-{seq:06}")))
}

#[derive(sqlx::FromRow)]
struct IssueRow {
    user_id: Option<i64>,
    kind: String,
    refund_of: Option<i64>,
}

/// Issues the invoice or credit note of a succeeded payment.
async fn issue(conn: &mut SqliteConnection, payment_id: i64, now: i64) -> AppResult<i64> {
    let p: IssueRow =
        sqlx::query_as("SELECT user_id, kind, refund_of FROM service_payments WHERE id = ?")
            .bind(payment_id)
            .fetch_one(&mut *conn)
            .await?;
    let year = brussels::date(from_unix(now)).year();
    let (seq, number) = next_number(conn, year).await?;
    let buyer = buyer(conn, p.user_id.unwrap_or(0)).await?;
    let corrects: Option<i64> = match p.refund_of {
        Some(charge) => {
            sqlx::query_scalar("SELECT id FROM invoices WHERE payment_id = ?")
                .bind(charge)
                .fetch_optional(&mut *conn)
                .await?
        }
        None => None,
    };
    let kind = if p.kind == "refund" {
        "credit_note"
    } else {
        "invoice"
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO invoices (public_id, user_id, payment_id, kind, year, seq, number, corrects,
             issued_at, buyer_name, buyer_address)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(random_token())
    .bind(p.user_id)
    .bind(payment_id)
    .bind(kind)
    .bind(year)
    .bind(seq)
    .bind(&number)
    .bind(corrects)
    .bind(now)
    .bind(&buyer.name)
    .bind(buyer.address_lines.join("\n"))
    .fetch_one(conn)
    .await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct BuyerRow {
    first_name: String,
    last_name: String,
    street: Option<String>,
    house_number: Option<String>,
    box_number: Option<String>,
    postcode: Option<String>,
    city: Option<String>,
    country: String,
}

/// The buyer as they are now: the account's name and the wallet's billing
/// address (the same on every card of the user; its country is the
/// account's).
async fn buyer(conn: &mut SqliteConnection, user_id: i64) -> AppResult<Party> {
    let row: Option<BuyerRow> = sqlx::query_as(
        "SELECT u.first_name, u.last_name, c.billing_street AS street,
                c.billing_house_number AS house_number, c.billing_box_number AS box_number,
                c.billing_postcode AS postcode, c.billing_city AS city, u.country
         FROM users u LEFT JOIN payment_cards c ON c.user_id = u.id AND c.is_main = 1
         WHERE u.id = ?",
    )
    .bind(user_id)
    .fetch_optional(conn)
    .await?;
    let Some(r) = row else {
        return Ok(Party {
            name: String::new(),
            address_lines: Vec::new(),
            vat_number: None,
        });
    };
    let mut lines = Vec::new();
    if let (Some(street), Some(number)) = (r.street, r.house_number) {
        match r.box_number.filter(|b| !b.trim().is_empty()) {
            Some(b) => lines.push(format!("{street} {number} / {b}")),
            None => lines.push(format!("{street} {number}")),
        }
    }
    if let (Some(pc), Some(city)) = (r.postcode, r.city) {
        lines.push(format!("{pc} {city}"));
    }
    lines.push(r.country.to_uppercase());
    Ok(Party {
        name: format!("{} {}", r.first_name, r.last_name),
        address_lines: lines,
        vat_number: None,
    })
}
