"""Export frames for the tools researchers use next: Stata, Parquet, CSV + codebook.

Three kinds of frame are described column by column: the dyad-year grammar's frames
(``create_dyadyears`` + ``add_*``), the news-coded records (:func:`records_table`, one row per
record) and the links of records to the datasets (``accords.link.dyads.classify``,
``news_frame``, ``related`` and ``extended_dyad_years``); the frame's ``attrs["unit"]`` says
which. Every export writes the frame and says what each column is: Stata files carry variable labels
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
import re
from pathlib import Path

import pandas as pd

from accords.atomic import atomic_open
from accords.datasets.registry import REGISTRY

#: the years DCAD codes and ATOP's last (from the registry), for the column descriptions
_DCAD_YEARS = REGISTRY["dcad"].coverage
_ATOP_LAST = REGISTRY["atop"].coverage[1]

__all__ = ["STATA_TIME_STAMP", "codebook", "export", "records_table"]

#: ``attrs["unit"]`` of :func:`records_table`
RECORD_UNIT = "news-coded record"

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
    "news_records": "number of news-coded events for the dyad-year (reports of one signing "
                    "count once)",
    "news_record_ids": "ids of those events' first records (article#n), ';'-separated",
}

_RECORDS = {
    "article_id": "id of the article the record was coded from",
    "record": "number of the record within its article (from 1, in file order)",
    "parties": "state parties, ISO 3166 alpha-3 codes, ';'-separated and sorted",
    "organization": "organisation that signs (code), when one does",
    "kind": "kind of agreement (accords record kinds, see data/records/README.md)",
    "action": "what was done to the agreement (signed, ratified, renewed ...)",
    "date_signed": "date of the action: YYYY-MM-DD, YYYY-MM or YYYY (missing: not reported)",
    "date_precision": "precision of date_signed: day, month or year",
    "period_start": "first year of the period the agreement covers (missing: none stated)",
    "period_end": "last year of the period the agreement covers (missing: none stated)",
    "action_date": "date of a later action on the agreement (ratification, entry into force)",
    "signatories": "people who signed, ';'-separated, as the article names them",
    "place": "place of signing, as the article names it",
    "title_span": "the agreement's title or description, quoted from the article",
    "areas": "areas of cooperation, ';'-separated",
    "is_background": "the article mentions the agreement as background, not as news",
    "sources": "ids of the articles reporting the same event, ';'-separated",
    "notes": "reviewer's notes",
}
_LINKS = {
    "record_id": "news-coded event, named by its first record: '<article id>#<n>' (n counts "
                 "from 1 in file order)",
    "article_id": "id of the article the record was coded from",
    "record": "number of the record within its article (from 1)",
    "iso3_1": "ISO3 code of the state with the lower COW code",
    "iso3_2": "ISO3 code of the state with the higher COW code",
    "ccode1": "COW country code on the signing date (the lower of the dyad)",
    "ccode2": "COW country code on the signing date (the higher of the dyad)",
    "kind": "kind of agreement",
    "action": "what was done to the agreement",
    "date_signed": "date of the action (first day of the month or year when less precise)",
    "date_precision": "precision of date_signed: day, month or year",
    "year_signed": "year of date_signed",
    "period_start": "first year of the period the agreement covers",
    "period_end": "last year of the period the agreement covers",
    "first_year": "first year the record puts the dyad under an agreement",
    "last_year": "last year the record puts the dyad under an agreement",
    "title_span": "the agreement's title or description, quoted from the article",
    "is_background": "the article mentions the agreement as background, not as news",
    "sources": "ids of the articles reporting the event, ';'-separated",
    "event_id": "id of the merged event (accords.extract.events.merge_events)",
    "record_ids": "ids of the event's records, one per report ('<article id>#<n>'), ';'",
    "n_sources": "number of articles reporting the event (one event however many)",
    "label": "new, renewal or continuation (rule in accords.link)",
    "basis": "which part of the labelling rule applied, in words",
    "prior_dcas": "number of DCAD agreements of the dyad signed before the record",
    "latest_prior_dca": "signing date of the latest of those DCAD agreements",
    "dcas_at_dcad_end": f"of those, how many DCAD still codes in {_DCAD_YEARS[1]} (its last year)",
    "alliances_in_force": f"ATOP ids in force on the signing date (or at {_ATOP_LAST} after it), "
                          "';'",
    "relation": "how the agreement relates to the record (prior DCA, alliance in force ...)",
    "source": "dataset of the related agreement: news, dcad or atop",
    "agreement_id": "id of the related agreement in its dataset",
    "end": "last day the related agreement is coded in force",
    "end_reason": "why the related agreement's coding ends there",
    "detail": "more about the relation, in words",
}
_EXTENDED = {
    "ccode1": "COW country code of the lower state of the dyad",
    "ccode2": "COW country code of the higher state of the dyad",
    "year": "year of observation",
    "dcad": "DCAD flag (attrs['flag']) in force; missing outside "
            f"{_DCAD_YEARS[0]}-{_DCAD_YEARS[1]}",
    "news": "a news-coded record covers the dyad-year; missing where none does (no census)",
    "n_records": "number of news-coded events covering the dyad-year (reports of one "
                 "signing count once)",
    "record_ids": "ids of those events' first records ('<article id>#<n>'), ';'-separated",
    "agreement": "either source has an agreement; False only where DCAD coded none",
    "source": "who contributes the row's agreement: dcad, news or dcad+news",
    "coverage": "dcad inside DCAD's grid; 'news-coded only' elsewhere (absent: not observed)",
}
#: descriptions by ``attrs["unit"]``, looked up before the grammar's columns
_BY_UNIT = {RECORD_UNIT: _RECORDS, "record dyad": _LINKS, "record–agreement link": _LINKS}


def _describe(column: str, unit: str | None = None, source: str | None = None
              ) -> tuple[str, str]:
    if unit == "dyad-year" and source == "dcad+news" and column in _EXTENDED:
        own = {"dcad": "dcad", "news": "news", "n_records": "news", "record_ids": "news"}
        return own.get(column, "cow_states" if column in _BASE else "dcad+news"), \
            _EXTENDED[column]
    if unit in _BY_UNIT and column in _BY_UNIT[unit]:
        return "news", _BY_UNIT[unit][column]
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
    unit, origin = frame.attrs.get("unit"), frame.attrs.get("source")
    rows = []
    for column, dtype in frame.dtypes.items():
        source, meaning = _describe(str(column), unit, origin)
        key = next((k for k in (source, f"{source}_nna") if k in coverage), source)
        version = versions.get(source.replace("cow_majors", "cow_states"), "") if isinstance(
            versions, dict) else ""
        span = coverage.get(key, "")
        rows.append({"column": str(column), "type": str(dtype), "source": source,
                     "version": str(version), "coverage": str(span), "meaning": meaning})
    return pd.DataFrame(rows)


def records_table(by_article, file: str | None = None) -> pd.DataFrame:
    """The news-coded records (``{article id: [AgreementRecord, ...]}``) as one row per
    record, ready for :func:`export`: the columns of ``accords.extract.records.records_frame``,
    ``attrs`` saying what the frame is and which file it was read from.

    >>> from accords.extract.records import AgreementRecord
    >>> rec = AgreementRecord(parties=("RUS", "KAZ"), kind="cooperation_plan", date_signed="2021")
    >>> table = records_table({"a": [rec]})
    >>> table.loc[0, "parties"], table.attrs["unit"]
    ('KAZ;RUS', 'news-coded record')
    """
    from accords.extract.records import records_frame

    frame = records_frame(by_article)
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = frame[column].astype("string")
    frame.attrs = {"unit": RECORD_UNIT, "source": "news", "directed": False,
                   "file": file or "in memory", "version": {"news": file or "in memory"}}
    return frame


#: Names Stata (and its Mata language) reserve; a column with one of them is renamed
#: ``_<name>`` in a ``.dta`` file, and its variable label says so.
_STATA_WORDS = (
    "_all _b _coef _cons _n _N _pi _pred _rc _skip aggregate array boolean break byte case "
    "catch class colvector complex const continue default delegate delete do double else "
    "eltypedef end enum explicit export external float for friend function global goto if in "
    "inline int local long matrix NULL numeric pointer pragma protected quad real rowvector "
    "scalar short string strL struct transmorphic typedef typename using vector version virtual "
    "void volatile while with"
)
_STATA_RESERVED = frozenset(_STATA_WORDS.split())
_STATA_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,31}$")


def _stata_names(columns) -> dict[str, str]:
    """Column → Stata variable name, only for the columns that need another name."""
    renamed, taken = {}, {str(c) for c in columns}
    for column in map(str, columns):
        if len(column) > 32:
            raise ValueError(f"column {column!r}: Stata names have at most 32 characters; "
                             "rename it first.")
        if _STATA_NAME.match(column) and column not in _STATA_RESERVED:
            continue
        name = re.sub(r"[^A-Za-z0-9_]", "_", column)
        if name in _STATA_RESERVED or not re.match(r"[A-Za-z_]", name):
            name = f"_{name}"
        if name in taken or len(name) > 32:
            raise ValueError(f"column {column!r} is no Stata name and {name!r} is taken or too "
                             "long; rename the column first.")
        renamed[column] = name
        taken.add(name)
    return renamed


def _for_stata(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column, dtype in out.dtypes.items():
        if isinstance(dtype, pd.BooleanDtype):
            out[column] = out[column].astype("Int8")
        if isinstance(dtype, pd.StringDtype):
            out[column] = out[column].astype(object).where(out[column].notna(), "")
        elif dtype is object or str(dtype) == "object":
            values = out[column].dropna()
            if not all(isinstance(v, str) for v in values):
                kinds = sorted({type(v).__name__ for v in values if not isinstance(v, str)})
                raise ValueError(f"column {column!r} holds {', '.join(kinds)} values, which "
                                 "Stata cannot store; convert them to text or numbers first.")
            out[column] = out[column].where(out[column].notna(), "").astype(object)
    return out


def export(frame: pd.DataFrame, path, *, format: str | None = None) -> Path:
    """Write a frame as Stata (``.dta``), Parquet (``.parquet``) or CSV (``.csv``, with a
    ``.codebook.csv`` beside it); ``format`` overrides the suffix. Returns the path.

    Stata files keep missing values as ``.`` (booleans become 0/1 bytes; text NA becomes
    an empty string, Stata's missing text), label every variable from :func:`codebook` and
    carry the fixed :data:`STATA_TIME_STAMP`, so exporting twice gives identical bytes. A
    column whose name Stata reserves or cannot hold (``end``, ``a-b``) becomes ``_end``,
    ``a_b``; its variable label names the accords column.
    """
    target = Path(path)
    kind = (format or target.suffix.lstrip(".")).lower()
    book = codebook(frame)
    if kind == "dta":
        names = _stata_names(frame.columns)
        labels = {}
        for r in book.itertuples():
            tail = f" [{r.source}" + (f"; accords column {r.column}]" if r.column in names
                                      else "]")
            labels[names.get(r.column, r.column)] = r.meaning[:80 - len(tail)] + tail
        note = f"accords {frame.attrs.get('unit', 'frame')}: " + ", ".join(
            frame.attrs.get("added", []) or [str(frame.attrs.get("source", ""))])
        with atomic_open(target, "wb") as handle:
            _for_stata(frame).rename(columns=names).to_stata(handle, write_index=False, version=118,
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
