//! Field labels: the words a form shows for each field of the interchange
//! format, in French and English, and the messages of issues rendered with
//! them.
//!
//! An issue keeps its stable code and its path (`signalement.source_visit`);
//! a form shows the field by its label (« Visite d'origine »), so its
//! message is rendered with the label ([`form_message`]): « « Visite
//! d'origine » est obligatoire. » rather than « Le champ « source_visit »
//! est obligatoire. ». The label of a path is found with the indexes of its
//! lists left out (`events[2].date` is `events[].date`); every path of the
//! JSON Schema has one (a test walks the schema).
//!
//! ```
//! use cme_pdp::issue::Lang;
//! use cme_pdp::labels::field_label;
//!
//! let label = field_label("signalement.source_visit").unwrap();
//! assert_eq!(label.fr, "Visite d'origine");
//! assert_eq!(field_label("sick_leaves[3].start").unwrap().label(Lang::En), "Start of the sick leave");
//! assert!(field_label("signalement.nope").is_none());
//! ```

use serde::Serialize;

use std::collections::BTreeMap;

use crate::issue::{Issue, IssueCode, Lang};

/// The label of a field of the interchange format.
///
/// ```
/// let l = cme_pdp::labels::field_label("worker.birth_year").unwrap();
/// assert_eq!((l.path, l.fr, l.en), ("worker.birth_year", "Année de naissance", "Year of birth"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct FieldLabel {
    /// The path with its list indexes left out (`events[].date`).
    pub path: &'static str,
    /// The French label, as a form shows it.
    pub fr: &'static str,
    /// The English label.
    pub en: &'static str,
}

impl FieldLabel {
    /// The label in a language.
    ///
    /// ```
    /// use cme_pdp::issue::Lang;
    /// let l = cme_pdp::labels::field_label("id").unwrap();
    /// assert_eq!(l.label(Lang::Fr), "Identifiant pseudonyme du dossier");
    /// ```
    pub fn label(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fr => self.fr,
            Lang::En => self.en,
        }
    }
}

macro_rules! labels {
    ( $( $path:literal => $fr:literal, $en:literal; )+ ) => {
        /// Every field label, in the order of the format's documentation.
        pub const FIELDS: &[FieldLabel] = &[ $( FieldLabel { path: $path, fr: $fr, en: $en }, )+ ];
    };
}

labels! {
    "format_version" => "Version du format", "Format version";
    "id" => "Identifiant pseudonyme du dossier", "Pseudonymous case id";
    "service" => "Service", "Service";
    "policy" => "Politique du service", "Service policy";
    "doctor" => "Médecin du travail (identifiant pseudonyme)", "Occupational physician (pseudonymous id)";
    "worker" => "Salarié", "Worker";
    "worker.id" => "Identifiant pseudonyme du salarié", "Pseudonymous worker id";
    "worker.birth_year" => "Année de naissance", "Year of birth";
    "worker.birth_date" => "Date de naissance", "Date of birth";
    "worker.sector" => "Secteur d'activité", "Sector of activity";
    "worker.sector.nomenclature" => "Nomenclature NAF", "NAF nomenclature";
    "worker.sector.section" => "Section NAF", "NAF section";
    "worker.employer" => "Employeur", "Employer";
    "worker.company" => "Entreprise adhérente", "Member company";
    "worker.rqth" => "RQTH", "RQTH (disabled worker status)";
    "worker.cim10_chapter" => "Chapitre CIM-10 de la pathologie principale", "ICD-10 chapter of the main condition";
    "sick_leaves" => "Arrêts de travail", "Sick leaves";
    "sick_leaves[]" => "Arrêt de travail", "Sick leave";
    "sick_leaves[].start" => "Début de l'arrêt", "Start of the sick leave";
    "sick_leaves[].end" => "Fin de l'arrêt", "End of the sick leave";
    "sick_leaves[].end_is_expected" => "Fin prévue (pas encore certaine)", "Expected end (not yet certain)";
    "sick_leaves[].cause" => "Cause de l'arrêt", "Cause of the sick leave";
    "signalement" => "Signalement", "Signalement (referral to the cell)";
    "signalement.date" => "Date du signalement", "Date of the signalement";
    "signalement.source_visit" => "Visite d'origine", "Visit of origin";
    "signalement.signalled_by" => "Signalé par", "Signalled by";
    "signalement.requested_by" => "Visite demandée par", "Visit requested by";
    "signalement.worker_agreed" => "Accord du salarié au signalement", "Worker's agreement to the signalement";
    "consents" => "Consentements du salarié", "Worker's consents";
    "consents[]" => "Consentement du salarié", "Worker's consent";
    "consents[].given_on" => "Consentement recueilli le", "Consent given on";
    "consents[].accompaniment" => "Accepte l'accompagnement par la cellule", "Accepts the cell's accompaniment";
    "consents[].sharing_with" => "Partenaires avec qui partager", "Partners to share with";
    "consents[].sharing_with[]" => "Partenaire avec qui partager", "Partner to share with";
    "consents[].withdrawn_on" => "Consentement retiré le", "Consent withdrawn on";
    "events" => "Étapes du parcours", "Pathway events";
    "events[]" => "Étape du parcours", "Pathway event";
    "events[].type" => "Type d'étape", "Event type";
    "events[].date" => "Date de l'étape", "Date of the event";
    "events[].result" => "Résultat de la sortie", "Exit result";
    "events[].role" => "Rôle", "Role";
    "events[].referent" => "Référent (identifiant pseudonyme)", "Référent (pseudonymous id)";
    "events[].partner" => "Partenaire", "Partner";
    "events[].expertise" => "Expertise attendue", "Expected expertise";
    "events[].prepared" => "Plan préparé", "Plan prepared";
    "events[].simple_solution" => "Solution simple trouvée", "Simple solution found";
    "events[].still_employed" => "Toujours en emploi", "Still employed";
    "events[].dismissal" => "Licenciement", "Dismissal";
    "visits" => "Visites", "Visits";
    "visits[]" => "Visite", "Visit";
    "visits[].kind" => "Type de visite", "Kind of visit";
    "visits[].date" => "Date de la visite", "Date of the visit";
    "visits[].done_by" => "Visite réalisée par", "Visit carried out by";
    "visits[].remote" => "Visite à distance", "Remote visit";
    "visits[].requested_by" => "Visite demandée par", "Visit requested by";
    "visits[].avis_inaptitude" => "Avis d'inaptitude", "Unfitness opinion";
    "visits[].objection_on" => "Opposition du salarié le", "Worker's objection on";
    "visits[].doctor" => "Médecin du travail de la visite (identifiant pseudonyme)", "Occupational physician of the visit (pseudonymous id)";
    "meetings" => "Réunions de la cellule", "Cell meetings";
    "meetings[]" => "Réunion de la cellule", "Cell meeting";
    "meetings[].date" => "Date de la réunion", "Date of the meeting";
    "meetings[].action_plan" => "Plan d'actions décidé", "Action plan decided";
    "referrals" => "Orientations vers les partenaires", "Referrals to partners";
    "referrals[]" => "Orientation vers un partenaire", "Referral to a partner";
    "referrals[].partner" => "Partenaire sollicité", "Partner";
    "referrals[].direction" => "Sens de l'orientation", "Direction of the referral";
    "referrals[].document" => "Document transmis", "Document sent";
    "referrals[].sent" => "Envoyée le", "Sent on";
    "referrals[].answered" => "Réponse reçue le", "Answered on";
    "referrals[].outcome" => "Suite donnée", "Outcome";
    "employer_exchanges" => "Échanges avec l'employeur", "Exchanges with the employer";
    "employer_exchanges[]" => "Échange avec l'employeur", "Exchange with the employer";
    "employer_exchanges[].kind" => "Type d'échange", "Kind of exchange";
    "employer_exchanges[].date" => "Date de l'échange", "Date of the exchange";
    "employer_exchanges[].worker_agreed" => "Accord du salarié à l'échange", "Worker's agreement to the exchange";
    "employer_exchanges[].doctor_agreed" => "Accord du médecin du travail", "Agreement of the médecin du travail";
    "measures" => "Dispositifs mobilisés", "Measures used";
    "measures[]" => "Dispositif mobilisé", "Measure used";
    "measures[].measure" => "Dispositif", "Measure";
    "measures[].start" => "Début du dispositif", "Start of the measure";
    "measures[].end" => "Fin du dispositif", "End of the measure";
    "category_override" => "Catégorie retenue par l'équipe", "Category chosen by the team";
    "category_override.category" => "Catégorie retenue", "Category chosen";
    "category_override.decided_on" => "Décidée le", "Decided on";
    "category_override.justification" => "Justification écrite", "Written justification";
}

/// Every field label (what a form builder lists).
///
/// ```
/// assert!(cme_pdp::labels::field_labels().iter().any(|l| l.path == "visits[].kind"));
/// ```
pub fn field_labels() -> &'static [FieldLabel] {
    FIELDS
}

/// The label of the field at a path (`events[2].date`, as issues give it),
/// if the format has that field.
///
/// ```
/// let l = cme_pdp::labels::field_label("events[12].date").unwrap();
/// assert_eq!(l.fr, "Date de l'étape");
/// ```
pub fn field_label(path: &str) -> Option<&'static FieldLabel> {
    // the path with its indexes left out, compared piece by piece (no
    // allocation): `a[12].b` matches `a[].b`
    FIELDS.iter().find(|l| same_field(l.path, path))
}

fn same_field(pattern: &str, path: &str) -> bool {
    let mut p = pattern.bytes().peekable();
    let mut q = path.bytes().peekable();
    loop {
        match (p.next(), q.next()) {
            (None, None) => return true,
            (Some(b'['), Some(b'[')) => {
                // `[]` in the pattern, `[digits]` in the path
                if p.next() != Some(b']') {
                    return false;
                }
                let mut digits = 0;
                while q.next_if(u8::is_ascii_digit).is_some() {
                    digits += 1;
                }
                if digits == 0 || q.next() != Some(b']') {
                    return false;
                }
            }
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
    }
}

/// The message of an issue in the words of a form: the field named by its
/// label, in a language. An issue whose path has no label (the whole
/// document, a field the format does not have) keeps its message.
///
/// ```
/// use cme_pdp::issue::{Issue, IssueCode, Lang, Path};
/// use cme_pdp::labels::form_message;
///
/// let missing = Issue::new(IssueCode::MissingField, Path::from_rendered("signalement.source_visit"))
///     .with("field", "source_visit");
/// assert_eq!(form_message(&missing, Lang::Fr), "« Visite d'origine » est obligatoire.");
/// assert_eq!(form_message(&missing, Lang::En), "“Visit of origin” is required.");
///
/// let range = Issue::new(IssueCode::IntegerOutOfRange, Path::from_rendered("worker.birth_year"))
///     .with("min", 1900).with("max", 2030);
/// assert_eq!(form_message(&range, Lang::Fr),
///            "« Année de naissance » : la valeur doit être un entier compris entre 1900 et 2030.");
/// ```
pub fn form_message(issue: &Issue, lang: Lang) -> String {
    let Some(label) = field_label(issue.path.as_str()) else {
        return issue.message_in(lang);
    };
    let mut params = BTreeMap::new();
    params.insert("label".to_string(), label.label(lang).to_string());
    let text = match issue.code {
        IssueCode::MissingField => FormText::Obligatoire,
        IssueCode::UnknownCode => {
            let allowed = issue.params.get("allowed").cloned().unwrap_or_default();
            params.insert("allowed".to_string(), allowed);
            FormText::CodeInconnu
        }
        _ => {
            params.insert("message".to_string(), lower_first(&issue.message_in(lang)));
            FormText::Message
        }
    };
    crate::issue::fill(text.template(lang), &params, |value, _| value.to_string())
}

/// The texts of messages in a form's words: a catalogue of their own, as
/// validation issues have theirs (`issue.rs`), filled by the same template
/// filler. Kept apart from the texts of decisions so that a module that
/// only validates (the browser's form module) does not carry those.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FormText {
    /// A required field left empty.
    Obligatoire,
    /// A code not in the field's list.
    CodeInconnu,
    /// Any other problem of the field.
    Message,
}

impl FormText {
    #[cfg(test)]
    const ALL: [FormText; 3] = [
        FormText::Obligatoire,
        FormText::CodeInconnu,
        FormText::Message,
    ];

    fn template(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (FormText::Obligatoire, Lang::Fr) => "« {label} » est obligatoire.",
            (FormText::Obligatoire, Lang::En) => "“{label}” is required.",
            (FormText::CodeInconnu, Lang::Fr) => {
                "« {label} » : ce choix n'est pas dans la liste. Choix admis : {allowed}."
            }
            (FormText::CodeInconnu, Lang::En) => {
                "“{label}”: this choice is not in the list. Allowed choices: {allowed}."
            }
            (FormText::Message, Lang::Fr) => "« {label} » : {message}",
            (FormText::Message, Lang::En) => "“{label}”: {message}",
        }
    }
}

/// An issue with the label of its field and its message in a form's
/// words, as a form receives it (`label`, `label_en` when the format has
/// the field; `form_message`, `form_message_en`), next to the issue's own
/// keys.
///
/// ```
/// use cme_pdp::issue::{Issue, IssueCode, Path};
/// let issue = Issue::new(IssueCode::MissingField, Path::from_rendered("signalement.date"))
///     .with("field", "date");
/// let v = serde_json::to_value(cme_pdp::labels::labelled(&issue)).unwrap();
/// assert_eq!(v["code"], "missing_field");
/// assert_eq!(v["label"], "Date du signalement");
/// assert_eq!(v["form_message"], "« Date du signalement » est obligatoire.");
/// assert_eq!(v["form_message_en"], "“Date of the signalement” is required.");
/// ```
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct LabelledIssue<'a> {
    /// The issue, its code and path unchanged.
    #[serde(flatten)]
    pub issue: &'a Issue,
    /// The French label of its field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<&'static str>,
    /// The English label of its field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label_en: Option<&'static str>,
    /// The message in the form's words, in French.
    pub form_message: String,
    /// The message in the form's words, in English.
    pub form_message_en: String,
}

/// An issue with its field's label and its messages in a form's words.
pub fn labelled(issue: &Issue) -> LabelledIssue<'_> {
    let label = field_label(issue.path.as_str());
    LabelledIssue {
        issue,
        label: label.map(|l| l.fr),
        label_en: label.map(|l| l.en),
        form_message: form_message(issue, Lang::Fr),
        form_message_en: form_message(issue, Lang::En),
    }
}

/// The message with its first letter in lower case when it begins a
/// sentence with an ASCII capital followed by a lower-case letter (« Date
/// invalide » → « date invalide »; « RQTH … » and « À … » stay).
fn lower_first(message: &str) -> String {
    let b = message.as_bytes();
    match (b.first(), b.get(1)) {
        (Some(c), Some(d)) if c.is_ascii_uppercase() && !d.is_ascii_uppercase() => {
            let mut out = String::with_capacity(message.len());
            out.push(c.to_ascii_lowercase() as char);
            out.push_str(message.get(1..).unwrap_or_default());
            out
        }
        _ => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every path of the JSON Schema has a label, and every label a path of
    /// the schema: walked from the checked-in schema, not from this table.
    #[test]
    fn every_field_of_the_schema_has_a_label_and_no_label_is_stray() {
        let schema: serde_json::Value =
            serde_json::from_str(crate::schema::CASE_SCHEMA_JSON).expect("the schema is JSON");
        let defs = schema.get("$defs").cloned().unwrap_or_default();
        let mut paths = std::collections::BTreeSet::new();
        walk(&schema, "", &defs, &mut Vec::new(), &mut paths);
        assert!(paths.len() > 60, "the walk found the schema's fields");
        for path in &paths {
            assert!(FIELDS.iter().any(|l| l.path == path), "no label for {path}");
        }
        for l in FIELDS {
            assert!(paths.contains(l.path), "label {} names no field", l.path);
        }
    }

    fn walk(
        node: &serde_json::Value,
        path: &str,
        defs: &serde_json::Value,
        seen: &mut Vec<String>,
        out: &mut std::collections::BTreeSet<String>,
    ) {
        if let Some(r) = node.get("$ref").and_then(|r| r.as_str()) {
            let name = r.rsplit('/').next().unwrap_or_default().to_string();
            if seen.contains(&name) {
                return;
            }
            seen.push(name.clone());
            if let Some(def) = defs.get(&name) {
                walk(def, path, defs, seen, out);
            }
            seen.pop();
            return;
        }
        for key in ["anyOf", "oneOf", "allOf"] {
            for n in node
                .get(key)
                .and_then(|v| v.as_array())
                .into_iter()
                .flatten()
            {
                walk(n, path, defs, seen, out);
            }
        }
        if let Some(props) = node.get("properties").and_then(|p| p.as_object()) {
            for (k, v) in props {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                out.insert(p.clone());
                walk(v, &p, defs, seen, out);
            }
        }
        if let Some(items) = node.get("items") {
            let p = format!("{path}[]");
            if items.get("properties").is_some() || items.get("$ref").is_some() {
                out.insert(p.clone());
            }
            walk(items, &p, defs, seen, out);
        }
    }

    /// Both languages of each form text use the same placeholders.
    #[test]
    fn each_form_text_has_the_same_placeholders_in_both_languages() {
        let holes = |t: &str| {
            let mut v: Vec<String> = t
                .split('{')
                .skip(1)
                .filter_map(|p| p.split('}').next())
                .map(str::to_string)
                .collect();
            v.sort();
            v
        };
        for t in FormText::ALL {
            assert_eq!(
                holes(t.template(Lang::Fr)),
                holes(t.template(Lang::En)),
                "{t:?}"
            );
            assert!(holes(t.template(Lang::Fr)).contains(&"label".to_string()));
        }
    }

    #[test]
    fn a_path_matches_its_pattern_only() {
        assert!(same_field("events[].date", "events[0].date"));
        assert!(same_field("events[].date", "events[107].date"));
        assert!(!same_field("events[].date", "events[].date"));
        assert!(!same_field("events[].date", "events[x].date"));
        assert!(!same_field("events[].date", "events[1].dates"));
        assert!(!same_field("events[].date", "events[1]"));
        assert!(!same_field("id", "worker.id"));
        assert!(same_field("worker.sector.section", "worker.sector.section"));
    }

    #[test]
    fn the_form_words_keep_the_code_and_never_the_value() {
        use crate::issue::Path;
        let issue = Issue::new(IssueCode::InvalidId, Path::from_rendered("id")).with("max", 64);
        let fr = form_message(&issue, Lang::Fr);
        assert!(
            fr.starts_with("« Identifiant pseudonyme du dossier » : identifiant invalide : 1 à 64"),
            "{fr}"
        );
        let unknown = Issue::new(
            IssueCode::UnknownCode,
            Path::from_rendered("sick_leaves[0].cause"),
        )
        .with("kind", "cause")
        .with("allowed", "a, b");
        assert_eq!(
            form_message(&unknown, Lang::Fr),
            "« Cause de l'arrêt » : ce choix n'est pas dans la liste. Choix admis : a, b."
        );
        // No label: the message as it is.
        let whole = Issue::new(IssueCode::ObjectType, Path::root());
        assert_eq!(form_message(&whole, Lang::Fr), "Un objet est attendu ici.");
        assert_eq!(lower_first("RQTH absente"), "RQTH absente");
        assert_eq!(lower_first("À faire"), "À faire");
    }
}
