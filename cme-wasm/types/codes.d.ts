/* Generated from the core's code lists and issue catalogue by scripts/codes-dts.mjs: do not edit. */

/** Every issue code of the catalogue. */
export type IssueCode = "invalid_json" | "duplicate_key" | "object_type" | "array_type" | "string_type" | "integer_type" | "boolean_type" | "missing_field" | "unknown_field" | "unknown_code" | "invalid_date" | "date_out_of_range" | "integer_out_of_range" | "invalid_id" | "invalid_policy_id" | "document_too_large" | "inconsistent_counters" | "counter_overflow" | "inconsistent_publication" | "publication_not_protected" | "audit_failed" | "invalid_service_code" | "string_too_long" | "empty_string" | "too_many_items" | "non_finite_number" | "integer_too_large" | "input_too_deep" | "unsupported_key" | "unsupported_type" | "invalid_text" | "not_a_list" | "unreadable_table" | "synthetic_shortfall" | "too_many_cells" | "more_issues" | "duplicate_item" | "unsupported_format_version" | "sick_leave_end_before_start" | "event_before_signalement" | "follow_up_without_exit" | "follow_up_before_exit" | "duplicate_exit" | "exit_without_result" | "not_applicable_to_result" | "event_after_closure" | "plan_without_consent" | "plan_not_proposed" | "action_before_plan_accepted" | "partner_without_consent" | "invalid_toml" | "follow_ups_not_increasing" | "results_incomplete" | "pre_reprise_requested_by_employer" | "reopening_without_exit" | "objection_not_pre_reprise" | "objection_before_visit" | "employer_contact_without_agreement" | "answer_before_referral" | "pre_reprise_requester_not_allowed" | "field_requires_format_version" | "visit_by_nurse_before_delegation" | "avis_inaptitude_not_by_doctor" | "requester_not_pre_reprise" | "measure_end_before_start" | "company_not_covered" | "done_by_not_for_liaison" | "date_after_as_of" | "consent_withdrawn_before_given" | "birth_year_mismatch" | "empty_file" | "invalid_encoding" | "malformed_csv" | "field_count" | "ignored_column" | "unknown_column" | "duplicate_column" | "missing_column" | "implausible_age" | "document_without_consent" | "unknown_template_field" | "invalid_template" | "missing_document_fact";

/** The code of a preset policy (one of the seven services). */
export type PresetCode = "asmt65" | "aismt13" | "acismt" | "aist63" | "astbtp01" | "mt2i38" | "aist43";

/** The id of an indicator of the catalogue. */
export type IndicatorId = "signalements" | "signalements_pre_reprise" | "entrees" | "statut_en_cours" | "statut_refus_integration" | "statut_sortie_negative" | "statut_sortie_positive" | "statut_sortie_neutre" | "statut_aist43_en_cours" | "duree_moyenne_sejour" | "sorties" | "taux_sorties_positives" | "maintiens_realises" | "maintiens_non_realises" | "inaptitudes_avec_licenciement" | "dossiers_traites" | "resultat_amenagement_poste" | "resultat_changement_poste_interne" | "resultat_changement_poste_externe" | "resultat_embauche_cdi" | "resultat_reconversion" | "resultat_creation_entreprise" | "resultat_inaptitude" | "resultat_invalidite" | "resultat_retraite" | "resultat_autre_solution_sociale" | "resultat_perdu_de_vue" | "categorie_sans_suite" | "categorie_info_conseils" | "categorie_facilitation" | "categorie_ingenierie" | "categorie_indeterminee" | "taux_inclusion" | "inaptitude_construite" | "inaptitudes_evitees" | "accompagnement_precoce" | "delai_signalement_contact" | "delai_signalement_plan" | "delai_signalement_sortie" | "suivis_realises" | "en_emploi_6_mois" | "participations_partenaires" | "en_emploi_12_mois" | "cohorte_6_mois" | "cohorte_6_mois_reponses" | "cohorte_6_mois_perdus_de_vue" | "cohorte_6_mois_non_echus" | "cohorte_6_mois_en_emploi" | "cohorte_12_mois" | "cohorte_12_mois_reponses" | "cohorte_12_mois_perdus_de_vue" | "cohorte_12_mois_non_echus" | "cohorte_12_mois_en_emploi" | "rendez_vous_liaison" | "visites_pre_reprise" | "visites_pre_reprise_demande_salarie" | "visites_pre_reprise_demande_employeur" | "visites_pre_reprise_demande_medecin_du_travail" | "visites_pre_reprise_demande_medecin_traitant" | "visites_pre_reprise_demande_medecin_conseil" | "visites_pre_reprise_demande_medecin_specialiste" | "visites_pre_reprise_demandeur_non_renseigne" | "dispositif_essai_encadre" | "dispositif_crpe" | "dispositif_transition_professionnelle" | "signalements_origine_medecin_du_travail" | "signalements_origine_idest" | "signalements_origine_salarie" | "signalements_origine_autre_membre_equipe" | "signalements_origine_employeur" | "signalements_origine_partenaire" | "detection_avant_arret" | "detection_pendant_arret" | "detection_apres_arret";

/** Each code list of the core, by kind: the codes it admits. */
export interface CodeLists {
  nomenclature: "naf_rev2" | "naf_2025";
  employer_kind: "prive" | "public";
  rqth_status: "aucune" | "demande_en_cours" | "reconnue";
  pathology_group: "tms" | "sante_mentale" | "cardiovasculaire" | "cancer" | "neurologique" | "respiratoire" | "autre";
  sick_leave_cause: "maladie_non_professionnelle" | "accident_non_professionnel" | "accident_du_travail" | "maladie_professionnelle" | "maternite";
  source_visit: "embauche" | "vip" | "visite_intermediaire" | "visite_periodique" | "pre_reprise" | "reprise" | "a_la_demande" | "mi_carriere" | "contact_direct" | "autre";
  signaller: "medecin_du_travail" | "idest" | "salarie" | "autre_membre_equipe" | "employeur" | "partenaire";
  requester: "salarie" | "employeur" | "medecin_du_travail" | "medecin_traitant" | "medecin_conseil" | "medecin_specialiste";
  partner: "service_medical_am" | "cpam" | "carsat_service_social" | "cap_emploi" | "agefiph" | "fiphfp" | "mdph" | "oeth" | "france_travail" | "mission_locale" | "opco" | "transition_pro" | "cep" | "bilan_competences" | "centre_de_gestion" | "caf" | "medecin_traitant" | "medecin_specialiste" | "autre";
  event_type: "contact" | "absence_reponse" | "refus_accompagnement" | "analyse_demande" | "referent_designe" | "entretien_qualification" | "avis_attendu" | "avis_recu" | "commission_pleniere" | "plan_propose" | "plan_accepte" | "plan_refuse" | "action_partenaire" | "sortie" | "suivi" | "reouverture";
  cell_role: "charge_maintien" | "medecin_du_travail" | "idest" | "assistant" | "psychologue" | "assistant_social" | "ergonome" | "iprp" | "conseiller_orientation" | "atst";
  expertise: "ergonome" | "psychologue" | "assistant_social" | "medecin_specialiste" | "medecin_conseil" | "technicien_retraite" | "conseiller_orientation" | "cap_emploi" | "autre";
  exit_result: "amenagement_poste" | "changement_poste_interne" | "changement_poste_externe" | "embauche_cdi" | "reconversion" | "creation_entreprise" | "inaptitude" | "invalidite" | "retraite" | "autre_solution_sociale" | "perdu_de_vue";
  category: "sans_suite" | "info_conseils" | "facilitation" | "ingenierie";
  professional: "medecin_du_travail" | "infirmier_delegation";
  exchange_kind: "contact" | "reunion_tripartite" | "accord_employeur" | "refus_employeur";
  referral_direction: "vers_partenaire" | "du_partenaire";
  referral_document: "fiche_signalement" | "fiche_relais" | "courrier";
  referral_outcome: "prise_en_charge" | "refus" | "reorientation";
  measure_kind: "essai_encadre" | "crpe" | "transition_professionnelle";
  stage: "reperage" | "signalement" | "contact" | "analyse" | "qualification" | "inclusion" | "commission" | "mise_en_oeuvre" | "sortie" | "suivi";
  status: "en_cours" | "refus_integration" | "sortie_negative" | "sortie_positive" | "sortie_neutre";
  inclusion: "incluse" | "non_incluse" | "indeterminee";
  criterion_status: "rempli" | "non_rempli" | "inconnu";
  visit_rule: "rendez_vous_liaison" | "pre_reprise" | "reprise" | "mi_carriere";
  visit_obligation: "obligatoire" | "possible" | "realisee" | "non_applicable" | "indeterminee" | "demande_irrecevable";
  alert_level: "information" | "a_echeance" | "en_retard" | "refus";
  measure: "essai_encadre" | "crpe" | "transition_professionnelle" | "inaptitude" | "rqth" | "invalidite";
  problem_type: "reconnaissance_handicap" | "compensation_handicap" | "reconversion" | "arret_invalidite_social" | "recherche_emploi" | "employeur_public" | "ressources_familiales";
  dimension: "secteur" | "pathologie" | "demandeur" | "visite_source" | "categorie" | "tranche_age" | "service";
  age_band: "moins_de_25" | "25_34" | "35_44" | "45_54" | "55_et_plus";
  basis: "harmonise" | "selon_politique";
  cohort_state: "en_emploi" | "sans_emploi" | "sans_reponse" | "non_echu";
  worklist: "analyse_demande" | "pleniere" | "contact_en_retard" | "a_rappeler" | "suivi_a_faire" | "suivi_en_retard" | "visite_reprise" | "pre_reprise_quinzaine";
  document_kind: "convocation_employeur" | "attestation_presence" | "invitation_pre_reprise" | "livret_accompagnement" | "fiche_relais" | "synthese_cloture";
  naf_rev2_section: "A" | "B" | "C" | "D" | "E" | "F" | "G" | "H" | "I" | "J" | "K" | "L" | "M" | "N" | "O" | "P" | "Q" | "R" | "S" | "T" | "U";
  naf_2025_section: "A" | "B" | "C" | "D" | "E" | "F" | "G" | "H" | "I" | "J" | "K" | "L" | "M" | "N" | "O" | "P" | "Q" | "R" | "S" | "T" | "U" | "V";
}

/** The kind of a code list. */
export type CodeListKind = keyof CodeLists;
/** A code of the list `nomenclature`. */
export type NomenclatureCode = CodeLists["nomenclature"];
/** A code of the list `employer_kind`. */
export type EmployerKindCode = CodeLists["employer_kind"];
/** A code of the list `rqth_status`. */
export type RqthStatusCode = CodeLists["rqth_status"];
/** A code of the list `pathology_group`. */
export type PathologyGroupCode = CodeLists["pathology_group"];
/** A code of the list `sick_leave_cause`. */
export type SickLeaveCauseCode = CodeLists["sick_leave_cause"];
/** A code of the list `source_visit`. */
export type SourceVisitCode = CodeLists["source_visit"];
/** A code of the list `signaller`. */
export type SignallerCode = CodeLists["signaller"];
/** A code of the list `requester`. */
export type RequesterCode = CodeLists["requester"];
/** A code of the list `partner`. */
export type PartnerCode = CodeLists["partner"];
/** A code of the list `event_type`. */
export type EventTypeCode = CodeLists["event_type"];
/** A code of the list `cell_role`. */
export type CellRoleCode = CodeLists["cell_role"];
/** A code of the list `expertise`. */
export type ExpertiseCode = CodeLists["expertise"];
/** A code of the list `exit_result`. */
export type ExitResultCode = CodeLists["exit_result"];
/** A code of the list `category`. */
export type CategoryCode = CodeLists["category"];
/** A code of the list `professional`. */
export type ProfessionalCode = CodeLists["professional"];
/** A code of the list `exchange_kind`. */
export type ExchangeKindCode = CodeLists["exchange_kind"];
/** A code of the list `referral_direction`. */
export type ReferralDirectionCode = CodeLists["referral_direction"];
/** A code of the list `referral_document`. */
export type ReferralDocumentCode = CodeLists["referral_document"];
/** A code of the list `referral_outcome`. */
export type ReferralOutcomeCode = CodeLists["referral_outcome"];
/** A code of the list `measure_kind`. */
export type MeasureKindCode = CodeLists["measure_kind"];
/** A code of the list `stage`. */
export type StageCode = CodeLists["stage"];
/** A code of the list `status`. */
export type StatusCode = CodeLists["status"];
/** A code of the list `inclusion`. */
export type InclusionCode = CodeLists["inclusion"];
/** A code of the list `criterion_status`. */
export type CriterionStatusCode = CodeLists["criterion_status"];
/** A code of the list `visit_rule`. */
export type VisitRuleCode = CodeLists["visit_rule"];
/** A code of the list `visit_obligation`. */
export type VisitObligationCode = CodeLists["visit_obligation"];
/** A code of the list `alert_level`. */
export type AlertLevelCode = CodeLists["alert_level"];
/** A code of the list `measure`. */
export type MeasureCode = CodeLists["measure"];
/** A code of the list `problem_type`. */
export type ProblemTypeCode = CodeLists["problem_type"];
/** A code of the list `dimension`. */
export type DimensionCode = CodeLists["dimension"];
/** A code of the list `age_band`. */
export type AgeBandCode = CodeLists["age_band"];
/** A code of the list `basis`. */
export type BasisCode = CodeLists["basis"];
/** A code of the list `cohort_state`. */
export type CohortStateCode = CodeLists["cohort_state"];
/** A code of the list `worklist`. */
export type WorklistCode = CodeLists["worklist"];
/** A code of the list `document_kind`. */
export type DocumentKindCode = CodeLists["document_kind"];
/** A code of the list `naf_rev2_section`. */
export type NafRev2SectionCode = CodeLists["naf_rev2_section"];
/** A code of the list `naf_2025_section`. */
export type Naf2025SectionCode = CodeLists["naf_2025_section"];
