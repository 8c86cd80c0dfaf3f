//! The code lists of the case model as uniffi enums: the core's own enums,
//! declared again for uniffi (`#[uniffi::remote(Enum)]`). A variant added
//! to, or removed from, a core list without being mirrored here fails to
//! compile, so the two cannot drift. Hosts get typed enums; the JSON of the
//! interchange format keeps the stable snake_case codes.
//!
//! Generated from the `code_enum!` blocks of `cme-core/src/case.rs` and of
//! the result modules (pathway, evaluate, inclusion, legal, orientation).

use cme_core::case::{
    Category, CellRole, EmployerKind, EventType, ExitResult, Expertise, Nomenclature, Partner,
    Requester, RqthStatus, SickLeaveCause, Signaller, SourceVisit,
};

use cme_core::case::Professional;
use cme_core::case::{ExchangeKind, ReferralDirection, ReferralDocument, ReferralOutcome};
use cme_core::evaluate::Status;
use cme_core::inclusion::InclusionValue;
use cme_core::legal::Obligation;
use cme_core::legal::VisitRule;
use cme_core::orientation::ProblemType;
use cme_core::pathway::Stage;

#[uniffi::remote(Enum)]
pub enum Nomenclature {
    NafRev2,
    Naf2025,
}

#[uniffi::remote(Enum)]
pub enum EmployerKind {
    Prive,
    Public,
}

#[uniffi::remote(Enum)]
pub enum RqthStatus {
    Aucune,
    DemandeEnCours,
    Reconnue,
}

#[uniffi::remote(Enum)]
pub enum SickLeaveCause {
    MaladieNonProfessionnelle,
    AccidentNonProfessionnel,
    AccidentDuTravail,
    MaladieProfessionnelle,
    Maternite,
}

#[uniffi::remote(Enum)]
pub enum SourceVisit {
    Embauche,
    Vip,
    VisiteIntermediaire,
    VisitePeriodique,
    PreReprise,
    Reprise,
    ALaDemande,
    MiCarriere,
    ContactDirect,
    Autre,
}

#[uniffi::remote(Enum)]
pub enum Signaller {
    MedecinDuTravail,
    Idest,
    Salarie,
    AutreMembreEquipe,
}

#[uniffi::remote(Enum)]
pub enum Requester {
    Salarie,
    Employeur,
    MedecinDuTravail,
    MedecinTraitant,
    MedecinConseil,
    MedecinSpecialiste,
}

#[uniffi::remote(Enum)]
pub enum Partner {
    ServiceMedicalAm,
    Cpam,
    CarsatServiceSocial,
    CapEmploi,
    Agefiph,
    Fiphfp,
    Mdph,
    Oeth,
    FranceTravail,
    MissionLocale,
    Opco,
    TransitionPro,
    Cep,
    BilanCompetences,
    CentreDeGestion,
    Caf,
    MedecinTraitant,
    MedecinSpecialiste,
    Autre,
}

#[uniffi::remote(Enum)]
pub enum EventType {
    Contact,
    AbsenceReponse,
    RefusAccompagnement,
    AnalyseDemande,
    ReferentDesigne,
    EntretienQualification,
    AvisAttendu,
    AvisRecu,
    CommissionPleniere,
    PlanPropose,
    PlanAccepte,
    PlanRefuse,
    ActionPartenaire,
    Sortie,
    Suivi,
    Reouverture,
}

#[uniffi::remote(Enum)]
pub enum CellRole {
    ChargeMaintien,
    MedecinDuTravail,
    Idest,
    Assistant,
    Psychologue,
    AssistantSocial,
    Ergonome,
    Iprp,
    ConseillerOrientation,
    Atst,
}

#[uniffi::remote(Enum)]
pub enum Expertise {
    Ergonome,
    Psychologue,
    AssistantSocial,
    MedecinSpecialiste,
    MedecinConseil,
    TechnicienRetraite,
    ConseillerOrientation,
    CapEmploi,
    Autre,
}

#[uniffi::remote(Enum)]
pub enum ExitResult {
    AmenagementPoste,
    ChangementPosteInterne,
    ChangementPosteExterne,
    EmbaucheCdi,
    Reconversion,
    CreationEntreprise,
    Inaptitude,
    Invalidite,
    Retraite,
    AutreSolutionSociale,
    PerduDeVue,
}

#[uniffi::remote(Enum)]
pub enum Category {
    SansSuite,
    InfoConseils,
    Facilitation,
    Ingenierie,
}

// The code lists of the results.

#[uniffi::remote(Enum)]
pub enum Stage {
    Reperage,
    Signalement,
    Contact,
    Analyse,
    Qualification,
    Inclusion,
    Commission,
    MiseEnOeuvre,
    Sortie,
    Suivi,
}

#[uniffi::remote(Enum)]
pub enum Status {
    EnCours,
    RefusIntegration,
    SortieNegative,
    SortiePositive,
    SortieNeutre,
}

#[uniffi::remote(Enum)]
pub enum InclusionValue {
    Included,
    NotIncluded,
    Undetermined,
}

#[uniffi::remote(Enum)]
pub enum VisitRule {
    RendezVousLiaison,
    PreReprise,
    Reprise,
    MiCarriere,
}

#[uniffi::remote(Enum)]
pub enum ExchangeKind {
    Contact,
    ReunionTripartite,
    AccordEmployeur,
    RefusEmployeur,
}

#[uniffi::remote(Enum)]
pub enum ReferralDirection {
    VersPartenaire,
    DuPartenaire,
}

#[uniffi::remote(Enum)]
pub enum ReferralDocument {
    FicheSignalement,
    FicheRelais,
    Courrier,
}

#[uniffi::remote(Enum)]
pub enum ReferralOutcome {
    PriseEnCharge,
    Refus,
    Reorientation,
}

#[uniffi::remote(Enum)]
pub enum Professional {
    MedecinDuTravail,
    InfirmierDelegation,
}

#[uniffi::remote(Enum)]
pub enum Obligation {
    Obligatoire,
    Possible,
    Realisee,
    NonApplicable,
    Indeterminee,
    DemandeIrrecevable,
}

#[uniffi::remote(Enum)]
pub enum ProblemType {
    ReconnaissanceHandicap,
    CompensationHandicap,
    Reconversion,
    ArretInvaliditeSocial,
    RechercheEmploi,
    EmployeurPublic,
    RessourcesFamiliales,
}
