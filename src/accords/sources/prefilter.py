"""A fast pre-filter: does a page mention an agreement and defence at all?

Most pages of a news archive are about something else; extraction is far slower than a
regular-expression search, so pages are dropped before it unless their text holds **an
agreement word** (the language's ``agreements.heads`` of ``lexicons/<lang>/annotate.toml``,
word-bounded, as the annotator matches them) **and a defence word** (its
``agreements.defence_cues``, the words without which the extractor calls an agreement "not
a defence agreement"). The cues are read from the lexicons, so adding a language's lexicon
extends the filter.

Language-aware: a page that declares a language with a lexicon is checked with that
language's cues; a page with no declared language is checked with every language's cues at
once (one compiled pattern each); a page in a language without a lexicon is dropped with
the reason ``no_lexicon`` (the extractor could find nothing in it).

>>> f = PreFilter()
>>> f.check("<p>Italia e Tunisia firmano un accordo di cooperazione nella difesa</p>", "it")
>>> f.check("<p>Italia e Tunisia firmano un accordo commerciale</p>", "it")
'no_defence_word'
>>> f.check("<p>Le Mali et la France ont signé un accord de défense.</p>", None)
"""

from __future__ import annotations

import html as html_lib
import re
from functools import cache

from accords.lexicon import available_languages, load_lexicon

__all__ = ["PreFilter", "visible_text"]

_DROP = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def visible_text(html: str) -> str:
    """The page's words without scripts, styles, comments and tags (a rough cut, for the
    filter only; the corpus text comes from trafilatura)."""
    text = _TAG.sub(" ", _COMMENT.sub(" ", _DROP.sub(" ", html)))
    return html_lib.unescape(text) if "&" in text else text


def _alternation(patterns) -> str:
    return "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))


@cache
def _cues(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    agreements = load_lexicon(lang).get("agreements", {})
    heads = list(agreements.get("heads", {}))
    defence = list(agreements.get("defence_cues", ()))
    if not heads or not defence:
        return None
    return (re.compile(rf"(?<!\w)(?:{_alternation(heads)})(?!\w)", re.IGNORECASE),
            re.compile(_alternation(defence), re.IGNORECASE))


class PreFilter:
    """Checks page text against the agreement and defence cues of ``langs`` (default: every
    language with a lexicon)."""

    def __init__(self, langs=None) -> None:
        self.langs = tuple(langs) if langs is not None else available_languages()
        self._by_lang = {lang: c for lang in self.langs if (c := _cues(lang)) is not None}
        if not self._by_lang:
            raise ValueError(f"no lexicon among {self.langs} has agreements.heads and "
                             "agreements.defence_cues; name languages that have them.")
        heads = [c[0].pattern for c in self._by_lang.values()]
        defence = [c[1].pattern for c in self._by_lang.values()]
        self._any = (re.compile("|".join(f"(?:{p})" for p in heads), re.IGNORECASE),
                     re.compile("|".join(f"(?:{p})" for p in defence), re.IGNORECASE))

    def check(self, html: str, lang: str | None) -> str | None:
        """None when the page may report a defence agreement; else why it is dropped:
        ``no_lexicon``, ``no_agreement_word`` or ``no_defence_word``."""
        if lang is None:
            heads, defence = self._any
        elif lang in self._by_lang:
            heads, defence = self._by_lang[lang]
        else:
            return "no_lexicon"
        text = visible_text(html)
        if heads.search(text) is None:
            return "no_agreement_word"
        if defence.search(text) is None:
            return "no_defence_word"
        return None
