//! The wallet (F2): saved payment cards, the main card, the billing address,
//! and the one validation of card fields that the browser and the payment
//! provider's tokenisation both apply.
//!
//! The card number and CVC only ever travel from the browser to the payment
//! provider; our API sees the provider's token and what the provider tells
//! about the card (brand, last 4 digits, expiry, holder).

use serde::{Deserialize, Serialize};

/// The card schemes we accept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardBrand {
    Visa,
    Mastercard,
}

impl CardBrand {
    pub fn as_str(self) -> &'static str {
        match self {
            CardBrand::Visa => "visa",
            CardBrand::Mastercard => "mastercard",
        }
    }

    pub fn parse(s: &str) -> Option<CardBrand> {
        match s {
            "visa" => Some(CardBrand::Visa),
            "mastercard" => Some(CardBrand::Mastercard),
            _ => None,
        }
    }
}

/// Credit, debit or prepaid, as the card's issuer says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardFunding {
    Credit,
    Debit,
    Prepaid,
}

impl CardFunding {
    pub fn as_str(self) -> &'static str {
        match self {
            CardFunding::Credit => "credit",
            CardFunding::Debit => "debit",
            CardFunding::Prepaid => "prepaid",
        }
    }

    pub fn parse(s: &str) -> Option<CardFunding> {
        match s {
            "credit" => Some(CardFunding::Credit),
            "debit" => Some(CardFunding::Debit),
            "prepaid" => Some(CardFunding::Prepaid),
            _ => None,
        }
    }
}
