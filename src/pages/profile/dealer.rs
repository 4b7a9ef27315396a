//! /profile/dealer: the preferred dealer, chosen from the directory or
//! assigned by postcode (B2).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use mijn_lexus_contract::profile::{Dealer, DealerList, PreferredDealer, Weekday};

use super::format::round1;
use super::{ProfilePage, StatusMessage};
use crate::api::profile as api;
use crate::components::field::{Field, SubmitButton};
use crate::components::loading::{Loaded, RequestError};
use crate::format::{number as format_number, Plural};
use crate::forms::FormState;
use crate::i18n::t;
use crate::session::use_session;

fn day_name(day: Weekday) -> &'static str {
    let p = &t().profile;
    match day {
        Weekday::Mon => &p.day_mon,
        Weekday::Tue => &p.day_tue,
        Weekday::Wed => &p.day_wed,
        Weekday::Thu => &p.day_thu,
        Weekday::Fri => &p.day_fri,
        Weekday::Sat => &p.day_sat,
        Weekday::Sun => &p.day_sun,
    }
}

const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// Address, phone, e-mail and opening hours of one dealer.
fn dealer_card(d: &Dealer, heading_level_3: bool) -> impl IntoView {
    let p = &t().profile;
    let hours = WEEK
        .into_iter()
        .map(|day| {
            let periods: Vec<String> = d
                .opening_hours
                .iter()
                .filter(|o| o.day == day)
                .map(|o| p.hours_period(&o.opens, &o.closes))
                .collect();
            let text = if periods.is_empty() {
                p.closed.to_string()
            } else {
                periods.join(", ")
            };
            view! {
                <dt>{day_name(day)}</dt>
                <dd>{text}</dd>
            }
        })
        .collect_view();
    let name = d.name.clone();
    let heading = if heading_level_3 {
        view! { <h3 class="ml-dealer__name">{name}</h3> }.into_any()
    } else {
        view! { <h2 class="ml-dealer__name">{name}</h2> }.into_any()
    };
    let tel = format!("tel:{}", d.phone);
    let mail = format!("mailto:{}", d.email);
    view! {
        {heading}
        <p class="ml-dealer__address">
            {d.street.clone()}<br />{format!("{} {}", d.postcode, d.city)}
        </p>
        <p class="ml-dealer__contact">
            <span>{p.dealer_phone.as_str()}": "</span><a href=tel>{d.phone.clone()}</a>
            <br />
            <span>{p.dealer_email.as_str()}": "</span><a href=mail>{d.email.clone()}</a>
        </p>
        <details class="ml-dealer__hours">
            <summary>{p.dealer_hours.as_str()}</summary>
            <dl class="ml-hours">{hours}</dl>
        </details>
    }
}

#[component]
pub fn DealerPage() -> impl IntoView {
    let p = &t().profile;
    let session = use_session();
    let current = LocalResource::new(api::preferred_dealer);
    let saved = RwSignal::new(None::<String>);
    let query = RwSignal::new(String::new());
    let results = RwSignal::new(None::<DealerList>);
    let search_form = FormState::new();
    // Choosing and clearing the dealer.
    let action = FormState::new();
    let busy = action.pending;

    let search = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !search_form.begin() {
            return;
        }
        let q = query.get_untracked();
        search_form.submit(async move { api::dealers(&q).await }, move |list| {
            results.set(Some(list))
        });
    };
    let choose = move |dealer: Dealer| {
        if !action.begin() {
            return;
        }
        saved.set(None);
        action.submit(api::choose_dealer(session, dealer.id), move |_| {
            current.refetch();
            saved.set(Some(t().profile.dealer_saved(&dealer.name)));
        });
    };
    let clear = move |_| {
        if !action.begin() {
            return;
        }
        saved.set(None);
        action.submit(api::clear_dealer(session), move |()| current.refetch());
    };

    let current_view = move |d: PreferredDealer| {
        let p = &t().profile;
        let note = match (&d.dealer, d.assigned) {
            (None, _) => p.dealer_none.to_string(),
            (Some(_), true) => {
                p.dealer_assigned(&format_number(round1(d.distance_km.unwrap_or(0.0))))
            }
            (Some(_), false) => p.dealer_chosen.to_string(),
        };
        let chosen = d.dealer.is_some() && !d.assigned;
        view! {
            <section class="ml-card ml-dealer" aria-labelledby="dealer-current">
                <p class="ml-dealer__note" id="dealer-current">{note}</p>
                {d.dealer.as_ref().map(|dealer| dealer_card(dealer, false))}
                {chosen
                    .then(|| {
                        view! {
                            <button type="button" class="ml-button ml-button--secondary" disabled=busy on:click=clear>
                                {t().profile.dealer_clear.as_str()}
                            </button>
                        }
                    })}
            </section>
        }
    };

    let results_view = move || {
        if let Some(error) = search_form.request_error() {
            return Some(view! { <RequestError error /> }.into_any());
        }
        results.get().map(|list| match list {
            list if list.dealers.is_empty() => {
                view! { <p class="ml-notice">{t().profile.dealer_no_results.as_str()}</p> }
                    .into_any()
            }
            list => {
                let n = list.dealers.len();
                let count = match crate::format::plural(n as f64) {
                    Plural::One => t().profile.dealer_results_one(&n.to_string()),
                    Plural::Other => t().profile.dealer_results_other(&n.to_string()),
                };
                let items = list
                    .dealers
                    .into_iter()
                    .map(|dealer| {
                        let card = dealer_card(&dealer, true);
                        let label = format!("{}: {}", t().profile.dealer_choose, dealer.name);
                        view! {
                            <li class="ml-card ml-dealer">
                                {card}
                                <button
                                    type="button"
                                    class="ml-button ml-button--primary"
                                    aria-label=label
                                    disabled=busy
                                    on:click=move |_| choose(dealer.clone())
                                >
                                    {t().profile.dealer_choose.as_str()}
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <p>{count}</p>
                    <ul class="ml-dealer__list">{items}</ul>
                }
                .into_any()
            }
        })
    };

    view! {
        <ProfilePage title=&p.dealer_title>
            <p class="ml-lead">{p.dealer_intro.as_str()}</p>
            <Loaded resource=current let:d>{current_view(d)}</Loaded>
            <StatusMessage message=saved />
            {move || action.request_error().map(|error| view! { <RequestError error /> })}
            <section class="ml-profile__section" aria-labelledby="dealer-search-title">
                <h2 class="ml-subtitle" id="dealer-search-title">{p.dealer_search_heading.as_str()}</h2>
                <form class="ml-form ml-dealer__search" role="search" novalidate on:submit=search>
                    <Field id="dealer_q" label=&p.dealer_search value=query error=Signal::derive(|| None) />
                    <div class="ml-form__actions">
                        <SubmitButton label=&p.dealer_search_submit pending=search_form.pending />
                    </div>
                </form>
                <div aria-live="polite">{results_view}</div>
            </section>
        </ProfilePage>
    }
}
