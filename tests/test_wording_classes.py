"""Rules for classes of wording found on unseen news (issue 10): a headline printed twice, a
full stop whose space was lost, a kind that is defence by itself, what an agreement does said
two sentences on, a vague "pact" that is the typed agreement named elsewhere, negation words
that negate nothing, purpose clauses, and decided renewals and terminations. Every example
was written here."""

from __future__ import annotations

import pytest
from examples import extracted
from examples import news as records

from accords.annotate import annotate
from accords.extract import extract
from accords.read.articles import Article
from accords.read.layout import analyse, split_sentences


def actions(text: str, lang: str):
    return [s for s in annotate(Article(id="w", text=text, lang=lang)) if s.label == "ACTION"]


# ---------------------------------------------------------------- the headline printed twice

TWICE = [
    ("en", "Chile and Peru sign defence pact\nChile and Peru sign defence pact\n"
           "Chile and Peru will sign a defence cooperation agreement on Friday."),
    ("de", "Chile und Peru unterzeichnen Verteidigungsabkommen\n"
           "Chile und Peru unterzeichnen Verteidigungsabkommen\n"
           "Chile und Peru werden am Freitag ein Verteidigungsabkommen unterzeichnen."),
    ("it", "Cile e Perù firmano un patto di difesa\nCile e Perù firmano un patto di difesa\n"
           "Cile e Perù firmeranno venerdì un accordo di cooperazione militare."),
]


@pytest.mark.parametrize(("lang", "text"), TWICE, ids=[t[0] for t in TWICE])
def test_a_headline_printed_again_is_not_a_body_sentence_and_the_body_tense_decides(lang, text):
    layout = analyse(Article(id="w", text=text, title=text.split("\n", 1)[0], lang=lang))
    assert [b.kind for b in layout.boilerplate] == ["repeat"]
    assert len(layout.sentences) == 2
    [record] = records(text, lang)
    assert record.action == "announced"


def test_a_line_that_only_resembles_the_headline_stays_body():
    text = "Chile and Peru sign pact\nChile and Peru sign pact on Friday, officials say."
    layout = analyse(Article(id="w", text=text, title="Chile and Peru sign pact"))
    assert layout.boilerplate == ()
    assert len(layout.sentences) == 2


# ---------------------------------------------------------------- a full stop, space lost

def test_a_full_stop_glued_to_the_next_sentence_ends_the_sentence():
    text = "The ministry reported it today.The accord was signed in Lima."
    assert split_sentences(text, 0, len(text)) == [(0, 31), (31, 61)]


@pytest.mark.parametrize("text", ["The U.S.Navy sails.", "Read it on example.com today.",
                                  "It costs 2.5 million.", "Dr.Ruiz signed."])
def test_abbreviations_numbers_and_domains_keep_their_full_stops(text):
    assert split_sentences(text, 0, len(text)) == [(0, len(text))]


def test_the_day_of_a_report_glued_to_the_signing_is_not_its_date():
    text = ("Defence news\nChile and Peru signed a defence cooperation agreement, the ministry "
            "said today.The document was signed by the two ministers.")
    [record] = records(text, "en")
    assert record.date_signed is None or record.date_evidence != "today"


# ---------------------------------------------------------------- kinds

SOFA = [
    ("en", "Pacific news\nManila and Canberra signed a Status of Forces Agreement on Monday.\n"
           "The two governments also agreed on tourism.", "AUS", "PHL"),
    ("it", "Notizie\nCile e Perù hanno firmato lunedì l'accordo sullo status delle forze.\n"
           "I due governi hanno parlato anche di turismo.", "CHL", "PER"),
]


@pytest.mark.parametrize(("lang", "text", "a", "b"), SOFA, ids=[t[0] for t in SOFA])
def test_a_status_of_forces_agreement_is_defence_without_another_defence_word(lang, text, a, b):
    [record] = records(text, lang)
    assert record.kind == "status_of_forces"


SAID_LATER = [
    ("en", "Defence news\nChile and Peru signed a defence pact on Monday.\n"
           "This is a reply to the tension in the region.\n"
           "The pact provides for mutual defence against any attack."),
    ("de", "Nachrichten\nChile und Peru haben am Montag ein Verteidigungsabkommen "
           "unterzeichnet.\nDies ist eine Antwort auf die Spannungen in der Region.\n"
           "Das Abkommen sieht gegenseitige Hilfe bei einem Angriff vor."),
    ("it", "Notizie\nCile e Perù hanno firmato lunedì un accordo di difesa.\n"
           "È una risposta alle tensioni nella regione.\n"
           "L'accordo prevede la difesa reciproca in caso di attacco."),
]


@pytest.mark.parametrize(("lang", "text"), SAID_LATER, ids=[t[0] for t in SAID_LATER])
def test_what_the_agreement_does_said_two_sentences_on_gives_its_kind(lang, text):
    [record] = records(text, lang)
    assert record.kind == "alliance_treaty"
    assert "kind: kind-said-next" in record.rules


def test_what_an_agreement_does_after_a_sentence_naming_another_is_not_its_kind():
    text = ("Defence news\nChile and Peru signed a defence pact on Monday.\n"
            "Bolivia recalled its own treaty with Peru.\n"
            "The pact provides for mutual defence against any attack.")
    [record] = records(text, "en")
    assert record.kind == "defense_cooperation_agreement"


VAGUE = [
    ("en", "Pacific news\nThe Philippines will sign a defence pact with Australia next week.\n"
           "In Canberra the president is to sign the Status of Forces Agreement with "
           "Australia.", ("AUS", "PHL")),
    ("it", "Notizie\nIl Cile firmerà la prossima settimana un patto di difesa con il Perù.\n"
           "Il presidente volerà a Lima per la firma dell'accordo sullo status delle forze "
           "tra Cile e Perù.", ("CHL", "PER")),
]


@pytest.mark.parametrize(("lang", "text", "parties"), VAGUE, ids=[t[0] for t in VAGUE])
def test_a_vague_pact_is_the_typed_agreement_of_the_same_parties(lang, text, parties):
    [record] = records(text, lang)
    assert (record.parties, record.kind, record.action) == (parties, "status_of_forces",
                                                             "announced")
    assert "kind: vague-head-kind" in record.rules


def test_two_typed_agreements_of_the_same_parties_stay_two():
    text = ("Pacific news\nManila and Canberra signed a Status of Forces Agreement on Monday.\n"
            "Manila and Canberra also signed a military basing agreement on Monday.")
    assert sorted(r.kind for r in records(text, "en")) == ["basing_access",
                                                           "status_of_forces"]


# ---------------------------------------------------------------- negation that negates nothing

NOT_ONLY = [
    ("en", "Chile has not only signed the defence agreement with Peru but ratified it."),
    ("it", "Non appena avremo firmato il protocollo, inizieremo i lavori."),
    ("de", "Chile hat das Abkommen nicht nur unterzeichnet, sondern auch ratifiziert."),
    ("fr", "Le Chili a non seulement signé l'accord, il l'a aussi ratifié."),
    ("es", "Chile no solo firmó el acuerdo, también lo ratificó."),
    ("ru", "Чили не только подписали соглашение, но и ратифицировали его."),
    ("pt", "O Chile não só assinou o acordo como o ratificou."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_ONLY, ids=[t[0] for t in NOT_ONLY])
def test_not_only_and_as_soon_as_negate_no_action(lang, text):
    found = actions(text, lang)
    assert found and not any(a.attrs["negated"] for a in found)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Chile has not signed the agreement."), ("it", "Il Cile non ha firmato l'accordo."),
    ("de", "Chile hat das Abkommen nicht unterzeichnet."),
    ("ru", "Чили не подписали соглашение.")])
def test_a_plain_negation_still_negates(lang, text):
    [action] = actions(text, lang)
    assert action.attrs["negated"]


# ---------------------------------------------------------------- purpose and decision

PURPOSE = [
    ("en", "Defence news\nChile and Peru signed a defence cooperation agreement in 2023, "
           "which is aimed at ending the military accord of 1990."),
    ("fr", "Actualités\nLe Chili et le Pérou ont signé en 2023 un traité de défense qui vise "
           "à mettre fin à l'accord militaire de 1990."),
    ("it", "Notizie\nCile e Perù hanno firmato nel 2023 un accordo di difesa volto a porre "
           "fine all'accordo militare del 1990."),
    ("es", "Noticias\nChile y Perú firmaron en 2023 un acuerdo de defensa con el fin de "
           "terminar el acuerdo militar de 1990."),
]


@pytest.mark.parametrize(("lang", "text"), PURPOSE, ids=[t[0] for t in PURPOSE])
def test_what_an_agreement_aims_to_do_is_not_done(lang, text):
    found = records(text, lang)
    assert found and all(r.action != "terminated" for r in found)


DECIDED = [
    ("en", "Defence news\nOn Tuesday Niger decided to cancel the military cooperation "
           "agreement with the United States.", "terminated"),
    ("it", "Notizie\nMartedì il Cile ha deciso di rinnovare l'accordo di cooperazione militare "
           "con il Perù.", "renewed"),
    ("fr", "Actualités\nMardi, le Mali a décidé de dénoncer l'accord de défense avec la "
           "France.", "terminated"),
    ("de", "Nachrichten\nAm Dienstag hat Mali beschlossen, das Verteidigungsabkommen mit "
           "Frankreich zu kündigen.", "terminated"),
    ("es", "Noticias\nEl martes Chile decidió prorrogar el acuerdo de cooperación militar con "
           "Perú.", "renewed"),
    ("ru", "Новости\nВо вторник Мали решило расторгнуть соглашение о военном сотрудничестве "
           "с Францией.", "terminated"),
]


@pytest.mark.parametrize(("lang", "text", "action"), DECIDED, ids=[t[0] for t in DECIDED])
def test_a_renewal_or_termination_reported_as_decided_is_taken(lang, text, action):
    [record] = records(text, lang)
    assert record.action == action
    assert "action: decided-step" in record.rules


def test_a_decided_signing_is_still_only_announced():
    text = ("Defence news\nOn Tuesday Chile and Peru decided to sign a defence cooperation "
            "agreement.")
    [record] = records(text, "en")
    assert record.action == "announced"


def test_a_full_stop_glued_after_a_name_ends_the_sentence():
    text = "L'accordo è stato firmato da Mario Rossi.La cerimonia si è svolta a Lima."
    assert split_sentences(text, 0, len(text), "it") == [(0, 41), (41, 73)]


# ---------------------------------------------------------------- a hyphenated head

HYPHENATED = [
    ("pt", "Notícias\nPortugal e Angola assinaram um acordo-quadro de cooperação militar.",
     "acordo-quadro de cooperação militar"),
    ("fr", "Actualités\nLa France et le Mali ont signé un accord-cadre de défense.",
     "accord-cadre de défense"),
    ("it", "Notizie\nItalia e Perù hanno firmato un accordo-quadro di cooperazione militare.",
     "accordo-quadro di cooperazione militare"),
]


@pytest.mark.parametrize(("lang", "text", "title"), HYPHENATED, ids=[t[0] for t in HYPHENATED])
def test_a_hyphenated_head_keeps_its_second_part_and_complement(lang, text, title):
    [record] = records(text, lang)
    assert record.title_span == title


# ---------------------------------------------------------------- a quoted title

QUOTED = [
    ("en", "Defence news\nChile and Peru signed the treaty “on friendship and mutual defence” "
           "on Monday.", "treaty “on friendship and mutual defence”"),
    ("ru", "Новости\nЧили и Перу подписали договор «О дружбе и взаимной обороне» в понедельник.",
     "договор «О дружбе и взаимной обороне»"),
    ("pl", "Wiadomości\nChile i Peru podpisały w poniedziałek „Traktat o przyjaźni i wzajemnej "
           "obronie między Chile a Peru”.", "Traktat o przyjaźni i wzajemnej obronie między "
                                             "Chile a Peru"),
    ("de", "Nachrichten\nChile und Peru haben am Montag den „Vertrag über Freundschaft und "
           "gegenseitige Verteidigung“ unterzeichnet.",
     "Vertrag über Freundschaft und gegenseitige Verteidigung"),
]


@pytest.mark.parametrize(("lang", "text", "title"), QUOTED, ids=[t[0] for t in QUOTED])
def test_a_quoted_title_is_read_to_its_closing_quote(lang, text, title):
    [record] = records(text, lang)
    assert record.title_span == title
    assert record.kind == "alliance_treaty"


def test_a_quoted_comment_after_the_agreement_is_no_title():
    text = ("Defence news\nChile and Peru signed a defence cooperation agreement on Monday.\n"
            "The minister said the agreement “will be fully transparent”.")
    [record] = records(text, "en")
    assert "transparent" not in record.title_span


GUARANTEES = [
    ("en", "Defence news\nChile and Peru signed a treaty that gives mutual security guarantees."),
    ("it", "Notizie\nCile e Perù hanno firmato un trattato che prevede garanzie reciproche di "
           "sicurezza."),
    ("de", "Nachrichten\nChile und Peru unterzeichneten einen Vertrag über gegenseitige "
           "Sicherheitsgarantien."),
    ("fr", "Actualités\nLe Chili et le Pérou ont signé un traité de garanties mutuelles de "
           "sécurité."),
    ("es", "Noticias\nChile y Perú firmaron un tratado de garantías mutuas de seguridad."),
    ("ru", "Новости\nЧили и Перу подписали договор о взаимных гарантиях безопасности."),
]


@pytest.mark.parametrize(("lang", "text"), GUARANTEES, ids=[t[0] for t in GUARANTEES])
def test_mutual_security_guarantees_make_an_alliance_treaty(lang, text):
    [record] = records(text, lang)
    assert record.kind == "alliance_treaty"


def test_what_the_treaty_does_said_next_after_a_participle_gives_its_kind():
    text = ("Wiadomości\nChile i Peru podpisały w poniedziałek traktat o współpracy.\n"
            "Traktat uznawany jest za ważny ze względu na wzajemne gwarancje bezpieczeństwa.")
    [record] = records(text, "pl")
    assert record.kind == "alliance_treaty"
    assert "kind: kind-said-next" in record.rules


# ---------------------------------------------------------------- an agreement in principle

IN_PRINCIPLE = [
    ("en", "Defence news\nChile and Peru reached an agreement in principle on a defence "
           "cooperation treaty."),
    ("it", "Notizie\nCile e Perù hanno raggiunto un accordo di principio sulla cooperazione "
           "militare."),
    ("es", "Noticias\nChile y Perú alcanzaron un principio de acuerdo de cooperación militar."),
    ("fr", "Actualités\nLe Chili et le Pérou ont conclu un accord de principe sur la "
           "coopération militaire."),
    ("de", "Nachrichten\nChile und Peru erzielten eine Grundsatzeinigung über ein "
           "Verteidigungsabkommen."),
    ("pt", "Notícias\nO Chile e o Peru alcançaram um acordo de princípio de cooperação "
           "militar."),
    ("ru", "Новости\nЧили и Перу достигли принципиальной договорённости о соглашении о военном "
           "сотрудничестве."),
]


@pytest.mark.parametrize(("lang", "text"), IN_PRINCIPLE, ids=[t[0] for t in IN_PRINCIPLE])
def test_an_agreement_in_principle_is_only_announced(lang, text):
    [record] = records(text, lang)
    assert record.action == "announced"
    assert record.date_signed is None


# ---------------------------------------------------------------- a relative year

LAST_YEAR = [
    ("en", "Defence news\nChile and Peru signed a defence cooperation agreement last year."),
    ("it", "Notizie\nCile e Perù hanno firmato l'anno scorso un accordo di cooperazione "
           "militare."),
    ("de", "Nachrichten\nChile und Peru haben letztes Jahr ein Verteidigungsabkommen "
           "unterzeichnet."),
    ("fr", "Actualités\nLe Chili et le Pérou ont signé l'an dernier un accord de coopération "
           "militaire."),
    ("es", "Noticias\nChile y Perú firmaron el año pasado un acuerdo de cooperación militar."),
    ("ru", "Новости\nЧили и Перу подписали в прошлом году соглашение о военном "
           "сотрудничестве."),
]


@pytest.mark.parametrize(("lang", "text"), LAST_YEAR, ids=[t[0] for t in LAST_YEAR])
def test_last_year_resolves_against_the_article_year(lang, text):
    [record] = extracted(text, lang)
    assert record.date_signed == "2022"


def test_a_relative_year_without_an_article_date_keeps_its_words_but_no_year():
    text = "Defence news\nChile and Peru signed a defence cooperation agreement this year."
    [record] = extract(Article(id="w", text=text, title="Defence news", lang="en"))
    assert (record.date_signed, record.date_evidence) == (None, "this year")


# ---------------------------------------------------------------- an agreement that renews

RENEWS_SOMETHING = [
    ("en", "Defence news\nChile and Peru signed a defence cooperation agreement, which extends "
           "the joint exercises of their navies."),
    ("it", "Notizie\nCile e Perù hanno firmato un accordo di cooperazione militare, che rinnova "
           "le esercitazioni congiunte."),
    ("fr", "Actualités\nLe Chili et le Pérou ont signé un accord de coopération militaire, qui "
           "renouvelle les exercices communs."),
    ("es", "Noticias\nChile y Perú firmaron un acuerdo de cooperación militar, que renueva los "
           "ejercicios conjuntos."),
    ("pt", "Notícias\nO Chile e o Peru assinaram um acordo de cooperação militar, que renova "
           "os exercícios conjuntos."),
]


@pytest.mark.parametrize(("lang", "text"), RENEWS_SOMETHING,
                         ids=[t[0] for t in RENEWS_SOMETHING])
def test_an_agreement_that_renews_something_else_is_signed_not_renewed(lang, text):
    [record] = records(text, lang)
    assert record.action == "signed"


def test_an_agreement_that_was_renewed_is_renewed():
    text = ("Defence news\nChile and Peru signed in 2019 a defence cooperation agreement, "
            "which was extended on Monday.")
    assert [r.action for r in records(text, "en")] == ["renewed"]


# ---------------------------------------------------------------- a programme for a period

PROGRAMMES = [
    ("en", "Defence news\nChile and Peru signed a defence framework programme until 2026."),
    ("it", "Notizie\nCile e Perù hanno firmato un programma quadro per la difesa fino al "
           "2026."),
    ("fr", "Actualités\nLe Chili et le Pérou ont signé un programme-cadre de défense jusqu'en "
           "2026."),
    ("es", "Noticias\nChile y Perú firmaron un programa marco de defensa hasta 2026."),
    ("pt", "Notícias\nO Chile e o Peru assinaram um programa-quadro na defesa até 2026."),
    ("ru", "Новости\nЧили и Перу подписали программу военного сотрудничества до 2026 года."),
]


@pytest.mark.parametrize(("lang", "text"), PROGRAMMES, ids=[t[0] for t in PROGRAMMES])
def test_a_programme_for_a_stated_period_is_a_cooperation_plan(lang, text):
    found = extracted(text, lang)
    assert [r.kind for r in found] == ["cooperation_plan"]


def test_a_programme_without_a_period_keeps_its_kind():
    text = "Defence news\nChile and Peru signed a military training programme on Monday."
    assert [r.kind for r in records(text, "en")] != ["cooperation_plan"]


FRAMEWORK = [
    ("it", "Notizie\nItalia e Perù hanno firmato un accordo quadro di cooperazione militare.",
     "accordo quadro di cooperazione militare"),
    ("es", "Noticias\nChile y Perú firmaron un acuerdo marco de cooperación militar.",
     "acuerdo marco de cooperación militar"),
    ("fr", "Actualités\nLa France et le Mali ont signé un accord cadre de défense.",
     "accord cadre de défense"),
]


@pytest.mark.parametrize(("lang", "text", "title"), FRAMEWORK, ids=[t[0] for t in FRAMEWORK])
def test_framework_after_the_head_belongs_to_the_title(lang, text, title):
    [record] = records(text, lang)
    assert record.title_span == title


# ---------------------------------------------------------------- one facing many

FACING_MANY = [
    ("en", "Defence news\nChile signed defence cooperation agreements with Peru and Ecuador on "
           "Monday."),
    ("it", "Notizie\nIl Cile ha firmato lunedì accordi di cooperazione militare con il Perù e "
           "l'Ecuador."),
    ("es", "Noticias\nChile firmó el lunes acuerdos de cooperación militar con Perú y "
           "Ecuador."),
    ("fr", "Actualités\nLe Chili a signé lundi des accords de coopération militaire avec le "
           "Pérou et l'Équateur."),
    ("pt", "Notícias\nO Chile assinou na segunda-feira acordos de cooperação militar com o Peru "
           "e o Equador."),
]  # Russian and German plurals look like singular cases: no plural head to tell them


@pytest.mark.parametrize(("lang", "text"), FACING_MANY, ids=[t[0] for t in FACING_MANY])
def test_plural_agreements_with_a_list_of_partners_are_one_per_partner(lang, text):
    found = records(text, lang)
    assert sorted(r.parties for r in found) == [("CHL", "ECU"), ("CHL", "PER")]
    assert all("parties: one-facing-many" in r.rules for r in found)


def test_a_single_agreement_with_two_partners_stays_one():
    text = ("Defence news\nChile signed a trilateral defence cooperation agreement with Peru "
            "and Ecuador on Monday.")
    assert [r.parties for r in records(text, "en")] == [("CHL", "ECU", "PER")]


@pytest.mark.parametrize(("lang", "text", "action"), [
    ("en", "Defence news\nChile and Peru agreed on Monday to extend their defence cooperation "
           "agreement for five years.", "renewed"),
    ("it", "Notizie\nCile e Perù hanno deciso lunedì di rinnovare l'accordo di cooperazione "
           "militare.", "renewed"),
])
def test_a_decision_with_a_date_before_the_infinitive_is_still_taken(lang, text, action):
    [record] = records(text, lang)
    assert record.action == action


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "Noticias\nPerú y Francia firmaron el lunes un contrato para la compra de 12 aviones "
           "de combate."),
    ("pt", "Notícias\nO Peru e a França assinaram um contrato para a compra de 12 aviões de "
           "combate."),
])
def test_combat_aircraft_make_a_contract_a_defence_arms_transfer(lang, text):
    [record] = records(text, lang)
    assert record.kind == "arms_transfer"


# ---------------------------------------------------------------- a civil agreement

CIVIL = [
    ("en", "Defence news\nChile and Peru signed a trade agreement on Monday."),
    ("it", "Notizie della difesa\nCile e Perù hanno firmato lunedì un accordo commerciale."),
    ("de", "Verteidigung\nChile und Peru haben am Montag ein Handelsabkommen unterzeichnet."),
    ("fr", "Défense\nLe Chili et le Pérou ont signé lundi un accord de coopération culturelle."),
    ("es", "Defensa\nChile y Perú firmaron el lunes un acuerdo de cooperación energética."),
    ("ru", "Оборона\nЧили и Перу в понедельник подписали соглашение о торговом сотрудничестве."),
]


@pytest.mark.parametrize(("lang", "text"), CIVIL, ids=[t[0] for t in CIVIL])
def test_an_agreement_on_a_civil_subject_gets_no_record(lang, text):
    assert records(text, lang) == []


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Defence news\nChile and Peru signed an agreement on defence industry and trade."),
    ("de", "Verteidigung\nChile und Peru unterzeichneten ein Abkommen über den Rüstungshandel."),
])
def test_a_civil_word_beside_a_defence_word_keeps_the_record(lang, text):
    assert len(records(text, lang)) == 1


def test_capitals_before_the_object_in_a_verb_final_clause_are_the_parties():
    text = ("Nachrichten\nMoskau und Minsk haben am Montag ein Abkommen über militärtechnische "
            "Zusammenarbeit unterzeichnet.")
    [record] = records(text, "de")
    assert record.parties == ("BLR", "RUS")
    assert "parties: parties-from-capitals" in record.rules


def test_militaro_technique_is_military_technical_cooperation():
    text = ("Actualités\nMoscou et Minsk ont signé lundi un accord de coopération "
            "militaro-technique.")
    [record] = records(text, "fr")
    assert record.kind == "military_technical_cooperation"


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Defence news\nChile is considering signing a defence pact with Peru."),
    ("it", "Notizie\nIl Cile sta valutando di firmare un accordo di difesa con il Perù."),
    ("fr", "Actualités\nLe Chili envisage de signer un accord de défense avec le Pérou."),
    ("es", "Noticias\nChile estudia firmar un acuerdo de defensa con Perú."),
    ("de", "Nachrichten\nChile erwägt, ein Verteidigungsabkommen mit Peru zu unterzeichnen."),
    ("ru", "Новости\nЧили рассматривает возможность подписать соглашение об обороне с Перу."),
])
def test_a_signing_under_consideration_is_only_announced(lang, text):
    assert [r.action for r in records(text, lang)] in ([], ["announced"])


# ---------------------------------------------------------------- sealing a deal; leases

SEALED_LEASE = [
    ("en", "Defence news\nChile and Peru clinched a deal for the lease of 20 tanks on Monday."),
    ("es", "Noticias\nChile y Perú cerraron el lunes un acuerdo de arrendamiento de 20 tanques."),
    ("it", "Notizie\nCile e Perù hanno chiuso lunedì un accordo per il noleggio di 20 carri "
           "armati."),
    ("ca", "Notícies\nXile i el Perú van tancar dilluns un acord de lloguer de 20 carros de "
           "combat."),
    ("pt", "Notícias\nO Chile e o Peru fecharam um acordo de arrendamento de 20 tanques."),
    ("fr", "Actualités\nLe Chili et le Pérou ont scellé un accord de location de 20 chars."),
    ("de", "Nachrichten\nChile und Peru besiegelten ein Abkommen über das Leasing von 20 "
           "Panzern."),
]


@pytest.mark.parametrize(("lang", "text"), SEALED_LEASE, ids=[t[0] for t in SEALED_LEASE])
def test_a_sealed_deal_is_signed_and_a_lease_of_weapons_is_an_arms_transfer(lang, text):
    [record] = records(text, lang)
    assert (record.parties, record.kind, record.action) == (("CHL", "PER"), "arms_transfer",
                                                             "signed")


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Defence news\nChile and Peru signed a defence agreement, under which Peru extends "
           "the lease of two frigates."),
    ("ca", "Notícies\nXile i el Perú van signar un acord de defensa, pel qual el Perú prorroga "
           "la cessió de dues fragates."),
])
def test_what_an_agreement_provides_after_by_which_is_not_its_renewal(lang, text):
    [record] = records(text, lang)
    assert record.action == "signed"


# ---------------------------------------------------------------- a joint defence system

JOINT_SYSTEM = [
    ("en", "Defence news\nChile and Peru signed an agreement on a joint regional air defence "
           "system."),
    ("it", "Notizie\nCile e Perù hanno firmato un accordo sul sistema regionale di difesa aerea "
           "comune."),
    ("fr", "Actualités\nLe Chili et le Pérou ont signé un accord sur le système régional de "
           "défense aérienne commun."),
    ("de", "Nachrichten\nChile und Peru unterzeichneten ein Abkommen über ein gemeinsames "
           "regionales Luftverteidigungssystem."),
    ("es", "Noticias\nChile y Perú firmaron un acuerdo sobre el sistema regional de defensa "
           "aérea conjunto."),
    ("ru", "Новости\nЧили и Перу подписали соглашение о единой региональной системе ПВО."),
]


@pytest.mark.parametrize(("lang", "text"), JOINT_SYSTEM, ids=[t[0] for t in JOINT_SYSTEM])
def test_a_joint_defence_system_is_an_alliance_treaty(lang, text):
    [record] = records(text, lang)
    assert record.kind == "alliance_treaty"


@pytest.mark.parametrize(("text", "action"), [
    ("Новости\nЧили и Перу договорились подписать соглашение о военном сотрудничестве.",
     "announced"),
    ("Новости\nЧили и Перу договорились продлить соглашение о военном сотрудничестве.",
     "renewed"),
])
def test_agreeing_to_sign_is_announced_and_agreeing_to_extend_is_renewed(text, action):
    [record] = records(text, "ru")
    assert record.action == action


# ---------------------------------------------------------------- signatories

SIGNERS = [
    ("en", "Defence news\nThe defence ministers of Chile and Peru, Ana Ruiz and Luis Soto, "
           "signed a defence cooperation agreement."),
    ("en", "Defence news\nAna Ruiz and Luis Soto, the defence ministers of Chile and Peru, "
           "signed a defence cooperation agreement."),
    ("it", "Notizie\nL'accordo di cooperazione militare tra Cile e Perù è stato firmato dai "
           "ministri della Difesa Ana Ruiz e Luis Soto."),
    ("fr", "Actualités\nL'accord de coopération militaire entre le Chili et le Pérou a été "
           "signé par les ministres de la Défense Ana Ruiz et Luis Soto."),
    ("es", "Noticias\nEl acuerdo de cooperación militar entre Chile y Perú fue firmado por los "
           "ministros de Defensa Ana Ruiz y Luis Soto."),
    ("pt", "Notícias\nO acordo de cooperação militar entre o Chile e o Peru foi assinado pelos "
           "ministros da Defesa Ana Ruiz e Luis Soto."),
    ("en", "Defence news\nChile and Peru signed a defence cooperation agreement. The agreement "
           "was signed by Ana Ruiz and Luis Soto."),
    ("it", "Notizie\nCile e Perù hanno firmato un accordo di cooperazione militare, firmato da "
           "Ana Ruiz e Luis Soto."),
]


@pytest.mark.parametrize(("lang", "text"), SIGNERS, ids=[f"{t[0]}-{i}" for i, t in
                                                        enumerate(SIGNERS)])
def test_coordinated_and_passive_agent_names_are_all_signatories(lang, text):
    [record] = records(text, lang)
    assert record.signatories == ("Ana Ruiz", "Luis Soto")


def test_a_state_after_and_is_no_coordinated_name():
    text = ("Defence news\nDefence Minister Ana Ruiz and Peru signed a defence cooperation "
            "agreement with Chile.")
    assert [s.exact for s in annotate(Article(id="w", text=text, lang="en"))
            if s.label == "PERSON"] == ["Ana Ruiz"]


# ---------------------------------------------------------------- steps told by nouns

def test_a_later_step_told_only_in_the_headline_counts():
    text = ("Chile-Peru defence pact now in force\nThe defence cooperation agreement between "
            "Chile and Peru was signed in 2022.")
    [record] = extracted(text, "en")
    assert record.action == "entered_into_force"
    assert "action: step-in-headline" in record.rules


POSTPONED = [
    ("es", "Noticias\nLa firma del acuerdo de defensa entre Chile y Perú se ha aplazado hasta "
           "junio."),
    ("de", "Nachrichten\nDie Unterzeichnung des Verteidigungsabkommens zwischen Chile und Peru "
           "wurde auf Juni verschoben."),
    ("it", "Notizie\nLa firma dell'accordo di difesa tra Cile e Perù è stata rinviata a "
           "giugno."),
    ("en", "Defence news\nThe signing of the defence agreement between Chile and Peru has been "
           "postponed to June."),
]


@pytest.mark.parametrize(("lang", "text"), POSTPONED, ids=[t[0] for t in POSTPONED])
def test_a_postponed_signing_is_announced(lang, text):
    [record] = records(text, lang)
    assert record.action == "announced"


NEGOTIATED = [
    ("en", "Defence news\nThe Chilean government approved the start of negotiations on a "
           "defence cooperation agreement with Peru."),
    ("it", "Notizie\nIl governo cileno ha approvato l'avvio dei negoziati per un accordo di "
           "cooperazione militare con il Perù."),
    ("fr", "Actualités\nLe gouvernement chilien a approuvé l'ouverture de négociations sur un "
           "accord de coopération militaire avec le Pérou."),
    ("es", "Noticias\nEl Gobierno chileno aprobó el inicio de negociaciones sobre un acuerdo de "
           "cooperación militar con Perú."),
]


@pytest.mark.parametrize(("lang", "text"), NEGOTIATED, ids=[t[0] for t in NEGOTIATED])
def test_an_agreement_under_negotiation_is_announced(lang, text):
    [record] = records(text, lang)
    assert record.action == "announced"
    assert "action: negotiation-announced" in record.rules


def test_an_agreement_signed_after_negotiations_is_signed():
    text = ("Defence news\nAfter long negotiations on the text, Chile and Peru signed a defence "
            "cooperation agreement.")
    assert [r.action for r in records(text, "en")] == ["signed"]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Defence news\nChile has notified Peru of its withdrawal from their defence "
           "treaty."),
    ("fr", "Actualités\nLe Mali a notifié à la France son retrait de l'accord de défense."),
    ("de", "Nachrichten\nMali hat Frankreich die Kündigung des Verteidigungsabkommens "
           "mitgeteilt."),
])
def test_a_notice_of_withdrawal_given_is_a_termination(lang, text):
    [record] = records(text, lang)
    assert record.action == "terminated"


# ---------------------------------------------------------------- parties, more

@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Defence news\nChile and Peru signed a defence cooperation agreement on the sidelines "
           "of the summit in Madrid."),
    ("it", "Notizie\nCile e Perù hanno firmato un accordo di cooperazione militare a margine del "
           "vertice di Madrid."),
])
def test_the_capital_of_a_venue_is_no_party(lang, text):
    [record] = records(text, lang)
    assert record.parties == ("CHL", "PER")


SIMILAR = [
    ("it", "Notizie\nIl Cile ha firmato un accordo di cooperazione militare con il Perù. Il Cile "
           "ha firmato anche accordi analoghi con l'Ecuador e la Bolivia."),
    ("es", "Noticias\nChile firmó un acuerdo de cooperación militar con Perú. Chile firmó "
           "también acuerdos similares con Ecuador y Bolivia."),
    ("fr", "Actualités\nLe Chili a signé un accord de coopération militaire avec le Pérou. Le "
           "Chili a aussi signé des accords similaires avec l'Équateur et la Bolivie."),
]


@pytest.mark.parametrize(("lang", "text"), SIMILAR, ids=[t[0] for t in SIMILAR])
def test_similar_agreements_with_two_partners_are_two_bilaterals(lang, text):
    assert sorted(r.parties for r in records(text, lang)) == [
        ("BOL", "CHL"), ("CHL", "ECU"), ("CHL", "PER")]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Defence news\nSecretary of National Defense Luis Soto and Defence Minister Ana Ruiz "
           "signed a defence cooperation agreement between Chile and Peru."),
    ("es", "Noticias\nEl ministro de Defensa Nacional, Luis Soto, y su homóloga Ana Ruiz "
           "firmaron un acuerdo de cooperación militar entre Chile y Perú."),
    ("it", "Notizie\nIl ministro della Difesa nazionale Luis Soto e la ministra della Difesa "
           "Ana Ruiz hanno firmato un accordo di cooperazione militare tra Cile e Perù."),
])
def test_a_national_defence_portfolio_still_introduces_its_minister(lang, text):
    [record] = records(text, lang)
    assert sorted(record.signatories) == ["Ana Ruiz", "Luis Soto"]


MEETING_PLACE = [
    ("en", "Defence news\nThe talks were held in Lima.\nDuring the talks, Chile and Peru signed a "
           "defence cooperation agreement."),
    ("it", "Notizie\nL'incontro si è svolto a Lima.\nDurante l'incontro, Cile e Perù hanno "
           "firmato un accordo di cooperazione militare."),
    ("fr", "Actualités\nLa réunion s'est tenue à Lima.\nLors de la réunion, le Chili et le Pérou "
           "ont signé un accord de coopération militaire."),
    ("es", "Noticias\nLa reunión se celebró en Lima.\nDurante la reunión, Chile y Perú firmaron "
           "un acuerdo de cooperación militar."),
    ("de", "Nachrichten\nDas Treffen fand in Lima statt.\nBei dem Treffen unterzeichneten Chile "
           "und Peru ein Militärabkommen."),
    ("ru", "Новости\nПереговоры прошли в Минске.\nВ ходе переговоров Чили и Перу подписали "
           "соглашение о военном сотрудничестве."),
]


@pytest.mark.parametrize(("lang", "text"), MEETING_PLACE, ids=[t[0] for t in MEETING_PLACE])
def test_a_signing_at_a_meeting_takes_the_meeting_place(lang, text):
    [record] = records(text, lang)
    assert record.place == ("Minsk" if lang == "ru" else "Lima")


def test_a_meeting_place_does_not_pass_to_a_signing_that_names_no_meeting():
    text = ("Defence news\nThe talks were held in Lima.\nChile and Peru signed a defence "
            "cooperation agreement.")
    [record] = records(text, "en")
    assert record.place is None


def test_a_city_after_a_place_word_is_the_place_before_a_city_named_without_one():
    text = ("Defence news\nLima sources said the defence cooperation agreement between Chile and "
            "Peru was signed in Quito.")
    [record] = records(text, "en")
    assert record.place == "Quito"


# rule *the body's kind over the headline's*: a bare head in a headline names no kind
BODY_KIND = [
    ("en", "Chile and Peru sign agreement\nChile and Peru signed an agreement on defence "
           "cooperation on Monday."),
    ("de", "Chile und Peru unterzeichnen Abkommen\nChile und Peru haben am Montag ein Abkommen "
           "über die militärische Zusammenarbeit unterzeichnet."),
    ("it", "Cile e Perù firmano un accordo\nCile e Perù hanno firmato lunedì un accordo di "
           "cooperazione nel settore della difesa."),
]


@pytest.mark.parametrize(("lang", "text"), BODY_KIND, ids=[t[0] for t in BODY_KIND])
def test_the_body_kind_wins_over_a_bare_headline_head(lang, text):
    [record] = records(text, lang)
    assert record.kind == "defense_cooperation_agreement"


def test_an_english_title_runs_over_its_on_complement_and_stops_at_a_purpose():
    [record] = records("Defence news\nChile and Peru signed an agreement on defence "
                       "cooperation to expand joint exercises on Monday.", "en")
    assert record.title_span == "agreement on defence cooperation"
    assert record.date_signed == "2023-03-13"


def test_a_german_title_keeps_the_article_after_its_preposition():
    [record] = records("Nachrichten\nChile und Peru haben am Montag ein Abkommen über die "
                       "militärische Zusammenarbeit unterzeichnet.", "de")
    assert record.title_span == "Abkommen über die militärische Zusammenarbeit"


# rule *a plural two states sign*: a plural with a subject of its own is their agreement
PLURAL_OF_TWO = [
    ("en", "Defence news\nChile and Peru signed agreements on military cooperation on Monday."),
    ("it", "Notizie\nCile e Perù hanno firmato lunedì accordi sulla cooperazione militare."),
    ("fr", "Actualités\nLe Chili et le Pérou ont signé lundi des accords de coopération "
           "militaire."),
    ("es", "Noticias\nChile y Perú firmaron el lunes acuerdos de cooperación militar."),
]


@pytest.mark.parametrize(("lang", "text"), PLURAL_OF_TWO, ids=[t[0] for t in PLURAL_OF_TWO])
def test_a_plural_with_a_subject_that_two_states_sign_is_their_agreement(lang, text):
    [record] = records(text, lang)
    assert (record.parties, record.action, record.date_signed) == (
        ("CHL", "PER"), "signed", "2023-03-13")


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Defence news\nChile has signed defence agreements with 43 countries since 1990."),
    ("en", "Defence news\nChile and Peru signed agreements on Monday."),
])
def test_a_plural_facing_a_count_or_without_a_subject_stays_a_category(lang, text):
    assert records(text, lang) == []


# rule *coordinated subjects of a plural*: "agreements on A, on B and on C" are three
COORDINATED = [
    ("en", "Defence news\nChile and Peru signed agreements on military cooperation, on "
           "defence industry and on military education on Monday.",
     ["defense_cooperation_agreement", "military_technical_cooperation",
      "defense_cooperation_agreement"]),
    ("it", "Notizie\nCile e Perù hanno firmato lunedì accordi sulla cooperazione militare, "
           "sulla formazione e sull'industria della difesa.",
     ["defense_cooperation_agreement", "defense_cooperation_agreement",
      "military_technical_cooperation"]),
    ("fr", "Actualités\nLe Chili et le Pérou ont signé lundi des accords sur la coopération "
           "militaire, sur la formation et sur la recherche.",
     ["defense_cooperation_agreement"] * 3),
    ("es", "Noticias\nChile y Perú firmaron el lunes acuerdos sobre cooperación militar, sobre "
           "formación y sobre investigación.", ["defense_cooperation_agreement"] * 3),
    ("de", "Nachrichten\nChile und Peru haben am Montag Abkommen über die militärische "
           "Zusammenarbeit, über die Ausbildung und über die Rüstungsindustrie unterzeichnet.",
     ["defense_cooperation_agreement", "defense_cooperation_agreement",
      "military_technical_cooperation"]),
    ("ru", "Новости\nЧили и Перу в понедельник подписали соглашения о военном сотрудничестве, "
           "о военно-техническом сотрудничестве и о военном образовании.",
     ["defense_cooperation_agreement", "military_technical_cooperation",
      "defense_cooperation_agreement"]),
]


@pytest.mark.parametrize(("lang", "text", "kinds"), COORDINATED,
                         ids=[t[0] for t in COORDINATED])
def test_coordinated_subjects_of_a_plural_are_one_agreement_each(lang, text, kinds):
    found = sorted(records(text, lang), key=lambda r: r.evidence[0].start)
    assert [r.kind for r in found] == kinds
    assert {(r.parties, r.action, r.date_signed) for r in found} == {
        (("CHL", "PER"), "signed", "2023-03-13")}


def test_one_singular_agreement_with_two_subjects_stays_one():
    found = records("Новости\nЧили и Перу подписали соглашение о военном сотрудничестве и о "
                    "военном образовании.", "ru")
    assert len(found) == 1


# rule *an agreement that renews something*, in a main clause: the agreement is the subject
SUBJECT_THAT_RENEWS = [
    ("en", "Defence news\nChile and Peru signed a defence cooperation plan on Monday. The new "
           "plan extends the joint naval exercises."),
    ("it", "Notizie\nCile e Perù hanno firmato lunedì un piano di cooperazione militare. Il "
           "nuovo piano rinnova le esercitazioni congiunte."),
    ("fr", "Actualités\nLe Chili et le Pérou ont signé lundi un plan de coopération militaire. "
           "Le nouveau plan renouvelle les exercices conjoints."),
    ("es", "Noticias\nChile y Perú firmaron el lunes un plan de cooperación militar. El nuevo "
           "plan renueva los ejercicios conjuntos."),
    ("pt", "Notícias\nO Chile e o Peru assinaram na segunda-feira um plano de cooperação "
           "militar. O novo plano renova os exercícios conjuntos."),
]


@pytest.mark.parametrize(("lang", "text"), SUBJECT_THAT_RENEWS,
                         ids=[t[0] for t in SUBJECT_THAT_RENEWS])
def test_an_agreement_that_renews_something_else_in_a_main_clause_is_signed(lang, text):
    [record] = records(text, lang)
    assert (record.action, record.date_signed) == ("signed", "2023-03-13")


def test_an_agreement_after_the_renewing_verb_is_still_renewed():
    [record] = records("Defence news\nOn Monday Chile and Peru renewed the defence "
                       "cooperation agreement for five years.", "en")
    assert record.action == "renewed"


# rule *a typed "other"*: a document the kind rules make "other" names one agreement
TYPED_OTHER = [
    ("en", "Chile and Peru sign memorandum on military cooperation\nOn Monday Chile and Peru "
           "signed a memorandum on the twinning of their military academies."),
    ("it", "Cile e Perù firmano un memorandum sulla cooperazione militare\nLunedì Cile e Perù "
           "hanno firmato un memorandum di gemellaggio tra le loro accademie militari."),
    ("fr", "Le Chili et le Pérou signent un mémorandum de coopération militaire\nLundi, le "
           "Chili et le Pérou ont signé un mémorandum de jumelage de leurs académies militaires."),
    ("es", "Chile y Perú firman un memorando de cooperación militar\nEl lunes Chile y Perú "
           "firmaron un memorando de hermanamiento entre sus academias militares."),
    ("ru", "Чили и Перу подписали меморандум о военном сотрудничестве\nВ понедельник Чили и "
           "Перу подписали меморандум о побратимстве своих военных академий."),
]


@pytest.mark.parametrize(("lang", "text"), TYPED_OTHER, ids=[t[0] for t in TYPED_OTHER])
def test_a_typed_other_document_in_the_body_is_not_a_generic_mention(lang, text):
    [record] = records(text, lang)
    assert (record.kind, record.date_signed) == ("other", "2023-03-13")


def test_a_surname_in_the_signing_clause_signs_for_the_full_name_given_before():
    [record] = records("Chile and Peru sign pact\nChilean defence minister Ana Ruiz visited Lima "
                       "on Monday. Peruvian minister Luis Soto met Ruiz at the ministry.\nAfter "
                       "the talks, Ruiz and Soto signed the defence pact.", "en")
    assert record.signatories == ("Ana Ruiz", "Luis Soto")
    assert "signatories: surname-for-full-name" in record.rules


def test_a_name_before_a_role_with_a_state_of_several_words_is_a_person():
    [record] = records("Defence news\nAna Ruiz, United States Secretary of Defense, and Luis "
                       "Soto, Peru's defence minister, signed a defence cooperation agreement "
                       "in Lima.", "en")
    assert record.signatories == ("Ana Ruiz", "Luis Soto")


# rule *a rank introduces a name*: officers sign for their staffs
RANKS = [
    ("en", "Defence news\nThe defence cooperation agreement between Chile and Peru was signed "
           "by Colonel Ana Ruiz and General Luis Soto."),
    ("it", "Notizie\nL'accordo di cooperazione militare tra Cile e Perù è stato firmato dal "
           "colonnello cileno Ana Ruiz e dal generale peruviano Luis Soto."),
    ("fr", "Actualités\nL'accord de coopération militaire entre le Chili et le Pérou a été "
           "signé par le colonel chilien Ana Ruiz et le général péruvien Luis Soto."),
    ("es", "Noticias\nEl acuerdo de cooperación militar entre Chile y Perú fue firmado por el "
           "coronel chileno Ana Ruiz y el general peruano Luis Soto."),
    ("pt", "Notícias\nO acordo de cooperação militar entre o Chile e o Peru foi assinado pelo "
           "coronel chileno Ana Ruiz e pelo general peruano Luis Soto."),
    ("de", "Nachrichten\nDas Militärabkommen zwischen Chile und Peru wurde von dem chilenischen "
           "Oberst Ana Ruiz und dem peruanischen General Luis Soto unterzeichnet."),
]


@pytest.mark.parametrize(("lang", "text"), RANKS, ids=[t[0] for t in RANKS])
def test_a_rank_introduces_the_name_of_a_signer(lang, text):
    [record] = records(text, lang)
    assert record.signatories == ("Ana Ruiz", "Luis Soto")


def test_a_general_assembly_is_no_officer():
    from accords.annotate import annotate

    text = "Defence news\nThe General Assembly of the Alliance met in Brussels on Monday."
    spans = annotate(Article(id="x", text=text, title="Defence news", lang="en"))
    assert not [s for s in spans if s.label == "PERSON"]


# an amending protocol is a document of its own kind: "other" (guideline 8)
AMENDING = [
    ("en", "Defence news\nChile and Peru signed a protocol on amendments to their agreement on "
           "joint exercises on Monday."),
    ("it", "Notizie\nCile e Perù hanno firmato lunedì un protocollo di modifica dell'accordo "
           "sulle esercitazioni congiunte."),
    ("fr", "Actualités\nLe Chili et le Pérou ont signé lundi un protocole modifiant leur accord "
           "sur les exercices conjoints."),
    ("es", "Noticias\nChile y Perú firmaron el lunes un protocolo de enmienda del acuerdo sobre "
           "ejercicios conjuntos."),
    ("pt", "Notícias\nO Chile e o Peru assinaram na segunda-feira um protocolo de alteração do "
           "acordo sobre exercícios conjuntos."),
    ("de", "Nachrichten\nChile und Peru haben am Montag ein Änderungsprotokoll zum Abkommen "
           "über gemeinsame Übungen unterzeichnet."),
]


@pytest.mark.parametrize(("lang", "text"), AMENDING, ids=[t[0] for t in AMENDING])
def test_an_amending_protocol_is_of_kind_other(lang, text):
    [record] = records(text, lang)
    assert (record.kind, record.date_signed) == ("other", "2023-03-13")


@pytest.mark.parametrize("verb", ["penned", "put pen to paper on"])
def test_english_synonyms_of_signing_sign(verb):
    [record] = records(f"Defence news\nChile and Peru {verb} a memorandum of cooperation in "
                       "military education on Monday.", "en")
    assert (record.action, record.date_signed) == ("signed", "2023-03-13")


# rule *a planned renewal is announced* (guideline 12: "will extend" is announced)
PLANNED_STEP = [
    ("en", "Defence news\nChile and Peru will extend their defence cooperation agreement in May."),
    ("it", "Notizie\nCile e Perù rinnoveranno a maggio l'accordo di cooperazione militare."),
    ("fr", "Actualités\nLe Chili et le Pérou vont prolonger en mai leur accord de coopération "
           "militaire."),
    ("es", "Noticias\nChile y Perú renovarán en mayo su acuerdo de cooperación militar."),
    ("de", "Nachrichten\nChile und Peru wollen das Verteidigungsabkommen im Mai verlängern."),
]


@pytest.mark.parametrize(("lang", "text"), PLANNED_STEP, ids=[t[0] for t in PLANNED_STEP])
def test_a_planned_renewal_is_announced(lang, text):
    [record] = records(text, lang)
    assert (record.parties, record.action, record.date_signed) == (("CHL", "PER"), "announced",
                                                                     None)


def test_a_planned_ending_of_a_signed_agreement_takes_no_signing_date_from_the_plan():
    [record] = extracted("Defence news\nChile and Peru signed a defence cooperation agreement "
                         "in 2015. Chile said on Monday it would terminate the defence "
                         "cooperation agreement.", "en")
    assert (record.action, record.date_signed) == ("signed", "2015")


# rule *a decided step is taken*, with words between the decision and the verb
DECIDED_FAR = [
    ("en", "Defence news\nChile and Peru agreed in Lima on Monday to extend their defence "
           "cooperation agreement for five years.", "renewed"),
    ("en", "Defence news\nThe government of Chile decided with immediate effect to terminate the "
           "defence cooperation agreement with Peru.", "terminated"),
    ("de", "Nachrichten\nChile und Peru haben beschlossen, das Verteidigungsabkommen um fünf "
           "Jahre zu verlängern.", "renewed"),
    ("it", "Notizie\nCile e Perù hanno deciso durante l'incontro di Lima di prorogare l'accordo "
           "di cooperazione militare.", "renewed"),
]


@pytest.mark.parametrize(("lang", "text", "action"), DECIDED_FAR,
                         ids=[f"{t[0]}-{t[2]}" for t in DECIDED_FAR])
def test_a_step_decided_some_words_before_its_verb_is_taken(lang, text, action):
    [record] = records(text, lang)
    assert record.action == action


def test_a_plan_after_a_decision_on_something_else_stays_a_plan():
    [record] = records("Defence news\nChile and Peru agreed to strengthen cooperation and said "
                       "they will extend the defence cooperation agreement.", "en")
    assert record.action == "announced"


# guideline 8: a security and defence partnership is a defence cooperation document
PARTNERSHIP = [
    ("en", "EU news\nThe European Union and Moldova signed a security and defence partnership "
           "in Brussels on Monday."),
    ("fr", "UE\nL'Union européenne et la Moldavie ont signé lundi un partenariat de sécurité et "
           "de défense."),
    ("it", "UE\nL'Unione europea e la Moldavia hanno firmato lunedì un partenariato per la "
           "sicurezza e la difesa."),
    ("es", "UE\nLa Unión Europea y Moldavia firmaron el lunes una asociación en materia de "
           "seguridad y defensa."),
    ("pt", "UE\nA União Europeia e a Moldávia assinaram na segunda-feira uma parceria de "
           "segurança e defesa."),
    ("de", "EU\nDie Europäische Union und Moldau haben am Montag eine Sicherheits- und "
           "Verteidigungspartnerschaft unterzeichnet."),
]


@pytest.mark.parametrize(("lang", "text"), PARTNERSHIP, ids=[t[0] for t in PARTNERSHIP])
def test_a_security_and_defence_partnership_is_a_defence_cooperation_agreement(lang, text):
    [record] = records(text, lang)
    assert (record.parties, record.organization, record.kind, record.date_signed) == (
        ("MDA",), "EU", "defense_cooperation_agreement", "2023-03-13")


def test_a_spanish_minister_and_su_par_both_sign():
    [record] = records("Noticias\nLa ministra de Defensa de Chile, Ana Ruiz, y su par peruano, "
                       "Luis Soto, firmaron un acuerdo de cooperación militar.", "es")
    assert record.signatories == ("Ana Ruiz", "Luis Soto")


# rule *one facing many*, for a head whose plural looks singular
LOOKS_SINGULAR = [
    ("cs", "Zprávy\nČesko podepsalo v pondělí dohody o obranné spolupráci s Litvou a Lotyšskem.",
     {("CZE", "LTU"), ("CZE", "LVA")}),
    ("pl", "Wiadomości\nPolska podpisała w poniedziałek umowy o współpracy obronnej z Litwą i "
           "Łotwą.", {("LTU", "POL"), ("LVA", "POL")}),
    ("ru", "Новости\nРоссия подписала в понедельник соглашения о военном сотрудничестве с "
           "Лаосом и Вьетнамом.", {("LAO", "RUS"), ("RUS", "VNM")}),
    ("de", "Nachrichten\nDeutschland hat am Montag Abkommen über militärische Zusammenarbeit mit "
           "Litauen und Lettland unterzeichnet.", {("DEU", "LTU"), ("DEU", "LVA")}),
]


@pytest.mark.parametrize(("lang", "text", "pairs"), LOOKS_SINGULAR,
                         ids=[t[0] for t in LOOKS_SINGULAR])
def test_a_plural_that_looks_singular_facing_two_partners_is_two_bilaterals(lang, text, pairs):
    assert {r.parties for r in records(text, lang)} == pairs


def test_a_singular_agreement_with_two_partners_stays_one():
    found = records("Новости\nРоссия подписала в понедельник соглашение о военном "
                    "сотрудничестве с Лаосом и Вьетнамом.", "ru")
    assert [r.parties for r in found] == [("LAO", "RUS", "VNM")]


# rule *agreements elided after a plural*, the items after a colon
AFTER_COLON = [
    ("en", "Defence news\nOn Monday Chile and Peru signed two agreements: on military education "
           "and on the protection of classified information."),
    ("ru", "Новости\nВ понедельник Чили и Перу подписали два соглашения: о военном образовании "
           "и о защите секретной информации."),
    ("it", "Notizie\nLunedì Cile e Perù hanno firmato due accordi: sulla formazione militare e "
           "sulla protezione delle informazioni classificate."),
]


@pytest.mark.parametrize(("lang", "text"), AFTER_COLON, ids=[t[0] for t in AFTER_COLON])
def test_agreements_listed_after_a_colon_are_one_each(lang, text):
    found = sorted(records(text, lang), key=lambda r: r.evidence[0].start)
    assert [(r.kind, r.date_signed) for r in found] == [
        ("defense_cooperation_agreement", "2023-03-13"), ("other", "2023-03-13")]


@pytest.mark.parametrize("role", ["Verteidigungsministern", "Ministern"])
def test_german_plural_and_dative_roles_introduce_their_names(role):
    [record] = records("Nachrichten\nDas Militärabkommen zwischen Chile und Peru wurde am Montag "
                       f"von den {role} Ana Ruiz und Luis Soto unterzeichnet.", "de")
    assert record.signatories == ("Ana Ruiz", "Luis Soto")


# rule *one facing many* after *an analogous agreement*: "similar documents with A and B"
SIMILAR_DOCUMENTS = [
    ("en", "Defence news\nChile signed a defence cooperation agreement with Peru on Monday. Chile "
           "also signed similar documents with Ecuador and Bolivia."),
    ("it", "Notizie\nIl Cile ha firmato lunedì un accordo di cooperazione militare con il Perù. "
           "Il Cile ha firmato anche documenti analoghi con l'Ecuador e la Bolivia."),
    ("fr", "Actualités\nLe Chili a signé lundi un accord de coopération militaire avec le Pérou. "
           "Le Chili a aussi signé des documents similaires avec l'Équateur et la Bolivie."),
    ("es", "Noticias\nChile firmó el lunes un acuerdo de cooperación militar con Perú. Chile "
           "también firmó documentos similares con Ecuador y Bolivia."),
    ("de", "Nachrichten\nChile hat am Montag ein Militärabkommen mit Peru unterzeichnet. Chile "
           "hat auch ähnliche Dokumente mit Ecuador und Bolivien unterzeichnet."),
    ("ru", "Новости\nЧили в понедельник подписала соглашение о военном сотрудничестве с Перу. "
           "Чили также подписала аналогичные документы с Эквадором и Боливией."),
]


@pytest.mark.parametrize(("lang", "text"), SIMILAR_DOCUMENTS,
                         ids=[t[0] for t in SIMILAR_DOCUMENTS])
def test_similar_documents_with_two_partners_are_two_more_bilaterals(lang, text):
    found = records(text, lang)
    assert {r.parties for r in found} == {("CHL", "PER"), ("CHL", "ECU"), ("BOL", "CHL")}
    assert {r.kind for r in found} == {"defense_cooperation_agreement"}


def test_a_word_holding_a_civil_stem_inside_it_is_no_civil_subject():
    # "аналогичное" holds "налог" (tax) inside it; only a word starting with it is civil
    [record] = records("Новости\nЧили и Перу в понедельник подписали аналогичное соглашение.",
                       "ru", title="Чили и Перу подписали соглашение о военном сотрудничестве")
    assert record.parties == ("CHL", "PER")
