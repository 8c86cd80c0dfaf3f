// Writes the TypeScript string-literal unions of cme's codes (codes.d.ts)
// from the core's own lists, read from the built module: the issue codes
// of the catalogue and every code list (the case model's and the
// results'). A typo'd code, category or event type then fails `tsc`.
//   node scripts/codes-dts.mjs > cme-wasm/pkg/codes.d.ts
import { readFileSync } from "node:fs";
import { initSync, codeLists, issueCodes, presetCodes, indicatorCatalogue } from "../cme-wasm/pkg/cme.js";

initSync({ module: readFileSync(new URL("../cme-wasm/pkg/core_bg.wasm", import.meta.url)) });

const union = (codes) => codes.map((c) => JSON.stringify(c)).join(" | ");
const pascal = (kind) => kind.split("_").map((w) => w[0].toUpperCase() + w.slice(1)).join("");

const out = [];
out.push("/* Generated from the core's code lists and issue catalogue by scripts/codes-dts.mjs: do not edit. */");
out.push("");
out.push("/** Every issue code of the catalogue. */");
out.push(`export type IssueCode = ${union(issueCodes().map((i) => i.code))};`);
out.push("");
out.push("/** The code of a preset policy (one of the seven services). */");
out.push(`export type PresetCode = ${union(presetCodes())};`);
out.push("");
out.push("/** The id of an indicator of the catalogue. */");
out.push(`export type IndicatorId = ${union(indicatorCatalogue().map((i) => i.id))};`);
out.push("");
out.push("/** Each code list of the core, by kind: the codes it admits. */");
out.push("export interface CodeLists {");
const lists = codeLists();
for (const list of lists) {
  out.push(`  ${list.kind}: ${union(list.entries.map((e) => e.code))};`);
}
out.push("}");
out.push("");
out.push("/** The kind of a code list. */");
out.push("export type CodeListKind = keyof CodeLists;");
for (const list of lists) {
  out.push(`/** A code of the list \`${list.kind}\`. */`);
  out.push(`export type ${pascal(list.kind)}Code = CodeLists[${JSON.stringify(list.kind)}];`);
}
process.stdout.write(out.join("\n") + "\n");
