"""Article ids are data, never paths: whatever the id, writers stay inside their folder."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accords.read.articles import Article
from accords.review import exchange, store
from accords.review.store import id_filename
from accords.spans import make_span

NASTY = ["../../x", "/etc/passwd", "..", ".", "a/../../b", "C:\\Windows\\x", "a\x00b", "con",
         "NUL.txt", "com1", ".hidden", "trailing.", "sp ace", "%2E%2E", "~x", "x" * 400,
         "ria/новости/1", "\\\\server\\share"]

ids = st.one_of(st.sampled_from(NASTY),
                st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1,
                         max_size=60)).filter(lambda s: s.strip() and s == s.strip())


def all_files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def write_everything(doc_id: str, root: Path) -> Path:
    target = root / "out"
    target.mkdir()
    article = Article(id=doc_id, text="Il Kazakistan ha firmato.")
    notes = store.Annotations.new(article, [make_span(article, 3, 13, "STATE", norm="KAZ")])
    store.save(notes, store.annotation_path(doc_id, target))
    exchange.write_brat(article, notes.spans, target)
    return target


@settings(max_examples=150, deadline=None)
@given(ids)
def test_no_id_makes_a_writer_leave_its_folder(doc_id):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        target = write_everything(doc_id, root)
        written = all_files(root)
        assert written and all(p.parent == target for p in written)
        assert {p.name for p in written} == {id_filename(doc_id, s) for s in (
            ".json", ".txt", ".ann")} | {"annotation.conf", "visual.conf"}  # brat's config
        assert all(len(p.name.encode()) <= 255 and "\x00" not in p.name for p in written)


@settings(max_examples=300, deadline=None)
@given(ids, ids)
def test_different_ids_get_different_file_names(a, b):
    if a != b:
        assert id_filename(a) != id_filename(b)


@pytest.mark.parametrize("doc_id", NASTY)
def test_each_nasty_id_is_a_plain_name(doc_id):
    name = id_filename(doc_id, ".json")
    assert "/" not in name and "\\" not in name and not name.startswith(".")
    assert name.split(".")[0].upper() not in {"CON", "NUL", "COM1"}


def test_loading_an_id_with_slashes_reads_back_what_was_saved(tmp_path):
    article = Article(id="reuters/2021/11/09", text="Mosca")
    path = store.save(store.Annotations.new(article), store.annotation_path(article.id,
                                                                            tmp_path))
    assert path.parent == tmp_path
    assert store.load(article, path).doc_id == "reuters/2021/11/09"


def test_a_brat_name_given_by_the_caller_cannot_escape_either(tmp_path):
    article = Article(id="d", text="Mosca")
    txt, ann = exchange.write_brat(article, [], tmp_path / "out", name="../../evil")
    assert txt.parent == ann.parent == tmp_path / "out"
