//! The cell's documents filled from a case written by hand: the wording of
//! AIST 63's letters with the case's dates in French, the host's identity
//! details or visible placeholders, the refusals without the worker's
//! agreement, the templates checked when loaded. Every expected text is
//! written here from the templates' wording and the case.
#![cfg(feature = "documents")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use cme_pdp::case::{Case, Partner};
use cme_pdp::codes::Code;
use cme_pdp::documents::{render, Document, DocumentKind, Identity, TemplateSet};
use cme_pdp::error::CmeError;
use cme_pdp::policy::Loaded;
use serde_json::{json, Value};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, m, d).unwrap()
}

/// Signalled on 13 May 2024 at AIST 63, the worker agreed to the
/// accompaniment and to sharing with Cap emploi on 20 May, contacted that
/// day.
fn case_value() -> Value {
    json!({
        "format_version": 2, "id": "DOC-1", "service": "aist63", "doctor": "MT-4",
        "worker": {"birth_year": 1971},
        "signalement": {"date": "2024-05-13", "source_visit": "a_la_demande",
                        "signalled_by": "medecin_du_travail", "requested_by": "salarie"},
        "consents": [{"given_on": "2024-05-20", "accompaniment": true, "sharing_with": ["cap_emploi"]}],
        "events": [{"type": "contact", "date": "2024-05-20"}],
    })
}

fn read(v: &Value) -> Case {
    cme_pdp::validate::parse_case_json(&v.to_string(), &Default::default()).unwrap()
}

fn identity() -> Identity {
    [
        ("worker.name", "Jeanne Martin"),
        ("employer.name", "Menuiserie du Puy"),
        ("place", "Clermont-Ferrand"),
        ("meeting.date", "2024-06-24"),
        ("meeting.start", "14 h 00"),
        ("meeting.place", "11 rue de Flamina"),
        ("doctor.name", "Dr Bernard"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

fn doc(
    kind: DocumentKind,
    case: &Case,
    on: NaiveDate,
    partner: Option<Partner>,
) -> Result<Document, CmeError> {
    render(
        kind,
        case,
        Loaded::preset("aist63").unwrap(),
        on,
        &TemplateSet::builtin(),
        &identity(),
        partner,
    )
}

fn codes(e: &CmeError) -> Vec<(String, &'static str)> {
    e.issues()
        .iter()
        .map(|i| (i.path.to_string(), i.code.code()))
        .collect()
}

#[test]
fn the_employer_letter_has_the_case_dates_in_french_and_placeholders_for_what_the_host_left_out() {
    let d = doc(
        DocumentKind::ConvocationEmployeur,
        &read(&case_value()),
        day(6, 17),
        None,
    )
    .unwrap();
    assert!(
        d.text.contains("Clermont-Ferrand, le 17 juin 2024\n"),
        "{}",
        d.text
    );
    assert!(d.text.contains(
        "Suite à la visite médicale en date du 13 mai 2024, j'ai adressé votre salarié, Jeanne Martin, vers notre cellule Maintien en Emploi."
    ));
    assert!(d
        .text
        .contains("Jeanne Martin sera reçu(e) le 24 juin 2024 à 14 h 00, 11 rue de Flamina."));
    // the employer's address was not given: a visible placeholder
    assert!(d
        .text
        .starts_with("Menuiserie du Puy\n[Adresse de l'employeur]\n"));
    assert_eq!(d.placeholders, ["employer.address"]);
    assert!(d.text.ends_with("Dr Bernard\nMédecin du travail\n"));
    assert!(d
        .sources
        .iter()
        .any(|s| s.id.as_deref() == Some("aist63_cme_2020")));
    let html = d.to_html();
    assert!(
        html.contains("<mark>[Adresse de l&#39;employeur]</mark>")
            || html.contains("<mark>[Adresse de l'employeur]</mark>")
    );
}

#[test]
fn a_letter_to_the_employer_or_a_partner_needs_the_workers_agreement_that_day() {
    // no consent at all
    let mut v = case_value();
    v["consents"] = json!([]);
    v["events"] = json!([]);
    let e = doc(
        DocumentKind::ConvocationEmployeur,
        &read(&v),
        day(6, 17),
        None,
    )
    .unwrap_err();
    assert_eq!(
        codes(&e),
        [("consents".to_string(), "document_without_consent")]
    );
    // the identity details are never in the error
    assert!(!format!("{e:?}").contains("Jeanne") && !e.message_fr().contains("Jeanne"));
    // the recipient is a code, written in each language
    let i = &e.issues()[0];
    assert_eq!(i.params["recipient"], "employeur");
    assert!(i.message.starts_with("Ce document s'adresse à l'employeur : il faut, à sa date, l'accord du travailleur en vigueur"));
    assert!(i
        .message_en
        .starts_with("This document is addressed to the employer: on its date"));
    // before the consent of 20 May
    let e = doc(
        DocumentKind::ConvocationEmployeur,
        &read(&case_value()),
        day(5, 19),
        None,
    )
    .unwrap_err();
    assert_eq!(codes(&e)[0].1, "document_without_consent");
    // withdrawn on 10 June: in force on the 9th, not on the 10th
    let mut v = case_value();
    v["consents"][0]["withdrawn_on"] = json!("2024-06-10");
    assert!(doc(
        DocumentKind::ConvocationEmployeur,
        &read(&v),
        day(6, 9),
        None
    )
    .is_ok());
    assert!(doc(
        DocumentKind::ConvocationEmployeur,
        &read(&v),
        day(6, 10),
        None
    )
    .is_err());
    // the worker objected at the pré-reprise visit of 3 June (R4624-30)
    let mut v = case_value();
    v["visits"] = json!([{"kind": "pre_reprise", "date": "2024-06-03", "done_by": "medecin_du_travail", "objection_on": "2024-06-03"}]);
    assert!(doc(
        DocumentKind::ConvocationEmployeur,
        &read(&v),
        day(6, 2),
        None
    )
    .is_ok());
    let e = doc(
        DocumentKind::ConvocationEmployeur,
        &read(&v),
        day(6, 3),
        None,
    )
    .unwrap_err();
    assert_eq!(codes(&e)[0].1, "document_without_consent");
    // the fiche relais: to Cap emploi (shared), not to the MDPH (not shared)
    let case = read(&case_value());
    let relais = doc(
        DocumentKind::FicheRelais,
        &case,
        day(6, 17),
        Some(Partner::CapEmploi),
    )
    .unwrap();
    assert!(relais.text.contains("Fiche relais vers : Cap emploi\n"));
    assert!(relais.text.contains(
        "Signalé à la cellule le 13 mai 2024, accompagné depuis le 20 mai 2024. Le salarié a donné son accord au partage d'informations avec ce partenaire le 20 mai 2024."
    ));
    let e = doc(
        DocumentKind::FicheRelais,
        &case,
        day(6, 17),
        Some(Partner::Mdph),
    )
    .unwrap_err();
    assert_eq!(e.issues()[0].params["recipient"], "partenaire");
    assert!(e.issues()[0]
        .message_en
        .starts_with("This document is addressed to a partner:"));
    // no partner named: that is the problem, not the agreement
    let e = doc(DocumentKind::FicheRelais, &case, day(6, 17), None).unwrap_err();
    assert_eq!(codes(&e), [("partner".to_string(), "missing_field")]);
    // letters to the worker need no agreement
    assert!(doc(DocumentKind::InvitationPreReprise, &read(&json!({
        "format_version": 2, "id": "DOC-2", "service": "aist63", "worker": {},
        "signalement": {"date": "2024-05-13", "source_visit": "a_la_demande", "signalled_by": "medecin_du_travail"}})),
        day(6, 17), None).is_ok());
}

#[test]
fn the_closing_summary_needs_the_exit() {
    let case = read(&case_value());
    let e = doc(DocumentKind::SyntheseCloture, &case, day(6, 17), None).unwrap_err();
    // the exit's date and result, both missing
    assert_eq!(
        codes(&e),
        vec![("case".to_string(), "missing_document_fact"); 2]
    );
    assert!(e.issues()[0].message.contains("« Date de sortie »"));
    assert!(e.issues()[1].message.contains("« Résultat de sortie »"));
    let mut v = case_value();
    v["events"] = json!([
        {"type": "contact", "date": "2024-05-20"},
        {"type": "sortie", "date": "2024-09-02", "result": "amenagement_poste"},
    ]);
    let d = doc(DocumentKind::SyntheseCloture, &read(&v), day(9, 10), None).unwrap();
    assert!(d.text.contains(
        "Signalé le 13 mai 2024 ; premier contact le 20 mai 2024 ; sortie de la cellule le 2 septembre 2024 : Aménagement du poste (Sortie positive)."
    ), "{}", d.text);
    // a model of cme's own: cited as the project's reading, a section of
    // docs/sources.md
    let reading = d
        .sources
        .iter()
        .find(|s| s.id.as_deref() == Some("cme_lectures"))
        .expect("the closing summary cites cme's readings");
    assert!(
        reading.reference.ends_with("documents de la cellule"),
        "{}",
        reading.reference
    );
    let sources_md = include_str!("../../docs/sources.md");
    assert!(sources_md.contains("- **documents de la cellule** :"));
    for s in &d.sources {
        cme_pdp::sources::resolve(s).unwrap();
    }
}

#[test]
fn templates_are_checked_when_loaded_and_the_html_is_escaped() {
    let t = |body: &str| {
        json!({"templates": [{"kind": "attestation_presence", "title": "A", "body": body, "source": "service"}]}).to_string()
    };
    let e = TemplateSet::from_json(&t("Reçu le {{ meeting.date }} ; NIR {{ worker.nir }}"))
        .unwrap_err();
    assert_eq!(e.len(), 1);
    assert_eq!(
        (e[0].code.code(), e[0].path.as_str()),
        ("unknown_template_field", "templates[0].body")
    );
    assert!(e[0].message.contains("worker.nir"));
    let e = TemplateSet::from_json(&t("Reçu le {{ meeting.date ")).unwrap_err();
    assert_eq!(e[0].code.code(), "invalid_template");
    let two = json!({"templates": [
        {"kind": "attestation_presence", "title": "A", "body": "x", "source": "s"},
        {"kind": "attestation_presence", "title": "B", "body": "y", "source": "s"}]})
    .to_string();
    assert_eq!(
        TemplateSet::from_json(&two).unwrap_err()[0].path.as_str(),
        "templates[1].kind"
    );
    // every built-in template uses only known fields
    assert_eq!(
        TemplateSet::builtin().templates.len(),
        DocumentKind::ALL.len()
    );
    // a service's own template, and identity text that looks like markup
    let own = TemplateSet::from_json(&t("{{ place }}, le {{ date }}\n\nReçu : {{ worker.name }}"))
        .unwrap();
    let mut who = identity();
    who.insert(
        "worker.name".into(),
        "<script>alert(1)</script> & Cie".into(),
    );
    let d = render(
        DocumentKind::AttestationPresence,
        &read(&case_value()),
        Loaded::preset("aist63").unwrap(),
        day(6, 17),
        &own,
        &who,
        None,
    )
    .unwrap();
    assert_eq!(
        d.text,
        "Clermont-Ferrand, le 17 juin 2024\n\nReçu : <script>alert(1)</script> & Cie\n"
    );
    let html = d.to_html();
    assert!(
        html.contains("Reçu : &lt;script&gt;alert(1)&lt;/script&gt; &amp; Cie")
            && !html.contains("<script>")
    );
    // only the placeholders of what the host left out are marked: never a
    // bracket of a value it gave
    let own = TemplateSet::from_json(&t("{{ worker.name }}, reçu le {{ meeting.date }}")).unwrap();
    who.insert("worker.name".into(), "Martin [fils]".into());
    who.remove("meeting.date");
    let d = render(
        DocumentKind::AttestationPresence,
        &read(&case_value()),
        Loaded::preset("aist63").unwrap(),
        day(6, 17),
        &own,
        &who,
        None,
    )
    .unwrap();
    assert_eq!(d.text, "Martin [fils], reçu le [Date du rendez-vous]\n");
    assert!(d
        .to_html()
        .contains("<p>Martin [fils], reçu le <mark>[Date du rendez-vous]</mark></p>"));
    // a source the bibliography does not know is cited as the service's
    assert!(d.sources.iter().any(|s| s.reference.contains("service")));
}

#[test]
fn the_livret_carries_the_consent_form_the_plan_and_the_data_protection_notice() {
    let mut v = case_value();
    v["measures"] = json!([
        {"measure": "transition_professionnelle", "start": "2024-09-02"},
        {"measure": "essai_encadre", "start": "2024-06-03", "end": "2024-06-14"},
    ]);
    let mut who = identity();
    who.insert(
        "service.address".into(),
        "11 rue de Flamina, 63100 Clermont-Ferrand".into(),
    );
    who.insert("cell.email".into(), "cme@service.example".into());
    who.insert("dpo.contact".into(), "dpo@service.example".into());
    let d = render(
        DocumentKind::LivretAccompagnement,
        &read(&v),
        Loaded::preset("aist63").unwrap(),
        day(6, 17),
        &TemplateSet::builtin(),
        &who,
        None,
    )
    .unwrap();
    // the cell's phone was not given: a visible placeholder
    assert_eq!(d.placeholders, ["cell.phone"]);
    // the whole text is the vector documents/livret_accompagnement (four
    // runtimes); here, what the case and the identity change in it
    assert!(d.text.starts_with(
        "AIST La Prévention Active (Clermont-Ferrand)\nCellule Maintien en Emploi\n11 rue de Flamina, 63100 Clermont-Ferrand\ncme@service.example — [Téléphone de la cellule]\n\n"
    ));
    assert!(d
        .text
        .contains("\n\nRemis à Jeanne Martin le 17 juin 2024 (dossier DOC-1).\n\n"));
    assert!(d
        .text
        .contains("adressé(e) à la Cellule Maintien en Emploi le 13 mai 2024."));
    assert!(d
        .text
        .contains("\n\nLE PLAN D'ACTIONS\n\n- Essai encadré : du 3 juin 2024 au 14 juin 2024\n\n"));
    assert!(d.text.ends_with("\n\nContact : dpo@service.example\n"));
    // the livret is the consent form itself: no agreement needed before it
    let mut v = case_value();
    v["consents"] = json!([]);
    let blank = render(
        DocumentKind::LivretAccompagnement,
        &read(&v),
        Loaded::preset("aist63").unwrap(),
        day(9, 10),
        &TemplateSet::builtin(),
        &Identity::default(),
        None,
    )
    .unwrap();
    assert!(blank
        .text
        .contains("\n\nJe soussigné(e) : [Nom et prénom du salarié]\n\n"));
    assert!(blank.text.contains(
        "LE PLAN D'ACTIONS\n\nÀ construire avec votre chargé(e) de maintien en emploi après chaque rendez-vous.\n\n"
    ));
    // headings in capitals are printed as headings
    let html = d.to_html();
    assert!(
        html.contains("<h2>NOTRE ENGAGEMENT</h2>") && html.contains("<h2>INFORMATION RGPD</h2>")
    );
    assert!(html.contains("<p>Je soussigné(e) : Jeanne Martin</p>"));
    assert!(html.contains("<mark>[Téléphone de la cellule]</mark>"));
    // as of 10 September the essai has ended and the transition started
    let later = render(
        DocumentKind::LivretAccompagnement,
        &read(&{
            let mut v = case_value();
            v["measures"] = json!([
                {"measure": "transition_professionnelle", "start": "2024-09-02"},
                {"measure": "essai_encadre", "start": "2024-06-03", "end": "2024-06-14"},
            ]);
            v
        }),
        Loaded::preset("aist63").unwrap(),
        day(9, 10),
        &TemplateSet::builtin(),
        &who,
        None,
    )
    .unwrap();
    assert!(later.text.contains(
        "LE PLAN D'ACTIONS\n\n- Essai encadré : du 3 juin 2024 au 14 juin 2024\n- Projet de transition professionnelle : depuis le 2 septembre 2024\n\n"
    ));
}
