"""Field builder: the parties, by their role in the act (guideline 9)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from accords.extract.base import _Candidate, _in
from accords.extract.cues import _Cues, _may_be_plural
from accords.read.layout import Layout
from accords.spans import Span


def _lead_states(layout: Layout, spans: Sequence[Span]) -> list[str]:
    """States of the headline and the first two body sentences, most mentioned first."""
    chosen = list(layout.sentences[:3])
    counts: dict[str, int] = {}
    order: dict[str, int] = {}
    for s in chosen:
        for span in spans:
            if span.label == "STATE" and span.norm and _in(span, s.start, s.end):
                counts[span.norm] = counts.get(span.norm, 0) + 1
                order.setdefault(span.norm, span.start)
    return sorted(counts, key=lambda c: (-counts[c], order[c]))


def _window_states(states: list[Span], action: Span, agreement: Span, text: str = "",
                   cues: _Cues | None = None) -> set[str]:
    """When a sentence names more than two states, keep those in the roles of the act
    (:func:`_role_states`), else those close to it."""
    codes = {s.norm for s in states}
    if len(codes) <= 2:
        return codes
    if cues is not None and text:
        roles = _role_states(states, action, agreement, text, cues)
        if len(roles) >= 2:
            return roles
    inside = {s.norm for s in states if _in(s, agreement.start, agreement.end + 60)}
    if len(inside) >= 2:
        return inside
    lo = min(action.start, agreement.start) - 80
    hi = max(action.end, agreement.end) + 80
    near = {s.norm for s in states if lo <= s.start and s.end <= hi}
    return near if len(near) >= 2 else codes


def _role_states(states: list[Span], action: Span, agreement: Span, text: str,
                 cues: _Cues) -> set[str]:
    """Rule *parties by role* (guideline 9): the parties are the states that act or are
    named as partners — the subject of the verb (the states before it in its clause, back to
    a relative pronoun or subordinating word of ``clause_breakers``), the states inside the
    agreement's words ("the agreement between Chile and Peru"), and those right after a
    partner word (``partner_words``: "with", "between"). A state that is the story's topic in
    another clause ("…, as concern grows over Bolivia") plays no role.

    >>> from accords.read.articles import Article
    >>> from accords.extract.cues import _cues
    >>> from accords.spans import make_span
    >>> a = Article(id="x", lang="en", text="Chile and Peru signed a pact as tension with "
    ...             "Bolivia grew.")
    >>> s = [make_span(a, i, j, "STATE", norm=n) for i, j, n in
    ...      ((0, 5, "CHL"), (10, 14, "PER"), (45, 52, "BOL"))]
    >>> verb, pact = make_span(a, 15, 21, "ACTION"), make_span(a, 24, 28, "AGREEMENT")
    >>> sorted(_role_states(s, verb, pact, a.text, _cues("en")))
    ['CHL', 'PER']
    """
    roles: set[str] = set()
    first = min(action.start, agreement.start)
    clause_start = 0
    if cues.clause_breakers is not None:
        for match in cues.clause_breakers.finditer(text, max(0, first - 300), first):
            clause_start = match.end()
        # "While Bolivia objected, Chile signed…": a subordinate clause put first ends at
        # its comma
        comma = text.find(",", clause_start, first)
        if clause_start and comma != -1:
            clause_start = comma + 1
    last = max(action.end, agreement.end)
    previous: Span | None = None
    for state in sorted(states, key=lambda s: s.start):
        if _in(state, agreement.start, agreement.end):
            roles.add(state.norm)
        elif clause_start <= state.start and state.end <= first:
            roles.add(state.norm)  # the subject, in the verb's own clause
        elif (cues.partner_words is not None and state.start >= first
              and state.start - last <= 60
              and cues.partner_words.search(text, max(0, state.start - 16), state.start)
              and not (cues.clause_breakers
                       and cues.clause_breakers.search(text, last, state.start))):
            roles.add(state.norm)
        elif (previous is not None and previous.norm in roles and state.start >= first
              and _COORDINATED.fullmatch(text, previous.end, state.start)):
            roles.add(state.norm)  # "between Armenia, Greece and Cyprus": the list goes on
        previous = state
    return roles


# a comma, or one short word (a conjunction), between two states of one list, and the
# article a language puts before a name ("e l'Ecuador", "y el Perú", "и …")
_COORDINATED = re.compile(r"\s*(?:,\s*|\s+\w{1,3}\s+|,\s*\w{1,3}\s+)(?:\w{1,3}['’]|\w{1,3}\s+)?")


def _split_partners(candidate: _Candidate, states: list[Span], cues: _Cues,
                    text: str) -> list[_Candidate] | None:
    r"""Rule *one facing many* (guideline 9): "Chile signed defence agreements with Peru and
    Ecuador" — a plural agreement of one state with a list of partners after a partner word
    is one agreement per partner (Chile–Peru, Chile–Ecuador); so is a head whose plural looks
    singular ("dohody", "соглашения"). None when the sentence is not of that shape (a
    singular agreement with two partners may be trilateral).

    >>> from accords.read.articles import Article
    >>> from accords.extract import extract
    >>> text = "Defence news\nChile signed military agreements with Peru and Ecuador."
    >>> [r.parties for r in extract(Article(id="x", text=text, title="Defence news",
    ...                                     lang="en"))]
    [('CHL', 'ECU'), ('CHL', 'PER')]
    """
    if (len(candidate.parties) < 3 or candidate.organization or cues.partner_words is None
            or not _may_be_plural(candidate.agreement, cues)):
        return None
    partners: list[Span] = []
    for state in sorted(states, key=lambda s: s.start):
        if state.start < candidate.agreement.start:
            continue
        if not partners:
            if cues.partner_words.search(text, max(0, state.start - 16), state.start):
                partners.append(state)
        elif _COORDINATED.fullmatch(text, partners[-1].end, state.start):
            partners.append(state)
        else:
            break
    codes = {s.norm for s in partners if s.norm}
    subject = candidate.parties - codes
    if len(codes) < 2 or len(subject) != 1:
        return None
    return [replace(candidate, parties=subject | {code},
                    rules={*candidate.rules, "parties: one-facing-many"})
            for code in sorted(codes)]


def _split_bilateral(candidate: _Candidate, states: list[Span], cues: _Cues, text: str,
                     start: int, end: int) -> list[_Candidate]:
    """"Bilateral plans of A with B, C and D" are three agreements: A–B, A–C, A–D; and
    plural agreements of one state with several partners are one per partner
    (:func:`_split_partners`)."""
    partnered = _split_partners(candidate, states, cues, text)
    if partnered is not None:
        return partnered
    if (len(candidate.parties) < 3 or candidate.organization or cues.bilateral is None
            or not cues.bilateral.search(text[start:end])):
        return [candidate]
    after = [s for s in states if s.start >= candidate.agreement.start]
    anchor = (after or states)[0].norm
    others = sorted(candidate.parties - {anchor})
    return [replace(candidate, parties={anchor, other}, rules=set(candidate.rules))
            for other in others]


def _user_assigned(codes: Iterable[str]) -> dict[str, str]:
    """Rule *no ISO code, no party code* (record format: ``parties_other``): alpha-3 codes
    that ISO 3166 leaves to users (``XAA``–``XZZ``, such as Kosovo's ``XKX``) are no
    ISO 3166-1 codes; such a party is named in ``parties_other`` by its English name.

    >>> _user_assigned({"ITA", "XKX"})
    {'XKX': 'Kosovo'}
    """
    from babel import Locale

    from accords.annotate import gazetteer

    out = {}
    for code in codes:
        if code.startswith("X"):
            alpha2 = next((a2 for a2, (a3, _) in gazetteer._code_table().items()
                           if a3 == code), None)
            out[code] = (Locale("en").territories.get(alpha2, code) if alpha2 else code)
    return out


def _core_parties(group: list[_Candidate]) -> set[str]:
    """Rule *merging never widens the parties* (guideline 9): the reports of one agreement
    name its parties in several sentences, and a sentence that names more states than the
    others ("…before flying to Chile to witness the signing of the pact", after the lead said
    Peru and Chile) adds bystanders, not parties. The record takes the smallest party set
    (of two or more) that every other report's set contains; a one-state act (a
    ratification) does not shrink it.

    >>> def c(*codes):
    ...     return _Candidate(0, None, None, "other", "signed", set(codes), None, [], None,
    ...                       [], [], False)
    >>> sorted(_core_parties([c("CHL", "PER"), c("CHL", "NZL", "PER"), c("PER")]))
    ['CHL', 'PER']
    """
    sets = [c.parties for c in group]
    pairs = [s for s in sets if len(s) >= 2] or [s for s in sets if s] or sets
    core = [s for s in pairs if all(s <= other for other in pairs)]
    return set(min(core, key=len)) if core else set(max(sets, key=len))
