//! The garage (C1-C5): /garage (vehicles and chargers), /garage/add,
//! /garage/charger/add, /garage/:vin (status and management) and
//! /invitation?token= (become a secondary user).

pub mod add;
pub mod charger;
pub mod format;
pub mod invitation;
pub mod services;
pub mod status;

use chrono::Utc;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use mijn_lexus_contract::charger::{Charger, ChargerList};
use mijn_lexus_contract::vehicle::{VehicleList, VehicleSummary};

use crate::api::garage as api;
use crate::components::loading::Loaded;
use crate::components::page_frame::PageFrame;
use crate::components::vehicle_choice::vehicle_name;
use crate::config::config;
use crate::i18n::t;

#[component]
pub fn Garage() -> impl IntoView {
    let g = &t().garage;
    let query = use_query_map();
    // Two requests in flight at once.
    let vehicles = LocalResource::new(api::vehicles);
    let chargers = LocalResource::new(api::chargers);
    let notice = move || {
        query.with(|q| {
            if q.get("added").is_some() {
                Some(g.vehicle_added.as_str())
            } else if q.get("charger_added").is_some() {
                Some(g.charger_added.as_str())
            } else if q.get("removed").is_some() {
                Some(g.vehicle_removed.as_str())
            } else {
                None
            }
        })
    };

    let vehicle_list = move |list: VehicleList| {
        if list.vehicles.is_empty() {
            return view! { <p class="ml-garage__empty">{g.no_vehicles.as_str()}</p> }.into_any();
        }
        view! {
            <ul class="ml-garage__vehicles">
                {list.vehicles.into_iter().map(|v| view! { <VehicleCard v /> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let charger_list = move |list: ChargerList| {
        if list.chargers.is_empty() {
            return view! { <p class="ml-garage__empty">{g.no_chargers.as_str()}</p> }.into_any();
        }
        let now = Utc::now();
        view! {
            <ul class="ml-garage__chargers">
                {list.chargers.into_iter().map(|c| charger_card(c, now)).collect_view()}
            </ul>
        }
        .into_any()
    };

    view! {
        <PageFrame title=g.title.as_str() class="ml-garage">
            <div role="status" class="ml-status">
                {move || notice().map(|n| view! { <p class="ml-notice ml-notice--ok">{n}</p> })}
            </div>
            <section class="ml-garage__section" aria-labelledby="garage-vehicles">
                <div class="ml-garage__head">
                    <h2 id="garage-vehicles">{g.vehicles_heading.as_str()}</h2>
                    <a class="ml-button ml-button--primary" href=config().href("/garage/add")>
                        {g.add_vehicle.as_str()}
                    </a>
                </div>
                <Loaded resource=vehicles let:list>{vehicle_list(list)}</Loaded>
            </section>
            <section class="ml-garage__section" aria-labelledby="garage-chargers">
                <div class="ml-garage__head">
                    <h2 id="garage-chargers">{g.chargers_heading.as_str()}</h2>
                    <a class="ml-button ml-button--secondary" href=config().href("/garage/charger/add")>
                        {g.add_charger.as_str()}
                    </a>
                </div>
                <Loaded resource=chargers let:list>{charger_list(list)}</Loaded>
            </section>
        </PageFrame>
    }
}

#[component]
fn VehicleCard(v: VehicleSummary) -> impl IntoView {
    let g = &t().garage;
    let href = config().href(&format!("/garage/{}", v.vin));
    let alt = g.picture_alt(&v.model);
    let name = vehicle_name(&v);
    view! {
        <li class="ml-card ml-vehicle">
            <img class="ml-vehicle__picture" src=format::picture(&v.model_family) alt=alt width="240" height="120" />
            <div class="ml-vehicle__body">
                <h3 class="ml-vehicle__name">
                    <a href=href>{name}</a>
                </h3>
                <dl class="ml-facts">
                    <div>
                        <dt>{g.model.as_str()}</dt>
                        <dd>{v.model.clone()}</dd>
                    </div>
                    <div>
                        <dt>{g.model_year.as_str()}</dt>
                        <dd>{v.model_year}</dd>
                    </div>
                    <div>
                        <dt>{g.powertrain.as_str()}</dt>
                        <dd>{format::powertrain(v.powertrain)}</dd>
                    </div>
                    <div>
                        <dt>{g.licence_plate.as_str()}</dt>
                        <dd>{v.licence_plate.clone()}</dd>
                    </div>
                    <div>
                        <dt>{g.role.as_str()}</dt>
                        <dd>{format::role(v.role)}</dd>
                    </div>
                </dl>
            </div>
        </li>
    }
}

fn charger_card(c: Charger, now: chrono::DateTime<Utc>) -> impl IntoView {
    let g = &t().garage;
    let name = if c.nickname.is_empty() {
        c.model.to_string()
    } else {
        c.nickname.to_string()
    };
    let dash = || g.no_value.to_string();
    view! {
        <li class="ml-card ml-charger">
            <h3 class="ml-charger__name">{name}</h3>
            <dl class="ml-facts">
                <div>
                    <dt>{g.charger_serial.as_str()}</dt>
                    <dd>{c.serial.clone()}</dd>
                </div>
                <div>
                    <dt>{g.charger_state.as_str()}</dt>
                    <dd class="ml-charger__state">{format::charger_state(c.state)}</dd>
                </div>
                <div>
                    <dt>{g.charger_power.as_str()}</dt>
                    <dd>
                        {c
                            .power_kw
                            .map(|p| g.unit_kw(&crate::format::fixed(p, 1)))
                            .unwrap_or_else(dash)}
                    </dd>
                </div>
                <div>
                    <dt>{g.charger_energy.as_str()}</dt>
                    <dd>
                        {c
                            .session_energy_kwh
                            .map(|e| g.unit_kwh(&crate::format::fixed(e, 1)))
                            .unwrap_or_else(dash)}
                    </dd>
                </div>
                <div>
                    <dt>{g.charger_last_seen.as_str()}</dt>
                    <dd>{c.last_seen_at.map(|at| format::ago(at, now)).unwrap_or_else(dash)}</dd>
                </div>
            </dl>
        </li>
    }
}
