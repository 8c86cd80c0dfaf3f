// Validation latency in the page: cme's validate (wasm) next to a
// hand-written zod schema (zod-case.js), on the same cases, in one run.
// The result is left in `window.benchResult` for the runner
// (benchmarks/browser-validation.mjs) and the end-to-end test.
import init, { validate } from "../pkg/cme.js";
import initForm, { validate as validateForm } from "../pkg/form.js";
import { CaseSchema } from "./zod-case.js";

const params = new URLSearchParams(location.search);
const BATCHES = Number(params.get("batches") ?? 21);
const REPS = Number(params.get("reps") ?? 20);
const AS_OF = "2025-06-30";

// Structural faults both validators must catch, one per invalid variant.
const MUTATIONS = [
  ["un nom comme identifiant", (c) => { c.id = "Jean Dupont"; }],
  ["année hors bornes", (c) => { c.worker.birth_year = 1850; }],
  ["champ inconnu", (c) => { c.worker.nom = "x"; }],
  ["code inconnu", (c) => { c.signalement.source_visit = "visite"; }],
  ["date impossible", (c) => { c.signalement.date = "2024-02-30"; }],
  ["champ obligatoire absent", (c) => { delete c.signalement.signalled_by; }],
  ["type d'étape inconnu", (c) => { c.events.push({ type: "rdv", date: c.signalement.date }); }],
  ["chapitre CIM-10 hors bornes", (c) => { c.worker.cim10_chapter = 23; }],
  ["section NAF inconnue", (c) => { c.worker.sector = { nomenclature: "naf_rev2", section: "V" }; }],
  ["version du format", (c) => { c.format_version = 3; }],
];

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function measure(name, cases, accepts) {
  let accepted = 0;
  for (const c of cases) if (accepts(c)) accepted += 1; // warm-up and agreement
  const perCase = [];
  for (let b = 0; b < BATCHES; b += 1) {
    const t0 = performance.now();
    for (let r = 0; r < REPS; r += 1) for (const c of cases) accepts(c);
    perCase.push(((performance.now() - t0) * 1000) / (REPS * cases.length));
  }
  perCase.sort((a, b) => a - b);
  return {
    name, medianUs: quantile(perCase, 0.5), p10Us: quantile(perCase, 0.1), p90Us: quantile(perCase, 0.9),
    accepted, refused: cases.length - accepted,
  };
}

async function main() {
  await init({ module_or_path: new URL("../pkg/core_bg.wasm", import.meta.url) });
  await initForm({ module_or_path: new URL("../pkg/form_bg.wasm", import.meta.url) });
  const sample = await (await fetch("../../cme-core/data/sample_cases.json")).json();
  const valid = sample;
  const invalid = sample.map((c, i) => {
    const copy = structuredClone(c);
    MUTATIONS[i % MUTATIONS.length][1](copy);
    return copy;
  });
  const all = [...valid, ...invalid];
  const cme = (c) => validate(c, AS_OF).length === 0;
  const form = (c) => validateForm(c, AS_OF).length === 0;
  const zod = (c) => CaseSchema.safeParse(c).success;
  const disagreements = all.filter((c) => cme(c) !== zod(c) || form(c) !== zod(c)).map((c) => c.id);
  const rows = [
    measure("cme.validate (wasm)", all, cme),
    measure("zod (schéma écrit à la main)", all, zod),
    measure("cme.validate, dossiers valides", valid, cme),
    measure("zod, dossiers valides", valid, zod),
    measure("cme-pdp/form validate (module du formulaire)", all, form),
    measure("cme-pdp/form validate, dossiers valides", valid, form),
    measure("zod, dossiers invalides", invalid, zod),
    measure("cme-pdp/form validate, dossiers invalides", invalid, form),
  ];
  const result = {
    userAgent: navigator.userAgent, batches: BATCHES, reps: REPS, cases: all.length,
    validCases: valid.length, invalidCases: invalid.length, disagreements, rows,
  };
  const tbody = document.querySelector("#table tbody");
  for (const r of rows) {
    const tr = document.createElement("tr");
    for (const v of [r.name, r.medianUs.toFixed(1), r.p10Us.toFixed(1), r.p90Us.toFixed(1), r.accepted, r.refused]) {
      const td = document.createElement("td");
      td.textContent = String(v);
      tr.append(td);
    }
    tbody.append(tr);
  }
  document.getElementById("table").hidden = false;
  document.getElementById("state").textContent =
    `${all.length} dossiers × ${REPS} répétitions × ${BATCHES} lots ; désaccords : ${disagreements.length}.`;
  window.benchResult = result;
}

main().catch((e) => { window.benchResult = { error: String(e && e.stack || e) }; });
