//! /garage/:vin: a vehicle's status (C4), service request, rename and remove
//! (C2) and its secondary users (C3). What is shown follows `permissions`.

use chrono::{DateTime, NaiveDate, Utc};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use mijn_lexus_contract::vehicle::{
    InviteRequest, LicencePlate, Measured, Nickname, ServiceRequestCreate, Severity,
    UpdateVehicleRequest, VehicleStatus, VehicleSummary, VehicleUsers, Vin,
};
use mijn_lexus_contract::FieldError;

use super::format::{self, ago};
use super::{vehicle_name, LoadError};
use crate::api::{garage as api, ClientError};
use crate::components::field::{Field, FieldError as InlineError, SubmitButton};
use crate::components::protected::Protected;
use crate::config::{config, navigate_to};
use crate::forms::{focus_id, set_title, FormState};
use crate::i18n::{fill, t};
use crate::pages::not_found::NotFound;
use crate::session::use_session;

#[component]
pub fn VehiclePage() -> impl IntoView {
    let params = use_params_map();
    view! {
        <Protected>
            {move || {
                // Only a well-formed VIN reaches the API; anything else in
                // the address bar is a page that does not exist.
                let raw = params.with(|p| p.get("vin")).unwrap_or_default();
                match Vin::parse(&raw) {
                    Ok(vin) => view! { <VehicleContent vin=vin.into_string() /> }.into_any(),
                    Err(_) => view! { <NotFound /> }.into_any(),
                }
            }}
        </Protected>
    }
}

type Loaded<T> = RwSignal<Option<Result<T, ClientError>>>;

#[component]
fn VehicleContent(vin: String) -> impl IntoView {
    let g = &t().garage;
    set_title(&g.status_title);
    let vin = StoredValue::new(vin);
    let summary: Loaded<VehicleSummary> = RwSignal::new(None);
    let status: Loaded<VehicleStatus> = RwSignal::new(None);
    let now = RwSignal::new(Utc::now());
    let refreshing = RwSignal::new(false);
    let announcement = RwSignal::new(String::new());

    let load_summary = move || {
        spawn_local(async move {
            let result = api::vehicle(&vin.get_value()).await;
            if let Ok(v) = &result {
                set_title(&vehicle_name(v));
            }
            summary.set(Some(result));
        });
    };
    let load_status = move |announce: bool| {
        refreshing.set(true);
        spawn_local(async move {
            let result = api::status(&vin.get_value()).await;
            now.set(Utc::now());
            if announce {
                announcement.set(match &result {
                    Ok(_) => g.refreshed.clone(),
                    Err(e) => e.message().to_owned(),
                });
            }
            status.set(Some(result));
            refreshing.set(false);
        });
    };
    load_summary();
    load_status(false);
    // "3 hours ago" keeps up while the page stays open.
    if let Ok(ticker) = set_interval_with_handle(
        move || now.set(Utc::now()),
        std::time::Duration::from_secs(30),
    ) {
        on_cleanup(move || ticker.clear());
    }

    // Re-render the page only when access changes, not on a rename.
    let access = Memo::new(move |_| {
        summary.with(|s| {
            s.as_ref()
                .map(|r| r.as_ref().map(|v| v.permissions).map_err(Clone::clone))
        })
    });
    let retry = Callback::new(move |()| {
        summary.set(None);
        load_summary();
        load_status(false);
    });
    let refresh = move |_| {
        if !refreshing.get_untracked() {
            announcement.set(String::new());
            load_status(true);
            load_summary();
        }
    };

    let heading = move || {
        summary.with(|s| match s {
            Some(Ok(v)) => vehicle_name(v),
            _ => g.status_title.clone(),
        })
    };
    let subtitle = move || {
        summary.with(|s| match s {
            Some(Ok(v)) => Some(fill(
                &g.vehicle_subtitle,
                &[
                    ("model", &v.model),
                    ("year", &v.model_year.to_string()),
                    ("powertrain", format::powertrain(v.powertrain)),
                    ("plate", &v.licence_plate),
                    ("role", format::role(v.role)),
                ],
            )),
            _ => None,
        })
    };
    let picture = move || {
        summary.with(|s| match s {
            Some(Ok(v)) => Some(view! {
                <img
                    class="ml-vehicle__picture"
                    src=format::picture(&v.model_family)
                    alt=fill(&g.picture_alt, &[("model", &v.model)])
                    width="240"
                    height="120"
                />
            }),
            _ => None,
        })
    };

    let body = move || {
        match access.get() {
        None => view! { <p class="ml-loading" role="status">{g.loading.as_str()}</p> }.into_any(),
        Some(Err(error)) => view! { <LoadError error retry /> }.into_any(),
        Some(Ok(p)) => view! {
            <div class="ml-status-bar">
                <button
                    type="button"
                    class="ml-button ml-button--secondary"
                    aria-busy=move || if refreshing.get() { "true" } else { "false" }
                    disabled=refreshing
                    on:click=refresh
                >
                    {g.refresh.as_str()}
                </button>
                <p class="ml-status-bar__contact">
                    {move || {
                        status
                            .with(|s| {
                                s.as_ref()
                                    .and_then(|r| r.as_ref().ok())
                                    .and_then(|s| s.last_contact_at)
                            })
                            .map(|at| fill(&g.last_contact, &[("age", &ago(at, now.get()))]))
                    }}
                </p>
            </div>
            {(p.can_see_status).then(|| view! { <StatusSection status now retry /> })}
            {(p.can_request_service).then(|| view! { <ServiceSection vin=vin.get_value() status now /> })}
            {(!p.can_manage_users).then(|| view! { <p class="ml-muted">{g.secondary_note.as_str()}</p> })}
            {(p.can_rename).then(|| view! { <RenameSection vin=vin.get_value() summary /> })}
            {(p.can_manage_users).then(|| view! { <UsersSection vin=vin.get_value() /> })}
            <RemoveSection vin=vin.get_value() leave=!p.can_remove />
        }
        .into_any(),
    }
    };

    view! {
        <div class="ml-page ml-garage ml-vehicle-page">
            <p class="ml-back">
                <a href=config().href("/garage")>{g.back_to_garage.as_str()}</a>
            </p>
            <div class="ml-vehicle-page__head">
                {picture}
                <div>
                    <h1 class="ml-title" tabindex="-1">{heading}</h1>
                    <p class="ml-vehicle-page__subtitle">{subtitle}</p>
                </div>
            </div>
            <div class="ml-visually-hidden" role="status" aria-live="polite">
                {move || announcement.get()}
            </div>
            {body}
        </div>
    }
}

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
                    {fill(&t().garage.measured, &[("age", &ago(measured_at, now))])}
                </span>
            </dd>
        </div>
    }
}

#[component]
fn StatusSection(
    status: RwSignal<Option<Result<VehicleStatus, ClientError>>>,
    now: RwSignal<DateTime<Utc>>,
    retry: Callback<()>,
) -> impl IntoView {
    let g = &t().garage;
    let content = move || {
        let now = now.get();
        match status.get() {
            None => view! { <p class="ml-loading">{g.loading.as_str()}</p> }.into_any(),
            Some(Err(error)) => view! { <LoadError error retry /> }.into_any(),
            Some(Ok(s)) => {
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
                        g.privacy_on.clone()
                    } else {
                        g.privacy_off.clone()
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
        <section class="ml-card ml-garage__section" aria-labelledby="status-heading">
            <h2 id="status-heading">{g.status_heading.as_str()}</h2>
            {content}
        </section>
    }
}

#[component]
fn WarningLights(status: VehicleStatus, now: DateTime<Utc>) -> impl IntoView {
    let g = &t().garage;
    if status.warning_lights.is_empty() {
        let text = match status.warning_lights_measured_at {
            Some(at) => fill(&g.no_warning_lights, &[("age", &ago(at, now))]),
            None => g.warning_lights_unknown.clone(),
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
                        {fill(
                            &g.warning_since,
                            &[("since", &ago(w.since, now)), ("age", &ago(w.measured_at, now))],
                        )}
                    </p>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="ml-warnings">{items}</ul> }.into_any()
}

#[component]
fn ServiceSection(
    vin: String,
    status: RwSignal<Option<Result<VehicleStatus, ClientError>>>,
    now: RwSignal<DateTime<Utc>>,
) -> impl IntoView {
    let g = &t().garage;
    let session = use_session();
    let open = RwSignal::new(false);
    let form = FormState::new();
    let date = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let done = RwSignal::new(None::<String>);
    let vin = StoredValue::new(vin);

    let due = move || {
        let due = status.with(|s| {
            s.as_ref()
                .and_then(|r| r.as_ref().ok())
                .and_then(|s| s.service_due.clone())
        });
        let Some(due) = due else {
            return view! { <p>{g.service_unknown.as_str()}</p> }.into_any();
        };
        let by_km = due.due_at_km.map(|at| {
            let left = match due.km_left {
                Some(left) if left < 0 => {
                    fill(&g.service_km_overdue, &[("km", &format::km(-left as f64))])
                }
                Some(left) => fill(&g.service_km_left, &[("km", &format::km(left as f64))]),
                None => String::new(),
            };
            fill(
                &g.service_at_km,
                &[("km", &format::km(at as f64)), ("left", &left)],
            )
        });
        let by_date = due
            .due_date
            .map(|d| fill(&g.service_at_date, &[("date", &crate::format::date(d))]));
        view! {
            <dl class="ml-readings">
                {by_km.map(|text| view! {
                    <div class="ml-reading">
                        <dt class="ml-reading__label">{g.service_by_km.as_str()}</dt>
                        <dd class="ml-reading__value">{text}</dd>
                    </div>
                })}
                {by_date.map(|text| view! {
                    <div class="ml-reading">
                        <dt class="ml-reading__label">{g.service_by_date.as_str()}</dt>
                        <dd class="ml-reading__value">{text}</dd>
                    </div>
                })}
            </dl>
            <p class="ml-reading__age">
                {fill(&g.measured, &[("age", &ago(due.measured_at, now.get()))])}
            </p>
        }
        .into_any()
    };

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if form.pending.get_untracked() {
            return;
        }
        form.begin();
        let request = ServiceRequestCreate {
            preferred_date: NaiveDate::parse_from_str(date.get_untracked().trim(), "%Y-%m-%d").ok(),
            note: note.get_untracked().trim().to_owned(),
        };
        if let Err(errors) = request.validate(crate::format::today()) {
            focus_id(&errors[0].field);
            form.fail_fields(errors);
            return;
        }
        form.pending.set(true);
        spawn_local(async move {
            match api::request_service(session, &vin.get_value(), &request).await {
                Ok(r) => {
                    open.set(false);
                    date.set(String::new());
                    note.set(String::new());
                    done.set(Some(fill(
                        &g.service_requested,
                        &[("date", &crate::format::date(r.preferred_date))],
                    )));
                    focus_id("service-done");
                }
                Err(e) => {
                    form.fail(e, str::to_owned);
                    focus_id("preferred_date");
                }
            }
            form.pending.set(false);
        });
    };

    let note_error = form.field("note");
    let request_error = move || {
        form.request_error()
            .map(|e| view! { <p class="ml-field__error" role="alert">{e.message()}</p> })
    };
    let service_form = move || {
        open.get().then(|| {
            view! {
                <form class="ml-form ml-subform" novalidate on:submit=submit aria-labelledby="service-form-title">
                    <h3 id="service-form-title">{g.service_form_title.as_str()}</h3>
                    {request_error}
                    <Field
                        id="preferred_date"
                        label=g.preferred_date.as_str()
                        hint=g.preferred_date_hint.as_str()
                        kind="date"
                        value=date
                        required=true
                        error=form.field("preferred_date")
                    />
                    <div class="ml-field" class:ml-field--invalid=move || note_error.get().is_some()>
                        <label class="ml-field__label" for="note">{g.service_note.as_str()}</label>
                        <textarea
                            class="ml-input ml-textarea"
                            id="note"
                            name="note"
                            rows="4"
                            aria-invalid=move || if note_error.get().is_some() { "true" } else { "false" }
                            aria-describedby=move || note_error.get().map(|_| "note-error")
                            prop:value=move || note.get()
                            on:input=move |ev| note.set(event_target_value(&ev))
                        ></textarea>
                        <InlineError id="note-error".to_owned() error=note_error />
                    </div>
                    <div class="ml-form__actions">
                        <SubmitButton label=g.service_submit.as_str() pending=form.pending />
                        <button type="button" class="ml-button ml-button--quiet" on:click=move |_| open.set(false)>
                            {g.cancel.as_str()}
                        </button>
                    </div>
                </form>
            }
        })
    };

    view! {
        <section class="ml-card ml-garage__section" aria-labelledby="service-heading">
            <h2 id="service-heading">{g.service_heading.as_str()}</h2>
            {due}
            <div role="status">
                {move || done.get().map(|m| view! {
                    <p class="ml-notice ml-notice--ok" id="service-done" tabindex="-1">{m}</p>
                })}
            </div>
            {move || (!open.get()).then(|| view! {
                <button
                    type="button"
                    class="ml-button ml-button--primary"
                    on:click=move |_| {
                        done.set(None);
                        open.set(true);
                        focus_id("preferred_date");
                    }
                >
                    {g.service_request.as_str()}
                </button>
            })}
            {service_form}
        </section>
    }
}

#[component]
fn RenameSection(
    vin: String,
    summary: RwSignal<Option<Result<VehicleSummary, ClientError>>>,
) -> impl IntoView {
    let g = &t().garage;
    let session = use_session();
    let form = FormState::new();
    let current = summary.with_untracked(|s| {
        s.as_ref()
            .and_then(|r| r.as_ref().ok())
            .map(|v| (v.nickname.clone(), v.licence_plate.clone()))
            .unwrap_or_default()
    });
    let nickname = RwSignal::new(current.0);
    let plate = RwSignal::new(current.1);
    let saved = RwSignal::new(false);
    let vin = StoredValue::new(vin);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if form.pending.get_untracked() {
            return;
        }
        form.begin();
        saved.set(false);
        let mut errors = Vec::new();
        if let Err(c) = Nickname::parse(&nickname.get_untracked()) {
            errors.push(FieldError::new("nickname", c));
        }
        if let Err(c) = LicencePlate::parse(&plate.get_untracked()) {
            errors.push(FieldError::new("licence_plate", c));
        }
        if !errors.is_empty() {
            focus_id(&errors[0].field);
            form.fail_fields(errors);
            return;
        }
        let request = UpdateVehicleRequest {
            nickname: Some(nickname.get_untracked()),
            licence_plate: Some(plate.get_untracked()),
        };
        form.pending.set(true);
        spawn_local(async move {
            match api::rename(session, &vin.get_value(), &request).await {
                Ok(v) => {
                    nickname.set(v.nickname.clone());
                    plate.set(v.licence_plate.clone());
                    set_title(&vehicle_name(&v));
                    summary.set(Some(Ok(v)));
                    saved.set(true);
                }
                Err(e) => form.fail(e, str::to_owned),
            }
            form.pending.set(false);
        });
    };

    view! {
        <section class="ml-card ml-garage__section" aria-labelledby="rename-heading">
            <h2 id="rename-heading">{g.rename_heading.as_str()}</h2>
            {move || form.request_error().map(|e| view! { <p class="ml-field__error" role="alert">{e.message()}</p> })}
            <form class="ml-form" novalidate on:submit=submit>
                <Field
                    id="nickname"
                    label=g.nickname_optional.as_str()
                    value=nickname
                    autocomplete="off"
                    error=form.field("nickname")
                />
                <Field
                    id="licence_plate"
                    label=g.licence_plate.as_str()
                    value=plate
                    autocomplete="off"
                    required=true
                    error=form.field("licence_plate")
                />
                <div class="ml-form__actions">
                    <SubmitButton label=g.rename_submit.as_str() pending=form.pending />
                </div>
                <div role="status">
                    {move || saved.get().then(|| view! { <p class="ml-notice ml-notice--ok">{g.rename_saved.as_str()}</p> })}
                </div>
            </form>
        </section>
    }
}

#[component]
fn UsersSection(vin: String) -> impl IntoView {
    let g = &t().garage;
    let session = use_session();
    let vin = StoredValue::new(vin);
    let users: RwSignal<Option<Result<VehicleUsers, ClientError>>> = RwSignal::new(None);
    let message = RwSignal::new(None::<String>);
    let action_error = RwSignal::new(None::<ClientError>);
    let form = FormState::new();
    let email = RwSignal::new(String::new());

    let load = move || {
        spawn_local(async move {
            users.set(Some(api::users(&vin.get_value(), None).await));
        });
    };
    load();
    let retry = Callback::new(move |()| load());

    let act = move |done_text: String, delete: bool, id: i64| {
        action_error.set(None);
        message.set(None);
        spawn_local(async move {
            let v = vin.get_value();
            let result = if delete {
                api::revoke_user(session, &v, id).await
            } else {
                api::withdraw_invitation(session, &v, id).await
            };
            match result {
                Ok(()) => {
                    message.set(Some(done_text));
                    load();
                }
                Err(e) => action_error.set(Some(e)),
            }
        });
    };

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if form.pending.get_untracked() {
            return;
        }
        form.begin();
        message.set(None);
        let address = email.get_untracked().trim().to_owned();
        if address.is_empty() {
            form.fail_fields(vec![FieldError::new(
                "invite_email",
                mijn_lexus_contract::ErrorCode::Required,
            )]);
            focus_id("invite_email");
            return;
        }
        form.pending.set(true);
        spawn_local(async move {
            match api::invite(session, &vin.get_value(), &InviteRequest { email: address }).await {
                Ok(inv) => {
                    email.set(String::new());
                    message.set(Some(fill(&g.invite_sent, &[("email", &inv.email)])));
                    load();
                }
                Err(e) => {
                    form.fail(e, |f| {
                        if f == "email" {
                            "invite_email".to_owned()
                        } else {
                            f.to_owned()
                        }
                    });
                    focus_id("invite_email");
                }
            }
            form.pending.set(false);
        });
    };

    // Older open invitations, appended below the ones shown.
    let more = move |before_id: i64| {
        spawn_local(async move {
            match api::users(&vin.get_value(), Some(before_id)).await {
                Ok(page) => users.update(|u| {
                    if let Some(Ok(u)) = u {
                        u.invitations.extend(page.invitations);
                        u.next_before_id = page.next_before_id;
                    }
                }),
                Err(e) => action_error.set(Some(e)),
            }
        });
    };

    let list = move || match users.get() {
        None => view! { <p class="ml-loading">{g.loading.as_str()}</p> }.into_any(),
        Some(Err(error)) => view! { <LoadError error retry /> }.into_any(),
        Some(Ok(u)) => {
            let empty = u.users.is_empty() && u.invitations.is_empty();
            let people = u
                .users
                .into_iter()
                .map(|p| {
                    let name = format!("{} {}", p.first_name, p.last_name);
                    let label = fill(&g.revoke_label, &[("name", &name)]);
                    let done = fill(&g.revoked, &[("name", &name)]);
                    view! {
                        <li class="ml-person">
                            <span class="ml-person__name">{name}</span>
                            <span class="ml-person__detail">{p.email.clone()}</span>
                            <button
                                type="button"
                                class="ml-button ml-button--secondary"
                                aria-label=label
                                on:click=move |_| act(done.clone(), true, p.user_id)
                            >
                                {g.revoke.as_str()}
                            </button>
                        </li>
                    }
                })
                .collect_view();
            let invitations = u
                .invitations
                .into_iter()
                .map(|i| {
                    let state = match i.status {
                        mijn_lexus_contract::vehicle::InvitationStatus::Pending => fill(
                            &g.invitation_pending,
                            &[("date", &crate::format::date(i.expires_at.date_naive()))],
                        ),
                        mijn_lexus_contract::vehicle::InvitationStatus::Expired => {
                            g.invitation_expired.clone()
                        }
                    };
                    let label = fill(&g.withdraw_label, &[("email", &i.email)]);
                    let done = fill(&g.withdrawn, &[("email", &i.email)]);
                    view! {
                        <li class="ml-person">
                            <span class="ml-person__name">{i.email.clone()}</span>
                            <span class="ml-person__detail">{state}</span>
                            <button
                                type="button"
                                class="ml-button ml-button--secondary"
                                aria-label=label
                                on:click=move |_| act(done.clone(), false, i.id)
                            >
                                {g.withdraw.as_str()}
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                {empty.then(|| view! { <p>{g.no_secondary_users.as_str()}</p> })}
                {(!empty).then(|| view! { <ul class="ml-people">{people}{invitations}</ul> })}
                {u.next_before_id.map(|next| view! {
                    <button type="button" class="ml-button ml-button--secondary" on:click=move |_| more(next)>
                        {g.invitations_more.as_str()}
                    </button>
                })}
            }
            .into_any()
        }
    };

    view! {
        <section class="ml-card ml-garage__section" aria-labelledby="users-heading">
            <h2 id="users-heading">{g.users_heading.as_str()}</h2>
            <p>{g.users_intro.as_str()}</p>
            <div role="status">
                {move || message.get().map(|m| view! { <p class="ml-notice ml-notice--ok">{m}</p> })}
            </div>
            {move || action_error.get().map(|e| view! { <p class="ml-field__error" role="alert">{e.message()}</p> })}
            {list}
            <form class="ml-form ml-subform" novalidate on:submit=submit>
                {move || form.request_error().map(|e| view! { <p class="ml-field__error" role="alert">{e.message()}</p> })}
                <Field
                    id="invite_email"
                    label=g.invite_email.as_str()
                    kind="email"
                    value=email
                    autocomplete="off"
                    required=true
                    error=form.field("invite_email")
                />
                <div class="ml-form__actions">
                    <SubmitButton label=g.invite_submit.as_str() pending=form.pending />
                </div>
            </form>
        </section>
    }
}

/// The main user removes the vehicle for everyone; a secondary user (`leave`)
/// ends only their own access (the same DELETE, the server knows the role).
#[component]
fn RemoveSection(vin: String, leave: bool) -> impl IntoView {
    let g = &t().garage;
    let (heading, intro, button, confirm, yes) = if leave {
        (
            &g.leave_heading,
            &g.leave_intro,
            &g.leave,
            &g.leave_confirm,
            &g.leave_yes,
        )
    } else {
        (
            &g.remove_heading,
            &g.remove_intro,
            &g.remove,
            &g.remove_confirm,
            &g.remove_yes,
        )
    };
    let session = use_session();
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let failure = RwSignal::new(None::<ClientError>);
    let vin = StoredValue::new(vin);

    let remove = Callback::new(move |()| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        failure.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::remove(session, &vin.get_value()).await {
                Ok(()) => navigate_to(&navigate, "/garage?removed=1", false),
                Err(e) => failure.set(Some(e)),
            }
            pending.set(false);
        });
    });

    view! {
        <section class="ml-card ml-garage__section" aria-labelledby="remove-heading">
            <h2 id="remove-heading">{heading.as_str()}</h2>
            <p>{intro.as_str()}</p>
            {move || failure.get().map(|e| view! { <p class="ml-field__error" role="alert">{e.message()}</p> })}
            {move || {
                if confirming.get() {
                    view! {
                        <div class="ml-confirm" role="group" aria-labelledby="remove-confirm">
                            <p id="remove-confirm" tabindex="-1"><strong>{confirm.as_str()}</strong></p>
                            <div class="ml-form__actions">
                                <SubmitButton
                                    label=yes.as_str()
                                    pending=pending
                                    kind="button"
                                    class="ml-button ml-button--danger"
                                    on_click=remove
                                />
                                <button
                                    type="button"
                                    class="ml-button ml-button--quiet"
                                    on:click=move |_| confirming.set(false)
                                >
                                    {g.cancel.as_str()}
                                </button>
                            </div>
                        </div>
                    }
                        .into_any()
                } else {
                    view! {
                        <button
                            type="button"
                            class="ml-button ml-button--secondary"
                            on:click=move |_| {
                                confirming.set(true);
                                focus_id("remove-confirm");
                            }
                        >
                            {button.as_str()}
                        </button>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
