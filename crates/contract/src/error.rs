//! Stable error codes and the JSON error body of the API.
//!
//! Codes are part of the public contract: the SPA maps them to texts in the
//! user's language, tests assert on them, and they never change meaning.

use serde::{Deserialize, Serialize};

use crate::Language;

/// Every error the API can answer with, request-level or per field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
}

impl ErrorCode {
    /// The stable wire name (`"password_too_short"`).
    pub fn as_str(self) -> &'static str {
        use ErrorCode::*;
        match self {
            Required => "required",
            TooLong => "too_long",
            EmailInvalid => "email_invalid",
            NameInvalid => "name_invalid",
            PhoneInvalid => "phone_invalid",
            PasswordTooShort => "password_too_short",
            PasswordTooLong => "password_too_long",
            PasswordCommon => "password_common",
            PasswordContainsEmail => "password_contains_email",
            PasswordMismatch => "password_mismatch",
            TermsNotAccepted => "terms_not_accepted",
            PrivacyNotAccepted => "privacy_not_accepted",
            LegalVersionOutdated => "legal_version_outdated",
            ValidationFailed => "validation_failed",
            MalformedRequest => "malformed_request",
            UnsupportedMediaType => "unsupported_media_type",
            PayloadTooLarge => "payload_too_large",
            InvalidCredentials => "invalid_credentials",
            EmailNotConfirmed => "email_not_confirmed",
            RateLimited => "rate_limited",
            TokenInvalid => "token_invalid",
            TokenExpired => "token_expired",
            TokenUsed => "token_used",
            Unauthenticated => "unauthenticated",
            CsrfFailed => "csrf_failed",
            NotFound => "not_found",
            MethodNotAllowed => "method_not_allowed",
            Timeout => "timeout",
            Internal => "internal",
            VinWrongLength => "vin_wrong_length",
            VinForbiddenLetter => "vin_forbidden_letter",
            VinInvalidCharacter => "vin_invalid_character",
            VinUnknown => "vin_unknown",
            PlateInvalid => "plate_invalid",
            NicknameInvalid => "nickname_invalid",
            ProofRequired => "proof_required",
            OdometerMismatch => "odometer_mismatch",
            ActivationCodeInvalid => "activation_code_invalid",
            ProofLocked => "proof_locked",
            AlreadyInGarage => "already_in_garage",
            PermissionDenied => "permission_denied",
            InvalidValue => "invalid_value",
            OutOfRange => "out_of_range",
            TimeInFuture => "time_in_future",
            UnknownCode => "unknown_code",
            IngestKeyInvalid => "ingest_key_invalid",
            MessageIdConflict => "message_id_conflict",
            DateInPast => "date_in_past",
            InvitationSelf => "invitation_self",
            AlreadyMember => "already_member",
            InvitationWrongAccount => "invitation_wrong_account",
            ChargerUnknown => "charger_unknown",
            ChargerPinInvalid => "charger_pin_invalid",
            SerialInvalid => "serial_invalid",
        }
    }

    /// HTTP status the API answers with when this is the request-level code.
    pub fn http_status(self) -> u16 {
        use ErrorCode::*;
        match self {
            MalformedRequest => 400,
            Unauthenticated | InvalidCredentials | IngestKeyInvalid => 401,
            EmailNotConfirmed | CsrfFailed | PermissionDenied | InvitationWrongAccount => 403,
            NotFound => 404,
            MethodNotAllowed => 405,
            Timeout => 408,
            AlreadyInGarage | MessageIdConflict | AlreadyMember => 409,
            TokenExpired | TokenUsed => 410,
            PayloadTooLarge => 413,
            UnsupportedMediaType => 415,
            RateLimited | ProofLocked => 429,
            Internal => 500,
            _ => 422,
        }
    }

    /// The message shown to a person, in their language.
    ///
    /// Dutch is the reference text; French and English arrive with the
    /// languages feature (G1) and fall back to Dutch until then.
    pub fn message(self, lang: Language) -> &'static str {
        match lang {
            Language::Nl | Language::Fr | Language::En => self.message_nl(),
        }
    }

    fn message_nl(self) -> &'static str {
        use ErrorCode::*;
        match self {
            Required => "Vul dit veld in.",
            TooLong => "Deze invoer is te lang.",
            EmailInvalid => "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.be.",
            NameInvalid => "Gebruik alleen letters, spaties, koppeltekens of apostroffen.",
            PhoneInvalid => "Vul een geldig mobiel nummer in, bijvoorbeeld +32 470 12 34 56.",
            PasswordTooShort => "Kies een wachtwoord van minstens 12 tekens.",
            PasswordTooLong => "Een wachtwoord mag hoogstens 128 tekens lang zijn.",
            PasswordCommon => "Dit wachtwoord wordt te vaak gebruikt en is makkelijk te raden. Kies een ander.",
            PasswordContainsEmail => "Uw wachtwoord mag uw e-mailadres niet bevatten.",
            PasswordMismatch => "De twee wachtwoorden zijn niet gelijk.",
            TermsNotAccepted => "U moet de gebruiksvoorwaarden accepteren om u te registreren.",
            PrivacyNotAccepted => "U moet het privacybeleid accepteren om u te registreren.",
            LegalVersionOutdated => "Er is intussen een nieuwe versie van dit document. Lees en accepteer de nieuwe versie.",
            ValidationFailed => "Niet alle gegevens zijn correct. Controleer de gemarkeerde velden.",
            MalformedRequest => "Het verzoek kon niet worden gelezen. Vernieuw de pagina en probeer het opnieuw.",
            UnsupportedMediaType => "Het verzoek heeft een onverwacht formaat.",
            PayloadTooLarge => "Het verzoek is te groot.",
            InvalidCredentials => "Het e-mailadres of het wachtwoord klopt niet.",
            EmailNotConfirmed => "Bevestig eerst uw e-mailadres via de link in onze e-mail. U kunt de e-mail opnieuw laten versturen.",
            RateLimited => "Te veel pogingen. Wacht even en probeer het dan opnieuw.",
            TokenInvalid => "Deze link is ongeldig. Vraag een nieuwe link aan.",
            TokenExpired => "Deze link is verlopen. Vraag een nieuwe link aan.",
            TokenUsed => "Deze link is al gebruikt. Vraag zo nodig een nieuwe link aan.",
            Unauthenticated => "Meld u aan om verder te gaan.",
            CsrfFailed => "Uw sessie kon niet worden geverifieerd. Vernieuw de pagina en probeer het opnieuw.",
            NotFound => "Dit bestaat niet (meer).",
            MethodNotAllowed => "Deze actie is hier niet mogelijk.",
            Timeout => "De server deed er te lang over. Probeer het opnieuw.",
            Internal => "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
            VinWrongLength => "Een chassisnummer (VIN) heeft precies 17 tekens. Controleer het aantal tekens.",
            VinForbiddenLetter => "Een chassisnummer (VIN) bevat nooit de letters I, O of Q. Bedoelt u misschien het cijfer 1 of 0?",
            VinInvalidCharacter => "Een chassisnummer (VIN) bestaat alleen uit letters en cijfers, zonder spaties of leestekens.",
            VinUnknown => "Wij kennen geen geconnecteerde Lexus met dit chassisnummer. Controleer het nummer op uw inschrijvingsbewijs.",
            PlateInvalid => "Vul een geldige nummerplaat in, bijvoorbeeld 1-ABC-234.",
            NicknameInvalid => "Gebruik voor de bijnaam alleen letters, cijfers, spaties en eenvoudige leestekens.",
            ProofRequired => "Vul de huidige kilometerstand of de activeringscode uit uw wagen in.",
            OdometerMismatch => "Deze kilometerstand komt niet overeen met wat uw wagen ons laatst doorgaf. Lees de stand af op het dashboard en probeer opnieuw.",
            ActivationCodeInvalid => "Deze activeringscode klopt niet. Scan de QR-code in uw wagen opnieuw of gebruik de kilometerstand.",
            ProofLocked => "Te veel foute pogingen voor dit voertuig. Probeer het over 15 minuten opnieuw.",
            AlreadyInGarage => "Dit voertuig staat al in uw garage.",
            PermissionDenied => "Alleen de hoofdgebruiker van dit voertuig kan dit doen.",
            InvalidValue => "Deze waarde is ongeldig.",
            OutOfRange => "Deze waarde ligt buiten het toegelaten bereik.",
            TimeInFuture => "Dit tijdstip ligt in de toekomst.",
            UnknownCode => "Deze code is onbekend.",
            IngestKeyInvalid => "De sleutel van dit voertuig ontbreekt of klopt niet.",
            MessageIdConflict => "Er bestaat al een ander bericht met deze id.",
            DateInPast => "Kies een datum vanaf morgen.",
            InvitationSelf => "U kunt uzelf niet uitnodigen.",
            AlreadyMember => "Deze persoon heeft al toegang tot dit voertuig of is al uitgenodigd.",
            InvitationWrongAccount => "Deze uitnodiging is voor een ander e-mailadres. Meld u aan met het account waarop u werd uitgenodigd.",
            ChargerUnknown => "Wij kennen geen HomeCharge-laadpaal met dit serienummer. Controleer het nummer op het typeplaatje.",
            ChargerPinInvalid => "Deze pincode klopt niet. U vindt de pincode in de handleiding van uw laadpaal.",
            SerialInvalid => "Een serienummer bestaat uit 8 tot 20 letters en cijfers, bijvoorbeeld HC22-0012345.",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A problem with one field of a request. `field` is the JSON field name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: ErrorCode,
    /// Human-readable text in the request's language (filled in by the
    /// server; the SPA shows its own text for `code`).
    #[serde(default)]
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, code: ErrorCode) -> FieldError {
        FieldError {
            field: field.to_owned(),
            code,
            message: code.message(Language::Nl).to_owned(),
        }
    }
}

/// The JSON body of every non-2xx API answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

impl ApiError {
    pub fn new(code: ErrorCode, lang: Language) -> ApiError {
        ApiError {
            code,
            message: code.message(lang).to_owned(),
            fields: Vec::new(),
        }
    }

    /// A `validation_failed` error carrying the given field errors, their
    /// messages in `lang`.
    pub fn validation(fields: Vec<FieldError>, lang: Language) -> ApiError {
        ApiError {
            code: ErrorCode::ValidationFailed,
            message: ErrorCode::ValidationFailed.message(lang).to_owned(),
            fields: fields
                .into_iter()
                .map(|f| FieldError {
                    message: f.code.message(lang).to_owned(),
                    ..f
                })
                .collect(),
        }
    }

    /// The first error reported for `field`, if any.
    pub fn field(&self, field: &str) -> Option<ErrorCode> {
        self.fields
            .iter()
            .find(|f| f.field == field)
            .map(|f| f.code)
    }
}
