//! The texts of every mail the server sends, and of the 202 answers that
//! announce them, one module per language: [`nl`], [`fr`], [`en`].
//!
//! [`Texts`] lists everything a language must provide, so a new mail cannot
//! be added in one language only. Route code never holds texts: it calls the
//! builders in [`crate::mail`] (mails) or [`for_language`] (answers).

use mijn_lexus_contract::services::ServiceKind;
use mijn_lexus_contract::{Language, Salutation};

mod en;
mod fr;
mod nl;

/// Subject and plain-text body of one mail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Content {
    pub subject: String,
    pub body: String,
}

/// The texts of one language. `greeting` is the opening line the same
/// language made with [`Texts::greeting`] (or [`Texts::greeting_unnamed`]).
pub trait Texts: Sync {
    /// "Dear Ms Janssens," for a known person.
    fn greeting(&self, salutation: Salutation, first_name: &str, last_name: &str) -> String;
    /// The opening line for someone whose name we do not know.
    fn greeting_unnamed(&self) -> &'static str;

    // ---- mails ----

    /// A1: the confirmation link after registration.
    fn confirm_email(&self, greeting: &str, link: &str) -> Content;
    /// A1: someone registered again with a confirmed address.
    fn already_registered(&self, greeting: &str, public_url: &str) -> Content;
    /// A3: the password-reset link.
    fn password_reset(&self, greeting: &str, link: &str) -> Content;
    /// C1: to the previous main user after a takeover.
    fn vehicle_taken_over(
        &self,
        greeting: &str,
        model: &str,
        plate: &str,
        public_url: &str,
    ) -> Content;
    /// C1: to the main user after repeated wrong proofs for their vehicle.
    fn vehicle_proof_attempts(
        &self,
        greeting: &str,
        model: &str,
        plate: &str,
        public_url: &str,
    ) -> Content;
    /// C5: to the previous owner when someone else paired their charger.
    fn charger_taken_over(
        &self,
        greeting: &str,
        model: &str,
        serial: &str,
        public_url: &str,
    ) -> Content;
    /// C3: invitation to become a secondary user (`to` is the invited address).
    fn vehicle_invitation(
        &self,
        greeting: &str,
        to: &str,
        inviter: &str,
        model: &str,
        link: &str,
    ) -> Content;
    /// Confirmation of a service appointment request; `note` is trimmed and
    /// non-empty when present.
    fn service_request(
        &self,
        greeting: &str,
        model: &str,
        plate: &str,
        date: &str,
        note: Option<&str>,
    ) -> Content;
    /// B1: to the new address, with the link that completes the change.
    fn confirm_email_change(&self, greeting: &str, new_email: &str, link: &str) -> Content;
    /// B1: to a new address that already has an account.
    fn email_change_address_taken(&self, greeting: &str) -> Content;
    /// B1: to the old address once the change is confirmed.
    fn email_changed(&self, greeting: &str, old_email: &str, new_email: &str) -> Content;
    /// B1: after a password change in the profile.
    fn password_changed(&self, greeting: &str) -> Content;
    /// A3: after a password was set with a reset link (ASVS 2.2.3).
    fn password_reset_completed(&self, greeting: &str) -> Content;
    /// B5: after the account was erased at the user's request.
    fn account_deleted(&self, greeting: &str) -> Content;
    /// A5: the account will be closed unless the user signs in.
    fn inactivity_warning(&self, greeting: &str, close_on: &str, public_url: &str) -> Content;
    /// A5: the account was closed after the warning.
    fn account_closed_inactive(&self, greeting: &str) -> Content;

    // ---- services, invoices (F1, F3) ----
    /// The name of a service in mails.
    fn service_name(&self, service: ServiceKind) -> &'static str;
    /// F1: a renewal payment failed; `next_attempt_on` is None after the last attempt.
    fn payment_failed(
        &self,
        greeting: &str,
        service: &str,
        model: &str,
        amount: &str,
        next_attempt_on: Option<&str>,
        public_url: &str,
    ) -> Content;
    /// F1: three attempts failed, the subscription is cancelled.
    fn subscription_ended_unpaid(
        &self,
        greeting: &str,
        service: &str,
        model: &str,
        public_url: &str,
    ) -> Content;
    /// F1: the main card expires before the next renewal.
    fn card_expiring(
        &self,
        greeting: &str,
        last4: &str,
        expiry: &str,
        renews_on: &str,
        public_url: &str,
    ) -> Content;

    // ---- 202 answers (`Accepted.message`) ----

    /// POST /accounts
    fn registration_accepted(&self, email: &str) -> String;
    /// POST /accounts/confirm/resend
    fn resend_accepted(&self, email: &str) -> String;
    /// POST /password-reset
    fn reset_accepted(&self, email: &str) -> String;
    /// POST /profile/email
    fn email_change_accepted(&self, new_email: &str) -> String;
}

/// The texts in `language`.
pub fn for_language(language: Language) -> &'static dyn Texts {
    match language {
        Language::Nl => &nl::Nl,
        Language::Fr => &fr::Fr,
        Language::En => &en::En,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every mail of one language, with recognisable arguments.
    fn all_mails(t: &dyn Texts) -> Vec<Content> {
        let g = t.greeting(Salutation::Ms, "Els", "Janssens");
        let url = "https://mijn.lexus.example";
        let link = "https://mijn.lexus.example/x?token=abc";
        vec![
            t.confirm_email(&g, link),
            t.already_registered(&g, url),
            t.password_reset(&g, link),
            t.vehicle_taken_over(&g, "UX 250h", "1-ABC-234", url),
            t.vehicle_proof_attempts(&g, "UX 250h", "1-ABC-234", url),
            t.charger_taken_over(&g, "HomeCharge 22", "HC22-0012345", url),
            t.vehicle_invitation(
                t.greeting_unnamed(),
                "a@b.be",
                "Els Janssens",
                "UX 250h",
                link,
            ),
            t.service_request(&g, "UX 250h", "1-ABC-234", "01/02/2030", Some("Banden")),
            t.service_request(&g, "UX 250h", "1-ABC-234", "01/02/2030", None),
            t.confirm_email_change(&g, "new@example.be", link),
            t.email_change_address_taken(&g),
            t.email_changed(&g, "old@example.be", "new@example.be"),
            t.password_changed(&g),
            t.password_reset_completed(&g),
            t.account_deleted(&g),
            t.inactivity_warning(&g, "01-02-2030", url),
            t.account_closed_inactive(&g),
            // ---- services, invoices (F1, F3) ----
            t.payment_failed(
                &g,
                t.service_name(ServiceKind::Remote),
                "UX 250h",
                "EUR 9,99",
                Some("02-02-2030"),
                url,
            ),
            t.payment_failed(
                &g,
                t.service_name(ServiceKind::Remote),
                "UX 250h",
                "EUR 9,99",
                None,
                url,
            ),
            t.subscription_ended_unpaid(&g, t.service_name(ServiceKind::Smart), "UX 250h", url),
            t.card_expiring(&g, "4242", "01/2031", "15-01-2031", url),
        ]
    }

    #[test]
    fn every_language_has_every_mail_and_they_differ() {
        let per_language: Vec<Vec<Content>> = Language::ALL
            .into_iter()
            .map(|l| all_mails(for_language(l)))
            .collect();
        for mails in &per_language {
            for m in mails {
                assert!(!m.subject.trim().is_empty());
                assert!(m.body.ends_with('\n'), "{}", m.body);
                assert!(!m.body.contains("{"), "unfilled placeholder: {}", m.body);
            }
        }
        for i in 0..per_language[0].len() {
            let subjects: std::collections::HashSet<_> =
                per_language.iter().map(|m| &m[i].subject).collect();
            assert_eq!(subjects.len(), 3, "mail {i} is not translated");
        }
    }

    #[test]
    fn greetings_follow_the_salutation() {
        let nl = for_language(Language::Nl);
        assert_eq!(
            nl.greeting(Salutation::Mr, "Jan", "Peeters"),
            "Geachte heer Peeters,"
        );
        let fr = for_language(Language::Fr);
        assert_eq!(
            fr.greeting(Salutation::Ms, "Els", "Janssens"),
            "Chère Madame Janssens,"
        );
        let en = for_language(Language::En);
        assert_eq!(
            en.greeting(Salutation::Mx, "Sam", "Claes"),
            "Dear Sam Claes,"
        );
    }

    #[test]
    fn answers_name_the_address() {
        for l in Language::ALL {
            let t = for_language(l);
            for s in [
                t.registration_accepted("a@b.be"),
                t.resend_accepted("a@b.be"),
                t.reset_accepted("a@b.be"),
                t.email_change_accepted("a@b.be"),
            ] {
                assert!(s.contains("a@b.be"), "{s}");
            }
        }
    }
}
