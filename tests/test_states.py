"""Specifications of the year-aware state registry (COW ccode ↔ ISO3 ↔ names)."""

from __future__ import annotations

import pytest

from accords import datasets
from accords.states import UnknownStateError, normalise, registry

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def reg(shared_dir, tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("ACCORDS_DATA_DIR", str(tmp_path_factory.mktemp("external")))
    datasets.fetch("cow_states", local=shared_dir / "data")
    registry.cache_clear()
    yield registry()
    registry.cache_clear()
    mp.undo()


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


def test_names_in_six_languages(reg):
    names = reg.lookup(705).names
    assert names["it"] == "Kazakistan" and names["ru"] == "Казахстан"
    assert set(names) == {"en", "it", "ru", "de", "fr", "es"}


def test_unknown_names_suggest_close_matches(reg):
    with pytest.raises(UnknownStateError, match="kazakistan"):
        reg.lookup("Kazakistna")


def test_system_members_on_a_date(reg):
    assert 705 in reg.members("1992-01-01") and 705 not in reg.members(1990)


def test_normalise_drops_case_accents_and_punctuation():
    assert normalise("Côte d’Ivoire") == "cote d ivoire"
