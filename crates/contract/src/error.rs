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
    ];

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
            ActivationCodeRequired => "activation_code_required",
            PostcodeInvalid => "postcode_invalid",
            PhoneNumberInvalid => "phone_number_invalid",
            BirthDateInvalid => "birth_date_invalid",
            BirthDateTooYoung => "birth_date_too_young",
            BirthDateTooOld => "birth_date_too_old",
            PasswordWrong => "password_wrong",
            EmailUnchanged => "email_unchanged",
            EmailTaken => "email_taken",
            DealerUnknown => "dealer_unknown",
            LegalAcceptanceRequired => "legal_acceptance_required",
            LegalVersionExists => "legal_version_exists",
            ServerBusy => "server_busy",
            NoParkedPosition => "no_parked_position",
            PrivacyModeOn => "privacy_mode_on",
            NoDestination => "no_destination",
            TooFarToWalk => "too_far_to_walk",
            NoRoute => "no_route",
            RoutingUnavailable => "routing_unavailable",
            GeocodingUnavailable => "geocoding_unavailable",
            CoordinateInvalid => "coordinate_invalid",
            ArrivalInPast => "arrival_in_past",
            TooManyStops => "too_many_stops",
            SharedDestinationUnknown => "shared_destination_unknown",
            ShareToCarUnavailable => "share_to_car_unavailable",
            CommandAlreadyFinal => "command_already_final",
            TilesUnavailable => "tiles_unavailable",
            DateRangeInvalid => "date_range_invalid",
            TooManyTrips => "too_many_trips",
        }
    }

    /// HTTP status the API answers with when this is the request-level code.
    pub fn http_status(self) -> u16 {
        use ErrorCode::*;
        match self {
            MalformedRequest => 400,
            Unauthenticated | InvalidCredentials | IngestKeyInvalid => 401,
            EmailNotConfirmed
            | CsrfFailed
            | PermissionDenied
            | InvitationWrongAccount
            | LegalAcceptanceRequired => 403,
            NotFound => 404,
            MethodNotAllowed => 405,
            Timeout => 408,
            AlreadyInGarage
            | MessageIdConflict
            | AlreadyMember
            | EmailTaken
            | LegalVersionExists
            | NoParkedPosition
            | PrivacyModeOn
            | NoDestination
            | ShareToCarUnavailable
            | CommandAlreadyFinal => 409,
            TokenExpired | TokenUsed => 410,
            PayloadTooLarge => 413,
            UnsupportedMediaType => 415,
            RateLimited | ProofLocked => 429,
            Internal => 500,
            ServerBusy | RoutingUnavailable | GeocodingUnavailable | TilesUnavailable => 503,
            _ => 422,
        }
    }

    /// The message shown to a person, in their language.
    ///
    /// Dutch is the reference text; French and English say the same.
    pub fn message(self, lang: Language) -> &'static str {
        match lang {
            Language::Nl => self.message_nl(),
            Language::Fr => self.message_fr(),
            Language::En => self.message_en(),
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
            ProofLocked => "Te veel foute pogingen voor dit voertuig. Probeer het later opnieuw.",
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
            ActivationCodeRequired => "Dit voertuig kunt u alleen toevoegen met de activeringscode die in de wagen wordt getoond. Kies \"Activeringscode\" en vul de code in.",
            PostcodeInvalid => "Deze postcode bestaat niet in het gekozen land. Voorbeelden: 2000 (België), 1234 AB (Nederland), L-1234 (Luxemburg), 75001 (Frankrijk), 10115 (Duitsland).",
            PhoneNumberInvalid => "Vul een geldig telefoonnummer in, bijvoorbeeld 02 123 45 67 of +32 470 12 34 56.",
            BirthDateInvalid => "Vul een geldige geboortedatum in die niet in de toekomst ligt.",
            BirthDateTooYoung => "U moet minstens 18 jaar zijn om Mijn Lexus te gebruiken.",
            BirthDateTooOld => "Controleer het geboortejaar: deze datum ligt meer dan 120 jaar terug.",
            PasswordWrong => "Uw huidige wachtwoord klopt niet.",
            EmailUnchanged => "Dit is al uw e-mailadres. Vul een ander adres in.",
            EmailTaken => "Dit e-mailadres hoort intussen bij een ander account. Kies een ander adres.",
            DealerUnknown => "Deze dealer staat niet in onze lijst. Kies een dealer uit de lijst.",
            LegalAcceptanceRequired => "Er is een nieuwe versie van de gebruiksvoorwaarden of het privacybeleid. Lees en accepteer die eerst om verder te gaan.",
            LegalVersionExists => "Deze versie van het document is al gepubliceerd. Publiceer een nieuwe versie.",
            ServerBusy => "Het is nu erg druk. Probeer het over enkele seconden opnieuw.",
            NoParkedPosition => "Uw wagen heeft nog geen parkeerplaats doorgegeven. Zodra de wagen na een rit wordt uitgeschakeld, ziet u hier waar hij staat.",
            PrivacyModeOn => "De privacymodus staat aan in uw wagen, dus gebruiken en tonen wij de locatie niet. Schakel de privacymodus uit in de instellingen van de wagen om de locatie weer te zien.",
            NoDestination => "De laatste rit had geen bestemming in de navigatie van de wagen, dus er is geen route naar de deur.",
            TooFarToWalk => "U bent te ver van uw wagen om te voet te gaan. Open de locatie in een andere app om er te komen.",
            NoRoute => "Er is geen wandelroute gevonden tussen deze twee plaatsen. De positie van de wagen ziet u wel op de kaart.",
            RoutingUnavailable => "Wandelroutes kunnen nu niet worden berekend. De positie van de wagen ziet u wel op de kaart. Probeer het later opnieuw.",
            GeocodingUnavailable => "Adressen zoeken lukt nu niet. Probeer het later opnieuw of kies een plaats op de kaart.",
            CoordinateInvalid => "Deze coördinaat ligt buiten het bereik: breedtegraad tussen -90 en 90, lengtegraad tussen -180 en 180.",
            ArrivalInPast => "Kies een aankomsttijd in de toekomst.",
            TooManyStops => "U kunt hoogstens 9 tussenstops toevoegen.",
            SharedDestinationUnknown => "Deze eerder verstuurde bestemming vinden we niet terug. Stel de bestemming opnieuw samen.",
            ShareToCarUnavailable => "Dit voertuig kan geen bestemmingen ontvangen: de navigatie ondersteunt Share to car niet.",
            CommandAlreadyFinal => "Deze opdracht werd al met een andere uitkomst bevestigd.",
            TilesUnavailable => "De kaart kan nu niet worden geladen. Probeer het later opnieuw.",
            DateRangeInvalid => "De einddatum ligt voor de begindatum, of de periode is langer dan twee jaar. Kies een kortere periode.",
            TooManyTrips => "U kunt tot 1000 ritten tegelijk aanduiden. Kies minder ritten of een periode.",
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

impl ErrorCode {
    fn message_fr(self) -> &'static str {
        use ErrorCode::*;
        match self {
            Required => "Veuillez remplir ce champ.",
            TooLong => "Cette saisie est trop longue.",
            EmailInvalid => "Saisissez une adresse e-mail valide, par exemple nom@exemple.be.",
            NameInvalid => "Utilisez uniquement des lettres, des espaces, des traits d'union ou des apostrophes.",
            PhoneInvalid => "Saisissez un numéro de mobile valide, par exemple +32 470 12 34 56.",
            PasswordTooShort => "Choisissez un mot de passe d'au moins 12 caractères.",
            PasswordTooLong => "Un mot de passe peut compter au maximum 128 caractères.",
            PasswordCommon => "Ce mot de passe est trop courant et facile à deviner. Choisissez-en un autre.",
            PasswordContainsEmail => "Votre mot de passe ne peut pas contenir votre adresse e-mail.",
            PasswordMismatch => "Les deux mots de passe ne sont pas identiques.",
            TermsNotAccepted => "Vous devez accepter les conditions d'utilisation pour vous inscrire.",
            PrivacyNotAccepted => "Vous devez accepter la politique de confidentialité pour vous inscrire.",
            LegalVersionOutdated => "Une nouvelle version de ce document a été publiée entre-temps. Lisez et acceptez la nouvelle version.",
            ValidationFailed => "Certaines données ne sont pas correctes. Vérifiez les champs signalés.",
            MalformedRequest => "La demande n'a pas pu être lue. Actualisez la page et réessayez.",
            UnsupportedMediaType => "La demande a un format inattendu.",
            PayloadTooLarge => "La demande est trop volumineuse.",
            InvalidCredentials => "L'adresse e-mail ou le mot de passe est incorrect.",
            EmailNotConfirmed => "Confirmez d'abord votre adresse e-mail via le lien de notre e-mail. Vous pouvez demander un nouvel envoi de l'e-mail.",
            RateLimited => "Trop de tentatives. Patientez un instant, puis réessayez.",
            TokenInvalid => "Ce lien n'est pas valide. Demandez un nouveau lien.",
            TokenExpired => "Ce lien a expiré. Demandez un nouveau lien.",
            TokenUsed => "Ce lien a déjà été utilisé. Demandez un nouveau lien si nécessaire.",
            Unauthenticated => "Connectez-vous pour continuer.",
            CsrfFailed => "Votre session n'a pas pu être vérifiée. Actualisez la page et réessayez.",
            NotFound => "Cet élément n'existe pas (ou plus).",
            MethodNotAllowed => "Cette action n'est pas possible ici.",
            Timeout => "Le serveur a mis trop de temps à répondre. Réessayez.",
            Internal => "Un problème est survenu de notre côté. Réessayez plus tard.",
            VinWrongLength => "Un numéro de châssis (VIN) compte exactement 17 caractères. Vérifiez le nombre de caractères.",
            VinForbiddenLetter => "Un numéro de châssis (VIN) ne contient jamais les lettres I, O ou Q. Vouliez-vous peut-être saisir le chiffre 1 ou 0 ?",
            VinInvalidCharacter => "Un numéro de châssis (VIN) ne contient que des lettres et des chiffres, sans espaces ni ponctuation.",
            VinUnknown => "Nous ne connaissons aucune Lexus connectée avec ce numéro de châssis. Vérifiez le numéro sur votre certificat d'immatriculation.",
            PlateInvalid => "Saisissez une plaque d'immatriculation valide, par exemple 1-ABC-234.",
            NicknameInvalid => "Pour le surnom, utilisez uniquement des lettres, des chiffres, des espaces et une ponctuation simple.",
            ProofRequired => "Saisissez le kilométrage actuel ou le code d'activation de votre voiture.",
            OdometerMismatch => "Ce kilométrage ne correspond pas à la dernière valeur transmise par votre voiture. Relevez le compteur sur le tableau de bord et réessayez.",
            ActivationCodeInvalid => "Ce code d'activation est incorrect. Scannez à nouveau le code QR dans votre voiture ou utilisez le kilométrage.",
            ProofLocked => "Trop de tentatives erronées pour ce véhicule. Réessayez plus tard.",
            AlreadyInGarage => "Ce véhicule se trouve déjà dans votre garage.",
            PermissionDenied => "Seul l'utilisateur principal de ce véhicule peut effectuer cette action.",
            InvalidValue => "Cette valeur n'est pas valide.",
            OutOfRange => "Cette valeur sort de la plage autorisée.",
            TimeInFuture => "Ce moment se situe dans le futur.",
            UnknownCode => "Ce code est inconnu.",
            IngestKeyInvalid => "La clé de ce véhicule est manquante ou incorrecte.",
            MessageIdConflict => "Un autre message avec cet identifiant existe déjà.",
            DateInPast => "Choisissez une date à partir de demain.",
            InvitationSelf => "Vous ne pouvez pas vous inviter vous-même.",
            AlreadyMember => "Cette personne a déjà accès à ce véhicule ou a déjà été invitée.",
            InvitationWrongAccount => "Cette invitation est destinée à une autre adresse e-mail. Connectez-vous avec le compte qui a été invité.",
            ChargerUnknown => "Nous ne connaissons aucune borne HomeCharge avec ce numéro de série. Vérifiez le numéro sur la plaque signalétique.",
            ChargerPinInvalid => "Ce code PIN est incorrect. Vous trouverez le code PIN dans le manuel de votre borne de recharge.",
            SerialInvalid => "Un numéro de série compte 8 à 20 lettres et chiffres, par exemple HC22-0012345.",
            ActivationCodeRequired => "Vous ne pouvez ajouter ce véhicule qu'avec le code d'activation affiché dans la voiture. Choisissez « Code d'activation » et saisissez le code.",
            PostcodeInvalid => "Ce code postal n'existe pas dans le pays choisi. Exemples : 2000 (Belgique), 1234 AB (Pays-Bas), L-1234 (Luxembourg), 75001 (France), 10115 (Allemagne).",
            PhoneNumberInvalid => "Saisissez un numéro de téléphone valide, par exemple 02 123 45 67 ou +32 470 12 34 56.",
            BirthDateInvalid => "Saisissez une date de naissance valide qui ne se situe pas dans le futur.",
            BirthDateTooYoung => "Vous devez avoir au moins 18 ans pour utiliser Mijn Lexus.",
            BirthDateTooOld => "Vérifiez l'année de naissance : cette date remonte à plus de 120 ans.",
            PasswordWrong => "Votre mot de passe actuel est incorrect.",
            EmailUnchanged => "C'est déjà votre adresse e-mail. Saisissez une autre adresse.",
            EmailTaken => "Cette adresse e-mail appartient entre-temps à un autre compte. Choisissez une autre adresse.",
            DealerUnknown => "Ce concessionnaire ne figure pas dans notre liste. Choisissez un concessionnaire dans la liste.",
            LegalAcceptanceRequired => "Une nouvelle version des conditions d'utilisation ou de la politique de confidentialité est disponible. Lisez-la et acceptez-la d'abord pour continuer.",
            LegalVersionExists => "Cette version du document a déjà été publiée. Publiez une nouvelle version.",
            ServerBusy => "Le service est très sollicité en ce moment. Réessayez dans quelques secondes.",
            NoParkedPosition => "Votre voiture n'a pas encore transmis d'emplacement de stationnement. Dès que la voiture est coupée après un trajet, vous verrez ici où elle se trouve.",
            PrivacyModeOn => "Le mode de confidentialité est activé dans votre voiture : nous n'utilisons ni n'affichons sa position. Désactivez le mode de confidentialité dans les réglages de la voiture pour revoir la position.",
            NoDestination => "Le dernier trajet n'avait pas de destination dans la navigation de la voiture : il n'y a donc pas d'itinéraire jusqu'à la porte.",
            TooFarToWalk => "Vous êtes trop loin de votre voiture pour y aller à pied. Ouvrez la position dans une autre application pour vous y rendre.",
            NoRoute => "Aucun itinéraire à pied n'a été trouvé entre ces deux endroits. La position de la voiture reste visible sur la carte.",
            RoutingUnavailable => "Les itinéraires à pied ne peuvent pas être calculés pour le moment. La position de la voiture reste visible sur la carte. Réessayez plus tard.",
            GeocodingUnavailable => "La recherche d'adresses n'est pas possible pour le moment. Réessayez plus tard ou choisissez un endroit sur la carte.",
            CoordinateInvalid => "Cette coordonnée est hors limites : latitude entre -90 et 90, longitude entre -180 et 180.",
            ArrivalInPast => "Choisissez une heure d'arrivée dans le futur.",
            TooManyStops => "Vous pouvez ajouter au maximum 9 arrêts intermédiaires.",
            SharedDestinationUnknown => "Nous ne retrouvons pas cette destination envoyée précédemment. Composez à nouveau la destination.",
            ShareToCarUnavailable => "Ce véhicule ne peut pas recevoir de destinations : sa navigation ne prend pas en charge Share to car.",
            CommandAlreadyFinal => "Cette commande a déjà été confirmée avec un autre résultat.",
            TilesUnavailable => "La carte ne peut pas être chargée pour le moment. Réessayez plus tard.",
            DateRangeInvalid => "La date de fin précède la date de début, ou la période dépasse deux ans. Choisissez une période plus courte.",
            TooManyTrips => "Vous pouvez marquer jusqu'à 1000 trajets à la fois. Choisissez moins de trajets ou une période.",
        }
    }

    fn message_en(self) -> &'static str {
        use ErrorCode::*;
        match self {
            Required => "Please fill in this field.",
            TooLong => "This entry is too long.",
            EmailInvalid => "Enter a valid e-mail address, for example name@example.com.",
            NameInvalid => "Use only letters, spaces, hyphens or apostrophes.",
            PhoneInvalid => "Enter a valid mobile number, for example +32 470 12 34 56.",
            PasswordTooShort => "Choose a password of at least 12 characters.",
            PasswordTooLong => "A password can be at most 128 characters long.",
            PasswordCommon => "This password is used too often and is easy to guess. Choose another one.",
            PasswordContainsEmail => "Your password must not contain your e-mail address.",
            PasswordMismatch => "The two passwords do not match.",
            TermsNotAccepted => "You must accept the terms of use to register.",
            PrivacyNotAccepted => "You must accept the privacy policy to register.",
            LegalVersionOutdated => "A new version of this document has been published in the meantime. Please read and accept the new version.",
            ValidationFailed => "Some details are not correct. Please check the highlighted fields.",
            MalformedRequest => "The request could not be read. Refresh the page and try again.",
            UnsupportedMediaType => "The request has an unexpected format.",
            PayloadTooLarge => "The request is too large.",
            InvalidCredentials => "The e-mail address or password is incorrect.",
            EmailNotConfirmed => "Please confirm your e-mail address first using the link in our e-mail. You can have the e-mail sent again.",
            RateLimited => "Too many attempts. Please wait a moment and try again.",
            TokenInvalid => "This link is not valid. Please request a new link.",
            TokenExpired => "This link has expired. Please request a new link.",
            TokenUsed => "This link has already been used. Request a new link if needed.",
            Unauthenticated => "Please sign in to continue.",
            CsrfFailed => "Your session could not be verified. Refresh the page and try again.",
            NotFound => "This does not exist (any more).",
            MethodNotAllowed => "This action is not possible here.",
            Timeout => "The server took too long to respond. Please try again.",
            Internal => "Something went wrong on our side. Please try again later.",
            VinWrongLength => "A vehicle identification number (VIN) has exactly 17 characters. Please check the number of characters.",
            VinForbiddenLetter => "A vehicle identification number (VIN) never contains the letters I, O or Q. Did you perhaps mean the digit 1 or 0?",
            VinInvalidCharacter => "A vehicle identification number (VIN) consists of letters and digits only, without spaces or punctuation.",
            VinUnknown => "We do not know a connected Lexus with this VIN. Please check the number on your registration certificate.",
            PlateInvalid => "Enter a valid licence plate, for example 1-ABC-234.",
            NicknameInvalid => "Use only letters, digits, spaces and simple punctuation for the nickname.",
            ProofRequired => "Enter the current odometer reading or the activation code from your car.",
            OdometerMismatch => "This odometer reading does not match what your car last reported. Read the value on the dashboard and try again.",
            ActivationCodeInvalid => "This activation code is incorrect. Scan the QR code in your car again or use the odometer reading.",
            ProofLocked => "Too many wrong attempts for this vehicle. Please try again later.",
            AlreadyInGarage => "This vehicle is already in your garage.",
            PermissionDenied => "Only the main user of this vehicle can do this.",
            InvalidValue => "This value is not valid.",
            OutOfRange => "This value is outside the allowed range.",
            TimeInFuture => "This time lies in the future.",
            UnknownCode => "This code is unknown.",
            IngestKeyInvalid => "The key of this vehicle is missing or incorrect.",
            MessageIdConflict => "Another message with this id already exists.",
            DateInPast => "Choose a date from tomorrow onwards.",
            InvitationSelf => "You cannot invite yourself.",
            AlreadyMember => "This person already has access to this vehicle or has already been invited.",
            InvitationWrongAccount => "This invitation is for another e-mail address. Sign in with the account that was invited.",
            ChargerUnknown => "We do not know a HomeCharge charger with this serial number. Please check the number on the rating plate.",
            ChargerPinInvalid => "This PIN is incorrect. You will find the PIN in the manual of your charger.",
            SerialInvalid => "A serial number consists of 8 to 20 letters and digits, for example HC22-0012345.",
            ActivationCodeRequired => "This vehicle can only be added with the activation code shown in the car. Choose \"Activation code\" and enter the code.",
            PostcodeInvalid => "This postcode does not exist in the chosen country. Examples: 2000 (Belgium), 1234 AB (Netherlands), L-1234 (Luxembourg), 75001 (France), 10115 (Germany).",
            PhoneNumberInvalid => "Enter a valid phone number, for example 02 123 45 67 or +32 470 12 34 56.",
            BirthDateInvalid => "Enter a valid date of birth that is not in the future.",
            BirthDateTooYoung => "You must be at least 18 years old to use Mijn Lexus.",
            BirthDateTooOld => "Please check the year of birth: this date is more than 120 years ago.",
            PasswordWrong => "Your current password is incorrect.",
            EmailUnchanged => "This already is your e-mail address. Enter a different address.",
            EmailTaken => "This e-mail address now belongs to another account. Choose a different address.",
            DealerUnknown => "This dealer is not in our list. Choose a dealer from the list.",
            LegalAcceptanceRequired => "There is a new version of the terms of use or the privacy policy. Please read and accept it first to continue.",
            LegalVersionExists => "This version of the document has already been published. Publish a new version instead.",
            ServerBusy => "It is very busy right now. Please try again in a few seconds.",
            NoParkedPosition => "Your car has not reported where it is parked yet. As soon as the car is switched off after a trip, you will see here where it is.",
            PrivacyModeOn => "Privacy mode is on in your car, so we do not use or show its location. Turn privacy mode off in the car's settings to see the location again.",
            NoDestination => "The last trip had no destination in the car's navigation, so there is no route to the door.",
            TooFarToWalk => "You are too far from your car to walk there. Open the location in another app to get there.",
            NoRoute => "No walking route was found between these two places. The car's position is still shown on the map.",
            RoutingUnavailable => "Walking routes cannot be computed right now. The car's position is still shown on the map. Please try again later.",
            GeocodingUnavailable => "Address search is not available right now. Please try again later or choose a place on the map.",
            CoordinateInvalid => "This coordinate is out of range: latitude between -90 and 90, longitude between -180 and 180.",
            ArrivalInPast => "Choose an arrival time in the future.",
            TooManyStops => "You can add at most 9 stops.",
            SharedDestinationUnknown => "We cannot find this earlier destination. Please compose the destination again.",
            ShareToCarUnavailable => "This vehicle cannot receive destinations: its navigation does not support Share to car.",
            CommandAlreadyFinal => "This command was already acknowledged with a different outcome.",
            TilesUnavailable => "The map cannot be loaded right now. Please try again later.",
            DateRangeInvalid => "The end date is before the start date, or the period is longer than two years. Please choose a shorter period.",
            TooManyTrips => "You can tag up to 1000 trips at once. Please choose fewer trips or a period.",
        }
    }
}

#[cfg(test)]
mod language_tests {
    use super::*;

    #[test]
    fn every_code_has_three_distinct_texts() {
        // One representative per group is enough to catch a missing match
        // arm (the compiler does that); here: no language falls back.
        for code in [
            ErrorCode::Required,
            ErrorCode::PostcodeInvalid,
            ErrorCode::LegalAcceptanceRequired,
            ErrorCode::SerialInvalid,
        ] {
            let nl = code.message(Language::Nl);
            let fr = code.message(Language::Fr);
            let en = code.message(Language::En);
            assert!(nl != fr && nl != en && fr != en, "{code}");
        }
        assert_eq!(ErrorCode::EmailTaken.http_status(), 409);
        assert_eq!(ErrorCode::LegalAcceptanceRequired.http_status(), 403);
        assert_eq!(ErrorCode::PostcodeInvalid.as_str(), "postcode_invalid");
    }

    /// `ALL` lists every variant of the enum (counted in this very source),
    /// once each, so the SPA's text packs can be checked against it.
    #[test]
    fn all_lists_every_code_once() {
        let source = include_str!("error.rs");
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
