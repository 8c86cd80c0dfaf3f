// Type-checks the declarations of the browser package (cme.d.ts) against
// the way a web form uses them: `tsc --noEmit -p tests/node/types`.
import init, {
  validate, parseCase, evaluate, visitObligations, orient, presetCodes, caseSchema, document, documentFields,
  CmeError, ValidationError, type Issue, type Evaluation, type Case, type CaseDraft,
  type StageCode,
} from "../../../cme-wasm/pkg/cme.js";

export async function check(draft: CaseDraft, read: unknown): Promise<string[]> {
  // A value read from elsewhere is checked by the core, not by the types.
  validate(read as CaseDraft, "2024-06-30");
  const input = parseCase(draft);
  await init({ module_or_path: new URL("core_bg.wasm", "https://example.invalid/") });
  const issues: Issue[] = validate(input, "2024-06-30");
  const fields = issues.map((i) => `${i.path}: ${i.message} (${i.code})`);
  const codes = presetCodes();
  const e: Evaluation = evaluate(input, codes[0] ?? "aismt13", "2024-06-30");
  const stage: StageCode = e.stage.value.stage;
  const articles = e.visits.absences.flatMap((l) => l.outcomes.flatMap((o) => o.sources.map((s) => s.reference)));
  const report = visitObligations(input, "2024-06-30", { branchAgreementAge: 50 });
  const partners = orient(input, "2024-06-30", ["reconversion"]).filter((s) => s.actionable).map((s) => s.partner);
  const schema = await caseSchema();
  try {
    validate(input, "31/12/2024");
  } catch (err) {
    if (err instanceof ValidationError) fields.push(err.issues.length.toString());
    else if (err instanceof CmeError) fields.push(err.code, err.path, err.messageEn);
  }
  const c: Case | undefined = undefined;
  // a letter to print, identity given at rendering time
  const letter = document(input, "convocation_employeur", "2024-06-30", { identity: { "worker.name": "X" }, partner: "cap_emploi" });
  const toFill = letter.placeholders.concat(documentFields().filter((f) => f.identity).map((f) => f.label));
  return [...fields, stage, ...articles, report.asOf, ...partners, String(schema["title"]), String(c), letter.html, ...toFill];
}
