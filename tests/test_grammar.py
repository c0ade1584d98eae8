"""Specifications of the dyad-year grammar: create_* universes and add_* merges."""

from __future__ import annotations

import pandas as pd
import pytest

from accords import datasets
from accords.datasets import grammar as g
from accords.datasets import model
from accords.extract.records import AgreementRecord
from accords.link import dyads

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def local(local):
    """The shared datasets (tests/conftest.py) and ATOP's files without nonaggression pacts."""
    datasets.fetch("atop", files=["atop5_1m_NNA.csv"], local=local)
    return local


@pytest.fixture(scope="module")
def dy1990(local):
    return g.create_dyadyears(directed=True, years=(1988, 1992))


def _has(frame, a, b, year):
    return ((frame["ccode1"] == a) & (frame["ccode2"] == b) & (frame["year"] == year)).any()


def test_state_years_are_the_cow_system_file(local):
    sy = g.create_stateyears()
    system = datasets.load_cow_system()
    assert len(sy) == len(system) == 15951
    assert sy.attrs["unit"] == "state-year" and sy.attrs["years"] == (1816, 2016)


def test_states_members_in_one_year_but_never_on_one_day_form_no_dyad(dy1990):
    # North Yemen (678) left on 21 May 1990, Yemen (679) began on 22 May.
    assert not _has(dy1990, 678, 679, 1990) and not _has(dy1990, 679, 678, 1990)
    assert not _has(dy1990, 260, 255, 1990)  # West Germany to 2 Oct, Germany from 3 Oct
    assert _has(dy1990, 678, 680, 1990) and _has(dy1990, 260, 265, 1990)
    undirected = g.create_dyadyears(directed=False, years=(1988, 1992))
    assert len(dy1990) == 2 * len(undirected)
    assert (undirected["ccode1"] < undirected["ccode2"]).all()


def test_add_atop_fills_both_directions_false_inside_and_na_outside_coverage(local):
    dy = g.add_atop(g.create_dyadyears(years=(2015, 2020)))
    rk = dy[(dy["ccode1"] == 365) & (dy["ccode2"] == 705)].set_index("year")
    kr = dy[(dy["ccode1"] == 705) & (dy["ccode2"] == 365)].set_index("year")
    assert rk.loc[2016, "atop_defense"] and kr.loc[2016, "atop_defense"]
    assert rk.loc[[2019, 2020], "atop_atopally"].isna().all()  # ATOP ends in 2018
    in_2016 = dy[dy["year"] == 2016]["atop_atopally"]
    assert in_2016.notna().all() and (~in_2016).sum() > 0  # inside coverage: False, not NA
    assert dy.attrs["added"] == ["atop"] and dy.attrs["coverage"]["atop"] == (1815, 2018)
    assert "carried" in dy.attrs  # 2017-2020: COW members of 2016-12-31 kept


def test_undirected_merges_use_the_max_rule_over_both_directions(local):
    directed = g.add_atop(g.create_dyadyears(years=(1950, 1950)))
    undirected = g.add_atop(g.create_dyadyears(directed=False, years=(1950, 1950)))
    both = directed.assign(c1=directed[["ccode1", "ccode2"]].min(axis=1),
                           c2=directed[["ccode1", "ccode2"]].max(axis=1))
    expected = model._kleene_any(both, ["c1", "c2", "year"], ["atop_defense"])
    merged = undirected.merge(expected.rename(columns={"c1": "ccode1", "c2": "ccode2"}),
                              on=["ccode1", "ccode2", "year"], suffixes=("", "_max"))
    assert len(merged) == len(undirected)
    same = merged["atop_defense"].astype("object") == merged["atop_defense_max"].astype(
        "object")
    assert same.all()


def test_cow_alliance_and_dcad_flags_are_na_outside_their_years(local):
    dy = g.create_dyadyears(directed=False, years=(2009, 2013))
    dy = g.add_dcad(g.add_cow_alliance(dy))
    by_year = dy[(dy["ccode1"] == 365) & (dy["ccode2"] == 705)].set_index("year")
    assert by_year.loc[2013, "cow_cowally"] is pd.NA and by_year.loc[2012, "cow_cowally"]
    assert by_year.loc[2011, "dcad_dcaAnyV2"] is pd.NA
    assert by_year.loc[2010, "dcad_dcaAnyV2"] is not pd.NA


def test_majors_on_state_years_and_dyad_years(local):
    sy = g.add_cow_majors(g.create_stateyears(years=(1990, 1991)))
    assert sy.query("ccode == 365")["cowmaj"].all()
    assert not sy.query("ccode == 705")["cowmaj"].any()
    dy = g.add_cow_majors(g.create_dyadyears(years=(1991, 1991)))
    row = dy[(dy["ccode1"] == 2) & (dy["ccode2"] == 365)].iloc[0]
    assert row["cowmaj1"] and row["cowmaj2"]


def test_a_wrong_frame_stops_with_the_function_to_run_first(local):
    sy = g.create_stateyears(years=(2000, 2000))
    with pytest.raises(g.FrameTypeError, match=r"add_dcad\(\).*create_dyadyears\(\) first"):
        g.add_dcad(sy)
    with pytest.raises(g.FrameTypeError, match="without accords attrs"):
        g.add_dcad(pd.DataFrame({"ccode1": [2], "ccode2": [20], "year": [2000]}))
    dy = g.add_dcad(g.create_dyadyears(years=(2000, 2000)))
    with pytest.raises(ValueError, match="already has"):
        g.add_dcad(dy)
    with pytest.raises(ValueError, match="1816–2024"):
        g.create_dyadyears(years=(1700, 1800))


def test_atop_extra_variables_and_the_no_nonaggression_variant(local):
    dy = g.add_atop(g.create_dyadyears(years=(2000, 2000)), extra=True)
    rk = dy[(dy["ccode1"] == 365) & (dy["ccode2"] == 705)].iloc[0]
    assert "4220" in rk["atop_atopids"].split() and rk["atop_number"] == len(
        rk["atop_atopids"].split())
    assert {"atop_transyr", "atop_shareob"} <= set(dy.columns)
    assert rk["atop_bilatno"] + rk["atop_multino"] == rk["atop_number"]
    assert rk["atop_bilatno"] >= 1  # 4235, bilateral Russia-Kazakhstan treaty of 1992
    nna = g.add_atop(g.create_dyadyears(years=(2000, 2000)), nna=True)
    assert nna["atop_atopally"].sum() <= dy["atop_atopally"].sum()
    assert nna.attrs["added"] == ["atop_nna"]


def test_news_records_fill_both_directions_and_are_na_where_none_exists(local):
    records = {"a": [AgreementRecord(parties=("RUS", "KAZ"), action="signed",
                                     kind="defense_cooperation_agreement",
                                     date_signed="2015-11-09", period_start=2016,
                                     period_end=2017)]}
    dy = dyads.add_news_records(g.create_dyadyears(years=(2014, 2018)), records, local=local)
    rk = dy[(dy["ccode1"] == 365) & (dy["ccode2"] == 705)].set_index("year")
    kr = dy[(dy["ccode1"] == 705) & (dy["ccode2"] == 365)].set_index("year")
    assert rk.loc[[2015, 2016, 2017], "news_agreement"].all()
    assert kr.loc[[2015, 2016, 2017], "news_agreement"].all()
    assert rk.loc[2014, "news_agreement"] is pd.NA  # not observed, not "no agreement"
    assert rk.loc[2016, "news_record_ids"] == "a#1"
    with pytest.raises(g.FrameTypeError, match="create_dyadyears"):
        dyads.add_news_records(g.create_stateyears(years=(2015, 2015)), records, local=local)


def test_exports_keep_missing_values_and_describe_every_column(local, tmp_path):
    from accords.datasets import export

    dy = g.add_dcad(g.add_atop(g.create_dyadyears(directed=False, years=(2010, 2011))))
    stata = export.export(dy, tmp_path / "dy.dta")
    first = stata.read_bytes()
    assert export.export(dy, tmp_path / "dy.dta").read_bytes() == first  # rerun-safe
    with pd.io.stata.StataReader(stata) as reader:
        labels = reader.variable_labels()
        back = reader.read()
    assert "defence obligation" in labels["atop_defense"] and "[atop]" in labels["atop_defense"]
    assert len(back) == len(dy)
    assert back.loc[back["year"] == 2011, "dcad_dcaAnyV1"].isna().all()  # outside DCAD
    parquet = pd.read_parquet(export.export(dy, tmp_path / "dy.parquet"))
    assert parquet["dcad_dcaAnyV1"].isna().sum() == dy["dcad_dcaAnyV1"].isna().sum()
    export.export(dy, tmp_path / "dy.csv")
    book = pd.read_csv(tmp_path / "dy.codebook.csv")
    assert book["column"].tolist() == list(dy.columns)
    assert (book["meaning"].str.len() > 0).all() and "user" not in set(book["source"])
    with pytest.raises(ValueError, match=r"\.dta, \.parquet or \.csv"):
        export.export(dy, tmp_path / "dy.xlsx")


def test_an_obligation_the_source_leaves_unknown_stays_na_after_the_merge(local):
    # Locarno: the member file cannot say whether the UK promised to defend Italy.
    dy = g.add_atop(g.create_dyadyears(years=(1926, 1926)), official=False)
    row = dy[(dy["ccode1"] == 200) & (dy["ccode2"] == 325)].iloc[0]
    assert row["atop_defense"] is pd.NA and row["atop_obligations_vary"]
    assert row["atop_atopally"]


def test_atop_state_years_rebuilt_from_the_member_file_match_atop5_1sy_exactly(local):
    path = local / "atop" / "atop5_1sy.csv"
    if not path.is_file():
        pytest.skip("atop5_1sy.csv (ATOP's state-year file) is not in ../shared/data/atop")
    official = pd.read_csv(path)
    mine = model.atop_state_years().rename(columns={"ccode": "state"})
    assert len(mine) == len(official) == 11923
    both = official.merge(mine, on=["state", "year"], suffixes=("_sy", ""))
    assert len(both) == len(official)
    for f in ("defense", "offense", "neutral", "nonagg", "consul", "number"):
        assert (both[f"{f}_sy"].astype("int64") == both[f].astype("int64")).all(), f
    ids = [c for c in official.columns if c.startswith("atopid")]
    listed = both[ids].apply(lambda r: " ".join(str(int(x)) for x in sorted(r.dropna())),
                             axis=1)
    assert (listed == both["atopids"]).all()


def test_add_atop_on_state_years(local):
    sy = g.add_atop(g.create_stateyears(years=(1979, 1981)))
    taiwan = sy[sy["ccode"] == 713].set_index("year")
    assert taiwan.loc[1980, "atop_defense"]  # the US treaty ends on 1 January 1980
    assert not taiwan.loc[1981, "atop_atopally"]
    assert sy.attrs["added"] == ["atop"]
