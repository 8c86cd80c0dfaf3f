//! The case (*dossier*) of a cellule de maintien en emploi and its
//! interchange format.
//!
//! A [`Case`] is what SST business software sends, what notebooks aggregate
//! and what a web form builds field by field (DOMAIN.md §2–5). It holds a
//! pseudonymous id (never a name), the worker's context, the sick leaves, the
//! signalement, the consents and a timeline of dated [`Event`]s. The JSON
//! form carries a `format_version` ([`FORMAT_VERSION`]); its JSON Schema is
//! [`crate::schema::case_schema`].
//!
//! Untrusted JSON goes through [`crate::validate::parse_case`], which reports
//! every problem at once; `serde` deserialization is for trusted data.
//!
//! ```
//! use cme_pdp::case::{Case, Event};
//!
//! let json = r#"{
//!   "format_version": 1,
//!   "id": "D-0001",
//!   "service": "aismt13",
//!   "worker": {"birth_year": 1970},
//!   "signalement": {"date": "2024-03-04", "source_visit": "pre_reprise",
//!                   "signalled_by": "medecin_du_travail"},
//!   "events": [{"type": "contact", "date": "2024-03-08"}]
//! }"#;
//! let case: Case = serde_json::from_str(json).unwrap();
//! assert!(matches!(case.events[0], Event::Contact { .. }));
//! ```

mod work;

pub use work::{
    EmployerExchange, ExchangeKind, Meeting, Referral, ReferralDirection, ReferralDocument,
    ReferralOutcome,
};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::codes::code_enum;

/// The version of the interchange format this library writes. Version 2
/// adds the visits that took place (`visits`); a version 1 document is read
/// and migrated (it has no visits), and a version 1 document that gives
/// `visits` is refused at the field (`field_requires_format_version`).
///
/// ```
/// assert_eq!(cme_pdp::case::FORMAT_VERSION, 2);
/// assert_eq!(cme_pdp::case::FORMAT_VERSIONS_READ, [1, 2]);
/// ```
pub const FORMAT_VERSION: u32 = 2;

/// The versions of the interchange format this library reads.
pub const FORMAT_VERSIONS_READ: [u32; 2] = [1, 2];

/// A case of the cell: one worker's accompaniment from the signalement to
/// the follow-up (DOMAIN.md §3).
///
/// ```
/// let case = cme_pdp::sample::sample_cases().unwrap().remove(0);
/// assert_eq!(case.format_version, cme_pdp::case::FORMAT_VERSION);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Case {
    /// Version of the interchange format: 1 or 2 when read
    /// ([`FORMAT_VERSIONS_READ`]), [`FORMAT_VERSION`] once read (a version 1
    /// document is migrated).
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 2)))]
    pub format_version: u32,
    /// Pseudonymous id of the case: 1 to 64 characters among letters, digits,
    /// `-`, `_` and `.`. Never a name.
    #[cfg_attr(
        feature = "schema",
        schemars(length(min = 1, max = 64), pattern(r"^[A-Za-z0-9._-]+$"))
    )]
    pub id: String,
    /// Code of the service that runs the cell (`aismt13`, `aist43`…): 1 to 32
    /// characters among lowercase letters, digits and `_`.
    #[cfg_attr(
        feature = "schema",
        schemars(length(min = 1, max = 32), pattern(r"^[a-z0-9_]+$"))
    )]
    pub service: String,
    /// Id of the policy the case is evaluated with, when not the service's
    /// default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "schema",
        schemars(length(min = 1, max = 64), pattern(r"^[A-Za-z0-9._-]+$"))
    )]
    pub policy: Option<String>,
    /// Pseudonymous id of the médecin du travail who follows the worker and
    /// signalled the case (format version 2; never a name): the cell's
    /// worklists are grouped by it (the pré-reprise visits sent to each
    /// doctor twice a month at AST BTP).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "schema",
        schemars(length(min = 1, max = 64), pattern(r"^[A-Za-z0-9._-]+$"))
    )]
    pub doctor: Option<String>,
    /// The worker's context.
    pub worker: Worker,
    /// Sick leaves (arrêts de travail), in any order.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(length(max = crate::limits::MAX_SICK_LEAVES)))]
    pub sick_leaves: Vec<SickLeave>,
    /// How the case reached the cell.
    pub signalement: Signalement,
    /// Consents given by the worker (seed 004, AIST 63 consent form).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(length(max = crate::limits::MAX_CONSENTS)))]
    pub consents: Vec<Consent>,
    /// Dated events of the pathway, in any order; engines apply them in date
    /// order.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(length(max = crate::limits::MAX_EVENTS)))]
    pub events: Vec<Event>,
    /// The team's choice of accompaniment category, overriding the derived
    /// one, with its written justification (seed 001).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category_override: Option<CategoryOverride>,
    /// The visits that took place (pré-reprise, reprise, mi-carrière) and
    /// the rendez-vous de liaison held, with who did them: format version 2
    /// only. The legal calendar reads them (a visit done closes its
    /// deadline).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(length(max = crate::limits::MAX_EVENTS)))]
    pub visits: Vec<VisitRecord>,
    /// The exchanges with the employer (format version 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(length(max = crate::limits::MAX_EVENTS)))]
    pub employer_exchanges: Vec<EmployerExchange>,
    /// The referrals to partners and the partners' signalements to the
    /// cell (format version 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(length(max = crate::limits::MAX_EVENTS)))]
    pub referrals: Vec<Referral>,
    /// The meetings with the worker (format version 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(length(max = crate::limits::MAX_EVENTS)))]
    pub meetings: Vec<Meeting>,
    /// The measures of the law mobilised for the worker (essai encadré,
    /// CRPE, projet de transition professionnelle), with their dates
    /// (format version 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(length(max = crate::limits::MAX_EVENTS)))]
    pub measures: Vec<MeasureRecord>,
}

/// The worker's context: no name, no free text about health.
///
/// ```
/// use cme_pdp::case::Worker;
/// let mut w = Worker::default();
/// w.birth_year = Some(1975);
/// assert_eq!(w.year_of_birth(), Some(1975));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Worker {
    /// Pseudonymous id of the worker, linking the successive cases of one
    /// worker over a career (format version 2): the same characters as a
    /// case id, never a name or a social security number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "schema",
        schemars(length(min = 1, max = 64), pattern(r"^[A-Za-z0-9._-]+$"))
    )]
    pub id: Option<String>,
    /// Date of birth, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<NaiveDate>,
    /// Year of birth, when only the year is known (or to confirm the date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1900, max = 2100)))]
    pub birth_year: Option<i32>,
    /// Pseudonymous id of the employing company as the service knows it
    /// (its adherent number, say), never its name (format version 2): the
    /// company report of a company of more than 300 employees
    /// (D4622-54) counts its cases by it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "schema",
        schemars(length(min = 1, max = 64), pattern(r"^[A-Za-z0-9._-]+$"))
    )]
    pub company: Option<String>,
    /// Sector of the employer (NAF section, with the nomenclature version).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<Sector>,
    /// Whether the employer is public or private (AGEFIPH vs FIPHFP).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer: Option<EmployerKind>,
    /// Reconnaissance de la qualité de travailleur handicapé.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rqth: Option<RqthStatus>,
    /// Chapter (1 to 22) of the CIM-10 (ICD-10) classification of the main
    /// pathology; the group is [`pathology_group`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 22)))]
    pub cim10_chapter: Option<u8>,
}

impl Worker {
    /// The year of birth, from `birth_date` or `birth_year`.
    ///
    /// ```
    /// use cme_pdp::case::Worker;
    /// use chrono::NaiveDate;
    /// let mut w = Worker::default();
    /// w.birth_date = NaiveDate::from_ymd_opt(1980, 2, 29);
    /// assert_eq!(w.year_of_birth(), Some(1980));
    /// ```
    pub fn year_of_birth(&self) -> Option<i32> {
        self.birth_date.map(|d| d.year()).or(self.birth_year)
    }

    /// The worker's age on a date: whole years from the birth date, or the
    /// difference of years when only the year of birth is known; `None`
    /// when neither is. One rule for validation, targeting, orientation and
    /// the age bands of indicators.
    ///
    /// ```
    /// use cme_pdp::case::Worker;
    /// use chrono::NaiveDate;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let mut by_date = Worker::default();
    /// by_date.birth_date = Some(d(1980, 6, 15));
    /// assert_eq!(by_date.age_on(d(2025, 6, 14)), Some(44));
    /// let mut by_year = Worker::default();
    /// by_year.birth_year = Some(1980);
    /// assert_eq!(by_year.age_on(d(2025, 1, 2)), Some(45));
    /// assert_eq!(Worker::default().age_on(d(2025, 1, 2)), None);
    /// ```
    pub fn age_on(&self, date: NaiveDate) -> Option<i32> {
        match (self.birth_date, self.birth_year) {
            (Some(birth), _) => Some(crate::dates::age_on(birth, date)),
            (None, Some(year)) => Some(date.year() - year),
            (None, None) => None,
        }
    }
}

/// The employer's sector: a NAF section and the nomenclature it belongs to
/// (LEGAL.md: NAF rév. 2 has sections A–U; NAF 2025, official from 1 January
/// 2027, has A–V).
///
/// ```
/// use cme_pdp::case::{Nomenclature, Sector};
/// let s = Sector::new(Nomenclature::NafRev2, "F");
/// assert!(s.nomenclature.sections().contains(&"F"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(transform = sector_sections))]
#[non_exhaustive]
pub struct Sector {
    /// Which NAF nomenclature the section letter belongs to.
    pub nomenclature: Nomenclature,
    /// The section letter (`A`, `F`, `Q`…).
    pub section: String,
}

/// Refines the derived schema of [`Sector`]: the section letters allowed
/// depend on the nomenclature (one `oneOf` branch per nomenclature).
#[cfg(feature = "schema")]
fn sector_sections(schema: &mut schemars::Schema) {
    use crate::codes::Code;
    let branches: Vec<serde_json::Value> = Nomenclature::ALL
        .iter()
        .map(|n| {
            serde_json::json!({
                "properties": {
                    "nomenclature": {"const": n.code()},
                    "section": {"enum": n.sections()},
                }
            })
        })
        .collect();
    schema.insert("oneOf".into(), serde_json::Value::Array(branches));
}

/// The sections of NAF rév. 2 (INSEE, 2008): letter, French and English
/// names.
const NAF_REV2_SECTIONS: [(&str, &str, &str); 21] = [
    ("A", "Agriculture, sylviculture et pêche", "Agriculture, forestry and fishing"),
    ("B", "Industries extractives", "Mining and quarrying"),
    ("C", "Industrie manufacturière", "Manufacturing"),
    ("D", "Production et distribution d'électricité, de gaz, de vapeur et d'air conditionné", "Electricity, gas, steam and air conditioning supply"),
    ("E", "Production et distribution d'eau ; assainissement, gestion des déchets et dépollution", "Water supply; sewerage, waste management and remediation"),
    ("F", "Construction", "Construction"),
    ("G", "Commerce ; réparation d'automobiles et de motocycles", "Wholesale and retail trade; repair of motor vehicles and motorcycles"),
    ("H", "Transports et entreposage", "Transportation and storage"),
    ("I", "Hébergement et restauration", "Accommodation and food service activities"),
    ("J", "Information et communication", "Information and communication"),
    ("K", "Activités financières et d'assurance", "Financial and insurance activities"),
    ("L", "Activités immobilières", "Real estate activities"),
    ("M", "Activités spécialisées, scientifiques et techniques", "Professional, scientific and technical activities"),
    ("N", "Activités de services administratifs et de soutien", "Administrative and support service activities"),
    ("O", "Administration publique", "Public administration and defence; compulsory social security"),
    ("P", "Enseignement", "Education"),
    ("Q", "Santé humaine et action sociale", "Human health and social work activities"),
    ("R", "Arts, spectacles et activités récréatives", "Arts, entertainment and recreation"),
    ("S", "Autres activités de services", "Other service activities"),
    ("T", "Activités des ménages en tant qu'employeurs ; activités indifférenciées des ménages en tant que producteurs de biens et services pour usage propre", "Activities of households as employers; undifferentiated goods- and services-producing activities of households for own use"),
    ("U", "Activités extra-territoriales", "Activities of extraterritorial organisations and bodies"),
];

/// The sections of NAF 2025 (INSEE; NACE rév. 2.1): letter, French and
/// English names.
const NAF_2025_SECTIONS: [(&str, &str, &str); 22] = [
    ("A", "Agriculture, sylviculture et pêche", "Agriculture, forestry and fishing"),
    ("B", "Industries extractives", "Mining and quarrying"),
    ("C", "Industrie manufacturière", "Manufacturing"),
    ("D", "Production et distribution d'électricité, de gaz, de vapeur et d'air conditionné", "Electricity, gas, steam and air conditioning supply"),
    ("E", "Production et distribution d'eau ; assainissement, gestion des déchets et dépollution", "Water supply; sewerage, waste management and remediation"),
    ("F", "Construction", "Construction"),
    ("G", "Commerce de gros et de détail", "Wholesale and retail trade"),
    ("H", "Transports et entreposage", "Transportation and storage"),
    ("I", "Hébergement et restauration", "Accommodation and food service activities"),
    ("J", "Édition, diffusion, production et distribution de contenus", "Publishing, broadcasting, and content production and distribution"),
    ("K", "Télécommunications, programmation, conseil et autres services informatiques et d'information", "Telecommunication, computer programming, consulting, computing infrastructure and other information services"),
    ("L", "Activités financières et d'assurance", "Financial and insurance activities"),
    ("M", "Activités immobilières", "Real estate activities"),
    ("N", "Activités spécialisées, scientifiques et techniques", "Professional, scientific and technical activities"),
    ("O", "Activités de services administratifs et de soutien", "Administrative and support service activities"),
    ("P", "Administration publique et défense ; sécurité sociale obligatoire", "Public administration and defence; compulsory social security"),
    ("Q", "Enseignement", "Education"),
    ("R", "Santé humaine et action sociale", "Human health and social work activities"),
    ("S", "Arts, sports et activités récréatives", "Arts, sports and recreation"),
    ("T", "Autres activités de services", "Other service activities"),
    ("U", "Activités des ménages en tant qu'employeurs ; activités indifférenciées des ménages en tant que producteurs de biens et services pour usage propre", "Activities of households as employers; undifferentiated goods- and services-producing activities of households for own use"),
    ("V", "Activités des organisations et organismes extraterritoriaux", "Activities of extraterritorial organisations and bodies"),
];

code_enum! {
    /// Version of the French classification of activities (NAF).
    ///
    /// ```
    /// use cme_pdp::case::Nomenclature;
    /// assert_eq!(Nomenclature::Naf2025.sections().len(), 22);
    /// ```
    pub enum Nomenclature: "nomenclature" {
        NafRev2 = "naf_rev2", "NAF rév. 2 (2008)", "NAF rev. 2 (2008)";
        Naf2025 = "naf_2025", "NAF 2025", "NAF 2025";
    }
}

impl Sector {
    /// A section of a nomenclature (not checked here: validation checks
    /// the letter against the nomenclature).
    ///
    /// ```
    /// use cme_pdp::case::{Nomenclature, Sector};
    /// assert_eq!(Sector::new(Nomenclature::Naf2025, "Q").section, "Q");
    /// ```
    pub fn new(nomenclature: Nomenclature, section: impl Into<String>) -> Self {
        Sector {
            nomenclature,
            section: section.into(),
        }
    }
}

impl Nomenclature {
    /// The section letters of this nomenclature (LEGAL.md, reference data).
    ///
    /// ```
    /// use cme_pdp::case::Nomenclature;
    /// assert_eq!(Nomenclature::NafRev2.sections().last(), Some(&"U"));
    /// ```
    pub fn sections(self) -> &'static [&'static str] {
        const LETTERS: [&str; 22] = [
            "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q",
            "R", "S", "T", "U", "V",
        ];
        match self {
            Nomenclature::NafRev2 => LETTERS.get(..21).unwrap_or(&LETTERS),
            Nomenclature::Naf2025 => &LETTERS,
        }
    }

    /// The French and English names of a section of this nomenclature, or
    /// `None` for a letter it does not have (INSEE, *Nomenclature
    /// d'activités française* rév. 2 and NAF 2025, sections; NAF 2025
    /// follows NACE rév. 2.1, whose letters shift from J).
    ///
    /// ```
    /// use cme_pdp::case::Nomenclature;
    /// assert_eq!(Nomenclature::NafRev2.section_label("F"), Some(("Construction", "Construction")));
    /// assert_eq!(Nomenclature::NafRev2.section_label("Q").unwrap().0, "Santé humaine et action sociale");
    /// assert_eq!(Nomenclature::Naf2025.section_label("R").unwrap().0, "Santé humaine et action sociale");
    /// assert_eq!(Nomenclature::NafRev2.section_label("V"), None);
    /// ```
    pub fn section_label(self, letter: &str) -> Option<(&'static str, &'static str)> {
        let labels: &[(&str, &str, &str)] = match self {
            Nomenclature::NafRev2 => &NAF_REV2_SECTIONS,
            Nomenclature::Naf2025 => &NAF_2025_SECTIONS,
        };
        labels
            .iter()
            .find(|(l, _, _)| *l == letter)
            .map(|&(_, fr, en)| (fr, en))
    }
}

code_enum! {
    /// Public or private employer.
    ///
    /// ```
    /// use cme_pdp::{case::EmployerKind, codes::Code};
    /// assert_eq!(EmployerKind::Public.code(), "public");
    /// ```
    pub enum EmployerKind: "employer_kind" {
        Prive = "prive", "Employeur privé", "Private employer";
        Public = "public", "Employeur public", "Public employer";
    }
}

code_enum! {
    /// RQTH status of the worker.
    ///
    /// ```
    /// use cme_pdp::{case::RqthStatus, codes::Code};
    /// assert_eq!(RqthStatus::from_code("reconnue"), Some(RqthStatus::Reconnue));
    /// ```
    pub enum RqthStatus: "rqth_status" {
        Aucune = "aucune", "Pas de RQTH", "No RQTH";
        DemandeEnCours = "demande_en_cours", "Demande de RQTH en cours", "RQTH application pending";
        Reconnue = "reconnue", "RQTH reconnue", "RQTH granted";
    }
}

code_enum! {
    /// Pathology groups used in occupational-health studies of unfitness
    /// (LEGAL.md reference data; HAS recommendation of February 2019).
    ///
    /// ```
    /// use cme_pdp::case::{pathology_group, PathologyGroup};
    /// assert_eq!(pathology_group(13), Some(PathologyGroup::Tms));
    /// ```
    pub enum PathologyGroup: "pathology_group" {
        Tms = "tms", "TMS / ostéo-articulaire", "Musculoskeletal disorders";
        SanteMentale = "sante_mentale", "Santé mentale", "Mental health";
        Cardiovasculaire = "cardiovasculaire", "Cardiovasculaire", "Cardiovascular";
        Cancer = "cancer", "Cancers", "Cancers";
        Neurologique = "neurologique", "Neurologique", "Neurological";
        Respiratoire = "respiratoire", "Respiratoire", "Respiratory";
        Autre = "autre", "Autres pathologies", "Other conditions";
    }
}

/// The pathology group of a CIM-10 chapter (1 to 22), or `None` for a
/// number outside the classification. Chapter XIII → TMS, V → santé
/// mentale, IX → cardiovasculaire, II → cancers, VI → neurologique,
/// X → respiratoire, any other → autre (LEGAL.md).
///
/// ```
/// use cme_pdp::case::{pathology_group, PathologyGroup};
/// assert_eq!(pathology_group(5), Some(PathologyGroup::SanteMentale));
/// assert_eq!(pathology_group(1), Some(PathologyGroup::Autre));
/// assert_eq!(pathology_group(23), None);
/// ```
pub fn pathology_group(cim10_chapter: u8) -> Option<PathologyGroup> {
    Some(match cim10_chapter {
        13 => PathologyGroup::Tms,
        5 => PathologyGroup::SanteMentale,
        9 => PathologyGroup::Cardiovasculaire,
        2 => PathologyGroup::Cancer,
        6 => PathologyGroup::Neurologique,
        10 => PathologyGroup::Respiratoire,
        1..=22 => PathologyGroup::Autre,
        _ => return None,
    })
}

/// A sick leave (arrêt de travail). Its length counts calendar days with
/// both ends included (LEGAL.md): see [`SickLeave::length_days`].
///
/// ```
/// use cme_pdp::case::{SickLeave, SickLeaveCause};
/// use chrono::NaiveDate;
/// let mut leave = SickLeave::new(
///     NaiveDate::from_ymd_opt(2024, 4, 1).unwrap(),
///     SickLeaveCause::MaladieNonProfessionnelle,
/// );
/// leave.end = NaiveDate::from_ymd_opt(2024, 4, 30);
/// assert_eq!(leave.length_days(), Some(30));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SickLeave {
    /// First day of the sick leave. It selects the version of the legal rules
    /// (LEGAL.md: the thresholds changed for leaves starting after 31 March
    /// 2022).
    pub start: NaiveDate,
    /// Last day of the sick leave (actual or expected); unknown when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
    /// Whether `end` is the expected end of a running leave rather than the
    /// actual one. Omitted from the JSON form when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub end_is_expected: bool,
    /// The cause of the sick leave.
    pub cause: SickLeaveCause,
}

impl SickLeave {
    /// A sick leave from its first day, its end unknown. The struct is
    /// `#[non_exhaustive]` (fields may be added within a format version):
    /// outside this crate, build it here and set the other fields.
    ///
    /// ```
    /// use cme_pdp::case::{SickLeave, SickLeaveCause};
    /// let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 8).unwrap();
    /// let mut leave = SickLeave::new(start, SickLeaveCause::AccidentDuTravail);
    /// leave.end = start.checked_add_days(chrono::Days::new(44));
    /// assert!(!leave.end_is_expected);
    /// ```
    pub fn new(start: NaiveDate, cause: SickLeaveCause) -> Self {
        SickLeave {
            start,
            end: None,
            end_is_expected: false,
            cause,
        }
    }

    /// A sick leave from its first day to its last (both included).
    ///
    /// ```
    /// use cme_pdp::case::{SickLeave, SickLeaveCause};
    /// let d = |m, day| chrono::NaiveDate::from_ymd_opt(2024, m, day).unwrap();
    /// let leave = SickLeave::between(d(4, 1), d(4, 30), SickLeaveCause::MaladieProfessionnelle);
    /// assert_eq!(leave.length_days(), Some(30));
    /// ```
    pub fn between(start: NaiveDate, end: NaiveDate, cause: SickLeaveCause) -> Self {
        SickLeave {
            end: Some(end),
            ..SickLeave::new(start, cause)
        }
    }

    /// Length in calendar days, both ends included, when the end is known.
    ///
    /// ```
    /// use cme_pdp::case::{SickLeave, SickLeaveCause};
    /// use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
    /// let mut one_day = SickLeave::new(d(5, 2), SickLeaveCause::AccidentDuTravail);
    /// one_day.end = Some(d(5, 2));
    /// assert_eq!(one_day.length_days(), Some(1));
    /// ```
    pub fn length_days(&self) -> Option<i64> {
        self.end
            .map(|end| end.signed_duration_since(self.start).num_days() + 1)
    }
}

code_enum! {
    /// Cause of a sick leave (LEGAL.md).
    ///
    /// ```
    /// use cme_pdp::{case::SickLeaveCause, codes::Code};
    /// assert_eq!(SickLeaveCause::ALL.len(), 5);
    /// ```
    pub enum SickLeaveCause: "sick_leave_cause" {
        MaladieNonProfessionnelle = "maladie_non_professionnelle", "Maladie non professionnelle", "Non-occupational illness";
        AccidentNonProfessionnel = "accident_non_professionnel", "Accident non professionnel", "Non-occupational accident";
        AccidentDuTravail = "accident_du_travail", "Accident du travail", "Work accident";
        MaladieProfessionnelle = "maladie_professionnelle", "Maladie professionnelle", "Occupational disease";
        Maternite = "maternite", "Congé de maternité", "Maternity leave";
    }
}

/// How the case reached the cell: the fiche de signalement (DOMAIN.md §3,
/// stages 1–2; seed 004, AIST 63 step 2; seed 001).
///
/// ```
/// use cme_pdp::case::{Signalement, SourceVisit, Signaller};
/// use chrono::NaiveDate;
/// let mut s = Signalement::new(
///     NaiveDate::from_ymd_opt(2024, 1, 15).unwrap(),
///     SourceVisit::PreReprise,
///     Signaller::MedecinDuTravail,
/// );
/// s.worker_agreed = Some(true);
/// assert_eq!(s.source_visit, SourceVisit::PreReprise);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Signalement {
    /// Date of the signalement (the notification to the cell).
    pub date: NaiveDate,
    /// The visit at which the risk was detected (repérage).
    pub source_visit: SourceVisit,
    /// Who signalled the case to the cell.
    pub signalled_by: Signaller,
    /// Who asked for the source visit, when it was asked for (seed 003: by
    /// the médecin traitant, the worker, the médecin conseil…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_by: Option<Requester>,
    /// Whether the worker agreed to the signalement (seed 004, AIST 63
    /// step 2: « feuille de signalement, avec l'accord du salarié »), when
    /// recorded (format version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worker_agreed: Option<bool>,
}

impl Signalement {
    /// A signalement with its required facts (who asked for the visit and
    /// the worker's agreement to be set on the record).
    ///
    /// ```
    /// use cme_pdp::case::{Signalement, Signaller, SourceVisit};
    /// let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 15).unwrap();
    /// let s = Signalement::new(day, SourceVisit::Reprise, Signaller::Idest);
    /// assert!(s.requested_by.is_none());
    /// ```
    pub fn new(date: NaiveDate, source_visit: SourceVisit, signalled_by: Signaller) -> Self {
        Signalement {
            date,
            source_visit,
            signalled_by,
            requested_by: None,
            worker_agreed: None,
        }
    }
}

code_enum! {
    /// The visit at which the risk was detected (DOMAIN.md §3, stage 1;
    /// seeds 003, 004).
    ///
    /// ```
    /// use cme_pdp::{case::SourceVisit, codes::Code};
    /// assert_eq!(SourceVisit::PreReprise.label_fr(), "Visite de pré-reprise");
    /// ```
    pub enum SourceVisit: "source_visit" {
        Embauche = "embauche", "Visite d'embauche", "Pre-employment visit";
        Vip = "vip", "Visite d'information et de prévention (VIP)", "Information and prevention visit (VIP)";
        VisiteIntermediaire = "visite_intermediaire", "Visite intermédiaire (IDEST)", "Intermediate visit (IDEST)";
        VisitePeriodique = "visite_periodique", "Visite périodique", "Periodic visit";
        PreReprise = "pre_reprise", "Visite de pré-reprise", "Pre-return visit (pré-reprise)";
        Reprise = "reprise", "Visite de reprise", "Return-to-work visit (reprise)";
        ALaDemande = "a_la_demande", "Visite à la demande", "Visit on request";
        MiCarriere = "mi_carriere", "Visite de mi-carrière", "Mid-career visit";
        ContactDirect = "contact_direct", "Contact direct du travailleur avec la cellule", "Worker's direct contact with the cell";
        Autre = "autre", "Autre origine", "Other origin";
    }
}

code_enum! {
    /// Who signalled the case to the cell.
    ///
    /// ```
    /// use cme_pdp::{case::Signaller, codes::Code};
    /// assert_eq!(Signaller::from_code("idest"), Some(Signaller::Idest));
    /// ```
    pub enum Signaller: "signaller" {
        MedecinDuTravail = "medecin_du_travail", "Médecin du travail", "Médecin du travail (occupational physician)";
        Idest = "idest", "Infirmier(e) en santé au travail (IDEST)", "Occupational health nurse (IDEST)";
        Salarie = "salarie", "Le travailleur lui-même", "The worker themself";
        AutreMembreEquipe = "autre_membre_equipe", "Autre membre de l'équipe pluridisciplinaire", "Another member of the multidisciplinary team";
        Employeur = "employeur", "L'employeur", "The employer";
        Partenaire = "partenaire", "Un partenaire extérieur (assurance maladie, Cap emploi, CARSAT…)", "An outside partner (health insurance, Cap emploi, CARSAT…)";
    }
}

code_enum! {
    /// Who asked for the source visit (seed 003 counts pré-reprise visits by
    /// requester). The employer can never ask for a pré-reprise visit
    /// (L4624-2-4): that rule belongs to the legal calendar, not to the model.
    ///
    /// ```
    /// use cme_pdp::{case::Requester, codes::Code};
    /// assert_eq!(Requester::MedecinConseil.label_fr(), "Médecin conseil de l'assurance maladie");
    /// ```
    pub enum Requester: "requester" {
        Salarie = "salarie", "Le travailleur", "The worker";
        Employeur = "employeur", "L'employeur", "The employer";
        MedecinDuTravail = "medecin_du_travail", "Médecin du travail", "Médecin du travail (occupational physician)";
        MedecinTraitant = "medecin_traitant", "Médecin traitant", "General practitioner (médecin traitant)";
        MedecinConseil = "medecin_conseil", "Médecin conseil de l'assurance maladie", "Health insurance medical adviser (médecin conseil)";
        MedecinSpecialiste = "medecin_specialiste", "Médecin spécialiste", "Specialist physician";
    }
}

/// A consent given by the worker (seed 004, AIST 63: "votre accord est
/// indispensable"). It covers the accompaniment and/or the sharing of
/// information with named partners, and may be withdrawn from a date.
///
/// ```
/// use cme_pdp::case::{Consent, Partner};
/// use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
/// let mut c = Consent::new(d(2, 1), true);
/// c.sharing_with = vec![Partner::CapEmploi];
/// c.withdrawn_on = Some(d(6, 1));
/// assert!(c.allows_sharing_with(Partner::CapEmploi, d(5, 31)));
/// assert!(!c.allows_sharing_with(Partner::CapEmploi, d(6, 1)));
/// assert!(!c.allows_sharing_with(Partner::Mdph, d(3, 1)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Consent {
    /// Date the consent was given.
    pub given_on: NaiveDate,
    /// Consent to be accompanied by the cell.
    #[serde(default)]
    pub accompaniment: bool,
    /// Partners the cell may share information with.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(length(max = crate::limits::MAX_PARTNERS)))]
    pub sharing_with: Vec<Partner>,
    /// Date from which the consent is withdrawn (it takes effect on that
    /// day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn_on: Option<NaiveDate>,
}

impl Consent {
    /// A consent given on a day, sharing with no partner yet, not
    /// withdrawn. The struct is `#[non_exhaustive]`: outside this crate,
    /// build it here and set the other fields.
    ///
    /// ```
    /// use cme_pdp::case::{Consent, Partner};
    /// let mut consent = Consent::new(chrono::NaiveDate::from_ymd_opt(2024, 3, 11).unwrap(), true);
    /// consent.sharing_with.push(Partner::CapEmploi);
    /// assert!(consent.withdrawn_on.is_none());
    /// ```
    pub fn new(given_on: NaiveDate, accompaniment: bool) -> Self {
        Consent {
            given_on,
            accompaniment,
            sharing_with: Vec::new(),
            withdrawn_on: None,
        }
    }

    /// Whether the consent is in force on `date`: given on or before it and
    /// not withdrawn on or before it.
    ///
    /// ```
    /// use cme_pdp::case::Consent;
    /// use chrono::NaiveDate;
    /// let d = |day| NaiveDate::from_ymd_opt(2024, 1, day).unwrap();
    /// let c = Consent::new(d(10), true);
    /// assert!(!c.in_force_on(d(9)));
    /// assert!(c.in_force_on(d(10)));
    /// ```
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.given_on <= date && self.withdrawn_on.is_none_or(|w| date < w)
    }

    /// Whether this consent allows sharing with `partner` on `date`.
    ///
    /// ```
    /// use cme_pdp::case::{Consent, Partner};
    /// use chrono::NaiveDate;
    /// let d = NaiveDate::from_ymd_opt(2024, 1, 10).unwrap();
    /// let mut c = Consent::new(d, false);
    /// c.sharing_with = vec![Partner::Mdph];
    /// assert!(c.allows_sharing_with(Partner::Mdph, d));
    /// ```
    pub fn allows_sharing_with(&self, partner: Partner, date: NaiveDate) -> bool {
        self.in_force_on(date) && self.sharing_with.contains(&partner)
    }
}

code_enum! {
    /// External partners of the cell (DOMAIN.md §2 and §7; seeds 000, 001,
    /// 004).
    ///
    /// ```
    /// use cme_pdp::{case::Partner, codes::Code};
    /// assert_eq!(Partner::FranceTravail.label_fr(), "France Travail (ex-Pôle emploi)");
    /// ```
    pub enum Partner: "partner" {
        ServiceMedicalAm = "service_medical_am", "Service médical de l'assurance maladie (médecin conseil)", "Health insurance medical service (médecin conseil)";
        Cpam = "cpam", "CPAM", "CPAM";
        CarsatServiceSocial = "carsat_service_social", "Service social de la CARSAT", "CARSAT social service";
        CapEmploi = "cap_emploi", "Cap emploi", "Cap emploi";
        Agefiph = "agefiph", "AGEFIPH", "AGEFIPH";
        Fiphfp = "fiphfp", "FIPHFP", "FIPHFP";
        Mdph = "mdph", "MDPH", "MDPH";
        Oeth = "oeth", "OETH", "OETH";
        FranceTravail = "france_travail", "France Travail (ex-Pôle emploi)", "France Travail (formerly Pôle emploi)";
        MissionLocale = "mission_locale", "Mission locale", "Mission locale";
        Opco = "opco", "OPCO", "OPCO";
        TransitionPro = "transition_pro", "Transition Pro", "Transition Pro";
        Cep = "cep", "Conseil en évolution professionnelle (CEP)", "Career development advice (CEP)";
        BilanCompetences = "bilan_competences", "Bilan de compétences", "Skills assessment (bilan de compétences)";
        CentreDeGestion = "centre_de_gestion", "Centre de gestion (fonction publique)", "Centre de gestion (civil service)";
        Caf = "caf", "CAF", "CAF";
        MedecinTraitant = "medecin_traitant", "Médecin traitant", "General practitioner (médecin traitant)";
        MedecinSpecialiste = "medecin_specialiste", "Médecin spécialiste", "Specialist physician";
        Autre = "autre", "Autre partenaire", "Other partner";
    }
}

code_enum! {
    /// The kinds of dated event in a case's timeline (DOMAIN.md §3).
    ///
    /// ```
    /// use cme_pdp::{case::EventType, codes::Code};
    /// assert_eq!(EventType::Sortie.label_fr(), "Sortie de la cellule");
    /// ```
    pub enum EventType: "event_type" {
        Contact = "contact", "Premier contact du travailleur avec la cellule", "Worker's first contact with the cell";
        AbsenceReponse = "absence_reponse", "Absence de réponse aux appels et courriers", "No answer to calls and letters";
        RefusAccompagnement = "refus_accompagnement", "Refus de l'accompagnement par le travailleur", "Worker refused the accompaniment";
        AnalyseDemande = "analyse_demande", "Analyse de la demande", "Analysis of the request";
        ReferentDesigne = "referent_designe", "Désignation du référent", "Référent assigned";
        EntretienQualification = "entretien_qualification", "Entretien de qualification / recueil d'informations", "Qualification interview / information gathering";
        AvisAttendu = "avis_attendu", "Avis d'expert attendu", "Expert opinion awaited";
        AvisRecu = "avis_recu", "Avis d'expert reçu", "Expert opinion received";
        CommissionPleniere = "commission_pleniere", "Commission plénière", "Plenary commission";
        PlanPropose = "plan_propose", "Plan d'actions proposé", "Action plan proposed";
        PlanAccepte = "plan_accepte", "Plan d'actions accepté", "Action plan accepted";
        PlanRefuse = "plan_refuse", "Plan d'actions refusé", "Action plan refused";
        ActionPartenaire = "action_partenaire", "Action avec un partenaire", "Action with a partner";
        Sortie = "sortie", "Sortie de la cellule", "Exit from the cell";
        Suivi = "suivi", "Suivi après la sortie", "Follow-up after the exit";
        Reouverture = "reouverture", "Réouverture du dossier", "Case re-opened";
    }
}

/// A dated event of the timeline. The JSON form is an object with a `type`
/// (an [`EventType`] code), a `date` and the fields of that type.
///
/// ```
/// use cme_pdp::case::{Event, EventType, ExitResult};
/// let e: Event = serde_json::from_str(
///     r#"{"type": "sortie", "date": "2024-09-30", "result": "amenagement_poste"}"#).unwrap();
/// assert_eq!(e.event_type(), EventType::Sortie);
/// assert_eq!(e.date().to_string(), "2024-09-30");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", deny_unknown_fields)]
#[non_exhaustive]
pub enum Event {
    /// The worker contacts the cell or is reached by it (seed 000: "s'il le
    /// souhaite"; seed 004, AIST 63: within 15 days of the notification).
    #[serde(rename = "contact")]
    Contact {
        /// Date of the event.
        date: NaiveDate,
    },
    /// The worker does not answer calls and mails (→ *sans suite*, seed 001).
    #[serde(rename = "absence_reponse")]
    AbsenceReponse {
        /// Date of the event.
        date: NaiveDate,
    },
    /// The worker declines the accompaniment (→ *sans suite*, seed 001;
    /// "refus d'intégration", seed 004 AIST 43).
    #[serde(rename = "refus_accompagnement")]
    RefusAccompagnement {
        /// Date of the event.
        date: NaiveDate,
    },
    /// The request is analysed (by the assistant, seed 000, or the COPIL,
    /// seed 001).
    #[serde(rename = "analyse_demande")]
    AnalyseDemande {
        /// Date of the event.
        date: NaiveDate,
        /// Whether a simple solution was identified (an inclusion criterion,
        /// seed 001: "absence de solution simple").
        #[serde(default, skip_serializing_if = "Option::is_none")]
        simple_solution: Option<bool>,
    },
    /// A référent is assigned to the case (seed 001, COPIL).
    #[serde(rename = "referent_designe")]
    ReferentDesigne {
        /// Date of the event.
        date: NaiveDate,
        /// Role of the référent in the cell.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        role: Option<CellRole>,
        /// Pseudonymous id of the référent (format version 2; never a
        /// name): the cell's worklists are grouped by it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(
            feature = "schema",
            schemars(length(min = 1, max = 64), pattern(r"^[A-Za-z0-9._-]+$"))
        )]
        referent: Option<String>,
    },
    /// Qualification interview / collection of information (seed 002 step 2;
    /// seed 004, AST BTP).
    #[serde(rename = "entretien_qualification")]
    EntretienQualification {
        /// Date of the event.
        date: NaiveDate,
    },
    /// An expert opinion is expected (inclusion criterion, seed 001).
    #[serde(rename = "avis_attendu")]
    AvisAttendu {
        /// Date of the event.
        date: NaiveDate,
        /// Whose opinion.
        expertise: Expertise,
    },
    /// An expected expert opinion was received.
    #[serde(rename = "avis_recu")]
    AvisRecu {
        /// Date of the event.
        date: NaiveDate,
        /// Whose opinion.
        expertise: Expertise,
    },
    /// Review in the weekly plenary commission (seeds 001, 002 step 3).
    #[serde(rename = "commission_pleniere")]
    CommissionPleniere {
        /// Date of the event.
        date: NaiveDate,
    },
    /// An action plan is proposed to the worker and the médecin du travail.
    #[serde(rename = "plan_propose")]
    PlanPropose {
        /// Date of the event.
        date: NaiveDate,
    },
    /// The worker accepts the action plan (seed 002: nothing starts without
    /// it).
    #[serde(rename = "plan_accepte")]
    PlanAccepte {
        /// Date of the event.
        date: NaiveDate,
    },
    /// The worker refuses the action plan.
    #[serde(rename = "plan_refuse")]
    PlanRefuse {
        /// Date of the event.
        date: NaiveDate,
    },
    /// An action carried out with a partner.
    #[serde(rename = "action_partenaire")]
    ActionPartenaire {
        /// Date of the event.
        date: NaiveDate,
        /// The partner.
        partner: Partner,
    },
    /// The worker leaves the cell, with the result (seed 004, AIST 43).
    #[serde(rename = "sortie")]
    Sortie {
        /// Date of the event.
        date: NaiveDate,
        /// The exit result; required (an exit without a result is reported
        /// by validation and refused by the pathway).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        result: Option<ExitResult>,
        /// For an `inaptitude` result: whether it was followed by a dismissal
        /// (seed 003 counts "inaptitudes avec licenciement").
        #[serde(default, skip_serializing_if = "Option::is_none")]
        dismissal: Option<bool>,
        /// For an `inaptitude` result: whether it was prepared with a
        /// transition plan (*inaptitude construite*, seed 001).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        prepared: Option<bool>,
    },
    /// The case is re-opened after its exit or a refusal (format version
    /// 2): the accompaniment starts again; the earlier exit is kept.
    #[serde(rename = "reouverture")]
    Reouverture {
        /// Date of the event.
        date: NaiveDate,
    },
    /// A follow-up after the exit (seed 002: 6 months and 1 year; AST BTP:
    /// 1 year; MT2i: 12 to 24 months).
    #[serde(rename = "suivi")]
    Suivi {
        /// Date of the event.
        date: NaiveDate,
        /// Whether the worker is still in employment; unknown when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        still_employed: Option<bool>,
    },
}

impl Event {
    /// The date of the event.
    ///
    /// ```
    /// use cme_pdp::case::Event;
    /// use chrono::NaiveDate;
    /// let d = NaiveDate::from_ymd_opt(2024, 2, 2).unwrap();
    /// assert_eq!(Event::Contact { date: d }.date(), d);
    /// ```
    pub fn date(&self) -> NaiveDate {
        match self {
            Event::Contact { date }
            | Event::AbsenceReponse { date }
            | Event::RefusAccompagnement { date }
            | Event::AnalyseDemande { date, .. }
            | Event::ReferentDesigne { date, .. }
            | Event::EntretienQualification { date }
            | Event::AvisAttendu { date, .. }
            | Event::AvisRecu { date, .. }
            | Event::CommissionPleniere { date }
            | Event::PlanPropose { date }
            | Event::PlanAccepte { date }
            | Event::PlanRefuse { date }
            | Event::ActionPartenaire { date, .. }
            | Event::Sortie { date, .. }
            | Event::Suivi { date, .. }
            | Event::Reouverture { date } => *date,
        }
    }

    /// The type code of the event.
    ///
    /// ```
    /// use cme_pdp::case::{Event, EventType};
    /// use chrono::NaiveDate;
    /// let d = NaiveDate::from_ymd_opt(2024, 2, 2).unwrap();
    /// assert_eq!(Event::PlanAccepte { date: d }.event_type(), EventType::PlanAccepte);
    /// ```
    pub fn event_type(&self) -> EventType {
        match self {
            Event::Contact { .. } => EventType::Contact,
            Event::AbsenceReponse { .. } => EventType::AbsenceReponse,
            Event::RefusAccompagnement { .. } => EventType::RefusAccompagnement,
            Event::AnalyseDemande { .. } => EventType::AnalyseDemande,
            Event::ReferentDesigne { .. } => EventType::ReferentDesigne,
            Event::EntretienQualification { .. } => EventType::EntretienQualification,
            Event::AvisAttendu { .. } => EventType::AvisAttendu,
            Event::AvisRecu { .. } => EventType::AvisRecu,
            Event::CommissionPleniere { .. } => EventType::CommissionPleniere,
            Event::PlanPropose { .. } => EventType::PlanPropose,
            Event::PlanAccepte { .. } => EventType::PlanAccepte,
            Event::PlanRefuse { .. } => EventType::PlanRefuse,
            Event::ActionPartenaire { .. } => EventType::ActionPartenaire,
            Event::Sortie { .. } => EventType::Sortie,
            Event::Suivi { .. } => EventType::Suivi,
            Event::Reouverture { .. } => EventType::Reouverture,
        }
    }
}

code_enum! {
    /// Members of the cell who may be référent (DOMAIN.md §2).
    ///
    /// ```
    /// use cme_pdp::{case::CellRole, codes::Code};
    /// assert_eq!(CellRole::ChargeMaintien.code(), "charge_maintien");
    /// ```
    pub enum CellRole: "cell_role" {
        ChargeMaintien = "charge_maintien", "Chargé(e) de maintien en emploi", "Job retention officer (chargé(e) de maintien en emploi)";
        MedecinDuTravail = "medecin_du_travail", "Médecin du travail", "Médecin du travail (occupational physician)";
        Idest = "idest", "Infirmier(e) en santé au travail", "Occupational health nurse";
        Assistant = "assistant", "Assistant(e) de la cellule", "Cell assistant";
        Psychologue = "psychologue", "Psychologue du travail", "Occupational psychologist";
        AssistantSocial = "assistant_social", "Assistant(e) social(e)", "Social worker";
        Ergonome = "ergonome", "Ergonome", "Ergonomist";
        Iprp = "iprp", "IPRP", "IPRP (occupational risk prevention specialist)";
        ConseillerOrientation = "conseiller_orientation", "Conseiller(ère) en orientation", "Career guidance adviser";
        Atst = "atst", "Assistant(e) technique en santé au travail", "Occupational health technical assistant";
    }
}

code_enum! {
    /// Whose expert opinion is expected or received (seed 001: inclusion
    /// needs at least 2 expected opinions; seed 002 step 3).
    ///
    /// ```
    /// use cme_pdp::{case::Expertise, codes::Code};
    /// assert!(Expertise::from_code("ergonome").is_some());
    /// ```
    pub enum Expertise: "expertise" {
        Ergonome = "ergonome", "Ergonome (étude de poste)", "Ergonomist (workstation study)";
        Psychologue = "psychologue", "Psychologue du travail", "Occupational psychologist";
        AssistantSocial = "assistant_social", "Assistant(e) social(e)", "Social worker";
        MedecinSpecialiste = "medecin_specialiste", "Médecin spécialiste", "Specialist physician";
        MedecinConseil = "medecin_conseil", "Médecin conseil", "Medical adviser (médecin conseil)";
        TechnicienRetraite = "technicien_retraite", "Technicien retraite", "Pension adviser";
        ConseillerOrientation = "conseiller_orientation", "Conseiller(ère) en orientation", "Career guidance adviser";
        CapEmploi = "cap_emploi", "Cap emploi", "Cap emploi";
        Autre = "autre", "Autre expertise", "Other expertise";
    }
}

code_enum! {
    /// Result of the exit from the cell (DOMAIN.md §5; seed 004, AIST 43's
    /// table; seeds 000 and 002 add retirement and other social solutions).
    /// Whether a result counts as positive, negative or neither is a policy
    /// choice, not part of the code.
    ///
    /// ```
    /// use cme_pdp::{case::ExitResult, codes::Code};
    /// assert_eq!(ExitResult::Inaptitude.label_fr(), "Inaptitude");
    /// ```
    pub enum ExitResult: "exit_result" {
        AmenagementPoste = "amenagement_poste", "Aménagement du poste", "Workstation adjustment";
        ChangementPosteInterne = "changement_poste_interne", "Changement de poste interne", "Internal change of job";
        ChangementPosteExterne = "changement_poste_externe", "Changement de poste externe", "External change of job";
        EmbaucheCdi = "embauche_cdi", "Embauche CDI", "Permanent contract (CDI) hiring";
        Reconversion = "reconversion", "Reconversion", "Retraining";
        CreationEntreprise = "creation_entreprise", "Création d'entreprise", "Business creation";
        Inaptitude = "inaptitude", "Inaptitude", "Unfitness (inaptitude)";
        Invalidite = "invalidite", "Invalidité", "Invalidity";
        Retraite = "retraite", "Départ à la retraite", "Retirement";
        AutreSolutionSociale = "autre_solution_sociale", "Autre solution sociale", "Other social solution";
        PerduDeVue = "perdu_de_vue", "Perdu de vue", "Lost to follow-up (perdu de vue)";
    }
}

code_enum! {
    /// The four accompaniment categories (seed 001, slide "Quelques
    /// chiffres").
    ///
    /// ```
    /// use cme_pdp::{case::Category, codes::Code};
    /// assert_eq!(Category::InfoConseils.label_fr(), "Info/conseils");
    /// ```
    pub enum Category: "category" {
        SansSuite = "sans_suite", "Sans suite", "No follow-through (sans suite)";
        InfoConseils = "info_conseils", "Info/conseils", "Information/advice";
        Facilitation = "facilitation", "Facilitation", "Facilitation";
        Ingenierie = "ingenierie", "Ingénierie", "Engineering (ingénierie)";
    }
}

/// The team's choice of category, kept with its written justification
/// (seed 001; DOMAIN.md §4). The justification is shown with the decision
/// and never copied into an error message.
///
/// ```
/// use cme_pdp::case::{Category, CategoryOverride};
/// use chrono::NaiveDate;
/// let o = CategoryOverride::new(
///     Category::Ingenierie,
///     "Plusieurs employeurs successifs à coordonner",
///     NaiveDate::from_ymd_opt(2024, 5, 2).unwrap(),
/// );
/// assert_eq!(o.category, Category::Ingenierie);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CategoryOverride {
    /// The category chosen by the team.
    pub category: Category,
    /// Why (free text, up to 2,000 characters; may not be empty).
    #[cfg_attr(feature = "schema", schemars(length(min = 1, max = 2000)))]
    pub justification: String,
    /// When the team decided it.
    pub decided_on: NaiveDate,
}

impl CategoryOverride {
    /// The team's choice of a category, with its justification and date.
    ///
    /// ```
    /// use cme_pdp::case::{Category, CategoryOverride};
    /// let day = chrono::NaiveDate::from_ymd_opt(2024, 5, 2).unwrap();
    /// let o = CategoryOverride::new(Category::Facilitation, "Aménagement simple", day);
    /// assert_eq!(o.decided_on, day);
    /// ```
    pub fn new(
        category: Category,
        justification: impl Into<String>,
        decided_on: NaiveDate,
    ) -> Self {
        CategoryOverride {
            category,
            justification: justification.into(),
            decided_on,
        }
    }
}

impl Case {
    /// The pseudonymous id of the last référent designated by a date, if
    /// the designation names one (what the worklists group by and the
    /// documents name).
    ///
    /// ```
    /// use cme_pdp::case::{Case, Event};
    /// let d = |day| chrono::NaiveDate::from_ymd_opt(2024, 4, day).unwrap();
    /// let mut case = cme_pdp::sample::sample_cases().unwrap().remove(0);
    /// case.events = vec![
    ///     Event::ReferentDesigne { date: d(8), role: None, referent: Some("R-7".into()) },
    ///     Event::ReferentDesigne { date: d(20), role: None, referent: Some("R-9".into()) },
    /// ];
    /// assert_eq!(case.referent_on(d(10)).as_deref(), Some("R-7"));
    /// assert_eq!(case.referent_on(d(20)).as_deref(), Some("R-9"));
    /// assert_eq!(case.referent_on(d(7)), None);
    /// ```
    pub fn referent_on(&self, as_of: NaiveDate) -> Option<String> {
        self.events
            .iter()
            .filter_map(|e| match e {
                Event::ReferentDesigne {
                    date,
                    referent: Some(r),
                    ..
                } if *date <= as_of => Some((*date, r)),
                _ => None,
            })
            .max_by_key(|(date, _)| *date)
            .map(|(_, r)| r.clone())
    }

    /// The sorted timeline: events by date, ties kept in input order.
    ///
    /// ```
    /// let case = cme_pdp::sample::sample_cases().unwrap().remove(0);
    /// let dates: Vec<_> = case.timeline().iter().map(|e| e.date()).collect();
    /// assert!(dates.windows(2).all(|w| w[0] <= w[1]));
    /// ```
    pub fn timeline(&self) -> Vec<&Event> {
        let mut events: Vec<&Event> = self.events.iter().collect();
        events.sort_by_key(|e| e.date());
        events
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::Code;

    fn all_labels<C: Code + std::fmt::Debug>() {
        for c in C::ALL {
            assert!(!c.label_fr().is_empty(), "{} has no label", c.code());
            assert!(
                c.code()
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_'),
                "{} is not snake_case",
                c.code()
            );
            assert_eq!(C::from_code(c.code()), Some(*c));
            // serde name == code
            let json = serde_json::to_string(&c.code()).unwrap();
            assert_eq!(json, format!("\"{}\"", c.code()));
        }
    }

    #[test]
    fn every_code_is_snake_case_with_a_label() {
        all_labels::<Nomenclature>();
        all_labels::<EmployerKind>();
        all_labels::<RqthStatus>();
        all_labels::<PathologyGroup>();
        all_labels::<SickLeaveCause>();
        all_labels::<SourceVisit>();
        all_labels::<Signaller>();
        all_labels::<Requester>();
        all_labels::<Partner>();
        all_labels::<EventType>();
        all_labels::<CellRole>();
        all_labels::<Expertise>();
        all_labels::<ExitResult>();
        all_labels::<Category>();
    }

    #[test]
    fn serde_names_are_the_codes() {
        for c in ExitResult::ALL {
            assert_eq!(
                serde_json::to_value(c).unwrap(),
                serde_json::Value::String(c.code().into())
            );
        }
    }

    #[test]
    fn pathology_groups_cover_the_chapters() {
        for ch in 1..=22u8 {
            assert!(pathology_group(ch).is_some());
        }
        assert_eq!(pathology_group(0), None);
        assert_eq!(pathology_group(9), Some(PathologyGroup::Cardiovasculaire));
    }

    #[test]
    fn naf_sections() {
        assert_eq!(Nomenclature::NafRev2.sections().len(), 21);
        assert!(!Nomenclature::NafRev2.sections().contains(&"V"));
        assert!(Nomenclature::Naf2025.sections().contains(&"V"));
        // every letter of a nomenclature has its names, and only those
        for n in Nomenclature::ALL {
            for letter in n.sections() {
                let (fr, en) = n.section_label(letter).unwrap_or(("", ""));
                assert!(!fr.is_empty() && !en.is_empty(), "{letter}");
            }
            assert_eq!(NAF_REV2_SECTIONS.len() + 1, NAF_2025_SECTIONS.len());
        }
        // the letters shift from J (LEGAL.md): J of rév. 2 is K's content
        // split; Q (health) of rév. 2 is R in NAF 2025
        assert_eq!(
            Nomenclature::NafRev2.section_label("J").map(|l| l.0),
            Some("Information et communication")
        );
        assert_eq!(
            Nomenclature::Naf2025.section_label("Q").map(|l| l.0),
            Some("Enseignement")
        );
        assert_eq!(
            Nomenclature::Naf2025.section_label("V").map(|l| l.0),
            Some("Activités des organisations et organismes extraterritoriaux")
        );
    }
}

code_enum! {
    /// The visit rules around a sick leave.
    ///
    /// ```
    /// use cme_pdp::{case::VisitRule, codes::Code};
    /// assert_eq!(VisitRule::PreReprise.code(), "pre_reprise");
    /// ```
    pub enum VisitRule: "visit_rule" {
        RendezVousLiaison = "rendez_vous_liaison", "Rendez-vous de liaison", "Liaison meeting (rendez-vous de liaison)";
        PreReprise = "pre_reprise", "Visite de pré-reprise", "Pre-return visit (pré-reprise)";
        Reprise = "reprise", "Visite de reprise", "Return-to-work visit (reprise)";
        MiCarriere = "mi_carriere", "Visite de mi-carrière", "Mid-career visit";
    }
}

code_enum! {
    /// Who performed a visit.
    ///
    /// ```
    /// use cme_pdp::{case::Professional, codes::Code};
    /// assert_eq!(Professional::InfirmierDelegation.code(), "infirmier_delegation");
    /// ```
    pub enum Professional: "professional" {
        MedecinDuTravail = "medecin_du_travail", "Médecin du travail", "Médecin du travail (occupational physician)";
        InfirmierDelegation = "infirmier_delegation", "Infirmier en santé au travail, par délégation (protocole écrit)", "Occupational health nurse, by delegation (written protocol)";
    }
}

/// A visit (or a rendez-vous de liaison) that took place.
///
/// ```
/// use cme_pdp::case::{Professional, VisitRecord, VisitRule};
/// let mut v = VisitRecord::new(VisitRule::Reprise, chrono::NaiveDate::from_ymd_opt(2024, 5, 2).unwrap());
/// v.done_by = Some(Professional::MedecinDuTravail);
/// assert_eq!(v.kind, VisitRule::Reprise);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct VisitRecord {
    /// Which visit.
    pub kind: VisitRule,
    /// Its date.
    pub date: NaiveDate,
    /// Who performed it (a medical visit; not for a rendez-vous de liaison).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_by: Option<Professional>,
    /// For a pré-reprise visit: who asked for it (L4624-2-4: the worker,
    /// the médecin traitant, the médecin conseil and, since 31 March 2022,
    /// the médecin du travail; never the employer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_by: Option<Requester>,
    /// Whether it was held remotely (télésanté).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub remote: bool,
    /// Whether an avis d'inaptitude was issued at it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub avis_inaptitude: bool,
    /// For a pré-reprise visit: the day the worker objected to the
    /// médecin du travail's recommendations being sent to the employer and
    /// the médecin conseil (R4624-30: « sauf si le travailleur s'y
    /// oppose »), on or after the visit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objection_on: Option<NaiveDate>,
    /// Pseudonymous id of the médecin du travail who held it, when not the
    /// one who follows the worker (never a name): the list of pré-reprise
    /// visits AST BTP sends twice a month goes to the doctor who held them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "schema",
        schemars(length(min = 1, max = 64), pattern(r"^[A-Za-z0-9._-]+$"))
    )]
    pub doctor: Option<String>,
}

impl VisitRecord {
    /// A visit that took place on a day (who performed it, remote,
    /// inaptitude and objection to be set on the record).
    ///
    /// ```
    /// use cme_pdp::case::{VisitRecord, VisitRule};
    /// let v = VisitRecord::new(VisitRule::PreReprise, chrono::NaiveDate::from_ymd_opt(2024, 3, 4).unwrap());
    /// assert!(!v.remote && v.done_by.is_none());
    /// ```
    pub fn new(kind: VisitRule, date: NaiveDate) -> Self {
        VisitRecord {
            kind,
            date,
            done_by: None,
            requested_by: None,
            remote: false,
            avis_inaptitude: false,
            objection_on: None,
            doctor: None,
        }
    }
}

code_enum! {
    /// The measures of the law a cell mobilises to keep a worker in
    /// employment or prepare a transition (DOMAIN.md §3; LEGAL.md): the
    /// essai encadré (Code de la sécurité sociale, L323-3-1), the
    /// convention de rééducation professionnelle en entreprise (L5213-3-1,
    /// L1226-1-4) and the projet de transition professionnelle
    /// (L6323-17-2).
    ///
    /// ```
    /// use cme_pdp::{case::MeasureKind, codes::Code};
    /// assert_eq!(MeasureKind::Crpe.code(), "crpe");
    /// ```
    pub enum MeasureKind: "measure_kind" {
        EssaiEncadre = "essai_encadre", "Essai encadré", "Supervised trial (essai encadré)";
        Crpe = "crpe", "Convention de rééducation professionnelle en entreprise (CRPE)", "In-company vocational rehabilitation agreement (CRPE)";
        TransitionProfessionnelle = "transition_professionnelle", "Projet de transition professionnelle", "Career transition project";
    }
}

/// A measure of the law mobilised for the worker: which, since when and,
/// once it has ended, until when (format version 2).
///
/// ```
/// use cme_pdp::case::{MeasureKind, MeasureRecord};
/// let m: MeasureRecord = serde_json::from_str(
///     r#"{"measure": "essai_encadre", "start": "2024-03-04", "end": "2024-03-18"}"#).unwrap();
/// assert_eq!(m.measure, MeasureKind::EssaiEncadre);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct MeasureRecord {
    /// Which measure.
    pub measure: MeasureKind,
    /// The day it started (the essai's first day, the convention's or the
    /// project's start).
    pub start: NaiveDate,
    /// The day it ended, when it has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
}

impl MeasureRecord {
    /// A measure started on a day, not ended.
    ///
    /// ```
    /// use cme_pdp::case::{MeasureKind, MeasureRecord};
    /// let m = MeasureRecord::new(MeasureKind::Crpe, chrono::NaiveDate::from_ymd_opt(2024, 5, 2).unwrap());
    /// assert!(m.end.is_none());
    /// ```
    pub fn new(measure: MeasureKind, start: NaiveDate) -> Self {
        MeasureRecord {
            measure,
            start,
            end: None,
        }
    }
}
