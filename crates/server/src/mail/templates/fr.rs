//! French (Belgian usage, vous-form).

use mijn_lexus_contract::services::ServiceKind;
use mijn_lexus_contract::Salutation;

use super::{Content, Texts};

pub struct Fr;

const SIGNATURE: &str = "Cordialement,\nL'équipe Mijn Lexus\n\n\
Ceci est un message automatique ; les réponses à cet e-mail ne sont pas lues.";

impl Texts for Fr {
    fn greeting(&self, salutation: Salutation, first_name: &str, last_name: &str) -> String {
        match salutation {
            Salutation::Mr => format!("Cher Monsieur {last_name},"),
            Salutation::Ms => format!("Chère Madame {last_name},"),
            Salutation::Mx => format!("Bonjour {first_name} {last_name},"),
        }
    }

    fn greeting_unnamed(&self) -> &'static str {
        "Bonjour,"
    }

    fn confirm_email(&self, greeting: &str, link: &str) -> Content {
        Content {
            subject: "Confirmez votre adresse e-mail pour Mijn Lexus".into(),
            body: format!(
                "{greeting}\n\nBienvenue sur Mijn Lexus. Confirmez votre adresse e-mail via ce lien :\n\n\
                 {link}\n\n\
                 Ce lien est valable 48 heures et ne peut être utilisé qu'une seule fois. Vous pourrez \
                 ensuite vous connecter.\n\n\
                 Vous n'avez pas créé de compte ? Vous pouvez ignorer cet e-mail ; sans confirmation, \
                 rien n'est activé.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn already_registered(&self, greeting: &str, public_url: &str) -> Content {
        Content {
            subject: "Vous avez déjà un compte Mijn Lexus".into(),
            body: format!(
                "{greeting}\n\nQuelqu'un vient d'essayer de créer un compte avec cette adresse e-mail. \
                 Vous avez déjà un compte Mijn Lexus : aucun nouveau compte n'a donc été créé.\n\n\
                 C'était vous ? Connectez-vous via {public_url}/sign-in. Vous avez oublié votre mot \
                 de passe ? Choisissez-en un nouveau via {public_url}/forgot-password.\n\n\
                 Ce n'était pas vous ? Vous n'avez rien à faire.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn password_reset(&self, greeting: &str, link: &str) -> Content {
        Content {
            subject: "Choisissez un nouveau mot de passe pour Mijn Lexus".into(),
            body: format!(
                "{greeting}\n\nVous avez demandé à réinitialiser le mot de passe de votre compte \
                 Mijn Lexus. Choisissez un nouveau mot de passe via ce lien :\n\n{link}\n\n\
                 Ce lien est valable 1 heure et ne peut être utilisé qu'une seule fois. Dès que vous \
                 aurez choisi un nouveau mot de passe, toutes vos sessions seront fermées.\n\n\
                 Vous n'avez rien demandé ? Vous pouvez ignorer cet e-mail ; votre mot de passe reste \
                 inchangé.\n\n{SIGNATURE}\n"
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
            subject: "Votre Lexus ne figure plus dans votre garage".into(),
            body: format!(
                "{greeting}\n\nUne personne vient de prouver qu'elle dispose de votre {model} ({plate}) ; \
                 elle est désormais l'utilisateur principal de ce véhicule. Vous-même et les \
                 utilisateurs secondaires que vous aviez invités n'avez donc plus accès aux données \
                 et aux services de ce véhicule dans Mijn Lexus.\n\n\
                 Vous avez vendu ou cédé votre voiture ? Vous n'avez rien à faire.\n\n\
                 Votre voiture vous appartient toujours ? Ajoutez-la à nouveau via {public_url}/garage \
                 avec le code d'activation qui se trouve dans votre voiture, et contactez le service \
                 clientèle de Lexus.\n\n\
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
            subject: "Tentatives échouées d'ajouter votre Lexus".into(),
            body: format!(
                "{greeting}\n\nQuelqu'un a essayé à plusieurs reprises d'ajouter votre {model} ({plate}) \
                 à un garage Mijn Lexus, avec un kilométrage ou un code d'activation erroné. L'ajout \
                 par le kilométrage est donc bloqué pendant 24 heures pour ce véhicule.\n\n\
                 Rien n'a changé : vous restez l'utilisateur principal. Vous n'avez pas vendu votre \
                 voiture ? Vous n'avez rien à faire. Si vous l'avez vendue, retirez-la de votre garage \
                 sur {public_url}/garage.\n\n\
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
            subject: "Votre borne de recharge n'est plus dans votre garage".into(),
            body: format!(
                "{greeting}\n\nQuelqu'un a ajouté votre {model} (numéro de série {serial}) à son garage \
                 avec le code PIN de la borne. Vous ne voyez donc plus la borne dans Mijn Lexus.\n\n\
                 Vous avez vendu ou cédé la borne ? Vous n'avez rien à faire. Sinon : ajoutez-la à \
                 nouveau sur {public_url}/garage, changez le code PIN sur la borne et contactez le \
                 service clientèle Lexus.\n\n\
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
            subject: format!("{inviter} vous invite à partager une Lexus dans Mijn Lexus"),
            body: format!(
                "{greeting}\n\n{inviter} vous invite à devenir utilisateur secondaire d'une {model} \
                 dans Mijn Lexus. Vous pourrez alors consulter l'état du véhicule et demander un \
                 rendez-vous d'entretien. La localisation et les trajets restent réservés à \
                 l'utilisateur principal.\n\n\
                 Acceptez l'invitation via ce lien :\n\n{link}\n\n\
                 Pour cela, vous avez besoin d'un compte Mijn Lexus avec cette adresse e-mail ({to}) ; \
                 créez-en d'abord un si nécessaire. Ce lien est valable 7 jours et ne peut être \
                 utilisé qu'une seule fois.\n\n\
                 Vous ne connaissez pas cette personne ? Vous pouvez ignorer cet e-mail.\n\n{SIGNATURE}\n"
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
            .map(|n| format!("Votre remarque : {n}\n\n"))
            .unwrap_or_default();
        Content {
            subject: "Votre demande de rendez-vous d'entretien".into(),
            body: format!(
                "{greeting}\n\nNous avons bien reçu votre demande de rendez-vous d'entretien pour votre \
                 {model} ({plate}). Date souhaitée : {date}.\n\n{note}\
                 Votre concessionnaire Lexus vous contactera pour confirmer le rendez-vous.\n\n\
                 {SIGNATURE}\n"
            ),
        }
    }

    fn confirm_email_change(&self, greeting: &str, new_email: &str, link: &str) -> Content {
        Content {
            subject: "Confirmez votre nouvelle adresse e-mail pour Mijn Lexus".into(),
            body: format!(
                "{greeting}\n\nVous avez demandé à remplacer l'adresse e-mail de votre compte \
                 Mijn Lexus par {new_email}. Confirmez cette nouvelle adresse via ce lien :\n\n\
                 {link}\n\n\
                 Ce lien est valable 48 heures et ne peut être utilisé qu'une seule fois. D'ici là, \
                 vous continuez à vous connecter avec votre adresse actuelle.\n\n\
                 Vous n'avez rien demandé ? Vous pouvez ignorer cet e-mail.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn email_change_address_taken(&self, greeting: &str) -> Content {
        Content {
            subject: "Cette adresse e-mail a déjà un compte Mijn Lexus".into(),
            body: format!(
                "{greeting}\n\nQuelqu'un a demandé à utiliser cette adresse e-mail pour un autre compte \
                 Mijn Lexus. Un compte existe déjà avec cette adresse : rien n'a donc été modifié.\n\n\
                 C'était vous ? Utilisez alors une autre adresse, ou supprimez d'abord l'autre \
                 compte.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn email_changed(&self, greeting: &str, old_email: &str, new_email: &str) -> Content {
        Content {
            subject: "L'adresse e-mail de votre compte Mijn Lexus a été modifiée".into(),
            body: format!(
                "{greeting}\n\nL'adresse e-mail de votre compte Mijn Lexus vient d'être modifiée : \
                 {old_email} a été remplacée par {new_email}. Vous vous connectez désormais avec la \
                 nouvelle adresse.\n\n\
                 Ce n'était pas vous ? Contactez immédiatement le service clientèle de Lexus.\n\n\
                 {SIGNATURE}\n"
            ),
        }
    }

    fn password_changed(&self, greeting: &str) -> Content {
        Content {
            subject: "Le mot de passe de votre compte Mijn Lexus a été modifié".into(),
            body: format!(
                "{greeting}\n\nLe mot de passe de votre compte Mijn Lexus vient d'être modifié. Vos \
                 sessions sur vos autres appareils ont été fermées.\n\n\
                 Ce n'était pas vous ? Choisissez immédiatement un nouveau mot de passe via \
                 « Réinitialiser le mot de passe » sur la page de connexion.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn password_reset_completed(&self, greeting: &str) -> Content {
        Content {
            subject: "Un nouveau mot de passe a été défini pour Mijn Lexus".into(),
            body: format!(
                "{greeting}\n\nUn nouveau mot de passe vient d'être défini pour votre compte Mijn Lexus \
                 à l'aide du lien de réinitialisation de notre e-mail. Toutes vos sessions \
                 ont été fermées.\n\n\
                 Ce n'était pas vous ? Quelqu'un d'autre peut alors lire vos e-mails. Sécurisez d'abord \
                 votre compte de messagerie, choisissez ensuite immédiatement un nouveau mot de passe via \
                 « Réinitialiser le mot de passe » sur la page de connexion et contactez le Service \
                 Clientèle Lexus.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn account_deleted(&self, greeting: &str) -> Content {
        Content {
            subject: "Votre compte Mijn Lexus a été supprimé".into(),
            body: format!(
                "{greeting}\n\nComme vous l'avez demandé, nous avons supprimé votre compte Mijn Lexus \
                 ainsi que les données personnelles qui y étaient liées. Vous pouvez à tout moment \
                 créer un nouveau compte avec cette adresse e-mail.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn inactivity_warning(&self, greeting: &str, close_on: &str, public_url: &str) -> Content {
        Content {
            subject: "Votre compte Mijn Lexus sera bientôt clôturé".into(),
            body: format!(
                "{greeting}\n\nVotre dernière connexion à Mijn Lexus remonte à longtemps. Comme \
                 l'indique notre politique de confidentialité, nous clôturons les comptes inutilisés \
                 et supprimons les données qui y sont liées.\n\n\
                 Vous souhaitez conserver votre compte ? Connectez-vous alors avant le {close_on} via \
                 {public_url}/sign-in. Sans action de votre part, votre compte sera clôturé à cette \
                 date ou peu après.\n\n{SIGNATURE}\n"
            ),
        }
    }

    fn account_closed_inactive(&self, greeting: &str) -> Content {
        Content {
            subject: "Votre compte Mijn Lexus a été clôturé".into(),
            body: format!(
                "{greeting}\n\nVotre compte Mijn Lexus n'ayant plus été utilisé depuis longtemps, nous \
                 l'avons clôturé et avons supprimé les données qui y étaient liées. Vous pouvez à tout \
                 moment créer un nouveau compte avec cette adresse e-mail.\n\n{SIGNATURE}\n"
            ),
        }
    }

    // ---- services, invoices (F1, F3) ----
    fn service_name(&self, service: ServiceKind) -> &'static str {
        match service {
            ServiceKind::Standard => "Services standard",
            ServiceKind::Remote => "Remote Services",
            ServiceKind::Smart => "Smart Services",
            ServiceKind::InsuranceScore => "Score d'assurance",
            ServiceKind::HomeCharge => "HomeCharge",
            ServiceKind::Internet => "Accès Internet",
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
            Some(next) => format!("Nous réessaierons le {next}. Vérifiez votre carte ou définissez une autre carte principale dans votre portefeuille : {public_url}/wallet."),
            None => "C'était la dernière tentative.".to_owned(),
        };
        Content {
            subject: format!("Le paiement pour {service} n'a pas abouti"),
            body: format!("{greeting}\n\nNous n'avons pas pu débiter le renouvellement de {service} pour votre {model} ({amount}) sur votre carte principale. {next}\n\n{SIGNATURE}\n"),
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
            subject: format!("Votre abonnement à {service} a été arrêté"),
            body: format!("{greeting}\n\nLe renouvellement de {service} pour votre {model} n'a pas pu être payé après trois tentatives. Nous avons donc arrêté l'abonnement. Vous pouvez réactiver le service à tout moment via {public_url}.\n\n{SIGNATURE}\n"),
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
            subject: "Votre carte de paiement expire bientôt".into(),
            body: format!("{greeting}\n\nVotre carte principale se terminant par {last4} expire en {expiry}, avant le prochain renouvellement de votre abonnement le {renews_on}. Ajoutez une carte valide et définissez-la comme carte principale : {public_url}/wallet.\n\n{SIGNATURE}\n"),
        }
    }

    fn registration_accepted(&self, email: &str) -> String {
        format!(
            "Merci ! Nous avons envoyé un e-mail à {email}. Cliquez sur le lien qu'il contient pour \
             confirmer votre adresse e-mail. Vous n'avez rien reçu ? Vérifiez aussi vos courriers \
             indésirables, ou demandez un nouvel envoi de l'e-mail."
        )
    }

    fn resend_accepted(&self, email: &str) -> String {
        format!(
            "Si un compte en attente de confirmation existe pour {email}, nous enverrons un nouveau \
             lien de confirmation d'ici quelques minutes. Vérifiez aussi vos courriers indésirables."
        )
    }

    fn reset_accepted(&self, email: &str) -> String {
        format!(
            "Si un compte est associé à {email}, vous recevrez d'ici quelques minutes un e-mail \
             contenant un lien pour choisir un nouveau mot de passe. Ce lien est valable 1 heure. \
             Vérifiez aussi vos courriers indésirables."
        )
    }

    fn email_change_accepted(&self, new_email: &str) -> String {
        format!(
            "Nous avons envoyé un e-mail à {new_email}. Cliquez sur le lien qu'il contient pour \
             confirmer votre nouvelle adresse. D'ici là, votre adresse actuelle reste valable."
        )
    }
}
