"""Frames in, frames out (issue 18): link and charts compute on frames built once, check the
frames they are given at the boundary, and take coverage years from the dataset registry
(the one place they are written)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pandas as pd
import pytest

import accords
from accords import charts
from accords.datasets.registry import REGISTRY
from accords.link import dyads
from accords.link.frames import FrameError, check, provide


def _news(**overrides) -> pd.DataFrame:
    row = {"record_id": "doc-1#1", "ccode1": 365, "ccode2": 705, "iso3_1": "RUS",
           "iso3_2": "KAZ", "kind": "cooperation_plan", "action": "signed",
           "date_signed": pd.Timestamp("2021-11-09"), "date_precision": "day",
           "period_start": 2022, "period_end": 2022, "first_year": 2021, "last_year": 2022,
           "title_span": pd.NA}
    frame = pd.DataFrame([{**row, **overrides}])
    for col in ("ccode1", "ccode2", "period_start", "period_end", "first_year", "last_year"):
        frame[col] = frame[col].astype("Int64")
    for col in ("record_id", "iso3_1", "iso3_2", "kind", "action", "date_precision",
                "title_span"):
        frame[col] = frame[col].astype("string")
    return frame


def test_a_news_frame_that_fits_is_returned_unchanged_with_its_attrs():
    frame = _news()
    frame.attrs = {"file": "in memory", "skipped": []}
    assert check(frame, "news") is frame
    assert frame.attrs == {"file": "in memory", "skipped": []}


def test_a_missing_column_is_named_with_the_function_that_builds_the_frame():
    with pytest.raises(FrameError) as err:
        check(_news().drop(columns=["first_year"]), "news")
    assert "column 'first_year' is missing" in str(err.value)
    assert "accords.link.dyads.news_frame()" in str(err.value)


def test_text_where_dates_belong_is_refused_with_every_failing_column():
    bad = _news().assign(date_signed="2021-11-09", ccode1="365")
    with pytest.raises(FrameError) as err:
        check(bad, "news")
    message = str(err.value)
    assert "column 'date_signed' should hold dates" in message
    assert "column 'ccode1' should hold integers" in message


def test_a_directed_pair_is_refused_where_an_undirected_dyad_is_read():
    with pytest.raises(FrameError, match=r"not every row has ccode1 < ccode2"):
        check(_news(ccode1=705, ccode2=365), "news")


def test_a_frame_must_be_a_data_frame():
    with pytest.raises(FrameError, match="must be a pandas DataFrame, got list"):
        check([{"record_id": "doc-1#1"}], "news")


def test_records_and_a_news_frame_together_are_refused():
    with pytest.raises(ValueError, match="not both"):
        provide("news", _news(), records={})


def test_records_given_in_memory_and_their_frame_give_the_same_labels():
    from accords.extract.records import AgreementRecord, Source

    records = {"doc-1": [AgreementRecord(parties=("RUS", "KAZ"), date_signed="2021-11-09",
                                         kind="cooperation_plan", sources=(Source("doc-1"),))]}
    news = dyads.news_frame(records)
    empty_dcad = pd.DataFrame({c: pd.Series(dtype=t) for c, t in {
        "DCAid": "string", "ccode1": "Int64", "ccode2": "Int64", "sign_date": "datetime64[s]",
        "signYear": "Int64", "endYearEstimate": "Int64", "type": "string",
        "category1": "string", "categoryConf": "string"}.items()})
    no_spells = pd.DataFrame({c: pd.Series(dtype=t) for c, t in {
        "agreement_id": "Int64", "ccode1": "Int64", "ccode2": "Int64",
        "start": "datetime64[s]", "end": "datetime64[s]", "end_reason": "string"}.items()})
    no_atop = pd.DataFrame({"agreement_id": pd.Series(dtype="string"),
                            "kind": pd.Series(dtype="string")})
    labels = dyads.classify(news=news, dcad=empty_dcad, spells=no_spells, atop=no_atop)
    assert labels[["record_id", "label", "prior_dcas"]].values.tolist() == [
        ["doc-1#1", "new", 0]]


# ----------------------------------------------------------------------------- on the datasets


@pytest.fixture(scope="module")
def frames(local):
    from accords.datasets import load_dcad, model

    return {"news": dyads.news_frame(local=local), "dcad": load_dcad(local=local),
            "spells": dyads.pair_spells(local=local),
            "atop": model.agreements("atop", local=local),
            "dcad_years": model.dyad_years("dcad", directed=False, local=local)}


def test_linking_on_frames_built_once_equals_loading_inside(local, frames):
    given = {k: frames[k] for k in ("news", "dcad", "spells", "atop")}
    pd.testing.assert_frame_equal(dyads.related(**given), dyads.related(local=local))
    pd.testing.assert_frame_equal(dyads.classify(**given), dyads.classify(local=local))
    ext = dyads.extended_dyad_years(news=frames["news"], dcad_years=frames["dcad_years"])
    pd.testing.assert_frame_equal(ext, dyads.extended_dyad_years(local=local))
    assert ext.attrs == dyads.extended_dyad_years(local=local).attrs


def test_chart_data_on_frames_built_once_equals_loading_inside(local, frames):
    tl = charts.timeline_data("Russia", ["Kazakhstan", "KGZ"], news=frames["news"],
                              dcad=frames["dcad"], spells=frames["spells"], local=local)
    pd.testing.assert_frame_equal(tl, charts.timeline_data("Russia", ["Kazakhstan", "KGZ"],
                                                           local=local))
    pd.testing.assert_frame_equal(charts.dca_signings_data(dcad=frames["dcad"]),
                                  charts.dca_signings_data(local=local))
    pd.testing.assert_frame_equal(charts.coverage_data(news=frames["news"]),
                                  charts.coverage_data(local=local))
    m = charts.dyad_matrix_data(["RUS", "KAZ", "KGZ"], news=frames["news"],
                                dcad_years=frames["dcad_years"], local=local)
    pd.testing.assert_frame_equal(m, charts.dyad_matrix_data(["RUS", "KAZ", "KGZ"],
                                                             local=local))
    net = charts.dca_network_data(2005, countries="RUS", dcad=frames["dcad"], local=local)
    pd.testing.assert_frame_equal(net.nodes, charts.dca_network_data(
        2005, countries="RUS", local=local).nodes)


def test_a_chart_given_another_datasets_frame_stops_at_the_boundary(local, frames):
    with pytest.raises(FrameError) as err:
        charts.timeline_data("Russia", "Kazakhstan", dcad=frames["spells"], local=local)
    assert "the dcad frame" in str(err.value) and "column 'DCAid' is missing" in str(err.value)
    assert "accords.datasets.load_dcad()" in str(err.value)


def test_a_dyad_year_frame_without_the_chosen_flag_is_refused(frames):
    with pytest.raises(FrameError, match="column 'dcaSectorV2' is missing"):
        dyads.extended_dyad_years(news=frames["news"], flag="dcaSectorV2",
                                  dcad_years=frames["dcad_years"].drop(columns="dcaSectorV2"))


# ----------------------------------------------------------------------------- one place


def test_coverage_ends_come_from_the_registry():
    assert pd.Timestamp(REGISTRY["dcad"].last_day) == dyads.DCAD_END
    assert pd.Timestamp(REGISTRY["atop"].last_day) == dyads.ATOP_END
    assert REGISTRY["atop"].last_day.isoformat() == f"{REGISTRY['atop'].coverage[1]}-12-31"


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value,
                                                                      ast.Constant):
                ids.add(id(body[0].value))
    return ids


@pytest.mark.parametrize("package", ["link", "charts", "datasets"])
def test_no_coverage_year_is_written_outside_the_registry(package):
    years = {y for d in REGISTRY.values() for y in d.coverage}
    as_word = re.compile(r"(?<![\w.])(" + "|".join(map(str, sorted(years))) + r")(?![\w])")
    found = []
    for path in sorted((Path(accords.__file__).parent / package).rglob("*.py")):
        if path.name == "registry.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Constant) or id(node) in skip:
                continue
            value = node.value
            if (isinstance(value, int) and not isinstance(value, bool) and value in years) or (
                    isinstance(value, str) and as_word.search(value)):
                found.append(f"{path.name}:{node.lineno}: {value!r}")
    assert found == [], f"take these from accords.datasets.registry instead: {found}"
