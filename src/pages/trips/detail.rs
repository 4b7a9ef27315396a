//! /trips/:id?vin=: one trip (E1, E3): its numbers, its route on the map
//! coloured by driving mode, its harsh events on the map and in a table,
//! its hybrid coaching, and its purpose and note (E2).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use mijn_lexus_contract::coaching::ScorePart;
use mijn_lexus_contract::telematics::{DriveMode, DrivingEventKind};
use mijn_lexus_contract::trips::{TripDetail, TripEvent, TripPurpose, UpdateTripRequest};
use mijn_lexus_contract::vehicle::Vin;

use super::{clock, duration, km, purpose_text};
use crate::api::map as map_api;
use crate::api::trips as api;
use crate::components::field::{Field, RadioOption, SubmitButton};
use crate::components::loading::{Loaded, RequestError};
use crate::components::map::{Basemap, MapPin, MapView, PinKind, RouteLeg};
use crate::components::page_frame::PageFrame;
use crate::components::table::DataTable;
use crate::config::encode_query_value;
use crate::format::{date as format_date, fixed};
use crate::forms::FormState;
use crate::i18n::t;
use crate::pages::map::place_text;
use crate::pages::not_found::NotFound;
use crate::session::use_session;

#[component]
pub fn TripPage() -> impl IntoView {
    // The vehicle travels in the query, as on the section's other pages
    // (`/trips?vin=`); a path of a shape the router already has
    // (`/garage/:vin`) keeps 0.2 KB gzip of route matching out of the main module.
    let params = use_params_map();
    let query = use_query_map();
    move || {
        // Only a well-formed address reaches the API.
        let vin = query.with(|q| q.get("vin")).unwrap_or_default();
        let id = params
            .with(|p| p.get("id"))
            .and_then(|id| id.parse::<i64>().ok());
        match (Vin::parse(&vin), id) {
            (Ok(vin), Some(id)) => view! { <TripContent vin=vin.into_string() id /> }.into_any(),
            _ => view! { <NotFound /> }.into_any(),
        }
    }
}

#[component]
fn TripContent(vin: String, id: i64) -> impl IntoView {
    let detail = {
        let vin = vin.clone();
        LocalResource::new(move || {
            let vin = vin.clone();
            async move { api::detail(&vin, id).await }
        })
    };
    view! {
        <Loaded resource=detail let:d>
            <TripView vin=vin.clone() d />
        </Loaded>
    }
}

#[component]
fn TripView(vin: String, d: TripDetail) -> impl IntoView {
    let tr = &t().trips;
    let trip = d.trip.clone();
    let back = format!("/trips?vin={}", encode_query_value(&vin));
    let show_map = !d.positions_hidden && d.route.len() > 1;
    view! {
        <PageFrame title=tr.trip_title(&format_date(trip.date)) class="ml-trip-page"
            back=(back, tr.back.as_str())>
            {d.positions_hidden.then(|| view! { <p class="ml-notice">{tr.privacy_notice.as_str()}</p> })}
            <div class="ml-trip__columns">
                <section class="ml-card" aria-labelledby="trip-facts">
                    <h2 id="trip-facts">{tr.facts_heading.as_str()}</h2>
                    {facts(&d)}
                </section>
                <TripTag vin=vin.clone() id=trip.id purpose=trip.purpose note=trip.note.clone() />
            </div>
            {show_map.then(|| view! { <TripMap d=d.clone() /> })}
            <Events events=d.events.clone() hidden=d.positions_hidden />
            <Coaching d=d.clone() />
        </PageFrame>
    }
}

fn facts(d: &TripDetail) -> impl IntoView {
    let tr = &t().trips;
    let trip = &d.trip;
    let place = |p: &Option<mijn_lexus_contract::vehicle::Place>, at| match p {
        Some(p) => tr.place_at(&place_text(p), &clock(at)),
        None => tr.place_at(tr.place_hidden.as_str(), &clock(at)),
    };
    let not_measured = || tr.not_measured.to_string();
    let ev = match (trip.ev_share_distance_pct, trip.ev_share_time_pct) {
        (Some(dist), Some(time)) => tr.ev_share(&dist.to_string(), &time.to_string()),
        _ => not_measured(),
    };
    let odometer = match (trip.odometer_start_km, trip.odometer_end_km) {
        (Some(a), Some(b)) => tr.odometer_range(&fixed(a, 0), &fixed(b, 0)),
        _ => not_measured(),
    };
    let rows = vec![
        (tr.start.as_str(), place(&trip.start, trip.started_at)),
        (tr.end.as_str(), place(&trip.end, trip.ended_at)),
        (tr.col_distance.as_str(), km(trip.distance_km)),
        (
            tr.col_duration.as_str(),
            duration(u64::from(trip.duration_s)),
        ),
        (
            tr.fuel_used.as_str(),
            tr.litres(&fixed(trip.fuel_used_l, 2)),
        ),
        (
            tr.col_fuel.as_str(),
            trip.average_consumption_l_100km
                .map(|c| tr.consumption(&fixed(c, 1)))
                .unwrap_or_else(not_measured),
        ),
        (tr.col_ev.as_str(), ev),
        (
            tr.col_score.as_str(),
            trip.hybrid_score
                .map(|s| s.to_string())
                .unwrap_or_else(not_measured),
        ),
        (tr.odometer.as_str(), odometer),
    ];
    view! {
        <dl class="ml-facts">
            {rows.into_iter().map(|(term, value)| view! { <dt>{term}</dt><dd>{value}</dd> }).collect_view()}
        </dl>
    }
}

/// Business, private or not marked, and a note: saved together.
#[component]
fn TripTag(vin: String, id: i64, purpose: TripPurpose, note: String) -> impl IntoView {
    let tr = &t().trips;
    let session = use_session();
    let chosen = RwSignal::new(purpose);
    let note = RwSignal::new(note);
    let form = FormState::new();
    let saved = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        saved.set(false);
        let body = UpdateTripRequest {
            purpose: Some(chosen.get_untracked()),
            note: Some(note.get_untracked()),
        };
        if let Err(errors) = body.note() {
            form.fail_fields(
                errors
                    .into_iter()
                    .map(|e| mijn_lexus_contract::FieldError {
                        field: "trip-note".into(),
                        ..e
                    })
                    .collect(),
            );
            return;
        }
        let vin = vin.clone();
        form.submit_mapped(
            async move { api::update(session, &vin, id, &body).await },
            move |_| saved.set(true),
            |field| {
                if field == "note" {
                    "trip-note".into()
                } else {
                    field.to_owned()
                }
            },
        );
    };
    let ids = [
        "trip-purpose-business",
        "trip-purpose-private",
        "trip-purpose-untagged",
    ];
    view! {
        <form class="ml-form ml-card" novalidate on:submit=submit>
            <fieldset class="ml-fieldset">
                <legend class="ml-fieldset__legend">{tr.purpose_legend.as_str()}</legend>
                <div class="ml-radios">
                    {TripPurpose::ALL.into_iter().zip(ids).map(|(p, id)| view! {
                        <RadioOption id name="trip-purpose" label=purpose_text(p) value=p chosen />
                    }).collect_view()}
                </div>
            </fieldset>
            <Field id="trip-note" label=tr.note_label.as_str() hint=tr.note_hint.as_str()
                value=note autocomplete="off" error=form.field("trip-note") />
            <p><SubmitButton label=tr.save.as_str() pending=form.pending /></p>
            <div role="status">{move || saved.get().then(|| view! { <p>{tr.trip_saved.as_str()}</p> })}</div>
            {move || form.request_error().map(|error| view! { <RequestError error /> })}
        </form>
    }
}

/// The colour of a driving mode on the map, and its words in the legend.
fn mode_colour(mode: Option<DriveMode>) -> (&'static str, &'static str) {
    let tr = &t().trips;
    match mode {
        Some(DriveMode::Ev) => ("#2e7d32", tr.mode_ev.as_str()),
        Some(DriveMode::Eco) => ("#0b5cad", tr.mode_eco.as_str()),
        Some(DriveMode::Power) => ("#b3261e", tr.mode_power.as_str()),
        Some(DriveMode::Charge) => ("#00796b", tr.mode_charge.as_str()),
        None => ("#6b6b6b", tr.mode_unknown.as_str()),
    }
}

/// The route cut where the mode changes: each point's mode holds up to the
/// next point.
fn legs(d: &TripDetail) -> Vec<RouteLeg> {
    let mut legs: Vec<RouteLeg> = Vec::new();
    for pair in d.route.windows(2) {
        let colour = mode_colour(pair[0].mode).0;
        let (a, b) = ((pair[0].lat, pair[0].lon), (pair[1].lat, pair[1].lon));
        match legs.last_mut() {
            Some(leg) if leg.colour == colour => leg.points.push(b),
            _ => legs.push(RouteLeg {
                points: vec![a, b],
                colour,
            }),
        }
    }
    legs
}

fn event_text(kind: DrivingEventKind) -> &'static str {
    let tr = &t().trips;
    match kind {
        DrivingEventKind::HarshBraking => tr.event_braking.as_str(),
        DrivingEventKind::HarshAcceleration => tr.event_acceleration.as_str(),
        DrivingEventKind::HarshCornering => tr.event_cornering.as_str(),
    }
}

#[component]
fn TripMap(d: TripDetail) -> impl IntoView {
    let tr = &t().trips;
    let map_config = LocalResource::new(map_api::config);
    let mut pins: Vec<MapPin> = Vec::new();
    if let (Some(first), Some(last)) = (d.route.first(), d.route.last()) {
        pins.push(MapPin {
            lat: first.lat,
            lon: first.lon,
            name: tr.start.to_string(),
            kind: PinKind::Stop,
        });
        pins.push(MapPin {
            lat: last.lat,
            lon: last.lon,
            name: tr.end.to_string(),
            kind: PinKind::Car,
        });
    }
    pins.extend(d.events.iter().filter_map(|e| {
        Some(MapPin {
            lat: e.lat?,
            lon: e.lon?,
            name: tr.event_pin(event_text(e.kind), &clock(e.at)),
            kind: PinKind::Event,
        })
    }));
    let legs = legs(&d);
    let mut modes: Vec<(&'static str, &'static str)> = Vec::new();
    for p in &d.route[..d.route.len().saturating_sub(1)] {
        let m = mode_colour(p.mode);
        if !modes.contains(&m) {
            modes.push(m);
        }
    }
    view! {
        // Not a region of its own: the map is one, with the same name.
        <div class="ml-trip__map">
            <h2>{tr.map_label.as_str()}</h2>
            <Loaded resource=map_config let:config>
                <MapView basemap=Basemap::from_config(&config) pins=pins.clone() legs=legs.clone()
                    label=tr.map_label.to_string() />
            </Loaded>
            <p id="trip-modes"><strong>{tr.mode_legend.as_str()}</strong></p>
            <ul class="ml-trip__modes" aria-labelledby="trip-modes">
                {modes.into_iter().map(|(colour, words)| view! {
                    <li><svg class="ml-trip__swatch" width="24" height="8" aria-hidden="true">
                        <rect width="24" height="8" rx="2" fill=colour />
                    </svg>{words}</li>
                }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn Events(events: Vec<TripEvent>, hidden: bool) -> impl IntoView {
    let tr = &t().trips;
    let body = view! {
        <DataTable
            labelled_by="trip-events"
            caption=tr.events_caption.as_str()
            named_by_caption=true
            columns=vec![tr.col_time.as_str(), tr.col_event.as_str(), tr.col_place.as_str()]
            records=events
            empty=tr.events_none.as_str()
            row=move |e: TripEvent| {
                let place = match (e.lat, e.lon) {
                    (Some(lat), Some(lon)) => format!("{}, {}", fixed(lat, 5), fixed(lon, 5)),
                    _ if hidden => tr.place_hidden.to_string(),
                    _ => String::new(),
                };
                view! {
                    <th scope="row">{clock(e.at)}</th>
                    <td>{event_text(e.kind)}</td>
                    <td>{place}</td>
                }
            }
        />
    };
    view! {
        <section class="ml-trip__events" aria-labelledby="trip-events">
            <h2 id="trip-events">{tr.events_heading.as_str()}</h2>
            {body}
        </section>
    }
}

fn part_text(part: ScorePart) -> &'static str {
    let tr = &t().trips;
    match part {
        ScorePart::Acceleration => tr.part_acceleration.as_str(),
        ScorePart::Braking => tr.part_braking.as_str(),
        ScorePart::ConstantSpeed => tr.part_constant_speed.as_str(),
    }
}

#[component]
fn Coaching(d: TripDetail) -> impl IntoView {
    let tr = &t().trips;
    let c = d.coaching;
    let scores: Vec<(&'static str, Option<u8>)> = vec![
        (tr.score_total.as_str(), c.hybrid_score),
        (part_text(ScorePart::Acceleration), c.acceleration),
        (part_text(ScorePart::Braking), c.braking),
        (part_text(ScorePart::ConstantSpeed), c.constant_speed),
    ];
    let not_measured = tr.not_measured.as_str();
    view! {
        <section class="ml-card ml-trip__coaching" aria-labelledby="trip-coaching">
            <h2 id="trip-coaching">{tr.coaching_heading.as_str()}</h2>
            <DataTable
                labelled_by="trip-coaching"
                caption=tr.score_caption.as_str()
                named_by_caption=true
                columns=vec![tr.col_part.as_str(), tr.col_score.as_str()]
                records=scores
                row=move |(part, score): (&'static str, Option<u8>)| view! {
                    <th scope="row">{part}</th>
                    <td>{score.map_or_else(|| not_measured.to_string(), |s| s.to_string())}</td>
                }
            />
            {c.weakest.map(|w| view! { <p>{tr.weakest(part_text(w))}</p> })}
            {(!c.advice.is_empty()).then(|| view! {
                <h3>{tr.advice_heading.as_str()}</h3>
                <ul class="ml-trip__advice">
                    {c.advice.into_iter().map(|a| view! { <li>{a.text}</li> }).collect_view()}
                </ul>
            })}
        </section>
    }
}
