//! An invoice or credit note as PDF (F3), in the user's language, made on
//! the server with `printpdf` (no default features: the standard Helvetica
//! font, WinAnsi text, no font files or images). Streams are left
//! uncompressed: the document is small, and its text stays checkable.

use chrono::{DateTime, Utc};
use mijn_lexus_contract::money::{rate_text, Money};
use mijn_lexus_contract::services::{Invoice, InvoiceKind, Plan};
use mijn_lexus_contract::trips::brussels;
use mijn_lexus_contract::Language;
use printpdf::{
    BuiltinFont, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, TextItem,
};

use crate::error::AppResult;

/// The labels of the document in one language.
struct Labels {
    invoice: &'static str,
    credit_note: &'static str,
    number: &'static str,
    date: &'static str,
    corrects: &'static str,
    seller: &'static str,
    buyer: &'static str,
    vat_number: &'static str,
    description: &'static str,
    period: &'static str,
    vat_rate: &'static str,
    net: &'static str,
    vat: &'static str,
    total: &'static str,
    plans: [&'static str; 4],
    paid: &'static str,
    refunded: &'static str,
}

fn labels(lang: Language) -> Labels {
    match lang {
        Language::Nl => Labels {
            invoice: "Factuur",
            credit_note: "Creditnota",
            number: "Nummer",
            date: "Datum",
            corrects: "Corrigeert factuur",
            seller: "Verkoper",
            buyer: "Klant",
            vat_number: "Btw-nummer",
            description: "Omschrijving",
            period: "Periode",
            vat_rate: "Btw-tarief",
            net: "Maatstaf van heffing",
            vat: "Btw",
            total: "Totaal",
            plans: [
                "proefperiode",
                "maandabonnement",
                "jaarabonnement",
                "driejarig abonnement",
            ],
            paid: "Betaald met uw hoofdkaart.",
            refunded: "Terugbetaald op de kaart van de oorspronkelijke betaling.",
        },
        Language::Fr => Labels {
            invoice: "Facture",
            credit_note: "Note de crédit",
            number: "Numéro",
            date: "Date",
            corrects: "Corrige la facture",
            seller: "Vendeur",
            buyer: "Client",
            vat_number: "Numéro de TVA",
            description: "Description",
            period: "Période",
            vat_rate: "Taux de TVA",
            net: "Base imposable",
            vat: "TVA",
            total: "Total",
            plans: [
                "période d'essai",
                "abonnement mensuel",
                "abonnement annuel",
                "abonnement de trois ans",
            ],
            paid: "Payé avec votre carte principale.",
            refunded: "Remboursé sur la carte du paiement d'origine.",
        },
        Language::En => Labels {
            invoice: "Invoice",
            credit_note: "Credit note",
            number: "Number",
            date: "Date",
            corrects: "Corrects invoice",
            seller: "Seller",
            buyer: "Customer",
            vat_number: "VAT number",
            description: "Description",
            period: "Period",
            vat_rate: "VAT rate",
            net: "Taxable amount",
            vat: "VAT",
            total: "Total",
            plans: ["trial", "monthly plan", "yearly plan", "three-year plan"],
            paid: "Paid with your main card.",
            refunded: "Refunded to the card of the original payment.",
        },
    }
}

fn day(at: DateTime<Utc>) -> String {
    brussels::date(at).format("%d-%m-%Y").to_string()
}

fn amount(m: Money, lang: Language) -> String {
    format!("EUR {}", m.amount_text(lang != Language::En))
}

/// Text placed line by line from the top of an A4 page.
struct Page {
    ops: Vec<Op>,
    y: f32,
}

impl Page {
    fn new() -> Page {
        Page {
            ops: Vec::new(),
            y: 275.0,
        }
    }

    fn text(&mut self, x: f32, size: f32, bold: bool, text: &str) {
        let font = if bold {
            BuiltinFont::HelveticaBold
        } else {
            BuiltinFont::Helvetica
        };
        self.ops.extend([
            Op::StartTextSection,
            Op::SetTextCursor {
                pos: Point::new(Mm(x), Mm(self.y)),
            },
            Op::SetFont {
                font: PdfFontHandle::Builtin(font),
                size: Pt(size),
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_owned())],
            },
            Op::EndTextSection,
        ]);
    }

    /// One line at the left margin, then down.
    fn line(&mut self, size: f32, bold: bool, text: &str) {
        self.text(20.0, size, bold, text);
        self.down(size * 0.5);
    }

    fn down(&mut self, mm: f32) {
        self.y -= mm;
    }
}

/// The PDF of an invoice or credit note in `lang`.
pub fn render(invoice: &Invoice, lang: Language) -> AppResult<Vec<u8>> {
    let l = labels(lang);
    let names = crate::mail::templates::for_language(lang);
    let mut p = Page::new();
    let title = match invoice.kind {
        InvoiceKind::Invoice => l.invoice,
        InvoiceKind::CreditNote => l.credit_note,
    };
    p.line(20.0, true, &format!("{title} {}", invoice.number));
    p.down(4.0);
    p.line(10.0, false, &format!("{}: {}", l.number, invoice.number));
    p.line(
        10.0,
        false,
        &format!("{}: {}", l.date, day(invoice.issued_at)),
    );
    if let Some(corrects) = &invoice.corrects {
        p.line(10.0, false, &format!("{}: {corrects}", l.corrects));
    }
    p.down(6.0);
    let top = p.y;
    p.line(10.0, true, l.seller);
    p.line(10.0, false, &invoice.seller.name);
    for a in &invoice.seller.address_lines {
        p.line(10.0, false, a);
    }
    if let Some(vat) = &invoice.seller.vat_number {
        p.line(10.0, false, &format!("{}: {vat}", l.vat_number));
    }
    let bottom = p.y;
    p.y = top;
    p.text(115.0, 10.0, true, l.buyer);
    p.down(5.0);
    p.text(115.0, 10.0, false, &invoice.buyer.name);
    for a in &invoice.buyer.address_lines {
        p.down(5.0);
        p.text(115.0, 10.0, false, a);
    }
    p.y = bottom.min(p.y) - 10.0;
    p.text(20.0, 10.0, true, l.description);
    p.text(150.0, 10.0, true, l.total);
    p.down(6.0);
    for line in &invoice.lines {
        let plan = match line.plan {
            Plan::Trial => l.plans[0],
            Plan::Monthly => l.plans[1],
            Plan::Yearly => l.plans[2],
            Plan::MultiYear => l.plans[3],
        };
        p.text(
            20.0,
            10.0,
            false,
            &format!("{}, {plan}", names.service_name(line.service)),
        );
        p.text(150.0, 10.0, false, &amount(line.gross, lang));
        p.down(5.0);
        p.line(9.0, false, &format!("VIN {}", line.vin));
        p.line(
            9.0,
            false,
            &format!(
                "{}: {} - {}",
                l.period,
                day(line.period_start),
                day(line.period_end)
            ),
        );
    }
    p.down(6.0);
    p.text(20.0, 10.0, true, l.vat_rate);
    p.text(70.0, 10.0, true, l.net);
    p.text(120.0, 10.0, true, l.vat);
    p.down(6.0);
    let comma = lang != Language::En;
    for v in &invoice.vat {
        p.text(
            20.0,
            10.0,
            false,
            &format!("{} %", rate_text(v.rate_bp, comma)),
        );
        p.text(70.0, 10.0, false, &amount(v.net, lang));
        p.text(120.0, 10.0, false, &amount(v.vat, lang));
        p.down(6.0);
    }
    p.down(4.0);
    p.text(20.0, 12.0, true, l.total);
    p.text(150.0, 12.0, true, &amount(invoice.total, lang));
    p.down(12.0);
    p.line(
        9.0,
        false,
        match invoice.kind {
            InvoiceKind::Invoice => l.paid,
            InvoiceKind::CreditNote => l.refunded,
        },
    );
    let mut doc = PdfDocument::new(&format!("{title} {}", invoice.number));
    doc.with_pages(vec![PdfPage::new(Mm(210.0), Mm(297.0), p.ops)]);
    let options = PdfSaveOptions {
        optimize: false,
        ..PdfSaveOptions::default()
    };
    let mut warnings = Vec::new();
    Ok(doc.save(&options, &mut warnings))
}

#[cfg(test)]
mod tests {
    use mijn_lexus_contract::services::{InvoiceLine, Party, ServiceKind, VatTotal};

    use super::*;

    fn invoice() -> Invoice {
        let at = DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        Invoice {
            id: "x".into(),
            number: "2026-000042".into(),
            kind: InvoiceKind::Invoice,
            issued_at: at,
            corrects: None,
            seller: super::super::seller(),
            buyer: Party {
                name: "Els Janssens".into(),
                address_lines: vec!["Wetstraat 16".into(), "1000 Brussel".into(), "BE".into()],
                vat_number: None,
            },
            lines: vec![InvoiceLine {
                service: ServiceKind::Smart,
                plan: Plan::Yearly,
                vin: "JTHBAAHB2P1000007".into(),
                period_start: at,
                period_end: at,
                gross: Money::eur(9990),
                vat_rate_bp: 2100,
            }],
            vat: vec![VatTotal {
                rate_bp: 2100,
                net: Money::eur(8256),
                vat: Money::eur(1734),
            }],
            total_net: Money::eur(8256),
            total_vat: Money::eur(1734),
            total: Money::eur(9990),
        }
    }

    /// Also the figure reported for issue 12: time to make one PDF.
    #[test]
    fn one_pdf_takes_milliseconds() {
        let inv = invoice();
        let pdf = render(&inv, Language::Fr).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let runs = 50;
        let start = std::time::Instant::now();
        for _ in 0..runs {
            render(&inv, Language::Nl).unwrap();
        }
        let each = start.elapsed() / runs;
        eprintln!("one invoice PDF: {each:?}, {} bytes", pdf.len());
        assert!(each < std::time::Duration::from_millis(250), "{each:?}");
    }
}
