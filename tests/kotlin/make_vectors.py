"""Writes the validation and pathway vectors as tab-separated lines that the
Kotlin test reads without a JSON library:
name, as_of, expected, input JSON (one line); and the Kotlin snippet of
docs/embedding.md, as written there, as DocSnippet.kt (its `main` renamed
`docSnippet`, which Embedding.kt calls): the documentation's own text is
compiled and run, not a copy of it."""
import re
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
out = pathlib.Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)

with open(out / "validation.tsv", "w", encoding="utf-8") as f:
    for p in sorted((ROOT / "tests/vectors/validation").glob("*.json")):
        v = json.loads(p.read_text(encoding="utf-8"))
        text = v["input_json"] if "input_json" in v else json.dumps(v["input"], ensure_ascii=False)
        expected = ",".join(sorted(f'{i["code"]}@{i["path"]}' for i in v["expected"]))
        f.write("\t".join([v["name"], v.get("as_of") or "", expected, text.replace("\t", " ").replace("\n", " ")]) + "\n")

with open(out / "pathway.tsv", "w", encoding="utf-8") as f:
    for p in sorted((ROOT / "tests/vectors/pathway").glob("*.json")):
        v = json.loads(p.read_text(encoding="utf-8"))
        exp = v["expected"]
        expected = ",".join(f"{k}={exp[k]}" for k in ("stage", "status") if k in exp)
        f.write("\t".join([v["name"], v["as_of"], expected, json.dumps(v["policy"]), json.dumps(v["input"], ensure_ascii=False)]) + "\n")

doc = (ROOT / "docs/embedding.md").read_text(encoding="utf-8")
blocks = re.findall(r"```kotlin\n(.*?)```", doc, flags=re.S)
assert len(blocks) == 1, f"docs/embedding.md: one Kotlin snippet expected, found {len(blocks)}"
snippet = blocks[0]
assert snippet.count("fun main()") == 1, "the Kotlin snippet of docs/embedding.md must have one `fun main()`"
(out / "DocSnippet.kt").write_text(
    "// Extracted from docs/embedding.md by tests/kotlin/make_vectors.py.\n"
    + snippet.replace("fun main()", "fun docSnippet()"),
    encoding="utf-8",
)
