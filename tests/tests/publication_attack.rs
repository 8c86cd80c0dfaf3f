//! An independent attacker of published tables. From the published JSON
//! alone, it writes the relations that the indicators' definitions imply
//! (its own reading, not the library's: the five statuses add up to the
//! entries, the AIST 43 « en cours » is en cours + neutral, the results add
//! up to the exits and, by the class the published classification gives
//! them, to the positive and negative exits, the categories to the cases
//! handled, a harmonised cohort's answers, lost to follow-up and not yet
//! due to the cohort, the pré-reprise visits by requester to the visits,
//! the signalements by origin and by moment of detection to the
//! signalements, a cell to the cells of a finer breakdown) and solves, with
//! Clarabel (an interior-point solver, not the library's simplex), the least
//! and greatest value of each hidden count. No hidden count may be pinned
//! within the protection width. Two planted faults (suppression without its
//! secondary step; the reports of a bundle protected one by one) must be
//! caught.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeMap, BTreeSet};

use clarabel::algebra::CscMatrix;
use clarabel::solver::{
    DefaultSettingsBuilder, DefaultSolver, IPSolver, SolverStatus, SupportedConeT,
};
use cme_pdp::indicators::{Accumulator, Dimension, Period, Report, ReportSpec};
use cme_pdp::policy::preset;
use cme_pdp::publish::{publish, publish_bundle, PublishOptions};
use cme_pdp::synthetic::{population, PopulationOptions};
use proptest::prelude::*;
use serde_json::{json, Value};

const T: u64 = 11;
const STATUSES: [&str; 5] = [
    "statut_en_cours",
    "statut_refus_integration",
    "statut_sortie_negative",
    "statut_sortie_positive",
    "statut_sortie_neutre",
];

/// A figure: the cell (dimension → value, sorted) and what it counts.
type Figure = (Vec<(String, String)>, String);

/// What a published number counts, as the attacker reads the catalogue.
fn meaning(id: &str, denominator: bool) -> Option<String> {
    let name = match (id, denominator) {
        (s, true) if s.starts_with("statut_") || s == "accompagnement_precoce" => "entrees",
        (s, true) if s.starts_with("resultat_") || s == "taux_sorties_positives" => "sorties",
        (s, true)
            if s.starts_with("categorie_")
                || s == "taux_inclusion"
                || s == "inaptitude_construite" =>
        {
            "dossiers_traites"
        }
        ("taux_sorties_positives", false) => "maintiens_realises",
        (s, true) if s.starts_with("detection_") => "signalements",
        // the harmonised cohort: its parts are over the cohort, those
        // still employed over the answers
        (s, true) if s.starts_with("cohorte_") && s.ends_with("_en_emploi") => {
            return Some(s.replace("_en_emploi", "_reponses"));
        }
        (s, true) if s.starts_with("cohorte_") => {
            let months = s.trim_start_matches("cohorte_").split('_').next()?;
            return Some(format!("cohorte_{months}_mois"));
        }
        (_, true) => return None,
        (s, false) => s,
    };
    Some(name.to_string())
}

#[derive(Default)]
struct Attacker {
    index: BTreeMap<Figure, usize>,
    known: BTreeMap<usize, f64>,
    hidden: BTreeSet<usize>,
    equalities: Vec<Vec<(usize, f64)>>,
}

impl Attacker {
    fn var(&mut self, f: Figure) -> usize {
        let n = self.index.len();
        *self.index.entry(f).or_insert(n)
    }

    fn read(published: &[Value]) -> Attacker {
        let mut a = Attacker::default();
        let mut cells: BTreeSet<Vec<(String, String)>> = BTreeSet::new();
        for p in published {
            let dims: Vec<String> = p["spec"]["by"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d.as_str().unwrap().to_string())
                .collect();
            let mut rows = vec![(Vec::new(), &p["total"])];
            for c in p["cells"].as_array().unwrap() {
                let mut key: Vec<(String, String)> = dims
                    .iter()
                    .cloned()
                    .zip(
                        c["key"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|k| k.as_str().unwrap().to_string()),
                    )
                    .collect();
                key.sort();
                rows.push((key, &c["values"]));
            }
            for (key, values) in rows {
                cells.insert(key.clone());
                for v in values.as_array().unwrap() {
                    let id = v["id"].as_str().unwrap();
                    for (part, den) in [("numerator", false), ("denominator", true)] {
                        if den && v.get("denominator").is_none() && v.get("hidden").is_none() {
                            continue;
                        }
                        if den && meaning(id, true).is_none() {
                            continue;
                        }
                        let Some(name) = meaning(id, den) else {
                            continue;
                        };
                        if name.starts_with("duree") || name.starts_with("delai") {
                            continue;
                        }
                        let x = a.var((key.clone(), name));
                        match v.get(part).and_then(Value::as_u64) {
                            Some(n) => {
                                a.known.insert(x, n as f64);
                            }
                            None => {
                                a.hidden.insert(x);
                            }
                        }
                    }
                }
            }
        }
        let hidden: BTreeSet<usize> = a
            .hidden
            .iter()
            .copied()
            .filter(|x| !a.known.contains_key(x))
            .collect();
        a.hidden = hidden;
        // Within a cell.
        let classes = &published[0]["classification"];
        for key in &cells {
            let f = |a: &mut Attacker, name: &str| a.var((key.clone(), name.to_string()));
            let mut row: Vec<(usize, f64)> = STATUSES.iter().map(|s| (f(&mut a, s), 1.0)).collect();
            row.push((f(&mut a, "entrees"), -1.0));
            a.equalities.push(row);
            let row = vec![
                (f(&mut a, "statut_aist43_en_cours"), 1.0),
                (f(&mut a, "statut_en_cours"), -1.0),
                (f(&mut a, "statut_sortie_neutre"), -1.0),
            ];
            a.equalities.push(row);
            let results: Vec<(String, String)> = classes
                .as_object()
                .unwrap()
                .iter()
                .map(|(r, c)| (format!("resultat_{r}"), c.as_str().unwrap().to_string()))
                .collect();
            let mut row: Vec<(usize, f64)> =
                results.iter().map(|(r, _)| (f(&mut a, r), 1.0)).collect();
            row.push((f(&mut a, "sorties"), -1.0));
            a.equalities.push(row);
            for (class, whole) in [
                ("positive", "maintiens_realises"),
                ("negative", "maintiens_non_realises"),
            ] {
                let mut row: Vec<(usize, f64)> = results
                    .iter()
                    .filter(|(_, c)| c == class)
                    .map(|(r, _)| (f(&mut a, r), 1.0))
                    .collect();
                row.push((f(&mut a, whole), -1.0));
                a.equalities.push(row);
            }
            let mut row: Vec<(usize, f64)> = [
                "categorie_sans_suite",
                "categorie_info_conseils",
                "categorie_facilitation",
                "categorie_ingenierie",
                "categorie_indeterminee",
            ]
            .iter()
            .map(|c| (f(&mut a, c), 1.0))
            .collect();
            row.push((f(&mut a, "dossiers_traites"), -1.0));
            a.equalities.push(row);
            for months in [6, 12] {
                let c = format!("cohorte_{months}_mois");
                let mut row: Vec<(usize, f64)> = ["_reponses", "_perdus_de_vue", "_non_echus"]
                    .iter()
                    .map(|part| (f(&mut a, &format!("{c}{part}")), 1.0))
                    .collect();
                row.push((f(&mut a, &c), -1.0));
                a.equalities.push(row);
            }
            // the law counts: the pré-reprise visits by requester add up to
            // the visits; the signalements by origin, and by moment of
            // detection, to the signalements
            let requesters = [
                "salarie",
                "employeur",
                "medecin_du_travail",
                "medecin_traitant",
                "medecin_conseil",
                "medecin_specialiste",
            ];
            let mut row: Vec<(usize, f64)> = requesters
                .iter()
                .map(|r| format!("visites_pre_reprise_demande_{r}"))
                .chain(["visites_pre_reprise_demandeur_non_renseigne".to_string()])
                .map(|name| (f(&mut a, &name), 1.0))
                .collect();
            row.push((f(&mut a, "visites_pre_reprise"), -1.0));
            a.equalities.push(row);
            let origins = [
                "medecin_du_travail",
                "idest",
                "salarie",
                "autre_membre_equipe",
                "employeur",
                "partenaire",
            ];
            let mut row: Vec<(usize, f64)> = origins
                .iter()
                .map(|o| (f(&mut a, &format!("signalements_origine_{o}")), 1.0))
                .collect();
            row.push((f(&mut a, "signalements"), -1.0));
            a.equalities.push(row);
            let mut row: Vec<(usize, f64)> = ["avant_arret", "pendant_arret", "apres_arret"]
                .iter()
                .map(|d| (f(&mut a, &format!("detection_{d}")), 1.0))
                .collect();
            row.push((f(&mut a, "signalements"), -1.0));
            a.equalities.push(row);
        }
        // A cell is the sum of the cells of a finer breakdown that refine it.
        let names: BTreeSet<String> = a.index.keys().map(|(_, n)| n.clone()).collect();
        for coarse in &cells {
            for fine_dims in cells
                .iter()
                .map(|c| c.iter().map(|(d, _)| d.clone()).collect::<BTreeSet<_>>())
                .collect::<BTreeSet<_>>()
            {
                let coarse_dims: BTreeSet<String> = coarse.iter().map(|(d, _)| d.clone()).collect();
                if fine_dims.len() != coarse_dims.len() + 1 || !coarse_dims.is_subset(&fine_dims) {
                    continue;
                }
                let children: Vec<&Vec<(String, String)>> = cells
                    .iter()
                    .filter(|c| {
                        c.iter().map(|(d, _)| d.clone()).collect::<BTreeSet<_>>() == fine_dims
                    })
                    .filter(|c| coarse.iter().all(|kv| c.contains(kv)))
                    .collect();
                for name in &names {
                    let mut row = vec![(a.var((coarse.clone(), name.clone())), 1.0)];
                    for c in &children {
                        let x = a.var(((*c).clone(), name.clone()));
                        row.push((x, -1.0));
                    }
                    a.equalities.push(row);
                }
            }
        }
        a
    }

    /// The unknowns in groups tied by equalities (every figure not shown,
    /// hidden or never published, is unknown): one program per group.
    fn groups(&self) -> BTreeMap<usize, Vec<usize>> {
        let n = self.index.len();
        let mut parent: Vec<usize> = (0..n).collect();
        fn root(p: &mut [usize], mut x: usize) -> usize {
            while p[x] != x {
                p[x] = p[p[x]];
                x = p[x];
            }
            x
        }
        for eq in &self.equalities {
            let unknown: Vec<usize> = eq
                .iter()
                .map(|(x, _)| *x)
                .filter(|x| !self.known.contains_key(x))
                .collect();
            for w in unknown.windows(2) {
                let (a, b) = (root(&mut parent, w[0]), root(&mut parent, w[1]));
                parent[a.max(b)] = a.min(b);
            }
        }
        let mut out: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for x in (0..n).filter(|x| !self.known.contains_key(x)) {
            let r = root(&mut parent, x);
            out.entry(r).or_default().push(x);
        }
        let mut by_var = BTreeMap::new();
        for group in out.into_values() {
            for x in &group {
                by_var.insert(*x, group.clone());
            }
        }
        by_var
    }

    /// The least or greatest value of `target` (`None`: unbounded).
    fn optimum(&self, target: usize, unknown: &[usize], maximise: bool) -> Option<f64> {
        let col: BTreeMap<usize, usize> =
            unknown.iter().enumerate().map(|(i, x)| (*x, i)).collect();
        let n = unknown.len();
        let rows_of: Vec<&Vec<(usize, f64)>> = self
            .equalities
            .iter()
            .filter(|eq| {
                eq.first()
                    .is_some_and(|_| eq.iter().any(|(x, _)| col.contains_key(x)))
            })
            .collect();
        let (mut rows, mut cols, mut vals, mut b) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut m = 0;
        for eq in rows_of {
            let mut rhs = 0.0;
            let mut any = false;
            for (x, c) in eq {
                match col.get(x) {
                    Some(j) => {
                        rows.push(m);
                        cols.push(*j);
                        vals.push(*c);
                        any = true;
                    }
                    None => rhs -= c * self.known.get(x).copied().unwrap_or(0.0),
                }
            }
            if any {
                b.push(rhs);
                m += 1;
            } else {
                // fully known rows are not constraints; drop what we pushed
            }
        }
        let equalities = m;
        for j in 0..n {
            rows.push(m);
            cols.push(j);
            vals.push(-1.0);
            b.push(0.0);
            m += 1;
        }
        let a = CscMatrix::new_from_triplets(m, n, rows, cols, vals);
        let p = CscMatrix::zeros((n, n));
        let mut q = vec![0.0; n];
        q[col[&target]] = if maximise { -1.0 } else { 1.0 };
        let cones = [
            SupportedConeT::ZeroConeT(equalities),
            SupportedConeT::NonnegativeConeT(n),
        ];
        let settings = DefaultSettingsBuilder::default()
            .verbose(false)
            .build()
            .unwrap();
        let mut solver = DefaultSolver::new(&p, &q, &a, &b, &cones, settings).unwrap();
        solver.solve();
        match solver.solution.status {
            SolverStatus::Solved | SolverStatus::AlmostSolved => {
                let v = solver.solution.obj_val;
                Some(if maximise { -v } else { v })
            }
            SolverStatus::DualInfeasible | SolverStatus::AlmostDualInfeasible => None,
            other => panic!("the published figures have no solution: {other:?}"),
        }
    }

    /// Hidden counts whose interval is narrower than `width` (the first
    /// only, with `first`).
    fn pinned(&self, width: u64, first: bool) -> Vec<(Figure, f64, Option<f64>)> {
        let names: BTreeMap<usize, &Figure> = self.index.iter().map(|(f, i)| (*i, f)).collect();
        let groups = self.groups();
        let mut out = Vec::new();
        for x in &self.hidden {
            let group = &groups[x];
            let lo = self.optimum(*x, group, false).unwrap_or(0.0);
            let hi = self.optimum(*x, group, true);
            if hi.is_some_and(|h| (h + 1e-4).floor() - (lo - 1e-4).ceil() < width as f64) {
                out.push(((*names[x]).clone(), lo, hi));
                if first {
                    break;
                }
            }
        }
        out
    }
}

fn reports(n: usize, seed: u64, policy: &str, d1: Dimension, d2: Dimension) -> Vec<Report> {
    let cases = population(n, seed, &PopulationOptions::default());
    [vec![], vec![d1], vec![d1, d2]]
        .into_iter()
        .map(|by| {
            let mut acc = Accumulator::new(
                ReportSpec::new(Period::year(2023), by),
                preset(policy).unwrap(),
            );
            for c in &cases {
                acc.add(c);
            }
            acc.finish()
        })
        .collect()
}

fn json(published: &[cme_pdp::publish::PublishedReport]) -> Vec<Value> {
    published
        .iter()
        .map(|p| serde_json::to_value(p).unwrap())
        .collect()
}

fn cases() -> u32 {
    std::env::var("CME_PUBLICATION_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), .. ProptestConfig::default() })]

    /// The independent attack finds no hidden count pinned within the
    /// protection width, over random populations and dimension pairs.
    #[test]
    fn the_independent_attack_pins_nothing(
        seed in any::<u64>(),
        n in 1000usize..2000,
        policy in prop::sample::select(vec!["aismt13", "aist43", "asmt65"]),
        dims in prop::sample::subsequence(vec![Dimension::Requester, Dimension::Category, Dimension::AgeBand, Dimension::SourceVisit], 2),
    ) {
        let published = publish_bundle(&reports(n, seed, policy, dims[0], dims[1]), &PublishOptions::new(T)).unwrap();
        let pinned = Attacker::read(&json(&published)).pinned(T, false);
        prop_assert!(pinned.is_empty(), "pinned: {:?}", pinned);
    }
}

/// A synthetic population given what the law counts: the signalements
/// spread over the six origins, pré-reprise visits with their requesters
/// (those the law admits from 2022), rendez-vous de liaison and measures,
/// and most cases in one company of more than 300 employees (a mix drawn
/// from each case's index and the seed, not from the library).
fn enriched(n: usize, seed: u64) -> Vec<Value> {
    const ORIGINS: [&str; 6] = [
        "medecin_du_travail",
        "medecin_du_travail",
        "idest",
        "salarie",
        "employeur",
        "partenaire",
    ];
    const REQUESTERS: [Option<&str>; 4] = [
        Some("salarie"),
        Some("medecin_traitant"),
        Some("medecin_conseil"),
        None,
    ];
    const MEASURES: [&str; 3] = ["essai_encadre", "crpe", "transition_professionnelle"];
    population(n, seed, &PopulationOptions::default())
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut v = serde_json::to_value(c).unwrap();
            let mix = (i as u64).wrapping_mul(2654435761).wrapping_add(seed) >> 3;
            let pick = |k: u64, m: u64| ((mix >> k) % m) as usize;
            let day = v["signalement"]["date"].clone();
            v["format_version"] = json!(2);
            v["signalement"]["signalled_by"] = json!(ORIGINS[pick(0, 6)]);
            if pick(4, 5) < 3 {
                v["worker"]["company"] = json!("ENT-A");
            }
            let mut visits = Vec::new();
            if pick(8, 3) == 0 {
                visits.push(json!({"kind": "rendez_vous_liaison", "date": day}));
            }
            if pick(12, 2) == 0 {
                let mut visit = json!({"kind": "pre_reprise", "date": day});
                if let Some(r) = REQUESTERS[pick(16, 4)] {
                    visit["requested_by"] = json!(r);
                }
                visits.push(visit);
            }
            if !visits.is_empty() {
                v["visits"] = Value::Array(visits);
            }
            if pick(20, 4) == 0 {
                v["measures"] = json!([{"measure": MEASURES[pick(24, 3)], "start": day}]);
            }
            v
        })
        .collect()
}

/// The company report (D4622-54) of a population given every count of the
/// law: the independent attack pins none of its hidden counts.
#[test]
fn the_independent_attack_pins_nothing_in_a_company_report() {
    use cme_pdp::publish::company::{company_report, CompanyRequest};
    let cases = enriched(1200, 3);
    let report = company_report(
        &cases,
        &json!("aismt13"),
        &CompanyRequest::new("ENT-A", 900, "2023"),
    )
    .unwrap();
    assert!(report.cases > 400, "{}", report.cases);
    // the law's counts are there to attack
    let shown = |id: &str| {
        report
            .published
            .total
            .iter()
            .find(|v| v.id == id)
            .and_then(|v| v.numerator)
    };
    assert!(shown("visites_pre_reprise").is_some_and(|n| n > 50));
    assert!(shown("signalements_origine_idest").is_some_and(|n| n > 11));
    let pinned = Attacker::read(&json(std::slice::from_ref(&report.published))).pinned(T, false);
    assert!(pinned.is_empty(), "pinned: {pinned:?}");
}

/// The same population published as a bundle (totals, by requester, by
/// requester × age band): the new relations hold against the attack too.
#[test]
fn the_independent_attack_pins_nothing_in_the_law_s_counts() {
    let cases: Vec<cme_pdp::case::Case> = enriched(1200, 5)
        .into_iter()
        .map(|v| serde_json::from_value(v).unwrap())
        .collect();
    let reports: Vec<Report> = [
        vec![],
        vec![Dimension::Requester],
        vec![Dimension::Requester, Dimension::AgeBand],
    ]
    .into_iter()
    .map(|by| {
        let mut acc = Accumulator::new(
            ReportSpec::new(Period::year(2023), by),
            preset("aist43").unwrap(),
        );
        cases.iter().for_each(|c| acc.add(c));
        acc.finish()
    })
    .collect();
    let published = publish_bundle(&reports, &PublishOptions::new(T)).unwrap();
    let pinned = Attacker::read(&json(&published)).pinned(T, false);
    assert!(pinned.is_empty(), "pinned: {pinned:?}");
}

/// Fault 1: the secondary step removed (every hidden count at or above the
/// threshold shown again): the attack must pin a hidden count.
#[test]
fn the_attack_catches_suppression_without_its_secondary_step() {
    let reports = reports(800, 7, "aismt13", Dimension::Requester, Dimension::AgeBand);
    let mut published = publish_bundle(&reports, &PublishOptions::new(T)).unwrap();
    for (p, r) in published.iter_mut().zip(&reports) {
        let rows = std::iter::once((&mut p.total, &r.total.0)).chain(
            p.cells
                .iter_mut()
                .zip(&r.cells)
                .map(|(pc, rc)| (&mut pc.values, &rc.values)),
        );
        for (pv, rv) in rows {
            for (v, truth) in pv.iter_mut().zip(rv) {
                if v.numerator.is_none() && truth.numerator >= T {
                    v.numerator = Some(truth.numerator);
                }
                if v.denominator.is_none() && truth.denominator.is_some_and(|d| d >= T) {
                    v.denominator = truth.denominator;
                }
            }
        }
    }
    let pinned = Attacker::read(&json(&published)).pinned(T, true);
    assert!(
        !pinned.is_empty(),
        "the weakened publication was not caught"
    );
}

/// Fault 2: the margin relations between reports dropped (each report of
/// the bundle protected on its own): read together, a hidden count is
/// pinned.
#[test]
fn the_attack_catches_reports_protected_one_by_one() {
    let reports = reports(800, 7, "aismt13", Dimension::Requester, Dimension::AgeBand);
    let alone: Vec<_> = reports.iter().map(|r| publish(r, T).unwrap()).collect();
    let pinned = Attacker::read(&json(&alone)).pinned(T, true);
    assert!(
        !pinned.is_empty(),
        "reports protected one by one were not caught"
    );
    // the bundle of the same reports is not
    let bundle = publish_bundle(&reports, &PublishOptions::new(T)).unwrap();
    assert!(Attacker::read(&json(&bundle)).pinned(T, false).is_empty());
}
