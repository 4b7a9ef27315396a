//! Reference server of the Mijn Lexus JSON API, and the static file server
//! of the single-page app.
//!
//! [`Application::build`] assembles everything from a [`Config`]; the binary
//! (`main.rs`) and the integration tests start the same application.

pub mod accounts;
pub mod app;
pub mod background;
pub mod chargers;
pub mod charging;
pub mod clock;
pub mod config;
pub mod db;
pub mod dealers;
pub mod demo;
pub mod embed_demo;
pub mod error;
pub mod garage;
pub mod geo;
pub mod legal;
pub mod mail;
pub mod map;
pub mod paging;
pub mod privacy;
pub mod profile;
pub mod purge;
pub mod retention;
pub mod routes;
pub mod security;
pub mod sharing;
pub mod simulator;
pub mod state;
pub mod static_site;
pub mod telematics;
pub mod telemetry;
// ---- trips, logbook, coaching (E1-E4) ----
pub mod trips;
// ---- wallet, payments (F2) ----
pub mod payments;
pub mod services;
// ---- services, invoices (F1, F3) ----
pub mod billing;
pub mod wallet;
// ---- remote (F4) ----
pub mod remote;

use std::net::SocketAddr;

use anyhow::Context;
use tokio::net::TcpListener;

pub use app::Application;
pub use clock::{Clock, ManualClock, SystemClock};
pub use config::Config;

/// Builds the application with the system clock.
pub async fn build(config: Config) -> anyhow::Result<Application> {
    Application::build(config).await
}

/// Binds `bind:port` (port 0 picks a free one).
pub(crate) async fn bind(config: &Config) -> anyhow::Result<(TcpListener, SocketAddr)> {
    let listener = TcpListener::bind((config.bind.as_str(), config.port))
        .await
        .with_context(|| format!("cannot listen on {}:{}", config.bind, config.port))?;
    let addr = listener.local_addr()?;
    Ok((listener, addr))
}
