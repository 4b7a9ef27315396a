//! /wallet/add: a payment card (F2). The card fields go from the browser
//! to the payment provider's tokenisation endpoint; our API gets only the
//! provider's single-use token and the billing address. The provider then
//! asks the card's issuer to verify the card before it is saved.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use mijn_lexus_contract::trips::brussels;
use mijn_lexus_contract::wallet::{
    parse_expiry, validate_card, AddCardRequest, CardDetails, CardProvider, Wallet,
};
use mijn_lexus_contract::FieldError;

use super::billing::{
    account_country, field_id as billing_field_id, BillingAddressFields, BillingFields,
};
use crate::api::{profile as profile_api, wallet as api};
use crate::components::error_summary::ErrorSummary;
use crate::components::field::{CheckboxField, Field, SubmitButton};
use crate::components::loading::{ApiResource, Loaded};
use crate::components::page_frame::PageFrame;
use crate::config::navigate_to;
use crate::forms::FormState;
use crate::i18n::t;
use crate::session::use_session;

/// The provider names the expiry's parts; the form has one field for both.
fn field_id(server_field: &str) -> String {
    match server_field {
        "exp_month" | "exp_year" => "exp".to_owned(),
        other => billing_field_id(other),
    }
}

#[component]
pub fn AddCardPage() -> impl IntoView {
    let s = &t().services;
    // In parallel: the wallet (is there a main card, a billing address),
    // where the provider takes card fields, and the profile's address to
    // start a first billing address from.
    let wallet = LocalResource::new(api::wallet);
    let provider = LocalResource::new(api::provider);
    let profile = LocalResource::new(profile_api::profile);
    view! {
        <PageFrame
            title=s.add_title.as_str()
            class="ml-page--narrow"
            back=("/wallet".to_owned(), s.back_wallet.as_str())
        >
            <p class="ml-lead">{s.add_intro.as_str()}</p>
            <Loaded resource=wallet let:w>
                <AddCardForm wallet=w provider profile />
            </Loaded>
        </PageFrame>
    }
}

#[component]
fn AddCardForm(
    wallet: Wallet,
    provider: ApiResource<CardProvider>,
    profile: ApiResource<mijn_lexus_contract::profile::Profile>,
) -> impl IntoView {
    let (c, s) = (&t().common, &t().services);
    let session = use_session();
    let navigate = use_navigate();
    let form = FormState::new();
    let holder = RwSignal::new(String::new());
    let number = RwSignal::new(String::new());
    let expiry = RwSignal::new(String::new());
    let cvc = RwSignal::new(String::new());
    let make_main = RwSignal::new(false);
    let first_card = wallet.cards.is_empty();
    let billing = BillingFields::new(wallet.billing_address, account_country(session));
    Effect::new(move |_| {
        if let Some(Ok(p)) = profile.get() {
            billing.fill_from_profile(&p);
        }
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        // Every problem of every field at once, checked as the provider
        // and our API check them.
        let mut errors: Vec<FieldError> = Vec::new();
        let (exp_month, exp_year) = parse_expiry(&expiry.get_untracked()).unwrap_or_else(|code| {
            errors.push(FieldError::new("exp", code));
            (0, 0)
        });
        let card = CardDetails {
            number: number.get_untracked(),
            exp_month,
            exp_year,
            cvc: cvc.get_untracked(),
            holder: holder.get_untracked(),
        };
        let today = brussels::local(chrono::Utc::now()).date();
        if let Err(card_errors) = validate_card(&card, today) {
            let expiry_known = errors.is_empty();
            errors.extend(
                card_errors
                    .into_iter()
                    .filter(|e| expiry_known || !e.field.starts_with("exp_"))
                    .map(|e| FieldError::new(&field_id(&e.field), e.code)),
            );
        }
        let billing_address = billing.validate().map_err(|e| errors.extend(e));
        let Ok(billing_address) = billing_address else {
            return form.fail_fields(errors);
        };
        if !errors.is_empty() {
            return form.fail_fields(errors);
        }
        let known_provider = provider.get_untracked().and_then(Result::ok);
        let request = async move {
            let provider = match known_provider {
                Some(p) => p,
                None => api::provider().await?,
            };
            let token = api::tokenise(&provider, &card).await?;
            let body = AddCardRequest {
                token: token.token,
                billing_address,
                make_main: make_main.get_untracked(),
            };
            api::add_card(session, &body).await
        };
        let navigate = navigate.clone();
        form.submit_mapped(
            request,
            move |_| navigate_to(&navigate, "/wallet?added=1", false),
            field_id,
        );
    };

    let mut labels = vec![
        ("holder", s.holder_label.as_str()),
        ("number", s.number_label.as_str()),
        ("exp", s.expiry_label.as_str()),
        ("cvc", s.cvc_label.as_str()),
    ];
    labels.extend(BillingFields::labels());
    view! {
        <ErrorSummary form labels />
        <form class="ml-form ml-card" novalidate on:submit=submit>
            <p class="ml-muted">{c.required_hint.as_str()}</p>
            <fieldset class="ml-fieldset">
                <legend class="ml-fieldset__legend">{s.card_legend.as_str()}</legend>
                <Field id="holder" label=&s.holder_label value=holder autocomplete="cc-name" required=true error=form.field("holder") />
                <Field
                    id="number"
                    label=&s.number_label
                    value=number
                    autocomplete="cc-number"
                    inputmode="numeric"
                    hint=&s.number_hint
                    required=true
                    error=form.field("number")
                />
                <div class="ml-form__row">
                    <Field
                        id="exp"
                        label=&s.expiry_label
                        value=expiry
                        autocomplete="cc-exp"
                        inputmode="numeric"
                        hint=&s.expiry_hint
                        required=true
                        error=form.field("exp")
                    />
                    <Field
                        id="cvc"
                        label=&s.cvc_label
                        value=cvc
                        autocomplete="cc-csc"
                        inputmode="numeric"
                        hint=&s.cvc_hint
                        required=true
                        error=form.field("cvc")
                    />
                </div>
            </fieldset>
            <fieldset class="ml-fieldset">
                <legend class="ml-fieldset__legend">{s.billing_legend.as_str()}</legend>
                <BillingAddressFields fields=billing form />
            </fieldset>
            {(!first_card).then(|| view! {
                <CheckboxField id="make_main" label=&s.make_main checked=make_main error=Signal::stored(None) />
            })}
            <div class="ml-form__actions">
                <SubmitButton label=&s.add_submit pending=form.pending />
            </div>
        </form>
    }
}
