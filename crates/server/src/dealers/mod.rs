//! The dealer directory and the preferred dealer (B2). Without a choice,
//! the dealer nearest to the user's postcode is assigned (postcodes are
//! located roughly: [`crate::geo::locate_postcode`]); where a postcode is
//! not located, no dealer is assigned.

use mijn_lexus_contract::profile::{Dealer, OpeningPeriod, PreferredDealer};
use mijn_lexus_contract::{Country, ErrorCode};
use sqlx::SqlitePool;

use crate::error::{AppError, AppResult};
use crate::geo::{distance_km, fold, locate_postcode};
use crate::state::AppState;

#[derive(sqlx::FromRow)]
struct DealerRow {
    id: i64,
    name: String,
    street: String,
    postcode: String,
    city: String,
    country: String,
    lat: f64,
    lon: f64,
    phone: String,
    email: String,
    opening_hours: String,
}

impl DealerRow {
    fn into_dealer(self) -> Dealer {
        Dealer {
            id: self.id,
            name: self.name,
            street: self.street,
            postcode: self.postcode,
            city: self.city,
            country: Country::from_code(&self.country).unwrap_or(Country::Be),
            lat: self.lat,
            lon: self.lon,
            phone: self.phone,
            email: self.email,
            opening_hours: serde_json::from_str::<Vec<OpeningPeriod>>(&self.opening_hours)
                .unwrap_or_default(),
        }
    }
}

async fn all_dealers(db: &SqlitePool) -> AppResult<Vec<Dealer>> {
    let rows: Vec<DealerRow> = sqlx::query_as(
        "SELECT id, name, street, postcode, city, country, lat, lon, phone, email, opening_hours
         FROM dealers ORDER BY country, name",
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(DealerRow::into_dealer).collect())
}

/// Dealers whose name, town or postcode contains `query` (case and accents
/// ignored); all dealers for an empty query.
pub async fn search(db: &SqlitePool, query: &str) -> AppResult<Vec<Dealer>> {
    let needle = fold(query.trim());
    Ok(all_dealers(db)
        .await?
        .into_iter()
        .filter(|d| {
            needle.is_empty()
                || fold(&d.name).contains(&needle)
                || fold(&d.city).contains(&needle)
                || fold(&d.postcode).starts_with(&needle)
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct HomeRow {
    preferred_dealer_id: Option<i64>,
    postcode: String,
    country: String,
}

/// The user's chosen dealer, or the nearest to their postcode.
pub async fn preferred(state: &AppState, user_id: i64) -> AppResult<PreferredDealer> {
    let home: HomeRow =
        sqlx::query_as("SELECT preferred_dealer_id, postcode, country FROM users WHERE id = ?")
            .bind(user_id)
            .fetch_optional(&state.db)
            .await?
            .ok_or(AppError::Code(ErrorCode::Unauthenticated))?;
    let dealers = all_dealers(&state.db).await?;
    let chosen = home.preferred_dealer_id;
    let home = Country::from_code(&home.country).and_then(|c| locate_postcode(&home.postcode, c));
    if let Some(d) = chosen.and_then(|id| dealers.iter().find(|d| d.id == id)) {
        return Ok(PreferredDealer {
            distance_km: home.map(|h| round1(distance_km(h, (d.lat, d.lon)))),
            dealer: Some(d.clone()),
            assigned: false,
        });
    }
    let nearest = home.and_then(|h| {
        dealers
            .into_iter()
            .map(|d| (distance_km(h, (d.lat, d.lon)), d))
            .min_by(|a, b| a.0.total_cmp(&b.0))
    });
    Ok(match nearest {
        Some((km, d)) => PreferredDealer {
            dealer: Some(d),
            assigned: true,
            distance_km: Some(round1(km)),
        },
        None => PreferredDealer {
            dealer: None,
            assigned: false,
            distance_km: None,
        },
    })
}

fn round1(km: f64) -> f64 {
    (km * 10.0).round() / 10.0
}

/// Chooses a dealer (422 `dealer_unknown` on field `dealer_id`).
pub async fn choose(state: &AppState, user_id: i64, dealer_id: i64) -> AppResult<()> {
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM dealers WHERE id = ?")
        .bind(dealer_id)
        .fetch_optional(&state.db)
        .await?;
    if exists.is_none() {
        return Err(AppError::field("dealer_id", ErrorCode::DealerUnknown));
    }
    sqlx::query("UPDATE users SET preferred_dealer_id = ?, updated_at = ? WHERE id = ?")
        .bind(dealer_id)
        .bind(state.clock.unix())
        .bind(user_id)
        .execute(&state.db)
        .await?;
    Ok(())
}

/// Drops the choice: back to the assigned (nearest) dealer.
pub async fn clear(state: &AppState, user_id: i64) -> AppResult<()> {
    sqlx::query("UPDATE users SET preferred_dealer_id = NULL, updated_at = ? WHERE id = ?")
        .bind(state.clock.unix())
        .bind(user_id)
        .execute(&state.db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(fold("Liège"), "liege");
        assert!(fold("Lexus Liège").contains(&fold("LIEGE")));
    }
}
