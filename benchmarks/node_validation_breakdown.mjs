// Where the time of cme.validate goes in Node (same wasm module as the
// browser): JSON.stringify of the arguments, the core call, the whole call.
//   ./scripts/build-wasm.sh && node benchmarks/node_validation_breakdown.mjs
import { readFileSync } from "node:fs";
import { initSync, validate } from "../cme-wasm/pkg/cme.js";
import { call } from "../cme-wasm/pkg/core.js";

initSync({ module: readFileSync(new URL("../cme-wasm/pkg/core_bg.wasm", import.meta.url)) });
const cases = JSON.parse(readFileSync(new URL("../cme-core/data/sample_cases.json", import.meta.url)));
const args = cases.map((c) => JSON.stringify({ case: c, as_of: "2025-06-30" }));
const N = 50_000;
const time = (name, f) => {
  for (let i = 0; i < 2000; i += 1) f(i % cases.length);
  const t0 = performance.now();
  for (let i = 0; i < N; i += 1) f(i % cases.length);
  console.log(`| ${name} | ${(((performance.now() - t0) * 1000) / N).toFixed(1)} |`);
};
console.log("| step | µs per case |\n|---|---:|");
time("JSON.stringify of the arguments", (i) => JSON.stringify({ case: cases[i], as_of: "2025-06-30" }));
time("the core call (JSON text in, JSON text out)", (i) => call("validate", args[i]));
time("cme.validate, the whole call", (i) => validate(cases[i], "2025-06-30"));
