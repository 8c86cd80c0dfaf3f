#!/usr/bin/env bash
# Builds the browser package into cme-wasm/pkg/: the core compiled to wasm
# (size-tuned profile) with its wasm-bindgen glue (core.js, --target web:
# works with bundlers and plain <script type="module">), the hand-written
# entry point cme.js with its types cme.d.ts, the TypeScript types of the
# case generated from the JSON Schema, and package.json.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# Two modules from the same crate: the full one (core_bg.wasm, every
# operation, for cme.js) and the form's (form_bg.wasm, the validation, its
# messages, the field labels and the code lists, for form.js).
rm -rf cme-wasm/pkg
cargo build -p cme-wasm --target wasm32-unknown-unknown --profile wasm-release
wasm-bindgen --target web --out-dir cme-wasm/pkg --out-name core \
  target/wasm32-unknown-unknown/wasm-release/cme_wasm.wasm
# The form's module is built for speed (profile wasm-form): it stays under
# its 150 KB budget, and a form validates at every keystroke.
cargo build -p cme-wasm --target wasm32-unknown-unknown --profile wasm-form --no-default-features
wasm-bindgen --target web --out-dir cme-wasm/pkg --out-name form_core \
  target/wasm32-unknown-unknown/wasm-form/cme_wasm.wasm
mv cme-wasm/pkg/form_core_bg.wasm cme-wasm/pkg/form_bg.wasm
mv cme-wasm/pkg/form_core_bg.wasm.d.ts cme-wasm/pkg/form_bg.wasm.d.ts
sed -i 's/form_core_bg\.wasm/form_bg.wasm/g' cme-wasm/pkg/form_core.js
cp cme-wasm/js/cme.js cme-wasm/js/cme.d.ts cme-wasm/js/form.js cme-wasm/js/form.d.ts \
  cme-wasm/js/runtime.js cme-wasm/js/runtime.d.ts cme-wasm/pkg/
# The JSON Schema as a module of its own, imported on demand by caseSchema().
{ printf 'export default '; cat cme-core/schema/case.schema.json; printf ';\n'; } > cme-wasm/pkg/case.schema.js

(cd cme-wasm && [ -d node_modules/binaryen ] && [ -d node_modules/json-schema-to-typescript ] \
  || npm ci --no-audit --no-fund)

# Size: wasm-opt from npm's binaryen (Debian's older wasm-opt breaks the
# externref table, TOOLCHAIN.md).
for wasm in core_bg:-Oz form_bg:-O3; do
  cme-wasm/node_modules/.bin/wasm-opt "${wasm#*:}" --enable-reference-types --enable-bulk-memory \
    --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    "cme-wasm/pkg/${wasm%%:*}.wasm" -o "cme-wasm/pkg/${wasm%%:*}.opt.wasm"
  mv "cme-wasm/pkg/${wasm%%:*}.opt.wasm" "cme-wasm/pkg/${wasm%%:*}.wasm"
done
# The form's budget, checked at every build.
form_gz=$(gzip -9 -c cme-wasm/pkg/form_bg.wasm | wc -c)
if [ "$form_gz" -gt 150000 ]; then
  echo "cme-wasm/pkg/form_bg.wasm is $form_gz bytes gzipped: over its budget of 150,000 bytes" >&2
  exit 1
fi

# The case's TypeScript types come from the JSON Schema; the checked-in copy
# must match (a drift fails the build).
cme-wasm/node_modules/.bin/json2ts -i cme-core/schema/case.schema.json \
  --bannerComment "/* Generated from cme-core/schema/case.schema.json by json-schema-to-typescript: do not edit. */" \
  --additionalProperties false > cme-wasm/pkg/case.d.ts
if ! diff -q cme-wasm/pkg/case.d.ts cme-wasm/types/case.d.ts >/dev/null; then
  echo "cme-wasm/types/case.d.ts drifted from cme-core/schema/case.schema.json:" >&2
  echo "  cp cme-wasm/pkg/case.d.ts cme-wasm/types/case.d.ts" >&2
  exit 1
fi

# The unions of the core's codes (issue codes, every code list), read from
# the built module; the checked-in copy must match as well.
node scripts/codes-dts.mjs > cme-wasm/pkg/codes.d.ts
if ! diff -q cme-wasm/pkg/codes.d.ts cme-wasm/types/codes.d.ts >/dev/null; then
  echo "cme-wasm/types/codes.d.ts drifted from the core's code lists:" >&2
  echo "  cp cme-wasm/pkg/codes.d.ts cme-wasm/types/codes.d.ts" >&2
  exit 1
fi

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
# The package's README and licences (the root copies are the reference;
# tests/packaging/check_packages.py compares them).
cp cme-wasm/README.md LICENSE-MIT LICENSE-APACHE cme-wasm/pkg/
# The npm name is cme-pdp (as the crate and the Python distribution).
# No "repository": the project has no public home yet (README, "Names").
cat > cme-wasm/pkg/package.json <<JSON
{
  "name": "cme-pdp",
  "version": "$version",
  "description": "Validation of cases of the French cellules de maintien en emploi (cellule PDP), in the browser: Rust rules compiled to WebAssembly, French messages, TypeScript types",
  "keywords": ["santé au travail", "maintien en emploi", "cellule PDP", "occupational health", "validation", "webassembly"],
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "cme.js",
  "module": "cme.js",
  "types": "cme.d.ts",
  "exports": {
    ".": { "types": "./cme.d.ts", "default": "./cme.js" },
    "./form": { "types": "./form.d.ts", "default": "./form.js" }
  },
  "files": ["cme.js", "cme.d.ts", "form.js", "form.d.ts", "runtime.js", "runtime.d.ts", "codes.d.ts", "core.js", "core.d.ts", "core_bg.wasm", "core_bg.wasm.d.ts", "form_core.js", "form_core.d.ts", "form_bg.wasm", "form_bg.wasm.d.ts", "case.d.ts", "case.schema.js", "README.md", "LICENSE-MIT", "LICENSE-APACHE"],
  "sideEffects": false
}
JSON
for wasm in core_bg form_bg; do
  raw=$(stat -c %s cme-wasm/pkg/$wasm.wasm)
  gz=$(gzip -9 -c cme-wasm/pkg/$wasm.wasm | wc -c)
  echo "cme-wasm/pkg built: $wasm.wasm $raw bytes, $gz bytes gzipped"
done
