"""The annotation pipeline: a :class:`Doc` context and the ordered list of annotators.

>>> from accords.articles import Article
>>> doc_spans = annotate(Article(id="x", text="La NATO e la Russia.", lang="it"))
>>> [(s.label, s.norm) for s in doc_spans]
[('ORG', 'NATO'), ('STATE', 'RUS')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from accords.articles import Article
from accords.layout import Layout, analyse
from accords.lexicon import available_languages, load_lexicon
from accords.spans import Span, SpanError, SpanIndex, make_span, sort_spans, verify

__all__ = ["ANNOTATORS", "Annotator", "Doc", "annotate", "annotate_many", "spans_frame"]


@dataclass
class Doc:
    """What annotators see: the article, its layout and lexicon, and the spans found so far."""

    article: Article
    layout: Layout
    lexicon: Mapping[str, Any]
    blocks: tuple[tuple[int, int], ...]
    spans: list[Span] = field(default_factory=list)
    _block_index: tuple[tuple, SpanIndex] | None = field(default=None, init=False, repr=False,
                                                         compare=False)

    @classmethod
    def of(cls, article: Article, layout: Layout | None = None) -> Doc:
        if layout is None or layout.article is not article:
            layout = analyse(article)
        lang = article.lang
        lexicon = load_lexicon(lang) if lang in available_languages() else {}
        blocks = tuple((b.start, b.end) for b in layout.boilerplate)
        return cls(article=article, layout=layout, lexicon=lexicon, blocks=blocks)

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def lang(self) -> str | None:
        return self.article.lang

    def allowed(self, start: int, end: int) -> bool:
        """False when ``start..end`` touches a boilerplate block (one bisection)."""
        if self._block_index is None or self._block_index[0] is not self.blocks:
            self._block_index = (self.blocks, SpanIndex.of_bounds(self.blocks))
        return not self._block_index[1].overlaps(start, max(end, start + 1))

    def span(self, start: int, end: int, label: str, rule: str, norm: str | None = None,
             attrs: Mapping[str, Any] | None = None) -> Span:
        return make_span(self.article, start, end, label, norm=norm, attrs=attrs,
                         origin=f"rule:{rule}")

    def of_label(self, label: str) -> list[Span]:
        return [s for s in self.spans if s.label == label]

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        """The sentence (or, failing that, the line) holding ``pos``."""
        sentence = self.layout.sentence_at(pos)
        if sentence is not None:
            return sentence.start, sentence.end
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        return start, len(self.text) if end < 0 else end


Annotator = Callable[[Doc], list[Span]]


def _annotators() -> tuple[Annotator, ...]:
    from accords.annotate import rules

    return (rules.states, rules.orgs, rules.places, rules.dates, rules.people,
            rules.actions, rules.agreements, rules.areas)


ANNOTATORS: tuple[Annotator, ...] = ()


def _resolve_overlaps(spans: list[Span]) -> list[Span]:
    """Drop names inside people ("La Russa" is not Russia) and agreements inside organisations."""
    people = SpanIndex(s for s in spans if s.label == "PERSON")
    orgs = SpanIndex(s for s in spans if s.label == "ORG")

    def inside(span: Span, outer: SpanIndex) -> bool:
        return any(o is not span for o in outer.containing(span.start, span.end))

    kept = []
    for span in spans:
        if span.label in ("STATE", "PLACE", "ORG", "DATE") and inside(span, people):
            continue
        if span.label == "AGREEMENT" and inside(span, orgs):
            continue
        kept.append(span)
    return kept


def annotate(article: Article, annotators: Sequence[Annotator] | None = None, *,
             layout: Layout | None = None) -> list[Span]:
    """Run the annotators over ``article``; return sorted, verified spans (origin ``rule:*``).

    ``layout`` (the article's :func:`accords.layout.analyse`) is reused when given. A span
    that does not match the text (a bug in a rule) raises :class:`SpanError` naming the
    article and span rather than being stored.
    """
    doc = Doc.of(article, layout)
    for annotator in annotators or ANNOTATORS or _annotators():
        found = annotator(doc)
        doc.spans.extend(found)
    spans = _resolve_overlaps(doc.spans)
    seen: set[tuple[int, int, str]] = set()
    unique = []
    for span in sort_spans(spans):
        problem = verify(span, article.text)
        if problem:
            raise SpanError(f"article {article.id!r}: {span.describe()}: {problem} (a bug in "
                            f"{span.origin}; please report it).")
        if span.key not in seen:
            seen.add(span.key)
            unique.append(span)
    return unique


def annotate_many(articles: Iterable[Article], progress: bool = False) -> dict[str, list[Span]]:
    """Annotate many articles: ``{article id: spans}`` (a progress bar with ``progress``)."""
    items = list(articles)
    if progress:
        from tqdm.auto import tqdm

        items = tqdm(items, desc="annotating", unit="article")
    return {article.id: annotate(article) for article in items}


def spans_frame(spans: Iterable[Span]):
    """One row per span: start, end, label, exact, norm, attrs (compact), origin, status."""
    import json

    import pandas as pd

    rows = [{"start": s.start, "end": s.end, "label": s.label, "exact": s.exact,
             "norm": s.norm,
             "attrs": json.dumps(s.attrs_dict(), ensure_ascii=False, sort_keys=True)
             if s.attrs else "",
             "origin": s.origin, "status": s.status} for s in spans]
    return pd.DataFrame(rows, columns=["start", "end", "label", "exact", "norm", "attrs",
                                       "origin", "status"])
