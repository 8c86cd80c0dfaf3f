//! What a cell records besides the stages (DOMAIN.md §3; seeds 000–004):
//! the exchanges with the employer, the referrals to partners and the
//! partners' signalements to the cell, and the meetings with the worker.
//! Format version 2 only.
//!
//! ```
//! use cme_core::case::{EmployerExchange, ExchangeKind};
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
    /// use cme_core::{case::ExchangeKind, codes::Code};
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
/// use cme_core::case::{EmployerExchange, ExchangeKind};
/// use cme_core::codes::Code;
/// let e = EmployerExchange { kind: ExchangeKind::ReunionTripartite,
///     date: chrono::NaiveDate::from_ymd_opt(2024, 5, 2).unwrap(), doctor_agreed: None, worker_agreed: None };
/// assert_eq!(e.kind.label_fr(), "Réunion tripartite (travailleur, employeur, cellule)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
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
    /// use cme_core::{case::ReferralDirection, codes::Code};
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
    /// use cme_core::{case::ReferralDocument, codes::Code};
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
    /// use cme_core::{case::ReferralOutcome, codes::Code};
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
/// use cme_core::case::{Partner, Referral, ReferralDirection};
/// let r: Referral = serde_json::from_str(
///     r#"{"partner": "cap_emploi", "sent": "2024-04-02", "document": "fiche_relais"}"#).unwrap();
/// assert_eq!((r.partner, r.direction), (Partner::CapEmploi, ReferralDirection::VersPartenaire));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
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
/// let m: cme_core::case::Meeting = serde_json::from_str(r#"{"date": "2024-04-02", "action_plan": true}"#).unwrap();
/// assert!(m.action_plan);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// When.
    pub date: NaiveDate,
    /// Whether an action plan was drawn up at it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub action_plan: bool,
}
