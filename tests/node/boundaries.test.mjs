// What a panic of Rust code becomes in JS: the WebAssembly instance traps
// (panic = abort), cme.js throws an InternalError (a CmeError) and refuses
// every call until the module is loaded again; after initSync it works.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { initSync, validate, _boundaryPanic, InternalError, CmeError } from "../../cme-wasm/pkg/cme.js";

const bytes = readFileSync(new URL("../../cme-wasm/pkg/core_bg.wasm", import.meta.url));
initSync({ module: bytes });

test("a panic becomes an InternalError and the module is loaded again", () => {
  assert.throws(() => _boundaryPanic(), (e) => e instanceof InternalError && e instanceof CmeError && e.code === "internal_error");
  assert.throws(() => validate({}), (e) => e instanceof InternalError);
  initSync({ module: bytes });
  assert.equal(validate({})[0].code, "missing_field");
});
