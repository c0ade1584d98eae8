"""Spans: a labelled stretch of an article's text that checks itself against the text.

A :class:`Span` carries its offsets (code points of the normalised article text), the exact
text they cover, a little context before and after (``prefix``/``suffix``, used to re-anchor
the span when the text changes), a label, a normalised value (``norm``), free ``attrs``, who
made it (``origin``: ``rule:NAME`` or ``human``) and its review ``status``.

>>> from accords.articles import Article
>>> article = Article(id="a1", text="Il Kazakistan ha firmato.")
>>> span = make_span(article, 3, 13, "STATE", norm="KAZ", origin="rule:state")
>>> span.exact, span.prefix, span.suffix[:4]
('Kazakistan', 'Il ', ' ha ')
>>> verify(span, article.text) is None
True
"""

from __future__ import annotations

from collections.abc import Mapping
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

    >>> from accords.articles import Article
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

    >>> from accords.articles import Article
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
