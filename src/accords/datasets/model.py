"""The unified model: Agreement, Membership and DyadYear frames across DCAD, ATOP and COW.

Every frame carries ``attrs`` with ``source``, ``version``, ``directed``, ``coverage`` and
``unit``. Dyad-years follow each codebook's own rule:

* **ATOP** (codebook §2.6–2.7): two members of one alliance phase form a dyad in every year
  from the later entry to the earlier exit, unless one joined on or after the day the other
  left (the exit date is the first day out); an exit coded 0 means in force on 31 Dec 2018.
  In a year in which an alliance changes phase, the dyad takes the later phase's
  obligations. Obligations that vary by partner (``obvary``) cannot be placed from the
  member file and are NA (``obligations_vary``) unless ATOP's directed file is available.
  Members without a COW code (Annam, 8152) are dropped, as ATOP does.
* **COW alliances**: a dyad-year needs at least one common day of membership; a blank end is
  ongoing on 31 Dec 2012.
* **DCAD**: every ordered pair of COW system members in each year 1980–2010; a DCA counts from
  signYear to endYearEstimate inclusive. V1 = categoryConf medium or high, V2 = all;
  General / Sector / Any filter on ``type``.

Unknown days count as the first of the month for entries and the last for exits (a missing
month likewise), so a spell is never shortened by a missing part.

>>> from accords.datasets import model
>>> dy = model.dyad_years("atop")  # doctest: +SKIP
>>> dy.attrs["unit"]  # doctest: +SKIP
'dyad-year'
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .fetch import FetchError, file_path
from .load import (
    load_atop,
    load_atop_alliances,
    load_atop_ddyr,
    load_cow_alliances,
    load_cow_system,
    load_dcad,
    official_atop_ddyr,
)
from .registry import get

#: the last year each dataset codes (from the registry)
_DCAD_LAST, _ATOP_LAST = get("dcad").coverage[1], get("atop").coverage[1]
_COW_END, _STATES_LAST = get("cow_alliance").last_day, get("cow_states").coverage[1]

__all__ = ["DCA_FLAGS", "SOURCES", "agreements", "atop_state_years", "dyad_panel", "dyad_years",
           "memberships",
           "signed_by", "system_membership"]

SOURCES = ("dcad", "atop", "cow_alliance")
DCA_FLAGS = ("dcaGeneralV1", "dcaGeneralV2", "dcaSectorV1", "dcaSectorV2", "dcaAnyV1",
             "dcaAnyV2")
ATOP_FLAGS = ("atopally", "defense", "offense", "neutral", "nonagg", "consul")
COW_FLAGS = ("cowally", "defense", "neutrality", "nonaggression", "entente")


def _check_source(source: str) -> None:
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}; choose one of {', '.join(SOURCES)}")


def _attrs(source: str, unit: str, directed: bool, **extra) -> dict:
    record = get(source)
    return {"source": source, "version": record.version, "directed": directed,
            "coverage": record.coverage, "unit": unit, **extra}


def _end_of_period(date: pd.Series, precision: pd.Series) -> pd.Series:
    """Latest day a date with the given precision can stand for."""
    out = date.copy()
    month = (precision == "month").fillna(False).to_numpy()
    year = (precision == "year").fillna(False).to_numpy()
    out[month] = (date[month] + pd.offsets.MonthEnd(0)).to_numpy()
    out[year] = (date[year] + pd.offsets.YearEnd(0)).to_numpy()
    return out


# ----------------------------------------------------------------------------- agreements


def agreements(source: str, *, local=None) -> pd.DataFrame:
    """One row per agreement: id, kind, signature and end dates (with precision and reason)."""
    _check_source(source)
    if source == "dcad":
        d = load_dcad(local=local)
        out = pd.DataFrame({
            "agreement_id": d["DCAid"].astype("string"),
            "kind": ("DCA " + d["type"] + " / " + d["category1"].fillna("?")).astype("string"),
            "date_signed": d["sign_date"], "date_signed_precision": d["sign_precision"],
            "end_year": d["endYearEstimate"],
            "end_reason": pd.Series(f"endYearEstimate (author's estimate, capped at {_DCAD_LAST})",
                                    index=d.index, dtype="string"),
            "n_members": pd.Series(2, index=d.index, dtype="Int64"),
            "confidence": d["categoryConf"].astype("string"),
        })
    elif source == "atop":
        a = load_atop_alliances(local=local)
        kinds = [c for c in ("defense", "offense", "neutral", "nonagg", "consul")]
        label = a[kinds].eq(1).apply(lambda r: ", ".join(k for k, v in r.items() if v), axis=1)
        members = load_atop(local=local).groupby("atopid")["member"].nunique()
        out = pd.DataFrame({
            "agreement_id": a["atopid"].astype("string"),
            "kind": label.astype("string"),
            "date_signed": a["begin_date"], "date_signed_precision": a["begin_precision"],
            "end_year": a["endyr"], "end_reason": a["end_reason"],
            "n_members": a["atopid"].map(members).astype("Int64"),
            "confidence": pd.Series(pd.NA, index=a.index, dtype="string"),
        })
    else:
        c = load_cow_alliances(local=local)
        first = c.sort_values(["version4id", "mem_start"]).groupby("version4id", as_index=False)
        g = first.agg(kind=("ss_type", "first"), date_signed=("alliance_start", "first"),
                      prec=("alliance_start_precision", "first"),
                      end_year=("all_end_year", "max"),
                      end_reason=("alliance_end_reason", "first"),
                      n_members=("ccode", "nunique"))
        out = pd.DataFrame({
            "agreement_id": g["version4id"].astype("string"),
            "kind": g["kind"].astype("string"), "date_signed": g["date_signed"],
            "date_signed_precision": g["prec"].astype("string"),
            "end_year": g["end_year"].astype("Int64"), "end_reason": g["end_reason"],
            "n_members": g["n_members"].astype("Int64"),
            "confidence": pd.Series(pd.NA, index=g.index, dtype="string"),
        })
    out.insert(0, "source", source)
    out.insert(1, "version", get(source).version)
    out["year_signed"] = out["date_signed"].dt.year.astype("Int64")
    if source == "dcad":
        out = pd.concat([out, _parties(d, local)], axis=1)
    out = out.reset_index(drop=True)
    out.attrs = _attrs(source, "agreement", False)
    return out


def _parties(d: pd.DataFrame, local) -> pd.DataFrame:
    """Both DCAD signatories as COW code, ISO3 on the signing date and English name."""
    from accords.datasets.states import registry

    reg = registry(local)
    cols: dict[str, list] = {}
    for n in ("1", "2"):
        codes = d[f"ccode{n}"].astype("int64").tolist()
        dates = d["sign_date"].tolist()
        cols[f"ccode{n}"] = codes
        cols[f"iso3_{n}"] = [reg.iso3_for(c, t) for c, t in zip(codes, dates, strict=True)]
        cols[f"name{n}"] = [reg.lookup(c).name("en") for c in codes]
    out = pd.DataFrame(cols, index=d.index)
    for n in ("1", "2"):
        out[f"ccode{n}"] = out[f"ccode{n}"].astype("Int64")
        out[f"iso3_{n}"] = out[f"iso3_{n}"].astype("string")
        out[f"name{n}"] = out[f"name{n}"].astype("string")
    return out


def signed_by(state, years: tuple[int, int] | None = None, *, source: str = "dcad",
              local=None) -> pd.DataFrame:
    """The agreements a state signed (DCAD), with the partner as COW code, ISO3 and name.

    ``state`` is anything the state registry reads (a COW code, ISO3, a name in any known
    language); ``years`` bounds the signing year (inclusive). One row per agreement, the
    state's own code in ``ccode``, its partner in ``partner_ccode``, ``partner_iso3`` and
    ``partner_name``, sorted by signing date.

    >>> signed_by("Italia", (2000, 2010))[["date_signed", "partner_name"]].head(2)
    ... # doctest: +SKIP
    """
    from accords.datasets.states import UnknownStateError, registry

    if source != "dcad":
        raise ValueError("signed_by() reads DCAD, whose agreements have two named parties; "
                         "for alliances use memberships('atop') or memberships('cow_alliance')")
    reg = registry(local)
    a = agreements("dcad", local=local)
    if years is not None:
        a = a[a["year_signed"].between(int(years[0]), int(years[1]))]
    ccodes = {reg.lookup(state).ccode}
    first, last = years or get("dcad").coverage
    for year in range(int(first), int(last) + 1):  # DEU: 260 to 1990, 255 after
        try:
            ccodes.add(reg.ccode_for(state, year))
        except UnknownStateError:
            continue
    rows = []
    for side, other in (("1", "2"), ("2", "1")):
        mine = a[a[f"ccode{side}"].isin(ccodes)]
        rows.append(pd.DataFrame({
            "agreement_id": mine["agreement_id"], "date_signed": mine["date_signed"],
            "date_signed_precision": mine["date_signed_precision"], "kind": mine["kind"],
            "ccode": mine[f"ccode{side}"], "partner_ccode": mine[f"ccode{other}"],
            "partner_iso3": mine[f"iso3_{other}"], "partner_name": mine[f"name{other}"],
            "end_year": mine["end_year"], "confidence": mine["confidence"]}))
    out = pd.concat(rows).sort_values(["date_signed", "agreement_id"], kind="stable")
    out = out.reset_index(drop=True)
    out.attrs = {**a.attrs, "unit": "agreement", "state": sorted(ccodes), "years": years}
    return out


# ----------------------------------------------------------------------------- memberships


def memberships(source: str, *, local=None) -> pd.DataFrame:
    """One row per member spell: agreement, ccode, start/end with precision and end reason.

    For DCAD (bilateral, no membership dates) each signatory is a member from the signature
    to 31 December of ``endYearEstimate``.
    """
    _check_source(source)
    if source == "dcad":
        d = load_dcad(local=local)
        end = pd.to_datetime(d["endYearEstimate"].astype("int64").astype(str) + "-12-31")
        parts = []
        for col in ("ccode1", "ccode2"):
            parts.append(pd.DataFrame({
                "agreement_id": d["DCAid"].astype("string"), "ccode": d[col],
                "start": d["sign_date"], "start_precision": d["sign_precision"],
                "end": end.to_numpy(), "end_precision": "year",
                "end_reason": "endYearEstimate", "phase": pd.NA,
            }))
        out = pd.concat(parts, ignore_index=True)
    elif source == "atop":
        m = load_atop(local=local)
        out = pd.DataFrame({
            "agreement_id": m["atopid"].astype("string"), "ccode": m["member"],
            "start": m["entry_date"], "start_precision": m["entry_precision"],
            "end": m["exit_date"], "end_precision": m["exit_precision"],
            "end_reason": m["exit_reason"], "phase": m["phase"],
        })
    else:
        c = load_cow_alliances(local=local)
        out = pd.DataFrame({
            "agreement_id": c["version4id"].astype("string"), "ccode": c["ccode"],
            "start": c["mem_start"], "start_precision": c["mem_start_precision"],
            "end": c["mem_end"], "end_precision": c["mem_end_precision"],
            "end_reason": c["mem_end_reason"], "phase": pd.NA,
        })
    for col in ("start_precision", "end_precision", "end_reason"):
        out[col] = out[col].astype("string")
    out["phase"] = out["phase"].astype("Int64")
    out.insert(0, "source", source)
    out.insert(1, "version", get(source).version)
    out = out.sort_values(["agreement_id", "ccode", "start"], kind="stable").reset_index(
        drop=True)
    out.attrs = _attrs(source, "member spell", False)
    return out


# ----------------------------------------------------------------------------- dyad-years


def _expand_years(frame: pd.DataFrame, first: str, last: str) -> pd.DataFrame:
    """Repeat each row once per year from ``first`` to ``last`` inclusive (vectorised)."""
    lo = frame[first].to_numpy(dtype="int64")
    hi = frame[last].to_numpy(dtype="int64")
    n = np.maximum(hi - lo + 1, 0)
    idx = np.repeat(np.arange(len(frame)), n)
    offsets = np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)
    out = frame.iloc[idx].reset_index(drop=True)
    out["year"] = lo[idx] + offsets
    return out


def _spell_pairs(spells: pd.DataFrame, flags: list[str], end_cap: str) -> pd.DataFrame:
    """Pairs of members of one agreement with at least one common day, one row per year.

    ``spells`` has agreement_id, ccode, start, end (NaT = in force at ``end_cap``) and the
    member-level flags; output columns ccode1 (whose flags are kept), ccode2, year, flags.
    """
    s = spells.copy()
    s["start"] = s["start"].astype("datetime64[s]")
    s["end"] = s["end"].astype("datetime64[s]").fillna(pd.Timestamp(end_cap))
    left = s[["agreement_id", "ccode", "start", "end", *flags]]
    right = s[["agreement_id", "ccode", "start", "end"]]
    pairs = left.merge(right, on="agreement_id", suffixes=("1", "2"))
    pairs = pairs[pairs["ccode1"] != pairs["ccode2"]]
    lo = pairs[["start1", "start2"]].max(axis=1)
    hi = pairs[["end1", "end2"]].min(axis=1)
    pairs = pairs[lo <= hi].assign(y0=lo[lo <= hi].dt.year, y1=hi[lo <= hi].dt.year)
    years = _expand_years(pairs, "y0", "y1")
    return years[["agreement_id", "ccode1", "ccode2", "year", *flags]]


def _finish(df: pd.DataFrame, flags, directed: bool, source: str, **extra) -> pd.DataFrame:
    """Aggregate alliance-level pair-years into dyad-years (any flag; count of agreements)."""
    if not directed:
        # Undirected: an obligation of either state counts; keep ccode1 < ccode2.
        swap = df["ccode1"] > df["ccode2"]
        c1 = df["ccode1"].where(~swap, df["ccode2"])
        c2 = df["ccode2"].where(~swap, df["ccode1"])
        df = df.assign(ccode1=c1, ccode2=c2)
    agg = {f: (f, "max") for f in flags}
    out = df.groupby(["ccode1", "ccode2", "year"], as_index=False).agg(
        **agg, n_agreements=("agreement_id", "nunique"))
    for f in flags:
        out[f] = out[f].astype("boolean")
    out["n_agreements"] = out["n_agreements"].astype("Int64")
    for col in ("ccode1", "ccode2", "year"):
        out[col] = out[col].astype("Int64")
    out.insert(0, "source", source)
    out = out.sort_values(["ccode1", "ccode2", "year"]).reset_index(drop=True)
    out.attrs = _attrs(source, "dyad-year", directed, **extra)
    return out


def _first_day_out(date: pd.Series, precision: pd.Series, open_end: str) -> pd.Series:
    """ATOP's exit date is the first day out of the alliance. With only the month known it is
    taken as the month's last day (a spell is never shortened by a missing part); an exit
    coded 0 (in force at the end of coverage) is ``open_end``, the day after coverage."""
    return _end_of_period(date, precision).astype("datetime64[s]").fillna(
        pd.Timestamp(open_end))


def _kleene_any(frame: pd.DataFrame, keys: list[str], flags: list[str]) -> pd.DataFrame:
    """Per group, True when any row is True, else NA when any row is NA, else False."""
    parts = {}
    for f in flags:
        parts[f"{f}__one"] = frame[f].eq(1).fillna(False).to_numpy()
        parts[f"{f}__na"] = frame[f].isna().to_numpy()
    helper = pd.DataFrame({**{k: frame[k].to_numpy() for k in keys}, **parts})
    g = helper.groupby(keys, sort=False).max()
    out = g.index.to_frame(index=False)
    for f in flags:
        one = g[f"{f}__one"].to_numpy()
        na = g[f"{f}__na"].to_numpy()
        values = pd.array(one, dtype="boolean")
        values[~one & na] = pd.NA
        out[f] = values
    return out


ATOP_OBLIGATIONS = ATOP_FLAGS[1:]


def _atop_pair_years(m: pd.DataFrame) -> pd.DataFrame:
    """Directed alliance-pair-years from ATOP member rows, one row per alliance, dyad, year.

    Members pair within one alliance phase, in every year from the later entry to the
    earlier exit, as the codebook (§2.6–2.7) builds its dyads: members in the years of their
    spells, minus pairs in which one joined on or after the day the other left (the exit
    date is the first day out, so Germany 260 leaving on 1990-10-03 never meets 255 joining
    that day; an exit on 1 January still counts that year). In a year in which the alliance
    changes phase the pair takes the obligations of its latest phase that year. ccode1's
    flags are its own member-level obligations; when its obligations vary by partner
    (``obvary == 1``) a flag it holds toward some partner is NA (unknown toward ccode2),
    while a flag it holds toward nobody stays 0.
    """
    vary = m["obvary"].eq(1).fillna(False).to_numpy()
    spells = pd.DataFrame({
        "agreement_id": m["atopid"].to_numpy(dtype="int64"),
        "phase": m["phase"].fillna(0).to_numpy(dtype="int64"),
        "ccode": m["member"].to_numpy(dtype="int64"),
        "start": m["entry_date"].astype("datetime64[s]").to_numpy(),
        "out": _first_day_out(m["exit_date"], m["exit_precision"],
                              f"{_ATOP_LAST + 1}-01-01").to_numpy(),
        "vary": vary,
        "bilat": m["bilat"].eq(1).fillna(False).to_numpy() if "bilat" in m else False,
    })
    for f in ATOP_OBLIGATIONS:
        held = m[f].fillna(0).to_numpy(dtype="int8") == 1
        values = pd.array(held.astype("int8"), dtype="Int8")
        values[held & vary] = pd.NA
        spells[f] = values
    left = spells
    right = spells[["agreement_id", "phase", "ccode", "start", "out"]]
    pairs = left.merge(right, on=["agreement_id", "phase"], suffixes=("1", "2"))
    pairs = pairs[pairs["ccode1"] != pairs["ccode2"]]
    lo = np.maximum(pairs["start1"].to_numpy(), pairs["start2"].to_numpy())
    hi = np.minimum(pairs["out1"].to_numpy(), pairs["out2"].to_numpy())
    keep = lo < hi  # one joining on or after the day the other left: never simultaneous
    pairs = pairs[keep].assign(lo=lo[keep], hi=hi[keep], y0=pd.DatetimeIndex(lo[keep]).year,
                               y1=np.minimum(pd.DatetimeIndex(hi[keep]).year, _ATOP_LAST))
    years = _expand_years(pairs, "y0", "y1")
    ended = pd.DatetimeIndex(years["hi"]) < pd.Timestamp(_ATOP_LAST + 1, 1, 1)
    years["trans"] = (years["year"].to_numpy() == pd.DatetimeIndex(years["lo"]).year) | (
        ended & (years["year"].to_numpy() == pd.DatetimeIndex(years["hi"]).year))
    # A transition year: the phase in force latest in the year is the one ATOP codes.
    years = years.sort_values(["agreement_id", "ccode1", "ccode2", "year", "lo"], kind="stable")
    years = years.drop_duplicates(["agreement_id", "ccode1", "ccode2", "year"], keep="last")
    return years[["agreement_id", "phase", "ccode1", "ccode2", "year", "vary", "trans",
                  "bilat", *ATOP_OBLIGATIONS]].reset_index(drop=True)


def _atop_finish(years: pd.DataFrame, directed: bool, extra: bool) -> pd.DataFrame:
    """Alliance-pair-years to dyad-years: an obligation through any alliance counts (NA when
    the only candidates vary by partner); undirected, an obligation of either state counts."""
    if not directed:
        swap = years["ccode1"] > years["ccode2"]
        c1 = years["ccode1"].where(~swap, years["ccode2"])
        c2 = years["ccode2"].where(~swap, years["ccode1"])
        years = years.assign(ccode1=c1, ccode2=c2)
    keys = ["ccode1", "ccode2", "year"]
    out = _kleene_any(years, keys, list(ATOP_OBLIGATIONS))
    grouped = years.groupby(keys, sort=False)
    out["atopally"] = pd.array(np.ones(len(out), dtype=bool), dtype="boolean")
    out["obligations_vary"] = pd.array(grouped["vary"].max().to_numpy(), dtype="boolean")
    out["n_agreements"] = pd.array(grouped["agreement_id"].nunique().to_numpy(), dtype="Int64")
    more = []
    if extra:
        unique = years[[*keys, "agreement_id"]].drop_duplicates().sort_values(
            [*keys, "agreement_id"])
        values = unique[keys].to_numpy(dtype="int64")
        new = np.ones(len(unique), dtype=bool)
        new[1:] = (values[1:] != values[:-1]).any(axis=1)
        starts = np.flatnonzero(new)
        ends = np.append(starts[1:], len(unique))
        text = unique["agreement_id"].astype(str).to_numpy(dtype=object)
        joined = [" ".join(text[a:b]) for a, b in zip(starts, ends, strict=True)]
        ids = pd.Series(joined, index=pd.MultiIndex.from_arrays(values[starts].T, names=keys))
        ids = ids.reindex(pd.MultiIndex.from_frame(out[keys].astype("int64")))
        out["atopids"] = pd.array(ids.to_numpy(), dtype="string")
        more.append("atopids")
        if "trans" in years:
            out["transyr"] = pd.array(grouped["trans"].max().to_numpy(), dtype="boolean")
            more.append("transyr")
        if "bilat" in years:
            bilateral = years[years["bilat"]].groupby(keys)["agreement_id"].nunique()
            index = pd.MultiIndex.from_frame(out[keys].astype("int64"))
            counts = bilateral.reindex(index).fillna(0).to_numpy(dtype="int64")
            out["bilatno"] = pd.array(counts, dtype="Int64")
            out["multino"] = out["n_agreements"] - out["bilatno"]
            more += ["bilatno", "multino"]
        # Co-members without obligations to each other (two defenders of a third state).
        none = ~out[list(ATOP_OBLIGATIONS)].fillna(True).any(axis=1)
        out["shareob"] = pd.array(none.to_numpy(), dtype="boolean")
        more.append("shareob")
    out = out[[*keys, *ATOP_FLAGS, "obligations_vary", "n_agreements", *more]]
    for col in keys:
        out[col] = out[col].astype("Int64")
    out.insert(0, "source", "atop")
    return out.sort_values(keys).reset_index(drop=True)


def atop_state_years(*, nna: bool = False, local=None) -> pd.DataFrame:
    """ATOP state-years rebuilt from the member file, as ATOP's ``atop5_1sy`` codes them.

    A member counts in every year from its entry year to its exit year (an exit on 1 January
    still counts that year); in a year in which an alliance changes phase the later phase's
    obligations apply. A flag is 1 when the state holds that obligation toward any partner
    (obligations that vary by partner count here: the member file says the state holds
    them). Columns ``ccode, year, atopally, defense … consul, number, atopids``.

    >>> sy = atop_state_years()  # doctest: +SKIP
    >>> sy.query("ccode == 713")["year"].max()  # doctest: +SKIP
    1980
    """
    from accords.datasets.states import registry

    m = load_atop(local=local, nna=nna)
    m = m[m["member"].isin(registry(local).ccodes())]  # Annam (8152): no COW code, as ATOP
    rows = pd.DataFrame({
        "agreement_id": m["atopid"].to_numpy(dtype="int64"),
        "ccode": m["member"].to_numpy(dtype="int64"),
        "entry": m["entry_date"].astype("datetime64[s]").to_numpy(),
        "y0": m["yrent"].to_numpy(dtype="int64"),
        "y1": m["yrexit"].fillna(_ATOP_LAST).to_numpy(dtype="int64"),
        **{f: m[f].fillna(0).to_numpy(dtype="int8") for f in ATOP_OBLIGATIONS},
    })
    years = _expand_years(rows, "y0", "y1")
    years = years.sort_values(["agreement_id", "ccode", "year", "entry"], kind="stable")
    years = years.drop_duplicates(["agreement_id", "ccode", "year"], keep="last")
    g = years.groupby(["ccode", "year"], as_index=False)
    out = g[list(ATOP_OBLIGATIONS)].max()
    for f in ATOP_OBLIGATIONS:
        out[f] = out[f].astype(bool).astype("boolean")
    out.insert(2, "atopally", pd.array(np.ones(len(out), dtype=bool), dtype="boolean"))
    counts = g["agreement_id"].nunique()["agreement_id"].to_numpy()
    out["number"] = pd.array(counts, dtype="Int64")
    ids = g["agreement_id"].agg(lambda v: " ".join(map(str, sorted(set(v)))))
    out["atopids"] = pd.array(ids["agreement_id"].to_numpy(), dtype="string")
    for col in ("ccode", "year"):
        out[col] = out[col].astype("Int64")
    out = out.sort_values(["ccode", "year"]).reset_index(drop=True)
    out.attrs = _attrs("atop", "state-year", False,
                       file="atop5_1m_NNA.csv" if nna else "atop5_1m.csv",
                       rule="members from entry year to exit year; the later phase in a "
                            "transition year; an obligation toward any partner counts")
    return out


def _atop_from_official(path, directed: bool, nna: bool, extra: bool, local,
                        verify: bool = True) -> pd.DataFrame:
    """Dyad-years in accords' columns from ATOP's own directed dyad-year file."""
    o = load_atop_ddyr(path, local=local, nna=nna, verify=verify)
    years = pd.DataFrame({
        "agreement_id": np.zeros(len(o), dtype="int64"),
        "ccode1": o["stateA"].to_numpy(dtype="int64"),
        "ccode2": o["stateB"].to_numpy(dtype="int64"),
        "year": o["year"].to_numpy(dtype="int64"),
        "vary": np.zeros(len(o), dtype=bool),
        **{f: o[f].astype("Int8") for f in ATOP_OBLIGATIONS},
    })
    ids = [c for c in o.columns if c.startswith("atopid")]
    number = (o["number"] if "number" in o else o[ids].notna().sum(axis=1)).astype("Int64")
    out = _atop_finish(years, directed, False)
    keys = ["ccode1", "ccode2", "year"]
    lookup = years[keys].assign(n=number.to_numpy())
    if not directed:
        lookup = lookup.assign(ccode1=lookup[["ccode1", "ccode2"]].min(axis=1),
                               ccode2=lookup[["ccode1", "ccode2"]].max(axis=1))
    lookup = lookup.groupby(keys, as_index=False)["n"].max()
    for col in keys:
        lookup[col] = lookup[col].astype("Int64")
    out = out.drop(columns="n_agreements").merge(lookup.rename(columns={"n": "n_agreements"}),
                                                 on=keys, how="left")
    if extra and ids:
        long = o[["stateA", "stateB", "year", *ids]].melt(["stateA", "stateB", "year"]).dropna()
        if not directed:
            lo = long[["stateA", "stateB"]].min(axis=1)
            long = long.assign(stateB=long[["stateA", "stateB"]].max(axis=1), stateA=lo)
        text = long.groupby(["stateA", "stateB", "year"])["value"].agg(
            lambda v: " ".join(map(str, sorted(set(int(x) for x in v)))))
        text.index = text.index.set_names(keys)
        text = text.rename("atopids").reset_index()
        for col in keys:
            text[col] = text[col].astype("Int64")
        out = out.merge(text, on=keys, how="left")
        out["atopids"] = out["atopids"].astype("string")
    return out.sort_values(keys).reset_index(drop=True)


def _atop_dyads(directed: bool, local, *, nna: bool = False, extra: bool = False,
                official=None, verify: bool = True) -> pd.DataFrame:
    """ATOP dyad-years: from the official directed file when available, else rebuilt."""
    from accords.datasets.states import registry

    path = None
    if official is None or official is True:
        path = official_atop_ddyr(nna=nna, local=local)
        if path is None and official is True:
            raise FetchError(
                f"ATOP's official directed dyad-year file ({_ddyr_name(nna)}) is not "
                "available: place it (from the ATOP 5.1 csv zip) in "
                f"{file_path('atop', _ddyr_name(nna)).parent} or in `local`, or pass "
                "official=False to rebuild the dyad-years from the member file.")
    elif official is not False:
        path = official  # a path given by the user
    if path is not None:
        out = _atop_from_official(path, directed, nna, extra, local, verify)
        out.attrs = _attrs(
            "atop", "dyad-year", directed, file=Path(path).name,
            rule="ATOP's official directed dyad-year file" + (
                "" if directed else "; undirected: an obligation of either state counts"),
            obligations_from=f"{Path(path).name} (official ATOP file, used as published)")
        return out
    m = load_atop(local=local, nna=nna)
    known = registry(local).ccodes()
    m = m[m["member"].isin(known)]
    out = _atop_finish(_atop_pair_years(m), directed, extra)
    out.attrs = _attrs(
        "atop", "dyad-year", directed,
        file="atop5_1m_NNA.csv" if nna else "atop5_1m.csv",
        rule="members of one alliance phase in the years from the later entry to the "
             "earlier exit, unless one joined on or after the other's exit (the first day "
             f"out; 0 = in force {get('atop').last_day}); a transition year takes the later "
             "phase",
        obligations_from="rebuilt from the member file (atop5_1m); the official directed "
                         "file was not available, so dyad-years whose obligations vary by "
                         "partner (obvary = 1) have obligations_vary and NA flags")
    return out


def _ddyr_name(nna: bool) -> str:
    return "atop5_1ddyr_NNA.csv" if nna else "atop5_1ddyr.csv"


def _cow_dyads(directed: bool, local) -> pd.DataFrame:
    c = load_cow_alliances(local=local)
    spells = pd.DataFrame({
        "agreement_id": c["version4id"], "ccode": c["ccode"], "start": c["mem_start"],
        "end": _end_of_period(c["mem_end"], c["mem_end_precision"]),
        **{f: c[f].fillna(False).astype("int8") for f in COW_FLAGS[1:]},
    })
    spells["cowally"] = np.int8(1)
    years = _spell_pairs(spells, list(COW_FLAGS), str(_COW_END))
    return _finish(years, list(COW_FLAGS), directed, "cow_alliance",
                   rule="at least one common day of membership in the year")


def _system_pairs(years: tuple[int, int], directed: bool, local) -> pd.DataFrame:
    """All pairs of COW system members in each year (ordered when directed)."""
    sysm = load_cow_system(local=local)
    sysm = sysm[sysm["year"].between(*years)]
    parts = []
    for year, group in sysm.groupby("year", sort=True):
        codes = np.sort(group["ccode"].to_numpy(dtype="int64"))
        a, b = np.meshgrid(codes, codes, indexing="ij")
        keep = a != b if directed else a < b
        parts.append(pd.DataFrame({"ccode1": a[keep], "ccode2": b[keep], "year": year}))
    return pd.concat(parts, ignore_index=True)


def _dcad_dyads(directed: bool, local) -> pd.DataFrame:
    d = load_dcad(local=local)
    same = d["same_state"].fillna(False).to_numpy()
    excluded = d.loc[same, "DCAid"].astype(str).tolist()
    d = d[~same]
    v1 = d["categoryConf"].isin(["medium", "high"]).to_numpy()
    general = (d["type"] == "general").to_numpy()
    base = pd.DataFrame({
        "DCAid": d["DCAid"].astype(str).to_numpy(),
        "ccode1": d[["ccode1", "ccode2"]].min(axis=1).to_numpy(dtype="int64"),
        "ccode2": d[["ccode1", "ccode2"]].max(axis=1).to_numpy(dtype="int64"),
        "signYear": d["signYear"].to_numpy(dtype="int64"),
        "endYear": d["endYearEstimate"].to_numpy(dtype="int64"),
        "dcaGeneralV1": general & v1, "dcaGeneralV2": general,
        "dcaSectorV1": ~general & v1, "dcaSectorV2": ~general,
        "dcaAnyV1": v1, "dcaAnyV2": np.ones(len(d), dtype=bool),
    })
    years = _expand_years(base, "signYear", "endYear")
    grid = _system_pairs(get("dcad").coverage, directed, local)
    # DCA-years in which a signatory is not a system member have no cell in the grid: the
    # loader lists and reports them (attrs["outside_system"]); they are not dropped in silence.
    outside_rows = list(d.attrs.get("outside_system", []))
    present = years.groupby(["ccode1", "ccode2", "year"], as_index=False)[list(DCA_FLAGS)].max()
    if directed:
        mirror = present.rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})
        present = pd.concat([present, mirror], ignore_index=True)
    out = grid.merge(present, on=["ccode1", "ccode2", "year"], how="left")
    for f in DCA_FLAGS:
        out[f] = out[f].fillna(False).astype("boolean")
    for col in ("ccode1", "ccode2", "year"):
        out[col] = out[col].astype("Int64")
    out.insert(0, "source", "dcad")
    out = out.sort_values(["ccode1", "ccode2", "year"]).reset_index(drop=True)
    out.attrs = _attrs("dcad", "dyad-year", directed,
                       rule="pairs of COW system members; DCA from signYear to "
                            "endYearEstimate inclusive",
                       excluded=excluded, outside_system=outside_rows)
    return out


def dyad_years(source: str, *, directed: bool = False, local=None, nna: bool = False,
               extra: bool = False, official=None, verify: bool = True) -> pd.DataFrame:
    """Dyad-years of one source following its codebook (see the module docstring).

    DCAD gives every pair of COW system members 1980–2010 with six boolean flags; ATOP and
    COW give the allied dyad-years only, with obligation flags and ``n_agreements``.
    Undirected frames have ``ccode1 < ccode2``; directed frames hold both orders (for ATOP
    and COW the flags of the directed row are ccode1's own obligations).

    ATOP options: ``nna=True`` uses the files without pure nonaggression pacts;
    ``extra=True`` adds ``atopids`` (the shared alliances, space-separated); ``official``
    chooses ATOP's own directed dyad-year file: None uses it when a verified copy is
    available (never downloading), True requires it, False rebuilds from the member file,
    a path reads that file (checked against its registered git blob id unless
    ``verify=False``). ``attrs["obligations_from"]`` says which was used.

    >>> dy = dyad_years("atop", directed=True)  # doctest: +SKIP
    >>> dy.attrs["obligations_from"]  # doctest: +SKIP
    'rebuilt from the member file (atop5_1m); ...'
    """
    _check_source(source)
    if source == "dcad":
        return _dcad_dyads(directed, local)
    if source == "atop":
        return _atop_dyads(directed, local, nna=nna, extra=extra, official=official,
                           verify=verify)
    return _cow_dyads(directed, local)


def system_membership(local=None) -> pd.DataFrame:
    """COW system members by year (``ccode, year``), 1816–2018: states still members at the
    end of states2016 (2016-12-31) are carried into 2017–2018, the rest of ATOP's span."""
    sysm = load_cow_system(local=local)[["ccode", "year"]].astype("int64")
    last = sysm[sysm["year"] == _STATES_LAST]
    extra = [last.assign(year=y) for y in range(_STATES_LAST + 1, _ATOP_LAST + 1)]
    return pd.concat([sysm, *extra], ignore_index=True)


def _both_members(frame: pd.DataFrame, local) -> pd.Series:
    """Whether both states of each dyad-year are COW system members that year."""
    members = pd.MultiIndex.from_frame(system_membership(local))
    ok = pd.Series(True, index=frame.index)
    for col in ("ccode1", "ccode2"):
        keys = pd.MultiIndex.from_arrays([frame[col].astype("int64"),
                                          frame["year"].astype("int64")])
        ok &= keys.isin(members)
    return ok


def dyad_panel(
    pairs, years: tuple[int, int], *, sources=SOURCES, local=None
) -> pd.DataFrame:
    """Flags of each source for the given undirected pairs and years, NA outside coverage.

    Inside a source's coverage an absent dyad-year is False (no agreement); outside it the
    flag is NA, never False. Every flag is NA too when either state is not a COW system
    member that year (no state, no alliance to deny); a dyad-year a source does code for a
    non-member (ATOP's members outside the COW system) keeps its value.
    """
    rows = [(min(a, b), max(a, b), y) for a, b in pairs for y in range(years[0], years[1] + 1)]
    panel = pd.DataFrame(rows, columns=["ccode1", "ccode2", "year"]).astype("Int64")
    both_members = _both_members(panel, local)
    for source in sources:
        dy = dyad_years(source, directed=False, local=local)
        flag = {"dcad": "dcaAnyV1", "atop": "atopally", "cow_alliance": "cowally"}[source]
        cols = [c for c in dy.columns if c not in ("source",) and c not in ("ccode1", "ccode2",
                                                                             "year")]
        part = dy[["ccode1", "ccode2", "year", *cols]]
        part = part.rename(columns={c: f"{source}_{c}" for c in cols})
        panel = panel.merge(part, on=["ccode1", "ccode2", "year"], how="left")
        start, end = get(source).coverage
        inside = (panel["year"].between(start, end) & both_members).to_numpy()
        for col in (f"{source}_{c}" for c in cols):
            if source == "dcad":
                continue  # the DCAD grid already holds every member pair in coverage
            if col.endswith(("_atopids", "_obligations_vary")):
                continue
            fill = 0 if col.endswith("n_agreements") else False
            panel[col] = panel[col].where(~inside | panel[col].notna(), fill)
        panel[f"{source}_{flag}"] = panel[f"{source}_{flag}"].astype("boolean")
    panel.attrs = {"source": ",".join(sources), "directed": False, "unit": "dyad-year",
                   "coverage": {s: get(s).coverage for s in sources},
                   "version": {s: get(s).version for s in sources}}
    return panel
