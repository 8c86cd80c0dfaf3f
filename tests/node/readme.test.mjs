// The READMEs' JavaScript runs in Node as written: each ```js block of
// README.md and cme-wasm/README.md that imports "cme-pdp" is saved as a
// module next to a node_modules/cme-pdp that is the built package
// (cme-wasm/pkg), and run by Node (so `await init()` must load the module
// from the package, not fetch it). The names a block leaves to the reader
// (formData, showError, leave, worker) are given by a prelude: the first
// case of the sample, a function that records what it is shown.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

function blocks(readme) {
  const text = readFileSync(join(root, readme), "utf8");
  return [...text.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1])
    .filter((b) => /from "cme-pdp(\/form)?"/.test(b));
}

const sample = JSON.parse(readFileSync(join(root, "cme-core/data/sample_cases.json"), "utf8"));
const first = Array.isArray(sample) ? sample[0] : sample.cases[0];
const PRELUDE = `
globalThis.formData = ${JSON.stringify(first)};
globalThis.shown = [];
globalThis.showError = (path, message) => globalThis.shown.push([path, message]);
globalThis.leave = { start: "2025-01-06", end: "2025-06-15", cause: "maladie_non_professionnelle" };
globalThis.worker = { id: "W-1", birth_year: 1970 };
`;

for (const readme of ["README.md", "cme-wasm/README.md"]) {
  test(`the JavaScript of ${readme} runs in Node as written`, () => {
    const found = blocks(readme);
    assert.ok(found.length > 0, `${readme} shows JavaScript using cme-pdp`);
    const dir = mkdtempSync(join(tmpdir(), "cme-readme-"));
    try {
      mkdirSync(join(dir, "node_modules"));
      symlinkSync(join(root, "cme-wasm/pkg"), join(dir, "node_modules/cme-pdp"), "dir");
      writeFileSync(join(dir, "prelude.mjs"), PRELUDE);
      found.forEach((code, i) => {
        const file = join(dir, `block${i}.mjs`);
        writeFileSync(file, code);
        const out = execFileSync(process.execPath, ["--import", "./prelude.mjs", file], {
          cwd: dir, encoding: "utf8", stdio: "pipe",
        });
        assert.equal(typeof out, "string");
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
