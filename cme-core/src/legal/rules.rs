//! The visit rules, each dated by its own fact (see [`super::versions`]).

use chrono::NaiveDate;

use super::versions::{
    version_for, DatedVersion, RulePart, RuleVersion, VersionRef, ENTRETIEN_PARCOURS_DEFAULT_FROM,
    PDP_IN_FORCE, VERSIONS,
};
use super::{
    Absence, CalendarInput, LegalOptions, Obligation, Professional, VisitOutcome, VisitRecord,
    VisitRule,
};
use crate::case::{Requester, SickLeaveCause};
use crate::deadlines::{add_days, add_months};
use crate::explain::{MissingFact, Reason, Source};
use crate::texts::{Text, TextCode};

/// An outcome under construction: the versions applied (the first is the
/// main one), the reasons and missing facts.
struct Builder {
    rule: VisitRule,
    main: &'static RuleVersion,
    fact_date: NaiveDate,
    dated_by: Vec<DatedVersion>,
    current: &'static RuleVersion,
    reasons: Vec<Reason>,
    sources: Vec<crate::explain::Source>,
    missing: Vec<MissingFact>,
    done_on: Option<NaiveDate>,
    requester: Option<String>,
}

impl Builder {
    fn new(rule: VisitRule, part: RulePart, date: NaiveDate, fact_text: TextCode) -> Builder {
        let main = version_for(part, date);
        let mut b = Builder {
            rule,
            main,
            fact_date: date,
            dated_by: Vec::new(),
            current: main,
            reasons: Vec::new(),
            sources: Vec::new(),
            missing: Vec::new(),
            done_on: None,
            requester: None,
        };
        b.apply(part, date, fact_text);
        b
    }

    /// [`Builder::new`] for a threshold part, the version imposed by the
    /// options when they impose one ([`super::versions::pinned_version`]),
    /// with the reason that says so.
    fn threshold(
        rule: VisitRule,
        part: RulePart,
        date: NaiveDate,
        fact_text: TextCode,
        options: &LegalOptions,
    ) -> Builder {
        let Some(pinned) = super::versions::pinned_version(part, options.thresholds) else {
            return Builder::new(rule, part, date, fact_text);
        };
        let mut b = Builder {
            rule,
            main: pinned,
            fact_date: date,
            dated_by: Vec::new(),
            current: pinned,
            reasons: Vec::new(),
            sources: Vec::new(),
            missing: Vec::new(),
            done_on: None,
            requester: None,
        };
        b.apply_version(part, pinned, date, fact_text);
        b.reason(
            "version_imposee",
            Text::new(TextCode::VersionImposee)
                .with_code("part", part)
                .with("version", pinned.id)
                .with("dated", version_for(part, date).id),
        );
        b
    }

    /// Applies the version of `part` chosen by a fact on `date`.
    fn apply(
        &mut self,
        part: RulePart,
        date: NaiveDate,
        fact_text: TextCode,
    ) -> &'static RuleVersion {
        let version = version_for(part, date);
        self.apply_version(part, version, date, fact_text);
        version
    }

    fn apply_version(
        &mut self,
        part: RulePart,
        version: &'static RuleVersion,
        date: NaiveDate,
        fact_text: TextCode,
    ) {
        self.current = version;
        self.dated_by.push(DatedVersion {
            part,
            version: VersionRef::of(version),
            fact: part.fact(),
            date,
        });
        for s in version.sources() {
            if !self.sources.contains(&s) {
                self.sources.push(s);
            }
        }
        self.reason(
            "version",
            Text::new(TextCode::Version)
                .with_code("part", part)
                .with("version", version.id)
                .with_label("summary", version.id, version.summary, version.summary_en)
                .with_text("fact", Text::new(fact_text))
                .with_date("date", date),
        );
    }

    /// Back to the main version: the reasons that follow cite its
    /// articles again (after a reason about another part).
    fn main_again(&mut self) {
        self.current = self.main;
    }

    /// A reason citing the version applied last.
    fn reason(&mut self, code: &str, text: impl Into<Text>) {
        let mut sources = self.current.sources().into_iter();
        let first = sources
            .next()
            .unwrap_or_else(|| Source::reading("calendrier légal"));
        let mut r = Reason::new(code, text, first);
        for s in sources {
            r = r.and(s);
        }
        self.reasons.push(r);
    }

    /// A reason citing a given source (an article outside the versions of
    /// the rule parts).
    fn cited(&mut self, code: &str, text: impl Into<Text>, source: Source) {
        if !self.sources.contains(&source) {
            self.sources.push(source.clone());
        }
        self.reasons.push(Reason::new(code, text, source));
    }

    fn reading(&mut self, code: &str, text: impl Into<Text>, section: &str) {
        let s = Source::reading(section);
        if !self.sources.contains(&s) {
            self.sources.push(s.clone());
        }
        self.reasons.push(Reason::new(code, text, s));
    }

    fn done(self, obligation: Obligation, code: &str, due: Option<NaiveDate>) -> VisitOutcome {
        VisitOutcome {
            rule: self.rule,
            obligation,
            version: VersionRef::of(self.main),
            fact_date: self.fact_date,
            dated_by: self.dated_by,
            due,
            window_start: None,
            done_on: self.done_on,
            requester: self.requester,
            code: code.to_string(),
            reasons: self.reasons,
            sources: self.sources,
            missing: self.missing,
        }
    }
}

fn unencoded(mut b: Builder) -> VisitOutcome {
    b.reason("regle_non_encodee", TextCode::RegleNonEncodee);
    b.done(Obligation::Indeterminee, "regle_non_encodee", None)
}

fn leave_path(absence: &Absence) -> String {
    let last = absence.prescriptions.last().copied().unwrap_or(0);
    format!("leaves[{last}].end")
}

/// Says that the absence joins several prescriptions, and its length.
fn joined_reason(b: &mut Builder, absence: &Absence, length: i64, known: bool) {
    if absence.joined() {
        b.reading(
            "absence_continue",
            Text::new(if known {
                TextCode::AbsenceContinue
            } else {
                TextCode::AbsenceContinueEnCours
            })
            .with("prescriptions", absence.prescriptions.len())
            .with("length", length),
            "absences continues",
        );
    }
}

/// A visit of `kind` recorded during the absence (or from its start until
/// the next absence, for a reprise).
fn recorded(
    input: &CalendarInput,
    kind: VisitRule,
    from: NaiveDate,
    until: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Option<&VisitRecord> {
    input
        .visits
        .iter()
        .filter(|v| v.kind == kind && v.date >= from && v.date <= as_of)
        .filter(|v| until.is_none_or(|u| v.date <= u))
        .min_by_key(|v| v.date)
}

/// A recorded visit: its date, and who did it, dated by the visit (décret
/// n° 2022-679).
fn visit_done(b: &mut Builder, visit: &VisitRecord) {
    b.done_on = Some(visit.date);
    let version = b.apply(
        RulePart::RealisationVisite,
        visit.date,
        TextCode::FaitDateVisite,
    );
    if let Some(p) = visit.done_by {
        b.reason(
            "realisee_par",
            Text::new(TextCode::RealiseePar).with_code("professional", p),
        );
        if p == Professional::InfirmierDelegation && version.id == "realisation_medecin" {
            b.reason("infirmier_avant_2022_679", TextCode::InfirmierAvant2022679);
        }
    }
    // R4624-30: the recommendations of the pré-reprise visit are sent to
    // the employer and the médecin conseil « sauf si le travailleur s'y
    // oppose ».
    if let (VisitRule::PreReprise, Some(on)) = (visit.kind, visit.objection_on) {
        let text = Text::new(TextCode::OppositionTransmission).with_date("date", on);
        if on >= super::versions::RENUMBERED_FROM {
            let version = if on >= super::versions::PDP_IN_FORCE {
                "2022-03-31"
            } else {
                "2017-01-01"
            };
            b.cited(
                "opposition_transmission",
                text,
                Source::ct("R4624-30", version),
            );
        } else {
            b.reading("opposition_transmission", text, "calendrier légal");
        }
    }
    if visit.remote {
        let text = if version.id == "realisation_medecin" {
            TextCode::ADistanceAvant2022
        } else {
            TextCode::ADistance
        };
        b.reason("a_distance", text);
    }
    b.main_again();
}

pub(super) fn liaison(
    absence: &Absence,
    input: &CalendarInput,
    earlier_days: i64,
    as_of: NaiveDate,
    options: &LegalOptions,
) -> VisitOutcome {
    let within = |d: NaiveDate| d >= absence.start && absence.end.is_none_or(|e| d <= e);
    let meeting = input.liaison_date.filter(|d| within(*d)).or_else(|| {
        recorded(
            input,
            VisitRule::RendezVousLiaison,
            absence.start,
            absence.end,
            as_of,
        )
        .map(|v| v.date)
    });
    let (fact_date, fact_text) = match meeting {
        Some(d) => (d, TextCode::FaitDateRendezVous),
        None => match absence.end {
            Some(end) if end < PDP_IN_FORCE => (end, TextCode::FaitDernierJourSansRendezVous),
            _ => (
                absence.start.max(PDP_IN_FORCE),
                TextCode::FaitPremierJourPossible,
            ),
        },
    };
    let mut b = Builder::new(
        VisitRule::RendezVousLiaison,
        RulePart::RendezVousLiaison,
        fact_date,
        fact_text,
    );
    match b.main.id {
        "liaison_non_encodee" => return unencoded(b),
        "liaison_inexistant" => {
            b.reason("liaison_inexistant", TextCode::LiaisonInexistant);
            return b.done(Obligation::NonApplicable, "liaison_inexistant", None);
        }
        _ => {}
    }
    if !absence.is_illness_or_accident() {
        b.reason("absence_maternite", TextCode::AbsenceMaternite);
        return b.done(Obligation::NonApplicable, "absence_maternite", None);
    }
    let (own, known) = absence.known_length(as_of);
    joined_reason(&mut b, absence, own, known);
    let length = if options.liaison_absences_discontinues {
        let total = own.saturating_add(earlier_days);
        b.reading(
            "absences_discontinues",
            Text::new(TextCode::AbsencesDiscontinues).with("total", total),
            "rendez-vous de liaison : absences discontinues (à confirmer)",
        );
        total
    } else {
        own
    };
    if length > 30 {
        let text = Text::new(if known {
            TextCode::AbsencePlusDe30Jours
        } else {
            TextCode::AbsencePlusDe30JoursEnCours
        })
        .with("length", length);
        b.reason("absence_plus_de_30_jours", text);
        if let Some(d) = meeting.filter(|d| *d <= as_of) {
            b.done_on = Some(d);
            b.reason(
                "rendez_vous_tenu",
                Text::new(TextCode::RendezVousTenu).with_date("date", d),
            );
            return b.done(Obligation::Realisee, "rendez_vous_tenu", None);
        }
        return b.done(Obligation::Possible, "absence_plus_de_30_jours", None);
    }
    if known {
        b.reason(
            "absence_30_jours_au_plus",
            Text::new(TextCode::Absence30JoursAuPlus).with("length", length),
        );
        return b.done(Obligation::NonApplicable, "absence_30_jours_au_plus", None);
    }
    b.missing.push(MissingFact::new(
        &leave_path(absence),
        "rendez_vous_liaison",
        TextCode::ManqueFinArretLiaison,
    ));
    b.reason(
        "duree_inconnue",
        Text::new(TextCode::DureeInconnueLiaison).with("length", length),
    );
    b.done(Obligation::Indeterminee, "duree_inconnue", None)
}

/// Whether a requester may ask for a pré-reprise visit requested on `date`
/// (L4624-2-4 from 31 March 2022, R4624-29 and R4624-20 before): the one
/// statement of the rule, used by the legal calendar, by validation (which
/// knows only the latest possible date of the request, the signalement's)
/// and by the table fast path.
///
/// ```
/// use chrono::NaiveDate;
/// use cme_pdp::case::Requester;
/// use cme_pdp::legal::{pre_reprise_requester, RequesterRule};
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
/// assert_eq!(pre_reprise_requester(Requester::Employeur, d(2024, 1, 1)), RequesterRule::Never);
/// assert_eq!(pre_reprise_requester(Requester::MedecinDuTravail, d(2022, 3, 30)), RequesterRule::NotYet);
/// assert_eq!(pre_reprise_requester(Requester::MedecinDuTravail, d(2022, 3, 31)), RequesterRule::Allowed);
/// assert_eq!(pre_reprise_requester(Requester::MedecinDuTravail, None), RequesterRule::DateNeeded);
/// assert_eq!(pre_reprise_requester(Requester::Salarie, None), RequesterRule::Allowed);
/// ```
pub fn pre_reprise_requester(requester: Requester, date: Option<NaiveDate>) -> RequesterRule {
    match requester {
        Requester::Salarie | Requester::MedecinTraitant | Requester::MedecinConseil => {
            RequesterRule::Allowed
        }
        Requester::Employeur | Requester::MedecinSpecialiste => RequesterRule::Never,
        Requester::MedecinDuTravail => match date {
            None => RequesterRule::DateNeeded,
            Some(d) if version_for(RulePart::PreRepriseDemandeurs, d).id == "demandeurs_2022" => {
                RequesterRule::Allowed
            }
            Some(_) => RequesterRule::NotYet,
        },
    }
}

/// What [`pre_reprise_requester`] says of a requester.
///
/// ```
/// assert_ne!(cme_pdp::legal::RequesterRule::Never, cme_pdp::legal::RequesterRule::Allowed);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequesterRule {
    /// May ask for the visit.
    Allowed,
    /// Never (the employer; a médecin spécialiste is not among the
    /// requesters).
    Never,
    /// Not on that date (the médecin du travail before 31 March 2022).
    NotYet,
    /// The date of the request decides (the médecin du travail).
    DateNeeded,
}

pub(super) fn pre_reprise(
    absence: &Absence,
    input: &CalendarInput,
    is_last: bool,
    as_of: NaiveDate,
    options: &LegalOptions,
) -> VisitOutcome {
    let mut b = Builder::threshold(
        VisitRule::PreReprise,
        RulePart::PreRepriseSeuil,
        absence.start,
        TextCode::FaitDebutAbsence,
        options,
    );
    let new = match b.main.id {
        "pre_reprise_non_encodee" => return unencoded(b),
        "pre_reprise_2012" | "pre_reprise_2017" => false,
        _ => true,
    };
    // The request of this absence: dated within it, or undated for the
    // latest absence.
    let request = input.pre_reprise_request.filter(|r| match r.date {
        Some(d) => {
            (d >= absence.start && absence.end.is_none_or(|e| d <= e))
                || (is_last && absence.end.is_some_and(|e| d > e))
        }
        None => is_last,
    });
    if let Some(request) = request {
        let requester = request.requested_by;
        let verdict = pre_reprise_requester(requester, request.date);
        if requester == Requester::Employeur {
            if let Some(date) = request.date {
                b.apply(
                    RulePart::PreRepriseDemandeurs,
                    date,
                    TextCode::FaitDateDemande,
                );
            }
            b.reason(
                "pre_reprise_demandee_par_employeur",
                TextCode::PreRepriseDemandeeParEmployeur,
            );
            return b.done(
                Obligation::DemandeIrrecevable,
                "pre_reprise_demandee_par_employeur",
                None,
            );
        }
        match request.date {
            Some(date) => {
                let version = b.apply(
                    RulePart::PreRepriseDemandeurs,
                    date,
                    TextCode::FaitDateDemande,
                );
                if version.id == "demandeurs_non_encodes" {
                    return unencoded(b);
                }
                if verdict != RequesterRule::Allowed {
                    let text = if requester == Requester::MedecinDuTravail {
                        Text::new(TextCode::MedecinDuTravailAvant2022).with_date("date", date)
                    } else {
                        Text::new(TextCode::DemandeurNonPrevu).with_code("requester", requester)
                    };
                    b.reason("pre_reprise_demandeur_non_habilite", text);
                    return b.done(
                        Obligation::DemandeIrrecevable,
                        "pre_reprise_demandeur_non_habilite",
                        None,
                    );
                }
                b.reason(
                    "demandeur_habilite",
                    Text::new(TextCode::DemandeurHabilite).with_code("requester", requester),
                );
            }
            None if verdict == RequesterRule::Never => {
                b.reason(
                    "pre_reprise_demandeur_non_habilite",
                    TextCode::PreRepriseDemandeurNonHabilite,
                );
                return b.done(
                    Obligation::DemandeIrrecevable,
                    "pre_reprise_demandeur_non_habilite",
                    None,
                );
            }
            None if verdict == RequesterRule::DateNeeded => {
                b.missing.push(MissingFact::new(
                    "pre_reprise_request.date",
                    "pre_reprise",
                    TextCode::ManqueDateDemandePreReprise,
                ));
                b.reason("date_demande_inconnue", TextCode::DateDemandeInconnue);
                return b.done(Obligation::Indeterminee, "date_demande_inconnue", None);
            }
            None => b.reason(
                "demandeur_habilite",
                Text::new(TextCode::DemandeurHabilite).with_code("requester", requester),
            ),
        }
    }
    b.main_again();
    let (length, known) = absence.known_length(as_of);
    joined_reason(&mut b, absence, length, known);
    if let Some(visit) = recorded(
        input,
        VisitRule::PreReprise,
        absence.start,
        absence.end,
        as_of,
    ) {
        let visit = visit.clone();
        visit_done(&mut b, &visit);
        b.reason(
            "visite_realisee",
            Text::new(TextCode::PreRepriseRealisee).with_date("date", visit.date),
        );
        return b.done(Obligation::Realisee, "visite_realisee", None);
    }
    let long_enough = if new {
        length > 30
    } else {
        let threshold = add_months(absence.start, 3);
        match absence.end {
            Some(end) => end >= threshold,
            None => as_of >= threshold,
        }
    };
    let threshold_text = || {
        Text::new(if new {
            TextCode::SeuilPlusDe30Jours
        } else {
            TextCode::SeuilPlusDe3Mois
        })
    };
    if absence.end.is_some_and(|end| end < as_of) && !absence.end_is_expected {
        b.reason("arret_termine", TextCode::ArretTermine);
        return b.done(Obligation::NonApplicable, "arret_termine", None);
    }
    if long_enough {
        b.reason(
            "arret_assez_long",
            Text::new(if known {
                TextCode::ArretAssezLong
            } else {
                TextCode::ArretAssezLongEnCours
            })
            .with("length", length)
            .with_text("threshold", threshold_text()),
        );
        return b.done(Obligation::Possible, "arret_assez_long", None);
    }
    if known {
        b.reason(
            "arret_trop_court",
            Text::new(TextCode::ArretTropCourt)
                .with("length", length)
                .with_text("threshold", threshold_text()),
        );
        return b.done(Obligation::NonApplicable, "arret_trop_court", None);
    }
    b.missing.push(MissingFact::new(
        &leave_path(absence),
        "pre_reprise",
        TextCode::ManqueFinArretPreReprise,
    ));
    b.reason(
        "duree_inconnue",
        Text::new(TextCode::DureeInconnuePreReprise)
            .with("length", length)
            .with_text("threshold", threshold_text()),
    );
    b.done(Obligation::Indeterminee, "duree_inconnue", None)
}

pub(super) fn reprise(
    absence: &Absence,
    input: &CalendarInput,
    next: Option<&Absence>,
    as_of: NaiveDate,
    options: &LegalOptions,
) -> VisitOutcome {
    let mut b = Builder::threshold(
        VisitRule::Reprise,
        RulePart::RepriseSeuil,
        absence.start,
        TextCode::FaitDebutAbsence,
        options,
    );
    let new = match b.main.id {
        "reprise_non_encodee" => return unencoded(b),
        "reprise_2012" | "reprise_2017" => false,
        _ => true,
    };
    let Some(end) = absence.end else {
        b.missing.push(MissingFact::new(
            &leave_path(absence),
            "reprise",
            TextCode::ManqueFinArretReprise,
        ));
        b.reason("fin_inconnue", TextCode::FinInconnue);
        return b.done(Obligation::Indeterminee, "fin_inconnue", None);
    };
    let length = absence.length_days.unwrap_or(0);
    joined_reason(&mut b, absence, length, true);
    let threshold = if new { 60 } else { 30 };
    // Every cause of the absence is judged on its whole length; any one
    // that makes the visit mandatory does.
    let mut mandatory = None;
    let mut first = None;
    for cause in &absence.causes {
        let (yes, code, text) = match cause {
            SickLeaveCause::Maternite => {
                (true, "conge_maternite", Text::new(TextCode::CongeMaternite))
            }
            SickLeaveCause::MaladieProfessionnelle => (
                true,
                "maladie_professionnelle",
                Text::new(TextCode::RepriseMaladieProfessionnelle),
            ),
            SickLeaveCause::AccidentDuTravail => (
                length >= 30,
                if length >= 30 {
                    "accident_du_travail_30_jours"
                } else {
                    "accident_du_travail_moins_de_30_jours"
                },
                Text::new(TextCode::AccidentDuTravailDuree).with("length", length),
            ),
            SickLeaveCause::MaladieNonProfessionnelle
            | SickLeaveCause::AccidentNonProfessionnel => (
                length >= threshold,
                if length >= threshold {
                    "non_professionnel_seuil_atteint"
                } else {
                    "non_professionnel_sous_le_seuil"
                },
                Text::new(if new {
                    TextCode::NonProfessionnelApres2022
                } else {
                    TextCode::NonProfessionnelAvant2022
                })
                .with_code("cause", *cause)
                .with("length", length)
                .with("threshold", threshold),
            ),
        };
        b.reason(code, text);
        first.get_or_insert(code);
        if yes && mandatory.is_none() {
            mandatory = Some((code, *cause));
        }
    }
    let Some((code, cause)) = mandatory else {
        let code = first.unwrap_or("non_professionnel_sous_le_seuil");
        return b.done(Obligation::NonApplicable, code, None);
    };
    let return_day = add_days(end, 1);
    let due = add_days(return_day, 8);
    // Who asks for it: the employer; with several employers, since
    // 2 July 2023, the principal one or the one who declared the accident.
    let multi = if input.several_employers == Some(true) {
        b.apply(
            RulePart::RepriseMultiEmployeurs,
            return_day,
            TextCode::FaitDateReprise,
        )
        .id
    } else {
        ""
    };
    let requester = match multi {
        "multi_employeurs_2023" => {
            if cause == SickLeaveCause::AccidentDuTravail {
                b.reason(
                    "employeur_declarant_accident",
                    TextCode::EmployeurDeclarantAccident,
                );
                "employeur_declarant_accident"
            } else {
                b.reason("employeur_principal", TextCode::EmployeurPrincipal);
                "employeur_principal"
            }
        }
        _ => {
            b.reason("employeur", TextCode::Employeur);
            "employeur"
        }
    };
    b.requester = Some(requester.to_string());
    b.main_again();
    let until = next.map(|n| n.start);
    if let Some(visit) = recorded(input, VisitRule::Reprise, absence.start, until, as_of) {
        let visit = visit.clone();
        visit_done(&mut b, &visit);
        let late = visit.date.signed_duration_since(due).num_days();
        let text = if late > 0 {
            Text::new(TextCode::RepriseRealiseeEnRetard).with("late", late)
        } else {
            Text::new(TextCode::RepriseRealiseeDansLeDelai)
        }
        .with_date("date", visit.date)
        .with_date("due", due);
        b.reason(
            if late > 0 {
                "realisee_en_retard"
            } else {
                "realisee_dans_le_delai"
            },
            text,
        );
        return b.done(Obligation::Realisee, code, Some(due));
    }
    let overdue = as_of.signed_duration_since(due).num_days();
    b.reason(
        "delai_8_jours",
        match (absence.end_is_expected, overdue > 0) {
            (false, false) => Text::new(TextCode::Delai8Jours),
            (true, false) => Text::new(TextCode::Delai8JoursProvisoire),
            (false, true) => Text::new(TextCode::Delai8JoursDepasse).with("overdue", overdue),
            (true, true) => {
                Text::new(TextCode::Delai8JoursProvisoireDepasse).with("overdue", overdue)
            }
        },
    );
    b.done(Obligation::Obligatoire, code, Some(due))
}

pub(super) fn mi_carriere(
    input: &CalendarInput,
    as_of: NaiveDate,
    options: &LegalOptions,
) -> Option<VisitOutcome> {
    let age = options.branch_agreement_age.unwrap_or(45);
    let Some(visit_year) = super::mi_carriere_year(&input.worker, options.branch_agreement_age)
    else {
        let mut b = Builder::new(
            VisitRule::MiCarriere,
            RulePart::MiCarriere,
            PDP_IN_FORCE,
            TextCode::FaitAnneeInconnue,
        );
        b.missing.push(MissingFact::new(
            "worker.birth_date",
            "mi_carriere",
            TextCode::ManqueNaissanceMiCarriere,
        ));
        b.reason("naissance_inconnue", TextCode::NaissanceInconnue);
        return Some(b.done(Obligation::Indeterminee, "naissance_inconnue", None));
    };
    let window_start = NaiveDate::from_ymd_opt(visit_year, 1, 1)?;
    let window_end = NaiveDate::from_ymd_opt(visit_year, 12, 31)?;
    let mut b = Builder::new(
        VisitRule::MiCarriere,
        RulePart::MiCarriere,
        window_end,
        TextCode::FaitFinAnneeDue,
    );
    if b.main.id == "mi_carriere_inexistante" {
        b.reason(
            "mi_carriere_inexistante",
            Text::new(TextCode::MiCarriereInexistante).with("age", age),
        );
        return Some(b.done(Obligation::NonApplicable, "mi_carriere_inexistante", None));
    }
    b.reason(
        "annee_anniversaire",
        Text::new(if options.branch_agreement_age.is_some() {
            TextCode::AnneeAnniversaireBranche
        } else {
            TextCode::AnneeAnniversaire
        })
        .with("age", age),
    );
    let combined_from = window_start
        .checked_sub_months(chrono::Months::new(24))
        .unwrap_or(window_start);
    let visit = recorded(input, VisitRule::MiCarriere, combined_from, None, as_of).cloned();
    // The entretien de parcours professionnel, dated by the visit (or the
    // end of its year), with its in-force date as a parameter.
    let entretien_date = visit.as_ref().map_or(window_end, |v| v.date);
    let from = options
        .entretien_parcours_from
        .unwrap_or(ENTRETIEN_PARCOURS_DEFAULT_FROM);
    let entretien = VERSIONS
        .iter()
        .filter(|v| v.part == RulePart::EntretienParcours)
        .find(|v| (v.id == "entretien_parcours_2025") == (entretien_date >= from));
    if let Some(version) = entretien.filter(|v| v.id == "entretien_parcours_2025") {
        b.apply_version(
            RulePart::EntretienParcours,
            version,
            entretien_date,
            if visit.is_some() {
                TextCode::FaitDateVisite
            } else {
                TextCode::FaitFinAnneeDue
            },
        );
        if version.id == "entretien_parcours_2025" {
            b.reason(
                "entretien_parcours_professionnel",
                Text::new(if options.entretien_parcours_from.is_some() {
                    TextCode::EntretienParcoursOption
                } else {
                    TextCode::EntretienParcoursDefaut
                })
                .with_date("from", from),
            );
        }
    }
    b.main_again();
    if let Some(visit) = visit {
        visit_done(&mut b, &visit);
        let text = Text::new(if visit.date < window_start {
            TextCode::MiCarriereAvecAutreVisite
        } else if visit.date > window_end {
            TextCode::MiCarriereApresAnnee
        } else {
            TextCode::MiCarriereRealisee
        })
        .with_date("date", visit.date);
        b.reason("visite_realisee", text);
        let mut out = b.done(Obligation::Realisee, "visite_realisee", Some(window_end));
        out.window_start = Some(window_start);
        return Some(out);
    }
    let code = if as_of > window_end {
        b.reason(
            "periode_passee",
            Text::new(TextCode::PeriodePassee).with_date("end", window_end),
        );
        "periode_passee"
    } else {
        "annee_anniversaire"
    };
    let mut out = b.done(Obligation::Obligatoire, code, Some(window_end));
    out.window_start = Some(window_start);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::Code;
    use crate::legal::FactDate;

    #[test]
    fn every_fact_kind_is_used() {
        for f in FactDate::ALL {
            assert!(RulePart::ALL.iter().any(|p| p.fact() == *f), "{f:?}");
        }
    }
}
