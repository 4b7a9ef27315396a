//! Reading invoices, credit notes and the payment history, always with the
//! signed-in user's id (another user's invoice is 404).

use mijn_lexus_contract::money::{split_gross, Money};
use mijn_lexus_contract::services::{
    Invoice, InvoiceKind, InvoiceLine, InvoiceList, InvoiceSummary, Party, Payment, PaymentHistory,
    PaymentKind, PaymentStatus, Plan, ServiceKind, VatTotal,
};
use sqlx::SqlitePool;

use crate::clock::from_unix;
use crate::error::AppResult;

#[derive(sqlx::FromRow)]
struct InvoiceRow {
    public_id: String,
    number: String,
    kind: String,
    issued_at: i64,
    corrects: Option<String>,
    buyer_name: String,
    buyer_address: String,
    amount_cents: i64,
    vat_rate_bp: i64,
    service: String,
    plan: String,
    vin: String,
    period_start: i64,
    period_end: i64,
}

const SELECT: &str = "SELECT i.public_id, i.number, i.kind, i.issued_at, c.number AS corrects,
        i.buyer_name, i.buyer_address, p.amount_cents, p.vat_rate_bp, p.service, p.plan, p.vin,
        p.period_start, p.period_end
    FROM invoices i JOIN service_payments p ON p.id = i.payment_id
    LEFT JOIN invoices c ON c.id = i.corrects";

impl InvoiceRow {
    fn kind(&self) -> InvoiceKind {
        if self.kind == "credit_note" {
            InvoiceKind::CreditNote
        } else {
            InvoiceKind::Invoice
        }
    }

    /// VAT included; negative on a credit note.
    fn gross(&self) -> i64 {
        match self.kind() {
            InvoiceKind::Invoice => self.amount_cents,
            InvoiceKind::CreditNote => -self.amount_cents,
        }
    }

    fn into_invoice(self) -> Invoice {
        let rate = u32::try_from(self.vat_rate_bp).unwrap_or(0);
        let gross = self.gross();
        let split = split_gross(gross, rate);
        Invoice {
            id: self.public_id.clone(),
            number: self.number.clone(),
            kind: self.kind(),
            issued_at: from_unix(self.issued_at),
            corrects: self.corrects.clone(),
            seller: super::seller(),
            buyer: Party {
                name: self.buyer_name.clone(),
                address_lines: self.buyer_address.lines().map(str::to_owned).collect(),
                vat_number: None,
            },
            lines: vec![InvoiceLine {
                service: ServiceKind::from_code(&self.service).unwrap_or(ServiceKind::Standard),
                plan: Plan::from_code(&self.plan).unwrap_or(Plan::Monthly),
                vin: self.vin.clone(),
                period_start: from_unix(self.period_start),
                period_end: from_unix(self.period_end),
                gross: Money::eur(gross),
                vat_rate_bp: rate,
            }],
            vat: vec![VatTotal {
                rate_bp: rate,
                net: Money::eur(split.net_cents),
                vat: Money::eur(split.vat_cents),
            }],
            total_net: Money::eur(split.net_cents),
            total_vat: Money::eur(split.vat_cents),
            total: Money::eur(gross),
        }
    }
}

/// The user's invoices and credit notes, newest first.
pub async fn list(db: &SqlitePool, user_id: i64) -> AppResult<InvoiceList> {
    let rows: Vec<InvoiceRow> = sqlx::query_as(&format!(
        "{SELECT} WHERE i.user_id = ? ORDER BY i.issued_at DESC, i.id DESC"
    ))
    .bind(user_id)
    .fetch_all(db)
    .await?;
    Ok(InvoiceList {
        invoices: rows
            .into_iter()
            .map(|r| InvoiceSummary {
                total: Money::eur(r.gross()),
                id: r.public_id,
                number: r.number,
                kind: if r.kind == "credit_note" {
                    InvoiceKind::CreditNote
                } else {
                    InvoiceKind::Invoice
                },
                issued_at: from_unix(r.issued_at),
            })
            .collect(),
    })
}

/// One invoice of the user.
pub async fn find(db: &SqlitePool, user_id: i64, public_id: &str) -> AppResult<Option<Invoice>> {
    let row: Option<InvoiceRow> =
        sqlx::query_as(&format!("{SELECT} WHERE i.public_id = ? AND i.user_id = ?"))
            .bind(public_id)
            .bind(user_id)
            .fetch_optional(db)
            .await?;
    Ok(row.map(InvoiceRow::into_invoice))
}

#[derive(sqlx::FromRow)]
struct PaymentRow {
    kind: String,
    status: String,
    amount_cents: i64,
    created_at: i64,
    service: String,
    vin: String,
    card_last4: Option<String>,
    invoice_id: Option<String>,
}

/// Every charge and refund of the user, newest first (failed ones too).
pub async fn history(db: &SqlitePool, user_id: i64) -> AppResult<PaymentHistory> {
    let rows: Vec<PaymentRow> = sqlx::query_as(
        "SELECT p.kind, p.status, p.amount_cents, p.created_at, p.service, p.vin, p.card_last4,
                i.public_id AS invoice_id
         FROM service_payments p LEFT JOIN invoices i ON i.payment_id = p.id
         WHERE p.user_id = ? ORDER BY p.created_at DESC, p.id DESC",
    )
    .bind(user_id)
    .fetch_all(db)
    .await?;
    Ok(PaymentHistory {
        payments: rows
            .into_iter()
            .map(|r| Payment {
                kind: if r.kind == "refund" {
                    PaymentKind::Refund
                } else {
                    PaymentKind::Charge
                },
                status: match r.status.as_str() {
                    "succeeded" => PaymentStatus::Succeeded,
                    "failed" => PaymentStatus::Failed,
                    _ => PaymentStatus::Pending,
                },
                amount: Money::eur(r.amount_cents),
                at: from_unix(r.created_at),
                service: ServiceKind::from_code(&r.service).unwrap_or(ServiceKind::Standard),
                vin: r.vin,
                card_last4: r.card_last4,
                invoice_id: r.invoice_id,
            })
            .collect(),
    })
}
