"""From annotated text to agreement records.

The rules follow the corpus annotation guidelines:

1. **A record needs an agreement and an action in one sentence.** Every ACTION span (signed,
   ratified, entered into force, renewed, terminated) that is not negated is paired with the
   nearest AGREEMENT span of its sentence. Mentions without an action ("the US also has DCAs
   with…"), meetings and statements without a named agreement give nothing.
2. **Planned signings are ``announced``**; other planned steps ("will enter into force", "to be
   ratified") give no record of their own — the text has not said they happened.
3. **Parties** are the states named in the sentence (and the states of the people who sign);
   when the sentence names fewer than two, the states of the headline and lead complete them.
   A record needs two parties, or an organisation, or — for a ratification — the ratifying
   state.
4. **Dates** come only from the record's own sentence (a bare "X and Y signed" has no date);
   relative dates were resolved by the DATE annotator. **Periods** are the PERIOD spans inside
   or right after the agreement's words.
5. **One record per agreement**: candidates of an article that name the same parties and action
   are merged when one of them is generic (a bare "agreement", "accordo", "соглашение") or both
   have the same kind; two specific agreements of different kinds (a programme and its yearly
   plan) stay two records.
6. **Background**: a record dated two or more years before the article's news event (its
   publication date, or the latest date of its other records) is background.

Human-reviewed spans take precedence: :func:`extract_reviewed` runs the same rules over the
spans of the annotation store (human decisions merged with the rules' spans).

>>> from accords import paths
>>> from accords.articles import read_article
>>> records = extract(read_article(paths.articles_dir() / "seed-it-001.txt"))
>>> for r in records:
...     print(r.kind, r.date_signed, r.period_start, r.period_end)
strategic_partnership_programme 2021-11-09 2022 2024
cooperation_plan 2021-11-09 2022 2022
"""

from __future__ import annotations

import bisect
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from accords.articles import Article, article_from_row
from accords.layout import Layout, analyse
from accords.lexicon import available_languages, load_lexicon
from accords.records import AgreementRecord, Evidence, Source
from accords.spans import Span

__all__ = ["ExtractionWarning", "Status", "article_status", "extract", "extract_reviewed",
           "extract_row", "status_key"]

GENERIC_KINDS = ("other", "defense_cooperation_agreement")
BLOCS = frozenset({"NATO", "EU", "CIS", "CSTO", "SCO", "AU", "ASEAN", "GCC", "OSCE",
                   "UNION_STATE", "ECOWAS"})
_PLANNED_ONLY = frozenset({"entered_into_force", "ratified", "renewed", "terminated"})
_ACTION_RANK = {"announced": 0, "signed": 1, "renewed": 2, "ratified": 3,
                "entered_into_force": 4, "terminated": 5}
_PRECISION = {"year": 1, "month": 2, "day": 3}

#: The named rules a record can list in ``rules`` ("field: rule"), with the guideline each
#: implements (corpus README, rules 1–14). Each is documented where it is applied.
RULES: dict[str, str] = {
    "agreement-and-action": "1: an agreement and an action in one sentence make a record",
    "date-of-the-verb": "5, 11: the date nearest the signing verb in its sentence",
    "kind-by-subject": "8: the lexicon's kind rules over the title and the rest of its clause",
    "period-after-title": "2: the years right after the agreement's words are its period",
    "parties-by-role": "9: the states that act or are named as partners, not bystanders",
    "parties-from-capitals": "9: capitals named with the agreement or as the verb's subject",
    "parties-from-officials": "9: the states of the people who sign",
    "parties-from-lead": "9: the headline and lead complete a sentence naming one state",
    "party-from-host-capital": "9, 10: the capital where a bilateral is signed names its host",
    "merging-never-widens": "9: a report naming more states adds bystanders, not parties",
    "planned-signing-announced": "4: a future, modal or planned signing is announced",
    "ratification-law": "12: a head of state signing the ratification law ratifies",
    "furthest-step": "4: the furthest legal step the text reports",
    "dated-mention": "11: an agreement named with its date was signed on that date",
    "treaty-formula": "10, 11: 'done at PLACE on DATE' places and dates the agreement",
    "list-under-verb": "2: a signing verb ending in a colon governs the listed agreements",
    "analogous-kind": "8: a 'similar' agreement takes the kind of the one named before",
    "same-occasion": "11: an undated signing beside a dated one of the same parties",
    "dated-meeting": "10, 11: a dated meeting dates the signings reported at it",
    "dateline-place": "10: a lead-sentence signing filed from the dateline's city",
    "old-date-background": "3: dated two or more years before the article's event",
    "vote-today-is-news": "3, 4: a ratification bill voted today keeps an old agreement news",
}


@dataclass(frozen=True)
class _Cues:
    process: re.Pattern[str] | None
    bilateral: re.Pattern[str] | None
    plural_heads: re.Pattern[str] | None
    joiners: frozenset[str] = frozenset()
    signing_nouns: re.Pattern[str] | None = None
    stopwords: frozenset[str] = frozenset()
    analogous: re.Pattern[str] | None = None
    ratification_laws: re.Pattern[str] | None = None
    reporting: re.Pattern[str] | None = None
    final_approval: re.Pattern[str] | None = None
    dated: re.Pattern[str] | None = None
    clause_breakers: re.Pattern[str] | None = None
    partner_words: re.Pattern[str] | None = None
    until: re.Pattern[str] | None = None
    meeting: re.Pattern[str] | None = None
    formula: re.Pattern[str] | None = None
    meeting_documents: re.Pattern[str] | None = None


@cache
def _cues(lang: str | None) -> _Cues:
    lex = load_lexicon(lang) if lang in available_languages() else {}

    def alternation(patterns) -> re.Pattern[str] | None:
        patterns = tuple(patterns or ())
        return re.compile("(?:" + "|".join(patterns) + ")", re.IGNORECASE) if patterns else None

    return _Cues(process=alternation(lex.get("process_nouns")),
                 bilateral=alternation(lex.get("bilateral_cues")),
                 plural_heads=alternation(lex.get("plural_heads")),
                 joiners=frozenset(w.casefold() for w in lex.get("list_joiners", ())),
                 signing_nouns=alternation(lex.get("signing_nouns")),
                 stopwords=frozenset(w.casefold() for w in lex.get("stopwords", ())),
                 analogous=alternation(lex.get("analogous_cues")),
                 ratification_laws=alternation(lex.get("ratification_laws")),
                 reporting=_before_date(lex.get("reporting_verbs")),
                 final_approval=alternation(lex.get("final_approval")),
                 dated=re.compile(r"(?<!\w)(?:" + "|".join(lex["dated_cues"]) + r")\s*$",
                                  re.IGNORECASE) if lex.get("dated_cues") else None,
                 clause_breakers=_words(lex.get("clause_breakers")),
                 partner_words=_words(lex.get("partner_words"), r"\s+(?:\w+\s+)?$"),
                 until=_words(lex.get("until_words"), r"\s*$"),
                 meeting=re.compile(r"(?<!\w)(?:" + "|".join(lex["meeting_cues"]) + r")(?!\w)",
                                    re.IGNORECASE) if lex.get("meeting_cues") else None,
                 formula=re.compile(r"(?<!\w)(?:" + "|".join(lex["treaty_formula"]) + r")\s+",
                                    re.IGNORECASE) if lex.get("treaty_formula") else None,
                 meeting_documents=alternation(lex.get("meeting_documents")))


def _words(words, tail: str = "") -> re.Pattern[str] | None:
    """Whole words (or phrases) of a lexicon list as one pattern; ``tail`` anchors it."""
    if not words:
        return None
    alternatives = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w){tail}", re.IGNORECASE)


@cache
def _capitals() -> dict[str, str]:
    return dict(load_lexicon("common").get("capitals", {}))


def _before_date(verbs) -> re.Pattern[str] | None:
    """A reporting verb and at most two words ("said on", "told Reuters on", "сообщили
    Sputnik в") ending where a date starts."""
    if not verbs:
        return None
    return re.compile(r"(?:" + "|".join(verbs) + r")\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


def _is_process_noun(action: Span, cues: _Cues) -> bool:
    return bool(cues.process and cues.process.fullmatch(action.exact.strip()))


def _is_plural(agreement: Span, cues: _Cues) -> bool:
    """A plural head ("accordi", "agreements") names several agreements or a category."""
    head = str(agreement.attrs.get("head") or "").strip()
    return bool(head and cues.plural_heads and cues.plural_heads.fullmatch(head))


@dataclass
class _Candidate:
    sentence: int
    action: Span
    agreement: Span
    kind: str
    action_name: str
    parties: set[str]
    organization: str | None
    dates: list[Span]
    period: Span | None
    people: list[Span]
    places: list[Span]
    generic: bool
    head: str = ""
    in_lead: bool = False
    listed_under: int | None = None  # agreements listed under one verb are distinct
    tenseless: bool = False  # a signing named by a noun ("la firma"): past or planned
    states: tuple[Span, ...] = ()  # the STATE (and PLACE-as-capital) spans naming parties
    in_headline: bool = False  # headlines compress tense ("X and Y sign", "X, Y to sign")
    joint_places: tuple[Span, ...] = ()  # "done at Rome … and at Lima …": both cities
    heading: int | None = None  # the sentence whose verb governs this listed item
    rules: set[str] = field(default_factory=set)  # "field: rule" entries of RULES

    @property
    def date(self) -> Span | None:
        return self.dates[0] if self.dates else None


def _in(span: Span, start: int, end: int) -> bool:
    return start <= span.start and span.end <= end


def _distance(a: Span, b: Span) -> int:
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0


def _is_generic(agreement: Span, stopwords: frozenset[str] = frozenset()) -> bool:
    """A bare or untyped mention ("the agreement", "a defence pact", "l'accordo di difesa")
    that names no particular agreement: at most two content words and no specific kind."""
    if agreement.norm == "other":
        return True
    words = [w for w in re.findall(r"[^\W\d_]+", agreement.exact)
             if w.casefold() not in stopwords]
    if len(words) <= 1:
        return True
    return len(words) <= 2 and agreement.norm in GENERIC_KINDS


def _head(agreement: Span) -> str:
    """The agreement's head noun, reduced to its first four letters so that inflections and
    plurals ("соглашения"/"соглашение", "accordo"/"accordi") are one head."""
    head = str(agreement.attrs.get("head") or agreement.exact.split()[0]).casefold()
    return head[:4]


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
_DATELINE_LIKE = re.compile(r"\s*\(?[^\W\d_][\w .'’()-]{0,30}\)?,\s*")


def _ends_a_period(text: str, date: Span, cues: _Cues) -> bool:
    """Rule *a period's end is no signing date* (guideline 11): a bare year after "until",
    "fino al", "до" ends the time an agreement covers ("a programme until 2030").

    >>> from accords.articles import Article
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


def _date_value(span: Span | None) -> str | None:
    return span.norm if span is not None and span.norm else None


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

    >>> from accords.articles import Article
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


# a comma, or one short word (a conjunction), between two states of one list
_COORDINATED = re.compile(r"\s*(?:,\s*|\s+\w{1,3}\s+|,\s*\w{1,3}\s+)")


def _candidates(article: Article, layout: Layout, spans: Sequence[Span]) -> list[_Candidate]:
    lead = _lead_states(layout, spans)
    cues = _cues(article.lang)
    lead_sentences = {s.index for s in layout.sentences[:2]}
    starts = [s.start for s in spans]  # spans are sorted by start (see extract)
    all_agreements = sorted((s for s in spans if s.label == "AGREEMENT"), key=lambda s: s.start)
    out: list[_Candidate] = []
    heading: Span | None = None  # "…, four documents were signed:" governs the list below
    for sentence in layout.sentences:
        lo = bisect.bisect_left(starts, sentence.start)
        hi = bisect.bisect_left(starts, sentence.end)
        inside = [s for s in spans[lo:hi] if s.end <= sentence.end]
        item = heading is not None and _LIST_ITEM.match(article.text, sentence.start)
        if not item:
            heading = _list_heading(article.text, sentence, inside)
        if not any(s.label in ("AGREEMENT", "ACTION") for s in inside):
            continue
        agreements = [s for s in inside if s.label == "AGREEMENT"]
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
                            and not (final and s.norm == "ratified"))]
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
                 and not _DATELINE_LIKE.fullmatch(article.text, sentence.start, s.start)
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
            else:
                made_by = None
            if planned and name in _PLANNED_ONLY:
                continue
            if not planned and name != "announced":
                owned[position] = [d for d in owned[position] if not _after(d, article)]
            if planned or name == "announced":
                if planned:
                    made_by = "action: planned-signing-announced"
                name = "announced"
            if action.norm == "announced" and not any(a.start > action.start
                                                      for a in agreements):
                continue  # "…, ha annunciato il ministero": a report, not an announcement of
                #           an agreement (that verb governs what follows it)
            before = [a for a in agreements if a.end <= action.start]
            if before and article.text[sentence.start:action.start].rstrip().endswith(","):
                # ", siglato a Roma il …", ", signed in 2016": a participle after a comma
                # describes the noun phrase before it
                nearest = max(before, key=lambda a: a.end)
            else:
                nearest = min(agreements, key=lambda a: (_distance(a, action),
                                                         a.start < action.start, a.start))
            if _is_generic(nearest):
                # "reached agreement in principle on a reciprocal access agreement": a
                # specific agreement right after a generic one is the one meant.
                nearest = next((a for a in agreements if not _is_generic(a)
                                and 0 <= a.start - nearest.end <= 40), nearest)
            listed = _listed_after(nearest, agreements, actions, article.text, cues)
            for agreement in [nearest, *listed]:
                made = _candidate(article, sentence.index, action, name, agreement, inside,
                                  owned[position], lead, lead_sentences, cues, all_agreements)
                for candidate in made:
                    candidate.in_headline = bool(layout.headline and sentence.paragraph
                                                 == layout.headline.index)
                    candidate.listed_under = action.start if listed else None
                    candidate.tenseless = bool(name == "signed" and cues.signing_nouns
                                               and cues.signing_nouns.fullmatch(action.exact))
                    if made_by:
                        candidate.rules.add(made_by)
                    if governed:  # the items of one list are distinct agreements
                        candidate.rules.add("action: list-under-verb")
                        candidate.listed_under = action.start
                        candidate.heading = next(s.index for s in layout.sentences
                                                 if s.start <= action.start < s.end)
                out.extend(made)
    return out


# a list item: a dash, bullet or number starts the line
_LIST_ITEM = re.compile(r"\s*(?:[-–—•*·▪]|\d{1,2}[.)])\s")


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


def _joined(between: str, cues: _Cues) -> bool:
    """Whether the words between two agreements join them into a list (", e il", "and the")."""
    tokens = re.findall(r"\w+|,", between.casefold())
    if not tokens or len(tokens) > 4:
        return False
    return (any(t in cues.joiners for t in tokens)
            and all(t in cues.joiners or t in cues.stopwords for t in tokens))


def _next_word(text: str, pos: int, stopwords: frozenset[str] = frozenset()) -> int:
    """Where the next content word after ``pos`` starts (skipping spaces and one article)."""
    match = re.compile(r"\s*(?:(\w+)\s+)?").match(text, pos)
    if match and match.group(1) and match.group(1).casefold() in stopwords:
        return match.end()
    return re.compile(r"\s*").match(text, pos).end()


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


def _candidate(article: Article, sentence_index: int, action: Span, name: str,
               agreement: Span, inside: list[Span], dates: list[Span], lead: list[str],
               lead_sentences: set[int], cues: _Cues,
               all_agreements: Sequence[Span] = ()) -> list[_Candidate]:
    """The candidate record of one action–agreement pair (none when rules 1–3 say so)."""
    if cues.meeting_documents and cues.meeting_documents.search(agreement.exact):
        return []  # rule 3: a meeting's protocol, minutes or communiqué is no agreement
    states = [s for s in inside if s.label == "STATE" and s.norm]
    if _is_plural(agreement, cues) and not any(
            _in(st, agreement.start, agreement.end) for st in states):
        return []  # "agreements", "accordi": a category, not one agreement
    people = [s for s in inside if s.label == "PERSON"]
    rules: set[str] = set()
    parties = _window_states(states, action, agreement, article.text, cues)
    if parties != {s.norm for s in states}:
        rules.add("parties: parties-by-role")
    # "un accordo … tra Roma e Zagabria": capitals inside the agreement's words are its parties
    capitals = _capitals()
    named = {capitals[p.norm] for p in inside if p.label == "PLACE" and p.norm in capitals
             and _in(p, agreement.start, agreement.end + 100)}
    if len(states) < 2 and len(named) < 2:
        # "Roma e Tokyo firmeranno un accordo": capitals as the subject of the verb
        subjects = {capitals[p.norm] for p in inside if p.label == "PLACE"
                    and p.norm in capitals and action.start - 80 <= p.start < action.start}
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
        people=people if name == "signed" else [], places=places,
        generic=generic, head=_head(agreement),
        in_lead=sentence_index in lead_sentences, rules=rules,
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


def _treaty_formulas(article: Article, sentence_index: int, inside: list[Span],
                     agreements: list[Span], lead: list[str], lead_sentences: set[int],
                     cues: _Cues, all_agreements: Sequence[Span]) -> list[_Candidate]:
    """Rule *the treaty formula* (guidelines 10 and 11): "done at Lima on 3 May 2019", "fatto
    a Roma il …", "совершено в Москве …" after an agreement's name says where and when it was
    signed — in a ratification report too. A formula continued by a second city and date
    ("… and at Santiago on 9 May 2019") gives both cities and the later date. A formula after
    a second partner with no agreement noun of its own ("…, and with Ecuador, done at Quito
    on …") is a second agreement of the same kind with that partner.

    >>> from accords.articles import Article
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
            title = make_span(article, new[0].start - len(text[previous_end:new[0].start]
                                                            .lstrip(" ,;")) + len(
                text[previous_end:new[0].start]) - len(text[previous_end:new[0].start]),
                              dates[-1].end, "AGREEMENT", norm=agreement.norm,
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


def _split_bilateral(candidate: _Candidate, states: list[Span], cues: _Cues, text: str,
                     start: int, end: int) -> list[_Candidate]:
    """"Bilateral plans of A with B, C and D" are three agreements: A–B, A–C, A–D."""
    if (len(candidate.parties) < 3 or candidate.organization or cues.bilateral is None
            or not cues.bilateral.search(text[start:end])):
        return [candidate]
    after = [s for s in states if s.start >= candidate.agreement.start]
    anchor = (after or states)[0].norm
    others = sorted(candidate.parties - {anchor})
    return [replace(candidate, parties={anchor, other}, rules=set(candidate.rules))
            for other in others]


def _year_only_history(a: _Candidate, b: _Candidate) -> bool:
    """A year-dated act told outside the lead ("the agreement signed in 1994") is not the
    undated act the lead reports."""
    def old(c: _Candidate) -> bool:
        return (c.date is not None and c.date.attrs.get("precision") == "year"
                and not c.in_lead)
    return (old(a) and b.date is None and b.in_lead) or (old(b) and a.date is None and a.in_lead)


def _compatible(a: _Candidate, b: _Candidate) -> bool:
    if (a.listed_under is not None and a.listed_under == b.listed_under
            and a.agreement != b.agreement):
        return False
    if _year_only_history(a, b):
        return False
    if a.organization != b.organization:
        return False
    if not (a.parties <= b.parties or b.parties <= a.parties):
        return False
    if a.kind != b.kind and not (a.generic or b.generic or a.head == b.head):
        return False
    pa = (a.period.norm if a.period else None)
    pb = (b.period.norm if b.period else None)
    if pa and pb and pa != pb:
        return False
    if a.action_name != b.action_name:
        return True  # different steps of one agreement: dates belong to different acts
    da, db = _date_value(a.date), _date_value(b.date)
    if da and db:
        n = min(len(da), len(db))
        if da[:n] != db[:n]:
            # a bare "the pact" dated "Tuesday" and the titled agreement dated "today" in a
            # quoted statement are one signing, reported a day apart
            return (a.generic or b.generic) and _days_apart(da, db) <= 3
    return True


def _days_apart(a: str, b: str) -> int:
    import datetime as dt

    if len(a) != 10 or len(b) != 10:
        return 10**6
    return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)


def _group(candidates: list[_Candidate]) -> list[list[_Candidate]]:
    from itertools import combinations

    # Specific mentions first, so generic ones join them rather than the other way round.
    ordered = sorted(candidates, key=lambda c: (c.generic, c.sentence, c.agreement.start))
    groups: list[list[_Candidate]] = []
    # Only the groups a candidate could join are checked, in the same order: joining needs
    # compatibility with a group's first member, so the same organisation and parties nested
    # one way (the first member's among the candidate's) or the other (all of the
    # candidate's among the first member's).
    of_org: dict[str | None, list[int]] = {}
    by_first: dict[tuple[str | None, frozenset[str]], list[int]] = {}
    by_party: dict[tuple[str | None, str], set[int]] = {}
    for candidate in ordered:
        org, parties = candidate.organization, candidate.parties
        if parties and len(parties) <= 8:
            within = sorted(parties)
            pool = set().union(*(by_first.get((org, frozenset(subset)), ())
                                 for size in range(len(within) + 1)
                                 for subset in combinations(within, size)))
            holding = sorted((by_party.get((org, p), set()) for p in parties), key=len)
            pool |= holding[0].intersection(*holding[1:])
            order: Iterable[int] = sorted(pool)
        else:
            order = of_org.get(org, [])
        for i in order:
            if all(_compatible(candidate, member) for member in groups[i]):
                groups[i].append(candidate)
                break
        else:
            i = len(groups)
            groups.append([candidate])
            of_org.setdefault(org, []).append(i)
            by_first.setdefault((org, frozenset(parties)), []).append(i)
            for p in parties:
                by_party.setdefault((org, p), set()).add(i)
    return _fold_headlines(groups)


def _fold_headlines(groups: list[list[_Candidate]]) -> list[list[_Candidate]]:
    """A headline sums up the body: an act reported only in the headline ("Japan, UK sign
    defence pact") is the body's act by the same parties when the body reports exactly one."""
    out = [g for g in groups if not all(c.in_headline for c in g)]
    for group in groups:
        if not all(c.in_headline for c in group):
            continue
        parties = set().union(*(c.parties for c in group))
        organization = group[0].organization
        matches = [g for g in out
                   if set().union(*(c.parties for c in g)) >= parties
                   and g[0].organization == organization]
        if len(matches) == 1:
            matches[0].extend(group)
        else:
            out.append(group)
    return out


def _best_date(group: list[_Candidate]) -> Span | None:
    dated = [c.date for c in group if c.date is not None]
    if not dated:
        return None
    resolved = [d for d in dated if d.norm]
    pool = resolved or dated
    return max(pool, key=lambda d: (_PRECISION.get(d.attrs.get("precision"), 0), -d.start))


def _record(article: Article, layout: Layout, group: list[_Candidate],
            spans: Sequence[Span]) -> AgreementRecord:
    # The furthest legal step the text reports is the record's action (guideline 4).
    # The body's tenses decide; a headline's only when the body does not report the act.
    told = [c for c in group if not c.in_headline] or group
    completed = [c.action_name for c in told
                 if c.action_name != "announced" and not c.tenseless]
    if completed:
        action = max(completed, key=_ACTION_RANK.__getitem__)
    elif any(c.action_name == "announced" for c in told):
        action = "announced"  # "la firma" of a signing the text plans
    else:
        action = "signed"
    specific = [c for c in group if not c.generic] or group
    main = min(specific, key=lambda c: (c.sentence == 1 and len(specific) > 1, c.sentence,
                                        c.agreement.start))
    kinds = [c.kind for c in specific]
    kind = max(set(kinds), key=lambda k: (k not in GENERIC_KINDS, kinds.count(k), k))
    parties = _core_parties(group)
    rules = set().union(*(c.rules for c in group))
    if parties != set().union(*(c.parties for c in group)):
        rules.add("parties: merging-never-widens")
    if len({c.action_name for c in group}) > 1:
        rules.add("action: furthest-step")
    if any(c.action.attrs.get("verb") not in ("dated", "formula") for c in group):
        rules.add("action: agreement-and-action")
    if not rules & {"kind: analogous-kind"}:
        rules.add("kind: kind-by-subject")
    organization = next((c.organization for c in group if c.organization), None)
    signing = [c for c in group if c.action_name in ("signed", "announced")]
    stepping = [c for c in group if c.action_name == action]
    date = _best_date(signing)
    if date is not None and any(c.date is date and not c.rules & {
            "date_signed: dated-mention", "date_signed: treaty-formula"} for c in group):
        rules.add("date_signed: date-of-the-verb")
    step_date = _best_date(stepping) if action not in ("signed", "announced") else None
    period = next((c.period for c in sorted(group, key=lambda c: c.sentence) if c.period), None)
    start, end = _period_years(period)
    if start is not None:
        rules.add("period: period-after-title")
    people: list[Span] = []
    for c in group:
        people.extend(p for p in c.people if p.attrs.get("via") != "coreference")
    signatories = tuple(dict.fromkeys(p.exact for p in sorted(people, key=lambda p: p.start)))
    place_span = next((p for c in group for p in c.places), None)
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
    return AgreementRecord(
        parties=tuple(sorted(parties)),
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


def _fallback_place(layout: Layout, group: list[_Candidate],
                    spans: Sequence[Span]) -> Span | None:
    """The dateline's PLACE span for a signing reported in the lead sentence, else None."""
    dateline = next((s for s in spans if s.label == "PLACE" and s.attrs.get("cue") == "dateline"
                     and s.norm), None)
    if dateline is None:
        return None
    lead = next((s.index for s in layout.sentences
                 if layout.headline is None or s.paragraph != layout.headline.index), None)
    if any(c.sentence == lead for c in group) and any(c.action_name == "signed" for c in group):
        return dateline
    return None


def _sentence_of(layout: Layout, record: AgreementRecord) -> int:
    position = _first_evidence(record)
    return next((s.index for s in layout.sentences if s.start <= position < s.end), 0)


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
            rules=_with(r.rules, "date_signed: same-occasion"),
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
    dated: dict[int, tuple[Span, Span | None]] = {}
    for s in sentences:
        if not cues.meeting.search(article.text, s.start, s.end):
            continue
        inside = [x for x in spans if s.start <= x.start and x.end <= s.end]
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


def _voted_now(group: list[_Candidate]) -> bool:
    """Whether the reports of an agreement include an undated approval ("the Senate approved
    the ratification bill"): a step the article reports as its news."""
    return any(c.action.attrs.get("verb") == "approved" and c.date is None for c in group)


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


def _with(rules: tuple[str, ...], *added: str) -> tuple[str, ...]:
    """``rules`` with ``added``, sorted, each once (every entry must name a rule of RULES)."""
    for entry in added:
        if entry.split(": ", 1)[-1] not in RULES:
            raise KeyError(f"{entry!r} names no rule of accords.extract.RULES")
    return tuple(sorted({*rules, *added}))


def _replace(record: AgreementRecord, **changes: Any) -> AgreementRecord:
    return replace(record, **changes)


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
    records = _mark_background(article, records,
                               [_voted_now(g) for g in groups])
    records.sort(key=lambda r: (r.is_background, _first_evidence(r)))
    return records


def _first_evidence(record: AgreementRecord) -> int:
    """Where the record's agreement is named (its title evidence), for order and sentences."""
    titles = [e.start for e in record.evidence if e.field == "title_span"]
    return min(titles or [e.start for e in record.evidence] or [0])


def extract_reviewed(article: Article) -> list[AgreementRecord]:
    """Records from the article's reviewed annotations: human decisions win over the rules."""
    from accords import store
    from accords.annotate import annotate

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


# Boilerplate covering more than this share of an article's non-space characters makes it
# ``mostly_boilerplate``.
BOILERPLATE_SHARE = 0.5

STATUS_CODES = ("read", "no_lexicon", "mostly_boilerplate", "empty")


class ExtractionWarning(UserWarning):
    """:func:`extract` met an article it could not read normally (see :func:`article_status`).

    ``article_id`` and ``status`` say which article and why.
    """

    def __init__(self, article_id: str, status: Status) -> None:
        super().__init__(f"article {article_id!r} is {status.code}: {status.reason}")
        self.article_id = article_id
        self.status = status


@dataclass(frozen=True, slots=True)
class Status:
    """How extraction could read an article.

    ``code`` is one of :data:`STATUS_CODES`:

    - ``read``: its language has a lexicon and the text was processed normally;
    - ``no_lexicon``: its language (declared or detected, in ``lang``) has no lexicon folder,
      so the rules have no cues and find nothing;
    - ``mostly_boilerplate``: the layout's boilerplate spans cover more than
      :data:`BOILERPLATE_SHARE` of the text's non-space characters, so what is left may not
      be the article;
    - ``empty``: the text is blank, or has no body paragraph (a headline alone).

    ``reason`` says the same for a person; ``share`` is the boilerplate's share of the text's
    non-space characters (rounded to 0.001; 0 when it was not measured).
    """

    code: str
    reason: str
    lang: str | None = None
    share: float = 0.0

    @property
    def read(self) -> bool:
        return self.code == "read"


def _non_space(text: str) -> int:
    return len("".join(text.split()))


def _boilerplate_share(layout: Layout) -> float:
    """Share of the text's non-space characters inside the layout's boilerplate spans."""
    text = layout.article.text
    total = _non_space(text)
    if not total:
        return 0.0
    covered, reach = 0, 0
    for block in sorted(layout.boilerplate, key=lambda b: (b.start, b.end)):
        start = max(block.start, reach)  # count overlapping blocks once
        if block.end > start:
            covered += _non_space(text[start:block.end])
            reach = block.end
    return covered / total


def article_status(article: Article, layout: Layout | None = None) -> Status:
    """Whether extraction can read ``article`` normally, and if not why (a :class:`Status`).

    The checks run in this order: blank text (``empty``), a language without a lexicon
    (``no_lexicon``), boilerplate over half the text (``mostly_boilerplate``), no body
    paragraph (``empty``); otherwise ``read``. ``layout`` is computed when not given.

    >>> from accords.articles import Article
    >>> article_status(Article(id="fi-1", lang="fi",
    ...                        text="Suomi ja Viro allekirjoittivat sopimuksen.")).code
    'no_lexicon'
    >>> status = article_status(Article(id="en-1", lang="en", text=(
    ...     "Our website uses cookies to improve your experience of every page you visit.\\n"
    ...     "Accept all cookies\\n"
    ...     "Ministers met.")))
    >>> status.code, status.share
    ('mostly_boilerplate', 0.86)
    >>> from accords import paths
    >>> from accords.articles import read_article
    >>> article_status(read_article(paths.articles_dir() / "seed-it-001.txt"))
    Status(code='read', reason="read with the 'it' lexicon", lang='it', share=0.114)
    """
    lang = article.lang
    if not article.text.strip():
        return Status("empty", "the text is blank", lang)
    if lang is None or lang not in available_languages():
        given = article.lang_source or "given"
        which = (f"its language {lang!r} ({given}) has no lexicon" if lang else
                 "no language was given and none could be detected")
        return Status("no_lexicon", f"{which}; lexicons exist for "
                                    f"{', '.join(available_languages())}", lang)
    layout = layout or analyse(article)
    share = round(_boilerplate_share(layout), 3)
    if share > BOILERPLATE_SHARE:
        return Status("mostly_boilerplate", f"boilerplate covers {share:.0%} of the text "
                      f"(more than {BOILERPLATE_SHARE:.0%}); what is left may not be the "
                      "article", lang, share)
    if not layout.body_paragraphs:
        return Status("empty", "no body text (only a headline or nothing beside boilerplate)",
                      lang, share)
    return Status("read", f"read with the {lang!r} lexicon", lang, share)


def _not_read(article: Article, layout: Layout, warn: bool) -> str:
    """The article's status code; warns (:class:`ExtractionWarning`) when it is not read."""
    status = article_status(article, layout)
    if warn and not status.read:
        warnings.warn(ExtractionWarning(article.id, status), stacklevel=3)
    return status.code


@dataclass
class RecordsUpdate:
    """What :func:`update_project_records` did: articles kept, added, and stale."""

    kept: list[str]
    added: list[str]
    stale: list[str]

    def __str__(self) -> str:
        lines = [f"kept (reviewed): {', '.join(self.kept) or '-'}",
                 f"added (extracted, to review): {', '.join(self.added) or '-'}"]
        if self.stale:
            lines.append("text changed since the records were written (review them): "
                         + ", ".join(self.stale))
        return "\n".join(lines)


def update_project_records(articles_dir=None, records_path=None) -> RecordsUpdate:
    """Add the records of new articles to the project's records file; never touch reviewed ones.

    Every article of ``articles_dir`` (default ``data/articles``) that has no line in
    ``records_path`` (default ``data/records/news-records.jsonl``) is extracted from its
    reviewed annotations (:func:`extract_reviewed`) and appended; articles already there are
    kept byte for byte, and reported as stale when their text no longer has the fingerprint
    the records were made from. The CSV beside the file is rewritten from the JSON Lines.
    Rerunning changes nothing.
    """
    from accords import paths
    from accords.articles import read_articles
    from accords.records import read_record_file, write_record_file, write_records_csv

    articles_dir = articles_dir or paths.articles_dir()
    records_path = records_path or paths.records_dir() / "news-records.jsonl"
    existing = read_record_file(records_path) if records_path.exists() else {}
    report = RecordsUpdate(kept=list(existing), added=[], stale=[])
    merged = dict(existing)
    for article in read_articles(articles_dir):
        if article.id in existing:
            shas = {s.sha256 for r in existing[article.id] for s in r.sources if s.sha256}
            if shas and article.sha256 not in shas:
                report.stale.append(article.id)
            continue
        merged[article.id] = extract_reviewed(article)
        report.added.append(article.id)
    if report.added or not records_path.exists():
        write_record_file(records_path, merged)
    csv_path = records_path.with_suffix(".csv")
    write_records_csv(csv_path, merged)
    return report


_FIELD_VALUES = {
    "title_span": lambda r: r.title_span,
    "action": lambda r: r.action,
    "date_signed": lambda r: r.date_signed,
    "action_date": lambda r: r.action_date,
    "period": lambda r: (f"{r.period_start}–{r.period_end}" if r.period_start is not None
                         else None),
    "place": lambda r: r.place,
    "signatories": lambda r: ", ".join(r.signatories) or None,
}


def evidence_spans(article: Article, record: AgreementRecord) -> list[Span]:
    """The record's evidence as spans of ``article`` (label as annotated, norm = the field it
    supports), ready for :func:`accords.render.to_html`. Evidence from another article is
    left out; evidence that no longer matches the text raises, naming the field."""
    from accords.spans import make_span

    out = []
    for e in record.evidence:
        if e.doc_id != article.id:
            continue
        if article.text[e.start:e.end] != e.exact:
            raise ValueError(f"evidence for {e.field} of {record.describe()!r} at "
                             f"{e.start}-{e.end} no longer matches the text of {article.id!r}; "
                             "extract the record again from the current text.")
        value = _FIELD_VALUES.get(e.field, lambda r: None)(record)
        norm = f"{e.field}: {value}" if value is not None else e.field
        out.append(make_span(article, e.start, e.end, e.label or "EVIDENCE", norm=norm,
                             origin="rule:extract", status="accepted"))
    return out


def evidence_table(record: AgreementRecord):
    """One row per field of ``record``: its value and the words of the text it rests on."""
    import pandas as pd

    rows = []
    for name in ("parties", "kind", "title_span", "action", "date_signed", "action_date",
                 "period", "place", "signatories"):
        if name == "parties":
            value = ", ".join(record.parties) or record.organization
            fields = ("parties",)
        elif name == "kind":
            value, fields = record.kind, ("title_span",)
        else:
            value, fields = _FIELD_VALUES[name](record), (name,)
        words = [e.exact for e in record.evidence if e.field in fields]
        shaped = [r.split(": ", 1)[1] for r in record.rules
                  if r.split(": ", 1)[0] == name]
        rows.append({"field": name, "value": "—" if value is None else value,
                     "evidence": " | ".join(dict.fromkeys(words)) or "—",
                     "rules": ", ".join(shaped) or "—"})
    return pd.DataFrame(rows, columns=["field", "value", "evidence", "rules"])
