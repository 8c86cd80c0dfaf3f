//! Validation issues: `{code, path, params, message}` (the model of
//! pydantic-core's line errors).
//!
//! Each problem of an input is one [`Issue`] with a stable [`IssueCode`], a
//! [`Path`] to the field (`sick_leaves[0].end`), context parameters and a
//! message rendered from the catalogue ([`IssueCode::template`]) in French
//! (`message`) and English (`message_en`). Parameters and messages never
//! contain the value of a field: it may be health data.
//!
//! ```
//! use cme_pdp::issue::{Issue, IssueCode, Path};
//!
//! let issue = Issue::new(IssueCode::MissingField, Path::root().key("signalement"))
//!     .with("field", "signalement");
//! assert_eq!(issue.path.as_str(), "signalement");
//! assert_eq!(issue.message, "Le champ « signalement » est obligatoire.");
//! assert_eq!(issue.message_en, "The field “signalement” is required.");
//! ```

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// A language of the message catalogue.
///
/// ```
/// use cme_pdp::issue::{IssueCode, Lang};
/// assert!(IssueCode::MissingField.template(Lang::Fr).starts_with("Le champ"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Lang {
    /// French, the first language of every message.
    Fr,
    /// English.
    En,
}

/// Declares the issue codes with their parameters and templates: one
/// catalogue keyed by code.
macro_rules! issue_codes {
    ( $( $var:ident = $code:literal [$($param:literal),*] fr: $fr:literal en: $en:literal; )+ ) => {
        /// The stable code of a validation issue.
        ///
        /// ```
        /// use cme_pdp::issue::IssueCode;
        /// assert_eq!(IssueCode::from_code("missing_field"), Some(IssueCode::MissingField));
        /// assert_eq!(IssueCode::MissingField.code(), "missing_field");
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum IssueCode {
            $( #[doc = $en] $var, )+
        }

        impl IssueCode {
            /// Every code of the catalogue.
            pub const ALL: &'static [IssueCode] = &[$(IssueCode::$var),+];

            /// The stable snake_case code.
            pub fn code(self) -> &'static str {
                match self { $(IssueCode::$var => $code),+ }
            }

            /// The code for a string, if it is in the catalogue.
            pub fn from_code(code: &str) -> Option<IssueCode> {
                Self::ALL.iter().copied().find(|c| c.code() == code)
            }

            /// Names of the parameters the message template may use.
            pub fn params(self) -> &'static [&'static str] {
                match self { $(IssueCode::$var => &[$($param),*]),+ }
            }

            /// The message template in a language; `{name}` stands for a
            /// parameter.
            pub fn template(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $( (IssueCode::$var, Lang::Fr) => $fr, (IssueCode::$var, Lang::En) => $en, )+
                }
            }
        }
    };
}

issue_codes! {
    InvalidJson = "invalid_json" ["line", "column"]
        fr: "Le document n'est pas un JSON valide (ligne {line}, colonne {column})."
        en: "The document is not valid JSON (line {line}, column {column}).";
    DuplicateKey = "duplicate_key" []
        fr: "Cette clé figure deux fois dans le même objet : une seule valeur est permise."
        en: "This key appears twice in the same object: only one value is allowed.";
    ObjectType = "object_type" []
        fr: "Un objet est attendu ici."
        en: "An object is expected here.";
    ArrayType = "array_type" []
        fr: "Une liste est attendue ici."
        en: "A list is expected here.";
    StringType = "string_type" []
        fr: "Un texte est attendu ici."
        en: "A string is expected here.";
    IntegerType = "integer_type" []
        fr: "Un nombre entier est attendu ici."
        en: "An integer is expected here.";
    BooleanType = "boolean_type" []
        fr: "Une valeur vrai/faux est attendue ici."
        en: "A true/false value is expected here.";
    MissingField = "missing_field" ["field"]
        fr: "Le champ « {field} » est obligatoire."
        en: "The field “{field}” is required.";
    UnknownField = "unknown_field" []
        fr: "Ce champ n'est pas prévu par le format d'échange."
        en: "This field is not part of the interchange format.";
    UnknownCode = "unknown_code" ["kind", "allowed"]
        fr: "Code inconnu pour « {kind} ». Codes admis : {allowed}."
        en: "Unknown code for “{kind}”. Allowed codes: {allowed}.";
    InvalidDate = "invalid_date" ["format"]
        fr: "Date invalide : le format attendu est {format} (une date du calendrier)."
        en: "Invalid date: the expected format is {format} (a calendar date).";
    DateOutOfRange = "date_out_of_range" ["min", "max"]
        fr: "La date doit être comprise entre {min} et {max}."
        en: "The date must be between {min} and {max}.";
    IntegerOutOfRange = "integer_out_of_range" ["min", "max"]
        fr: "La valeur doit être un entier compris entre {min} et {max}."
        en: "The value must be an integer between {min} and {max}.";
    InvalidId = "invalid_id" ["max"]
        fr: "Identifiant invalide : 1 à {max} caractères parmi lettres sans accent, chiffres, « - », « _ » et « . », sans espace. Utilisez un identifiant pseudonyme, jamais un nom."
        en: "Invalid id: 1 to {max} characters among unaccented letters, digits, “-”, “_” and “.”, without spaces. Use a pseudonymous id, never a name.";
    InvalidPolicyId = "invalid_policy_id" ["max"]
        fr: "Identifiant de politique invalide : 1 à {max} caractères parmi lettres sans accent, chiffres, « - », « _ » et « . »."
        en: "Invalid policy id: 1 to {max} characters among unaccented letters, digits, “-”, “_” and “.”.";
    DocumentTooLarge = "document_too_large" ["max_bytes"]
        fr: "Le document dépasse la taille maximale de {max_bytes} octets."
        en: "The document exceeds the maximum size of {max_bytes} bytes.";
    InconsistentCounters = "inconsistent_counters" []
        fr: "Ce compteur contredit les autres compteurs de l'état : un état calculé à partir de dossiers ne peut pas le contenir."
        en: "This counter contradicts the other counters of the state: a state computed from cases cannot hold it.";
    CounterOverflow = "counter_overflow" []
        fr: "Ce compteur dépasse la valeur maximale (2^64 − 1) une fois additionné aux autres."
        en: "This counter exceeds the maximum value (2^64 − 1) once added to the others.";
    InconsistentPublication = "inconsistent_publication" []
        fr: "Les tableaux ne concordent pas : ils ne proviennent pas des mêmes dossiers (période, politique, nombre de dossiers), ou un chiffre contredit les autres."
        en: "The tables do not agree: they do not come from the same cases (period, policy, number of cases), or a figure contradicts the others.";
    PublicationNotProtected = "publication_not_protected" []
        fr: "Le masquage n'a pas pu protéger toutes les cases masquées : rien n'est publié."
        en: "Suppression could not protect every hidden cell: nothing is published.";
    AuditFailed = "audit_failed" []
        fr: "L'audit de la publication n'a pas pu être calculé : rien n'est publié."
        en: "The publication's audit could not be computed: nothing is published.";
    InvalidServiceCode = "invalid_service_code" ["max"]
        fr: "Code de service invalide : 1 à {max} caractères parmi minuscules sans accent, chiffres et « _ »."
        en: "Invalid service code: 1 to {max} characters among lowercase unaccented letters, digits and “_”.";
    StringTooLong = "string_too_long" ["max"]
        fr: "Le texte dépasse la longueur maximale de {max} caractères."
        en: "The text exceeds the maximum length of {max} characters.";
    EmptyString = "empty_string" []
        fr: "Ce texte ne peut pas être vide."
        en: "This text may not be empty.";
    TooManyItems = "too_many_items" ["max"]
        fr: "La liste dépasse le nombre maximal de {max} éléments."
        en: "The list exceeds the maximum of {max} items.";
    NonFiniteNumber = "non_finite_number" []
        fr: "Nombre non fini (NaN ou infini) : il n'a pas de valeur JSON ; donner un nombre, ou une valeur absente (None, null)."
        en: "Non-finite number (NaN or infinity): it has no JSON value; give a number, or a missing value (None, null).";
    IntegerTooLarge = "integer_too_large" []
        fr: "Ce nombre entier dépasse 64 bits."
        en: "This integer exceeds 64 bits.";
    InputTooDeep = "input_too_deep" ["max"]
        fr: "L'objet est imbriqué sur plus de {max} niveaux."
        en: "The object is nested more than {max} levels deep.";
    UnsupportedKey = "unsupported_key" []
        fr: "Les clés d'un dictionnaire doivent être des textes."
        en: "Dictionary keys must be strings.";
    UnsupportedType = "unsupported_type" ["expected"]
        fr: "Type non pris en charge ici (attendu : {expected})."
        en: "Unsupported type here (expected: {expected}).";
    InvalidText = "invalid_text" []
        fr: "Ce texte n'est pas de l'Unicode valide (caractère de substitution isolé) ; il n'est pas reproduit ici."
        en: "This text is not valid Unicode (a lone surrogate); it is not repeated here.";
    NotAList = "not_a_list" []
        fr: "Une liste est attendue ici."
        en: "A list is expected here.";
    UnreadableTable = "unreadable_table" ["library"]
        fr: "La table ne peut pas être lue : {library} a refusé de la convertir (la colonne, quand elle est connue, est le chemin). Son message n'est pas reproduit ici : il peut citer une valeur."
        en: "The table cannot be read: {library} refused to convert it (the column, when known, is the path). Its message is not repeated here: it may quote a value.";
    SyntheticShortfall = "synthetic_shortfall" []
        fr: "Le générateur n'a pas produit assez de dossiers tenant sur une ligne."
        en: "The generator did not produce enough cases that fit a row.";
    TooManyCells = "too_many_cells" ["max"]
        fr: "La ventilation compte plus de {max} cases (combinaisons des valeurs des dimensions ; pour une publication, les cases de tous ses tableaux et leurs totaux) : ventiler par moins de valeurs (une dimension, des valeurs regroupées)."
        en: "The breakdown has more than {max} cells (combinations of the dimensions' values; for a publication, the cells of all its tables and their totals): break down by fewer values (one dimension, grouped values).";
    MoreIssues = "more_issues" ["count", "max"]
        fr: "… et {count} autres problèmes, non listés : au plus {max} sont listés ici. Corriger ceux-ci fait apparaître les suivants."
        en: "… and {count} more problems, not listed: at most {max} are listed here. Fixing these brings up the next ones.";
    DuplicateItem = "duplicate_item" []
        fr: "Cet élément figure déjà dans la liste."
        en: "This item is already in the list.";
    UnsupportedFormatVersion = "unsupported_format_version" ["supported"]
        fr: "Version du format d'échange non prise en charge (versions prises en charge : {supported})."
        en: "Unsupported interchange format version (supported versions: {supported}).";
    SickLeaveEndBeforeStart = "sick_leave_end_before_start" []
        fr: "La fin de l'arrêt de travail précède son début."
        en: "The sick leave ends before it starts.";
    EventBeforeSignalement = "event_before_signalement" []
        fr: "Cet événement est daté d'avant le signalement."
        en: "This event is dated before the signalement.";
    FollowUpWithoutExit = "follow_up_without_exit" []
        fr: "Un suivi est enregistré alors que le dossier n'a pas de sortie."
        en: "A follow-up is recorded but the case has no exit.";
    FollowUpBeforeExit = "follow_up_before_exit" []
        fr: "Ce suivi est daté d'avant la sortie de la cellule."
        en: "This follow-up is dated before the exit from the cell.";
    DuplicateExit = "duplicate_exit" []
        fr: "Le dossier comporte plus d'une sortie."
        en: "The case has more than one exit.";
    ExitWithoutResult = "exit_without_result" []
        fr: "La sortie doit indiquer son résultat."
        en: "The exit must state its result.";
    NotApplicableToResult = "not_applicable_to_result" ["field"]
        fr: "Le champ « {field} » ne s'applique qu'à une sortie pour inaptitude."
        en: "The field “{field}” applies only to an exit for inaptitude.";
    EventAfterClosure = "event_after_closure" []
        fr: "Cet événement est postérieur à la clôture du dossier (refus de l'accompagnement ou sortie) ; seul un suivi peut suivre une sortie."
        en: "This event comes after the case was closed (refusal of the accompaniment or exit); only a follow-up may follow an exit.";
    PlanWithoutConsent = "plan_without_consent" []
        fr: "Un plan d'actions ne peut être proposé ou accepté sans le consentement du travailleur à l'accompagnement, en vigueur à cette date."
        en: "An action plan cannot be proposed or accepted without the worker's consent to the accompaniment in force on that date.";
    PlanNotProposed = "plan_not_proposed" []
        fr: "Aucun plan d'actions n'attend de réponse : il faut d'abord le proposer."
        en: "No action plan awaits an answer: it must be proposed first.";
    ActionBeforePlanAccepted = "action_before_plan_accepted" []
        fr: "Une action avec un partenaire ne peut commencer avant l'accord du travailleur sur le plan d'actions."
        en: "An action with a partner cannot start before the worker agrees to the action plan.";
    PartnerWithoutConsent = "partner_without_consent" []
        fr: "Le travailleur n'a pas consenti, à cette date, au partage d'informations avec ce partenaire."
        en: "On that date the worker has not consented to sharing information with this partner.";
    InvalidToml = "invalid_toml" ["line", "column"]
        fr: "Le document n'est pas un TOML valide (ligne {line}, colonne {column})."
        en: "The document is not valid TOML (line {line}, column {column}).";
    FollowUpsNotIncreasing = "follow_ups_not_increasing" []
        fr: "Les suivis doivent être rangés par délai croissant, et la fin d'une fenêtre ne peut précéder son début."
        en: "Follow-ups must be in increasing order of months, and a window cannot end before it starts.";
    ResultsIncomplete = "results_incomplete" ["missing"]
        fr: "Chaque résultat de sortie doit être classé (positif, négatif ou neutre). Non classés : {missing}."
        en: "Every exit result must be classified (positive, negative or neutral). Not classified: {missing}.";
    PreRepriseRequestedByEmployer = "pre_reprise_requested_by_employer" []
        fr: "L'employeur ne peut jamais demander une visite de pré-reprise (Code du travail, art. L4624-2-4 ; avant le 31 mars 2022, art. R4624-29)."
        en: "The employer can never ask for a pré-reprise visit (Code du travail, art. L4624-2-4; before 31 March 2022, art. R4624-29).";
    ReopeningWithoutExit = "reopening_without_exit" []
        fr: "Seul un dossier clos (sortie ou refus de l'accompagnement) peut être réouvert."
        en: "Only a closed case (an exit or a refusal of the accompaniment) can be re-opened.";
    ObjectionNotPreReprise = "objection_not_pre_reprise" []
        fr: "L'opposition du travailleur à la transmission des recommandations ne concerne que la visite de pré-reprise (Code du travail, art. R4624-30)."
        en: "The worker's objection to the recommendations being sent concerns only the pré-reprise visit (Code du travail, art. R4624-30).";
    ObjectionBeforeVisit = "objection_before_visit" []
        fr: "L'opposition du travailleur à la transmission des recommandations est datée d'avant la visite de pré-reprise (Code du travail, art. R4624-30)."
        en: "The worker's objection to the recommendations being sent is dated before the pré-reprise visit (Code du travail, art. R4624-30).";
    EmployerContactWithoutAgreement = "employer_contact_without_agreement" ["field"]
        fr: "La prise de contact avec l'employeur se fait avec l'accord du médecin du travail et du travailleur : « {field} » doit être vrai."
        en: "The employer is contacted with the agreement of the médecin du travail and of the worker: “{field}” must be true.";
    AnswerBeforeReferral = "answer_before_referral" []
        fr: "La réponse du partenaire est datée d'avant l'envoi de l'orientation."
        en: "The partner's answer is dated before the referral was sent.";
    PreRepriseRequesterNotAllowed = "pre_reprise_requester_not_allowed" []
        fr: "Ce demandeur ne pouvait pas demander la visite de pré-reprise : seuls le salarié, le médecin traitant, le médecin conseil et, depuis le 31 mars 2022, le médecin du travail le peuvent (Code du travail, art. L4624-2-4 et R4624-29)."
        en: "This requester could not ask for the pré-reprise visit: only the worker, the attending doctor, the medical adviser and, since 31 March 2022, the médecin du travail can (Code du travail, art. L4624-2-4 and R4624-29).";
    FieldRequiresFormatVersion = "field_requires_format_version" ["field", "version"]
        fr: "Le champ « {field} » n'existe qu'à partir de la version {version} du format d'échange."
        en: "The field “{field}” exists only from version {version} of the interchange format.";
    VisitByNurseBeforeDelegation = "visit_by_nurse_before_delegation" []
        fr: "Une visite ne peut être réalisée par un infirmier en santé au travail par délégation qu'à partir du 28 avril 2022 (décret n° 2022-679)."
        en: "A visit can be performed by an occupational health nurse under delegation only from 28 April 2022 (décret n° 2022-679).";
    AvisInaptitudeNotByDoctor = "avis_inaptitude_not_by_doctor" []
        fr: "Seul le médecin du travail peut émettre un avis d'inaptitude (Code du travail, art. R4624-42)."
        en: "Only the médecin du travail can issue an avis d'inaptitude (Code du travail, art. R4624-42).";
    RequesterNotPreReprise = "requester_not_pre_reprise" []
        fr: "Seule la visite de pré-reprise a un demandeur (Code du travail, art. L4624-2-4) : « requested_by » ne s'applique pas à cette visite."
        en: "Only the pré-reprise visit has a requester (Code du travail, art. L4624-2-4): “requested_by” does not apply to this visit.";
    MeasureEndBeforeStart = "measure_end_before_start" []
        fr: "La fin du dispositif précède son début."
        en: "The measure ends before it starts.";
    CompanyNotCovered = "company_not_covered" ["min"]
        fr: "Le rapport par entreprise concerne les entreprises adhérentes de plus de 300 salariés (Code du travail, art. D4622-54) : l'effectif doit être d'au moins {min}."
        en: "The company report concerns member companies of more than 300 employees (Code du travail, art. D4622-54): the headcount must be at least {min}.";
    DoneByNotForLiaison = "done_by_not_for_liaison" []
        fr: "Le rendez-vous de liaison n'est pas une visite médicale : « done_by » ne s'y applique pas."
        en: "The rendez-vous de liaison is not a medical visit: “done_by” does not apply to it.";
    DateAfterAsOf = "date_after_as_of" ["as_of"]
        fr: "Cette date est postérieure à la date d'évaluation ({as_of})."
        en: "This date is after the evaluation date ({as_of}).";
    ConsentWithdrawnBeforeGiven = "consent_withdrawn_before_given" []
        fr: "Le retrait du consentement précède la date à laquelle il a été donné."
        en: "The consent is withdrawn before it was given.";
    BirthYearMismatch = "birth_year_mismatch" []
        fr: "L'année de naissance ne correspond pas à la date de naissance."
        en: "The year of birth does not match the date of birth.";
    EmptyFile = "empty_file" []
        fr: "Le fichier est vide : sa première ligne doit donner les noms des colonnes."
        en: "The file is empty: its first line must give the column names.";
    InvalidEncoding = "invalid_encoding" ["encoding", "line"]
        fr: "Le fichier n'est pas lisible en {encoding} (ligne {line}) : préciser son encodage (utf-8 ou windows-1252)."
        en: "The file cannot be read as {encoding} (line {line}): state its encoding (utf-8 or windows-1252).";
    MalformedCsv = "malformed_csv" ["line"]
        fr: "Le CSV est mal formé à la ligne {line} : cette ligne n'est pas lue."
        en: "The CSV is malformed at line {line}: this line is not read.";
    FieldCount = "field_count" ["expected", "found"]
        fr: "Cette ligne compte {found} champs pour {expected} colonnes dans l'en-tête : elle n'est pas lue (un séparateur ou un guillemet de trop ou de moins ?)."
        en: "This line has {found} fields for {expected} columns in the header: it is not read (a separator or a quote too many or too few?).";
    IgnoredColumn = "ignored_column" ["header", "profile"]
        fr: "La colonne « {header} » n'est pas lue : elle ne correspond à aucune colonne du format ni à un en-tête du profil « {profile} »."
        en: "The column “{header}” is not read: it matches no column of the format nor a header of the profile “{profile}”.";
    UnknownColumn = "unknown_column" ["header", "profile"]
        fr: "La colonne « {header} » ne correspond à aucune colonne du format ni à un en-tête du profil « {profile} » : l'ajouter au profil, ou choisir d'ignorer les colonnes en trop. Le fichier n'est pas lu."
        en: "The column “{header}” matches no column of the format nor a header of the profile “{profile}”: add it to the profile, or choose to ignore extra columns. The file is not read.";
    DuplicateColumn = "duplicate_column" ["header", "column"]
        fr: "La colonne « {header} » donne « {column} », comme une colonne précédente : une seule colonne du fichier peut la donner. Le fichier n'est pas lu."
        en: "The column “{header}” gives “{column}”, as an earlier column does: only one column of the file may give it. The file is not read.";
    MissingColumn = "missing_column" ["column"]
        fr: "La colonne « {column} », obligatoire, est absente du fichier (ni sous ce nom ni sous un en-tête du profil) : aucune ligne ne pourrait être lue. Le fichier n'est pas lu."
        en: "The required column “{column}” is missing from the file (neither under this name nor under a header of the profile): no row could be read. The file is not read.";
    ImplausibleAge = "implausible_age" ["min", "max"]
        fr: "L'âge du travailleur au signalement doit être compris entre {min} et {max} ans."
        en: "The worker's age at the signalement must be between {min} and {max} years.";
    DocumentWithoutConsent = "document_without_consent" ["recipient"]
        fr: "Ce document s'adresse à {recipient:destinataire} : il faut, à sa date, l'accord du travailleur en vigueur et aucune opposition de sa part. Le document n'est pas établi."
        en: "This document is addressed to {recipient:destinataire}: on its date it needs the worker's agreement in force and no objection from them. The document is not drawn up.";
    UnknownTemplateField = "unknown_template_field" ["field", "allowed"]
        fr: "Le modèle utilise « {field} », qui n'est pas une donnée des documents. Données possibles : {allowed}."
        en: "The template uses “{field}”, which is not a document field. Possible fields: {allowed}.";
    InvalidTemplate = "invalid_template" []
        fr: "Le modèle ne peut pas être lu : sa syntaxe est celle de Jinja (une donnée entre doubles accolades)."
        en: "The template cannot be read: its syntax is Jinja's (a field between double braces).";
    MissingDocumentFact = "missing_document_fact" ["field"]
        fr: "Le document a besoin de « {field} », que le dossier n'a pas encore à cette date."
        en: "The document needs “{field}”, which the case does not have yet on that date.";
}

/// What a problem does to the input.
///
/// An **error** rejects the input wherever it comes from. A **warning** is a
/// fact that the law forbids but that a record can hold: a form refuses it
/// (it reports every issue, and a form submits nothing with an issue), an
/// import keeps the case and reports the problem at its field (a table row
/// is kept; an evaluation goes on and the rule concerned says why the fact
/// has no effect).
///
/// ```
/// use cme_pdp::issue::{IssueCode, Severity};
/// assert_eq!(IssueCode::PreRepriseRequestedByEmployer.severity(), Severity::Warning);
/// assert_eq!(IssueCode::MissingField.severity(), Severity::Error);
/// ```
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Severity {
    /// Rejects the input.
    #[default]
    Error,
    /// Refused by a form, kept and reported by an import.
    Warning,
}

impl Severity {
    /// Whether it is [`Severity::Error`].
    pub fn is_error(&self) -> bool {
        *self == Severity::Error
    }
}

impl IssueCode {
    /// The severity of a code: every code is an error but the pré-reprise
    /// requested by the employer (L4624-2-4), a fact a historical record may
    /// hold and that the legal calendar judges (`demande_irrecevable`).
    pub const fn severity(self) -> Severity {
        match self {
            IssueCode::PreRepriseRequestedByEmployer
            | IssueCode::PreRepriseRequesterNotAllowed
            | IssueCode::IgnoredColumn => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// One entry of the issue catalogue, as bindings list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CodeInfo {
    /// The stable code.
    pub code: &'static str,
    /// Its severity.
    pub severity: Severity,
    /// The parameters of its messages.
    pub params: &'static [&'static str],
    /// The French template.
    pub template_fr: &'static str,
    /// The English template.
    pub template_en: &'static str,
}

/// Caps a list of problems at `max`: the first `max` are kept, and the
/// others, with `omitted` more counted elsewhere and never kept, are
/// counted in one last `more_issues` problem at `at` (so that the list says
/// how many it leaves out: nothing is dropped without a word). The list
/// ends with at most `max + 1` problems.
///
/// ```
/// use cme_pdp::issue::{cap_issues, Issue, IssueCode, Path};
/// let mut issues: Vec<Issue> = (0..5)
///     .map(|i| Issue::new(IssueCode::UnknownField, Path::root().key("rows").index(i)))
///     .collect();
/// cap_issues(&mut issues, 3, 10, Path::root().key("rows"));
/// assert_eq!(issues.len(), 4);
/// assert_eq!(issues[3].code.code(), "more_issues");
/// assert_eq!(issues[3].params["count"], "12"); // 2 cut here, 10 counted before
/// assert_eq!(issues[3].path.as_str(), "rows");
/// assert!(issues[3].message.starts_with("… et 12 autres problèmes"));
/// ```
pub fn cap_issues(issues: &mut Vec<Issue>, max: usize, omitted: usize, at: Path) {
    let cut = issues.len().saturating_sub(max);
    issues.truncate(max);
    let count = omitted.saturating_add(cut);
    if count > 0 {
        issues.push(
            Issue::new(IssueCode::MoreIssues, at)
                .with("count", count)
                .with("max", max),
        );
    }
}

/// The whole catalogue of issue codes, in order.
///
/// ```
/// let all = cme_pdp::issue::catalogue();
/// assert!(all.iter().any(|c| c.code == "pre_reprise_requested_by_employer"
///     && c.severity == cme_pdp::issue::Severity::Warning));
/// ```
pub fn catalogue() -> Vec<CodeInfo> {
    IssueCode::ALL
        .iter()
        .map(|c| CodeInfo {
            code: c.code(),
            severity: c.severity(),
            params: c.params(),
            template_fr: c.template(Lang::Fr),
            template_en: c.template(Lang::En),
        })
        .collect()
}

impl fmt::Display for IssueCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for IssueCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for IssueCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        IssueCode::from_code(&s)
            .ok_or_else(|| serde::de::Error::custom("unknown issue code".to_string()))
    }
}

/// A key of the caller as it may be echoed (in a path, as a table's column
/// name): at most [`crate::limits::MAX_KEY_ECHO`] characters (« … » marks
/// a cut) and control characters written as `\u{a}`, so that an echo can
/// neither grow with its input nor forge a line of a log.
///
/// ```
/// use cme_pdp::issue::echoed;
/// assert_eq!(echoed("birth_year"), "birth_year");
/// assert_eq!(echoed("nom\nERREUR"), "nom\\u{a}ERREUR");
/// assert_eq!(echoed(&"x".repeat(1_000_000)).chars().count(), 65);
/// ```
pub fn echoed(name: &str) -> std::borrow::Cow<'_, str> {
    let max = crate::limits::MAX_KEY_ECHO;
    if name.len() <= max && !name.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(name);
    }
    let mut s = String::with_capacity(4 * max + 3);
    let mut chars = name.chars();
    for c in chars.by_ref().take(max) {
        if c.is_control() {
            s.extend(c.escape_unicode());
        } else {
            s.push(c);
        }
    }
    if chars.next().is_some() {
        s.push('…');
    }
    std::borrow::Cow::Owned(s)
}

/// Where a problem is: field names and list indices, rendered as
/// `events[3].date` (the root is the empty string).
///
/// ```
/// use cme_pdp::issue::Path;
/// let p = Path::root().key("events").index(3).key("date");
/// assert_eq!(p.as_str(), "events[3].date");
/// assert_eq!(Path::root().as_str(), "");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Path(String);

impl Path {
    /// The root of the document.
    pub fn root() -> Path {
        Path(String::new())
    }

    /// The path of a field below this one.
    // Paths are built for every field read, issue or not: they are written
    // by hand (one allocation, no formatting machinery), which halves the
    // cost of validating a valid case.
    ///
    /// A key is the caller's and is echoed in paths, so a key longer than
    /// [`crate::limits::MAX_KEY_ECHO`] characters is cut there (« … »
    /// marks the cut) and a control character is written as `\u{a}`: a
    /// path can neither grow with its input nor forge a line of a log.
    ///
    /// ```
    /// use cme_pdp::issue::Path;
    /// let p = Path::root().key("worker").key("nom\nERREUR");
    /// assert_eq!(p.as_str(), "worker.nom\\u{a}ERREUR");
    /// let long = "x".repeat(1_000_000);
    /// assert_eq!(Path::root().key(&long).as_str().chars().count(), 65);
    /// ```
    pub fn key(&self, name: &str) -> Path {
        let name = echoed(name);
        let mut s = String::with_capacity(self.0.len() + 1 + name.len());
        s.push_str(&self.0);
        if !self.0.is_empty() {
            s.push('.');
        }
        s.push_str(&name);
        Path(s)
    }

    /// The path of a list item below this one.
    ///
    /// ```
    /// use cme_pdp::issue::Path;
    /// assert_eq!(Path::root().key("events").index(120).key("date").as_str(), "events[120].date");
    /// assert_eq!(Path::root().index(0).as_str(), "[0]");
    /// ```
    pub fn index(&self, i: usize) -> Path {
        let mut digits = [0u8; 20];
        let mut n = i;
        let mut start = digits.len();
        loop {
            start -= 1;
            // `n % 10` is a digit: the cast cannot truncate.
            #[allow(clippy::cast_possible_truncation)]
            let d = (n % 10) as u8;
            if let Some(slot) = digits.get_mut(start) {
                *slot = b'0' + d;
            }
            n /= 10;
            if n == 0 || start == 0 {
                break;
            }
        }
        let mut s = String::with_capacity(self.0.len() + 2 + digits.len() - start);
        s.push_str(&self.0);
        s.push('[');
        for &b in digits.get(start..).unwrap_or_default() {
            s.push(char::from(b));
        }
        s.push(']');
        Path(s)
    }

    /// Whether this path is `other` or a path below it.
    ///
    /// ```
    /// use cme_pdp::issue::Path;
    /// let events = Path::root().key("events");
    /// assert!(events.index(2).key("date").starts_with(&events));
    /// assert!(!Path::root().key("events_x").starts_with(&events));
    /// ```
    pub fn starts_with(&self, other: &Path) -> bool {
        match self.0.strip_prefix(other.0.as_str()) {
            Some(rest) => other.0.is_empty() || rest.is_empty() || rest.starts_with(['.', '[']),
            None => false,
        }
    }

    /// A path from its rendered form (as produced by [`Path::as_str`]).
    ///
    /// ```
    /// use cme_pdp::issue::Path;
    /// assert_eq!(Path::from_rendered("cases[2].id").as_str(), "cases[2].id");
    /// ```
    pub fn from_rendered(rendered: &str) -> Path {
        Path(rendered.to_string())
    }

    /// The rendered path.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One problem of an input.
///
/// ```
/// use cme_pdp::issue::{Issue, IssueCode, Path};
/// let i = Issue::new(IssueCode::StringTooLong, Path::root().key("id")).with("max", 64);
/// assert_eq!(i.params["max"], "64");
/// assert!(i.message.contains("64"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Issue {
    /// Stable code.
    pub code: IssueCode,
    /// What the problem does to the input ([`IssueCode::severity`]):
    /// omitted from the JSON form when it is an error.
    #[serde(default, skip_serializing_if = "Severity::is_error")]
    pub severity: Severity,
    /// Where the problem is.
    pub path: Path,
    /// Context parameters of the message (never the field's value).
    pub params: BTreeMap<String, String>,
    /// Message in French.
    pub message: String,
    /// Message in English.
    pub message_en: String,
}

impl Issue {
    /// A new issue; its messages are rendered now and again at each
    /// [`Issue::with`].
    pub fn new(code: IssueCode, path: Path) -> Issue {
        let mut issue = Issue {
            code,
            severity: code.severity(),
            path,
            params: BTreeMap::new(),
            message: String::new(),
            message_en: String::new(),
        };
        issue.render();
        issue
    }

    /// Adds a parameter and renders the messages again.
    pub fn with(mut self, name: &str, value: impl fmt::Display) -> Issue {
        self.params.insert(name.to_string(), value.to_string());
        self.render();
        self
    }

    /// The message in a language.
    ///
    /// ```
    /// use cme_pdp::issue::{Issue, IssueCode, Lang, Path};
    /// let i = Issue::new(IssueCode::DuplicateExit, Path::root().key("events"));
    /// assert_eq!(i.message_in(Lang::En), "The case has more than one exit.");
    /// ```
    pub fn message_in(&self, lang: Lang) -> String {
        render(self.code.template(lang), &self.params, lang)
    }

    fn render(&mut self) {
        self.message = self.message_in(Lang::Fr);
        self.message_en = self.message_in(Lang::En);
    }
}

fn render(template: &str, params: &BTreeMap<String, String>, lang: Lang) -> String {
    fill(template, params, |value, format| {
        match (format, value, lang) {
            // a recipient is a code, written in the message's language
            ("destinataire", "employeur", Lang::Fr) => "l'employeur".to_string(),
            ("destinataire", "employeur", Lang::En) => "the employer".to_string(),
            ("destinataire", "partenaire", Lang::Fr) => "un partenaire".to_string(),
            ("destinataire", "partenaire", Lang::En) => "a partner".to_string(),
            _ => value.to_string(),
        }
    })
}

/// Fills the `{name}` and `{name:format}` placeholders of a template with
/// the parameters, `format` turning a value and its format into text; an
/// unknown placeholder is left as it is. The one template filler of the
/// issue catalogue and of the texts catalogue ([`crate::texts`]).
///
/// ```
/// let params = [("n".to_string(), "3".to_string())].into_iter().collect();
/// let out = cme_pdp::issue::fill("{n:x} et {m}", &params, |v, f| format!("{v}{f}"));
/// assert_eq!(out, "3x et {m}");
/// ```
pub fn fill(
    template: &str,
    params: &BTreeMap<String, String>,
    format: impl Fn(&str, &str) -> String,
) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(rest.get(..start).unwrap_or_default());
        let after = rest.get(start + 1..).unwrap_or_default();
        let Some(end) = after.find('}') else {
            out.push_str(rest.get(start..).unwrap_or_default());
            return out;
        };
        let inner = after.get(..end).unwrap_or_default();
        let (name, kind) = inner.split_once(':').unwrap_or((inner, ""));
        match params.get(name) {
            Some(value) => out.push_str(&format(value, kind)),
            None => {
                out.push('{');
                out.push_str(inner);
                out.push('}');
            }
        }
        rest = after.get(end + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
        out
    }

    #[test]
    fn every_code_has_french_and_english_templates_using_declared_params() {
        for code in IssueCode::ALL {
            for lang in [Lang::Fr, Lang::En] {
                let t = code.template(lang);
                assert!(!t.trim().is_empty(), "{code} has no {lang:?} template");
                let mut declared: Vec<String> =
                    code.params().iter().map(|s| s.to_string()).collect();
                declared.sort();
                assert_eq!(placeholders(t), declared, "{code} {lang:?}");
            }
            assert_ne!(
                code.template(Lang::Fr),
                code.template(Lang::En),
                "{code}: French and English templates are identical"
            );
        }
    }

    #[test]
    fn a_recipient_is_written_in_the_language_of_the_message() {
        let i = Issue::new(IssueCode::DocumentWithoutConsent, Path::root())
            .with("recipient", "employeur");
        assert!(i
            .message
            .starts_with("Ce document s'adresse à l'employeur :"));
        assert!(i
            .message_en
            .starts_with("This document is addressed to the employer:"));
        let i = i.with("recipient", "partenaire");
        assert!(i
            .message
            .starts_with("Ce document s'adresse à un partenaire :"));
        assert!(i
            .message_en
            .starts_with("This document is addressed to a partner:"));
    }

    #[test]
    fn codes_are_unique_snake_case() {
        let mut seen = std::collections::BTreeSet::new();
        for code in IssueCode::ALL {
            assert!(seen.insert(code.code()), "duplicate {code}");
            assert!(code
                .code()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_'));
            assert_eq!(IssueCode::from_code(code.code()), Some(*code));
        }
    }

    #[test]
    fn issue_serializes_with_code_string() {
        let i = Issue::new(IssueCode::EmptyString, Path::root().key("x"));
        let v = serde_json::to_value(&i).unwrap();
        assert_eq!(v["code"], "empty_string");
        assert_eq!(v["path"], "x");
        let back: Issue = serde_json::from_value(v).unwrap();
        assert_eq!(back, i);
    }
}
