//! The legal calendar around a sick leave: rendez-vous de liaison, visite de
//! pré-reprise, visite de reprise, visite de mi-carrière (LEGAL.md).
//!
//! **Rules are dated.** Each rule has versions with half-open validity
//! intervals `[from, to)` ([`VERSIONS`]); the version is chosen by the date
//! of the *fact* — the first day of the sick leave (LEGAL.md: the new
//! thresholds apply to sick leaves that start after 31 March 2022; a leave
//! starting on 31 March 2022 keeps the old ones) — never by the evaluation
//! date, which only says what is still possible, due or past. A test sweeps
//! every day from 2012 to 2030: exactly one version of each rule applies. No
//! rule falls back to a silent default: before the first encoded version
//! (1 July 2012, décret n° 2012-135) the outcome is "indéterminée", saying so.
//!
//! **Counting days** (LEGAL.md): the length of a sick leave counts calendar
//! days with both ends included (1 to 30 April = 30 days). "More than 30
//! days" is 31 or more; "at least 60 days" is 60 or more; "more than 3
//! months" means the leave still runs on the same day three months after
//! its start (1 January → still off on 1 April).
//!
//! ```
//! use cme_core::legal::{visit_obligations_for_leave, LegalOptions, Obligation, VisitRule};
//! use cme_core::case::{SickLeave, SickLeaveCause, Worker};
//! use chrono::NaiveDate;
//!
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! let leave = SickLeave { start: d(2022, 4, 1), end: Some(d(2022, 5, 29)), end_is_expected: false,
//!                         cause: SickLeaveCause::MaladieNonProfessionnelle };
//! let out = visit_obligations_for_leave(&leave, &Worker::default(), None, d(2022, 6, 15), &LegalOptions::default());
//! let reprise = out.iter().find(|o| o.rule == VisitRule::Reprise).unwrap();
//! // 59 days of non-professional illness, leave started after 31 March 2022: not mandatory (60 needed)
//! assert_eq!(reprise.obligation, Obligation::NonApplicable);
//! assert_eq!(reprise.version.id, "reprise_2022");
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::case::{Case, Requester, SickLeave, SickLeaveCause, SourceVisit, Worker};
use crate::codes::{code_enum, Code};
use crate::deadlines::{add_days, add_months};
use crate::explain::{days_fr, MissingFact, Reason, Source};

code_enum! {
    /// The visit rules around a sick leave (LEGAL.md).
    ///
    /// ```
    /// use cme_core::{legal::VisitRule, codes::Code};
    /// assert_eq!(VisitRule::PreReprise.code(), "pre_reprise");
    /// ```
    pub enum VisitRule: "visit_rule" {
        RendezVousLiaison = "rendez_vous_liaison", "Rendez-vous de liaison";
        PreReprise = "pre_reprise", "Visite de pré-reprise";
        Reprise = "reprise", "Visite de reprise";
        MiCarriere = "mi_carriere", "Visite de mi-carrière";
    }
}

code_enum! {
    /// The outcome of a visit rule.
    ///
    /// ```
    /// use cme_core::{legal::Obligation, codes::Code};
    /// assert_eq!(Obligation::DemandeIrrecevable.code(), "demande_irrecevable");
    /// ```
    pub enum Obligation: "visit_obligation" {
        Obligatoire = "obligatoire", "Obligatoire";
        Possible = "possible", "Possible";
        NonApplicable = "non_applicable", "Ne s'applique pas";
        Indeterminee = "indeterminee", "Indéterminée (fait manquant ou règle non encodée)";
        DemandeIrrecevable = "demande_irrecevable", "Demande irrecevable (demandeur non habilité)";
    }
}

/// One version of a rule, valid on `[from, to)` by the date of the fact.
///
/// ```
/// let v = cme_core::legal::version_for(cme_core::legal::VisitRule::PreReprise,
///     chrono::NaiveDate::from_ymd_opt(2022, 3, 31).unwrap());
/// assert_eq!(v.id, "pre_reprise_2012");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleVersion {
    /// Stable id of the version.
    pub id: &'static str,
    /// The rule.
    pub rule: VisitRule,
    /// First day of validity (`None`: unbounded).
    pub from: Option<NaiveDate>,
    /// First day it no longer applies (`None`: still in force).
    pub to: Option<NaiveDate>,
    /// Articles, with the date their version applies from.
    pub articles: &'static [(&'static str, &'static str)],
    /// What the version says, in French.
    pub summary: &'static str,
}

impl RuleVersion {
    /// Whether the version applies to a fact on `date`.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date < t)
    }

    /// The articles as sources.
    pub fn sources(&self) -> Vec<Source> {
        if self.articles.is_empty() {
            return vec![Source::legal(
                "règles antérieures au 1er juillet 2012, non encodées",
            )];
        }
        self.articles
            .iter()
            .map(|(article, version)| Source::article("Code du travail", article, version))
            .collect()
    }
}

const fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => NaiveDate::MIN,
    }
}

/// First day of the sick leaves that follow the new thresholds (LEGAL.md:
/// leaves that start *after* 31 March 2022).
pub const NEW_THRESHOLDS_FROM: NaiveDate = date(2022, 4, 1);
/// Entry into force of the PDP provisions (loi n° 2021-1018, décrets n°
/// 2022-372 and 2022-373).
pub const PDP_IN_FORCE: NaiveDate = date(2022, 3, 31);
/// First day of the rules encoded for the earlier period (décret n°
/// 2012-135 du 30 janvier 2012, in force on 1 July 2012).
pub const ENCODED_FROM: NaiveDate = date(2012, 7, 1);

/// Every version of every visit rule.
pub const VERSIONS: [RuleVersion; 11] = [
    RuleVersion {
        id: "liaison_non_encodee",
        rule: VisitRule::RendezVousLiaison,
        from: None,
        to: Some(ENCODED_FROM),
        articles: &[],
        summary: "Période antérieure au 1er juillet 2012 : règles non encodées par cme.",
    },
    RuleVersion {
        id: "liaison_inexistant",
        rule: VisitRule::RendezVousLiaison,
        from: Some(ENCODED_FROM),
        to: Some(NEW_THRESHOLDS_FROM),
        articles: &[("L1226-1-3", "2022-03-31")],
        summary: "Le rendez-vous de liaison n'existait pas pour les arrêts commençant avant le 1er avril 2022.",
    },
    RuleVersion {
        id: "liaison_2022",
        rule: VisitRule::RendezVousLiaison,
        from: Some(NEW_THRESHOLDS_FROM),
        to: None,
        articles: &[("L1226-1-3", "2022-03-31"), ("D1226-8-1", "2022-03-31")],
        summary: "Possible lorsque l'absence pour maladie ou accident dure plus de 30 jours ; à l'initiative de l'employeur ou du salarié ; le SPST y est associé ; le refus du salarié est sans conséquence ; aucune information médicale n'y est échangée.",
    },
    RuleVersion {
        id: "pre_reprise_non_encodee",
        rule: VisitRule::PreReprise,
        from: None,
        to: Some(ENCODED_FROM),
        articles: &[],
        summary: "Période antérieure au 1er juillet 2012 : règles non encodées par cme.",
    },
    RuleVersion {
        id: "pre_reprise_2012",
        rule: VisitRule::PreReprise,
        from: Some(ENCODED_FROM),
        to: Some(NEW_THRESHOLDS_FROM),
        articles: &[("R4624-29", "2012-07-01"), ("R4624-30", "2012-07-01")],
        summary: "Possible lorsque l'arrêt dure plus de 3 mois ; demandée par le salarié, le médecin traitant ou le médecin conseil.",
    },
    RuleVersion {
        id: "pre_reprise_2022",
        rule: VisitRule::PreReprise,
        from: Some(NEW_THRESHOLDS_FROM),
        to: None,
        articles: &[("L4624-2-4", "2022-03-31"), ("R4624-29", "2022-03-31"), ("R4624-30", "2022-03-31")],
        summary: "Possible lorsque l'arrêt dure plus de 30 jours ; demandée par le salarié, le médecin traitant, le médecin conseil ou le médecin du travail — jamais par l'employeur.",
    },
    RuleVersion {
        id: "reprise_non_encodee",
        rule: VisitRule::Reprise,
        from: None,
        to: Some(ENCODED_FROM),
        articles: &[],
        summary: "Période antérieure au 1er juillet 2012 : règles non encodées par cme.",
    },
    RuleVersion {
        id: "reprise_2012",
        rule: VisitRule::Reprise,
        from: Some(ENCODED_FROM),
        to: Some(NEW_THRESHOLDS_FROM),
        articles: &[("R4624-31", "2012-07-01")],
        summary: "Obligatoire après un congé de maternité, une maladie professionnelle, un accident du travail d'au moins 30 jours, une maladie ou un accident non professionnel d'au moins 30 jours ; au plus tard dans les 8 jours de la reprise.",
    },
    RuleVersion {
        id: "reprise_2022",
        rule: VisitRule::Reprise,
        from: Some(NEW_THRESHOLDS_FROM),
        to: None,
        articles: &[("L4624-2-3", "2022-03-31"), ("R4624-31", "2022-03-31")],
        summary: "Obligatoire après un congé de maternité, une maladie professionnelle, un accident du travail d'au moins 30 jours, une maladie ou un accident non professionnel d'au moins 60 jours ; au plus tard dans les 8 jours de la reprise.",
    },
    RuleVersion {
        id: "mi_carriere_inexistante",
        rule: VisitRule::MiCarriere,
        from: None,
        to: Some(PDP_IN_FORCE),
        articles: &[("L4624-2-2", "2022-03-31")],
        summary: "La visite de mi-carrière n'existait pas avant le 31 mars 2022.",
    },
    RuleVersion {
        id: "mi_carriere_2022",
        rule: VisitRule::MiCarriere,
        from: Some(PDP_IN_FORCE),
        to: None,
        articles: &[("L4624-2-2", "2022-03-31")],
        summary: "Organisée à l'échéance fixée par accord de branche ou, à défaut, durant l'année civile du 45e anniversaire ; peut être réalisée avec une autre visite prévue dans les deux ans qui précèdent.",
    },
];

/// The version of a rule that applies to a fact on `date`. The versions
/// cover every date without overlap (tested), so there is always one.
pub fn version_for(rule: VisitRule, date: NaiveDate) -> &'static RuleVersion {
    VERSIONS
        .iter()
        .find(|v| v.rule == rule && v.covers(date))
        // Unreachable: the sweep test proves the versions cover every day.
        .unwrap_or(&VERSIONS[0])
}

/// A version as it appears in an outcome.
///
/// ```
/// use cme_core::legal::{version_for, VersionRef, VisitRule};
/// let r = VersionRef::of(version_for(VisitRule::Reprise, chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap()));
/// assert_eq!((r.id.as_str(), r.from.map(|d| d.to_string())), ("reprise_2022", Some("2022-04-01".into())));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

/// The outcome of one visit rule for one sick leave (or for the worker, for
/// the mi-carrière visit).
///
/// ```
/// let case = cme_core::sample::sample_cases().unwrap().remove(0);
/// let report = cme_core::legal::visit_obligations(&case, cme_core::sample::SAMPLE_AS_OF,
///                                                 &cme_core::legal::LegalOptions::default());
/// assert!(report.leaves[0].outcomes.iter().all(|o| !o.sources.is_empty()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitOutcome {
    /// The rule.
    pub rule: VisitRule,
    /// Its outcome.
    pub obligation: Obligation,
    /// The version applied, chosen by the date of the fact.
    pub version: VersionRef,
    /// The date of the fact that chose the version.
    pub fact_date: NaiveDate,
    /// Deadline (reprise: 8 days after the return; mi-carrière: end of the
    /// year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// Start of the period (mi-carrière: 1 January of the year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_start: Option<NaiveDate>,
    /// A stable code for the decisive reason (e.g.
    /// `pre_reprise_demandee_par_employeur`).
    pub code: String,
    /// Why, in French.
    pub reasons: Vec<Reason>,
    /// The articles (with their version dates) and documents applied.
    pub sources: Vec<Source>,
    /// Facts needed to decide.
    pub missing: Vec<MissingFact>,
}

/// Options of the legal calendar.
///
/// ```
/// let o = cme_core::legal::LegalOptions { branch_agreement_age: Some(50) };
/// assert_eq!(o.branch_agreement_age, Some(50));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalOptions {
    /// The age of the mi-carrière visit set by a branch agreement (default:
    /// 45, L4624-2-2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch_agreement_age: Option<u32>,
}

struct Builder {
    version: &'static RuleVersion,
    fact_date: NaiveDate,
    reasons: Vec<Reason>,
    missing: Vec<MissingFact>,
}

impl Builder {
    fn new(rule: VisitRule, fact_date: NaiveDate) -> Builder {
        let version = version_for(rule, fact_date);
        let mut b = Builder {
            version,
            fact_date,
            reasons: Vec::new(),
            missing: Vec::new(),
        };
        b.reason(
            "version",
            format!(
                "Version appliquée : {} ({}), choisie par la date du fait.",
                version.id, version.summary
            ),
        );
        b
    }

    fn reason(&mut self, code: &str, text: String) {
        let mut r = Reason::new(code, text, self.first_source());
        for s in self.version.sources().into_iter().skip(1) {
            r = r.and(s);
        }
        self.reasons.push(r);
    }

    fn first_source(&self) -> Source {
        self.version
            .sources()
            .into_iter()
            .next()
            .unwrap_or_else(|| Source::legal("calendrier légal"))
    }

    fn done(self, obligation: Obligation, code: &str, due: Option<NaiveDate>) -> VisitOutcome {
        let mut sources = self.version.sources();
        sources.push(Source::legal("calendrier légal autour d'un arrêt"));
        VisitOutcome {
            rule: self.version.rule,
            obligation,
            version: VersionRef::of(self.version),
            fact_date: self.fact_date,
            due,
            window_start: None,
            code: code.to_string(),
            reasons: self.reasons,
            sources,
            missing: self.missing,
        }
    }
}

/// The length of a leave as known on `as_of`: its length when the end is
/// known, else the days already elapsed (a lower bound).
fn known_length(leave: &SickLeave, as_of: NaiveDate) -> (i64, bool) {
    match leave.length_days() {
        Some(n) => (n, true),
        None => (
            as_of.signed_duration_since(leave.start).num_days() + 1,
            false,
        ),
    }
}

fn leave_path(index: Option<usize>) -> String {
    index.map_or_else(
        || "sick_leaves[].end".to_string(),
        |i| format!("sick_leaves[{i}].end"),
    )
}

/// Every visit rule for one sick leave and the worker: the rendez-vous de
/// liaison, the pré-reprise (judged for `pre_reprise_requested_by` when
/// given), the reprise, and the worker's mi-carrière visit.
pub fn visit_obligations_for_leave(
    leave: &SickLeave,
    worker: &Worker,
    pre_reprise_requested_by: Option<Requester>,
    as_of: NaiveDate,
    options: &LegalOptions,
) -> Vec<VisitOutcome> {
    let mut out = vec![
        liaison(leave, None, as_of),
        pre_reprise(leave, None, pre_reprise_requested_by, as_of),
        reprise(leave, None, as_of),
    ];
    out.extend(mi_carriere(worker, options));
    out
}

fn unencoded(b: Builder) -> VisitOutcome {
    let mut b = b;
    b.reason(
        "regle_non_encodee",
        "Arrêt commencé avant le 1er juillet 2012 : cme n'encode pas les règles de cette période."
            .into(),
    );
    b.done(Obligation::Indeterminee, "regle_non_encodee", None)
}

fn liaison(leave: &SickLeave, index: Option<usize>, as_of: NaiveDate) -> VisitOutcome {
    let mut b = Builder::new(VisitRule::RendezVousLiaison, leave.start);
    match b.version.id {
        "liaison_non_encodee" => return unencoded(b),
        "liaison_inexistant" => {
            b.reason(
                "liaison_inexistant",
                "L'arrêt a commencé avant le 1er avril 2022 : le rendez-vous de liaison n'existait pas.".into(),
            );
            return b.done(Obligation::NonApplicable, "liaison_inexistant", None);
        }
        _ => {}
    }
    if leave.cause == SickLeaveCause::Maternite {
        b.reason(
            "absence_maternite",
            "Le rendez-vous de liaison concerne les absences pour maladie ou accident, pas le congé de maternité.".into(),
        );
        return b.done(Obligation::NonApplicable, "absence_maternite", None);
    }
    let (length, known) = known_length(leave, as_of);
    if length > 30 {
        b.reason(
            "absence_plus_de_30_jours",
            format!(
                "L'absence dure {}{} : plus de 30 jours. Le rendez-vous est organisé à l'initiative de l'employeur ou du salarié, le service de prévention et de santé au travail y est associé ; le salarié peut le refuser sans conséquence ; aucune information médicale n'y est échangée.",
                if known { "" } else { "déjà " },
                days_fr(length)
            ),
        );
        return b.done(Obligation::Possible, "absence_plus_de_30_jours", None);
    }
    if known {
        b.reason(
            "absence_30_jours_au_plus",
            format!(
                "L'absence dure {} : il faut plus de 30 jours.",
                days_fr(length)
            ),
        );
        return b.done(Obligation::NonApplicable, "absence_30_jours_au_plus", None);
    }
    b.missing.push(MissingFact::new(
        &leave_path(index),
        "rendez_vous_liaison",
        "La fin (prévue) de l'arrêt est nécessaire pour savoir s'il dépassera 30 jours.",
    ));
    b.reason(
        "duree_inconnue",
        format!(
            "L'arrêt dure déjà {} ; sa fin n'est pas connue.",
            days_fr(length)
        ),
    );
    b.done(Obligation::Indeterminee, "duree_inconnue", None)
}

fn pre_reprise(
    leave: &SickLeave,
    index: Option<usize>,
    requested_by: Option<Requester>,
    as_of: NaiveDate,
) -> VisitOutcome {
    let mut b = Builder::new(VisitRule::PreReprise, leave.start);
    let new = match b.version.id {
        "pre_reprise_non_encodee" => return unencoded(b),
        "pre_reprise_2012" => false,
        _ => true,
    };
    if let Some(requester) = requested_by {
        let allowed = match requester {
            Requester::Salarie | Requester::MedecinTraitant | Requester::MedecinConseil => true,
            Requester::MedecinDuTravail => new,
            Requester::Employeur | Requester::MedecinSpecialiste => false,
        };
        if !allowed {
            let code = if requester == Requester::Employeur {
                "pre_reprise_demandee_par_employeur"
            } else {
                "pre_reprise_demandeur_non_habilite"
            };
            b.reason(
                code,
                format!(
                    "{} ne peut pas demander une visite de pré-reprise ({}).",
                    requester.label_fr(),
                    if requester == Requester::Employeur {
                        "jamais l'employeur"
                    } else {
                        "demandeur non prévu par la version applicable"
                    }
                ),
            );
            return b.done(Obligation::DemandeIrrecevable, code, None);
        }
    }
    let (length, known) = known_length(leave, as_of);
    let long_enough = if new {
        length > 30
    } else {
        // "More than 3 months": still off on the same day three months later.
        let threshold = add_months(leave.start, 3);
        match leave.end {
            Some(end) => end >= threshold,
            None => as_of >= threshold,
        }
    };
    let threshold_text = if new {
        "plus de 30 jours"
    } else {
        "plus de 3 mois"
    };
    if leave.end.is_some_and(|end| end < as_of) && !leave.end_is_expected {
        b.reason(
            "arret_termine",
            "L'arrêt est terminé à la date d'évaluation : la visite de pré-reprise n'a lieu que pendant l'arrêt.".into(),
        );
        return b.done(Obligation::NonApplicable, "arret_termine", None);
    }
    if long_enough {
        b.reason(
            "arret_assez_long",
            format!(
                "L'arrêt dure {}{} : {threshold_text}. La visite peut être demandée par {}.",
                if known { "" } else { "déjà " },
                days_fr(length),
                if new {
                    "le salarié, le médecin traitant, le médecin conseil ou le médecin du travail — jamais l'employeur"
                } else {
                    "le salarié, le médecin traitant ou le médecin conseil"
                }
            ),
        );
        return b.done(Obligation::Possible, "arret_assez_long", None);
    }
    if known {
        b.reason(
            "arret_trop_court",
            format!(
                "L'arrêt dure {} : il faut {threshold_text}.",
                days_fr(length)
            ),
        );
        return b.done(Obligation::NonApplicable, "arret_trop_court", None);
    }
    b.missing.push(MissingFact::new(
        &leave_path(index),
        "pre_reprise",
        "La fin (prévue) de l'arrêt est nécessaire pour savoir s'il atteindra la durée requise.",
    ));
    b.reason(
        "duree_inconnue",
        format!(
            "L'arrêt dure déjà {} ; il faut {threshold_text}.",
            days_fr(length)
        ),
    );
    b.done(Obligation::Indeterminee, "duree_inconnue", None)
}

fn reprise(leave: &SickLeave, index: Option<usize>, as_of: NaiveDate) -> VisitOutcome {
    let mut b = Builder::new(VisitRule::Reprise, leave.start);
    let new = match b.version.id {
        "reprise_non_encodee" => return unencoded(b),
        "reprise_2012" => false,
        _ => true,
    };
    let Some(end) = leave.end else {
        b.missing.push(MissingFact::new(
            &leave_path(index),
            "reprise",
            "La fin de l'arrêt est nécessaire : elle fixe la durée et la date de reprise.",
        ));
        b.reason(
            "fin_inconnue",
            "La fin de l'arrêt n'est pas connue : l'obligation et l'échéance ne peuvent être fixées.".into(),
        );
        return b.done(Obligation::Indeterminee, "fin_inconnue", None);
    };
    let length = leave.length_days().unwrap_or(0);
    let (mandatory, code, text) = match leave.cause {
        SickLeaveCause::Maternite => (true, "conge_maternite", "Après un congé de maternité, la visite de reprise est obligatoire.".to_string()),
        SickLeaveCause::MaladieProfessionnelle => (
            true,
            "maladie_professionnelle",
            "Après une absence pour maladie professionnelle, quelle que soit sa durée, la visite de reprise est obligatoire.".to_string(),
        ),
        SickLeaveCause::AccidentDuTravail => (
            length >= 30,
            if length >= 30 { "accident_du_travail_30_jours" } else { "accident_du_travail_moins_de_30_jours" },
            format!("Accident du travail de {} : la visite est obligatoire à partir de 30 jours.", days_fr(length)),
        ),
        SickLeaveCause::MaladieNonProfessionnelle | SickLeaveCause::AccidentNonProfessionnel => {
            let threshold = if new { 60 } else { 30 };
            (
                length >= threshold,
                if length >= threshold { "non_professionnel_seuil_atteint" } else { "non_professionnel_sous_le_seuil" },
                format!(
                    "{} de {} : la visite est obligatoire à partir de {threshold} jours pour un arrêt commencé {} le 31 mars 2022.",
                    leave.cause.label_fr(),
                    days_fr(length),
                    if new { "après" } else { "au plus tard" }
                ),
            )
        }
    };
    b.reason(code, text);
    if !mandatory {
        return b.done(Obligation::NonApplicable, code, None);
    }
    let return_day = add_days(end, 1);
    let due = add_days(return_day, 8);
    b.reason(
        "delai_8_jours",
        format!(
            "La visite a lieu le jour de la reprise et au plus tard dans les 8 jours{}{}.",
            if leave.end_is_expected {
                " (reprise prévue : échéance provisoire)"
            } else {
                ""
            },
            if as_of > due {
                format!(
                    " ; l'échéance est passée de {}",
                    days_fr(as_of.signed_duration_since(due).num_days())
                )
            } else {
                String::new()
            }
        ),
    );
    b.done(Obligation::Obligatoire, code, Some(due))
}

fn mi_carriere(worker: &Worker, options: &LegalOptions) -> Option<VisitOutcome> {
    let age = options.branch_agreement_age.unwrap_or(45);
    let Some(year) = worker.year_of_birth() else {
        let mut b = Builder::new(VisitRule::MiCarriere, PDP_IN_FORCE);
        b.missing.push(MissingFact::new(
            "worker.birth_date",
            "mi_carriere",
            "La date ou l'année de naissance est nécessaire pour situer la visite de mi-carrière.",
        ));
        b.reason(
            "naissance_inconnue",
            "L'année de naissance du travailleur n'est pas connue.".into(),
        );
        return Some(b.done(Obligation::Indeterminee, "naissance_inconnue", None));
    };
    let visit_year = year + i32::try_from(age).unwrap_or(45);
    let window_start = NaiveDate::from_ymd_opt(visit_year, 1, 1)?;
    let window_end = NaiveDate::from_ymd_opt(visit_year, 12, 31)?;
    // The fact: the period the visit is due in; the version in force at its
    // end decides (a visit due in 2022 can take place after 31 March 2022).
    let mut b = Builder::new(VisitRule::MiCarriere, window_end);
    if b.version.id == "mi_carriere_inexistante" {
        b.reason(
            "mi_carriere_inexistante",
            format!(
                "L'année des {age} ans du travailleur est antérieure à 2022 : la visite de mi-carrière n'existait pas."
            ),
        );
        return Some(b.done(Obligation::NonApplicable, "mi_carriere_inexistante", None));
    }
    b.reason(
        "annee_anniversaire",
        format!(
            "La visite a lieu durant l'année civile des {age} ans du travailleur{} ; elle peut être réalisée avec une autre visite prévue dans les deux ans qui précèdent.",
            if options.branch_agreement_age.is_some() {
                " (âge fixé par accord de branche)"
            } else {
                " (à défaut d'accord de branche)"
            }
        ),
    );
    let mut out = b.done(
        Obligation::Obligatoire,
        "annee_anniversaire",
        Some(window_end),
    );
    out.window_start = Some(window_start);
    Some(out)
}

/// The visit rules of one sick leave of a case.
///
/// ```
/// let case = cme_core::sample::sample_cases().unwrap().remove(0);
/// let report = cme_core::legal::visit_obligations(&case, cme_core::sample::SAMPLE_AS_OF, &Default::default());
/// assert_eq!(report.leaves[0].outcomes.len(), 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaveVisits {
    /// Index of the sick leave in the case.
    pub leave_index: usize,
    /// Outcome of each rule.
    pub outcomes: Vec<VisitOutcome>,
}

/// The legal calendar of a case.
///
/// ```
/// let case = cme_core::sample::sample_cases().unwrap().remove(3);
/// let report = cme_core::legal::visit_obligations(&case, cme_core::sample::SAMPLE_AS_OF, &Default::default());
/// assert!(report.mi_carriere.is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitReport {
    /// The evaluation date.
    pub as_of: NaiveDate,
    /// One entry per sick leave.
    pub leaves: Vec<LeaveVisits>,
    /// The mi-carrière visit of the worker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mi_carriere: Option<VisitOutcome>,
}

/// The legal calendar of a case as of a date: each sick leave's rules (the
/// pré-reprise requester is the signalement's when the source visit was a
/// pré-reprise during that leave) and the mi-carrière visit.
pub fn visit_obligations(case: &Case, as_of: NaiveDate, options: &LegalOptions) -> VisitReport {
    let leaves = case
        .sick_leaves
        .iter()
        .enumerate()
        .map(|(i, leave)| {
            let during = leave.start <= case.signalement.date
                && leave.end.is_none_or(|e| case.signalement.date <= e);
            let requester = (case.signalement.source_visit == SourceVisit::PreReprise && during)
                .then_some(case.signalement.requested_by)
                .flatten();
            LeaveVisits {
                leave_index: i,
                outcomes: vec![
                    liaison(leave, Some(i), as_of),
                    pre_reprise(leave, Some(i), requester, as_of),
                    reprise(leave, Some(i), as_of),
                ],
            }
        })
        .collect();
    VisitReport {
        as_of,
        leaves,
        mi_carriere: mi_carriere(&case.worker, options),
    }
}

/// The year a worker's mi-carrière visit is due (default age 45).
///
/// ```
/// use cme_core::case::Worker;
/// let w = Worker { birth_year: Some(1980), ..Worker::default() };
/// assert_eq!(cme_core::legal::mi_carriere_year(&w, None), Some(2025));
/// assert_eq!(cme_core::legal::mi_carriere_year(&w, Some(50)), Some(2030));
/// ```
pub fn mi_carriere_year(worker: &Worker, branch_agreement_age: Option<u32>) -> Option<i32> {
    worker
        .year_of_birth()
        .map(|y| y + i32::try_from(branch_agreement_age.unwrap_or(45)).unwrap_or(45))
}

/// [`visit_obligations_for_leave`] for JSON input, as bindings receive it:
/// the leave (path `leave`), the worker (path `worker`) and the pré-reprise
/// requester code (path `requested_by`) are validated first, every problem
/// reported at once.
///
/// ```
/// use serde_json::json;
/// let out = cme_core::legal::visit_obligations_value(
///     &json!({"start": "2024-01-08", "end": "2024-03-31", "cause": "accident_du_travail"}),
///     &json!({"birth_year": 1979}), Some("employeur"),
///     chrono::NaiveDate::from_ymd_opt(2024, 2, 1).unwrap(), &Default::default()).unwrap();
/// assert_eq!(out[1].code, "pre_reprise_demandee_par_employeur");
/// let err = cme_core::legal::visit_obligations_value(&json!({"start": "2024-13-01"}), &json!({}), None,
///     chrono::NaiveDate::from_ymd_opt(2024, 2, 1).unwrap(), &Default::default()).unwrap_err();
/// assert_eq!(err.issues().len(), 2);
/// ```
pub fn visit_obligations_value(
    leave: &serde_json::Value,
    worker: &serde_json::Value,
    requested_by: Option<&str>,
    as_of: NaiveDate,
    options: &LegalOptions,
) -> Result<Vec<VisitOutcome>, crate::error::CmeError> {
    let (leave, worker, requester) =
        crate::validate::parse_leave_inputs(leave, worker, requested_by)?;
    Ok(visit_obligations_for_leave(
        &leave, &worker, requester, as_of, options,
    ))
}

/// [`visit_obligations`] for a case given as JSON (validated first).
///
/// ```
/// let value = cme_core::sample::sample_json_values().unwrap().remove(0);
/// let r = cme_core::legal::visit_report_value(&value, cme_core::sample::SAMPLE_AS_OF, &Default::default()).unwrap();
/// assert_eq!(r.leaves.len(), 1);
/// ```
pub fn visit_report_value(
    case: &serde_json::Value,
    as_of: NaiveDate,
    options: &LegalOptions,
) -> Result<VisitReport, crate::error::CmeError> {
    let case = crate::validate::parse_case_for_pathway(
        case,
        &crate::validate::ValidateOptions::default(),
    )?;
    Ok(visit_obligations(&case, as_of, options))
}
