"""The schema of lexicon files: every key a lexicon may define, and the type of its value.

A lexicon file is checked against it when it is loaded (:func:`accords.lexicon.load_lexicon`)
and by ``python -m accords lexicon check``: a key the schema does not know (a misspelt one
would otherwise switch its rule off in silence) is an error naming the file, the key and the
nearest known key; a value of the wrong type, or a pattern that is not a valid regex, is an
error naming the file and the key.

Types are small objects: :class:`Text` (a string), :class:`Pattern` (a string that must compile
as a Python regex), :class:`Number`, :class:`Flag`, :class:`Items` (a list of one type, with an
optional exact length), :class:`Pair` (a two-item list), :class:`Fields` (a table with known
keys) and :class:`Labels` (a table whose keys are labels chosen by the lexicon: ISO3 codes,
endings, patterns).

>>> problems("x.toml", {"months": ["gennaio"] * 12, "weekday": []})
["x.toml: unknown key 'weekday'; did you mean 'weekdays'?"]
>>> problems("x.toml", {"actions": {"verbs": {"signed": ["firm(a"]}}})[0][:52]
'x.toml: actions.verbs.signed[0]: not a valid regex ('
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["SCHEMA", "Fields", "Flag", "Items", "Labels", "Number", "Pair", "Pattern", "Text",
           "contributions", "problems"]


@dataclass(frozen=True)
class Text:
    """A string."""

    def check(self, value: Any, where: str) -> list[str]:
        return [] if isinstance(value, str) else [f"{where}: expected a string, got "
                                                  f"{type(value).__name__}"]


@dataclass(frozen=True)
class Pattern(Text):
    """A string that compiles as a Python regular expression."""

    def check(self, value: Any, where: str) -> list[str]:
        bad = super().check(value, where)
        if bad:
            return bad
        try:
            re.compile(value)
        except re.error as exc:
            return [f"{where}: not a valid regex ({exc}): {value!r}"]
        return []


@dataclass(frozen=True)
class Number:
    def check(self, value: Any, where: str) -> list[str]:
        ok = isinstance(value, int) and not isinstance(value, bool)
        return [] if ok else [f"{where}: expected an integer, got {value!r}"]


@dataclass(frozen=True)
class Flag:
    def check(self, value: Any, where: str) -> list[str]:
        return [] if isinstance(value, bool) else [f"{where}: expected true or false, got "
                                                   f"{value!r}"]


@dataclass(frozen=True)
class Items:
    """A list whose items all have type ``item`` (``length``: exactly that many)."""

    item: Any = field(default_factory=Text)
    length: int | None = None

    def check(self, value: Any, where: str) -> list[str]:
        if not isinstance(value, (list, tuple)):
            return [f"{where}: expected a list, got {type(value).__name__}"]
        out: list[str] = []
        if self.length is not None and len(value) != self.length:
            out.append(f"{where}: expected {self.length} items, got {len(value)}")
        for i, item in enumerate(value):
            out += self.item.check(item, f"{where}[{i}]")
        return out


@dataclass(frozen=True)
class Pair:
    """A two-item list ``[first, second]``."""

    first: Any
    second: Any

    def check(self, value: Any, where: str) -> list[str]:
        if not isinstance(value, (list, tuple)) or len(value) != 2:
            return [f"{where}: expected a pair [pattern, value], got {value!r}"]
        return self.first.check(value[0], f"{where}[0]") + \
            self.second.check(value[1], f"{where}[1]")


@dataclass(frozen=True)
class Fields:
    """A table with known keys (each optional)."""

    fields: Mapping[str, Any]

    def check(self, value: Any, where: str) -> list[str]:
        if not isinstance(value, Mapping):
            return [f"{where}: expected a table, got {type(value).__name__}"]
        return _check_fields(value, self.fields, where)


@dataclass(frozen=True)
class Labels:
    """A table whose keys the lexicon chooses; ``key`` checks each (None: any), ``value`` is
    the type of every value."""

    value: Any
    key: Callable[[str], bool] | None = None
    key_doc: str = ""

    def check(self, value: Any, where: str) -> list[str]:
        if not isinstance(value, Mapping):
            return [f"{where}: expected a table, got {type(value).__name__}"]
        out: list[str] = []
        for k, v in value.items():
            if self.key is not None and not self.key(k):
                out.append(f"{where}: key {k!r} is not {self.key_doc}")
            out += self.value.check(v, f"{where}.{k}")
        return out


def _check_fields(value: Mapping[str, Any], fields: Mapping[str, Any], where: str) -> list[str]:
    """``where`` is ``file`` at the top level, ``file: dotted.path`` below it."""
    file, _, path = where.partition(": ")
    out: list[str] = []
    for key, item in value.items():
        name = f"{path}.{key}" if path else key
        spec = fields.get(key)
        if spec is None:
            close = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else \
                f"; known keys here: {', '.join(sorted(fields))}"
            out.append(f"{file}: unknown key {name!r}{hint}")
            continue
        out += spec.check(item, f"{file}: {name}")
    return out


def _iso3(key: str) -> bool:
    return len(key) == 3 and key.isalpha() and key.isupper()


def _compiles(key: str) -> bool:
    try:
        re.compile(key)
    except re.error:
        return False
    return True


def _cow(key: str) -> bool:
    return key.isdigit()


WORDS = Items(Text())
PATTERNS = Items(Pattern())
ACTIONS = ("announced", "approved", "entered_into_force", "in_principle", "ratified", "renewed",
           "signed", "terminated")
ROLES = ("ambassador", "chief_of_staff", "counterpart", "defence_minister", "foreign_minister",
         "head_of_government", "head_of_state", "minister", "officer")
BY_ISO3 = dict(key=_iso3, key_doc="an ISO 3166 alpha-3 code (three capitals)")

#: Every key a lexicon file may define (the top level of any file of a language folder or of
#: ``common``), and its type.
SCHEMA: dict[str, Any] = {
    # reading.toml: the reader (layout, dates' month and weekday names, sentence splitting)
    "months": Items(Text(), 12),
    "months_nominative": Items(Text(), 12),
    "month_abbreviations": Items(Text(), 12),
    "weekdays": Items(Text(), 7),
    "abbreviations": WORDS,
    "stopwords": WORDS,
    "ordinal_dot": Flag(),
    "date_joiners": WORDS,
    "boilerplate": Fields({"footer_start": PATTERNS, "lines": PATTERNS}),
    "boilerplate_lines": PATTERNS,
    "social_line": Pattern(),
    "timestamp_lines": PATTERNS,
    "stamp_prefix": Pattern(),
    # annotate.toml: gazetteers
    "state_names": Labels(WORDS, **BY_ISO3),
    "state_adjectives": Labels(WORDS, **BY_ISO3),
    "state_aliases": Labels(WORDS, key=_cow, key_doc="a COW state code (digits)"),
    "dated_names": Items(Fields({"name": Text(), "ccode": Number(), "from": Text(),
                                 "until": Text()})),
    "state_descriptors": Labels(Text()),
    "regions": Labels(Items(Text())),
    "capitals": Labels(Text()),
    "orgs": Labels(WORDS),
    "blocs": WORDS,
    "alliances": Fields({"codes": WORDS}),
    "places": Labels(WORDS),
    "place_cues": Labels(Text()),
    "inflect": Fields({"name": Labels(WORDS), "adjective": Labels(WORDS)}),
    "vowels": Text(),
    "prefixes": Fields({"name": WORDS, "adjective": WORDS}),
    "name_particles": WORDS,
    "possessives": WORDS,
    "day_articles": WORDS,
    "stem_length": Number(),
    # annotate.toml: people
    "people": Fields({
        "roles": Fields({role: PATTERNS for role in ROLES}),
        "role_connectors": WORDS, "respectively": WORDS, "conjunctions": WORDS,
        "agent_words": WORDS, "subject_after_verb": Flag(),
        "not_names": WORDS, "national_roles": Labels(Text(), key=_compiles,
                                                         key_doc="a valid regex"),
    }),
    # annotate.toml: the date grammar
    "dates": Fields({
        "relative_days": Labels(Number()), "relative_years": Labels(Number()),
        "weekday_forms": Labels(Number()),
        "months_locative": Items(Text(), 12), "past_words": WORDS, "future_words": WORDS,
        "range_from": WORDS, "range_to": WORDS, "year_cues": WORDS, "period_cues": WORDS,
        "year_words": WORDS, "period_words": WORDS, "between_day_month": WORDS,
        "between_month_year": WORDS, "day_suffixes": WORDS,
    }),
    # annotate.toml: agreements, actions, areas
    "agreements": Fields({
        "heads": Labels(Text()), "kinds": Items(Pair(Pattern(), Text())),
        "defence_cues": PATTERNS, "stops": WORDS, "connectors": WORDS,
        "left_modifiers": Number(), "left_modifier": Pattern(), "left_stops": WORDS,
        "direct_complement": Flag(), "postnominal": Pattern(), "accession": PATTERNS,
        "programme_heads": PATTERNS, "civil_subjects": PATTERNS,
    }),
    "actions": Fields({
        "verbs": Fields({action: PATTERNS for action in ACTIONS}),
        "paradigms": Fields({action: WORDS for action in ACTIONS}),
        "planned_forms": PATTERNS, "planned_cues": WORDS, "planned_after": PATTERNS,
        "negation_cues": WORDS, "planned_window": Number(),
        "negation_exceptions": WORDS, "decision_cues": WORDS,
    }),
    "paradigms": Labels(Fields({"forms": WORDS, "future": WORDS})),
    "areas": Labels(PATTERNS),
    # extract.toml: the extraction cues
    "process_nouns": PATTERNS, "bilateral_cues": PATTERNS, "plural_heads": PATTERNS,
    "ambiguous_plurals": PATTERNS, "object_articles": WORDS,
    "list_joiners": WORDS, "signing_nouns": PATTERNS, "analogous_cues": PATTERNS,
    "ratification_laws": PATTERNS, "reporting_verbs": PATTERNS, "final_approval": PATTERNS,
    "dated_cues": PATTERNS, "clause_breakers": WORDS, "partner_words": WORDS,
    "until_words": WORDS, "meeting_cues": PATTERNS, "treaty_formula": PATTERNS,
    "meeting_documents": PATTERNS, "arity_words": Labels(Number()), "presence_cues": PATTERNS,
    "role_subjects": PATTERNS, "meeting_people": PATTERNS, "elision_cues": PATTERNS,
    "elided_starts": WORDS, "vague_heads": PATTERNS, "subject_relatives": WORDS,
    "instrument_relatives": WORDS, "negotiation_cues": PATTERNS, "notice_cues": PATTERNS,
}


def problems(where: str, data: Mapping[str, Any]) -> list[str]:
    """Every way ``data`` (one parsed lexicon file, named ``where``) breaks the schema."""
    return _check_fields(data, SCHEMA, where)


def language_problems(where: str, merged: Mapping[str, Any]) -> list[str]:
    """What the files of one language folder (``where``) lack together: rules that need a key
    of another file.

    >>> language_problems("lexicons/xx", {"inflect": {"name": {"consonant": ["", "a"]}}})
    ["lexicons/xx: [inflect.name] has a 'consonant' rule but the language has no 'vowels' (add \
vowels = '…' to reading.toml)"]
    """
    out = []
    for kind, rules in dict(merged.get("inflect", {})).items():
        if "consonant" in rules and not merged.get("vowels"):
            out.append(f"{where}: [inflect.{kind}] has a 'consonant' rule but the language has "
                       "no 'vowels' (add vowels = '…' to reading.toml)")
    return out


def contributions(data: Mapping[str, Any]) -> dict[str, int]:
    """What one file contributes: per key (tables: per second-level key), how many entries.

    >>> contributions({"months": ["a"] * 12, "actions": {"verbs": {"signed": ["x", "y"]}}})
    {'months': 12, 'actions.verbs': 2}
    """
    out: dict[str, int] = {}

    def count(value: Any) -> int:
        if isinstance(value, Mapping):
            return sum(count(v) for v in value.values())
        if isinstance(value, (list, tuple)):
            return len(value)
        return 1

    for key, value in data.items():
        if isinstance(value, Mapping) and isinstance(SCHEMA.get(key), Fields):
            for sub, item in value.items():
                out[f"{key}.{sub}"] = count(item)
        else:
            out[key] = count(value)
    return out
