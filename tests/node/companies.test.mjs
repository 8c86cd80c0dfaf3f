// Company vectors (the report of one company of more than 300 employees,
// Code du travail, art. D4622-54) through the wasm package.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";

import { initSync, companyReport } from "../../cme-wasm/pkg/cme.js";

initSync({ module: readFileSync(new URL("../../cme-wasm/pkg/core_bg.wasm", import.meta.url)) });

const dir = new URL("../vectors/companies/", import.meta.url);
const vectors = readdirSync(dir).filter((f) => f.endsWith(".json")).sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), "utf8")));

// The same projection as the Rust and Python runners' company_observed.
const observed = (expected, report, issues) => {
  if (!report) return { error: issues.map((i) => ({ code: i.code, path: i.path })) };
  const total = new Map(report.published.total.map((v) => [v.id, v]));
  const shown = Object.fromEntries(Object.keys(expected.shown ?? {}).map((id) => [id, total.get(id)?.numerator ?? null]));
  const hidden = (expected.hidden ?? []).filter((id) => {
    const v = total.get(id);
    return v !== undefined && (v.numerator === undefined || v.numerator === null) && v.hidden != null;
  });
  return { cases: report.cases, in_force: report.inForce, shown, hidden, audit_passed: report.audit.passed };
};

const run = (v) => {
  const r = v.request;
  return companyReport(v.cases, v.policy, r.company, r.headcount, r.period, { by: r.by, threshold: r.threshold });
};

for (const v of vectors) {
  test(`companies ${v.name}`, () => {
    let got;
    try {
      got = observed(v.expected, run(v));
    } catch (e) {
      if (e.name !== "ValidationError") throw e;
      got = observed(v.expected, null, e.issues);
    }
    assert.deepEqual(got, v.expected);
  });
}

test("a company of 300 employees is refused with the article's message", () => {
  const v = vectors.find((x) => x.name === "entreprise_de_450_salaries");
  assert.throws(() => companyReport(v.cases, "aist43", "ENT-1", 300, "2024"), (e) => {
    assert.equal(e.name, "ValidationError");
    assert.equal(e.issues[0].code, "company_not_covered");
    assert.match(e.message, /D4622-54/);
    return true;
  });
});
