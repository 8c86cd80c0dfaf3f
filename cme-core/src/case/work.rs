//! What a cell records besides the stages (DOMAIN.md §3; seeds 000–004):
//! the exchanges with the employer, the referrals to partners and the
//! partners' signalements to the cell, and the meetings with the worker.
//! Format version 2 only.
//!
//! ```
//! use cme_pdp::case::{EmployerExchange, ExchangeKind};
//! let e: EmployerExchange = serde_json::from_str(
//!     r#"{"kind": "contact", "date": "2024-04-02", "doctor_agreed": true, "worker_agreed": true}"#).unwrap();
//! assert_eq!(e.kind, ExchangeKind::Contact);
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Partner;
use crate::codes::code_enum;

code_enum! {
    /// An exchange of the cell with the employer (seed 004, AST BTP: « prise
    /// de contact avec l'entreprise avec accord du médecin et du salarié »;
    /// seed 001: tripartite meetings).
    ///
    /// ```
    /// use cme_pdp::{case::ExchangeKind, codes::Code};
    /// assert_eq!(ExchangeKind::ReunionTripartite.code(), "reunion_tripartite");
    /// ```
    pub enum ExchangeKind: "exchange_kind" {
        Contact = "contact", "Prise de contact avec l'employeur", "Contact with the employer";
        ReunionTripartite = "reunion_tripartite", "Réunion tripartite (travailleur, employeur, cellule)", "Tripartite meeting (worker, employer, cell)";
        AccordEmployeur = "accord_employeur", "Accord de l'employeur sur la solution", "Employer's agreement to the solution";
        RefusEmployeur = "refus_employeur", "Refus de l'employeur", "Employer's refusal";
    }
}

/// An exchange with the employer. A contact is made only with the
/// agreement of the médecin du travail and of the worker (both recorded).
///
/// ```
/// use cme_pdp::case::{EmployerExchange, ExchangeKind};
/// use cme_pdp::codes::Code;
/// let e = EmployerExchange::new(ExchangeKind::ReunionTripartite, chrono::NaiveDate::from_ymd_opt(2024, 5, 2).unwrap());
/// assert_eq!(e.kind.label_fr(), "Réunion tripartite (travailleur, employeur, cellule)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct EmployerExchange {
    /// What kind of exchange.
    pub kind: ExchangeKind,
    /// When.
    pub date: NaiveDate,
    /// For a contact: the médecin du travail agreed to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doctor_agreed: Option<bool>,
    /// For a contact: the worker agreed to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worker_agreed: Option<bool>,
}

code_enum! {
    /// Which way a referral goes: the cell orients the worker to a partner,
    /// or a partner signals a worker to the cell.
    ///
    /// ```
    /// use cme_pdp::{case::ReferralDirection, codes::Code};
    /// assert_eq!(ReferralDirection::DuPartenaire.code(), "du_partenaire");
    /// ```
    pub enum ReferralDirection: "referral_direction" {
        VersPartenaire = "vers_partenaire", "Orientation de la cellule vers le partenaire", "Referral from the cell to the partner";
        DuPartenaire = "du_partenaire", "Signalement du partenaire à la cellule", "Partner's signalement to the cell";
    }
}

code_enum! {
    /// The document of a referral (seed 004: MT2i's fiche relais to France
    /// Travail / Cap emploi; AIST 63's fiche de signalement).
    ///
    /// ```
    /// use cme_pdp::{case::ReferralDocument, codes::Code};
    /// assert_eq!(ReferralDocument::FicheRelais.code(), "fiche_relais");
    /// ```
    pub enum ReferralDocument: "referral_document" {
        FicheSignalement = "fiche_signalement", "Fiche de signalement", "Signalement form";
        FicheRelais = "fiche_relais", "Fiche relais", "Relay form (fiche relais)";
        Courrier = "courrier", "Courrier ou courriel", "Letter or e-mail";
    }
}

code_enum! {
    /// The partner's answer to a referral.
    ///
    /// ```
    /// use cme_pdp::{case::ReferralOutcome, codes::Code};
    /// assert_eq!(ReferralOutcome::PriseEnCharge.code(), "prise_en_charge");
    /// ```
    pub enum ReferralOutcome: "referral_outcome" {
        PriseEnCharge = "prise_en_charge", "Prise en charge par le partenaire", "Taken on by the partner";
        Refus = "refus", "Refus du partenaire", "Partner's refusal";
        Reorientation = "reorientation", "Réorientation vers un autre interlocuteur", "Redirected to another contact";
    }
}

/// A referral to a partner, or a partner's signalement to the cell: sent,
/// answered, with the outcome. A referral to a partner shares information:
/// it needs the worker's consent to share with that partner on the day it
/// is sent.
///
/// ```
/// use cme_pdp::case::{Partner, Referral, ReferralDirection};
/// let r: Referral = serde_json::from_str(
///     r#"{"partner": "cap_emploi", "sent": "2024-04-02", "document": "fiche_relais"}"#).unwrap();
/// assert_eq!((r.partner, r.direction), (Partner::CapEmploi, ReferralDirection::VersPartenaire));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Referral {
    /// The partner.
    pub partner: Partner,
    /// Which way (to the partner when absent).
    #[serde(default = "to_partner", skip_serializing_if = "is_to_partner")]
    pub direction: ReferralDirection,
    /// The document sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<ReferralDocument>,
    /// When it was sent.
    pub sent: NaiveDate,
    /// When it was answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered: Option<NaiveDate>,
    /// The answer (requires `answered`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<ReferralOutcome>,
}

fn to_partner() -> ReferralDirection {
    ReferralDirection::VersPartenaire
}

fn is_to_partner(d: &ReferralDirection) -> bool {
    *d == ReferralDirection::VersPartenaire
}

/// A meeting (rendez-vous) of the cell with the worker; at AIST 63 each
/// meeting ends with an action plan (seed 004: « plan d'actions après
/// chaque rendez-vous »).
///
/// ```
/// let m: cme_pdp::case::Meeting = serde_json::from_str(r#"{"date": "2024-04-02", "action_plan": true}"#).unwrap();
/// assert!(m.action_plan);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Meeting {
    /// When.
    pub date: NaiveDate,
    /// Whether an action plan was drawn up at it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub action_plan: bool,
}

impl EmployerExchange {
    /// An exchange with the employer on a day (the agreements of a
    /// `contact` to be set on the record).
    ///
    /// ```
    /// use cme_pdp::case::{EmployerExchange, ExchangeKind};
    /// let e = EmployerExchange::new(ExchangeKind::AccordEmployeur, chrono::NaiveDate::from_ymd_opt(2024, 5, 2).unwrap());
    /// assert!(e.doctor_agreed.is_none());
    /// ```
    pub fn new(kind: ExchangeKind, date: NaiveDate) -> Self {
        EmployerExchange {
            kind,
            date,
            doctor_agreed: None,
            worker_agreed: None,
        }
    }
}

impl Referral {
    /// A referral sent on a day, not answered yet.
    ///
    /// ```
    /// use cme_pdp::case::{Partner, Referral, ReferralDirection};
    /// let r = Referral::new(Partner::Mdph, ReferralDirection::VersPartenaire, chrono::NaiveDate::from_ymd_opt(2024, 5, 2).unwrap());
    /// assert!(r.answered.is_none() && r.outcome.is_none());
    /// ```
    pub fn new(partner: Partner, direction: ReferralDirection, sent: NaiveDate) -> Self {
        Referral {
            partner,
            direction,
            document: None,
            sent,
            answered: None,
            outcome: None,
        }
    }
}

impl Meeting {
    /// A meeting with the worker on a day, without an action plan.
    ///
    /// ```
    /// let m = cme_pdp::case::Meeting::new(chrono::NaiveDate::from_ymd_opt(2024, 4, 2).unwrap());
    /// assert!(!m.action_plan);
    /// ```
    pub fn new(date: NaiveDate) -> Self {
        Meeting {
            date,
            action_plan: false,
        }
    }
}
