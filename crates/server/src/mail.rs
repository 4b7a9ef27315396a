//! Outgoing mail: through SMTP when `--smtp-url` is given, otherwise into the
//! `outbox` table (read by GET /api/dev/outbox in dev mode).
//!
//! Mails are plain text, in the recipient's language; the texts live in
//! [`templates`], one module per language. Sending never fails a request:
//! SMTP delivery runs in the background (so answers take as long whether or
//! not a mail is sent) and errors are logged.

pub mod templates;

use std::sync::Arc;

use anyhow::Context;
use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use mijn_lexus_contract::{Language, Salutation};
use sqlx::SqlitePool;

use crate::clock::Clock;
use templates::{Content, Texts};

/// One plain-text mail.
#[derive(Clone, Debug)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// The link the mail carries, logged in dev mode without SMTP only.
    pub link: Option<String>,
}

pub struct Mailer {
    smtp: Option<AsyncSmtpTransport<Tokio1Executor>>,
    from: Mailbox,
    db: SqlitePool,
    clock: Arc<dyn Clock>,
    dev: bool,
}

impl Mailer {
    pub fn new(
        smtp_url: Option<&str>,
        from: &str,
        db: SqlitePool,
        clock: Arc<dyn Clock>,
        dev: bool,
    ) -> anyhow::Result<Mailer> {
        let from: Mailbox = from
            .parse()
            .with_context(|| format!("invalid --mail-from {from}"))?;
        let smtp = match smtp_url {
            Some(url) => Some(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .context("invalid --smtp-url")?
                    .build(),
            ),
            None => None,
        };
        Ok(Mailer {
            smtp,
            from,
            db,
            clock,
            dev,
        })
    }

    pub async fn send(&self, mail: Mail) {
        // The recipient as a keyed hash; the link (a secret) only while
        // mail stays in the dev outbox, never when it really goes out.
        let to = crate::telemetry::pseudonym(&mail.to);
        if self.dev && self.smtp.is_none() {
            tracing::info!(%to, subject = %mail.subject, link = mail.link.as_deref(), "mail");
        } else {
            tracing::info!(%to, subject = %mail.subject, "mail");
        }
        match &self.smtp {
            Some(smtp) => {
                let message = match self.message(&mail) {
                    Ok(m) => m,
                    Err(e) => {
                        tracing::error!(error = format!("{e:#}"), "cannot build mail");
                        return;
                    }
                };
                let smtp = smtp.clone();
                tokio::spawn(async move {
                    if let Err(e) = smtp.send(message).await {
                        tracing::error!(error = %e, "SMTP delivery failed");
                    }
                });
            }
            None => {
                let result = sqlx::query(
                    "INSERT INTO outbox (to_address, subject, body_text, created_at) VALUES (?, ?, ?, ?)",
                )
                .bind(&mail.to)
                .bind(&mail.subject)
                .bind(&mail.body)
                .bind(self.clock.unix())
                .execute(&self.db)
                .await;
                if let Err(e) = result {
                    tracing::error!(error = %e, "cannot write mail to the outbox");
                }
            }
        }
    }

    fn message(&self, mail: &Mail) -> anyhow::Result<Message> {
        Ok(Message::builder()
            .from(self.from.clone())
            .to(mail.to.parse().context("recipient")?)
            .subject(&mail.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body.clone())?)
    }
}

/// A mail kept in the `outbox` table.
#[derive(Debug, sqlx::FromRow)]
pub struct OutboxRow {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    pub created_at: i64,
}

/// The outbox, oldest first; only the mails to `to` when given.
pub async fn outbox(db: &SqlitePool, to: Option<&str>) -> sqlx::Result<Vec<OutboxRow>> {
    const COLUMNS: &str = "id, to_address, subject, body_text, created_at";
    match to {
        Some(to) => {
            sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM outbox WHERE to_address = ? ORDER BY id"
            ))
            .bind(to.to_lowercase())
            .fetch_all(db)
            .await
        }
        None => {
            sqlx::query_as(&format!("SELECT {COLUMNS} FROM outbox ORDER BY id"))
                .fetch_all(db)
                .await
        }
    }
}

/// The person a mail is for. Mails to someone with an account use the
/// account's language; mails to an address without one use the language of
/// whoever caused the mail.
pub struct Recipient<'a> {
    pub email: &'a str,
    pub salutation: Salutation,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub language: Language,
}

impl Recipient<'_> {
    fn texts(&self) -> &'static dyn Texts {
        templates::for_language(self.language)
    }

    fn greeting(&self) -> String {
        self.texts()
            .greeting(self.salutation, self.first_name, self.last_name)
    }
}

fn mail(to: &str, content: Content, link: Option<&str>) -> Mail {
    Mail {
        to: to.to_owned(),
        subject: content.subject,
        body: content.body,
        link: link.map(str::to_owned),
    }
}

pub fn confirm_email(to: &Recipient<'_>, link: &str) -> Mail {
    let content = to.texts().confirm_email(&to.greeting(), link);
    mail(to.email, content, Some(link))
}

pub fn already_registered(to: &Recipient<'_>, public_url: &str) -> Mail {
    let content = to.texts().already_registered(&to.greeting(), public_url);
    mail(to.email, content, None)
}

pub fn password_reset(to: &Recipient<'_>, link: &str) -> Mail {
    let content = to.texts().password_reset(&to.greeting(), link);
    mail(to.email, content, Some(link))
}

/// To the previous main user when a new owner proved access to the vehicle.
pub fn vehicle_taken_over(to: &Recipient<'_>, model: &str, plate: &str, public_url: &str) -> Mail {
    let content = to
        .texts()
        .vehicle_taken_over(&to.greeting(), model, plate, public_url);
    mail(to.email, content, None)
}

/// To the main user when wrong proofs for their vehicle locked its
/// odometer proof (once per lock, not per attempt).
pub fn vehicle_proof_attempts(
    to: &Recipient<'_>,
    model: &str,
    plate: &str,
    public_url: &str,
) -> Mail {
    let content = to
        .texts()
        .vehicle_proof_attempts(&to.greeting(), model, plate, public_url);
    mail(to.email, content, None)
}

/// To the previous owner of a charger someone else paired.
pub fn charger_taken_over(to: &Recipient<'_>, model: &str, serial: &str, public_url: &str) -> Mail {
    let content = to
        .texts()
        .charger_taken_over(&to.greeting(), model, serial, public_url);
    mail(to.email, content, None)
}

/// Invitation to become a secondary user of a vehicle. `language`: the
/// invited person's when the address has an account, the inviter's otherwise.
pub fn vehicle_invitation(
    to: &str,
    language: Language,
    inviter: &str,
    model: &str,
    link: &str,
) -> Mail {
    let texts = templates::for_language(language);
    let content = texts.vehicle_invitation(texts.greeting_unnamed(), to, inviter, model, link);
    mail(to, content, Some(link))
}

/// Confirmation of a service appointment request.
pub fn service_request(
    to: &Recipient<'_>,
    model: &str,
    plate: &str,
    date: &str,
    note: &str,
) -> Mail {
    let note = Some(note.trim()).filter(|n| !n.is_empty());
    let content = to
        .texts()
        .service_request(&to.greeting(), model, plate, date, note);
    mail(to.email, content, None)
}

/// To the new address: the link that completes an e-mail change (B1). The
/// address has no account yet, so `to` is the user who asked for the change.
pub fn confirm_email_change(to: &Recipient<'_>, new_email: &str, link: &str) -> Mail {
    let content = to
        .texts()
        .confirm_email_change(&to.greeting(), new_email, link);
    mail(new_email, content, Some(link))
}

/// To a new address that already has an account (`to` is that account):
/// no link, nothing changes.
pub fn email_change_address_taken(to: &Recipient<'_>) -> Mail {
    let content = to.texts().email_change_address_taken(&to.greeting());
    mail(to.email, content, None)
}

/// To the old address once the change is confirmed.
pub fn email_changed(to: &Recipient<'_>, old_email: &str, new_email: &str) -> Mail {
    let content = to
        .texts()
        .email_changed(&to.greeting(), old_email, new_email);
    mail(old_email, content, None)
}

/// After a password change in the profile.
pub fn password_changed(to: &Recipient<'_>) -> Mail {
    let content = to.texts().password_changed(&to.greeting());
    mail(to.email, content, None)
}

/// After a password was set with a reset link.
pub fn password_reset_completed(to: &Recipient<'_>) -> Mail {
    let content = to.texts().password_reset_completed(&to.greeting());
    mail(to.email, content, None)
}

/// After the account was erased at the user's request (B5).
pub fn account_deleted(to: &Recipient<'_>) -> Mail {
    let content = to.texts().account_deleted(&to.greeting());
    mail(to.email, content, None)
}

/// A5: the account will be closed unless the user signs in.
pub fn inactivity_warning(to: &Recipient<'_>, close_on: &str, public_url: &str) -> Mail {
    let content = to
        .texts()
        .inactivity_warning(&to.greeting(), close_on, public_url);
    mail(to.email, content, None)
}

/// A5: the account was closed after the warning.
pub fn account_closed_inactive(to: &Recipient<'_>) -> Mail {
    let content = to.texts().account_closed_inactive(&to.greeting());
    mail(to.email, content, None)
}

// ---- services, invoices (F1, F3) ----

/// F1: a renewal payment failed (`next_attempt_on`: None after the last).
pub fn payment_failed(
    to: &Recipient<'_>,
    service: mijn_lexus_contract::services::ServiceKind,
    model: &str,
    amount: &str,
    next_attempt_on: Option<&str>,
    public_url: &str,
) -> Mail {
    let t = to.texts();
    let content = t.payment_failed(
        &to.greeting(),
        t.service_name(service),
        model,
        amount,
        next_attempt_on,
        public_url,
    );
    mail(to.email, content, None)
}

/// F1: the subscription was cancelled after three failed attempts.
pub fn subscription_ended_unpaid(
    to: &Recipient<'_>,
    service: mijn_lexus_contract::services::ServiceKind,
    model: &str,
    public_url: &str,
) -> Mail {
    let t = to.texts();
    let content =
        t.subscription_ended_unpaid(&to.greeting(), t.service_name(service), model, public_url);
    mail(to.email, content, None)
}

/// F1: the main card expires before the next renewal.
pub fn card_expiring(
    to: &Recipient<'_>,
    last4: &str,
    expiry: &str,
    renews_on: &str,
    public_url: &str,
) -> Mail {
    let content = to
        .texts()
        .card_expiring(&to.greeting(), last4, expiry, renews_on, public_url);
    mail(to.email, content, None)
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    /// Collects what the subscriber writes.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// What sending one reset mail logs, with or without SMTP, in dev mode.
    fn log_of_sending(smtp_url: Option<&str>) -> String {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        tracing::subscriber::with_default(subscriber, || {
            rt.block_on(async {
                let db = sqlx::sqlite::SqlitePoolOptions::new()
                    .connect_lazy("sqlite::memory:")
                    .unwrap();
                let mailer = Mailer::new(
                    smtp_url,
                    "Mijn Lexus <no-reply@mijnlexus.test>",
                    db,
                    Arc::new(crate::clock::SystemClock),
                    true,
                )
                .unwrap();
                let to = Recipient {
                    email: "els@example.be",
                    salutation: Salutation::Ms,
                    first_name: "Els",
                    last_name: "Janssens",
                    language: Language::Nl,
                };
                mailer
                    .send(password_reset(
                        &to,
                        "https://x.test/reset-password?token=SECRET",
                    ))
                    .await;
            })
        });
        let bytes = captured.0.lock().unwrap().clone();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn links_are_logged_only_while_mail_stays_in_the_dev_outbox() {
        let with_smtp = log_of_sending(Some("smtp://127.0.0.1:9"));
        assert!(with_smtp.contains("mail"), "{with_smtp}");
        assert!(!with_smtp.contains("SECRET"), "{with_smtp}");
        assert!(!with_smtp.contains("els@example.be"), "{with_smtp}");
        let outbox_only = log_of_sending(None);
        assert!(outbox_only.contains("token=SECRET"), "{outbox_only}");
        assert!(!outbox_only.contains("els@example.be"), "{outbox_only}");
    }
}
