"""The passes in their order, and the entry points."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from accords.extract.base import _Candidate, _date_value
from accords.extract.build import _first_evidence, _record, _replace, _sentence_of
from accords.extract.candidates import _candidates
from accords.extract.cues import _cues
from accords.extract.grouping import _group
from accords.extract.records import AgreementRecord, Evidence
from accords.extract.rules import _with
from accords.extract.status import _not_read, article_status
from accords.read.articles import Article, article_from_row
from accords.read.layout import Layout, analyse
from accords.spans import Span


def _same_occasion(layout: Layout, records: list[AgreementRecord]) -> list[AgreementRecord]:
    """An undated signing reported within two sentences of a dated signing by the same parties
    ("the ministers also approved a plan…") happened on the same occasion: it takes that
    signing's date, and its place and signatories where it names none."""
    dated = [r for r in records if r.date_signed and r.action == "signed"]
    out = []
    for r in records:
        if r.date_signed or r.action != "signed" or r.date_evidence:
            out.append(r)
            continue
        here = _sentence_of(layout, r)
        twin = next((d for d in dated if d.parties == r.parties
                     and d.organization == r.organization
                     and 0 < here - _sentence_of(layout, d) <= 3), None)
        if twin is None:
            out.append(r)
            continue
        inherited = tuple(e for e in twin.evidence if e.field in ("date_signed", "place")
                          or (e.field == "signatories" and not r.signatories))
        out.append(replace(
            r, date_signed=twin.date_signed, date_evidence=twin.date_evidence,
            evidence=tuple(dict.fromkeys((*r.evidence, *inherited))),
            place=r.place or twin.place, signatories=r.signatories or twin.signatories,
            rules=_with(r.rules, "date_signed: same-occasion",
                        *(["place: same-occasion"] if not r.place and twin.place else []),
                        *(["signatories: same-occasion"] if not r.signatories
                          and twin.signatories else [])),
            notes="date, place and signatories of the signing reported just before "
                  "(same occasion)"))
    return out


def _dated_meeting(article: Article, layout: Layout, spans: Sequence[Span],
                   records: list[AgreementRecord],
                   told: list[set[int]]) -> list[AgreementRecord]:
    """Rule *a dated meeting dates its signings* (guidelines 10 and 11): a signing the text
    reports without a time expression, in (or up to three sentences after) a sentence that
    dates a meeting, visit or talks (``meeting_cues``: "the ministers met on Monday in Lima;
    … they signed a plan"), happened at that meeting: it takes the meeting's date, and its
    city when the record names none. The first dated meeting before the signing counts; a
    signing dated by itself, or an announced one, keeps its own."""
    cues = _cues(article.lang)
    if cues.meeting is None:
        return records
    sentences = layout.sentences
    starts = [x.start for x in spans]
    dated: dict[int, tuple[Span, Span | None]] = {}
    for s in sentences:
        if not cues.meeting.search(article.text, s.start, s.end):
            continue
        lo, hi = bisect.bisect_left(starts, s.start), bisect.bisect_left(starts, s.end)
        inside = [x for x in spans[lo:hi] if x.end <= s.end]  # spans sorted by start
        date = next((x for x in inside if x.label == "DATE" and (
            x.attrs.get("precision") in ("day", "month") or not x.norm)), None)
        if date is None or (cues.reporting and cues.reporting.search(
                article.text, max(s.start, date.start - 60), date.start)):
            continue
        place = next((x for x in inside if x.label == "PLACE" and x.norm
                      and x.attrs.get("cue") not in ("dateline", "none")), None)
        dated[s.index] = (date, place)
    if not dated:
        return records
    out = []
    for r, sentences in zip(records, told, strict=True):
        if r.date_signed or r.date_evidence or r.action != "signed":
            out.append(r)
            continue
        meeting = next((dated[i] for here in sorted(sentences)
                        for i in range(here, here - 4, -1) if i in dated), None)
        if meeting is None:
            out.append(r)
            continue
        date, place = meeting
        evidence = [Evidence("date_signed", article.id, date.start, date.end, date.exact,
                             "DATE")]
        if place is not None and r.place is None:
            evidence.append(Evidence("place", article.id, place.start, place.end, place.exact,
                                     "PLACE"))
        added = ["date_signed: dated-meeting"]
        if place is not None and r.place is None:
            added.append("place: dated-meeting")
        out.append(replace(r, date_signed=_date_value(date), date_evidence=date.exact,
                           place=r.place or (place.norm if place is not None else None),
                           rules=_with(r.rules, *added),
                           evidence=tuple(dict.fromkeys((*r.evidence, *evidence)))))
    return out


def _meeting_place(article: Article, layout: Layout, spans: Sequence[Span],
                   records: list[AgreementRecord],
                   told: list[set[int]]) -> list[AgreementRecord]:
    r"""Rule *the place of the meeting it was signed at* (guideline 10): a signing that names
    no city but says it happened at a meeting or visit ("During the meeting, the ministers
    signed …", ``meeting_cues``) took place where the text put that meeting in the same
    sentence or up to three sentences before ("The meeting took place in Lima"). Only a
    city after a place word counts (``cue`` location), never a dateline.

    >>> from accords.read.articles import Article
    >>> from accords.extract import extract
    >>> text = ("Defence news\nThe talks were held in Lima on Monday.\n"
    ...         "During the talks, Chile and Peru signed a defence cooperation agreement.")
    >>> [r.place for r in extract(Article(id="x", text=text, title="Defence news",
    ...                                   lang="en"))]
    ['Lima']
    """
    cues = _cues(article.lang)
    if cues.meeting is None:
        return records
    starts = [x.start for x in spans]
    by_sentence: dict[int, Span] = {}
    met: set[int] = set()
    for s in layout.sentences:
        if not cues.meeting.search(article.text, s.start, s.end):
            continue
        met.add(s.index)
        lo, hi = bisect.bisect_left(starts, s.start), bisect.bisect_left(starts, s.end)
        place = next((x for x in spans[lo:hi] if x.label == "PLACE" and x.norm
                      and x.end <= s.end and x.attrs.get("cue") == "location"), None)
        if place is not None:
            by_sentence[s.index] = place
    out = []
    for r, sentences in zip(records, told, strict=True):
        if r.place or r.action not in ("signed", "announced") or not sentences & met:
            out.append(r)
            continue
        here = max(sentences & met)
        place = next((by_sentence[i] for i in range(here, here - 4, -1) if i in by_sentence),
                     None)
        if place is None:
            out.append(r)
            continue
        out.append(replace(r, place=place.norm, rules=_with(r.rules, "place: meeting-place"),
                           evidence=tuple(dict.fromkeys((*r.evidence, Evidence(
                               "place", article.id, place.start, place.end, place.exact,
                               "PLACE"))))))
    return out


def _voted_now(group: list[_Candidate]) -> bool:
    """Whether the reports of an agreement include an undated approval ("the Senate approved
    the ratification bill"): a step the article reports as its news. An agreement the text
    names with its date ("the treaty of 28 March 1994", which the new one replaces) is
    history, whatever was approved beside it."""
    return (any(c.action.attrs.get("verb") == "approved" and c.date is None for c in group)
            and not any("action: dated-mention" in c.rules for c in group))


def _mark_background(article: Article, records: list[AgreementRecord],
                     news: Sequence[bool] = ()) -> list[AgreementRecord]:
    """Records dated two or more years before the article's event are background. For a
    later step (ratified, in force, renewed, terminated) the step's own date counts: an old
    agreement ratified or renewed today is news. Rule *a vote today is news*: an old
    agreement whose ratification bill the article reports approved (``news``) is not
    background, however old its signing."""
    def when(r: AgreementRecord) -> str | None:
        if r.action in ("ratified", "entered_into_force", "renewed", "terminated"):
            return r.action_date
        return r.date_signed

    years = [int(when(r)[:4]) for r in records if when(r)]
    reference = article.published.year if article.published else (max(years) if years else None)
    if reference is None:
        return records
    out = []
    for i, r in enumerate(records):
        date = when(r)
        old = date is not None and int(date[:4]) <= reference - 2
        rules = r.rules
        if old and i < len(news) and news[i]:
            old = False
            rules = _with(rules, "is_background: vote-today-is-news")
        elif old:
            rules = _with(rules, "is_background: old-date-background")
        out.append(_replace(r, is_background=old, rules=rules))
    return out


def extract(article: Article, spans: Iterable[Span] | None = None,
            layout: Layout | None = None, *, warn: bool = True) -> list[AgreementRecord]:
    """Agreement records of ``article``: from ``spans`` if given, else from the annotators.

    An article that is not read normally (:func:`article_status`: no lexicon for its language,
    mostly boilerplate, no body text) emits an :class:`ExtractionWarning` naming it and the
    reason, unless ``warn`` is false, and still gives what the rules find: for a language
    without a lexicon that is nothing, unless ``spans`` (reviewed by a person) are given.
    """
    layout = layout or analyse(article)
    if _not_read(article, layout, warn) == "no_lexicon" and spans is None:
        return []
    if spans is None:
        from accords.annotate import annotate

        spans = annotate(article, layout=layout)
    spans = sorted((s for s in spans if s.status != "rejected"), key=lambda s: (s.start, s.end))
    groups = _group(_candidates(article, layout, spans))
    records = [_record(article, layout, g, spans) for g in groups]
    records = _same_occasion(layout, records)
    records = _dated_meeting(article, layout, spans, records,
                             [{c.sentence for c in g} | {c.heading for c in g if c.heading}
                              for g in groups])
    # a signing by "the ministers" named in the sentence before was told there too
    records = _meeting_place(article, layout, spans, records,
                             [{c.sentence for c in g} | {c.sentence - 1 for c in g if
                                                         "signatories: signers-named-by-role"
                                                         in c.rules} for g in groups])
    records = _mark_background(article, records,
                               [_voted_now(g) for g in groups])
    records.sort(key=lambda r: (r.is_background, _first_evidence(r)))
    return records


def extract_reviewed(article: Article) -> list[AgreementRecord]:
    """Records from the article's reviewed annotations: human decisions win over the rules."""
    from accords.annotate import annotate
    from accords.review import store

    notes = store.load(article)
    notes.merge(annotate(article))
    return extract(article, notes.effective())


def extract_row(row: dict[str, Any], *, provenance: bool = True) -> dict[str, Any]:
    """One JSON article in, ``{"id", "lang", "status", "status_reason", "agreements"}`` out
    (the CLI's task). ``status`` is the code of :func:`article_status`; an article that was
    not read says so there instead of warning."""
    article = article_from_row(row, f"id {row.get('id')!r}")
    layout = analyse(article)
    status = article_status(article, layout)
    records = extract(article, layout=layout, warn=False)
    return {"id": article.id, "lang": article.lang, "status": status.code,
            "status_reason": status.reason,
            "agreements": [r.to_json(provenance=provenance) for r in records]}


def status_key(result: dict[str, Any]) -> tuple[str, str]:
    """``(lang, status)`` of one :func:`extract_row` result, for counting a corpus run
    (``"?"`` where the row has none)."""
    return (result.get("lang") or "?", result.get("status") or "?")
