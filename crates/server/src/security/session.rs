//! Sessions: a random 256-bit id in an HttpOnly, SameSite=Strict cookie; only
//! its SHA-256 is stored. Idle and absolute timeouts follow the Clock, and
//! every request moves `last_seen_at` forward (sliding idle timeout).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE, SET_COOKIE, USER_AGENT};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use mijn_lexus_contract::{ErrorCode, Language};

use super::{client_addr, is_token_shaped, random_token, sha256_hex};
use crate::error::AppError;
use crate::state::AppState;

pub fn session_cookie_name(https: bool) -> &'static str {
    if https {
        "__Host-ml_session"
    } else {
        "ml_session"
    }
}

pub fn csrf_cookie_name(https: bool) -> &'static str {
    if https {
        "__Host-ml_csrf"
    } else {
        "ml_csrf"
    }
}

/// `Set-Cookie` for a browser-session cookie (no Max-Age: it ends when the
/// browser closes, which suits shared computers).
pub fn set_cookie(name: &str, value: &str, https: bool) -> HeaderValue {
    let secure = if https { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Strict{secure}"
    ))
    .expect("cookie values are URL-safe base64")
}

pub fn clear_cookie(name: &str, https: bool) -> HeaderValue {
    let secure = if https { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict{secure}"
    ))
    .expect("static cookie")
}

/// The cookies this server cares about, as the request brought them.
#[derive(Clone, Debug, Default)]
pub struct RequestCookies {
    pub session: Option<String>,
    pub csrf: Option<String>,
}

impl RequestCookies {
    pub fn from_headers(headers: &HeaderMap, https: bool) -> RequestCookies {
        let (session_name, csrf_name) = (session_cookie_name(https), csrf_cookie_name(https));
        let mut out = RequestCookies::default();
        for header in headers.get_all(COOKIE) {
            let Ok(header) = header.to_str() else {
                continue;
            };
            for pair in header.split(';') {
                let Some((name, value)) = pair.trim().split_once('=') else {
                    continue;
                };
                let value = value.trim().trim_matches('"');
                if !is_token_shaped(value) {
                    continue;
                }
                if name == session_name {
                    out.session = Some(value.to_owned());
                } else if name == csrf_name {
                    out.csrf = Some(value.to_owned());
                }
            }
        }
        out
    }
}

/// A valid, signed-in session (request extension).
#[derive(Clone, Debug)]
pub struct CurrentSession {
    pub id_hash: String,
    /// The opaque id the user sees in the list of sessions.
    pub public_id: String,
    pub user_id: i64,
    pub csrf_token: String,
}

/// A new session for `user_id`: the cookie value and the stored row.
pub struct NewSession {
    pub id: String,
    pub csrf_token: String,
}

/// Creates a session row; `replaces` (the request's old session) is deleted.
pub async fn create(
    state: &AppState,
    user_id: i64,
    user_agent: Option<&str>,
    replaces: Option<&CurrentSession>,
) -> Result<NewSession, AppError> {
    let id = random_token();
    let csrf_token = random_token();
    let now = state.clock.unix();
    let mut tx = crate::db::begin_write(&state.db).await?;
    if let Some(old) = replaces {
        sqlx::query("DELETE FROM sessions WHERE id_hash = ?")
            .bind(&old.id_hash)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, user_agent, public_id)
         VALUES (?, ?, ?, ?, ?, ?, lower(hex(randomblob(16))))",
    )
    .bind(sha256_hex(&id))
    .bind(user_id)
    .bind(&csrf_token)
    .bind(now)
    .bind(now)
    .bind(user_agent)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(NewSession { id, csrf_token })
}

/// One of a user's sessions as the user sees it (no id, no hash).
#[derive(Debug, sqlx::FromRow)]
pub struct SessionRow {
    pub public_id: String,
    pub user_agent: Option<String>,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub current: bool,
}

/// The user's live sessions: `current` first, then the most recently seen.
/// Sessions past their idle or absolute timeout are not listed (they end
/// at their next request).
pub async fn list_for_user(
    state: &AppState,
    current: &CurrentSession,
) -> Result<Vec<SessionRow>, AppError> {
    let now = state.clock.unix();
    Ok(sqlx::query_as(
        "SELECT public_id, user_agent, created_at, last_seen_at, id_hash = ? AS current
         FROM sessions
         WHERE user_id = ? AND last_seen_at > ? AND created_at > ?
         ORDER BY current DESC, last_seen_at DESC, created_at DESC",
    )
    .bind(&current.id_hash)
    .bind(current.user_id)
    .bind(now - state.session_idle.num_seconds())
    .bind(now - state.session_absolute.num_seconds())
    .fetch_all(&state.db)
    .await?)
}

/// Ends the user's session with `public_id`; false when the user has none
/// with that id (another user's id included).
pub async fn end_by_public_id(
    state: &AppState,
    user_id: i64,
    public_id: &str,
) -> Result<bool, AppError> {
    let ended = sqlx::query("DELETE FROM sessions WHERE user_id = ? AND public_id = ?")
        .bind(user_id)
        .bind(public_id)
        .execute(&state.db)
        .await?
        .rows_affected();
    Ok(ended > 0)
}

/// Ends one session (signing out).
pub async fn end(state: &AppState, id_hash: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = ?")
        .bind(id_hash)
        .execute(&state.db)
        .await?;
    Ok(())
}

/// Ends every session of the user except `current`; how many ended.
pub async fn end_others(state: &AppState, current: &CurrentSession) -> Result<u64, AppError> {
    Ok(
        sqlx::query("DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?")
            .bind(current.user_id)
            .bind(&current.id_hash)
            .execute(&state.db)
            .await?
            .rows_affected(),
    )
}

#[derive(sqlx::FromRow)]
struct LookupRow {
    user_id: i64,
    csrf_token: String,
    created_at: i64,
    last_seen_at: i64,
    public_id: String,
}

async fn lookup(state: &AppState, id: &str) -> Result<Option<CurrentSession>, AppError> {
    let id_hash = sha256_hex(id);
    let row: Option<LookupRow> = sqlx::query_as(
        "SELECT user_id, csrf_token, created_at, last_seen_at, COALESCE(public_id, '') AS public_id
         FROM sessions WHERE id_hash = ?",
    )
    .bind(&id_hash)
    .fetch_optional(&state.db)
    .await?;
    let Some(LookupRow {
        user_id,
        csrf_token,
        created_at,
        last_seen_at,
        public_id,
    }) = row
    else {
        return Ok(None);
    };
    let now = state.clock.unix();
    let idle_over = now - last_seen_at >= state.session_idle.num_seconds();
    let absolute_over = now - created_at >= state.session_absolute.num_seconds();
    if idle_over || absolute_over {
        sqlx::query("DELETE FROM sessions WHERE id_hash = ?")
            .bind(&id_hash)
            .execute(&state.db)
            .await?;
        tracing::info!(user_id, idle_over, absolute_over, "session expired");
        return Ok(None);
    }
    sqlx::query("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ? AND last_seen_at < ?")
        .bind(now)
        .bind(&id_hash)
        .bind(now)
        .execute(&state.db)
        .await?;
    Ok(Some(CurrentSession {
        id_hash,
        public_id,
        user_id,
        csrf_token,
    }))
}

/// Middleware: reads the cookies, resolves the session (or clears a stale
/// session cookie) and leaves [`RequestCookies`] and [`CurrentSession`] in the
/// request's extensions.
pub async fn load_session(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let cookies = RequestCookies::from_headers(req.headers(), state.https);
    let mut stale = false;
    if let Some(id) = &cookies.session {
        match lookup(&state, id).await {
            Ok(Some(session)) => {
                req.extensions_mut().insert(session);
            }
            Ok(None) => stale = true,
            Err(e) => return e.into_response(),
        }
    }
    req.extensions_mut().insert(cookies);
    let mut resp = next.run(req).await;
    let name = session_cookie_name(state.https);
    let sets_session = resp
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .any(|v| v.to_str().is_ok_and(|v| v.starts_with(&format!("{name}="))));
    if stale && !sets_session {
        resp.headers_mut()
            .append(SET_COOKIE, clear_cookie(name, state.https));
    }
    resp
}

/// The session of the request, if signed in.
#[derive(Clone, Debug)]
pub struct MaybeSession(pub Option<CurrentSession>);

impl<S: Send + Sync> FromRequestParts<S> for MaybeSession {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        Ok(MaybeSession(
            parts.extensions.get::<CurrentSession>().cloned(),
        ))
    }
}

/// A signed-in session; 401 `unauthenticated` without one.
#[derive(Clone, Debug)]
pub struct SignedIn(pub CurrentSession);

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        parts
            .extensions
            .get::<CurrentSession>()
            .cloned()
            .map(SignedIn)
            .ok_or(AppError::Code(ErrorCode::Unauthenticated))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RequestCookies {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        Ok(parts
            .extensions
            .get::<RequestCookies>()
            .cloned()
            .unwrap_or_default())
    }
}

/// Who is asking: the client's address (see [`client_addr`]), user agent
/// (for records), language.
#[derive(Clone, Debug)]
pub struct ClientInfo {
    pub ip: IpAddr,
    /// The client in rate limits (IPv6 by /64).
    pub key: String,
    pub user_agent: Option<String>,
    pub lang: Language,
}

impl FromRequestParts<AppState> for ClientInfo {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip())
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        let ip = client_addr::client_address(peer, &parts.headers, &state.trusted_proxies);
        let user_agent = parts
            .headers
            .get(USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|s| s.chars().take(512).collect());
        Ok(ClientInfo {
            ip,
            key: client_addr::rate_key(ip),
            user_agent,
            lang: request_language(&parts.headers),
        })
    }
}

/// The first language of `Accept-Language` that the portal speaks; Dutch
/// otherwise. Entries are taken in order of their q-value.
pub fn request_language(headers: &HeaderMap) -> Language {
    let Some(value) = headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()) else {
        return Language::Nl;
    };
    let mut entries: Vec<(f32, usize, Language)> = value
        .split(',')
        .enumerate()
        .filter_map(|(i, entry)| {
            let mut parts = entry.split(';');
            let lang = Language::from_code(parts.next()?.trim())?;
            let q = parts
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            (q > 0.0).then_some((q, i, lang))
        })
        .collect();
    entries.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    entries.first().map(|e| e.2).unwrap_or(Language::Nl)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_best_supported() {
        let h = |v: &str| {
            let mut m = HeaderMap::new();
            m.insert(ACCEPT_LANGUAGE, HeaderValue::from_str(v).unwrap());
            request_language(&m)
        };
        assert_eq!(h("fr-BE,fr;q=0.9,en;q=0.8"), Language::Fr);
        assert_eq!(h("de-DE, en;q=0.5"), Language::En);
        assert_eq!(h("de"), Language::Nl);
        assert_eq!(h("nl;q=0.2, en;q=0.9"), Language::En);
        assert_eq!(request_language(&HeaderMap::new()), Language::Nl);
    }
}
