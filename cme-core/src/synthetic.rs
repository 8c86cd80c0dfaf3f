//! Seeded synthetic populations of cases (no real person), at any size,
//! for tests, benchmarks and notebooks.
//!
//! Distributions follow LEGAL.md and the seeds: pathologies (TMS 45 %,
//! santé mentale 30 %, then cardiovasculaire, cancers, neurologique,
//! respiratoire, autres), mostly pré-reprise signalements (seeds 003, 004)
//! requested by the worker, the médecin traitant or the médecin conseil,
//! sick leaves of a few weeks to over a year, about 42 % of signalements
//! entering the cell (AIST 43: 43 entries for 103 prescriptions), exits of
//! every result with AIST 43's proportions, follow-ups at 6 and 12 months.
//! The same seed gives the same population on every platform (ChaCha8).
//! Every case generated is valid (tested).
//!
//! ```
//! use cme_pdp::synthetic::{population, PopulationOptions};
//! let a = population(100, 7, &PopulationOptions::default());
//! let b = population(100, 7, &PopulationOptions::default());
//! assert_eq!(a, b);
//! assert_eq!(a.len(), 100);
//! ```

use chrono::{Days, NaiveDate};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::case::{
    Case, Consent, EmployerKind, Event, ExitResult, Expertise, Nomenclature, Partner, Requester,
    RqthStatus, Sector, SickLeave, SickLeaveCause, Signalement, Signaller, SourceVisit, Worker,
    FORMAT_VERSION,
};

/// Options of a population.
///
/// ```
/// let o = cme_pdp::synthetic::PopulationOptions::default();
/// assert_eq!(o.services.len(), 7);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PopulationOptions {
    /// First possible signalement date.
    pub from: NaiveDate,
    /// Last possible signalement date.
    pub to: NaiveDate,
    /// Service codes, drawn uniformly.
    pub services: Vec<String>,
}

impl Default for PopulationOptions {
    fn default() -> Self {
        PopulationOptions {
            from: NaiveDate::from_ymd_opt(2022, 1, 3).unwrap_or(NaiveDate::MIN),
            to: NaiveDate::from_ymd_opt(2024, 12, 31).unwrap_or(NaiveDate::MAX),
            services: crate::policy::preset_codes()
                .into_iter()
                .map(String::from)
                .collect(),
        }
    }
}

/// Draws from a weighted table; `fallback` when the table is empty.
fn pick<T: Copy>(rng: &mut ChaCha8Rng, weighted: &[(T, u32)], fallback: T) -> T {
    let total: u32 = weighted.iter().map(|(_, w)| w).sum();
    let mut x = rng.random_range(0..total.max(1));
    for (t, w) in weighted {
        if x < *w {
            return *t;
        }
        x -= w;
    }
    fallback
}

fn after(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_add_days(Days::new(days)).unwrap_or(d)
}

/// `n` synthetic cases from a seed.
pub fn population(n: usize, seed: u64, options: &PopulationOptions) -> Vec<Case> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let span = u64::try_from(
        options
            .to
            .signed_duration_since(options.from)
            .num_days()
            .max(0),
    )
    .unwrap_or(0);
    (0..n).map(|i| one(&mut rng, i, span, options)).collect()
}

fn one(rng: &mut ChaCha8Rng, i: usize, span: u64, o: &PopulationOptions) -> Case {
    let service = o
        .services
        .get(rng.random_range(0..o.services.len().max(1)))
        .cloned()
        .unwrap_or_else(|| "aismt13".into());
    let signalement = after(o.from, rng.random_range(0..=span));
    let chapter = pick(
        rng,
        &[
            (13u8, 45),
            (5, 30),
            (9, 6),
            (2, 5),
            (6, 5),
            (10, 3),
            (19, 6),
        ],
        13u8,
    );
    let section = pick(
        rng,
        &[
            ("F", 18),
            ("Q", 20),
            ("C", 15),
            ("G", 14),
            ("H", 8),
            ("N", 9),
            ("O", 5),
            ("P", 4),
            ("I", 5),
            ("A", 2),
        ],
        "F",
    );
    let employer = if matches!(section, "O" | "P") {
        EmployerKind::Public
    } else {
        EmployerKind::Prive
    };
    let birth_year = 1958 + rng.random_range(0..42);
    let worker = Worker {
        id: None,
        birth_date: None,
        birth_year: Some(birth_year),
        company: None,
        sector: Some(Sector {
            nomenclature: Nomenclature::NafRev2,
            section: section.into(),
        }),
        employer: Some(employer),
        rqth: Some(pick(
            rng,
            &[
                (RqthStatus::Aucune, 70),
                (RqthStatus::DemandeEnCours, 12),
                (RqthStatus::Reconnue, 18),
            ],
            RqthStatus::Aucune,
        )),
        cim10_chapter: Some(chapter),
    };
    let source_visit = pick(
        rng,
        &[
            (SourceVisit::PreReprise, 55),
            (SourceVisit::Reprise, 15),
            (SourceVisit::ALaDemande, 18),
            (SourceVisit::VisitePeriodique, 6),
            (SourceVisit::Vip, 3),
            (SourceVisit::MiCarriere, 3),
        ],
        SourceVisit::PreReprise,
    );
    let requested_by = match source_visit {
        SourceVisit::PreReprise => Some(pick(
            rng,
            &[
                (Requester::Salarie, 40),
                (Requester::MedecinTraitant, 30),
                (Requester::MedecinConseil, 20),
                (Requester::MedecinDuTravail, 10),
            ],
            Requester::Salarie,
        )),
        SourceVisit::ALaDemande => Some(pick(
            rng,
            &[
                (Requester::Salarie, 50),
                (Requester::Employeur, 30),
                (Requester::MedecinDuTravail, 20),
            ],
            Requester::Salarie,
        )),
        _ => None,
    };
    // The médecin du travail asks for a pré-reprise only since 31 March 2022
    // (L4624-2-4): before, the same draw is the médecin traitant.
    let requested_by = match requested_by {
        Some(Requester::MedecinDuTravail)
            if source_visit == SourceVisit::PreReprise
                && signalement < crate::legal::PDP_IN_FORCE =>
        {
            Some(Requester::MedecinTraitant)
        }
        other => other,
    };
    let mut sick_leaves = Vec::new();
    if matches!(source_visit, SourceVisit::PreReprise | SourceVisit::Reprise)
        || rng.random_bool(0.3)
    {
        let length = pick(
            rng,
            &[
                (20u64, 10),
                (45, 25),
                (75, 25),
                (120, 20),
                (250, 15),
                (400, 5),
            ],
            20u64,
        ) + rng.random_range(0..15);
        let start = signalement
            .checked_sub_days(Days::new(rng.random_range(10..length.max(11))))
            .unwrap_or(signalement);
        let cause = pick(
            rng,
            &[
                (SickLeaveCause::MaladieNonProfessionnelle, 65),
                (SickLeaveCause::AccidentDuTravail, 15),
                (SickLeaveCause::MaladieProfessionnelle, 12),
                (SickLeaveCause::AccidentNonProfessionnel, 8),
            ],
            SickLeaveCause::MaladieNonProfessionnelle,
        );
        sick_leaves.push(SickLeave {
            start,
            end: Some(after(start, length - 1)),
            end_is_expected: false,
            cause,
        });
    }
    let mut events = Vec::new();
    let mut consents = Vec::new();
    let mut day = signalement;
    let mut step = |rng: &mut ChaCha8Rng, lo: u64, hi: u64| {
        day = after(day, rng.random_range(lo..=hi));
        day
    };
    let enters = rng.random_bool(0.42);
    if !enters {
        if rng.random_bool(0.5) {
            events.push(Event::AbsenceReponse {
                date: step(rng, 15, 30),
            });
        }
    } else {
        let contact = step(rng, 1, 20);
        events.push(Event::Contact { date: contact });
        let partners: Vec<Partner> = [
            Partner::CapEmploi,
            Partner::Mdph,
            Partner::CarsatServiceSocial,
            Partner::Cep,
            Partner::FranceTravail,
        ]
        .into_iter()
        .filter(|_| rng.random_bool(0.4))
        .collect();
        consents.push(Consent {
            given_on: contact,
            accompaniment: true,
            sharing_with: partners.clone(),
            withdrawn_on: None,
        });
        if rng.random_bool(0.03) {
            events.push(Event::RefusAccompagnement {
                date: step(rng, 0, 10),
            });
        } else {
            events.push(Event::AnalyseDemande {
                date: step(rng, 1, 10),
                simple_solution: Some(rng.random_bool(0.3)),
            });
            let qualification = step(rng, 3, 20);
            events.push(Event::EntretienQualification {
                date: qualification,
            });
            for e in [
                Expertise::Ergonome,
                Expertise::Psychologue,
                Expertise::AssistantSocial,
            ] {
                if rng.random_bool(0.45) {
                    events.push(Event::AvisAttendu {
                        date: qualification,
                        expertise: e,
                    });
                }
            }
            let commission = step(rng, 3, 15);
            events.push(Event::CommissionPleniere { date: commission });
            events.push(Event::PlanPropose { date: commission });
            events.push(Event::PlanAccepte {
                date: step(rng, 1, 10),
            });
            for p in partners.iter().take(2) {
                events.push(Event::ActionPartenaire {
                    date: step(rng, 3, 30),
                    partner: *p,
                });
            }
            if rng.random_bool(0.35) {
                let result = pick(
                    rng,
                    &[
                        (ExitResult::AmenagementPoste, 33),
                        (ExitResult::ChangementPosteInterne, 25),
                        (ExitResult::ChangementPosteExterne, 8),
                        (ExitResult::CreationEntreprise, 8),
                        (ExitResult::Reconversion, 6),
                        (ExitResult::EmbaucheCdi, 4),
                        (ExitResult::Inaptitude, 17),
                        (ExitResult::Invalidite, 8),
                        (ExitResult::Retraite, 3),
                    ],
                    ExitResult::AmenagementPoste,
                );
                let (dismissal, prepared) = if result == ExitResult::Inaptitude {
                    (Some(rng.random_bool(0.8)), Some(rng.random_bool(0.3)))
                } else {
                    (None, None)
                };
                let exit = step(rng, 20, 120);
                events.push(Event::Sortie {
                    date: exit,
                    result: Some(result),
                    dismissal,
                    prepared,
                });
                if rng.random_bool(0.7) {
                    events.push(Event::Suivi {
                        date: after(exit, 182),
                        still_employed: Some(rng.random_bool(0.8)),
                    });
                    if rng.random_bool(0.6) {
                        events.push(Event::Suivi {
                            date: after(exit, 365),
                            still_employed: Some(rng.random_bool(0.75)),
                        });
                    }
                }
            }
        }
    }
    Case {
        format_version: FORMAT_VERSION,
        id: format!("SYN-{i:07}"),
        service,
        policy: None,
        doctor: None,
        worker,
        sick_leaves,
        signalement: Signalement {
            date: signalement,
            source_visit,
            signalled_by: Signaller::MedecinDuTravail,
            requested_by,
            worker_agreed: None,
        },
        consents,
        events,
        category_override: None,
        visits: Vec::new(),
        employer_exchanges: Vec::new(),
        referrals: Vec::new(),
        meetings: Vec::new(),
        measures: Vec::new(),
    }
}
