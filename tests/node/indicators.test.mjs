// Indicator vectors through the wasm package.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";

import { initSync, indicators, indicatorCatalogue, ValidationError, publishBundle, audit, verify } from "../../cme-wasm/pkg/cme.js";

initSync({ module: readFileSync(new URL("../../cme-wasm/pkg/core_bg.wasm", import.meta.url)) });

const dir = new URL("../vectors/indicators/", import.meta.url);
const vectors = readdirSync(dir).filter((f) => f.endsWith(".json")).sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), "utf8")));

const checked = (values, wanted) => {
  const out = {};
  for (const v of values) {
    if (!(v.id in wanted)) continue;
    out[v.id] = { numerator: v.numerator, value: v.value };
    if (v.denominator !== undefined && v.denominator !== null) out[v.id].denominator = v.denominator;
  }
  return out;
};
const sortKeys = (o) => Object.fromEntries(Object.entries(o).sort().map(([k, v]) => [k, Object.fromEntries(Object.entries(v).sort())]));

for (const v of vectors) {
  test(`indicators ${v.name}`, () => {
    const r = indicators(v.cases, v.policy, `${v.period.start}/${v.period.end}`, v.by, undefined, undefined, v.indicators);
    if (v.expected.shown) {
      assert.deepEqual(r.total.map((x) => x.id), v.expected.shown);
      for (const c of r.cells) assert.deepEqual(c.values.map((x) => x.id), v.expected.shown);
    }
    assert.deepEqual(sortKeys(checked(r.total, v.expected.total)), sortKeys(v.expected.total));
    for (const cell of v.expected.cells ?? []) {
      const got = r.cells.find((c) => JSON.stringify(c.key) === JSON.stringify(cell.key));
      assert.deepEqual(sortKeys(checked(got.values, cell.values)), sortKeys(cell.values));
    }
    if (v.expected.targets) {
      assert.deepEqual(
        [r.targets.signalements, r.targets.dossiers, r.targets.maintienPercent],
        [v.expected.targets.signalements, v.expected.targets.dossiers, v.expected.targets.maintien_percent]);
    }
  });
}

test("published figures hide small cells", () => {
  const v = vectors.find((x) => x.name === "aist43_bilan_intermediaire");
  const p = indicators(v.cases, v.policy, `${v.period.start}/${v.period.end}`, [], 11);
  const positives = p.total.find((x) => x.id === "statut_sortie_positive");
  assert.equal(positives.hidden, "secret_statistique");
  assert.equal(positives.numerator, null);
  assert.ok(indicatorCatalogue().length > 30);
});

test("a publication threshold under the floor is refused with the reason", () => {
  const cases = vectors[0].cases;
  for (const bad of [0, 1]) {
    assert.throws(() => indicators(cases, "aist43", "2024", [], bad), (e) => e instanceof ValidationError
      && e.issues[0].code === "integer_out_of_range" && e.issues[0].path === "threshold" && e.issues[0].params.min === "2");
  }
  assert.equal(indicators(cases, "aist43", "2024", [], 2).threshold, 2);
});

test("a bundle is audited and its receipt verified, as in the other runtimes", () => {
  const v = vectors.find((x) => x.name === "par_secteur");
  const reports = [[], ["secteur"]].map((by) => indicators(v.cases, v.policy, `${v.period.start}/${v.period.end}`, by));
  const published = publishBundle(reports, 11);
  assert.equal(published.length, 2);
  const a = audit(published);
  assert.ok(a.passed && a.hidden.every((h) => h.protected));
  assert.equal(verify(published).valid, true);
  const changed = structuredClone(published);
  // a figure changed: a shown one moved by one, or a hidden one revealed
  const first = changed[0].total[0];
  first.numerator = first.numerator === null || first.numerator === undefined ? 0 : first.numerator + 1;
  delete first.hidden;
  assert.equal(verify(changed).valid, false);
});

test("the classes of exit results are keyed by their codes, as the code lists give them", () => {
  // AISMT 13's preset: a workstation adjustment is a positive exit, an
  // inaptitude a negative one, a retirement neutral (cme-core/policies/aismt13.json).
  const report = indicators([], "aismt13", "2024");
  assert.equal(report.classification.amenagement_poste, "positive");
  assert.equal(report.classification.inaptitude, "negative");
  assert.equal(report.classification.retraite, "neutre");
  assert.equal(report.classification.amenagementPoste, undefined);
});
