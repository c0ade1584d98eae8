"""A year-aware registry of states: COW ccode ↔ ISO 3166 alpha-3 ↔ names in every language.

Built once (and cached) from COW states2016 (system membership spells), the package's code
table ``data/cow_iso3.csv`` (:mod:`accords.codes`: which ISO code a COW code stands for, and
from/until when) and the state-name table of every lexicon language
(:func:`accords.read.statenames.state_table`: CLDR territory names from babel merged with the
lexicon's names, adjectives, aliases and dated names, inflected) — the same tables the
annotators read, so every form an annotator recognises as a state resolves here. Matching
ignores case, accents and punctuation; ``lookup(name, lang=...)`` reads the name in that
language first.

Rules worth knowing: COW 365 is the Russian Empire, the USSR and Russia; it maps to ISO RUS
only from 1991-12-26 (no ISO code before). Germany is 260 (GFR, ISO DEU until 1990-10-02)
and 255 (from 1990-10-03). COW 345 maps to SRB from 2006-06-05. Historical states (GDR,
Yugoslavia, Bavaria, …) have no ISO3 and keep NA.

>>> from accords.datasets.states import registry
>>> reg = registry()  # doctest: +SKIP
>>> reg.lookup("Kazakistan").ccode  # doctest: +SKIP
705
>>> reg.ccode_for("DEU", 1980), reg.ccode_for("DEU", 1995)  # doctest: +SKIP
(260, 255)
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from accords.codes import CodeRow, code_rows
from accords.datasets.registry import REGISTRY
from accords.lexicon import available_languages
from accords.read.statenames import state_table

__all__ = ["StateRecord", "StateRegistry", "UnknownStateError", "normalise",
           "registry"]

#: The last day of COW states2016: a spell ending on it is ongoing, not over.
DATA_END = REGISTRY["cow_states"].last_day

#: ISO 3166 alpha-3 codes that, on dates before their present holder existed, stand for the
#: COW state it continues (a researcher's "DEU in 1980" is West Germany, "YEM in 1985" the
#: Yemen Arab Republic, whose ISO code YEM was, "CZE in 1980" Czechoslovakia). These are
#: lookups only: ``iso3_for`` keeps the strict ISO validity of cow_iso3.csv.
ISO3_PREDECESSORS: dict[str, tuple[int, ...]] = {"DEU": (260,), "YEM": (678,), "CZE": (315,)}


class UnknownStateError(LookupError):
    """No state matches a name or code; the message lists close matches."""


def normalise(text: str) -> str:
    """Casefold, drop accents and punctuation: 'Côte d’Ivoire' → 'cote d ivoire'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", " ", stripped).strip()


@dataclass(frozen=True)
class StateRecord:
    """One COW state: its spells of system membership, ISO codes and names by language."""

    ccode: int
    stateabb: str
    cow_name: str
    spells: tuple[tuple[dt.date, dt.date], ...]
    iso3: str | None = None
    iso2: str | None = None
    iso_from: dt.date | None = None
    iso_to: dt.date | None = None
    names: dict[str, str] = field(default_factory=dict, compare=False)

    def is_member(self, date: dt.date) -> bool:
        """Member of the COW system on ``date`` (a spell ending on the last day of the data,
        2016-12-31, is ongoing)."""
        return any(start <= date and (date <= end or end >= DATA_END)
                   for start, end in self.spells)

    def spells_text(self) -> str:
        """Its spells as ``1945-05-10–1992-12-31`` (ongoing spells end with '–')."""
        return ", ".join(f"{a}–{'' if b >= DATA_END else b}" for a, b in self.spells)

    def iso3_on(self, date: dt.date | None) -> str | None:
        """The ISO3 code that applies on ``date`` (None for dates outside its validity)."""
        if self.iso3 is None or date is None:
            return self.iso3
        if self.iso_from and date < self.iso_from:
            return None
        if self.iso_to and date > self.iso_to:
            return None
        return self.iso3

    def name(self, lang: str = "en") -> str:
        return self.names.get(lang) or self.cow_name


def _as_date(when) -> dt.date | None:
    if when is None:
        return None
    if isinstance(when, int):
        return dt.date(when, 7, 1)
    if isinstance(when, dt.datetime):
        return when.date()
    if isinstance(when, dt.date):
        return when
    if hasattr(when, "date"):  # pandas Timestamp
        return when.date()
    return dt.date.fromisoformat(str(when))


class StateRegistry:
    """Dictionary lookups over all COW states; build with :func:`registry`."""

    def __init__(self, records: list[StateRecord], aliases: dict[str, set[int]],
                 name_dates: dict[str, dict[int, tuple]] | None = None,
                 by_lang: dict[str, dict[str, set[int]]] | None = None,
                 territories: dict[str, str] | None = None,
                 by_form: dict[str, dict[str, set[int]]] | None = None):
        self._by_ccode = {r.ccode: r for r in records}
        self._by_iso3: dict[str, list[int]] = {}
        self._by_abb: dict[str, list[int]] = {}
        for r in records:
            if r.iso3:
                self._by_iso3.setdefault(r.iso3, []).append(r.ccode)
            self._by_abb.setdefault(r.stateabb, []).append(r.ccode)
        self._by_name = aliases
        self._name_dates = name_dates or {}
        self._by_lang = by_lang or {}
        self._territories = territories or {}
        self._by_form = by_form or {}

    def ccodes(self) -> set[int]:
        return set(self._by_ccode)

    def __iter__(self):
        return iter(self._by_ccode.values())

    def __len__(self) -> int:
        return len(self._by_ccode)

    def _choose(self, candidates, date: dt.date | None, query) -> StateRecord:
        records = [self._by_ccode[c] for c in sorted(set(candidates))]
        if date is not None:
            by_name = self._name_dates.get(normalise(str(query)), {})
            records = [r for r in records if _valid_on(by_name.get(r.ccode), date)] or records
        if len(records) == 1:
            return records[0]
        if date is not None:
            valid = [r for r in records if r.iso3_on(date) and r.is_member(date)] or \
                    [r for r in records if r.is_member(date)] or \
                    [r for r in records if r.iso3_on(date)]
            if valid:
                return valid[0]
        # No date: the state whose membership ends latest (the present-day one).
        return max(records, key=lambda r: (r.spells[-1][1], r.spells[-1][0]))

    def _candidates(self, query, scheme: str, lang: str | None = None) -> list[int]:
        text = str(query).strip()
        if scheme == "cow":
            if text.upper() in self._by_abb:
                return self._by_abb[text.upper()]
            raise UnknownStateError(
                f"{query!r} is no COW state abbreviation (states2016.csv 'stateabb'); "
                "COW abbreviations are read only as COW, never as ISO3.")
        if scheme == "iso3":
            code = text.upper()
            if code in self._by_iso3 or code in ISO3_PREDECESSORS:
                return [*self._by_iso3.get(code, []), *ISO3_PREDECESSORS.get(code, ())]
            raise UnknownStateError(f"{query!r} is no ISO 3166 alpha-3 code of a COW state.")
        if len(text) == 3 and text.isupper():
            if text in self._by_iso3 or text in ISO3_PREDECESSORS:
                return self._candidates(text, "iso3")
            if text in self._by_abb:
                return self._by_abb[text]
        key = normalise(text)
        exact = self._by_form.get(lang or "", {})
        if text in exact:
            return sorted(exact[text])
        own = self._by_lang.get(lang or "", {})
        if key in own:  # the reading of the query's own language first
            return sorted(own[key])
        if key in self._by_name:
            return sorted(self._by_name[key])
        if key in self._territories:
            raise UnknownStateError(
                f"{query!r} names {self._territories[key]}, an ISO 3166 territory that is no "
                "COW state (data/cow_iso3.csv gives it no ccode).")
        close = difflib.get_close_matches(key, list(self._by_name), n=5, cutoff=0.75)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        raise UnknownStateError(
            f"no state matches {query!r}.{hint} Add a spelling to "
            "src/accords/lexicons/<lang>/states.toml (state_aliases) if it is a valid name."
        )

    def lookup(self, query: int | str, date=None, *, scheme: str = "any",
               lang: str | None = None) -> StateRecord:
        """A state by COW code (int), ISO3, COW abbreviation or name in any known language.

        ``date`` (a date, ISO string or year) picks between states sharing a code or name
        (DEU: 260 before 3 Oct 1990, 255 after). With ``scheme="any"`` three upper-case
        letters are read as ISO3 first, then as a COW abbreviation; ``scheme="cow"`` reads
        a COW abbreviation only (DCAD's ``SWZ`` is Switzerland, 225, while ISO3 ``SWZ`` is
        Eswatini, 572), ``scheme="iso3"`` an ISO code only. ``lang`` reads a name in that
        language first (a form that names different states in two languages).

        >>> registry().lookup("SWZ", scheme="cow").ccode  # doctest: +SKIP
        225
        """
        if scheme not in ("any", "cow", "iso3"):
            raise ValueError(f"scheme must be 'any', 'cow' or 'iso3', not {scheme!r}")
        when = _as_date(date)
        if isinstance(query, int) and not isinstance(query, bool):
            if query in self._by_ccode:
                return self._by_ccode[query]
            raise UnknownStateError(f"no COW state has ccode {query}; see states2016.csv")
        text = str(query).strip()
        if text.isdigit() and int(text) in self._by_ccode:
            return self._by_ccode[int(text)]
        return self._choose(self._candidates(text, scheme, lang), when, text)

    def ccode_for(self, query: int | str, year_or_date, *, scheme: str = "any") -> int:
        """The COW code of the state that ``query`` names and that is a system member on a
        date (or on 1 July of a year); an error lists the codes and when each was a member.

        >>> reg = registry()  # doctest: +SKIP
        >>> reg.ccode_for("Federal Republic of Germany", 1980)  # doctest: +SKIP
        260
        >>> reg.ccode_for("YEM", 1985)  # doctest: +SKIP
        678
        >>> reg.ccode_for("CZE", 1980)  # doctest: +SKIP
        315
        """
        when = _as_date(year_or_date)
        if when is None:
            return self.lookup(query, scheme=scheme).ccode
        if (isinstance(query, int) and not isinstance(query, bool)) or str(query).isdigit():
            candidates = [self.lookup(query).ccode]
        else:
            candidates = self._candidates(query, scheme)
        by_name = self._name_dates.get(normalise(str(query)), {})
        members = [c for c in sorted(set(candidates)) if self._by_ccode[c].is_member(when)
                   and _valid_on(by_name.get(c), when)]
        if members:
            return self._choose(members, when, query).ccode
        known = "; ".join(f"{c} {self._by_ccode[c].cow_name} ({self._by_ccode[c].spells_text()})"
                          for c in sorted(set(candidates)))
        raise UnknownStateError(
            f"{query!r} names no COW system member on {when}: {known}. Use a date inside "
            "one of these spells, or the code of the state that existed then.")

    def iso3_for(self, ccode: int, date=None) -> str | None:
        """ISO3 of a COW code on a date (None for historical states and out-of-range dates)."""
        return self.lookup(int(ccode)).iso3_on(_as_date(date))

    def names(self, query, lang: str = "en", date=None) -> str:
        return self.lookup(query, date=date).name(lang)

    def members(self, date) -> list[int]:
        """COW ccodes that are system members on a date (or on 1 July of a year)."""
        when = _as_date(date)
        return sorted(r.ccode for r in self if r.is_member(when))


def _iso_rows() -> dict[int, CodeRow]:
    return {row.ccode: row for row in code_rows() if row.ccode is not None}


def _territory_names(iso2: str) -> dict[str, str]:
    from babel import Locale

    names = {}
    for lang in available_languages():
        name = Locale.parse(lang).territories.get(iso2)
        if name:
            names[lang] = name
    return names


def _valid_on(span: tuple | None, date: dt.date) -> bool:
    """Whether a dated reading of a name (``(from, to)``; None = always) applies on date."""
    if span is None:
        return True
    start, end = span
    return (start is None or start <= date) and (end is None or date <= end)


def _d(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@cache
def registry(local=None) -> StateRegistry:
    """The state registry, built once per process from COW states2016 (fetched if needed) and
    the state-name table of every language (:func:`accords.read.statenames.state_table`): every
    form an annotator reads as a state is a form the registry resolves."""
    from accords.datasets import load_cow_states

    states = load_cow_states(local=local)
    iso = _iso_rows()
    records: list[StateRecord] = []
    index: dict[str, set[int]] = {}
    for ccode, group in states.groupby("ccode", sort=True):
        ccode = int(ccode)
        group = group.sort_values("start")
        spells = tuple((s.date(), e.date()) for s, e in zip(group["start"], group["end"],
                                                            strict=True))
        row = iso.get(ccode)
        names = _territory_names(row.iso2) if row else {}
        names.setdefault("en", str(group["statenme"].iloc[-1]))
        rec = StateRecord(
            ccode=ccode, stateabb=str(group["stateabb"].iloc[0]),
            cow_name=str(group["statenme"].iloc[-1]), spells=spells,
            iso3=row.iso3 if row else None, iso2=row.iso2 if row else None,
            iso_from=row.valid_from if row else None, iso_to=row.valid_to if row else None,
            names=names,
        )
        records.append(rec)
        index.setdefault(normalise(rec.cow_name), set()).add(ccode)
    known = {r.ccode for r in records}
    by_iso3: dict[str, set[int]] = {}
    for r in records:
        if r.iso3:
            by_iso3.setdefault(r.iso3, set()).add(r.ccode)
    by_lang: dict[str, dict[str, set[int]]] = {}
    by_form: dict[str, dict[str, set[int]]] = {}
    territories: dict[str, str] = {}
    name_dates: dict[str, dict[int, tuple]] = {}
    for lang in available_languages():
        own = by_lang.setdefault(lang, {})
        read: set[str] = set()
        exact = by_form.setdefault(lang, {})
        for entry in state_table(lang):
            key = normalise(entry.form)
            if not key:
                continue
            if entry.ccode is not None:
                found = {entry.ccode} & known
            else:
                found = by_iso3.get(entry.iso3 or "", set())
            if not found:
                if entry.iso3:
                    territories.setdefault(key, entry.iso3)
                continue
            index.setdefault(key, set()).update(found)
            if entry.kind in ("name", "adjective"):
                # the first reading of a form in the language wins, as in the annotators;
                # the exact form first ("Nigerię" is Nigeria, "Nigerie" Niger)
                exact.setdefault(entry.form, found)
                if key not in read:
                    read.add(key)
                    own.setdefault(key, set()).update(found)
            else:
                own.setdefault(key, set()).update(found)
            if entry.kind == "dated":
                name_dates.setdefault(key, {})[entry.ccode] = entry.valid
    for key, dated in name_dates.items():  # other states under a dated name: always valid
        for ccode in index[key]:
            dated.setdefault(ccode, None)
    return StateRegistry(records, index, name_dates, by_lang, territories, by_form)
