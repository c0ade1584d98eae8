"""Export grammar frames for the tools researchers use next: Stata, Parquet, CSV + codebook.

Every export writes the frame and says what each column is: Stata files carry variable labels
and a data label; Parquet files carry the frame's ``attrs`` and the codebook in their metadata
(R's ``arrow::read_parquet`` reads them); CSV files get a ``<name>.codebook.csv`` beside them
with one row per column: name, type, source, meaning. Missing values stay missing in every
format (Stata's ``.``, Parquet nulls, empty CSV cells), never 0. Writes are atomic.

>>> from accords.datasets import grammar, export
>>> dy = grammar.add_dcad(grammar.create_dyadyears(years=(2000, 2000)))  # doctest: +SKIP
>>> export.export(dy, "dyads.dta")  # doctest: +SKIP
PosixPath('dyads.dta')
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pandas as pd

from accords.atomic import atomic_open

__all__ = ["STATA_TIME_STAMP", "codebook", "export"]

#: Stata files record a time stamp; a fixed one keeps two exports of one frame identical
#: (no output depends on today's date).
STATA_TIME_STAMP = datetime.datetime(2000, 1, 1)

_BASE = {
    "ccode": ("cow_states", "COW country code"),
    "ccode1": ("cow_states", "COW country code of state 1 (state A when directed)"),
    "ccode2": ("cow_states", "COW country code of state 2 (state B when directed)"),
    "year": ("cow_states", "year of observation"),
    "stateabb": ("cow_states", "COW state abbreviation"),
    "cowmaj": ("cow_majors", "major power for at least one day of the year (majors2016)"),
    "cowmaj1": ("cow_majors", "state 1 a major power in the year (majors2016)"),
    "cowmaj2": ("cow_majors", "state 2 a major power in the year (majors2016)"),
}
_ATOP = {
    "atopally": "the two states share an ATOP alliance in the year",
    "defense": "defence obligation (directed: of state 1 toward state 2)",
    "offense": "offence obligation (directed: of state 1 toward state 2)",
    "neutral": "neutrality obligation (directed: of state 1 toward state 2)",
    "nonagg": "nonaggression obligation (directed: of state 1 toward state 2)",
    "consul": "consultation obligation (directed: of state 1 toward state 2)",
    "obligations_vary": "obligations vary by partner (obvary); NA flags: toward whom unknown",
    "number": "number of shared ATOP alliances in the year",
    "atopids": "ATOP ids of the shared alliances, space-separated",
    "transyr": "a shared alliance starts or ends in the year",
    "shareob": "co-members with no obligation to each other",
    "bilatno": "number of shared bilateral ATOP alliances in the year",
    "multino": "number of shared multilateral ATOP alliances in the year",
}
_COW = {
    "cowally": "the two states share a COW alliance in the year",
    "defense": "COW Type I defence pact",
    "neutrality": "COW Type II neutrality pact",
    "nonaggression": "COW Type IIa/IIb nonaggression pact",
    "entente": "COW Type III entente",
    "number": "number of shared COW alliances in the year",
}
_DCAD = {
    "dcaGeneralV1": "general DCA in force, medium or high confidence",
    "dcaGeneralV2": "general DCA in force, any confidence",
    "dcaSectorV1": "sector DCA in force, medium or high confidence",
    "dcaSectorV2": "sector DCA in force, any confidence",
    "dcaAnyV1": "any DCA in force, medium or high confidence",
    "dcaAnyV2": "any DCA in force, any confidence",
}
_NEWS = {
    "news_agreement": "a news-coded record puts the dyad under an agreement (NA: none seen)",
    "news_records": "number of news-coded records for the dyad-year",
    "news_record_ids": "ids of those records (article#n), ';'-separated",
}


def _describe(column: str) -> tuple[str, str]:
    if column in _BASE:
        return _BASE[column]
    if column in _NEWS:
        return "news", _NEWS[column]
    for prefix, source, table in (("atop_", "atop", _ATOP), ("cow_", "cow_alliance", _COW),
                                  ("dcad_", "dcad", _DCAD)):
        if column.startswith(prefix) and column[len(prefix):] in table:
            return source, table[column[len(prefix):]]
    return "user", "added by the user (not described by accords)"


def codebook(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per column of a grammar frame: name, type, source (with version), meaning,
    and the source's coverage (outside it the column is missing)."""
    versions = frame.attrs.get("version", {}) or {}
    coverage = frame.attrs.get("coverage", {}) or {}
    rows = []
    for column, dtype in frame.dtypes.items():
        source, meaning = _describe(str(column))
        key = next((k for k in (source, f"{source}_nna") if k in coverage), source)
        version = versions.get(source.replace("cow_majors", "cow_states"), "") if isinstance(
            versions, dict) else ""
        span = coverage.get(key, "")
        rows.append({"column": str(column), "type": str(dtype), "source": source,
                     "version": str(version), "coverage": str(span), "meaning": meaning})
    return pd.DataFrame(rows)


def _for_stata(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column, dtype in out.dtypes.items():
        if isinstance(dtype, pd.BooleanDtype):
            out[column] = out[column].astype("Int8")
        if isinstance(dtype, pd.StringDtype):
            out[column] = out[column].astype(object).where(out[column].notna(), "")
    return out


def export(frame: pd.DataFrame, path, *, format: str | None = None) -> Path:
    """Write a frame as Stata (``.dta``), Parquet (``.parquet``) or CSV (``.csv``, with a
    ``.codebook.csv`` beside it); ``format`` overrides the suffix. Returns the path.

    Stata files keep missing values as ``.`` (booleans become 0/1 bytes; text NA becomes
    an empty string, Stata's missing text), label every variable from :func:`codebook` and
    carry the fixed :data:`STATA_TIME_STAMP`, so exporting twice gives identical bytes.
    """
    target = Path(path)
    kind = (format or target.suffix.lstrip(".")).lower()
    book = codebook(frame)
    if kind == "dta":
        long = [c for c in frame.columns if len(str(c)) > 32]
        if long:
            raise ValueError(f"Stata names have at most 32 characters: rename {long} first.")
        labels = {r.column: f"{r.meaning} [{r.source}]"[:80] for r in book.itertuples()}
        note = f"accords {frame.attrs.get('unit', 'frame')}: " + ", ".join(
            frame.attrs.get("added", []) or [str(frame.attrs.get("source", ""))])
        with atomic_open(target, "wb") as handle:
            _for_stata(frame).to_stata(handle, write_index=False, version=118,
                                       variable_labels=labels, data_label=note[:80],
                                       time_stamp=STATA_TIME_STAMP)
    elif kind == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(frame, preserve_index=False)
        meta = dict(table.schema.metadata or {})
        meta[b"accords.attrs"] = json.dumps(frame.attrs, default=list).encode()
        meta[b"accords.codebook"] = book.to_json(orient="records").encode()
        with atomic_open(target, "wb") as handle:
            pq.write_table(table.replace_schema_metadata(meta), handle)
    elif kind == "csv":
        with atomic_open(target, "w") as handle:
            frame.to_csv(handle, index=False, lineterminator="\n")
        with atomic_open(target.with_suffix(".codebook.csv"), "w") as handle:
            book.to_csv(handle, index=False, lineterminator="\n")
    else:
        raise ValueError(f"cannot export to {target.name!r}: use a .dta, .parquet or .csv "
                         "name, or format='dta' | 'parquet' | 'csv'.")
    return target
