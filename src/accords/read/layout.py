"""The structure of an article: headline, dateline, paragraphs, sentences and boilerplate.

Nothing is deleted: every part is a ``(start, end)`` span of ``article.text`` (code points of the
normalised text), so ``article.text[start:end]`` is always the part's exact text. The cues
(boilerplate phrases, month names, abbreviations) come from the language's lexicon
(:mod:`accords.lexicon`); languages without a lexicon still get paragraphs, sentences and the
language-neutral cues.

>>> from accords import paths
>>> from accords.read.articles import read_article
>>> layout = analyse(read_article(paths.articles_dir() / "seed-it-001.txt"))
>>> layout.dateline.place, layout.text_of(layout.sentences[1])[:12]
('Mosca', 'Il programma')
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property
from typing import Any

from accords.lexicon import COMMON, LexiconError, available_languages, load_lexicon
from accords.read.articles import Article

__all__ = [
    "Boilerplate",
    "Dateline",
    "Layout",
    "Paragraph",
    "Sentence",
    "analyse",
    "layout_row",
    "split_sentences",
]

# Upper-case letters of the Latin, Greek and Cyrillic blocks, for shape rules on datelines.
_UPPER = "".join(chr(c) for c in range(0x41, 0x530) if chr(c).isupper())
_U = f"[{re.escape(_UPPER)}]"
_OPENERS = "\"“«„‘'(["


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A non-empty line of the text (or the lines of a sentence broken by the source, see
    :func:`_broken_line`). ``kind``: headline, body or boilerplate."""

    index: int
    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the headline or of a body paragraph (numbered from 1)."""

    index: int
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """A block that is page furniture, not news: kept and marked, never deleted.

    ``kind``: footer (a footer cue and everything after it), line (a "read also" or cookie
    line), social (a social-network handle), timestamp (a line that is only a date/time),
    stamp (a prefix a crawler put before the text), repeat (the headline printed again as a
    body line, see :func:`_repeats_headline`). ``cue`` is the lexicon pattern that fired.
    """

    start: int
    end: int
    kind: str
    cue: str


@dataclass(frozen=True, slots=True)
class Dateline:
    """The place (and optionally date and agency) that opens a news report.

    ``MOSCA-Il programma…`` gives place ``Mosca`` (``place_exact`` ``MOSCA``), and the body of
    the paragraph starts at ``body_start`` ("Il"). ``qualifiers`` are the comma-separated parts
    after the place (a country, a date), ``agency`` the news agency in brackets or slashes.
    """

    start: int
    end: int
    place: str
    place_exact: str
    place_start: int
    qualifiers: tuple[str, ...]
    agency: str | None
    body_start: int


@dataclass(frozen=True)
class Layout:
    """Everything :func:`analyse` found in one article."""

    article: Article
    lang: str | None
    headline: Paragraph | None
    dateline: Dateline | None
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    boilerplate: tuple[Boilerplate, ...]

    def text_of(self, part: Paragraph | Sentence | Boilerplate | Dateline) -> str:
        return self.article.text[part.start:part.end]

    def sentence_at(self, pos: int) -> Sentence | None:
        """The first sentence holding ``pos`` (``start <= pos < end``), or None.

        >>> from accords.read.articles import Article
        >>> layout = analyse(Article(id="x", text="Uno. Due.", lang="it"))
        >>> layout.text_of(layout.sentence_at(6))
        'Due.'
        """
        return _part_at(self.sentences, self._sentence_starts, pos)

    def paragraph_at(self, pos: int) -> Paragraph | None:
        """The first paragraph holding ``pos`` (``start <= pos < end``), or None."""
        return _part_at(self.paragraphs, self._paragraph_starts, pos)

    @cached_property
    def _sentence_starts(self) -> list[int] | None:
        return _ordered_starts(self.sentences)

    @cached_property
    def _paragraph_starts(self) -> list[int] | None:
        return _ordered_starts(self.paragraphs)

    @property
    def body_paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.kind == "body")

    @property
    def content_text(self) -> str:
        """Headline and body sentences joined by newlines (boilerplate left out)."""
        return "\n".join(self.text_of(s) for s in self.sentences)

    def sentences_frame(self):
        """One row per sentence: number, paragraph, start, end, text (a pandas DataFrame)."""
        import pandas as pd

        return pd.DataFrame(
            [{"sentence": s.index, "paragraph": s.paragraph, "start": s.start, "end": s.end,
              "text": self.text_of(s)} for s in self.sentences],
            columns=["sentence", "paragraph", "start", "end", "text"],
        )

    def paragraphs_frame(self):
        """One row per paragraph: number, kind, start, end, text (a pandas DataFrame)."""
        import pandas as pd

        return pd.DataFrame(
            [{"paragraph": p.index, "kind": p.kind, "start": p.start, "end": p.end,
              "text": self.text_of(p)} for p in self.paragraphs],
            columns=["paragraph", "kind", "start", "end", "text"],
        )


def _ordered_starts(parts: Sequence[Paragraph | Sentence]) -> list[int] | None:
    """The parts' starts when they are in text order and do not overlap (as :func:`analyse`
    makes them), else None."""
    for before, after in itertools.pairwise(parts):
        if after.start < before.end:
            return None
    return [p.start for p in parts]


def _part_at(parts, starts: list[int] | None, pos: int):
    if starts is None:  # parts made by hand, out of order: look at each
        return next((p for p in parts if p.start <= pos < p.end), None)
    i = bisect_right(starts, pos) - 1
    if i >= 0 and pos < parts[i].end:
        return parts[i]
    return None


# --------------------------------------------------------------------------- cues


@dataclass(frozen=True)
class _Cues:
    footer: tuple[re.Pattern[str], ...]
    lines: tuple[re.Pattern[str], ...]
    social: re.Pattern[str]
    timestamps: tuple[re.Pattern[str], ...]
    stamp: re.Pattern[str]
    no_stop: frozenset[str]
    months: frozenset[str]
    ordinal_dot: bool


def _compile(patterns: Any, where: str, flags: int = re.IGNORECASE) -> tuple[re.Pattern, ...]:
    out = []
    for pattern in patterns or ():
        try:
            out.append(re.compile(pattern, flags))
        except re.error as exc:
            raise LexiconError(
                f"{where}: pattern {pattern!r} is not a valid regex ({exc})") from exc
    return tuple(out)


@cache
def _cues(lang: str | None) -> _Cues:
    common = load_lexicon(COMMON)
    lex: Mapping[str, Any] = {}
    if lang in available_languages():
        lex = load_lexicon(lang)
    boiler = lex.get("boilerplate", {})
    months = {m.casefold() for m in (*lex.get("months", ()), *lex.get("months_nominative", ()))}
    abbrevs = {a.casefold().rstrip(".") for a in lex.get("abbreviations", ())}
    month_abbrevs = {a.casefold().rstrip(".") for a in lex.get("month_abbreviations", ())}
    return _Cues(
        footer=_compile(boiler.get("footer_start"), f"lexicons/{lang}/boilerplate.footer_start"),
        lines=_compile((*common.get("boilerplate_lines", ()), *boiler.get("lines", ())),
                       f"lexicons/{lang}/boilerplate.lines"),
        social=re.compile(common["social_line"], re.IGNORECASE),
        timestamps=_compile(common.get("timestamp_lines"), "lexicons/common/timestamp_lines"),
        stamp=re.compile(common["stamp_prefix"]),
        no_stop=frozenset(abbrevs | month_abbrevs),
        months=frozenset(months | month_abbrevs),
        ordinal_dot=bool(lex.get("ordinal_dot", False)),
    )


# --------------------------------------------------------------------------- lines


#: The longest tail after a headline on its line that is still page furniture ("» Site name -
#: news of the day"); a longer one is the article's body written on the headline's line.
FURNITURE_MAX = 160


def _lines(text: str, start: int = 0) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank line, trimmed of surrounding whitespace."""
    pos = start
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        a, b = pos, end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            yield a, b
        if nl < 0:
            break
        pos = nl + 1


def _line_cue(line: str, cues: _Cues) -> tuple[str, str] | None:
    if cues.social.search(line):
        return "social", cues.social.pattern
    for pattern in cues.timestamps:
        if pattern.search(line):
            return "timestamp", pattern.pattern
    for pattern in cues.lines:
        if pattern.search(line):
            return "line", pattern.pattern
    return None


# --------------------------------------------------------------------------- dateline

_WORD = rf"{_U}[^\W\d_]*(?:['’.\-][^\W\d_]+)*"
_TAIL = rf"""(?P<tail>(?:
        \s*,\s*[^,()/\n:–—]{{1,30}}?       # , qualifier (country, date, agency)
      | \s*\([^()\n]{{2,30}}\)             # (AGENCY)
      | \s*/[^/\n]{{2,30}}/\.?             # /Region/ or /TASS/.
      | \.\s+{_U}[{re.escape(_UPPER)}0-9\- ]{{1,25}}(?=\s[-–—])   # . KAZINFORM
    )*?)"""
_DATELINE = re.compile(
    rf"""
    (?P<place>{_WORD}(?:[ ]{_WORD}){{0,3}})
    (?:
        (?P<attached>[-–—])(?={_U})            # MOSCA-Il (all-caps place only)
      | {_TAIL}
        (?P<sep>\s+[-–—]+\s*|[–—]+\s*|-\s+|\.[-–—]+\s*|\s?:\s+|(?<=/\.)\s+|(?<=/)\.\s+)
    )
    (?=[\w"“«„‘'(\[])
    """,
    re.VERBOSE,
)
# A line that is only a dateline: "Baku, Azerbaijan, Oct. 9", "Asca, 14 set 11 –".
_STANDALONE = re.compile(
    rf"(?P<place>{_WORD}(?:[ ]{_WORD}){{0,3}}){_TAIL.replace('?)', ')', 1)}\s*[-–—:]?\s*$",
    re.VERBOSE,
)
_TAIL_PARTS = re.compile(r"\(([^()\n]+)\)|/([^/\n]+)/|,\s*([^,()/\n]+)|\.\s+(\S[^,]*)")


def _title_case(word: str) -> str:
    return "-".join(part[:1] + part[1:].lower() for part in word.split("-"))


_STAMP_LINE = 80  # characters of a time stamp line above a dateline


# rule *an agency before the dateline*: "(ANSA) - Milano, 24 feb - …", "(Reuters) – Lima, …"
_AGENCY_FIRST = re.compile(r"\((?P<agency>[^()\n]{2,30})\)\s*[-–—]\s*(?=" + _U + ")")


def _find_dateline(text: str, start: int, end: int, cues: _Cues) -> Dateline | None:
    first = _AGENCY_FIRST.match(text, start, end)
    if first:
        found = _find_dateline(text, first.end(), end, cues)
        if found is None or not found.qualifiers:
            return None  # "(ANSA) - Il ministro …": an agency, then the body
        return replace(found, start=start, agency=found.agency or first.group("agency").strip())
    head = text[start:min(end, start + 140)]
    match = _DATELINE.match(head)
    standalone = False
    if match is None:
        match = _STANDALONE.match(text[start:end]) if end - start <= 60 else None
        standalone = True
    if not match:
        return None
    place = match.group("place")
    all_caps = place.upper() == place and any(ch.isalpha() for ch in place)
    if standalone:
        body_start = end
        sep_start = len(text[start:end].rstrip(" -–—:"))
    else:
        body_start = start + match.end()
        body_first = text[body_start:body_start + 1]
        if not body_first.strip() or (body_first.isalpha() and not body_first.isupper()):
            return None
        if match.group("attached") and not all_caps:
            # "Russia-Kazakistan" is a compound, not a dateline: an attached dash needs an
            # all-caps place ("MOSCA-Il").
            return None
        sep_start = match.start("attached") if match.group("attached") else match.start("sep")
    qualifiers: list[str] = []
    agency = None
    for paren, slash, comma, dotted in _TAIL_PARTS.findall(match.group("tail") or ""):
        if paren or dotted:
            agency = (paren or dotted).strip()
        elif slash:
            part = slash.strip()
            if part.upper() == part:
                agency = part
            else:
                qualifiers.append(part)
        elif comma:
            part = comma.strip().rstrip(".")
            words = part.split()
            datelike = any(ch.isdigit() for ch in part) or any(
                w.casefold().rstrip(".") in cues.months for w in words)
            if not datelike and (len(words) > 3 or not all(w[:1].isupper() for w in words)):
                return None
            qualifiers.append(part)
    if standalone and not any(any(ch.isdigit() for ch in q) for q in qualifiers):
        return None  # a short line of capitalised words is a dateline only with a date
    if not standalone and match.group("sep") and match.group("sep").strip() == ":" and not \
            all_caps and (qualifiers or agency):
        return None
    pretty = " ".join(_title_case(w) for w in place.split()) if all_caps else place
    return Dateline(
        start=start, end=start + sep_start, place=pretty, place_exact=place,
        place_start=start + match.start("place"), qualifiers=tuple(qualifiers), agency=agency,
        body_start=body_start,
    )


def _last_token(text: str, floor: int, pos: int) -> str:
    """The last run of non-space characters of ``text[floor:pos]`` ("" if none), read
    backwards from ``pos`` (``rsplit(None, 1)`` without copying the sentence).

    >>> _last_token("Il Dott.  ", 0, 10), _last_token("   ", 0, 3)
    ('Dott.', '')
    """
    end = pos
    while end > floor and text[end - 1].isspace():
        end -= 1
    begin = end
    while begin > floor and not text[begin - 1].isspace():
        begin -= 1
    return text[begin:end]


_TERMINATOR = re.compile(r"[.!?…]+[\"”»’)\]]*")


def _broken_line(text: str, end: int, start: int) -> bool:
    r"""Rule *a sentence broken over two lines*: scraped text often breaks a sentence at a
    line end ("On 2 December 2016\nin Warsaw the agreement was signed."). A body line that
    ends without a sentence mark, followed on the next line by one that starts in lower case,
    continues the same paragraph.

    >>> lay = analyse(Article(id="x", text="News\n\nOn 2 May 2016\nin Rome they signed it."))
    >>> [lay.text_of(s) for s in lay.sentences]
    ['News', 'On 2 May 2016\nin Rome they signed it.']
    """
    if not text[start:start + 1].islower() or start - end > 2 or text.count("\n", end,
                                                                            start) != 1:
        return False
    return text[end - 1:end].isalnum()


def _repeats_headline(text: str, headline: tuple[int, int], line: str) -> bool:
    r"""Rule *the headline printed twice*: pages often print the headline again above the
    body (the page title, then the article's own heading). A body line that is the headline
    again, up to case and spaces, is furniture: the headline is one sentence, not two, and
    its compressed tense ("X and Y sign") is not read as the body's.

    >>> lay = analyse(Article(id="x", text="Chile, Peru sign pact\nChile, Peru sign pact\n"
    ...                       "The two will sign it on Monday.", title="Chile, Peru sign pact"))
    >>> [lay.text_of(s) for s in lay.sentences], [b.kind for b in lay.boilerplate]
    (['Chile, Peru sign pact', 'The two will sign it on Monday.'], ['repeat'])
    """
    def folded(value: str) -> str:
        return " ".join(value.split()).casefold()

    return folded(line) == folded(text[headline[0]:headline[1]])


def _glued_stop(text: str, stop: int, sent_start: int,
                no_stop: frozenset[str] = frozenset()) -> bool:
    """Rule *a full stop with the space lost*: scraped text glues sentences where a line
    break was dropped ("the ministry said.The document was signed"). A full stop after a
    word of three letters or more (lower case, or a capitalised name: "signed by Ruiz.The
    minister…"), followed by a capital and then a lower-case letter, a space or an
    apostrophe, ends a sentence; "U.S.", "15.00", "Dr.No", the language's abbreviations
    (``no_stop``) and domain names do not.

    >>> split_sentences("It was said.The deal was signed.A new era.", 0, 42)
    [(0, 12), (12, 32), (32, 42)]
    >>> split_sentences("See news.com or U.S.Army for 2.5 units.", 0, 39)
    [(0, 39)]
    """
    if text[stop - 1:stop] != "." or stop + 1 >= len(text):
        return False
    if not (text[stop].isupper() and (text[stop + 1].islower() or text[stop + 1] in " '’")):
        return False
    word = _last_token(text, sent_start, stop - 1)
    return (len(word) >= 3 and word.isalpha() and (word.islower() or word.istitle())
            and word.casefold() not in no_stop)


def split_sentences(text: str, start: int, end: int, lang: str | None = None
                    ) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` (one paragraph), trimmed of spaces.

    A sentence ends at ``. ! ? …`` (and closing quotes) followed by space and a capital, digit
    or opening quote — unless the word before a full stop is an abbreviation or month
    abbreviation of the language, an initial, or (``ordinal_dot`` languages) a day number.
    """
    cues = _cues(lang)
    spans: list[tuple[int, int]] = []
    sent_start = start
    for match in _TERMINATOR.finditer(text, start, end):
        stop = match.end()
        nxt = stop
        while nxt < end and text[nxt] in " \t\u00a0":
            nxt += 1
        if nxt == stop and stop < end and not _glued_stop(text, stop, sent_start,
                                                          cues.no_stop):
            continue  # no space after: "15.00", "U.S.", "2.5"
        if nxt < end:
            ch = text[nxt]
            if not (ch.isupper() or ch.isdigit() or ch in _OPENERS or ch in "-–—"):
                continue
        if match.group().startswith(".") and len(match.group().rstrip("\"”»’)]")) == 1:
            token = _last_token(text, sent_start, match.start()).lstrip(_OPENERS)
            low = token.casefold()
            if (low in cues.no_stop or (len(token) == 1 and token.isalpha())
                    or (cues.ordinal_dot and token.isdigit() and len(token) <= 2)):
                continue
        spans.append((sent_start, stop))
        sent_start = nxt
    if sent_start < end:
        spans.append((sent_start, end))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out


# --------------------------------------------------------------------------- analyse


def analyse(article: Article, lang: str | None = None) -> Layout:
    """Find the headline, dateline, paragraphs, sentences and boilerplate of ``article``.

    ``lang`` defaults to ``article.lang``. The headline is ``article.title`` where it occurs at
    the start of a line (pages may open with a menu before it); it is always its own sentence.
    """
    lang = lang or article.lang
    cues = _cues(lang)
    text = article.text
    boiler: list[Boilerplate] = []

    start = 0
    stamp = cues.stamp.match(text)
    if stamp:
        boiler.append(Boilerplate(0, stamp.end() - 1, "stamp", cues.stamp.pattern))
        start = stamp.end()

    headline_span = None
    if article.title:
        pos = text.find(article.title, start)
        while pos >= 0 and pos > start and text[pos - 1] != "\n":
            pos = text.find(article.title, pos + 1)
        if pos >= 0:
            headline_span = (pos, pos + len(article.title))

    paragraphs: list[Paragraph] = []
    footer_from: int | None = None
    for a, b in _lines(text, start):
        index = len(paragraphs) + 1
        if headline_span and a == headline_span[0] and footer_from is None:
            paragraphs.append(Paragraph(index, a, headline_span[1], "headline"))
            rest = headline_span[1]
            while rest < b and text[rest].isspace():
                rest += 1
            if rest < b and b - rest > FURNITURE_MAX:
                # the body run on after the headline, on its line: it is the article, never
                # furniture (a boilerplate block must not swallow the body)
                paragraphs.append(Paragraph(index + 1, rest, b, "body"))
            elif rest < b:  # "Title » Site name - news of the day": the tail is furniture
                boiler.append(Boilerplate(rest, b, "line", "text after the headline"))
            continue
        line = text[a:b]
        if footer_from is None:
            for pattern in cues.footer:
                if pattern.search(line):
                    footer_from = a
                    boiler.append(Boilerplate(a, len(text.rstrip()), "footer", pattern.pattern))
                    break
        if footer_from is not None:
            paragraphs.append(Paragraph(index, a, b, "boilerplate"))
            continue
        cue = _line_cue(line, cues)
        if cue is None and headline_span and _repeats_headline(text, headline_span, line):
            cue = ("repeat", "the headline again")
        if cue:
            boiler.append(Boilerplate(a, b, *cue))
            paragraphs.append(Paragraph(index, a, b, "boilerplate"))
        elif paragraphs and paragraphs[-1].kind == "body" and _broken_line(
                text, paragraphs[-1].end, a):
            last = paragraphs[-1]
            paragraphs[-1] = Paragraph(last.index, last.start, b, "body")
        else:
            paragraphs.append(Paragraph(index, a, b, "body"))

    headline = next((p for p in paragraphs if p.kind == "headline"), None)
    dateline = None
    body = [p for p in paragraphs if p.kind == "body"]
    if body and (headline is None or body[0].start > headline.start):
        dateline = _find_dateline(text, body[0].start, body[0].end, cues)
        first = text[body[0].start:body[0].end]
        if (dateline is None and len(body) > 1 and len(first) <= _STAMP_LINE
                and sum(ch.isdigit() for ch in first) >= 4):
            # a time stamp line ("Updated 2015-05-06 08:42") may stand above the dateline
            dateline = _find_dateline(text, body[1].start, body[1].end, cues)

    sentences: list[Sentence] = []
    for p in paragraphs:
        if p.kind == "headline":
            sentences.append(Sentence(len(sentences) + 1, p.start, p.end, p.index))
        elif p.kind == "body":
            a = dateline.body_start if dateline and dateline.start == p.start else p.start
            for s, e in split_sentences(text, a, p.end, lang):
                sentences.append(Sentence(len(sentences) + 1, s, e, p.index))

    boiler.sort(key=lambda blk: (blk.start, blk.end))
    return Layout(article=article, lang=lang, headline=headline, dateline=dateline,
                  paragraphs=tuple(paragraphs), sentences=tuple(sentences),
                  boilerplate=tuple(boiler))


def layout_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """The layout of one JSON article as a JSON-ready dict (the ``read`` command's output).

    >>> row = {"id": "a", "lang": "it", "title": "Titolo", "text": "Titolo\\nROMA – Il testo."}
    >>> layout_row(row)["dateline"]
    {'place': 'Roma', 'start': 7, 'end': 11, 'body_start': 14}
    """
    from accords.read.articles import article_from_row

    article = article_from_row(row, f"id {row.get('id')!r}")
    layout = analyse(article)
    d = layout.dateline
    return {
        "id": article.id,
        "lang": article.lang,
        "lang_source": article.lang_source,
        "sha256": article.sha256,
        "title": article.title,
        "headline": [layout.headline.start, layout.headline.end] if layout.headline else None,
        "dateline": ({"place": d.place, "start": d.start, "end": d.end,
                      "body_start": d.body_start} if d else None),
        "sentences": [[s.start, s.end] for s in layout.sentences],
        "boilerplate": [{"kind": b.kind, "start": b.start, "end": b.end}
                        for b in layout.boilerplate],
    }
