//! Nederlands: the reference language of the portal.

use super::Texts;

pub static TEXTS: Texts = Texts {
    // ---- application frame ----
    app_name: "Mijn Lexus",
    skip_link: "Naar de inhoud",
    home_link_label: "Mijn Lexus",
    nav_label: "Hoofdmenu",
    nav_profile: "Mijn profiel",
    nav_garage: "Garage",
    nav_map: "Kaart",
    nav_trips: "Ritten",
    nav_wallet: "Portemonnee",
    sign_out: "Afmelden",
    sign_out_failed: "Afmelden is niet gelukt.",
    signed_in_as: "Aangemeld als",
    footer_text: "Mijn Lexus: het portaal voor Lexus-eigenaars.",
    loading: "Even geduld, de gegevens worden geladen…",
    retry: "Probeer opnieuw",
    session_unavailable: "We kunnen uw sessie nu niet ophalen.",

    // ---- cookie notice ----
    cookie_label: "Cookies",
    cookie_text: "Mijn Lexus gebruikt alleen noodzakelijke cookies: de sessiecookie die u veilig aangemeld houdt \
        en een beveiligingscookie die uw formulieren beschermt. \
        We gebruiken geen cookies voor statistieken of reclame. \
        Gebruikt u een gedeelde computer? Meld u dan af als u klaar bent.",
    cookie_ok: "Begrepen",

    // ---- forms, shared ----
    no_connection: "Geen verbinding met de server. Controleer uw internetverbinding en probeer het opnieuw.",
    summary_heading: "Er is een probleem",
    required_hint: "Alle velden zijn verplicht, tenzij er ‘optioneel’ bij staat.",
    email: "E-mailadres",
    password: "Wachtwoord",
    show_password: "Toon wachtwoord",
    choose: "Maak een keuze",
    close: "Sluiten",
    check_email_title: "Controleer uw e-mail",
    sign_in_link: "Aanmelden",
    resend_confirmation: "Verstuur de bevestigingsmail opnieuw",
    resend_title: "Nieuwe bevestigingslink aanvragen",
    resend_done: |email| {
        format!(
            "Als {email} bij ons bekend is en nog niet bevestigd is, sturen we er een nieuwe bevestigingsmail naartoe."
        )
    },

    // ---- registration (A1) ----
    register_title: "Account aanmaken",
    register_intro: "Met een Mijn Lexus-account beheert u uw gegevens, uw wagens en uw diensten op één plek.",
    register_personal: "Over u",
    register_account: "Uw aanmeldgegevens",
    register_agreements: "Voorwaarden en toestemming",
    salutation: "Aanspreking",
    salutation_mr: "De heer",
    salutation_ms: "Mevrouw",
    salutation_mx: "Neutraal",
    first_name: "Voornaam",
    last_name: "Achternaam",
    password_hint: "Minstens 12 tekens. Een korte zin die u makkelijk onthoudt, werkt goed.",
    password_confirmation: "Bevestig wachtwoord",
    country: "Land",
    country_be: "België",
    country_nl: "Nederland",
    country_lu: "Luxemburg",
    country_fr: "Frankrijk",
    country_de: "Duitsland",
    language: "Voorkeurstaal",
    mobile_phone: "Mobiel nummer (optioneel)",
    mobile_phone_hint: "Bijvoorbeeld +32 470 12 34 56.",
    accept_terms: "Ik heb de gebruiksvoorwaarden gelezen en ik ga ermee akkoord",
    read_terms: "Lees de gebruiksvoorwaarden",
    accept_privacy: "Ik heb het privacybeleid gelezen en ik ga ermee akkoord",
    read_privacy: "Lees het privacybeleid",
    marketing_consent: "Ja, stuur mij nieuws en aanbiedingen van Lexus per e-mail (optioneel)",
    marketing_hint: "U kunt dit op elk moment weer uitzetten in uw profiel.",
    register_submit: "Account aanmaken",
    register_have_account: "Hebt u al een account?",
    register_done: |email| {
        format!(
            "We hebben een e-mail gestuurd naar {email}. Klik op de link in die e-mail om uw e-mailadres te bevestigen en uw account te activeren."
        )
    },
    register_done_next: "Geen e-mail ontvangen? Kijk ook in uw map met ongewenste e-mail. De link blijft 48 uur geldig.",

    // ---- legal documents ----
    terms_title: "Gebruiksvoorwaarden",
    privacy_title: "Privacybeleid",
    legal_version: |version, date| format!("Versie {version}, van toepassing vanaf {date}"),

    // ---- e-mail confirmation ----
    confirm_title: "E-mailadres bevestigen",
    confirm_busy: "Uw e-mailadres wordt bevestigd…",
    confirm_done_title: "E-mailadres bevestigd",
    confirm_done_text: "Bedankt. Uw account is klaar: u kunt zich nu aanmelden.",
    confirm_failed_title: "Bevestiging mislukt",
    confirm_resend_intro: "Vul uw e-mailadres in, dan sturen we u een nieuwe bevestigingslink.",

    // ---- sign in (A2) ----
    sign_in_title: "Aanmelden",
    sign_in_submit: "Aanmelden",
    sign_in_forgot: "Wachtwoord resetten",
    sign_in_no_account: "Nog geen account?",
    sign_in_register: "Account aanmaken",
    sign_in_shared_computer: "Op een gedeelde computer? Vergeet niet af te melden als u klaar bent.",

    // ---- password reset (A3) ----
    forgot_title: "Wachtwoord resetten",
    forgot_intro: "Vul het e-mailadres van uw account in. We sturen u een link waarmee u een nieuw wachtwoord kiest.",
    forgot_submit: "Stuur mij een resetlink",
    forgot_done: |email| {
        format!(
            "Als er een account bestaat voor {email}, hebben we een link gestuurd om een nieuw wachtwoord in te stellen."
        )
    },
    forgot_done_next: "De link is één uur geldig en werkt maar één keer. Geen e-mail ontvangen? Kijk ook in uw map met ongewenste e-mail.",
    reset_title: "Nieuw wachtwoord instellen",
    reset_intro: "Kies een nieuw wachtwoord voor uw account. Daarna wordt u overal afgemeld.",
    new_password: "Nieuw wachtwoord",
    new_password_confirmation: "Bevestig nieuw wachtwoord",
    reset_submit: "Wijzig wachtwoord",
    reset_done_title: "Uw wachtwoord is gewijzigd",
    reset_done_text: "Meld u aan met uw nieuwe wachtwoord.",
    reset_new_link: "Vraag een nieuwe link aan",

    // ---- signed-in pages ----
    home_title: |first_name| format!("Welkom, {first_name}"),
    home_document_title: "Overzicht",
    home_intro: "Wat wilt u vandaag doen?",
    profile_title: "Mijn profiel",
    profile_tile: "Uw gegevens, uw dealer en uw toestemmingen.",
    garage_title: "Garage",
    garage_tile: "Uw wagens, hun status en onderhoud.",
    map_title: "Kaart",
    map_tile: "Vind uw wagen en stuur bestemmingen door.",
    trips_title: "Ritten",
    trips_tile: "Uw ritten, rittenlijst en hybride rijstijl.",
    wallet_title: "Portemonnee",
    wallet_tile: "Betaalkaarten, abonnementen en facturen.",
    section_under_construction: "Dit deel van Mijn Lexus wordt nog gebouwd. Binnenkort vindt u hier meer.",
    back_home: "Terug naar het overzicht",

    // ---- not found ----
    not_found_title: "Pagina niet gevonden",
    not_found_text: "Deze pagina bestaat niet (meer). Misschien is de link verouderd of bevat het adres een tikfout.",
    not_found_link: "Naar de startpagina",
};
