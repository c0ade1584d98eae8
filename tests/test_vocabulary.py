"""Vocabulary by class (issue 10, part 3; guidelines 4, 8 and 12), in every language with a
lexicon: termination verbs, planning modals, document types that are ``other``, kinds by
subject, and named weapons in a deal. Each example was written for this file."""

from __future__ import annotations

import pytest
from examples import extracted as records


def only(text: str, lang: str):
    found = [r for r in records(text, lang) if not r.is_background]
    assert len(found) == 1, [r.describe() for r in found]
    return found[0]


TERMINATIONS = [
    ("en", "Defence news\nThe government of Chad cancelled the defence cooperation agreement "
           "with France on Monday."),
    ("en", "Defence news\nEstonia revoked its military cooperation agreement with Latvia."),
    ("it", "Notizie\nIl Ciad ha annullato l'accordo di cooperazione militare con la Francia."),
    ("it", "Notizie\nIl governo del Niger ha revocato l'accordo di difesa con la Francia."),
    ("ru", "Новости\nМолдавия расторгла соглашение о военном сотрудничестве с Россией."),
    ("de", "Nachrichten\nDie Regierung von Mali hat das Verteidigungsabkommen mit Frankreich "
           "annulliert."),
    ("fr", "Actualités\nLe Tchad a annulé l'accord de coopération militaire avec la France."),
    ("fr", "Actualités\nLe Niger a mis fin à l'accord de défense avec la France."),
    ("es", "Noticias\nBolivia anuló el acuerdo de cooperación militar con Chile."),
    ("pt", "Notícias\nAngola cancelou o acordo de cooperação militar com Portugal."),
]


@pytest.mark.parametrize(("lang", "text"), TERMINATIONS)
def test_cancelling_revoking_or_ending_an_agreement_terminates_it(lang, text):
    assert only(text, lang).action == "terminated"


PLANNED = [
    ("en", "Defence news\nPeru and Chile can sign a defence cooperation agreement next week."),
    ("en", "Defence news\nA defence cooperation agreement between Peru and Chile is likely "
           "signed in May."),
    ("it", "Notizie\nL'accordo di cooperazione militare tra Italia e Cile potrà essere firmato "
           "a maggio."),
    ("ru", "Новости\nСоглашение о военном сотрудничестве России и Лаоса может быть подписано "
           "в мае."),
    ("de", "Nachrichten\nDas Verteidigungsabkommen zwischen Polen und Chile könnte im Mai "
           "unterzeichnet werden."),
    ("fr", "Actualités\nL'accord de coopération militaire entre le Pérou et le Chili pourrait "
           "être signé en mai."),
    ("es", "Noticias\nEl acuerdo de cooperación militar entre Perú y Chile podría ser firmado "
           "en mayo."),
    ("pt", "Notícias\nO acordo de cooperação militar entre Angola e Portugal poderá ser "
           "assinado em maio."),
]


@pytest.mark.parametrize(("lang", "text"), PLANNED)
def test_a_signing_under_a_modal_is_announced(lang, text):
    assert only(text, lang).action == "announced"


OTHER_DOCUMENTS = [
    ("en", "Defence news\nThe defence ministers of Peru and Chile signed a letter of intent on "
           "military training."),
    ("en", "Defence news\nPeru and Chile signed an agreement on the protection of classified "
           "military information."),
    ("it", "Notizie\nI ministri della Difesa di Italia e Cile hanno firmato una lettera "
           "d'intenti sull'addestramento militare."),
    ("ru", "Новости\nРоссия и Лаос подписали соглашение о взаимной защите секретной "
           "информации в военной области."),
    ("de", "Nachrichten\nPolen und Chile unterzeichneten eine gemeinsame Erklärung zur "
           "militärischen Zusammenarbeit."),
    ("fr", "Actualités\nLe Pérou et le Chili ont signé une déclaration d'intention sur la "
           "formation militaire."),
    ("es", "Noticias\nPerú y Chile firmaron una carta de intención sobre formación militar."),
    ("pt", "Notícias\nAngola e Portugal assinaram uma declaração de intenções sobre formação "
           "militar."),
    ("ro", "Știri\nRomânia și Bulgaria au semnat o înțelegere tehnică privind standardizarea "
           "militară."),
    ("pl", "Wiadomości\nPolska i Litwa podpisały list intencyjny w sprawie szkolenia "
           "wojskowego."),
    ("uk", "Новини\nУкраїна і Литва підписали лист про наміри щодо військової підготовки."),
    ("cs", "Zprávy\nČesko a Slovensko podepsaly technické ujednání o vojenském výcviku."),
    ("ca", "Notícies\nEspanya i Portugal van signar una carta d'intencions sobre formació "
           "militar."),
]


@pytest.mark.parametrize(("lang", "text"), OTHER_DOCUMENTS)
def test_letters_declarations_and_classified_information_are_other(lang, text):
    assert only(text, lang).kind == "other"


BY_SUBJECT = [
    ("en", "Defence news\nPeru and Chile signed an agreement on defence research and "
           "development.", "military_technical_cooperation"),
    ("it", "Notizie\nItalia e Cile hanno firmato un accordo sulla manutenzione "
           "degli equipaggiamenti militari.", "military_technical_cooperation"),
    ("ru", "Новости\nРоссия и Лаос подписали соглашение о сотрудничестве в области "
           "оборонно-промышленного комплекса.", "military_technical_cooperation"),
    ("de", "Nachrichten\nPolen und Chile unterzeichneten ein Abkommen über militärische "
           "Ausrüstung.", "military_technical_cooperation"),
    ("fr", "Actualités\nLe Pérou et le Chili ont signé un accord sur la maintenance des "
           "équipements militaires.", "military_technical_cooperation"),
    ("es", "Noticias\nPerú y Chile firmaron un acuerdo de mantenimiento de equipamiento "
           "militar.", "military_technical_cooperation"),
    ("pt", "Notícias\nAngola e Portugal assinaram um acordo de manutenção de equipamento "
           "militar.", "military_technical_cooperation"),
    ("en", "Defence news\nPeru and Chile signed a contract for the delivery of twelve attack "
           "helicopters.", "arms_transfer"),
    ("it", "Notizie\nItalia e Cile hanno firmato un contratto per la fornitura di sei "
           "elicotteri da trasporto.", "arms_transfer"),
    ("ru", "Новости\nРоссия и Лаос подписали контракт на поставку вертолетов Ми-17.",
     "arms_transfer"),
    ("fr", "Actualités\nLe Pérou et le Chili ont signé un contrat pour la livraison de douze "
           "hélicoptères.", "arms_transfer"),
    ("es", "Noticias\nPerú y Chile firmaron un contrato para la entrega de doce helicópteros.",
     "arms_transfer"),
]


@pytest.mark.parametrize(("lang", "text", "kind"), BY_SUBJECT)
def test_equipment_and_industry_are_military_technical_named_weapons_a_transfer(lang, text,
                                                                               kind):
    assert only(text, lang).kind == kind


UNLISTED_FORMS = [
    ("en", "Defence news\nChile inks a defence cooperation agreement with Peru.", "signed"),
    ("it", "Notizie\nCile e Perù stipularono un accordo di cooperazione militare.", "signed"),
    ("ru", "Новости\nРоссия и Лаос заключат соглашение о военном сотрудничестве.", "announced"),
    ("de", "Nachrichten\nPolen unterschreibt ein Verteidigungsabkommen mit Chile.", "signed"),
    ("fr", "Actualités\nLe Pérou et le Chili signèrent un accord de coopération militaire.",
     "signed"),
    ("es", "Noticias\n«Firmamos hoy con Chile un acuerdo de cooperación militar», dijo el "
           "ministro de Defensa de Perú.", "signed"),
    ("pt", "Notícias\n«Assinámos com Angola um acordo de cooperação militar», disse o "
           "ministro da Defesa de Portugal.", "signed"),
]


@pytest.mark.parametrize(("lang", "text", "action"), UNLISTED_FORMS)
def test_every_form_of_a_paradigm_verb_is_an_action_not_only_listed_ones(lang, text, action):
    assert only(text, lang).action == action


def test_a_capitalised_title_reaches_back_over_its_small_words():
    text = ("Defence news\nChile and Peru will sign the Status of Forces Agreement on "
            "Monday.")
    record = only(text, "en")
    assert (record.kind, record.title_span) == ("status_of_forces",
                                                "Status of Forces Agreement")


def test_a_german_auxiliary_far_before_the_final_verb_plans_the_signing():
    text = ("Nachrichten\nPolen und Chile werden am Donnerstag in Warschau nach langen "
            "Verhandlungen ein neues Abkommen über die militärische Zusammenarbeit beider "
            "Streitkräfte unterzeichnen.")
    assert only(text, "de").action == "announced"


def test_a_german_separable_verb_concludes_an_agreement():
    text = ("Nachrichten\nPolen und Chile schließen heute ein Verteidigungsabkommen ab.")
    assert only(text, "de").action == "signed"


EXPECTED_SIGNINGS = [
    ("en", "Defence news\nThe signing of the defence cooperation agreement between Chile and "
           "Peru is expected in May."),
    ("it", "Notizie\nLa firma dell'accordo di cooperazione militare tra Cile e Perù è "
           "prevista a maggio."),
    ("ru", "Новости\nПодписание соглашения о военном сотрудничестве России и Лаоса "
           "запланировано на май."),
    ("de", "Nachrichten\nDie Unterzeichnung des Verteidigungsabkommens zwischen Polen und "
           "Chile ist für Mai geplant."),
    ("fr", "Actualités\nLa signature de l'accord de coopération militaire entre le Pérou et "
           "le Chili est prévue en mai."),
    ("es", "Noticias\nLa firma del acuerdo de cooperación militar entre Perú y Chile está "
           "prevista para mayo."),
    ("pt", "Notícias\nA assinatura do acordo de cooperação militar entre Angola e Portugal "
           "está prevista para maio."),
]


@pytest.mark.parametrize(("lang", "text"), EXPECTED_SIGNINGS)
def test_a_signing_said_to_be_expected_or_postponed_is_announced(lang, text):
    assert only(text, lang).action == "announced"


def test_a_month_named_may_is_no_modal():
    text = ("Defence news\nChile and Peru signed a defence cooperation agreement in May; Peru "
            "ratified the defence cooperation agreement on Monday.")
    assert only(text, "en").action == "ratified"


def test_a_year_in_the_words_of_an_undated_signing_dates_it():
    text = ("Defence news\nChile and Peru signed a new defence cooperation plan on Monday.\n"
            "They had signed a defence cooperation agreement in 2015.")
    found = records(text, "en")
    assert {r.kind: r.date_signed for r in found} == {
        "cooperation_plan": "2023-03-13", "defense_cooperation_agreement": "2015"}
    assert any("date_signed: date-in-title" in r.rules for r in found)
