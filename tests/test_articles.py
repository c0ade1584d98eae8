"""Reading articles from .txt, .jsonl, .html and folders; every bad input says what to do."""

from __future__ import annotations

import hashlib
import json

import pytest

from accords import paths
from accords.read.articles import Article, ArticleError, read_article, read_articles


def write(path, content):
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def test_the_seed_reads_with_its_metadata():
    seed = read_article(paths.articles_dir() / "seed-it-001.txt")
    assert seed.id == "seed-it-001"
    assert seed.title == "Russia-Kazakistan: firmato un programma di partenariato per la Difesa"
    assert seed.outlet == "Pars Today Italiano"
    assert seed.published is None
    assert seed.lang == "it" and seed.lang_source == "declared"
    assert seed.meta["cited_source"] == "sicurezzainternazionale"
    assert seed.sha256 == hashlib.sha256(seed.text.encode("utf-8")).hexdigest()


def test_txt_first_line_is_the_headline_and_text_is_normalised(tmp_path):
    raw = "\ufeffRoma e Parigi firmano\r\nROMA – Il ministro e\u0300 qui.\r\n"
    path = write(tmp_path / "a1.txt", raw)
    article = read_article(path)
    assert article.title == "Roma e Parigi firmano"
    assert article.text == "Roma e Parigi firmano\nROMA – Il ministro è qui.\n"
    assert article.lang == "it" and article.lang_source == "detected"


def test_jsonl_keeps_unknown_fields_and_parses_dates(tmp_path):
    rows = [
        {"id": "x1", "url": "https://example.org/1", "lang": "en", "published": "2021-11-09",
         "title": "A", "text": "A\nThe ministers signed a plan.", "agreements": [], "extra": 5},
        {"id": "x2", "text": "Die Minister unterzeichneten gestern ein Abkommen in Berlin."},
    ]
    path = write(tmp_path / "c.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n\n")
    first, second = read_articles(path)
    assert first.published.isoformat() == "2021-11-09"
    assert first.meta == {"agreements": [], "extra": 5}
    assert first.to_dict()["extra"] == 5
    assert second.lang == "de" and second.title is None


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (['{"id": "a", "text": "ok"}', "{not json"], r"c.jsonl:2: not valid JSON"),
        (['{"id": "a", "title": "no text"}'], r"c.jsonl:1: no 'text' field"),
        (['{"text": "no id"}'], r"c.jsonl:1: no 'id'"),
        (['{"id": "a", "text": "x"}', '', '{"id": "a", "text": "y"}'],
         r"c.jsonl:3: duplicate id 'a' \(first on line 1\)"),
        (['{"id": "a", "text": "   "}'], r"c.jsonl:1: the text is empty"),
        (['{"id": "a", "text": "x", "published": "9 novembre"}'], r"c.jsonl:1: published="),
        (['["a", "b"]'], r"c.jsonl:1: must be a JSON object"),
        (["", "  "], r"c.jsonl: the file is empty"),
    ],
)
def test_bad_jsonl_lines_name_file_and_line(tmp_path, lines, message):
    path = write(tmp_path / "c.jsonl", "\n".join(lines))
    with pytest.raises(ArticleError, match=message):
        read_articles(path)


def test_missing_file_and_empty_file(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(ArticleError, match="the file is empty"):
        read_article(write(tmp_path / "empty.txt", ""))


def test_binary_file_is_refused_with_its_name(tmp_path):
    path = write(tmp_path / "photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    with pytest.raises(ArticleError, match=r"photo.txt: looks like a binary file"):
        read_article(path)


def test_text_in_another_encoding_is_refused_unless_declared(tmp_path):
    path = write(tmp_path / "old.txt", "Firmato l'accordo a Città del Messico".encode("cp1252"))
    with pytest.raises(ArticleError, match=r"old.txt: not valid UTF-8 at byte \d+"):
        read_article(path)
    assert "Città" in read_article(path, encoding="cp1252").text


def test_folder_reads_every_article_sorted_and_refuses_duplicates(tmp_path):
    write(tmp_path / "b.txt", "Titolo B\nTesto dell'articolo B.")
    write(tmp_path / "a.jsonl", json.dumps({"id": "j1", "text": "Title\nSome text."}) + "\n")
    write(tmp_path / "notes.md", "not an article")
    assert [a.id for a in read_articles(tmp_path)] == ["j1", "b"]
    write(tmp_path / "c.jsonl", json.dumps({"id": "b", "text": "again"}) + "\n")
    with pytest.raises(ArticleError, match=r"c.jsonl:1: duplicate id 'b', already read from"):
        read_articles(tmp_path)


def test_folder_without_articles_is_an_error(tmp_path):
    write(tmp_path / "readme.md", "nothing here")
    with pytest.raises(ArticleError, match="no articles here"):
        read_articles(tmp_path)


def test_unsupported_suffix(tmp_path):
    with pytest.raises(ArticleError, match=r"unsupported file type \.pdf"):
        read_article(write(tmp_path / "x.pdf", "x"))


def test_sidecar_metadata_is_validated(tmp_path):
    write(tmp_path / "a.txt", "Titolo\nTesto.")
    write(tmp_path / "a.meta.json", "{broken")
    with pytest.raises(ArticleError, match=r"a.meta.json: not valid UTF-8 JSON"):
        read_article(tmp_path / "a.txt")


HTML = """<!doctype html><html lang="it"><head><title>Difesa: firmato l'accordo</title>
<meta property="og:site_name" content="Notizie di Prova">
<meta property="article:published_time" content="2021-11-10T08:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/mondo">Mondo</a> | Cookie policy</nav>
<article><h1>Difesa: firmato l'accordo</h1>
<p>ROMA – Il ministro della Difesa ha firmato ieri un accordo di cooperazione con il suo
omologo, durante una visita ufficiale di due giorni nella capitale.</p>
<p>L'intesa riguarda l'addestramento congiunto, la sanità militare e la ricerca, e resterà
in vigore per cinque anni a partire dalla data della firma.</p>
<script>alert("x")</script></article>
<footer>Tutti i diritti riservati</footer></body></html>"""


def test_html_gives_main_text_title_and_date(tmp_path):
    article = read_article(write(tmp_path / "page.html", HTML))
    assert article.title == "Difesa: firmato l'accordo"
    assert article.text.startswith("Difesa: firmato l'accordo\nROMA – Il ministro")
    assert "Home" not in article.text and "alert" not in article.text
    assert article.published.isoformat() == "2021-11-10"
    assert article.outlet == "Notizie di Prova"


def test_article_normalises_text_given_directly():
    article = Article(id="t", text="\ufeffa\r\nb e\u0301")
    assert article.text == "a\nb é"
    with pytest.raises(ArticleError, match="id must be a non-empty string"):
        Article(id=" ", text="x")


def test_every_dev_article_reads_with_language_title_and_fingerprint(dev_corpus_path, dev_rows):
    articles = read_articles(dev_corpus_path)
    assert [a.id for a in articles] == [r["id"] for r in dev_rows]
    for article, row in zip(articles, dev_rows, strict=True):
        assert article.lang == row["lang"]
        assert article.title == row["title"]
        assert article.text == row["text"]  # the corpus is already normalised
        assert article.meta["agreements"] == row["agreements"]
