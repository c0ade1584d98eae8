"""Rendering: escaped, highlighted HTML and a plain-text form for checked notebook cells."""

from __future__ import annotations

import itertools

import numpy as np

from accords.read.articles import Article
from accords.review.render import COLOURS, to_html, to_plain
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
    assert 'title="STATE: KAZ"' in out and f"background: {COLOURS['STATE']}" in out
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


# Machado, Oliveira & Fernandes (2009) simulation matrices at full severity (linear RGB).
CVD = {
    "normal vision": np.eye(3),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                            [0.004733, 0.691367, 0.303900]]),
}


def _lab(hex_colour: str, vision: np.ndarray) -> np.ndarray:
    rgb = np.array([int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    linear = np.clip(vision @ linear, 0, 1)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                    [0.0193, 0.1192, 0.9505]]) @ linear / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def test_label_colours_stay_apart_for_colour_blind_readers():
    too_close = []
    for (a, ca), (b, cb) in itertools.combinations(COLOURS.items(), 2):
        for vision, matrix in CVD.items():
            distance = float(np.linalg.norm(_lab(ca, matrix) - _lab(cb, matrix)))
            if distance < 10:
                too_close.append(f"{a}/{b} under {vision}: ΔE {distance:.1f}")
    assert too_close == []


def test_the_colour_check_finds_a_pale_green_and_a_pale_red_too_close():
    # the green and red of the earlier palette look alike to a reader with deuteranopia
    assert np.linalg.norm(_lab("#a5d6a7", CVD["deuteranopia"])
                          - _lab("#ef9a9a", CVD["deuteranopia"])) < 10
