"""Each language's extraction cues (``lexicons/<lang>/extract.toml``), compiled once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from accords.lexicon import available_languages, load_lexicon
from accords.spans import Span


@dataclass(frozen=True)
class _Cues:
    process: re.Pattern[str] | None
    bilateral: re.Pattern[str] | None
    plural_heads: re.Pattern[str] | None
    ambiguous_plurals: re.Pattern[str] | None = None
    object_articles: re.Pattern[str] | None = None
    joiners: frozenset[str] = frozenset()
    signing_nouns: re.Pattern[str] | None = None
    stopwords: frozenset[str] = frozenset()
    elision: re.Pattern[str] | None = None
    elided_starts: tuple[str, ...] = ()
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
    arity: tuple[tuple[re.Pattern[str], int], ...] = ()
    presence: re.Pattern[str] | None = None
    met: re.Pattern[str] | None = None
    role_subjects: re.Pattern[str] | None = None
    planned_after: re.Pattern[str] | None = None
    vague_heads: re.Pattern[str] | None = None
    subject_relatives: re.Pattern[str] | None = None
    instrument_relatives: re.Pattern[str] | None = None
    negotiation: re.Pattern[str] | None = None
    notice: re.Pattern[str] | None = None


@cache
def _cues(lang: str | None) -> _Cues:
    lex = load_lexicon(lang) if lang in available_languages() else {}

    def alternation(patterns) -> re.Pattern[str] | None:
        patterns = tuple(patterns or ())
        return re.compile("(?:" + "|".join(patterns) + ")", re.IGNORECASE) if patterns else None

    return _Cues(process=alternation(lex.get("process_nouns")),
                 bilateral=alternation(lex.get("bilateral_cues")),
                 plural_heads=alternation(lex.get("plural_heads")),
                 ambiguous_plurals=alternation(lex.get("ambiguous_plurals")),
                 object_articles=_words(lex.get("object_articles"), r"\s+"),
                 vague_heads=alternation(lex.get("vague_heads")),
                 subject_relatives=_words(lex.get("subject_relatives"), r"\s*$"),
                 negotiation=_bounded(lex.get("negotiation_cues")),
                 notice=_bounded(lex.get("notice_cues")),
                 instrument_relatives=_words(lex.get("instrument_relatives"),
                                             r"\s+(?:[\w'’-]+\s+){0,5}$"),
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
                 partner_words=_words(lex.get("partner_words"),
                                     r"\s+(?:\w+\s+|\w{1,3}['’])?$"),  # "con l'Ecuador"
                 until=_words(lex.get("until_words"), r"\s*$"),
                 meeting=_bounded(lex.get("meeting_cues")),
                 formula=re.compile(r"(?<!\w)(?:" + "|".join(lex["treaty_formula"]) + r")\s+",
                                    re.IGNORECASE) if lex.get("treaty_formula") else None,
                 meeting_documents=alternation(lex.get("meeting_documents")),
                 arity=tuple((re.compile(rf"(?<!\w)(?:{pattern})", re.IGNORECASE), int(count))
                             for pattern, count in dict(lex.get("arity_words", {})).items()),
                 presence=alternation(lex.get("presence_cues")),
                 met=alternation(lex.get("meeting_people")),
                 elision=re.compile(
                     r"\s*,?\s*(?:" + "|".join(lex["elision_cues"]) + r")\s*:?\s+(?="
                     + "|".join(re.escape(w) + r"(?:\s|['’])" for w in lex["elided_starts"]) + ")",
                     re.IGNORECASE)
                 if lex.get("elision_cues") and lex.get("elided_starts") else None,
                 elided_starts=tuple(lex.get("elided_starts", ())),
                 role_subjects=alternation(lex.get("role_subjects")),
                 planned_after=_bounded(lex.get("actions", {}).get("planned_after")))


def _bounded(patterns) -> re.Pattern[str] | None:
    """Regex alternatives of a lexicon list, bounded at both ends by non-word characters."""
    if not patterns:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)", re.IGNORECASE)


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


def _is_vague(agreement: Span, cues: _Cues) -> bool:
    """Rule *a vague head takes the kind of what it names* (guideline 8): a mention headed by
    "pact" or "deal" (``vague_heads``) whose words give no kind by subject ("the defence
    pact") says no kind of its own; it may be the typed agreement the text names elsewhere
    ("the Status of Forces Agreement")."""
    head = str(agreement.attrs.get("head") or "").strip()
    return bool(head and cues.vague_heads and cues.vague_heads.fullmatch(head)
                and not agreement.attrs.get("by_subject"))


def _is_plural(agreement: Span, cues: _Cues) -> bool:
    """A plural head ("accordi", "agreements") names several agreements or a category."""
    head = str(agreement.attrs.get("head") or "").strip()
    return bool(head and cues.plural_heads and cues.plural_heads.fullmatch(head))
