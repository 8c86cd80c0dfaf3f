// Legal boundary vectors, the case calendar and orientation through the wasm package.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";

import { initSync, legalCalendar, visitObligations, orient } from "../../cme-wasm/pkg/cme.js";
import { selectLegal, unCamel } from "./legal_select.mjs";

initSync({ module: readFileSync(new URL("../../cme-wasm/pkg/core_bg.wasm", import.meta.url)) });

const dir = new URL("../vectors/legal/", import.meta.url);
const vectors = readdirSync(dir).filter((f) => f.endsWith(".json")).sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), "utf8")));

test("there are at least 30 legal vectors", () => assert.ok(vectors.length >= 30));

for (const v of vectors) {
  test(`legal ${v.name}`, () => {
    let got;
    try {
      const report = unCamel(legalCalendar(v.input, v.as_of, camelOptions(v.options)));
      got = selectLegal(report, v.expected, v.absence_index ?? 0);
    } catch (e) {
      if (e.name !== "ValidationError") throw e;
      got = { error: e.issues.map((i) => ({ code: i.code, path: i.path })) };
    }
    assert.deepEqual(got, v.expected);
  });
}

function camelOptions(o) {
  if (!o) return undefined;
  return {
    branchAgreementAge: o.branch_agreement_age,
    liaisonAbsencesDiscontinues: o.liaison_absences_discontinues,
    entretienParcoursFrom: o.entretien_parcours_from,
  };
}

test("case calendar and orientation gated by consent", () => {
  const dirV = new URL("../vectors/pathway/", import.meta.url);
  const v = JSON.parse(readFileSync(new URL("suivis_faits.json", dirV), "utf8"));
  const report = visitObligations(v.input, v.as_of);
  assert.equal(report.asOf, v.as_of);
  const s = orient(v.input, v.as_of, ["reconversion"]);
  assert.ok(s.length >= 4);
  for (const x of s) assert.equal(x.actionable, x.blocked === undefined);
  assert.ok(s.every((x) => !x.actionable)); // the consent names cap_emploi and mdph only
});
