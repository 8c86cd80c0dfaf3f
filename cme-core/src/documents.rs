//! The cell's documents filled from a case: the letter to the employer
//! about the worker's appointment with the cell, the attestation de
//! présence, the invitation to a pré-reprise visit (AIST 63's letters), the
//! fiche relais to a partner (MT2i) and the closing summary for the médecin
//! du travail.
//!
//! The templates are data of each service ([`TemplateSet`], JSON): Jinja
//! templates (minijinja) checked when they are loaded: a field that is not
//! one of [`FIELDS`] is an issue, never a blank. A document is rendered as
//! text, as HTML to print and (feature `docx`) as a Word document to edit.
//!
//! Identity details (names, addresses, the appointment) are never in a case:
//! the host passes them at rendering time ([`Identity`]), and the library
//! neither stores nor logs them; without them the document keeps visible
//! placeholders (« [Nom et prénom du salarié] »). A fact of the case the
//! document needs and the case does not have yet (the exit of a case still
//! open) is an issue. A letter to the employer or to a partner is refused
//! without the worker's agreement in force on its date, or with their
//! objection on record (`document_without_consent`).
//!
//! ```
//! use cme_pdp::documents::{render, DocumentKind, Identity, TemplateSet};
//! use cme_pdp::policy::Loaded;
//! let case = cme_pdp::sample::sample_cases().unwrap().remove(0);
//! let as_of = cme_pdp::sample::SAMPLE_AS_OF;
//! let templates = TemplateSet::builtin();
//! let doc = render(DocumentKind::InvitationPreReprise, &case, Loaded::preset(&case.service).unwrap(),
//!     as_of, &templates, &Identity::default(), None).unwrap();
//! assert!(doc.text.contains("visite de pré-reprise"));
//! assert!(doc.placeholders.contains(&"worker.name".to_string()) || !doc.text.contains("[Nom"));
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::case::{Case, Event, Partner};
use crate::codes::{code_enum, Code};
use crate::error::CmeError;
use crate::explain::Source;
use crate::issue::{Issue, IssueCode, Path};
use crate::policy::Loaded;
use crate::texts::date_fr;

code_enum! {
    /// A document of the cell.
    ///
    /// ```
    /// use cme_pdp::{codes::Code, documents::DocumentKind};
    /// assert_eq!(DocumentKind::FicheRelais.code(), "fiche_relais");
    /// ```
    pub enum DocumentKind: "document_kind" {
        ConvocationEmployeur = "convocation_employeur", "Courrier à l'employeur : rendez-vous du salarié avec la cellule", "Letter to the employer: the worker's appointment with the cell";
        AttestationPresence = "attestation_presence", "Attestation de présence remise au salarié", "Attestation of attendance given to the worker";
        InvitationPreReprise = "invitation_pre_reprise", "Invitation du salarié à une visite de pré-reprise", "Invitation of the worker to a pré-reprise visit";
        LivretAccompagnement = "livret_accompagnement", "Livret d'accompagnement remis au salarié (formulaire de consentement, information RGPD)", "Accompaniment booklet given to the worker (consent form, data protection notice)";
        FicheRelais = "fiche_relais", "Fiche relais vers un partenaire", "Relay form to a partner";
        SyntheseCloture = "synthese_cloture", "Synthèse de clôture pour le médecin du travail", "Closing summary for the médecin du travail";
    }
}

impl DocumentKind {
    /// To whom the document goes, when the worker's agreement is needed
    /// for it: `employeur`, `partenaire` (a code, written in the message's
    /// language).
    fn needs_consent(self) -> Option<&'static str> {
        match self {
            DocumentKind::ConvocationEmployeur => Some("employeur"),
            DocumentKind::FicheRelais => Some("partenaire"),
            _ => None,
        }
    }
}

/// A field a template may use: its name, whether the host gives it at
/// rendering time (identity) or the case does, and its placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Field {
    /// The name used in a template (`worker.name`).
    pub name: &'static str,
    /// Given by the host at rendering time, never kept.
    pub identity: bool,
    /// What it is, in French: the placeholder shown when it is missing.
    pub label: &'static str,
}

const fn identity(name: &'static str, label: &'static str) -> Field {
    Field {
        name,
        identity: true,
        label,
    }
}

const fn fact(name: &'static str, label: &'static str) -> Field {
    Field {
        name,
        identity: false,
        label,
    }
}

/// Every field of the documents.
pub const FIELDS: &[Field] = &[
    identity("worker.name", "Nom et prénom du salarié"),
    identity("worker.address", "Adresse du salarié"),
    identity("employer.name", "Nom de l'employeur"),
    identity("employer.address", "Adresse de l'employeur"),
    identity("doctor.name", "Nom du médecin du travail"),
    identity("cell.member", "Nom du membre de la cellule"),
    identity("cell.phone", "Téléphone de la cellule"),
    identity("cell.email", "Adresse électronique de la cellule"),
    identity(
        "dpo.contact",
        "Contact du délégué à la protection des données",
    ),
    identity("service.address", "Adresse du service"),
    identity("place", "Lieu d'établissement du document"),
    identity("meeting.date", "Date du rendez-vous"),
    identity("meeting.start", "Heure de début du rendez-vous"),
    identity("meeting.end", "Heure de fin du rendez-vous"),
    identity("meeting.place", "Lieu du rendez-vous"),
    fact("date", "Date du document"),
    fact("case.id", "Identifiant du dossier"),
    fact("service.name", "Nom du service"),
    fact("signalement.date", "Date du signalement"),
    fact("contact.date", "Date du premier contact"),
    fact("consent.date", "Date de l'accord du salarié"),
    fact("referent", "Référent (identifiant pseudonyme)"),
    fact("partner", "Partenaire"),
    fact("stage", "Étape du parcours (nommée par le service)"),
    fact("status", "Statut du dossier"),
    fact("exit.date", "Date de sortie"),
    fact("exit.result", "Résultat de sortie"),
    fact("plan", "Plan d'actions (dispositifs engagés)"),
];

/// The facts a case may lack, that a template uses under
/// `{% if … is defined %}`.
const OPTIONAL: &[&str] = &["contact.date", "referent", "consent.date", "plan"];

/// The identity details the host gives at rendering time (field name →
/// text; a date as `YYYY-MM-DD` is written in French). Only the identity
/// fields of [`FIELDS`] are read; nothing is kept.
pub type Identity = BTreeMap<String, String>;

/// A template: the document it makes, its title, its body (Jinja), where
/// its wording comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Template {
    /// The document.
    pub kind: DocumentKind,
    /// Its title.
    pub title: String,
    /// Its body: paragraphs separated by a blank line, fields as
    /// `{{ worker.name }}`.
    pub body: String,
    /// Where the wording comes from (a document of the bibliography, the
    /// service's own).
    pub source: String,
}

/// A service's templates, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TemplateSet {
    /// The templates, one per document at most.
    pub templates: Vec<Template>,
}

const BUILTIN: &str = include_str!("../data/documents.json");

impl TemplateSet {
    /// The library's templates: AIST 63's letters and its livret with the
    /// consent form and the data protection notice (the wording of its
    /// documents of 2020), the fiche relais and the closing summary.
    ///
    /// ```
    /// assert_eq!(cme_pdp::documents::TemplateSet::builtin().templates.len(), 6);
    /// ```
    pub fn builtin() -> TemplateSet {
        TemplateSet::from_json(BUILTIN).unwrap_or(TemplateSet {
            templates: Vec::new(),
        })
    }

    /// A service's templates from JSON (`{"templates": [{kind, title, body,
    /// source}]}`), each checked: its syntax, and every field it uses is
    /// one of [`FIELDS`]. Every problem at `templates[i].body`.
    ///
    /// ```
    /// use cme_pdp::documents::TemplateSet;
    /// let bad = r#"{"templates": [{"kind": "attestation_presence", "title": "A",
    ///     "body": "Reçu le {{ meeting.date }} ; NIR {{ worker.nir }}", "source": "service"}]}"#;
    /// let issues = TemplateSet::from_json(bad).unwrap_err();
    /// assert_eq!(issues[0].code.code(), "unknown_template_field");
    /// assert_eq!(issues[0].path.as_str(), "templates[0].body");
    /// ```
    pub fn from_json(text: &str) -> Result<TemplateSet, Vec<Issue>> {
        let set: TemplateSet = serde_json::from_str(text)
            .map_err(|_| vec![Issue::new(IssueCode::InvalidJson, Path::root())])?;
        let mut issues = Vec::new();
        let env = environment();
        for (i, t) in set.templates.iter().enumerate() {
            let at = Path::root().key("templates").index(i).key("body");
            match env.template_from_str(&t.body) {
                Err(_) => issues.push(Issue::new(IssueCode::InvalidTemplate, at)),
                Ok(template) => {
                    for name in used_fields(&template) {
                        if !FIELDS.iter().any(|f| f.name == name) {
                            issues.push(unknown_field(at.clone(), &name));
                        }
                    }
                }
            }
            if set.templates.iter().take(i).any(|o| o.kind == t.kind) {
                issues.push(Issue::new(
                    IssueCode::DuplicateItem,
                    Path::root().key("templates").index(i).key("kind"),
                ));
            }
        }
        if issues.is_empty() {
            Ok(set)
        } else {
            Err(issues)
        }
    }
}

/// The fields a template uses, sorted (`worker.name`, not `worker`).
fn used_fields(template: &minijinja::Template<'_, '_>) -> Vec<String> {
    let mut used: Vec<String> = template.undeclared_variables(true).into_iter().collect();
    used.sort();
    used
}

/// A field of a template that is not one of [`FIELDS`], at `at`.
fn unknown_field(at: Path, name: &str) -> Issue {
    Issue::new(IssueCode::UnknownTemplateField, at)
        .with("field", crate::issue::echoed(name).into_owned())
        .with(
            "allowed",
            FIELDS.iter().map(|f| f.name).collect::<Vec<_>>().join(", "),
        )
}

fn environment() -> minijinja::Environment<'static> {
    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    // text out: the HTML is escaped when it is made from the text
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    env
}

/// A document filled from a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Document {
    /// The document.
    pub kind: DocumentKind,
    /// Its title.
    pub title: String,
    /// Its text: paragraphs separated by a blank line.
    pub text: String,
    /// The identity fields the host did not give, shown as placeholders.
    pub placeholders: Vec<String>,
    /// Where its wording and its conditions come from.
    pub sources: Vec<Source>,
}

impl Document {
    /// The placeholders as they stand in the text (« [Nom et prénom du
    /// salarié] »).
    fn marks(&self) -> Vec<String> {
        self.placeholders
            .iter()
            .filter_map(|name| FIELDS.iter().find(|f| f.name == name))
            .map(|f| format!("[{}]", f.label))
            .collect()
    }

    /// The paragraphs of the text (each a list of lines).
    pub fn paragraphs(&self) -> Vec<Vec<&str>> {
        self.text
            .split("\n\n")
            .map(|p| p.lines().map(str::trim_end).collect::<Vec<_>>())
            .filter(|p| p.iter().any(|l| !l.trim().is_empty()))
            .collect()
    }

    /// The document as an HTML page to print (A4, its text escaped, the
    /// placeholders marked).
    ///
    /// ```
    /// use cme_pdp::documents::{render, DocumentKind, Identity, TemplateSet};
    /// let case = cme_pdp::sample::sample_cases().unwrap().remove(0);
    /// let doc = render(DocumentKind::InvitationPreReprise, &case, cme_pdp::policy::Loaded::preset(&case.service).unwrap(),
    ///     cme_pdp::sample::SAMPLE_AS_OF, &TemplateSet::builtin(), &Identity::default(), None).unwrap();
    /// let html = doc.to_html();
    /// assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<mark>[Nom et prénom du salarié]</mark>"));
    /// ```
    pub fn to_html(&self) -> String {
        let marks = self.marks();
        let mut body = String::new();
        for p in self.paragraphs() {
            let lines: Vec<String> = p
                .iter()
                .map(|l| {
                    pieces(l, &marks)
                        .into_iter()
                        .map(|(text, placeholder)| match placeholder {
                            true => format!("<mark>{}</mark>", escape(text)),
                            false => escape(text),
                        })
                        .collect()
                })
                .collect();
            let tag = if heading(&p) { "h2" } else { "p" };
            body.push_str(&format!("<{tag}>{}</{tag}>\n", lines.join("<br>\n")));
        }
        format!(
            "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n@page {{ size: A4; margin: 2.5cm 2cm; }}\nbody {{ font-family: \"DejaVu Serif\", Georgia, serif; font-size: 11pt; line-height: 1.45; max-width: 17cm; margin: 2rem auto; color: #111; }}\nh1 {{ font-size: 12pt; font-weight: bold; margin: 0 0 1.5em; }}\nh2 {{ font-size: 11pt; font-weight: bold; margin: 1.5em 0 0.5em; break-after: avoid; }}\nmark {{ background: #fff3b0; }}\n</style>\n</head>\n<body>\n<h1>{}</h1>\n{}</body>\n</html>\n",
            escape(&self.title),
            escape(&self.title),
            body
        )
    }
}

#[cfg(feature = "docx")]
impl Document {
    /// The document as a Word file to edit (`.docx`, built in memory with
    /// docx-rs): the title in bold, a paragraph per paragraph of the text,
    /// its lines kept, the placeholders highlighted in yellow.
    ///
    /// ```
    /// use cme_pdp::documents::{render, DocumentKind, Identity, TemplateSet};
    /// let case = cme_pdp::sample::sample_cases().unwrap().remove(0);
    /// let doc = render(DocumentKind::InvitationPreReprise, &case, cme_pdp::policy::Loaded::preset(&case.service).unwrap(),
    ///     cme_pdp::sample::SAMPLE_AS_OF, &TemplateSet::builtin(), &Identity::default(), None).unwrap();
    /// let bytes = doc.to_docx().unwrap();
    /// assert_eq!(&bytes[..2], b"PK"); // a zip archive
    /// ```
    pub fn to_docx(&self) -> Result<Vec<u8>, CmeError> {
        use docx_rs::{BreakType, Docx, Paragraph, Run, RunFonts};
        let mut docx = Docx::new()
            .default_fonts(
                RunFonts::new()
                    .ascii("DejaVu Serif")
                    .hi_ansi("DejaVu Serif"),
            )
            .default_size(22)
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text(&self.title).bold()));
        let marks = self.marks();
        for p in self.paragraphs() {
            let mut paragraph = Paragraph::new();
            for (k, line) in p.iter().enumerate() {
                if k > 0 {
                    paragraph = paragraph.add_run(Run::new().add_break(BreakType::TextWrapping));
                }
                for (text, placeholder) in pieces(line, &marks) {
                    let run = Run::new().add_text(text);
                    let run = if heading(&p) { run.bold() } else { run };
                    paragraph = paragraph.add_run(if placeholder {
                        run.highlight("yellow")
                    } else {
                        run
                    });
                }
            }
            docx = docx.add_paragraph(paragraph);
        }
        let mut out = std::io::Cursor::new(Vec::new());
        // writing into memory fails only with the writer's own error, as the
        // workbooks' writer does (publish::workbook)
        docx.pack(&mut out).map_err(|_| CmeError::InvalidFormat)?;
        Ok(out.into_inner())
    }
}

/// A line cut into its text and the placeholders it holds (`marks`, as
/// they stand in the text), in order: only the placeholders of the
/// identity fields left out are marked, never a bracket of the text or of
/// a value the host gave.
fn pieces<'l>(line: &'l str, marks: &[String]) -> Vec<(&'l str, bool)> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some((at, len)) = marks
        .iter()
        .filter_map(|m| rest.find(m.as_str()).map(|at| (at, m.len())))
        .min()
    {
        let (Some(before), Some(mark), Some(after)) =
            (rest.get(..at), rest.get(at..at + len), rest.get(at + len..))
        else {
            break;
        };
        if !before.is_empty() {
            out.push((before, false));
        }
        out.push((mark, true));
        rest = after;
    }
    if !rest.is_empty() {
        out.push((rest, false));
    }
    out
}

/// A heading of a document: a paragraph of one line in capitals
/// (« NOTRE ENGAGEMENT »), printed in bold.
fn heading(paragraph: &[&str]) -> bool {
    match paragraph {
        [line] => {
            let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
            letters.len() > 1 && letters.iter().all(|c| c.is_uppercase())
        }
        _ => false,
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The context of a template: the top-level fields, and the fields of each
/// group (`worker.name` is `name` in `worker`).
#[derive(Default)]
struct Context {
    top: BTreeMap<String, String>,
    groups: BTreeMap<String, BTreeMap<String, String>>,
}

impl Context {
    fn put(&mut self, name: &str, value: String) {
        match name.split_once('.') {
            Some((head, tail)) => {
                self.groups
                    .entry(head.to_string())
                    .or_default()
                    .insert(tail.to_string(), value);
            }
            None => {
                self.top.insert(name.to_string(), value);
            }
        }
    }

    fn value(self) -> minijinja::Value {
        let mut all: BTreeMap<String, minijinja::Value> = self
            .top
            .into_iter()
            .map(|(k, v)| (k, minijinja::Value::from(v)))
            .collect();
        for (k, group) in self.groups {
            all.insert(k, minijinja::Value::from(group));
        }
        minijinja::Value::from(all)
    }
}

/// The facts of a case a document may use, as of a date (those the case
/// has).
fn facts(
    case: &Case,
    policy: &Loaded,
    as_of: NaiveDate,
    partner: Option<Partner>,
) -> Result<BTreeMap<&'static str, String>, CmeError> {
    let e = crate::evaluate::evaluate_loaded(case, policy, as_of)?;
    let mut f = BTreeMap::new();
    f.insert("date", date_fr(as_of));
    f.insert("case.id", case.id.clone());
    f.insert("service.name", policy.policy().name.clone());
    f.insert("signalement.date", date_fr(case.signalement.date));
    // the stage as the service names it (« Orientation » at MT2i), else
    // its canonical name
    let stage = &e.stage.value;
    f.insert(
        "stage",
        stage
            .service_label
            .clone()
            .unwrap_or_else(|| stage.label.clone()),
    );
    f.insert("status", e.status.value.label_fr().to_string());
    let dated = |pick: &dyn Fn(&Event) -> bool| {
        case.events
            .iter()
            .filter(|ev| ev.date() <= as_of && pick(ev))
            .map(Event::date)
            .min()
    };
    if let Some(d) = dated(&|ev| matches!(ev, Event::Contact { .. })) {
        f.insert("contact.date", date_fr(d));
    }
    if let Some(c) = case
        .consents
        .iter()
        .filter(|c| c.in_force_on(as_of))
        .max_by_key(|c| c.given_on)
    {
        f.insert("consent.date", date_fr(c.given_on));
    }
    if let Some(r) = case.referent_on(as_of) {
        f.insert("referent", r);
    }
    if let Some(p) = partner {
        f.insert("partner", p.label_fr().to_string());
    }
    // the measures engaged by then, in order: the livret's plan d'actions
    let mut measures: Vec<_> = case.measures.iter().filter(|m| m.start <= as_of).collect();
    measures.sort_by_key(|m| m.start);
    let plan: Vec<String> = measures
        .iter()
        .map(|m| match m.end.filter(|end| *end <= as_of) {
            Some(end) => format!(
                "- {} : du {} au {}",
                m.measure.label_fr(),
                date_fr(m.start),
                date_fr(end)
            ),
            None => format!(
                "- {} : depuis le {}",
                m.measure.label_fr(),
                date_fr(m.start)
            ),
        })
        .collect();
    if !plan.is_empty() {
        f.insert("plan", plan.join("\n"));
    }
    if let Some(Event::Sortie { date, result, .. }) = case
        .events
        .iter()
        .find(|ev| matches!(ev, Event::Sortie { .. }) && ev.date() <= as_of)
    {
        f.insert("exit.date", date_fr(*date));
        if let Some(r) = result {
            f.insert("exit.result", r.label_fr().to_string());
        }
    }
    Ok(f)
}

/// Whether the worker's agreement allows a document to go to its
/// recipient on `as_of`: their consent to the accompaniment (to the
/// partner's sharing, for a partner) in force, and no objection recorded
/// by then (pré-reprise, R4624-30).
fn consented(case: &Case, kind: DocumentKind, as_of: NaiveDate, partner: Option<Partner>) -> bool {
    let objected = case
        .visits
        .iter()
        .any(|v| v.objection_on.is_some_and(|d| d <= as_of));
    let agreed = match (kind, partner) {
        (DocumentKind::FicheRelais, Some(p)) => case
            .consents
            .iter()
            .any(|c| c.allows_sharing_with(p, as_of)),
        (DocumentKind::FicheRelais, None) => false,
        _ => case
            .consents
            .iter()
            .any(|c| c.accompaniment && c.in_force_on(as_of)),
    };
    agreed && !objected
}

/// Fills a document from a case as of a date, with the service's
/// templates and the identity details the host gives (see the module
/// documentation). `partner` is the recipient of a fiche relais: without
/// one, `missing_field` at `partner`.
pub fn render(
    kind: DocumentKind,
    case: &Case,
    policy: &Loaded,
    as_of: NaiveDate,
    templates: &TemplateSet,
    identity: &Identity,
    partner: Option<Partner>,
) -> Result<Document, CmeError> {
    let refuse = |issue: Issue| {
        CmeError::InvalidCase(crate::validate::ValidationError {
            issues: vec![issue],
        })
    };
    let Some(template) = templates.templates.iter().find(|t| t.kind == kind) else {
        return Err(refuse(
            Issue::new(IssueCode::UnknownCode, Path::root().key("kind"))
                .with("kind", DocumentKind::KIND)
                .with(
                    "allowed",
                    templates
                        .templates
                        .iter()
                        .map(|t| t.kind.code())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
        ));
    };
    if kind == DocumentKind::FicheRelais && partner.is_none() {
        // to whom: a fiche relais goes to one partner
        return Err(refuse(
            Issue::new(IssueCode::MissingField, Path::root().key("partner"))
                .with("field", "partner"),
        ));
    }
    let mut sources = Vec::new();
    if let Some(recipient) = kind.needs_consent() {
        sources.push(Source::document(
            "aist63_cme_2020",
            "formulaire de consentement : « votre accord est indispensable »",
        ));
        if !consented(case, kind, as_of, partner) {
            return Err(refuse(
                Issue::new(
                    IssueCode::DocumentWithoutConsent,
                    Path::root().key("consents"),
                )
                .with("recipient", recipient),
            ));
        }
    }
    let facts = facts(case, policy, as_of, partner)?;
    let env = environment();
    let compiled = env.template_from_str(&template.body).map_err(|_| {
        refuse(Issue::new(
            IssueCode::InvalidTemplate,
            Path::root().key("template"),
        ))
    })?;
    let mut context = Context::default();
    let mut placeholders = Vec::new();
    let mut missing = Vec::new();
    let mut absent = Vec::new();
    for name in &used_fields(&compiled) {
        let Some(field) = FIELDS.iter().find(|f| f.name == name) else {
            missing.push(unknown_field(Path::root().key("template"), name));
            continue;
        };
        let value = if field.identity {
            match identity.get(field.name).filter(|v| !v.trim().is_empty()) {
                Some(v) => Some(crate::dates::parse_iso_date(v).map_or_else(|| v.clone(), date_fr)),
                None => {
                    placeholders.push(field.name.to_string());
                    Some(format!("[{}]", field.label))
                }
            }
        } else {
            facts.get(field.name).cloned()
        };
        match value {
            Some(v) => context.put(field.name, v),
            // a fact a case may lack: a template guards it with
            // `{% if … is defined %}`
            None if OPTIONAL.contains(&field.name) => absent.push(field.label),
            None => missing.push(
                Issue::new(IssueCode::MissingDocumentFact, Path::root().key("case"))
                    .with("field", field.label),
            ),
        }
    }
    if !missing.is_empty() {
        return Err(CmeError::InvalidCase(crate::validate::ValidationError {
            issues: missing,
        }));
    }
    let text = compiled.render(context.value()).map_err(|_| {
        // strict: a fact the case lacks, used without a guard
        refuse(
            Issue::new(IssueCode::MissingDocumentFact, Path::root().key("case"))
                .with("field", absent.join(", ")),
        )
    })?;
    sources.push(match crate::sources::document(&template.source) {
        Some(_) if template.source == crate::sources::CME_READINGS => {
            Source::reading("documents de la cellule")
        }
        Some(_) => Source::document(&template.source, "modèle du document"),
        None => Source::cited(&policy.policy().id, &template.source, policy.content_hash()),
    });
    Ok(Document {
        kind,
        title: template.title.clone(),
        text: text.trim().to_string() + "\n",
        placeholders,
        sources,
    })
}

/// A document of a case in the interchange format, in its JSON form: what
/// every binding gives. `kind` is a [`DocumentKind`] code; `as_of` a date;
/// `options` is `null` or an object with `policy` (a preset code or a
/// policy; by default the case's service's preset), `identity` (an object
/// field → text, see [`Identity`]: used for this document only, never
/// kept), `partner` (the partner code of a fiche relais) and `templates`
/// (the service's templates, as an object or a JSON text; by default the
/// library's). The result has `kind`, `title`, `text`, `html` (to print),
/// `placeholders` and `sources`.
///
/// The problems of the kind and of the options are given at once (at
/// `kind`, `options.…`); templates that do not load are
/// [`CmeError::InvalidTemplates`].
///
/// ```
/// use serde_json::json;
/// let case = json!({"format_version": 2, "id": "D-1", "service": "aist63", "worker": {},
///     "signalement": {"date": "2024-05-13", "source_visit": "a_la_demande", "signalled_by": "medecin_du_travail"}});
/// let doc = cme_pdp::documents::document_json(&case, "invitation_pre_reprise", "2024-06-17",
///     &json!({"identity": {"place": "Clermont-Ferrand"}})).unwrap();
/// assert!(doc["text"].as_str().unwrap().contains("Clermont-Ferrand, le 17 juin 2024"));
/// let err = cme_pdp::documents::document_json(&case, "lettre", "2024-06-17",
///     &json!({"identity": {"worker.name": 3}, "fax": true})).unwrap_err();
/// let paths: Vec<&str> = err.issues().iter().map(|i| i.path.as_str()).collect();
/// assert_eq!(paths, ["kind", "options.fax", "options.identity.worker.name"]);
/// ```
pub fn document_json(
    case: &serde_json::Value,
    kind: &str,
    as_of: &str,
    options: &serde_json::Value,
) -> Result<serde_json::Value, CmeError> {
    document_of_json(case, kind, as_of, options).map(|doc| document_value(&doc))
}

/// The document of [`document_json`] itself, for a binding that also makes
/// its Word file ([`Document::to_docx`]).
///
/// ```
/// use serde_json::json;
/// let case = json!({"format_version": 2, "id": "D-1", "service": "aist63", "worker": {},
///     "signalement": {"date": "2024-05-13", "source_visit": "a_la_demande", "signalled_by": "medecin_du_travail"}});
/// let doc = cme_pdp::documents::document_of_json(&case, "livret_accompagnement", "2024-06-17", &json!(null)).unwrap();
/// assert!(doc.placeholders.contains(&"worker.name".to_string()));
/// ```
pub fn document_of_json(
    case: &serde_json::Value,
    kind: &str,
    as_of: &str,
    options: &serde_json::Value,
) -> Result<Document, CmeError> {
    let request = DocumentRequest::from_json(kind, as_of, options)?;
    let case = crate::validate::parse_case(case, &crate::validate::ValidateOptions::default())?;
    let owned;
    let loaded = match &request.policy {
        Some(p) => {
            owned = Loaded::new(p.clone());
            &owned
        }
        None => Loaded::preset(&case.service)?,
    };
    render(
        request.kind,
        &case,
        loaded,
        request.as_of,
        &request.templates,
        &request.identity,
        request.partner,
    )
}

/// A document in its JSON form ([`document_json`]): `kind`, `title`,
/// `text`, `html`, `placeholders`, `sources`.
///
/// ```
/// use cme_pdp::documents::{document_value, render, DocumentKind, Identity, TemplateSet};
/// let case = cme_pdp::sample::sample_cases().unwrap().remove(0);
/// let doc = render(DocumentKind::InvitationPreReprise, &case, cme_pdp::policy::Loaded::preset(&case.service).unwrap(),
///     cme_pdp::sample::SAMPLE_AS_OF, &TemplateSet::builtin(), &Identity::default(), None).unwrap();
/// assert_eq!(document_value(&doc)["kind"], "invitation_pre_reprise");
/// ```
pub fn document_value(doc: &Document) -> serde_json::Value {
    serde_json::json!({
        "kind": doc.kind, "title": doc.title, "text": doc.text, "html": doc.to_html(),
        "placeholders": doc.placeholders, "sources": doc.sources,
    })
}

/// What a binding asks for a document, read from its arguments: the
/// document, the date and the options of [`document_json`], every problem
/// at once.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct DocumentRequest {
    /// The document.
    pub kind: DocumentKind,
    /// Its date.
    pub as_of: NaiveDate,
    /// The policy given (`None`: the case's service's preset).
    pub policy: Option<crate::policy::Policy>,
    /// The identity details (never kept beyond the call).
    pub identity: Identity,
    /// The partner of a fiche relais.
    pub partner: Option<Partner>,
    /// The templates.
    pub templates: TemplateSet,
}

impl DocumentRequest {
    /// Reads the arguments of [`document_json`]: a date that cannot be read
    /// is refused at once, templates that do not load are
    /// [`CmeError::InvalidTemplates`], a policy that does not load is its
    /// error, every other problem is given at once (an invalid case error
    /// with its paths).
    ///
    /// ```
    /// use cme_pdp::documents::{DocumentKind, DocumentRequest};
    /// let r = DocumentRequest::from_json("fiche_relais", "2024-06-17",
    ///     &serde_json::json!({"partner": "cap_emploi"})).unwrap();
    /// assert_eq!(r.kind, DocumentKind::FicheRelais);
    /// let e = DocumentRequest::from_json("fiche_relais", "2024-06-17",
    ///     &serde_json::json!({"templates": "{\"templates\": 1}"})).unwrap_err();
    /// assert_eq!(e.code(), "invalid_templates");
    /// ```
    pub fn from_json(
        kind: &str,
        as_of: &str,
        options: &serde_json::Value,
    ) -> Result<DocumentRequest, CmeError> {
        use serde_json::Value;
        let as_of = crate::error::parse_as_of(as_of)?;
        let mut issues = Vec::new();
        let kind = DocumentKind::from_code(kind);
        if kind.is_none() {
            issues.push(
                Issue::new(IssueCode::UnknownCode, Path::root().key("kind"))
                    .with("kind", DocumentKind::KIND)
                    .with("allowed", DocumentKind::codes_joined()),
            );
        }
        let at = |key: &str| Path::root().key("options").key(key);
        let mut request = DocumentRequest {
            kind: kind.unwrap_or(DocumentKind::AttestationPresence),
            as_of,
            policy: None,
            identity: Identity::new(),
            partner: None,
            templates: TemplateSet::builtin(),
        };
        let empty = serde_json::Map::new();
        let map = match options {
            Value::Null => &empty,
            Value::Object(map) => map,
            _ => {
                issues.push(Issue::new(
                    IssueCode::ObjectType,
                    Path::root().key("options"),
                ));
                &empty
            }
        };
        let mut templates = None;
        for (key, v) in map {
            match key.as_str() {
                "policy" if v.is_null() => {}
                "policy" => request.policy = Some(crate::policy::resolve_policy(v)?),
                "partner" if v.is_null() => {}
                "partner" => match v.as_str().and_then(Partner::from_code) {
                    Some(p) => request.partner = Some(p),
                    None => issues.push(
                        Issue::new(IssueCode::UnknownCode, at("partner"))
                            .with("kind", Partner::KIND)
                            .with("allowed", Partner::codes_joined()),
                    ),
                },
                "identity" => match v {
                    Value::Null => {}
                    Value::Object(fields) => {
                        for (name, value) in fields {
                            let path = at("identity").key(name);
                            if !FIELDS.iter().any(|f| f.identity && f.name == name) {
                                issues.push(unknown_identity(path));
                            } else if let Some(text) = value.as_str() {
                                request.identity.insert(name.clone(), text.to_string());
                            } else if !value.is_null() {
                                issues.push(Issue::new(IssueCode::StringType, path));
                            }
                        }
                    }
                    _ => issues.push(Issue::new(IssueCode::ObjectType, at("identity"))),
                },
                "templates" => match v {
                    Value::Null => {}
                    Value::String(text) => templates = Some(text.clone()),
                    Value::Object(_) => templates = Some(v.to_string()),
                    _ => issues.push(Issue::new(IssueCode::ObjectType, at("templates"))),
                },
                other => issues.push(Issue::new(IssueCode::UnknownField, at(other))),
            }
        }
        if !issues.is_empty() {
            return Err(CmeError::InvalidCase(crate::validate::ValidationError {
                issues,
            }));
        }
        if let Some(text) = templates {
            request.templates =
                TemplateSet::from_json(&text).map_err(CmeError::InvalidTemplates)?;
        }
        Ok(request)
    }
}

/// An identity detail that is not one of the identity fields of
/// [`FIELDS`], at `at`.
fn unknown_identity(at: Path) -> Issue {
    Issue::new(IssueCode::UnknownField, at)
}
