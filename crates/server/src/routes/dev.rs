//! GET /api/dev/outbox?to=addr (only with --dev): the mails the server
//! wrote to its outbox, oldest first.

use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use chrono::SecondsFormat;
use mijn_lexus_contract::routes::DEV_OUTBOX;
use serde::{Deserialize, Serialize};

use crate::clock::from_unix;
use crate::error::AppResult;
use crate::mail;
use crate::state::AppState;

/// Mounted only in development mode (see `app::router`).
pub fn router() -> Router<AppState> {
    Router::new().route(DEV_OUTBOX, get(outbox))
}

#[derive(Debug, Deserialize)]
pub struct OutboxQuery {
    to: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct OutboxMessage {
    pub id: i64,
    pub to: String,
    pub subject: String,
    pub body_text: String,
    /// RFC 3339, UTC.
    pub created_at: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Outbox {
    pub messages: Vec<OutboxMessage>,
}

pub async fn outbox(
    State(state): State<AppState>,
    Query(q): Query<OutboxQuery>,
) -> AppResult<Json<Outbox>> {
    let to = q.to.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let messages = mail::outbox(&state.db, to)
        .await?
        .into_iter()
        .map(|m| OutboxMessage {
            id: m.id,
            to: m.to_address,
            subject: m.subject,
            body_text: m.body_text,
            created_at: from_unix(m.created_at).to_rfc3339_opts(SecondsFormat::Secs, true),
        })
        .collect();
    Ok(Json(Outbox { messages }))
}
