"""The annotators: the seed article's acceptance list, and every dev-corpus article."""

from __future__ import annotations

import datetime as dt

import pytest

from accords import paths
from accords.annotate import annotate
from accords.annotate.dates import find_dates
from accords.annotate.gazetteer import Gazetteer, state_forms, states_gazetteer
from accords.read.articles import Article, iter_jsonl, read_article
from accords.spans import verify


@pytest.fixture(scope="module")
def seed_spans():
    article = read_article(paths.articles_dir() / "seed-it-001.txt")
    return article, annotate(article)


def _find(spans, label, exact):
    return [s for s in spans if s.label == label and s.exact == exact]


# ----------------------------------------------------------------- the seed's acceptance list


@pytest.mark.parametrize(("exact", "iso3"), [
    ("Russia", "RUS"), ("Federazione Russa", "RUS"), ("Kazakistan", "KAZ"), ("kazaka", "KAZ"),
    ("russo", "RUS"), ("russe", "RUS"), ("Afghanistan", "AFG"), ("afghana", "AFG"),
])
def test_seed_states_are_found_and_normalised_to_iso3(seed_spans, exact, iso3):
    _, spans = seed_spans
    found = _find(spans, "STATE", exact)
    assert found and all(s.norm == iso3 for s in found)


def test_seed_states_carry_the_cow_code(seed_spans):
    _, spans = seed_spans
    assert _find(spans, "STATE", "Kazakistan")[0].attrs["ccode"] == 705


def test_paese_centro_asiatico_is_kazakhstan_by_coreference(seed_spans):
    """Decision: the description is resolved to the nearest Central Asian state named before
    it ("il Kazakistan ha offerto a Mosca"), and marked as coreference."""
    _, spans = seed_spans
    (span,) = _find(spans, "STATE", "Paese Centro-Asiatico")
    assert span.norm == "KAZ"
    assert span.attrs["coreference"] is True


def test_defence_ministers_are_mapped_to_states_respectively(seed_spans):
    _, spans = seed_spans
    (shoigu,) = _find(spans, "PERSON", "Sergei Shoigu")
    (bektanov,) = _find(spans, "PERSON", "Murat Bektanov")
    assert (shoigu.attrs["role"], shoigu.attrs["state"]) == ("defence_minister", "RUS")
    assert (bektanov.attrs["role"], bektanov.attrs["state"]) == ("defence_minister", "KAZ")


def test_later_surname_mentions_are_linked_to_the_person(seed_spans):
    _, spans = seed_spans
    later = _find(spans, "PERSON", "Bektanov")
    assert later and later[0].norm == "Murat Bektanov" and later[0].attrs["state"] == "KAZ"


def test_csto_is_found_by_name_and_acronym(seed_spans):
    _, spans = seed_spans
    assert _find(spans, "ORG", "CSTO")[0].norm == "CSTO"
    assert _find(spans, "ORG", "Organizzazione del Trattato di Sicurezza Collettiva")[0].norm \
        == "CSTO"


def test_moscow_is_a_place_in_the_dateline_and_on_arrival(seed_spans):
    _, spans = seed_spans
    places = [s for s in spans if s.label == "PLACE"]
    assert {s.norm for s in places} == {"Moscow"}
    cues = {s.exact: s.attrs["cue"] for s in places if s.attrs["cue"] != "location"}
    assert cues == {"MOSCA": "dateline", "Mosca": "arrival"}


def test_signing_date_is_inferred_from_weekday_and_the_years_mentioned(seed_spans):
    _, spans = seed_spans
    (date,) = _find(spans, "DATE", "martedì 9 novembre")
    assert date.norm == "2021-11-09"
    assert date.attrs["inferred"] is True and date.attrs["precision"] == "day"


def test_periods_and_relative_dates(seed_spans):
    _, spans = seed_spans
    assert _find(spans, "PERIOD", "2022-2024")[0].norm == "2022/2024"
    assert _find(spans, "PERIOD", "2022")[0].norm == "2022"
    assert _find(spans, "DATE", "8 ottobre scorso")[0].norm == "2021-10-08"
    assert _find(spans, "DATE", "martedì")[0].norm == "2021-11-09"  # "il medesimo martedì"


def test_programme_and_plan_are_agreements_of_their_kind(seed_spans):
    _, spans = seed_spans
    kinds = {s.exact: s.norm for s in spans if s.label == "AGREEMENT"}
    title = "programma di partenariato strategico nel settore della difesa per il 2022-2024"
    assert kinds[title] == "strategic_partnership_programme"
    assert kinds["piano di cooperazione per il 2022"] == "cooperation_plan"


def test_signed_and_approved_are_actions(seed_spans):
    _, spans = seed_spans
    assert {s.norm for s in _find(spans, "ACTION", "firmato")} == {"signed"}
    (approved,) = _find(spans, "ACTION", "approvato")
    assert approved.norm == "signed" and approved.attrs["verb"] == "approved"
    assert approved.attrs["negated"] is False and approved.attrs["planned"] is False


def test_nothing_is_annotated_in_the_footer(seed_spans):
    article, spans = seed_spans
    footer = article.text.index("Potete seguirci")
    assert all(s.end <= footer for s in spans)


# ----------------------------------------------------------------- general behaviour


def test_dev_corpus_annotates_without_error_and_every_span_verifies(dev_corpus_path):
    count = 0
    for article in iter_jsonl(dev_corpus_path):
        for span in annotate(article):
            assert verify(span, article.text) is None, span.describe()
            assert span.doc_sha256 == article.sha256
            count += 1
    assert count > 500


def test_relative_weekday_resolves_against_the_published_date():
    article = Article(id="x", text="Они подписали соглашение в пятницу.", lang="ru",
                      published=dt.date(2023, 10, 10))
    (m,) = find_dates(article)
    assert (m.exact, m.norm, m.attrs["inferred"]) == ("пятницу", "2023-10-06", False)


def test_yesterday_without_any_date_is_kept_unresolved():
    (m,) = find_dates(Article(id="x", text="Signed yesterday.", lang="en"))
    assert m.norm is None and m.attrs["unresolved"] is True


@pytest.mark.parametrize(("lang", "text", "norm"), [
    ("en", "on April 28, 2014", "2014-04-28"),
    ("de", "am 9. November 2021", "2021-11-09"),
    ("ru", "28 марта 1994 года", "1994-03-28"),
    ("es", "el 28 de marzo de 1994", "1994-03-28"),
    ("fr", "le 1er mars 2020", "2020-03-01"),
    ("it", "il 09.11.2021", "2021-11-09"),
    ("ru", "в ноябре 2016 года", "2016-11"),
])
def test_full_dates_in_each_language(lang, text, norm):
    mentions = find_dates(Article(id="x", text=text, lang=lang))
    assert [m.norm for m in mentions] == [norm]


def test_negated_and_planned_actions_are_flagged():
    spans = annotate(Article(id="x", text="L'Italia non ha firmato. Il Ciad firmerà l'accordo.",
                             lang="it"))
    actions = [s for s in spans if s.label == "ACTION"]
    assert [(s.exact, s.attrs["negated"], s.attrs["planned"]) for s in actions] == [
        ("firmato", True, False), ("firmerà", False, True)]


def test_state_gazetteer_is_one_regex_and_respects_case():
    gazetteer = states_gazetteer("en")
    assert isinstance(gazetteer, Gazetteer) and gazetteer.size > 300
    assert [m.norm for m in gazetteer.finditer("turkey and US troops; us")] == ["USA"]


def test_state_forms_cover_inflections_in_several_languages():
    assert state_forms("ru")["Казахстаном"] == "KAZ"
    assert state_forms("ru")["российского"] == "RUS"
    assert state_forms("de")["kasachischen"] == "KAZ"
    assert state_forms("it")["Stati Uniti"] == "USA"
    assert state_forms("ru")["Кыргызстан"] == "KGZ"


def test_person_inside_a_name_is_not_a_state():
    spans = annotate(Article(id="x", lang="it",
                             text="Il ministro della Difesa Ignazio La Russa ha firmato."))
    assert [s.norm for s in spans if s.label == "STATE"] == []
    assert [s.exact for s in spans if s.label == "PERSON"] == ["Ignazio La Russa"]


@pytest.mark.parametrize(
    ("lang", "text", "period"),
    [
        ("de", "Sie haben ein Programm für 2022 bis 2024 unterzeichnet.", "für 2022 bis 2024"),
        ("en", "A plan from 2023 to 2025 was signed.", "from 2023 to 2025"),
        ("it", "Un piano dal 2022 al 2024 è stato firmato.", "dal 2022 al 2024"),
        ("ru", "Подписан план на период с 2021 по 2025 год.", "с 2021 по 2025 год"),
        ("fr", "Un plan de 2022 à 2024 a été signé.", "de 2022 à 2024"),
        ("es", "Un plan de 2022 a 2024 fue firmado.", "de 2022 a 2024"),
    ],
)
def test_year_ranges_written_with_words_are_periods(lang, text, period):
    from accords.read.articles import Article

    spans = annotate(Article(id="r", text=text, lang=lang))
    assert [(s.label, s.exact) for s in spans if s.label in ("DATE", "PERIOD")] == [
        ("PERIOD", period)]


def test_each_annotator_writes_only_the_labels_it_declares():
    from accords.annotate import ANNOTATORS
    from accords.annotate.doc import Doc
    from accords.read.articles import Article

    text = ("Notizie\nMOSCA, 9 novembre - Il ministro della Difesa russo Sergei Shoigu e il "
            "Kazakistan hanno firmato a Mosca un accordo di cooperazione militare per il "
            "2022-2024, con esercitazioni congiunte, in vista dell'adesione alla Nato.")
    doc = Doc.of(Article(id="c", text=text, lang="it"))
    for component in ANNOTATORS:
        found = component(doc)
        assert {s.label for s in found} <= set(component.writes), component.name
        doc.spans.extend(found)
    assert {"STATE", "PERSON", "ACTION", "AGREEMENT", "DATE", "PLACE"} <= {
        s.label for s in doc.spans}
