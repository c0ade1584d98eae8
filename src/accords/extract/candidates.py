"""Candidates: one per agreement and the act done to it, sentence by sentence."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from accords.extract.base import (
    _PLANNED_ONLY,
    BLOCS,
    GENERIC_KINDS,
    _arity,
    _Candidate,
    _distance,
    _head,
    _in,
    _is_generic,
)
from accords.extract.cues import (
    _capitals,
    _Cues,
    _cues,
    _is_plural,
    _is_process_noun,
    _is_vague,
    _may_be_plural,
)
from accords.extract.dates import _after, _assign_dates, _dateline_like, _ends_a_period
from accords.extract.parties import _lead_states, _split_bilateral, _window_states
from accords.extract.signatories import _not_present, _signers_by_role
from accords.read.articles import Article
from accords.read.layout import Layout, Sentence
from accords.spans import Span, make_span


def _candidates(article: Article, layout: Layout, spans: Sequence[Span]) -> list[_Candidate]:
    lead = _lead_states(layout, spans)
    cues = _cues(article.lang)
    lead_sentences = {s.index for s in layout.sentences[:2]}
    starts = [s.start for s in spans]  # spans are sorted by start (see extract)
    all_agreements = sorted((s for s in spans if s.label == "AGREEMENT"), key=lambda s: s.start)
    out: list[_Candidate] = []
    heading: Span | None = None  # "…, four documents were signed:" governs the list below
    named_here: list[Span] = []  # the people named in the sentence before this one
    previous_inside: list[Span] = []  # the spans of the sentence before this one
    for sentence in layout.sentences:
        lo = bisect.bisect_left(starts, sentence.start)
        hi = bisect.bisect_left(starts, sentence.end)
        inside = [s for s in spans[lo:hi] if s.end <= sentence.end]
        item = heading is not None and _LIST_ITEM.match(article.text, sentence.start)
        if not item:
            heading = _list_heading(article.text, sentence, inside)
        named_before, named_here = named_here, [
            s for s in inside if s.label == "PERSON" and s.attrs.get("via") != "coreference"]
        before_inside, previous_inside = previous_inside, inside
        if not any(s.label in ("AGREEMENT", "ACTION") for s in inside):
            continue
        agreements = [s for s in inside if s.label == "AGREEMENT"]
        elided: dict[int, list[Span]] = {}
        if cues.elided_starts:
            for named in list(agreements):
                items = _elided(article, named, sentence.end, inside, cues)
                if items and items[0].attrs.get("coordinated"):
                    # the plural's own subject is one of the list: its kind is its own words'
                    own = replace(named, norm=_item_kind(article.lang, named.exact)
                                  or named.norm)
                    agreements[next(i for i, a in enumerate(agreements) if a is named)] = own
                    named = own
                if items:  # rule *agreements elided after a plural*
                    elided[id(named)] = items
                    agreements.extend(items)
            agreements.sort(key=lambda a: a.start)
        context = inside  # the spans a candidate reads its parties, people and places from
        carried = (not agreements and not item
                   and _signed_next(inside, before_inside, cues))
        if carried:
            agreements = [carried]  # rule *signed in the next sentence*
            context = [*before_inside, *inside]
        # "approvato il provvedimento di ratifica", "одобрили законопроект о ратификации": a
        # ratification named as a noun is a bill or a process, not a completed ratification
        # (guideline 4: one chamber's vote is not ratification unless the text says ratified).
        sentence_text = article.text[sentence.start:sentence.end]
        approval = any(s.label == "ACTION" and s.attrs.get("verb") == "approved"
                       for s in inside)
        final = approval and bool(cues.final_approval
                                  and cues.final_approval.search(sentence_text))
        actions = [s for s in inside if s.label == "ACTION"
                   and not (s.norm != "signed" and _is_process_noun(s, cues)
                            and not (final and s.norm == "ratified")
                            and not _notice_given(article.text, sentence, s, cues))]
        bill = approval and any(s.label == "ACTION" and s.norm == "ratified"
                                and (_is_process_noun(s, cues) or s.attrs.get("planned"))
                                for s in inside)
        if agreements:
            out.extend(_dated_mentions(article, sentence.index, inside, agreements, lead,
                                       lead_sentences, cues, all_agreements))
            out.extend(_treaty_formulas(article, sentence.index, inside, agreements, lead,
                                        lead_sentences, cues, all_agreements))
        governed = bool(item and agreements and not actions)
        if governed:
            actions = [heading]  # rule *a list under its verb*
        if not agreements or not actions:
            continue
        # a date inside an agreement's title ("the 1994 treaty", "договора 1994 года") dates
        # that agreement, not the verb; a date after a reporting verb dates the report
        dates = [s for s in inside if s.label == "DATE"
                 and not any(_in(s, a.start, a.end) for a in agreements)
                 and not (cues.reporting and cues.reporting.search(
                     article.text, max(sentence.start, s.start - 60), s.start))
                 and not _ends_a_period(article.text, s, cues)
                 and not _dateline_like(article.text, sentence.start, s.start, inside)
                 # a treaty formula's date is the agreement's, not the verb's (a vote's)
                 and not (cues.formula and cues.formula.search(
                     article.text, max(sentence.start, s.start - 60), s.start))]
        owned = _assign_dates(actions, dates)
        if bill and not final:
            # the date of a vote on a ratification bill is not the agreement's signing date
            owned = {i: ([] if actions[i].attrs.get("verb") == "approved" else d)
                     for i, d in owned.items()}
        for position, action in enumerate(actions):
            if action.attrs.get("negated"):
                continue
            planned = bool(action.attrs.get("planned"))
            name = action.norm or "signed"
            if (name == "signed" and action.attrs.get("verb") != "approved"
                    and cues.ratification_laws and cues.ratification_laws.match(
                        article.text, _next_word(article.text, action.end, cues.stopwords))):
                name = "ratified"  # the head of state signed the ratification law
                made_by = "action: ratification-law"
            elif action.attrs.get("decided"):
                made_by = "action: decided-step"  # "decided to extend the agreement"
            else:
                made_by = None
            if planned and name in _PLANNED_ONLY:
                continue
            if not planned and name != "announced":
                owned[position] = [d for d in owned[position] if not _after(d, article)]
            if (not planned and name == "signed" and cues.planned_after is not None
                    and cues.signing_nouns and cues.signing_nouns.fullmatch(action.exact)
                    and _expected(article.text, action, sentence.end, actions, cues)):
                planned = True  # rule *a signing expected, not done*
                made_by = "action: signing-expected"
            if planned or name == "announced":
                if planned and name in ("renewed", "terminated"):
                    # rule *a planned renewal is announced* (guideline 12): "will extend the
                    # agreement"; its date is the plan's, never the agreement's signing
                    made_by = "action: planned-step-announced"
                    owned[position] = []
                elif planned:
                    made_by = "action: planned-signing-announced"
                name = "announced"
            if (action.norm == "announced" and action.attrs.get("verb") != "in_principle"
                    and not any(a.start > action.start for a in agreements)):
                continue  # "…, ha annunciato il ministero": a report, not an announcement of
                #           an agreement (that verb governs what follows it)
            choices = agreements
            if name in ("renewed", "terminated") and any(
                    pattern is not None and pattern.search(article.text, sentence.start,
                                                           action.start)
                    for pattern in (cues.subject_relatives, cues.instrument_relatives)):
                # rule *an agreement that renews something*: "a programme, which renews the
                # current projects" — the agreement before the relative is the verb's
                # subject; only an agreement after the verb is what it renews or ends
                choices = [a for a in agreements if a.start >= action.end]
                if not choices:
                    continue
            elif name in ("renewed", "terminated") and _object_not_agreement(
                    article.text, action, sentence.end, agreements, cues):
                # the same in a main clause: "the new plan renews the current projects",
                # "o programa vem renovar a cooperação" — the verb's object is no agreement
                choices = [a for a in agreements if a.start >= action.end]
                if not choices:
                    continue
            before = [a for a in choices if a.end <= action.start]
            if before and article.text[sentence.start:action.start].rstrip().endswith(","):
                # ", siglato a Roma il …", ", signed in 2016": a participle after a comma
                # describes the noun phrase before it
                nearest = max(before, key=lambda a: a.end)
            else:
                nearest = min(choices, key=lambda a: (_distance(a, action),
                                                      a.start < action.start, a.start))
            if _is_generic(nearest):
                # "agreed on a pact, a status of forces agreement": a
                # specific agreement right after a generic one is the one meant.
                nearest = next((a for a in agreements if not _is_generic(a)
                                and 0 <= a.start - nearest.end <= 40), nearest)
            listed = _listed_after(nearest, agreements, actions, article.text, cues)
            if id(nearest) in elided:
                items = elided[id(nearest)]
                listed = [*items, *(a for a in listed if all(a is not i for i in items))]
            for agreement in [nearest, *listed]:
                own_dates = owned[position]
                step, step_rule = name, made_by
                if (agreement.attrs.get("accession") and name == "signed" and not planned
                        and action.attrs.get("verb") == "approved"):
                    # rule *approving an accession ratifies it* (guideline 12): a state's
                    # consent to another's joining is its ratification of the accession
                    step, step_rule = "ratified", "action: approving-an-accession"
                if step == "signed" and cues.negotiation is not None and cues.negotiation.search(
                        article.text, max(action.end, agreement.start - 40), agreement.start):
                    # rule *approval to negotiate is announced* (guideline 4): "approved the
                    # start of negotiations on a defence agreement" signs nothing yet
                    step, step_rule = "announced", "action: negotiation-announced"
                if (step == "signed" and action.attrs.get("verb") == "approved"
                        and cues.signing_nouns is not None
                        and action.end <= agreement.start <= action.end + 60
                        and cues.signing_nouns.search(article.text, action.end,
                                                      agreement.start)):
                    # rule *approving a signing is announcing it* (guideline 4): "the
                    # government approved the signing of a memorandum" signs nothing yet
                    step, step_rule = "announced", "action: approved-signing-announced"
                if step == "signed" and any(
                        p.label == "ACTION" and p.attrs.get("verb") == "in_principle"
                        and p.start < agreement.end and agreement.start < p.end
                        for p in inside):
                    # rule *an agreement in principle is announced* (guideline 4): "they
                    # concluded an agreement in principle" signs nothing yet
                    step, step_rule = "announced", "action: agreement-in-principle"
                titled = [d for d in inside if d.label == "DATE" and d.norm
                          and _in(d, agreement.start, agreement.end)]
                if not own_dates and titled and step == "signed" and not planned:
                    own_dates = titled[:1]  # "signed an agreement in 2015": its own date
                made = _candidate(article, sentence.index, action, step, agreement, context,
                                  own_dates, lead, lead_sentences, cues, all_agreements)
                if carried:  # the carried agreement's own states sign it, never a body alone
                    made = [c for c in made if len(c.parties) >= 2]
                    if cues.met and cues.met.search(sentence_text):
                        for candidate in made:  # "it was signed after a meeting between …"
                            candidate.people = []
                if own_dates is not owned[position]:
                    for candidate in made:
                        candidate.rules.add("date_signed: date-in-title")
                for candidate in made:
                    _signers_by_role(article.text, sentence.start, candidate, named_before,
                                     cues, inside)
                    candidate.in_headline = bool(layout.headline and sentence.paragraph
                                                 == layout.headline.index)
                    candidate.listed_under = action.start if listed else None
                    candidate.tenseless = bool(step == "signed" and cues.signing_nouns
                                               and cues.signing_nouns.fullmatch(action.exact))
                    if step_rule:
                        candidate.rules.add(step_rule)
                    if step == "terminated" and _is_process_noun(action, cues):
                        candidate.rules.add("action: notice-of-withdrawal")
                    if carried:
                        candidate.rules.add("action: signed-in-next-sentence")
                    if agreement.attrs.get("elided_from"):
                        candidate.rules.add("action: elided-after-plural")
                    if governed:  # the items of one list are distinct agreements
                        candidate.rules.add("action: list-under-verb")
                        candidate.listed_under = action.start
                        at = layout.sentence_at(action.start)
                        candidate.heading = at.index if at is not None else None
                out.extend(made)
    return out


def _notice_given(text: str, sentence: Sentence, action: Span, cues: _Cues) -> bool:
    """Rule *a notice of withdrawal is a termination* (guideline 12): a termination named
    by a noun ("its withdrawal from the treaty") with a notice verb in its clause ("Chile
    notified Peru of its withdrawal", "hat … die Kündigung … mitgeteilt", ``notice_cues``)
    is the step given, not a process."""
    if action.norm != "terminated" or cues.notice is None:
        return False
    return bool(cues.notice.search(text, max(sentence.start, action.start - 60), action.start)
                or cues.notice.search(text, action.end, min(sentence.end, action.end + 80)))


_SPACES = re.compile(r"\s*")
_COLON = re.compile(r"\s*:\s*")
_WORD_AHEAD = re.compile(r"\s*(?:(\w+)\s+)?")

# a list item: a dash, bullet or number starts the line
_LIST_ITEM = re.compile(r"\s*(?:[-–—•*·▪]|\d{1,2}[.)])\s")


def _elided(article: Article, named: Span, end: int, inside: list[Span],
            cues: _Cues) -> list[Span]:
    """Rule *agreements elided after a plural* (guideline 2): "signed a number of agreements,
    in particular on military science and on training" names agreements by their subject
    alone after an ``elision_cues`` word; each item opens with one of ``elided_starts`` and
    runs to the next comma or list word. So do the items after a colon ("two agreements: on
    A and on B") and the further subjects of a plural with a subject of its own ("agreements
    on A, on B and on C"; those items are marked ``coordinated``). The items, as AGREEMENT
    spans of their own (kind by the lexicon's kind rules over the item, else the plural's),
    or [] without such words."""
    text = article.text
    head = str(named.attrs.get("head") or "")
    if not _may_be_plural(named, cues):
        return []
    ambiguous = not _is_plural(named, cues)
    opens, split = _item_patterns(cues.elided_starts, cues.joiners)
    cue = (cues.elision.match(text, named.end, end)
           if cues.elision is not None and not ambiguous else None)
    fallback = named.norm  # an item with no kind words of its own has the plural's kind
    colon = _COLON.match(text, named.end, end)
    if cue is not None:
        pos = cue.end()
    elif colon and opens.match(text, colon.end(), end):
        pos = colon.end()  # "signed two agreements: on training and on military medicine"
    else:
        # rule *coordinated subjects of a plural*: "agreements on military cooperation, on
        # training and on classified information" — each further "on …" is one more; a head
        # whose plural is written as its singular ("Abkommen", "соглашения",
        # ``ambiguous_plurals``) is several agreements when such a list follows it
        own = named.exact[len(head):] if named.exact.casefold().startswith(
            head.casefold()) else ""
        joined = split.match(text, named.end, end)
        if not (own.strip() and opens.match(own.lstrip()) and joined
                and opens.match(text, joined.end(), end)):
            return []
        pos = joined.end()
        fallback = _item_kind(article.lang, named.exact) or named.norm
    limit = min([end, *(s.start for s in inside if s.start >= pos
                        and s.label in ("AGREEMENT", "ACTION", "DATE", "PLACE", "PERSON"))])
    items: list[Span] = []
    for piece in split.split(text[pos:limit]):
        a = text.index(piece, pos) if piece else pos
        pos = a + len(piece)
        item = piece.rstrip(" .")
        if not item or not opens.match(item):
            break
        kind = _item_kind(article.lang, item) or fallback
        attrs = {"elided_from": [named.start, named.end], "defence": True}
        if cue is None:
            attrs["coordinated"] = True
        items.append(make_span(article, a, a + len(item), "AGREEMENT", norm=kind,
                               attrs=attrs, origin="rule:extract"))
    return items


def _object_not_agreement(text: str, action: Span, end: int, agreements: list[Span],
                          cues: _Cues) -> bool:
    """Rule *an agreement that renews something* in a main clause (guideline 12): an active
    renewing or ending verb whose object, an article and its noun (``object_articles``),
    is no agreement ("the plan extends the exercises", "il piano rinnova i progetti") has
    the agreement before it as its subject, not as what it renews or ends."""
    if cues.object_articles is None:
        return False
    found = cues.object_articles.match(text, _SPACES.match(text, action.end, end).end(), end)
    return bool(found) and not any(a.start == found.end() for a in agreements)


def _plural_of_two(text: str, agreement: Span, action: Span, states: list[Span],
                   cues: _Cues) -> bool:
    """Rule *a plural two states sign* (guidelines 2, 3): a plural with a subject of its own
    ("agreements on military cooperation", "accordi sulla formazione", "соглашения о
    военном сотрудничестве") that two states, coordinated before the verb, sign or plan to
    sign is their agreement, not a category ("Chile and Peru signed agreements on military
    cooperation"). A bare plural ("signed agreements") or one state facing a count
    ("agreements with 43 countries") stays a category."""
    head = str(agreement.attrs.get("head") or "")
    words = [w for w in re.findall(r"[^\W\d_]+", agreement.exact)
             if w.casefold() not in cues.stopwords]
    if len(words) < 2 or not head or agreement.exact.casefold().endswith(head.casefold()):
        return False  # its words go on after the head: a subject ("on …", "о …")
    first = min(action.start, agreement.start)
    before = sorted((st for st in states if first - 120 <= st.start < first),
                    key=lambda st: st.start)
    if len({st.norm for st in before}) != 2 or len({st.norm for st in states}) != 2:
        return False
    between = re.findall(r"[^\W\d_]+|[,]", text[before[-2].end:before[-1].start].casefold())
    return (any(w in cues.joiners for w in between)
            and all(w in cues.joiners or w in cues.stopwords for w in between))


@cache
def _item_patterns(starts: tuple[str, ...], joiners: frozenset[str]
                   ) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What opens an elided item ("on", "sulla"), and what separates two items."""
    opens = re.compile("(?:" + "|".join(re.escape(w) for w in sorted(
        starts, key=len, reverse=True)) + r")(?:\s|['’])", re.IGNORECASE)
    words = sorted(w for w in joiners if w.isalpha())
    split = re.compile(r"\s*[,;]\s*" + (r"|\s+(?:" + "|".join(map(re.escape, words))
                                        + r")\s+" if words else ""), re.IGNORECASE)
    return opens, split


def _item_kind(lang: str | None, item: str) -> str | None:
    """The kind the lexicon's kind rules give an elided item's words, or None."""
    from accords.annotate.rules import _agreement_rules

    low = item.lower()
    for pattern, kind in _agreement_rules(lang).kinds:
        if pattern.search(low):
            return kind
    return None


def _signed_next(inside: list[Span], before: list[Span], cues: _Cues) -> Span | None:
    """Rule *signed in the next sentence* (guideline 11, across sentences): a sentence that
    reports a completed signing but names no agreement ("It was signed in Lima on 3 May by
    the two ministers.", "Został podpisany 9 maja.") speaks of the one agreement the sentence
    before it names; that agreement, or None. A previous sentence naming several agreements,
    a category ("agreements") or only a generic noun leaves it open."""
    if not any(s.label == "ACTION" and s.norm == "signed" and not s.attrs.get("planned")
               and not s.attrs.get("negated") and not (
                   cues.signing_nouns and cues.signing_nouns.fullmatch(s.exact))
               for s in inside):
        return None
    named = [s for s in before if s.label == "AGREEMENT"]
    if len(named) != 1 or _is_plural(named[0], cues):
        return None
    words = [w for w in re.findall(r"[^\W\d_]+", named[0].exact)
             if w.casefold() not in cues.stopwords]
    return named[0] if len(words) >= 3 else None  # a head and its title, not "the pact"


def _list_heading(text: str, sentence, inside: list[Span]) -> Span | None:
    """Rule *a list under its verb* (issue 10, across sentences): a sentence that reports a
    signing and ends with a colon, naming no agreement after its verb ("After the talks, four
    documents were signed:"), governs the items listed below it ("- a plan of …;"): each
    agreement of an item is signed by that verb. The heading's verb, or None."""
    if not text[sentence.start:sentence.end].rstrip().endswith(":"):
        return None
    verbs = [s for s in inside if s.label == "ACTION" and not s.attrs.get("negated")]
    if not verbs:
        return None
    verb = verbs[-1]
    if any(s.label == "AGREEMENT" and s.start > verb.end for s in inside):
        return None
    return verb


def _expected(text: str, action: Span, end: int, actions: list[Span], cues: _Cues) -> bool:
    """Rule *a signing expected, not done* (guideline 4): a signing named by a noun whose
    clause goes on to say it is expected, planned or postponed ("the signing of the pact
    between Chile and Peru is expected in May", "la firma … è prevista", ``planned_after``)
    has not happened: it is announced. The clause runs to the next verb of an act."""
    limit = min(end, action.end + 160, *(a.start for a in actions if a.start > action.end))
    return bool(cues.planned_after.search(text, action.end, limit))


def _joined(between: str, cues: _Cues) -> bool:
    """Whether the words between two agreements join them into a list (", e il", "and the")."""
    tokens = re.findall(r"\w+|,", between.casefold())
    if not tokens or len(tokens) > 4:
        return False
    return (any(t in cues.joiners for t in tokens)
            and all(t in cues.joiners or t in cues.stopwords for t in tokens))


def _next_word(text: str, pos: int, stopwords: frozenset[str] = frozenset()) -> int:
    """Where the next content word after ``pos`` starts (skipping spaces and one article)."""
    match = _WORD_AHEAD.match(text, pos)
    if match and match.group(1) and match.group(1).casefold() in stopwords:
        return match.end()
    return _SPACES.match(text, pos).end()


def _joiner_before(before: str, cues: _Cues) -> bool:
    """Whether the words right before an agreement join it to a list: a comma or a joiner,
    possibly followed by articles (", и плана", "and a roadmap", "e il protocollo")."""
    tokens = re.findall(r"\w+|,", before.casefold())
    stripped = False
    while tokens and tokens[-1] in cues.stopwords and tokens[-1] not in cues.joiners:
        tokens.pop()
        stripped = True
    if not tokens:
        return False
    # a bare comma joins only right before the item (not ", in a major deal")
    return (tokens[-1] in cues.joiners and tokens[-1] != ",") or (tokens[-1] == ","
                                                                and not stripped)


def _listed_after(first: Span, agreements: list[Span], actions: list[Span], text: str,
                  cues: _Cues) -> list[Span]:
    """Agreements listed with ``first`` under the same verb ("signed A, B and C", "A and B
    were signed"), before or after it."""
    listed = []
    ordered = sorted(agreements, key=lambda a: a.start)
    for direction in (1, -1):
        previous = first
        chain = ordered if direction == 1 else list(reversed(ordered))
        for other in chain:
            if (direction == 1 and other.start < previous.end) or (
                    direction == -1 and other.end > previous.start):
                continue
            lo, hi = ((previous.end, other.start) if direction == 1
                      else (other.end, previous.start))
            if any(lo <= a.start < hi for a in actions) or hi - lo > 100:
                break
            # joined right before the next item (", и плана …" after a participial phrase),
            # or only joiners and articles between the two ("l'accordo e il protocollo")
            joined = _joined(text[lo:hi], cues) or (
                direction == 1 and _joiner_before(text[max(lo, hi - 24):hi], cues))
            if not joined:
                break
            listed.append(other)
            previous = other
    return listed


def _bare_beside_civil(agreement: Span, all_agreements: Sequence[Span]) -> bool:
    """Rule *a bare mention of a civil agreement* (guideline 3): a bare head with no defence
    word near it ("Chile and Peru signed an agreement" as the headline) is the civil agreement
    of the same head that the text names ("… an agreement on trade and transport"), when the
    text names no defence agreement of that head."""
    if agreement.attrs.get("defence") or len(agreement.exact) != len(
            str(agreement.attrs.get("head") or "")):
        return False
    same = [a for a in all_agreements if a is not agreement and _head(a) == _head(agreement)]
    return (any(a.attrs.get("civil") for a in same)
            and not any(a.attrs.get("defence") for a in same))


def _candidate(article: Article, sentence_index: int, action: Span, name: str,
               agreement: Span, inside: list[Span], dates: list[Span], lead: list[str],
               lead_sentences: set[int], cues: _Cues,
               all_agreements: Sequence[Span] = ()) -> list[_Candidate]:
    """The candidate record of one action–agreement pair (none when rules 1–3 say so)."""
    if cues.meeting_documents and cues.meeting_documents.search(agreement.exact):
        return []  # rule 3: a meeting's protocol, minutes or communiqué is no agreement
    if agreement.attrs.get("civil") or _bare_beside_civil(agreement, all_agreements):
        return []  # rule 3: a trade, energy or space agreement gets no record
    states = [s for s in inside if s.label == "STATE" and s.norm]
    rules: set[str] = set()
    if _is_plural(agreement, cues) and not any(
            _in(st, agreement.start, agreement.end) for st in states) and not (
            cues.partner_words is not None and any(
                agreement.end <= st.start <= agreement.end + 60
                and cues.partner_words.search(article.text, max(0, st.start - 16), st.start)
                for st in states)):
        if not _plural_of_two(article.text, agreement, action, states, cues):
            return []  # "agreements", "accordi": a category, not one agreement — unless
            #            partners follow ("similar agreements with A and B", one facing many)
        rules.add("parties: plural-of-two")
    people = [s for s in inside if s.label == "PERSON"]
    parties = _window_states(states, action, agreement, article.text, cues)
    if parties != {s.norm for s in states}:
        rules.add("parties: parties-by-role")
    # "un accordo … tra Roma e Zagabria": capitals inside the agreement's words are its parties
    capitals = _capitals()
    # ("… signed in Madrid": a capital after a place preposition is where, not who)
    # ("… at the summit of Madrid": nor is the capital of a venue)
    named = {capitals[p.norm] for p in inside if p.label == "PLACE" and p.norm in capitals
             and _in(p, agreement.start, agreement.end + 100)
             and p.attrs.get("cue") != "location"
             and not (cues.meeting is not None
                      and cues.meeting.search(article.text, max(0, p.start - 25), p.start))}
    if len(states) < 2 and len(named) < 2:
        # "Roma e Tokyo firmeranno un accordo": capitals as the subject of the verb
        # (verb-final: "Moskau und Minsk haben … ein Abkommen … unterzeichnet")
        first = min(action.start, agreement.start)
        subjects = {capitals[p.norm] for p in inside if p.label == "PLACE"
                    and p.norm in capitals and (first - 80 <= p.start < first
                                                or action.start - 80 <= p.start < action.start)}
        if len(subjects) >= 2:
            named = subjects
    if len(named) >= 2:
        # "per la cooperazione tra Roma e Zagabria": the agreement names its own parties
        parties = named | {s.norm for s in states if _in(s, agreement.start, agreement.end)}
        rules.add("parties: parties-from-capitals")
    elif named - parties:
        parties |= named
        rules.add("parties: parties-from-capitals")
    officials = {p.attrs.get("state") for p in people if p.attrs.get("state")}
    if officials - parties:
        parties |= officials
        rules.add("parties: parties-from-officials")
    # An organisation is a party when it acts: close to the verb or the agreement, and not
    # beside two named states that do the signing themselves.
    orgs = [s for s in inside if s.label == "ORG" and s.norm in BLOCS
            and min(_distance(s, action), _distance(s, agreement)) <= 60]
    acting = len(parties) < 2 or any(_in(p, agreement.start, agreement.end) for p in states)
    organization = (min(orgs, key=lambda o: _distance(o, action)).norm
                    if orgs and acting else None)
    if agreement.attrs.get("accession"):
        organization = agreement.attrs["accession"]  # rule *accession to an alliance*
        rules.add("organization: accession-to-an-alliance")
    if len(parties) < 2 and organization is None:
        for code in lead:
            if len(parties) >= 2:
                break
            if code not in parties:
                parties.add(code)
                rules.add("parties: parties-from-lead")
    if len(parties) == 1 and organization is None:
        # "…hanno firmato oggi a Roma un accordo" with only Slovenia named: the capital where
        # a bilateral agreement is signed is its other party's
        hosts = {capitals[p.norm] for p in inside if p.label == "PLACE"
                 and capitals.get(p.norm or "") not in (None, *parties)
                 and p.attrs.get("cue") != "dateline"}
        if len(hosts) == 1:
            parties |= hosts
            rules.add("parties: party-from-host-capital")
    generic = _is_generic(agreement, cues.stopwords)
    # a ratification or a withdrawal is one state's act: one named party is enough
    if len(parties) < 2 and organization is None and not (
            name in ("ratified", "terminated") and parties and not generic):
        return []
    agreements = [s for s in inside if s.label == "AGREEMENT"]
    periods = [p for p in inside if p.label == "PERIOD"
               and agreement.start <= p.start <= agreement.end + 150
               and not any(o is not agreement and agreement.end <= o.start < p.start
                           for o in agreements)]
    places = [p for p in inside if p.label == "PLACE" and p.attrs.get("cue") != "dateline"
              and not (len(named) >= 2 and capitals.get(p.norm or "") in named)]
    posts = [p for p in places if _post_of_role(p, inside)]
    if posts:
        places = [p for p in places if p not in posts]  # rule *a role's post* (guideline 10)
        rules.add("place: role-post-is-no-signing-place")
    if name == "ratified" and places:
        places = []  # rule *a vote is not the signing's place* (guideline 10)
        rules.add("place: vote-is-no-signing-place")
    kind = agreement.norm or "other"
    window = article.text[agreement.start:min(agreement.end + 30, len(article.text))]
    if cues.analogous and cues.analogous.search(window):
        earlier = [a for a in all_agreements if a.end <= agreement.start
                   and not _is_generic(a) and a.norm]
        typed = [a for a in earlier if a.norm not in GENERIC_KINDS]
        if typed or earlier:
            kind = (typed or earlier)[-1].norm
            rules.add("kind: analogous-kind")
    naming = tuple(s for s in inside if (s.label == "STATE" and s.norm in parties)
                   or (s.label == "PLACE" and capitals.get(s.norm or "") in parties
                       and _in(s, agreement.start, agreement.end + 100)))
    candidate = _Candidate(
        sentence=sentence_index, action=action, agreement=agreement,
        kind=kind, states=naming, action_name=name, parties=set(parties),
        organization=organization, dates=dates, period=periods[0] if periods else None,
        people=_not_present(article.text, people, cues, action) if name == "signed" else [],
        places=places,
        generic=generic, head=_head(agreement),
        in_lead=sentence_index in lead_sentences, rules=rules,
        arity=_arity(agreement, cues), vague=_is_vague(agreement, cues),
    )
    sentence_start = min(s.start for s in inside)
    sentence_end = max(s.end for s in inside)
    return _split_bilateral(candidate, states, cues, article.text, sentence_start, sentence_end)


def _dated_mentions(article: Article, sentence_index: int, inside: list[Span],
                    agreements: list[Span], lead: list[str], lead_sentences: set[int],
                    cues: _Cues, all_agreements: Sequence[Span]) -> list[_Candidate]:
    """"договор от 28 марта 1994 года", "accordo risalente al 17 ottobre 2018": an agreement
    named with its date was signed on that date (the dating words stand as the action)."""
    from accords.spans import make_span

    if cues.dated is None:
        return []
    text = article.text
    verbs = [s for s in inside if s.label == "ACTION"]
    out: list[_Candidate] = []
    for agreement in agreements:
        for date in (s for s in inside if s.label == "DATE"):
            if not 0 <= date.start - agreement.end <= 80:
                continue
            if any(agreement.end <= v.start < date.start for v in verbs):
                continue
            if any(o is not agreement and agreement.end <= o.start < date.start
                   for o in agreements):
                continue
            cue = cues.dated.search(text, agreement.end, date.start)
            if cue is None:
                continue
            start = cue.start() + len(cue.group()) - len(cue.group().lstrip())
            end = start + len(cue.group().strip())
            pseudo = make_span(article, start, end, "ACTION", norm="signed",
                               attrs={"verb": "dated"}, origin="rule:extract",
                               status="accepted")
            # only the states named with the agreement itself are its parties here
            own = [s for s in inside if s.label not in ("STATE", "PERSON")
                   or agreement.start <= s.start < date.start]
            made = _candidate(article, sentence_index, pseudo, "signed", agreement, own,
                              [date], lead, lead_sentences, cues, all_agreements)
            for candidate in made:
                candidate.rules |= {"action: dated-mention", "date_signed: dated-mention"}
            out.extend(made)
            break
    return out


def _post_of_role(place: Span, spans: list[Span]) -> bool:
    """Rule *a role's post* (guideline 10): a city between a role and the name it introduces
    ("the French ambassador in Lima, Jean Dupont") is where that person serves, not where the
    signing took place.

    >>> from accords.extract import extract
    >>> from accords.read.articles import Article
    >>> text = ("Defence news\\nThe Chile–France defence agreement was signed by the French "
    ...         "ambassador in Santiago, Jean Dupont.")
    >>> [r.place for r in extract(Article(id="x", text=text, title="Defence news",
    ...                                    lang="en"))]
    [None]
    """
    return (any(s.label == "ROLE" and 0 <= place.start - s.end <= 30 for s in spans)
            and any(s.label == "PERSON" and s.attrs.get("via") == "role"
                    and 0 <= s.start - place.end <= 3 for s in spans))


def _treaty_formulas(article: Article, sentence_index: int, inside: list[Span],
                     agreements: list[Span], lead: list[str], lead_sentences: set[int],
                     cues: _Cues, all_agreements: Sequence[Span]) -> list[_Candidate]:
    """Rule *the treaty formula* (guidelines 10 and 11): "done at Lima on 3 May 2019", "fatto
    a Roma il …", "совершено в Москве …" after an agreement's name says where and when it was
    signed — in a ratification report too. A formula continued by a second city and date
    ("… and at Santiago on 9 May 2019") gives both cities and the later date. A formula after
    a second partner with no agreement noun of its own ("…, and with Ecuador, done at Quito
    on …") is a second agreement of the same kind with that partner.

    >>> from accords.read.articles import Article
    >>> from accords.extract import extract
    >>> text = ("Defence news\\nThe Senate approved the defence cooperation agreement between "
    ...         "Chile and Peru, done at Lima on 3 May 2019 and at Santiago on 9 May 2019.")
    >>> [(r.date_signed, r.place) for r in extract(Article(id="x", text=text, lang="en"))]
    [('2019-05-09', 'Lima; Santiago')]
    """
    from accords.spans import make_span

    if cues.formula is None:
        return []
    text = article.text
    lo, hi = min(s.start for s in inside), max(s.end for s in inside)
    out: list[_Candidate] = []
    previous_end = None
    first_agreement: Span | None = None
    for match in cues.formula.finditer(text, lo, hi):
        before = [a for a in agreements if a.end <= match.start()]
        if not before:
            continue
        agreement = max(before, key=lambda a: a.end)
        first_agreement = first_agreement or agreement
        places, dates = [], []
        cursor = match.end()
        for _ in range(2):  # the formula, and one continuation "and at PLACE on DATE"
            place = next((s for s in inside if s.label == "PLACE" and s.norm
                          and 0 <= s.start - cursor <= 4), None)
            if place is None:
                break
            date = next((s for s in inside if s.label == "DATE" and s.norm
                         and 0 <= s.start - place.end <= 8), None)
            if date is None:
                break
            places.append(place)
            dates.append(date)
            cursor = date.end
            joiner = re.compile(r"\s+\w{1,3}\s+(?:\w{1,2}\s+)?").match(text, cursor)
            if joiner is None:
                break
            cursor = joiner.end()
        if not dates:
            continue
        states = [s for s in inside if s.label == "STATE" and s.norm]
        elliptic = previous_end is not None and agreement.end <= previous_end
        if elliptic:
            # "…, e con la Corea, fatto a Roma il …": the partner named since the last formula
            new = [s for s in states if previous_end <= s.start < match.start()]
            own = [s for s in states if _in(s, first_agreement.start, first_agreement.end)]
            if not new or not own:
                previous_end = cursor
                continue
            # the elliptic title runs from after the last formula's separators to the date
            gap = text[previous_end:new[0].start]
            title_start = previous_end + len(gap) - len(gap.lstrip(" ,;"))
            title = make_span(article, title_start, dates[-1].end, "AGREEMENT",
                              norm=agreement.norm,
                              attrs={"head": agreement.attrs.get("head")},
                              origin="rule:extract", status="accepted")
            named = [own[0], *new]
        else:
            title = agreement
            named = [s for s in states if agreement.start <= s.start < match.start()]
        pseudo = make_span(article, match.start(), match.end() - len(match.group())
                           + len(match.group().rstrip()), "ACTION", norm="signed",
                           attrs={"verb": "formula"}, origin="rule:extract",
                           status="accepted")
        context = [s for s in inside if s.label not in ("STATE", "PERSON", "PLACE")] + named
        latest = max(dates, key=lambda d: d.norm)
        made = _candidate(article, sentence_index, pseudo, "signed", title, context, [latest],
                          lead, lead_sentences, cues, all_agreements)
        for candidate in made:
            candidate.places = places[:1]
            candidate.joint_places = tuple(places)
            candidate.rules |= {"date_signed: treaty-formula", "place: treaty-formula"}
        out.extend(made)
        previous_end = cursor
    return out
