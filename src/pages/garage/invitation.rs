//! /invitation?token=…: accept an invitation to become a secondary user of a
//! vehicle (C3). Protected: an anonymous visitor signs in first and returns.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::garage as api;
use crate::api::ClientError;
use crate::components::field::SubmitButton;
use crate::components::protected::Protected;
use crate::config::{config, navigate_to};
use crate::forms::{focus_id, set_title};
use crate::i18n::t;
use crate::session::use_session;

#[component]
pub fn AcceptInvitation() -> impl IntoView {
    set_title(&t().garage.invitation_title);
    view! {
        <Protected>
            <AcceptInvitationContent />
        </Protected>
    }
}

#[component]
fn AcceptInvitationContent() -> impl IntoView {
    let g = &t().garage;
    let session = use_session();
    let navigate = use_navigate();
    let token = use_query_map()
        .with_untracked(|q| q.get("token"))
        .unwrap_or_default();
    let pending = RwSignal::new(false);
    let failure = RwSignal::new(None::<ClientError>);

    let accept = Callback::new(move |()| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        failure.set(None);
        let token = token.clone();
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::accept_invitation(session, token).await {
                Ok(v) => navigate_to(&navigate, &format!("/garage/{}", v.vin), false),
                Err(e) => {
                    failure.set(Some(e));
                    focus_id("invitation-error");
                }
            }
            pending.set(false);
        });
    });

    view! {
        <div class="ml-page ml-page--narrow">
            <h1 class="ml-title" tabindex="-1">{g.invitation_title.as_str()}</h1>
            <p>{g.invitation_intro.as_str()}</p>
            {move || {
                failure
                    .get()
                    .map(|e| {
                        view! {
                            <div class="ml-notice ml-notice--error" id="invitation-error" role="alert" tabindex="-1">
                                <p>{e.message()}</p>
                                <p>
                                    <a href=config().href("/garage")>{g.back_to_garage.as_str()}</a>
                                </p>
                            </div>
                        }
                    })
            }}
            <div class="ml-form__actions">
                <SubmitButton
                    label=g.invitation_accept.as_str()
                    pending=pending
                    kind="button"
                    on_click=accept
                />
            </div>
        </div>
    }
}
