"""Specifications of the year-aware state registry (COW ccode ↔ ISO3 ↔ names)."""

from __future__ import annotations

import pytest

from accords.datasets.states import UnknownStateError, normalise

pytestmark = pytest.mark.shared


@pytest.mark.parametrize("query", ["Kazakistan", "KAZ", 705, "705", "Kazakhstan", "Казахстан",
                                   "Kasachstan", "Kazajistán", "kazakistan", "KZK", "kazako"])
def test_kazakhstan_is_found_by_code_name_and_demonym_in_any_language(reg, query):
    assert reg.lookup(query).ccode == 705


@pytest.mark.parametrize("query, ccode", [("Federazione Russa", 365), ("Stati Uniti", 2),
                                          ("statunitense", 2), ("Costa d'Avorio", 437),
                                          ("cote d ivoire", 437), ("Российская Федерация", 365),
                                          ("Unione Sovietica", 365)])
def test_italian_and_russian_forms_from_the_alias_lexicon(reg, query, ccode):
    assert reg.lookup(query).ccode == ccode


def test_germany_depends_on_the_year(reg):
    assert reg.ccode_for("DEU", 1980) == 260
    assert reg.ccode_for("DEU", 1995) == 255
    assert reg.ccode_for("Germania", "1990-10-03") == 255


def test_russia_has_iso3_only_after_the_soviet_union(reg):
    assert reg.iso3_for(365, 1985) is None
    assert reg.iso3_for(365, "2021-11-09") == "RUS"


def test_historical_states_keep_na_iso3(reg):
    for ccode in (265, 315, 245):
        assert reg.lookup(ccode).iso3 is None
    assert reg.lookup(265).name("it") == "German Democratic Republic"


def test_names_in_every_language_that_has_a_lexicon(reg):
    from accords.lexicon import available_languages

    names = reg.lookup(705).names
    assert names["it"] == "Kazakistan" and names["ru"] == "Казахстан"
    assert set(names) == set(available_languages())


def test_unknown_names_suggest_close_matches(reg):
    with pytest.raises(UnknownStateError, match="kazakistan"):
        reg.lookup("Kazakistna")


def test_system_members_on_a_date(reg):
    assert 705 in reg.members("1992-01-01") and 705 not in reg.members(1990)


def test_normalise_drops_case_accents_and_punctuation():
    assert normalise("Côte d’Ivoire") == "cote d ivoire"


@pytest.mark.parametrize("query, when, ccode", [
    ("Federal Republic of Germany", 1980, 260), ("Federal Republic of Germany", 1995, 255),
    ("YEM", 1985, 678), ("YEM", 1995, 679), ("CZE", 1980, 315), ("CZE", 1995, 316),
    ("North Yemen", 1980, 678), ("South Yemen", 1980, 680), ("North Vietnam", 1970, 816),
    ("South Vietnam", 1970, 817), ("Kazakhstan", "2021-11-09", 705),
])
def test_date_aware_lookups_return_a_state_that_is_a_member_on_that_date(reg, query, when,
                                                                        ccode):
    assert reg.ccode_for(query, when) == ccode
    assert reg.lookup(ccode).is_member(reg.lookup(ccode).spells[0][0])


def test_a_state_that_did_not_exist_on_the_date_is_an_error_saying_when_codes_exist(reg):
    with pytest.raises(UnknownStateError, match=r"705 Kazakhstan \(1991-12-26–\)"):
        reg.ccode_for("Kazakhstan", 1985)
    with pytest.raises(UnknownStateError, match="678 Yemen Arab Republic"):
        reg.ccode_for("North Yemen", 1995)


def test_cow_abbreviations_are_never_read_as_iso3(reg):
    assert reg.lookup("SWZ", scheme="cow").ccode == 225  # DCAD's SWZ: Switzerland
    assert reg.lookup("SWZ", scheme="iso3").ccode == 572  # ISO SWZ: Eswatini
    assert reg.ccode_for("SWZ", 2000, scheme="cow") == 225
    with pytest.raises(UnknownStateError, match="never as ISO3"):
        reg.lookup("CHE", scheme="cow")
