"""Extraction quality against gold records, with the definitions of the project's scorer.

Per article, a predicted and a gold record can be paired when they name the same set of
parties (or, when the gold record names none, the same organisation). Pairs are taken
greedily, best first: agreeing on kind, then on the signing date, then on the period. Each
record is used at most once.

- detection precision: share of predicted records paired with any gold record (background
  included); detection recall: share of news-event gold records (``is_background`` false)
  that were paired;
- strict F1: the same, counting only pairs that also agree on kind, action and date_signed;
- field accuracy over paired news-event records: kind, action, date_signed, period, place
  (case-insensitive), signatories (same set, case-insensitive);
- hallucination rate: share of negative articles (no gold record) with any predicted record.

>>> gold = {"a": {"agreements": [{"parties": ["KAZ", "RUS"], "kind": "cooperation_plan",
...                               "action": "signed", "date_signed": "2021-11-09"}]}}
>>> score(gold, {"a": {"agreements": gold["a"]["agreements"]}})["strict_f1"]
1.0
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["FIELDS", "format_report", "load_jsonl_by_id", "score", "score_files"]

FIELDS = ("kind", "action", "date_signed", "period", "place", "signatories")
Row = Mapping[str, Any]


def _key(record: Row) -> tuple[str, Any] | None:
    parties = frozenset(str(p).upper() for p in record.get("parties") or ())
    if parties:
        return ("parties", parties)
    organization = str(record.get("organization") or "").upper()
    return ("organization", organization) if organization else None


def _period(record: Row) -> tuple[Any, Any]:
    return record.get("period_start"), record.get("period_end")


def _names(record: Row) -> set[str]:
    return {str(name).strip().casefold() for name in record.get("signatories") or ()}


def _pairs(predicted: list[Row], gold: list[Row]) -> list[tuple[Row, Row]]:
    candidates = []
    for i, p in enumerate(predicted):
        key = _key(p)
        if key is None:
            continue
        for j, g in enumerate(gold):
            if key == _key(g):
                rank = (p.get("kind") == g.get("kind"),
                        p.get("date_signed") == g.get("date_signed"),
                        _period(p) == _period(g))
                candidates.append((rank, i, j))
    # Best rank first; among equals, earlier predictions and earlier gold records first.
    candidates.sort(key=lambda c: (tuple(not x for x in c[0]), c[1], c[2]))
    taken_p: set[int] = set()
    taken_g: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i in taken_p or j in taken_g:
            continue
        taken_p.add(i)
        taken_g.add(j)
        pairs.append((predicted[i], gold[j]))
    return pairs


def _field_checks(p: Row, g: Row) -> dict[str, bool]:
    return {
        "kind": p.get("kind") == g.get("kind"),
        "action": p.get("action") == g.get("action"),
        "date_signed": p.get("date_signed") == g.get("date_signed"),
        "period": _period(p) == _period(g),
        "place": str(p.get("place") or "").casefold() == str(g.get("place") or "").casefold(),
        "signatories": _names(p) == _names(g),
    }


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(gold: Mapping[str, Row], predicted: Mapping[str, Row]) -> dict[str, Any]:
    """Quality of ``predicted`` against ``gold`` (both: article id → {"agreements": [...]}).

    Articles missing from ``predicted`` count as predicting nothing; predictions for articles
    not in ``gold`` are ignored.
    """
    n_pred = n_paired = n_news = n_news_paired = 0
    n_strict = n_strict_news = 0
    negatives = hallucinating = 0
    right = dict.fromkeys(FIELDS, 0)
    seen = dict.fromkeys(FIELDS, 0)
    for article_id, gold_row in gold.items():
        gold_records = list(gold_row.get("agreements") or ())
        pred_records = list((predicted.get(article_id) or {}).get("agreements") or ())
        n_pred += len(pred_records)
        n_news += sum(1 for g in gold_records if not g.get("is_background"))
        if gold_row.get("negative") or not gold_records:
            negatives += 1
            hallucinating += bool(pred_records)
        for p, g in _pairs(pred_records, gold_records):
            n_paired += 1
            strict = all(p.get(k) == g.get(k) for k in ("kind", "action", "date_signed"))
            n_strict += strict
            if g.get("is_background"):
                continue
            n_news_paired += 1
            n_strict_news += strict
            for name, ok in _field_checks(p, g).items():
                right[name] += ok
                seen[name] += 1
    precision, recall = _ratio(n_paired, n_pred), _ratio(n_news_paired, n_news)
    strict_p, strict_r = _ratio(n_strict, n_pred), _ratio(n_strict_news, n_news)
    return {
        "articles": len(gold),
        "predicted_records": n_pred,
        "gold_news_records": n_news,
        "detection_precision": round(precision, 3),
        "detection_recall": round(recall, 3),
        "detection_f1": round(_f1(precision, recall), 3),
        "strict_f1": round(_f1(strict_p, strict_r), 3),
        "field_accuracy": {k: round(right[k] / seen[k], 3) if seen[k] else None
                           for k in FIELDS},
        "negative_articles": negatives,
        "hallucination_rate": round(hallucinating / negatives, 3) if negatives else None,
    }


def load_jsonl_by_id(path: str | Path,
                     required: tuple[str, ...] = ()) -> dict[str, dict[str, Any]]:
    """Rows of a JSON Lines file keyed by ``id``; a bad line, or one without a ``required``
    field, is an error naming its number."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file.")
    rows: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not valid JSON ({exc.msg}).") from exc
            if not isinstance(row, dict) or "id" not in row:
                raise ValueError(f"{path}:{number}: each line needs an object with an 'id'.")
            missing = [name for name in required if name not in row]
            if missing:
                raise ValueError(f"{path}:{number}: each line needs an object with 'id' and "
                                 + " and ".join(repr(m) for m in missing) + ".")
            if row["id"] in rows:
                raise ValueError(f"{path}:{number}: id {row['id']!r} appears twice.")
            rows[row["id"]] = row
    return rows


def score_files(gold_path: str | Path, predicted_path: str | Path) -> dict[str, Any]:
    return score(load_jsonl_by_id(gold_path), load_jsonl_by_id(predicted_path))


def format_report(result: Mapping[str, Any]) -> str:
    """The result as aligned ``name value`` lines."""
    lines = []
    for name, value in result.items():
        if isinstance(value, Mapping):
            value = "  ".join(f"{k}={v}" for k, v in value.items())
        lines.append(f"{name:22} {value}")
    return "\n".join(lines)
