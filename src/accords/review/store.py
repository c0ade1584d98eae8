"""Storing annotations: one JSON file per article, verified on load, human decisions kept.

``data/annotations/<doc id>.json`` holds the article's id, the sha256 of its text and its
spans. Loading checks every span against the article (``text[start:end] == exact``). When the
text changed since the file was written, each span is re-anchored by its quote and context
(``exact``, ``prefix``, ``suffix``; :func:`reanchor` moves a span only where they match
uniquely); spans that cannot be placed are *reported* and kept in the file's ``unanchored``
list — never dropped, never attached to another occurrence of the same words.

Human decisions (accept, reject, edit, add) are spans with origin ``human``. Rerunning the
annotators replaces the rule spans wholesale and never touches human spans; a rule span with
the same ``(start, end, label)`` as a human span is left out (the human decision wins).
Writes are atomic: a temporary file in the same folder, flushed and fsynced, then
``os.replace``; an interrupted write leaves the previous file intact.

Saves are safe with several writers (two kernels, a review panel and a notebook cell). Every
:class:`Annotations` remembers the sha256 of the file bytes it was loaded from; :func:`save`
takes an OS lock on the file's folder, reads the file again and, when another writer saved in
between, merges instead of overwriting: human decisions are a set keyed by ``(start, end,
label)`` and none is ever dropped (a decision both writers changed keeps the one being saved,
a decision only the other writer changed keeps theirs). ``on_conflict="refuse"`` raises
:class:`ConflictError` instead, saying how to reload and decide again.

>>> from accords.read.articles import Article
>>> article = Article(id="doc", text="Il Kazakistan ha firmato.")
>>> notes = Annotations.new(article)
>>> _ = notes.add(article, 3, 13, "STATE", norm="KAZ")
>>> [s.describe() for s in notes.spans]
["STATE 3-13 'Kazakistan' (human)"]
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accords import paths
from accords.atomic import atomic_write_bytes, atomic_write_text
from accords.spans import ORIGIN_HUMAN, Span, SpanError, make_span, sort_spans, verify

__all__ = [
    "FORMAT",
    "AnchorError",
    "Annotations",
    "ConflictError",
    "LoadReport",
    "StoreError",
    "annotation_path",
    "atomic_write_text",
    "file_sha256",
    "id_filename",
    "load",
    "reanchor",
    "save",
    "update",
]

FORMAT = "accords.annotations/1"
SpanRef = Span | tuple[int, int, str]


class StoreError(ValueError):
    """An annotation file that cannot be read or a review step that cannot be applied."""


class ConflictError(StoreError):
    """Another writer saved the annotation file after it was loaded (``on_conflict="refuse"``,
    or a change that cannot be merged)."""


class AnchorError(StoreError):
    """Spans that no longer match the article and could not be re-anchored (``strict`` load)."""

    def __init__(self, message: str, spans: Sequence[Span]):
        super().__init__(message)
        self.spans = list(spans)


# --------------------------------------------------------------------------- re-anchoring


def _occurrences(text: str, needle: str) -> list[int]:
    found, pos = [], text.find(needle)
    while pos >= 0:
        found.append(pos)
        pos = text.find(needle, pos + 1)
    return found


def _context_fits(span: Span, text: str, pos: int) -> tuple[bool, bool]:
    """Whether the stored prefix and suffix are intact around an occurrence at ``pos``.

    A side shorter than the other was cut by the start (or end) of the old text, so it is
    intact only if the occurrence is as near the start (or end) of the new text.
    """
    width, context = len(span.exact), max(len(span.prefix), len(span.suffix))
    head, tail = len(span.prefix), len(span.suffix)
    end = pos + width
    left = (pos >= head and text.startswith(span.prefix, pos - head)  # no copies of the text
            and (head == context or pos == head))
    right = (text.startswith(span.suffix, end)
             and (tail == context or len(text) - end == tail))
    return left, right


def reanchor(span: Span, text: str, doc_sha256: str | None = None) -> Span | None:
    """The span moved onto ``text`` by its quote and context, or None when it cannot be placed.

    A candidate is an occurrence of ``exact`` (for an empty span: of ``prefix + suffix``)
    with its stored context intact on at least one side (the whole ``prefix`` before it, or the
    whole ``suffix`` after it): an edit may change the words on one side of a span, never on
    both. The span moves only to a candidate that is unique — the only one with both sides
    intact, else the only one with one side intact. Anything else (no candidate, two
    candidates) returns None, and the caller keeps the span as unplaced: a decision is never
    attached to another occurrence of the same words. A span stored without any context moves
    only when its quote occurs exactly once. The returned span has fresh offsets and context.

    >>> from accords.read.articles import Article
    >>> old = make_span(Article(id="d", text="a Mosca e a Roma"), 2, 7, "PLACE")
    >>> reanchor(old, "ieri a Mosca e a Roma").start
    7
    >>> reanchor(old, "Roma, poi Mosca") is None  # the words around it changed on both sides
    True
    """
    sha = doc_sha256 or span.doc_sha256
    if span.exact:
        starts = _occurrences(text, span.exact)
    else:
        if not span.prefix and not span.suffix:
            return None
        starts = [p + len(span.prefix) for p in _occurrences(text, span.prefix + span.suffix)]
    width = len(span.exact)
    if not span.prefix and not span.suffix:
        chosen = starts if len(starts) == 1 else []
    else:
        fits = {pos: _context_fits(span, text, pos) for pos in starts}
        chosen = [pos for pos, (left, right) in fits.items() if left and right]
        if not chosen:
            chosen = [pos for pos, (left, right) in fits.items() if left or right]
    if len(chosen) != 1:
        return None
    pos = chosen[0]
    context = max(len(span.prefix), len(span.suffix), 1)
    return span.with_(start=pos, end=pos + width, doc_sha256=sha,
                      prefix=text[max(0, pos - context):pos],
                      suffix=text[pos + width:pos + width + context])


# --------------------------------------------------------------------------- annotations


@dataclass
class LoadReport:
    """What happened when a file was loaded: how many spans verified, moved, or were lost."""

    path: Path | None
    text_changed: bool = False
    verified: int = 0
    reanchored: list[tuple[Span, Span]] = field(default_factory=list)
    unanchored: list[Span] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.unanchored

    def __str__(self) -> str:
        where = self.path or "annotations"
        lines = [f"{where}: {self.verified} spans verified, {len(self.reanchored)} re-anchored, "
                 f"{len(self.unanchored)} could not be placed"
                 + (" (the article text changed since they were saved)"
                    if self.text_changed else "")]
        for old, new in self.reanchored:
            lines.append(f"  moved {old.describe()} -> {new.start}-{new.end}")
        for span in self.unanchored:
            lines.append(f"  NOT PLACED {span.describe()}: find it in the text and re-add it with "
                         "Annotations.add(), or delete it from the file's 'unanchored' list")
        return "\n".join(lines)


@dataclass
class Annotations:
    """The spans of one article plus review operations that record human decisions.

    ``spans`` are anchored on the current text; ``unanchored`` are spans that could not be
    placed after the text changed — kept (and saved) so nothing anyone wrote is lost.
    """

    doc_id: str
    doc_sha256: str
    spans: list[Span] = field(default_factory=list)
    unanchored: list[Span] = field(default_factory=list)
    report: LoadReport | None = None
    #: sha256 of the file bytes these annotations were loaded from (None: no file was read)
    loaded_sha256: str | None = field(default=None, repr=False, compare=False)
    #: the human decisions as loaded, by key: what a concurrent save merges against
    base: dict[tuple[int, int, str], Span] = field(default_factory=dict, repr=False,
                                                   compare=False)

    @classmethod
    def new(cls, article: Any, spans: Iterable[Span] = ()) -> Annotations:
        """Annotations of ``article`` with the given spans (checked against its text)."""
        notes = cls(doc_id=article.id, doc_sha256=article.sha256)
        for span in spans:
            notes._check(article, span)
        notes.spans = sort_spans(spans)
        return notes

    # ------------------------------------------------------------------ queries
    def _check(self, article: Any, span: Span) -> None:
        if article.id != self.doc_id:
            raise StoreError(f"article {article.id!r} given for annotations of {self.doc_id!r}; "
                             "pass the article these annotations belong to.")
        problem = verify(span, article.text)
        if problem:
            raise SpanError(f"{span.describe()} of {self.doc_id!r}: {problem}.")

    @property
    def human(self) -> list[Span]:
        return [s for s in self.spans if s.is_human]

    @property
    def rules(self) -> list[Span]:
        return [s for s in self.spans if not s.is_human]

    def effective(self) -> list[Span]:
        """The spans that stand after review: rejected ones and overridden rule spans left out."""
        human_keys = {s.key for s in self.human}
        return [s for s in self.spans if s.status != "rejected"
                and (s.is_human or s.key not in human_keys)]

    def find(self, label: str | None = None, exact: str | None = None,
             start: int | None = None) -> list[Span]:
        """Spans matching all the given fields (in stored order).

        >>> from accords.read.articles import Article
        >>> a = Article(id="d", text="Mosca")
        >>> notes = Annotations.new(a, [make_span(a, 0, 5, "PLACE")])
        >>> len(notes.find(label="PLACE", exact="Mosca"))
        1
        """
        return [s for s in self.spans
                if (label is None or s.label == label) and (exact is None or s.exact == exact)
                and (start is None or s.start == start)]

    def get(self, ref: SpanRef) -> Span:
        """The span a decision is about: a :class:`Span` or a ``(start, end, label)`` key.

        A human span is preferred to a rule span with the same key.
        """
        key = ref.key if isinstance(ref, Span) else tuple(ref)
        found = [s for s in self.spans if s.key == key]
        if not found:
            raise StoreError(f"{self.doc_id!r}: no span {key}; list them with .find() and pass "
                             "one of those spans (or its (start, end, label)).")
        return next((s for s in found if s.is_human), found[0])

    # ------------------------------------------------------------------ decisions
    def _upsert(self, span: Span) -> Span:
        """Put a human span in, replacing any span (human or rule) with the same key."""
        self.spans = sort_spans([s for s in self.spans if s.key != span.key] + [span])
        return span

    def accept(self, ref: SpanRef) -> Span:
        """Record that a human confirms this span (a human copy with status ``accepted``)."""
        span = self.get(ref)
        return self._upsert(span.with_(origin=ORIGIN_HUMAN, status="accepted"))

    def reject(self, ref: SpanRef) -> Span:
        """Record that a human rejects this span; reruns will not bring it back."""
        span = self.get(ref)
        return self._upsert(span.with_(origin=ORIGIN_HUMAN, status="rejected"))

    def edit(self, article: Any, ref: SpanRef, *, start: int | None = None,
             end: int | None = None, label: str | None = None, norm: str | None = None,
             attrs: Mapping[str, Any] | None = None) -> Span:
        """Correct a span: the old one is rejected, the corrected one added, both by a human.

        Fields not given keep their value (``norm`` keeps the old norm when None).
        """
        old = self.get(ref)
        new_start = old.start if start is None else start
        new_end = old.end if end is None else end
        new_label = label or old.label
        merged_attrs = {**dict(old.attrs), **dict(attrs or {})}
        merged_attrs["edited_from"] = [old.start, old.end, old.label]
        new = make_span(article, new_start, new_end, new_label,
                        norm=old.norm if norm is None else norm, attrs=merged_attrs,
                        origin=ORIGIN_HUMAN, status="accepted")
        self._check(article, new)
        if new.key != old.key:
            self._upsert(old.with_(origin=ORIGIN_HUMAN, status="rejected"))
        return self._upsert(new)

    def add(self, article: Any, start: int, end: int, label: str, *, norm: str | None = None,
            attrs: Mapping[str, Any] | None = None) -> Span:
        """Add a span the annotators missed (origin ``human``, status ``accepted``).

        Adding the same ``(start, end, label)`` twice keeps one span (the latest).
        """
        span = make_span(article, start, end, label, norm=norm, attrs=attrs,
                         origin=ORIGIN_HUMAN, status="accepted")
        self._check(article, span)
        return self._upsert(span)

    def add_text(self, article: Any, exact: str, label: str, *, occurrence: int = 1,
                 norm: str | None = None, attrs: Mapping[str, Any] | None = None) -> Span:
        """Like :meth:`add`, finding the ``occurrence``-th appearance of ``exact`` in the text."""
        starts = _occurrences(article.text, exact) if exact else []
        if len(starts) < occurrence or occurrence < 1:
            raise StoreError(f"{self.doc_id!r}: {exact!r} occurs {len(starts)} times in the "
                             f"text, so occurrence {occurrence} does not exist; check the quote.")
        start = starts[occurrence - 1]
        return self.add(article, start, start + len(exact), label, norm=norm, attrs=attrs)

    def merge(self, rule_spans: Iterable[Span]) -> Annotations:
        """Replace all rule spans with ``rule_spans``; keep every human span; human wins ties."""
        human = self.human
        keys = {s.key for s in human}
        fresh = [s for s in rule_spans if s.is_human is False and s.key not in keys]
        self.spans = sort_spans(human + fresh)
        return self

    # ------------------------------------------------------------------ JSON
    def to_json(self) -> str:
        """The file's content: deterministic (sorted spans, fixed key order), ends in newline."""
        doc = {"format": FORMAT, "doc_id": self.doc_id, "doc_sha256": self.doc_sha256,
               "spans": [s.to_dict() for s in sort_spans(self.spans)],
               "unanchored": [s.to_dict() | {"doc_sha256": s.doc_sha256}
                              for s in sort_spans(self.unanchored)]}
        return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


# --------------------------------------------------------------------------- files


_KEEP = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                       *(f"COM{i}" for i in "123456789¹²³"),
                       *(f"LPT{i}" for i in "123456789¹²³")})
_MAX_NAME = 180  # bytes, leaving room for a suffix under the usual 255-byte limit


def _escape(char: str) -> str:
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))


def id_filename(doc_id: str, suffix: str = "") -> str:
    """The file name for an article id: the id is data, never a path.

    Letters, digits, ``-``, ``_`` and ``.`` are kept; every other character (``/``, ``\\``,
    NUL, ``%``, spaces, non-ASCII …) becomes ``%XX`` per UTF-8 byte, as do a leading dot
    (no hidden files, no ``..``), a trailing dot and the first letter of a name Windows
    reserves (``CON``, ``NUL``, ``COM1`` …). Different ids give different names; a name
    longer than 180 bytes is cut and ends in ``~`` plus 16 hex digits of the id's sha256.
    Every writer of per-article files (the store, the brat exporter) names files with it.
    (On a case-insensitive file system ``A`` and ``a`` share a file; the store then refuses
    to load or save one article's annotations over the other's, naming both ids.)

    >>> id_filename("seed-it-001", ".json"), id_filename("../../etc/passwd", ".ann")
    ('seed-it-001.json', '%2E.%2F..%2Fetc%2Fpasswd.ann')
    >>> id_filename("con", ".txt"), id_filename("ria новости")
    ('%63on.txt', 'ria%20%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8')
    """
    if not isinstance(doc_id, str) or not doc_id:
        raise StoreError(f"document id {doc_id!r} cannot name a file; give the article a "
                         "non-empty string id.")
    parts = [c if c in _KEEP else _escape(c) for c in doc_id]
    if parts[0] == ".":
        parts[0] = _escape(".")
    if parts[-1] == ".":
        parts[-1] = _escape(".")
    if doc_id.split(".", 1)[0].upper() in _RESERVED:
        parts[0] = _escape(doc_id[0])
    name = "".join(parts)
    if len(name.encode("utf-8")) > _MAX_NAME:
        digest = hashlib.sha256(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        name = f"{name[:_MAX_NAME - 17]}~{digest}"
    return name + suffix


def annotation_path(doc_id: str, folder: str | Path | None = None) -> Path:
    """Where the annotations of ``doc_id`` live: ``<folder or data/annotations>/<name>.json``,
    the name given by :func:`id_filename` (always a file directly inside the folder)."""
    return Path(folder or paths.annotations_dir()) / id_filename(doc_id, ".json")


def _sha(data: bytes | None) -> str | None:
    return hashlib.sha256(data).hexdigest() if data is not None else None


def _file_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def file_sha256(path: str | Path) -> str | None:
    """sha256 of the bytes of ``path`` now, or None when there is no such file: compare it with
    :attr:`Annotations.loaded_sha256` to learn whether another writer saved since a load."""
    return _sha(_file_bytes(Path(path)))


@contextlib.contextmanager
def _folder_lock(folder: Path):
    """An exclusive OS lock (``flock``) on ``folder`` while the block runs.

    The folder is locked rather than the file because an atomic save replaces the file (a new
    inode), and a lock file would be litter beside the annotations. Where ``fcntl`` does not
    exist (Windows) the save still checks the file's hash, without the lock.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _same(a: Span | None, b: Span | None) -> bool:
    return (a is None) == (b is None) and (a is None or a.to_dict() == b.to_dict())


def _merge_saved(notes: Annotations, target: Path, current: bytes) -> None:
    """Fold into ``notes`` what another writer saved to ``target`` since ``notes`` was loaded."""
    doc = _read_bytes(target, current)
    if doc["doc_id"] != notes.doc_id:
        raise ConflictError(f"{target}: another writer saved annotations of {doc['doc_id']!r} "
                            f"there, not of {notes.doc_id!r}; check which file you passed.")
    sha = doc.get("doc_sha256", "")
    if sha != notes.doc_sha256:
        raise ConflictError(
            f"{target}: another writer saved it for a different text of {notes.doc_id!r} "
            "since you loaded it, so the two sets of decisions cannot be matched by offsets. "
            "Nothing was written: reload with accords.review.store.load(article) (it re-anchors "
            "their spans) and make your decisions again.")
    try:
        theirs = [Span.from_dict(row, notes.doc_id, sha) for row in doc["spans"]]
        their_unplaced = [Span.from_dict(row, notes.doc_id, row.get("doc_sha256", sha))
                          for row in doc.get("unanchored", [])]
    except SpanError as exc:
        raise ConflictError(f"{target}: the file another writer saved has a bad span ({exc}); "
                            "fix it in the file, then save again.") from exc
    ours_h = {s.key: s for s in notes.human}
    theirs_h = {s.key: s for s in theirs if s.is_human}
    human: list[Span] = []
    for key in ours_h.keys() | theirs_h.keys():
        mine, other = ours_h.get(key), theirs_h.get(key)
        if mine is None or other is None:
            human.append(mine or other)
        elif _same(mine, notes.base.get(key)):  # only the other writer changed it
            human.append(other)
        else:
            human.append(mine)
    keys = {s.key for s in human}
    rules = notes.rules or [s for s in theirs if not s.is_human]
    notes.spans = sort_spans(human + [s for s in rules if s.key not in keys])
    unplaced = {json.dumps(s.to_dict() | {"sha": s.doc_sha256}, sort_keys=True): s
                for s in [*notes.unanchored, *their_unplaced]}
    notes.unanchored = sort_spans(unplaced.values())


def save(notes: Annotations, path: str | Path | None = None, *,
         on_conflict: str = "merge") -> Path:
    """Write ``notes`` atomically to ``path`` (default: ``data/annotations/<doc id>.json``).

    Under an OS lock on the folder, the file is read again first. If it is not the file
    ``notes`` was loaded from (another kernel, panel or ``update()`` saved in between; or
    ``notes`` never loaded it), the other writer's human decisions are merged into ``notes``
    (see the module docstring) and the union is written; ``notes`` then holds it too. With
    ``on_conflict="refuse"`` a changed file raises :class:`ConflictError` and nothing is
    written.

    >>> import tempfile; from accords.read.articles import Article
    >>> a = Article(id="doc", text="Mosca")
    >>> out = save(Annotations.new(a), Path(tempfile.mkdtemp()) / "doc.json")
    >>> out.name
    'doc.json'
    """
    if on_conflict not in ("merge", "refuse"):
        raise ValueError(f"on_conflict={on_conflict!r}: use 'merge' or 'refuse'.")
    target = Path(path) if path is not None else annotation_path(notes.doc_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    with _folder_lock(target.parent):
        current = _file_bytes(target)
        if current is not None and _sha(current) != notes.loaded_sha256:
            if on_conflict == "refuse":
                raise ConflictError(
                    f"{target}: changed on disk since these annotations were loaded (another "
                    "kernel, review panel or store.update() saved it). Nothing was written: "
                    "reload with accords.review.store.load(article), redo your decisions, and "
                    "save; "
                    "or save with on_conflict='merge' to keep both sets of decisions.")
            _merge_saved(notes, target, current)
        data = notes.to_json().encode("utf-8")
        atomic_write_bytes(target, data)
    notes.loaded_sha256 = _sha(data)
    notes.base = {s.key: s for s in notes.human}
    return target


def _read_bytes(path: Path, data: bytes) -> dict[str, Any]:
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(f"{path}: not valid UTF-8 JSON ({exc}); restore it from version "
                         "control or fix the syntax at the position given.") from exc
    if not isinstance(doc, dict) or "spans" not in doc or "doc_id" not in doc:
        raise StoreError(f"{path}: not an annotation file (needs 'doc_id', 'doc_sha256' and "
                         "'spans'); was it written by accords.review.store.save?")
    if doc.get("format", FORMAT) != FORMAT:
        raise StoreError(f"{path}: format {doc.get('format')!r} is not {FORMAT!r}; upgrade "
                         "accords to read it.")
    return doc


def load(article: Any, path: str | Path | None = None, *, strict: bool = False,
         missing_ok: bool = True) -> Annotations:
    """Load and verify the annotations of ``article``; re-anchor spans if its text changed.

    The result's ``report`` (:class:`LoadReport`) says how many spans verified, moved or could
    not be placed. Unplaced spans are kept in ``unanchored``; with ``strict=True`` they raise
    :class:`AnchorError` naming the file and each span instead. A missing file gives empty
    annotations (or :class:`StoreError` with ``missing_ok=False``).
    """
    target = Path(path) if path is not None else annotation_path(article.id)
    report = LoadReport(path=target)
    if not target.is_file():
        if not missing_ok:
            raise StoreError(f"{target}: no annotation file; run "
                             "accords.review.store.update(article) to create it.")
        notes = Annotations.new(article)
        notes.report = report
        return notes
    raw = target.read_bytes()
    doc = _read_bytes(target, raw)
    if doc["doc_id"] != article.id:
        raise StoreError(f"{target}: holds annotations of {doc['doc_id']!r}, not of "
                         f"{article.id!r}; check which file you passed.")
    stored_sha = doc.get("doc_sha256", "")
    report.text_changed = stored_sha != article.sha256
    rows = [(row, stored_sha) for row in doc["spans"]]
    rows += [(row, row.get("doc_sha256", stored_sha)) for row in doc.get("unanchored", [])]
    placed: list[Span] = []
    for index, (row, sha) in enumerate(rows):
        try:
            span = Span.from_dict(row, doc["doc_id"], sha)
        except SpanError as exc:
            raise StoreError(f"{target}: span #{index + 1}: {exc} Fix or remove it in the file."
                             ) from exc
        if not report.text_changed and verify(span, article.text) is None:
            placed.append(span)
            report.verified += 1
            continue
        moved = reanchor(span, article.text, article.sha256)
        if moved is None:
            report.unanchored.append(span)
        else:
            placed.append(moved)
            if (moved.start, moved.end) == (span.start, span.end):
                report.verified += 1
            else:
                report.reanchored.append((span, moved))
    if strict and report.unanchored:
        names = "; ".join(s.describe() for s in report.unanchored)
        raise AnchorError(f"{target}: {len(report.unanchored)} span(s) no longer match the "
                          f"text of {article.id!r} and could not be re-anchored: {names}. "
                          "Load without strict=True to review them in .unanchored.",
                          report.unanchored)
    notes = Annotations(doc_id=article.id, doc_sha256=article.sha256, spans=sort_spans(placed),
                        unanchored=sort_spans(report.unanchored), report=report,
                        loaded_sha256=_sha(raw))
    notes.base = {s.key: s for s in notes.human}
    return notes


def update(article: Any, path: str | Path | None = None,
           annotator: Callable[[Any], list[Span]] | None = None) -> Annotations:
    """Run the annotators on ``article``, merge with the stored human decisions, save.

    Rerun-safe: human spans are kept as they are, rule spans are replaced, so running it twice
    writes the same bytes.
    """
    if annotator is None:
        from accords.annotate import annotate as annotator
    notes = load(article, path)
    notes.merge(annotator(article))
    save(notes, path if path is not None else annotation_path(article.id))
    return notes
