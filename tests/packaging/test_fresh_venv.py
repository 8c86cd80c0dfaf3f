"""The README's install line brings what its example imports: in a fresh
virtual environment, the wheel the test run built, installed with the extra
the README names (``cme-pdp[pandas]``), runs the README's Python example as
written, from a folder outside the repository."""
import pathlib
import re
import subprocess
import sys
import venv

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_the_readme_example_runs_in_a_fresh_venv_with_the_extra_it_names(tmp_path):
    wheels = sorted((ROOT / "target" / "wheels" / "dist").glob("cme_pdp-*.whl"))
    assert wheels, "the test run builds the wheel before this test"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    # the install line the README gives for its examples
    assert 'pip install "cme-pdp[pandas]"' in readme
    venv.EnvBuilder(with_pip=True).create(tmp_path / "venv")
    python = tmp_path / "venv" / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                    f"{wheels[-1]}[pandas]"], check=True)
    block = re.findall(r"```python\n(.*?)```", readme, re.S)[0]
    script = tmp_path / "exemple.py"
    script.write_text(block, encoding="utf-8")
    run = subprocess.run([str(python), str(script)], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "| Indicateur |" in run.stdout
    # and the datasets come with the package, wherever it runs
    check = subprocess.run([str(python), "-c", "import cme; print(len(cme.datasets.aist43_bilan()['cases']))"],
                           cwd=tmp_path, capture_output=True, text=True)
    assert check.stdout.strip() == "103", check.stderr
    assert sys.version_info >= (3, 9)
