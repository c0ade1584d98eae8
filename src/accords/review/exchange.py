"""Export and import annotations: brat standoff (``.txt`` + ``.ann``) and W3C Web Annotation.

**brat.** :func:`write_brat` writes the article's normalised text (UTF-8, no BOM, ``\\n``
line endings) to ``<id>.txt`` and one ``T`` line per span to ``<id>.ann``
(``T1<TAB>STATE 3 13<TAB>Kazakistan``); offsets are code points of that text, as brat counts
them. A span running over a line break is written as brat fragments (``5 9;10 14``). The norm
goes into an ``AnnotatorNotes`` line (shown by brat); origin, status and attrs go into an
``AccordsMeta`` comment line holding JSON (with the exact bounds, since brat fragments cannot
begin or end with a line break), so a round trip loses nothing. brat cannot hold an
empty (zero-length) text-bound annotation: exporting one raises :class:`ExchangeError` naming
it — use W3C for those. :func:`read_brat` also accepts a ``.txt`` saved by another tool with a
BOM, CRLF line endings or decomposed (NFD) accents: offsets are read over the file's text as
it is, then mapped onto the normalised text every offset in accords counts in.

**W3C.** :func:`to_w3c` gives an ``AnnotationCollection`` (JSON-LD) whose ids are valid IRIs
whatever the article id (``urn:accords:annotation:<id>:<label>:<start>-<end>:<origin>``, each
part percent-encoded by :func:`iri_part`), and whose items anchor each span
twice, with a ``TextPositionSelector`` (code points of the normalised text) and a
``TextQuoteSelector`` (exact, prefix, suffix); empty spans are allowed (``start == end``,
``exact ""``). :func:`from_w3c` uses the position when it still matches the text, else
re-anchors by the quote.

>>> from accords.read.articles import Article
>>> from accords.spans import make_span
>>> a = Article(id="d", text="Il Kazakistan")
>>> ann = brat_ann(a, [make_span(a, 3, 13, "STATE", norm="KAZ", origin="rule:state")])
>>> ann.splitlines()[0]
'T1\\tSTATE 3 13\\tKazakistan'
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accords.read.text import fingerprint, normalise
from accords.review.store import Annotations, atomic_write_text, id_filename, reanchor
from accords.spans import ORIGIN_HUMAN, Span, SpanError, sort_spans, verify

__all__ = [
    "BRAT_CONF",
    "BRAT_VISUAL",
    "W3C_CONTEXT",
    "ExchangeError",
    "ImportReport",
    "apply_decisions",
    "articles_by_id",
    "brat_ann",
    "from_w3c",
    "iri_part",
    "place_on",
    "read_brat",
    "read_w3c",
    "record_verdicts",
    "stored_annotations",
    "to_w3c",
    "utf16_to_code_points",
    "verdict_spans",
    "write_brat",
    "write_brat_conf",
    "write_w3c",
]

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
_ACCORDS_NS = {"accords": "urn:accords:ns#"}
_LABEL = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]*$")


class ExchangeError(ValueError):
    """A file or span that cannot be exported or imported; the message says which and why."""


# --------------------------------------------------------------------------- brat


def _fragments(span: Span) -> list[tuple[int, int]]:
    """Pieces of a span between line breaks (brat text fields cannot hold a newline)."""
    pieces, pos = [], span.start
    for line in span.exact.split("\n"):
        if line:
            pieces.append((pos, pos + len(line)))
        pos += len(line) + 1
    return pieces


def check_spans(article: Any, spans: Iterable[Span]) -> None:
    """Raise :class:`ExchangeError` naming the first span that no longer matches the
    article's text: every exporter writes only spans that verify."""
    for span in spans:
        problem = verify(span, article.text)
        if problem:
            raise ExchangeError(f"{span.describe()} of {article.id!r}: {problem}; load the "
                                "annotations through accords.review.store.load to re-anchor them.")


def checked_annotations(article: Any, spans: Annotations | Iterable[Span]) -> Annotations:
    """``spans`` as the article's :class:`~accords.review.store.Annotations`, every span verified
    (:func:`check_spans`)."""
    notes = spans if isinstance(spans, Annotations) else Annotations.new(article, list(spans))
    check_spans(article, notes.spans)
    return notes


def brat_ann(article: Any, spans: Iterable[Span]) -> str:
    """The ``.ann`` content for ``spans`` of ``article`` (see the module docstring)."""
    lines: list[str] = []
    note = 0
    ordered = sort_spans(spans)
    check_spans(article, ordered)
    for index, span in enumerate(ordered, start=1):
        where = f"{span.describe()} of {article.id!r}"
        if span.start == span.end:
            raise ExchangeError(f"{where}: brat cannot store an empty span; remove it or "
                                "export to W3C (write_w3c), which keeps empty spans.")
        if not _LABEL.match(span.label):
            raise ExchangeError(f"{where}: label {span.label!r} is not a brat type (letters, "
                                "digits, '_' and '-'); rename it.")
        pieces = _fragments(span)
        if not pieces:
            raise ExchangeError(f"{where}: the span holds only line breaks; brat cannot "
                                "store it.")
        offsets = ";".join(f"{a} {b}" for a, b in pieces)
        text = " ".join(article.text[a:b] for a, b in pieces)
        lines.append(f"T{index}\t{span.label} {offsets}\t{text}")
        if span.norm is not None:
            if "\n" in span.norm or "\t" in span.norm:
                raise ExchangeError(f"{where}: norm {span.norm!r} holds a tab or line break.")
            note += 1
            lines.append(f"#{note}\tAnnotatorNotes T{index}\t{span.norm}")
        meta = {"origin": span.origin, "status": span.status, "attrs": span.attrs_dict(),
                "norm": span.norm, "bounds": [span.start, span.end]}
        note += 1
        lines.append(f"#{note}\tAccordsMeta T{index}\t"
                     f"{json.dumps(meta, ensure_ascii=False, sort_keys=True)}")
    return "\n".join(lines) + ("\n" if lines else "")


BRAT_CONF, BRAT_VISUAL = "annotation.conf", "visual.conf"
_CONF_HEAD = ("# brat configuration written by accords (accords.review.exchange.write_brat): the\n"
              "# entity types of the annotations in this folder. Edit freely; accords only ever\n"
              "# adds the types it needs and never removes or changes a line.\n")


def _section_names(text: str, section: str) -> tuple[set[str], int | None]:
    """Names defined in ``[section]`` of a brat configuration, and the index of the line
    after the section's last definition (None: no such section)."""
    lines = text.splitlines()
    names, current, after = set(), None, None
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            current = stripped[1:-1].strip()
            if current == section:
                after = index + 1
            continue
        if current == section and stripped and not stripped.startswith("#"):
            names.add(re.split(r"[\s|:]", stripped, maxsplit=1)[0])
            after = index + 1
    return names, after


def _merge_conf(path: Path, section: str, wanted: Mapping[str, str], fresh: str) -> bool:
    """Add the ``wanted`` lines (by name) missing from ``[section]`` of ``path``; write
    ``fresh`` when there is no file. Nothing is removed or changed. True when written."""
    if not path.exists():
        atomic_write_text(path, fresh)
        return True
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ExchangeError(f"{path}: cannot read it ({exc}); it must be a UTF-8 brat "
                            "configuration file, or move it aside.") from exc
    names, after = _section_names(text, section)
    missing = [line for name, line in wanted.items() if name not in names]
    if not missing:
        return False
    lines = text.splitlines()
    if after is None:
        lines += ["", f"[{section}]"]
        after = len(lines)
    lines[after:after] = missing
    atomic_write_text(path, "\n".join(lines) + "\n")
    return True


def write_brat_conf(folder: str | Path, labels: Iterable[str]) -> tuple[Path, Path]:
    """Make ``annotation.conf`` and ``visual.conf`` in ``folder`` declare ``labels``.

    A missing file is written (entities, with empty relations, events and attributes
    sections; colours from :data:`accords.review.render.COLOURS`); an existing one — possibly a
    user's — only gets the missing entity types added, nothing else touched.
    """
    from accords.review.render import COLOURS

    folder = Path(folder)
    names = sorted(set(labels), key=lambda n: (n not in COLOURS, list(COLOURS).index(n)
                                              if n in COLOURS else 0, n))
    for name in names:
        if not _LABEL.match(name):
            raise ExchangeError(f"label {name!r} is not a brat type (letters, digits, '_' and "
                                "'-'); rename it.")
    conf, visual = folder / BRAT_CONF, folder / BRAT_VISUAL
    entities = "\n".join(names)
    _merge_conf(conf, "entities", {n: n for n in names},
                f"{_CONF_HEAD}[entities]\n{entities}\n\n[relations]\n\n[events]\n\n"
                "[attributes]\n")
    drawing = {n: f"{n}\tbgColor:{COLOURS.get(n, '#e0e0e0')}" for n in names}
    _merge_conf(visual, "drawing", drawing,
                _CONF_HEAD.replace("entity\n# types", "colours\n# of the types") + "[labels]\n\n"
                "[drawing]\n" + "\n".join(drawing.values()) + "\n")
    return conf, visual


def write_brat(article: Any, spans: Iterable[Span], folder: str | Path,
               name: str | None = None) -> tuple[Path, Path]:
    """Write ``<name>.txt`` (the normalised text) and ``<name>.ann``; returns both paths.

    ``name`` defaults to the article id; either is made a file name by
    :func:`accords.review.store.id_filename` (``/``, ``..``, NUL … encoded), so both files land
    directly inside ``folder`` whatever the id. Both files are written atomically.
    ``annotation.conf`` and ``visual.conf`` beside them declare the annotators' labels and
    any other label of ``spans`` (:func:`write_brat_conf`: existing files only gain the
    missing types), so brat opens the folder as it is.
    """
    from accords.spans import LABELS

    folder = Path(folder)
    spans = list(spans)
    stem = id_filename(name or article.id)
    ann = brat_ann(article, spans)
    txt_path, ann_path = folder / f"{stem}.txt", folder / f"{stem}.ann"
    _refuse_source(article, txt_path, ann_path, folder / BRAT_CONF, folder / BRAT_VISUAL)
    atomic_write_text(txt_path, article.text)
    atomic_write_text(ann_path, ann)
    write_brat_conf(folder, [*LABELS, *(s.label for s in spans)])
    return txt_path, ann_path


def _refuse_source(article: Any, *targets: Path) -> None:
    """An export never replaces the file the article was read from (e.g. brat into the
    articles folder would overwrite ``<id>.txt`` with its normalised text)."""
    from accords.read.articles import refuse_inputs

    source = Path(article.source) if getattr(article, "source", None) else None
    if source is not None and source.is_file():
        for target in targets:
            refuse_inputs(target, [source], "export")


def _offset_map(raw: str) -> Any:
    """Map an offset of ``raw`` (as read) to the offset in ``normalise(raw)``."""
    if raw == normalise(raw):
        return lambda i: i
    return lambda i: len(normalise(raw[:i]))


def read_brat(txt_path: str | Path, ann_path: str | Path | None = None, *,
              doc_id: str | None = None) -> tuple[str, list[Span]]:
    """Read a brat ``.txt``/``.ann`` pair: the normalised text and its spans.

    Every ``T`` line is checked against the text (as brat does); a mismatch raises
    :class:`ExchangeError` naming the file, line and both texts. ``AnnotatorNotes`` give the
    norm; ``AccordsMeta`` lines restore origin, status and attrs (spans from other brat users
    get origin ``human`` and status ``accepted``).
    """
    txt_path = Path(txt_path)
    ann_path = Path(ann_path) if ann_path else txt_path.with_suffix(".ann")
    try:
        raw = txt_path.read_bytes().decode("utf-8")
        ann_lines = ann_path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ExchangeError(f"{txt_path} / {ann_path}: cannot read ({exc}); both files must "
                            "exist and be UTF-8.") from exc
    text = normalise(raw)
    to_norm = _offset_map(raw)
    doc_id = doc_id or txt_path.stem
    sha = fingerprint(text)
    bounds: dict[str, tuple[int, int, str, int]] = {}
    notes: dict[str, str] = {}
    metas: dict[str, dict[str, Any]] = {}
    for number, line in enumerate(ann_lines, start=1):
        where = f"{ann_path}:{number}"
        if not line.strip():
            continue
        parts = line.split("\t")
        if line.startswith("T"):
            if len(parts) < 3:
                raise ExchangeError(f"{where}: a T line needs 'ID<TAB>TYPE START END<TAB>TEXT'.")
            ident, middle, field_text = parts[0], parts[1], "\t".join(parts[2:])
            label, _, offsets = middle.partition(" ")
            try:
                pieces = [tuple(int(x) for x in piece.split()) for piece in offsets.split(";")]
            except ValueError as exc:
                raise ExchangeError(f"{where}: offsets {offsets!r} are not integers.") from exc
            if not pieces or any(len(p) != 2 or p[0] > p[1] for p in pieces):
                raise ExchangeError(f"{where}: offsets {offsets!r} must be 'START END' pairs "
                                    "separated by ';'.")
            found = " ".join(raw[a:b] for a, b in pieces)
            if found != field_text or pieces[-1][1] > len(raw):
                raise ExchangeError(f"{where}: the text at {offsets} is {found!r} but the "
                                    f"annotation says {field_text!r}; the .txt and .ann do not "
                                    "belong together (or the .txt was edited).")
            if ident in bounds:
                raise ExchangeError(f"{where}: annotation id {ident} was already used on line "
                                    f"{bounds[ident][3]} of {ann_path.name}; brat ids must be "
                                    "unique — renumber one of them.")
            bounds[ident] = (to_norm(pieces[0][0]), to_norm(pieces[-1][1]), label, number)
        elif line.startswith("#") and len(parts) >= 3:
            kind, _, target = parts[1].partition(" ")
            if kind == "AnnotatorNotes":
                notes[target] = "\t".join(parts[2:])
            elif kind == "AccordsMeta":
                try:
                    metas[target] = json.loads("\t".join(parts[2:]))
                except json.JSONDecodeError as exc:
                    raise ExchangeError(f"{where}: AccordsMeta is not valid JSON ({exc}).") \
                        from exc
    spans = []
    for ident, (start, end, label, number) in bounds.items():
        meta = metas.get(ident, {})
        norm = meta["norm"] if "norm" in meta else notes.get(ident)
        # Fragments cannot start or end with a line break; the exact bounds travel in the meta.
        exact_bounds = meta.get("bounds")
        if (isinstance(exact_bounds, list) and len(exact_bounds) == 2
                and exact_bounds[0] <= start <= end <= exact_bounds[1] <= len(text)
                and not text[exact_bounds[0]:start].strip("\n")
                and not text[end:exact_bounds[1]].strip("\n")):
            start, end = exact_bounds
        try:
            span = Span(doc_id=doc_id, doc_sha256=sha, start=start, end=end,
                        exact=text[start:end], prefix=text[max(0, start - 32):start],
                        suffix=text[end:end + 32], label=label, norm=norm,
                        attrs=meta.get("attrs") or {},
                        origin=meta.get("origin", ORIGIN_HUMAN),
                        status=meta.get("status", "accepted"))
        except SpanError as exc:
            raise ExchangeError(f"{ann_path}:{number}: {exc}") from exc
        spans.append(span)
    return text, sort_spans(spans)


# --------------------------------------------------------------------------- W3C


def iri_part(value: str) -> str:
    """``value`` (an article id, a label, an origin) as one segment of an IRI: every
    character but ASCII letters, digits, ``-``, ``.``, ``_`` and ``~`` percent-encoded as
    UTF-8, so spaces, ``/``, ``:``, ``#``, ``%`` and non-ASCII letters can never break or
    extend the IRI, and two values never give one segment (``unquote`` gives it back).

    >>> iri_part("cronaca 1/Москва"), iri_part("rule:state")
    ('cronaca%201%2F%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B0', 'rule%3Astate')
    """
    from urllib.parse import quote

    return quote(value, safe="-._~")


#: characters RFC 3987 allows nowhere in an IRI (and a bare ``%`` not starting an escape)
_NOT_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]|%(?![0-9A-Fa-f]{2})')


def _iri(url: str) -> str:
    """A URL given by a user as a valid IRI: characters IRIs cannot hold percent-encoded."""
    from urllib.parse import quote

    return _NOT_IRI.sub(lambda m: quote(m.group(0), safe=""), url)


def _source(article: Any) -> str:
    return _iri(article.url) if article.url else f"urn:accords:doc:{iri_part(article.id)}"


def to_w3c(article: Any, spans: Iterable[Span]) -> dict[str, Any]:
    """A W3C Web Annotation ``AnnotationCollection`` (JSON-LD) of ``spans`` of ``article``."""
    items = []
    ordered = sort_spans(spans)
    check_spans(article, ordered)
    for span in ordered:
        body = [{"type": "TextualBody", "purpose": "tagging", "value": span.label}]
        if span.norm is not None:
            body.append({"type": "TextualBody", "purpose": "identifying", "value": span.norm})
        creator = ({"type": "Person", "name": "human reviewer"} if span.is_human else
                   {"type": "Software", "name": f"accords {span.origin}"})
        items.append({
            "id": (f"urn:accords:annotation:{iri_part(article.id)}:{iri_part(span.label)}:"
                   f"{span.start}-{span.end}:{iri_part(span.origin)}"),
            "type": "Annotation",
            "motivation": "tagging",
            "creator": creator,
            "body": body,
            "target": {
                "source": _source(article),
                "selector": [
                    {"type": "TextPositionSelector", "start": span.start, "end": span.end},
                    {"type": "TextQuoteSelector", "exact": span.exact, "prefix": span.prefix,
                     "suffix": span.suffix},
                ],
            },
            "accords:origin": span.origin,
            "accords:status": span.status,
            "accords:attrs": span.attrs_dict(),
        })
    return {
        "@context": [W3C_CONTEXT, _ACCORDS_NS],
        "id": f"urn:accords:annotations:{iri_part(article.id)}",
        "type": "AnnotationCollection",
        "label": f"accords annotations of {article.id}",
        "accords:doc_sha256": article.sha256,
        "total": len(items),
        "first": {"type": "AnnotationPage", "items": items},
    }


def write_w3c(article: Any, spans: Iterable[Span], path: str | Path) -> Path:
    """Write :func:`to_w3c` as UTF-8 JSON (atomically, deterministic bytes)."""
    path = Path(path)
    doc = to_w3c(article, spans)
    _refuse_source(article, path)
    atomic_write_text(path, json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    return path


def _selectors(item: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    target = item.get("target") or {}
    selectors = target.get("selector", []) if isinstance(target, Mapping) else []
    if isinstance(selectors, Mapping):
        selectors = [selectors]
    return {s.get("type"): s for s in selectors if isinstance(s, Mapping)}


def from_w3c(doc: Mapping[str, Any] | Sequence[Mapping[str, Any]], article: Any,
             where: str = "W3C annotations") -> list[Span]:
    """Spans of ``article`` from a collection, a page or a list of annotations.

    The position selector is used when ``text[start:end]`` equals the quote; otherwise the
    span is re-anchored by the quote; if that fails, :class:`ExchangeError` names the
    annotation.
    """
    if isinstance(doc, Mapping):
        if "first" in doc:
            items = doc["first"].get("items", [])
        elif "items" in doc:
            items = doc["items"]
        else:
            items = [doc]
    else:
        items = list(doc)
    spans = []
    for item in items:
        ident = item.get("id", "?")
        selectors = _selectors(item)
        quote = selectors.get("TextQuoteSelector")
        position = selectors.get("TextPositionSelector")
        if quote is None and position is None:
            raise ExchangeError(f"{where}: annotation {ident} has neither a "
                                "TextPositionSelector nor a TextQuoteSelector.")
        bodies = item.get("body", [])
        if isinstance(bodies, Mapping):
            bodies = [bodies]
        label = next((b.get("value") for b in bodies if b.get("purpose") == "tagging"), None)
        norm = next((b.get("value") for b in bodies if b.get("purpose") == "identifying"),
                    None)
        if not label:
            raise ExchangeError(f"{where}: annotation {ident} has no tagging body (the label).")
        if position is not None:
            start, end = int(position["start"]), int(position["end"])
        else:
            start = end = 0
        exact = quote.get("exact", "") if quote else article.text[start:end]
        prefix = quote.get("prefix", "") if quote else ""
        suffix = quote.get("suffix", "") if quote else ""
        try:
            span = Span(doc_id=article.id, doc_sha256=article.sha256, start=start,
                        end=start + len(exact), exact=exact, prefix=prefix, suffix=suffix,
                        label=label, norm=norm, attrs=item.get("accords:attrs") or {},
                        origin=item.get("accords:origin", ORIGIN_HUMAN),
                        status=item.get("accords:status", "accepted"))
        except SpanError as exc:
            raise ExchangeError(f"{where}: annotation {ident}: {exc}") from exc
        if position is None or verify(span, article.text) is not None or end != span.end:
            moved = reanchor(span, article.text, article.sha256)
            if moved is None:
                raise ExchangeError(f"{where}: annotation {ident} ({label} {exact!r}) matches "
                                    f"neither its position nor a unique quote in the text of "
                                    f"{article.id!r}; fix or drop it.")
            span = moved
        spans.append(span)
    return sort_spans(spans)


def read_w3c(path: str | Path, article: Any) -> list[Span]:
    """:func:`from_w3c` over a JSON file."""
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ExchangeError(f"{path}: not readable UTF-8 JSON ({exc}).") from exc
    return from_w3c(doc, article, where=str(path))


# --------------------------------------------------------------------------- human decisions
# Shared by the importers of other tools' files (accords.review.labelstudio and
# accords.review.inception):
# what a reviewer decided there becomes human decisions in the store, never silently
# replacing a decision already there.


@dataclass
class ImportReport:
    """What an import did: decisions added, already there, in conflict, or set aside.

    ``conflicts`` name the file, the item and the span, and say what was kept and how to take
    the other decision; ``unplaced`` are decisions whose text could not be found in the
    current article (kept in the annotation file's ``unanchored`` list); ``saved`` are the
    annotation files written (none with ``dry_run``).
    """

    source: str
    added: list[str] = field(default_factory=list)
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    saved: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing was in conflict and every decision found its place."""
        return not self.conflicts and not self.unplaced

    def __str__(self) -> str:
        lines = [f"{self.source}: {len(self.added)} decisions added, {self.unchanged} already "
                 f"in the store, {len(self.conflicts)} in conflict (stored decision kept), "
                 f"{len(self.unplaced)} not placed, {len(self.skipped)} items skipped; "
                 f"{len(self.saved)} annotation files saved"]
        lines += [f"  added {line}" for line in self.added]
        lines += [f"  CONFLICT {line}" for line in self.conflicts]
        lines += [f"  NOT PLACED {line}" for line in self.unplaced]
        lines += [f"  skipped {line}" for line in self.skipped]
        return "\n".join(lines)


def articles_by_id(articles: Any = None) -> dict[str, Any]:
    """``{id: Article}`` from a mapping, an iterable of articles, or (None) the project's
    ``data/articles`` folder."""
    if articles is None:
        from accords import paths
        from accords.read.articles import read_articles

        articles = read_articles(paths.articles_dir())
    if isinstance(articles, Mapping):
        return dict(articles)
    return {a.id: a for a in articles}


def stored_annotations(articles: Any = None, folder: str | Path | None = None
                       ) -> list[tuple[Any, Any]]:
    """``(article, Annotations)`` for each article (default: the project's), loaded and
    verified from the store (``folder``, default ``data/annotations``), in id order: what
    :func:`accords.review.labelstudio.write_tasks` takes, and what
    :func:`accords.review.inception.write_xmi` takes one by one."""
    from accords.review.store import annotation_path, load

    by_id = articles_by_id(articles)
    return [(by_id[i], load(by_id[i], annotation_path(i, folder))) for i in sorted(by_id)]


def _decided(span: Span) -> str:
    norm = f" norm {span.norm!r}" if span.norm is not None else ""
    return f"{span.status}{norm}"


def apply_decisions(notes: Any, article: Any, verdicts: Iterable[tuple[Span, str]],
                    report: ImportReport, *, on_conflict: str = "keep") -> int:
    """Record each ``(span, where)`` verdict (a human span, status ``accepted`` or
    ``rejected``, on ``article``'s current text) in ``notes``; returns how many changed.

    A verdict equal to the stored human decision for the same ``(start, end, label)`` changes
    nothing; one that differs is a conflict: the stored decision is kept and the conflict
    reported (``on_conflict="replace"`` takes the imported one instead, and reports it too).
    """
    if on_conflict not in ("keep", "replace"):
        raise ValueError(f"on_conflict={on_conflict!r}: use 'keep' or 'replace'.")
    changed = 0
    for span, where in verdicts:
        stored = next((s for s in notes.spans if s.key == span.key and s.is_human), None)
        if stored is not None:
            if stored.status == span.status and stored.norm == span.norm:
                report.unchanged += 1
                continue
            message = (f"{where}: {span.describe()} is {_decided(span)} there, but the store "
                       f"holds the human decision {_decided(stored)} for it")
            if on_conflict == "keep":
                report.conflicts.append(
                    f"{message}; kept the stored one. To take the imported one, decide it "
                    "with Annotations.accept/reject/edit, or import again with "
                    "on_conflict='replace'.")
                continue
            report.conflicts.append(f"{message}; replaced by the imported one "
                                    "(on_conflict='replace').")
        # the annotator's attrs (role, precision ...) stay on the human copy of its span
        base = next((s for s in notes.spans if s.key == span.key), None)
        attrs = span.attrs_dict() or (base.attrs_dict() if base is not None else {})
        notes.add(article, span.start, span.end, span.label, norm=span.norm, attrs=attrs)
        if span.status == "rejected":
            notes.reject(span.key)
        report.added.append(f"{where}: {span.describe()} {_decided(span)}")
        changed += 1
    return changed


def place_on(span: Span, article: Any) -> Span | None:
    """``span`` (made on the text a tool was given) on the article's current text: as it is
    when the text is the same, else re-anchored by its quote and context (None: not placed)."""
    if span.doc_sha256 == article.sha256 and verify(span, article.text) is None:
        return span
    return reanchor(span, article.text, article.sha256)


def utf16_to_code_points(text: str, offset: int) -> int | None:
    """The code-point offset in ``text`` of a UTF-16 code-unit ``offset`` (as JavaScript and
    Java count), or None when it falls inside a surrogate pair or past the end.

    >>> utf16_to_code_points("🙂 Mosca", 3)  # the emoji is two UTF-16 units
    2
    """
    units = 0
    for index, char in enumerate(text):
        if units == offset:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
        if units > offset:
            return None
    return len(text) if units == offset else None


def verdict_spans(text: str, doc_id: str, kept: Mapping[tuple[int, int, str], str | None],
                  offered: Mapping[tuple[int, int, str], str | None] | None = None
                  ) -> list[Span]:
    """Human spans on ``text`` for a reviewer's verdict: every ``(start, end, label) → norm``
    in ``kept`` accepted, every offered key missing from ``kept`` rejected (keeping the
    offered norm). Offsets are code points of ``text``; a key outside it raises
    :class:`ExchangeError`."""
    sha = fingerprint(text)
    chosen = {key: (norm, "accepted") for key, norm in kept.items()}
    for key, norm in (offered or {}).items():
        chosen.setdefault(key, (norm, "rejected"))
    spans = []
    for (start, end, label), (norm, status) in chosen.items():
        if not 0 <= start <= end <= len(text):
            raise ExchangeError(f"span {label} {start}-{end} of {doc_id!r} lies outside the text "
                                f"({len(text)} characters); export the article again.")
        spans.append(Span(doc_id=doc_id, doc_sha256=sha, start=start, end=end,
                          exact=text[start:end], prefix=text[max(0, start - 32):start],
                          suffix=text[end:end + 32], label=label, norm=norm,
                          origin=ORIGIN_HUMAN, status=status))
    return sort_spans(spans)


def record_verdicts(article: Any, batches: Iterable[tuple[Sequence[Span], str]],
                    report: ImportReport, *, folder: str | Path | None = None,
                    on_conflict: str = "keep", dry_run: bool = False) -> None:
    """Load the article's annotations, place each batch of verdict spans (made on the text
    the tool was given; ``where`` names the file and item) on the current text, record them
    with :func:`apply_decisions` and save (unless ``dry_run``). A verdict that cannot be
    placed is kept in the annotation file's ``unanchored`` list and reported."""
    from accords.review.store import annotation_path, load, save

    target = annotation_path(article.id, folder)
    notes = load(article, target)
    changed = 0
    for spans, where in batches:
        placed = []
        for span in spans:
            moved = place_on(span, article)
            if moved is None:
                notes.unanchored.append(span)
                report.unplaced.append(f"{where}: {span.describe()} {span.status} — the "
                                       "article's text changed and the words cannot be found "
                                       "uniquely; kept in the file's 'unanchored' list")
                changed += 1
            else:
                placed.append((moved, where))
        changed += apply_decisions(notes, article, placed, report, on_conflict=on_conflict)
    if changed and not dry_run:
        report.saved.append(save(notes, target))
