// Compile-fail test of the package's types: each line below holds a
// mistake a developer could make (a typo'd issue code, category, event
// type, stage, preset, sick-leave cause…). `tsc -p tests/node/types` must
// reject every one of them: each is marked `@ts-expect-error`, and tsc
// fails on a directive with no error under it, so a type loosened to
// `string` fails the build.
import init, {
  validate, evaluate, preset, indicators, orient, document,
  type Case, type CaseDraft, type Event, type Issue, type Evaluation,
} from "../../../cme-wasm/pkg/cme.js";
import { validate as validateForm, type LabelledIssue } from "../../../cme-wasm/pkg/form.js";

export async function mistakes(c: Case, e: Evaluation, issues: Issue[]): Promise<unknown[]> {
  await init();
  const out: unknown[] = [];
  // @ts-expect-error "missing_feild" is not an issue code
  out.push(issues.filter((i) => i.code === "missing_feild"));
  // @ts-expect-error "facilitaton" is not a category
  out.push(e.category.decision.value === "facilitaton");
  // @ts-expect-error "plan_acepte" is not an event type
  const event: Event = { type: "plan_acepte", date: "2024-05-02" };
  out.push(event);
  // @ts-expect-error "sortie_positve" is not a status
  out.push(e.status.value === "sortie_positve");
  // @ts-expect-error "aismt31" is not a preset
  out.push(preset("aismt31"));
  // @ts-expect-error "secteurs" is not a dimension
  out.push(indicators([c], "aismt13", "2024", ["secteurs"]));
  // @ts-expect-error "reconversions" is not a problem type
  out.push(orient(c, "2024-06-30", ["reconversions"]));
  // @ts-expect-error a draft's sick-leave cause is still a code of its list
  const draft: CaseDraft = { sick_leaves: [{ cause: "maladie" }] };
  out.push(validate(draft));
  // @ts-expect-error evaluate needs a case, not a draft
  out.push(evaluate(draft, "aismt13", "2024-06-30"));
  // @ts-expect-error the form's labelled issues carry formMessage, not formMesage
  out.push(validateForm({}, undefined, { labels: true }).map((i: LabelledIssue) => i.formMesage));
  // @ts-expect-error "signalement" is not an indicator id (signalements)
  out.push(indicators([c], "aismt13", "2024").total.find((v) => v.id === "signalement"));
  // @ts-expect-error a classification is keyed by exit results
  out.push(indicators([c], "aismt13", "2024").classification.amenagementPoste);
  // @ts-expect-error "convocation" is not a document (convocation_employeur)
  out.push(document(c, "convocation", "2024-06-30"));
  // @ts-expect-error identity details are texts
  out.push(document(c, "livret_accompagnement", "2024-06-30", { identity: { place: 3 } }));
  // What is right compiles.
  out.push(indicators([c], "aismt13", "2024").classification.amenagement_poste === "positive");
  out.push(validateForm({}, undefined, { labels: true }).map((i) => i.formMessage));
  out.push(issues.filter((i) => i.code === "missing_field"));
  return out;
}
