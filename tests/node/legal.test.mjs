// Legal boundary vectors, the case calendar and orientation through the wasm package.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";

import { initSync, visitObligationsForLeave, visitObligations, orient } from "../../cme-wasm/pkg/cme.js";

initSync({ module: readFileSync(new URL("../../cme-wasm/pkg/core_bg.wasm", import.meta.url)) });

const dir = new URL("../vectors/legal/", import.meta.url);
const vectors = readdirSync(dir).filter((f) => f.endsWith(".json")).sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), "utf8")));

test("there are at least 30 legal vectors", () => assert.ok(vectors.length >= 30));

for (const v of vectors) {
  test(`legal ${v.name}`, () => {
    const options = v.options ? { branchAgreementAge: v.options.branch_agreement_age } : undefined;
    const out = visitObligationsForLeave(v.leave, v.worker, v.as_of, v.requested_by ?? undefined, options);
    const got = {};
    for (const o of out) {
      if (!(o.rule in v.expected)) continue;
      got[o.rule] = { obligation: o.obligation, version: o.version.id };
      if (o.due) got[o.rule].due = o.due;
    }
    assert.deepEqual(got, v.expected);
  });
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
