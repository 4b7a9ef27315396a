//! Who accepted which version of the terms and the privacy policy, in which
//! language and when (A1, A4). Earlier acceptances are kept.

use mijn_lexus_contract::legal::LegalKind;
use mijn_lexus_contract::profile::{AcceptedDocument, PendingLegal};
use mijn_lexus_contract::Language;
use sqlx::{SqliteExecutor, SqlitePool};

use crate::clock::from_unix;
use crate::error::AppResult;
use crate::state::AppState;

/// One accepted version.
pub struct Acceptance<'a> {
    pub user_id: i64,
    pub kind: LegalKind,
    pub version: u32,
    /// The language of the text that was shown.
    pub language: Language,
    pub user_agent: Option<&'a str>,
    pub at: i64,
}

pub async fn record(conn: impl SqliteExecutor<'_>, a: &Acceptance<'_>) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO legal_acceptances (user_id, kind, version, language, accepted_at, user_agent)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(a.user_id)
    .bind(a.kind.slug())
    .bind(a.version)
    .bind(a.language.code())
    .bind(a.at)
    .bind(a.user_agent)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct HighestRow {
    kind: String,
    version: i64,
}

/// The highest accepted version per kind.
pub async fn accepted_versions(db: &SqlitePool, user_id: i64) -> AppResult<Vec<(LegalKind, u32)>> {
    let rows: Vec<HighestRow> = sqlx::query_as(
        "SELECT kind, MAX(version) AS version FROM legal_acceptances WHERE user_id = ? GROUP BY kind",
    )
    .bind(user_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some((
                LegalKind::from_slug(&r.kind)?,
                u32::try_from(r.version).ok()?,
            ))
        })
        .collect())
}

/// What the user must accept before going on (A4).
pub async fn pending_legal(state: &AppState, user_id: i64) -> AppResult<Vec<PendingLegal>> {
    let accepted = accepted_versions(&state.db, user_id).await?;
    Ok(state
        .legal
        .pending(&accepted, state.clock.now().date_naive()))
}

#[derive(sqlx::FromRow)]
struct AcceptanceRow {
    kind: String,
    version: i64,
    language: String,
    accepted_at: i64,
    user_agent: Option<String>,
}

/// Every acceptance of the user, oldest first.
pub async fn accepted_documents(db: &SqlitePool, user_id: i64) -> AppResult<Vec<AcceptedDocument>> {
    let rows: Vec<AcceptanceRow> = sqlx::query_as(
        "SELECT kind, version, language, accepted_at, user_agent FROM legal_acceptances
         WHERE user_id = ? ORDER BY accepted_at, id",
    )
    .bind(user_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(AcceptedDocument {
                kind: LegalKind::from_slug(&r.kind)?,
                version: u32::try_from(r.version).ok()?,
                language: Language::from_code(&r.language)?,
                accepted_at: from_unix(r.accepted_at),
                user_agent: r.user_agent,
            })
        })
        .collect())
}
