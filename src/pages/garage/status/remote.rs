//! The remote section (F4): climate now, charge now (plug-ins), the weekly
//! schedules (`remote_schedules`) and the recent commands with their status.
//!
//! Only the main user may use it (`can_use_remote`), and only while the
//! vehicle's Remote service runs (read from the services catalogue, the
//! same rule as the server's `services::is_running`); otherwise the section
//! says why and, without the service, where to get it. While a command
//! waits for the car, the list is read again every few seconds (the way the
//! share-to-car history does) until every command is final or the page is
//! left; what became of the command just sent is announced politely.

use std::sync::OnceLock;
use std::time::Duration;

use chrono::Utc;
use leptos::ev::SubmitEvent;
use leptos::leptos_dom::helpers::{set_timeout_with_handle, TimeoutHandle};
use leptos::prelude::*;
use mijn_lexus_contract::remote::{
    ClimateRequest, RemoteAction, RemoteCommand, RemoteCommandList, RemoteFailure, RemoteStatus,
    CLIMATE_DURATIONS_MIN, TEMPERATURE_MAX_C, TEMPERATURE_MIN_C, TEMPERATURE_STEP_C,
};
use mijn_lexus_contract::services::{ServiceCatalogue, ServiceKind, SubscriptionStatus};

use super::per_vehicle;
use super::remote_charging::ChargingSchedulesPart;
use super::remote_schedules::ClimateSchedulesPart;
use crate::api::remote as api;
use crate::api::ClientError;
use crate::components::card::Card;
use crate::components::field::{CheckboxField, SelectField, SubmitButton};
use crate::components::loading::{ApiResource, Loaded, RequestError};
use crate::components::table::DataTable;
use crate::config::config;
use crate::format::{date_time, number};
use crate::forms::{focus_id, focus_on_error, FormState};
use crate::i18n::t;
use crate::session::use_session;
use crate::task::PageScope;

/// How often a command waiting for the car is looked at again.
const POLL: Duration = Duration::from_secs(3);

#[component]
pub(super) fn RemoteSection(vin: String, plug_in: bool, can_use: bool) -> impl IntoView {
    let g = &t().garage;
    let content = if can_use {
        let catalogue = per_vehicle(&vin, |vin| async move {
            crate::api::services::catalogue(&vin).await
        });
        view! {
            <Loaded resource=catalogue let:c>
                {if remote_running(&c) {
                    view! { <RemoteControls vin=vin.clone() plug_in /> }.into_any()
                } else {
                    view! {
                        <p>{g.remote_needs_service.as_str()}</p>
                        <p>
                            <a href=config().href(&format!("/vehicles/{vin}/services"))>
                                {g.remote_get_service.as_str()}
                            </a>
                        </p>
                    }
                    .into_any()
                }}
            </Loaded>
        }
        .into_any()
    } else {
        view! { <p>{g.remote_secondary.as_str()}</p> }.into_any()
    };
    view! {
        <Card id="remote-heading" title=g.remote_heading.as_str() class="ml-garage__section ml-remote">
            {content}
        </Card>
    }
}

/// Whether the vehicle's Remote service runs now: trialing, active, past
/// due, or cancelled but not yet at its end.
fn remote_running(c: &ServiceCatalogue) -> bool {
    c.services
        .iter()
        .filter(|s| s.service == ServiceKind::Remote)
        .filter_map(|s| s.subscription.as_ref())
        .any(|sub| match sub.status {
            SubscriptionStatus::Trialing
            | SubscriptionStatus::Active
            | SubscriptionStatus::PastDue => true,
            SubscriptionStatus::Cancelled => sub.cancel_at.is_some_and(|end| end > Utc::now()),
            SubscriptionStatus::Ended => false,
        })
}

/// Which part of the section sent a command: its outcome shows there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Origin {
    Climate,
    Charge,
    ClimateSchedules,
    ChargingSchedules,
}

/// The user's recent commands, shared by the parts that send them.
#[derive(Clone, Copy)]
pub(super) struct Commands {
    list: ApiResource<RemoteCommandList>,
    /// The command just sent, and from where.
    last_sent: RwSignal<Option<(i64, Origin)>>,
    /// How many were sent from this page (a read of the list started
    /// before a send is stale).
    sends: StoredValue<u32>,
}

impl Commands {
    /// A command was sent: it goes on top of the list (which starts the
    /// polling) and its outcome is announced where it was sent from.
    pub(super) fn sent(self, command: RemoteCommand, origin: Origin) {
        self.sends.update_value(|n| *n += 1);
        self.last_sent.set(Some((command.id, origin)));
        let mut shown = false;
        self.list.update(|l| {
            if let Some(Ok(list)) = l {
                list.commands.insert(0, command);
                shown = true;
            }
        });
        if !shown {
            self.list.refetch();
        }
    }

    fn find(self, id: i64) -> Option<RemoteCommand> {
        self.list.with(|l| match l {
            Some(Ok(list)) => list.commands.iter().find(|c| c.id == id).cloned(),
            _ => None,
        })
    }
}

#[component]
fn RemoteControls(vin: String, plug_in: bool) -> impl IntoView {
    let g = &t().garage;
    let list = per_vehicle(&vin, |vin| async move { api::commands(&vin).await });
    let commands = Commands {
        list,
        last_sent: RwSignal::new(None),
        sends: StoredValue::new(0),
    };
    let vin = StoredValue::new(vin);
    poll_while_waiting(commands, vin);

    view! {
        <p>{g.remote_intro.as_str()}</p>
        <ClimateNow vin commands />
        {plug_in.then(|| view! { <ChargeNow vin commands /> })}
        <ClimateSchedulesPart vin commands />
        {plug_in.then(|| view! { <ChargingSchedulesPart vin commands /> })}
        <div class="ml-subform">
            <h3 id="remote-commands-heading">{g.commands_heading.as_str()}</h3>
            <Loaded resource=list let:l>{commands_table(l)}</Loaded>
        </div>
    }
}

/// While a command is not final, the list is read again after [`POLL`]
/// (into the resource's value: no loading notice every few seconds); the
/// timer ends with the page. One read at a time: a change meanwhile (a
/// command just sent) replaces the pending timer, and a read that started
/// before a send is not used (it would miss the new command).
fn poll_while_waiting(commands: Commands, vin: StoredValue<String>) {
    let list = commands.list;
    let scope = PageScope::new();
    let timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let reading = StoredValue::new(false);
    let clear = move || {
        if let Some(Some(t)) = timer.try_update_value(Option::take) {
            t.clear();
        }
    };
    on_cleanup(clear);
    Effect::new(move |_| {
        let waiting = list.with(
            |l| matches!(l, Some(Ok(list)) if list.commands.iter().any(|c| !c.status.is_final())),
        );
        clear();
        if !waiting || reading.get_value() {
            return;
        }
        let vin = vin.get_value();
        let handle = set_timeout_with_handle(
            move || {
                reading.set_value(true);
                let sends = commands.sends.get_value();
                scope.spawn(async move {
                    let fresh = api::commands(&vin).await;
                    reading.set_value(false);
                    match fresh {
                        Ok(fresh) if commands.sends.get_value() == sends => {
                            list.update(|l| *l = Some(Ok(fresh)));
                        }
                        // Sent meanwhile, or offline for a moment: again at the next tick.
                        Ok(_) | Err(ClientError::Network) => list.update(|_| ()),
                        // Anything else (access lost) ends the polling.
                        Err(_) => {}
                    }
                });
            },
            POLL,
        );
        timer.set_value(handle.ok());
    });
}

/// The outcome of the command `origin` sent last, in a live region that is
/// there from the start (so its changes are announced).
#[component]
pub(super) fn Outcome(commands: Commands, origin: Origin) -> impl IntoView {
    let g = &t().garage;
    let notice = move || {
        let (id, from) = commands.last_sent.get()?;
        if from != origin {
            return None;
        }
        let c = commands.find(id)?;
        let (text, class) = match (c.status, c.failure) {
            (RemoteStatus::Queued, _) => (g.outcome_queued.to_string(), "ml-notice"),
            (RemoteStatus::Delivered, _) => (g.outcome_delivered.to_string(), "ml-notice"),
            (RemoteStatus::Done, _) => (g.outcome_done.to_string(), "ml-notice ml-notice--ok"),
            (RemoteStatus::Failed, f) => (
                g.outcome_failed(failure_text(f)),
                "ml-notice ml-notice--error",
            ),
        };
        Some(view! { <p class=class>{text}</p> })
    };
    view! { <div role="status" class="ml-status">{notice}</div> }
}

/// The temperatures offered, 16-28 °C by 0.5: (value, text). Made once per
/// visit (the language only changes with a reload); `SelectField` takes
/// `'static` texts.
pub(super) fn temperature_options() -> Vec<(&'static str, &'static str)> {
    static OPTIONS: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    OPTIONS
        .get_or_init(|| {
            let steps = ((TEMPERATURE_MAX_C - TEMPERATURE_MIN_C) / TEMPERATURE_STEP_C) as u32;
            (0..=steps)
                .map(|i| {
                    let c = TEMPERATURE_MIN_C + f64::from(i) * TEMPERATURE_STEP_C;
                    let value: &'static str = Box::leak(c.to_string().into_boxed_str());
                    let text: &'static str = Box::leak(temperature(c).into_boxed_str());
                    (value, text)
                })
                .collect()
        })
        .clone()
}

/// The durations of "climate now": (value, "10 minuten").
fn duration_options() -> Vec<(&'static str, &'static str)> {
    static OPTIONS: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    OPTIONS
        .get_or_init(|| {
            CLIMATE_DURATIONS_MIN
                .iter()
                .map(|m| {
                    let value: &'static str = Box::leak(m.to_string().into_boxed_str());
                    let minutes = t().garage.duration_minutes(value);
                    (value, &*Box::leak(minutes.into_boxed_str()))
                })
                .collect()
        })
        .clone()
}

/// "21,5 °C".
pub(super) fn temperature(c: f64) -> String {
    t().garage.temperature_value(&number(c))
}

/// The default cabin temperature of a new request.
pub(super) const DEFAULT_TEMPERATURE: &str = "21";

const TEMPERATURE: &str = "remote-temperature";
const DURATION: &str = "remote-duration";

#[component]
fn ClimateNow(vin: StoredValue<String>, commands: Commands) -> impl IntoView {
    let g = &t().garage;
    let session = use_session();
    let form = FormState::new();
    let temperature = RwSignal::new(DEFAULT_TEMPERATURE.to_owned());
    let front = RwSignal::new(false);
    let rear = RwSignal::new(false);
    let duration = RwSignal::new("10".to_owned());
    let field_id = |f: &str| {
        match f {
            "temperature_c" => TEMPERATURE,
            "duration_min" => DURATION,
            other => other,
        }
        .to_owned()
    };

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        let request = ClimateRequest {
            temperature_c: temperature.get_untracked().parse().unwrap_or(f64::NAN),
            front_defrost: front.get_untracked(),
            rear_defrost: rear.get_untracked(),
            duration_min: duration.get_untracked().parse().unwrap_or(0),
        };
        if let Err(errors) = request.validate() {
            let errors: Vec<_> = errors
                .into_iter()
                .map(|e| mijn_lexus_contract::FieldError::new(&field_id(&e.field), e.code))
                .collect();
            focus_id(&errors[0].field);
            form.fail_fields(errors);
            return;
        }
        let vin = vin.get_value();
        let send = async move { api::climate(session, &vin, &request).await };
        form.submit_mapped(
            focus_on_error(TEMPERATURE, send),
            move |c| commands.sent(c, Origin::Climate),
            field_id,
        );
    };

    view! {
        <form class="ml-form ml-subform" novalidate on:submit=submit aria-labelledby="remote-climate-heading">
            <h3 id="remote-climate-heading">{g.climate_heading.as_str()}</h3>
            {move || form.request_error().map(|error| view! { <RequestError error /> })}
            <SelectField
                id=TEMPERATURE
                label=g.climate_temperature.as_str()
                value=temperature
                options=temperature_options()
                required=true
                error=form.field(TEMPERATURE)
            />
            <CheckboxField
                id="remote-front-defrost"
                label=g.climate_front_defrost.as_str()
                checked=front
                error=Signal::stored(None)
            />
            <CheckboxField
                id="remote-rear-defrost"
                label=g.climate_rear_defrost.as_str()
                checked=rear
                error=Signal::stored(None)
            />
            <SelectField
                id=DURATION
                label=g.climate_duration.as_str()
                value=duration
                options=duration_options()
                required=true
                error=form.field(DURATION)
            />
            <div class="ml-form__actions">
                <SubmitButton label=g.climate_submit.as_str() pending=form.pending />
            </div>
            <Outcome commands origin=Origin::Climate />
        </form>
    }
}

#[component]
fn ChargeNow(vin: StoredValue<String>, commands: Commands) -> impl IntoView {
    let g = &t().garage;
    let session = use_session();
    let action = FormState::new();
    let start = Callback::new(move |()| {
        if !action.begin() {
            return;
        }
        let vin = vin.get_value();
        let send = async move { api::charge_now(session, &vin).await };
        action.submit(send, move |c| commands.sent(c, Origin::Charge));
    });
    view! {
        <div class="ml-subform" role="group" aria-labelledby="remote-charge-heading">
            <h3 id="remote-charge-heading">{g.charge_heading.as_str()}</h3>
            <p>{g.charge_intro.as_str()}</p>
            {move || action.request_error().map(|error| view! { <RequestError error /> })}
            <div class="ml-form__actions">
                <SubmitButton
                    label=g.charge_submit.as_str()
                    pending=action.pending
                    kind="button"
                    on_click=start
                />
            </div>
            <Outcome commands origin=Origin::Charge />
        </div>
    }
}

fn commands_table(list: RemoteCommandList) -> AnyView {
    let g = &t().garage;
    let row = |c: RemoteCommand| {
        view! {
            <th scope="row">{command_text(&c.action)}</th>
            <td>{date_time(c.created_at)}</td>
            <td>{status_text(c.status, c.failure)}</td>
        }
    };
    view! {
        <DataTable
            labelled_by="remote-commands-heading"
            caption=g.commands_caption.as_str()
            columns=vec![g.col_command.as_str(), g.col_sent.as_str(), g.col_status.as_str()]
            records=list.commands
            row
            empty=g.commands_none.as_str()
        />
    }
    .into_any()
}

fn command_text(action: &RemoteAction) -> String {
    let g = &t().garage;
    match action {
        RemoteAction::Climate(r) => g.command_climate(&temperature(r.temperature_c)),
        RemoteAction::ChargeNow => g.charge_heading.to_string(),
        RemoteAction::ClimateSchedules(_) => g.climate_schedules_heading.to_string(),
        RemoteAction::ChargingSchedules(_) => g.charging_schedules_heading.to_string(),
    }
}

fn status_text(status: RemoteStatus, failure: Option<RemoteFailure>) -> String {
    let g = &t().garage;
    match status {
        RemoteStatus::Queued => g.status_queued.to_string(),
        RemoteStatus::Delivered => g.status_delivered.to_string(),
        RemoteStatus::Done => g.status_done.to_string(),
        RemoteStatus::Failed => g.status_failed(failure_text(failure)),
    }
}

/// Why the car did not do it ("the charging cable is not plugged in").
fn failure_text(failure: Option<RemoteFailure>) -> &'static str {
    let g = &t().garage;
    match failure {
        Some(RemoteFailure::VehicleInUse) => g.failure_vehicle_in_use.as_str(),
        Some(RemoteFailure::EnergyLow) => g.failure_energy_low.as_str(),
        Some(RemoteFailure::NotPluggedIn) => g.failure_not_plugged_in.as_str(),
        Some(RemoteFailure::Unreachable) | None => g.failure_unreachable.as_str(),
    }
}
