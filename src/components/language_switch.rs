//! The language switch in the header (G1): the three languages by their own
//! names. Signed in, the choice is also stored in the profile; after sign-in
//! the profile's language wins over the browser's.

use leptos::prelude::*;
use leptos::task::spawn_local;
use mijn_lexus_contract::Language;

use crate::api::profile as api;
use crate::i18n::{lang, remember_language, switch_language, t};
use crate::session::use_session;

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let session = use_session();
    let busy = RwSignal::new(false);

    // The profile's language wins once someone is signed in: remember it and
    // show the portal in it (only when the browser keeps the choice, so a
    // refusing private mode cannot cause a reload loop).
    Effect::new(move |_| {
        let wanted = session.user.with(|u| u.as_ref().map(|u| u.language));
        if let Some(wanted) = wanted.filter(|w| *w != lang()) {
            remember_language(wanted);
            if crate::i18n::initial_language() == wanted {
                switch_language(wanted);
            }
        }
    });

    let choose = move |to: Language| {
        if busy.get_untracked() || to == lang() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            if session.is_signed_in() {
                // Failing to store it only means the profile keeps the old
                // language; the switch itself still happens.
                let _ = api::set_language(session, to).await;
            }
            switch_language(to);
        });
    };

    let buttons = Language::ALL
        .into_iter()
        .map(|l| {
            let current = l == lang();
            view! {
                <li>
                    <button
                        type="button"
                        class="ml-lang__button"
                        lang=l.code()
                        aria-pressed=if current { "true" } else { "false" }
                        disabled=busy
                        on:click=move |_| choose(l)
                    >
                        {l.endonym()}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="ml-lang" aria-label=t().profile.language_label.as_str()>
            <ul class="ml-lang__list">{buttons}</ul>
        </nav>
    }
}
