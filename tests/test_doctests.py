"""The examples in every module's docstrings run and give what they show (issue 18: doctests
run in CI). Modules are found by walking the package, so a new module's examples run without
being listed here; an example that needs the reference data carries ``# doctest: +SKIP``."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import accords

# Entry points that do something when imported are not modules of examples.
NOT_MODULES = {"accords.__main__"}
MODULES = sorted(m.name for m in pkgutil.walk_packages(accords.__path__, "accords.")
                 if m.name not in NOT_MODULES)


def test_the_walk_finds_the_modules_of_every_step():
    for name in ("accords.read.articles", "accords.annotate.rules", "accords.extract.candidates",
                 "accords.datasets.grammar", "accords.link.dyads", "accords.charts",
                 "accords.sources.gdelt", "accords.review.widget.session", "accords.link.query"):
        assert name in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"
