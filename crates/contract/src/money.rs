//! Money (F1, F3): integer cents with a currency, never floats. Prices are
//! consumer prices INCLUDING VAT (B2C); the VAT rate follows the account's
//! country, in basis points (2100 = 21 %).

use serde::{Deserialize, Serialize};

use crate::Country;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Currency {
    Eur,
}

impl Currency {
    pub fn code(self) -> &'static str {
        match self {
            Currency::Eur => "EUR",
        }
    }
}

/// An amount in cents (may be negative on a credit note).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    pub cents: i64,
    pub currency: Currency,
}

impl Money {
    pub const fn eur(cents: i64) -> Money {
        Money {
            cents,
            currency: Currency::Eur,
        }
    }

    /// `12,34` (Dutch/French) or `12.34` (English) without the symbol;
    /// the sign in front.
    pub fn amount_text(self, decimal_comma: bool) -> String {
        let sign = if self.cents < 0 { "-" } else { "" };
        let abs = self.cents.unsigned_abs();
        let sep = if decimal_comma { ',' } else { '.' };
        format!("{sign}{}{sep}{:02}", abs / 100, abs % 100)
    }
}

/// VAT rate of a country in basis points: BE 21 %, NL 21 %, LU 17 %,
/// FR 20 %, DE 19 %.
pub fn vat_rate_bp(country: Country) -> u32 {
    match country {
        Country::Be | Country::Nl => 2100,
        Country::Lu => 1700,
        Country::Fr => 2000,
        Country::De => 1900,
    }
}

/// A gross amount split into net and VAT.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VatSplit {
    pub net_cents: i64,
    pub vat_cents: i64,
    pub rate_bp: u32,
}

/// `net = gross * 10000 / (10000 + rate)` rounded half-up (away from zero
/// for negative amounts, so a credit note mirrors its invoice), and
/// `vat = gross - net`: net + vat == gross always.
pub fn split_gross(gross_cents: i64, rate_bp: u32) -> VatSplit {
    let num = i128::from(gross_cents.unsigned_abs()) * 10_000;
    let den = 10_000 + i128::from(rate_bp);
    let net_abs = (2 * num + den) / (2 * den);
    let net_abs = i64::try_from(net_abs).unwrap_or(i64::MAX);
    let net = if gross_cents < 0 { -net_abs } else { net_abs };
    VatSplit {
        net_cents: net,
        vat_cents: gross_cents - net,
        rate_bp,
    }
}

/// A rate as text: 2100 -> "21", 550 -> "5.5" / "5,5".
pub fn rate_text(rate_bp: u32, decimal_comma: bool) -> String {
    let whole = rate_bp / 100;
    let frac = rate_bp % 100;
    if frac == 0 {
        whole.to_string()
    } else {
        let sep = if decimal_comma { ',' } else { '.' };
        format!("{whole}{sep}{}", format!("{frac:02}").trim_end_matches('0'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_per_country() {
        assert_eq!(vat_rate_bp(Country::Be), 2100);
        assert_eq!(vat_rate_bp(Country::Nl), 2100);
        assert_eq!(vat_rate_bp(Country::Lu), 1700);
        assert_eq!(vat_rate_bp(Country::Fr), 2000);
        assert_eq!(vat_rate_bp(Country::De), 1900);
    }

    #[test]
    fn split_rounds_half_up_and_adds_up() {
        // 9.99 at 21 %: 8.2562 -> 8.26, VAT 1.73.
        assert_eq!(
            split_gross(999, 2100),
            VatSplit {
                net_cents: 826,
                vat_cents: 173,
                rate_bp: 2100
            }
        );
        // 121.00 at 21 % is exactly 100.00 + 21.00.
        assert_eq!(split_gross(12100, 2100).net_cents, 10000);
        // 0.01 at 21 %: 0.826 cent rounds to 1 cent net, 0 VAT.
        assert_eq!(split_gross(1, 2100).net_cents, 1);
        // 5.85 at 17 % is exactly 5.00 net.
        assert_eq!(split_gross(585, 1700).net_cents, 500);
        for gross in [0, 1, 2, 3, 99, 100, 999, 1234, 99_999, 123_457] {
            for rate in [1700, 1900, 2000, 2100] {
                let s = split_gross(gross, rate);
                assert_eq!(s.net_cents + s.vat_cents, gross);
                let neg = split_gross(-gross, rate);
                assert_eq!(neg.net_cents, -s.net_cents, "credit mirrors invoice");
                assert_eq!(neg.vat_cents, -s.vat_cents);
            }
        }
    }

    #[test]
    fn half_cent_rounds_up() {
        // gross * 10000 / 12000 = x.5 cents: 3 cents at 20 % = 2.5 -> 3.
        assert_eq!(split_gross(3, 2000).net_cents, 3);
        assert_eq!(split_gross(-3, 2000).net_cents, -3);
    }

    #[test]
    fn texts() {
        assert_eq!(Money::eur(123_456).amount_text(true), "1234,56");
        assert_eq!(Money::eur(-5).amount_text(false), "-0.05");
        assert_eq!(rate_text(2100, true), "21");
        assert_eq!(rate_text(550, true), "5,5");
        assert_eq!(
            serde_json::to_string(&Money::eur(999)).unwrap(),
            r#"{"cents":999,"currency":"EUR"}"#
        );
    }
}
