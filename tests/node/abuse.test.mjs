// The attacks of an adversarial page on the browser package: each ends in
// a typed InputError from cme's catalogue, after work bounded by the
// budget of the document (docs/limits.md), not by the size of the input.
// The work is counted (getters that count the values visited), never timed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";

import { initSync, validate, indicators, audit, InputError } from "../../cme-wasm/pkg/cme.js";

initSync({ module: readFileSync(new URL("../../cme-wasm/pkg/core_bg.wasm", import.meta.url)) });

const MIB = 1 << 20;

function counted(n) {
  const seen = { n: 0 };
  const events = Array.from({ length: n }, () => ({
    get type() { seen.n += 1; return "contact"; },
    date: "2024-01-01",
  }));
  return { events, seen };
}

test("a million events are refused before any is visited", () => {
  const { events, seen } = counted(1_000_000);
  assert.throws(() => validate({ id: "C-1", events }), (e) => e instanceof InputError
    && e.code === "document_too_large" && e.path === "events"
    && e.issues.length === 1 && e.issues[0].params.max_bytes === String(MIB)
    && e.message.startsWith("Le document dépasse"));
  assert.equal(seen.n, 0);
});

test("within the list's length, the work stops at the document's budget", () => {
  // 400,000 events pass the length check (2 bytes each). Each event is
  // counted at its smallest form, 31 bytes: 2 for the object, 2 + 4 + 7
  // for "type": "contact", 2 + 4 + 10 for "date": "2024-01-01" (its text
  // is 40 bytes: {"type":"contact","date":"2024-01-01"},). So at most
  // 1 MiB / 31 events are visited before the refusal, and at least
  // 1 MiB / 40 (a document that fits is never refused).
  const { events, seen } = counted(400_000);
  assert.throws(() => validate({ id: "C-1", events }), (e) => e.code === "document_too_large"
    && e.path.startsWith("events["));
  assert.ok(seen.n >= MIB / 40 && seen.n <= Math.ceil(MIB / 31), `${seen.n} events visited`);
});

test("a text past the budget is refused before it is copied", () => {
  assert.throws(() => validate({ id: "x".repeat(2 * MIB) }), (e) => e.code === "document_too_large" && e.path === "id");
});

test("a list of cases is counted before any case is written", () => {
  // a sparse array: its length says ten million and one, its items are
  // never looked at
  const cases = new Array(10_000_001);
  assert.throws(() => indicators(cases, "aist43", "2024"), (e) => e instanceof InputError
    && e.code === "too_many_items" && e.path === "cases" && e.issues[0].params.max === "10000000");
});

test("each case of a list has its own budget", () => {
  const dir = new URL("../vectors/indicators/", import.meta.url);
  const first = readdirSync(dir).filter((f) => f.endsWith(".json")).sort()[0];
  const [one] = JSON.parse(readFileSync(new URL(first, dir), "utf8")).cases;
  const cases = [one, { ...one, events: new Array(MIB) }];
  assert.throws(() => indicators(cases, "aist43", "2024"), (e) => e.code === "document_too_large"
    && e.path === "[1].events");
  // many small cases are not one document
  assert.equal(indicators(Array(3000).fill(one), "aist43", "2024").cases, 3000);
});

test("all the cases of a call together are at most 64 MiB", () => {
  // 100 cases of 0.9 MiB each: every one within its own 1 MiB, 90 MiB in all
  const big = { id: "x".repeat(900 * 1024) };
  assert.throws(() => indicators(Array(100).fill(big), "aist43", "2024"), (e) => e.code === "document_too_large"
    && e.issues[0].params.max_bytes === String(64 * MIB) && /^\[\d+\]\.id$/.test(e.path));
});

test("a report given back has the report budget (64 MiB)", () => {
  assert.throws(() => audit({ cells: "x".repeat(65 * MIB) }), (e) => e.code === "document_too_large"
    && e.issues[0].params.max_bytes === String(64 * MIB));
});

test("a breakdown past what a publication protects is refused before the audit", () => {
  const dir = new URL("../vectors/indicators/", import.meta.url);
  const first = readdirSync(dir).filter((f) => f.endsWith(".json")).sort()[0];
  const [one] = JSON.parse(readFileSync(new URL(first, dir), "utf8")).cases;
  // 1,000 services: within a report's 10,000 cells, past the 200 cells a
  // publication protects (its audit would run for hours)
  const cases = Array.from({ length: 1000 }, (_, i) => ({ ...one, id: `C-${i}`, service: `s${i}` }));
  assert.throws(() => indicators(cases, "aist43", "2024", ["service"], 11), (e) => e.name === "ValidationError"
    && e.issues[0].code === "too_many_cells" && e.issues[0].path === "reports" && e.issues[0].params.max === "200");
});
