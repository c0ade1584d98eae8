"""The annotation pipeline: the annotators in order, as data (:data:`ANNOTATORS`), over a
:class:`~accords.annotate.doc.Doc`.

>>> from accords.read.articles import Article
>>> doc_spans = annotate(Article(id="x", text="La NATO e la Russia.", lang="it"))
>>> [(s.label, s.norm) for s in doc_spans]
[('ORG', 'NATO'), ('STATE', 'RUS')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from accords.annotate import rules
from accords.annotate.doc import Doc
from accords.read.articles import Article
from accords.read.layout import Layout
from accords.spans import Span, SpanError, SpanIndex, sort_spans, verify

__all__ = ["ANNOTATORS", "Annotator", "Component", "Doc", "annotate", "annotate_many",
           "check_order", "spans_frame"]


@dataclass(frozen=True)
class Component:
    """One annotator and what it declares: the labels it writes and the labels of earlier
    spans it reads (as spaCy's components declare what they assign). The pipeline's order is
    this data: :func:`check_order` refuses an order in which a component reads a label that
    no earlier one writes."""

    name: str
    run: Callable[[Doc], list[Span]]
    writes: tuple[str, ...]
    needs: tuple[str, ...] = ()

    def __call__(self, doc: Doc) -> list[Span]:
        return self.run(doc)


Annotator = Callable[[Doc], list[Span]]

#: The annotators in the order they run, with what each writes and reads.
ANNOTATORS: tuple[Component, ...] = (
    Component("states", rules.states, writes=("STATE",)),
    Component("orgs", rules.orgs, writes=("ORG",)),
    Component("places", rules.places, writes=("PLACE",)),
    Component("dates", rules.dates, writes=("DATE", "PERIOD")),
    Component("actions", rules.actions, writes=("ACTION",), needs=("DATE",)),
    Component("people", rules.people, writes=("PERSON", "ROLE"),
              needs=("STATE", "ORG", "DATE", "PERIOD", "ACTION")),
    Component("agreements", rules.agreements, writes=("AGREEMENT",),
              needs=("ACTION", "PERSON", "ROLE", "DATE", "ORG", "STATE")),
    Component("areas", rules.areas, writes=("AREA",)),
)


def check_order(components: Sequence[Component]) -> None:
    """Raise ValueError naming the component and the label when one reads a label that no
    earlier component writes.

    >>> check_order(ANNOTATORS)
    >>> check_order([ANNOTATORS[5], ANNOTATORS[0]])
    Traceback (most recent call last):
    ...
    ValueError: annotator 'people' reads ACTION, DATE, ORG, PERIOD, STATE, which no annotator ...
    """
    written: set[str] = set()
    for component in components:
        missing = sorted(set(component.needs) - written)
        if missing:
            raise ValueError(f"annotator {component.name!r} reads {', '.join(missing)}, which "
                             "no annotator before it writes; put the annotators that write "
                             "them first.")
        written |= set(component.writes)


check_order(ANNOTATORS)


def _resolve_overlaps(spans: list[Span]) -> list[Span]:
    """Drop names inside people ("La Russa" is not Russia), agreements inside organisations,
    and places inside a longer state name ("Bissau" in "Guinea-Bissau" is no city)."""
    people = SpanIndex(s for s in spans if s.label == "PERSON")
    orgs = SpanIndex(s for s in spans if s.label == "ORG")
    states = SpanIndex(s for s in spans if s.label == "STATE")

    def inside(span: Span, outer: SpanIndex) -> bool:
        return any(o is not span for o in outer.containing(span.start, span.end))

    kept = []
    for span in spans:
        if span.label in ("STATE", "PLACE", "ORG", "DATE") and inside(span, people):
            continue
        if span.label == "AGREEMENT" and inside(span, orgs):
            continue
        if span.label == "PLACE" and any(o.end - o.start > span.end - span.start
                                         for o in states.containing(span.start, span.end)):
            continue
        kept.append(span)
    return kept


def annotate(article: Article, annotators: Sequence[Annotator] | None = None, *,
             layout: Layout | None = None) -> list[Span]:
    """Run the annotators over ``article``; return sorted, verified spans (origin ``rule:*``).

    ``layout`` (the article's :func:`accords.read.layout.analyse`) is reused when given. A span
    that does not match the text (a bug in a rule) raises :class:`SpanError` naming the
    article and span rather than being stored.
    """
    doc = Doc.of(article, layout)
    for annotator in annotators or ANNOTATORS:
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
