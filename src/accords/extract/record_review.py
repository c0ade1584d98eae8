"""Record review: a person's decisions on agreement records, kept across every re-extraction.

A record the rules extracted is a proposal. A person may **accept** it, **reject** it, or
**correct** its parties, kind, action, dates, period, place or signatories; each decision names
who made it and when, and is stored in ``data/records/reviews/<article id>.json`` (the name
given by :func:`accords.review.store.id_filename`)::

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
>>> from accords.extract.records import AgreementRecord, Evidence
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
from dataclasses import MISSING, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from accords import paths
from accords.atomic import atomic_write_bytes
from accords.extract.records import AgreementRecord, RecordError

# The annotation store's lock and file helpers, shared rather than written twice.
from accords.review.store import _file_bytes, _folder_lock, _sha, id_filename

__all__ = [
    "CORRECTABLE",
    "DECISIONS",
    "FORMAT",
    "ProjectRecords",
    "RecordDecision",
    "RecordReviewError",
    "RecordTable",
    "RecordView",
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
        # the fields without a default are the ones every stored decision has
        required = [f.name for f in fields(cls) if f.default is MISSING
                    and f.default_factory is MISSING]
        missing = [k for k in required if row.get(k) in (None, "")]
        if missing:
            raise RecordReviewError(f"{where}: missing {', '.join(missing)}; every decision "
                                    f"needs {', '.join(required)}.")
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
        if isinstance(record, RecordDecision) and record.kept and record.by == person:
            return record  # the same correction again (a rerun cell): nothing to decide
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


# --------------------------------------------------------------------------- the project


TABLE_COLUMNS = ("record_id", "review", "by", "parties", "kind", "action", "date_signed",
                 "period", "place", "signatories", "sources", "key")

_SCRIPT = """
<script>
(function () {
  var root = document.getElementById("%(id)s");
  if (!root || root.dataset.ready) { return; }
  root.dataset.ready = "1";
  var body = root.querySelector("tbody"), rows = Array.from(body.rows);
  var count = root.querySelector(".accords-count");
  root.querySelector("input").addEventListener("input", function (event) {
    var words = event.target.value.toLowerCase().split(/\\s+/).filter(Boolean), shown = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var keep = words.every(function (w) { return text.indexOf(w) >= 0; });
      row.style.display = keep ? "" : "none"; shown += keep ? 1 : 0;
    });
    count.textContent = shown + " of " + rows.length + " records";
  });
  root.querySelectorAll("th").forEach(function (th, column) {
    th.style.cursor = "pointer";
    th.addEventListener("click", function () {
      var up = th.dataset.order !== "up";
      root.querySelectorAll("th").forEach(function (h) { delete h.dataset.order; });
      th.dataset.order = up ? "up" : "down";
      rows.sort(function (a, b) {
        var x = a.cells[column].textContent, y = b.cells[column].textContent;
        return (up ? 1 : -1) * x.localeCompare(y, undefined, {numeric: true});
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
</script>
"""


@dataclass(frozen=True)
class RecordTable:
    """A table of records: ``frame`` for pandas, a sortable, filterable HTML table in Jupyter
    (click a heading to sort; type words to keep the rows that hold them all). The table is
    plain HTML, so a static copy of the notebook shows it whole."""

    frame: Any

    def sort(self, by: str | Sequence[str], ascending: bool = True) -> RecordTable:
        return RecordTable(self.frame.sort_values(by, ascending=ascending, kind="stable")
                           .reset_index(drop=True))

    def filter(self, text: str | None = None, **equals: Any) -> RecordTable:
        """Rows whose columns equal ``equals`` and that contain every word of ``text``."""
        frame = self.frame
        for column, value in equals.items():
            if column not in frame:
                raise KeyError(f"no column {column!r}; the columns are "
                               f"{', '.join(frame.columns)}.")
            frame = frame[frame[column] == value]
        for word in (text or "").lower().split():
            if frame.empty:
                break
            joined = frame.apply(lambda row: " ".join(map(str, row)).lower(), axis=1)
            frame = frame[joined.map(lambda text, w=word: w in text).astype(bool)]
        return RecordTable(frame.reset_index(drop=True))

    def to_string(self, columns: Sequence[str] | None = None) -> str:
        return self.frame[list(columns or self.frame.columns)].to_string(index=False)

    def __len__(self) -> int:
        return len(self.frame)

    def __repr__(self) -> str:
        return f"RecordTable ({len(self)} records)\n{self.to_string()}"

    def _repr_html_(self) -> str:
        import hashlib
        import html

        body = self.frame.to_html(index=False, escape=True, na_rep="—", border=0,
                                  classes="accords-records")
        ident = "accords-records-" + hashlib.sha256(body.encode("utf-8")).hexdigest()[:10]
        n = len(self.frame)
        head = (f'<div id="{ident}"><input type="search" placeholder="filter: words in any '
                f'column" style="width: 40%; margin-bottom: 4px;"> <span class="accords-count">'
                f'{n} of {n} records</span>')
        style = (f"<style>#{ident} table {{border-collapse: collapse; font-size: 12px;}} "
                 f"#{ident} th, #{ident} td {{border-bottom: 1px solid #ddd; padding: 2px 6px; "
                 "text-align: left;}</style>")
        return head + style + body + "</div>" + _SCRIPT % {"id": html.escape(ident)}


@dataclass(frozen=True)
class RecordView:
    """One record: its decisions, its fields with their evidence, the evidence highlighted
    in its article (HTML in Jupyter; ``str()`` gives a text summary)."""

    record_id: str
    record: AgreementRecord
    review: str
    decisions: tuple[RecordDecision, ...]
    fields: Any
    highlighted: Any = None
    problem: str | None = None

    def __repr__(self) -> str:
        return str(self)

    def __str__(self) -> str:
        lines = [f"{self.record_id}: {self.record.describe()} [{self.review}]"]
        lines += [f"  {line}" for line in describe_decisions(self.decisions)]
        lines.append(self.fields.to_string(index=False))
        if self.problem:
            lines.append(self.problem)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        import html

        parts = [f"<h4>{html.escape(self.record_id)}: {html.escape(self.record.describe())} "
                 f"<small>[{html.escape(self.review)}]</small></h4>"]
        if self.decisions:
            parts.append("<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in
                                          describe_decisions(self.decisions)) + "</ul>")
        parts.append(self.fields.to_html(index=False, border=0))
        if self.problem:
            parts.append(f"<p><b>{html.escape(self.problem)}</b></p>")
        if self.highlighted is not None:
            parts.append(self.highlighted.html)
        return "".join(parts)


class ProjectRecords:
    """The project's records with their review state: a table, a view of one record with its
    evidence in its article, and a person's decisions on records.

    Records are named ``"<article id>#<n>"`` (n counts from 1 in the records file's order, as
    in :mod:`accords.link.dyads`). Opening the project reads the records file and writes nothing;
    :meth:`refresh` runs the records command. Each decision is saved at once (:func:`decide`)
    and the records file is then brought up to date
    (:func:`accords.extract.update_project_records`), so the table shows it; rerunning
    ``python -m accords records`` keeps it.

    >>> recs = ProjectRecords(by="ada")  # doctest: +SKIP
    >>> print(recs.refresh())  # doctest: +SKIP
    >>> recs.correct("seed-it-001#2", place="Astana")  # doctest: +SKIP
    """

    def __init__(self, articles_dir: str | Path | None = None,
                 records_path: str | Path | None = None, *,
                 annotations_dir: str | Path | None = None,
                 reviews_dir: str | Path | None = None, by: str | None = None):
        self.articles_dir = Path(articles_dir or paths.articles_dir())
        self.records_path = Path(records_path or paths.records_dir() / "news-records.jsonl")
        self.annotations_dir = annotations_dir
        self.reviews_dir = Path(reviews_dir or self.records_path.parent / "reviews")
        self.by = by
        self.last_update = None
        self.reload()

    def reload(self) -> None:
        """Read the records file and its state again (writes nothing)."""
        from accords.extract.project import _read_state, state_path
        from accords.extract.records import read_record_file

        exists = self.records_path.exists()
        self._lines = read_record_file(self.records_path) if exists else {}
        self._state = _read_state(state_path(self.records_path))

    def refresh(self):
        """Run the records command on the project (new articles, changed annotations or
        rules, new decisions) and reload; returns its report
        (:class:`accords.extract.RecordsUpdate`)."""
        from accords.extract.project import update_project_records

        self.last_update = update_project_records(
            self.articles_dir, self.records_path, annotations_dir=self.annotations_dir,
            reviews_dir=self.reviews_dir)
        self.reload()
        return self.last_update

    # ------------------------------------------------------------------ lookups
    def _locate(self, record_id: str) -> tuple[str, int, str, str]:
        article_id, sep, number = str(record_id).rpartition("#")
        records = self._lines.get(article_id) if sep else None
        if records is None or not number.isdigit() or not 1 <= int(number) <= len(records):
            raise RecordReviewError(f"no record {record_id!r}; the records are named "
                                    "'<article id>#<n>', as in the table's record_id column.")
        index = int(number) - 1
        entry = self._state.get(article_id, {})
        keys, origins = entry.get("keys", []), entry.get("origins", [])
        if len(keys) != len(records):
            keys = [k for k, _ in keyed(records, article_id)]
            origins = ["extracted"] * len(records)
        return article_id, index, keys[index], origins[index]

    def record(self, record_id: str) -> AgreementRecord:
        article_id, index, _, _ = self._locate(record_id)
        return self._lines[article_id][index]

    def frame(self):
        """One row per record: its id, review state and who reviewed it, its fields."""
        import pandas as pd

        rows = []
        for article_id, records in self._lines.items():
            standing = load_reviews(article_id, self.reviews_dir).current()
            for n, record in enumerate(records, start=1):
                _, _, key, origin = self._locate(f"{article_id}#{n}")
                decision = standing.get(key)
                review = decision.decision if decision is not None else (
                    "held (not known to be reviewed)" if origin == "held" else "to review")
                rows.append({
                    "record_id": f"{article_id}#{n}", "review": review,
                    "by": decision.by if decision is not None else "",
                    "parties": "–".join(record.parties) or record.organization,
                    "kind": record.kind, "action": record.action,
                    "date_signed": record.date_signed,
                    "period": (f"{record.period_start}–{record.period_end}"
                               if record.period_start is not None else None),
                    "place": record.place, "signatories": ", ".join(record.signatories),
                    "sources": ", ".join(s.doc_id for s in record.sources), "key": key})
        return pd.DataFrame(rows, columns=list(TABLE_COLUMNS))

    def table(self, text: str | None = None, **equals: Any) -> RecordTable:
        """The records as a sortable, filterable table (see :class:`RecordTable`)."""
        table = RecordTable(self.frame())
        return table.filter(text, **equals) if text or equals else table

    def show(self, record_id: str) -> RecordView:
        """The record, its decisions, its fields with their evidence, and the evidence
        highlighted in its article."""
        from accords.extract.evidence import evidence_spans, evidence_table
        from accords.read.articles import read_articles
        from accords.review.render import to_html

        article_id, index, key, origin = self._locate(record_id)
        record = self._lines[article_id][index]
        reviews = load_reviews(article_id, self.reviews_dir)
        history = tuple(d for d in reviews.decisions if d.key == key)
        standing = reviews.current().get(key)
        review = standing.decision if standing is not None else (
            "held (not known to be reviewed)" if origin == "held" else "to review")
        article = next((a for a in read_articles(self.articles_dir) if a.id == article_id),
                       None)
        highlighted, problem = None, None
        if article is None:
            problem = f"the article {article_id!r} is not in {self.articles_dir}."
        else:
            try:
                highlighted = to_html(article, evidence_spans(article, record))
            except ValueError as exc:
                problem = str(exc)
        fields = evidence_table(record)
        corrected: dict[str, str] = {}
        for d in history:
            for name in d.changes:
                row = {"period_start": "period", "period_end": "period",
                       "organization": "parties"}.get(name, name)
                corrected[row] = f"{d.by}, {d.at}"
        fields["corrected by"] = [corrected.get(name, "—") for name in fields["field"]]
        return RecordView(f"{article_id}#{index + 1}", record, review, history, fields,
                          highlighted, problem)

    # ------------------------------------------------------------------ decisions
    def _decide(self, record_id: str, decision: str, *, by, at, changes=None, reason=None):
        article_id, index, key, _ = self._locate(record_id)
        standing = load_reviews(article_id, self.reviews_dir).current().get(key)
        base = standing if standing is not None and standing.kept else \
            self._lines[article_id][index]
        made = decide(article_id, base, decision, by=by or self.by, at=at, key=key,
                      changes=changes, reason=reason, folder=self.reviews_dir)
        self.refresh()
        return made

    def accept(self, record_id: str, *, by: str | None = None, at: str | None = None
               ) -> RecordDecision:
        """A person confirms the record as it stands; re-extraction keeps it as it is."""
        return self._decide(record_id, "accepted", by=by, at=at)

    def reject(self, record_id: str, *, by: str | None = None, reason: str | None = None,
               at: str | None = None) -> RecordDecision:
        """A person rejects the record: it leaves the records file and re-extraction does not
        bring it back."""
        return self._decide(record_id, "rejected", by=by, at=at, reason=reason)

    def correct(self, record_id: str, *, by: str | None = None, at: str | None = None,
                reason: str | None = None, **changes: Any) -> RecordDecision:
        """A person corrects fields of the record (``parties``, ``kind``, ``action``,
        ``date_signed``, ``action_date``, ``period_start``, ``period_end``, ``place``,
        ``signatories``, ``organization``, ``notes``, ``is_background``)."""
        return self._decide(record_id, "corrected", by=by, at=at, changes=changes,
                            reason=reason)
