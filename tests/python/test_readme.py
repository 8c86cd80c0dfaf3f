"""The README's first Python snippet (the pyo3 package) runs as written."""
import pathlib
import re

README = pathlib.Path(__file__).resolve().parents[2] / "README.md"


def test_readme_python_snippet_runs():
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert blocks, "no python snippet in the README"
    exec(compile(blocks[0], "README.md", "exec"), {})


def test_the_python_package_readme_snippet_runs():
    readme = pathlib.Path(__file__).resolve().parents[2] / "cme-py" / "README.md"
    blocks = re.findall(r"```python\n(.*?)```", readme.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 1, "one python snippet expected in cme-py/README.md"
    exec(compile(blocks[0], "cme-py/README.md", "exec"), {})
