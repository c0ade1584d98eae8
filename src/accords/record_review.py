"""Record review: a person's decisions on agreement records, kept across every re-extraction.

A record the rules extracted is a proposal. A person may **accept** it, **reject** it, or
**correct** its parties, kind, action, dates, period, place or signatories; each decision names
who made it and when, and is stored in ``data/records/reviews/<article id>.json`` (the name
given by :func:`accords.store.id_filename`)::

    {"format": "accords.record-reviews/1", "doc_id": "seed-it-001", "decisions": [
      {"key": "signed@title_span:79-157", "anchor": "programma di …", "decision": "corrected",
       "by": "ada", "at": "2026-12-02T01:00:00Z", "changes": {"place": ["Moscow", "Astana"]},
       "record": {...the record as the person left it...}}]}

The decisions of an article are a history: a new decision on the same record is appended and
the last one stands, so nothing a person decided is lost. A record is identified by its
**key**, taken from the words it rests on when it was extracted (its action and the offsets
of its title's evidence, else of its verb's): re-extraction finds the same key again and the
person's record wins, byte for byte (:func:`accords.extract.update_project_records`).

Writes go through the annotation store's machinery: an OS lock on the reviews folder while the
file is read again, the decision added, and the file replaced atomically — two kernels
deciding at once both keep their decisions.

>>> import tempfile
>>> from accords.records import AgreementRecord, Evidence
>>> rec = AgreementRecord(parties=("FRA", "IND"), kind="defense_cooperation_agreement",
...                       evidence=(Evidence("title_span", "a1", 10, 18, "accordo"),))
>>> record_key(rec, "a1")
'signed@title_span:10-18'
>>> folder = tempfile.mkdtemp()
>>> d = decide("a1", rec, "corrected", by="ada", at="2026-01-02T03:04:05Z",
...            changes={"place": "Paris"}, folder=folder)
>>> d.decision, d.record.place, load_reviews("a1", folder).current()[d.key].by
('corrected', 'Paris', 'ada')
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from accords import paths
from accords.atomic import atomic_write_bytes
from accords.records import AgreementRecord, RecordError

# The annotation store's lock and file helpers, shared rather than written twice.
from accords.store import _file_bytes, _folder_lock, _sha, id_filename

__all__ = [
    "CORRECTABLE",
    "DECISIONS",
    "FORMAT",
    "RecordDecision",
    "RecordReviewError",
    "Reviews",
    "correct_record",
    "decide",
    "keyed",
    "load_reviews",
    "record_key",
    "reviewer",
    "reviews_dir",
    "reviews_path",
]

FORMAT = "accords.record-reviews/1"
DECISIONS = ("accepted", "rejected", "corrected")
#: the fields a person may correct, and the evidence fields each one replaces
CORRECTABLE = {
    "parties": ("parties",), "organization": ("parties",), "kind": (),
    "action": ("action",), "date_signed": ("date_signed",), "action_date": ("action_date",),
    "period_start": ("period",), "period_end": ("period",), "place": ("place",),
    "signatories": ("signatories",), "notes": (), "is_background": (),
}


class RecordReviewError(ValueError):
    """A decision that cannot be made or a reviews file that cannot be read."""


def reviews_dir() -> Path:
    """``data/records/reviews``: the folder of the project's record decisions."""
    return paths.records_dir() / "reviews"


def reviews_path(doc_id: str, folder: str | Path | None = None) -> Path:
    """The reviews file of an article: ``<folder or data/records/reviews>/<id>.json``."""
    return Path(folder or reviews_dir()) / id_filename(doc_id, ".json")


def reviewer(by: str | None = None) -> str:
    """Who decides: ``by``, else ``$ACCORDS_REVIEWER``; anything else is an error that says so
    (a decision without a person is not a review)."""
    name = by if by is not None else os.environ.get("ACCORDS_REVIEWER")
    if not isinstance(name, str) or not name.strip():
        raise RecordReviewError("a record decision needs the name of the person who makes it: "
                                "pass by='your name' or set ACCORDS_REVIEWER.")
    return name.strip()


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


# --------------------------------------------------------------------------- keys


def _anchor(record: AgreementRecord, doc_id: str | None):
    for name in ("title_span", "action"):
        found = [e for e in record.evidence
                 if e.field == name and (doc_id is None or e.doc_id == doc_id)]
        if found:
            return name, min(found, key=lambda e: (e.start, e.end))
    return None, None


def record_key(record: AgreementRecord, doc_id: str | None = None) -> str:
    """The record's identity within its article: its action and the offsets of the evidence it
    is anchored on (its title, else its verb), else its parties, kind and date."""
    name, evidence = _anchor(record, doc_id)
    if evidence is not None:
        return f"{record.action}@{name}:{evidence.start}-{evidence.end}"
    who = ",".join(record.parties) or (record.organization or "-")
    return f"{record.action}@{record.kind}:{who}:{record.date_signed or '-'}"


def anchor_words(record: AgreementRecord, doc_id: str | None = None) -> str | None:
    """The words the key is anchored on (used to find a reviewed record after offsets moved)."""
    return getattr(_anchor(record, doc_id)[1], "exact", None)


def anchor_start(record: AgreementRecord, doc_id: str | None = None) -> int:
    """Where the record's anchor starts in its article (records of a line are in this order)."""
    evidence = _anchor(record, doc_id)[1]
    if evidence is not None:
        return evidence.start
    own = [e.start for e in record.evidence if doc_id is None or e.doc_id == doc_id]
    return min(own, default=1 << 62)


def keyed(records: Iterable[AgreementRecord], doc_id: str | None = None
          ) -> list[tuple[str, AgreementRecord]]:
    """``(key, record)`` pairs; a key met twice in one article gets ``#2``, ``#3`` …"""
    seen: dict[str, int] = {}
    out = []
    for record in records:
        key = record_key(record, doc_id)
        seen[key] = seen.get(key, 0) + 1
        out.append((key if seen[key] == 1 else f"{key}#{seen[key]}", record))
    return out


# --------------------------------------------------------------------------- decisions


@dataclass(frozen=True)
class RecordDecision:
    """One decision of a person on one record."""

    key: str
    decision: str
    by: str
    at: str
    record: AgreementRecord
    anchor: str | None = None
    changes: Mapping[str, list[Any]] = field(default_factory=dict)
    reason: str | None = None

    @property
    def kept(self) -> bool:
        """Whether the record stands (accepted or corrected), rather than rejected."""
        return self.decision != "rejected"

    def to_json(self) -> dict[str, Any]:
        row: dict[str, Any] = {"key": self.key, "anchor": self.anchor,
                               "decision": self.decision, "by": self.by, "at": self.at}
        if self.changes:
            row["changes"] = {k: list(v) for k, v in self.changes.items()}
        if self.reason:
            row["reason"] = self.reason
        row["record"] = self.record.to_json()
        return row

    @classmethod
    def from_json(cls, row: Mapping[str, Any], where: str) -> RecordDecision:
        missing = [k for k in ("key", "decision", "by", "at", "record") if not row.get(k)]
        if missing:
            raise RecordReviewError(f"{where}: missing {', '.join(missing)}; every decision "
                                    "needs key, decision, by, at and record.")
        if row["decision"] not in DECISIONS:
            raise RecordReviewError(f"{where}: decision {row['decision']!r} is not one of "
                                    f"{', '.join(DECISIONS)}.")
        record = AgreementRecord.from_json(row["record"], f"{where} record")
        return cls(key=row["key"], decision=row["decision"], by=row["by"], at=row["at"],
                   record=record, anchor=row.get("anchor"),
                   changes=dict(row.get("changes") or {}), reason=row.get("reason"))

    def same_as(self, other: RecordDecision) -> bool:
        """The same decision, whoever's clock: decision, person, record, reason."""
        return (self.decision, self.by, self.record.to_json(), self.reason) == (
            other.decision, other.by, other.record.to_json(), other.reason)


@dataclass
class Reviews:
    """The decisions on the records of one article (a history: the last per key stands)."""

    doc_id: str
    decisions: list[RecordDecision] = field(default_factory=list)
    path: Path | None = None
    #: sha256 of the file bytes (None: no file)
    sha256: str | None = None

    def current(self) -> dict[str, RecordDecision]:
        """The decision that stands for each reviewed key."""
        out: dict[str, RecordDecision] = {}
        for decision in self.decisions:
            out[decision.key] = decision
        return out

    def to_bytes(self) -> bytes:
        doc = {"format": FORMAT, "doc_id": self.doc_id,
               "decisions": [d.to_json() for d in self.decisions]}
        return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _parse(doc_id: str, target: Path, data: bytes) -> Reviews:
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RecordReviewError(f"{target}: not valid UTF-8 JSON ({exc}); restore it from "
                                "version control or fix the syntax at the position given."
                                ) from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("decisions"), list):
        raise RecordReviewError(f"{target}: not a record reviews file (needs 'format', "
                                "'doc_id' and a list of 'decisions').")
    if doc.get("format") != FORMAT:
        raise RecordReviewError(f"{target}: format {doc.get('format')!r} is not {FORMAT!r}; "
                                "upgrade accords to read it.")
    if doc.get("doc_id") != doc_id:
        raise RecordReviewError(f"{target}: holds decisions on {doc.get('doc_id')!r}, not on "
                                f"{doc_id!r}; check which file you passed.")
    decisions = []
    for number, row in enumerate(doc["decisions"], start=1):
        if not isinstance(row, dict):
            raise RecordReviewError(f"{target}: decision {number} is not a JSON object.")
        try:
            decisions.append(RecordDecision.from_json(row, f"{target}: decision {number}"))
        except RecordError as exc:
            raise RecordReviewError(f"{exc} Fix the record in the file.") from exc
    return Reviews(doc_id, decisions, target, _sha(data))


def load_reviews(doc_id: str, folder: str | Path | None = None) -> Reviews:
    """The decisions on an article's records (none when it has no reviews file)."""
    target = reviews_path(doc_id, folder)
    data = _file_bytes(target)
    if data is None:
        return Reviews(doc_id, [], target, None)
    return _parse(doc_id, target, data)


def correct_record(record: AgreementRecord, changes: Mapping[str, Any]) -> AgreementRecord:
    """``record`` with a person's corrections; evidence and rules of a corrected field are
    dropped (the person, not the words, is now its source). Unknown fields and bad values
    raise, naming the field."""
    unknown = sorted(set(changes) - set(CORRECTABLE))
    if unknown:
        raise RecordReviewError(f"cannot correct {', '.join(unknown)}: the fields a person "
                                f"corrects are {', '.join(CORRECTABLE)}.")
    values = dict(changes)
    for name in ("parties", "signatories"):
        if name in values:
            value = values[name]
            if isinstance(value, str):
                value = [v.strip() for v in value.replace(";", ",").split(",") if v.strip()]
            values[name] = tuple(value)
    replaced = {f for name in values for f in CORRECTABLE[name]}
    evidence = tuple(e for e in record.evidence if e.field not in replaced)
    rules = tuple(r for r in record.rules if r.split(": ", 1)[0] not in
                  replaced | set(values))
    try:
        return replace(record, **values, evidence=evidence, rules=rules)
    except RecordError as exc:
        raise RecordReviewError(f"correction of {record.describe()!r}: {exc}") from None


def decide(doc_id: str, record: AgreementRecord | RecordDecision, decision: str, *,
           by: str | None = None, at: str | None = None, key: str | None = None,
           changes: Mapping[str, Any] | None = None, reason: str | None = None,
           folder: str | Path | None = None) -> RecordDecision:
    """Record a person's decision on ``record`` of article ``doc_id`` and save it at once.

    ``decision`` is ``accepted``, ``rejected`` or ``corrected`` (with ``changes``, a mapping
    of field to new value; see :data:`CORRECTABLE`). ``record`` is the record as extracted
    (its key is computed from it unless ``key`` is given) or the decision that stands on it (a
    correction then applies on top of the earlier one). ``by`` names the person (see
    :func:`reviewer`); ``at`` defaults to now (UTC). Deciding again exactly what already
    stands writes nothing, so a notebook cell can be rerun.
    """
    if decision not in DECISIONS:
        raise RecordReviewError(f"decision {decision!r} is not one of {', '.join(DECISIONS)}.")
    if decision == "corrected" and not changes:
        raise RecordReviewError("a correction needs changes, e.g. changes={'place': 'Astana'}.")
    if decision != "corrected" and changes:
        raise RecordReviewError(f"{decision!r} takes no changes; use decision='corrected'.")
    person = reviewer(by)
    if isinstance(record, RecordDecision):
        key = key or record.key
        anchor, base = record.anchor, record.record
    else:
        key = key or record_key(record, doc_id)
        anchor, base = anchor_words(record, doc_id), record
    new_record = correct_record(base, changes) if changes else base
    diff = {name: [_plain(getattr(base, name)), _plain(getattr(new_record, name))]
            for name in (changes or {}) if getattr(base, name) != getattr(new_record, name)}
    if decision == "corrected" and not diff:
        raise RecordReviewError(f"the changes {dict(changes)!r} leave {base.describe()!r} as "
                                "it is; accept it instead.")
    made = RecordDecision(key=key, decision=decision, by=person, at=at or _now(),
                          record=new_record, anchor=anchor, changes=diff, reason=reason)
    target = reviews_path(doc_id, folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    with _folder_lock(target.parent):
        data = _file_bytes(target)
        reviews = Reviews(doc_id, [], target) if data is None else _parse(doc_id, target, data)
        standing = reviews.current().get(key)
        if standing is not None and standing.same_as(made):
            return standing
        reviews.decisions.append(made)
        atomic_write_bytes(target, reviews.to_bytes())
    return made


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def decisions_fingerprint(reviews: Reviews) -> str | None:
    """What the records command compares to know that decisions changed: the file's sha256."""
    return reviews.sha256


def describe_decisions(decisions: Sequence[RecordDecision]) -> list[str]:
    """One line per decision: ``key: decision by WHO at WHEN (changes)``."""
    lines = []
    for d in decisions:
        extra = ", ".join(f"{k} {v[0]!r} → {v[1]!r}" for k, v in d.changes.items())
        lines.append(f"{d.key}: {d.decision} by {d.by} at {d.at}" + (f" ({extra})"
                                                                   if extra else ""))
    return lines
