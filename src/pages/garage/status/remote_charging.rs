//! The weekly charging schedules of a plug-in (F4): charge from a start
//! time, until an end time or a target charge when given. See
//! `remote_schedules` for what both kinds of schedule share.

use std::sync::OnceLock;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use mijn_lexus_contract::remote::{
    ChargingSchedule, ChargingSchedules, MAX_SCHEDULES, TARGET_PERCENT_MAX, TARGET_PERCENT_MIN,
};

use super::per_vehicle;
use super::remote::{Commands, Origin, Outcome};
use super::remote_schedules::{
    chosen, days_text, enabled_text, full_notice, numbered, part_heading, problems, remove_button,
    Days, DaysFieldset, Ids,
};
use crate::api::remote as api;
use crate::components::field::{CheckboxField, Field, SelectField, SubmitButton};
use crate::components::loading::{Loaded, RequestError};
use crate::components::table::DataTable;
use crate::forms::{focus_id, focus_on_error, FormState};
use crate::i18n::t;
use crate::session::use_session;

/// The ids of the charging schedule form.
const CHARGING: Ids = Ids {
    heading: "remote-ch-heading",
    days: [
        "remote-ch-day-1",
        "remote-ch-day-2",
        "remote-ch-day-3",
        "remote-ch-day-4",
        "remote-ch-day-5",
        "remote-ch-day-6",
        "remote-ch-day-7",
    ],
    days_field: "remote-ch-days",
    time: "remote-ch-start",
    remove: [
        "remote-ch-remove-0",
        "remote-ch-remove-1",
        "remote-ch-remove-2",
        "remote-ch-remove-3",
        "remote-ch-remove-4",
    ],
};
const CHARGING_END: &str = "remote-ch-end";
const CHARGING_TARGET: &str = "remote-ch-target";

fn charging_field(f: &str) -> String {
    match f.rsplit('.').next().unwrap_or(f) {
        "days" => CHARGING.days_field,
        "end" => CHARGING_END,
        "target_percent" => CHARGING_TARGET,
        _ => CHARGING.time,
    }
    .to_owned()
}

/// The charging targets offered: none, or 50-100 % by 10 (value, text).
fn target_options() -> Vec<(&'static str, &'static str)> {
    static OPTIONS: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    OPTIONS
        .get_or_init(|| {
            let g = &t().garage;
            let mut options = vec![("", g.charging_target_none.as_str())];
            for p in (TARGET_PERCENT_MIN..=TARGET_PERCENT_MAX).step_by(10) {
                let value: &'static str = Box::leak(p.to_string().into_boxed_str());
                let text: &'static str = Box::leak(target_text(p).into_boxed_str());
                options.push((value, text));
            }
            options
        })
        .clone()
}

fn target_text(p: u8) -> String {
    t().garage.target_value(&p.to_string())
}

#[component]
pub(super) fn ChargingSchedulesPart(vin: StoredValue<String>, commands: Commands) -> impl IntoView {
    let g = &t().garage;
    let session = use_session();
    let list = per_vehicle(&vin.get_value(), |vin| async move {
        api::charging_schedules(&vin).await
    });
    let form = FormState::new();
    let remove = FormState::new();
    let days: Days = std::array::from_fn(|_| RwSignal::new(false));
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let target = RwSignal::new(String::new());
    let enabled = RwSignal::new(true);
    let room = Memo::new(move |_| {
        list.with(|l| match l {
            Some(Ok(l)) => Some(l.schedules.len() < MAX_SCHEDULES),
            _ => None,
        })
    });
    let current = move || {
        list.with_untracked(|l| match l {
            Some(Ok(l)) => Some(l.schedules.clone()),
            _ => None,
        })
    };
    let save = move |via: FormState,
                     schedules: Vec<ChargingSchedule>,
                     focus: &'static str,
                     after: Box<dyn FnOnce()>| {
        let vin = vin.get_value();
        let body = ChargingSchedules { schedules };
        let sent = body.clone();
        let send = async move { api::save_charging_schedules(session, &vin, &sent).await };
        let done = move |c| {
            list.set(Some(Ok(body)));
            commands.sent(c, Origin::ChargingSchedules);
            after();
        };
        via.submit_mapped(focus_on_error(focus, send), done, charging_field);
    };
    // The schedule the form describes.
    let new_schedule = move || {
        let end = end.get_untracked().trim().to_owned();
        ChargingSchedule {
            enabled: enabled.get_untracked(),
            days: chosen(days),
            start: start.get_untracked().trim().to_owned(),
            end: (!end.is_empty()).then_some(end),
            // "" (no limit) is None; anything else is what the list offers.
            target_percent: target.get_untracked().parse().ok(),
        }
    };

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(mut schedules) = current() else {
            return;
        };
        if !form.begin() {
            return;
        }
        let schedule = new_schedule();
        let start_empty = schedule.start.is_empty();
        schedules.push(schedule);
        let body = ChargingSchedules { schedules };
        if let Err(errors) = body.validate() {
            form.fail_fields(problems(errors, &CHARGING, charging_field, start_empty));
            return;
        }
        save(
            form,
            body.schedules,
            CHARGING.days[0],
            Box::new(move || {
                days.iter().for_each(|d| d.set(false));
                start.set(String::new());
                end.set(String::new());
            }),
        );
    };

    let table = move |l: ChargingSchedules| {
        let row = move |(i, s): (usize, ChargingSchedule)| {
            let on = Callback::new(move |()| {
                if !remove.begin() {
                    return;
                }
                let Some(mut schedules) = current() else {
                    return;
                };
                if i < schedules.len() {
                    schedules.remove(i);
                }
                save(
                    remove,
                    schedules,
                    CHARGING.heading,
                    Box::new(|| focus_id(CHARGING.heading)),
                );
            });
            view! {
                <th scope="row">{days_text(&s.days)}</th>
                <td>{s.start}</td>
                <td>{s.end.unwrap_or_else(|| g.no_value.to_string())}</td>
                <td>{s.target_percent.map_or_else(|| g.charging_target_none.to_string(), target_text)}</td>
                <td>{enabled_text(s.enabled)}</td>
                <td>{remove_button(&CHARGING, i, remove, on)}</td>
            }
        };
        view! {
            <DataTable
                labelled_by=CHARGING.heading
                caption=g.charging_schedules_heading.as_str()
                columns=vec![
                    g.schedule_days.as_str(),
                    g.charging_start.as_str(),
                    g.charging_end.as_str(),
                    g.charging_target.as_str(),
                    g.col_state.as_str(),
                    g.col_action.as_str(),
                ]
                records=numbered(l.schedules)
                row
                empty=g.schedules_none.as_str()
            />
        }
        .into_any()
    };

    let add_form = move || {
        room.get().map(|room| {
            if !room {
                return full_notice().into_any();
            }
            view! {
                <form class="ml-form" novalidate on:submit=submit aria-labelledby="remote-ch-heading remote-ch-add">
                    <h4 id="remote-ch-add">{g.schedule_add_heading.as_str()}</h4>
                    {move || form.request_error().map(|error| view! { <RequestError error /> })}
                    <DaysFieldset ids=&CHARGING days error=form.field(CHARGING.days_field) />
                    <div class="ml-form__row">
                        <Field id=CHARGING.time label=g.charging_start.as_str() kind="time"
                            value=start required=true error=form.field(CHARGING.time) />
                        <Field id=CHARGING_END label=g.charging_end.as_str() kind="time"
                            hint=g.charging_end_hint.as_str() value=end error=form.field(CHARGING_END) />
                    </div>
                    <SelectField id=CHARGING_TARGET label=g.charging_target.as_str() value=target
                        options=target_options() error=form.field(CHARGING_TARGET) />
                    <CheckboxField id="remote-ch-enabled" label=g.schedule_enabled.as_str()
                        checked=enabled error=Signal::stored(None) />
                    <div class="ml-form__actions">
                        <SubmitButton label=g.schedule_add.as_str() pending=form.pending />
                    </div>
                </form>
            }
            .into_any()
        })
    };

    view! {
        <div class="ml-subform">
            {part_heading(&CHARGING, g.charging_schedules_heading.as_str())}
            <Outcome commands origin=Origin::ChargingSchedules />
            {move || remove.request_error().map(|error| view! { <RequestError error /> })}
            <Loaded resource=list let:l>{table(l)}</Loaded>
            {add_form}
        </div>
    }
}
