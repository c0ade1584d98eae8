"""Capital cities and frequent venues of defence signings, in every main language.

The PLACE gazetteer of a language is its lexicon's ``[places]`` plus the shared table in
``lexicons/common/annotate.toml``; ``lexicons/common/capitals.toml`` says which state a capital
stands for. The sentences are written for these tests.
"""

from __future__ import annotations

import re

import pytest

from accords import codes
from accords.annotate import annotate
from accords.annotate.gazetteer import place_forms, places_gazetteer
from accords.extract import extract
from accords.lexicon import load_lexicon
from accords.read.articles import Article

MAIN_LANGUAGES = ("it", "en", "fr", "de", "es", "pt", "ru")

# Capitals with no PLACE form in a language, and why.
LEFT_OUT = {
    # A city named like its state: the STATE gazetteer reads it.
    "*": {"Luxembourg", "Monaco", "San Marino",
          # A person's name or another city of the same name: a PLACE would mislead.
          "Victoria", "Kingston", "St. George's", "Saint John's"},
    "it": {"Moroni"},   # an Italian surname
    "fr": {"Roseau", "Castries"},   # "roseau", a reed; Castries, a surname
    "pt": {"Praia"},    # "praia", a beach
    # Russian writes these like their state ("Тунис", "Алжир", "Джибути", "Панама",
    # "Гватемала", "Сингапур"); "Бразилиа" would inflect to "Бразилии", Brazil's own form.
    "ru": {"Tunis", "Algiers", "Djibouti", "Panama City", "Guatemala City", "Singapore",
           "Brasília"},
}


def capitals() -> dict[str, str]:
    return dict(load_lexicon("common")["capitals"])


def places(text: str, lang: str) -> list[tuple[str, str]]:
    spans = annotate(Article(id="t", text=text, lang=lang))
    return [(s.exact, s.norm) for s in spans if s.label == "PLACE"]


@pytest.mark.parametrize(("lang", "text", "exact", "english"), [
    ("it", "L'accordo è stato firmato a Varsavia dai due ministri.", "Varsavia", "Warsaw"),
    ("it", "Il memorandum firmato a Berna prevede esercitazioni comuni.", "Berna", "Bern"),
    ("it", "I ministri si sono incontrati all'Aia e a Pechino.", "Pechino", "Beijing"),
    ("it", "Il protocollo è stato firmato a Monaco di Baviera.", "Monaco di Baviera", "Munich"),
    ("fr", "L'accord a été signé à Berne le 3 mars.", "Berne", "Bern"),
    ("fr", "Le mémorandum signé à Varsovie porte sur la formation.", "Varsovie", "Warsaw"),
    ("fr", "Les deux ministres se sont retrouvés à La Haye.", "La Haye", "The Hague"),
    ("fr", "Un accord de défense a été conclu à Djeddah.", "Djeddah", "Jeddah"),
    ("de", "Das Abkommen wurde in Warschau unterzeichnet.", "Warschau", "Warsaw"),
    ("de", "Die Minister unterzeichneten in Den Haag eine Absichtserklärung.", "Den Haag",
     "The Hague"),
    ("de", "Am Rande der Konferenz in München unterzeichneten sie den Vertrag.", "München",
     "Munich"),
    ("de", "Der Vertrag wurde in Kopenhagen paraphiert.", "Kopenhagen", "Copenhagen"),
    ("es", "El acuerdo fue firmado en Varsovia por ambos ministros.", "Varsovia", "Warsaw"),
    ("es", "Los ministros firmaron en Pekín un memorando de defensa.", "Pekín", "Beijing"),
    ("es", "El tratado se firmó en La Haya.", "La Haya", "The Hague"),
    ("es", "El convenio fue suscrito en Estambul.", "Estambul", "Istanbul"),
    ("pt", "O acordo foi assinado em Varsóvia pelos dois ministros.", "Varsóvia", "Warsaw"),
    ("pt", "O memorando assinado em Pequim prevê exercícios conjuntos.", "Pequim", "Beijing"),
    ("pt", "Os ministros assinaram em Berna um acordo de cooperação.", "Berna", "Bern"),
    ("pt", "O tratado foi assinado em Munique.", "Munique", "Munich"),
    ("ru", "Соглашение подписали в Варшаве министры обороны.", "Варшаве", "Warsaw"),
    ("ru", "Меморандум подписан в Берне.", "Берне", "Bern"),
    ("ru", "Министры встретились в Брюсселе и подписали протокол.", "Брюсселе", "Brussels"),
    ("ru", "Документ подписан в Гааге.", "Гааге", "The Hague"),
    ("ru", "Соглашение было подписано в Казани.", "Казани", "Kazan"),
    ("uk", "Меморандум підписали у Берні.", "Берні", "Bern"),
    ("uk", "Угоду підписано в Мюнхені.", "Мюнхені", "Munich"),
    ("pl", "Porozumienie podpisano w Stambule.", "Stambule", "Istanbul"),
    ("pl", "Umowę zawarto w Nowym Jorku.", "Nowym Jorku", "New York"),
    ("cs", "Smlouva byla podepsána v Mnichově.", "Mnichově", "Munich"),
    ("cs", "Ministři podepsali memorandum v Ženevě.", "Ženevě", "Geneva"),
    ("ro", "Acordul a fost semnat la Berna.", "Berna", "Bern"),
    ("ro", "Memorandumul a fost semnat la Phenian.", "Phenian", "Pyongyang"),
    ("ca", "L'acord es va signar a Ginebra.", "Ginebra", "Geneva"),
    ("tr", "Anlaşma Cenevre'de imzalandı.", "Cenevre", "Geneva"),
    ("tr", "Mutabakat Münih'te imzalandı.", "Münih", "Munich"),
    ("bg", "Споразумението беше подписано в Хага.", "Хага", "The Hague"),
    ("bg", "Министрите подписаха меморандум в Мюнхен.", "Мюнхен", "Munich"),
    ("en", "The memorandum was signed in Windhoek on Tuesday.", "Windhoek", "Windhoek"),
    ("en", "The ministers met in Dar es Salaam to sign the pact.", "Dar es Salaam",
     "Dar es Salaam"),
])
def test_a_signing_city_is_a_place_with_its_english_name(lang, text, exact, english):
    assert (exact, english) in places(text, lang)


@pytest.mark.parametrize(("lang", "text", "exact", "english"), [
    ("ru", "Соглашение подписано в Варшаве.", "Варшаве", "Warsaw"),
    ("uk", "Угоду підписали у Варшаві.", "Варшаві", "Warsaw"),
    ("pl", "Umowę podpisano w Warszawie.", "Warszawie", "Warsaw"),
    ("cs", "Dohoda byla podepsána ve Varšavě.", "Varšavě", "Warsaw"),
])
def test_the_locative_of_a_slavic_capital_is_found(lang, text, exact, english):
    assert (exact, english) in places(text, lang)


@pytest.mark.parametrize("lang", MAIN_LANGUAGES)
def test_every_capital_has_a_place_form_in_every_main_language(lang):
    left_out = LEFT_OUT["*"] | LEFT_OUT.get(lang, set())
    forms = place_forms(lang)
    if lang == "ru":
        # A Latin name read in Russian text is no Russian form: ask for a Cyrillic one.
        forms = {form: norm for form, norm in forms.items()
                 if re.fullmatch(r"[А-Яа-яЁё\- ]+", form)}
    missing = sorted(set(capitals()) - set(forms.values()) - left_out)
    assert not missing, f"{lang}: no PLACE form for {missing}"


def test_the_left_out_capitals_are_really_missing():
    """A name left out on purpose must stay out, or the list above is stale."""
    for lang in MAIN_LANGUAGES:
        norms = set(place_forms(lang).values())
        for name in LEFT_OUT.get(lang, ()):
            if lang == "ru":
                cyrillic = {n for f, n in place_forms(lang).items()
                            if re.fullmatch(r"[А-Яа-яЁё\- ]+", f)}
                assert name not in cyrillic, (lang, name)
            else:
                assert name not in norms, (lang, name)


def test_every_capital_stands_for_a_known_code():
    known = {row.iso3 for row in codes.code_rows()}
    unknown = {name: code for name, code in capitals().items() if code not in known}
    assert not unknown


def test_every_un_member_with_a_cow_code_has_a_capital():
    stated = set(capitals().values())
    missing = sorted(row.iso3 for row in codes.code_rows()
                     if row.ccode is not None and not row.valid_to and row.iso3 not in stated)
    assert not missing


@pytest.mark.parametrize(("lang", "text"), [
    ("pt", "Passaram o fim de semana na praia antes da reunião."),
    ("pt", "Praia e sol: o ministro de férias."),
    ("fr", "Un roseau plie mais ne rompt pas, dit le ministre."),
    ("fr", "Le général de Castries a présenté le plan."),
    ("it", "Il generale Moroni ha firmato il documento."),
    ("es", "La ministra Sofía Pérez firmó el acuerdo."),
])
def test_a_city_that_is_a_common_word_or_a_name_is_no_place(lang, text):
    assert places(text, lang) == []


def test_lower_case_words_never_match_a_city():
    # "male" (it "evil"), "lima" (pt "file"), "sana" (es "healthy") are lower-case words.
    for lang, word in [("it", "male"), ("pt", "lima"), ("es", "sana"), ("fr", "damas")]:
        assert list(places_gazetteer(lang).finditer(f"una frase {word} qui")) == []


def test_two_capitals_signing_are_the_parties():
    article = Article(id="t", lang="fr", text=(
        "Berne et Paris ont signé un accord de coopération militaire le 12 mars 2024."))
    records = extract(article)
    assert len(records) == 1
    record = records[0]
    assert record.parties == ("CHE", "FRA")
    assert "parties: parties-from-capitals" in record.rules


def test_an_agency_dateline_city_is_not_the_signing_place():
    article = Article(id="t", lang="it", text=(
        "(Agenzia Stampa) - Milano, 3 mar - L'accordo di cooperazione nel settore della "
        "difesa firmato a Kiev tra Italia e Ucraina durerà dieci anni."))
    records = extract(article)
    assert [r.place for r in records] == ["Kyiv"]


def test_a_venue_that_is_no_capital_gives_no_party():
    article = Article(id="t", lang="en", text=(
        "Italy and Japan signed a defence cooperation agreement in Istanbul on 4 May 2024."))
    records = extract(article)
    assert [r.parties for r in records] == [("ITA", "JPN")]
    assert records[0].place == "Istanbul"


def test_an_italian_city_named_in_the_signing_clause_is_the_place():
    from examples import news

    [record] = news("Notizie\nItalia e Cile hanno firmato oggi a Milano un accordo di "
                    "cooperazione militare.", "it")
    assert record.place == "Milan"


def test_the_city_of_an_agency_dateline_gives_way_to_the_signing_city():
    from examples import news

    [record] = news("Notizie\n(ANSA) - Milano, 24 feb - Italia e Cile hanno firmato a Roma un "
                    "accordo di cooperazione militare.", "it")
    assert record.place == "Rome"
