"""The dyad matrix of a few countries: for each pair, the share of observed years with a DCA
or a news-coded agreement (NA where nothing was observed, never 0).

>>> m = dyad_matrix_data(["RUS", "KAZ", "KGZ"], (1992, 2024))  # doctest: +SKIP
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from accords.charts.countries import resolve_states
from accords.charts.style import (
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
from accords.datasets.registry import REGISTRY
from accords.link.dyads import RecordsInput, extended_dyad_years
from accords.link.frames import provide

__all__ = ["dyad_matrix", "dyad_matrix_data"]


def dyad_matrix_data(
    countries, years: tuple[int, int] = (1992, 2024), *, records: RecordsInput = None,
    flag: str = "dcaAnyV1", news: pd.DataFrame | None = None,
    dcad_years: pd.DataFrame | None = None, local=None,
) -> pd.DataFrame:
    """For each pair of ``countries``: years with a DCA or news-coded agreement, of the years
    observed, in ``years``. One row per ordered pair (the matrix is symmetric):
    ``years_with``, ``years_observed`` (DCAD-coded years with both states members, plus
    years a news-coded record covers), ``share`` (NA when nothing was observed, never 0)
    and ``sources`` (which sources contribute agreement years). ``news``
    (:func:`accords.link.dyads.news_frame`, instead of ``records``) and ``dcad_years``
    (``accords.datasets.model.dyad_years("dcad")``) may be given, built once elsewhere.

    >>> m = dyad_matrix_data(["RUS", "KAZ", "KGZ"], (1992, 2024))  # doctest: +SKIP
    """
    lo, hi = _check_years(years)
    states = resolve_states(countries, date=hi, local=local)
    if len(states) < 2:
        raise ValueError(f"a dyad matrix needs at least two states, got {countries!r}")
    dcad_years = provide("dcad_years", dcad_years, local=local, flag=flag)
    news = provide("news", news, records=records, local=local)
    ext = extended_dyad_years(flag=flag, news=news, dcad_years=dcad_years)
    ext = ext[ext["year"].between(lo, hi)]
    rows = []
    for a in states:
        for b in states:
            c1, c2 = sorted((a.ccode, b.ccode))
            if a.ccode == b.ccode:
                rows.append({"state_a": a.name("en"), "state_b": b.name("en"),
                             "ccode_a": a.ccode, "ccode_b": b.ccode, "years_with": pd.NA,
                             "years_observed": pd.NA, "share": np.nan, "sources": ""})
                continue
            part = ext[(ext["ccode1"] == c1) & (ext["ccode2"] == c2)]
            observed = part["agreement"].notna()
            with_ = part["agreement"].fillna(False)
            srcs = sorted(set(part.loc[with_, "source"]))
            n_obs = int(observed.sum())
            rows.append({"state_a": a.name("en"), "state_b": b.name("en"),
                         "ccode_a": a.ccode, "ccode_b": b.ccode,
                         "years_with": int(with_.sum()), "years_observed": n_obs,
                         "share": (with_.sum() / n_obs) if n_obs else np.nan,
                         "sources": ",".join(srcs)})
    out = pd.DataFrame(rows)
    for col in ("ccode_a", "ccode_b", "years_with", "years_observed"):
        out[col] = out[col].astype("Int64")
    out["share"] = out["share"].astype("Float64")
    out.loc[out["years_observed"].fillna(0) == 0, "share"] = pd.NA
    out["sources"] = out["sources"].astype("string")
    out.attrs = {"years": (lo, hi), "flag": flag, "states": [s.name("en") for s in states],
                 "note": ext.attrs["note"], "n_records": len(news.drop_duplicates("record_id"))}
    return out


def dyad_matrix(
    countries, years: tuple[int, int] = (1992, 2024), *, records: RecordsInput = None,
    flag: str = "dcaAnyV1", news: pd.DataFrame | None = None,
    dcad_years: pd.DataFrame | None = None, local=None, figsize=(6.0, 4.5),
    save: str | None = None,
) -> Figure:
    """Heat map of the share of observed years each pair had a DCA or news-coded agreement.

    Cells read ``years with / years observed``; pairs never observed are hatched grey.
    Data: :func:`dyad_matrix_data`.

    >>> fig = dyad_matrix(["Russia", "KAZ", 703], (1992, 2024))  # doctest: +SKIP
    """
    data = dyad_matrix_data(countries, years, records=records, flag=flag, news=news,
                            dcad_years=dcad_years, local=local)
    names = data.attrs["states"]
    grid = data.pivot(index="state_a", columns="state_b", values="share")
    grid = grid.reindex(index=names, columns=names).astype(float)
    lo, hi = data.attrs["years"]
    with house_style():
        fig = _figure(figsize)
        ax = fig.add_subplot()
        masked = np.ma.masked_invalid(grid.to_numpy())
        image = ax.imshow(masked, cmap="cividis", vmin=0, vmax=1)
        for i, a in enumerate(names):
            for j, b in enumerate(names):
                cell = data[(data["state_a"] == a) & (data["state_b"] == b)].iloc[0]
                if i == j:
                    continue
                if pd.isna(cell["share"]):
                    ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor="#EEEEEE",
                                           hatch="////", edgecolor="white"))
                    ax.text(j, i, "not\ncoded", ha="center", va="center", fontsize=SMALL_PT,
                            color="#555555")
                    continue
                dark = float(cell["share"]) < 0.55
                ax.text(j, i, f"{cell['years_with']}/{cell['years_observed']}",
                        ha="center", va="center", fontsize=SMALL_PT,
                        color="white" if dark else "black")
        ax.set_xticks(range(len(names)), names, rotation=35, ha="right")
        ax.set_yticks(range(len(names)), names)
        ax.spines[:].set_visible(False)
        bar = fig.colorbar(image, ax=ax, shrink=0.8)
        bar.set_label("share of observed years with an agreement")
        _title(fig, f"Dyads with a DCA or news-coded agreement, {lo}–{hi}")
        first, last = REGISTRY["dcad"].coverage
        _source_note(fig, _note(_dataset_label("dcad") + f" ({flag}, {first}–{last})",
                                _records_label(records, data.attrs["n_records"]))
                     + f" After {last} only years with a news-coded record are observed.")
        pairs = data[data["ccode_a"] < data["ccode_b"]]
        fig.accords_alt = (
            f"Heat map, {lo}–{hi}, of the share of observed years with an agreement for each "
            f"pair of {', '.join(names)}; cells read years with / years observed: "
            + "; ".join(f"{r.state_a}–{r.state_b} {r.years_with}/{r.years_observed}"
                        for r in pairs.itertuples(index=False)) + ".")
    return _maybe_save(fig, save)
