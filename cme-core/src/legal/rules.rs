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
use crate::codes::Code;
use crate::deadlines::{add_days, add_months};
use crate::explain::{date_fr, days_fr, MissingFact, Reason, Source};

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
    fn new(rule: VisitRule, part: RulePart, date: NaiveDate, fact_text: &str) -> Builder {
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

    /// Applies the version of `part` chosen by a fact on `date`.
    fn apply(&mut self, part: RulePart, date: NaiveDate, fact_text: &str) -> &'static RuleVersion {
        let version = version_for(part, date);
        self.apply_version(part, version, date, fact_text);
        version
    }

    fn apply_version(
        &mut self,
        part: RulePart,
        version: &'static RuleVersion,
        date: NaiveDate,
        fact_text: &str,
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
            format!(
                "{} : version {} ({}), choisie par {} ({}).",
                part.label_fr(),
                version.id,
                version.summary,
                fact_text,
                date_fr(date)
            ),
        );
    }

    /// Back to the main version: the reasons that follow cite its
    /// articles again (after a reason about another part).
    fn main_again(&mut self) {
        self.current = self.main;
    }

    /// A reason citing the version applied last.
    fn reason(&mut self, code: &str, text: impl Into<String>) {
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
    fn cited(&mut self, code: &str, text: impl Into<String>, source: Source) {
        if !self.sources.contains(&source) {
            self.sources.push(source.clone());
        }
        self.reasons.push(Reason::new(code, text, source));
    }

    fn reading(&mut self, code: &str, text: impl Into<String>, section: &str) {
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
    b.reason(
        "regle_non_encodee",
        "Fait antérieur au 1er juillet 2012 : cme n'encode pas les règles de cette période.",
    );
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
            format!(
                "L'absence réunit {} prescriptions successives sans jour de travail entre elles (arrêt initial et prolongations) : elle compte pour une seule absence, de {}{}.",
                absence.prescriptions.len(),
                if known { "" } else { "déjà " },
                days_fr(length)
            ),
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
        "la date de la visite",
    );
    if let Some(p) = visit.done_by {
        b.reason(
            "realisee_par",
            format!("Visite réalisée par : {}.", p.label_fr()),
        );
        if p == Professional::InfirmierDelegation && version.id == "realisation_medecin" {
            b.reason(
                "infirmier_avant_2022_679",
                "Une visite réalisée par un infirmier avant le 28 avril 2022 n'est pas prévue par les textes encodés.",
            );
        }
    }
    // R4624-30: the recommendations of the pré-reprise visit are sent to
    // the employer and the médecin conseil « sauf si le travailleur s'y
    // oppose ».
    if let (VisitRule::PreReprise, Some(on)) = (visit.kind, visit.objection_on) {
        let text = format!(
            "Le {}, le travailleur s'est opposé à la transmission des recommandations du médecin du travail à l'employeur et au médecin conseil : elles ne leur sont pas communiquées.",
            date_fr(on)
        );
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
            "Visite réalisée à distance avant le 28 avril 2022 : la télésanté au travail n'était pas encore prévue par R4624-41-1 (dérogations temporaires non encodées)."
        } else {
            "Visite réalisée à distance (télésanté), possible depuis le 28 avril 2022."
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
        Some(d) => (d, "la date du rendez-vous"),
        None => match absence.end {
            Some(end) if end < PDP_IN_FORCE => (end, "le dernier jour de l'absence, aucun rendez-vous n'étant enregistré"),
            _ => (
                absence.start.max(PDP_IN_FORCE),
                "le premier jour de l'absence où un rendez-vous peut se tenir, aucun rendez-vous n'étant enregistré",
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
            b.reason(
                "liaison_inexistant",
                "Le rendez-vous de liaison n'existait pas avant le 31 mars 2022 : il ne s'applique qu'aux rendez-vous tenus depuis cette date, y compris pendant un arrêt commencé avant.",
            );
            return b.done(Obligation::NonApplicable, "liaison_inexistant", None);
        }
        _ => {}
    }
    if !absence.is_illness_or_accident() {
        b.reason(
            "absence_maternite",
            "Le rendez-vous de liaison concerne les absences pour maladie ou accident, pas le congé de maternité.",
        );
        return b.done(Obligation::NonApplicable, "absence_maternite", None);
    }
    let (own, known) = absence.known_length(as_of);
    joined_reason(&mut b, absence, own, known);
    let length = if options.liaison_absences_discontinues {
        let total = own.saturating_add(earlier_days);
        b.reading(
            "absences_discontinues",
            format!(
                "Option retenue : les absences sont comptées ensemble, continues ou non ({} au total). Lecture d'un questions-réponses du ministère, à confirmer ; le décret parle de « l'absence ».",
                days_fr(total)
            ),
            "rendez-vous de liaison : absences discontinues (à confirmer)",
        );
        total
    } else {
        own
    };
    if length > 30 {
        let text = format!(
            "L'absence dure {}{} : plus de 30 jours. Le rendez-vous est organisé à l'initiative de l'employeur ou du salarié, le service de prévention et de santé au travail y est associé ; le salarié peut le refuser sans conséquence ; aucune information médicale n'y est échangée.",
            if known { "" } else { "déjà " },
            days_fr(length)
        );
        b.reason("absence_plus_de_30_jours", text);
        if let Some(d) = meeting.filter(|d| *d <= as_of) {
            b.done_on = Some(d);
            b.reason(
                "rendez_vous_tenu",
                format!("Le rendez-vous de liaison a eu lieu le {}.", date_fr(d)),
            );
            return b.done(Obligation::Realisee, "rendez_vous_tenu", None);
        }
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
        &leave_path(absence),
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

/// Whether a requester may ask for a pré-reprise visit requested on `date`
/// (L4624-2-4 from 31 March 2022, R4624-29 and R4624-20 before): the one
/// statement of the rule, used by the legal calendar, by validation (which
/// knows only the latest possible date of the request, the signalement's)
/// and by the table fast path.
///
/// ```
/// use chrono::NaiveDate;
/// use cme_core::case::Requester;
/// use cme_core::legal::{pre_reprise_requester, RequesterRule};
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
/// assert_ne!(cme_core::legal::RequesterRule::Never, cme_core::legal::RequesterRule::Allowed);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
) -> VisitOutcome {
    let mut b = Builder::new(
        VisitRule::PreReprise,
        RulePart::PreRepriseSeuil,
        absence.start,
        "le début de l'absence",
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
                    "la date de la demande",
                );
            }
            b.reason(
                "pre_reprise_demandee_par_employeur",
                "L'employeur ne peut jamais demander une visite de pré-reprise ; il doit informer le salarié qu'il peut la solliciter.",
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
                    "la date de la demande",
                );
                if version.id == "demandeurs_non_encodes" {
                    return unencoded(b);
                }
                if verdict != RequesterRule::Allowed {
                    let text = if requester == Requester::MedecinDuTravail {
                        format!("Le médecin du travail ne peut demander une visite de pré-reprise que depuis le 31 mars 2022 (L4624-2-4) ; la demande est du {}.", date_fr(date))
                    } else {
                        format!("{} ne fait pas partie des demandeurs prévus par la version applicable.", requester.label_fr())
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
                    format!(
                        "{} peut demander la visite de pré-reprise.",
                        requester.label_fr()
                    ),
                );
            }
            None if verdict == RequesterRule::Never => {
                b.reason(
                    "pre_reprise_demandeur_non_habilite",
                    "Le médecin spécialiste ne fait pas partie des demandeurs de la visite de pré-reprise.",
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
                    "La date de la demande est nécessaire : le médecin du travail peut demander la visite depuis le 31 mars 2022.",
                ));
                b.reason(
                    "date_demande_inconnue",
                    "La date de la demande du médecin du travail n'est pas connue.",
                );
                return b.done(Obligation::Indeterminee, "date_demande_inconnue", None);
            }
            None => b.reason(
                "demandeur_habilite",
                format!(
                    "{} peut demander la visite de pré-reprise.",
                    requester.label_fr()
                ),
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
        let visit = *visit;
        visit_done(&mut b, &visit);
        b.reason(
            "visite_realisee",
            format!(
                "La visite de pré-reprise a eu lieu le {}.",
                date_fr(visit.date)
            ),
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
    let threshold_text = if new {
        "plus de 30 jours"
    } else {
        "plus de 3 mois"
    };
    if absence.end.is_some_and(|end| end < as_of) && !absence.end_is_expected {
        b.reason(
            "arret_termine",
            "L'arrêt est terminé à la date d'évaluation : la visite de pré-reprise n'a lieu que pendant l'arrêt.",
        );
        return b.done(Obligation::NonApplicable, "arret_termine", None);
    }
    if long_enough {
        b.reason(
            "arret_assez_long",
            format!(
                "L'arrêt dure {}{} : {threshold_text} (seuil choisi par le début de l'arrêt). La visite peut être demandée par le salarié, le médecin traitant, le médecin conseil et, depuis le 31 mars 2022, le médecin du travail — jamais par l'employeur.",
                if known { "" } else { "déjà " },
                days_fr(length),
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
        &leave_path(absence),
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

pub(super) fn reprise(
    absence: &Absence,
    input: &CalendarInput,
    next: Option<&Absence>,
    as_of: NaiveDate,
) -> VisitOutcome {
    let mut b = Builder::new(
        VisitRule::Reprise,
        RulePart::RepriseSeuil,
        absence.start,
        "le début de l'absence",
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
            "La fin de l'arrêt est nécessaire : elle fixe la durée et la date de reprise.",
        ));
        b.reason(
            "fin_inconnue",
            "La fin de l'arrêt n'est pas connue : l'obligation et l'échéance ne peuvent être fixées.",
        );
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
            SickLeaveCause::Maternite => (true, "conge_maternite", "Après un congé de maternité, la visite de reprise est obligatoire.".to_string()),
            SickLeaveCause::MaladieProfessionnelle => (true, "maladie_professionnelle", "Après une absence pour maladie professionnelle, quelle que soit sa durée, la visite de reprise est obligatoire.".to_string()),
            SickLeaveCause::AccidentDuTravail => (
                length >= 30,
                if length >= 30 { "accident_du_travail_30_jours" } else { "accident_du_travail_moins_de_30_jours" },
                format!("Accident du travail, absence de {} : la visite est obligatoire à partir de 30 jours.", days_fr(length)),
            ),
            SickLeaveCause::MaladieNonProfessionnelle | SickLeaveCause::AccidentNonProfessionnel => (
                length >= threshold,
                if length >= threshold { "non_professionnel_seuil_atteint" } else { "non_professionnel_sous_le_seuil" },
                format!(
                    "{}, absence de {} : la visite est obligatoire à partir de {threshold} jours pour un arrêt commencé {} le 31 mars 2022.",
                    cause.label_fr(),
                    days_fr(length),
                    if new { "après" } else { "au plus tard" }
                ),
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
            "la date de la reprise",
        )
        .id
    } else {
        ""
    };
    let requester = match multi {
        "multi_employeurs_2023" => {
            if cause == SickLeaveCause::AccidentDuTravail {
                b.reason("employeur_declarant_accident", "Le salarié a plusieurs employeurs : la visite de reprise est demandée par l'employeur qui a déclaré l'accident du travail.");
                "employeur_declarant_accident"
            } else {
                b.reason("employeur_principal", "Le salarié a plusieurs employeurs : la visite de reprise est demandée par l'employeur principal (le contrat le plus ancien), dont le service assure le suivi.");
                "employeur_principal"
            }
        }
        _ => {
            b.reason("employeur", "L'employeur saisit le service de prévention et de santé au travail dès qu'il connaît la date de fin de l'arrêt.");
            "employeur"
        }
    };
    b.requester = Some(requester.to_string());
    b.main_again();
    let until = next.map(|n| n.start);
    if let Some(visit) = recorded(input, VisitRule::Reprise, absence.start, until, as_of) {
        let visit = *visit;
        visit_done(&mut b, &visit);
        let late = visit.date.signed_duration_since(due).num_days();
        let text = if late > 0 {
            format!(
                "La visite de reprise a eu lieu le {}, {} après l'échéance du {}.",
                date_fr(visit.date),
                days_fr(late),
                date_fr(due)
            )
        } else {
            format!(
                "La visite de reprise a eu lieu le {}, dans le délai (échéance du {}).",
                date_fr(visit.date),
                date_fr(due)
            )
        };
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
        format!(
            "La visite a lieu le jour de la reprise et au plus tard dans les 8 jours{}{}.",
            if absence.end_is_expected {
                " (reprise prévue : échéance provisoire)"
            } else {
                ""
            },
            if overdue > 0 {
                format!(
                    " ; aucune visite n'est enregistrée et l'échéance est passée de {}",
                    days_fr(overdue)
                )
            } else {
                String::new()
            }
        ),
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
            "l'entrée en vigueur de la visite, l'année n'étant pas connue",
        );
        b.missing.push(MissingFact::new(
            "worker.birth_date",
            "mi_carriere",
            "La date ou l'année de naissance est nécessaire pour situer la visite de mi-carrière.",
        ));
        b.reason(
            "naissance_inconnue",
            "L'année de naissance du travailleur n'est pas connue.",
        );
        return Some(b.done(Obligation::Indeterminee, "naissance_inconnue", None));
    };
    let window_start = NaiveDate::from_ymd_opt(visit_year, 1, 1)?;
    let window_end = NaiveDate::from_ymd_opt(visit_year, 12, 31)?;
    let mut b = Builder::new(
        VisitRule::MiCarriere,
        RulePart::MiCarriere,
        window_end,
        "la fin de l'année où la visite est due",
    );
    if b.main.id == "mi_carriere_inexistante" {
        b.reason(
            "mi_carriere_inexistante",
            format!("L'année des {age} ans du travailleur est antérieure à 2022 : la visite de mi-carrière n'existait pas."),
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
    let combined_from = window_start
        .checked_sub_months(chrono::Months::new(24))
        .unwrap_or(window_start);
    let visit = recorded(input, VisitRule::MiCarriere, combined_from, None, as_of).copied();
    // The entretien de parcours professionnel, dated by the visit (or the
    // end of its year), with its in-force date as a parameter.
    let entretien_date = visit.map_or(window_end, |v| v.date);
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
                "la date de la visite"
            } else {
                "la fin de l'année où la visite est due"
            },
        );
        if version.id == "entretien_parcours_2025" {
            b.reason(
                "entretien_parcours_professionnel",
                format!(
                    "La visite est suivie d'un entretien de parcours professionnel avec l'employeur (loi n° 2025-989). Date d'entrée en vigueur à confirmer (26 octobre 2025 ou 1er octobre 2026) : cme retient le {}{}.",
                    date_fr(from),
                    if options.entretien_parcours_from.is_some() { " (option entretien_parcours_from)" } else { " par défaut" }
                ),
            );
        }
    }
    b.main_again();
    if let Some(visit) = visit {
        visit_done(&mut b, &visit);
        let text = if visit.date < window_start {
            format!("La visite a été réalisée le {}, avec une autre visite dans les deux ans qui précèdent l'année due.", date_fr(visit.date))
        } else if visit.date > window_end {
            format!(
                "La visite a été réalisée le {}, après l'année où elle était due.",
                date_fr(visit.date)
            )
        } else {
            format!("La visite a été réalisée le {}.", date_fr(visit.date))
        };
        b.reason("visite_realisee", text);
        let mut out = b.done(Obligation::Realisee, "visite_realisee", Some(window_end));
        out.window_start = Some(window_start);
        return Some(out);
    }
    let code = if as_of > window_end {
        b.reason(
            "periode_passee",
            format!(
                "La période de la visite s'est achevée le {} sans visite de mi-carrière enregistrée.",
                date_fr(window_end)
            ),
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
    use crate::legal::FactDate;

    #[test]
    fn every_fact_kind_is_used() {
        for f in FactDate::ALL {
            assert!(RulePart::ALL.iter().any(|p| p.fact() == *f), "{f:?}");
        }
    }
}
