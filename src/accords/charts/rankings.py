"""Ranked horizontal bars, for word lists and other counts.

>>> ranked_bars(pd.Series({"pace": 1}), title="Lemmas", xlabel="n", source="x").accords_alt
'Bar chart, Lemmas: pace 1.'
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from accords.charts.style import (
    PALETTE,
    _figure,
    _maybe_save,
    _source_note,
    _title,
    house_style,
)

__all__ = ["ranked_bars"]


def ranked_bars(
    counts: pd.Series, *, title: str, xlabel: str, source: str, figsize=(7.0, 3.6),
    save: str | None = None,
) -> Figure:
    """Horizontal bars of ``counts`` (largest on top), for word lists and other rankings;
    ``source`` is the note under the figure.

    >>> fig = ranked_bars(pd.Series({"difesa": 4, "accordo": 2}), title="Lemmas",
    ...                   xlabel="occurrences", source="seed-it-001")
    >>> fig.accords_alt
    'Bar chart, Lemmas: difesa 4, accordo 2.'
    """
    counts = counts.sort_values(ascending=False, kind="stable")
    with house_style():
        fig = _figure(figsize)
        ax = fig.add_subplot()
        labels = [str(k) for k in counts.index][::-1]
        ax.barh(labels, counts.to_numpy()[::-1], color=PALETTE["blue"])
        ax.set_xlabel(xlabel)
        ax.grid(axis="x", color="#DDDDDD", linewidth=0.5)
        ax.set_axisbelow(True)
        ax.tick_params(axis="y", length=0)
        _title(fig, title)
        _source_note(fig, f"Source: {source}.")
        fig.accords_alt = (f"Bar chart, {title}: "
                           + ", ".join(f"{k} {v}" for k, v in counts.items()) + ".")
    return _maybe_save(fig, save)
