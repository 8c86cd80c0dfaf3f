"""The package checker catches what it is for: faults planted in copies of
packages (a wrong name, a licence text changed, a placeholder URL, a
missing README, a wheel that is not abi3). Run by pytest in the test run."""
import io
import json
import pathlib
import subprocess
import sys
import tarfile
import zipfile

import pytest

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CHECK = HERE / "check_packages.py"
MIT = (ROOT / "LICENSE-MIT").read_bytes()
APACHE = (ROOT / "LICENSE-APACHE").read_bytes()


def tgz(path, files):
    with tarfile.open(path, "w:gz") as t:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    return path


def npm_files(**change):
    manifest = {"name": "cme-pdp", "license": "MIT OR Apache-2.0", "types": "cme.d.ts",
                "description": "Validation of cases of the French cellules de maintien en emploi"}
    manifest.update(change.pop("manifest", {}))
    files = {"package/package.json": json.dumps(manifest).encode(), "package/cme.js": b"",
             "package/cme.d.ts": b"", "package/core_bg.wasm": b"", "package/case.d.ts": b"",
             "package/form.js": b"", "package/form.d.ts": b"", "package/form_core.js": b"",
             "package/form_bg.wasm": b"", "package/runtime.js": b"", "package/runtime.d.ts": b"",
             "package/codes.d.ts": b"",
             "package/README.md": b'import init from "cme-pdp";', "package/LICENSE-MIT": MIT,
             "package/LICENSE-APACHE": APACHE}
    files.update(change.pop("files", {}))
    for name in change.pop("drop", []):
        del files[name]
    return files


def run(kind, path):
    return subprocess.run([sys.executable, str(CHECK), kind, str(path)], capture_output=True, text=True)


def test_a_good_npm_package_passes(tmp_path):
    r = run("npm", tgz(tmp_path / "cme-pdp-0.1.0.tgz", npm_files()))
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("fault, message", [
    ({"manifest": {"name": "cme-wasm"}}, "npm name cme-wasm"),
    ({"manifest": {"repository": "https://example.invalid/cme"}}, "placeholder"),
    ({"files": {"package/LICENSE-MIT": MIT.replace(b"MIT", b"XYZ")}}, "differs"),
    ({"drop": ["package/LICENSE-APACHE"]}, "LICENSE-APACHE missing"),
    ({"drop": ["package/README.md"]}, "README.md"),
    ({"drop": ["package/cme.d.ts"]}, "cme.d.ts"),
    ({"drop": ["package/form_bg.wasm"]}, "form_bg.wasm"),
])
def test_a_planted_fault_in_an_npm_package_is_caught(tmp_path, fault, message):
    r = run("npm", tgz(tmp_path / "cme-pdp-0.1.0.tgz", npm_files(**fault)))
    assert r.returncode != 0 and message in r.stderr, r.stderr


def test_a_wheel_that_is_not_abi3_is_caught(tmp_path):
    path = tmp_path / "cme_pdp-0.1.0-cp311-cp311-linux_x86_64.whl"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("cme_pdp-0.1.0.dist-info/METADATA", "Name: cme-pdp\nLicense-Expression: MIT OR Apache-2.0\n")
    r = run("wheel", path)
    assert r.returncode != 0 and "abi3" in r.stderr, r.stderr


def test_a_crate_with_schema_by_default_and_no_readme_is_caught(tmp_path):
    manifest = b'''[package]
name = "cme-pdp"
description = "Rules of the French cellules de maintien en emploi (cellule PDP)"
license = "MIT OR Apache-2.0"
rust-version = "1.88"
documentation = "https://docs.rs/cme-pdp"
keywords = ["a"]
categories = ["science"]
[features]
default = ["schema"]
'''
    path = tgz(tmp_path / "cme-pdp-0.1.0.crate", {"cme-pdp-0.1.0/Cargo.toml": manifest, "cme-pdp-0.1.0/README.md": b"cme_pdp",
                                                  "cme-pdp-0.1.0/LICENSE-MIT": MIT, "cme-pdp-0.1.0/LICENSE-APACHE": APACHE})
    r = run("crate", path)
    assert r.returncode != 0 and "schema in the default features" in r.stderr and "crate readme" in r.stderr, r.stderr
