"""Time the exports for the next tool: the DCAD+news dyad-years (every COW member pair,
1980-2010, plus the news-coded years) to Stata, Parquet and CSV + codebook; the seed article's
annotations to Label Studio tasks and back, and to INCEpTION's XMI and back.

Run: ``.venv/bin/python benchmarks/bench_exports.py``; needs ../shared beside the project
(DCAD). Writes only into a temporary folder.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path


def _timed(label: str, func, repeat: int = 3):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    print(f"{label:60} {best * 1000:9.1f} ms")
    return result


def main() -> int:
    from accords import paths

    shared = paths.shared_dir()
    if shared is None:
        print("skipped: ../shared is absent (DCAD is needed)", file=sys.stderr)
        return 0
    os.environ.setdefault("ACCORDS_DATA_DIR", str(shared / "data"))
    import warnings

    warnings.simplefilter("ignore")
    from accords.datasets import export
    from accords.link import dyads
    from accords.read.articles import read_article
    from accords.review import inception, labelstudio, store

    out = Path(tempfile.mkdtemp(prefix="accords-bench-exports-"))
    frame = _timed("extended_dyad_years (DCAD + news)", dyads.extended_dyad_years, 1)
    print(f"  {len(frame):,} rows x {len(frame.columns)} columns")
    for suffix in ("dta", "parquet", "csv"):
        path = _timed(f"export to .{suffix}", lambda s=suffix: export.export(frame,
                                                                              out / f"dy.{s}"))
        print(f"  {path.stat().st_size / 1e6:.1f} MB")
    article = read_article(paths.articles_dir() / "seed-it-001.txt")
    notes = store.load(article)
    print(f"seed article: {len(article.text):,} characters, {len(notes.spans)} spans")
    tasks = _timed("Label Studio tasks (write_tasks)",
                   lambda: labelstudio.write_tasks([(article, notes)], out / "tasks.json"))
    task = json.loads(tasks.read_text(encoding="utf-8"))[0]
    task["annotations"] = [{"id": 1, "result": task["predictions"][0]["result"]}]
    (out / "export.json").write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    _timed("Label Studio import, dry run (import_export)",
           lambda: labelstudio.import_export(out / "export.json", [article],
                                             folder=out / "ann", dry_run=True))
    xmi = _timed("INCEpTION XMI (write_xmi)",
                 lambda: inception.write_xmi(article, notes, out / "xmi"))[0]
    _timed("INCEpTION import, dry run (import_xmi)",
           lambda: inception.import_xmi(xmi, [article], folder=out / "ann", dry_run=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
