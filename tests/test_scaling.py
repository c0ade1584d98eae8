"""Annotation does work in proportion to an article's length, not to its square.

Time is not measured (a shared machine makes timings noisy); instead the lines of accords'
own code executed while annotating are counted, at two lengths of one crafted article. A
loop that looks at every span for every match executes about four times the lines when the
text doubles; the annotators must stay close to two.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import accords
from accords.annotate import annotate
from accords.annotate.dates import grammar
from accords.read.articles import Article

_PACKAGE = str(Path(accords.__file__).parent)

_PEOPLE = ("Sergei Shoigu", "Murat Bektanov", "Guido Crosetto", "Viktor Khrenin",
           "Bakhodir Kurbanov", "Suren Papikyan")
_STATES = ("Russia", "Kazakistan", "Uzbekistan", "Bielorussia", "Armenia", "Italia")
_CITIES = ("Mosca", "Roma", "Parigi", "Astana", "Tashkent", "Minsk", "Erevan")
_MONTHS = ("marzo", "aprile", "maggio", "giugno", "ottobre", "novembre")


def crafted(paragraphs: int) -> Article:
    """An Italian article of ``paragraphs`` groups of paragraphs: role phrases and people,
    places named again and again, runs of capitalised words, dates, and a long sentence
    listing agreements."""
    lines = ["Difesa: firmati nuovi accordi"]
    for i in range(paragraphs):
        a, b = _PEOPLE[i % 6], _PEOPLE[(i + 1) % 6]
        s1, s2 = _STATES[i % 6], _STATES[(i + 2) % 6]
        c1, c2 = _CITIES[i % 7], _CITIES[(i + 3) % 7]
        month = _MONTHS[i % 6]
        listed = ", ".join(f"un accordo di cooperazione militare con {_STATES[(i + k) % 6]}"
                           for k in range(6))
        lines += [
            f"Il ministro della Difesa russo {a} ha incontrato a {c1} il suo omologo {b}, "
            f"giunto a {c1} martedì {1 + i % 28} {month} {1995 + i % 30}.",
            f"I ministri della Difesa della {s1} e del {s2}, rispettivamente {a} e {b}, hanno "
            f"firmato il programma di partenariato strategico per il 2022-2024.",
            f"Alla cerimonia di {c2} erano presenti Grande Consiglio Nazionale Della "
            f"Cooperazione Tecnica Militare e {a}, vice ministro della Difesa.",
            f"Sono stati firmati {listed}. L'accordo entrerà in vigore il 9 {month}.",
            f"La delegazione è partita da {c1} per {c2}, Mosca, Roma e Parigi.",
        ]
    return Article(id=f"crafted-{paragraphs}", text="\n".join(lines), lang="it",
                   title=lines[0])


def _lines_run(article: Article) -> int:
    """Lines of accords' own code executed by ``annotate(article)``."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(_PACKAGE) else None

    annotate(crafted(2))  # lexicons and compiled patterns are cached before counting
    sys.settrace(calls)
    try:
        annotate(article)
    finally:
        sys.settrace(None)
    return count


def one_sentence(clauses: int) -> Article:
    """An article that is one long sentence of ``clauses`` clauses, each with a role, a
    person, an agreement, a state, a city, a date, an abbreviation and a negated verb."""
    text = ", ".join(
        f"il ministro della Difesa russo {_PEOPLE[k % 6]} ha firmato un accordo di "
        f"cooperazione militare con {_STATES[k % 6]} a {_CITIES[k % 7]} il {1 + k % 28} "
        f"{_MONTHS[k % 6]} {1995 + k % 30} e il Dott. Rossi ha detto che non firmerà"
        for k in range(clauses))
    return Article(id=f"sentence-{clauses}", text=f"Accordi\nMOSCA - {text}.", lang="it",
                   title="Accordi")


def test_annotating_twice_the_text_runs_about_twice_the_code():
    small, large = _lines_run(crafted(40)), _lines_run(crafted(80))
    assert large / small < 2.2, (small, large)


def test_a_sentence_twice_as_long_runs_about_twice_the_code():
    small, large = _lines_run(one_sentence(60)), _lines_run(one_sentence(120))
    assert large / small < 2.2, (small, large)



# ----------------------------------------------------------------- dates in one scan

_DATE_WORDS = {
    "it": ["martedì", "9", "novembre", "2021", "nel", "2006", "per", "il", "2022-2024", "dal",
           "al", "ieri", "scorso", "prossimo", "l'8", "ottobre", "09.11.2021", "2021-11-09",
           "anno", "anni", ",", ".", "e", "Mosca", "gen.", "dic", "lunedì", "2023", "20", "21"],
    "en": ["Tuesday", "November", "9,", "2021", "in", "2006", "for", "2022-2024", "from", "to",
           "yesterday", "last", "next", "on", "the", "Nov.", "Oct", "2014", "April", "28",
           "year", ",", ".", "and", "Moscow", "11/09/2021", "1994", "today"],
    "ru": ["во", "вторник", "9", "ноября", "2021", "года", "в", "2016", "году", "на", "2023",
           "год", "с", "по", "2024", "вчера", "прошлом", "марта", "1994", "и", ",", ".",
           "Москве", "сегодня", "28"],
}


def _subject(text, lang):
    g = grammar(lang)
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered, g.lower_patterns, g.lower_trigger
    return text, g.patterns, g.trigger


def _pattern_by_pattern(text, lang):
    """Every date match of one full scan per grammar pattern (the former way)."""
    subject, patterns, _ = _subject(text, lang)
    return sorted((i, m.span()) for i, (_, pattern) in enumerate(patterns)
                  for m in pattern.finditer(subject))


def _in_one_scan(text, lang):
    from accords.annotate.dates import _matches

    g = grammar(lang)
    subject, patterns, trigger = _subject(text, lang)
    found = _matches(subject, patterns, trigger, range(len(patterns)), g.digit_first,
                     g.other_first)
    return sorted((i, m.span()) for i, m in found)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(_DATE_WORDS)), st.data())
def test_one_scan_finds_every_match_of_every_date_pattern(lang, data):
    words = data.draw(st.lists(st.sampled_from(_DATE_WORDS[lang]), max_size=40))
    gaps = data.draw(st.lists(st.sampled_from([" ", "  ", "-", "/", "\n", ""]),
                              min_size=len(words), max_size=len(words)))
    text = "".join(w + g for w, g in zip(words, gaps, strict=True))
    assert _in_one_scan(text, lang) == _pattern_by_pattern(text, lang)


@pytest.mark.parametrize("lang", ["it", "en", "ru", "de", "fr", "es", "pt", None])
def test_one_scan_finds_every_date_match_of_the_crafted_article(lang):
    text = crafted(20).text + "\n" + " ".join(w for words in _DATE_WORDS.values()
                                               for w in words)
    assert _in_one_scan(text, lang) == _pattern_by_pattern(text, lang)
