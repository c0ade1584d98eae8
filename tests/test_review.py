"""The review panel: every click is a human decision saved at once through the store.

The widgets are driven as a notebook user would (set ``.value``, ``button.click()``), against
a copy of the project (``ACCORDS_PROJECT_DIR``), never the checkout's ``data/annotations/``.
Each test then reads the file back with :func:`accords.review.store.load`.
"""

from __future__ import annotations

import doctest
import shutil
from pathlib import Path

import pytest

from accords import paths
from accords.read.articles import Article, read_article
from accords.review import panel, store
from accords.review.panel import ReviewPanel
from accords.spans import make_span

ROOT = paths.project_root()
KAZ = (7, 17, "STATE")  # "Kazakistan" in the headline of the seed


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(ROOT / "data", copy / "data")
    shutil.copy2(ROOT / "pyproject.toml", copy / "pyproject.toml")
    monkeypatch.setenv("ACCORDS_PROJECT_DIR", str(copy))
    return copy


@pytest.fixture
def seed(project: Path) -> Article:
    return read_article(paths.articles_dir() / "seed-it-001.txt")


@pytest.fixture
def seed_file(seed: Article) -> Path:
    return store.annotation_path(seed.id)


def stored(article: Article):
    return store.load(article)


def human(article: Article, key: tuple[int, int, str]):
    return [s for s in stored(article).human if s.key == key]


def test_the_panel_works_on_a_copy_of_the_project(project, seed_file):
    assert seed_file.is_relative_to(project)


def test_opening_the_panel_writes_nothing(seed, seed_file):
    before = seed_file.read_bytes()
    panel = ReviewPanel(seed)
    assert seed_file.read_bytes() == before
    assert len(panel.spans.options) == len(stored(seed).spans)
    assert panel.status == ""


def test_the_panel_shows_the_highlighted_text_and_lists_every_span(seed):
    panel = ReviewPanel(seed)
    assert 'title="STATE: KAZ' in panel.view.value
    assert ">Kazakistan</mark>" in panel.view.value
    labels = [text for text, _ in panel.spans.options]
    assert any("'Kazakistan' → KAZ" in text for text in labels)
    assert any(text.startswith("✗") and "'Mosca'" in text for text in labels)  # rejected too


def test_rejecting_a_span_is_saved_at_once_and_survives_a_rerun_of_the_annotators(seed):
    panel = ReviewPanel(seed)
    panel.spans.value = KAZ
    panel.reject_button.click()

    assert [s.status for s in human(seed, KAZ)] == ["rejected"]
    rerun = store.update(seed)
    assert KAZ not in {s.key for s in rerun.effective()}
    assert [s.status for s in human(seed, KAZ)] == ["rejected"]
    assert "Rejected STATE 7-17 'Kazakistan'" in panel.status


def test_the_highlighted_view_refreshes_after_a_decision(seed):
    panel = ReviewPanel(seed)
    marks_before = panel.view.value.count(">Kazakistan</mark>")
    panel.spans.value = KAZ
    panel.reject_button.click()
    assert panel.view.value.count(">Kazakistan</mark>") == marks_before - 1
    assert panel.spans.value == KAZ  # the decided span stays selected
    assert any(text.startswith("✗") and "7-17" in text for text, _ in panel.spans.options)


def test_accepting_the_same_span_twice_keeps_one_decision_and_the_same_bytes(seed, seed_file):
    panel = ReviewPanel(seed)
    panel.spans.value = KAZ
    panel.accept_button.click()
    first = seed_file.read_bytes()
    panel.accept_button.click()

    assert seed_file.read_bytes() == first
    assert [s.status for s in human(seed, KAZ)] == ["accepted"]
    assert len(stored(seed).find(label="STATE", start=7)) == 1


def test_accepting_a_rejected_span_reverses_the_decision(seed):
    mosca = (1252, 1257, "PLACE")  # rejected in notebook 02
    panel = ReviewPanel(seed)
    panel.spans.value = mosca
    panel.accept_button.click()
    assert [s.status for s in human(seed, mosca)] == ["accepted"]


def test_changing_the_norm_is_saved_as_a_human_correction(seed):
    panel = ReviewPanel(seed)
    panel.spans.value = KAZ
    assert (panel.label.value, panel.norm.value) == ("STATE", "KAZ")  # filled on selection
    panel.norm.value = "KAZ-test"
    panel.edit_button.click()

    [span] = human(seed, KAZ)
    assert (span.norm, span.status, span.attrs_dict()["edited_from"]) == (
        "KAZ-test", "accepted", [7, 17, "STATE"])
    store.update(seed)
    assert [s.norm for s in human(seed, KAZ)] == ["KAZ-test"]


def test_changing_the_label_rejects_the_old_span_and_adds_the_new_one(seed):
    panel = ReviewPanel(seed)
    panel.spans.value = KAZ
    panel.label.value = "PLACE"
    panel.edit_button.click()
    panel.edit_button.click()  # a second click on the same correction adds nothing

    assert [s.status for s in human(seed, KAZ)] == ["rejected"]
    assert [(s.norm, s.status) for s in human(seed, (7, 17, "PLACE"))] == [("KAZ", "accepted")]
    assert panel.spans.value == (7, 17, "PLACE")
    store.update(seed)
    effective = {s.key for s in stored(seed).effective()}
    assert (7, 17, "PLACE") in effective and KAZ not in effective


def test_an_empty_norm_clears_the_normalised_value(seed):
    panel = ReviewPanel(seed)
    panel.spans.value = KAZ
    panel.norm.value = ""
    panel.edit_button.click()
    assert [(s.norm, s.status) for s in human(seed, KAZ)] == [(None, "accepted")]


def test_saving_an_unchanged_label_and_norm_says_so_and_writes_nothing(seed, seed_file):
    before = seed_file.read_bytes()
    panel = ReviewPanel(seed)
    panel.spans.value = KAZ
    panel.edit_button.click()
    assert "Nothing to change" in panel.status
    assert seed_file.read_bytes() == before


def test_adding_a_span_by_its_text_and_occurrence(seed):
    panel = ReviewPanel(seed)
    panel.add_exact.value = "Kazakistan"
    assert panel.status == "'Kazakistan' occurs 3 times in the text."
    panel.add_occurrence.value = 2
    panel.add_label.value = "PLACE"
    panel.add_norm.value = "Kazakhstan"
    panel.add_button.click()
    panel.add_button.click()  # repeated: still one span

    key = (251, 261, "PLACE")
    assert [(s.exact, s.norm, s.status) for s in human(seed, key)] == [
        ("Kazakistan", "Kazakhstan", "accepted")]
    store.update(seed)
    assert len(human(seed, key)) == 1
    assert key in {s.key for s in stored(seed).effective()}
    assert panel.spans.value == key


def test_a_text_that_is_not_in_the_article_is_reported_in_the_panel(seed, seed_file):
    before = seed_file.read_bytes()
    panel = ReviewPanel(seed)
    panel.add_exact.value = "Kazakhstan"  # English spelling: not in the Italian text
    assert "occurs 0 times" in panel.status
    panel.add_button.click()
    assert panel.status.startswith("Not saved: ")
    assert "'Kazakhstan' occurs 0 times" in panel.status
    assert "#b71c1c" in panel.message.value  # shown as an error
    assert seed_file.read_bytes() == before


def test_an_occurrence_beyond_the_last_one_is_reported(seed, seed_file):
    before = seed_file.read_bytes()
    panel = ReviewPanel(seed)
    panel.add_exact.value = "Kazakistan"
    panel.add_occurrence.value = 4
    panel.add_button.click()
    assert "occurrence 4 does not exist" in panel.status
    assert seed_file.read_bytes() == before


def test_buttons_without_a_selection_or_text_ask_for_one(seed, seed_file):
    before = seed_file.read_bytes()
    panel = ReviewPanel(seed)
    for button in (panel.accept_button, panel.reject_button, panel.edit_button):
        button.click()
        assert panel.status == "Select a span in the list first."
    panel.add_button.click()
    assert "Type the exact words" in panel.status
    assert seed_file.read_bytes() == before


def test_decisions_saved_elsewhere_while_the_panel_is_open_are_kept(seed):
    panel = ReviewPanel(seed)
    notes = store.load(seed)  # e.g. a notebook cell, after the panel was opened
    notes.add_text(seed, "Bektanov", "PERSON", norm="Murat Bektanov", occurrence=2)
    store.save(notes)

    panel.spans.value = KAZ
    panel.reject_button.click()
    keys = {s.key for s in stored(seed).human}
    assert KAZ in keys
    assert (1529, 1537, "PERSON") in keys
    assert (1529, 1537, "PERSON") in {key for _, key in panel.spans.options}


def test_given_notes_never_drop_the_decisions_already_stored(seed):
    fresh = store.Annotations.new(seed, [make_span(seed, 7, 17, "STATE", origin="rule:state")])
    panel = ReviewPanel(seed, fresh)
    panel.spans.value = KAZ
    panel.accept_button.click()
    kept = {s.key for s in stored(seed).human}
    assert {KAZ, (632, 640, "ROLE"), (1252, 1257, "PLACE"), (1504, 1514, "STATE")} <= kept


def test_notes_of_another_article_are_refused(seed):
    other = Article(id="other", text="Mosca")
    with pytest.raises(store.StoreError, match="annotations of 'other' given for article"):
        ReviewPanel(seed, store.Annotations.new(other))


def test_without_a_file_the_panel_starts_from_the_annotators_and_the_first_click_saves(
        tmp_path):
    article = Article(id="new", text="Il Kazakistan ha firmato a Mosca.")
    path = tmp_path / "new.json"
    panel = ReviewPanel(article, path=path,
                        annotator=lambda a: [make_span(a, 3, 13, "STATE", norm="KAZ",
                                                       origin="rule:state")])
    assert not path.exists()
    panel.spans.value = (3, 13, "STATE")
    panel.accept_button.click()
    notes = store.load(article, path)
    assert [(s.key, s.origin, s.status) for s in notes.spans] == [
        ((3, 13, "STATE"), "human", "accepted")]


def test_a_broken_file_is_reported_in_the_panel_and_left_as_it_is(seed, seed_file):
    panel = ReviewPanel(seed)
    seed_file.write_text("{ not json", encoding="utf-8")
    panel.spans.value = KAZ
    panel.reject_button.click()
    assert panel.status.startswith("Not saved: ")
    assert "not valid UTF-8 JSON" in panel.status
    assert seed_file.read_text(encoding="utf-8") == "{ not json"


def test_the_panel_names_its_article_in_a_short_text_form(seed):
    assert repr(ReviewPanel(seed)) == (
        "ReviewPanel('seed-it-001': 44 spans, 3 human decisions)")


def test_docstring_examples(project):
    result = doctest.testmod(panel, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
