//! The weekly schedules of the remote section (F4): what climate and
//! charging schedules (`remote_charging`) share, and the climate schedules.
//! Each kind is one list per vehicle (at most `MAX_SCHEDULES`); adding or
//! removing one saves the whole list, which the car receives as a command
//! (its outcome shows like any other command's). Times are Europe/Brussels
//! "HH:MM", days ISO numbers (1 = Monday).

use std::sync::OnceLock;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use mijn_lexus_contract::remote::{ClimateSchedule, ClimateSchedules, MAX_SCHEDULES};
use mijn_lexus_contract::{ErrorCode, FieldError};

use super::per_vehicle;
use super::remote::{
    temperature, temperature_options, Commands, Origin, Outcome, DEFAULT_TEMPERATURE,
};
use crate::api::remote as api;
use crate::components::confirm_action::ConfirmAction;
use crate::components::field::{CheckboxField, Field, SelectField, SubmitButton};
use crate::components::loading::{Loaded, RequestError};
use crate::components::table::DataTable;
use crate::format::weekday;
use crate::forms::{focus_id, focus_on_error, FormState};
use crate::i18n::t;
use crate::session::use_session;

/// The ids of one form's controls (climate and charging forms differ).
pub(super) struct Ids {
    pub(super) heading: &'static str,
    pub(super) days: [&'static str; 7],
    /// The days as one field (its error), not an element.
    pub(super) days_field: &'static str,
    pub(super) time: &'static str,
    pub(super) remove: [&'static str; MAX_SCHEDULES],
}

/// The ids of the climate schedule form.
const CLIMATE: Ids = Ids {
    heading: "remote-cs-heading",
    days: [
        "remote-cs-day-1",
        "remote-cs-day-2",
        "remote-cs-day-3",
        "remote-cs-day-4",
        "remote-cs-day-5",
        "remote-cs-day-6",
        "remote-cs-day-7",
    ],
    days_field: "remote-cs-days",
    time: "remote-cs-time",
    remove: [
        "remote-cs-remove-0",
        "remote-cs-remove-1",
        "remote-cs-remove-2",
        "remote-cs-remove-3",
        "remote-cs-remove-4",
    ],
};
const CLIMATE_TEMPERATURE: &str = "remote-cs-temperature";

/// The contract's "schedules[i].time" as the id of the form's control.
fn climate_field(f: &str) -> String {
    match f.rsplit('.').next().unwrap_or(f) {
        "days" => CLIMATE.days_field,
        "temperature_c" => CLIMATE_TEMPERATURE,
        // "time", and the list as a whole (too many: another tab added one).
        _ => CLIMATE.time,
    }
    .to_owned()
}

/// Client-side problems of the list with the new schedule last, as the
/// form's ids; an empty time is missing rather than wrong. The focus goes
/// to the first.
pub(super) fn problems(
    errors: Vec<FieldError>,
    ids: &Ids,
    field_id: fn(&str) -> String,
    time_empty: bool,
) -> Vec<FieldError> {
    let errors: Vec<FieldError> = errors
        .into_iter()
        .map(|e| {
            let id = field_id(&e.field);
            let code = if id == ids.time && time_empty {
                ErrorCode::Required
            } else {
                e.code
            };
            FieldError::new(&id, code)
        })
        .collect();
    if let Some(first) = errors.first() {
        focus_id(if first.field == ids.days_field {
            ids.days[0]
        } else {
            &first.field
        });
    }
    errors
}

/// "Maandag" ... "Zondag", as the browser names them in the interface
/// language, made once per visit (`CheckboxField` takes `'static` labels).
fn day_names() -> [&'static str; 7] {
    static NAMES: OnceLock<[&'static str; 7]> = OnceLock::new();
    *NAMES.get_or_init(|| {
        std::array::from_fn(|i| {
            let name = weekday(i as u8 + 1, true);
            let mut chars = name.chars();
            let capital: String = chars
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .chain(chars)
                .collect();
            &*Box::leak(capital.into_boxed_str())
        })
    })
}

/// "ma, di, wo".
pub(super) fn days_text(days: &[u8]) -> String {
    let mut sorted = days.to_vec();
    sorted.sort_unstable();
    sorted
        .into_iter()
        .map(|d| weekday(d, false))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The rows of a schedules table: each schedule with its place in the list.
pub(super) fn numbered<T>(schedules: Vec<T>) -> Vec<(usize, T)> {
    schedules.into_iter().enumerate().collect()
}

pub(super) type Days = [RwSignal<bool>; 7];

pub(super) fn chosen(days: Days) -> Vec<u8> {
    (1u8..=7)
        .zip(days)
        .filter(|(_, d)| d.get_untracked())
        .map(|(n, _)| n)
        .collect()
}

/// Mon-Sun as checkboxes in a fieldset, with the error "choose a day".
#[component]
pub(super) fn DaysFieldset(
    ids: &'static Ids,
    days: Days,
    #[prop(into)] error: Signal<Option<&'static str>>,
) -> impl IntoView {
    let g = &t().garage;
    let error_id = format!("{}-error", ids.days_field);
    let described = {
        let error_id = error_id.clone();
        move || error.get().map(|_| error_id.clone())
    };
    let boxes = day_names()
        .into_iter()
        .zip(days)
        .zip(ids.days)
        .map(|((label, checked), id)| {
            view! { <CheckboxField id label checked error=Signal::stored(None) /> }
        })
        .collect_view();
    view! {
        <fieldset class="ml-fieldset" aria-describedby=described>
            <legend class="ml-fieldset__legend">{g.schedule_days.as_str()}</legend>
            <div class="ml-radios">{boxes}</div>
            {move || error.get().map(|_| view! {
                <p class="ml-field__error" id=error_id.clone()>{g.schedule_days_required.as_str()}</p>
            })}
        </fieldset>
    }
}

/// The heading of a schedules part and, when the list is full, why no form.
pub(super) fn part_heading(ids: &'static Ids, title: &'static str) -> impl IntoView {
    let g = &t().garage;
    view! {
        <h3 id=ids.heading tabindex="-1">{title}</h3>
        <p class="ml-field__hint">{g.schedules_hint.as_str()}</p>
    }
}

pub(super) fn full_notice() -> impl IntoView {
    let text = t().garage.schedules_full(&MAX_SCHEDULES.to_string());
    view! { <p class="ml-notice">{text}</p> }
}

pub(super) fn enabled_text(on: bool) -> &'static str {
    let g = &t().garage;
    if on {
        g.schedule_on.as_str()
    } else {
        g.schedule_off.as_str()
    }
}

pub(super) fn remove_button(
    ids: &'static Ids,
    i: usize,
    form: FormState,
    on: Callback<()>,
) -> impl IntoView {
    let g = &t().garage;
    view! {
        <ConfirmAction
            id=ids.remove[i]
            button=g.schedule_remove.as_str()
            question=g.schedule_remove_confirm.as_str()
            yes=g.schedule_remove_yes.as_str()
            form
            on_confirm=on
        />
    }
}

#[component]
pub(super) fn ClimateSchedulesPart(vin: StoredValue<String>, commands: Commands) -> impl IntoView {
    let g = &t().garage;
    let session = use_session();
    let list = per_vehicle(&vin.get_value(), |vin| async move {
        api::climate_schedules(&vin).await
    });
    let form = FormState::new();
    let remove = FormState::new();
    let days: Days = std::array::from_fn(|_| RwSignal::new(false));
    let time = RwSignal::new(String::new());
    let temp = RwSignal::new(DEFAULT_TEMPERATURE.to_owned());
    let front = RwSignal::new(false);
    let rear = RwSignal::new(false);
    let enabled = RwSignal::new(true);
    // None until loaded; then whether one more fits.
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
    // Saves the whole list; the car gets it as a command.
    let save = move |via: FormState,
                     schedules: Vec<ClimateSchedule>,
                     focus: &'static str,
                     after: Box<dyn FnOnce()>| {
        let vin = vin.get_value();
        let body = ClimateSchedules { schedules };
        let sent = body.clone();
        let send = async move { api::save_climate_schedules(session, &vin, &sent).await };
        let done = move |c| {
            list.set(Some(Ok(body)));
            commands.sent(c, Origin::ClimateSchedules);
            after();
        };
        via.submit_mapped(focus_on_error(focus, send), done, climate_field);
    };

    // The schedule the form describes.
    let new_schedule = move || ClimateSchedule {
        enabled: enabled.get_untracked(),
        days: chosen(days),
        time: time.get_untracked().trim().to_owned(),
        temperature_c: temp.get_untracked().parse().unwrap_or(f64::NAN),
        front_defrost: front.get_untracked(),
        rear_defrost: rear.get_untracked(),
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
        let time_empty = schedule.time.is_empty();
        schedules.push(schedule);
        let body = ClimateSchedules { schedules };
        if let Err(errors) = body.validate() {
            form.fail_fields(problems(errors, &CLIMATE, climate_field, time_empty));
            return;
        }
        save(
            form,
            body.schedules,
            CLIMATE.days[0],
            Box::new(move || {
                days.iter().for_each(|d| d.set(false));
                time.set(String::new());
            }),
        );
    };

    let table = move |l: ClimateSchedules| {
        let row = move |(i, s): (usize, ClimateSchedule)| {
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
                    CLIMATE.heading,
                    Box::new(|| focus_id(CLIMATE.heading)),
                );
            });
            let defrost = match (s.front_defrost, s.rear_defrost) {
                (false, false) => g.defrost_none.to_string(),
                (true, false) => g.defrost_front.to_string(),
                (false, true) => g.defrost_rear.to_string(),
                (true, true) => format!("{}, {}", g.defrost_front, g.defrost_rear.to_lowercase()),
            };
            view! {
                <th scope="row">{days_text(&s.days)}</th>
                <td>{s.time}</td>
                <td>{temperature(s.temperature_c)}</td>
                <td>{defrost}</td>
                <td>{enabled_text(s.enabled)}</td>
                <td>{remove_button(&CLIMATE, i, remove, on)}</td>
            }
        };
        view! {
            <DataTable
                labelled_by=CLIMATE.heading
                caption=g.climate_schedules_heading.as_str()
                columns=vec![
                    g.schedule_days.as_str(),
                    g.schedule_time.as_str(),
                    g.climate_temperature.as_str(),
                    g.col_defrost.as_str(),
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
                <form class="ml-form" novalidate on:submit=submit aria-labelledby="remote-cs-heading remote-cs-add">
                    <h4 id="remote-cs-add">{g.schedule_add_heading.as_str()}</h4>
                    {move || form.request_error().map(|error| view! { <RequestError error /> })}
                    <DaysFieldset ids=&CLIMATE days error=form.field(CLIMATE.days_field) />
                    <Field
                        id=CLIMATE.time
                        label=g.schedule_time.as_str()
                        kind="time"
                        value=time
                        required=true
                        error=form.field(CLIMATE.time)
                    />
                    <SelectField
                        id=CLIMATE_TEMPERATURE
                        label=g.climate_temperature.as_str()
                        value=temp
                        options=temperature_options()
                        required=true
                        error=form.field(CLIMATE_TEMPERATURE)
                    />
                    <CheckboxField id="remote-cs-front" label=g.climate_front_defrost.as_str()
                        checked=front error=Signal::stored(None) />
                    <CheckboxField id="remote-cs-rear" label=g.climate_rear_defrost.as_str()
                        checked=rear error=Signal::stored(None) />
                    <CheckboxField id="remote-cs-enabled" label=g.schedule_enabled.as_str()
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
            {part_heading(&CLIMATE, g.climate_schedules_heading.as_str())}
            <Outcome commands origin=Origin::ClimateSchedules />
            {move || remove.request_error().map(|error| view! { <RequestError error /> })}
            <Loaded resource=list let:l>{table(l)}</Loaded>
            {add_form}
        </div>
    }
}
