//! D3 share to car: compose a destination (address search or a click on
//! the map), an optional arrival time and up to nine stops, send it to the
//! car, and follow it in the history until the car confirms it.

use chrono::{DateTime, Local, NaiveDateTime, TimeZone, Utc};
use leptos::prelude::*;
use mijn_lexus_contract::share::{
    share_to_car_available, ShareDestinationRequest, SharePlace, SharedDestination, MAX_STOPS,
};
use mijn_lexus_contract::vehicle::VehicleSummary;
use mijn_lexus_contract::{ErrorCode, FieldError};

use super::place_search::{PlaceField, PlaceSearch};
use super::share_history::History;
use super::MapSection;
use crate::api::map as api;
use crate::components::error_summary::ErrorSummary;
use crate::components::map::{Basemap, MapPin, MapView, PinKind};
use crate::format::fixed;
use crate::forms::{focus_id, FormState};
use crate::i18n::t;
use crate::session::use_session;

/// The field ids of the stops (a form field id is a `&'static str`).
const STOP_IDS: [&str; MAX_STOPS] = [
    "share-stop-0",
    "share-stop-1",
    "share-stop-2",
    "share-stop-3",
    "share-stop-4",
    "share-stop-5",
    "share-stop-6",
    "share-stop-7",
    "share-stop-8",
];

#[component]
pub fn SharePage() -> impl IntoView {
    view! {
        <MapSection title=t().map.share_title.as_str() path="/map/share" page=|v, basemap, config| {
            view! { <ShareToCar v basemap geocoding=config.geocoding /> }.into_any()
        } />
    }
}

/// What is being composed; a sent destination fills it again for "change
/// and send again".
#[derive(Clone, Copy)]
pub struct Composer {
    destination: PlaceField,
    stops: RwSignal<Vec<PlaceField>>,
    /// `datetime-local` value, the browser's time zone; empty: none.
    arrival: RwSignal<String>,
    resend_of: RwSignal<Option<i64>>,
}

impl Composer {
    fn new() -> Composer {
        Composer {
            destination: PlaceField::new(),
            stops: RwSignal::new(Vec::new()),
            arrival: RwSignal::new(String::new()),
            resend_of: RwSignal::new(None),
        }
    }

    /// Takes over a destination sent before (its positions are shown: the
    /// history hides them in privacy mode, and then offers no change).
    pub fn fill(self, sent: &SharedDestination) {
        if let Some(d) = &sent.destination {
            self.destination.set(d.clone());
        }
        self.stops.set(
            sent.stops
                .iter()
                .map(|s| {
                    let f = PlaceField::new();
                    f.set(s.clone());
                    f
                })
                .collect(),
        );
        self.arrival.set(
            sent.arrival_at
                .filter(|a| *a > Utc::now())
                .map(|a| a.with_timezone(&Local).format("%Y-%m-%dT%H:%M").to_string())
                .unwrap_or_default(),
        );
        self.resend_of.set(Some(sent.id));
        focus_id("share-destination");
    }

    fn clear(self) {
        self.destination.clear();
        self.stops.set(Vec::new());
        self.arrival.set(String::new());
        self.resend_of.set(None);
    }

    /// The request, or the fields that keep it from being one.
    fn request(self) -> Result<ShareDestinationRequest, Vec<FieldError>> {
        let mut errors = Vec::new();
        let destination = self.destination.chosen.get_untracked();
        if destination.is_none() {
            errors.push(FieldError::new("destination.label", ErrorCode::Required));
        }
        let stops: Vec<Option<SharePlace>> = self
            .stops
            .get_untracked()
            .iter()
            .map(|s| s.chosen.get_untracked())
            .collect();
        for (i, stop) in stops.iter().enumerate() {
            if stop.is_none() {
                errors.push(FieldError::new(
                    &format!("stops[{i}].label"),
                    ErrorCode::Required,
                ));
            }
        }
        let arrival = self.arrival.get_untracked();
        let arrival_at = if arrival.is_empty() {
            None
        } else {
            match local_time(&arrival) {
                Some(at) => Some(at),
                None => {
                    errors.push(FieldError::new("arrival_at", ErrorCode::InvalidValue));
                    None
                }
            }
        };
        let request = ShareDestinationRequest {
            destination: destination.unwrap_or(SharePlace {
                label: String::new(),
                address: String::new(),
                lat: 0.0,
                lon: 0.0,
            }),
            arrival_at,
            stops: stops.into_iter().flatten().collect(),
            resend_of: self.resend_of.get_untracked(),
        };
        // The contract's own rules (arrival in the future, lengths...).
        if errors.is_empty() {
            if let Err(more) = request.validate(Utc::now()) {
                errors = more;
            }
        }
        if errors.is_empty() {
            Ok(request)
        } else {
            Err(errors)
        }
    }
}

/// A `datetime-local` value in the browser's time zone.
fn local_time(value: &str) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M").ok()?;
    Local
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// (field id, label) in form order, for the error summary.
fn summary_labels() -> Vec<(&'static str, &'static str)> {
    let m = &t().map;
    let mut labels = vec![("share-destination", m.share_destination.as_str())];
    labels.extend(STOP_IDS.iter().map(|id| (*id, m.share_stops.as_str())));
    labels.push(("share-stops", m.share_stops.as_str()));
    labels.push(("share-arrival", m.share_arrival.as_str()));
    labels
}

/// The server's field names to the form's ids.
fn field_id(field: &str) -> String {
    if field.starts_with("destination") {
        return "share-destination".into();
    }
    if field == "arrival_at" {
        return "share-arrival".into();
    }
    if let Some(i) = field
        .strip_prefix("stops[")
        .and_then(|rest| rest.split(']').next())
        .and_then(|i| i.parse::<usize>().ok())
        .filter(|i| *i < MAX_STOPS)
    {
        return STOP_IDS[i].into();
    }
    "share-stops".into()
}

#[component]
fn ShareToCar(v: VehicleSummary, basemap: Basemap, geocoding: bool) -> impl IntoView {
    let m = &t().map;
    if !v.permissions.can_use_remote {
        return view! { <p class="ml-notice">{m.share_main_user_only.as_str()}</p> }.into_any();
    }
    if !share_to_car_available(v.model_year) {
        return view! { <p class="ml-notice">{m.share_unavailable.as_str()}</p> }.into_any();
    }
    let composer = Composer::new();
    let form = FormState::new();
    let session = use_session();
    // The destination just sent: the history says when the car confirms it.
    let last_sent: RwSignal<Option<i64>> = RwSignal::new(None);
    let vin = v.vin.clone();
    let history = {
        let vin = vin.clone();
        LocalResource::new(move || {
            let vin = vin.clone();
            async move { api::destinations(&vin, None).await }
        })
    };

    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        let body = match composer.request() {
            Ok(body) => body,
            Err(errors) => {
                form.fail_fields(
                    errors
                        .into_iter()
                        .map(|e| FieldError {
                            field: field_id(&e.field),
                            ..e
                        })
                        .collect(),
                );
                return;
            }
        };
        let vin = vin.clone();
        form.submit_mapped(
            async move { api::share(session, &vin, &body).await },
            move |sent| {
                last_sent.set(Some(sent.id));
                composer.clear();
                history.refetch();
            },
            field_id,
        );
    };

    let pick = Callback::new(move |(lat, lon): (f64, f64)| {
        composer.destination.set(SharePlace {
            label: t().map.picked_point(&fixed(lat, 5), &fixed(lon, 5)),
            address: String::new(),
            lat,
            lon,
        });
    });
    let pins = Signal::derive(move || {
        let m = &t().map;
        let mut pins: Vec<MapPin> = composer
            .stops
            .get()
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                s.chosen.get().map(|p| MapPin {
                    lat: p.lat,
                    lon: p.lon,
                    name: m.stop_n(&(i + 1).to_string()),
                    kind: PinKind::Stop,
                })
            })
            .collect();
        if let Some(d) = composer.destination.chosen.get() {
            pins.push(MapPin {
                lat: d.lat,
                lon: d.lon,
                name: m.pin_destination.to_string(),
                kind: PinKind::Destination,
            });
        }
        pins
    });

    let add_stop = move |_| {
        let n = composer.stops.with_untracked(Vec::len);
        if n < MAX_STOPS {
            composer.stops.update(|s| s.push(PlaceField::new()));
            focus_id(STOP_IDS[n]);
        }
    };

    view! {
        <section class="ml-card ml-map-card" aria-labelledby="share-compose">
            <h2 id="share-compose">{m.share_compose_heading.as_str()}</h2>
            <p>{m.share_intro.as_str()}</p>
            <form on:submit=send novalidate>
                <ErrorSummary form labels=summary_labels() />
                {move || composer.resend_of.get().map(|_| view! {
                    <p class="ml-notice">{m.share_editing.as_str()}</p>
                })}
                <PlaceSearch id="share-destination" label=m.share_destination.to_string()
                    field=composer.destination geocoding error=form.field("share-destination") />
                <MapView basemap pins label=m.map_of_share.to_string() on_pick=pick />
                <p class="ml-field__hint">{m.share_map_hint.as_str()}</p>
                <fieldset class="ml-fieldset">
                    <legend class="ml-fieldset__legend">{m.share_stops.as_str()}</legend>
                    {move || composer.stops.get().into_iter().enumerate().map(|(i, stop)| view! {
                        <div class="ml-share__stop">
                            <PlaceSearch id=STOP_IDS[i] label=m.stop_n(&(i + 1).to_string())
                                field=stop geocoding error=form.field(STOP_IDS[i]) />
                            <button type="button" class="ml-button ml-button--secondary"
                                on:click=move |_| {
                                    composer.stops.update(|s| { s.remove(i); });
                                    focus_id("share-add-stop");
                                }>
                                {m.stop_remove(&(i + 1).to_string())}
                            </button>
                        </div>
                    }).collect_view()}
                    <p>
                        <button type="button" id="share-add-stop" class="ml-button ml-button--secondary"
                            on:click=add_stop
                            disabled=move || composer.stops.with(|s| s.len() >= MAX_STOPS)>
                            {m.stop_add.as_str()}
                        </button>
                    </p>
                    <p class="ml-field__hint" id="share-stops">{m.stops_hint.as_str()}</p>
                </fieldset>
                <div class="ml-field" class:ml-field--invalid=move || form.field("share-arrival").get().is_some()>
                    <label class="ml-field__label" for="share-arrival">{m.share_arrival.as_str()}</label>
                    <div class="ml-field__control">
                        <input class="ml-input" id="share-arrival" type="datetime-local"
                            aria-describedby="share-arrival-error"
                            aria-invalid=move || form.field("share-arrival").get().is_some().to_string()
                            prop:value=move || composer.arrival.get()
                            on:input=move |ev| composer.arrival.set(event_target_value(&ev)) />
                    </div>
                    <crate::components::field::FieldError id="share-arrival-error".into()
                        error=form.field("share-arrival") />
                </div>
                <p>
                    <button type="submit" class="ml-button ml-button--primary"
                        disabled=move || form.pending.get()>
                        {m.share_send.as_str()}
                    </button>
                </p>
            </form>
        </section>
        <History history vin=v.vin.clone() last_sent composer />
    }
    .into_any()
}
