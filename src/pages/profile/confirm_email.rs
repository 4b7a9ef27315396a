//! /confirm-email-change?token=…: the link mailed to the new address (B1).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api;
use crate::config::config;
use crate::forms::{focus_main_heading, set_title};
use crate::i18n::t;
use crate::session::use_session;

#[component]
pub fn ConfirmEmailChange() -> impl IntoView {
    let p = &t().profile;
    set_title(&p.email_confirm_title);
    let session = use_session();
    let token = use_query_map()
        .get_untracked()
        .get("token")
        .map(|t| t.trim().to_owned())
        .unwrap_or_default();
    // None: busy; Some(Ok): done.
    let state = LocalResource::new(move || {
        let token = token.clone();
        async move {
            let result = api::profile::confirm_email_change(session, token).await;
            // Untracked: the session changing must not confirm again.
            if result.is_ok() && untrack(|| session.is_signed_in()) {
                // The header shows the new address's account details.
                let _ = api::refresh_session(session).await;
            }
            result
        }
    });
    Effect::new(move |_| {
        if let Some(result) = state.get() {
            set_title(if result.is_ok() {
                &t().profile.email_confirm_done_title
            } else {
                &t().profile.email_confirm_failed_title
            });
            focus_main_heading();
        }
    });

    move || {
        let p = &t().profile;
        match state.get() {
            None => view! {
                <div class="ml-page ml-page--narrow">
                    <h1 class="ml-title" tabindex="-1">{p.email_confirm_title.as_str()}</h1>
                    <p class="ml-loading" role="status">{p.email_confirm_busy.as_str()}</p>
                </div>
            }
            .into_any(),
            Some(Ok(())) => view! {
                <div class="ml-page ml-page--narrow">
                    <div class="ml-card ml-result">
                        <h1 class="ml-title" tabindex="-1">{p.email_confirm_done_title.as_str()}</h1>
                        <p>{p.email_confirm_done_text.as_str()}</p>
                        <p>
                            <a class="ml-button ml-button--primary" href=config().href("/profile")>
                                {p.to_profile.as_str()}
                            </a>
                        </p>
                    </div>
                </div>
            }
            .into_any(),
            Some(Err(e)) => view! {
                <div class="ml-page ml-page--narrow">
                    <h1 class="ml-title" tabindex="-1">{p.email_confirm_failed_title.as_str()}</h1>
                    <div class="ml-notice ml-notice--error">
                        <p>{e.message()}</p>
                        <p>{p.email_confirm_failed_text.as_str()}</p>
                    </div>
                    <p>
                        <a href=config().href("/profile/email")>{p.to_profile.as_str()}</a>
                    </p>
                </div>
            }
            .into_any(),
        }
    }
}
