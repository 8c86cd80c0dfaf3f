// The demo form: validation at each field once it is left (or on submit),
// then live; the evaluation panel once the case is valid. Every rule runs in
// the cme core (WebAssembly): the form's module (form.js, under 150 KB
// gzipped) validates, the full module (cme.js) evaluates and is loaded
// after it. This file only reads the form into a case, places each issue at
// its field (by its path, in the form's words) and shows the evaluation.
// Values are written with textContent, never as HTML.
import initForm, { validate, codeLists, dateText, CmeError } from "../pkg/form.js";

const form = document.getElementById("fiche");
const status = document.getElementById("status");
const asOfInput = document.getElementById("as_of");
const eventsBody = document.querySelector("#events tbody");
let lists = {};
// The full module, once loaded (evaluate, presets).
let full = null;
// The fields the user has left, and whether the form was submitted: an
// issue is shown once its field was left, or after a submit.
const touched = new Set();
let submitted = false;

function el(tag, text, attrs = {}) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function fillSelect(select, entries, empty = true) {
  const value = select.value;
  select.replaceChildren();
  if (empty) select.append(el("option", "—", { value: "" }));
  for (const { code, label } of entries) select.append(el("option", label, { value: code }));
  select.value = value;
}

// Sets `value` at a path such as `sick_leaves[0].start` in `obj`.
function setPath(obj, path, value) {
  const parts = path.replace(/\[(\d+)\]/g, ".$1").split(".");
  let cur = obj;
  parts.forEach((p, i) => {
    const last = i === parts.length - 1;
    const nextIsIndex = !last && /^\d+$/.test(parts[i + 1]);
    if (last) cur[p] = value;
    else {
      if (cur[p] === undefined) cur[p] = nextIsIndex ? [] : {};
      cur = cur[p];
    }
  });
}

function readValue(input) {
  const kind = input.dataset.kind;
  if (kind === "bool") return input.checked ? true : undefined;
  const raw = input.value.trim();
  if (raw === "") return undefined;
  if (kind === "int") return /^-?\d+$/.test(raw) ? Number(raw) : raw;
  return raw;
}

const pathOf = (input) => input.dataset.path || input.dataset.eventPath;

// The case from the form: empty fields are left out (the core says which
// ones are required); an empty sick leave or consent block is left out.
export function readCase() {
  const c = { format_version: 1, worker: {}, sick_leaves: [], signalement: {}, consents: [], events: [] };
  for (const input of form.querySelectorAll(":is(input, select)[data-path]")) {
    const value = readValue(input);
    if (value !== undefined) setPath(c, input.dataset.path, value);
  }
  if (c.consents[0] && c.consents[0].accompaniment === undefined && c.consents[0].given_on !== undefined) {
    c.consents[0].accompaniment = false;
  }
  c.sick_leaves = c.sick_leaves.filter((x) => x !== undefined);
  c.consents = c.consents.filter((x) => x !== undefined);
  for (const row of eventsBody.rows) {
    const type = row.querySelector("select").value;
    const date = row.querySelector("input").value;
    c.events.push(date ? { type, date } : { type });
  }
  return c;
}

function slotFor(path) {
  // The field's own slot, or the nearest enclosing one (`events[1].date` →
  // `events[1]` → `events`), or the general list.
  let p = path;
  while (p) {
    const slot = form.querySelector(`[data-error-for="${CSS.escape(p)}"]`);
    if (slot) return slot;
    const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
    p = cut > 0 ? p.slice(0, cut) : "";
  }
  return null;
}

const inputAt = (path) => form.querySelector(`:is(input, select)[data-path="${CSS.escape(path)}"]`)
  || form.querySelector(`[data-event-path="${CSS.escape(path)}"]`);

// An issue is shown once the user left its field, or a field inside it
// (`sick_leaves[0]` once its start was left), or after a submit.
function visible(issue) {
  if (submitted) return true;
  const p = issue.path;
  if (p === "") return false;
  for (const t of touched) {
    if (t === p || t.startsWith(`${p}.`) || t.startsWith(`${p}[`)) return true;
  }
  return false;
}

// Each error slot gets an id, and each field points at its slot
// (aria-describedby), so that a screen reader reads the error with the field.
function linkSlots() {
  let n = 0;
  for (const slot of form.querySelectorAll("[data-error-for]")) {
    slot.id = `error-${n++}`;
    const input = inputAt(slot.dataset.errorFor);
    if (input) input.setAttribute("aria-describedby", slot.id);
  }
}

function showIssues(issues) {
  for (const slot of form.querySelectorAll("[data-error-for]")) slot.replaceChildren();
  for (const input of form.querySelectorAll("[aria-invalid]")) {
    input.removeAttribute("aria-invalid");
    input.removeAttribute("aria-errormessage");
  }
  const general = document.getElementById("general_issues");
  general.replaceChildren();
  const shown = issues.filter(visible);
  for (const issue of shown) {
    const line = el("span", issue.formMessage, { "data-code": issue.code, "data-issue-path": issue.path, lang: "fr" });
    const slot = slotFor(issue.path);
    if (slot) {
      if (slot.childNodes.length) slot.append(el("br"));
      slot.append(line);
      const input = inputAt(issue.path) || inputAt(slot.dataset.errorFor);
      if (input) {
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-errormessage", slot.id);
      }
    } else {
      general.append(el("li", undefined, {}));
      general.lastChild.append(line);
    }
  }
  return shown;
}

const date = (iso) => (iso ? dateText(iso) : "—");

// Days between two ISO dates (the due date the core computed and the
// evaluation date), for « en retard de N jours ».
function daysBetween(from, to) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000);
}

// A source as a reader wants it: an article of a code with a link to
// Légifrance, a document of the bibliography by its title.
const CODES = { ct: "Code du travail", css: "Code de la sécurité sociale" };
function sourceNode(s) {
  const version = s.version && s.kind === "article" ? ` (version en vigueur au ${date(s.version)})` : "";
  if (s.kind === "article" && s.id && s.id.includes(":")) {
    const [code, article] = s.id.split(":");
    const query = encodeURIComponent(`${CODES[code] ?? ""} ${article}`.trim());
    const a = el("a", s.reference, {
      href: `https://www.legifrance.gouv.fr/search/code?tab_selection=code&query=${query}`,
      rel: "noopener", target: "_blank",
    });
    const span = el("span");
    span.append(a, version);
    return span;
  }
  // a reading of the project's bibliography by its title, without the
  // file it is kept in
  return el("span", s.reference.replace(/ \([^()]*\.md\)/, "") + version);
}

function sourcesNode(sources) {
  const seen = new Set();
  const span = el("span", undefined, { class: "sources" });
  for (const s of sources) {
    const key = `${s.reference}|${s.version ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (span.childNodes.length) span.append(" ; ");
    span.append(sourceNode(s));
  }
  return span;
}

// The explanation as readable French sections: each decision, its reasons
// and their sources (linked articles), never a dump of paths.
function explanation(e) {
  const sections = [
    ["Étape", e.stage], ["Statut", e.status], ["Catégorie", e.category.decision], ["Inclusion", e.inclusion.decision],
  ];
  const out = [];
  for (const [title, decision] of sections) {
    const section = el("section");
    section.append(el("h4", title));
    const ul = el("ul");
    for (const r of decision.reasons) {
      const li = el("li", r.text);
      if (r.sources.length) { li.append(" — "); li.append(sourcesNode(r.sources)); }
      ul.append(li);
    }
    section.append(ul);
    out.push(section);
  }
  if (e.missingFacts.length) {
    const section = el("section");
    section.append(el("h4", "Faits manquants"));
    const ul = el("ul");
    for (const m of e.missingFacts) ul.append(el("li", m.text));
    section.append(ul);
    out.push(section);
  }
  if (e.nextSteps.length) {
    const section = el("section");
    section.append(el("h4", "Prochaines étapes"));
    const ul = el("ul");
    for (const n of e.nextSteps) ul.append(el("li", n.due ? `${n.text} (échéance : ${date(n.due)})` : n.text));
    section.append(ul);
    out.push(section);
  }
  return out;
}

function showEvaluation(e) {
  const show = (id, on) => { document.getElementById(id).hidden = !on; };
  if (!e) {
    ["eval_summary", "visits_title", "visits", "alerts_title", "eval_text_box"].forEach((id) => show(id, false));
    document.getElementById("alerts").replaceChildren();
    return;
  }
  const stage = e.stage.value;
  document.getElementById("eval_stage").textContent = stage.serviceLabel
    ? `${stage.label} (${stage.serviceLabel}), depuis le ${date(stage.since)}`
    : `${stage.label}, depuis le ${date(stage.since)}`;
  document.getElementById("eval_status").textContent = lists.status[e.status.value];
  document.getElementById("eval_category").textContent =
    e.category.decision.value ? lists.category[e.category.decision.value] : "indéterminée";
  document.getElementById("eval_inclusion").textContent = lists.inclusion[e.inclusion.decision.value];
  const tbody = document.querySelector("#visits tbody");
  tbody.replaceChildren();
  const outcomes = e.visits.absences.flatMap((l) => l.outcomes);
  if (e.visits.miCarriere) outcomes.push(e.visits.miCarriere);
  for (const o of outcomes) {
    const tr = el("tr", undefined, { "data-rule": o.rule });
    const due = el("td", date(o.due), { "data-head": "Échéance" });
    if (o.due && o.obligation === "obligatoire" && o.due < e.asOf) {
      const late = daysBetween(o.due, e.asOf);
      due.append(" ", el("span", `en retard de ${late} jour${late > 1 ? "s" : ""}`, { class: "late", "data-late": String(late) }));
    }
    const sources = el("td", undefined, { "data-head": "Sources" });
    sources.append(sourcesNode(o.sources));
    tr.append(el("td", lists.visit_rule[o.rule], { "data-head": "Visite" }),
      el("td", lists.visit_obligation[o.obligation], { "data-obligation": o.obligation, "data-head": "Obligation" }),
      due, sources);
    tbody.append(tr);
  }
  const alerts = document.getElementById("alerts");
  alerts.replaceChildren(...e.alerts.map((a) => el("li", a.text, { "data-code": a.code })));
  document.getElementById("eval_text").replaceChildren(...explanation(e));
  show("eval_summary", true); show("visits_title", outcomes.length > 0); show("visits", outcomes.length > 0);
  show("alerts_title", e.alerts.length > 0); show("eval_text_box", true);
}

function refresh() {
  const asOf = asOfInput.value || undefined;
  const c = readCase();
  let issues;
  const asOfSlot = document.querySelector('[data-error-for="as_of"]');
  try {
    issues = validate(c, asOf, { labels: true });
    asOfSlot.replaceChildren();
  } catch (err) {
    if (!(err instanceof CmeError)) throw err;
    asOfSlot.textContent = err.message;
    return;
  }
  showIssues(issues);
  const state = document.getElementById("eval_state");
  const summary = (text) => { if (state.textContent !== text) state.textContent = text; };
  if (issues.length > 0 || !asOf) {
    const n = issues.length;
    summary(n === 1 ? "1 problème à corriger avant l'évaluation." : `${n} problèmes à corriger avant l'évaluation.`);
    showEvaluation(null);
    form.dataset.valid = "false";
    return;
  }
  if (full === null) {
    summary("Fiche valide : chargement de l'évaluation…");
    form.dataset.valid = "true";
    return;
  }
  try {
    const e = full.evaluate(c, c.service, asOf);
    summary(`Évaluation au ${date(e.asOf)} selon la politique « ${e.policy.name} » : ${lists.status[e.status.value].toLowerCase()}.`);
    showEvaluation(e);
    form.dataset.valid = "true";
  } catch (err) {
    if (!(err instanceof CmeError)) throw err;
    summary(err.message);
    showEvaluation(null);
    form.dataset.valid = "false";
  }
}

function addEventRow(type = "contact", dateValue = "") {
  const i = eventsBody.rows.length;
  const tr = el("tr");
  const select = el("select", undefined, { "aria-label": `Type de l'étape ${i + 1}`, "data-event-path": `events[${i}].type` });
  fillSelect(select, lists.entries.event_type, false);
  select.value = type;
  const input = el("input", undefined, { type: "date", "aria-label": `Date de l'étape ${i + 1}`, "data-event-path": `events[${i}].date` });
  input.value = dateValue;
  const remove = el("button", "Retirer", { type: "button", "aria-label": `Retirer l'étape ${i + 1}` });
  remove.addEventListener("click", () => { tr.remove(); renumber(); refresh(); });
  const tdType = el("td"); tdType.append(select);
  const tdDate = el("td"); tdDate.append(input, el("p", undefined, { class: "error", "data-error-for": `events[${i}].date` }));
  const tdRm = el("td"); tdRm.append(remove, el("p", undefined, { class: "error", "data-error-for": `events[${i}]` }));
  tr.append(tdType, tdDate, tdRm);
  eventsBody.append(tr);
  linkSlots();
}

function renumber() {
  [...eventsBody.rows].forEach((tr, i) => {
    tr.querySelector("select").dataset.eventPath = `events[${i}].type`;
    tr.querySelector("input").dataset.eventPath = `events[${i}].date`;
    const [dateSlot, rowSlot] = tr.querySelectorAll("p.error");
    dateSlot.dataset.errorFor = `events[${i}].date`;
    rowSlot.dataset.errorFor = `events[${i}]`;
  });
  linkSlots();
}

// Required fields, as the core says: the fields an empty case misses.
function markRequired() {
  const empty = { format_version: 1, worker: {}, sick_leaves: [{}], signalement: {}, consents: [{}] };
  for (const issue of validate(empty, undefined)) {
    if (issue.code !== "missing_field") continue;
    const input = inputAt(issue.path);
    if (!input) continue;
    input.setAttribute("aria-required", "true");
    const label = form.querySelector(`label[for="${CSS.escape(input.id)}"]`);
    if (label && !label.querySelector(".req")) label.append(el("span", "*", { class: "req", "aria-hidden": "true" }));
  }
}

async function loadFull() {
  full = await import("../pkg/cme.js");
  await full.default({ module_or_path: new URL("../pkg/core_bg.wasm", import.meta.url) });
  fillSelect(document.getElementById("service"),
    full.presetCodes().map((code) => ({ code, label: full.preset(code).name })));
  document.body.dataset.evaluation = "ready";
  refresh();
}

async function main() {
  await initForm({ module_or_path: new URL("../pkg/form_bg.wasm", import.meta.url) });
  const all = codeLists();
  lists = { entries: Object.fromEntries(all.map((l) => [l.kind, l.entries])) };
  for (const kind of ["category", "status", "inclusion", "visit_rule", "visit_obligation"]) {
    lists[kind] = Object.fromEntries(lists.entries[kind].map((x) => [x.code, x.label]));
  }
  for (const select of form.querySelectorAll("select[data-enum]")) {
    fillSelect(select, lists.entries[select.dataset.enum]);
  }
  markRequired();
  linkSlots();
  form.addEventListener("input", refresh);
  form.addEventListener("change", refresh);
  form.addEventListener("focusout", (ev) => {
    const path = ev.target instanceof Element ? pathOf(ev.target) : undefined;
    if (path && !touched.has(path)) { touched.add(path); refresh(); }
  });
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    submitted = true;
    refresh();
    form.querySelector('[aria-invalid="true"]')?.focus();
  });
  document.getElementById("add_event").addEventListener("click", () => { addEventRow(); refresh(); });
  refresh();
  status.textContent = "Module chargé : chaque champ est vérifié dès qu'il est quitté.";
  status.className = "ready";
  document.body.dataset.ready = "true";
  await loadFull();
}

main().catch((err) => {
  status.textContent = `Le module n'a pas pu être chargé : ${err.message}`;
  document.body.dataset.ready = "error";
});
