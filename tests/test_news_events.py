"""Events, not reports, are counted: linking, the extended dyad-years, the dyad-year grammar
and the charts' news input take one signing reported twice (here in two languages) as one
event with two sources."""

from __future__ import annotations

import datetime as dt

import pytest

from accords.extract import extract
from accords.link import dyads
from accords.read.articles import Article

# Two reports of one signing, written for this test: Spanish and French.
REPORTS = [
    ("es-1", "es", "España y Marruecos firman un acuerdo de defensa\nLos ministros de Defensa "
                   "de España y Marruecos firmaron el jueves en Rabat un acuerdo de cooperación "
                   "en materia de defensa."),
    ("fr-1", "fr", "L'Espagne et le Maroc signent un accord de défense\nLes ministres de la "
                   "Défense de l'Espagne et du Maroc ont signé jeudi à Rabat un accord de "
                   "coopération en matière de défense."),
]


@pytest.fixture(scope="module")
def local(shared_dir):
    return shared_dir / "data"


@pytest.fixture(scope="module")
def two_reports():
    out = {}
    for doc_id, lang, text in REPORTS:
        article = Article(id=doc_id, lang=lang, published=dt.date(2024, 3, 15), text=text)
        out[doc_id] = extract(article)
    assert [len(records) for records in out.values()] == [1, 1]
    return out


def test_two_reports_of_one_signing_are_one_event_with_two_sources(two_reports):
    ((event, ids),) = dyads.news_events(two_reports)
    assert event.source_ids == ("es-1", "fr-1") and ids == ("es-1#1", "fr-1#1")
    assert event.record.date_signed == "2024-03-14"


def test_the_news_frame_has_one_row_for_the_event(two_reports, local):
    frame = dyads.news_frame(two_reports, local=local)
    assert len(frame) == 1
    row = frame.iloc[0]
    assert (row["ccode1"], row["ccode2"], row["n_sources"]) == (230, 600, 2)
    assert (row["sources"], row["record_ids"]) == ("es-1;fr-1", "es-1#1;fr-1#1")


def test_the_second_report_is_no_second_agreement_in_linking(two_reports, local):
    labels = dyads.classify(two_reports, local=local)
    assert labels["record_id"].tolist() == ["es-1#1"] and labels["label"].tolist() == ["new"]
    related = dyads.related(two_reports, local=local)
    assert not (related["source"] == "news").any()  # no "prior news-coded" from itself


def test_extended_dyad_years_count_the_event_once(two_reports, local):
    ext = dyads.extended_dyad_years(two_reports, local=local)
    row = ext[(ext["ccode1"] == 230) & (ext["ccode2"] == 600) & (ext["year"] == 2024)]
    assert row["n_records"].tolist() == [1] and row["record_ids"].tolist() == ["es-1#1"]


def test_the_dyad_year_grammar_counts_the_event_once(two_reports, local):
    from accords.datasets import grammar as g

    dy = dyads.add_news_records(g.create_dyadyears(years=(2024, 2024)), two_reports,
                               local=local)
    row = dy[(dy["ccode1"] == 230) & (dy["ccode2"] == 600)]
    assert row["news_records"].tolist() == [1] and bool(row["news_agreement"].iloc[0])


def test_the_charts_news_input_counts_the_event_once(two_reports, local):
    from accords import charts

    coverage = charts.coverage_data(two_reports, local=local)
    news = coverage[coverage["kind"] == "records"]
    assert news[["start", "n_records"]].values.tolist() == [[2024, 1]]


def test_two_signings_of_one_dyad_on_different_days_stay_two_events(two_reports, local):
    (later,) = extract(Article(id="es-2", lang="es", published=dt.date(2024, 6, 2), text=(
        "España y Marruecos firman otro acuerdo\nLos ministros de Defensa de España y "
        "Marruecos firmaron el sábado en Madrid un acuerdo de cooperación en materia de "
        "defensa.")))
    frame = dyads.news_frame({**two_reports, "es-2": [later]}, local=local)
    assert frame["n_sources"].tolist() == [2, 1]
