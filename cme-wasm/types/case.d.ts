/* Generated from cme-core/schema/case.schema.json by json-schema-to-typescript: do not edit. */

/**
 * External partners of the cell (DOMAIN.md §2 and §7; seeds 000, 001, 004).
 */
export type Partner =
  | "service_medical_am"
  | "cpam"
  | "carsat_service_social"
  | "cap_emploi"
  | "agefiph"
  | "fiphfp"
  | "mdph"
  | "oeth"
  | "france_travail"
  | "mission_locale"
  | "opco"
  | "transition_pro"
  | "cep"
  | "bilan_competences"
  | "centre_de_gestion"
  | "caf"
  | "medecin_traitant"
  | "medecin_specialiste"
  | "autre";
/**
 * A dated event of the timeline. The JSON form is an object with a `type` (an [`EventType`] code), a `date` and the fields of that type.
 */
export type Event =
  | {
      /**
       * Date of the event.
       */
      date: string;
      type: "contact";
    }
  | {
      /**
       * Date of the event.
       */
      date: string;
      type: "absence_reponse";
    }
  | {
      /**
       * Date of the event.
       */
      date: string;
      type: "refus_accompagnement";
    }
  | {
      /**
       * Date of the event.
       */
      date: string;
      /**
       * Whether a simple solution was identified (an inclusion criterion, seed 001: "absence de solution simple").
       */
      simple_solution?: boolean | null;
      type: "analyse_demande";
    }
  | {
      /**
       * Date of the event.
       */
      date: string;
      /**
       * Pseudonymous id of the référent (format version 2; never a name): the cell's worklists are grouped by it.
       */
      referent?: string | null;
      /**
       * Role of the référent in the cell.
       */
      role?: CellRole | null;
      type: "referent_designe";
    }
  | {
      /**
       * Date of the event.
       */
      date: string;
      type: "entretien_qualification";
    }
  | {
      /**
       * Date of the event.
       */
      date: string;
      /**
       * Whose opinion.
       */
      expertise:
        | "ergonome"
        | "psychologue"
        | "assistant_social"
        | "medecin_specialiste"
        | "medecin_conseil"
        | "technicien_retraite"
        | "conseiller_orientation"
        | "cap_emploi"
        | "autre";
      type: "avis_attendu";
    }
  | {
      /**
       * Date of the event.
       */
      date: string;
      /**
       * Whose opinion.
       */
      expertise:
        | "ergonome"
        | "psychologue"
        | "assistant_social"
        | "medecin_specialiste"
        | "medecin_conseil"
        | "technicien_retraite"
        | "conseiller_orientation"
        | "cap_emploi"
        | "autre";
      type: "avis_recu";
    }
  | {
      /**
       * Date of the event.
       */
      date: string;
      type: "commission_pleniere";
    }
  | {
      /**
       * Date of the event.
       */
      date: string;
      type: "plan_propose";
    }
  | {
      /**
       * Date of the event.
       */
      date: string;
      type: "plan_accepte";
    }
  | {
      /**
       * Date of the event.
       */
      date: string;
      type: "plan_refuse";
    }
  | {
      /**
       * Date of the event.
       */
      date: string;
      /**
       * External partners of the cell (DOMAIN.md §2 and §7; seeds 000, 001, 004).
       */
      partner:
        | "service_medical_am"
        | "cpam"
        | "carsat_service_social"
        | "cap_emploi"
        | "agefiph"
        | "fiphfp"
        | "mdph"
        | "oeth"
        | "france_travail"
        | "mission_locale"
        | "opco"
        | "transition_pro"
        | "cep"
        | "bilan_competences"
        | "centre_de_gestion"
        | "caf"
        | "medecin_traitant"
        | "medecin_specialiste"
        | "autre";
      type: "action_partenaire";
    }
  | {
      /**
       * Date of the event.
       */
      date: string;
      /**
       * For an `inaptitude` result: whether it was followed by a dismissal (seed 003 counts "inaptitudes avec licenciement").
       */
      dismissal?: boolean | null;
      /**
       * For an `inaptitude` result: whether it was prepared with a transition plan (*inaptitude construite*, seed 001).
       */
      prepared?: boolean | null;
      /**
       * The exit result; required (an exit without a result is reported by validation and refused by the pathway).
       */
      result?: ExitResult | null;
      type: "sortie";
    }
  | {
      /**
       * Date of the event.
       */
      date: string;
      type: "reouverture";
    }
  | {
      /**
       * Date of the event.
       */
      date: string;
      /**
       * Whether the worker is still in employment; unknown when absent.
       */
      still_employed?: boolean | null;
      type: "suivi";
    };
/**
 * Members of the cell who may be référent (DOMAIN.md §2).
 */
export type CellRole =
  | "charge_maintien"
  | "medecin_du_travail"
  | "idest"
  | "assistant"
  | "psychologue"
  | "assistant_social"
  | "ergonome"
  | "iprp"
  | "conseiller_orientation"
  | "atst";
/**
 * Result of the exit from the cell (DOMAIN.md §5; seed 004, AIST 43's table; seeds 000 and 002 add retirement and other social solutions). Whether a result counts as positive, negative or neither is a policy choice, not part of the code.
 */
export type ExitResult =
  | "amenagement_poste"
  | "changement_poste_interne"
  | "changement_poste_externe"
  | "embauche_cdi"
  | "reconversion"
  | "creation_entreprise"
  | "inaptitude"
  | "invalidite"
  | "retraite"
  | "autre_solution_sociale"
  | "perdu_de_vue";
/**
 * The document of a referral (seed 004: MT2i's fiche relais to France Travail / Cap emploi; AIST 63's fiche de signalement).
 */
export type ReferralDocument = "fiche_signalement" | "fiche_relais" | "courrier";
/**
 * The partner's answer to a referral.
 */
export type ReferralOutcome = "prise_en_charge" | "refus" | "reorientation";
/**
 * Who asked for the source visit (seed 003 counts pré-reprise visits by requester). The employer can never ask for a pré-reprise visit (L4624-2-4): that rule belongs to the legal calendar, not to the model.
 */
export type Requester =
  "salarie" | "employeur" | "medecin_du_travail" | "medecin_traitant" | "medecin_conseil" | "medecin_specialiste";
/**
 * Who performed a visit.
 */
export type Professional = "medecin_du_travail" | "infirmier_delegation";
/**
 * Public or private employer.
 */
export type EmployerKind = "prive" | "public";
/**
 * RQTH status of the worker.
 */
export type RqthStatus = "aucune" | "demande_en_cours" | "reconnue";
/**
 * The employer's sector: a NAF section and the nomenclature it belongs to (LEGAL.md: NAF rév. 2 has sections A–U; NAF 2025, official from 1 January 2027, has A–V).
 */
export type Sector = {
  /**
   * Which NAF nomenclature the section letter belongs to.
   */
  nomenclature: "naf_rev2" | "naf_2025";
  /**
   * The section letter (`A`, `F`, `Q`…).
   */
  section: string;
} & Sector1;
export type Sector1 =
  | {
      nomenclature?: "naf_rev2";
      section?:
        | "A"
        | "B"
        | "C"
        | "D"
        | "E"
        | "F"
        | "G"
        | "H"
        | "I"
        | "J"
        | "K"
        | "L"
        | "M"
        | "N"
        | "O"
        | "P"
        | "Q"
        | "R"
        | "S"
        | "T"
        | "U";
    }
  | {
      nomenclature?: "naf_2025";
      section?:
        | "A"
        | "B"
        | "C"
        | "D"
        | "E"
        | "F"
        | "G"
        | "H"
        | "I"
        | "J"
        | "K"
        | "L"
        | "M"
        | "N"
        | "O"
        | "P"
        | "Q"
        | "R"
        | "S"
        | "T"
        | "U"
        | "V";
    };

/**
 * A case of the cell: one worker's accompaniment from the signalement to the follow-up (DOMAIN.md §3).
 */
export interface Case {
  /**
   * The team's choice of accompaniment category, overriding the derived one, with its written justification (seed 001).
   */
  category_override?: CategoryOverride | null;
  /**
   * Consents given by the worker (seed 004, AIST 63 consent form).
   *
   * @maxItems 100
   */
  consents?: Consent[];
  /**
   * Pseudonymous id of the médecin du travail who follows the worker and signalled the case (format version 2; never a name): the cell's worklists are grouped by it (the pré-reprise visits sent to each doctor twice a month at AST BTP).
   */
  doctor?: string | null;
  /**
   * The exchanges with the employer (format version 2).
   *
   * @maxItems 1000
   */
  employer_exchanges?: EmployerExchange[];
  /**
   * Dated events of the pathway, in any order; engines apply them in date order.
   *
   * @maxItems 1000
   */
  events?: Event[];
  /**
   * Version of the interchange format: 1 or 2 when read ([`FORMAT_VERSIONS_READ`]), [`FORMAT_VERSION`] once read (a version 1 document is migrated).
   */
  format_version: number;
  /**
   * Pseudonymous id of the case: 1 to 64 characters among letters, digits, `-`, `_` and `.`. Never a name.
   */
  id: string;
  /**
   * The measures of the law mobilised for the worker (essai encadré, CRPE, projet de transition professionnelle), with their dates (format version 2).
   *
   * @maxItems 1000
   */
  measures?: MeasureRecord[];
  /**
   * The meetings with the worker (format version 2).
   *
   * @maxItems 1000
   */
  meetings?: Meeting[];
  /**
   * Id of the policy the case is evaluated with, when not the service's default.
   */
  policy?: string | null;
  /**
   * The referrals to partners and the partners' signalements to the cell (format version 2).
   *
   * @maxItems 1000
   */
  referrals?: Referral[];
  /**
   * Code of the service that runs the cell (`aismt13`, `aist43`…): 1 to 32 characters among lowercase letters, digits and `_`.
   */
  service: string;
  /**
   * Sick leaves (arrêts de travail), in any order.
   *
   * @maxItems 100
   */
  sick_leaves?: SickLeave[];
  signalement: Signalement;
  /**
   * The visits that took place (pré-reprise, reprise, mi-carrière) and the rendez-vous de liaison held, with who did them: format version 2 only. The legal calendar reads them (a visit done closes its deadline).
   *
   * @maxItems 1000
   */
  visits?: VisitRecord[];
  worker: Worker;
}
/**
 * The team's choice of category, kept with its written justification (seed 001; DOMAIN.md §4). The justification is shown with the decision and never copied into an error message.
 */
export interface CategoryOverride {
  /**
   * The category chosen by the team.
   */
  category: "sans_suite" | "info_conseils" | "facilitation" | "ingenierie";
  /**
   * When the team decided it.
   */
  decided_on: string;
  /**
   * Why (free text, up to 2,000 characters; may not be empty).
   */
  justification: string;
}
/**
 * A consent given by the worker (seed 004, AIST 63: "votre accord est indispensable"). It covers the accompaniment and/or the sharing of information with named partners, and may be withdrawn from a date.
 */
export interface Consent {
  /**
   * Consent to be accompanied by the cell.
   */
  accompaniment?: boolean;
  /**
   * Date the consent was given.
   */
  given_on: string;
  /**
   * Partners the cell may share information with.
   *
   * @maxItems 50
   */
  sharing_with?: Partner[];
  /**
   * Date from which the consent is withdrawn (it takes effect on that day).
   */
  withdrawn_on?: string | null;
}
/**
 * An exchange with the employer. A contact is made only with the agreement of the médecin du travail and of the worker (both recorded).
 */
export interface EmployerExchange {
  /**
   * When.
   */
  date: string;
  /**
   * For a contact: the médecin du travail agreed to it.
   */
  doctor_agreed?: boolean | null;
  /**
   * What kind of exchange.
   */
  kind: "contact" | "reunion_tripartite" | "accord_employeur" | "refus_employeur";
  /**
   * For a contact: the worker agreed to it.
   */
  worker_agreed?: boolean | null;
}
/**
 * A measure of the law mobilised for the worker: which, since when and, once it has ended, until when (format version 2).
 */
export interface MeasureRecord {
  /**
   * The day it ended, when it has.
   */
  end?: string | null;
  /**
   * Which measure.
   */
  measure: "essai_encadre" | "crpe" | "transition_professionnelle";
  /**
   * The day it started (the essai's first day, the convention's or the project's start).
   */
  start: string;
}
/**
 * A meeting (rendez-vous) of the cell with the worker; at AIST 63 each meeting ends with an action plan (seed 004: « plan d'actions après chaque rendez-vous »).
 */
export interface Meeting {
  /**
   * Whether an action plan was drawn up at it.
   */
  action_plan?: boolean;
  /**
   * When.
   */
  date: string;
}
/**
 * A referral to a partner, or a partner's signalement to the cell: sent, answered, with the outcome. A referral to a partner shares information: it needs the worker's consent to share with that partner on the day it is sent.
 */
export interface Referral {
  /**
   * When it was answered.
   */
  answered?: string | null;
  /**
   * Which way (to the partner when absent).
   */
  direction?: "vers_partenaire" | "du_partenaire";
  /**
   * The document sent.
   */
  document?: ReferralDocument | null;
  /**
   * The answer (requires `answered`).
   */
  outcome?: ReferralOutcome | null;
  /**
   * External partners of the cell (DOMAIN.md §2 and §7; seeds 000, 001, 004).
   */
  partner:
    | "service_medical_am"
    | "cpam"
    | "carsat_service_social"
    | "cap_emploi"
    | "agefiph"
    | "fiphfp"
    | "mdph"
    | "oeth"
    | "france_travail"
    | "mission_locale"
    | "opco"
    | "transition_pro"
    | "cep"
    | "bilan_competences"
    | "centre_de_gestion"
    | "caf"
    | "medecin_traitant"
    | "medecin_specialiste"
    | "autre";
  /**
   * When it was sent.
   */
  sent: string;
}
/**
 * A sick leave (arrêt de travail). Its length counts calendar days with both ends included (LEGAL.md): see [`SickLeave::length_days`].
 */
export interface SickLeave {
  /**
   * The cause of the sick leave.
   */
  cause:
    | "maladie_non_professionnelle"
    | "accident_non_professionnel"
    | "accident_du_travail"
    | "maladie_professionnelle"
    | "maternite";
  /**
   * Last day of the sick leave (actual or expected); unknown when absent.
   */
  end?: string | null;
  /**
   * Whether `end` is the expected end of a running leave rather than the actual one. Omitted from the JSON form when false.
   */
  end_is_expected?: boolean;
  /**
   * First day of the sick leave. It selects the version of the legal rules (LEGAL.md: the thresholds changed for leaves starting after 31 March 2022).
   */
  start: string;
}
/**
 * How the case reached the cell.
 */
export interface Signalement {
  /**
   * Date of the signalement (the notification to the cell).
   */
  date: string;
  /**
   * Who asked for the source visit, when it was asked for (seed 003: by the médecin traitant, the worker, the médecin conseil…).
   */
  requested_by?: Requester | null;
  /**
   * Who signalled the case to the cell.
   */
  signalled_by: "medecin_du_travail" | "idest" | "salarie" | "autre_membre_equipe" | "employeur" | "partenaire";
  /**
   * The visit at which the risk was detected (repérage).
   */
  source_visit:
    | "embauche"
    | "vip"
    | "visite_intermediaire"
    | "visite_periodique"
    | "pre_reprise"
    | "reprise"
    | "a_la_demande"
    | "mi_carriere"
    | "contact_direct"
    | "autre";
  /**
   * Whether the worker agreed to the signalement (seed 004, AIST 63 step 2: « feuille de signalement, avec l'accord du salarié »), when recorded (format version 2).
   */
  worker_agreed?: boolean | null;
}
/**
 * A visit (or a rendez-vous de liaison) that took place.
 */
export interface VisitRecord {
  /**
   * Whether an avis d'inaptitude was issued at it.
   */
  avis_inaptitude?: boolean;
  /**
   * Its date.
   */
  date: string;
  /**
   * Pseudonymous id of the médecin du travail who held it, when not the one who follows the worker (never a name): the list of pré-reprise visits AST BTP sends twice a month goes to the doctor who held them.
   */
  doctor?: string | null;
  /**
   * Who performed it (a medical visit; not for a rendez-vous de liaison).
   */
  done_by?: Professional | null;
  /**
   * Which visit.
   */
  kind: "rendez_vous_liaison" | "pre_reprise" | "reprise" | "mi_carriere";
  /**
   * For a pré-reprise visit: the day the worker objected to the médecin du travail's recommendations being sent to the employer and the médecin conseil (R4624-30: « sauf si le travailleur s'y oppose »), on or after the visit.
   */
  objection_on?: string | null;
  /**
   * Whether it was held remotely (télésanté).
   */
  remote?: boolean;
  /**
   * For a pré-reprise visit: who asked for it (L4624-2-4: the worker, the médecin traitant, the médecin conseil and, since 31 March 2022, the médecin du travail; never the employer).
   */
  requested_by?: Requester | null;
}
/**
 * The worker's context.
 */
export interface Worker {
  /**
   * Date of birth, when known.
   */
  birth_date?: string | null;
  /**
   * Year of birth, when only the year is known (or to confirm the date).
   */
  birth_year?: number | null;
  /**
   * Chapter (1 to 22) of the CIM-10 (ICD-10) classification of the main pathology; the group is [`pathology_group`].
   */
  cim10_chapter?: number | null;
  /**
   * Pseudonymous id of the employing company as the service knows it (its adherent number, say), never its name (format version 2): the company report of a company of more than 300 employees (D4622-54) counts its cases by it.
   */
  company?: string | null;
  /**
   * Whether the employer is public or private (AGEFIPH vs FIPHFP).
   */
  employer?: EmployerKind | null;
  /**
   * Pseudonymous id of the worker, linking the successive cases of one worker over a career (format version 2): the same characters as a case id, never a name or a social security number.
   */
  id?: string | null;
  /**
   * Reconnaissance de la qualité de travailleur handicapé.
   */
  rqth?: RqthStatus | null;
  /**
   * Sector of the employer (NAF section, with the nomenclature version).
   */
  sector?: Sector | null;
}
