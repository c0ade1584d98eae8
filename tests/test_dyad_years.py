"""Specifications of the unified model and of each codebook's dyad-year rule."""

from __future__ import annotations

import pandas as pd
import pytest

from accords import datasets
from accords.datasets import model

pytestmark = pytest.mark.shared


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
    assert by_year.loc[1985, "atop_atopally"] is pd.NA  # Kazakhstan not yet in the system
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


# ----------------------------------------------------------------------- ATOP codebook rules


@pytest.mark.parametrize("a, b", [(255, 260), (255, 265), (678, 679), (679, 680)])
def test_atop_successor_entering_on_its_predecessors_exit_day_is_no_dyad(local, a, b):
    # ATOP's exit date is the first day out: West Germany leaves on 1990-10-03, the day
    # unified Germany joins; the Yemens leave on 1990-05-22, the day Yemen joins.
    dy = model.dyad_years("atop", directed=True)
    for c1, c2 in ((a, b), (b, a)):
        assert dy[(dy["ccode1"] == c1) & (dy["ccode2"] == c2) & (dy["year"] == 1990)].empty


def test_atop_exit_on_the_first_of_january_still_counts_that_year(local):
    # The US-Taiwan treaty ends 1980-01-01: members in 1980, as ATOP's state-year file says.
    dy = model.dyad_years("atop", directed=True)
    years = dy[(dy["ccode1"] == 2) & (dy["ccode2"] == 713)]["year"]
    assert years.max() == 1980


def test_atop_obligations_match_the_official_state_year_file(local):
    # A transition year takes the later phase; the only state-years that differ are
    # France's with Annam (atopid 1320), which ATOP drops from its dyad files.
    if not (local / "atop" / "atop5_1sy.csv").is_file():
        pytest.skip("atop5_1sy.csv (ATOP's state-year file) is not in ../shared/data/atop")
    sy_path = datasets.fetch("atop", files=["atop5_1sy.csv"], local=local)["atop5_1sy.csv"]
    sy = pd.read_csv(sy_path)
    pairs = model._atop_pair_years(datasets.load_atop().query("member != 8152"))
    flags = list(model.ATOP_OBLIGATIONS)
    mine = model._kleene_any(pairs, ["ccode1", "year"], flags).rename(
        columns={"ccode1": "state"})
    both = sy.merge(mine, on=["state", "year"], how="outer", suffixes=("_sy", ""),
                    indicator=True)
    only_sy = both[both["_merge"] != "both"]
    assert set(only_sy["state"]) == {220} and set(only_sy["year"]) == set(range(1878, 1884))
    both = both[(both["_merge"] == "both") & ~((both["state"] == 220)
                                              & both["year"].between(1874, 1883))]
    for f in flags:
        known = both[f].notna()  # NA: obligations that vary by partner
        assert (both.loc[known, f].astype(bool) == both.loc[known, f"{f}_sy"].astype(bool)
                ).all(), f


def test_atop_obligations_that_vary_by_partner_are_na_not_copied(local):
    # Locarno (atopid 2130, obvary = 1): the member file cannot say toward whom the UK
    # promised defence, so the UK-Italy flags it holds are NA and obligations_vary is set.
    m = datasets.load_atop()
    assert m.loc[m["atopid"] == 2130, "obvary"].eq(1).all()
    dy = model.dyad_years("atop", directed=True, official=False)
    uk_it = dy[(dy["ccode1"] == 200) & (dy["ccode2"] == 325) & (dy["year"] == 1926)].iloc[0]
    assert uk_it["obligations_vary"]
    assert uk_it["defense"] is pd.NA
    assert "obvary" in dy.attrs["obligations_from"]
    assert uk_it["nonagg"] is not pd.NA and not uk_it["nonagg"]  # held toward nobody: 0


def _official_like(dy: pd.DataFrame) -> pd.DataFrame:
    out = dy.rename(columns={"ccode1": "stateA", "ccode2": "stateB",
                             "n_agreements": "number"})
    out = out[["stateA", "stateB", "year", "atopally", *model.ATOP_OBLIGATIONS, "number"]]
    return out.astype("Int64").fillna(0)


def test_atop_official_directed_file_is_used_as_published_and_said_in_attrs(local, tmp_path):
    rebuilt = model.dyad_years("atop", directed=True, official=False)
    sample = rebuilt[rebuilt["year"] == 1926]
    path = tmp_path / "atop5_1ddyr.csv"
    _official_like(sample).to_csv(path, index=False)
    dy = model.dyad_years("atop", directed=True, official=path, verify=False)
    assert "official" in dy.attrs["obligations_from"] and len(dy) == len(sample)
    uk_it = dy[(dy["ccode1"] == 200) & (dy["ccode2"] == 325)].iloc[0]
    assert uk_it["defense"] is not pd.NA and not uk_it["defense"]
    assert not uk_it["obligations_vary"]
    undirected = model.dyad_years("atop", official=path, verify=False)
    with pytest.raises(datasets.ChecksumError, match="verify=False"):
        model.dyad_years("atop", directed=True, official=path)
    assert (undirected["ccode1"] < undirected["ccode2"]).all()


def test_atop_official_file_required_but_absent_says_what_to_do(local):
    if datasets.model.official_atop_ddyr(local=local) is not None:
        pytest.skip("the official ATOP directed file is present")
    with pytest.raises(datasets.FetchError, match="official=False"):
        model.dyad_years("atop", directed=True, official=True)


def test_a_copy_of_the_official_file_that_is_not_the_original_is_refused(local, tmp_path,
                                                                        monkeypatch):
    monkeypatch.setenv("ACCORDS_DATA_DIR", str(tmp_path / "ext"))
    (tmp_path / "ext" / "atop").mkdir(parents=True)
    (tmp_path / "ext" / "atop" / "atop5_1ddyr.csv").write_text("stateA,stateB,year\n")
    with pytest.raises(datasets.ChecksumError, match="git blob 369d2cf5"):
        model.dyad_years("atop", directed=True)


def test_rebuilt_atop_differs_from_the_official_file_only_where_obligations_vary(local):
    path = datasets.model.official_atop_ddyr(local=local)
    if path is None:
        pytest.skip("atop5_1ddyr.csv (official ATOP directed dyad-years) is not in "
                    "../shared/data/atop; see PROVENANCE.md")
    keys = ["ccode1", "ccode2", "year"]
    rebuilt = model.dyad_years("atop", directed=True, official=False)
    official = model.dyad_years("atop", directed=True, official=path)
    both = rebuilt.merge(official, on=keys, how="outer", suffixes=("", "_o"), indicator=True)
    assert (both["_merge"] == "both").all()
    for f in model.ATOP_OBLIGATIONS:
        differ = both[f].astype("object") != both[f"{f}_o"].astype("object")
        assert both.loc[differ, "obligations_vary"].all(), f


def test_panel_flags_are_na_in_years_a_state_was_not_in_the_system(local):
    panel = model.dyad_panel([(365, 705)], (1985, 1995)).set_index("year")
    for col in ("atop_atopally", "cow_alliance_cowally", "dcad_dcaAnyV1"):
        assert panel.loc[1985, col] is pd.NA, col  # Kazakhstan: member from 1991-12-26
    assert not panel.loc[1991, "cow_alliance_cowally"]  # both members, no alliance: False
    assert panel.loc[1995, "atop_atopally"]


def test_dcad_rows_that_cannot_form_a_dyad_are_flagged_and_reported(local):
    with pytest.warns(datasets.DatasetWarning):
        from accords.datasets import load

        load._REPORTED.clear()
        d = datasets.load_dcad()
    assert d.attrs["same_state"] == ["DCADv1.0-0297", "DCADv1.0-1625", "DCADv1.0-1847"]
    assert "DCADv1.0-0108" in d.attrs["code_abbrev_differ"]  # 652 (Syria) written EGY
    assert len(d) == 1871  # nothing dropped
    dy = model.dyad_years("dcad")
    assert dy.attrs["excluded"] == d.attrs["same_state"]
    # 0497: France and West Germany (260) until 1994; 260 left the system in 1990.
    assert "DCADv1.0-0497 1991" in dy.attrs["outside_system"]


def test_which_dcas_did_italy_sign_2000_2010_and_with_whom(local):
    italy = model.signed_by("Italia", (2000, 2010))
    d = datasets.load_dcad()
    mine = d[d["signYear"].between(2000, 2010) & ((d["ccode1"] == 325) | (d["ccode2"] == 325))]
    assert len(italy) == len(mine) == 27
    first = italy.iloc[0]
    assert (first["partner_ccode"], first["partner_iso3"], first["partner_name"]) == (
        344, "HRV", "Croatia")
    a = model.agreements("dcad")
    assert {"ccode1", "iso3_1", "name1", "ccode2", "iso3_2", "name2"} <= set(a.columns)
    # Germany is 260 before 3 October 1990 and 255 after: both are found.
    assert {260, 255} <= set(model.signed_by("DEU", (1985, 1995))["ccode"])


def test_link_pair_spells_follow_the_atop_exit_day(local):
    from accords.link import dyads

    spells = dyads.pair_spells("atop", local=local)
    germanies = spells[(spells["ccode1"] == 255) & (spells["ccode2"] == 260)]
    assert germanies.empty  # 260 left on 1990-10-03, the day 255 joined
