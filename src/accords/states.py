"""A year-aware registry of states: COW ccode ↔ ISO 3166 alpha-3 ↔ names in six languages.

Built once (and cached) from COW states2016 (system membership spells), the package's
``data/cow_iso3.csv`` (which ISO code a COW code stands for, and from/until when), CLDR
territory names from babel, and the alias lexicons ``lexicons/<lang>/states.toml`` (forms
such as "Federazione Russa", "Stati Uniti", demonyms, historical names). Matching ignores
case, accents and punctuation.

Rules worth knowing: COW 365 is the Russian Empire, the USSR and Russia; it maps to ISO RUS
only from 1991-12-26 (no ISO code before). Germany is 260 (GFR, ISO DEU until 1990-10-02)
and 255 (from 1990-10-03). COW 345 maps to SRB from 2006-06-05. Historical states (GDR,
Yugoslavia, Bavaria, …) have no ISO3 and keep NA.

>>> from accords.states import registry
>>> reg = registry()  # doctest: +SKIP
>>> reg.lookup("Kazakistan").ccode  # doctest: +SKIP
705
>>> reg.ccode_for("DEU", 1980), reg.ccode_for("DEU", 1995)  # doctest: +SKIP
(260, 255)
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

__all__ = ["LANGS", "StateRecord", "StateRegistry", "UnknownStateError", "normalise",
           "registry"]

LANGS = ("en", "it", "ru", "de", "fr", "es")


class UnknownStateError(LookupError):
    """No state matches a name or code; the message lists close matches."""


def normalise(text: str) -> str:
    """Casefold, drop accents and punctuation: 'Côte d’Ivoire' → 'cote d ivoire'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("й", "и").replace("ё", "е")  # Russian letters NFKD splits
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
        return any(start <= date <= end for start, end in self.spells)

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

    def __init__(self, records: list[StateRecord], aliases: dict[str, set[int]]):
        self._by_ccode = {r.ccode: r for r in records}
        self._by_iso3: dict[str, list[int]] = {}
        self._by_abb: dict[str, list[int]] = {}
        for r in records:
            if r.iso3:
                self._by_iso3.setdefault(r.iso3, []).append(r.ccode)
            self._by_abb.setdefault(r.stateabb, []).append(r.ccode)
        self._by_name = aliases

    def ccodes(self) -> set[int]:
        return set(self._by_ccode)

    def __iter__(self):
        return iter(self._by_ccode.values())

    def __len__(self) -> int:
        return len(self._by_ccode)

    def _choose(self, candidates, date: dt.date | None, query) -> StateRecord:
        records = [self._by_ccode[c] for c in sorted(set(candidates))]
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

    def lookup(self, query: int | str, date=None) -> StateRecord:
        """A state by COW code (int), ISO3, COW abbreviation or name in any known language.

        ``date`` (a date, ISO string or year) picks between states sharing a code or name
        (DEU: 260 before 3 Oct 1990, 255 after). Three upper-case letters are read as ISO3
        first, then as a COW abbreviation.
        """
        when = _as_date(date)
        if isinstance(query, int) and not isinstance(query, bool):
            if query in self._by_ccode:
                return self._by_ccode[query]
            raise UnknownStateError(f"no COW state has ccode {query}; see states2016.csv")
        text = str(query).strip()
        if text.isdigit() and int(text) in self._by_ccode:
            return self._by_ccode[int(text)]
        if len(text) == 3 and text.isupper():
            if text in self._by_iso3:
                return self._choose(self._by_iso3[text], when, text)
            if text in self._by_abb:
                return self._choose(self._by_abb[text], when, text)
        key = normalise(text)
        if key in self._by_name:
            return self._choose(self._by_name[key], when, text)
        close = difflib.get_close_matches(key, list(self._by_name), n=5, cutoff=0.75)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        raise UnknownStateError(
            f"no state matches {query!r}.{hint} Add a spelling to "
            "src/accords/lexicons/<lang>/states.toml (state_aliases) if it is a valid name."
        )

    def ccode_for(self, query: int | str, year_or_date) -> int:
        """The COW code of a state on a date or in a year (``ccode_for('DEU', 1980) == 260``)."""
        return self.lookup(query, date=year_or_date).ccode

    def iso3_for(self, ccode: int, date=None) -> str | None:
        """ISO3 of a COW code on a date (None for historical states and out-of-range dates)."""
        return self.lookup(int(ccode)).iso3_on(_as_date(date))

    def names(self, query, lang: str = "en", date=None) -> str:
        return self.lookup(query, date=date).name(lang)

    def members(self, date) -> list[int]:
        """COW ccodes that are system members on a date (or on 1 July of a year)."""
        when = _as_date(date)
        return sorted(r.ccode for r in self if r.is_member(when))


def _iso_table() -> dict[int, dict[str, str]]:
    text = (resources.files("accords") / "data" / "cow_iso3.csv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    return {int(row["ccode"]): row for row in csv.DictReader(lines)}


def _territory_names(iso2: str) -> dict[str, str]:
    from babel import Locale

    names = {}
    for lang in LANGS:
        name = Locale.parse(lang).territories.get(iso2)
        if name:
            names[lang] = name
    return names


def _alias_lexicon() -> dict[int, list[str]]:
    from accords.lexicon import LexiconError, load_lexicon

    out: dict[int, list[str]] = {}
    for lang in LANGS:
        try:
            table = load_lexicon(lang).get("state_aliases", {})
        except LexiconError:
            continue
        for code, forms in table.items():
            out.setdefault(int(code), []).extend(forms)
    return out


def _d(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@cache
def registry(local=None) -> StateRegistry:
    """The state registry, built once per process from COW states2016 (fetched if needed)."""
    from accords.datasets import load_cow_states

    states = load_cow_states(local=local)
    iso = _iso_table()
    aliases = _alias_lexicon()
    records: list[StateRecord] = []
    index: dict[str, set[int]] = {}
    for ccode, group in states.groupby("ccode", sort=True):
        ccode = int(ccode)
        group = group.sort_values("start")
        spells = tuple((s.date(), e.date()) for s, e in zip(group["start"], group["end"],
                                                            strict=True))
        row = iso.get(ccode)
        names = _territory_names(row["iso2"]) if row else {}
        names.setdefault("en", str(group["statenme"].iloc[-1]))
        rec = StateRecord(
            ccode=ccode, stateabb=str(group["stateabb"].iloc[0]),
            cow_name=str(group["statenme"].iloc[-1]), spells=spells,
            iso3=row["iso3"] if row else None, iso2=row["iso2"] if row else None,
            iso_from=_d(row["valid_from"]) if row else None,
            iso_to=_d(row["valid_to"]) if row else None, names=names,
        )
        records.append(rec)
        forms = [rec.cow_name, *names.values(), *aliases.get(ccode, [])]
        for form in forms:
            index.setdefault(normalise(form), set()).add(ccode)
    return StateRegistry(records, index)
