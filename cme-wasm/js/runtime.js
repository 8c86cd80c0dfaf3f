// The runtime shared by the package's two entry points: cme.js (every
// operation, core_bg.wasm) and form.js (what a form needs to validate,
// form_bg.wasm, a module under 150 KB gzipped). Both use the same error
// classes (an `instanceof CmeError` test holds whichever entry threw), the
// same checks of JS values and the same budgets, read from the module.
//
// Nothing here decides anything: every rule lives in the Rust core.

/** An error of cme: `code` and `path` are stable, `message` is French,
 * `messageEn` English, `issues` every problem found (for a whole case). */
export class CmeError extends Error {
  constructor(e) {
    super(e.message);
    this.name = e.name || "CmeError";
    this.code = e.code;
    this.path = e.path;
    this.messageEn = e.messageEn;
    this.issues = e.issues || [];
  }
}
/** A case (or event) that breaks the rules of the interchange format. */
export class ValidationError extends CmeError {}
/** A bad argument: an evaluation date, a period, a dimension… */
export class InvalidArgumentError extends CmeError {}
/** A policy that breaks the rules of the policy format. */
export class PolicyError extends CmeError {}
/** No preset policy has this code. */
export class UnknownPresetError extends CmeError {}
/** The pathway refuses the event; the case is unchanged. */
export class EventRefusedError extends CmeError {}
/** A JavaScript value that is not JSON (a function, a BigInt, NaN…). */
export class InputError extends CmeError {}
/** The WebAssembly module trapped (a Rust panic); load it again with init(). */
export class InternalError extends CmeError {}

const CLASSES = {
  ValidationError, InvalidArgumentError, PolicyError, UnknownPresetError,
  EventRefusedError, InputError, InternalError,
};

function internalError() {
  return new InternalError({
    name: "InternalError",
    code: "internal_error",
    path: "",
    message: "Erreur interne du module WebAssembly : rechargez-le (init) avant tout autre appel.",
    messageEn: "Internal error of the WebAssembly module: load it again (init) before any other call.",
    issues: [],
  });
}

// Arguments that are lists of documents (each item its own budget), and
// reports given back (a bigger one).
const LIST_ARGS = new Set(["cases", "activities"]);
const REPORT_ARGS = new Set(["reports", "published"]);
// `fits`: a value left to the strict writer.
const STRICT = Symbol("strict");
// An array of its own kind, without a toJSON method.
const plainArray = (a) => Object.getPrototypeOf(a) === Array.prototype && typeof a.toJSON !== "function";

/** The calls of one WebAssembly module: `call(op, json)` is its export.
 * `load(init, arg)` runs the loader of the module (wasm-bindgen's), then
 * marks the module sound again. */
export function binding(call) {
  // Set when the WebAssembly instance trapped (a Rust panic: the core is
  // written so that no input can cause one): its memory may be
  // inconsistent, so every call fails until the module is loaded again.
  let broken = false;
  // The core's budgets (cme_pdp::limits: max_json_bytes, max_report_bytes,
  // max_rows), asked of the module once: never a second copy of a number.
  let LIMITS = null;
  function limits() {
    if (LIMITS === null) LIMITS = JSON.parse(call("limits", "{}")).ok;
    return LIMITS;
  }

  // A JS value that cannot be read as JSON of the expected type (a
  // function, a symbol, a bigint, NaN, a cycle): the core's issue, from its
  // catalogue.
  function inputError(code = "unsupported_type", path = "") {
    const params = code === "unsupported_type"
      ? { expected: "JSON: object, array, string, finite number, boolean, null" } : {};
    return refused(code, path, params);
  }

  // A problem found in the arguments before the call (a budget), with the
  // core's code, messages (one catalogue) and issue: thrown as InputError.
  function refused(code, path, params) {
    if (broken) return internalError();
    let out;
    try {
      out = JSON.parse(call("refuse", JSON.stringify({ code, path, params })));
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) broken = true;
      return internalError();
    }
    const issue = out.error.issues[0];
    return new InputError({
      name: "InputError", code: issue.code, path: issue.path,
      message: issue.message, messageEn: issue.messageEn, issues: out.error.issues,
    });
  }

  // JSON.stringify would silently drop functions and symbols and write NaN as
  // null: refuse them instead, at their path in the document (the path of a
  // value is relative to the argument it is in, as in every binding), so
  // that nothing is lost without a word.
  //
  // Each document is held to the size its JSON text may have (1 MiB for a
  // case, a policy, an event; 64 MiB for a report given back), counted as it
  // is written: a list's length before its items, a text's before it is
  // copied. A list of a million events is refused before any is visited,
  // and the work before a refusal is bounded by the budget, not by the input
  // (linear time whatever the object holds). A list of cases is counted
  // first (at most MAX_ROWS), each case its own document, and all the
  // arguments of one call together are at most 64 MiB.
  //
  // Plain data (objects and arrays of their own kind, texts, finite
  // numbers, booleans, null) is first walked by `fits`, which judges each
  // value as `strictStringify` does, in the same order, without a path
  // per value: within the budgets, the arguments are written by
  // JSON.stringify without a replacer (the same text, without a call and a
  // path per value: most of the cost of a form's validation); the first
  // fault is thrown as `strictStringify` throws it, after the same values
  // were visited. Anything else (a toJSON method, a Map, a depth past 128)
  // is left to `strictStringify`. A getter is read twice, by the walk and
  // by JSON.stringify. tests/node/stringify.test.mjs holds the two writers
  // together (scripts/plant-faults-stringify.py: the faults it catches).
  function stringify(args) {
    const { max_json_bytes: MAX_JSON_BYTES, max_report_bytes: MAX_REPORT_BYTES, max_rows: MAX_ROWS } = limits();
    const whole = { left: MAX_REPORT_BYTES, max: MAX_REPORT_BYTES };
    for (const key of Object.keys(args)) {
      const value = args[key];
      let fault;
      if (LIST_ARGS.has(key) && Array.isArray(value)) {
        if (!plainArray(value)) return strictStringify(args);
        if (value.length > MAX_ROWS) throw refused("too_many_items", key, { max: MAX_ROWS });
        for (let i = 0; i < value.length && fault === undefined; i += 1) {
          fault = fits(value[i], i, { left: MAX_JSON_BYTES, max: MAX_JSON_BYTES }, whole, 0);
        }
      } else if (!(key === "text" && typeof value === "string")) {
        const max = REPORT_ARGS.has(key) ? MAX_REPORT_BYTES : MAX_JSON_BYTES;
        fault = fits(value, key, { left: max, max }, whole, -1);
      }
      if (fault === STRICT) return strictStringify(args);
      if (fault !== undefined) {
        // the path of the value in its argument (the argument itself "")
        let path = "";
        for (const k of fault.keys.reverse()) {
          path = typeof k === "number" ? `${path}[${k}]` : path === "" ? k : `${path}.${k}`;
        }
        throw fault.code === "document_too_large" ? refused(fault.code, path, { max_bytes: fault.max })
          : inputError(fault.code, path);
      }
    }
    return JSON.stringify(args);
  }

  // The first fault of `value` (at `key` of its holder: a number in a
  // list) as `strictStringify` finds it: `undefined` when none, STRICT
  // when the value is not plain data, else the code, the budget passed
  // and the keys from the value up to its argument. `depth` is -1 for an
  // argument (its key not part of paths nor of its budget's count, as
  // `strictStringify` counts it).
  function fits(value, key, budget, whole, depth) {
    const at = () => (depth < 0 ? [] : [key]);
    switch (typeof value) {
      case "function": case "symbol": return { code: "unsupported_type", keys: at() };
      case "bigint": return typeof value.toJSON === "function" ? STRICT : { code: "unsupported_type", keys: at() };
      case "number": if (!Number.isFinite(value)) return { code: "non_finite_number", keys: at() }; break;
      default: break;
    }
    const object = typeof value === "object" && value !== null;
    if (object) {
      // JSON.stringify would first call a toJSON method: the strict
      // writer's to judge what it gives
      const plain = Array.isArray(value) ? plainArray(value)
        : (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)
          && typeof value.toJSON !== "function";
      if (!plain || depth >= 128) return STRICT;
    }
    // the value's smallest JSON form and a separator; a key its length
    const spend = (n) => {
      budget.left -= n;
      whole.left -= n;
      if (budget.left < 0) return budget.max;
      if (whole.left < 0) return whole.max;
      return undefined;
    };
    const tooLarge = (max) => ({ code: "document_too_large", max, keys: at() });
    let max = spend(2 + (typeof key === "number" ? 0 : key.length));
    if (max === undefined && typeof value === "string") max = spend(value.length);
    if (max !== undefined) return tooLarge(max);
    if (!object) return undefined;
    let fault;
    if (Array.isArray(value)) {
      if (value.length * 2 > budget.left) return tooLarge(budget.max);
      for (let i = 0; i < value.length && fault === undefined; i += 1) {
        fault = fits(value[i], i, budget, whole, depth + 1);
      }
    } else {
      for (const k of Object.keys(value)) {
        fault = fits(value[k], k, budget, whole, depth + 1);
        if (fault !== undefined) break;
      }
    }
    if (fault !== undefined && fault !== STRICT && depth >= 0) fault.keys.push(key);
    return fault;
  }

  function strictStringify(args) {
    const ARGS = Symbol("arguments");
    const paths = new Map();
    const budgets = new Map();
    const lists = new Set();
    // all the arguments of one call together: the envelope the module parses
    // (its memory is at most 4 GiB)
    const { max_json_bytes: MAX_JSON_BYTES, max_report_bytes: MAX_REPORT_BYTES, max_rows: MAX_ROWS } = limits();
    const whole = { left: MAX_REPORT_BYTES, max: MAX_REPORT_BYTES };
    const spend = (budget, n, path) => {
      budget.left -= n;
      whole.left -= n;
      if (budget.left < 0) throw refused("document_too_large", path, { max_bytes: budget.max });
      if (whole.left < 0) throw refused("document_too_large", path, { max_bytes: whole.max });
    };
    return JSON.stringify(args, function strict(key, value) {
      // the first holder is JSON.stringify's wrapper of the arguments
      const base = paths.has(this) ? paths.get(this) : null;
      const path = base === null ? ARGS
        : base === ARGS ? ""
          : Array.isArray(this) ? `${base}[${key}]`
            : base === "" ? key : `${base}.${key}`;
      switch (typeof value) {
        case "function": case "symbol": case "bigint": throw inputError("unsupported_type", path === ARGS ? "" : path);
        case "number": if (!Number.isFinite(value)) throw inputError("non_finite_number", path === ARGS ? "" : path); break;
        default: break;
      }
      // the budget of the document the value is in
      let budget = null;
      if (base === ARGS) {
        // an argument, `key` its name
        if (LIST_ARGS.has(key) && Array.isArray(value)) {
          if (value.length > MAX_ROWS) throw refused("too_many_items", key, { max: MAX_ROWS });
          lists.add(value);
        } else if (key === "text" && typeof value === "string") {
          // validateJson's text: already cut (the core judges its size)
        } else {
          const max = REPORT_ARGS.has(key) ? MAX_REPORT_BYTES : MAX_JSON_BYTES;
          budget = { left: max, max };
        }
      } else if (base !== null) {
        budget = budgets.get(this)
          || (lists.has(this) ? { left: MAX_JSON_BYTES, max: MAX_JSON_BYTES } : null);
      }
      if (budget !== null) {
        // the value's smallest JSON form and a separator; a key its length
        spend(budget, 2 + (Array.isArray(this) ? 0 : String(key).length), path);
        if (typeof value === "string") spend(budget, value.length, path);
        if (Array.isArray(value) && value.length * 2 > budget.left) {
          throw refused("document_too_large", path, { max_bytes: budget.max });
        }
      }
      if (typeof value === "object" && value !== null) {
        paths.set(value, path);
        if (budget !== null) budgets.set(value, budget);
      }
      return value;
    });
  }


  function run(op, args) {
    let text;
    try {
      text = stringify(args);
    } catch (e) {
      throw e instanceof CmeError ? e : inputError();
    }
    if (broken) throw internalError();
    let raw;
    try {
      raw = call(op, text);
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) {
        broken = true;
        throw internalError();
      }
      throw e;
    }
    const out = JSON.parse(raw);
    if (out.error !== undefined) {
      const Class = CLASSES[out.error.name] || CmeError;
      throw new Class(out.error);
    }
    return out.ok;
  }

  async function load(initCore, moduleOrPath, wasmFile) {
    let arg = moduleOrPath;
    if (arg === undefined && isNode()) {
      // Under Node, wasm-bindgen's loader would fetch a file: URL, which
      // Node's fetch refuses; the bytes are read from the package instead.
      const fs = "node:fs/promises";
      const { readFile } = await import(/* webpackIgnore: true */ fs);
      arg = { module_or_path: await readFile(wasmFile) };
    }
    const out = await initCore(arg);
    broken = false;
    LIMITS = null;
    return out;
  }

  function loadSync(initSyncCore, module) {
    const out = initSyncCore(module);
    broken = false;
    LIMITS = null;
    return out;
  }

  return {
    run, limits, inputError, load, loadSync, ...validation(run, limits, inputError),
    // for the tests: the two writers of the arguments
    stringify, strictStringify,
  };
}

// The operations both modules have (validation, labels, code lists,
// dates), written once.
function validation(run, limits, inputError) {
  const labelsOption = (options) => (options === undefined || options === null ? undefined : options.labels);
  return {
    version: () => run("version", {}),
    validate: (input, asOf, options) =>
      run("validate", { case: input, as_of: asOf, labels: labelsOption(options) }),
    // A text over 1 MiB is `document_too_large` without being parsed or
    // copied whole: a text longer than that in UTF-16 units is longer in
    // UTF-8 bytes too, so only its beginning is sent to the core, which
    // refuses it before parsing.
    validateJson: (text, asOf, options) => {
      if (typeof text !== "string") throw inputError();
      let sent = text;
      const max = limits().max_json_bytes;
      if (text.length > max) {
        sent = text.slice(0, max + 2);
        // never end on half a surrogate pair (not valid in the envelope)
        const last = sent.charCodeAt(sent.length - 1);
        if (last >= 0xd800 && last <= 0xdbff) sent = sent.slice(0, -1);
      }
      return run("validate_json", { text: sent, as_of: asOf, labels: labelsOption(options) });
    },
    parseCase: (input, asOf) => run("parse_case", { case: input, as_of: asOf }),
    dateText: (date, { lang = "fr" } = {}) => {
      const out = run("date_text", { date });
      return lang === "en" ? out.en : out.fr;
    },
    fieldLabels: () => run("field_labels", {}),
    codeLists: () => run("code_lists", {}),
    issueCodes: () => run("issue_codes", {}),
  };
}

function isNode() {
  return typeof process !== "undefined" && process.versions != null && process.versions.node != null
    && typeof window === "undefined";
}
