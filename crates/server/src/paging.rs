//! Paging of lists that grow without bound (consent history, service
//! requests, invitations): `?limit=` (clamped to a maximum) and
//! `?before_id=` (the `next_before_id` of the previous page), newest first.
//! Trips page on their start time instead (`?before=`, unique per vehicle,
//! so the pages follow the date order even for trips that arrived late),
//! with the same [`split`].

use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    pub limit: Option<u32>,
    pub before_id: Option<i64>,
}

impl PageQuery {
    /// The page size: `limit`, or `default`, at most `max`.
    pub fn size(&self, default: u32, max: u32) -> u32 {
        self.limit.unwrap_or(default).clamp(1, max)
    }

    /// The cursor to bind in `id < ?` (all rows when absent).
    pub fn before(&self) -> i64 {
        self.before_id.unwrap_or(i64::MAX)
    }
}

/// Rows fetched with `LIMIT size + 1`: the first `size` of them, and the
/// cursor of the next page when there was one more.
pub fn split<T>(mut rows: Vec<T>, size: u32, id: impl Fn(&T) -> i64) -> (Vec<T>, Option<i64>) {
    let size = size as usize;
    if rows.len() <= size {
        return (rows, None);
    }
    rows.truncate(size);
    let next = rows.last().map(id);
    (rows, next)
}
