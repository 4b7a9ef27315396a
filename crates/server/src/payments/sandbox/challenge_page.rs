//! The challenge page of the sandbox (strong customer authentication, as a
//! card issuer's 3-D Secure page): server-rendered HTML in Dutch, French or
//! English (`?lang=`), without scripts or inline styles (the site's CSP).

use mijn_lexus_contract::Language;

use super::store::ChargeRow;
use super::PATH;

pub const CSS_PATH: &str = "/sandbox-pay/challenge.css";
pub const CSS: &str = include_str!("challenge.css");

struct Texts {
    title: &'static str,
    bank: &'static str,
    languages: &'static str,
    intro: &'static str,
    merchant: &'static str,
    amount: &'static str,
    card: &'static str,
    description: &'static str,
    approve: &'static str,
    fail: &'static str,
    note: &'static str,
    handled: &'static str,
    back: &'static str,
    unknown_title: &'static str,
    unknown: &'static str,
}

fn texts(lang: Language) -> &'static Texts {
    match lang {
        Language::Nl => &Texts {
            title: "Bevestig uw betaling",
            bank: "Sandbox Pay: testomgeving van de betaaldienst",
            languages: "Taal",
            intro: "Uw bank vraagt u deze betaling te bevestigen.",
            merchant: "Handelaar",
            amount: "Bedrag",
            card: "Kaart",
            description: "Omschrijving",
            approve: "Betaling bevestigen",
            fail: "Bevestiging weigeren",
            note: "Dit is een testpagina: er wordt geen echt geld aangerekend.",
            handled: "Deze betaling werd al afgehandeld.",
            back: "Terug naar Mijn Lexus",
            unknown_title: "Betaling niet gevonden",
            unknown: "Wij kennen deze betaling niet. Begin opnieuw vanuit Mijn Lexus.",
        },
        Language::Fr => &Texts {
            title: "Confirmez votre paiement",
            bank: "Sandbox Pay : environnement de test du service de paiement",
            languages: "Langue",
            intro: "Votre banque vous demande de confirmer ce paiement.",
            merchant: "Commerçant",
            amount: "Montant",
            card: "Carte",
            description: "Description",
            approve: "Confirmer le paiement",
            fail: "Refuser la confirmation",
            note: "Ceci est une page de test : aucun argent réel n'est débité.",
            handled: "Ce paiement a déjà été traité.",
            back: "Retour à Mijn Lexus",
            unknown_title: "Paiement introuvable",
            unknown: "Nous ne connaissons pas ce paiement. Recommencez depuis Mijn Lexus.",
        },
        Language::En => &Texts {
            title: "Confirm your payment",
            bank: "Sandbox Pay: test environment of the payment service",
            languages: "Language",
            intro: "Your bank asks you to confirm this payment.",
            merchant: "Merchant",
            amount: "Amount",
            card: "Card",
            description: "Description",
            approve: "Confirm payment",
            fail: "Refuse confirmation",
            note: "This is a test page: no real money is charged.",
            handled: "This payment has already been handled.",
            back: "Back to Mijn Lexus",
            unknown_title: "Payment not found",
            unknown: "We do not know this payment. Please start again from Mijn Lexus.",
        },
    }
}

/// Escapes text for HTML content and double-quoted attributes.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `12,34 €` the way each language writes an amount.
fn amount(cents: i64, currency: &str, lang: Language) -> String {
    let (units, rest) = (cents / 100, cents % 100);
    match (lang, currency) {
        (Language::En, "EUR") => format!("€{units}.{rest:02}"),
        (Language::Nl, "EUR") => format!("€ {units},{rest:02}"),
        (Language::Fr, "EUR") => format!("{units},{rest:02} €"),
        (Language::En, _) => format!("{units}.{rest:02} {currency}"),
        _ => format!("{units},{rest:02} {currency}"),
    }
}

fn page(lang: Language, title: &str, self_path: &str, body: &str) -> String {
    let t = texts(lang);
    let switch: String = [Language::Nl, Language::Fr, Language::En]
        .into_iter()
        .map(|l| {
            let current = if l == lang {
                " aria-current=\"page\""
            } else {
                ""
            };
            format!(
                "<li><a href=\"{self_path}?lang={code}\" hreflang=\"{code}\" lang=\"{code}\"{current}>{name}</a></li>",
                code = l.code(),
                name = l.endonym(),
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <title>{title} · Sandbox Pay</title>\n<link rel=\"stylesheet\" href=\"{CSS_PATH}\">\n</head>\n\
         <body>\n<header>\n<p>{bank}</p>\n<nav aria-label=\"{languages}\"><ul>{switch}</ul></nav>\n</header>\n\
         <main>\n<h1>{title}</h1>\n{body}\n<p class=\"note\">{note}</p>\n</main>\n</body>\n</html>\n",
        lang = lang.code(),
        title = escape(title),
        bank = t.bank,
        languages = t.languages,
        note = t.note,
    )
}

/// The page of a charge: the question with two buttons while it waits for
/// the customer, else a link back to the merchant.
pub fn render(lang: Language, charge: &ChargeRow) -> String {
    let t = texts(lang);
    let self_path = format!("{PATH}/challenge/{}", escape(&charge.charge_id));
    let brand = match charge.brand.as_str() {
        "mastercard" => "Mastercard",
        _ => "Visa",
    };
    let details = format!(
        "<dl>\n<dt>{merchant}</dt><dd>Mijn Lexus</dd>\n<dt>{amount_label}</dt><dd>{amount}</dd>\n\
         <dt>{card}</dt><dd>{brand} •••• {last4}</dd>\n<dt>{description}</dt><dd>{text}</dd>\n</dl>",
        merchant = t.merchant,
        amount_label = t.amount,
        amount = amount(charge.amount_cents, &charge.currency, lang),
        card = t.card,
        last4 = escape(&charge.last4),
        description = t.description,
        text = escape(&charge.description),
    );
    let body = if charge.status == "requires_action" {
        format!(
            "<p>{intro}</p>\n{details}\n<form method=\"post\" action=\"{self_path}?lang={code}\">\n\
             <div class=\"actions\">\n\
             <button type=\"submit\" name=\"decision\" value=\"approve\">{approve}</button>\n\
             <button type=\"submit\" name=\"decision\" value=\"fail\">{fail}</button>\n\
             </div>\n</form>",
            intro = t.intro,
            code = lang.code(),
            approve = t.approve,
            fail = t.fail,
        )
    } else {
        let back = charge
            .return_url
            .as_deref()
            .map(|url| format!("<p><a href=\"{}\">{}</a></p>", escape(url), t.back))
            .unwrap_or_default();
        format!("<p role=\"status\">{}</p>\n{details}\n{back}", t.handled)
    };
    page(lang, t.title, &self_path, &body)
}

/// The page for an unknown charge id.
pub fn render_unknown(lang: Language, charge_id: &str) -> String {
    let t = texts(lang);
    let self_path = format!("{PATH}/challenge/{}", escape(charge_id));
    page(
        lang,
        t.unknown_title,
        &self_path,
        &format!("<p>{}</p>", t.unknown),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_per_language() {
        assert_eq!(amount(123456, "EUR", Language::Nl), "€ 1234,56");
        assert_eq!(amount(5, "EUR", Language::Fr), "0,05 €");
        assert_eq!(amount(1000, "EUR", Language::En), "€10.00");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("<a href=\"x\">'&"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;"
        );
    }
}
