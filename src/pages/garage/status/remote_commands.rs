//! The commands sent to the car from the remote section (F4): the list
//! every part shares, read again every few seconds while a command waits
//! for the car (the way the share-to-car history does) until every command
//! is final or the page is left; the outcome each part announces, politely,
//! for the command it sent; and the table of recent commands.

use std::time::Duration;

use leptos::leptos_dom::helpers::{set_timeout_with_handle, TimeoutHandle};
use leptos::prelude::*;
use mijn_lexus_contract::remote::{
    RemoteAction, RemoteCommand, RemoteCommandList, RemoteFailure, RemoteStatus,
};

use super::remote::temperature;
use crate::api::remote as api;
use crate::api::ClientError;
use crate::components::loading::ApiResource;
use crate::components::table::DataTable;
use crate::format::date_time;
use crate::i18n::t;
use crate::task::PageScope;

/// How often a command waiting for the car is looked at again.
const POLL: Duration = Duration::from_secs(3);

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

impl Commands {
    /// The vehicle's recent commands, read again while one waits for the car.
    pub(super) fn new(vin: StoredValue<String>) -> Commands {
        let list = super::per_vehicle(
            &vin.get_value(),
            |vin| async move { api::commands(&vin).await },
        );
        let commands = Commands {
            list,
            last_sent: RwSignal::new(None),
            sends: StoredValue::new(0),
        };
        poll_while_waiting(commands, vin);
        commands
    }

    pub(super) fn list(self) -> ApiResource<RemoteCommandList> {
        self.list
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

pub(super) fn commands_table(list: RemoteCommandList) -> AnyView {
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
