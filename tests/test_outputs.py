"""Outputs never clobber inputs or each other, and a CSV a reviewer edited is never rewritten."""

from __future__ import annotations

import json
import os

import pytest

from accords import paths
from accords.__main__ import main
from accords.extract import update_project_records
from accords.extract.records import RecordError, check_records_csv, read_record_file

CORPUS = (json.dumps({"id": "a", "lang": "en", "text": "France and India signed a defence "
                      "cooperation agreement in Paris on 12 March 2024."}) + "\n")


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(CORPUS, encoding="utf-8")
    return path


def test_extract_onto_its_own_input_is_refused_and_the_corpus_kept(corpus, capsys):
    assert main(["extract", str(corpus), "-o", str(corpus), "-q"]) == 2
    assert "is the input file" in capsys.readouterr().err
    assert corpus.read_text(encoding="utf-8") == CORPUS


@pytest.mark.parametrize("link", [os.link, os.symlink], ids=["hard link", "symbolic link"])
def test_extract_onto_a_link_of_its_input_is_refused(corpus, tmp_path, capsys, link):
    other = tmp_path / "out.jsonl"
    link(corpus, other)
    assert main(["read", str(corpus), "-o", str(other), "-q"]) == 2
    assert "or a link to it" in capsys.readouterr().err
    assert corpus.read_text(encoding="utf-8") == CORPUS


def test_extract_to_a_new_file_still_works(corpus, tmp_path):
    assert main(["read", str(corpus), "-o", str(tmp_path / "out.jsonl"), "-q"]) == 0


@pytest.fixture
def project(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    seed = paths.articles_dir() / "seed-it-001.txt"
    (articles / seed.name).write_bytes(seed.read_bytes())
    records = tmp_path / "records" / "news-records.jsonl"
    records.parent.mkdir()
    records.write_bytes((paths.records_dir() / "news-records.jsonl").read_bytes())
    return articles, records


def add_article(articles):
    (articles / "new-en-001.txt").write_text(
        "France and India sign defence pact\nPARIS – France and India signed a military "
        "cooperation agreement in Paris on 12 March 2024.\n", encoding="utf-8")


def test_records_out_a_csv_is_refused_before_anything_is_written(project, capsys):
    articles, records = project
    out = records.with_suffix(".csv")
    assert main(["records", "--articles", str(articles), "--out", str(out)]) == 2
    assert "must end in .jsonl" in capsys.readouterr().err
    assert not out.exists()


def test_records_file_among_the_articles_is_refused(project):
    articles, _ = project
    with pytest.raises(ValueError, match="read as articles"):
        update_project_records(articles, articles / "records.jsonl")
    assert not (articles / "records.jsonl").exists()


def test_the_generated_csv_says_to_edit_the_jsonl_and_is_rewritten_while_untouched(project):
    articles, records = project
    update_project_records(articles, records)
    csv_path = records.with_suffix(".csv")
    first = csv_path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# accords: generated from news-records.jsonl (do not edit")
    add_article(articles)
    update_project_records(articles, records)
    assert "new-en-001" in csv_path.read_text(encoding="utf-8")


def test_a_csv_edited_by_a_reviewer_is_never_rewritten(project):
    articles, records = project
    update_project_records(articles, records)
    csv_path = records.with_suffix(".csv")
    edited = csv_path.read_text(encoding="utf-8").replace("Moscow", "Mosca")
    csv_path.write_text(edited, encoding="utf-8")
    jsonl = records.read_bytes()
    add_article(articles)
    with pytest.raises(RecordError, match=r"news-records\.csv: changed since accords generated "
                                          r"it.*copy your changes into news-records\.jsonl"):
        update_project_records(articles, records)
    assert csv_path.read_text(encoding="utf-8") == edited
    assert records.read_bytes() == jsonl  # refused before anything was written


def test_a_csv_from_before_the_generated_mark_is_upgraded_when_unedited(project):
    articles, records = project
    csv_path = records.with_suffix(".csv")
    legacy = (paths.records_dir() / "news-records.csv").read_text(encoding="utf-8")
    if legacy.startswith("#"):
        legacy = legacy.partition("\n")[2]
    csv_path.write_text(legacy, encoding="utf-8")
    check_records_csv(csv_path, read_record_file(records), records.name)
    update_project_records(articles, records)
    assert csv_path.read_text(encoding="utf-8").startswith("# accords: generated")


def test_a_brat_export_into_the_articles_folder_never_replaces_the_article(tmp_path):
    from accords.read.articles import read_article
    from accords.review.exchange import write_brat, write_w3c

    source = tmp_path / "art.txt"
    source.write_bytes(b"\xef\xbb\xbfMOSCA\r\nIl Kazakistan ha firmato.\r\n")
    before = source.read_bytes()
    article = read_article(source)
    with pytest.raises(ValueError, match="is the input file"):
        write_brat(article, [], tmp_path)
    with pytest.raises(ValueError, match="is the input file"):
        write_w3c(article, [], source)
    assert source.read_bytes() == before
    txt, _ = write_brat(article, [], tmp_path / "brat")
    assert txt.read_text(encoding="utf-8") == article.text
