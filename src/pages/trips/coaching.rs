//! /trips/coaching: the hybrid coaching of the chosen vehicle (E3), per
//! month or per ISO week (Brussels) of a period: EV share and hybrid score
//! over time, the distance split by driving mode, the average consumption,
//! this month against the previous ones and the best and worst trips. The
//! server computes every figure; this page only draws them.

use chrono::{Datelike, Months, NaiveDate};
use leptos::prelude::*;
use mijn_lexus_contract::coaching::{CoachingOverview, CoachingPeriod};
use mijn_lexus_contract::trips::TripSummary;
use mijn_lexus_contract::vehicle::VehicleSummary;

use super::list::{route_text, trip_href, when_text};
use super::{km, period_of, PeriodCard, TripsSection};
use crate::api::trips as api;
use crate::components::chart::gauge::Gauge;
use crate::components::chart::stacked_bar::StackedBarChart;
use crate::components::chart::trend::TrendChart;
use crate::components::chart::{ChartData, Series};
use crate::components::field::RadioOption;
use crate::components::loading::Loaded;
use crate::components::table::DataTable;
use crate::format::{fixed, month, today};
use crate::i18n::t;

#[component]
pub fn CoachingPage() -> impl IntoView {
    let tr = &t().trips;
    view! {
        <TripsSection title=tr.coaching_title.as_str() intro=tr.coaching_intro.as_str()
            path="/trips/coaching" id="coaching-vehicle"
            page=|v| view! { <VehicleCoaching v /> }.into_any() />
    }
}

/// Per month or per ISO week.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Per {
    Month,
    Week,
}

#[component]
fn VehicleCoaching(v: VehicleSummary) -> impl IntoView {
    let tr = &t().trips;
    if !v.permissions.can_see_trips {
        return view! { <p class="ml-notice">{tr.no_trips_right.as_str()}</p> }.into_any();
    }
    // The last twelve months, this one included, from the first of the month.
    let end = today();
    let start = end
        .with_day(1)
        .and_then(|d| d.checked_sub_months(Months::new(11)))
        .unwrap_or(end);
    let from = RwSignal::new(start.to_string());
    let to = RwSignal::new(end.to_string());
    let period = period_of(from, to);
    let per = RwSignal::new(Per::Month);
    let vin = v.vin;
    view! {
        <PeriodCard prefix="coaching" from to period>
            <fieldset class="ml-fieldset">
                <legend class="ml-fieldset__legend">{tr.per_legend.as_str()}</legend>
                <div class="ml-radios">
                    <RadioOption id="coaching-per-month" name="coaching-per" label=tr.per_month.as_str()
                        value=Per::Month chosen=per />
                    <RadioOption id="coaching-per-week" name="coaching-per" label=tr.per_week.as_str()
                        value=Per::Week chosen=per />
                </div>
            </fieldset>
        </PeriodCard>
        {move || period.get().ok().map(|(from, to)| view! { <Overview vin=vin.clone() from to per /> })}
    }
    .into_any()
}

#[component]
fn Overview(vin: String, from: NaiveDate, to: NaiveDate, per: RwSignal<Per>) -> impl IntoView {
    let overview = {
        let vin = vin.clone();
        LocalResource::new(move || {
            let vin = vin.clone();
            async move { api::coaching(&vin, from, to).await }
        })
    };
    view! {
        <Loaded resource=overview let:o>
            {overview_view(vin.clone(), o, per)}
        </Loaded>
    }
}

fn overview_view(vin: String, o: CoachingOverview, per: RwSignal<Per>) -> impl IntoView {
    let tr = &t().trips;
    if o.months.iter().all(|m| m.trips == 0) {
        return view! { <p>{tr.none_in_period.as_str()}</p> }.into_any();
    }
    let (weeks, months) = (o.weeks, o.months);
    let charts = move || {
        let periods = match per.get() {
            Per::Month => &months,
            Per::Week => &weeks,
        };
        charts(periods, per.get_untracked(), o.from, o.to)
    };
    view! {
        <ThisMonth this=o.this_month previous=o.previous_months />
        {charts}
        {o.positions_hidden.then(|| view! { <p class="ml-notice">{tr.privacy_notice.as_str()}</p> })}
        <TripTable id="coaching-best" heading=tr.best_heading.as_str() vin=vin.clone() trips=o.best_trips />
        <TripTable id="coaching-worst" heading=tr.worst_heading.as_str() vin trips=o.worst_trips />
    }
    .into_any()
}

/// A period's value, none when it had no trips (a gap in the charts).
fn value(p: &CoachingPeriod, v: impl Fn(&CoachingPeriod) -> Option<f64>) -> Option<f64> {
    (p.trips > 0).then(|| v(p)).flatten()
}

fn whole(v: f64) -> String {
    fixed(v, 0)
}

fn litres_per_100(v: f64) -> String {
    t().trips.consumption(&fixed(v, 1))
}

fn short_km(v: f64) -> String {
    km(v)
}

/// The short (axis) and long (table, tooltip) names of the periods.
fn period_labels(periods: &[CoachingPeriod], per: Per) -> (Vec<String>, Vec<String>) {
    let tr = &t().trips;
    periods
        .iter()
        .map(|p| match per {
            Per::Month => (month(p.from, false), month(p.from, true)),
            Per::Week => {
                // `2026-W53`: the ISO week and its year.
                let (year, week) = p.period.split_once("-W").unwrap_or(("", &p.period));
                (tr.week_short(week), tr.week_long(week, year))
            }
        })
        .unzip()
}

fn charts(periods: &[CoachingPeriod], per: Per, from: NaiveDate, to: NaiveDate) -> impl IntoView {
    let tr = &t().trips;
    let (labels, long_labels) = period_labels(periods, per);
    let (from, to) = (crate::format::date(from), crate::format::date(to));
    let per_word = match per {
        Per::Month => tr.per_month_word.as_str(),
        Per::Week => tr.per_week_word.as_str(),
    };
    let series =
        |name: &'static str, colour: &'static str, v: fn(&CoachingPeriod) -> Option<f64>| Series {
            name,
            colour,
            values: periods.iter().map(|p| value(p, v)).collect(),
        };
    let chart =
        |id, title: String, desc: String, series: Vec<Series>, format: fn(f64) -> String| {
            ChartData {
                id,
                caption: title.clone(),
                title,
                desc,
                labels: labels.clone(),
                long_labels: long_labels.clone(),
                series,
                format,
                empty: tr.no_trips.as_str(),
            }
        };
    let line_desc = tr.chart_line_desc(&from, &to);
    let bar_desc = tr.chart_bar_desc(&from, &to);
    let trend = chart(
        "coaching-trend",
        tr.trend_title(per_word),
        line_desc.clone(),
        vec![
            series(tr.series_ev_share.as_str(), "#2e7d32", |p| {
                p.ev_share_distance_pct.map(f64::from)
            }),
            series(tr.series_score.as_str(), "#7a5a2a", |p| {
                p.hybrid_score.map(f64::from)
            }),
        ],
        whole,
    );
    let split = chart(
        "coaching-split",
        tr.split_title(per_word),
        bar_desc,
        vec![
            series(tr.mode_ev.as_str(), "#2e7d32", |p| Some(p.ev_distance_km)),
            series(tr.mode_eco.as_str(), "#0b5cad", |p| Some(p.eco_distance_km)),
            series(tr.mode_power.as_str(), "#b3261e", |p| {
                Some(p.power_distance_km)
            }),
            series(tr.split_other.as_str(), "#6b6b6b", |p| {
                Some(p.other_distance_km)
            }),
        ],
        short_km,
    );
    let consumption = chart(
        "coaching-consumption",
        tr.consumption_title(per_word),
        line_desc,
        vec![series(tr.series_consumption.as_str(), "#0b5cad", |p| {
            p.average_consumption_l_100km
        })],
        litres_per_100,
    );
    view! {
        <section class="ml-card" aria-labelledby="coaching-trend-heading">
            <h2 id="coaching-trend-heading">{tr.trend_heading.as_str()}</h2>
            <TrendChart data=trend max=100.0 />
        </section>
        <section class="ml-card" aria-labelledby="coaching-split-heading">
            <h2 id="coaching-split-heading">{tr.split_heading.as_str()}</h2>
            <StackedBarChart data=split total_column=tr.col_total.as_str() />
        </section>
        <section class="ml-card" aria-labelledby="coaching-consumption-heading">
            <h2 id="coaching-consumption-heading">{tr.consumption_heading.as_str()}</h2>
            <TrendChart data=consumption />
        </section>
    }
}

/// One line of the figures table: a period's value, if it has one.
type Figure = fn(&CoachingPeriod) -> Option<String>;

/// This month's score against the previous months', and their figures.
#[component]
fn ThisMonth(this: CoachingPeriod, previous: Option<CoachingPeriod>) -> impl IntoView {
    let tr = &t().trips;
    let gauge_desc = |p: Option<&CoachingPeriod>| match p.and_then(|p| p.hybrid_score) {
        Some(s) => tr.gauge_desc(&s.to_string()),
        None => tr.gauge_none.to_string(),
    };
    let figure = |p: Option<&CoachingPeriod>, f: Figure| {
        p.and_then(f).unwrap_or_else(|| tr.not_measured.to_string())
    };
    let figures: [(&'static str, Figure); 5] = [
        (tr.col_trips.as_str(), |p| Some(p.trips.to_string())),
        (tr.col_distance.as_str(), |p| Some(km(p.distance_km))),
        (tr.series_ev_share.as_str(), |p| {
            p.ev_share_distance_pct.map(|v| v.to_string())
        }),
        (tr.series_score.as_str(), |p| {
            p.hybrid_score.map(|v| v.to_string())
        }),
        (tr.series_consumption.as_str(), |p| {
            p.average_consumption_l_100km.map(litres_per_100)
        }),
    ];
    let rows: Vec<(&'static str, String, String)> = figures
        .into_iter()
        .map(|(name, f)| (name, figure(Some(&this), f), figure(previous.as_ref(), f)))
        .collect();
    view! {
        <section class="ml-card" aria-labelledby="coaching-month">
            <h2 id="coaching-month">{tr.month_heading.as_str()}</h2>
            <div class="ml-coaching__row">
                <Gauge id="coaching-gauge-this" title=tr.gauge_title(tr.this_month.as_str())
                    desc=gauge_desc(Some(&this)) label=tr.this_month.as_str()
                    value=this.hybrid_score empty="–" />
                <Gauge id="coaching-gauge-previous" title=tr.gauge_title(tr.previous_months.as_str())
                    desc=gauge_desc(previous.as_ref()) label=tr.previous_months.as_str()
                    value=previous.as_ref().and_then(|p| p.hybrid_score) empty="–" />
            </div>
            <DataTable labelled_by="coaching-month" caption=tr.figures_caption.as_str() named_by_caption=true
                columns=vec![tr.col_figure.as_str(), tr.this_month.as_str(), tr.previous_months.as_str()]
                records=rows
                row=|(name, this, previous): (&'static str, String, String)| view! {
                    <th scope="row">{name}</th>
                    <td>{this}</td>
                    <td>{previous}</td>
                } />
        </section>
    }
}

/// The best or the worst trips, each linking to the trip.
#[component]
fn TripTable(
    id: &'static str,
    heading: &'static str,
    vin: String,
    trips: Vec<TripSummary>,
) -> impl IntoView {
    let tr = &t().trips;
    let body = view! {
        <DataTable labelled_by=id
            columns=vec![tr.col_when.as_str(), tr.col_route.as_str(), tr.col_distance.as_str(),
                tr.col_ev.as_str(), tr.col_score.as_str()]
            records=trips
            row=move |trip: TripSummary| view! {
                <th scope="row"><a href=trip_href(&vin, trip.id)>{when_text(&trip)}</a></th>
                <td>{route_text(&trip)}</td>
                <td>{km(trip.distance_km)}</td>
                <td>{trip.ev_share_distance_pct.map(|p| format!("{p} %")).unwrap_or_default()}</td>
                <td>{trip.hybrid_score.map(|s| s.to_string()).unwrap_or_default()}</td>
            }
            empty=tr.none_in_period.as_str() />
    };
    // Not a region of its own: the table's region is named by the heading.
    view! {
        <div class="ml-trips__list">
            <h2 id=id>{heading}</h2>
            {body}
        </div>
    }
}
