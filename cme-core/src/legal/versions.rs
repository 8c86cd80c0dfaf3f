//! The dated versions of every rule of the legal calendar, each chosen by
//! the date of the fact its text names.
//!
//! The two thresholds of décret n° 2022-372 (R4624-29, R4624-31) follow the
//! **start of the sick leave** (art. 6: "arrêts de travail commençant après
//! cette date"); who may ask for a pré-reprise follows the **date of the
//! request** (L4624-2-4); the rendez-vous de liaison the **date of the
//! meeting**; a measure the **date it starts** (or of the request, for the
//! transition professionnelle); who performs a visit, the **date of the
//! visit** (décret n° 2022-679); who asks for the reprise of a worker with
//! several employers, the **date of the return** (décret n° 2023-547).
//!
//! ```
//! use cme_pdp::legal::{version_for, RulePart};
//! let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! // A meeting on 31 March 2022 is under the new law…
//! assert_eq!(version_for(RulePart::RendezVousLiaison, d(2022, 3, 31)).id, "liaison_2022");
//! // …but a leave that starts that day keeps the old reprise threshold.
//! assert_eq!(version_for(RulePart::RepriseSeuil, d(2022, 3, 31)).id, "reprise_2017");
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::codes::code_enum;
use crate::explain::Source;
use crate::sources::LegalCode;

code_enum! {
    /// A part of the legal calendar that has dated versions of its own.
    ///
    /// ```
    /// use cme_pdp::{legal::RulePart, codes::Code};
    /// assert_eq!(RulePart::PreRepriseDemandeurs.code(), "pre_reprise_demandeurs");
    /// ```
    pub enum RulePart: "rule_part" {
        RendezVousLiaison = "rendez_vous_liaison", "Rendez-vous de liaison", "Liaison meeting (rendez-vous de liaison)";
        PreRepriseSeuil = "pre_reprise_seuil", "Visite de pré-reprise : durée d'arrêt requise", "Pre-return visit: required length of leave";
        PreRepriseDemandeurs = "pre_reprise_demandeurs", "Visite de pré-reprise : qui peut la demander", "Pre-return visit: who may request it";
        RepriseSeuil = "reprise_seuil", "Visite de reprise : cas obligatoires", "Return-to-work visit: when it is mandatory";
        RepriseMultiEmployeurs = "reprise_multi_employeurs", "Visite de reprise : qui la demande (plusieurs employeurs)", "Return-to-work visit: who requests it (several employers)";
        RealisationVisite = "realisation_visite", "Qui réalise la visite, et comment", "Who carries out the visit, and how";
        MiCarriere = "mi_carriere", "Visite de mi-carrière", "Mid-career visit";
        EntretienParcours = "entretien_parcours_professionnel", "Entretien de parcours professionnel après la visite de mi-carrière", "Career interview after the mid-career visit";
        EssaiEncadre = "essai_encadre", "Essai encadré", "Supervised trial (essai encadré)";
        Crpe = "crpe", "Convention de rééducation professionnelle en entreprise (CRPE)", "In-company vocational rehabilitation agreement (CRPE)";
        TransitionPro = "transition_professionnelle", "Projet de transition professionnelle : condition d'ancienneté", "Career transition project: length-of-service condition";
    }
}

code_enum! {
    /// The fact whose date chooses a rule's version.
    ///
    /// ```
    /// use cme_pdp::{legal::FactDate, codes::Code};
    /// assert_eq!(FactDate::DebutArret.code(), "debut_arret");
    /// ```
    pub enum FactDate: "fact_date" {
        DebutArret = "debut_arret", "Début de l'arrêt de travail (de l'absence continue)", "Start of the sick leave (of the continuous absence)";
        DateRendezVous = "date_rendez_vous", "Date du rendez-vous", "Date of the meeting";
        DateDemande = "date_demande", "Date de la demande", "Date of the request";
        DateReprise = "date_reprise", "Date de la reprise du travail", "Date of the return to work";
        DateVisite = "date_visite", "Date de la visite", "Date of the visit";
        AnneeVisite = "annee_visite", "Fin de la période où la visite est due", "End of the period when the visit is due";
        DebutMesure = "debut_mesure", "Date de début de la mesure", "Start date of the measure";
    }
}

impl RulePart {
    /// The fact whose date chooses this part's version.
    ///
    /// ```
    /// use cme_pdp::legal::{FactDate, RulePart};
    /// assert_eq!(RulePart::PreRepriseSeuil.fact(), FactDate::DebutArret);
    /// assert_eq!(RulePart::PreRepriseDemandeurs.fact(), FactDate::DateDemande);
    /// ```
    pub const fn fact(self) -> FactDate {
        match self {
            RulePart::RendezVousLiaison => FactDate::DateRendezVous,
            RulePart::PreRepriseSeuil | RulePart::RepriseSeuil => FactDate::DebutArret,
            RulePart::PreRepriseDemandeurs | RulePart::TransitionPro => FactDate::DateDemande,
            RulePart::RepriseMultiEmployeurs => FactDate::DateReprise,
            RulePart::RealisationVisite | RulePart::EntretienParcours => FactDate::DateVisite,
            RulePart::MiCarriere => FactDate::AnneeVisite,
            RulePart::EssaiEncadre | RulePart::Crpe => FactDate::DebutMesure,
        }
    }
}

/// One version of a rule part, valid on `[from, to)` by the date of its
/// fact.
///
/// ```
/// let v = cme_pdp::legal::version_for(cme_pdp::legal::RulePart::PreRepriseSeuil,
///     chrono::NaiveDate::from_ymd_opt(2022, 3, 31).unwrap());
/// assert_eq!(v.id, "pre_reprise_2017");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RuleVersion {
    /// Stable id of the version.
    pub id: &'static str,
    /// The rule part.
    pub part: RulePart,
    /// First day of validity (`None`: unbounded).
    pub from: Option<NaiveDate>,
    /// First day it no longer applies (`None`: still in force).
    pub to: Option<NaiveDate>,
    /// Articles, each with the date its cited version applies from.
    pub articles: &'static [(LegalCode, &'static str, &'static str)],
    /// Documents of the bibliography (a decree or law cited as a whole).
    pub documents: &'static [&'static str],
    /// What the version says, in French.
    pub summary: &'static str,
    /// What the version says, in English.
    pub summary_en: &'static str,
}

impl RuleVersion {
    /// Whether the version applies to a fact on `date`.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date < t)
    }

    /// The articles and documents as sources (the project's readings when
    /// the period is not encoded).
    pub fn sources(&self) -> Vec<Source> {
        let mut out: Vec<Source> = self
            .articles
            .iter()
            .map(|(code, article, version)| Source::article(*code, article, version))
            .collect();
        out.extend(self.documents.iter().map(|d| Source::document(d, "")));
        if out.is_empty() {
            out.push(Source::reading("périodes non encodées"));
        }
        out
    }
}

const fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => NaiveDate::MIN,
    }
}

/// First day of the sick leaves that follow the new thresholds of décret
/// n° 2022-372 (leaves that start *after* 31 March 2022, art. 6).
pub const NEW_THRESHOLDS_FROM: NaiveDate = date(2022, 4, 1);
/// Entry into force of the PDP provisions of loi n° 2021-1018 and décrets
/// n° 2022-372 and 2022-373: facts from this day on (a meeting, a request,
/// a measure) follow them.
pub const PDP_IN_FORCE: NaiveDate = date(2022, 3, 31);
/// First day of the rules encoded for the earlier period (décret n°
/// 2012-135 du 30 janvier 2012, in force on 1 July 2012).
pub const ENCODED_FROM: NaiveDate = date(2012, 7, 1);
/// Renumbering of the R4624 articles by décret n° 2016-1908 (R4624-20 →
/// R4624-29; R4624-22 and R4624-23 → R4624-31 and R4624-32).
pub const RENUMBERED_FROM: NaiveDate = date(2017, 1, 1);
/// Entry into force of décret n° 2022-679 (visits by a nurse under a
/// written protocol, télésanté).
pub const DELEGATION_FROM: NaiveDate = date(2022, 4, 28);
/// Entry into force of décret n° 2023-547 (workers with several employers).
pub const MULTI_EMPLOYERS_FROM: NaiveDate = date(2023, 7, 2);
/// Default entry into force of the entretien de parcours professionnel of
/// loi n° 2025-989 (*to confirm*: 26 October 2025 or 1 October 2026; a
/// parameter, [`crate::legal::LegalOptions::entretien_parcours_from`]).
pub const ENTRETIEN_PARCOURS_DEFAULT_FROM: NaiveDate = date(2025, 10, 26);
/// The later of the two readings of that date.
pub const ENTRETIEN_PARCOURS_LATEST_FROM: NaiveDate = date(2026, 10, 1);

use LegalCode::{SecuriteSociale as Css, Travail as Ct};

const UNENCODED: &str = "Période antérieure au 1er juillet 2012 : règles non encodées par cme.";
const UNENCODED_EN: &str = "Period before 1 July 2012: rules not encoded by cme.";

/// Never used: every part has versions (tested); a value for the type.
const FALLBACK: RuleVersion = RuleVersion {
    id: "non_encodee",
    part: RulePart::RendezVousLiaison,
    from: None,
    to: None,
    articles: &[],
    documents: &[],
    summary: UNENCODED,
    summary_en: UNENCODED_EN,
};

/// Every version of every rule part.
pub const VERSIONS: &[RuleVersion] = &[
    // Rendez-vous de liaison: by the date of the meeting.
    RuleVersion { id: "liaison_non_encodee", part: RulePart::RendezVousLiaison, from: None, to: Some(ENCODED_FROM), articles: &[], documents: &[], summary: UNENCODED, summary_en: UNENCODED_EN },
    RuleVersion { id: "liaison_inexistant", part: RulePart::RendezVousLiaison, from: Some(ENCODED_FROM), to: Some(PDP_IN_FORCE), articles: &[], documents: &["loi_2021_1018"], summary: "Le rendez-vous de liaison n'existait pas avant le 31 mars 2022 (créé par la loi n° 2021-1018).", summary_en: "The liaison meeting did not exist before 31 March 2022 (created by loi n° 2021-1018)." },
    RuleVersion { id: "liaison_2022", part: RulePart::RendezVousLiaison, from: Some(PDP_IN_FORCE), to: None, articles: &[(Ct, "L1226-1-3", "2022-03-31"), (Ct, "D1226-8-1", "2022-03-31")], documents: &[], summary: "Possible lorsque l'absence pour maladie ou accident dure plus de 30 jours ; à l'initiative de l'employeur ou du salarié ; le SPST y est associé ; le refus du salarié est sans conséquence ; aucune information médicale n'y est échangée.", summary_en: "Possible when the absence for illness or accident lasts more than 30 days; at the initiative of the employer or the employee; the occupational health service takes part; the employee's refusal has no consequence; no medical information is exchanged." },
    // Pré-reprise, threshold: by the start of the leave.
    RuleVersion { id: "pre_reprise_non_encodee", part: RulePart::PreRepriseSeuil, from: None, to: Some(ENCODED_FROM), articles: &[], documents: &[], summary: UNENCODED, summary_en: UNENCODED_EN },
    RuleVersion { id: "pre_reprise_2012", part: RulePart::PreRepriseSeuil, from: Some(ENCODED_FROM), to: Some(RENUMBERED_FROM), articles: &[(Ct, "R4624-20", "2012-07-01")], documents: &[], summary: "Possible lorsque l'arrêt dure plus de 3 mois.", summary_en: "Possible when the leave lasts more than 3 months." },
    RuleVersion { id: "pre_reprise_2017", part: RulePart::PreRepriseSeuil, from: Some(RENUMBERED_FROM), to: Some(NEW_THRESHOLDS_FROM), articles: &[(Ct, "R4624-29", "2017-01-01")], documents: &[], summary: "Possible lorsque l'arrêt dure plus de 3 mois (seuil maintenu pour les arrêts commencés au plus tard le 31 mars 2022, décret n° 2022-372, art. 6).", summary_en: "Possible when the leave lasts more than 3 months (threshold kept for leaves that began on or before 31 March 2022, décret n° 2022-372, art. 6)." },
    RuleVersion { id: "pre_reprise_2022", part: RulePart::PreRepriseSeuil, from: Some(NEW_THRESHOLDS_FROM), to: None, articles: &[(Ct, "R4624-29", "2022-03-31")], documents: &[], summary: "Possible lorsque l'arrêt dure plus de 30 jours (arrêts commencés après le 31 mars 2022).", summary_en: "Possible when the leave lasts more than 30 days (leaves that began after 31 March 2022)." },
    // Pré-reprise, who may ask: by the date of the request.
    RuleVersion { id: "demandeurs_non_encodes", part: RulePart::PreRepriseDemandeurs, from: None, to: Some(ENCODED_FROM), articles: &[], documents: &[], summary: UNENCODED, summary_en: UNENCODED_EN },
    RuleVersion { id: "demandeurs_2012", part: RulePart::PreRepriseDemandeurs, from: Some(ENCODED_FROM), to: Some(RENUMBERED_FROM), articles: &[(Ct, "R4624-20", "2012-07-01")], documents: &[], summary: "Demandée par le salarié, le médecin traitant ou le médecin conseil.", summary_en: "Requested by the employee, the general practitioner or the médecin conseil." },
    RuleVersion { id: "demandeurs_2017", part: RulePart::PreRepriseDemandeurs, from: Some(RENUMBERED_FROM), to: Some(PDP_IN_FORCE), articles: &[(Ct, "R4624-29", "2017-01-01")], documents: &[], summary: "Demandée par le salarié, le médecin traitant ou le médecin conseil.", summary_en: "Requested by the employee, the general practitioner or the médecin conseil." },
    RuleVersion { id: "demandeurs_2022", part: RulePart::PreRepriseDemandeurs, from: Some(PDP_IN_FORCE), to: None, articles: &[(Ct, "L4624-2-4", "2022-03-31"), (Ct, "R4624-29", "2022-03-31")], documents: &[], summary: "Demandée par le salarié, le médecin traitant, le médecin conseil ou le médecin du travail — jamais par l'employeur, qui informe le salarié de cette possibilité.", summary_en: "Requested by the employee, the general practitioner, the médecin conseil or the médecin du travail — never by the employer, who tells the employee of this possibility." },
    // Reprise, mandatory cases: by the start of the leave.
    RuleVersion { id: "reprise_non_encodee", part: RulePart::RepriseSeuil, from: None, to: Some(ENCODED_FROM), articles: &[], documents: &[], summary: UNENCODED, summary_en: UNENCODED_EN },
    RuleVersion { id: "reprise_2012", part: RulePart::RepriseSeuil, from: Some(ENCODED_FROM), to: Some(RENUMBERED_FROM), articles: &[(Ct, "R4624-22", "2012-07-01"), (Ct, "R4624-23", "2012-07-01")], documents: &[], summary: "Obligatoire après un congé de maternité, une maladie professionnelle, un accident du travail d'au moins 30 jours, une maladie ou un accident non professionnel d'au moins 30 jours ; au plus tard dans les 8 jours de la reprise.", summary_en: "Mandatory after maternity leave, an occupational disease, a work accident of at least 30 days, a non-occupational illness or accident of at least 30 days; within 8 days of the return at the latest." },
    RuleVersion { id: "reprise_2017", part: RulePart::RepriseSeuil, from: Some(RENUMBERED_FROM), to: Some(NEW_THRESHOLDS_FROM), articles: &[(Ct, "R4624-31", "2017-01-01"), (Ct, "R4624-32", "2017-01-01")], documents: &[], summary: "Obligatoire après un congé de maternité, une maladie professionnelle, un accident du travail d'au moins 30 jours, une maladie ou un accident non professionnel d'au moins 30 jours ; au plus tard dans les 8 jours de la reprise (seuil maintenu pour les arrêts commencés au plus tard le 31 mars 2022).", summary_en: "Mandatory after maternity leave, an occupational disease, a work accident of at least 30 days, a non-occupational illness or accident of at least 30 days; within 8 days of the return at the latest (threshold kept for leaves that began on or before 31 March 2022)." },
    RuleVersion { id: "reprise_2022", part: RulePart::RepriseSeuil, from: Some(NEW_THRESHOLDS_FROM), to: None, articles: &[(Ct, "L4624-2-3", "2022-03-31"), (Ct, "R4624-31", "2022-03-31")], documents: &[], summary: "Obligatoire après un congé de maternité, une maladie professionnelle, un accident du travail d'au moins 30 jours, une maladie ou un accident non professionnel d'au moins 60 jours ; au plus tard dans les 8 jours de la reprise.", summary_en: "Mandatory after maternity leave, an occupational disease, a work accident of at least 30 days, a non-occupational illness or accident of at least 60 days; within 8 days of the return at the latest." },
    // Reprise of a worker with several employers: by the date of return.
    RuleVersion { id: "multi_employeurs_avant_2023", part: RulePart::RepriseMultiEmployeurs, from: None, to: Some(MULTI_EMPLOYERS_FROM), articles: &[], documents: &["decret_2023_547"], summary: "Avant le 2 juillet 2023, aucune règle propre aux salariés de plusieurs employeurs : l'employeur saisit le service.", summary_en: "Before 2 July 2023, no rule specific to employees with several employers: the employer refers the employee to the service." },
    RuleVersion { id: "multi_employeurs_2023", part: RulePart::RepriseMultiEmployeurs, from: Some(MULTI_EMPLOYERS_FROM), to: None, articles: &[(Ct, "D4624-59", "2023-07-02")], documents: &["decret_2023_547"], summary: "Salarié de plusieurs employeurs : suivi par le service de l'employeur principal (contrat le plus ancien) ; la reprise est demandée par l'employeur principal après un congé de maternité, une absence non professionnelle d'au moins 60 jours ou une maladie professionnelle, et par l'employeur qui a déclaré l'accident après un accident du travail d'au moins 30 jours.", summary_en: "Employee with several employers: followed by the service of the principal employer (oldest contract); the return-to-work visit is requested by the principal employer after maternity leave, a non-occupational absence of at least 60 days or an occupational disease, and by the employer who declared the accident after a work accident of at least 30 days." },
    // Who performs a visit: by the date of the visit.
    RuleVersion { id: "realisation_medecin", part: RulePart::RealisationVisite, from: None, to: Some(DELEGATION_FROM), articles: &[], documents: &["decret_2022_679"], summary: "Avant le 28 avril 2022, les visites de pré-reprise et de reprise sont réalisées par le médecin du travail.", summary_en: "Before 28 April 2022, pre-return and return-to-work visits are carried out by the médecin du travail." },
    RuleVersion { id: "realisation_2022", part: RulePart::RealisationVisite, from: Some(DELEGATION_FROM), to: None, articles: &[(Ct, "R4624-41-1", "2022-04-28")], documents: &["decret_2022_679"], summary: "Depuis le 28 avril 2022, les visites de pré-reprise, de reprise et de mi-carrière peuvent être réalisées par un infirmier en santé au travail dans le cadre d'un protocole écrit, et à distance (télésanté) ; seul le médecin du travail émet un avis d'inaptitude ou des propositions de mesures.", summary_en: "Since 28 April 2022, pre-return, return-to-work and mid-career visits may be carried out by an occupational health nurse under a written protocol, and remotely (telehealth); only the médecin du travail issues an unfitness opinion or proposals of measures." },
    // Mi-carrière: by the end of the period it is due in.
    RuleVersion { id: "mi_carriere_inexistante", part: RulePart::MiCarriere, from: None, to: Some(PDP_IN_FORCE), articles: &[], documents: &["loi_2021_1018"], summary: "La visite de mi-carrière n'existait pas avant le 31 mars 2022 (créée par la loi n° 2021-1018).", summary_en: "The mid-career visit did not exist before 31 March 2022 (created by loi n° 2021-1018)." },
    RuleVersion { id: "mi_carriere_2022", part: RulePart::MiCarriere, from: Some(PDP_IN_FORCE), to: None, articles: &[(Ct, "L4624-2-2", "2022-03-31")], documents: &[], summary: "Organisée à l'échéance fixée par accord de branche ou, à défaut, durant l'année civile du 45e anniversaire ; peut être réalisée avec une autre visite prévue dans les deux ans qui précèdent.", summary_en: "Held at the time set by a branch agreement or, failing one, during the calendar year of the 45th birthday; may be combined with another visit due in the two previous years." },
    // Entretien de parcours professionnel: by the date of the mi-carrière
    // visit; the boundary is a parameter (to confirm).
    RuleVersion { id: "entretien_parcours_inexistant", part: RulePart::EntretienParcours, from: None, to: Some(ENTRETIEN_PARCOURS_DEFAULT_FROM), articles: &[], documents: &["loi_2025_989"], summary: "Avant l'entrée en vigueur de la loi n° 2025-989, la visite de mi-carrière n'est pas suivie d'un entretien de parcours professionnel.", summary_en: "Before loi n° 2025-989 came into force, the mid-career visit is not followed by a career interview." },
    RuleVersion { id: "entretien_parcours_2025", part: RulePart::EntretienParcours, from: Some(ENTRETIEN_PARCOURS_DEFAULT_FROM), to: None, articles: &[], documents: &["loi_2025_989"], summary: "Un entretien de parcours professionnel avec l'employeur suit la visite de mi-carrière (loi n° 2025-989 ; date d'entrée en vigueur à confirmer : 26 octobre 2025 ou 1er octobre 2026).", summary_en: "A career interview with the employer follows the mid-career visit (loi n° 2025-989; date of entry into force to be confirmed: 26 October 2025 or 1 October 2026)." },
    // Measures: by the date they start (or are asked for).
    RuleVersion { id: "essai_encadre_inexistant", part: RulePart::EssaiEncadre, from: None, to: Some(PDP_IN_FORCE), articles: &[], documents: &["loi_2021_1018"], summary: "L'essai encadré de l'article L323-3-1 n'existait pas avant le 31 mars 2022.", summary_en: "The supervised trial of article L323-3-1 did not exist before 31 March 2022." },
    RuleVersion { id: "essai_encadre_2022", part: RulePart::EssaiEncadre, from: Some(PDP_IN_FORCE), to: None, articles: &[(Css, "L323-3-1", "2022-03-31"), (Css, "D323-6", "2022-03-31"), (Css, "D323-6-3", "2022-03-31")], documents: &[], summary: "Pendant l'arrêt, à la demande du travailleur, après évaluation du service social de la Carsat et avec l'accord du médecin traitant, du médecin conseil et du médecin du travail : 14 jours ouvrables au plus, renouvelable une fois (28 au total) ; travailleurs du régime général.", summary_en: "During the leave, at the worker's request, after assessment by the Carsat social service and with the agreement of the general practitioner, the médecin conseil and the médecin du travail: 14 working days at most, renewable once (28 in total); workers of the general scheme." },
    RuleVersion { id: "crpe_rqth", part: RulePart::Crpe, from: None, to: Some(PDP_IN_FORCE), articles: &[(Ct, "L5213-3-1", "2012-07-01")], documents: &[], summary: "Avant le 31 mars 2022, la CRPE est réservée aux travailleurs reconnus handicapés (RQTH).", summary_en: "Before 31 March 2022, the CRPE is reserved for workers recognised as disabled (RQTH)." },
    RuleVersion { id: "crpe_2022", part: RulePart::Crpe, from: Some(PDP_IN_FORCE), to: None, articles: &[(Ct, "L5213-3-1", "2022-03-31"), (Ct, "L1226-1-4", "2022-03-31"), (Ct, "R5213-15", "2022-03-31")], documents: &[], summary: "Pour un travailleur déclaré inapte, ou pour qui le médecin du travail a identifié un risque d'inaptitude, pendant un arrêt indemnisé (indemnités journalières) : convention tripartite de 18 mois au plus.", summary_en: "For a worker declared unfit, or for whom the médecin du travail has identified a risk of unfitness, during a compensated leave (daily allowances): a tripartite agreement of 18 months at most." },
    RuleVersion { id: "transition_pro_sans_derogation", part: RulePart::TransitionPro, from: None, to: Some(PDP_IN_FORCE), articles: &[], documents: &["loi_2021_1018"], summary: "Avant le 31 mars 2022, une absence pour maladie ou accident ne lève pas la condition d'ancienneté du projet de transition professionnelle.", summary_en: "Before 31 March 2022, an absence for illness or accident does not waive the length-of-service condition of the career transition project." },
    RuleVersion { id: "transition_pro_2022", part: RulePart::TransitionPro, from: Some(PDP_IN_FORCE), to: None, articles: &[(Ct, "L6323-17-2", "2022-03-31"), (Ct, "D6323-9", "2022-03-31")], documents: &[], summary: "La condition d'ancienneté est levée après, dans les 24 mois précédents, une absence pour maladie professionnelle ou d'au moins 6 mois, consécutifs ou non, pour maladie ou accident ; elle n'est jamais exigée des bénéficiaires de l'obligation d'emploi ni des salariés réemployés après un licenciement pour inaptitude sans formation entre-temps.", summary_en: "The length-of-service condition is waived after, in the previous 24 months, an absence for occupational disease or of at least 6 months, consecutive or not, for illness or accident; it is never required of beneficiaries of the employment obligation nor of employees re-employed after a dismissal for unfitness without training in between." },
];

code_enum! {
    /// The two thresholds of décret n° 2022-372 applied to every sick
    /// leave, whatever its start, to compare the rules (an option of the
    /// calendar: by default each leave has the version its start chooses).
    ///
    /// ```
    /// use cme_pdp::{legal::Thresholds, codes::Code};
    /// assert_eq!(Thresholds::Depuis2022.code(), "depuis_2022");
    /// ```
    pub enum Thresholds: "thresholds" {
        Avant2022 = "avant_2022", "Seuils antérieurs au décret n° 2022-372 (pré-reprise après plus de 3 mois d'arrêt ; reprise après au moins 30 jours pour une maladie ou un accident non professionnels)", "Thresholds before décret n° 2022-372 (pre-return visit after more than 3 months of leave; return-to-work visit after at least 30 days for a non-occupational illness or accident)";
        Depuis2022 = "depuis_2022", "Seuils du décret n° 2022-372 (pré-reprise après plus de 30 jours d'arrêt ; reprise après au moins 60 jours pour une maladie ou un accident non professionnels)", "Thresholds of décret n° 2022-372 (pre-return visit after more than 30 days of leave; return-to-work visit after at least 60 days for a non-occupational illness or accident)";
    }
}

/// The version of a threshold part imposed by [`Thresholds`] (the last
/// before 31 March 2022, or the first after), `None` for another part or
/// without the option.
///
/// ```
/// use cme_pdp::legal::{pinned_version, RulePart, Thresholds};
/// assert_eq!(pinned_version(RulePart::RepriseSeuil, Some(Thresholds::Avant2022)).unwrap().id, "reprise_2017");
/// assert_eq!(pinned_version(RulePart::PreRepriseSeuil, Some(Thresholds::Depuis2022)).unwrap().id, "pre_reprise_2022");
/// assert!(pinned_version(RulePart::RendezVousLiaison, Some(Thresholds::Depuis2022)).is_none());
/// assert!(pinned_version(RulePart::RepriseSeuil, None).is_none());
/// ```
pub fn pinned_version(
    part: RulePart,
    thresholds: Option<Thresholds>,
) -> Option<&'static RuleVersion> {
    if !matches!(part, RulePart::RepriseSeuil | RulePart::PreRepriseSeuil) {
        return None;
    }
    // the leaves starting on 31 March 2022 keep the old thresholds (art. 6)
    let date = match thresholds? {
        Thresholds::Avant2022 => PDP_IN_FORCE,
        Thresholds::Depuis2022 => PDP_IN_FORCE.succ_opt()?,
    };
    Some(version_for(part, date))
}

/// The version of a rule part that applies to a fact on `date`. The
/// versions cover every date without overlap (tested), so there is always
/// one.
pub fn version_for(part: RulePart, date: NaiveDate) -> &'static RuleVersion {
    VERSIONS
        .iter()
        .find(|v| v.part == part && v.covers(date))
        .or_else(|| VERSIONS.iter().find(|v| v.part == part))
        // Unreachable: every part has versions (tested).
        .unwrap_or(&FALLBACK)
}

/// A version as it appears in an outcome.
///
/// ```
/// use cme_pdp::legal::{version_for, VersionRef, RulePart};
/// let r = VersionRef::of(version_for(RulePart::RepriseSeuil, chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap()));
/// assert_eq!((r.id.as_str(), r.from.map(|d| d.to_string())), ("reprise_2022", Some("2022-04-01".into())));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VersionRef {
    /// Version id.
    pub id: String,
    /// First day of validity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    /// First day it no longer applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
}

impl VersionRef {
    /// The reference of a version.
    pub fn of(v: &RuleVersion) -> VersionRef {
        VersionRef {
            id: v.id.to_string(),
            from: v.from,
            to: v.to,
        }
    }
}

/// A version applied in an outcome, with the fact and the date that chose
/// it.
///
/// ```
/// use cme_pdp::legal::{DatedVersion, FactDate, RulePart};
/// let d = DatedVersion::choose(RulePart::PreRepriseDemandeurs, chrono::NaiveDate::from_ymd_opt(2022, 4, 15).unwrap());
/// assert_eq!((d.version.id.as_str(), d.fact), ("demandeurs_2022", FactDate::DateDemande));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DatedVersion {
    /// The rule part.
    pub part: RulePart,
    /// The version applied.
    pub version: VersionRef,
    /// The fact whose date chose it.
    pub fact: FactDate,
    /// That date.
    pub date: NaiveDate,
}

impl DatedVersion {
    /// The version of `part` for a fact on `date`.
    pub fn choose(part: RulePart, date: NaiveDate) -> DatedVersion {
        DatedVersion {
            part,
            version: VersionRef::of(version_for(part, date)),
            fact: part.fact(),
            date,
        }
    }
}
