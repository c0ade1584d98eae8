"""The Dask engine against the local one, a scaling estimate, and DuckDB against pandas.

    python benchmarks/bench_scale.py [--articles 100000] [--partitions 40] [--workers 2]

The corpus is ``../shared/corpus/dev.jsonl`` and ``dev2.jsonl`` repeated with new ids to
``--articles`` articles, written as ``--partitions`` JSON Lines files into a temporary folder
(read from ../shared, never copied into the project). In the same run:

1. the local engine with ``--workers`` processes and the Dask engine on a ``LocalCluster`` of
   ``--workers`` single-threaded workers extract the same partitions to Parquet (fresh
   output folders): wall time, throughput, the overhead ratio Dask / local, and partitions per
   worker; the cluster's start is timed apart;
2. the Dask engine again on half the corpus (a fresh cluster), so that the peak memory of each
   worker process is seen as the corpus doubles;
3. the scheduler's overhead per task (a burst of empty tasks) and the mean cost of one
   partition give a scaling estimate for 1, 2, 64 and 512 workers (assumptions printed);
4. two questions over the records, answered by DuckDB in place (``accords.link.query``) and by
   pandas after reading the columns it needs: records per kind and year, and records per
   dyad and year (the results are checked equal).
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from accords import paths  # noqa: E402
from accords.extract import scale  # noqa: E402
from accords.link import query  # noqa: E402


def build_partitions(sources: list[Path], folder: Path, count: int, partitions: int) -> int:
    rows = [json.loads(line) for source in sources
            for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        for extra in ("agreements", "negative", "annotator_notes"):
            row.pop(extra, None)
    per = math.ceil(count / partitions)
    size = 0
    for part in range(partitions):
        with (folder / f"part-{part:04d}.jsonl").open("w", encoding="utf-8") as out:
            for i in range(part * per, min(count, (part + 1) * per)):
                row = dict(rows[i % len(rows)])
                row["id"] = f"{row['id']}#{i}"
                line = json.dumps(row, ensure_ascii=False) + "\n"
                size += len(line.encode("utf-8"))
                out.write(line)
    return size


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _noop(i):
    return i


def run_dask(corpus, out, workers: int):
    from distributed import Client, LocalCluster

    started = time.perf_counter()
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None,
                           silence_logs=logging.CRITICAL)
    client = Client(cluster)
    client.wait_for_workers(workers)
    start_seconds = time.perf_counter() - started
    try:
        t = time.perf_counter()
        report = scale.extract_corpus(corpus, out, engine="dask", client=client,
                                      progress=False)
        seconds = time.perf_counter() - t
        peaks = client.run(_peak_mib)
        # the scheduler's cost per task: a burst of empty tasks, after the work
        n = 2000
        t = time.perf_counter()
        client.gather(client.map(_noop, range(n), pure=False))
        overhead = (time.perf_counter() - t) / n
    finally:
        client.close()
        cluster.close()
    return report, seconds, start_seconds, peaks, overhead


def questions(out: Path) -> list[tuple[str, float, float, bool]]:
    import itertools

    import pandas as pd

    rows = []
    con = query.connect(out)

    def timed(fn, repeat=3):
        best = math.inf
        for _ in range(repeat):
            t = time.perf_counter()
            result = fn()
            best = min(best, time.perf_counter() - t)
        return best, result

    def kind_year_duckdb():
        return con.sql("SELECT kind, year_signed, count(*) AS n FROM records "
                       "GROUP BY ALL ORDER BY kind, year_signed NULLS LAST").df()

    def kind_year_pandas():
        frame = pd.read_parquet(out / "records", columns=["kind", "year_signed"])
        return (frame.groupby(["kind", "year_signed"], dropna=False).size().rename("n")
                .reset_index()
                .sort_values(["kind", "year_signed"]).reset_index(drop=True))

    a_s, a = timed(kind_year_duckdb)
    b_s, b = timed(kind_year_pandas)
    same = a["n"].tolist() == b["n"].tolist() and a["kind"].tolist() == b["kind"].tolist()
    rows.append(("records per kind and year", a_s, b_s, same))

    def dyad_years_pandas():
        frame = pd.read_parquet(out / "records", columns=[
            "article_id", "record", "parties", "year_signed", "period_start", "period_end"])
        first = frame["year_signed"].fillna(frame["period_start"])
        last = frame["period_end"].fillna(first)
        out_rows = []
        for aid, rec, parties, lo, hi in zip(frame["article_id"], frame["record"],
                                             frame["parties"], first, last, strict=True):
            if len(parties) < 2 or pd.isna(lo):
                continue
            for p1, p2 in itertools.combinations(sorted(parties), 2):
                for year in range(int(lo), int(max(hi, lo)) + 1):
                    out_rows.append((p1, p2, year, f"{aid}#{rec}"))
        long = pd.DataFrame(out_rows, columns=["iso3_1", "iso3_2", "year", "rid"])
        return (long.groupby(["iso3_1", "iso3_2", "year"])["rid"].nunique()
                .rename("n_records").reset_index())

    a_s, a = timed(lambda: query.dyad_year_counts(out, con=con))
    b_s, b = timed(dyad_years_pandas)
    same = (a["n_records"].astype(int).tolist() == b["n_records"].astype(int).tolist()
            and a["year"].astype(int).tolist() == b["year"].astype(int).tolist())
    rows.append(("records per dyad and year", a_s, b_s, same))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--partitions", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    shared = paths.shared_dir()
    sources = [shared / "corpus" / n for n in ("dev.jsonl", "dev2.jsonl")] if shared else []
    if not sources or not all(p.is_file() for p in sources):
        print("skipped: ../shared/corpus/dev.jsonl and dev2.jsonl are needed "
              "(set ACCORDS_SHARED_DIR)")
        return 0
    work = Path(tempfile.mkdtemp(prefix="accords-scale-"))
    try:
        full, half = work / "full", work / "half"
        full.mkdir()
        half.mkdir()
        size = build_partitions(sources, full, args.articles, args.partitions)
        build_partitions(sources, half, args.articles // 2, args.partitions // 2)
        print(f"corpus: {args.articles:,} articles, {size / 1e6:.1f} MB, {args.partitions} "
              f"partitions of {math.ceil(args.articles / args.partitions):,}; "
              f"{args.workers} workers; os.cpu_count() = {os.cpu_count()}, load average "
              f"{os.getloadavg()[0]:.1f} at the start")

        t = time.perf_counter()
        local = scale.extract_corpus(full, work / "out-local", jobs=args.workers,
                                     progress=False)
        local_s = time.perf_counter() - t
        local_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        dask, dask_s, start_s, peaks, overhead = run_dask(full, work / "out-dask",
                                                          args.workers)
        half_report, half_s, _, half_peaks, _ = run_dask(half, work / "out-half",
                                                         args.workers)
        assert dask.records == local.records and dask.tallies == local.tallies

        print("\nengine  articles  seconds  articles/s  per worker  partitions/worker  "
              "peak MiB/worker")
        print(f"local   {local.written:>8,} {local_s:>8.1f} {local.written / local_s:>11.0f} "
              f"{local.written / local_s / args.workers:>11.0f}  "
              f"{sorted(local.workers().values())!s:>17}  {local_peak:>8.0f} (largest)")
        for report, seconds, worker_peaks in ((dask, dask_s, peaks),
                                              (half_report, half_s, half_peaks)):
            print(f"dask    {report.written:>8,} {seconds:>8.1f} "
                  f"{report.written / seconds:>11.0f} "
                  f"{report.written / seconds / args.workers:>11.0f}  "
                  f"{sorted(report.workers().values())!s:>17}  "
                  + ", ".join(f"{v:.0f}" for v in sorted(worker_peaks.values())))
        print(f"\noverhead ratio (dask / local wall time, same corpus): {dask_s / local_s:.3f}"
              f"; LocalCluster start: {start_s:.1f} s (not included)")
        print(f"records: {local.records:,} (identical counts and statuses in both engines)")

        per_task = sum(p.seconds for p in dask.partitions) / len(dask.partitions)
        per_article = per_task / (args.articles / args.partitions)
        print(f"\nscaling estimate: one partition of {args.articles // args.partitions:,} "
              f"articles costs {per_task:.2f} s on a worker ({per_article * 1e3:.2f} ms per "
              f"article); the scheduler's overhead is {overhead * 1e3:.2f} ms per task "
              "(a burst of empty tasks).")
        print("assumptions: partitions of equal cost; one single-threaded worker per core, "
              "each as fast as here; tasks independent (no shuffle); time = "
              "ceil(partitions / workers) x cost per partition + partitions x scheduler "
              "overhead (the overhead counted in full, never hidden behind work: "
              "pessimistic); the shared file system keeps up; cluster start-up and "
              "stragglers left out.")
        for total, partitions in ((args.articles, args.partitions),
                                  (10_000_000, 10_000_000 // (args.articles
                                                              // args.partitions))):
            print(f"  {total:,} articles in {partitions:,} partitions:")
            for workers in (1, 2, 64, 512):
                waves = math.ceil(partitions / workers)
                compute = waves * per_task
                sched = partitions * overhead
                seconds = compute + sched
                print(f"    {workers:>4} workers: {seconds:>9.1f} s "
                      f"({total / seconds:>9,.0f} articles/s; {waves} task(s) per worker, "
                      f"scheduler {sched:.1f} s)")

        print("\nquestion over the records         duckdb s   pandas s   same answer")
        for name, duck_s, pandas_s, same in questions(work / "out-dask"):
            print(f"{name:<32} {duck_s:>9.3f} {pandas_s:>10.3f}   {same}")
        print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
