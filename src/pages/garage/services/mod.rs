//! /vehicles/:vin/services: the connected services of one vehicle (F1),
//! each with its state, what it includes and its plans; a trial or a plan
//! is bought through a review step showing the API's quote (WCAG 3.3.4);
//! cancelling and withdrawing say what happens, and what is refunded,
//! before they are confirmed.
//!
//! The path is the one the server gives the card issuer's challenge page as
//! its return address (`?confirm=<subscription>`): coming back, the page
//! asks the API how the payment ended and says so. The review and the
//! questions before cancelling or withdrawing are in `steps`.

mod steps;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use mijn_lexus_contract::services::{
    ActivateRequest, Activation, Plan, ServiceKind, ServiceOffer, Subscription, SubscriptionStatus,
    TrialLength,
};
use mijn_lexus_contract::trips::brussels;
use mijn_lexus_contract::vehicle::Vin;
use mijn_lexus_contract::ErrorCode;

use crate::api::services as api;
use crate::components::loading::{Loaded, RequestError};
use crate::components::page_frame::PageFrame;
use crate::config::{config, navigate_to};
use crate::format::{date, money, percent_bp};
use crate::forms::{focus_id, FormState};
use crate::i18n::t;
use crate::pages::not_found::NotFound;
use crate::session::use_session;
use steps::{cancel_view, manage_view, review_view, withdraw_view, Step};

#[component]
pub fn ServicesPage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let raw = params.with(|p| p.get("vin")).unwrap_or_default();
        match Vin::parse(&raw) {
            Ok(vin) => view! { <ServicesContent vin=vin.into_string() /> }.into_any(),
            Err(_) => view! { <NotFound /> }.into_any(),
        }
    }
}

/// What the page last did, said in its live region.
#[derive(Clone)]
enum Outcome {
    Done(String),
    Failed(String),
}

#[component]
fn ServicesContent(vin: String) -> impl IntoView {
    let s = &t().services;
    let session = use_session();
    let catalogue = {
        let vin = vin.clone();
        LocalResource::new(move || {
            let vin = vin.clone();
            async move { api::catalogue(&vin).await }
        })
    };
    let outcome: RwSignal<Option<Outcome>> = RwSignal::new(None);

    // Back from the card issuer's challenge page: how did the payment end?
    let confirming = FormState::new();
    let returned = use_query_map().with_untracked(|q| q.get("confirm"));
    if let Some(id) = returned {
        // The address keeps the page, not the errand: a reload or a
        // bookmark must not ask again and announce the outcome twice.
        // (After this render: the router is not changed while it draws.)
        let (navigate, page) = (use_navigate(), format!("/vehicles/{vin}/services"));
        request_animation_frame(move || navigate_to(&navigate, &page, true));
        if confirming.begin() {
            confirming.submit(async move { api::confirm(session, &id).await }, move |a| {
                outcome.set(Some(activation_outcome(&a)));
                catalogue.refetch();
            });
        }
    }
    let back = (format!("/garage/{vin}"), s.back.as_str());

    view! {
        <PageFrame title=s.title.as_str() back>
            <p>{s.intro.as_str()}</p>
            <p>
                <a href=config().href("/wallet/invoices")>{s.invoices_link.as_str()}</a>
            </p>
            <div id="services-outcome" tabindex="-1" role="status">
                {move || confirming.pending.get().then(|| view! { <p>{s.confirming.as_str()}</p> })}
                {move || outcome.get().map(|o| match o {
                    Outcome::Done(text) => view! {
                        <div class="ml-notice ml-notice--ok"><p>{text}</p></div>
                    }.into_any(),
                    Outcome::Failed(text) => view! {
                        <div class="ml-notice ml-notice--error"><p>{text}</p></div>
                    }.into_any(),
                })}
            </div>
            {move || confirming.request_error().map(|error| {
                let text = if error.code() == Some(ErrorCode::PaymentFailed) {
                    s.challenge_failed.to_string()
                } else {
                    error.message().to_owned()
                };
                view! { <div class="ml-notice ml-notice--error" role="alert"><p>{text}</p></div> }
            })}
            <Loaded resource=catalogue let:list>
                {list.services.into_iter().map(|offer| view! {
                    <ServiceCard vin=list.vin.clone() offer on_change=Callback::new(move |o| {
                        outcome.set(Some(o));
                        catalogue.refetch();
                        focus_id("services-outcome");
                    }) />
                }).collect_view()}
            </Loaded>
        </PageFrame>
    }
}

/// The message for an activation's answer (the challenge page, for one
/// still waiting, is handled where the activation was asked).
fn activation_outcome(a: &Activation) -> Outcome {
    let s = &t().services;
    match a {
        Activation::Activated { subscription: sub } => {
            let name = t().services.service(sub.service);
            let end = day(sub.current_period_end);
            Outcome::Done(if sub.plan == Plan::Trial {
                s.trial_started(name, &end)
            } else {
                s.activated(name, &end)
            })
        }
        Activation::RequiresAction { .. } => Outcome::Failed(s.still_pending.to_string()),
    }
}

/// A date in Brussels, in the visitor's notation.
fn day(at: DateTime<Utc>) -> String {
    date(brussels::local(at).date())
}

fn service_includes(k: ServiceKind) -> &'static str {
    let s = &t().services;
    match k {
        ServiceKind::Standard => s.desc_standard.as_str(),
        ServiceKind::Remote => s.desc_remote.as_str(),
        ServiceKind::Smart => s.desc_smart.as_str(),
        ServiceKind::InsuranceScore => s.desc_insurance_score.as_str(),
        ServiceKind::HomeCharge => s.desc_home_charge.as_str(),
        ServiceKind::Internet => s.desc_internet.as_str(),
    }
}

/// Where a running subscription stands.
fn state_text(sub: Option<&Subscription>) -> String {
    let s = &t().services;
    let Some(sub) = sub else {
        return s.state_available.to_string();
    };
    match sub.status {
        SubscriptionStatus::Trialing => s.state_trial(&day(sub.current_period_end)),
        SubscriptionStatus::Active => match sub.renews_at {
            Some(at) => s.state_renews(&day(at)),
            None => s.state_active_until(&day(sub.current_period_end)),
        },
        SubscriptionStatus::Cancelled => {
            s.state_cancelled(&day(sub.cancel_at.unwrap_or(sub.current_period_end)))
        }
        SubscriptionStatus::PastDue => s.state_past_due.to_string(),
        SubscriptionStatus::Ended => s.state_available.to_string(),
    }
}

#[component]
fn ServiceCard(vin: String, offer: ServiceOffer, on_change: Callback<Outcome>) -> impl IntoView {
    let s = &t().services;
    let session = use_session();
    let kind = offer.service;
    let code = kind.code();
    let name = t().services.service(kind);
    let heading = format!("service-{code}");
    let card_label = heading.clone();
    let step = RwSignal::new(Step::Choose);
    let form = FormState::new();
    let running = offer
        .subscription
        .clone()
        .filter(|sub| sub.status != SubscriptionStatus::Ended);

    let ask_quote = {
        let vin = vin.clone();
        move |plan: Plan| {
            if !form.begin() {
                return;
            }
            let vin = vin.clone();
            form.submit(
                async move { api::quote(session, &vin, kind, plan).await },
                move |quote| {
                    step.set(Step::Review(quote, api::idempotency_key()));
                    focus_id(&format!("review-{code}"));
                },
            );
        }
    };
    let activate = {
        let vin = vin.clone();
        Callback::new(move |(plan, key): (Plan, String)| {
            if !form.begin() {
                return;
            }
            let vin = vin.clone();
            let body = ActivateRequest {
                plan,
                idempotency_key: key,
            };
            form.submit(
                async move { api::activate(session, &vin, kind, &body).await },
                move |answer| match answer {
                    // The card issuer's page; it sends the browser back here.
                    Activation::RequiresAction { challenge_url, .. } => {
                        let _ = window().location().set_href(&challenge_url);
                    }
                    done => {
                        step.set(Step::Choose);
                        on_change.run(activation_outcome(&done));
                    }
                },
            );
        })
    };

    let plans = offer
        .plans
        .iter()
        .map(|p| view! { <li>{s.plan_price(t().services.plan(p.plan), &money(p.price))}</li> })
        .collect_view();
    let trial = offer.trial.map(|length| match length {
        TrialLength::Days(n) => s.trial_days(&n.to_string()),
        TrialLength::Months(n) => s.trial_months(&n.to_string()),
    });

    // Buttons to start: the trial and each plan, while nothing runs.
    let choices = (offer.available && running.is_none()).then(|| {
        let trial_button = offer.trial.is_some().then(|| {
            let ask = ask_quote.clone();
            view! {
                <button type="button" class="ml-button ml-button--primary"
                    on:click=move |_| ask(Plan::Trial)>{s.start_trial(name)}</button>
            }
        });
        let plan_buttons = offer
            .plans
            .iter()
            .map(|p| {
                let (ask, plan) = (ask_quote.clone(), p.plan);
                view! {
                    <button type="button" class="ml-button ml-button--secondary"
                        on:click=move |_| ask(plan)>{s.choose_plan(t().services.plan(plan), name)}</button>
                }
            })
            .collect_view();
        view! { <div class="ml-form__actions">{trial_button}{plan_buttons}</div> }
    });

    let manage = running.clone().map(|sub| manage_view(sub, form, step));

    let review = move || match step.get() {
        Step::Choose => None,
        Step::Review(quote, key) => Some(review_view(quote, key, form, step, activate).into_any()),
        Step::Cancel(sub, quote) => {
            Some(cancel_view(sub, quote, form, step, on_change, session).into_any())
        }
        Step::Withdraw(sub, quote) => {
            Some(withdraw_view(sub, quote, form, step, on_change, session).into_any())
        }
    };

    view! {
        <section class="ml-card" aria-labelledby=card_label>
            <h2 id=heading>{name}</h2>
            <p><strong>{state_text(running.as_ref())}</strong></p>
            <p>{service_includes(kind)}</p>
            {(!offer.available).then(|| view! { <p class="ml-muted">{s.not_for_powertrain.as_str()}</p> })}
            {offer.available.then(|| view! {
                <h3>{s.plans_heading.as_str()}</h3>
                <ul>{trial.map(|t| view! { <li>{t}</li> })}{plans}</ul>
                <p class="ml-muted">{s.vat_included(&percent_bp(offer.vat_rate_bp))}</p>
            })}
            <div hidden=move || !matches!(step.get(), Step::Choose)>{choices}{manage}</div>
            {review}
            {move || form.request_error().map(|error| {
                let card = error.code() == Some(ErrorCode::MainCardRequired);
                view! {
                    <RequestError error />
                    {card.then(|| view! {
                        <p>{s.card_needed.as_str()} " "
                            <a href=config().href("/wallet")>{s.wallet_link.as_str()}</a></p>
                    })}
                }
            })}
        </section>
    }
}
