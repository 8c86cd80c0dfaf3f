"""The README's first Python snippet (the pyo3 package) runs as written."""
import pathlib
import re

README = pathlib.Path(__file__).resolve().parents[2] / "README.md"


def test_readme_python_snippet_runs():
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert blocks, "no python snippet in the README"
    exec(compile(blocks[0], "README.md", "exec"), {})
