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
//! use cme_core::explain::{Decision, Reason, Source};
//! use chrono::NaiveDate;
//!
//! let as_of = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
//! let d = Decision::new(2, as_of)
//!     .because(Reason::new("avis_attendus", "2 avis d'experts sont attendus.",
//!                          Source::document("aismt13_fonctionnement", "critères d'inclusion")));
//! assert_eq!(d.sources[0].id.as_deref(), Some("aismt13_fonctionnement"));
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::sources::{Source, SourceKind};

/// One reason of a decision: a stable code, a French sentence, and where
/// the rule comes from.
///
/// ```
/// use cme_core::explain::{Reason, Source};
/// let r = Reason::new("contact_fait", "Le travailleur a contacté la cellule.", Source::document("asmt65_plaquette", ""));
/// assert_eq!(r.sources.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// Stable code of the reason.
    pub code: String,
    /// The reason, in French.
    pub text: String,
    /// Where the rule applied comes from (at least one).
    pub sources: Vec<Source>,
}

impl Reason {
    /// A reason with one source.
    pub fn new(code: &str, text: impl Into<String>, source: Source) -> Reason {
        Reason {
            code: code.to_string(),
            text: text.into(),
            sources: vec![source],
        }
    }

    /// Adds a source.
    ///
    /// ```
    /// use cme_core::explain::{Reason, Source};
    /// let r = Reason::new("x", "…", Source::reading("a")).and(Source::reading("b"));
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
/// use cme_core::explain::{Decision, Reason, Source};
/// use chrono::NaiveDate;
/// let d = Decision::new("en_cours", NaiveDate::from_ymd_opt(2025, 1, 1).unwrap())
///     .because(Reason::new("a", "…", Source::reading("statuts")))
///     .because(Reason::new("b", "…", Source::reading("statuts")));
/// assert_eq!(d.sources.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
/// use cme_core::explain::MissingFact;
/// let m = MissingFact::new("events.analyse_demande.simple_solution", "inclusion",
///     "Indiquer si une solution simple a été identifiée à l'analyse de la demande.");
/// assert_eq!(m.needed_for, "inclusion");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingFact {
    /// Which fact (a path in the interchange format).
    pub fact: String,
    /// Which decision needs it.
    pub needed_for: String,
    /// What to record, in French.
    pub text: String,
}

impl MissingFact {
    /// A missing fact.
    pub fn new(fact: &str, needed_for: &str, text: &str) -> MissingFact {
        MissingFact {
            fact: fact.to_string(),
            needed_for: needed_for.to_string(),
            text: text.to_string(),
        }
    }
}

/// "N jour(s)" in French.
///
/// ```
/// assert_eq!(cme_core::explain::days_fr(1), "1 jour");
/// assert_eq!(cme_core::explain::days_fr(12), "12 jours");
/// ```
pub fn days_fr(n: i64) -> String {
    if n.abs() <= 1 {
        format!("{n} jour")
    } else {
        format!("{n} jours")
    }
}

/// A date in running French: « 9 novembre 2024 », « 1er mars 2022 ».
///
/// ```
/// use chrono::NaiveDate;
/// assert_eq!(cme_core::explain::date_fr(NaiveDate::from_ymd_opt(2024, 11, 9).unwrap()), "9 novembre 2024");
/// assert_eq!(cme_core::explain::date_fr(NaiveDate::from_ymd_opt(2022, 3, 1).unwrap()), "1er mars 2022");
/// ```
pub fn date_fr(date: NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let month = MONTHS.get(date.month0() as usize).copied().unwrap_or("");
    if date.day() == 1 {
        format!("1er {month} {}", date.year())
    } else {
        format!("{} {month} {}", date.day(), date.year())
    }
}
