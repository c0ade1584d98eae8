"""Russian and Ukrainian wordings of defence news (issue 10): state names in every case,
agreements between two coordinated states, kinds by subject, planned and expected signings,
signers in oblique cases and bloc-level plans. Every example was written for this file."""

from __future__ import annotations

import pytest
from examples import extracted
from examples import news as records

from accords.annotate import annotate
from accords.read.articles import Article


def states(text: str, lang: str) -> list[tuple[str, str]]:
    return [(s.exact, s.norm) for s in annotate(Article(id="w", text=text, lang=lang))
            if s.label == "STATE"]


# ---------------------------------------------------------------- state names in their cases

@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("ru", "Договор подписан с Мьянмой, с Египтом и с Экваториальной Гвинеей.",
     [("Мьянмой", "MMR"), ("Египтом", "EGY"), ("Экваториальной Гвинеей", "GNQ")]),
    ("ru", "Делегации Южного Судана, Новой Зеландии и Нидерландов прибыли на Филиппины.",
     [("Южного Судана", "SSD"), ("Новой Зеландии", "NZL"), ("Нидерландов", "NLD"),
      ("Филиппины", "PHL")]),
    ("ru", "Министры встретились с Объединёнными Арабскими Эмиратами и ЦАР.",
     [("Объединёнными Арабскими Эмиратами", "ARE"), ("ЦАР", "CAF")]),
    ("uk", "Угоду підписано з М’янмою, Єгиптом та Екваторіальною Гвінеєю.",
     [("М’янмою", "MMR"), ("Єгиптом", "EGY"), ("Екваторіальною Гвінеєю", "GNQ")]),
    ("uk", "Делегації Південного Судану, Нової Зеландії та Мальдівів зустрілися.",
     [("Південного Судану", "SSD"), ("Нової Зеландії", "NZL"), ("Мальдівів", "MDV")]),
], ids=["ru-oblique", "ru-multiword", "ru-long", "uk-oblique", "uk-multiword"])
def test_state_names_are_read_in_their_case_forms_and_the_longer_name_wins(lang, text,
                                                                            expected):
    assert states(text, lang) == expected


def test_a_ukrainian_name_ending_in_i_keeps_its_one_form():
    assert states("Делегація Чилі прибула.", "uk") == [("Чилі", "CHL")]
    assert states("Делегація Чиліом прибула.", "uk") == []


# ---------------------------------------------------------------- between X and Y on Z

@pytest.mark.parametrize(("lang", "text", "parties"), [
    ("ru", "Госдума одобрила документ\nГосударственная дума ратифицировала соглашение "
           "между Россией и Лаосом о военном сотрудничестве.", ("LAO", "RUS")),
    ("uk", "Рада схвалила документ\nВерховна Рада ратифікувала угоду між Україною та "
           "Канадою про співробітництво в галузі оборони.", ("CAN", "UKR")),
])
def test_an_agreement_between_two_states_keeps_its_subject_after_the_second_state(
        lang, text, parties):
    [record] = records(text, lang)
    assert record.parties == parties
    assert record.action == "ratified"
    assert record.kind == "defense_cooperation_agreement"
    assert record.title_span.endswith(("сотрудничестве", "оборони"))


def test_a_russian_name_after_a_hushing_consonant_has_its_instrumental_in_ei():
    [record] = records("Новости\nРоссия подписала соглашение с Польшей о сотрудничестве в "
                       "области военной медицины.", "ru")
    assert record.parties == ("POL", "RUS")
    assert states("Переговоры с Израилем прошли.", "ru") == [("Израилем", "ISR")]


# ---------------------------------------------------------------- no record for civil texts

@pytest.mark.parametrize(("lang", "text"), [
    ("uk", "Україна та Польща підписали угоду\nУкраїна та Польща підписали угоду про "
           "транспортне сполучення та торгівлю."),
    ("ru", "Россия и Турция подписали соглашение\nРоссия и Турция подписали в Анкаре "
           "соглашение о развитии торговли."),
])
def test_a_bare_headline_agreement_is_the_civil_agreement_the_body_names(lang, text):
    assert records(text, lang) == []


def test_a_bare_headline_agreement_beside_a_defence_one_still_counts():
    [record] = records("Россия и Турция подписали соглашение\nРоссия и Турция подписали "
                       "соглашение о торговле и соглашение о военном сотрудничестве.", "ru")
    assert record.kind == "defense_cooperation_agreement"


# ---------------------------------------------------------------- kinds by subject

@pytest.mark.parametrize(("lang", "text", "kind"), [
    ("ru", "Армения и Франция подписали контракт\nВо вторник в Ереване Армения и Франция "
           "подписали контракт на поставку трех радаров.", "arms_transfer"),
    ("uk", "Україна і Франція уклали угоду\nУ п'ятницю в Парижі Україна і Франція уклали "
           "угоду про постачання артилерійських систем.", "arms_transfer"),
    ("uk", "Україна і Швеція підпишуть угоду\nУкраїна і Швеція найближчим часом підпишуть "
           "угоду про спільне виробництво бронетехніки.", "military_technical_cooperation"),
    ("ru", "Индия и Россия заключили соглашение\nИндия заключила с Россией соглашение о "
           "взаимном материально-техническом обеспечении вооруженных сил.", "other"),
    ("uk", "Україна та Канада підписали угоду\nУкраїна та Канада підписали угоду про "
           "взаємне матеріально-технічне забезпечення збройних сил.", "other"),
], ids=["ru-radars", "uk-artillery", "uk-armour", "ru-logistics", "uk-logistics"])
def test_equipment_words_make_a_defence_kind_and_logistic_support_is_other(lang, text, kind):
    [record] = records(text, lang)
    assert record.kind == kind


def test_a_capitalised_oblique_name_before_a_head_is_no_modifier_of_it():
    text = ("Новости\nМинистр обороны Белоруссии подписал с министром обороны Вьетнама Фан "
            "Ван Зянгом план военного сотрудничества на 2024 год.")
    [record] = records(text, "ru")
    assert record.title_span == "план военного сотрудничества на 2024 год"
    text = "Новости\nВоенно-техническое соглашение Россия и Лаос подписали в Москве."
    [record] = records(text, "ru")
    assert record.title_span.startswith("Военно-техническое")
    assert record.kind == "military_technical_cooperation"


# ---------------------------------------------------------------- planned signings

def test_a_ukrainian_signing_said_to_be_expected_is_announced():
    [record] = records("Підписання угоди з Японією очікується\nПідписання угоди про оборонне "
                       "співробітництво між Україною та Японією очікується у квітні.", "uk")
    assert (record.parties, record.action, record.date_signed) == (("JPN", "UKR"),
                                                                   "announced", None)
    assert "очікується" not in record.title_span


# ---------------------------------------------------------------- meetings and signers

def test_a_ukrainian_dated_meeting_dates_and_places_the_signing_reported_at_it():
    text = ("Україна та Естонія підписали угоду\nЗустріч міністрів оборони України та Естонії "
            "відбулася 7 березня в Таллінні. За її підсумками сторони підписали угоду про "
            "військове співробітництво.")
    [record] = records(text, "uk")
    assert (record.date_signed, record.place) == ("2023-03-07", "Tallinn")


def test_a_russian_meeting_written_with_a_verb_dates_the_signing_after_it():
    text = ("Россия и Монголия подписали соглашение\nМинистры обороны России и Монголии "
            "встретились 7 марта в Улан-Баторе. По итогам встречи стороны подписали "
            "соглашение о военном сотрудничестве.")
    [record] = records(text, "ru")
    assert (record.date_signed, record.place) == ("2023-03-07", "Ulaanbaatar")


def test_a_ukrainian_signing_in_someones_presence_has_no_signer_from_it():
    text = ("Україна та Чехія підписали меморандум\nМіністри оборони України та Чехії "
            "підписали меморандум про оборонне співробітництво у присутності президента "
            "Володимира Зеленського.")
    [record] = records(text, "uk")
    assert record.signatories == ()


def test_the_two_ukrainian_ministers_who_signed_are_the_ones_named_before():
    text = ("Україна та Литва підписали план\nУ Вільнюсі зустрілися міністри оборони України "
            "та Литви Рустем Умєров і Арвідас Анушаускас. Міністри підписали план "
            "військового співробітництва на 2024 рік.")
    [record] = records(text, "uk")
    assert set(record.signatories) == {"Рустем Умєров", "Арвідас Анушаускас"}
    assert "signatories: signers-named-by-role" in record.rules


def test_a_signer_named_in_the_instrumental_takes_the_form_the_text_gives_elsewhere():
    text = ("Белоруссия и Вьетнам подписали план\nВ Минске находился министр обороны Вьетнама "
            "Нго Ван Ань. Министр обороны Белоруссии Виктор Хренин подписал с министром "
            "обороны Вьетнама Нго Ван Анем план военного сотрудничества на 2024 год.")
    [record] = records(text, "ru")
    assert set(record.signatories) == {"Виктор Хренин", "Нго Ван Ань"}
    assert "signatories: citation-form" in record.rules
    cited = [e.exact for e in record.evidence if e.field == "signatories"]
    assert "Нго Ван Анем" in cited and "Нго Ван Ань" in cited


def test_a_signer_named_in_one_form_only_keeps_it():
    text = ("Новости\nМинистр обороны Белоруссии Виктор Хренин подписал с министром обороны "
            "Вьетнама Нго Ван Анем план военного сотрудничества на 2024 год.")
    [record] = records(text, "ru")
    assert set(record.signatories) == {"Виктор Хренин", "Нго Ван Анем"}


# ---------------------------------------------------------------- alliance, basing, steps

@pytest.mark.parametrize(("lang", "text", "kind", "action"), [
    ("ru", "Договор заключен\nВ среду в Душанбе был заключен договор между Таджикистаном и "
           "Узбекистаном о союзнических отношениях.", "alliance_treaty", "signed"),
    ("ru", "Заключено соглашение\nМежду Россией и Египтом было заключено соглашение о "
           "взаимном использовании воздушного пространства и аэродромов.", "basing_access",
     "signed"),
    ("uk", "Укладено угоду\nУкраїна та Молдова уклали угоду про взаємне використання "
           "аеродромів.", "basing_access", "signed"),
    ("uk", "Припинено угоду\nУкраїна припинила дію угоди з Росією про військово-технічне "
           "співробітництво.", "military_technical_cooperation", "terminated"),
], ids=["ru-allied", "ru-airfields", "uk-airfields", "uk-ended"])
def test_allied_relations_and_use_of_airfields_are_defence_kinds(lang, text, kind, action):
    [record] = records(text, lang)
    assert (record.kind, record.action) == (kind, action)


def test_a_russian_agreement_that_will_enter_into_force_was_only_signed():
    text = ("Новости\nПодписанное вчера в Ташкенте соглашение между Узбекистаном и Турцией о "
            "военном сотрудничестве вступит в силу после ратификации.")
    [record] = records(text, "ru")
    assert (record.action, record.date_signed, record.place) == ("signed", "2023-03-13",
                                                                 "Tashkent")


@pytest.mark.parametrize(("lang", "text", "parties"), [
    ("ru", "Новости\nГлава государства подписал закон «О ратификации Соглашения между "
           "Российской Федерацией и Республикой Узбекистан о поставках вооружений».",
     ("RUS", "UZB")),
    ("uk", "Новини\nПрезидент України підписав закон «Про ратифікацію Угоди між Україною та "
           "Литвою про військове співробітництво».", ("LTU", "UKR")),
])
def test_a_quoted_ratification_law_signed_by_the_president_ratifies(lang, text, parties):
    [record] = records(text, lang)
    assert (record.parties, record.action) == (parties, "ratified")


@pytest.mark.parametrize(("lang", "text", "signers"), [
    ("ru", "Россия и Лаос подписали соглашение\nГенерал армии Сергей Петров и министр обороны "
           "Лаоса генерал-лейтенант Чансамон Чаньялат подписали в Москве соглашение о "
           "военном сотрудничестве.", {"Сергей Петров", "Чансамон Чаньялат"}),
    ("uk", "Україна та Литва підписали меморандум\nГенерал-лейтенант Олег Коваль і міністр "
           "оборони Литви Арвідас Анушаускас підписали у Вільнюсі меморандум про оборонне "
           "співробітництво.", {"Олег Коваль", "Арвідас Анушаускас"}),
])
def test_a_name_after_a_military_rank_is_a_person_who_can_sign(lang, text, signers):
    [record] = records(text, lang)
    assert set(record.signatories) == signers


def test_a_rank_after_a_ministers_role_keeps_the_ministers_state():
    people = [s for s in annotate(Article(id="w", lang="ru", text=(
        "Министр обороны Лаоса генерал-лейтенант Чансамон Чаньялат прибыл в Москву.")))
        if s.label == "PERSON"]
    assert [(p.exact, p.attrs["role"], p.attrs["state"]) for p in people] == [
        ("Чансамон Чаньялат", "defence_minister", "LAO")]


@pytest.mark.parametrize(("lang", "text", "place"), [
    ("ru", "Сербия и Венгрия подписали план\nВ Белграде встретились министры обороны Сербии "
           "и Венгрии Милош Петрович и Янош Ковач. Министры подписали план военного "
           "сотрудничества на 2024 год.", "Belgrade"),
    ("uk", "Україна та Литва підписали план\nУ Вільнюсі зустрілися міністри оборони України "
           "та Литви Рустем Умєров і Арвідас Анушаускас. Міністри підписали план "
           "військового співробітництва на 2024 рік.", "Vilnius"),
    ("en", "Chile and Peru sign a plan\nThe defence ministers of Chile and Peru, Ana Soto and "
           "Luis Rojas, met in Lima. The ministers signed a cooperation plan for 2024.",
     "Lima"),
])
def test_ministers_who_met_in_a_city_and_then_signed_signed_there(lang, text, place):
    [record] = records(text, lang)
    assert record.place == place
    assert "signatories: signers-named-by-role" in record.rules


# ---------------------------------------------------------------- verb paradigms

def actions(text: str, lang: str) -> list[tuple[str, str, bool]]:
    return [(s.exact, s.norm, bool(s.attrs.get("planned")))
            for s in annotate(Article(id="w", text=text, lang=lang)) if s.label == "ACTION"]


@pytest.mark.parametrize(("lang", "form", "norm"), [
    ("ru", "заключённое", "signed"), ("ru", "заключенного", "signed"),
    ("ru", "подписывается", "signed"), ("ru", "подписывались", "signed"),
    ("ru", "ратифицированное", "ratified"), ("ru", "продлённого", "renewed"),
    ("ru", "денонсированного", "terminated"), ("ru", "расторгнуто", "terminated"),
    ("uk", "підписавши", "signed"), ("uk", "укладення", "signed"),
    ("uk", "укладеної", "signed"), ("uk", "ратифікованої", "ratified"),
])
def test_participles_reflexive_passives_and_noun_cases_of_the_verbs_are_actions(lang, form,
                                                                                norm):
    text = (f"Стороны обсудили {form} соглашение о военном сотрудничестве." if lang == "ru"
            else f"Сторони обговорили {form} угоду про військове співробітництво.")
    assert [(exact, found) for exact, found, _ in actions(text, lang)] == [(form, norm)]


def test_a_ukrainian_ratification_in_the_future_tense_is_planned():
    [(_, norm, planned)] = actions("Рада ратифікуватиме угоду про оборону.", "uk")
    assert (norm, planned) == ("ratified", True)


# ---------------------------------------------------------------- document types

@pytest.mark.parametrize(("lang", "text", "kind"), [
    ("ru", "Новости\nМинистерства обороны Сербии и Белоруссии подписали заявление о "
           "намерениях в области военного образования.", "other"),
    ("ru", "Новости\nВоенные ведомства Индии и Армении подписали техническую договорённость "
           "о подготовке офицеров.", "other"),
    ("ru", "Новости\nРоссия и Вьетнам подписали конвенцию о сотрудничестве в военной сфере.",
     "defense_cooperation_agreement"),
    ("uk", "Новини\nУкраїна та Австралія підписали заяву про наміри щодо підготовки "
           "військових.", "other"),
    ("uk", "Новини\nМіністерства оборони України та Естонії підписали технічну домовленість "
           "про навчання військових.", "other"),
    ("uk", "Новини\nУкраїна та Німеччина підписали угоду про постачання систем ППО.",
     "military_technical_cooperation"),
    ("ru", "Новости\nКиргизия и Таджикистан подписали соглашение о совместной борьбе с "
           "терроризмом.", "defense_cooperation_agreement"),
    ("uk", "Новини\nУкраїна та Молдова підписали угоду про співпрацю у протидії тероризму.",
     "defense_cooperation_agreement"),
], ids=["ru-statement-of-intent", "ru-technical", "ru-convention", "uk-statement-of-intent",
        "uk-technical", "uk-air-defence", "ru-terrorism", "uk-terrorism"])
def test_document_types_and_subjects_give_their_kind(lang, text, kind):
    [record] = records(text, lang)
    assert record.kind == kind


# ---------------------------------------------------------------- dates

@pytest.mark.parametrize(("expression", "day"), [
    ("минулої п’ятниці", "2023-03-10"), ("минулого четверга", "2023-03-09"),
    ("напередодні", "2023-03-13"),
])
def test_ukrainian_weekdays_in_the_genitive_and_the_day_before_date_the_signing(expression,
                                                                                day):
    [record] = records(f"Новини\nУкраїна та Польща {expression} підписали угоду про "
                       "військове співробітництво.", "uk")
    assert record.date_signed == day


@pytest.mark.parametrize(("lang", "text", "parties"), [
    ("ru", "Новости\nПарламент Монголии ратифицировал договор о дружбе, сотрудничестве и "
           "взаимной помощи с Китаем.", ("CHN", "MNG")),
    ("uk", "Новини\nСейм Литви ратифікував договір про дружбу, співробітництво та взаємну "
           "допомогу з Польщею.", ("LTU", "POL")),
    ("uk", "Новини\nПарламент Вірменії ратифікував договори «про дружбу, співпрацю та "
           "взаємну допомогу».", ("ARM",)),
])
def test_a_treaty_of_friendship_cooperation_and_mutual_assistance_is_an_alliance(lang, text,
                                                                               parties):
    [record] = records(text, lang)
    assert (record.parties, record.kind, record.action) == (parties, "alliance_treaty",
                                                            "ratified")


@pytest.mark.parametrize(("lang", "text"), [
    ("ru", "Белоруссия и Монголия подписали меморандум о военном сотрудничестве\nВчера в "
           "Минске был подписан меморандум о намерениях в области военного образования между "
           "министерствами обороны Белоруссии и Монголии."),
    ("uk", "Україна та Чехія підписали меморандум про військове співробітництво\nУчора в "
           "Празі було підписано меморандум про матеріально-технічне забезпечення між "
           "міністерствами оборони України та Чехії."),
])
def test_a_document_type_in_the_body_outranks_the_general_defence_kind_of_the_headline(
        lang, text):
    [record] = records(text, lang)
    assert record.kind == "other"


@pytest.mark.parametrize(("lang", "text", "parties"), [
    ("ru", "Новости\nВ 2019 году Россия и Армения приняли программу военного сотрудничества "
           "на 2020–2022 годы.", ("ARM", "RUS")),
    ("uk", "Новини\nУ 2019 році Україна та Грузія прийняли програму військового "
           "співробітництва на 2020–2022 роки.", ("GEO", "UKR")),
])
def test_a_programme_adopted_is_a_signing(lang, text, parties):
    [record] = extracted(text, lang)
    assert (record.parties, record.action, record.date_signed) == (parties, "signed", "2019")


@pytest.mark.parametrize(("lang", "text"), [
    ("ru", "Новости\nМинистры обороны Армении и Ирана приняли участие в обсуждении соглашения "
           "о военном сотрудничестве."),
    ("uk", "Новини\nМіністри оборони Вірменії та Ірану прийняли участь в "
           "обговоренні угоди про військове співробітництво."),
])
def test_taking_part_is_no_adoption(lang, text):
    assert extracted(text, lang) == []


def test_a_capital_inside_a_longer_state_name_is_no_place():
    text = ("Новости\nСоглашение о военном сотрудничестве между Россией и Гвинеей-Бисау "
            "подписано в Москве министрами обороны двух стран.")
    places = [s.exact for s in annotate(Article(id="w", text=text, lang="ru"))
              if s.label == "PLACE"]
    assert places == ["Москве"]
    [record] = records(text, "ru")
    assert (record.parties, record.place) == (("GNB", "RUS"), "Moscow")


@pytest.mark.parametrize(("lang", "text", "signers"), [
    ("ru", "Новости\nПодписи под соглашением о военном сотрудничестве поставили чилийский "
           "генерал Ана Руис и перуанский адмирал Луис Сото.", {"Ана Руис", "Луис Сото"}),
    ("ru", "Новости\nМинистры обороны Ирака и Ирана поставили подписи под соглашением о "
           "военном сотрудничестве.", set()),
    ("uk", "Новини\nМіністри оборони України та Литви поставили підписи під угодою про "
           "військове співробітництво.", set()),
])
def test_setting_signatures_under_an_agreement_signs_it(lang, text, signers):
    [record] = records(text, lang)
    assert record.action == "signed"
    assert set(record.signatories) == signers


@pytest.mark.parametrize(("lang", "text", "signers"), [
    ("ru", "Новости\nГоссекретарь США Джон Смит и министр обороны Финляндии Антти Лехто "
           "подписали соглашение о сотрудничестве в области обороны.",
     {"Джон Смит", "Антти Лехто"}),
    ("uk", "Новини\nДержсекретар США Джон Сміт і міністр оборони України Іван Петренко "
           "підписали угоду про оборонне співробітництво.", {"Джон Сміт", "Іван Петренко"}),
])
def test_a_secretary_of_state_is_a_foreign_minister_who_can_sign(lang, text, signers):
    [record] = records(text, lang)
    assert set(record.signatories) == signers
    assert "USA" in record.parties


def people(text: str, lang: str) -> list[str]:
    return [s.exact for s in annotate(Article(id="w", text=text, lang=lang))
            if s.label == "PERSON"]


@pytest.mark.parametrize(("lang", "text", "signers"), [
    ("ru", "Россия и Вьетнам подписали план\nМинистры обороны России и Вьетнама подписали в "
           "Ханое план военного сотрудничества на 2024 год. Документ подписали Сергей Орлов и "
           "Фан Ван Зянг.", {"Сергей Орлов", "Фан Ван Зянг"}),
    ("uk", "Україна та Польща підписали план\nУ Варшаві міністри оборони України та Польщі "
           "підписали план військового співробітництва на 2024 рік. Документ підписали Іван "
           "Коваль і Павел Новак.", {"Іван Коваль", "Павел Новак"}),
])
def test_names_after_a_signing_verb_are_its_subject(lang, text, signers):
    [record] = records(text, lang)
    assert set(record.signatories) == signers


@pytest.mark.parametrize(("lang", "text"), [
    ("ru", "Стороны подписали Договор Дружбы и Сотрудничества."),
    ("ru", "Страны подписали Ташкентский Договор."),
    ("uk", "Сторони підписали Угоду Про Безпеку."),
    ("ru", "Документ подписали Иванов."),
])
def test_a_capitalised_title_or_a_lone_word_after_the_verb_is_no_name(lang, text):
    assert people(text, lang) == []


def test_ukrainian_agreements_whose_plural_looks_singular_give_one_record_per_subject():
    text = ("Новини\nУкраїна та Литва підписали угоди про військове співробітництво, про "
            "спільне виробництво боєприпасів і про підготовку військових.")
    found = records(text, "uk")
    assert len(found) == 3
    assert {r.parties for r in found} == {("LTU", "UKR")}
    assert "military_technical_cooperation" in {r.kind for r in found}
