"""The annotators: one small function per label, each ``(doc) -> list[Span]``.

Patterns come from the language's lexicon (``lexicons/<lang>/annotate.toml``) and are compiled
once per language (one regex per annotator and language, cached).

>>> from accords.read.articles import Article
>>> from accords.annotate.doc import Doc
>>> doc = Doc.of(Article(id="x", text="Il ministro ha firmato l'accordo.", lang="it"))
>>> [(s.exact, s.norm) for s in actions(doc)]
[('firmato', 'signed')]
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from accords.annotate import gazetteer
from accords.annotate.dates import find_dates
from accords.annotate.doc import Doc
from accords.lexicon import COMMON, LexiconError, available_languages, load_lexicon
from accords.spans import Span, SpanIndex

__all__ = ["actions", "agreements", "areas", "dates", "orgs", "people", "places", "states"]

_UPPER = "".join(chr(c) for c in range(0x41, 0x530) if chr(c).isupper())
_U = f"[{re.escape(_UPPER)}]"
_NAME_TOKEN = rf"(?:{_U}\.|{_U}[\w'’]*(?:-{_U}?[\w'’]+)*)"
_WORD = re.compile(r"[\w'’\-]+|[^\w\s]")


@cache
def _name_pattern(lang: str | None) -> re.Pattern[str]:
    """Up to four capitalised words, with the name particles of ``lexicons/common`` (and of the
    language) between them ("Ursula von der Leyen")."""
    particles = [*load_lexicon(COMMON).get("name_particles", ()),
                 *_lex(lang).get("name_particles", ())]
    between = rf"(?:(?:{_words_alt(particles)})[ \u00a0]+)?" if particles else ""
    return re.compile(rf"{_NAME_TOKEN}(?:[ \u00a0]+{between}{_NAME_TOKEN}){{0,3}}")


def _lex(lang: str | None) -> Mapping[str, Any]:
    return load_lexicon(lang) if lang in available_languages() else {}


def _compile(pattern: str, where: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise LexiconError(f"{where}: not a valid regex ({exc}); fix the lexicon entry.") from exc


def _words_alt(words: Iterable[str]) -> str:
    unique = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in unique)


def _grouped(table: Mapping[str, Sequence[str]], where: str) -> tuple[re.Pattern[str] | None,
                                                                       list[str]]:
    """One regex with a named group per table key; returns it and the keys by group index."""
    keys = list(table)
    parts = []
    for i, key in enumerate(keys):
        fragments = table[key]
        if isinstance(fragments, str):
            fragments = [fragments]
        for fragment in fragments:
            _compile(fragment, f"{where}.{key}")
        parts.append(f"(?P<g{i}>" + "|".join(f"(?:{f})" for f in fragments) + ")")
    if not parts:
        return None, keys
    return _compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", where), keys


def _group_key(match: re.Match[str], keys: list[str]) -> str:
    last = match.lastgroup  # the outer named group closes last
    if last and last.startswith("g") and last[1:].isdigit():
        return keys[int(last[1:])]
    for name, value in match.groupdict().items():
        if value is not None and name.startswith("g"):
            return keys[int(name[1:])]
    raise AssertionError("no group matched")


def _overlaps(start: int, end: int, spans: Iterable[Span]) -> bool:
    return any(s.start < end and start < s.end for s in spans)


# --------------------------------------------------------------------------- STATE


@cache
def _descriptors(lang: str | None) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    table = {k.lower(): v for k, v in _lex(lang).get("state_descriptors", {}).items()}
    if not table:
        return None, table
    return _compile(rf"(?<!\w)(?:{_words_alt(table)})(?!\w)",
                    f"lexicons/{lang}/state_descriptors"), table


def states(doc: Doc) -> list[Span]:
    """STATE: country names, inflected forms and demonyms → ISO3 (``ccode`` when known).

    Descriptions such as "Paese Centro-Asiatico" are resolved by coreference to the nearest
    state named before them in the region they describe (``attrs.coreference``); with none,
    they are left out.
    """
    found: list[Span] = []
    for m in gazetteer.states_gazetteer(doc.lang or "en").finditer(doc.text):
        if not doc.allowed(m.start, m.end):
            continue
        attrs: dict[str, Any] = {"form": m.kind}
        cow = gazetteer.ccode(m.norm)
        if cow is not None:
            attrs["ccode"] = cow
        found.append(doc.span(m.start, m.end, "STATE", "state", m.norm, attrs))
    pattern, table = _descriptors(doc.lang)
    if pattern is not None:
        antecedents = _Antecedents(found)
        for match in pattern.finditer(doc.text):
            if not doc.allowed(match.start(), match.end()):
                continue
            members = gazetteer.region_members(table[match.group().lower()])
            antecedent = antecedents.last(members, match.start())
            if antecedent is None:
                continue
            attrs = {"form": "descriptor", "coreference": True,
                     "antecedent": [antecedent.start, antecedent.end]}
            cow = gazetteer.ccode(antecedent.norm or "")
            if cow is not None:
                attrs["ccode"] = cow
            found.append(doc.span(match.start(), match.end(), "STATE", "state_coreference",
                                  antecedent.norm, attrs))
            antecedents.add(found[-1])
    return found


class _Antecedents:
    """The last state span, in the order found, that ends before a position and has one of
    some codes: the names found by the gazetteer (in text order, not overlapping) are
    searched by bisection per code, and a description resolved earlier (added after them,
    so later in that order) wins over any name."""

    def __init__(self, named: Sequence[Span]) -> None:
        self._named = list(named)
        self._ordered = all(a.end <= b.start for a, b in itertools.pairwise(named))
        self._ends: dict[str | None, list[int]] = {}
        self._at: dict[str | None, list[int]] = {}
        for i, span in enumerate(named):
            self._ends.setdefault(span.norm, []).append(span.end)
            self._at.setdefault(span.norm, []).append(i)
        self._described: dict[str | None, tuple[int, Span]] = {}
        self._count = len(named)

    def add(self, span: Span) -> None:
        """A description resolved to ``span.norm`` (it ends before any later description)."""
        self._described[span.norm] = (self._count, span)
        self._count += 1

    def last(self, codes: Iterable[str], pos: int) -> Span | None:
        described = [self._described[c] for c in codes if c in self._described]
        if described:
            return max(described, key=lambda item: item[0])[1]
        if not self._ordered:  # not the gazetteer's order: look at every name
            before = [s for s in self._named if s.end <= pos and s.norm in codes]
            return before[-1] if before else None
        best = -1
        for code in codes:
            ends = self._ends.get(code)
            if ends:
                k = bisect_right(ends, pos)
                if k:
                    best = max(best, self._at[code][k - 1])
        return self._named[best] if best >= 0 else None


# --------------------------------------------------------------------------- ORG


def orgs(doc: Doc) -> list[Span]:
    """ORG: organisations by name or acronym in any of the lexicon's languages → code."""
    return [doc.span(m.start, m.end, "ORG", "org", m.norm)
            for m in gazetteer.orgs_gazetteer(doc.lang or "en").finditer(doc.text)
            if doc.allowed(m.start, m.end)]


# --------------------------------------------------------------------------- PLACE


@cache
def _place_cues(lang: str | None) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    cues = {k.lower(): v for k, v in _lex(lang).get("place_cues", {}).items()}
    if not cues:
        return None, cues
    return _compile(rf"(?<!\w)({_words_alt(cues)})\s+$", f"lexicons/{lang}/place_cues"), cues


@cache
def _lowered_places(lang: str) -> dict[str, str]:
    return {k.lower(): v for k, v in gazetteer.place_forms(lang).items()}


def places(doc: Doc) -> list[Span]:
    """PLACE: the dateline's place and city names (norm: English name; ``attrs.cue``).

    ``cue`` says what the words before the name make of it: ``dateline``, ``arrival``
    ("giunto a Mosca"), ``signing`` ("firmato a Roma"), ``visit``, ``location`` or ``none``.
    """
    found: list[Span] = []
    lowered = _lowered_places(doc.lang or "en")
    dateline = doc.layout.dateline
    if dateline is not None:
        start = dateline.place_start
        end = start + len(dateline.place_exact)
        if doc.text[start:end] == dateline.place_exact:
            norm = lowered.get(dateline.place_exact.lower(), dateline.place)
            found.append(doc.span(start, end, "PLACE", "place_dateline", norm,
                                  {"cue": "dateline"}))
    cue_pattern, cues = _place_cues(doc.lang)
    taken = SpanIndex(found)
    for m in gazetteer.places_gazetteer(doc.lang or "en").finditer(doc.text):
        if not doc.allowed(m.start, m.end) or taken.overlaps(m.start, m.end):
            continue
        cue = "none"
        if cue_pattern is not None:
            before = cue_pattern.search(doc.text, max(0, m.start - 30), m.start)
            if before:
                cue = cues.get(before.group(1).lower(), "location")
        found.append(doc.span(m.start, m.end, "PLACE", "place", m.norm, {"cue": cue}))
        taken.add(found[-1])
    return found


# --------------------------------------------------------------------------- DATE, PERIOD


def dates(doc: Doc) -> list[Span]:
    """DATE and PERIOD from the language's date grammar (:mod:`accords.annotate.dates`)."""
    return [doc.span(m.start, m.end, m.label, "date" if m.label == "DATE" else "period",
                     m.norm, m.attrs)
            for m in find_dates(doc.article, doc.blocks, dateline=(
                (doc.layout.dateline.start, doc.layout.dateline.end)
                if doc.layout.dateline is not None else None))]


# --------------------------------------------------------------------------- PERSON, ROLE

#: Roles that say no office of their own; a more specific role at the same words wins. An
#: ``officer`` is a military rank ("General", "генерал армии") that introduces a name whose
#: office the text may give elsewhere.
_GENERIC_ROLES = ("minister", "head_of_state", "counterpart", "ambassador", "officer")


@dataclass(frozen=True)
class _PeopleRules:
    roles: re.Pattern[str] | None
    role_keys: list[str]
    connectors: frozenset[str]
    respectively: re.Pattern[str] | None
    respectively_longest: int
    conjunctions: frozenset[str]
    not_names: frozenset[str]
    name: re.Pattern[str]
    possessives: tuple[str, ...] = ()

    def without_possessive(self, word: str) -> str:
        """``word`` without a possessive ending of the language ("Russia's" → "Russia")."""
        for ending in self.possessives:
            if word.endswith(ending) and len(word) > len(ending):
                return word[: -len(ending)]
        return word
    national: tuple[tuple[re.Pattern[str], str], ...] = ()
    agents: re.Pattern[str] | None = None  # "signed by", "firmato da", "signé par"
    locatives: frozenset[str] = frozenset()  # "in", "em": a role's post ("… in Lima")
    portfolio: frozenset[str] = frozenset()  # people.not_names: "Defesa", "Nacional"
    subject_after_verb: bool = False  # "подписали Анна Петрова и …" (free word order)


@cache
def _people_rules(lang: str | None) -> _PeopleRules:
    lex = _lex(lang)
    people = lex.get("people", {})
    table = dict(people.get("roles", {}))
    ordered = {k: v for k, v in table.items() if k not in _GENERIC_ROLES}
    ordered.update({k: v for k, v in table.items() if k in _GENERIC_ROLES})
    roles, keys = _grouped(ordered, f"lexicons/{lang}/people.roles")
    resp = people.get("respectively", ())
    not_names = {w.lower() for key in ("months", "weekdays", "stopwords")
                 for w in lex.get(key, ())}
    # portfolio and state words written with a capital after a role ("ministro de Defensa")
    not_names |= {w.lower() for w in people.get("not_names", ())}
    return _PeopleRules(
        roles=roles, role_keys=keys,
        connectors=frozenset(w.lower() for w in people.get("role_connectors", ())),
        respectively=_compile(rf"(?<!\w)(?:{_words_alt(resp)})(?!\w)",
                              f"lexicons/{lang}/people.respectively") if resp else None,
        respectively_longest=max((len(w) for w in resp), default=0),
        conjunctions=frozenset(w.lower() for w in people.get("conjunctions", ())),
        agents=_compile(rf"\s+(?:{_words_alt(people['agent_words'])})\s+",
                        f"lexicons/{lang}/people.agent_words")
        if people.get("agent_words") else None,
        locatives=frozenset(cue.lower() for cue, kind in lex.get("place_cues", {}).items()
                            if kind == "location" and " " not in cue),
        portfolio=frozenset(w.lower() for w in people.get("not_names", ())),
        subject_after_verb=bool(people.get("subject_after_verb", False)),
        not_names=frozenset(not_names),
        name=_name_pattern(lang),
        possessives=tuple(sorted(lex.get("possessives", ()), key=len, reverse=True)),
        national=tuple((_compile(rf"(?:{pattern})$", f"lexicons/{lang}/people.national_roles"),
                        code) for pattern, code in people.get("national_roles", {}).items()),
    )


def _national_state(rules: _PeopleRules, role_text: str) -> str | None:
    """Rule *a national office names its state*: some titles belong to one state only
    ("presidente del Consiglio" is Italy's head of government, "presidente del Gobierno"
    Spain's; ``people.national_roles``), so a person named after one is that state's official
    even when no state word stands beside the title."""
    return next((code for pattern, code in rules.national if pattern.search(role_text)), None)


def _clean_name(doc: Doc, start: int, end: int, rules: _PeopleRules,
                taken: SpanIndex) -> tuple[int, int] | None:
    """Trim a capitalised sequence to a plausible personal name, or None."""
    words = list(re.finditer(r"\S+", doc.text[start:end]))

    def blocked(a: int, b: int) -> bool:
        # A capitalised demonym inside a name is a surname ("Ignazio La Russa"), not a state.
        return any(not (s.label == "STATE" and s.attrs.get("form") == "adjective"
                        and s.start > start and s.exact[:1].isupper() and s.end <= end)
                   for s in taken.overlapping(a, b))

    while words and (words[-1].group().lower() in rules.not_names
                     or blocked(start + words[-1].start(), start + words[-1].end())):
        words.pop()
    # ranks, honorifics and portfolio words before a name are no part of it ("His
    # Excellency", "ministro de Defensa Guillermo Botero")
    while words and (words[0].group().lower() in rules.not_names
                     or words[0].group().lower().rstrip(".") in rules.not_names):
        words.pop(0)
    if not words:
        return None
    a, b = start + words[0].start(), start + words[-1].end()
    if blocked(a, b):
        return None
    if rules.roles is not None and rules.roles.fullmatch(doc.text[a:b]):
        return None
    return a, b


def _name_at(doc: Doc, pos: int, rules: _PeopleRules, taken: SpanIndex
             ) -> tuple[int, int] | None:
    match = rules.name.match(doc.text, pos)
    if not match:
        return None
    return _clean_name(doc, match.start(), match.end(), rules, taken)


def _state_between(states_found: SpanIndex, start: int, end: int) -> list[Span]:
    """States within ``start..end``, in the order found."""
    return [s for s in states_found.starting_in(start, end + 1) if s.end <= end]


def _any_starts_with(sorted_words: Sequence[str], prefix: str) -> bool:
    """Whether a word of ``sorted_words`` (sorted) starts with ``prefix`` (one bisection).

    >>> _any_starts_with(["Kazakistan", "Russia"], "Russ"), _any_starts_with(["Russia"], "Ka")
    (True, False)
    """
    i = bisect_left(sorted_words, prefix)
    return i < len(sorted_words) and sorted_words[i].startswith(prefix)


def _agent_people(doc: Doc, rules: _PeopleRules, taken: SpanIndex, add_person) -> None:
    """Rule *signed by a name* (issue 10, signatories; guideline 13): the agent of a passive
    signing ("the document was signed by Ana Ruiz", "firmato da Ana Ruiz", "signé par Ana
    Ruiz", ``people.agent_words`` after a signing verb of ``actions.verbs.signed``) is a
    person, named without a role. A role after the agent word is read by the role rules.

    Rule *a subject after the verb* (``people.subject_after_verb``, languages of free word
    order): a name of two or more capitalised words right after a signing verb is its
    subject ("Документ подписали Анна Петрова и …"); a capitalised title with an agreement
    head among its words ("Договор Дружбы") is none.

    >>> from accords.annotate import annotate
    >>> from accords.read.articles import Article
    >>> a = Article(id="x", lang="en", text="The accord was signed by Ana Ruiz in Lima.")
    >>> [s.exact for s in annotate(a) if s.label == "PERSON"]
    ['Ana Ruiz']
    """
    if rules.agents is None and not rules.subject_after_verb:
        return
    # the signing verbs the actions annotator found (every allowed match of the lexicon's
    # ``actions.verbs.signed``), not a second pass of the verb patterns over the text
    for verb in doc.of_label("ACTION"):
        if verb.attrs.get("verb") != "signed":
            continue
        agent = rules.agents.match(doc.text, verb.end) if rules.agents else None
        _, s_end = doc.sentence_bounds(verb.start)
        if agent is None:
            if not rules.subject_after_verb:
                continue
            space = _SPACE_RUN.match(doc.text, verb.end)
            name = _name_at(doc, space.end(), rules, taken) if space else None
            words = doc.text[name[0]:name[1]].split() if name else []
            heads = _agreement_rules(doc.lang).heads
            if (name and name[1] <= s_end and len(words) >= 2 and not (
                    heads is not None and any(heads.fullmatch(w) for w in words))):
                add_person(*name, None, None, "agent")  # a capitalised title is no name
            continue
        name = _name_at(doc, agent.end(), rules, taken)
        if name and name[1] <= s_end:
            add_person(*name, None, None, "agent")


_SPACE_RUN = re.compile(r"[ \u00a0]+")


@cache
def _compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern built from a language's rules, compiled once (the ``re`` module's own cache
    is shared with the one-off patterns of each article, which push these out)."""
    return re.compile(pattern, flags)


def _coordinated_people(doc: Doc, rules: _PeopleRules, taken: SpanIndex,
                        persons: list[Span], add_person) -> None:
    """Rule *a coordinated second name* (issue 10, signatories): a name joined by a
    conjunction to a person the rules found ("the ministers Ana Ruiz and Luis Soto", "Ana Ruiz
    and Luis Soto, the defence ministers of …", "i ministri Ana Ruiz e Luis Soto") is a person
    in the same role; states, dates and organisations are never names.

    >>> from accords.annotate import annotate
    >>> from accords.read.articles import Article
    >>> a = Article(id="x", lang="en", text="It was signed by the defence ministers "
    ...             "Ana Ruiz and Luis Soto.")
    >>> [s.exact for s in annotate(a) if s.label == "PERSON"]
    ['Ana Ruiz', 'Luis Soto']
    """
    if not rules.conjunctions:
        return
    text = doc.text
    joiner = "|".join(re.escape(w) for w in sorted(rules.conjunctions, key=len, reverse=True))
    after = _compiled(rf"\s*,?\s+(?:{joiner})\s+", re.IGNORECASE)
    before = _compiled(rf"({rules.name.pattern})\s*,?\s+(?:{joiner})\s+$", re.IGNORECASE)
    for person in list(persons):
        if person.attrs.get("via") not in ("role", "apposition", "agent"):
            continue
        role = person.attrs.get("role")
        s_start, s_end = doc.sentence_bounds(person.start)
        joined = after.match(text, person.end, s_end)
        if joined:
            name = _name_at(doc, joined.end(), rules, taken)
            if name and name[1] <= s_end:
                add_person(*name, role, None, "coordinated")
        window = max(s_start, person.start - 60)
        words = text[window:person.start].split()  # "… and" must end the stretch before it
        left = before.search(text[window:person.start]) if words and words[-1].casefold(
        ) in rules.conjunctions else None
        if left:
            name = _clean_name(doc, window + left.start(1), window + left.end(1), rules, taken)
            if name:
                add_person(*name, role, None, "coordinated")


def people(doc: Doc) -> list[Span]:
    """ROLE and PERSON: capitalised names introduced by a role, linked to their state.

    Patterns: role [state] name ("ministro della Difesa russo Sergei Shoigu", "Russian Defence
    Minister Sergei Shoigu"); name, role ("Sergei Shoigu, Russia's defence minister"); and
    "ministri della Difesa di A e di B, rispettivamente X e Y" (people mapped to states in
    order). Later mentions of the same surname become PERSON spans too (``coreference``).
    """
    rules = _people_rules(doc.lang)
    if rules.roles is None:
        return []
    text = doc.text
    state_spans = doc.of_label("STATE")
    blockers = [s for s in doc.spans if s.label in ("ORG", "DATE", "PERIOD")]
    # Indexes instead of scans of every state, blocker and person for every role.
    states_index = SpanIndex(state_spans)
    taken = SpanIndex(state_spans + blockers)
    state_at: dict[int, Span] = {}
    for s in state_spans:
        state_at.setdefault(s.start, s)
    place_at = {s.start: s for s in doc.of_label("PLACE")}
    state_words = sorted({s.exact for s in state_spans})
    found: list[Span] = []
    persons: list[Span] = []
    persons_index = SpanIndex()

    def add_person(a: int, b: int, role: str, state: str | None, via: str) -> None:
        if persons_index.overlaps(a, b):
            return
        span = doc.span(a, b, "PERSON", "person", text[a:b],
                        {"role": role, "state": state, "via": via})
        persons.append(span)
        persons_index.add(span)

    for match in rules.roles.finditer(text):
        if not doc.allowed(match.start(), match.end()):
            continue
        role = _group_key(match, rules.role_keys)
        found.append(doc.span(match.start(), match.end(), "ROLE", "role", role))
        s_start, s_end = doc.sentence_bounds(match.start())
        # State written just before the role: "Russian Defence Minister", "Russia's" (in the
        # role's own sentence: a headline's last word is not the next line's state).
        before_state = [s for s in states_index.ending_in(match.start() - 4, match.start())
                        if s.start >= s_start]
        # "… della Federazione Russa e del Kazakistan, rispettivamente A e B"
        if rules.respectively is not None:
            # only a word starting within 200 characters counts, so the search stops just
            # past where such a word could end (not at the end of a long sentence)
            reach = match.end() + 200 + rules.respectively_longest + 1
            kw = rules.respectively.search(text, match.end(), min(s_end, reach))
            if kw and kw.start() - match.end() < 200:
                listed = []
                for s in _state_between(states_index, match.end(), kw.start()):
                    if not listed or listed[-1].norm != s.norm:
                        listed.append(s)
                names = _name_list(doc, kw.end(), s_end, rules, taken)
                if names and len(names) == len(listed):
                    for (a, b), s in zip(names, listed, strict=True):
                        add_person(a, b, role, s.norm, "respectively")
                    continue
        # Right of the role: connectors and states, then a name.
        pos, state, named = match.end(), None, False
        for _ in range(8):
            comma = False
            while pos < s_end and text[pos] in " \u00a0,":
                comma = comma or text[pos] == ","
                pos += 1
            at_state = state_at.get(pos)
            if at_state is not None:
                state = state or at_state.norm
                pos = at_state.end
                continue
            word = _WORD.match(text, pos)
            if comma and word and word.group().lower() in rules.conjunctions:
                break  # "Ana Ruiz, defence minister, and Luis Soto": the next person's "and"
            if word and text.startswith(".", word.end()) and \
                    word.group().lower() + "." in rules.connectors:
                pos = word.end() + 1  # an abbreviated rank keeps its full stop ("gen.")
                continue
            if word and word.group().lower() in rules.connectors:
                pos = word.end()
                continue
            if (word and word.group()[:1].isupper() and state is None
                    and word.group().lower() in rules.portfolio):
                pos = word.end()  # a portfolio the role pattern left out ("da Defensa")
                continue
            post = (place_at.get(word.end() + 1) if word and text[word.end():word.end() + 1]
                    == " " and word.group().lower() in rules.locatives else None)
            if post is not None:
                pos = post.end  # rule *a role's post*: "the French ambassador in Lima, Name"
                continue
            if word and word.group() in rules.possessives:
                pos = word.end()
                continue
            name = _name_at(doc, pos, rules, taken) if pos < s_end else None
            if name and name[1] <= s_end:
                if state is None and before_state:
                    state = before_state[-1].norm
                if state is None and rules.national:
                    state = _national_state(rules, match.group())
                add_person(*name, role, state, "role")
                named = True
            break
        if named:
            continue
        # Left of the role: "Name, [the] [state] role".
        window_start = max(s_start, match.start() - 80)
        left = _compiled(rf"({rules.name.pattern})\s*,\s*((?:\S+\s+){{0,3}})$").search(
            text[window_start:match.start()]) if "," in text[window_start:match.start()] \
            else None
        if left:
            # the words between the comma and the role, a state's name of several words
            # ("Ana Ruiz, United States Secretary of Defense") taken out first
            gap_start = window_start + left.start(2)
            gap = list(text[gap_start:match.start()])
            for st in states_index.overlapping(gap_start, match.start()):
                for i in range(max(st.start, gap_start), min(st.end, match.start())):
                    gap[i - gap_start] = " "
            between = "".join(gap).split()
            ok = all(w.lower() in rules.connectors or w in rules.possessives
                     or _any_starts_with(state_words, rules.without_possessive(w))
                     for w in between)
            if ok:
                a = window_start + left.start(1)
                name = _clean_name(doc, a, window_start + left.end(1), rules, taken)
                if name:
                    after = _state_between(states_index, name[1], match.end() + 25)
                    add_person(*name, role, after[0].norm if after else None, "apposition")
    _agent_people(doc, rules, taken, add_person)
    _coordinated_people(doc, rules, taken, persons, add_person)
    # Later mentions of the same people by surname.
    surnames: dict[str, Span] = {}
    for p in persons:
        last = p.exact.split()[-1]
        if len(last) >= 3 and last[0].isupper():
            surnames.setdefault(last, p)
    if surnames:
        # a prefix tree, not one alternative per surname: the cost of a position does not
        # grow with the number of people named
        pattern = re.compile(rf"(?<!\w)(?:{gazetteer._trie_regex(sorted(surnames))})(?!\w)")
        for m in pattern.finditer(text):
            if not doc.allowed(m.start(), m.end()) or persons_index.overlaps(m.start(), m.end()):
                continue
            source = surnames[m.group()]
            attrs = {**dict(source.attrs), "via": "coreference",
                     "antecedent": [source.start, source.end]}
            persons.append(doc.span(m.start(), m.end(), "PERSON", "person_coreference",
                                    source.norm, attrs))
            persons_index.add(persons[-1])
    return found + persons


def _name_list(doc: Doc, pos: int, end: int, rules: _PeopleRules, taken: SpanIndex
               ) -> list[tuple[int, int]]:
    """Names separated by commas and conjunctions: "A e B", "A, B and C"."""
    names: list[tuple[int, int]] = []
    text = doc.text
    while pos < end:
        while pos < end and text[pos] in " \u00a0,:":
            pos += 1
        word = _WORD.match(text, pos)
        if names and word and word.group().lower() in rules.conjunctions:
            pos = word.end()
            continue
        match = rules.name.match(text, pos)
        if not match:
            break
        # A conjunction inside the capitalised run splits two names.
        name = _clean_name(doc, match.start(), match.end(), rules, taken)
        if not name:
            break
        names.append(name)
        pos = name[1]
    return names


# --------------------------------------------------------------------------- AGREEMENT


@dataclass(frozen=True)
class _AgreementRules:
    heads: re.Pattern[str] | None
    head_kinds: list[str]
    kinds: tuple[tuple[re.Pattern[str], str], ...]
    defence: re.Pattern[str] | None
    stops: frozenset[str]
    connectors: frozenset[str]
    left_count: int
    left_modifier: re.Pattern[str] | None
    left_stops: frozenset[str]
    direct_complement: bool
    postnominal: re.Pattern[str] | None = None
    stem_length: int = 5
    accession: re.Pattern[str] | None = None
    alliances: frozenset[str] = frozenset()
    programmes: re.Pattern[str] | None = None
    civil: re.Pattern[str] | None = None
    relatives: re.Pattern[str] | None = None  # ", by which …", ", which …" (extract.toml)


@cache
def _agreement_rules(lang: str | None) -> _AgreementRules:
    lex = _lex(lang).get("agreements", {})
    where = f"lexicons/{lang}/agreements"
    heads_table = dict(lex.get("heads", {}))
    patterns = list(heads_table)
    heads, _ = _grouped({str(i): [p] for i, p in enumerate(patterns)}, f"{where}.heads")
    kinds = tuple((_compile(p, f"{where}.kinds"), k) for p, k in lex.get("kinds", ()))
    cues = lex.get("defence_cues", ())
    return _AgreementRules(
        heads=heads, head_kinds=[heads_table[p] for p in patterns], kinds=kinds,
        defence=_compile("|".join(cues), f"{where}.defence_cues") if cues else None,
        stops=frozenset(w.lower() for w in lex.get("stops", ())),
        connectors=frozenset(w.lower() for w in lex.get("connectors", ())),
        left_count=int(lex.get("left_modifiers", 0)),
        left_modifier=_compile(lex["left_modifier"], f"{where}.left_modifier")
        if lex.get("left_modifier") else None,
        left_stops=frozenset(w.lower() for w in lex.get("left_stops", ())),
        direct_complement=bool(lex.get("direct_complement", False)),
        postnominal=_compile(lex["postnominal"], f"{where}.postnominal")
        if lex.get("postnominal") else None,
        stem_length=int(_lex(lang).get("stem_length", 5)),
        accession=_compile(r"\b(?:" + "|".join(lex["accession"]) + r")\b",
                           f"{where}.accession") if lex.get("accession") else None,
        alliances=frozenset(load_lexicon(COMMON).get("alliances", {}).get("codes", ())),
        relatives=_compile(r"\s*,?\s*(?:" + _words_alt(
            [*_lex(lang).get("subject_relatives", ()),
             *_lex(lang).get("instrument_relatives", ())]) + r")(?!\w)", f"{where}.relatives")
        if (_lex(lang).get("subject_relatives") or _lex(lang).get("instrument_relatives"))
        else None,
        civil=_compile("(?:" + "|".join(lex["civil_subjects"]) + ")",
                       f"{where}.civil_subjects") if lex.get("civil_subjects") else None,
        programmes=_compile("(?:" + "|".join(lex["programme_heads"]) + ")",
                            f"{where}.programme_heads") if lex.get("programme_heads") else None,
    )


_STATED_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_TITLE_TOKEN = re.compile(r"[ \u00a0]*(\d{4}(?:\s*[-–—/]\s*\d{2,4})?|[\w'’\-]+)")


def _extend_right(doc: Doc, pos: int, limit: int, rules: _AgreementRules,
                  stop_spans: _Stops, titled: bool = False,
                  state_edges: tuple[frozenset[int], frozenset[int]] | None = None) -> int:
    """Extend a head over its complement. A capitalised head starts a title ("Treaty on
    Conventional Armed Forces in Europe"): capitalised words, and small words between them,
    belong to it. Rule *parties coordinated in a title*: a conjunction that is a stop word
    goes on when it joins two state names (``state_edges``: where STATE spans start and
    end), so "the agreement between Chile and Peru on defence" keeps its subject."""
    text = doc.text
    end = pos
    content_run = 0
    for _ in range(14):
        word = _TITLE_TOKEN.match(text, end)
        if not word or word.end() > limit:
            break
        token = word.group(1)
        low = token.lower()
        token_start = word.start(1)
        if stop_spans.overlaps(token_start, word.end()):
            break
        if end == pos == token_start and token[:1] == "-" and token[1:2].isalpha():
            end = word.end()  # rule *a hyphenated head*: "acordo-quadro", "accord-cadre"
            continue
        if titled and (token[0].isupper() or (
                (low in rules.stops or low in rules.connectors)
                and _next_capitalised(text, word.end(), limit))):
            end = word.end()
            continue
        if low in rules.stops and not (low in rules.connectors and (
                (state_edges is not None and end in state_edges[1]
                 and _next_start(text, word.end(), limit) in state_edges[0])
                or _joins_names(text, pos, end, word.end(), limit))):
            break
        if token[0].isdigit() and not re.fullmatch(r"\d{4}\S*", token):
            break
        if (low in rules.connectors or low.rstrip("'’") + "'" in rules.connectors
                or token[:4].isdigit()):
            content_run = 0
        elif _elided_connector(low, rules.connectors):
            content_run = 1  # rule *an elided connector*: "acord d'assistència mútua"
        elif end == pos and not (token[0].isupper() or rules.direct_complement or (
                rules.postnominal is not None and rules.postnominal.fullmatch(low))):
            break  # "acuerdo está": a lower-case word right after the head is not its title,
            #        unless it has an adjective's ending ("piano bilaterale", "accord cadre")
        else:
            content_run = 1 if end == pos else content_run + 1
            if content_run > 2:
                break
        end = word.end()
    # Trim trailing connectors.
    words = list(re.finditer(r"[\w'’\-]+|\d{4}\S*", text[pos:end]))
    while words and words[-1].group().lower() in rules.connectors:
        words.pop()
    return pos + words[-1].end() if words else pos


def _joins_names(text: str, head_end: int, end: int, after: int, limit: int) -> bool:
    """Rule *a conjunction between two names* (issue 10, part 3): in "the agreement between
    Romania and Poland on air policing" a conjunction that the lexicon lists both as a stop and
    as a connector joins two capitalised names of the title, so the title goes on over it to
    what the agreement is about.

    >>> _joins_names("acordul dintre România și Polonia privind", 7, 22, 25, 99)
    True
    >>> _joins_names("acordul dintre România și a semnat", 7, 22, 25, 99)
    False
    """
    before = _LAST_WORD.search(text[max(head_end, end - 40):end])
    if end <= head_end or before is None or not before.group(1)[:1].isupper():
        return False
    return _next_capitalised(text, after, limit)


_LAST_WORD = re.compile(r"([\w'’\-]+)\Z")
_ELIDED = re.compile(r"(\w+)['’](\w[\w\-]*)")


def _elided_connector(token: str, connectors: frozenset[str]) -> bool:
    """Rule *an elided connector* (issue 10, part 3): a connector written joined to the next
    word with an apostrophe ("d'assistència", "dell'alleanza") is that connector and a word of
    the complement, so the title goes on over it.

    >>> _elided_connector("d'assistència", frozenset({"d'", "de"}))
    True
    >>> _elided_connector("aujourd'hui", frozenset({"d'", "de"}))
    False
    """
    match = _ELIDED.fullmatch(token)
    return bool(match and match.group(1) + "'" in connectors)


_OPENING_QUOTES = "“„«\"‹‚"
_CLOSING_QUOTES = "”“»\"›‘’"
_QUOTED_TITLE_MAX = 200  # characters of a quoted title


def _quoted_title(text: str, head_start: int, head_end: int, end: int, s_end: int,
                  rules: _AgreementRules) -> int:
    """Rule *a quoted title*: the title of an agreement is often quoted, around its head
    ("the „Treaty on friendship and cooperation between A and B”") or right after it ("the
    treaty “on friendship, cooperation and mutual assistance”"). The mention runs to the
    closing quote, so the kind rules read the whole title. A quote after the head counts
    only when it opens with a capital or a connector ("on", "про"): a quoted comment ("the
    agreement “will be transparent”") is no title.

    >>> class R: connectors = frozenset({"on"})
    >>> t = 'a treaty “on friendship and mutual assistance” with Peru'
    >>> t[2:_quoted_title(t, 2, 8, 8, len(t), R)]
    'treaty “on friendship and mutual assistance”'
    >>> t = 'the agreement “will be transparent”'
    >>> _quoted_title(t, 4, 13, 13, len(t), R)
    13
    """
    if head_start > 0 and text[head_start - 1] in _OPENING_QUOTES:
        opener = text[head_start - 1]
        limit = min(s_end, head_start + _QUOTED_TITLE_MAX)
        # "„…“" closes with the sign that opens "“…”"; only a straight quote closes itself
        close = next((i for i in range(head_end, limit) if text[i] in _CLOSING_QUOTES
                      and (text[i] != opener or opener == '"')), None)
        return max(end, close) if close is not None else end
    if end != head_end:
        return end
    i = end
    while i < s_end and text[i] in " \u00a0":
        i += 1
    if i >= s_end or text[i] not in _OPENING_QUOTES:
        return end
    word = _TITLE_TOKEN.match(text, i + 1)
    first = word.group(1) if word else ""
    if not (first[:1].isupper() or first.lower() in rules.connectors):
        return end
    limit = min(s_end, i + _QUOTED_TITLE_MAX)
    close = next((j for j in range(i + 1, limit) if text[j] in _CLOSING_QUOTES), None)
    return close + 1 if close is not None else end


def _next_start(text: str, pos: int, limit: int) -> int | None:
    following = _TITLE_TOKEN.match(text, pos)
    return following.start(1) if following and following.end() <= limit else None


def _next_capitalised(text: str, pos: int, limit: int) -> bool:
    following = _TITLE_TOKEN.match(text, pos)
    return bool(following and following.end() <= limit and following.group(1)[:1].isupper())


def _extend_left(doc: Doc, pos: int, floor: int, rules: _AgreementRules) -> int:
    if not rules.left_count or rules.left_modifier is None:
        return pos
    start = pos
    for _ in range(rules.left_count):
        found = _word_before(doc.text, floor, start)
        if found is None:
            break
        word, word_start = found
        if (word.lower() in rules.connectors and start < pos and doc.text[start].isupper()
                and doc.text[pos].isupper()):
            # a capitalised title goes on over its small words ("Status of Forces
            # Agreement"), when a capitalised word stands before them
            before = _word_before(doc.text, floor, word_start)
            if before is not None and before[0][:1].isupper():
                start = before[1]
                continue
        if (word.lower() in rules.left_stops or not rules.left_modifier.fullmatch(word)
                or not re.search(r"[^\W_]", word)):
            break  # a stop word, or a bare dash ("- Protocol on …" in a list)
        start = word_start
    return start


_WORD_AND_SPACE = re.compile(r"([\w'’\-]+)[ \u00a0]+$")


def _word_before(text: str, floor: int, pos: int) -> tuple[str, int] | None:
    """The word and the spaces that end ``text[floor:pos]`` (word, where it starts), or None;
    read from a window before ``pos`` that widens only while the word may go on before it.

    >>> _word_before("il nuovo accordo", 0, 9)
    ('nuovo', 3)
    """
    width = 64
    while True:
        low = max(floor, pos - width)
        window = text[low:pos]
        if low == floor or "\n" in window:
            match = _WORD_AND_SPACE.search(text[floor:pos])
            return (match.group(1), floor + match.start(1)) if match else None
        match = _WORD_AND_SPACE.search(window)
        if match is not None and match.start() > 0:
            return match.group(1), low + match.start(1)
        if match is None and window.strip(" \u00a0"):
            return None  # the spaces at the end follow no word
        width *= 4


def agreements(doc: Doc) -> list[Span]:
    """AGREEMENT: agreement mentions and titles; norm = kind from the corpus vocabulary.

    The head noun ("accordo", "agreement", "соглашение", "…abkommen") is extended over its
    complement ("programma di partenariato strategico nel settore della difesa per il
    2022-2024") up to a verb, punctuation or a stop word. The kind comes from the lexicon's
    ordered kind rules over that mention; a mention with no defence cue in its sentence is
    ``other`` (``attrs.defence`` False).
    """
    rules = _agreement_rules(doc.lang)
    if rules.heads is None:
        return []
    action_spans = doc.of_label("ACTION") or [
        _Pseudo(m.start(), m.end()) for m in (_action_rules(doc.lang).verbs.finditer(doc.text)
                                              if _action_rules(doc.lang).verbs else ())]
    verb_ends = sorted(a.end for a in action_spans)
    found: list[Span] = []
    defence_of: dict[int, bool] = {}
    head_keys = [str(i) for i in range(len(rules.head_kinds))]
    # people, roles and the day of an event ("… in Europe on Tuesday") end a title;
    # a bare year may belong to it ("the 1994 treaty")
    stoppers = SpanIndex(s for s in doc.spans if s.label in ("PERSON", "ROLE") or (
        s.label == "DATE" and (s.attrs.get("precision") == "day" or s.attrs.get("relative"))))
    actions_index = SpanIndex(action_spans)
    states = doc.of_label("STATE")
    state_edges = (frozenset(s.start for s in states), frozenset(s.end for s in states))
    # the last titled mention ("longer than its head") per head stem, for coreference
    titled_by_stem: dict[str, Span] = {}
    for match in rules.heads.finditer(doc.text):
        if not doc.allowed(match.start(), match.end()):
            continue
        s_start, s_end = doc.sentence_bounds(match.start())
        stop_spans = _Stops((stoppers, actions_index), match.end(), s_end)
        titled = match.group()[:1].isupper() and match.start() != s_start
        end = _extend_right(doc, match.end(), s_end, rules, stop_spans, titled, state_edges)
        # a title never reaches back over a verb ("India, Russia ink defence pacts")
        floor = s_start
        last = bisect_right(verb_ends, match.start()) - 1
        if last >= 0 and verb_ends[last] > s_start:
            floor = verb_ends[last]
        start = _extend_left(doc, match.start(), floor, rules)
        end = _quoted_title(doc.text, match.start(), match.end(), end, s_end, rules)
        mention = doc.text[start:end].lower()
        head_index = int(_group_key(match, head_keys))
        kind = rules.head_kinds[head_index]
        head_kind = kind
        kind, by_rule = _kind_of(doc, mention, kind, end, s_end, rules, stop_spans)
        # rule *a typed "other"* (guideline 8): a document type or subject that the kind
        # rules make "other" (a letter of intent, a twinning, classified information) names
        # one particular agreement, unlike an "other" for want of a defence word
        typed = kind == "other" and any(
            k == "other" and pattern.search(mention) for pattern, k in rules.kinds)
        if (not by_rule and kind in ("other", "defense_cooperation_agreement")
                and rules.programmes is not None and rules.programmes.fullmatch(match.group())
                and _STATED_YEAR.search(mention + doc.text[end:min(end + 30, s_end)])):
            # rule *a programme for a stated period is a plan* (guideline 8): "a framework
            # programme up to 2026", "the programme for 2024" lists a period's activities
            kind, by_rule = "cooperation_plan", True
        p_start, p_end = _paragraph_bounds(doc, match.start(), (s_start, s_end))
        defence = defence_of.get(p_start)
        if defence is None:  # one search per paragraph, not per mention
            context = doc.text[p_start:p_end]
            if doc.layout.headline is not None:
                context += "\n" + doc.layout.text_of(doc.layout.headline)
            defence = defence_of[p_start] = bool(rules.defence and rules.defence.search(context))
        attrs: dict[str, Any] = {"head": match.group(), "defence": defence}
        if typed:
            attrs["typed"] = True
        if (rules.civil is not None and rules.civil.search(mention)
                and not (rules.defence and rules.defence.search(mention))):
            # rule *a civil agreement gets no record* (guideline 3): "a trade agreement",
            # "l'accordo commerciale", "das Handelsabkommen" name a subject outside defence
            attrs["civil"], attrs["defence"], defence = True, False, False
        if (by_rule or kind != head_kind) and kind not in ("defense_cooperation_agreement",
                                                           "other"):
            attrs["by_subject"] = True  # a kind rule over the words, not the head's default
        bare = end - start == match.end() - match.start()
        stem = match.group().lower()[:rules.stem_length]
        earlier = titled_by_stem.get(stem)
        if bare and earlier is not None:
            if not attrs.get("by_subject"):  # its own clause may say what it does
                kind = earlier.norm or kind
            attrs["coreference"] = True
            attrs["antecedent"] = [earlier.start, earlier.end]
        elif (not defence and kind != "other" and kind not in _DEFENCE_BY_ITSELF
              and not (bare and any(f.attrs.get("defence") for f in found))):
            # a bare "the agreement" after a defence agreement of the text is that one's
            kind = "other"
        found.append(doc.span(start, end, "AGREEMENT", "agreement", kind, attrs))
        if end - start > len(match.group()):
            titled_by_stem[stem] = found[-1]
    if rules.accession is not None and rules.alliances:
        found.extend(_accessions(doc, rules, SpanIndex(found)))
        found.sort(key=lambda s: (s.start, s.end))
    return found


#: Rule *a kind that is defence by itself* (guideline 8): a mention whose own words give one
#: of these kinds ("the Status of Forces Agreement") is a defence document even in a
#: paragraph with no other defence word.
_DEFENCE_BY_ITSELF = frozenset({"status_of_forces"})

_ACCESSION_GAP = 60  # characters between an accession noun and its alliance ("… zur Nato")


def _accessions(doc: Doc, rules: _AgreementRules, taken: SpanIndex) -> list[Span]:
    """Rule *accession to an alliance* (guideline 8): a state's accession to, or membership
    of, a defence alliance is an alliance treaty, named by the accession noun and the
    alliance ("Finland's accession to NATO", "l'adesione della Svezia alla Nato", "NATO
    membership"). The noun alone ("EU accession", "WTO membership") is no agreement; the
    alliance must stand in the same sentence, right after the noun (a genitive and a
    preposition between) or right before it.

    >>> from accords.annotate import annotate
    >>> from accords.read.articles import Article
    >>> a = Article(id="x", text="The Senate backed Norway's accession to NATO on Monday.",
    ...             lang="en")
    >>> [(s.exact, s.norm) for s in annotate(a) if s.label == "AGREEMENT"]
    [('accession to NATO', 'alliance_treaty')]
    """
    alliances = sorted((s for s in doc.of_label("ORG") if s.norm in rules.alliances),
                       key=lambda s: s.start)
    if not alliances:
        return []
    starts = [s.start for s in alliances]
    out: list[Span] = []
    for match in rules.accession.finditer(doc.text):
        if not doc.allowed(match.start(), match.end()):
            continue
        s_start, s_end = doc.sentence_bounds(match.start())
        i = bisect_right(starts, match.end() - 1)
        after = alliances[i] if i < len(alliances) else None
        before = alliances[i - 1] if i > 0 else None
        if (after is not None and after.end <= s_end
                and after.start - match.end() <= _ACCESSION_GAP
                and "," not in doc.text[match.end():after.start]):
            start, end, org = match.start(), after.end, after
        elif (before is not None and before.start >= s_start
                and 0 <= match.start() - before.end <= 2):
            start, end, org = before.start, match.end(), before
        else:
            continue
        if taken.overlaps(start, end):
            continue
        out.append(doc.span(start, end, "AGREEMENT", "agreement", "alliance_treaty", {
            "head": match.group(), "defence": True, "by_subject": True,
            "accession": org.norm}))
    return out


def _kind_of(doc: Doc, mention: str, head_kind: str, end: int, s_end: int, rules,
             stop_spans) -> tuple[str, bool]:
    """The agreement's kind, and whether a specific kind rule over its words gave it: a
    specific kind rule over the mention and the rest of its clause (the title may stop
    early: "accordo tra il Cile e il Perù sullo status … di una base navale"), else the
    general defence rule over the mention, else the head's own kind (a plan's, a
    programme's or a contract's head kind comes before the general rule). A
    "treaty" whose clause says "mutual defence" is an alliance by subject, not by its head."""
    generic = ("defense_cooperation_agreement", "other")
    extended = mention + _clause_tail(doc, end, s_end, rules, stop_spans)
    for pattern, rule_kind in rules.kinds:
        if rule_kind not in generic and pattern.search(extended):
            return rule_kind, True
    if head_kind in ("cooperation_plan", "strategic_partnership_programme", "arms_transfer"):
        return head_kind, False  # a plan, a programme, a contract: the head says what it is
    for pattern, rule_kind in rules.kinds:
        # a document type or subject that makes a defence text "other" (a letter of intent,
        # classified information) may stand in the clause after a title cut short
        if rule_kind in generic and pattern.search(extended if rule_kind == "other"
                                                   else mention):
            return rule_kind, False
    return head_kind, False


def _clause_tail(doc: Doc, end: int, s_end: int, rules, stop_spans) -> str:
    """Up to 100 characters after a mention, cut at the next agreement head, verb, or
    semicolon/bracket.

    Rule *an insertion between commas*: a participle clause right after the mention
    ("The agreement, signed in Tokyo in May, covers the transfer of equipment") is skipped,
    so the clause's own verb and object say what the agreement does. A relative clause
    ("…, by which Peru extends the lease of two frigates") says what the agreement does: its
    verb does not end the tail.
    """
    insertion = re.match(r"\s*,([^,;.]{1,120}),", doc.text[end:min(s_end, end + 130)])
    if insertion and stop_spans.starting_in(end, end + insertion.end()):
        end += insertion.end()
    limit = min(s_end, end + 100)
    following = rules.heads.search(doc.text, end, limit)
    if following:
        limit = following.start()
    relative = bool(rules.relatives is not None and rules.relatives.match(doc.text, end))
    for span in stop_spans.starting_in(end, limit):
        if relative and getattr(span, "label", None) in ("ACTION", None):
            continue
        if end <= span.start < limit and getattr(span, "label", None) not in ("PERSON", "ROLE"):
            limit = span.start
    tail = doc.text[end:limit]
    for mark in (";", "(", "“", "«"):
        tail = tail.split(mark, 1)[0]
    return tail.lower()


def _paragraph_bounds(doc: Doc, pos: int, default: tuple[int, int]) -> tuple[int, int]:
    paragraph = doc.layout.paragraph_at(pos)
    return (paragraph.start, paragraph.end) if paragraph is not None else default


@dataclass(frozen=True)
class _Stops:
    """The spans that end an agreement's title: those of ``indexes`` starting in
    ``start..end`` (the rest of its sentence), asked about a few words at a time."""

    indexes: tuple[SpanIndex, ...]
    start: int
    end: int

    def overlaps(self, a: int, b: int) -> bool:
        return any(self.start <= s.start < self.end
                   for index in self.indexes for s in index.overlapping(a, b))

    def starting_in(self, a: int, b: int) -> list[Any]:
        return [s for index in self.indexes
                for s in index.starting_in(max(a, self.start), min(b, self.end))]


@dataclass(frozen=True)
class _Pseudo:
    start: int
    end: int


# --------------------------------------------------------------------------- ACTION


@dataclass(frozen=True)
class _ActionRules:
    verbs: re.Pattern[str] | None
    keys: list[str]
    planned_forms: re.Pattern[str] | None
    planned_cues: re.Pattern[str] | None
    negation: re.Pattern[str] | None
    planned_window: int = 4
    not_negation: re.Pattern[str] | None = None  # "not only", "non appena"
    decision: re.Pattern[str] | None = None  # "decided to", "ha deciso di"


@cache
def _action_rules(lang: str | None) -> _ActionRules:
    lex = _lex(lang).get("actions", {})
    where = f"lexicons/{lang}/actions"
    table = {key: list(value) for key, value in dict(lex.get("verbs", {})).items()}
    future: list[str] = []
    for key, entries in dict(lex.get("paradigms", {})).items():
        forms, planned = _paradigm_forms(entries, _lex(lang).get("paradigms", {}),
                                         f"{where}.paradigms.{key}")
        table.setdefault(key, []).extend(forms)
        future.extend(planned)
    verbs, keys = _grouped(table, f"{where}.verbs")
    forms = [*lex.get("planned_forms", ()), *future]
    return _ActionRules(
        verbs=verbs, keys=keys,
        planned_forms=_compile("(?:" + "|".join(forms) + r")(?!\w)", f"{where}.planned_forms")
        if forms else None,
        planned_cues=_whole_words(lex, "planned_cues", where),
        negation=_whole_words(lex, "negation_cues", where),
        planned_window=int(lex.get("planned_window", 4)),
        not_negation=_whole_words(lex, "negation_exceptions", where),
        decision=_whole_words(lex, "decision_cues", where),
    )


def _whole_words(table: Mapping[str, Any], key: str, where: str) -> re.Pattern[str] | None:
    """The words (or phrases) of list ``key`` of a lexicon table as one pattern matching
    whole words, or None when the list is absent or empty."""
    words = table.get(key, ())
    if not words:
        return None
    return _compile(rf"(?<!\w)(?:{_words_alt(words)})(?!\w)", f"{where}.{key}")


def _paradigm_forms(entries: Sequence[str], classes: Mapping[str, Any],
                    where: str) -> tuple[list[str], list[str]]:
    """Rule *verbs by paradigm* (issue 10, part 3): every form of a verb, generated from its
    stem and its conjugation class, instead of the forms someone listed. An entry is
    ``"stem:class"`` ("firm:are"); the lexicon's ``[paradigms.CLASS]`` gives the endings
    (``forms``) and the endings of future and conditional forms (``future``), which are also
    planned forms. Returns the regex alternatives of all forms and of the future ones.

    >>> _paradigm_forms(["firm:are"], {"are": {"forms": ["ato", "arono"],
    ...                                          "future": ["erà"]}}, "x")
    (['firm(?:arono|ato|erà)'], ['firm(?:erà)'])
    """
    forms: list[str] = []
    future: list[str] = []
    for entry in entries:
        stem, sep, name = str(entry).partition(":")
        paradigm = classes.get(name) if sep else None
        if not stem or not isinstance(paradigm, Mapping):
            known = ", ".join(sorted(classes)) or "none"
            raise LexiconError(f"{where}: {entry!r} must be 'stem:class' with a class of "
                               f"[paradigms] (known: {known}).")
        endings = [*paradigm.get("forms", ()), *paradigm.get("future", ())]
        alternation = "|".join(re.escape(e) for e in sorted(endings, key=len, reverse=True))
        forms.append(f"{re.escape(stem)}(?:{alternation})")
        if paradigm.get("future"):
            later = "|".join(re.escape(e) for e in sorted(paradigm["future"], key=len,
                                                          reverse=True))
            future.append(f"{re.escape(stem)}(?:{later})")
    return forms, future


_VERB_WORD = re.compile(r"[\w'’]+")


def _last_words(text: str, floor: int, pos: int, count: int) -> list[str]:
    """Words of ``text[floor:pos]`` ending with its last ``count`` (all when fewer), read
    from a window before ``pos`` that widens only while it holds fewer.

    >>> _last_words("uno due tre quattro", 0, 19, 2)[-2:]
    ['tre', 'quattro']
    """
    width = 64
    while True:
        low = max(floor, pos - width)
        found = list(_VERB_WORD.finditer(text, low, pos))
        if low > floor and found and found[0].start() == low and _VERB_WORD.match(text, low - 1):
            del found[0]  # cut by the window: part of a longer word
        if low == floor or len(found) >= count:
            return [m.group() for m in found]
        width *= 4


def actions(doc: Doc) -> list[Span]:
    """ACTION: signing, ratification, entry into force, renewal, termination, announcement.

    Approval verbs ("approvato", "утвердили") count as ``signed`` with ``attrs.verb``
    ``approved``. ``negated`` is set when a negation word stands in the three words before the
    verb; ``planned`` when the verb is a future form ("firmerà", "will sign", "подпишут") or a
    planning cue stands before it ("dovrebbe", "expected to", "планируется").
    """
    rules = _action_rules(doc.lang)
    if rules.verbs is None:
        return []
    found: list[Span] = []
    text = doc.text
    dates = SpanIndex(doc.of_label("DATE"))
    # a capitalised month is no modal ("in May, Peru ratified")
    months = frozenset(str(m).lower() for m in _lex(doc.lang).get("months", ()) if m)
    for match in rules.verbs.finditer(text):
        if not doc.allowed(match.start(), match.end()):
            continue
        verb = _group_key(match, rules.keys)
        action = {"approved": "signed", "in_principle": "announced"}.get(verb, verb)
        s_start, _ = doc.sentence_bounds(match.start())
        # the words before the verb (a bounded window: linear in the text), dates left out
        # ("in May; Peru ratified" is no modal)
        low = max(s_start, match.start() - 40 * max(4, rules.planned_window))
        head = text[low:match.start()]
        for date in dates.overlapping(low, match.start()):
            a, b = max(date.start, low) - low, min(date.end, match.start()) - low
            head = head[:a] + " " * (b - a) + head[b:]
        before = _VERB_WORD.findall(head)
        if low > s_start and before and _VERB_WORD.match(text, low - 1) and \
                head[:1].strip():
            del before[0]  # cut by the window: part of a longer word
        window = " ".join(before[-4:])
        # verb-final languages put the modal far before the verb ("wollen … unterzeichnen")
        planning_window = " ".join(before[-rules.planned_window:])
        if rules.not_negation:  # rule *not only is no negation*
            window = rules.not_negation.sub(" ", window)
        negated = bool(rules.negation and rules.negation.search(window))
        planned = bool(
            (rules.planned_forms and rules.planned_forms.match(text, match.start()))
            or (rules.planned_cues and any(
                not (cue.group()[:1].isupper() and cue.group().lower() in months)
                for cue in rules.planned_cues.finditer(planning_window)))
        )
        attrs = {"verb": verb, "negated": negated, "planned": planned}
        if (action in ("renewed", "terminated") and rules.decision
                and _decided(before, rules)):
            attrs["planned"], attrs["decided"] = False, True  # rule *a decided step is taken*
        found.append(doc.span(match.start(), match.end(), "ACTION", "action", action, attrs))
    return found


_DECISION_REACH = 8  # words between a decision and the step it decides


def _decided(before: list[str], rules) -> bool:
    """Rule *a decided step is taken* (guideline 12): a decision word among the words before a
    renewing or ending verb ("agreed in Lima on Monday to extend", "decided with immediate
    effect to terminate"), with no planning word between them but the one right before the
    verb (the infinitive's "to"): "agreed to strengthen ties and will extend" is a plan."""
    window = " ".join(before[-max(_DECISION_REACH, rules.planned_window):])
    found = list(rules.decision.finditer(window))
    if not found:
        return False
    between = window[found[-1].end():].rsplit(None, 1)[0] if " " in window[
        found[-1].end():].strip() else ""
    return not (rules.planned_cues and rules.planned_cues.search(between))


# --------------------------------------------------------------------------- AREA


@cache
def _area_rules(lang: str | None) -> tuple[re.Pattern[str] | None, list[str]]:
    return _grouped(dict(_lex(lang).get("areas", {})), f"lexicons/{lang}/areas")


def areas(doc: Doc) -> list[Span]:
    """AREA: cooperation areas ("test militari", "counter-terrorism") → English label."""
    pattern, keys = _area_rules(doc.lang)
    if pattern is None:
        return []
    return [doc.span(m.start(), m.end(), "AREA", "area", _group_key(m, keys))
            for m in pattern.finditer(doc.text) if doc.allowed(m.start(), m.end())]
