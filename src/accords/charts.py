"""Charts of defence ties in one house style, each with a ``*_data()`` companion.

Every chart function returns a :class:`matplotlib.figure.Figure` (made without pyplot, so
nothing is drawn twice in a notebook) and, given ``save="name"``, writes
``reports/figures/name.png`` and ``name.svg``. Its ``*_data()`` companion returns exactly the
frame the chart draws, so tests and readers can check the numbers rather than the pixels.

House style:

* DejaVu Sans (bundled with matplotlib; Latin and Cyrillic), the same on every machine;
* the Okabe–Ito colour-blind-safe palette (:data:`PALETTE`); ``cividis`` for heat maps;
* a source note under every figure naming the datasets (and versions) and the records file;
* years a source does not cover are hatched grey and labelled ("not coded by DCAD"), never
  drawn as empty years;
* deterministic output: seeded layouts, sorted categories, a fixed SVG hash salt, no dates
  in file metadata; a file whose bytes would not change is not rewritten.

Countries may be given as names in any of the registry's languages, ISO3 or COW codes
("Kazakistan", "KAZ", 705), alone or in a list.

>>> from accords import charts
>>> fig = charts.timeline("Russia", ["Kazakistan", "KGZ"])  # doctest: +SKIP
>>> charts.timeline_data("RUS", "KAZ")["lane"].unique().tolist()  # doctest: +SKIP
['ATOP alliances', 'DCAD DCAs', 'News-coded']
"""

from __future__ import annotations

import contextlib
import io
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from accords import paths
from accords.atomic import atomic_write_bytes
from accords.link.dyads import RecordsInput, extended_dyad_years, news_frame, pair_spells

__all__ = [
    "FIGSIZE",
    "PALETTE",
    "SAVE_DPI",
    "SCREEN_DPI",
    "Network",
    "agreements_per_year",
    "agreements_per_year_data",
    "coverage",
    "coverage_data",
    "dca_network",
    "dca_network_data",
    "dca_signings",
    "dca_signings_data",
    "dyad_matrix",
    "dyad_matrix_data",
    "figure_name",
    "house_style",
    "ranked_bars",
    "resolve_states",
    "save_figure",
    "states_frame",
    "timeline",
    "timeline_data",
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
LANES = ("ATOP alliances", "DCAD DCAs", "News-coded")
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


# ----------------------------------------------------------------------------- states


def resolve_states(countries, *, date=None, local=None) -> list:
    """State records for a country or a list of them (names in six languages, ISO3, ccodes).

    Duplicates are dropped, the given order is kept. An unknown name raises the registry's
    :class:`~accords.states.UnknownStateError`, which suggests close spellings.

    >>> [s.ccode for s in resolve_states(["Kazakistan", "KGZ", 702])]  # doctest: +SKIP
    [705, 703, 702]
    """
    from accords.states import registry

    if countries is None:
        return []
    if isinstance(countries, str | int) and not isinstance(countries, bool):
        countries = [countries]
    reg = registry(local)
    out, seen = [], set()
    for query in countries:
        if isinstance(query, np.integer):
            query = int(query)
        state = reg.lookup(query, date=date)
        if state.ccode not in seen:
            seen.add(state.ccode)
            out.append(state)
    if not out:
        raise ValueError("no countries given; pass a name, ISO3 code or COW code "
                         "(e.g. 'Kazakhstan', 'KAZ' or 705), or a list of them")
    return out


def states_frame(states, *, lang: str = "en") -> pd.DataFrame:
    """The states of :func:`resolve_states` as a table: COW code, ISO3, English name and the
    name in ``lang`` (when it is not English).

    >>> states_frame(resolve_states(["Mali", "NER"]))  # doctest: +SKIP
    """
    rows = [{"ccode": s.ccode, "iso3": s.iso3, "name": s.name("en"),
             **({f"name ({lang})": s.name(lang)} if lang != "en" else {})} for s in states]
    out = pd.DataFrame(rows)
    out["ccode"] = out["ccode"].astype("Int64")
    return out


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


# ----------------------------------------------------------------------------- timeline

_TIMELINE_COLUMNS = ["dyad", "partner", "ccode1", "ccode2", "lane", "mark", "source",
                     "item_id", "label", "start", "end", "open_end", "detail"]


def timeline_data(
    country, partners=None, *, years: tuple[int, int] = (1990, 2025),
    records: RecordsInput = None, local=None,
) -> pd.DataFrame:
    """The marks of :func:`timeline`: one row per spell, event, period or gap.

    ``mark`` is ``spell`` (an ATOP alliance: the days both states were members; a DCAD DCA:
    signature to 31 December of ``endYearEstimate``), ``event`` (a news-coded signing),
    ``period`` (a news-coded programme's years) or ``gap`` (years a source does not cover:
    ``not coded by DCAD``, ``not coded by ATOP``, ``not both states`` before both were COW
    members). Spells running to the end of a source's coverage have ``open_end`` True.
    Rows are clipped to ``years``. ``partners`` defaults to every state the country shares
    an alliance, DCA or record with in those years, sorted by English name.

    >>> tl = timeline_data("Russia", "Kazakistan", years=(1990, 2025))  # doctest: +SKIP
    >>> tl.query("lane == 'DCAD DCAs'")["item_id"].tolist()[:2]  # doctest: +SKIP
    ['DCADv1.0-1320', 'DCADv1.0-1321']
    """
    from accords.datasets import REGISTRY, load_dcad
    from accords.states import registry

    lo, hi = _check_years(years)
    first = pd.Timestamp(f"{lo}-01-01")
    last = pd.Timestamp(f"{hi}-12-31")
    focal = resolve_states(country, date=hi, local=local)
    if len(focal) != 1:
        raise ValueError(f"timeline needs one focal country, got {len(focal)}: {country!r}; "
                         "pass the others as partners")
    me = focal[0].ccode
    dcad = load_dcad(local=local)
    spells = pair_spells("atop", local=local)
    news = news_frame(records, local=local)
    if partners is None:
        found = set()
        for frame, a, b in ((dcad, "ccode1", "ccode2"), (spells, "ccode1", "ccode2"),
                            (news, "ccode1", "ccode2")):
            for x, y in zip(frame[a], frame[b], strict=True):
                if me in (x, y):
                    found.add(int(y if x == me else x))
        reg = registry(local)
        chosen = sorted((reg.lookup(c) for c in found), key=lambda s: s.name("en"))
    else:
        chosen = [s for s in resolve_states(partners, date=hi, local=local) if s.ccode != me]
    rows: list[dict] = []
    dc = (REGISTRY["dcad"].coverage, REGISTRY["atop"].coverage)
    for partner in chosen:
        c1, c2 = sorted((me, partner.ccode))
        dyad = f"{focal[0].name('en')}–{partner.name('en')}"
        base = {"dyad": dyad, "partner": partner.name("en"), "ccode1": c1, "ccode2": c2}

        def add(lane, mark, source, item, label, start, end, open_end=False, detail="",
                base=base):
            start, end = max(pd.Timestamp(start), first), min(pd.Timestamp(end), last)
            if start <= end:
                rows.append({**base, "lane": lane, "mark": mark, "source": source,
                             "item_id": item, "label": label, "start": start, "end": end,
                             "open_end": open_end, "detail": detail})

        mine = spells[(spells["ccode1"] == c1) & (spells["ccode2"] == c2)]
        for s in mine.itertuples(index=False):
            open_end = pd.isna(s.end)
            add(LANES[0], "spell", "atop", str(s.agreement_id), f"ATOP {s.agreement_id}",
                s.start, pd.Timestamp("2018-12-31") if open_end else s.end, open_end,
                s.end_reason if open_end else "")
        pair = dcad[((dcad["ccode1"] == c1) & (dcad["ccode2"] == c2))
                    | ((dcad["ccode1"] == c2) & (dcad["ccode2"] == c1))]
        for a in pair.sort_values(["sign_date", "DCAid"]).itertuples(index=False):
            end_year = int(a.endYearEstimate)
            add(LANES[1], "spell", "dcad", a.DCAid, f"{a.type} / {a.category1}",
                a.sign_date, pd.Timestamp(f"{end_year}-12-31"), end_year == dc[0][1],
                f"categoryConf {a.categoryConf}")
        recs = news[(news["ccode1"] == c1) & (news["ccode2"] == c2)]
        for r in recs.itertuples(index=False):
            label = r.kind.replace("_", " ")
            if pd.notna(r.date_signed):
                add(LANES[2], "event", "news", r.record_id, label, r.date_signed,
                    r.date_signed, False, f"{r.action} ({r.date_precision})")
            if pd.notna(r.period_start):
                end = r.period_end if pd.notna(r.period_end) else r.period_start
                add(LANES[2], "period", "news", r.record_id,
                    f"{label} {r.period_start}–{end}" if end != r.period_start
                    else f"{label} {r.period_start}",
                    f"{int(r.period_start)}-01-01", f"{int(end)}-12-31", False,
                    "" if pd.isna(r.title_span) else str(r.title_span))
        for lane, name, (start, end) in ((LANES[0], "ATOP", dc[1]), (LANES[1], "DCAD", dc[0])):
            add(lane, "gap", name.lower(), "", f"not coded by {name}", first,
                pd.Timestamp(f"{start - 1}-12-31"))
            add(lane, "gap", name.lower(), "", f"not coded by {name}",
                pd.Timestamp(f"{end + 1}-01-01"), last)
        both_from = max(focal[0].spells[0][0], partner.spells[0][0])
        if pd.Timestamp(both_from) > first:
            for lane in LANES:
                add(lane, "gap", "cow_states", "", "not both states",
                    first, pd.Timestamp(both_from) - pd.Timedelta(days=1))
    frame = pd.DataFrame(rows, columns=_TIMELINE_COLUMNS)
    for col in ("ccode1", "ccode2"):
        frame[col] = frame[col].astype("Int64")
    for col in ("start", "end"):
        frame[col] = pd.to_datetime(frame[col])
    frame["open_end"] = frame["open_end"].astype("boolean")
    order = {lane: i for i, lane in enumerate(LANES)}
    dyads = list(dict.fromkeys(frame["dyad"]))
    frame = frame.assign(_d=frame["dyad"].map({d: i for i, d in enumerate(dyads)}),
                         _l=frame["lane"].map(order),
                         _m=frame["mark"].map({"gap": 0, "spell": 1, "period": 2,
                                               "event": 3}))
    frame = frame.sort_values(["_d", "_l", "_m", "start", "item_id", "label"],
                              kind="stable").drop(columns=["_d", "_l", "_m"])
    frame = frame.reset_index(drop=True)
    frame.attrs = {"country": focal[0].name("en"), "ccode": me, "years": (lo, hi),
                   "partners": [p.name("en") for p in chosen], "n_records": len(news),
                   "records": records if isinstance(records, str | Path) else None}
    return frame


def _pack(items: pd.DataFrame) -> list[int]:
    """Sub-row for each interval (greedy, in the frame's order) so that none overlap."""
    ends: list[float] = []
    rows = []
    for s, e in zip(items["x0"], items["x1"], strict=True):
        for k, last in enumerate(ends):
            if s > last + 0.3:
                ends[k] = e
                rows.append(k)
                break
        else:
            ends.append(e)
            rows.append(len(ends) - 1)
    return rows


def _lay_out(fig: Figure) -> None:
    """Run the layout engine now, so that positions measured next are the final ones."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    for _ in range(2):  # the first pass may not yet make room for an outside legend
        fig.draw_without_rendering()
    fig.accords_laid_out = True


def _label_gaps(fig: Figure, ax, gaps: list) -> None:
    """Write each gap's label inside it, shortened to "not coded" or left out when it would
    run over the bars beside it (measured at the final layout)."""
    if not gaps:
        return
    _lay_out(fig)
    renderer = fig._get_renderer()
    for x0, x1, y, label in gaps:
        left, right = (ax.transData.transform((x, y))[0] for x in (x0, x1))
        text = ax.text((x0 + x1) / 2, y, label, ha="center", va="center", fontsize=SMALL_PT,
                       color="#555555", zorder=1)
        for candidate in (label, "not coded", None):
            if candidate is None:
                text.remove()
                break
            text.set_text(candidate)
            if text.get_window_extent(renderer).width <= 0.92 * (right - left):
                break


def timeline(
    country, partners=None, *, years: tuple[int, int] = (1990, 2025),
    records: RecordsInput = None, local=None, figsize=None, save: str | None = None,
) -> Figure:
    """Alliances (ATOP), DCAs (DCAD) and news-coded agreements of a country's dyads over time.

    One band per partner, three lanes per band: ATOP alliance spells, DCAD DCA spells
    (general in blue, sector in orange) and news-coded records (a diamond at each signing,
    a bar for each programme's period). Years a source does not cover are hatched and
    labelled. Data: :func:`timeline_data`.

    >>> fig = timeline("Россия", ["Казахстан", "UZB"], years=(1990, 2025))  # doctest: +SKIP
    """
    data = timeline_data(country, partners, years=years, records=records, local=local)
    lo, hi = data.attrs["years"]
    dyads = list(dict.fromkeys(data["dyad"])) or [f"{data.attrs['country']} (no partner)"]
    n_lanes = len(dyads) * len(LANES)
    figsize = figsize or (FIGSIZE[0], min(max(2.6, 0.22 * n_lanes + 1.4), 12.0))
    with house_style():
        fig = _figure(figsize)
        ax = fig.add_subplot()
        data = data.assign(x0=[_decimal_year(t) for t in data["start"]],
                           x1=[_decimal_year(t) + (1 / 365) for t in data["end"]])
        yticks, ylabels, gap_labels = [], [], []
        colours = {"general": PALETTE["blue"], "sector": PALETTE["orange"]}
        for d_i, dyad in enumerate(dyads):
            for l_i, lane in enumerate(LANES):
                y0 = -(d_i * (len(LANES) + 0.6) + l_i) - 1
                yticks.append(y0 + 0.5)
                ylabels.append(f"{dyad.split('–', 1)[-1]} · {lane}" if l_i == 0 else lane)
                part = data[(data["dyad"] == dyad) & (data["lane"] == lane)]
                for g in part[part["mark"] == "gap"].itertuples(index=False):
                    ax.add_patch(Rectangle((g.x0, y0), g.x1 - g.x0, 1, facecolor="#EEEEEE",
                                           edgecolor="none", hatch="////", zorder=0))
                    gap_labels.append((g.x0, g.x1, y0 + 0.5, g.label))
                bars = part[part["mark"].isin(["spell", "period"])]
                sub = _pack(bars) if len(bars) else []
                n_sub = max(sub) + 1 if sub else 1
                h = 0.8 / n_sub
                for k, b in zip(sub, bars.itertuples(index=False), strict=True):
                    if b.source == "atop":
                        colour = PALETTE["sky"]
                    elif b.source == "dcad":
                        colour = colours.get(b.label.split(" / ")[0], PALETTE["blue"])
                    else:
                        colour = PALETTE["green"]
                    ax.add_patch(Rectangle((b.x0, y0 + 0.1 + k * h), b.x1 - b.x0, h * 0.85,
                                           facecolor=colour, edgecolor="white",
                                           linewidth=0.3, zorder=2))
                    if bool(b.open_end):
                        ax.plot([b.x1], [y0 + 0.1 + k * h + h * 0.42], marker=">",
                                markersize=2.5, color=colour, zorder=3)
                events = part[part["mark"] == "event"]
                if len(events):
                    ax.scatter(events["x0"], [y0 + 0.5] * len(events), marker="D", s=14,
                               color=PALETTE["purple"], edgecolor="black", linewidth=0.4,
                               zorder=4)
        ax.set_yticks(yticks, ylabels)
        ax.set_ylim(min(yticks) - 0.7 if yticks else -1, 0)
        ax.set_xlim(lo, hi + 1)
        ax.set_xlabel("year")
        ax.tick_params(axis="y", length=0)
        ax.grid(axis="x", color="#DDDDDD", linewidth=0.5)
        ax.set_axisbelow(True)
        _title(fig, f"{data.attrs['country']}: alliances, DCAs and news-coded agreements, "
                     f"{lo}–{hi}")
        handles = [Patch(color=PALETTE["sky"], label="ATOP alliance (both members)"),
                   Patch(color=PALETTE["blue"], label="DCAD DCA, general"),
                   Patch(color=PALETTE["orange"], label="DCAD DCA, sector"),
                   Patch(color=PALETTE["green"], label="news-coded period"),
                   ax.scatter([], [], marker="D", s=14, color=PALETTE["purple"],
                              edgecolor="black", linewidth=0.4, label="news-coded signing"),
                   Patch(facecolor="#EEEEEE", hatch="////", label="not coded / not a state")]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        _source_note(fig, _note(
            _dataset_label("atop"), _dataset_label("dcad") + " (DCA to 31 Dec of "
            "endYearEstimate)", _records_label(records, data.attrs["n_records"]),
            _dataset_label("cow_states") + " (membership)")
            + " ▸ = in force at the end of the source's coverage.")
        _label_gaps(fig, ax, gap_labels)
        counts = data[data["mark"] != "gap"].groupby("lane").size()
        fig.accords_alt = (
            f"Timeline, {lo}–{hi}, of {data.attrs['country']}'s defence ties with "
            f"{', '.join(data.attrs['partners']) or 'no partner'}: one band per partner "
            f"with {_count(counts.get(LANES[0], 0), 'ATOP alliance spell')}, "
            f"{_count(counts.get(LANES[1], 0), 'DCAD agreement')} and "
            f"{_count(counts.get(LANES[2], 0), 'news-coded mark')}; years a source does not "
            "cover are hatched.")
    return _maybe_save(fig, save)


# ----------------------------------------------------------------------------- signings


def dca_signings_data(
    years: tuple[int, int] = (1980, 2010), *, countries=None, local=None
) -> pd.DataFrame:
    """DCAs signed per year by type: one row per year, columns ``general``, ``sector``,
    ``total`` and ``coverage`` (``dcad`` or ``not coded``; counts are NA outside DCAD's
    1980–2010, never 0). ``countries`` keeps the DCAs with at least one of those states.

    >>> dca_signings_data((1980, 2010)).loc[1995, "total"]  # doctest: +SKIP
    """
    from accords.datasets import REGISTRY, load_dcad

    lo, hi = _check_years(years)
    d = load_dcad(local=local)
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
    years: tuple[int, int] = (1980, 2010), *, countries=None, local=None, figsize=FIGSIZE,
    save: str | None = None,
) -> Figure:
    """Stacked bars of DCAs signed per year, general and sector (DCAD's trend).

    Years outside DCAD's coverage are hatched and labelled "not coded by DCAD".
    Data: :func:`dca_signings_data`.

    >>> fig = dca_signings((1980, 2010))  # doctest: +SKIP
    """
    data = dca_signings_data(years, countries=countries, local=local)
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


# ----------------------------------------------------------------------------- network


@dataclass(frozen=True)
class Network:
    """Nodes (ccode, name, degree, x, y, labelled, highlighted) and edges (ccode1, ccode2,
    n_dcas, dca_ids) of the DCA network in one year."""

    nodes: pd.DataFrame
    edges: pd.DataFrame
    year: int


def dca_network_data(
    year: int = 2010, *, countries=None, top: int = 5, seed: int = 6, lang: str = "en",
    scope: str = "all", local=None,
) -> Network:
    """States linked by DCAs in force in ``year`` (DCAD: signYear ≤ year ≤ endYearEstimate).

    ``scope="all"`` keeps every state with at least one DCA that year; ``scope="partners"``
    keeps ``countries`` and the states they have a DCA with, and the DCAs among them.
    ``degree`` always counts a state's partners in the whole network. Node positions come
    from a seeded spring layout (same seed, same picture). ``countries`` are highlighted and
    labelled, and so are the ``top`` best-connected other states of the scope. A year outside
    DCAD's 1980–2010 raises ValueError: nobody coded it, so an empty network would mislead.

    >>> net = dca_network_data(2010, countries="France", scope="partners")  # doctest: +SKIP
    >>> net.nodes.sort_values("degree").iloc[-1]["name"]  # doctest: +SKIP
    """
    import networkx as nx

    from accords.datasets import REGISTRY, load_dcad
    from accords.states import registry

    start, end = REGISTRY["dcad"].coverage
    if not start <= int(year) <= end:
        raise ValueError(f"DCAD codes DCAs in {start}–{end}; {year} is not coded, so its "
                         f"network would be empty for want of data. Choose a year in "
                         f"{start}–{end}.")
    if scope not in ("all", "partners"):
        raise ValueError(f"scope must be 'all' or 'partners', got {scope!r}")
    year = int(year)
    d = load_dcad(local=local)
    live = d[(d["signYear"] <= year) & (d["endYearEstimate"] >= year)]
    lo = live[["ccode1", "ccode2"]].min(axis=1).astype("int64")
    hi = live[["ccode1", "ccode2"]].max(axis=1).astype("int64")
    edges = (live.assign(ccode1=lo, ccode2=hi)
             .groupby(["ccode1", "ccode2"], as_index=False)
             .agg(n_dcas=("DCAid", "size"),
                  dca_ids=("DCAid", lambda s: ";".join(sorted(s)))))
    edges = edges.sort_values(["ccode1", "ccode2"]).reset_index(drop=True)
    whole = nx.Graph()
    whole.add_edges_from(zip(edges["ccode1"], edges["ccode2"], strict=True))
    highlight = [s.ccode for s in resolve_states(countries, date=year, local=local)] \
        if countries is not None else []
    if scope == "partners":
        if not highlight:
            raise ValueError("scope='partners' needs countries: the network of which states?")
        keep = set(highlight)
        for c in highlight:
            if c in whole:
                keep.update(whole.neighbors(c))
        edges = edges[edges["ccode1"].isin(keep) & edges["ccode2"].isin(keep)]
        edges = edges.reset_index(drop=True)
    graph = nx.Graph()
    codes = sorted(set(edges["ccode1"]) | set(edges["ccode2"]) | (
        set(highlight) if scope == "partners" else set()))
    graph.add_nodes_from(codes)
    graph.add_edges_from(zip(edges["ccode1"], edges["ccode2"], strict=True))
    pos = _layout(graph, seed)
    reg = registry(local)
    nodes = pd.DataFrame({
        "ccode": codes,
        "name": [reg.lookup(c).name(lang) for c in codes],
        "degree": [whole.degree(c) if c in whole else 0 for c in codes],
        "x": [round(float(pos[c][0]), 6) for c in codes],
        "y": [round(float(pos[c][1]), 6) for c in codes],
    })
    ranked = nodes[~nodes["ccode"].isin(highlight)].sort_values(
        ["degree", "ccode"], ascending=[False, True])
    labelled = set(ranked["ccode"].head(top)) | set(highlight)
    nodes["labelled"] = nodes["ccode"].isin(labelled)
    nodes["highlighted"] = nodes["ccode"].isin(highlight)
    for col in ("ccode", "degree"):
        nodes[col] = nodes[col].astype("Int64")
    for col in ("ccode1", "ccode2", "n_dcas"):
        edges[col] = edges[col].astype("Int64")
    nodes.attrs = edges.attrs = {"source": "dcad", "year": year, "seed": seed, "scope": scope,
                                 "states_in_network": whole.number_of_nodes(),
                                 "ranks": {c: 1 + sum(1 for _, d in whole.degree()
                                                      if d > whole.degree(c))
                                           for c in highlight if c in whole},
                                 "highlighted": [reg.lookup(c).name(lang) for c in highlight]}
    return Network(nodes=nodes, edges=edges, year=year)


def _layout(graph, seed: int) -> dict:
    """Seeded spring layout of the connected states, scaled to [-1, 1]; states without a DCA
    that year sit in a row below, so that they neither fly off nor squeeze the others."""
    import networkx as nx

    alone = sorted(n for n in graph.nodes if graph.degree(n) == 0)
    linked = graph.subgraph([n for n in graph.nodes if graph.degree(n) > 0])
    pos = {}
    if linked.number_of_nodes():
        raw = nx.spring_layout(linked, seed=seed, iterations=100,
                               k=2.2 / np.sqrt(linked.number_of_nodes()))
        xy = np.array([raw[n] for n in sorted(linked.nodes)])
        span = np.where(np.ptp(xy, axis=0) > 0, np.ptp(xy, axis=0), 1.0)
        xy = (xy - xy.min(axis=0)) / span * 2 - 1
        pos = {n: xy[i] for i, n in enumerate(sorted(linked.nodes))}
    for i, n in enumerate(alone):
        x = -1 + 2 * (i + 0.5) / len(alone) if len(alone) > 1 else 0.0
        pos[n] = np.array([x, -1.3 if pos else 0.0])
    return pos


def _place_labels(fig: Figure, ax, texts: list, xs, ys) -> None:
    """Move ``texts`` apart (adjustText, a fixed number of iterations: same input, same
    picture) and draw a thin leader line from each moved label to its node."""
    from adjustText import adjust_text

    if not texts:
        return
    _lay_out(fig)
    adjust_text(texts, x=list(xs), y=list(ys), ax=ax, iter_lim=400, time_lim=None,
                expand=(1.15, 1.35), force_text=(0.3, 0.5), ensure_inside_axes=True,
                arrowprops={"arrowstyle": "-", "color": "#666666", "lw": 0.5})


def dca_network(
    year: int = 2010, *, countries=None, top: int = 5, seed: int = 6, lang: str = "en",
    scope: str = "all", local=None, figsize=(9.0, 6.5), save: str | None = None,
) -> Figure:
    """The DCA network in one year: node size by degree, ``countries`` highlighted in
    vermillion with their DCAs, the ``top`` best-connected other states labelled in black;
    labels are moved apart so that none overlaps another. ``lang`` picks the labels'
    language (English by default; "ru" gives Cyrillic). ``scope="partners"`` draws only the
    highlighted states and their partners. Data: :func:`dca_network_data`.

    >>> fig = dca_network(2010, countries=["Russia", "Kazakhstan"])  # doctest: +SKIP
    """
    net = dca_network_data(year, countries=countries, top=top, seed=seed, lang=lang,
                           scope=scope, local=local)
    nodes = net.nodes.set_index("ccode")
    with house_style():
        fig = _figure(figsize)
        ax = fig.add_subplot()
        from matplotlib.collections import LineCollection

        ends = net.edges[["ccode1", "ccode2"]].astype("int64")
        a = nodes.loc[ends["ccode1"], ["x", "y", "highlighted"]].to_numpy()
        b = nodes.loc[ends["ccode2"], ["x", "y", "highlighted"]].to_numpy()
        hot = a[:, 2].astype(bool) | b[:, 2].astype(bool)
        both = a[:, 2].astype(bool) & b[:, 2].astype(bool)
        segments = np.stack([a[:, :2], b[:, :2]], axis=1).astype(float)
        ax.add_collection(LineCollection(segments[~hot], colors="#BBBBBB", linewidths=0.3,
                                         alpha=0.45, zorder=1))
        ax.add_collection(LineCollection(segments[hot], colors=PALETTE["vermillion"],
                                         linewidths=np.where(both[hot], 1.4, 0.6),
                                         alpha=0.8, zorder=1.5))
        size = 8 + 4 * nodes["degree"].astype(float)
        colour = np.where(nodes["highlighted"], PALETTE["vermillion"], PALETTE["blue"])
        ax.scatter(nodes["x"], nodes["y"], s=size, c=colour, edgecolor="white",
                   linewidth=0.5, zorder=2)
        shown = nodes[nodes["labelled"]]
        texts = [ax.text(n["x"], n["y"], f"{n['name']} ({n['degree']})",
                         fontsize=9 if n["highlighted"] else SMALL_PT + 0.5,
                         fontweight="bold" if n["highlighted"] else "normal",
                         color=PALETTE["vermillion"] if n["highlighted"] else "black",
                         zorder=4, gid=f"label-{c}",
                         bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.75,
                               "pad": 0.6})
                 for c, n in shown.iterrows()]
        ax.set_axis_off()
        pad = 0.08
        ax.set_xlim(nodes["x"].min() - pad, nodes["x"].max() + pad)
        ax.set_ylim(nodes["y"].min() - pad, nodes["y"].max() + pad)
        where = (f"{', '.join(net.nodes.attrs['highlighted'])} and their DCA partners"
                 if net.nodes.attrs["scope"] == "partners" else "all states with a DCA")
        _title(fig, f"DCA network, {net.year}: {where}\n{len(nodes)} states, "
                     f"{len(net.edges)} dyads with a DCA in force; node size and (n) = "
                     "partners in the whole network")
        _place_labels(fig, ax, texts, shown["x"], shown["y"])
        _source_note(fig, _note(_dataset_label("dcad") + f", DCAs in force in {net.year} "
                                "(signYear to endYearEstimate), all confidence levels")
                     + f" Spring layout, seed {net.nodes.attrs['seed']}.")
        fig.accords_alt = (
            f"Network diagram of the defence cooperation agreements in force in {net.year} "
            f"({where}): {len(nodes)} states and {len(net.edges)} dyads. Highlighted: "
            + "; ".join(f"{n['name']} with {n['degree']} partners"
                        for _, n in nodes[nodes["highlighted"]].iterrows()) + ".")
    return _maybe_save(fig, save)


# ----------------------------------------------------------------------------- coverage


def coverage_data(records: RecordsInput = None, *, local=None) -> pd.DataFrame:
    """Years each source covers: one row per dataset (``kind`` = ``coverage``) and one per
    year with news-coded signings (``kind`` = ``records``, ``n_records``).

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
    news = news_frame(records, local=local)
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
    records: RecordsInput = None, *, years: tuple[int, int] | None = None, local=None,
    figsize=(8.0, 2.6), save: str | None = None,
) -> Figure:
    """Which years each source covers, with the years of news-coded signings as marks.

    Data: :func:`coverage_data`.

    >>> fig = coverage(years=(1800, 2025))  # doctest: +SKIP
    """
    data = coverage_data(records, local=local)
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


# ----------------------------------------------------------------------------- dyad matrix


def dyad_matrix_data(
    countries, years: tuple[int, int] = (1992, 2024), *, records: RecordsInput = None,
    flag: str = "dcaAnyV1", local=None,
) -> pd.DataFrame:
    """For each pair of ``countries``: years with a DCA or news-coded agreement, of the years
    observed, in ``years``. One row per ordered pair (the matrix is symmetric):
    ``years_with``, ``years_observed`` (DCAD-coded years with both states members, plus
    years a news-coded record covers), ``share`` (NA when nothing was observed, never 0)
    and ``sources`` (which sources contribute agreement years).

    >>> m = dyad_matrix_data(["RUS", "KAZ", "KGZ"], (1992, 2024))  # doctest: +SKIP
    """
    lo, hi = _check_years(years)
    states = resolve_states(countries, date=hi, local=local)
    if len(states) < 2:
        raise ValueError(f"a dyad matrix needs at least two states, got {countries!r}")
    ext = extended_dyad_years(records, flag=flag, local=local)
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
                 "note": ext.attrs["note"], "n_records": len(news_frame(records, local=local)
                                                             .drop_duplicates("record_id"))}
    return out


def dyad_matrix(
    countries, years: tuple[int, int] = (1992, 2024), *, records: RecordsInput = None,
    flag: str = "dcaAnyV1", local=None, figsize=(6.0, 4.5), save: str | None = None,
) -> Figure:
    """Heat map of the share of observed years each pair had a DCA or news-coded agreement.

    Cells read ``years with / years observed``; pairs never observed are hatched grey.
    Data: :func:`dyad_matrix_data`.

    >>> fig = dyad_matrix(["Russia", "KAZ", 703], (1992, 2024))  # doctest: +SKIP
    """
    data = dyad_matrix_data(countries, years, records=records, flag=flag, local=local)
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
        _source_note(fig, _note(_dataset_label("dcad") + f" ({flag}, 1980–2010)",
                                _records_label(records, data.attrs["n_records"]))
                     + " After 2010 only years with a news-coded record are observed.")
        pairs = data[data["ccode_a"] < data["ccode_b"]]
        fig.accords_alt = (
            f"Heat map, {lo}–{hi}, of the share of observed years with an agreement for each "
            f"pair of {', '.join(names)}; cells read years with / years observed: "
            + "; ".join(f"{r.state_a}–{r.state_b} {r.years_with}/{r.years_observed}"
                        for r in pairs.itertuples(index=False)) + ".")
    return _maybe_save(fig, save)


# ----------------------------------------------------------------------------- per year


def agreements_per_year_data(years: tuple[int, int] = (1900, 2018), *, local=None
                             ) -> pd.DataFrame:
    """New agreements per year signed in each source (``accords.datasets.model.SOURCES``):
    one row per year, one column per source. A year outside a source's coverage is NA, not 0.

    >>> agreements_per_year_data((1990, 2010)).loc[1995, "dcad"]  # doctest: +SKIP
    """
    from accords.datasets import REGISTRY, model

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
    years: tuple[int, int] = (1900, 2018), *, local=None, figsize=FIGSIZE,
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
