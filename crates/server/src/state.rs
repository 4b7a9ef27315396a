//! Shared state of every request.

use std::sync::Arc;

use chrono::Duration;
use sqlx::SqlitePool;

use crate::background::Background;
use crate::clock::Clock;
use crate::config::Config;
use crate::legal::LegalCatalog;
use crate::mail::Mailer;
use crate::security::client_addr::Cidr;
use crate::security::password::Passwords;
use crate::security::rate_limit::{RateLimiter, RateLimits};

#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub db: SqlitePool,
    pub clock: Arc<dyn Clock>,
    pub config: Config,
    /// Base URL without trailing slash, e.g. `https://mijn.lexus.be`.
    pub public_url: String,
    /// The scheme://host[:port] of the public URL.
    pub public_origin: String,
    /// Public URL is https: secure cookies with the `__Host-` prefix, HSTS.
    pub https: bool,
    pub mailer: Mailer,
    pub limits: RateLimits,
    /// Data exports per user (B5): complete, so heavy; see `crate::privacy`.
    pub exports: RateLimiter,
    /// Bounded password hashing for request handlers.
    pub passwords: Passwords,
    /// Jobs that run after the answer (reset and resend mails).
    pub background: Background,
    /// `--trusted-proxies`, parsed.
    pub trusted_proxies: Vec<Cidr>,
    pub legal: LegalCatalog,
    pub session_idle: Duration,
    pub session_absolute: Duration,
    /// An Argon2 hash of a random password, verified against when an address
    /// is unknown so that the answer takes as long as for a known one.
    pub dummy_hash: String,
    /// Map providers (D1, D2): tiles, routing, geocoding.
    pub map: crate::map::MapProviders,
    // ---- wallet, payments (F2) ----
    /// The payment provider (the sandbox, `crate::payments::sandbox`).
    pub payments: Arc<dyn crate::payments::PaymentProvider>,
}

impl AppState {
    pub fn new(inner: Inner) -> AppState {
        AppState(Arc::new(inner))
    }
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}
