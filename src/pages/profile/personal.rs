//! /profile: personal data, address and phones (B1).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use mijn_lexus_contract::profile::{profile_fields as f, Profile, UpdateProfileRequest};
use mijn_lexus_contract::{Country, Language, Salutation};

use super::{ProfilePage, StatusMessage};
use crate::api::profile as api;
use crate::components::error_summary::ErrorSummary;
use crate::components::field::{Field, SelectField, SubmitButton};
use crate::components::loading::Loaded;
use crate::format::today;
use crate::forms::FormState;
use crate::i18n::{switch_language, t};
use crate::session::use_session;

#[component]
pub fn PersonalPage() -> impl IntoView {
    let profile = LocalResource::new(api::profile);
    view! {
        <ProfilePage title=&t().profile.personal_title>
            <p class="ml-lead">{t().profile.personal_intro.as_str()}</p>
            <Loaded resource=profile let:p><PersonalForm profile=p /></Loaded>
        </ProfilePage>
    }
}

#[component]
fn PersonalForm(profile: Profile) -> impl IntoView {
    let (c, p) = (&t().common, &t().profile);
    let session = use_session();
    let form = FormState::new();
    let saved = RwSignal::new(None::<String>);
    let initial = api::as_update(&profile);
    let salutation = RwSignal::new(profile.salutation.code().to_owned());
    let first_name = RwSignal::new(initial.first_name);
    let last_name = RwSignal::new(initial.last_name);
    let birth_date = RwSignal::new(initial.birth_date);
    let language = RwSignal::new(profile.language.code().to_owned());
    let street = RwSignal::new(initial.street);
    let house_number = RwSignal::new(initial.house_number);
    let box_number = RwSignal::new(initial.box_number);
    let postcode = RwSignal::new(initial.postcode);
    let city = RwSignal::new(initial.city);
    let country = RwSignal::new(profile.country.code().to_owned());
    let mobile_phone = RwSignal::new(initial.mobile_phone);
    let landline_phone = RwSignal::new(initial.landline_phone);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.begin() {
            return;
        }
        saved.set(None);
        let request = UpdateProfileRequest {
            salutation: Salutation::from_code(&salutation.get_untracked()),
            first_name: first_name.get_untracked(),
            last_name: last_name.get_untracked(),
            birth_date: birth_date.get_untracked(),
            language: Language::from_code(&language.get_untracked()),
            street: street.get_untracked(),
            house_number: house_number.get_untracked(),
            box_number: box_number.get_untracked(),
            postcode: postcode.get_untracked(),
            city: city.get_untracked(),
            country: Country::from_code(&country.get_untracked()),
            mobile_phone: mobile_phone.get_untracked(),
            landline_phone: landline_phone.get_untracked(),
        };
        if let Err(errors) = request.validate(today()) {
            form.fail_fields(errors);
            return;
        }
        form.submit(
            async move { api::update_profile(session, &request).await },
            move |p| {
                // Show the stored (normalised) values.
                let u = api::as_update(&p);
                postcode.set(u.postcode);
                mobile_phone.set(u.mobile_phone);
                landline_phone.set(u.landline_phone);
                session.user.update(|user| {
                    if let Some(user) = user {
                        user.first_name = p.first_name.clone();
                        user.last_name = p.last_name.clone();
                    }
                });
                saved.set(Some(t().profile.saved.to_string()));
                if p.language != crate::i18n::lang() {
                    switch_language(p.language);
                }
            },
        );
    };

    let labels = vec![
        (f::SALUTATION, c.salutation.as_str()),
        (f::FIRST_NAME, &c.first_name),
        (f::LAST_NAME, &c.last_name),
        (f::BIRTH_DATE, &p.birth_date),
        (f::LANGUAGE, &c.language),
        (f::STREET, &p.street),
        (f::HOUSE_NUMBER, &p.house_number),
        (f::BOX, &p.box_number),
        (f::POSTCODE, &p.postcode),
        (f::CITY, &p.city),
        (f::COUNTRY, &c.country),
        (f::MOBILE_PHONE, &p.mobile_phone),
        (f::LANDLINE_PHONE, &p.landline_phone),
    ];
    let salutations = Salutation::ALL
        .into_iter()
        .map(|s| (s.code(), c.salutation(s)))
        .collect::<Vec<_>>();
    let countries = Country::ALL
        .into_iter()
        .map(|k| (k.code(), c.country(k)))
        .collect::<Vec<_>>();
    let languages = Language::ALL
        .into_iter()
        .map(|l| (l.code(), l.endonym()))
        .collect::<Vec<_>>();

    view! {
        <ErrorSummary form=form labels=labels />
        <form class="ml-form ml-card" novalidate on:submit=submit>
            <p class="ml-muted">{c.required_hint.as_str()}</p>
            <fieldset class="ml-fieldset">
                <legend class="ml-fieldset__legend">{p.personal_about.as_str()}</legend>
                <SelectField
                    id=f::SALUTATION
                    label=&c.salutation
                    value=salutation
                    options=salutations
                    autocomplete="honorific-prefix"
                    required=true
                    error=form.field(f::SALUTATION)
                />
                <div class="ml-form__row">
                    <Field
                        id=f::FIRST_NAME
                        label=&c.first_name
                        value=first_name
                        autocomplete="given-name"
                        required=true
                        error=form.field(f::FIRST_NAME)
                    />
                    <Field
                        id=f::LAST_NAME
                        label=&c.last_name
                        value=last_name
                        autocomplete="family-name"
                        required=true
                        error=form.field(f::LAST_NAME)
                    />
                </div>
                <div class="ml-form__row">
                    <Field
                        id=f::BIRTH_DATE
                        label=&p.birth_date
                        value=birth_date
                        kind="date"
                        autocomplete="bday"
                        hint=&p.birth_date_hint
                        error=form.field(f::BIRTH_DATE)
                    />
                    <SelectField
                        id=f::LANGUAGE
                        label=&c.language
                        value=language
                        options=languages
                        required=true
                        error=form.field(f::LANGUAGE)
                    />
                </div>
            </fieldset>
            <fieldset class="ml-fieldset">
                <legend class="ml-fieldset__legend">{p.address_legend.as_str()}</legend>
                <p class="ml-field__hint">{p.address_hint.as_str()}</p>
                <SelectField
                    id=f::COUNTRY
                    label=&c.country
                    value=country
                    options=countries
                    autocomplete="country"
                    required=true
                    error=form.field(f::COUNTRY)
                />
                <Field
                    id=f::STREET
                    label=&p.street
                    value=street
                    autocomplete="address-line1"
                    error=form.field(f::STREET)
                />
                <div class="ml-form__row">
                    <Field
                        id=f::HOUSE_NUMBER
                        label=&p.house_number
                        value=house_number
                        error=form.field(f::HOUSE_NUMBER)
                    />
                    <Field id=f::BOX label=&p.box_number value=box_number error=form.field(f::BOX) />
                </div>
                <div class="ml-form__row">
                    <Field
                        id=f::POSTCODE
                        label=&p.postcode
                        value=postcode
                        autocomplete="postal-code"
                        hint=&p.postcode_hint
                        error=form.field(f::POSTCODE)
                    />
                    <Field
                        id=f::CITY
                        label=&p.city
                        value=city
                        autocomplete="address-level2"
                        error=form.field(f::CITY)
                    />
                </div>
            </fieldset>
            <fieldset class="ml-fieldset">
                <legend class="ml-fieldset__legend">{p.phones_legend.as_str()}</legend>
                <p class="ml-field__hint">{p.phone_hint.as_str()}</p>
                <div class="ml-form__row">
                    <Field
                        id=f::MOBILE_PHONE
                        label=&p.mobile_phone
                        value=mobile_phone
                        kind="tel"
                        autocomplete="mobile tel"
                        error=form.field(f::MOBILE_PHONE)
                    />
                    <Field
                        id=f::LANDLINE_PHONE
                        label=&p.landline_phone
                        value=landline_phone
                        kind="tel"
                        autocomplete="home tel"
                        error=form.field(f::LANDLINE_PHONE)
                    />
                </div>
            </fieldset>
            <div class="ml-form__actions">
                <SubmitButton label=&p.save pending=form.pending />
            </div>
            <StatusMessage message=saved />
        </form>
    }
}
