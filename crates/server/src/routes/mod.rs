//! The JSON API, one module per resource. Each module parses requests,
//! calls its domain module (`crate::accounts`, `crate::profile`, ...) and
//! answers; it exposes a `router()` built from the path constants of the
//! contract (`mijn_lexus_contract::routes`). Nothing outside `routes/`
//! imports from here (a unit test below checks it).

pub mod accounts;
pub mod admin;
pub mod chargers;
pub mod dealers;
pub mod dev;
pub mod health;
pub mod ingest;
pub mod invitations;
pub mod legal;
pub mod map;
pub mod password_reset;
pub mod privacy;
pub mod profile;
pub mod session;
pub mod sessions;
// ---- share to car, charge points (D3, D4) ----
pub mod charging;
pub mod sharing;
// ---- trips, logbook, coaching (E1-E4) ----
pub mod trips;
pub mod vehicles;
// ---- services, invoices (F1, F3) ----
pub mod services;
// ---- wallet, payments (F2) ----
pub mod wallet;
// ---- remote (F4) ----
pub mod remote;

use axum::extract::{FromRequest, Request};
use axum::{Json, Router};
use serde::de::DeserializeOwned;

use crate::error::AppError;
use crate::state::AppState;

/// Every API route (relative to `/api`); the dev outbox only in development
/// mode. Middleware is layered on top in `app::router`.
pub fn api(dev: bool) -> Router<AppState> {
    let api = Router::new()
        .merge(health::router())
        .merge(session::router())
        .merge(accounts::router())
        .merge(password_reset::router())
        .merge(legal::router())
        .merge(vehicles::router())
        .merge(invitations::router())
        .merge(profile::router())
        .merge(sessions::router())
        .merge(dealers::router())
        .merge(privacy::router())
        .merge(admin::router())
        .merge(chargers::router())
        .merge(ingest::router())
        .merge(map::router())
        // ---- share to car, charge points (D3, D4) ----
        .merge(sharing::router())
        .merge(charging::router())
        .merge(trips::router())
        // ---- services, invoices (F1, F3) ----
        .merge(services::router())
        // ---- wallet, payments (F2) ----
        .merge(wallet::router())
        // ---- remote (F4) ----
        .merge(remote::router());
    if dev {
        api.merge(dev::router())
    } else {
        api
    }
}

/// `Json<T>` whose rejections are API errors: 415 for a non-JSON content
/// type, 413 for a body over the limit, 400 `malformed_request` otherwise.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        Json::<T>::from_request(req, state)
            .await
            .map(|Json(v)| ApiJson(v))
            .map_err(AppError::from)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Handlers depend on the domain, never the other way round: no file
    /// of the crate outside `routes/` may name `crate::routes`, except
    /// `app.rs` mounting [`super::api`].
    #[test]
    fn nothing_outside_routes_imports_routes() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut offenders = Vec::new();
        let mut dirs = vec![src.clone()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("read src") {
                let path = entry.expect("dir entry").path();
                if path.is_dir() {
                    if path != src.join("routes") {
                        dirs.push(path);
                    }
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs") {
                    continue;
                }
                // The contract's path constants are fine to use anywhere.
                let mut text = std::fs::read_to_string(&path)
                    .expect("read file")
                    .replace("mijn_lexus_contract::routes", "");
                if path == src.join("app.rs") {
                    text = text
                        .replace("use crate::routes;", "")
                        .replace("routes::api(", "")
                        .replace("routes::map::tiles_router(", "");
                    if text.contains("routes::") {
                        offenders.push(path.display().to_string());
                    }
                } else if text.contains("crate::routes")
                    || text.contains("mijn_lexus_server::routes")
                {
                    offenders.push(path.display().to_string());
                }
            }
        }
        assert!(offenders.is_empty(), "imports of routes/ in {offenders:?}");
    }
}
