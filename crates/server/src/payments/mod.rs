//! The payment provider interface (F2), the way portals use Stripe or Adyen:
//! the browser sends the card number, expiry and CVC to the provider's
//! tokenisation endpoint and passes only the returned token to our API. Our
//! server asks the provider what the token stands for ([`PaymentProvider::card`]),
//! stores the reusable card reference it answers with, and charges and
//! refunds through it. The card number and CVC never reach this server.
//!
//! The app holds one provider as `Arc<dyn PaymentProvider>` in its state;
//! the sandbox ([`sandbox`]) is the one shipped.

pub mod sandbox;

use std::future::Future;
use std::pin::Pin;

use mijn_lexus_contract::wallet::{CardBrand, CardFunding};

/// A boxed, sendable future: the trait's methods return it so that the trait
/// stays object-safe (no async-trait crate).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

pub trait PaymentProvider: Send + Sync + 'static {
    /// Reads what the provider knows of a token made by its tokenisation
    /// endpoint (brand, last4, expiry, holder, funding, fingerprint) and
    /// exchanges it for a reusable card reference
    /// ([`ProviderCard::provider_token`]), after the issuer verified the card
    /// (a zero-amount authorisation, as Stripe's SetupIntent or Adyen's
    /// zero-auth do): a card the issuer refuses -> [`PaymentError::CardRefused`].
    /// A token is good for one exchange, whatever its outcome: unknown, used
    /// or expired token -> [`PaymentError::UnknownToken`].
    fn card(&self, token: &str) -> BoxFuture<'_, Result<ProviderCard, PaymentError>>;

    /// Charges a saved card. `idempotency_key`: the same key twice returns
    /// the first outcome and never charges twice (the same key with other
    /// parameters -> [`PaymentError::IdempotencyConflict`]). `initiated`:
    /// [`Initiated::Customer`] (first payment, may need strong customer
    /// authentication -> [`ChargeOutcome::RequiresAction`]) or
    /// [`Initiated::Merchant`] (renewal/retry: never SCA).
    fn charge(&self, req: ChargeRequest) -> BoxFuture<'_, Result<ChargeOutcome, PaymentError>>;

    /// State of a charge after the customer came back from the challenge page.
    fn charge_status(&self, charge_id: &str) -> BoxFuture<'_, Result<ChargeOutcome, PaymentError>>;

    /// Refunds (part of) a succeeded charge, to the same card; idempotent by key.
    fn refund(
        &self,
        charge_id: &str,
        amount_cents: i64,
        idempotency_key: &str,
    ) -> BoxFuture<'_, Result<RefundOutcome, PaymentError>>;
}

/// What the provider tells about a tokenised card: never its number or CVC.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProviderCard {
    /// The reusable reference to charge the card with (store it; it is
    /// what [`ChargeRequest::provider_token`] takes).
    pub provider_token: String,
    pub brand: CardBrand,
    pub last4: String,
    pub exp_month: u32,
    pub exp_year: i32,
    pub holder: String,
    pub funding: CardFunding,
    /// Equal for equal card numbers (keyed hash): the same card added twice
    /// is one card.
    pub fingerprint: String,
}

/// Who starts a charge, which decides whether the customer must
/// authenticate (PSD2 strong customer authentication).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Initiated {
    /// The customer is present (first payment of a plan): the provider may
    /// answer [`ChargeOutcome::RequiresAction`]; after the challenge page the
    /// browser is sent to `return_url` (an absolute http(s) URL or a path of
    /// this site starting with `/`).
    Customer { return_url: String },
    /// The merchant charges a card saved earlier (renewal, retry): never a
    /// challenge.
    Merchant,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChargeRequest {
    /// [`ProviderCard::provider_token`] of the card to charge.
    pub provider_token: String,
    /// Integer cents, above zero.
    pub amount_cents: i64,
    /// ISO 4217 code, e.g. "EUR".
    pub currency: String,
    /// Shown on the customer's statement and the challenge page.
    pub description: String,
    pub idempotency_key: String,
    pub initiated: Initiated,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChargeOutcome {
    Succeeded {
        charge_id: String,
    },
    /// The customer must approve the charge on `challenge_url` (the
    /// provider's page); then [`PaymentProvider::charge_status`] tells.
    RequiresAction {
        charge_id: String,
        challenge_url: String,
    },
    Failed {
        charge_id: String,
        reason: DeclineReason,
    },
}

impl ChargeOutcome {
    pub fn charge_id(&self) -> &str {
        match self {
            ChargeOutcome::Succeeded { charge_id }
            | ChargeOutcome::RequiresAction { charge_id, .. }
            | ChargeOutcome::Failed { charge_id, .. } => charge_id,
        }
    }
}

/// Why a charge failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DeclineReason {
    /// The issuer declined without saying why.
    Declined,
    InsufficientFunds,
    ExpiredCard,
    /// The customer failed (or abandoned) strong customer authentication.
    AuthenticationFailed,
    /// The card cannot be charged at all (closed, invalid).
    InvalidCard,
}

impl DeclineReason {
    /// A retry with the same card is pointless (expired or invalid card).
    /// Dunning may skip its retries on a hard decline.
    pub fn is_hard(self) -> bool {
        matches!(
            self,
            DeclineReason::ExpiredCard | DeclineReason::InvalidCard
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DeclineReason::Declined => "declined",
            DeclineReason::InsufficientFunds => "insufficient_funds",
            DeclineReason::ExpiredCard => "expired_card",
            DeclineReason::AuthenticationFailed => "authentication_failed",
            DeclineReason::InvalidCard => "invalid_card",
        }
    }

    pub fn parse(s: &str) -> Option<DeclineReason> {
        [
            DeclineReason::Declined,
            DeclineReason::InsufficientFunds,
            DeclineReason::ExpiredCard,
            DeclineReason::AuthenticationFailed,
            DeclineReason::InvalidCard,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefundOutcome {
    pub refund_id: String,
    pub charge_id: String,
    pub amount_cents: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum PaymentError {
    /// The token is unknown, already exchanged or expired.
    #[error("unknown or used card token")]
    UnknownToken,
    /// The issuer refused the card when it was verified for saving
    /// (declined, or expired whatever date was typed).
    #[error("card refused at verification: {}", .0.as_str())]
    CardRefused(DeclineReason),
    /// No such card reference or charge.
    #[error("unknown card or charge")]
    UnknownCharge,
    /// The same idempotency key came with other parameters.
    #[error("idempotency key reused with other parameters")]
    IdempotencyConflict,
    /// A refund of a charge that did not succeed, or beyond what is left.
    #[error("refund not possible: {0}")]
    RefundNotPossible(&'static str),
    /// A malformed request (amount not above zero, empty key, ...).
    #[error("invalid payment request: {0}")]
    InvalidRequest(&'static str),
    /// The provider could not be reached or failed.
    #[error(transparent)]
    Unavailable(#[from] anyhow::Error),
}

/// The app stores the provider as a trait object: this fails to compile
/// when the trait stops being object-safe.
#[allow(dead_code)]
fn assert_object_safe(_: &std::sync::Arc<dyn PaymentProvider>) {}
