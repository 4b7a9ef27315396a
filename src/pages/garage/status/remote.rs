//! The remote section (F4): climate now, charge now (plug-ins), the weekly
//! schedules (`remote_schedules`) and the recent commands with their status
//! (`remote_commands`).
//!
//! Only the main user may use it (`can_use_remote`), and only while the
//! vehicle's Remote service runs (the services catalogue's `running`, the
//! server's rule); otherwise the section says why and, without the service,
//! where to get it.

use std::sync::OnceLock;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use mijn_lexus_contract::remote::{
    ClimateRequest, CLIMATE_DURATIONS_MIN, TEMPERATURE_MAX_C, TEMPERATURE_MIN_C, TEMPERATURE_STEP_C,
};
use mijn_lexus_contract::services::{ServiceCatalogue, ServiceKind};

use super::per_vehicle;
use super::remote_charging::ChargingSchedulesPart;
use super::remote_climate::ClimateSchedulesPart;
use super::remote_commands::{commands_table, Commands, Origin, Outcome};
use crate::api::remote as api;
use crate::components::card::Card;
use crate::components::field::{CheckboxField, SelectField, SubmitButton};
use crate::components::loading::{Loaded, RequestError};
use crate::config::config;
use crate::format::number;
use crate::forms::{focus_id, focus_on_error, FormState};
use crate::i18n::t;
use crate::session::use_session;

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

/// Whether the vehicle's Remote service runs now, as the server decides it.
fn remote_running(c: &ServiceCatalogue) -> bool {
    c.services
        .iter()
        .any(|s| s.service == ServiceKind::Remote && s.running)
}

#[component]
fn RemoteControls(vin: String, plug_in: bool) -> impl IntoView {
    let g = &t().garage;
    let vin = StoredValue::new(vin);
    let commands = Commands::new(vin);

    view! {
        <p>{g.remote_intro.as_str()}</p>
        <ClimateNow vin commands />
        {plug_in.then(|| view! { <ChargeNow vin commands /> })}
        <ClimateSchedulesPart vin commands />
        {plug_in.then(|| view! { <ChargingSchedulesPart vin commands /> })}
        <div class="ml-subform">
            <h3 id="remote-commands-heading">{g.commands_heading.as_str()}</h3>
            <Loaded resource=commands.list() let:l>{commands_table(l)}</Loaded>
        </div>
    }
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
