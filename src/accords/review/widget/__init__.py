"""Reviewing annotations like in brat, inside JupyterLab: the annotation widget.

:class:`AnnotationWidget` shows an article with its spans highlighted. Select words with the
mouse to make a span (snapped to whole words) and pick its label with a number key or a
click; click a highlight to select it; the arrow keys move between spans, Enter accepts,
Delete or Backspace rejects, ``e`` opens the label and norm editor, Ctrl+Z undoes the last
decision. Every key the widget handles stops there (nothing reaches JupyterLab's command
mode). Each decision is saved at once and atomically through :mod:`accords.review.store`.

Given a folder (or several articles), the widget lists them with their review state
(:mod:`accords.review.widget.progress`) and ``n`` moves to the next article not yet reviewed.

The logic lives in :mod:`accords.review.widget.session` and
:mod:`accords.review.widget.progress` (plain Python, tested without a browser); the page side is
``annotate.js`` and ``annotate.css``, shipped as package data (anywidget: no JavaScript build
step).
"""

from accords.review.widget.progress import (
    STATES,
    ArticleProgress,
    article_progress,
    corpus_progress,
    next_unreviewed,
    progress_summary,
)
from accords.review.widget.session import (
    DIGIT_KEYS,
    ReviewSession,
    SnapError,
    coreferents,
    label_for_key,
    snap,
    visible_spans,
)

__all__ = ["DIGIT_KEYS", "STATES", "AnnotationWidget", "ArticleProgress", "ReviewSession",
           "SnapError", "article_progress", "coreferents", "corpus_progress", "label_for_key",
           "next_unreviewed", "progress_summary", "snap", "visible_spans"]


def __getattr__(name: str):
    # the widget needs anywidget (the lab extra); the review logic above does not
    if name == "AnnotationWidget":
        from accords.review.widget.view import AnnotationWidget
        return AnnotationWidget
    raise AttributeError(f"module 'accords.review.widget' has no attribute {name!r}")
