"""Languages are data: every lexicon has what the readers need, and bad files say so."""

from __future__ import annotations

import re

import pytest

from accords import lexicon
from accords.lexicon import LexiconError, available_languages, load_lexicon

MISSION_LANGUAGES = ("it", "en", "ru", "de", "fr", "es")


def test_the_mission_languages_have_lexicons():
    assert set(MISSION_LANGUAGES) <= set(available_languages())


@pytest.mark.parametrize("lang", [*MISSION_LANGUAGES, "pt"])
def test_reading_lexicon_is_complete(lang):
    lex = load_lexicon(lang)
    assert len(lex["months"]) == 12 and len(lex["month_abbreviations"]) == 12
    assert len(lex["weekdays"]) == 7
    assert len(lex["stopwords"]) >= 50
    assert lex["boilerplate"]["footer_start"] and lex["boilerplate"]["lines"]
    for pattern in (*lex["boilerplate"]["footer_start"], *lex["boilerplate"]["lines"]):
        re.compile(pattern)


def test_unknown_language_names_the_folder_to_add():
    with pytest.raises(LexiconError, match=r"lexicons/xx/"):
        load_lexicon("xx")


def _fake_root(monkeypatch, tmp_path, files):
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    monkeypatch.setattr(lexicon, "_root", lambda: tmp_path)
    lexicon.load_lexicon.cache_clear()
    lexicon.available_languages.cache_clear()


@pytest.fixture
def restore_caches():
    yield
    lexicon.load_lexicon.cache_clear()
    lexicon.available_languages.cache_clear()


def test_a_key_defined_in_two_files_is_an_error(monkeypatch, tmp_path, restore_caches):
    _fake_root(monkeypatch, tmp_path, {"zz/a.toml": "months = []\n", "zz/b.toml": "months = []\n"})
    with pytest.raises(LexiconError, match=r"lexicons/zz/b.toml defines 'months'.*a.toml"):
        load_lexicon("zz")


def test_invalid_toml_names_the_file(monkeypatch, tmp_path, restore_caches):
    _fake_root(monkeypatch, tmp_path, {"zz/reading.toml": "months = [\n"})
    with pytest.raises(LexiconError, match=r"lexicons/zz/reading.toml: not valid TOML"):
        load_lexicon("zz")


def test_lexicons_are_read_only():
    with pytest.raises(TypeError):
        load_lexicon("it")["months"] = ()  # type: ignore[index]
