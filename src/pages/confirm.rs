//! /confirm?token=…: the link from the confirmation mail (A1).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use mijn_lexus_contract::account::{ConfirmEmailRequest, EmailRequest};
use mijn_lexus_contract::{routes, ErrorCode};

use crate::api::{self, ClientError};
use crate::components::card::Card;
use crate::components::error_summary::ErrorSummary;
use crate::components::field::{Field, SubmitButton};
use crate::config::config;
use crate::forms::{focus_main_heading, set_title, FormState};
use crate::i18n::t;
use crate::session::use_session;

#[derive(Clone, Debug, PartialEq)]
enum State {
    Busy,
    Confirmed,
    Failed(ClientError),
}

#[component]
pub fn Confirm() -> impl IntoView {
    let tx = t();
    set_title(tx.account.confirm_title.as_str());
    let session = use_session();
    let token = use_query_map()
        .get_untracked()
        .get("token")
        .map(|t| t.trim().to_owned())
        .unwrap_or_default();
    let outcome = LocalResource::new(move || {
        let token = token.clone();
        async move {
            if token.is_empty() {
                return Err(ClientError::from_code(ErrorCode::TokenInvalid));
            }
            let request = ConfirmEmailRequest { token };
            api::post_ok(session, routes::CONFIRM_EMAIL, &request).await
        }
    });
    let state = move || match outcome.get() {
        None => State::Busy,
        Some(Ok(())) => State::Confirmed,
        Some(Err(e)) => State::Failed(e),
    };
    Effect::new(move |_| {
        let title = match state() {
            State::Busy => return,
            State::Confirmed => &t().account.confirm_done_title,
            State::Failed(_) => &t().account.confirm_failed_title,
        };
        set_title(title);
        focus_main_heading();
    });

    move || match state() {
        State::Busy => view! {
            <div class="ml-page ml-page--narrow">
                <h1 class="ml-title" tabindex="-1">{tx.account.confirm_title.as_str()}</h1>
                <p class="ml-loading" role="status">{tx.account.confirm_busy.as_str()}</p>
            </div>
        }
        .into_any(),
        State::Confirmed => view! {
            <div class="ml-page ml-page--narrow">
                <div class="ml-card ml-result">
                    <h1 class="ml-title" tabindex="-1">{tx.account.confirm_done_title.as_str()}</h1>
                    <p>{tx.account.confirm_done_text.as_str()}</p>
                    <p>
                        <a class="ml-button ml-button--primary" href=config().href("/sign-in")>
                            {tx.common.sign_in_link.as_str()}
                        </a>
                    </p>
                </div>
            </div>
        }
        .into_any(),
        State::Failed(error) => {
            let network = error == ClientError::Network;
            view! {
                <div class="ml-page ml-page--narrow">
                    <h1 class="ml-title" tabindex="-1">{tx.account.confirm_failed_title.as_str()}</h1>
                    <div class="ml-notice ml-notice--error">
                        <p>{error.message()}</p>
                        {network
                            .then(|| {
                                view! {
                                    <button
                                        type="button"
                                        class="ml-button ml-button--secondary"
                                        on:click=move |_| outcome.refetch()
                                    >
                                        {tx.common.retry.as_str()}
                                    </button>
                                }
                            })}
                    </div>
                    <ResendForm />
                </div>
            }
            .into_any()
        }
    }
}

/// "Send the confirmation mail again": asks only for the address and never
/// says whether it has an account.
#[component]
pub fn ResendForm() -> impl IntoView {
    let tx = t();
    let session = use_session();
    let form = FormState::new();
    let email = RwSignal::new(String::new());
    let sent_to = RwSignal::new(None::<String>);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        sent_to.set(None);
        let request = EmailRequest {
            email: email.get_untracked(),
        };
        if let Err(errors) = request.validate() {
            form.fail_fields(errors);
            return;
        }
        let address = request.email.trim().to_owned();
        let send =
            async move { api::post_ok(session, routes::RESEND_CONFIRMATION, &request).await };
        form.submit(send, move |()| sent_to.set(Some(address)));
    };

    view! {
        <Card id="opnieuw-titel" title=tx.common.resend_title.as_str() heading_class="ml-subtitle">
            <p>{tx.account.confirm_resend_intro.as_str()}</p>
            <ErrorSummary form=form labels=vec![("email", tx.common.email.as_str())] />
            <form class="ml-form" novalidate on:submit=submit>
                <Field
                    id="email"
                    label=tx.common.email.as_str()
                    value=email
                    kind="email"
                    autocomplete="email"
                    required=true
                    error=form.field("email")
                />
                <div class="ml-form__actions">
                    <SubmitButton label=tx.common.resend_confirmation.as_str() pending=form.pending />
                </div>
            </form>
            <div role="status" class="ml-status">
                {move || sent_to.get().map(|a| view! { <p class="ml-notice ml-notice--ok">{tx.common.resend_done(&a)}</p> })}
            </div>
        </Card>
    }
}
