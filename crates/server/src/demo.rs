//! The demo account (`--demo`): created when missing, confirmed, with the
//! current terms and privacy policy accepted like a real registration.

use mijn_lexus_contract::legal::LegalKind;
use mijn_lexus_contract::validation::{Email, PersonName};
use mijn_lexus_contract::{Country, Language, Salutation};

use crate::routes::accounts::record_acceptances;
use crate::security::password;
use crate::state::AppState;
use mijn_lexus_contract::account::NewAccount;

pub const DEMO_EMAIL: &str = "demo@mijnlexus.test";
pub const DEMO_PASSWORD: &str = "lexus-demo-2026!";
const DEMO_USER_AGENT: &str = "demo-seed";

pub async fn ensure_demo_account(state: &AppState) -> anyhow::Result<()> {
    let exists: Option<(i64,)> = sqlx::query_as("SELECT id FROM users WHERE email = ?")
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
        let mut tx = state.db.begin().await?;
        let (user_id,): (i64,) = sqlx::query_as(
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
            state,
            &mut tx,
            user_id,
            &account,
            Some(DEMO_USER_AGENT),
            now,
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        sqlx::query(
            "INSERT INTO consents (user_id, kind, granted, recorded_at, user_agent, source)
             VALUES (?, 'marketing_email', 0, ?, ?, 'demo-seed')",
        )
        .bind(user_id)
        .bind(now)
        .bind(DEMO_USER_AGENT)
        .execute(&mut *tx)
        .await?;
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
