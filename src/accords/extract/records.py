"""News-coded agreement records: the dataclass, validation and JSON Lines / CSV files.

The JSON form of a record is the one of the corpus guidelines (``parties``, ``organization``,
``date_signed``, ``period_start``/``period_end``, ``kind``, ``action``, ``signatories``,
``place``, ``title_span``, ``areas``, ``is_background`` …), extended with ``evidence`` (the
spans each field rests on) and ``sources`` (the articles that report the event). A records
file holds one article per line: ``{"id": ..., "agreements": [record, ...]}``.

>>> rec = AgreementRecord(parties=("RUS", "KAZ"), kind="cooperation_plan", action="signed",
...                       date_signed="2021-11", period_start=2022, period_end=2022)
>>> rec.parties, rec.date_precision
(('KAZ', 'RUS'), 'month')
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from accords.atomic import atomic_write_text

__all__ = [
    "ACTIONS",
    "KINDS",
    "AgreementRecord",
    "Evidence",
    "RecordError",
    "Source",
    "atomic_write_text",
    "check_records_csv",
    "csv_beside",
    "iter_record_file",
    "read_record_file",
    "records_frame",
    "write_record_file",
    "write_records_csv",
]

KINDS = (
    "defense_cooperation_agreement",
    "strategic_partnership_programme",
    "cooperation_plan",
    "alliance_treaty",
    "status_of_forces",
    "basing_access",
    "military_technical_cooperation",
    "arms_transfer",
    "other",
)
ACTIONS = ("signed", "ratified", "entered_into_force", "renewed", "terminated", "announced")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ISO3 = re.compile(r"^[A-Z]{3}$")


class RecordError(ValueError):
    """A record that breaks the format; the message names the record and the field."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of an article that a field of the record rests on."""

    field: str
    doc_id: str
    start: int
    end: int
    exact: str
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """An article that reports the event."""

    doc_id: str
    url: str | None = None
    outlet: str | None = None
    lang: str | None = None
    published: str | None = None
    sha256: str | None = None


@dataclass(frozen=True, slots=True)
class AgreementRecord:
    """One agreement and what was done to it, as a news article reports it."""

    parties: tuple[str, ...] = ()
    kind: str = "other"
    action: str = "signed"
    organization: str | None = None
    parties_other: tuple[str, ...] = ()
    date_signed: str | None = None
    date_evidence: str | None = None
    period_start: int | None = None
    period_end: int | None = None
    action_date: str | None = None
    action_date_evidence: str | None = None
    signatories: tuple[str, ...] = ()
    place: str | None = None
    title_span: str | None = None
    areas: tuple[str, ...] = ()
    is_background: bool = False
    notes: str | None = None
    evidence: tuple[Evidence, ...] = ()
    sources: tuple[Source, ...] = ()
    conflicts: Mapping[str, Any] = field(default_factory=dict)
    #: the named extraction rules that shaped the record, as "field: rule"
    #: (see :data:`accords.extract.RULES`)
    rules: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "parties", tuple(sorted({p.upper() for p in self.parties})))
        for name in ("parties_other", "signatories", "areas", "evidence", "sources", "rules"):
            object.__setattr__(self, name, tuple(getattr(self, name) or ()))
        self.validate()

    @property
    def date_precision(self) -> str | None:
        """'day', 'month' or 'year' for ``date_signed``; None when it is unknown."""
        if self.date_signed is None:
            return None
        return {10: "day", 7: "month", 4: "year"}[len(self.date_signed)]

    def describe(self) -> str:
        who = "–".join(self.parties) or self.organization or "?"
        period = (f" {self.period_start}–{self.period_end}" if self.period_start
                  and self.period_end and self.period_start != self.period_end
                  else f" {self.period_start}" if self.period_start else "")
        return f"{who} {self.kind}{period} {self.action} {self.date_signed or 'date unknown'}"

    def validate(self, where: str = "record") -> None:
        """Raise :class:`RecordError` naming the field when the record breaks the format."""
        problems = []
        for code in self.parties:
            if not _ISO3.match(code):
                problems.append(f"party {code!r} is not an ISO 3166 alpha-3 code")
        if self.kind not in KINDS:
            problems.append(f"kind {self.kind!r} is not one of {', '.join(KINDS)}")
        if self.action not in ACTIONS:
            problems.append(f"action {self.action!r} is not one of {', '.join(ACTIONS)}")
        for name in ("date_signed", "action_date"):
            value = getattr(self, name)
            if value is not None and not (isinstance(value, str) and _DATE.match(value)):
                problems.append(f"{name} {value!r} must be YYYY-MM-DD, YYYY-MM, YYYY or null")
        for name in ("period_start", "period_end"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)
                                      or not 1800 <= value <= 2200):
                problems.append(f"{name} {value!r} must be a year (integer) or null")
        if (isinstance(self.period_start, int) and isinstance(self.period_end, int)
                and self.period_start > self.period_end):
            problems.append(f"period {self.period_start}–{self.period_end} ends before it starts")
        if not self.parties and not self.organization and not self.parties_other:
            problems.append("no parties and no organization: a record needs at least one")
        if problems:
            raise RecordError(f"{where}: " + "; ".join(problems) + ".")

    # ------------------------------------------------------------------ JSON form

    def to_json(self, *, provenance: bool = True) -> dict[str, Any]:
        """The corpus JSON form; ``provenance`` adds ``evidence`` and ``sources``."""
        row: dict[str, Any] = {
            "parties": list(self.parties),
            "organization": self.organization,
            "date_signed": self.date_signed,
            "date_evidence": self.date_evidence,
            "period_start": self.period_start,
            "period_end": self.period_end,
            "kind": self.kind,
            "action": self.action,
            "action_date": self.action_date,
            "action_date_evidence": self.action_date_evidence,
            "signatories": list(self.signatories),
            "place": self.place,
            "title_span": self.title_span,
            "areas": list(self.areas),
            "is_background": self.is_background,
            "notes": self.notes,
        }
        if self.parties_other:
            row["parties_other"] = list(self.parties_other)
        if provenance:
            row["evidence"] = [{"field": e.field, "doc_id": e.doc_id, "start": e.start,
                                "end": e.end, "exact": e.exact, "label": e.label}
                               for e in self.evidence]
            row["sources"] = [{"doc_id": s.doc_id, "url": s.url, "outlet": s.outlet,
                               "lang": s.lang, "published": s.published, "sha256": s.sha256}
                              for s in self.sources]
            if self.conflicts:
                row["conflicts"] = dict(self.conflicts)
            if self.rules:
                row["rules"] = list(self.rules)
        return row

    @classmethod
    def from_json(cls, row: Mapping[str, Any], where: str = "record") -> AgreementRecord:
        """Build a record from its JSON form; unknown fields are an error naming them."""
        if not isinstance(row, Mapping):
            raise RecordError(f"{where}: a record must be a JSON object, got "
                              f"{type(row).__name__}.")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(row) - known)
        if unknown:
            raise RecordError(f"{where}: unknown field(s) {', '.join(unknown)}; the record "
                              "fields are listed in the datasheet (data/records/README.md).")
        values = dict(row)
        try:
            values["evidence"] = tuple(Evidence(**e) for e in values.get("evidence") or ())
            values["sources"] = tuple(Source(**s) for s in values.get("sources") or ())
        except TypeError as exc:
            raise RecordError(f"{where}: bad evidence or sources entry ({exc}).") from exc
        for name in ("parties", "parties_other", "signatories", "areas"):
            value = values.get(name)
            if value is None:
                values[name] = ()
            elif isinstance(value, str) or not isinstance(value, list | tuple):
                raise RecordError(f"{where}: {name} must be a list, got {value!r}.")
        values["conflicts"] = dict(values.get("conflicts") or {})
        try:
            record = cls(**values)
        except RecordError as exc:
            raise RecordError(str(exc).replace("record:", f"{where}:", 1)) from None
        return record

    def with_sources(self, *sources: Source) -> AgreementRecord:
        return replace(self, sources=tuple(dict.fromkeys((*self.sources, *sources))))


# --------------------------------------------------------------------------- files


def iter_record_file(path: str | Path) -> Iterator[tuple[str, list[AgreementRecord]]]:
    """(article id, records) for each line of a records file; a bad line names its number."""
    path = Path(path)
    if not path.is_file():
        raise RecordError(f"{path}: no such records file.")
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise RecordError(f"{where}: not valid JSON ({exc.msg}).") from exc
            if not isinstance(row, dict) or "id" not in row:
                raise RecordError(f"{where}: each line needs an object with 'id' and "
                                  "'agreements'.")
            agreements = row.get("agreements") or []
            if not isinstance(agreements, list):
                raise RecordError(f"{where}: 'agreements' must be a list.")
            yield str(row["id"]), [AgreementRecord.from_json(r, f"{where} record {i + 1}")
                                   for i, r in enumerate(agreements)]


def read_record_file(path: str | Path) -> dict[str, list[AgreementRecord]]:
    """All lines of a records file; duplicate article ids are an error."""
    out: dict[str, list[AgreementRecord]] = {}
    for article_id, records in iter_record_file(path):
        if article_id in out:
            raise RecordError(f"{path}: article id {article_id!r} appears twice.")
        out[article_id] = records
    return out


def _json_line(article_id: str, records: Iterable[AgreementRecord], provenance: bool) -> str:
    return json.dumps({"id": article_id,
                       "agreements": [r.to_json(provenance=provenance) for r in records]},
                      ensure_ascii=False, sort_keys=False)


def write_record_file(path: str | Path, by_article: Mapping[str, Iterable[AgreementRecord]],
                      *, provenance: bool = True) -> Path:
    """Write a records file (atomically), articles in the given order."""
    lines = [_json_line(aid, recs, provenance) for aid, recs in by_article.items()]
    atomic_write_text(path, "\n".join(lines) + ("\n" if lines else ""))
    return Path(path)


CSV_COLUMNS = (
    "article_id", "record", "parties", "organization", "kind", "action", "date_signed",
    "date_precision", "period_start", "period_end", "action_date", "signatories", "place",
    "title_span", "areas", "is_background", "sources", "notes",
)


def _flat(article_id: str, index: int, r: AgreementRecord) -> dict[str, Any]:
    return {
        "article_id": article_id, "record": index, "parties": ";".join(r.parties),
        "organization": r.organization, "kind": r.kind, "action": r.action,
        "date_signed": r.date_signed, "date_precision": r.date_precision,
        "period_start": r.period_start, "period_end": r.period_end,
        "action_date": r.action_date, "signatories": ";".join(r.signatories),
        "place": r.place, "title_span": r.title_span, "areas": ";".join(r.areas),
        "is_background": r.is_background, "sources": ";".join(s.doc_id for s in r.sources),
        "notes": r.notes,
    }


def records_frame(by_article: Mapping[str, Iterable[AgreementRecord]]):
    """One row per record (lists joined with ';'), as a pandas DataFrame."""
    import pandas as pd

    rows = [_flat(aid, i, r) for aid, recs in by_article.items()
            for i, r in enumerate(recs, start=1)]
    frame = pd.DataFrame(rows, columns=list(CSV_COLUMNS))
    for name in ("period_start", "period_end", "record"):
        frame[name] = frame[name].astype("Int64")
    return frame


CSV_MARK = "# accords: generated from "


def _csv_text(by_article: Mapping[str, Iterable[AgreementRecord]], source: str) -> str:
    import hashlib
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for aid, recs in by_article.items():
        for i, r in enumerate(recs, start=1):
            writer.writerow({k: ("" if v is None else v) for k, v in _flat(aid, i, r).items()})
    rows = buffer.getvalue()
    digest = hashlib.sha256(rows.encode("utf-8")).hexdigest()
    return (f"{CSV_MARK}{source} (do not edit this file: edit {source} and run "
            f"`python -m accords records`) sha256 {digest}\n{rows}")


def _generated_unchanged(text: str) -> bool:
    """True when ``text`` is a CSV accords wrote whose rows nobody changed since."""
    import hashlib

    mark, _, rows = text.partition("\n")
    digest = mark.rsplit(" sha256 ", 1)[-1]
    return (mark.startswith(CSV_MARK)
            and hashlib.sha256(rows.encode("utf-8")).hexdigest() == digest)


def check_records_csv(path: str | Path, by_article: Mapping[str, Iterable[AgreementRecord]],
                      source: str = "the records JSON Lines") -> None:
    """Raise :class:`RecordError` unless :func:`write_records_csv` may write ``path``.

    The CSV is generated output: it may be (re)written when it does not exist, when it still
    holds exactly what accords generated (its first line's sha256 matches its rows), or when it
    already holds the rows it would get (a CSV from before the first line was added). Anything
    else may carry a reviewer's edits and is never overwritten.
    """
    path = Path(path)
    if not path.exists():
        return
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = None
    if text is not None and (_generated_unchanged(text)
                             or text == _csv_text(by_article, source).partition("\n")[2]):
        return
    raise RecordError(
        f"{path}: changed since accords generated it (or not written by accords), so it is not "
        f"overwritten. The CSV is generated from {source}, which is the file accords reads: "
        f"copy your changes into {source}, then move {path.name} aside and rerun "
        "`python -m accords records`.")


def write_records_csv(path: str | Path, by_article: Mapping[str, Iterable[AgreementRecord]],
                      source: str = "the records JSON Lines") -> Path:
    """Write the CSV form of the records (atomically), generated from ``source``.

    Its first line is a ``#`` comment naming ``source``, saying not to edit the CSV, and
    holding the sha256 of the rows below it (read it with ``pandas.read_csv(path,
    skiprows=1)``). A CSV edited since it was generated is refused (:func:`check_records_csv`),
    never overwritten.
    """
    check_records_csv(path, by_article, source)
    atomic_write_text(path, _csv_text(by_article, source))
    return Path(path)


def csv_beside(records_path: str | Path) -> Path:
    """The CSV generated beside a records file (``X.jsonl`` → ``X.csv``).

    A records path that does not end in ``.jsonl`` is refused, so the CSV can never be the
    records file itself (``records --out X.csv``).
    """
    records_path = Path(records_path)
    if records_path.suffix.lower() != ".jsonl":
        raise RecordError(f"{records_path}: a records file must end in .jsonl (the CSV beside "
                          "it is generated from it); give e.g. "
                          f"{records_path.with_suffix('.jsonl').name}.")
    return records_path.with_suffix(".csv")
