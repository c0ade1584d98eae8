"""Whether an article could be read at all: no silent misses."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

from accords.lexicon import available_languages
from accords.read.articles import Article
from accords.read.layout import Layout, analyse

# Boilerplate covering more than this share of an article's non-space characters makes it
# ``mostly_boilerplate``.
BOILERPLATE_SHARE = 0.5


STATUS_CODES = ("read", "no_lexicon", "mostly_boilerplate", "empty")


class ExtractionWarning(UserWarning):
    """:func:`extract` met an article it could not read normally (see :func:`article_status`).

    ``article_id`` and ``status`` say which article and why.
    """

    def __init__(self, article_id: str, status: Status) -> None:
        super().__init__(f"article {article_id!r} is {status.code}: {status.reason}")
        self.article_id = article_id
        self.status = status


@dataclass(frozen=True, slots=True)
class Status:
    """How extraction could read an article.

    ``code`` is one of :data:`STATUS_CODES`:

    - ``read``: its language has a lexicon and the text was processed normally;
    - ``no_lexicon``: its language (declared or detected, in ``lang``) has no lexicon folder,
      so the rules have no cues and find nothing;
    - ``mostly_boilerplate``: the layout's boilerplate spans cover more than
      :data:`BOILERPLATE_SHARE` of the text's non-space characters, so what is left may not
      be the article;
    - ``empty``: the text is blank, or has no body paragraph (a headline alone).

    ``reason`` says the same for a person; ``share`` is the boilerplate's share of the text's
    non-space characters (rounded to 0.001; 0 when it was not measured).
    """

    code: str
    reason: str
    lang: str | None = None
    share: float = 0.0

    @property
    def read(self) -> bool:
        return self.code == "read"


def _non_space(text: str) -> int:
    return len("".join(text.split()))


def _boilerplate_share(layout: Layout) -> float:
    """Share of the text's non-space characters inside the layout's boilerplate spans."""
    text = layout.article.text
    total = _non_space(text)
    if not total:
        return 0.0
    covered, reach = 0, 0
    for block in sorted(layout.boilerplate, key=lambda b: (b.start, b.end)):
        start = max(block.start, reach)  # count overlapping blocks once
        if block.end > start:
            covered += _non_space(text[start:block.end])
            reach = block.end
    return covered / total


def article_status(article: Article, layout: Layout | None = None) -> Status:
    """Whether extraction can read ``article`` normally, and if not why (a :class:`Status`).

    The checks run in this order: blank text (``empty``), a language without a lexicon
    (``no_lexicon``), boilerplate over half the text (``mostly_boilerplate``), no body
    paragraph (``empty``); otherwise ``read``. ``layout`` is computed when not given.

    >>> from accords.read.articles import Article
    >>> article_status(Article(id="fi-1", lang="fi",
    ...                        text="Suomi ja Viro allekirjoittivat sopimuksen.")).code
    'no_lexicon'
    >>> status = article_status(Article(id="en-1", lang="en", text=(
    ...     "Our website uses cookies to improve your experience of every page you visit.\\n"
    ...     "Accept all cookies\\n"
    ...     "Ministers met.")))
    >>> status.code, status.share
    ('mostly_boilerplate', 0.86)
    >>> from accords import paths
    >>> from accords.read.articles import read_article
    >>> article_status(read_article(paths.articles_dir() / "seed-it-001.txt"))
    Status(code='read', reason="read with the 'it' lexicon", lang='it', share=0.114)
    """
    lang = article.lang
    if not article.text.strip():
        return Status("empty", "the text is blank", lang)
    if lang is None or lang not in available_languages():
        given = article.lang_source or "given"
        which = (f"its language {lang!r} ({given}) has no lexicon" if lang else
                 "no language was given and none could be detected")
        return Status("no_lexicon", f"{which}; lexicons exist for "
                                    f"{', '.join(available_languages())}", lang)
    layout = layout or analyse(article)
    share = round(_boilerplate_share(layout), 3)
    if share > BOILERPLATE_SHARE:
        return Status("mostly_boilerplate", f"boilerplate covers {share:.0%} of the text "
                      f"(more than {BOILERPLATE_SHARE:.0%}); what is left may not be the "
                      "article", lang, share)
    if not layout.body_paragraphs:
        return Status("empty", "no body text (only a headline or nothing beside boilerplate)",
                      lang, share)
    return Status("read", f"read with the {lang!r} lexicon", lang, share)


def _not_read(article: Article, layout: Layout, warn: bool) -> str:
    """The article's status code; warns (:class:`ExtractionWarning`) when it is not read."""
    status = article_status(article, layout)
    if warn and not status.read:
        warnings.warn(ExtractionWarning(article.id, status), stacklevel=3)
    return status.code
