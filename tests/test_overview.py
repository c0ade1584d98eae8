"""The first-look overview: vocabulary and a who/what/when/where sketch."""

from __future__ import annotations

from accords import paths
from accords.read.articles import Article, read_article
from accords.read.layout import analyse
from accords.read.overview import content_lemmas, sketch, time_expressions


def seed_layout():
    return analyse(read_article(paths.articles_dir() / "seed-it-001.txt"))


def test_seed_sketch_names_people_time_and_place():
    result = sketch(seed_layout())
    assert result.where == "Mosca"
    assert result.who == ("Sergei Shoigu", "Murat Bektanov")
    assert result.when == ("2022-2024", "martedì 9 novembre")
    assert result.what.startswith("Il programma di partenariato strategico")
    assert str(result).splitlines()[3] == "Where: Mosca"


def test_content_lemmas_group_inflected_forms_and_skip_stopwords_and_footer():
    frame = content_lemmas(seed_layout(), top=None)
    row = frame.set_index("lemma").loc["ministro"]
    assert row["count"] == 4 and row["forms"] == "ministri, ministro"
    assert not {"il", "della", "di", "che"} & set(frame["lemma"])
    assert "instagram" not in set(frame["lemma"])  # the social footer is boilerplate
    assert list(frame["count"]) == sorted(frame["count"], reverse=True)


def test_time_expressions_in_several_languages():
    cases = {
        "en": ("On Tuesday, 9 November 2021 the plan for 2022-2024 was signed.",
               ["Tuesday, 9 November 2021", "2022-2024"]),
        "de": ("Am Dienstag, 9. November unterzeichneten sie den Plan.", ["Dienstag, 9. November"]),
        "ru": ("Документ подписали 9 ноября 2021 года в Москве.", ["9 ноября 2021"]),
        "fr": ("Le plan a été signé le 1er décembre.", ["1er décembre"]),
        "es": ("El plan se firmó el martes 9 de noviembre de 2021.",
               ["martes 9 de noviembre de 2021"]),
    }
    for lang, (text, expected) in cases.items():
        layout = analyse(Article(id=lang, text=text, lang=lang))
        found = time_expressions(layout)
        assert found == expected, (lang, found)


def test_languages_without_a_lexicon_still_get_a_sketch():
    layout = analyse(Article(id="pt", text="O ministro assinou o plano em Lisboa.", lang="pt"))
    assert sketch(layout).when == ()
    assert len(content_lemmas(layout)) > 0
