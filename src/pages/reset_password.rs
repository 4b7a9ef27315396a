//! /reset-password?token=…: choose a new password (A3).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use mijn_lexus_contract::account::ResetPasswordRequest;
use mijn_lexus_contract::{routes, ErrorCode};

use crate::api::{self, ClientError};
use crate::components::error_summary::ErrorSummary;
use crate::components::field::{Field, SubmitButton};
use crate::config::config;
use crate::forms::{focus_main_heading, set_title, FormState};
use crate::i18n::t;
use crate::session::use_session;

fn is_token_error(code: Option<ErrorCode>) -> bool {
    matches!(
        code,
        Some(ErrorCode::TokenInvalid | ErrorCode::TokenExpired | ErrorCode::TokenUsed)
    )
}

#[component]
pub fn ResetPassword() -> impl IntoView {
    let tx = t();
    set_title(tx.account.reset_title.as_str());
    let session = use_session();
    let token = use_query_map()
        .get_untracked()
        .get("token")
        .map(|t| t.trim().to_owned())
        .unwrap_or_default();
    let form = FormState::new();
    let password = RwSignal::new(String::new());
    let password_confirmation = RwSignal::new(String::new());
    let show_password = RwSignal::new(false);
    let done = RwSignal::new(false);

    // A link without a token cannot work: say so straight away.
    if token.is_empty() {
        form.fail(
            ClientError::from_code(ErrorCode::TokenInvalid),
            str::to_owned,
        );
    }

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        let request = ResetPasswordRequest {
            token: token.clone(),
            password: password.get_untracked(),
            password_confirmation: password_confirmation.get_untracked(),
        };
        if request.token.is_empty() {
            form.fail(
                ClientError::from_code(ErrorCode::TokenInvalid),
                str::to_owned,
            );
            return;
        }
        if let Err(errors) = request.validate(|_| false) {
            form.fail_fields(errors);
            return;
        }
        let send =
            async move { api::post_ok(session, routes::PASSWORD_RESET_COMPLETE, &request).await };
        form.submit(send, move |()| {
            password.set(String::new());
            password_confirmation.set(String::new());
            // Every session of the account has ended, ours too.
            session.user.set(None);
            done.set(true);
            set_title(t().account.reset_done_title.as_str());
            focus_main_heading();
            api::renew_session(session);
        });
    };
    let submit = StoredValue::new(submit);

    let new_link = move || {
        is_token_error(form.request_code()).then(|| {
            view! {
                <p>
                    <a class="ml-button ml-button--secondary" href=config().href("/forgot-password")>
                        {tx.account.reset_new_link.as_str()}
                    </a>
                </p>
            }
        })
    };

    move || {
        if done.get() {
            view! {
                <div class="ml-page ml-page--narrow">
                    <div class="ml-card ml-result">
                        <h1 class="ml-title" tabindex="-1">{tx.account.reset_done_title.as_str()}</h1>
                        <p>{tx.account.reset_done_text.as_str()}</p>
                        <p>
                            <a class="ml-button ml-button--primary" href=config().href("/sign-in")>
                                {tx.common.sign_in_link.as_str()}
                            </a>
                        </p>
                    </div>
                </div>
            }
            .into_any()
        } else {
            view! {
                <div class="ml-page ml-page--narrow">
                    <h1 class="ml-title" tabindex="-1">{tx.account.reset_title.as_str()}</h1>
                    <p class="ml-lead">{tx.account.reset_intro.as_str()}</p>
                    <ErrorSummary
                        form=form
                        labels=vec![
                            ("password", tx.account.new_password.as_str()),
                            ("password_confirmation", tx.account.new_password_confirmation.as_str()),
                        ]
                    />
                    {new_link}
                    <form
                        class="ml-form ml-card"
                        novalidate
                        on:submit=move |ev| submit.with_value(|f| f(ev))
                    >
                        <Field
                            id="password"
                            label=tx.account.new_password.as_str()
                            value=password
                            kind="password"
                            autocomplete="new-password"
                            hint=tx.account.password_hint.as_str()
                            reveal=show_password
                            reveal_toggle=true
                            required=true
                            error=form.field("password")
                        />
                        <Field
                            id="password_confirmation"
                            label=tx.account.new_password_confirmation.as_str()
                            value=password_confirmation
                            kind="password"
                            autocomplete="new-password"
                            reveal=show_password
                            required=true
                            error=form.field("password_confirmation")
                        />
                        <div class="ml-form__actions">
                            <SubmitButton label=tx.account.reset_submit.as_str() pending=form.pending />
                        </div>
                    </form>
                </div>
            }
            .into_any()
        }
    }
}
