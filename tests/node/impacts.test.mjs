// Impact vectors (a population under two scenarios) through the wasm package.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";

import { initSync, impact } from "../../cme-wasm/pkg/cme.js";

initSync({ module: readFileSync(new URL("../../cme-wasm/pkg/core_bg.wasm", import.meta.url)) });

const dir = new URL("../vectors/impacts/", import.meta.url);
const vectors = readdirSync(dir).filter((f) => f.endsWith(".json")).sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), "utf8")));

// The same projection as the Rust and Python runners' impact_observed.
const observed = (report, issues) => {
  if (!report) return { error: issues.map((i) => ({ code: i.code, path: i.path })) };
  return {
    cases: report.cases,
    changed: report.changed,
    by_aspect: Object.fromEntries(report.byAspect.filter((a) => a.cases > 0).map((a) => [a.aspect, a.cases])),
    changes: Object.fromEntries(report.impacts.map((i) => [i.caseId,
      i.changes.map((c) => ({ aspect: c.aspect, at: c.at, before: c.before, after: c.after }))])),
  };
};

for (const v of vectors) {
  test(`impacts ${v.name}`, () => {
    let got;
    try {
      got = observed(impact(v.cases, v.before, v.after, v.as_of));
    } catch (e) {
      if (e.name !== "ValidationError") throw e;
      got = observed(null, e.issues);
    }
    assert.deepEqual(got, v.expected);
  });
}

test("each change carries the reasons of both decisions", () => {
  const v = vectors.find((x) => x.name === "politique_aist43_contre_aismt13");
  const [changed] = impact(v.cases, v.before, v.after, v.as_of).impacts;
  const [status] = changed.changes;
  assert.ok(status.reasonsBefore.length > 0 && status.reasonsAfter.length > 0);
  assert.ok(status.reasonsAfter.every((r) => r.sources.length > 0));
});
