"""accords.link.dyads: records as dyads, related DCAD/ATOP agreements, labels, extended
dyad-years."""

from __future__ import annotations

import pandas as pd
import pytest

from accords.extract.records import AgreementRecord, write_record_file
from accords.link import dyads


@pytest.fixture(scope="module")
def local(shared_dir):
    return shared_dir / "data"


def _rec(period=(2022, 2024), signed="2021-11-09", kind="strategic_partnership_programme",
         action="signed", parties=("RUS", "KAZ")):
    return AgreementRecord(parties=parties, kind=kind, action=action, date_signed=signed,
                           period_start=period[0] if period else None,
                           period_end=period[1] if period else None)


def test_news_frame_reads_the_projects_records_file_as_dyads_with_cow_codes(local):
    frame = dyads.news_frame(local=local)
    seed = frame[frame["article_id"] == "seed-it-001"]
    assert seed["record_id"].tolist() == ["seed-it-001#1", "seed-it-001#2"]
    assert set(zip(seed["ccode1"], seed["ccode2"], strict=True)) == {(365, 705)}
    first = seed.iloc[0]
    assert (first["first_year"], first["last_year"]) == (2021, 2024)
    assert first["date_signed"] == pd.Timestamp("2021-11-09")


def test_news_frame_lists_records_without_a_dyad_instead_of_dropping_them(local):
    records = {"a": [AgreementRecord(parties=("RUS",), organization="CSTO", kind="other",
                                     date_signed="2020")]}
    frame = dyads.news_frame(records, local=local)
    assert frame.empty
    assert frame.attrs["skipped"][0]["record_id"] == "a#1"
    assert "no dyad" in frame.attrs["skipped"][0]["reason"]


def test_a_record_with_three_parties_gives_three_dyads(local):
    records = {"a": [_rec(parties=("RUS", "KAZ", "KGZ"))]}
    frame = dyads.news_frame(records, local=local)
    assert sorted(zip(frame["ccode1"], frame["ccode2"], strict=True)) == [
        (365, 703), (365, 705), (703, 705)]


def test_news_frame_accepts_a_records_file_path(local, tmp_path):
    path = write_record_file(tmp_path / "r.jsonl", {"x": [_rec()]})
    assert dyads.news_frame(path, local=local)["record_id"].tolist() == ["x#1"]


def test_bad_records_argument_says_what_is_expected():
    with pytest.raises(TypeError, match="mapping"):
        dyads.load_news_records(42)


def test_related_lists_prior_dcad_agreements_of_the_dyad(local):
    rel = dyads.related(local=local)
    dcas = rel[(rel["record_id"] == "seed-it-001#1") & (rel["source"] == "dcad")]
    assert dcas["agreement_id"].tolist() == [
        "DCADv1.0-1320", "DCADv1.0-1321", "DCADv1.0-1322", "DCADv1.0-1323", "DCADv1.0-1324"]
    assert set(dcas["relation"]) == {"prior DCA"}
    assert (dcas["date_signed"] < pd.Timestamp("2021-11-09")).all()


def test_a_signing_after_atop_coverage_lists_alliances_in_force_at_its_end(local):
    rel = dyads.related(local=local)
    atop = rel[(rel["record_id"] == "seed-it-001#1") & (rel["source"] == "atop")]
    assert set(atop["relation"]) == {"alliance in force at end of ATOP coverage"}
    assert "4220" in set(atop["agreement_id"])  # Tashkent Collective Security Treaty
    assert atop["end"].isna().all()


def test_a_signing_inside_atop_coverage_lists_alliances_in_force_that_day(local):
    rel = dyads.related({"a": [_rec(signed="1995-06-01", period=None)]}, local=local)
    atop = rel[rel["source"] == "atop"]
    assert set(atop["relation"]) == {"alliance in force on signing date"}
    assert "4220" in set(atop["agreement_id"])
    dcas = rel[rel["source"] == "dcad"]
    assert dcas["agreement_id"].tolist() == ["DCADv1.0-1320", "DCADv1.0-1321",
                                             "DCADv1.0-1322", "DCADv1.0-1323"]


def test_records_signed_the_same_day_are_linked_to_each_other(local):
    rel = dyads.related(local=local)
    news = rel[(rel["record_id"] == "seed-it-001#2") & (rel["source"] == "news")]
    assert news["agreement_id"].tolist() == ["seed-it-001#1"]
    assert news["relation"].tolist() == ["news-coded, same day"]


def test_the_seed_programme_is_new_and_shows_what_the_dyad_had(local):
    labels = dyads.classify(local=local).set_index("record_id")
    row = labels.loc["seed-it-001#1"]
    assert row["label"] == "new"
    assert row["prior_dcas"] == 5
    assert row["latest_prior_dca"] == pd.Timestamp("2009-09-11")
    assert "4220" in row["alliances_in_force"].split(";")


def test_a_programme_following_an_adjoining_period_continues_the_series(local):
    records = {"a": [_rec(period=(2019, 2021), signed="2018-12-01")], "b": [_rec()]}
    labels = dyads.classify(records, local=local).set_index("record_id")
    assert labels.loc["a#1", "label"] == "new"
    assert labels.loc["b#1", "label"] == "continuation"
    assert "a#1" in labels.loc["b#1", "basis"]


def test_an_earlier_programme_with_a_gap_makes_a_renewal(local):
    records = {"a": [_rec(period=(2012, 2014), signed="2011-10-01")], "b": [_rec()]}
    labels = dyads.classify(records, local=local).set_index("record_id")
    assert labels.loc["b#1", "label"] == "renewal"


def test_the_action_renewed_makes_a_renewal_without_earlier_records(local):
    labels = dyads.classify({"a": [_rec(action="renewed")]}, local=local)
    assert labels["label"].tolist() == ["renewal"]


def test_a_different_kind_does_not_continue_a_series(local):
    records = {"a": [_rec(period=(2019, 2021), signed="2018-12-01", kind="cooperation_plan")],
               "b": [_rec()]}
    labels = dyads.classify(records, local=local).set_index("record_id")
    assert labels.loc["b#1", "label"] == "new"


def test_extended_panel_flags_sources_and_coverage(local):
    ext = dyads.extended_dyad_years(local=local)
    rk = ext[(ext["ccode1"] == 365) & (ext["ccode2"] == 705)].set_index("year")
    assert rk.loc[1995, "source"] == "dcad" and rk.loc[1995, "coverage"] == "dcad"
    assert bool(rk.loc[1995, "agreement"])
    assert rk.loc[2022, "source"] == "news"
    assert rk.loc[2022, "coverage"] == "news-coded only"
    assert rk.loc[2022, "n_records"] == 2
    assert pd.isna(rk.loc[2022, "dcad"])
    assert list(rk.index[rk.index > 2010]) == [2021, 2022, 2023, 2024]
    assert "not observed" in ext.attrs["note"]


def test_extended_panel_has_no_rows_after_dcad_without_news_records(local):
    ext = dyads.extended_dyad_years({}, local=local)
    assert ext["year"].max() == 2010
    assert set(ext["coverage"]) == {"dcad"}
    assert ext["agreement"].notna().all()


def test_a_news_record_inside_dcad_years_marks_both_sources(local):
    ext = dyads.extended_dyad_years({"a": [_rec(signed="2000-05-01", period=None)]},
                                   local=local)
    row = ext[(ext["ccode1"] == 365) & (ext["ccode2"] == 705) & (ext["year"] == 2000)]
    assert row["source"].tolist() == ["dcad+news"]


def test_unknown_dcad_flag_is_named(local):
    with pytest.raises(ValueError, match="dcaAny"):
        dyads.extended_dyad_years(flag="dcaAll", local=local)
