"""The flow of the steps (issue 18): a module imports only from its own step, from steps
before it, and from the small shared base. The steps, in order, and the modules of each:

    base      paths, lexicon, lexicon_schema, atomic, spans, codes, testing
    collect   sources
    read      read (articles, text, langid, layout, overview, statenames)
    annotate  annotate
    review    review (store, panel, render, exchange, labelstudio, inception, widget)
    extract   extract (candidates … build, records, events, record_review, evaluate, guard,
              batch, parquet, scale)
    datasets  datasets (fetch, load, clean, model, grammar, export, states, …)
    link      link (dyads, query, synthetic)
    charts    charts (style, countries, timelines, signings, networks, coverages, matrices,
              rankings, findings, notebook, site)

A new module must be placed in a step here, so that the test says where it may import from.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import accords

SRC = Path(accords.__file__).parent
STEPS = {
    "base": ["paths", "lexicon", "lexicon_schema", "atomic", "spans", "codes", "testing"],
    "collect": ["sources"],
    "read": ["read"],
    "annotate": ["annotate"],
    "review": ["review"],
    "extract": ["extract"],
    "datasets": ["datasets"],
    "link": ["link"],
    "charts": ["charts"],
}
ORDER = list(STEPS)
STEP_OF = {top: step for step, tops in STEPS.items() for top in tops}
ENTRY_POINTS = {"__main__", "__init__"}  # the command line and the public surface see all


def _top(module: str) -> str:
    """``accords.extract.cues`` → ``extract``."""
    return module.split(".")[1] if module.count(".") else ""


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "accords":
                found |= {f"accords.{a.name}" for a in node.names}
            elif node.module.startswith("accords."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("accords.")}
    return found


def _modules():
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC)
        yield rel, rel.parts[0].removesuffix(".py")


def test_every_module_belongs_to_a_step():
    unplaced = sorted({top for _, top in _modules()} - set(STEP_OF) - ENTRY_POINTS)
    assert unplaced == [], f"place these in a step of tests/test_layers.py: {unplaced}"


@pytest.mark.parametrize(("rel", "top"), [m for m in _modules() if m[1] not in ENTRY_POINTS],
                         ids=lambda v: str(v))
def test_a_module_imports_only_from_its_step_earlier_steps_and_the_base(rel, top):
    step = ORDER.index(STEP_OF[top])
    later = sorted(f"{name} ({STEP_OF[_top(name)]})" for name in _imports(SRC / rel)
                   if _top(name) in STEP_OF and ORDER.index(STEP_OF[_top(name)]) > step)
    assert later == [], f"{rel} ({STEP_OF[top]}) imports from later steps: {later}"
