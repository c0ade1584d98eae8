"""Questions over record partitions, answered in place with DuckDB.

The Parquet folder that ``python -m accords extract ... --format parquet`` (or
``--engine dask``) writes (:mod:`accords.extract.parquet`) is queried where it lies: DuckDB
scans the partitions, keeps only the columns a question needs, and hands back the (small)
answer, so a corpus of millions of articles is never loaded into memory whole.

- :func:`connect` opens DuckDB with the views ``records``, ``articles`` and ``evidence`` over
  the partitions, for questions of your own in SQL;
- :func:`dyad_year_counts`: records per pair of parties and year;
- :func:`events`: records merged into events, optionally only those of some parties, a kind
  or a date window — exactly the events of :func:`accords.extract.events.merge_events` over the same
  records (DuckDB orders the records by parties, kind and action, the only records
  ``merge_events`` can ever merge, and each such block is merged in turn, so memory holds one
  block, not the corpus);
- :func:`add_dyad_years`: the record counts onto a dyad-year frame of the dataset grammar
  (``accords.datasets.create_dyadyears`` with ``add_dcad``/``add_atop``), by the rule of
  :func:`accords.link.dyads.add_news_records`, with the COW codes of each record's date.

>>> import tempfile, pathlib
>>> from accords.extract.parquet import PartitionWriter
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> rec = {"parties": ["KAZ", "RUS"], "kind": "other", "action": "signed",
...        "date_signed": "2021-11-09", "period_start": 2022, "period_end": 2023}
>>> with PartitionWriter(out, "p") as w:
...     w.add(1, {"id": "a", "lang": "it", "status": "read", "agreements": [rec]})
>>> print(dyad_year_counts(out).to_string(index=False))
iso3_1 iso3_2  year  n_records
   KAZ    RUS  2021          1
   KAZ    RUS  2022          1
   KAZ    RUS  2023          1
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from accords.extract.parquet import TABLES
from accords.extract.records import AgreementRecord

__all__ = ["add_dyad_years", "connect", "dyad_year_counts", "events", "record_dyads_sql"]


def _duckdb():
    try:
        import duckdb
    except ImportError as exc:  # pragma: no cover - the scale extra is part of dev
        raise ImportError("accords.link.query needs DuckDB: pip install 'accords[scale]'.") from exc
    return duckdb


def connect(out: str | Path, con=None):
    """A DuckDB connection (``con``, else a new in-memory one) with a view per table of the
    Parquet folder ``out``: ``records``, ``articles`` and, when written, ``evidence``.

    >>> # con = connect("records-out"); con.sql("SELECT kind, count(*) FROM records GROUP BY 1")
    """
    out = Path(out)
    if not (out / "records").is_dir():
        raise FileNotFoundError(f"{out}: no records/ folder of Parquet partitions; run "
                                "`python -m accords extract ... --format parquet -o "
                                f"{out}` first.")
    con = con if con is not None else _duckdb().connect()
    for table in TABLES:
        folder = out / table
        if folder.is_dir() and any(folder.glob("*.parquet")):
            pattern = str(folder / "*.parquet").replace("'", "''")
            con.execute(f"CREATE OR REPLACE VIEW {table} AS "
                        f"SELECT * FROM read_parquet('{pattern}')")
    return con


#: One row per record and pair of its parties: ``article_id``, ``record``, ``iso3_1 < iso3_2``,
#: the record's ``kind`` and ``action``, the years it puts the dyad under an agreement
#: (``first_year`` … ``last_year``: from the signing year, or ``period_start`` when no date is
#: known, to ``period_end``, or the signing year; the rule of ``accords.link.dyads.news_frame``) and
#: ``code_date`` (the date, or the year, on which the parties' COW codes are taken).
_RECORD_DYADS = """
WITH r AS (
    SELECT article_id, record, parties, kind, action, date_signed, period_start,
           coalesce(year_signed, period_start) AS first_year,
           greatest(coalesce(period_end, year_signed, period_start),
                    coalesce(year_signed, period_start)) AS last_year
    FROM records
    WHERE len(parties) >= 2 AND coalesce(year_signed, period_start) IS NOT NULL
), idx AS (
    SELECT r.*, unnest(range(1, len(parties) + 1)) AS i FROM r
), pairs AS (
    SELECT idx.*, unnest(range(i + 1, len(parties) + 1)) AS j FROM idx
)
SELECT article_id, record, parties[i] AS iso3_1, parties[j] AS iso3_2, kind, action,
       first_year, last_year,
       CASE WHEN date_signed IS NULL THEN CAST(period_start AS VARCHAR)
            WHEN len(date_signed) = 4 THEN date_signed || '-01-01'
            WHEN len(date_signed) = 7 THEN date_signed || '-01'
            ELSE date_signed END AS code_date
FROM pairs
"""


def record_dyads_sql() -> str:
    """The SQL of the ``record_dyads`` view (see :data:`_RECORD_DYADS`), for your own
    queries: ``con.sql(f"WITH record_dyads AS ({record_dyads_sql()}) SELECT …")``."""
    return _RECORD_DYADS


def dyad_year_counts(out: str | Path, *, con=None) -> pd.DataFrame:
    """Records per dyad (``iso3_1 < iso3_2``) and year, from the signing year (or
    ``period_start``) to ``period_end`` (or the signing year): ``iso3_1``, ``iso3_2``,
    ``year``, ``n_records``; sorted. Records with fewer than two state parties or no year
    are not counted."""
    con = connect(out, con)
    frame = con.execute(f"""
        WITH d AS ({_RECORD_DYADS}),
        y AS (SELECT iso3_1, iso3_2, article_id, record,
                     unnest(range(first_year, last_year + 1)) AS year FROM d)
        SELECT iso3_1, iso3_2, CAST(year AS INTEGER) AS year,
               count(DISTINCT article_id || '#' || CAST(record AS VARCHAR)) AS n_records
        FROM y GROUP BY ALL ORDER BY iso3_1, iso3_2, year""").df()
    for column in ("iso3_1", "iso3_2"):
        frame[column] = frame[column].astype("string")
    frame["year"] = frame["year"].astype("Int64")
    frame["n_records"] = frame["n_records"].astype("Int64")
    return frame


# ----------------------------------------------------------------------------- events


def _date_range(date: str) -> tuple[str, str]:
    """The first and last day a date of any precision may mean, as ISO strings."""
    if len(date) == 4:
        return f"{date}-01-01", f"{date}-12-31"
    if len(date) == 7:
        return f"{date}-01", f"{date}-31"  # string comparison: no day is after -31
    return date, date


def _overlaps(date: str | None, start: str | None, end: str | None) -> bool:
    if start is None and end is None:
        return True
    if date is None:
        return False
    lo, hi = _date_range(date)
    return (start is None or hi >= start) and (end is None or lo <= end)


def _who_sql() -> str:
    return ("CASE WHEN len(parties) > 0 THEN array_to_string(parties, ',') "
            "ELSE '|' || upper(coalesce(organization, '')) END")


def _blocks(con, where: str, params: list, batch: int,
            ids: dict[int, str] | None = None) -> Iterator[list[AgreementRecord]]:
    """The records of each block (same parties or organisation, kind and action) that has
    a record matching ``where``, block after block; ``ids`` (when given) gains each record's
    ``"<article id>#<n>"``."""
    result = con.execute(f"""
        WITH base AS (SELECT *, {_who_sql()} AS who FROM records),
        keep AS (SELECT DISTINCT who, kind, action FROM base WHERE {where})
        SELECT who, kind, action, article_id, record, record_json
        FROM base JOIN keep USING (who, kind, action)
        ORDER BY who, kind, action, article_id, record""", params)
    current, block = None, []
    while True:
        rows = result.fetchmany(batch)
        if not rows:
            break
        for who_key, kind, action, article_id, record, text in rows:
            key = (who_key, kind, action)
            if key != current:
                if block:
                    yield block
                current, block = key, []
            block.append(AgreementRecord.from_json(
                json.loads(text), f"records of {article_id!r}, record {record}"))
            if ids is not None:
                ids[id(block[-1])] = f"{article_id}#{record}"
    if block:
        yield block


def events(out: str | Path, *, parties: Iterable[str] | None = None, kind: str | None = None,
           start: str | None = None, end: str | None = None, con=None, batch: int = 10_000):
    """The events of every record in the Parquet folder ``out``, as
    :func:`accords.extract.events.merge_events` gives them (same ids, records, members and order),
    optionally only those whose parties include every one of ``parties`` (ISO3), of
    ``kind``, and whose signing date overlaps ``start`` … ``end`` (ISO dates; an undated
    event is outside any window).

    DuckDB selects the blocks of records that could form such events (same parties or
    organisation, kind and action: no other records are ever merged) and streams them in
    order; each block is merged on its own. Memory holds one block and the events found.
    """
    return [event for event, _ in _events(out, parties=parties, kind=kind, start=start,
                                          end=end, con=con, batch=batch)]


def _events(out, *, parties=None, kind=None, start=None, end=None, con=None,
            batch: int = 10_000) -> list[tuple[Any, tuple[str, ...]]]:
    """:func:`events` with the ids of each event's records (``"<article id>#<n>"``, in
    :func:`accords.link.dyads.news_events`' order)."""
    from accords.extract.events import _sort_key, merge_events
    from accords.link.dyads import _report_order

    ids: dict[int, str] = {}
    con = connect(out, con)
    wanted = sorted({p.upper() for p in parties or ()})
    clauses, params = ["TRUE"], []
    if wanted:
        clauses.append("list_has_all(parties, ?)")
        params.append(wanted)
    if kind is not None:
        clauses.append("kind = ?")
        params.append(kind)
    found: list[tuple[tuple, Any]] = []
    for block in _blocks(con, " AND ".join(clauses), params, batch, ids):
        order = _sort_key(block[0])[:4]  # where merge_events would meet this block
        for index, event in enumerate(merge_events(block)):
            r = event.record
            if wanted and not set(wanted) <= set(r.parties):
                continue
            if kind is not None and r.kind != kind:
                continue
            if not _overlaps(r.date_signed, start, end):
                continue
            members = tuple(ids[id(m)] for m in sorted(event.members,
                                                       key=lambda m: _report_order(m, ids)))
            found.append(((order, index), (event, members)))
        for record in block:  # the block is done: its ids are kept with its events only
            ids.pop(id(record), None)
    # merge_events sorts its events by date and id; ties keep the order of creation, which
    # runs block by block in the order of its record sort key.
    found.sort(key=lambda item: (item[1][0].record.date_signed or "9999", item[1][0].id,
                                 item[0]))
    return [pair for _, pair in found]


# ----------------------------------------------------------------------------- dyad-years


def _ccodes(con, local) -> tuple[pd.DataFrame, list[dict[str, str]]]:
    """COW codes of every (party, date) the records need, and the pairs that have none."""
    from accords.datasets.states import UnknownStateError, registry

    reg = registry(local)
    needed = con.execute(f"""
        WITH d AS ({_RECORD_DYADS})
        SELECT DISTINCT iso3, code_date FROM (
            SELECT iso3_1 AS iso3, code_date FROM d UNION ALL SELECT iso3_2, code_date FROM d)
        ORDER BY ALL""").fetchall()
    rows, unknown = [], []
    for iso3, code_date in needed:
        when = int(code_date) if len(code_date) == 4 else code_date
        try:
            rows.append((iso3, code_date, reg.ccode_for(iso3, when)))
        except UnknownStateError as exc:
            unknown.append({"iso3": iso3, "date": code_date, "reason": f"no COW state ({exc})"})
    return pd.DataFrame(rows, columns=["iso3", "code_date", "ccode"]), unknown


def add_dyad_years(frame: pd.DataFrame, out: str | Path, *, local=None, con=None
                   ) -> pd.DataFrame:
    """The records of the Parquet folder ``out`` onto a dyad-year frame of the dataset
    grammar, counted as **events** (reports of one signing count once): ``news_records``
    (how many events put the dyad under an agreement that year), ``news_record_ids`` (each
    event's first record, ``article#n``, sorted, joined with ``;``) and ``news_agreement``;
    NA where no record exists (news coding is no census), both directions of a directed
    frame filled — the columns and values of :func:`accords.link.dyads.add_news_records` on the
    same records. COW codes are those on each event's signing date (the state registry);
    ``attrs["news_skipped"]`` lists the events that could not become dyads, with the reason.

    The records are merged into events block by block in DuckDB's order (:func:`events`);
    memory holds one block of records, the events and the dyad-years.

    >>> from accords.datasets import create_dyadyears, add_dcad
    >>> dy = add_dyad_years(add_dcad(create_dyadyears(years=(2005, 2010))), "out") # doctest: +SKIP
    """
    from accords.datasets.grammar import _require
    from accords.link.dyads import _add_news_frame, events_frame

    _require(frame, "add_dyad_years", ("dyad-year",))
    taken = [c for c in ("news_agreement", "news_records", "news_record_ids") if c in frame]
    if taken:
        raise ValueError(f"the frame already has {', '.join(taken)}: add news records once.")
    news = events_frame(_events(out, con=con), local=local)
    result = _add_news_frame(frame, news)
    result.attrs["news_from"] = str(out)
    return result
