//! The measures a cell mobilises (LEGAL.md, "Measures a cell mobilises"):
//! essai encadré, CRPE, projet de transition professionnelle, inaptitude,
//! RQTH and invalidité — each with its dates computed, its conditions
//! checked and its article cited.
//!
//! **Dated.** Each measure's version is chosen by the date it starts (the
//! request, for the transition professionnelle): the essai encadré and the
//! CRPE of the loi n° 2021-1018 from 31 March 2022 (before, the CRPE was for
//! workers with RQTH only); the seniority waiver too.
//!
//! **Working days.** The essai encadré lasts at most 14 *jours ouvrables*,
//! renewable once, 28 in total (D323-6 CSS): every day but Sundays and
//! public holidays (the 11 national holidays of L3133-1 Code du travail;
//! Alsace-Moselle's two extra days are not counted). [`DayCount::Ouvres`]
//! (Monday to Friday) is available for other uses.
//!
//! ```
//! use cme_pdp::measures::{nth_working_day, DayCount};
//! use chrono::NaiveDate;
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! // From Monday 2 May 2022, 14 jours ouvrables: the Sundays 8 and 15 May are
//! // skipped (8 May, a public holiday, falls on a Sunday that year).
//! assert_eq!(nth_working_day(d(2022, 5, 2), 14, DayCount::Ouvrables), d(2022, 5, 17));
//! ```

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::case::{Case, RqthStatus, SickLeave, SickLeaveCause};
use crate::codes::{code_enum, Code};
use crate::deadlines::{add_days, add_months};
use crate::explain::{MissingFact, Reason, Source};
use crate::legal::{version_for, Absence, CalendarInput, DatedVersion, MeasureFacts, RulePart};
use crate::texts::{Text, TextCode};

code_enum! {
    /// The measures.
    ///
    /// ```
    /// use cme_pdp::{measures::Measure, codes::Code};
    /// assert_eq!(Measure::EssaiEncadre.code(), "essai_encadre");
    /// ```
    pub enum Measure: "measure" {
        EssaiEncadre = "essai_encadre", "Essai encadré", "Supervised trial (essai encadré)";
        Crpe = "crpe", "Convention de rééducation professionnelle en entreprise (CRPE)", "In-company vocational rehabilitation agreement (CRPE)";
        TransitionProfessionnelle = "transition_professionnelle", "Projet de transition professionnelle", "Career transition project";
        Inaptitude = "inaptitude", "Procédure d'inaptitude", "Unfitness procedure";
        Rqth = "rqth", "Reconnaissance de la qualité de travailleur handicapé (RQTH)", "Recognition as a disabled worker (RQTH)";
        Invalidite = "invalidite", "Pension d'invalidité", "Invalidity pension";
    }
}

/// How days are counted.
///
/// ```
/// use cme_pdp::measures::{is_working_day, DayCount};
/// let sat = chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
/// assert!(is_working_day(sat, DayCount::Ouvrables));
/// assert!(!is_working_day(sat, DayCount::Ouvres));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
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
/// assert_eq!(cme_pdp::measures::easter(2024), NaiveDate::from_ymd_opt(2024, 3, 31));
/// assert_eq!(cme_pdp::measures::easter(2025), NaiveDate::from_ymd_opt(2025, 4, 20));
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
/// use cme_pdp::measures::is_public_holiday;
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
/// use cme_pdp::measures::DatedStep;
/// use cme_pdp::texts::TextCode;
/// let s = DatedStep::new(TextCode::EtapeFinAuPlusTard, chrono::NaiveDate::MIN);
/// assert_eq!(s.code, "fin_au_plus_tard");
/// assert_eq!(s.label_en, "End of the agreement at the latest (18 months)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DatedStep {
    /// Stable code.
    pub code: String,
    /// What the date is, in French.
    pub label: String,
    /// What the date is, in English.
    #[serde(default)]
    pub label_en: String,
    /// The date.
    pub date: NaiveDate,
}

impl DatedStep {
    /// A dated step, its code and labels from the catalogue.
    pub fn new(code: TextCode, date: NaiveDate) -> DatedStep {
        let t = Text::new(code);
        DatedStep {
            code: code.code().to_string(),
            label: t.fr(),
            label_en: t.en(),
            date,
        }
    }
}

/// A condition to obtain for a measure (an agreement, a decision), its
/// text from the catalogue.
///
/// ```
/// use cme_pdp::measures::MeasureCondition;
/// use cme_pdp::texts::TextCode;
/// let c = MeasureCondition::of(TextCode::ConditionDemandeMdph);
/// assert_eq!((c.code.as_str(), c.text.as_str()), ("condition_demande_mdph", "Demande à la MDPH"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MeasureCondition {
    /// Stable code.
    pub code: String,
    /// The condition, in French.
    pub text: String,
    /// The condition, in English.
    #[serde(default)]
    pub text_en: String,
}

impl MeasureCondition {
    /// The condition of a catalogue entry.
    pub fn of(code: TextCode) -> MeasureCondition {
        let t = Text::new(code);
        MeasureCondition {
            code: code.code().to_string(),
            text: t.fr(),
            text_en: t.en(),
        }
    }
}

/// A measure: whether it is open to the worker, its dates, conditions,
/// reasons and articles. `eligible` is `Some(true)` only when every
/// condition is recorded as met: a condition not recorded is a missing
/// fact (`None`), never presumed.
///
/// ```
/// let case = cme_pdp::sample::sample_cases().unwrap().remove(0);
/// for m in cme_pdp::measures::suggested_measures(&case, cme_pdp::sample::SAMPLE_AS_OF) {
///     assert!(!m.sources.is_empty());
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MeasureOutcome {
    /// The measure.
    pub measure: Measure,
    /// Whether it is open (`None`: a fact is missing, or it is a step to
    /// consider rather than a right to check).
    pub eligible: Option<bool>,
    /// The versions applied, with the fact and the date that chose them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dated_by: Vec<DatedVersion>,
    /// Its dates.
    pub dates: Vec<DatedStep>,
    /// Conditions to obtain (agreements, decisions).
    pub conditions: Vec<MeasureCondition>,
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
        dated_by: Vec::new(),
        dates: Vec::new(),
        conditions: Vec::new(),
        reasons: Vec::new(),
        sources,
        missing: Vec::new(),
    }
}

/// A measure whose version is chosen by the date of the fact `date`.
fn dated(measure: Measure, part: RulePart, date: NaiveDate) -> (MeasureOutcome, &'static str) {
    let version = version_for(part, date);
    let mut o = outcome(measure, None, version.sources());
    o.dated_by.push(DatedVersion::choose(part, date));
    because(
        &mut o,
        "version",
        Text::new(TextCode::VersionMesure)
            .with("version", version.id)
            .with_label("summary", version.id, version.summary, version.summary_en)
            .with_code("fact", part.fact())
            .with_date("date", date),
    );
    (o, version.id)
}

fn because(o: &mut MeasureOutcome, code: &str, text: impl Into<Text>) {
    let mut r = Reason::new(
        code,
        text,
        o.sources
            .first()
            .cloned()
            .unwrap_or_else(|| Source::reading("mesures")),
    );
    for s in o.sources.iter().skip(1) {
        r = r.and(s.clone());
    }
    o.reasons.push(r);
}

fn missing(o: &mut MeasureOutcome, fact: &str, text: TextCode) {
    o.missing
        .push(MissingFact::new(fact, o.measure.code(), text));
}

fn ct(article: &str, version: &str) -> Source {
    Source::ct(article, version)
}

/// The essai encadré (L323-3-1 CSS; D323-6 for its length) starting on
/// `start`, during `absence`: 14 jours ouvrables, renewable once, 28 in
/// total. Open when it starts on or after 31 March 2022, during the
/// absence, at the worker's request, after the Carsat social service's
/// evaluation, for a régime général worker; the three doctors' agreements
/// are conditions to obtain.
///
/// ```
/// use cme_pdp::legal::{continuous_absences, MeasureFacts};
/// use cme_pdp::case::{SickLeave, SickLeaveCause};
/// use chrono::NaiveDate;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let mut leave = SickLeave::between(d(2024, 1, 8), d(2024, 6, 30), SickLeaveCause::MaladieNonProfessionnelle);
/// leave.end_is_expected = true;
/// let absence = &continuous_absences(&[leave])[0];
/// let mut facts = MeasureFacts::default();
/// facts.essai_requested_by_worker = Some(true);
/// facts.carsat_evaluation_done = Some(true);
/// facts.regime_general = Some(true);
/// let o = cme_pdp::measures::essai_encadre(absence, &facts, d(2024, 4, 2));
/// assert_eq!(o.eligible, Some(true));
/// assert_eq!(o.dates[0].date, d(2024, 4, 17)); // Sundays skipped, Saturdays counted
/// assert_eq!(o.dates[1].date, d(2024, 5, 4));  // 1 May (a public holiday) skipped
/// // Without the worker's request recorded: a fact to collect.
/// let o = cme_pdp::measures::essai_encadre(absence, &Default::default(), d(2024, 4, 2));
/// assert_eq!(o.eligible, None);
/// ```
pub fn essai_encadre(absence: &Absence, facts: &MeasureFacts, start: NaiveDate) -> MeasureOutcome {
    let (mut o, id) = dated(Measure::EssaiEncadre, RulePart::EssaiEncadre, start);
    o.conditions = vec![
        MeasureCondition::of(TextCode::ConditionDemandeTravailleur),
        MeasureCondition::of(TextCode::ConditionEvaluationCarsat),
        MeasureCondition::of(TextCode::ConditionAccordMedecinTraitant),
        MeasureCondition::of(TextCode::ConditionAccordMedecinConseil),
        MeasureCondition::of(TextCode::ConditionAccordMedecinDuTravail),
    ];
    if id == "essai_encadre_inexistant" {
        o.eligible = Some(false);
        because(
            &mut o,
            "essai_encadre_inexistant",
            TextCode::EssaiEncadreInexistant,
        );
        return o;
    }
    let during = start >= absence.start && absence.end.is_none_or(|end| start <= end);
    if !during {
        o.eligible = Some(false);
        because(&mut o, "hors_arret", TextCode::HorsArret);
        return o;
    }
    let first = nth_working_day(start, 14, DayCount::Ouvrables);
    let renewed = nth_working_day(start, 28, DayCount::Ouvrables);
    o.dates = vec![
        DatedStep::new(TextCode::EtapeFinPremierePeriode, first),
        DatedStep::new(TextCode::EtapeFinApresRenouvellement, renewed),
    ];
    because(&mut o, "pendant_arret", TextCode::PendantArret);
    let mut open = Some(true);
    let mut check = |o: &mut MeasureOutcome,
                     fact: Option<bool>,
                     path: &str,
                     no: (&str, TextCode),
                     unknown: TextCode| match fact {
        Some(true) => {}
        Some(false) => {
            open = Some(false);
            because(o, no.0, no.1);
        }
        None => {
            if open == Some(true) {
                open = None;
            }
            missing(o, path, unknown);
        }
    };
    check(
        &mut o,
        facts.essai_requested_by_worker,
        "facts.essai_requested_by_worker",
        ("pas_de_demande", TextCode::PasDeDemande),
        TextCode::ManqueDemandeEssai,
    );
    check(
        &mut o,
        facts.carsat_evaluation_done,
        "facts.carsat_evaluation_done",
        ("pas_d_evaluation_carsat", TextCode::PasDEvaluationCarsat),
        TextCode::ManqueEvaluationCarsat,
    );
    check(
        &mut o,
        facts.regime_general,
        "facts.regime_general",
        ("hors_regime_general", TextCode::HorsRegimeGeneral),
        TextCode::ManqueRegimeGeneral,
    );
    o.eligible = open;
    if absence.end.is_some_and(|end| renewed > end) {
        because(
            &mut o,
            "depasse_la_fin_prevue",
            TextCode::DepasseLaFinPrevue,
        );
    }
    o
}

/// The CRPE (convention de rééducation professionnelle en entreprise,
/// L5213-3-1, L1226-1-4; 18 months at most, R5213-15), starting on
/// `start`. Since 31 March 2022: for a worker declared unfit, or for whom
/// the médecin du travail has identified a risk of inaptitude (a recorded
/// fact), during a sick leave with daily allowances. Before: workers with
/// RQTH only.
///
/// ```
/// use chrono::NaiveDate;
/// use cme_pdp::legal::MeasureFacts;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let mut facts = MeasureFacts::default();
/// facts.inaptitude_risk_identified = Some(true);
/// facts.daily_allowances = Some(true);
/// let o = cme_pdp::measures::crpe(&facts, None, d(2024, 9, 2));
/// assert_eq!((o.eligible, o.dates[0].date), (Some(true), d(2026, 3, 1)));
/// // Nothing recorded: the risk is a fact to collect, never presumed.
/// assert_eq!(cme_pdp::measures::crpe(&Default::default(), None, d(2024, 9, 2)).eligible, None);
/// ```
pub fn crpe(facts: &MeasureFacts, rqth: Option<RqthStatus>, start: NaiveDate) -> MeasureOutcome {
    let (mut o, id) = dated(Measure::Crpe, RulePart::Crpe, start);
    o.conditions = vec![MeasureCondition::of(
        TextCode::ConditionConventionTripartite,
    )];
    let end = add_months(start, 18).pred_opt().unwrap_or(start);
    let push_end = |o: &mut MeasureOutcome| {
        o.dates
            .push(DatedStep::new(TextCode::EtapeFinAuPlusTard, end));
    };
    if id == "crpe_rqth" {
        match rqth {
            Some(RqthStatus::Reconnue) => {
                o.eligible = Some(true);
                push_end(&mut o);
                because(&mut o, "rqth_avant_2022", TextCode::RqthAvant2022);
            }
            Some(_) => {
                o.eligible = Some(false);
                because(&mut o, "sans_rqth_avant_2022", TextCode::SansRqthAvant2022);
            }
            None => {
                missing(&mut o, "worker.rqth", TextCode::ManqueRqthCrpe);
                because(&mut o, "rqth_inconnue", TextCode::RqthInconnue);
            }
        }
        return o;
    }
    match facts.inaptitude_risk_identified {
        Some(true) => because(&mut o, "inapte_ou_a_risque", TextCode::InapteOuARisque),
        Some(false) => {
            o.eligible = Some(false);
            because(&mut o, "ni_inapte_ni_a_risque", TextCode::NiInapteNiARisque);
            return o;
        }
        None => missing(
            &mut o,
            "facts.inaptitude_risk_identified",
            TextCode::ManqueRisqueInaptitude,
        ),
    }
    match facts.daily_allowances {
        Some(true) => because(&mut o, "arret_indemnise", TextCode::ArretIndemnise),
        Some(false) => {
            o.eligible = Some(false);
            because(&mut o, "arret_non_indemnise", TextCode::ArretNonIndemnise);
            return o;
        }
        None => missing(
            &mut o,
            "facts.daily_allowances",
            TextCode::ManqueIndemnitesJournalieres,
        ),
    }
    if o.missing.is_empty() {
        o.eligible = Some(true);
        push_end(&mut o);
        because(&mut o, "crpe_possible", TextCode::CrpePossible);
    }
    o
}

/// Six months of absence, counted as 183 calendar days cumulated (cme's
/// reading of "au moins six mois, consécutifs ou non"; a parameter to
/// confirm).
pub const TRANSITION_PRO_ABSENCE_DAYS: i64 = 183;

/// The seniority condition of the projet de transition professionnelle
/// (L6323-17-2, D6323-9), for a request on `date`. Never required of a
/// beneficiary of the employment obligation (BOETH, L5212-13: e.g. RQTH)
/// nor of a worker re-employed after a dismissal for inaptitude without
/// training in between; since 31 March 2022, waived when, in the 24 months
/// before, the worker was absent for a maladie professionnelle or at least
/// six months for illness or accident.
///
/// ```
/// use cme_pdp::case::{SickLeave, SickLeaveCause};
/// use chrono::NaiveDate;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let leave = SickLeave::between(d(2023, 1, 1), d(2023, 7, 2), SickLeaveCause::AccidentNonProfessionnel);
/// let o = cme_pdp::measures::transition_professionnelle(&[leave.clone()], None, &Default::default(), d(2024, 1, 1));
/// assert_eq!(o.eligible, Some(true));
/// // The same absence in 2020–2021: the waiver did not exist yet.
/// let old = SickLeave::between(d(2020, 1, 1), d(2020, 7, 2), leave.cause);
/// let o = cme_pdp::measures::transition_professionnelle(&[old], None, &Default::default(), d(2021, 1, 1));
/// assert_eq!(o.eligible, Some(false));
/// ```
pub fn transition_professionnelle(
    leaves: &[SickLeave],
    rqth: Option<RqthStatus>,
    facts: &MeasureFacts,
    date: NaiveDate,
) -> MeasureOutcome {
    let (mut o, id) = dated(
        Measure::TransitionProfessionnelle,
        RulePart::TransitionPro,
        date,
    );
    o.sources.push(ct("L5212-13", "2005-02-12"));
    if id == "transition_pro_2022" {
        if rqth == Some(RqthStatus::Reconnue) {
            o.eligible = Some(true);
            because(
                &mut o,
                "beneficiaire_obligation_emploi",
                TextCode::BeneficiaireObligationEmploi,
            );
            return o;
        }
        if facts.reemployed_after_inaptitude_dismissal == Some(true) {
            o.eligible = Some(true);
            because(
                &mut o,
                "reemploi_apres_inaptitude",
                TextCode::ReemploiApresInaptitude,
            );
            return o;
        }
    }
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
    o.dates
        .push(DatedStep::new(TextCode::EtapeDebutFenetre, window_start));
    if id == "transition_pro_sans_derogation" {
        o.eligible = Some(false);
        because(
            &mut o,
            "derogation_inexistante",
            TextCode::DerogationInexistante,
        );
        return o;
    }
    if professional {
        o.eligible = Some(true);
        because(
            &mut o,
            "maladie_professionnelle",
            TextCode::MaladieProfessionnelle,
        );
    } else if days >= TRANSITION_PRO_ABSENCE_DAYS {
        o.eligible = Some(true);
        because(
            &mut o,
            "six_mois_d_absence",
            Text::new(TextCode::SixMoisDAbsence).with("days", days),
        );
    } else {
        because(
            &mut o,
            "condition_d_anciennete",
            Text::new(TextCode::ConditionDAnciennete).with("days", days),
        );
        if rqth.is_none() || facts.reemployed_after_inaptitude_dismissal.is_none() {
            if rqth.is_none() {
                missing(&mut o, "worker.rqth", TextCode::ManqueRqthTransition);
            }
            if facts.reemployed_after_inaptitude_dismissal.is_none() {
                missing(
                    &mut o,
                    "facts.reemployed_after_inaptitude_dismissal",
                    TextCode::ManqueReemploiApresInaptitude,
                );
            }
        } else {
            o.eligible = Some(false);
        }
    }
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
/// let o = cme_pdp::measures::inaptitude(d(2024, 1, 31), d(2024, 2, 10), false);
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
        MeasureCondition::of(TextCode::ConditionExamenMedical),
        MeasureCondition::of(TextCode::ConditionEtudeDePoste),
        MeasureCondition::of(TextCode::ConditionEchangeEmployeur),
    ];
    o.dates = vec![
        DatedStep::new(
            TextCode::EtapeSecondExamenAuPlusTard,
            add_days(first_exam, 15),
        ),
        DatedStep::new(TextCode::EtapeRepriseDuSalaire, add_months(avis, 1)),
    ];
    because(
        &mut o,
        "procedure_inaptitude",
        TextCode::ProcedureInaptitude,
    );
    o
}

/// RQTH as a step (L5213-1; MDPH): decisions for up to 10 years, without
/// time limit when the impairment is permanent (since 1 January 2020).
///
/// ```
/// let o = cme_pdp::measures::rqth(None);
/// assert_eq!(o.eligible, None);
/// ```
pub fn rqth(status: Option<RqthStatus>) -> MeasureOutcome {
    let mut o = outcome(Measure::Rqth, None, vec![ct("L5213-1", "2020-01-01")]);
    o.conditions = vec![MeasureCondition::of(TextCode::ConditionDemandeMdph)];
    let text = match status {
        Some(RqthStatus::Reconnue) => TextCode::RqthReconnue,
        Some(RqthStatus::DemandeEnCours) => TextCode::RqthDemandeEnCours,
        Some(RqthStatus::Aucune) | None => TextCode::RqthAEnvisager,
    };
    because(&mut o, "rqth", text);
    o
}

/// Invalidité as a step (L341-1 CSS): working capacity reduced by at least
/// two thirds; categories 1, 2, 3.
///
/// ```
/// use cme_pdp::codes::Code;
/// assert_eq!(cme_pdp::measures::invalidite().measure.code(), "invalidite");
/// ```
pub fn invalidite() -> MeasureOutcome {
    let mut o = outcome(
        Measure::Invalidite,
        None,
        vec![Source::css("L341-1", "2017-01-01")],
    );
    o.conditions = vec![
        MeasureCondition::of(TextCode::ConditionCapaciteReduite),
        MeasureCondition::of(TextCode::ConditionDecisionMedecinConseil),
    ];
    because(&mut o, "invalidite", TextCode::Invalidite);
    o
}

/// The measures worth considering for a case as of a date: those of its
/// calendar input ([`measures_for`]).
pub fn suggested_measures(case: &Case, as_of: NaiveDate) -> Vec<MeasureOutcome> {
    let input = crate::legal::calendar_input_of(case);
    let absences = crate::legal::continuous_absences(&input.leaves);
    measures_for(&input, &absences, as_of)
}

/// The measures worth considering for a calendar input as of a date (the
/// measure's own date is `facts.measure_date`, else `as_of`), each with
/// its reasons: the essai encadré and the CRPE during a running absence,
/// the transition professionnelle's seniority condition, RQTH when the
/// worker has none, invalidité after six months of absence. For a public
/// employer each says that the rules must be checked for a titular civil
/// servant.
pub fn measures_for(
    input: &CalendarInput,
    absences: &[Absence],
    as_of: NaiveDate,
) -> Vec<MeasureOutcome> {
    let date = input.facts.measure_date.unwrap_or(as_of);
    let mut out = Vec::new();
    let running = absences
        .iter()
        .find(|a| a.start <= date && a.end.is_none_or(|e| date <= e));
    if let Some(absence) = running {
        out.push(essai_encadre(absence, &input.facts, date));
        out.push(crpe(&input.facts, input.worker.rqth, date));
    } else if input.facts.inaptitude_risk_identified == Some(true) {
        out.push(crpe(&input.facts, input.worker.rqth, date));
    }
    if !input.leaves.is_empty() {
        out.push(transition_professionnelle(
            &input.leaves,
            input.worker.rqth,
            &input.facts,
            date,
        ));
    }
    if input.worker.rqth != Some(RqthStatus::Reconnue) {
        out.push(rqth(input.worker.rqth));
    }
    let long_absence = absences.iter().any(|a| {
        a.start <= as_of
            && a.end
                .unwrap_or(as_of)
                .min(as_of)
                .signed_duration_since(a.start)
                .num_days()
                + 1
                >= TRANSITION_PRO_ABSENCE_DAYS
    });
    if long_absence {
        out.push(invalidite());
    }
    if let Some(scope) = crate::legal::public_scope(&input.worker) {
        for o in &mut out {
            crate::legal::push_reason(&mut o.reasons, &mut o.sources, &scope);
        }
    }
    out
}
