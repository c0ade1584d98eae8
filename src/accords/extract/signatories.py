"""Field builder: the signatories (guidelines 6 and 13)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from accords.extract.base import _Candidate
from accords.extract.cues import _Cues
from accords.lexicon import available_languages, load_lexicon
from accords.spans import Span


def _not_present(text: str, people: list[Span], cues: _Cues,
                 verb: Span | None = None) -> list[Span]:
    """Rule *present is not signing* (guidelines 6, 13): people named after "in the
    presence of", "alla presenza di", "в присутствии" (``presence_cues``), up to the end of
    that clause, witnessed the signing and are no signatories; people named after "a meeting
    between", "l'incontro con" (``meeting_people``), up to the next comma, met (rule 6)."""
    if cues.presence is None and cues.met is None:
        return people
    out = []
    for person in people:
        start = max(0, person.start - 120)
        if _after_cue(cues.presence, text, start, person.start, r"[;.]"):
            continue
        if _after_cue(cues.met, text, max(start, verb.end) if verb is not None and
                      verb.end <= person.start else start, person.start, r"[,;.]"):
            continue  # rule *people met are no signers*: "after a meeting between X and Y"
            #           (the signing verb between the two starts another clause)
        out.append(person)
    return out


def _after_cue(cue: re.Pattern[str] | None, text: str, start: int, pos: int,
               clause_end: str) -> bool:
    """Whether a cue stands before ``pos`` (from ``start``) in the same clause."""
    if cue is None:
        return False
    found = list(cue.finditer(text, start, pos))
    return bool(found) and not re.search(clause_end, text[found[-1].end():pos])


def _signers_by_role(text: str, sentence_start: int, candidate: _Candidate,
                     named_before: list[Span], cues: _Cues, inside: list[Span]) -> None:
    """Rule *signers named by role* (guideline 13): a signing whose subject is a role in the
    plural ("the two ministers signed", "i due ministri hanno firmato", ``role_subjects``)
    and whose sentence names nobody is signed by the people the sentence before names in
    that role (a defence minister, not the prime minister who came along)."""
    if (candidate.people or not named_before or cues.role_subjects is None
            or candidate.action_name != "signed"):
        return
    lo = max(sentence_start, candidate.action.start - 60)
    if not cues.role_subjects.search(text, lo, candidate.action.start):
        return
    roles = {s.norm for s in inside if s.label == "ROLE" and lo <= s.start
             and s.end <= candidate.action.start} - {"minister", "counterpart"}
    signers = [p for p in named_before if not roles or p.attrs.get("role") in roles]
    if signers:
        candidate.people = signers
        candidate.rules.add("signatories: signers-named-by-role")


def _citation_form(person: Span, people: Sequence[Span], vowels: frozenset[str] = frozenset()
                   ) -> Span:
    """Rule *a signer in the form the text names them in* (guidelines 6, 13): a signer named
    in an oblique case ("signed with Nguyen Van Anhom", "с Нго Ван Анем") is recorded in the
    form the text gives the same person elsewhere, word by word the same stem with a
    shorter or equal ending ("Нго Ван Ань"); the first such form in the text wins a tie.
    A name the text gives in one form only keeps it.

    >>> from accords.read.articles import Article
    >>> from accords.spans import make_span
    >>> a = Article(id="x", text="министр Нго Ван Ань. Подписал с Нго Ван Анем.", lang="ru")
    >>> nom, ins = (make_span(a, 8, 19, "PERSON"), make_span(a, 32, 44, "PERSON"))
    >>> _citation_form(ins, [nom, ins], _vowels("ru")).exact
    'Нго Ван Ань'
    """
    words = person.exact.split()
    best = person
    for other in people:
        if other.label != "PERSON" or other.exact == person.exact:
            continue
        theirs = other.exact.split()
        if len(theirs) != len(words) or not all(
                _same_stem(a, b, vowels) for a, b in zip(words, theirs, strict=True)):
            continue
        if len(other.exact) < len(best.exact) or (
                len(other.exact) == len(best.exact) and other.start < best.start):
            best = other
    return best


def _same_stem(a: str, b: str, vowels: frozenset[str]) -> bool:
    """Two forms of one capitalised word: equal, or the longer starting with the shorter (less
    a final vowel or soft sign) and at most three letters longer ("Лик", "Ликом"; "Анна",
    "Анной"; "Ань", "Анем")."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) < 2 or len(long_) - len(short) > 3:
        return False
    keep = max(2, len(short) - (1 if short[-1].lower() in vowels else 0))
    return long_[:keep] == short[:keep] and short[0].isupper()


@cache
def _vowels(lang: str | None) -> frozenset[str]:
    """The letters the language's lexicon calls vowels (``vowels``; none without a lexicon)."""
    if not lang or lang not in available_languages():
        return frozenset()
    return frozenset(str(load_lexicon(lang).get("vowels", "")).lower())
