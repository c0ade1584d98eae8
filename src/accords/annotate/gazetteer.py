"""Gazetteers: names of states, organisations and places, compiled to one regex per language.

Forms come from CLDR territory names (via ``babel``) and the language's lexicon
(``lexicons/<lang>/annotate.toml`` plus ``lexicons/common/annotate.toml``), with inflected forms
generated from the lexicon's ending rules (``[inflect.name]``, ``[inflect.adjective]``). All the
forms of one kind and language compile into a single regular expression shaped as a prefix
tree, so matching costs one pass over the text rather than one search per name.

Case rules keep common words out: a form written in capitals (``NATO``, ``США``) matches only
in that case; a form with an initial capital (``Russia``) needs an initial capital in the text
(or the whole word in capitals, as in datelines); a lower-case form (``russo``) matches any case.

>>> state_forms("it")["kazaka"]
'KAZ'
>>> [(m.exact, m.norm) for m in states_gazetteer("it").finditer("la controparte kazaka")]
[('kazaka', 'KAZ')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from accords import codes
from accords.lexicon import COMMON, available_languages, load_lexicon
from accords.read.statenames import inflect, text_entries, word_forms

__all__ = [
    "Gazetteer",
    "GazetteerMatch",
    "alpha3",
    "ccode",
    "inflect",
    "org_forms",
    "orgs_gazetteer",
    "place_forms",
    "places_gazetteer",
    "region_members",
    "state_forms",
    "states_gazetteer",
]

ANY_CASE, INITIAL_CAPITAL, EXACT_CASE = 0, 1, 2


# --------------------------------------------------------------------------- codes


def _code_table() -> dict[str, tuple[str, int | None]]:
    """alpha-2 → (alpha-3, today's COW code or None), from the package's code table."""
    return {row.iso2: (row.iso3, codes.ccode(row.iso3)) for row in codes.code_rows()}


def alpha3(alpha2: str) -> str | None:
    """ISO 3166-1 alpha-3 for an alpha-2 code, or None (the package's code table,
    :mod:`accords.codes`).

    >>> alpha3("KZ")
    'KAZ'
    """
    return codes.alpha3(alpha2)


def ccode(iso3: str) -> int | None:
    """The Correlates of War code of the state ``iso3`` stands for today, or None for a
    territory that is no COW state (the code table, :mod:`accords.codes`).

    >>> ccode("RUS"), ccode("DEU"), ccode("PRI")
    (365, 255, None)
    """
    return codes.ccode(iso3)


# --------------------------------------------------------------------------- lexicons


def _lexicon(lang: str) -> Mapping[str, Any]:
    return load_lexicon(lang) if lang in available_languages() else {}


@cache
def state_forms(lang: str) -> dict[str, str]:
    """Every form of every state name in ``lang``, mapped to its ISO3 code.

    The language's state-name table (:mod:`accords.read.statenames`: CLDR territory names from
    babel, the lexicon's ``state_names`` and ``state_adjectives``, inflected by the lexicon's
    rules), the same table the state registry reads.

    >>> forms = state_forms("it")
    >>> forms["Federazione Russa"], forms["russe"], forms["Kazakistan"]
    ('RUS', 'RUS', 'KAZ')
    """
    return {form: code for form, (code, _kind) in _state_entries(lang).items()}


def _state_entries(lang: str) -> dict[str, tuple[str, str]]:
    """The language's state-name table (:mod:`accords.read.statenames`), as read in text."""
    return text_entries(lang)


@cache
def org_forms(lang: str) -> dict[str, str]:
    """Organisation names and acronyms in ``lang`` (plus the shared ones) → code (CSTO, NATO…).

    >>> org_forms("it")["Organizzazione del Trattato di Sicurezza Collettiva"]
    'CSTO'
    >>> org_forms("ru")["ОДКБ"]
    'CSTO'
    """
    forms: dict[str, str] = {}
    for source in (_lexicon(lang), load_lexicon(COMMON)):
        for code, names in source.get("orgs", {}).items():
            for name in names:
                forms.setdefault(name, code)
    return forms


@cache
def place_forms(lang: str) -> dict[str, str]:
    """City names in ``lang`` (inflected where the lexicon says how) → English name.

    >>> place_forms("it")["Mosca"], place_forms("ru")["Москве"]
    ('Moscow', 'Moscow')
    """
    lex = _lexicon(lang)
    forms: dict[str, str] = {}
    for source in (lex, load_lexicon(COMMON)):
        for english, names in source.get("places", {}).items():
            for name in names:
                for form in word_forms(name, lex, "name"):
                    forms.setdefault(form, english)
    return forms


def region_members(region: str) -> frozenset[str]:
    """ISO3 codes of a region named in ``lexicons/common/annotate.toml`` (``central_asia``…)."""
    return frozenset(load_lexicon(COMMON).get("regions", {}).get(region, ()))


# --------------------------------------------------------------------------- compiled regex


def _case_rule(form: str) -> int:
    letters = [c for c in form if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return EXACT_CASE
    if letters and form[0].isupper():
        return INITIAL_CAPITAL
    return ANY_CASE


def _trie_regex(words: Iterable[str]) -> str:
    """One regex alternation shaped as a prefix tree (shared prefixes written once)."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        end = "" in node
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items())
                    if char != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    return build(trie)


@dataclass(frozen=True, slots=True)
class _Found:
    begin: int
    stop: int
    text: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.stop

    def group(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class GazetteerMatch:
    start: int
    end: int
    exact: str
    norm: str
    kind: str


class Gazetteer:
    """Forms → normalised values, compiled into one case-insensitive regex.

    >>> g = Gazetteer({"NATO": ("NATO", "org"), "Alleanza Atlantica": ("NATO", "org")})
    >>> [m.exact for m in g.finditer("la NATO e la nato")]
    ['NATO']
    """

    def __init__(self, entries: Mapping[str, tuple[str, str]]):
        self._table: dict[str, list[tuple[str, str, str, int]]] = {}
        for form, (norm, kind) in entries.items():
            self._table.setdefault(form.lower(), []).append((form, norm, kind, _case_rule(form)))
        alternation = _trie_regex(sorted(self._table)) if self._table else "(?!)"
        self.pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)
        # The prefix tree is built from lower-cased forms, so lower-cased text can be matched
        # case-sensitively (several times faster than IGNORECASE).
        self.lower_pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")
        self.size = len(entries)

    def _accept(self, exact: str) -> tuple[str, str] | None:
        for form, norm, kind, rule in self._table.get(exact.lower(), ()):
            if rule == EXACT_CASE and exact != form:
                continue
            if rule == INITIAL_CAPITAL and not (exact[0].isupper() or exact.isupper()):
                continue
            return norm, kind
        return None

    def finditer(self, text: str, start: int = 0, end: int | None = None
                 ) -> Iterator[GazetteerMatch]:
        """Matches in ``text[start:end]`` (longest form at each position, left to right)."""
        end = len(text) if end is None else end
        lowered = text.lower()
        if len(lowered) == len(text):
            matches = self.lower_pattern.finditer(lowered, start, end)
        else:
            matches = self.pattern.finditer(text, start, end)
        for found in matches:
            match = _Found(found.start(), found.end(), text[found.start():found.end()])
            accepted = self._accept(match.group())
            if accepted is None:
                # A shorter form at the same position may still pass the case rule.
                accepted_short = self._shorter(text, match.start(), match.end())
                if accepted_short is None:
                    continue
                yield accepted_short
                continue
            yield GazetteerMatch(match.start(), match.end(), match.group(), *accepted)

    def _shorter(self, text: str, start: int, end: int) -> GazetteerMatch | None:
        for stop in range(end - 1, start, -1):
            if text[stop - 1].isalnum() and not text[stop].isalnum():
                piece = text[start:stop]
                accepted = self._accept(piece) if piece.lower() in self._table else None
                if accepted:
                    return GazetteerMatch(start, stop, piece, *accepted)
        return None


@cache
def states_gazetteer(lang: str) -> Gazetteer:
    """The compiled STATE gazetteer of ``lang`` (kinds: ``name``, ``adjective``)."""
    return Gazetteer(_state_entries(lang))


@cache
def orgs_gazetteer(lang: str) -> Gazetteer:
    """The compiled ORG gazetteer of ``lang``."""
    return Gazetteer({form: (code, "org") for form, code in org_forms(lang).items()})


@cache
def places_gazetteer(lang: str) -> Gazetteer:
    """The compiled PLACE gazetteer of ``lang`` (norm: English city name)."""
    return Gazetteer({form: (name, "city") for form, name in place_forms(lang).items()})
