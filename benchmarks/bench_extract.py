"""Throughput of `python -m accords extract` on the development corpus repeated to N articles.

    python benchmarks/bench_extract.py [--articles 10000] [--jobs 1 2]

Each run is a fresh `python -m accords extract` process (as a researcher runs it), timed from
start to finish, so start-up and lexicon loading are included. Peak memory is the largest
resident set of the main process and its workers; running the same command on twice as many
articles shows whether memory stays flat in the corpus size.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from accords import paths  # noqa: E402


def build_corpus(source: Path, target: Path, count: int) -> int:
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    size = 0
    with target.open("w", encoding="utf-8") as out:
        for i in range(count):
            row = dict(rows[i % len(rows)])
            row["id"] = f"{row['id']}#{i}"
            for extra in ("agreements", "negative", "annotator_notes"):
                row.pop(extra, None)
            line = json.dumps(row, ensure_ascii=False) + "\n"
            size += len(line.encode("utf-8"))
            out.write(line)
    return size


def run_cli(corpus: Path, output: Path, jobs: int) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MiB) of one `python -m accords extract` run."""
    script = (
        "import resource, subprocess, sys, time;"
        "t = time.perf_counter();"
        f"r = subprocess.run([sys.executable, '-m', 'accords', 'extract', {str(corpus)!r},"
        f" '-o', {str(output)!r}, '--jobs', '{jobs}', '--quiet']);"
        "dt = time.perf_counter() - t;"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024;"
        "print(dt, peak); sys.exit(r.returncode)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    seconds, peak = map(float, done.stdout.split())
    return seconds, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    shared = paths.shared_dir()
    if shared is None or not (shared / "corpus" / "dev.jsonl").is_file():
        print("needs ../shared/corpus/dev.jsonl (the development corpus)")
        return 1
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        print(f"{'articles':>9} {'MB':>6} {'jobs':>4} {'seconds':>8} {'articles/s':>11} "
              f"{'per job':>8} {'peak MiB':>9}")
        for count in (args.articles, 2 * args.articles):
            corpus = folder / f"corpus-{count}.jsonl"
            size = build_corpus(shared / "corpus" / "dev.jsonl", corpus, count)
            for jobs in args.jobs:
                if count != args.articles and jobs != max(args.jobs):
                    continue  # the doubled corpus only checks that memory stays flat
                seconds, peak = run_cli(corpus, folder / "out.jsonl", jobs)
                rate = count / seconds
                print(f"{count:>9} {size / 1e6:>6.1f} {jobs:>4} {seconds:>8.1f} {rate:>11.0f} "
                      f"{rate / jobs:>8.0f} {peak:>9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
