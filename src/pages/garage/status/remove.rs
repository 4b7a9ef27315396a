//! Removing the vehicle (C2), or leaving it as a secondary user (C3).

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::garage as api;
use crate::components::card::Card;
use crate::components::confirm_action::ConfirmAction;
use crate::components::loading::RequestError;
use crate::config::navigate_to;
use crate::forms::FormState;
use crate::i18n::t;
use crate::session::use_session;

/// The main user removes the vehicle for everyone; a secondary user (`leave`)
/// ends only their own access (the same DELETE, the server knows the role).
#[component]
pub(super) fn RemoveSection(vin: String, leave: bool) -> impl IntoView {
    let g = &t().garage;
    let (heading, intro, button, confirm, yes) = if leave {
        (
            &g.leave_heading,
            &g.leave_intro,
            &g.leave,
            &g.leave_confirm,
            &g.leave_yes,
        )
    } else {
        (
            &g.remove_heading,
            &g.remove_intro,
            &g.remove,
            &g.remove_confirm,
            &g.remove_yes,
        )
    };
    let session = use_session();
    let navigate = use_navigate();
    let action = FormState::new();

    let remove = Callback::new(move |()| {
        if !action.begin() {
            return;
        }
        let navigate = navigate.clone();
        let vin = vin.clone();
        let send = async move { api::remove(session, &vin).await };
        action.submit(send, move |()| {
            navigate_to(&navigate, "/garage?removed=1", false)
        });
    });

    view! {
        <Card id="remove-heading" title=heading.as_str() class="ml-garage__section">
            <p>{intro.as_str()}</p>
            {move || action.request_error().map(|error| view! { <RequestError error /> })}
            <ConfirmAction
                id="remove-confirm"
                button=button.as_str()
                question=confirm.as_str()
                yes=yes.as_str()
                form=action
                on_confirm=remove
            />
        </Card>
    }
}
