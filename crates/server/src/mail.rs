//! Outgoing mail: through SMTP when `--smtp-url` is given, otherwise into the
//! `outbox` table (read by GET /api/dev/outbox in dev mode).
//!
//! Mails are plain text. Sending never fails a request: SMTP delivery runs in
//! the background (so answers take as long whether or not a mail is sent) and
//! errors are logged.

use std::sync::Arc;

use anyhow::Context;
use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use mijn_lexus_contract::{Language, Salutation};
use sqlx::SqlitePool;

use crate::clock::Clock;

/// One plain-text mail.
#[derive(Clone, Debug)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// The link the mail carries, logged in dev mode only.
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
        if self.dev {
            tracing::info!(to = %mail.to, subject = %mail.subject, link = mail.link.as_deref(), "mail");
        } else {
            tracing::info!(to = %mail.to, subject = %mail.subject, "mail");
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

/// The person a mail is for.
pub struct Recipient<'a> {
    pub email: &'a str,
    pub salutation: Salutation,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub language: Language,
}

impl Recipient<'_> {
    fn greeting(&self) -> String {
        // Dutch only for now; French and English arrive with G1.
        match self.salutation {
            Salutation::Mr => format!("Geachte heer {},", self.last_name),
            Salutation::Ms => format!("Geachte mevrouw {},", self.last_name),
            Salutation::Mx => format!("Beste {} {},", self.first_name, self.last_name),
        }
    }
}

const SIGNATURE: &str = "Met vriendelijke groet,\nHet team van Mijn Lexus\n\n\
Dit is een automatisch bericht; antwoorden op deze e-mail worden niet gelezen.";

pub fn confirm_email(to: &Recipient<'_>, link: &str) -> Mail {
    Mail {
        to: to.email.to_owned(),
        subject: "Bevestig uw e-mailadres voor Mijn Lexus".into(),
        body: format!(
            "{}\n\nWelkom bij Mijn Lexus. Bevestig uw e-mailadres via deze link:\n\n{link}\n\n\
             De link is 48 uur geldig en werkt één keer. Daarna kunt u zich aanmelden.\n\n\
             Hebt u geen account aangemaakt? Dan mag u deze e-mail negeren; zonder bevestiging \
             wordt er niets geactiveerd.\n\n{SIGNATURE}\n",
            to.greeting()
        ),
        link: Some(link.to_owned()),
    }
}

pub fn already_registered(to: &Recipient<'_>, public_url: &str) -> Mail {
    Mail {
        to: to.email.to_owned(),
        subject: "U hebt al een account bij Mijn Lexus".into(),
        body: format!(
            "{}\n\nIemand probeerde zonet een account aan te maken met dit e-mailadres. U hebt al \
             een account bij Mijn Lexus, dus er is geen nieuw account gemaakt.\n\n\
             Was u dat zelf? Meld u dan aan via {public_url}/sign-in. Bent u uw wachtwoord \
             vergeten? Stel een nieuw in via {public_url}/forgot-password.\n\n\
             Was u dat niet? Dan hoeft u niets te doen.\n\n{SIGNATURE}\n",
            to.greeting()
        ),
        link: None,
    }
}

pub fn password_reset(to: &Recipient<'_>, link: &str) -> Mail {
    Mail {
        to: to.email.to_owned(),
        subject: "Stel een nieuw wachtwoord in voor Mijn Lexus".into(),
        body: format!(
            "{}\n\nU vroeg om uw wachtwoord voor Mijn Lexus opnieuw in te stellen. Kies een nieuw \
             wachtwoord via deze link:\n\n{link}\n\n\
             De link is 1 uur geldig en werkt één keer. Wanneer u een nieuw wachtwoord instelt, \
             wordt u overal afgemeld.\n\n\
             Hebt u dit niet gevraagd? Dan mag u deze e-mail negeren; uw wachtwoord blijft \
             ongewijzigd.\n\n{SIGNATURE}\n",
            to.greeting()
        ),
        link: Some(link.to_owned()),
    }
}

/// To the previous main user when a new owner proved access to the vehicle.
pub fn vehicle_taken_over(to: &Recipient<'_>, model: &str, plate: &str, public_url: &str) -> Mail {
    Mail {
        to: to.email.to_owned(),
        subject: "Uw Lexus staat niet meer in uw garage".into(),
        body: format!(
            "{}\n\nIemand heeft zonet aangetoond dat hij of zij over uw {model} ({plate}) beschikt \
             en is nu de hoofdgebruiker van dit voertuig. U en de secundaire gebruikers die u \
             had uitgenodigd hebben daarom geen toegang meer tot de gegevens en diensten van dit \
             voertuig in Mijn Lexus.\n\n\
             Hebt u uw wagen verkocht of overgedragen? Dan hoeft u niets te doen.\n\n\
             Is uw wagen nog van u? Voeg hem dan opnieuw toe via {public_url}/garage met de \
             activeringscode uit uw wagen, en neem contact op met de Lexus-klantendienst.\n\n\
             {SIGNATURE}\n",
            to.greeting()
        ),
        link: None,
    }
}

/// Invitation to become a secondary user of a vehicle.
pub fn vehicle_invitation(to: &str, inviter: &str, model: &str, link: &str) -> Mail {
    Mail {
        to: to.to_owned(),
        subject: format!("{inviter} nodigt u uit voor een Lexus in Mijn Lexus"),
        body: format!(
            "Beste,\n\n{inviter} nodigt u uit als secundaire gebruiker van een {model} in \
             Mijn Lexus. U ziet dan de toestand van het voertuig en kunt een onderhoudsafspraak \
             aanvragen. De locatie en de ritten blijven voorbehouden aan de hoofdgebruiker.\n\n\
             Aanvaard de uitnodiging via deze link:\n\n{link}\n\n\
             U hebt daarvoor een account bij Mijn Lexus nodig met dit e-mailadres ({to}); \
             maak er zo nodig eerst een aan. De link is 7 dagen geldig en werkt één keer.\n\n\
             Kent u deze persoon niet? Dan mag u deze e-mail negeren.\n\n{SIGNATURE}\n"
        ),
        link: Some(link.to_owned()),
    }
}

/// Confirmation of a service appointment request.
pub fn service_request(
    to: &Recipient<'_>,
    model: &str,
    plate: &str,
    date: &str,
    note: &str,
) -> Mail {
    let note = if note.trim().is_empty() {
        String::new()
    } else {
        format!("Uw opmerking: {}\n\n", note.trim())
    };
    Mail {
        to: to.email.to_owned(),
        subject: "Uw aanvraag voor een onderhoudsafspraak".into(),
        body: format!(
            "{}\n\nWij hebben uw aanvraag voor een onderhoudsafspraak voor uw {model} ({plate}) \
             goed ontvangen. Gewenste datum: {date}.\n\n{note}\
             Uw Lexus-dealer neemt contact met u op om de afspraak te bevestigen.\n\n{SIGNATURE}\n",
            to.greeting()
        ),
        link: None,
    }
}

/// To the new address: the link that completes an e-mail change (B1).
pub fn confirm_email_change(to: &Recipient<'_>, new_email: &str, link: &str) -> Mail {
    Mail {
        to: new_email.to_owned(),
        subject: "Bevestig uw nieuwe e-mailadres voor Mijn Lexus".into(),
        body: format!(
            "{}\n\nU vroeg om uw e-mailadres voor Mijn Lexus te wijzigen in {new_email}. \
             Bevestig dit nieuwe adres via deze link:\n\n{link}\n\n\
             De link is 48 uur geldig en werkt één keer. Tot dan blijft u zich aanmelden met uw \
             huidige adres.\n\n\
             Hebt u dit niet gevraagd? Dan mag u deze e-mail negeren.\n\n{SIGNATURE}\n",
            to.greeting()
        ),
        link: Some(link.to_owned()),
    }
}

/// To a new address that already has an account: no link, nothing changes.
pub fn email_change_address_taken(to: &Recipient<'_>, new_email: &str) -> Mail {
    Mail {
        to: new_email.to_owned(),
        subject: "Dit e-mailadres heeft al een account bij Mijn Lexus".into(),
        body: format!(
            "{}\n\nIemand vroeg om dit e-mailadres te gebruiken voor een ander account bij \
             Mijn Lexus. Er bestaat al een account met dit adres, dus er is niets gewijzigd.\n\n\
             Was u dat zelf? Gebruik dan een ander adres, of verwijder eerst het andere \
             account.\n\n{SIGNATURE}\n",
            to.greeting()
        ),
        link: None,
    }
}

/// To the old address once the change is confirmed.
pub fn email_changed(to: &Recipient<'_>, old_email: &str, new_email: &str) -> Mail {
    Mail {
        to: old_email.to_owned(),
        subject: "Uw e-mailadres voor Mijn Lexus is gewijzigd".into(),
        body: format!(
            "{}\n\nHet e-mailadres van uw account bij Mijn Lexus is zonet gewijzigd van \
             {old_email} in {new_email}. U meldt zich voortaan aan met het nieuwe adres.\n\n\
             Was u dat niet? Neem dan meteen contact op met de Lexus-klantendienst.\n\n{SIGNATURE}\n",
            to.greeting()
        ),
        link: None,
    }
}

/// After a password change in the profile.
pub fn password_changed(to: &Recipient<'_>) -> Mail {
    Mail {
        to: to.email.to_owned(),
        subject: "Uw wachtwoord voor Mijn Lexus is gewijzigd".into(),
        body: format!(
            "{}\n\nHet wachtwoord van uw account bij Mijn Lexus is zonet gewijzigd. U bent op uw \
             andere toestellen afgemeld.\n\n\
             Was u dat niet? Stel dan meteen een nieuw wachtwoord in via \"Wachtwoord resetten\" \
             op de aanmeldpagina.\n\n{SIGNATURE}\n",
            to.greeting()
        ),
        link: None,
    }
}

/// After the account was erased at the user's request (B5).
pub fn account_deleted(to: &Recipient<'_>) -> Mail {
    Mail {
        to: to.email.to_owned(),
        subject: "Uw account bij Mijn Lexus is verwijderd".into(),
        body: format!(
            "{}\n\nZoals gevraagd hebben wij uw account bij Mijn Lexus en de persoonsgegevens \
             die eraan verbonden waren verwijderd. U kunt met dit e-mailadres altijd opnieuw een \
             account aanmaken.\n\n{SIGNATURE}\n",
            to.greeting()
        ),
        link: None,
    }
}

/// A5: the account will be closed unless the user signs in.
pub fn inactivity_warning(to: &Recipient<'_>, close_on: &str, public_url: &str) -> Mail {
    Mail {
        to: to.email.to_owned(),
        subject: "Uw account bij Mijn Lexus wordt binnenkort gesloten".into(),
        body: format!(
            "{}\n\nU hebt zich al lange tijd niet meer aangemeld bij Mijn Lexus. Zoals ons \
             privacybeleid beschrijft, sluiten wij ongebruikte accounts en verwijderen wij de \
             gegevens die eraan verbonden zijn.\n\n\
             Wilt u uw account houden? Meld u dan vóór {close_on} aan via {public_url}/sign-in. \
             Doet u niets, dan wordt uw account op of kort na die datum gesloten.\n\n{SIGNATURE}\n",
            to.greeting()
        ),
        link: None,
    }
}

/// A5: the account was closed after the warning.
pub fn account_closed_inactive(to: &Recipient<'_>) -> Mail {
    Mail {
        to: to.email.to_owned(),
        subject: "Uw account bij Mijn Lexus is gesloten".into(),
        body: format!(
            "{}\n\nOmdat u zich lange tijd niet meer hebt aangemeld, hebben wij uw account bij \
             Mijn Lexus gesloten en de gegevens die eraan verbonden waren verwijderd. U kunt met \
             dit e-mailadres altijd opnieuw een account aanmaken.\n\n{SIGNATURE}\n",
            to.greeting()
        ),
        link: None,
    }
}
