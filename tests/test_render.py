"""Rendering: escaped, highlighted HTML and a plain-text form for checked notebook cells."""

from __future__ import annotations

from accords.articles import Article
from accords.render import to_html, to_plain
from accords.spans import make_span


def test_article_markup_is_escaped_and_shown_as_text():
    article = Article(id="x", text='<script>alert("x")</script> Russia & "NATO"')
    start = article.text.index("Russia")
    out = str(to_html(article, [make_span(article, start, start + 6, "STATE", norm="RUS")]))
    assert "<script>" not in out
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in out
    assert "&amp; &quot;NATO&quot;" in out


def test_labels_are_coloured_with_norm_on_hover_and_a_legend():
    article = Article(id="x", text="Il Kazakistan firma.")
    out = to_html(article, [make_span(article, 3, 13, "STATE", norm="KAZ",
                                         origin="rule:state")])._repr_html_()
    assert 'title="STATE: KAZ"' in out and "background: #ffd54f" in out
    assert "accords-legend" in out and "STATE (1)" in out


def test_a_hostile_norm_cannot_break_out_of_the_title_attribute():
    article = Article(id="x", text="abc")
    out = str(to_html(article, [make_span(article, 0, 3, "NOTE", norm='"><script>')]))
    assert "<script>" not in out and "&quot;&gt;&lt;script&gt;" in out


def test_plain_rendering_nests_brackets_and_skips_rejected_spans():
    article = Article(id="x", text="il piano per il 2022 e la Russia")
    plan = make_span(article, 3, 20, "AGREEMENT", norm="cooperation_plan")
    year = make_span(article, 16, 20, "PERIOD", norm="2022")
    state = make_span(article, 26, 32, "STATE", norm="RUS", status="rejected")
    assert to_plain(article, [plan, year, state]) == (
        "il [piano per il [2022]{PERIOD:2022}]{AGREEMENT:cooperation_plan} e la Russia")
