"""Label Studio: tasks out (predictions + reviewed annotations), its JSON export back in as
human decisions, never overwriting one silently."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET

import pytest

from accords.read.articles import Article
from accords.review import labelstudio, store
from accords.review.exchange import ExchangeError
from accords.spans import make_span

TEXT = ("Il 9 novembre 2021 a Mosca 🙂 la Russia e il Kazakistan hanno firmato "
        "un programma di cooperazione.")


def _article(text: str = TEXT) -> Article:
    return Article(id="cronaca 1/ü", text=text)


def _at(article, word, label, norm=None, origin="rule:test"):
    start = article.text.index(word)
    return make_span(article, start, start + len(word), label, norm=norm, origin=origin)


def _rule_spans(a):
    date = make_span(a, 3, 18, "DATE", norm="2021-11-09", origin="rule:test",
                     attrs={"precision": "day"})
    return [date, _at(a, "Mosca", "PLACE"),
            _at(a, "Russia", "STATE", "RUS"), _at(a, "Kazakistan", "STATE", "KAZ")]


def _exported(task, result, *, cancelled=False, ident=11):
    """What Label Studio's JSON export holds after a reviewer submitted ``result``."""
    return {"id": 1, "data": task["data"], "predictions": task["predictions"],
            "annotations": [{"id": ident, "completed_by": 3, "was_cancelled": cancelled,
                             "result": result}]}


def _write(tmp_path, tasks, name="export.json"):
    path = tmp_path / name
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return path


def test_tasks_carry_the_annotators_spans_as_predictions_in_code_points(tmp_path):
    a = _article()
    path = labelstudio.write_tasks([(a, _rule_spans(a))], tmp_path / "tasks.json")
    task = json.loads(path.read_text(encoding="utf-8"))[0]
    assert task["data"]["text"] == TEXT and task["data"]["doc_id"] == a.id
    assert "annotations" not in task  # nobody has decided yet
    regions = [r for r in task["predictions"][0]["result"] if r["type"] == "labels"]
    kaz = next(r["value"] for r in regions if r["value"]["text"] == "Kazakistan")
    assert TEXT[kaz["start"]:kaz["end"]] == "Kazakistan"  # after the emoji: code points
    norms = {r["id"]: r["value"]["text"] for r in task["predictions"][0]["result"]
             if r["type"] == "textarea"}
    assert norms[next(r["id"] for r in regions if r["value"]["text"] == "Russia")] == ["RUS"]


def test_the_labeling_config_names_the_controls_the_regions_use():
    config = ET.fromstring(labelstudio.labeling_config())
    labels = config.find("Labels")
    assert labels.get("name") == "label" and labels.get("toName") == "text"
    assert [x.get("value") for x in labels.findall("Label")][:3] == ["STATE", "ORG", "PERSON"]
    assert config.find("Text").get("value") == "$text"
    area = config.find(".//TextArea")
    assert area.get("name") == "norm" and area.get("perRegion") == "true"


def test_a_reviewers_verdict_comes_back_as_human_decisions_and_round_trips(tmp_path):
    a = _article()
    folder = tmp_path / "annotations"
    store.save(store.Annotations.new(a, _rule_spans(a)), store.annotation_path(a.id, folder))
    task = labelstudio.to_task(a, _rule_spans(a))
    result = [r for r in copy.deepcopy(task["predictions"][0]["result"])
              if r["value"]["text"] != "Mosca"]  # the reviewer deletes the place
    start = TEXT.index("programma di cooperazione")
    value = {"start": start, "end": start + 25, "text": "programma di cooperazione"}
    result += [{"id": "new1", "from_name": "label", "to_name": "text", "type": "labels",
                "value": {**value, "labels": ["AGREEMENT"]}},
               {"id": "new1", "from_name": "norm", "to_name": "text", "type": "textarea",
                "value": {**value, "text": ["cooperation_plan"]}}]
    path = _write(tmp_path, [_exported(task, result)])
    report = labelstudio.import_export(path, [a], folder=folder)
    assert report.ok and len(report.added) == 5 and report.saved
    notes = store.load(a, store.annotation_path(a.id, folder))
    decided = {(s.exact, s.label): (s.status, s.norm) for s in notes.human}
    assert decided == {("9 novembre 2021", "DATE"): ("accepted", "2021-11-09"),
                       ("Mosca", "PLACE"): ("rejected", None),
                       ("Russia", "STATE"): ("accepted", "RUS"),
                       ("Kazakistan", "STATE"): ("accepted", "KAZ"),
                       ("programma di cooperazione", "AGREEMENT"):
                           ("accepted", "cooperation_plan")}
    assert notes.find(label="DATE")[0].attrs_dict() == {"precision": "day"}  # kept
    again = labelstudio.import_export(path, [a], folder=folder)
    assert again.added == [] and again.unchanged == 5 and again.saved == []
    # exported again, the reviewed state is the task's annotation, without the rejected place
    back = labelstudio.to_task(a, notes)
    texts = {r["value"]["text"] for r in back["annotations"][0]["result"]
             if r["type"] == "labels"}
    assert "Mosca" not in texts and "programma di cooperazione" in texts


def test_an_imported_verdict_never_silently_replaces_a_stored_human_decision(tmp_path):
    a = _article()
    folder = tmp_path / "annotations"
    notes = store.Annotations.new(a, _rule_spans(a))
    russia = notes.find(exact="Russia")[0]
    task = labelstudio.to_task(a, _rule_spans(a))  # exported before the decision
    notes.reject(russia)
    target = store.save(notes, store.annotation_path(a.id, folder))
    path = _write(tmp_path, [_exported(task, task["predictions"][0]["result"])])
    report = labelstudio.import_export(path, [a], folder=folder)
    assert len(report.conflicts) == 1 and not report.ok
    assert "task 1 ('cronaca 1/ü'), annotation 11 by 3" in report.conflicts[0]
    assert "kept the stored one" in report.conflicts[0]
    assert "CONFLICT" in str(report)
    kept = store.load(a, target).get(russia.key)
    assert kept.status == "rejected" and kept.is_human
    labelstudio.import_export(path, [a], folder=folder, on_conflict="replace")
    assert store.load(a, target).get(russia.key).status == "accepted"


def test_regions_counted_in_utf16_units_are_placed_on_the_right_words(tmp_path):
    a = _article()
    task = labelstudio.to_task(a, [])
    start = TEXT.index("Kazakistan") + 1  # the emoji before it is two UTF-16 units
    region = {"id": "r", "from_name": "label", "to_name": "text", "type": "labels",
              "value": {"start": start, "end": start + 10, "text": "Kazakistan",
                        "labels": ["STATE"]}}
    path = _write(tmp_path, [_exported(task, [region])])
    report = labelstudio.import_export(path, [a], folder=tmp_path / "ann")
    (span,) = store.load(a, store.annotation_path(a.id, tmp_path / "ann")).human
    assert span.exact == "Kazakistan" and span.start == start - 1 and report.ok


def test_decisions_follow_the_words_when_the_article_changed_since_the_export(tmp_path):
    a = _article()
    task = labelstudio.to_task(a, _rule_spans(a))
    path = _write(tmp_path, [_exported(task, task["predictions"][0]["result"])])
    edited = Article(id=a.id, text="Ieri. " + TEXT)
    report = labelstudio.import_export(path, [edited], folder=tmp_path / "ann")
    notes = store.load(edited, store.annotation_path(a.id, tmp_path / "ann"))
    assert report.ok and {s.exact for s in notes.human} == {
        "9 novembre 2021", "Mosca", "Russia", "Kazakistan"}
    assert all(edited.text[s.start:s.end] == s.exact for s in notes.human)


def test_skipped_annotations_and_a_dry_run_decide_nothing(tmp_path):
    a = _article()
    task = labelstudio.to_task(a, _rule_spans(a))
    path = _write(tmp_path, [_exported(task, [], cancelled=True)])
    report = labelstudio.import_export(path, [a], folder=tmp_path / "ann")
    assert report.added == [] and "cancelled" in report.skipped[0]
    path = _write(tmp_path, [_exported(task, [])])
    report = labelstudio.import_export(path, [a], folder=tmp_path / "ann", dry_run=True)
    assert len(report.added) == 4 and report.saved == []  # all four would be rejected
    assert not (tmp_path / "ann").exists()


def test_bad_exports_name_the_file_the_task_and_the_region(tmp_path):
    a = _article()
    task = labelstudio.to_task(a, [])
    bad = {"id": "zz9", "from_name": "label", "to_name": "text", "type": "labels",
           "value": {"start": 3, "end": 8, "text": "Minsk", "labels": ["PLACE"]}}
    path = _write(tmp_path, [_exported(task, [bad])])
    with pytest.raises(ExchangeError, match=r"export\.json: task 1 .*region zz9.*'Minsk'.*"
                                            r"correct or delete the region"):
        labelstudio.import_export(path, [a], folder=tmp_path / "ann")
    path = _write(tmp_path, [{"data": {"text": TEXT}}], "noid.json")
    with pytest.raises(ExchangeError, match=r"noid\.json: task 1 has no data\.doc_id"):
        labelstudio.import_export(path, [a], folder=tmp_path / "ann")
    (tmp_path / "broken.json").write_text("[{", encoding="utf-8")
    with pytest.raises(ExchangeError, match=r"broken\.json: not readable.*export the project"):
        labelstudio.read_export(tmp_path / "broken.json")
    path = _write(tmp_path, [_exported(task, [])], "other.json")
    with pytest.raises(ExchangeError, match=r"no article 'cronaca 1/ü' among the 0 given"):
        labelstudio.import_export(path, [], folder=tmp_path / "ann")


def test_the_modules_examples_run():
    import doctest

    result = doctest.testmod(labelstudio, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


def test_the_stored_annotations_of_several_articles_become_one_tasks_file(tmp_path):
    from accords.review.exchange import stored_annotations

    a, b = _article(), Article(id="b", text="La Francia e il Senegal.")
    folder = tmp_path / "annotations"
    notes = store.Annotations.new(a, _rule_spans(a))
    notes.accept(notes.find(exact="Russia")[0])
    store.save(notes, store.annotation_path(a.id, folder))
    path = labelstudio.write_tasks(stored_annotations([b, a], folder), tmp_path / "t.json")
    tasks = json.loads(path.read_text(encoding="utf-8"))
    assert [t["data"]["doc_id"] for t in tasks] == ["b", a.id]
    assert "annotations" not in tasks[0] and tasks[0]["predictions"][0]["result"] == []
    reviewed = [r["value"]["text"] for r in tasks[1]["annotations"][0]["result"]
                if r["type"] == "labels"]
    assert "Russia" in reviewed and len(reviewed) == 4
