//! GET /api/legal/{kind} (current version) and /api/legal/{kind}/{version}.

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::routing::get;
use axum::{Json, Router};
use mijn_lexus_contract::legal::{LegalDocument, LegalKind};
use mijn_lexus_contract::routes::LEGAL;
use mijn_lexus_contract::{ErrorCode, Language};
use serde::Deserialize;

use crate::error::{AppError, AppResult};
use crate::security::session::request_language;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(&format!("{LEGAL}/{{kind}}"), get(current))
        .route(&format!("{LEGAL}/{{kind}}/{{version}}"), get(version))
}

#[derive(Debug, Deserialize)]
pub struct LangQuery {
    lang: Option<String>,
}

fn language(q: &LangQuery, headers: &HeaderMap) -> Language {
    q.lang
        .as_deref()
        .and_then(Language::from_code)
        .unwrap_or_else(|| request_language(headers))
}

fn kind(slug: &str) -> AppResult<LegalKind> {
    LegalKind::from_slug(slug).ok_or(AppError::Code(ErrorCode::NotFound))
}

pub async fn current(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> AppResult<Json<LegalDocument>> {
    let kind = kind(&slug)?;
    let version = state
        .legal
        .current_version(kind, state.clock.now().date_naive())
        .ok_or(AppError::Code(ErrorCode::NotFound))?;
    let doc = state.legal.get(kind, version, language(&q, &headers));
    doc.map(Json).ok_or(AppError::Code(ErrorCode::NotFound))
}

pub async fn version(
    State(state): State<AppState>,
    Path((slug, version)): Path<(String, String)>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> AppResult<Json<LegalDocument>> {
    let kind = kind(&slug)?;
    let version: u32 = version
        .parse()
        .map_err(|_| AppError::Code(ErrorCode::NotFound))?;
    let doc = state.legal.get(kind, version, language(&q, &headers));
    doc.map(Json).ok_or(AppError::Code(ErrorCode::NotFound))
}
