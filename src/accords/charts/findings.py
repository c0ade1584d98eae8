"""Sentences that state findings, computed from the data for the countries chosen.

Notebook 05 states its findings through these functions, so that switching its parameters
to other countries changes the prose with the numbers: nothing is written for the reference
case only. Each returns Markdown.

>>> from accords.charts.findings import join_names
>>> join_names(["Mali", "Niger", "Chad"])
'Mali, Niger and Chad'
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from accords.datasets.registry import REGISTRY

__all__ = ["Finding", "dyad_rows", "join_names", "links_summary", "matrix_summary",
           "network_summary"]

#: the years DCAD codes and the last year of ATOP (from the dataset registry)
DCAD_FIRST, DCAD_LAST = REGISTRY["dcad"].coverage
ATOP_LAST = REGISTRY["atop"].coverage[1]
NUMBERS = {0: "no", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six",
           7: "seven", 8: "eight", 9: "nine", 10: "ten"}


class Finding(str):
    """A sentence (Markdown): a notebook renders it, its plain form is the same text."""

    def _repr_markdown_(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return str(self)


def join_names(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _n(count: int, noun: str, plural: str | None = None) -> str:
    word = NUMBERS.get(int(count), f"{int(count):,}")
    return f"{word} {noun if count == 1 else (plural or noun + 's')}"


def dyad_rows(frame: pd.DataFrame, states: Sequence) -> pd.DataFrame:
    """The rows of ``frame`` (with ``ccode1``/``ccode2``) between the first of ``states``
    and any of the others, in the frame's order."""
    focal = states[0].ccode
    others = {s.ccode for s in states[1:]}
    a, b = frame["ccode1"], frame["ccode2"]
    keep = ((a == focal) & b.isin(others)) | ((b == focal) & a.isin(others))
    return frame[keep.fillna(False).astype(bool)]


def _dyad_name(row, names: dict[int, str]) -> str:
    return f"{names.get(int(row.ccode1), row.ccode1)}–{names.get(int(row.ccode2), row.ccode2)}"


def links_summary(labels: pd.DataFrame, related: pd.DataFrame, states: Sequence,
                  n_records: int) -> Finding:
    """What each news-coded record of the chosen dyads is (new, renewal, continuation) and
    what its dyad already had in DCAD and ATOP; or that no record concerns those dyads."""
    names = {s.ccode: s.name("en") for s in states}
    focal, partners = states[0].name("en"), [s.name("en") for s in states[1:]]
    ours = dyad_rows(labels, states)
    if ours.empty:
        return Finding(f"None of the project's {_n(n_records, 'news-coded record')} is between "
                f"{focal} and {join_names(partners)}, so there is nothing to label as new, "
                "renewal or continuation yet. Code articles about these states (notebook 04) "
                "and rerun this notebook.")
    out = []
    for row in ours.itertuples(index=False):
        period = ("" if pd.isna(row.period_start) else
                  f", {row.period_start}–{row.period_end}" if pd.notna(row.period_end)
                  and row.period_end != row.period_start else f", {row.period_start}")
        dcas = related[(related["record_id"] == row.record_id)
                       & (related["source"] == "dcad")]["date_signed"].dropna()
        alliances = [a for a in str(row.alliances_in_force or "").split(";") if a]
        base = (f"- **{row.record_id}** ({row.kind.replace('_', ' ')}{period}, "
                f"{_dyad_name(row, names)}) is **{row.label}**: {row.basis}.")
        if len(dcas):
            first, last = dcas.min().year, dcas.max().year
            span = f"{first}" if first == last else f"{first}–{last}"
            still = int(row.dcas_at_dcad_end) if pd.notna(row.dcas_at_dcad_end) else 0
            base += (f" DCAD codes {_n(len(dcas), 'earlier agreement')} of the dyad "
                     f"({span}), {_n(still, 'of them', 'of them')} still coded in {DCAD_LAST}.")
        else:
            base += " DCAD codes no earlier agreement of the dyad."
        base += (f" The two states share {_n(len(alliances), 'ATOP alliance')} in force at "
                 f"the end of ATOP's coverage in {ATOP_LAST}" + (
                     f": {', '.join(alliances)}." if alliances else "."))
        out.append(base.replace("one of them still", "it is still").replace(
            "no of them still coded", "none still coded"))
    return Finding("\n".join(out))


def network_summary(net) -> Finding:
    """How many partners each highlighted state had in the network's year, and its rank."""
    attrs = net.nodes.attrs
    rows = net.nodes[net.nodes["highlighted"]].sort_values(["degree", "ccode"],
                                                           ascending=[False, True])
    if rows.empty:
        return Finding(f"No state is highlighted in the {net.year} network.")
    ranks = attrs.get("ranks", {})
    parts, alone = [], []
    for row in rows.itertuples(index=False):
        if int(row.degree) == 0:
            alone.append(row.name)
            continue
        rank = ranks.get(int(row.ccode))
        where = f", {_ordinal(rank)} of {attrs['states_in_network']}" if rank else ""
        parts.append(f"{row.name} {int(row.degree)}{where}")
    text = (f"In {net.year}, DCAs were in force between {_n(attrs['states_in_network'], 'state')}"
            f" (DCAD). Partners of the chosen states, with their rank by number of partners: "
            + ("; ".join(parts) if parts else "none") + ".")
    if alone:
        text += f" {join_names(alone)} had no DCA in force that year."
    return Finding(text)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def matrix_summary(matrix: pd.DataFrame) -> Finding:
    """Why pairs count different numbers of observed years in the dyad matrix."""
    lo, hi = matrix.attrs["years"]
    pairs = matrix[(matrix["ccode_a"] < matrix["ccode_b"])]
    observed = pairs["years_observed"].astype("Int64")
    if observed.isna().all() or int(observed.fillna(0).max()) == 0:
        return Finding(f"No source codes these pairs in {lo}–{hi}: every cell is hatched as "
                       "not coded.")
    groups = {}
    for row in pairs.itertuples(index=False):
        groups.setdefault(int(row.years_observed), []).append(f"{row.state_a}–{row.state_b}")
    ordered = sorted(groups.items(), key=lambda kv: (len(kv[1]), -kv[0]))
    common_n, common = max(groups.items(), key=lambda kv: (len(kv[1]), kv[0]))
    dcad_years = max(0, min(hi, DCAD_LAST) - max(lo, DCAD_FIRST) + 1)
    text = (f"Of {lo}–{hi}, DCAD observes at most {_n(dcad_years, 'year')} "
            f"({max(lo, DCAD_FIRST)}–{min(hi, DCAD_LAST)}) for a pair of states that were both "
            f"members of the state system; after {DCAD_LAST} a year is observed only where a "
            f"news-coded record covers it. Most pairs ({len(common)} of {len(pairs)}) count "
            f"{common_n} observed years")
    others = [(n, names) for n, names in ordered if n != common_n]
    if others:
        text += "; " + "; ".join(f"{join_names(names)} {n}" for n, names in others)
    return Finding(text + ".")
