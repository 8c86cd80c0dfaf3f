// The form entry (cme-pdp/form) as a page uses it: labelled issues shown at
// their fields, field labels, code lists.
import init, { validate, fieldLabels, codeLists, type CaseDraft } from "../../../cme-wasm/pkg/form.js";

export async function showErrors(draft: CaseDraft): Promise<Map<string, string>> {
  await init();
  const byField = new Map<string, string>();
  for (const issue of validate(draft, "2024-06-30", { labels: true })) {
    byField.set(issue.path, issue.formMessage);
  }
  const labels = new Map(fieldLabels().map((l) => [l.path, l.fr]));
  const causes = codeLists().find((l) => l.kind === "sick_leave_cause")?.entries ?? [];
  byField.set("_labels", String(labels.size + causes.length));
  return byField;
}

// The resolver is a react-hook-form Resolver (checked against its own types).
import { resolver } from "../../../cme-wasm/pkg/form.js";
import type { Resolver } from "../../../cme-wasm/node_modules/react-hook-form/dist/index.js";
type FicheValues = { id: string; signalement: { date: string; source_visit: string } };
export const ficheResolver: Resolver<FicheValues> = resolver({ asOf: () => "2024-06-30" });
