//! The wallet API's bodies: what our API takes and answers (never card
//! fields, only the provider's token and what it tells about the card).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{CardBrand, CardFunding};
use crate::profile::{
    Postcode, BOX_MAX_CHARS, CITY_MAX_CHARS, HOUSE_NUMBER_MAX_CHARS, STREET_MAX_CHARS,
};
use crate::{Country, ErrorCode, FieldError};

/// The provider's answer to a tokenisation (`POST /sandbox-pay/v1/tokens`):
/// a single-use token for our API and what to show meanwhile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardToken {
    pub token: String,
    pub brand: CardBrand,
    pub last4: String,
    pub exp_month: u32,
    pub exp_year: i32,
}

/// `GET /wallet/provider`: where the browser sends card fields (the payment
/// provider's tokenisation endpoint) and the provider's publishable key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardProvider {
    /// POST `CardDetails` here with `Authorization: Bearer {publishable_key}`.
    pub tokens_url: String,
    pub publishable_key: String,
}

/// The wallet's billing address (one per account, the invoices' buyer
/// address). Its country must be the account's country.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BillingAddress {
    pub street: String,
    pub house_number: String,
    #[serde(default)]
    pub box_number: String,
    pub postcode: String,
    pub city: String,
    pub country: Country,
}

impl BillingAddress {
    /// Trimmed and normalised (postcode in its written form), or every field
    /// problem (prefix `billing_address.`); the country must be `account_country`.
    pub fn validate(&self, account_country: Country) -> Result<BillingAddress, Vec<FieldError>> {
        let mut errors = Vec::new();
        let field = |name: &str| format!("billing_address.{name}");
        let mut text = |name: &str, raw: &str, max: usize, required: bool| {
            let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
            if required && s.is_empty() {
                errors.push(FieldError::new(&field(name), ErrorCode::Required));
            } else if s.chars().count() > max {
                errors.push(FieldError::new(&field(name), ErrorCode::TooLong));
            }
            s
        };
        let street = text("street", &self.street, STREET_MAX_CHARS, true);
        let house_number = text(
            "house_number",
            &self.house_number,
            HOUSE_NUMBER_MAX_CHARS,
            true,
        );
        let box_number = text("box_number", &self.box_number, BOX_MAX_CHARS, false);
        let city = text("city", &self.city, CITY_MAX_CHARS, true);
        let postcode = Postcode::parse(&self.postcode, self.country)
            .map_err(|code| errors.push(FieldError::new(&field("postcode"), code)));
        if self.country != account_country {
            errors.push(FieldError::new(
                &field("country"),
                ErrorCode::BillingCountryMismatch,
            ));
        }
        match postcode {
            Ok(postcode) if errors.is_empty() => Ok(BillingAddress {
                street,
                house_number,
                box_number,
                postcode: postcode.into_string(),
                city,
                country: self.country,
            }),
            _ => Err(errors),
        }
    }
}

/// `POST /wallet/cards`: the provider's token (never card fields), the
/// billing address, and whether the card becomes the main card (the first
/// card always does).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddCardRequest {
    pub token: String,
    pub billing_address: BillingAddress,
    #[serde(default)]
    pub make_main: bool,
}

/// A saved card as the wallet shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentCard {
    pub id: String,
    pub brand: CardBrand,
    pub funding: CardFunding,
    pub last4: String,
    pub exp_month: u32,
    pub exp_year: i32,
    pub holder: String,
    pub is_main: bool,
    /// Past its expiry month (today in Europe/Brussels).
    pub expired: bool,
    pub created_at: DateTime<Utc>,
}

/// `GET /wallet/cards`: the cards (main card first, then newest first) and
/// the billing address (none before the first card).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wallet {
    pub cards: Vec<PaymentCard>,
    pub billing_address: Option<BillingAddress>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn billing_country_must_be_the_account_country() {
        let address = BillingAddress {
            street: " Wetstraat ".into(),
            house_number: "16".into(),
            box_number: String::new(),
            postcode: "1000".into(),
            city: "Brussel".into(),
            country: Country::Be,
        };
        assert_eq!(address.validate(Country::Be).unwrap().street, "Wetstraat");
        let e = address.validate(Country::Nl).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(
            (e[0].field.as_str(), e[0].code),
            ("billing_address.country", ErrorCode::BillingCountryMismatch)
        );
        let bad = BillingAddress {
            postcode: "0999".into(),
            city: String::new(),
            ..address
        };
        let fields: Vec<_> = bad
            .validate(Country::Be)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["billing_address.city", "billing_address.postcode"]);
    }
}
