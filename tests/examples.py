"""Extraction of the examples the rule tests write: one article per example, its first line
the headline, published on a fixed Tuesday so that relative days resolve the same way."""

from __future__ import annotations

import datetime as dt

from accords.extract import extract
from accords.read.articles import Article

DAY = dt.date(2023, 3, 14)  # a Tuesday


def extracted(text: str, lang: str, title: str | None = None):
    """Every record of ``text`` (news and background)."""
    title = text.split("\n", 1)[0] if title is None else title
    return extract(Article(id="example", text=text, title=title, lang=lang, published=DAY))


def news(text: str, lang: str, title: str | None = None):
    """The news records of ``text`` (background records left out)."""
    return [r for r in extracted(text, lang, title) if not r.is_background]
