//! The code lists of the case model as uniffi enums: the core's own enums,
//! declared again for uniffi (`#[uniffi::remote(Enum)]`). The core's lists
//! are `#[non_exhaustive]` (a new code is a minor version), so are the
//! mirrors; a variant removed from a core list fails to compile here, and
//! one added to it without being mirrored fails the test below (uniffi
//! lowers it through a wildcard arm that panics). Hosts get typed enums; the JSON of the
//! interchange format keeps the stable snake_case codes.
//!
//! Generated from the `code_enum!` blocks of `cme-core/src/case.rs` and of
//! the result modules (pathway, evaluate, inclusion, legal, orientation).

use cme_pdp::case::{
    Category, CellRole, EmployerKind, EventType, ExitResult, Expertise, Nomenclature, Partner,
    Requester, RqthStatus, SickLeaveCause, Signaller, SourceVisit,
};

use cme_pdp::case::{ExchangeKind, ReferralDirection, ReferralDocument, ReferralOutcome};
use cme_pdp::case::{MeasureKind, Professional};
use cme_pdp::evaluate::Status;
use cme_pdp::inclusion::InclusionValue;
use cme_pdp::legal::Obligation;
use cme_pdp::legal::VisitRule;
use cme_pdp::orientation::ProblemType;
use cme_pdp::pathway::Stage;

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum Nomenclature {
    NafRev2,
    Naf2025,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum EmployerKind {
    Prive,
    Public,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum RqthStatus {
    Aucune,
    DemandeEnCours,
    Reconnue,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum SickLeaveCause {
    MaladieNonProfessionnelle,
    AccidentNonProfessionnel,
    AccidentDuTravail,
    MaladieProfessionnelle,
    Maternite,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
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
#[non_exhaustive]
pub enum Signaller {
    MedecinDuTravail,
    Idest,
    Salarie,
    AutreMembreEquipe,
    Employeur,
    Partenaire,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum Requester {
    Salarie,
    Employeur,
    MedecinDuTravail,
    MedecinTraitant,
    MedecinConseil,
    MedecinSpecialiste,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
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
#[non_exhaustive]
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
#[non_exhaustive]
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
#[non_exhaustive]
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
#[non_exhaustive]
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
#[non_exhaustive]
pub enum Category {
    SansSuite,
    InfoConseils,
    Facilitation,
    Ingenierie,
}

// The code lists of the results.

#[uniffi::remote(Enum)]
#[non_exhaustive]
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
#[non_exhaustive]
pub enum Status {
    EnCours,
    RefusIntegration,
    SortieNegative,
    SortiePositive,
    SortieNeutre,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum InclusionValue {
    Included,
    NotIncluded,
    Undetermined,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum VisitRule {
    RendezVousLiaison,
    PreReprise,
    Reprise,
    MiCarriere,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum ExchangeKind {
    Contact,
    ReunionTripartite,
    AccordEmployeur,
    RefusEmployeur,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum ReferralDirection {
    VersPartenaire,
    DuPartenaire,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum ReferralDocument {
    FicheSignalement,
    FicheRelais,
    Courrier,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum ReferralOutcome {
    PriseEnCharge,
    Refus,
    Reorientation,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum MeasureKind {
    EssaiEncadre,
    Crpe,
    TransitionProfessionnelle,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum Professional {
    MedecinDuTravail,
    InfirmierDelegation,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum Obligation {
    Obligatoire,
    Possible,
    Realisee,
    NonApplicable,
    Indeterminee,
    DemandeIrrecevable,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum ProblemType {
    ReconnaissanceHandicap,
    CompensationHandicap,
    Reconversion,
    ArretInvaliditeSocial,
    RechercheEmploi,
    EmployeurPublic,
    RessourcesFamiliales,
}

#[cfg(test)]
mod tests {
    use super::*;
    use cme_pdp::codes::Code;

    /// How many codes of a core list cross the boundary. The mirrors above
    /// are `#[non_exhaustive]` like the core's lists (a new code is a minor
    /// version of the core), so uniffi lowers a code missing from a mirror
    /// through a wildcard arm that panics: this test is what catches a
    /// mirror left behind.
    fn crossing<T: Code + uniffi::Lower<crate::UniFfiTag> + std::panic::UnwindSafe>() -> usize {
        T::ALL
            .iter()
            .filter(|v| {
                let v = **v;
                std::panic::catch_unwind(move || {
                    let _ = <T as uniffi::Lower<crate::UniFfiTag>>::lower_into_rust_buffer(v);
                })
                .is_ok()
            })
            .count()
    }

    macro_rules! lists {
        ($($t:ty),+ $(,)?) => {
            vec![$((<$t as Code>::KIND, crossing::<$t>(), <$t as Code>::ALL.len())),+]
        };
    }

    #[test]
    fn every_code_of_every_list_crosses_the_boundary() {
        // The expected panics of missing codes are counted, not printed.
        std::panic::set_hook(Box::new(|_| {}));
        let counts = lists!(
            Nomenclature,
            EmployerKind,
            RqthStatus,
            SickLeaveCause,
            SourceVisit,
            Signaller,
            Requester,
            Partner,
            EventType,
            CellRole,
            Expertise,
            ExitResult,
            Category,
            Stage,
            Status,
            InclusionValue,
            VisitRule,
            ExchangeKind,
            ReferralDirection,
            ReferralDocument,
            ReferralOutcome,
            Professional,
            MeasureKind,
            Obligation,
            ProblemType,
        );
        let _ = std::panic::take_hook();
        let missing: Vec<&str> = counts
            .iter()
            .filter(|(_, crossing, all)| crossing != all)
            .map(|(kind, _, _)| *kind)
            .collect();
        assert!(
            missing.is_empty(),
            "codes of {missing:?} are not mirrored in cme-ffi/src/enums.rs"
        );
        assert_eq!(counts.len(), 25);
    }
}
