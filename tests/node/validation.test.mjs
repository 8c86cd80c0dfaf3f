// The validation vectors and the error model, through the built wasm package.
// Run: node --test tests/node/  (after scripts/build-wasm.sh)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";

import {
  initSync, validate, validateJson, parseCase, caseSchema, issueCodes, version,
  CmeError, ValidationError, InvalidArgumentError, InputError,
} from "../../cme-wasm/pkg/cme.js";

initSync({ module: readFileSync(new URL("../../cme-wasm/pkg/core_bg.wasm", import.meta.url)) });

const dir = new URL("../vectors/validation/", import.meta.url);
const vectors = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), "utf8")));

const key = (i) => `${i.code} @ ${i.path}`;
const warnings = new Set(issueCodes().filter((c) => c.severity === "warning").map((c) => c.code));

test("there are at least 30 validation vectors", () => {
  assert.ok(vectors.length >= 30);
});

for (const v of vectors) {
  test(`vector ${v.name}`, () => {
    const issues = "input_json" in v
      ? validateJson(v.input_json, v.as_of ?? undefined)
      : validate(v.input, v.as_of ?? undefined);
    assert.deepEqual(issues.map(key).sort(), v.expected.map(key).sort());
    for (const i of issues) {
      // A warning says so; an error carries no severity key (docs/issue-codes.md).
      const warning = warnings.has(i.code);
      const keys = ["code", "message", "messageEn", "params", "path", ...(warning ? ["severity"] : [])].sort();
      assert.deepEqual(Object.keys(i).sort(), keys);
      assert.equal(i.severity ?? "error", warning ? "warning" : "error");
      assert.ok(!i.message.includes("{"));
    }
  });
}

test("parseCase throws a ValidationError carrying code, path and issues", () => {
  assert.throws(() => parseCase({ format_version: 1, id: "Jean Dupont" }), (e) => {
    assert.ok(e instanceof Error);
    assert.equal(e.name, "ValidationError");
    assert.equal(e.code, "invalid_case");
    assert.equal(e.path, "");
    assert.deepEqual(e.issues.map((i) => i.path), ["id", "service", "worker", "signalement"]);
    assert.equal(e.issues[0].code, "invalid_id");
    assert.ok(!e.message.includes("Dupont"));
    assert.match(e.messageEn, /Invalid case/);
    return true;
  });
});

test("errors are instances of CmeError and of their own class", () => {
  assert.throws(() => parseCase({}), (e) => {
    assert.ok(e instanceof CmeError && e instanceof ValidationError && e instanceof Error);
    assert.equal(e.name, "ValidationError");
    assert.ok(e.stack.includes("ValidationError"));
    return true;
  });
  assert.throws(() => validate({}, 20240101), (e) => e instanceof InvalidArgumentError && e.code === "invalid_as_of");
});

test("values that are not JSON are refused, not silently dropped", () => {
  for (const bad of [{ id: () => 1 }, { id: 1n }, { id: Symbol("x") }]) {
    assert.throws(() => validate(bad), (e) => e instanceof InputError && e.code === "unsupported_type" && e.path === "id");
  }
  // a number without JSON form, at its path
  for (const n of [NaN, Infinity, -Infinity]) {
    const bad = { worker: { birth_year: 1970 }, events: [{ type: "contact" }, { type: "sortie", days: n }] };
    assert.throws(() => validate(bad), (e) => e instanceof InputError && e.code === "non_finite_number"
      && e.path === "events[1].days" && e.messageEn.startsWith("Non-finite"));
  }
  assert.throws(() => validate({ worker: { birth_year: NaN } }), (e) => e.path === "worker.birth_year");
  assert.throws(() => validateJson(42), (e) => e instanceof InputError);
  // a 64 MiB text is refused by its size alone (only its beginning is sent)
  const big = `{"id": "${"x".repeat(64 << 20)}"}`;
  const [issue, ...rest] = validateJson(big);
  assert.equal(rest.length, 0);
  assert.equal(issue.code, "document_too_large");
  // the limit cme.js cuts at is the core's
  assert.equal(issue.params.max_bytes, String(1 << 20));
  // cut inside a surrogate pair: still the size, not a broken envelope
  const pairs = `a${"😀".repeat(1 << 20)}`;
  assert.equal(validateJson(pairs)[0].code, "document_too_large");
  const cyclic = {}; cyclic.self = cyclic;
  assert.throws(() => validate(cyclic), (e) => e instanceof InputError);
});

test("a bad evaluation date throws InvalidArgumentError", () => {
  assert.throws(() => validate({}, "31/12/2024"), (e) => {
    assert.equal(e.name, "InvalidArgumentError");
    assert.equal(e.code, "invalid_as_of");
    assert.equal(e.path, "as_of");
    return true;
  });
});

test("a valid case parses to its normalized form", () => {
  const v = vectors.find((x) => x.name === "valide_complet");
  const c = parseCase(v.input, v.as_of);
  assert.equal(c.id, v.input.id);
  assert.equal(c.events.length, v.input.events.length);
});

test("the schema and the catalogue are exposed", async () => {
  const schema = await caseSchema();
  assert.equal(schema.title, "Case");
  const file = JSON.parse(readFileSync(new URL("../../cme-core/schema/case.schema.json", import.meta.url), "utf8"));
  assert.deepEqual(schema, file);
  const codes = issueCodes();
  assert.ok(codes.length >= 30);
  for (const c of codes) assert.ok(c.templateFr && c.templateEn);
  const cargo = readFileSync(new URL("../../Cargo.toml", import.meta.url), "utf8");
  assert.equal(version(), cargo.match(/^version = "(.*)"/m)[1]);
});
