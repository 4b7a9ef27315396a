//! Pages behind sign-in: anonymous visitors go to `/sign-in?next=<path>` and
//! come back after signing in.

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use leptos_router::hooks::{use_location, use_navigate};
use mijn_lexus_contract::profile::PendingLegal;

use crate::api;
use crate::areas::AreaLoadFailed;
use crate::config::{config, encode_query_value, navigate_to};
use crate::i18n::t;
use crate::pages::profile::gate::LegalGate;
use crate::session::{use_session, SessionStatus};

#[component]
pub fn Protected(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let navigate = use_navigate();
    // The page this guard protects; after a sign-out the app navigates away
    // first, and the guard must then not send anyone back here.
    let guarded = location.pathname.get_untracked();

    Effect::new(move |_| {
        let anonymous = session.status.get() == SessionStatus::Ready && !session.is_signed_in();
        if anonymous && location.pathname.get_untracked() == guarded {
            // The router's `search` comes without its "?".
            let search = location.search.get_untracked();
            let here = format!(
                "{}{}{}",
                config().strip_base(&guarded),
                if search.is_empty() || search.starts_with('?') {
                    ""
                } else {
                    "?"
                },
                search
            );
            let target = if here == "/" {
                "/sign-in".to_owned()
            } else {
                format!("/sign-in?next={}", encode_query_value(&here))
            };
            navigate_to(&navigate, &target, true);
        }
    });

    let retry = move |_| {
        session.status.set(SessionStatus::Loading);
        api::renew_session(session);
    };

    // Memos: the page is drawn anew only when these change, not when the
    // session is refreshed or the user's name is updated.
    let state = Memo::new(move |_| (session.status.get(), session.is_signed_in()));
    let pending_legal = Memo::new(move |_| session.pending_legal.get());
    move || {
        match state.get() {
        (_, true) => {
            let pending = pending_legal.get();
            if pending.is_empty() {
                children().into_any()
            } else {
                Suspend::new(async move {
                    legal_gate(pending)
                        .await
                        .unwrap_or_else(|_| view! { <AreaLoadFailed /> }.into_any())
                })
                .into_any()
            }
        }
        (SessionStatus::Unavailable, false) => view! {
            <div class="ml-page ml-page--narrow">
                <div class="ml-notice ml-notice--error" role="alert">
                    <p>{t().common.session_unavailable.as_str()}" "{t().common.no_connection.as_str()}</p>
                    <button type="button" class="ml-button ml-button--secondary" on:click=retry>
                        {t().common.retry.as_str()}
                    </button>
                </div>
            </div>
        }
        .into_any(),
        _ => view! { <p class="ml-loading" role="status">{t().common.loading.as_str()}</p> }.into_any(),
    }
    }
}

/// The re-acceptance page (A4), fetched only when a user has new terms to
/// accept: every signed-in page can show it, and it would otherwise travel
/// with each of them, the start page included. It travels with the account
/// area (registration: the same legal texts and acceptance): an area of its
/// own cut the code the areas share into 16 more chunks, which every first
/// visit paid for in requests and start-up time.
#[leptos::wasm_split::wasm_split(
    account_area,
    wasm_split_path = ::leptos::wasm_split,
    fallible
)]
fn legal_gate(pending: Vec<PendingLegal>) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <LegalGate pending=pending /> }.into_any())
}
