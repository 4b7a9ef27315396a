//! /sign-in?next=…: "Aanmelden" (A2).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use mijn_lexus_contract::account::{EmailRequest, SignInRequest};
use mijn_lexus_contract::{routes, ErrorCode};

use crate::api;
use crate::components::error_summary::ErrorSummary;
use crate::components::field::{Field, SubmitButton};
use crate::components::page_frame::PageFrame;
use crate::config::{config, navigate_to, safe_next};
use crate::forms::FormState;
use crate::i18n::t;
use crate::session::{use_session, SessionStatus};

#[component]
pub fn SignIn() -> impl IntoView {
    let tx = t();
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let form = FormState::new();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let resent_to = RwSignal::new(None::<String>);

    // Signed in (now, or already when arriving): go where the person was going.
    Effect::new(move |_| {
        if session.status.get() == SessionStatus::Ready && session.is_signed_in() {
            let next = query.with_untracked(|q| q.get("next"));
            navigate_to(&navigate, safe_next(next.as_deref()), true);
        }
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        resent_to.set(None);
        let request = SignInRequest {
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        if let Err(errors) = request.validate() {
            form.fail_fields(errors);
            return;
        }
        // The effect above navigates.
        let send = async move { api::sign_in(session, &request).await };
        form.submit(send, move |()| password.set(String::new()));
    };

    // Sent through the sign-in form, whose error offers it; the error
    // (and so the button) stays while the mail goes out.
    let resend = move |()| {
        if form.pending.get_untracked() {
            return;
        }
        let request = EmailRequest {
            email: email.get_untracked(),
        };
        let address = request.email.trim().to_owned();
        let send =
            async move { api::post_ok(session, routes::RESEND_CONFIRMATION, &request).await };
        form.submit(send, move |()| resent_to.set(Some(address)));
    };

    let resend = Callback::new(resend);
    let resend_button = move || {
        (form.request_code() == Some(ErrorCode::EmailNotConfirmed)).then(|| {
            view! {
                <SubmitButton
                    label=tx.common.resend_confirmation.as_str()
                    pending=form.pending
                    kind="button"
                    class="ml-button ml-button--secondary"
                    on_click=resend
                />
            }
        })
    };

    view! {
        <PageFrame title=tx.account.sign_in_title.as_str() class="ml-page--narrow">
            <ErrorSummary form=form labels=vec![("email", tx.common.email.as_str()), ("password", tx.common.password.as_str())]>
                {resend_button}
            </ErrorSummary>
            <div role="status" class="ml-status">
                {move || {
                    resent_to
                        .get()
                        .map(|a| view! { <p class="ml-notice ml-notice--ok">{tx.common.resend_done(&a)}</p> })
                }}
            </div>
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
                <Field
                    id="password"
                    label=tx.common.password.as_str()
                    value=password
                    kind="password"
                    autocomplete="current-password"
                    required=true
                    error=form.field("password")
                />
                <div class="ml-form__actions ml-form__actions--split">
                    <SubmitButton label=tx.account.sign_in_submit.as_str() pending=form.pending />
                    <a href=config().href("/forgot-password")>{tx.account.sign_in_forgot.as_str()}</a>
                </div>
            </form>
            <p class="ml-aside">
                {tx.account.sign_in_no_account.as_str()}" "
                <a href=config().href("/register")>{tx.account.sign_in_register.as_str()}</a>
            </p>
            <p class="ml-muted">{tx.account.sign_in_shared_computer.as_str()}</p>
        </PageFrame>
    }
}
