use super::*;

fn pc(s: &str, c: Country) -> Result<String, ErrorCode> {
    Postcode::parse(s, c).map(Postcode::into_string)
}

#[test]
fn belgian_postcodes() {
    assert_eq!(pc("2020", Country::Be), Ok("2020".into()));
    assert_eq!(pc(" 1000 ", Country::Be), Ok("1000".into()));
    assert_eq!(pc("9999", Country::Be), Ok("9999".into()));
    for bad in ["0999", "999", "10000", "20A0", "B-2020"] {
        assert_eq!(
            pc(bad, Country::Be),
            Err(ErrorCode::PostcodeInvalid),
            "{bad}"
        );
    }
    assert_eq!(pc("  ", Country::Be), Err(ErrorCode::Required));
}

#[test]
fn dutch_postcodes_are_normalised() {
    assert_eq!(pc("3511ab", Country::Nl), Ok("3511 AB".into()));
    assert_eq!(pc("3511  AB", Country::Nl), Ok("3511 AB".into()));
    assert_eq!(pc("1011 ac", Country::Nl), Ok("1011 AC".into()));
    for bad in [
        "3511 SA", "3511sd", "3511 SS", "0511 AB", "3511", "3511 A1", "35111 AB", "AB 3511",
    ] {
        assert_eq!(
            pc(bad, Country::Nl),
            Err(ErrorCode::PostcodeInvalid),
            "{bad}"
        );
    }
}

#[test]
fn luxembourg_postcodes_accept_the_l_prefix() {
    assert_eq!(pc("1234", Country::Lu), Ok("L-1234".into()));
    assert_eq!(pc("L-1234", Country::Lu), Ok("L-1234".into()));
    assert_eq!(pc("l-2449", Country::Lu), Ok("L-2449".into()));
    for bad in ["123", "L-12345", "LU-1234", "12a4"] {
        assert_eq!(
            pc(bad, Country::Lu),
            Err(ErrorCode::PostcodeInvalid),
            "{bad}"
        );
    }
}

#[test]
fn french_and_german_postcodes_have_five_digits() {
    assert_eq!(pc("75001", Country::Fr), Ok("75001".into()));
    assert_eq!(pc("01000", Country::Fr), Ok("01000".into()));
    assert_eq!(pc("10115", Country::De), Ok("10115".into()));
    assert_eq!(pc("01067", Country::De), Ok("01067".into()));
    for bad in ["7500", "750011", "00100", "2A004x"] {
        assert_eq!(
            pc(bad, Country::Fr),
            Err(ErrorCode::PostcodeInvalid),
            "{bad}"
        );
        assert_eq!(
            pc(bad, Country::De),
            Err(ErrorCode::PostcodeInvalid),
            "{bad}"
        );
    }
}

fn ph(s: &str, c: Country) -> Result<String, ErrorCode> {
    Phone::parse(s, c).map(Phone::into_string)
}

#[test]
fn phones_per_country() {
    // Landlines and mobiles alike.
    assert_eq!(ph("02 123 45 67", Country::Be), Ok("+3221234567".into()));
    assert_eq!(ph("0470 12 34 56", Country::Be), Ok("+32470123456".into()));
    assert_eq!(ph("020 123 4567", Country::Nl), Ok("+31201234567".into()));
    assert_eq!(ph("06-12345678", Country::Nl), Ok("+31612345678".into()));
    assert_eq!(ph("+352 26 12 34", Country::Lu), Ok("+352261234".into()));
    assert_eq!(ph("01 23 45 67 89", Country::Fr), Ok("+33123456789".into()));
    assert_eq!(ph("030 1234567", Country::De), Ok("+49301234567".into()));
    assert_eq!(
        ph("+44 20 7946 0958", Country::Be),
        Ok("+442079460958".into())
    );
}

#[test]
fn phones_with_wrong_lengths_are_refused() {
    assert_eq!(ph("", Country::Be), Err(ErrorCode::Required));
    assert_eq!(
        ph("02 123 45", Country::Be),
        Err(ErrorCode::PhoneNumberInvalid)
    );
    assert_eq!(
        ph("0470 12 34 56 7", Country::Be),
        Err(ErrorCode::PhoneNumberInvalid)
    );
    assert_eq!(
        ph("020 123 456", Country::Nl),
        Err(ErrorCode::PhoneNumberInvalid)
    );
    assert_eq!(
        ph("+352 1234", Country::Lu),
        Err(ErrorCode::PhoneNumberInvalid)
    );
    assert_eq!(
        ph("01 23 45 67 8", Country::Fr),
        Err(ErrorCode::PhoneNumberInvalid)
    );
    assert_eq!(
        ph("+49 0301234567", Country::De),
        Err(ErrorCode::PhoneNumberInvalid)
    );
    assert_eq!(
        ph("12345678", Country::Be),
        Err(ErrorCode::PhoneNumberInvalid)
    );
    assert_eq!(
        ph("02 abc 45 67", Country::Be),
        Err(ErrorCode::PhoneNumberInvalid)
    );
}

#[test]
fn birth_date_must_give_an_adult_age() {
    let today = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
    assert_eq!(
        parse_birth_date("2008-06-15", today),
        Ok(NaiveDate::from_ymd_opt(2008, 6, 15).unwrap())
    );
    assert_eq!(
        parse_birth_date("2008-06-16", today),
        Err(ErrorCode::BirthDateTooYoung)
    );
    assert_eq!(parse_birth_date("1906-06-15", today).map(|_| ()), Ok(()));
    assert_eq!(
        parse_birth_date("1905-06-14", today),
        Err(ErrorCode::BirthDateTooOld)
    );
    assert_eq!(
        parse_birth_date("2027-01-01", today),
        Err(ErrorCode::BirthDateInvalid)
    );
    assert_eq!(
        parse_birth_date("1990-02-30", today),
        Err(ErrorCode::BirthDateInvalid)
    );
    assert_eq!(
        parse_birth_date("15/06/1990", today),
        Err(ErrorCode::BirthDateInvalid)
    );
    assert_eq!(parse_birth_date("", today), Err(ErrorCode::Required));
}

fn valid() -> UpdateProfileRequest {
    UpdateProfileRequest {
        salutation: Some(Salutation::Mr),
        first_name: "Jan".into(),
        last_name: "de Vries".into(),
        birth_date: "1980-04-01".into(),
        language: Some(Language::Nl),
        street: "Damrak".into(),
        house_number: "1".into(),
        box_number: "".into(),
        postcode: "1012lg".into(),
        city: "Amsterdam".into(),
        country: Some(Country::Nl),
        mobile_phone: "06 12345678".into(),
        landline_phone: "".into(),
    }
}

#[test]
fn a_profile_is_normalised() {
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let p = valid().validate(today).unwrap();
    assert_eq!(p.postcode.unwrap().as_str(), "1012 LG");
    assert_eq!(p.mobile_phone.unwrap().as_str(), "+31612345678");
    assert_eq!(p.landline_phone, None);
}

#[test]
fn the_address_is_all_or_nothing() {
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let none = UpdateProfileRequest {
        street: "".into(),
        house_number: "".into(),
        postcode: "".into(),
        city: "".into(),
        ..valid()
    };
    assert!(none.validate(today).is_ok());
    let partial = UpdateProfileRequest {
        street: "".into(),
        city: "".into(),
        ..valid()
    };
    let fields: Vec<_> = partial
        .validate(today)
        .unwrap_err()
        .into_iter()
        .map(|e| (e.field, e.code))
        .collect();
    assert_eq!(
        fields,
        [
            ("street".to_string(), ErrorCode::Required),
            ("city".to_string(), ErrorCode::Required)
        ]
    );
}

#[test]
fn postcode_and_phones_follow_the_chosen_country() {
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let be = UpdateProfileRequest {
        country: Some(Country::Be),
        ..valid()
    };
    let codes: Vec<_> = be
        .validate(today)
        .unwrap_err()
        .into_iter()
        .map(|e| e.code)
        .collect();
    assert_eq!(codes, [ErrorCode::PostcodeInvalid, ErrorCode::PhoneInvalid]);
}

#[test]
fn password_change_rules() {
    let ok = ChangePasswordRequest {
        current_password: "oud".into(),
        new_password: "lange-nieuwe-zin".into(),
        new_password_confirmation: "lange-nieuwe-zin".into(),
    };
    assert!(ok.validate("jan@example.be", |_| false).is_ok());
    let bad = ChangePasswordRequest {
        current_password: "".into(),
        new_password: "kort".into(),
        new_password_confirmation: "anders".into(),
    };
    let codes: Vec<_> = bad
        .validate("jan@example.be", |_| false)
        .unwrap_err()
        .into_iter()
        .map(|e| e.code)
        .collect();
    assert_eq!(
        codes,
        [
            ErrorCode::Required,
            ErrorCode::PasswordTooShort,
            ErrorCode::PasswordMismatch
        ]
    );
}

#[test]
fn email_change_needs_a_new_address() {
    let req = ChangeEmailRequest {
        new_email: "Jan@Example.be".into(),
        current_password: "x".into(),
    };
    assert_eq!(
        req.validate("jan@example.be").unwrap_err()[0].code,
        ErrorCode::EmailUnchanged
    );
    assert_eq!(
        req.validate("els@example.be").unwrap().as_str(),
        "jan@example.be"
    );
}

#[test]
fn emergency_contact_rules() {
    let c = EmergencyContact {
        name: " Els  Peeters ".into(),
        relation: "partner".into(),
        phone: "0470 12 34 56".into(),
    };
    let v = c.validate(Country::Be).unwrap();
    assert_eq!(v.name, "Els Peeters");
    assert_eq!(v.phone, "+32470123456");
    let bad = EmergencyContact {
        name: "".into(),
        relation: "".into(),
        phone: "12".into(),
    };
    assert_eq!(bad.validate(Country::Be).unwrap_err().len(), 3);
}

#[test]
fn consent_kinds_round_trip() {
    for k in ConsentKind::ALL {
        assert_eq!(ConsentKind::from_code(k.code()), Some(k));
        assert_eq!(serde_json::to_value(k).unwrap(), k.code());
    }
}
