//! The canonical stages of a case and their order in a service's process:
//! part of the case model, read by the policies (which order them) and by
//! the pathway (which reaches them).

use crate::codes::{code_enum, Code};

code_enum! {
    /// The canonical stages of a case (DOMAIN.md §3), in pathway order.
    ///
    /// ```
    /// use cme_pdp::{pathway::Stage, codes::Code};
    /// assert!(Stage::Contact < Stage::Sortie);
    /// assert_eq!(Stage::MiseEnOeuvre.code(), "mise_en_oeuvre");
    /// ```
    pub enum Stage: "stage" {
        Reperage = "reperage", "Repérage", "Identification (repérage)";
        Signalement = "signalement", "Signalement", "Signalement";
        Contact = "contact", "Contact", "Contact";
        Analyse = "analyse", "Analyse de la demande", "Analysis of the request";
        Qualification = "qualification", "Entretien de qualification / recueil d'informations", "Qualification interview / information gathering";
        Inclusion = "inclusion", "Inclusion dans l'accompagnement pluridisciplinaire", "Inclusion in the multidisciplinary accompaniment";
        Commission = "commission", "Commission plénière et plan d'actions", "Plenary commission and action plan";
        MiseEnOeuvre = "mise_en_oeuvre", "Mise en œuvre", "Implementation";
        Sortie = "sortie", "Sortie", "Exit";
        Suivi = "suivi", "Suivi après la sortie", "Follow-up after the exit";
    }
}

/// The order of the canonical stages in a service's process (DOMAIN.md
/// §3: the order and the set of stages belong to each service).
///
/// Built from the stages a policy lists, in its order; a canonical stage the
/// policy leaves out is placed right after the last placed stage that comes
/// before it in the canonical order. In a process *without a fixed order* (MT2i's circle) the current
/// stage is the one of the latest event.
///
/// ```
/// use cme_pdp::pathway::{Stage, StageOrder};
/// let order = StageOrder::of([Stage::Signalement, Stage::Analyse, Stage::Contact].into_iter(), false);
/// assert!(order.rank(Stage::Analyse) < order.rank(Stage::Contact));
/// assert!(order.rank(Stage::Contact) < order.rank(Stage::Qualification));
/// assert_eq!(StageOrder::CANONICAL.rank(Stage::Suivi), 9);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct StageOrder {
    ranks: [u8; 10],
    free: bool,
}

impl StageOrder {
    /// The canonical order (DOMAIN.md §3), for a policy without stages.
    pub const CANONICAL: StageOrder = StageOrder {
        ranks: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        free: false,
    };

    /// The order of a process listing `listed` (duplicates count once, at
    /// their first place); `free` for a process without a fixed order.
    pub fn of(listed: impl Iterator<Item = Stage>, free: bool) -> StageOrder {
        let mut placed: Vec<Stage> = Vec::with_capacity(Stage::ALL.len());
        for stage in listed {
            if !placed.contains(&stage) {
                placed.push(stage);
            }
        }
        for stage in Stage::ALL {
            if placed.contains(stage) {
                continue;
            }
            let after = placed
                .iter()
                .enumerate()
                .filter(|(_, p)| **p < *stage)
                .map(|(i, _)| i + 1)
                .max()
                .unwrap_or(0);
            placed.insert(after, *stage);
        }
        let mut ranks = [0u8; 10];
        for (rank, stage) in placed.iter().enumerate() {
            if let Some(r) = ranks.get_mut(stage_index(*stage)) {
                *r = u8::try_from(rank).unwrap_or(u8::MAX);
            }
        }
        StageOrder { ranks, free }
    }

    /// The place of a stage in the process, from 0.
    pub fn rank(&self, stage: Stage) -> u8 {
        self.ranks
            .get(stage_index(stage))
            .copied()
            .unwrap_or(u8::MAX)
    }

    /// Whether the process has no fixed order.
    pub fn is_free(&self) -> bool {
        self.free
    }
}

fn stage_index(stage: Stage) -> usize {
    Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0)
}
