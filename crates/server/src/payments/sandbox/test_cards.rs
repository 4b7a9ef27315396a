//! The sandbox's test-card table (the numbers every payment provider's
//! sandbox knows): how a card behaves is decided once, when it is tokenised,
//! and stored as a behaviour class next to its fingerprint, never the number.

use mijn_lexus_contract::wallet::CardFunding;

use crate::payments::DeclineReason;

/// How a tokenised card behaves when charged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Behaviour {
    /// Every charge succeeds (also any valid number not in the table).
    Succeeds,
    Declined,
    InsufficientFunds,
    /// Charges fail with `expired_card` (whatever expiry was typed).
    Expired,
    /// A customer-initiated charge asks for strong customer authentication
    /// (the challenge page); merchant-initiated charges never do.
    ScaRequired,
    /// Saved fine, but every later charge is declined (a failed renewal).
    AttachThenFail,
}

// The table's declined and expired cards are refused when saved (the
// issuer's zero-amount verification); insufficient funds does not show in a
// zero-amount check, and 0341 is the card that passes it and fails later.

/// The table: digits -> behaviour and funding.
const TABLE: &[(&str, Behaviour, CardFunding)] = &[
    ("4242424242424242", Behaviour::Succeeds, CardFunding::Credit),
    ("5555555555554444", Behaviour::Succeeds, CardFunding::Credit),
    ("2223003122003222", Behaviour::Succeeds, CardFunding::Credit),
    ("4000000000000002", Behaviour::Declined, CardFunding::Credit),
    (
        "4000000000009995",
        Behaviour::InsufficientFunds,
        CardFunding::Debit,
    ),
    ("4000000000000069", Behaviour::Expired, CardFunding::Credit),
    (
        "4000002500003155",
        Behaviour::ScaRequired,
        CardFunding::Credit,
    ),
    (
        "4000000000000341",
        Behaviour::AttachThenFail,
        CardFunding::Credit,
    ),
];

/// Behaviour and funding of a validated card number (digits only).
pub fn lookup(digits: &str) -> (Behaviour, CardFunding) {
    TABLE
        .iter()
        .find(|(number, ..)| *number == digits)
        .map_or((Behaviour::Succeeds, CardFunding::Credit), |&(_, b, f)| {
            (b, f)
        })
}

impl Behaviour {
    pub fn as_str(self) -> &'static str {
        match self {
            Behaviour::Succeeds => "succeeds",
            Behaviour::Declined => "declined",
            Behaviour::InsufficientFunds => "insufficient_funds",
            Behaviour::Expired => "expired",
            Behaviour::ScaRequired => "sca_required",
            Behaviour::AttachThenFail => "attach_then_fail",
        }
    }

    pub fn parse(s: &str) -> Option<Behaviour> {
        [
            Behaviour::Succeeds,
            Behaviour::Declined,
            Behaviour::InsufficientFunds,
            Behaviour::Expired,
            Behaviour::ScaRequired,
            Behaviour::AttachThenFail,
        ]
        .into_iter()
        .find(|b| b.as_str() == s)
    }

    /// The issuer's verification when the card is saved.
    pub fn verify(self) -> Result<(), DeclineReason> {
        match self {
            Behaviour::Declined => Err(DeclineReason::Declined),
            Behaviour::Expired => Err(DeclineReason::ExpiredCard),
            Behaviour::Succeeds
            | Behaviour::InsufficientFunds
            | Behaviour::ScaRequired
            | Behaviour::AttachThenFail => Ok(()),
        }
    }

    /// What a charge does: `Ok(true)` succeeds, `Ok(false)` needs the
    /// challenge page, `Err` fails with its reason.
    pub fn charge(self, customer_present: bool) -> Result<bool, DeclineReason> {
        match self {
            Behaviour::Succeeds => Ok(true),
            Behaviour::Declined | Behaviour::AttachThenFail => Err(DeclineReason::Declined),
            Behaviour::InsufficientFunds => Err(DeclineReason::InsufficientFunds),
            Behaviour::Expired => Err(DeclineReason::ExpiredCard),
            Behaviour::ScaRequired => Ok(!customer_present),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mijn_lexus_contract::wallet::luhn_valid;

    #[test]
    fn every_table_number_is_valid_and_behaviours_round_trip() {
        for (number, behaviour, _) in TABLE {
            assert!(luhn_valid(number), "{number}");
            assert_eq!(Behaviour::parse(behaviour.as_str()), Some(*behaviour));
        }
        assert_eq!(lookup("4111111111111111").0, Behaviour::Succeeds);
    }

    #[test]
    fn only_declined_and_expired_cards_fail_verification() {
        for (number, behaviour, _) in TABLE {
            let refused = matches!(behaviour, Behaviour::Declined | Behaviour::Expired);
            assert_eq!(behaviour.verify().is_err(), refused, "{number}");
        }
    }

    #[test]
    fn sca_only_when_the_customer_is_present() {
        assert_eq!(Behaviour::ScaRequired.charge(true), Ok(false));
        assert_eq!(Behaviour::ScaRequired.charge(false), Ok(true));
        assert_eq!(
            Behaviour::AttachThenFail.charge(false),
            Err(DeclineReason::Declined)
        );
    }
}
