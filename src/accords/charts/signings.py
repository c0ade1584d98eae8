"""Agreements signed per year: DCAs by type (DCAD's trend, :func:`dca_signings`) and new
agreements per source (:func:`agreements_per_year`); counts are NA outside a source's
coverage, never 0.

>>> dca_signings_data((1980, 2010)).loc[1995, "total"]  # doctest: +SKIP
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from accords.charts.countries import resolve_states
from accords.charts.style import (
    FIGSIZE,
    PALETTE,
    _check_years,
    _dataset_label,
    _figure,
    _maybe_save,
    _note,
    _shade_years,
    _source_note,
    _title,
    house_style,
)
from accords.datasets.registry import REGISTRY

__all__ = ["agreements_per_year", "agreements_per_year_data", "dca_signings", "dca_signings_data"]

#: DCAD's years, and 1900 to the end of ATOP (the default of the per-year chart), from
#: the dataset registry
DCAD_YEARS = REGISTRY["dcad"].coverage
PER_YEAR = (1900, REGISTRY["atop"].coverage[1])


def dca_signings_data(
    years: tuple[int, int] = DCAD_YEARS, *, countries=None, dcad: pd.DataFrame | None = None,
    local=None,
) -> pd.DataFrame:
    """DCAs signed per year by type: one row per year, columns ``general``, ``sector``,
    ``total`` and ``coverage`` (``dcad`` or ``not coded``; counts are NA outside DCAD's
    1980–2010, never 0). ``countries`` keeps the DCAs with at least one of those states.
    ``dcad`` (:func:`accords.datasets.load_dcad`, checked) may be given, loaded once elsewhere.

    >>> dca_signings_data((1980, 2010)).loc[1995, "total"]  # doctest: +SKIP
    """
    from accords.link.frames import provide

    lo, hi = _check_years(years)
    d = provide("dcad", dcad, local=local)
    if countries is not None:
        codes = {s.ccode for s in resolve_states(countries, local=local)}
        d = d[d["ccode1"].isin(codes) | d["ccode2"].isin(codes)]
    counts = d.groupby(["signYear", "type"]).size().unstack("type")
    counts = counts.reindex(columns=["general", "sector"])
    index = pd.RangeIndex(lo, hi + 1, name="year")
    counts = counts.reindex(index)
    start, end = REGISTRY["dcad"].coverage
    inside = (index >= start) & (index <= end)
    out = pd.DataFrame(index=index)
    for col in ("general", "sector"):
        out[col] = pd.array(counts[col].fillna(0).where(inside), dtype="Int64")
    out["total"] = out["general"] + out["sector"]
    out["coverage"] = pd.array(np.where(inside, "dcad", "not coded"), dtype="string")
    out.attrs = {"source": "dcad", "unit": "DCAs signed per year",
                 "countries": None if countries is None else
                 [s.name("en") for s in resolve_states(countries, local=local)]}
    return out


def dca_signings(
    years: tuple[int, int] = DCAD_YEARS, *, countries=None, dcad: pd.DataFrame | None = None,
    local=None, figsize=FIGSIZE,
    save: str | None = None,
) -> Figure:
    """Stacked bars of DCAs signed per year, general and sector (DCAD's trend).

    Years outside DCAD's coverage are hatched and labelled "not coded by DCAD".
    Data: :func:`dca_signings_data`.

    >>> fig = dca_signings((1980, 2010))  # doctest: +SKIP
    """
    data = dca_signings_data(years, countries=countries, dcad=dcad, local=local)
    with house_style():
        fig = _figure(figsize)
        ax = fig.add_subplot()
        x = data.index.to_numpy()
        general = data["general"].fillna(0).to_numpy(dtype=float)
        sector = data["sector"].fillna(0).to_numpy(dtype=float)
        ax.bar(x, general, color=PALETTE["blue"], label="general", width=0.8)
        ax.bar(x, sector, bottom=general, color=PALETTE["orange"], label="sector",
               width=0.8)
        top = float(np.nanmax(general + sector)) if len(x) else 1.0
        _shade_years(ax, x[data["coverage"].to_numpy() == "not coded"], "not coded by DCAD",
                     max(top, 1.0))
        ax.set_xlabel("year signed")
        ax.set_ylabel("DCAs signed")
        who = (f" involving {', '.join(data.attrs['countries'])}"
               if data.attrs["countries"] else "")
        _title(fig, f"Defence cooperation agreements signed per year{who}")
        ax.legend(loc="upper left")
        ax.grid(axis="y", color="#DDDDDD", linewidth=0.5)
        ax.set_axisbelow(True)
        _source_note(fig, _note(_dataset_label("dcad") + ", all confidence levels (V2)"))
        coded = data[data["coverage"] == "dcad"]
        if len(coded):
            peak = coded["total"].astype("float").idxmax()
            fig.accords_alt = (
                f"Stacked bar chart of DCAs signed per year{who}, {x[0]}–{x[-1]}: "
                f"{int(coded['total'].sum())} in all, most in {peak} "
                f"({int(coded.loc[peak, 'total'])}).")
        else:
            fig.accords_alt = f"Bar chart of DCAs signed per year{who}: no year coded."
    return _maybe_save(fig, save)


def agreements_per_year_data(years: tuple[int, int] = PER_YEAR, *, local=None
                             ) -> pd.DataFrame:
    """New agreements per year signed in each source (``accords.datasets.model.SOURCES``):
    one row per year, one column per source. A year outside a source's coverage is NA, not 0.

    >>> agreements_per_year_data((1990, 2010)).loc[1995, "dcad"]  # doctest: +SKIP
    """
    from accords.datasets import model

    lo, hi = _check_years(years)
    index = pd.RangeIndex(lo, hi + 1, name="year")
    out = pd.DataFrame(index=index)
    for source in model.SOURCES:
        counts = model.agreements(source, local=local).groupby("year_signed").size()
        start, end = REGISTRY[source].coverage
        column = counts.reindex(index).fillna(0).astype("int64")
        out[source] = pd.array(column.where((index >= start) & (index <= end)), dtype="Int64")
    out.attrs = {"unit": "agreements signed per year", "years": (lo, hi),
                 "sources": list(model.SOURCES)}
    return out


def agreements_per_year(
    years: tuple[int, int] = PER_YEAR, *, local=None, figsize=FIGSIZE,
    save: str | None = None,
) -> Figure:
    """One line per source: new agreements signed per year; years a source does not cover
    are left out of its line (NA), not drawn as zero. Data: :func:`agreements_per_year_data`.

    >>> fig = agreements_per_year((1900, 2018))  # doctest: +SKIP
    """
    data = agreements_per_year_data(years, local=local)
    lo, hi = data.attrs["years"]
    names = {"dcad": "DCAD DCAs", "atop": "ATOP alliances", "cow_alliance": "COW alliances"}
    with house_style():
        fig = _figure(figsize)
        ax = fig.add_subplot()
        for source in data.columns:
            values = data[source].astype("float")
            ax.plot(data.index, values, linewidth=1.3, label=names.get(source, source))
        ax.set_xlim(lo, hi)
        ax.set_xlabel("year signed")
        ax.set_ylabel("agreements signed")
        ax.grid(axis="y", color="#DDDDDD", linewidth=0.5)
        ax.set_axisbelow(True)
        ax.legend(loc="upper left")
        _title(fig, f"New agreements signed per year, {lo}–{hi}")
        _source_note(fig, _note(*(_dataset_label(n) for n in
                                  ("dcad", "atop", "cow_alliance")))
                     + " A line stops where its source's coverage ends.")
        peaks = "; ".join(f"{names.get(c, c)} most in {int(data[c].astype('float').idxmax())} "
                          f"({int(data[c].max())})" for c in data.columns
                          if data[c].notna().any())
        fig.accords_alt = (f"Line chart of new agreements signed per year, {lo}–{hi}, one "
                           f"line per source: {peaks}.")
    return _maybe_save(fig, save)
