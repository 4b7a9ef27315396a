//! The sandbox payment provider: a stand-in for Stripe or Adyen with its own
//! routes (outside `/api`: its own "host" path, no session, no CSRF; the
//! tokenisation checks the publishable key) and its own tables.
//!
//! - `POST /sandbox-pay/v1/tokens` takes the card fields from the browser
//!   (like hosted card fields), checks them with the contract's
//!   [`validate_card`], and answers a single-use token. It keeps brand,
//!   last 4, expiry, holder, a fingerprint (HMAC-SHA256 of the number with
//!   the sandbox's secret) and the behaviour class from the test-card table
//!   ([`test_cards`]); never the number or the CVC.
//! - Customer-initiated charges of the strong-authentication card answer
//!   `RequiresAction` with the challenge page (`GET/POST
//!   /sandbox-pay/challenge/{id}`), which sends the browser back to the
//!   merchant's return URL.

mod challenge_page;
mod http;
mod store;
pub mod test_cards;

use std::sync::Arc;

use mijn_lexus_contract::trips::brussels;
use mijn_lexus_contract::wallet::{
    card_expired, validate_card, CardBrand, CardDetails, CardFunding, CardToken,
};
use sqlx::SqlitePool;

pub use http::router;

use crate::clock::Clock;
use crate::error::{AppError, AppResult};
use crate::payments::{
    BoxFuture, ChargeOutcome, ChargeRequest, Initiated, PaymentError, PaymentProvider,
    ProviderCard, RefundOutcome,
};
use crate::security::client_addr::{client_address, parse_cidrs, rate_key, Cidr};
use crate::security::rate_limit::RateLimiter;
use crate::security::{random_token, sha256_hex};
use store::{NewCard, NewCharge};
use test_cards::Behaviour;

/// Where the sandbox's routes live (outside `/api`).
pub const PATH: &str = "/sandbox-pay";
/// A token is exchanged within this time or never.
pub const TOKEN_TTL_SECS: i64 = 15 * 60;
/// Largest charge the sandbox takes (a sanity bound: 100 000 EUR).
pub const MAX_AMOUNT_CENTS: i64 = 10_000_000;

pub struct SandboxProvider {
    db: SqlitePool,
    clock: Arc<dyn Clock>,
    /// Key of the card fingerprints.
    secret: [u8; 32],
    publishable_key: String,
    /// The portal's public URL: the challenge page's absolute URL.
    public_url: String,
    /// Tokenisations per client (the tokenisation route's; card testing).
    tokens_per_client: RateLimiter,
    /// `--trusted-proxies`: who may name the client in `X-Forwarded-For`.
    trusted_proxies: Vec<Cidr>,
}

impl SandboxProvider {
    /// The sandbox of this app's settings.
    pub fn from_config(
        db: SqlitePool,
        clock: Arc<dyn Clock>,
        config: &crate::config::Config,
        public_url: &str,
    ) -> SandboxProvider {
        use sha2::{Digest, Sha256};
        SandboxProvider {
            db,
            clock,
            secret: Sha256::digest(config.sandbox_pay_secret.as_bytes()).into(),
            publishable_key: config.sandbox_pay_publishable_key.clone(),
            public_url: public_url.trim_end_matches('/').to_owned(),
            tokens_per_client: RateLimiter::new(
                config.rate_limits.card_tokens_per_client,
                config.rate_limits.card_tokens_window_secs,
            ),
            // Checked at start (Config::validate).
            trusted_proxies: parse_cidrs(&config.trusted_proxies).unwrap_or_default(),
        }
    }

    /// Counts a tokenisation by the client at `peer`; `Err(seconds to wait)`
    /// when it used up its limit.
    fn count_tokenisation(
        &self,
        peer: std::net::IpAddr,
        headers: &axum::http::HeaderMap,
    ) -> Result<(), u64> {
        let client = client_address(peer, headers, &self.trusted_proxies);
        self.tokens_per_client
            .hit(&rate_key(client), self.clock.now())
    }

    /// The publishable key the browser sends with a tokenisation.
    pub fn publishable_key(&self) -> &str {
        &self.publishable_key
    }

    /// Equal for equal numbers; without the secret it cannot be reversed by
    /// trying the (few) plausible card numbers.
    fn fingerprint(&self, digits: &str) -> String {
        hex::encode(crate::telemetry::hmac_sha256(
            &self.secret,
            digits.as_bytes(),
        ))
    }

    fn challenge_url(&self, charge_id: &str) -> String {
        format!("{}{PATH}/challenge/{charge_id}", self.public_url)
    }

    /// The tokenisation endpoint's work: check the fields, keep what may be
    /// kept, answer a single-use token.
    pub async fn tokenise(&self, details: &CardDetails) -> AppResult<CardToken> {
        let now = self.clock.now();
        let card = validate_card(details, brussels::date(now)).map_err(AppError::Validation)?;
        let (behaviour, funding) = test_cards::lookup(&card.number);
        let token = format!("tok_{}", random_token());
        let reference = format!("pm_{}", random_token());
        let fingerprint = self.fingerprint(&card.number);
        store::insert_card_with_token(
            &self.db,
            &NewCard {
                reference: &reference,
                brand: card.brand.as_str(),
                funding: funding.as_str(),
                last4: card.last4(),
                exp_month: card.exp_month,
                exp_year: card.exp_year,
                holder: &card.holder,
                fingerprint: &fingerprint,
                behaviour,
            },
            &token,
            now.timestamp(),
            now.timestamp() + TOKEN_TTL_SECS,
        )
        .await?;
        Ok(CardToken {
            token,
            brand: card.brand,
            last4: card.last4().to_owned(),
            exp_month: card.exp_month,
            exp_year: card.exp_year,
        })
    }

    async fn exchange(&self, token: &str) -> Result<ProviderCard, PaymentError> {
        let row = store::use_token(&self.db, token, self.clock.unix())
            .await
            .map_err(anyhow::Error::from)?
            .ok_or(PaymentError::UnknownToken)?;
        // The token is spent either way: a refused card is typed anew.
        Behaviour::parse(&row.behaviour)
            .unwrap_or(Behaviour::Declined)
            .verify()
            .map_err(PaymentError::CardRefused)?;
        Ok(ProviderCard {
            provider_token: row.reference,
            brand: CardBrand::parse(&row.brand).unwrap_or(CardBrand::Visa),
            last4: row.last4,
            exp_month: row.exp_month,
            exp_year: row.exp_year,
            holder: row.holder,
            funding: CardFunding::parse(&row.funding).unwrap_or(CardFunding::Credit),
            fingerprint: row.fingerprint,
        })
    }

    async fn make_charge(&self, req: ChargeRequest) -> Result<ChargeOutcome, PaymentError> {
        let return_url = check_charge_request(&req)?;
        let request_hash = sha256_hex(
            &[
                req.provider_token.as_str(),
                &req.amount_cents.to_string(),
                &req.currency,
                &req.description,
                return_url.unwrap_or("merchant"),
            ]
            .join("\u{1f}"),
        );
        // A retry answers the first outcome without looking at the card again.
        if let Some(row) =
            store::existing_charge(&self.db, &req.idempotency_key, &request_hash).await?
        {
            return Ok(row.outcome(|id| self.challenge_url(id)));
        }
        let card = store::card_by_reference(&self.db, &req.provider_token)
            .await
            .map_err(anyhow::Error::from)?
            .ok_or(PaymentError::UnknownCharge)?;
        let now = self.clock.now();
        let behaviour = Behaviour::parse(&card.behaviour).unwrap_or(Behaviour::Declined);
        let verdict = if card_expired(card.exp_month, card.exp_year, brussels::date(now)) {
            Err(crate::payments::DeclineReason::ExpiredCard)
        } else {
            behaviour.charge(return_url.is_some())
        };
        let (status, decline_reason) = match verdict {
            Ok(true) => ("succeeded", None),
            Ok(false) => ("requires_action", None),
            Err(reason) => ("failed", Some(reason)),
        };
        let charge_id = format!("ch_{}", random_token());
        let row = store::insert_charge(
            &self.db,
            &NewCharge {
                charge_id: &charge_id,
                idempotency_key: &req.idempotency_key,
                request_hash: &request_hash,
                card_id: card.id,
                amount_cents: req.amount_cents,
                currency: &req.currency,
                description: &req.description,
                initiated: if return_url.is_some() {
                    "customer"
                } else {
                    "merchant"
                },
                return_url,
                status,
                decline_reason,
            },
            now.timestamp(),
        )
        .await?;
        Ok(row.outcome(|id| self.challenge_url(id)))
    }

    async fn status(&self, charge_id: &str) -> Result<ChargeOutcome, PaymentError> {
        let row = store::charge_by_id(&self.db, charge_id)
            .await
            .map_err(anyhow::Error::from)?
            .ok_or(PaymentError::UnknownCharge)?;
        Ok(row.outcome(|id| self.challenge_url(id)))
    }

    async fn make_refund(
        &self,
        charge_id: &str,
        amount_cents: i64,
        key: &str,
    ) -> Result<RefundOutcome, PaymentError> {
        if amount_cents <= 0 || amount_cents > MAX_AMOUNT_CENTS {
            return Err(PaymentError::InvalidRequest("amount out of range"));
        }
        check_key(key)?;
        let refund_id = format!("re_{}", random_token());
        store::refund(
            &self.db,
            &refund_id,
            charge_id,
            amount_cents,
            key,
            self.clock.unix(),
        )
        .await
    }
}

fn check_key(key: &str) -> Result<(), PaymentError> {
    if key.is_empty() || key.len() > 255 {
        return Err(PaymentError::InvalidRequest(
            "idempotency key must be 1-255 bytes",
        ));
    }
    Ok(())
}

/// Checks a charge's parameters; answers the return URL of a
/// customer-initiated charge (None: merchant-initiated).
fn check_charge_request(req: &ChargeRequest) -> Result<Option<&str>, PaymentError> {
    if req.amount_cents <= 0 || req.amount_cents > MAX_AMOUNT_CENTS {
        return Err(PaymentError::InvalidRequest("amount out of range"));
    }
    if !(req.currency.len() == 3 && req.currency.bytes().all(|b| b.is_ascii_uppercase())) {
        return Err(PaymentError::InvalidRequest("currency must be ISO 4217"));
    }
    if req.description.chars().count() > 200 {
        return Err(PaymentError::InvalidRequest("description too long"));
    }
    check_key(&req.idempotency_key)?;
    match &req.initiated {
        Initiated::Merchant => Ok(None),
        Initiated::Customer { return_url } => {
            if return_url_allowed(return_url) {
                Ok(Some(return_url))
            } else {
                Err(PaymentError::InvalidRequest(
                    "return_url must be an http(s) URL or a path",
                ))
            }
        }
    }
}

/// An absolute http(s) URL or a path of this site (not `//host`), without
/// control characters: the challenge page redirects there.
fn return_url_allowed(url: &str) -> bool {
    let shape = url.starts_with("https://")
        || url.starts_with("http://")
        || (url.starts_with('/') && !url.starts_with("//") && !url.starts_with("/\\"));
    shape && url.len() <= 2000 && !url.chars().any(|c| c.is_control() || c == ' ')
}

impl PaymentProvider for SandboxProvider {
    fn card(&self, token: &str) -> BoxFuture<'_, Result<ProviderCard, PaymentError>> {
        let token = token.to_owned();
        Box::pin(async move { self.exchange(&token).await })
    }

    fn charge(&self, req: ChargeRequest) -> BoxFuture<'_, Result<ChargeOutcome, PaymentError>> {
        Box::pin(self.make_charge(req))
    }

    fn charge_status(&self, charge_id: &str) -> BoxFuture<'_, Result<ChargeOutcome, PaymentError>> {
        let charge_id = charge_id.to_owned();
        Box::pin(async move { self.status(&charge_id).await })
    }

    fn refund(
        &self,
        charge_id: &str,
        amount_cents: i64,
        idempotency_key: &str,
    ) -> BoxFuture<'_, Result<RefundOutcome, PaymentError>> {
        let charge_id = charge_id.to_owned();
        let key = idempotency_key.to_owned();
        Box::pin(async move { self.make_refund(&charge_id, amount_cents, &key).await })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_urls() {
        assert!(return_url_allowed("/services/abc?step=confirm"));
        assert!(return_url_allowed("https://mijn.lexus.be/x"));
        assert!(!return_url_allowed("//evil.example/x"));
        assert!(!return_url_allowed("/\\evil.example"));
        assert!(!return_url_allowed("javascript:alert(1)"));
        assert!(!return_url_allowed("/x\r\nSet-Cookie: a=b"));
    }
}
