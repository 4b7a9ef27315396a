//! The re-acceptance page (A4): while GET /session reports `pending_legal`,
//! every protected page shows the new version(s) instead, to read and
//! accept; afterwards the page the person was on appears.

use leptos::prelude::*;
use mijn_lexus_contract::profile::PendingLegal;

use crate::api::profile as api;
use crate::components::field::SubmitButton;
use crate::components::legal_dialog::{kind_title, render_document};
use crate::components::loading::{Loaded, RequestError};
use crate::components::page_frame::PageFrame;
use crate::forms::{focus_main_heading, FormState};
use crate::i18n::t;
use crate::session::use_session;

#[component]
pub fn LegalGate(pending: Vec<PendingLegal>) -> impl IntoView {
    let p = &t().profile;
    focus_main_heading();
    let session = use_session();
    let action = FormState::new();
    let docs = pending
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let (kind, version) = (item.kind, item.version);
            let doc = LocalResource::new(move || api::legal_version(kind, version));
            let heading_id = format!("gate-doc-{i}");
            let id_heading = heading_id.clone();
            view! {
                <section class="ml-card ml-gate__doc">
                    <h2 class="ml-subtitle" id=id_heading>
                        {kind_title(kind)}
                    </h2>
                    <div class="ml-gate__text" tabindex="0" role="region" aria-labelledby=heading_id>
                        <Loaded resource=doc let:d>{render_document(&d)}</Loaded>
                    </div>
                </section>
            }
        })
        .collect_view();
    // Accepted one by one; once all are, the session no longer lists them
    // and the page the person was on appears.
    let accept = move |()| {
        if !action.begin() {
            return;
        }
        let pending = pending.clone();
        let send = async move {
            for item in pending {
                api::accept_legal(session, item.kind, item.version).await?;
            }
            Ok(())
        };
        action.submit(send, |()| ());
    };
    view! {
        <PageFrame title=p.gate_title.as_str() class="ml-gate">
            <p class="ml-lead">{p.gate_intro.as_str()}</p>
            {docs}
            {move || action.request_error().map(|error| view! { <RequestError error /> })}
            <div class="ml-form__actions">
                <SubmitButton label=&p.gate_accept pending=action.pending kind="button" on_click=Callback::new(accept) />
            </div>
        </PageFrame>
    }
}
