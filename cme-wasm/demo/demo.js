// The demo form: live validation at each field and the evaluation panel.
// Every rule runs in the cme core (WebAssembly); this file only reads the
// form into a case, places each issue at its field (by its path) and shows
// the evaluation. Values are written with textContent, never as HTML.
import init, { validate, evaluate, codeLists, presetCodes, preset, CmeError } from "../pkg/cme.js";

const form = document.getElementById("fiche");
const status = document.getElementById("status");
const asOfInput = document.getElementById("as_of");
const eventsBody = document.querySelector("#events tbody");
let lists = {};

function el(tag, text, attrs = {}) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function fillSelect(select, entries, empty = true) {
  select.replaceChildren();
  if (empty) select.append(el("option", "—", { value: "" }));
  for (const { code, label } of entries) select.append(el("option", label, { value: code }));
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

function showIssues(issues) {
  for (const slot of form.querySelectorAll("[data-error-for]")) slot.replaceChildren();
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  const general = document.getElementById("general_issues");
  general.replaceChildren();
  for (const issue of issues) {
    const line = el("span", issue.message, { "data-code": issue.code, "data-issue-path": issue.path, lang: "fr" });
    const slot = slotFor(issue.path);
    if (slot) {
      if (slot.childNodes.length) slot.append(el("br"));
      slot.append(line);
      const input = form.querySelector(`:is(input, select)[data-path="${CSS.escape(issue.path)}"]`)
        || form.querySelector(`[data-event-path="${CSS.escape(issue.path)}"]`);
      if (input) input.setAttribute("aria-invalid", "true");
    } else {
      const li = el("li");
      li.append(el("code", issue.path || "(dossier)"), " : ", line);
      general.append(li);
    }
  }
}

function showEvaluation(e) {
  const state = document.getElementById("eval_state");
  const show = (id, on) => { document.getElementById(id).hidden = !on; };
  if (!e) {
    ["eval_summary", "visits_title", "visits", "alerts_title", "eval_text_box"].forEach((id) => show(id, false));
    document.getElementById("alerts").replaceChildren();
    return;
  }
  state.textContent = `Évaluation au ${e.asOf} selon la politique « ${e.policy.name} ».`;
  const stage = e.stage.value;
  document.getElementById("eval_stage").textContent =
    stage.serviceLabel ? `${stage.label} (${stage.serviceLabel}), depuis le ${stage.since}` : `${stage.label}, depuis le ${stage.since}`;
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
    tr.append(el("td", lists.visit_rule[o.rule]), el("td", lists.visit_obligation[o.obligation], { "data-obligation": o.obligation }),
      el("td", o.due ?? "—"),
      el("td", [...new Set(o.sources.map((s) => s.version ? `${s.reference} (version du ${s.version})` : s.reference))].join(" ; ")));
    tbody.append(tr);
  }
  const alerts = document.getElementById("alerts");
  alerts.replaceChildren(...e.alerts.map((a) => el("li", a.text, { "data-code": a.code })));
  document.getElementById("eval_text").textContent = e.textFr;
  show("eval_summary", true); show("visits_title", outcomes.length > 0); show("visits", outcomes.length > 0);
  show("alerts_title", e.alerts.length > 0); show("eval_text_box", true);
}

function refresh() {
  const asOf = asOfInput.value || undefined;
  const c = readCase();
  let issues;
  try {
    issues = validate(c, asOf);
    document.querySelector('[data-error-for="as_of"]').replaceChildren();
  } catch (err) {
    if (!(err instanceof CmeError)) throw err;
    document.querySelector('[data-error-for="as_of"]').textContent = err.message;
    return;
  }
  showIssues(issues);
  const state = document.getElementById("eval_state");
  if (issues.length > 0 || !asOf) {
    state.textContent = `${issues.length} problème(s) à corriger avant l'évaluation.`;
    showEvaluation(null);
    form.dataset.valid = "false";
    return;
  }
  try {
    showEvaluation(evaluate(c, c.service, asOf));
    form.dataset.valid = "true";
  } catch (err) {
    if (!(err instanceof CmeError)) throw err;
    state.textContent = err.message;
    showEvaluation(null);
    form.dataset.valid = "false";
  }
}

function addEventRow(type = "contact", date = "") {
  const i = eventsBody.rows.length;
  const tr = el("tr");
  const select = el("select", undefined, { "aria-label": `Étape ${i + 1}`, "data-event-path": `events[${i}].type` });
  fillSelect(select, lists.entries.event_type, false);
  select.value = type;
  const input = el("input", undefined, { type: "date", "aria-label": `Date de l'étape ${i + 1}`, "data-event-path": `events[${i}].date` });
  input.value = date;
  const remove = el("button", "Retirer", { type: "button" });
  remove.addEventListener("click", () => { tr.remove(); renumber(); refresh(); });
  const tdType = el("td"); tdType.append(select);
  const tdDate = el("td"); tdDate.append(input, el("p", undefined, { class: "error", "data-error-for": `events[${i}].date` }));
  const tdRm = el("td"); tdRm.append(remove, el("p", undefined, { class: "error", "data-error-for": `events[${i}]` }));
  tr.append(tdType, tdDate, tdRm);
  eventsBody.append(tr);
}

function renumber() {
  [...eventsBody.rows].forEach((tr, i) => {
    tr.querySelector("select").dataset.eventPath = `events[${i}].type`;
    tr.querySelector("input").dataset.eventPath = `events[${i}].date`;
    const [dateSlot, rowSlot] = tr.querySelectorAll("p.error");
    dateSlot.dataset.errorFor = `events[${i}].date`;
    rowSlot.dataset.errorFor = `events[${i}]`;
  });
}

async function main() {
  await init({ module_or_path: new URL("../pkg/core_bg.wasm", import.meta.url) });
  const all = codeLists();
  lists = { entries: Object.fromEntries(all.map((l) => [l.kind, l.entries])) };
  for (const kind of ["category", "status", "inclusion", "visit_rule", "visit_obligation"]) {
    lists[kind] = Object.fromEntries(lists.entries[kind].map((x) => [x.code, x.label]));
  }
  for (const select of form.querySelectorAll("select[data-enum]")) {
    fillSelect(select, lists.entries[select.dataset.enum]);
  }
  fillSelect(document.getElementById("service"),
    presetCodes().map((code) => ({ code, label: preset(code).name })));
  form.addEventListener("input", refresh);
  form.addEventListener("change", refresh);
  document.getElementById("add_event").addEventListener("click", () => { addEventRow(); refresh(); });
  refresh();
  status.textContent = "Module chargé : la fiche est vérifiée à chaque saisie.";
  status.className = "ready";
  document.body.dataset.ready = "true";
}

main().catch((err) => {
  status.textContent = `Le module n'a pas pu être chargé : ${err.message}`;
  document.body.dataset.ready = "error";
});
