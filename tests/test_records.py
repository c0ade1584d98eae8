"""Agreement records: the corpus JSON form, validation that names the field, files."""

from __future__ import annotations

import json

import pytest

from accords.extract.records import (
    AgreementRecord,
    Evidence,
    RecordError,
    Source,
    read_record_file,
    records_frame,
    write_record_file,
    write_records_csv,
)


def plan(**changes):
    values = dict(parties=("RUS", "KAZ"), kind="cooperation_plan", action="signed",
                  date_signed="2021-11-09", period_start=2022, period_end=2022,
                  signatories=("Sergei Shoigu",), place="Moscow",
                  evidence=(Evidence("kind", "seed-it-001", 10, 29, "piano di cooperazione",
                                     "AGREEMENT"),),
                  sources=(Source("seed-it-001", outlet="Pars Today Italiano"),))
    values.update(changes)
    return AgreementRecord(**values)


def test_parties_are_sorted_and_upper_case():
    assert plan(parties=("rus", "KAZ")).parties == ("KAZ", "RUS")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "treaty"}, r"kind 'treaty' is not one of"),
        ({"action": "agreed"}, r"action 'agreed' is not one of"),
        ({"date_signed": "9 novembre"}, r"date_signed '9 novembre' must be YYYY-MM-DD"),
        ({"period_start": 2024, "period_end": 2022}, r"ends before it starts"),
        ({"parties": ("RU",)}, r"party 'RU' is not an ISO 3166 alpha-3 code"),
        ({"parties": ()}, r"no parties and no organization"),
    ],
)
def test_invalid_records_name_the_field(changes, message):
    with pytest.raises(RecordError, match=message):
        plan(**changes)


def test_json_round_trip_keeps_evidence_and_sources():
    record = plan()
    again = AgreementRecord.from_json(json.loads(json.dumps(record.to_json())))
    assert again == record
    assert record.date_precision == "day"


def test_unknown_fields_are_refused_with_the_place():
    with pytest.raises(RecordError, match=r"x.jsonl:3 record 1: unknown field\(s\) colour"):
        AgreementRecord.from_json({**plan().to_json(), "colour": "red"}, "x.jsonl:3 record 1")


def test_record_files_round_trip_and_csv(tmp_path):
    by_article = {"seed-it-001": [plan(), plan(kind="strategic_partnership_programme",
                                              period_end=2024)], "it-x": []}
    path = write_record_file(tmp_path / "records.jsonl", by_article)
    assert read_record_file(path) == by_article
    write_records_csv(tmp_path / "records.csv", by_article)
    lines = (tmp_path / "records.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# accords: generated from ") and "do not edit" in lines[0]
    assert lines[1].startswith("article_id,record,parties,organization,kind")
    assert lines[2].startswith("seed-it-001,1,KAZ;RUS,,cooperation_plan,signed,2021-11-09,day")
    frame = records_frame(by_article)
    assert list(frame["period_end"]) == [2022, 2024]


def test_a_bad_line_in_a_records_file_is_named(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text('{"id": "a", "agreements": []}\n{"id": "b", "agreements": [{"kind": "x"}]}\n',
                    encoding="utf-8")
    with pytest.raises(RecordError, match=r"r.jsonl:2 record 1: .*kind 'x'"):
        read_record_file(path)


def test_gold_records_of_the_dev_corpus_are_valid(dev_rows):
    count = sum(len([AgreementRecord.from_json(r, row["id"]) for r in row["agreements"]])
                for row in dev_rows)
    assert count == sum(len(row["agreements"]) for row in dev_rows) > 0
