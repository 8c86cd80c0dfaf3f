// Document vectors (a document of the cell filled from a case as of a
// date, or its refusal) through the wasm package, and the JS surface:
// options, errors, the fields.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";

import { initSync, document, documentFields, CmeError } from "../../cme-wasm/pkg/cme.js";

initSync({ module: readFileSync(new URL("../../cme-wasm/pkg/core_bg.wasm", import.meta.url)) });

const dir = new URL("../vectors/documents/", import.meta.url);
const vectors = readdirSync(dir).filter((f) => f.endsWith(".json")).sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), "utf8")));

// The same projection as the Rust and Python runners' document_observed.
const observed = (doc, issues) => {
  if (!doc) {
    return { error: issues.map((i) => ({ code: i.code, path: i.path })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
  }
  return { title: doc.title, text: doc.text, placeholders: doc.placeholders, sources: doc.sources.map((s) => s.id) };
};

for (const v of vectors) {
  test(`document ${v.name}`, () => {
    let got;
    try {
      got = observed(document(v.case, v.kind, v.as_of, v.options));
    } catch (e) {
      if (!(e instanceof CmeError)) throw e;
      got = observed(null, e.issues);
    }
    assert.deepEqual(got, v.expected);
  });
}

test("a letter refused without agreement throws a ValidationError with its code and path, never the name", () => {
  const v = vectors.find((x) => x.name === "convocation_sans_accord");
  assert.throws(() => document(v.case, v.kind, v.as_of, v.options), (e) => {
    assert.equal(e.name, "ValidationError");
    assert.equal(e.issues[0].code, "document_without_consent");
    assert.equal(e.issues[0].params.recipient, "employeur");
    assert.match(e.issues[0].messageEn, /^This document is addressed to the employer:/);
    assert.ok(!JSON.stringify(e.issues).includes("Jeanne") && !e.message.includes("Jeanne"));
    return true;
  });
});

test("the HTML to print marks each placeholder; the fields say which are identity", () => {
  const v = vectors.find((x) => x.name === "attestation_presence_sans_identite");
  const doc = document(v.case, v.kind, v.as_of);
  assert.ok(doc.html.startsWith("<!DOCTYPE html>"));
  assert.ok(doc.html.includes("<mark>[Nom et prénom du salarié]</mark>"));
  const fields = Object.fromEntries(documentFields().map((f) => [f.name, f]));
  assert.equal(fields["worker.name"].identity, true);
  assert.equal(fields["signalement.date"].identity, false);
  assert.equal(fields["dpo.contact"].label, "Contact du délégué à la protection des données");
});

test("a service's templates that do not load throw an InvalidArgumentError (invalid_templates)", () => {
  const v = vectors.find((x) => x.name === "modele_du_service_refuse");
  assert.throws(() => document(v.case, v.kind, v.as_of, v.options), (e) => {
    assert.equal(e.name, "InvalidArgumentError");
    assert.equal(e.code, "invalid_templates");
    assert.equal(e.path, "templates");
    assert.deepEqual(e.issues.map((i) => [i.code, i.path]), [["unknown_template_field", "templates[0].body"]]);
    return true;
  });
});
