"""The edge: the project's records file (``data/records``); records follow their annotations.

``python -m accords records`` (:func:`update_project_records`) keeps
``data/records/news-records.jsonl`` in step with the articles, their annotations and the
rules. Beside it, ``news-records.state.json`` keeps, for each article, the fingerprint the
line was made from — the sha256 of the article's text, of its human annotation decisions, of
its record reviews file and of the rules (:func:`rules_fingerprint`) — and the key and origin
of each record on the line. When any of the four changed, the article is extracted again:
records no person reviewed are replaced by the new extraction (and the report says which were
added, which changed in which fields and which were removed); records a person accepted or
corrected (:mod:`accords.extract.record_review`) are written exactly as the person left them;
rejected ones stay out.

A line written before this state existed carries no fingerprint, and nothing says whether a
person edited it: when its records equal what the rules extract now they are taken as
extracted; otherwise they are **held** — kept byte for byte and reported until a person
accepts or rejects them, or deletes the line to have it extracted again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accords.atomic import atomic_write_text
from accords.extract.records import AgreementRecord, RecordError

__all__ = ["NOT_RULES", "RULE_FILES", "RecordChange", "RecordsUpdate", "rule_files",
           "rules_fingerprint", "state_path", "update_project_records"]

STATE_FORMAT = "accords.records-state/1"
#: the files (globs inside the ``accords`` package) whose content makes "the rules": any
#: change to them changes :func:`rules_fingerprint` and re-extracts unreviewed records. A new
#: module of ``extract/`` is a rule unless it is named in :data:`NOT_RULES`: forgetting it
#: costs a needless re-extraction, never a stale record.
RULE_FILES = ("extract/*.py", "annotate/*.py", "read/*.py", "spans.py", "lexicon.py",
              "lexicon_schema.py", "codes.py", "datasets/states.py", "data/*.csv",
              "lexicons/*/*.toml")
#: the modules of ``extract/`` that are not rules: they merge, review, score, guard, stream or
#: scale the records the rules make, and a change to them leaves every record as it was
NOT_RULES = ("extract/events.py", "extract/record_review.py", "extract/evaluate.py",
             "extract/guard.py", "extract/batch.py", "extract/parquet.py", "extract/scale.py")


def rule_files() -> list[Path]:
    """The files :func:`rules_fingerprint` reads: :data:`RULE_FILES` less :data:`NOT_RULES`,
    sorted. A pattern or name that matches nothing is a file that moved: update the lists.

    >>> names = {f"{p.parent.name}/{p.name}" for p in rule_files()}
    >>> "extract/records.py" in names, "extract/scale.py" in names
    (True, False)
    """
    import accords

    root = Path(accords.__file__).parent
    for pattern in (*RULE_FILES, *NOT_RULES):
        if not any(root.glob(pattern)):
            raise FileNotFoundError(f"accords/{pattern}: no such file; update "
                                    "extract.project.RULE_FILES or NOT_RULES after moving a "
                                    "module.")
    skip = {root / name for name in NOT_RULES}
    return sorted({p for pattern in RULE_FILES for p in root.glob(pattern)} - skip)


def rules_fingerprint() -> str:
    """sha256 over the files of :func:`rule_files` (names and bytes, in sorted order)."""
    import accords

    root = Path(accords.__file__).parent
    digest = hashlib.sha256()
    for path in rule_files():
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def state_path(records_path: str | Path) -> Path:
    """The state kept beside a records file: ``X.jsonl`` → ``X.state.json``."""
    records_path = Path(records_path)
    return records_path.with_name(records_path.stem + ".state.json")


@dataclass(frozen=True)
class RecordChange:
    """A record the new extraction added, changed (in ``fields``) or removed."""

    article: str
    key: str
    what: str
    record: str
    fields: tuple[str, ...] = ()

    def __str__(self) -> str:
        extra = f" (fields: {', '.join(self.fields)})" if self.fields else ""
        return f"{self.what}: {self.article} {self.key} — {self.record}{extra}"


@dataclass
class RecordsUpdate:
    """What :func:`update_project_records` did, article by article."""

    changes: list[RecordChange] = field(default_factory=list)
    #: articles whose text, annotations, reviews and rules are as when their line was written
    unchanged: list[str] = field(default_factory=list)
    #: articles extracted again (new ones, or ones whose inputs changed)
    extracted: list[str] = field(default_factory=list)
    #: article → records a person accepted or corrected, written as the person left them
    reviewed: dict[str, int] = field(default_factory=dict)
    #: article → records a person rejected (left out)
    rejected: dict[str, int] = field(default_factory=dict)
    #: article → records of a line from before fingerprints, kept until a person decides
    held: dict[str, int] = field(default_factory=dict)
    #: articles whose reviewed or held records rest on another version of the text
    stale: list[str] = field(default_factory=list)
    #: (article, key) of reviewed records the new extraction no longer finds (kept anyway)
    unmatched: list[tuple[str, str]] = field(default_factory=list)
    #: lines of the records file without an article file (kept as they are)
    orphaned: list[str] = field(default_factory=list)

    def _of(self, what: str) -> list[RecordChange]:
        return [c for c in self.changes if c.what == what]

    @property
    def added(self) -> list[RecordChange]:
        return self._of("added")

    @property
    def changed(self) -> list[RecordChange]:
        return self._of("changed")

    @property
    def removed(self) -> list[RecordChange]:
        return self._of("removed")

    def __str__(self) -> str:
        def counts(mapping: dict[str, int]) -> str:
            return ", ".join(f"{k} ({v})" for k, v in mapping.items() if v) or "-"

        lines = [f"extracted again: {', '.join(self.extracted) or '-'}",
                 f"unchanged: {', '.join(self.unchanged) or '-'}",
                 f"reviewed by a person, kept as reviewed: {counts(self.reviewed)}",
                 f"rejected by a person, left out: {counts(self.rejected)}"]
        lines += [f"  {change}" for change in self.changes]
        if not self.changes:
            lines.append("  no record added, changed or removed")
        if any(self.held.values()):
            lines.append("held (written before records kept fingerprints; not known to be "
                         f"reviewed): {counts(self.held)} — accept or reject them "
                         "(accords.extract.record_review), or delete the article's line to "
                         "extract it again")
        for article, key in self.unmatched:
            lines.append(f"reviewed record {article} {key} is no longer found by the rules "
                         "(kept as reviewed; check it against the new extraction)")
        if self.stale:
            lines.append("text changed since these reviewed records were made (review them): "
                         + ", ".join(self.stale))
        if self.orphaned:
            lines.append("lines without an article file (kept): " + ", ".join(self.orphaned))
        return "\n".join(lines)


# --------------------------------------------------------------------------- state


def _read_state(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RecordError(f"{path}: not valid JSON ({exc}); delete it and rerun `python -m "
                          "accords records` (unreviewed records are then extracted again; "
                          "reviewed ones come from data/records/reviews).") from exc
    if not isinstance(doc, dict) or doc.get("format") != STATE_FORMAT:
        raise RecordError(f"{path}: not a records state file ({STATE_FORMAT}); delete it and "
                          "rerun `python -m accords records`.")
    return dict(doc.get("articles") or {})


def _write_state(path: Path, articles: dict[str, Any]) -> None:
    doc = {"format": STATE_FORMAT, "articles": articles}
    atomic_write_text(path, json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True)
                      + "\n")


def _annotations_fingerprint(notes) -> str:
    """sha256 of the article's human decisions (rule spans are covered by the rules)."""
    rows = sorted(json.dumps(s.to_dict(), sort_keys=True, ensure_ascii=False)
                  for s in [*notes.human, *notes.unanchored])
    return hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()


def _fields_changed(old: AgreementRecord, new: AgreementRecord) -> tuple[str, ...]:
    a, b = old.to_json(), new.to_json()
    return tuple(k for k in dict.fromkeys([*a, *b]) if a.get(k) != b.get(k))


def _on_text(record: AgreementRecord, article) -> bool:
    shas = {s.sha256 for s in record.sources if s.doc_id == article.id and s.sha256}
    return not shas or article.sha256 in shas


# --------------------------------------------------------------------------- one article


def _article_line(article, previous: list[AgreementRecord] | None, entry: dict | None,
                  rules: str, annotations_dir, reviews_folder, report: RecordsUpdate):
    from accords.extract.record_review import anchor_start, anchor_words, keyed, load_reviews
    from accords.review import store

    notes = store.load(article, store.annotation_path(article.id, annotations_dir))
    reviews = load_reviews(article.id, reviews_folder)
    fingerprint = {"text": article.sha256, "annotations": _annotations_fingerprint(notes),
                   "reviews": reviews.sha256, "rules": rules}
    # what the line holds now, by key; a record edited in the file by hand is held
    if previous is not None and entry is not None and len(entry.get("keys", ())) == len(previous):
        digests = entry.get("digests") or [None] * len(previous)
        before = [(k, r, "held" if origin == "extracted" and d not in (None, _digest(r))
                   else origin)
                  for k, r, origin, d in zip(entry["keys"], previous, entry.get("origins", []),
                                             digests, strict=False)]
        if (entry.get("fingerprint") == fingerprint
                and [o for _, _, o in before] == list(entry.get("origins", []))):
            report.unchanged.append(article.id)
            _tally(report, article, previous, entry["origins"], reviews)
            return previous, entry
        fresh = _fresh(article, notes)
    else:
        fresh = _fresh(article, notes)
        before = [(k, r, "extracted") for k, r in keyed(previous or [], article.id)]
        if (previous and entry is None
                and [r.to_json() for r in previous] != [r.to_json() for _, r in fresh]):
            before = [(k, r, "held") for k, r, _ in before]  # written before fingerprints
    report.extracted.append(article.id)
    standing = reviews.current()
    held = {k: r for k, r, origin in before if origin == "held" and k not in standing}

    # a reviewed record whose anchor moved is found again by its words, when they are unique
    fresh_keys = {k for k, _ in fresh}
    alias: set[str] = set()
    for key, decision in standing.items():
        if key in fresh_keys:
            continue
        action = key.split("@", 1)[0]
        same = [k for k, r in fresh if k not in standing and decision.anchor
                and anchor_words(r, article.id) == decision.anchor and r.action == action]
        if len(same) == 1:
            alias.add(same[0])
        elif decision.kept:
            report.unmatched.append((article.id, key))

    out: list[tuple[str, AgreementRecord, str]] = [
        (k, r, "extracted") for k, r in fresh
        if k not in standing and k not in alias and k not in held]
    out += [(k, d.record, "reviewed") for k, d in standing.items() if d.kept]
    out += [(k, r, "held") for k, r in held.items()]
    out.sort(key=lambda item: (anchor_start(item[1], article.id), item[0]))

    old = {k: (r, origin) for k, r, origin in before}
    new_extracted = {k for k, _, origin in out if origin == "extracted"}
    for key, record, origin in out:
        if origin != "extracted":
            continue
        if key not in old or old[key][1] != "extracted":
            report.changes.append(RecordChange(article.id, key, "added", record.describe()))
        elif old[key][0].to_json() != record.to_json():
            report.changes.append(RecordChange(article.id, key, "changed", record.describe(),
                                               _fields_changed(old[key][0], record)))
    for key, (record, origin) in old.items():
        if origin == "extracted" and key not in new_extracted and key not in standing:
            report.changes.append(RecordChange(article.id, key, "removed", record.describe()))
    records = [r for _, r, _ in out]
    origins = [origin for _, _, origin in out]
    _tally(report, article, records, origins, reviews)
    return records, {"fingerprint": fingerprint, "keys": [k for k, _, _ in out],
                     "origins": origins, "digests": [_digest(r) for r in records]}


def _fresh(article, notes):
    """The article's records extracted from its reviewed annotations, with their keys."""
    from accords.annotate import annotate
    from accords.extract.passes import extract
    from accords.extract.record_review import keyed

    notes.merge(annotate(article))
    return keyed(extract(article, notes.effective(), warn=False), article.id)


def _digest(record: AgreementRecord) -> str:
    text = json.dumps(record.to_json(), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _tally(report: RecordsUpdate, article, records, origins, reviews) -> None:
    report.reviewed[article.id] = origins.count("reviewed")
    report.held[article.id] = origins.count("held")
    report.rejected[article.id] = sum(not d.kept for d in reviews.current().values())
    if any(origin != "extracted" and not _on_text(r, article)
           for r, origin in zip(records, origins, strict=False)):
        report.stale.append(article.id)


# --------------------------------------------------------------------------- the command


def update_project_records(articles_dir=None, records_path=None, *, annotations_dir=None,
                           reviews_dir=None) -> RecordsUpdate:
    """Bring the project's records file in step with its articles, annotations and rules.

    Every article of ``articles_dir`` (default ``data/articles``) whose text, human annotation
    decisions (``annotations_dir``, default ``data/annotations``), record reviews
    (``reviews_dir``, default ``data/records/reviews``) or the rules changed since its line of
    ``records_path`` (default ``data/records/news-records.jsonl``) was written is extracted
    again from its reviewed annotations; unreviewed records follow the new extraction,
    reviewed ones are written as the person left them (see the module docstring). Lines of
    articles that are gone are kept. The CSV beside the file is generated from the JSON Lines
    and refused, never overwritten, once someone edited it
    (``accords.extract.records.check_records_csv``); a records path that is not ``.jsonl`` or lies
    among the articles is refused. Rerunning changes nothing. Two runs at once take turns (an
    OS lock on the records folder).
    """
    from accords import paths
    from accords.extract.records import (
        check_records_csv,
        csv_beside,
        read_record_file,
        write_record_file,
        write_records_csv,
    )
    from accords.read.articles import read_articles, refuse_inputs
    from accords.review.store import _folder_lock

    articles_dir = Path(articles_dir or paths.articles_dir())
    records_path = Path(records_path or paths.records_dir() / "news-records.jsonl")
    csv_path = csv_beside(records_path)
    refuse_inputs(records_path, [articles_dir], "records file")
    reviews_folder = Path(reviews_dir) if reviews_dir else records_path.parent / "reviews"
    records_path.parent.mkdir(parents=True, exist_ok=True)
    report = RecordsUpdate()
    with _folder_lock(records_path.parent):
        existing = read_record_file(records_path) if records_path.exists() else {}
        state_file = state_path(records_path)
        state = _read_state(state_file)
        rules = rules_fingerprint()
        lines: dict[str, list[AgreementRecord]] = {}
        entries: dict[str, Any] = {}
        seen = set()
        for article in read_articles(articles_dir):
            seen.add(article.id)
            lines[article.id], entries[article.id] = _article_line(
                article, existing.get(article.id), state.get(article.id), rules,
                annotations_dir, reviews_folder, report)
        merged: dict[str, list[AgreementRecord]] = {}
        for article_id, records in existing.items():  # the file's order, new articles after
            merged[article_id] = lines.get(article_id, records)
            if article_id not in seen:
                report.orphaned.append(article_id)
                if article_id in state:
                    entries[article_id] = state[article_id]
        for article_id, records in lines.items():
            merged.setdefault(article_id, records)
        check_records_csv(csv_path, merged, records_path.name)  # before anything is written
        write_record_file(records_path, merged)
        _write_state(state_file, {k: entries[k] for k in merged if k in entries})
        write_records_csv(csv_path, merged, records_path.name)
    return report
