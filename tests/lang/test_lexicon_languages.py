"""Languages added as lexicon folders only: Ukrainian, Polish, Romanian, Catalan, Czech, Turkish.

Every sentence here is written for the tests from the grammar of the language (never taken from
the corpus): a signing gives a record with its parties, kind, action and resolved date; a
ratification and a planned signing give their actions; inflected names and dates resolve.
"""

from __future__ import annotations

import re

import pytest

from accords.annotate import annotate
from accords.extract import extract
from accords.lexicon import available_languages, load_lexicon
from accords.read.articles import article_from_row

NEW_LANGUAGES = ("uk", "pl", "ro", "ca", "cs", "tr")


def article(text: str, lang: str, published: str):
    return article_from_row({"id": f"t-{lang}", "text": text, "lang": lang,
                             "published": published}, "test")


def records(text: str, lang: str, published: str):
    return extract(article(text, lang, published))


def spans(text: str, lang: str, published: str, label: str):
    return [(s.exact, s.norm) for s in annotate(article(text, lang, published))
            if s.label == label]


@pytest.mark.parametrize("lang", NEW_LANGUAGES)
def test_the_folder_is_a_language_with_complete_reading_and_extraction_cues(lang):
    assert lang in available_languages()
    lex = load_lexicon(lang)
    assert len(lex["months"]) == 12 and len(lex["month_abbreviations"]) == 12
    assert len(lex["weekdays"]) == 7
    assert len(lex["stopwords"]) >= 50
    assert lex["boilerplate"]["footer_start"] and lex["boilerplate"]["lines"]
    for pattern in (*lex["boilerplate"]["footer_start"], *lex["boilerplate"]["lines"]):
        re.compile(pattern)
    assert lex["process_nouns"] and lex["list_joiners"] and lex["signing_nouns"]
    for key in ("signed", "ratified", "entered_into_force", "renewed", "terminated"):
        assert lex["actions"]["verbs"][key]


SIGNINGS = [
    ("uk", "2024-03-14",
     "Україна та Литва підписали угоду\nКИЇВ – Міністр оборони України Олексій Коваль і його "
     "литовський колега Йонас Мартінайтіс у вівторок підписали у Києві угоду про "
     "співробітництво у сфері оборони.",
     ("LTU", "UKR"), "defense_cooperation_agreement", "2024-03-12", "Kyiv"),
    ("pl", "2024-03-14",
     "Polska i Litwa podpisały umowę\nWARSZAWA – Minister obrony narodowej Jan Kowalski i jego "
     "litewski odpowiednik Jonas Petraitis podpisali we wtorek w Warszawie umowę o współpracy "
     "w dziedzinie obronności.",
     ("LTU", "POL"), "defense_cooperation_agreement", "2024-03-12", "Warsaw"),
    ("ro", "2024-03-14",
     "România și Polonia au semnat un acord\nBUCUREȘTI – Ministrul apărării naționale, Ion "
     "Popescu, și omologul său polonez, Jan Kowalski, au semnat marți la București un acord de "
     "cooperare în domeniul apărării.",
     ("POL", "ROU"), "defense_cooperation_agreement", "2024-03-12", "Bucharest"),
    ("ca", "2024-03-14",
     "Andorra i Espanya signen un acord\nLa ministra de Defensa d'Espanya i el seu homòleg "
     "andorrà van signar dimarts a Madrid un acord de cooperació en matèria de defensa.",
     ("AND", "ESP"), "defense_cooperation_agreement", "2024-03-12", "Madrid"),
    ("cs", "2024-03-14",
     "Česko a Slovensko podepsaly smlouvu\nPRAHA – Ministryně obrany Jana Nováková a její "
     "slovenský protějšek Peter Kováč podepsali v úterý v Praze smlouvu o spolupráci v oblasti "
     "obrany.",
     ("CZE", "SVK"), "defense_cooperation_agreement", "2024-03-12", "Prague"),
    ("tr", "2024-03-14",
     "Türkiye ile Katar anlaşma imzaladı\nANKARA – Milli Savunma Bakanı Ahmet Yılmaz ve Katarlı "
     "mevkidaşı Halid Al Attiyah, Salı günü Ankara'da askeri eğitim işbirliği anlaşması "
     "imzaladı.",
     ("QAT", "TUR"), "defense_cooperation_agreement", "2024-03-12", "Ankara"),
]


@pytest.mark.parametrize(("lang", "published", "text", "parties", "kind", "date", "place"),
                         SIGNINGS, ids=[s[0] for s in SIGNINGS])
def test_a_signing_gives_parties_kind_action_and_the_resolved_day(lang, published, text,
                                                                 parties, kind, date, place):
    (record,) = records(text, lang, published)
    assert (record.parties, record.kind, record.action, record.date_signed, record.place) == (
        parties, kind, "signed", date, place)


def test_people_named_with_their_roles_are_the_signatories():
    (record,) = records(SIGNINGS[0][2], "uk", "2024-03-14")
    assert record.signatories == ("Олексій Коваль", "Йонас Мартінайтіс")
    (record,) = records(SIGNINGS[5][2], "tr", "2024-03-14")
    assert record.signatories == ("Ahmet Yılmaz", "Halid Al Attiyah")


RATIFICATIONS = [
    ("uk", "Рада ратифікувала угоду\nВерховна Рада ратифікувала угоду між Україною та Польщею "
           "про військово-технічне співробітництво, підписану 5 лютого 2023 року.",
     ("POL", "UKR"), "2023-02-05"),
    ("pl", "Sejm ratyfikował umowę\nSejm ratyfikował w czwartek umowę między Polską a Stanami "
           "Zjednoczonymi o wzmocnionej współpracy obronnej, podpisaną 15 sierpnia 2020 r.",
     ("POL", "USA"), "2020-08-15"),
    ("ro", "Senatul a ratificat acordul\nSenatul României a ratificat miercuri acordul dintre "
           "România și Statele Unite privind cooperarea în domeniul apărării, semnat la "
           "12 martie 2023.",
     ("ROU", "USA"), "2023-03-12"),
    ("ca", "Ratificació\nEl Parlament de Finlàndia ha ratificat el tractat d'adhesió de Suècia a "
           "l'aliança, signat el 5 de juliol de 2022.",
     ("FIN", "SWE"), "2022-07-05"),
    ("cs", "Senát ratifikoval smlouvu\nSenát ratifikoval ve středu smlouvu mezi Českou "
           "republikou a Spojenými státy o obranné spolupráci, podepsanou 4. dubna 2024.",
     ("CZE", "USA"), "2024-04-04"),
    ("tr", "Meclis onayladı\nTürkiye ile Azerbaycan arasındaki savunma sanayii işbirliği "
           "anlaşmasının onaylanmasının uygun bulunduğuna dair kanun teklifi TBMM Genel "
           "Kurulu'nda kabul edildi.",
     ("AZE", "TUR"), None),
]


@pytest.mark.parametrize(("lang", "text", "parties", "signed"), RATIFICATIONS,
                         ids=[r[0] for r in RATIFICATIONS])
def test_a_ratification_is_ratified_and_keeps_the_signing_date_of_the_treaty(lang, text,
                                                                             parties, signed):
    (record,) = records(text, lang, "2024-06-20")
    assert (record.parties, record.action, record.date_signed) == (parties, "ratified", signed)


PLANNED = [
    ("uk", "Угода\nУкраїна та Молдова підпишуть у п’ятницю план двостороннього військового "
           "співробітництва на 2025 рік.", ("MDA", "UKR"), "cooperation_plan", "2024-12-06"),
    ("pl", "Plan\nMinistrowie obrony Polski i Czech mają podpisać w piątek plan współpracy "
           "wojskowej na 2025 rok.", ("CZE", "POL"), "cooperation_plan", "2024-12-06"),
    ("ro", "Acord\nRomânia și Republica Moldova vor semna vineri un plan de cooperare militară "
           "pentru anul 2025.", ("MDA", "ROU"), "cooperation_plan", "2024-12-06"),
    ("ca", "Pla\nFrança i el Marroc signaran divendres un pla de cooperació militar per al "
           "2025.", ("FRA", "MAR"), "cooperation_plan", "2024-12-06"),
    ("cs", "Plán\nČesko a Polsko podepíšou v pátek plán vojenské spolupráce na rok 2025.",
     ("CZE", "POL"), "cooperation_plan", "2024-12-06"),
    ("tr", "Plan\nTürkiye ve İspanya yarın Madrid'de 2025 yılı askeri işbirliği planını "
           "imzalayacak.", ("ESP", "TUR"), "cooperation_plan", "2024-12-04"),
]


@pytest.mark.parametrize(("lang", "text", "parties", "kind", "planned"), PLANNED,
                         ids=[p[0] for p in PLANNED])
def test_a_planned_signing_is_announced_with_its_planned_day(lang, text, parties, kind,
                                                             planned):
    (record,) = records(text, lang, "2024-12-03")
    assert (record.parties, record.kind, record.action, record.date_signed,
            record.action_date) == (parties, kind, "announced", None, planned)


OTHER_STEPS = [
    ("uk", "Угода\nУгода між Україною та Данією про оборонне співробітництво набула чинності "
           "1 квітня 2024 року.", "entered_into_force"),
    ("pl", "Umowa\nPolska i Stany Zjednoczone przedłużyły umowę o współpracy obronnej o pięć "
           "lat.", "renewed"),
    ("ro", "Acord\nRomânia și Bulgaria au prelungit acordul de cooperare militară cu încă cinci "
           "ani.", "renewed"),
    ("ca", "Acord\nL'acord de defensa entre Espanya i el Marroc va entrar en vigor l'1 de març.",
     "entered_into_force"),
    ("cs", "Smlouva\nSmlouva mezi Českem a Slovenskem o obranné spolupráci vstoupila v platnost "
           "1. března.", "entered_into_force"),
    ("tr", "Anlaşma\nTürkiye ile Libya arasındaki askeri işbirliği anlaşması yürürlüğe girdi.",
     "entered_into_force"),
]


@pytest.mark.parametrize(("lang", "text", "action"), OTHER_STEPS, ids=[o[0] for o in OTHER_STEPS])
def test_entry_into_force_and_renewal_are_their_own_steps(lang, text, action):
    (record,) = records(text, lang, "2024-04-03")
    assert record.action == action


NEGATED = [
    ("cs", "Smlouva\nČesko a Polsko smlouvu o obranné spolupráci nepodepsaly."),
    ("tr", "Anlaşma\nTürkiye ile Yunanistan savunma anlaşmasını imzalamadı."),
    ("pl", "Umowa\nPolska i Litwa nie podpisały umowy o współpracy obronnej."),
    ("uk", "Угода\nУкраїна та Польща не підписали угоду про оборонне співробітництво."),
]


@pytest.mark.parametrize(("lang", "text"), NEGATED, ids=[n[0] for n in NEGATED])
def test_a_negated_signing_gives_nothing(lang, text):
    assert records(text, lang, "2024-04-03") == []


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("uk", "Угода з Польщею, Туреччиною та Румунією.", ["POL", "TUR", "ROU"]),
    ("pl", "Rozmowy w Polsce, z Rumunią i z Niemcami.", ["POL", "ROU", "DEU"]),
    ("ro", "Sprijinul României și al Franței pentru Ucraina.", ["ROU", "FRA", "UKR"]),
    ("ca", "Soldats russos i tropes nord-americanes a l'Índia.", ["RUS", "USA", "IND"]),
    ("cs", "Jednání v Rusku, s Ukrajinou a s americkou stranou.", ["RUS", "UKR", "USA"]),
    ("tr", "İtalya, İran ve Türkiye'nin bakanları.", ["ITA", "IRN", "TUR"]),
])
def test_inflected_state_names_and_demonyms_resolve(lang, text, expected):
    assert [norm for _exact, norm in spans(text, lang, "2024-01-10", "STATE")] == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("uk", "Це сталося у листопаді 2021 року, а угоду підписано 9 листопада 2021 року.",
     ["2021-11", "2021-11-09"]),
    ("pl", "W listopadzie 2021 r. oraz 9 listopada 2021 r.", ["2021-11", "2021-11-09"]),
    ("ro", "Pe 9 noiembrie 2021 și ieri.", ["2021-11-09", "2024-01-09"]),
    ("ca", "El 9 d'abril de 2021 i el 3 de novembre de 2022.", ["2021-04-09", "2022-11-03"]),
    ("cs", "Dne 9. listopadu 2021 a v listopadu 2022.", ["2021-11-09", "2022-11"]),
    ("tr", "9 Kasım 2021'de ve 2019 yılında.", ["2021-11-09", "2019"]),
])
def test_dates_in_their_cases_resolve(lang, text, expected):
    assert [norm for _exact, norm in spans(text, lang, "2024-01-10", "DATE")] == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("uk", "Українсько-польська угода.", ["UKR", "POL"]),
    ("pl", "Polsko-amerykańska umowa.", ["POL", "USA"]),
    ("ro", "Parteneriatul strategic româno-american.", ["ROU", "USA"]),
    ("cs", "Česko-polská smlouva.", ["CZE", "POL"]),
    ("ca", "L'acord hispano-francès.", ["ESP", "FRA"]),
])
def test_both_halves_of_a_compound_adjective_are_states(lang, text, expected):
    assert [norm for _exact, norm in spans(text, lang, "2024-01-10", "STATE")] == expected


def test_a_compound_adjective_names_the_parties_of_a_signing():
    (record,) = records("Umowa\nW Warszawie podpisano w czwartek polsko-litewską umowę o "
                        "współpracy obronnej.", "pl", "2024-05-10")
    assert (record.parties, record.action, record.date_signed, record.place) == (
        ("LTU", "POL"), "signed", "2024-05-09", "Warsaw")


@pytest.mark.parametrize(("lang", "text"), [
    ("uk", "Угода\nУкраїна та Литва домовилися підписати угоду про співробітництво у сфері "
           "оборони."),
    ("pl", "Umowa\nPolska i Litwa uzgodniły, że w przyszłości podpiszą umowę o współpracy "
           "obronnej."),
    ("cs", "Smlouva\nČesko a Slovensko se dohodly podepsat smlouvu o obranné spolupráci."),
    ("ca", "Acord\nEspanya i França han acordat signar un acord de defensa."),
    ("ro", "Acord\nRomânia și Bulgaria au convenit să semneze un acord de cooperare militară."),
    ("tr", "Anlaşma\nTürkiye ve Macaristan savunma anlaşması imzalamayı kabul etti."),
])
def test_an_agreement_to_sign_is_announced(lang, text):
    (record,) = records(text, lang, "2024-03-14")
    assert record.action == "announced"


def test_the_catalan_periphrastic_past_is_a_signing_not_a_plan():
    (record,) = records("Acord\nEspanya i Itàlia van signar dimarts un acord de defensa.", "ca",
                        "2024-03-14")
    assert (record.action, record.date_signed) == ("signed", "2024-03-12")


@pytest.mark.parametrize(("lang", "text", "action"), [
    # one chamber's consent to ratification is a vote on the bill (guideline 4) …
    ("pl", "Sejm\nSejm wyraził w piątek zgodę na ratyfikację umowy między Polską a Koreą "
           "Południową o współpracy w dziedzinie obronności.", "signed"),
    ("cs", "Senát\nSenát ve středu vyslovil souhlas s ratifikací smlouvy mezi Českem a USA o "
           "obranné spolupráci.", "signed"),
    ("uk", "Уряд\nУряд схвалив законопроєкт про ратифікацію угоди між Україною та Литвою про "
           "військове співробітництво.", "signed"),
    # … while a unicameral parliament adopting the ratification law ratifies (guideline 12)
    ("uk", "Рада\nВерховна Рада ухвалила закон про ратифікацію угоди між Україною та Литвою про "
           "військове співробітництво.", "ratified"),
    ("tr", "Meclis\nTürkiye ile Macaristan arasındaki askeri çerçeve anlaşmasının onaylanmasının "
           "uygun bulunduğuna dair kanun teklifi TBMM Genel Kurulu'nda kabul edildi.", "ratified"),
])
def test_a_vote_on_a_ratification_bill_ratifies_only_when_final(lang, text, action):
    (record,) = records(text, lang, "2024-03-15")
    assert (record.action, record.date_signed) == (action, None)


@pytest.mark.parametrize(("lang", "text"), [
    ("tr", "Haber\nRusya, Avrupa Konvansiyonel Kuvvetler Antlaşması'ndan çekildi."),
    ("uk", "Новини\nРосія вийшла з Договору про звичайні збройні сили в Європі."),
    ("pl", "Wiadomości\nRosja wystąpiła z Traktatu o konwencjonalnych siłach zbrojnych w Europie."),
    ("ro", "Știri\nRusia s-a retras din Tratatul privind forțele armate convenționale în Europa."),
])
def test_one_state_withdrawing_from_a_named_treaty_terminates_it(lang, text):
    (record,) = records(text, lang, "2023-11-08")
    assert (record.parties, record.action) == (("RUS",), "terminated")
