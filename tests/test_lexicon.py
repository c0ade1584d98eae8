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
    _fake_root(monkeypatch, tmp_path, {"zz/a.toml": "stopwords = []\n",
                                       "zz/b.toml": "stopwords = []\n"})
    with pytest.raises(LexiconError, match=r"lexicons/zz/b.toml defines 'stopwords'.*a.toml"):
        load_lexicon("zz")


def test_invalid_toml_names_the_file(monkeypatch, tmp_path, restore_caches):
    _fake_root(monkeypatch, tmp_path, {"zz/reading.toml": "months = [\n"})
    with pytest.raises(LexiconError, match=r"lexicons/zz/reading.toml: not valid TOML"):
        load_lexicon("zz")


def test_lexicons_are_read_only():
    with pytest.raises(TypeError):
        load_lexicon("it")["months"] = ()  # type: ignore[index]


def test_a_misspelt_key_is_an_error_naming_the_file_the_key_and_the_nearest(
        monkeypatch, tmp_path, restore_caches):
    _fake_root(monkeypatch, tmp_path, {"zz/annotate.toml": "[actions.verbs]\nsinged = ['x']\n"})
    with pytest.raises(LexiconError, match=r"lexicons/zz/annotate.toml: unknown key "
                                           r"'actions.verbs.singed'; did you mean 'signed'"):
        load_lexicon("zz")


def test_a_value_of_the_wrong_type_or_a_broken_regex_names_the_key(monkeypatch, tmp_path,
                                                                  restore_caches):
    _fake_root(monkeypatch, tmp_path, {"zz/reading.toml": "weekdays = 'lunedì'\n",
                                       "yy/extract.toml": "treaty_formula = ['(?:tra']\n"})
    with pytest.raises(LexiconError, match=r"zz/reading.toml: weekdays: expected a list"):
        load_lexicon("zz")
    with pytest.raises(LexiconError, match=r"yy/extract.toml: treaty_formula\[0\]: not a "
                                           r"valid regex"):
        load_lexicon("yy")


@pytest.mark.parametrize("lang", [*available_languages(), lexicon.COMMON])
def test_every_shipped_lexicon_folder_follows_the_schema(lang):
    reports = lexicon.check_folder(lang)
    assert reports and all(r.counts for r in reports)
    assert [p for r in reports for p in r.problems] == []


def test_the_check_command_prints_what_each_file_contributes_and_fails_on_a_bad_key(
        tmp_path, capsys):
    from accords.__main__ import main

    assert main(["lexicon", "check", "it"]) == 0
    out = capsys.readouterr().out
    assert "it/reading.toml:" in out and "months 12" in out and "weekdays 7" in out
    (tmp_path / "zz").mkdir()
    (tmp_path / "zz" / "reading.toml").write_text("stopword = ['e']\n", encoding="utf-8")
    assert main(["lexicon", "check", str(tmp_path / "zz")]) == 1
    assert "unknown key 'stopword'; did you mean 'stopwords'?" in capsys.readouterr().out
