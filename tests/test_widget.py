"""The annotation widget's logic, without a browser: snapping a mouse selection to words,
labels by number key, moving between spans, decisions saved at once through the store
(coreferent copies following a rejection), undo, the article list and its review states,
the key map the page stops, and the static HTML view.

Every test writes into ``tmp_path``; the articles are sentences written for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accords.read.articles import Article
from accords.review import store
from accords.review.widget import (
    ReviewSession,
    SnapError,
    coreferents,
    corpus_progress,
    label_for_key,
    next_unreviewed,
    progress_summary,
    snap,
)
from accords.review.widget.view import KEYS, AnnotationWidget
from accords.spans import LABELS, make_span

TEXT = ("Il ministro Sergej Shoigu ha incontrato a Astana il collega. Shoigu ha firmato "
        "l'accordo con il Kazakistan.")
ARTICLE = Article(id="w1", text=TEXT)


def rule(article, exact, label, occurrence=1, **kw):
    start = -1
    for _ in range(occurrence):
        start = article.text.index(exact, start + 1)
    return make_span(article, start, start + len(exact), label, origin="rule:test", **kw)


def rule_spans(article=ARTICLE):
    full = rule(article, "Sergej Shoigu", "PERSON", norm="Sergej Shoigu")
    copy = rule(article, "Shoigu", "PERSON", occurrence=2, norm="Sergej Shoigu",
                attrs={"via": "coreference", "antecedent": [full.start, full.end]})
    return [rule(article, "ministro", "ROLE", norm="defence_minister"), full, copy,
            rule(article, "Astana", "PLACE", norm="Astana"),
            rule(article, "Kazakistan", "STATE", norm="KAZ")]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "annotations" / "w1.json"


@pytest.fixture
def session(path: Path) -> ReviewSession:
    return ReviewSession(ARTICLE, path=path, annotator=lambda a: rule_spans(a))


def on_disk(path: Path, article=ARTICLE):
    return {s.key: s for s in store.load(article, path).human}


# --------------------------------------------------------------------------- snapping


def test_a_selection_inside_a_word_snaps_to_the_whole_word():
    start = TEXT.index("Kazakistan")
    assert snap(TEXT, start + 3, start + 6) == (start, start + len("Kazakistan"))


def test_spaces_and_punctuation_at_the_edges_of_a_selection_are_dropped():
    start = TEXT.index(" il collega.")
    a, b = snap(TEXT, start, start + len(" il collega. "))
    assert TEXT[a:b] == "il collega"


def test_a_selection_made_backwards_gives_the_same_span():
    start = TEXT.index("Astana")
    assert snap(TEXT, start + 6, start) == snap(TEXT, start, start + 6)


def test_an_abbreviation_keeps_its_final_full_stop():
    text = "Gli U.S. firmano."
    assert text[slice(*snap(text, 4, 8))] == "U.S."


def test_offsets_count_code_points_past_an_emoji_and_an_accent():
    text = "🇷🇺 Il Kazakistan è d'accordo."  # a flag is two code points, four UTF-16 units
    start = text.index("Kazakistan")
    assert snap(text, start + 1, start + 2) == (start, start + 10)
    assert text[slice(*snap(text, text.index("è"), text.index("è") + 1))] == "è"


def test_a_selection_without_words_or_off_the_text_is_refused_with_the_reason():
    with pytest.raises(SnapError, match="holds no word"):
        snap(TEXT, TEXT.index(". "), TEXT.index(". ") + 2)
    with pytest.raises(SnapError, match="outside the text"):
        snap(TEXT, 0, len(TEXT) + 5)


def test_number_keys_pick_the_labels_in_order_and_zero_is_the_tenth():
    assert [label_for_key(k) for k in "1234567890"] == list(LABELS)
    assert label_for_key("a") is None and label_for_key("11") is None


# --------------------------------------------------------------------------- decisions


def test_opening_a_session_writes_nothing(session, path):
    assert not path.exists()
    assert len(session.spans) == 5


def test_a_mouse_selection_and_a_number_key_make_a_human_span_saved_at_once(session, path):
    start = TEXT.index("collega")
    assert session.propose(start + 2, start + 4) == (start, start + 7)
    span = session.choose_label("3")  # PERSON
    assert (span.label, span.exact, span.origin, span.status) == (
        "PERSON", "collega", "human", "accepted")
    assert on_disk(path)[span.key].exact == "collega"
    assert session.pending is None and session.selected == span.key
    assert "saved w1.json" in session.status


def test_a_label_picked_by_name_with_a_norm_is_saved_with_it(session, path):
    start = TEXT.index("accordo")
    session.propose(start, start + 7)
    span = session.choose_label("AGREEMENT", norm="other")
    assert on_disk(path)[span.key].norm == "other"


def test_the_arrows_move_through_the_spans_in_text_order_and_stop_at_the_ends(session):
    order = [s.exact for s in session.spans]
    assert order == ["ministro", "Sergej Shoigu", "Astana", "Shoigu", "Kazakistan"]
    seen = [session.move(+1).exact for _ in range(6)]
    assert seen == [*order, "Kazakistan"]
    assert session.move(-1).exact == "Shoigu"


def test_a_click_on_a_highlight_selects_it_by_its_position(session):
    assert session.select(2).exact == "Astana"
    assert session.select(99) is None and "no span number 100" in session.status


def test_enter_accepts_the_selected_span_and_saves_it(session, path):
    session.select(2)
    session.accept()
    assert on_disk(path)[session.selected].status == "accepted"


def test_rejecting_a_span_rejects_its_coreferent_copies_too(session, path):
    session.select(1)  # "Sergej Shoigu"; the later "Shoigu" refers back to it
    session.reject()
    saved = on_disk(path)
    assert sorted((s.exact, s.status) for s in saved.values()) == [
        ("Sergej Shoigu", "rejected"), ("Shoigu", "rejected")]
    assert "1 span referring to it" in session.status


def test_coreferents_follow_chains_and_only_the_same_label():
    spans = rule_spans()
    full, copy = spans[1], spans[2]
    again = make_span(ARTICLE, copy.start, copy.end, "ROLE",
                      attrs={"antecedent": [full.start, full.end]})
    assert coreferents([*spans, again], full) == [copy]


def test_a_digit_on_a_selected_span_changes_its_label(session, path):
    session.select(2)  # Astana, PLACE
    new = session.choose_label("1")
    saved = on_disk(path)
    assert new.label == "STATE" and saved[new.key].status == "accepted"
    assert saved[(new.start, new.end, "PLACE")].status == "rejected"


def test_the_editor_changes_the_norm_or_clears_it(session, path):
    session.select(4)
    session.edit(norm="KZ")
    assert on_disk(path)[session.selected].norm == "KZ"
    session.edit(clear_norm=True)
    assert on_disk(path)[session.selected].norm is None


def test_undo_takes_back_a_rejection_with_its_copies(session, path):
    session.select(1)
    session.reject()
    session.undo()
    assert on_disk(path) == {}  # both are rule spans again, as proposed
    assert [s.status for s in session.spans] == ["proposed"] * 5
    assert session.selected_span.exact == "Sergej Shoigu"


def test_undo_goes_back_one_decision_at_a_time(session, path):
    session.select(4)
    session.accept()
    session.reject()
    session.undo()
    assert on_disk(path)[session.selected].status == "accepted"
    session.undo()
    assert on_disk(path) == {}
    assert session.undo() is None and session.status == "Nothing to undo."


def test_undo_removes_a_span_added_by_mouse(session, path):
    start = TEXT.index("collega")
    session.propose(start, start + 7)
    session.choose_label("3")
    session.undo()
    assert on_disk(path) == {} and len(session.spans) == 5


def test_a_decision_saved_elsewhere_meanwhile_is_kept(session, path):
    session.select(0)
    session.accept()  # the file exists now
    other = store.load(ARTICLE, path)  # another kernel
    other.reject(other.find(exact="Astana")[0])
    store.save(other, path)
    session.select(4)
    session.reject()
    saved = on_disk(path)
    assert {s.exact: s.status for s in saved.values()} == {
        "ministro": "accepted", "Astana": "rejected", "Kazakistan": "rejected"}
    session.undo()  # takes back only this session's rejection
    assert {s.exact: s.status for s in on_disk(path).values()} == {
        "ministro": "accepted", "Astana": "rejected"}


def test_two_widgets_on_one_article_deciding_in_turn_keep_every_decision(path):
    one = ReviewSession(ARTICLE, path=path, annotator=rule_spans)
    two = ReviewSession(ARTICLE, path=path, annotator=rule_spans)
    one.select(0)
    one.reject()
    two.select(2)
    two.accept()
    one.select(4)
    one.accept()
    start = TEXT.index("collega")
    two.propose(start, start + 7)
    two.choose_label("PERSON")
    assert {s.exact: s.status for s in on_disk(path).values()} == {
        "ministro": "rejected", "Astana": "accepted", "Kazakistan": "accepted",
        "collega": "accepted"}


def test_undo_never_overwrites_what_another_writer_decided_since(session, path):
    session.select(4)
    session.accept()
    other = store.load(ARTICLE, path)  # another kernel rejects the same span afterwards
    other.reject(session.selected)
    store.save(other, path)
    assert session.undo() is None
    assert "another writer changed STATE 96-106" in session.status and not session.ok
    assert on_disk(path)[(96, 106, "STATE")].status == "rejected"
    assert not session.can_undo


def test_a_broken_file_is_reported_and_the_decision_not_applied(session, path):
    session.select(0)
    session.accept()
    path.write_text("{ not json", encoding="utf-8")
    session.select(4)
    assert session.reject() is None
    assert session.status.startswith("Not saved:") and not session.ok
    assert path.read_text(encoding="utf-8") == "{ not json"
    assert session.selected_span.status == "proposed"


def test_actions_without_a_selection_say_what_to_do(session, path):
    assert session.accept() is None and "Select a span first" in session.status
    assert session.choose_label("1") is None
    assert not path.exists()


# --------------------------------------------------------------------------- article list


def articles_folder(tmp_path: Path) -> tuple[Path, list[Article]]:
    folder = tmp_path / "articles"
    folder.mkdir()
    texts = {"a-1": "La Russia e la Cina firmano a Astana.",
             "a-2": "La Russia firma a Astana con la Cina.", "a-3": "La Russia firma a Astana."}
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    from accords.read.articles import read_articles
    return folder, read_articles(folder)


def test_each_article_has_its_review_state_and_the_corpus_a_count(tmp_path):
    _, articles = articles_folder(tmp_path)
    notes_dir = tmp_path / "annotations"
    first = ReviewSession(articles[0], path=store.annotation_path("a-1", notes_dir))
    while first.move(+1) is not None and first.selected_span.status == "proposed":
        first.accept()
    second = ReviewSession(articles[1], path=store.annotation_path("a-2", notes_dir))
    second.move(+1)
    second.reject()
    rows = corpus_progress(articles, notes_dir)
    assert [r.state for r in rows] == ["reviewed", "in progress", "not started"]
    total_1 = len(first.spans)
    assert rows[0].decided == rows[0].total == total_1
    summary = progress_summary(rows)
    assert summary.startswith("3 articles: 1 reviewed, 1 in progress, 1 not started; ")
    assert next_unreviewed(rows, after="a-2") == "a-3"
    assert next_unreviewed(rows, after="a-3") == "a-2"


def test_an_unreadable_annotation_file_is_named_in_the_list(tmp_path):
    _, articles = articles_folder(tmp_path)
    notes_dir = tmp_path / "annotations"
    notes_dir.mkdir()
    (notes_dir / "a-1.json").write_text("[]", encoding="utf-8")
    rows = corpus_progress(articles, notes_dir)
    assert "not an annotation file" in rows[0].problem
    assert progress_summary(rows).endswith("1 annotation file cannot be read")


def test_the_widget_lists_a_folder_and_n_opens_the_next_unreviewed_article(tmp_path):
    folder, _ = articles_folder(tmp_path)
    widget = AnnotationWidget(folder, annotations=tmp_path / "annotations")
    assert [row["state"] for row in widget.articles] == ["not started"] * 3
    widget.handle({"do": "key", "key": "ArrowRight", "ctrl": False})
    widget.handle({"do": "key", "key": "Delete", "ctrl": False})
    assert widget.articles[0]["state"] == "in progress"
    widget.handle({"do": "key", "key": "n", "ctrl": False})
    assert widget.doc_id == "a-2" and "next article not yet reviewed" in widget.message
    widget.handle({"do": "open", "id": "a-1"})
    assert widget.doc_id == "a-1" and widget.can_undo  # its session and undo are kept


def test_an_article_whose_file_cannot_be_read_is_not_opened_and_the_reason_shown(tmp_path):
    folder, _ = articles_folder(tmp_path)
    notes_dir = tmp_path / "annotations"
    notes_dir.mkdir()
    (notes_dir / "a-2.json").write_text("{ broken", encoding="utf-8")
    widget = AnnotationWidget(folder, annotations=notes_dir)
    assert "cannot be read" in widget.summary
    widget.handle({"do": "open", "id": "a-2"})
    assert widget.doc_id == "a-1" and not widget.ok
    assert "Could not open the article" in widget.message and "a-2.json" in widget.message
    assert (notes_dir / "a-2.json").read_text(encoding="utf-8") == "{ broken"
    widget.handle({"do": "open", "id": "no-such-article"})
    assert "no article 'no-such-article'" in widget.message


# --------------------------------------------------------------------------- the widget


@pytest.fixture
def widget(path: Path) -> AnnotationWidget:
    return AnnotationWidget(ARTICLE, annotations=path.parent, annotator=rule_spans)


def key(widget, name, ctrl=False):
    widget.handle({"do": "key", "key": name, "ctrl": ctrl})


def test_the_page_gets_the_text_the_spans_and_the_keys_it_must_stop(widget):
    assert widget.text == TEXT and len(widget.spans) == 5
    assert widget.spans[0]["start"] == TEXT.index("ministro")
    assert [label["key"] for label in widget.labels] == list("1234567890")
    for name in ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Enter", "Delete",
                 "Backspace", "e", "Escape", "n", "Ctrl+z", *"1234567890"]:
        assert name in widget.key_map
    assert widget.key_map == KEYS


def test_keys_drive_the_review_and_each_decision_reaches_the_file(widget, path):
    key(widget, "ArrowRight")
    key(widget, "ArrowRight")
    assert widget.selected == 1
    key(widget, "Enter")
    assert on_disk(path)[(12, 25, "PERSON")].status == "accepted"
    key(widget, "ArrowRight")
    key(widget, "Backspace")
    assert on_disk(path)[(42, 48, "PLACE")].status == "rejected"
    key(widget, "z", ctrl=True)
    assert (42, 48, "PLACE") not in on_disk(path)
    assert widget.spans[2]["status"] == "proposed"


def test_a_mouse_range_then_a_label_click_adds_a_span(widget, path):
    start = TEXT.index("collega")
    widget.handle({"do": "range", "start": start + 1, "end": start + 3})
    assert widget.pending == [start, start + 7]
    widget.handle({"do": "label", "label": "ROLE"})
    assert on_disk(path)[(start, start + 7, "ROLE")].origin == "human"
    assert widget.pending == [] and widget.spans[widget.selected]["label"] == "ROLE"


def test_e_opens_the_editor_and_its_save_changes_label_and_norm(widget, path):
    key(widget, "e")
    assert not widget.editing and not widget.ok  # nothing selected yet
    widget.handle({"do": "select", "index": 4})
    key(widget, "e")
    assert widget.editing
    widget.handle({"do": "edit", "label": "STATE", "norm": "KZ"})
    assert not widget.editing and on_disk(path)[(96, 106, "STATE")].norm == "KZ"
    key(widget, "e")
    key(widget, "Escape")
    assert not widget.editing and widget.message == "Edit cancelled."


def test_the_editor_on_a_new_span_saves_its_label_and_norm_together(widget, path):
    start = TEXT.index("accordo")
    widget.handle({"do": "range", "start": start, "end": start + 3})
    key(widget, "e")
    assert widget.editing
    widget.handle({"do": "edit", "label": "AGREEMENT", "norm": "other"})
    saved = on_disk(path)[(start, start + 7, "AGREEMENT")]
    assert (saved.exact, saved.norm, saved.status) == ("accordo", "other", "accepted")


def test_escape_cancels_a_pending_selection_without_writing(widget, path):
    widget.handle({"do": "range", "start": 0, "end": 2})
    key(widget, "Escape")
    assert widget.pending == [] and not path.exists()


def test_the_static_view_shows_the_highlights_and_the_decisions(widget):
    key(widget, "ArrowRight")
    key(widget, "Delete")
    data, _ = widget._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    page = data["text/html"]
    assert '<mark class="accords-STATE"' in page and "Kazakistan" in page
    assert "✗ rejected ROLE" in page and "1 human decisions" in page
    assert data["text/plain"] == "AnnotationWidget('w1': 5 spans, 1 human decisions)"


def test_the_widget_ships_its_page_code_as_package_data():
    from accords.review import widget as package
    folder = Path(package.__file__).parent
    script = (folder / "annotate.js").read_text(encoding="utf-8")
    assert "export default" in script and "stopPropagation" in script
    assert (folder / "annotate.css").is_file()
    import tomllib

    from accords import paths
    data = tomllib.loads((paths.project_root() / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = data["tool"]["setuptools"]["package-data"]["accords"]
    assert "review/widget/*.js" in patterns and "review/widget/*.css" in patterns


def test_an_unknown_message_is_reported_not_ignored(widget):
    widget.handle({"do": "dance"})
    assert not widget.ok and "Unknown message 'dance'" in widget.message


def test_saved_file_is_the_store_format(widget, path):
    key(widget, "ArrowRight")
    key(widget, "Enter")
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == store.FORMAT and document["doc_id"] == "w1"
