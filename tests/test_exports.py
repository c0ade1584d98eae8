"""Exports for the next tool: records, links and dyad-years as Stata, Parquet and CSV with a
codebook (``accords.datasets.export``, ``python -m accords export``)."""

from __future__ import annotations

import pandas as pd
import pytest

from accords.__main__ import main
from accords.datasets import export
from accords.extract.records import AgreementRecord, write_record_file
from accords.link import dyads


def _records() -> dict[str, list[AgreementRecord]]:
    return {
        "cronaca/1 ü": [AgreementRecord(
            parties=("RUS", "KAZ"), kind="cooperation_plan", date_signed="2021-11-09",
            period_start=2022, period_end=2024, title_span="piano 𝔸 di cooperazione",
            signatories=("Sergei Shoigu", "Murat Bektanov"))],
        "b": [AgreementRecord(parties=("FRA",), organization="EU", kind="other",
                              date_signed="2019")],
    }


def test_records_go_to_stata_with_variable_labels_and_missing_values_kept(tmp_path):
    table = export.records_table(_records())
    path = export.export(table, tmp_path / "records.dta")
    first = path.read_bytes()
    assert export.export(table, tmp_path / "records.dta").read_bytes() == first
    with pd.io.stata.StataReader(path) as reader:
        labels = reader.variable_labels()
        back = reader.read()
    assert labels["parties"].startswith("state parties, ISO 3166 alpha-3")
    assert all(label.endswith("[news]") for label in labels.values())
    assert back["article_id"].tolist() == ["cronaca/1 ü", "b"]
    assert back["title_span"][0] == "piano 𝔸 di cooperazione"
    assert back["period_end"].tolist()[0] == 2024 and pd.isna(back["period_end"][1])
    assert back["action_date"].tolist() == ["", ""]  # Stata's missing text


def test_records_go_to_parquet_and_csv_with_a_codebook_for_every_column(tmp_path):
    table = export.records_table(_records(), file="data/records/news-records.jsonl")
    back = pd.read_parquet(export.export(table, tmp_path / "records.parquet"))
    assert back["period_start"].isna().tolist() == [False, True]
    assert back["signatories"][0] == "Sergei Shoigu;Murat Bektanov"
    export.export(table, tmp_path / "records.csv")
    book = pd.read_csv(tmp_path / "records.codebook.csv")
    assert book["column"].tolist() == list(table.columns)
    assert set(book["source"]) == {"news"}
    assert set(book["version"]) == {"data/records/news-records.jsonl"}
    csv = pd.read_csv(tmp_path / "records.csv", keep_default_na=False)
    assert csv["date_signed"].tolist() == ["2021-11-09", "2019"]


def test_a_column_stata_reserves_is_renamed_and_its_label_says_so(tmp_path):
    frame = pd.DataFrame({"end": pd.to_datetime(["2010-12-31", None]), "a-b": [1, 2]})
    frame.attrs = {"unit": "record–agreement link"}
    with pd.io.stata.StataReader(export.export(frame, tmp_path / "x.dta")) as reader:
        labels = reader.variable_labels()
        back = reader.read()
    assert list(back.columns) == ["_end", "a_b"]
    assert "accords column end" in labels["_end"] and "last day" in labels["_end"]
    assert back["_end"][0] == pd.Timestamp("2010-12-31") and pd.isna(back["_end"][1])


def test_a_column_stata_cannot_hold_is_an_error_naming_it(tmp_path):
    frame = pd.DataFrame({"ids": [["a", "b"], None]})
    with pytest.raises(ValueError, match=r"column 'ids' holds list values.*convert"):
        export.export(frame, tmp_path / "x.dta")
    assert not (tmp_path / "x.dta").exists()


def test_the_command_line_exports_records_and_refuses_to_overwrite_them(tmp_path, capsys):
    source = write_record_file(tmp_path / "recs.jsonl", _records())
    out = tmp_path / "out.csv"
    assert main(["export", "records", "--records", str(source), "-o", str(out)]) == 0
    assert len(pd.read_csv(out)) == 2 and (tmp_path / "out.codebook.csv").is_file()
    assert "2 rows" in capsys.readouterr().err
    before = source.read_bytes()
    assert main(["export", "records", "--records", str(source), "-o", str(source),
                 "--format", "csv"]) == 2
    assert "the export is the input file" in capsys.readouterr().err
    assert source.read_bytes() == before


@pytest.mark.shared
def test_links_and_extended_dyad_years_are_described_column_by_column(local, tmp_path):
    records = {"a": [AgreementRecord(parties=("RUS", "KAZ"), kind="cooperation_plan",
                                     date_signed="2015-11-09", period_start=2016,
                                     period_end=2017)]}
    for frame in (dyads.classify(records, local=local), dyads.related(records, local=local),
                  dyads.extended_dyad_years(records, local=local)):
        book = export.codebook(frame)
        assert "user" not in set(book["source"]), book.to_string()
        with pd.io.stata.StataReader(export.export(frame, tmp_path / "f.dta")) as reader:
            back = reader.read()
        assert len(back) == len(frame)
    ext = pd.read_parquet(export.export(dyads.extended_dyad_years(records, local=local),
                                        tmp_path / "ext.parquet"))
    rk = ext[(ext["ccode1"] == 365) & (ext["ccode2"] == 705)].set_index("year")
    assert rk.loc[2016, "news"] and pd.isna(rk.loc[2009, "news"])  # not observed, not False


@pytest.mark.shared
def test_the_command_line_exports_links_with_their_labels(local, tmp_path):
    source = write_record_file(tmp_path / "recs.jsonl", _records())
    out = tmp_path / "links.dta"
    assert main(["export", "links", "--records", str(source), "-o", str(out)]) == 0
    with pd.io.stata.StataReader(out) as reader:
        back = reader.read()
        labels = reader.variable_labels()
    assert back["label"].tolist() == ["new"] and back["record_id"][0] == "cronaca/1 ü#1"
    assert "new, renewal or continuation" in labels["label"]


def test_the_export_modules_examples_run():
    import doctest

    result = doctest.testmod(export, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


@pytest.mark.shared
def test_the_command_line_exports_dyad_years_and_related_agreements(local, tmp_path):
    source = write_record_file(tmp_path / "recs.jsonl", _records())
    assert main(["export", "dyad-years", "--records", str(source),
                 "-o", str(tmp_path / "dy.parquet")]) == 0
    dy = pd.read_parquet(tmp_path / "dy.parquet")
    rk = dy[(dy["ccode1"] == 365) & (dy["ccode2"] == 705)].set_index("year")
    assert rk.loc[2022, "record_ids"] == "cronaca/1 ü#1" and rk.loc[2022, "news"]
    assert main(["export", "related", "--records", str(source),
                 "-o", str(tmp_path / "rel.csv")]) == 0
    book = pd.read_csv(tmp_path / "rel.codebook.csv")
    assert "agreement_id" in set(book["column"]) and "user" not in set(book["source"])


def test_a_bad_records_file_stops_the_export_with_its_line(tmp_path, capsys):
    source = tmp_path / "recs.jsonl"
    source.write_text('{"id": "a", "agreements": []}\n{"id": "b", "agreements": [{"kind": '
                      '"treaty"}]}\n', encoding="utf-8")
    assert main(["export", "links", "--records", str(source), "-o",
                 str(tmp_path / "x.dta")]) == 2
    err = capsys.readouterr().err
    assert "recs.jsonl:2 record 1" in err and "kind 'treaty'" in err
    assert not (tmp_path / "x.dta").exists()
