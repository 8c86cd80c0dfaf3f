"""Planted faults in the flow kernel (cme-core/src/table/columnar.rs): each
is written into the source in turn, the kernel's property test is run, and
the source restored. The test must fail on every one.

    python3 scripts/plant-faults-columnar.py [--dry-run]

--dry-run only checks that each fault's text is found once in the source.
"""
import pathlib
import subprocess
import sys

SOURCE = pathlib.Path(__file__).resolve().parents[1] / "cme-core" / "src" / "table" / "columnar.rs"

# (what the fault does, the text of the source, the text planted instead)
FAULTS = [

 ("exit after the period's end counted", "f.exit.filter(|(d, _)| inside(*d))", "f.exit.filter(|(d, _)| *d >= start)"),
 ("contact after the exit accepted", "contact.is_some_and(|c| c > x)", "contact.is_some_and(|c| c > x + 1)"),
 ("refusal not left to the rules", "if self.date(&self.refusal, j)?.is_some() || self.date(&self.reopening, j)?.is_some() {", "if self.date(&self.reopening, j)?.is_some() {"),
 ("re-opening not left to the rules", "if self.date(&self.refusal, j)?.is_some() || self.date(&self.reopening, j)?.is_some() {", "if self.date(&self.refusal, j)?.is_some() {"),
 ("evaluation date bound moved", "Some(d) if d > self.as_of => None,", "Some(d) if d > self.as_of + 1 => None,"),
 ("id not checked", "Cell::Text(id) if is_identifier(id, limits::MAX_ID_LEN) => {}", "Cell::Text(_) => {}"),
 ("pre-reprise counts reprise", "if f.source_visit == SourceVisit::PreReprise {", "if matches!(f.source_visit, SourceVisit::PreReprise | SourceVisit::Reprise) {"),
 ("exit without result counted as no exit", "            // an exit without its result, a result without its date\n            _ => return None,", "            _ => None,"),
 ("contact before signalement accepted", "if contact.is_some_and(|c| c < signalement) {", "if contact.is_some_and(|c| c < signalement - 1) {"),
 ("years bound moved", "let first = day_number(NaiveDate::from_ymd_opt(limits::MIN_YEAR, 1, 1)?);", "let first = day_number(NaiveDate::from_ymd_opt(limits::MIN_YEAR - 1000, 1, 1)?);"),
 ("service not checked", "self.service_ok.get(known(self.service.at(j)?)?)?.as_ref()?;", "let _ = self.service.at(j)?;"),
 ("sector section not checked", "if nomenclature.sections().contains(section) =>", "if !section.is_empty() =>"),
 ("exit delay off by one", "c.delai_sortie.1 += days(x);", "c.delai_sortie.1 += days(x) + 1;"),
 ("unknown column ignored", "let facts = if unknown {", "let facts = if false && unknown {"),
 ("period end excluded", "let inside = |d: i32| (start..=end).contains(&d);", "let inside = |d: i32| (start..end).contains(&d);"),
 ("risk exits not counted for reprise", "c.sorties_a_risque += 1;", "c.sorties_a_risque += usize::from(f.source_visit != SourceVisit::Reprise) as u64;"),
("view ids not checked", "if !is_identifier_bytes(text, limits::MAX_ID_LEN) {", "if text.is_empty() {"),
 ("long view read at the wrong place", "let (buffer, offset) = (word(8)?, word(12)?);", "let (buffer, offset) = (word(8)?, word(12)? + 1);"),
 ("view validity ignored", "                if valid.is_some_and(|v| !v.get(j)) {\n                    return None;\n                }", ""),
]


def main() -> int:
    original = SOURCE.read_text(encoding="utf-8")
    missing = [name for name, a, _ in FAULTS if original.count(a) != 1]
    if missing:
        print("not found once in the source:", ", ".join(missing))
        return 1
    if "--dry-run" in sys.argv:
        print(f"{len(FAULTS)} faults found in the source")
        return 0
    missed = []
    try:
        for name, a, b in FAULTS:
            SOURCE.write_text(original.replace(a, b), encoding="utf-8")
            run = subprocess.run(["cargo", "test", "-q", "-p", "cme-pdp", "--lib", "columnar"],
                                 capture_output=True, text=True)
            caught = run.returncode != 0
            print(f"{'caught' if caught else 'MISSED'}: {name}", flush=True)
            if not caught:
                missed.append(name)
    finally:
        SOURCE.write_text(original, encoding="utf-8")
    print(f"{len(FAULTS) - len(missed)} of {len(FAULTS)} faults caught")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
