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

const {
  load, loadSync,
  // the operations both modules have (runtime.js)
  version, validate, validateJson, parseCase, dateText, fieldLabels, codeLists, issueCodes,
} = binding(call);

/** The version of the library; every problem of a case (`validate`, with
 * `{ labels: true }` the label of each field and the message in the form's
 * words; `validateJson` for JSON text); the case in its normalized form
 * (`parseCase`); a date in running French (`dateText`); the labels of the
 * fields, the code lists, the issue catalogue. */
export { version, validate, validateJson, parseCase, dateText, fieldLabels, codeLists, issueCodes };

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

// Form values as a case: a field left empty (an empty string, NaN from an
// empty number input, null, undefined) is left out, at every depth, and so
// is an item of a list with nothing in it (a sick leave not filled in); an
// object of the form stays, so that the core names its required fields.
const isEmptyObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
function prepare(value) {
  if (value === "" || value === null || value === undefined) return undefined;
  if (typeof value === "number" && Number.isNaN(value)) return undefined;
  if (Array.isArray(value)) {
    const items = value.map(prepare).filter((x) => x !== undefined && !isEmptyObject(x));
    return items.length ? items : undefined;
  }
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      const p = prepare(v);
      if (p !== undefined) out[k] = p;
    }
    return out;
  }
  return value;
}

// `sick_leaves[0].end` → ["sick_leaves", 0, "end"]
function pathParts(path) {
  const parts = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    parts.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  }
  return parts;
}

// Puts an error at its path in react-hook-form's nested errors; an error on
// an object or a list that has fields of its own goes to its `root`, an
// error of the whole case to `root`.
function setError(errors, path, error, all) {
  const parts = pathParts(path);
  if (parts.length === 0) parts.push("root");
  let cur = errors;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i];
    if (cur[key] === undefined || cur[key].message !== undefined) {
      const leaf = cur[key];
      cur[key] = typeof parts[i + 1] === "number" ? [] : {};
      if (leaf !== undefined) cur[key].root = leaf;
    }
    cur = cur[key];
  }
  const last = parts[parts.length - 1];
  const target = cur[last] !== undefined && cur[last].message === undefined ? cur[last] : cur;
  const key = target === cur ? last : "root";
  if (target[key] === undefined) {
    target[key] = { type: error.type, message: error.message };
    if (all) target[key].types = { [error.type]: error.message };
  } else if (all) {
    const types = target[key].types;
    types[error.type] = types[error.type] === undefined ? error.message : [].concat(types[error.type], error.message);
  }
}

/** A resolver for react-hook-form: the form's values are read as a case
 * (empty fields left out, or `prepare(values)`), validated by the core,
 * and each issue is given at its field (`sick_leaves.0.end`) with its code
 * as `type` and its message in the form's words. Valid values are given
 * back as the case read. */
export function resolver({ asOf, prepare: read = prepare, lang = "fr" } = {}) {
  return (values) => {
    const read1 = read(values);
    const input = read1 === undefined ? values ?? null : read1;
    const issues = validate(input, typeof asOf === "function" ? asOf() : asOf, { labels: true });
    if (issues.length === 0) return { values: input, errors: {} };
    const errors = {};
    for (const issue of issues) {
      const message = lang === "en" ? issue.formMessageEn : issue.formMessage;
      setError(errors, issue.path, { type: issue.code, message }, true);
    }
    return { values: {}, errors };
  };
}
