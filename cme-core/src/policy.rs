//! Policies as data: how one service runs its cell.
//!
//! Each service runs its own variant of the pathway (DOMAIN.md §1): its
//! names for the stages, the first-contact deadline, the inclusion
//! threshold, the follow-up schedule, how exit results count, its yearly
//! targets and targeting rules. A [`Policy`] holds them as data, loaded from
//! JSON (or TOML with the `toml` feature) and checked field by field with
//! the same [`Issue`] model as cases: every problem at once, with its path.
//! Every rule in a policy cites its source.
//!
//! Seven presets ([`presets`], [`preset`]) reproduce the services of
//! DOMAIN.md; their files are `cme-core/policies/*.json`.
//!
//! ```
//! use cme_pdp::policy::preset;
//! let p = preset("aismt13").unwrap();
//! assert_eq!(p.inclusion.min_expected_opinions, 2);
//! assert_eq!(p.follow_ups.iter().map(|f| f.months).collect::<Vec<_>>(), [6, 12]);
//! assert_eq!(p.content_hash().len(), 64);
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::case::ExitResult;
use crate::codes::{code_enum, Code};
use crate::error::CmeError;
use crate::issue::{Issue, IssueCode, Path};
use crate::reader::{At, JsonObj, Reader};
use crate::stage::{Stage, StageOrder};

code_enum! {
    /// How an exit result counts (DOMAIN.md §5: a policy choice).
    ///
    /// ```
    /// use cme_pdp::{policy::Outcome, codes::Code};
    /// assert_eq!(Outcome::Neutre.label_fr(), "Ni positive ni négative");
    /// ```
    pub enum Outcome: "outcome" {
        Positive = "positive", "Positive (maintien en emploi)", "Positive (job retained)";
        Negative = "negative", "Négative", "Negative";
        Neutre = "neutre", "Ni positive ni négative", "Neither positive nor negative";
    }
}

/// A stage of the service's process: the canonical stage it stands for
/// (for comparing services), the service's own name, and whether a case may
/// go without it.
///
/// The order of [`Policy::stages`] is the service's process: at AISMT 13
/// the COPIL analyses the request and assigns the référent before the first
/// contact; a stage the list leaves out is not part of the service's
/// process (AST BTP has no plenary commission), and the pathway never
/// proposes it as a next step.
///
/// ```
/// use cme_pdp::policy::preset;
/// let p = preset("mt2i38").unwrap();
/// assert!(p.stages.iter().any(|s| s.name == "Sécurisation du parcours"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StageName {
    /// The canonical stage.
    pub stage: Stage,
    /// The service's own name.
    pub name: String,
    /// Whether a case may skip this stage (its step is proposed only when
    /// the case calls for it, and the next stage's step with it).
    #[serde(default, skip_serializing_if = "is_false")]
    pub optional: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

code_enum! {
    /// Whether a service's stages follow one another in a fixed order.
    ///
    /// ```
    /// use cme_pdp::{policy::ProcessOrder, codes::Code};
    /// assert_eq!(ProcessOrder::Libre.code(), "libre");
    /// ```
    pub enum ProcessOrder: "process_order" {
        Ordonne = "ordonne", "Étapes dans l'ordre du service", "Stages in the service's order";
        Libre = "libre", "Étapes sans ordre fixe", "Stages in no fixed order";
    }
}

/// How the service's stages follow one another, and where that comes from.
/// Without it, the stages follow the order of [`Policy::stages`].
///
/// ```
/// use cme_pdp::policy::{preset, ProcessOrder};
/// assert_eq!(preset("mt2i38").unwrap().process.unwrap().order, ProcessOrder::Libre);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Process {
    /// In order, or without a fixed order (a circle).
    pub order: ProcessOrder,
    /// An action plan is drawn up after each meeting with the worker
    /// (AIST 63, step 4: « plan d'actions après chaque rendez-vous »).
    #[serde(default, skip_serializing_if = "is_false")]
    pub plan_after_each_meeting: bool,
    /// Where the process comes from.
    pub source: String,
}

/// The deadline of the worker's first contact after the notification.
///
/// ```
/// assert_eq!(cme_pdp::policy::preset("aist63").unwrap().first_contact.unwrap().days, 15);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FirstContactRule {
    /// Calendar days after the signalement.
    pub days: u32,
    /// Where the rule comes from.
    pub source: String,
}

/// The inclusion criteria in the full pluridisciplinary treatment (seed
/// 001: expected expert opinions and no simple solution).
///
/// ```
/// assert_eq!(cme_pdp::policy::preset("aismt13").unwrap().inclusion.min_expected_opinions, 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InclusionRule {
    /// At least this many distinct expert opinions expected.
    pub min_expected_opinions: u32,
    /// Where the rule comes from.
    pub source: String,
}

/// A follow-up after the exit: due `months` after the exit; overdue after
/// `until_months` when given, else `tolerance_days` after the due date.
///
/// ```
/// let p = cme_pdp::policy::preset("mt2i38").unwrap();
/// assert_eq!((p.follow_ups[0].months, p.follow_ups[0].until_months), (12, Some(24)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FollowUpRule {
    /// Months after the exit when the follow-up is due.
    pub months: u32,
    /// Months after the exit after which it is overdue (a window).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until_months: Option<u32>,
    /// The service's name for it.
    pub label: String,
    /// Where the rule comes from.
    pub source: String,
}

/// How each exit result counts. Every result must be classified: there is
/// no silent default.
///
/// ```
/// use cme_pdp::{case::ExitResult, policy::{preset, Outcome}};
/// let p = preset("aist43").unwrap();
/// assert_eq!(p.results.classes[&ExitResult::Inaptitude], Outcome::Negative);
/// // The bilan counts 2 negative exits for inaptitude 2 + invalidité 1: not negative there.
/// assert_eq!(p.results.classes[&ExitResult::Invalidite], Outcome::Neutre);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResultClasses {
    /// Outcome of each exit result.
    pub classes: BTreeMap<ExitResult, Outcome>,
    /// Where the classification comes from.
    pub source: String,
}

/// How the service classes a case whose worker refused the action plan and
/// accepted none (after the plenary, for instance): the seeds leave the
/// choice (DOMAIN.md §4), the policy states it with its source. Without
/// it, such a case is *sans suite* (the worker did not want the
/// accompaniment proposed).
///
/// ```
/// let p = cme_pdp::policy::preset("aismt13").unwrap();
/// assert_eq!(p.plan_refused.unwrap().category, cme_pdp::case::Category::SansSuite);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PlanRefusedRule {
    /// The category of such a case.
    pub category: crate::case::Category,
    /// Where the choice comes from.
    pub source: String,
}

/// Yearly targets (AIST 43: 100 signalements, 80 cases, 50 % maintien).
///
/// ```
/// let t = cme_pdp::policy::preset("aist43").unwrap().targets.unwrap();
/// assert_eq!((t.signalements_per_year, t.cases_per_year, t.maintien_rate_percent), (100, 80, 50));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Targets {
    /// Signalements per year.
    pub signalements_per_year: u32,
    /// Cases taken in charge per year.
    pub cases_per_year: u32,
    /// Share of positive exits, in percent.
    pub maintien_rate_percent: u32,
    /// Where the targets come from.
    pub source: String,
}

/// A targeting rule: until a date (exclusive), the cell only takes workers
/// of at least `min_age` at the signalement (AST BTP: 50 and over until
/// 2019).
///
/// ```
/// let t = &cme_pdp::policy::preset("astbtp01").unwrap().targeting[0];
/// assert_eq!((t.min_age, t.until.to_string().as_str()), (50, "2020-01-01"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TargetingRule {
    /// Minimum age at the signalement.
    pub min_age: u32,
    /// First day the rule no longer applies.
    pub until: NaiveDate,
    /// Where the rule comes from.
    pub source: String,
}

/// How one service runs its cell.
///
/// ```
/// let p = cme_pdp::policy::Policy::from_json_str(cme_pdp::policy::PRESET_FILES[0].1).unwrap();
/// assert_eq!(p.id, "asmt65");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Policy {
    /// Stable id (the service code for presets).
    pub id: String,
    /// Readable name.
    pub name: String,
    /// The documents describing the service (`seed 001`…).
    pub seeds: Vec<String>,
    /// The stages of the service's process, in its order, each under the
    /// service's name for it.
    #[serde(default)]
    pub stages: Vec<StageName>,
    /// How the stages follow one another (in the order of `stages` when
    /// absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub process: Option<Process>,
    /// First-contact deadline, if the service has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_contact: Option<FirstContactRule>,
    /// Inclusion criteria.
    pub inclusion: InclusionRule,
    /// Follow-ups after the exit, in increasing order of months.
    #[serde(default)]
    pub follow_ups: Vec<FollowUpRule>,
    /// Days after a follow-up's due date before it is overdue (when the
    /// rule has no `until_months`); also how early a follow-up counts.
    pub follow_up_tolerance_days: u32,
    /// Classification of exit results.
    pub results: ResultClasses,
    /// The category of a case whose plan was refused and none accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_refused: Option<PlanRefusedRule>,
    /// Yearly targets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub targets: Option<Targets>,
    /// Targeting rules.
    #[serde(default)]
    pub targeting: Vec<TargetingRule>,
}

pub use crate::error::PolicyError;

/// The preset files: `(service code, JSON text)`, in DOMAIN.md's order.
///
/// ```
/// assert_eq!(cme_pdp::policy::PRESET_FILES.len(), 7);
/// ```
pub const PRESET_FILES: [(&str, &str); 7] = [
    ("asmt65", include_str!("../policies/asmt65.json")),
    ("aismt13", include_str!("../policies/aismt13.json")),
    ("acismt", include_str!("../policies/acismt.json")),
    ("aist63", include_str!("../policies/aist63.json")),
    ("astbtp01", include_str!("../policies/astbtp01.json")),
    ("mt2i38", include_str!("../policies/mt2i38.json")),
    ("aist43", include_str!("../policies/aist43.json")),
];

/// The codes of the seven presets.
///
/// ```
/// assert_eq!(cme_pdp::policy::preset_codes()[1], "aismt13");
/// ```
pub fn preset_codes() -> Vec<&'static str> {
    PRESET_FILES.iter().map(|(code, _)| *code).collect()
}

/// A preset by service code.
///
/// ```
/// use cme_pdp::policy::preset;
/// assert_eq!(preset("astbtp01").unwrap().follow_ups.len(), 1);
/// assert_eq!(preset("nope").unwrap_err().code(), "unknown_preset");
/// ```
pub fn preset(code: &str) -> Result<Policy, CmeError> {
    Loaded::preset(code).map(|l| l.policy().clone())
}

/// A policy with its content hash, computed once when it is loaded: what a
/// caller evaluating many cases under one policy keeps
/// ([`crate::evaluate::evaluate_loaded`]). Its fields are private, so the
/// hash cannot go stale; [`Loaded::into_policy`] gives the policy back to
/// change it, and [`Loaded::new`] hashes the changed one.
///
/// ```
/// use cme_pdp::policy::{preset, Loaded};
/// let loaded = Loaded::new(preset("aist63").unwrap());
/// assert_eq!(loaded.content_hash(), loaded.policy().content_hash());
/// let mut changed = loaded.clone().into_policy();
/// changed.follow_up_tolerance_days += 1;
/// assert_ne!(Loaded::new(changed).content_hash(), loaded.content_hash());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Loaded {
    policy: Policy,
    hash: String,
}

impl Loaded {
    /// Loads a checked policy: computes its content hash.
    pub fn new(policy: Policy) -> Self {
        let hash = policy.content_hash();
        Loaded { policy, hash }
    }

    /// One of the seven presets, parsed and hashed once per process (a
    /// static cache: no I/O, the texts are in the library).
    ///
    /// ```
    /// use cme_pdp::policy::Loaded;
    /// let a = Loaded::preset("aismt13").unwrap();
    /// assert!(std::ptr::eq(a, Loaded::preset("aismt13").unwrap()));
    /// assert_eq!(Loaded::preset("nope").unwrap_err().code(), "unknown_preset");
    /// ```
    pub fn preset(code: &str) -> Result<&'static Loaded, CmeError> {
        static PRESETS: std::sync::OnceLock<Vec<Result<Loaded, PolicyError>>> =
            std::sync::OnceLock::new();
        let index = PRESET_FILES
            .iter()
            .position(|(c, _)| *c == code)
            .ok_or(CmeError::UnknownPreset)?;
        let all = PRESETS.get_or_init(|| {
            PRESET_FILES
                .iter()
                .map(|(_, text)| Policy::from_json_str(text).map(Loaded::new))
                .collect()
        });
        match all.get(index) {
            Some(Ok(loaded)) => Ok(loaded),
            Some(Err(e)) => Err(CmeError::InvalidPolicy(e.clone())),
            None => Err(CmeError::UnknownPreset),
        }
    }

    /// The policy.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Its SHA-256 content hash ([`Policy::content_hash`]).
    pub fn content_hash(&self) -> &str {
        &self.hash
    }

    /// The policy, to change it (load it again afterwards).
    pub fn into_policy(self) -> Policy {
        self.policy
    }
}

/// A policy given as a preset code (a JSON string) or as a policy object,
/// the way bindings receive it.
///
/// ```
/// use cme_pdp::policy::resolve_policy;
/// assert_eq!(resolve_policy(&serde_json::json!("aist43")).unwrap().id, "aist43");
/// assert_eq!(resolve_policy(&serde_json::json!({})).unwrap_err().code(), "invalid_policy");
/// ```
pub fn resolve_policy(value: &Value) -> Result<Policy, CmeError> {
    match value {
        Value::String(code) => preset(code),
        other => Policy::from_value(other).map_err(CmeError::InvalidPolicy),
    }
}

/// All seven presets.
///
/// ```
/// assert_eq!(cme_pdp::policy::presets().unwrap().len(), 7);
/// ```
pub fn presets() -> Result<Vec<Policy>, CmeError> {
    PRESET_FILES.iter().map(|(code, _)| preset(code)).collect()
}

impl Policy {
    /// Loads a policy from a JSON text, reporting every problem.
    pub fn from_json_str(text: &str) -> Result<Policy, PolicyError> {
        let value = crate::reader::read_json(text).map_err(|issue| PolicyError {
            issues: vec![issue],
        })?;
        Policy::from_value(&value)
    }

    /// Loads a policy from a TOML text, reporting every problem.
    ///
    /// ```
    /// let toml = r#"
    /// id = "petit_service"
    /// name = "Petit service"
    /// seeds = []
    /// follow_up_tolerance_days = 30
    /// [inclusion]
    /// min_expected_opinions = 3
    /// source = "choix du service"
    /// [results]
    /// source = "choix du service"
    /// [results.classes]
    /// amenagement_poste = "positive"
    /// "#;
    /// let err = cme_pdp::policy::Policy::from_toml_str(toml).unwrap_err();
    /// assert_eq!(err.issues[0].code.code(), "results_incomplete");
    /// ```
    #[cfg(feature = "toml")]
    #[cfg_attr(docsrs, doc(cfg(feature = "toml")))]
    pub fn from_toml_str(text: &str) -> Result<Policy, PolicyError> {
        let value = toml_value(text).map_err(|issue| PolicyError {
            issues: vec![issue],
        })?;
        Policy::from_value(&value)
    }

    /// Loads a policy from a JSON value, reporting every problem.
    pub fn from_value(value: &Value) -> Result<Policy, PolicyError> {
        let mut r = Reader::new(None);
        let policy = r.policy(value);
        let issues = r.into_issues();
        match policy {
            Some(p) if issues.is_empty() => Ok(p),
            _ => Err(PolicyError { issues }),
        }
    }

    /// SHA-256 of the policy's canonical JSON form, in hex: an evaluation
    /// names the exact rules it applied.
    ///
    /// ```
    /// let a = cme_pdp::policy::preset("aist43").unwrap();
    /// let mut b = a.clone();
    /// assert_eq!(a.content_hash(), b.content_hash());
    /// b.follow_up_tolerance_days += 1;
    /// assert_ne!(a.content_hash(), b.content_hash());
    /// ```
    pub fn content_hash(&self) -> String {
        let canonical = serde_json::to_string(self).unwrap_or_default();
        let digest = Sha256::digest(canonical.as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The service's name(s) for a canonical stage, joined by " / ".
    ///
    /// ```
    /// use cme_pdp::{pathway::Stage, policy::preset};
    /// let p = preset("aismt13").unwrap();
    /// assert_eq!(p.stage_name(Stage::Commission).as_deref(), Some("Commission plénière"));
    /// ```
    pub fn stage_name(&self, stage: Stage) -> Option<String> {
        let names: Vec<&str> = self
            .stages
            .iter()
            .filter(|s| s.stage == stage)
            .map(|s| s.name.as_str())
            .collect();
        (!names.is_empty()).then(|| names.join(" / "))
    }

    /// The order of the canonical stages in this service's process (see
    /// [`StageOrder`]).
    ///
    /// ```
    /// use cme_pdp::{pathway::Stage, policy::preset};
    /// let order = preset("aismt13").unwrap().stage_order();
    /// assert!(order.rank(Stage::Analyse) < order.rank(Stage::Contact));
    /// ```
    pub fn stage_order(&self) -> StageOrder {
        StageOrder::of(
            self.stages.iter().map(|s| s.stage),
            self.process
                .as_ref()
                .is_some_and(|p| p.order == ProcessOrder::Libre),
        )
    }

    /// Whether the service's process has a stage.
    ///
    /// ```
    /// use cme_pdp::{pathway::Stage, policy::preset};
    /// assert!(!preset("astbtp01").unwrap().has_stage(Stage::Commission));
    /// assert!(preset("aismt13").unwrap().has_stage(Stage::Commission));
    /// ```
    pub fn has_stage(&self, stage: Stage) -> bool {
        self.stages.is_empty() || self.stages.iter().any(|s| s.stage == stage)
    }

    /// The outcome of an exit result under this policy.
    ///
    /// ```
    /// use cme_pdp::{case::ExitResult, policy::{preset, Outcome}};
    /// assert_eq!(preset("aismt13").unwrap().outcome(ExitResult::Reconversion), Outcome::Positive);
    /// ```
    pub fn outcome(&self, result: ExitResult) -> Outcome {
        // Loading guarantees every result is classified; `Neutre` is never
        // reached for a loaded policy.
        self.results
            .classes
            .get(&result)
            .copied()
            .unwrap_or(Outcome::Neutre)
    }
}

/// A TOML document as a JSON value, or its one problem: too large
/// (`document_too_large`), or not TOML (`invalid_toml` with its line and
/// column; the parser's message is not kept: it may quote the text).
#[cfg(feature = "toml")]
pub(crate) fn toml_value(text: &str) -> Result<Value, Issue> {
    if text.len() > crate::limits::MAX_JSON_BYTES {
        return Err(Issue::new(IssueCode::DocumentTooLarge, Path::root())
            .with("max_bytes", crate::limits::MAX_JSON_BYTES));
    }
    toml::from_str(text).map_err(|e| {
        let (line, column) = e
            .span()
            .map(|span| line_column(text, span.start))
            .unwrap_or((0, 0));
        Issue::new(IssueCode::InvalidToml, Path::root())
            .with("line", line)
            .with("column", column)
    })
}

#[cfg(feature = "toml")]
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

impl Reader {
    fn source(&mut self, obj: &JsonObj<'_, '_>) -> Option<String> {
        self.required(obj, "source", |r, v, path| r.text(v, path, 500))
    }

    fn text(&mut self, value: &Value, path: At<'_>, max: usize) -> Option<String> {
        let s = self.string(value, path.clone(), max)?;
        if s.trim().is_empty() {
            self.push(Issue::new(IssueCode::EmptyString, path.path()));
            return None;
        }
        Some(s.to_string())
    }

    fn count(&mut self, value: &Value, path: At<'_>, min: i64, max: i64) -> Option<u32> {
        self.integer(value, path, min, max)
            .and_then(|n| u32::try_from(n).ok())
    }

    pub(crate) fn policy(&mut self, value: &Value) -> Option<Policy> {
        let obj = self.object(
            value,
            Path::root().into(),
            &[
                "id",
                "name",
                "seeds",
                "stages",
                "process",
                "first_contact",
                "inclusion",
                "follow_ups",
                "follow_up_tolerance_days",
                "results",
                "plan_refused",
                "targets",
                "targeting",
            ],
        )?;
        let id = self.required(&obj, "id", |r, v, path| {
            r.identifier(
                v,
                path,
                crate::limits::MAX_POLICY_ID_LEN,
                IssueCode::InvalidPolicyId,
            )
        });
        let name = self.required(&obj, "name", |r, v, path| r.text(v, path, 200));
        let (seeds, seeds_ok) = self.list(&obj, "seeds", 20, |r, v, path| r.text(v, path, 200));
        if obj.get("seeds").is_none() {
            self.push(Issue::new(IssueCode::MissingField, obj.key("seeds")).with("field", "seeds"));
        }
        let (stages, stages_ok) = self.list(&obj, "stages", 50, |r, v, path| {
            let o = r.object(v, path, &["stage", "name", "optional"])?;
            let stage = r.required(&o, "stage", |r, v, path| r.code(v, path));
            let name = r.required(&o, "name", |r, v, path| r.text(v, path, 200));
            let optional = r.optional(&o, "optional", |r, v, path| r.boolean(v, path));
            Some(StageName {
                stage: stage?,
                name: name?,
                optional: optional.unwrap_or(false),
            })
        });
        let process = self.optional(&obj, "process", |r, v, path| {
            let o = r.object(v, path, &["order", "plan_after_each_meeting", "source"])?;
            let order = r.required(&o, "order", |r, v, path| r.code(v, path));
            let plan_after_each_meeting = r
                .optional(&o, "plan_after_each_meeting", |r, v, path| {
                    r.boolean(v, path)
                })
                .unwrap_or(false);
            let source = r.source(&o);
            Some(Process {
                order: order?,
                plan_after_each_meeting,
                source: source?,
            })
        });
        let first_contact = self.optional(&obj, "first_contact", |r, v, path| {
            let o = r.object(v, path, &["days", "source"])?;
            let days = r.required(&o, "days", |r, v, path| r.count(v, path, 1, 365));
            let source = r.source(&o);
            Some(FirstContactRule {
                days: days?,
                source: source?,
            })
        });
        let inclusion = self.required(&obj, "inclusion", |r, v, path| {
            let o = r.object(v, path, &["min_expected_opinions", "source"])?;
            let n = r.required(&o, "min_expected_opinions", |r, v, path| {
                r.count(v, path, 0, 20)
            });
            let source = r.source(&o);
            Some(InclusionRule {
                min_expected_opinions: n?,
                source: source?,
            })
        });
        let (follow_ups, follow_ups_ok) = self.list(&obj, "follow_ups", 10, |r, v, path| {
            let o = r.object(v, path, &["months", "until_months", "label", "source"])?;
            let months = r.required(&o, "months", |r, v, path| r.count(v, path, 1, 120));
            let until = r.optional(&o, "until_months", |r, v, path| r.count(v, path, 1, 120));
            let label = r.required(&o, "label", |r, v, path| r.text(v, path, 200));
            let source = r.source(&o);
            let months = months?;
            if let Some(until) = until {
                if until < months {
                    r.push(Issue::new(
                        IssueCode::FollowUpsNotIncreasing,
                        o.key("until_months"),
                    ));
                }
            }
            Some(FollowUpRule {
                months,
                until_months: until,
                label: label?,
                source: source?,
            })
        });
        for pair in follow_ups.windows(2) {
            if let [(_, a), (i, b)] = pair {
                if b.months <= a.months {
                    self.push(Issue::new(
                        IssueCode::FollowUpsNotIncreasing,
                        obj.key("follow_ups").index(*i).key("months"),
                    ));
                }
            }
        }
        let tolerance = self.required(&obj, "follow_up_tolerance_days", |r, v, path| {
            r.count(v, path, 0, 365)
        });
        let results = self.required(&obj, "results", |r, v, path| {
            let o = r.object(v, path, &["classes", "source"])?;
            let source = r.source(&o);
            let classes = r.required(&o, "classes", |r, v, path| {
                let map = r.object(
                    v,
                    path,
                    &ExitResult::ALL.iter().map(|c| c.code()).collect::<Vec<_>>(),
                )?;
                let mut classes = BTreeMap::new();
                for result in ExitResult::ALL {
                    if let Some(outcome) =
                        r.optional(&map, result.code(), |r, v, path| r.code::<Outcome>(v, path))
                    {
                        classes.insert(*result, outcome);
                    }
                }
                let missing: Vec<&str> = ExitResult::ALL
                    .iter()
                    .filter(|c| !classes.contains_key(c))
                    .map(|c| c.code())
                    .collect();
                if !missing.is_empty()
                    && r.issues
                        .iter()
                        .all(|i| !i.path.as_str().starts_with(map.at.path().as_str()))
                {
                    r.push(
                        Issue::new(IssueCode::ResultsIncomplete, map.at.path())
                            .with("missing", missing.join(", ")),
                    );
                    return None;
                }
                Some(classes)
            });
            Some(ResultClasses {
                classes: classes?,
                source: source?,
            })
        });
        let plan_refused = self.optional(&obj, "plan_refused", |r, v, path| {
            let o = r.object(v, path, &["category", "source"])?;
            let category = r.required(&o, "category", |r, v, path| r.code(v, path));
            let source = r.source(&o);
            Some(PlanRefusedRule {
                category: category?,
                source: source?,
            })
        });
        let targets = self.optional(&obj, "targets", |r, v, path| {
            let o = r.object(
                v,
                path,
                &[
                    "signalements_per_year",
                    "cases_per_year",
                    "maintien_rate_percent",
                    "source",
                ],
            )?;
            let s = r.required(&o, "signalements_per_year", |r, v, path| {
                r.count(v, path, 0, 1_000_000)
            });
            let c = r.required(&o, "cases_per_year", |r, v, path| {
                r.count(v, path, 0, 1_000_000)
            });
            let m = r.required(&o, "maintien_rate_percent", |r, v, path| {
                r.count(v, path, 0, 100)
            });
            let source = r.source(&o);
            Some(Targets {
                signalements_per_year: s?,
                cases_per_year: c?,
                maintien_rate_percent: m?,
                source: source?,
            })
        });
        let (targeting, targeting_ok) = self.list(&obj, "targeting", 10, |r, v, path| {
            let o = r.object(v, path, &["min_age", "until", "source"])?;
            let min_age = r.required(&o, "min_age", |r, v, path| r.count(v, path, 0, 100));
            let until = r.required(&o, "until", |r, v, path| r.date(v, path, true));
            let source = r.source(&o);
            Some(TargetingRule {
                min_age: min_age?,
                until: until?,
                source: source?,
            })
        });
        if !(seeds_ok && stages_ok && follow_ups_ok && targeting_ok) {
            return None;
        }
        Some(Policy {
            id: id?,
            name: name?,
            seeds: items(seeds),
            stages: items(stages),
            process,
            first_contact,
            inclusion: inclusion?,
            follow_ups: items(follow_ups),
            follow_up_tolerance_days: tolerance?,
            results: results?,
            plan_refused,
            targets,
            targeting: items(targeting),
        })
    }
}

/// The items of a list read with their indices.
fn items<T>(list: Vec<(usize, T)>) -> Vec<T> {
    list.into_iter().map(|(_, t)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cached_preset_is_the_preset_parsed_afresh_with_its_hash() {
        for (code, text) in PRESET_FILES {
            let fresh = Policy::from_json_str(text).unwrap_or_else(|e| panic!("{code}: {e}"));
            let cached = Loaded::preset(code).unwrap_or_else(|e| panic!("{code}: {e}"));
            assert_eq!(cached.policy(), &fresh, "{code}");
            assert_eq!(cached.content_hash(), fresh.content_hash(), "{code}");
            assert_eq!(preset(code).ok().as_ref(), Some(&fresh), "{code}");
        }
    }
}
