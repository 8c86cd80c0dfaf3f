// Worklist vectors (the cell's lists over a portfolio as of a date)
// through the wasm package.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";

import { initSync, worklists } from "../../cme-wasm/pkg/cme.js";

initSync({ module: readFileSync(new URL("../../cme-wasm/pkg/core_bg.wasm", import.meta.url)) });

const dir = new URL("../vectors/worklists/", import.meta.url);
const vectors = readdirSync(dir).filter((f) => f.endsWith(".json")).sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), "utf8")));

// The same projection as the Rust and Python runners' worklist_observed
// (the JS result has camelCase keys).
const observed = (expected, lists, issues) => {
  if (!lists) {
    return { error: issues.map((i) => ({ code: i.code, path: i.path })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
  }
  const out = { cases: lists.cases, half_month: lists.halfMonth };
  const items = lists.items ?? [];
  if (lists.groups) out.groups = lists.groups.map((g) => [g.key, g.items.length]);
  else out.items = items.map((i) => [i.list, i.caseId, i.date, i.daysOverdue ?? null]);
  if (expected.texts) {
    out.texts = Object.fromEntries(Object.keys(expected.texts).map((k) => [k, items.find((i) => `${i.list}:${i.caseId}` === k)?.reason.text ?? null]));
  }
  return out;
};

for (const v of vectors) {
  test(`worklists ${v.name}`, () => {
    let got;
    try {
      got = observed(v.expected, worklists(v.cases, v.as_of, { ...v.options, policies: v.policies }));
    } catch (e) {
      if (e.name !== "ValidationError") throw e;
      got = observed(v.expected, null, e.issues);
    }
    assert.deepEqual(got, v.expected);
  });
}

test("options in camelCase, and a misspelt one refused by name", () => {
  const v = vectors.find((x) => x.name === "portefeuille_aismt13_et_astbtp");
  const w = worklists(v.cases, "2024-06-17", { lists: ["visite_reprise"], repriseWithinDays: 5 });
  // the visit due on 23 June is 6 days away: beyond 5 days, not listed
  assert.deepEqual(w.items, []);
  assert.throws(() => worklists(v.cases, "2024-06-17", { repriseWithin: 5 }), (e) => {
    assert.equal(e.name, "ValidationError");
    assert.deepEqual(e.issues.map((i) => [i.code, i.path]), [["unknown_field", "options.reprise_within"]]);
    return true;
  });
});
