//! /sign-in?next=…: "Aanmelden" (A2).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use mijn_lexus_contract::account::{EmailRequest, SignInRequest};
use mijn_lexus_contract::{routes, ErrorCode};

use crate::api;
use crate::components::error_summary::ErrorSummary;
use crate::components::field::{Field, SubmitButton};
use crate::config::{config, navigate_to, safe_next};
use crate::forms::{set_title, FormState};
use crate::i18n::t;
use crate::session::{use_session, SessionStatus};

#[component]
pub fn SignIn() -> impl IntoView {
    let tx = t();
    set_title(tx.account.sign_in_title.as_str());
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let form = FormState::new();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let resent_to = RwSignal::new(None::<String>);
    let resend_pending = RwSignal::new(false);

    // Signed in (now, or already when arriving): go where the person was going.
    Effect::new(move |_| {
        if session.status.get() == SessionStatus::Ready && session.is_signed_in() {
            let next = query.with_untracked(|q| q.get("next"));
            navigate_to(&navigate, safe_next(next.as_deref()), true);
        }
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if form.pending.get_untracked() {
            return;
        }
        form.begin();
        resent_to.set(None);
        let request = SignInRequest {
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        if let Err(errors) = request.validate() {
            form.fail_fields(errors);
            return;
        }
        form.pending.set(true);
        spawn_local(async move {
            match api::sign_in(session, &request).await {
                // The effect above navigates.
                Ok(()) => password.set(String::new()),
                Err(e) => form.fail(e, str::to_owned),
            }
            form.pending.set(false);
        });
    };

    let resend = move |()| {
        if resend_pending.get_untracked() {
            return;
        }
        let request = EmailRequest {
            email: email.get_untracked(),
        };
        resend_pending.set(true);
        spawn_local(async move {
            match api::post_ok(session, routes::RESEND_CONFIRMATION, &request).await {
                Ok(()) => resent_to.set(Some(request.email.trim().to_owned())),
                Err(e) => form.fail(e, str::to_owned),
            }
            resend_pending.set(false);
        });
    };

    let resend = Callback::new(resend);
    let resend_button = move || {
        (form.request_code() == Some(ErrorCode::EmailNotConfirmed)).then(|| {
            view! {
                <SubmitButton
                    label=tx.common.resend_confirmation.as_str()
                    pending=resend_pending
                    kind="button"
                    class="ml-button ml-button--secondary"
                    on_click=resend
                />
            }
        })
    };

    view! {
        <div class="ml-page ml-page--narrow">
            <h1 class="ml-title" tabindex="-1">{tx.account.sign_in_title.as_str()}</h1>
            <ErrorSummary form=form labels=vec![("email", tx.common.email.as_str()), ("password", tx.common.password.as_str())]>
                {resend_button}
            </ErrorSummary>
            <div role="status" class="ml-status">
                {move || {
                    resent_to
                        .get()
                        .map(|a| view! { <p class="ml-notice ml-notice--ok">{crate::i18n::fill(&tx.common.resend_done, &[("email", &a)])}</p> })
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
        </div>
    }
}
