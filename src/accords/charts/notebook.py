"""How the notebooks show things: tables, figures and warnings that read well in JupyterLab
and as static HTML.

Call :func:`setup` once in a notebook's imports cell. Afterwards

* a DataFrame shown as a cell's result is an HTML table whose cells never break inside a
  word (long text wraps between words), numbers right-aligned, missing values shown as
  "—" (the HTML says "missing" on hover), long frames cut with the number of rows left out;
  its plain-text form (what nbval compares and ``print`` shows) uses the same rules;
* a matplotlib Figure shown as a cell's result is a sharp PNG (twice the screen resolution,
  displayed at the figure's size) with alt text from the chart (``fig.accords_alt``);
* a warning is shown as ``Category: message``, without the temporary file name of the cell
  that raised it.

The HTML is written here, not by pandas, so a library's formatting change does not change
a checked output.

>>> from accords.charts.notebook import plain_table
>>> import pandas as pd
>>> print(plain_table(pd.DataFrame({"state": ["Mali", None],
...                                  "dcas": pd.array([4, None], dtype="Int64")})))
state  dcas
Mali      4
—         —
"""

from __future__ import annotations

import base64
import contextlib
import html
import io
import sys
import warnings
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["MISSING", "Table", "figure_html", "plain_table", "setup", "table"]

MISSING = "—"
MAX_ROWS = 40
WRAP_AT = 48  # characters: longer texts wrap between words, shorter ones never wrap


def _cell(value: Any) -> str:
    if value is None or value is pd.NaT:
        return MISSING
    if isinstance(value, float | np.floating) and np.isnan(value):
        return MISSING
    try:
        if pd.isna(value) is True:
            return MISSING
    except (TypeError, ValueError):
        pass
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, float | np.floating):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(_cell(v) for v in value) if value else MISSING
    return str(value)


def _numeric(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def _columns(frame: pd.DataFrame, index: bool) -> tuple[list[str], list[list[str]], list[bool]]:
    shown = frame.reset_index() if index else frame
    names = [str(c) for c in shown.columns]
    if index and frame.index.nlevels == 1 and frame.index.name is None:
        names[0] = ""
    rows = [[_cell(v) for v in row] for row in shown.itertuples(index=False, name=None)]
    right = [_numeric(shown[c]) for c in shown.columns]
    return names, rows, right


def _index_shown(frame: pd.DataFrame, index: bool | None) -> bool:
    """An index is shown when asked for, or when it has a name (``year``, ``partner``): the
    row numbers left by filtering a frame are not data."""
    if index is not None:
        return index
    return any(name is not None for name in frame.index.names)


def plain_table(frame: pd.DataFrame, *, index: bool | None = None,
                max_rows: int = MAX_ROWS) -> str:
    """The frame as aligned plain text, missing values as "—" (what checked cells compare)."""
    index = _index_shown(frame, index)
    cut = len(frame) - max_rows if len(frame) > max_rows else 0
    names, rows, right = _columns(frame.head(max_rows) if cut else frame, index)
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]

    def line(cells):
        out = [c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, right,
                                                                  strict=True)]
        return "  ".join(out).rstrip()

    text = [line(names), *(line(r) for r in rows)]
    if cut:
        text.append(f"… {cut} more row{'s' if cut != 1 else ''} ({len(frame)} in all)")
    return "\n".join(text)


def _html_table(frame: pd.DataFrame, *, index: bool | None, caption: str | None,
                max_rows: int) -> str:
    index = _index_shown(frame, index)
    cut = len(frame) - max_rows if len(frame) > max_rows else 0
    names, rows, right = _columns(frame.head(max_rows) if cut else frame, index)

    def td(value: str, num: bool, tag: str = "td") -> str:
        # short values never wrap; long texts wrap between words only (the default
        # word-break), never inside one
        style = "white-space: nowrap" if len(value) <= WRAP_AT else "min-width: 22em"
        style += "; text-align: right" if num else "; text-align: left"
        title = ' title="missing"' if value == MISSING and tag == "td" else ""
        return f'<{tag} style="{style}"{title}>{html.escape(value)}</{tag}>'

    head = "".join(td(n, r, "th") for n, r in zip(names, right, strict=True))
    body = "".join("<tr>" + "".join(td(v, r) for v, r in zip(row, right, strict=True))
                   + "</tr>" for row in rows)
    parts = ['<div class="accords-table" style="overflow-x: auto; max-width: 100%;">',
             '<table style="border-collapse: collapse; font-variant-numeric: tabular-nums; '
             'word-break: normal; overflow-wrap: normal; hyphens: none;">']
    if caption:
        parts.append(f'<caption style="caption-side: top; text-align: left; '
                     f'font-weight: bold; padding-bottom: 4px;">{html.escape(caption)}'
                     "</caption>")
    parts.append(f'<thead style="border-bottom: 1px solid #888;"><tr>{head}</tr></thead>')
    parts.append(f"<tbody>{body}</tbody></table>")
    if cut:
        parts.append(f'<p style="font-size: 0.9em; color: #555;">… {cut} more '
                     f"row{'s' if cut != 1 else ''} ({len(frame)} in all)</p>")
    parts.append("</div>")
    return "".join(parts)


class Table:
    """A frame to show: HTML in the notebook, aligned text as its plain form.

    >>> t = table(pd.DataFrame({"a": [1]}), caption="One row")
    >>> "<caption" in t._repr_html_() and repr(t).startswith("One row")
    True
    """

    def __init__(self, frame: pd.DataFrame, *, index: bool | None = None,
                 caption: str | None = None, max_rows: int = MAX_ROWS) -> None:
        self.frame, self.index, self.caption, self.max_rows = frame, index, caption, max_rows

    def _repr_html_(self) -> str:
        return _html_table(self.frame, index=self.index, caption=self.caption,
                           max_rows=self.max_rows)

    def __repr__(self) -> str:
        text = plain_table(self.frame, index=self.index, max_rows=self.max_rows)
        return f"{self.caption}\n{text}" if self.caption else text


def table(frame: pd.DataFrame | pd.Series, *, index: bool | None = None,
          caption: str | None = None, max_rows: int = MAX_ROWS) -> Table:
    """Show ``frame`` as a table (see the module's description); ``caption`` titles it."""
    if isinstance(frame, pd.Series):
        frame = frame.to_frame()
    return Table(frame, index=index, caption=caption, max_rows=max_rows)


def figure_html(fig, *, scale: float = 1.5) -> str:
    """``<img>`` of ``fig`` at ``scale`` times its screen resolution, shown at its size, with
    the chart's alt text (``fig.accords_alt``, else its source note, else its title)."""
    from accords.charts.style import house_style

    buffer = io.BytesIO()
    with house_style():
        fig.savefig(buffer, format="png", dpi=fig.dpi * scale,
                    metadata={"Software": None})
    width = round(fig.get_figwidth() * fig.dpi)
    alt = (getattr(fig, "accords_alt", None) or getattr(fig, "accords_source_note", None)
           or (fig._suptitle.get_text() if fig._suptitle is not None else "a figure"))
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (f'<img src="data:image/png;base64,{data}" width="{width}" '
            f'alt="{html.escape(alt, quote=True)}" style="max-width: 100%; height: auto;">')


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    stream = file if file is not None else sys.stderr
    with contextlib.suppress(AttributeError, OSError):
        stream.write(f"{category.__name__}: {message}\n")


def setup() -> None:
    """Tables, figures and warnings as described in the module's docstring (idempotent)."""
    from matplotlib.figure import Figure

    warnings.showwarning = _show_warning
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return
    formatters = shell.display_formatter.formatters
    formatters["text/html"].for_type(pd.DataFrame, lambda f: Table(f)._repr_html_())
    formatters["text/plain"].for_type(
        pd.DataFrame, lambda f, p, cycle: p.text(plain_table(f)))
    formatters["text/html"].for_type(Figure, figure_html)
    formatters["text/plain"].for_type(
        Figure, lambda f, p, cycle: p.text(getattr(f, "accords_alt", None) or repr(f)))
    for mime in ("image/png", "image/svg+xml", "image/jpeg", "application/pdf"):
        formatters[mime].pop(Figure, None)
