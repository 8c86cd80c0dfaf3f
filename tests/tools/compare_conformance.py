"""Compares the canonical outputs of the four runners
(target/conformance/{rust,python,node,uniffi}): the same files, byte for
byte. Any difference fails, with the first differing place of each file.

    python tests/tools/compare_conformance.py
"""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2] / "target" / "conformance"
RUNNERS = ["rust", "python", "node", "uniffi"]


def first_difference(a, b, path="$"):
    if type(a) is not type(b):
        return f"{path}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{path}.{k}: missing in one"
            d = first_difference(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if a == b else f"{path}: {json.dumps(a, ensure_ascii=False)[:80]} != {json.dumps(b, ensure_ascii=False)[:80]}"


def main() -> int:
    files = {r: {p.relative_to(ROOT / r).as_posix(): p for p in (ROOT / r).rglob("*.json")} for r in RUNNERS}
    reference = files["rust"]
    problems = []
    if len(reference) < 200:
        problems.append(f"only {len(reference)} vectors: at least 200 are expected")
    for r in RUNNERS[1:]:
        if set(files[r]) != set(reference):
            missing = sorted(set(reference) - set(files[r]))[:5]
            extra = sorted(set(files[r]) - set(reference))[:5]
            problems.append(f"{r}: missing {missing}, extra {extra}")
        for name, p in sorted(reference.items()):
            q = files[r].get(name)
            if q is None or q.read_bytes() == p.read_bytes():
                continue
            d = first_difference(json.loads(p.read_text(encoding="utf-8")), json.loads(q.read_text(encoding="utf-8")))
            problems.append(f"{r} differs from rust on {name}: {d or 'bytes (formatting)'}")
    for line in problems[:40]:
        print(line)
    print(f"conformance: {len(reference)} vectors x {len(RUNNERS)} runners, {len(problems)} difference(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
