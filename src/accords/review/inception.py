"""INCEpTION: UIMA CAS XMI files (through dkpro-cassis) out, and back as human decisions.

**Out.** :func:`write_xmi` writes, for one article, ``<name>.xmi`` (UIMA CAS XMI 1.0: the
article's text as the document and one DKPro Core ``NamedEntity`` per span that stands after
review, ``value`` = the label, ``identifier`` = the normalised value — INCEpTION's built-in
named-entity layer), ``TypeSystem.xml`` beside it, and ``<name>.accords.json``, which lists the
spans offered (so that the import can tell which ones a reviewer deleted). The article id is
the document's ``DocumentMetaData.documentId``. ``<name>`` comes from
:func:`accords.review.store.id_filename`, so every file lands directly inside the folder.

**Offsets.** UIMA runs on Java, whose strings count UTF-16 code units, so the ``begin`` and
``end`` written in an XMI file count UTF-16 units: a character outside the Basic Multilingual
Plane (an emoji, 𝔸) counts two. dkpro-cassis converts: in Python a CAS counts code points,
and it writes and reads UTF-16 offsets in the file. accords hands it code points of the NFC
text, so nothing needs converting here; ``tests/test_inception.py`` checks the offsets in the
file itself on text with non-BMP characters.

**Back.** :func:`import_xmi` reads an XMI file exported from INCEpTION (with its
``TypeSystem.xml`` beside it, or accords' own type system, leniently ignoring other layers):
every ``NamedEntity`` is an *accepted* human decision, and, when the manifest written at
export is found (``manifest=``, or ``<name>.accords.json`` beside the file), every offered
span the reviewer deleted is *rejected*. Decisions already in the store are never silently
replaced: a different verdict is reported as a conflict and the stored one kept
(``on_conflict="replace"`` takes the imported one).

>>> from accords.read.articles import Article
>>> from accords.spans import make_span
>>> a = Article(id="d", text="🙂 a Mosca")
>>> cas = to_cas(a, [make_span(a, 4, 9, "PLACE", origin="rule:place")])
>>> ne = cas.select(NAMED_ENTITY)[0]
>>> ne.begin, ne.end, ne.get_covered_text(), ne.value   # code points in Python
(4, 9, 'Mosca', 'PLACE')
>>> 'begin="5"' in cas.to_xmi()                        # UTF-16 units in the file
True
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from accords.read.text import fingerprint
from accords.review.exchange import (
    ExchangeError,
    ImportReport,
    _refuse_source,
    articles_by_id,
    checked_annotations,
    record_verdicts,
    verdict_spans,
)
from accords.review.store import Annotations, atomic_write_text, id_filename
from accords.spans import Span, sort_spans

__all__ = [
    "DOCUMENT_META",
    "NAMED_ENTITY",
    "import_xmi",
    "read_xmi",
    "to_cas",
    "typesystem",
    "write_xmi",
]

NAMED_ENTITY = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
DOCUMENT_META = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
TYPESYSTEM_NAME = "TypeSystem.xml"
MANIFEST_SUFFIX = ".accords.json"


def typesystem():
    """The UIMA type system of the files: DKPro Core's ``NamedEntity`` (``value``,
    ``identifier``) and ``DocumentMetaData`` (``documentId``, ``documentTitle``,
    ``documentUri``), as INCEpTION knows them."""
    from cassis import TypeSystem

    ts = TypeSystem()
    ne = ts.create_type(NAMED_ENTITY, supertypeName="uima.tcas.Annotation",
                        description="A named entity: value is the class, identifier a code.")
    ts.create_feature(ne, "value", "uima.cas.String")
    ts.create_feature(ne, "identifier", "uima.cas.String")
    meta = ts.create_type(DOCUMENT_META, supertypeName="uima.tcas.DocumentAnnotation",
                          description="Which document the CAS holds.")
    for name in ("documentTitle", "documentId", "documentUri"):
        ts.create_feature(meta, name, "uima.cas.String")
    return ts


#: characters XML 1.0 cannot hold, even escaped
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_value(value: str | None) -> str | None:
    """A metadata value XML can hold: when it has characters XML 1.0 forbids, those and
    ``%`` are percent-encoded (``urllib.parse.unquote`` gives the value back)."""
    if value is None or not _NOT_XML.search(value):
        return value
    return re.sub("%|" + _NOT_XML.pattern, lambda m: "".join(
        f"%{b:02X}" for b in m.group(0).encode("utf-8", "surrogatepass")), value)




def to_cas(article: Any, spans: Annotations | Iterable[Span], ts=None):
    """A cassis ``Cas`` of ``article`` with a ``NamedEntity`` per span standing after review
    (rejected spans and rule spans a human overrode are left out)."""
    from cassis import Cas

    ts = ts or typesystem()
    notes = checked_annotations(article, spans)
    bad = _NOT_XML.search(article.text)
    if bad:
        raise ExchangeError(f"{article.id!r}: the text holds {bad.group(0)!r} at offset "
                            f"{bad.start()}, a character XML cannot hold, so it cannot go to "
                            "an XMI file; remove it from the article (and re-annotate), or "
                            "export to W3C (write_w3c) instead.")
    cas = Cas(typesystem=ts)
    cas.sofa_string = article.text
    cas.sofa_mime = "text/plain"
    meta = ts.get_type(DOCUMENT_META)
    cas.add(meta(begin=0, end=len(article.text), documentId=_xml_value(article.id),
                 documentTitle=_xml_value(getattr(article, "title", None) or article.id),
                 documentUri=_xml_value(getattr(article, "url", None))))
    ne = ts.get_type(NAMED_ENTITY)
    for span in sort_spans(notes.effective()):
        cas.add(ne(begin=span.start, end=span.end, value=span.label, identifier=span.norm))
    return cas


def write_xmi(article: Any, spans: Annotations | Iterable[Span], folder: str | Path,
              name: str | None = None) -> tuple[Path, Path, Path]:
    """Write ``<name>.xmi``, ``TypeSystem.xml`` and ``<name>.accords.json`` into ``folder``
    (atomically); returns the three paths."""
    folder = Path(folder)
    notes = checked_annotations(article, spans)
    ts = typesystem()
    cas = to_cas(article, notes, ts)
    stem = id_filename(name or article.id)
    xmi, types, manifest = (folder / f"{stem}.xmi", folder / TYPESYSTEM_NAME,
                            folder / f"{stem}{MANIFEST_SUFFIX}")
    _refuse_source(article, xmi, types, manifest)
    offered = [[s.start, s.end, s.label, s.norm] for s in sort_spans(notes.effective())]
    atomic_write_text(xmi, cas.to_xmi(pretty_print=True))
    atomic_write_text(types, ts.to_xml())
    atomic_write_text(manifest, json.dumps(
        {"format": "accords.review.inception/1", "doc_id": article.id, "doc_sha256": article.sha256,
         "offsets": "code points of the document text", "offered": offered},
        ensure_ascii=False, indent=1) + "\n")
    return xmi, types, manifest


def read_xmi(path: str | Path, typesystem_path: str | Path | None = None
             ) -> tuple[str | None, str, list[tuple[int, int, str, str | None, str]]]:
    """``(document id, text, [(start, end, label, norm, xmi id), ...])`` of an XMI file,
    offsets in code points. The type system is ``typesystem_path``, else ``TypeSystem.xml``
    (or ``typesystem.xml``) beside the file, else accords' own (other layers ignored)."""
    from cassis import load_cas_from_xmi, load_typesystem

    path = Path(path)
    if typesystem_path is None:
        typesystem_path = next((p for p in (path.parent / TYPESYSTEM_NAME,
                                            path.parent / "typesystem.xml") if p.is_file()),
                               None)
    try:
        ts = load_typesystem(Path(typesystem_path)) if typesystem_path else typesystem()
    except Exception as exc:  # cassis raises plain exceptions for bad type systems
        raise ExchangeError(f"{typesystem_path}: not a UIMA type system ({exc}); give the "
                            "TypeSystem.xml INCEpTION exported with the file.") from exc
    try:
        cas = load_cas_from_xmi(path, typesystem=ts, lenient=True)
    except Exception as exc:  # lxml and cassis errors alike
        raise ExchangeError(f"{path}: not a UIMA CAS XMI file accords can read "
                            f"({type(exc).__name__}: {exc}); export "
                            "the document from INCEpTION as 'UIMA CAS XMI (XML 1.0)'.") from exc
    text = cas.sofa_string
    if not isinstance(text, str):
        raise ExchangeError(f"{path}: the CAS holds no document text; export the document "
                            "itself, not only its annotations.")
    doc_id = None
    if ts.contains_type(DOCUMENT_META):
        metas = cas.select(DOCUMENT_META)
        doc_id = metas[0].get("documentId") if metas else None
    if not ts.contains_type(NAMED_ENTITY):
        return doc_id, text, []
    found = []
    for ne in cas.select(NAMED_ENTITY):
        ident = ne.xmiID
        label = ne.get("value")
        if not isinstance(label, str) or not label.strip():
            raise ExchangeError(f"{path}: named entity xmi:id {ident} at {ne.begin}-{ne.end} "
                                f"({text[ne.begin:ne.end]!r}) has no value (label); give it "
                                "one in INCEpTION or delete it, then export again.")
        norm = ne.get("identifier")
        found.append((ne.begin, ne.end, label.strip(), norm or None, str(ident)))
    return doc_id, text, found


def _manifest(path: Path, manifest: str | Path | bool | None) -> dict[str, Any] | None:
    if manifest is False:
        return None
    if manifest is None or manifest is True:
        beside = path.with_name(path.stem + MANIFEST_SUFFIX)
        if not beside.is_file():
            return None
        manifest = beside
    manifest = Path(manifest)
    try:
        doc = json.loads(manifest.read_text(encoding="utf-8"))
        offered = doc["offered"]
        if not isinstance(offered, list) or not all(
                isinstance(o, list) and len(o) == 4 and type(o[0]) is int
                and type(o[1]) is int and isinstance(o[2], str) for o in offered):
            raise ValueError("'offered' must be a list of [start, end, label, norm]")
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError,
            ValueError) as exc:
        raise ExchangeError(f"{manifest}: not an accords manifest ({exc}); give the "
                            f"{MANIFEST_SUFFIX} file write_xmi wrote with the document.") from exc
    return doc


def _which_article(path: Path, by_id: dict[str, Any], doc_id: str | None,
                   found_id: str | None, book: dict[str, Any] | None) -> Any:
    """The article an XMI file is about: ``doc_id`` when given; else the first known id
    among the file's ``documentId``, the manifest's ``doc_id`` and the ids that the file
    name (or a ``documentId`` that is a file name, as a tool may set) encodes."""
    from urllib.parse import unquote

    if doc_id is not None:
        candidates = [doc_id]
    else:
        candidates = [c for c in (found_id, (book or {}).get("doc_id")) if c]
        if found_id and "%" in found_id:
            candidates.append(unquote(found_id))  # an id with characters XML cannot hold
        for name in (found_id, path.name):
            if name:
                stem = name[:-4] if name.endswith(".xmi") else name
                candidates.append(unquote(stem) if "%" in stem else stem)
    for candidate in dict.fromkeys(candidates):
        if candidate in by_id:
            return by_id[candidate]
    if not candidates:
        raise ExchangeError(f"{path}: no document id in the file and no manifest; pass "
                            "doc_id= with the article's id.")
    tried = ", ".join(repr(c) for c in dict.fromkeys(candidates))
    raise ExchangeError(f"{path}: no article {tried} among the {len(by_id)} given; pass the "
                        "articles the file was made from (articles=...), or doc_id=.")


def import_xmi(path: str | Path, articles: Any = None, *,
               manifest: str | Path | bool | None = None,
               typesystem_path: str | Path | None = None, doc_id: str | None = None,
               folder: str | Path | None = None, on_conflict: str = "keep",
               dry_run: bool = False) -> ImportReport:
    """Record the decisions of an XMI file from INCEpTION in the annotation store.

    The article is ``doc_id``, else the one named by the file's
    ``DocumentMetaData.documentId``, the manifest or the file name (see
    :func:`_which_article`); ``articles`` as in :func:`accords.review.labelstudio.import_export`.
    A named entity without an ``identifier`` keeps the norm accords offered for that span.
    """
    path = Path(path)
    found_id, text, entities = read_xmi(path, typesystem_path)
    book = _manifest(path, manifest)
    by_id = articles_by_id(articles)
    article = _which_article(path, by_id, doc_id, found_id, book)
    doc_id = article.id
    report = ImportReport(source=f"INCEpTION XMI {path}")
    offered = {}
    if book is None:
        report.skipped.append(f"{path}: no {MANIFEST_SUFFIX} manifest, so spans deleted in "
                              "INCEpTION are not recorded as rejections; pass manifest=")
    else:
        if book.get("doc_id") not in (None, doc_id):
            raise ExchangeError(f"{path}: the manifest is for {book['doc_id']!r}, the file for "
                                f"{doc_id!r}; give the manifest written with this document.")
        if book.get("doc_sha256") not in (None, fingerprint(text)):
            raise ExchangeError(f"{path}: its text is not the text the manifest was written "
                                "for, so the deleted spans cannot be told; give the manifest "
                                "of this export, or manifest=False to record no rejections.")
        offered = {(o[0], o[1], o[2]): o[3] for o in book["offered"]}
    kept = {}
    for start, end, label, norm, ident in entities:
        key = (start, end, label)
        if norm is None and key in offered:
            norm = offered[key]
        if key in kept and kept[key] != norm:
            raise ExchangeError(f"{path}: named entity xmi:id {ident} repeats {label} "
                                f"{start}-{end} with another identifier ({norm!r} and "
                                f"{kept[key]!r}); keep one in INCEpTION.")
        kept[key] = norm
    where = f"{path} ({doc_id!r})"
    try:
        spans = verdict_spans(text, doc_id, kept, offered)
    except ExchangeError as exc:
        raise ExchangeError(f"{where}: {exc}") from exc
    record_verdicts(article, [(spans, where)], report, folder=folder, on_conflict=on_conflict,
                    dry_run=dry_run)
    return report
