//! "Waar u aangemeld bent" on the security page (/profile/password): the
//! user's own signed-in sessions with device, sign-in time and last activity,
//! this device marked, each other one can be signed out, or all at once
//! (ASVS 3.3.4).

use leptos::prelude::*;
use mijn_lexus_contract::profile::{SessionInfo, SessionList};

use super::format::device_label;
use super::StatusMessage;
use crate::api::profile as api;
use crate::components::loading::{Loaded, RequestError};
use crate::components::table::DataTable;
use crate::format::date_time;
use crate::forms::{focus_id, FormState};
use crate::i18n::t;
use crate::session::use_session;

#[component]
pub fn Sessions() -> impl IntoView {
    let p = &t().profile;
    let session = use_session();
    let sessions = LocalResource::new(api::sessions);
    let message = RwSignal::new(None::<String>);
    let action = FormState::new();
    let busy = action.pending;

    // `Some(id)`: that session; `None`: every other one.
    let end = move |id: Option<String>| {
        if !action.begin() {
            return;
        }
        message.set(None);
        let one = id.is_some();
        let request = async move {
            match &id {
                Some(id) => api::end_session(session, id).await,
                None => api::end_other_sessions(session).await,
            }
        };
        action.submit(request, move |()| {
            let p = &t().profile;
            let done = if one {
                p.session_ended
            } else {
                p.sessions_others_ended
            };
            message.set(Some(done.to_string()));
            sessions.refetch();
            // The rows are drawn anew: keep the keyboard in the section.
            focus_id("sessions-heading");
        });
    };

    let content = move |list: SessionList| {
        let p = &t().profile;
        let others = list.sessions.iter().any(|s| !s.current);
        view! {
            {sessions_table(list.sessions, end, busy)}
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
            {move || action.request_error().map(|error| view! { <RequestError error /> })}
            <Loaded resource=sessions let:list>{content(list)}</Loaded>
        </section>
    }
}

fn sessions_table(
    sessions: Vec<SessionInfo>,
    end: impl Fn(Option<String>) + Copy + Send + Sync + 'static,
    busy: RwSignal<bool>,
) -> impl IntoView {
    let p = &t().profile;
    let row = move |s: SessionInfo| {
        let p = &t().profile;
        let ua = s.user_agent.clone().unwrap_or_default();
        let device = device_label(&ua);
        let last_seen = date_time(s.last_seen_at);
        let action = if s.current {
            view! { <strong>{p.session_current.as_str()}</strong> }.into_any()
        } else {
            let id = s.id.clone();
            let label = p.session_end_label(&device, &last_seen);
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
            <th scope="row" title=ua>{device}</th>
            <td>{date_time(s.created_at)}</td>
            <td>{last_seen}</td>
            <td>{action}</td>
        }
    };
    // Named by its caption: the section around it already carries the
    // heading's name (axe landmark-unique).
    view! {
        <DataTable
            labelled_by="sessions"
            caption=p.sessions_caption.as_str()
            named_by_caption=true
            columns=vec![
                p.col_device.as_str(),
                p.col_signed_in.as_str(),
                p.col_last_seen.as_str(),
                p.col_session_action.as_str(),
            ]
            records=sessions
            row
        />
    }
}
