//! The wallet (F2): saved payment cards, the main card, the billing address,
//! and the one validation of card fields that the browser and the payment
//! provider's tokenisation both apply.
//!
//! The card number and CVC only ever travel from the browser to the payment
//! provider; our API sees the provider's token and what the provider tells
//! about the card (brand, last 4 digits, expiry, holder).

// Card fields and their one validation (card.rs); the wallet API's bodies
// (api.rs). Re-exported here so the paths stay `crate::wallet::...`.
mod api;
mod card;

pub use api::*;
pub use card::*;
