"""The unified model: Agreement, Membership and DyadYear frames across DCAD, ATOP and COW.

Every frame carries ``attrs`` with ``source``, ``version``, ``directed``, ``coverage`` and
``unit``. Dyad-years follow each codebook's own rule:

* **ATOP**: two members of one alliance form a dyad in every year from the later entry to the
  earlier exit, unless one joined after the other left (no common date); an exit coded 0 means
  in force on 31 Dec 2018. Members without a COW code (Annam, 8152) are dropped, as ATOP does.
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

import numpy as np
import pandas as pd

from .load import load_atop, load_atop_alliances, load_cow_alliances, load_cow_system, load_dcad
from .registry import get

__all__ = ["DCA_FLAGS", "SOURCES", "agreements", "dyad_panel", "dyad_years", "memberships"]

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
            "end_reason": pd.Series("endYearEstimate (author's estimate, capped at 2010)",
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
    out = out.reset_index(drop=True)
    out.attrs = _attrs(source, "agreement", False)
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


def _atop_dyads(directed: bool, local) -> pd.DataFrame:
    from accords.states import registry

    m = load_atop(local=local)
    known = registry(local).ccodes()
    m = m[m["member"].isin(known)]
    exit_day = _end_of_period(m["exit_date"], m["exit_precision"])
    spells = pd.DataFrame({
        "agreement_id": m["atopid"], "ccode": m["member"],
        "start": m["entry_date"], "end": exit_day,
        **{f: m[f].fillna(0).astype("int8") for f in ATOP_FLAGS[1:]},
    })
    spells["atopally"] = np.int8(1)
    years = _spell_pairs(spells, list(ATOP_FLAGS), "2018-12-31")
    return _finish(years, list(ATOP_FLAGS), directed, "atop",
                   rule="members' common dates from yrent to yrexit (0 = in force 2018-12-31)")


def _cow_dyads(directed: bool, local) -> pd.DataFrame:
    c = load_cow_alliances(local=local)
    spells = pd.DataFrame({
        "agreement_id": c["version4id"], "ccode": c["ccode"], "start": c["mem_start"],
        "end": _end_of_period(c["mem_end"], c["mem_end_precision"]),
        **{f: c[f].fillna(False).astype("int8") for f in COW_FLAGS[1:]},
    })
    spells["cowally"] = np.int8(1)
    years = _spell_pairs(spells, list(COW_FLAGS), "2012-12-31")
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
    v1 = d["categoryConf"].isin(["medium", "high"]).to_numpy()
    general = (d["type"] == "general").to_numpy()
    base = pd.DataFrame({
        "ccode1": d[["ccode1", "ccode2"]].min(axis=1).to_numpy(dtype="int64"),
        "ccode2": d[["ccode1", "ccode2"]].max(axis=1).to_numpy(dtype="int64"),
        "signYear": d["signYear"].to_numpy(dtype="int64"),
        "endYear": d["endYearEstimate"].to_numpy(dtype="int64"),
        "dcaGeneralV1": general & v1, "dcaGeneralV2": general,
        "dcaSectorV1": ~general & v1, "dcaSectorV2": ~general,
        "dcaAnyV1": v1, "dcaAnyV2": np.ones(len(d), dtype=bool),
    })
    years = _expand_years(base, "signYear", "endYear")
    present = years.groupby(["ccode1", "ccode2", "year"], as_index=False)[list(DCA_FLAGS)].max()
    if directed:
        mirror = present.rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})
        present = pd.concat([present, mirror], ignore_index=True)
    grid = _system_pairs(get("dcad").coverage, directed, local)
    out = grid.merge(present, on=["ccode1", "ccode2", "year"], how="left")
    for f in DCA_FLAGS:
        out[f] = out[f].fillna(False).astype("boolean")
    for col in ("ccode1", "ccode2", "year"):
        out[col] = out[col].astype("Int64")
    out.insert(0, "source", "dcad")
    out = out.sort_values(["ccode1", "ccode2", "year"]).reset_index(drop=True)
    out.attrs = _attrs("dcad", "dyad-year", directed,
                       rule="pairs of COW system members; DCA from signYear to "
                            "endYearEstimate inclusive")
    return out


def dyad_years(source: str, *, directed: bool = False, local=None) -> pd.DataFrame:
    """Dyad-years of one source following its codebook (see the module docstring).

    DCAD gives every pair of COW system members 1980–2010 with six boolean flags; ATOP and
    COW give the allied dyad-years only, with obligation flags and ``n_agreements``.
    Undirected frames have ``ccode1 < ccode2``; directed frames hold both orders (for ATOP
    and COW the flags of the directed row are ccode1's own obligations).
    """
    _check_source(source)
    if source == "dcad":
        return _dcad_dyads(directed, local)
    if source == "atop":
        return _atop_dyads(directed, local)
    return _cow_dyads(directed, local)


def dyad_panel(
    pairs, years: tuple[int, int], *, sources=SOURCES, local=None
) -> pd.DataFrame:
    """Flags of each source for the given undirected pairs and years, NA outside coverage.

    Inside a source's coverage an absent dyad-year is False (no agreement); outside it the
    flag is NA, never False. DCAD flags are NA too when either state is not a COW system
    member that year, since DCAD codes only member pairs.
    """
    rows = [(min(a, b), max(a, b), y) for a, b in pairs for y in range(years[0], years[1] + 1)]
    panel = pd.DataFrame(rows, columns=["ccode1", "ccode2", "year"]).astype("Int64")
    for source in sources:
        dy = dyad_years(source, directed=False, local=local)
        flag = {"dcad": "dcaAnyV1", "atop": "atopally", "cow_alliance": "cowally"}[source]
        cols = [c for c in dy.columns if c not in ("source",) and c not in ("ccode1", "ccode2",
                                                                             "year")]
        part = dy[["ccode1", "ccode2", "year", *cols]]
        part = part.rename(columns={c: f"{source}_{c}" for c in cols})
        panel = panel.merge(part, on=["ccode1", "ccode2", "year"], how="left")
        start, end = get(source).coverage
        inside = panel["year"].between(start, end)
        for col in (f"{source}_{c}" for c in cols):
            if source == "dcad":
                continue  # the DCAD grid already holds every member pair in coverage
            fill = 0 if col.endswith("n_agreements") else False
            panel[col] = panel[col].where(~inside | panel[col].notna(), fill)
        panel[f"{source}_{flag}"] = panel[f"{source}_{flag}"].astype("boolean")
    panel.attrs = {"source": ",".join(sources), "directed": False, "unit": "dyad-year",
                   "coverage": {s: get(s).coverage for s in sources},
                   "version": {s: get(s).version for s in sources}}
    return panel
