//! The catalogue of the texts of next steps and alerts, in French and
//! English, keyed by a stable code, as validation issues are
//! ([`crate::issue`]): a rule gives a code and its parameters, the text is
//! rendered from the catalogue in both languages. A parameter is never the
//! value of a field of the case (it may be health data): counts, dates the
//! rule computed, the service's own names.
//!
//! Placeholders: `{name}` (the value), `{name:jours}` (a number of days:
//! « 1 jour », « 15 jours » / "1 day", "15 days"), `{name:date}` (an ISO
//! date in running text: « 6 mai 2024 » / "6 May 2024").
//!
//! ```
//! use cme_pdp::issue::Lang;
//! use cme_pdp::texts::{render, TextCode};
//! let params = [("days".to_string(), "15".to_string())].into_iter().collect();
//! assert_eq!(render(TextCode::AttendreContact, &params, Lang::Fr),
//!            "Attendre l'appel du travailleur (dans les 15 jours suivant le signalement), puis le relancer.");
//! assert_eq!(render(TextCode::AttendreContact, &params, Lang::En),
//!            "Wait for the worker's call (within 15 days of the signalement), then call them back.");
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::issue::Lang;

macro_rules! texts {
    ( $( $var:ident = $code:literal [$($param:literal),*] fr: $fr:literal en: $en:literal; )+ ) => {
        /// The code of a text of the catalogue.
        ///
        /// ```
        /// use cme_pdp::texts::TextCode;
        /// assert_eq!(TextCode::from_code("proposer_plan"), Some(TextCode::ProposerPlan));
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum TextCode {
            $( #[doc = $en] $var, )+
        }

        impl TextCode {
            /// Every text of the catalogue.
            pub const ALL: &'static [TextCode] = &[$(TextCode::$var),+];

            /// The stable snake_case code.
            pub fn code(self) -> &'static str {
                match self { $( TextCode::$var => $code, )+ }
            }

            /// The text of a code.
            pub fn from_code(code: &str) -> Option<TextCode> {
                match code { $( $code => Some(TextCode::$var), )+ _ => None }
            }

            /// The parameters its templates use.
            pub fn params(self) -> &'static [&'static str] {
                match self { $( TextCode::$var => &[$($param),*], )+ }
            }

            /// Its template in a language.
            pub fn template(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $( (TextCode::$var, Lang::Fr) => $fr, (TextCode::$var, Lang::En) => $en, )+
                }
            }
        }
    };
}

texts! {
    VerificationReussie = "verification_reussie" ["check"]
        fr: "Vérifié : {check}."
        en: "Verified: {check}.";
    VerificationEchouee = "verification_echouee" ["check"]
        fr: "Échec de la vérification : {check}."
        en: "Verification failed: {check}.";
    AttendreContact = "attendre_contact" ["days"]
        fr: "Attendre l'appel du travailleur (dans les {days:jours} suivant le signalement), puis le relancer."
        en: "Wait for the worker's call (within {days:jours} of the signalement), then call them back.";
    AttendreContactSansDelai = "attendre_contact_sans_delai" []
        fr: "Le travailleur prend contact avec la cellule s'il le souhaite : le service ne fixe ni délai ni relance."
        en: "The worker contacts the cell if they wish: the service sets no deadline and no reminder.";
    AnalyserLaDemande = "analyser_la_demande" []
        fr: "Analyser la demande : orienter vers l'interlocuteur adapté, désigner un référent."
        en: "Analyse the request: direct the worker to the right person, assign a référent.";
    EntretienQualification = "entretien_qualification" []
        fr: "Réaliser l'entretien de qualification (recueil d'informations : parcours, santé, poste, projet)."
        en: "Hold the qualification interview (career path, health, job, plans).";
    CommissionPleniere = "commission_pleniere" []
        fr: "Présenter le dossier en commission plénière pour déterminer le plan d'actions."
        en: "Present the case to the plenary commission to decide the action plan.";
    ElaborerPlan = "elaborer_plan" []
        fr: "Élaborer le plan d'actions avec l'équipe pluridisciplinaire."
        en: "Draw up the action plan with the multidisciplinary team.";
    ProposerPlan = "proposer_plan" []
        fr: "Proposer un plan d'actions au travailleur et au médecin du travail."
        en: "Propose an action plan to the worker and the médecin du travail.";
    RecueillirAccord = "recueillir_accord" []
        fr: "Recueillir l'accord du travailleur sur le plan d'actions proposé."
        en: "Obtain the worker's agreement to the proposed action plan.";
    MettreEnOeuvre = "mettre_en_oeuvre" ["partners"]
        fr: "Mettre en œuvre le plan d'actions avec les partenaires ({partners} partenaire(s) mobilisé(s) à ce jour) et préparer la sortie."
        en: "Carry out the action plan with the partners ({partners} partner(s) involved so far) and prepare the exit.";
    ClasserSansSuite = "classer_sans_suite" []
        fr: "Informer le médecin du travail que le travailleur n'a pas donné suite ; le dossier peut être classé."
        en: "Tell the médecin du travail that the worker did not follow up; the case can be closed.";
    RelancerOuSortie = "relancer_ou_sortie" []
        fr: "Le travailleur ne répond plus : le relancer ; sans réponse, enregistrer sa sortie (« perdu de vue ») et en informer le médecin du travail."
        en: "The worker no longer answers: call them back; without an answer, record their exit (“perdu de vue”) and tell the médecin du travail.";
    DossierClos = "dossier_clos" []
        fr: "Dossier clos : la politique du service ne prévoit pas de suivi après la sortie."
        en: "Case closed: the service's policy has no follow-up after the exit.";
    PlanApresRendezVous = "plan_apres_rendez_vous" ["date"]
        fr: "Établir le plan d'actions du rendez-vous du {date:date} : le service en établit un après chaque rendez-vous."
        en: "Draw up the action plan of the meeting of {date:date}: the service draws one up after each meeting.";
    SuiviAVenir = "suivi_a_venir" ["label", "months"]
        fr: "{label} : prévu {months} mois après la sortie."
        en: "{label}: due {months} months after the exit.";
    EtapeDuService = "etape_du_service" ["name"]
        fr: "Étape du service : « {name} »."
        en: "Service's stage: “{name}”.";
    SiLeDossierLeDemande = "si_le_dossier_le_demande" []
        fr: "Si le dossier le demande :"
        en: "If the case calls for it:";
    ContactTardif = "contact_tardif" ["late", "days"]
        fr: "Le premier contact a eu lieu {late:jours} après l'échéance de {days:jours} suivant le signalement."
        en: "The first contact took place {late:jours} after the deadline of {days:jours} from the signalement.";
    ContactEnRetard = "contact_en_retard" ["days", "late"]
        fr: "Aucun contact du travailleur {days:jours} après le signalement : l'échéance est dépassée de {late:jours}. Relancer le travailleur."
        en: "No contact from the worker {days:jours} after the signalement: the deadline is {late:jours} past. Call the worker back.";
    SuiviEnRetardFenetre = "suivi_en_retard_fenetre" ["label", "late", "months", "until"]
        fr: "{label} : non réalisé, en retard de {late:jours} (échéance {months} mois après la sortie, fenêtre jusqu'à {until} mois)."
        en: "{label}: not done, {late:jours} late (due {months} months after the exit, window up to {until} months).";
    SuiviEnRetardTolerance = "suivi_en_retard_tolerance" ["label", "late", "months", "tolerance"]
        fr: "{label} : non réalisé, en retard de {late:jours} (échéance {months} mois après la sortie, tolérance {tolerance:jours})."
        en: "{label}: not done, {late:jours} late (due {months} months after the exit, tolerance {tolerance:jours}).";
    SuiviAEcheance = "suivi_a_echeance" ["label", "left"]
        fr: "{label} : à réaliser maintenant ({left:jours_restants} avant l'échéance)."
        en: "{label}: to do now ({left:jours_restants} before the deadline).";
    VisiteRepriseAOrganiser = "visite_reprise_a_organiser" ["due", "left"]
        fr: "Visite de reprise à organiser au plus tard le {due:date} ({left:jours_restants})."
        en: "Return-to-work visit to arrange by {due:date} ({left:jours_restants}).";
    VisiteRepriseEnRetard = "visite_reprise_en_retard" ["due", "late"]
        fr: "Aucune visite de reprise enregistrée : l'échéance du {due:date} est dépassée de {late:jours}."
        en: "No return-to-work visit recorded: the deadline of {due:date} is {late:jours} past.";
    PreRepriseDeLaQuinzaine = "pre_reprise_de_la_quinzaine" ["date", "start", "end"]
        fr: "Visite de pré-reprise du {date:date}, dans la liste de la quinzaine du {start:date} au {end:date} à transmettre au médecin du travail."
        en: "Pré-reprise visit of {date:date}, in the list of the half-month from {start:date} to {end:date} to send to the médecin du travail.";
    SuiviRealiseEnRetard = "suivi_realise_en_retard" ["label", "date", "late"]
        fr: "{label} : réalisé le {date:date}, {late:jours} après l'échéance."
        en: "{label}: done on {date:date}, {late:jours} after the deadline.";
    HorsCible = "hors_cible" ["min_age"]
        fr: "Hors cible : la cellule ne prenait alors que les travailleurs d'au moins {min_age} ans au signalement."
        en: "Outside the target: the cell then took only workers aged {min_age} or more at the signalement.";
    EvenementRefuse = "evenement_refuse" ["message_fr", "message_en"]
        fr: "Événement refusé : {message_fr}"
        en: "Event refused: {message_en}";
    // --- Reasons of the stage, status and targeting decisions ---
    EtapesFranchies = "etapes_franchies" ["steps"]
        fr: "Étapes franchies, en jours après le signalement : {steps}."
        en: "Stages reached, in days after the signalement: {steps}.";
    NomDuService = "nom_du_service" ["name"]
        fr: "Le service nomme cette étape « {name} »."
        en: "The service calls this stage “{name}”.";
    EvenementsPosterieurs = "evenements_posterieurs" ["events"]
        fr: "{events} événement(s) daté(s) après la date d'évaluation ne sont pas pris en compte."
        en: "{events} event(s) dated after the evaluation date are not taken into account.";
    ResultatDeSortie = "resultat_de_sortie" ["result", "outcome", "policy"]
        fr: "Sortie de la cellule avec le résultat « {result} », classé « {outcome} » par la politique {policy}."
        en: "Exit from the cell with the result “{result}”, classed “{outcome}” by the policy {policy}.";
    RefusIntegrationStatut = "refus_integration_statut" []
        fr: "Le travailleur a refusé d'intégrer la cellule."
        en: "The worker refused to join the cell.";
    SortiePerduDeVue = "sortie_perdu_de_vue" ["entered", "since", "result", "outcome", "policy"]
        fr: "Le travailleur est entré dans la cellule le {entered:date} puis ne répond plus depuis le {since:date} : il a quitté la cellule. C'est une sortie « {result} », classée « {outcome} » par la politique {policy} (et non un refus d'intégration, qui suppose de n'être jamais entré)."
        en: "The worker entered the cell on {entered:date} and has not answered since {since:date}: they have left the cell. This is an exit “{result}”, classed “{outcome}” by the policy {policy} (not a refusal to join, which means never having entered).";
    AbsenceReponseStatut = "absence_reponse_statut" []
        fr: "Le travailleur n'a pas donné suite aux appels et courriers : il n'a pas intégré la cellule."
        en: "The worker did not respond to calls and letters: they did not join the cell.";
    PasDeSortie = "pas_de_sortie" []
        fr: "Ni sortie ni refus enregistrés : le dossier est en cours."
        en: "No exit and no refusal recorded: the case is ongoing.";
    CiblageAgeInconnu = "ciblage_age_inconnu" ["min_age"]
        fr: "La cellule ne prenait alors que les travailleurs d'au moins {min_age} ans : l'âge du travailleur est inconnu."
        en: "The cell then took only workers aged {min_age} or more: the worker's age is unknown.";
    CiblageAgeDansLaCible = "ciblage_age_dans_la_cible" ["min_age"]
        fr: "Le travailleur avait au moins {min_age} ans au signalement : il relevait du public ciblé."
        en: "The worker was at least {min_age} at the signalement: they were within the target.";
    // --- Reasons of the category ---
    ChoixEquipe = "choix_equipe" ["category"]
        fr: "L'équipe a retenu la catégorie « {category} » et l'a justifié par écrit."
        en: "The team chose the category “{category}” and gave its reasons in writing.";
    ChoixEquipeAutre = "choix_equipe_autre" ["category", "derived"]
        fr: "L'équipe a retenu la catégorie « {category} » et l'a justifié par écrit ; les règles auraient conduit à « {derived} »."
        en: "The team chose the category “{category}” and gave its reasons in writing; the rules would have led to “{derived}”.";
    ChoixEquipeMeme = "choix_equipe_meme" ["category"]
        fr: "L'équipe a retenu la catégorie « {category} » et l'a justifié par écrit ; les règles conduisent à la même catégorie."
        en: "The team chose the category “{category}” and gave its reasons in writing; the rules lead to the same category.";
    RefusAccompagnement = "refus_accompagnement" []
        fr: "Le travailleur a refusé l'accompagnement."
        en: "The worker refused the accompaniment.";
    AbsenceReponseCategorie = "absence_reponse_categorie" []
        fr: "Le travailleur n'a pas répondu aux appels et courriers et n'a jamais pris contact."
        en: "The worker did not answer calls and letters and never made contact.";
    PlanRefuseSelonPolitique = "plan_refuse_selon_politique" ["policy", "category"]
        fr: "Le travailleur a refusé le plan d'actions et n'en a accepté aucun : la politique {policy} classe ce cas « {category} »."
        en: "The worker refused the action plan and accepted none: the policy {policy} classes this case “{category}”.";
    PlanRefuse = "plan_refuse" []
        fr: "Le travailleur a refusé le plan d'actions et n'en a accepté aucun."
        en: "The worker refused the action plan and accepted none.";
    CriteresInclusion = "criteres_inclusion" []
        fr: "Situation complexe : les critères d'inclusion dans l'accompagnement pluridisciplinaire sont remplis."
        en: "Complex situation: the criteria for inclusion in the multidisciplinary accompaniment are met.";
    PlusieursPartenaires = "plusieurs_partenaires" ["partners"]
        fr: "Coordination de plusieurs acteurs : {partners} partenaires distincts interviennent."
        en: "Several actors to coordinate: {partners} distinct partners are involved.";
    SolutionSimple = "solution_simple" []
        fr: "Une solution a déjà été identifiée à l'analyse de la demande : il s'agit d'aider à sa mise en œuvre."
        en: "A solution was already identified when the request was analysed: the task is to help carry it out.";
    PlanAccepte = "plan_accepte" []
        fr: "Un plan d'actions a été accepté sans que la situation réunisse les critères de l'ingénierie : aide à la mise en œuvre du plan."
        en: "An action plan was accepted without the situation meeting the criteria of ingénierie: help carrying out the plan.";
    AccompagnementCourt = "accompagnement_court" []
        fr: "Accompagnement court : le travailleur a quitté la cellule sans plan d'actions (informations et conseils)."
        en: "Short accompaniment: the worker left the cell without an action plan (information and advice).";
    CategorieIndeterminee = "categorie_indeterminee" []
        fr: "Les faits enregistrés ne suffisent pas encore à situer le dossier dans une catégorie."
        en: "The recorded facts are not yet enough to place the case in a category.";
    ManqueSolutionSimple = "manque_solution_simple" []
        fr: "Indiquer, à l'analyse de la demande, si une solution simple a été identifiée."
        en: "Record, at the analysis of the request, whether a simple solution was identified.";
    ManquePlanCategorie = "manque_plan_categorie" []
        fr: "La catégorie se précise avec le plan d'actions, les avis attendus ou la sortie."
        en: "The category becomes clear with the action plan, the expected opinions or the exit.";
    // --- Inclusion criteria ---
    AvisAttendusRempli = "avis_attendus_rempli" ["expected", "min"]
        fr: "{expected} avis d'experts distincts attendus (seuil : au moins {min})."
        en: "{expected} distinct expert opinions expected (threshold: at least {min}).";
    AvisAttendusInconnu = "avis_attendus_inconnu" ["expected", "min"]
        fr: "{expected} avis attendu(s) à ce jour (seuil : au moins {min}) ; l'entretien de qualification n'a pas encore eu lieu."
        en: "{expected} opinion(s) expected so far (threshold: at least {min}); the qualification interview has not taken place yet.";
    AvisAttendusNonRempli = "avis_attendus_non_rempli" ["expected", "min"]
        fr: "{expected} avis d'experts distincts attendus, moins que le seuil de {min}."
        en: "{expected} distinct expert opinions expected, fewer than the threshold of {min}.";
    ManqueAvisAttendus = "manque_avis_attendus" []
        fr: "Les avis d'experts attendus se décident au recueil d'informations : enregistrer l'entretien de qualification et les avis attendus."
        en: "The expert opinions expected are decided when information is gathered: record the qualification interview and the expected opinions.";
    SansSolutionSimpleRempli = "absence_solution_simple_rempli" []
        fr: "L'analyse de la demande n'a pas identifié de solution simple."
        en: "The analysis of the request identified no simple solution.";
    SansSolutionSimpleNonRempli = "absence_solution_simple_non_rempli" []
        fr: "L'analyse de la demande a identifié une solution simple."
        en: "The analysis of the request identified a simple solution.";
    SansSolutionSimpleInconnu = "absence_solution_simple_inconnu" []
        fr: "On ne sait pas encore si une solution simple existe (analyse de la demande non renseignée)."
        en: "Whether a simple solution exists is not known yet (analysis of the request not recorded).";
    // --- Scope of the legal rules ---
    SecteurPublicAVerifier = "secteur_public_a_verifier" []
        fr: "Règles du secteur privé appliquées (Code du travail, régime général) : à vérifier pour un agent titulaire de la fonction publique, qui relève d'autres textes."
        en: "Private-sector rules applied (Code du travail, general scheme): to be checked for a tenured civil servant, who falls under other texts.";
    // --- The legal calendar: versions and facts that choose them ---
    VersionImposee = "version_imposee" ["part", "version", "dated"]
        fr: "{part} : la version {version} est appliquée par l'option de comparaison des seuils, quelle que soit la date de début de l'arrêt (cette date aurait choisi la version {dated})."
        en: "{part}: version {version} is applied by the thresholds comparison option, whatever the start of the leave (that date would have chosen version {dated}).";
    Version = "version" ["part", "version", "summary", "fact", "date"]
        fr: "{part} : version {version} ({summary}), choisie par {fact} ({date:date})."
        en: "{part}: version {version} ({summary}), chosen by {fact} ({date:date}).";
    VersionMesure = "version_mesure" ["version", "summary", "fact", "date"]
        fr: "Version appliquée : {version} ({summary}), choisie par : {fact} ({date:date})."
        en: "Version applied: {version} ({summary}), chosen by: {fact} ({date:date}).";
    FaitDateVisite = "fait_date_visite" []
        fr: "la date de la visite"
        en: "the date of the visit";
    FaitDateRendezVous = "fait_date_rendez_vous" []
        fr: "la date du rendez-vous"
        en: "the date of the meeting";
    FaitDernierJourSansRendezVous = "fait_dernier_jour_sans_rendez_vous" []
        fr: "le dernier jour de l'absence, aucun rendez-vous n'étant enregistré"
        en: "the last day of the absence, no meeting being recorded";
    FaitPremierJourPossible = "fait_premier_jour_possible" []
        fr: "le premier jour de l'absence où un rendez-vous peut se tenir, aucun rendez-vous n'étant enregistré"
        en: "the first day of the absence when a meeting can be held, no meeting being recorded";
    FaitDebutAbsence = "fait_debut_absence" []
        fr: "le début de l'absence"
        en: "the start of the absence";
    FaitDateDemande = "fait_date_demande" []
        fr: "la date de la demande"
        en: "the date of the request";
    FaitDateReprise = "fait_date_reprise" []
        fr: "la date de la reprise"
        en: "the date of the return to work";
    FaitAnneeInconnue = "fait_annee_inconnue" []
        fr: "l'entrée en vigueur de la visite, l'année n'étant pas connue"
        en: "the entry into force of the visit, the year not being known";
    FaitFinAnneeDue = "fait_fin_annee_due" []
        fr: "la fin de l'année où la visite est due"
        en: "the end of the year when the visit is due";
    // --- The legal calendar: reasons with parameters ---
    AbsenceContinue = "absence_continue" ["prescriptions", "length"]
        fr: "L'absence réunit {prescriptions} prescriptions successives sans jour de travail entre elles (arrêt initial et prolongations) : elle compte pour une seule absence, de {length:jours}."
        en: "The absence joins {prescriptions} successive prescriptions with no working day between them (initial leave and extensions): it counts as one absence, of {length:jours}.";
    AbsenceContinueEnCours = "absence_continue_en_cours" ["prescriptions", "length"]
        fr: "L'absence réunit {prescriptions} prescriptions successives sans jour de travail entre elles (arrêt initial et prolongations) : elle compte pour une seule absence, de déjà {length:jours}."
        en: "The absence joins {prescriptions} successive prescriptions with no working day between them (initial leave and extensions): it counts as one absence, already {length:jours} long.";
    RealiseePar = "realisee_par" ["professional"]
        fr: "Visite réalisée par : {professional}."
        en: "Visit carried out by: {professional}.";
    OppositionTransmission = "opposition_transmission" ["date"]
        fr: "Le {date:date}, le travailleur s'est opposé à la transmission des recommandations du médecin du travail à l'employeur et au médecin conseil : elles ne leur sont pas communiquées."
        en: "On {date:date}, the worker objected to the médecin du travail's recommendations being sent to the employer and the médecin conseil: they are not passed on to them.";
    ADistanceAvant2022 = "a_distance_avant_2022" []
        fr: "Visite réalisée à distance avant le 28 avril 2022 : la télésanté au travail n'était pas encore prévue par R4624-41-1 (dérogations temporaires non encodées)."
        en: "Visit carried out remotely before 28 April 2022: occupational telehealth was not yet provided for by R4624-41-1 (temporary derogations not encoded).";
    ADistance = "a_distance" []
        fr: "Visite réalisée à distance (télésanté), possible depuis le 28 avril 2022."
        en: "Visit carried out remotely (telehealth), possible since 28 April 2022.";
    AbsencesDiscontinues = "absences_discontinues" ["total"]
        fr: "Option retenue : les absences sont comptées ensemble, continues ou non ({total:jours} au total). Lecture d'un questions-réponses du ministère, à confirmer ; le décret parle de « l'absence »."
        en: "Option chosen: absences are counted together, continuous or not ({total:jours} in total). A reading of a ministry Q&A, to be confirmed; the decree speaks of “the absence”.";
    AbsencePlusDe30Jours = "absence_plus_de_30_jours" ["length"]
        fr: "L'absence dure {length:jours} : plus de 30 jours. Le rendez-vous est organisé à l'initiative de l'employeur ou du salarié, le service de prévention et de santé au travail y est associé ; le salarié peut le refuser sans conséquence ; aucune information médicale n'y est échangée."
        en: "The absence lasts {length:jours}: more than 30 days. The meeting is organised at the initiative of the employer or the employee, the occupational health service takes part; the employee may refuse it without consequence; no medical information is exchanged.";
    AbsencePlusDe30JoursEnCours = "absence_plus_de_30_jours_en_cours" ["length"]
        fr: "L'absence dure déjà {length:jours} : plus de 30 jours. Le rendez-vous est organisé à l'initiative de l'employeur ou du salarié, le service de prévention et de santé au travail y est associé ; le salarié peut le refuser sans conséquence ; aucune information médicale n'y est échangée."
        en: "The absence has already lasted {length:jours}: more than 30 days. The meeting is organised at the initiative of the employer or the employee, the occupational health service takes part; the employee may refuse it without consequence; no medical information is exchanged.";
    RendezVousTenu = "rendez_vous_tenu" ["date"]
        fr: "Le rendez-vous de liaison a eu lieu le {date:date}."
        en: "The liaison meeting took place on {date:date}.";
    Absence30JoursAuPlus = "absence_30_jours_au_plus" ["length"]
        fr: "L'absence dure {length:jours} : il faut plus de 30 jours."
        en: "The absence lasts {length:jours}: more than 30 days are needed.";
    DureeInconnueLiaison = "duree_inconnue_liaison" ["length"]
        fr: "L'arrêt dure déjà {length:jours} ; sa fin n'est pas connue."
        en: "The leave has already lasted {length:jours}; its end is not known.";
    MedecinDuTravailAvant2022 = "medecin_du_travail_avant_2022" ["date"]
        fr: "Le médecin du travail ne peut demander une visite de pré-reprise que depuis le 31 mars 2022 (L4624-2-4) ; la demande est du {date:date}."
        en: "The médecin du travail may request a pre-return visit only since 31 March 2022 (L4624-2-4); the request is dated {date:date}.";
    DemandeurNonPrevu = "demandeur_non_prevu" ["requester"]
        fr: "{requester} ne fait pas partie des demandeurs prévus par la version applicable."
        en: "{requester} is not among the requesters provided for by the applicable version.";
    DemandeurHabilite = "demandeur_habilite" ["requester"]
        fr: "{requester} peut demander la visite de pré-reprise."
        en: "{requester} may request the pre-return visit.";
    PreRepriseRealisee = "pre_reprise_realisee" ["date"]
        fr: "La visite de pré-reprise a eu lieu le {date:date}."
        en: "The pre-return visit took place on {date:date}.";
    SeuilPlusDe30Jours = "seuil_plus_de_30_jours" []
        fr: "plus de 30 jours"
        en: "more than 30 days";
    SeuilPlusDe3Mois = "seuil_plus_de_3_mois" []
        fr: "plus de 3 mois"
        en: "more than 3 months";
    ArretAssezLong = "arret_assez_long" ["length", "threshold"]
        fr: "L'arrêt dure {length:jours} : {threshold} (seuil choisi par le début de l'arrêt). La visite peut être demandée par le salarié, le médecin traitant, le médecin conseil et, depuis le 31 mars 2022, le médecin du travail — jamais par l'employeur."
        en: "The leave lasts {length:jours}: {threshold} (threshold chosen by the start of the leave). The visit may be requested by the employee, the general practitioner, the médecin conseil and, since 31 March 2022, the médecin du travail — never by the employer.";
    ArretAssezLongEnCours = "arret_assez_long_en_cours" ["length", "threshold"]
        fr: "L'arrêt dure déjà {length:jours} : {threshold} (seuil choisi par le début de l'arrêt). La visite peut être demandée par le salarié, le médecin traitant, le médecin conseil et, depuis le 31 mars 2022, le médecin du travail — jamais par l'employeur."
        en: "The leave has already lasted {length:jours}: {threshold} (threshold chosen by the start of the leave). The visit may be requested by the employee, the general practitioner, the médecin conseil and, since 31 March 2022, the médecin du travail — never by the employer.";
    ArretTropCourt = "arret_trop_court" ["length", "threshold"]
        fr: "L'arrêt dure {length:jours} : il faut {threshold}."
        en: "The leave lasts {length:jours}: {threshold} are needed.";
    DureeInconnuePreReprise = "duree_inconnue_pre_reprise" ["length", "threshold"]
        fr: "L'arrêt dure déjà {length:jours} ; il faut {threshold}."
        en: "The leave has already lasted {length:jours}; {threshold} are needed.";
    CongeMaternite = "conge_maternite" []
        fr: "Après un congé de maternité, la visite de reprise est obligatoire."
        en: "After maternity leave, the return-to-work visit is mandatory.";
    RepriseMaladieProfessionnelle = "reprise_maladie_professionnelle" []
        fr: "Après une absence pour maladie professionnelle, quelle que soit sa durée, la visite de reprise est obligatoire."
        en: "After an absence for occupational disease, whatever its length, the return-to-work visit is mandatory.";
    AccidentDuTravailDuree = "accident_du_travail_duree" ["length"]
        fr: "Accident du travail, absence de {length:jours} : la visite est obligatoire à partir de 30 jours."
        en: "Work accident, absence of {length:jours}: the visit is mandatory from 30 days.";
    NonProfessionnelApres2022 = "non_professionnel_apres_2022" ["cause", "length", "threshold"]
        fr: "{cause}, absence de {length:jours} : la visite est obligatoire à partir de {threshold} jours pour un arrêt commencé après le 31 mars 2022."
        en: "{cause}, absence of {length:jours}: the visit is mandatory from {threshold} days for a leave that began after 31 March 2022.";
    NonProfessionnelAvant2022 = "non_professionnel_avant_2022" ["cause", "length", "threshold"]
        fr: "{cause}, absence de {length:jours} : la visite est obligatoire à partir de {threshold} jours pour un arrêt commencé au plus tard le 31 mars 2022."
        en: "{cause}, absence of {length:jours}: the visit is mandatory from {threshold} days for a leave that began on or before 31 March 2022.";
    RepriseRealiseeEnRetard = "realisee_en_retard" ["date", "late", "due"]
        fr: "La visite de reprise a eu lieu le {date:date}, {late:jours} après l'échéance du {due:date}."
        en: "The return-to-work visit took place on {date:date}, {late:jours} after the due date of {due:date}.";
    RepriseRealiseeDansLeDelai = "realisee_dans_le_delai" ["date", "due"]
        fr: "La visite de reprise a eu lieu le {date:date}, dans le délai (échéance du {due:date})."
        en: "The return-to-work visit took place on {date:date}, on time (due date {due:date}).";
    Delai8Jours = "delai_8_jours" []
        fr: "La visite a lieu le jour de la reprise et au plus tard dans les 8 jours."
        en: "The visit takes place on the day of the return and within 8 days at the latest.";
    Delai8JoursProvisoire = "delai_8_jours_provisoire" []
        fr: "La visite a lieu le jour de la reprise et au plus tard dans les 8 jours (reprise prévue : échéance provisoire)."
        en: "The visit takes place on the day of the return and within 8 days at the latest (expected return: provisional due date).";
    Delai8JoursDepasse = "delai_8_jours_depasse" ["overdue"]
        fr: "La visite a lieu le jour de la reprise et au plus tard dans les 8 jours ; aucune visite n'est enregistrée et l'échéance est passée de {overdue:jours}."
        en: "The visit takes place on the day of the return and within 8 days at the latest; no visit is recorded and the due date is {overdue:jours} past.";
    Delai8JoursProvisoireDepasse = "delai_8_jours_provisoire_depasse" ["overdue"]
        fr: "La visite a lieu le jour de la reprise et au plus tard dans les 8 jours (reprise prévue : échéance provisoire) ; aucune visite n'est enregistrée et l'échéance est passée de {overdue:jours}."
        en: "The visit takes place on the day of the return and within 8 days at the latest (expected return: provisional due date); no visit is recorded and the due date is {overdue:jours} past.";
    MiCarriereInexistante = "mi_carriere_inexistante" ["age"]
        fr: "L'année des {age} ans du travailleur est antérieure à 2022 : la visite de mi-carrière n'existait pas."
        en: "The year of the worker's {age}th birthday is before 2022: the mid-career visit did not exist.";
    AnneeAnniversaireBranche = "annee_anniversaire_branche" ["age"]
        fr: "La visite a lieu durant l'année civile des {age} ans du travailleur (âge fixé par accord de branche) ; elle peut être réalisée avec une autre visite prévue dans les deux ans qui précèdent."
        en: "The visit takes place during the calendar year of the worker's {age}th birthday (age set by a branch agreement); it may be combined with another visit due in the two previous years.";
    AnneeAnniversaire = "annee_anniversaire" ["age"]
        fr: "La visite a lieu durant l'année civile des {age} ans du travailleur (à défaut d'accord de branche) ; elle peut être réalisée avec une autre visite prévue dans les deux ans qui précèdent."
        en: "The visit takes place during the calendar year of the worker's {age}th birthday (in the absence of a branch agreement); it may be combined with another visit due in the two previous years.";
    EntretienParcoursOption = "entretien_parcours_option" ["from"]
        fr: "La visite est suivie d'un entretien de parcours professionnel avec l'employeur (loi n° 2025-989). Date d'entrée en vigueur à confirmer (26 octobre 2025 ou 1er octobre 2026) : cme retient le {from:date} (option entretien_parcours_from)."
        en: "The visit is followed by a career interview with the employer (loi n° 2025-989). Date of entry into force to be confirmed (26 October 2025 or 1 October 2026): cme takes {from:date} (option entretien_parcours_from).";
    EntretienParcoursDefaut = "entretien_parcours_defaut" ["from"]
        fr: "La visite est suivie d'un entretien de parcours professionnel avec l'employeur (loi n° 2025-989). Date d'entrée en vigueur à confirmer (26 octobre 2025 ou 1er octobre 2026) : cme retient le {from:date} par défaut."
        en: "The visit is followed by a career interview with the employer (loi n° 2025-989). Date of entry into force to be confirmed (26 October 2025 or 1 October 2026): cme takes {from:date} by default.";
    MiCarriereAvecAutreVisite = "mi_carriere_avec_autre_visite" ["date"]
        fr: "La visite a été réalisée le {date:date}, avec une autre visite dans les deux ans qui précèdent l'année due."
        en: "The visit was carried out on {date:date}, with another visit in the two years before the year it was due.";
    MiCarriereApresAnnee = "mi_carriere_apres_annee" ["date"]
        fr: "La visite a été réalisée le {date:date}, après l'année où elle était due."
        en: "The visit was carried out on {date:date}, after the year it was due.";
    MiCarriereRealisee = "mi_carriere_realisee" ["date"]
        fr: "La visite a été réalisée le {date:date}."
        en: "The visit was carried out on {date:date}.";
    PeriodePassee = "periode_passee" ["end"]
        fr: "La période de la visite s'est achevée le {end:date} sans visite de mi-carrière enregistrée."
        en: "The period of the visit ended on {end:date} with no mid-career visit recorded.";
    // --- Measures: reasons with parameters ---
    PasDeDemande = "pas_de_demande" []
        fr: "L'essai encadré est demandé par le travailleur ; il ne l'a pas demandé."
        en: "The supervised trial is requested by the worker; they have not requested it.";
    ManqueDemandeEssai = "manque_demande_essai" []
        fr: "Indiquer si le travailleur demande l'essai encadré."
        en: "Record whether the worker requests the supervised trial.";
    PasDEvaluationCarsat = "pas_d_evaluation_carsat" []
        fr: "L'essai encadré suppose une évaluation préalable par le service social de la Carsat (D323-6-3)."
        en: "The supervised trial requires a prior assessment by the Carsat social service (D323-6-3).";
    ManqueEvaluationCarsat = "manque_evaluation_carsat" []
        fr: "Indiquer si le service social de la Carsat a évalué la demande (D323-6-3)."
        en: "Record whether the Carsat social service has assessed the request (D323-6-3).";
    HorsRegimeGeneral = "hors_regime_general" []
        fr: "L'essai encadré concerne les travailleurs du régime général (salariés, intérimaires, apprentis)."
        en: "The supervised trial concerns workers of the general scheme (employees, temporary workers, apprentices).";
    ManqueRegimeGeneral = "manque_regime_general" []
        fr: "Indiquer si le travailleur relève du régime général (salarié, intérimaire, apprenti)."
        en: "Record whether the worker belongs to the general scheme (employee, temporary worker, apprentice).";
    SixMoisDAbsence = "six_mois_d_absence" ["days"]
        fr: "{days:jours} d'absence pour maladie ou accident dans les 24 mois précédents (au moins six mois) : la condition d'ancienneté est levée."
        en: "{days:jours} of absence for illness or accident in the previous 24 months (at least six months): the length-of-service condition is waived.";
    ConditionDAnciennete = "condition_d_anciennete" ["days"]
        fr: "{days:jours} d'absence pour maladie ou accident dans les 24 mois précédents, moins de six mois : la condition d'ancienneté s'applique, sauf pour un bénéficiaire de l'obligation d'emploi ou un salarié réemployé après un licenciement pour inaptitude."
        en: "{days:jours} of absence for illness or accident in the previous 24 months, less than six months: the length-of-service condition applies, except for a beneficiary of the employment obligation or an employee re-employed after a dismissal for unfitness.";
    RqthReconnue = "rqth_reconnue" []
        fr: "Le travailleur a une RQTH : elle ouvre l'accès aux aides AGEFIPH ou FIPHFP et à Cap emploi ; la décision vaut jusqu'à 10 ans, sans limite si le handicap est permanent (depuis le 1er janvier 2020)."
        en: "The worker has an RQTH: it gives access to AGEFIPH or FIPHFP aids and to Cap emploi; the decision is valid for up to 10 years, without limit if the impairment is permanent (since 1 January 2020).";
    RqthDemandeEnCours = "rqth_demande_en_cours" []
        fr: "Une demande de RQTH est en cours auprès de la MDPH."
        en: "An RQTH application is pending with the MDPH.";
    RqthAEnvisager = "rqth_a_envisager" []
        fr: "Une demande de RQTH auprès de la MDPH peut être envisagée : la reconnaissance vaut jusqu'à 10 ans, sans limite si le handicap est permanent."
        en: "An RQTH application to the MDPH may be considered: the recognition is valid for up to 10 years, without limit if the impairment is permanent.";
    // --- Measures: conditions and dated steps ---
    ConditionDemandeTravailleur = "condition_demande_travailleur" []
        fr: "Demande du travailleur"
        en: "The worker's request";
    ConditionEvaluationCarsat = "condition_evaluation_carsat" []
        fr: "Évaluation préalable par le service social de la Carsat"
        en: "Prior assessment by the Carsat social service";
    ConditionAccordMedecinTraitant = "condition_accord_medecin_traitant" []
        fr: "Accord du médecin traitant"
        en: "Agreement of the general practitioner";
    ConditionAccordMedecinConseil = "condition_accord_medecin_conseil" []
        fr: "Accord du médecin conseil de l'assurance maladie"
        en: "Agreement of the health insurance médecin conseil";
    ConditionAccordMedecinDuTravail = "condition_accord_medecin_du_travail" []
        fr: "Accord du médecin du travail"
        en: "Agreement of the médecin du travail";
    ConditionConventionTripartite = "condition_convention_tripartite" []
        fr: "Convention tripartite (employeur, travailleur, organisme de sécurité sociale)"
        en: "A tripartite agreement (employer, worker, social security body)";
    ConditionExamenMedical = "condition_examen_medical" []
        fr: "Au moins un examen médical du travailleur"
        en: "At least one medical examination of the worker";
    ConditionEtudeDePoste = "condition_etude_de_poste" []
        fr: "Une étude du poste et des conditions de travail"
        en: "A study of the job and the working conditions";
    ConditionEchangeEmployeur = "condition_echange_employeur" []
        fr: "Un échange avec l'employeur"
        en: "An exchange with the employer";
    ConditionDemandeMdph = "condition_demande_mdph" []
        fr: "Demande à la MDPH"
        en: "An application to the MDPH";
    ConditionCapaciteReduite = "condition_capacite_reduite" []
        fr: "Capacité de travail ou de gain réduite d'au moins deux tiers"
        en: "Working or earning capacity reduced by at least two thirds";
    ConditionDecisionMedecinConseil = "condition_decision_medecin_conseil" []
        fr: "Décision du médecin conseil de l'assurance maladie (catégorie 1, 2 ou 3)"
        en: "Decision of the health insurance médecin conseil (category 1, 2 or 3)";
    EtapeFinPremierePeriode = "fin_premiere_periode" []
        fr: "Fin de l'essai (14 jours ouvrables)"
        en: "End of the trial (14 working days)";
    EtapeFinApresRenouvellement = "fin_apres_renouvellement" []
        fr: "Fin de l'essai renouvelé une fois (28 jours ouvrables au total)"
        en: "End of the trial renewed once (28 working days in total)";
    EtapeFinAuPlusTard = "fin_au_plus_tard" []
        fr: "Fin de la convention au plus tard (18 mois)"
        en: "End of the agreement at the latest (18 months)";
    EtapeDebutFenetre = "debut_fenetre" []
        fr: "Début de la période de 24 mois examinée"
        en: "Start of the 24-month period examined";
    EtapeSecondExamenAuPlusTard = "second_examen_au_plus_tard" []
        fr: "Second examen (facultatif) au plus tard (15 jours)"
        en: "Second (optional) examination at the latest (15 days)";
    EtapeRepriseDuSalaire = "reprise_du_salaire" []
        fr: "Reprise du versement du salaire si ni reclassement ni licenciement (1 mois après l'avis)"
        en: "Salary payments resume if neither redeployed nor dismissed (1 month after the opinion)";
    // --- Orientation ---
    ProblematiqueSignalee = "problematique_signalee" ["problem"]
        fr: "Problématique signalée : {problem}."
        en: "Problem reported: {problem}.";
    GrilleOrientation = "grille_orientation" ["why", "partner"]
        fr: "{why} La grille commune oriente vers {partner}."
        en: "{why} The common grid refers to {partner}.";
    GrilleOrientationCondition = "grille_orientation_condition" ["why", "partner", "condition"]
        fr: "{why} La grille commune oriente vers {partner} ({condition})."
        en: "{why} The common grid refers to {partner} ({condition}).";
    ProblemeRqthReconnue = "probleme_rqth_reconnue" []
        fr: "Le travailleur a une RQTH : accompagnement et aides liés au handicap."
        en: "The worker has an RQTH: disability support and aids.";
    ProblemeRqthDemande = "probleme_rqth_demande" []
        fr: "Une demande de RQTH est en cours."
        en: "An RQTH application is pending.";
    ProblemeEnArret = "probleme_en_arret" []
        fr: "Le travailleur est en arrêt de travail à la date d'évaluation."
        en: "The worker is on sick leave at the evaluation date.";
    ProblemeEmployeurPublic = "probleme_employeur_public" []
        fr: "L'employeur relève du secteur public."
        en: "The employer is in the public sector.";
    ConditionEmployeurPrive = "condition_employeur_prive" []
        fr: "employeur privé"
        en: "private employer";
    ConditionEmployeurPublic = "condition_employeur_public" []
        fr: "employeur public"
        en: "public employer";
    ConditionEmployeurAConfirmer = "condition_employeur_a_confirmer" []
        fr: "employeur public ou privé à confirmer"
        en: "public or private employer to be confirmed";
    ConditionJeuneTravailleur = "condition_jeune_travailleur" ["age"]
        fr: "travailleur de moins de {age} ans"
        en: "worker under {age}";
    ConditionAgeAConfirmer = "condition_age_a_confirmer" []
        fr: "âge à confirmer"
        en: "age to be confirmed";
    // --- Reasons and missing facts of the legal calendar, measures and orientation ---
    RegleNonEncodee = "regle_non_encodee" []
        fr: "Fait antérieur au 1er juillet 2012 : cme n'encode pas les règles de cette période."
        en: "Fact before 1 July 2012: cme does not encode the rules of that period.";
    InfirmierAvant2022679 = "infirmier_avant_2022_679" []
        fr: "Une visite réalisée par un infirmier avant le 28 avril 2022 n'est pas prévue par les textes encodés."
        en: "A visit carried out by a nurse before 28 April 2022 is not provided for by the encoded texts.";
    LiaisonInexistant = "liaison_inexistant" []
        fr: "Le rendez-vous de liaison n'existait pas avant le 31 mars 2022 : il ne s'applique qu'aux rendez-vous tenus depuis cette date, y compris pendant un arrêt commencé avant."
        en: "The liaison meeting did not exist before 31 March 2022: it applies only to meetings held since that date, including during a leave that began earlier.";
    AbsenceMaternite = "absence_maternite" []
        fr: "Le rendez-vous de liaison concerne les absences pour maladie ou accident, pas le congé de maternité."
        en: "The liaison meeting concerns absences for illness or accident, not maternity leave.";
    PreRepriseDemandeeParEmployeur = "pre_reprise_demandee_par_employeur" []
        fr: "L'employeur ne peut jamais demander une visite de pré-reprise ; il doit informer le salarié qu'il peut la solliciter."
        en: "The employer may never request a pre-return visit; they must tell the employee that they may ask for it.";
    PreRepriseDemandeurNonHabilite = "pre_reprise_demandeur_non_habilite" []
        fr: "Le médecin spécialiste ne fait pas partie des demandeurs de la visite de pré-reprise."
        en: "A specialist physician is not among those who may request the pre-return visit.";
    DateDemandeInconnue = "date_demande_inconnue" []
        fr: "La date de la demande du médecin du travail n'est pas connue."
        en: "The date of the médecin du travail's request is not known.";
    ArretTermine = "arret_termine" []
        fr: "L'arrêt est terminé à la date d'évaluation : la visite de pré-reprise n'a lieu que pendant l'arrêt."
        en: "The leave has ended at the evaluation date: the pre-return visit takes place only during the leave.";
    FinInconnue = "fin_inconnue" []
        fr: "La fin de l'arrêt n'est pas connue : l'obligation et l'échéance ne peuvent être fixées."
        en: "The end of the leave is not known: the obligation and the due date cannot be set.";
    EmployeurDeclarantAccident = "employeur_declarant_accident" []
        fr: "Le salarié a plusieurs employeurs : la visite de reprise est demandée par l'employeur qui a déclaré l'accident du travail."
        en: "The employee has several employers: the return-to-work visit is requested by the employer who declared the work accident.";
    EmployeurPrincipal = "employeur_principal" []
        fr: "Le salarié a plusieurs employeurs : la visite de reprise est demandée par l'employeur principal (le contrat le plus ancien), dont le service assure le suivi."
        en: "The employee has several employers: the return-to-work visit is requested by the principal employer (the oldest contract), whose service provides the follow-up.";
    Employeur = "employeur" []
        fr: "L'employeur saisit le service de prévention et de santé au travail dès qu'il connaît la date de fin de l'arrêt."
        en: "The employer refers the employee to the occupational health service as soon as they know the end date of the leave.";
    NaissanceInconnue = "naissance_inconnue" []
        fr: "L'année de naissance du travailleur n'est pas connue."
        en: "The worker's year of birth is not known.";
    ManqueFinArretLiaison = "manque_fin_arret_liaison" []
        fr: "La fin (prévue) de l'arrêt est nécessaire pour savoir s'il dépassera 30 jours."
        en: "The (expected) end of the leave is needed to know whether it will exceed 30 days.";
    ManqueDateDemandePreReprise = "manque_date_demande_pre_reprise" []
        fr: "La date de la demande est nécessaire : le médecin du travail peut demander la visite depuis le 31 mars 2022."
        en: "The date of the request is needed: the médecin du travail may request the visit since 31 March 2022.";
    ManqueFinArretPreReprise = "manque_fin_arret_pre_reprise" []
        fr: "La fin (prévue) de l'arrêt est nécessaire pour savoir s'il atteindra la durée requise."
        en: "The (expected) end of the leave is needed to know whether it will reach the required length.";
    ManqueFinArretReprise = "manque_fin_arret_reprise" []
        fr: "La fin de l'arrêt est nécessaire : elle fixe la durée et la date de reprise."
        en: "The end of the leave is needed: it sets the length and the date of return.";
    ManqueNaissanceMiCarriere = "manque_naissance_mi_carriere" []
        fr: "La date ou l'année de naissance est nécessaire pour situer la visite de mi-carrière."
        en: "The date or year of birth is needed to place the mid-career visit.";
    EssaiEncadreInexistant = "essai_encadre_inexistant" []
        fr: "L'essai encadré de l'article L323-3-1 ne peut commencer avant le 31 mars 2022."
        en: "The supervised trial of article L323-3-1 cannot start before 31 March 2022.";
    HorsArret = "hors_arret" []
        fr: "L'essai encadré se déroule pendant l'arrêt de travail : la date de début envisagée est en dehors de l'arrêt."
        en: "The supervised trial takes place during the sick leave: the intended start date is outside the leave.";
    PendantArret = "pendant_arret" []
        fr: "Pendant l'arrêt de travail, le travailleur peut essayer un poste : 14 jours ouvrables au plus, renouvelables une fois, 28 au total (dimanches et jours fériés exclus)."
        en: "During the sick leave, the worker may try out a job: 14 working days at most, renewable once, 28 in total (Sundays and public holidays excluded).";
    DepasseLaFinPrevue = "depasse_la_fin_prevue" []
        fr: "L'essai renouvelé dépasserait la fin (prévue) de l'arrêt : il devra s'achever avec l'arrêt ou l'arrêt être prolongé."
        en: "The renewed trial would go beyond the (expected) end of the leave: it must end with the leave, or the leave be extended.";
    RqthAvant2022 = "rqth_avant_2022" []
        fr: "Avant le 31 mars 2022, la CRPE est ouverte aux travailleurs reconnus handicapés : le travailleur a une RQTH."
        en: "Before 31 March 2022, the CRPE is open to workers recognised as disabled: the worker has an RQTH.";
    SansRqthAvant2022 = "sans_rqth_avant_2022" []
        fr: "Avant le 31 mars 2022, la CRPE est réservée aux travailleurs reconnus handicapés (RQTH)."
        en: "Before 31 March 2022, the CRPE is reserved for workers recognised as disabled (RQTH).";
    RqthInconnue = "rqth_inconnue" []
        fr: "Avant le 31 mars 2022, la CRPE est réservée aux travailleurs reconnus handicapés ; la RQTH n'est pas renseignée."
        en: "Before 31 March 2022, the CRPE is reserved for workers recognised as disabled; the RQTH is not recorded.";
    InapteOuARisque = "inapte_ou_a_risque" []
        fr: "Le travailleur est déclaré inapte, ou le médecin du travail a identifié un risque d'inaptitude."
        en: "The worker is declared unfit, or the médecin du travail has identified a risk of unfitness.";
    NiInapteNiARisque = "ni_inapte_ni_a_risque" []
        fr: "La CRPE s'adresse aux travailleurs déclarés inaptes ou pour qui le médecin du travail a identifié un risque d'inaptitude ; ce n'est pas le cas."
        en: "The CRPE is for workers declared unfit or for whom the médecin du travail has identified a risk of unfitness; this is not the case.";
    ArretIndemnise = "arret_indemnise" []
        fr: "L'arrêt donne lieu à des indemnités journalières."
        en: "The leave gives rise to daily allowances.";
    ArretNonIndemnise = "arret_non_indemnise" []
        fr: "La CRPE pendant l'arrêt suppose un arrêt indemnisé (indemnités journalières)."
        en: "A CRPE during the leave requires a compensated leave (daily allowances).";
    CrpePossible = "crpe_possible" []
        fr: "La CRPE est possible, pour 18 mois au plus."
        en: "The CRPE is possible, for 18 months at most.";
    BeneficiaireObligationEmploi = "beneficiaire_obligation_emploi" []
        fr: "Le travailleur a une RQTH : bénéficiaire de l'obligation d'emploi (L5212-13), la condition d'ancienneté ne lui est pas demandée."
        en: "The worker has an RQTH: as a beneficiary of the employment obligation (L5212-13), the length-of-service condition does not apply to them.";
    ReemploiApresInaptitude = "reemploi_apres_inaptitude" []
        fr: "Réemployé après un licenciement pour inaptitude sans formation entre-temps : la condition d'ancienneté ne lui est pas demandée."
        en: "Re-employed after a dismissal for unfitness without training in between: the length-of-service condition does not apply to them.";
    DerogationInexistante = "derogation_inexistante" []
        fr: "Avant le 31 mars 2022, une absence pour maladie ou accident ne levait pas la condition d'ancienneté : elle s'applique."
        en: "Before 31 March 2022, an absence for illness or accident did not waive the length-of-service condition: it applies.";
    MaladieProfessionnelle = "maladie_professionnelle" []
        fr: "Absence pour maladie professionnelle dans les 24 mois précédents : la condition d'ancienneté est levée."
        en: "Absence for occupational disease in the previous 24 months: the length-of-service condition is waived.";
    ProcedureInaptitude = "procedure_inaptitude" []
        fr: "Un second examen peut avoir lieu dans les 15 jours du premier ; si, un mois après l'avis d'inaptitude, le travailleur n'est ni reclassé ni licencié, l'employeur reprend le versement du salaire."
        en: "A second examination may take place within 15 days of the first; if, one month after the unfitness opinion, the worker is neither redeployed nor dismissed, the employer resumes paying the salary.";
    Invalidite = "invalidite" []
        fr: "Une pension d'invalidité peut être envisagée lorsque la capacité de travail est réduite d'au moins deux tiers ; elle se cumule, en catégorie 1, avec une activité adaptée."
        en: "An invalidity pension may be considered when working capacity is reduced by at least two thirds; in category 1 it can be combined with an adapted activity.";
    ManqueRqthCrpe = "manque_rqth_crpe" []
        fr: "Indiquer si le travailleur a une RQTH : avant le 31 mars 2022, la CRPE lui est réservée."
        en: "Record whether the worker has an RQTH: before 31 March 2022, the CRPE is reserved for them.";
    ManqueRisqueInaptitude = "manque_risque_inaptitude" []
        fr: "Indiquer si le travailleur est déclaré inapte ou si le médecin du travail a identifié un risque d'inaptitude."
        en: "Record whether the worker is declared unfit or whether the médecin du travail has identified a risk of unfitness.";
    ManqueIndemnitesJournalieres = "manque_indemnites_journalieres" []
        fr: "Indiquer si l'arrêt donne lieu à des indemnités journalières."
        en: "Record whether the leave gives rise to daily allowances.";
    ManqueRqthTransition = "manque_rqth_transition" []
        fr: "Indiquer si le travailleur bénéficie de l'obligation d'emploi (RQTH notamment) : la condition d'ancienneté ne lui est alors pas demandée."
        en: "Record whether the worker is a beneficiary of the employment obligation (RQTH in particular): the length-of-service condition then does not apply to them.";
    ManqueReemploiApresInaptitude = "manque_reemploi_apres_inaptitude" []
        fr: "Indiquer si le travailleur a été réemployé après un licenciement pour inaptitude sans formation entre-temps."
        en: "Record whether the worker was re-employed after a dismissal for unfitness without training in between.";
    ManqueEmployeurOrientation = "manque_employeur_orientation" []
        fr: "Indiquer si l'employeur est public ou privé (AGEFIPH ou FIPHFP, centre de gestion)."
        en: "Record whether the employer is public or private (AGEFIPH or FIPHFP, centre de gestion).";
    ManqueNaissanceOrientation = "manque_naissance_orientation" []
        fr: "L'âge du travailleur décide de l'orientation vers la Mission locale."
        en: "The worker's age decides the referral to the Mission locale.";
    Consentement = "consentement" []
        fr: "Le travailleur a consenti au partage d'informations avec ce partenaire."
        en: "The worker consented to sharing information with this partner.";
    ConsentementRetire = "consentement_retire" []
        fr: "Bloqué : le travailleur a retiré son consentement au partage avec ce partenaire ; le retrait vaut à compter de sa date."
        en: "Blocked: the worker withdrew their consent to sharing with this partner; the withdrawal applies from its date.";
    SansConsentement = "sans_consentement" []
        fr: "Bloqué : le travailleur n'a pas consenti au partage d'informations avec ce partenaire. Recueillir son accord avant tout contact."
        en: "Blocked: the worker has not consented to sharing information with this partner. Obtain their agreement before any contact.";
    ManqueNaissanceCiblage = "manque_naissance_ciblage" []
        fr: "La date ou l'année de naissance est nécessaire pour appliquer la règle de ciblage par âge."
        en: "The date or year of birth is needed to apply the age targeting rule.";
}

/// "N jour(s)" in French.
///
/// ```
/// assert_eq!(cme_pdp::explain::days_fr(1), "1 jour");
/// assert_eq!(cme_pdp::explain::days_fr(12), "12 jours");
/// ```
pub fn days_fr(n: i64) -> String {
    if n.abs() <= 1 {
        format!("{n} jour")
    } else {
        format!("{n} jours")
    }
}

/// "N jour(s) restant(s)" in French, the adjective agreed with the number:
/// « 1 jour restant », « 28 jours restants ».
///
/// ```
/// assert_eq!(cme_pdp::texts::days_left_fr(0), "0 jour restant");
/// assert_eq!(cme_pdp::texts::days_left_fr(1), "1 jour restant");
/// assert_eq!(cme_pdp::texts::days_left_fr(28), "28 jours restants");
/// ```
pub fn days_left_fr(n: i64) -> String {
    if n.abs() <= 1 {
        format!("{n} jour restant")
    } else {
        format!("{n} jours restants")
    }
}

/// A date in running French: « 9 novembre 2024 », « 1er mars 2022 ».
///
/// ```
/// use chrono::NaiveDate;
/// assert_eq!(cme_pdp::explain::date_fr(NaiveDate::from_ymd_opt(2024, 11, 9).unwrap()), "9 novembre 2024");
/// assert_eq!(cme_pdp::explain::date_fr(NaiveDate::from_ymd_opt(2022, 3, 1).unwrap()), "1er mars 2022");
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

/// A date in running English: "6 May 2024".
///
/// ```
/// let d = chrono::NaiveDate::from_ymd_opt(2024, 5, 6).unwrap();
/// assert_eq!(cme_pdp::texts::date_en(d), "6 May 2024");
/// let d = chrono::NaiveDate::from_ymd_opt(2023, 12, 31).unwrap();
/// assert_eq!(cme_pdp::texts::date_en(d), "31 December 2023");
/// ```
pub fn date_en(date: NaiveDate) -> String {
    use chrono::Datelike;
    // written out rather than with chrono's formatter, whose machinery
    // weighs about 10 KB in the browser's form module
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = MONTHS.get(date.month0() as usize).copied().unwrap_or("");
    format!("{} {month} {}", date.day(), date.year())
}

fn days_en(n: i64) -> String {
    if n.abs() == 1 {
        format!("{n} day")
    } else {
        format!("{n} days")
    }
}

/// The text of a code with its parameters, in a language. An unknown
/// placeholder is left as it is (a test checks that every template uses
/// only its declared parameters).
pub fn render(code: TextCode, params: &BTreeMap<String, String>, lang: Lang) -> String {
    crate::issue::fill(code.template(lang), params, |value, format| {
        format_value(value, format, lang)
    })
}

fn format_value(value: &str, format: &str, lang: Lang) -> String {
    match (format, lang) {
        ("jours", Lang::Fr) => value
            .parse()
            .map(days_fr)
            .unwrap_or_else(|_| value.to_string()),
        ("jours", Lang::En) => value
            .parse()
            .map(days_en)
            .unwrap_or_else(|_| value.to_string()),
        ("jours_restants", Lang::Fr) => value
            .parse()
            .map(days_left_fr)
            .unwrap_or_else(|_| value.to_string()),
        ("jours_restants", Lang::En) => value
            .parse()
            .map(|n: i64| format!("{} left", days_en(n)))
            .unwrap_or_else(|_| value.to_string()),
        ("date", Lang::Fr) => {
            crate::dates::parse_iso_date(value).map_or_else(|| value.to_string(), date_fr)
        }
        ("date", Lang::En) => {
            crate::dates::parse_iso_date(value).map_or_else(|| value.to_string(), date_en)
        }
        _ => value.to_string(),
    }
}

/// A text with its code and parameters, rendered in French and English
/// when asked ([`Text::fr`], [`Text::en`]): what a next step or an alert
/// carries. Adding parameters does not render anything, so a text is
/// rendered once per language however many parameters it has.
///
/// ```
/// use cme_pdp::texts::{Text, TextCode};
/// let t = Text::new(TextCode::SuiviAVenir).with("label", "Suivi à 6 mois").with("months", 6);
/// assert_eq!(t.fr(), "Suivi à 6 mois : prévu 6 mois après la sortie.");
/// assert_eq!(t.en(), "Suivi à 6 mois: due 6 months after the exit.");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Text {
    /// The text's code.
    pub code: TextCode,
    /// Its parameters (a code for a labelled parameter, an ISO date for a
    /// date), with those of the texts put before or after it.
    pub params: BTreeMap<String, String>,
    /// The parameters its own template is rendered with.
    own: BTreeMap<String, String>,
    /// The French and English labels of labelled parameters.
    labels: BTreeMap<String, (String, String)>,
    /// Texts put before it ([`Text::after`]), nearest last.
    before: Vec<Text>,
    /// Texts appended to it ([`Text::then`]), in order.
    following: Vec<Text>,
}

impl Text {
    /// A text without parameters yet.
    pub fn new(code: TextCode) -> Text {
        Text {
            code,
            params: BTreeMap::new(),
            own: BTreeMap::new(),
            labels: BTreeMap::new(),
            before: Vec::new(),
            following: Vec::new(),
        }
    }

    /// Adds a parameter.
    pub fn with(mut self, name: &str, value: impl std::fmt::Display) -> Text {
        let value = value.to_string();
        self.params.insert(name.to_string(), value.clone());
        self.own.insert(name.to_string(), value);
        self
    }

    /// Adds a coded parameter: its code is the parameter, its French or
    /// English label goes in the text.
    ///
    /// ```
    /// use cme_pdp::texts::{Text, TextCode};
    /// use cme_pdp::case::Category;
    /// let t = Text::new(TextCode::PlanRefuseSelonPolitique).with("policy", "aismt13").with_code("category", Category::SansSuite);
    /// assert_eq!(t.params["category"], "sans_suite");
    /// assert!(t.fr().ends_with("« Sans suite »."));
    /// assert!(t.en().ends_with("“No follow-through (sans suite)”."));
    /// ```
    pub fn with_code<C: crate::codes::Code>(self, name: &str, code: C) -> Text {
        self.with_label(name, code.code(), code.label_fr(), code.label_en())
    }

    /// Adds a parameter given by a code and its labels in both languages.
    pub fn with_label(mut self, name: &str, code: &str, fr: &str, en: &str) -> Text {
        self.params.insert(name.to_string(), code.to_string());
        self.own.insert(name.to_string(), code.to_string());
        self.labels
            .insert(name.to_string(), (fr.to_string(), en.to_string()));
        self
    }

    /// Adds another text of the catalogue as a parameter: its code is the
    /// parameter, its rendering goes in the text, its own parameters are
    /// kept.
    pub fn with_text(mut self, name: &str, text: Text) -> Text {
        let (fr, en) = (text.fr(), text.en());
        for (k, v) in text.params {
            self.own.entry(k.clone()).or_insert_with(|| v.clone());
            self.params.entry(k).or_insert(v);
        }
        self.with_label(name, text.code.code(), &fr, &en)
    }

    /// Adds a date (rendered « 6 mai 2024 » / "6 May 2024" by a
    /// `{name:date}` placeholder).
    pub fn with_date(self, name: &str, date: NaiveDate) -> Text {
        self.with(name, date)
    }

    /// Appends another text of the catalogue (the service's stage after a
    /// step), its parameters merged.
    pub fn then(mut self, other: Text) -> Text {
        self.params.extend(other.params.clone());
        self.following.push(other);
        self
    }

    /// Puts another text before this one (« Si le dossier le demande : »).
    pub fn after(mut self, other: Text) -> Text {
        self.params.extend(other.params.clone());
        self.before.push(other);
        self
    }

    /// The text in French.
    pub fn fr(&self) -> String {
        self.render_in(Lang::Fr)
    }

    /// The text in English.
    pub fn en(&self) -> String {
        self.render_in(Lang::En)
    }

    /// The text in both languages, `(French, English)`.
    pub fn rendered(&self) -> (String, String) {
        (self.fr(), self.en())
    }

    fn render_in(&self, lang: Lang) -> String {
        let own = if self.labels.is_empty() {
            render(self.code, &self.own, lang)
        } else {
            let mut params = self.own.clone();
            for (name, (f, e)) in &self.labels {
                let label = if lang == Lang::Fr { f } else { e };
                params.insert(name.clone(), label.clone());
            }
            render(self.code, &params, lang)
        };
        if self.before.is_empty() && self.following.is_empty() {
            return own;
        }
        let mut parts: Vec<String> = self
            .before
            .iter()
            .rev()
            .map(|t| t.render_in(lang))
            .collect();
        parts.push(own);
        parts.extend(self.following.iter().map(|t| t.render_in(lang)));
        parts.join(" ")
    }
}

impl From<TextCode> for Text {
    fn from(code: TextCode) -> Text {
        Text::new(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The English date written out by hand agrees with chrono's own
    /// formatter (an independent oracle) on every day of 1999-2032.
    #[test]
    fn english_dates_agree_with_chrono_on_every_day() {
        let mut d = NaiveDate::from_ymd_opt(1999, 1, 1).expect("a date");
        let end = NaiveDate::from_ymd_opt(2032, 12, 31).expect("a date");
        while d <= end {
            assert_eq!(date_en(d), d.format("%-d %B %Y").to_string());
            d = d.succ_opt().expect("a next day");
        }
    }

    fn placeholders(t: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut rest = t;
        while let Some(start) = rest.find('{') {
            let after = &rest[start + 1..];
            let end = after.find('}').expect("unclosed placeholder");
            let inner = &after[..end];
            out.push(inner.split(':').next().unwrap_or(inner).to_string());
            rest = &after[end + 1..];
        }
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn every_text_has_both_languages_using_its_declared_params() {
        for code in TextCode::ALL {
            let mut declared: Vec<String> = code.params().iter().map(|p| p.to_string()).collect();
            declared.sort();
            for lang in [Lang::Fr, Lang::En] {
                let t = code.template(lang);
                assert!(!t.is_empty(), "{}", code.code());
                let used = placeholders(t);
                assert!(
                    used.iter().all(|u| declared.contains(u)),
                    "{} {:?}",
                    code.code(),
                    used
                );
            }
            // together, the two languages use every declared parameter (a
            // refused event's message is one parameter per language)
            let mut both = placeholders(code.template(Lang::Fr));
            both.extend(placeholders(code.template(Lang::En)));
            both.sort();
            both.dedup();
            assert_eq!(both, declared, "{}", code.code());
            assert_eq!(TextCode::from_code(code.code()), Some(*code));
        }
    }

    #[test]
    fn days_and_dates_are_rendered_per_language() {
        let t = Text::new(TextCode::SuiviRealiseEnRetard)
            .with("label", "Suivi")
            .with("date", "2025-01-18")
            .with("late", 1);
        assert_eq!(
            t.fr(),
            "Suivi : réalisé le 18 janvier 2025, 1 jour après l'échéance."
        );
        assert_eq!(
            t.en(),
            "Suivi: done on 18 January 2025, 1 day after the deadline."
        );
    }
}
