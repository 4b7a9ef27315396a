//! The vehicle a section's page is about (map, trips): the one in `?vin=`,
//! else the first of the garage, with a select to choose another. Choosing
//! moves to the vehicle's own address (`path?vin=`), so it can be
//! bookmarked and shared between the section's pages.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use mijn_lexus_contract::vehicle::VehicleSummary;

use crate::config::{encode_query_value, navigate_to};
use crate::i18n::t;

/// The name a vehicle goes by: its nickname, else its model.
pub fn vehicle_name(v: &VehicleSummary) -> String {
    if v.nickname.is_empty() {
        t().garage.model_name(&v.model)
    } else {
        v.nickname.clone()
    }
}

/// The vehicle's name with its plate, which tells two alike apart:
/// "Gezinswagen (1-ABC-234)".
pub fn vehicle_name_with_plate(v: &VehicleSummary) -> String {
    let name = vehicle_name(v);
    if v.licence_plate.is_empty() {
        name
    } else {
        format!("{name} ({})", v.licence_plate)
    }
}

/// `page` for the chosen vehicle of `vehicles` (not empty), and the select
/// (`id`, `label`) when there are several.
#[component]
pub fn VehicleChoice<F>(
    vehicles: Vec<VehicleSummary>,
    /// The page's path, without the query.
    path: &'static str,
    id: &'static str,
    label: &'static str,
    page: F,
) -> impl IntoView
where
    F: Fn(VehicleSummary) -> AnyView + Send + Sync + 'static,
{
    let query = use_query_map();
    let navigate = use_navigate();
    let chosen = {
        let vehicles = vehicles.clone();
        Memo::new(move |_| {
            let wanted = query.with(|q| q.get("vin"));
            vehicles
                .iter()
                .find(|v| Some(&v.vin) == wanted.as_ref())
                .or(vehicles.first())
                .cloned()
        })
    };
    let choose = move |ev: leptos::ev::Event| {
        let vin = event_target_value(&ev);
        navigate_to(
            &navigate,
            &format!("{path}?vin={}", encode_query_value(&vin)),
            true,
        );
    };
    view! {
        {(vehicles.len() > 1).then(|| view! {
            <div class="ml-field ml-vehicle-choice">
                <label class="ml-field__label" for=id>{label}</label>
                <div class="ml-field__control">
                    <select class="ml-input ml-select" id=id on:change=choose>
                        {vehicles.iter().map(|v| {
                            let vin = v.vin.clone();
                            view! {
                                <option value=v.vin.clone()
                                    selected=move || chosen.with(|c| c.as_ref().is_some_and(|c| c.vin == vin))>
                                    {vehicle_name_with_plate(v)}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                </div>
            </div>
        })}
        {move || chosen.get().map(&page)}
    }
}
