"""The indexes that replace scans of every span: each answers exactly as the scan it replaces."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from accords.annotate.doc import Doc
from accords.annotate.gazetteer import _trie_regex
from accords.annotate.rules import _Antecedents, _any_starts_with, _words_alt
from accords.read.articles import Article
from accords.read.layout import Layout, Paragraph, Sentence, analyse
from accords.spans import SpanIndex, make_span


@dataclass(frozen=True)
class _Piece:
    start: int
    end: int
    name: int


intervals = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)), max_size=30)
queries = st.lists(st.tuples(st.integers(-5, 80), st.integers(0, 20)), min_size=1, max_size=10)


def _pieces(pairs):
    return [_Piece(a, a + n, i) for i, (a, n) in enumerate(pairs)]


def _check(index, pieces, start, end):
    assert index.overlapping(start, end) == [p for p in pieces
                                             if p.start < end and start < p.end]
    assert index.overlaps(start, end) == any(p.start < end and start < p.end for p in pieces)
    assert index.containing(start, end) == [p for p in pieces
                                            if p.start <= start and end <= p.end]
    assert index.starting_in(start, end) == [p for p in pieces if start <= p.start < end]
    assert index.ending_in(start, end) == [p for p in pieces if start <= p.end <= end]


@settings(max_examples=200, deadline=None)
@given(intervals, queries)
def test_an_index_built_at_once_answers_as_a_filter_over_the_list(pairs, asked):
    pieces = _pieces(pairs)
    index = SpanIndex(pieces)
    assert len(index) == len(pieces)
    for start, length in asked:
        _check(index, pieces, start, start + length)


@settings(max_examples=200, deadline=None)
@given(intervals, queries)
def test_an_index_grown_one_span_at_a_time_in_any_order_answers_the_same(pairs, asked):
    pieces = _pieces(pairs)
    index = SpanIndex()
    for i, piece in enumerate(pieces):
        index.add(piece)
        for start, length in asked:
            _check(index, pieces[:i + 1], start, start + length)


def test_an_index_returns_spans_in_the_order_they_were_added_not_by_offset():
    late, early = _Piece(10, 20, 0), _Piece(2, 30, 1)
    assert SpanIndex([late, early]).overlapping(12, 14) == [late, early]


def test_a_long_span_is_still_found_far_from_where_it_starts():
    index = SpanIndex([_Piece(0, 1000, 0), _Piece(500, 501, 1)])
    assert index.overlaps(900, 901)
    assert [p.name for p in index.containing(900, 950)] == [0]


def test_boilerplate_bounds_are_indexed_like_spans():
    index = SpanIndex.of_bounds([(0, 5), (20, 30)])
    assert index.overlaps(4, 6) and not index.overlaps(5, 20) and index.overlaps(29, 40)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 8)), max_size=8),
       st.integers(0, 60), st.integers(0, 8))
def test_doc_allowed_is_the_test_against_every_block(pairs, start, length):
    article = Article(id="x", text="x" * 80, lang="it")
    doc = Doc.of(article)
    doc.blocks = tuple(sorted((a, a + n) for a, n in pairs))
    end = start + length
    assert doc.allowed(start, end) == (
        not any(a < max(end, start + 1) and start < b for a, b in doc.blocks))


def test_sentence_and_paragraph_at_a_position_are_found_by_bisection():
    text = "Titolo\nPrima frase. Seconda frase.\n\nUltima riga"
    layout = analyse(Article(id="x", text=text, title="Titolo", lang="it"))
    for pos in range(len(text) + 1):
        assert layout.sentence_at(pos) == next(
            (s for s in layout.sentences if s.start <= pos < s.end), None)
        assert layout.paragraph_at(pos) == next(
            (p for p in layout.paragraphs if p.start <= pos < p.end), None)


def test_sentences_made_by_hand_out_of_order_are_still_found():
    article = Article(id="x", text="aaaa bbbb", lang="it")
    base = analyse(article)
    layout = Layout(article=article, lang="it", headline=None, dateline=None,
                    paragraphs=(Paragraph(1, 0, 9, "body"),),
                    sentences=(Sentence(1, 5, 9, 1), Sentence(2, 0, 9, 1)),
                    boilerplate=base.boilerplate)
    assert layout.sentence_at(2) == Sentence(2, 0, 9, 1)
    assert layout.sentence_at(6) == Sentence(1, 5, 9, 1)


def test_a_prefix_is_looked_up_among_sorted_words():
    words = sorted(["Kazakistan", "Russia", "Russa", "Uzbekistan"])
    assert _any_starts_with(words, "Russ") and _any_starts_with(words, "")
    assert not _any_starts_with(words, "Bielo") and not _any_starts_with([], "")


def test_the_antecedent_of_a_description_is_the_last_fitting_state_found():
    text = "Russia, Kazakistan, Francia, Uzbekistan e il Paese centroasiatico"
    article = Article(id="x", text=text, lang="it")
    named = [make_span(article, a, a + len(w), "STATE", norm=code)
             for w, code in (("Russia", "RUS"), ("Kazakistan", "KAZ"), ("Francia", "FRA"),
                             ("Uzbekistan", "UZB")) for a in [text.index(w)]]
    found = _Antecedents(named)
    central_asia = {"KAZ", "UZB", "KGZ"}
    assert found.last(central_asia, len(text)).norm == "UZB"
    assert found.last(central_asia, text.index("Uzbekistan")).norm == "KAZ"
    assert found.last({"ITA"}, len(text)) is None
    at = text.index("Paese")
    described = make_span(article, at, len(text), "STATE", norm="KAZ")
    found.add(described)
    assert found.last(central_asia, len(text)) is described  # found after every name


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abAB'’-", min_size=1, max_size=5), min_size=1, max_size=8),
       st.text(alphabet="abAB'’- .", max_size=60))
def test_surnames_in_a_prefix_tree_match_as_the_longest_first_alternation(words, text):
    listed = re.compile(rf"(?<!\w)(?:{_words_alt(words)})(?!\w)")
    tree = re.compile(rf"(?<!\w)(?:{_trie_regex(sorted(set(words)))})(?!\w)")
    assert [m.span() for m in tree.finditer(text)] == [m.span() for m in listed.finditer(text)]
