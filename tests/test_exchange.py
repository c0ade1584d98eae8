"""brat and W3C round trips, including property tests over awkward texts."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accords.read.articles import Article
from accords.review.exchange import (
    ExchangeError,
    from_w3c,
    read_brat,
    read_w3c,
    to_w3c,
    write_brat,
    write_w3c,
)
from accords.spans import make_span

# Pieces of text that break offset arithmetic in popular tools.
PIECES = st.sampled_from([
    "Kazakistan", " ", "\n", "\r\n", "e\u0301", "é", "🙂", "👍🏽", "Мосва", "日本", "\t",
    "<script>", "&amp;", "ß", "ﬁ", "a", "Z",
])
RAW_TEXTS = st.builds(lambda bom, parts: ("\ufeff" if bom else "") + "".join(parts),
                      st.booleans(), st.lists(PIECES, min_size=1, max_size=25))


def spans_of(article, data, allow_empty):
    n = len(article.text)
    bounds = st.tuples(st.integers(0, n), st.integers(0, n)).map(sorted)
    pairs = data.draw(st.lists(bounds, max_size=6))
    spans = []
    for i, (a, b) in enumerate(pairs):
        if a == b and not allow_empty:
            continue
        if a < b and not article.text[a:b].strip("\n"):
            continue
        spans.append(make_span(article, a, b, ["STATE", "DATE", "NOTE"][i % 3],
                               norm=None if i % 2 else f"N{i}", attrs={"i": i, "é": [1, "🙂"]},
                               origin="human" if i % 2 else "rule:test",
                               status=["proposed", "accepted", "rejected"][i % 3]))
    return spans


def _same(a, b):
    return [s.to_dict() for s in a] == [s.to_dict() for s in b]


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=RAW_TEXTS, data=st.data())
def test_brat_round_trip_keeps_every_span(tmp_path, raw, data):
    article = Article(id="doc", text=raw)
    spans = spans_of(article, data, allow_empty=False)
    txt, ann = write_brat(article, spans, tmp_path)
    text, back = read_brat(txt, ann)
    assert text == article.text
    assert _same(back, sorted(spans, key=lambda s: s.sort_key()))


@settings(max_examples=150)
@given(raw=RAW_TEXTS, data=st.data())
def test_w3c_round_trip_keeps_every_span_including_empty_ones(raw, data):
    article = Article(id="doc", text=raw)
    spans = spans_of(article, data, allow_empty=True)
    doc = json.loads(json.dumps(to_w3c(article, spans)))
    assert _same(from_w3c(doc, article), sorted(spans, key=lambda s: s.sort_key()))


def test_brat_refuses_an_empty_span_and_says_to_use_w3c(tmp_path):
    article = Article(id="doc", text="abc")
    with pytest.raises(ExchangeError, match=r"empty span.*W3C"):
        write_brat(article, [make_span(article, 1, 1, "NOTE")], tmp_path)


def test_brat_written_text_is_the_normalised_text(tmp_path):
    article = Article(id="doc", text="\ufeffcafe\u0301\r\nMosca")
    txt, _ = write_brat(article, [make_span(article, 5, 10, "PLACE")], tmp_path)
    assert txt.read_bytes() == "café\nMosca".encode()


def test_brat_file_from_another_tool_with_bom_crlf_and_nfd_maps_onto_normalised_text(tmp_path):
    raw = "\ufeffIl Kazakhstan\r\ne\u0301 la Russia"
    (tmp_path / "x.txt").write_bytes(raw.encode("utf-8"))
    start = raw.index("Russia")
    (tmp_path / "x.ann").write_text(f"T1\tSTATE {start} {start + 6}\tRussia\n"
                                    "#1\tAnnotatorNotes T1\tRUS\n", encoding="utf-8")
    text, (span,) = read_brat(tmp_path / "x.txt")
    assert text == "Il Kazakhstan\né la Russia"
    assert (text[span.start:span.end], span.norm, span.origin) == ("Russia", "RUS", "human")


def test_brat_refuses_an_ann_that_does_not_match_its_text(tmp_path):
    (tmp_path / "x.txt").write_text("Il Kazakistan", encoding="utf-8")
    (tmp_path / "x.ann").write_text("T1\tSTATE 0 2\tKa\n", encoding="utf-8")
    with pytest.raises(ExchangeError, match=r"x\.ann:1.*do not belong together"):
        read_brat(tmp_path / "x.txt")


def test_w3c_has_both_selectors_and_re_anchors_by_quote_when_positions_moved(tmp_path):
    article = Article(id="doc", text="Il Kazakistan ha firmato.")
    span = make_span(article, 3, 13, "STATE", norm="KAZ", origin="rule:state")
    path = write_w3c(article, [span], tmp_path / "doc.jsonld")
    item = json.loads(path.read_text(encoding="utf-8"))["first"]["items"][0]
    assert {s["type"] for s in item["target"]["selector"]} == {"TextPositionSelector",
                                                               "TextQuoteSelector"}
    edited = Article(id="doc", text="Ieri il Kazakistan ha firmato.")
    (moved,) = read_w3c(path, edited)
    assert edited.text[moved.start:moved.end] == "Kazakistan" and moved.norm == "KAZ"


# --------------------------------------------------------------------------- brat config


def test_brat_gets_its_annotation_conf_and_colours_beside_the_files(tmp_path):
    from accords.review.exchange import BRAT_CONF, BRAT_VISUAL

    article = Article(id="d", text="Il Kazakistan e la NATO")
    write_brat(article, [make_span(article, 3, 13, "STATE"),
                         make_span(article, 19, 23, "ALLIANCE")], tmp_path)
    conf = (tmp_path / BRAT_CONF).read_text(encoding="utf-8")
    entities = conf.split("[entities]\n")[1].split("\n\n")[0].splitlines()
    assert entities[0] == "STATE" and "ALLIANCE" in entities and len(entities) == 11
    for section in ("[relations]", "[events]", "[attributes]"):
        assert section in conf
    visual = (tmp_path / BRAT_VISUAL).read_text(encoding="utf-8")
    assert "\nSTATE\tbgColor:#" in visual and "\nALLIANCE\tbgColor:#" in visual


def test_a_users_brat_conf_only_gains_the_missing_types(tmp_path):
    from accords.review.exchange import BRAT_CONF

    mine = ("# my project\n[entities]\nSTATE\n\tCAPITAL\n!Thing\n\n[relations]\n"
            "Located\tArg1:CAPITAL, Arg2:STATE\n\n[events]\n\n[attributes]\n")
    (tmp_path / BRAT_CONF).write_text(mine, encoding="utf-8")
    article = Article(id="d", text="Il Kazakistan")
    write_brat(article, [make_span(article, 3, 13, "STATE")], tmp_path)
    conf = (tmp_path / BRAT_CONF).read_text(encoding="utf-8")
    assert conf.startswith("# my project\n[entities]\nSTATE\n\tCAPITAL\n!Thing\nORG\n")
    assert conf.splitlines().count("STATE") == 1 and "Located\tArg1:CAPITAL, Arg2:STATE" in conf
    assert conf.endswith("[attributes]\n")
    write_brat(article, [make_span(article, 3, 13, "STATE")], tmp_path)
    assert (tmp_path / BRAT_CONF).read_text(encoding="utf-8") == conf  # nothing to add


# --------------------------------------------------------------------------- W3C ids

ODD_IDS = ["cronaca 1", "reuters/2021/11/09", "../../x", "Москва-1", "a#b?c=d", "100%",
           "x:y", "tab\there", "emoji 🙂", "a\x00b", " lead", "<script>"]
_IRI = re.compile(r"^[a-z][a-z0-9+.\-]*:(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-F]{2}"
                  r"|[\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U000EFFFD])+$")


@pytest.mark.parametrize("doc_id", ODD_IDS)
def test_w3c_ids_made_from_odd_article_ids_are_valid_iris(doc_id):
    from urllib.parse import unquote

    article = Article(id=doc_id, text="Il Kazakistan")
    doc = to_w3c(article, [make_span(article, 3, 13, "STATE", origin="rule:state"),
                           make_span(article, 3, 13, "STATE")])
    ids = [doc["id"], *(item["id"] for item in doc["first"]["items"]),
           *(item["target"]["source"] for item in doc["first"]["items"])]
    for iri in ids:
        assert _IRI.match(iri), iri
    first = doc["first"]["items"][0]["id"]
    assert first.startswith("urn:accords:annotation:")
    assert unquote(first.split(":")[3]) == doc_id  # the id is recoverable from the IRI
    assert len(set(ids[1:3])) == 2  # the human and the rule span keep distinct ids
    back = from_w3c(json.loads(json.dumps(doc)), article)
    assert [s.origin for s in back] == ["human", "rule:state"]


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=30), st.text(min_size=1, max_size=30))
def test_different_article_ids_give_different_valid_w3c_ids(a, b):
    from accords.review.exchange import iri_part

    assert _IRI.match(f"urn:accords:doc:{iri_part(a)}")
    if a != b:
        assert iri_part(a) != iri_part(b)


def test_a_users_url_with_spaces_becomes_a_valid_iri_source():
    article = Article(id="d", text="Il Kazakistan", url="https://example.org/a b/ü?q=1%")
    doc = to_w3c(article, [make_span(article, 3, 13, "STATE")])
    source = doc["first"]["items"][0]["target"]["source"]
    assert source == "https://example.org/a%20b/ü?q=1%25" and _IRI.match(source)
