//! The sandbox's HTTP routes, outside `/api`: no session, no CSRF (a
//! provider's endpoints know neither); the tokenisation wants the
//! publishable key as `Authorization: Bearer`.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::rejection::{FormRejection, JsonRejection, QueryRejection};
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, Query, State};
use axum::http::header::{AUTHORIZATION, CACHE_CONTROL, CONTENT_TYPE, LOCATION};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{middleware, Form, Json, Router};
use mijn_lexus_contract::routes::{SANDBOX_PAY_CHALLENGE, SANDBOX_PAY_TOKENS};
use mijn_lexus_contract::wallet::{CardDetails, CardToken};
use mijn_lexus_contract::{ErrorCode, Language};
use serde::Deserialize;

use super::challenge_page::{self, CSS, CSS_PATH};
use super::{store, SandboxProvider};
use crate::error::{AppError, AppResult};
use crate::security::constant_time_eq;
use crate::security::session::request_language;

/// Card fields are small; anything larger is not a card.
const BODY_LIMIT: usize = 4 * 1024;

pub fn router<S: Clone + Send + Sync + 'static>(provider: Arc<SandboxProvider>) -> Router<S> {
    let tokens = Router::new()
        .route(SANDBOX_PAY_TOKENS, post(tokenise))
        // JSON errors in the request's language, as the API answers them.
        .layer(middleware::from_fn(crate::app::api_errors));
    Router::new()
        .merge(tokens)
        .route(
            &format!("{SANDBOX_PAY_CHALLENGE}/{{id}}"),
            get(challenge).post(decide),
        )
        .route(CSS_PATH, get(css))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(provider)
}

/// `POST /sandbox-pay/v1/tokens`: card fields -> single-use token.
async fn tokenise(
    State(provider): State<Arc<SandboxProvider>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Json<CardDetails>, JsonRejection>,
) -> AppResult<(StatusCode, Json<CardToken>)> {
    let key = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if !constant_time_eq(key.as_bytes(), provider.publishable_key().as_bytes()) {
        return Err(AppError::Code(ErrorCode::PaymentKeyInvalid));
    }
    provider
        .count_tokenisation(peer.ip(), &headers)
        .map_err(|retry_after_secs| AppError::RateLimited { retry_after_secs })?;
    let Json(details) = body?;
    let token = provider.tokenise(&details).await?;
    Ok((StatusCode::CREATED, Json(token)))
}

#[derive(Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

/// `?lang=` when it names one of ours, else the browser's language.
fn page_language(query: Result<Query<LangQuery>, QueryRejection>, headers: &HeaderMap) -> Language {
    query
        .ok()
        .and_then(|Query(q)| q.lang)
        .as_deref()
        .and_then(Language::from_code)
        .unwrap_or_else(|| request_language(headers))
}

fn html(status: StatusCode, body: String) -> Response {
    let mut resp = (status, Html(body)).into_response();
    resp.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

/// `GET /sandbox-pay/challenge/{id}`: the page asking to approve the charge.
async fn challenge(
    State(provider): State<Arc<SandboxProvider>>,
    Path(id): Path<String>,
    query: Result<Query<LangQuery>, QueryRejection>,
    headers: HeaderMap,
) -> AppResult<Response> {
    challenge_page_of(&provider, &id, page_language(query, &headers)).await
}

async fn challenge_page_of(
    provider: &SandboxProvider,
    id: &str,
    lang: Language,
) -> AppResult<Response> {
    Ok(match store::charge_by_id(&provider.db, id).await? {
        Some(charge) => html(StatusCode::OK, challenge_page::render(lang, &charge)),
        None => html(
            StatusCode::NOT_FOUND,
            challenge_page::render_unknown(lang, id),
        ),
    })
}

#[derive(Deserialize)]
struct Decision {
    decision: String,
}

/// `POST /sandbox-pay/challenge/{id}` (`decision=approve|fail`): records the
/// answer (once) and sends the browser back to the merchant (303).
async fn decide(
    State(provider): State<Arc<SandboxProvider>>,
    Path(id): Path<String>,
    query: Result<Query<LangQuery>, QueryRejection>,
    headers: HeaderMap,
    form: Result<Form<Decision>, FormRejection>,
) -> AppResult<Response> {
    let lang = page_language(query, &headers);
    let approved = match form.as_ref().map(|Form(f)| f.decision.as_str()) {
        Ok("approve") => true,
        Ok("fail") => false,
        _ => {
            // Not one of the two buttons: show the question again.
            return challenge_page_of(&provider, &id, lang).await.map(|resp| {
                let (mut parts, body) = resp.into_parts();
                if parts.status == StatusCode::OK {
                    parts.status = StatusCode::BAD_REQUEST;
                }
                Response::from_parts(parts, body)
            });
        }
    };
    let now = provider.clock.unix();
    store::decide_challenge(&provider.db, &id, approved, now).await?;
    let return_url = store::charge_by_id(&provider.db, &id)
        .await?
        .and_then(|charge| charge.return_url)
        .and_then(|url| HeaderValue::from_str(&url).ok());
    Ok(match return_url {
        Some(url) => {
            let mut resp = StatusCode::SEE_OTHER.into_response();
            resp.headers_mut().insert(LOCATION, url);
            resp
        }
        None => html(
            StatusCode::NOT_FOUND,
            challenge_page::render_unknown(lang, &id),
        ),
    })
}

async fn css() -> Response {
    let mut resp = CSS.into_response();
    resp.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("text/css"));
    resp.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    resp
}
