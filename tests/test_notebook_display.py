"""accords.charts.notebook: tables that never wrap inside a word and show missing as missing,
figures with alt text, warnings without temporary paths."""

from __future__ import annotations

import io
import re
import warnings

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from accords.charts import notebook
from accords.charts.notebook import MISSING, figure_html, plain_table, table


def frame():
    return pd.DataFrame({
        "state": ["Côte d'Ivoire", "Mali", None],
        "dcas": pd.array([4, pd.NA, 12], dtype="Int64"),
        "share": [0.25, np.nan, 1.0],
        "signed": pd.to_datetime(["2010-05-03", None, "2009-01-31"]),
        "note": ["in force at end of DCAD coverage (2010); not coded after " * 2, "", "x"],
    })


def test_missing_values_are_shown_as_missing_never_nan():
    text = plain_table(frame())
    assert "NaN" not in text and "<NA>" not in text and "NaT" not in text and "None" not in text
    assert text.count(MISSING) == 4
    html = table(frame())._repr_html_()
    assert "NaN" not in html and html.count('title="missing"') == 4


def test_short_cells_never_wrap_and_long_ones_wrap_between_words_only():
    html = table(frame())._repr_html_()
    cells = re.findall(r'<td style="([^"]*)"[^>]*>([^<]*)</td>', html)
    for style, value in cells:
        if len(value) <= notebook.WRAP_AT:
            assert "white-space: nowrap" in style, value
        else:
            assert "nowrap" not in style
    assert "word-break: normal" in html and "overflow-wrap: normal" in html
    assert "break-all" not in html


def test_numbers_align_right_and_text_left():
    html = table(frame())._repr_html_()
    assert re.search(r'text-align: right"[^>]*>4</td>', html)
    assert re.search(r'text-align: left"[^>]*>Mali</td>', html)


def test_row_numbers_left_by_filtering_are_not_shown_but_a_named_index_is():
    filtered = frame().iloc[[2, 0]]
    assert not plain_table(filtered).startswith(" ")
    assert plain_table(filtered).splitlines()[0].startswith("state")
    per_year = pd.DataFrame({"n": [1, 2]}, index=pd.Index([1990, 1991], name="year"))
    assert plain_table(per_year).splitlines()[0].split() == ["year", "n"]


def test_long_frames_say_how_many_rows_are_left_out():
    long = pd.DataFrame({"year": range(100)})
    assert plain_table(long, max_rows=10).splitlines()[-1] == "… 90 more rows (100 in all)"


def test_a_figure_is_a_sharp_image_with_its_alt_text():
    fig = Figure(figsize=(4, 2), dpi=100)
    fig.add_subplot().plot([1, 2])
    fig.accords_alt = 'A line from 1 to 2, "rising"'
    tag = figure_html(fig)
    assert tag.startswith('<img src="data:image/png;base64,')
    assert 'width="400"' in tag and 'alt="A line from 1 to 2, &quot;rising&quot;"' in tag


def test_warnings_are_shown_without_the_file_that_raised_them():
    stream = io.StringIO()
    notebook._show_warning(UserWarning("DCAD: 4 rows flagged"), UserWarning,
                           "/tmp/ipykernel_123/456.py", 5, file=stream)
    assert stream.getvalue() == "UserWarning: DCAD: 4 rows flagged\n"
    previous = warnings.showwarning
    try:
        notebook.setup()  # outside IPython: only the warning format changes
        assert warnings.showwarning is notebook._show_warning
    finally:
        warnings.showwarning = previous
