"""`python -m accords records`: records follow their annotations, the text and the rules;
records a person reviewed are kept byte for byte; "reviewed" means a person decided."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import accords
from accords import paths
from accords.__main__ import main
from accords.extract import project, update_project_records
from accords.extract.record_review import decide, load_reviews
from accords.extract.records import read_record_file
from accords.read.articles import read_article
from accords.review import store

TEXT = ("France and India sign defence pact\nPARIS – France and India signed a military "
        "cooperation agreement in Paris on 12 March 2024.\n")


@pytest.fixture
def proj(tmp_path):
    folders = {name: tmp_path / name for name in ("articles", "annotations", "records")}
    for folder in folders.values():
        folder.mkdir()
    (folders["articles"] / "fr-in.txt").write_text(TEXT, encoding="utf-8")
    folders["file"] = folders["records"] / "news-records.jsonl"
    return folders


def run(proj):
    return update_project_records(proj["articles"], proj["file"],
                                  annotations_dir=proj["annotations"])


def records_of(proj, article_id="fr-in"):
    return read_record_file(proj["file"])[article_id]


def correct_date(proj, norm="2024-03-13"):
    """A person corrects the normalised date of the signing (as in the review panel)."""
    article = read_article(proj["articles"] / "fr-in.txt")
    path = store.annotation_path(article.id, proj["annotations"])
    notes = store.update(article, path)
    (span,) = notes.find(label="DATE", exact="12 March 2024")
    notes.edit(article, span, norm=norm)
    store.save(notes, path)


def test_an_extracted_record_follows_a_later_correction_of_its_annotations(proj):
    first = run(proj)
    assert [c.what for c in first.changes] == ["added"]
    (record,) = records_of(proj)
    assert record.date_signed == "2024-03-12"
    correct_date(proj)
    again = run(proj)
    # before: the first extraction was kept as "reviewed" and the correction never arrived
    (changed,) = again.changed
    assert "date_signed" in changed.fields and again.extracted == ["fr-in"]
    assert records_of(proj)[0].date_signed == "2024-03-13"


def test_a_record_seen_before_is_not_called_reviewed(proj):
    run(proj)
    second = run(proj)
    assert second.unchanged == ["fr-in"] and second.reviewed == {"fr-in": 0}
    assert "kept (reviewed)" not in str(second) and not second.changes


def test_a_change_of_the_rules_extracts_unreviewed_records_again(proj, monkeypatch):
    run(proj)
    monkeypatch.setattr(project, "rules_fingerprint", lambda: "other rules")
    report = run(proj)
    assert report.extracted == ["fr-in"] and not report.changes  # same output, checked again
    assert run(proj).unchanged == ["fr-in"]


def test_the_rules_are_the_modules_that_make_records_not_those_that_handle_them():
    root = Path(accords.__file__).parent
    names = {path.relative_to(root).as_posix() for path in project.rule_files()}
    assert {"extract/records.py", "extract/candidates.py", "extract/project.py",
            "annotate/rules.py", "read/statenames.py", "lexicons/it/annotate.toml"} <= names
    assert not names & {"extract/scale.py", "extract/batch.py", "extract/guard.py",
                        "extract/events.py", "extract/evaluate.py",
                        "extract/record_review.py", "extract/parquet.py"}


def test_a_rule_file_that_moved_is_named_not_skipped(monkeypatch):
    monkeypatch.setattr(project, "NOT_RULES", (*project.NOT_RULES, "extract/gone.py"))
    with pytest.raises(FileNotFoundError, match=r"accords/extract/gone\.py.*NOT_RULES"):
        project.rules_fingerprint()


def test_a_text_change_extracts_again_and_reports_the_changed_fields(proj):
    run(proj)
    path = proj["articles"] / "fr-in.txt"
    path.write_text(TEXT.replace("12 March", "14 March"), encoding="utf-8")
    (changed,) = run(proj).changed
    assert "date_signed" in changed.fields
    assert records_of(proj)[0].date_signed == "2024-03-14"


def test_a_reviewed_record_is_kept_byte_for_byte_when_its_annotations_change(proj):
    run(proj)
    (record,) = records_of(proj)
    decide("fr-in", record, "corrected", by="ada", changes={"signatories": ["A. Person"]},
           folder=proj["records"] / "reviews")
    run(proj)
    line = proj["file"].read_bytes()
    correct_date(proj)
    report = run(proj)
    assert proj["file"].read_bytes() == line and report.reviewed == {"fr-in": 1}
    assert not report.changes and records_of(proj)[0].date_signed == "2024-03-12"
    assert records_of(proj)[0].signatories == ("A. Person",)


def test_a_rejected_record_stays_out_and_is_not_reported_as_removed_again(proj):
    run(proj)
    (record,) = records_of(proj)
    decide("fr-in", record, "rejected", by="ada", reason="a rumour",
           folder=proj["records"] / "reviews")
    report = run(proj)
    assert records_of(proj) == [] and report.rejected == {"fr-in": 1} and not report.changes
    correct_date(proj)
    assert not run(proj).changes and records_of(proj) == []


def test_a_reviewed_record_whose_offsets_moved_is_found_again_by_its_words(proj):
    run(proj)
    (record,) = records_of(proj)
    decide("fr-in", record, "accepted", by="ada", folder=proj["records"] / "reviews")
    path = proj["articles"] / "fr-in.txt"
    path.write_text(TEXT.replace("PARIS – ", "PARIS (Reuters) – "), encoding="utf-8")
    report = run(proj)
    assert len(records_of(proj)) == 1 and report.stale == ["fr-in"]
    assert records_of(proj)[0].to_json() == record.to_json() and not report.unmatched


def test_a_record_edited_by_hand_in_the_jsonl_is_held_not_overwritten(proj, monkeypatch):
    run(proj)
    edited = proj["file"].read_text(encoding="utf-8").replace('"Paris"', '"Lyon"')
    proj["file"].write_text(edited, encoding="utf-8")
    monkeypatch.setattr(project, "rules_fingerprint", lambda: "other rules")
    report = run(proj)
    assert records_of(proj)[0].place == "Lyon" and report.held == {"fr-in": 1}
    assert "held" in str(report)


def test_a_line_from_before_fingerprints_is_held_unless_the_rules_give_it(proj):
    run(proj)
    project.state_path(proj["file"]).unlink()
    assert run(proj).held == {"fr-in": 0}  # equal to the extraction: taken as extracted
    project.state_path(proj["file"]).unlink()
    proj["file"].write_text(proj["file"].read_text(encoding="utf-8")
                            .replace('"Paris"', '"Lyon"'), encoding="utf-8")
    before = proj["file"].read_bytes()
    report = run(proj)
    assert report.held == {"fr-in": 1} and proj["file"].read_bytes() == before
    (record,) = records_of(proj)
    decide("fr-in", record, "accepted", by="ada", folder=proj["records"] / "reviews")
    after = run(proj)
    assert after.held == {"fr-in": 0} and after.reviewed == {"fr-in": 1}


def test_the_projects_seed_records_are_reviewed_by_a_person_and_kept(tmp_path):
    reviews = load_reviews("seed-it-001").current()
    assert len(reviews) == 2 and all(d.decision == "accepted" and d.by and d.at
                                     for d in reviews.values())
    articles = tmp_path / "articles"
    articles.mkdir()
    seed = paths.articles_dir() / "seed-it-001.txt"
    (articles / seed.name).write_bytes(seed.read_bytes())
    out = tmp_path / "records" / "news-records.jsonl"
    report = update_project_records(articles, out, reviews_dir=paths.records_dir() / "reviews")
    assert out.read_bytes() == (paths.records_dir() / "news-records.jsonl").read_bytes()
    assert report.reviewed == {"seed-it-001": 2}


def test_the_command_prints_what_changed(proj, capsys):
    argv = ["records", "--articles", str(proj["articles"]), "--out", str(proj["file"]),
            "--annotations", str(proj["annotations"])]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "added: fr-in signed@title_span:" in out and "FRA–IND" in out
    assert main(argv) == 0 and "no record added, changed or removed" in capsys.readouterr().out
    state = json.loads(project.state_path(proj["file"]).read_text(encoding="utf-8"))
    assert set(state["articles"]["fr-in"]["fingerprint"]) == {"text", "annotations", "reviews",
                                                               "rules"}
