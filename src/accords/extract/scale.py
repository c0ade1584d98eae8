"""Corpus extraction past one process: partitions in, Parquet partitions out, on one machine
or on a Dask cluster.

The input is a folder, a glob or a file list of **partitions**: JSON Lines files (one article
per line: ``id``, ``text``, optional ``lang``, ``published``, ``url``, ``title``) or Parquet
files with those columns. Each partition becomes one set of output files under ``OUT``
(:mod:`accords.extract.parquet`: ``records/``, ``articles/``, ``evidence/`` and ``_done/``).

Two engines run the same per-partition code, :func:`extract_partition`:

- ``local``: ``jobs`` worker processes of this machine (the lexicons compiled once before
  they fork), one partition per task when there are at least as many partitions as
  processes, else partition after partition with the articles of each spread over the
  processes in batches;
- ``dask``: one task per partition on a ``distributed`` cluster — a ``Client`` you pass, a
  scheduler address (``tcp://host:8786``, e.g. a Slurm cluster started with dask-jobqueue),
  or else a ``LocalCluster`` of ``jobs`` single-threaded worker processes. Each worker
  compiles the lexicons once when it starts (:class:`WarmLexicons`); the client shows a
  progress bar as partitions finish. The output folder must be one the workers can write
  (on a cluster: a shared file system).

**Resuming.** A partition is done when ``_done/<name>.json`` exists and records the same
input sha256, :func:`rules_version` (a digest of the package's code and lexicons), output
format and options; its files are then left alone, so a killed job rerun with the same command
does only the partitions that had not finished. Every output file is written atomically and
the ``_done`` file last, so a partition killed half-way is simply done again.

**Bad input.** A line that is not UTF-8 or JSON, has no id, repeats an id of its partition, or
that extraction fails on is reported by file and line (rows of Parquet input count from 1) and
skipped; the partition's other articles are written. An id that two partitions both write is
reported after the run (``CorpusReport.duplicates``, by file and line of the later one; found
with DuckDB over the ``articles`` tables). Every written article has the same
``lang``, ``status`` and ``status_reason`` as in the JSON Lines output (``articles`` table).

>>> import json, tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "p1.jsonl").write_text(json.dumps({"id": "a", "lang": "en", "text":
...     "Accord\\n\\nFrance and Italy signed a defence cooperation agreement on 3 May 2019."})
...     + "\\n{oops\\n", encoding="utf-8")
>>> report = extract_corpus(folder / "p1.jsonl", folder / "out", jobs=1, progress=False)
>>> report.written, [str(e).split(": ", 1)[1][:14] for e in report.errors]
(1, ['not valid JSON'])
>>> extract_corpus(folder / "p1.jsonl", folder / "out", jobs=1, progress=False).skipped
1
"""

from __future__ import annotations

import glob as globbing
import hashlib
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from accords.atomic import atomic_write_text
from accords.extract.batch import available_cores, warm_extraction
from accords.read.articles import OutputError

__all__ = ["ENGINES", "CorpusReport", "PartitionError", "PartitionReport", "WarmLexicons",
           "extract_corpus", "extract_partition", "partition_name", "partitions",
           "rules_version"]

ENGINES = ("local", "dask")
PARTITION_SUFFIXES = (".jsonl", ".parquet")

Row = dict[str, Any]


# --------------------------------------------------------------------------- the inputs


def partitions(source: str | Path | Sequence[str | Path]) -> list[Path]:
    """The partitions named by ``source``: a file, a folder (its ``.jsonl`` and ``.parquet``
    files, not its sub-folders), a glob (``corpus/2024-*.jsonl``) or a list of these; sorted,
    each once. Raises ``FileNotFoundError`` naming what matched nothing."""
    items = [source] if isinstance(source, str | Path) else list(source)
    found: dict[Path, None] = {}
    for item in items:
        text = str(item)
        path = Path(text)
        if path.is_dir():
            matches = sorted(p for p in path.iterdir() if p.is_file()
                             and p.suffix.lower() in PARTITION_SUFFIXES
                             and not p.name.startswith("."))
        elif path.is_file():
            matches = [path]
        elif globbing.has_magic(text):
            matches = sorted(Path(p) for p in globbing.glob(text) if Path(p).is_file())
        else:
            raise FileNotFoundError(f"{text}: no such file or folder.")
        if not matches:
            raise FileNotFoundError(f"{text}: no .jsonl or .parquet partitions there; give "
                                    "a folder of partitions, a glob or a file.")
        for match in matches:
            if match.suffix.lower() not in PARTITION_SUFFIXES:
                raise ValueError(f"{match}: a partition is a .jsonl or .parquet file; "
                                 "convert it or leave it out.")
            found[match] = None
    return sorted(found)


def partition_name(path: str | Path) -> str:
    """The output name of a partition: its file name without ``.jsonl``/``.parquet``."""
    return Path(path).stem


def _check_names(paths: Sequence[Path]) -> None:
    seen: dict[str, Path] = {}
    for path in paths:
        name = partition_name(path)
        if name in seen:
            raise ValueError(f"{path} and {seen[name]} would both write the partition "
                             f"{name!r}; rename one of them (partition names must be unique).")
        seen[name] = path


_DIGESTS: dict[str, str] = {}


def rules_version() -> str:
    """A digest of everything that decides a partition's output: the package's code, its
    lexicons and data tables, and the Parquet format version (computed once per process).

    >>> len(rules_version())
    16
    """
    if "rules" not in _DIGESTS:
        from accords.extract.parquet import FORMAT_VERSION

        root = Path(__file__).resolve().parent.parent  # the accords package
        digest = hashlib.sha256(FORMAT_VERSION.encode())
        for path in sorted(root.rglob("*")):
            if path.suffix in (".py", ".toml", ".tsv", ".csv") and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(path.read_bytes())
        _DIGESTS["rules"] = digest.hexdigest()[:16]
    return _DIGESTS["rules"]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _rows(path: Path) -> Iterator[tuple[int, Row | None, str | None]]:
    """``(line, row, problem)`` for each article of a partition; ``row`` is None when the
    line could not be read, and ``problem`` says why."""
    if path.suffix.lower() == ".parquet":
        yield from _parquet_rows(path)
        return
    from accords.extract.batch import _lines

    for number, line, problem in _lines(path):
        if problem is not None:
            yield number, None, problem
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, None, f"not valid JSON ({exc.msg} at column {exc.colno})"
            continue
        if not isinstance(row, dict):
            yield number, None, "not a JSON object"
            continue
        yield number, row, None


def _parquet_rows(path: Path) -> Iterator[tuple[int, Row | None, str | None]]:
    import datetime as dt

    import pyarrow.parquet as pq

    try:
        source = pq.ParquetFile(path)
    except Exception as exc:
        raise ValueError(f"{path}: not a readable Parquet file ({exc}); re-export it.") from exc
    if "text" not in source.schema_arrow.names or "id" not in source.schema_arrow.names:
        raise ValueError(f"{path}: a Parquet partition needs the columns 'id' and 'text' "
                         f"(found {', '.join(source.schema_arrow.names)}).")
    number = 0
    for batch in source.iter_batches(batch_size=1024):
        for row in batch.to_pylist():
            number += 1
            published = row.get("published")
            if isinstance(published, dt.date | dt.datetime):
                row["published"] = published.isoformat()[:10]
            yield number, {k: v for k, v in row.items() if v is not None}, None


# --------------------------------------------------------------------------- one partition


@dataclass(frozen=True, slots=True)
class PartitionError:
    """A line of a partition that was skipped: the file, its line (or row), id and reason."""

    file: str
    line: int
    article_id: str | None
    message: str

    def __str__(self) -> str:
        who = f" (id {self.article_id!r})" if self.article_id else ""
        return f"{self.file}:{self.line}{who}: {self.message}"


@dataclass
class PartitionReport:
    """What one partition gave: lines read, articles written, records, skipped lines,
    ``tallies`` of ``"lang status"``, whether it had been done before (``skipped``), the
    worker that did it and the seconds it took."""

    name: str
    source: str
    read: int = 0
    written: int = 0
    records: int = 0
    errors: list[PartitionError] = field(default_factory=list)
    tallies: dict[str, int] = field(default_factory=dict)
    skipped: bool = False
    worker: str | None = None
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        row = asdict(self)
        row["errors"] = [asdict(e) for e in self.errors]
        return row

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> PartitionReport:
        values = {k: v for k, v in row.items() if k in cls.__dataclass_fields__}
        values["errors"] = [PartitionError(**e) for e in row.get("errors") or ()]
        return cls(**values)


def _key(path: Path, evidence: bool) -> dict[str, Any]:
    from accords.extract.parquet import FORMAT_VERSION

    return {"input_sha256": _sha256(path), "rules_version": rules_version(),
            "format": FORMAT_VERSION, "evidence": evidence}


def _done_file(out: Path, name: str) -> Path:
    return out / "_done" / f"{name}.json"


def _already_done(path: Path, out: Path, key: dict[str, Any]) -> PartitionReport | None:
    from accords.extract.parquet import table_files

    marker = _done_file(out, partition_name(path))
    if not marker.is_file():
        return None
    try:
        done = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # unreadable marker: do the partition again
    if done.get("key") != key:
        return None
    if not all(p.is_file() for p in table_files(out, partition_name(path),
                                                evidence=key["evidence"]).values()):
        return None
    report = PartitionReport.from_json(done["report"])
    report.skipped, report.seconds, report.source = True, 0.0, str(path)
    return report


Outcome = tuple[int, Row | None, str | None, str | None]  # line, result, problem, id


def _extract_one(line: int, row: Row, evidence: bool) -> Outcome:
    from accords.extract import extract_row

    if row.get("id") in (None, ""):
        return line, None, "no 'id'", None
    try:
        return line, extract_row(row, provenance=evidence), None, str(row["id"])
    except Exception as exc:  # a bad article must not stop the partition
        return line, None, f"{type(exc).__name__}: {exc}", str(row["id"])


def _extract_batch(batch: list[tuple[int, Row]], evidence: bool):
    return [_extract_one(line, row, evidence) for line, row in batch]


Compute = Callable[[Iterable[tuple[int, Row]]], Iterator[Outcome]]


def _sequential(evidence: bool) -> Compute:
    def compute(rows):
        for line, row in rows:
            yield _extract_one(line, row, evidence)
    return compute


def extract_partition(source: str | Path, out: str | Path, *, evidence: bool = True,
                      force: bool = False, compute: Compute | None = None) -> PartitionReport:
    """Extract the records of one partition into ``out`` (the task of both engines).

    Returns its :class:`PartitionReport`; a partition already done with the same input,
    rules version and options is not read again (``skipped`` is True) unless ``force``.
    ``compute`` maps ``(line, row)`` pairs to ``(line, result, error, id)`` in order (default:
    one after another in this process; the local engine passes its process pool).
    """
    from accords.extract.parquet import PartitionWriter

    source, out = Path(source), Path(out)
    started = time.perf_counter()
    key = _key(source, evidence)
    if not force:
        done = _already_done(source, out, key)
        if done is not None:
            return done
    name = partition_name(source)
    report = PartitionReport(name=name, source=str(source), worker=_worker_name())
    tallies: Counter = Counter()
    ids: dict[bytes, int] = {}
    errors: list[PartitionError] = []

    def good_rows():
        for line, row, problem in _rows(source):
            report.read += 1
            if problem is not None:
                errors.append(PartitionError(str(source), line, None, problem))
                continue
            yield line, row

    compute = compute or _sequential(evidence)
    with PartitionWriter(out, name, evidence=evidence) as writer:
        for line, result, problem, article_id in compute(good_rows()):
            if problem is not None:
                errors.append(PartitionError(str(source), line, article_id, problem))
                continue
            digest = hashlib.blake2b(article_id.encode("utf-8", "surrogatepass"),
                                     digest_size=16).digest()
            if digest in ids:
                errors.append(PartitionError(
                    str(source), line, article_id, f"duplicate id (first on line {ids[digest]}"
                    "); the line was skipped — ids must be unique, rename one"))
                continue
            ids[digest] = line
            writer.add(line, result)
            tallies[f"{result.get('lang') or '?'} {result.get('status') or '?'}"] += 1
    report.written, report.records = writer.articles, writer.records
    report.errors = sorted(errors, key=lambda e: e.line)
    report.tallies = dict(sorted(tallies.items()))
    report.seconds = time.perf_counter() - started
    atomic_write_text(_done_file(out, name),
                      json.dumps({"key": key, "report": report.to_json()}, ensure_ascii=False,
                                 indent=1, sort_keys=True) + "\n")
    return report


def _worker_name() -> str:
    """The Dask worker's address, else ``pid N`` (a local process)."""
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return f"pid {os.getpid()}"


# --------------------------------------------------------------------------- the corpus


@dataclass
class CorpusReport:
    """The reports of every partition, with totals."""

    partitions: list[PartitionReport]
    output: str
    engine: str
    seconds: float = 0.0
    #: ids written by more than one partition (the second and later occurrences, by file and
    #: line); within a partition a repeated id is skipped, across partitions both are kept
    duplicates: list[PartitionError] = field(default_factory=list)

    @property
    def read(self) -> int:
        return sum(p.read for p in self.partitions)

    @property
    def written(self) -> int:
        return sum(p.written for p in self.partitions)

    @property
    def records(self) -> int:
        return sum(p.records for p in self.partitions)

    @property
    def errors(self) -> list[PartitionError]:
        return [e for p in self.partitions for e in p.errors]

    @property
    def skipped(self) -> int:
        """Partitions that were done already and left alone."""
        return sum(p.skipped for p in self.partitions)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.duplicates

    @property
    def tallies(self) -> Counter:
        """``(lang, status)`` counts over every partition (as ``batch.BatchReport``)."""
        total: Counter = Counter()
        for p in self.partitions:
            for key, count in p.tallies.items():
                lang, status = key.split(" ", 1)
                total[(lang, status)] += count
        return total

    def workers(self) -> Counter:
        """Partitions done by each worker (this run's, not those skipped)."""
        return Counter(p.worker for p in self.partitions if not p.skipped)


try:  # the plugin is a real WorkerPlugin where dask.distributed is installed
    from distributed import WorkerPlugin as _PluginBase
except ImportError:  # pragma: no cover - the scale extra is part of dev
    _PluginBase = object


class WarmLexicons(_PluginBase):
    """A Dask worker plugin: compile every lexicon once, when the worker starts.

    >>> WarmLexicons().name
    'accords-warm-lexicons'
    """

    name = "accords-warm-lexicons"

    def setup(self, worker=None) -> None:
        warm_extraction()

    def teardown(self, worker=None) -> None:
        return None


def _refuse_outputs(paths: Sequence[Path], out: Path) -> None:
    from accords.extract.parquet import TABLES

    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: the Parquet output is a folder, and this is a file; "
                          "choose a folder (it is created when missing).")
    written = {(out / table).resolve() for table in (*TABLES, "_done")}
    for path in paths:
        if path.resolve().parent in written:
            raise OutputError(f"{path}: this partition lies among the output files of {out}, "
                              "which the run would overwrite; choose another output folder.")


def extract_corpus(source, out: str | Path, *, engine: str = "local", jobs: int = 0,
                   client=None, scheduler: str | None = None, evidence: bool = True,
                   progress: bool = True, force: bool = False,
                   batch_size: int = 256) -> CorpusReport:
    """Extract every partition of ``source`` into the Parquet folder ``out``.

    ``engine="local"`` uses ``jobs`` processes of this machine (0: all cores);
    ``engine="dask"`` runs one task per partition on ``client`` (a ``distributed.Client``),
    else on the scheduler at ``scheduler``, else on a new ``LocalCluster`` of ``jobs``
    workers (0: one per core) that is closed at the end. Partitions done before with the same
    input and rules are skipped (see the module docstring); ``force`` does them again.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine {engine!r}: choose one of {', '.join(ENGINES)}.")
    if engine == "local" and (client is not None or scheduler is not None):
        raise ValueError("a Dask client or scheduler address needs engine='dask'.")
    paths = partitions(source)
    _check_names(paths)
    out = Path(out)
    _refuse_outputs(paths, out)
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    if engine == "local":
        reports = _run_local(paths, out, jobs=jobs, evidence=evidence, progress=progress,
                             force=force, batch_size=batch_size)
    else:
        reports = _run_dask(paths, out, jobs=jobs, client=client, scheduler=scheduler,
                            evidence=evidence, progress=progress, force=force)
    reports.sort(key=lambda r: r.name)
    report = CorpusReport(reports, str(out), engine)
    report.duplicates = _duplicates(out, {r.name: r.source for r in reports})
    report.seconds = time.perf_counter() - started
    return report


def _duplicates(out: Path, sources: dict[str, str], limit: int = 1000) -> list[PartitionError]:
    """Article ids that more than one partition wrote (DuckDB over the ``articles`` tables;
    without DuckDB the check is left out)."""
    try:
        import duckdb
    except ImportError:  # pragma: no cover - the scale extra is part of dev
        return []
    files = [str(out / "articles" / f"{name}.parquet") for name in sorted(sources)]
    files = [f for f in files if Path(f).is_file()]
    if len(files) < 2:
        return []
    with duckdb.connect() as con:
        rows = con.execute("""
            WITH a AS (SELECT article_id, partition, line,
                              row_number() OVER (PARTITION BY article_id
                                                 ORDER BY partition, line) AS n
                       FROM read_parquet(?))
            SELECT a.article_id, a.partition, a.line, f.partition, f.line
            FROM a JOIN a AS f ON f.article_id = a.article_id AND f.n = 1
            WHERE a.n > 1 ORDER BY a.partition, a.line LIMIT ?""", [files, limit]).fetchall()
    return [PartitionError(sources.get(part, part), line, article_id,
                           f"duplicate id: also written from {sources.get(first, first)} line "
                           f"{first_line}; ids must be unique across the corpus, rename one")
            for article_id, part, line, first, first_line in rows]


def _bar(total: int, unit: str, progress: bool):
    if not progress:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, unit=" " + unit, file=sys.stderr, dynamic_ncols=True)


def _run_local(paths, out, *, jobs, evidence, progress, force, batch_size):
    from concurrent.futures import ProcessPoolExecutor

    from accords.extract.batch import _fork_context

    jobs = available_cores() if jobs == 0 else max(1, jobs)
    pool = None
    if jobs > 1:
        warm_extraction()
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_fork_context())
    bar = _bar(len(paths), "partitions", progress)

    def pooled(rows):
        pending, batch = [], []
        for item in rows:
            batch.append(item)
            if len(batch) >= batch_size:
                pending.append(pool.submit(_extract_batch, batch, evidence))
                batch = []
                if len(pending) >= 2 * jobs:  # memory stays flat: few batches in flight
                    yield from pending.pop(0).result()
        if batch:
            pending.append(pool.submit(_extract_batch, batch, evidence))
        for future in pending:
            yield from future.result()

    reports = []
    try:
        if pool is not None and len(paths) >= jobs:
            # enough partitions to keep every process busy: one partition per task, as Dask
            from concurrent.futures import as_completed

            futures = [pool.submit(extract_partition, path, out, evidence=evidence,
                                   force=force) for path in paths]
            for future in as_completed(futures):
                reports.append(future.result())
                if bar is not None:
                    bar.update(1)
        else:  # fewer partitions than processes: the articles of each in batches
            for path in paths:
                reports.append(extract_partition(path, out, evidence=evidence, force=force,
                                                 compute=pooled if pool is not None else None))
                if bar is not None:
                    bar.update(1)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        if bar is not None:
            bar.close()
    return reports


def _run_dask(paths, out, *, jobs, client, scheduler, evidence, progress, force):
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:  # pragma: no cover - the scale extra is part of dev
        raise ImportError("engine='dask' needs dask.distributed: pip install "
                          "'accords[scale]' (or 'dask[distributed]').") from exc
    cluster = own = None
    if client is None:
        if scheduler:
            own = Client(scheduler)
        else:
            import logging

            cluster = LocalCluster(n_workers=available_cores() if jobs == 0 else max(1, jobs),
                                   threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
            own = Client(cluster)
        client = own
    try:
        client.register_plugin(WarmLexicons(), name=WarmLexicons.name)
        futures = client.map(extract_partition, [str(p) for p in paths], out=str(out.resolve()),
                             evidence=evidence, force=force, pure=False)
        bar = _bar(len(futures), "partitions", progress)
        reports = []
        try:
            for future in as_completed(futures):
                reports.append(future.result())
                if bar is not None:
                    bar.update(1)
        finally:
            if bar is not None:
                bar.close()
        return reports
    finally:
        if own is not None:
            own.close()
        if cluster is not None:
            cluster.close()

