"""The example notebook runs from top to bottom (nbclient), its own asserts
included (AIST 43's bilan reproduced, nothing under the threshold published),
from a copy outside the repository: its data come with the package."""
import pathlib
import shutil

import nbclient
import nbformat

NOTEBOOK = pathlib.Path(__file__).resolve().parents[2] / "examples" / "bilan_aist43.ipynb"


def test_the_example_notebook_runs_from_a_copy_elsewhere(tmp_path):
    copy = tmp_path / "ailleurs" / NOTEBOOK.name
    copy.parent.mkdir()
    shutil.copy(NOTEBOOK, copy)
    nb = nbformat.read(copy, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(copy.parent)}})
    client.execute()
    out = NOTEBOOK.parents[1] / "target" / "python"
    out.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out / "bilan_aist43.executed.ipynb")
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs)
    assert "Bilan de l'AIST 43 reproduit." in text
    # the export read: three problems, each at its line
    assert "Fichier lu en windows-1252, séparateur « ; » : 50 lignes, 47 dossiers valides, 3 lignes refusées." in text
    assert "bilan_regional.xlsx" in text
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 3
