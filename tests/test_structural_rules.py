"""Structural extraction rules (issue 10, part 2): parties by role, merging that never widens
the parties, planned steps written with a future perfect. Every example was written here."""

from __future__ import annotations

import pytest
from examples import DAY, news

from accords.extract import extract
from accords.read.articles import Article

BYSTANDERS = [
    ("en", "Defence news\nChile and Peru signed a defence cooperation agreement on Monday, as "
           "tension with Bolivia grew.", ("CHL", "PER")),
    ("en", "Defence news\nChile and Peru signed a defence cooperation agreement that could "
           "anger Bolivia.", ("CHL", "PER")),
    ("it", "Notizie\nCile e Perù hanno firmato un accordo di cooperazione militare, mentre la "
           "Bolivia protestava.", ("CHL", "PER")),
    ("ru", "Новости\nРоссия и Лаос подписали соглашение о военном сотрудничестве, которое "
           "критикует Таиланд.", ("LAO", "RUS")),
    ("de", "Nachrichten\nPolen und Chile unterzeichneten ein Verteidigungsabkommen, während "
           "Bolivien protestierte.", ("CHL", "POL")),
    ("fr", "Actualités\nLe Pérou et le Chili ont signé un accord de coopération militaire "
           "alors que la Bolivie proteste.", ("CHL", "PER")),
    ("es", "Noticias\nPerú y Chile firmaron un acuerdo de cooperación militar mientras "
           "Bolivia protestaba.", ("CHL", "PER")),
    ("pt", "Notícias\nAngola e Portugal assinaram um acordo de cooperação militar enquanto "
           "Moçambique protestava.", ("AGO", "PRT")),
]


@pytest.mark.parametrize(("lang", "text", "parties"), BYSTANDERS)
def test_a_state_in_another_clause_is_not_a_party(lang, text, parties):
    [record] = news(text, lang)
    assert record.parties == parties


def test_a_list_after_between_names_every_party():
    text = ("Defence news\nOn Friday a trilateral defence cooperation plan was signed between "
            "Chile, Peru and Ecuador, while Bolivia watched.")
    [record] = news(text, "en")
    assert record.parties == ("CHL", "ECU", "PER")


def test_a_partner_after_with_is_a_party():
    text = ("Defence news\nWhile Bolivia objected, Chile signed a defence cooperation "
            "agreement with Peru.")
    [record] = news(text, "en")
    assert record.parties == ("CHL", "PER")


def test_merging_reports_of_one_agreement_never_widens_its_parties():
    text = ("Defence news\nChile will sign a defence cooperation pact with Peru next week.\n"
            "The president leaves for Ecuador on Monday, where officials of Ecuador, Chile and "
            "Peru are to sign a trade and defence cooperation pact.")
    [record] = news(text, "en")
    assert record.parties == ("CHL", "PER")
    assert record.action == "announced"


FUTURE_PERFECT = [
    ("it", "Notizie\nQuando il Cile avrà ratificato l'accordo di cooperazione militare con il "
           "Perù, l'intesa entrerà in vigore."),
    ("fr", "Actualités\nQuand le Chili aura ratifié l'accord de coopération militaire avec le "
           "Pérou, il entrera en vigueur."),
    ("es", "Noticias\nCuando Chile habrá ratificado el acuerdo de cooperación militar con "
           "Perú, entrará en vigor."),
]


@pytest.mark.parametrize(("lang", "text"), FUTURE_PERFECT)
def test_a_ratification_in_the_future_perfect_has_not_happened(lang, text):
    assert all(r.action != "ratified" for r in news(text, lang))


UNTIL = [
    ("en", "Defence news\nChile and Peru signed today a military-technical cooperation "
           "programme until 2031."),
    ("it", "Notizie\nCile e Perù hanno firmato oggi un programma di cooperazione "
           "tecnico-militare fino al 2031."),
    ("ru", "Новости\nРоссия и Лаос сегодня подписали программу военно-технического "
           "сотрудничества до 2031 года."),
    ("fr", "Actualités\nLe Pérou et le Chili ont signé aujourd'hui un programme de coopération "
           "militaro-technique jusqu'en 2031."),
    ("es", "Noticias\nPerú y Chile firmaron hoy un programa de cooperación técnico-militar "
           "hasta 2031."),
]


@pytest.mark.parametrize(("lang", "text"), UNTIL)
def test_the_end_year_of_a_period_never_dates_the_signing(lang, text):
    [record] = news(text, lang)
    assert record.date_signed == DAY.isoformat()


def test_a_year_after_the_article_date_does_not_date_a_completed_signing():
    text = ("Defence news\nChile and Peru signed a defence cooperation agreement; its "
            "exercises start in 2026.")
    [record] = news(text, "en")
    assert record.date_signed is None


def test_a_date_two_words_after_a_reporting_verb_dates_the_report():
    text = ("Defence news\nChile and Peru signed a defence cooperation agreement, officials "
            "told reporters on Monday.")
    [record] = news(text, "en")
    assert record.date_signed is None


SUBJECTS = [
    ("en", "Defence news\nChile and Peru signed an agreement on the status of their military "
           "personnel.", "status_of_forces"),
    ("en", "Defence news\nChile and Peru signed an agreement on the stationing of Chilean "
           "troops in Peru.", "basing_access"),
    ("it", "Notizie\nCile e Perù hanno firmato un accordo sullo stazionamento di truppe "
           "cilene.", "basing_access"),
    ("ru", "Новости\nРоссия и Лаос подписали соглашение о размещении российской авиационной "
           "группы.", "basing_access"),
    ("fr", "Actualités\nLe Pérou et le Chili ont signé un accord sur le statut de leurs "
           "personnels militaires.", "status_of_forces"),
    ("es", "Noticias\nPerú y Chile firmaron un acuerdo sobre el estatuto de su personal "
           "militar.", "status_of_forces"),
]


@pytest.mark.parametrize(("lang", "text", "kind"), SUBJECTS)
def test_status_of_personnel_and_stationing_of_troops_give_their_kinds(lang, text, kind):
    [record] = news(text, lang)
    assert record.kind == kind


def test_an_agreement_that_dates_back_to_a_year_was_signed_then():
    text = ("Defence news\nPeru terminated the defence cooperation agreement with Chile, which "
            "dates back to 2011.")
    [record] = news(text, "en")
    assert (record.action, record.date_signed) == ("terminated", "2011")


MEETINGS = [
    ("en", "Defence news\nThe defence ministers of Chile and Peru met in Lima on Monday.\n"
           "They discussed regional security.\nChile and Peru signed a defence cooperation "
           "plan for 2024.", "2023-03-13"),
    ("it", "Notizie\nI ministri della Difesa di Cile e Perù si sono incontrati ieri a Lima.\n"
           "Cile e Perù hanno firmato un piano di cooperazione militare per il 2024.",
     "2023-03-13"),
    ("ru", "Новости\nВчера состоялась встреча министров обороны России и Лаоса.\nРоссия и "
           "Лаос подписали план военного сотрудничества на 2024 год.", "2023-03-13"),
    ("de", "Nachrichten\nDie Verteidigungsminister Polens und Chiles trafen sich gestern in "
           "Warschau.\nPolen und Chile unterzeichneten ein Verteidigungsabkommen.",
     "2023-03-13"),
    ("fr", "Actualités\nLes ministres de la Défense du Pérou et du Chili ont eu hier une "
           "rencontre à Lima.\nLe Pérou et le Chili ont signé un accord de coopération "
           "militaire.", "2023-03-13"),
    ("es", "Noticias\nEl ministro de Defensa de Perú se reunió ayer con su homólogo de "
           "Chile.\nPerú y Chile firmaron un acuerdo de cooperación militar.", "2023-03-13"),
    ("pt", "Notícias\nOs ministros da Defesa de Angola e Portugal tiveram ontem um encontro "
           "em Lisboa.\nAngola e Portugal assinaram um acordo de cooperação militar.",
     "2023-03-13"),
]


@pytest.mark.parametrize(("lang", "text", "day"), MEETINGS)
def test_a_dated_meeting_dates_the_signing_reported_at_it(lang, text, day):
    [record] = news(text, lang)
    assert record.date_signed == day


def test_an_undated_meeting_leaves_a_bare_signing_undated():
    text = ("Defence news\nThe defence ministers of Chile and Peru held talks in Lima.\n"
            "Chile and Peru signed a defence cooperation agreement.")
    [record] = news(text, "en")
    assert record.date_signed is None


FORMULAS = [
    ("it", "Notizie\nIl Senato ha approvato il disegno di legge di ratifica dell'accordo di "
           "cooperazione nel settore della difesa tra l'Italia e il Cile, fatto a Roma il 3 "
           "maggio 2019.", ("CHL", "ITA"), "2019-05-03", "Rome"),
    ("ru", "Новости\nГосдума одобрила законопроект о ратификации соглашения о военном "
           "сотрудничестве между Россией и Лаосом, совершенного в Москве 3 мая 2019 года.",
     ("LAO", "RUS"), "2019-05-03", "Moscow"),
    ("fr", "Actualités\nLe Sénat a approuvé le projet de loi sur l'accord de coopération en "
           "matière de défense entre la France et le Chili, fait à Paris le 3 mai 2019.",
     ("CHL", "FRA"), "2019-05-03", "Paris"),
    ("es", "Noticias\nEl Senado aprobó el acuerdo de cooperación en materia de defensa entre "
           "España y Chile, hecho en Madrid el 3 de mayo de 2019.", ("CHL", "ESP"),
     "2019-05-03", "Madrid"),
]


@pytest.mark.parametrize(("lang", "text", "parties", "day", "place"), FORMULAS)
def test_the_treaty_formula_dates_and_places_the_agreement_of_a_ratification_bill(
        lang, text, parties, day, place):
    [record] = news(text, lang)
    assert (record.parties, record.date_signed, record.place) == (parties, day, place)
    assert record.action == "signed"  # a vote on the bill is not the ratification (rule 4)


LISTS = [
    ("en", "Defence news\nThe defence ministers of Chile and Peru met in Lima the day before.\n"
           "After the talks, three documents were signed:\n- a plan of military cooperation "
           "for 2024;\n- a joint communiqué of the talks;\n- an agreement on military "
           "education.", ("cooperation_plan", "defense_cooperation_agreement")),
    ("ru", "Новости\nНакануне в Москве состоялась встреча министров обороны России и Лаоса.\n"
           "По итогам встречи были подписаны документы:\n- план военного сотрудничества на "
           "2024 год;\n- совместное коммюнике;\n- соглашение о военном образовании.",
     ("cooperation_plan", "defense_cooperation_agreement")),
    ("it", "Notizie\nI ministri della Difesa di Cile e Perù si sono incontrati il giorno prima "
           "a Lima.\nAl termine dell'incontro sono stati firmati tre documenti:\n- un piano di "
           "cooperazione militare per il 2024;\n- il comunicato congiunto dell'incontro;\n- un "
           "accordo sulla formazione militare.",
     ("cooperation_plan", "defense_cooperation_agreement")),
]


@pytest.mark.parametrize(("lang", "text", "kinds"), LISTS)
def test_a_list_under_a_signing_verb_gives_its_agreements_not_the_communique(lang, text,
                                                                              kinds):
    found = news(text, lang)
    assert tuple(r.kind for r in found) == kinds
    assert {r.date_signed for r in found} == {"2023-03-13"}  # "the day before" the report
    assert all(r.action == "signed" for r in found)


def test_a_list_item_after_a_heading_without_a_colon_is_not_governed():
    text = ("Defence news\nChile and Peru signed a trade deal on Monday.\n- a defence "
            "cooperation plan is under discussion.")
    assert all(r.kind != "cooperation_plan" for r in news(text, "en"))


def test_a_date_filed_after_the_city_at_a_sentence_start_dates_the_report():
    text = ("Notizie\nLima, 04.03.2023 agenzia – Cile e Perù hanno firmato un accordo di "
            "cooperazione militare.")
    [record] = news(text, "it")
    assert record.date_signed is None


def test_a_party_without_an_iso_code_is_named_in_parties_other():
    text = ("Notizie\nIl ministro della Difesa del Kosovo e il ministro della Difesa italiano "
            "hanno firmato ieri a Roma un accordo di cooperazione militare.")
    [record] = news(text, "it")
    assert (record.parties, record.parties_other) == (("ITA",), ("Kosovo",))


ARITY = [
    ("en", "Defence news\nChile and Peru signed a bilateral defence cooperation plan for 2024.\n"
           "The same day a trilateral defence cooperation plan was signed between Chile, Peru "
           "and Ecuador."),
    ("it", "Notizie\nCile e Perù hanno firmato un piano bilaterale di cooperazione militare.\n"
           "Lo stesso giorno è stato firmato un piano trilaterale di cooperazione militare tra "
           "Cile, Perù ed Ecuador."),
]


@pytest.mark.parametrize(("lang", "text"), ARITY)
def test_a_bilateral_and_a_trilateral_plan_stay_two_records(lang, text):
    assert sorted(r.parties for r in news(text, lang)) == [("CHL", "ECU", "PER"),
                                                          ("CHL", "PER")]


def test_a_signing_that_we_will_be_able_to_make_is_announced():
    text = ("Новости\nРоссия и Лаос, думаю, в ближайшее время сможем подписать соглашение о "
            "военном сотрудничестве, сказал министр.")
    assert [r.action for r in news(text, "ru")] == ["announced"]


SIGNERS_BY_ROLE = [
    ("en", "Defence news\nChile's defence minister Ana Rojas met her Peruvian counterpart Luis "
           "Prado in Lima.\nThe two ministers signed a defence cooperation agreement.",
     {"Ana Rojas", "Luis Prado"}),
    ("it", "Notizie\nIl ministro della Difesa cileno Ana Rojas ha incontrato il ministro della "
           "Difesa peruviano Luis Prado.\nI due ministri hanno firmato un accordo di "
           "cooperazione militare.", {"Ana Rojas", "Luis Prado"}),
]


@pytest.mark.parametrize(("lang", "text", "names"), SIGNERS_BY_ROLE)
def test_signers_named_by_role_are_the_people_named_just_before(lang, text, names):
    [record] = news(text, lang)
    assert set(record.signatories) == names


def test_people_present_at_a_signing_are_not_its_signatories():
    text = ("Defence news\nDefence minister Ana Rojas of Chile signed a defence cooperation "
            "agreement with Peru in the presence of President Luis Prado.")
    [record] = news(text, "en")
    assert record.signatories == ("Ana Rojas",)


def test_ranks_and_honorifics_are_stripped_from_names():
    text = ("Actualités\nL'accord de coopération militaire entre le Pérou et le Chili a été "
            "signé par le ministre de la Défense, Son Excellence Luis Prado.")
    [record] = news(text, "fr")
    assert record.signatories == ("Luis Prado",)


def test_a_later_bare_mention_that_says_what_the_agreement_does_gives_its_kind():
    text = ("Defence news\nChile and Peru signed a defence cooperation agreement on Monday.\n"
            "The agreement, on the status of visiting forces, was signed by both ministers.")
    [record] = news(text, "en")
    assert record.kind == "status_of_forces"
    assert "kind: kind-told-later" in record.rules


SAID_NEXT = [
    ("en", "Defence news\nChile and Peru signed a defence pact on Monday.\nThe agreement lets "
           "each army station troops on the other's bases.", "basing_access"),
    ("it", "Notizie\nCile e Perù hanno firmato ieri un patto di difesa.\nL'accordo regola lo "
           "status delle forze armate in visita.", "status_of_forces"),
    ("fr", "Actualités\nLe Pérou et le Chili ont signé hier un pacte de défense.\nL'accord "
           "règle le statut des militaires de chaque pays.", "status_of_forces"),
]


@pytest.mark.parametrize(("lang", "text", "kind"), SAID_NEXT)
def test_the_next_sentence_that_opens_with_the_agreement_says_what_it_does(lang, text, kind):
    [record] = news(text, lang)
    assert record.kind == kind


def test_a_second_partner_with_its_own_treaty_formula_is_a_second_agreement():
    text = ("Notizie\nIl Senato ha approvato i disegni di legge di ratifica degli accordi di "
            "cooperazione nel settore della difesa tra l'Italia e il Cile, fatto a Roma il 3 "
            "maggio 2019, e con il Perù, fatto a Lima il 5 giugno 2019.")
    found = {r.parties: (r.date_signed, r.place)
             for r in extract(Article(id="s", text=text, title="Notizie", lang="it",
                                      published=DAY))}
    assert found == {("CHL", "ITA"): ("2019-05-03", "Rome"),
                     ("ITA", "PER"): ("2019-06-05", "Lima")}


ACCESSIONS = [
    ("en", "Defence news\nThe parliament of Portugal approved Iceland's accession to NATO on "
           "Monday.", ("ISL", "PRT")),
    ("it", "Notizie\nIl parlamento del Portogallo ha approvato lunedì l'adesione dell'Islanda "
           "alla Nato.", ("ISL", "PRT")),
    ("de", "Nachrichten\nDas Parlament Portugals hat dem Beitritt Islands zur Nato am Montag "
           "zugestimmt.", ("ISL", "PRT")),
    ("fr", "Actualités\nLe parlement du Portugal a approuvé lundi l'adhésion de l'Islande à "
           "l'OTAN.", ("ISL", "PRT")),
    ("es", "Noticias\nEl parlamento de Portugal aprobó el lunes la adhesión de Islandia a la "
           "OTAN.", ("ISL", "PRT")),
]


@pytest.mark.parametrize(("lang", "text", "parties"), ACCESSIONS)
def test_approving_an_accession_to_an_alliance_ratifies_an_alliance_treaty(lang, text,
                                                                           parties):
    [record] = news(text, lang)
    assert (record.parties, record.organization) == (parties, "NATO")
    assert (record.kind, record.action) == ("alliance_treaty", "ratified")
    assert "action: approving-an-accession" in record.rules
    assert "organization: accession-to-an-alliance" in record.rules


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Economy news\nThe parliament of Portugal approved Iceland's accession to the EU."),
    ("de", "Wirtschaft\nDas Parlament Portugals hat dem EU-Beitritt Islands zugestimmt."),
])
def test_joining_a_union_that_is_no_alliance_is_no_agreement(lang, text):
    assert news(text, lang) == []


def test_an_accession_that_must_still_be_approved_is_not_ratified():
    text = ("Defence news\nIceland signed the accession protocol with NATO in Brussels. "
            "Iceland's NATO accession must be approved by every member state.")
    assert all(r.action != "ratified" for r in news(text, "en"))


DATELINED = [
    ("en", "Defence news\nLIMA, 13 March (Agency) -- Chile and Peru signed a defence "
           "cooperation agreement today, the ministry said."),
    ("it", "Notizie\nLIMA, 13 marzo (Agenzia) - Cile e Perù hanno firmato oggi un accordo di "
           "cooperazione militare."),
    ("es", "Noticias\nLIMA, 13 mar (Agencia) -- Perú y Chile firmaron hoy un acuerdo de "
           "cooperación militar."),
    ("fr", "Actualités\nLIMA, 13 mars (Agence) - Le Pérou et le Chili ont signé aujourd'hui "
           "un accord de coopération militaire."),
]


@pytest.mark.parametrize(("lang", "text"), DATELINED)
def test_today_in_a_datelined_report_is_the_datelines_day(lang, text):
    # published on 14 March (DAY), filed on the 13th: "today" is the 13th
    [record] = news(text, lang)
    assert record.date_signed == "2023-03-13"
    assert record.place == "Lima"
    assert "date_signed: dateline-is-today" in record.rules


def test_a_time_stamp_line_may_stand_above_the_dateline():
    text = ("Defence news\nUpdated 2023-03-14 08:42 | wire\n"
            "LIMA, 13 March (Agency) -- Chile and Peru signed a defence cooperation agreement "
            "today.")
    [record] = news(text, "en")
    assert (record.date_signed, record.place) == ("2023-03-13", "Lima")


def test_a_dateline_far_from_the_publication_day_is_not_today():
    text = ("Defence news\nLIMA, 2 March (Agency) -- Chile and Peru signed a defence "
            "cooperation agreement today.")
    [record] = news(text, "en")
    assert record.date_signed == "2023-03-14"


BROKEN_LINES = [
    ("en", "Defence news\nThe two navies held talks.\nLet us recall: on 10 March 2023\nin Lima "
           "Chile and Peru signed a defence cooperation agreement.", "2023-03-10"),
    ("ru", "Новости\nФлоты провели переговоры.\nНапомним, 10 марта 2023 года\nв Лиме Россия и "
           "Перу подписали соглашение о военном сотрудничестве.", "2023-03-10"),
    ("it", "Notizie\nLe marine hanno tenuto colloqui.\nRicordiamo che il 10 marzo 2023\na Lima "
           "Cile e Perù hanno firmato un accordo di cooperazione militare.", "2023-03-10"),
]


@pytest.mark.parametrize(("lang", "text", "date"), BROKEN_LINES)
def test_a_sentence_broken_over_two_lines_keeps_its_date(lang, text, date):
    [record] = news(text, lang)
    assert record.date_signed == date


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Defence news\nThe two navies held talks. Recall, 10 March 2023 was when Chile and "
           "Peru signed a defence cooperation agreement."),
    ("ru", "Новости\nФлоты провели переговоры. Напомним, 10 марта 2023 года Россия и Перу "
           "подписали соглашение о военном сотрудничестве."),
])
def test_a_sentence_opener_before_a_date_is_no_dateline(lang, text):
    [record] = news(text, lang)
    assert record.date_signed == "2023-03-10"


def test_a_capitalised_place_before_a_date_is_a_dateline():
    text = ("Defence news\nThe two navies held talks. LIMA, 13 March - Chile and Peru signed "
            "a defence cooperation agreement.")
    [record] = news(text, "en")
    assert record.date_signed != "2023-03-13"


SIGNED_NEXT = [
    ("en", "Defence news\nThe Treaty on Enhanced Defence Cooperation between Chile and Peru "
           "entered into force. It was signed by the two presidents on 2 February 2023 in Lima."),
    ("pl", "Wiadomości\nTraktat o wzmocnionej współpracy obronnej między Chile a Peru wszedł w "
           "życie. Został podpisany 2 lutego 2023 r."),
    ("it", "Notizie\nÈ entrato in vigore il trattato di cooperazione rafforzata nella difesa tra "
           "Cile e Perù. È stato firmato il 2 febbraio 2023."),
    ("ru", "Новости\nВступил в силу договор об укреплении оборонного сотрудничества между Чили "
           "и Перу. Он был подписан 2 февраля 2023 года."),
]


@pytest.mark.parametrize(("lang", "text"), SIGNED_NEXT)
def test_it_was_signed_dates_the_agreement_named_just_before(lang, text):
    [record] = news(text, lang)
    assert (record.action, record.date_signed) == ("entered_into_force", "2023-02-02")
    assert "action: signed-in-next-sentence" in record.rules


def test_a_signing_next_to_two_agreements_is_left_open():
    text = ("Defence news\nThe defence cooperation agreement and the military training plan "
            "between Chile and Peru entered into force. It was signed on 2 February 2023.")
    assert all(r.date_signed != "2023-02-02" for r in news(text, "en"))


@pytest.mark.parametrize(("lang", "text", "signers"), [
    ("en", "Defence news\nChile's defence minister Ana Soto signed a defence cooperation "
           "agreement with Peru after a meeting with Peru's president Luis Prado.",
     ["Ana Soto"]),
    ("it", "Notizie\nIl ministro cileno Ana Soto ha incontrato il presidente peruviano Luis "
           "Prado e ha firmato un accordo di cooperazione militare con l'omologo peruviano "
           "Marco Ruiz.", ["Ana Soto", "Marco Ruiz"]),
])
def test_people_met_are_no_signers(lang, text, signers):
    [record] = news(text, lang)
    assert sorted(record.signatories) == signers


def test_the_city_of_a_ratification_vote_is_not_the_place():
    text = ("Defence news\nThe parliament in Lima ratified the defence cooperation agreement "
            "between Chile and Peru on Monday.")
    [record] = news(text, "en")
    assert (record.action, record.place) == ("ratified", None)


INSERTIONS = [
    ("en", "Defence news\nChile and Peru signed a defence accord. The accord, signed in Lima "
           "on Monday, covers the transfer of military equipment and technology."),
    ("it", "Notizie\nCile e Perù hanno firmato un'intesa. L'intesa, siglata a Lima lunedì, "
           "riguarda la fornitura di tecnologie e mezzi militari."),
    ("fr", "Actualités\nLe Chili et le Pérou ont signé un accord. L'accord, signé à Lima lundi, "
           "porte sur le transfert d'équipements et de technologies militaires."),
]


@pytest.mark.parametrize(("lang", "text"), INSERTIONS)
def test_an_insertion_between_commas_does_not_hide_what_the_agreement_does(lang, text):
    [record] = news(text, lang)
    assert record.kind == "military_technical_cooperation"


@pytest.mark.parametrize(("lang", "text", "parties"), [
    ("it", "Notizie\nIl presidente del Consiglio Marta Bianchi e il presidente cileno Luis "
           "Prado hanno firmato a Santiago un accordo di cooperazione nella difesa.",
     ("CHL", "ITA")),
    ("es", "Noticias\nEl presidente del Gobierno Pablo Ruiz y el presidente peruano Luis Prado "
           "firmaron en Lima un acuerdo de cooperación en defensa.", ("ESP", "PER")),
])
def test_a_national_office_names_its_state(lang, text, parties):
    [record] = news(text, lang)
    assert record.parties == parties


def test_a_dateline_after_an_agency_is_no_signing_date():
    text = ("Notizie\nSi firma a Lima.\n(Agenzia Stampa Uno) - Torino, 13 mar - Cile e Perù "
            "hanno firmato un accordo di cooperazione militare.")
    [record] = news(text, "it")
    assert record.date_signed != "2023-03-13"


ELIDED = [
    ("en", "Defence news\nChile and Peru signed several agreements, including on military "
           "training and on cyber defence.", ["on military training", "on cyber defence"]),
    ("ru", "Новости\nРоссия и Лаос подписали несколько соглашений, в том числе о военном "
           "образовании и о подготовке кадров.", ["о военном образовании",
                                                  "о подготовке кадров"]),
    ("it", "Notizie\nCile e Perù hanno firmato diversi accordi, tra cui sull'addestramento "
           "militare e sulla difesa cibernetica.", ["sull'addestramento militare",
                                                     "sulla difesa cibernetica"]),
    ("fr", "Actualités\nLe Chili et le Pérou ont signé plusieurs accords, notamment sur la "
           "formation militaire et sur la cyberdéfense.", ["sur la formation militaire",
                                                          "sur la cyberdéfense"]),
    ("es", "Noticias\nChile y Perú firmaron varios acuerdos, entre ellos sobre formación "
           "militar y sobre ciberdefensa.", ["sobre formación militar", "sobre ciberdefensa"]),
]


@pytest.mark.parametrize(("lang", "text", "titles"), ELIDED)
def test_agreements_elided_after_a_plural_are_each_a_record(lang, text, titles):
    found = news(text, lang)
    assert sorted(r.title_span for r in found) == sorted(titles)
    assert all("action: elided-after-plural" in r.rules for r in found)


def test_what_a_single_agreement_includes_is_no_agreement_of_its_own():
    text = ("Defence news\nChile and Peru signed a defence cooperation agreement, including on "
            "military training.")
    assert [r.title_span for r in news(text, "en")] == ["defence cooperation agreement"]
