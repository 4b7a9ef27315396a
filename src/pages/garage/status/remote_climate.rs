//! The weekly climate schedules (F4): the cabin is ready at a time, at a
//! temperature, with the windows defrosted when asked. See
//! `remote_schedules` for what all kinds of schedule share.

use leptos::prelude::*;
use mijn_lexus_contract::remote::{ClimateSchedule, ClimateSchedules, RemoteCommand};
use mijn_lexus_contract::FieldError;

use super::remote::{temperature, temperature_options, DEFAULT_TEMPERATURE};
use super::remote_commands::{Commands, Origin};
use super::remote_schedules::{schedules_part, Chosen, Ids, ScheduleForm, ScheduleKind};
use crate::api::remote as api;
use crate::api::ApiResult;
use crate::components::field::{CheckboxField, Field, SelectField};
use crate::forms::FormState;
use crate::i18n::t;
use crate::session::Session;

/// The ids of the climate schedule form.
const CLIMATE: Ids = Ids {
    heading: "remote-cs-heading",
    add: "remote-cs-add",
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
    enabled: "remote-cs-enabled",
    remove: [
        "remote-cs-remove-0",
        "remote-cs-remove-1",
        "remote-cs-remove-2",
        "remote-cs-remove-3",
        "remote-cs-remove-4",
    ],
};
const CLIMATE_TEMPERATURE: &str = "remote-cs-temperature";

impl ScheduleKind for ClimateSchedule {
    type List = ClimateSchedules;
    const IDS: &'static Ids = &CLIMATE;
    const ORIGIN: Origin = Origin::ClimateSchedules;

    fn heading() -> &'static str {
        t().garage.climate_schedules_heading.as_str()
    }

    fn field_id(field: &str) -> String {
        match field.rsplit('.').next().unwrap_or(field) {
            "days" => CLIMATE.days_field,
            "temperature_c" => CLIMATE_TEMPERATURE,
            // "time", and the list as a whole (too many: another tab added one).
            _ => CLIMATE.time,
        }
        .to_owned()
    }

    fn schedules(list: &ClimateSchedules) -> &[ClimateSchedule] {
        &list.schedules
    }

    fn list(schedules: Vec<ClimateSchedule>) -> ClimateSchedules {
        ClimateSchedules { schedules }
    }

    fn validate(list: &ClimateSchedules) -> Result<(), Vec<FieldError>> {
        list.validate()
    }

    async fn load(vin: String) -> ApiResult<ClimateSchedules> {
        api::climate_schedules(&vin).await
    }

    async fn save(
        session: Session,
        vin: String,
        list: ClimateSchedules,
    ) -> ApiResult<RemoteCommand> {
        api::save_climate_schedules(session, &vin, &list).await
    }

    fn days(&self) -> &[u8] {
        &self.days
    }

    fn time(&self) -> &str {
        &self.time
    }

    fn enabled(&self) -> bool {
        self.enabled
    }

    fn columns() -> Vec<&'static str> {
        let g = &t().garage;
        vec![
            g.schedule_time.as_str(),
            g.climate_temperature.as_str(),
            g.col_defrost.as_str(),
        ]
    }

    fn cells(self) -> AnyView {
        let g = &t().garage;
        let defrost = match (self.front_defrost, self.rear_defrost) {
            (false, false) => g.defrost_none.to_string(),
            (true, false) => g.defrost_front.to_string(),
            (false, true) => g.defrost_rear.to_string(),
            (true, true) => format!("{}, {}", g.defrost_front, g.defrost_rear.to_lowercase()),
        };
        view! {
            <td>{self.time}</td>
            <td>{temperature(self.temperature_c)}</td>
            <td>{defrost}</td>
        }
        .into_any()
    }
}

#[component]
pub(super) fn ClimateSchedulesPart(vin: StoredValue<String>, commands: Commands) -> impl IntoView {
    let g = &t().garage;
    let state = FormState::new();
    let time = RwSignal::new(String::new());
    let temp = RwSignal::new(DEFAULT_TEMPERATURE.to_owned());
    let front = RwSignal::new(false);
    let rear = RwSignal::new(false);
    let schedule = Callback::new(move |chosen: Chosen| ClimateSchedule {
        enabled: chosen.enabled,
        days: chosen.days,
        time: time.get_untracked().trim().to_owned(),
        temperature_c: temp.get_untracked().parse().unwrap_or(f64::NAN),
        front_defrost: front.get_untracked(),
        rear_defrost: rear.get_untracked(),
    });
    let fields = ViewFn::from(move || {
        view! {
            <Field
                id=CLIMATE.time
                label=g.schedule_time.as_str()
                kind="time"
                value=time
                required=true
                error=state.field(CLIMATE.time)
            />
            <SelectField
                id=CLIMATE_TEMPERATURE
                label=g.climate_temperature.as_str()
                value=temp
                options=temperature_options()
                required=true
                error=state.field(CLIMATE_TEMPERATURE)
            />
            <CheckboxField id="remote-cs-front" label=g.climate_front_defrost.as_str()
                checked=front error=Signal::stored(None) />
            <CheckboxField id="remote-cs-rear" label=g.climate_rear_defrost.as_str()
                checked=rear error=Signal::stored(None) />
        }
    });
    let form = ScheduleForm {
        state,
        schedule,
        clear: Callback::new(move |()| time.set(String::new())),
        fields,
    };
    schedules_part(vin, commands, form)
}
