//! Connected services, subscriptions and invoices (F1, F3): the JSON types
//! and their validation. Prices and periods are computed by the server
//! (`crate::money` for amounts); the SPA only shows what it is told.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::money::Money;
use crate::{ErrorCode, FieldError};

/// The services of the catalogue (seeds/004 sections 3-8).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceKind {
    Standard,
    Remote,
    Smart,
    InsuranceScore,
    HomeCharge,
    Internet,
}

impl ServiceKind {
    pub const ALL: [ServiceKind; 6] = [
        ServiceKind::Standard,
        ServiceKind::Remote,
        ServiceKind::Smart,
        ServiceKind::InsuranceScore,
        ServiceKind::HomeCharge,
        ServiceKind::Internet,
    ];

    /// The wire name (also stored in the database and used in paths).
    pub fn code(self) -> &'static str {
        match self {
            ServiceKind::Standard => "standard",
            ServiceKind::Remote => "remote",
            ServiceKind::Smart => "smart",
            ServiceKind::InsuranceScore => "insurance_score",
            ServiceKind::HomeCharge => "home_charge",
            ServiceKind::Internet => "internet",
        }
    }

    pub fn from_code(code: &str) -> Option<ServiceKind> {
        ServiceKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// A way to subscribe. `MultiYear` is three years, paid upfront.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Plan {
    Trial,
    Monthly,
    Yearly,
    MultiYear,
}

impl Plan {
    pub const ALL: [Plan; 4] = [Plan::Trial, Plan::Monthly, Plan::Yearly, Plan::MultiYear];

    pub fn code(self) -> &'static str {
        match self {
            Plan::Trial => "trial",
            Plan::Monthly => "monthly",
            Plan::Yearly => "yearly",
            Plan::MultiYear => "multi_year",
        }
    }

    pub fn from_code(code: &str) -> Option<Plan> {
        Plan::ALL.into_iter().find(|p| p.code() == code)
    }

    /// Months one paid period lasts (a trial's length is the service's).
    pub fn months(self) -> Option<u32> {
        match self {
            Plan::Trial => None,
            Plan::Monthly => Some(1),
            Plan::Yearly => Some(12),
            Plan::MultiYear => Some(36),
        }
    }
}

/// Where a subscription stands. `Cancelled`: the user cancelled, the
/// service runs until `cancel_at`; `Ended`: over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubscriptionStatus {
    Trialing,
    Active,
    PastDue,
    Cancelled,
    Ended,
}

impl SubscriptionStatus {
    pub fn code(self) -> &'static str {
        match self {
            SubscriptionStatus::Trialing => "trialing",
            SubscriptionStatus::Active => "active",
            SubscriptionStatus::PastDue => "past_due",
            SubscriptionStatus::Cancelled => "cancelled",
            SubscriptionStatus::Ended => "ended",
        }
    }

    pub fn from_code(code: &str) -> Option<SubscriptionStatus> {
        [
            SubscriptionStatus::Trialing,
            SubscriptionStatus::Active,
            SubscriptionStatus::PastDue,
            SubscriptionStatus::Cancelled,
            SubscriptionStatus::Ended,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }
}

/// How long a service's free trial lasts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "unit", content = "count")]
pub enum TrialLength {
    Days(u32),
    Months(u32),
}

/// A paid plan and its price (VAT included).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanPrice {
    pub plan: Plan,
    pub price: Money,
}

/// One service of the catalogue and where it stands for this vehicle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceOffer {
    pub service: ServiceKind,
    /// Offered for this vehicle's powertrain.
    pub available: bool,
    pub plans: Vec<PlanPrice>,
    /// The free trial, if the service has one and this vehicle never used it.
    pub trial: Option<TrialLength>,
    /// The VAT rate included in the prices (account country), basis points.
    pub vat_rate_bp: u32,
    /// The running subscription, if any.
    pub subscription: Option<Subscription>,
    /// Whether the service works for the vehicle now (a trial, a paid or
    /// past-due plan, or a cancelled one before its end), whoever pays: the
    /// server's one rule, so that no client has to repeat it.
    pub running: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceCatalogue {
    pub vin: String,
    pub services: Vec<ServiceOffer>,
}

/// A subscription as the user sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    pub id: String,
    pub vin: String,
    pub service: ServiceKind,
    pub plan: Plan,
    pub status: SubscriptionStatus,
    pub started_at: DateTime<Utc>,
    pub current_period_end: DateTime<Utc>,
    /// When the service renews (or the trial ends), unless cancelled.
    pub renews_at: Option<DateTime<Utc>>,
    /// Cancelled: the service runs until then.
    pub cancel_at: Option<DateTime<Utc>>,
    pub ended_at: Option<DateTime<Utc>>,
    /// Price per period (zero for a trial).
    pub price: Money,
    /// Last moment to withdraw, while the right applies.
    pub withdrawal_deadline: Option<DateTime<Utc>>,
}

/// POST `/vehicles/{vin}/services/{service}/quote`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteRequest {
    pub plan: Plan,
}

/// What a plan would cost, shown before confirming (WCAG 3.3.4); nothing
/// is stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub service: ServiceKind,
    pub plan: Plan,
    pub price: Money,
    pub net: Money,
    pub vat: Money,
    pub vat_rate_bp: u32,
    pub starts_at: DateTime<Utc>,
    /// End of the first period: the renewal date (or the end of the trial).
    pub period_end: DateTime<Utc>,
    /// A trial ends by itself; paid plans renew.
    pub renews: bool,
    /// None for a trial, and when the right is lost (trial exception).
    pub withdrawal_deadline: Option<DateTime<Utc>>,
}

/// Longest idempotency key.
pub const IDEMPOTENCY_KEY_MAX_CHARS: usize = 64;
/// Shortest idempotency key (a random id, not a counter).
pub const IDEMPOTENCY_KEY_MIN_CHARS: usize = 16;

/// POST `/vehicles/{vin}/services/{service}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivateRequest {
    pub plan: Plan,
    /// Made once per confirmation by the client (e.g. a UUID): the same key
    /// again returns the first outcome and never charges twice.
    pub idempotency_key: String,
}

impl ActivateRequest {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let key = &self.idempotency_key;
        let len = key.chars().count();
        let code = if len == 0 {
            Some(ErrorCode::Required)
        } else if len < IDEMPOTENCY_KEY_MIN_CHARS {
            Some(ErrorCode::IdempotencyKeyInvalid)
        } else if len > IDEMPOTENCY_KEY_MAX_CHARS {
            Some(ErrorCode::TooLong)
        } else if !key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            Some(ErrorCode::IdempotencyKeyInvalid)
        } else {
            None
        };
        match code {
            Some(code) => Err(vec![FieldError::new("idempotency_key", code)]),
            None => Ok(()),
        }
    }
}

/// The answer to an activation: done, or the card issuer wants strong
/// customer authentication first (open `challenge_url`, then POST
/// `/subscriptions/{id}/confirm`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum Activation {
    Activated {
        subscription: Subscription,
    },
    RequiresAction {
        subscription_id: String,
        challenge_url: String,
    },
}

/// What a cancellation does: when the service stops, and the refund.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cancellation {
    pub subscription: Subscription,
    pub refund: Money,
    /// The vehicle's services that were cancelled with it.
    pub also_ending: Vec<AlsoEnding>,
}

/// GET `/subscriptions/{id}/cancel`: what cancelling now would do, shown
/// before confirming; nothing changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancellationQuote {
    /// The service stops then (now for a trial or a plan in arrears).
    pub ends_at: DateTime<Utc>,
    /// Paid back to the card at once (unused whole months of a yearly or
    /// multi-year plan); zero otherwise.
    pub refund: Money,
    /// The vehicle's services that a cancellation ends too.
    pub also_ending: Vec<AlsoEnding>,
}

/// A service that ends together with the one cancelled: cancelling the
/// Standard services ends the vehicle's Remote and Internet access too
/// (seeds/004, "Opzegging van de Standard Services"). Each follows its own
/// plan's rules for when it stops and what is refunded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlsoEnding {
    pub service: ServiceKind,
    pub ends_at: DateTime<Utc>,
    pub refund: Money,
}

/// GET `/subscriptions/{id}/withdrawal`: the refund, shown before confirming.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WithdrawalQuote {
    pub paid: Money,
    /// The part already delivered, per day.
    pub delivered: Money,
    pub refund: Money,
    pub deadline: DateTime<Utc>,
}

/// Invoice or credit note.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceKind {
    Invoice,
    CreditNote,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub name: String,
    pub address_lines: Vec<String>,
    pub vat_number: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceLine {
    pub service: ServiceKind,
    pub plan: Plan,
    pub vin: String,
    pub period_start: DateTime<Utc>,
    pub period_end: DateTime<Utc>,
    /// VAT included; negative on a credit note.
    pub gross: Money,
    pub vat_rate_bp: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VatTotal {
    pub rate_bp: u32,
    pub net: Money,
    pub vat: Money,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invoice {
    pub id: String,
    /// e.g. `2026-000042`: one gapless sequence per year.
    pub number: String,
    pub kind: InvoiceKind,
    pub issued_at: DateTime<Utc>,
    /// A credit note names the invoice it corrects.
    pub corrects: Option<String>,
    pub seller: Party,
    pub buyer: Party,
    pub lines: Vec<InvoiceLine>,
    pub vat: Vec<VatTotal>,
    pub total_net: Money,
    pub total_vat: Money,
    pub total: Money,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceSummary {
    pub id: String,
    pub number: String,
    pub kind: InvoiceKind,
    pub issued_at: DateTime<Utc>,
    pub total: Money,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceList {
    pub invoices: Vec<InvoiceSummary>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentKind {
    Charge,
    Refund,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    Pending,
    Succeeded,
    Failed,
}

/// One line of the payment history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    pub kind: PaymentKind,
    pub status: PaymentStatus,
    pub amount: Money,
    pub at: DateTime<Utc>,
    pub service: ServiceKind,
    pub vin: String,
    pub card_last4: Option<String>,
    /// The invoice or credit note, once the money moved.
    pub invoice_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentHistory {
    pub payments: Vec<Payment>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(key: &str) -> ActivateRequest {
        ActivateRequest {
            plan: Plan::Monthly,
            idempotency_key: key.into(),
        }
    }

    #[test]
    fn idempotency_keys() {
        assert!(req("0b6f9c1e-7a2d-4c55-9d1e-3f0a8b2c4d6e")
            .validate()
            .is_ok());
        let code = |k: &str| req(k).validate().unwrap_err()[0].code;
        assert_eq!(code(""), ErrorCode::Required);
        assert_eq!(code("short"), ErrorCode::IdempotencyKeyInvalid);
        assert_eq!(code(&"a".repeat(65)), ErrorCode::TooLong);
        assert_eq!(
            code("0b6f9c1e 7a2d 4c55 9d1e"),
            ErrorCode::IdempotencyKeyInvalid
        );
    }

    #[test]
    fn codes_round_trip() {
        for k in ServiceKind::ALL {
            assert_eq!(ServiceKind::from_code(k.code()), Some(k));
            assert_eq!(serde_json::to_value(k).unwrap(), k.code());
        }
        for p in Plan::ALL {
            assert_eq!(Plan::from_code(p.code()), Some(p));
            assert_eq!(serde_json::to_value(p).unwrap(), p.code());
        }
        let json = serde_json::to_value(TrialLength::Months(1)).unwrap();
        assert_eq!(json, serde_json::json!({"unit": "months", "count": 1}));
    }
}
