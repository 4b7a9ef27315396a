//! The re-acceptance page (A4): while GET /session reports `pending_legal`,
//! every protected page shows the new version(s) instead, to read and
//! accept; afterwards the page the person was on appears.

use leptos::prelude::*;
use leptos::task::spawn_local;
use mijn_lexus_contract::legal::LegalDocument;
use mijn_lexus_contract::profile::PendingLegal;

use super::{load, loaded_view, Loaded};
use crate::api::profile as api;
use crate::components::legal_dialog::{kind_title, render_document};
use crate::forms::{focus_main_heading, set_title};
use crate::i18n::t;
use crate::session::use_session;

#[component]
pub fn LegalGate(pending: Vec<PendingLegal>) -> impl IntoView {
    let p = &t().profile;
    set_title(&p.gate_title);
    focus_main_heading();
    let session = use_session();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<&'static str>);
    let docs = pending
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let slot: Loaded<LegalDocument> = RwSignal::new(None);
            let (kind, version) = (item.kind, item.version);
            let reload = move || load(slot, api::legal_version(kind, version));
            reload();
            let heading_id = format!("gate-doc-{i}");
            let id_heading = heading_id.clone();
            view! {
                <section class="ml-card ml-gate__doc">
                    <h2 class="ml-subtitle" id=id_heading>
                        {kind_title(kind)}
                    </h2>
                    <div class="ml-gate__text" tabindex="0" role="region" aria-labelledby=heading_id>
                        {loaded_view(slot, reload, |d| render_document(&d))}
                    </div>
                </section>
            }
        })
        .collect_view();
    let accept = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let pending = pending.clone();
        spawn_local(async move {
            for item in pending {
                if let Err(e) = api::accept_legal(session, item.kind, item.version).await {
                    error.set(Some(e.message()));
                    break;
                }
            }
            busy.set(false);
        });
    };
    view! {
        <div class="ml-page ml-gate">
            <h1 class="ml-title" tabindex="-1">{p.gate_title.as_str()}</h1>
            <p class="ml-lead">{p.gate_intro.as_str()}</p>
            {docs}
            {move || error.get().map(|m| view! { <p class="ml-notice ml-notice--error" role="alert">{m}</p> })}
            <div class="ml-form__actions">
                <button
                    type="button"
                    class="ml-button ml-button--primary"
                    disabled=busy
                    aria-busy=move || if busy.get() { "true" } else { "false" }
                    on:click=accept
                >
                    {p.gate_accept.as_str()}
                </button>
            </div>
        </div>
    }
}
