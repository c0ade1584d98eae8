"""Notebook 05 follows its parameters everywhere: run with other countries, no output (tables,
sentences, alt text, figure names) mentions the reference case, Russia and Central Asia.

Each run injects new parameters after the cell tagged ``parameters`` (as papermill does) and
executes the notebook against a copy of the project, so the checkout's figures are untouched.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from accords import paths

ROOT = paths.project_root()
NOTEBOOK = ROOT / "notebooks" / "05-chart-defence-ties.ipynb"
# words that only the reference case (Russia, Central Asia, the seed article) would put there
REFERENCE = ["Russia", "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan",
             "Россия", "Казахстан", "RUS", "KAZ", "KGZ", "TJK", "TKM", "UZB", "seed-it-001",
             "Moscow", "-rus-", "-kaz-"]
CASES = {
    "france-sahel": ({"COUNTRY": "France",
                      "PARTNERS": ["Senegal", "Côte d'Ivoire", "Mali", "Niger", "Chad"]},
                     ["France", "Senegal", "Niger"], "fra-sen-civ-mli-ner-tcd"),
    "usa-gulf": ({"COUNTRY": "United States",
                  "PARTNERS": ["Saudi Arabia", "Kuwait", "Qatar", "Bahrain",
                               "United Arab Emirates", "Oman"]},
                 ["United States", "Saudi Arabia", "Oman"], "usa-sau-kwt-qat-bhr-are-omn"),
}
DATA_URI = re.compile(r"data:image/[a-z+]+;base64,[A-Za-z0-9+/=]+")


def _needs_datasets():
    shared = paths.shared_dir()
    if shared is None or not (shared / "data").is_dir():
        pytest.skip("needs the dataset files of ../shared/data (DCAD, ATOP, COW); tests never "
                    "download them — lay ../shared beside the project or set "
                    "ACCORDS_SHARED_DIR")
    return shared


def with_parameters(nb, values: dict):
    """A copy of ``nb`` with a cell setting ``values`` right after its parameters cell."""
    index = next((i for i, c in enumerate(nb.cells)
                  if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if index is None:
        raise ValueError("the notebook has no cell tagged 'parameters'")
    source = "\n".join(f"{name} = {value!r}" for name, value in values.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    out = nbformat.from_dict(nb)
    out.cells = [*nb.cells[:index + 1], cell, *nb.cells[index + 1:]]
    return out


def outputs_text(nb) -> list[str]:
    """Everything a reader sees as text: streams, plain text, Markdown, HTML (images left
    out, their alt text kept), errors."""
    texts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                texts.append(out.get("text", ""))
            elif out.get("output_type") == "error":
                texts.append(f"ERROR {out.get('ename')}: {out.get('evalue')}")
            for mime in ("text/plain", "text/markdown", "text/html"):
                if mime in out.get("data", {}):
                    texts.append(DATA_URI.sub("data:…", out["data"][mime]))
    return texts


def run_notebook(nb, project: Path, tmp_path: Path):
    env = {**os.environ, "ACCORDS_PROJECT_DIR": str(project),
           "ACCORDS_DATA_DIR": str(tmp_path / "datasets"), "MPLBACKEND": "agg",
           "ACCORDS_SHARED_DIR": str(paths.shared_dir())}
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(project / "notebooks")}})
    with client.setup_kernel(env=env):
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                client.execute_cell(cell, index)
    return nb


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    for name in ("data", "notebooks"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy2(ROOT / "pyproject.toml", project / "pyproject.toml")
    return project


def test_injected_parameters_follow_the_parameters_cell():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    injected = with_parameters(nb, {"COUNTRY": "France"})
    tags = [c.metadata.get("tags", []) for c in injected.cells]
    at = tags.index(["parameters"])
    assert tags[at + 1] == ["injected-parameters"]
    assert injected.cells[at + 1].source == "COUNTRY = 'France'"


@pytest.mark.parametrize("case", sorted(CASES))
def test_notebook_05_with_other_countries_never_mentions_the_reference_case(case, tmp_path):
    _needs_datasets()
    values, expected, tag = CASES[case]
    project = _project(tmp_path)
    nb = with_parameters(nbformat.read(project / "notebooks" / NOTEBOOK.name, as_version=4),
                         values)
    run_notebook(nb, project, tmp_path)
    texts = outputs_text(nb)
    errors = [t for t in texts if t.startswith("ERROR")]
    assert errors == []
    seen = "\n".join(texts)
    mentioned = sorted({word for word in REFERENCE if word in seen})
    assert mentioned == [], [line for line in seen.splitlines()
                             if any(w in line for w in mentioned)][:5]
    for name in expected:
        assert name in seen
    figures = sorted(p.name for p in (project / "reports" / "figures").glob("05-*.png"))
    assert [f for f in figures if "rus" in f] == []
    assert f"05-timeline-{tag}-1990-2025.png" in figures
    assert f"05-dca-network-2010-{tag}-en.png" in figures
    assert f"05-dyad-matrix-{tag}-1992-2024.png" in figures
