//! /profile/consents: the four consents, each saved on change, and the full
//! history of choices (B4).

use leptos::prelude::*;
use mijn_lexus_contract::profile::{ConsentKind, ConsentRecord, ConsentState, Consents};

use super::format::device_label;
use super::{ProfilePage, StatusMessage};
use crate::api::profile as api;
use crate::components::loading::{into_resource, load_older, Loaded, RequestError};
use crate::components::table::{DataTable, Older, Paging};
use crate::format::date_time as format_date_time;
use crate::forms::FormState;
use crate::i18n::t;
use crate::session::use_session;

/// (label, hint) of a consent kind.
pub fn consent_texts(kind: ConsentKind) -> (&'static str, &'static str) {
    let p = &t().profile;
    match kind {
        ConsentKind::MarketingEmail => {
            (&p.consent_marketing_email, &p.consent_marketing_email_hint)
        }
        ConsentKind::MarketingPhone => {
            (&p.consent_marketing_phone, &p.consent_marketing_phone_hint)
        }
        ConsentKind::Newsletter => (&p.consent_newsletter, &p.consent_newsletter_hint),
        ConsentKind::DealerDataSharing => (
            &p.consent_dealer_data_sharing,
            &p.consent_dealer_data_sharing_hint,
        ),
    }
}

fn state_text(s: &ConsentState) -> String {
    let p = &t().profile;
    match (s.granted, s.since) {
        (_, None) => p.consent_never.to_string(),
        (true, Some(at)) => p.consent_given_since(&format_date_time(at)),
        (false, Some(at)) => p.consent_withdrawn_since(&format_date_time(at)),
    }
}

#[component]
pub fn ConsentsPage() -> impl IntoView {
    let p = &t().profile;
    let session = use_session();
    let consents = LocalResource::new(|| api::consents(None));
    let message = RwSignal::new(None::<String>);
    let action = FormState::new();
    let busy = action.pending;

    let set = move |kind: ConsentKind, granted: bool| {
        if !action.begin() {
            return;
        }
        message.set(None);
        let request = async move {
            let answer = api::set_consent(session, kind, granted).await;
            if answer.is_err() {
                // Show the stored state again, not what was clicked.
                consents.update(|c| *c = c.take());
            }
            answer
        };
        action.submit(request, move |c| {
            let p = &t().profile;
            let kind_name = consent_texts(kind).0;
            message.set(Some(if granted {
                p.consent_saved_on(kind_name)
            } else {
                p.consent_saved_off(kind_name)
            }));
            consents.set(Some(Ok(c)));
            // The list is drawn anew: keep the keyboard where it was.
            crate::forms::focus_id(&format!("consent-{}", kind.code()));
        });
    };

    // Older history rows, appended below the ones shown.
    let older = FormState::new();
    let more = move |(before_id, shown): (i64, usize)| {
        load_older(
            older,
            api::consents(Some(before_id)),
            into_resource(consents, |c, page: Consents| {
                c.history.extend(page.history);
                c.next_before_id = page.next_before_id;
            }),
            format!("consent-history-row-{shown}"),
        )
    };

    let content = move |c: Consents| {
        let p = &t().profile;
        let shown = c.history.len();
        let older_records = c.next_before_id.map(|next| Older {
            label: p.history_more.as_str(),
            fetch: Callback::new(move |()| more((next, shown))),
            pending: older.pending,
        });
        let switches = c
            .current
            .iter()
            .map(|s| {
                let kind = s.kind;
                let (label, hint) = consent_texts(kind);
                let id = format!("consent-{}", kind.code());
                let hint_id = format!("{id}-hint");
                let state_id = format!("{id}-state");
                let described = format!("{hint_id} {state_id}");
                let granted = s.granted;
                view! {
                    <li class="ml-consent">
                        <div class="ml-check__row">
                            <input
                                class="ml-check__box"
                                type="checkbox"
                                role="switch"
                                id=id.clone()
                                aria-describedby=described
                                prop:checked=granted
                                disabled=busy
                                on:change=move |ev| set(kind, event_target_checked(&ev))
                            />
                            <label class="ml-check__label" for=id>{label}</label>
                        </div>
                        <p class="ml-field__hint ml-check__hint" id=hint_id>{hint}</p>
                        <p class="ml-consent__state ml-check__hint" id=state_id>{state_text(s)}</p>
                    </li>
                }
            })
            .collect_view();
        view! {
            <ul class="ml-card ml-consents">{switches}</ul>
            <section class="ml-profile__section">
                <h2 class="ml-subtitle" id="consent-history">{p.history_heading.as_str()}</h2>
                {history_table(c.history, older_records)}
            </section>
        }
    };

    view! {
        <ProfilePage title=&p.consents_title>
            <p class="ml-lead">{p.consents_intro.as_str()}</p>
            <StatusMessage message=message />
            {move || action.request_error().map(|error| view! { <RequestError error /> })}
            {move || older.request_error().map(|error| view! { <RequestError error /> })}
            <Loaded resource=consents let:c>{content(c)}</Loaded>
        </ProfilePage>
    }
}

fn history_table(history: Vec<ConsentRecord>, older: Option<Older>) -> impl IntoView {
    let p = &t().profile;
    if history.is_empty() {
        return view! { <p>{p.history_empty.as_str()}</p> }.into_any();
    }
    let row = |r: ConsentRecord| {
        let p = &t().profile;
        let when = format_date_time(r.recorded_at);
        let (given, withdrawn) = if r.granted {
            (when, p.empty_cell.to_string())
        } else {
            (p.empty_cell.to_string(), when)
        };
        let ua = r.user_agent.unwrap_or_default();
        let device = device_label(&ua);
        view! {
            <th scope="row">{consent_texts(r.kind).0}</th>
            <td>{given}</td>
            <td>{withdrawn}</td>
            <td title=ua>{device}</td>
        }
    };
    view! {
        <DataTable
            labelled_by="consent-history"
            caption=p.history_caption.as_str()
            columns=vec![
                p.col_kind.as_str(),
                p.col_given.as_str(),
                p.col_withdrawn.as_str(),
                p.col_device.as_str(),
            ]
            records=history
            row
            paging=Paging::Server(older.into())
        />
    }
    .into_any()
}
