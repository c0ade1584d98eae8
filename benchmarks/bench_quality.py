"""Extraction quality on the development corpora, each set on its own.

    python benchmarks/bench_quality.py [--corpus FILE ...] [--guard] [--json]

Extracts every article of ``../shared/corpus/dev.jsonl`` and ``dev2.jsonl`` (or the given
files) in this process with :func:`accords.extract.extract_row` and scores it with the
project's scorer (:func:`accords.extract.evaluate.score`, the definitions of
``../shared/tools/score_extraction.py``). For each set it prints the overall figures
(articles, predicted records, gold news records, detection precision/recall/F1, strict F1,
hallucination on negative articles), detection and strict F1 per language, and per-field
accuracy over matched news records. ``--guard`` adds the overfitting guard
(``python -m accords cues``): the cues that fire on a single article and the quality with
them switched off. ``--json`` prints one JSON object instead.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from accords.extract import extract_row  # noqa: E402
from accords.extract.evaluate import FIELDS, score  # noqa: E402
from accords.extract.guard import default_corpora, format_guard, guard, load_corpus  # noqa: E402


def measure(path: Path) -> dict:
    """Overall, per-language and per-field quality of one corpus file, with the time taken."""
    rows = load_corpus(path)
    gold = {str(r["id"]): r for r in rows}
    start = time.perf_counter()
    predicted = {i: extract_row(dict(r), provenance=False) for i, r in gold.items()}
    seconds = time.perf_counter() - start
    overall = score(gold, predicted)
    languages = {}
    for lang in sorted({str(r.get("lang") or "?") for r in rows}):
        subset = {i: r for i, r in gold.items() if str(r.get("lang") or "?") == lang}
        result = score(subset, predicted)
        languages[lang] = {"articles": len(subset),
                           "gold_news_records": result["gold_news_records"],
                           "predicted_records": result["predicted_records"],
                           "detection_f1": result["detection_f1"],
                           "strict_f1": result["strict_f1"]}
    return {"corpus": str(path), "seconds": round(seconds, 2), "overall": overall,
            "languages": languages}


def _fmt(value) -> str:
    return "-" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def report(result: dict) -> str:
    o = result["overall"]
    lines = [f"{Path(result['corpus']).name}: {o['articles']} articles, "
             f"{o['predicted_records']} predicted records, {o['gold_news_records']} gold news "
             f"records ({result['seconds']:.1f} s to extract)",
             f"  detection P {_fmt(o['detection_precision'])}  R "
             f"{_fmt(o['detection_recall'])}  F1 {_fmt(o['detection_f1'])}   strict F1 "
             f"{_fmt(o['strict_f1'])}   hallucination {_fmt(o['hallucination_rate'])} "
             f"({o['negative_articles']} negative articles)",
             f"  {'lang':5} {'articles':>8} {'gold':>5} {'pred':>5} {'det F1':>7} "
             f"{'strict F1':>9}"]
    for lang, row in result["languages"].items():
        lines.append(f"  {lang:5} {row['articles']:>8} {row['gold_news_records']:>5} "
                     f"{row['predicted_records']:>5} {_fmt(row['detection_f1']):>7} "
                     f"{_fmt(row['strict_f1']):>9}")
    lines.append("  field accuracy: " + "  ".join(
        f"{name} {_fmt(o['field_accuracy'][name])}" for name in FIELDS))
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", nargs="+", type=Path, metavar="FILE",
                        help="corpora with gold records (default: dev.jsonl and dev2.jsonl "
                             "of ../shared/corpus)")
    parser.add_argument("--guard", action="store_true",
                        help="also the overfitting guard's figures")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    corpora = args.corpus or default_corpora()
    if not corpora:
        print("needs ../shared/corpus/dev.jsonl and dev2.jsonl (the development corpora); "
              "set ACCORDS_SHARED_DIR or pass --corpus FILE", file=sys.stderr)
        return 1
    try:
        results = [measure(Path(p)) for p in corpora]
        checked = guard(corpora) if args.guard else None
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        out = {"sets": results}
        if checked is not None:
            out["guard"] = checked.to_json()
        print(json.dumps(out, ensure_ascii=False))
        return 0
    print("\n\n".join(report(r) for r in results))
    if checked is not None:
        print("\noverfitting guard (python -m accords cues)\n" + format_guard(checked))
    return 0


if __name__ == "__main__":
    sys.exit(main())
