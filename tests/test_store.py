"""The annotation store: verification on load, re-anchoring, human decisions, atomic writes."""

from __future__ import annotations

import json
import os

import pytest

from accords.read.articles import Article
from accords.review import store
from accords.review.store import AnchorError, Annotations, StoreError, load, reanchor, save, update
from accords.spans import Span, SpanError, make_span

TEXT = "MOSCA - Il Kazakistan e la Russia hanno firmato un programma a Mosca."


@pytest.fixture
def article():
    return Article(id="doc-1", text=TEXT, lang="it")


def rule(article, exact, label, norm=None, occurrence=1):
    start = -1
    for _ in range(occurrence):
        start = article.text.index(exact, start + 1)
    return make_span(article, start, start + len(exact), label, norm=norm, origin="rule:test")


def fake_annotator(article):
    return [rule(article, "Kazakistan", "STATE", "KAZ"), rule(article, "Russia", "STATE", "RUS"),
            rule(article, "firmato", "ACTION", "signed")]


def test_span_rejects_exact_text_of_the_wrong_length():
    with pytest.raises(SpanError, match="exact"):
        Span("d", "sha", 0, 3, "ab", "", "", "STATE")


def test_saved_file_holds_doc_id_sha_and_spans(article, tmp_path):
    path = save(Annotations.new(article, fake_annotator(article)), tmp_path / "doc-1.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert (doc["doc_id"], doc["doc_sha256"]) == ("doc-1", article.sha256)
    assert [s["exact"] for s in doc["spans"]] == ["Kazakistan", "Russia", "firmato"]


def test_load_verifies_every_span(article, tmp_path):
    path = save(Annotations.new(article, fake_annotator(article)), tmp_path / "doc-1.json")
    notes = load(article, path)
    assert notes.report.verified == 3 and notes.report.ok and not notes.report.text_changed


def test_changed_text_re_anchors_spans_by_quote_and_context(article, tmp_path):
    path = save(Annotations.new(article, fake_annotator(article)), tmp_path / "doc-1.json")
    edited = Article(id="doc-1", text="Ieri, " + TEXT, lang="it")
    notes = load(edited, path)
    assert notes.report.text_changed and len(notes.report.reanchored) == 3
    assert all(edited.text[s.start:s.end] == s.exact for s in notes.spans)
    assert {s.doc_sha256 for s in notes.spans} == {edited.sha256}


def test_spans_that_cannot_be_placed_are_reported_and_kept(article, tmp_path):
    path = save(Annotations.new(article, fake_annotator(article)), tmp_path / "doc-1.json")
    edited = Article(id="doc-1", text=TEXT.replace("Russia", "Cina"), lang="it")
    notes = load(edited, path)
    assert [s.exact for s in notes.unanchored] == ["Russia"]
    assert "NOT PLACED" in str(notes.report)
    save(notes, path)  # the unplaced span stays in the file
    assert "Russia" in path.read_text(encoding="utf-8")
    with pytest.raises(AnchorError, match="Russia"):
        load(edited, path, strict=True)


def test_ambiguous_quote_without_context_is_not_guessed():
    twice = Article(id="d", text="a Mosca e a Mosca")
    span = rule(twice, "Mosca", "PLACE", occurrence=2).with_(prefix="", suffix="")
    assert reanchor(span, "ieri a Mosca e a Mosca") is None


def test_an_empty_span_re_anchors_by_its_context(article):
    empty = make_span(article, 10, 10, "NOTE")
    moved = reanchor(empty, "XX" + TEXT)
    assert (moved.start, moved.end) == (12, 12)


def test_human_decisions_survive_reruns_without_duplicates(article, tmp_path):
    path = tmp_path / "doc-1.json"
    notes = update(article, path, annotator=fake_annotator)
    notes.reject(notes.find(exact="Russia")[0])
    notes.edit(article, notes.find(exact="Kazakistan")[0], norm="KAZ", attrs={"checked": True})
    notes.add_text(article, "Mosca", "PLACE", norm="Moscow")
    save(notes, path)
    first = path.read_bytes()
    for _ in range(2):
        again = update(article, path, annotator=fake_annotator)
    assert path.read_bytes() == first
    assert [(s.exact, s.status) for s in again.human] == [
        ("Kazakistan", "accepted"), ("Russia", "rejected"), ("Mosca", "accepted")]
    effective = {(s.exact, s.origin) for s in again.effective()}
    assert effective == {("Kazakistan", "human"), ("firmato", "rule:test"), ("Mosca", "human")}


def test_edit_to_new_offsets_rejects_the_old_span(article):
    notes = Annotations.new(article, [rule(article, "programma a Mosca", "AGREEMENT")])
    old = notes.spans[0]
    new = notes.edit(article, old, end=old.start + len("programma"))
    assert new.exact == "programma" and new.attrs_dict()["edited_from"] == [old.start, old.end,
                                                                      "AGREEMENT"]
    assert notes.get(old).status == "rejected"
    assert notes.merge([old]).effective() == [new]


def test_adding_a_span_that_does_not_match_the_text_is_refused(article):
    notes = Annotations.new(article)
    with pytest.raises(StoreError, match="occurs 0 times"):
        notes.add_text(article, "Pechino", "PLACE")


def test_a_corrupt_file_names_itself_and_says_what_to_do(article, tmp_path):
    path = tmp_path / "doc-1.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(StoreError, match=r"doc-1\.json.*restore it"):
        load(article, path)


def test_a_file_of_another_article_is_refused(article, tmp_path):
    path = save(Annotations.new(article), tmp_path / "doc-1.json")
    with pytest.raises(StoreError, match="not of 'other'"):
        load(Article(id="other", text=TEXT), path)


def test_interrupted_write_leaves_the_previous_file_intact(article, tmp_path, monkeypatch):
    path = save(Annotations.new(article, fake_annotator(article)), tmp_path / "doc-1.json")
    before = path.read_bytes()

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    from accords import atomic

    notes = load(article, path)
    notes.add_text(article, "Mosca", "PLACE")
    monkeypatch.setattr(atomic.os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        save(notes, path)
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["doc-1.json"]  # no temporary file left behind


def test_unchanged_content_is_not_rewritten(article, tmp_path):
    path = tmp_path / "doc-1.json"
    assert store.atomic_write_text(path, "x\n") is True
    assert store.atomic_write_text(path, "x\n") is False


def test_document_ids_that_look_like_paths_stay_inside_the_folder(tmp_path):
    path = store.annotation_path("../escape", tmp_path)
    assert path.parent == tmp_path and path.name == "%2E.%2Fescape.json"
    with pytest.raises(StoreError, match="cannot name a file"):
        store.annotation_path("")


MOSCA_TEXT = ("Il ministro kazako è giunto a Mosca martedì per i colloqui. "
              "La firma del programma è avvenuta a Mosca presso il ministero della Difesa.")


def test_a_rejection_whose_sentence_was_reworded_is_unplaced_not_moved_to_another_mosca(
        tmp_path):
    before = Article(id="m", text=MOSCA_TEXT, lang="it")
    notes = Annotations.new(before, [rule(before, "Mosca", "PLACE", occurrence=1),
                                     rule(before, "Mosca", "PLACE", occurrence=2)])
    notes.reject(notes.spans[0].key)   # the first 'Mosca' was wrong …
    notes.accept(notes.spans[1].key)   # … the second right
    path = save(notes, tmp_path / "m.json")
    reworded = Article(id="m", text=MOSCA_TEXT.replace("è giunto a Mosca martedì",
                                                       "è arrivato nella capitale, Mosca, "
                                                       "nella giornata di martedì"), lang="it")
    loaded = load(reworded, path)
    assert [(s.exact, s.status) for s in loaded.unanchored] == [("Mosca", "rejected")]
    second = reworded.text.rindex("Mosca")
    assert [(s.start, s.status) for s in loaded.human] == [(second, "accepted")]
    assert "NOT PLACED" in str(loaded.report)


def test_a_quote_whose_context_matches_two_places_is_not_guessed():
    base = "x social. Mosca. Potete x social. Mosca. Potete x"
    span = make_span(Article(id="d", text=base), 10, 15, "PLACE", context=8)
    assert reanchor(span, "Ieri. " + base) is None


def test_a_span_whose_words_changed_on_one_side_only_still_moves():
    art = Article(id="d", text=MOSCA_TEXT)
    span = rule(art, "Mosca", "PLACE", occurrence=2)
    edited = MOSCA_TEXT.replace("presso il ministero", "nella sede del ministero")
    moved = reanchor(span, "Nota. " + edited)
    assert ("Nota. " + edited)[moved.start:moved.end] == "Mosca"
    assert moved.start == ("Nota. " + edited).rindex("Mosca")
