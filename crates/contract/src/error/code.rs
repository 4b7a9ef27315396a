//! The list of codes; add a new one at the end of the enum and of `ALL`,
//! then its wire name (wire.rs) and texts (messages.rs).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Every error the API can answer with, request-level or per field.
///
/// On the wire a code is its [`ErrorCode::as_str`] name, the one list of
/// names (serde's derive would keep a second copy of every name in the
/// browser's entry module).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    // ---- field-level validation ----
    Required,
    TooLong,
    EmailInvalid,
    NameInvalid,
    PhoneInvalid,
    PasswordTooShort,
    PasswordTooLong,
    PasswordCommon,
    PasswordContainsEmail,
    PasswordMismatch,
    TermsNotAccepted,
    PrivacyNotAccepted,
    /// The legal document version the user accepted is no longer current.
    LegalVersionOutdated,

    // ---- request-level ----
    /// One or more fields are invalid; see `fields`.
    ValidationFailed,
    /// The body is not the JSON this endpoint expects.
    MalformedRequest,
    UnsupportedMediaType,
    PayloadTooLarge,
    InvalidCredentials,
    EmailNotConfirmed,
    /// Too many attempts; try again later (`Retry-After` says when).
    RateLimited,
    /// The link's token is unknown or was tampered with.
    TokenInvalid,
    TokenExpired,
    TokenUsed,
    /// No valid session: sign in first.
    Unauthenticated,
    /// Missing or wrong CSRF token, or a cross-site request.
    CsrfFailed,
    NotFound,
    MethodNotAllowed,
    Timeout,
    Internal,

    // ---- garage, telematics, chargers ----
    VinWrongLength,
    VinForbiddenLetter,
    VinInvalidCharacter,
    VinUnknown,
    PlateInvalid,
    NicknameInvalid,
    ProofRequired,
    OdometerMismatch,
    ActivationCodeInvalid,
    ProofLocked,
    AlreadyInGarage,
    PermissionDenied,
    InvalidValue,
    OutOfRange,
    TimeInFuture,
    UnknownCode,
    IngestKeyInvalid,
    MessageIdConflict,
    DateInPast,
    InvitationSelf,
    AlreadyMember,
    InvitationWrongAccount,
    ChargerUnknown,
    ChargerPinInvalid,
    SerialInvalid,
    /// The odometer cannot prove access to this vehicle (it has a main user,
    /// or this account had access before): the activation code from the car can.
    ActivationCodeRequired,

    // ---- profile, privacy, legal versions (B1-B5, A4) ----
    PostcodeInvalid,
    /// Any phone number (landline, emergency contact): wrong for the country.
    PhoneNumberInvalid,
    BirthDateInvalid,
    BirthDateTooYoung,
    BirthDateTooOld,
    /// The current password given to confirm a change is wrong.
    PasswordWrong,
    EmailUnchanged,
    /// The new address got an account before the change was confirmed.
    EmailTaken,
    DealerUnknown,
    /// A new version of the terms or privacy policy must be accepted first.
    LegalAcceptanceRequired,
    /// This version of the document was already published.
    LegalVersionExists,

    // ---- security (issue 9) ----
    /// Too many passwords are being checked at once: 503 with `Retry-After`.
    ServerBusy,

    // ---- map (D1, D2) ----
    /// The vehicle has not reported where it was parked (since this user has it).
    NoParkedPosition,
    /// Privacy mode is on in the car: no position is used or shown.
    PrivacyModeOn,
    /// The last trip ended without a destination in the car's navigation.
    NoDestination,
    /// Start and end are too far apart for a walking route.
    TooFarToWalk,
    /// The routing provider found no walking route between the two places.
    NoRoute,
    /// The routing provider is not configured, down or too slow: 503.
    RoutingUnavailable,
    /// The geocoding provider is not configured, down or too slow: 503.
    GeocodingUnavailable,
    // ---- share to car, charge points (D3, D4) ----
    /// A latitude outside -90..90 or a longitude outside -180..180.
    CoordinateInvalid,
    ArrivalInPast,
    /// More than nine stops on the way to a shared destination.
    TooManyStops,
    /// `resend_of` names no earlier destination of this vehicle.
    SharedDestinationUnknown,
    /// The vehicle's navigation takes no shared destinations.
    ShareToCarUnavailable,
    /// The vehicle acknowledged this command before, with another outcome.
    CommandAlreadyFinal,
    /// The hosted tile provider is down or too slow: 503.
    TilesUnavailable,
    // ---- trips, logbook, coaching (E1-E4) ----
    /// `to` before `from`, or a period longer than the contract allows.
    DateRangeInvalid,
    /// More trips named at once than one request may tag.
    TooManyTrips,
    // ---- services, invoices (F1, F3) ----
    /// The idempotency key is 16 to 64 letters, digits, - or _.
    IdempotencyKeyInvalid,
    /// The service or plan is not offered for this vehicle.
    ServiceNotOffered,
    /// This vehicle already had the free trial of this service (once per vehicle, ever).
    TrialAlreadyUsed,
    /// A subscription to this service is still running for this vehicle.
    ServiceAlreadyActive,
    /// A paid plan needs a main payment card in the wallet.
    MainCardRequired,
    /// The provider refused the payment (or the authentication failed).
    PaymentFailed,
    /// No right of withdrawal: not a paid plan, the 14 days are over, or lost after a trial of 14 days or more.
    WithdrawalNotAllowed,
    /// The subscription is already cancelled or over.
    SubscriptionNotRunning,
    // ---- wallet, payments (F2) ----
    /// The card number fails the Luhn check or has the wrong length or characters.
    CardNumberInvalid,
    /// Not a Visa or Mastercard number.
    CardBrandUnsupported,
    /// The expiry month is not 1-12 or the year is not a plausible four-digit year.
    CardExpiryInvalid,
    /// The card's expiry month lies in the past.
    CardExpired,
    /// The security code is not three digits.
    CvcInvalid,
    /// The payment provider knows no such card token, or it was used or expired.
    CardTokenInvalid,
    /// The card's issuer refused it when it was verified for saving: 402.
    CardDeclined,
    /// The main card is the only card behind a running subscription: 409.
    MainCardInUse,
    /// The main card cannot be removed while other cards exist: make another one main first (409).
    MainCardMustBeReplaced,
    /// The billing address is not in the account's country.
    BillingCountryMismatch,
    /// The payment provider's publishable key is missing or wrong: 401.
    PaymentKeyInvalid,
    /// The payment provider is down or too slow: 503.
    PaymentProviderUnavailable,
    // ---- remote (F4) ----
    /// Remote functions need the vehicle's Remote service running (409).
    RemoteServiceRequired,
    /// The vehicle cannot be charged from the grid (a full hybrid): 409.
    RemoteChargingUnavailable,
    /// More weekly schedules than a vehicle takes (422 per field).
    TooManySchedules,
}

impl ErrorCode {
    /// Every code, in declaration order (for tests and the SPA's text packs).
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::Required,
        ErrorCode::TooLong,
        ErrorCode::EmailInvalid,
        ErrorCode::NameInvalid,
        ErrorCode::PhoneInvalid,
        ErrorCode::PasswordTooShort,
        ErrorCode::PasswordTooLong,
        ErrorCode::PasswordCommon,
        ErrorCode::PasswordContainsEmail,
        ErrorCode::PasswordMismatch,
        ErrorCode::TermsNotAccepted,
        ErrorCode::PrivacyNotAccepted,
        ErrorCode::LegalVersionOutdated,
        ErrorCode::ValidationFailed,
        ErrorCode::MalformedRequest,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::PayloadTooLarge,
        ErrorCode::InvalidCredentials,
        ErrorCode::EmailNotConfirmed,
        ErrorCode::RateLimited,
        ErrorCode::TokenInvalid,
        ErrorCode::TokenExpired,
        ErrorCode::TokenUsed,
        ErrorCode::Unauthenticated,
        ErrorCode::CsrfFailed,
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::Timeout,
        ErrorCode::Internal,
        ErrorCode::VinWrongLength,
        ErrorCode::VinForbiddenLetter,
        ErrorCode::VinInvalidCharacter,
        ErrorCode::VinUnknown,
        ErrorCode::PlateInvalid,
        ErrorCode::NicknameInvalid,
        ErrorCode::ProofRequired,
        ErrorCode::OdometerMismatch,
        ErrorCode::ActivationCodeInvalid,
        ErrorCode::ProofLocked,
        ErrorCode::AlreadyInGarage,
        ErrorCode::PermissionDenied,
        ErrorCode::InvalidValue,
        ErrorCode::OutOfRange,
        ErrorCode::TimeInFuture,
        ErrorCode::UnknownCode,
        ErrorCode::IngestKeyInvalid,
        ErrorCode::MessageIdConflict,
        ErrorCode::DateInPast,
        ErrorCode::InvitationSelf,
        ErrorCode::AlreadyMember,
        ErrorCode::InvitationWrongAccount,
        ErrorCode::ChargerUnknown,
        ErrorCode::ChargerPinInvalid,
        ErrorCode::SerialInvalid,
        ErrorCode::ActivationCodeRequired,
        ErrorCode::PostcodeInvalid,
        ErrorCode::PhoneNumberInvalid,
        ErrorCode::BirthDateInvalid,
        ErrorCode::BirthDateTooYoung,
        ErrorCode::BirthDateTooOld,
        ErrorCode::PasswordWrong,
        ErrorCode::EmailUnchanged,
        ErrorCode::EmailTaken,
        ErrorCode::DealerUnknown,
        ErrorCode::LegalAcceptanceRequired,
        ErrorCode::LegalVersionExists,
        ErrorCode::ServerBusy,
        ErrorCode::NoParkedPosition,
        ErrorCode::PrivacyModeOn,
        ErrorCode::NoDestination,
        ErrorCode::TooFarToWalk,
        ErrorCode::NoRoute,
        ErrorCode::RoutingUnavailable,
        ErrorCode::GeocodingUnavailable,
        ErrorCode::CoordinateInvalid,
        ErrorCode::ArrivalInPast,
        ErrorCode::TooManyStops,
        ErrorCode::SharedDestinationUnknown,
        ErrorCode::ShareToCarUnavailable,
        ErrorCode::CommandAlreadyFinal,
        ErrorCode::TilesUnavailable,
        ErrorCode::DateRangeInvalid,
        ErrorCode::TooManyTrips,
        // ---- services, invoices (F1, F3) ----
        ErrorCode::IdempotencyKeyInvalid,
        ErrorCode::ServiceNotOffered,
        ErrorCode::TrialAlreadyUsed,
        ErrorCode::ServiceAlreadyActive,
        ErrorCode::MainCardRequired,
        ErrorCode::PaymentFailed,
        ErrorCode::WithdrawalNotAllowed,
        ErrorCode::SubscriptionNotRunning,
        // ---- wallet, payments (F2) ----
        ErrorCode::CardNumberInvalid,
        ErrorCode::CardBrandUnsupported,
        ErrorCode::CardExpiryInvalid,
        ErrorCode::CardExpired,
        ErrorCode::CvcInvalid,
        ErrorCode::CardTokenInvalid,
        ErrorCode::CardDeclined,
        ErrorCode::MainCardInUse,
        ErrorCode::MainCardMustBeReplaced,
        ErrorCode::BillingCountryMismatch,
        ErrorCode::PaymentKeyInvalid,
        ErrorCode::PaymentProviderUnavailable,
        // ---- remote (F4) ----
        ErrorCode::RemoteServiceRequired,
        ErrorCode::RemoteChargingUnavailable,
        ErrorCode::TooManySchedules,
    ];
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ErrorCode {
    /// The code with this wire name.
    pub fn from_wire(name: &str) -> Option<ErrorCode> {
        ErrorCode::ALL.iter().copied().find(|c| c.as_str() == name)
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ErrorCode, D::Error> {
        let name = String::deserialize(deserializer)?;
        ErrorCode::from_wire(&name)
            .ok_or_else(|| serde::de::Error::custom(format_args!("unknown error code `{name}`")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_travels_as_its_wire_name() {
        for &code in ErrorCode::ALL {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
        }
        assert!(serde_json::from_str::<ErrorCode>("\"no_such_code\"").is_err());
        assert!(serde_json::from_str::<ErrorCode>("42").is_err());
    }

    /// `ALL` lists every variant of the enum (counted in this very source),
    /// once each, so the SPA's text packs can be checked against it.
    #[test]
    fn all_lists_every_code_once() {
        let source = include_str!("code.rs");
        let start = source.find("pub enum ErrorCode {").unwrap();
        let body = &source[start..];
        let body = &body[..body.find("\n}\n").unwrap()];
        let variants = body
            .lines()
            .filter(|l| {
                let l = l.trim_end();
                l.starts_with("    ")
                    && !l.starts_with("     ")
                    && l.ends_with(',')
                    && l.trim().starts_with(|c: char| c.is_ascii_uppercase())
            })
            .count();
        assert_eq!(ErrorCode::ALL.len(), variants);
        let mut names: Vec<_> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), variants);
    }
}
