//! /invitation?token=…: accept an invitation to become a secondary user of a
//! vehicle (C3). Protected: an anonymous visitor signs in first and returns.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::garage as api;
use crate::components::field::SubmitButton;
use crate::components::page_frame::PageFrame;
use crate::config::{config, navigate_to};
use crate::forms::{focus_id, FormState};
use crate::i18n::t;
use crate::session::use_session;

#[component]
pub fn AcceptInvitation() -> impl IntoView {
    let g = &t().garage;
    let session = use_session();
    let navigate = use_navigate();
    let token = use_query_map()
        .with_untracked(|q| q.get("token"))
        .unwrap_or_default();
    let action = FormState::new();

    let accept = Callback::new(move |()| {
        if !action.begin() {
            return;
        }
        let token = token.clone();
        let navigate = navigate.clone();
        let send = async move {
            let answer = api::accept_invitation(session, token).await;
            if answer.is_err() {
                focus_id("invitation-error");
            }
            answer
        };
        action.submit(send, move |v| {
            navigate_to(&navigate, &format!("/garage/{}", v.vin), false)
        });
    });

    view! {
        <PageFrame title=g.invitation_title.as_str() class="ml-page--narrow">
            <p>{g.invitation_intro.as_str()}</p>
            {move || {
                action
                    .request_error()
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
                    pending=action.pending
                    kind="button"
                    on_click=accept
                />
            </div>
        </PageFrame>
    }
}
