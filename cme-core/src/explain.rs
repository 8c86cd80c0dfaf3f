//! Decisions that explain themselves: `{value, reasons, sources, as_of}`.
//!
//! Every decision of the library (stage, status, category, inclusion,
//! deadline, visit obligation, indicator) is a [`Decision`]: its value, the
//! [`Reason`]s that led to it, and the [`Source`] of each reason — an
//! article of a code with its version, a document of the project's
//! bibliography (`docs/sources.md`), or the policy that set a parameter. A médecin du travail reads the
//! reasons; a program reads the codes.
//!
//! Reasons describe facts by their kind and relative dates ("3 jours après
//! le signalement"), never by quoting a value of the case.
//!
//! ```
//! use cme_pdp::explain::{Decision, Reason, Source};
//! use cme_pdp::texts::{Text, TextCode};
//! use chrono::NaiveDate;
//!
//! let as_of = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
//! let d = Decision::new(2, as_of)
//!     .because(Reason::of(Text::new(TextCode::PlusieursPartenaires).with("partners", 2),
//!                         Source::document("aismt13_fonctionnement", "critères d'inclusion")));
//! assert_eq!(d.reasons[0].text_en, "Several actors to coordinate: 2 distinct partners are involved.");
//! assert_eq!(d.sources[0].id.as_deref(), Some("aismt13_fonctionnement"));
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::sources::{Source, SourceKind};
use crate::texts::Text;

/// One reason of a decision: a stable code, its parameters, its text in
/// French and English rendered from the catalogue ([`crate::texts`]), and
/// where the rule comes from.
///
/// ```
/// use cme_pdp::explain::{Reason, Source};
/// use cme_pdp::texts::{Text, TextCode};
/// let r = Reason::of(Text::new(TextCode::PasDeSortie), Source::document("aist43_bilan_2020", ""));
/// assert_eq!(r.code, "pas_de_sortie");
/// assert_eq!(r.text, "Ni sortie ni refus enregistrés : le dossier est en cours.");
/// assert_eq!(r.text_en, "No exit and no refusal recorded: the case is ongoing.");
/// assert_eq!(r.sources.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Reason {
    /// Stable code of the reason.
    pub code: String,
    /// The reason, in French.
    pub text: String,
    /// The reason, in English.
    #[serde(default)]
    pub text_en: String,
    /// The parameters of its text (counts, dates, codes; never a value of
    /// a field that may be health data).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
    /// Where the rule applied comes from (at least one).
    pub sources: Vec<Source>,
}

impl Reason {
    /// A reason with its own code, a text of the catalogue and one source.
    ///
    /// ```
    /// use cme_pdp::explain::{Reason, Source};
    /// use cme_pdp::texts::{Text, TextCode};
    /// let r = Reason::new("absence_reponse", Text::new(TextCode::AbsenceReponseCategorie), Source::reading("catégories"));
    /// assert_eq!(r.code, "absence_reponse");
    /// ```
    pub fn new(code: &str, text: impl Into<Text>, source: Source) -> Reason {
        let text = text.into();
        Reason {
            code: code.to_string(),
            text: text.fr(),
            text_en: text.en(),
            params: text.params,
            sources: vec![source],
        }
    }

    /// A reason whose code is its text's code in the catalogue.
    pub fn of(text: impl Into<Text>, source: Source) -> Reason {
        let text = text.into();
        Reason::new(text.code.code(), text, source)
    }

    /// Adds a source.
    ///
    /// ```
    /// use cme_pdp::explain::{Reason, Source};
    /// use cme_pdp::texts::{Text, TextCode};
    /// let r = Reason::of(Text::new(TextCode::PasDeSortie), Source::reading("a")).and(Source::reading("b"));
    /// assert_eq!(r.sources.len(), 2);
    /// ```
    pub fn and(mut self, source: Source) -> Reason {
        if !self.sources.contains(&source) {
            self.sources.push(source);
        }
        self
    }
}

/// A decision: its value, its reasons, their sources and the evaluation
/// date.
///
/// ```
/// use cme_pdp::explain::{Decision, Reason, Source};
/// use cme_pdp::texts::{Text, TextCode};
/// use chrono::NaiveDate;
/// let d = Decision::new("en_cours", NaiveDate::from_ymd_opt(2025, 1, 1).unwrap())
///     .because(Reason::of(Text::new(TextCode::PasDeSortie), Source::reading("statuts")))
///     .because(Reason::of(Text::new(TextCode::RefusIntegrationStatut), Source::reading("statuts")));
/// assert_eq!(d.sources.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Decision<T> {
    /// The value decided.
    pub value: T,
    /// Why, in order.
    pub reasons: Vec<Reason>,
    /// Every source of the reasons, without duplicates.
    pub sources: Vec<Source>,
    /// The evaluation date.
    pub as_of: NaiveDate,
}

impl<T> Decision<T> {
    /// A decision without reasons yet.
    pub fn new(value: T, as_of: NaiveDate) -> Decision<T> {
        Decision {
            value,
            reasons: Vec::new(),
            sources: Vec::new(),
            as_of,
        }
    }

    /// Adds a reason (and its sources).
    pub fn because(mut self, reason: Reason) -> Decision<T> {
        self.push(reason);
        self
    }

    /// Adds a reason in place.
    pub fn push(&mut self, reason: Reason) {
        for s in &reason.sources {
            if !self.sources.contains(s) {
                self.sources.push(s.clone());
            }
        }
        self.reasons.push(reason);
    }
}

/// A fact the library needs and the case does not give: the decision is
/// left open instead of guessed.
///
/// ```
/// use cme_pdp::explain::MissingFact;
/// use cme_pdp::texts::{Text, TextCode};
/// let m = MissingFact::new("events.analyse_demande.simple_solution", "inclusion",
///     Text::new(TextCode::ManqueSolutionSimple));
/// assert_eq!(m.needed_for, "inclusion");
/// assert!(m.text_en.starts_with("Record"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MissingFact {
    /// Which fact (a path in the interchange format).
    pub fact: String,
    /// Which decision needs it.
    pub needed_for: String,
    /// What to record, in French.
    pub text: String,
    /// What to record, in English.
    #[serde(default)]
    pub text_en: String,
}

impl MissingFact {
    /// A missing fact, its text from the catalogue.
    pub fn new(fact: &str, needed_for: &str, text: impl Into<Text>) -> MissingFact {
        let text = text.into();
        MissingFact {
            fact: fact.to_string(),
            needed_for: needed_for.to_string(),
            text: text.fr(),
            text_en: text.en(),
        }
    }
}

pub use crate::texts::{date_fr, days_fr};
