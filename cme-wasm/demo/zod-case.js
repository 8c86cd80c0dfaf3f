// A hand-written zod schema of the case doing the structural checks of the
// JSON Schema (cme-core/schema/case.schema.json): types, required fields,
// closed lists, lengths, ranges, patterns, date formats, no unknown field.
// It is the peer of cme's `validate` in the latency benchmark (bench.html);
// it does not check what a schema cannot say (dates in order, the pathway's
// consistency, the age of the worker on the signalement), which cme does.
import * as z from "../node_modules/zod/index.js";

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}, "date invalide");
const e = (...codes) => z.enum(codes);

const Category = e("sans_suite", "info_conseils", "facilitation", "ingenierie");
const CellRole = e("charge_maintien", "medecin_du_travail", "idest", "assistant", "psychologue",
  "assistant_social", "ergonome", "iprp", "conseiller_orientation", "atst");
const ExitResult = e("amenagement_poste", "changement_poste_interne", "changement_poste_externe",
  "embauche_cdi", "reconversion", "creation_entreprise", "inaptitude", "invalidite", "retraite",
  "autre_solution_sociale", "perdu_de_vue");
const Expertise = e("ergonome", "psychologue", "assistant_social", "medecin_specialiste", "medecin_conseil",
  "technicien_retraite", "conseiller_orientation", "cap_emploi", "autre");
const Partner = e("service_medical_am", "cpam", "carsat_service_social", "cap_emploi", "agefiph", "fiphfp",
  "mdph", "oeth", "france_travail", "mission_locale", "opco", "transition_pro", "cep", "bilan_competences",
  "centre_de_gestion", "caf", "medecin_traitant", "medecin_specialiste", "autre");
const Requester = e("salarie", "employeur", "medecin_du_travail", "medecin_traitant", "medecin_conseil",
  "medecin_specialiste");
const Signaller = e("medecin_du_travail", "idest", "salarie", "autre_membre_equipe", "employeur", "partenaire");
const SourceVisit = e("embauche", "vip", "visite_intermediaire", "visite_periodique", "pre_reprise", "reprise",
  "a_la_demande", "mi_carriere", "contact_direct", "autre");
const SickLeaveCause = e("maladie_non_professionnelle", "accident_non_professionnel", "accident_du_travail",
  "maladie_professionnelle", "maternite");

const SECTIONS = {
  naf_rev2: "ABCDEFGHIJKLMNOPQRSTU".split(""),
  naf_2025: "ABCDEFGHIJKLMNOPQRSTUV".split(""),
};
const Sector = z.strictObject({ nomenclature: e("naf_rev2", "naf_2025"), section: z.string() })
  .refine((s) => SECTIONS[s.nomenclature].includes(s.section), { path: ["section"], message: "section inconnue" });

const Worker = z.strictObject({
  birth_date: date.nullish(),
  birth_year: z.int().min(1900).max(2100).nullish(),
  cim10_chapter: z.int().min(1).max(22).nullish(),
  employer: e("prive", "public").nullish(),
  rqth: e("aucune", "demande_en_cours", "reconnue").nullish(),
  sector: Sector.nullish(),
});

const ev = (type, extra = {}) => z.strictObject({ type: z.literal(type), date, ...extra });
const Event = z.discriminatedUnion("type", [
  ev("contact"), ev("absence_reponse"), ev("refus_accompagnement"),
  ev("analyse_demande", { simple_solution: z.boolean().nullish() }),
  ev("referent_designe", { role: CellRole.nullish() }),
  ev("entretien_qualification"),
  ev("avis_attendu", { expertise: Expertise }), ev("avis_recu", { expertise: Expertise }),
  ev("commission_pleniere"), ev("plan_propose"), ev("plan_accepte"), ev("plan_refuse"),
  ev("action_partenaire", { partner: Partner }),
  ev("sortie", { dismissal: z.boolean().nullish(), prepared: z.boolean().nullish(), result: ExitResult.nullish() }),
  ev("suivi", { still_employed: z.boolean().nullish() }),
]);

export const CaseSchema = z.strictObject({
  format_version: z.union([z.literal(1), z.literal(2)]),
  id: z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/),
  service: z.string().min(1).max(32).regex(/^[a-z0-9_]+$/),
  policy: z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/).nullish(),
  worker: Worker,
  sick_leaves: z.array(z.strictObject({
    start: date, end: date.nullish(), end_is_expected: z.boolean().optional(), cause: SickLeaveCause,
  })).max(100).optional(),
  signalement: z.strictObject({
    date, source_visit: SourceVisit, signalled_by: Signaller, requested_by: Requester.nullish(),
  }),
  consents: z.array(z.strictObject({
    given_on: date, accompaniment: z.boolean().optional(), sharing_with: z.array(Partner).max(50).optional(),
    withdrawn_on: date.nullish(),
  })).max(100).optional(),
  events: z.array(Event).max(1000).optional(),
  category_override: z.strictObject({
    category: Category, justification: z.string().min(1).max(2000), decided_on: date,
  }).nullish(),
  // Format version 2: the visits that took place (refused in version 1).
  visits: z.array(z.strictObject({
    kind: z.enum(["rendez_vous_liaison", "pre_reprise", "reprise", "mi_carriere"]), date,
    done_by: z.enum(["medecin_du_travail", "infirmier_delegation"]).optional(),
    requested_by: Requester.optional(),
    remote: z.boolean().optional(), avis_inaptitude: z.boolean().optional(),
  })).max(1000).optional(),
  // Format version 2: the measures of the law mobilised.
  measures: z.array(z.strictObject({
    measure: z.enum(["essai_encadre", "crpe", "transition_professionnelle"]), start: date, end: date.optional(),
  })).max(1000).optional(),
}).refine((c) => c.format_version === 2 || c.visits === undefined, { path: ["visits"] })
  .refine((c) => c.format_version === 2 || c.measures === undefined, { path: ["measures"] });
