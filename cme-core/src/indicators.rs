//! Indicators: every figure the services report, with written definitions,
//! computed by mergeable accumulators (DOMAIN.md §6; seeds 001, 003, 004).
//!
//! [`catalogue`] lists every indicator with a stable id, a French label,
//! its numerator and denominator, its unit, the date that places a case in
//! the period, and its source. An [`Accumulator`] takes cases one by one
//! ([`Accumulator::add`]), merges with another built on other cases
//! ([`Accumulator::merge`]), serializes (serde) so that partitions can be
//! computed apart, and gives the [`Report`] ([`Accumulator::finish`]). All
//! its state is integer counts and sums: merging in any order gives exactly
//! the report of one pass.
//!
//! **How a case is read.** The case is evaluated as of the end of the
//! period with the same rules as [`crate::evaluate`] (pathway replay, status
//! from the policy's classification of exit results, category, inclusion):
//! events after the period are not known yet. A case *enters* the cell on
//! its first contact; it *leaves* on its exit (or on a refusal).
//!
//! ```
//! use cme_pdp::indicators::{Accumulator, Period, ReportSpec};
//! use cme_pdp::policy::preset;
//! use cme_pdp::sample::sample_cases;
//!
//! let spec = ReportSpec::new(Period::year(2024), vec![]);
//! let mut acc = Accumulator::new(spec, preset("aismt13").unwrap());
//! for case in sample_cases().unwrap() { acc.add(&case); }
//! let report = acc.finish();
//! let signalements = report.total.get("signalements").unwrap();
//! assert!(signalements.numerator > 0);
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::case::{
    Case, Category, ExitResult, MeasureKind, Requester, SickLeave, Signaller, SourceVisit,
    VisitRule,
};
use crate::category::category_value;
use crate::codes::{code_enum, Code};
use crate::deadlines::{
    add_months, cohort_state, cohort_window, follow_up_schedule, COHORT_HORIZONS,
};
use crate::evaluate::{status_value, PolicyRef, Status};
use crate::inclusion::{inclusion_value, InclusionValue};
use crate::pathway::{replay_until, PathwayState};
use crate::policy::{Outcome, Policy};

pub mod region;

/// A reporting period: every day from `start` to `end`, both included.
///
/// ```
/// use cme_pdp::indicators::Period;
/// let h2 = Period::half_year(2024, 2).unwrap();
/// assert_eq!((h2.start.to_string(), h2.end.to_string()), ("2024-07-01".into(), "2024-12-31".into()));
/// assert_eq!(Period::quarter(2024, 1).unwrap().end.to_string(), "2024-03-31");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Period {
    /// First day.
    pub start: NaiveDate,
    /// Last day (included); the report is evaluated as of this day.
    pub end: NaiveDate,
}

impl Period {
    /// A calendar year.
    pub fn year(year: i32) -> Period {
        Period {
            start: NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN),
            end: NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX),
        }
    }

    /// A half-year (1 or 2).
    pub fn half_year(year: i32, half: u32) -> Option<Period> {
        let (a, b) = match half {
            1 => ((1, 1), (6, 30)),
            2 => ((7, 1), (12, 31)),
            _ => return None,
        };
        Some(Period {
            start: NaiveDate::from_ymd_opt(year, a.0, a.1)?,
            end: NaiveDate::from_ymd_opt(year, b.0, b.1)?,
        })
    }

    /// A quarter (1 to 4).
    pub fn quarter(year: i32, quarter: u32) -> Option<Period> {
        if !(1..=4).contains(&quarter) {
            return None;
        }
        let start = NaiveDate::from_ymd_opt(year, 3 * (quarter - 1) + 1, 1)?;
        let end = add_months(start, 3).pred_opt()?;
        Some(Period { start, end })
    }

    /// Any date range (both ends included); `None` when `end < start`.
    pub fn range(start: NaiveDate, end: NaiveDate) -> Option<Period> {
        (start <= end).then_some(Period { start, end })
    }

    /// Reads a period written as `2024` (a year), `2024-S1` / `2024-S2` (a
    /// half-year), `2024-T1` … `2024-T4` (a quarter) or
    /// `2024-01-01/2024-06-30` (a range, both ends included).
    ///
    /// ```
    /// use cme_pdp::indicators::Period;
    /// assert_eq!(Period::parse("2024-S2").unwrap(), Period::half_year(2024, 2).unwrap());
    /// assert_eq!(Period::parse("2024-T1").unwrap().end.to_string(), "2024-03-31");
    /// assert_eq!(Period::parse("2020-06-01/2020-11-12").unwrap().start.to_string(), "2020-06-01");
    /// assert_eq!(Period::parse("S1 2024").unwrap_err().code(), "invalid_period");
    /// ```
    pub fn parse(text: &str) -> Result<Period, crate::error::CmeError> {
        use crate::dates::parse_iso_date;
        let err = || crate::error::CmeError::InvalidPeriod;
        if let Some((a, b)) = text.split_once('/') {
            let (a, b) = (
                parse_iso_date(a).ok_or_else(err)?,
                parse_iso_date(b).ok_or_else(err)?,
            );
            return Period::range(a, b).ok_or_else(err);
        }
        let (year, part) = match text.split_once('-') {
            Some((y, p)) => (y, Some(p)),
            None => (text, None),
        };
        if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
            return Err(err());
        }
        let year: i32 = year.parse().map_err(|_| err())?;
        match part {
            None => Ok(Period::year(year)),
            Some("S1") => Period::half_year(year, 1).ok_or_else(err),
            Some("S2") => Period::half_year(year, 2).ok_or_else(err),
            Some(q) if q.len() == 2 && q.starts_with('T') => {
                let n = q.get(1..).and_then(|n| n.parse().ok()).ok_or_else(err)?;
                Period::quarter(year, n).ok_or_else(err)
            }
            _ => Err(err()),
        }
    }

    /// Whether a date is in the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }
}

code_enum! {
    /// The dimensions a report can be broken down by (one or a pair).
    ///
    /// ```
    /// use cme_pdp::{indicators::Dimension, codes::Code};
    /// assert_eq!(Dimension::AgeBand.code(), "tranche_age");
    /// ```
    pub enum Dimension: "dimension" {
        Sector = "secteur", "Secteur d'activité (section NAF)", "Sector of activity (NAF section)";
        Pathology = "pathologie", "Groupe de pathologies (CIM-10)", "Group of conditions (ICD-10)";
        Requester = "demandeur", "Demandeur de la visite", "Requester of the visit";
        SourceVisit = "visite_source", "Visite à l'origine du signalement", "Visit at the origin of the signalement";
        Category = "categorie", "Catégorie d'accompagnement", "Accompaniment category";
        AgeBand = "tranche_age", "Tranche d'âge au signalement", "Age band at the signalement";
        Service = "service", "Service", "Service";
    }
}

code_enum! {
    /// The age bands of the `tranche_age` dimension (age at the
    /// signalement), in their natural order.
    ///
    /// ```
    /// use cme_pdp::{indicators::AgeBand, codes::Code};
    /// assert_eq!(AgeBand::of(24), AgeBand::MoinsDe25);
    /// assert_eq!(AgeBand::of(25).code(), "25_34");
    /// assert_eq!(AgeBand::of(55).label_fr(), "55 ans et plus");
    /// ```
    pub enum AgeBand: "age_band" {
        MoinsDe25 = "moins_de_25", "Moins de 25 ans", "Under 25";
        De25A34 = "25_34", "25 à 34 ans", "25 to 34";
        De35A44 = "35_44", "35 à 44 ans", "35 to 44";
        De45A54 = "45_54", "45 à 54 ans", "45 to 54";
        De55EtPlus = "55_et_plus", "55 ans et plus", "55 and over";
    }
}

impl AgeBand {
    /// The band of an age in years.
    pub fn of(age: i32) -> AgeBand {
        match age {
            a if a < 25 => AgeBand::MoinsDe25,
            a if a < 35 => AgeBand::De25A34,
            a if a < 45 => AgeBand::De35A44,
            a if a < 55 => AgeBand::De45A54,
            _ => AgeBand::De55EtPlus,
        }
    }
}

/// The value of a dimension whose fact is missing.
pub const UNKNOWN_VALUE: &str = "inconnu";

impl Dimension {
    /// The labels of a value of this dimension (French, English): a NAF
    /// section by its letter and name, a code by its label, a service by
    /// its preset's name; a missing fact is « Non renseigné ». A value the
    /// dimension does not know is its own label.
    ///
    /// ```
    /// use cme_pdp::indicators::Dimension;
    /// assert_eq!(Dimension::Sector.value_label("naf_rev2:F").0, "F — Construction");
    /// assert_eq!(Dimension::Pathology.value_label("sante_mentale").0, "Santé mentale");
    /// assert_eq!(Dimension::AgeBand.value_label("25_34").1, "25 to 34");
    /// assert_eq!(Dimension::Category.value_label("inconnu").0, "Non renseigné");
    /// assert_eq!(Dimension::Service.value_label("aist43").0, "AIST Haute-Loire");
    /// ```
    pub fn value_label(self, value: &str) -> (String, String) {
        fn code<C: crate::codes::Code>(value: &str) -> Option<(String, String)> {
            C::from_code(value).map(|c| (c.label_fr().to_string(), c.label_en().to_string()))
        }
        if value == UNKNOWN_VALUE {
            return ("Non renseigné".to_string(), "Not recorded".to_string());
        }
        let found = match self {
            Dimension::Sector => value.split_once(':').and_then(|(n, letter)| {
                let (fr, en) = crate::case::Nomenclature::from_code(n)?.section_label(letter)?;
                Some((format!("{letter} — {fr}"), format!("{letter} — {en}")))
            }),
            Dimension::Pathology => code::<crate::case::PathologyGroup>(value),
            Dimension::Requester => code::<Requester>(value),
            Dimension::SourceVisit => code::<crate::case::SourceVisit>(value),
            Dimension::Category => code::<Category>(value),
            Dimension::AgeBand => code::<AgeBand>(value),
            Dimension::Service => crate::policy::Loaded::preset(value).ok().map(|p| {
                let name = p.policy().name.clone();
                (name.clone(), name)
            }),
        };
        found.unwrap_or_else(|| (value.to_string(), value.to_string()))
    }

    /// Where a value of this dimension comes in its natural order: the
    /// order of its code list (age bands from the youngest, NAF sections by
    /// letter, rév. 2 before 2025), a value outside the list after them by
    /// its text, and « Non renseigné » last.
    ///
    /// ```
    /// use cme_pdp::indicators::Dimension;
    /// let mut bands = vec!["55_et_plus", "inconnu", "25_34", "moins_de_25"];
    /// bands.sort_by_key(|v| Dimension::AgeBand.value_rank(v));
    /// assert_eq!(bands, ["moins_de_25", "25_34", "55_et_plus", "inconnu"]);
    /// ```
    pub fn value_rank(self, value: &str) -> (u8, usize, String) {
        fn index<C: crate::codes::Code>(value: &str) -> Option<usize> {
            C::ALL.iter().position(|c| c.code() == value)
        }
        if value == UNKNOWN_VALUE {
            return (2, 0, String::new());
        }
        let found = match self {
            Dimension::Sector => value.split_once(':').and_then(|(n, letter)| {
                let n = crate::case::Nomenclature::from_code(n)?;
                let i = n.sections().iter().position(|l| *l == letter)?;
                let k = crate::case::Nomenclature::ALL
                    .iter()
                    .position(|x| *x == n)?;
                Some(k * 100 + i)
            }),
            Dimension::Pathology => index::<crate::case::PathologyGroup>(value),
            Dimension::Requester => index::<Requester>(value),
            Dimension::SourceVisit => index::<crate::case::SourceVisit>(value),
            Dimension::Category => index::<Category>(value),
            Dimension::AgeBand => index::<AgeBand>(value),
            Dimension::Service => None,
        };
        match found {
            Some(i) => (0, i, String::new()),
            None => (1, 0, value.to_string()),
        }
    }
}

/// The value of a dimension for a case (`inconnu` when the fact is
/// missing). Sectors are `nomenclature:section` (LEGAL.md: a sector says
/// which NAF version it uses).
pub fn dimension_value(dim: Dimension, case: &Case, category: Option<Category>) -> String {
    let mut out = String::new();
    write_dimension_value(dim, case, category, &mut out);
    out
}

/// [`dimension_value`] appended to `out` (a key built for every case
/// reuses its room).
pub(crate) fn write_dimension_value(
    dim: Dimension,
    case: &Case,
    category: Option<Category>,
    out: &mut String,
) {
    const UNKNOWN: &str = UNKNOWN_VALUE;
    let text = match dim {
        Dimension::Sector => match &case.worker.sector {
            Some(s) => {
                out.push_str(s.nomenclature.code());
                out.push(':');
                &s.section
            }
            None => UNKNOWN,
        },
        Dimension::Pathology => case
            .worker
            .cim10_chapter
            .and_then(crate::case::pathology_group)
            .map_or(UNKNOWN, |g| g.code()),
        Dimension::Requester => case
            .signalement
            .requested_by
            .map_or(UNKNOWN, |r: Requester| r.code()),
        Dimension::SourceVisit => case.signalement.source_visit.code(),
        Dimension::Category => category.map_or(UNKNOWN, |c| c.code()),
        Dimension::AgeBand => case
            .worker
            .age_on(case.signalement.date)
            .map_or(UNKNOWN, |a| AgeBand::of(a).code()),
        Dimension::Service => &case.service,
    };
    out.push_str(text);
}

code_enum! {
    /// The cell's own activity outside cases (seed 003: "participations aux
    /// différentes cellules / ateliers des intervenants de la cellule").
    ///
    /// ```
    /// use cme_pdp::{indicators::ActivityKind, codes::Code};
    /// assert_eq!(ActivityKind::ReunionPartenaire.code(), "reunion_partenaire");
    /// ```
    pub enum ActivityKind: "activity_kind" {
        ReunionPartenaire = "reunion_partenaire", "Participation à une réunion ou cellule d'un partenaire", "Attendance at a partner's meeting or cell";
        Atelier = "atelier", "Atelier ou action collective", "Workshop or collective action";
    }
}

/// What a report is about.
///
/// ```
/// use cme_pdp::indicators::{Dimension, Period, ReportSpec};
/// let s = ReportSpec::new(Period::year(2024), vec![Dimension::Sector, Dimension::Pathology]);
/// assert_eq!(s.by.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReportSpec {
    /// The period.
    pub period: Period,
    /// Up to two dimensions (empty: totals only).
    pub by: Vec<Dimension>,
    /// The indicators asked for, by id (empty: the whole catalogue). A
    /// report of the flow figures only ([`FLOW_INDICATORS`]) reads only the
    /// columns of a table they need.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<String>,
}

impl ReportSpec {
    /// A report over a period, by up to two dimensions (not checked here:
    /// the functions that compute a report check them).
    ///
    /// ```
    /// use cme_pdp::indicators::{Period, ReportSpec};
    /// assert!(ReportSpec::new(Period::year(2024), Vec::new()).by.is_empty());
    /// ```
    pub fn new(period: Period, by: Vec<Dimension>) -> Self {
        ReportSpec {
            period,
            by,
            indicators: Vec::new(),
        }
    }

    /// Whether the report shows the indicator `id`.
    ///
    /// ```
    /// use cme_pdp::indicators::{Period, ReportSpec};
    /// let mut spec = ReportSpec::new(Period::year(2024), Vec::new());
    /// assert!(spec.shows("entrees"));
    /// spec.indicators = vec!["sorties".into()];
    /// assert!(!spec.shows("entrees") && spec.shows("sorties"));
    /// ```
    pub fn shows(&self, id: &str) -> bool {
        self.indicators.is_empty() || self.indicators.iter().any(|i| i == id)
    }

    /// Whether the report asks only for flow figures
    /// ([`FLOW_INDICATORS`]).
    ///
    /// ```
    /// use cme_pdp::indicators::{Period, ReportSpec};
    /// let mut spec = ReportSpec::new(Period::year(2024), Vec::new());
    /// assert!(!spec.is_flow());
    /// spec.indicators = vec!["sorties".into()];
    /// assert!(spec.is_flow());
    /// spec.indicators.push("dossiers_traites".into());
    /// assert!(!spec.is_flow());
    /// ```
    pub fn is_flow(&self) -> bool {
        !self.indicators.is_empty()
            && self
                .indicators
                .iter()
                .all(|id| FLOW_INDICATORS.contains(&id.as_str()))
    }
}

/// The flow figures: the signalements (by origin), the entries and their
/// delay, the exits (by result and outcome) and their delay, and the
/// cell's activity. A report of these only reads few columns of a table
/// (`cme_pdp::table::columnar::report_columns`).
///
/// ```
/// use cme_pdp::indicators::FLOW_INDICATORS as COUNTED;
/// let catalogue = cme_pdp::indicators::catalogue();
/// assert!(COUNTED.iter().all(|id| catalogue.iter().any(|d| d.id == *id)));
/// assert!(!COUNTED.contains(&"dossiers_traites"));
/// ```
pub const FLOW_INDICATORS: &[&str] = &[
    "signalements",
    "signalements_pre_reprise",
    "entrees",
    "sorties",
    "taux_sorties_positives",
    "maintiens_realises",
    "maintiens_non_realises",
    "resultat_amenagement_poste",
    "resultat_changement_poste_interne",
    "resultat_changement_poste_externe",
    "resultat_embauche_cdi",
    "resultat_reconversion",
    "resultat_creation_entreprise",
    "resultat_inaptitude",
    "resultat_invalidite",
    "resultat_retraite",
    "resultat_autre_solution_sociale",
    "resultat_perdu_de_vue",
    "inaptitudes_evitees",
    "delai_signalement_contact",
    "delai_signalement_sortie",
    "signalements_origine_medecin_du_travail",
    "signalements_origine_idest",
    "signalements_origine_salarie",
    "signalements_origine_autre_membre_equipe",
    "signalements_origine_employeur",
    "signalements_origine_partenaire",
    "participations_partenaires",
];

/// Integer counters of one cell: merging adds them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Counters {
    /// Cases signalled in the period.
    pub signalements: u64,
    /// … of which from a pré-reprise visit.
    pub signalements_pre_reprise: u64,
    /// Cases entered (first contact) in the period.
    pub entrees: u64,
    /// Entered cases by status at the end of the period, in [`Status`]
    /// order (en cours, refus, négative, positive, neutre).
    pub statuts: [u64; 5],
    /// Exits in the period by result, in [`ExitResult`] order.
    pub sorties: [u64; 11],
    /// Exits in the period by outcome (positive, négative, neutre).
    pub sorties_par_issue: [u64; 3],
    /// Days in the cell summed over entered cases (entry → exit, refusal or
    /// end of period).
    pub jours_dans_la_cellule: u64,
    /// Cases handled in the period (entered by its end, not out before its
    /// start).
    pub dossiers_traites: u64,
    /// Handled cases by category, in [`Category`] order, then undetermined.
    pub categories: [u64; 5],
    /// Handled cases included in the full treatment.
    pub inclus: u64,
    /// Exits for inaptitude in the period prepared with a transition plan.
    pub inaptitudes_construites: u64,
    /// Exits for inaptitude in the period followed by a dismissal.
    pub inaptitudes_avec_licenciement: u64,
    /// Exits in the period of cases signalled at a pré-reprise or reprise
    /// visit (risk of unfitness).
    pub sorties_a_risque: u64,
    /// … of which positive.
    pub sorties_a_risque_positives: u64,
    /// Entered cases whose accompaniment started before the end of the
    /// sick leave (or with no sick leave ended before it).
    pub accompagnements_precoces: u64,
    /// Signalement → first contact: number of cases and sum of days
    /// (placed by the contact date).
    pub delai_contact: (u64, u64),
    /// Signalement → plan accepted (placed by the plan date).
    pub delai_plan: (u64, u64),
    /// Signalement → exit (placed by the exit date).
    pub delai_sortie: (u64, u64),
    /// Follow-ups due in the period (per the policy's schedule): due, done.
    pub suivis: (u64, u64),
    /// 6-month follow-ups answered in the period: answered, still employed.
    pub emploi_6_mois: (u64, u64),
    /// 12-month follow-ups answered in the period: answered, still employed.
    pub emploi_12_mois: (u64, u64),
    /// The harmonised outcome cohort at 6 months: exits (but retirements)
    /// whose date 6 months later falls in the period, by where they stand
    /// at the end of the period, in [`crate::deadlines::CohortState`] order (en emploi, sans
    /// emploi, sans réponse, non échu). The same for every policy.
    #[serde(default)]
    pub cohorte_6_mois: [u64; 4],
    /// The same at 12 months.
    #[serde(default)]
    pub cohorte_12_mois: [u64; 4],
    /// Rendez-vous de liaison held in the period (the cases' visit
    /// records).
    #[serde(default)]
    pub liaisons: u64,
    /// Pré-reprise visits done in the period (the cases' visit records), by
    /// who asked for them, in [`Requester`] order, then not recorded.
    #[serde(default)]
    pub visites_pre_reprise: [u64; 7],
    /// Measures of the law started in the period, in [`MeasureKind`] order.
    #[serde(default)]
    pub dispositifs: [u64; 3],
    /// Signalements of the period by who signalled, in [`Signaller`] order.
    #[serde(default)]
    pub signalements_par_origine: [u64; 6],
    /// Signalements of the period by when the risk was detected, in
    /// [`Detection`] order (before, during, after the sick leave).
    #[serde(default)]
    pub detection: [u64; 3],
}

// The counter arrays have one slot per code of the list they count.
const _: () = assert!(<Requester as Code>::ALL.len() + 1 == 7);
const _: () = assert!(<MeasureKind as Code>::ALL.len() == 3);
const _: () = assert!(<Signaller as Code>::ALL.len() == 6);
const _: () = assert!(<Detection as Code>::ALL.len() == 3);

/// Adds `b` to `a`, or says which counter would overflow (nothing is
/// changed then: the caller merges into a copy).
fn add(a: &mut u64, b: u64, name: &'static str) -> Result<(), &'static str> {
    *a = a.checked_add(b).ok_or(name)?;
    Ok(())
}

fn add_pair(a: &mut (u64, u64), b: &(u64, u64), name: &'static str) -> Result<(), &'static str> {
    add(&mut a.0, b.0, name)?;
    add(&mut a.1, b.1, name)
}

fn add_slots(a: &mut [u64], b: &[u64], name: &'static str) -> Result<(), &'static str> {
    for (x, y) in a.iter_mut().zip(b) {
        add(x, *y, name)?;
    }
    Ok(())
}

/// The sum of counters, `None` on overflow.
fn sum(slots: &[u64]) -> Option<u64> {
    slots.iter().try_fold(0u64, |acc, x| acc.checked_add(*x))
}

impl Counters {
    /// Only the counters of the flow figures ([`FLOW_INDICATORS`]): the
    /// others are zero.
    pub(crate) fn flow_only(&mut self) {
        *self = Counters {
            signalements: self.signalements,
            signalements_pre_reprise: self.signalements_pre_reprise,
            signalements_par_origine: self.signalements_par_origine,
            entrees: self.entrees,
            delai_contact: self.delai_contact,
            sorties: self.sorties,
            sorties_par_issue: self.sorties_par_issue,
            delai_sortie: self.delai_sortie,
            sorties_a_risque: self.sorties_a_risque,
            sorties_a_risque_positives: self.sorties_a_risque_positives,
            ..Counters::default()
        };
    }

    /// Adds another cell's counters with checked arithmetic: the name of
    /// the counter that would overflow, `self` then partly added (merge
    /// into a copy).
    pub(crate) fn try_merge(&mut self, o: &Counters) -> Result<(), &'static str> {
        add(&mut self.signalements, o.signalements, "signalements")?;
        add(
            &mut self.signalements_pre_reprise,
            o.signalements_pre_reprise,
            "signalements_pre_reprise",
        )?;
        add(&mut self.entrees, o.entrees, "entrees")?;
        add_slots(&mut self.statuts, &o.statuts, "statuts")?;
        add_slots(&mut self.sorties, &o.sorties, "sorties")?;
        add_slots(
            &mut self.sorties_par_issue,
            &o.sorties_par_issue,
            "sorties_par_issue",
        )?;
        add(
            &mut self.jours_dans_la_cellule,
            o.jours_dans_la_cellule,
            "jours_dans_la_cellule",
        )?;
        add(
            &mut self.dossiers_traites,
            o.dossiers_traites,
            "dossiers_traites",
        )?;
        add_slots(&mut self.categories, &o.categories, "categories")?;
        add(&mut self.inclus, o.inclus, "inclus")?;
        add(
            &mut self.inaptitudes_construites,
            o.inaptitudes_construites,
            "inaptitudes_construites",
        )?;
        add(
            &mut self.inaptitudes_avec_licenciement,
            o.inaptitudes_avec_licenciement,
            "inaptitudes_avec_licenciement",
        )?;
        add(
            &mut self.sorties_a_risque,
            o.sorties_a_risque,
            "sorties_a_risque",
        )?;
        add(
            &mut self.sorties_a_risque_positives,
            o.sorties_a_risque_positives,
            "sorties_a_risque_positives",
        )?;
        add(
            &mut self.accompagnements_precoces,
            o.accompagnements_precoces,
            "accompagnements_precoces",
        )?;
        add_pair(&mut self.delai_contact, &o.delai_contact, "delai_contact")?;
        add_pair(&mut self.delai_plan, &o.delai_plan, "delai_plan")?;
        add_pair(&mut self.delai_sortie, &o.delai_sortie, "delai_sortie")?;
        add_pair(&mut self.suivis, &o.suivis, "suivis")?;
        add_pair(&mut self.emploi_6_mois, &o.emploi_6_mois, "emploi_6_mois")?;
        add_pair(
            &mut self.emploi_12_mois,
            &o.emploi_12_mois,
            "emploi_12_mois",
        )?;
        add_slots(
            &mut self.cohorte_6_mois,
            &o.cohorte_6_mois,
            "cohorte_6_mois",
        )?;
        add_slots(
            &mut self.cohorte_12_mois,
            &o.cohorte_12_mois,
            "cohorte_12_mois",
        )?;
        add(&mut self.liaisons, o.liaisons, "liaisons")?;
        add_slots(
            &mut self.visites_pre_reprise,
            &o.visites_pre_reprise,
            "visites_pre_reprise",
        )?;
        add_slots(&mut self.dispositifs, &o.dispositifs, "dispositifs")?;
        add_slots(
            &mut self.signalements_par_origine,
            &o.signalements_par_origine,
            "signalements_par_origine",
        )?;
        add_slots(&mut self.detection, &o.detection, "detection")
    }

    /// The relations every cell counted from cases satisfies (each follows
    /// from how [`count`] counts a case): the name of the counter that
    /// breaks one, for a state read back from outside.
    fn check(&self, policy: &Policy, period: Period) -> Result<(), &'static str> {
        let rule = |ok: bool, name: &'static str| if ok { Ok(()) } else { Err(name) };
        rule(
            self.signalements_pre_reprise <= self.signalements,
            "signalements_pre_reprise",
        )?;
        // an entered case has one status, one contact delay, at most one
        // early start, and at most the period's days in the cell
        rule(sum(&self.statuts) == Some(self.entrees), "statuts")?;
        rule(self.delai_contact.0 == self.entrees, "delai_contact")?;
        rule(
            self.accompagnements_precoces <= self.entrees,
            "accompagnements_precoces",
        )?;
        let period_days = days(period.start, period.end);
        rule(
            self.entrees
                .checked_mul(period_days)
                .is_none_or(|max| self.jours_dans_la_cellule <= max),
            "jours_dans_la_cellule",
        )?;
        // a handled case has one category; inclusion is among them
        rule(
            sum(&self.categories) == Some(self.dossiers_traites),
            "categories",
        )?;
        rule(self.inclus <= self.dossiers_traites, "inclus")?;
        // an exit has one result, the outcome its policy gives it, one delay
        let exits = sum(&self.sorties).ok_or("sorties")?;
        let mut by_outcome = [0u64; 3];
        for (result, n) in ExitResult::ALL.iter().zip(self.sorties.iter()) {
            let slot = by_outcome
                .get_mut(index_of(policy.outcome(*result)))
                .ok_or("sorties_par_issue")?;
            add(slot, *n, "sorties_par_issue")?;
        }
        rule(by_outcome == self.sorties_par_issue, "sorties_par_issue")?;
        rule(self.delai_sortie.0 == exits, "delai_sortie")?;
        let inaptitudes = self
            .sorties
            .get(index_of(ExitResult::Inaptitude))
            .copied()
            .unwrap_or(0);
        rule(
            self.inaptitudes_construites <= inaptitudes,
            "inaptitudes_construites",
        )?;
        rule(
            self.inaptitudes_avec_licenciement <= inaptitudes,
            "inaptitudes_avec_licenciement",
        )?;
        rule(self.sorties_a_risque <= exits, "sorties_a_risque")?;
        let positive = self
            .sorties_par_issue
            .get(index_of(Outcome::Positive))
            .copied()
            .unwrap_or(0);
        rule(
            self.sorties_a_risque_positives <= self.sorties_a_risque.min(positive),
            "sorties_a_risque_positives",
        )?;
        // a part never exceeds its whole
        rule(self.suivis.1 <= self.suivis.0, "suivis")?;
        rule(
            self.emploi_6_mois.1 <= self.emploi_6_mois.0,
            "emploi_6_mois",
        )?;
        rule(
            self.emploi_12_mois.1 <= self.emploi_12_mois.0,
            "emploi_12_mois",
        )?;
        // a worker of the cohort has one state; a cohort's size is a
        // number of cases, checked with the others against the cases added
        rule(sum(&self.cohorte_6_mois).is_some(), "cohorte_6_mois")?;
        rule(sum(&self.cohorte_12_mois).is_some(), "cohorte_12_mois")?;
        // a signalement has one origin and one moment of detection (a state
        // saved before these counters existed lacks them, and is refused
        // rather than read as zero origins)
        rule(
            sum(&self.signalements_par_origine) == Some(self.signalements),
            "signalements_par_origine",
        )?;
        rule(sum(&self.detection) == Some(self.signalements), "detection")?;
        rule(
            sum(&self.visites_pre_reprise).is_some(),
            "visites_pre_reprise",
        )?;
        rule(sum(&self.dispositifs).is_some(), "dispositifs")
    }
}

pub(crate) fn days(from: NaiveDate, to: NaiveDate) -> u64 {
    u64::try_from(to.signed_duration_since(from).num_days()).unwrap_or(0)
}

/// Adds one to a slot of a counter array (the index comes from a closed
/// enum, so it is always in range).
pub(crate) fn bump(slots: &mut [u64], i: usize) {
    bump_by(slots, i, 1);
}

/// Adds `n` to a slot of a counter array, as [`bump`] adds one (the
/// typed columns' count adds 0 or 1 to every counter, with no branch).
#[inline(always)]
pub(crate) fn bump_by(slots: &mut [u64], i: usize, n: u64) {
    if let Some(slot) = slots.get_mut(i) {
        *slot = slot.saturating_add(n);
    }
}

fn status_index(s: Status) -> usize {
    match s {
        Status::EnCours => 0,
        Status::RefusIntegration => 1,
        Status::SortieNegative => 2,
        Status::SortiePositive => 3,
        Status::SortieNeutre => 4,
    }
}

pub(crate) fn index_of<C: Code>(c: C) -> usize {
    C::ALL.iter().position(|x| *x == c).unwrap_or(0)
}

code_enum! {
    /// When the risk of de-insertion was detected, against the worker's
    /// sick leaves (the loi n° 2021-1018 asks for an early detection; the
    /// three moments are a reading of cme, docs/sources.md).
    ///
    /// ```
    /// use cme_pdp::{indicators::Detection, codes::Code};
    /// assert_eq!(Detection::PendantArret.code(), "pendant_arret");
    /// ```
    pub enum Detection: "detection" {
        AvantArret = "avant_arret", "Avant tout arrêt de travail (aucun arrêt commencé au signalement, hors visite de pré-reprise ou de reprise)", "Before any sick leave (no leave begun at the signalement, not at a pré-reprise or reprise visit)";
        PendantArret = "pendant_arret", "Pendant un arrêt de travail", "During a sick leave";
        ApresArret = "apres_arret", "Après la fin de l'arrêt de travail", "After the sick leave ended";
    }
}

/// When the risk was detected: during a sick leave when one runs on the
/// day of the signalement (from its first day to its last, an expected end
/// included) or when the signalement comes from a pré-reprise visit (held
/// during a sick leave, R4624-29, whether or not the leave is recorded);
/// after the leave when leaves had begun and all ended before it, or when
/// it comes from a reprise visit (held on the return, R4624-31); before
/// otherwise (no leave begun on that day).
///
/// ```
/// use cme_pdp::case::{SickLeave, SickLeaveCause, SourceVisit};
/// use cme_pdp::indicators::{detection, Detection};
/// let d = |m, day| chrono::NaiveDate::from_ymd_opt(2024, m, day).unwrap();
/// let mut leave = SickLeave::new(d(3, 1), SickLeaveCause::MaladieNonProfessionnelle);
/// leave.end = Some(d(4, 30));
/// let leaves = [leave];
/// let periodic = SourceVisit::VisitePeriodique;
/// assert_eq!(detection(&leaves, d(2, 29), periodic), Detection::AvantArret);
/// assert_eq!(detection(&leaves, d(3, 1), periodic), Detection::PendantArret);
/// assert_eq!(detection(&leaves, d(4, 30), periodic), Detection::PendantArret);
/// assert_eq!(detection(&leaves, d(5, 1), periodic), Detection::ApresArret);
/// assert_eq!(detection(&[], d(5, 1), periodic), Detection::AvantArret);
/// // a pré-reprise visit is held during a leave, recorded or not
/// assert_eq!(detection(&[], d(5, 1), SourceVisit::PreReprise), Detection::PendantArret);
/// assert_eq!(detection(&[], d(5, 1), SourceVisit::Reprise), Detection::ApresArret);
/// ```
pub fn detection(leaves: &[SickLeave], signalement: NaiveDate, source: SourceVisit) -> Detection {
    let mut begun = false;
    for l in leaves.iter().filter(|l| l.start <= signalement) {
        begun = true;
        if l.end.is_none_or(|end| signalement <= end) {
            return Detection::PendantArret;
        }
    }
    match source {
        SourceVisit::PreReprise => Detection::PendantArret,
        SourceVisit::Reprise => Detection::ApresArret,
        _ if begun => Detection::ApresArret,
        _ => Detection::AvantArret,
    }
}

/// Whether the accompaniment started early: before or during the sick leave
/// around the signalement, not after it (seed 001, "accompagnement
/// précoce"). With no sick leave ended before the entry, it is early.
fn early(leaves: &[SickLeave], signalement: NaiveDate, entry: NaiveDate) -> bool {
    // The leaves that started before the signalement and ended before the
    // entry: the accompaniment came after them.
    !leaves.iter().any(|l| {
        l.start <= signalement && l.end.is_some_and(|end| end < entry) && !l.end_is_expected
    })
}

/// A mergeable accumulator of indicators.
///
/// ```
/// use cme_pdp::indicators::{Accumulator, Period, ReportSpec};
/// let p = cme_pdp::policy::preset("aist43").unwrap();
/// let spec = ReportSpec::new(Period::year(2024), vec![]);
/// let cases = cme_pdp::sample::sample_cases().unwrap();
/// let (a, b) = cases.split_at(20);
/// let mut left = Accumulator::new(spec.clone(), p.clone());
/// a.iter().for_each(|c| left.add(c));
/// let mut right = Accumulator::new(spec.clone(), p.clone());
/// b.iter().for_each(|c| right.add(c));
/// left.merge(&right).unwrap();
/// let mut whole = Accumulator::new(spec, p);
/// cases.iter().for_each(|c| whole.add(c));
/// assert_eq!(left.finish(), whole.finish());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Accumulator {
    /// What is computed.
    pub spec: ReportSpec,
    /// The policy the cases are read with.
    pub policy: Policy,
    /// Counters by cell key (the dimension values; empty for the total).
    /// Serialized as a list of `{key, counters}` (JSON keys are strings).
    #[serde(with = "cells_as_list")]
    pub cells: BTreeMap<Vec<String>, Counters>,
    /// Cases added.
    pub cases: u64,
    /// The cell's participations in partner meetings and workshops in the
    /// period (not case data: totals only).
    #[serde(default)]
    pub participations: u64,
    /// Cases added whose cell could not be made: the breakdown already had
    /// [`crate::limits::MAX_CELLS`] cells (a cell of a merged accumulator
    /// left out counts one). [`Accumulator::report`] refuses to report
    /// while there are some (never a report without them).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub uncounted: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

mod cells_as_list {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::Counters;

    #[derive(Serialize, Deserialize)]
    struct Entry {
        key: Vec<String>,
        counters: Counters,
    }

    pub fn serialize<S: Serializer>(
        cells: &BTreeMap<Vec<String>, Counters>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_seq(cells.iter().map(|(key, counters)| Entry {
            key: key.clone(),
            counters: counters.clone(),
        }))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<Vec<String>, Counters>, D::Error> {
        let entries = Vec::<Entry>::deserialize(d)?;
        let mut out = BTreeMap::new();
        for e in entries {
            if out.insert(e.key, e.counters).is_some() {
                return Err(serde::de::Error::custom("duplicate cell key"));
            }
        }
        Ok(out)
    }
}

/// Two accumulators that cannot be merged (different period, dimensions or
/// policy).
///
/// ```
/// use cme_pdp::indicators::{Accumulator, Period, ReportSpec};
/// let p = cme_pdp::policy::preset("aist43").unwrap();
/// let mut a = Accumulator::new(ReportSpec::new(Period::year(2024), vec![]), p.clone());
/// let b = Accumulator::new(ReportSpec::new(Period::year(2023), vec![]), p);
/// assert!(a.merge(&b).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MergeError {
    /// Different period, dimensions or policy.
    #[error("Les accumulateurs portent sur des périodes, dimensions ou politiques différentes / the accumulators differ in period, dimensions or policy")]
    Mismatch,
    /// A counter would exceed 2^64 − 1: nothing was merged.
    #[error("Un compteur dépasserait la valeur maximale / a counter would overflow ({path})")]
    Overflow {
        /// The counter, e.g. `cells[3].counters.entrees` (the cell of the
        /// accumulator merged in), `total.entrees`, `cases`.
        path: String,
    },
}

impl MergeError {
    /// The stable code of a mismatch ([`MergeError::code`] gives each).
    ///
    /// ```
    /// assert_eq!(cme_pdp::indicators::MergeError::CODE, "merge_mismatch");
    /// ```
    pub const CODE: &'static str = "merge_mismatch";

    /// The stable code of the error.
    ///
    /// ```
    /// use cme_pdp::indicators::MergeError;
    /// assert_eq!(MergeError::Mismatch.code(), "merge_mismatch");
    /// assert_eq!(MergeError::Overflow { path: "cases".into() }.code(), "counter_overflow");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            MergeError::Mismatch => MergeError::CODE,
            MergeError::Overflow { .. } => "counter_overflow",
        }
    }

    /// The path of the counter concerned (empty for a mismatch).
    pub fn path(&self) -> &str {
        match self {
            MergeError::Mismatch => "",
            MergeError::Overflow { path } => path,
        }
    }

    /// The message in French.
    ///
    /// ```
    /// assert!(cme_pdp::indicators::MergeError::Mismatch.message_fr().starts_with("Les accumulateurs"));
    /// ```
    pub fn message_fr(&self) -> &'static str {
        match self {
            MergeError::Mismatch => {
                "Les accumulateurs portent sur des périodes, dimensions ou politiques différentes."
            }
            MergeError::Overflow { .. } => {
                "La fusion ferait dépasser à un compteur sa valeur maximale (2^64 − 1) : rien n'a été fusionné."
            }
        }
    }

    /// The message in English.
    ///
    /// ```
    /// assert!(cme_pdp::indicators::MergeError::Mismatch.message_en().starts_with("The accumulators"));
    /// ```
    pub fn message_en(&self) -> &'static str {
        match self {
            MergeError::Mismatch => "The accumulators differ in period, dimensions or policy.",
            MergeError::Overflow { .. } => {
                "Merging would take a counter beyond its maximum (2^64 − 1): nothing was merged."
            }
        }
    }
}

impl Accumulator {
    /// An empty accumulator.
    pub fn new(spec: ReportSpec, policy: Policy) -> Accumulator {
        Accumulator {
            spec,
            policy,
            cells: BTreeMap::new(),
            cases: 0,
            participations: 0,
            uncounted: 0,
        }
    }

    /// Adds one activity of the cell (a participation in a partner meeting
    /// or a workshop) on a date; counted when in the period.
    ///
    /// ```
    /// use cme_pdp::indicators::{Accumulator, ActivityKind, Period, ReportSpec};
    /// let mut acc = Accumulator::new(ReportSpec::new(Period::year(2024), vec![]),
    ///                                cme_pdp::policy::preset("acismt").unwrap());
    /// acc.add_activity(chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(), ActivityKind::Atelier);
    /// acc.add_activity(chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(), ActivityKind::Atelier);
    /// assert_eq!(acc.finish().total.get("participations_partenaires").unwrap().numerator, 1);
    /// ```
    pub fn add_activity(&mut self, date: NaiveDate, _kind: ActivityKind) {
        if self.spec.period.contains(date) {
            self.participations += 1;
        }
    }

    /// Adds a (valid) case.
    pub fn add(&mut self, case: &Case) {
        self.add_reusing(case, &mut Vec::new());
    }

    /// [`Accumulator::add`] with the room of `key` reused for the case's
    /// cell key (a table read case after case allocates no key).
    pub(crate) fn add_reusing(&mut self, case: &Case, key: &mut Vec<String>) {
        self.cases += 1;
        let period = self.spec.period;
        let end = period.end;
        if case.signalement.date > end {
            return;
        }
        let n = self.policy.inclusion.min_expected_opinions;
        let rules = crate::pathway::ReplayRules::canonical(n);
        let state = replay_until(
            case.signalement.date,
            &case.events,
            &case.consents,
            &rules,
            end,
        )
        .state;
        let category = category_value(case, &state, &self.policy);
        key.truncate(self.spec.by.len());
        key.resize_with(self.spec.by.len(), String::new);
        for (slot, d) in key.iter_mut().zip(&self.spec.by) {
            slot.clear();
            write_dimension_value(*d, case, category, slot);
        }
        if !self.cells.contains_key(key.as_slice()) {
            if self.cells.len() >= crate::limits::MAX_CELLS {
                // no cell for it: counted, and the report refused
                self.uncounted = self.uncounted.saturating_add(1);
                return;
            }
            self.cells.insert(key.clone(), Counters::default());
        }
        let policy = &self.policy;
        if let Some(c) = self.cells.get_mut(key.as_slice()) {
            count(c, case, &state, category, policy, period);
        }
    }

    /// The state as JSON text: to store it, send it to another process, or
    /// pickle it (the Python binding does).
    ///
    /// ```
    /// use cme_pdp::indicators::{accumulator, Accumulator, Period};
    /// let mut acc = accumulator(&serde_json::json!("aismt13"), Period::year(2024), &[]).unwrap();
    /// cme_pdp::sample::sample_cases().unwrap().iter().for_each(|c| acc.add(c));
    /// let back = Accumulator::from_state_json(&acc.to_state_json()).unwrap();
    /// assert_eq!(back, acc);
    /// assert!(Accumulator::from_state_json("{\"cells\": 3}").is_err());
    /// ```
    ///
    /// The state of a report of the flow figures only
    /// ([`FLOW_INDICATORS`]) holds only their counters,
    /// however its cases were counted (case by case, or straight from the
    /// typed columns of a table).
    pub fn to_state_json(&self) -> String {
        if self.spec.is_flow() {
            let mut flow = self.clone();
            flow.cells.values_mut().for_each(Counters::flow_only);
            return serde_json::to_string(&flow).unwrap_or_default();
        }
        serde_json::to_string(self).unwrap_or_default()
    }

    /// An accumulator from its state (untrusted: its shape is checked, and
    /// its policy goes through the policy checks again).
    pub fn from_state_json(text: &str) -> Result<Accumulator, crate::error::CmeError> {
        use crate::issue::{Issue, IssueCode, Path};
        let invalid = || {
            crate::error::CmeError::InvalidCase(crate::validate::ValidationError {
                issues: vec![Issue::new(IssueCode::ObjectType, Path::root().key("state"))],
            })
        };
        let acc: Accumulator = serde_json::from_str(text).map_err(|_| invalid())?;
        let policy = serde_json::to_value(&acc.policy).map_err(|_| invalid())?;
        let checked = Policy::from_value(&policy).map_err(crate::error::CmeError::InvalidPolicy)?;
        if checked != acc.policy || acc.spec.by.len() > 2 {
            return Err(invalid());
        }
        acc.check_counters().map_err(|issue| {
            crate::error::CmeError::InvalidCase(crate::validate::ValidationError {
                issues: vec![issue],
            })
        })?;
        Ok(acc)
    }

    /// The checks of a state read back: every cell's key has one value per
    /// dimension, its counters satisfy the relations of counting cases,
    /// the totals are computable, and no more cases are counted than were
    /// added.
    fn check_counters(&self) -> Result<(), crate::issue::Issue> {
        use crate::issue::{Issue, IssueCode, Path};
        let cells = Path::root().key("state").key("cells");
        let at = |code, path: Path| Err(Issue::new(code, path));
        if self.cells.len() > crate::limits::MAX_CELLS {
            return Err(Issue::new(IssueCode::TooManyCells, cells.clone())
                .with("max", crate::limits::MAX_CELLS));
        }
        // a cell holds at least one added case, and so does a case left
        // without a cell
        let held = u64::try_from(self.cells.len())
            .ok()
            .and_then(|n| n.checked_add(self.uncounted));
        if held.is_none_or(|n| n > self.cases) {
            return at(
                IssueCode::InconsistentCounters,
                Path::root().key("state").key("cases"),
            );
        }
        let mut total = Counters::default();
        for (i, (key, c)) in self.cells.iter().enumerate() {
            if key.len() != self.spec.by.len() {
                return at(IssueCode::ObjectType, cells.index(i).key("key"));
            }
            let counters = cells.index(i).key("counters");
            if let Err(name) = c.check(&self.policy, self.spec.period) {
                return at(IssueCode::InconsistentCounters, counters.key(name));
            }
            if let Err(name) = total.try_merge(c) {
                return at(IssueCode::CounterOverflow, counters.key(name));
            }
        }
        // each case is signalled, entered, handled and has its plan
        // accepted at most once
        let most = [
            total.signalements,
            total.entrees,
            total.dossiers_traites,
            total.delai_plan.0,
            sum(&total.cohorte_6_mois).unwrap_or(u64::MAX),
            sum(&total.cohorte_12_mois).unwrap_or(u64::MAX),
        ];
        if most.iter().any(|n| *n > self.cases) {
            return at(
                IssueCode::InconsistentCounters,
                Path::root().key("state").key("cases"),
            );
        }
        Ok(())
    }

    /// Merges another accumulator of the same spec and policy. Checked
    /// arithmetic: when a counter would overflow, nothing is merged and the
    /// error names the counter.
    ///
    /// ```
    /// use cme_pdp::indicators::{accumulator, MergeError, Period};
    /// let mut acc = accumulator(&serde_json::json!("aismt13"), Period::year(2024), &[]).unwrap();
    /// acc.add_activity(chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(), cme_pdp::indicators::ActivityKind::Atelier);
    /// let mut big = acc.clone();
    /// big.participations = u64::MAX;
    /// let before = acc.clone();
    /// assert_eq!(acc.merge(&big), Err(MergeError::Overflow { path: "participations".into() }));
    /// assert_eq!(acc, before);
    /// ```
    pub fn merge(&mut self, other: &Accumulator) -> Result<(), MergeError> {
        if self.spec != other.spec || self.policy != other.policy {
            return Err(MergeError::Mismatch);
        }
        let overflow = |path: String| MergeError::Overflow { path };
        let cases = self
            .cases
            .checked_add(other.cases)
            .ok_or_else(|| overflow("cases".into()))?;
        let participations = self
            .participations
            .checked_add(other.participations)
            .ok_or_else(|| overflow("participations".into()))?;
        let mut uncounted = self
            .uncounted
            .checked_add(other.uncounted)
            .ok_or_else(|| overflow("uncounted".into()))?;
        let mut cells = self.cells.clone();
        for (i, (k, v)) in other.cells.iter().enumerate() {
            if !cells.contains_key(k) && cells.len() >= crate::limits::MAX_CELLS {
                // no room for the cell: its cases (one at least) are left
                // without a cell, and the report refused
                uncounted = uncounted.saturating_add(1);
                continue;
            }
            let cell = cells.entry(k.clone()).or_default();
            cell.try_merge(v)
                .map_err(|name| overflow(format!("cells[{i}].counters.{name}")))?;
        }
        let mut total = Counters::default();
        for c in cells.values() {
            total
                .try_merge(c)
                .map_err(|name| overflow(format!("total.{name}")))?;
        }
        self.cells = cells;
        self.cases = cases;
        self.participations = participations;
        self.uncounted = uncounted;
        Ok(())
    }

    /// The report ([`Accumulator::finish`]), or `too_many_cells` at `by`
    /// when the breakdown met more than [`crate::limits::MAX_CELLS`]
    /// combinations of values (the cases beyond have no cell: no report
    /// leaves them out). Every binding reports through this.
    ///
    /// ```
    /// use cme_pdp::indicators::{accumulator, Period};
    /// let mut acc = accumulator(&serde_json::json!("aist43"), Period::year(2024), &["service".into()]).unwrap();
    /// let mut case = cme_pdp::sample::sample_cases().unwrap().remove(0);
    /// for i in 0..=cme_pdp::limits::MAX_CELLS {
    ///     case.service = format!("s{i}");
    ///     acc.add(&case);
    /// }
    /// let err = acc.report().unwrap_err();
    /// assert_eq!(err.issues()[0].code.code(), "too_many_cells");
    /// assert_eq!(err.issues()[0].path.as_str(), "by");
    /// ```
    pub fn report(&self) -> Result<Report, crate::error::CmeError> {
        if self.uncounted > 0 || self.cells.len() > crate::limits::MAX_CELLS {
            return Err(too_many_cells());
        }
        Ok(self.finish())
    }

    /// The report: every indicator for the total and for each cell. A
    /// breakdown past [`crate::limits::MAX_CELLS`] cells leaves the cases
    /// of the further cells out (counted in `uncounted`):
    /// [`Accumulator::report`] refuses it instead.
    pub fn finish(&self) -> Report {
        let mut total = Counters::default();
        for c in self.cells.values() {
            // cannot fail: a state read back and every merge check that
            // the total is computable, and adding cases counts by ones
            let _ = total.try_merge(c);
        }
        let cells = if self.spec.by.is_empty() {
            Vec::new()
        } else {
            self.cells
                .iter()
                .map(|(k, c)| Cell {
                    key: k.clone(),
                    values: self.shown(values(c)),
                })
                // the cell's own activity is not broken down by case dimensions
                .collect()
        };
        let targets = self.policy.targets.as_ref().map(|t| TargetsReport {
            signalements: (u64::from(t.signalements_per_year), total.signalements),
            dossiers: (u64::from(t.cases_per_year), total.entrees),
            maintien_percent: (
                f64::from(t.maintien_rate_percent),
                rate(total.sorties_par_issue[0], exits(&total)),
            ),
            source: t.source.clone(),
        });
        let mut total_values = values(&total);
        total_values.push(IndicatorValue {
            id: "participations_partenaires".into(),
            numerator: self.participations,
            denominator: None,
            value: Some(self.participations as f64),
        });
        let total_values = self.shown(total_values);
        Report {
            spec: self.spec.clone(),
            policy: PolicyRef::of(&self.policy),
            cases: self.cases,
            total: IndicatorSet(total_values),
            cells,
            targets,
            classification: ExitResult::ALL
                .iter()
                .map(|r| (*r, self.policy.outcome(*r)))
                .collect(),
        }
    }
}

impl Accumulator {
    /// The values the spec asks for, in the catalogue's order.
    fn shown(&self, mut values: Vec<IndicatorValue>) -> Vec<IndicatorValue> {
        if !self.spec.indicators.is_empty() {
            values.retain(|v| self.spec.shows(&v.id));
        }
        values
    }
}

fn exits(c: &Counters) -> u64 {
    c.sorties.iter().sum()
}

fn rate(num: u64, den: u64) -> Option<f64> {
    (den > 0).then(|| round2(100.0 * num as f64 / den as f64))
}

fn mean(n: u64, sum: u64) -> Option<f64> {
    (n > 0).then(|| round2(sum as f64 / n as f64))
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn count(
    c: &mut Counters,
    case: &Case,
    state: &PathwayState,
    category: Option<Category>,
    policy: &Policy,
    period: Period,
) {
    let s = case.signalement.date;
    if period.contains(s) {
        c.signalements += 1;
        if case.signalement.source_visit == SourceVisit::PreReprise {
            c.signalements_pre_reprise += 1;
        }
        bump(
            &mut c.signalements_par_origine,
            index_of(case.signalement.signalled_by),
        );
        bump(
            &mut c.detection,
            index_of(detection(
                &case.sick_leaves,
                s,
                case.signalement.source_visit,
            )),
        );
    }
    // What the law provides, from the case's records: the visits and
    // rendez-vous de liaison held, the measures started.
    for v in &case.visits {
        if !period.contains(v.date) {
            continue;
        }
        match v.kind {
            VisitRule::RendezVousLiaison => c.liaisons += 1,
            VisitRule::PreReprise => {
                let i = v.requested_by.map_or(Requester::ALL.len(), index_of);
                bump(&mut c.visites_pre_reprise, i);
            }
            VisitRule::Reprise | VisitRule::MiCarriere => {}
        }
    }
    for m in &case.measures {
        if period.contains(m.start) {
            bump(&mut c.dispositifs, index_of(m.measure));
        }
    }
    let entry = state.first_contact;
    if let Some(entry) = entry {
        if period.contains(entry) {
            c.entrees += 1;
            bump(&mut c.statuts, status_index(status_value(state, policy)));
            let out = state
                .exit
                .as_ref()
                .map(|e| e.date)
                .or(state.refusal)
                .unwrap_or(period.end)
                .min(period.end);
            c.jours_dans_la_cellule += days(entry, out.max(entry));
            if early(&case.sick_leaves, s, entry) {
                c.accompagnements_precoces += 1;
            }
            c.delai_contact.0 += 1;
            c.delai_contact.1 += days(s, entry);
        }
        let left_before = state
            .exit
            .as_ref()
            .map(|e| e.date)
            .or(state.refusal)
            .is_some_and(|d| d < period.start);
        if entry <= period.end && !left_before {
            c.dossiers_traites += 1;
            let idx = category.map(index_of).unwrap_or(4);
            bump(&mut c.categories, idx);
            if inclusion_value(state, policy.inclusion.min_expected_opinions)
                == InclusionValue::Included
            {
                c.inclus += 1;
            }
        }
    }
    if let Some(plan) = state.plan_accepted {
        if period.contains(plan) {
            c.delai_plan.0 += 1;
            c.delai_plan.1 += days(s, plan);
        }
    }
    // Every exit of the case counts in its period, those before a
    // re-opening too (the follow-ups are those of the last exit).
    for exit in state.previous_exits.iter().chain(state.exit.iter()) {
        if period.contains(exit.date) {
            bump(&mut c.sorties, index_of(exit.result));
            let outcome = policy.outcome(exit.result);
            bump(&mut c.sorties_par_issue, index_of(outcome));
            c.delai_sortie.0 += 1;
            c.delai_sortie.1 += days(s, exit.date);
            if exit.result == ExitResult::Inaptitude {
                if exit.prepared == Some(true) {
                    c.inaptitudes_construites += 1;
                }
                if exit.dismissal == Some(true) {
                    c.inaptitudes_avec_licenciement += 1;
                }
            }
            if matches!(
                case.signalement.source_visit,
                SourceVisit::PreReprise | SourceVisit::Reprise
            ) {
                c.sorties_a_risque += 1;
                if outcome == Outcome::Positive {
                    c.sorties_a_risque_positives += 1;
                }
            }
        }
    }
    if let Some(exit) = &state.exit {
        // The harmonised cohort: the last exit (an exit followed by a
        // re-opening did not end the accompaniment), but retirements, placed
        // by its horizon and read as of the end of the period.
        if exit.result != ExitResult::Retraite {
            for months in COHORT_HORIZONS {
                let slots = if months == 6 {
                    &mut c.cohorte_6_mois
                } else {
                    &mut c.cohorte_12_mois
                };
                let (horizon, _, _) = cohort_window(exit.date, months);
                if period.contains(horizon) {
                    let at = cohort_state(exit.date, months, &state.follow_ups, period.end);
                    bump(slots, index_of(at));
                }
            }
        }
        // Follow-ups due in the period, and answers about employment.
        for slot in follow_up_schedule(exit.date, &state.follow_ups, policy) {
            if let Some((date, Some(employed))) = slot.done {
                let answers = match slot.months {
                    6 => Some(&mut c.emploi_6_mois),
                    12 => Some(&mut c.emploi_12_mois),
                    _ => None,
                };
                if let (true, Some(answers)) = (period.contains(date), answers) {
                    answers.0 += 1;
                    if employed {
                        answers.1 += 1;
                    }
                }
            }
            if period.contains(slot.deadline) {
                c.suivis.0 += 1;
                if slot.done.is_some() {
                    c.suivis.1 += 1;
                }
            }
        }
    }
}

code_enum! {
    /// The unit of an indicator.
    ///
    /// ```
    /// use cme_pdp::{indicators::Unit, codes::Code};
    /// assert_eq!(Unit::Pourcentage.code(), "pourcentage");
    /// ```
    pub enum Unit: "unit" {
        Nombre = "nombre", "Nombre de dossiers", "Number of cases";
        Pourcentage = "pourcentage", "Pourcentage (deux décimales)", "Percentage (two decimals)";
        Jours = "jours", "Nombre moyen de jours", "Mean number of days";
    }
}

code_enum! {
    /// The date that places a case in the period.
    ///
    /// ```
    /// use cme_pdp::{indicators::PlacedBy, codes::Code};
    /// assert_eq!(PlacedBy::Entree.code(), "entree");
    /// ```
    pub enum PlacedBy: "placed_by" {
        Signalement = "signalement", "Date du signalement", "Date of the signalement";
        Entree = "entree", "Date d'entrée dans la cellule (premier contact)", "Date of entry into the cell (first contact)";
        Sortie = "sortie", "Date de sortie", "Date of exit";
        Plan = "plan", "Date d'acceptation du plan d'actions", "Date the action plan was accepted";
        Activite = "activite", "Dossier actif pendant la période (entré avant sa fin, non sorti avant son début)", "Case active during the period (entered before its end, not exited before its start)";
        EcheanceSuivi = "echeance_suivi", "Échéance du suivi (calendrier de la politique)", "Follow-up due date (the policy's calendar)";
        Suivi = "suivi", "Date du suivi", "Date of the follow-up";
        EcheanceCohorte = "echeance_cohorte", "Date anniversaire de la sortie (6 ou 12 mois après), état à la fin de la période", "Anniversary of the exit (6 or 12 months after), state at the end of the period";
        Visite = "visite", "Date de la visite ou du rendez-vous de liaison (enregistré dans le dossier)", "Date of the visit or liaison meeting (recorded in the case)";
        DebutDispositif = "debut_dispositif", "Date de début du dispositif", "Date the measure started";
    }
}

code_enum! {
    /// Whether an indicator means the same for every service, or depends on
    /// how each service's policy classes its cases (what a regional report
    /// says of each figure it adds up).
    ///
    /// ```
    /// use cme_pdp::{indicators::{basis, Basis}, codes::Code};
    /// assert_eq!(basis("cohorte_6_mois_en_emploi"), Basis::Harmonise);
    /// assert_eq!(basis("taux_sorties_positives"), Basis::SelonPolitique);
    /// assert_eq!(Basis::SelonPolitique.code(), "selon_politique");
    /// ```
    pub enum Basis: "basis" {
        Harmonise = "harmonise", "Même définition pour tous les services", "Same definition for every service";
        SelonPolitique = "selon_politique", "Selon la politique de chaque service (classement des résultats de sortie, catégories, critères d'inclusion, calendrier des suivis)", "As each service's policy decides (classification of exit results, categories, inclusion criteria, follow-up calendar)";
    }
}

/// The basis of an indicator: [`Basis::SelonPolitique`] for those a policy
/// decides (the statuses and positive or negative exits follow its
/// classification of exit results; the categories and the inclusion its
/// rules; the follow-ups done and their answers its calendar), else
/// [`Basis::Harmonise`] (a property test holds every harmonised indicator
/// equal under the seven presets).
pub fn basis(id: &str) -> Basis {
    let by_policy = id.starts_with("statut_")
        || (id.starts_with("categorie_"))
        || matches!(
            id,
            "taux_sorties_positives"
                | "maintiens_realises"
                | "maintiens_non_realises"
                | "inaptitudes_evitees"
                | "taux_inclusion"
                | "suivis_realises"
                | "en_emploi_6_mois"
                | "en_emploi_12_mois"
        );
    if by_policy {
        Basis::SelonPolitique
    } else {
        Basis::Harmonise
    }
}

/// The definition of an indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Definition {
    /// Stable id.
    pub id: String,
    /// French label.
    pub label: String,
    /// What is counted (or summed).
    pub numerator: String,
    /// What it is divided by, for rates and means.
    pub denominator: Option<String>,
    /// The unit.
    pub unit: Unit,
    /// The date that places a case in the period.
    pub placed_by: PlacedBy,
    /// Where it comes from.
    pub source: String,
    /// Whether counts add up across the cells of a dimension (used by
    /// publication to protect the margins).
    pub additive: bool,
    /// The same for every service, or as each policy decides ([`basis`]).
    pub basis: Basis,
}

macro_rules! def {
    ($id:literal, $label:literal, $num:literal, $den:expr, $unit:ident, $placed:ident, $src:expr, $add:literal) => {
        Definition {
            id: $id.into(),
            label: $label.into(),
            numerator: $num.into(),
            denominator: $den.map(String::from),
            unit: Unit::$unit,
            placed_by: PlacedBy::$placed,
            source: $src.into(),
            additive: $add,
            basis: Basis::Harmonise,
        }
    };
}

const S003: &str = "ACISMT, fiche action n° 4 du CPOM, indicateurs de réalisation";
const S004: &str = "AIST Haute-Loire, bilan intermédiaire (séminaire PRC du 12 novembre 2020), bilan intermédiaire";

/// The catalogue: every indicator with its definition and source.
///
/// ```
/// let c = cme_pdp::indicators::catalogue();
/// assert!(c.iter().any(|d| d.id == "taux_sorties_positives"));
/// assert!(c.iter().all(|d| !d.source.is_empty() && !d.numerator.is_empty()));
/// ```
pub fn catalogue() -> Vec<Definition> {
    let mut out = vec![
        def!("signalements", "Signalements (prescriptions)", "Dossiers dont le signalement date de la période", None::<&str>, Nombre, Signalement, "AIST Haute-Loire, bilan intermédiaire (séminaire PRC du 12 novembre 2020) (103 prescriptions) ; ACISMT, fiche action n° 4 du CPOM", true),
        def!("signalements_pre_reprise", "Signalements issus d'une visite de pré-reprise", "Dossiers signalés à la suite d'une visite de pré-reprise (ACISMT, fiche action n° 4 du CPOM compte les visites de pré-reprise ayant donné lieu à un signalement ; les visites sans signalement ne sont pas des dossiers)", None::<&str>, Nombre, Signalement, S003, true),
        def!("entrees", "Entrées dans la cellule", "Dossiers dont le premier contact avec le travailleur date de la période", None::<&str>, Nombre, Entree, "AIST Haute-Loire, bilan intermédiaire (séminaire PRC du 12 novembre 2020) (43 entrées)", true),
    ];
    for (id, label, status) in [
        ("statut_en_cours", "Statut : en cours", "en cours"),
        (
            "statut_refus_integration",
            "Statut : refus d'intégration",
            "refus d'intégration (refus ou absence de réponse)",
        ),
        (
            "statut_sortie_negative",
            "Statut : sortie négative",
            "sortie dont le résultat est négatif selon la politique",
        ),
        (
            "statut_sortie_positive",
            "Statut : sortie positive",
            "sortie dont le résultat est positif selon la politique",
        ),
        (
            "statut_sortie_neutre",
            "Statut : sortie ni positive ni négative",
            "sortie dont le résultat est neutre selon la politique",
        ),
    ] {
        out.push(Definition {
            id: id.into(),
            label: label.into(),
            numerator: format!("Dossiers entrés dans la période dont le statut à la fin de la période est : {status}"),
            denominator: Some("Dossiers entrés dans la période".into()),
            unit: Unit::Pourcentage,
            placed_by: PlacedBy::Entree,
            source: S004.into(),
            additive: true,
            basis: Basis::Harmonise,
        });
    }
    out.extend([
        def!("statut_aist43_en_cours", "Statut « en cours » du tableau de l'AIST 43", "Dossiers entrés dans la période en cours à la fin de la période, ou sortis avec un résultat ni positif ni négatif (l'AIST 43 n'a pas de ligne pour ceux-ci : son tableau des statuts compte 2 sorties négatives quand son tableau des résultats compte inaptitude 2 et invalidité 1)", Some("Dossiers entrés dans la période"), Pourcentage, Entree, S004, true),
        def!("duree_moyenne_sejour", "Nombre moyen de jours au sein de la cellule", "Somme, sur les dossiers entrés dans la période, des jours entre l'entrée et la sortie (ou le refus, ou la fin de la période)", Some("Dossiers entrés dans la période"), Jours, Entree, "AIST Haute-Loire, bilan intermédiaire (séminaire PRC du 12 novembre 2020) (69 jours)", false),
        def!("sorties", "Sorties de la cellule", "Dossiers sortis dans la période (tous résultats)", None::<&str>, Nombre, Sortie, S004, true),
        def!("taux_sorties_positives", "Sorties positives parmi les sorties", "Sorties de la période dont le résultat est positif selon la politique", Some("Sorties de la période"), Pourcentage, Sortie, "AIST Haute-Loire, bilan intermédiaire (séminaire PRC du 12 novembre 2020) (« 9 sorties positives sur un total de 12 soit 75,00 % »)", true),
        def!("maintiens_realises", "Maintiens en emploi réalisés", "Sorties de la période au résultat positif", None::<&str>, Nombre, Sortie, S003, true),
        def!("maintiens_non_realises", "Maintiens en emploi non réalisés", "Sorties de la période au résultat négatif", None::<&str>, Nombre, Sortie, S003, true),
        def!("inaptitudes_avec_licenciement", "Inaptitudes avec licenciement", "Sorties de la période pour inaptitude suivie d'un licenciement", None::<&str>, Nombre, Sortie, S003, true),
        def!("dossiers_traites", "Dossiers traités", "Dossiers entrés au plus tard à la fin de la période et non sortis avant son début", None::<&str>, Nombre, Activite, S003, true),
    ]);
    for r in ExitResult::ALL {
        out.push(Definition {
            id: format!("resultat_{}", r.code()),
            label: format!("Résultat de sortie : {}", r.label_fr()),
            numerator: format!(
                "Sorties de la période avec le résultat « {} »",
                r.label_fr()
            ),
            denominator: Some("Sorties de la période".into()),
            unit: Unit::Pourcentage,
            placed_by: PlacedBy::Sortie,
            source: S004.into(),
            additive: true,
            basis: Basis::Harmonise,
        });
    }
    for c in Category::ALL {
        out.push(Definition {
            id: format!("categorie_{}", c.code()),
            label: format!("Catégorie : {}", c.label_fr()),
            numerator: format!(
                "Dossiers traités dans la période de catégorie « {} »",
                c.label_fr()
            ),
            denominator: Some("Dossiers traités dans la période".into()),
            unit: Unit::Pourcentage,
            placed_by: PlacedBy::Activite,
            source: "AISMT 13, diaporama « Fonctionnement d'une cellule maintien en emploi », répartition par catégorie".into(),
            additive: true,
            basis: Basis::Harmonise,
        });
    }
    out.extend([
        def!("categorie_indeterminee", "Catégorie : indéterminée", "Dossiers traités dans la période dont la catégorie ne peut encore être déterminée", Some("Dossiers traités dans la période"), Pourcentage, Activite, "AISMT 13, diaporama « Fonctionnement d'une cellule maintien en emploi »", true),
        def!("taux_inclusion", "Dossiers inclus dans l'accompagnement pluridisciplinaire", "Dossiers traités dans la période remplissant les critères d'inclusion", Some("Dossiers traités dans la période"), Pourcentage, Activite, "AISMT 13, diaporama « Fonctionnement d'une cellule maintien en emploi », critères d'inclusion", true),
        def!("inaptitude_construite", "Dossiers avec inaptitude construite", "Sorties de la période pour une inaptitude préparée avec un plan de transition", Some("Dossiers traités dans la période"), Pourcentage, Sortie, "AISMT 13, diaporama « Fonctionnement d'une cellule maintien en emploi » (30 % des dossiers avec inaptitude construite)", true),
        def!("inaptitudes_evitees", "Inaptitudes évitées", "Sorties positives de la période parmi les dossiers signalés en visite de pré-reprise ou de reprise (risque d'inaptitude repéré)", Some("Sorties de la période des dossiers signalés en visite de pré-reprise ou de reprise"), Pourcentage, Sortie, "AISMT 13, diaporama « Fonctionnement d'une cellule maintien en emploi » (21 % d'inaptitudes évitées)", true),
        def!("accompagnement_precoce", "Accompagnement précoce", "Dossiers entrés dans la période dont l'accompagnement a commencé avant ou pendant l'arrêt de travail, pas après", Some("Dossiers entrés dans la période"), Pourcentage, Entree, "AISMT 13, diaporama « Fonctionnement d'une cellule maintien en emploi » (41 % de salariés en accompagnement précoce) ; lecture de cme, docs/sources.md", true),
        def!("delai_signalement_contact", "Délai signalement → premier contact", "Somme des jours entre signalement et premier contact des dossiers entrés dans la période", Some("Dossiers entrés dans la période"), Jours, Entree, "lecture de cme, docs/sources.md ; AIST La Prévention Active (séminaire PRC du 12 novembre 2020) (contact sous 15 jours)", false),
        def!("delai_signalement_plan", "Délai signalement → plan d'actions accepté", "Somme des jours entre signalement et acceptation du plan, pour les plans acceptés dans la période", Some("Plans acceptés dans la période"), Jours, Plan, "lecture de cme, docs/sources.md", false),
        def!("delai_signalement_sortie", "Délai signalement → sortie", "Somme des jours entre signalement et sortie, pour les sorties de la période", Some("Sorties de la période"), Jours, Sortie, "lecture de cme, docs/sources.md", false),
        def!("suivis_realises", "Suivis réalisés", "Suivis dont l'échéance (calendrier de la politique) tombe dans la période et qui ont été faits", Some("Suivis dont l'échéance tombe dans la période"), Pourcentage, EcheanceSuivi, "AISMT 13, article « Cellule maintien en emploi : l'exemple de l'AISMT13 » — suivi à 6 mois puis 1 an ; AST BTP de l'Ain (séminaire PRC du 12 novembre 2020), MT2i", true),
        def!("en_emploi_6_mois", "Toujours en emploi à 6 mois", "Suivis à 6 mois de la période répondant « toujours en emploi »", Some("Suivis à 6 mois de la période où la situation d'emploi est connue"), Pourcentage, Suivi, "AISMT 13, article « Cellule maintien en emploi : l'exemple de l'AISMT13 » — suivi à 6 mois", true),
        def!("participations_partenaires", "Participations aux réunions et ateliers des partenaires", "Réunions, cellules ou ateliers de partenaires auxquels les intervenants de la cellule ont participé dans la période (activité de la cellule, hors dossiers ; au total seulement)", None::<&str>, Nombre, Activite, S003, false),
        def!("en_emploi_12_mois", "Toujours en emploi à 12 mois", "Suivis à 12 mois de la période répondant « toujours en emploi »", Some("Suivis à 12 mois de la période où la situation d'emploi est connue"), Pourcentage, Suivi, "AISMT 13, article « Cellule maintien en emploi : l'exemple de l'AISMT13 » — suivi à 1 an ; AST BTP de l'Ain (séminaire PRC du 12 novembre 2020) (questionnaire à un an)", true),
    ]);
    let cohort_source = "IGAS, rapport sur la prévention de la désinsertion professionnelle (décembre 2025) : « il n'existe pas d'indicateur de résultat partagé », suivi généralisé à 6 mois ou 1 an ; définition harmonisée : lecture de cme, docs/sources.md";
    for months in COHORT_HORIZONS {
        let whole = format!("Dossiers de la cohorte à {months} mois : dernière sortie (hors départ à la retraite) dont la date anniversaire à {months} mois tombe dans la période");
        let cohort = |id: String,
                      label: String,
                      numerator: String,
                      denominator: Option<String>,
                      unit: Unit| Definition {
            id,
            label,
            numerator,
            denominator,
            unit,
            placed_by: PlacedBy::EcheanceCohorte,
            source: cohort_source.into(),
            additive: true,
            basis: Basis::Harmonise,
        };
        out.extend([
            cohort(format!("cohorte_{months}_mois"), format!("Cohorte harmonisée à {months} mois"), whole.clone(), None, Unit::Nombre),
            cohort(format!("cohorte_{months}_mois_reponses"), format!("Cohorte à {months} mois : situation d'emploi connue"), "Dossiers de la cohorte dont la situation d'emploi a été recueillie dans la fenêtre (un mois avant à deux mois après la date anniversaire), au plus tard à la fin de la période ; avec les perdus de vue et les non échus, ils font la cohorte".to_string(), Some(whole.clone()), Unit::Pourcentage),
            cohort(format!("cohorte_{months}_mois_perdus_de_vue"), format!("Cohorte à {months} mois : perdus de vue"), "Dossiers de la cohorte sans réponse sur l'emploi alors que la fenêtre s'est close avant la fin de la période".to_string(), Some(whole.clone()), Unit::Pourcentage),
            cohort(format!("cohorte_{months}_mois_non_echus"), format!("Cohorte à {months} mois : pas encore échus"), "Dossiers de la cohorte sans réponse sur l'emploi dont la fenêtre est encore ouverte à la fin de la période".to_string(), Some(whole.clone()), Unit::Pourcentage),
            cohort(format!("cohorte_{months}_mois_en_emploi"), format!("Toujours en emploi à {months} mois (cohorte harmonisée)"), "Dossiers de la cohorte toujours en emploi d'après la réponse recueillie dans la fenêtre".to_string(), Some(format!("Dossiers de la cohorte à {months} mois dont la situation d'emploi est connue")), Unit::Pourcentage),
        ]);
    }
    out.extend(law_counts());
    for d in &mut out {
        d.basis = basis(&d.id);
    }
    out
}

/// The counts of what the law provides, from the cases' records: the
/// rendez-vous de liaison held, the pré-reprise visits done (in all and by
/// requester, as ACISMT's CPOM action sheet counts them; by sector through
/// the `secteur` dimension), the measures started, the signalements by
/// origin and by the moment of detection.
fn law_counts() -> Vec<Definition> {
    let count =
        |id: String, label: String, numerator: String, placed_by, source: &str| Definition {
            id,
            label,
            numerator,
            denominator: None,
            unit: Unit::Nombre,
            placed_by,
            source: source.into(),
            additive: true,
            basis: Basis::Harmonise,
        };
    let pre_reprise = "ACISMT, fiche action n° 4 du CPOM (nombre total de visites de pré-reprise réalisées, par secteur d'activité, par demandeur) ; Code du travail, art. L4624-2-4 et R4624-29 (version du 31 mars 2022)";
    let mut out = vec![
        count(
            "rendez_vous_liaison".into(),
            "Rendez-vous de liaison tenus".into(),
            "Rendez-vous de liaison tenus dans la période, enregistrés dans les dossiers de la cellule".into(),
            PlacedBy::Visite,
            "Code du travail, art. L1226-1-3 et D1226-8-1 (version du 31 mars 2022)",
        ),
        count(
            "visites_pre_reprise".into(),
            "Visites de pré-reprise réalisées".into(),
            "Visites de pré-reprise réalisées dans la période, enregistrées dans les dossiers de la cellule (les visites sans dossier n'y sont pas)".into(),
            PlacedBy::Visite,
            pre_reprise,
        ),
    ];
    for r in Requester::ALL {
        out.push(count(
            format!("visites_pre_reprise_demande_{}", r.code()),
            format!("Visites de pré-reprise à la demande : {}", r.label_fr()),
            format!("Visites de pré-reprise réalisées dans la période à la demande de : {} (un demandeur que la loi n'admet pas est signalé à la validation)", r.label_fr()),
            PlacedBy::Visite,
            pre_reprise,
        ));
    }
    out.push(count(
        "visites_pre_reprise_demandeur_non_renseigne".into(),
        "Visites de pré-reprise au demandeur non renseigné".into(),
        "Visites de pré-reprise réalisées dans la période dont le demandeur n'est pas enregistré"
            .into(),
        PlacedBy::Visite,
        pre_reprise,
    ));
    for (m, source) in [
        (
            MeasureKind::EssaiEncadre,
            "Code de la sécurité sociale, art. L323-3-1 (version du 31 mars 2022)",
        ),
        (
            MeasureKind::Crpe,
            "Code du travail, art. L5213-3-1 et L1226-1-4 (version du 31 mars 2022)",
        ),
        (
            MeasureKind::TransitionProfessionnelle,
            "Code du travail, art. L6323-17-2 (version du 31 mars 2022)",
        ),
    ] {
        out.push(count(
            format!("dispositif_{}", m.code()),
            format!("Dispositif mobilisé : {}", m.label_fr()),
            format!("Dispositifs « {} » commencés dans la période", m.label_fr()),
            PlacedBy::DebutDispositif,
            source,
        ));
    }
    for o in Signaller::ALL {
        out.push(count(
            format!("signalements_origine_{}", o.code()),
            format!("Signalements par origine : {}", o.label_fr()),
            format!("Dossiers dont le signalement date de la période, signalés par : {}", o.label_fr()),
            PlacedBy::Signalement,
            "AIST Haute-Loire, bilan intermédiaire (séminaire PRC du 12 novembre 2020) (signalements) ; qui a signalé le dossier (signalement.signalled_by) : lecture de cme, docs/sources.md",
        ));
    }
    for d in Detection::ALL {
        out.push(Definition {
            id: format!("detection_{}", d.code()),
            label: format!("Repérage : {}", d.label_fr()),
            numerator: format!("Dossiers signalés dans la période dont le risque a été repéré : {}", d.label_fr()),
            denominator: Some("Dossiers dont le signalement date de la période".into()),
            unit: Unit::Pourcentage,
            placed_by: PlacedBy::Signalement,
            source: "Loi n° 2021-1018 du 2 août 2021 pour renforcer la prévention en santé au travail ; Code du travail, art. R4624-29 et R4624-31 (pré-reprise pendant l'arrêt, reprise à son terme) ; moments du repérage : lecture de cme, docs/sources.md".into(),
            additive: true,
            basis: Basis::Harmonise,
        });
    }
    out
}

/// One indicator's value in a cell.
///
/// ```
/// use cme_pdp::indicators::IndicatorValue;
/// let v = IndicatorValue { id: "sorties".into(), numerator: 12, denominator: None, value: Some(12.0) };
/// assert_eq!(v.value, Some(12.0));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorValue {
    /// Indicator id.
    pub id: String,
    /// The count (or, for means, the sum of days).
    pub numerator: u64,
    /// The denominator, for rates and means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<u64>,
    /// The value in the indicator's unit; `None` when the denominator is 0.
    pub value: Option<f64>,
}

/// The indicators of one cell, in catalogue order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IndicatorSet(pub Vec<IndicatorValue>);

impl IndicatorSet {
    /// An indicator by id.
    pub fn get(&self, id: &str) -> Option<&IndicatorValue> {
        self.0.iter().find(|v| v.id == id)
    }
}

fn values(c: &Counters) -> Vec<IndicatorValue> {
    let count = |id: &str, n: u64| IndicatorValue {
        id: id.into(),
        numerator: n,
        denominator: None,
        value: Some(n as f64),
    };
    let pct = |id: &str, n: u64, d: u64| IndicatorValue {
        id: id.into(),
        numerator: n,
        denominator: Some(d),
        value: rate(n, d),
    };
    let avg = |id: &str, (n, sum): (u64, u64)| IndicatorValue {
        id: id.into(),
        numerator: sum,
        denominator: Some(n),
        value: mean(n, sum),
    };
    let e = c.entrees;
    let x = exits(c);
    let t = c.dossiers_traites;
    let mut out = vec![
        count("signalements", c.signalements),
        count("signalements_pre_reprise", c.signalements_pre_reprise),
        count("entrees", e),
        pct("statut_en_cours", c.statuts[0], e),
        pct("statut_refus_integration", c.statuts[1], e),
        pct("statut_sortie_negative", c.statuts[2], e),
        pct("statut_sortie_positive", c.statuts[3], e),
        pct("statut_sortie_neutre", c.statuts[4], e),
        pct("statut_aist43_en_cours", c.statuts[0] + c.statuts[4], e),
        avg("duree_moyenne_sejour", (e, c.jours_dans_la_cellule)),
        count("sorties", x),
        pct("taux_sorties_positives", c.sorties_par_issue[0], x),
        count("maintiens_realises", c.sorties_par_issue[0]),
        count("maintiens_non_realises", c.sorties_par_issue[1]),
        count(
            "inaptitudes_avec_licenciement",
            c.inaptitudes_avec_licenciement,
        ),
        count("dossiers_traites", t),
    ];
    for (i, r) in ExitResult::ALL.iter().enumerate() {
        out.push(pct(
            &format!("resultat_{}", r.code()),
            c.sorties.get(i).copied().unwrap_or(0),
            x,
        ));
    }
    for (i, cat) in Category::ALL.iter().enumerate() {
        out.push(pct(
            &format!("categorie_{}", cat.code()),
            c.categories.get(i).copied().unwrap_or(0),
            t,
        ));
    }
    out.extend([
        pct("categorie_indeterminee", c.categories[4], t),
        pct("taux_inclusion", c.inclus, t),
        pct("inaptitude_construite", c.inaptitudes_construites, t),
        pct(
            "inaptitudes_evitees",
            c.sorties_a_risque_positives,
            c.sorties_a_risque,
        ),
        pct("accompagnement_precoce", c.accompagnements_precoces, e),
        avg("delai_signalement_contact", c.delai_contact),
        avg("delai_signalement_plan", c.delai_plan),
        avg("delai_signalement_sortie", c.delai_sortie),
        pct("suivis_realises", c.suivis.1, c.suivis.0),
        pct("en_emploi_6_mois", c.emploi_6_mois.1, c.emploi_6_mois.0),
        pct("en_emploi_12_mois", c.emploi_12_mois.1, c.emploi_12_mois.0),
    ]);
    for (months, slots) in [(6, &c.cohorte_6_mois), (12, &c.cohorte_12_mois)] {
        let [employed, not_employed, lost, not_due] = *slots;
        let answered = employed + not_employed;
        let cohort = answered + lost + not_due;
        out.extend([
            count(&format!("cohorte_{months}_mois"), cohort),
            pct(&format!("cohorte_{months}_mois_reponses"), answered, cohort),
            pct(
                &format!("cohorte_{months}_mois_perdus_de_vue"),
                lost,
                cohort,
            ),
            pct(&format!("cohorte_{months}_mois_non_echus"), not_due, cohort),
            pct(
                &format!("cohorte_{months}_mois_en_emploi"),
                employed,
                answered,
            ),
        ]);
    }
    out.push(count("rendez_vous_liaison", c.liaisons));
    out.push(count(
        "visites_pre_reprise",
        sum(&c.visites_pre_reprise).unwrap_or(u64::MAX),
    ));
    for (i, r) in Requester::ALL.iter().enumerate() {
        out.push(count(
            &format!("visites_pre_reprise_demande_{}", r.code()),
            c.visites_pre_reprise.get(i).copied().unwrap_or(0),
        ));
    }
    out.push(count(
        "visites_pre_reprise_demandeur_non_renseigne",
        c.visites_pre_reprise.get(6).copied().unwrap_or(0),
    ));
    for (i, m) in MeasureKind::ALL.iter().enumerate() {
        out.push(count(
            &format!("dispositif_{}", m.code()),
            c.dispositifs.get(i).copied().unwrap_or(0),
        ));
    }
    for (i, o) in Signaller::ALL.iter().enumerate() {
        out.push(count(
            &format!("signalements_origine_{}", o.code()),
            c.signalements_par_origine.get(i).copied().unwrap_or(0),
        ));
    }
    for (i, d) in Detection::ALL.iter().enumerate() {
        out.push(pct(
            &format!("detection_{}", d.code()),
            c.detection.get(i).copied().unwrap_or(0),
            c.signalements,
        ));
    }
    out
}

/// One cell of a report broken down by dimensions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// The dimension values, in the order of the spec's `by`.
    pub key: Vec<String>,
    /// Its indicators.
    pub values: Vec<IndicatorValue>,
}

/// Targets versus achieved (AIST 43: 100 signalements, 80 cases, 50 %
/// maintien; seed 004).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TargetsReport {
    /// (target per year, achieved).
    pub signalements: (u64, u64),
    /// (target per year, achieved entries).
    pub dossiers: (u64, u64),
    /// (target %, achieved % of positive exits).
    pub maintien_percent: (f64, Option<f64>),
    /// Where the targets come from.
    pub source: String,
}

/// A report: the indicators for the total and for each cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// What was computed.
    pub spec: ReportSpec,
    /// The policy used.
    pub policy: PolicyRef,
    /// Cases added.
    pub cases: u64,
    /// Indicators over all cases.
    pub total: IndicatorSet,
    /// Indicators by cell (empty without dimensions).
    pub cells: Vec<Cell>,
    /// Targets versus achieved, when the policy has targets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub targets: Option<TargetsReport>,
    /// How the policy classes each exit result (what « positive » and
    /// « négative » count; publication needs it to protect the results).
    #[serde(default)]
    pub classification: BTreeMap<ExitResult, crate::policy::Outcome>,
}

/// An empty accumulator for a policy (a preset code or a policy object), a
/// period and up to two dimension codes: what [`report_with_activities`]
/// fills, for callers that add cases themselves (a table read once, partitions
/// on several machines, a stream).
///
/// ```
/// use cme_pdp::indicators::{accumulator, Period};
/// let mut acc = accumulator(&serde_json::json!("aist43"), Period::year(2024), &["secteur".into()]).unwrap();
/// for case in cme_pdp::sample::sample_cases().unwrap() { acc.add(&case); }
/// assert_eq!(acc.cases, 50);
/// let bad = accumulator(&serde_json::json!("aist43"), Period::year(2024), &["couleur".into()]);
/// assert_eq!(bad.unwrap_err().issues()[0].path.as_str(), "by[0]");
/// ```
pub fn accumulator(
    policy: &serde_json::Value,
    period: Period,
    by: &[String],
) -> Result<Accumulator, crate::error::CmeError> {
    let (acc, issues) = accumulator_parts(policy, period, by)?;
    if issues.is_empty() {
        Ok(acc)
    } else {
        Err(crate::error::CmeError::InvalidCase(
            crate::validate::ValidationError { issues },
        ))
    }
}

/// [`accumulator`] for a report of some indicators only (`indicators`:
/// ids of the [`catalogue`]; empty: the whole catalogue). An unknown id is
/// `unknown_code` at `indicators[i]`; an id asked twice is shown once. A
/// report of the flow figures ([`FLOW_INDICATORS`]) by sector, service or
/// source visit reads only the columns of a table they need
/// (`cme_pdp::table::columnar::report_columns`).
///
/// ```
/// use cme_pdp::indicators::{accumulator_of, Period};
/// let ids = ["entrees".to_string(), "sorties".to_string()];
/// let mut acc = accumulator_of(&serde_json::json!("aist43"), Period::year(2024), &[], &ids).unwrap();
/// cme_pdp::sample::sample_cases().unwrap().iter().for_each(|c| acc.add(c));
/// let shown: Vec<_> = acc.finish().total.0.iter().map(|v| v.id.clone()).collect();
/// assert_eq!(shown, ["entrees", "sorties"]);
/// let bad = accumulator_of(&serde_json::json!("aist43"), Period::year(2024), &[], &["entree".into()]);
/// assert_eq!(bad.unwrap_err().issues()[0].path.as_str(), "indicators[0]");
/// ```
pub fn accumulator_of(
    policy: &serde_json::Value,
    period: Period,
    by: &[String],
    indicators: &[String],
) -> Result<Accumulator, crate::error::CmeError> {
    let (acc, issues) = accumulator_parts_of(policy, period, by, indicators)?;
    if issues.is_empty() {
        Ok(acc)
    } else {
        Err(crate::error::CmeError::InvalidCase(
            crate::validate::ValidationError { issues },
        ))
    }
}

/// [`accumulator_parts`] showing only `indicators` (empty: the whole
/// catalogue): an unknown id is `unknown_code` at `indicators[i]`, an id
/// asked twice is shown once, the ids kept in the catalogue's order.
fn accumulator_parts_of(
    policy: &serde_json::Value,
    period: Period,
    by: &[String],
    indicators: &[String],
) -> Result<(Accumulator, Vec<crate::issue::Issue>), crate::error::CmeError> {
    use crate::issue::{Issue, IssueCode, Path};
    let (mut acc, mut issues) = accumulator_parts(policy, period, by)?;
    if !indicators.is_empty() {
        let known: Vec<String> = catalogue().into_iter().map(|d| d.id).collect();
        let mut ids = Vec::new();
        for (i, id) in indicators.iter().enumerate() {
            if !known.contains(id) {
                issues.push(
                    Issue::new(
                        IssueCode::UnknownCode,
                        Path::root().key("indicators").index(i),
                    )
                    .with("kind", "indicator")
                    .with("allowed", known.join(", ")),
                );
            } else if !ids.contains(id) {
                ids.push(id.clone());
            }
        }
        // The catalogue's order, whatever the order asked: one state for
        // one set of figures (states of the same report merge).
        ids.sort_by_key(|id| known.iter().position(|k| k == id));
        acc.spec.indicators = ids;
    }
    Ok((acc, issues))
}

/// `too_many_cells` at `by`: the breakdown has more than
/// [`crate::limits::MAX_CELLS`] cells.
fn too_many_cells() -> crate::error::CmeError {
    use crate::issue::{Issue, IssueCode, Path};
    crate::error::CmeError::InvalidCase(crate::error::ValidationError {
        issues: vec![Issue::new(IssueCode::TooManyCells, Path::root().key("by"))
            .with("max", crate::limits::MAX_CELLS)],
    })
}

fn accumulator_parts(
    policy: &serde_json::Value,
    period: Period,
    by: &[String],
) -> Result<(Accumulator, Vec<crate::issue::Issue>), crate::error::CmeError> {
    let policy = crate::policy::resolve_policy(policy)?;
    let (spec, issues) = spec_of(period, by);
    Ok((Accumulator::new(spec, policy), issues))
}

/// The spec of a report by dimension codes, and the problems of the codes
/// (`unknown_code` at `by[i]`, `too_many_items` at `by` past two).
fn spec_of(period: Period, by: &[String]) -> (ReportSpec, Vec<crate::issue::Issue>) {
    use crate::issue::{Issue, IssueCode, Path};
    let mut issues = Vec::new();
    let mut dims = Vec::new();
    if by.len() > 2 {
        issues.push(Issue::new(IssueCode::TooManyItems, Path::root().key("by")).with("max", 2));
    }
    for (i, code) in by.iter().enumerate() {
        match Dimension::from_code(code) {
            Some(d) => dims.push(d),
            None => issues.push(
                Issue::new(IssueCode::UnknownCode, Path::root().key("by").index(i))
                    .with("kind", Dimension::KIND)
                    .with("allowed", Dimension::codes_joined()),
            ),
        }
    }
    (
        ReportSpec {
            period,
            by: dims,
            indicators: Vec::new(),
        },
        issues,
    )
}

/// A report from cases given as JSON (validated first: a problem of case
/// `i` has the path `cases[i].…`; no case is silently dropped), a policy (a
/// preset code or an object), a period and dimension codes.
///
/// ```
/// use cme_pdp::indicators::{report_from_values, Period};
/// let cases = cme_pdp::sample::sample_json_values().unwrap();
/// let r = report_from_values(&cases, &serde_json::json!("aismt13"), Period::year(2024),
///                            &["secteur".to_string()]).unwrap();
/// assert!(!r.cells.is_empty());
/// ```
pub fn report_from_values(
    cases: &[serde_json::Value],
    policy: &serde_json::Value,
    period: Period,
    by: &[String],
) -> Result<Report, crate::error::CmeError> {
    report_with_activities(cases, &[], policy, period, by)
}

/// [`report_from_values`] with the cell's activity records
/// (`{"date": "YYYY-MM-DD", "kind": "reunion_partenaire" | "atelier"}`,
/// validated with paths `activities[i].…`).
///
/// ```
/// use serde_json::json;
/// let r = cme_pdp::indicators::report_with_activities(&[], &[json!({"date": "2024-05-02", "kind": "atelier"})],
///     &json!("acismt"), cme_pdp::indicators::Period::year(2024), &[]).unwrap();
/// assert_eq!(r.total.get("participations_partenaires").unwrap().numerator, 1);
/// ```
pub fn report_with_activities(
    cases: &[serde_json::Value],
    activities: &[serde_json::Value],
    policy: &serde_json::Value,
    period: Period,
    by: &[String],
) -> Result<Report, crate::error::CmeError> {
    report_of(cases, activities, policy, period, by, &[])
}

/// [`report_with_activities`] showing only `indicators` (ids of the
/// [`catalogue`]; empty: the whole catalogue; see [`accumulator_of`]): what
/// every binding's `indicators` option gives.
///
/// ```
/// use cme_pdp::indicators::{report_of, Period};
/// let cases = cme_pdp::sample::sample_json_values().unwrap();
/// let ids = ["sorties".to_string(), "entrees".to_string()];
/// let r = report_of(&cases, &[], &serde_json::json!("aist43"), Period::year(2024), &[], &ids).unwrap();
/// let shown: Vec<_> = r.total.0.iter().map(|v| v.id.as_str()).collect();
/// assert_eq!(shown, ["entrees", "sorties"]); // the catalogue's order
/// let bad = report_of(&cases, &[], &serde_json::json!("aist43"), Period::year(2024), &[], &["sortie".into()]);
/// assert_eq!(bad.unwrap_err().issues()[0].path.as_str(), "indicators[0]");
/// ```
pub fn report_of(
    cases: &[serde_json::Value],
    activities: &[serde_json::Value],
    policy: &serde_json::Value,
    period: Period,
    by: &[String],
    indicators: &[String],
) -> Result<Report, crate::error::CmeError> {
    check_case_count(cases.len())?;
    let mut builder = ReportBuilder::new_of(policy, period, by, indicators)?;
    cases.iter().for_each(|case| builder.add_case(case));
    builder.add_activities(activities);
    builder.finish()
}

/// The index of the next case a builder reads, counting it; `None` past
/// [`crate::limits::MAX_ROWS`] cases (`too_many_items` at `cases` added to
/// `setup` once).
fn next_case(added: &mut usize, setup: &mut Vec<crate::issue::Issue>) -> Option<usize> {
    let i = *added;
    *added = added.saturating_add(1);
    if i < crate::limits::MAX_ROWS {
        return Some(i);
    }
    if i == crate::limits::MAX_ROWS {
        if let Err(e) = check_case_count(*added) {
            setup.extend(e.issues().iter().cloned());
        }
    }
    None
}

/// `too_many_items` at `cases` when `n` cases are more than one call takes
/// ([`crate::limits::MAX_ROWS`]): a binding counts a list with this before
/// converting any of its items.
///
/// ```
/// use cme_pdp::limits::MAX_ROWS;
/// assert!(cme_pdp::indicators::check_case_count(MAX_ROWS).is_ok());
/// let err = cme_pdp::indicators::check_case_count(MAX_ROWS + 1).unwrap_err();
/// let issue = &err.issues()[0];
/// assert_eq!((issue.code.code(), issue.path.as_str()), ("too_many_items", "cases"));
/// ```
pub fn check_case_count(n: usize) -> Result<(), crate::error::CmeError> {
    if n <= crate::limits::MAX_ROWS {
        return Ok(());
    }
    Err(crate::error::CmeError::InvalidCase(
        crate::validate::ValidationError {
            issues: vec![crate::issue::Issue::new(
                crate::issue::IssueCode::TooManyItems,
                crate::issue::Path::root().key("cases"),
            )
            .with("max", crate::limits::MAX_ROWS)],
        },
    ))
}

/// A report of cases given one at a time as JSON values: each case is read
/// and counted as it comes and not kept, so that a binding converting a
/// list of a million cases holds one converted case at a time, not the
/// million. [`report_with_activities`] is this over a slice. Problems are
/// listed as [`crate::validate::ListIssues`] lists them, and any problem
/// refuses the report (no case is silently dropped).
///
/// ```
/// use cme_pdp::indicators::{Period, ReportBuilder};
/// let cases = cme_pdp::sample::sample_json_values().unwrap();
/// let mut b = ReportBuilder::new(&serde_json::json!("aist43"), Period::year(2024), &[]).unwrap();
/// cases.iter().for_each(|c| b.add_case(c));
/// let report = b.finish().unwrap();
/// assert_eq!(report.cases, 50);
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub struct ReportBuilder {
    acc: Accumulator,
    /// Problems of the arguments (`by`), then of the cases.
    setup: Vec<crate::issue::Issue>,
    cases: crate::validate::ListIssues,
    activities: Vec<crate::issue::Issue>,
    added: usize,
    /// Only the cases of this company are counted (the others are read
    /// and checked, then left out).
    company: Option<String>,
}

impl ReportBuilder {
    /// A report of no case yet, under a policy (a preset code or an
    /// object), for a period, by dimension codes.
    pub fn new(
        policy: &serde_json::Value,
        period: Period,
        by: &[String],
    ) -> Result<ReportBuilder, crate::error::CmeError> {
        ReportBuilder::new_of(policy, period, by, &[])
    }

    /// [`ReportBuilder::new`] for a report of some indicators only
    /// (`indicators`: see [`accumulator_of`]); an unknown id refuses the
    /// report at [`ReportBuilder::finish`] (`unknown_code` at
    /// `indicators[i]`), with the problems of the cases.
    ///
    /// ```
    /// use cme_pdp::indicators::{Period, ReportBuilder};
    /// let b = ReportBuilder::new_of(&serde_json::json!("aist43"), Period::year(2024), &[],
    ///                               &["entrees".into()]).unwrap();
    /// assert_eq!(b.finish().unwrap().total.0.len(), 1);
    /// ```
    pub fn new_of(
        policy: &serde_json::Value,
        period: Period,
        by: &[String],
        indicators: &[String],
    ) -> Result<ReportBuilder, crate::error::CmeError> {
        let (acc, setup) = accumulator_parts_of(policy, period, by, indicators)?;
        Ok(ReportBuilder {
            acc,
            setup,
            cases: crate::validate::ListIssues::new("cases"),
            activities: Vec::new(),
            added: 0,
            company: None,
        })
    }

    /// Counts only the cases of one company (`worker.company`); the other
    /// cases are still read and checked, and left out of every figure,
    /// the number of cases included.
    ///
    /// ```
    /// use cme_pdp::indicators::{Period, ReportBuilder};
    /// let mut b = ReportBuilder::new(&serde_json::json!("aist43"), Period::year(2024), &[])
    ///     .unwrap()
    ///     .of_company("ENT-1");
    /// cme_pdp::sample::sample_json_values().unwrap().iter().for_each(|c| b.add_case(c));
    /// assert_eq!(b.finish().unwrap().cases, 0); // no sample case names a company
    /// ```
    pub fn of_company(mut self, company: &str) -> ReportBuilder {
        self.company = Some(company.to_string());
        self
    }

    /// Reads the next case (its problems at `cases[i]…`, `i` counting the
    /// cases added) and counts it when valid. Past
    /// [`crate::limits::MAX_ROWS`] cases, `too_many_items` at `cases` and
    /// nothing more is read.
    pub fn add_case(&mut self, case: &serde_json::Value) {
        let Some(i) = next_case(&mut self.added, &mut self.setup) else {
            return;
        };
        let options = crate::validate::ValidateOptions::default();
        if let Some(case) = self.cases.read_case(i, case, &options) {
            let counted = match &self.company {
                Some(company) => case.worker.company.as_ref() == Some(company),
                None => true,
            };
            if counted {
                self.acc.add(&case);
            }
        }
    }

    /// Reads the cell's activity records ([`parse_activities`]).
    pub fn add_activities(&mut self, activities: &[serde_json::Value]) {
        match parse_activities(activities) {
            Ok(list) => list
                .into_iter()
                .for_each(|(date, kind)| self.acc.add_activity(date, kind)),
            Err(e) => self.activities.extend(e.issues),
        }
    }

    /// The report, or every problem met ([`Accumulator::report`]'s too).
    pub fn finish(self) -> Result<Report, crate::error::CmeError> {
        let mut issues = self.setup;
        if !self.cases.is_empty() {
            issues.extend(self.cases.finish());
        }
        issues.extend(self.activities);
        if !issues.is_empty() {
            return Err(crate::error::CmeError::InvalidCase(
                crate::validate::ValidationError { issues },
            ));
        }
        self.acc.report()
    }
}

/// Reads the cell's activity records (`{date, kind}`) with paths
/// `activities[i].…`, every problem at once.
///
/// ```
/// use serde_json::json;
/// let ok = cme_pdp::indicators::parse_activities(&[json!({"date": "2024-03-01", "kind": "atelier"})]).unwrap();
/// assert_eq!(ok.len(), 1);
/// let err = cme_pdp::indicators::parse_activities(&[json!({"date": "2024-03-01", "kind": "fête"})]).unwrap_err();
/// assert_eq!(err.issues[0].path.as_str(), "activities[0].kind");
/// ```
pub fn parse_activities(
    items: &[serde_json::Value],
) -> Result<Vec<(chrono::NaiveDate, ActivityKind)>, crate::error::ValidationError> {
    let mut v = crate::reader::Reader::new(None);
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let path = crate::issue::Path::root().key("activities").index(i);
        let Some(obj) = v.object(item, path.into(), &["date", "kind"]) else {
            continue;
        };
        let date = v.required(&obj, "date", |r, value, path| r.date(value, path, true));
        let kind = v.required(&obj, "kind", |r, value, path| r.code(value, path));
        if let (Some(date), Some(kind)) = (date, kind) {
            out.push((date, kind));
        }
    }
    let issues = v.into_issues();
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(crate::error::ValidationError { issues })
    }
}
