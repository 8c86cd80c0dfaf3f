// Every document of the cell as it is printed, from the document vectors:
// the browser package fills it (document(), in Node), headless Chromium
// shows its HTML and prints it to PDF. Each shows the vector's hand-written
// text paragraph by paragraph, its placeholders and only them highlighted,
// its headings in bold, nothing wider than the page; a letter prints on one
// A4 page, the livret on at most three. Screenshots:
// target/browser/document-<vector>.png.
//   node --test tests/browser/   (after scripts/build-wasm.sh)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { initSync, document, documentFields } from "../../cme-wasm/pkg/cme.js";
import { launch } from "./browser.mjs";

initSync({ module: readFileSync(new URL("../../cme-wasm/pkg/core_bg.wasm", import.meta.url)) });

const OUT = fileURLToPath(new URL("../../target/browser/", import.meta.url));
const dir = new URL("../vectors/documents/", import.meta.url);
const vectors = readdirSync(dir).filter((f) => f.endsWith(".json")).sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), "utf8")))
  .filter((v) => v.expected.text !== undefined);
const labels = Object.fromEntries(documentFields().map((f) => [f.name, f.label]));
const squash = (s) => s.replace(/\s+/g, " ").trim();
let browser;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  browser = await launch();
});
after(async () => { await browser?.close(); });

test("there is a printed document of each kind of the library", () => {
  const kinds = new Set(vectors.filter((v) => !v.options.templates).map((v) => v.kind));
  assert.deepEqual([...kinds].sort(), ["attestation_presence", "convocation_employeur", "fiche_relais",
    "invitation_pre_reprise", "livret_accompagnement", "synthese_cloture"]);
});

for (const v of vectors) {
  test(`${v.name} prints in French, its placeholders marked`, async () => {
    const doc = document(v.case, v.kind, v.as_of, v.options);
    const page = await browser.newPage({ viewport: { width: 794, height: 1123 }, locale: "fr-FR" });
    await page.setContent(doc.html);
    const shown = squash(await page.locator("body").innerText());
    // the title, then every paragraph of the hand-written text, in order
    let at = shown.indexOf(squash(v.expected.title));
    assert.ok(at >= 0, "the title is shown");
    for (const paragraph of v.expected.text.split("\n\n")) {
      const next = shown.indexOf(squash(paragraph), at);
      assert.ok(next >= at, `shown in order: ${paragraph.slice(0, 60)}`);
      at = next;
    }
    // the placeholders, and only they, are highlighted, each visibly
    const marks = await page.locator("mark").allInnerTexts();
    const wanted = new Set(v.expected.placeholders.map((p) => `[${labels[p]}]`));
    assert.deepEqual(new Set(marks), wanted);
    for (const background of await page.locator("mark").evaluateAll((ms) => ms.map((m) => getComputedStyle(m).backgroundColor))) {
      assert.notEqual(background, "rgba(0, 0, 0, 0)");
    }
    // headings in capitals are bold
    for (const weight of await page.locator("h2").evaluateAll((hs) => hs.map((h) => Number(getComputedStyle(h).fontWeight)))) {
      assert.ok(weight >= 600);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, "nothing wider than the page");
    await page.screenshot({ path: `${OUT}document-${v.name}.png`, fullPage: true });
    const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    if (v.kind === "livret_accompagnement") assert.ok(pages >= 1 && pages <= 3, `${pages} pages`);
    else assert.equal(pages, 1, "a letter prints on one page");
    await page.close();
  });
}
