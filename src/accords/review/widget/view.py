"""The annotation widget: an anywidget view over
:class:`~accords.review.widget.session.ReviewSession`.

The page side (``annotate.js``, ``annotate.css``, package data) draws the article, its spans,
the label palette, the editor and the article list, and sends the reviewer's mouse and keys
here as small messages; every decision is taken by the session in Python and saved at once
through :mod:`accords.review.store`. Which keys do what is :data:`KEYS`, sent to the page so that it
stops exactly those keys (and every other plain key) from reaching JupyterLab.

In a static copy of the notebook (nbconvert HTML, a viewer without a kernel) the widget shows
as HTML: the highlighted article, the human decisions and the article list with its states.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:
    import anywidget
    import traitlets as t
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("accords.review.widget.AnnotationWidget needs anywidget; install the lab "
                      "extra: pip install -e '.[lab]' (or run `make lab`).") from exc

from accords import paths
from accords.read.articles import Article, read_articles
from accords.review import store
from accords.review.render import COLOURS, to_html
from accords.review.widget.progress import (
    ArticleProgress,
    article_progress,
    next_unreviewed,
    progress_summary,
)
from accords.review.widget.session import DIGIT_KEYS, ReviewSession
from accords.spans import Span, SpanError

__all__ = ["KEYS", "AnnotationWidget"]

_HERE = Path(__file__).parent
_FALLBACK_COLOUR = "#e0e0e0"

#: What each key does (``Ctrl+`` is Ctrl, or Cmd on a Mac); digits pick labels.
KEYS = {
    "ArrowRight": "next span", "ArrowDown": "next span",
    "ArrowLeft": "previous span", "ArrowUp": "previous span",
    "Enter": "accept", "Delete": "reject", "Backspace": "reject",
    "e": "edit label and norm", "Escape": "cancel",
    "n": "next unreviewed article",
    "Ctrl+z": "undo",
    **{digit: "label" for digit in DIGIT_KEYS},
}


def _articles(source: Any) -> list[Article]:
    if isinstance(source, Article):
        return [source]
    if isinstance(source, str | Path):
        return read_articles(source)
    articles = list(source)
    if not articles or not all(isinstance(a, Article) for a in articles):
        raise TypeError("AnnotationWidget needs an Article, a file or folder of articles, or "
                        "a non-empty list of Articles (accords.read.articles.read_articles).")
    return articles


class AnnotationWidget(anywidget.AnyWidget):
    """Review annotations with the mouse and the keyboard; every decision saved at once.

    ``source`` is an :class:`~accords.read.articles.Article`, a file or folder of articles, or a
    list of articles; for a folder or a list, the widget lists the articles with their review
    state and the count across them, and ``n`` opens the next one not yet reviewed.
    ``annotations`` is the folder of annotation files (default ``data/annotations/``);
    ``annotator`` makes the spans of an article that has no file yet (default
    :func:`accords.annotate.annotate`). ``start`` names the article shown first (default: the
    first). Opening the widget writes nothing.

    The page sends messages that :meth:`handle` turns into session calls; tests and scripts
    may call :meth:`handle` (or :attr:`session`'s methods) directly.

    >>> from accords import paths
    >>> from accords.read.articles import read_article
    >>> AnnotationWidget(read_article(paths.articles_dir() / "seed-it-001.txt"))
    AnnotationWidget('seed-it-001': 44 spans, 3 human decisions)
    """

    _esm = _HERE / "annotate.js"
    _css = _HERE / "annotate.css"

    doc_id = t.Unicode("").tag(sync=True)
    file_name = t.Unicode("").tag(sync=True)
    text = t.Unicode("").tag(sync=True)
    spans = t.List().tag(sync=True)
    selected = t.Int(-1).tag(sync=True)
    pending = t.List().tag(sync=True)
    editing = t.Bool(False).tag(sync=True)
    labels = t.List().tag(sync=True)
    key_map = t.Dict().tag(sync=True)
    message = t.Unicode("").tag(sync=True)
    ok = t.Bool(True).tag(sync=True)
    can_undo = t.Bool(False).tag(sync=True)
    articles = t.List().tag(sync=True)
    summary = t.Unicode("").tag(sync=True)

    def __init__(self, source: Any, *, annotations: str | Path | None = None,
                 annotator: Callable[[Any], list[Span]] | None = None,
                 start: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._list = _articles(source)
        self._show_list = not isinstance(source, Article)
        self._by_id = {a.id: a for a in self._list}
        self._folder = Path(annotations) if annotations is not None else paths.annotations_dir()
        self._annotator = annotator
        self._sessions: dict[str, ReviewSession] = {}
        self._progress: dict[str, ArticleProgress] = {}
        first = start if start is not None else self._list[0].id
        if first not in self._by_id:
            raise KeyError(f"no article {first!r} among the {len(self._list)} given; pass "
                           "one of their ids as start=.")
        self.key_map = dict(KEYS)
        self.on_msg(self._on_message)
        self.show_article(first)

    def __repr__(self) -> str:
        notes = self.session.notes
        return (f"AnnotationWidget({notes.doc_id!r}: {len(self.session.spans)} spans, "
                f"{len(notes.human)} human decisions)")

    # ------------------------------------------------------------------ state
    @property
    def session(self) -> ReviewSession:
        """The review session of the article shown."""
        return self._sessions[self.doc_id]

    @property
    def progress(self) -> list[ArticleProgress]:
        """The review state of every article listed, in order."""
        return [self._progress_of(a) for a in self._list]

    def _path(self, article: Article) -> Path:
        return store.annotation_path(article.id, self._folder)

    def _progress_of(self, article: Article) -> ArticleProgress:
        if article.id not in self._progress:
            self._progress[article.id] = article_progress(article, self._path(article))
        return self._progress[article.id]

    def show_article(self, doc_id: str) -> ReviewSession:
        """Show the article ``doc_id`` (its session, with its undo history, is kept)."""
        if doc_id not in self._by_id:
            raise KeyError(f"no article {doc_id!r} in this widget; its articles are "
                           f"{', '.join(sorted(self._by_id))}.")
        if doc_id not in self._sessions:
            article = self._by_id[doc_id]
            self._sessions[doc_id] = ReviewSession(article, path=self._path(article),
                                                   annotator=self._annotator)
        self.doc_id = doc_id
        self.editing = False
        self._progress.pop(doc_id, None)
        self._push(text=True)
        return self.session

    def open_next(self) -> str | None:
        """Open the next article not yet reviewed (``n``); None when all others are.

        The states are read again from the files first: another kernel may have reviewed
        some articles meanwhile."""
        self._progress.clear()
        target = next_unreviewed(self.progress, after=self.doc_id)
        if target is None:
            self.session._say("Every other article is reviewed.")
            self._push()
            return None
        self.show_article(target)
        self.session._say(f"Opened {target}, the next article not yet reviewed.")
        self._push()
        return target

    def _push(self, text: bool = False) -> None:
        """Send the session's state to the page."""
        session = self.session
        with self.hold_sync():
            if text:
                self.text = session.article.text
                self.file_name = session.path.name
                self.labels = [{"name": name, "key": DIGIT_KEYS[i] if i < len(DIGIT_KEYS)
                                else "", "colour": COLOURS.get(name, _FALLBACK_COLOUR)}
                               for i, name in enumerate(session.labels)]
            self.spans = [_span_row(s) for s in session.spans]
            index = session.selected_index
            self.selected = -1 if index is None else index
            self.pending = list(session.pending) if session.pending else []
            self.message, self.ok = session.status, session.ok
            self.can_undo = session.can_undo
            self.articles = [{"id": row.doc_id, "state": row.state, "decided": row.decided,
                              "total": row.total, "problem": row.problem or ""}
                             for row in self.progress] if self._show_list else []
            self.summary = progress_summary(self.progress)

    # ------------------------------------------------------------------ input
    def handle(self, message: dict[str, Any]) -> None:
        """Carry out one message from the page (see ``annotate.js``) and send the new state.

        ``{"do": "key", "key": "ArrowRight", "ctrl": False}`` is a key press; the others are
        ``select`` (``index``), ``range`` (``start``, ``end``: a mouse selection), ``label``
        (``label``), ``edit`` (``label``, ``norm``), ``close_editor``, ``open`` (``id``),
        ``next``.
        """
        do = message.get("do")
        session = self.session
        decided = False
        if do == "key":
            decided = self._key(str(message.get("key", "")), bool(message.get("ctrl")))
        elif do == "select":
            index = message.get("index")
            session.select(index if isinstance(index, int) and index >= 0 else None)
            self.editing = False
        elif do == "range":
            session.propose(message.get("start"), message.get("end"))
            self.editing = False
        elif do == "label":
            decided = session.choose_label(str(message.get("label", ""))) is not None
        elif do == "edit":
            decided = self._save_editor(str(message.get("label") or ""),
                                        str(message.get("norm") or ""))
        elif do == "close_editor":
            self.editing = False
        elif do in ("open", "next"):
            try:
                if do == "open":
                    self.show_article(str(message.get("id")))
                else:
                    self.open_next()
            except (KeyError, store.StoreError, SpanError, OSError) as exc:
                reason = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
                session._say(f"Could not open the article: {reason}", ok=False)
                self._push()
            return
        else:
            session._say(f"Unknown message {do!r} from the page; reload the widget.", ok=False)
        if decided:
            self._progress.pop(self.doc_id, None)
        self._push()

    def _on_message(self, _widget: Any, content: dict[str, Any], _buffers: Any) -> None:
        if isinstance(content, dict):
            self.handle(content)

    def _key(self, key: str, ctrl: bool) -> bool:
        """One key press; True when it made a decision (so the progress is recounted)."""
        session = self.session
        name = f"Ctrl+{key.lower()}" if ctrl else key
        action = KEYS.get(name)
        if action == "next span":
            session.move(+1)
        elif action == "previous span":
            session.move(-1)
        elif action == "accept":
            return session.accept() is not None
        elif action == "reject":
            return session.reject() is not None
        elif action == "label":
            return session.choose_label(key) is not None
        elif action == "edit label and norm":
            if session.pending is None and session.selected_span is None:
                session._say("Select a span (or words) first, then press e to edit it.",
                             ok=False)
            else:
                self.editing = True
                session._say("Edit the label and the norm, then press Enter (Esc cancels).")
        elif action == "cancel":
            if self.editing:
                self.editing = False
                session._say("Edit cancelled.")
            elif session.pending is not None:
                session.cancel()
            else:
                session.select(None)
                session._say("Nothing selected.")
        elif action == "next unreviewed article":
            self.handle({"do": "next"})
        elif action == "undo":
            waiting = len(session._undo)
            session.undo()
            return len(session._undo) < waiting
        return False

    def _save_editor(self, label: str, norm: str) -> bool:
        session = self.session
        norm_value = norm.strip() or None
        if session.pending is not None:
            span = session.choose_label(label or session.labels[0], norm=norm_value)
        else:
            span = session.edit(label=label or None, norm=norm_value,
                                clear_norm=norm_value is None)
        if span is not None:
            self.editing = False
        return span is not None

    # ------------------------------------------------------------------ static view
    def _repr_mimebundle_(self, **kwargs: Any):
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:
            return None
        data, metadata = bundle if isinstance(bundle, tuple) else (bundle, {})
        data = {**data, "text/html": self.static_html()}
        return data, metadata

    def static_html(self) -> str:
        """The widget's state as plain HTML, for a notebook viewed without a kernel: the
        highlighted article, the human decisions, and the article list with its states."""
        session = self.session
        notes = session.notes
        parts = [f'<div class="accords-widget-static" style="font-family: sans-serif;">'
                 f'<p><b>Review {html.escape(notes.doc_id)}</b> — '
                 f'{len(session.spans)} spans, {len(notes.human)} human decisions, saved to '
                 f'<code>{html.escape(session.path.name)}</code>. '
                 f'{html.escape(progress_summary(self.progress))}.</p>']
        if self._show_list:
            rows = "".join(f"<tr><td>{html.escape(r.doc_id)}</td><td>{html.escape(r.state)}"
                           f"</td><td>{r.decided}/{r.total if r.total is not None else '—'}"
                           "</td></tr>" for r in self.progress)
            parts.append('<table><tr><th>article</th><th>state</th><th>decided</th></tr>'
                         f"{rows}</table>")
        parts.append(to_html(session.article, notes.effective()).html)
        decisions = [s for s in session.spans if s.is_human]
        if decisions:
            items = "".join(
                f"<li>{'✗ rejected' if s.status == 'rejected' else '✓ accepted'} "
                f"{html.escape(s.label)} {s.start}-{s.end} “{html.escape(s.exact)}”"
                + (f" → {html.escape(s.norm)}" if s.norm is not None else "") + "</li>"
                for s in decisions)
            parts.append(f"<p><b>Human decisions</b></p><ul>{items}</ul>")
        parts.append("<p><i>A static view of the annotation widget: run the notebook in "
                     "JupyterLab to review with the mouse and the keyboard.</i></p></div>")
        return "".join(parts)


def _span_row(span: Span) -> dict[str, Any]:
    title = f"{span.label}: {span.norm}" if span.norm is not None else span.label
    title += f" [{span.origin}, {span.status}]"
    return {"start": span.start, "end": span.end, "label": span.label, "norm": span.norm,
            "status": span.status, "human": span.is_human, "title": title,
            "colour": COLOURS.get(span.label, _FALLBACK_COLOUR)}

