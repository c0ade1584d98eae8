"""Label Studio: tasks to review in it, and its JSON export back as human decisions.

**Out.** :func:`write_tasks` writes one task per article (Label Studio's JSON import
format): ``data`` holds the article's text, id and sha256; ``predictions`` holds the
annotators' spans (model version ``accords rule annotators``); when a person already decided
on the article, ``annotations`` holds one annotation with the spans that stand after review
(``Annotations.effective()``: human decisions plus the rule spans nobody decided on), so a
reviewer carries on from there. Each span is a ``labels`` region; its normalised value
travels as a per-region ``textarea`` named ``norm``. :func:`labeling_config` gives the
matching labeling configuration (``<Labels>`` over ``<Text>``, plus the ``norm`` text area).
Offsets are code points of the article's text, which is what Label Studio's text regions
count (older versions counted UTF-16 units; the importer recognises both).

**Back.** :func:`import_export` reads Label Studio's JSON export. A submitted annotation is
read as the reviewer's verdict on the whole task: every region in it is an *accepted* human
decision (with the ``norm`` given there, else the one accords offered for that span), and
every span accords offered (``data.accords_offered``) that is missing from it is *rejected*.
Skipped (cancelled) annotations and tasks without an annotation decide nothing. A verdict
never silently replaces a human decision already in the store: it is reported as a conflict
and the stored one kept (``on_conflict="replace"`` takes the imported one). A region whose
offsets do not cover its text is placed by its text when that is unique, else the import
stops with an error naming the file, task and region. Use ``dry_run=True`` to read the
report before anything is saved.

>>> from accords.read.articles import Article
>>> from accords.spans import make_span
>>> a = Article(id="d", text="Il Kazakistan")
>>> task = to_task(a, [make_span(a, 3, 13, "STATE", norm="KAZ", origin="rule:state")])
>>> region = task["predictions"][0]["result"][0]
>>> region["value"]["start"], region["value"]["end"], region["value"]["labels"]
(3, 13, ['STATE'])
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from accords.review.exchange import (
    ExchangeError,
    ImportReport,
    _refuse_source,
    articles_by_id,
    checked_annotations,
    record_verdicts,
    utf16_to_code_points,
    verdict_spans,
)
from accords.review.store import Annotations, atomic_write_text
from accords.spans import LABELS, Span, sort_spans

__all__ = [
    "MODEL_VERSION",
    "import_export",
    "labeling_config",
    "read_export",
    "to_task",
    "to_tasks",
    "write_config",
    "write_tasks",
]

MODEL_VERSION = "accords rule annotators"
LABELS_NAME, NORM_NAME, TEXT_NAME = "label", "norm", "text"


def labeling_config(labels: Sequence[str] | None = None) -> str:
    """The labeling configuration (XML) for the tasks: the given labels (default: the
    annotators' ten) over the text, and a per-region text area for the normalised value."""
    from accords.review.render import COLOURS

    names = list(dict.fromkeys(labels or LABELS))
    items = "\n".join(f"    <Label value={quoteattr(name)} "
                      f"background={quoteattr(COLOURS.get(name, '#e0e0e0'))}/>"
                      for name in names)
    return (f'<View>\n  <Labels name="{LABELS_NAME}" toName="{TEXT_NAME}">\n{items}\n'
            f'  </Labels>\n  <Text name="{TEXT_NAME}" value="${TEXT_NAME}"/>\n'
            '  <View visibleWhen="region-selected">\n'
            '    <Header value="Normalised value (ISO3, COW code, ISO date ...)"/>\n'
            f'    <TextArea name="{NORM_NAME}" toName="{TEXT_NAME}" perRegion="true" '
            'editable="true" maxSubmissions="1"/>\n  </View>\n</View>\n')


def write_config(path: str | Path, labels: Sequence[str] | None = None) -> Path:
    """Write :func:`labeling_config` (atomically)."""
    atomic_write_text(path, labeling_config(labels))
    return Path(path)


def _region_id(span: Span) -> str:
    return hashlib.sha1(f"{span.start}:{span.end}:{span.label}".encode()).hexdigest()[:10]


def _regions(spans: Iterable[Span]) -> list[dict[str, Any]]:
    out = []
    for span in sort_spans(spans):
        ident = _region_id(span)
        where = {"start": span.start, "end": span.end, "text": span.exact}
        out.append({"id": ident, "from_name": LABELS_NAME, "to_name": TEXT_NAME,
                    "type": "labels", "value": {**where, "labels": [span.label]}})
        if span.norm is not None:
            out.append({"id": ident, "from_name": NORM_NAME, "to_name": TEXT_NAME,
                        "type": "textarea", "value": {**where, "text": [span.norm]}})
    return out


def to_task(article: Any, spans: Annotations | Iterable[Span]) -> dict[str, Any]:
    """One Label Studio task for ``article`` (see the module docstring)."""
    notes = checked_annotations(article, spans)
    effective = notes.effective()
    offered = sort_spans(effective)
    task: dict[str, Any] = {
        "data": {TEXT_NAME: article.text, "doc_id": article.id, "doc_sha256": article.sha256,
                 "title": getattr(article, "title", None), "url": getattr(article, "url", None),
                 "accords_offered": [[s.start, s.end, s.label, s.norm] for s in offered]},
        "predictions": [{"model_version": MODEL_VERSION,
                         "result": _regions(s for s in effective if not s.is_human)}],
    }
    if notes.human:
        task["annotations"] = [{"result": _regions(offered), "ground_truth": False}]
    return task


def to_tasks(items: Iterable[tuple[Any, Annotations | Iterable[Span]]]) -> list[dict[str, Any]]:
    """Tasks for ``(article, annotations or spans)`` pairs, in the given order."""
    return [to_task(article, spans) for article, spans in items]


def write_tasks(items: Iterable[tuple[Any, Annotations | Iterable[Span]]],
                path: str | Path) -> Path:
    """Write the tasks as one JSON array (UTF-8, atomically), ready for Label Studio's import."""
    pairs = list(items)
    tasks = to_tasks(pairs)
    path = Path(path)
    for article, _ in pairs:
        _refuse_source(article, path)
    atomic_write_text(path, json.dumps(tasks, ensure_ascii=False, indent=1) + "\n")
    return path


# --------------------------------------------------------------------------- import


def read_export(path: str | Path) -> list[dict[str, Any]]:
    """The tasks of a Label Studio JSON export (a JSON array of task objects), checked."""
    path = Path(path)
    try:
        tasks = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ExchangeError(f"{path}: not readable UTF-8 JSON ({exc}); export the project "
                            "from Label Studio as JSON (not JSON-MIN or CSV).") from exc
    if isinstance(tasks, Mapping):
        tasks = [tasks]
    if not isinstance(tasks, list):
        raise ExchangeError(f"{path}: a Label Studio JSON export is an array of tasks; got "
                            f"{type(tasks).__name__}.")
    for number, task in enumerate(tasks, start=1):
        data = task.get("data") if isinstance(task, Mapping) else None
        if not isinstance(data, Mapping) or not isinstance(data.get(TEXT_NAME), str):
            raise ExchangeError(f"{path}: task {number} has no data.{TEXT_NAME}; the tasks must "
                                "be the ones accords.review.labelstudio.write_tasks wrote.")
        if not isinstance(data.get("doc_id"), str):
            raise ExchangeError(f"{path}: task {number} has no data.doc_id, so its article is "
                                "unknown; import tasks made by "
                                "accords.review.labelstudio.write_tasks.")
        annotations = task.get("annotations") or []
        if not isinstance(annotations, list) or not all(
                isinstance(a, Mapping) and isinstance(a.get("result", []), list)
                for a in annotations):
            raise ExchangeError(f"{path}: task {number} ({data['doc_id']!r}): 'annotations' "
                                "must be a list of objects with a 'result' list.")
    return tasks


def _offsets(text: str, value: Mapping[str, Any], where: str) -> tuple[int, int]:
    """Code-point offsets of a region on ``text``: as given, or read as UTF-16 units."""
    start, end = value.get("start"), value.get("end")
    if type(start) is not int or type(end) is not int or not 0 <= start <= end:
        raise ExchangeError(f"{where}: start {start!r} and end {end!r} must be integers with "
                            "0 <= start <= end; fix the region or delete it in Label Studio.")
    quote = value.get("text")
    if not isinstance(quote, str) or text[start:end] == quote:
        if end > len(text):
            raise ExchangeError(f"{where}: offsets {start}-{end} run past the end of the text "
                                f"({len(text)} characters).")
        return start, end
    a, b = utf16_to_code_points(text, start), utf16_to_code_points(text, end)
    if a is not None and b is not None and text[a:b] == quote:
        return a, b
    found: list[int] = []
    at = text.find(quote) if quote else -1
    while at >= 0 and len(found) < 2:
        found.append(at)
        at = text.find(quote, at + 1)
    if len(found) == 1:
        return found[0], found[0] + len(quote)
    times = "more than once" if found else "nowhere"
    raise ExchangeError(f"{where}: the text at {start}-{end} is {text[start:end]!r} but the "
                        f"region says {quote!r}, and that text occurs {times} in the task; "
                        "the task's text was changed — correct or delete the region.")


def _verdicts(task: Mapping[str, Any], annotation: Mapping[str, Any], where: str
              ) -> list[Span]:
    """The human spans (on the task's text) one annotation decides: regions accepted,
    offered spans it lacks rejected."""
    data = task["data"]
    text = data[TEXT_NAME]
    offered: dict[tuple[int, int, str], str | None] = {}
    for item in data.get("accords_offered") or []:
        if (not isinstance(item, list) or len(item) != 4 or type(item[0]) is not int
                or type(item[1]) is not int or not isinstance(item[2], str)):
            raise ExchangeError(f"{where}: data.accords_offered holds {item!r}; each entry is "
                                "[start, end, label, norm] as write_tasks wrote it.")
        offered[(item[0], item[1], item[2])] = item[3]
    norms: dict[str, str | None] = {}
    for item in annotation.get("result", []):
        if isinstance(item, Mapping) and item.get("type") == "textarea":
            texts = (item.get("value") or {}).get("text") or []
            norms[str(item.get("id"))] = (texts[0].strip() or None) if texts else None
    kept: dict[tuple[int, int, str], str | None] = {}
    for item in annotation.get("result", []):
        if not isinstance(item, Mapping) or item.get("type") != "labels":
            continue
        ident = str(item.get("id"))
        here = f"{where}, region {ident}"
        value = item.get("value")
        if not isinstance(value, Mapping) or not value.get("labels"):
            raise ExchangeError(f"{here}: a labels region needs value.start, value.end and "
                                "value.labels; delete the region in Label Studio or fix it.")
        start, end = _offsets(text, value, here)
        for label in value["labels"]:
            if not isinstance(label, str) or not label:
                raise ExchangeError(f"{here}: label {label!r} is not a name such as 'STATE'.")
            key = (start, end, label)
            kept[key] = norms[ident] if ident in norms else offered.get(key)
    try:
        return verdict_spans(text, data["doc_id"], kept, offered)
    except ExchangeError as exc:
        raise ExchangeError(f"{where}: {exc}") from exc


def import_export(path: str | Path, articles: Any = None, *, folder: str | Path | None = None,
                  on_conflict: str = "keep", dry_run: bool = False) -> ImportReport:
    """Record the decisions of a Label Studio JSON export in the annotation store.

    ``articles``: a mapping or iterable of the articles the tasks were made from (default:
    the project's ``data/articles``); ``folder``: the annotations folder (default
    ``data/annotations``). Saves go through :func:`accords.review.store.save` (locked, merging with
    other writers). Returns an :class:`accords.review.exchange.ImportReport`.
    """
    path = Path(path)
    tasks = read_export(path)
    by_id = articles_by_id(articles)
    report = ImportReport(source=f"Label Studio export {path}")
    for number, task in enumerate(tasks, start=1):
        doc_id = task["data"]["doc_id"]
        where = f"{path}: task {number} ({doc_id!r})"
        submitted = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
        cancelled = len(task.get("annotations") or []) - len(submitted)
        if cancelled:
            report.skipped.append(f"{where}: {cancelled} skipped (cancelled) annotation(s)")
        if not submitted:
            report.skipped.append(f"{where}: no submitted annotation")
            continue
        article = by_id.get(doc_id)
        if article is None:
            raise ExchangeError(f"{where}: no article {doc_id!r} among the {len(by_id)} given; "
                                "pass the articles the tasks were made from (articles=...).")
        batches = []
        for annotation in submitted:
            who = annotation.get("completed_by")
            here = f"{where}, annotation {annotation.get('id', '?')}" + (
                f" by {who}" if who is not None else "")
            batches.append((_verdicts(task, annotation, here), here))
        record_verdicts(article, batches, report, folder=folder, on_conflict=on_conflict,
                        dry_run=dry_run)
    return report
