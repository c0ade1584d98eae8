"""The review logic behind the annotation widget, in plain Python (no browser needed).

A :class:`ReviewSession` holds one article and its annotations and turns what a reviewer
does — select a stretch of text, pick a label, move between spans, accept, reject, correct,
undo — into human decisions made through :mod:`accords.review.store`, each saved at once and
atomically. Before every decision the session reloads the file if another writer (a notebook
cell, another kernel, another widget) saved it, keeping the decisions only this session has;
:func:`accords.review.store.save` then merges again under its file lock, so nothing another writer
decided is overwritten.

The widget (:class:`accords.review.widget.AnnotationWidget`) only draws the session's state and
forwards the reviewer's mouse and keys to these methods; tests drive them directly.

>>> import tempfile
>>> from pathlib import Path
>>> from accords.read.articles import Article
>>> article = Article(id="doc", text="Il Kazakistan ha firmato a Mosca.")
>>> session = ReviewSession(article, path=Path(tempfile.mkdtemp()) / "doc.json",
...                         annotator=lambda a: [])
>>> session.propose(5, 9)  # a drag over "zaki" snaps to the whole word
(3, 13)
>>> session.choose_label("1").describe()  # key 1 is the first label, STATE
"STATE 3-13 'Kazakistan' (human)"
>>> session.reject().status, session.undo().status
('rejected', 'accepted')
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from accords.review import store
from accords.spans import LABELS, Span, SpanError, sort_spans

__all__ = ["DIGIT_KEYS", "ReviewSession", "SnapError", "coreferents", "label_for_key",
           "snap", "visible_spans"]

#: The keys that pick a label, in the order of :data:`accords.spans.LABELS` (``0`` is the 10th).
DIGIT_KEYS = "1234567890"
#: Characters dropped from the edges of a selection: spaces and punctuation around words.
_EDGE_PUNCTUATION = frozenset(",;:!?\"'«»()[]{}“”„‘’‹›<>/\\|–—-…·*")

Key = tuple[int, int, str]


class SnapError(ValueError):
    """A selection that holds no word (only spaces or punctuation), or offsets off the text."""


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_" or unicodedata.category(char).startswith("M")


def snap(text: str, start: int, end: int) -> tuple[int, int]:
    """A selection widened to whole words and stripped of spaces and punctuation at its edges.

    Offsets count code points of ``text``; ``start`` and ``end`` may come in either order.
    A word cut by the selection is taken whole ("zakis" in "Kazakistan" gives "Kazakistan");
    a final full stop stays only on an abbreviation that has another one ("U.S.").

    >>> text = "Il Kazakistan, la Russia e gli U.S. firmano."
    >>> [text[slice(*snap(text, a, b))] for a, b in [(5, 9), (2, 15), (16, 22), (31, 36)]]
    ['Kazakistan', 'Kazakistan', 'la Russia', 'U.S.']
    >>> try:
    ...     snap(text, 13, 15)
    ... except SnapError as exc:
    ...     print(exc)
    the selection 13-15 (', ') holds no word; select letters or digits of the words to mark.
    """
    if not all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end)):
        raise SnapError(f"selection offsets must be integers, got {start!r} and {end!r}.")
    start, end = min(start, end), max(start, end)
    if start < 0 or end > len(text):
        raise SnapError(f"the selection {start}-{end} is outside the text (0-{len(text)}); "
                        "select words inside the article.")
    a, b = start, end
    while a < b and (text[a].isspace() or text[a] in _EDGE_PUNCTUATION or text[a] == "."):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in _EDGE_PUNCTUATION):
        b -= 1
    if b > a and text[b - 1] == ".":
        last_word = text[a:b - 1].split()[-1] if text[a:b - 1].split() else ""
        if "." not in last_word:
            b -= 1
    if not any(_is_word(c) for c in text[a:b]):
        raise SnapError(f"the selection {start}-{end} ({text[start:end]!r}) holds no word; "
                        "select letters or digits of the words to mark.")
    while a > 0 and _is_word(text[a - 1]) and _is_word(text[a]):
        a -= 1
    while b < len(text) and _is_word(text[b]) and _is_word(text[b - 1]):
        b += 1
    return a, b


def label_for_key(key: str, labels: Sequence[str] = LABELS) -> str | None:
    """The label a digit key picks (``1`` → the first label … ``0`` → the tenth), else None.

    >>> label_for_key("1"), label_for_key("0"), label_for_key("x")
    ('STATE', 'AREA', None)
    """
    if len(key) != 1 or key not in DIGIT_KEYS:
        return None
    index = DIGIT_KEYS.index(key)
    return labels[index] if index < len(labels) else None


def visible_spans(notes: store.Annotations) -> list[Span]:
    """The spans a reviewer sees and moves through: every human span (rejected ones too, so a
    rejection can be reversed) and each rule span that no human decision overrides."""
    human = {s.key for s in notes.human}
    return sort_spans(s for s in notes.spans if s.is_human or s.key not in human)


def coreferents(spans: Iterable[Span], span: Span) -> list[Span]:
    """The spans that refer back to ``span`` (``attrs.antecedent`` is its offsets, same label),
    and those that refer back to them, in text order: a rejected span's copies follow it.

    >>> from accords.read.articles import Article
    >>> from accords.spans import make_span
    >>> a = Article(id="d", text="Il ministro Shoigu. Poi Shoigu parte.")
    >>> full = make_span(a, 12, 18, "PERSON")
    >>> copy = make_span(a, 24, 30, "PERSON", attrs={"via": "coreference", "antecedent": [12, 18]})
    >>> [s.exact for s in coreferents([full, copy], full)]
    ['Shoigu']
    """
    pool = [s for s in spans if s.label == span.label and s.key != span.key]
    found: dict[Key, Span] = {}
    frontier = [span]
    while frontier:
        head = frontier.pop()
        for other in pool:
            antecedent = other.attrs.get("antecedent")
            if (other.key not in found and antecedent is not None
                    and list(antecedent) == [head.start, head.end]):
                found[other.key] = other
                frontier.append(other)
    return sort_spans(found.values())


@dataclass(frozen=True)
class _Undo:
    """One decision to take back: what each span key it touched held before it."""

    what: str
    before: dict[Key, tuple[Span, ...]]
    after: dict[Key, tuple[Span, ...]]


class ReviewSession:
    """Review one article: selection, labels, navigation, decisions saved at once, undo.

    ``path`` defaults to ``data/annotations/<doc id>.json``. With no file yet the
    annotators' spans (``annotator``, default :func:`accords.annotate.annotate`) are shown
    and the first decision creates the file; opening a session writes nothing.

    State for a view: :attr:`spans` (the visible spans in text order), :attr:`selected_index`,
    :attr:`pending` (a snapped selection waiting for its label), :attr:`status` (what the last
    action did, or what went wrong, as a sentence) and :attr:`can_undo`.
    """

    def __init__(self, article: Any, *, path: str | Path | None = None,
                 annotator: Callable[[Any], list[Span]] | None = None,
                 labels: Sequence[str] = LABELS) -> None:
        self.article = article
        self.path = Path(path) if path is not None else store.annotation_path(article.id)
        self.labels = tuple(labels)
        notes = store.load(article, self.path)
        if not self.path.is_file():  # nothing reviewed yet: start from the annotators
            if annotator is None:
                from accords.annotate import annotate as annotator
            notes.merge(annotator(article))
        self.notes = notes
        self.selected: Key | None = None
        self.pending: tuple[int, int] | None = None
        self.status = ""
        self.ok = True
        self._undo: list[_Undo] = []

    def __repr__(self) -> str:
        return (f"ReviewSession({self.notes.doc_id!r}: {len(self.spans)} spans, "
                f"{len(self.notes.human)} human decisions)")

    # ------------------------------------------------------------------ state
    @property
    def spans(self) -> list[Span]:
        """The visible spans (see :func:`visible_spans`), in text order."""
        return visible_spans(self.notes)

    @property
    def selected_index(self) -> int | None:
        """The position of the selected span in :attr:`spans`, or None."""
        if self.selected is None:
            return None
        keys = [s.key for s in self.spans]
        return keys.index(self.selected) if self.selected in keys else None

    @property
    def selected_span(self) -> Span | None:
        index = self.selected_index
        return None if index is None else self.spans[index]

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def _say(self, text: str, ok: bool = True) -> None:
        self.status, self.ok = text, ok

    # ------------------------------------------------------------------ selection
    def select(self, ref: Span | Key | int | None) -> Span | None:
        """Select a span by itself, its ``(start, end, label)`` or its position in
        :attr:`spans` (what a click on a highlight does); None clears the selection."""
        self.pending = None
        if ref is None:
            self.selected = None
            return None
        spans = self.spans
        if isinstance(ref, int):
            if not 0 <= ref < len(spans):
                self._say(f"There is no span number {ref + 1}; the article has {len(spans)}.",
                          ok=False)
                return None
            span = spans[ref]
        else:
            key = ref.key if isinstance(ref, Span) else tuple(ref)
            span = next((s for s in spans if s.key == key), None)
            if span is None:
                self._say(f"No span {key} in {self.notes.doc_id!r}.", ok=False)
                return None
        self.selected = span.key
        self._say(f"Selected {_describe(span)}.")
        return span

    def move(self, step: int) -> Span | None:
        """Select the next (``step`` > 0) or previous span in text order (what the arrows do);
        from no selection, the first or the last span; it stops at either end."""
        spans = self.spans
        if not spans:
            self._say("This article has no spans; select words with the mouse to add one.",
                      ok=False)
            return None
        index = self.selected_index
        if index is None:
            index = 0 if step > 0 else len(spans) - 1
        else:
            index = max(0, min(len(spans) - 1, index + step))
        return self.select(index)

    def propose(self, start: int, end: int) -> tuple[int, int] | None:
        """A selection made with the mouse: snapped to words, it waits for its label
        (:meth:`choose_label`). Returns the snapped offsets, or None (with the reason in
        :attr:`status`) when the selection holds no word."""
        try:
            a, b = snap(self.article.text, start, end)
        except SnapError as exc:
            self.pending = None
            self._say(f"No span made: {exc}", ok=False)
            return None
        self.pending, self.selected = (a, b), None
        self._say(f"New span {a}-{b} {self.article.text[a:b]!r}: pick its label with a "
                  "number key or a click (Esc cancels).")
        return a, b

    def cancel(self) -> None:
        """Drop the pending selection (Esc)."""
        if self.pending is not None:
            self.pending = None
            self._say("New span cancelled.")

    # ------------------------------------------------------------------ decisions
    def choose_label(self, label: str, norm: str | None = None) -> Span | None:
        """Give a label (a name such as ``"STATE"`` or a digit key) to the pending selection —
        a new human span, accepted, with ``norm`` if given — or else to the selected span (a
        correction of its label; ``norm``, if given, replaces its norm)."""
        name = label_for_key(label, self.labels) if len(label) == 1 else label
        if not name:
            self._say(f"Key {label!r} picks no label; keys 1-{min(len(self.labels), 9)}"
                      + (" and 0" if len(self.labels) >= 10 else "") + " do.", ok=False)
            return None
        if self.pending is not None:
            a, b = self.pending
            span = self._decide(lambda notes: notes.add(self.article, a, b, name, norm=norm),
                                "Added")
            if span is not None:
                self.pending = None
            return span
        current = self.selected_span
        if current is None:
            self._say("Select a span, or words with the mouse, before picking a label.",
                      ok=False)
            return None
        if current.label == name and norm is None:
            self._say(f"{_describe(current)} already has the label {name}.")
            return current
        return self.edit(label=name, norm=norm)

    def accept(self) -> Span | None:
        """Accept the selected span (Enter)."""
        span = self._need_selection()
        if span is None:
            return None
        return self._decide(lambda notes: notes.accept(span.key), "Accepted")

    def reject(self) -> Span | None:
        """Reject the selected span and the spans that refer back to it (Delete, Backspace)."""
        span = self._need_selection()
        if span is None:
            return None

        def reject(notes: store.Annotations) -> Span:
            copies = [s for s in coreferents(visible_spans(notes), notes.get(span.key))
                      if s.status != "rejected"]
            for copy in copies:
                notes.reject(copy.key)
            return notes.reject(span.key)

        return self._decide(reject, "Rejected")

    def edit(self, *, label: str | None = None, norm: str | None = None,
             clear_norm: bool = False) -> Span | None:
        """Correct the selected span's label and/or normalised value (the editor's Save).

        A new label makes a new span and records the old one as rejected
        (:meth:`accords.review.store.Annotations.edit`); ``clear_norm`` removes the norm.
        """
        span = self._need_selection()
        if span is None:
            return None
        new_label = label or span.label
        new_norm = None if clear_norm else (span.norm if norm is None else norm)
        if new_label == span.label and new_norm == span.norm:
            self._say(f"Nothing to change: {_describe(span)} already has that label and norm.")
            return span

        def change(notes: store.Annotations) -> Span:
            new = notes.edit(self.article, span.key, label=new_label, norm=new_norm)
            if new_norm is None and new.norm is not None:  # edit() keeps the old norm for None
                new = notes.add(self.article, new.start, new.end, new.label,
                                attrs=new.attrs_dict())
            return new

        return self._decide(change, "Changed to")

    def undo(self) -> Span | None:
        """Take back the last decision of this session (Ctrl+Z): the spans it touched get
        back what they held before, and the file is saved again. Returns the span selected
        afterwards, or None when there is nothing to undo.

        If another writer changed one of those spans in the file since the decision, the
        undo is refused (and dropped from the history): their decision is never overwritten.
        """
        if not self._undo:
            self._say("Nothing to undo.", ok=False)
            return None
        entry = self._undo[-1]
        try:
            self._sync()
            now = _by_key(self.notes.spans)
            moved = [key for key in entry.before
                     if _dicts(now.get(key, ())) != _dicts(entry.after.get(key, ()))]
            if moved:
                names = ", ".join(f"{label} {a}-{b}" for a, b, label in sorted(moved))
                self._say(f"Not undone: another writer changed {names} in {self.path.name} "
                          "since this decision; their decision stands — review the span "
                          "again if it is wrong.", ok=False)
                self._undo.pop()
                return None
            touched = set(entry.before)
            with self._saved():
                kept = [s for s in self.notes.spans if s.key not in touched]
                self.notes.spans = sort_spans(kept + [s for spans in entry.before.values()
                                                      for s in spans])
        except (store.StoreError, SpanError, OSError) as exc:
            self._say(f"Not undone: {exc}", ok=False)
            return None
        self._undo.pop()
        restored = [s for spans in entry.before.values() for s in spans]
        keys = {s.key for s in self.spans}
        target = next((s for s in sort_spans(restored) if s.key in keys), None)
        self.pending = None
        self.selected = target.key if target is not None else None
        self._say(f"Undid: {entry.what}; saved {self.path.name}.")
        return self.selected_span

    # ------------------------------------------------------------------ plumbing
    def _need_selection(self) -> Span | None:
        span = self.selected_span
        if span is None:
            self._say("Select a span first: click a highlight or use the arrow keys.",
                      ok=False)
        return span

    def _file_sha(self) -> str | None:
        try:
            return hashlib.sha256(self.path.read_bytes()).hexdigest()
        except FileNotFoundError:
            return None

    def _sync(self) -> None:
        """Reload the file if another writer saved it since this session last read or wrote
        it, keeping the decisions only this session has (as the review panel does)."""
        current = self._file_sha()
        if current is None or current == self.notes.loaded_sha256:
            return
        fresh = store.load(self.article, self.path)
        mine = {s.key for s in fresh.human}
        missing = [s for s in self.notes.human if s.key not in mine]
        if missing:
            keys = {s.key for s in missing}
            fresh.spans = sort_spans([s for s in fresh.spans if s.key not in keys] + missing)
        if not fresh.rules:
            fresh.merge(self.notes.rules)
        self.notes = fresh

    @contextmanager
    def _saved(self) -> Iterator[list[Span]]:
        """Change the notes in the block, then save them atomically; on any failure, in the
        block or in the save, the notes are put back as they were (yields them as before)."""
        before = list(self.notes.spans)
        try:
            yield before
            store.save(self.notes, self.path)
        except BaseException:
            self.notes.spans = before
            raise

    def _decide(self, action: Callable[[store.Annotations], Span], done: str) -> Span | None:
        """Apply one decision to fresh notes and save it atomically; on any failure the
        notes are left as they were and the reason is in :attr:`status`."""
        try:
            self._sync()
            with self._saved() as before:
                span = action(self.notes)
        except (store.StoreError, SpanError, OSError) as exc:
            self._say(f"Not saved: {exc}", ok=False)
            return None
        old = _by_key(before)
        new = _by_key(self.notes.spans)
        changed = {key: old.get(key, ()) for key in old.keys() | new.keys()
                   if old.get(key, ()) != new.get(key, ())}
        if changed:
            self._undo.append(_Undo(f"{done.lower()} {_describe(span)}", changed,
                                    {key: new.get(key, ()) for key in changed}))
        self.pending = None
        self.selected = span.key
        copies = sum(1 for key in changed if key != span.key and key[2] == span.label
                     and done == "Rejected")
        extra = f" and {copies} span{'s' if copies != 1 else ''} referring to it" if copies else ""
        self._say(f"{done} {_describe(span)}{extra}; saved {self.path.name}.")
        return span


def _by_key(spans: Iterable[Span]) -> dict[Key, tuple[Span, ...]]:
    out: dict[Key, list[Span]] = {}
    for span in spans:
        out.setdefault(span.key, []).append(span)
    return {key: tuple(sort_spans(group)) for key, group in out.items()}


def _dicts(spans: Iterable[Span]) -> list[dict[str, Any]]:
    return [s.to_dict() for s in spans]


def _describe(span: Span) -> str:
    norm = f" → {span.norm}" if span.norm is not None else ""
    return f"{span.label} {span.start}-{span.end} {span.exact!r}{norm}"
