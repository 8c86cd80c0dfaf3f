// Types of the cme browser package (the ES module cme.js).
// Result objects use camelCase keys; cases, events and policies keep the
// snake_case keys of the interchange format (case.d.ts, generated from the
// JSON Schema).

export type {
  Case, CaseDraft, CodeList, Draft, Event, FieldLabel, Issue, IssueCodeInfo, LabelledIssue,
  SickLeave, ValidateInput, ValidateOptions, Worker,
} from "./runtime";
export {
  CmeError, ValidationError, InvalidArgumentError, PolicyError, UnknownPresetError,
  EventRefusedError, InputError, InternalError,
} from "./runtime";
export type * from "./codes";
import type { Case, Event, Issue, ModuleSource, SickLeave, SyncModuleSource, Worker } from "./runtime";
import type {
  AlertLevelCode, CategoryCode, CriterionStatusCode, DimensionCode, ExitResultCode, IndicatorId,
  InclusionCode, MeasureCode,
  PartnerCode, PresetCode, ProblemTypeCode, RequesterCode, StageCode, StatusCode,
  VisitObligationCode, VisitRuleCode, WorklistCode, DocumentKindCode,
} from "./codes";

/** Where a rule comes from. */
export interface Source { kind: "article" | "document" | "policy"; reference: string; version?: string; id?: string }
/** One reason of a decision. */
export interface Reason { code: string; text: string; sources: Source[] }
/** A decision with its reasons, their sources and the evaluation date. */
export interface Decision<T> { value: T; reasons: Reason[]; sources: Source[]; asOf: string }
/** A fact needed for an open decision. */
export interface MissingFact { fact: string; neededFor: string; text: string }
/** An alert: due, overdue, or a refused event. */
export interface Alert {
  code: string; level: AlertLevelCode;
  due?: string; daysOverdue?: number; path?: string;
  /** In French, and in English, rendered from one catalogue with `params`. */
  text: string; textEn: string; params?: Record<string, string>; sources: Source[];
}
/** A step to come. */
export interface NextStep {
  code: string;
  /** In French, and in English, rendered from one catalogue with `params`. */
  text: string; textEn: string; params?: Record<string, string>;
  due?: string; sources: Source[];
}
/** Everything cme decides about a case as of a date. */
export interface Evaluation {
  caseId: string; asOf: string; engineVersion: string;
  policy: { id: string; name: string; contentHash: string };
  stage: Decision<{ stage: StageCode; label: string; serviceLabel?: string; since: string;
                    /** Every stage reached, the first time, in date order. */
                    history: { stage: StageCode; date: string; eventIndex?: number }[] }>;
  status: Decision<StatusCode>;
  category: { decision: Decision<CategoryCode | null>; derived: CategoryCode | null;
              teamOverride?: { category: CategoryCode; decidedOn: string }; missing: MissingFact[] };
  inclusion: { decision: Decision<InclusionCode>;
               criteria: { code: string; status: CriterionStatusCode; text: string }[]; missing: MissingFact[] };
  targeting?: Decision<boolean | null>;
  alerts: Alert[]; nextSteps: NextStep[]; refusedEvents: Issue[]; laterEvents: number;
  missingFacts: MissingFact[];
  visits: VisitReport;
  measures: MeasureOutcome[];
  orientation: Suggestion[];
  /** The evaluation as readable French text. */
  textFr: string;
}
/** The outcome of one visit rule. */
export interface VisitOutcome {
  rule: VisitRuleCode;
  obligation: VisitObligationCode;
  version: { id: string; from?: string; to?: string };
  /** Every version applied, with the fact and the date that chose it. */
  datedBy: { part: string; version: { id: string; from?: string; to?: string }; fact: string; date: string }[];
  factDate: string; due?: string; windowStart?: string; doneOn?: string; requester?: string; code: string;
  reasons: Reason[]; sources: Source[]; missing: MissingFact[];
}
/** The legal calendar of a case. */
export interface VisitReport {
  asOf: string;
  absences: { absence: Absence; outcomes: VisitOutcome[] }[];
  measures?: MeasureOutcome[];
  scope?: Reason;
  miCarriere?: VisitOutcome;
}
/** A measure to consider. */
export interface MeasureOutcome {
  measure: MeasureCode; eligible: boolean | null;
  /** The versions applied, with the fact and the date that chose them. */
  datedBy?: { part: string; version: { id: string; from?: string; to?: string }; fact: string; date: string }[];
  dates: { code: string; label: string; date: string }[];
  conditions: string[]; reasons: Reason[]; sources: Source[]; missing: MissingFact[];
}
/** A partner suggested by the orientation grid. */
export interface Suggestion {
  problem: ProblemTypeCode; partner: PartnerCode; actionable: boolean;
  blocked?: "sans_consentement" | "consentement_retire";
  reasons: Reason[]; sources: Source[]; missing: MissingFact[];
}

/** Panics on purpose inside the module (boundary test): throws InternalError. */
export function _boundaryPanic(): never;

/** Options of the legal calendar. */
export interface LegalOptions {
  /** 30 to 60 (a branch agreement's age for the mi-carrière visit). */
  branchAgreementAge?: number;
  /** Count the absences together for the rendez-vous de liaison (to confirm). */
  liaisonAbsencesDiscontinues?: boolean;
  /** Entry into force of the entretien de parcours professionnel, 2025-10-26 to 2026-10-01. */
  entretienParcoursFrom?: string;
}
export interface Absence {
  prescriptions: number[]; start: string; end?: string; endIsExpected?: boolean;
  causes: string[]; lengthDays?: number;
}
/** The legal calendar of a calendar input (snake_case fields, as cases). */
export function legalCalendar(input: unknown, asOf: string, options?: LegalOptions): VisitReport;
/** A policy: a preset code (`"aismt13"`…) or a policy object. */
export type PolicyInput = PresetCode | Policy;
/** A service's policy (policy format, snake_case keys): its stages, process,
 * deadlines, thresholds, follow-ups and the classes of exit results. */
export interface Policy {
  id: string;
  name: string;
  seeds?: string[];
  stages?: { stage: StageCode; name: string }[];
  process?: { order: "ordonne" | "libre"; source: string; [key: string]: unknown };
  first_contact?: { days: number; source: string };
  inclusion?: { min_expected_opinions: number; source: string };
  follow_ups?: { months: number; until_months?: number; label: string; source: string }[];
  follow_up_tolerance_days?: number;
  results?: { classes: Record<string, "positive" | "negative" | "neutre">; source: string };
  plan_refused?: { category: CategoryCode; source: string };
  targets?: Record<string, unknown>;
  targeting?: Record<string, unknown>[];
}
/** An activity record counted by the indicators (partner meetings…). */
export interface Activity { date: string; kind: string }

/** The operations both modules have (declared once, in form.d.ts). */
export {
  version, validate, validateJson, parseCase, dateText, fieldLabels, codeLists, issueCodes,
} from "./form";

/** Loads the WebAssembly module (fetched next to cme.js in a page, read
 * from the package under Node); call once before anything else. */
export default function init(moduleOrPath?: ModuleSource): Promise<unknown>;
/** Loads the WebAssembly module synchronously from its bytes or a compiled module. */
export function initSync(module: SyncModuleSource): unknown;

/** Everything cme decides about a case as of a date under a policy. */
export function evaluate(input: Case, policy: PolicyInput, asOf: string): Evaluation;
/** The case with the event added; throws EventRefusedError (the case is unchanged). */
export function tryAddEvent(input: Case, event: Event): Case;
/** The legal visit calendar of a case as of a date. */
export function visitObligations(input: Case, asOf: string, options?: LegalOptions): VisitReport;
/** The visit rules for one sick leave and the worker; `requestedBy` asks for the pré-reprise. */
export function visitObligationsForLeave(
  leave: SickLeave, worker: Worker, asOf: string, requestedBy?: RequesterCode, options?: LegalOptions,
): VisitOutcome[];
/** Partners for problem types (given, or inferred from the case). */
export function orient(input: Case, asOf: string, problems?: ProblemTypeCode[]): Suggestion[];
/** Indicators of cases for a period (`"2024"`, `"2024-S1"`, `"2024-T2"`, `"a/b"`),
 * by up to two dimensions, published when a threshold is given; with `ids`,
 * only those figures (in the catalogue's order; an unknown id is
 * `unknown_code` at `indicators[i]`). */
export function indicators(
  cases: Case[], policy: PolicyInput, period: string, by?: DimensionCode[], threshold?: number,
  activities?: Activity[], ids?: IndicatorId[],
): IndicatorReport;
/** One figure of a report: a count, or a rate with its denominator; hidden
 * in a publication when it would identify someone (`numerator` and `value`
 * then null). */
export interface IndicatorValue {
  id: IndicatorId;
  numerator: number | null;
  denominator?: number | null;
  value: number | null;
  hidden?: boolean;
}
/** The class of an exit result under a policy. */
export type Outcome = "positive" | "negative" | "neutre";
/** A report of indicators (published when a threshold was given). */
export interface IndicatorReport {
  spec: { by: DimensionCode[]; period: { start: string; end: string }; indicators?: IndicatorId[] };
  policy: { id: string; name: string; contentHash: string };
  cases: number;
  total: IndicatorValue[];
  /** One cell per value of the dimensions (`key`: one value per dimension). */
  cells: { key: string[]; values: IndicatorValue[] }[];
  targets?: Record<string, unknown>;
  /** The class of each exit result (keyed by the codes). */
  classification: Partial<Record<ExitResultCode, Outcome>>;
  /** Published reports: the threshold, the protection width and the receipt. */
  threshold?: number;
  protectionWidth?: number;
  receipt?: Record<string, unknown>;
}
/** A scenario of an impact: a policy and options of the legal calendar. */
export interface Scenario { policy: PolicyInput; options?: { thresholds?: "avant_2022" | "depuis_2022"; [key: string]: unknown } }
/** What a change of rules changed in a case. */
export interface ImpactChange {
  aspect: "etape" | "statut" | "categorie" | "inclusion" | "obligation" | "echeance" | "alertes"; at: string; before: string; after: string;
  reasonsBefore: Record<string, unknown>[]; reasonsAfter: Record<string, unknown>[];
}
/** The impact of a change of rules on a population. */
export interface ImpactReport {
  asOf: string; cases: number; changed: number;
  byAspect: { aspect: ImpactChange["aspect"]; cases: number }[];
  impacts: { caseId: string; changes: ImpactChange[] }[];
  before: Record<string, unknown>; after: Record<string, unknown>;
}
/** Every case evaluated under two scenarios; the cases whose decisions change. */
export function impact(cases: Case[], before: Scenario, after: Scenario, asOf: string): ImpactReport;
/** One line of a worklist: a case, why it is there, and its sources. */
export interface WorkItem {
  list: WorklistCode; listLabel: string; listLabelEn: string;
  caseId: string; service: string; doctor?: string; referent?: string;
  /** A deadline, a visit, or since when the case waits at its stage. */
  date: string;
  /** Days past the date when it is a deadline (negative: days left). */
  daysOverdue?: number;
  reason: Reason & { textEn: string; params?: Record<string, string> };
}
/** The cell's worklists as of a date: `items`, or `groups` with `by`. */
export interface Worklists {
  asOf: string; halfMonth: { start: string; end: string }; cases: number;
  items?: WorkItem[];
  by?: "doctor" | "referent" | "service";
  groups?: { key: string | null; items: WorkItem[] }[];
}
/** Options of the worklists: the lists kept, filters, grouping. */
export interface WorklistOptions {
  lists?: WorklistCode[]; service?: string; doctor?: string; referent?: string;
  by?: "doctor" | "referent" | "service"; repriseWithinDays?: number;
  policies?: Record<string, PolicyInput>;
}
/** The cell's worklists over cases as of a date (`asOf`: YYYY-MM-DD). */
export function worklists(cases: Case[], asOf: string, options?: WorklistOptions): Worklists;
/** A document of the cell filled from a case. */
export interface CellDocument {
  kind: DocumentKindCode; title: string;
  /** Paragraphs separated by a blank line. */
  text: string;
  /** An A4 page to print, its placeholders marked. */
  html: string;
  /** The identity fields left out, shown as « [Nom et prénom du salarié] ». */
  placeholders: string[];
  sources: Source[];
}
/** Options of a document. */
export interface DocumentOptions {
  /** Identity details (`worker.name`, `employer.address`, `meeting.date`…):
   * used for this document only, never kept. */
  identity?: Record<string, string>;
  partner?: PartnerCode; policy?: PolicyInput;
  /** The service's own templates (`{templates: [{kind, title, body, source}]}`). */
  templates?: { templates: { kind: DocumentKindCode; title: string; body: string; source: string }[] } | string;
}
/** A document of the cell filled from a case as of a date (`asOf`: YYYY-MM-DD). */
export function document(caseData: Case, kind: DocumentKindCode, asOf: string, options?: DocumentOptions): CellDocument;
/** A field a document template may use. */
export interface DocumentField { name: string; identity: boolean; label: string }
/** The fields a document template may use. */
export function documentFields(): DocumentField[];
/** The report of a region: each service's cases under its own policy, added up. */
export interface RegionalReport {
  spec: Record<string, unknown>;
  cases: number;
  policies: { service: string; policy: Record<string, unknown>; classification: Partial<Record<ExitResultCode, Outcome>> }[];
  divergences: { result: ExitResultCode; classes: { service: string; class: Outcome }[] }[];
  bases: { id: string; basis: "harmonise" | "selon_politique" }[];
  total: IndicatorValue[];
  cells: { key: string[]; values: IndicatorValue[] }[];
  services: IndicatorReport[];
  harmonised: IndicatorReport;
}
/** The report of a region of several services (`policies`: service code →
 * preset code or policy; by default the seven presets). */
export function regionalReport(
  cases: Case[], period: string, by?: DimensionCode[], policies?: Record<string, PolicyInput>,
): RegionalReport;
/** The report of one member company of more than 300 employees (D4622-54). */
export interface CompanyReport {
  company: string;
  headcount: number;
  inForce: boolean;
  sources: Record<string, unknown>[];
  cases: number;
  published: IndicatorReport;
  audit: Audit;
}
/** The report of one member company of more than 300 employees for its CSE
 * (Code du travail, art. D4622-54), published and audited. */
export function companyReport(
  cases: Case[], policy: PolicyInput, company: string, headcount: number, period: string,
  options?: { by?: DimensionCode[]; threshold?: number },
): CompanyReport;
/** A hidden count in an audit: where it is, the interval an attacker computes. */
export interface HiddenFigure {
  report: number; cell: string[]; id: string; part: "numerateur" | "denominateur";
  min: number; max: number | null; exact: boolean; protected: boolean;
}
/** The attacker's audit of a publication. */
export interface Audit { threshold: number; protectionWidth: number; passed: boolean; hidden: HiddenFigure[]; }
/** One check of a verification. */
export interface CheckResult { check: "recu" | "methode" | "catalogue" | "chiffres" | "seuil" | "audit"; passed: boolean; text: string; textEn: string; }
/** The verification of a publication against its receipt. */
export interface Verification { valid: boolean; checks: CheckResult[]; }
/** Publishes several reports of the same cases together. */
export function publishBundle(
  reports: IndicatorReport[], threshold?: number, protectionWidth?: number,
): IndicatorReport[];
/** The attacker's audit of a publication (one report or a bundle). */
export function audit(published: IndicatorReport | IndicatorReport[]): Audit;
/** Checks a publication against its receipt. */
export function verify(published: IndicatorReport | IndicatorReport[]): Verification;
/** The catalogue of indicators with their definitions and sources. */
export function indicatorCatalogue(): Record<string, unknown>[];
/** The codes of the seven preset policies. */
export function presetCodes(): PresetCode[];
/** A preset policy (policy format, snake_case keys). */
export function preset(code: PresetCode): Policy;
/** A checked, normalized policy; throws PolicyError listing every problem. */
export function loadPolicy(policy: Policy): Policy;
/** The JSON Schema of the interchange format (loaded on demand: the
 * validation itself does not need it). */
export function caseSchema(): Promise<Record<string, unknown>>;
