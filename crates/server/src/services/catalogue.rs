//! The catalogue (seeds/004 sections 3-8): what is offered for which
//! powertrain, the plans and their consumer prices (VAT included, the same
//! in the five countries; the VAT part follows the account's country) and
//! the free trials (once per vehicle and service, ever).

use mijn_lexus_contract::money::Money;
use mijn_lexus_contract::services::{Plan, PlanPrice, ServiceKind, TrialLength};
use mijn_lexus_contract::vehicle::Powertrain;

/// One service as sold.
pub struct Offer {
    pub service: ServiceKind,
    /// (plan, price in cents, VAT included)
    pub prices: &'static [(Plan, i64)],
    pub trial: Option<TrialLength>,
    /// HomeCharge only for cars that charge from the grid.
    pub grid_charging_only: bool,
    /// Paid plans that do not renew by themselves: the buyer renews them
    /// by buying again, in advance (Internet access, yearly: seeds/004
    /// "Internettoegangsdienst", 4).
    pub manual_renewal: &'static [Plan],
}

const OFFERS: [Offer; 6] = [
    Offer {
        service: ServiceKind::Standard,
        prices: &[
            (Plan::Monthly, 499),
            (Plan::Yearly, 4990),
            (Plan::MultiYear, 12900),
        ],
        trial: Some(TrialLength::Months(3)),
        grid_charging_only: false,
        manual_renewal: &[],
    },
    Offer {
        service: ServiceKind::Remote,
        prices: &[
            (Plan::Monthly, 799),
            (Plan::Yearly, 7990),
            (Plan::MultiYear, 19900),
        ],
        trial: Some(TrialLength::Months(1)),
        grid_charging_only: false,
        manual_renewal: &[],
    },
    Offer {
        service: ServiceKind::Smart,
        prices: &[
            (Plan::Monthly, 999),
            (Plan::Yearly, 9990),
            (Plan::MultiYear, 24900),
        ],
        trial: Some(TrialLength::Months(1)),
        grid_charging_only: false,
        manual_renewal: &[],
    },
    Offer {
        service: ServiceKind::InsuranceScore,
        prices: &[(Plan::Monthly, 299), (Plan::Yearly, 2990)],
        trial: None,
        grid_charging_only: false,
        manual_renewal: &[],
    },
    Offer {
        service: ServiceKind::HomeCharge,
        prices: &[
            (Plan::Monthly, 399),
            (Plan::Yearly, 3990),
            (Plan::MultiYear, 9900),
        ],
        trial: Some(TrialLength::Months(1)),
        grid_charging_only: true,
        manual_renewal: &[],
    },
    // "Try & Play": a short trial, shorter than the withdrawal period.
    Offer {
        service: ServiceKind::Internet,
        prices: &[(Plan::Monthly, 1499), (Plan::Yearly, 14990)],
        trial: Some(TrialLength::Days(7)),
        grid_charging_only: false,
        manual_renewal: &[Plan::Yearly],
    },
];

pub fn offer(service: ServiceKind) -> &'static Offer {
    OFFERS
        .iter()
        .find(|o| o.service == service)
        .unwrap_or(&OFFERS[0])
}

impl Offer {
    pub fn available_for(&self, powertrain: Powertrain) -> bool {
        !self.grid_charging_only || powertrain != Powertrain::Hybrid
    }

    /// Whether a subscription to `plan` renews by itself at its period's end.
    pub fn renews(&self, plan: Plan) -> bool {
        plan != Plan::Trial && !self.manual_renewal.contains(&plan)
    }

    /// The price of a paid plan, if offered.
    pub fn price(&self, plan: Plan) -> Option<Money> {
        self.prices
            .iter()
            .find(|(p, _)| *p == plan)
            .map(|(_, cents)| Money::eur(*cents))
    }

    pub fn plan_prices(&self) -> Vec<PlanPrice> {
        self.prices
            .iter()
            .map(|(plan, cents)| PlanPrice {
                plan: *plan,
                price: Money::eur(*cents),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_service_is_offered_once() {
        for kind in ServiceKind::ALL {
            assert_eq!(offer(kind).service, kind);
        }
    }

    #[test]
    fn home_charge_needs_a_plug() {
        let home = offer(ServiceKind::HomeCharge);
        assert!(!home.available_for(Powertrain::Hybrid));
        assert!(home.available_for(Powertrain::PlugInHybrid));
        assert!(home.available_for(Powertrain::Electric));
        assert!(offer(ServiceKind::Remote).available_for(Powertrain::Hybrid));
    }

    #[test]
    fn only_internet_yearly_is_renewed_by_hand() {
        for o in &OFFERS {
            for (plan, _) in o.prices {
                let by_hand = o.service == ServiceKind::Internet && *plan == Plan::Yearly;
                assert_eq!(o.renews(*plan), !by_hand, "{:?} {:?}", o.service, plan);
            }
            assert!(!o.renews(Plan::Trial));
        }
    }

    #[test]
    fn yearly_costs_less_than_twelve_months() {
        for o in &OFFERS {
            let monthly = o.price(Plan::Monthly).unwrap().cents;
            assert!(o.price(Plan::Yearly).unwrap().cents < 12 * monthly);
            assert!(o.price(Plan::Trial).is_none());
            if let Some(multi) = o.price(Plan::MultiYear) {
                assert!(multi.cents < 3 * o.price(Plan::Yearly).unwrap().cents);
            }
        }
    }
}
