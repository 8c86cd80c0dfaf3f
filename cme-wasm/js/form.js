// cme for forms: what a page needs to validate a case, in a WebAssembly
// module of its own (form_bg.wasm, under 150 KB gzipped) built from the
// same Rust core as the full package (cme.js) with only the validation,
// its messages, the field labels and the code lists. The same input gives
// the same issues as cme.js; the error classes are the same objects.
//
//   import init, { validate } from "cme-pdp/form";
//   await init();
//   validate(fiche, "2024-06-01", { labels: true });
import initCore, { initSync as initSyncCore, call } from "./form_core.js";
import { binding } from "./runtime.js";

export {
  CmeError, ValidationError, InvalidArgumentError, PolicyError, UnknownPresetError,
  EventRefusedError, InputError, InternalError,
} from "./runtime.js";

const { run, limits, inputError, load, loadSync } = binding(call);

/** Loads the form's WebAssembly module (call once, or again after an
 * InternalError). In a page it is fetched next to this file; under Node it
 * is read from the package. */
export default function init(moduleOrPath) {
  return load(initCore, moduleOrPath, new URL("./form_bg.wasm", import.meta.url));
}

/** Loads the form's WebAssembly module synchronously. */
export function initSync(module) {
  return loadSync(initSyncCore, module);
}

/** The version of the library. */
export function version() { return run("version", {}); }

/** Every problem of a case (an empty array means valid). With
 * `{ labels: true }`, each issue also carries the label of its field
 * (`label`, `labelEn`) and its message in the form's words
 * (`formMessage`, `formMessageEn`). */
export function validate(input, asOf, options) {
  return run("validate", { case: input, as_of: asOf, labels: labelsOption(options) });
}

/** Every problem of a case given as JSON text (see cme.js). */
export function validateJson(text, asOf, options) {
  if (typeof text !== "string") throw inputError();
  let sent = text;
  const max = limits().max_json_bytes;
  if (text.length > max) {
    sent = text.slice(0, max + 2);
    const last = sent.charCodeAt(sent.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) sent = sent.slice(0, -1);
  }
  return run("validate_json", { text: sent, as_of: asOf, labels: labelsOption(options) });
}

/** The case in its normalized form, or a ValidationError listing every problem. */
export function parseCase(input, asOf) { return run("parse_case", { case: input, as_of: asOf }); }

/** Every code list with French labels (for drop-down lists). */
export function codeLists() { return run("code_lists", {}); }

/** A date (`YYYY-MM-DD`) in running French, « 9 novembre 2024 »
 * (`{ lang: "en" }`: "9 November 2024"), by the core's one helper. */
export function dateText(date, { lang = "fr" } = {}) {
  const out = run("date_text", { date });
  return lang === "en" ? out.en : out.fr;
}

/** The label of every field of the interchange format, in French and
 * English (`path` with its list indexes left out: `events[].date`). */
export function fieldLabels() { return run("field_labels", {}); }

/** The catalogue of issue codes with their French and English templates. */
export function issueCodes() { return run("issue_codes", {}); }

function labelsOption(options) {
  if (options === undefined || options === null) return undefined;
  return options.labels;
}
