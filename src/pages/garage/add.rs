//! /garage/add: add a vehicle with VIN, plate, nickname and proof of access (C1).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use mijn_lexus_contract::vehicle::{add_vehicle_fields as f, AddVehicleRequest};
use mijn_lexus_contract::{ErrorCode, FieldError};

use crate::api::garage as api;
use crate::components::error_summary::ErrorSummary;
use crate::components::field::{Field, RadioOption, SubmitButton};
use crate::components::page_frame::PageFrame;
use crate::config::navigate_to;
use crate::forms::FormState;
use crate::i18n::t;
use crate::session::use_session;

/// "12.345", "12 345" or "12345" as typed on the dashboard, with at most one
/// decimal after a comma ("12345,5"); `None` when empty. Digits are read by
/// hand: float parsing would add kilobytes of wasm for one field.
fn parse_km(raw: &str) -> Result<Option<f64>, ()> {
    let digits: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.' && *c != '\u{a0}')
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    let (whole, fraction) = digits.split_once(',').unwrap_or((&digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 9 || !all_digits(whole) || !all_digits(fraction) {
        return Err(());
    }
    let whole: u32 = whole.parse().map_err(drop)?;
    let tenths = fraction.bytes().next().map_or(0, |b| u32::from(b - b'0'));
    Ok(Some(f64::from(whole) + f64::from(tenths) / 10.0))
}

#[component]
pub fn AddVehicle() -> impl IntoView {
    let g = &t().garage;
    let session = use_session();
    let navigate = use_navigate();
    let form = FormState::new();
    let vin = RwSignal::new(String::new());
    let plate = RwSignal::new(String::new());
    let nickname = RwSignal::new(String::new());
    let odometer = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    // true: proof by activation code; false: by odometer.
    let by_code = RwSignal::new(false);
    let locked_until = RwSignal::new(None::<String>);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        locked_until.set(None);
        let use_code = by_code.get_untracked();
        let km = if use_code {
            Ok(None)
        } else {
            parse_km(&odometer.get_untracked())
        };
        let request = AddVehicleRequest {
            vin: vin.get_untracked(),
            licence_plate: plate.get_untracked(),
            nickname: nickname.get_untracked(),
            odometer_km: km.unwrap_or(None),
            activation_code: use_code.then(|| code.get_untracked()),
        };
        let mut errors = request.parse().err().unwrap_or_default();
        if use_code && code.with_untracked(|c| c.trim().is_empty()) {
            errors.retain(|e| e.field != f::ODOMETER_KM);
            errors.push(FieldError::new(f::ACTIVATION_CODE, ErrorCode::Required));
        }
        if km.is_err() {
            errors.retain(|e| e.field != f::ODOMETER_KM);
            errors.push(FieldError::new(f::ODOMETER_KM, ErrorCode::InvalidValue));
        }
        if !errors.is_empty() {
            form.fail_fields(errors);
            return;
        }
        let navigate = navigate.clone();
        let send = async move {
            api::add_vehicle(session, &request).await.map_err(|e| {
                if e.error.code() == Some(ErrorCode::ProofLocked) {
                    let secs = e.retry_after_secs.unwrap_or(15 * 60);
                    let at = chrono::Local::now() + chrono::Duration::seconds(secs as i64);
                    locked_until.set(Some(
                        t().garage
                            .proof_locked_until(&at.format("%H:%M").to_string()),
                    ));
                }
                e.error
            })
        };
        form.submit(send, move |_| {
            navigate_to(&navigate, "/garage?added=1", false)
        });
    };

    let labels = vec![
        (f::VIN, g.vin.as_str()),
        (f::LICENCE_PLATE, g.licence_plate.as_str()),
        (f::NICKNAME, g.nickname.as_str()),
        (f::ODOMETER_KM, g.odometer_km.as_str()),
        (f::ACTIVATION_CODE, g.activation_code.as_str()),
    ];

    view! {
        <PageFrame title=g.add_title.as_str() class="ml-page--narrow" back=("/garage".into(), g.back_to_garage.as_str())>
            <p>{g.add_intro.as_str()}</p>
            <ErrorSummary form=form labels=labels />
            <form class="ml-form ml-card" novalidate on:submit=submit>
                <Field
                    id=f::VIN
                    label=g.vin.as_str()
                    hint=g.vin_hint.as_str()
                    value=vin
                    autocomplete="off"
                    required=true
                    error=form.field(f::VIN)
                />
                <Field
                    id=f::LICENCE_PLATE
                    label=g.licence_plate.as_str()
                    value=plate
                    autocomplete="off"
                    required=true
                    error=form.field(f::LICENCE_PLATE)
                />
                <Field
                    id=f::NICKNAME
                    label=g.nickname_optional.as_str()
                    hint=g.nickname_hint.as_str()
                    value=nickname
                    autocomplete="off"
                    error=form.field(f::NICKNAME)
                />
                <fieldset class="ml-fieldset">
                    <legend class="ml-fieldset__legend">{g.proof_legend.as_str()}</legend>
                    <p class="ml-field__hint">{g.proof_hint.as_str()}</p>
                    <div class="ml-radios">
                        <RadioOption id="proof-odometer" name="proof" label=g.proof_odometer.as_str()
                            value=false chosen=by_code />
                        <RadioOption id="proof-code" name="proof" label=g.proof_code.as_str()
                            value=true chosen=by_code />
                    </div>
                    {move || {
                        if by_code.get() {
                            view! {
                                <Field
                                    id=f::ACTIVATION_CODE
                                    label=g.activation_code.as_str()
                                    hint=g.activation_code_hint.as_str()
                                    value=code
                                    autocomplete="off"
                                    required=true
                                    error=form.field(f::ACTIVATION_CODE)
                                />
                            }
                                .into_any()
                        } else {
                            view! {
                                <Field
                                    id=f::ODOMETER_KM
                                    label=g.odometer_km.as_str()
                                    hint=g.odometer_hint.as_str()
                                    value=odometer
                                    autocomplete="off"
                                    required=true
                                    error=form.field(f::ODOMETER_KM)
                                />
                            }
                                .into_any()
                        }
                    }}
                    {move || {
                        locked_until
                            .get()
                            .map(|m| view! { <p class="ml-field__error" id="proof-locked">{m}</p> })
                    }}
                </fieldset>
                <div class="ml-form__actions">
                    <SubmitButton label=g.add_submit.as_str() pending=form.pending />
                </div>
            </form>
        </PageFrame>
    }
}

#[cfg(test)]
mod tests {
    use super::parse_km;

    #[test]
    fn odometer_as_typed() {
        assert_eq!(parse_km(""), Ok(None));
        assert_eq!(parse_km(" 12.345 "), Ok(Some(12345.0)));
        assert_eq!(parse_km("12 345"), Ok(Some(12345.0)));
        assert_eq!(parse_km("12345,5"), Ok(Some(12345.5)));
        assert_eq!(parse_km("12a"), Err(()));
        assert_eq!(parse_km("12,5,1"), Err(()));
        assert_eq!(parse_km(",5"), Err(()));
        assert_eq!(parse_km("1e5"), Err(()));
    }
}
