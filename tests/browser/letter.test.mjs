// A letter of the cell as it is printed: the command line fills AIST 63's
// letter to the employer from a case and the host's identity details
// (`cme document … -o letter.html`, the binary of the test run's build);
// headless Chromium shows it and prints it to PDF. On one A4 page, nothing
// wider than the page, the text in French with its dates, the placeholder
// of what the host left out highlighted. Screenshot: target/browser/letter.png.
//   node --test tests/browser/   (after cargo build)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, readFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { launch } from "./browser.mjs";

const OUT = fileURLToPath(new URL("../../target/browser/", import.meta.url));
const CME = fileURLToPath(new URL("../../target/debug/cme", import.meta.url));
let browser;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  browser = await launch();
});
after(async () => { await browser?.close(); });

test("the letter to the employer prints on one A4 page, in French, its placeholder marked", async () => {
  assert.ok(existsSync(CME), `${CME} is built by cargo build --workspace`);
  const caseFile = `${OUT}letter-case.json`;
  const whoFile = `${OUT}letter-identity.json`;
  const html = `${OUT}letter.html`;
  writeFileSync(caseFile, JSON.stringify({
    format_version: 2, id: "DOC-1", service: "aist63", doctor: "MT-4", worker: { birth_year: 1971 },
    signalement: { date: "2024-05-13", source_visit: "a_la_demande", signalled_by: "medecin_du_travail", requested_by: "salarie" },
    consents: [{ given_on: "2024-05-20", accompaniment: true }],
    events: [{ type: "contact", date: "2024-05-20" }],
  }));
  writeFileSync(whoFile, JSON.stringify({
    "worker.name": "Jeanne Martin", "employer.name": "Menuiserie du Puy", place: "Clermont-Ferrand",
    "meeting.date": "2024-06-24", "meeting.start": "14 h 00", "meeting.place": "11 rue de Flamina", "doctor.name": "Dr Bernard",
  }));
  execFileSync(CME, ["document", caseFile, "--kind", "convocation_employeur", "--as-of", "2024-06-17",
    "--identity", whoFile, "-o", html], { stdio: ["ignore", "ignore", "ignore"] });
  const page = await browser.newPage({ viewport: { width: 794, height: 1123 }, locale: "fr-FR" });
  await page.setContent(readFileSync(html, "utf8"));
  const text = await page.locator("body").innerText();
  assert.match(text, /Clermont-Ferrand, le 17 juin 2024/);
  assert.match(text, /Suite à la visite médicale en date du 13 mai 2024, j'ai adressé votre salarié, Jeanne Martin/);
  assert.deepEqual(await page.locator("mark").allInnerTexts(), ["[Adresse de l'employeur]"]);
  // the placeholder is visibly highlighted
  const background = await page.locator("mark").evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.notEqual(background, "rgba(0, 0, 0, 0)");
  // nothing wider than the page
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0);
  await page.screenshot({ path: `${OUT}letter.png`, fullPage: true });
  // printed: one A4 page
  const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? [];
  assert.equal(pages.length, 1, "one printed page");
  await page.close();
});
