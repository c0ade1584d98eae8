"""A fast pre-filter: does a page mention an agreement and defence at all?

Most pages of a news archive are about something else; extraction is far slower than a
regular-expression search, so pages are dropped before it unless their text holds **an
agreement word** (the language's ``agreements.heads`` of ``lexicons/<lang>/annotate.toml``,
word-bounded, as the annotator matches them) **and a defence word** (its
``agreements.defence_cues``, the words without which the extractor calls an agreement "not
a defence agreement"). The cues are read from the lexicons, so adding a language's lexicon
extends the filter.

Language-aware: a page that declares a language with a lexicon is checked with that
language's cues; a page with no declared language is given the language py3langid's
offline model finds in its first 2,000 characters of visible text; a page in a language
without a lexicon is dropped with the reason ``no_lexicon`` (the extractor could find nothing
in it).

Fast by construction: each cue is reduced to a literal it cannot match without (``accord``
for ``accord[oi]``, ``abkommen`` for ``\\w*abkommens?``), and the lower-cased text is first
searched for those literals with ``str`` search (C speed); only a page holding one is
searched with the cues' own regular expressions, so the answer is theirs
(``tests/test_sources.py`` checks it against the regular expressions alone).

>>> f = PreFilter()
>>> f.check("<p>Italia e Tunisia firmano un accordo di cooperazione nella difesa</p>", "it")
>>> f.check("<p>Italia e Tunisia firmano un accordo commerciale</p>", "it")
'no_defence_word'
>>> f.check("<p>Le Mali et la France ont signé un accord de défense.</p>", None)
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from functools import cache

from accords.lexicon import available_languages, load_lexicon

__all__ = ["PreFilter", "anchor", "visible_text"]

_DROP = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_META = set("\\[](){}|?*+.^$")


def visible_text(html: str) -> str:
    """The page's words without scripts, styles, comments and tags (a rough cut, for the
    filter only; the corpus text comes from trafilatura)."""
    text = _TAG.sub(" ", _COMMENT.sub(" ", _DROP.sub(" ", html)))
    return html_lib.unescape(text) if "&" in text else text


def _branches(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern."""
    out, depth, current, escaped, in_class = [], 0, [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            out.append("".join(current))
            current = []
            continue
        current.append(char)
    out.append("".join(current))
    return out


def _required_run(branch: str) -> str:
    """The longest run of literal characters outside groups, classes and escapes that a
    match of ``branch`` (no top-level ``|``) must contain."""
    runs, run, i = [], [], 0
    while i < len(branch):
        char = branch[i]
        if char in "?*{" or (char == "+" and not run):
            if char != "+" and run:
                run.pop()  # the character before an optional quantifier may be absent
            runs.append(run)
            run = []
            if char == "{":
                i = branch.find("}", i) + 1 or len(branch)
                continue
        elif char == "\\":
            runs.append(run)
            run = []
            i += 2
            continue
        elif char == "[":
            runs.append(run)
            run = []
            i = branch.find("]", i + 2) + 1 or len(branch)
            continue
        elif char == "(":
            runs.append(run)
            run = []
            depth = 0
            while i < len(branch):  # skip the whole group (it may be optional or alternate)
                depth += (branch[i] == "(") - (branch[i] == ")")
                i += 1 + (branch[i] == "\\")
                if depth == 0:
                    break
            continue
        elif char in "+.^$)":
            runs.append(run)
            run = []
        else:
            run.append(char)
        i += 1
    runs.append(run)
    return max(("".join(r) for r in runs), key=len)


def anchor(pattern: str) -> tuple[str, ...] | None:
    """Lower-case literals of which every match of ``pattern`` contains one (one per
    top-level alternative), or None when an alternative has no literal run of three
    characters or more outside its groups.

    >>> anchor("accord[oi]"), anchor(r"\\w*abkommens?"), anchor("forze armate")
    (('accord',), ('abkommen',), ('forze armate',))
    >>> anchor("umow(?:a|y)|umów"), anchor("(?:joint )?declarations? of intent")
    (('umow', 'umów'), ('declaration',))
    >>> anchor("a|b") is None, anchor(r"(?:un )?acc") is None
    (True, False)
    """
    found = []
    for branch in _branches(pattern):
        run = _required_run(branch).lower()
        if len(run) < 3:
            return None
        found.append(run)
    return tuple(found)


@dataclass(frozen=True)
class _Cues:
    heads: re.Pattern[str]
    head_anchors: tuple[str, ...] | None  # None: some head has no anchor, always search
    defence: re.Pattern[str]
    defence_anchors: tuple[str, ...] | None


def _alternation(patterns) -> str:
    return "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))


def _anchors(patterns) -> tuple[str, ...] | None:
    found = [anchor(p) for p in patterns]
    if any(a is None for a in found):
        return None
    return tuple(sorted({literal for literals in found for literal in literals}))


@cache
def _cues(lang: str) -> _Cues | None:
    agreements = load_lexicon(lang).get("agreements", {})
    heads = list(agreements.get("heads", {}))
    defence = list(agreements.get("defence_cues", ()))
    if not heads or not defence:
        return None
    return _Cues(re.compile(rf"(?<!\w)(?:{_alternation(heads)})(?!\w)", re.IGNORECASE),
                 _anchors(heads), re.compile(_alternation(defence), re.IGNORECASE),
                 _anchors(defence))


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE)


def _holds(lower: str, anchors: tuple[str, ...] | None) -> bool:
    return anchors is None or any(a in lower for a in anchors)


class PreFilter:
    """Checks page text against the agreement and defence cues of ``langs`` (default: every
    language with a lexicon)."""

    def __init__(self, langs=None) -> None:
        self.langs = tuple(langs) if langs is not None else available_languages()
        self._by_lang = {lang: c for lang in self.langs if (c := _cues(lang)) is not None}
        if not self._by_lang:
            raise ValueError(f"no lexicon among {self.langs} has agreements.heads and "
                             "agreements.defence_cues; name languages that have them.")

    def language(self, text: str) -> str | None:
        """The language of an undeclared page, by py3langid on its first 2,000 characters."""
        sample = " ".join(text[:6000].split())[:2000]
        if not any(ch.isalpha() for ch in sample):
            return None
        return _identifier().classify(sample)[0]

    def check(self, html: str, lang: str | None) -> str | None:
        """None when the page may report a defence agreement; else why it is dropped:
        ``no_lexicon``, ``no_agreement_word`` or ``no_defence_word``."""
        text = visible_text(html)
        if lang is None:
            lang = self.language(text)
        cues = self._by_lang.get(lang)
        if cues is None:
            return "no_lexicon"
        lower = text.lower()
        if not _holds(lower, cues.head_anchors) or cues.heads.search(text) is None:
            return "no_agreement_word"
        if not _holds(lower, cues.defence_anchors) or cues.defence.search(text) is None:
            return "no_defence_word"
        return None
