//! The purpose new trips of a vehicle take (E2): a company car is business
//! unless marked otherwise. The main user's choice.

use leptos::prelude::*;
use mijn_lexus_contract::trips::{TripPurpose, TripSettings};

use super::purpose_text;
use crate::api::trips as api;
use crate::components::field::{SelectField, SubmitButton};
use crate::components::loading::{Loaded, RequestError};
use crate::forms::FormState;
use crate::i18n::t;
use crate::session::use_session;

#[component]
pub fn DefaultPurpose(vin: String) -> impl IntoView {
    let settings = {
        let vin = vin.clone();
        LocalResource::new(move || {
            let vin = vin.clone();
            async move { api::settings(&vin).await }
        })
    };
    view! {
        <Loaded resource=settings let:current>
            <DefaultPurposeForm vin=vin.clone() current />
        </Loaded>
    }
}

#[component]
fn DefaultPurposeForm(vin: String, current: TripSettings) -> impl IntoView {
    let tr = &t().trips;
    let session = use_session();
    let chosen = RwSignal::new(current.default_purpose.code().to_owned());
    let form = FormState::new();
    let saved = RwSignal::new(false);
    let options: Vec<(&'static str, &'static str)> = TripPurpose::ALL
        .iter()
        .map(|p| (p.code(), purpose_text(*p)))
        .collect();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        saved.set(false);
        let body = TripSettings {
            default_purpose: TripPurpose::from_code(&chosen.get_untracked())
                .unwrap_or(TripPurpose::Untagged),
        };
        let vin = vin.clone();
        form.submit(
            async move { api::save_settings(session, &vin, &body).await },
            move |_| saved.set(true),
        );
    };
    view! {
        <form class="ml-form ml-card ml-trips__settings" novalidate on:submit=submit>
            <SelectField id="trips-default-purpose" label=tr.default_purpose.as_str()
                value=chosen options error=form.field("default_purpose") />
            <p class="ml-field__hint">{tr.default_purpose_hint.as_str()}</p>
            <p><SubmitButton label=tr.save.as_str() pending=form.pending /></p>
            <div role="status">{move || saved.get().then(|| view! { <p>{tr.settings_saved.as_str()}</p> })}</div>
            {move || form.request_error().map(|error| view! { <RequestError error /> })}
        </form>
    }
}
