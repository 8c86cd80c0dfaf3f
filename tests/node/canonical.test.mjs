// Canonical outputs of every vector through the wasm package, compared with
// the other runners' by tests/tools/compare_conformance.py. Result objects
// are camelCase in JS: their keys go back to the core's snake_case (message
// parameters are snake_case already).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";

import {
  initSync, validate, validateJson, evaluate, legalCalendar, indicators, publishBundle, audit, verify,
  regionalReport, impact, companyReport, worklists, document,
} from "../../cme-wasm/pkg/cme.js";

initSync({ module: readFileSync(new URL("../../cme-wasm/pkg/core_bg.wasm", import.meta.url)) });

const vectors = (family) => {
  const dir = new URL(`../vectors/${family}/`, import.meta.url);
  return readdirSync(dir).filter((f) => f.endsWith(".json")).sort()
    .map((f) => JSON.parse(readFileSync(new URL(f, dir), "utf8")));
};

const snake = (k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const unCamel = (v, inParams = false) => {
  if (Array.isArray(v)) return v.map((x) => unCamel(x));
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [inParams ? k : snake(k), k === "params" ? unCamel(x, true) : unCamel(x)]));
  }
  return v;
};
// Keys sorted (by UTF-16 code units: the keys are ASCII), compact.
const canonical = (v) => {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`;
  }
  return JSON.stringify(v);
};
const write = (family, name, value) => {
  const dir = new URL(`../../target/conformance/node/${family}/`, import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL(`${name}.json`, dir), `${canonical(value)}\n`);
};

test("write canonical outputs", () => {
  let n = 0;
  for (const v of vectors("validation")) {
    const issues = "input_json" in v ? validateJson(v.input_json, v.as_of ?? undefined) : validate(v.input, v.as_of ?? undefined);
    write("validation", v.name, { issues: unCamel(issues) });
    n += 1;
  }
  for (const v of vectors("pathway")) {
    const e = unCamel(evaluate(v.input, v.policy, v.as_of));
    const { text_fr: text, ...evaluation } = e;
    write("pathway", v.name, { evaluation, text_fr: text });
    n += 1;
  }
  for (const v of vectors("legal")) {
    const o = v.options;
    const options = o ? {
      branchAgreementAge: o.branch_agreement_age,
      liaisonAbsencesDiscontinues: o.liaison_absences_discontinues,
      entretienParcoursFrom: o.entretien_parcours_from,
    } : undefined;
    let out;
    try {
      out = { report: unCamel(legalCalendar(v.input, v.as_of, options)) };
    } catch (e) {
      if (e.name !== "ValidationError") throw e;
      out = { issues: unCamel(e.issues) };
    }
    write("legal", v.name, out);
    n += 1;
  }
  for (const v of vectors("indicators")) {
    const period = `${v.period.start}/${v.period.end}`;
    const r = indicators(v.cases, v.policy, period, v.by ?? [], undefined, undefined, v.indicators);
    // The publication of the bundle: the total, each dimension, their cross.
    const by = v.by ?? [];
    const bys = [[], ...(by.length === 2 ? by.map((d) => [d]) : []), ...(by.length ? [by] : [])];
    const published = publishBundle(bys.map((b) => indicators(v.cases, v.policy, period, b, undefined, undefined, v.indicators)), 11);
    write("indicators", v.name, {
      report: unCamel(r),
      publication: unCamel(published),
      audit: unCamel(audit(published)),
      verification: unCamel(verify(published)),
    });
    n += 1;
  }
  for (const v of vectors("regions")) {
    let out;
    try {
      const r = regionalReport(v.cases, `${v.period.start}/${v.period.end}`, v.by ?? [], v.policies ?? undefined);
      out = { report: unCamel(r), publication: unCamel(publishBundle([r.harmonised], 11)) };
    } catch (e) {
      if (e.name !== "ValidationError") throw e;
      out = { issues: unCamel(e.issues) };
    }
    write("regions", v.name, out);
    n += 1;
  }
  for (const v of vectors("companies")) {
    let out;
    try {
      const r = v.request;
      out = { report: unCamel(companyReport(v.cases, v.policy, r.company, r.headcount, r.period, { by: r.by, threshold: r.threshold })) };
    } catch (e) {
      if (e.name !== "ValidationError") throw e;
      out = { issues: unCamel(e.issues) };
    }
    write("companies", v.name, out);
    n += 1;
  }
  for (const v of vectors("worklists")) {
    let out;
    try {
      out = { worklists: unCamel(worklists(v.cases, v.as_of, { ...v.options, policies: v.policies })) };
    } catch (e) {
      if (e.name !== "ValidationError") throw e;
      out = { issues: unCamel(e.issues) };
    }
    write("worklists", v.name, out);
    n += 1;
  }
  for (const v of vectors("documents")) {
    let out;
    try {
      out = { document: unCamel(document(v.case, v.kind, v.as_of, v.options)) };
    } catch (e) {
      if (e.name !== "ValidationError" && e.name !== "InvalidArgumentError") throw e;
      out = { issues: unCamel(e.issues) };
    }
    write("documents", v.name, out);
    n += 1;
  }
  for (const v of vectors("impacts")) {
    let out;
    try {
      out = { report: unCamel(impact(v.cases, v.before, v.after, v.as_of)) };
    } catch (e) {
      if (e.name !== "ValidationError") throw e;
      out = { issues: unCamel(e.issues) };
    }
    write("impacts", v.name, out);
    n += 1;
  }
  assert.ok(n >= 200);
});
