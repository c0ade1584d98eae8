"""INCEpTION: UIMA CAS XMI through dkpro-cassis, out and back, offsets in UTF-16 units in the
file and code points in accords."""

from __future__ import annotations

import json
import shutil

import pytest
from lxml import etree

from accords.read.articles import Article
from accords.review import inception, store
from accords.review.exchange import ExchangeError
from accords.spans import make_span

# non-BMP characters (an emoji, a mathematical letter) before and inside spans, a line break
TEXT = ("🙂 Il 9 novembre 2021 a Mosca la Russia e il Kazakistan\nhanno firmato "
        "il programma 𝔸-2024.")
NE = "{http:///de/tudarmstadt/ukp/dkpro/core/api/ner/type.ecore}NamedEntity"


def _article(text: str = TEXT) -> Article:
    return Article(id="notizie/1 è", text=text)


def _at(article, word, label, norm=None, origin="rule:test"):
    start = article.text.index(word)
    return make_span(article, start, start + len(word), label, norm=norm, origin=origin)


def _spans(a):
    return [_at(a, "9 novembre 2021", "DATE", "2021-11-09"), _at(a, "Mosca", "PLACE"),
            _at(a, "Russia", "STATE", "RUS"), _at(a, "Kazakistan", "STATE", "KAZ"),
            _at(a, "programma 𝔸-2024", "AGREEMENT")]


def _utf16(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


def test_the_xmi_file_counts_utf16_units_and_holds_the_text_exactly(tmp_path):
    a = _article()
    xmi, types, manifest = inception.write_xmi(a, _spans(a), tmp_path)
    assert xmi.parent == tmp_path and xmi.name == "notizie%2F1%20%C3%A8.xmi"
    assert types.name == "TypeSystem.xml" and manifest.is_file()
    root = etree.parse(str(xmi)).getroot()
    sofa = root.find("{http:///uima/cas.ecore}Sofa")
    assert sofa.get("sofaString") == TEXT  # the line break survives the attribute
    assert len(list(root.iter(NE))) == 5
    for span in _spans(a):
        element = next(ne for ne in root.iter(NE) if ne.get("value") == span.label
                       and int(ne.get("end")) == _utf16(TEXT, span.end))
        assert int(element.get("begin")) == _utf16(TEXT, span.start)
        assert int(element.get("begin")) > span.start  # the emoji counted two units
        assert element.get("identifier") == span.norm
    agreement = next(ne for ne in root.iter(NE) if ne.get("value") == "AGREEMENT")
    assert int(agreement.get("end")) - int(agreement.get("begin")) == len("programma 𝔸-2024") + 1


def test_a_file_written_by_java_tools_reads_back_in_code_points(tmp_path):
    # an XMI written by hand as Java would: offsets in UTF-16 units after the emoji
    start = _utf16(TEXT, TEXT.index("Kazakistan"))
    (tmp_path / "doc.xmi").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore" '
        'xmlns:ner="http:///de/tudarmstadt/ukp/dkpro/core/api/ner/type.ecore" xmi:version="2.0">'
        '<cas:NULL xmi:id="0"/>'
        f'<ner:NamedEntity xmi:id="7" sofa="1" begin="{start}" end="{start + 10}" '
        'value="STATE" identifier="KAZ"/>'
        f'<cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" mimeType="text/plain" '
        f'sofaString="{TEXT.replace(chr(10), "&#10;")}"/>'
        '<cas:View sofa="1" members="7"/></xmi:XMI>', encoding="utf-8")
    doc_id, text, found = inception.read_xmi(tmp_path / "doc.xmi")
    (start_cp, end_cp, label, norm, ident) = found[0]
    assert text == TEXT and doc_id is None and ident == "7"
    assert text[start_cp:end_cp] == "Kazakistan" and (label, norm) == ("STATE", "KAZ")


def test_a_review_in_inception_comes_back_as_human_decisions(tmp_path):
    a = _article()
    folder = tmp_path / "annotations"
    store.save(store.Annotations.new(a, _spans(a)), store.annotation_path(a.id, folder))
    xmi, _, _ = inception.write_xmi(a, _spans(a), tmp_path / "out")
    # the reviewer deletes Mosca, corrects Kazakistan's code and adds an organisation
    tree = etree.parse(str(xmi))
    root = tree.getroot()
    view = root.find("{http:///uima/cas.ecore}View")
    for ne in list(root.iter(NE)):
        if ne.get("value") == "PLACE":
            root.remove(ne)
            ident = ne.get("{http://www.omg.org/XMI}id")
            view.set("members", " ".join(m for m in view.get("members").split() if m != ident))
        elif ne.get("identifier") == "KAZ":
            ne.set("identifier", "KAZ1")
    back = tmp_path / "from-inception"
    back.mkdir()
    tree.write(str(back / xmi.name), xml_declaration=True, encoding="UTF-8")
    shutil.copy(xmi.with_name("TypeSystem.xml"), back)
    report = inception.import_xmi(back / xmi.name, [a], folder=folder,
                                  manifest=xmi.with_name(xmi.stem + ".accords.json"))
    assert report.ok and report.saved
    notes = store.load(a, store.annotation_path(a.id, folder))
    decided = {(s.exact, s.label): (s.status, s.norm) for s in notes.human}
    assert decided[("Mosca", "PLACE")] == ("rejected", None)
    assert decided[("Kazakistan", "STATE")] == ("accepted", "KAZ1")
    assert decided[("programma 𝔸-2024", "AGREEMENT")] == ("accepted", None)
    assert all(a.text[s.start:s.end] == s.exact for s in notes.spans)
    # exported again: the rejected place is gone, the corrected code is there
    again, _, _ = inception.write_xmi(a, notes, tmp_path / "again")
    values = {(ne.get("value"), ne.get("identifier")) for ne in etree.parse(str(again)).iter(NE)}
    assert ("PLACE", None) not in values and ("STATE", "KAZ1") in values
    # importing the same file twice changes nothing
    twice = inception.import_xmi(back / xmi.name, [a], folder=folder,
                                 manifest=xmi.with_name(xmi.stem + ".accords.json"))
    assert twice.added == [] and twice.saved == []


def test_without_the_manifest_nothing_is_rejected_and_the_report_says_so(tmp_path):
    a = _article()
    xmi, _, manifest = inception.write_xmi(a, _spans(a)[:2], tmp_path)
    manifest.unlink()
    report = inception.import_xmi(xmi, [a], folder=tmp_path / "ann")
    assert "not recorded as rejections" in report.skipped[0]
    notes = store.load(a, store.annotation_path(a.id, tmp_path / "ann"))
    assert {s.status for s in notes.human} == {"accepted"}


def test_an_imported_decision_never_silently_replaces_a_stored_one(tmp_path):
    a = _article()
    folder = tmp_path / "annotations"
    xmi, _, _ = inception.write_xmi(a, _spans(a), tmp_path / "out")
    notes = store.Annotations.new(a, _spans(a))
    notes.reject(notes.find(exact="Mosca")[0])
    target = store.save(notes, store.annotation_path(a.id, folder))
    report = inception.import_xmi(xmi, [a], folder=folder)
    assert len(report.conflicts) == 1 and "Mosca" in report.conflicts[0]
    assert "kept the stored one" in report.conflicts[0]
    assert store.load(a, target).find(exact="Mosca")[0].status == "rejected"


def test_bad_files_are_errors_that_name_them_and_say_what_to_do(tmp_path):
    a = _article()
    (tmp_path / "broken.xmi").write_text("<xmi:XMI", encoding="utf-8")
    with pytest.raises(ExchangeError, match=r"broken\.xmi: not a UIMA CAS XMI.*UIMA CAS XMI"):
        inception.import_xmi(tmp_path / "broken.xmi", [a], folder=tmp_path / "ann")
    xmi, _, manifest = inception.write_xmi(a, _spans(a), tmp_path / "out")
    manifest.write_text(json.dumps({"offered": "all"}), encoding="utf-8")
    with pytest.raises(ExchangeError, match=r"accords\.json: not an accords manifest"):
        inception.import_xmi(xmi, [a], folder=tmp_path / "ann")
    root = etree.parse(str(xmi))
    next(root.getroot().iter(NE)).attrib.pop("value")
    root.write(str(xmi))
    with pytest.raises(ExchangeError, match=r"\.xmi: named entity xmi:id \d+ at .* has no "
                                            r"value \(label\); give it one"):
        inception.import_xmi(xmi, [a], folder=tmp_path / "ann", manifest=False)
    fresh, _, _ = inception.write_xmi(a, _spans(a), tmp_path / "fresh")
    with pytest.raises(ExchangeError, match=r"no article 'notizie/1 è' among the 0 given"):
        inception.import_xmi(fresh, [], folder=tmp_path / "ann")


def test_the_modules_examples_run():
    import doctest

    result = doctest.testmod(inception, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


def test_the_article_is_found_when_a_tool_renamed_the_document_id_to_the_file_name(tmp_path):
    a = _article()
    xmi, _, _ = inception.write_xmi(a, _spans(a)[:1], tmp_path)
    text = xmi.read_text(encoding="utf-8").replace('documentId="notizie/1 è"',
                                                    f'documentId="{xmi.name}"')
    xmi.write_text(text, encoding="utf-8")
    other = Article(id="other", text="Altro.")
    report = inception.import_xmi(xmi, [other, a], folder=tmp_path / "ann", manifest=False)
    assert report.ok and len(report.added) == 1
    with pytest.raises(ExchangeError, match=r"no article .*'notizie/1 è'.* pass the articles"):
        inception.import_xmi(xmi, [other], folder=tmp_path / "ann", manifest=False)


@pytest.mark.parametrize("doc_id", ["../../x", "/etc/passwd", "..", "a\x00b", "con",
                                    "ria/новости/1", "x" * 400])
def test_no_article_id_makes_the_xmi_writer_leave_its_folder(tmp_path, doc_id):
    a = Article(id=doc_id, text="Il Kazakistan ha firmato.")
    written = inception.write_xmi(a, [make_span(a, 3, 13, "STATE")], tmp_path / "out")
    assert all(p.parent == tmp_path / "out" for p in written)
    assert {p for p in tmp_path.rglob("*") if p.is_file()} == set(written)
    report = inception.import_xmi(written[0], [a], folder=tmp_path / "ann", manifest=False)
    assert len(report.added) == 1  # the article is found again from the file


def test_a_text_xml_cannot_hold_is_an_error_naming_the_character():
    a = Article(id="d", text="Il Kazakistan\x0cha firmato.")
    with pytest.raises(ExchangeError, match=r"'d': the text holds '\\x0c' at offset 13.*W3C"):
        inception.to_cas(a, [])
