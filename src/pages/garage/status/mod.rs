//! /garage/:vin: a vehicle's status (C4), remote functions (F4), service
//! request, rename and remove (C2) and its secondary users (C3), one section
//! per file. What is shown follows `permissions`.

mod readings;
mod remote;
mod remote_charging;
mod remote_climate;
mod remote_commands;
mod remote_schedules;
mod remove;
mod rename;
mod service;
mod users;

use chrono::Utc;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use mijn_lexus_contract::vehicle::{Powertrain, VehicleStatus, VehicleSummary, Vin};

use super::format::{self, ago};
use crate::api::garage as api;
use crate::components::loading::{ApiResource, LoadingNotice, RequestError};
use crate::components::vehicle_choice::vehicle_name;
use crate::config::config;
use crate::forms::set_title;
use crate::i18n::t;
use crate::pages::not_found::NotFound;
use crate::task::PageScope;
use readings::StatusSection;
use remote::RemoteSection;
use remove::RemoveSection;
use rename::RenameSection;
use service::ServiceSection;
use users::UsersSection;

#[component]
pub fn VehiclePage() -> impl IntoView {
    let params = use_params_map();
    move || {
        // Only a well-formed VIN reaches the API; anything else in the
        // address bar is a page that does not exist.
        let raw = params.with(|p| p.get("vin")).unwrap_or_default();
        match Vin::parse(&raw) {
            Ok(vin) => view! { <VehicleContent vin=vin.into_string() /> }.into_any(),
            Err(_) => view! { <NotFound /> }.into_any(),
        }
    }
}

/// A resource read from the API for one vehicle.
fn per_vehicle<T: 'static, F>(vin: &str, fetch: fn(String) -> F) -> ApiResource<T>
where
    F: std::future::Future<Output = crate::api::ApiResult<T>> + 'static,
{
    let vin = vin.to_owned();
    LocalResource::new(move || fetch(vin.clone()))
}

#[component]
fn VehicleContent(vin: String) -> impl IntoView {
    let g = &t().garage;
    set_title(&g.status_title);
    let summary = per_vehicle(&vin, |vin| async move { api::vehicle(&vin).await });
    let status = per_vehicle(&vin, |vin| async move { api::status(&vin).await });
    let now = RwSignal::new(Utc::now());
    let refreshing = RwSignal::new(false);
    let announcement = RwSignal::new(String::new());
    let scope = PageScope::new();

    Effect::new(move |_| {
        if let Some(Ok(v)) = summary.get() {
            set_title(&vehicle_name(&v));
        }
    });
    // "3 hours ago" keeps up while the page stays open.
    if let Ok(ticker) = set_interval_with_handle(
        move || now.set(Utc::now()),
        std::time::Duration::from_secs(30),
    ) {
        on_cleanup(move || ticker.clear());
    }

    // Re-render the page only when access changes, not on a rename.
    let access = Memo::new(move |_| {
        summary.with(|s| {
            s.as_ref()
                .map(|r| r.as_ref().map(|v| v.permissions).map_err(Clone::clone))
        })
    });
    let retry = Callback::new(move |()| {
        summary.refetch();
        status.refetch();
    });
    // New data without reloading the page; the status stays on screen
    // meanwhile, and a live region says when it is in.
    let refresh = {
        let vin = vin.clone();
        move |_| {
            if refreshing.get_untracked() {
                return;
            }
            refreshing.set(true);
            announcement.set(String::new());
            summary.refetch();
            let vin = vin.clone();
            scope.spawn(async move {
                let result = api::status(&vin).await;
                now.set(Utc::now());
                announcement.set(match &result {
                    Ok(_) => g.refreshed.to_string(),
                    Err(e) => e.message().to_owned(),
                });
                status.set(Some(result));
                refreshing.set(false);
            });
        }
    };

    let heading = move || {
        summary.with(|s| match s {
            Some(Ok(v)) => vehicle_name(v),
            _ => g.status_title.to_string(),
        })
    };
    let subtitle = move || {
        summary.with(|s| match s {
            Some(Ok(v)) => Some(g.vehicle_subtitle(
                &v.model,
                &v.model_year.to_string(),
                format::powertrain(v.powertrain),
                &v.licence_plate,
                format::role(v.role),
            )),
            _ => None,
        })
    };
    let picture = move || {
        summary.with(|s| match s {
            Some(Ok(v)) => Some(view! {
                <img
                    class="ml-vehicle__picture"
                    src=format::picture(&v.model_family)
                    alt=g.picture_alt(&v.model)
                    width="240"
                    height="120"
                />
            }),
            _ => None,
        })
    };
    let last_contact = move || {
        status
            .with(|s| {
                s.as_ref()
                    .and_then(|r| r.as_ref().ok())
                    .and_then(|s| s.last_contact_at)
            })
            .map(|at| g.last_contact(&ago(at, now.get())))
    };

    let body = move || {
        match access.get() {
        None => view! { <LoadingNotice /> }.into_any(),
        Some(Err(error)) => view! { <RequestError error retry /> }.into_any(),
        Some(Ok(p)) => view! {
            <div class="ml-status-bar">
                <button
                    type="button"
                    class="ml-button ml-button--secondary"
                    aria-busy=move || if refreshing.get() { "true" } else { "false" }
                    disabled=refreshing
                    on:click=refresh.clone()
                >
                    {g.refresh.as_str()}
                </button>
                <p class="ml-status-bar__contact">{last_contact}</p>
            </div>
            <p>
                <a href=config().href(&format!("/vehicles/{vin}/services"))>{t().services.link.as_str()}</a>
            </p>
            {(p.can_see_status).then(|| view! { <StatusSection status now /> })}
            <RemoteSection vin=vin.clone() plug_in=plug_in(summary) can_use=p.can_use_remote />
            {(p.can_request_service).then(|| view! { <ServiceSection vin=vin.clone() status now /> })}
            {(!p.can_manage_users).then(|| view! { <p class="ml-muted">{g.secondary_note.as_str()}</p> })}
            {(p.can_rename).then(|| view! { <RenameSection vin=vin.clone() summary /> })}
            {(p.can_manage_users).then(|| view! { <UsersSection vin=vin.clone() /> })}
            <RemoveSection vin=vin.clone() leave=!p.can_remove />
        }
        .into_any(),
    }
    };

    view! {
        <div class="ml-page ml-garage ml-vehicle-page">
            <p class="ml-back">
                <a href=config().href("/garage")>{g.back_to_garage.as_str()}</a>
            </p>
            <div class="ml-vehicle-page__head">
                {picture}
                <div>
                    <h1 class="ml-title" tabindex="-1">{heading}</h1>
                    <p class="ml-vehicle-page__subtitle">{subtitle}</p>
                </div>
            </div>
            <div class="ml-visually-hidden" role="status" aria-live="polite">
                {move || announcement.get()}
            </div>
            {body}
        </div>
    }
}

/// The vehicle's status as loaded, if it is.
fn loaded_status(status: ApiResource<VehicleStatus>) -> Option<VehicleStatus> {
    status.with(|s| s.as_ref().and_then(|r| r.as_ref().ok()).cloned())
}

/// The vehicle as loaded, if it is.
fn loaded_summary(summary: ApiResource<VehicleSummary>) -> Option<VehicleSummary> {
    summary.with_untracked(|s| s.as_ref().and_then(|r| r.as_ref().ok()).cloned())
}

/// Whether the vehicle has a plug (charging now and on a schedule).
fn plug_in(summary: ApiResource<VehicleSummary>) -> bool {
    loaded_summary(summary).is_some_and(|v| v.powertrain != Powertrain::Hybrid)
}
