// Types of cme-pdp/form (form.js): the validation a page needs, in a
// WebAssembly module under 150 KB gzipped.
import type {
  Case, CaseDraft, CodeList, FieldLabel, Issue, IssueCodeInfo, LabelledIssue, ModuleSource,
  SyncModuleSource, ValidateOptions,
} from "./runtime";
import type { IssueCode } from "./codes";

export type {
  Case, CaseDraft, CodeList, Draft, Event, FieldLabel, Issue, IssueCodeInfo, LabelledIssue,
  SickLeave, ValidateInput, ValidateOptions, Worker,
} from "./runtime";
export {
  CmeError, ValidationError, InvalidArgumentError, PolicyError, UnknownPresetError,
  EventRefusedError, InputError, InternalError,
} from "./runtime";
export type * from "./codes";

/** Loads the form's WebAssembly module (fetched next to form.js in a page,
 * read from the package under Node); call once before anything else. */
export default function init(moduleOrPath?: ModuleSource): Promise<unknown>;
/** Loads the form's WebAssembly module synchronously. */
export function initSync(module: SyncModuleSource): unknown;
/** The version of the library. */
export function version(): string;
/** Every problem of a case (an empty array means valid); `asOf` is `YYYY-MM-DD`. */
export function validate(input: CaseDraft, asOf?: string, options?: ValidateOptions & { labels?: false }): Issue[];
export function validate(input: CaseDraft, asOf: string | undefined, options: { labels: true }): LabelledIssue[];
/** Every problem of a case given as JSON text. */
export function validateJson(text: string, asOf?: string, options?: ValidateOptions & { labels?: false }): Issue[];
export function validateJson(text: string, asOf: string | undefined, options: { labels: true }): LabelledIssue[];
/** The case in its normalized form; throws a ValidationError listing every problem. */
export function parseCase(input: CaseDraft, asOf?: string): Case;
/** Every code list with French labels (for drop-down lists). */
export function codeLists(): CodeList[];
/** A date (`YYYY-MM-DD`) in running French (« 9 novembre 2024 ») or English. */
export function dateText(date: string, options?: { lang?: "fr" | "en" }): string;
/** The label of every field of the interchange format. */
export function fieldLabels(): FieldLabel[];
/** The catalogue of issue codes with their French and English templates. */
export function issueCodes(): IssueCodeInfo[];

/** An error at a field, as react-hook-form holds it (`type` is the issue code). */
export interface FieldError { type: IssueCode; message: string; types?: Record<string, string | string[]> }
/** What a resolver returns (react-hook-form's `ResolverResult`). */
export type ResolverResult =
  | { values: Case; errors: Record<string, never> }
  | { values: Record<string, never>; errors: Record<string, unknown> };
/** Options of `resolver`. */
export interface ResolverOptions {
  /** The evaluation date (`YYYY-MM-DD`), or a function giving it at each validation. */
  asOf?: string | (() => string | undefined);
  /** Reads the form's values as a case (by default: empty fields left out). */
  prepare?: (values: unknown) => unknown;
  /** The language of the messages (French by default). */
  lang?: "fr" | "en";
}
/** A resolver for react-hook-form (`useForm({ resolver: resolver({ asOf }) })`):
 * the core's validation, each issue at its field in the form's words. */
export function resolver(options?: ResolverOptions): (values: any, context?: unknown, options?: unknown) => ResolverResult;
