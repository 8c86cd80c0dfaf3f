"""Checks the three packages a vendor ships, as built by the test run:

    check_packages.py crate target/package/cme-pdp-0.1.0.crate
    check_packages.py wheel target/wheels/dist/cme_pdp-0.1.0-cp39-abi3-*.whl
    check_packages.py sdist target/wheels/dist/cme_pdp-0.1.0.tar.gz
    check_packages.py npm   target/npm/cme-pdp-0.1.0.tgz

Each must carry its name (cme-pdp everywhere), a real description, the
licence expression and both licence texts identical to the repository's,
its README, and no placeholder URL; the wheel must be abi3 for Python 3.9+,
the npm package must ship its types. Exits non-zero with every problem.
"""
import email
import io
import json
import pathlib
import sys
import tarfile
import tomllib
import zipfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
NAME = "cme-pdp"
LICENCE = "MIT OR Apache-2.0"
LICENCES = {n: (ROOT / n).read_bytes() for n in ("LICENSE-MIT", "LICENSE-APACHE")}
PLACEHOLDERS = ("example.invalid", "example.com", "TODO", "FIXME")


class Package:
    def __init__(self, kind, path):
        self.kind, self.path, self.problems = kind, pathlib.Path(path), []
        if self.path.suffix == ".whl":
            z = zipfile.ZipFile(self.path)
            self.files = {n: (lambda n=n: z.read(n)) for n in z.namelist()}
        else:
            t = tarfile.open(self.path)
            self.files = {m.name: (lambda m=m: t.extractfile(m).read()) for m in t.getmembers() if m.isfile()}

    def need(self, ok, what):
        if not ok:
            self.problems.append(what)

    def one(self, suffix):
        found = [n for n in self.files if n.endswith(suffix)]
        self.need(len(found) == 1, f"one file ending in {suffix!r} expected, found {found}")
        return self.files[found[0]]() if len(found) == 1 else b""

    def licences(self, prefix=""):
        for name, text in LICENCES.items():
            found = [n for n in self.files if n.endswith(name) and n.startswith(prefix)]
            self.need(found, f"{name} missing")
            for n in found:
                self.need(self.files[n]() == text, f"{n} differs from the repository's {name}")

    def no_placeholder(self, label, text):
        for p in PLACEHOLDERS:
            self.need(p not in text, f"{label} contains the placeholder {p!r}")


def check_crate(pkg):
    manifest = tomllib.loads(pkg.one("/Cargo.toml").decode())
    p = manifest["package"]
    pkg.need(p["name"] == NAME, f"crate name {p['name']}")
    pkg.need(len(p.get("description", "")) > 40, "crate description")
    pkg.need(p.get("license") == LICENCE, f"crate licence {p.get('license')}")
    pkg.need(p.get("rust-version"), "crate rust-version")
    pkg.need(p.get("readme") == "README.md", "crate readme")
    pkg.need(p.get("documentation", "").startswith("https://docs.rs/"), "crate documentation")
    pkg.need(1 <= len(p.get("keywords", [])) <= 5, "crate keywords (1 to 5)")
    pkg.need(p.get("categories"), "crate categories")
    pkg.need("schema" not in manifest.get("features", {}).get("default", []), "schema in the default features")
    pkg.need(b"cme_pdp" in pkg.one("/README.md"), "crate README")
    pkg.licences()
    pkg.no_placeholder("Cargo.toml", json.dumps(manifest))


def check_wheel(pkg):
    pkg.need("-cp39-abi3-" in pkg.path.name, f"wheel {pkg.path.name} is not abi3 for Python 3.9+")
    meta = email.message_from_bytes(pkg.one(".dist-info/METADATA"))
    pkg.need(meta["Name"] == NAME, f"distribution name {meta['Name']}")
    pkg.need(meta.get("License-Expression") == LICENCE, f"licence {meta.get('License-Expression')}")
    pkg.need(meta.get("Requires-Python") == ">=3.9", "Requires-Python")
    pkg.need(meta.get("Description-Content-Type", "").startswith("text/markdown"), "README content type")
    pkg.need("pip install cme-pdp" in (meta.get_payload() or ""), "the README as long description")
    pkg.need(any(n.startswith("cme/") and n.endswith("__init__.py") for n in pkg.files), "the module cme")
    pkg.need(any(n.startswith("cme/_cme") for n in pkg.files), "the compiled extension cme/_cme")
    pkg.need(any(n.endswith("py.typed") for n in pkg.files), "py.typed")
    pkg.licences()
    pkg.no_placeholder("METADATA", meta.as_string())


def check_sdist(pkg):
    pyproject = tomllib.loads(pkg.one("/pyproject.toml").decode())
    pkg.need(pyproject["project"]["name"] == NAME, "sdist project name")
    meta = email.message_from_bytes(pkg.one("/PKG-INFO"))
    pkg.need(meta["Name"] == NAME, f"sdist name {meta['Name']}")
    # The Rust sources of the core travel with it: pip can build from it.
    pkg.need(any(n.endswith("cme-core/src/lib.rs") for n in pkg.files), "the core's sources")
    pkg.need(any(n.endswith("cme-core/policies/aist43.json") for n in pkg.files), "the presets")
    pkg.licences()
    pkg.no_placeholder("PKG-INFO", meta.as_string())


def check_npm(pkg):
    manifest = json.loads(pkg.one("package/package.json"))
    pkg.need(manifest["name"] == NAME, f"npm name {manifest['name']}")
    pkg.need(manifest.get("license") == LICENCE, "npm licence")
    pkg.need(len(manifest.get("description", "")) > 40, "npm description")
    pkg.need(manifest.get("types") == "cme.d.ts", "npm types")
    for f in ("cme.js", "cme.d.ts", "core_bg.wasm", "case.d.ts", "README.md",
              "form.js", "form.d.ts", "form_core.js", "form_bg.wasm", "runtime.js", "runtime.d.ts", "codes.d.ts"):
        pkg.need(f"package/{f}" in pkg.files, f"npm file {f}")
    pkg.need(b'from "cme-pdp"' in pkg.files.get("package/README.md", lambda: b"")(), "npm README imports cme-pdp")
    pkg.licences("package/")
    pkg.no_placeholder("package.json", json.dumps(manifest))


def main(kind, *paths):
    checks = {"crate": check_crate, "wheel": check_wheel, "sdist": check_sdist, "npm": check_npm}
    if len(paths) != 1:
        sys.exit(f"{kind}: one package expected, got {list(paths)}")
    pkg = Package(kind, paths[0])
    checks[kind](pkg)
    if pkg.problems:
        sys.exit(f"{pkg.path.name}:\n  " + "\n  ".join(pkg.problems))
    print(f"{kind} {pkg.path.name}: {len(pkg.files)} files, metadata and licences checked")


if __name__ == "__main__":
    main(*sys.argv[1:])
