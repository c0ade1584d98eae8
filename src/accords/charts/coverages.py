"""Which years each source covers, with the years of news-coded signings marked.

>>> cov = coverage_data()  # doctest: +SKIP
>>> cov.query("source == 'dcad'")[["start", "end"]].iloc[0].tolist()  # doctest: +SKIP
[1980, 2010]
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from accords.charts.style import (
    PALETTE,
    SMALL_PT,
    _check_years,
    _dataset_label,
    _figure,
    _maybe_save,
    _note,
    _records_label,
    _source_note,
    _title,
    house_style,
)
from accords.link.dyads import RecordsInput
from accords.link.frames import provide

__all__ = ["coverage", "coverage_data"]


def coverage_data(records: RecordsInput = None, *, news: pd.DataFrame | None = None,
                  local=None) -> pd.DataFrame:
    """Years each source covers: one row per dataset (``kind`` = ``coverage``) and one per
    year with news-coded signings (``kind`` = ``records``, ``n_records``). ``news``
    (:func:`accords.link.dyads.news_frame`, checked) may be given instead of ``records``.

    >>> cov = coverage_data()  # doctest: +SKIP
    >>> cov.query("source == 'dcad'")[["start", "end"]].iloc[0].tolist()  # doctest: +SKIP
    [1980, 2010]
    """
    from accords.datasets import REGISTRY

    rows = []
    for name in ("atop", "cow_alliance", "cow_states", "dcad"):
        start, end = REGISTRY[name].coverage
        rows.append({"source": name, "label": _dataset_label(name), "kind": "coverage",
                     "start": start, "end": end, "n_records": pd.NA})
    news = provide("news", news, records=records, local=local)
    per_record = news.drop_duplicates("record_id")
    for year, group in per_record.groupby("first_year", sort=True):
        rows.append({"source": "news", "label": "news-coded records", "kind": "records",
                     "start": int(year), "end": int(year), "n_records": len(group)})
    out = pd.DataFrame(rows, columns=["source", "label", "kind", "start", "end", "n_records"])
    for col in ("start", "end", "n_records"):
        out[col] = out[col].astype("Int64")
    out.attrs = {"unit": "source coverage", "n_records": int(per_record.shape[0])}
    return out


def coverage(
    records: RecordsInput = None, *, years: tuple[int, int] | None = None,
    news: pd.DataFrame | None = None, local=None,
    figsize=(8.0, 2.6), save: str | None = None,
) -> Figure:
    """Which years each source covers, with the years of news-coded signings as marks.

    Data: :func:`coverage_data`.

    >>> fig = coverage(years=(1800, 2025))  # doctest: +SKIP
    """
    data = coverage_data(records, news=news, local=local)
    labels = list(dict.fromkeys(data["label"]))
    if "news-coded records" not in labels:
        labels.append("news-coded records")
    lo, hi = _check_years(years) if years else (1800, 2025)
    with house_style():
        fig = _figure(figsize)
        ax = fig.add_subplot()
        colours = [PALETTE[k] for k in ("sky", "yellow", "black", "blue")]
        for i, row in enumerate(data[data["kind"] == "coverage"].itertuples(index=False)):
            y = labels.index(row.label)
            ax.barh(y, row.end - row.start + 1, left=row.start, height=0.5,
                    color=colours[i % len(colours)], alpha=0.85)
            ax.text(min(row.end + 1, hi) + 1, y, f"{row.start}–{row.end}", va="center",
                    fontsize=SMALL_PT)
        recs = data[data["kind"] == "records"]
        y = labels.index("news-coded records")
        if len(recs):
            ax.scatter(recs["start"].astype(float) + 0.5, [y] * len(recs), marker="D",
                       s=16, color=PALETTE["purple"], edgecolor="black", linewidth=0.4)
            text = ", ".join(f"{r.start} ({r.n_records})" for r in recs.itertuples())
            ax.text(lo + 1, y, f"signings: {text}", va="center", fontsize=SMALL_PT)
        else:
            ax.text(lo + 1, y, "no news-coded records yet", va="center", fontsize=SMALL_PT)
        ax.set_yticks(range(len(labels)), labels)
        ax.set_ylim(len(labels) - 0.5, -0.5)
        ax.set_xlim(lo, hi + 12)
        ax.set_xlabel("year")
        ax.grid(axis="x", color="#DDDDDD", linewidth=0.5)
        ax.set_axisbelow(True)
        _title(fig, "Years each source covers (news-coded records: years of signings, "
                     "not a census)")
        _source_note(fig, _note(*(_dataset_label(n) for n in ("atop", "cow_alliance",
                                                              "cow_states", "dcad")),
                                _records_label(records, data.attrs["n_records"])))
        fig.accords_alt = ("Horizontal bars of the years each source covers: " + "; ".join(
            f"{r.label} {r.start}–{r.end}" for r in
            data[data["kind"] == "coverage"].itertuples(index=False))
            + f"; news-coded signings in {len(recs)} year(s).")
    return _maybe_save(fig, save)
