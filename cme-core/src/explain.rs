//! Decisions that explain themselves: `{value, reasons, sources, as_of}`.
//!
//! Every decision of the library (stage, status, category, inclusion,
//! deadline, visit obligation, indicator) is a [`Decision`]: its value, the
//! [`Reason`]s that led to it, and the [`Source`] of each reason — a seed
//! document, an article of the Code du travail with its version, the policy
//! that set a parameter, or DOMAIN.md. A médecin du travail reads the
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
//!                          Source::seed("001", "AISMT 13, critères d'inclusion")));
//! assert_eq!(d.sources[0].reference, "seed 001 — AISMT 13, critères d'inclusion");
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a rule comes from.
///
/// ```
/// use cme_core::explain::{Source, SourceKind};
/// let s = Source::article("Code du travail", "L4624-2-4", "2022-03-31");
/// assert_eq!(s.kind, SourceKind::Article);
/// assert_eq!(s.reference, "Code du travail, art. L4624-2-4");
/// assert_eq!(s.version.as_deref(), Some("2022-03-31"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Source {
    /// What kind of source.
    pub kind: SourceKind,
    /// The reference, readable (`seed 001 — AISMT 13…`, `Code du travail,
    /// art. L4624-2-4`, `politique aismt13 : inclusion`).
    pub reference: String,
    /// The version: the date from which an article's version applies, or
    /// the content hash of a policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// The kinds of [`Source`].
///
/// ```
/// use cme_core::explain::SourceKind;
/// assert_eq!(serde_json::to_string(&SourceKind::Seed).unwrap(), "\"seed\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A source document in `shared/seeds/` (a service's own material).
    Seed,
    /// An article of a code (Code du travail, Code de la sécurité sociale).
    Article,
    /// A parameter set by the policy of the service.
    Policy,
    /// The project's domain reference (`DOMAIN.md`), where it interprets the
    /// seeds.
    Domain,
}

impl Source {
    /// A seed document, by number (`"001"`) and what it says.
    pub fn seed(number: &str, what: &str) -> Source {
        Source {
            kind: SourceKind::Seed,
            reference: format!("seed {number} — {what}"),
            version: None,
        }
    }

    /// An article of a code, with the date its version applies from.
    pub fn article(code: &str, article: &str, version: &str) -> Source {
        Source {
            kind: SourceKind::Article,
            reference: format!("{code}, art. {article}"),
            version: Some(version.to_string()),
        }
    }

    /// A parameter of a policy, with the policy's content hash.
    pub fn policy(policy_id: &str, parameter: &str, hash: &str) -> Source {
        Source {
            kind: SourceKind::Policy,
            reference: format!("politique {policy_id} : {parameter}"),
            version: Some(hash.to_string()),
        }
    }

    /// A section of DOMAIN.md.
    pub fn domain(section: &str) -> Source {
        Source {
            kind: SourceKind::Domain,
            reference: format!("DOMAIN.md {section}"),
            version: None,
        }
    }

    /// A section of LEGAL.md (the project's legal reference, which cites the
    /// texts).
    ///
    /// ```
    /// assert_eq!(cme_core::explain::Source::legal("calendrier").reference, "LEGAL.md — calendrier");
    /// ```
    pub fn legal(section: &str) -> Source {
        Source {
            kind: SourceKind::Domain,
            reference: format!("LEGAL.md — {section}"),
            version: None,
        }
    }

    /// A citation written in a policy file: `seed NNN …` is a seed, an
    /// article number (`L…`, `R…`, `D…`) an article, anything else is kept
    /// as a domain reference.
    ///
    /// ```
    /// use cme_core::explain::{Source, SourceKind};
    /// assert_eq!(Source::cited("seed 002 — suivi à 6 mois et 1 an").kind, SourceKind::Seed);
    /// assert_eq!(Source::cited("L4624-2-4").kind, SourceKind::Article);
    /// ```
    pub fn cited(text: &str) -> Source {
        let kind = if text.starts_with("seed ") {
            SourceKind::Seed
        } else if text.starts_with(['L', 'R', 'D'])
            && text.chars().nth(1).is_some_and(|c| c.is_ascii_digit())
        {
            SourceKind::Article
        } else {
            SourceKind::Domain
        };
        Source {
            kind,
            reference: text.to_string(),
            version: None,
        }
    }
}

/// One reason of a decision: a stable code, a French sentence, and where
/// the rule comes from.
///
/// ```
/// use cme_core::explain::{Reason, Source};
/// let r = Reason::new("contact_fait", "Le travailleur a contacté la cellule.", Source::seed("000", "ASMT 65"));
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
    /// let r = Reason::new("x", "…", Source::seed("001", "a")).and(Source::domain("§4"));
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
///     .because(Reason::new("a", "…", Source::domain("§5")))
///     .because(Reason::new("b", "…", Source::domain("§5")));
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
