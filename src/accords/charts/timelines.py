"""The timeline of a country's dyads: ATOP alliance spells, DCAD DCAs and news-coded
agreements, one band per partner and one lane per source (:data:`LANES`), with the years a
source does not cover hatched.

>>> LANES
('ATOP alliances', 'DCAD DCAs', 'News-coded')
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from accords.charts.countries import resolve_states
from accords.charts.style import (
    FIGSIZE,
    PALETTE,
    SMALL_PT,
    _check_years,
    _count,
    _dataset_label,
    _decimal_year,
    _figure,
    _lay_out,
    _maybe_save,
    _note,
    _records_label,
    _source_note,
    _title,
    house_style,
)
from accords.link.dyads import ATOP_END, RecordsInput
from accords.link.frames import provide

__all__ = ["LANES", "timeline", "timeline_data"]


LANES = ("ATOP alliances", "DCAD DCAs", "News-coded")
_TIMELINE_COLUMNS = ["dyad", "partner", "ccode1", "ccode2", "lane", "mark", "source",
                     "item_id", "label", "start", "end", "open_end", "detail"]


def timeline_data(
    country, partners=None, *, years: tuple[int, int] = (1990, 2025),
    records: RecordsInput = None, news: pd.DataFrame | None = None,
    dcad: pd.DataFrame | None = None, spells: pd.DataFrame | None = None, local=None,
) -> pd.DataFrame:
    """The marks of :func:`timeline`: one row per spell, event, period or gap.

    ``mark`` is ``spell`` (an ATOP alliance: the days both states were members; a DCAD DCA:
    signature to 31 December of ``endYearEstimate``), ``event`` (a news-coded signing),
    ``period`` (a news-coded programme's years) or ``gap`` (years a source does not cover:
    ``not coded by DCAD``, ``not coded by ATOP``, ``not both states`` before both were COW
    members). Spells running to the end of a source's coverage have ``open_end`` True.
    Rows are clipped to ``years``. ``partners`` defaults to every state the country shares
    an alliance, DCA or record with in those years, sorted by English name. The frames it
    reads may be given, built once elsewhere: ``news``
    (:func:`accords.link.dyads.news_frame`, instead of ``records``), ``dcad``
    (:func:`accords.datasets.load_dcad`) and ``spells``
    (:func:`accords.link.dyads.pair_spells`); each is checked (:mod:`accords.link.frames`).

    >>> tl = timeline_data("Russia", "Kazakistan", years=(1990, 2025))  # doctest: +SKIP
    >>> tl.query("lane == 'DCAD DCAs'")["item_id"].tolist()[:2]  # doctest: +SKIP
    ['DCADv1.0-1320', 'DCADv1.0-1321']
    """
    from accords.datasets import REGISTRY
    from accords.datasets.states import registry

    lo, hi = _check_years(years)
    first = pd.Timestamp(f"{lo}-01-01")
    last = pd.Timestamp(f"{hi}-12-31")
    focal = resolve_states(country, date=hi, local=local)
    if len(focal) != 1:
        raise ValueError(f"timeline needs one focal country, got {len(focal)}: {country!r}; "
                         "pass the others as partners")
    me = focal[0].ccode
    dcad = provide("dcad", dcad, local=local)
    spells = provide("spells", spells, local=local)
    news = provide("news", news, records=records, local=local)
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
                s.start, ATOP_END if open_end else s.end, open_end,
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
    records: RecordsInput = None, news: pd.DataFrame | None = None,
    dcad: pd.DataFrame | None = None, spells: pd.DataFrame | None = None, local=None,
    figsize=None, save: str | None = None,
) -> Figure:
    """Alliances (ATOP), DCAs (DCAD) and news-coded agreements of a country's dyads over time.

    One band per partner, three lanes per band: ATOP alliance spells, DCAD DCA spells
    (general in blue, sector in orange) and news-coded records (a diamond at each signing,
    a bar for each programme's period). Years a source does not cover are hatched and
    labelled. Data: :func:`timeline_data` (which takes the same frames).

    >>> fig = timeline("Россия", ["Казахстан", "UZB"], years=(1990, 2025))  # doctest: +SKIP
    """
    data = timeline_data(country, partners, years=years, records=records, news=news,
                         dcad=dcad, spells=spells, local=local)
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
