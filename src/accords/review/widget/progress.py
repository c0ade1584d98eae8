"""How far the review of a corpus has got: each article's state and a count over all of them.

An article is **not started** while no person has decided anything on it (no annotation file,
or a file without human decisions), **in progress** while some spans the annotators proposed
still wait for a decision, and **reviewed** once every visible span has a human decision
(accepted, rejected or corrected). Only the annotation files are read: nothing is annotated
and nothing is written.

>>> import tempfile
>>> from pathlib import Path
>>> from accords.read.articles import Article
>>> from accords.review import store
>>> folder = Path(tempfile.mkdtemp())
>>> a, b = Article(id="a", text="Il Kazakistan firma."), Article(id="b", text="Mosca.")
>>> notes = store.Annotations.new(a)
>>> _ = notes.add(a, 3, 13, "STATE")
>>> _ = store.save(notes, store.annotation_path("a", folder))
>>> rows = corpus_progress([a, b], folder)
>>> [(row.doc_id, row.state) for row in rows]
[('a', 'reviewed'), ('b', 'not started')]
>>> progress_summary(rows)
'2 articles: 1 reviewed, 0 in progress, 1 not started; 1 of 1 spans decided'
>>> next_unreviewed(rows, after="a")
'b'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from accords.review import store
from accords.spans import SpanError

__all__ = ["STATES", "ArticleProgress", "article_progress", "corpus_progress",
           "next_unreviewed", "progress_summary"]

STATES = ("not started", "in progress", "reviewed")


@dataclass(frozen=True)
class ArticleProgress:
    """The review state of one article: ``decided`` of ``total`` visible spans have a human
    decision (``total`` is None when there is no annotation file yet); ``problem`` says why
    its file could not be read, if it could not."""

    doc_id: str
    state: str
    decided: int = 0
    total: int | None = None
    problem: str | None = None

    def describe(self) -> str:
        """One line for a list: id, state and the count of decided spans.

        >>> ArticleProgress("seed", "in progress", 3, 44).describe()
        'seed — in progress (3/44)'
        """
        count = f" ({self.decided}/{self.total})" if self.total is not None else ""
        problem = f" — cannot be read: {self.problem}" if self.problem else ""
        return f"{self.doc_id} — {self.state}{count}{problem}"


def article_progress(article: Any, path: str | Path | None = None) -> ArticleProgress:
    """The review state of ``article`` from its annotation file (``path``, default
    ``data/annotations/<doc id>.json``)."""
    from accords.review.widget.session import visible_spans

    target = Path(path) if path is not None else store.annotation_path(article.id)
    if not target.is_file():
        return ArticleProgress(article.id, "not started")
    try:
        notes = store.load(article, target)
    except (store.StoreError, SpanError, OSError) as exc:
        return ArticleProgress(article.id, "in progress", problem=str(exc))
    spans = visible_spans(notes)
    decided = sum(1 for s in spans if s.is_human)
    if decided == 0:
        state = "not started"
    elif decided == len(spans):
        state = "reviewed"
    else:
        state = "in progress"
    return ArticleProgress(article.id, state, decided, len(spans))


def corpus_progress(articles: Iterable[Any], folder: str | Path | None = None
                    ) -> list[ArticleProgress]:
    """The review state of each article, in the order given; annotation files are looked
    for in ``folder`` (default ``data/annotations/``)."""
    return [article_progress(a, store.annotation_path(a.id, folder)) for a in articles]


def progress_summary(rows: Sequence[ArticleProgress]) -> str:
    """The count across the corpus: articles per state and spans decided (in the articles
    that have an annotation file)."""
    counts = Counter(row.state for row in rows)
    states = ", ".join(f"{counts.get(state, 0)} {state}" for state in reversed(STATES))
    decided = sum(row.decided for row in rows)
    total = sum(row.total or 0 for row in rows)
    broken = sum(1 for row in rows if row.problem)
    noun = "article" if len(rows) == 1 else "articles"
    text = f"{len(rows)} {noun}: {states}; {decided} of {total} spans decided"
    if broken:
        text += f"; {broken} annotation file{'s' if broken != 1 else ''} cannot be read"
    return text


def next_unreviewed(rows: Sequence[ArticleProgress], after: str | None = None) -> str | None:
    """The id of the first article after ``after`` (wrapping round) that is not reviewed,
    or None when every article is reviewed."""
    ids = [row.doc_id for row in rows]
    start = ids.index(after) + 1 if after in ids else 0
    for row in [*rows[start:], *rows[:start]]:
        if row.state != "reviewed" and row.doc_id != after:
            return row.doc_id
    return None
