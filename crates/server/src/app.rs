//! Router assembly, middleware and the server loop (the SPA's files:
//! [`crate::static_site`]).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use mijn_lexus_contract::ErrorCode;
use tokio::net::TcpListener;
use tower_http::timeout::TimeoutLayer;
use tracing::Instrument;

use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::error::{code_for_status, error_response, ErrorBody};
use crate::legal::LegalCatalog;
use crate::mail::Mailer;
use crate::routes;
use crate::security::headers::{security_headers, SecurityHeaders};
use crate::security::password;
use crate::security::rate_limit::{RateLimiter, RateLimits};
use crate::security::session::request_language;
use crate::security::{csrf, legal_gate, session};
use crate::state::{AppState, Inner};
use crate::static_site::{static_files, StaticSite};

/// Largest accepted request body.
pub const BODY_LIMIT: usize = 64 * 1024;
/// Requests taking longer are answered with `timeout`.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);

pub struct Application {
    listener: TcpListener,
    router: Router,
    addr: SocketAddr,
    state: AppState,
}

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Application> {
        Application::build_with_clock(config, Arc::new(SystemClock)).await
    }

    /// Builds with a given clock (tests pass a [`ManualClock`](crate::ManualClock)).
    pub async fn build_with_clock(
        config: Config,
        clock: Arc<dyn Clock>,
    ) -> anyhow::Result<Application> {
        config.validate().map_err(|e| anyhow::anyhow!(e))?;
        let trusted_proxies = crate::security::client_addr::parse_cidrs(&config.trusted_proxies)
            .map_err(|e| anyhow::anyhow!(e))?;
        let (listener, addr) = crate::bind(&config).await?;
        let public_url = config
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://localhost:{}", addr.port()))
            .trim_end_matches('/')
            .to_owned();
        let public_origin =
            origin_of(&public_url).with_context(|| format!("invalid public URL {public_url}"))?;
        let https = public_url.starts_with("https://");

        let db = crate::db::connect(&config.database_url).await?;
        let legal = LegalCatalog::load()?;
        legal.sync(&db, clock.unix()).await?;
        let mailer = Mailer::new(
            config.smtp_url.as_deref(),
            &config.mail_from,
            db.clone(),
            clock.clone(),
            config.dev,
        )?;
        // ---- wallet, payments (F2) ----
        let payments = Arc::new(crate::payments::sandbox::SandboxProvider::from_config(
            db.clone(),
            clock.clone(),
            &config,
            &public_url,
        ));
        let state = AppState::new(Inner {
            payments,
            db,
            clock,
            public_url,
            public_origin,
            https,
            mailer,
            limits: RateLimits::new(&config.rate_limits),
            exports: RateLimiter::new(
                crate::privacy::EXPORTS_PER_HOUR,
                crate::privacy::EXPORT_WINDOW_SECS,
            ),
            passwords: password::Passwords::new(config.password_hash_concurrency),
            background: crate::background::Background::default(),
            trusted_proxies,
            legal,
            session_idle: chrono::Duration::minutes(config.session_idle_minutes.into()),
            session_absolute: chrono::Duration::hours(config.session_absolute_hours.into()),
            dummy_hash: password::dummy_hash().await?,
            map: crate::map::MapProviders::open(&config.map).await?,
            config,
        });
        if state.config.demo {
            crate::demo::ensure_demo_account(&state).await?;
            crate::demo::ensure_demo_garage(&state).await?;
            // ---- wallet, services (F1-F4) ----
            crate::demo::ensure_demo_wallet(&state).await?;
            // ---- share to car, charge points (D3, D4) ----
            crate::charging::ensure_demo_charge_points(&state.db, state.clock.unix()).await?;
            crate::simulator::live::spawn(state.clone());
        }
        if state.config.retention_interval_minutes > 0 {
            crate::retention::spawn(
                state.clone(),
                Duration::from_secs(u64::from(state.config.retention_interval_minutes) * 60),
            );
        }
        let site = StaticSite::load(&state.config.static_dir, state.config.dev)?;
        let headers = SecurityHeaders::new(
            &site.script_hashes(),
            &state.config.frame_ancestors,
            state.https,
        );
        let router = router(state.clone(), site, headers);
        Ok(Application {
            listener,
            router,
            addr,
            state,
        })
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// The shared state (tests run jobs such as the retention pass with it).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    pub fn public_url(&self) -> &str {
        &self.state.public_url
    }

    /// Serves until SIGTERM or Ctrl-C; requests in flight are finished.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `stop` completes.
    pub async fn run_until(
        self,
        stop: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        tracing::info!(url = %self.state.public_url, listen = %self.addr, "Mijn Lexus server listening");
        axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(stop)
        .await?;
        self.state.db.close().await;
        tracing::info!("server stopped");
        Ok(())
    }
}

fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split('/').next()?;
    (matches!(scheme, "http" | "https") && !authority.is_empty())
        .then(|| format!("{scheme}://{authority}"))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down; finishing requests in flight");
}

pub fn router(state: AppState, site: StaticSite, headers: SecurityHeaders) -> Router {
    // Map tiles and the world background sit outside /api: plain cacheable
    // GETs without session, CSRF or legal gate.
    let tiles = routes::map::tiles_router().with_state(state.clone());
    // ---- wallet, payments (F2) ----
    // The sandbox payment provider's own "host" path, outside /api (no
    // session, no CSRF), under the same security headers as the rest. It
    // keeps nothing in memory: this instance and the one in the state share
    // the database.
    let sandbox_pay = crate::payments::sandbox::router(Arc::new(
        crate::payments::sandbox::SandboxProvider::from_config(
            state.db.clone(),
            state.clock.clone(),
            &state.config,
            &state.public_url,
        ),
    ));

    // Layers apply to every API route; the only per-route layer (the larger
    // body limit of ingest) sits in the ingest module's router.
    let api = routes::api(state.config.dev)
        .fallback(|| async {
            error_response(
                ErrorBody {
                    code: ErrorCode::NotFound,
                    fields: vec![],
                },
                Default::default(),
            )
        })
        .method_not_allowed_fallback(|| async {
            error_response(
                ErrorBody {
                    code: ErrorCode::MethodNotAllowed,
                    fields: vec![],
                },
                Default::default(),
            )
        })
        .layer(middleware::from_fn_with_state(
            state.clone(),
            legal_gate::legal_gate,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            csrf::csrf_guard,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            session::load_session,
        ))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(middleware::from_fn(api_errors))
        .with_state(state);

    Router::new()
        .nest("/api", api)
        .merge(tiles)
        .merge(sandbox_pay)
        .fallback(static_files)
        .with_state(Arc::new(site))
        .layer(middleware::from_fn_with_state(
            Arc::new(headers),
            security_headers,
        ))
        .layer(middleware::from_fn(log_requests))
}

/// Gives every API error a JSON body in the request's language: errors from
/// handlers are re-rendered, bare statuses from axum or tower-http (405,
/// 408, 413, ...) get the matching code.
pub(crate) async fn api_errors(req: Request, next: Next) -> Response {
    let lang = request_language(req.headers());
    let resp = next.run(req).await;
    let body = match resp.extensions().get::<ErrorBody>() {
        Some(body) => body.clone(),
        None if resp.status().is_client_error() || resp.status().is_server_error() => {
            let is_json = resp
                .headers()
                .get(CONTENT_TYPE)
                .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
            if is_json {
                return resp;
            }
            ErrorBody {
                code: code_for_status(resp.status()),
                fields: Vec::new(),
            }
        }
        None => return resp,
    };
    let fresh = error_response(body, lang);
    let (mut parts, _) = resp.into_parts();
    let (fresh_parts, fresh_body) = fresh.into_parts();
    parts.status = fresh_parts.status;
    parts.headers.remove(CONTENT_LENGTH);
    parts
        .headers
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    parts.extensions.extend(fresh_parts.extensions);
    Response::from_parts(parts, fresh_body)
}

/// One log line per request: method, path (never the query), status, latency.
async fn log_requests(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let span = tracing::info_span!("request", %method, %path);
    let started = Instant::now();
    let resp = next.run(req).instrument(span.clone()).await;
    let status = resp.status().as_u16();
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    span.in_scope(|| {
        if status >= 500 {
            tracing::error!(status, latency_ms, "response");
        } else {
            tracing::info!(status, latency_ms, "response");
        }
    });
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins() {
        assert_eq!(
            origin_of("https://mijn.lexus.be/portal").as_deref(),
            Some("https://mijn.lexus.be")
        );
        assert_eq!(
            origin_of("http://localhost:8080").as_deref(),
            Some("http://localhost:8080")
        );
        assert_eq!(origin_of("ftp://x"), None);
    }
}
