//! The weekly schedules of the remote section (F4), one part per kind:
//! climate (`remote_climate`) and charging (`remote_charging`). This file
//! holds what they share: the list, its table with a remove button per row,
//! the add form with its days and "switched on" box, and saving. Each kind
//! is one list per vehicle (at most `MAX_SCHEDULES`); adding or removing one
//! saves the whole list, which the car receives as a command (its outcome
//! shows like any other command's). Times are Europe/Brussels "HH:MM", days
//! ISO numbers (1 = Monday).

use std::future::Future;
use std::sync::OnceLock;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use mijn_lexus_contract::remote::{RemoteCommand, MAX_SCHEDULES};
use mijn_lexus_contract::{ErrorCode, FieldError};

use super::per_vehicle;
use super::remote_commands::{Commands, Origin, Outcome};
use crate::api::ApiResult;
use crate::components::confirm_action::ConfirmAction;
use crate::components::field::{CheckboxField, SubmitButton};
use crate::components::loading::{Loaded, RequestError};
use crate::components::table::DataTable;
use crate::format::weekday;
use crate::forms::{focus_id, focus_on_error, FormState};
use crate::i18n::t;
use crate::session::{use_session, Session};

/// What a kind of weekly schedule brings to `schedules_part`.
pub(super) trait ScheduleKind: Clone + Send + Sync + Sized + 'static {
    /// The whole list, as the API reads and replaces it.
    type List: Clone + Send + Sync + 'static;
    const IDS: &'static Ids;
    /// Which part's outcome a saved list's command shows in.
    const ORIGIN: Origin;
    fn heading() -> &'static str;
    /// The contract's field ("schedules[2].time") as the form's control id.
    fn field_id(field: &str) -> String;
    fn schedules(list: &Self::List) -> &[Self];
    fn list(schedules: Vec<Self>) -> Self::List;
    fn validate(list: &Self::List) -> Result<(), Vec<FieldError>>;
    fn load(vin: String) -> impl Future<Output = ApiResult<Self::List>> + 'static;
    fn save(
        session: Session,
        vin: String,
        list: Self::List,
    ) -> impl Future<Output = ApiResult<RemoteCommand>> + 'static;
    fn days(&self) -> &[u8];
    /// The time the schedule starts, as typed ("" when left empty).
    fn time(&self) -> &str;
    fn enabled(&self) -> bool;
    /// The table's headers for `cells`.
    fn columns() -> Vec<&'static str>;
    /// The kind's own cells, between the days and the state.
    fn cells(self) -> AnyView;
}

/// The ids of one form's controls (climate and charging forms differ).
pub(super) struct Ids {
    pub(super) heading: &'static str,
    pub(super) add: &'static str,
    pub(super) days: [&'static str; 7],
    /// The days as one field (its error), not an element.
    pub(super) days_field: &'static str,
    pub(super) time: &'static str,
    pub(super) enabled: &'static str,
    pub(super) remove: [&'static str; MAX_SCHEDULES],
}

/// What every kind's form asks: the days, and whether the schedule is on.
pub(super) struct Chosen {
    pub(super) days: Vec<u8>,
    pub(super) enabled: bool,
}

/// The kind's own part of the add form.
pub(super) struct ScheduleForm<K: 'static> {
    pub(super) state: FormState,
    /// The schedule the form describes.
    pub(super) schedule: Callback<Chosen, K>,
    /// Empties the kind's own fields once its schedule was added.
    pub(super) clear: Callback<()>,
    /// The kind's own fields, drawn below the days.
    pub(super) fields: ViewFn,
}

/// A kind's schedules: heading, the outcome of the last save, the table,
/// and the add form while the list has room.
pub(super) fn schedules_part<K: ScheduleKind>(
    vin: StoredValue<String>,
    commands: Commands,
    form: ScheduleForm<K>,
) -> impl IntoView {
    let g = &t().garage;
    let ids = K::IDS;
    let session = use_session();
    let list = per_vehicle(&vin.get_value(), K::load);
    let remove = FormState::new();
    let days: Days = std::array::from_fn(|_| RwSignal::new(false));
    let enabled = RwSignal::new(true);
    let ScheduleForm {
        state: add,
        schedule,
        clear,
        fields,
    } = form;
    // None until loaded; then whether one more fits.
    let room = Memo::new(move |_| {
        list.with(|l| match l {
            Some(Ok(l)) => Some(K::schedules(l).len() < MAX_SCHEDULES),
            _ => None,
        })
    });
    let current = move || {
        list.with_untracked(|l| match l {
            Some(Ok(l)) => Some(K::schedules(l).to_vec()),
            _ => None,
        })
    };
    // Saves the whole list; the car gets it as a command.
    let save =
        move |via: FormState, body: K::List, focus: &'static str, after: Box<dyn FnOnce()>| {
            let vin = vin.get_value();
            let send = K::save(session, vin, body.clone());
            let done = move |c| {
                list.set(Some(Ok(body)));
                commands.sent(c, K::ORIGIN);
                after();
            };
            via.submit_mapped(focus_on_error(focus, send), done, K::field_id);
        };

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(mut schedules) = current() else {
            return;
        };
        if !add.begin() {
            return;
        }
        let new = schedule.run(Chosen {
            days: chosen(days),
            enabled: enabled.get_untracked(),
        });
        let time_empty = new.time().trim().is_empty();
        schedules.push(new);
        let body = K::list(schedules);
        if let Err(errors) = K::validate(&body) {
            add.fail_fields(problems(errors, ids, K::field_id, time_empty));
            return;
        }
        let after = move || {
            days.iter().for_each(|d| d.set(false));
            clear.run(());
        };
        save(add, body, ids.days[0], Box::new(after));
    };

    let table = move |l: K::List| {
        let row = move |(i, s): (usize, K)| {
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
                let body = K::list(schedules);
                save(
                    remove,
                    body,
                    ids.heading,
                    Box::new(|| focus_id(ids.heading)),
                );
            });
            let days = days_text(s.days());
            let state = enabled_text(s.enabled());
            view! {
                <th scope="row">{days}</th>
                {s.cells()}
                <td>{state}</td>
                <td>{remove_button(ids, i, remove, on)}</td>
            }
        };
        let mut columns = vec![g.schedule_days.as_str()];
        columns.extend(K::columns());
        columns.extend([g.col_state.as_str(), g.col_action.as_str()]);
        let records: Vec<(usize, K)> = K::schedules(&l).iter().cloned().enumerate().collect();
        view! {
            <DataTable
                labelled_by=ids.heading
                caption=K::heading()
                columns
                records
                row
                empty=g.schedules_none.as_str()
            />
        }
        .into_any()
    };

    let add_form = move || {
        room.get().map(|room| {
            if !room {
                let text = g.schedules_full(&MAX_SCHEDULES.to_string());
                return view! { <p class="ml-notice">{text}</p> }.into_any();
            }
            view! {
                <form class="ml-form" novalidate on:submit=submit
                    aria-labelledby=format!("{} {}", ids.heading, ids.add)>
                    <h4 id=ids.add>{g.schedule_add_heading.as_str()}</h4>
                    {move || add.request_error().map(|error| view! { <RequestError error /> })}
                    <DaysFieldset ids days error=add.field(ids.days_field) />
                    {fields.run()}
                    <CheckboxField id=ids.enabled label=g.schedule_enabled.as_str()
                        checked=enabled error=Signal::stored(None) />
                    <div class="ml-form__actions">
                        <SubmitButton label=g.schedule_add.as_str() pending=add.pending />
                    </div>
                </form>
            }
            .into_any()
        })
    };

    view! {
        <div class="ml-subform">
            <h3 id=ids.heading tabindex="-1">{K::heading()}</h3>
            <p class="ml-field__hint">{g.schedules_hint.as_str()}</p>
            <Outcome commands origin=K::ORIGIN />
            {move || remove.request_error().map(|error| view! { <RequestError error /> })}
            <Loaded resource=list let:l>{table(l)}</Loaded>
            {add_form}
        </div>
    }
}

/// Client-side problems of the list with the new schedule last, as the
/// form's ids; an empty time is missing rather than wrong. The focus goes
/// to the first.
fn problems(
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
fn days_text(days: &[u8]) -> String {
    let mut sorted = days.to_vec();
    sorted.sort_unstable();
    sorted
        .into_iter()
        .map(|d| weekday(d, false))
        .collect::<Vec<_>>()
        .join(", ")
}

type Days = [RwSignal<bool>; 7];

fn chosen(days: Days) -> Vec<u8> {
    (1u8..=7)
        .zip(days)
        .filter(|(_, d)| d.get_untracked())
        .map(|(n, _)| n)
        .collect()
}

/// Mon-Sun as checkboxes in a fieldset, with the error "choose a day".
#[component]
fn DaysFieldset(
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

fn enabled_text(on: bool) -> &'static str {
    let g = &t().garage;
    if on {
        g.schedule_on.as_str()
    } else {
        g.schedule_off.as_str()
    }
}

fn remove_button(ids: &'static Ids, i: usize, form: FormState, on: Callback<()>) -> impl IntoView {
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
