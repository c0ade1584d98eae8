"""Every language's test cases, kept as data: ``tests/lang/<lang>/cases.toml``.

A cases file is a list of ``[[case]]`` tables, each with a ``name``, a ``text`` written for the
test (never taken from a corpus), the ``published`` date the article carries, the ``spans`` the
annotators must find (``[label, exact, norm]``; others may be found too) and the ``records``
the extraction must give (exactly that many, each with the fields listed; fields not listed
are not compared). A new language brings its own folder of cases and this module runs it
without any change.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from accords.annotate import annotate
from accords.extract import extract
from accords.extract.guard import lexicon_caches
from accords.lexicon import ENV, available_languages
from accords.read.articles import article_from_row

HERE = Path(__file__).parent
RECORD_FIELDS = ("parties", "kind", "action", "date_signed", "place", "period_start",
                 "period_end", "signatories", "organization")


def load_cases(folder: Path) -> list[tuple[str, dict]]:
    """``(lang, case)`` for every case of every ``<lang>/cases.toml`` under ``folder``."""
    out = []
    for path in sorted(folder.glob("*/cases.toml")):
        lang = path.parent.name
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise AssertionError(f"{path}: not valid TOML ({exc})") from exc
        for i, case in enumerate(data.get("case", [])):
            missing = {"name", "text", "published"} - set(case)
            assert not missing, f"{path} case {i + 1}: needs {', '.join(sorted(missing))}"
            out.append((lang, case))
    return out


def check_case(lang: str, case: dict) -> None:
    """Annotate and extract the case's text; assert its spans and records."""
    article = article_from_row({"id": f"case-{lang}", "text": case["text"], "lang": lang,
                                "published": case["published"]}, "test")
    found = {(s.label, s.exact, s.norm) for s in annotate(article)}
    for label, exact, norm in case.get("spans", []):
        assert (label, exact, norm) in found, (
            f"{lang} {case['name']!r}: no {label} span {exact!r} → {norm!r}; found "
            f"{sorted(f for f in found if f[0] == label)}")
    if "records" not in case:
        return
    got = [r.to_json() if hasattr(r, "to_json") else r.__dict__ for r in extract(article)]
    want = case["records"]
    assert len(got) == len(want), f"{lang} {case['name']!r}: {len(got)} records, not " \
                                  f"{len(want)}: {got}"
    for record, expected in zip(got, want, strict=True):
        for key, value in expected.items():
            assert key in RECORD_FIELDS, f"{lang} {case['name']!r}: unknown field {key!r}"
            actual = record.get(key)
            if isinstance(actual, tuple):
                actual = list(actual)
            assert actual == value, f"{lang} {case['name']!r}: {key} is {actual!r}, not {value!r}"


CASES = load_cases(HERE)


def test_every_language_has_its_cases_and_every_cases_folder_a_language():
    with_cases = {lang for lang, _ in CASES}
    assert with_cases == set(available_languages())


@pytest.mark.parametrize(("lang", "case"), CASES,
                         ids=[f"{lang}-{case['name']}" for lang, case in CASES])
def test_case(lang, case):
    check_case(lang, case)


@pytest.fixture
def clean_caches():
    def clear():
        for cached in lexicon_caches().values():
            cached.cache_clear()
        available_languages.cache_clear()

    clear()
    yield
    clear()


def test_a_new_lexicon_folder_with_its_cases_is_picked_up_without_code_changes(
        tmp_path, monkeypatch, clean_caches):
    """A language added as files only: a lexicon folder in ACCORDS_LEXICONS (here the Italian
    files under a code of their own) and a cases file; nothing else changes."""
    lexicons = tmp_path / "lexicons" / "zz"
    lexicons.mkdir(parents=True)
    shipped = Path(__file__).parents[2] / "src" / "accords" / "lexicons" / "it"
    for path in shipped.glob("*.toml"):
        (lexicons / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    cases = tmp_path / "cases" / "zz"
    cases.mkdir(parents=True)
    (cases / "cases.toml").write_text('''
[[case]]
name = "signing"
published = "2023-05-12"
text = """Accordo firmato
ROMA – Russia e Kazakistan hanno firmato giovedì a Roma un accordo di cooperazione nel settore
della difesa."""
spans = [["STATE", "Kazakistan", "KAZ"], ["DATE", "giovedì", "2023-05-11"]]

[[case.records]]
parties = ["KAZ", "RUS"]
action = "signed"
date_signed = "2023-05-11"
place = "Rome"
''', encoding="utf-8")
    monkeypatch.setenv(ENV, str(tmp_path / "lexicons"))
    available_languages.cache_clear()
    assert "zz" in available_languages()
    (found,) = load_cases(tmp_path / "cases")
    check_case(*found)
