"""Charts (the last step): figures of defence ties in one house style, and what a notebook
shows beside them. One module per chart family — :mod:`~accords.charts.timelines`,
:mod:`~accords.charts.signings`, :mod:`~accords.charts.networks`,
:mod:`~accords.charts.coverages`, :mod:`~accords.charts.matrices`,
:mod:`~accords.charts.rankings` — each chart with a ``*_data()`` companion returning exactly
the frame it draws; :mod:`~accords.charts.style` holds the house style and saving,
:mod:`~accords.charts.countries` resolves the countries asked for; :mod:`~accords.charts.findings`
writes the sentences computed for the chosen countries, :mod:`~accords.charts.notebook` shows
tables, figures and warnings in a notebook, and :mod:`~accords.charts.site` builds the static
site of the notebooks.

It may import the base (``paths``, ``lexicon``, ``atomic``, ``spans``, ``codes``) and every
step before it, link included (``tests/test_layers.py``).

Every chart function returns a :class:`matplotlib.figure.Figure` (made without pyplot, so
nothing is drawn twice in a notebook) and, given ``save="name"``, writes
``reports/figures/name.png`` and ``name.svg``. The chart functions and the house style's
names are reachable from the package itself, each module loaded on first use:

>>> from accords import charts
>>> charts.timeline.__module__
'accords.charts.timelines'
>>> fig = charts.timeline("Russia", ["Kazakistan", "KGZ"])  # doctest: +SKIP
>>> charts.timeline_data("RUS", "KAZ")["lane"].unique().tolist()  # doctest: +SKIP
['ATOP alliances', 'DCAD DCAs', 'News-coded']
"""

from __future__ import annotations

import importlib
from typing import Any

#: name → the module of this package that defines it (loaded on first use).
_NAMES = {
    **dict.fromkeys(["FIGSIZE", "MIN_FONT_PT", "PALETTE", "SAVE_DPI", "SCREEN_DPI",
                     "figure_name", "house_style", "save_figure"], "style"),
    **dict.fromkeys(["resolve_states", "states_frame"], "countries"),
    **dict.fromkeys(["LANES", "timeline", "timeline_data"], "timelines"),
    **dict.fromkeys(["agreements_per_year", "agreements_per_year_data", "dca_signings",
                     "dca_signings_data"], "signings"),
    **dict.fromkeys(["Network", "dca_network", "dca_network_data"], "networks"),
    **dict.fromkeys(["coverage", "coverage_data"], "coverages"),
    **dict.fromkeys(["dyad_matrix", "dyad_matrix_data"], "matrices"),
    **dict.fromkeys(["ranked_bars"], "rankings"),
}

__all__ = sorted(_NAMES)


def __getattr__(name: str) -> Any:
    module = _NAMES.get(name)
    if module is None:
        raise AttributeError(f"module 'accords.charts' has no attribute {name!r}; its charts "
                             f"and style are {', '.join(__all__)}, and its modules "
                             "findings, notebook and site")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # the next access is a plain lookup
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
