//! The bibliography: every source an output of cme may cite.
//!
//! A médecin du travail must be able to look up every source cme gives. An
//! output cites one of three things, and nothing else:
//!
//! - an **article** of a code, by its number and the date of the version
//!   applied ([`ARTICLES`] lists every article cme cites, with the periods
//!   of its versions and the text that made each one);
//! - a **document** of the project's bibliography ([`DOCUMENTS`], printed in
//!   `docs/sources.md`: each by title, author and date), among them the
//!   services' own documents that the presets reproduce and the page of the
//!   project's own readings ([`CME_READINGS`]) where cme states a choice the
//!   texts leave open;
//! - the **policy** of the service (its id and content hash).
//!
//! [`resolve`] checks a source against this list; a test runs it over every
//! source of every output of every conformance vector.
//!
//! ```
//! use cme_pdp::explain::Source;
//! use cme_pdp::sources::{resolve, Resolved};
//! let s = Source::ct("L4624-2-4", "2022-03-31");
//! assert!(matches!(resolve(&s), Ok(Resolved::Article(a)) if a.number == "L4624-2-4"));
//! assert!(resolve(&Source::document("aist43_bilan_2020", "statuts")).is_ok());
//! ```

use serde::{Deserialize, Serialize};

/// A code of law.
///
/// ```
/// assert_eq!(cme_pdp::sources::LegalCode::Travail.name(), "Code du travail");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LegalCode {
    /// Code du travail.
    Travail,
    /// Code de la sécurité sociale.
    SecuriteSociale,
}

impl LegalCode {
    /// The code's name, as cited.
    pub const fn name(self) -> &'static str {
        match self {
            LegalCode::Travail => "Code du travail",
            LegalCode::SecuriteSociale => "Code de la sécurité sociale",
        }
    }

    /// The prefix of an article id of this code (`ct`, `css`).
    pub const fn prefix(self) -> &'static str {
        match self {
            LegalCode::Travail => "ct",
            LegalCode::SecuriteSociale => "css",
        }
    }
}

/// One version of an article: the period it applies on (`[from, to)`) and
/// the text that made it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ArticleVersion {
    /// First day (ISO).
    pub from: &'static str,
    /// First day it no longer applies (`None`: in force).
    pub to: Option<&'static str>,
    /// The text that created or rewrote it.
    pub by: &'static str,
}

/// An article cme cites, with its versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Article {
    /// The code.
    pub code: LegalCode,
    /// Its number (`L4624-2-4`).
    pub number: &'static str,
    /// What it is about, in French.
    pub subject: &'static str,
    /// Its versions that cme cites.
    pub versions: &'static [ArticleVersion],
}

const fn v(from: &'static str, to: Option<&'static str>, by: &'static str) -> ArticleVersion {
    ArticleVersion { from, to, by }
}

const LOI_2021: &str = "loi n° 2021-1018 du 2 août 2021";
const D_2022_372: &str = "décret n° 2022-372 du 16 mars 2022";
const D_2022_373: &str = "décret n° 2022-373 du 16 mars 2022";
const D_2022_1435: &str = "décret n° 2022-1435 du 15 novembre 2022";
const D_2016: &str = "décret n° 2016-1908 du 27 décembre 2016";
const D_2012: &str = "décret n° 2012-135 du 30 janvier 2012";

/// Every article cme cites.
pub const ARTICLES: &[Article] = &[
    Article {
        code: LegalCode::Travail,
        number: "L1226-1-3",
        subject: "rendez-vous de liaison",
        versions: &[v("2022-03-31", None, LOI_2021)],
    },
    Article {
        code: LegalCode::Travail,
        number: "D1226-8-1",
        subject: "rendez-vous de liaison : absence de plus de 30 jours",
        versions: &[v("2022-03-31", None, D_2022_373)],
    },
    Article {
        code: LegalCode::Travail,
        number: "D4622-54",
        subject: "données d'activité par entreprise adhérente de plus de 300 salariés, transmises à son comité social et économique",
        versions: &[v("2022-11-17", None, D_2022_1435)],
    },
    Article {
        code: LegalCode::Travail,
        number: "L1226-1-4",
        subject: "CRPE pendant l'arrêt de travail",
        versions: &[v("2022-03-31", None, LOI_2021)],
    },
    Article {
        code: LegalCode::Travail,
        number: "L1226-4",
        subject: "inaptitude non professionnelle : reprise du salaire à un mois",
        versions: &[v("2017-01-01", None, "loi n° 2016-1088 du 8 août 2016")],
    },
    Article {
        code: LegalCode::Travail,
        number: "L1226-11",
        subject: "inaptitude professionnelle : reprise du salaire à un mois",
        versions: &[v("2017-01-01", None, "loi n° 2016-1088 du 8 août 2016")],
    },
    Article {
        code: LegalCode::Travail,
        number: "L4622-8-1",
        subject: "cellule de prévention de la désinsertion professionnelle",
        versions: &[v("2022-03-31", None, LOI_2021)],
    },
    Article {
        code: LegalCode::Travail,
        number: "L4624-2-2",
        subject: "visite de mi-carrière",
        versions: &[v("2022-03-31", None, LOI_2021)],
    },
    Article {
        code: LegalCode::Travail,
        number: "L4624-2-3",
        subject: "visite de reprise",
        versions: &[v("2022-03-31", None, LOI_2021)],
    },
    Article {
        code: LegalCode::Travail,
        number: "L4624-2-4",
        subject: "visite de pré-reprise : qui peut la demander",
        versions: &[v("2022-03-31", None, LOI_2021)],
    },
    Article {
        code: LegalCode::Travail,
        number: "L4624-3",
        subject: "mesures individuelles proposées par le médecin du travail",
        versions: &[v("2017-01-01", None, "loi n° 2016-1088 du 8 août 2016")],
    },
    Article {
        code: LegalCode::Travail,
        number: "L5212-13",
        subject: "bénéficiaires de l'obligation d'emploi des travailleurs handicapés",
        versions: &[v("2005-02-12", None, "loi n° 2005-102 du 11 février 2005")],
    },
    Article {
        code: LegalCode::Travail,
        number: "L5213-1",
        subject: "RQTH",
        versions: &[v("2020-01-01", None, "loi n° 2018-771 du 5 septembre 2018")],
    },
    Article {
        code: LegalCode::Travail,
        number: "L5213-3-1",
        subject: "CRPE",
        versions: &[
            v(
                "2012-07-01",
                Some("2022-03-31"),
                "loi n° 2005-102 du 11 février 2005 (version antérieure : travailleurs handicapés)",
            ),
            v("2022-03-31", None, LOI_2021),
        ],
    },
    Article {
        code: LegalCode::Travail,
        number: "R5213-15",
        subject: "durée de la CRPE",
        versions: &[
            v("2012-07-01", Some("2022-03-31"), "version antérieure"),
            v("2022-03-31", None, D_2022_373),
        ],
    },
    Article {
        code: LegalCode::Travail,
        number: "L6323-17-2",
        subject: "projet de transition professionnelle : condition d'ancienneté et exceptions",
        versions: &[v("2022-03-31", None, LOI_2021)],
    },
    Article {
        code: LegalCode::Travail,
        number: "D6323-9",
        subject: "projet de transition professionnelle : absence de 6 mois",
        versions: &[v("2022-03-31", None, D_2022_373)],
    },
    Article {
        code: LegalCode::Travail,
        number: "R4624-20",
        subject: "visite de pré-reprise (numérotation antérieure au 1er janvier 2017)",
        versions: &[v("2012-07-01", Some("2017-01-01"), D_2012)],
    },
    Article {
        code: LegalCode::Travail,
        number: "R4624-22",
        subject: "visite de reprise : cas (numérotation antérieure au 1er janvier 2017)",
        versions: &[v("2012-07-01", Some("2017-01-01"), D_2012)],
    },
    Article {
        code: LegalCode::Travail,
        number: "R4624-23",
        subject: "visite de reprise : délai (numérotation antérieure au 1er janvier 2017)",
        versions: &[v("2012-07-01", Some("2017-01-01"), D_2012)],
    },
    Article {
        code: LegalCode::Travail,
        number: "R4624-29",
        subject: "visite de pré-reprise",
        versions: &[
            v("2017-01-01", Some("2022-03-31"), D_2016),
            v("2022-03-31", None, D_2022_372),
        ],
    },
    Article {
        code: LegalCode::Travail,
        number: "R4624-30",
        subject: "recommandations de la visite de pré-reprise ; opposition du travailleur",
        versions: &[
            v("2017-01-01", Some("2022-03-31"), D_2016),
            v("2022-03-31", None, D_2022_372),
        ],
    },
    Article {
        code: LegalCode::Travail,
        number: "R4624-31",
        subject: "visite de reprise : cas et délai",
        versions: &[
            v("2017-01-01", Some("2022-03-31"), D_2016),
            v("2022-03-31", None, D_2022_372),
        ],
    },
    Article {
        code: LegalCode::Travail,
        number: "R4624-32",
        subject: "visite de reprise : objet",
        versions: &[v("2017-01-01", None, D_2016)],
    },
    Article {
        code: LegalCode::Travail,
        number: "R4624-42",
        subject: "avis d'inaptitude : conditions",
        versions: &[v("2017-01-01", None, D_2016)],
    },
    Article {
        code: LegalCode::Travail,
        number: "R4623-14",
        subject: "délégation à l'infirmier en santé au travail (protocole écrit)",
        versions: &[v("2022-04-28", None, "décret n° 2022-679 du 26 avril 2022")],
    },
    Article {
        code: LegalCode::Travail,
        number: "R4624-41-1",
        subject: "visites par télésanté",
        versions: &[v("2022-04-28", None, "décret n° 2022-679 du 26 avril 2022")],
    },
    Article {
        code: LegalCode::Travail,
        number: "D4624-59",
        subject: "salarié multi-employeurs : service de l'employeur principal",
        versions: &[v("2023-07-02", None, "décret n° 2023-547 du 30 juin 2023")],
    },
    Article {
        code: LegalCode::Travail,
        number: "D4624-63",
        subject: "salarié multi-employeurs : qui demande la visite de reprise",
        versions: &[v("2023-07-02", None, "décret n° 2023-547 du 30 juin 2023")],
    },
    Article {
        code: LegalCode::Travail,
        number: "L3133-1",
        subject: "jours fériés",
        versions: &[v(
            "2008-05-01",
            None,
            "ordonnance n° 2007-329 du 12 mars 2007",
        )],
    },
    Article {
        code: LegalCode::SecuriteSociale,
        number: "L323-3-1",
        subject: "essai encadré",
        versions: &[v("2022-03-31", None, LOI_2021)],
    },
    Article {
        code: LegalCode::SecuriteSociale,
        number: "D323-6",
        subject: "essai encadré : durée (14 jours ouvrables, renouvelable une fois)",
        versions: &[v("2022-03-31", None, D_2022_372)],
    },
    Article {
        code: LegalCode::SecuriteSociale,
        number: "D323-6-1",
        subject: "essai encadré : maintien des indemnités journalières",
        versions: &[v("2022-03-31", None, D_2022_372)],
    },
    Article {
        code: LegalCode::SecuriteSociale,
        number: "D323-6-3",
        subject: "essai encadré : évaluation préalable par le service social de la Carsat",
        versions: &[v("2022-03-31", None, D_2022_372)],
    },
    Article {
        code: LegalCode::SecuriteSociale,
        number: "L341-1",
        subject: "pension d'invalidité",
        versions: &[v("2017-01-01", None, "version en vigueur")],
    },
];

/// A document of the project's bibliography (`docs/sources.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Document {
    /// Stable id, cited by outputs.
    pub id: &'static str,
    /// Title.
    pub title: &'static str,
    /// Author (a service, an institution).
    pub author: &'static str,
    /// Date (or year) of the document.
    pub date: &'static str,
    /// What it is (slides, leaflet, article, report).
    pub kind: &'static str,
}

/// The page of `docs/sources.md` where the project states its own readings
/// (a choice the texts leave open, a definition cme needs): cited by id.
pub const CME_READINGS: &str = "cme_lectures";

/// Every document an output may cite.
pub const DOCUMENTS: &[Document] = &[
    Document { id: "asmt65_plaquette", title: "La cellule maintien en emploi", author: "ASMT 65 (Hautes-Pyrénées)", date: "non datée, vers 2021", kind: "plaquette" },
    Document { id: "aismt13_fonctionnement", title: "Fonctionnement d'une cellule maintien en emploi dans un service inter-entreprise", author: "AISMT 13 (Bouches-du-Rhône)", date: "non datée, cellule créée en 2020", kind: "diaporama" },
    Document { id: "aismt13_exemple", title: "Cellule maintien en emploi : l'exemple de l'AISMT13", author: "AISMT 13 (Bouches-du-Rhône)", date: "non datée, cellule mise en place en septembre 2021", kind: "article" },
    Document { id: "acismt_fiche_action_4", title: "Fiche action n° 4 : Maintien dans l'emploi et prévention de la désinsertion professionnelle (fiche inscrite au CPOM)", author: "ACISMT", date: "non datée, indicateurs dès 2021", kind: "fiche action" },
    Document { id: "aist63_cme_2020", title: "Cellule maintien en emploi de l'AIST La Prévention Active : étapes, formulaire de consentement, courriers", author: "AIST La Prévention Active (Clermont-Ferrand)", date: "séminaire PRC du 12 novembre 2020", kind: "présentation et documents" },
    Document { id: "astbtp01_pdp_2020", title: "La prévention de la désinsertion professionnelle à l'AST BTP de l'Ain", author: "AST BTP de l'Ain", date: "séminaire PRC du 12 novembre 2020", kind: "présentation" },
    Document { id: "mt2i38_pdp_2020", title: "MT2i et la prévention de la désinsertion professionnelle (pôle socio-professionnel, grille d'orientation commune)", author: "MT2i / GIE Isère", date: "séminaire PRC du 12 novembre 2020", kind: "présentation" },
    Document { id: "aist43_bilan_2020", title: "Bilan intermédiaire de la cellule", author: "AIST Haute-Loire", date: "séminaire PRC du 12 novembre 2020", kind: "présentation" },
    Document { id: "prc_seminaire_2020", title: "Cellules de maintien dans l'emploi dans les services de santé au travail, quels retours d'expérience ?", author: "PRC (séminaire sur le maintien dans l'emploi)", date: "12 novembre 2020", kind: "séminaire" },
    Document { id: "loi_2021_1018", title: "Loi n° 2021-1018 du 2 août 2021 pour renforcer la prévention en santé au travail", author: "Journal officiel", date: "3 août 2021 (dispositions PDP en vigueur le 31 mars 2022)", kind: "loi" },
    Document { id: "decret_2022_372", title: "Décret n° 2022-372 du 16 mars 2022 relatif à la surveillance post-exposition, aux visites de préreprise et de reprise des travailleurs ainsi qu'à la convention de rééducation professionnelle en entreprise", author: "Journal officiel", date: "17 mars 2022 (en vigueur le 31 mars 2022 ; seuils : arrêts commençant après cette date, art. 6)", kind: "décret" },
    Document { id: "decret_2022_373", title: "Décret n° 2022-373 du 16 mars 2022 relatif à l'essai encadré, au rendez-vous de liaison et au projet de transition professionnelle", author: "Journal officiel", date: "17 mars 2022 (en vigueur le 31 mars 2022)", kind: "décret" },
    Document { id: "decret_2016_1908", title: "Décret n° 2016-1908 du 27 décembre 2016 relatif à la modernisation de la médecine du travail (renumérotation des articles R4624)", author: "Journal officiel", date: "29 décembre 2016 (en vigueur le 1er janvier 2017)", kind: "décret" },
    Document { id: "decret_2022_679", title: "Décret n° 2022-679 du 26 avril 2022 relatif aux délégations de missions par les médecins du travail, aux infirmiers en santé au travail et à la télésanté au travail", author: "Journal officiel", date: "27 avril 2022 (en vigueur le 28 avril 2022)", kind: "décret" },
    Document { id: "decret_2023_547", title: "Décret n° 2023-547 du 30 juin 2023 relatif au suivi de l'état de santé des travailleurs ayant plusieurs employeurs (articles D4624-59 à D4624-65)", author: "Journal officiel", date: "1er juillet 2023 (en vigueur le 2 juillet 2023)", kind: "décret" },
    Document { id: "loi_2025_989", title: "Loi n° 2025-989 du 24 octobre 2025 (emploi des salariés expérimentés) : entretien de parcours professionnel après la visite de mi-carrière", author: "Journal officiel", date: "25 octobre 2025 (entrée en vigueur de l'entretien à confirmer : 26 octobre 2025 ou 1er octobre 2026)", kind: "loi" },
    Document { id: "has_2019", title: "Santé et maintien en emploi : prévention de la désinsertion professionnelle des travailleurs", author: "Haute Autorité de santé", date: "février 2019", kind: "recommandation de bonne pratique" },
    Document { id: "decret_2022_1435", title: "Décret n° 2022-1435 du 15 novembre 2022 relatif à l'agrément et aux rapports d'activité des services de prévention et de santé au travail", author: "Journal officiel", date: "16 novembre 2022 (en vigueur le 17 novembre 2022)", kind: "décret" },
    Document { id: "igas_2025_pdp", title: "Rapport sur la prévention de la désinsertion professionnelle (constat : « il n'existe pas d'indicateur de résultat partagé » ; recommandation : un suivi généralisé à 6 mois ou 1 an)", author: "Inspection générale des affaires sociales (IGAS)", date: "décembre 2025", kind: "rapport d'inspection" },
    Document { id: "qr_ministere_pdp_2022", title: "Questions-réponses sur la prévention de la désinsertion professionnelle", author: "Ministère du Travail", date: "2022", kind: "questions-réponses (lecture à confirmer)" },
    Document { id: CME_READINGS, title: "Lectures et choix de cme", author: "projet cme", date: "docs/sources.md", kind: "définitions du projet" },
];

/// What a source resolves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Resolved {
    /// An article of [`ARTICLES`], with the version that covers the cited
    /// date.
    Article(&'static Article),
    /// A document of [`DOCUMENTS`].
    Document(&'static Document),
    /// The service's policy.
    Policy,
}

/// The article of a code by number.
///
/// ```
/// use cme_pdp::sources::{article, LegalCode};
/// assert!(article(LegalCode::Travail, "R4624-31").is_some());
/// assert!(article(LegalCode::Travail, "R9999-1").is_none());
/// ```
pub fn article(code: LegalCode, number: &str) -> Option<&'static Article> {
    ARTICLES
        .iter()
        .find(|a| a.code == code && a.number == number)
}

/// A document of the bibliography by id.
///
/// ```
/// assert_eq!(cme_pdp::sources::document("has_2019").map(|d| d.date), Some("février 2019"));
/// ```
pub fn document(id: &str) -> Option<&'static Document> {
    DOCUMENTS.iter().find(|d| d.id == id)
}

/// Checks that a source names an article cme knows (in a version that
/// exists on the cited date), a document of the bibliography, or a policy.
///
/// ```
/// use cme_pdp::explain::Source;
/// // R4624-29 was R4624-20 before 1 January 2017: citing it for 2015 fails.
/// assert!(cme_pdp::sources::resolve(&Source::ct("R4624-29", "2015-01-01")).is_err());
/// ```
pub fn resolve(source: &Source) -> Result<Resolved, String> {
    let id = source.id.as_deref().unwrap_or("");
    match source.kind {
        SourceKind::Article => {
            let (prefix, number) = id
                .split_once(':')
                .ok_or_else(|| format!("article without id: {}", source.reference))?;
            let code = match prefix {
                "ct" => LegalCode::Travail,
                "css" => LegalCode::SecuriteSociale,
                _ => return Err(format!("unknown code in {id}")),
            };
            let a = article(code, number).ok_or_else(|| format!("unknown article {id}"))?;
            let date = source
                .version
                .as_deref()
                .ok_or_else(|| format!("article {id} without its version date"))?;
            let covered = a
                .versions
                .iter()
                .any(|v| v.from <= date && v.to.is_none_or(|to| date < to));
            if !covered {
                return Err(format!("{id} has no version in force on {date}"));
            }
            Ok(Resolved::Article(a))
        }
        SourceKind::Document => document(id)
            .map(Resolved::Document)
            .ok_or_else(|| format!("unknown document {id}")),
        SourceKind::Policy => {
            if id.is_empty() {
                Err(format!("policy source without id: {}", source.reference))
            } else {
                Ok(Resolved::Policy)
            }
        }
    }
}

/// Where a rule comes from: an article of a code (number and version
/// date), a document of the project's bibliography (`docs/sources.md`,
/// [`crate::sources`]) or the service's policy. Never a file a user does not
/// have.
///
/// ```
/// use cme_pdp::explain::{Source, SourceKind};
/// let s = Source::ct("L4624-2-4", "2022-03-31");
/// assert_eq!(s.kind, SourceKind::Article);
/// assert_eq!(s.reference, "Code du travail, art. L4624-2-4");
/// assert_eq!(s.version.as_deref(), Some("2022-03-31"));
/// assert_eq!(s.id.as_deref(), Some("ct:L4624-2-4"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Source {
    /// What kind of source.
    pub kind: SourceKind,
    /// The reference, readable (`Code du travail, art. L4624-2-4`, `AIST
    /// Haute-Loire — Bilan intermédiaire de la cellule…`, `politique
    /// aismt13 : inclusion`).
    pub reference: String,
    /// The version: the date from which an article's version applies, or
    /// the content hash of a policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The id it resolves by: `ct:L4624-2-4` / `css:L323-3-1` for an
    /// article, the bibliography id of a document, the policy id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// The kinds of [`Source`].
///
/// ```
/// use cme_pdp::explain::SourceKind;
/// assert_eq!(serde_json::to_string(&SourceKind::Document).unwrap(), "\"document\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SourceKind {
    /// An article of a code (Code du travail, Code de la sécurité sociale).
    Article,
    /// A document of the project's bibliography (`docs/sources.md`): a
    /// service's own material, a recommendation, or the project's stated
    /// readings.
    Document,
    /// A parameter set by the policy of the service.
    Policy,
}

impl Source {
    /// An article of a code, with the date its version applies from.
    ///
    /// ```
    /// let s = cme_pdp::explain::Source::article(cme_pdp::sources::LegalCode::SecuriteSociale, "D323-6", "2022-03-31");
    /// assert_eq!(s.reference, "Code de la sécurité sociale, art. D323-6");
    /// ```
    pub fn article(code: crate::sources::LegalCode, article: &str, version: &str) -> Source {
        Source {
            kind: SourceKind::Article,
            reference: format!("{}, art. {article}", code.name()),
            version: Some(version.to_string()),
            id: Some(format!("{}:{article}", code.prefix())),
        }
    }

    /// An article of the Code du travail.
    pub fn ct(article: &str, version: &str) -> Source {
        Source::article(crate::sources::LegalCode::Travail, article, version)
    }

    /// An article of the Code de la sécurité sociale.
    pub fn css(article: &str, version: &str) -> Source {
        Source::article(crate::sources::LegalCode::SecuriteSociale, article, version)
    }

    /// A document of the bibliography, by id, with what it says.
    ///
    /// ```
    /// let s = cme_pdp::explain::Source::document("aist43_bilan_2020", "statuts des dossiers");
    /// assert_eq!(s.reference,
    ///     "AIST Haute-Loire — Bilan intermédiaire de la cellule (séminaire PRC du 12 novembre 2020) : statuts des dossiers");
    /// ```
    pub fn document(id: &str, what: &str) -> Source {
        let reference = match crate::sources::document(id) {
            Some(d) if what.is_empty() => format!("{} — {} ({})", d.author, d.title, d.date),
            Some(d) => format!("{} — {} ({}) : {what}", d.author, d.title, d.date),
            None => format!("{id} : {what}"),
        };
        Source {
            kind: SourceKind::Document,
            reference,
            version: None,
            id: Some(id.to_string()),
        }
    }

    /// A reading of the project's own (`docs/sources.md`, « Lectures et
    /// choix de cme »): where cme states a choice the texts leave open.
    ///
    /// ```
    /// let s = cme_pdp::explain::Source::reading("statuts");
    /// assert_eq!(s.id.as_deref(), Some("cme_lectures"));
    /// ```
    pub fn reading(section: &str) -> Source {
        Source::document(crate::sources::CME_READINGS, section)
    }

    /// A parameter of a policy, with the policy's content hash.
    pub fn policy(policy_id: &str, parameter: &str, hash: &str) -> Source {
        Source {
            kind: SourceKind::Policy,
            reference: format!("politique {policy_id} : {parameter}"),
            version: Some(hash.to_string()),
            id: Some(policy_id.to_string()),
        }
    }

    /// A citation written in a policy file: the policy's own words, cited
    /// as the policy (a user policy may cite anything; the presets' texts
    /// name documents of the bibliography).
    ///
    /// ```
    /// use cme_pdp::explain::{Source, SourceKind};
    /// let s = Source::cited("aismt13", "suivi à 6 mois puis 1 an", "h");
    /// assert_eq!(s.kind, SourceKind::Policy);
    /// assert_eq!(s.reference, "politique aismt13 : suivi à 6 mois puis 1 an");
    /// ```
    pub fn cited(policy_id: &str, text: &str, hash: &str) -> Source {
        Source::policy(policy_id, text, hash)
    }
}
