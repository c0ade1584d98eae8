"""A date grammar per language: dates, periods and relative expressions, resolved to ISO.

The grammar is built from the language's lexicon (month and weekday names from
``reading.toml``; relative words, cue words and year words from ``annotate.toml``) and covers
full dates ("9 novembre 2021", "April 28, 2014", "28 марта 1994 года", "9. November 2021"),
day and month with or without a weekday ("martedì 9 novembre", "l'8 ottobre scorso"), month
and year ("в ноябре 2016 года"), numeric dates (2021-11-09, 09.11.2021), year ranges
("2022-2024") and periods ("per il 2022", "на 2023 год"), years after a cue ("nel 2006"),
weekdays ("on Monday", "в пятницу") and relative days ("ieri", "yesterday", "вчера").

Relative and year-less expressions are resolved against a reference date: the article's
``published`` date; else the date a crawler stamped on the text; else an *anchor* inferred from
the text itself — a weekday with a day and month ("martedì 9 novembre") whose weekday fits
exactly one of the years the text mentions (±1). Everything resolved without the published
date is marked ``inferred``.

Each mention becomes a DATE span (norm ``YYYY-MM-DD``/``YYYY-MM``/``YYYY``, attrs
``precision``, ``inferred``, ``relative``, ``basis``) or a PERIOD span (norm ``2022/2024`` or
``2022``, attrs ``start``, ``end``). A mention that cannot be resolved keeps ``norm`` None and
``attrs["unresolved"] = True`` — it is still evidence.

>>> from accords.read.articles import Article
>>> import datetime as dt
>>> a = Article(id="x", text="Signed on Monday in Rome.", lang="en",
...             published=dt.date(2023, 10, 10))
>>> [(m.exact, m.norm) for m in find_dates(a)]
[('Monday', '2023-10-09')]
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from accords.lexicon import COMMON, available_languages, load_lexicon
from accords.spans import SpanIndex

__all__ = ["DateMention", "Reference", "find_dates", "grammar"]

_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"


def _strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word)
                   if not unicodedata.combining(c))


def _alt(words: Sequence[str]) -> str:
    """One alternation of ``words`` shaped as a prefix tree (matched case-insensitively)."""
    from accords.annotate.gazetteer import _trie_regex

    unique = sorted({w.lower() for w in words if w})
    return f"(?:{_trie_regex(unique)})" if unique else "(?!)"


@dataclass(frozen=True)
class Grammar:
    """Compiled patterns and word tables of one language."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]  # case-insensitive
    lower_patterns: tuple[tuple[str, re.Pattern[str]], ...]  # for lower-cased text (faster)
    # Where any pattern may begin: a zero-width pattern matching at every position where
    # one of them can match (a digit, or a word that opens a pattern), and, by index, the
    # patterns that may begin with a decimal digit and those that may begin with another
    # character. One scan with it finds every match of every pattern (see _mentions).
    trigger: re.Pattern[str]
    lower_trigger: re.Pattern[str]
    digit_first: frozenset[int]
    other_first: frozenset[int]
    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    relative: Mapping[str, int]
    past: frozenset[str]
    future: frozenset[str]
    relative_years: Mapping[str, int] = field(default_factory=dict)


@cache
def grammar(lang: str | None) -> Grammar:
    """The compiled date grammar of ``lang`` (language-neutral patterns only if unknown)."""
    lex: Mapping[str, Any] = load_lexicon(lang) if lang in available_languages() else {}
    words = lex.get("dates", {})
    months: dict[str, int] = {}
    for key in ("months", "months_nominative"):
        for i, name in enumerate(lex.get(key, ())):
            months[name.lower()] = i + 1
    for i, name in enumerate(words.get("months_locative", ())):
        months[name.lower()] = i + 1
    abbreviations: dict[str, int] = {}
    for i, name in enumerate(lex.get("month_abbreviations", ())):
        abbreviations[name.lower().rstrip(".")] = i + 1
    weekdays: dict[str, int] = {}
    for i, name in enumerate(lex.get("weekdays", ())):
        weekdays[name.lower()] = i
    for name, i in words.get("weekday_forms", {}).items():
        weekdays[name.lower()] = int(i)
    for table in (months, weekdays):
        for name, value in list(table.items()):
            table.setdefault(_strip_accents(name), value)
    relative = {k.lower(): int(v) for k, v in words.get("relative_days", {}).items()}
    relative_years = {k.lower(): int(v) for k, v in words.get("relative_years", {}).items()}
    past = frozenset(w.lower() for w in words.get("past_words", ()))
    future = frozenset(w.lower() for w in words.get("future_words", ()))

    mon = (rf"(?P<mon>{_alt(list(months))}|(?:{_alt(list(abbreviations))})\.?)")
    wd = rf"(?P<wd>{_alt(list(weekdays))})"
    suffixes = _alt(words.get("day_suffixes", ()))
    day = rf"(?P<day>3[01]|[12]\d|0?[1-9])(?:{suffixes})?"
    dm = "".join(rf"(?:{re.escape(w)}\s+)?" for w in words.get("between_day_month", ()))
    my = "".join(rf"(?:{re.escape(w)}\s+)?" for w in words.get("between_month_year", ()))
    year_words = words.get("year_words", ())
    yw = rf"(?:\s*(?:{_alt(year_words)}))?" if year_words else ""
    pf_words = list(past | future)
    post = rf"(?:\s+(?P<post>{_alt(pf_words)}))?" if pf_words else ""
    pre = rf"(?:(?P<pre>{_alt(pf_words)})\s+)?" if pf_words else ""
    articles = lex.get("day_articles", ())
    lead = rf"(?:,?\s+(?:{_alt(articles)})?\s*)" if articles else r"(?:,?\s+)"
    begin, finish = r"(?<![\w\-/.])", r"(?![\w])"
    # Each pattern with the words that may open it (besides a digit, for those marked True):
    # the trigger below is built from the same words, so it fires wherever a pattern can.
    month_words = [*months, *abbreviations]
    patterns: list[tuple[str, str, bool, list[str]]] = [
        ("iso", rf"{begin}(?P<year>(?:1[89]|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d){finish}",
         True, []),
        # day.month.year; Czech and Slovak space it after each full stop ("10. 3. 2023")
        ("numeric", rf"{begin}(?P<d>[0-3]?\d)(?:[./]|\.[ \u00a0])(?P<m>[01]?\d)(?:[./]|\.[ \u00a0])"
                    rf"{_YEAR}{finish}", True, []),
        ("range", rf"{begin}{_YEAR}\s*[-–—/]\s*(?P<year2>(?:1[89]|20)\d\d|\d\d){yw}{finish}",
         True, []),
    ]
    if months:
        patterns += [
            ("day_month", rf"(?<!\w)(?:{wd}{lead})?{day}\s*{dm}{mon}"
                          rf"(?:,?\s*{my}{_YEAR}{yw})?{post}{finish}", True, list(weekdays)),
            ("month_day", rf"(?<!\w)(?:{wd},?\s+)?{mon}\s+{day}"
                          rf"(?:,?\s+{_YEAR})?{finish}", False, [*weekdays, *month_words]),
            ("month_year", rf"(?<!\w){mon}\s+{my}{_YEAR}{yw}{finish}", False, month_words),
        ]
    if weekdays:
        patterns.append(("weekday", rf"(?<!\w){pre}{wd}{post}{finish}", False,
                         [*weekdays, *(pf_words if pre else ())]))
    if relative:
        patterns.append(("relative", rf"(?<!\w)(?P<rel>{_alt(list(relative))}){finish}", False,
                         list(relative)))
    if relative_years:
        patterns.append(("relative_year", rf"(?<!\w)(?P<ryear>{_alt(list(relative_years))})"
                                          rf"{finish}", False, list(relative_years)))
    if words.get("range_to"):
        # "für 2022 bis 2024", "dal 2022 al 2024", "from 2022 to 2024", "с 2022 по 2024 год"
        opening = [*words.get("range_from", ()), *words.get("period_cues", ())]
        starts = _alt(opening)
        patterns.append(("range", rf"(?<!\w)(?:(?:{starts})\s+)?{_YEAR}\s+"
                                  rf"(?:{_alt(words['range_to'])})\s+"
                                  rf"(?P<year2>(?:1[89]|20)\d\d){yw}{finish}", True, opening))
    if words.get("period_cues"):
        patterns.append(("period_cue", rf"(?<!\w)(?:{_alt(words['period_cues'])})\s+{_YEAR}"
                                       rf"{yw}{finish}", False, list(words["period_cues"])))
    if words.get("year_cues"):
        patterns.append(("year_cue", rf"(?<!\w)(?:{_alt(words['year_cues'])})\s+{_YEAR}"
                                     rf"{yw}{finish}", False, list(words["year_cues"])))
    if words.get("period_words"):
        # a year named by a word after it as what a document covers ("2024 yılı … planı"):
        # languages that put the year before its noun; before year_word, which it outranks
        patterns.append(("period_word", rf"(?<![\w\-–—/]){_YEAR}\s*"
                                        rf"(?:{_alt(words['period_words'])}){finish}", True, []))
    if year_words:
        patterns.append(("year_word", rf"(?<![\w\-–—/]){_YEAR}\s*(?:{_alt(year_words)}){finish}",
                         True, []))
    compiled = tuple((name, re.compile(p, re.IGNORECASE)) for name, p, _, _ in patterns)
    lowered = tuple((name, re.compile(p)) for name, p, _, _ in patterns)
    # every pattern opens with a look-behind that refuses a word character before it
    opening_words = sorted({w for _, _, _, first in patterns for w in first if w})
    trigger = rf"(?<!\w)(?=\d|{_alt(opening_words)})"
    digit_first = frozenset(i for i, (_, _, digit, first) in enumerate(patterns)
                            if digit or any(w[:1].isdecimal() for w in first))
    other_first = frozenset(i for i, (_, _, _, first) in enumerate(patterns)
                            if any(w and not w[:1].isdecimal() for w in first))
    months_all = {**abbreviations, **months}
    return Grammar(patterns=compiled, lower_patterns=lowered,
                   trigger=re.compile(trigger, re.IGNORECASE), lower_trigger=re.compile(trigger),
                   digit_first=digit_first, other_first=other_first, months=months_all,
                   weekdays=weekdays, relative=relative, past=past, future=future,
                   relative_years=relative_years)


@dataclass(frozen=True)
class Reference:
    """The date relative expressions are resolved against, and where it came from."""

    date: dt.date
    precision: str  # "day" or "month"
    basis: str  # "published", "stamp", "dateline" or "weekday+years"
    inferred: bool


@dataclass
class DateMention:
    """One date or period expression found in the text, and its resolution."""

    start: int
    end: int
    exact: str
    kind: str  # grammar pattern name
    label: str = "DATE"
    year: int | None = None
    year2: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    offset: int | None = None
    year_offset: int | None = None  # "last year": -1
    direction: str | None = None  # "past" or "future"
    norm: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)


def _parse(name: str, match: re.Match[str], g: Grammar, text: str) -> DateMention | None:
    groups = match.groupdict()
    start, end = match.start(), match.end()
    if name in ("period_cue", "year_cue"):
        start = match.start("year")
    mention = DateMention(start, end, text[start:end], name)
    if groups.get("year"):
        mention.year = int(groups["year"])
    if name == "iso" or name == "numeric":
        mention.month, mention.day = int(groups["m"]), int(groups["d"])
        if mention.month > 12 and mention.day <= 12:  # month-first numeric date
            mention.month, mention.day = mention.day, mention.month
    if groups.get("mon"):
        mention.month = g.months.get(groups["mon"].lower().rstrip("."))
        if mention.month is None:
            return None
    if groups.get("day"):
        mention.day = int(groups["day"])
    if groups.get("wd"):
        mention.weekday = g.weekdays.get(groups["wd"].lower())
    if groups.get("rel"):
        mention.offset = g.relative.get(groups["rel"].lower())
    if groups.get("ryear"):
        mention.year_offset = g.relative_years.get(groups["ryear"].lower())
    for key in ("pre", "post"):
        word = (groups.get(key) or "").lower()
        if word in g.past:
            mention.direction = "past"
        elif word in g.future:
            mention.direction = "future"
    if name == "range":
        raw = groups["year2"]
        year2 = int(raw) if len(raw) == 4 else (mention.year // 100) * 100 + int(raw)
        if not mention.year < year2 <= mention.year + 50:
            return None
        mention.year2 = year2
        mention.label = "PERIOD"
    if name in ("period_cue", "period_word"):
        mention.label = "PERIOD"
    if mention.day is not None and mention.month is not None:
        try:
            dt.date(mention.year or 2000, mention.month, mention.day)
        except ValueError:
            return None
    return mention


_ANY_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_ANY_DIGIT = re.compile(r"\d")
_NEEDS_YEAR = frozenset({"iso", "numeric", "range", "month_year", "period_cue", "year_cue",
                         "year_word"})
_NEEDS_DIGIT = frozenset({"day_month", "month_day"})


def _matches(subject: str, patterns: Sequence[tuple[str, re.Pattern[str]]],
             trigger: re.Pattern[str], usable: Sequence[int], digit_first: frozenset[int],
             other_first: frozenset[int]) -> list[tuple[int, re.Match[str]]]:
    """``(pattern index, match)`` for every match each usable pattern's own ``finditer``
    would give, from one scan of ``subject`` by ``trigger``.

    A pattern is tried only where the trigger fires and only when its previous match has
    ended there, which is what ``finditer`` does: it searches on from the end of its last
    match, and a pattern matches nowhere the trigger does not fire.
    """
    with_digit = [i for i in usable if i in digit_first]
    with_other = [i for i in usable if i in other_first]
    resume = [0] * len(patterns)
    found: list[tuple[int, re.Match[str]]] = []
    for fired in trigger.finditer(subject):
        pos = fired.start()
        for i in with_digit if subject[pos].isdecimal() else with_other:
            if resume[i] <= pos:
                match = patterns[i][1].match(subject, pos)
                if match is not None:
                    resume[i] = match.end()
                    found.append((i, match))
    return found


def _mentions(text: str, lang: str | None, blocks: Sequence[tuple[int, int]]) -> list[DateMention]:
    g = grammar(lang)
    # Matching lower-cased text case-sensitively is much faster than IGNORECASE; it is only
    # safe when lower-casing keeps every offset (it does for almost every text).
    lowered = text.lower()
    same = len(lowered) == len(text)
    has_year = _ANY_YEAR.search(text) is not None
    has_digit = has_year or _ANY_DIGIT.search(text) is not None
    patterns = g.lower_patterns if same else g.patterns
    usable = [i for i, (name, _) in enumerate(patterns)
              if not ((name in _NEEDS_YEAR and not has_year)
                      or (name in _NEEDS_DIGIT and not has_digit))]
    keyed: list[tuple[tuple[int, int, int, int], DateMention]] = []
    for i, match in _matches(lowered if same else text, patterns,
                             g.lower_trigger if same else g.trigger, usable, g.digit_first,
                             g.other_first):
        mention = _parse(patterns[i][0], match, g, text)
        if mention is not None and mention.end > mention.start:
            # longest first at each start; then in the grammar's order, then the text's
            keyed.append(((mention.start, mention.start - mention.end, i, match.start()),
                          mention))
    keyed.sort(key=lambda item: item[0])
    found = [mention for _, mention in keyed]
    chosen: list[DateMention] = []
    taken_until = -1
    blocked = SpanIndex.of_bounds(blocks)
    for mention in found:
        if mention.start >= taken_until and not blocked.overlaps(mention.start, mention.end):
            chosen.append(mention)
            taken_until = mention.end
    return chosen


def _stamp_reference(text: str) -> Reference | None:
    stamp = re.match(load_lexicon(COMMON)["stamp_prefix"], text)
    if not stamp:
        return None
    value = stamp.group("date")
    try:
        if len(value) == 10:
            return Reference(dt.date.fromisoformat(value), "day", "stamp", True)
        return Reference(dt.date.fromisoformat(value + "-01"), "month", "stamp", True)
    except ValueError:
        return None


def _text_years(mentions: Sequence[DateMention], text: str) -> set[int]:
    years = {m.year for m in mentions if m.year} | {m.year2 for m in mentions if m.year2}
    years |= {int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text)}
    return years


def _infer_year(month: int, day: int, weekday: int, years: set[int]) -> int | None:
    candidates = sorted({y + d for y in years for d in (-1, 0, 1)})
    fits = [y for y in candidates if _valid(y, month, day)
            and dt.date(y, month, day).weekday() == weekday]
    return fits[0] if len(fits) == 1 else None


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _nearest_year(month: int, day: int, ref: dt.date, direction: str | None,
                  weekday: int | None) -> tuple[int, bool]:
    """Year putting day/month nearest to ``ref`` (respecting past/future); weekday check."""
    options = [y for y in (ref.year - 1, ref.year, ref.year + 1) if _valid(y, month, day)]
    if direction == "past":
        options = [y for y in options if dt.date(y, month, day) <= ref] or options
    elif direction == "future":
        options = [y for y in options if dt.date(y, month, day) >= ref] or options
    options.sort(key=lambda y: abs((dt.date(y, month, day) - ref).days))
    if weekday is not None:
        for y in options[:2]:
            if dt.date(y, month, day).weekday() == weekday:
                return y, True
        return options[0], False
    return options[0], True


def _resolve(m: DateMention, ref: Reference | None) -> None:
    base: dict[str, Any] = {}
    if m.weekday is not None:
        base["weekday"] = m.weekday
    if m.label == "PERIOD":
        end = m.year2 or m.year
        m.norm = f"{m.year}/{end}" if end != m.year else f"{m.year}"
        m.attrs = {"start": m.year, "end": end}
        return
    if m.year and m.month and m.day:
        m.norm = f"{m.year:04d}-{m.month:02d}-{m.day:02d}"
        m.attrs = {**base, "precision": "day", "inferred": False, "relative": False,
                   "basis": "explicit"}
        if m.weekday is not None and dt.date(m.year, m.month, m.day).weekday() != m.weekday:
            m.attrs["weekday_mismatch"] = True
        return
    if m.year and m.month:
        m.norm = f"{m.year:04d}-{m.month:02d}"
        m.attrs = {"precision": "month", "inferred": False, "relative": False,
                   "basis": "explicit"}
        return
    if m.year:
        m.norm = f"{m.year:04d}"
        m.attrs = {"precision": "year", "inferred": False, "relative": False,
                   "basis": "explicit"}
        return
    if m.attrs.get("basis") == "weekday+years":  # the anchor itself, already resolved
        return
    if ref is None:
        m.norm = None
        m.attrs = {**base, "precision": None, "inferred": False, "relative": True,
                   "unresolved": True}
        if m.month:
            m.attrs["month"] = m.month
        if m.day:
            m.attrs["day"] = m.day
        return
    common = {"inferred": ref.inferred, "relative": True, "basis": ref.basis}
    if m.year_offset is not None:  # rule *a relative year*: "last year" in a 2025 report
        m.norm = f"{ref.date.year + m.year_offset:04d}"
        m.attrs = {"precision": "year", **common}
        return
    if m.month and m.day:
        ref_date = ref.date.replace(day=15) if ref.precision == "month" else ref.date
        year, weekday_ok = _nearest_year(m.month, m.day, ref_date, m.direction, m.weekday)
        m.norm = f"{year:04d}-{m.month:02d}-{m.day:02d}"
        m.attrs = {**base, "precision": "day", **common}
        if not weekday_ok:
            m.attrs["weekday_mismatch"] = True
        return
    if m.month:
        return
    day: dt.date | None = None
    if m.offset is not None:
        day = ref.date + dt.timedelta(days=m.offset)
    elif m.weekday is not None:
        if m.direction == "future":
            day = ref.date + dt.timedelta(days=(m.weekday - ref.date.weekday()) % 7 or 7)
        else:
            day = ref.date - dt.timedelta(days=(ref.date.weekday() - m.weekday) % 7)
    if day is None:
        return
    if ref.precision == "month":
        m.norm = f"{ref.date.year:04d}-{ref.date.month:02d}"
        m.attrs = {**base, "precision": "month", **common}
    else:
        m.norm = day.isoformat()
        m.attrs = {**base, "precision": "day", **common}


def find_dates(article: Any, blocks: Sequence[tuple[int, int]] = (),
               dateline: tuple[int, int] | None = None) -> list[DateMention]:
    """Date and period mentions of ``article`` outside ``blocks``, resolved (see module doc).

    ``dateline`` bounds the report's dateline ("CAIRO, 5 May (Agency) --"): its day is the
    day the report calls "today" (see :func:`_dateline_reference`).
    """
    text = article.text
    mentions = _mentions(text, article.lang, blocks)
    ref: Reference | None = None
    if article.published:
        ref = Reference(article.published, "day", "published", False)
    else:
        ref = _stamp_reference(text)
    if ref is None:
        years = _text_years(mentions, text)
        for m in mentions:
            if m.weekday is not None and m.month and m.day and not m.year:
                year = _infer_year(m.month, m.day, m.weekday, years)
                if year is not None:
                    m.norm = f"{year:04d}-{m.month:02d}-{m.day:02d}"
                    m.attrs = {"weekday": m.weekday, "precision": "day", "inferred": True,
                               "relative": True, "basis": "weekday+years"}
                    ref = Reference(dt.date(year, m.month, m.day), "day", "weekday+years", True)
                    break
    for m in mentions:
        _resolve(m, ref)
    if dateline is not None:
        local = _dateline_reference(mentions, dateline, ref)
        if local is not None:
            for m in mentions:
                if m.start >= dateline[1] and m.attrs.get("relative") and m.attrs.get(
                        "basis") != "weekday+years" and not (m.month and m.day):
                    _resolve(m, local)
    return mentions


_DATELINE_LAG = 3  # days a wire report may be published after its dateline's day


def _dateline_reference(mentions: Sequence[DateMention], dateline: tuple[int, int],
                        ref: Reference | None) -> Reference | None:
    """Rule *the dateline's day is today*: a wire report filed on one day and published on
    the next ("CAIRO, 5 May (Agency) -- The ministers signed today …", put online on the 6th)
    means the dateline's day by "today", "yesterday" and weekdays. The dateline's date counts
    when it has a day and falls at most three days before the publication date (or there is
    none).

    >>> import datetime as dt
    >>> from accords.read.articles import Article
    >>> text = "Roma, 4 marzo (Agenzia) - I ministri hanno firmato ieri un accordo."
    >>> a = Article(id="x", text=text, lang="it", published=dt.date(2024, 3, 5))
    >>> [(m.exact, m.norm) for m in find_dates(a, dateline=(0, 24))]
    [('4 marzo', '2024-03-04'), ('ieri', '2024-03-03')]
    """
    for m in mentions:
        if m.start >= dateline[1]:
            break
        if m.start < dateline[0] or m.label != "DATE" or m.attrs.get("precision") != "day":
            continue
        day = dt.date.fromisoformat(m.norm)
        if ref is not None and ref.precision == "day" and not (
                0 <= (ref.date - day).days <= _DATELINE_LAG):
            return None
        return Reference(day, "day", "dateline", False)
    return None
