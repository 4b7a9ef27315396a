//! The status section (C4): every value the car sent, each with its age,
//! and the warning lights.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use mijn_lexus_contract::vehicle::{Measured, Severity, VehicleStatus};

use crate::components::card::Card;
use crate::components::loading::{ApiResource, Loaded};
use crate::i18n::t;
use crate::pages::garage::format::{self, ago};

/// One value with its age: "12.345 km · 3 uur geleden".
fn reading(
    id: &'static str,
    label: &'static str,
    value: String,
    measured_at: DateTime<Utc>,
    now: DateTime<Utc>,
    gauge: Option<f64>,
) -> impl IntoView {
    let label_id = format!("{id}-label");
    let meter = gauge.map(|v| {
        view! {
            <meter
                class="ml-meter"
                id=id
                min="0"
                max="100"
                low="15"
                optimum="100"
                value=crate::format::plain(v)
                aria-labelledby=label_id.clone()
            >
                {format::percent(v)}
            </meter>
        }
    });
    view! {
        <div class="ml-reading">
            <dt class="ml-reading__label" id=label_id.clone()>{label}</dt>
            <dd class="ml-reading__value">
                {meter}
                <span class="ml-reading__number">{value}</span>
                <span class="ml-reading__age">
                    {t().garage.measured(&ago(measured_at, now))}
                </span>
            </dd>
        </div>
    }
}

#[component]
pub(super) fn StatusSection(
    status: ApiResource<VehicleStatus>,
    now: RwSignal<DateTime<Utc>>,
) -> impl IntoView {
    let g = &t().garage;
    let content = move |s: VehicleStatus| {
        let now = now.get();
        {
            {
                let km = |m: Measured<f64>| (format::km(m.value), m.measured_at);
                let pct = |m: Measured<f64>| (format::percent(m.value), m.measured_at);
                let mut readings = Vec::new();
                if let Some((v, at)) = s.odometer_km.clone().map(km) {
                    readings.push(reading("odometer", &g.odometer, v, at, now, None).into_any());
                }
                if s.powertrain.has_fuel() {
                    if let Some(m) = s.fuel_percent.clone() {
                        let (v, at) = pct(m.clone());
                        readings
                            .push(reading("fuel", &g.fuel, v, at, now, Some(m.value)).into_any());
                    }
                }
                if let Some((v, at)) = s.range_km.clone().map(km) {
                    readings.push(reading("range", &g.range, v, at, now, None).into_any());
                }
                if s.powertrain.has_battery() {
                    if let Some(m) = s.battery_percent.clone() {
                        let (v, at) = pct(m.clone());
                        readings.push(
                            reading("battery", &g.battery, v, at, now, Some(m.value)).into_any(),
                        );
                    }
                    if let Some((v, at)) = s.electric_range_km.clone().map(km) {
                        readings.push(
                            reading("electric-range", &g.electric_range, v, at, now, None)
                                .into_any(),
                        );
                    }
                }
                if let Some(m) = s.privacy_mode.clone() {
                    let v = if m.value {
                        g.privacy_on.to_string()
                    } else {
                        g.privacy_off.to_string()
                    };
                    readings.push(
                        reading("privacy", &g.privacy_mode, v, m.measured_at, now, None).into_any(),
                    );
                }
                let empty = readings.is_empty();
                view! {
                    {empty.then(|| view! { <p>{g.no_status.as_str()}</p> })}
                    {(!empty).then(|| view! { <dl class="ml-readings">{readings}</dl> })}
                    <h3>{g.warning_lights.as_str()}</h3>
                    <WarningLights status=s now />
                }
                .into_any()
            }
        }
    };
    view! {
        <Card id="status-heading" title=g.status_heading.as_str() class="ml-garage__section">
            <Loaded resource=status let:s>{content(s)}</Loaded>
        </Card>
    }
}

#[component]
fn WarningLights(status: VehicleStatus, now: DateTime<Utc>) -> impl IntoView {
    let g = &t().garage;
    if status.warning_lights.is_empty() {
        let text = match status.warning_lights_measured_at {
            Some(at) => g.no_warning_lights(&ago(at, now)),
            None => g.warning_lights_unknown.to_string(),
        };
        return view! { <p>{text}</p> }.into_any();
    }
    let items = status
        .warning_lights
        .into_iter()
        .map(|w| {
            let (class, severity) = match w.severity {
                Severity::Critical => (
                    "ml-warning ml-warning--critical",
                    g.severity_critical.as_str(),
                ),
                Severity::Warning => (
                    "ml-warning ml-warning--warning",
                    g.severity_warning.as_str(),
                ),
                Severity::Info => ("ml-warning ml-warning--info", g.severity_info.as_str()),
            };
            view! {
                <li class=class>
                    <h4 class="ml-warning__title">
                        <span class="ml-warning__severity">{severity}</span>
                        " "
                        {w.title}
                    </h4>
                    <p>{w.explanation}</p>
                    <p>
                        <strong>{g.what_to_do.as_str()}</strong>
                        " "
                        {w.action}
                    </p>
                    <p class="ml-reading__age">
                        {g.warning_since(&ago(w.since, now), &ago(w.measured_at, now))}
                    </p>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="ml-warnings">{items}</ul> }.into_any()
}
