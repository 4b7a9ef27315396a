//! A walking route in words (the map's text alternative): distance, time,
//! each step as a sentence in the visitor's language, and links that hand
//! the walk to another app.

use leptos::prelude::*;
use mijn_lexus_contract::map::{LatLon, Maneuver, Modifier, RouteStep, WalkingRoute};

use crate::format::fixed;
use crate::i18n::t;

/// "350 m" / "1,2 km".
pub fn distance(metres: f64) -> String {
    if metres < 1000.0 {
        // Walking distances to 10 m: a metre more or less is noise.
        format!("{} m", fixed((metres / 10.0).round() * 10.0, 0))
    } else {
        format!("{} km", fixed(metres / 1000.0, 1))
    }
}

/// "12 min" / "1 h 05 min" (whole minutes, at least one).
pub fn duration(seconds: f64) -> String {
    let minutes = (seconds / 60.0).round().max(1.0) as u64;
    if minutes < 60 {
        format!("{minutes} min")
    } else {
        format!("{} h {:02} min", minutes / 60, minutes % 60)
    }
}

/// What to do at a step, e.g. "Sla linksaf naar Boulevard Albert 1er".
pub fn sentence(step: &RouteStep) -> String {
    let m = &t().map;
    let street = step.street.as_deref().filter(|s| !s.trim().is_empty());
    match step.maneuver {
        Maneuver::Depart => match street {
            Some(s) => m.step_depart(s),
            None => m.step_depart_unnamed.to_string(),
        },
        Maneuver::Arrive => m.step_arrive.to_string(),
        Maneuver::Roundabout => {
            let exit = step.exit.unwrap_or(1).to_string();
            match street {
                Some(s) => m.step_roundabout(&exit, s),
                None => m.step_roundabout_unnamed(&exit),
            }
        }
        Maneuver::ExitRoundabout | Maneuver::Keep | Maneuver::NewName => continue_on(street),
        Maneuver::Continue if matches!(step.modifier, None | Some(Modifier::Straight)) => {
            continue_on(street)
        }
        _ => {
            let action = direction(step.modifier.unwrap_or(Modifier::Straight));
            match street {
                Some(s) => m.step_turn(action, s),
                None => action.to_owned(),
            }
        }
    }
}

fn continue_on(street: Option<&str>) -> String {
    let m = &t().map;
    match street {
        Some(s) => m.step_continue(s),
        None => m.step_continue_unnamed.to_string(),
    }
}

fn direction(modifier: Modifier) -> &'static str {
    let m = &t().map;
    match modifier {
        Modifier::Uturn => m.turn_uturn.as_str(),
        Modifier::SharpRight => m.turn_sharp_right.as_str(),
        Modifier::Right => m.turn_right.as_str(),
        Modifier::SlightRight => m.turn_slight_right.as_str(),
        Modifier::Straight => m.turn_straight.as_str(),
        Modifier::SlightLeft => m.turn_slight_left.as_str(),
        Modifier::Left => m.turn_left.as_str(),
        Modifier::SharpLeft => m.turn_sharp_left.as_str(),
    }
}

/// The route as the map draws it: (latitude, longitude) points.
pub fn line(route: &WalkingRoute) -> Vec<(f64, f64)> {
    route.geometry.iter().map(|p| (p.lat, p.lon)).collect()
}

/// The walk in words: "850 m, about 11 min on foot", then every step.
#[component]
pub fn RouteDetails(route: WalkingRoute, heading_id: &'static str) -> impl IntoView {
    let m = &t().map;
    let summary = m.route_summary(&distance(route.distance_m), &duration(route.duration_s));
    view! {
        <div class="ml-route">
            <p class="ml-route__summary">{summary}</p>
            <h3 id=heading_id>{m.steps_heading.as_str()}</h3>
            <ol class="ml-route__steps" aria-labelledby=heading_id>
                {route.steps.iter().map(|step| {
                    let after = (step.maneuver != Maneuver::Arrive && step.distance_m > 0.0)
                        .then(|| view! { <span class="ml-route__leg">{distance(step.distance_m)}</span> });
                    view! { <li>{sentence(step)} {after}</li> }
                }).collect_view()}
            </ol>
        </div>
    }
}

/// Links that open a walk to `to` in Google Maps and Apple Maps (they find
/// the visitor's position themselves).
#[component]
pub fn HandOff(to: LatLon) -> impl IntoView {
    let m = &t().map;
    let google = format!(
        "https://www.google.com/maps/dir/?api=1&destination={},{}&travelmode=walking",
        to.lat, to.lon
    );
    let apple = format!(
        "https://maps.apple.com/?daddr={},{}&dirflg=w",
        to.lat, to.lon
    );
    view! {
        <ul class="ml-route__handoff">
            <li><a href=google rel="noopener noreferrer" target="_blank">{m.open_google_maps.as_str()}</a></li>
            <li><a href=apple rel="noopener noreferrer" target="_blank">{m.open_apple_maps.as_str()}</a></li>
        </ul>
    }
}
