// End to end: the demo form in headless Chromium (Debian's chromium driven
// by playwright-core), as a secrétaire médicale and a screen reader meet it.
// Nothing is red before a field is left; an error is shown at its field in
// the form's words, linked to it (aria-describedby, aria-errormessage);
// valid data shows the evaluation with French dates and linked articles;
// axe-core finds no serious violation; at 390 px nothing overlaps or is cut;
// the page runs under a strict Content-Security-Policy. Screenshots at
// desktop width and 390 px are saved to target/browser/.
//   node --test tests/browser/   (after scripts/build-wasm.sh)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { readFileSync } from "node:fs";
import { serve, CSP } from "./serve.mjs";
import { launch } from "./browser.mjs";

const OUT = fileURLToPath(new URL("../../target/browser/", import.meta.url));
let server, browser, page, csp;
const pageErrors = [];

before(async () => {
  mkdirSync(OUT, { recursive: true });
  server = await serve();
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1280, height: 1400 }, locale: "fr-FR" });
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") pageErrors.push(m.text()); });
  const response = await page.goto(`${server.url}/cme-wasm/demo/`);
  csp = response.headers()["content-security-policy"];
  await page.waitForSelector("body[data-ready]");
  await page.waitForSelector("body[data-evaluation]");
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const errorAt = (path) => page.locator(`[data-error-for="${path}"]`);
// The issues shown in the page, for the failure messages.
const shown = () => page.evaluate(() => [...document.querySelectorAll("[data-issue-path]")]
  .map((e) => `${e.dataset.code} @ ${e.dataset.issuePath}`).join("; "));
// Fills a field and leaves it, as a user does.
async function type(selector, value) {
  await page.fill(selector, value);
  await page.locator(selector).blur();
}
async function choose(selector, value) {
  await page.selectOption(selector, value);
  await page.locator(selector).blur();
}

const AXE = readFileSync(new URL("../../cme-wasm/node_modules/axe-core/axe.min.js", import.meta.url), "utf8");
// axe-core's serious and critical violations (WCAG 2.1 A and AA rules), as
// "rule: target" lines. axe is evaluated through the DevTools protocol, so
// the page's own Content-Security-Policy stays in force.
async function axeViolations(p) {
  await p.evaluate(AXE);
  const result = await p.evaluate(() => window.axe.run(document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
  }));
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
}

test("the module loads in the page, under a strict Content-Security-Policy", async () => {
  assert.equal(await page.getAttribute("body", "data-ready"), "true");
  assert.match(await page.textContent("#status"), /Module chargé/);
  assert.equal(csp, CSP);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
  // Drop-down lists come from the core's code lists, in French.
  assert.ok((await page.locator("#source_visit option").allTextContents()).includes("Visite de pré-reprise"));
  assert.equal(await page.locator("#service option").count(), 8);
});

test("nothing is red before a field is left; required fields are marked", async () => {
  assert.equal(await page.locator("[aria-invalid]").count(), 0);
  assert.equal(await page.locator("[data-issue-path]").count(), 0);
  assert.equal(await page.getAttribute("#fiche", "data-valid"), "false");
  // Required as the core says (the fields an empty case misses).
  for (const id of ["id", "sig_date", "source_visit", "leave_start", "leave_cause", "consent_date"]) {
    assert.equal(await page.getAttribute(`#${id}`, "aria-required"), "true", id);
    assert.equal(await page.locator(`label[for="${id}"] .req`).count(), 1, id);
  }
  assert.equal(await page.getAttribute("#employer", "aria-required"), null);
  // The summary is the only live region; the panel is not re-announced.
  assert.equal(await page.locator("[aria-live], [role=status]").count(), 2); // #status and #eval_state
  assert.equal(await page.getAttribute("#evaluation", "aria-live"), null);
  // A hidden list stays hidden (the stylesheet must not show it).
  assert.equal(await page.locator("#eval_summary").isVisible(), false);
});

test("a field left empty shows its label, and the error is linked to the field", async () => {
  await page.focus("#id");
  await page.locator("#id").blur();
  assert.equal(await errorAt("id").textContent(), "« Identifiant pseudonyme du dossier » est obligatoire.");
  const slot = await errorAt("id").getAttribute("id");
  assert.ok(slot);
  assert.equal(await page.getAttribute("#id", "aria-describedby"), slot);
  assert.equal(await page.getAttribute("#id", "aria-errormessage"), slot);
  assert.equal(await page.getAttribute("#id", "aria-invalid"), "true");
  // Other fields, not yet left, stay quiet.
  assert.equal(await errorAt("signalement.date").textContent(), "");
});

test("a name typed as identifier is refused at the identifier field, in French, live", async () => {
  await type("#id", "Jean Dupont");
  const text = await errorAt("id").textContent();
  assert.match(text, /^« Identifiant pseudonyme du dossier » : identifiant invalide : 1 à 64 caractères/);
  assert.match(text, /jamais un nom/);
  assert.ok(!text.includes("Dupont"), "the message never repeats the value");
  // Once left, the field is checked at each keystroke.
  await page.fill("#id", "CME-2024-0042");
  assert.equal(await errorAt("id").textContent(), "");
  assert.equal(await page.getAttribute("#id", "aria-invalid"), null);
});

test("a year out of range and an inverted sick leave are shown at their fields", async () => {
  await type("#birth_year", "1850");
  assert.equal(await errorAt("worker.birth_year").textContent(),
    "« Année de naissance » : la valeur doit être un entier compris entre 1900 et 2100.");
  await type("#leave_start", "2024-05-10");
  await type("#leave_end", "2024-04-01");
  assert.equal(await errorAt("sick_leaves[0].end").textContent(),
    "« Fin de l'arrêt » : la fin de l'arrêt de travail précède son début.");
  // The cause was never left: said on submit, and the focus goes to the
  // first field in error.
  assert.equal(await errorAt("sick_leaves[0].cause").textContent(), "");
  await page.click("#check");
  assert.equal(await errorAt("sick_leaves[0].cause").textContent(), "« Cause de l'arrêt » est obligatoire.");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-invalid")), "true");
});

test("an employer's request for a pré-reprise is refused at the requester field", async () => {
  await choose("#source_visit", "pre_reprise");
  await choose("#requested_by", "employeur");
  assert.match(await errorAt("signalement.requested_by").textContent(), /^« Visite demandée par » : .*employeur/i);
});

test("valid data shows the evaluation in French, with dates in words and linked articles", async () => {
  await choose("#service", "aismt13");
  await type("#as_of", "2024-05-02");
  await type("#birth_year", "1972");
  await choose("#nomenclature", "naf_rev2");
  await type("#section", "Q");
  await choose("#employer", "prive");
  await choose("#rqth", "aucune");
  await type("#cim10", "13");
  await type("#leave_start", "2024-01-08");
  await type("#leave_end", "2024-04-30");
  await choose("#leave_cause", "maladie_non_professionnelle");
  await type("#sig_date", "2024-03-04");
  await choose("#signalled_by", "medecin_du_travail");
  await choose("#requested_by", "medecin_traitant");
  await type("#consent_date", "2024-03-11");
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
    "Contact (Premier contact avec le salarié), depuis le 11 mars 2024");
  assert.equal(await page.textContent("#eval_status"), "En cours");
  assert.match(await page.textContent("#eval_state"), /^Évaluation au 2 mai 2024 selon la politique « AISMT 13/);
  const reprise = page.locator('#visits tr[data-rule="reprise"]');
  assert.match(await reprise.textContent(), /Obligatoire/i);
  assert.match(await reprise.textContent(), /9 mai 2024/, "reprise at the latest 8 days after the return on 1 May 2024");
  assert.equal(await reprise.locator(".late").count(), 0, "not late on 2 May");
  const link = reprise.locator('a[href^="https://www.legifrance.gouv.fr/"]').filter({ hasText: "R4624-31" });
  assert.equal(await link.count(), 1);
  // The explanation: readable sections, no dump of JSON paths, no ISO
  // date, no file of the project given as a source.
  const text = await page.textContent("#eval_text");
  assert.equal(await page.locator("#eval_text section h4").first().textContent(), "Étape");
  assert.doesNotMatch(text, /\.md\b/);
  assert.doesNotMatch(text, /\b\d{4}-\d{2}-\d{2}\b/);
  assert.doesNotMatch(text, /\w\[\d+\]/);
  await page.click("#eval_text_box summary");
  await page.screenshot({ path: `${OUT}demo.png`, fullPage: true });
});

test("a reprise visit due in the past is said late, by the days counted by hand", async () => {
  await type("#as_of", "2024-05-20");
  const reprise = page.locator('#visits tr[data-rule="reprise"]');
  // due 9 May 2024, evaluated on 20 May 2024: 11 days late
  assert.equal(await reprise.locator(".late").textContent(), "en retard de 11 jours");
  await type("#as_of", "2024-05-02");
});

test("axe-core finds no serious violation, on the valid form and with errors shown", async () => {
  assert.deepEqual(await axeViolations(page), []);
  await type("#birth_year", "1850");
  assert.deepEqual(await axeViolations(page), []);
  await type("#birth_year", "1972");
});

test("at 390 px wide nothing overlaps and no text is cut", async () => {
  const narrow = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: "fr-FR" });
  narrow.on("pageerror", (e) => pageErrors.push(e.message));
  narrow.on("console", (m) => { if (m.type() === "error") pageErrors.push(m.text()); });
  await narrow.goto(`${server.url}/cme-wasm/demo/`);
  await narrow.waitForSelector("body[data-evaluation]");
  // Submitted empty: every error is shown at its field, the longest texts.
  await narrow.evaluate(() => document.getElementById("check").click());
  const box = async (sel) => narrow.locator(sel).boundingBox();
  const formBox = await box("#fiche");
  const panel = await box("#evaluation");
  const overlap = !(panel.y >= formBox.y + formBox.height || formBox.y >= panel.y + panel.height
    || panel.x >= formBox.x + formBox.width || formBox.x >= panel.x + panel.width);
  assert.equal(overlap, false, "the evaluation panel overlaps the form");
  const wide = await narrow.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 390, `the page is ${wide} px wide`);
  // No text cut: no element whose content is wider than its box.
  const cut = await narrow.evaluate(() => [...document.querySelectorAll("label, legend, p, td, th, dd, li, option, select, input, button, h1, h2, h3")]
    .filter((e) => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== "visible"
      || e.getBoundingClientRect().right > 391)
    .map((e) => e.id || e.tagName));
  assert.deepEqual(cut, []);
  assert.deepEqual(await axeViolations(narrow), []);
  await narrow.screenshot({ path: `${OUT}demo-390.png`, fullPage: true });
  await narrow.close();
});

test("an event before the signalement is refused at its row", async () => {
  await page.locator("#events tbody tr").nth(0).locator("input").fill("2024-02-01");
  await page.locator("#events tbody tr").nth(0).locator("input").blur();
  assert.equal(await errorAt("events[0].date").textContent(), "« Date de l'étape » : cet événement est daté d'avant le signalement.");
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
  assert.deepEqual(r.rows.map((x) => [x.accepted, x.refused]), [[50, 50], [50, 50], [50, 0], [50, 0], [50, 50], [50, 0], [0, 50], [0, 50]]);
  await bench.close();
});

test("no error in the page's console", () => {
  assert.deepEqual(pageErrors, []);
});
