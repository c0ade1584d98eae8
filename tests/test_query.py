"""DuckDB over record partitions: the same events as merge_events, dyad-year counts by the
rule of the link step, and the join to the dataset grammar's dyad-years."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from accords.extract import scale
from accords.extract.events import merge_events
from accords.extract.records import read_record_file
from accords.link import query, synthetic

pytest.importorskip("duckdb", reason="the scale extra (duckdb)")

# Written for these tests: a three-party signing with a period, and an organisation's.
OWN = [
    {"id": "q-en", "lang": "en", "text": "Pact\n\nThe defence ministers of Norway, Chile and "
     "Peru signed a defence cooperation agreement for 2021-2023 on 4 March 2020 in Oslo."},
]
OWN.append({**OWN[0], "id": "q-en2"})  # a second report of the same agreement


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("q")
    corpus = folder / "corpus"
    synthetic.generate(corpus, 90, partitions=3, seed=21, reports=3, years=(2012, 2016))
    (corpus / "own.jsonl").write_text("".join(json.dumps(r) + "\n" for r in OWN),
                                      encoding="utf-8")
    out = folder / "out"
    scale.extract_corpus(corpus, out, jobs=1, progress=False)
    whole = folder / "all.jsonl"  # the JSON Lines engine on the same articles, for reference
    whole.write_text("".join(p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*"))),
                     encoding="utf-8")
    subprocess.run([sys.executable, "-m", "accords", "extract", str(whole), "-o",
                    str(folder / "records.jsonl"), "-j", "1", "-q"], check=True)
    return out, read_record_file(folder / "records.jsonl")


def test_events_are_those_of_merge_events(extracted):
    out, by_article = extracted
    expected = merge_events(r for recs in by_article.values() for r in recs)
    got = query.events(out, batch=7)  # small fetches: blocks span several of them
    assert got == expected
    assert any(len(e.source_ids) == 3 for e in got)  # reports from three partitions merged
    assert len(got) < sum(map(len, by_article.values()))


def test_events_filtered_by_parties_kind_and_window(extracted):
    out, by_article = extracted
    every = merge_events(r for recs in by_article.values() for r in recs)
    got = query.events(out, parties=["fra"], kind="military_technical_cooperation",
                       start="2013-03-01", end="2014-12-31")
    assert got == [e for e in every if "FRA" in e.record.parties
                   and e.record.kind == "military_technical_cooperation"
                   and "2013-03-01" <= e.record.date_signed <= "2014-12-31"]
    assert got


def test_dyad_year_counts_follow_the_period_and_every_pair(extracted):
    out, _ = extracted
    counts = query.dyad_year_counts(out)
    own = counts[counts["iso3_1"].isin(["CHL", "NOR"]) & counts["iso3_2"].isin(["NOR", "PER"])]
    assert own[["iso3_1", "iso3_2", "year"]].astype(str).values.tolist() == [
        [a, b, str(y)] for a, b in (("CHL", "NOR"), ("CHL", "PER")) for y in range(2020, 2024)
    ] + [["NOR", "PER", str(y)] for y in range(2020, 2024)]
    assert set(own["n_records"]) == {2}  # the two reports of the three-party agreement
    total = sum(1 for _ in query.connect(out).sql(
        "SELECT * FROM records WHERE len(parties) = 2").fetchall())
    assert counts[~counts["iso3_1"].isin(["CHL", "NOR"])]["n_records"].sum() == total


@pytest.mark.shared
@pytest.mark.parametrize("directed", [False, True])
def test_join_to_dyad_years_equals_add_news_records(extracted, shared_dir, directed):
    from accords.datasets import add_dcad, create_dyadyears
    from accords.link import dyads

    local = shared_dir / "data"
    if not local.is_dir():
        pytest.skip(f"{local} is missing")
    out, by_article = extracted
    frame = add_dcad(create_dyadyears(directed=directed, years=(2009, 2016), local=local),
                     local=local)
    got = query.add_dyad_years(frame, out, local=local)
    expected = dyads.add_news_records(frame, by_article, local=local)
    pd.testing.assert_frame_equal(got, expected)
    assert got["news_records"].notna().sum() > 30
    with pytest.raises(ValueError, match="add news records once"):
        query.add_dyad_years(got, out, local=local)


def test_a_folder_without_records_says_what_to_run(tmp_path):
    with pytest.raises(FileNotFoundError, match="--format parquet"):
        query.connect(tmp_path)
