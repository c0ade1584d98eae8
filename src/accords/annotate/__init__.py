"""Annotating articles: small rule- and lexicon-based annotators composed into a pipeline.

Each annotator is a function ``(doc: Doc) -> list[Span]``, declared in :data:`ANNOTATORS` with
the labels it writes and the labels it reads (:class:`~accords.annotate.pipeline.Component`);
:func:`annotate` runs them in that order over one article and returns verified spans. ``Doc``
(:mod:`accords.annotate.doc`) carries the article, its layout (:mod:`accords.read.layout`) and the
spans found so far, so later annotators (people, agreements) can use earlier ones (states,
dates); each reads its own language's lexicon (:mod:`accords.lexicon`). Nothing is annotated
inside boilerplate blocks (footers, social links, "read also" lines).

Labels, norms and attrs (what the extraction step reads):

======== ============================ ===================================================
label    norm                         attrs
======== ============================ ===================================================
STATE    ISO3 (``KAZ``)               form (name/adjective/descriptor), ccode, coreference
ORG      code (``CSTO``, ``NATO``)    —
PERSON   the name as written          role, state (ISO3 or None), via, coreference
ROLE     role (``defence_minister``)  —
DATE     ``2021-11-09``/``2021-11``   precision, inferred, relative, basis, weekday
PERIOD   ``2022/2024`` or ``2022``    start, end
PLACE    English city (``Moscow``)    cue (dateline/arrival/signing/location/…)
AGREEMENT kind (corpus vocabulary)    head, defence (bool)
ACTION   signed/ratified/…/announced  verb, negated, planned
AREA     English label                —
======== ============================ ===================================================

>>> from accords import paths
>>> from accords.read.articles import read_article
>>> spans = annotate(read_article(paths.articles_dir() / "seed-it-001.txt"))
>>> sorted({s.norm for s in spans if s.label == "STATE"})
['AFG', 'KAZ', 'RUS']
"""

from __future__ import annotations

from accords.annotate.pipeline import (
    ANNOTATORS,
    Doc,
    annotate,
    annotate_many,
    spans_frame,
)

__all__ = ["ANNOTATORS", "Doc", "annotate", "annotate_many", "spans_frame"]
