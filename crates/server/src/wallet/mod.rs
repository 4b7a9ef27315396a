//! The wallet (F2): saved payment cards, one main card, the billing address.
//!
//! A card comes in as the payment provider's token only; the provider tells
//! brand, last 4, expiry, holder and fingerprint ([`PaymentProvider::card`]).
//! The same card added twice (same fingerprint) is one card. Services charge
//! the main card ([`main_card`]). Every lookup is by (user, public id):
//! another user's card is "not found".
//!
//! [`PaymentProvider::card`]: crate::payments::PaymentProvider::card

mod cards;

pub use cards::{add_card, make_main, remove_card, AddedCard};

use chrono::{DateTime, Utc};
use mijn_lexus_contract::trips::brussels;
use mijn_lexus_contract::wallet::{
    card_expired, BillingAddress, CardBrand, CardFunding, PaymentCard, Wallet,
};
use mijn_lexus_contract::{Country, ErrorCode};
use sqlx::{FromRow, SqlitePool};

use crate::clock::from_unix;
use crate::error::{AppError, AppResult};

/// A saved card as the server uses it (with the provider's reference,
/// which never leaves the server).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WalletCard {
    pub id: i64,
    pub public_id: String,
    /// What [`crate::payments::ChargeRequest::provider_token`] takes.
    pub provider_token: String,
    pub brand: CardBrand,
    pub funding: CardFunding,
    pub last4: String,
    pub exp_month: u32,
    pub exp_year: i32,
    pub holder: String,
    pub is_main: bool,
    pub created_at: DateTime<Utc>,
}

impl WalletCard {
    /// Past its expiry month on `now` (Brussels date).
    pub fn expired(&self, now: DateTime<Utc>) -> bool {
        card_expired(self.exp_month, self.exp_year, brussels::date(now))
    }

    pub fn to_payment_card(&self, now: DateTime<Utc>) -> PaymentCard {
        PaymentCard {
            id: self.public_id.clone(),
            brand: self.brand,
            funding: self.funding,
            last4: self.last4.clone(),
            exp_month: self.exp_month,
            exp_year: self.exp_year,
            holder: self.holder.clone(),
            is_main: self.is_main,
            expired: self.expired(now),
            created_at: self.created_at,
        }
    }
}

#[derive(FromRow)]
struct CardRow {
    id: i64,
    public_id: String,
    provider_token: String,
    brand: String,
    funding: String,
    last4: String,
    exp_month: u32,
    exp_year: i32,
    holder: String,
    is_main: bool,
    created_at: i64,
    billing_street: String,
    billing_house_number: String,
    billing_box_number: String,
    billing_postcode: String,
    billing_city: String,
    billing_country: String,
}

const CARD_COLUMNS: &str = "id, public_id, provider_token, brand, funding, last4, exp_month, \
     exp_year, holder, is_main, created_at, billing_street, billing_house_number, \
     billing_box_number, billing_postcode, billing_city, billing_country";

impl CardRow {
    fn card(&self) -> WalletCard {
        WalletCard {
            id: self.id,
            public_id: self.public_id.clone(),
            provider_token: self.provider_token.clone(),
            brand: CardBrand::parse(&self.brand).unwrap_or(CardBrand::Visa),
            funding: CardFunding::parse(&self.funding).unwrap_or(CardFunding::Credit),
            last4: self.last4.clone(),
            exp_month: self.exp_month,
            exp_year: self.exp_year,
            holder: self.holder.clone(),
            is_main: self.is_main,
            created_at: from_unix(self.created_at),
        }
    }

    fn billing_address(&self) -> BillingAddress {
        BillingAddress {
            street: self.billing_street.clone(),
            house_number: self.billing_house_number.clone(),
            box_number: self.billing_box_number.clone(),
            postcode: self.billing_postcode.clone(),
            city: self.billing_city.clone(),
            country: Country::from_code(&self.billing_country).unwrap_or(Country::Be),
        }
    }
}

/// The user's cards: the main card first, then the newest first.
async fn card_rows(db: &SqlitePool, user_id: i64) -> sqlx::Result<Vec<CardRow>> {
    sqlx::query_as(&format!(
        "SELECT {CARD_COLUMNS} FROM payment_cards WHERE user_id = ?
          ORDER BY is_main DESC, created_at DESC, id DESC"
    ))
    .bind(user_id)
    .fetch_all(db)
    .await
}

/// The user's cards, the main card first.
pub async fn cards(db: &SqlitePool, user_id: i64) -> AppResult<Vec<WalletCard>> {
    Ok(card_rows(db, user_id)
        .await?
        .iter()
        .map(CardRow::card)
        .collect())
}

/// The card services charge; None while the wallet is empty.
pub async fn main_card(db: &SqlitePool, user_id: i64) -> AppResult<Option<WalletCard>> {
    let row: Option<CardRow> = sqlx::query_as(&format!(
        "SELECT {CARD_COLUMNS} FROM payment_cards WHERE user_id = ? AND is_main = 1"
    ))
    .bind(user_id)
    .fetch_optional(db)
    .await?;
    Ok(row.as_ref().map(CardRow::card))
}

/// One of the user's cards by its public id; None for an unknown id and
/// for another user's card alike.
pub async fn card_by_public_id(
    db: &SqlitePool,
    user_id: i64,
    public_id: &str,
) -> AppResult<Option<WalletCard>> {
    let row: Option<CardRow> = sqlx::query_as(&format!(
        "SELECT {CARD_COLUMNS} FROM payment_cards WHERE user_id = ? AND public_id = ?"
    ))
    .bind(user_id)
    .bind(public_id)
    .fetch_optional(db)
    .await?;
    Ok(row.as_ref().map(CardRow::card))
}

/// The wallet's billing address (the invoices' buyer address); None before
/// the first card.
pub async fn billing_address(db: &SqlitePool, user_id: i64) -> AppResult<Option<BillingAddress>> {
    let row: Option<CardRow> = sqlx::query_as(&format!(
        "SELECT {CARD_COLUMNS} FROM payment_cards WHERE user_id = ?
          ORDER BY is_main DESC LIMIT 1"
    ))
    .bind(user_id)
    .fetch_optional(db)
    .await?;
    Ok(row.as_ref().map(CardRow::billing_address))
}

/// The wallet as the SPA shows it.
pub async fn wallet(db: &SqlitePool, user_id: i64, now: DateTime<Utc>) -> AppResult<Wallet> {
    let rows = card_rows(db, user_id).await?;
    Ok(Wallet {
        cards: rows.iter().map(|r| r.card().to_payment_card(now)).collect(),
        billing_address: rows.first().map(CardRow::billing_address),
    })
}

/// The account's country: the billing address must be in it.
async fn account_country(db: &SqlitePool, user_id: i64) -> AppResult<Country> {
    let code: Option<String> = sqlx::query_scalar("SELECT country FROM users WHERE id = ?")
        .bind(user_id)
        .fetch_optional(db)
        .await?;
    code.as_deref()
        .and_then(Country::from_code)
        .ok_or(AppError::Code(ErrorCode::NotFound))
}

/// Checks `address` against the account's country.
async fn valid_billing_address(
    db: &SqlitePool,
    user_id: i64,
    address: &BillingAddress,
) -> AppResult<BillingAddress> {
    let country = account_country(db, user_id).await?;
    address.validate(country).map_err(AppError::Validation)
}

/// Writes the billing address onto every card of the user (it is one per
/// wallet; the provider registers it with each card).
async fn write_billing_address(
    conn: &mut sqlx::SqliteConnection,
    user_id: i64,
    address: &BillingAddress,
) -> sqlx::Result<u64> {
    Ok(sqlx::query(
        "UPDATE payment_cards SET billing_street = ?, billing_house_number = ?,
                billing_box_number = ?, billing_postcode = ?, billing_city = ?, billing_country = ?
          WHERE user_id = ?",
    )
    .bind(&address.street)
    .bind(&address.house_number)
    .bind(&address.box_number)
    .bind(&address.postcode)
    .bind(&address.city)
    .bind(address.country.code())
    .bind(user_id)
    .execute(conn)
    .await?
    .rows_affected())
}

/// `PUT /wallet/billing-address`: the wallet's billing address, in the
/// account's country. An empty wallet has none to change (not found).
pub async fn set_billing_address(
    db: &SqlitePool,
    user_id: i64,
    address: &BillingAddress,
) -> AppResult<()> {
    let address = valid_billing_address(db, user_id, address).await?;
    let mut conn = db.acquire().await?;
    if write_billing_address(&mut conn, user_id, &address).await? == 0 {
        return Err(AppError::Code(ErrorCode::NotFound));
    }
    Ok(())
}
