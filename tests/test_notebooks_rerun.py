"""Rerun safety: every notebook, run top to bottom and then every cell again in the same
kernel, gives the same checked outputs and byte-identical files, and loses or duplicates no
human decision.

Each notebook runs against a copy of the project (``ACCORDS_PROJECT_DIR``), so the test
sees exactly what the notebook writes and never touches the checkout. A cell whose output may
legitimately change between runs says so with a ``# RERUN_MAY_DIFFER: <reason>`` line; its
output is then not compared (its files still are).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from accords import paths

ROOT = paths.project_root()
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
# the notebooks that load the agreement datasets (from ../shared/data; tests never download)
DATASET_NOTEBOOKS = ("03-load-agreement-datasets.ipynb", "05-chart-defence-ties.ipynb",
                     "06-collect-news.ipynb",
                     "07-a-corpus-at-scale.ipynb")
MAY_DIFFER = "# RERUN_MAY_DIFFER:"
CHECKED = "# NBVAL_CHECK_OUTPUT"
CHECKED_TAG = "nbval-check-output"  # the cell tag nbval reads, as the comment above


def _copy_project(target: Path) -> Path:
    for name in ("data", "notebooks"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy2(ROOT / "pyproject.toml", target / "pyproject.toml")
    return target


def _files(root: Path) -> dict[str, str]:
    out = {}
    for folder in ("data", "reports"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                out[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def _human_decisions(root: Path) -> list[str]:
    decisions = []
    for path in sorted((root / "data" / "annotations").glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        for span in document.get("spans", []):
            if span.get("origin") == "human":
                decisions.append(json.dumps(span, sort_keys=True, ensure_ascii=False))
    return sorted(decisions)


def _text_outputs(cell) -> list[str]:
    """What a reader sees as text: stdout (joined: the kernel may split it into chunks
    differently on each run), plain-text, Markdown and HTML results (but not figures) and
    errors. stderr is left out: Python shows
    a warning once per process, not once per run."""
    texts = []
    stdout = "".join(o.get("text", "") for o in cell.get("outputs", [])
                     if o.get("output_type") == "stream" and o.get("name") == "stdout")
    if stdout:
        texts.append(stdout)
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            texts.append(f"ERROR {output.get('ename')}: {output.get('evalue')}")
        elif "text/plain" in output.get("data", {}) and "image/png" not in output["data"]:
            if "<img " in output["data"].get("text/html", ""):
                continue  # a figure: its pixels may differ by a rounding, its files may not
            texts.extend(output["data"][m] for m in ("text/plain", "text/markdown",
                                                      "text/html") if m in output["data"])
    return texts


def _errors(nb) -> list[str]:
    return [f"cell {i}: {o.get('ename')}: {o.get('evalue')}"
            for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
            for o in cell.get("outputs", []) if o.get("output_type") == "error"]


def rerun_problems(notebook: Path, tmp_path: Path) -> list[str]:
    """Run ``notebook`` twice in one kernel against a copy of the project; list what changed."""
    project = _copy_project(tmp_path / "project")
    if not (project / "notebooks" / notebook.name).exists():
        shutil.copy2(notebook, project / "notebooks" / notebook.name)
    before_humans = _human_decisions(project)
    env = {**os.environ, "ACCORDS_PROJECT_DIR": str(project),
           "ACCORDS_DATA_DIR": str(tmp_path / "datasets"), "MPLBACKEND": "agg"}
    shared = paths.shared_dir()
    if shared is not None:  # the copy has no ../shared beside it: point at the real one
        env["ACCORDS_SHARED_DIR"] = str(shared)
    nb = nbformat.read(project / "notebooks" / notebook.name, as_version=4)
    client = NotebookClient(nb, timeout=900, kernel_name="python3",
                            resources={"metadata": {"path": str(project / "notebooks")}})
    code_cells = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    runs = []
    with client.setup_kernel(env=env):
        for _ in range(2):
            for index, cell in code_cells:
                client.execute_cell(cell, index)
            if _errors(nb):
                return _errors(nb)
            runs.append(({i: _text_outputs(c) for i, c in code_cells}, _files(project),
                          _human_decisions(project)))
    (out1, files1, humans1), (out2, files2, humans2) = runs
    problems = []
    for index, cell in code_cells:
        checked = CHECKED in cell.source or CHECKED_TAG in cell.metadata.get("tags", [])
        if checked and MAY_DIFFER not in cell.source and out1[index] != out2[index]:
            problems.append(f"cell {index}: checked output changed on rerun")
            print(f"cell {index} first run:", out1[index], "second run:", out2[index], sep="\n")
    for name in sorted(set(files1) | set(files2)):
        if files1.get(name) != files2.get(name):
            problems.append(f"{name}: changed on rerun")
    if humans1 != humans2:
        problems.append("human decisions changed on rerun")
    if not set(before_humans) <= set(humans2):
        problems.append("a human decision was lost")
    if len(humans2) != len(set(humans2)):
        problems.append("a human decision was duplicated")
    return problems


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_rerunning_every_cell_changes_nothing(notebook, tmp_path):
    shared = paths.shared_dir()
    if notebook.name in DATASET_NOTEBOOKS and (shared is None
                                               or not (shared / "data").is_dir()):
        pytest.skip("needs the dataset files of ../shared/data (DCAD, ATOP, COW); tests "
                    "never download them — lay ../shared beside the project or set "
                    "ACCORDS_SHARED_DIR")
    assert rerun_problems(notebook, tmp_path) == []


def test_the_check_catches_a_notebook_that_appends_on_every_run(tmp_path):
    bad = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "# NBVAL_CHECK_OUTPUT\n"
        "from accords import paths\n"
        "log = paths.data_dir() / 'log.txt'\n"
        "with log.open('a') as f:\n"
        "    f.write('run\\n')\n"
        "print(len(log.read_text().splitlines()))")])
    bad.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                  "language": "python"}
    path = tmp_path / "99-bad.ipynb"
    nbformat.write(bad, path)
    assert rerun_problems(path, tmp_path / "run") == [
        "cell 0: checked output changed on rerun", "data/log.txt: changed on rerun"]
