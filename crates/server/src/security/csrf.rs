//! CSRF defence for state-changing API requests (POST, PUT, PATCH, DELETE):
//! - `Sec-Fetch-Site: cross-site` is refused;
//! - an `Origin` must be ours (the configured public URL's origin) or an
//!   allowed embedding origin (`--frame-ancestors`); never compared with the
//!   request's `Host`, which an attacker controls (DNS rebinding);
//! - header `x-csrf-token` must equal the session's token when signed in, or
//!   the `ml_csrf` cookie otherwise (double submit).
//!
//! Refusals are 403 `csrf_failed`.

use axum::extract::{Request, State};
use axum::http::header::ORIGIN;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use mijn_lexus_contract::routes::CSRF_HEADER;
use mijn_lexus_contract::ErrorCode;

use super::constant_time_eq;
use super::session::{CurrentSession, RequestCookies};
use crate::error::AppError;
use crate::state::AppState;

pub async fn csrf_guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if matches!(
        *req.method(),
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    ) && !is_backend_path(req.uri().path())
    {
        if let Err(reason) = check(&state, &req) {
            tracing::warn!(reason, "request refused by CSRF check");
            return AppError::Code(ErrorCode::CsrfFailed).into_response();
        }
    }
    next.run(req).await
}

/// The telematics backend's API authenticates with bearer keys, never with
/// cookies, so cross-site request forgery does not apply to it.
fn is_backend_path(path: &str) -> bool {
    use mijn_lexus_contract::routes::{ADMIN_PREFIX, INGEST_PREFIX, TELEMATICS_PREFIX};
    let path = path.strip_prefix("/api").unwrap_or(path);
    path.starts_with(INGEST_PREFIX)
        || path.starts_with(TELEMATICS_PREFIX)
        || path.starts_with(ADMIN_PREFIX)
}

fn check(state: &AppState, req: &Request) -> Result<(), &'static str> {
    let headers = req.headers();
    if headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("cross-site"))
    {
        return Err("cross-site fetch");
    }
    if let Some(origin) = headers.get(ORIGIN) {
        let origin = origin
            .to_str()
            .map_err(|_| "unreadable origin")?
            .trim_end_matches('/');
        let allowed = origin.eq_ignore_ascii_case(&state.public_origin)
            || state
                .config
                .frame_ancestors
                .iter()
                .any(|a| a.trim().trim_end_matches('/').eq_ignore_ascii_case(origin));
        if !allowed {
            return Err("foreign origin");
        }
    }
    let sent = headers
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .ok_or("no token header")?;
    let expected = match req.extensions().get::<CurrentSession>() {
        Some(session) => session.csrf_token.clone(),
        None => req
            .extensions()
            .get::<RequestCookies>()
            .and_then(|c| c.csrf.clone())
            .ok_or("no csrf cookie")?,
    };
    if constant_time_eq(sent.as_bytes(), expected.as_bytes()) {
        Ok(())
    } else {
        Err("token mismatch")
    }
}
