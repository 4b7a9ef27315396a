//! Dutch (Flemish usage, u-form).

use mijn_lexus_contract::services::ServiceKind;
use mijn_lexus_contract::Salutation;

use super::{Content, Texts};

pub struct Nl;

const SIGNATURE: &str = "Met vriendelijke groet,\nHet team van Mijn Lexus\n\n\
Dit is een automatisch bericht; antwoorden op deze e-mail worden niet gelezen.";

impl Texts for Nl {
    fn greeting(&self, salutation: Salutation, first_name: &str, last_name: &str) -> String {
        match salutation {
            Salutation::Mr => format!("Geachte heer {last_name},"),
            Salutation::Ms => format!("Geachte mevrouw {last_name},"),
            Salutation::Mx => format!("Beste {first_name} {last_name},"),
        }
    }

    fn greeting_unnamed(&self) -> &'static str {
        "Beste,"
    }

    fn confirm_email(&self, greeting: &str, link: &str) -> Content {
        Content {
            subject: "Bevestig uw e-mailadres voor Mijn Lexus".into(),
            body: format!(
                "{greeting}\n\nWelkom bij Mijn Lexus. Bevestig uw e-mailadres via deze link:\n\n{link}\n\n\
                 De link is 48 uur geldig en werkt één keer. Daarna kunt u zich aanmelden.\n\n\
                 Hebt u geen account aangemaakt? Dan mag u deze e-mail negeren; zonder bevestiging \
                 wordt er niets geactiveerd.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn already_registered(&self, greeting: &str, public_url: &str) -> Content {
        Content {
            subject: "U hebt al een account bij Mijn Lexus".into(),
            body: format!(
                "{greeting}\n\nIemand probeerde zonet een account aan te maken met dit e-mailadres. U hebt al \
                 een account bij Mijn Lexus, dus er is geen nieuw account gemaakt.\n\n\
                 Was u dat zelf? Meld u dan aan via {public_url}/sign-in. Bent u uw wachtwoord \
                 vergeten? Stel een nieuw in via {public_url}/forgot-password.\n\n\
                 Was u dat niet? Dan hoeft u niets te doen.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn password_reset(&self, greeting: &str, link: &str) -> Content {
        Content {
            subject: "Stel een nieuw wachtwoord in voor Mijn Lexus".into(),
            body: format!(
                "{greeting}\n\nU vroeg om uw wachtwoord voor Mijn Lexus opnieuw in te stellen. Kies een nieuw \
                 wachtwoord via deze link:\n\n{link}\n\n\
                 De link is 1 uur geldig en werkt één keer. Wanneer u een nieuw wachtwoord instelt, \
                 wordt u overal afgemeld.\n\n\
                 Hebt u dit niet gevraagd? Dan mag u deze e-mail negeren; uw wachtwoord blijft \
                 ongewijzigd.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn vehicle_taken_over(
        &self,
        greeting: &str,
        model: &str,
        plate: &str,
        public_url: &str,
    ) -> Content {
        Content {
            subject: "Uw Lexus staat niet meer in uw garage".into(),
            body: format!(
                "{greeting}\n\nIemand heeft zonet aangetoond dat hij of zij over uw {model} ({plate}) beschikt \
                 en is nu de hoofdgebruiker van dit voertuig. U en de secundaire gebruikers die u \
                 had uitgenodigd hebben daarom geen toegang meer tot de gegevens en diensten van dit \
                 voertuig in Mijn Lexus.\n\n\
                 Hebt u uw wagen verkocht of overgedragen? Dan hoeft u niets te doen.\n\n\
                 Is uw wagen nog van u? Voeg hem dan opnieuw toe via {public_url}/garage met de \
                 activeringscode uit uw wagen, en neem contact op met de Lexus-klantendienst.\n\n\
                 {SIGNATURE}\n"
            ),
        }
    }

    fn vehicle_proof_attempts(
        &self,
        greeting: &str,
        model: &str,
        plate: &str,
        public_url: &str,
    ) -> Content {
        Content {
            subject: "Mislukte pogingen om uw Lexus toe te voegen".into(),
            body: format!(
                "{greeting}\n\nIemand heeft herhaaldelijk geprobeerd uw {model} ({plate}) aan een \
                 garage in Mijn Lexus toe te voegen, met een verkeerde kilometerstand of \
                 activeringscode. Toevoegen met de kilometerstand is daarom 24 uur geblokkeerd voor \
                 dit voertuig.\n\n\
                 Er is niets veranderd: u blijft de hoofdgebruiker. Hebt u uw wagen niet verkocht? \
                 Dan hoeft u niets te doen. Hebt u uw wagen verkocht, verwijder hem \
                 dan uit uw garage via {public_url}/garage.\n\n\
                 {SIGNATURE}\n"
            ),
        }
    }

    fn charger_taken_over(
        &self,
        greeting: &str,
        model: &str,
        serial: &str,
        public_url: &str,
    ) -> Content {
        Content {
            subject: "Uw laadpaal staat niet meer in uw garage".into(),
            body: format!(
                "{greeting}\n\nIemand heeft uw {model} (serienummer {serial}) met de pincode van de \
                 laadpaal aan zijn of haar garage toegevoegd. U ziet de laadpaal daarom niet meer in \
                 Mijn Lexus.\n\n\
                 Hebt u de laadpaal verkocht of overgedragen? Dan hoeft u niets te doen. Anders: voeg \
                 hem opnieuw toe via {public_url}/garage, wijzig de pincode op de laadpaal en neem \
                 contact op met de Lexus-klantendienst.\n\n\
                 {SIGNATURE}\n"
            ),
        }
    }

    fn vehicle_invitation(
        &self,
        greeting: &str,
        to: &str,
        inviter: &str,
        model: &str,
        link: &str,
    ) -> Content {
        Content {
            subject: format!("{inviter} nodigt u uit voor een Lexus in Mijn Lexus"),
            body: format!(
                "{greeting}\n\n{inviter} nodigt u uit als secundaire gebruiker van een {model} in \
                 Mijn Lexus. U ziet dan de toestand van het voertuig en kunt een onderhoudsafspraak \
                 aanvragen. De locatie en de ritten blijven voorbehouden aan de hoofdgebruiker.\n\n\
                 Aanvaard de uitnodiging via deze link:\n\n{link}\n\n\
                 U hebt daarvoor een account bij Mijn Lexus nodig met dit e-mailadres ({to}); \
                 maak er zo nodig eerst een aan. De link is 7 dagen geldig en werkt één keer.\n\n\
                 Kent u deze persoon niet? Dan mag u deze e-mail negeren.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn service_request(
        &self,
        greeting: &str,
        model: &str,
        plate: &str,
        date: &str,
        note: Option<&str>,
    ) -> Content {
        let note = note
            .map(|n| format!("Uw opmerking: {n}\n\n"))
            .unwrap_or_default();
        Content {
            subject: "Uw aanvraag voor een onderhoudsafspraak".into(),
            body: format!(
                "{greeting}\n\nWij hebben uw aanvraag voor een onderhoudsafspraak voor uw {model} ({plate}) \
                 goed ontvangen. Gewenste datum: {date}.\n\n{note}\
                 Uw Lexus-dealer neemt contact met u op om de afspraak te bevestigen.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn confirm_email_change(&self, greeting: &str, new_email: &str, link: &str) -> Content {
        Content {
            subject: "Bevestig uw nieuwe e-mailadres voor Mijn Lexus".into(),
            body: format!(
                "{greeting}\n\nU vroeg om uw e-mailadres voor Mijn Lexus te wijzigen in {new_email}. \
                 Bevestig dit nieuwe adres via deze link:\n\n{link}\n\n\
                 De link is 48 uur geldig en werkt één keer. Tot dan blijft u zich aanmelden met uw \
                 huidige adres.\n\n\
                 Hebt u dit niet gevraagd? Dan mag u deze e-mail negeren.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn email_change_address_taken(&self, greeting: &str) -> Content {
        Content {
            subject: "Dit e-mailadres heeft al een account bij Mijn Lexus".into(),
            body: format!(
                "{greeting}\n\nIemand vroeg om dit e-mailadres te gebruiken voor een ander account bij \
                 Mijn Lexus. Er bestaat al een account met dit adres, dus er is niets gewijzigd.\n\n\
                 Was u dat zelf? Gebruik dan een ander adres, of verwijder eerst het andere \
                 account.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn email_changed(&self, greeting: &str, old_email: &str, new_email: &str) -> Content {
        Content {
            subject: "Uw e-mailadres voor Mijn Lexus is gewijzigd".into(),
            body: format!(
                "{greeting}\n\nHet e-mailadres van uw account bij Mijn Lexus is zonet gewijzigd van \
                 {old_email} in {new_email}. U meldt zich voortaan aan met het nieuwe adres.\n\n\
                 Was u dat niet? Neem dan meteen contact op met de Lexus-klantendienst.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn password_changed(&self, greeting: &str) -> Content {
        Content {
            subject: "Uw wachtwoord voor Mijn Lexus is gewijzigd".into(),
            body: format!(
                "{greeting}\n\nHet wachtwoord van uw account bij Mijn Lexus is zonet gewijzigd. U bent op uw \
                 andere toestellen afgemeld.\n\n\
                 Was u dat niet? Stel dan meteen een nieuw wachtwoord in via \"Wachtwoord resetten\" \
                 op de aanmeldpagina.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn password_reset_completed(&self, greeting: &str) -> Content {
        Content {
            subject: "Er is een nieuw wachtwoord ingesteld voor Mijn Lexus".into(),
            body: format!(
                "{greeting}\n\nMet de link uit onze e-mail om uw wachtwoord te resetten is zonet een \
                 nieuw wachtwoord ingesteld voor uw account bij Mijn Lexus. U bent overal afgemeld.\n\n\
                 Was u dat niet? Dan kan iemand anders uw e-mail lezen. Beveilig eerst uw e-mailaccount, \
                 stel daarna meteen een nieuw wachtwoord in via \"Wachtwoord resetten\" op de \
                 aanmeldpagina en neem contact op met de Lexus Klantendienst.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn account_deleted(&self, greeting: &str) -> Content {
        Content {
            subject: "Uw account bij Mijn Lexus is verwijderd".into(),
            body: format!(
                "{greeting}\n\nZoals gevraagd hebben wij uw account bij Mijn Lexus en de persoonsgegevens \
                 die eraan verbonden waren verwijderd. U kunt met dit e-mailadres altijd opnieuw een \
                 account aanmaken.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn inactivity_warning(&self, greeting: &str, close_on: &str, public_url: &str) -> Content {
        Content {
            subject: "Uw account bij Mijn Lexus wordt binnenkort gesloten".into(),
            body: format!(
                "{greeting}\n\nU hebt zich al lange tijd niet meer aangemeld bij Mijn Lexus. Zoals ons \
                 privacybeleid beschrijft, sluiten wij ongebruikte accounts en verwijderen wij de \
                 gegevens die eraan verbonden zijn.\n\n\
                 Wilt u uw account houden? Meld u dan vóór {close_on} aan via {public_url}/sign-in. \
                 Doet u niets, dan wordt uw account op of kort na die datum gesloten.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn account_closed_inactive(&self, greeting: &str) -> Content {
        Content {
            subject: "Uw account bij Mijn Lexus is gesloten".into(),
            body: format!(
                "{greeting}\n\nOmdat u zich lange tijd niet meer hebt aangemeld, hebben wij uw account bij \
                 Mijn Lexus gesloten en de gegevens die eraan verbonden waren verwijderd. U kunt met \
                 dit e-mailadres altijd opnieuw een account aanmaken.\n\n{SIGNATURE}\n"
            ),
        }
    }

    // ---- services, invoices (F1, F3) ----
    fn service_name(&self, service: ServiceKind) -> &'static str {
        match service {
            ServiceKind::Standard => "Standaarddiensten",
            ServiceKind::Remote => "Remote Services",
            ServiceKind::Smart => "Smart Services",
            ServiceKind::InsuranceScore => "Verzekeringsscore",
            ServiceKind::HomeCharge => "HomeCharge",
            ServiceKind::Internet => "Internettoegang",
        }
    }

    fn payment_failed(
        &self,
        greeting: &str,
        service: &str,
        model: &str,
        amount: &str,
        next_attempt_on: Option<&str>,
        public_url: &str,
    ) -> Content {
        let next = match next_attempt_on {
            Some(next) => format!("Wij proberen het opnieuw op {next}. Controleer uw kaart of stel een andere kaart in als hoofdkaart in uw portemonnee: {public_url}/wallet."),
            None => "Dit was de laatste poging.".to_owned(),
        };
        Content {
            subject: format!("De betaling voor {service} is niet gelukt"),
            body: format!("{greeting}\n\nWij konden de verlenging van {service} voor uw {model} ({amount}) niet aanrekenen op uw hoofdkaart. {next}\n\n{SIGNATURE}\n"),
        }
    }

    fn subscription_ended_unpaid(
        &self,
        greeting: &str,
        service: &str,
        model: &str,
        public_url: &str,
    ) -> Content {
        Content {
            subject: format!("Uw abonnement op {service} is stopgezet"),
            body: format!("{greeting}\n\nDe verlenging van {service} voor uw {model} kon na drie pogingen niet worden betaald. Daarom hebben wij het abonnement stopgezet. U kunt de dienst op elk moment opnieuw activeren via {public_url}.\n\n{SIGNATURE}\n"),
        }
    }

    fn card_expiring(
        &self,
        greeting: &str,
        last4: &str,
        expiry: &str,
        renews_on: &str,
        public_url: &str,
    ) -> Content {
        Content {
            subject: "Uw betaalkaart vervalt binnenkort".into(),
            body: format!("{greeting}\n\nUw hoofdkaart eindigend op {last4} vervalt in {expiry}, vóór de volgende verlenging van uw abonnement op {renews_on}. Voeg een geldige kaart toe en stel ze in als hoofdkaart: {public_url}/wallet.\n\n{SIGNATURE}\n"),
        }
    }

    fn registration_accepted(&self, email: &str) -> String {
        format!(
            "Bedankt! We hebben een e-mail gestuurd naar {email}. Klik op de link in die e-mail om uw \
             e-mailadres te bevestigen. Geen e-mail ontvangen? Kijk ook bij uw ongewenste e-mail, of \
             laat de e-mail opnieuw versturen."
        )
    }

    fn resend_accepted(&self, email: &str) -> String {
        format!(
            "Als er voor {email} een account wacht op bevestiging, sturen we binnen enkele minuten een \
             nieuwe bevestigingslink. Kijk ook bij uw ongewenste e-mail."
        )
    }

    fn reset_accepted(&self, email: &str) -> String {
        format!(
            "Als er een account bij {email} hoort, ontvangt u binnen enkele minuten een e-mail met een \
             link om een nieuw wachtwoord in te stellen. De link is 1 uur geldig. Kijk ook bij uw \
             ongewenste e-mail."
        )
    }

    fn email_change_accepted(&self, new_email: &str) -> String {
        format!(
            "We hebben een e-mail gestuurd naar {new_email}. Klik op de link in die e-mail om uw nieuwe \
             adres te bevestigen. Tot dan blijft uw huidige adres gelden."
        )
    }
}
