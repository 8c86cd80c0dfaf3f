// The form's module (cme-pdp/form) in Node: valid cases next to faulty ones
// (the faults of the browser page, cme-wasm/demo/bench.js), the whole
// `validate` and the core call alone (JSON text in and out).
//   ./scripts/build-wasm.sh && node benchmarks/node_form_validation.mjs
import { readFileSync } from "node:fs";
import { initSync, validate } from "../cme-wasm/pkg/form.js";
import { call } from "../cme-wasm/pkg/form_core.js";

initSync({ module: readFileSync(new URL("../cme-wasm/pkg/form_bg.wasm", import.meta.url)) });
const cases = JSON.parse(readFileSync(new URL("../cme-core/data/sample_cases.json", import.meta.url)));
const MUTATIONS = [
  (c) => { c.id = "Jean Dupont"; },
  (c) => { c.worker.birth_year = 1850; },
  (c) => { c.worker.nom = "x"; },
  (c) => { c.signalement.source_visit = "visite"; },
  (c) => { c.signalement.date = "2024-02-30"; },
  (c) => { delete c.signalement.signalled_by; },
  (c) => { c.events.push({ type: "rdv", date: c.signalement.date }); },
  (c) => { c.worker.cim10_chapter = 23; },
  (c) => { c.worker.sector = { nomenclature: "naf_rev2", section: "V" }; },
  (c) => { c.format_version = 3; },
];
const invalid = cases.map((c, i) => {
  const copy = structuredClone(c);
  MUTATIONS[i % MUTATIONS.length](copy);
  return copy;
});
const args = (set) => set.map((c) => JSON.stringify({ case: c, as_of: "2025-06-30" }));
const N = 40_000;
const time = (set, f) => {
  for (let i = 0; i < 2000; i += 1) f(set[i % set.length]);
  const t0 = performance.now();
  for (let i = 0; i < N; i += 1) f(set[i % set.length]);
  return ((performance.now() - t0) * 1000) / N;
};
console.log("| µs per case | the 50 valid cases | the 50 invalid cases |\n|---|---:|---:|");
const rows = [
  ["`validate`, the whole call", (set) => time(set, (c) => validate(c, "2025-06-30"))],
  ["the core call (JSON text in, JSON text out)", (set) => time(args(set), (a) => call("validate", a))],
];
for (const [name, run] of rows) {
  console.log(`| ${name} | ${run(cases).toFixed(1)} | ${run(invalid).toFixed(1)} |`);
}
