//! The trips of a period, newest first, a page at a time; each can be
//! selected, and the selected ones (or every trip of the period) marked
//! business or private at once (E2).

use leptos::prelude::*;
use mijn_lexus_contract::trips::{TagTripsRequest, TripList as Trips, TripPurpose, TripSummary};

use super::{clock, duration, km, purpose_text};
use crate::api::trips::{self as api, TripFilter};
use crate::components::confirm_action::ConfirmAction;
use crate::components::loading::{load_older, Loaded, RequestError};
use crate::components::table::{DataTable, Older, Paging};
use crate::config::{config, encode_query_value};
use crate::format::{date as format_date, fixed};
use crate::forms::FormState;
use crate::i18n::t;
use crate::pages::map::place_text;
use crate::session::use_session;

#[component]
pub fn TripList(
    vin: String,
    filter: TripFilter,
    /// Bumped after tagging: the totals read it too.
    changed: RwSignal<u32>,
) -> impl IntoView {
    let tr = &t().trips;
    let session = use_session();
    // The first page is the resource; the older pages fetched after it are
    // appended to `older_trips`, so the table draws only their rows (the
    // whole list drawn anew for each page took 376 ms at 700 trips).
    let older_trips: RwSignal<Vec<TripSummary>> = RwSignal::new(Vec::new());
    let next_before: RwSignal<Option<String>> = RwSignal::new(None);
    let trips = {
        let (vin, filter) = (vin.clone(), filter.clone());
        LocalResource::new(move || {
            changed.track();
            let (vin, filter) = (vin.clone(), filter.clone());
            async move {
                let first = api::list(&vin, &filter, None).await;
                if let Ok(first) = &first {
                    // `try_`: the page may be gone by the time it answers.
                    older_trips.try_set(Vec::new());
                    next_before.try_set(first.next_before.clone());
                }
                first
            }
        })
    };
    let selected: RwSignal<Vec<i64>> = RwSignal::new(Vec::new());
    let tagging = FormState::new();
    let message: RwSignal<Option<String>> = RwSignal::new(None);

    let tag = {
        let vin = vin.clone();
        move |request: TagTripsRequest| {
            if !tagging.begin() {
                return;
            }
            message.set(None);
            let purpose = request.purpose;
            let vin = vin.clone();
            tagging.submit(
                async move { api::tag(session, &vin, &request).await },
                move |done| {
                    message.set(Some(
                        t().trips
                            .tagged(purpose_text(purpose), &done.tagged.to_string()),
                    ));
                    selected.set(Vec::new());
                    changed.update(|n| *n += 1);
                },
            );
        }
    };
    let tag_selected = {
        let tag = tag.clone();
        move |purpose: TripPurpose| {
            let ids = selected.get_untracked();
            if ids.is_empty() {
                message.set(Some(t().trips.tag_none_selected.to_string()));
                return;
            }
            tag(TagTripsRequest {
                ids,
                from: None,
                to: None,
                purpose,
            });
        }
    };
    let tag_period = {
        let (tag, filter) = (tag.clone(), filter.clone());
        Callback::new(move |()| {
            tag(TagTripsRequest {
                ids: Vec::new(),
                from: Some(filter.from),
                to: Some(filter.to),
                purpose: TripPurpose::Business,
            })
        })
    };

    // Older pages, appended below the trips shown.
    let older = FormState::new();
    let more = {
        let (vin, filter) = (vin.clone(), filter.clone());
        move |(before, shown): (String, usize)| {
            let (vin, filter) = (vin.clone(), filter.clone());
            load_older(
                older,
                async move { api::list(&vin, &filter, Some(&before)).await },
                move |page: Trips| {
                    older_trips.update(|trips| trips.extend(page.trips));
                    next_before.set(page.next_before);
                },
                format!("trips-list-row-{shown}"),
            )
        }
    };
    let buttons = [
        (TripPurpose::Business, purpose_text(TripPurpose::Business)),
        (TripPurpose::Private, purpose_text(TripPurpose::Private)),
        (TripPurpose::Untagged, tr.tag_clear.as_str()),
    ];

    view! {
        // Not a region of its own: the table's region is named by the heading.
        <div class="ml-trips__list">
            <h2 id="trips-list">{tr.list_heading.as_str()}</h2>
            <div class="ml-card ml-trips__tagging" role="group" aria-labelledby="trips-tagging">
                <p id="trips-tagging"><strong>{tr.tag_legend.as_str()}</strong></p>
                <p>{move || tr.selected_count(&selected.with(Vec::len).to_string())}</p>
                <div class="ml-form__actions">
                    {buttons.into_iter().map(|(purpose, label)| {
                        let tag_selected = tag_selected.clone();
                        view! {
                            <button type="button" class="ml-button ml-button--secondary"
                                aria-disabled=move || tagging.pending.get().to_string()
                                on:click=move |_| tag_selected(purpose)>
                                {label}
                            </button>
                        }
                    }).collect_view()}
                </div>
                <ConfirmAction id="trips-tag-period" button=tr.tag_period_business.as_str()
                    question=tr.tag_period_question.as_str() yes=tr.tag_period_yes.as_str()
                    form=tagging on_confirm=tag_period />
                <div role="status">{move || message.get().map(|m| view! { <p>{m}</p> })}</div>
                {move || tagging.request_error().map(|error| view! { <RequestError error /> })}
            </div>
            {move || older.request_error().map(|error| view! { <RequestError error /> })}
            <Loaded resource=trips let:list>
                {table(vin.clone(), list, older_trips, next_before, selected, more.clone(), older)}
            </Loaded>
        </div>
    }
}

fn table(
    vin: String,
    list: Trips,
    older_trips: RwSignal<Vec<TripSummary>>,
    next_before: RwSignal<Option<String>>,
    selected: RwSignal<Vec<i64>>,
    more: impl Fn((String, usize)) + Clone + Send + Sync + 'static,
    older: FormState,
) -> impl IntoView {
    let tr = &t().trips;
    if list.trips.is_empty() {
        return view! { <p>{tr.none_in_period.as_str()}</p> }.into_any();
    }
    let first_page = list.trips;
    // A memo, not a derived signal: the table reads it once per new row.
    let records = Memo::new(move |_| {
        let mut all = first_page.clone();
        older_trips.with(|older| all.extend(older.iter().cloned()));
        all
    });
    let older_button = Signal::derive(move || {
        let more = more.clone();
        next_before.get().map(|next| Older {
            label: tr.older.as_str(),
            fetch: Callback::new(move |()| more((next.clone(), records.with_untracked(Vec::len)))),
            pending: older.pending,
        })
    });
    let ids = move || records.with(|all| all.iter().map(|trip| trip.id).collect::<Vec<i64>>());
    let all_selected = move || {
        let ids = ids();
        selected.with(|s| ids.iter().all(|id| s.contains(id)))
    };
    let select_all = move |ev: leptos::ev::Event| {
        if event_target_checked(&ev) {
            selected.set(ids());
        } else {
            selected.set(Vec::new());
        }
    };
    let hidden = list.positions_hidden;
    view! {
        {hidden.then(|| view! { <p class="ml-notice">{tr.privacy_notice.as_str()}</p> })}
        <p class="ml-check">
            <input class="ml-check__box" type="checkbox" id="trips-select-all"
                prop:checked=all_selected on:change=select_all />
            <label class="ml-check__label" for="trips-select-all">{tr.select_all_shown.as_str()}</label>
        </p>
        <DataTable
            labelled_by="trips-list"
            columns=vec![
                tr.col_when.as_str(),
                tr.col_route.as_str(),
                tr.col_distance.as_str(),
                tr.col_duration.as_str(),
                tr.col_fuel.as_str(),
                tr.col_ev.as_str(),
                tr.col_score.as_str(),
                t().trips.purpose_filter.as_str(),
                tr.col_note.as_str(),
            ]
            records=records
            row=move |trip| row(&vin, trip, selected)
            paging=Paging::Server(older_button)
        />
    }
    .into_any()
}

/// "21 november 2026, 08:10–08:40".
pub(super) fn when_text(trip: &TripSummary) -> String {
    t().trips.trip_when(
        &format_date(trip.date),
        &clock(trip.started_at),
        &clock(trip.ended_at),
    )
}

/// The address of the trip's own page.
pub(super) fn trip_href(vin: &str, id: i64) -> String {
    config().href(&format!("/trips/{id}?vin={}", encode_query_value(vin)))
}

/// "Start → end", or "hidden" in privacy mode.
pub(super) fn route_text(trip: &TripSummary) -> String {
    match (&trip.start, &trip.end) {
        (Some(s), Some(e)) => format!("{} → {}", place_text(s), place_text(e)),
        _ => t().trips.place_hidden.to_string(),
    }
}

fn row(vin: &str, trip: TripSummary, selected: RwSignal<Vec<i64>>) -> impl IntoView {
    let tr = &t().trips;
    let id = trip.id;
    let when = when_text(&trip);
    let href = trip_href(vin, id);
    let route = route_text(&trip);
    let consumption = trip
        .average_consumption_l_100km
        .map(|c| tr.consumption(&fixed(c, 1)))
        .unwrap_or_default();
    let ev = trip
        .ev_share_distance_pct
        .map(|p| format!("{p} %"))
        .unwrap_or_default();
    let score = trip.hybrid_score.map(|s| s.to_string()).unwrap_or_default();
    let checkbox_id = format!("trip-select-{id}");
    view! {
        <th scope="row">
            <span class="ml-trips__when">
                <input class="ml-check__box" type="checkbox" id=checkbox_id
                    aria-label=tr.select_trip(&when)
                    prop:checked=move || selected.with(|s| s.contains(&id))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        selected.update(|s| {
                            s.retain(|x| *x != id);
                            if on {
                                s.push(id);
                            }
                        });
                    } />
                <a href=href>{when}</a>
            </span>
        </th>
        <td>{route}</td>
        <td>{km(trip.distance_km)}</td>
        <td>{duration(u64::from(trip.duration_s))}</td>
        <td>{consumption}</td>
        <td>{ev}</td>
        <td>{score}</td>
        <td>{purpose_text(trip.purpose)}</td>
        <td>{trip.note}</td>
    }
}
