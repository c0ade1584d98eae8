"""Hypothesis strategies for the offset bugs other tools have: BOM, CRLF, NFD, emoji."""

from __future__ import annotations

from hypothesis import strategies as st

TRICKY_PIECES = [
    "\r\n", "\r", "\n", "\n\n", "\ufeff", "e\u0301", "a\u0300", "🇷🇺", "👍🏽", "ё", "й",
    "Мосва", "MOSCA-", " – ", ". ", "? ", "“", "”", "Il ", "Sig. ", "9. ", "novembre ",
    "Potete seguirci sui social\n", "Leggi anche: ", "www.example.org", "\t", "\u00a0",
]

pieces = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=8),
    st.sampled_from(TRICKY_PIECES),
)

raw_texts = st.lists(pieces, max_size=40).map("".join)
