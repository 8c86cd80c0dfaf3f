// Types shared by the package's two entry points (cme.js and form.js).
import type { Case, Event, SickLeave, Worker } from "./case";
import type { IssueCode } from "./codes";

/** One problem of an input: a stable code, the path of the field, the
 * message parameters and the messages in French and English. Never the
 * value of the field. */
export interface Issue {
  code: IssueCode;
  /** Present only for a warning: refused by a form, kept and reported by an import. */
  severity?: "warning";
  path: string;
  params: Record<string, string>;
  message: string;
  messageEn: string;
}

/** An issue as `validate(…, { labels: true })` gives it: with the label of
 * its field (when the format has that field) and its message in the form's
 * words. */
export interface LabelledIssue extends Issue {
  label?: string;
  labelEn?: string;
  formMessage: string;
  formMessageEn: string;
}

/** Options of `validate` and `validateJson`. */
export interface ValidateOptions {
  /** Add each field's label and the message in the form's words. */
  labels?: boolean;
}

/** The label of a field of the interchange format. */
export interface FieldLabel {
  /** The path with its list indexes left out (`events[].date`). */
  path: string;
  fr: string;
  en: string;
}

/** An entry of the issue catalogue. */
export interface IssueCodeInfo {
  code: IssueCode;
  severity: "error" | "warning";
  params: string[];
  templateFr: string;
  templateEn: string;
}

/** A closed list of codes with their French labels. */
export interface CodeList { kind: string; entries: { code: string; label: string }[] }

/** Every field optional, at every depth: a case as a form holds it while
 * it is being filled in (codes and types still checked). */
export type Draft<T> =
  T extends (infer U)[] ? Draft<U>[]
    : T extends object ? { [K in keyof T]?: Draft<T[K]> }
      : T;
/** A case being filled in. */
export type CaseDraft = Draft<Case>;
/** What `validate` reads: a case being filled in (typed), or any JSON
 * value read from elsewhere (`unknown`, checked by the core). */
export type ValidateInput = CaseDraft;

export type { Case, Event, SickLeave, Worker };

/** The fields of an error, as the core reports them. */
export interface CmeErrorFields {
  name: string; code: string; path: string; message: string; messageEn: string; issues: Issue[];
}
/** An error of cme: `code` and `path` are stable, `message` is French,
 * `messageEn` English, `issues` every problem found. */
export class CmeError extends Error {
  constructor(fields: CmeErrorFields);
  code: string;
  path: string;
  messageEn: string;
  issues: Issue[];
}
/** A case or event that breaks the rules of the interchange format. */
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

/** What a module loader accepts: nothing (the package's file), a URL, a
 * Response, the bytes or a compiled module. */
export type ModuleSource =
  { module_or_path: RequestInfo | URL | Response | BufferSource | WebAssembly.Module }
  | RequestInfo | URL | Response | BufferSource | WebAssembly.Module;
/** What the synchronous loader accepts: the bytes or a compiled module. */
export type SyncModuleSource = { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module;

/** The internal binding of a module (not part of the public API). */
export function binding(call: (op: string, args: string) => string): unknown;
