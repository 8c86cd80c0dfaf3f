// The two writers of a call's arguments (cme-wasm/js/runtime.js): the fast
// one (a walk over plain data, then JSON.stringify without a replacer)
// must give what the strict one gives (JSON.stringify with a replacer that
// judges each value at its path): the same text, or the same error, with
// the same code, path and parameters. Random documents, seeded, against
// small budgets so that every budget is reached; the values JSON cannot
// hold, toJSON methods, Maps, null-prototype objects, sparse arrays,
// lists of cases.
import { test } from "node:test";
import assert from "node:assert/strict";

import { binding } from "../../cme-wasm/js/runtime.js";

// A module stand-in: small budgets, and the refusal of the core echoed.
function fakeCall(limits) {
  return (op, text) => {
    if (op === "limits") return JSON.stringify({ ok: limits });
    if (op === "refuse") {
      const { code, path, params } = JSON.parse(text);
      const issue = { code, path, params, message: code, messageEn: code };
      return JSON.stringify({ error: { name: "InputError", code, path, issues: [issue] } });
    }
    throw new Error(`unexpected ${op}`);
  };
}

// A seeded generator (mulberry32).
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function value(r, depth) {
  const k = Math.floor(r() * (depth > 3 ? 9 : 16));
  switch (k) {
    case 0: return null;
    case 1: return r() < 0.5;
    case 2: return Math.floor(r() * 2000) - 1000;
    case 3: return "x".repeat(Math.floor(r() * 30));
    case 4: return "é".repeat(Math.floor(r() * 5));
    case 5: return undefined;
    case 6: return r() < 0.3 ? [NaN, Infinity, -Infinity][Math.floor(r() * 3)] : 1.5;
    case 7: return r() < 0.2 ? [() => 1, Symbol("s"), 10n][Math.floor(r() * 3)] : "ok";
    case 8: return r() < 0.1 ? new Date(0) : "2024-01-01";
    case 9: case 10: case 11: {
      const o = r() < 0.1 ? Object.create(null) : {};
      const n = Math.floor(r() * 5);
      for (let i = 0; i < n; i += 1) o[`k${Math.floor(r() * 100)}`] = value(r, depth + 1);
      if (r() < 0.03) o.toJSON = () => "converted";
      return o;
    }
    case 12: case 13: {
      const a = Array.from({ length: Math.floor(r() * 6) }, () => value(r, depth + 1));
      if (r() < 0.1) a.length += 3; // holes
      if (r() < 0.03) a.toJSON = () => ["converted"];
      return a;
    }
    case 14: return r() < 0.5 ? new Map([["a", 1]]) : new Array(Math.floor(r() * 80));
    default: return { nested: { deeper: value(r, depth + 2) } };
  }
}

function outcome(write, args) {
  try {
    return { text: write(args) };
  } catch (e) {
    return { error: e.constructor.name, code: e.code, path: e.path, params: e.issues && e.issues[0] && e.issues[0].params };
  }
}

test("the fast writer gives the strict writer's text or error on random arguments", () => {
  const r = rng(2026);
  const kinds = { text: 0, error: 0 };
  for (let n = 0; n < 20_000; n += 1) {
    const limits = { max_json_bytes: 20 + Math.floor(r() * 200), max_report_bytes: 100 + Math.floor(r() * 600), max_rows: Math.floor(r() * 6) };
    const { stringify, strictStringify } = binding(fakeCall(limits));
    const args = {};
    if (r() < 0.5) args.case = value(r, 0);
    if (r() < 0.3) args.cases = Array.from({ length: Math.floor(r() * 8) }, () => value(r, 1));
    if (r() < 0.2) args.reports = value(r, 0);
    if (r() < 0.2) args.text = r() < 0.8 ? "t".repeat(Math.floor(r() * 900)) : value(r, 0);
    args.as_of = r() < 0.8 ? "2025-06-30" : value(r, 2);
    if (r() < 0.3) args.labels = r() < 0.5 ? undefined : true;
    const strict = outcome(strictStringify, args);
    assert.deepEqual(outcome(stringify, args), strict, JSON.stringify(strict));
    kinds[strict.text === undefined ? "error" : "text"] += 1;
  }
  // both ways are exercised
  assert.ok(kinds.text > 2000 && kinds.error > 2000, JSON.stringify(kinds));
});

test("a value past the depth the fast writer walks is written by the strict one", () => {
  const { stringify, strictStringify } = binding(fakeCall({ max_json_bytes: 1 << 20, max_report_bytes: 1 << 26, max_rows: 10 }));
  let deep = "bottom";
  for (let i = 0; i < 300; i += 1) deep = [deep];
  assert.equal(stringify({ case: deep }), strictStringify({ case: deep }));
  const cycle = {};
  cycle.self = cycle;
  assert.throws(() => stringify({ case: cycle }), TypeError);
});

test("the call's budget named when a key passes it, before the document's own text", () => {
  // Hand count: the first case spends 2 + (2 + 1) + 40 = 45 of the call's
  // 60 (15 left); the second spends 2, then 2 + 12 for its key: 14 > 13
  // left of the call's budget while its own 50 still has 34, so the call's
  // 60 is named, at the key, before the 45 bytes of its text are counted.
  const { stringify, strictStringify } = binding(fakeCall({ max_json_bytes: 50, max_report_bytes: 60, max_rows: 10 }));
  const args = { cases: [{ a: "x".repeat(40) }, { bbbbbbbbbbbb: "y".repeat(45) }] };
  for (const write of [stringify, strictStringify]) {
    assert.deepEqual(outcome(write, args), {
      error: "InputError", code: "document_too_large", path: "[1].bbbbbbbbbbbb", params: { max_bytes: 60 },
    });
  }
});
