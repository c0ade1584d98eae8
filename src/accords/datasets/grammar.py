"""The dyad-year grammar: create a universe of state-years or dyad-years, then add sources.

Peace scientists build analysis frames in two moves: ``create_*`` gives every unit of
observation (each COW system member in each year, or each pair of them), and each ``add_*``
merges one dataset onto it. Frames carry their type in ``attrs`` (``unit``: ``state-year`` or
``dyad-year``; ``directed``; ``system``); every ``add_*`` checks it and stops with a message
naming the function to run first. Rules every verb keeps:

* **Coverage.** A flag is NA, never False, outside its source's years (ATOP 1815–2018, COW
  alliances 1816–2012, DCAD 1980–2010, COW majors 1816–2016) and for a state that was not a
  system member that year. Inside, an absent dyad-year is False: no agreement.
* **Directed or not.** On a directed frame each row holds ccode1's own obligations toward
  ccode2 (both directions are filled); on an undirected frame (``ccode1 < ccode2``) an
  obligation of either state counts (the max rule; an NA counts only when nothing is True).
* **False dyads.** Two states that were members in the same year but never on the same day
  (the Yemens and unified Yemen in 1990) form no dyad.
* **Nothing depends on today's date**, and every verb returns a new frame.

>>> from accords.datasets import grammar as g
>>> dy = g.create_dyadyears(directed=False, years=(1990, 1991))  # doctest: +SKIP
>>> dy = g.add_cow_majors(g.add_atop(dy))  # doctest: +SKIP
>>> dy.attrs["added"]  # doctest: +SKIP
['atop', 'cow_majors']
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from .load import load_cow_states
from .registry import get

__all__ = [
    "FrameTypeError",
    "add_atop",
    "add_cow_alliance",
    "add_cow_majors",
    "add_dcad",
    "create_dyadyears",
    "create_stateyears",
    "frame_type",
]

_KEYS = ["ccode1", "ccode2", "year"]
#: COW states2016: its years, and its last day (from the dataset registry)
_SYSTEM_YEARS = get("cow_states").coverage
_STATES_END = get("cow_states").last_day
#: COW states2016 ends on 2016-12-31; members on that day are carried up to this year (to
#: meet ATOP's 2018 and news-coded records), as ``attrs["carried"]`` says when it applies.
LAST_YEAR = 2024


class FrameTypeError(TypeError):
    """A verb was given a frame of the wrong type (or one whose ``attrs`` were lost)."""


def frame_type(frame: pd.DataFrame) -> str | None:
    """``'dyad-year'``, ``'state-year'`` or None for a frame not made by ``create_*``."""
    if not isinstance(frame, pd.DataFrame):
        return None
    return frame.attrs.get("unit") if frame.attrs.get("grammar") else None


def _require(frame, verb: str, units: tuple[str, ...]) -> str:
    unit = frame_type(frame)
    if unit in units:
        return unit
    first = " or ".join(f"create_{u.replace('-', '')}s()" for u in units)
    got = ("no frame" if not isinstance(frame, pd.DataFrame) else
           f"a frame with attrs unit={frame.attrs.get('unit')!r}" if frame.attrs
           else "a frame without accords attrs (a merge or copy may have dropped them)")
    raise FrameTypeError(
        f"{verb}() needs a {' or '.join(units)} frame made by accords.datasets.{first}; it "
        f"got {got}. Run {first} first, then {verb}() on its result.")


def _membership_days(local) -> pd.DataFrame:
    """One row per state spell: ccode, first day, last day (ongoing spells run open)."""
    states = load_cow_states(local=local)
    end = states["end"].astype("datetime64[s]")
    end = end.mask(end >= pd.Timestamp(_STATES_END), pd.Timestamp(LAST_YEAR, 12, 31))
    return pd.DataFrame({"ccode": states["ccode"].astype("int64"),
                         "start": states["start"].astype("datetime64[s]"), "end": end})


def _check_years(years, verb: str) -> tuple[int, int]:
    if years is None:
        return _SYSTEM_YEARS
    try:
        first, last = (int(years[0]), int(years[-1]))
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"{verb}(years=...) takes (first, last), e.g. {_SYSTEM_YEARS}; got "
                         f"{years!r}") from None
    if first > last or first < _SYSTEM_YEARS[0] or last > LAST_YEAR:
        raise ValueError(
            f"{verb}(years={years!r}): years run {_SYSTEM_YEARS[0]}–{LAST_YEAR} (COW "
            f"states2016, with states still members on {_STATES_END} carried to {LAST_YEAR}), "
            "first <= last.")
    return first, last


def _carried(years: tuple[int, int]) -> dict:
    if years[1] <= _SYSTEM_YEARS[1]:
        return {}
    return {"carried": f"COW states2016 ends {_STATES_END}; its members on that day are kept "
                       f"as members in {_SYSTEM_YEARS[1] + 1}–{years[1]} (no state born or "
                       f"gone after {_SYSTEM_YEARS[1]})"}


def _state_year_spans(years: tuple[int, int], local) -> pd.DataFrame:
    """ccode, year, first and last day of membership in that year (one row per spell-year)."""
    spells = _membership_days(local)
    rows = []
    for ccode, start, end in spells.itertuples(index=False):
        y0, y1 = max(start.year, years[0]), min(end.year, years[1])
        for year in range(y0, y1 + 1):
            lo = max(start, pd.Timestamp(year, 1, 1))
            hi = min(end, pd.Timestamp(year, 12, 31))
            rows.append((ccode, year, lo, hi))
    return pd.DataFrame(rows, columns=["ccode", "year", "first_day", "last_day"])


def create_stateyears(system: str = "cow", years=None, *, local=None) -> pd.DataFrame:
    """Every COW system member in every year of ``years`` (default 1816–2016).

    Columns ``ccode``, ``year``, ``stateabb``; ``attrs`` say ``unit='state-year'``.

    >>> sy = create_stateyears(years=(1990, 1990))  # doctest: +SKIP
    >>> sorted(set(sy.loc[sy["ccode"].isin([678, 679, 680]), "ccode"]))  # doctest: +SKIP
    [678, 679, 680]
    """
    if system != "cow":
        raise ValueError(f"system={system!r}: only the COW state system ('cow') is available")
    years = _check_years(years, "create_stateyears")
    spans = _state_year_spans(years, local)
    states = load_cow_states(local=local).drop_duplicates("ccode", keep="last")
    abb = dict(zip(states["ccode"].astype("int64"), states["stateabb"], strict=True))
    out = spans[["ccode", "year"]].drop_duplicates().sort_values(["ccode", "year"])
    out = out.reset_index(drop=True).astype("Int64")
    out["stateabb"] = pd.array(out["ccode"].map(abb), dtype="string")
    out.attrs = {"grammar": True, "unit": "state-year", "directed": False, "system": "cow",
                 "years": years, "added": [], "source": "cow_states", **_carried(years),
                 "version": {"cow_states": get("cow_states").version},
                 "coverage": {"cow_states": get("cow_states").coverage}}
    return out


def create_dyadyears(system: str = "cow", directed: bool = True, years=None, *,
                     local=None) -> pd.DataFrame:
    """Every pair of COW system members in every year of ``years`` (default 1816–2016).

    Directed frames hold both orders; undirected ones ``ccode1 < ccode2``. Two states that
    were members in the same year but never on the same day form no dyad (678 and 679 in
    1990: North Yemen left on 21 May, Yemen began on 22 May).

    >>> dy = create_dyadyears(directed=False, years=(1990, 1990))  # doctest: +SKIP
    >>> ((dy["ccode1"] == 678) & (dy["ccode2"] == 679)).any()  # doctest: +SKIP
    False
    """
    if system != "cow":
        raise ValueError(f"system={system!r}: only the COW state system ('cow') is available")
    years = _check_years(years, "create_dyadyears")
    spans = _state_year_spans(years, local)
    per = spans.groupby(["ccode", "year"]).agg(n=("ccode", "size"), lo=("first_day", "min"),
                                               hi=("last_day", "max"))
    whole = ((per["n"] == 1) & (per["lo"].dt.day_of_year == 1)
             & (per["hi"].dt.month == 12) & (per["hi"].dt.day == 31))
    partial = set(per.index[~whole.to_numpy()])
    parts = []
    for year, group in spans.groupby("year", sort=True):
        codes = np.unique(group["ccode"].to_numpy(dtype="int64"))
        a, b = np.meshgrid(codes, codes, indexing="ij")
        keep = a != b if directed else a < b
        frame = pd.DataFrame({"ccode1": a[keep], "ccode2": b[keep], "year": year})
        suspects = [c for c in codes if (c, year) in partial]
        if suspects:
            days = {c: list(zip(g["first_day"], g["last_day"], strict=True))
                    for c, g in group[group["ccode"].isin(suspects)].groupby("ccode")}
            whole = (pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31))
            check = frame["ccode1"].isin(suspects) | frame["ccode2"].isin(suspects)
            false = [not any(lo1 <= hi2 and lo2 <= hi1
                             for lo1, hi1 in days.get(c1, [whole])
                             for lo2, hi2 in days.get(c2, [whole]))
                     for c1, c2 in zip(frame.loc[check, "ccode1"], frame.loc[check, "ccode2"],
                                       strict=True)]
            drop = frame.index[check][np.asarray(false, dtype=bool)]
            frame = frame.drop(drop)
        parts.append(frame)
    out = pd.concat(parts, ignore_index=True).astype("Int64")
    out = out.sort_values(_KEYS).reset_index(drop=True)
    out.attrs = {"grammar": True, "unit": "dyad-year", "directed": directed, "system": "cow",
                 "years": years, "added": [], "source": "cow_states", **_carried(years),
                 "version": {"cow_states": get("cow_states").version},
                 "coverage": {"cow_states": get("cow_states").coverage},
                 "rule": "pairs of COW members in the year with at least one common day"}
    return out


def _members_mask(frame: pd.DataFrame, columns, local) -> np.ndarray:
    from .model import system_membership

    members = pd.MultiIndex.from_frame(system_membership(local))
    ok = np.ones(len(frame), dtype=bool)
    for col in columns:
        keys = pd.MultiIndex.from_arrays([frame[col].astype("int64"),
                                          frame["year"].astype("int64")])
        ok &= keys.isin(members)
    return ok


def _merge_flags(frame: pd.DataFrame, part: pd.DataFrame, flags: dict[str, str],
                 source: str, coverage: tuple[int, int], local, *, counts=(), text=()
                 ) -> pd.DataFrame:
    """Left-merge ``part`` (keys + flags) onto a dyad-year frame under the coverage rules."""
    taken = [c for c in flags.values() if c in frame.columns]
    if taken:
        raise ValueError(f"the frame already has {', '.join(taken)}: add {source} once, or "
                         "drop those columns first.")
    part = part[[*_KEYS, *flags]].rename(columns=flags)
    for col in _KEYS:
        part[col] = part[col].astype("Int64")
    out = frame.merge(part.assign(_in_source=True), on=_KEYS, how="left",
                      validate="many_to_one")
    absent = out.pop("_in_source").isna().to_numpy()
    covered = out["year"].between(*coverage).fillna(False).to_numpy()
    # False (or 0) only for a dyad-year the source covers and does not list; a value the
    # source itself leaves NA (obligations that vary by partner) stays NA.
    no_agreement = absent & covered & _members_mask(out, ("ccode1", "ccode2"), local)
    for old, new in flags.items():
        if old in text:
            out[new] = out[new].astype("string")
            continue
        values = out[new].astype("Int64" if old in counts else "boolean")
        values[no_agreement] = 0 if old in counts else False
        values[~covered] = pd.NA
        out[new] = values
    out.attrs = {**frame.attrs, "added": [*frame.attrs.get("added", []), source],
                 "coverage": {**frame.attrs.get("coverage", {}), source: coverage},
                 "version": {**frame.attrs.get("version", {}), source: get(
                     "atop" if source.startswith("atop") else source).version}}
    return out


def add_atop(frame: pd.DataFrame, *, nna: bool = False, extra: bool = False, official=None,
             local=None) -> pd.DataFrame:
    """ATOP 5.1 alliance obligations onto a dyad-year or state-year frame.

    On a state-year frame the columns are those of ATOP's state-year file (``atop_atopally``,
    the five obligations toward any partner, ``atop_number``, ``atop_atopids``), rebuilt by
    :func:`accords.datasets.model.atop_state_years`. On a dyad-year frame it adds
    ``atop_atopally``, ``atop_defense``, ``atop_offense``, ``atop_neutral``,
    ``atop_nonagg``, ``atop_consul``, ``atop_obligations_vary`` and ``atop_number``;
    ``extra=True`` adds ``atop_atopids``, ``atop_shareob`` (co-members with no obligation
    to each other), ``atop_transyr`` (a year in which a shared alliance starts or ends) and
    ``atop_bilatno`` / ``atop_multino`` (shared bilateral / multilateral alliances);
    ``nna=True`` leaves out pure nonaggression pacts; ``official`` is passed to
    :func:`accords.datasets.model.dyad_years` (ATOP's own directed file when available).

    >>> dy = add_atop(create_dyadyears(years=(2000, 2000)))  # doctest: +SKIP
    >>> dy.loc[(dy.ccode1 == 365) & (dy.ccode2 == 705), "atop_defense"].item()  # doctest: +SKIP
    True
    """
    from .model import atop_state_years, dyad_years

    unit = _require(frame, "add_atop", ("dyad-year", "state-year"))
    if unit == "state-year":
        return _add_atop_states(frame, atop_state_years(nna=nna, local=local), nna, local)
    directed = bool(frame.attrs.get("directed"))
    dy = dyad_years("atop", directed=directed, local=local, nna=nna, extra=extra,
                    official=official)
    flags = {f: f"atop_{f}" for f in ("atopally", "defense", "offense", "neutral", "nonagg",
                                      "consul", "obligations_vary")}
    flags["n_agreements"] = "atop_number"
    text: tuple[str, ...] = ()
    if extra:
        for col in ("atopids", "transyr", "shareob", "bilatno", "multino"):
            if col in dy:
                flags[col] = f"atop_{col}"
        text = ("atopids",)
    name = "atop_nna" if nna else "atop"
    out = _merge_flags(frame, dy, flags, name, get("atop").coverage, local,
                       counts=("n_agreements", "bilatno", "multino"), text=text)
    out.attrs["atop"] = {k: v for k, v in dy.attrs.items()
                         if k in ("file", "rule", "obligations_from")}
    return out


def _add_atop_states(frame: pd.DataFrame, sy: pd.DataFrame, nna: bool, local) -> pd.DataFrame:
    """ATOP state-years onto a state-year frame: False/0 for a covered member year without
    an alliance, NA outside 1815–2018."""
    columns = {f: f"atop_{f}" for f in ("atopally", "defense", "offense", "neutral",
                                         "nonagg", "consul", "number", "atopids")}
    taken = [c for c in columns.values() if c in frame.columns]
    if taken:
        raise ValueError(f"the frame already has {', '.join(taken)}: add ATOP once.")
    part = sy[["ccode", "year", *columns]].rename(columns=columns)
    out = frame.merge(part.assign(_in=True), on=["ccode", "year"], how="left",
                      validate="many_to_one")
    absent = out.pop("_in").isna().to_numpy()
    coverage = get("atop").coverage
    covered = out["year"].between(*coverage).fillna(False).to_numpy()
    for col in columns.values():
        if col == "atop_atopids":
            out[col] = out[col].astype("string")
            continue
        values = out[col].astype("Int64" if col == "atop_number" else "boolean")
        values[absent & covered] = 0 if col == "atop_number" else False
        values[~covered] = pd.NA
        out[col] = values
    name = "atop_nna" if nna else "atop"
    out.attrs = {**frame.attrs, "added": [*frame.attrs.get("added", []), name],
                 "coverage": {**frame.attrs.get("coverage", {}), name: coverage},
                 "version": {**frame.attrs.get("version", {}), name: get("atop").version},
                 "atop": {k: sy.attrs[k] for k in ("file", "rule")}}
    return out


def add_cow_alliance(frame: pd.DataFrame, *, local=None) -> pd.DataFrame:
    """COW Formal Alliances v4.1 onto a dyad-year frame (1816–2012).

    Adds ``cow_cowally``, ``cow_defense``, ``cow_neutrality``, ``cow_nonaggression``,
    ``cow_entente`` and ``cow_number``.

    >>> dy = add_cow_alliance(create_dyadyears(directed=False, years=(1950, 1950)))
    ... # doctest: +SKIP
    """
    from .model import COW_FLAGS, dyad_years

    _require(frame, "add_cow_alliance", ("dyad-year",))
    dy = dyad_years("cow_alliance", directed=bool(frame.attrs.get("directed")), local=local)
    flags = {f: f"cow_{f}" for f in COW_FLAGS}
    flags["n_agreements"] = "cow_number"
    return _merge_flags(frame, dy, flags, "cow_alliance", get("cow_alliance").coverage, local,
                        counts=("n_agreements",))


def add_dcad(frame: pd.DataFrame, *, local=None) -> pd.DataFrame:
    """DCAD v1.0 defence cooperation agreements onto a dyad-year frame (1980–2010).

    Adds the six DCAD flags as ``dcad_dcaGeneralV1`` … ``dcad_dcaAnyV2`` (V1: medium or high
    confidence; V2: all); DCAD is symmetric, so both directions of a directed frame agree.

    >>> dy = add_dcad(create_dyadyears(directed=False, years=(2000, 2000)))  # doctest: +SKIP
    """
    from .model import DCA_FLAGS, dyad_years

    _require(frame, "add_dcad", ("dyad-year",))
    dy = dyad_years("dcad", directed=bool(frame.attrs.get("directed")), local=local)
    out = _merge_flags(frame, dy, {f: f"dcad_{f}" for f in DCA_FLAGS}, "dcad",
                       get("dcad").coverage, local)
    out.attrs["dcad"] = {k: dy.attrs[k] for k in ("excluded", "outside_system", "rule")}
    return out


def _majors(local) -> pd.DataFrame:
    from .clean import read_text_csv
    from .fetch import fetch

    path = fetch("cow_states", files=["majors2016.csv"], local=local)["majors2016.csv"]
    df = read_text_csv(path)
    rows = []
    for r in df.itertuples(index=False):
        start = dt.date(int(r.styear), int(r.stmonth), int(r.stday))
        end = dt.date(int(r.endyear), int(r.endmonth), int(r.endday))
        for year in range(start.year, end.year + 1):
            rows.append((int(r.ccode), year))
    return pd.DataFrame(sorted(set(rows)), columns=["ccode", "year"])


def add_cow_majors(frame: pd.DataFrame, *, local=None) -> pd.DataFrame:
    """COW major powers (majors2016) onto a state-year (``cowmaj``) or dyad-year frame
    (``cowmaj1``, ``cowmaj2``): True in any year a state was a major power for at least a
    day, False otherwise, NA outside 1816–2016.

    >>> sy = add_cow_majors(create_stateyears(years=(1990, 1991)))  # doctest: +SKIP
    >>> bool(sy.query("ccode == 365 and year == 1991")["cowmaj"].item())  # doctest: +SKIP
    True
    """
    unit = _require(frame, "add_cow_majors", ("state-year", "dyad-year"))
    majors = pd.MultiIndex.from_frame(_majors(local))
    coverage = get("cow_states").coverage
    out = frame.copy()
    columns = {"ccode": "cowmaj"} if unit == "state-year" else {"ccode1": "cowmaj1",
                                                                "ccode2": "cowmaj2"}
    inside = out["year"].between(*coverage).fillna(False).to_numpy()
    for code, name in columns.items():
        keys = pd.MultiIndex.from_arrays([out[code].astype("int64"),
                                          out["year"].astype("int64")])
        values = pd.array(keys.isin(majors), dtype="boolean")
        values[~inside] = pd.NA
        out[name] = values
    out.attrs = {**frame.attrs, "added": [*frame.attrs.get("added", []), "cow_majors"],
                 "coverage": {**frame.attrs.get("coverage", {}), "cow_majors": coverage}}
    return out
