// The react-hook-form resolver of cme-pdp/form, in a small form: react-hook-
// form's own form control (createFormControl, the store behind useForm),
// fields registered as a page registers them, values as inputs hold them
// (empty strings, NaN of an empty number input), submitted with
// handleSubmit. Expected messages are the catalogue's templates with the
// field labels, written out by hand.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createFormControl } from "../../cme-wasm/node_modules/react-hook-form/dist/index.esm.mjs";
import { initSync, resolver } from "../../cme-wasm/pkg/form.js";

initSync({ module: readFileSync(new URL("../../cme-wasm/pkg/form_bg.wasm", import.meta.url)) });

// A signalement form as a page holds it: every field present, empty ones "".
function blank() {
  return {
    format_version: 1, id: "", service: "",
    worker: { birth_year: Number.NaN, employer: "", rqth: "" },
    sick_leaves: [{ start: "", end: "", cause: "" }],
    signalement: { date: "", source_visit: "", signalled_by: "", requested_by: "" },
  };
}
const FIELDS = ["id", "service", "worker.birth_year", "worker.employer", "worker.rqth",
  "sick_leaves.0.start", "sick_leaves.0.end", "sick_leaves.0.cause",
  "signalement.date", "signalement.source_visit", "signalement.signalled_by", "signalement.requested_by"];

async function submit(values) {
  const form = createFormControl({ defaultValues: blank(), resolver: resolver({ asOf: "2024-12-31" }) });
  for (const name of FIELDS) form.register(name);
  for (const [name, value] of Object.entries(values)) form.setValue(name, value);
  let valid = null;
  let invalid = null;
  await form.handleSubmit((data) => { valid = data; }, (errors) => { invalid = errors; })();
  return { valid, invalid };
}

test("an empty form: each required field has its error, in the form's words", async () => {
  const { valid, invalid } = await submit({});
  assert.equal(valid, null);
  assert.deepEqual(
    { type: invalid.id.type, message: invalid.id.message },
    { type: "missing_field", message: "« Identifiant pseudonyme du dossier » est obligatoire." },
  );
  assert.equal(invalid.signalement.source_visit.message, "« Visite d'origine » est obligatoire.");
  assert.equal(invalid.signalement.date.message, "« Date du signalement » est obligatoire.");
  // An empty number input (NaN) and empty selects are left out, not errors
  // of type: the optional ones give nothing.
  assert.equal(invalid.worker?.birth_year, undefined);
  assert.equal(invalid.worker?.employer, undefined);
});

test("a name as identifier and an inverted sick leave are given at their fields", async () => {
  const { invalid } = await submit({
    id: "Jean Dupont",
    "sick_leaves.0.start": "2024-05-10", "sick_leaves.0.end": "2024-04-01",
    "sick_leaves.0.cause": "maladie_non_professionnelle",
  });
  assert.equal(invalid.id.type, "invalid_id");
  assert.match(invalid.id.message, /^« Identifiant pseudonyme du dossier » : identifiant invalide : 1 à 64 caractères/);
  assert.ok(!invalid.id.message.includes("Dupont"));
  assert.ok(Array.isArray(invalid.sick_leaves));
  assert.deepEqual(
    { type: invalid.sick_leaves[0].end.type, message: invalid.sick_leaves[0].end.message },
    { type: "sick_leave_end_before_start", message: "« Fin de l'arrêt » : la fin de l'arrêt de travail précède son début." },
  );
});

test("valid values are given back as the case, empty fields left out", async () => {
  const { valid, invalid } = await submit({
    id: "S-001", service: "asmt65", "worker.birth_year": 1994, "worker.employer": "public",
    "sick_leaves.0.start": "2024-07-17", "sick_leaves.0.end": "2024-10-09",
    "sick_leaves.0.cause": "maladie_non_professionnelle",
    "signalement.date": "2024-08-10", "signalement.source_visit": "pre_reprise",
    "signalement.signalled_by": "medecin_du_travail", "signalement.requested_by": "medecin_du_travail",
  });
  assert.equal(invalid, null, JSON.stringify(invalid));
  assert.deepEqual(valid, {
    format_version: 1, id: "S-001", service: "asmt65",
    worker: { birth_year: 1994, employer: "public" },
    sick_leaves: [{ start: "2024-07-17", end: "2024-10-09", cause: "maladie_non_professionnelle" }],
    signalement: {
      date: "2024-08-10", source_visit: "pre_reprise",
      signalled_by: "medecin_du_travail", requested_by: "medecin_du_travail",
    },
  });
});

test("messages in English on request, and an error of the whole case at root", async () => {
  const en = resolver({ asOf: "2024-12-31", lang: "en" })({ format_version: 1 });
  assert.equal(en.errors.id.message, "“Pseudonymous case id” is required.");
  const whole = resolver()([]);
  assert.equal(whole.errors.root.type, "object_type");
  assert.equal(whole.errors.root.message, "Un objet est attendu ici.");
});
