//! The charge points found, in words and as pins: the same facts twice, so
//! nothing is map-only. A station's state (available, occupied, out of
//! order) picks its pin, whose glyph differs as well as its colour, and is
//! written out beside every station.

use leptos::prelude::*;
use mijn_lexus_contract::charging::{
    ChargeConnector, ChargeEvse, ChargeLocation, ConnectorStandard, EvseStatus, PowerType,
};

use mijn_lexus_contract::vehicle::VehicleSummary;

use super::send::{can_send_to, SendToCar};
use crate::components::map::{MapPin, PinKind};
use crate::config::config;
use crate::format::number;
use crate::i18n::{t, Text};
use crate::pages::map::route::distance;

/// What a station offers right now, as its pin and its first line say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StationState {
    /// At least one charging point is free.
    Available,
    /// None is free; at least one is in use, reserved or blocked.
    Occupied,
    /// None can be used (out of order, inoperative, planned, unknown).
    OutOfOrder,
}

impl StationState {
    pub fn of(l: &ChargeLocation) -> StationState {
        if l.available_evses > 0 {
            StationState::Available
        } else if l.evses.iter().any(|e| {
            matches!(
                e.status,
                EvseStatus::Charging | EvseStatus::Reserved | EvseStatus::Blocked
            )
        }) {
            StationState::Occupied
        } else {
            StationState::OutOfOrder
        }
    }

    pub fn pin(self) -> PinKind {
        match self {
            StationState::Available => PinKind::ChargeAvailable,
            StationState::Occupied => PinKind::ChargeOccupied,
            StationState::OutOfOrder => PinKind::ChargeOutOfOrder,
        }
    }

    fn word(self) -> &'static str {
        let c = &t().charging;
        match self {
            StationState::Available => c.state_available.as_str(),
            StationState::Occupied => c.state_occupied.as_str(),
            StationState::OutOfOrder => c.state_out_of_order.as_str(),
        }
    }

    const ALL: [StationState; 3] = [
        StationState::Available,
        StationState::Occupied,
        StationState::OutOfOrder,
    ];

    fn legend(self) -> &'static str {
        let c = &t().charging;
        match self {
            StationState::Available => c.legend_available.as_str(),
            StationState::Occupied => c.legend_occupied.as_str(),
            StationState::OutOfOrder => c.legend_out_of_order.as_str(),
        }
    }
}

/// "Available, 1 of 2 charging points free": the first line of a station
/// in the list and, after its name, its pin's name.
fn state_line(l: &ChargeLocation) -> String {
    t().charging.state_line(
        StationState::of(l).word(),
        &l.available_evses.to_string(),
        &l.total_evses.to_string(),
    )
}

/// One pin per station, named with its state. (The searched place has
/// none: a station there would sit under it, out of reach of a pointer.)
pub fn pins(stations: &[ChargeLocation]) -> Vec<MapPin> {
    let c = &t().charging;
    stations
        .iter()
        .map(|l| {
            let state = StationState::of(l);
            MapPin {
                lat: l.lat,
                lon: l.lon,
                name: c.pin_name(&l.name, &state_line(l)),
                kind: state.pin(),
            }
        })
        .collect()
}

/// What the pins mean, with the pins themselves.
#[component]
pub fn PinLegend() -> impl IntoView {
    view! {
        <ul class="ml-charging__legend" aria-label=t().charging.legend_label.as_str()>
            {StationState::ALL.iter().map(|s| view! {
                <li><PinImage state=*s />{s.legend()}</li>
            }).collect_view()}
        </ul>
    }
}

/// The pin's picture, decorative beside the words that say the same.
#[component]
fn PinImage(state: StationState) -> impl IntoView {
    view! { <img class="ml-charging__pin" src=config().asset(state.pin().file()) alt="" width="16" height="21" /> }
}

/// Every station found, nearest first; each can be sent to `car` when it
/// takes destinations from this visitor.
#[component]
pub fn StationList(stations: Vec<ChargeLocation>, car: Option<VehicleSummary>) -> impl IntoView {
    let c = &t().charging;
    let car = car.filter(can_send_to);
    view! {
        <h2 id="charging-results">{c.results_heading.as_str()}</h2>
        <ol class="ml-charging__list" aria-labelledby="charging-results">
            {stations.into_iter().enumerate().map(|(i, l)| view! { <Station l i car=car.clone() /> }).collect_view()}
        </ol>
    }
}

#[component]
fn Station(l: ChargeLocation, i: usize, car: Option<VehicleSummary>) -> impl IntoView {
    let c = &t().charging;
    let state = StationState::of(&l);
    let heading_id = format!("station-{i}");
    let send = car.map(|car| {
        let station = l.clone();
        let described_by = heading_id.clone();
        view! { <SendToCar station car described_by /> }
    });
    let caption_id = format!("station-{i}-evses");
    let labelled_by = caption_id.clone();
    let address = format!("{}, {} {}", l.address, l.postal_code, l.city);
    let operator = l
        .operator
        .clone()
        .unwrap_or_else(|| c.operator_unknown.to_string());
    let line = state_line(&l);
    view! {
        <li class="ml-charging__station">
            <h3 id=heading_id>{l.name.clone()}</h3>
            <p class="ml-charging__state">
                <PinImage state />
                <span>{line}</span>
            </p>
            <dl class="ml-facts">
                <dt>{c.address.as_str()}</dt>
                <dd>{address}</dd>
                <dt>{c.distance.as_str()}</dt>
                <dd>{distance(l.distance_km * 1000.0)}</dd>
                <dt>{c.operator.as_str()}</dt>
                <dd>{operator}</dd>
            </dl>
            {l.twentyfourseven.then(|| view! { <p>{c.open_24_7.as_str()}</p> })}
            {send}
            <div class="ml-table-wrap" tabindex="0" role="region" aria-labelledby=labelled_by>
                <table class="ml-table">
                    <caption id=caption_id>{c.evses_caption(&l.name)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{c.col_evse.as_str()}</th>
                            <th scope="col">{c.col_status.as_str()}</th>
                            <th scope="col">{c.col_connectors.as_str()}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {l.evses.iter().enumerate().map(|(n, e)| view! { <EvseRow e=e.clone() n /> }).collect_view()}
                    </tbody>
                </table>
            </div>
        </li>
    }
}

#[component]
fn EvseRow(e: ChargeEvse, n: usize) -> impl IntoView {
    let c = &t().charging;
    view! {
        <tr>
            <th scope="row">{c.evse_number(&(n + 1).to_string())}</th>
            <td>{status_text(e.status)}</td>
            <td>
                <ul class="ml-charging__plugs">
                    {e.connectors.iter().map(|k| view! { <li>{connector_text(k)}</li> }).collect_view()}
                </ul>
            </td>
        </tr>
    }
}

/// "Type 2 (Mennekes) · 22,1 kW AC".
fn connector_text(k: &ChargeConnector) -> String {
    let c = &t().charging;
    let current = match k.power_type {
        PowerType::Dc => c.current_dc.as_str(),
        _ => c.current_ac.as_str(),
    };
    c.connector(&plug_name(k.standard), &number(k.max_power_kw), current)
}

/// An EVSE's OCPI status in words.
pub fn status_text(s: EvseStatus) -> &'static str {
    let c = &t().charging;
    match s {
        EvseStatus::Available => c.status_available.as_str(),
        EvseStatus::Charging => c.status_charging.as_str(),
        EvseStatus::Reserved => c.status_reserved.as_str(),
        EvseStatus::Blocked => c.status_blocked.as_str(),
        EvseStatus::OutOfOrder => c.status_out_of_order.as_str(),
        EvseStatus::Inoperative => c.status_inoperative.as_str(),
        EvseStatus::Planned => c.status_planned.as_str(),
        EvseStatus::Removed => c.status_removed.as_str(),
        EvseStatus::Unknown => c.status_unknown.as_str(),
    }
}

/// The plugs a driver in the Benelux looks for, in the order the filter
/// offers them; they have names of their own.
pub const COMMON_STANDARDS: [ConnectorStandard; 6] = [
    ConnectorStandard::Type2,
    ConnectorStandard::Type2Combo,
    ConnectorStandard::Chademo,
    ConnectorStandard::DomesticF,
    ConnectorStandard::Type1,
    ConnectorStandard::Type1Combo,
];

/// The name of one of the [`COMMON_STANDARDS`].
pub fn common_plug_name(s: ConnectorStandard) -> Option<Text> {
    let c = &t().charging;
    Some(match s {
        ConnectorStandard::Type2 => c.plug_type2,
        ConnectorStandard::Type2Combo => c.plug_type2_combo,
        ConnectorStandard::Chademo => c.plug_chademo,
        ConnectorStandard::DomesticF => c.plug_schuko,
        ConnectorStandard::Type1 => c.plug_type1,
        ConnectorStandard::Type1Combo => c.plug_type1_combo,
        _ => return None,
    })
}

/// Any plug's name: its own, else "other plug" with the OCPI code.
fn plug_name(s: ConnectorStandard) -> String {
    common_plug_name(s).map_or_else(|| t().charging.plug_other(s.code()), |n| n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn station(statuses: &[EvseStatus]) -> ChargeLocation {
        let evses: Vec<ChargeEvse> = statuses
            .iter()
            .enumerate()
            .map(|(i, s)| ChargeEvse {
                uid: i.to_string(),
                evse_id: None,
                status: *s,
                connectors: Vec::new(),
                last_updated: Utc::now(),
            })
            .collect();
        ChargeLocation {
            id: "X".into(),
            name: "X".into(),
            address: "Place du Casino".into(),
            city: "Monaco".into(),
            postal_code: "98000".into(),
            country: "MCO".into(),
            lat: 43.7,
            lon: 7.4,
            operator: None,
            twentyfourseven: true,
            distance_km: 0.4,
            available_evses: statuses
                .iter()
                .filter(|s| **s == EvseStatus::Available)
                .count() as u32,
            total_evses: statuses.len() as u32,
            max_power_kw: 22.0,
            evses,
            last_updated: Utc::now(),
        }
    }

    #[test]
    fn one_free_point_makes_a_station_available() {
        use EvseStatus::*;
        assert_eq!(
            StationState::of(&station(&[OutOfOrder, Charging, Available])),
            StationState::Available
        );
        assert_eq!(
            StationState::of(&station(&[OutOfOrder, Reserved])),
            StationState::Occupied
        );
        assert_eq!(
            StationState::of(&station(&[Blocked])),
            StationState::Occupied
        );
        assert_eq!(
            StationState::of(&station(&[OutOfOrder, Inoperative, Unknown, Planned])),
            StationState::OutOfOrder
        );
    }

    #[test]
    fn every_state_has_its_own_pin() {
        let files: Vec<_> = StationState::ALL.iter().map(|s| s.pin().file()).collect();
        assert_eq!(
            files,
            [
                "map/pin-charge-available.svg",
                "map/pin-charge-occupied.svg",
                "map/pin-charge-out-of-order.svg"
            ]
        );
    }
}
