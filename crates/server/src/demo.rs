//! The demo account (`--demo`): created when missing, confirmed, with the
//! current terms and privacy policy accepted like a real registration.

use mijn_lexus_contract::legal::LegalKind;
use mijn_lexus_contract::profile::ConsentKind;
use mijn_lexus_contract::validation::{Email, PersonName};
use mijn_lexus_contract::{Country, Language, Salutation};

use crate::accounts::registration::record_acceptances;
use crate::chargers;
use crate::profile::consents::{self, ConsentChange};
use crate::security::password;
use crate::state::AppState;
use mijn_lexus_contract::account::NewAccount;

pub const DEMO_EMAIL: &str = "demo@mijnlexus.test";
pub const DEMO_PASSWORD: &str = "lexus-demo-2026!";
const DEMO_USER_AGENT: &str = "demo-seed";

pub async fn ensure_demo_account(state: &AppState) -> anyhow::Result<()> {
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE email = ?")
        .bind(DEMO_EMAIL)
        .fetch_optional(&state.db)
        .await?;
    if exists.is_none() {
        let today = state.clock.now().date_naive();
        let version = |kind| {
            state
                .legal
                .current_version(kind, today)
                .ok_or_else(|| anyhow::anyhow!("no {kind:?} document"))
        };
        let account = NewAccount {
            salutation: Salutation::Ms,
            first_name: PersonName::parse("Sofie").map_err(|e| anyhow::anyhow!("{e}"))?,
            last_name: PersonName::parse("Peeters").map_err(|e| anyhow::anyhow!("{e}"))?,
            email: Email::parse(DEMO_EMAIL).map_err(|e| anyhow::anyhow!("{e}"))?,
            password: DEMO_PASSWORD.into(),
            country: Country::Be,
            language: Language::Nl,
            mobile_phone: None,
            terms_version: version(LegalKind::Terms)?,
            privacy_version: version(LegalKind::Privacy)?,
            marketing_consent: false,
        };
        let hash = password::hash(account.password.clone()).await?;
        let now = state.clock.unix();
        let mut tx = crate::db::begin_write(&state.db).await?;
        let user_id: i64 = sqlx::query_scalar(
            "INSERT INTO users (email, password_hash, salutation, first_name, last_name, country, language,
                                email_confirmed_at, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(account.email.as_str())
        .bind(&hash)
        .bind(account.salutation.code())
        .bind(account.first_name.as_str())
        .bind(account.last_name.as_str())
        .bind(account.country.code())
        .bind(account.language.code())
        .bind(now)
        .bind(now)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        record_acceptances(
            &mut tx,
            &state.legal,
            user_id,
            &account,
            Some(DEMO_USER_AGENT),
            now,
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        consents::record(
            &mut *tx,
            &ConsentChange {
                user_id,
                kind: ConsentKind::MarketingEmail,
                granted: false,
                user_agent: Some(DEMO_USER_AGENT),
                source: "demo-seed",
                at: now,
            },
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        tx.commit().await?;
        tracing::info!("demo account created");
    }
    tracing::info!(
        email = DEMO_EMAIL,
        password = DEMO_PASSWORD,
        "demo account available"
    );
    Ok(())
}

/// The demo account's garage: the simulated fleet of `--demo-seed` with
/// `--demo-days` of driving, stored in one transaction; the full hybrid and
/// the plug-in hybrid (and the HomeCharge charger) belong to the demo
/// account, the electric car is left for the "add a vehicle" journey.
/// Runs once: nothing happens when the fleet is already there.
pub async fn ensure_demo_garage(state: &AppState) -> anyhow::Result<()> {
    use crate::simulator;
    use mijn_lexus_contract::telematics::IngestRequest;
    use mijn_lexus_contract::vehicle::Vin;

    let started = std::time::Instant::now();
    let now = state.clock.now();
    let sim = simulator::simulate(state.config.demo_seed, state.config.demo_days, now);
    let first_vin = &sim.vehicles[0].spec.vin;
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM vehicles WHERE vin = ?")
        .bind(first_vin)
        .fetch_optional(&state.db)
        .await?;
    if exists.is_none() {
        let user_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = ?")
            .bind(DEMO_EMAIL)
            .fetch_one(&state.db)
            .await?;
        let unix = now.timestamp();
        let mut tx = crate::db::begin_write(&state.db).await?;
        for (i, v) in sim.vehicles.iter().enumerate() {
            let vin = Vin::parse(&v.spec.vin).map_err(|e| anyhow::anyhow!("{e}"))?;
            let vehicle_id =
                crate::telematics::provision_vehicle(&mut tx, &vin, &v.spec.registration(), unix)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
            for chunk in v
                .messages
                .chunks(mijn_lexus_contract::telematics::MAX_MESSAGES_PER_REQUEST)
            {
                let req = IngestRequest {
                    messages: chunk.to_vec(),
                };
                req.validate(v.spec.powertrain, now)
                    .map_err(|e| anyhow::anyhow!("simulated data invalid: {e:?}"))?;
                crate::telematics::store_messages(&mut tx, vehicle_id, &req.messages, unix)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
            }
            if i < 2 {
                let since = v
                    .messages
                    .first()
                    .map(|m| m.recorded_at.timestamp() - 86_400)
                    .unwrap_or(unix);
                sqlx::query(
                    "INSERT INTO vehicle_users (vehicle_id, user_id, role, licence_plate, nickname, since)
                     VALUES (?, ?, 'main', ?, ?, ?)",
                )
                .bind(vehicle_id)
                .bind(user_id)
                .bind(&v.spec.licence_plate)
                .bind(v.spec.nickname)
                .bind(since)
                .execute(&mut *tx)
                .await?;
            }
            if i == 0 {
                company_car_logbook(&mut tx, vehicle_id, v).await?;
            }
        }
        for c in &sim.chargers {
            let serial = mijn_lexus_contract::charger::ChargerSerial::parse(&c.serial)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            chargers::provision(
                &mut tx,
                &serial,
                &mijn_lexus_contract::telematics::ChargerRegistration {
                    model: c.model.into(),
                    pin: c.pin.clone(),
                },
                unix,
            )
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            chargers::record_status(&mut tx, &serial, &c.report)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            sqlx::query("UPDATE chargers SET owner_user_id = ?, nickname = 'Oprit', added_at = ? WHERE serial = ?")
                .bind(user_id)
                .bind(unix)
                .bind(serial.as_str())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        let messages: usize = sim.vehicles.iter().map(|v| v.messages.len()).sum();
        tracing::info!(
            messages,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "demo garage created"
        );
    }
    for line in simulator::describe(&sim).lines() {
        tracing::info!(demo = line, "demo fleet");
    }
    Ok(())
}

/// The full hybrid is a company car (E2): business unless marked otherwise;
/// its history has the commutes tagged business and the rest private, so
/// the logbook and its totals have something to show. (The plug-in hybrid's
/// trips are left untagged, to try tagging on.)
async fn company_car_logbook(
    tx: &mut sqlx::SqliteConnection,
    vehicle_id: i64,
    v: &crate::simulator::SimVehicle,
) -> anyhow::Result<()> {
    let commutes: Vec<i64> = v
        .messages
        .iter()
        .filter_map(|m| m.trip.as_ref())
        .filter(|t| v.spec.is_commute(t))
        .map(|t| t.started_at.timestamp())
        .collect();
    sqlx::query("UPDATE vehicle_users SET default_trip_purpose = 'business' WHERE vehicle_id = ?")
        .bind(vehicle_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE trips SET purpose = CASE WHEN started_at IN (SELECT value FROM json_each(?1))
                                         THEN 'business' ELSE 'private' END
         WHERE vehicle_id = ?2",
    )
    .bind(serde_json::to_string(&commutes)?)
    .bind(vehicle_id)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// The demo account's wallet and services (F1-F4), made the way a person
/// makes them: a Visa test card through the sandbox's tokenisation and
/// `POST /wallet/cards`, a paid yearly Smart plan on the company car (so
/// there is an invoice and a payment), and the Remote trial on the plug-in
/// (so the remote functions can be tried). Runs once: nothing happens when
/// the demo account has a card.
pub async fn ensure_demo_wallet(state: &AppState) -> anyhow::Result<()> {
    use chrono::Datelike;
    use mijn_lexus_contract::services::{ActivateRequest, Plan, ServiceKind};
    use mijn_lexus_contract::wallet::{AddCardRequest, BillingAddress, CardDetails};

    let user_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = ?")
        .bind(DEMO_EMAIL)
        .fetch_one(&state.db)
        .await?;
    let cards: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM payment_cards WHERE user_id = ?")
        .bind(user_id)
        .fetch_one(&state.db)
        .await?;
    if cards > 0 {
        return Ok(());
    }
    let error = |e: crate::error::AppError| anyhow::anyhow!("demo wallet: {e:?}");
    let sandbox = crate::payments::sandbox::SandboxProvider::from_config(
        state.db.clone(),
        state.clock.clone(),
        &state.config,
        &state.public_url,
    );
    let token = sandbox
        .tokenise(&CardDetails {
            number: "4242 4242 4242 4242".into(),
            exp_month: 12,
            exp_year: (state.clock.now().year() + 3) as u32,
            cvc: "123".into(),
            holder: "Sofie Peeters".into(),
        })
        .await
        .map_err(error)?;
    let request = AddCardRequest {
        token: token.token,
        billing_address: BillingAddress {
            street: "Kerkstraat".into(),
            house_number: "12".into(),
            box_number: String::new(),
            postcode: "2800".into(),
            city: "Mechelen".into(),
            country: Country::Be,
        },
        make_main: true,
    };
    crate::wallet::add_card(state, user_id, &request)
        .await
        .map_err(error)?;
    let vehicles = {
        let mut conn = state.db.acquire().await?;
        crate::garage::user_vehicles(&mut conn, user_id)
            .await
            .map_err(error)?
    };
    // The garage's order: the company car (full hybrid), then the plug-in.
    for (v, service, plan) in vehicles
        .iter()
        .zip([
            (ServiceKind::Smart, Plan::Yearly),
            (ServiceKind::Remote, Plan::Trial),
        ])
        .map(|(v, (s, p))| (v, s, p))
    {
        let key = format!("demo-{}-{}", service.code(), v.vehicle.id);
        let request = ActivateRequest {
            plan,
            idempotency_key: format!("{key:-<16}"),
        };
        crate::services::activate::activate(state, v, service, &request)
            .await
            .map_err(error)?;
    }
    tracing::info!("demo wallet created");
    Ok(())
}
