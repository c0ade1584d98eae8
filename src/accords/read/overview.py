"""A first look at an article: its vocabulary and a who / what / when / where sketch.

These are reading aids, built from the article's layout and the language lexicon only. The
annotators (:mod:`accords.annotate`) do the real work of finding states, people, dates and
agreements; the sketch is what a reader gets before any annotation.

>>> from accords import paths
>>> from accords.read.articles import read_article
>>> from accords.read.layout import analyse
>>> layout = analyse(read_article(paths.articles_dir() / "seed-it-001.txt"))
>>> sketch(layout).where
'Mosca'
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache

from accords.lexicon import available_languages, load_lexicon
from accords.read.layout import Layout

__all__ = ["Sketch", "content_lemmas", "sketch", "time_expressions"]

_LETTERS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_NAME_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@cache
def _lexicon(lang: str | None):
    return load_lexicon(lang) if lang in available_languages() else {}


@cache
def _stopwords(lang: str | None) -> frozenset[str]:
    return frozenset(w.casefold() for w in _lexicon(lang).get("stopwords", ()))


def _lemmatiser(lang: str | None):
    import simplemma

    try:
        simplemma.lemmatize("test", lang=lang or "")
    except (ValueError, TypeError):
        return lambda token: token.casefold()
    return lambda token: simplemma.lemmatize(token, lang=lang)


def content_lemmas(layout: Layout, top: int | None = 15):
    """The most frequent content lemmas of the headline and body (boilerplate left out).

    Tokens are runs of letters; stop words of the lexicon and tokens shorter than three letters
    are left out; lemmas come from ``simplemma`` (offline dictionaries). Returns a DataFrame
    with ``lemma``, ``count`` and the ``forms`` seen, sorted by count then lemma.
    """
    import pandas as pd

    lemmatise = _lemmatiser(layout.lang)
    stop = _stopwords(layout.lang)
    counts: Counter[str] = Counter()
    forms: dict[str, set[str]] = defaultdict(set)
    for sentence in layout.sentences:
        for match in _LETTERS.finditer(layout.text_of(sentence)):
            token = match.group()
            if len(token) < 3 or token.casefold() in stop:
                continue
            lemma = lemmatise(token)
            key = lemma.casefold()
            if key in stop or len(key) < 3:
                continue
            counts[key] += 1
            forms[key].add(token)
    rows = [{"lemma": k, "count": n, "forms": ", ".join(sorted(forms[k]))}
            for k, n in counts.items()]
    frame = pd.DataFrame(rows, columns=["lemma", "count", "forms"])
    frame = frame.sort_values(["count", "lemma"], ascending=[False, True], ignore_index=True)
    return frame if top is None else frame.head(top)


@cache
def _time_pattern(lang: str | None) -> re.Pattern[str] | None:
    lex = _lexicon(lang)
    if not lex:
        return None
    months = [*lex.get("months", ()), *lex.get("months_nominative", ())]
    abbrevs = [a + r"\.?" for a in map(re.escape, lex.get("month_abbreviations", ()))]
    month = "(?:" + "|".join([*map(re.escape, months), *abbrevs]) + ")"
    weekday = "(?:" + "|".join(map(re.escape, lex.get("weekdays", ()))) + ")"
    suffixes = [".", *lex.get("dates", {}).get("day_suffixes", ())]
    day = r"\d{1,2}(?:" + "|".join(map(re.escape, suffixes)) + ")?"
    year = r"(?:19|20)\d{2}"
    joiners = lex.get("date_joiners", ())
    join = r"\s+" + (r"(?:(?:" + "|".join(map(re.escape, joiners)) + r")\s+)?" if joiners else "")
    return re.compile(
        rf"(?<!\w)(?:{weekday},?\s+)?(?:{day}{join}{month}(?:{join}{year})?"
        rf"|{month}\s+{day}(?:,?\s+{year})?)(?!\w)"
        rf"|(?<!\w){year}\s*[-–—/]\s*{year}(?!\w)"
        rf"|(?<!\w){weekday}(?!\w)"
        rf"|(?<![\w-]){year}(?![\w-])",
        re.IGNORECASE,
    )


def time_expressions(layout: Layout, sentence: int | None = None) -> list[str]:
    """Time expressions as written (dates, weekdays, years, year ranges), in text order.

    ``sentence`` limits the search to one sentence (numbered from 1). Nothing is resolved here;
    resolving "martedì 9 novembre" to a date is the DATE annotator's job.
    """
    pattern = _time_pattern(layout.lang)
    if pattern is None:
        return []
    chosen = [s for s in layout.sentences if sentence is None or s.index == sentence]
    return [m.group() for s in chosen for m in pattern.finditer(layout.text_of(s))]


@dataclass(frozen=True, slots=True)
class Sketch:
    """Who, what, when and where, as plain text taken from the article."""

    what: str
    who: tuple[str, ...]
    when: tuple[str, ...]
    where: str | None

    def __str__(self) -> str:
        return "\n".join([
            f"What:  {self.what}",
            f"Who:   {', '.join(self.who) or '(no person named in full)'}",
            f"When:  {', '.join(self.when) or '(no time expression in the lead)'}",
            f"Where: {self.where or '(no dateline)'}",
        ])


def _people(layout: Layout) -> tuple[str, ...]:
    """Names introduced in full and referred to later by their last word alone."""
    stop = _stopwords(layout.lang)
    sequences: list[tuple[str, ...]] = []
    singles: Counter[str] = Counter()
    for s in layout.sentences:
        tokens = [m.group() for m in _NAME_TOKEN.finditer(layout.text_of(s))]
        run: list[str] = []
        for position, token in enumerate([*tokens, ""]):
            capital = (token[:1].isupper() and not token.isupper()
                       and token.casefold() not in stop and position > 0)
            if capital:
                run.append(token)
                continue
            if len(run) >= 2:
                sequences.append(tuple(run))
            elif len(run) == 1:
                singles[run[0]] += 1
            run = []
    people = []
    for seq in dict.fromkeys(sequences):
        if singles[seq[-1]] > 0:
            people.append(" ".join(seq))
    return tuple(people)


def sketch(layout: Layout) -> Sketch:
    """Who (people named in full, then by surname), what (the lead), when (time expressions of
    the lead), where (the dateline's place).
    """
    lead = next((s for s in layout.sentences
                 if layout.headline is None or s.paragraph != layout.headline.index), None)
    what = layout.text_of(lead) if lead else (layout.text_of(layout.headline)
                                              if layout.headline else "")
    when = tuple(time_expressions(layout, lead.index)) if lead else ()
    return Sketch(what=what, who=_people(layout), when=when,
                  where=layout.dateline.place if layout.dateline else None)
