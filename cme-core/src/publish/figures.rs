//! The linked figures of a publication: what each published number counts
//! (a *quantity* of a cell), and every relation between quantities that a
//! reader of the published tables can use.
//!
//! A report publishes numerators and denominators of indicators; several of
//! them are one quantity (the entries are the denominator of the five
//! statuses, of the mean stay and of the early accompaniment), and
//! quantities are tied by the definitions of the catalogue:
//! - within a cell: the five statuses add up to the entries, the AIST 43
//!   « en cours » is en cours + neutral, the eleven exit results add up to
//!   the exits, the results classed positive (negative) by the policy to
//!   the positive (negative) exits, the categories to the cases handled;
//!   parts never exceed their whole (pré-reprise signalements, inclusions,
//!   early accompaniments, inaptitudes with a dismissal or prepared, exits
//!   at risk and their positive ones, follow-ups done, answers « en
//!   emploi »); the days in the cell are at most the entries times the
//!   length of the period; a harmonised cohort is its answers, its lost to
//!   follow-up and its not yet due, those still employed among the
//!   answers; the pré-reprise visits by requester add up to the
//!   pré-reprise visits, the signalements by origin and by moment of
//!   detection each to the signalements;
//! - across cells: every quantity of a cell is the sum of the cells that
//!   refine it in any finer report of the bundle (a sector is the sum of
//!   its sector × pathology cells, the total the sum of any breakdown);
//! - every quantity is non-negative.

use std::collections::BTreeMap;

use crate::case::{Category, ExitResult, MeasureKind, Requester, Signaller};
use crate::codes::Code;
use crate::indicators::{Detection, Dimension, Period};
use crate::policy::Outcome;

/// Quantities of a cell, by index.
pub(crate) mod q {
    pub const SIGNALEMENTS: usize = 0;
    pub const SIGNALEMENTS_PRE_REPRISE: usize = 1;
    pub const ENTREES: usize = 2;
    /// Five statuses: en cours, refus, négative, positive, neutre.
    pub const STATUT: usize = 3;
    pub const AIST43_EN_COURS: usize = 8;
    pub const JOURS_SEJOUR: usize = 9;
    pub const SORTIES: usize = 10;
    pub const POSITIVES: usize = 11;
    pub const NEGATIVES: usize = 12;
    pub const INAPTITUDES_LICENCIEMENT: usize = 13;
    pub const TRAITES: usize = 14;
    /// Eleven exit results, in `ExitResult::ALL` order.
    pub const RESULTAT: usize = 15;
    /// Four categories then « indéterminée ».
    pub const CATEGORIE: usize = 26;
    pub const INCLUS: usize = 31;
    pub const INAPTITUDES_CONSTRUITES: usize = 32;
    pub const SORTIES_RISQUE: usize = 33;
    pub const SORTIES_RISQUE_POSITIVES: usize = 34;
    pub const PRECOCES: usize = 35;
    pub const JOURS_CONTACT: usize = 36;
    pub const PLANS: usize = 37;
    pub const JOURS_PLAN: usize = 38;
    pub const JOURS_SORTIE: usize = 39;
    pub const SUIVIS_DUS: usize = 40;
    pub const SUIVIS_FAITS: usize = 41;
    pub const EMPLOI_6_REPONSES: usize = 42;
    pub const EMPLOI_6_OUI: usize = 43;
    pub const EMPLOI_12_REPONSES: usize = 44;
    pub const EMPLOI_12_OUI: usize = 45;
    pub const PARTICIPATIONS: usize = 46;
    /// The harmonised cohort at 6 months, then at 12: each the cohort, the
    /// answers, those still employed, the lost to follow-up, the not yet
    /// due (add [`COHORT_QUANTITIES`] for 12 months).
    pub const COHORTE_6: usize = 47;
    pub const COHORTE_12: usize = COHORTE_6 + COHORT_QUANTITIES;
    /// Offsets within a cohort's quantities.
    pub const COHORT_REPONSES: usize = 1;
    pub const COHORT_EN_EMPLOI: usize = 2;
    pub const COHORT_PERDUS: usize = 3;
    pub const COHORT_NON_ECHUS: usize = 4;
    pub const COHORT_QUANTITIES: usize = 5;
    /// The counts of what the law provides: rendez-vous de liaison, the
    /// pré-reprise visits (in all, then by requester in `Requester` order
    /// and not recorded), the measures started (`MeasureKind` order), the
    /// signalements by origin (`Signaller` order) and by moment of
    /// detection (`Detection` order).
    pub const LIAISONS: usize = 57;
    pub const PRE_REPRISES: usize = 58;
    pub const PRE_REPRISES_DEMANDE: usize = 59;
    pub const REQUESTERS: usize = 7;
    pub const DISPOSITIFS: usize = PRE_REPRISES_DEMANDE + REQUESTERS;
    pub const MEASURES: usize = 3;
    pub const ORIGINE: usize = DISPOSITIFS + MEASURES;
    pub const ORIGINS: usize = 6;
    pub const DETECTION: usize = ORIGINE + ORIGINS;
    pub const MOMENTS: usize = 3;
    /// How many quantities a cell has.
    pub const COUNT: usize = DETECTION + MOMENTS;
}

// The slots of the law counts follow the code lists they count.
const _: () = assert!(q::REQUESTERS == <Requester as Code>::ALL.len() + 1);
const _: () = assert!(q::MEASURES == <MeasureKind as Code>::ALL.len());
const _: () = assert!(q::ORIGINS == <Signaller as Code>::ALL.len());
const _: () = assert!(q::MOMENTS == <Detection as Code>::ALL.len());

/// Which part of an indicator a published number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Numerator,
    Denominator,
}

/// A sum of days, and the count it is the sum over: a sum is not a count of
/// people, and it is hidden with its count (a mean and its count give the
/// sum, a mean and its sum the count).
pub(crate) fn sum_of(quantity: usize) -> Option<usize> {
    match quantity {
        q::JOURS_SEJOUR | q::JOURS_CONTACT => Some(q::ENTREES),
        q::JOURS_PLAN => Some(q::PLANS),
        q::JOURS_SORTIE => Some(q::SORTIES),
        _ => None,
    }
}

/// The sums of days counted over a quantity.
pub(crate) fn sums_over(quantity: usize) -> &'static [usize] {
    match quantity {
        q::ENTREES => &[q::JOURS_SEJOUR, q::JOURS_CONTACT],
        q::PLANS => &[q::JOURS_PLAN],
        q::SORTIES => &[q::JOURS_SORTIE],
        _ => &[],
    }
}

/// Whether a quantity counts people (cases, exits, follow-ups): those are
/// hidden under the threshold and must stay hidden within the protection
/// width.
pub(crate) fn counts_people(quantity: usize) -> bool {
    sum_of(quantity).is_none()
}

/// The headline counts of a cell (signalements, entries, exits, cases
/// handled, pré-reprise visits, the cohorts): when secondary suppression
/// must hide one of several equal counts, it hides a breakdown's figure
/// before a headline.
pub(crate) fn is_headline(quantity: usize) -> bool {
    matches!(
        quantity,
        q::SIGNALEMENTS
            | q::ENTREES
            | q::SORTIES
            | q::TRAITES
            | q::PRE_REPRISES
            | q::COHORTE_6
            | q::COHORTE_12
    )
}

/// The quantity a published number counts: an indicator's id and part.
pub(crate) fn slot(id: &str, part: Part) -> Option<usize> {
    use Part::{Denominator as D, Numerator as N};
    let status = |i: usize| match part {
        N => Some(q::STATUT + i),
        D => Some(q::ENTREES),
    };
    let pair = |n: usize, d: usize| match part {
        N => Some(n),
        D => Some(d),
    };
    let count = |n: usize| match part {
        N => Some(n),
        D => None,
    };
    match id {
        "signalements" => count(q::SIGNALEMENTS),
        "signalements_pre_reprise" => count(q::SIGNALEMENTS_PRE_REPRISE),
        "entrees" => count(q::ENTREES),
        "statut_en_cours" => status(0),
        "statut_refus_integration" => status(1),
        "statut_sortie_negative" => status(2),
        "statut_sortie_positive" => status(3),
        "statut_sortie_neutre" => status(4),
        "statut_aist43_en_cours" => pair(q::AIST43_EN_COURS, q::ENTREES),
        "duree_moyenne_sejour" => pair(q::JOURS_SEJOUR, q::ENTREES),
        "sorties" => count(q::SORTIES),
        "taux_sorties_positives" => pair(q::POSITIVES, q::SORTIES),
        "maintiens_realises" => count(q::POSITIVES),
        "maintiens_non_realises" => count(q::NEGATIVES),
        "inaptitudes_avec_licenciement" => count(q::INAPTITUDES_LICENCIEMENT),
        "dossiers_traites" => count(q::TRAITES),
        "categorie_indeterminee" => pair(q::CATEGORIE + 4, q::TRAITES),
        "taux_inclusion" => pair(q::INCLUS, q::TRAITES),
        "inaptitude_construite" => pair(q::INAPTITUDES_CONSTRUITES, q::TRAITES),
        "inaptitudes_evitees" => pair(q::SORTIES_RISQUE_POSITIVES, q::SORTIES_RISQUE),
        "accompagnement_precoce" => pair(q::PRECOCES, q::ENTREES),
        "delai_signalement_contact" => pair(q::JOURS_CONTACT, q::ENTREES),
        "delai_signalement_plan" => pair(q::JOURS_PLAN, q::PLANS),
        "delai_signalement_sortie" => pair(q::JOURS_SORTIE, q::SORTIES),
        "suivis_realises" => pair(q::SUIVIS_FAITS, q::SUIVIS_DUS),
        "en_emploi_6_mois" => pair(q::EMPLOI_6_OUI, q::EMPLOI_6_REPONSES),
        "en_emploi_12_mois" => pair(q::EMPLOI_12_OUI, q::EMPLOI_12_REPONSES),
        "participations_partenaires" => count(q::PARTICIPATIONS),
        "rendez_vous_liaison" => count(q::LIAISONS),
        "visites_pre_reprise" => count(q::PRE_REPRISES),
        "visites_pre_reprise_demandeur_non_renseigne" => {
            count(q::PRE_REPRISES_DEMANDE + Requester::ALL.len())
        }
        other => {
            if let Some(rest) = other.strip_prefix("cohorte_") {
                let (base, part_of) = match rest.split_once("_mois") {
                    Some(("6", tail)) => (q::COHORTE_6, tail),
                    Some(("12", tail)) => (q::COHORTE_12, tail),
                    _ => return None,
                };
                match part_of {
                    "" => count(base),
                    "_reponses" => pair(base + q::COHORT_REPONSES, base),
                    "_perdus_de_vue" => pair(base + q::COHORT_PERDUS, base),
                    "_non_echus" => pair(base + q::COHORT_NON_ECHUS, base),
                    "_en_emploi" => pair(base + q::COHORT_EN_EMPLOI, base + q::COHORT_REPONSES),
                    _ => None,
                }
            } else if let Some(code) = other.strip_prefix("visites_pre_reprise_demande_") {
                let i = Requester::ALL.iter().position(|r| r.code() == code)?;
                count(q::PRE_REPRISES_DEMANDE + i)
            } else if let Some(code) = other.strip_prefix("dispositif_") {
                let i = MeasureKind::ALL.iter().position(|m| m.code() == code)?;
                count(q::DISPOSITIFS + i)
            } else if let Some(code) = other.strip_prefix("signalements_origine_") {
                let i = Signaller::ALL.iter().position(|o| o.code() == code)?;
                count(q::ORIGINE + i)
            } else if let Some(code) = other.strip_prefix("detection_") {
                let i = Detection::ALL.iter().position(|d| d.code() == code)?;
                pair(q::DETECTION + i, q::SIGNALEMENTS)
            } else if let Some(code) = other.strip_prefix("resultat_") {
                let i = ExitResult::ALL.iter().position(|r| r.code() == code)?;
                pair(q::RESULTAT + i, q::SORTIES)
            } else if let Some(code) = other.strip_prefix("categorie_") {
                let i = Category::ALL.iter().position(|c| c.code() == code)?;
                pair(q::CATEGORIE + i, q::TRAITES)
            } else {
                None
            }
        }
    }
}

/// `Σ terms (op) rhs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Eq,
    Le,
}

/// A linear relation between variables (a variable is a quantity of a
/// cell: `cell * q::COUNT + quantity`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Relation {
    pub terms: Vec<(usize, f64)>,
    pub op: Op,
    pub rhs: f64,
}

impl Relation {
    fn eq(terms: Vec<(usize, f64)>) -> Relation {
        Relation {
            terms,
            op: Op::Eq,
            rhs: 0.0,
        }
    }
    fn le(terms: Vec<(usize, f64)>, rhs: f64) -> Relation {
        Relation {
            terms,
            op: Op::Le,
            rhs,
        }
    }
}

/// A cell of the system: its dimension values, sorted by dimension (the
/// total has none).
pub(crate) type Descriptor = Vec<(Dimension, String)>;

/// What the system is built from: for each report of the bundle, its
/// dimensions and its cells' keys (in the order of its dimensions).
pub(crate) struct Layout<'a> {
    pub reports: Vec<(&'a [Dimension], Vec<&'a [String]>)>,
}

/// The figures of a bundle and their relations.
#[derive(Debug, Clone)]
pub(crate) struct System {
    /// The cells; the first is the total.
    pub cells: Vec<Descriptor>,
    /// For each report, the system cell of each of its cells.
    pub report_cells: Vec<Vec<usize>>,
    /// Every relation.
    pub relations: Vec<Relation>,
}

/// The variable of a quantity of a cell.
pub(crate) fn var(cell: usize, quantity: usize) -> usize {
    cell * q::COUNT + quantity
}

fn descriptor(dims: &[Dimension], key: &[String]) -> Descriptor {
    let mut d: Descriptor = dims.iter().copied().zip(key.iter().cloned()).collect();
    d.sort();
    d
}

impl System {
    /// Builds the system of a bundle, with the policy's classification of
    /// exit results, the period and, when it is published, the number of
    /// cases (each counts at most once among the signalements, the entries
    /// and the cases handled).
    pub(crate) fn build(
        layout: &Layout<'_>,
        classification: &BTreeMap<ExitResult, Outcome>,
        period: &Period,
        cases: Option<u64>,
    ) -> System {
        let mut index: BTreeMap<Descriptor, usize> = BTreeMap::new();
        let mut cells: Vec<Descriptor> = vec![Vec::new()];
        index.insert(Vec::new(), 0);
        let mut report_cells = Vec::new();
        for (dims, keys) in &layout.reports {
            let mut mine = Vec::new();
            for key in keys {
                let d = descriptor(dims, key);
                let next = cells.len();
                let i = *index.entry(d.clone()).or_insert(next);
                if i == next {
                    cells.push(d);
                }
                mine.push(i);
            }
            report_cells.push(mine);
        }
        let mut relations = Vec::new();
        let period_days = (period.end - period.start).num_days().max(0) as f64;
        for cell in 0..cells.len() {
            within_cell(cell, classification, period_days, &mut relations);
        }
        if let Some(n) = cases {
            for quantity in [
                q::SIGNALEMENTS,
                q::ENTREES,
                q::TRAITES,
                q::COHORTE_6,
                q::COHORTE_12,
            ] {
                relations.push(Relation::le(vec![(var(0, quantity), 1.0)], n as f64));
            }
        }
        // Across cells: each level (a set of dimensions) is the sum of any
        // finer level of the bundle.
        let mut levels: BTreeMap<Vec<Dimension>, Vec<usize>> = BTreeMap::new();
        for (i, d) in cells.iter().enumerate() {
            levels
                .entry(d.iter().map(|(dim, _)| *dim).collect())
                .or_default()
                .push(i);
        }
        let levels: Vec<(Vec<Dimension>, Vec<usize>)> = levels.into_iter().collect();
        for (coarse_dims, coarse) in &levels {
            for (fine_dims, fine) in &levels {
                // Only to the levels one dimension finer: the others follow
                // (a total is the sum of the sectors, each the sum of its
                // sector × pathology cells), and redundant equalities slow
                // the solver down.
                if fine_dims.len() != coarse_dims.len() + 1
                    || !coarse_dims.iter().all(|d| fine_dims.contains(d))
                {
                    continue;
                }
                let mut children: BTreeMap<Descriptor, Vec<usize>> = BTreeMap::new();
                for &f in fine {
                    let projected: Descriptor = cells
                        .get(f)
                        .map(|d| {
                            d.iter()
                                .filter(|(dim, _)| coarse_dims.contains(dim))
                                .cloned()
                                .collect()
                        })
                        .unwrap_or_default();
                    children.entry(projected).or_default().push(f);
                }
                let mut parents: BTreeMap<Descriptor, usize> = BTreeMap::new();
                for &c in coarse {
                    if let Some(d) = cells.get(c) {
                        parents.insert(d.clone(), c);
                    }
                }
                let keys: std::collections::BTreeSet<&Descriptor> =
                    children.keys().chain(parents.keys()).collect();
                for key in keys {
                    let kids = children.get(key).map(Vec::as_slice).unwrap_or(&[]);
                    for quantity in 0..q::COUNT {
                        if quantity == q::PARTICIPATIONS {
                            continue;
                        }
                        let mut terms: Vec<(usize, f64)> =
                            kids.iter().map(|&k| (var(k, quantity), -1.0)).collect();
                        if let Some(&p) = parents.get(key) {
                            terms.push((var(p, quantity), 1.0));
                        }
                        relations.push(Relation::eq(terms));
                    }
                }
            }
        }
        System {
            cells,
            report_cells,
            relations,
        }
    }

    /// How many variables.
    pub(crate) fn len(&self) -> usize {
        self.cells.len() * q::COUNT
    }
}

fn within_cell(
    cell: usize,
    classification: &BTreeMap<ExitResult, Outcome>,
    period_days: f64,
    out: &mut Vec<Relation>,
) {
    let v = |quantity: usize| var(cell, quantity);
    // statuses add up to the entries; AIST 43's « en cours » = en cours + neutral
    let mut terms: Vec<(usize, f64)> = (0..5).map(|i| (v(q::STATUT + i), 1.0)).collect();
    terms.push((v(q::ENTREES), -1.0));
    out.push(Relation::eq(terms));
    out.push(Relation::eq(vec![
        (v(q::AIST43_EN_COURS), 1.0),
        (v(q::STATUT), -1.0),
        (v(q::STATUT + 4), -1.0),
    ]));
    // results add up to the exits, by outcome to the positive and negative exits
    let mut terms: Vec<(usize, f64)> = (0..ExitResult::ALL.len())
        .map(|i| (v(q::RESULTAT + i), 1.0))
        .collect();
    terms.push((v(q::SORTIES), -1.0));
    out.push(Relation::eq(terms));
    // (a report of harmonised figures only has no classification: it
    // publishes neither the positive nor the negative exits)
    let outcomes: &[(Outcome, usize)] = if classification.is_empty() {
        &[]
    } else {
        &[
            (Outcome::Positive, q::POSITIVES),
            (Outcome::Negative, q::NEGATIVES),
        ]
    };
    for &(outcome, whole) in outcomes {
        let mut terms: Vec<(usize, f64)> = ExitResult::ALL
            .iter()
            .enumerate()
            .filter(|(_, r)| classification.get(r) == Some(&outcome))
            .map(|(i, _)| (v(q::RESULTAT + i), 1.0))
            .collect();
        terms.push((v(whole), -1.0));
        out.push(Relation::eq(terms));
    }
    // categories add up to the cases handled
    let mut terms: Vec<(usize, f64)> = (0..5).map(|i| (v(q::CATEGORIE + i), 1.0)).collect();
    terms.push((v(q::TRAITES), -1.0));
    out.push(Relation::eq(terms));
    // parts never exceed their whole
    let inaptitude = ExitResult::ALL
        .iter()
        .position(|r| *r == ExitResult::Inaptitude)
        .map_or(q::RESULTAT, |i| q::RESULTAT + i);
    for (part, whole) in [
        (q::SIGNALEMENTS_PRE_REPRISE, q::SIGNALEMENTS),
        (q::INCLUS, q::TRAITES),
        (q::PRECOCES, q::ENTREES),
        (q::INAPTITUDES_LICENCIEMENT, inaptitude),
        (q::INAPTITUDES_CONSTRUITES, inaptitude),
        (q::SORTIES_RISQUE, q::SORTIES),
        (q::SORTIES_RISQUE_POSITIVES, q::SORTIES_RISQUE),
        (q::SORTIES_RISQUE_POSITIVES, q::POSITIVES),
        (q::SUIVIS_FAITS, q::SUIVIS_DUS),
        (q::EMPLOI_6_OUI, q::EMPLOI_6_REPONSES),
        (q::EMPLOI_12_OUI, q::EMPLOI_12_REPONSES),
    ] {
        out.push(Relation::le(vec![(v(part), 1.0), (v(whole), -1.0)], 0.0));
    }
    // a cohort is its answers, its lost to follow-up and its not yet due;
    // those still employed are among the answers
    for base in [q::COHORTE_6, q::COHORTE_12] {
        out.push(Relation::eq(vec![
            (v(base + q::COHORT_REPONSES), 1.0),
            (v(base + q::COHORT_PERDUS), 1.0),
            (v(base + q::COHORT_NON_ECHUS), 1.0),
            (v(base), -1.0),
        ]));
        out.push(Relation::le(
            vec![
                (v(base + q::COHORT_EN_EMPLOI), 1.0),
                (v(base + q::COHORT_REPONSES), -1.0),
            ],
            0.0,
        ));
    }
    // the pré-reprise visits by requester add up to the visits; a
    // signalement has one origin and one moment of detection
    for (whole, first, n) in [
        (q::PRE_REPRISES, q::PRE_REPRISES_DEMANDE, q::REQUESTERS),
        (q::SIGNALEMENTS, q::ORIGINE, q::ORIGINS),
        (q::SIGNALEMENTS, q::DETECTION, q::MOMENTS),
    ] {
        let mut terms: Vec<(usize, f64)> = (first..first + n).map(|x| (v(x), 1.0)).collect();
        terms.push((v(whole), -1.0));
        out.push(Relation::eq(terms));
    }
    // an entered case is in the cell at most the length of the period
    out.push(Relation::le(
        vec![(v(q::JOURS_SEJOUR), 1.0), (v(q::ENTREES), -period_days)],
        0.0,
    ));
}
