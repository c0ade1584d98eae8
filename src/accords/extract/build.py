"""From a group of candidates to one record: every field and its evidence."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from accords.extract.base import _ACTION_RANK, GENERIC_KINDS, _Candidate, _date_value
from accords.extract.cues import _capitals
from accords.extract.dates import _best_date, _period_years, _planned_date
from accords.extract.parties import _core_parties, _user_assigned
from accords.extract.records import AgreementRecord, Evidence, Source
from accords.extract.signatories import _citation_form, _vowels
from accords.read.articles import Article
from accords.read.layout import Layout
from accords.spans import Span


def _record(article: Article, layout: Layout, group: list[_Candidate],
            spans: Sequence[Span]) -> AgreementRecord:
    # The furthest legal step the text reports is the record's action (guideline 4).
    # The body's tenses decide; a headline's only when the body does not report the act.
    told = [c for c in group if not c.in_headline] or group
    completed = [c.action_name for c in told
                 if c.action_name != "announced" and not c.tenseless]
    # rule *a step told only in the headline* (issue 10): "Chile-Peru pact now in force"
    # over a body that tells only the signing: the headline's later step counts
    headline_steps = [c.action_name for c in group if c.in_headline and c.action_name in (
        "ratified", "entered_into_force", "renewed", "terminated")
        and c.action_name not in {t.action_name for t in told}]
    if completed and headline_steps:
        completed += headline_steps
        headline_rule = True
    else:
        headline_rule = False
    if completed:
        action = max(completed, key=_ACTION_RANK.__getitem__)
    elif any(c.action_name == "announced" for c in told):
        action = "announced"  # "la firma" of a signing the text plans
    else:
        action = "signed"
    specific = [c for c in group if not c.generic] or group
    main = min(specific, key=lambda c: (c.in_headline and len(specific) > 1, c.sentence,
                                        c.agreement.start))
    kinds = [c.kind for c in specific]
    # rule *the body's kind over the headline's* (guideline 8): between two kinds told
    # equally often, the one the body gives its agreement wins ("Chile and Peru sign
    # agreement" over "signed an agreement on defence cooperation"), then the main one's
    body = {c.kind for c in specific if not c.in_headline}
    def told_often(k: str) -> tuple[bool, int]:
        return k not in GENERIC_KINDS, kinds.count(k)

    kind = max(sorted(set(kinds)), key=lambda k: (*told_often(k), k in body, k == main.kind))
    body_first = kind in body and sum(told_often(k) == told_often(kind) for k in set(kinds)) > 1
    parties = _core_parties(group)
    rules = set().union(*(c.rules for c in group))
    if body_first and any(c.in_headline and c.kind not in body for c in specific):
        rules.add("kind: body-kind-first")
    if kind == "other" and any(c.agreement.attrs.get("typed") for c in specific):
        rules.add("kind: typed-other")
    if any(c.vague and c.kind != kind for c in group):
        rules.add("kind: vague-head-kind")
    told = [c.kind for c in group if c.generic and c.kind not in GENERIC_KINDS
            and c.agreement.attrs.get("by_subject")]
    if kind in GENERIC_KINDS and told:
        kind = max(set(told), key=lambda k: (told.count(k), k))
        rules.add("kind: kind-told-later")
    elif kind in GENERIC_KINDS:
        said = _kind_said_next(layout, spans, group)
        if said:
            kind = said
            rules.add("kind: kind-said-next")
    if parties != set().union(*(c.parties for c in group)):
        rules.add("parties: merging-never-widens")
    if len({c.action_name for c in group}) > 1:
        rules.add("action: furthest-step")
    if headline_rule and action in headline_steps:
        rules.add("action: step-in-headline")
    if any(c.action.attrs.get("verb") not in ("dated", "formula") for c in group):
        rules.add("action: agreement-and-action")
    if not rules & {"kind: analogous-kind"}:
        rules.add("kind: kind-by-subject")
    organization = next((c.organization for c in group if c.organization), None)
    signing = [c for c in group if c.action_name in ("signed", "announced")
               and "action: planned-step-announced" not in c.rules]
    stepping = [c for c in group if c.action_name == action]
    date = _best_date(signing)
    if date is not None and any(c.date is date and not c.rules & {
            "date_signed: dated-mention", "date_signed: treaty-formula"} for c in group):
        rules.add("date_signed: date-of-the-verb")
    if date is not None and date.attrs.get("basis") == "dateline":
        rules.add("date_signed: dateline-is-today")
    step_date = _best_date(stepping) if action not in ("signed", "announced") else None
    period = next((c.period for c in sorted(group, key=lambda c: c.sentence) if c.period), None)
    start, end = _period_years(period)
    if start is not None:
        rules.add("period: period-after-title")
    people: list[Span] = []
    for c in group:
        people.extend(c.people)
    # rule *a surname signs for its full name* (guidelines 6, 13): "Ruiz and Soto signed"
    # after "Ana Ruiz … Luis Soto" lists the names as the text first gave them; a surname
    # of someone the signing names in full already adds nothing
    full = {p.exact for p in people if p.attrs.get("via") != "coreference"}
    people = [p for p in people if p.attrs.get("via") != "coreference" or p.norm not in full]
    # rule *a signer in the form the text names them in*: "с Нго Ван Анем" after "Нго Ван Ань"
    named_people = [s for s in spans if s.label == "PERSON"
                    and s.attrs.get("via") != "coreference"]
    vowels = _vowels(article.lang)
    cited = {id(p): _citation_form(p, named_people, vowels) for p in people
             if p.attrs.get("via") != "coreference"}
    if any(cited.get(id(p), p) is not p for p in people):
        rules.add("signatories: citation-form")
    signatories = _without_short_forms(dict.fromkeys(
        (p.norm or p.exact) if p.attrs.get("via") == "coreference" else cited[id(p)].exact
        for p in sorted(people, key=lambda p: p.start)))
    if any(p.attrs.get("via") == "coreference" for p in people):
        rules.add("signatories: surname-for-full-name")
    # a city after a place word ("signed in Kyiv") before one the text names without one
    # (a city in a source line, "Milano, 24 feb")
    cities = next((c.places for c in group if c.places), [])
    place_span = next((p for p in cities if p.attrs.get("cue") in ("signing", "location")),
                      cities[0] if cities else None)  # "signed in X", "in X" come first
    if place_span is None:
        place_span = _fallback_place(layout, group, spans)
        if place_span is not None:
            rules.add("place: dateline-place")
    place = place_span.norm if place_span is not None else None
    joint = next((c.joint_places for c in group if len(c.joint_places) >= 2), ())
    if joint:
        place = "; ".join(dict.fromkeys(p.norm for p in joint))
    evidence = [Evidence("title_span", article.id, main.agreement.start, main.agreement.end,
                         main.agreement.exact, "AGREEMENT"),
                Evidence("action", article.id, main.action.start, main.action.end,
                         main.action.exact, "ACTION")]
    for span in joint[1:]:
        evidence.append(Evidence("place", article.id, span.start, span.end, span.exact,
                                 span.label))
    for name, span in (("date_signed", date), ("action_date", step_date), ("period", period),
                       ("place", place_span)):
        if span is not None:
            evidence.append(Evidence(name, article.id, span.start, span.end, span.exact,
                                     span.label))
    for p in people:
        evidence.append(Evidence("signatories", article.id, p.start, p.end, p.exact, "PERSON"))
        form = cited.get(id(p), p)
        if form is not p:
            evidence.append(Evidence("signatories", article.id, form.start, form.end,
                                     form.exact, "PERSON"))
    named: dict[str, Span] = {}
    for c in sorted(group, key=lambda c: c.sentence):
        for st in c.states:
            code = st.norm if st.label == "STATE" else _capitals().get(st.norm or "")
            if code in parties:
                named.setdefault(code, st)
    for st in sorted(named.values(), key=lambda x: x.start):
        evidence.append(Evidence("parties", article.id, st.start, st.end, st.exact, st.label))
    date_value = _date_value(date)
    action_date, action_evidence = _date_value(step_date), step_date.exact if step_date else None
    date_evidence = date.exact if date is not None else None
    if action == "announced":
        action_date, action_evidence = _planned_date(article, date), date_evidence
        date_value = date_evidence = None
    source = Source(article.id, url=article.url, outlet=article.outlet, lang=article.lang,
                    published=article.published.isoformat() if article.published else None,
                    sha256=article.sha256)
    others = _user_assigned(parties)
    if others:
        rules.add("parties: no-iso-code-is-other")
    return AgreementRecord(
        parties=tuple(sorted(set(parties) - set(others))),
        parties_other=tuple(sorted(others.values())),
        organization=organization,
        kind=kind,
        action=action,
        date_signed=date_value,
        date_evidence=date_evidence,
        period_start=start,
        period_end=end,
        action_date=action_date,
        action_date_evidence=action_evidence,
        signatories=signatories,
        place=place,
        title_span=main.agreement.exact,
        is_background=False,
        evidence=tuple(dict.fromkeys(evidence)),
        sources=(source,),
        rules=tuple(sorted(rules)),
    )


def _kind_said_next(layout: Layout, spans: Sequence[Span],
                    group: list[_Candidate]) -> str | None:
    """Rule *what the agreement does, said next* (issue 10, across sentences; guideline 8):
    the sentence right after the last report of an agreement whose kind is still generic (or
    the one after it, when the sentence between names no agreement) opens with a bare
    mention of an agreement ("The agreement allows troops to enter each other's territory")
    whose clause gives a specific kind by subject, and names no other agreement: that is
    what this agreement does.

    >>> from accords.read.articles import Article
    >>> from accords.extract import extract
    >>> text = ("Defence news\\nChile and Peru signed a defence pact on Monday.\\n"
    ...         "The agreement regulates the status of their visiting forces.")
    >>> [r.kind for r in extract(Article(id="x", text=text, title="Defence news",
    ...                                  lang="en"))]
    ['status_of_forces']
    """
    last = max(c.sentence for c in group)
    # sentences are numbered from 1 in order, and spans are sorted by start (see extract);
    # one sentence naming no agreement may stand between ("This is a reply to …")
    inside: list[Span] = []
    for following in layout.sentences[last:last + 2]:
        lo = bisect_left(spans, following.start, key=lambda s: s.start)
        hi = bisect_left(spans, following.end, key=lambda s: s.start)
        inside = [s for s in spans[lo:hi] if s.label == "AGREEMENT" and s.end <= following.end]
        if inside:
            break
    if len(inside) != 1:
        return None
    mention = inside[0]
    opening = layout.article.text[following.start:mention.start]
    words = mention.exact.split()
    # "Der Vertrag", "Traktat uznawany …" (a participle the mention took in): the head first
    bare = (len(words) == 1 or (len(words) == 2 and words[0] == mention.attrs.get("head"))
            ) and len(opening.split()) <= 1
    if bare and mention.attrs.get("by_subject") and mention.norm not in GENERIC_KINDS:
        return mention.norm
    return None


def _fallback_place(layout: Layout, group: list[_Candidate],
                    spans: Sequence[Span]) -> Span | None:
    """The dateline's PLACE span for a signing reported in the lead sentence, else None."""
    after = layout.dateline.body_start if layout.dateline is not None else 0
    lead = next((s.index for s in layout.sentences if s.end > after and (
                 layout.headline is None or s.paragraph != layout.headline.index)), None)
    if not (any(c.sentence == lead for c in group)
            and any(c.action_name == "signed" for c in group)):
        return None
    # the dateline is read before the lead: look only among the spans before the lead ends
    # (spans are sorted by start), not through the whole article for every record
    end = next((s.end for s in layout.sentences if s.index == lead), 0)
    upto = bisect_left(spans, end, key=lambda s: s.start)
    return next((s for s in spans[:upto] if s.label == "PLACE"
                 and s.attrs.get("cue") == "dateline" and s.norm), None)


def _sentence_of(layout: Layout, record: AgreementRecord) -> int:
    sentence = layout.sentence_at(_first_evidence(record))
    return sentence.index if sentence is not None else 0


def _replace(record: AgreementRecord, **changes: Any) -> AgreementRecord:
    return replace(record, **changes)


def _first_evidence(record: AgreementRecord) -> int:
    """Where the record's agreement is named (its title evidence), for order and sentences."""
    titles = [e.start for e in record.evidence if e.field == "title_span"]
    return min(titles or [e.start for e in record.evidence] or [0])


def _without_short_forms(names: Iterable[str]) -> tuple[str, ...]:
    """Rule *a surname again is the same signer* (guideline 6): a name that is the last words
    of another signer's full name ("Ruiz" after "Ana Ruiz", "the ministers Ruiz and Soto"
    after both were named) is that person again, not another signatory.

    >>> _without_short_forms(["Ana Ruiz", "Luis Soto", "Ruiz", "Soto"])
    ('Ana Ruiz', 'Luis Soto')
    """
    listed = list(names)
    full = [n.split() for n in listed]
    return tuple(n for n, words in zip(listed, full, strict=True)
                 if not any(len(other) > len(words) and other[-len(words):] == words
                            for other in full))
