"""Specifications of the unified model and of each codebook's dyad-year rule."""

from __future__ import annotations

import pandas as pd
import pytest

from accords import datasets
from accords.datasets import model

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def local(shared_dir, tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("ACCORDS_DATA_DIR", str(tmp_path_factory.mktemp("external")))
    datasets.fetch_all(local=shared_dir / "data")
    yield shared_dir / "data"
    mp.undo()


def _spells(rows):
    frame = pd.DataFrame(rows, columns=["agreement_id", "ccode", "start", "end"])
    frame["start"] = pd.to_datetime(frame["start"])
    frame["end"] = pd.to_datetime(frame["end"])
    frame["flag"] = 1
    return frame


def test_members_who_never_overlap_in_their_shared_year_form_no_dyad():
    years = model._spell_pairs(_spells([(1, 2, "1940-01-01", "1950-03-01"),
                                        (1, 20, "1950-06-01", None)]), ["flag"], "2018-12-31")
    assert years.empty


def test_one_common_day_makes_a_dyad_year_and_open_ends_run_to_the_end_of_coverage():
    years = model._spell_pairs(_spells([(1, 2, "1940-01-01", "1950-03-01"),
                                        (1, 20, "1950-03-01", None)]), ["flag"], "2018-12-31")
    assert sorted(set(years["year"])) == [1950]
    years = model._spell_pairs(_spells([(1, 2, "2015-05-01", None), (1, 20, "2016-01-01", None)]),
                               ["flag"], "2018-12-31")
    assert sorted(set(years["year"])) == [2016, 2017, 2018]


def test_dcad_grid_is_every_pair_of_system_members_each_year(local):
    dy = model.dyad_years("dcad")
    system = datasets.load_cow_system()
    n = system[system["year"].between(1980, 2010)].groupby("year").size()
    assert len(dy) == int((n * (n - 1) // 2).sum())
    assert len(model.dyad_years("dcad", directed=True)) == 2 * len(dy)
    assert dy.attrs["coverage"] == (1980, 2010) and dy.attrs["directed"] is False


def test_dcad_flags_run_from_sign_year_to_end_year_estimate(local):
    d = datasets.load_dcad()
    pair = d[(d[["ccode1", "ccode2"]].min(axis=1) == 365)
             & (d[["ccode1", "ccode2"]].max(axis=1) == 705)]
    expected_v2 = {y for s, e in zip(pair["signYear"], pair["endYearEstimate"], strict=True)
                   for y in range(s, e + 1)}
    conf = pair[pair["categoryConf"].isin(["medium", "high"])]
    expected_v1 = {y for s, e in zip(conf["signYear"], conf["endYearEstimate"], strict=True)
                   for y in range(s, e + 1)}
    dy = model.dyad_years("dcad")
    rk = dy[(dy["ccode1"] == 365) & (dy["ccode2"] == 705)]
    assert set(rk.loc[rk["dcaAnyV2"], "year"]) == expected_v2
    assert set(rk.loc[rk["dcaAnyV1"], "year"]) == expected_v1
    assert (rk["dcaAnyV2"] == (rk["dcaGeneralV2"] | rk["dcaSectorV2"])).all()


def test_dcad_directed_data_are_symmetric(local):
    dy = model.dyad_years("dcad", directed=True)
    flipped = dy.rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})
    merged = dy.merge(flipped, on=["ccode1", "ccode2", "year"], suffixes=("", "_r"))
    assert len(merged) == len(dy)
    assert (merged["dcaAnyV2"] == merged["dcaAnyV2_r"]).all()


def test_atop_russia_kazakhstan_dyad_years_follow_member_spells(local):
    dy = model.dyad_years("atop")
    rk = dy[(dy["ccode1"] == 365) & (dy["ccode2"] == 705)]
    # Kazakhstan joins the CIS-era alliances in 1992; ATOP data end in 2018.
    assert rk["year"].min() == 1992 and rk["year"].max() == 2018
    assert rk["atopally"].all()
    assert set(dy["ccode1"]).isdisjoint({8152})  # no COW code: dropped, as ATOP does


def test_cow_dyad_years_never_exceed_the_naive_year_overlap(local):
    c = datasets.load_cow_alliances()
    dy = model.dyad_years("cow_alliance", directed=True)
    naive = c.merge(c, on="version4id", suffixes=("1", "2"))
    naive = naive[naive["ccode1"] != naive["ccode2"]]
    lo = naive[["mem_st_year1", "mem_st_year2"]].max(axis=1)
    hi = naive[["mem_end_year1", "mem_end_year2"]].fillna(2012).min(axis=1)
    assert len(dy) <= int((hi - lo + 1).clip(lower=0).sum())
    assert dy["year"].between(1816, 2012).all()


def test_flags_outside_a_source_coverage_are_na_not_false(local):
    panel = model.dyad_panel([(365, 705)], (1979, 2019))
    by_year = panel.set_index("year")
    assert by_year.loc[[1979, 2011], "dcad_dcaAnyV1"].isna().all()
    assert by_year.loc[2013, "cow_alliance_cowally"] is pd.NA
    assert by_year.loc[2019, "atop_atopally"] is pd.NA
    assert not by_year.loc[1985, "atop_atopally"]  # inside coverage, no alliance: False
    assert by_year.loc[1985, "dcad_dcaAnyV1"] is pd.NA  # Kazakhstan not yet a COW member


def test_unified_frames_carry_source_version_and_directedness(local):
    for source in model.SOURCES:
        for frame in (model.agreements(source), model.memberships(source)):
            assert frame.attrs["source"] == source
            assert frame.attrs["version"] == datasets.REGISTRY[source].version
            assert frame.attrs["directed"] is False
            assert (frame["source"] == source).all()
    assert len(model.agreements("atop")) == 789
    assert len(model.agreements("cow_alliance")) == 414
    assert len(model.agreements("dcad")) == 1871
