"""Reviewing annotations without writing code: a panel of widgets for one article.

:class:`ReviewPanel` shows the article with its spans highlighted
(:func:`accords.review.render.to_html`), a list of its spans, and controls to accept or reject
the selected span, change its label or normalised value, and add a span the annotators missed
(its exact text, which occurrence, a label and a norm). Every click is one human decision made
through :mod:`accords.review.store` — the same :class:`~accords.review.store.Annotations`
methods as the API — and saved at once (atomically) to ``data/annotations/<doc id>.json``; the
highlighted view then refreshes. Problems (a quote that is not in the text, a span that no
longer exists) are shown in the panel's message line.

Creating or displaying the panel writes nothing: only clicks do, so a notebook cell that opens
it can be rerun freely. Decisions are keyed by ``(start, end, label)``, so repeating a click
changes nothing, and rerunning the annotators (:func:`accords.review.store.update`) keeps them.

If the annotation file changes on disk while the panel is open (a notebook cell, another
kernel or another panel saved other decisions), the next click reloads it and merges first,
and the save itself merges again under the store's file lock, so the panel never overwrites
decisions it did not see.

>>> import tempfile
>>> from pathlib import Path
>>> from accords.read.articles import Article
>>> article = Article(id="doc", text="Il Kazakistan ha firmato a Mosca.")
>>> path = Path(tempfile.mkdtemp()) / "doc.json"
>>> panel = ReviewPanel(article, path=path, annotator=lambda a: [])
>>> panel.add_exact.value, panel.add_label.value = "Kazakistan", "STATE"
>>> panel.add_norm.value = "KAZ"
>>> panel.add_button.click()
>>> panel.status
"Added STATE 3-13 'Kazakistan' → KAZ; saved doc.json."
>>> [s.describe() for s in store.load(article, path).human]
["STATE 3-13 'Kazakistan' (human)"]
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:
    import ipywidgets as widgets
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("accords.review.panel needs ipywidgets; install the lab extra: "
                      "pip install -e '.[lab]' (or run `make lab`).") from exc

from accords.review import store
from accords.review.render import to_html
from accords.spans import LABELS, Span, SpanError, sort_spans

__all__ = ["ReviewPanel", "span_choice"]

_OK = "#1b5e20"
_ERROR = "#b71c1c"
_STATUS_MARK = {"proposed": "·", "accepted": "✓", "rejected": "✗"}


def span_choice(span: Span) -> str:
    """How a span is listed in the panel: status mark, offsets, label, quote, norm, origin.

    >>> from accords.read.articles import Article
    >>> from accords.spans import make_span
    >>> a = Article(id="d", text="Il Kazakistan firma.")
    >>> span_choice(make_span(a, 3, 13, "STATE", norm="KAZ", origin="rule:state"))
    "·    3-13     STATE      'Kazakistan' → KAZ  (rule:state, proposed)"
    """
    norm = f" → {span.norm}" if span.norm is not None else ""
    return (f"{_STATUS_MARK.get(span.status, '?')} {span.start:>4}-{span.end:<6} "
            f"{span.label:<10} {span.exact!r}{norm}  ({span.origin}, {span.status})")


class ReviewPanel(widgets.VBox):
    """A widget to review the annotations of one article; every click is saved at once.

    ``notes`` defaults to the stored annotations of ``article`` (``store.load``); when there is
    no file yet, the annotators' spans (``annotator``, default :func:`accords.annotate.annotate`)
    are shown and the file is created by the first decision. When ``notes`` is given, any human
    decision already in the file that ``notes`` lacks is kept, never dropped. ``path`` defaults
    to ``data/annotations/<doc id>.json``.

    The controls are attributes, so a test (or a script) can drive the panel without a
    browser: ``spans`` (select a span), ``accept_button``, ``reject_button``, ``label`` and
    ``norm`` with ``edit_button``, ``add_exact``, ``add_occurrence``, ``add_label`` and
    ``add_norm`` with ``add_button``; ``message`` (``status`` as plain text) says what
    happened or what went wrong; ``view`` is the highlighted text.

    >>> from accords import paths
    >>> from accords.read.articles import read_article
    >>> panel = ReviewPanel(read_article(paths.articles_dir() / "seed-it-001.txt"))
    >>> panel
    ReviewPanel('seed-it-001': 44 spans, 3 human decisions)
    """

    def __init__(self, article: Any, notes: store.Annotations | None = None, *,
                 path: str | Path | None = None,
                 annotator: Callable[[Any], list[Span]] | None = None) -> None:
        self.article = article
        self.path = Path(path) if path is not None else store.annotation_path(article.id)
        self._seen = self._file_bytes()
        if notes is None:
            notes = store.load(article, self.path)
            if self._seen is None:  # nothing reviewed yet: start from the annotators
                if annotator is None:
                    from accords.annotate import annotate as annotator
                notes.merge(annotator(article))
        else:
            if notes.doc_id != article.id:
                raise store.StoreError(
                    f"annotations of {notes.doc_id!r} given for article {article.id!r}; pass "
                    "the annotations of this article (store.load(article)).")
            if self._seen is not None:
                stored = store.load(article, self.path)
                _keep_stored_decisions(notes, stored)
                notes.loaded_sha256, notes.base = stored.loaded_sha256, dict(stored.base)
        self.notes = notes

        layout = widgets.Layout
        self.view = widgets.HTML(layout=layout(max_height="320px", overflow="auto",
                                               border="1px solid #ddd", padding="4px"))
        self.spans = widgets.Select(description="Spans", rows=10,
                                    layout=layout(width="100%"),
                                    style={"description_width": "60px"})
        self.accept_button = widgets.Button(description="Accept", button_style="success",
                                            icon="check", tooltip="keep this span as it is")
        self.reject_button = widgets.Button(description="Reject", button_style="danger",
                                            icon="times", tooltip="this span is wrong")
        self.label = widgets.Dropdown(description="Label", options=self._labels(),
                                      layout=layout(width="220px"))
        self.norm = widgets.Text(description="Norm", placeholder="normalised value",
                                 layout=layout(width="260px"))
        self.edit_button = widgets.Button(description="Save label/norm", icon="pencil",
                                          tooltip="correct the selected span")
        self.add_exact = widgets.Text(description="Text", placeholder="exact words to mark",
                                      layout=layout(width="300px"))
        self.add_occurrence = widgets.BoundedIntText(value=1, min=1, max=1_000_000,
                                                     description="Occurrence",
                                                     layout=layout(width="170px"))
        self.add_label = widgets.Dropdown(description="Label", options=self._labels(),
                                          layout=layout(width="220px"))
        self.add_norm = widgets.Text(description="Norm", placeholder="optional",
                                     layout=layout(width="220px"))
        self.add_button = widgets.Button(description="Add span", icon="plus",
                                         tooltip="mark the n-th occurrence of the text")
        self.message = widgets.HTML()
        self._status = ""

        self.spans.observe(self._on_select, names="value")
        self.add_exact.observe(self._on_exact, names="value")
        self.accept_button.on_click(lambda _: self.accept())
        self.reject_button.on_click(lambda _: self.reject())
        self.edit_button.on_click(lambda _: self.edit())
        self.add_button.on_click(lambda _: self.add())

        title = widgets.HTML(f"<b>Review {html.escape(article.id)}</b> — decisions are saved "
                             f"to <code>{html.escape(self.path.name)}</code> at each click")
        super().__init__(children=[
            title, self.view, self.spans,
            widgets.HBox([self.accept_button, self.reject_button]),
            widgets.HBox([self.label, self.norm, self.edit_button]),
            widgets.HTML("<b>Add a span the annotators missed</b>"),
            widgets.HBox([self.add_exact, self.add_occurrence]),
            widgets.HBox([self.add_label, self.add_norm, self.add_button]),
            self.message,
        ])
        self.add_class("accords-review")  # CSS hooks for the browser test and for styling
        self.spans.add_class("accords-review-spans")
        self.message.add_class("accords-review-message")
        self._refresh()

    def __repr__(self) -> str:
        return (f"ReviewPanel({self.notes.doc_id!r}: {len(self.notes.spans)} spans, "
                f"{len(self.notes.human)} human decisions)")

    # ------------------------------------------------------------------ state
    @property
    def selected(self) -> Span | None:
        """The span selected in the list, or None."""
        key = self.spans.value
        return self.notes.get(key) if key is not None else None

    def select(self, span: Span | tuple[int, int, str]) -> None:
        """Select a span (or its ``(start, end, label)``) in the list."""
        key = span.key if isinstance(span, Span) else tuple(span)
        self.spans.value = self.notes.get(key).key

    def _labels(self, *extra: str) -> list[str]:
        present = {s.label for s in self.notes.spans}
        return list(LABELS) + sorted((present | set(extra)) - set(LABELS))

    def _file_bytes(self) -> bytes | None:
        return self.path.read_bytes() if self.path.is_file() else None

    def _refresh(self, select: tuple[int, int, str] | None = None) -> None:
        self.view.value = to_html(self.article, self.notes.effective()).html
        keep = select if select is not None else self.spans.value
        options = [(span_choice(s), s.key) for s in sort_spans(self.notes.spans)]
        keys = {key for _, key in options}
        self.spans.unobserve(self._on_select, names="value")
        try:
            self.spans.options = options
            self.spans.value = keep if keep in keys else None
        finally:
            self.spans.observe(self._on_select, names="value")
        labels = self._labels()
        if list(self.label.options) != labels:
            self.label.options = labels
            self.add_label.options = labels
        self._on_select({"new": self.spans.value})

    def _on_select(self, change: dict[str, Any]) -> None:
        key = change.get("new")
        if key is None:
            self.norm.value = ""
            return
        span = self.notes.get(key)
        self.label.value = span.label
        self.norm.value = span.norm or ""

    def _on_exact(self, change: dict[str, Any]) -> None:
        exact = change.get("new") or ""
        if exact:
            count = self.article.text.count(exact)
            self._say(f"{exact!r} occurs {count} time{'s' if count != 1 else ''} in the text.",
                      ok=count > 0)

    @property
    def status(self) -> str:
        """The panel's last message as plain text (what happened, or what went wrong)."""
        return self._status

    def _say(self, text: str, ok: bool = True) -> None:
        self._status = text
        colour = _OK if ok else _ERROR
        self.message.value = f'<span style="color: {colour};">{html.escape(text)}</span>'

    def _sync(self) -> None:
        """Reload the file if another writer saved it since the panel last read or wrote it,
        keeping the decisions only this panel has; :func:`accords.review.store.save` then merges
        again under its lock, for a save that lands between this reload and the write."""
        current = self._file_bytes()
        if current is None or hashlib.sha256(current).hexdigest() == self.notes.loaded_sha256:
            return
        fresh = store.load(self.article, self.path)
        _keep_stored_decisions(fresh, self.notes)  # decisions only this panel has
        if not fresh.rules:
            fresh.merge(self.notes.rules)
        self.notes = fresh
        self._seen = current

    def _decide(self, action: Callable[[store.Annotations], Span | None], done: str
                ) -> Span | None:
        """Apply one decision to fresh notes, save atomically, refresh; report any problem."""
        try:
            self._sync()
            span = action(self.notes)
            if span is None:
                return None
            store.save(self.notes, self.path)
            self._seen = self._file_bytes()
        except (store.StoreError, SpanError, OSError) as exc:
            self._say(f"Not saved: {exc}", ok=False)
            return None
        self._refresh(select=span.key)
        norm = f" → {span.norm}" if span.norm is not None else ""
        self._say(f"{done} {span.label} {span.start}-{span.end} {span.exact!r}{norm}; "
                  f"saved {self.path.name}.")
        return span

    def _need_selection(self) -> Span | None:
        if self.spans.value is None:
            self._say("Select a span in the list first.", ok=False)
            return None
        return self.selected

    # ------------------------------------------------------------------ actions
    def accept(self) -> Span | None:
        """Accept the selected span (what the Accept button does); returns the saved span."""
        if self._need_selection() is None:
            return None
        key = self.spans.value
        return self._decide(lambda notes: notes.accept(key), "Accepted")

    def reject(self) -> Span | None:
        """Reject the selected span; reruns of the annotators will not bring it back."""
        if self._need_selection() is None:
            return None
        key = self.spans.value
        return self._decide(lambda notes: notes.reject(key), "Rejected")

    def edit(self) -> Span | None:
        """Give the selected span the label and norm in the controls (an empty norm clears it).

        A new label makes a new span (the old one is recorded as rejected), as in
        :meth:`accords.review.store.Annotations.edit`.
        """
        span = self._need_selection()
        if span is None:
            return None
        key, label, norm = self.spans.value, self.label.value, self.norm.value.strip() or None
        if label == span.label and norm == span.norm:
            self._say("Nothing to change: the label and norm are those of the span; change "
                      "one of them first.", ok=False)
            return None

        def change(notes: store.Annotations) -> Span:
            new = notes.edit(self.article, key, label=label, norm=norm)
            if norm is None and new.norm is not None:  # edit() keeps the old norm for None
                new = notes.add(self.article, new.start, new.end, new.label,
                                attrs=new.attrs_dict())
            return new

        return self._decide(change, "Changed to")

    def add(self) -> Span | None:
        """Add a span over the n-th occurrence of the text in ``add_exact``."""
        exact = self.add_exact.value
        if not exact.strip():
            self._say("Type the exact words to mark in 'Text' first.", ok=False)
            return None
        occurrence, label = self.add_occurrence.value, self.add_label.value
        norm = self.add_norm.value.strip() or None
        return self._decide(lambda notes: notes.add_text(self.article, exact, label,
                                                         occurrence=occurrence, norm=norm),
                            "Added")


def _keep_stored_decisions(notes: store.Annotations, other: store.Annotations) -> None:
    """Put into ``notes`` each human span of ``other`` whose key ``notes`` has no human span for."""
    mine = {s.key for s in notes.human}
    missing = [s for s in other.human if s.key not in mine]
    if missing:
        keys = {s.key for s in missing}
        notes.spans = sort_spans([s for s in notes.spans if s.key not in keys] + missing)
