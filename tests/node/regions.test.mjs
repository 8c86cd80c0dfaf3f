// Region vectors (services each under its own policy, added up) through the wasm package.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";

import { initSync, regionalReport, publishBundle } from "../../cme-wasm/pkg/cme.js";

initSync({ module: readFileSync(new URL("../../cme-wasm/pkg/core_bg.wasm", import.meta.url)) });

const dir = new URL("../vectors/regions/", import.meta.url);
const vectors = readdirSync(dir).filter((f) => f.endsWith(".json")).sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), "utf8")));

// The same projection as the Rust and Python runners' region_observed.
const observed = (expected, report, issues) => {
  if (!report) return { total: {}, error: issues.map((i) => ({ code: i.code, path: i.path })) };
  const pick = (values, wanted) => {
    const out = {};
    for (const v of values) {
      if (!(v.id in wanted)) continue;
      out[v.id] = { numerator: v.numerator };
      if (v.denominator !== undefined && v.denominator !== null) out[v.id].denominator = v.denominator;
      if (v.value !== undefined && v.value !== null) out[v.id].value = v.value;
    }
    return out;
  };
  const out = { total: pick(report.total, expected.total) };
  if (expected.cells) {
    out.cells = expected.cells.map((want) => {
      const found = report.cells.find((c) => JSON.stringify(c.key) === JSON.stringify(want.key));
      return { key: want.key, values: found ? pick(found.values, want.values) : {} };
    });
  }
  if (expected.policies) out.policies = Object.fromEntries(report.policies.map((p) => [p.service, p.policy.id]));
  if (expected.divergences) {
    out.divergences = Object.fromEntries(report.divergences.map((d) => [d.result, Object.fromEntries(d.classes.map((c) => [c.service, c.class]))]));
  }
  if (expected.bases) out.bases = Object.fromEntries(report.bases.filter((b) => b.id in expected.bases).map((b) => [b.id, b.basis]));
  return out;
};

for (const v of vectors) {
  test(`regions ${v.name}`, () => {
    let got;
    try {
      got = observed(v.expected, regionalReport(v.cases, `${v.period.start}/${v.period.end}`, v.by ?? [], v.policies ?? undefined));
    } catch (e) {
      if (e.name !== "ValidationError") throw e;
      got = observed(v.expected, null, e.issues);
    }
    assert.deepEqual(got, v.expected);
  });
}

test("the region's harmonised report is published with small cells hidden", () => {
  const v = vectors.find((x) => x.name === "sept_services_chacun_sa_politique");
  const r = regionalReport(v.cases, "2024", []);
  assert.ok(!r.harmonised.total.some((x) => x.id === "taux_sorties_positives"));
  const [p] = publishBundle([r.harmonised], 11);
  assert.equal(p.threshold, 11);
  assert.ok(p.total.filter((x) => x.id === "entrees").every((x) => x.numerator === undefined || x.numerator === null));
});
