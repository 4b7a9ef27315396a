//! A4: once a new version of the terms or the privacy policy is in force,
//! a signed-in user must accept it before anything else. Every request of
//! such a user answers 403 `legal_acceptance_required`, except the ones
//! needed to read and accept it or to leave: the session itself (GET shows
//! `pending_legal`, DELETE signs out), legal texts, the accept endpoint,
//! the list of accepted documents, the data export and account deletion.
//! Anonymous and backend requests are not affected.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use mijn_lexus_contract::ErrorCode;

use super::session::CurrentSession;
use crate::error::AppError;
use crate::legal::acceptances::pending_legal;
use crate::state::AppState;

fn exempt(path: &str) -> bool {
    let path = path.strip_prefix("/api").unwrap_or(path);
    const EXACT: &[&str] = &[
        "/session",
        "/health",
        "/profile/legal",
        "/profile/legal/accept",
        "/profile/export",
        "/profile/email/confirm",
        "/account/delete",
        "/dealers",
    ];
    const PREFIXES: &[&str] = &[
        "/legal/",
        "/accounts",
        "/password-reset",
        "/dev/",
        "/ingest/",
        "/telematics/",
        "/admin/",
    ];
    EXACT.contains(&path) || PREFIXES.iter().any(|p| path.starts_with(p))
}

pub async fn legal_gate(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if let Some(session) = req.extensions().get::<CurrentSession>() {
        if !exempt(req.uri().path()) {
            match pending_legal(&state, session.user_id).await {
                Ok(pending) if !pending.is_empty() => {
                    return AppError::Code(ErrorCode::LegalAcceptanceRequired).into_response()
                }
                Ok(_) => {}
                Err(e) => return e.into_response(),
            }
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::exempt;

    #[test]
    fn only_reading_accepting_and_leaving_are_exempt() {
        for p in [
            "/api/session",
            "/legal/terms/2",
            "/profile/legal/accept",
            "/account/delete",
        ] {
            assert!(exempt(p), "{p}");
        }
        for p in [
            "/api/me",
            "/profile",
            "/vehicles",
            "/profile/consents",
            "/chargers",
        ] {
            assert!(!exempt(p), "{p}");
        }
    }
}
