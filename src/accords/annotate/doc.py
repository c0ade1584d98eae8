"""What annotators see (:class:`Doc`): the article, its layout and the spans found so far.

Its own module, so that the annotators (:mod:`accords.annotate.rules`) and the pipeline that
orders them (:mod:`accords.annotate.pipeline`) both import it and not each other.

>>> from accords.read.articles import Article
>>> doc = Doc.of(Article(id="x", text="Uno. Due.", lang="it"))
>>> doc.text[slice(*doc.sentence_bounds(6))]
'Due.'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from accords.read.articles import Article
from accords.read.layout import Layout, analyse
from accords.spans import Span, SpanIndex, make_span

__all__ = ["Doc"]


@dataclass
class Doc:
    """What annotators see: the article, its layout, the boilerplate blocks to skip, and the
    spans found so far (each annotator reads its lexicon through :mod:`accords.lexicon`)."""

    article: Article
    layout: Layout
    blocks: tuple[tuple[int, int], ...]
    spans: list[Span] = field(default_factory=list)
    _block_index: tuple[tuple, SpanIndex] | None = field(default=None, init=False, repr=False,
                                                         compare=False)

    @classmethod
    def of(cls, article: Article, layout: Layout | None = None) -> Doc:
        if layout is None or layout.article is not article:
            layout = analyse(article)
        blocks = tuple((b.start, b.end) for b in layout.boilerplate)
        return cls(article=article, layout=layout, blocks=blocks)

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
