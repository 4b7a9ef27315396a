//! No input may panic (issue 9, item 7): every parser and validator of the
//! contract gets arbitrary strings - multi-byte characters, control
//! characters, near misses of valid values - and must answer Ok or Err.
//! A panic here would drop the server's connection and abort the SPA's wasm.

use chrono::{NaiveDate, TimeZone, Utc};
use mijn_lexus_contract::account::{
    EmailRequest, NewAccount, RegisterRequest, ResetPasswordRequest, SignInRequest,
};
use mijn_lexus_contract::charger::{AddChargerRequest, ChargerSerial, ChargerState};
use mijn_lexus_contract::legal::LegalKind;
use mijn_lexus_contract::profile::{
    parse_birth_date, parse_text, ChangeEmailRequest, ChangePasswordRequest, ConsentKind,
    EmergencyContact, Phone, Postcode, UpdateProfileRequest,
};
use mijn_lexus_contract::telematics::{
    message_id_valid, DrivingEventKind, IngestRequest, ParkedReport, StatusReport, TelemetryMessage,
};
use mijn_lexus_contract::validation::{
    check_new_password, international_digits, Email, MobilePhone, PersonName,
};
use mijn_lexus_contract::vehicle::{
    warning_light, AddVehicleRequest, LicencePlate, Nickname, Place, Powertrain,
    ServiceRequestCreate, VehicleRole, Vin,
};
use mijn_lexus_contract::wallet::{
    card_brand, luhn_valid, parse_expiry, validate_card, BillingAddress, CardDetails,
};
use mijn_lexus_contract::{Country, ErrorCode, Language, Salutation};
use proptest::prelude::*;

/// Strings that stress byte/char boundaries: ASCII digits and letters (so
/// inputs come close to valid postcodes, VINs, phones ...) mixed with
/// multi-byte and control characters and separators.
fn tricky() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::char::range('0', '9'),
        3 => proptest::char::range('A', 'Z'),
        2 => proptest::char::range('a', 'z'),
        1 => prop::sample::select(vec![
            '€', 'é', 'ß', 'İ', 'ﬀ', '😀', '\u{0}', '\u{7}', '\n', '\t', '\u{200b}', '\u{feff}',
            ' ', '-', '+', '.', '/', '@', '(', ')', 'L', '\'',
        ]),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|cs| cs.into_iter().collect())
}

/// Tricky strings and fully arbitrary ones (any char, controls included).
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => tricky(),
        1 => proptest::string::string_regex("(?s).{0,40}").unwrap(),
    ]
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn single_value_parsers(s in any_text()) {
        for country in Country::ALL {
            let _ = Postcode::parse(&s, country);
            let _ = Phone::parse(&s, country);
            let _ = MobilePhone::parse(&s, country);
            let _ = international_digits(&s, country, ErrorCode::PhoneInvalid);
        }
        let _ = Email::parse(&s);
        let _ = PersonName::parse(&s);
        let _ = Vin::parse(&s).map(|v| v.wmi().to_owned());
        let _ = LicencePlate::parse(&s);
        let _ = Nickname::parse(&s);
        let _ = ChargerSerial::parse(&s);
        let _ = parse_birth_date(&s, today());
        let _ = parse_text(&s, 5, true);
        let _ = parse_text(&s, 200, false);
        let _ = message_id_valid(&s);
        let _ = check_new_password(&s, Some(&s), |_| false);
        let _ = check_new_password(&s, None, |c| c.len() % 2 == 0);
        let _ = Language::from_code(&s);
        let _ = Country::from_code(&s);
        let _ = Salutation::from_code(&s);
        let _ = ConsentKind::from_code(&s);
        let _ = ChargerState::from_code(&s);
        let _ = DrivingEventKind::from_code(&s);
        let _ = Powertrain::from_code(&s);
        let _ = VehicleRole::from_code(&s);
        let _ = LegalKind::from_slug(&s);
        let _ = warning_light(&s);
        let _ = parse_expiry(&s);
    }

    #[test]
    fn account_requests(a in any_text(), b in any_text(), c in any_text(), flag in any::<bool>()) {
        let register = RegisterRequest {
            salutation: flag.then_some(Salutation::Mx),
            first_name: a.clone(),
            last_name: b.clone(),
            email: c.clone(),
            password: a.clone(),
            password_confirmation: if flag { a.clone() } else { b.clone() },
            country: Some(Country::Nl),
            language: Some(Language::Fr),
            mobile_phone: c.clone(),
            accept_terms: flag,
            terms_version: 1,
            accept_privacy: !flag,
            privacy_version: 1,
            marketing_consent: flag,
        };
        let _ = NewAccount::parse(&register, |_| flag);
        let _ = SignInRequest { email: a.clone(), password: b.clone() }.validate();
        let _ = EmailRequest { email: c.clone() }.validate();
        let _ = ResetPasswordRequest {
            token: a.clone(),
            password: b.clone(),
            password_confirmation: b.clone(),
        }
        .validate(|_| false);
    }

    #[test]
    fn profile_requests(a in any_text(), b in any_text(), c in any_text(), i in 0usize..5) {
        let country = Country::ALL[i];
        let profile = UpdateProfileRequest {
            salutation: Some(Salutation::Ms),
            first_name: a.clone(),
            last_name: b.clone(),
            birth_date: c.clone(),
            language: Some(Language::Nl),
            street: a.clone(),
            house_number: b.clone(),
            box_number: c.clone(),
            postcode: c.clone(),
            city: a.clone(),
            country: Some(country),
            mobile_phone: b.clone(),
            landline_phone: c.clone(),
        };
        let _ = profile.validate(today());
        let _ = ChangeEmailRequest { new_email: a.clone(), current_password: b.clone() }
            .validate(&c);
        let _ = ChangePasswordRequest {
            current_password: a.clone(),
            new_password: b.clone(),
            new_password_confirmation: c.clone(),
        }
        .validate(&a, |_| false);
        let _ = EmergencyContact { name: a.clone(), relation: b.clone(), phone: c.clone() }
            .validate(country);
    }

    #[test]
    fn garage_requests(
        a in any_text(),
        b in any_text(),
        c in any_text(),
        km in prop_oneof![any::<f64>(), -1e6f64..1e7],
        by_code in any::<bool>(),
    ) {
        let _ = AddVehicleRequest {
            vin: a.clone(),
            licence_plate: b.clone(),
            nickname: c.clone(),
            odometer_km: (!by_code).then_some(km),
            activation_code: by_code.then(|| c.clone()),
        }
        .parse();
        let _ = AddChargerRequest { serial: a.clone(), pin: b.clone(), nickname: c.clone() }.parse();
        let _ = ServiceRequestCreate { preferred_date: Some(today()), note: a.clone() }
            .validate(today());
    }

    #[test]
    fn telematics_validation(
        id in any_text(),
        label in any_text(),
        light in any_text(),
        x in any::<f64>(),
        offset in -1_000_000i64..1_000_000,
    ) {
        let now = Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap();
        let place = Place { lat: x, lon: -x, label: Some(label.clone()) };
        let request = IngestRequest {
            messages: vec![TelemetryMessage {
                message_id: id.clone(),
                recorded_at: now + chrono::Duration::seconds(offset),
                status: Some(StatusReport {
                    odometer_km: Some(x),
                    fuel_percent: Some(x),
                    warning_lights: Some(vec![light.clone(), label.clone()]),
                    ..StatusReport::default()
                }),
                parked: Some(ParkedReport { position: place.clone(), destination: Some(place) }),
                trip: None,
            }],
        };
        for powertrain in [Powertrain::Hybrid, Powertrain::PlugInHybrid, Powertrain::Electric] {
            let _ = request.validate(powertrain, now);
        }
    }
}

/// The case from the review: a multi-byte character inside the four
/// digits of a Dutch postcode.
#[test]
fn dutch_postcode_with_a_euro_sign_is_invalid_not_a_panic() {
    for raw in ["123€", "123€AB", "€", "1234€", "1234 €B", "ß234AB"] {
        assert_eq!(
            Postcode::parse(raw, Country::Nl),
            Err(ErrorCode::PostcodeInvalid),
            "{raw}"
        );
    }
}

// ---- share to car, charge points (D3, D4) ----
proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn share_and_charge_point_inputs_never_panic(
        label in any_text(),
        address in any_text(),
        standard in any_text(),
        x in proptest::num::f64::ANY,
        y in proptest::num::f64::ANY,
        offset in -100_000_000i64..100_000_000,
        stops in 0usize..12,
        limit in proptest::option::of(any::<u32>()),
    ) {
        use mijn_lexus_contract::charging::ChargePointQuery;
        use mijn_lexus_contract::share::{ShareDestinationRequest, SharePlace};
        let now = Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap();
        let place = SharePlace { label: label.clone(), address, lat: x, lon: y };
        let request = ShareDestinationRequest {
            destination: place.clone(),
            arrival_at: Some(now + chrono::Duration::seconds(offset)),
            stops: vec![place; stops],
            resend_of: Some(offset),
        };
        let _ = request.validate(now);
        let query = ChargePointQuery {
            lat: Some(x),
            lon: Some(y),
            radius_km: Some(y),
            standard: Some(standard),
            min_power_kw: Some(x),
            available: true,
            limit,
        };
        let _ = query.near_place();
        let _ = query.near_vehicle();
    }

    // ---- wallet, payments (F2) ----
    #[test]
    fn card_fields_and_billing_address(
        number in any_text(), cvc in any_text(), holder in any_text(), text in any_text(),
        month in any::<u32>(), year in any::<u32>(), small_year in 0u32..2200,
    ) {
        for exp_year in [year, small_year] {
            let card = CardDetails { number: number.clone(), exp_month: month % 14, exp_year, cvc: cvc.clone(), holder: holder.clone() };
            let _ = validate_card(&card, today()).map(|c| c.last4().to_owned());
            let card = CardDetails { exp_month: month, ..card };
            let _ = validate_card(&card, today());
        }
        let _ = card_brand(&number);
        let _ = luhn_valid(&number);
        for country in Country::ALL {
            let address = BillingAddress {
                street: text.clone(), house_number: number.clone(), box_number: cvc.clone(),
                postcode: number.clone(), city: holder.clone(), country,
            };
            let _ = address.validate(Country::Be);
        }
    }
}
