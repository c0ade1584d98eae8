"""State adjectives and name forms: every UN member state is found by its adjective, in every
case and gender the language's ending rules give, and no form stands for two states."""

from __future__ import annotations

from collections import defaultdict

import pytest

from accords.annotate import annotate
from accords.codes import alpha3
from accords.lexicon import available_languages, load_lexicon
from accords.read.articles import Article
from accords.read.statenames import inflect, text_forms, word_forms

# The 193 UN member states, with Kosovo, Palestine, Taiwan and Western Sahara.
_UN_CODES = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE PRK DNK
DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB
GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO
LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR NAM
NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR ROU RUS RWA
KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK TZA THA TLS TGO TON TTO TUN TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB ZWE
XKX PSE TWN ESH
"""
UN_AND_OTHERS = _UN_CODES.split()

# States a language has no adjective for on purpose: the form is shared by two states (the
# Congos, the Guineas, the Dominicas) or names a region too (the lexicon's comment says which).
LEFT_OUT = {
    "en": {"COG", "COD", "GIN", "DOM", "DMA", "CAF", "FSM"},
    "it": {"COG", "COD", "GIN", "DOM", "DMA", "FSM", "PNG", "GRD", "KNA", "VCT"},
    "fr": {"COD", "GIN", "DOM", "FSM"},
    "de": {"COG", "COD", "GIN", "DOM", "DMA", "CAF", "FSM", "SLB", "KNA", "LCA", "VCT"},
    "es": {"COG", "COD", "GIN", "DMA", "FSM", "PNG", "GRD"},
    "pt": {"COG", "COD", "GIN", "DOM", "DMA", "FSM", "PNG", "GRD", "KNA", "LCA", "VCT"},
    "ru": {"COG", "COD", "GIN", "DOM", "DMA", "FSM", "PNG", "KNA", "VCT", "SLB"},
    "uk": {"COG", "COD", "GIN", "DOM", "DMA", "FSM", "PNG", "KNA", "VCT", "SLB", "MHL", "STP"},
    "pl": {"COG", "COD", "GIN", "GNB", "DOM", "DMA", "FSM", "PNG", "KNA", "LCA", "VCT", "SLB",
           "MHL", "STP", "CAF"},
    "cs": {"COG", "COD", "GIN", "GNB", "DOM", "DMA", "FSM", "PNG", "KNA", "VCT", "SLB", "STP",
           "CAF", "CIV"},
    "ro": {"COG", "COD", "GIN", "GNB", "DOM", "DMA", "FSM", "PNG", "KNA", "LCA", "VCT", "SLB",
           "STP", "NER", "NGA", "SWZ"},
    "ca": {"COG", "COD", "GIN", "GNB", "DOM", "DMA", "FSM", "PNG", "KNA", "LCA", "VCT", "SLB",
           "STP", "JOR"},
    "tr": {"COG", "COD", "GIN", "GNQ", "DOM", "DMA", "FSM", "PNG", "KNA", "LCA", "VCT", "SLB",
           "STP", "CAF", "ATG", "CPV", "MHL"},
    "bg": {"COG", "COD", "GIN", "GNB", "DOM", "DMA", "FSM", "PNG", "KNA", "VCT", "SLB", "MHL",
           "STP"},
}


@pytest.mark.parametrize("lang", sorted(LEFT_OUT))
def test_every_state_has_an_adjective_but_the_ambiguous_ones(lang):
    adjectives = load_lexicon(lang)["state_adjectives"]
    missing = {code for code in UN_AND_OTHERS if code not in adjectives}
    assert missing == LEFT_OUT[lang]


@pytest.mark.parametrize(("lang", "text", "exact", "iso3"), [
    ("en", "The Peruvian parliament approved the treaty on Monday.", "Peruvian", "PER"),
    ("en", "Two Rwandans and a Ghanaian officer joined the mission.", "Rwandans", "RWA"),
    ("en", "The Kosovars asked for a defence pact.", "Kosovars", "XKX"),
    ("it", "Il ministro cileno ha firmato un accordo di difesa.", "cileno", "CHL"),
    ("it", "La delegazione peruviana è arrivata a Roma.", "peruviana", "PER"),
    ("it", "La controparte malgascia ha firmato il memorandum.", "malgascia", "MDG"),
    ("it", "I ministri ciprioti hanno firmato l'intesa.", "ciprioti", "CYP"),
    ("fr", "La ministre péruvienne a signé l'accord.", "péruvienne", "PER"),
    ("fr", "Les forces armées chiliennes participeront à l'exercice.", "chiliennes", "CHL"),
    ("fr", "Le gouvernement cubain a ratifié le traité.", "cubain", "CUB"),
    ("de", "Das peruanische Parlament hat das Abkommen ratifiziert.", "peruanische", "PER"),
    ("de", "Der chilenische Minister reiste nach Lima.", "chilenische", "CHL"),
    ("de", "Mit dem ecuadorianischen Amtskollegen wurde ein Abkommen geschlossen.",
     "ecuadorianischen", "ECU"),
    ("es", "La ministra letona firmó el acuerdo de defensa.", "letona", "LVA"),
    ("es", "Los militares mozambiqueños recibirán formación.", "mozambiqueños", "MOZ"),
    ("es", "Los kosovares firmaron un memorando.", "kosovares", "XKX"),
    ("pt", "A ministra eritreia assinou o acordo.", "eritreia", "ERI"),
    ("pt", "Os militares espanhóis participaram do exercício.", "espanhóis", "ESP"),
    ("pt", "O governo cubano ratificou o tratado.", "cubano", "CUB"),
    ("ru", "Перуанский министр подписал соглашение.", "Перуанский", "PER"),
    ("ru", "Делегация встретилась с чилийскими военными.", "чилийскими", "CHL"),
    ("ru", "Соглашение подписано с новозеландской стороной.", "новозеландской", "NZL"),
    ("uk", "Перуанський міністр підписав угоду.", "Перуанський", "PER"),
    ("uk", "Делегація зустрілася з чилійськими військовими.", "чилійськими", "CHL"),
    ("pl", "Peruwiański minister podpisał umowę.", "Peruwiański", "PER"),
    ("pl", "Delegacja spotkała się z chilijskimi wojskowymi.", "chilijskimi", "CHL"),
    ("cs", "Peruánský ministr podepsal dohodu.", "Peruánský", "PER"),
    ("cs", "Delegace jednala s chilskou stranou.", "chilskou", "CHL"),
    ("ro", "Ministrul peruan a semnat acordul.", "peruan", "PER"),
    ("ro", "Delegația chiliană a sosit la București.", "chiliană", "CHL"),
    ("ca", "El ministre peruà ha signat l'acord.", "peruà", "PER"),
    ("ca", "La delegació hondurenya va arribar ahir.", "hondurenya", "HND"),
    ("tr", "Perulu bakan anlaşmayı imzaladı.", "Perulu", "PER"),
    ("bg", "Перуанският министър подписа споразумението.", "Перуанският", "PER"),
    ("bg", "Делегацията се срещна с норвежката страна.", "норвежката", "NOR"),
])
def test_a_state_named_only_by_its_adjective_is_found(lang, text, exact, iso3):
    spans = annotate(Article(id="x", text=text, lang=lang))
    states = [(s.exact, s.norm) for s in spans if s.label == "STATE"]
    assert (exact, iso3) in states


@pytest.mark.parametrize(("lang", "adjective", "forms"), [
    ("fr", "péruvien", {"péruvien", "péruvienne", "péruviens", "péruviennes"}),
    ("it", "peruviano", {"peruviano", "peruviana", "peruviani", "peruviane"}),
    ("it", "malgascio", {"malgascio", "malgascia", "malgasci", "malgasce"}),
    ("de", "peruanisch", {"peruanisch", "peruanische", "peruanischen", "peruanischer",
                          "peruanisches", "peruanischem"}),
    ("es", "letón", {"letón", "letona", "letones", "letonas"}),
    ("pt", "eritreu", {"eritreu", "eritreia", "eritreus", "eritreias"}),
    ("ru", "перуанский", {"перуанский", "перуанская", "перуанское", "перуанские", "перуанского",
                          "перуанской", "перуанскому", "перуанским", "перуанском", "перуанскую",
                          "перуанских", "перуанскими"}),
])
def test_an_adjective_s_ending_rule_gives_its_genders_numbers_and_cases(lang, adjective, forms):
    assert forms <= set(word_forms(adjective, load_lexicon(lang), "adjective"))


# Adjectives that do not change (or are themselves a listed inflected form). The first
# elements of compound adjectives ("polsko-", "româno-", "hispano-") do not change either.
INVARIABLE = {
    "it": {"greca", "greci", "sauditi", "qatarioti", "vietnamiti", "burkinabé", "swazi",
           "saharawi"},
    "pt": {"azeri", "suazi", "somali", "saaráui"},
    "ro": {"ruși", "rușii", "ruşi", "ruşii", "croați", "croaţi", "ciprioți", "ciprioţi",
           "sauditi", "saudiți", "saudiţi", "sahrawi"},
    "ca": {"serbi", "egipci", "siri", "indi", "àzeri", "armeni", "moldau", "indonesi", "swazi",
           "libi", "malaisi", "macedoni", "somali"},
}


@pytest.mark.parametrize("lang", ["it", "fr", "de", "es", "pt", "ru", "uk", "pl", "cs", "ro",
                                  "ca", "bg"])
def test_every_adjective_of_a_gendered_language_has_an_ending_rule(lang):
    lex = load_lexicon(lang)
    rules = lex.get("inflect", {}).get("adjective", {})
    bare = {adjective for names in lex["state_adjectives"].values() for adjective in names
            if " " not in adjective and not adjective.endswith(("o", "о"))
            and len(inflect(adjective, rules, lex.get("vowels", ""))) == 1}
    assert bare == INVARIABLE.get(lang, set())


@pytest.mark.parametrize(("text", "names"), [
    ("Die Verteidigungsminister Chiles und Perus unterzeichneten ein Abkommen.",
     {("Chiles", "CHL"), ("Perus", "PER")}),
    ("Die Streitkräfte Frankreichs und Russlands übten gemeinsam.",
     {("Frankreichs", "FRA"), ("Russlands", "RUS")}),
    ("Der Präsident Kubas empfing den Außenminister Uruguays.",
     {("Kubas", "CUB"), ("Uruguays", "URY")}),
])
def test_a_german_genitive_state_name_is_a_state_not_a_person(text, names):
    spans = annotate(Article(id="x", text=text, lang="de"))
    assert names <= {(s.exact, s.norm) for s in spans if s.label == "STATE"}
    people = {s.exact for s in spans if s.label == "PERSON"}
    assert not any(name in person for name, _ in names for person in people)


def test_a_german_name_ending_in_s_x_or_z_takes_no_genitive_s():
    forms = text_forms("de")
    assert forms["Laos"] == "LAO" and forms["Irans"] == "IRN"
    assert "Laoss" not in forms and "Belaruss" not in forms


@pytest.mark.parametrize(("lang", "text", "exact", "iso3"), [
    ("ru", "Министр подписал соглашение с Аргентиной.", "Аргентиной", "ARG"),
    ("ru", "Учения прошли в Бразилии и Казахстане.", "Бразилии", "BRA"),
    ("uk", "Міністр підписав угоду з Аргентиною.", "Аргентиною", "ARG"),
    ("uk", "Навчання пройшли в Бразилії.", "Бразилії", "BRA"),
    ("pl", "Minister podpisał umowę z Argentyną.", "Argentyną", "ARG"),
    ("pl", "Ćwiczenia odbyły się w Brazylii.", "Brazylii", "BRA"),
    ("cs", "Ministr podepsal dohodu s Argentinou.", "Argentinou", "ARG"),
    ("cs", "Cvičení proběhlo v Brazílii.", "Brazílii", "BRA"),
])
def test_a_state_name_in_a_case_form_is_found(lang, text, exact, iso3):
    spans = annotate(Article(id="x", text=text, lang=lang))
    assert (exact, iso3) in {(s.exact, s.norm) for s in spans if s.label == "STATE"}


def _readings(lang: str) -> dict[str, set[str]]:
    """Every form the lexicon's names and adjectives and CLDR's names give → the states."""
    from babel import Locale, UnknownLocaleError

    lex = load_lexicon(lang)
    stop = {w.lower() for w in lex.get("stopwords", ())}
    readings: dict[str, set[str]] = defaultdict(set)
    for kind, key in (("name", "state_names"), ("adjective", "state_adjectives")):
        for code, names in lex.get(key, {}).items():
            for name in names:
                for form in word_forms(name, lex, kind):
                    readings[form.strip()].add(code)
    try:
        territories = dict(Locale.parse(lang).territories)
    except (UnknownLocaleError, ValueError):
        territories = {}
    for a2, name in territories.items():
        code = alpha3(a2) if len(a2) == 2 and a2.isalpha() else None
        if code:
            for form in word_forms(name, lex, "name"):
                readings[form.strip()].add(code)
    return {form: codes for form, codes in readings.items() if form.lower() not in stop}


@pytest.mark.parametrize("lang", available_languages())
def test_no_state_name_or_adjective_form_stands_for_two_states(lang):
    shared = {form: sorted(codes) for form, codes in _readings(lang).items() if len(codes) > 1}
    assert shared == {}
