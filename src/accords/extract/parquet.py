"""Records at scale: extraction results as Parquet partitions with a fixed schema.

A corpus run with ``--format parquet`` (or ``--engine dask``) writes one folder with a
sub-folder per table and one file per input partition, so that DuckDB, pandas, Spark or R
read any subset in place::

    OUT/records/<partition>.parquet    one row per agreement record   (RECORDS_SCHEMA)
    OUT/articles/<partition>.parquet   one row per article written    (ARTICLES_SCHEMA)
    OUT/evidence/<partition>.parquet   one row per evidence span      (EVIDENCE_SCHEMA;
                                       left out with --no-evidence)
    OUT/_done/<partition>.json         what was read, its sha256, the rules version, the
                                       counts and every line that was skipped, with its reason

The schemas below are the contract (``tests/test_parquet.py`` checks them); a column is added
only with a new :data:`FORMAT_VERSION`. ``records.record_json`` is the record's complete JSON
form (the one of ``corpus/README.md``: the same object as in the JSON Lines output), so
:func:`read_records` gives back exactly the
:class:`~accords.extract.records.AgreementRecord` objects of the JSON Lines engine; the other
columns are flat copies of its fields for querying.
Lists stay lists (``parties`` is ``list<string>``, sorted ISO 3166 alpha-3 codes).

Each file is written to a temporary file beside it and renamed into place when complete
(:func:`accords.atomic.atomic_open`), so a killed run leaves whole partitions or none.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> result = {"id": "a1", "lang": "en", "status": "read", "status_reason": "",
...           "agreements": [{"parties": ["KAZ", "RUS"], "kind": "other", "action": "signed",
...                           "date_signed": "2021-11-09"}]}
>>> with PartitionWriter(out, "part-1") as writer:
...     writer.add(1, result)
>>> [(aid, [r.describe() for r in recs]) for aid, recs in read_records(out)]
[('a1', ['KAZ–RUS other signed 2021-11-09'])]
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from accords.atomic import atomic_open
from accords.extract.records import AgreementRecord

__all__ = ["ARTICLES_SCHEMA", "EVIDENCE_SCHEMA", "FORMAT_VERSION", "RECORDS_SCHEMA", "TABLES",
           "PartitionWriter", "read_records", "table_files"]

#: Bumped whenever a schema changes; part of the key that decides whether a partition is done.
FORMAT_VERSION = "1"

_text = pa.string()
_texts = pa.list_(pa.string())

RECORDS_SCHEMA = pa.schema([
    pa.field("article_id", _text, nullable=False),
    pa.field("record", pa.int32(), nullable=False),  # 1, 2, … in the article's order
    pa.field("lang", _text),  # the article's language
    pa.field("parties", _texts),  # ISO 3166 alpha-3, sorted
    pa.field("organization", _text),
    pa.field("parties_other", _texts),
    pa.field("kind", _text, nullable=False),
    pa.field("action", _text, nullable=False),
    pa.field("date_signed", _text),  # YYYY-MM-DD, YYYY-MM or YYYY
    pa.field("date_precision", _text),  # day, month, year or null
    pa.field("year_signed", pa.int32()),
    pa.field("period_start", pa.int32()),
    pa.field("period_end", pa.int32()),
    pa.field("action_date", _text),
    pa.field("signatories", _texts),
    pa.field("place", _text),
    pa.field("title_span", _text),
    pa.field("areas", _texts),
    pa.field("is_background", pa.bool_(), nullable=False),
    pa.field("notes", _text),
    pa.field("sources", _texts),  # article ids of the sources
    pa.field("rules", _texts),  # "field: rule" entries
    pa.field("record_json", _text, nullable=False),  # the complete JSON form
], metadata={"accords.table": "records", "accords.format": FORMAT_VERSION})

ARTICLES_SCHEMA = pa.schema([
    pa.field("article_id", _text, nullable=False),
    pa.field("lang", _text),
    pa.field("status", _text, nullable=False),  # accords.extract.STATUS_CODES
    pa.field("status_reason", _text),
    pa.field("n_records", pa.int32(), nullable=False),
    pa.field("partition", _text, nullable=False),  # the output partition's name
    pa.field("line", pa.int64(), nullable=False),  # line (JSON Lines) or row (Parquet), from 1
], metadata={"accords.table": "articles", "accords.format": FORMAT_VERSION})

EVIDENCE_SCHEMA = pa.schema([
    pa.field("article_id", _text, nullable=False),
    pa.field("record", pa.int32(), nullable=False),
    pa.field("field", _text, nullable=False),
    pa.field("doc_id", _text, nullable=False),
    pa.field("start", pa.int64(), nullable=False),  # code points of the NFC text
    pa.field("end", pa.int64(), nullable=False),
    pa.field("exact", _text, nullable=False),
    pa.field("label", _text),
], metadata={"accords.table": "evidence", "accords.format": FORMAT_VERSION})

TABLES: Mapping[str, pa.Schema] = {"records": RECORDS_SCHEMA, "articles": ARTICLES_SCHEMA,
                                   "evidence": EVIDENCE_SCHEMA}


def table_files(out: str | Path, name: str, *, evidence: bool = True) -> dict[str, Path]:
    """The files of partition ``name`` under ``out``, by table."""
    out = Path(out)
    return {table: out / table / f"{name}.parquet" for table in TABLES
            if evidence or table != "evidence"}


def _record_row(article_id: str, index: int, lang: str | None,
                record: Mapping[str, Any]) -> dict[str, Any]:
    date = record.get("date_signed")
    return {
        "article_id": article_id, "record": index, "lang": lang,
        "parties": list(record.get("parties") or ()),
        "organization": record.get("organization"),
        "parties_other": list(record.get("parties_other") or ()),
        "kind": record["kind"], "action": record["action"],
        "date_signed": date,
        "date_precision": None if date is None else {10: "day", 7: "month", 4: "year"}[len(date)],
        "year_signed": None if date is None else int(date[:4]),
        "period_start": record.get("period_start"), "period_end": record.get("period_end"),
        "action_date": record.get("action_date"),
        "signatories": list(record.get("signatories") or ()),
        "place": record.get("place"), "title_span": record.get("title_span"),
        "areas": list(record.get("areas") or ()),
        "is_background": bool(record.get("is_background")), "notes": record.get("notes"),
        "sources": [s["doc_id"] for s in record.get("sources") or ()],
        "rules": list(record.get("rules") or ()),
        "record_json": json.dumps(record, ensure_ascii=False),
    }


class PartitionWriter:
    """Write the tables of one partition from :func:`accords.extract.extract_row` results.

    Rows are buffered and written in row groups of ``row_group`` articles, so memory stays
    flat however large the partition; each table goes to a temporary file that replaces
    ``OUT/<table>/<name>.parquet`` only when the ``with`` block ends without an error (on
    an error every temporary file is removed and earlier files are untouched).
    """

    def __init__(self, out: str | Path, name: str, *, evidence: bool = True,
                 row_group: int = 2048) -> None:
        self.files = table_files(out, name, evidence=evidence)
        self.name = name
        self.row_group = row_group
        self._stack = contextlib.ExitStack()
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._rows: dict[str, list[dict[str, Any]]] = {t: [] for t in self.files}
        self.articles = 0
        self.records = 0

    def __enter__(self) -> PartitionWriter:
        stack = self._stack.__enter__()
        try:
            for table, path in self.files.items():
                handle = stack.enter_context(atomic_open(path, "wb"))
                self._writers[table] = stack.enter_context(
                    pq.ParquetWriter(handle, TABLES[table], compression="zstd"))
        except BaseException:
            self._stack.__exit__(None, None, None)
            raise
        return self

    def add(self, line: int, result: Mapping[str, Any]) -> None:
        """One article's result; ``line`` is its line (or row) in the input partition."""
        article_id = str(result["id"])
        lang = result.get("lang")
        agreements = result.get("agreements") or []
        self._rows["articles"].append({
            "article_id": article_id, "lang": lang, "status": result.get("status") or "read",
            "status_reason": result.get("status_reason"), "n_records": len(agreements),
            "partition": self.name, "line": line})
        for index, record in enumerate(agreements, start=1):
            self._rows["records"].append(_record_row(article_id, index, lang, record))
            if "evidence" in self._rows:
                self._rows["evidence"].extend(
                    {"article_id": article_id, "record": index, **e}
                    for e in record.get("evidence") or ())
        self.articles += 1
        self.records += len(agreements)
        if len(self._rows["articles"]) >= self.row_group:
            self._flush()

    def _flush(self) -> None:
        for table, rows in self._rows.items():
            if rows:
                self._writers[table].write_table(
                    pa.Table.from_pylist(rows, schema=TABLES[table]))
                rows.clear()

    def __exit__(self, kind, value, traceback) -> bool:
        if kind is None:
            try:
                self._flush()
            except BaseException as exc:
                self._stack.__exit__(type(exc), exc, exc.__traceback__)
                raise
        return bool(self._stack.__exit__(kind, value, traceback))


def read_records(out: str | Path, *, partitions=None
                 ) -> Iterator[tuple[str, list[AgreementRecord]]]:
    """``(article id, records)`` for each article with records, partition by partition
    (in name order) and article by article within one (in input order): the same objects
    as :func:`accords.extract.records.read_record_file` gives for the JSON Lines output. Reads one
    partition at a time. ``partitions`` limits it to those names.
    """
    folder = Path(out) / "records"
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no records folder; run `python -m accords extract "
                                "... --format parquet -o OUT` first.")
    for path in sorted(folder.glob("*.parquet")):
        if partitions is not None and path.stem not in partitions:
            continue
        table = pq.read_table(path, columns=["article_id", "record", "record_json"])
        current, records = None, []
        for article_id, index, text in zip(*(table.column(c).to_pylist() for c in
                                             ("article_id", "record", "record_json")),
                                           strict=True):
            if article_id != current:
                if current is not None:
                    yield current, records
                current, records = article_id, []
            records.append(AgreementRecord.from_json(
                json.loads(text), f"{path} article {article_id!r} record {index}"))
        if current is not None:
            yield current, records
