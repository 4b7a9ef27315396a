//! GET /api/dev/outbox?to=addr (only with --dev): the mails the server
//! wrote to its outbox, oldest first.

use axum::extract::{Query, State};
use axum::Json;
use chrono::{DateTime, SecondsFormat};
use serde::{Deserialize, Serialize};

use crate::error::AppResult;
use crate::state::AppState;

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
    let rows: Vec<(i64, String, String, String, i64)> =
        match q.to.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            Some(to) => {
                sqlx::query_as(
                    "SELECT id, to_address, subject, body_text, created_at FROM outbox
                 WHERE to_address = ? ORDER BY id",
                )
                .bind(to.to_lowercase())
                .fetch_all(&state.db)
                .await?
            }
            None => {
                sqlx::query_as(
                    "SELECT id, to_address, subject, body_text, created_at FROM outbox ORDER BY id",
                )
                .fetch_all(&state.db)
                .await?
            }
        };
    let messages = rows
        .into_iter()
        .map(|(id, to, subject, body_text, created_at)| OutboxMessage {
            id,
            to,
            subject,
            body_text,
            created_at: DateTime::from_timestamp(created_at, 0)
                .unwrap_or_default()
                .to_rfc3339_opts(SecondsFormat::Secs, true),
        })
        .collect();
    Ok(Json(Outbox { messages }))
}
