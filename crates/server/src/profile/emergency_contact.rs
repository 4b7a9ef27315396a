//! The emergency contact (B3): at most one per user.

use mijn_lexus_contract::profile::{EmergencyContact, EmergencyContactState};
use sqlx::SqlitePool;

use crate::error::AppResult;

#[derive(sqlx::FromRow)]
struct ContactRow {
    name: String,
    relation: String,
    phone: String,
}

pub async fn get(db: &SqlitePool, user_id: i64) -> AppResult<EmergencyContactState> {
    let row: Option<ContactRow> =
        sqlx::query_as("SELECT name, relation, phone FROM emergency_contacts WHERE user_id = ?")
            .bind(user_id)
            .fetch_optional(db)
            .await?;
    Ok(EmergencyContactState {
        contact: row.map(|r| EmergencyContact {
            name: r.name,
            relation: r.relation,
            phone: r.phone,
        }),
    })
}

/// Sets or replaces the contact (validated by the caller).
pub async fn put(db: &SqlitePool, user_id: i64, c: &EmergencyContact, now: i64) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO emergency_contacts (user_id, name, relation, phone, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (user_id) DO UPDATE SET name = ?2, relation = ?3, phone = ?4, updated_at = ?5",
    )
    .bind(user_id)
    .bind(&c.name)
    .bind(&c.relation)
    .bind(&c.phone)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn delete(db: &SqlitePool, user_id: i64) -> AppResult<()> {
    sqlx::query("DELETE FROM emergency_contacts WHERE user_id = ?")
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(())
}
