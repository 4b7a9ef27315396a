//! The weekly charging schedules of a plug-in (F4): charge from a start
//! time, until an end time or a target charge when given. See
//! `remote_schedules` for what all kinds of schedule share.

use std::sync::OnceLock;

use leptos::prelude::*;
use mijn_lexus_contract::remote::{
    ChargingSchedule, ChargingSchedules, RemoteCommand, TARGET_PERCENT_MAX, TARGET_PERCENT_MIN,
};
use mijn_lexus_contract::FieldError;

use super::remote_commands::{Commands, Origin};
use super::remote_schedules::{schedules_part, Chosen, Ids, ScheduleForm, ScheduleKind};
use crate::api::remote as api;
use crate::api::ApiResult;
use crate::components::field::{Field, SelectField};
use crate::forms::FormState;
use crate::i18n::t;
use crate::session::Session;

/// The ids of the charging schedule form.
const CHARGING: Ids = Ids {
    heading: "remote-ch-heading",
    add: "remote-ch-add",
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
    enabled: "remote-ch-enabled",
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

impl ScheduleKind for ChargingSchedule {
    type List = ChargingSchedules;
    const IDS: &'static Ids = &CHARGING;
    const ORIGIN: Origin = Origin::ChargingSchedules;

    fn heading() -> &'static str {
        t().garage.charging_schedules_heading.as_str()
    }

    fn field_id(field: &str) -> String {
        match field.rsplit('.').next().unwrap_or(field) {
            "days" => CHARGING.days_field,
            "end" => CHARGING_END,
            "target_percent" => CHARGING_TARGET,
            // "start", and the list as a whole (too many: another tab added one).
            _ => CHARGING.time,
        }
        .to_owned()
    }

    fn schedules(list: &ChargingSchedules) -> &[ChargingSchedule] {
        &list.schedules
    }

    fn list(schedules: Vec<ChargingSchedule>) -> ChargingSchedules {
        ChargingSchedules { schedules }
    }

    fn validate(list: &ChargingSchedules) -> Result<(), Vec<FieldError>> {
        list.validate()
    }

    async fn load(vin: String) -> ApiResult<ChargingSchedules> {
        api::charging_schedules(&vin).await
    }

    async fn save(
        session: Session,
        vin: String,
        list: ChargingSchedules,
    ) -> ApiResult<RemoteCommand> {
        api::save_charging_schedules(session, &vin, &list).await
    }

    fn days(&self) -> &[u8] {
        &self.days
    }

    fn time(&self) -> &str {
        &self.start
    }

    fn enabled(&self) -> bool {
        self.enabled
    }

    fn columns() -> Vec<&'static str> {
        let g = &t().garage;
        vec![
            g.charging_start.as_str(),
            g.charging_end.as_str(),
            g.charging_target.as_str(),
        ]
    }

    fn cells(self) -> AnyView {
        let g = &t().garage;
        view! {
            <td>{self.start}</td>
            <td>{self.end.unwrap_or_else(|| g.no_value.to_string())}</td>
            <td>{self.target_percent.map_or_else(|| g.charging_target_none.to_string(), target_text)}</td>
        }
        .into_any()
    }
}

#[component]
pub(super) fn ChargingSchedulesPart(vin: StoredValue<String>, commands: Commands) -> impl IntoView {
    let g = &t().garage;
    let state = FormState::new();
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let target = RwSignal::new(String::new());
    let schedule = Callback::new(move |chosen: Chosen| {
        let end = end.get_untracked().trim().to_owned();
        ChargingSchedule {
            enabled: chosen.enabled,
            days: chosen.days,
            start: start.get_untracked().trim().to_owned(),
            end: (!end.is_empty()).then_some(end),
            // "" (no limit) is None; anything else is what the list offers.
            target_percent: target.get_untracked().parse().ok(),
        }
    });
    let fields = ViewFn::from(move || {
        view! {
            <div class="ml-form__row">
                <Field id=CHARGING.time label=g.charging_start.as_str() kind="time"
                    value=start required=true error=state.field(CHARGING.time) />
                <Field id=CHARGING_END label=g.charging_end.as_str() kind="time"
                    hint=g.charging_end_hint.as_str() value=end error=state.field(CHARGING_END) />
            </div>
            <SelectField id=CHARGING_TARGET label=g.charging_target.as_str() value=target
                options=target_options() error=state.field(CHARGING_TARGET) />
        }
    });
    let clear = Callback::new(move |()| {
        start.set(String::new());
        end.set(String::new());
    });
    let form = ScheduleForm {
        state,
        schedule,
        clear,
        fields,
    };
    schedules_part(vin, commands, form)
}
