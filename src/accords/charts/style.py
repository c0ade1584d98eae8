"""The house style every chart shares, and how a figure is saved.

* DejaVu Sans (bundled with matplotlib; Latin and Cyrillic), the same on every machine;
* the Okabe–Ito colour-blind-safe palette (:data:`PALETTE`); ``cividis`` for heat maps;
* a source note under every figure naming the datasets (and versions) and the records file;
* years a source does not cover are hatched grey and labelled ("not coded by DCAD"), never
  drawn as empty years;
* deterministic output: seeded layouts, sorted categories, a fixed SVG hash salt, no dates
  in file metadata; a file whose bytes would not change is not rewritten
  (:func:`save_figure`, named by :func:`figure_name`).

>>> PALETTE["blue"], HOUSE_RC["svg.hashsalt"]
('#0072B2', 'accords')
"""

from __future__ import annotations

import contextlib
import io
import itertools
from collections.abc import Iterator, Sequence
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from accords import paths
from accords.atomic import atomic_write_bytes
from accords.link.dyads import RecordsInput

__all__ = [
    "FIGSIZE",
    "GAP",
    "HOUSE_RC",
    "MIN_FONT_PT",
    "PALETTE",
    "SAVE_DPI",
    "SCREEN_DPI",
    "SMALL_PT",
    "figure_name",
    "house_style",
    "save_figure",
]


# Okabe & Ito (2008), "Color Universal Design": eight colours distinguishable with the
# common forms of colour-vision deficiency.
PALETTE = {
    "black": "#000000", "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7",
}
GAP = "#BBBBBB"
FIGSIZE = (9.0, 4.5)
SCREEN_DPI = 100
SAVE_DPI = 200
HOUSE_RC = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 9,
    "axes.titlesize": 10.5,
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": mpl.cycler(color=[PALETTE[k] for k in (
        "blue", "orange", "green", "vermillion", "purple", "sky", "yellow", "black")]),
    "legend.fontsize": 8.5,
    "legend.frameon": False,
    "xtick.labelsize": 8.5,
    "ytick.labelsize": 8.5,
    "hatch.color": "#888888",
    "hatch.linewidth": 0.6,
    "svg.hashsalt": "accords",
    "svg.fonttype": "path",
    "path.simplify": True,
    "image.cmap": "cividis",
}

# The smallest text any saved figure carries (points at the saved size; tests check it).
MIN_FONT_PT = 8.0
SMALL_PT = 8.0


@contextlib.contextmanager
def house_style() -> Iterator[None]:
    """The house rcParams (font, palette, SVG hash salt) for the duration of a block.

    >>> with house_style():
    ...     import matplotlib as mpl
    ...     mpl.rcParams["svg.hashsalt"]
    'accords'
    """
    with mpl.rc_context(HOUSE_RC):
        yield


def _figure(figsize) -> Figure:
    return Figure(figsize=figsize, dpi=SCREEN_DPI, layout="constrained")


def _title(fig: Figure, text: str) -> None:
    """The chart's title, flush left above everything and wrapped to the figure's width
    (an axes title may run past the figure's edge and be cut in the saved file)."""
    fig.suptitle(text, x=0.0, ha="left", fontsize=HOUSE_RC["axes.titlesize"], wrap=True)


def _source_note(fig: Figure, text: str) -> None:
    fig.get_layout_engine().set(h_pad=0.06)
    fig.supxlabel(text, x=0.0, ha="left", fontsize=SMALL_PT, color="#444444", wrap=True)
    fig.accords_source_note = text


def _dataset_label(name: str) -> str:
    from accords.datasets import REGISTRY

    short = {"dcad": "DCAD", "atop": "ATOP", "cow_alliance": "COW Formal Alliances",
             "cow_states": "COW State System"}[name]
    return f"{short} {REGISTRY[name].version}"


def _records_label(records: RecordsInput, n: int) -> str:
    if records is None or isinstance(records, str | Path):
        path = Path(records) if records is not None else paths.records_dir() / \
            "news-records.jsonl"
        try:
            shown = path.resolve().relative_to(paths.project_root())
        except ValueError:
            shown = Path(path.name)
        where = shown.as_posix()
    else:
        where = "records given in memory"
    return f"news-coded records ({where}, {n} record{'s' if n != 1 else ''})"


def _count(n, noun: str) -> str:
    return f"{int(n)} {noun}{'' if int(n) == 1 else 's'}"


def _note(*parts: str) -> str:
    return "Sources: " + "; ".join(p for p in parts if p) + "."


def save_figure(
    fig: Figure, name: str, *, folder: str | Path | None = None,
    formats: Sequence[str] = ("png", "svg"), dpi: int = SAVE_DPI,
) -> list[Path]:
    """Save ``fig`` as ``<folder>/<name>.png`` and ``.svg`` with reproducible bytes.

    ``folder`` defaults to ``reports/figures``. Metadata carry the title and source note but
    no date or software version, and SVG ids come from a fixed salt, so two runs give
    identical files; an identical file is left untouched.

    >>> save_figure(fig, "demo", folder=tmp_path)  # doctest: +SKIP
    [PosixPath('.../demo.png'), PosixPath('.../demo.svg')]
    """
    if not name or "/" in name or "\\" in name:
        raise ValueError(f"figure name {name!r} must be a plain file stem such as "
                         "'05-timeline' (no folders; pass folder= for another place)")
    unknown = sorted(set(formats) - {"png", "svg"})
    if unknown:
        raise ValueError(f"unknown figure format(s) {unknown}; use 'png' and/or 'svg'")
    target = Path(folder) if folder is not None else paths.reports_dir() / "figures"
    note = getattr(fig, "accords_source_note", "")
    with house_style():
        _freeze_layout(fig)  # saving again gives the same bytes
    written = []
    for fmt in formats:
        if fmt == "svg":
            metadata = {"Date": None, "Title": name, "Description": note}
        else:
            metadata = {"Software": None, "Title": name, "Source": note}
        buffer = io.BytesIO()
        with house_style():
            fig.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata)
        path = target / f"{name}.{fmt}"
        atomic_write_bytes(path, buffer.getvalue())
        written.append(path)
    return written


def _slug(part) -> str:
    if hasattr(part, "ccode") and hasattr(part, "iso3"):
        return (part.iso3 or str(part.ccode)).lower()
    if isinstance(part, str | int) and not isinstance(part, bool):
        text = str(part).lower()
        return "-".join("".join(ch if ch.isalnum() else " " for ch in text).split())
    if isinstance(part, Sequence):
        return "-".join(_slug(p) for p in part)
    raise TypeError(f"cannot name a figure after {part!r}; give states, strings, numbers "
                    "or (first, last) years")


def figure_name(stem: str, *parts) -> str:
    """A file stem that carries a chart's parameters, so that figures drawn for other
    countries or years never overwrite each other: states become their ISO3 codes, year
    pairs ``first-last``, other words lower case.

    >>> figure_name("05-timeline", ["RUS", "KAZ"], (1990, 2025))
    '05-timeline-rus-kaz-1990-2025'
    """
    out = "-".join([stem, *(_slug(p) for p in parts)])
    return out.strip("-")


def _freeze_layout(fig: Figure) -> None:
    """Run the layout engine to its fixed point and keep the result: constrained layout
    drifts by a few 1e-9 on each draw, which would change the SVG's clip-path ids."""
    if fig.get_layout_engine() is not None and fig.get_layout_engine().adjust_compatible \
            is not None:
        if not getattr(fig, "accords_laid_out", False):
            _lay_out(fig)
        fig.set_layout_engine("none")


def _maybe_save(fig: Figure, save: str | None) -> Figure:
    with house_style():
        _freeze_layout(fig)
    if save:
        save_figure(fig, save)
    return fig


def _lay_out(fig: Figure) -> None:
    """Run the layout engine now, so that positions measured next are the final ones."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    for _ in range(2):  # the first pass may not yet make room for an outside legend
        fig.draw_without_rendering()
    fig.accords_laid_out = True


def _check_years(years) -> tuple[int, int]:
    try:
        lo, hi = (int(years[0]), int(years[1]))
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"years must be a (first, last) pair of integers, got {years!r}") \
            from None
    if lo > hi:
        raise ValueError(f"years {years!r}: the first year is after the last")
    return lo, hi


def _decimal_year(ts) -> float:
    ts = pd.Timestamp(ts)
    start = pd.Timestamp(year=ts.year, month=1, day=1)
    days = 366 if ts.is_leap_year else 365
    return ts.year + (ts - start).days / days


def _shade_years(ax, years: np.ndarray, label: str, height: float) -> None:
    """Hatch runs of consecutive years and label each run once."""
    if len(years) == 0:
        return
    runs, start = [], years[0]
    for a, b in itertools.pairwise(years):
        if b != a + 1:
            runs.append((start, a))
            start = b
    runs.append((start, years[-1]))
    for a, b in runs:
        ax.axvspan(a - 0.5, b + 0.5, facecolor="#EEEEEE", hatch="////", edgecolor="none",
                   zorder=0)
        ax.text((a + b) / 2, height * 0.5, label, ha="center", va="center", rotation=90
                if b - a < 3 else 0, fontsize=SMALL_PT, color="#555555")
