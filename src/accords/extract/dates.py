"""Field builder: the signing date and the dates of later steps (guidelines 5 and 11)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from accords.extract.base import _PRECISION, _Candidate, _date_value, _distance
from accords.extract.cues import _Cues
from accords.read.articles import Article
from accords.spans import Span


def _assign_dates(actions: list[Span], dates: list[Span]) -> dict[int, list[Span]]:
    """Each DATE of a sentence belongs to the nearest ACTION of that sentence (keyed by the
    action's position in ``actions``)."""
    owned: dict[int, list[Span]] = {i: [] for i in range(len(actions))}
    for date in dates:
        nearest = min(range(len(actions)),
                      key=lambda i: (_distance(actions[i], date), actions[i].start))
        owned[nearest].append(date)
    for i, items in owned.items():
        # The date next to the verb is the act's date, even when it cannot be resolved
        # ("firmato ieri", no year known); a bare year further away is often another matter.
        items.sort(key=lambda d, a=actions[i]: (_distance(d, a),
                                                -_PRECISION.get(d.attrs.get("precision"), 0)))
    return owned


# Rule *a dateline is no signing date* (guideline 11): "Lima, 04.12.2020 agency – …" at a
# sentence's start files the report; a date preceded only by a capitalised place and a comma
# dates the report, not the act.
# "Baku, 9 Oct.", "(Agency Name) - Milan, 24 Feb": a place (after an agency) and a comma
_DATELINE_LIKE = re.compile(
    r"\s*(?P<agency>\([^()\n]{1,40}\)\s*[-–—]\s*)?\(?[^\W\d_][\w .'’()-]{0,30}\)?,\s*")


def _dateline_like(text: str, start: int, date_start: int, inside: Sequence[Span]) -> bool:
    """Whether the words before a date at a sentence's start make a dateline ("BAKU, 9 Oct.",
    "Tunis, 23 April", "(Agency) - Milan, 24 Feb"): an agency's name, a place, or words in
    capitals, then a comma. A sentence opener such as "Recall, on 2 May 2016 …"
    ("Напомним,", "Ricordiamo,") is no dateline: its date stays."""
    match = _DATELINE_LIKE.fullmatch(text, start, date_start)
    if match is None:
        return False
    prefix = text[start:date_start]
    return prefix.upper() == prefix or match.group("agency") is not None or any(
        s.label == "PLACE" and start <= s.start < date_start for s in inside)


def _ends_a_period(text: str, date: Span, cues: _Cues) -> bool:
    """Rule *a period's end is no signing date* (guideline 11): a bare year after "until",
    "fino al", "до" ends the time an agreement covers ("a programme until 2030").

    >>> from accords.read.articles import Article
    >>> from accords.extract.cues import _cues
    >>> from accords.spans import make_span
    >>> a = Article(id="x", lang="en", text="a programme until 2030")
    >>> _ends_a_period(a.text, make_span(a, 18, 22, "DATE", attrs={"precision": "year"}),
    ...                _cues("en"))
    True
    """
    return bool(cues.until is not None and date.attrs.get("precision") == "year"
                and cues.until.search(text, max(0, date.start - 24), date.start))


def _after(date: Span, article: Article) -> bool:
    """Rule *no signing after the report* (guideline 11): a date later than the article's
    own date ("signed today; the plan runs to 2030") cannot date a completed act."""
    value = _date_value(date)
    if not value or article.published is None:
        return False
    published = article.published.isoformat()[:len(value)]
    return value > published


def _best_date(group: list[_Candidate]) -> Span | None:
    dated = [c.date for c in group if c.date is not None]
    if not dated:
        return None
    resolved = [d for d in dated if d.norm]
    pool = resolved or dated
    return max(pool, key=lambda d: (_PRECISION.get(d.attrs.get("precision"), 0), -d.start))


def _planned_date(article: Article, date: Span | None) -> str | None:
    """The date of a planned act: a weekday ("will sign on Friday") is the next one after the
    article's date, not the last one."""
    value = _date_value(date)
    if (value is None or date is None or date.attrs.get("weekday") is None
            or article.published is None or len(value) != 10):
        return value
    import datetime as dt

    day = dt.date.fromisoformat(value)
    while day < article.published:
        day += dt.timedelta(days=7)
    return day.isoformat()


def _period_years(period: Span | None) -> tuple[int | None, int | None]:
    if period is None:
        return None, None
    start, end = period.attrs.get("start"), period.attrs.get("end")
    if isinstance(start, int) and isinstance(end, int):
        return start, end
    return None, None
