"""Several writers on one annotation file: no decision is ever lost, and a refusal says why."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import accords
from accords.read.articles import Article
from accords.review import store
from accords.spans import make_span

WORDS = [f"parola{i:02d}" for i in range(60)]
TEXT = " ".join(WORDS) + "."


@pytest.fixture
def article():
    return Article(id="doc-c", text=TEXT, lang="it")


def word_key(article, i):
    start = article.text.index(WORDS[i])
    return (start, start + len(WORDS[i]), "STATE")


def rules(article):
    return [make_span(article, *word_key(article, i), origin="rule:test") for i in range(6)]


def test_two_stale_copies_saved_one_after_the_other_keep_both_decisions(article, tmp_path):
    path = tmp_path / "doc-c.json"
    store.update(article, path, annotator=rules)
    first, second = store.load(article, path), store.load(article, path)
    first.accept(word_key(article, 0))
    store.save(first, path)
    second.reject(word_key(article, 1))
    store.save(second, path)  # before: the last writer won and the acceptance was lost
    human = {s.key: s.status for s in store.load(article, path).human}
    assert human == {word_key(article, 0): "accepted", word_key(article, 1): "rejected"}
    assert {s.key for s in second.human} == set(human)  # the saver now holds the union


def test_a_decision_changed_only_by_the_other_writer_keeps_their_change(article, tmp_path):
    path = tmp_path / "doc-c.json"
    notes = store.update(article, path, annotator=rules)
    notes.accept(word_key(article, 2))
    store.save(notes, path)
    mine, theirs = store.load(article, path), store.load(article, path)
    theirs.reject(word_key(article, 2))
    store.save(theirs, path)
    mine.add_text(article, WORDS[40], "STATE")
    store.save(mine, path)
    human = {s.key: s.status for s in store.load(article, path).human}
    assert human[word_key(article, 2)] == "rejected"
    assert human[word_key(article, 40)] == "accepted"


def test_the_same_decision_changed_by_both_keeps_the_one_saved_last(article, tmp_path):
    path = tmp_path / "doc-c.json"
    store.update(article, path, annotator=rules)
    mine, theirs = store.load(article, path), store.load(article, path)
    theirs.accept(word_key(article, 3))
    store.save(theirs, path)
    mine.reject(word_key(article, 3))
    store.save(mine, path)
    assert [s.status for s in store.load(article, path).human] == ["rejected"]


def test_fresh_annotations_saved_over_a_reviewed_file_never_drop_its_decisions(article,
                                                                              tmp_path):
    path = tmp_path / "doc-c.json"
    notes = store.update(article, path, annotator=rules)
    notes.reject(word_key(article, 4))
    store.save(notes, path)
    store.save(store.Annotations.new(article, rules(article)), path)
    assert [s.key for s in store.load(article, path).human] == [word_key(article, 4)]


def test_refusing_a_conflict_writes_nothing_and_says_what_to_do(article, tmp_path):
    path = tmp_path / "doc-c.json"
    store.update(article, path, annotator=rules)
    mine, theirs = store.load(article, path), store.load(article, path)
    theirs.accept(word_key(article, 0))
    store.save(theirs, path)
    before = path.read_bytes()
    mine.reject(word_key(article, 1))
    with pytest.raises(store.ConflictError, match=r"doc-c\.json: changed on disk.*reload"):
        store.save(mine, path, on_conflict="refuse")
    assert path.read_bytes() == before


def test_a_save_for_another_text_of_the_article_is_refused_not_mixed(article, tmp_path):
    path = tmp_path / "doc-c.json"
    store.update(article, path, annotator=rules)
    mine = store.load(article, path)
    edited = Article(id="doc-c", text="Ieri " + TEXT, lang="it")
    store.save(store.load(edited, path), path)
    mine.accept(word_key(article, 0))
    with pytest.raises(store.ConflictError, match=r"different text.*store\.load"):
        store.save(mine, path)


WRITER = textwrap.dedent("""
    import sys
    from accords.review import store
    from accords.read.articles import Article
    text, path, first, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    article = Article(id="doc-c", text=text, lang="it")
    words = text.rstrip(".").split(" ")
    for i in range(first, first + count):
        notes = store.load(article, path)   # what a notebook cell does: load, decide, save
        notes.add_text(article, words[i], "STATE")
        store.save(notes, path)
""")


def test_two_processes_deciding_on_one_article_lose_no_decision(article, tmp_path):
    path = tmp_path / "doc-c.json"
    store.update(article, path, annotator=rules)
    src = str(Path(accords.__file__).resolve().parents[1])
    env = {"PYTHONPATH": src, "PATH": "/usr/bin:/bin"}
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, TEXT, str(path), str(first), "30"],
                              env=env, stderr=subprocess.PIPE, text=True)
             for first in (0, 30)]
    for proc in procs:
        _, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
    human = {s.key for s in store.load(article, path).human}
    assert human == {word_key(article, i) for i in range(60)}


def test_two_review_panels_clicking_in_turn_keep_every_decision(article, tmp_path):
    pytest.importorskip("ipywidgets")
    from accords.review.panel import ReviewPanel

    path = tmp_path / "doc-c.json"
    left = ReviewPanel(article, path=path, annotator=rules)
    right = ReviewPanel(article, path=path, annotator=rules)
    for i in range(6):
        panel = left if i % 2 else right
        panel.spans.value = word_key(article, i)
        (panel.accept_button if i % 3 else panel.reject_button).click()
        assert "saved" in panel.status
    assert {s.key for s in store.load(article, path).human} == {
        word_key(article, i) for i in range(6)}


def test_a_decision_saved_while_update_runs_the_annotators_is_kept(article, tmp_path):
    path = tmp_path / "doc-c.json"
    store.update(article, path, annotator=rules)

    def slow_annotator(a):  # another kernel decides while the annotators are running
        other = store.load(article, path)
        other.reject(word_key(article, 5))
        store.save(other, path)
        return rules(a)

    store.update(article, path, annotator=slow_annotator)
    assert [(s.key, s.status) for s in store.load(article, path).human] == [
        (word_key(article, 5), "rejected")]
