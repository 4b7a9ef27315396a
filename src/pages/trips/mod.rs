//! The trips section (E1-E3): /trips lists the chosen vehicle's trips of
//! a period (`?vin=`), with their totals per purpose, the logbook to
//! download, tagging one trip or many; /trips/:id?vin= shows one trip;
//! /trips/coaching charts the hybrid driving of a period.
//!
//! The period and the purpose filter are signals; the list and the totals
//! are resources over them, so a change fetches again and a failure keeps
//! the choices. Times are Brussels times, as in the logbook.

mod coaching;
mod detail;
mod list;
mod settings;

pub use coaching::CoachingPage;
pub use detail::TripPage;

use chrono::{DateTime, Days, NaiveDate, Utc};
use leptos::prelude::*;
use mijn_lexus_contract::trips::{brussels, DateRange, PurposeTotals, TripPurpose};
use mijn_lexus_contract::vehicle::{VehicleRole, VehicleSummary};
use mijn_lexus_contract::ErrorCode;

use crate::api::garage as garage_api;
use crate::api::trips::{self as api, TripFilter};
use crate::components::field::SelectField;
use crate::components::loading::Loaded;
use crate::components::page_frame::PageFrame;
use crate::components::section_nav::SectionNav;
use crate::components::table::DataTable;
use crate::components::vehicle_choice::VehicleChoice;
use crate::config::config;
use crate::format::{date as format_date, fixed, today};
use crate::i18n::{error_text, lang, t};
use list::TripList;
use settings::DefaultPurpose;

#[component]
pub fn TripsPage() -> impl IntoView {
    let tr = &t().trips;
    view! {
        <TripsSection title=tr.title.as_str() intro=tr.intro.as_str() path="/trips" id="trips-vehicle"
            page=|v| view! { <VehicleTrips v /> }.into_any() />
    }
}

/// A page of the section for one vehicle: its frame, the section's tabs,
/// the vehicle choice (`id`) and `page` for the chosen vehicle.
#[component]
fn TripsSection(
    title: &'static str,
    intro: &'static str,
    path: &'static str,
    id: &'static str,
    page: fn(VehicleSummary) -> AnyView,
) -> impl IntoView {
    let tr = &t().trips;
    let vehicles = LocalResource::new(garage_api::vehicles);
    let links = vec![
        ("/trips", tr.nav_trips.as_str()),
        ("/trips/coaching", tr.nav_coaching.as_str()),
    ];
    view! {
        <PageFrame title class="ml-trips-page">
            <SectionNav label=tr.nav_label.as_str() current=path links />
            <p>{intro}</p>
            <Loaded resource=vehicles let:list>
                {if list.vehicles.is_empty() {
                    view! {
                        <p>{tr.no_vehicles.as_str()}</p>
                        <p><a href=config().href("/garage/add")>{t().garage.add_vehicle.as_str()}</a></p>
                    }
                    .into_any()
                } else {
                    view! {
                        <VehicleChoice vehicles=list.vehicles path id label=tr.vehicle_choice.as_str()
                            page=move |v| page(v) />
                    }
                    .into_any()
                }}
            </Loaded>
        </PageFrame>
    }
}

/// The period the fields `from` and `to` give, or why they give none.
fn period_of(
    from: RwSignal<String>,
    to: RwSignal<String>,
) -> Memo<Result<(NaiveDate, NaiveDate), ErrorCode>> {
    Memo::new(move |_| {
        let from = from.get().parse::<NaiveDate>().ok();
        let to = to.get().parse::<NaiveDate>().ok();
        match (from, to) {
            (Some(f), Some(t)) => DateRange::new(f, t).map(|_| (f, t)),
            _ => Err(ErrorCode::InvalidValue),
        }
    })
}

/// The purpose in the visitor's language (the logbook's word).
pub fn purpose_text(p: TripPurpose) -> &'static str {
    p.label().get(lang())
}

/// "08:10" in Brussels.
pub fn clock(at: DateTime<Utc>) -> String {
    brussels::local(at).format("%H:%M").to_string()
}

/// "1 u 5 min" / "25 min".
pub fn duration(seconds: u64) -> String {
    let tr = &t().trips;
    let minutes = (seconds + 30) / 60;
    if minutes < 60 {
        tr.duration_min(&minutes.to_string())
    } else {
        tr.duration_h_min(&(minutes / 60).to_string(), &(minutes % 60).to_string())
    }
}

/// "12,3 km".
pub fn km(distance_km: f64) -> String {
    format!("{} km", fixed(distance_km, 1))
}

/// The trips of one vehicle, when its user may see them.
#[component]
fn VehicleTrips(v: VehicleSummary) -> impl IntoView {
    let tr = &t().trips;
    if !v.permissions.can_see_trips {
        return view! { <p class="ml-notice">{tr.no_trips_right.as_str()}</p> }.into_any();
    }
    let vin = v.vin.clone();
    // A year up to today: the span of a tax return, and of the telemetry kept.
    let end = today();
    let from = RwSignal::new(
        end.checked_sub_days(Days::new(364))
            .unwrap_or(end)
            .to_string(),
    );
    let to = RwSignal::new(end.to_string());
    let purpose = RwSignal::new(String::new());
    // Bumped after tagging, so the list and the totals are read again.
    let changed = RwSignal::new(0u32);
    let period = period_of(from, to);
    let filter = Memo::new(move |_| {
        period.get().ok().map(|(from, to)| TripFilter {
            from,
            to,
            purpose: TripPurpose::from_code(&purpose.get()),
        })
    });
    let no_error = Signal::<Option<&'static str>>::stored(None);
    let purposes: Vec<(&'static str, &'static str)> =
        std::iter::once(("", tr.purpose_all.as_str()))
            .chain(
                TripPurpose::ALL
                    .iter()
                    .map(|p| (p.code(), purpose_text(*p))),
            )
            .collect();

    view! {
        <PeriodCard prefix="trips" from to period>
            <SelectField id="trips-purpose" label=tr.purpose_filter.as_str() value=purpose
                options=purposes error=no_error />
        </PeriodCard>
        {move || filter.get().map(|f| {
            let vin = vin.clone();
            view! {
                <Totals vin=vin.clone() from=f.from to=f.to changed />
                <TripList vin filter=f changed />
            }
        })}
        {(v.role == VehicleRole::Main).then(|| view! { <DefaultPurpose vin=v.vin.clone() /> })}
        <Retention vin=v.vin.clone() />
    }
    .into_any()
}

/// The card where a period is chosen: the dates `{prefix}-from` and
/// `{prefix}-to` (a period that is none is said under the second), then the
/// page's own choices (`children`), all in one grid.
#[component]
fn PeriodCard(
    prefix: &'static str,
    from: RwSignal<String>,
    to: RwSignal<String>,
    period: Memo<Result<(NaiveDate, NaiveDate), ErrorCode>>,
    children: Children,
) -> impl IntoView {
    let tr = &t().trips;
    let period_error = Signal::derive(move || period.get().err().map(error_text));
    let heading = format!("{prefix}-period");
    let labelled_by = heading.clone();
    view! {
        <section class="ml-card ml-trips__filters" aria-labelledby=labelled_by>
            <h2 id=heading>{tr.period_legend.as_str()}</h2>
            <div class="ml-trips__period">
                <DateField id=format!("{prefix}-from") label=tr.from.as_str() value=from
                    error=Signal::stored(None) />
                <DateField id=format!("{prefix}-to") label=tr.to.as_str() value=to
                    error=period_error />
                {children()}
            </div>
        </section>
    }
}

/// A date input with its label and error.
#[component]
fn DateField(
    id: String,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<&'static str>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <div class="ml-field" class:ml-field--invalid=move || error.get().is_some()>
            <label class="ml-field__label" for=id.clone()>{label}</label>
            <div class="ml-field__control">
                <input class="ml-input" type="date" id=id.clone()
                    aria-invalid=move || error.get().is_some().to_string()
                    aria-describedby=error_id.clone()
                    prop:value=move || value.get()
                    on:change=move |ev| value.set(event_target_value(&ev)) />
            </div>
            <crate::components::field::FieldError id=error_id.clone() error />
        </div>
    }
}

/// Count, distance and time per purpose, and the logbook of the period.
#[component]
fn Totals(vin: String, from: NaiveDate, to: NaiveDate, changed: RwSignal<u32>) -> impl IntoView {
    let tr = &t().trips;
    let href = api::logbook_href(&vin, from, to);
    let totals = LocalResource::new(move || {
        changed.track();
        let vin = vin.clone();
        async move { api::totals(&vin, from, to).await }
    });
    let caption = tr.totals_caption(&format_date(from), &format_date(to));
    view! {
        <section class="ml-trips__totals" aria-labelledby="trips-totals">
            <h2 id="trips-totals">{tr.totals_heading.as_str()}</h2>
            <Loaded resource=totals let:totals>
                {totals_table(totals, caption.clone())}
            </Loaded>
            <p>
                <a class="ml-button ml-button--secondary" href=href download="">{tr.export_link.as_str()}</a>
            </p>
            <p class="ml-field__hint">{tr.export_hint.as_str()}</p>
        </section>
    }
}

fn totals_table(totals: PurposeTotals, caption: String) -> impl IntoView {
    let tr = &t().trips;
    view! {
        <DataTable
            labelled_by="trips-totals"
            caption
            named_by_caption=true
            columns=vec![tr.col_purpose.as_str(), tr.col_trips.as_str(), tr.col_distance.as_str(), tr.col_duration.as_str()]
            records=totals.totals
            row=|p| view! {
                <th scope="row">{purpose_text(p.purpose)}</th>
                <td>{p.trips}</td>
                <td>{km(p.distance_km)}</td>
                <td>{duration(p.duration_s)}</td>
            }
        />
    }
}

/// How far back the trips go (E4).
#[component]
fn Retention(vin: String) -> impl IntoView {
    let retention = LocalResource::new(move || {
        let vin = vin.clone();
        async move { api::retention(&vin).await }
    });
    view! {
        <Loaded resource=retention let:r>
            <p class="ml-field__hint ml-trips__retention">
                {t().trips.retention(&r.coaching_months.to_string(), &r.logbook_years.to_string())}
            </p>
        </Loaded>
    }
}
