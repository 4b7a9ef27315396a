//! English (British spelling and usage).

use mijn_lexus_contract::services::ServiceKind;
use mijn_lexus_contract::Salutation;

use super::{Content, Texts};

pub struct En;

const SIGNATURE: &str = "Kind regards,\nThe Mijn Lexus team\n\n\
This is an automated message; replies to this e-mail are not read.";

impl Texts for En {
    fn greeting(&self, salutation: Salutation, first_name: &str, last_name: &str) -> String {
        match salutation {
            Salutation::Mr => format!("Dear Mr {last_name},"),
            Salutation::Ms => format!("Dear Ms {last_name},"),
            Salutation::Mx => format!("Dear {first_name} {last_name},"),
        }
    }

    fn greeting_unnamed(&self) -> &'static str {
        "Hello,"
    }

    fn confirm_email(&self, greeting: &str, link: &str) -> Content {
        Content {
            subject: "Confirm your e-mail address for Mijn Lexus".into(),
            body: format!(
                "{greeting}\n\nWelcome to Mijn Lexus. Please confirm your e-mail address using this \
                 link:\n\n{link}\n\n\
                 The link is valid for 48 hours and can be used once. After that, you can sign in.\n\n\
                 Did you not create an account? Then you can ignore this e-mail; nothing is activated \
                 without confirmation.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn already_registered(&self, greeting: &str, public_url: &str) -> Content {
        Content {
            subject: "You already have a Mijn Lexus account".into(),
            body: format!(
                "{greeting}\n\nSomeone has just tried to create an account with this e-mail address. \
                 You already have a Mijn Lexus account, so no new account has been created.\n\n\
                 Was this you? Then sign in at {public_url}/sign-in. Have you forgotten your \
                 password? Set a new one at {public_url}/forgot-password.\n\n\
                 Was this not you? Then you do not need to do anything.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn password_reset(&self, greeting: &str, link: &str) -> Content {
        Content {
            subject: "Set a new password for Mijn Lexus".into(),
            body: format!(
                "{greeting}\n\nYou asked to reset your Mijn Lexus password. Choose a new password using \
                 this link:\n\n{link}\n\n\
                 The link is valid for 1 hour and can be used once. When you set a new password, you \
                 will be signed out everywhere.\n\n\
                 Did you not ask for this? Then you can ignore this e-mail; your password stays the \
                 same.\n\n{SIGNATURE}\n"
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
            subject: "Your Lexus is no longer in your garage".into(),
            body: format!(
                "{greeting}\n\nSomeone has just shown that they have your {model} ({plate}) and is now \
                 the main user of this vehicle. You and the secondary users you had invited therefore \
                 no longer have access to this vehicle's data and services in Mijn Lexus.\n\n\
                 Have you sold your car or handed it over? Then you do not need to do anything.\n\n\
                 Is the car still yours? Then add it again at {public_url}/garage with the activation \
                 code from your car, and contact Lexus Customer Services.\n\n\
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
            subject: "Failed attempts to add your Lexus".into(),
            body: format!(
                "{greeting}\n\nSomeone tried several times to add your {model} ({plate}) to a garage in \
                 Mijn Lexus, with a wrong odometer reading or activation code. Adding it with the \
                 odometer reading is therefore blocked for 24 hours for this vehicle.\n\n\
                 Nothing has changed: you are still the main user. If you have not sold your car, you \
                 need not do anything. If you have sold it, remove it from your garage at \
                 {public_url}/garage.\n\n\
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
            subject: "Your charger is no longer in your garage".into(),
            body: format!(
                "{greeting}\n\nSomeone added your {model} (serial number {serial}) to their garage with \
                 the charger's PIN. You therefore no longer see the charger in Mijn Lexus.\n\n\
                 Have you sold or handed over the charger? Then you need not do anything. If not: add it \
                 again at {public_url}/garage, change the PIN on the charger and contact Lexus \
                 customer service.\n\n\
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
            subject: format!("{inviter} has invited you to share a Lexus in Mijn Lexus"),
            body: format!(
                "{greeting}\n\n{inviter} has invited you to become a secondary user of a {model} in \
                 Mijn Lexus. You will then see the vehicle's status and can request a service \
                 appointment. Its location and trips remain reserved for the main user.\n\n\
                 Accept the invitation using this link:\n\n{link}\n\n\
                 For this, you need a Mijn Lexus account with this e-mail address ({to}); create one \
                 first if necessary. The link is valid for 7 days and can be used once.\n\n\
                 Do you not know this person? Then you can ignore this e-mail.\n\n{SIGNATURE}\n"
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
            .map(|n| format!("Your note: {n}\n\n"))
            .unwrap_or_default();
        Content {
            subject: "Your service appointment request".into(),
            body: format!(
                "{greeting}\n\nWe have received your request for a service appointment for your \
                 {model} ({plate}). Preferred date: {date}.\n\n{note}\
                 Your Lexus dealer will contact you to confirm the appointment.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn confirm_email_change(&self, greeting: &str, new_email: &str, link: &str) -> Content {
        Content {
            subject: "Confirm your new e-mail address for Mijn Lexus".into(),
            body: format!(
                "{greeting}\n\nYou asked to change your Mijn Lexus e-mail address to {new_email}. \
                 Please confirm this new address using this link:\n\n{link}\n\n\
                 The link is valid for 48 hours and can be used once. Until then, you continue to \
                 sign in with your current address.\n\n\
                 Did you not ask for this? Then you can ignore this e-mail.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn email_change_address_taken(&self, greeting: &str) -> Content {
        Content {
            subject: "This e-mail address already has a Mijn Lexus account".into(),
            body: format!(
                "{greeting}\n\nSomeone asked to use this e-mail address for another Mijn Lexus \
                 account. An account with this address already exists, so nothing has been \
                 changed.\n\n\
                 Was this you? Then use a different address, or delete the other account \
                 first.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn email_changed(&self, greeting: &str, old_email: &str, new_email: &str) -> Content {
        Content {
            subject: "Your Mijn Lexus e-mail address has been changed".into(),
            body: format!(
                "{greeting}\n\nThe e-mail address of your Mijn Lexus account has just been changed \
                 from {old_email} to {new_email}. From now on, you sign in with the new address.\n\n\
                 Was this not you? Then contact Lexus Customer Services immediately.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn password_changed(&self, greeting: &str) -> Content {
        Content {
            subject: "Your Mijn Lexus password has been changed".into(),
            body: format!(
                "{greeting}\n\nThe password of your Mijn Lexus account has just been changed. You have \
                 been signed out on your other devices.\n\n\
                 Was this not you? Then set a new password immediately using \"Reset password\" on \
                 the sign-in page.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn password_reset_completed(&self, greeting: &str) -> Content {
        Content {
            subject: "A new password has been set for Mijn Lexus".into(),
            body: format!(
                "{greeting}\n\nA new password has just been set for your Mijn Lexus account using the reset \
                 link from our e-mail. You have been signed out everywhere.\n\n\
                 Was this not you? Then someone else may be able to read your e-mail. First secure your \
                 e-mail account, then set a new password immediately using \"Reset password\" on the \
                 sign-in page, and contact Lexus Customer Services.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn account_deleted(&self, greeting: &str) -> Content {
        Content {
            subject: "Your Mijn Lexus account has been deleted".into(),
            body: format!(
                "{greeting}\n\nAs requested, we have deleted your Mijn Lexus account and the personal \
                 data linked to it. You can always create a new account with this e-mail \
                 address.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn inactivity_warning(&self, greeting: &str, close_on: &str, public_url: &str) -> Content {
        Content {
            subject: "Your Mijn Lexus account will be closed soon".into(),
            body: format!(
                "{greeting}\n\nYou have not signed in to Mijn Lexus for a long time. As our privacy \
                 policy describes, we close unused accounts and delete the data linked to them.\n\n\
                 Would you like to keep your account? Then sign in before {close_on} at \
                 {public_url}/sign-in. If you do nothing, your account will be closed on or shortly \
                 after that date.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn account_closed_inactive(&self, greeting: &str) -> Content {
        Content {
            subject: "Your Mijn Lexus account has been closed".into(),
            body: format!(
                "{greeting}\n\nBecause you had not signed in for a long time, we have closed your \
                 Mijn Lexus account and deleted the data linked to it. You can always create a new \
                 account with this e-mail address.\n\n{SIGNATURE}\n"
            ),
        }
    }

    // ---- services, invoices (F1, F3) ----
    fn service_name(&self, service: ServiceKind) -> &'static str {
        match service {
            ServiceKind::Standard => "Standard Services",
            ServiceKind::Remote => "Remote Services",
            ServiceKind::Smart => "Smart Services",
            ServiceKind::InsuranceScore => "Insurance score",
            ServiceKind::HomeCharge => "HomeCharge",
            ServiceKind::Internet => "Internet access",
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
            Some(next) => format!("We will try again on {next}. Please check your card or make another card your main card in your wallet: {public_url}/wallet."),
            None => "This was the last attempt.".to_owned(),
        };
        Content {
            subject: format!("The payment for {service} did not go through"),
            body: format!("{greeting}\n\nWe could not charge the renewal of {service} for your {model} ({amount}) to your main card. {next}\n\n{SIGNATURE}\n"),
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
            subject: format!("Your {service} subscription has been stopped"),
            body: format!("{greeting}\n\nThe renewal of {service} for your {model} could not be paid after three attempts, so we have stopped the subscription. You can activate the service again at any time at {public_url}.\n\n{SIGNATURE}\n"),
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
            subject: "Your payment card expires soon".into(),
            body: format!("{greeting}\n\nYour main card ending in {last4} expires in {expiry}, before your subscription renews on {renews_on}. Please add a valid card and make it your main card: {public_url}/wallet.\n\n{SIGNATURE}\n"),
        }
    }

    fn registration_accepted(&self, email: &str) -> String {
        format!(
            "Thank you! We have sent an e-mail to {email}. Click the link in that e-mail to confirm \
             your e-mail address. No e-mail? Please also check your junk mail folder, or have the \
             e-mail sent again."
        )
    }

    fn resend_accepted(&self, email: &str) -> String {
        format!(
            "If an account for {email} is awaiting confirmation, we will send a new confirmation link \
             within a few minutes. Please also check your junk mail folder."
        )
    }

    fn reset_accepted(&self, email: &str) -> String {
        format!(
            "If there is an account for {email}, you will receive an e-mail within a few minutes with \
             a link to set a new password. The link is valid for 1 hour. Please also check your junk \
             mail folder."
        )
    }

    fn email_change_accepted(&self, new_email: &str) -> String {
        format!(
            "We have sent an e-mail to {new_email}. Click the link in that e-mail to confirm your new \
             address. Until then, your current address remains valid."
        )
    }
}
