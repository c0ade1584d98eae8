"""Czech, Polish and Bulgarian wordings of defence news, by class (issue 10): planned and
postponed signings, witnesses, the treaty formula, ranks before names, dates written the local
way, case forms of names, national offices, document types, subjects that make a kind,
meetings that date and place a signing, agreements elided after a plural, English document
names and relative years. Every example was written here."""

from __future__ import annotations

import datetime as dt

import pytest
from examples import news

from accords.annotate import annotate
from accords.read.articles import Article


def dates(text: str, lang: str) -> list[tuple[str, str]]:
    return [(s.exact, s.norm) for s in annotate(Article(id="d", text=text, lang=lang))
            if s.label == "DATE"]


def people(text: str, lang: str) -> list[str]:
    return [s.exact for s in annotate(Article(id="p", text=text, lang=lang))
            if s.label == "PERSON"]


# ---------------------------------------------------------------- planned, not signed

POSTPONED = [
    ("cs", "Podpis se odkládá\nPodpis smlouvy o vojenské spolupráci mezi Českem a Estonskem "
           "byl odložen na podzim.", ["CZE", "EST"]),
    ("cs", "Smlouva se Slovinskem\nPodpis dohody o obranné spolupráci mezi Českem a Slovinskem "
           "se očekává v červnu.", ["CZE", "SVN"]),
    ("pl", "Podpisanie przesunięte\nPodpisanie porozumienia o współpracy wojskowej między "
           "Polską a Danią zostało przesunięte na jesień.", ["DNK", "POL"]),
    ("pl", "Umowa z Portugalią\nPodpisanie umowy o współpracy obronnej między Polską a "
           "Portugalią zaplanowano na czerwiec.", ["POL", "PRT"]),
    ("bg", "Подписването се отлага\nПодписването на споразумението за отбранително "
           "сътрудничество между България и Словения бе отложено за есента.", ["BGR", "SVN"]),
]


@pytest.mark.parametrize(("lang", "text", "parties"), POSTPONED,
                         ids=[f"{t[0]}-{i}" for i, t in enumerate(POSTPONED)])
def test_a_signing_named_by_a_noun_and_said_to_be_postponed_or_expected_is_announced(
        lang, text, parties):
    [record] = news(text, lang)
    assert list(record.parties) == parties
    assert record.action == "announced"


def test_a_bulgarian_signing_expected_in_the_passive_is_announced():
    text = ("Предстои подпис\nДоговорът за военно сътрудничество между България и Хърватия "
            "се очаква да бъде подписан в Загреб през май.")
    [record] = news(text, "bg")
    assert record.action == "announced"
    assert record.date_signed is None


# ---------------------------------------------------------------- signers and witnesses

PRESENCE = [
    ("cs", "Podpis v Bratislavě\nMinistři obrany Česka a Slovenska podepsali v pondělí v "
           "Bratislavě dohodu o obranné spolupráci za přítomnosti premiéra Roberta Nováka.",
     "Roberta Nováka"),
    ("pl", "Podpisanie w Wiedniu\nMinistrowie obrony Polski i Austrii podpisali w poniedziałek "
           "w Wiedniu umowę o współpracy obronnej w obecności kanclerza Karla Bauera.",
     "Karla Bauera"),
]


@pytest.mark.parametrize(("lang", "text", "witness"), PRESENCE, ids=[t[0] for t in PRESENCE])
def test_a_person_named_in_the_presence_clause_witnessed_and_did_not_sign(lang, text, witness):
    [record] = news(text, lang)
    assert record.action == "signed"
    assert witness not in record.signatories


@pytest.mark.parametrize(("lang", "text", "name"), [
    ("pl", "Szef Sztabu Generalnego Wojska Polskiego gen. Marek Nowicki podpisał umowę.",
     "Marek Nowicki"),
    ("cs", "Náčelník Generálního štábu genmjr. Petr Dvořák podepsal smlouvu.", "Petr Dvořák"),
    ("en", "The army chief of staff Gen. Rafael Ortiz signed the agreement.", "Rafael Ortiz"),
], ids=["pl", "cs", "en"])
def test_an_abbreviated_rank_between_a_role_and_a_name_keeps_the_name(lang, text, name):
    assert name in people(text, lang)


ROLE_MEETING = [
    ("cs", "Ministři jednali v Brně\nČeský ministr obrany Pavel Svoboda se ve čtvrtek v "
           "Brně setkal s estonským ministrem obrany Hannesem Tammem. Oba ministři "
           "podepsali dohodu o spolupráci v oblasti vojenského výcviku.",
     ["CZE", "EST"], "Brno", ["Pavel Svoboda", "Hannesem Tammem"]),
    ("pl", "Ministrowie w Gdańsku\nPolski minister obrony Jan Wiśniewski spotkał się w "
           "czwartek w Gdańsku z estońskim ministrem obrony Hannesem Tammem. Obaj ministrowie "
           "podpisali umowę o współpracy w dziedzinie szkolenia wojsk.",
     ["EST", "POL"], "Gdańsk", ["Jan Wiśniewski", "Hannesem Tammem"]),
    ("bg", "Министрите във Варна\nБългарският министър на отбраната Иван Петров се срещна в "
           "четвъртък във Варна с естонския министър на отбраната Ханес Там. Двамата министри "
           "подписаха споразумение за сътрудничество в областта на военното обучение.",
     ["BGR", "EST"], "Varna", ["Иван Петров", "Ханес Там"]),
]


@pytest.mark.parametrize(("lang", "text", "parties", "place", "signers"), ROLE_MEETING,
                         ids=[t[0] for t in ROLE_MEETING])
def test_a_dated_meeting_gives_its_day_city_and_people_to_the_signing_by_role_after_it(
        lang, text, parties, place, signers):
    [record] = news(text, lang)
    assert list(record.parties) == parties
    assert str(record.date_signed) == "2023-03-09"  # the Thursday before the article's Tuesday
    assert record.place == place
    assert list(record.signatories) == signers


# ---------------------------------------------------------------- treaty formula, dates

def test_a_polish_treaty_formula_dates_and_places_the_agreement_a_ratification_is_about():
    text = ("Ratyfikacja umowy z Norwegią\nPrezydent podpisał ustawę o ratyfikacji Umowy "
            "między Rzecząpospolitą Polską a Królestwem Norwegii o współpracy w dziedzinie "
            "obronności, sporządzonej w Oslo dnia 20 stycznia 2023 r.")
    [record] = news(text, "pl")
    assert record.action == "ratified"
    assert list(record.parties) == ["NOR", "POL"]
    assert str(record.date_signed) == "2023-01-20"
    assert record.place == "Oslo"


def test_a_czech_date_spaced_after_each_full_stop_is_read_as_day_month_year():
    assert dates("Smlouva byla podepsána 7. 2. 2023 v Praze.", "cs") == [
        ("7. 2. 2023", "2023-02-07")]
    assert dates("Smlouva byla podepsána 7.2.2023 v Praze.", "cs") == [
        ("7.2.2023", "2023-02-07")]


@pytest.mark.parametrize(("lang", "text"), [
    ("cs", "Ministři podepsali smlouvu v minulém roce."),
    ("cs", "Ministři podepsali smlouvu v září minulého roku."),
    ("pl", "Ministrowie podpisali umowę w minionym roku."),
    ("bg", "Министрите подписаха споразумението през предходната година."),
], ids=["cs-1", "cs-2", "pl", "bg"])
def test_a_relative_year_written_as_a_phrase_resolves_against_the_article_year(lang, text):
    found = annotate(Article(id="y", text=text, lang=lang, published=dt.date(2023, 3, 14)))
    assert [s.norm for s in found if s.label == "DATE"] == ["2022"]


# ---------------------------------------------------------------- names and offices

def test_polish_names_in_no_ko_and_soft_s_take_their_case_forms():
    text = ("Umowa w Wilnie\nPolska podpisała w poniedziałek w Wilnie umowę o współpracy "
            "wojskowej z Białorusią.")
    [record] = news(text, "pl")
    assert record.place == "Vilnius"
    assert list(record.parties) == ["BLR", "POL"]
    found = {(s.label, s.norm) for s in annotate(Article(
        id="n", text="Rozmowy w Kosowie i z Marokiem.", lang="pl"))}
    assert {("STATE", "XKX"), ("STATE", "MAR")} <= found


def test_the_polish_ministry_of_national_defence_names_poland_through_its_minister():
    text = ("List intencyjny z Japonią\nSzef MON Adam Zieliński podpisał we wtorek w Tokio "
            "list intencyjny z ministrem obrony Japonii.")
    [record] = news(text, "pl")
    assert list(record.parties) == ["JPN", "POL"]
    assert record.kind == "other"
    assert list(record.signatories) == ["Adam Zieliński"]


# ---------------------------------------------------------------- kinds by class

KINDS = [
    ("cs", "Dopis o záměru\nČesko a Belgie podepsaly v pondělí dopis o záměru v oblasti "
           "výcviku pilotů.", "other"),
    ("cs", "Základny\nČesko a Kanada podepsaly v pondělí dohodu o využívání vojenských "
           "základen.", "basing_access"),
    ("cs", "Protivzdušná obrana\nČesko a Izrael podepsaly v pondělí memorandum o spolupráci "
           "v oblasti protivzdušné obrany.", "military_technical_cooperation"),
    ("pl", "Obrona powietrzna\nPolska i Norwegia podpisały w poniedziałek porozumienie o "
           "współpracy w dziedzinie obrony powietrznej.", "military_technical_cooperation"),
    ("pl", "Haubice\nPolska podpisała w poniedziałek z Koreą Południową umowę na dostawę "
           "haubic samobieżnych.", "arms_transfer"),
    ("bg", "Технически договорености\nБългария и Португалия подписаха в понеделник технически "
           "договорености за съвместно обучение.", "other"),
    ("bg", "Класифицирана информация\nБългария и Албания подписаха в понеделник споразумение "
           "за взаимна защита на класифицираната информация.", "other"),
    ("bg", "ПВО\nБългария и Норвегия подписаха в понеделник меморандум за сътрудничество в "
           "областта на противовъздушната отбрана.", "military_technical_cooperation"),
    ("bg", "Самолети\nБългария подписа в понеделник със Швеция договор за закупуване на шест "
           "гаубици.", "arms_transfer"),
]


@pytest.mark.parametrize(("lang", "text", "kind"), KINDS,
                         ids=[f"{t[0]}-{t[2]}-{i}" for i, t in enumerate(KINDS)])
def test_the_subject_or_document_type_gives_the_kind(lang, text, kind):
    [record] = news(text, lang)
    assert record.kind == kind
    assert str(record.date_signed) == "2023-03-13"


ENGLISH = [
    ("cs", "DCA se Švédskem\nČesko a Švédsko podepsaly v pondělí Defence Cooperation "
           "Agreement.", ["CZE", "SWE"]),
    ("pl", "DCA z Kanadą\nPolska i Kanada podpisały w poniedziałek Defense Cooperation "
           "Agreement.", ["CAN", "POL"]),
    ("bg", "DCA с Канада\nБългария и Канада подписаха в понеделник Defence Cooperation "
           "Agreement.", ["BGR", "CAN"]),
]


@pytest.mark.parametrize(("lang", "text", "parties"), ENGLISH, ids=[t[0] for t in ENGLISH])
def test_an_english_document_name_inside_the_text_is_the_agreement(lang, text, parties):
    [record] = news(text, lang)
    assert list(record.parties) == parties
    assert record.kind == "defense_cooperation_agreement"
    assert str(record.date_signed) == "2023-03-13"


ELIDED = [
    ("cs", "Dokumenty se Srbskem\nČesko a Černá Hora podepsaly v pondělí několik dohod, mimo "
           "jiné o vojenském zdravotnictví a o ochraně utajovaných informací."),
    ("pl", "Dokumenty z Czarnogórą\nPolska i Czarnogóra podpisały w poniedziałek kilka umów, "
           "w tym o medycynie wojskowej i o ochronie informacji niejawnych."),
    ("bg", "Документи с Черна гора\nБългария и Черна гора подписаха в понеделник няколко "
           "споразумения, в това число за военна медицина и за защита на класифицираната "
           "информация."),
]


@pytest.mark.parametrize(("lang", "text"), ELIDED, ids=[t[0] for t in ELIDED])
def test_agreements_elided_after_a_plural_are_one_record_each(lang, text):
    records = news(text, lang)
    assert sorted(r.kind for r in records) == ["defense_cooperation_agreement", "other"]
    assert all(str(r.date_signed) == "2023-03-13" for r in records)


@pytest.mark.parametrize(("lang", "text", "state"), [
    ("es", "Acuerdo con Japón\nEl presidente del Gobierno Luis Romero firmó el martes en Tokio "
           "un acuerdo de cooperación en defensa con el ministro de Defensa de Japón.", "ESP"),
    ("pl", "Umowa z Japonią\nSzef MON Adam Zieliński podpisał we wtorek w Tokio umowę o "
           "współpracy obronnej z ministrem obrony Japonii.", "POL"),
], ids=["es", "pl"])
def test_a_state_ending_the_headline_is_not_the_state_of_the_role_opening_the_next_line(
        lang, text, state):
    [person] = [s for s in annotate(Article(id="h", text=text, lang=lang, title=text.split(
        "\n")[0])) if s.label == "PERSON"]
    assert person.attrs["state"] == state
    [record] = news(text, lang)
    assert list(record.parties) == sorted(["JPN", state])


# ---------------------------------------------------------------- steps after the signing

STEPS = [
    ("cs", "Listina podepsána\nPrezident republiky podepsal ratifikační listinu ke smlouvě o "
           "vojenské spolupráci mezi Českou republikou a Kanadou.", ["CAN", "CZE"], "ratified"),
    ("cs", "Dohoda platí\nDohoda o obranné spolupráci mezi Českem a Kanadou nabyla platnosti.",
     ["CAN", "CZE"], "entered_into_force"),
    ("cs", "Konec dohody\nČesko ukončilo smlouvu o vojenské spolupráci s Íránem.",
     ["CZE", "IRN"], "terminated"),
    ("pl", "Dokument podpisany\nPrezydent podpisał dokument ratyfikacyjny porozumienia o "
           "współpracy wojskowej między Polską a Kanadą.", ["CAN", "POL"], "ratified"),
    ("pl", "Koniec porozumienia\nPolska rozwiązała porozumienie o współpracy wojskowej z "
           "Iranem.", ["IRN", "POL"], "terminated"),
    ("bg", "Подновено споразумение\nБългария и Канада подновиха споразумението за военно "
           "сътрудничество.", ["BGR", "CAN"], "renewed"),
    ("bg", "Указ\nПрезидентът подписа указ за обнародване на закона за ратифициране на "
           "договора за военно сътрудничество между България и Канада.", ["BGR", "CAN"],
     "ratified"),
    ("bg", "Оттегляне\nБългария се оттегли от споразумението за военно сътрудничество с Иран.",
     ["BGR", "IRN"], "terminated"),
]


@pytest.mark.parametrize(("lang", "text", "parties", "action"), STEPS,
                         ids=[f"{t[0]}-{t[3]}-{i}" for i, t in enumerate(STEPS)])
def test_ratification_instruments_entry_into_force_renewal_and_ending_by_their_local_verbs(
        lang, text, parties, action):
    [record] = news(text, lang)
    assert list(record.parties) == parties
    assert record.action == action


def test_czech_plural_ministers_are_a_role_and_both_names_after_it_sign():
    text = ("Smlouva s Rakouskem\nČesko a Rakousko podepsaly v pondělí ve Vídni smlouvu o "
            "obranné spolupráci. Dokument podepsali ministři obrany Eva Horáková a Karl Huber.")
    [record] = news(text, "cs")
    assert list(record.signatories) == ["Eva Horáková", "Karl Huber"]


@pytest.mark.parametrize("text", [
    "Smlouva zatím není\nSmlouva o obranné spolupráci mezi Českem a Rakouskem zatím nebyla "
    "podepsána.",
    "Ne v březnu\nDohoda o obranné spolupráci mezi Českem a Rakouskem nebude podepsána v "
    "březnu.",
], ids=["past", "future"])
def test_a_czech_passive_negated_on_its_auxiliary_is_no_signing(text):
    assert news(text, "cs") == []


# ---------------------------------------------------------------- verbs by paradigm

VERB_FORMS = [
    ("cs", "Obě země podepíší smlouvu o obraně.", "podepíší", "signed", True),
    ("cs", "Obě země uzavírají smlouvu o obraně.", "uzavírají", "signed", False),
    ("cs", "Obě země ukončily smlouvu o obraně.", "ukončily", "terminated", False),
    ("pl", "Podpisaliśmy umowę o obronie.", "Podpisaliśmy", "signed", False),
    ("pl", "Oba kraje odnowią umowę o obronie.", "odnowią", "renewed", True),
    ("bg", "Подписаният договор за отбрана е важен.", "Подписаният", "signed", False),
    ("bg", "Сключеното споразумение за отбрана е важно.", "Сключеното", "signed", False),
    ("bg", "Двете страни ратифицираха договора за отбрана.", "ратифицираха", "ratified", False),
]


@pytest.mark.parametrize(("lang", "text", "form", "action", "planned"), VERB_FORMS,
                         ids=[f"{t[0]}-{t[2]}" for t in VERB_FORMS])
def test_every_form_of_sign_conclude_ratify_renew_and_end_comes_from_its_paradigm(
        lang, text, form, action, planned):
    [verb] = [s for s in annotate(Article(id="v", text=text, lang=lang)) if s.label == "ACTION"]
    assert (verb.exact, verb.norm, bool(verb.attrs.get("planned"))) == (form, action, planned)


@pytest.mark.parametrize(("lang", "text", "signer"), [
    ("pl", "Umowa z Łotwą\nUmowę o współpracy obronnej z Łotwą podpisał w poniedziałek ze "
           "strony polskiej wiceminister obrony Tomasz Lis.", "Tomasz Lis"),
    ("bg", "Меморандум с Латвия\nЗаместник-министърът на отбраната Петър Колев подписа в "
           "понеделник меморандум за отбранително сътрудничество между България и Латвия.",
     "Петър Колев"),
    ("cs", "Dohoda s Lotyšskem\nDohodu o obranné spolupráci mezi Českem a Lotyšskem podepsal v "
           "pondělí státní tajemník Karel Hora.", "Karel Hora"),
], ids=["pl", "bg", "cs"])
def test_a_deputy_minister_or_state_secretary_before_a_name_signs(lang, text, signer):
    [record] = news(text, lang)
    assert list(record.signatories) == [signer]


RANKS = [
    ("cs", "Zprávy\nSmlouva o vojenské spolupráci mezi Chile a Peru byla podepsána plukovníkem "
           "Anou Ruizovou a generálem Luisem Sotem.", ("Anou Ruizovou", "Luisem Sotem")),
    ("pl", "Wiadomości\nUmowa o współpracy wojskowej między Chile a Peru została podpisana przez "
           "pułkownika Anę Ruiz i generała Luisa Soto.", ("Anę Ruiz", "Luisa Soto")),
    ("bg", "Новини\nСпоразумението за военно сътрудничество между Чили и Перу беше подписано от "
           "полковник Ана Руис и генерал Луис Сото.", ("Ана Руис", "Луис Сото")),
]


@pytest.mark.parametrize(("lang", "text", "signers"), RANKS, ids=[t[0] for t in RANKS])
def test_a_rank_in_its_case_form_introduces_the_name_of_a_signer(lang, text, signers):
    [record] = news(text, lang)
    assert record.signatories == signers


@pytest.mark.parametrize(("lang", "text"), [
    ("cs", "Zprávy\nČesko a Srbsko podepsaly v pondělí dohody o vojenském zdravotnictví a o "
           "ochraně utajovaných informací."),
    ("pl", "Wiadomości\nPolska i Serbia podpisały w poniedziałek umowy o medycynie wojskowej i o "
           "ochronie informacji niejawnych."),
], ids=["cs", "pl"])
def test_a_plural_that_looks_singular_followed_by_a_list_of_subjects_is_several_agreements(
        lang, text):
    records = news(text, lang)
    assert sorted(r.kind for r in records) == ["defense_cooperation_agreement", "other"]
