"""Writes cme-core/data/export_fr.csv, the dataset `cme.datasets.export_fr()`:
the bundled sample's one-row cases as an SST software would export them
(French headers of the built-in profile `fr`, `;`, jj/mm/aaaa, oui/non,
French labels, Windows-1252, CRLF), with a column of placeholder names and
three rows made bad on purpose (rows 3, 7 and 10: an impossible date, a
year of birth in words, four fields only).

    python scripts/make_export_fr.py      # with the package installed
"""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "python"))

import test_read_csv  # noqa: E402  (the writer of the tests' exports)

profile = json.loads((ROOT / "cme-core/src/export/profiles/fr.json").read_text(encoding="utf-8"))
headers = {}
for header, column in profile["columns"].items():
    headers.setdefault(column, header)
test_read_csv.FR = headers
data, _ = test_read_csv.french_export()
(ROOT / "cme-core/data/export_fr.csv").write_bytes(data)
print(len(data), "bytes")
