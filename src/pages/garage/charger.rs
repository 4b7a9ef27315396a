//! /garage/charger/add: add a HomeCharge charger by serial number and PIN (C5).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use mijn_lexus_contract::charger::AddChargerRequest;

use crate::api::garage as api;
use crate::components::error_summary::ErrorSummary;
use crate::components::field::{Field, SubmitButton};
use crate::components::page_frame::PageFrame;
use crate::config::navigate_to;
use crate::forms::FormState;
use crate::i18n::t;
use crate::session::use_session;

#[component]
pub fn AddCharger() -> impl IntoView {
    let g = &t().garage;
    let session = use_session();
    let navigate = use_navigate();
    let form = FormState::new();
    let serial = RwSignal::new(String::new());
    let pin = RwSignal::new(String::new());
    let nickname = RwSignal::new(String::new());

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        let request = AddChargerRequest {
            serial: serial.get_untracked(),
            pin: pin.get_untracked(),
            nickname: nickname.get_untracked(),
        };
        if let Err(errors) = request.parse() {
            form.fail_fields(errors);
            return;
        }
        let navigate = navigate.clone();
        let send = async move { api::add_charger(session, &request).await };
        form.submit(send, move |_| {
            navigate_to(&navigate, "/garage?charger_added=1", false)
        });
    };

    view! {
        <PageFrame title=g.charger_add_title.as_str() class="ml-page--narrow" back=("/garage".into(), g.back_to_garage.as_str())>
            <p>{g.charger_add_intro.as_str()}</p>
            <ErrorSummary
                form=form
                labels=vec![
                    ("serial", g.charger_serial.as_str()),
                    ("pin", g.charger_pin.as_str()),
                    ("nickname", g.nickname.as_str()),
                ]
            />
            <form class="ml-form ml-card" novalidate on:submit=submit>
                <Field
                    id="serial"
                    label=g.charger_serial.as_str()
                    hint=g.charger_serial_hint.as_str()
                    value=serial
                    autocomplete="off"
                    required=true
                    error=form.field("serial")
                />
                <Field
                    id="pin"
                    label=g.charger_pin.as_str()
                    hint=g.charger_pin_hint.as_str()
                    value=pin
                    autocomplete="off"
                    required=true
                    error=form.field("pin")
                />
                <Field
                    id="nickname"
                    label=g.nickname_optional.as_str()
                    value=nickname
                    autocomplete="off"
                    error=form.field("nickname")
                />
                <div class="ml-form__actions">
                    <SubmitButton label=g.charger_add_submit.as_str() pending=form.pending />
                </div>
            </form>
        </PageFrame>
    }
}
