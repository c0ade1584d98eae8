"""The candidate record and the small helpers every pass shares."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from accords.extract.cues import _Cues
from accords.lexicon import COMMON, load_lexicon
from accords.spans import Span

GENERIC_KINDS = ("other", "defense_cooperation_agreement")


#: Organisations that sign as a bloc of states (``blocs`` in lexicons/common/annotate.toml).
BLOCS = frozenset(load_lexicon(COMMON).get("blocs", ()))


#: Later steps whose plan announces nothing of the agreement's own: "will ratify" and "is to
#: enter into force" speak of an agreement already signed. A planned renewal or ending is
#: announced (guideline 12: "will extend" or "plans to renew").
_PLANNED_ONLY = frozenset({"entered_into_force", "ratified"})


_ACTION_RANK = {"announced": 0, "signed": 1, "renewed": 2, "ratified": 3,
                "entered_into_force": 4, "terminated": 5}


_PRECISION = {"year": 1, "month": 2, "day": 3}


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
    arity: int | None = None  # parties the title counts ("bilateral" 2, "trilateral" 3)
    vague: bool = False  # "the defence pact": a head that says no kind of its own

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
    if agreement.norm == "other" and not agreement.attrs.get("typed"):
        return True  # "other" for want of a defence word, not a typed document
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


def _date_value(span: Span | None) -> str | None:
    return span.norm if span is not None and span.norm else None


def _arity(agreement: Span, cues: _Cues) -> int | None:
    """How many parties the agreement's words count (``arity_words``: "bilateral" 2,
    "trilateral" 3), or None. Two agreements that count differently are two records."""
    for pattern, count in cues.arity:
        if pattern.search(agreement.exact):
            return count
    return None
