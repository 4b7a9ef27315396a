//! The service section (C2): when the next service is due, and a request
//! for an appointment.

use chrono::{DateTime, NaiveDate, Utc};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use mijn_lexus_contract::vehicle::{ServiceRequestCreate, VehicleStatus};

use super::loaded_status;
use crate::api::garage as api;
use crate::components::card::Card;
use crate::components::field::{Field, FieldError as InlineError, SubmitButton};
use crate::components::loading::{ApiResource, RequestError};
use crate::forms::{focus_id, focus_on_error, FormState};
use crate::i18n::t;
use crate::pages::garage::format::{self, ago};
use crate::session::use_session;

#[component]
pub(super) fn ServiceSection(
    vin: String,
    status: ApiResource<VehicleStatus>,
    now: RwSignal<DateTime<Utc>>,
) -> impl IntoView {
    let g = &t().garage;
    let session = use_session();
    let open = RwSignal::new(false);
    let form = FormState::new();
    let date = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let done = RwSignal::new(None::<String>);
    // Read by the submit when clicked, never after a request.
    let vin = StoredValue::new(vin);

    let due = move || {
        let due = loaded_status(status).and_then(|s| s.service_due);
        let Some(due) = due else {
            return view! { <p>{g.service_unknown.as_str()}</p> }.into_any();
        };
        let by_km = due.due_at_km.map(|at| {
            let left = match due.km_left {
                Some(left) if left < 0 => g.service_km_overdue(&format::km(-left as f64)),
                Some(left) => g.service_km_left(&format::km(left as f64)),
                None => String::new(),
            };
            g.service_at_km(&format::km(at as f64), &left)
        });
        let by_date = due
            .due_date
            .map(|d| g.service_at_date(&crate::format::date(d)));
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
                {g.measured(&ago(due.measured_at, now.get()))}
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
        let vin = vin.get_value();
        let send = async move { api::request_service(session, &vin, &request).await };
        form.submit(focus_on_error("preferred_date", send), move |r| {
            open.set(false);
            date.set(String::new());
            note.set(String::new());
            done.set(Some(
                g.service_requested(&crate::format::date(r.preferred_date)),
            ));
            focus_id("service-done");
        });
    };

    let note_error = form.field("note");
    let request_error = move || {
        form.request_error()
            .map(|error| view! { <RequestError error /> })
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
                            {t().common.cancel.as_str()}
                        </button>
                    </div>
                </form>
            }
        })
    };

    view! {
        <Card id="service-heading" title=g.service_heading.as_str() class="ml-garage__section">
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
        </Card>
    }
}
