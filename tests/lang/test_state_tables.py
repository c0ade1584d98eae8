"""One state-name table per language: the annotators and the state registry read the same one."""

from __future__ import annotations

import pytest

from accords import codes
from accords.annotate.gazetteer import state_forms
from accords.datasets.states import UnknownStateError
from accords.lexicon import available_languages
from accords.read.statenames import state_table, text_forms


def test_the_gazetteer_reads_the_language_s_state_table():
    for lang in available_languages():
        assert state_forms(lang) == text_forms(lang)


def test_the_table_merges_cldr_with_the_human_supplement_and_inflects_names():
    sources = {(e.form, e.source) for e in state_table("pt")}
    assert ("Cazaquistão", "lexicon") in sources and ("Afeganistão", "cldr") in sources
    forms = text_forms("pl")
    assert forms["Kazachstanie"] == forms["Kazachstanem"] == "KAZ"  # generated cases
    assert text_forms("it")["kazaka"] == "KAZ"  # a supplement adjective, inflected


@pytest.mark.shared
@pytest.mark.parametrize("query", ["Cazaquistão", "Казахстане", "Kazachstanu", "kazašský"])
def test_the_registry_resolves_forms_of_every_language(reg, query):
    assert reg.lookup(query).ccode == 705


@pytest.mark.shared
@pytest.mark.parametrize("lang", available_languages())
def test_the_registry_resolves_every_state_form_an_annotator_recognises(reg, lang):
    wrong = []
    for form, iso3 in text_forms(lang).items():
        expected = {row.ccode for row in codes.code_rows() if row.iso3 == iso3 and row.ccode}
        if not expected:  # a territory that is no COW state: the registry says so
            continue
        try:
            got = reg.lookup(form, lang=lang).ccode
        except UnknownStateError as exc:
            got = str(exc)
        if got not in expected:
            wrong.append((form, iso3, got))
    assert wrong == []


@pytest.mark.shared
def test_a_territory_that_is_no_cow_state_is_named_as_such(reg):
    with pytest.raises(UnknownStateError, match="PRI, an ISO 3166 territory that is no COW"):
        reg.lookup("Porto Rico", lang="it")
