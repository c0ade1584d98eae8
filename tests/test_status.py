"""No silent misses: an article extraction cannot read normally says so, with a reason."""

from __future__ import annotations

import doctest
import json
import subprocess
import sys
import warnings

import pytest

from accords import paths
from accords.extract import (
    ExtractionWarning,
    article_status,
    extract,
    extract_row,
    status_key,
)
from accords.extract.batch import run
from accords.lexicon import available_languages
from accords.read.articles import Article, read_article

# Written for these tests. Hungarian has no lexicon folder and is not expected to get one.
HUNGARIAN = ("Magyar–szlovák védelmi megállapodás\n"
             "A két ország honvédelmi miniszterei kedden Budapesten aláírták a katonai "
             "együttműködésről szóló megállapodást, amely öt évre szól.")
FINNISH = ("Suomen ja Viron puolustusministerit allekirjoittivat tiistaina Helsingissä "
           "sopimuksen sotilaallisesta yhteistyöstä. Sopimus on voimassa viisi vuotta ja "
           "sitä voidaan jatkaa.")
COOKIES = ("Ministers meet in Lisbon\n"
           "The two ministers met on Monday.\n"
           "This website uses cookies to give you the best experience; by browsing on you "
           "agree to their use.\n"
           "Accept all cookies\n"
           "Read more about our cookie policy and how to change your cookie settings at any "
           "time from the link at the bottom of every page.\n"
           "Follow us on the social networks of the newsroom\n"
           "Newsletter, contacts, advertising, privacy, terms of use and the list of every "
           "regional edition of the paper with its editors.")


def seed() -> Article:
    return read_article(paths.articles_dir() / "seed-it-001.txt")


def test_the_test_languages_have_no_lexicon():
    assert "hu" not in available_languages() and "fi" not in available_languages()


def test_a_language_without_lexicon_is_no_lexicon_and_named():
    status = article_status(Article(id="hu-1", lang="hu", text=HUNGARIAN))
    assert status.code == "no_lexicon" and status.lang == "hu"
    assert "'hu'" in status.reason and "no lexicon" in status.reason


def test_a_detected_language_without_lexicon_says_it_was_detected():
    from accords.read.articles import article_from_row

    article = article_from_row({"id": "fi-1", "text": FINNISH})
    assert article.lang == "fi"
    status = article_status(article)
    assert status.code == "no_lexicon" and "'fi' (detected)" in status.reason


def test_a_text_without_letters_has_no_language_and_is_reported():
    status = article_status(Article(id="x", text="12:30 15.03.2024"))
    assert status.code == "no_lexicon" and "none could be detected" in status.reason


def test_mostly_cookie_and_footer_text_is_mostly_boilerplate():
    status = article_status(Article(id="en-1", lang="en", title="Ministers meet in Lisbon",
                                    text=COOKIES))
    assert status.code == "mostly_boilerplate"
    assert status.share > 0.5 and "boilerplate covers" in status.reason


def test_blank_text_and_a_lone_headline_are_empty():
    assert article_status(Article(id="e", lang="en", text="  \n ")).code == "empty"
    lone = Article(id="h", lang="en", title="Ministers meet", text="Ministers meet")
    status = article_status(lone)
    assert status.code == "empty" and "no body text" in status.reason


def test_the_seed_is_read_and_still_gives_its_two_records_without_warning():
    assert article_status(seed()).code == "read"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        records = extract(seed())
    assert [r.kind for r in records] == ["strategic_partnership_programme", "cooperation_plan"]


def test_extract_warns_naming_the_article_and_reason_and_returns_nothing():
    article = Article(id="hu-1", lang="hu", text=HUNGARIAN)
    with pytest.warns(ExtractionWarning, match=r"'hu-1' is no_lexicon: .*'hu'") as caught:
        assert extract(article) == []
    (warning,) = caught
    assert warning.message.article_id == "hu-1" and warning.message.status.code == "no_lexicon"
    assert issubclass(ExtractionWarning, UserWarning)


def test_a_boilerplate_article_warns_and_still_gives_what_it_can():
    article = Article(id="en-1", lang="en", title="Ministers meet in Lisbon", text=COOKIES)
    with pytest.warns(ExtractionWarning, match="mostly_boilerplate"):
        assert extract(article) == []


def test_warn_false_is_silent():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert extract(Article(id="hu-1", lang="hu", text=HUNGARIAN), warn=False) == []


def test_extract_row_gives_lang_and_status_and_does_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        row = extract_row({"id": "hu-1", "lang": "hu", "text": HUNGARIAN})
        read = extract_row(seed().to_dict(), provenance=False)
    assert list(row) == ["id", "lang", "status", "status_reason", "agreements"]
    assert (row["lang"], row["status"], row["agreements"]) == ("hu", "no_lexicon", [])
    assert (read["lang"], read["status"], len(read["agreements"])) == ("it", "read", 2)
    assert status_key(row) == ("hu", "no_lexicon") and status_key({}) == ("?", "?")


def _rows():
    return [seed().to_dict(),
            {"id": "hu-1", "lang": "hu", "text": HUNGARIAN},
            {"id": "en-1", "lang": "en", "title": "Ministers meet in Lisbon", "text": COOKIES},
            {"id": "hu-2", "lang": "hu", "text": HUNGARIAN.replace("öt", "tíz")}]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_run_counts_statuses_as_lines_are_written(tmp_path, jobs):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in _rows()) + "{broken\n",
                      encoding="utf-8")
    report = run(source, tmp_path / "out.jsonl", task=extract_row, tally=status_key,
                 jobs=jobs, batch_size=1, progress=False)
    assert report.written == 4 and len(report.errors) == 1  # a failed line is not counted
    assert report.tallies == {("it", "read"): 1, ("hu", "no_lexicon"): 2,
                              ("en", "mostly_boilerplate"): 1}


def test_cli_summary_lists_statuses_by_language(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in _rows()), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    done = subprocess.run([sys.executable, "-m", "accords", "extract", str(source), "-o",
                           str(out), "-q", "--jobs", "2"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert lines[-2] == f"4 of 4 lines written to {out}"
    assert lines[-1] == ("status by language: en mostly_boilerplate 1; hu no_lexicon 2; "
                         "it read 1")
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["status"] for r in rows] == ["read", "no_lexicon", "mostly_boilerplate",
                                           "no_lexicon"]


def test_the_read_command_prints_no_status_summary(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(_rows()[1]) + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "accords", "read", str(source), "-o",
                           str(tmp_path / "o.jsonl"), "-q"], capture_output=True, text=True)
    assert done.returncode == 0 and "status by language" not in done.stderr


@pytest.mark.parametrize("name", ["accords.extract", "accords.__main__"])
def test_docstring_examples(name):
    import importlib

    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0
