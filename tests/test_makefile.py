"""The two README commands: `make test` does not reinstall on a ready machine; `make lab`
opens JupyterLab on the notebooks."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]  # the checkout (tests run on a copy of its data)
pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def dry_run(target: str) -> str:
    return subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout


def test_a_ready_environment_is_not_reinstalled():
    stamp = ROOT / ".venv" / ".accords-installed"
    if not stamp.exists() or stamp.stat().st_mtime < (ROOT / "pyproject.toml").stat().st_mtime:
        pytest.skip("the environment is not set up by `make` here (run `make test` first)")
    plan = dry_run("test")
    assert "pip install" not in plan and "-m venv" not in plan
    assert "ruff check" in plan and "pytest" in plan


def test_lab_opens_jupyterlab_on_the_notebooks_folder():
    plan = dry_run("lab")
    assert "jupyter lab --notebook-dir=notebooks" in plan


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in ci.splitlines()[-1]
    assert "make test" in readme.split("\n## ", 1)[0]
    assert "make lab" in readme.split("\n## ", 1)[0]
