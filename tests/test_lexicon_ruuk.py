"""Russian and Ukrainian wordings of defence news (issue 10): state names in every case,
agreements between two coordinated states, kinds by subject, planned and expected signings,
signers in oblique cases and bloc-level plans. Every example was written for this file."""

from __future__ import annotations

import pytest
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
