//! "Send to my car" for a charge point (D4 through D3): the station becomes
//! a destination in the car's navigation, sent the way the share page sends
//! one, and followed there until the car confirms it.

use leptos::prelude::*;
use mijn_lexus_contract::charging::ChargeLocation;
use mijn_lexus_contract::share::{
    share_to_car_available, ShareDestinationRequest, SharePlace, ADDRESS_MAX_CHARS, LABEL_MAX_CHARS,
};
use mijn_lexus_contract::vehicle::VehicleSummary;

use crate::api::map as map_api;
use crate::components::field::SubmitButton;
use crate::components::loading::RequestError;
use crate::config::{config, encode_query_value};
use crate::forms::FormState;
use crate::i18n::t;
use crate::session::use_session;

/// Whether `car` can receive destinations from this visitor.
pub fn can_send_to(car: &VehicleSummary) -> bool {
    car.permissions.can_use_remote && share_to_car_available(car.model_year)
}

/// The station as a destination: its name, and its address as the car's
/// navigation shows it.
fn destination(l: &ChargeLocation) -> SharePlace {
    let address = format!("{}, {} {}", l.address, l.postal_code, l.city);
    SharePlace {
        label: l.name.chars().take(LABEL_MAX_CHARS).collect(),
        address: address.chars().take(ADDRESS_MAX_CHARS).collect(),
        lat: l.lat,
        lon: l.lon,
    }
}

/// The button, then what became of the request. `described_by` is the
/// station's heading, which says what is sent.
#[component]
pub fn SendToCar(
    station: ChargeLocation,
    car: VehicleSummary,
    described_by: String,
) -> impl IntoView {
    let c = &t().charging;
    let form = FormState::new();
    let session = use_session();
    let sent = RwSignal::new(false);
    let vin = car.vin.clone();
    let send = Callback::new(move |()| {
        if !form.begin() {
            return;
        }
        let body = ShareDestinationRequest {
            destination: destination(&station),
            arrival_at: None,
            stops: Vec::new(),
            resend_of: None,
        };
        let vin = vin.clone();
        form.submit(
            async move { map_api::share(session, &vin, &body).await },
            move |_| sent.set(true),
        );
    });
    let history = config().href(&format!("/map/share?vin={}", encode_query_value(&car.vin)));
    view! {
        <div class="ml-charging__send">
            <SubmitButton label=c.send_to_car.as_str() pending=form.pending kind="button"
                class="ml-button ml-button--secondary" on_click=send described_by />
            <div role="status">
                {move || sent.get().then(|| view! {
                    <p>
                        {c.sent_to_car.as_str()}" "
                        <a href=history.clone()>{c.sent_follow.as_str()}</a>
                    </p>
                })}
            </div>
            {move || form.request_error().map(|error| view! { <RequestError error /> })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    #[test]
    fn a_station_becomes_a_destination_the_contract_accepts() {
        let long = "Laadplein ".repeat(20);
        let l = ChargeLocation {
            id: "X".into(),
            name: long.clone(),
            address: long,
            city: "Monaco".into(),
            postal_code: "98000".into(),
            country: "MCO".into(),
            lat: 43.7393,
            lon: 7.4276,
            operator: None,
            twentyfourseven: true,
            distance_km: 0.1,
            available_evses: 1,
            total_evses: 1,
            max_power_kw: 22.0,
            evses: Vec::new(),
            last_updated: Utc::now(),
        };
        let request = ShareDestinationRequest {
            destination: destination(&l),
            arrival_at: None,
            stops: Vec::new(),
            resend_of: None,
        };
        assert_eq!(request.validate(Utc::now()), Ok(()));
        assert_eq!(request.destination.label.chars().count(), LABEL_MAX_CHARS);
    }
}
