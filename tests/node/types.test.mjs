// The compile-fail test of the TypeScript declarations, attacked: tsc
// accepts the project's type tests (tests/node/types: usage, the form, and
// mistakes.ts whose every mistake is marked @ts-expect-error), and rejects
// them once a union is loosened to `string` (a planted fault: the
// directives then stand over no error, which tsc reports).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const tsc = join(root, "cme-wasm/node_modules/.bin/tsc");

function runTsc(dir) {
  try {
    execFileSync(tsc, ["-p", join(dir, "tests/node/types")], { encoding: "utf8", stdio: "pipe" });
    return { ok: true, out: "" };
  } catch (e) {
    return { ok: false, out: String(e.stdout) };
  }
}

// A copy of the type tests and the package's declarations, with `edit`
// applied to codes.d.ts.
function plant(edit) {
  const dir = mkdtempSync(join(tmpdir(), "cme-types-"));
  cpSync(join(root, "tests/node/types"), join(dir, "tests/node/types"), { recursive: true });
  cpSync(join(root, "cme-wasm/pkg"), join(dir, "cme-wasm/pkg"), {
    recursive: true, filter: (src) => !src.endsWith(".wasm"),
  });
  symlinkSync(join(root, "cme-wasm/node_modules"), join(dir, "cme-wasm/node_modules"), "dir");
  const codes = join(dir, "cme-wasm/pkg/codes.d.ts");
  writeFileSync(codes, edit(readFileSync(codes, "utf8")));
  return dir;
}

test("tsc accepts the type tests as they are", () => {
  const r = runTsc(root);
  assert.ok(r.ok, r.out);
});

const FAULTS = [
  ["issue codes", /^export type IssueCode = .*$/m, "export type IssueCode = string;", 16],
  ["categories", /^  category: .*$/m, "  category: string;", 18],
  ["statuses", /^  status: .*$/m, "  status: string;", 23],
  ["presets", /^export type PresetCode = .*$/m, "export type PresetCode = string;", 25],
  ["dimensions", /^  dimension: .*$/m, "  dimension: string;", 27],
  ["document kinds", /^  document_kind: .*$/m, "  document_kind: string;", 42],
];

for (const [what, pattern, loose, line] of FAULTS) {
  test(`tsc rejects the mistakes once the ${what} are any string`, () => {
    const dir = plant((text) => {
      assert.match(text, pattern);
      return text.replace(pattern, loose);
    });
    try {
      const r = runTsc(dir);
      assert.equal(r.ok, false, "a loosened union must fail the compile-fail test");
      assert.match(r.out, new RegExp(`mistakes\\.ts\\(${line},\\d+\\): error TS2578: Unused '@ts-expect-error' directive`));
      // and for that reason only
      const errors = r.out.split("\n").filter((l) => l.includes("error TS"));
      assert.deepEqual(errors.filter((l) => !l.includes("TS2578")), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
