//! The measures a cell mobilises (LEGAL.md, "Measures a cell mobilises"):
//! essai encadré, CRPE, projet de transition professionnelle, inaptitude,
//! RQTH and invalidité — each with its dates computed, its conditions
//! checked and its article cited.
//!
//! **Working days.** The essai encadré lasts at most 14 *jours ouvrables*,
//! renewable once, 28 in total (D323-6-1 CSS): every day but Sundays and
//! public holidays (the 11 national holidays of L3133-1 Code du travail;
//! Alsace-Moselle's two extra days are not counted). [`DayCount::Ouvres`]
//! (Monday to Friday) is available for other uses.
//!
//! ```
//! use cme_core::measures::{nth_working_day, DayCount};
//! use chrono::NaiveDate;
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! // From Monday 2 May 2022, 14 jours ouvrables: the Sundays 8 and 15 May are
//! // skipped (8 May, a public holiday, falls on a Sunday that year).
//! assert_eq!(nth_working_day(d(2022, 5, 2), 14, DayCount::Ouvrables), d(2022, 5, 17));
//! ```

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::case::{Case, ExitResult, RqthStatus, SickLeave, SickLeaveCause, SourceVisit};
use crate::codes::code_enum;
use crate::deadlines::{add_days, add_months};
use crate::explain::{days_fr, MissingFact, Reason, Source};
use crate::legal::PDP_IN_FORCE;

code_enum! {
    /// The measures.
    ///
    /// ```
    /// use cme_core::{measures::Measure, codes::Code};
    /// assert_eq!(Measure::EssaiEncadre.code(), "essai_encadre");
    /// ```
    pub enum Measure: "measure" {
        EssaiEncadre = "essai_encadre", "Essai encadré";
        Crpe = "crpe", "Convention de rééducation professionnelle en entreprise (CRPE)";
        TransitionProfessionnelle = "transition_professionnelle", "Projet de transition professionnelle";
        Inaptitude = "inaptitude", "Procédure d'inaptitude";
        Rqth = "rqth", "Reconnaissance de la qualité de travailleur handicapé (RQTH)";
        Invalidite = "invalidite", "Pension d'invalidité";
    }
}

/// How days are counted.
///
/// ```
/// use cme_core::measures::{is_working_day, DayCount};
/// let sat = chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
/// assert!(is_working_day(sat, DayCount::Ouvrables));
/// assert!(!is_working_day(sat, DayCount::Ouvres));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayCount {
    /// Jours ouvrables: Monday to Saturday, public holidays excluded.
    Ouvrables,
    /// Jours ouvrés: Monday to Friday, public holidays excluded.
    Ouvres,
}

/// Easter Sunday (Gregorian calendar, anonymous algorithm).
///
/// ```
/// use chrono::NaiveDate;
/// assert_eq!(cme_core::measures::easter(2024), NaiveDate::from_ymd_opt(2024, 3, 31));
/// assert_eq!(cme_core::measures::easter(2025), NaiveDate::from_ymd_opt(2025, 4, 20));
/// ```
pub fn easter(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// Whether a date is a French national public holiday (L3133-1 Code du
/// travail).
///
/// ```
/// use chrono::NaiveDate;
/// use cme_core::measures::is_public_holiday;
/// assert!(is_public_holiday(NaiveDate::from_ymd_opt(2024, 5, 9).unwrap())); // Ascension
/// assert!(is_public_holiday(NaiveDate::from_ymd_opt(2024, 5, 20).unwrap())); // Pentecôte
/// assert!(!is_public_holiday(NaiveDate::from_ymd_opt(2024, 5, 10).unwrap()));
/// ```
pub fn is_public_holiday(date: NaiveDate) -> bool {
    let fixed = matches!(
        (date.month(), date.day()),
        (1, 1) | (5, 1) | (5, 8) | (7, 14) | (8, 15) | (11, 1) | (11, 11) | (12, 25)
    );
    fixed
        || easter(date.year()).is_some_and(|e| {
            [1u64, 39, 50]
                .iter()
                .any(|n| e.checked_add_days(Days::new(*n)) == Some(date))
        })
}

/// Whether a date counts as a working day.
pub fn is_working_day(date: NaiveDate, count: DayCount) -> bool {
    let weekday_ok = match count {
        DayCount::Ouvrables => date.weekday() != Weekday::Sun,
        DayCount::Ouvres => !matches!(date.weekday(), Weekday::Sat | Weekday::Sun),
    };
    weekday_ok && !is_public_holiday(date)
}

/// The date of the `n`-th working day from `start` (`start` counts when it
/// is a working day); `n` of 0 gives `start`.
pub fn nth_working_day(start: NaiveDate, n: u32, count: DayCount) -> NaiveDate {
    let mut seen = 0;
    let mut day = start;
    if n == 0 {
        return start;
    }
    // At most n + (n / 5 + 1) * 4 + 15 calendar days are needed; bound the loop.
    for _ in 0..(n.saturating_mul(3).saturating_add(30)) {
        if is_working_day(day, count) {
            seen += 1;
            if seen == n {
                return day;
            }
        }
        day = add_days(day, 1);
    }
    day
}

/// A dated step of a measure.
///
/// ```
/// use cme_core::measures::DatedStep;
/// let s = DatedStep { code: "fin".into(), label: "Fin".into(), date: chrono::NaiveDate::MIN };
/// assert_eq!(s.code, "fin");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatedStep {
    /// Stable code.
    pub code: String,
    /// What the date is, in French.
    pub label: String,
    /// The date.
    pub date: NaiveDate,
}

/// A measure: whether it is open to the worker, its dates, conditions,
/// reasons and articles.
///
/// ```
/// let case = cme_core::sample::sample_cases().unwrap().remove(0);
/// for m in cme_core::measures::suggested_measures(&case, cme_core::sample::SAMPLE_AS_OF) {
///     assert!(!m.sources.is_empty());
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureOutcome {
    /// The measure.
    pub measure: Measure,
    /// Whether it is open (`None`: a fact is missing, or it is a step to
    /// consider rather than a right to check).
    pub eligible: Option<bool>,
    /// Its dates.
    pub dates: Vec<DatedStep>,
    /// Conditions to obtain (agreements, decisions).
    pub conditions: Vec<String>,
    /// Why, in French.
    pub reasons: Vec<Reason>,
    /// Articles and documents.
    pub sources: Vec<Source>,
    /// Facts needed to decide.
    pub missing: Vec<MissingFact>,
}

fn outcome(measure: Measure, eligible: Option<bool>, sources: Vec<Source>) -> MeasureOutcome {
    MeasureOutcome {
        measure,
        eligible,
        dates: Vec::new(),
        conditions: Vec::new(),
        reasons: Vec::new(),
        sources,
        missing: Vec::new(),
    }
}

fn because(o: &mut MeasureOutcome, code: &str, text: impl Into<String>) {
    let mut r = Reason::new(
        code,
        text,
        o.sources
            .first()
            .cloned()
            .unwrap_or_else(|| Source::legal("calendrier légal")),
    );
    for s in o.sources.iter().skip(1) {
        r = r.and(s.clone());
    }
    o.reasons.push(r);
}

fn css(article: &str, version: &str) -> Source {
    Source::article("Code de la sécurité sociale", article, version)
}

fn ct(article: &str, version: &str) -> Source {
    Source::article("Code du travail", article, version)
}

/// The essai encadré of a worker on sick leave, starting on `start`: the
/// end of the first period (14 jours ouvrables) and of the renewal (28 in
/// total). Open during a sick leave running on or after 31 March 2022
/// (LEGAL.md), with the agreement of the médecin traitant, the médecin
/// conseil and the médecin du travail.
///
/// ```
/// use cme_core::case::{SickLeave, SickLeaveCause};
/// use chrono::NaiveDate;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let leave = SickLeave { start: d(2024, 1, 8), end: Some(d(2024, 6, 30)), end_is_expected: true,
///                         cause: SickLeaveCause::MaladieNonProfessionnelle };
/// let o = cme_core::measures::essai_encadre(&leave, d(2024, 4, 2));
/// assert_eq!(o.eligible, Some(true));
/// assert_eq!(o.dates[0].date, d(2024, 4, 17)); // Sundays skipped, Saturdays counted
/// assert_eq!(o.dates[1].date, d(2024, 5, 4));  // 1 May (a public holiday) skipped
/// ```
pub fn essai_encadre(leave: &SickLeave, start: NaiveDate) -> MeasureOutcome {
    let mut o = outcome(
        Measure::EssaiEncadre,
        None,
        vec![css("L323-3-1", "2022-03-31"), css("D323-6-1", "2022-03-31")],
    );
    o.conditions = vec![
        "Accord du médecin traitant".into(),
        "Accord du médecin conseil de l'assurance maladie".into(),
        "Accord du médecin du travail".into(),
    ];
    let running_on_2022 = leave.end.is_none_or(|end| end >= PDP_IN_FORCE);
    let during = start >= leave.start && leave.end.is_none_or(|end| start <= end);
    o.eligible = Some(running_on_2022 && during);
    if !running_on_2022 {
        because(&mut o, "arret_termine_avant_2022", "L'essai encadré s'applique aux arrêts en cours le 31 mars 2022 ou postérieurs ; cet arrêt s'est terminé avant.");
        return o;
    }
    if !during {
        because(&mut o, "hors_arret", "L'essai encadré se déroule pendant l'arrêt de travail : la date de début envisagée est en dehors de l'arrêt.");
        return o;
    }
    let first = nth_working_day(start, 14, DayCount::Ouvrables);
    let renewed = nth_working_day(start, 28, DayCount::Ouvrables);
    o.dates = vec![
        DatedStep {
            code: "fin_premiere_periode".into(),
            label: "Fin de l'essai (14 jours ouvrables)".into(),
            date: first,
        },
        DatedStep {
            code: "fin_apres_renouvellement".into(),
            label: "Fin de l'essai renouvelé une fois (28 jours ouvrables au total)".into(),
            date: renewed,
        },
    ];
    because(&mut o, "pendant_arret", "Pendant l'arrêt de travail, le travailleur peut essayer un poste : 14 jours ouvrables au plus, renouvelables une fois, 28 au total (dimanches et jours fériés exclus).");
    if leave.end.is_some_and(|end| renewed > end) {
        because(&mut o, "depasse_la_fin_prevue", "L'essai renouvelé dépasserait la fin (prévue) de l'arrêt : il devra s'achever avec l'arrêt ou l'arrêt être prolongé.");
    }
    o
}

/// The CRPE (convention de rééducation professionnelle en entreprise):
/// for a worker declared unfit, or at risk of unfitness identified at a
/// pré-reprise visit; 18 months at most (R5213-15).
///
/// ```
/// use chrono::NaiveDate;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let o = cme_core::measures::crpe(Some(true), d(2024, 9, 2));
/// assert_eq!(o.dates[0].date, d(2026, 3, 1));
/// ```
pub fn crpe(unfit_or_at_risk: Option<bool>, start: NaiveDate) -> MeasureOutcome {
    let mut o = outcome(
        Measure::Crpe,
        unfit_or_at_risk,
        vec![
            ct("L5213-3-1", "2022-03-31"),
            ct("L1226-1-4", "2022-03-31"),
            ct("R5213-15", "2022-03-31"),
        ],
    );
    match unfit_or_at_risk {
        Some(true) => {
            let end = add_months(start, 18).pred_opt().unwrap_or(start);
            o.dates.push(DatedStep {
                code: "fin_au_plus_tard".into(),
                label: "Fin de la convention au plus tard (18 mois)".into(),
                date: end,
            });
            because(&mut o, "inapte_ou_a_risque", "Le travailleur est déclaré inapte ou à risque d'inaptitude repéré en visite de pré-reprise : la CRPE est possible, pour 18 mois au plus.");
        }
        Some(false) => because(&mut o, "ni_inapte_ni_a_risque", "La CRPE s'adresse aux travailleurs déclarés inaptes ou à risque d'inaptitude repéré en visite de pré-reprise."),
        None => {
            o.missing.push(MissingFact::new("events.sortie.result", "crpe", "Indiquer si le travailleur est déclaré inapte ou à risque d'inaptitude (visite de pré-reprise)."));
            because(&mut o, "inaptitude_inconnue", "On ne sait pas si le travailleur est déclaré inapte ou à risque d'inaptitude.");
        }
    }
    o
}

/// Six months of absence, counted as 183 calendar days cumulated (cme's
/// reading of "au moins six mois, consécutifs ou non"; a parameter to
/// confirm).
pub const TRANSITION_PRO_ABSENCE_DAYS: i64 = 183;

/// The seniority waiver of the projet de transition professionnelle
/// (L6323-17-2, D6323-9): granted when, in the 24 months before `date`, the
/// worker was absent for a maladie professionnelle, or at least six months
/// for illness or accident.
///
/// ```
/// use cme_core::case::{SickLeave, SickLeaveCause};
/// use chrono::NaiveDate;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let leave = SickLeave { start: d(2023, 1, 1), end: Some(d(2023, 7, 2)), end_is_expected: false,
///                         cause: SickLeaveCause::AccidentNonProfessionnel };
/// assert_eq!(cme_core::measures::transition_professionnelle(&[leave], d(2024, 1, 1)).eligible, Some(true));
/// ```
pub fn transition_professionnelle(leaves: &[SickLeave], date: NaiveDate) -> MeasureOutcome {
    let mut o = outcome(
        Measure::TransitionProfessionnelle,
        Some(false),
        vec![ct("L6323-17-2", "2022-03-31"), ct("D6323-9", "2022-03-31")],
    );
    let window_start = date
        .checked_sub_months(chrono::Months::new(24))
        .unwrap_or(NaiveDate::MIN);
    let mut days = 0i64;
    let mut professional = false;
    for leave in leaves {
        let end = leave
            .end
            .unwrap_or(date)
            .min(date.pred_opt().unwrap_or(date));
        let start = leave.start.max(window_start);
        if end < start {
            continue;
        }
        match leave.cause {
            SickLeaveCause::MaladieProfessionnelle => professional = true,
            SickLeaveCause::Maternite => {}
            _ => days += end.signed_duration_since(start).num_days() + 1,
        }
    }
    if professional {
        o.eligible = Some(true);
        because(&mut o, "maladie_professionnelle", "Absence pour maladie professionnelle dans les 24 mois précédents : la condition d'ancienneté est levée.");
    } else if days >= TRANSITION_PRO_ABSENCE_DAYS {
        o.eligible = Some(true);
        because(&mut o, "six_mois_d_absence", format!("{} d'absence pour maladie ou accident dans les 24 mois précédents (au moins six mois) : la condition d'ancienneté est levée.", days_fr(days)));
    } else {
        because(&mut o, "condition_d_anciennete", format!("{} d'absence pour maladie ou accident dans les 24 mois précédents, moins de six mois : la condition d'ancienneté s'applique.", days_fr(days)));
    }
    o.dates.push(DatedStep {
        code: "debut_fenetre".into(),
        label: "Début de la période de 24 mois examinée".into(),
        date: window_start,
    });
    o
}

/// The inaptitude procedure (R4624-42; L1226-4, L1226-11): the optional
/// second exam within 15 days of the first, and the date from which salary
/// payment resumes if the worker is neither redeployed nor dismissed within
/// one month of the avis.
///
/// ```
/// use chrono::NaiveDate;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let o = cme_core::measures::inaptitude(d(2024, 1, 31), d(2024, 2, 10), false);
/// assert_eq!(o.dates[0].date, d(2024, 2, 15));
/// assert_eq!(o.dates[1].date, d(2024, 3, 10));
/// ```
pub fn inaptitude(first_exam: NaiveDate, avis: NaiveDate, professional: bool) -> MeasureOutcome {
    let mut o = outcome(
        Measure::Inaptitude,
        None,
        vec![
            ct("R4624-42", "2017-01-01"),
            ct(
                if professional { "L1226-11" } else { "L1226-4" },
                "2017-01-01",
            ),
        ],
    );
    o.conditions = vec![
        "Au moins un examen médical du travailleur".into(),
        "Une étude du poste et des conditions de travail".into(),
        "Un échange avec l'employeur".into(),
    ];
    o.dates = vec![
        DatedStep {
            code: "second_examen_au_plus_tard".into(),
            label: "Second examen (facultatif) au plus tard (15 jours)".into(),
            date: add_days(first_exam, 15),
        },
        DatedStep {
            code: "reprise_du_salaire".into(),
            label: "Reprise du versement du salaire si ni reclassement ni licenciement (1 mois après l'avis)".into(),
            date: add_months(avis, 1),
        },
    ];
    because(&mut o, "procedure_inaptitude", "Un second examen peut avoir lieu dans les 15 jours du premier ; si, un mois après l'avis d'inaptitude, le travailleur n'est ni reclassé ni licencié, l'employeur reprend le versement du salaire.");
    o
}

/// RQTH as a step (L5213-1; MDPH): decisions for up to 10 years, without
/// time limit when the impairment is permanent (since 1 January 2020).
///
/// ```
/// let o = cme_core::measures::rqth(None);
/// assert_eq!(o.eligible, None);
/// ```
pub fn rqth(status: Option<RqthStatus>) -> MeasureOutcome {
    let mut o = outcome(Measure::Rqth, None, vec![ct("L5213-1", "2020-01-01")]);
    o.conditions = vec!["Demande à la MDPH".into()];
    let text = match status {
        Some(RqthStatus::Reconnue) => "Le travailleur a une RQTH : elle ouvre l'accès aux aides AGEFIPH ou FIPHFP et à Cap emploi ; la décision vaut jusqu'à 10 ans, sans limite si le handicap est permanent (depuis le 1er janvier 2020).",
        Some(RqthStatus::DemandeEnCours) => "Une demande de RQTH est en cours auprès de la MDPH.",
        Some(RqthStatus::Aucune) | None => "Une demande de RQTH auprès de la MDPH peut être envisagée : la reconnaissance vaut jusqu'à 10 ans, sans limite si le handicap est permanent.",
    };
    because(&mut o, "rqth", text);
    o
}

/// Invalidité as a step (L341-1 CSS): working capacity reduced by at least
/// two thirds; categories 1, 2, 3.
///
/// ```
/// use cme_core::codes::Code;
/// assert_eq!(cme_core::measures::invalidite().measure.code(), "invalidite");
/// ```
pub fn invalidite() -> MeasureOutcome {
    let mut o = outcome(Measure::Invalidite, None, vec![css("L341-1", "2017-01-01")]);
    o.conditions = vec![
        "Capacité de travail ou de gain réduite d'au moins deux tiers".into(),
        "Décision du médecin conseil de l'assurance maladie (catégorie 1, 2 ou 3)".into(),
    ];
    because(&mut o, "invalidite", "Une pension d'invalidité peut être envisagée lorsque la capacité de travail est réduite d'au moins deux tiers ; elle se cumule, en catégorie 1, avec une activité adaptée.");
    o
}

/// The measures worth considering for a case as of a date, each with its
/// reasons: the essai encadré during a running sick leave, the CRPE after
/// an inaptitude or a pré-reprise signalement, the transition
/// professionnelle waiver, RQTH when the worker has none, invalidité after
/// six months of sick leave.
pub fn suggested_measures(case: &Case, as_of: NaiveDate) -> Vec<MeasureOutcome> {
    let mut out = Vec::new();
    if let Some(leave) = case
        .sick_leaves
        .iter()
        .find(|l| l.start <= as_of && l.end.is_none_or(|e| as_of <= e))
    {
        out.push(essai_encadre(leave, as_of));
    }
    let unfit = case.events.iter().any(|e| {
        matches!(e, crate::case::Event::Sortie { result: Some(ExitResult::Inaptitude), date, .. } if *date <= as_of)
    });
    if unfit || case.signalement.source_visit == SourceVisit::PreReprise {
        out.push(crpe(Some(true), as_of));
    }
    if !case.sick_leaves.is_empty() {
        out.push(transition_professionnelle(&case.sick_leaves, as_of));
    }
    if case.worker.rqth != Some(RqthStatus::Reconnue) {
        out.push(rqth(case.worker.rqth));
    }
    let long_leave = case.sick_leaves.iter().any(|l| {
        l.start <= as_of
            && l.end
                .unwrap_or(as_of)
                .min(as_of)
                .signed_duration_since(l.start)
                .num_days()
                + 1
                >= TRANSITION_PRO_ABSENCE_DAYS
    });
    if long_leave {
        out.push(invalidite());
    }
    out
}
