"""Offline language identification.

Uses the naive-Bayes character n-gram model that ships inside ``py3langid`` (97 languages, no
download), so it works on a machine without network. Boilerplate is best removed before
detection; :func:`detect_language` accepts any text.

>>> detect_language("Il programma di partenariato è stato firmato martedì a Mosca.").lang
'it'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

__all__ = ["LanguageGuess", "detect_language"]


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """ISO 639-1 code (None when the text has no letters) and the model's probability."""

    lang: str | None
    probability: float


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, candidates: tuple[str, ...] | None = None) -> LanguageGuess:
    """The most likely language of ``text``; ``candidates`` restricts the choice.

    The answer is deterministic for a given text. Texts without any letter give ``None``.
    """
    if not any(ch.isalpha() for ch in text):
        return LanguageGuess(None, 0.0)
    ident = _identifier()
    if candidates:
        ranked = [(lang, p) for lang, p in ident.rank(text) if lang in candidates]
        total = sum(p for _, p in ranked) or 1.0
        lang, prob = ranked[0]
        return LanguageGuess(lang, round(float(prob) / total, 4))
    lang, prob = ident.classify(text)
    return LanguageGuess(lang, round(float(prob), 4))
