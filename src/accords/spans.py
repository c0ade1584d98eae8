"""Spans: a labelled stretch of an article's text that checks itself against the text.

A :class:`Span` carries its offsets (code points of the normalised article text), the exact
text they cover, a little context before and after (``prefix``/``suffix``, used to re-anchor
the span when the text changes), a label, a normalised value (``norm``), free ``attrs``, who
made it (``origin``: ``rule:NAME`` or ``human``) and its review ``status``.

>>> from accords.read.articles import Article
>>> article = Article(id="a1", text="Il Kazakistan ha firmato.")
>>> span = make_span(article, 3, 13, "STATE", norm="KAZ", origin="rule:state")
>>> span.exact, span.prefix, span.suffix[:4]
('Kazakistan', 'Il ', ' ha ')
>>> verify(span, article.text) is None
True
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

__all__ = [
    "CONTEXT",
    "LABELS",
    "ORIGIN_HUMAN",
    "STATUSES",
    "Span",
    "SpanError",
    "SpanIndex",
    "make_span",
    "sort_spans",
    "verify",
]

#: Characters of context kept on each side of a span for re-anchoring.
CONTEXT = 32
#: The labels the annotators produce (a human may add spans with other labels).
LABELS = ("STATE", "ORG", "PERSON", "ROLE", "DATE", "PERIOD", "PLACE", "AGREEMENT", "ACTION",
          "AREA")
STATUSES = ("proposed", "accepted", "rejected")
ORIGIN_HUMAN = "human"


class SpanError(ValueError):
    """A span that is malformed or does not match its text; the message says which and why."""


_SCALARS = (str, int, float, bool, type(None))


def _freeze(value: Any) -> Any:
    if type(value) is dict and all(type(v) in _SCALARS for v in value.values()):
        return MappingProxyType({str(k): v for k, v in value.items()})  # the common case
    if isinstance(value, Mapping):
        return MappingProxyType({str(k): _freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value


@dataclass(frozen=True, slots=True)
class Span:
    """One annotation of one article (see DESIGN.md, "Span").

    ``key`` — ``(start, end, label)`` — identifies the stretch a decision is about; a human
    span and a rule span with the same key are the same annotation, and the human one wins.
    """

    doc_id: str
    doc_sha256: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    label: str
    norm: str | None = None
    attrs: Mapping[str, Any] = field(default_factory=dict)
    origin: str = ORIGIN_HUMAN
    status: str = "proposed"

    def __post_init__(self) -> None:
        start, end = self.start, self.end
        valid = (type(start) is int and type(end) is int and 0 <= start <= end
                 and len(self.exact) == end - start and self.label
                 and isinstance(self.label, str) and self.status in STATUSES
                 and (self.origin == ORIGIN_HUMAN or self.origin.startswith("rule:"))
                 and (self.norm is None or isinstance(self.norm, str)))
        if not valid:
            self._explain()
        if not isinstance(self.attrs, MappingProxyType) or any(
                isinstance(v, dict | list) for v in self.attrs.values()):
            object.__setattr__(self, "attrs", _freeze(self.attrs))

    def _explain(self) -> None:
        """Raise the :class:`SpanError` that says what is wrong (checked in order)."""
        where = f"span {self.label or '?'} {self.start}-{self.end} of {self.doc_id!r}"
        if not isinstance(self.start, int) or not isinstance(self.end, int) \
                or isinstance(self.start, bool) or isinstance(self.end, bool):
            raise SpanError(f"{where}: start and end must be integers.")
        if not 0 <= self.start <= self.end:
            raise SpanError(f"{where}: needs 0 <= start <= end; swap or fix the offsets.")
        if len(self.exact) != self.end - self.start:
            raise SpanError(f"{where}: exact {self.exact!r} has {len(self.exact)} characters "
                            f"but the offsets cover {self.end - self.start}.")
        if not self.label or not isinstance(self.label, str):
            raise SpanError(f"{where}: label must be a non-empty string such as 'STATE'.")
        if self.status not in STATUSES:
            raise SpanError(f"{where}: status {self.status!r} is not one of "
                            f"{', '.join(STATUSES)}.")
        if self.origin != ORIGIN_HUMAN and not self.origin.startswith("rule:"):
            raise SpanError(f"{where}: origin {self.origin!r} must be 'human' or 'rule:NAME'.")
        raise SpanError(f"{where}: norm must be a string or None, got "
                        f"{type(self.norm).__name__}.")

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.label)

    @property
    def is_human(self) -> bool:
        return self.origin == ORIGIN_HUMAN

    def describe(self) -> str:
        """A short human-readable name: ``STATE 3-13 'Kazakistan' (rule:state)``."""
        return f"{self.label} {self.start}-{self.end} {self.exact!r} ({self.origin})"

    def attrs_dict(self) -> dict[str, Any]:
        """``attrs`` as plain JSON-ready dicts and lists."""
        return _thaw(self.attrs)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form stored in ``data/annotations/`` (document fields left out)."""
        return {
            "start": self.start, "end": self.end, "exact": self.exact, "prefix": self.prefix,
            "suffix": self.suffix, "label": self.label, "norm": self.norm,
            "attrs": _thaw(self.attrs), "origin": self.origin, "status": self.status,
        }

    @classmethod
    def from_dict(cls, row: Mapping[str, Any], doc_id: str, doc_sha256: str) -> Span:
        """Build a span from its stored JSON form; a bad row raises :class:`SpanError`."""
        missing = [k for k in ("start", "end", "exact", "label") if k not in row]
        if missing:
            raise SpanError(f"span {dict(row)!r} of {doc_id!r}: missing {', '.join(missing)}.")
        try:
            return cls(doc_id=doc_id, doc_sha256=doc_sha256, start=row["start"], end=row["end"],
                       exact=row["exact"], prefix=row.get("prefix", ""),
                       suffix=row.get("suffix", ""), label=row["label"], norm=row.get("norm"),
                       attrs=row.get("attrs") or {}, origin=row.get("origin", ORIGIN_HUMAN),
                       status=row.get("status", "proposed"))
        except TypeError as exc:
            raise SpanError(f"span {dict(row)!r} of {doc_id!r}: {exc}") from exc

    def with_(self, **changes: Any) -> Span:
        """A copy with some fields changed (``replace`` for frozen dataclasses)."""
        return replace(self, **changes)

    def sort_key(self) -> tuple:
        """Offsets, label, origin, status, norm (sorting is stable for the rest)."""
        return (self.start, self.end, self.label, self.origin, self.status, self.norm or "")


def make_span(article: Any, start: int, end: int, label: str, *, norm: str | None = None,
              attrs: Mapping[str, Any] | None = None, origin: str = ORIGIN_HUMAN,
              status: str = "proposed", context: int = CONTEXT) -> Span:
    """A span of ``article`` (anything with ``id``, ``text`` and ``sha256``) over
    ``text[start:end]``, with ``context`` characters of prefix and suffix.

    >>> from accords.read.articles import Article
    >>> make_span(Article(id="x", text="a Mosca"), 2, 7, "PLACE", norm="Moscow").exact
    'Mosca'
    """
    text = article.text
    if not 0 <= start <= end <= len(text):
        raise SpanError(f"span {label} {start}-{end} of {article.id!r}: offsets outside the "
                        f"text (length {len(text)}).")
    return Span(doc_id=article.id, doc_sha256=article.sha256, start=start, end=end,
                exact=text[start:end], prefix=text[max(0, start - context):start],
                suffix=text[end:end + context], label=label, norm=norm, attrs=attrs or {},
                origin=origin, status=status)


def verify(span: Span, text: str) -> str | None:
    """None when ``text[start:end] == exact``; otherwise the reason, as a sentence.

    >>> from accords.read.articles import Article
    >>> s = make_span(Article(id="x", text="a Mosca"), 2, 7, "PLACE")
    >>> verify(s, "a Minsk")
    "text[2:7] is 'Minsk' but the span says 'Mosca'"
    """
    if span.end > len(text):
        return f"offsets {span.start}-{span.end} run past the end of the text ({len(text)})"
    found = text[span.start:span.end]
    if found != span.exact:
        return f"text[{span.start}:{span.end}] is {found!r} but the span says {span.exact!r}"
    return None


def sort_spans(spans: Any) -> list[Span]:
    """Spans in a stable order: by offsets, label, origin, then the rest."""
    return sorted(spans, key=Span.sort_key)


@dataclass(frozen=True, slots=True)
class _Bounds:
    start: int
    end: int


class SpanIndex:
    """Spans (anything with ``start`` and ``end``) kept sorted by start, so that the ones
    overlapping, containing or starting in a stretch of text are found by bisection instead
    of by a scan of every span.

    Queries return spans in the order they were added, exactly as a filter over the list of
    added spans would. Their cost grows with the number of spans starting within the longest
    span's length of the stretch asked about, not with the number of spans held.

    >>> from accords.read.articles import Article
    >>> a = Article(id="x", text="la Russia e il Kazakistan")
    >>> index = SpanIndex([make_span(a, 3, 9, "STATE"), make_span(a, 15, 25, "STATE")])
    >>> [s.exact for s in index.overlapping(0, 5)], index.overlaps(10, 14)
    (['Russia'], False)
    >>> [s.exact for s in index.starting_in(10, 20)]
    ['Kazakistan']
    """

    __slots__ = ("_count", "_items", "_keys", "_longest", "_reach")

    def __init__(self, spans: Iterable[Any] = ()) -> None:
        items = [(s.start, i, s) for i, s in enumerate(spans)]
        items.sort(key=lambda item: (item[0], item[1]))
        self._items: list[tuple[int, int, Any]] = items
        self._keys: list[tuple[int, int]] = [(start, i) for start, i, _ in items]
        self._count = len(items)
        self._longest = max((s.end - s.start for _, _, s in items), default=0)
        reach, furthest = [], -1
        for _, _, s in items:
            furthest = max(furthest, s.end)
            reach.append(furthest)
        # the running maximum of ends in text order, while spans were added in text order
        self._reach: list[int] | None = reach

    @classmethod
    def of_bounds(cls, bounds: Iterable[tuple[int, int]]) -> SpanIndex:
        """An index of plain ``(start, end)`` pairs, such as boilerplate blocks.

        >>> SpanIndex.of_bounds([(0, 5), (20, 30)]).overlaps(4, 8)
        True
        """
        return cls(_Bounds(a, b) for a, b in bounds)

    def __len__(self) -> int:
        return self._count

    def add(self, span: Any) -> None:
        """Add one span (cheapest when spans come roughly in text order)."""
        key = (span.start, self._count)
        self._count += 1
        self._longest = max(self._longest, span.end - span.start)
        if not self._keys or key > self._keys[-1]:
            if self._reach is not None:
                self._reach.append(max(self._reach[-1] if self._reach else -1, span.end))
            self._keys.append(key)
            self._items.append((span.start, key[1], span))
            return
        self._reach = None  # out of order: overlaps() falls back to the window below
        at = bisect_left(self._keys, key)
        self._keys.insert(at, key)
        self._items.insert(at, (span.start, key[1], span))

    def _between(self, low: int, high: int) -> list[tuple[int, int, Any]]:
        """Items whose start is in ``low..high`` (both included), in text order."""
        lo = bisect_left(self._keys, (low, -1))
        hi = bisect_right(self._keys, (high, self._count))
        return self._items[lo:hi]

    @staticmethod
    def _in_order(items: Iterable[tuple[int, int, Any]]) -> list[Any]:
        return [s for _, _, s in sorted(items, key=lambda item: item[1])]

    def starting_in(self, low: int, high: int) -> list[Any]:
        """Spans with ``low <= start < high``."""
        return self._in_order(self._between(low, high - 1))

    def overlapping(self, start: int, end: int) -> list[Any]:
        """Spans with ``s.start < end and start < s.end`` (the test of ``_overlaps``)."""
        return self._in_order(item for item in self._between(start - self._longest, end - 1)
                              if start < item[2].end)

    def overlaps(self, start: int, end: int) -> bool:
        """True when some span overlaps ``start..end`` (see :meth:`overlapping`); one
        bisection, however long the spans are, while they were added in text order."""
        if self._reach is None:
            return any(start < item[2].end
                       for item in self._between(start - self._longest, end - 1))
        before = bisect_right(self._keys, (end - 1, self._count))  # spans with start < end
        return before > 0 and self._reach[before - 1] > start

    def containing(self, start: int, end: int) -> list[Any]:
        """Spans with ``s.start <= start and end <= s.end``."""
        return self._in_order(item for item in self._between(start - self._longest, start)
                              if end <= item[2].end)

    def ending_in(self, low: int, high: int) -> list[Any]:
        """Spans with ``low <= end <= high``."""
        return self._in_order(item for item in self._between(low - self._longest, high)
                              if low <= item[2].end <= high)
