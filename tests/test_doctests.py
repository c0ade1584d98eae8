"""The examples in the annotating and extracting modules' docstrings run and give what
they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["accords.spans", "accords.store", "accords.exchange", "accords.render",
           "accords.annotate", "accords.annotate.pipeline", "accords.annotate.rules",
           "accords.annotate.gazetteer", "accords.annotate.dates", "accords.lexicon",
           "accords.lexicon_schema", "accords.statenames", "accords.codes",
           # the extraction rules' examples (issue 10: every named rule shows one)
           "accords.extract", "accords.extract.base", "accords.extract.cues",
           "accords.extract.dates", "accords.extract.parties", "accords.extract.signatories",
           "accords.extract.candidates", "accords.extract.grouping", "accords.extract.build",
           "accords.extract.passes", "accords.extract.status", "accords.extract.project",
           "accords.extract.evidence", "accords.extract.rules",
           # the annotation widget's logic (issue 14)
           "accords.widget.session", "accords.widget.progress", "accords.widget.view"]
# the notebooks' helpers: charts, how tables and figures are shown, the computed findings
MODULES += ["accords.charts", "accords.notebook", "accords.findings"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"
