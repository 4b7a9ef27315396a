//! /profile/consents: the four consents, each saved on change, and the full
//! history of choices (B4).

use leptos::prelude::*;
use leptos::task::spawn_local;
use mijn_lexus_contract::profile::{ConsentKind, ConsentRecord, ConsentState, Consents};

use super::format::device_label;
use super::{load, loaded_view, Loaded, ProfilePage, StatusMessage};
use crate::api::profile as api;
use crate::components::protected::Protected;
use crate::format::date_time as format_date_time;
use crate::i18n::{fill, t};
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
        (_, None) => p.consent_never.clone(),
        (true, Some(at)) => fill(&p.consent_given_since, &[("date", &format_date_time(at))]),
        (false, Some(at)) => fill(
            &p.consent_withdrawn_since,
            &[("date", &format_date_time(at))],
        ),
    }
}

#[component]
fn ConsentsPart() -> impl IntoView {
    let p = &t().profile;
    let session = use_session();
    let slot: Loaded<Consents> = RwSignal::new(None);
    let reload = move || load(slot, api::consents(None));
    reload();
    let message = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);

    let set = move |kind: ConsentKind, granted: bool| {
        busy.set(true);
        message.set(None);
        error.set(None);
        spawn_local(async move {
            match api::set_consent(session, kind, granted).await {
                Ok(c) => {
                    let p = &t().profile;
                    let template = if granted {
                        &p.consent_saved_on
                    } else {
                        &p.consent_saved_off
                    };
                    message.set(Some(fill(template, &[("kind", consent_texts(kind).0)])));
                    slot.set(Some(Ok(c)));
                    // The list is drawn anew: keep the keyboard where it was.
                    crate::forms::focus_id(&format!("consent-{}", kind.code()));
                }
                Err(e) => {
                    error.set(Some(e.message()));
                    // Show the stored state again, not what was clicked.
                    slot.update(|s| *s = s.take());
                }
            }
            busy.set(false);
        });
    };

    // Older history rows, appended below the ones shown.
    let more = move |before_id: i64| {
        spawn_local(async move {
            match api::consents(Some(before_id)).await {
                Ok(page) => slot.update(|s| {
                    if let Some(Ok(c)) = s {
                        c.history.extend(page.history);
                        c.next_before_id = page.next_before_id;
                    }
                }),
                Err(e) => error.set(Some(e.message())),
            }
        });
    };

    let content = move |c: Consents| {
        let p = &t().profile;
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
                {history_table(&c.history)}
                {c.next_before_id.map(|next| view! {
                    <button type="button" class="ml-button ml-button--secondary" on:click=move |_| more(next)>
                        {p.history_more.as_str()}
                    </button>
                })}
            </section>
        }
    };

    view! {
        <ProfilePage title=&p.consents_title>
            <p class="ml-lead">{p.consents_intro.as_str()}</p>
            <StatusMessage message=message />
            {move || error.get().map(|m| view! { <p class="ml-notice ml-notice--error" role="alert">{m}</p> })}
            {loaded_view(slot, reload, content)}
        </ProfilePage>
    }
}

fn history_table(history: &[ConsentRecord]) -> impl IntoView {
    let p = &t().profile;
    if history.is_empty() {
        return view! { <p>{p.history_empty.as_str()}</p> }.into_any();
    }
    let rows = history
        .iter()
        .map(|r| {
            let when = format_date_time(r.recorded_at);
            let (given, withdrawn) = if r.granted {
                (when, p.empty_cell.clone())
            } else {
                (p.empty_cell.clone(), when)
            };
            let ua = r.user_agent.clone().unwrap_or_default();
            let device = device_label(&ua);
            view! {
                <tr>
                    <th scope="row">{consent_texts(r.kind).0}</th>
                    <td>{given}</td>
                    <td>{withdrawn}</td>
                    <td title=ua>{device}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="ml-table-wrap" tabindex="0" role="region" aria-labelledby="consent-history">
            <table class="ml-table">
                <caption>{p.history_caption.as_str()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{p.col_kind.as_str()}</th>
                        <th scope="col">{p.col_given.as_str()}</th>
                        <th scope="col">{p.col_withdrawn.as_str()}</th>
                        <th scope="col">{p.col_device.as_str()}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
pub fn ConsentsPage() -> impl IntoView {
    view! { <Protected><ConsentsPart /></Protected> }
}
