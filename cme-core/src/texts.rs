//! The catalogue of the texts of next steps and alerts, in French and
//! English, keyed by a stable code, as validation issues are
//! ([`crate::issue`]): a rule gives a code and its parameters, the text is
//! rendered from the catalogue in both languages. A parameter is never the
//! value of a field of the case (it may be health data): counts, dates the
//! rule computed, the service's own names.
//!
//! Placeholders: `{name}` (the value), `{name:jours}` (a number of days:
//! « 1 jour », « 15 jours » / "1 day", "15 days"), `{name:date}` (an ISO
//! date in running text: « 6 mai 2024 » / "6 May 2024").
//!
//! ```
//! use cme_core::issue::Lang;
//! use cme_core::texts::{render, TextCode};
//! let params = [("days".to_string(), "15".to_string())].into_iter().collect();
//! assert_eq!(render(TextCode::AttendreContact, &params, Lang::Fr),
//!            "Attendre l'appel du travailleur (dans les 15 jours suivant le signalement), puis le relancer.");
//! assert_eq!(render(TextCode::AttendreContact, &params, Lang::En),
//!            "Wait for the worker's call (within 15 days of the signalement), then call them back.");
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::explain::{date_fr, days_fr};
use crate::issue::Lang;

macro_rules! texts {
    ( $( $var:ident = $code:literal [$($param:literal),*] fr: $fr:literal en: $en:literal; )+ ) => {
        /// The code of a text of the catalogue.
        ///
        /// ```
        /// use cme_core::texts::TextCode;
        /// assert_eq!(TextCode::from_code("proposer_plan"), Some(TextCode::ProposerPlan));
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum TextCode {
            $( #[doc = $en] $var, )+
        }

        impl TextCode {
            /// Every text of the catalogue.
            pub const ALL: &'static [TextCode] = &[$(TextCode::$var),+];

            /// The stable snake_case code.
            pub fn code(self) -> &'static str {
                match self { $( TextCode::$var => $code, )+ }
            }

            /// The text of a code.
            pub fn from_code(code: &str) -> Option<TextCode> {
                match code { $( $code => Some(TextCode::$var), )+ _ => None }
            }

            /// The parameters its templates use.
            pub fn params(self) -> &'static [&'static str] {
                match self { $( TextCode::$var => &[$($param),*], )+ }
            }

            /// Its template in a language.
            pub fn template(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $( (TextCode::$var, Lang::Fr) => $fr, (TextCode::$var, Lang::En) => $en, )+
                }
            }
        }
    };
}

texts! {
    AttendreContact = "attendre_contact" ["days"]
        fr: "Attendre l'appel du travailleur (dans les {days:jours} suivant le signalement), puis le relancer."
        en: "Wait for the worker's call (within {days:jours} of the signalement), then call them back.";
    AttendreContactSansDelai = "attendre_contact_sans_delai" []
        fr: "Le travailleur prend contact avec la cellule s'il le souhaite : le service ne fixe ni délai ni relance."
        en: "The worker contacts the cell if they wish: the service sets no deadline and no reminder.";
    AnalyserLaDemande = "analyser_la_demande" []
        fr: "Analyser la demande : orienter vers l'interlocuteur adapté, désigner un référent."
        en: "Analyse the request: direct the worker to the right person, assign a référent.";
    EntretienQualification = "entretien_qualification" []
        fr: "Réaliser l'entretien de qualification (recueil d'informations : parcours, santé, poste, projet)."
        en: "Hold the qualification interview (career path, health, job, plans).";
    CommissionPleniere = "commission_pleniere" []
        fr: "Présenter le dossier en commission plénière pour déterminer le plan d'actions."
        en: "Present the case to the plenary commission to decide the action plan.";
    ElaborerPlan = "elaborer_plan" []
        fr: "Élaborer le plan d'actions avec l'équipe pluridisciplinaire."
        en: "Draw up the action plan with the multidisciplinary team.";
    ProposerPlan = "proposer_plan" []
        fr: "Proposer un plan d'actions au travailleur et au médecin du travail."
        en: "Propose an action plan to the worker and the médecin du travail.";
    RecueillirAccord = "recueillir_accord" []
        fr: "Recueillir l'accord du travailleur sur le plan d'actions proposé."
        en: "Obtain the worker's agreement to the proposed action plan.";
    MettreEnOeuvre = "mettre_en_oeuvre" ["partners"]
        fr: "Mettre en œuvre le plan d'actions avec les partenaires ({partners} partenaire(s) mobilisé(s) à ce jour) et préparer la sortie."
        en: "Carry out the action plan with the partners ({partners} partner(s) involved so far) and prepare the exit.";
    ClasserSansSuite = "classer_sans_suite" []
        fr: "Informer le médecin du travail que le travailleur n'a pas donné suite ; le dossier peut être classé."
        en: "Tell the médecin du travail that the worker did not follow up; the case can be closed.";
    RelancerOuSortie = "relancer_ou_sortie" []
        fr: "Le travailleur ne répond plus : le relancer ; sans réponse, enregistrer sa sortie (« perdu de vue ») et en informer le médecin du travail."
        en: "The worker no longer answers: call them back; without an answer, record their exit (“perdu de vue”) and tell the médecin du travail.";
    DossierClos = "dossier_clos" []
        fr: "Dossier clos : la politique du service ne prévoit pas de suivi après la sortie."
        en: "Case closed: the service's policy has no follow-up after the exit.";
    PlanApresRendezVous = "plan_apres_rendez_vous" ["date"]
        fr: "Établir le plan d'actions du rendez-vous du {date:date} : le service en établit un après chaque rendez-vous."
        en: "Draw up the action plan of the meeting of {date:date}: the service draws one up after each meeting.";
    SuiviAVenir = "suivi_a_venir" ["label", "months"]
        fr: "{label} : prévu {months} mois après la sortie."
        en: "{label}: due {months} months after the exit.";
    EtapeDuService = "etape_du_service" ["name"]
        fr: "Étape du service : « {name} »."
        en: "Service's stage: “{name}”.";
    SiLeDossierLeDemande = "si_le_dossier_le_demande" []
        fr: "Si le dossier le demande :"
        en: "If the case calls for it:";
    ContactTardif = "contact_tardif" ["late", "days"]
        fr: "Le premier contact a eu lieu {late:jours} après l'échéance de {days:jours} suivant le signalement."
        en: "The first contact took place {late:jours} after the deadline of {days:jours} from the signalement.";
    ContactEnRetard = "contact_en_retard" ["days", "late"]
        fr: "Aucun contact du travailleur {days:jours} après le signalement : l'échéance est dépassée de {late:jours}. Relancer le travailleur."
        en: "No contact from the worker {days:jours} after the signalement: the deadline is {late:jours} past. Call the worker back.";
    SuiviEnRetardFenetre = "suivi_en_retard_fenetre" ["label", "late", "months", "until"]
        fr: "{label} : non réalisé, en retard de {late:jours} (échéance {months} mois après la sortie, fenêtre jusqu'à {until} mois)."
        en: "{label}: not done, {late:jours} late (due {months} months after the exit, window up to {until} months).";
    SuiviEnRetardTolerance = "suivi_en_retard_tolerance" ["label", "late", "months", "tolerance"]
        fr: "{label} : non réalisé, en retard de {late:jours} (échéance {months} mois après la sortie, tolérance {tolerance:jours})."
        en: "{label}: not done, {late:jours} late (due {months} months after the exit, tolerance {tolerance:jours}).";
    SuiviAEcheance = "suivi_a_echeance" ["label", "left"]
        fr: "{label} : à réaliser maintenant ({left:jours} restant(s) avant l'échéance)."
        en: "{label}: to do now ({left:jours} left before the deadline).";
    SuiviRealiseEnRetard = "suivi_realise_en_retard" ["label", "date", "late"]
        fr: "{label} : réalisé le {date:date}, {late:jours} après l'échéance."
        en: "{label}: done on {date:date}, {late:jours} after the deadline.";
    HorsCible = "hors_cible" ["min_age"]
        fr: "Hors cible : la cellule ne prenait alors que les travailleurs d'au moins {min_age} ans au signalement."
        en: "Outside the target: the cell then took only workers aged {min_age} or more at the signalement.";
    EvenementRefuse = "evenement_refuse" ["message_fr", "message_en"]
        fr: "Événement refusé : {message_fr}"
        en: "Event refused: {message_en}";
}

/// A date in running English: "6 May 2024".
///
/// ```
/// let d = chrono::NaiveDate::from_ymd_opt(2024, 5, 6).unwrap();
/// assert_eq!(cme_core::texts::date_en(d), "6 May 2024");
/// ```
pub fn date_en(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

fn days_en(n: i64) -> String {
    if n.abs() == 1 {
        format!("{n} day")
    } else {
        format!("{n} days")
    }
}

/// The text of a code with its parameters, in a language. An unknown
/// placeholder is left as it is (a test checks that every template uses
/// only its declared parameters).
pub fn render(code: TextCode, params: &BTreeMap<String, String>, lang: Lang) -> String {
    crate::issue::fill(code.template(lang), params, |value, format| {
        format_value(value, format, lang)
    })
}

fn format_value(value: &str, format: &str, lang: Lang) -> String {
    match (format, lang) {
        ("jours", Lang::Fr) => value
            .parse()
            .map(days_fr)
            .unwrap_or_else(|_| value.to_string()),
        ("jours", Lang::En) => value
            .parse()
            .map(days_en)
            .unwrap_or_else(|_| value.to_string()),
        ("date", Lang::Fr) => {
            crate::dates::parse_iso_date(value).map_or_else(|| value.to_string(), date_fr)
        }
        ("date", Lang::En) => {
            crate::dates::parse_iso_date(value).map_or_else(|| value.to_string(), date_en)
        }
        _ => value.to_string(),
    }
}

/// A text with its code and parameters, rendered in French and English:
/// what a next step or an alert carries.
///
/// ```
/// use cme_core::texts::{Text, TextCode};
/// let t = Text::new(TextCode::SuiviAVenir).with("label", "Suivi à 6 mois").with("months", 6);
/// assert_eq!(t.fr, "Suivi à 6 mois : prévu 6 mois après la sortie.");
/// assert_eq!(t.en, "Suivi à 6 mois: due 6 months after the exit.");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The text's code.
    pub code: TextCode,
    /// Its parameters.
    pub params: BTreeMap<String, String>,
    /// Rendered in French.
    pub fr: String,
    /// Rendered in English.
    pub en: String,
}

impl Text {
    /// A text without parameters yet.
    pub fn new(code: TextCode) -> Text {
        let mut t = Text {
            code,
            params: BTreeMap::new(),
            fr: String::new(),
            en: String::new(),
        };
        t.render();
        t
    }

    /// Adds a parameter and renders again.
    pub fn with(mut self, name: &str, value: impl std::fmt::Display) -> Text {
        self.params.insert(name.to_string(), value.to_string());
        self.render();
        self
    }

    /// Appends another text of the catalogue (the service's stage after a
    /// step), its parameters merged.
    pub fn then(mut self, other: Text) -> Text {
        self.fr = format!("{} {}", self.fr, other.fr);
        self.en = format!("{} {}", self.en, other.en);
        self.params.extend(other.params);
        self
    }

    /// Puts another text before this one (« Si le dossier le demande : »).
    pub fn after(mut self, other: Text) -> Text {
        self.fr = format!("{} {}", other.fr, self.fr);
        self.en = format!("{} {}", other.en, self.en);
        self.params.extend(other.params);
        self
    }

    fn render(&mut self) {
        self.fr = render(self.code, &self.params, Lang::Fr);
        self.en = render(self.code, &self.params, Lang::En);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(t: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut rest = t;
        while let Some(start) = rest.find('{') {
            let after = &rest[start + 1..];
            let end = after.find('}').expect("unclosed placeholder");
            let inner = &after[..end];
            out.push(inner.split(':').next().unwrap_or(inner).to_string());
            rest = &after[end + 1..];
        }
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn every_text_has_both_languages_using_its_declared_params() {
        for code in TextCode::ALL {
            let mut declared: Vec<String> = code.params().iter().map(|p| p.to_string()).collect();
            declared.sort();
            for lang in [Lang::Fr, Lang::En] {
                let t = code.template(lang);
                assert!(!t.is_empty(), "{}", code.code());
                let used = placeholders(t);
                assert!(
                    used.iter().all(|u| declared.contains(u)),
                    "{} {:?}",
                    code.code(),
                    used
                );
            }
            // together, the two languages use every declared parameter (a
            // refused event's message is one parameter per language)
            let mut both = placeholders(code.template(Lang::Fr));
            both.extend(placeholders(code.template(Lang::En)));
            both.sort();
            both.dedup();
            assert_eq!(both, declared, "{}", code.code());
            assert_eq!(TextCode::from_code(code.code()), Some(*code));
        }
    }

    #[test]
    fn days_and_dates_are_rendered_per_language() {
        let t = Text::new(TextCode::SuiviRealiseEnRetard)
            .with("label", "Suivi")
            .with("date", "2025-01-18")
            .with("late", 1);
        assert_eq!(
            t.fr,
            "Suivi : réalisé le 18 janvier 2025, 1 jour après l'échéance."
        );
        assert_eq!(
            t.en,
            "Suivi: done on 18 January 2025, 1 day after the deadline."
        );
    }
}
