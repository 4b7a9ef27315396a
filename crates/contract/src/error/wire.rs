//! How a code travels: its stable wire name and the HTTP status.

use super::ErrorCode;

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
            // ---- services, invoices (F1, F3) ----
            IdempotencyKeyInvalid => "idempotency_key_invalid",
            ServiceNotOffered => "service_not_offered",
            TrialAlreadyUsed => "trial_already_used",
            ServiceAlreadyActive => "service_already_active",
            MainCardRequired => "main_card_required",
            PaymentFailed => "payment_failed",
            WithdrawalNotAllowed => "withdrawal_not_allowed",
            SubscriptionNotRunning => "subscription_not_running",
            // ---- wallet, payments (F2) ----
            CardNumberInvalid => "card_number_invalid",
            CardBrandUnsupported => "card_brand_unsupported",
            CardExpiryInvalid => "card_expiry_invalid",
            CardExpired => "card_expired",
            CvcInvalid => "cvc_invalid",
            CardTokenInvalid => "card_token_invalid",
            CardDeclined => "card_declined",
            MainCardInUse => "main_card_in_use",
            MainCardMustBeReplaced => "main_card_must_be_replaced",
            BillingCountryMismatch => "billing_country_mismatch",
            PaymentKeyInvalid => "payment_key_invalid",
            PaymentProviderUnavailable => "payment_provider_unavailable",
            // ---- remote (F4) ----
            RemoteServiceRequired => "remote_service_required",
            RemoteChargingUnavailable => "remote_charging_unavailable",
            TooManySchedules => "too_many_schedules",
        }
    }

    /// HTTP status the API answers with when this is the request-level code.
    pub fn http_status(self) -> u16 {
        use ErrorCode::*;
        match self {
            MalformedRequest => 400,
            Unauthenticated | InvalidCredentials | IngestKeyInvalid | PaymentKeyInvalid => 401,
            EmailNotConfirmed
            | CsrfFailed
            | PermissionDenied
            | InvitationWrongAccount
            | LegalAcceptanceRequired => 403,
            // ---- services, invoices (F1, F3) ----
            PaymentFailed | CardDeclined => 402,
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
            | CommandAlreadyFinal
            // ---- services, invoices (F1, F3) ----
            | TrialAlreadyUsed
            | ServiceAlreadyActive
            | MainCardRequired
            | WithdrawalNotAllowed
            | SubscriptionNotRunning
            // ---- wallet, payments (F2) ----
            | MainCardInUse
            | MainCardMustBeReplaced
            // ---- remote (F4) ----
            | RemoteServiceRequired
            | RemoteChargingUnavailable => 409,
            TokenExpired | TokenUsed => 410,
            PayloadTooLarge => 413,
            UnsupportedMediaType => 415,
            RateLimited | ProofLocked => 429,
            Internal => 500,
            ServerBusy
            | RoutingUnavailable
            | GeocodingUnavailable
            | TilesUnavailable
            | PaymentProviderUnavailable => 503,
            _ => 422,
        }
    }
}
