//! The billing address: its fields (in the add-card form and on the wallet
//! page) and the wallet page's form that changes it.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use mijn_lexus_contract::profile::Profile;
use mijn_lexus_contract::wallet::BillingAddress;
use mijn_lexus_contract::{Country, FieldError};

use crate::api::wallet as api;
use crate::components::error_summary::ErrorSummary;
use crate::components::field::{Field, SubmitButton};
use crate::forms::FormState;
use crate::i18n::t;
use crate::pages::profile::StatusMessage;
use crate::session::{use_session, Session};

/// The address as typed; the country is the account's (the rule of F2).
#[derive(Clone, Copy)]
pub struct BillingFields {
    street: RwSignal<String>,
    house_number: RwSignal<String>,
    box_number: RwSignal<String>,
    postcode: RwSignal<String>,
    city: RwSignal<String>,
    pub country: Country,
}

impl BillingFields {
    pub fn new(address: Option<BillingAddress>, country: Country) -> BillingFields {
        let a = address.unwrap_or(BillingAddress {
            street: String::new(),
            house_number: String::new(),
            box_number: String::new(),
            postcode: String::new(),
            city: String::new(),
            country,
        });
        BillingFields {
            street: RwSignal::new(a.street),
            house_number: RwSignal::new(a.house_number),
            box_number: RwSignal::new(a.box_number),
            postcode: RwSignal::new(a.postcode),
            city: RwSignal::new(a.city),
            country,
        }
    }

    /// Fills the fields from the profile's address (a first card), if it is
    /// in the account's country and nothing was typed yet.
    pub fn fill_from_profile(self, p: &Profile) {
        let typed = [
            self.street,
            self.house_number,
            self.box_number,
            self.postcode,
            self.city,
        ]
        .iter()
        .any(|f| !f.get_untracked().is_empty());
        if p.country != self.country || typed {
            return;
        }
        self.street.set(p.street.clone());
        self.house_number.set(p.house_number.clone());
        self.box_number.set(p.box_number.clone());
        self.postcode.set(p.postcode.clone());
        self.city.set(p.city.clone());
    }

    pub fn address(self) -> BillingAddress {
        BillingAddress {
            street: self.street.get_untracked(),
            house_number: self.house_number.get_untracked(),
            box_number: self.box_number.get_untracked(),
            postcode: self.postcode.get_untracked(),
            city: self.city.get_untracked(),
            country: self.country,
        }
    }

    /// Checked as the server checks it; field names as the form's ids.
    pub fn validate(self) -> Result<BillingAddress, Vec<FieldError>> {
        self.address().validate(self.country).map_err(|errors| {
            errors
                .into_iter()
                .map(|e| FieldError::new(&field_id(&e.field), e.code))
                .collect()
        })
    }

    /// (field id, label) in form order, for the error summary.
    pub fn labels() -> [(&'static str, &'static str); 5] {
        let p = &t().profile;
        [
            ("street", p.street.as_str()),
            ("house_number", p.house_number.as_str()),
            ("box_number", p.box_number.as_str()),
            ("postcode", p.postcode.as_str()),
            ("city", p.city.as_str()),
        ]
    }
}

/// The server's field name (`billing_address.street`) as the form's id.
pub fn field_id(server_field: &str) -> String {
    server_field
        .strip_prefix("billing_address.")
        .unwrap_or(server_field)
        .to_owned()
}

/// The account's country (the billing address must lie in it).
pub fn account_country(session: Session) -> Country {
    session
        .user
        .with_untracked(|u| u.as_ref().map(|u| u.country))
        .unwrap_or(Country::Be)
}

/// The address fields, for a form that has its own `<form>` and button.
#[component]
pub fn BillingAddressFields(fields: BillingFields, form: FormState) -> impl IntoView {
    let (p, s) = (&t().profile, &t().services);
    view! {
        <p class="ml-field__hint">{s.billing_intro(t().common.country(fields.country))}</p>
        <Field
            id="street"
            label=&p.street
            value=fields.street
            autocomplete="billing address-line1"
            required=true
            error=form.field("street")
        />
        <div class="ml-form__row">
            <Field
                id="house_number"
                label=&p.house_number
                value=fields.house_number
                required=true
                error=form.field("house_number")
            />
            <Field id="box_number" label=&p.box_number value=fields.box_number error=form.field("box_number") />
        </div>
        <div class="ml-form__row">
            <Field
                id="postcode"
                label=&p.postcode
                value=fields.postcode
                autocomplete="billing postal-code"
                hint=&p.postcode_hint
                required=true
                error=form.field("postcode")
            />
            <Field
                id="city"
                label=&p.city
                value=fields.city
                autocomplete="billing address-level2"
                required=true
                error=form.field("city")
            />
        </div>
    }
}

/// The wallet page's form that changes the billing address.
#[component]
pub fn BillingForm(address: Option<BillingAddress>) -> impl IntoView {
    let s = &t().services;
    let session = use_session();
    let form = FormState::new();
    let message = RwSignal::new(None::<String>);
    let Some(address) = address else {
        return view! { <p>{s.billing_none.as_str()}</p> }.into_any();
    };
    let fields = BillingFields::new(Some(address), account_country(session));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        message.set(None);
        let address = match fields.validate() {
            Ok(address) => address,
            Err(errors) => return form.fail_fields(errors),
        };
        form.submit_mapped(
            async move { api::set_billing_address(session, &address).await },
            move |_| message.set(Some(t().services.billing_saved.to_string())),
            field_id,
        );
    };
    view! {
        <ErrorSummary form=form labels=BillingFields::labels().to_vec() />
        <form class="ml-form" novalidate on:submit=submit>
            <BillingAddressFields fields form />
            <div class="ml-form__actions">
                <SubmitButton label=&s.billing_save pending=form.pending />
            </div>
            <StatusMessage message />
        </form>
    }
    .into_any()
}
