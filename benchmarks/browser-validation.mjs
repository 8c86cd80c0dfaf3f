// Runs the validation latency page (cme-wasm/demo/bench.html) in headless
// Chromium and prints the table for BENCHMARKS.md.
//   ./scripts/build-wasm.sh && node benchmarks/browser-validation.mjs [batches] [reps]
import { serve } from "../tests/browser/serve.mjs";
import { launch } from "../tests/browser/browser.mjs";

const batches = Number(process.argv[2] ?? 21);
const reps = Number(process.argv[3] ?? 20);
const server = await serve();
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}/cme-wasm/demo/bench.html?batches=${batches}&reps=${reps}`);
  await page.waitForFunction(() => window.benchResult !== undefined, null, { timeout: 600_000 });
  const r = await page.evaluate(() => window.benchResult);
  if (r.error) throw new Error(r.error);
  console.log(`${r.userAgent}`);
  console.log(`${r.cases} cases (${r.validCases} valid, ${r.invalidCases} invalid), ${reps} reps × ${batches} batches; disagreements: ${r.disagreements.length}`);
  console.log("| validator | median µs/case | p10 | p90 | accepted | refused |");
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const x of r.rows) {
    console.log(`| ${x.name} | ${x.medianUs.toFixed(1)} | ${x.p10Us.toFixed(1)} | ${x.p90Us.toFixed(1)} | ${x.accepted} | ${x.refused} |`);
  }
} finally {
  await browser.close();
  await server.close();
}
