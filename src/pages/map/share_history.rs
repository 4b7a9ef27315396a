//! The destinations sent to a vehicle, newest first, with what became of
//! them; "change and send again" takes one back into the form. While one
//! waits for the car, the list is read again every few seconds (quietly:
//! only a status that changes is announced).

use std::time::Duration;

use leptos::leptos_dom::helpers::{set_timeout_with_handle, TimeoutHandle};
use leptos::prelude::*;
use mijn_lexus_contract::share::{
    ShareFailure, ShareStatus, SharedDestination, SharedDestinationList,
};

use super::share::Composer;
use crate::api::map as api;
use crate::components::loading::{ApiResource, Loaded};
use crate::components::table::DataTable;
use crate::format::date_time;
use crate::i18n::t;
use crate::task::PageScope;

/// How often a destination waiting for the car is looked at again.
const POLL: Duration = Duration::from_secs(2);

#[component]
pub fn History(
    history: ApiResource<SharedDestinationList>,
    vin: String,
    last_sent: RwSignal<Option<i64>>,
    composer: Composer,
) -> impl IntoView {
    let m = &t().map;
    let scope = PageScope::new();
    let timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    on_cleanup(move || {
        if let Some(Some(t)) = timer.try_update_value(Option::take) {
            t.clear();
        }
    });
    // While something waits for the car, read the list again (into the
    // resource's value: no loading notice every few seconds).
    Effect::new(move |_| {
        let waiting = history.with(|h| {
            matches!(h, Some(Ok(list)) if list.destinations.iter().any(|d| d.status == ShareStatus::Queued))
        });
        if !waiting {
            return;
        }
        let vin = vin.clone();
        let handle = set_timeout_with_handle(
            move || {
                scope.spawn(async move {
                    if let Ok(fresh) = api::destinations(&vin, None).await {
                        history.update(|h| *h = Some(Ok(fresh)));
                    }
                });
            },
            POLL,
        );
        timer.set_value(handle.ok());
    });

    // What became of the destination just sent, in a live region.
    let outcome = move || {
        let id = last_sent.get()?;
        let status = history.with(|h| match h {
            Some(Ok(list)) => list
                .destinations
                .iter()
                .find(|d| d.id == id)
                .map(|d| d.status),
            _ => None,
        })?;
        Some(match status {
            ShareStatus::Queued => m.sent_waiting.as_str(),
            ShareStatus::Delivered => m.sent_delivered.as_str(),
            ShareStatus::Failed => m.sent_failed.as_str(),
        })
    };

    view! {
        <section class="ml-card ml-map-card" aria-labelledby="share-history">
            <h2 id="share-history">{m.share_history_heading.as_str()}</h2>
            <div role="status" class="ml-status">
                {move || outcome().map(|text| view! { <p class="ml-notice ml-notice--ok">{text}</p> })}
            </div>
            <Loaded resource=history let:list>
                {history_table(list, composer)}
            </Loaded>
        </section>
    }
}

fn history_table(list: SharedDestinationList, composer: Composer) -> AnyView {
    let m = &t().map;
    if list.destinations.is_empty() {
        return view! { <p>{m.share_history_empty.as_str()}</p> }.into_any();
    }
    let hidden = list
        .privacy_mode
        .then(|| view! { <p class="ml-notice">{m.share_history_hidden.as_str()}</p> });
    let row = move |d: SharedDestination| {
        let m = &t().map;
        let name = d
            .destination
            .as_ref()
            .map_or_else(|| m.position_hidden.to_string(), |p| p.label.clone());
        let again = (!d.positions_hidden).then(|| {
            let d = d.clone();
            view! {
                <button type="button" class="ml-button ml-button--secondary"
                    on:click=move |_| composer.fill(&d)>
                    {m.share_again.as_str()}
                </button>
            }
        });
        view! {
            <th scope="row">{name}</th>
            <td>{d.stop_count.to_string()}</td>
            <td>{d.arrival_at.map(date_time).unwrap_or_else(|| m.no_arrival.to_string())}</td>
            <td>{date_time(d.created_at)}</td>
            <td>{status_text(d.status, d.failure)}</td>
            <td>{again}</td>
        }
    };
    view! {
        {hidden}
        <DataTable
            labelled_by="share-history"
            caption=m.share_history_caption.as_str()
            named_by_caption=true
            columns=vec![
                m.col_destination.as_str(),
                m.col_stops.as_str(),
                m.col_arrival.as_str(),
                m.col_sent.as_str(),
                m.col_status.as_str(),
                m.col_action.as_str(),
            ]
            records=list.destinations
            row
        />
    }
    .into_any()
}

fn status_text(status: ShareStatus, failure: Option<ShareFailure>) -> &'static str {
    let m = &t().map;
    match (status, failure) {
        (ShareStatus::Queued, _) => m.status_queued.as_str(),
        (ShareStatus::Delivered, _) => m.status_delivered.as_str(),
        (ShareStatus::Failed, Some(ShareFailure::Rejected)) => m.status_rejected.as_str(),
        (ShareStatus::Failed, _) => m.status_unreachable.as_str(),
    }
}
