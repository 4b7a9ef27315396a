//! /forgot-password: ask for a reset link (A3). The answer is the same
//! whether or not the address has an account.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use mijn_lexus_contract::account::EmailRequest;
use mijn_lexus_contract::routes;

use crate::api;
use crate::components::error_summary::ErrorSummary;
use crate::components::field::{Field, SubmitButton};
use crate::config::config;
use crate::forms::{focus_main_heading, set_title, FormState};
use crate::i18n::t;
use crate::session::use_session;

#[component]
pub fn ForgotPassword() -> impl IntoView {
    let tx = t();
    set_title(tx.account.forgot_title.as_str());
    let session = use_session();
    let form = FormState::new();
    let email = RwSignal::new(String::new());
    let sent_to = RwSignal::new(None::<String>);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        let request = EmailRequest {
            email: email.get_untracked(),
        };
        if let Err(errors) = request.validate() {
            form.fail_fields(errors);
            return;
        }
        let address = request.email.trim().to_owned();
        let send = async move { api::post_ok(session, routes::PASSWORD_RESET, &request).await };
        form.submit(send, move |()| {
            sent_to.set(Some(address));
            set_title(t().common.check_email_title.as_str());
            focus_main_heading();
        });
    };

    move || {
        match sent_to.get() {
        Some(address) => view! {
            <div class="ml-page ml-page--narrow">
                <div class="ml-card ml-result">
                    <h1 class="ml-title" tabindex="-1">{tx.common.check_email_title.as_str()}</h1>
                    <p>{tx.account.forgot_done(&address)}</p>
                    <p class="ml-muted">{tx.account.forgot_done_next.as_str()}</p>
                    <p>
                        <a href=config().href("/sign-in")>{tx.common.sign_in_link.as_str()}</a>
                    </p>
                </div>
            </div>
        }
        .into_any(),
        None => view! {
            <div class="ml-page ml-page--narrow">
                <h1 class="ml-title" tabindex="-1">{tx.account.forgot_title.as_str()}</h1>
                <p class="ml-lead">{tx.account.forgot_intro.as_str()}</p>
                <ErrorSummary form=form labels=vec![("email", tx.common.email.as_str())] />
                <form class="ml-form ml-card" novalidate on:submit=submit>
                    <Field
                        id="email"
                        label=tx.common.email.as_str()
                        value=email
                        kind="email"
                        autocomplete="email"
                        required=true
                        error=form.field("email")
                    />
                    <div class="ml-form__actions ml-form__actions--split">
                        <SubmitButton label=tx.account.forgot_submit.as_str() pending=form.pending />
                        <a href=config().href("/sign-in")>{tx.common.sign_in_link.as_str()}</a>
                    </div>
                </form>
            </div>
        }
        .into_any(),
    }
    }
}
