//! /profile/emergency-contact: name, relation and phone; optional (B3).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use mijn_lexus_contract::profile::EmergencyContact;
use mijn_lexus_contract::Country;

use super::{ProfilePage, StatusMessage};
use crate::api::profile as api;
use crate::components::error_summary::ErrorSummary;
use crate::components::field::{Field, SubmitButton};
use crate::components::loading::Loaded;
use crate::forms::FormState;
use crate::i18n::t;
use crate::session::use_session;

#[component]
pub fn EmergencyPage() -> impl IntoView {
    let p = &t().profile;
    let contact = LocalResource::new(api::emergency_contact);
    view! {
        <ProfilePage title=&p.emergency_title>
            <p class="ml-lead">{p.emergency_intro.as_str()}</p>
            <Loaded resource=contact let:s><EmergencyForm contact=s.contact /></Loaded>
        </ProfilePage>
    }
}

#[component]
fn EmergencyForm(contact: Option<EmergencyContact>) -> impl IntoView {
    let (c, p) = (&t().common, &t().profile);
    let session = use_session();
    let form = FormState::new();
    let has_contact = RwSignal::new(contact.is_some());
    let (n, r, ph) = contact
        .map(|c| (c.name, c.relation, c.phone))
        .unwrap_or_default();
    let name = RwSignal::new(n);
    let relation = RwSignal::new(r);
    let phone = RwSignal::new(ph);
    let message = RwSignal::new(None::<String>);
    let country = session
        .user
        .with_untracked(|u| u.as_ref().map(|u| u.country))
        .unwrap_or(Country::Be);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        message.set(None);
        let request = EmergencyContact {
            name: name.get_untracked(),
            relation: relation.get_untracked(),
            phone: phone.get_untracked(),
        };
        if let Err(errors) = request.validate(country) {
            form.fail_fields(errors);
            return;
        }
        form.submit(
            async move { api::save_emergency_contact(session, &request).await },
            move |state| {
                if let Some(saved) = state.contact {
                    phone.set(saved.phone);
                }
                has_contact.set(true);
                message.set(Some(t().profile.emergency_saved.to_string()));
            },
        );
    };
    let remove = Callback::new(move |()| {
        if !form.begin() {
            return;
        }
        message.set(None);
        form.submit(api::remove_emergency_contact(session), move |()| {
            name.set(String::new());
            relation.set(String::new());
            phone.set(String::new());
            has_contact.set(false);
            message.set(Some(t().profile.emergency_removed.to_string()));
        });
    });

    view! {
        {move || {
            (!has_contact.get())
                .then(|| view! { <p class="ml-notice">{t().profile.emergency_none.as_str()}</p> })
        }}
        <ErrorSummary
            form=form
            labels=vec![
                ("name", p.contact_name.as_str()),
                ("relation", &p.contact_relation),
                ("phone", &p.contact_phone),
            ]
        />
        <form class="ml-form ml-card" novalidate on:submit=submit>
            <p class="ml-muted">{c.required_hint.as_str()}</p>
            <Field id="name" label=&p.contact_name value=name autocomplete="off" required=true error=form.field("name") />
            <Field
                id="relation"
                label=&p.contact_relation
                value=relation
                hint=&p.contact_relation_hint
                required=true
                error=form.field("relation")
            />
            <Field
                id="phone"
                label=&p.contact_phone
                value=phone
                kind="tel"
                autocomplete="off"
                hint=&p.phone_hint
                required=true
                error=form.field("phone")
            />
            <div class="ml-form__actions">
                <SubmitButton label=&p.emergency_save pending=form.pending />
                {move || {
                    has_contact
                        .get()
                        .then(|| {
                            view! {
                                <SubmitButton
                                    label=&t().profile.emergency_remove
                                    pending=form.pending
                                    kind="button"
                                    class="ml-button ml-button--secondary"
                                    on_click=remove
                                />
                            }
                        })
                }}
            </div>
        </form>
        <StatusMessage message=message />
    }
}
