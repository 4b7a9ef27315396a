//! Consents (B4): every grant or withdrawal is a new row, so the history
//! is complete; the current state per kind is its latest row.

use mijn_lexus_contract::profile::{ConsentKind, ConsentRecord, ConsentState, Consents};
use sqlx::{SqliteExecutor, SqlitePool};

use crate::clock::from_unix;
use crate::error::AppResult;
use crate::paging::{self, PageQuery};

/// History page size: default and maximum.
pub const CONSENT_PAGE: (u32, u32) = (50, 200);

/// One recorded choice.
pub struct ConsentChange<'a> {
    pub user_id: i64,
    pub kind: ConsentKind,
    pub granted: bool,
    pub user_agent: Option<&'a str>,
    /// Where the choice was made: `registration`, `profile`, `demo-seed`.
    pub source: &'a str,
    pub at: i64,
}

pub async fn record(conn: impl SqliteExecutor<'_>, c: &ConsentChange<'_>) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO consents (user_id, kind, granted, recorded_at, user_agent, source)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(c.user_id)
    .bind(c.kind.code())
    .bind(c.granted)
    .bind(c.at)
    .bind(c.user_agent)
    .bind(c.source)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct ConsentRow {
    id: i64,
    kind: String,
    granted: bool,
    recorded_at: i64,
    user_agent: Option<String>,
    source: String,
}

#[derive(sqlx::FromRow)]
struct LatestRow {
    kind: String,
    granted: bool,
    recorded_at: i64,
}

/// The current state per kind and one page of the history, newest first.
pub async fn consents(db: &SqlitePool, user_id: i64, page: &PageQuery) -> AppResult<Consents> {
    let size = page.size(CONSENT_PAGE.0, CONSENT_PAGE.1);
    let rows: Vec<ConsentRow> = sqlx::query_as(
        "SELECT id, kind, granted, recorded_at, user_agent, source FROM consents
         WHERE user_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
    )
    .bind(user_id)
    .bind(page.before())
    .bind(i64::from(size) + 1)
    .fetch_all(db)
    .await?;
    let (rows, next_before_id) = paging::split(rows, size, |r| r.id);
    let history: Vec<ConsentRecord> = rows
        .into_iter()
        .filter_map(|r| {
            Some(ConsentRecord {
                kind: ConsentKind::from_code(&r.kind)?,
                granted: r.granted,
                recorded_at: from_unix(r.recorded_at),
                user_agent: r.user_agent,
                source: r.source,
            })
        })
        .collect();
    // The latest row per kind, whatever page was asked for.
    let latest: Vec<LatestRow> = sqlx::query_as(
        "SELECT c.kind, c.granted, c.recorded_at FROM consents c
         WHERE c.user_id = ?1 AND c.id = (SELECT MAX(id) FROM consents WHERE user_id = ?1 AND kind = c.kind)",
    )
    .bind(user_id)
    .fetch_all(db)
    .await?;
    let current = ConsentKind::ALL
        .into_iter()
        .map(|kind| {
            let last = latest.iter().find(|r| r.kind == kind.code());
            ConsentState {
                kind,
                granted: last.is_some_and(|r| r.granted),
                since: last.map(|r| from_unix(r.recorded_at)),
            }
        })
        .collect();
    Ok(Consents {
        current,
        history,
        next_before_id,
    })
}
