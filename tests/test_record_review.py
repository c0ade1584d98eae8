"""Record review: a person's decisions on records, with who and when, saved at once and safely
with several writers, shown in a table and beside the article, never undone by re-extraction."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import accords
from accords.__main__ import main
from accords.extract.record_review import (
    ProjectRecords,
    RecordReviewError,
    decide,
    load_reviews,
    reviews_path,
)
from accords.extract.records import AgreementRecord, Evidence, read_record_file
from accords.read.articles import read_article
from accords.review import store

TEXT = ("France and India sign defence pact\nPARIS – France and India signed a military "
        "cooperation agreement in Paris on 12 March 2024. Spain and Morocco signed a defence "
        "cooperation plan in Rabat on 14 March 2024.\n")


@pytest.fixture
def proj(tmp_path):
    for name in ("articles", "annotations", "records"):
        (tmp_path / name).mkdir()
    (tmp_path / "articles" / "two.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path


def open_project(root, by="ada"):
    recs = ProjectRecords(root / "articles", root / "records" / "news-records.jsonl",
                          annotations_dir=root / "annotations", by=by)
    recs.refresh()
    return recs


def test_opening_a_project_writes_nothing(proj):
    recs = ProjectRecords(proj / "articles", proj / "records" / "news-records.jsonl",
                          annotations_dir=proj / "annotations", by="ada")
    assert len(recs.table()) == 0 and not any((proj / "records").iterdir())
    assert [c.what for c in recs.refresh().changes] == ["added", "added"]
    assert len(recs.table()) == 2


def rerun_command(root):
    return main(["records", "--articles", str(root / "articles"), "--out",
                 str(root / "records" / "news-records.jsonl"), "--annotations",
                 str(root / "annotations")])


def test_the_project_table_lists_every_record_with_its_review_state(proj):
    recs = open_project(proj)
    table = recs.table()
    assert list(table.frame["record_id"]) == ["two#1", "two#2"]
    assert set(table.frame["review"]) == {"to review"}
    assert list(table.filter(parties="ESP–MAR").frame["place"]) == ["Rabat"]
    assert list(table.filter("rabat plan").frame["record_id"]) == ["two#2"]
    assert len(table.filter("rabat paris")) == 0 and len(table.filter("nowhere")) == 0
    assert list(table.sort("parties", ascending=False).frame["parties"]) == ["FRA–IND",
                                                                           "ESP–MAR"]
    html = table._repr_html_()
    assert html.count("<tr") == 3 and "<script>" in html and 'type="search"' in html
    with pytest.raises(KeyError, match="no column 'colour'"):
        table.filter(colour="red")


def test_a_correction_is_a_human_decision_with_who_and_when_and_survives_reruns(proj, capsys):
    recs = open_project(proj)
    made = recs.correct("two#2", place="Casablanca", signatories="A. Uno; B. Due",
                        at="2026-12-01T10:00:00Z")
    assert (made.decision, made.by, made.at) == ("corrected", "ada", "2026-12-01T10:00:00Z")
    assert made.changes == {"place": ["Rabat", "Casablanca"],
                            "signatories": [[], ["A. Uno", "B. Due"]]}
    row = recs.table(record_id="two#2").frame.iloc[0]
    assert (row["review"], row["by"], row["place"]) == ("corrected", "ada", "Casablanca")
    line = (proj / "records" / "news-records.jsonl").read_bytes()
    assert rerun_command(proj) == 0 and rerun_command(proj) == 0
    assert (proj / "records" / "news-records.jsonl").read_bytes() == line
    # the annotations change: the other record follows them, the corrected one does not move
    article = read_article(proj / "articles" / "two.txt")
    path = store.annotation_path("two", proj / "annotations")
    notes = store.update(article, path)
    for span in notes.find(label="DATE"):
        notes.edit(article, span, norm=span.norm[:7])  # a person keeps only the month
    store.save(notes, path)
    assert rerun_command(proj) == 0
    assert "changed: two signed@title_span:" in capsys.readouterr().out
    records = read_record_file(proj / "records" / "news-records.jsonl")["two"]
    assert [(r.place, r.date_signed) for r in records] == [("Paris", "2024-03"),
                                                           ("Casablanca", "2024-03-14")]


def test_accept_and_reject_are_kept_and_a_rejected_record_leaves_the_file(proj):
    recs = open_project(proj)
    recs.accept("two#1")
    recs.reject("two#2", reason="not a defence agreement")
    assert list(recs.table().frame["review"]) == ["accepted"]
    current = load_reviews("two", proj / "records" / "reviews").current()
    assert sorted(d.decision for d in current.values()) == ["accepted", "rejected"]
    assert rerun_command(proj) == 0 and len(open_project(proj).table()) == 1


def test_deciding_again_what_stands_writes_nothing(proj):
    recs = open_project(proj)
    recs.correct("two#2", place="Casablanca")
    path = reviews_path("two", proj / "records" / "reviews")
    before = path.read_bytes()
    recs.correct("two#2", place="Casablanca")
    assert path.read_bytes() == before  # a rerun notebook cell adds no decision
    recs.correct("two#2", kind="cooperation_plan", place="Rabat")
    decisions = load_reviews("two", proj / "records" / "reviews").decisions
    assert [d.decision for d in decisions] == ["corrected", "corrected"]  # a history
    assert recs.record("two#2").place == "Rabat"


def test_a_decision_needs_a_person(proj, monkeypatch):
    monkeypatch.delenv("ACCORDS_REVIEWER", raising=False)
    recs = open_project(proj, by=None)
    with pytest.raises(RecordReviewError, match="pass by='your name' or set ACCORDS_REVIEWER"):
        recs.accept("two#1")
    monkeypatch.setenv("ACCORDS_REVIEWER", "bea")
    assert recs.accept("two#1").by == "bea"


@pytest.mark.parametrize(("changes", "message"), [
    ({"colour": "red"}, r"cannot correct colour: the fields a person corrects are parties"),
    ({"kind": "treaty"}, r"kind 'treaty' is not one of"),
    ({"period_start": 2025, "period_end": 2020}, r"ends before it starts"),
    ({"place": "Rabat"}, r"leave .* as it is; accept it instead"),
])
def test_a_bad_correction_names_the_field_and_writes_nothing(proj, changes, message):
    recs = open_project(proj)
    with pytest.raises(RecordReviewError, match=message):
        recs.correct("two#2", **changes)
    assert not reviews_path("two", proj / "records" / "reviews").exists()


def test_an_unknown_record_id_says_how_records_are_named(proj):
    with pytest.raises(RecordReviewError, match=r"no record 'two#9'.*'<article id>#<n>'"):
        open_project(proj).accept("two#9")


def test_a_broken_reviews_file_is_named(proj):
    path = reviews_path("two", proj / "records" / "reviews")
    path.parent.mkdir()
    path.write_text('{"format": "accords.record-reviews/1", "doc_id": "two", "decisions": '
                    '[{"key": "k", "decision": "liked", "by": "x", "at": "t", "record": {}}]}',
                    encoding="utf-8")
    with pytest.raises(RecordReviewError, match=r"two\.json: decision 1: decision 'liked'"):
        load_reviews("two", path.parent)


def test_the_view_highlights_the_evidence_and_says_who_corrected_what(proj):
    recs = open_project(proj)
    recs.correct("two#1", place="Lyon")
    view = recs.show("two#1")
    html = view._repr_html_()
    assert "<mark" in html and "corrected by ada" in html
    fields = view.fields.set_index("field")
    assert fields.loc["place", "corrected by"].startswith("ada, ")
    assert fields.loc["date_signed", "corrected by"] == "—"
    assert "12 March 2024" in fields.loc["date_signed", "evidence"]
    assert "Lyon" in str(view)


WRITER = textwrap.dedent("""
    import sys
    from accords.extract.record_review import decide
    from accords.extract.records import AgreementRecord, Evidence
    folder, first, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    for i in range(first, first + count):
        record = AgreementRecord(parties=("FRA", "IND"), evidence=(
            Evidence("title_span", "doc", 10 * i, 10 * i + 5, "words"),))
        decide("doc", record, "accepted", by=f"writer {first}", folder=folder)
""")


def test_two_processes_deciding_at_once_lose_no_decision(tmp_path):
    src = str(Path(accords.__file__).resolve().parents[1])
    env = {"PYTHONPATH": src, "PATH": "/usr/bin:/bin"}
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), str(first), "25"],
                              env=env, stderr=subprocess.PIPE, text=True)
             for first in (0, 25)]
    for proc in procs:
        _, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
    current = load_reviews("doc", tmp_path).current()
    assert len(current) == 50
    assert {d.by for d in current.values()} == {"writer 0", "writer 25"}


def test_a_decision_on_a_record_object_keys_it_by_its_evidence(tmp_path):
    record = AgreementRecord(parties=("FRA", "IND"),
                             evidence=(Evidence("action", "doc", 5, 11, "signed"),))
    made = decide("doc", record, "accepted", by="ada", folder=tmp_path)
    assert made.key == "signed@action:5-11" and made.anchor == "signed"


def test_the_modules_examples_run():
    import doctest

    import accords.extract.record_review

    assert doctest.testmod(accords.extract.record_review, optionflags=doctest.ELLIPSIS).failed == 0
