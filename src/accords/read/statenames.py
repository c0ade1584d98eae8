"""One table of state names per language: the CLDR base merged with the lexicon's supplement.

The machine-made base is CLDR's territory names in the language (through ``babel``), mapped to
ISO3 by the package's code table (:mod:`accords.codes`). The human supplement is the
language's lexicon: ``state_names`` and ``state_adjectives`` (ISO3-keyed: official long names,
short forms, demonyms and adjectives that CLDR lacks), ``state_aliases`` (COW-keyed: historical
names and forms datasets use, "Unione Sovietica", "East Germany") and ``dated_names`` (a name
that stood for different COW states at different times). Names and adjectives are inflected by
the lexicon's ending rules (``[inflect.name]``, ``[inflect.adjective]``), so the cases of
Russian, Ukrainian, Polish or Czech names are generated from paradigms, never listed.

The supplement comes first: where it and CLDR give the same form, the supplement's reading
wins. Forms that are stop words of the language are left out. The annotators' STATE gazetteer
reads the names and adjectives (:func:`text_forms`); the state registry
(:func:`accords.datasets.states.registry`) reads every entry of every language, so any form an
annotator recognises is one the registry resolves.

>>> text_forms("pt")["Cazaquistão"], text_forms("ru")["Казахстане"]
('KAZ', 'KAZ')
>>> [(e.kind, e.ccode) for e in state_table("it") if e.form == "Germania Est"]
[('alias', 265)]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from accords.codes import alpha3
from accords.lexicon import LexiconError, available_languages, load_lexicon

__all__ = ["StateName", "inflect", "state_table", "text_entries", "text_forms", "word_forms"]


@dataclass(frozen=True, slots=True)
class StateName:
    """One form of a state's name in one language.

    ``kind``: ``name`` or ``adjective`` (read in article text), ``alias`` or ``dated`` (read by
    the registry only); ``source``: ``lexicon`` or ``cldr``; ``iso3`` for names and adjectives,
    ``ccode`` for aliases and dated names; ``valid``: the dates a dated name applies.
    """

    form: str
    kind: str
    source: str
    iso3: str | None = None
    ccode: int | None = None
    valid: tuple[dt.date | None, dt.date | None] | None = None


def inflect(word: str, rules: Mapping[str, Any], vowels: str = "") -> list[str]:
    """All forms of ``word`` under ending rules ``{ending: [endings…], "consonant": […]}``.

    The longest matching ending wins; ``consonant`` applies to words ending in a letter that
    is not one of ``vowels`` (the lexicon's ``vowels``) when no ending matched. Words in
    capitals (acronyms) and multi-word names are not inflected.

    >>> inflect("russo", {"o": ["o", "a", "i", "e"]})
    ['russo', 'russa', 'russi', 'russe']
    """
    if not rules or " " in word or (word.isupper() and len(word) > 1):
        return [word]
    for ending in sorted((k for k in rules if k != "consonant"), key=len, reverse=True):
        if word.endswith(ending):
            stem = word[: len(word) - len(ending)]
            return list(dict.fromkeys(stem + e for e in rules[ending]))
    last = word[-1:].lower()
    if "consonant" in rules and last.isalpha() and last not in vowels.lower():
        return list(dict.fromkeys(word + e for e in rules["consonant"]))
    return [word]


def word_forms(word: str, lex: Mapping[str, Any], kind: str = "name") -> list[str]:
    """Every form of a name (``kind`` ``name``) or adjective under the lexicon's ending rules
    (``[inflect.KIND]``, ``vowels``) and with each of its prefixes (``[prefixes].KIND``: the
    conjunctions, prepositions and articles some languages write joined to the next word,
    Arabic "و", "ب", "ال").

    >>> word_forms("روسي", {"inflect": {"adjective": {"ي": ["ي", "ية"]}},
    ...                      "prefixes": {"adjective": ["ال"]}}, "adjective")
    ['روسي', 'روسية', 'الروسي', 'الروسية']
    """
    forms = inflect(word, lex.get("inflect", {}).get(kind, {}), lex.get("vowels", ""))
    prefixes = lex.get("prefixes", {}).get(kind, ())
    return forms + [p + f for p in prefixes for f in forms]


def _lexicon(lang: str) -> Mapping[str, Any]:
    return load_lexicon(lang) if lang in available_languages() else {}


def _cldr(lang: str) -> dict[str, str]:
    from babel import Locale, UnknownLocaleError

    try:
        return dict(Locale.parse(lang).territories)
    except (UnknownLocaleError, ValueError):
        return {}


def _date(text: str | None, where: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise LexiconError(f"{where}: {text!r} is no ISO date (YYYY-MM-DD)") from exc


@cache
def state_table(lang: str) -> tuple[StateName, ...]:
    """Every form of every state name in ``lang``, supplement first, then CLDR, then the
    registry-only aliases and dated names."""
    lex = _lexicon(lang)
    stop = frozenset(w.lower() for w in lex.get("stopwords", ()))
    table: list[StateName] = []
    seen: set[tuple[str, str]] = set()

    def put(form: str, kind: str, source: str, **codes) -> None:
        form = form.strip()
        key = (form, "text" if kind in ("name", "adjective") else f"{kind}{codes}")
        if form and form.lower() not in stop and key not in seen:
            seen.add(key)
            table.append(StateName(form, kind, source, **codes))

    for kind, key in (("name", "state_names"), ("adjective", "state_adjectives")):
        for code, names in lex.get(key, {}).items():
            for name in names:
                for form in word_forms(name, lex, kind):
                    put(form, kind, "lexicon", iso3=code)
    for a2, name in sorted(_cldr(lang).items()):
        code = alpha3(a2) if len(a2) == 2 and a2.isalpha() else None
        if code:
            for form in word_forms(name, lex, "name"):
                put(form, "name", "cldr", iso3=code)
    for code, names in lex.get("state_aliases", {}).items():
        for name in names:
            put(name, "alias", "lexicon", ccode=int(code))
    for i, entry in enumerate(lex.get("dated_names", ())):
        where = f"lexicons/{lang} dated_names[{i}]"
        put(entry["name"], "dated", "lexicon", ccode=int(entry["ccode"]),
            valid=(_date(entry.get("from"), where), _date(entry.get("until"), where)))
    return tuple(table)


@cache
def text_entries(lang: str) -> dict[str, tuple[str, str]]:
    """The forms read in article text → (ISO3, ``name`` or ``adjective``), first reading wins."""
    out: dict[str, tuple[str, str]] = {}
    for entry in state_table(lang):
        if entry.kind in ("name", "adjective") and entry.iso3:
            out.setdefault(entry.form, (entry.iso3, entry.kind))
    return out


def text_forms(lang: str) -> dict[str, str]:
    """The forms read in article text (names and adjectives) → ISO3."""
    return {form: code for form, (code, _kind) in text_entries(lang).items()}
