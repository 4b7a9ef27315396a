//! The one client of the JSON API (`/api`, see docs/architecture.md).
//!
//! - URLs come from [`config`]; routes from `contract::routes`.
//! - Every POST/DELETE carries the CSRF token in `x-csrf-token`; a
//!   `csrf_failed` answer refreshes the token once and retries.
//! - Non-2xx answers become [`ClientError::Api`] with the contract's
//!   [`ApiError`]; a failed fetch becomes [`ClientError::Network`].
//! - An answer saying the session changed under the page (`unauthenticated`:
//!   signed out or expired; `legal_acceptance_required`: new terms were
//!   published, A4) makes the client read the session again before the
//!   caller sees the error, for every request. `Protected` then shows the
//!   re-acceptance page or sends the visitor to sign in (and back), so no
//!   page has to handle these two answers itself.

use gloo_net::http::{Method, RequestBuilder, Response};
use leptos::prelude::{GetUntracked, Set};
use mijn_lexus_contract::account::SessionState;
use mijn_lexus_contract::legal::{LegalDocument, LegalKind};
use mijn_lexus_contract::{routes, ApiError, ErrorCode, FieldError, Language};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::config::config;
use crate::i18n::{error_text, lang, t};
use crate::session::{Session, SessionStatus};

pub mod charging;
pub mod garage;
pub mod map;
pub mod profile;
pub mod remote;
pub mod services;
pub mod trips;
pub mod wallet;

/// A path segment from user input (a VIN from the address bar, ...),
/// percent-encoded so it can never add segments, a query or a fragment to
/// an API path.
fn path_segment(value: &str) -> String {
    crate::config::encode_query_value(value)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClientError {
    /// The server could not be reached (offline, DNS, server down).
    Network,
    /// The server answered with an error.
    Api(ApiError),
}

impl ClientError {
    /// An error the client itself concludes, with the code's text.
    pub fn from_code(code: ErrorCode) -> ClientError {
        ClientError::Api(ApiError {
            code,
            message: error_text(code).to_owned(),
            fields: Vec::new(),
        })
    }

    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ClientError::Network => None,
            ClientError::Api(e) => Some(e.code),
        }
    }

    /// The text to show for the request as a whole.
    pub fn message(&self) -> &'static str {
        match self {
            ClientError::Network => t().common.no_connection.as_str(),
            ClientError::Api(e) => error_text(e.code),
        }
    }

    /// Per-field problems reported by the server.
    pub fn fields(&self) -> &[FieldError] {
        match self {
            ClientError::Network => &[],
            ClientError::Api(e) => &e.fields,
        }
    }
}

pub type ApiResult<T> = Result<T, ClientError>;

/// The text pack of `lang` (built into dist/i18n/<lang>.json from i18n/).
pub async fn fetch_text_pack(lang: Language) -> ApiResult<crate::i18n::Pack> {
    let url = config().asset(&format!("i18n/{}.json", lang.code()));
    let response = gloo_net::http::Request::get(&url)
        .send()
        .await
        .map_err(|_| ClientError::Network)?;
    if !response.ok() {
        return Err(ClientError::Network);
    }
    let text = response.text().await.map_err(|_| ClientError::Network)?;
    crate::i18n::parse(&text).map_err(|_| ClientError::from_code(ErrorCode::Internal))
}

fn request(method: Method, route: &str) -> RequestBuilder {
    RequestBuilder::new(&config().api_url(route))
        .method(method)
        .header("Accept", "application/json")
        .header("Accept-Language", lang().code())
}

async fn send(builder: RequestBuilder, body: Option<&str>) -> ApiResult<Response> {
    let request = match body {
        Some(json) => builder
            .header("Content-Type", "application/json")
            .body(json.to_owned()),
        None => builder.build(),
    }
    .map_err(|_| ClientError::from_code(ErrorCode::Internal))?;
    let response = request.send().await.map_err(|_| ClientError::Network)?;
    if response.ok() {
        Ok(response)
    } else {
        Err(error_from(response).await)
    }
}

async fn error_from(response: Response) -> ClientError {
    if let Ok(err) = response.json::<ApiError>().await {
        return ClientError::Api(err);
    }
    // Not our JSON (a proxy, a gateway timeout…): judge by the status.
    let code = match response.status() {
        400 => ErrorCode::MalformedRequest,
        401 => ErrorCode::Unauthenticated,
        403 => ErrorCode::CsrfFailed,
        404 => ErrorCode::NotFound,
        405 => ErrorCode::MethodNotAllowed,
        408 | 504 => ErrorCode::Timeout,
        413 => ErrorCode::PayloadTooLarge,
        415 => ErrorCode::UnsupportedMediaType,
        429 => ErrorCode::RateLimited,
        _ => ErrorCode::Internal,
    };
    ClientError::from_code(code)
}

async fn json<T: DeserializeOwned>(response: Response) -> ApiResult<T> {
    response
        .json::<T>()
        .await
        .map_err(|_| ClientError::from_code(ErrorCode::Internal))
}

thread_local! {
    /// The app's session, for the requests that have none at hand (GETs).
    static SESSION: std::cell::Cell<Option<Session>> = const { std::cell::Cell::new(None) };
}

/// Makes `session` the one the client keeps up to date (called once by `App`).
pub fn install_session(session: Session) {
    SESSION.with(|s| s.set(Some(session)));
}

/// When the server says the session is not what the page assumed, the
/// session is read again (see the module comment) before the error returns.
async fn checked<T>(result: ApiResult<T>) -> ApiResult<T> {
    if let Err(e) = &result {
        notice_session_change(e).await;
    }
    result
}

/// The session part of [`checked`], for requests sent their own way.
async fn notice_session_change(error: &ClientError) {
    let stale = matches!(
        error.code(),
        Some(ErrorCode::Unauthenticated | ErrorCode::LegalAcceptanceRequired)
    );
    if let (true, Some(session)) = (stale, SESSION.with(std::cell::Cell::get)) {
        let _ = refresh_session(session).await;
    }
}

/// GET a JSON resource.
pub async fn get<T: DeserializeOwned>(route: &str) -> ApiResult<T> {
    checked(get_unchecked(route).await).await
}

async fn get_unchecked<T: DeserializeOwned>(route: &str) -> ApiResult<T> {
    json(send(request(Method::GET, route), None).await?).await
}

/// A state-changing request with the CSRF header; retried once with a fresh
/// token when the server refuses the token (e.g. the session expired).
async fn mutate(
    session: Session,
    method: Method,
    route: &str,
    body: Option<String>,
) -> ApiResult<Response> {
    // The first GET /session brings the token; a request made before it
    // answers (a page that posts on load) waits for it.
    SessionLoaded(session).await;
    let attempt = |token: String| {
        let builder = request(method.clone(), route).header(routes::CSRF_HEADER, &token);
        let body = body.clone();
        async move { send(builder, body.as_deref()).await }
    };
    let result = match attempt(session.csrf.get_untracked()).await {
        Err(ClientError::Api(e)) if e.code == ErrorCode::CsrfFailed => {
            refresh_session(session).await?;
            attempt(session.csrf.get_untracked()).await
        }
        other => other,
    };
    checked(result).await
}

fn to_json<B: Serialize>(body: &B) -> ApiResult<String> {
    serde_json::to_string(body).map_err(|_| ClientError::from_code(ErrorCode::Internal))
}

/// POST a JSON body, read a JSON answer.
pub async fn post<B: Serialize, T: DeserializeOwned>(
    session: Session,
    route: &str,
    body: &B,
) -> ApiResult<T> {
    let response = mutate(session, Method::POST, route, Some(to_json(body)?)).await?;
    json(response).await
}

/// PUT a JSON body, read a JSON answer.
pub async fn put<B: Serialize, T: DeserializeOwned>(
    session: Session,
    route: &str,
    body: &B,
) -> ApiResult<T> {
    let response = mutate(session, Method::PUT, route, Some(to_json(body)?)).await?;
    json(response).await
}

/// POST a JSON body; the answer's body (204, or a 202 message) is not needed.
pub async fn post_ok<B: Serialize>(session: Session, route: &str, body: &B) -> ApiResult<()> {
    mutate(session, Method::POST, route, Some(to_json(body)?))
        .await
        .map(drop)
}

/// DELETE a resource.
pub async fn delete(session: Session, route: &str) -> ApiResult<()> {
    mutate(session, Method::DELETE, route, None).await.map(drop)
}

// ---- the session ----

thread_local! {
    static WAITING: std::cell::RefCell<Vec<std::task::Waker>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Resolves once the session is no longer loading.
struct SessionLoaded(Session);

impl std::future::Future for SessionLoaded {
    type Output = ();

    fn poll(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<()> {
        if self.0.status.get_untracked() == SessionStatus::Loading {
            WAITING.with(|w| w.borrow_mut().push(cx.waker().clone()));
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    }
}

fn wake_waiting() {
    for waker in WAITING.with(|w| std::mem::take(&mut *w.borrow_mut())) {
        waker.wake();
    }
}

/// GET /session: who is signed in, and a CSRF token.
pub async fn refresh_session(session: Session) -> ApiResult<()> {
    let result = match get_unchecked::<SessionState>(routes::SESSION).await {
        Ok(state) => {
            session.apply(state);
            Ok(())
        }
        Err(e) => {
            if session.status.get_untracked() == SessionStatus::Loading {
                session.status.set(SessionStatus::Unavailable);
            }
            Err(e)
        }
    };
    wake_waiting();
    result
}

/// Reads the session again in the background, for a caller that does not
/// wait (the session belongs to the app, not to the page that asks).
pub fn renew_session(session: Session) {
    leptos::task::spawn_local(async move {
        let _ = refresh_session(session).await;
    });
}

/// POST /session; on success the session holds the user and the new token.
pub async fn sign_in(
    session: Session,
    request: &mijn_lexus_contract::account::SignInRequest,
) -> ApiResult<()> {
    let state: SessionState = post(session, routes::SESSION, request).await?;
    session.apply(state);
    Ok(())
}

/// DELETE /session. The caller leaves the protected page, clears the user and
/// then calls [`refresh_session`] for the anonymous token.
pub async fn sign_out(session: Session) -> ApiResult<()> {
    match delete(session, routes::SESSION).await {
        // Already signed out on the server (expired): fine.
        Ok(()) => Ok(()),
        Err(ClientError::Api(e)) if e.code == ErrorCode::Unauthenticated => Ok(()),
        Err(e) => Err(e),
    }
}

// ---- legal documents ----

/// GET /legal/{kind}?lang=…: the current version.
pub async fn legal_document(kind: LegalKind) -> ApiResult<LegalDocument> {
    let route = format!("{}/{}?lang={}", routes::LEGAL, kind.slug(), lang().code());
    get(&route).await
}
