//! Card fields as the browser sends them to the payment provider, and the
//! one check of them (browser and provider alike).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::validation::PersonName;
use crate::{ErrorCode, FieldError};

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

/// The card fields the browser sends to the payment provider's tokenisation
/// endpoint (never to our API). `Debug` hides the number and the CVC.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardDetails {
    /// Digits, spaces allowed (`4242 4242 4242 4242`).
    pub number: String,
    pub exp_month: u32,
    /// Four digits (two are read as 20yy).
    pub exp_year: u32,
    pub cvc: String,
    pub holder: String,
}

impl std::fmt::Debug for CardDetails {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CardDetails")
            .field("number", &"[hidden]")
            .field("exp_month", &self.exp_month)
            .field("exp_year", &self.exp_year)
            .field("cvc", &"[hidden]")
            .field("holder", &self.holder)
            .finish()
    }
}

/// Card fields that passed [`validate_card`]. The CVC is dropped: it was
/// checked for its form, nobody keeps it. `Debug` hides the number.
#[derive(Clone, PartialEq, Eq)]
pub struct ValidCard {
    /// Digits only.
    pub number: String,
    pub brand: CardBrand,
    pub exp_month: u32,
    pub exp_year: i32,
    pub holder: String,
}

impl ValidCard {
    pub fn last4(&self) -> &str {
        &self.number[self.number.len() - 4..]
    }
}

impl std::fmt::Debug for ValidCard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ValidCard")
            .field("last4", &self.last4())
            .field("brand", &self.brand)
            .field("exp_month", &self.exp_month)
            .field("exp_year", &self.exp_year)
            .finish_non_exhaustive()
    }
}

/// Years ahead an expiry date may lie (cards run 3-5 years; more is a typo).
pub const EXPIRY_MAX_YEARS_AHEAD: i32 = 20;

/// The one check of card fields, in the browser and at the provider: the
/// number (digits and spaces, 12-19 digits, Visa or Mastercard, Luhn), the
/// expiry (month 1-12, not before this month), the CVC (three digits), the
/// holder's name. Every problem of every field at once.
pub fn validate_card(card: &CardDetails, today: NaiveDate) -> Result<ValidCard, Vec<FieldError>> {
    let mut errors = Vec::new();
    let number =
        card_number(&card.number).map_err(|code| errors.push(FieldError::new("number", code)));
    let expiry = card_expiry(card.exp_month, card.exp_year, today)
        .map_err(|(field, code)| errors.push(FieldError::new(field, code)));
    let cvc = card.cvc.trim();
    if cvc.is_empty() {
        errors.push(FieldError::new("cvc", ErrorCode::Required));
    } else if !(cvc.len() == 3 && cvc.bytes().all(|b| b.is_ascii_digit())) {
        errors.push(FieldError::new("cvc", ErrorCode::CvcInvalid));
    }
    let holder = PersonName::parse(&card.holder)
        .map_err(|code| errors.push(FieldError::new("holder", code)));
    match (number, expiry, holder) {
        (Ok((number, brand)), Ok((exp_month, exp_year)), Ok(holder)) if errors.is_empty() => {
            Ok(ValidCard {
                number,
                brand,
                exp_month,
                exp_year,
                holder: holder.into_string(),
            })
        }
        _ => Err(errors),
    }
}

/// The digits of a card number and its brand.
fn card_number(raw: &str) -> Result<(String, CardBrand), ErrorCode> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(ErrorCode::Required);
    }
    if !raw.chars().all(|c| c.is_ascii_digit() || c == ' ') {
        return Err(ErrorCode::CardNumberInvalid);
    }
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    if !(12..=19).contains(&digits.len()) {
        return Err(ErrorCode::CardNumberInvalid);
    }
    let brand = card_brand(&digits).ok_or(ErrorCode::CardBrandUnsupported)?;
    let length_ok = match brand {
        CardBrand::Visa => matches!(digits.len(), 13 | 16 | 19),
        CardBrand::Mastercard => digits.len() == 16,
    };
    if !length_ok || !luhn_valid(&digits) {
        return Err(ErrorCode::CardNumberInvalid);
    }
    Ok((digits, brand))
}

/// Visa: starts with 4. Mastercard: 51-55 or 2221-2720.
pub fn card_brand(digits: &str) -> Option<CardBrand> {
    let prefix = |n: usize| digits.get(..n).and_then(|p| p.parse::<u32>().ok());
    if digits.starts_with('4') {
        Some(CardBrand::Visa)
    } else if prefix(2).is_some_and(|p| (51..=55).contains(&p))
        || prefix(4).is_some_and(|p| (2221..=2720).contains(&p))
    {
        Some(CardBrand::Mastercard)
    } else {
        None
    }
}

/// The Luhn (mod 10) check digit test of a string of ASCII digits.
pub fn luhn_valid(digits: &str) -> bool {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let d = d * 2;
                if d > 9 {
                    d - 9
                } else {
                    d
                }
            } else {
                d
            }
        })
        .sum();
    // `is_multiple_of` needs Rust 1.87; the workspace's minimum is 1.85.
    #[allow(clippy::manual_is_multiple_of)]
    let valid = sum % 10 == 0;
    valid
}

/// Month and four-digit year; the card is valid through its expiry month.
fn card_expiry(
    month: u32,
    year: u32,
    today: NaiveDate,
) -> Result<(u32, i32), (&'static str, ErrorCode)> {
    if !(1..=12).contains(&month) {
        return Err(("exp_month", ErrorCode::CardExpiryInvalid));
    }
    let year = match year {
        0..=99 => 2000 + year as i32,
        2000..=2199 => year as i32,
        _ => return Err(("exp_year", ErrorCode::CardExpiryInvalid)),
    };
    if year > today.year() + EXPIRY_MAX_YEARS_AHEAD {
        return Err(("exp_year", ErrorCode::CardExpiryInvalid));
    }
    if card_expired(month, year, today) {
        return Err(("exp_year", ErrorCode::CardExpired));
    }
    Ok((month, year))
}

/// An expiry date as people copy it from their card: `MM/YY`, also
/// `MM/YYYY`, `MM-YY` or `MMYY`, spaces allowed -> (month, year as typed).
/// Whether that date exists and is not past is [`validate_card`]'s to say.
pub fn parse_expiry(raw: &str) -> Result<(u32, u32), ErrorCode> {
    let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() {
        return Err(ErrorCode::Required);
    }
    // ASCII only: the split by length below must not cut a character.
    if !compact.is_ascii() {
        return Err(ErrorCode::CardExpiryInvalid);
    }
    let (month, year) = match compact.split_once(['/', '-']) {
        Some(parts) => parts,
        None if matches!(compact.len(), 4 | 6) => compact.split_at(2),
        None => return Err(ErrorCode::CardExpiryInvalid),
    };
    let number = |s: &str, lengths: &[usize]| -> Option<u32> {
        if lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    match (number(month, &[1, 2]), number(year, &[2, 4])) {
        (Some(month), Some(year)) => Ok((month, year)),
        _ => Err(ErrorCode::CardExpiryInvalid),
    }
}

/// Whether a card valid through `month`/`year` has expired on `today`.
pub fn card_expired(month: u32, year: i32, today: NaiveDate) -> bool {
    (year, month) < (today.year(), today.month())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_dates_as_typed() {
        for (typed, expected) in [
            ("08/29", Ok((8, 29))),
            (" 8 / 2029 ", Ok((8, 2029))),
            ("08-29", Ok((8, 29))),
            ("0829", Ok((8, 29))),
            ("082029", Ok((8, 2029))),
            ("", Err(ErrorCode::Required)),
            ("  ", Err(ErrorCode::Required)),
            ("8/9", Err(ErrorCode::CardExpiryInvalid)),
            ("829", Err(ErrorCode::CardExpiryInvalid)),
            ("ab/cd", Err(ErrorCode::CardExpiryInvalid)),
            ("08/", Err(ErrorCode::CardExpiryInvalid)),
            ("/29", Err(ErrorCode::CardExpiryInvalid)),
            ("08/29/30", Err(ErrorCode::CardExpiryInvalid)),
            ("é829", Err(ErrorCode::CardExpiryInvalid)),
            ("0é29", Err(ErrorCode::CardExpiryInvalid)),
            ("99999999999/29", Err(ErrorCode::CardExpiryInvalid)),
        ] {
            assert_eq!(parse_expiry(typed), expected, "{typed:?}");
        }
        // Month 13 parses; validate_card refuses it.
        assert_eq!(parse_expiry("13/29"), Ok((13, 29)));
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
    }

    fn details(number: &str, month: u32, year: u32, cvc: &str) -> CardDetails {
        CardDetails {
            number: number.into(),
            exp_month: month,
            exp_year: year,
            cvc: cvc.into(),
            holder: "Jan de Vries".into(),
        }
    }

    fn codes(r: Result<ValidCard, Vec<FieldError>>) -> Vec<(String, ErrorCode)> {
        r.unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn the_test_cards_are_valid_with_their_brand() {
        for (number, brand) in [
            ("4242 4242 4242 4242", CardBrand::Visa),
            ("5555555555554444", CardBrand::Mastercard),
            ("2223 0031 2200 3222", CardBrand::Mastercard),
            ("4000 0000 0000 0002", CardBrand::Visa),
            ("4000 0000 0000 9995", CardBrand::Visa),
            ("4000 0000 0000 0069", CardBrand::Visa),
            ("4000 0025 0000 3155", CardBrand::Visa),
            ("4000 0000 0000 0341", CardBrand::Visa),
        ] {
            let card = validate_card(&details(number, 12, 2026, "123"), today()).unwrap();
            assert_eq!(card.brand, brand, "{number}");
            assert_eq!(card.number, number.replace(' ', ""));
            assert_eq!(card.last4(), &number[number.len() - 4..]);
        }
    }

    #[test]
    fn number_rules() {
        let check = |n: &str| codes(validate_card(&details(n, 1, 2030, "123"), today()));
        assert_eq!(
            check("4242 4242 4242 4241"),
            [("number".into(), ErrorCode::CardNumberInvalid)]
        );
        assert_eq!(
            check("4242-4242-4242-4242"),
            [("number".into(), ErrorCode::CardNumberInvalid)]
        );
        assert_eq!(
            check("42424242"),
            [("number".into(), ErrorCode::CardNumberInvalid)]
        );
        // American Express (Luhn-valid) and Discover are not accepted.
        assert_eq!(
            check("3782 822463 10005"),
            [("number".into(), ErrorCode::CardBrandUnsupported)]
        );
        assert_eq!(
            check("6011111111111117"),
            [("number".into(), ErrorCode::CardBrandUnsupported)]
        );
        assert_eq!(check(" "), [("number".into(), ErrorCode::Required)]);
        assert_eq!(
            check("４２４２４２４２４２４２４２４２"),
            [("number".into(), ErrorCode::CardNumberInvalid)]
        );
    }

    #[test]
    fn expiry_cvc_and_holder_rules() {
        let check = |m, y, cvc: &str| {
            codes(validate_card(
                &details("4242424242424242", m, y, cvc),
                today(),
            ))
        };
        assert_eq!(
            check(11, 2026, "123"),
            [("exp_year".into(), ErrorCode::CardExpired)]
        );
        assert_eq!(
            check(12, 25, "123"),
            [("exp_year".into(), ErrorCode::CardExpired)]
        );
        assert!(validate_card(&details("4242424242424242", 12, 26, "123"), today()).is_ok());
        assert_eq!(
            check(13, 2027, "123"),
            [("exp_month".into(), ErrorCode::CardExpiryInvalid)]
        );
        assert_eq!(
            check(0, 2027, "123"),
            [("exp_month".into(), ErrorCode::CardExpiryInvalid)]
        );
        assert_eq!(
            check(1, 2060, "123"),
            [("exp_year".into(), ErrorCode::CardExpiryInvalid)]
        );
        assert_eq!(
            check(1, 999, "123"),
            [("exp_year".into(), ErrorCode::CardExpiryInvalid)]
        );
        assert_eq!(
            check(1, 2027, "12"),
            [("cvc".into(), ErrorCode::CvcInvalid)]
        );
        assert_eq!(
            check(1, 2027, "1234"),
            [("cvc".into(), ErrorCode::CvcInvalid)]
        );
        assert_eq!(check(1, 2027, ""), [("cvc".into(), ErrorCode::Required)]);
        let mut d = details("4242424242424242", 1, 2027, "123");
        d.holder = "J4n".into();
        assert_eq!(
            codes(validate_card(&d, today())),
            [("holder".into(), ErrorCode::NameInvalid)]
        );
        // Every field at once.
        assert_eq!(
            codes(validate_card(&details("1", 13, 2027, "x"), today())).len(),
            3
        );
    }

    #[test]
    fn debug_hides_number_and_cvc() {
        let d = details("4242 4242 4242 4242", 1, 2027, "987");
        let text = format!("{d:?} {:?}", validate_card(&d, today()).unwrap());
        assert!(
            !text.contains("4242 4242") && !text.contains("42424242") && !text.contains("987"),
            "{text}"
        );
    }
}
