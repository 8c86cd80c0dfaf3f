#!/usr/bin/env python3
"""The minimum supported Rust version of the published crate, from its
dependencies: the highest `rust-version` declared by any package that
building the library with all its features needs (normal and build
dependencies, as locked in Cargo.lock; dev-dependencies are not needed to
use the crate). Compares it with the workspace's declared `rust-version`.

    scripts/msrv.py                  # every workspace member; fails if one declares too low
    scripts/msrv.py --crate cme-py   # one member
    scripts/msrv.py --print          # the published crate's declared version (for rustup)

A dependency that declares no `rust-version` cannot be judged from its
metadata: they are listed, and the test run also builds the crate with the
declared toolchain (run-tests.sh), which is the real check.
"""
import json
import subprocess
import sys

CRATE = "cme-pdp"  # the published crate; another workspace member with --crate NAME


def version_key(v):
    return tuple(int(p) for p in v.split(".")) + (0,) * (3 - len(v.split(".")))


def main():
    meta = json.loads(subprocess.check_output(
        ["cargo", "metadata", "--format-version", "1", "--all-features", "--locked"]))
    if "--crate" in sys.argv:
        crates = [sys.argv[sys.argv.index("--crate") + 1]]
    elif "--print" in sys.argv:
        crates = [CRATE]
    else:
        crates = [p["name"] for p in meta["packages"] if p["id"] in meta["workspace_members"]]
    failed = [c for c in crates if not check(meta, c)]
    if failed:
        sys.exit(f"rust-version too low: {', '.join(failed)}")


def check(meta, crate):
    packages = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    root = next(p["id"] for p in meta["packages"] if p["name"] == crate and p["source"] is None)
    declared = packages[root]["rust_version"]
    seen, stack = set(), [root]
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        for dep in nodes[pid]["deps"]:
            kinds = {k["kind"] for k in dep["dep_kinds"]}
            if kinds & {None, "build"}:
                stack.append(dep["pkg"])
    seen.discard(root)
    versions = [(packages[p]["rust_version"], packages[p]["name"], packages[p]["version"])
                for p in seen if packages[p]["rust_version"]]
    unknown = sorted(f'{packages[p]["name"]} {packages[p]["version"]}' for p in seen if not packages[p]["rust_version"])
    need, name, ver = max(versions, key=lambda t: version_key(t[0]))
    if "--print" in sys.argv:
        print(declared)
        return True
    print(f"{crate}: declared rust-version {declared}; its {len(seen)} dependencies need at least "
          f"{need} ({name} {ver})")
    if unknown:
        print(f"  declaring none ({len(unknown)}): {', '.join(unknown)}")
    if version_key(declared) < version_key(need):
        print(f"  {crate}: rust-version {declared} is lower than what {name} {ver} needs ({need})")
        return False
    return True


if __name__ == "__main__":
    main()
