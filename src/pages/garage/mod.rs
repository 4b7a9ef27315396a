//! The garage (C1-C5): /garage (vehicles and chargers), /garage/add,
//! /garage/charger/add, /garage/:vin (status and management) and
//! /invitation?token= (become a secondary user).

pub mod add;
pub mod charger;
pub mod format;
pub mod invitation;
pub mod status;

use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use mijn_lexus_contract::charger::Charger;
use mijn_lexus_contract::vehicle::VehicleSummary;

use crate::api::{garage as api, ClientError};
use crate::components::protected::Protected;
use crate::config::config;
use crate::forms::set_title;
use crate::i18n::{fill, t};

#[component]
pub fn Garage() -> impl IntoView {
    set_title(&t().garage.title);
    view! {
        <Protected>
            <GarageContent />
        </Protected>
    }
}

/// A notice that a load failed, with a retry button.
#[component]
pub fn LoadError(error: ClientError, retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="ml-notice ml-notice--error" role="alert">
            <p>{error.message()}</p>
            <button type="button" class="ml-button ml-button--secondary" on:click=move |_| retry.run(())>
                {t().garage.retry.as_str()}
            </button>
        </div>
    }
}

#[component]
fn GarageContent() -> impl IntoView {
    let g = &t().garage;
    let query = use_query_map();
    let vehicles = RwSignal::new(None::<Result<Vec<VehicleSummary>, ClientError>>);
    let chargers = RwSignal::new(None::<Result<Vec<Charger>, ClientError>>);
    let load = move || {
        // Two requests in flight at once.
        spawn_local(async move {
            vehicles.set(Some(api::vehicles().await.map(|l| l.vehicles)));
        });
        spawn_local(async move {
            chargers.set(Some(api::chargers().await.map(|l| l.chargers)));
        });
    };
    load();
    let retry = Callback::new(move |()| {
        vehicles.set(None);
        chargers.set(None);
        load();
    });
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

    let vehicle_list = move || match vehicles.get() {
        None => view! { <p class="ml-loading" role="status">{g.loading.as_str()}</p> }.into_any(),
        Some(Err(error)) => view! { <LoadError error retry /> }.into_any(),
        Some(Ok(list)) if list.is_empty() => {
            view! { <p class="ml-garage__empty">{g.no_vehicles.as_str()}</p> }.into_any()
        }
        Some(Ok(list)) => view! {
            <ul class="ml-garage__vehicles">
                {list.into_iter().map(|v| view! { <VehicleCard v /> }).collect_view()}
            </ul>
        }
        .into_any(),
    };
    let charger_list = move || match chargers.get() {
        None | Some(Err(_)) => None,
        Some(Ok(list)) if list.is_empty() => {
            Some(view! { <p class="ml-garage__empty">{g.no_chargers.as_str()}</p> }.into_any())
        }
        Some(Ok(list)) => {
            let now = Utc::now();
            Some(
                view! {
                    <ul class="ml-garage__chargers">
                        {list.into_iter().map(|c| charger_card(c, now)).collect_view()}
                    </ul>
                }
                .into_any(),
            )
        }
    };

    view! {
        <div class="ml-page ml-garage">
            <h1 class="ml-title" tabindex="-1">{g.title.as_str()}</h1>
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
                {vehicle_list}
            </section>
            <section class="ml-garage__section" aria-labelledby="garage-chargers">
                <div class="ml-garage__head">
                    <h2 id="garage-chargers">{g.chargers_heading.as_str()}</h2>
                    <a class="ml-button ml-button--secondary" href=config().href("/garage/charger/add")>
                        {g.add_charger.as_str()}
                    </a>
                </div>
                {charger_list}
            </section>
        </div>
    }
}

/// The name a vehicle goes by: its nickname, else its model.
pub fn vehicle_name(v: &VehicleSummary) -> String {
    if v.nickname.is_empty() {
        fill(&t().garage.model_name, &[("model", &v.model)])
    } else {
        v.nickname.clone()
    }
}

#[component]
fn VehicleCard(v: VehicleSummary) -> impl IntoView {
    let g = &t().garage;
    let href = config().href(&format!("/garage/{}", v.vin));
    let alt = fill(&g.picture_alt, &[("model", &v.model)]);
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
        c.model.clone()
    } else {
        c.nickname.clone()
    };
    let dash = || g.no_value.clone();
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
                            .map(|p| fill(&g.unit_kw, &[("n", &crate::format::fixed(p, 1))]))
                            .unwrap_or_else(dash)}
                    </dd>
                </div>
                <div>
                    <dt>{g.charger_energy.as_str()}</dt>
                    <dd>
                        {c
                            .session_energy_kwh
                            .map(|e| fill(&g.unit_kwh, &[("n", &crate::format::fixed(e, 1))]))
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
