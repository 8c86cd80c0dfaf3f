// The parts of a legal report that a vector's `expected` names: the same
// selection as the Rust (`select_legal`) and Python runners.
const snake = (k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The browser package's camelCase keys back to the core's snake_case. */
export const unCamel = (v, inParams = false) => {
  if (Array.isArray(v)) return v.map((x) => unCamel(x));
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [inParams ? k : snake(k), k === "params" ? unCamel(x, true) : unCamel(x)]));
  }
  return v;
};

const pick = (v) => (v === undefined ? null : v);

export function selectLegal(report, expected, absenceIndex) {
  const out = {};
  const absence = (report.absences ?? [])[absenceIndex] ?? {};
  for (const [key, want] of Object.entries(expected)) {
    if (key === "measures") {
      out[key] = {};
      for (const code of Object.keys(want)) {
        const m = (report.measures ?? []).find((x) => x.measure === code);
        out[key][code] = m ? pick(m.eligible) : "absente";
      }
    } else if (key === "absence") {
      out[key] = {};
      for (const k of Object.keys(want)) out[key][k] = pick((absence.absence ?? {})[k]);
    } else if (key === "error") {
      out[key] = null;
    } else {
      const o = key === "mi_carriere" ? (report.mi_carriere ?? {})
        : ((absence.outcomes ?? []).find((x) => x.rule === key) ?? {});
      out[key] = {};
      for (const k of Object.keys(want)) {
        if (k === "version") out[key][k] = pick((o.version ?? {}).id);
        else if (k === "dated_by") out[key][k] = (o.dated_by ?? []).map((d) => `${d.part}:${d.version.id}`);
        else if (k === "reasons") out[key][k] = (o.reasons ?? []).map((r) => r.code).filter((c) => want.reasons.includes(c));
        else out[key][k] = pick(o[k]);
      }
    }
  }
  return out;
}
