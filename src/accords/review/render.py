"""Rendering annotated text: highlighted HTML for notebooks and plain text for tests.

All article text is HTML-escaped, so an article containing ``<script>`` shows as text. Each
label has a colour; the normalised value shows on hover (the ``title`` attribute); a legend
lists the labels present. Rejected spans are left out unless asked for.

>>> from accords.read.articles import Article
>>> from accords.spans import make_span
>>> a = Article(id="d", text="Il Kazakistan firma.")
>>> to_plain(a, [make_span(a, 3, 13, "STATE", norm="KAZ")])
'Il [Kazakistan]{STATE:KAZ} firma.'
"""

from __future__ import annotations

import html
import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from accords.spans import Span, sort_spans

__all__ = ["COLOURS", "Highlighted", "to_html", "to_plain"]

# Light backgrounds under dark text, after Paul Tol's "light" scheme plus a lilac: every two
# labels stay apart (CIE76 ΔE ≥ 10) for normal vision and simulated protanopia, deuteranopia
# and tritanopia (tests/test_render.py checks it).
COLOURS = {
    "STATE": "#EEDD88", "ORG": "#EE8866", "PERSON": "#77AADD", "ROLE": "#99DDFF",
    "DATE": "#44BB99", "PERIOD": "#BBCC33", "PLACE": "#FFAABB", "AGREEMENT": "#DDDDDD",
    "ACTION": "#AAAA00", "AREA": "#C8A2C8",
}
_FALLBACK = "#e0e0e0"


def _visible(spans: Iterable[Span], include_rejected: bool, labels: Sequence[str] | None
             ) -> list[Span]:
    return [s for s in sort_spans(spans)
            if (include_rejected or s.status != "rejected")
            and (labels is None or s.label in labels)]


@dataclass(frozen=True)
class Highlighted:
    """HTML that Jupyter displays (``_repr_html_``); ``str()`` gives the markup."""

    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def _describe(span: Span) -> str:
    text = f"{span.label}: {span.norm}" if span.norm is not None else span.label
    extras = [f"{k}={v}" for k, v in sorted(span.attrs_dict().items())
              if k in ("role", "state", "precision", "inferred", "negated", "planned", "cue")]
    if extras:
        text += " (" + ", ".join(extras) + ")"
    if span.status != "proposed" or span.is_human:
        text += f" [{span.origin}, {span.status}]"
    return text


def to_html(article: Any, spans: Iterable[Span], *, labels: Sequence[str] | None = None,
            include_rejected: bool = False, legend: bool = True) -> Highlighted:
    """The article's text with spans highlighted by label; norm and attrs on hover.

    Where spans overlap, each stretch is coloured by the innermost span and its tooltip lists
    every span covering it.
    """
    text = article.text
    shown = _visible(spans, include_rejected, labels)
    cuts = sorted({0, len(text), *(s.start for s in shown), *(s.end for s in shown)})
    parts = ['<div class="accords-annotated" style="white-space: pre-wrap; line-height: 1.9; '
             'font-family: sans-serif;">']
    for a, b in itertools.pairwise(cuts):
        if a == b:
            continue
        piece = html.escape(text[a:b])
        covering = [s for s in shown if s.start <= a and b <= s.end]
        if not covering:
            parts.append(piece)
            continue
        inner = min(covering, key=lambda s: (s.end - s.start, s.label))
        colour = COLOURS.get(inner.label, _FALLBACK)
        title = html.escape("; ".join(_describe(s) for s in covering), quote=True)
        border = "border-bottom: 2px solid #333;" if len(covering) > 1 else ""
        style = f"background: {colour}; padding: 0 1px; border-radius: 3px; {border}"
        parts.append(f'<mark class="accords-{html.escape(inner.label)}" style="{style}" '
                     f'title="{title}">{piece}</mark>')
    parts.append("</div>")
    if legend:
        counts = Counter(s.label for s in shown)
        items = "".join(
            f'<span style="background: {COLOURS.get(label, _FALLBACK)}; padding: 0 4px; '
            f'margin-right: 6px; border-radius: 3px;">{html.escape(label)} ({n})</span>'
            for label, n in sorted(counts.items()))
        parts.insert(0, f'<div class="accords-legend" style="margin-bottom: 6px;">{items}</div>')
    return Highlighted("".join(parts))


def to_plain(article: Any, spans: Iterable[Span], *, labels: Sequence[str] | None = None,
             include_rejected: bool = False, start: int = 0, end: int | None = None) -> str:
    """The text with each span written ``[exact]{LABEL:norm}`` (``{LABEL}`` without a norm).

    Nested spans nest their brackets. ``start``/``end`` restrict the output to part of the
    text (spans crossing the edges are left out).
    """
    text = article.text
    end = len(text) if end is None else end
    shown = [s for s in _visible(spans, include_rejected, labels)
             if start <= s.start and s.end <= end]
    opens: dict[int, list[Span]] = {}
    closes: dict[int, list[Span]] = {}
    for span in shown:
        opens.setdefault(span.start, []).append(span)
        closes.setdefault(span.end, []).append(span)
    out: list[str] = []
    for pos in range(start, end + 1):
        for span in sorted(closes.get(pos, ()), key=lambda s: s.start, reverse=True):
            tag = f"{span.label}:{span.norm}" if span.norm is not None else span.label
            out.append("]{" + tag + "}")
        for _span in sorted(opens.get(pos, ()), key=lambda s: -s.end):
            out.append("[")
        if pos < end:
            out.append(text[pos])
    return "".join(out)
