"""Streaming keeps going: bad lines are skipped by their true number, encodings are detected
or refused, and broken brat or HTML files are errors that name themselves."""

from __future__ import annotations

import codecs
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import raw_texts

from accords.__main__ import main
from accords.extract.batch import echo_id, run
from accords.read.articles import ArticleError, iter_jsonl, read_article
from accords.read.text import DecodeError, decode, normalise
from accords.review.exchange import ExchangeError, read_brat


def row(i: int, **extra) -> bytes:
    return (json.dumps({"id": f"a{i}", "text": f"testo {i}", **extra}) + "\n").encode()


def test_an_undecodable_line_is_skipped_by_its_true_number_and_the_rest_written(tmp_path):
    lines = [row(i) for i in range(1, 1001)]
    lines[499] = b'{"id": "a500", "text": "citt\xe0"}\n'  # cp1252, not UTF-8
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"".join(lines))
    report = run(source, tmp_path / "out.jsonl", task=echo_id, progress=False)
    assert [(e.line, e.message[:17]) for e in report.errors] == [(500, "not valid UTF-8 a")]
    assert report.written == 999
    ids = [json.loads(x)["id"] for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert "a500" not in ids and ids[-1] == "a1000"


def test_the_exit_status_says_lines_were_skipped(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_bytes(row(1) + b"\xff\xfe broken\n" + b"{oops\n" + row(4))
    assert main(["read", str(source), "-o", str(tmp_path / "out.jsonl"), "-q"]) == 1
    err = capsys.readouterr().err
    assert "line 2: not valid UTF-8" in err and "line 3: not valid JSON" in err
    assert "2 of 4 lines written" in err and "2 skipped" in err


def test_duplicate_ids_are_reported_and_written_once(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_bytes(row(1) + row(2) + row(1))
    report = run(source, tmp_path / "out.jsonl", task=echo_id, progress=False, jobs=1)
    assert [(e.line, e.article_id) for e in report.errors] == [(3, "a1")]
    assert "duplicate id (first on line 1)" in report.errors[0].message
    assert (tmp_path / "out.jsonl").read_text().count('"a1"') == 1


def test_a_utf16_corpus_is_refused_for_streaming_with_what_to_do(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_bytes(codecs.BOM_UTF16_LE + (row(1) + row(2)).decode().encode("utf-16-le"))
    assert main(["read", str(source), "-o", str(tmp_path / "out.jsonl"), "-q"]) == 2
    assert "UTF-16 but JSON Lines input must be UTF-8" in capsys.readouterr().err.replace(
        ",", "")
    assert not (tmp_path / "out.jsonl").exists()


TEXT = ("MOSCA - Il Kazakistan e la Russia hanno firmato, scrive l'agenzia di stampa "
        "russa. 👍\nФедерация")


@pytest.mark.parametrize("codec,bom", [
    ("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE),
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", b""), ("utf-32-be", b""), ("utf-16-le", b""), ("utf-16-be", b""),
    ("utf-8", codecs.BOM_UTF8)])
def test_wide_encodings_are_detected_with_or_without_a_byte_order_mark(codec, bom):
    assert decode(bom + TEXT.encode(codec), "a.txt") == TEXT


def test_a_utf32_file_is_read_as_utf32_not_as_utf16_full_of_nuls(tmp_path):
    path = tmp_path / "ru.txt"
    path.write_bytes(TEXT.encode("utf-32"))
    article = read_article(path)
    assert article.text == TEXT and "\x00" not in article.text


def test_a_nul_after_the_first_8_kib_is_refused_naming_its_line():
    data = ("parola " * 2000 + "\nriga due\x00 fine\n").encode("utf-8")
    with pytest.raises(DecodeError, match=r"a\.txt: NUL character at line 2, column 9"):
        decode(data, "a.txt")


def test_a_nul_escaped_in_a_jsonl_text_is_refused_naming_the_line(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_bytes(row(1) + row(2, text="a\\u0000b").replace(b'\\\\u', b'\\u'))
    with pytest.raises(ArticleError, match=r"c\.jsonl:2: the text holds a NUL"):
        list(iter_jsonl(path))


def test_invalid_utf8_names_its_line():
    with pytest.raises(DecodeError, match=r"at byte 13 \(line 2\)"):
        decode(b"riga uno\ncitt\xe0\n", "a.txt")


def test_brat_duplicate_ids_name_the_file_and_both_lines(tmp_path):
    (tmp_path / "d.txt").write_text("Mosca e Roma", encoding="utf-8")
    (tmp_path / "d.ann").write_text("T1\tPLACE 0 5\tMosca\nT1\tPLACE 8 12\tRoma\n",
                                    encoding="utf-8")
    with pytest.raises(ExchangeError, match=r"d\.ann:2: annotation id T1 was already used "
                                            r"on line 1"):
        read_brat(tmp_path / "d.txt")


NAV_ONLY = """<html><head><title>Example News</title></head><body><header><nav><ul>
<li><a href="/">Home</a></li><li><a href="/w">World</a></li><li><a href="/s">Sport</a></li>
<li><a href="/c">Contact us today</a></li></ul></nav></header>
<footer><p>Copyright 2024 Example News. All rights reserved.</p></footer></body></html>"""


@pytest.mark.parametrize("html", [NAV_ONLY, "<html><body><img src='x.png'></body></html>"],
                         ids=["menus only", "markup only"])
def test_an_html_file_without_main_text_is_an_error_naming_it(tmp_path, html):
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    with pytest.raises(ArticleError, match=r"page\.html: no main text found"):
        read_article(path)


@settings(max_examples=100, deadline=None)
@given(raw_texts, st.sampled_from(["utf-16", "utf-32"]))
def test_any_text_with_a_byte_order_mark_decodes_to_its_normal_form(raw, codec):
    if "\x00" in raw or not raw:
        return
    assert decode(raw.encode(codec), "x.txt") == normalise(raw)
