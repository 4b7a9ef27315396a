//! The wallet (F2, F3): /wallet lists the payment cards (make one the main
//! card, remove one) and the billing address; /wallet/add adds a card through
//! the payment provider; /wallet/invoices the invoices and payments.

pub mod add;
pub mod billing;
pub mod invoices;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use mijn_lexus_contract::wallet::{CardBrand, PaymentCard};

use crate::api::wallet as api;
use crate::components::card::Card;
use crate::components::confirm_action::ConfirmAction;
use crate::components::field::SubmitButton;
use crate::components::loading::{Loaded, RequestError};
use crate::config::config;
use crate::forms::{focus_id, FormState};
use crate::i18n::t;
use crate::pages::profile::StatusMessage;
use crate::session::use_session;
use billing::BillingForm;

use crate::components::page_frame::PageFrame;

/// "Visa ending in 4242": how the pages name a card.
pub fn card_label(brand: CardBrand, last4: &str) -> String {
    let brand = match brand {
        CardBrand::Visa => "Visa",
        CardBrand::Mastercard => "Mastercard",
    };
    t().services.card_label(brand, last4)
}

#[component]
pub fn WalletPage() -> impl IntoView {
    let s = &t().services;
    let query = use_query_map();
    let added = query.with_untracked(|q| q.get("added").is_some());
    let message = RwSignal::new(added.then(|| s.card_added.to_string()));
    let wallet = LocalResource::new(api::wallet);
    view! {
        <PageFrame title=t().common.wallet_title.as_str() class="ml-wallet">
            <p class="ml-lead">{s.wallet_intro.as_str()}</p>
            <p class="ml-wallet__links">
                <a id="wallet-add" class="ml-button ml-button--primary" href=config().href("/wallet/add")>
                    {s.add_card_link.as_str()}
                </a>
                <a href=config().href("/wallet/invoices")>{s.invoices_and_payments.as_str()}</a>
            </p>
            <StatusMessage message />
            <Card id="wallet-cards" title=s.cards_heading.as_str()>
                <Loaded resource=wallet let:w>
                    <CardList cards=w.cards message />
                </Loaded>
            </Card>
            <Card id="wallet-billing" title=s.billing_heading.as_str()>
                <Loaded resource=wallet let:w>
                    <BillingForm address=w.billing_address />
                </Loaded>
            </Card>
        </PageFrame>
    }
}

/// The cards, main card first. Making a card main answers the whole list
/// anew; a removal takes the card out here.
#[component]
fn CardList(cards: Vec<PaymentCard>, message: RwSignal<Option<String>>) -> impl IntoView {
    let cards = RwSignal::new(cards);
    move || {
        let list = cards.get();
        if list.is_empty() {
            return view! { <p>{t().services.cards_none.as_str()}</p> }.into_any();
        }
        view! {
            <ul class="ml-wallet__cards">
                {list.into_iter().map(|card| view! { <CardItem card cards message /> }).collect_view()}
            </ul>
        }
        .into_any()
    }
}

#[component]
fn CardItem(
    card: PaymentCard,
    cards: RwSignal<Vec<PaymentCard>>,
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let s = &t().services;
    let session = use_session();
    let form = FormState::new();
    let label = card_label(card.brand, &card.last4);
    let heading = format!("card-{}", card.id);
    let expiry = format!("{:02}/{}", card.exp_month, card.exp_year);
    let validity = if card.expired {
        view! { <p class="ml-notice ml-notice--error">{s.card_expired_since(&expiry)}</p> }
            .into_any()
    } else {
        view! { <p>{s.card_valid_until(&expiry)}</p> }.into_any()
    };
    // After an action the list is drawn anew: the keyboard goes to the
    // card made main, or after a removal to adding another.
    let make_main = {
        let (id, label, heading) = (card.id.clone(), label.clone(), heading.clone());
        Callback::new(move |()| {
            if !form.begin() {
                return;
            }
            let (id, label, heading) = (id.clone(), label.clone(), heading.clone());
            form.submit(
                async move { api::make_main(session, &id).await },
                move |wallet| {
                    message.set(Some(t().services.made_main(&label)));
                    cards.set(wallet.cards);
                    focus_id(&heading);
                },
            );
        })
    };
    let remove = {
        let (id, label) = (card.id.clone(), label.clone());
        Callback::new(move |()| {
            if !form.begin() {
                return;
            }
            let (id, label) = (id.clone(), label.clone());
            form.submit(
                {
                    let id = id.clone();
                    async move { api::remove_card(session, &id).await }
                },
                move |()| {
                    message.set(Some(t().services.card_removed(&label)));
                    cards.update(|list| list.retain(|c| c.id != id));
                    focus_id("wallet-add");
                },
            );
        })
    };
    view! {
        <li class="ml-wallet__card" class:ml-wallet__card--main=card.is_main>
            <h3 id=heading.clone() tabindex="-1">{label.clone()}</h3>
            {card.is_main.then(|| view! {
                <p><strong class="ml-badge">{s.card_main.as_str()}</strong> " " {s.card_main_hint.as_str()}</p>
            })}
            {validity}
            <p>{s.card_holder(&card.holder)}</p>
            <div class="ml-form__actions">
                {(!card.is_main).then(|| view! {
                    <SubmitButton
                        label=&s.make_main
                        pending=form.pending
                        kind="button"
                        class="ml-button ml-button--secondary"
                        on_click=make_main
                        described_by=heading.clone()
                    />
                })}
                <ConfirmAction
                    id=format!("{heading}-remove")
                    button=&s.remove_card
                    question=s.remove_question(&label)
                    yes=&s.remove_yes
                    form
                    on_confirm=remove
                    described_by=heading.clone()
                />
            </div>
            {move || form.request_error().map(|error| view! { <RequestError error /> })}
        </li>
    }
}
