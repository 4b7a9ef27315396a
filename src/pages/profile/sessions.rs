//! "Waar u aangemeld bent" on the security page (/profile/password): the
//! user's own signed-in sessions with device, sign-in time and last activity,
//! this device marked, each other one can be signed out, or all at once
//! (ASVS 3.3.4).

use leptos::prelude::*;
use leptos::task::spawn_local;
use mijn_lexus_contract::profile::{SessionInfo, SessionList};

use super::format::device_label;
use super::{load, loaded_view, Loaded, StatusMessage};
use crate::api::profile as api;
use crate::format::date_time;
use crate::i18n::{fill, t};
use crate::session::use_session;

#[component]
pub fn Sessions() -> impl IntoView {
    let p = &t().profile;
    let session = use_session();
    let slot: Loaded<SessionList> = RwSignal::new(None);
    let reload = move || load(slot, api::sessions());
    reload();
    let message = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);

    // `Some(id)`: that session; `None`: every other one.
    let end = move |id: Option<String>| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        message.set(None);
        error.set(None);
        spawn_local(async move {
            let result = match &id {
                Some(id) => api::end_session(session, id).await,
                None => api::end_other_sessions(session).await,
            };
            match result {
                Ok(()) => {
                    let p = &t().profile;
                    let done = if id.is_some() {
                        &p.session_ended
                    } else {
                        &p.sessions_others_ended
                    };
                    message.set(Some(done.clone()));
                    slot.set(Some(api::sessions().await));
                    // The rows are drawn anew: keep the keyboard in the section.
                    crate::forms::focus_id("sessions-heading");
                }
                Err(e) => error.set(Some(e.message())),
            }
            busy.set(false);
        });
    };

    let content = move |list: SessionList| {
        let p = &t().profile;
        let others = list.sessions.iter().any(|s| !s.current);
        view! {
            {sessions_table(&list.sessions, end, busy)}
            {if others {
                view! {
                    <button
                        type="button"
                        class="ml-button ml-button--secondary"
                        disabled=busy
                        on:click=move |_| end(None)
                    >
                        {p.sessions_end_others.as_str()}
                    </button>
                }
                    .into_any()
            } else {
                view! { <p>{p.sessions_only_this.as_str()}</p> }.into_any()
            }}
        }
    };

    view! {
        <section class="ml-profile__section" aria-labelledby="sessions-heading">
            <h2 class="ml-subtitle" id="sessions-heading" tabindex="-1">
                {p.sessions_heading.as_str()}
            </h2>
            <p>{p.sessions_intro.as_str()}</p>
            <StatusMessage message=message />
            {move || error.get().map(|m| view! { <p class="ml-notice ml-notice--error" role="alert">{m}</p> })}
            {loaded_view(slot, reload, content)}
        </section>
    }
}

fn sessions_table(
    sessions: &[SessionInfo],
    end: impl Fn(Option<String>) + Copy + Send + Sync + 'static,
    busy: RwSignal<bool>,
) -> impl IntoView {
    let p = &t().profile;
    let rows = sessions
        .iter()
        .map(|s| {
            let ua = s.user_agent.clone().unwrap_or_default();
            let device = device_label(&ua);
            let last_seen = date_time(s.last_seen_at);
            let action = if s.current {
                view! { <strong>{p.session_current.as_str()}</strong> }.into_any()
            } else {
                let id = s.id.clone();
                let label = fill(
                    &p.session_end_label,
                    &[("device", &device), ("date", &last_seen)],
                );
                view! {
                    <button
                        type="button"
                        class="ml-button ml-button--link"
                        aria-label=label
                        disabled=busy
                        on:click=move |_| end(Some(id.clone()))
                    >
                        {p.session_end.as_str()}
                    </button>
                }
                .into_any()
            };
            view! {
                <tr>
                    <th scope="row" title=ua>{device}</th>
                    <td>{date_time(s.created_at)}</td>
                    <td>{last_seen}</td>
                    <td>{action}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        // Named by its caption: the section around it already carries the heading's name,
        // and two landmarks with one name confuse screen-reader navigation (axe landmark-unique).
        <div class="ml-table-wrap" tabindex="0" role="region" aria-labelledby="sessions-caption">
            <table class="ml-table">
                <caption id="sessions-caption">{p.sessions_caption.as_str()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{p.col_device.as_str()}</th>
                        <th scope="col">{p.col_signed_in.as_str()}</th>
                        <th scope="col">{p.col_last_seen.as_str()}</th>
                        <th scope="col">{p.col_session_action.as_str()}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
