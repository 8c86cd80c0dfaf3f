// End to end: the demo form in headless Chromium (Debian's chromium driven
// by playwright-core). Typing invalid data shows the right French message at
// the right field; valid data shows the evaluation; a screenshot is saved to
// target/browser/demo.png.
//   node --test tests/browser/   (after scripts/build-wasm.sh)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { serve } from "./serve.mjs";
import { launch } from "./browser.mjs";

const OUT = fileURLToPath(new URL("../../target/browser/", import.meta.url));
let server, browser, page;
const pageErrors = [];

before(async () => {
  mkdirSync(OUT, { recursive: true });
  server = await serve();
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1280, height: 1400 }, locale: "fr-FR" });
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") pageErrors.push(m.text()); });
  await page.goto(`${server.url}/cme-wasm/demo/`);
  await page.waitForSelector("body[data-ready]");
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const errorAt = (path) => page.locator(`[data-error-for="${path}"]`);
// The issues shown in the page, for the failure messages.
const shown = () => page.evaluate(() => [...document.querySelectorAll("[data-issue-path]")]
  .map((e) => `${e.dataset.code} @ ${e.dataset.issuePath}`).join("; "));

test("the module loads in the page", async () => {
  assert.equal(await page.getAttribute("body", "data-ready"), "true");
  assert.match(await page.textContent("#status"), /Module chargé/);
  // Drop-down lists come from the core's code lists, in French.
  assert.ok((await page.locator("#source_visit option").allTextContents()).includes("Visite de pré-reprise"));
  assert.equal(await page.locator("#service option").count(), 8);
});

test("an empty form lists the required fields at their place", async () => {
  assert.equal(await errorAt("id").textContent(), "Le champ « id » est obligatoire.");
  assert.equal(await errorAt("signalement.date").textContent(), "Le champ « date » est obligatoire.");
  assert.equal(await page.getAttribute("#fiche", "data-valid"), "false");
});

test("a name typed as identifier is refused at the identifier field, in French", async () => {
  await page.fill("#id", "Jean Dupont");
  const text = await errorAt("id").textContent();
  assert.match(text, /^Identifiant invalide : 1 à 64 caractères/);
  assert.match(text, /jamais un nom/);
  assert.ok(!text.includes("Dupont"), "the message never repeats the value");
  assert.equal(await page.getAttribute("#id", "aria-invalid"), "true");
  await page.fill("#id", "CME-2024-0042");
  assert.equal(await errorAt("id").textContent(), "");
  assert.equal(await page.getAttribute("#id", "aria-invalid"), null);
});

test("a year out of range and an inverted sick leave are shown at their fields", async () => {
  await page.fill("#birth_year", "1850");
  assert.equal(await errorAt("worker.birth_year").textContent(),
    "La valeur doit être un entier compris entre 1900 et 2100.");
  await page.fill("#leave_start", "2024-05-10");
  await page.fill("#leave_end", "2024-04-01");
  assert.equal(await errorAt("sick_leaves[0].end").textContent(),
    "La fin de l'arrêt de travail précède son début.");
  assert.equal(await errorAt("sick_leaves[0].cause").textContent(), "Le champ « cause » est obligatoire.");
});

test("an employer's request for a pré-reprise is refused at the requester field", async () => {
  await page.selectOption("#source_visit", "pre_reprise");
  await page.selectOption("#requested_by", "employeur");
  assert.match(await errorAt("signalement.requested_by").textContent(), /employeur/i);
});

test("valid data shows the evaluation with the visit obligations and their articles", async () => {
  await page.selectOption("#service", "aismt13");
  await page.fill("#as_of", "2024-05-02");
  await page.fill("#birth_year", "1972");
  await page.selectOption("#nomenclature", "naf_rev2");
  await page.fill("#section", "Q");
  await page.selectOption("#employer", "prive");
  await page.selectOption("#rqth", "aucune");
  await page.fill("#cim10", "13");
  await page.fill("#leave_start", "2024-01-08");
  await page.fill("#leave_end", "2024-04-30");
  await page.selectOption("#leave_cause", "maladie_non_professionnelle");
  await page.fill("#sig_date", "2024-03-04");
  await page.selectOption("#signalled_by", "medecin_du_travail");
  await page.selectOption("#requested_by", "medecin_traitant");
  await page.fill("#consent_date", "2024-03-11");
  await page.check("#consent_acc");
  await page.click("#add_event");
  await page.locator("#events tbody tr").nth(0).locator("input").fill("2024-03-11");
  await page.click("#add_event");
  const second = page.locator("#events tbody tr").nth(1);
  await second.locator("select").selectOption("analyse_demande");
  await second.locator("input").fill("2024-03-14");

  assert.equal(await page.getAttribute("#fiche", "data-valid"), "true", await shown());
  assert.equal(await page.locator("#general_issues li").count(), 0);
  // The canonical stage, with AISMT 13's own name for it: in AISMT 13's
  // process the COPIL's analysis comes before the first contact, so a case
  // contacted on 11 March and analysed on 14 March is at its first contact.
  assert.equal(await page.textContent("#eval_stage"),
    "Contact (Premier contact avec le salarié), depuis le 2024-03-11");
  assert.equal(await page.textContent("#eval_status"), "En cours");
  const reprise = page.locator('#visits tr[data-rule="reprise"]');
  assert.match(await reprise.textContent(), /Obligatoire/i);
  assert.match(await reprise.textContent(), /R4624-31/);
  assert.match(await reprise.textContent(), /2024-05-09/, "reprise at the latest 8 days after the return on 2024-05-01");
  assert.match(await page.textContent("#eval_text"), /Étape/);
  await page.screenshot({ path: `${OUT}demo.png`, fullPage: true });
});

test("an event before the signalement is refused at its row", async () => {
  await page.locator("#events tbody tr").nth(0).locator("input").fill("2024-02-01");
  assert.equal(await errorAt("events[0].date").textContent(), "Cet événement est daté d'avant le signalement.");
  assert.equal(await page.getAttribute("#fiche", "data-valid"), "false");
  await page.locator("#events tbody tr").nth(0).locator("input").fill("2024-03-11");
  assert.equal(await page.getAttribute("#fiche", "data-valid"), "true");
});

test("the latency page runs and both validators agree on every case", async () => {
  // The benchmark page itself (timings are for BENCHMARKS.md, never asserted).
  const bench = await browser.newPage();
  bench.on("pageerror", (e) => pageErrors.push(e.message));
  await bench.goto(`${server.url}/cme-wasm/demo/bench.html?batches=1&reps=1`);
  await bench.waitForFunction(() => window.benchResult !== undefined);
  const r = await bench.evaluate(() => window.benchResult);
  assert.equal(r.error, undefined);
  assert.deepEqual(r.disagreements, []);
  assert.deepEqual(r.rows.map((x) => [x.accepted, x.refused]), [[50, 50], [50, 50], [50, 0], [50, 0]]);
  await bench.close();
});

test("no error in the page's console", () => {
  assert.deepEqual(pageErrors, []);
});
