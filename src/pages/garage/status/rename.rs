//! The rename section (C2): nickname and licence plate.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use mijn_lexus_contract::vehicle::{LicencePlate, Nickname, UpdateVehicleRequest, VehicleSummary};
use mijn_lexus_contract::FieldError;

use super::loaded_summary;
use crate::api::garage as api;
use crate::components::card::Card;
use crate::components::field::{Field, SubmitButton};
use crate::components::loading::{ApiResource, RequestError};
use crate::components::vehicle_choice::vehicle_name;
use crate::forms::{focus_id, set_title, FormState};
use crate::i18n::t;
use crate::session::use_session;

#[component]
pub(super) fn RenameSection(vin: String, summary: ApiResource<VehicleSummary>) -> impl IntoView {
    let g = &t().garage;
    let session = use_session();
    let form = FormState::new();
    let current = loaded_summary(summary)
        .map(|v| (v.nickname, v.licence_plate))
        .unwrap_or_default();
    let nickname = RwSignal::new(current.0);
    let plate = RwSignal::new(current.1);
    let saved = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if form.pending.get_untracked() {
            return;
        }
        form.begin();
        saved.set(false);
        let mut errors = Vec::new();
        if let Err(c) = Nickname::parse(&nickname.get_untracked()) {
            errors.push(FieldError::new("nickname", c));
        }
        if let Err(c) = LicencePlate::parse(&plate.get_untracked()) {
            errors.push(FieldError::new("licence_plate", c));
        }
        if !errors.is_empty() {
            focus_id(&errors[0].field);
            form.fail_fields(errors);
            return;
        }
        let request = UpdateVehicleRequest {
            nickname: Some(nickname.get_untracked()),
            licence_plate: Some(plate.get_untracked()),
        };
        let vin = vin.clone();
        let send = async move { api::rename(session, &vin, &request).await };
        form.submit(send, move |v| {
            nickname.set(v.nickname.clone());
            plate.set(v.licence_plate.clone());
            set_title(&vehicle_name(&v));
            summary.set(Some(Ok(v)));
            saved.set(true);
        });
    };

    view! {
        <Card id="rename-heading" title=g.rename_heading.as_str() class="ml-garage__section">
            {move || form.request_error().map(|error| view! { <RequestError error /> })}
            <form class="ml-form" novalidate on:submit=submit>
                <Field
                    id="nickname"
                    label=g.nickname_optional.as_str()
                    value=nickname
                    autocomplete="off"
                    error=form.field("nickname")
                />
                <Field
                    id="licence_plate"
                    label=g.licence_plate.as_str()
                    value=plate
                    autocomplete="off"
                    required=true
                    error=form.field("licence_plate")
                />
                <div class="ml-form__actions">
                    <SubmitButton label=g.rename_submit.as_str() pending=form.pending />
                </div>
                <div role="status">
                    {move || saved.get().then(|| view! { <p class="ml-notice ml-notice--ok">{g.rename_saved.as_str()}</p> })}
                </div>
            </form>
        </Card>
    }
}
