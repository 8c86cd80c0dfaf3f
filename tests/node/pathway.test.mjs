// Pathway vectors, evaluation, policies and event refusal through the wasm package.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";

import {
  initSync, evaluate, tryAddEvent, preset, presetCodes, loadPolicy,
} from "../../cme-wasm/pkg/cme.js";

initSync({ module: readFileSync(new URL("../../cme-wasm/pkg/core_bg.wasm", import.meta.url)) });

const dir = new URL("../vectors/pathway/", import.meta.url);
const vectors = readdirSync(dir).filter((f) => f.endsWith(".json")).sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), "utf8")));

const byCodePath = (a, b) => (a.code + a.path).localeCompare(b.code + b.path);
// Every suggested partner as problem:partner:state, sorted.
const orientation = (e) => e.orientation
  .map((s) => `${s.problem}:${s.partner}:${s.blocked ?? (s.actionable ? "actionable" : "non_actionable")}`)
  .sort();
const outcome = (e, withOrientation, expected = {}) => ({
  stage: e.stage.value.stage,
  status: e.status.value,
  category: e.category.decision.value,
  inclusion: e.inclusion.decision.value,
  alerts: e.alerts.map((a) => a.code).sort(),
  refused: e.refusedEvents.map((i) => ({ code: i.code, path: i.path })).sort(byCodePath),
  ...(withOrientation ? { orientation: orientation(e) } : {}),
  ...("history" in expected ? { history: e.stage.value.history.map((h) => h.stage) } : {}),
  ...("next_steps" in expected ? { next_steps: e.nextSteps.map((s) => s.code) } : {}),
});

test("there are at least 30 pathway vectors", () => assert.ok(vectors.length >= 30));

for (const v of vectors) {
  test(`pathway ${v.name}`, () => {
    const e = evaluate(v.input, v.policy, v.as_of);
    const expected = { ...v.expected, refused: [...v.expected.refused].sort(byCodePath) };
    assert.deepEqual(outcome(e, "orientation" in v.expected, v.expected), expected);
  });
}

test("an evaluation explains itself, with camelCase keys", () => {
  const v = vectors.find((x) => x.name === "suivi_6_mois_en_retard");
  const e = evaluate(v.input, v.policy, v.as_of);
  assert.equal(e.asOf, v.as_of);
  assert.equal(e.policy.id, "aismt13");
  assert.equal(e.policy.contentHash.length, 64);
  for (const d of [e.stage, e.status, e.category.decision, e.inclusion.decision]) {
    assert.ok(d.reasons.length > 0 && d.sources.length > 0);
  }
  const late = e.alerts.find((a) => a.code === "suivi_en_retard");
  assert.equal(late.daysOverdue, 1);
  assert.match(e.textFr, /Statut : Sortie positive/);
});

test("a refused event throws EventRefusedError and the case is unchanged", () => {
  const v = vectors.find((x) => x.name === "contact_dans_les_delais");
  const before = JSON.stringify(v.input);
  assert.throws(() => tryAddEvent(v.input, { type: "suivi", date: "2024-04-01" }), (e) => {
    assert.equal(e.name, "EventRefusedError");
    assert.equal(e.code, "event_refused");
    assert.equal(e.path, "events[1]");
    assert.equal(e.issues[0].code, "follow_up_without_exit");
    return true;
  });
  assert.equal(JSON.stringify(v.input), before);
  const added = tryAddEvent(v.input, { type: "analyse_demande", date: "2024-03-12" });
  assert.equal(added.events.length, 2);
});

test("presets and policy loading", () => {
  assert.deepEqual(presetCodes(), ["asmt65", "aismt13", "acismt", "aist63", "astbtp01", "mt2i38", "aist43"]);
  const p = preset("aist43");
  assert.deepEqual(loadPolicy(p), p);
  assert.throws(() => preset("nope"), (e) => e.name === "UnknownPresetError" && e.code === "unknown_preset");
  assert.throws(() => loadPolicy({ id: "x" }), (e) => {
    assert.equal(e.name, "PolicyError");
    assert.ok(e.issues.some((i) => i.path === "results"));
    return true;
  });
});
