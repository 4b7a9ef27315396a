//! The contract between the Mijn Lexus SPA and its API server.
//!
//! Every JSON request and response body, every error code and every
//! validation rule lives here, so that the browser and the server cannot
//! drift apart: the same rule gives the same code, and the same code gives the
//! same message, on both sides. The crate does no I/O and compiles for
//! `wasm32-unknown-unknown` as well as natively.

pub mod account;
pub mod charger;
pub mod charging;
pub mod coaching;
pub mod error;
pub mod legal;
pub mod locale;
pub mod map;
pub mod profile;
pub mod share;
pub mod telematics;
pub mod trips;
pub mod validation;
pub mod vehicle;
// ---- services, invoices (F1, F3) ----
pub mod money;
pub mod services;
// ---- wallet, payments (F2) ----
pub mod wallet;
// ---- remote (F4) ----
pub mod remote;

pub use error::{ApiError, ErrorCode, FieldError};
pub use locale::{Country, Language, Salutation};

/// Prefix of every API route; the SPA prepends its configured API base URL
/// to the paths in [`routes`].
pub mod routes {
    pub const HEALTH: &str = "/health";
    /// GET: current session state (also hands out the CSRF token);
    /// POST: sign in; DELETE: sign out.
    pub const SESSION: &str = "/session";
    /// GET: the signed-in user (401 when anonymous).
    pub const ME: &str = "/me";
    /// POST: register a new account.
    pub const ACCOUNTS: &str = "/accounts";
    /// POST: confirm an e-mail address with the token from the mail.
    pub const CONFIRM_EMAIL: &str = "/accounts/confirm";
    /// POST: send the confirmation mail again.
    pub const RESEND_CONFIRMATION: &str = "/accounts/confirm/resend";
    /// POST: ask for a password-reset mail.
    pub const PASSWORD_RESET: &str = "/password-reset";
    /// POST: set a new password with the token from the mail.
    pub const PASSWORD_RESET_COMPLETE: &str = "/password-reset/complete";
    /// GET `/legal/{kind}?lang=nl`: the current version of a legal document;
    /// GET `/legal/{kind}/{version}?lang=nl`: a given version.
    pub const LEGAL: &str = "/legal";
    /// GET (dev mode only): the mails the server would have sent.
    pub const DEV_OUTBOX: &str = "/dev/outbox";

    /// GET `Profile`; PUT `UpdateProfileRequest` -> `Profile`.
    pub const PROFILE: &str = "/profile";
    /// PUT `SetLanguageRequest` -> 204: the language switch, one field only,
    /// so it never overwrites a profile being edited elsewhere.
    pub const PROFILE_LANGUAGE: &str = "/profile/language";
    /// POST `ChangeEmailRequest` -> 202 `Accepted` (link to the new address).
    pub const PROFILE_EMAIL: &str = "/profile/email";
    /// POST `ConfirmEmailRequest` -> 204: use the link; no session needed.
    pub const PROFILE_EMAIL_CONFIRM: &str = "/profile/email/confirm";
    /// POST `ChangePasswordRequest` -> 204; other sessions end.
    pub const PROFILE_PASSWORD: &str = "/profile/password";
    /// GET `SessionList`; DELETE -> 204: end every other session.
    pub const PROFILE_SESSIONS: &str = "/profile/sessions";
    /// GET `PreferredDealer`; PUT `ChooseDealerRequest` -> `PreferredDealer`; DELETE -> 204.
    pub const PROFILE_DEALER: &str = "/profile/dealer";
    /// GET `EmergencyContactState`; PUT `EmergencyContact` -> `EmergencyContactState`; DELETE -> 204.
    pub const PROFILE_EMERGENCY_CONTACT: &str = "/profile/emergency-contact";
    /// GET `Consents`.
    pub const PROFILE_CONSENTS: &str = "/profile/consents";
    /// GET `AcceptedDocuments`.
    pub const PROFILE_LEGAL: &str = "/profile/legal";
    /// POST `AcceptLegalRequest` -> `SessionState`.
    pub const PROFILE_LEGAL_ACCEPT: &str = "/profile/legal/accept";
    /// GET: all my data as one JSON document (attachment).
    pub const PROFILE_EXPORT: &str = "/profile/export";
    /// POST `DeleteAccountRequest` -> 204: erase the account.
    pub const ACCOUNT_DELETE: &str = "/account/delete";
    /// GET `DealerList` (`?q=` name or town).
    pub const DEALERS: &str = "/dealers";
    /// POST `PublishLegalRequest` -> 201 `LegalDocument` (admin token).
    pub const ADMIN_LEGAL: &str = "/admin/legal";
    /// Prefix of the admin API (bearer admin token, no CSRF).
    pub const ADMIN_PREFIX: &str = "/admin/";

    /// DELETE -> 204: end one of my sessions (`id` from `SessionList`).
    pub fn profile_session(id: &str) -> String {
        format!("{PROFILE_SESSIONS}/{id}")
    }

    /// PUT `SetConsentRequest` -> `Consents`.
    pub fn profile_consent(kind: &str) -> String {
        format!("/profile/consents/{kind}")
    }

    /// GET: the signed-in user's vehicles (`VehicleList`);
    /// POST: add one (`AddVehicleRequest` -> 201 `VehicleSummary`).
    pub const VEHICLES: &str = "/vehicles";
    /// POST: accept an invitation to become a secondary user
    /// (`AcceptInvitationRequest` -> `VehicleSummary`).
    pub const ACCEPT_INVITATION: &str = "/invitations/accept";
    /// GET: the signed-in user's HomeCharge chargers (`ChargerList`);
    /// POST: add one (`AddChargerRequest` -> 201 `Charger`).
    pub const CHARGERS: &str = "/chargers";
    /// Prefix of the per-vehicle ingest API (telematics backend, ingest key).
    pub const INGEST_PREFIX: &str = "/ingest/";
    /// Prefix of the provisioning API (telematics backend token).
    pub const TELEMATICS_PREFIX: &str = "/telematics/";

    /// GET one vehicle; PATCH rename (`UpdateVehicleRequest`); DELETE remove.
    pub fn vehicle(vin: &str) -> String {
        format!("/vehicles/{vin}")
    }
    /// GET `VehicleStatus`.
    pub fn vehicle_status(vin: &str) -> String {
        format!("/vehicles/{vin}/status")
    }
    /// GET `VehicleLocation`.
    pub fn vehicle_location(vin: &str) -> String {
        format!("/vehicles/{vin}/location")
    }
    // ---- trips, logbook, coaching (E1-E4) ----
    /// GET `TripList` (`?from=&to=` Brussels dates, `&purpose=&limit=&before=`).
    pub fn vehicle_trips(vin: &str) -> String {
        format!("/vehicles/{vin}/trips")
    }
    /// GET `TripDetail`; PATCH `UpdateTripRequest` -> `TripSummary`.
    pub fn vehicle_trip(vin: &str, id: i64) -> String {
        format!("/vehicles/{vin}/trips/{id}")
    }
    /// POST `TagTripsRequest` -> `TagTripsResult`.
    pub fn vehicle_trip_tags(vin: &str) -> String {
        format!("/vehicles/{vin}/trips/tags")
    }
    /// GET `PurposeTotals` (`?from=&to=`).
    pub fn vehicle_trip_totals(vin: &str) -> String {
        format!("/vehicles/{vin}/trips/totals")
    }
    /// GET the logbook as CSV (`?from=&to=&lang=`).
    pub fn vehicle_logbook_csv(vin: &str) -> String {
        format!("/vehicles/{vin}/trips/logbook.csv")
    }
    /// GET `DataRetention`.
    pub fn vehicle_trip_retention(vin: &str) -> String {
        format!("/vehicles/{vin}/trips/retention")
    }
    /// GET / PUT `TripSettings`.
    pub fn vehicle_trip_settings(vin: &str) -> String {
        format!("/vehicles/{vin}/trip-settings")
    }
    /// GET `CoachingOverview` (`?from=&to=`).
    pub fn vehicle_coaching(vin: &str) -> String {
        format!("/vehicles/{vin}/coaching")
    }
    /// GET `ServiceRequestList`; POST `ServiceRequestCreate` -> 201 `ServiceRequest`.
    pub fn vehicle_service_requests(vin: &str) -> String {
        format!("/vehicles/{vin}/service-requests")
    }
    /// GET `VehicleUsers` (main user).
    pub fn vehicle_users(vin: &str) -> String {
        format!("/vehicles/{vin}/users")
    }
    /// DELETE: revoke a secondary user (main user).
    pub fn vehicle_user(vin: &str, user_id: i64) -> String {
        format!("/vehicles/{vin}/users/{user_id}")
    }
    /// POST `InviteRequest` -> 201 `Invitation` (main user).
    pub fn vehicle_invitations(vin: &str) -> String {
        format!("/vehicles/{vin}/invitations")
    }
    /// DELETE: withdraw a pending invitation (main user).
    pub fn vehicle_invitation(vin: &str, id: i64) -> String {
        format!("/vehicles/{vin}/invitations/{id}")
    }
    /// GET / DELETE one charger.
    pub fn charger(serial: &str) -> String {
        format!("/chargers/{serial}")
    }
    /// POST `IngestRequest` -> `IngestResponse`; `Authorization: Bearer <ingest key>`.
    pub fn ingest_messages(vin: &str) -> String {
        format!("/ingest/vehicles/{vin}/messages")
    }
    /// PUT `VehicleRegistration` -> 204; backend token.
    pub fn telematics_vehicle(vin: &str) -> String {
        format!("/telematics/vehicles/{vin}")
    }
    /// PUT `ChargerRegistration` -> 204; backend token.
    pub fn telematics_charger(serial: &str) -> String {
        format!("/telematics/chargers/{serial}")
    }
    /// POST `ChargerReport` -> 204; backend token.
    pub fn telematics_charger_status(serial: &str) -> String {
        format!("/telematics/chargers/{serial}/status")
    }

    // ---- map (D1, D2) ----
    /// GET `MapConfig` (no session needed: it names no personal data).
    pub const MAP_CONFIG: &str = "/map/config";
    /// GET `GeocodeResults` (`?q=`, signed in).
    pub const MAP_GEOCODE: &str = "/map/geocode";
    /// GET: the world background, a GeoJSON `FeatureCollection`; like the
    /// tiles OUTSIDE the `/api` prefix (plain GET, cacheable).
    pub const MAP_WORLD: &str = "/tiles/world.geojson";
    /// Vector tiles, served OUTSIDE the `/api` prefix (plain GET, cacheable):
    /// `/tiles/{z}/{x}/{y}.pbf`, gzip-compressed Mapbox vector tiles.
    pub const TILES_PREFIX: &str = "/tiles";
    /// The tile URL template announced in `MapConfig` for our own tiles.
    pub const TILE_URL_TEMPLATE: &str = "/tiles/{z}/{x}/{y}.pbf";
    /// The same for raster tiles of a hosted provider, fetched through our
    /// server (`--tiles-url`).
    pub const RASTER_TILE_URL_TEMPLATE: &str = "/tiles/{z}/{x}/{y}.png";
    /// GET `WalkToCar` (`?from_lat=&from_lon=`: the user's position).
    pub fn vehicle_walk(vin: &str) -> String {
        format!("/vehicles/{vin}/walk")
    }
    /// GET `CarToDoor`.
    pub fn vehicle_car_to_door(vin: &str) -> String {
        format!("/vehicles/{vin}/car-to-door")
    }

    // ---- share to car, charge points (D3, D4) ----
    /// GET `ChargePointList` near a place (`ChargePointQuery`: `?lat=&lon=&radius_km=
    /// &standard=&min_power_kw=&available=&limit=`).
    pub const CHARGE_POINTS: &str = "/charge-points";
    /// GET `SharedDestinationList` (`?limit=&before_id=`);
    /// POST `ShareDestinationRequest` -> 201 `SharedDestination`.
    pub fn vehicle_destinations(vin: &str) -> String {
        format!("/vehicles/{vin}/destinations")
    }
    /// GET `ChargePointList` near the car's parked position (`ChargePointQuery`
    /// without `lat`/`lon`).
    pub fn vehicle_charge_points(vin: &str) -> String {
        format!("/vehicles/{vin}/charge-points")
    }
    /// GET `PendingCommands`; `Authorization: Bearer <ingest key>`.
    pub fn ingest_commands(vin: &str) -> String {
        format!("/ingest/vehicles/{vin}/commands")
    }
    /// POST `CommandAck` -> 204; `Authorization: Bearer <ingest key>`.
    pub fn ingest_command_ack(vin: &str, id: &str) -> String {
        format!("/ingest/vehicles/{vin}/commands/{id}/ack")
    }

    // ---- services, invoices (F1, F3) ----
    /// GET `ServiceCatalogue`: every service, its plans and prices, and
    /// where it stands for this vehicle.
    pub fn vehicle_services(vin: &str) -> String {
        format!("/vehicles/{vin}/services")
    }
    /// POST `ActivateRequest` -> `Activation` (main user only).
    pub fn vehicle_service(vin: &str, service: &str) -> String {
        format!("/vehicles/{vin}/services/{service}")
    }
    /// POST `QuoteRequest` -> `Quote`; stores nothing.
    pub fn vehicle_service_quote(vin: &str, service: &str) -> String {
        format!("/vehicles/{vin}/services/{service}/quote")
    }
    /// POST -> `Activation`: after the card holder's authentication.
    pub fn subscription_confirm(id: &str) -> String {
        format!("/subscriptions/{id}/confirm")
    }
    /// POST -> `Cancellation`.
    pub fn subscription_cancel(id: &str) -> String {
        format!("/subscriptions/{id}/cancel")
    }
    /// GET `WithdrawalQuote`; POST -> `Cancellation` (ends now, refunds).
    pub fn subscription_withdrawal(id: &str) -> String {
        format!("/subscriptions/{id}/withdrawal")
    }
    /// GET `InvoiceList` (invoices and credit notes, newest first).
    pub const INVOICES: &str = "/invoices";
    /// GET `Invoice`.
    pub fn invoice(id: &str) -> String {
        format!("/invoices/{id}")
    }
    /// GET the invoice as PDF (`?lang=`; default: the account's language).
    pub fn invoice_pdf(id: &str) -> String {
        format!("/invoices/{id}/pdf")
    }
    /// GET `PaymentHistory`.
    pub const PAYMENTS: &str = "/payments";
    // ---- wallet, payments (F2) ----
    /// GET `Wallet`; POST `AddCardRequest` -> 201 `PaymentCard` (200 with the
    /// card already saved when the same card is added again).
    pub const WALLET_CARDS: &str = "/wallet/cards";
    /// GET `CardProvider`: where and with which key the browser tokenises a card.
    pub const WALLET_PROVIDER: &str = "/wallet/provider";
    /// PUT `BillingAddress` -> `Wallet`: the billing address of every card.
    pub const WALLET_BILLING_ADDRESS: &str = "/wallet/billing-address";
    /// DELETE -> 204: remove a card.
    pub fn wallet_card(id: &str) -> String {
        format!("/wallet/cards/{id}")
    }
    /// POST -> `Wallet`: make this card the main card.
    pub fn wallet_card_main(id: &str) -> String {
        format!("/wallet/cards/{id}/main")
    }
    /// The sandbox payment provider, OUTSIDE the `/api` prefix (its own
    /// host path, no session, no CSRF): POST `CardDetails` with
    /// `Authorization: Bearer <publishable key>` -> 201 `CardToken`.
    pub const SANDBOX_PAY_TOKENS: &str = "/sandbox-pay/v1/tokens";
    /// `GET {SANDBOX_PAY_CHALLENGE}/{charge id}?lang=nl`: the strong customer
    /// authentication page; its form POSTs to the same path and sends the
    /// browser back to the merchant's return URL (303).
    pub const SANDBOX_PAY_CHALLENGE: &str = "/sandbox-pay/challenge";

    // ---- remote (F4) ----
    /// POST `ClimateRequest` -> 201 `RemoteCommand` (queued).
    pub fn vehicle_remote_climate(vin: &str) -> String {
        format!("/vehicles/{vin}/remote/climate")
    }
    /// POST `{}` -> 201 `RemoteCommand` (queued); plug-ins only.
    pub fn vehicle_remote_charge_now(vin: &str) -> String {
        format!("/vehicles/{vin}/remote/charge-now")
    }
    /// GET `ClimateSchedules`; PUT `ClimateSchedules` -> `RemoteCommand`
    /// (the list is stored and sent to the car).
    pub fn vehicle_remote_climate_schedules(vin: &str) -> String {
        format!("/vehicles/{vin}/remote/climate-schedules")
    }
    /// GET `ChargingSchedules`; PUT `ChargingSchedules` -> `RemoteCommand`;
    /// plug-ins only.
    pub fn vehicle_remote_charging_schedules(vin: &str) -> String {
        format!("/vehicles/{vin}/remote/charging-schedules")
    }
    /// GET `RemoteCommandList`: the recent commands, newest first.
    pub fn vehicle_remote_commands(vin: &str) -> String {
        format!("/vehicles/{vin}/remote/commands")
    }
    /// GET `RemoteCommand`.
    pub fn vehicle_remote_command(vin: &str, id: &str) -> String {
        format!("/vehicles/{vin}/remote/commands/{id}")
    }
    /// POST `RemoteAck` -> 204; `Authorization: Bearer <ingest key>`.
    pub fn ingest_remote_command_ack(vin: &str, id: &str) -> String {
        format!("/ingest/vehicles/{vin}/remote-commands/{id}/ack")
    }

    /// Header that carries the CSRF token on every state-changing request.
    pub const CSRF_HEADER: &str = "x-csrf-token";
}
